"""The signatory list in the document tree: entries, column hints, counts for the prose."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal

from ..load.signatories import Arranged, arranged
from ..model.signatories import Signatory
from .width import display_width
from . import nodes as n
from .locale import babel_locale

__all__ = ["arranged", "column_hint", "detail", "placeholder_values", "signatory_node"]

THREE_COLUMNS = 26
"""Longest line (in character widths) that still fits three columns of an A4 page."""
TWO_COLUMNS = 40
"""… and two columns."""
MIN_FOR_COLUMNS = 6
"""Fewer entries than this stay in one column."""


def detail(signatory: Signatory) -> str | None:
    """ "Role, Affiliation, Country" (each part only when given); country only when withheld."""
    if signatory.withheld:
        return signatory.country or None
    parts = (signatory.role, signatory.affiliation, signatory.country)
    return ", ".join(p for p in parts if p) or None


def signatory_node(signatory: Signatory, withheld_label: str) -> n.Signatory:
    """The tree node of a cleaned signature (a withheld name becomes the label)."""
    if signatory.withheld:
        return n.Signatory(withheld_label, detail(signatory), signatory.type, True, signatory.country)
    return n.Signatory(signatory.name or "", detail(signatory), signatory.type, False, signatory.country,
                       signatory.url, signatory.logo)


def column_hint(entries: tuple[n.Signatory, ...]) -> int:
    """3 when most "name, detail" lines are short, 2 when moderately so, else 1.

    Nine lines in ten must fit the column; the longest may be half as long again and wraps
    onto a second line under itself: a few long names should not put fifty short ones in
    one long column.
    """
    if len(entries) < MIN_FOR_COLUMNS:
        return 1
    widths = sorted(display_width(e.name + (", " + e.detail if e.detail else "")) for e in entries)
    typical, longest = widths[min(len(widths) - 1, len(widths) * 9 // 10)], widths[-1]
    for columns, fits in ((3, THREE_COLUMNS), (2, TWO_COLUMNS)):
        if typical <= fits and longest <= fits * 3 // 2:
            return columns
    return 1


def placeholder_values(position: Any, lang: str) -> dict[str, str]:
    """Values of the ``{signatories.…}`` placeholders, numbers written as ``lang`` writes them."""
    if position.signatories is None:
        return {}
    counts = arranged(position).counts
    locale = babel_locale(lang)
    return {f"signatories.{name}": format_decimal(getattr(counts, name), locale=locale)
            for name in ("total", "organisations", "individuals", "countries", "withheld")}


def counts_of(result: Arranged) -> n.SignatoryCounts:
    """The tree's counts."""
    c = result.counts
    return n.SignatoryCounts(c.total, c.organisations, c.individuals, c.countries, c.withheld)
