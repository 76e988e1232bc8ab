"""Labels per document: the words the layout adds, overridden or removed by the position.

For example::

    labels:
      contact: Media contact              # instead of "Contact"
      update: "Updated on {date}"         # {date}: the update's date, written in the language
      signatories: null                   # no "Signatories" heading over the list
      versions: {en: Also in, fr: Aussi en}   # per language; a language left out keeps the built-in word

A label is plain text (no markup, no other placeholders): what a label may hold in braces is
listed in ``PLACEHOLDERS``; ``null`` removes the label.
"""

from __future__ import annotations

import re

from pydantic import Field, ValidationInfo, field_validator

from .base import Strict
from .fields import Text

PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "contact": (), "notes": (), "signatories": (), "update": ("date",), "versions": (),
    "page": ("page", "pages"), "full_list": ("url",), "withheld": (),
}
"""The placeholders each label may hold (``{date}`` in the update note's label …)."""

CATALOG_LANGUAGES = ("en", "es", "fr", "ar", "zh", "ru", "ja")
"""Languages paperkit has a catalog of layout words for (paperkit/locales/)."""

REQUIRED = ("withheld",)
"""Labels that stand for something and so cannot be removed (a withheld name needs words)."""

_BRACES = re.compile(r"\{([^{}]*)\}")


class LabelOverrides(Strict):
    """Built-in layout words this document says otherwise, or leaves out (``null``)."""

    contact: Text | None = Field(None, description='"Contact" over the contacts, e.g. "Media contact" or '
                                                   '"For more information, please contact:"; null: no label.')
    notes: Text | None = Field(None, description='"Notes", the heading of the notes on screen (HTML, text); '
                                                 "null: no heading.")
    signatories: Text | None = Field(None, description='"Signatories", the heading over the signatory list; '
                                                       "null: no heading.")
    update: Text | None = Field(None, description='"Note on the update"; "{date}" puts the update\'s date in it, '
                                                  'e.g. "Updated on {date}"; null: no label.')
    versions: Text | None = Field(None, description='"Also available in" before the links to other languages; '
                                                    "null: the links alone.")
    page: Text | None = Field(None, description='"Page {page} of {pages}" in the Word footer; null: no page numbers.')
    full_list: Text | None = Field(None, description='"The full list of signatories is available at {url}."; '
                                                     "null: no such line.")
    withheld: Text | None = Field(None, description='"Name withheld", shown for a withheld signatory.')

    @field_validator("*")
    @classmethod
    def _placeholders(cls, value: Text | None, info: ValidationInfo) -> Text | None:
        name = info.field_name or ""
        if value is None:
            if name in REQUIRED:
                raise ValueError(f"the {name} label cannot be removed; give the words to use")
            return value
        allowed = PLACEHOLDERS.get(name, ())
        for text in value.values() if isinstance(value, dict) else [value]:
            for found in _BRACES.findall(text):
                if found not in allowed:
                    listed = ", ".join("{" + a + "}" for a in allowed) if allowed else "none"
                    raise ValueError(f"{{{found}}} is not a placeholder of this label (it may use: {listed}); "
                                     "a label is plain text")
        return value

    def given(self) -> dict[str, Text | None]:
        """The labels the document sets (None: removed), by name."""
        return {name: getattr(self, name) for name in self.model_fields_set}


def _untranslated(value: Text | None, lang: str) -> bool:
    """Whether a label given in several languages lacks ``lang``."""
    from .translations import pick

    return isinstance(value, dict) and pick(value, lang) is None


def english_labels(lang: str, overrides: LabelOverrides) -> list[str]:
    """Labels that will be English in ``lang`` because paperkit has no catalog for it and the
    position's ``labels:`` does not give them (empty for a language with a catalog)."""
    if lang.split("-")[0].lower() in CATALOG_LANGUAGES:
        return []
    given = overrides.given()
    return [name for name in PLACEHOLDERS
            if name not in given or _untranslated(given[name], lang)]
