"""The signatory list in the document tree: clean-up, duplicates, order, counts, columns.

Clean-up without damage
    Every value: Unicode NFC, trimmed, runs of white space made one space.  Case and spelling
    are never changed.  Duplicates are found ignoring case, accents and white space (the same
    organisation twice, an organisation also listed as an individual): the first — inline
    entries group by group, then the CSV top to bottom — is kept, the others reported.  When
    either copy is withheld, the kept one is withheld.

Order: :mod:`paperkit.document.collation`.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from babel.numbers import format_decimal

from ..errors import TextWarning, is_bidi_control, terminal_safe
from ..model.signatories import (PlacedSignatories, Signatory, SignatoryFile, SignatoryGroup, clean, match_key,
                                 without_invisible)
from . import nodes as n
from .collation import sort_key
from .locale import babel_locale
from .width import display_width, is_wide

if TYPE_CHECKING:  # pragma: no cover
    from ..resolve import Resolved

__all__ = ["Arranged", "arrange", "arranged", "column_hint", "columns_of", "detail", "duplicate_key",
           "names_size", "placeholder_values", "signatory_node"]

_WS = re.compile(r"\s+")
_ARRANGED: weakref.WeakKeyDictionary[Resolved, Arranged] = weakref.WeakKeyDictionary()


def arranged(resolved: Resolved) -> Arranged | None:
    """The resolved position's signatories arranged (once per resolved position), or None.

    The first time, the list's ``duplicates`` policy speaks: ``drop`` warns about each entry
    left out (``SignatoryWarning``), ``report`` raises InvalidInput naming every duplicate.
    """
    if resolved.signatories is None:
        return None
    if resolved not in _ARRANGED:
        result = arrange(resolved.signatories)
        _speak(result, resolved.signatories.spec.duplicates, str(resolved.source or "<position>"))
        _ARRANGED[resolved] = result
        for entry, scripts in result.lookalikes:
            warnings.warn(TextWarning(f"{entry.source}: {terminal_safe(entry.signatory.name or '')!r} mixes "
                                      f"{scripts} letters in one word: a look-alike of another name? "
                                      "(paperkit signatories check lists them)"), stacklevel=2)
        for entry in result.bidi:
            where = f"{result.imported.file} {entry.source}" if result.imported and entry.source.startswith("row") \
                else entry.source
            warnings.warn(TextWarning(f"{where}: {entry.as_written!r}: bidi control characters "
                                      f"removed from the name (printed as {entry.signatory.name!r}); they can make a "
                                      "name show in another order than it is written"), stacklevel=2)
    return _ARRANGED[resolved]


def _speak(result: Arranged, policy: str, where: str) -> None:
    """The duplicates policy's warnings (drop) or error (report)."""
    from ..errors import InvalidInput, Problem, SignatoryWarning

    if policy == "report" and result.duplicates:
        raise InvalidInput([Problem(where, None, None, "signatories", f"duplicate signatory {_named(d.dropped)} "
                                    f"({d.dropped.source}): the same as {_named(d.kept)} ({d.kept.source}), {d.how} "
                                    "(duplicates: report; fix the list, or say duplicates: drop or keep)")
                            for d in result.duplicates])
    if policy == "drop":
        for d in result.duplicates:
            gained = f"; the kept entry takes its {', '.join(d.gained)}" if d.gained else ""
            warnings.warn(SignatoryWarning(
                f"{where}: duplicate signatory {_named(d.dropped)} ({d.dropped.source}) left out: the same as "
                f"{_named(d.kept)} ({d.kept.source}), {d.how}{gained}"), stacklevel=4)


def _named(entry: Entry) -> str:
    return repr(entry.as_written or entry.signatory.name or "(withheld)")


@dataclass(frozen=True, slots=True)
class Entry:
    """A signature after clean-up, with where it came from."""

    signatory: Signatory
    source: str
    """``row 12`` (of the CSV file) or ``groups[0].entries[3]`` (of the position)."""
    order: int
    """Place in source order (inline entries group by group, then the CSV)."""
    as_written: str = ""
    """The name before clean-up."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A signature dropped because an earlier one has the same name."""

    kept: Entry
    dropped: Entry
    how: str
    gained: tuple[str, ...] = ()
    """Fields the kept entry took from the dropped one (it had none): url, logo, affiliation …"""


@dataclass(frozen=True)
class ArrangedGroup:
    """A group of the position with its entries, cleaned, deduplicated and ordered."""

    spec: SignatoryGroup
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Arranged:
    """The whole list, ready for the document tree, and what happened to it."""

    groups: tuple[ArrangedGroup, ...]
    duplicates: tuple[Duplicate, ...]
    counts: n.SignatoryCounts
    imported: SignatoryFile | None = None
    lookalikes: tuple[tuple[Entry, str], ...] = ()
    """Entries whose names mix scripts (a Cyrillic "а" in a Latin name): (entry, which scripts)."""
    policy: str = "drop"
    """The list's ``duplicates``: drop, keep or report."""
    bidi: tuple[Entry, ...] = ()
    """Entries whose name as written held bidi controls (removed from the printed name)."""


