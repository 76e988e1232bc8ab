"""The document tree: format-neutral, immutable blocks and inlines.

A Position resolved for one language (see ``paperkit.document.build``) becomes a
``Document``.  Writers read only these classes.  Every node has a ``type`` string so
that templates can dispatch on it (``{% if block.type == "paragraph" %}``).

Notes are inline: a ``NoteRef`` sits where a note is cited; its number (order of
first citation) is fixed here so that every writer numbers notes the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union


_ADDRESS_BREAK = re.compile(r"(?<=[/.\-])(?![/])(?<!:/)(?<!:/\/)|(?<=://)")
"""Break opportunities of an address: after / . - (not between the slashes of "://")."""


def _doc(text: str) -> dict[str, Any]:
    """Field metadata used by the template reference."""
    return {"doc": text}


def with_colon(label: str, colon: str = ":") -> str:
    """A label as it leads what follows, with the language's ``colon`` ("Contact:", "Contact :");
    a label that ends in punctuation ("Please contact:") stays as it is, and "" stays empty."""
    if not label or label.rstrip()[-1] in ".:;!?。：；！？":
        return label
    return label + colon


# ---------------------------------------------------------------- inlines


@dataclass(frozen=True)
class Text:
    """A run of plain text."""

    type: ClassVar[str] = "text"
    text: str = field(metadata=_doc("the characters, never markup"))


@dataclass(frozen=True)
class Emph:
    """Emphasised (italic) inlines: ``*like this*``."""

    type: ClassVar[str] = "emph"
    children: tuple["Inline", ...] = field(metadata=_doc("inlines inside"))


@dataclass(frozen=True)
class Strong:
    """Strong (bold) inlines: ``**like this**``."""

    type: ClassVar[str] = "strong"
    children: tuple["Inline", ...] = field(metadata=_doc("inlines inside"))


@dataclass(frozen=True)
class Link:
    """A hyperlink: ``[label](url)``."""

    type: ClassVar[str] = "link"
    url: str = field(metadata=_doc("target URL"))
    children: tuple["Inline", ...] = field(metadata=_doc("the link text"))
    address_follows: bool = field(default=False, metadata=_doc(
        "the document prints the address itself right after the link (in brackets, or in a note: "
        "``links:``), so a format that spells out addresses need not"))

    @property
    def address_pieces(self) -> tuple[str, ...] | None:
        """When the link's text is its address: the address cut where a long one may break on
        paper, after "/", "." and "-" (never inside "://"), with no hyphen added; else None."""
        if len(self.children) != 1 or not isinstance(self.children[0], Text):
            return None
        text = self.children[0].text
        if text != self.url or not text.startswith(("https://", "http://")):
            return None
        return tuple(piece for piece in _ADDRESS_BREAK.split(text) if piece)


@dataclass(frozen=True)
class NoteRef:
    """A citation of a note (``[^key]``); the note's content travels with it."""

    type: ClassVar[str] = "noteref"
    number: int = field(metadata=_doc("the note number, in order of first citation"))
    first: bool = field(metadata=_doc("true at the first citation of this note"))
    note: "Note" = field(metadata=_doc("the note cited"))


