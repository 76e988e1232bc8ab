"""Who signed a joint statement: signatories, their groups, and where the list comes from.

Entries are given inline (a name, or a mapping) under each group, or read from a
CSV sign-on export (``file:``); see ``paperkit.load.signatories`` for the import,
``paperkit.document.signatories`` for clean-up, duplicates and order.  For example::

    signatories:
      file: signatures.csv            # relative to the position file
      preset: google-forms            # or action-network; or neither: headers named like the fields
      columns: {name: "Organisation name", country: Country}   # overrides the preset
      order: alphabetical             # or given (the default)
      groups:                         # in the order they are printed
        - label: orgs                 # what the CSV's group column says (default: the heading)
          heading: Organisations
          takes: organisation         # rows of this type with no group come here
          entries: [Access Now]       # inline entries come before the CSV's rows
        - heading: Individuals*
          note: "*Affiliation for identification purposes only"
          takes: individual
      full_list_url: https://example.org/signatories

The prose can count them: ``{signatories.organisations}``, ``{signatories.individuals}``,
``{signatories.countries}``, ``{signatories.total}``, ``{signatories.withheld}``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from .base import Strict
from .fields import Date, NonBlank, Text, Url

SignatoryType = Literal["organisation", "individual"]

Header = str | list[str]
"""A CSV header, or several joined with a space (first and last name)."""


class ColumnMap(Strict):
    """The CSV header of each field (case-insensitive); a list of headers is joined with a space."""

    name: Header | None = Field(None, description='e.g. "Organisation name", or [First name, Last name]')
    type: Header | None = None
    country: Header | None = None
    affiliation: Header | None = None
    role: Header | None = None
    url: Header | None = None
    logo: Header | None = None
    group: Header | None = None
    withheld: Header | None = None
    signed: Header | None = None
    sort_as: Header | None = None

    def as_dict(self) -> dict[str, Header]:
        """The fields that are mapped."""
        return {k: v for k, v in self.model_dump().items() if v is not None}

Preset = Literal["google-forms", "action-network"]
Order = Literal["given", "alphabetical"]


class Signatory(Strict):
    """One signature: an organisation or an individual."""

    name: str | None = Field(None, description="As signed; never changed except for white space. "
                                                "May be left out only when withheld.")
    type: SignatoryType = "organisation"
    country: str | None = None
    affiliation: str | None = Field(None, description="An individual's organisation (for identification).")
    role: str | None = Field(None, description='An individual\'s role or title, e.g. "Professor of Law".')
    url: Url | None = None
    logo: str | None = Field(None, description="An image file, relative to the position file.")
    withheld: bool = Field(False, description='Signed, but the name is not shown ("Name withheld"); still counted.')
    signed: Date | None = Field(None, description="When it was signed.")
    sort_as: str | None = Field(None, description='How to sort this name alphabetically, e.g. "Cruz, María de la".')

    @model_validator(mode="after")
    def _named(self) -> "Signatory":
        if not self.withheld and (self.name is None or not self.name.strip()):
            raise ValueError("a signatory needs a name (or withheld: true)")
        return self


class SignatoryGroup(Strict):
    """Signatories under one heading, with an optional note."""

    label: str | None = Field(None, description="What the CSV's group column says for this group; "
                                                "default: the heading.")
    heading: Text | None = None
    note: Text | None = Field(None, description='e.g. "*Affiliation for identification purposes only"')
    takes: SignatoryType | None = Field(
        None, description="CSV rows of this type that name no group go here.")
    entries: list[NonBlank | Signatory] = Field(default_factory=list,
                                                description="Names, or mappings with name, type, country …")
    columns: Literal[1, 2, 3, "auto"] = Field(
        "auto", description="How many columns the names stand in (PDF, Word, HTML): 1, 2, 3, or auto (from how "
                            "long the entries are; with details: under, from the names alone).")
    details: Literal["after", "under"] = Field(
        "after", description='Where role, affiliation and country go: after the name ("Name, Role, Country") or '
                             "on a line under it (then a few long details do not push the list into one column).")


class Signatories(Strict):
    """Who signed, in groups, from the position and/or a sign-on CSV."""

    heading: Text | None = Field(None, description='Heading over the list; default "Signatories".')
    groups: list[SignatoryGroup] = Field(default_factory=list, description="The groups, in order.")
    file: str | None = Field(None, description="A CSV sign-on export, relative to the position file.")
    preset: Preset | None = Field(None, description="Column names of a known export: google-forms or action-network.")
    columns: ColumnMap = Field(
        default_factory=ColumnMap,
        description='CSV header for each field, e.g. {name: "Organisation name"}; a list of headers is '
                    "joined with a space (first and last name). Overrides the preset.")
    default_type: SignatoryType = Field("organisation", description="Type of CSV rows that give none.")
    order: Order = Field("given", description="given (as listed) or alphabetical (within each group).")
    withheld_label: Text | None = Field(None, description='Shown for a withheld name; default "Name withheld".')
    logos: bool = Field(True, description="Show the logos of the signatories that have one (logo: a PNG or JPEG "
                                          "file relative to the position file) in a grid above each group's names.")
    duplicates: Literal["drop", "keep", "report"] = Field(
        "drop", description="Entries whose whole name is the same (case, accents and spaces aside): drop (the "
                            "first is kept and gains what the others add: url, logo, affiliation …; a warning names "
                            "each left out), keep (all listed), report (an error naming them, to fix the list).")
    full_list_url: Url | None = None
    full_list_text: Text | None = Field(
        None, description="The line that links the full list, with the link in it; a default line is made from full_list_url.")

    @model_validator(mode="after")
    def _has_entries(self) -> "Signatories":
        if not self.groups and not self.file:
            raise ValueError("signatories need groups with entries, or a file")
        if not self.file:
            for i, group in enumerate(self.groups):
                if not group.entries:
                    raise ValueError(f"groups[{i}] has no entries (list them, or give the signatories a file)")
        return self


_WS = re.compile(r"\s+")


JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: part of the spelling of Persian and Indic names and of
emoji sequences, so kept in a printed name (and ignored when names are compared)."""
_HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")