def arrange(placed: PlacedSignatories) -> Arranged:
    """Clean, deduplicate (first kept), order within groups, and count."""
    groups = placed.groups
    kept_entries: list[list[Entry]] = [[] for _ in groups]
    sources: list[tuple[int, Entry]] = []
    order = 0
    for gi, (group, _) in enumerate(groups):
        for ei, given in enumerate(group.entries):
            written = given if isinstance(given, str) else given.name or ""
            sources.append((gi, Entry(_clean_signatory(given, group), f"groups[{gi}].entries[{ei}]", order, written)))
            order += 1
    by_row = sorted(((row.row, gi, row) for gi, (_, rows) in enumerate(groups) for row in rows),
                    key=lambda t: t[0])
    for _, gi, row in by_row:
        sources.append((gi, Entry(row.signatory, f"row {row.row}", order, row.as_written)))  # cleaned when read
        order += 1
    seen: dict[str, tuple[int, int]] = {}
    duplicates: list[Duplicate] = []
    keep_all = placed.spec.duplicates == "keep"
    for gi, entry in sources:
        key = duplicate_key(entry.signatory)
        if key and key in seen:
            kg, ki = seen[key]
            kept = kept_entries[kg][ki]
            if keep_all:
                duplicates.append(Duplicate(kept, entry, _how(kept, entry)))
                kept_entries[gi].append(entry)
                continue
            update = {f: getattr(entry.signatory, f) for f in MERGED_FIELDS
                      if getattr(entry.signatory, f) and not getattr(kept.signatory, f)}
            if entry.signatory.withheld and not kept.signatory.withheld:
                update["withheld"] = True
            duplicates.append(Duplicate(kept, entry, _how(kept, entry), tuple(f for f in update if f != "withheld")))
            if update:
                kept_entries[kg][ki] = Entry(kept.signatory.model_copy(update=update), kept.source, kept.order,
                                             kept.as_written)
            continue
        if key:
            seen[key] = (gi, len(kept_entries[gi]))
        kept_entries[gi].append(entry)
    if placed.spec.order == "alphabetical":
        for entries in kept_entries:
            entries.sort(key=lambda e: sort_key(e.signatory))
    everyone = [e.signatory for entries in kept_entries for e in entries]
    arranged_groups = tuple(ArrangedGroup(group, tuple(entries)) for (group, _), entries in zip(groups, kept_entries))
    lookalikes = tuple((e, scripts) for _, e in sources if (scripts := mixed_scripts(e.signatory.name or "")))
    bidi = tuple(e for _, e in sources if any(is_bidi_control(c) for c in e.as_written))
    return Arranged(arranged_groups, tuple(duplicates), count(everyone), placed.file, lookalikes,
                    placed.spec.duplicates, bidi)


WRITTEN_TOGETHER = ({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}, {"LATIN", "HAN", "BOPOMOFO"}, {"LATIN", "HAN", "HANGUL"})
"""Scripts one word may mix: Unicode TR 39 (5.2, "Highly Restrictive") allows Japanese, Chinese
and Korean writing (with Latin) and nothing else (https://www.unicode.org/reports/tr39/#Restriction_Level_Detection,
checked 2026-11-30)."""


def mixed_scripts(name: str) -> str:
    """The scripts a name mixes within one word ("Cyrillic and Latin"), or "" — a look-alike
    letter from another script defeats duplicate detection and misleads readers.  Words are
    judged as Unicode TR 39's "Highly Restrictive" level does, with the script data of the
    ``confusable_homoglyphs`` package."""
    from confusable_homoglyphs import categories

    found: set[str] = set()
    for word in name.split():
        scripts = {categories.alias(c) for c in word if c.isalpha()} - {"COMMON", "INHERITED"}
        if len(scripts) > 1 and not any(scripts <= allowed for allowed in WRITTEN_TOGETHER):
            found |= scripts
    return " and ".join(sorted(s.title() for s in found))


MERGED_FIELDS = ("url", "logo", "affiliation", "role", "country", "sort_as", "signed")
"""What a kept entry takes from a dropped duplicate that has it when the kept one has not."""


def duplicate_key(signatory: Signatory) -> str | None:
    """The key duplicates share: the whole name without case, accents or white space.

    A person named by one word only (a first name) is the same person only when their
    affiliation, role and country are the same too: a shared first name is not a duplicate.
    """
    if not signatory.name:
        return None
    key = match_key(signatory.name)
    name = clean(signatory.name)
    if signatory.type == "individual" and " " not in name and not any(is_wide(c) for c in name):
        # (Chinese and Japanese names are written whole, without a space: not a first name alone.)
        key += "\x00" + "\x00".join(match_key(x or "") for x in
                                    (signatory.affiliation, signatory.role, signatory.country))
    return key