Inline = Union[Text, Emph, Strong, Link, NoteRef]
Inlines = tuple[Inline, ...]


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Heading:
    """A section heading."""

    type: ClassVar[str] = "heading"
    level: int = field(metadata=_doc("1 for a section, 2 for a sub-section"))
    content: Inlines = field(metadata=_doc("heading text"))
    anchor: str = field(metadata=_doc("a stable id for links and bookmarks"))


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose."""

    type: ClassVar[str] = "paragraph"
    content: Inlines = field(metadata=_doc("the text"))
    number: int | None = field(default=None, metadata=_doc("continuous paragraph number (submissions)"))
    role: str | None = field(default=None, metadata=_doc('"lead", "closing" or none'))


@dataclass(frozen=True)
class ListItem:
    """One item of a list, with its marker already formatted."""

    type: ClassVar[str] = "item"
    label: str = field(metadata=_doc('the marker as printed: "1.", "(2)", "•"'))
    content: Inlines = field(metadata=_doc("the item's first paragraph, beside the label"))
    children: tuple["ListBlock", ...] = field(default=(), metadata=_doc("nested lists"))
    blocks: tuple["Block", ...] = field(default=(), metadata=_doc(
        "the item's further paragraphs, lists and quotes, after its first paragraph (before ``children``)"))


@dataclass(frozen=True)
class ListBlock:
    """A numbered or bulleted list, optionally introduced by a lead-in line."""

    type: ClassVar[str] = "list"
    items: tuple[ListItem, ...] = field(metadata=_doc("the items"))
    ordered: bool = field(metadata=_doc("numbered (true) or bulleted (false)"))
    numbering: str = field(metadata=_doc('number format: "1.", "(1)", "1)", "a.", "(a)", "i.", "(i)"; "•" when bulleted'))
    start: int = field(default=1, metadata=_doc("number of the first item"))
    lead_in: Inlines | None = field(default=None, metadata=_doc("the line that introduces the list"))
    role: str | None = field(default=None, metadata=_doc('"concerns", "demands" or none'))
    level: int = field(default=0, metadata=_doc("nesting depth, 0 at the top"))
    paragraph_numbers: bool = field(default=False, metadata=_doc(
        "true: the items are numbered on from the numbered paragraphs (and set like them)"))


@dataclass(frozen=True)
class Quote:
    """A block quotation, with an optional source line."""

    type: ClassVar[str] = "quote"
    blocks: tuple[Paragraph, ...] = field(metadata=_doc("quoted paragraphs"))
    source: Inlines | None = field(default=None, metadata=_doc("who or what is quoted"))


@dataclass(frozen=True)
class Table:
    """A table with an optional header row and caption; cells hold inlines."""

    type: ClassVar[str] = "table"
    header: tuple[Inlines, ...] | None = field(metadata=_doc("the header row's cells, or none"))
    rows: tuple[tuple[Inlines, ...], ...] = field(metadata=_doc("the rows, each a list of cells"))
    align: tuple[str, ...] = field(metadata=_doc('"left", "center" or "right" for each column'))
    caption: Inlines | None = field(default=None, metadata=_doc("what the table shows, above it"))

    @property
    def columns(self) -> int:
        """How many columns the table has."""
        return len(self.align)


@dataclass(frozen=True)
class Figure:
    """An image in the body: its file, its description (alt text) and a caption."""

    type: ClassVar[str] = "figure"
    image: str = field(metadata=_doc("the image, PNG or JPEG (absolute path, use image_url())"))
    alt: str = field(metadata=_doc("what the image shows, for readers who cannot see it"))
    source: str = field(metadata=_doc("the image's path as the position gives it (relative to the position file)"))
    width: int = field(metadata=_doc("the image's width in pixels"))
    height: int = field(metadata=_doc("the image's height in pixels"))
    caption: Inlines | None = field(default=None, metadata=_doc("a line under the image"))


@dataclass(frozen=True)
class Logo:
    """An organisation's logo: shown at a common height, never distorted, its name as alt text."""

    type: ClassVar[str] = "logo"
    image: str = field(metadata=_doc("the image, PNG or JPEG (absolute path, use image_url())"))
    name: str = field(metadata=_doc("the organisation: the image's alt text"))
    source: str = field(metadata=_doc("the image's path as the position gives it (relative to the position file)"))
    width: int = field(metadata=_doc("the image's width in pixels"))
    height: int = field(metadata=_doc("the image's height in pixels"))
    url: str | None = field(default=None, metadata=_doc("the organisation's web address"))
    vector: str | None = field(default=None, metadata=_doc(
        "the same logo as SVG (absolute path), which HTML and PDF draw instead of the image; or none"))


@dataclass(frozen=True)
class UpdateNote:
    """A note explaining how the text changed since it was first published."""

    type: ClassVar[str] = "update"
    label: str = field(metadata=_doc('localised label, e.g. "Note on the update" (the date in it when the '
                                     'document says "Updated on {date}"); empty when the document removes it'))
    date: str | None = field(metadata=_doc("localised date of the update"))
    blocks: tuple["Block", ...] = field(metadata=_doc("what changed: paragraphs, lists, quotes"))
    colon: str = field(default=":", metadata=_doc('the language\'s colon after a label (":", " :" in French)'))

    @property
    def lead(self) -> str:
        """The label as it leads the note ("Note on the update:"); empty when removed."""
        return with_colon(self.label, self.colon)

    @property
    def lead_dated(self) -> str:
        """Label and date on one line, as plain text and Markdown write it: "Note on the update (1 October 2024):"."""
        if not self.date:
            return self.lead
        return with_colon(f"{self.label} ({self.date})" if self.label else f"({self.date})", self.colon)


