"""Options several commands share, declared once: where files may come from, how the document looks,
which language stands in for a missing translation."""

from __future__ import annotations

import argparse

ALLOW_HELP = ("a folder outside the position's own that the files it names (CSVs, theme, templates, images) "
              "may lie in (repeat for more; also $PAPERKIT_ALLOWED_ROOTS); a position cannot widen this itself")
FALLBACK_HELP = ("a language whose text stands in where a translation is missing (a warning names each such "
                 "field); without it a missing translation is an error")


def add_allow(parser: argparse.ArgumentParser) -> None:
    """``--allow DIR``: a folder outside the position's that its files may lie in."""
    parser.add_argument("--allow", action="append", default=[], metavar="DIR", help=ALLOW_HELP)


def add_look(parser: argparse.ArgumentParser) -> None:
    """``--templates DIR``, ``--allow DIR`` and ``--paper``, as ``render`` has them."""
    parser.add_argument("--templates", action="append", default=[], metavar="DIR",
                        help="a folder of templates overriding the built-in ones file by file")
    add_allow(parser)
    parser.add_argument("--paper", choices=["A4", "Letter"], default=None, help="paper size (default: the position's)")


def add_fallback(parser: argparse.ArgumentParser) -> None:
    """``--fallback LANG``: the language whose text stands in for a missing translation."""
    parser.add_argument("--fallback", metavar="LANG", default=None, help=FALLBACK_HELP)