def invisible(char: str) -> bool:
    """True for a character that draws nothing: format characters (Unicode category Cf: zero-width
    space, joiners, word joiner, soft hyphen, BOM, bidi controls, tag characters), the combining
    grapheme joiner and the Hangul fillers."""
    return unicodedata.category(char) == "Cf" or char == "\u034f" or char in _HANGUL_FILLERS


def without_invisible(text: str, keep: frozenset[str] = JOINERS) -> str:
    """``text`` without the characters that draw nothing (but ``keep``)."""
    return "".join(c for c in text if c in keep or not invisible(c))


def clean(value: str | None) -> str:
    """NFC, trimmed, white-space runs made one space, invisible characters removed (the joiners
    that spell Persian and Indic names kept); case and spelling untouched."""
    if not value:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFC", without_invisible(value))).strip()


def match_key(text: str) -> str:
    """The key duplicates are found by: no case, no accents, no white space, no invisible character."""
    decomposed = unicodedata.normalize("NFKD", without_invisible(text, frozenset()))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub("", bare.casefold())


@dataclass(frozen=True, slots=True)
class SignatoryRow:
    """One signature read from a CSV file."""

    row: int
    signatory: Signatory
    group: str | None
    as_written: str = ""
    """The name cell before clean-up (for the duplicate report)."""


@dataclass(frozen=True)
class SignatoryFile:
    """What a CSV file gave: the rows, and what was skipped or ignored."""

    file: str
    rows: tuple[SignatoryRow, ...]
    empty_rows: tuple[int, ...]
    columns: dict[str, str]
    """field → header(s) used."""
    ignored: tuple[str, ...]
    """Headers no field uses."""


@dataclass(frozen=True)
class PlacedSignatories:
    """A position's signatories as ``resolve`` finds them: each group with the CSV rows placed in it."""

    spec: Signatories
    groups: tuple[tuple[SignatoryGroup, tuple[SignatoryRow, ...]], ...]
    file: SignatoryFile | None = None