@dataclass(frozen=True)
class SignOff:
    """The closing date and issuing body of a statement."""

    type: ClassVar[str] = "signoff"
    date: str | None = field(metadata=_doc("localised date"))
    lines: tuple[str, ...] = field(metadata=_doc('e.g. "JCA-NET Board of Directors"'))
    signatures: tuple[str | None, ...] = field(default=(), metadata=_doc(
        "for each line, the theme's signature image for it (absolute path, use image_url()), or none"))


@dataclass(frozen=True)
class ContactPerson:
    """One person to contact about the position."""

    type: ClassVar[str] = "contact-person"
    name: str = field(metadata=_doc("full name"))
    role: str | None = field(default=None, metadata=_doc("role or title"))
    organisation: str | None = field(default=None, metadata=_doc("organisation"))
    email: str | None = field(default=None, metadata=_doc("e-mail address"))
    phone: str | None = field(default=None, metadata=_doc("telephone number"))


@dataclass(frozen=True)
class Contact:
    """Whom to contact, under a localised label."""

    type: ClassVar[str] = "contact"
    label: str = field(metadata=_doc('localised label, e.g. "Contact"; empty when the document removes it'))
    people: tuple[ContactPerson, ...] = field(metadata=_doc("the people"))
    colon: str = field(default=":", metadata=_doc('the language\'s colon after a label (":", " :" in French)'))

    @property
    def lead(self) -> str:
        """The label as it leads the people ("Contact:"); empty when removed."""
        return with_colon(self.label, self.colon)


@dataclass(frozen=True)
class Signatory:
    """One signature: a name and what identifies it.

    ``detail`` is "Role, Affiliation, Country" for an individual and "Country" for an
    organisation (each part only when given); a withheld name is the localised label
    ("Name withheld") with the country only.
    """

    type: ClassVar[str] = "signatory"
    name: str = field(metadata=_doc("organisation or person, as signed (or the withheld label)"))
    detail: str | None = field(default=None, metadata=_doc("role, affiliation and country, already joined"))
    kind: str = field(default="organisation", metadata=_doc('"organisation" or "individual"'))
    withheld: bool = field(default=False, metadata=_doc("the name is withheld: ``name`` is the label"))
    country: str | None = field(default=None, metadata=_doc("country, as signed"))
    url: str | None = field(default=None, metadata=_doc("the signatory's web address"))
    logo: str | None = field(default=None, metadata=_doc("logo image path, relative to the position file"))


@dataclass(frozen=True)
class SignatoryGroup:
    """Signatories under one heading."""

    type: ClassVar[str] = "signatory-group"
    heading: Inlines | None = field(metadata=_doc("group heading"))
    note: Inlines | None = field(metadata=_doc("a note under the group"))
    entries: tuple[Signatory, ...] = field(metadata=_doc("the names, in order"))
    columns: int = field(default=1, metadata=_doc("1, 2 or 3: how many columns the names fit in (short names: more)"))
    logos: tuple[Logo, ...] = field(default=(), metadata=_doc(
        "the logos of the group's signatories that have one, in order: a grid above the names"))
    details_under: bool = field(default=False, metadata=_doc(
        "true: each entry's detail stands on a line under its name; false: after it, with a comma"))
    text_size: float = field(default=1.0, metadata=_doc(
        "the names' size as a multiple of the text's: 0.92 in two or three columns, 1 in one"))


@dataclass(frozen=True)
class SignatoryCounts:
    """How many signed (after duplicates are left out)."""

    type: ClassVar[str] = "signatory-counts"
    total: int = field(metadata=_doc("everyone, withheld names included"))
    organisations: int = field(metadata=_doc("organisations"))
    individuals: int = field(metadata=_doc("individuals, withheld names included"))
    countries: int = field(metadata=_doc("distinct countries"))
    withheld: int = field(metadata=_doc("withheld names"))


