"""``paperkit diff OLD NEW``: the command line of the redline."""

from __future__ import annotations

import argparse
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from .options import add_allow, add_fallback


def add_parser(sub: Any) -> None:  # argparse's sub-parsers action
    """Add the ``diff`` command to the CLI's sub-parsers."""
    diff = sub.add_parser(
        "diff", help="what changed between two versions: tracked-changes DOCX, redline PDF/HTML, update note",
        description="Compare two versions of a position, each a file or a git revision of one "
                    "(HEAD~1:positions/x.yaml). Writes <id>.<lang>.redline.docx (Word tracked changes), .pdf and "
                    ".html (insertions underlined, deletions struck through, a bar by each change) into --out, "
                    "and prints the update note in each language.")
    diff.add_argument("old", metavar="OLD", help="the earlier version: a position file or REV:path")
    diff.add_argument("new", metavar="NEW", help="the later version: a position file or REV:path")
    diff.add_argument("-o", "--out", default="out", metavar="DIR", help="output folder (default: out)")
    diff.add_argument("-f", "--format", default="docx,pdf,html", metavar="FORMATS",
                      help="comma-separated: docx, pdf, html (default: all three)")
    diff.add_argument("--lang", default="all", metavar="LANG",
                      help="languages to compare, comma-separated (default: every language both versions have)")
    diff.add_argument("--author", default=None,
                      help="author of the tracked changes (default: the new version's issuing organisations)")
    diff.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                      help="date of the changes and of the update note (default: the new version's date)")
    diff.add_argument("--write-update", action="store_true",
                      help="append the update note to NEW's updates: (NEW must be a file; its comments are kept)")
    add_allow(diff)
    add_fallback(diff)
    diff.set_defaults(run=run, command="diff")


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..redline import compare
    from ..redline.sources import is_revision, read_version
    from ..redline.update import append_update

    if args.write_update and is_revision(args.new):
        raise UsageError("--write-update edits NEW's file: give NEW as a file, not a git revision")
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    langs = "all" if args.lang == "all" else [x.strip() for x in args.lang.split(",") if x.strip()]
    with ExitStack() as stack:
        allow = tuple(Path(a) for a in args.allow)
        old = read_version(args.old, stack, args.fallback, allow)
        new = read_version(args.new, stack, args.fallback, allow)
        result = compare(old, new, formats, args.author, args.date, langs, args.fallback,
                         old_name=args.old, new_name=args.new)
        paths = result.write(args.out)
    for lang in result.added_languages:
        print(f"new language: {lang} (only in {args.new}; no redline)")
    for lang in result.removed_languages:
        print(f"language dropped: {lang} (only in {args.old})")
    for lang, diff in result.languages.items():
        changes = diff.revisions
        counted = f" ({changes['ins']} insertions, {changes['del']} deletions tracked)" if changes else ""
        print(f"{lang}: {diff.note}{counted}")
    for path in paths:
        print(path)
    if args.write_update:
        append_update(Path(args.new), result.date, {lang: d.sentence for lang, d in result.languages.items()})
        print(f"{args.new}: update note appended to updates:")
    return 0
