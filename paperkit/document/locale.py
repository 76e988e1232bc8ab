"""Localised words and dates, resolved once so that writers never translate."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from ..model.dates import PartialDate

RTL_LANGUAGES = {"ar", "he", "fa", "ur", "ps", "yi", "dv", "ug", "ckb"}



@lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    """The Babel locale of a language tag (``en-GB`` → en_GB); English when unknown."""
    try:
        return Locale.parse(lang, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale.parse(lang.split("-")[0]) if "-" in lang else Locale("en")


def direction(lang: str) -> str:
    """``rtl`` for right-to-left scripts, else ``ltr``."""
    return "rtl" if lang.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def format_partial_date(value: PartialDate, lang: str) -> str:
    """A date as the language writes it: full dates long form, month-only as "July 2024"."""
    loc = babel_locale(lang)
    if value.day:
        return format_date(value.as_date(), format="long", locale=loc)
    if value.month:
        return _year_month(value, loc)
    return str(value.year)


def _year_month(value: PartialDate, loc: Locale) -> str:
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", value.as_date(), locale=loc)


def language_name(tag: str, in_lang: str) -> str:
    """The name of language ``tag`` written in ``in_lang`` ("Japanese", "japonais")."""
    name = babel_locale(tag).get_display_name(babel_locale(in_lang))
    return name or tag


MIN_REGIONS_THAT_DIFFER = 5
"""How many regions must write a date otherwise before a tag without a region is worth a warning
(Spanish has one region with a zero-padded day and two with "setiembre": not worth one)."""


def regional_date_note(lang: str, example: PartialDate) -> str | None:
    """For a tag without a region whose regions write dates differently, what is used and the other form.

    ``en`` writes "September 9, 2024" (as CLDR's en, which is the United States' form); 107
    regions of English write "9 September 2024".  Examples are named by how widely the language
    is spoken there (CLDR territory data), so en-GB comes before en-VU.
    """
    if "-" in lang or not example.day:
        return None
    from collections import defaultdict

    from babel import localedata
    from babel.core import get_global

    used = format_partial_date(example, lang)
    others: dict[str, list[str]] = defaultdict(list)
    for identifier in localedata.locale_identifiers():
        parts = identifier.split("_")
        if len(parts) != 2 or parts[0] != lang or not (len(parts[1]) == 2 and parts[1].isalpha()):
            continue  # scripts (en_Shaw) and world regions (en_150) are not what a user picks
        form = format_partial_date(example, f"{lang}-{parts[1]}")
        if form != used:
            others[form].append(parts[1])
    if not others:
        return None
    form, regions = max(others.items(), key=lambda item: len(item[1]))
    if len(regions) < MIN_REGIONS_THAT_DIFFER:
        return None
    spoken = get_global("territory_languages")
    regions.sort(key=lambda r: (-spoken.get(r, {}).get(lang, {}).get("population_percent", 0.0), r))
    tags = ", ".join(f"{lang}-{r}" for r in regions[:3])
    return (f"{lang} has no region, so dates read {used!r}; {len(regions)} regions write {form!r} "
            f"({tags} …): write the tag with its region to choose")
