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