@dataclass(frozen=True)
class Signatories:
    """The signatory list of a joint statement."""

    type: ClassVar[str] = "signatories"
    heading: Inlines | None = field(metadata=_doc('heading over the whole list, e.g. "Signatories"'))
    groups: tuple[SignatoryGroup, ...] = field(metadata=_doc("the groups, in order"))
    full_list: Inlines | None = field(default=None, metadata=_doc("line linking the full list"))
    counts: SignatoryCounts | None = field(default=None, metadata=_doc("how many signed"))


# ---------------------------------------------------------------- letters


@dataclass(frozen=True)
class Letterhead:
    """The sender of a letter: organisation, postal address, website, e-mail."""

    type: ClassVar[str] = "letterhead"
    name: str = field(metadata=_doc("the sending organisation"))
    address: tuple[str, ...] = field(default=(), metadata=_doc("postal address lines"))
    url: str | None = field(default=None, metadata=_doc("website"))
    email: str | None = field(default=None, metadata=_doc("e-mail address"))
    phone: str | None = field(default=None, metadata=_doc("telephone number"))
    return_address: str = field(default="", metadata=_doc(
        'the sender on one line ("JCA-NET · 1-2-3 Kanda · Tokyo"), printed small above a window address'))
    logo: str | None = field(default=None, metadata=_doc(
        "the theme's logo, PNG, JPEG or SVG (absolute path, use image_url()), or none"))
    logo_raster: str | None = field(default=None, metadata=_doc(
        "the logo as PNG or JPEG, for formats that cannot draw SVG (Word)"))
    co_senders: tuple[str, ...] = field(default=(), metadata=_doc(
        "the other organisations that issue the letter (issued_by after the sender), each named in the letterhead"))
    logos: tuple[Logo, ...] = field(default=(), metadata=_doc(
        "the logos of the sender (the theme's, else its own) and of each co-sender that has one, in that order, "
        "each named by its organisation: one row at a common height at the left of the letterhead"))
    logo_height: float = field(default=15.0, metadata=_doc(
        "the logos' common height in mm (15 for one beside the name, 10 for a row of several)"))
    logo_width: float = field(default=40.0, metadata=_doc(
        "the greatest width of a logo in mm (a wider one is drawn smaller, never distorted)"))


@dataclass(frozen=True)
class RecipientAddress:
    """One recipient as an address: its lines already composed, and the parts."""

    type: ClassVar[str] = "recipient"
    lines: tuple[str, ...] = field(metadata=_doc(
        'the address as printed: "H.E. Yoko Kamikawa MP", title, organisation, address lines, country'))
    name: str = field(metadata=_doc("honorific, name and post-nominal; the organisation when there is no name"))
    title: str | None = field(default=None, metadata=_doc("title or portfolio"))
    organisation: str | None = field(default=None, metadata=_doc("institution"))
    country: str | None = field(default=None, metadata=_doc("country"))
    email: str | None = field(default=None, metadata=_doc("e-mail address"))


@dataclass(frozen=True)
class RecipientBlock:
    """Whom the letter is addressed to: one address, or several (in columns where they fit)."""

    type: ClassVar[str] = "recipients"
    recipients: tuple[RecipientAddress, ...] = field(metadata=_doc("the recipients, in order"))
    columns: int = field(default=1, metadata=_doc("1 or 2: how many columns the addresses fit in"))
    window: bool = field(default=False, metadata=_doc(
        "one recipient: the address goes where a window envelope shows it"))
    font_size: float = field(default=10.0, metadata=_doc(
        "the address's size in points: 10, or down to 8 where that is what makes it show whole in the window"))


@dataclass(frozen=True)
class DateLine:
    """Place and date ("Tokyo, 9 September 2024"), with the sender's reference."""

    type: ClassVar[str] = "dateline"
    text: str = field(metadata=_doc("place and date, localised"))
    reference: str | None = field(default=None, metadata=_doc("the sender's reference number"))
    reference_label: str = field(default="", metadata=_doc('localised label, e.g. "Our reference"'))


@dataclass(frozen=True)
class SubjectLine:
    """The subject of a letter (its title)."""

    type: ClassVar[str] = "subject"
    content: Inlines = field(metadata=_doc("the subject"))