def _clean_signatory(entry: str | Signatory, group: SignatoryGroup | None) -> Signatory:
    if isinstance(entry, str):
        kind = group.takes if group is not None and group.takes else "organisation"
        return Signatory.model_construct(name=clean(entry), type=kind)
    updates = {f: clean(getattr(entry, f)) or None
               for f in ("name", "country", "affiliation", "role", "sort_as") if getattr(entry, f)}
    if group is not None and group.takes and "type" not in entry.model_fields_set:
        updates["type"] = group.takes
    return entry.model_copy(update=updates) if updates else entry


def _how(kept_entry: Entry, dropped_entry: Entry) -> str:
    kept, dropped = kept_entry.signatory, dropped_entry.signatory
    a, b = kept_entry.as_written or kept.name or "", dropped_entry.as_written or dropped.name or ""
    if a == b:
        how = "the same name"
    elif without_invisible(a, frozenset()) == without_invisible(b, frozenset()):
        how = "differs only in invisible characters (zero-width spaces, joiners, soft hyphens, bidi controls …)"
    elif unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        how = "differs only in Unicode normalisation (the same letters, composed differently)"
    elif clean(a) == clean(b) or _WS.sub("", a) == _WS.sub("", b):
        how = "differs only in white space"
    elif a.casefold() == b.casefold():
        how = "differs only in case"
    elif _strip_accents(a) == _strip_accents(b):
        how = "differs only in accents"
    else:
        how = "differs in case, accents or white space"
    if kept.type != dropped.type:
        how += f"; listed as {kept.type} and as {dropped.type}"
    return how


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def count(signatories: Iterable[Signatory]) -> n.SignatoryCounts:
    """Totals of organisations, individuals, withheld names and distinct countries."""
    total = organisations = individuals = withheld = 0
    countries: set[str] = set()
    for s in signatories:
        total += 1
        if s.type == "organisation":
            organisations += 1
        else:
            individuals += 1
        withheld += bool(s.withheld)
        if s.country:
            countries.add(country_key(s.country))
    return n.SignatoryCounts(total, organisations, individuals, len(countries), withheld)


def country_key(country: str) -> str:
    """The same key for "Kenya", "kenya" and "KE" (English names and ISO codes via Babel)."""
    key = match_key(country)
    return _territories().get(key, key)


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    from babel import Locale

    out: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if code.isalpha():
            out[match_key(name)] = code
            out[match_key(code)] = code
    return out


# ---------------------------------------------------------------- the tree

THREE_COLUMNS = 26
"""Longest line (in character widths) that still fits three columns of an A4 page."""
TWO_COLUMNS = 40
"""… and two columns."""
MIN_FOR_COLUMNS = 6
"""Fewer entries than this stay in one column."""
COLUMN_TEXT_SIZE = 0.92
"""Names in two or three columns are set a little smaller than the text (a multiple of its size),
in the PDF and the DOCX alike."""


def names_size(columns: int) -> float:
    """The names' size as a multiple of the text's, in ``columns`` columns."""
    return COLUMN_TEXT_SIZE if columns > 1 else 1.0


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


def column_hint(entries: tuple[n.Signatory, ...], names_only: bool = False) -> int:
    """3 when most "name, detail" lines are short, 2 when moderately so, else 1.

    Nine lines in ten must fit the column; the longest may be half as long again and wraps
    onto a second line under itself: a few long names should not put fifty short ones in
    one long column.  ``names_only`` (details under the names, where they wrap in the
    column): the names alone decide.
    """
    if len(entries) < MIN_FOR_COLUMNS:
        return 1
    widths = sorted(display_width(e.name + (", " + e.detail if e.detail and not names_only else ""))
                    for e in entries)
    typical, longest = widths[min(len(widths) - 1, len(widths) * 9 // 10)], widths[-1]
    for columns, fits in ((3, THREE_COLUMNS), (2, TWO_COLUMNS)):
        if typical <= fits and longest <= fits * 3 // 2:
            return columns
    return 1


def columns_of(group: SignatoryGroup, entries: tuple[n.Signatory, ...]) -> int:
    """The group's ``columns``, or the hint when it says auto (from the names alone when the
    details go under them)."""
    if group.columns != "auto":
        return group.columns
    return column_hint(entries, names_only=group.details == "under")


def placeholder_values(result: Arranged | None, lang: str) -> dict[str, str]:
    """Values of the ``{signatories.…}`` placeholders, numbers written as ``lang`` writes them."""
    if result is None:
        return {}
    counts = result.counts
    locale = babel_locale(lang)
    return {f"signatories.{name}": format_decimal(getattr(counts, name), locale=locale)
            for name in ("total", "organisations", "individuals", "countries", "withheld")}
