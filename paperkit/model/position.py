"""The Position: what an organisation means to say, before any layout."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pathlib import Path

from pydantic import Field, PrivateAttr, field_validator, model_validator

from .base import Strict
from .content import Block, ItemList, Prose, Section, as_block_list, block_list_schema, raster_path
from .fields import Date, Email, FileId, Key, LangTag, NonBlank, Text, Url
from .labels import LabelOverrides
from .letter import Letter, Recipients
from .signatories import Signatories, Signatory, SignatoryGroup  # noqa: F401  (re-exported)

Kind = Literal["statement", "joint-statement", "submission", "letter", "post"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]


class Organisation(Strict):
    """An organisation that issues or co-leads the position."""

    name: Text
    short_name: str | None = Field(None, description='Abbreviation, e.g. "EFF".')
    body: Text | None = Field(None, description='The issuing body, e.g. "Board of Directors".')
    consultative_status: Literal["general", "special", "roster"] | None = Field(
        None, description="Consultative status with ECOSOC (general, special or roster), as the UN's NGO database "
                          "lists it: Human Rights Council written statements are open to these, co-sponsors are "
                          "listed by it (paperkit check).")
    url: Url | None = None
    email: Email | None = None
    logo: NonBlank | None = Field(None, description="The organisation's logo, a PNG or JPEG file relative to the "
                                                    "position file: shown with its name on the first page (or the "
                                                    "cover) when several organisations issue the document.")

    @field_validator("logo")
    @classmethod
    def _raster_logo(cls, value: str | None) -> str | None:
        return raster_path(value)


class Cover(Strict):
    """A cover page of its own before the first page (submissions, reports)."""

    title: Text | None = Field(None, description="Default: the position's title.")
    subtitle: Text | None = Field(None, description="Default: the position's subtitle.")
    tagline: Text | None = Field(None, description='A line under the title, e.g. "Joint submission to the '
                                                   'Universal Periodic Review, 47th session".')
    image: NonBlank | None = Field(None, description="An image on the cover, PNG or JPEG, relative to the position file.")
    image_alt: Text | None = Field(None, description="What the cover image shows (required with image).")
    logos: bool = Field(True, description="Show the logos of the issuing and co-leading organisations that have one.")

    @field_validator("image")
    @classmethod
    def _raster_image(cls, value: str | None) -> str | None:
        return raster_path(value)

    @model_validator(mode="after")
    def _described(self) -> "Cover":
        if self.image and self.image_alt is None:
            raise ValueError("image_alt: say what the cover image shows, for readers who cannot see it")
        return self


class Contact(Strict):
    """A person to contact about the position."""

    name: NonBlank
    role: Text | None = None
    organisation: str | None = None
    email: Email | None = None
    phone: str | None = None


class Reference(Strict):
    """A legal reference: an instrument, a pinpoint, the quoted text, where to read it."""

    instrument: Text = Field(description='e.g. "Constitution of Japan", "ICCPR".')
    pinpoint: Text | None = Field(None, description='e.g. "Article 21", "s 16".')
    short: Text | None = Field(None, description='Short form of the source ("ICCPR", "Constitution"): later '
                                                 'citations print it with the pinpoint, never instead of it.')
    author: Text | None = Field(None, description='Who issued a document, e.g. "Human Rights Committee".')
    symbol: str | None = Field(None, description='A UN document symbol, e.g. "CCPR/C/GC/34".')
    date: Text | None = Field(None, description='Dates as the full citation gives them, e.g. "adopted 16 December '
                                                '1966, entered into force 23 March 1976" (OSCOLA) or "2011".')
    published: Text | None = Field(None, description='Where it is published, e.g. "999 UNTS 171" (OSCOLA) or '
                                                     '"United Nations, Treaty Series, vol. 999, No. 14668" (UN).')
    text: Text | None = Field(None, description="The quoted text in full; blank lines separate paragraphs.")
    url: Url | None = None


class Note(Strict):
    """A free note, cited like a reference; it may quote references in full."""

    text: Prose | None = Field(None, description="The note: text (blank lines separate paragraphs), or a list "
                                                 "of blocks (paragraphs, lists, quotes).")
    references: list[Key] = Field(default_factory=list, description="Keys of references quoted in this note.")
    url: Url | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> "Note":
        if self.text is None and not self.references and self.url is None:
            raise ValueError("a note needs text, references or a url")
        return self


class Version(Strict):
    """The same position in another language."""

    lang: LangTag
    label: str | None = Field(None, description='How the language is named, e.g. "Japanese"; default from the language tag.')
    url: Url | None = None


class Update(Strict):
    """A note on how the text changed since first published."""

    date: Date | None = None
    text: Prose = Field(description="What changed: text (blank lines separate paragraphs), or a list of blocks.")


class UnFrontMatter(Strict):
    """The lines a United Nations document carries above its title (all optional)."""

    symbol: NonBlank | None = Field(None, description='Document symbol, e.g. "A/HRC/57/NGO/12".')
    distribution: NonBlank | None = Field(None, description='Distribution line, e.g. "General".')
    date_line: bool = Field(True, description="Print the document's date under the distribution line.")
    original: NonBlank | None = Field(None, description='Language the text was written in, as printed: '
                                                         '"English" prints "Original: English".')
    body: Text | None = Field(None, description='The organ, e.g. "Human Rights Council".')
    session: Text | None = Field(None, description='The session, e.g. "Fifty-seventh session".')
    dates: Text | None = Field(None, description='The dates of the session, e.g. "9 September–9 October 2024".')
    agenda_item: Text | None = Field(None, description='The agenda item, e.g. "Agenda item 3".')
    agenda_title: Text | None = Field(None, description="The title of the agenda item.")


class Position(Strict):
    """An organisation's position, the single source of every document made from it."""

    id: FileId = Field(description="Used in output file names.")
    kind: Kind
    title: Text
    subtitle: Text | None = None
    kicker: Text | None = Field(None, description='A line above the title, e.g. "Statement by JCA-NET".')
    date: Date | None = Field(None, description="YYYY-MM-DD, or YYYY-MM for a month; leave it out for an undated "
                                                "document (no date is printed or recorded). Letters need one.")
    languages: list[LangTag] = Field(default_factory=lambda: ["en"], min_length=1)
    issued_by: list[Organisation] = Field(min_length=1)
    co_leads: list[Organisation] = Field(default_factory=list)
    addressee: Text | None = Field(None, description="Whom a submission is addressed to.")
    cover: Cover | None = Field(None, description="A cover page before the first page (PDF and Word): title, "
                                                  "subtitle, tagline, the issuers' logos, date, an optional image.")
    paper: Literal["A4", "Letter"] = "A4"
    theme: NonBlank | None = Field(
        None, description="A theme file (logo, colours, fonts, letterhead, footer), relative to the position file.")
    templates: NonBlank | None = Field(
        None, description="A folder of templates (same layout as paperkit's templates/) whose files replace "
                          "the built-in ones file by file, relative to the position file.")
    numbered_paragraphs: bool | None = Field(
        None, description="Number body paragraphs 1, 2, 3 … across sections (default: as the profile says, else no).")
    profile: NonBlank | None = Field(
        None, description='The rules of the body the document goes to, e.g. "hrc-written-statement/general" '
                          "(paperkit check lists them): its layout, and limits checked by check and render.")
    un: UnFrontMatter | None = Field(
        None, description="UN front matter: document symbol, distribution, original language, organ, session, "
                          "agenda item; printed above the title.")
    draft: bool = Field(False, description='Print a "DRAFT" watermark on every page (render --final refuses it).')
    embargo: datetime | None = Field(
        None, description='Print "Embargoed until …" (date, time and UTC offset, in the document\'s language), '
                          'e.g. 2024-09-09T09:00+09:00; render --final refuses it. Give the UTC offset.')
    keywords: list[str] = Field(default_factory=list)
    author: Text | None = Field(None, description="Posts: who wrote it, named in the byline above the organisations.")
    tags: list[NonBlank] = Field(default_factory=list, description="Posts: topics shown under the byline (and "
                                                                   "recorded with the keywords).")
    labels: LabelOverrides = Field(
        default_factory=LabelOverrides,
        description='Layout words said otherwise for this document, or removed with null, per language if need be: '
                    '{contact: "Media contact", update: "Updated on {date}", signatories: null}.')
    typography: bool = Field(
        True, description="Set the language's quotation marks, apostrophes and no-break spaces (“ ” ‘ ’, « », "
                          "「」; French spaces before ; : ! ?); false leaves straight quotes and spaces as typed.")
    citation_style: Literal["un", "oscola"] = Field(
        "un", description="How notes cite references: un (United Nations Editorial Manual) or oscola (OSCOLA 4th "
                          "edition). The first citation of a source is in full, later ones short with their "
                          "pinpoint, and Ibid. when the note before cited the same source alone.")
    bibliography: bool = Field(False, description="List every cited source, in full, at the end.")
    links: Literal["footnote", "inline", "none"] | None = Field(
        None, description="Where a link whose text is not its address prints the address: in a note (footnote), "
                          "after the text in brackets (inline), or nowhere (none). Default: footnote for "
                          "statements, joint statements and submissions; inline for letters and posts.")

    updates: list[Update] = Field(default_factory=list)
    updates_at: Literal["top", "after_lead", "end"] = Field(
        "top", description="Where the update notes stand: top (before the lead), after_lead, or end (after the "
                           "closing, before the sign-off).")
    sign_off: Text | None = Field(None, description='A line before the signatories, e.g. "The following undersigned '
                                                    'organisations endorse this letter:"; it is not a signer.')
    lead: Text | None = Field(None, description="A summary paragraph under the title.")
    body: list[Block] = Field(default_factory=list, json_schema_extra=block_list_schema,
                              description="Content before the first section: paragraphs, lists, quotes.")
    sections: list[Section] = Field(default_factory=list)
    concerns: ItemList | None = None
    demands: ItemList | None = None
    closing: list[Block] = Field(default_factory=list, json_schema_extra=block_list_schema,
                                 description="The closing paragraphs (a single paragraph may stand alone).")
    annexes: list[Section] = Field(
        default_factory=list, description="Sections after the sign-off, contact and signatories (background, annexes).")

    signatories: Signatories | None = None
    letter: Letter | None = Field(
        None, description="Letters only: letterhead, place, reference, salutation, closing, signers, cc, enclosures.")
    recipients: Recipients | None = Field(
        None, description="Letters only: a list (one letter addressed to all of them), or {file: CSV, entries: [...]} "
                          "(one letter to each).")
    contacts: list[Contact] = Field(default_factory=list)
    versions: list[Version] = Field(default_factory=list)
    references: dict[Key, Reference] = Field(default_factory=dict)
    notes: dict[Key, Note] = Field(default_factory=dict)

    _source: Path | None = PrivateAttr(None)
    """The file the position was loaded from (None when built in code); set by ``load``."""

    @property
    def source(self) -> Path | None:
        """The file this position was loaded from, if any."""
        return self._source

    @field_validator("closing", "body", mode="before")
    @classmethod
    def _single_block(cls, value: Any) -> Any:
        return as_block_list(value)

    @field_validator("notes", mode="before")
    @classmethod
    def _note_shorthand(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: {"text": v} if isinstance(v, (str, list)) else v for k, v in value.items()}
        return value

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, value: str | None) -> str | None:
        if value is not None:
            from ..profiles import profile

            try:
                profile(value)
            except Exception as exc:  # PaperkitError: unknown name or variant
                raise ValueError(str(exc)) from None
        return value

    @field_validator("embargo")
    @classmethod
    def _offset_given(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("give the UTC offset of the embargo time, e.g. 2024-09-09T09:00+09:00 "
                             "(an embargo without one means a different moment in every time zone)")
        return value

    @model_validator(mode="after")
    def _letter_dated(self) -> "Position":
        if self.kind == "letter" and self.date is None:
            raise ValueError("date: a letter needs a date (YYYY-MM-DD)")
        return self

    @model_validator(mode="after")
    def _letter_fields(self) -> "Position":
        if self.kind != "letter":
            given = [name for name in ("letter", "recipients") if getattr(self, name) is not None]
            if given:
                raise ValueError(f"{' and '.join(given)}: only a letter has these (kind: letter)")
        return self

    @model_validator(mode="after")
    def _has_content(self) -> "Position":
        if not (self.lead or self.body or self.sections or self.concerns or self.demands or self.closing):
            raise ValueError("a position needs content: lead, body, sections, concerns, demands or closing")
        clash = sorted(set(self.references) & set(self.notes))
        if clash:
            raise ValueError(f"{', '.join(clash)}: used as a key in both references and notes")
        return self