@dataclass(frozen=True)
class Salutation:
    """ "Dear Minister," — given, or derived from the recipients in the letter's language."""

    type: ClassVar[str] = "salutation"
    text: str = field(metadata=_doc("the salutation, punctuation included"))
    basis: str = field(default="", metadata=_doc(
        'why this salutation: "given", or the role and gender it was chosen for and the protocol source'))
    warnings: tuple[str, ...] = field(default=(), metadata=_doc(
        "what paperkit inferred to choose it (a role from the title, a gender from the honorific …)"))


@dataclass(frozen=True)
class Closing:
    """The complimentary close ("Yours sincerely,")."""

    type: ClassVar[str] = "closing"
    text: str = field(metadata=_doc("the closing words, punctuation included"))


@dataclass(frozen=True)
class Signer:
    """Someone who signs the letter."""

    type: ClassVar[str] = "signer"
    name: str = field(metadata=_doc("full name"))
    title: str | None = field(default=None, metadata=_doc("title or role"))
    organisation: str | None = field(default=None, metadata=_doc("organisation"))
    email: str | None = field(default=None, metadata=_doc("e-mail address"))
    signature: str | None = field(default=None, metadata=_doc(
        "signature image (absolute path, use image_url()): the signer's own from the position's "
        "folder, else the theme's for this name"))


@dataclass(frozen=True)
class Signers:
    """The signature block: kept on one page, with the closing words before it."""

    type: ClassVar[str] = "signers"
    signers: tuple[Signer, ...] = field(metadata=_doc("who signs, in order"))
    columns: int = field(default=1, metadata=_doc("1 or 2: signers side by side when there are several"))


@dataclass(frozen=True)
class CopyList:
    """Who gets a copy ("Copy to: …")."""

    type: ClassVar[str] = "cc"
    label: str = field(metadata=_doc('localised label, e.g. "Copy to"'))
    entries: tuple[str, ...] = field(metadata=_doc("the names"))


@dataclass(frozen=True)
class Enclosures:
    """What is enclosed with the letter."""

    type: ClassVar[str] = "enclosures"
    label: str = field(metadata=_doc('localised label, "Enclosure" or "Enclosures"'))
    entries: tuple[Inlines, ...] = field(metadata=_doc("what is enclosed"))


LetterBlock = Union[Letterhead, RecipientBlock, DateLine, SubjectLine, Salutation, Closing, Signers, CopyList,
                    Enclosures]
"""Blocks only letters have: before the body (letterhead to salutation) and after it (closing to enclosures)."""

Block = Union[Heading, Paragraph, ListBlock, Quote, Table, Figure, UpdateNote, SignOff, Contact, Signatories,
              LetterBlock]


# ---------------------------------------------------------------- notes and the document


@dataclass(frozen=True)
class Note:
    """A footnote: numbered by first citation, placed by each writer."""

    type: ClassVar[str] = "note"
    number: int = field(metadata=_doc("note number"))
    key: str = field(metadata=_doc("the key it is cited by (empty for a reference's citation or a link's address)"))
    blocks: tuple[Union[Paragraph, Quote, ListBlock], ...] = field(metadata=_doc(
        "note content: paragraphs, quotes and lists"))
    address: bool = field(default=False, metadata=_doc(
        "the note gives the address of the link just before its call (``links: footnote``)"))


@dataclass(frozen=True)
class VersionLink:
    """A link to the same position in another language."""

    type: ClassVar[str] = "version"
    lang: str = field(metadata=_doc("language tag"))
    label: str = field(metadata=_doc('language name as shown, e.g. "Japanese"'))
    url: str | None = field(metadata=_doc("where it is published"))


