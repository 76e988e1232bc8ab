"""Layout words in the document's language, from gettext catalogs (paperkit/locales/).

Catalogs are managed with Babel's extract → update → compile workflow (see README).
``N_`` marks a message for extraction; ``labels(lang)`` translates them all.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.support import NullTranslations, Translations

from .locale import babel_locale
from .nodes import Labels
from ..model.translations import pick

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "paperkit"
from ..model.labels import CATALOG_LANGUAGES  # noqa: E402,F401  (where the position's labels are checked)


def N_(message: str) -> str:
    """Mark ``message`` for extraction into the catalogs (translated later, in ``labels``)."""
    return message


MESSAGES = {
    "contact": N_("Contact"),
    "notes": N_("Notes"),
    "signatories": N_("Signatories"),
    "update": N_("Note on the update"),
    "versions": N_("Also available in"),
    "page": N_("Page {page} of {pages}"),
    "full_list": N_("The full list of signatories is available at {url}."),
    "withheld": N_("Name withheld"),
    "sources": N_("Sources"),
    # front matter (resolved into Front.embargo and Document.draft by build, not part of Labels)
    "embargo": N_("Embargoed until {datetime}"),
    "draft": N_("DRAFT"),
    # letters (resolved into the letter's nodes by paperkit.document.letter, not part of Labels)
    "place_date": N_("{place}, {date}"),
    "reference": N_("Our reference"),
    "dear_minister": N_("Dear Minister,"),
    "dear_ministers": N_("Dear Honourable Ministers,"),
    "excellency": N_("Excellency,"),
    "excellencies": N_("Excellencies,"),
    "dear_name": N_("Dear {name},"),
    "dear_sir_or_madam": N_("Dear Sir or Madam,"),
    "yours_sincerely": N_("Yours sincerely,"),
    "copy_to": N_("Copy to"),
    "enclosure": N_("Enclosure"),
    "enclosures": N_("Enclosures"),
}


@lru_cache(maxsize=32)
def translations(lang: str) -> NullTranslations:
    """The compiled catalog for a language tag (``zh-Hant`` → zh_Hant, then zh)."""
    loc = babel_locale(lang)
    candidates = [str(loc), loc.language]
    return Translations.load(str(LOCALES), candidates, DOMAIN)


@lru_cache(maxsize=32)
def labels(lang: str) -> Labels:
    """Every layout word in ``lang``; English where a catalog lacks one."""
    catalog = translations(lang)
    return Labels(**{field: catalog.gettext(message) for field, message in MESSAGES.items()
                     if field in Labels.__dataclass_fields__})


@lru_cache(maxsize=32)
def words(lang: str) -> dict[str, str]:
    """Every message in ``lang`` by its key (the letter's words are only here, not in Labels)."""
    catalog = translations(lang)
    return {field: catalog.gettext(message) for field, message in MESSAGES.items()}


def document_labels(lang: str, overrides: Any) -> Labels:
    """The layout words of one document: the catalog's, with the position's ``labels:`` over them
    (a removed label is ""; a label given in other languages only keeps the catalog's word)."""
    base = labels(lang)
    changes: dict[str, str] = {}
    for name, value in overrides.given().items():
        text = "" if value is None else value if isinstance(value, str) else pick(value, lang)
        if text is not None:
            changes[name] = text
    return dataclasses.replace(base, **changes) if changes else base
