"""The CLI's own words: counts with the plural form CLDR's rules give (through Babel).

The command line speaks English; "1 organisation", "2 organisations", "1,024 rows".
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

CLI_LOCALE = "en"


@lru_cache(maxsize=1)
def _locale() -> Locale:
    return Locale.parse(CLI_LOCALE)


def count(n: int, one: str, other: str) -> str:
    """``n`` and the noun in the plural form CLDR's rule gives for ``n`` ("1 organisation")."""
    noun = one if _locale().plural_form(n) == "one" else other
    return f"{format_decimal(n, locale=_locale())} {noun}"