@dataclass(frozen=True)
class UnHeader:
    """The lines a United Nations document carries above its title (each as given, or none)."""

    symbol: str | None = field(default=None, metadata=_doc('document symbol, e.g. "A/HRC/57/NGO/12"'))
    distribution: str | None = field(default=None, metadata=_doc('distribution line, e.g. "Distr.: General"'))
    date: str | None = field(default=None, metadata=_doc("the document's date, localised, under the distribution"))
    original: str | None = field(default=None, metadata=_doc('original language line, e.g. "Original: English"'))
    body: str | None = field(default=None, metadata=_doc('the organ, e.g. "Human Rights Council"'))
    session: str | None = field(default=None, metadata=_doc('e.g. "Fifty-seventh session"'))
    dates: str | None = field(default=None, metadata=_doc("the dates of the session"))
    agenda_item: str | None = field(default=None, metadata=_doc('e.g. "Agenda item 3"'))
    agenda_title: str | None = field(default=None, metadata=_doc("the title of the agenda item"))

    @property
    def right(self) -> tuple[str, ...]:
        """The lines of the top right block: symbol, distribution, date, original."""
        return tuple(x for x in (self.symbol, self.distribution, self.date, self.original) if x)

    @property
    def left(self) -> tuple[str, ...]:
        """The lines of the top left block: organ, session, dates, agenda item and its title."""
        return tuple(x for x in (self.body, self.session, self.dates, self.agenda_item, self.agenda_title) if x)


@dataclass(frozen=True)
class Layout:
    """What a submission profile sets about the look, for the PDF and the DOCX alike."""

    font: str | None = field(default=None, metadata=_doc('font family of all text, e.g. "Times New Roman"'))
    size: float | None = field(default=None, metadata=_doc("body text size in points"))
    title_size: float | None = field(default=None, metadata=_doc("title size in points (default: the text size)"))
    note_size: float | None = field(default=None, metadata=_doc("footnote text size in points"))
    justify: bool = field(default=False, metadata=_doc("justified body text"))
    page_numbers: bool = field(default=False, metadata=_doc("every page carries its number"))


@dataclass(frozen=True)
class Front:
    """What stands above the body: kicker, title, byline."""

    kicker: Inlines | None = field(metadata=_doc('a line above the title, e.g. "Statement by JCA-NET"'))
    title: Inlines = field(metadata=_doc("the title"))
    subtitle: Inlines | None = field(metadata=_doc("the subtitle"))
    issuers: tuple[str, ...] = field(metadata=_doc("issuing organisations' names"))
    co_leads: tuple[str, ...] = field(metadata=_doc("co-leading organisations' names, those not already among the issuers"))
    date: str | None = field(metadata=_doc("localised date"))
    byline: str = field(metadata=_doc('issuers and date in one line, e.g. "JCA-NET · 9 September 2024"'))
    addressee: Inlines | None = field(metadata=_doc("whom a submission is addressed to"))
    versions: tuple[VersionLink, ...] = field(metadata=_doc("other language versions"))
    author: str | None = field(default=None, metadata=_doc("a post's author, or none"))
    tags: tuple[str, ...] = field(default=(), metadata=_doc("a post's tags, shown under the byline"))
    logos: tuple[Logo, ...] = field(default=(), metadata=_doc(
        "the logos of the issuing and co-leading organisations that have one, each with its name: a row at "
        "the top of the first page (none when the document has a cover, which shows them)"))
    credits: tuple[str, ...] = field(default=(), metadata=_doc(
        "the lines under the title that say who issued it: the byline and the co-leads; "
        "for a post, its author, its organisations and its tags, a line each (the date stands above the title)"))
    un: UnHeader | None = field(default=None, metadata=_doc("UN front matter above the title, or none"))
    embargo: str | None = field(default=None, metadata=_doc(
        '"Embargoed until 9 September 2024, 09:00 UTC+09:00" in the document\'s language, or none'))


@dataclass(frozen=True)
class Cover:
    """A cover page of its own before the first page."""

    type: ClassVar[str] = "cover"
    title: Inlines = field(metadata=_doc("the title"))
    subtitle: Inlines | None = field(metadata=_doc("the subtitle"))
    tagline: Inlines | None = field(metadata=_doc('a line under the title, e.g. "Joint submission to the UPR"'))
    logos: tuple[Logo, ...] = field(metadata=_doc("the issuing and co-leading organisations' logos, with their names"))
    issuers: tuple[str, ...] = field(metadata=_doc("the issuing and co-leading organisations' names"))
    date: str | None = field(metadata=_doc("localised date"))
    image: Figure | None = field(default=None, metadata=_doc("an image on the cover, or none"))


