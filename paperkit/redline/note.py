"""The update note, in the document's language, from the changes (``changes.Summary``).

"Updated on 19 April 2024: demand 4 added; paragraph 2 revised; 12 signatories added
(total 158)."  The words come from the ``redline`` gettext catalogs in paperkit/locales/
(extract, translate and compile them as the README says for the ``paperkit`` domain).
"""

from __future__ import annotations

from functools import lru_cache

from babel.lists import format_list
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

from ..document.labels import LOCALES
from ..model.dates import parse_partial_date
from ..document.locale import babel_locale, format_partial_date, language_name
from .changes import Summary

DOMAIN = "redline"


def NR_(message: str) -> str:
    """Mark a message for extraction into the ``redline`` catalogs."""
    return message


def NRP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural for extraction into the ``redline`` catalogs."""
    return singular, plural


UPDATED = NR_("Updated on {date}: {changes}.")
SEPARATOR = NR_("; ")
NO_CHANGES = NR_("no changes to the text")
TITLE = NR_("title revised")
SECTION = {
    "added": NR_("section “{heading}” added"),
    "removed": NR_("section “{heading}” removed"),
    "revised": NR_("heading “{heading}” revised"),
    "moved": NR_("section “{heading}” moved"),
}
NUMBERED = {
    ("paragraph", "added"): NRP_("paragraph {numbers} added", "paragraphs {numbers} added"),
    ("paragraph", "removed"): NRP_("paragraph {numbers} removed", "paragraphs {numbers} removed"),
    ("paragraph", "revised"): NRP_("paragraph {numbers} revised", "paragraphs {numbers} revised"),
    ("demand", "added"): NRP_("demand {numbers} added", "demands {numbers} added"),
    ("demand", "removed"): NRP_("demand {numbers} removed", "demands {numbers} removed"),
    ("demand", "revised"): NRP_("demand {numbers} revised", "demands {numbers} revised"),
    ("concern", "added"): NRP_("concern {numbers} added", "concerns {numbers} added"),
    ("concern", "removed"): NRP_("concern {numbers} removed", "concerns {numbers} removed"),
    ("concern", "revised"): NRP_("concern {numbers} revised", "concerns {numbers} revised"),
    ("item", "added"): NRP_("list item {numbers} added", "list items {numbers} added"),
    ("item", "removed"): NRP_("list item {numbers} removed", "list items {numbers} removed"),
    ("item", "revised"): NRP_("list item {numbers} revised", "list items {numbers} revised"),
    ("table", "added"): NRP_("table {numbers} added", "tables {numbers} added"),
    ("table", "removed"): NRP_("table {numbers} removed", "tables {numbers} removed"),
    ("table", "revised"): NRP_("table {numbers} revised", "tables {numbers} revised"),
    ("figure", "added"): NRP_("figure {numbers} added", "figures {numbers} added"),
    ("figure", "removed"): NRP_("figure {numbers} removed", "figures {numbers} removed"),
    ("figure", "revised"): NRP_("figure {numbers} revised", "figures {numbers} revised"),
    ("note", "added"): NRP_("note {numbers} added", "notes {numbers} added"),
    ("note", "removed"): NRP_("note {numbers} removed", "notes {numbers} removed"),
    ("note", "revised"): NRP_("note {numbers} revised", "notes {numbers} revised"),
}
MOVED = {
    "paragraph": NR_("paragraph {old} moved to {new}"),
    "demand": NR_("demand {old} moved to {new}"),
    "concern": NR_("concern {old} moved to {new}"),
    "item": NR_("list item {old} moved to {new}"),
    "table": NR_("table {old} moved to {new}"),
    "figure": NR_("figure {old} moved to {new}"),
}
UNNUMBERED = {  # a bulleted item has no number to name it by
    ("demand", "added"): NRP_("{count} demand added", "{count} demands added"),
    ("demand", "removed"): NRP_("{count} demand removed", "{count} demands removed"),
    ("demand", "revised"): NRP_("{count} demand revised", "{count} demands revised"),
    ("demand", "moved"): NRP_("{count} demand moved", "{count} demands moved"),
    ("concern", "added"): NRP_("{count} concern added", "{count} concerns added"),
    ("concern", "removed"): NRP_("{count} concern removed", "{count} concerns removed"),
    ("concern", "revised"): NRP_("{count} concern revised", "{count} concerns revised"),
    ("concern", "moved"): NRP_("{count} concern moved", "{count} concerns moved"),
    ("item", "added"): NRP_("{count} list item added", "{count} list items added"),
    ("item", "removed"): NRP_("{count} list item removed", "{count} list items removed"),
    ("item", "revised"): NRP_("{count} list item revised", "{count} list items revised"),
    ("item", "moved"): NRP_("{count} list item moved", "{count} list items moved"),
}
SIGNATORIES_ADDED = NRP_("{count} signatory added (total {total})", "{count} signatories added (total {total})")
SIGNATORIES_REMOVED_ONLY = NRP_("{count} signatory removed", "{count} signatories removed")
SIGNATORIES_REMOVED = NRP_("{count} signatory removed (total {total})", "{count} signatories removed (total {total})")
LANGUAGE_ADDED = NR_("{language} version added")
LANGUAGE_REMOVED = NR_("{language} version withdrawn")

_ORDER = ("title", "section", "paragraph", "concern", "demand", "item", "table", "figure", "note")
_OPS = ("added", "revised", "moved", "removed")


@lru_cache(maxsize=32)
def catalog(lang: str) -> NullTranslations:
    """The ``redline`` catalog of a language (English when there is none)."""
    loc = babel_locale(lang)
    return Translations.load(str(LOCALES), [str(loc), loc.language], DOMAIN)


def phrases(summary: Summary, lang: str, added_languages: tuple[str, ...] = (),
            removed_languages: tuple[str, ...] = ()) -> list[str]:
    """Each change as a phrase in ``lang``, in the order of the document's parts."""
    t = catalog(lang)
    locale = babel_locale(lang)
    out: list[str] = []
    for kind in _ORDER:
        for op in _OPS:
            found = summary.of(kind, op)
            if not found:
                continue
            if kind == "title":
                out.append(t.gettext(TITLE))
            elif kind == "section":
                out += [t.gettext(SECTION[op]).format(heading=c.label) for c in found]
            elif op == "moved" and all(c.label and c.old_label for c in found):
                out += [t.gettext(MOVED[kind]).format(old=c.old_label, new=c.label) for c in found]
            elif all(c.label for c in found) or (kind, op) not in UNNUMBERED:
                singular, plural = NUMBERED[(kind, op)]
                numbers = format_list([c.label for c in found if c.label] or ["?"], locale=locale)
                out.append(t.ngettext(singular, plural, len(found)).format(numbers=numbers))
            else:
                singular, plural = UNNUMBERED[(kind, op)]
                out.append(t.ngettext(singular, plural, len(found)).format(
                    count=format_decimal(len(found), locale=locale)))
    total = format_decimal(summary.signatories_total or 0, locale=locale)
    added, removed = summary.signatories_added, summary.signatories_removed
    said = []  # the total once, after the last count
    if removed:
        said.append((removed, SIGNATORIES_REMOVED if not added else SIGNATORIES_REMOVED_ONLY))
    if added:
        said.append((added, SIGNATORIES_ADDED))
    for count, (singular, plural) in said:
        out.append(t.ngettext(singular, plural, count).format(count=format_decimal(count, locale=locale),
                                                               total=total))
    out += [t.gettext(LANGUAGE_ADDED).format(language=language_name(x, lang)) for x in added_languages]
    out += [t.gettext(LANGUAGE_REMOVED).format(language=language_name(x, lang)) for x in removed_languages]
    return out


def changes_sentence(summary: Summary, lang: str, added_languages: tuple[str, ...] = (),
                     removed_languages: tuple[str, ...] = ()) -> str:
    """The changes as one sentence ("Demand 4 added; paragraph 2 revised."): the text of an
    ``updates:`` entry, whose date the document prints beside it."""
    t = catalog(lang)
    found = phrases(summary, lang, added_languages, removed_languages) or [t.gettext(NO_CHANGES)]
    text = t.gettext(SEPARATOR).join(found)
    stop = "。" if babel_locale(lang).language in ("ja", "zh") else "."
    return text[:1].upper() + text[1:] + stop


def update_note(summary: Summary, lang: str, date: str, added_languages: tuple[str, ...] = (),
                removed_languages: tuple[str, ...] = ()) -> str:
    """"Updated on 19 April 2024: demand 4 added; …" in ``lang`` (``date``: YYYY-MM-DD, YYYY-MM or YYYY)."""
    t = catalog(lang)
    found = phrases(summary, lang, added_languages, removed_languages) or [t.gettext(NO_CHANGES)]
    when = format_partial_date(parse_partial_date(date), lang)
    return t.gettext(UPDATED).format(date=when, changes=t.gettext(SEPARATOR).join(found))