@dataclass(frozen=True)
class Meta:
    """Document metadata: what a PDF or DOCX records about itself."""

    id: str = field(metadata=_doc("position id"))
    kind: str = field(metadata=_doc("statement, joint-statement, submission, letter or post"))
    lang: str = field(metadata=_doc("language tag of this document"))
    direction: str = field(metadata=_doc('"ltr" or "rtl"'))
    title: str = field(metadata=_doc("title as plain text"))
    author: str = field(metadata=_doc("issuing organisations as plain text"))
    subject: str | None = field(metadata=_doc("subtitle or lead as plain text"))
    keywords: tuple[str, ...] = field(metadata=_doc("keywords"))
    date: str | None = field(metadata=_doc("ISO date (YYYY-MM-DD, YYYY-MM or YYYY)"))
    paper: str = field(metadata=_doc('"A4" or "Letter"'))


@dataclass(frozen=True)
class Labels:
    """Localised words the layout adds (writers never translate); the position's ``labels:``
    may say them otherwise. An empty label was removed: writers leave it out (and its colon)."""

    contact: str = field(metadata=_doc('"Contact"'))
    notes: str = field(metadata=_doc('"Notes" (the heading of the notes on screen)'))
    signatories: str = field(metadata=_doc('"Signatories"'))
    update: str = field(metadata=_doc('"Note on the update"'))
    versions: str = field(metadata=_doc('"Also available in"'))
    page: str = field(metadata=_doc('"Page {page} of {pages}" ({page} and {pages} are replaced by the numbers)'))
    full_list: str = field(metadata=_doc(
        '"The full list of signatories is available at {url}." ({url} is replaced by the link)'))
    withheld: str = field(metadata=_doc(
        '"Name withheld": shown instead of the name of a signatory who asked for it to be withheld'))
    colon: str = field(default=":", metadata=_doc(
        'what follows a label before its value, spaced as the language does: ":" in English, " :" '
        "(a no-break space before) in French"))


@dataclass(frozen=True)
class SignatureImage:
    """A signer's signature, from the theme."""

    type: ClassVar[str] = "signature"
    name: str = field(metadata=_doc("the signer, as named in the theme"))
    image: str = field(metadata=_doc("absolute path of the image (use image_url())"))


@dataclass(frozen=True)
class Theme:
    """The organisation's look, from the position's theme file: logo, colours, fonts, letterhead.

    Image paths are absolute and were checked when the theme was loaded; writers read them
    only through the resource rule (the position's, the theme's and the template folders).
    """

    type: ClassVar[str] = "theme"
    name: str | None = field(metadata=_doc("organisation name, for the letterhead"))
    logo: str | None = field(metadata=_doc("logo image, PNG, JPEG or SVG (absolute path, use image_url())"))
    logo_raster: str | None = field(metadata=_doc(
        "the logo as PNG or JPEG, for formats that cannot draw SVG (Word); the logo itself when it is one"))
    primary: str | None = field(metadata=_doc('primary colour, "#rrggbb": title, headings, links'))
    accent: str | None = field(metadata=_doc('accent colour, "#rrggbb": rules, list markers, kicker'))
    body_font: str | None = field(metadata=_doc("font family of the text"))
    heading_font: str | None = field(metadata=_doc("font family of titles and headings"))
    address: tuple[str, ...] = field(metadata=_doc("letterhead address lines"))
    website: str | None = field(metadata=_doc("letterhead web address"))
    email: str | None = field(metadata=_doc("letterhead e-mail address"))
    phone: str | None = field(metadata=_doc("letterhead telephone number"))
    footer: str | None = field(metadata=_doc("a line at the foot of every page"))
    signatures: tuple[SignatureImage, ...] = field(metadata=_doc("signature images of signers, by name"))
    folder: str = field(metadata=_doc("the theme's folder (images may be read from it)"))

    @property
    def letterhead(self) -> bool:
        """True when there is a letterhead to show (a logo, or address lines)."""
        return bool(self.logo or self.address or self.website or self.email or self.phone)

    def signature(self, name: str) -> str | None:
        """The signature image of the signer ``name`` (exact, then ignoring case and spaces)."""
        folded = " ".join(name.split()).casefold()
        for signature in self.signatures:
            if signature.name == name or " ".join(signature.name.split()).casefold() == folded:
                return signature.image
        return None


@dataclass(frozen=True)
class Fonts:
    """The font families of the document, one choice for every writer (paperkit/document/fonts.py).

    ``body`` and ``heading`` draw Latin, Cyrillic and Greek letters; ``script_body`` and
    ``script_heading`` the letters of the language's own script when it has one (CJK,
    Arabic, Hebrew), which Word takes from a run's East Asian or complex script font.
    """

    type: ClassVar[str] = "fonts"
    body: str = field(metadata=_doc('font family of the text, e.g. "Noto Serif"'))
    heading: str = field(metadata=_doc('font family of titles, headings and page furniture, e.g. "Noto Sans"'))
    script: str = field(metadata=_doc('"latin", "east-asian" (Chinese, Japanese, Korean) or "complex" (Arabic, Hebrew)'))
    script_body: str | None = field(metadata=_doc('family of the text in the language\'s script, e.g. "Noto Serif CJK JP"'))
    script_heading: str | None = field(metadata=_doc("family of headings in the language's script"))
    line_height: float = field(default=1.5, metadata=_doc(
        "the text's line height, a multiple of its size: 1.5; more open for CJK (1.75) and Arabic (1.7)"))
    lead_line_height: float = field(default=1.45, metadata=_doc("the lead paragraph's line height (1.45; 1.7 for CJK and Arabic)"))
    arabic_size: float = field(default=1.0, metadata=_doc(
        "the size of Arabic letters as a multiple of the text's, so that they look as large as the Latin "
        "letters beside them (Noto Naskh Arabic beside Noto Serif: 1.13, measured from the font files); "
        "1 in documents in other scripts"))

    @property
    def body_families(self) -> tuple[str, ...]:
        """The text's families in order of preference (CSS font-family)."""
        return (self.body,) + ((self.script_body,) if self.script_body else ())

    @property
    def heading_families(self) -> tuple[str, ...]:
        """The headings' families in order of preference."""
        return (self.heading,) + ((self.script_heading,) if self.script_heading else ())


@dataclass(frozen=True)
class LetterFit:
    """``letter: {fit: one-page}``: how tightly a letter is set to keep it on one page, one step of
    paperkit/data/letter_fit.yaml, chosen from the PDF's layout (paperkit/one_page.py) and set alike
    by the PDF and the DOCX."""

    type: ClassVar[str] = "fit"
    step: int = field(metadata=_doc("0: as designed; 1, 2 …: tighter (the steps of paperkit/data/letter_fit.yaml)"))
    size: float = field(metadata=_doc("the body text's size in points (10.5 as designed, never below 10)"))
    line_height: float = field(metadata=_doc("the body text's line height, a multiple of its size"))
    space: float = field(metadata=_doc(
        "the room between paragraphs and between the letter's parts, a share of the designed room (1: as designed)"))
    last: int = field(metadata=_doc("the number of the last (tightest) step"))

    @property
    def tightened(self) -> bool:
        """True when the letter is set tighter than designed."""
        return self.step > 0


@dataclass(frozen=True)
class Document:
    """One position in one language: everything a writer needs."""

    meta: Meta = field(metadata=_doc("metadata"))
    front: Front = field(metadata=_doc("title matter"))
    blocks: tuple[Block, ...] = field(metadata=_doc("the body, in reading order"))
    notes: tuple[Note, ...] = field(metadata=_doc("all notes in citation order"))
    labels: Labels = field(metadata=_doc("localised layout words"))
    theme: Theme | None = field(default=None, metadata=_doc("the organisation's look (the position's theme), or none"))
    cover: Cover | None = field(default=None, metadata=_doc("the cover page before the first page, or none"))
    draft: str | None = field(default=None, metadata=_doc('the watermark word on every page ("DRAFT", localised), or none'))
    layout: Layout | None = field(default=None, metadata=_doc("the submission profile's layout, or none"))
    fonts: Fonts = field(default=Fonts("Noto Serif", "Noto Sans", "latin", None, None), metadata=_doc(
        "the font families every writer sets, chosen from the theme and the language"))
    fit: LetterFit | None = field(default=None, metadata=_doc(
        "a letter that is to fit one page (letter: {fit: one-page}): the step it is set at, or none"))
