"""Letters: who sends them, to whom, and how they open and close.

A letter is a position of ``kind: letter``.  What only letters have sits under
``letter:`` (the sender's letterhead, place, reference, salutation, closing, signers, copies,
enclosures); whom it goes to sits under ``recipients:``.  The title is the subject line.
For example::

    kind: letter
    title: The UN Cybercrime Convention must not be signed as it stands
    letter:
      sender:                         # the letterhead; name, url, email default to issued_by[0]
        address: |
          1-2-3 Kanda, Chiyoda-ku
          Tokyo 101-0047
      place: Tokyo                    # "Tokyo, 9 September 2024"
      reference: JCA/2024/017         # "Our reference: JCA/2024/017"
      signers:
        - {name: Toshimaru Ogura, title: Co-chair, email: toshi@example.org, signature: ogura.png}
      cc: [Permanent Mission of Japan to the United Nations]
      enclosures: [Joint statement of 9 September 2024]
    recipients:                       # a list: ONE letter addressed to all of them
      - honorific: H.E.
        name: Yoko Kamikawa
        title: Minister for Foreign Affairs
        organisation: Ministry of Foreign Affairs of Japan
        address: |
          2-2-1 Kasumigaseki, Chiyoda-ku
          Tokyo 100-8919
        country: Japan

``recipients: {file: missions.csv}`` (a mapping, with ``file`` and/or ``entries``) makes
one letter for EACH recipient (mail merge), as ``paperkit render --recipients CSV`` does;
the letter's prose may then use ``{recipient.name}``, ``{recipient.country}`` …
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, model_validator

from .base import Strict
from .fields import Email, LangTag, NonBlank, Text, Url

RECIPIENT_FIELDS = ("honorific", "name", "surname", "post_nominal", "title", "role", "gender", "organisation",
                    "address", "country", "language", "salutation", "email")
"""Recipient fields, in the order of a CSV header paperkit writes (any order is read)."""


ROLES = ("head_of_state", "head_of_government", "minister", "deputy_minister", "ambassador", "member_of_parliament",
         "committee_chair", "commissioner", "special_rapporteur", "un_high_official", "judge", "mayor", "official")
"""Roles a form of address is chosen for (un_high_official: UN High Commissioner, Secretary-General;
ambassador: also permanent representatives and other heads of mission)."""
Role = Literal["head_of_state", "head_of_government", "minister", "deputy_minister", "ambassador",
               "member_of_parliament", "committee_chair", "commissioner", "special_rapporteur", "un_high_official",
               "judge", "mayor", "official"]


class Sender(Strict):
    """The letterhead: who writes, and where to answer."""

    name: Text | None = Field(None, description="The organisation; default: the first of issued_by.")
    address: Text | None = Field(None, description="Postal address, one line per line (a YAML block: |).")
    url: Url | None = Field(None, description="Website; default: that of the first of issued_by.")
    email: Email | None = Field(None, description="E-mail; default: that of the first of issued_by.")
    phone: str | None = None


class Recipient(Strict):
    """One person or office a letter goes to; only ``name`` or ``organisation`` is required."""

    honorific: Text | None = Field(None, description='e.g. "H.E.", "The Hon.", "Dr"')
    name: NonBlank | None = Field(None, description='e.g. "Yoko Kamikawa"')
    surname: NonBlank | None = Field(
        None, description='The name said in "Dear Ms …" ("García Márquez"); default: the last word of name (with a warning).')
    post_nominal: str | None = Field(None, description='e.g. "MP"')
    title: Text | None = Field(None, description='Title or portfolio, e.g. "Minister for Foreign Affairs"; '
                                                 'translatable: {en: Minister of Justice, fr: ministre de la Justice}')
    role: Role | None = Field(
        None, description="What the recipient is, for the form of address (paperkit/data/address/): "
                          + ", ".join(ROLES) + "; default: derived from the title (with a warning).")
    gender: Literal["f", "m", "unspecified"] | None = Field(
        None, description="For the form of address (Madame la Ministre / Monsieur le Ministre); default: derived "
                          "from the honorific (Ms, Mme, Sra., г-жа …), else the language's neutral form (with a warning).")
    organisation: Text | None = Field(None, description='Institution, e.g. "Ministry of Foreign Affairs"')
    address: Text | None = Field(None, description="Address lines (a YAML block: |), without the country.")
    country: Text | None = None
    language: LangTag | None = Field(None, description="The language of this recipient's letter (one of languages).")
    salutation: Text | None = Field(None, description='Overrides the derived one, e.g. "Dear Minister Kamikawa,"')
    email: Email | None = None

    @model_validator(mode="after")
    def _named(self) -> "Recipient":
        if self.name is None and self.organisation is None:
            raise ValueError("a recipient needs a name or an organisation")
        return self


class RecipientList(Strict):
    """Recipients who each get their own letter (mail merge)."""

    file: NonBlank | None = Field(
        None, description="A CSV of recipients, relative to the position file (header: name, organisation, "
                          "honorific, post_nominal, title, address, country, language, salutation, email).")
    entries: list[Recipient] = Field(default_factory=list, description="Recipients given here (before the file's).")

    @model_validator(mode="after")
    def _not_empty(self) -> "RecipientList":
        if self.file is None and not self.entries:
            raise ValueError("give recipients a file or entries")
        return self


class Signer(Strict):
    """Someone who signs the letter."""

    name: NonBlank
    title: Text | None = Field(None, description='e.g. "Co-chair"')
    organisation: Text | None = None
    email: Email | None = None
    signature: NonBlank | None = Field(
        None, description="A PNG or JPEG of the signature, relative to the position file (in its folder).")

    @model_validator(mode="after")
    def _image(self) -> "Signer":
        if self.signature is not None and not self.signature.lower().endswith((".png", ".jpg", ".jpeg")):
            raise ValueError(f"signature {self.signature!r}: expected a PNG or JPEG file")
        return self


class Letter(Strict):
    """What only a letter has: letterhead, place, reference, salutation, closing, signers."""

    sender: Sender = Field(default_factory=Sender, description="The letterhead.")
    place: Text | None = Field(None, description='Where it is written: "Tokyo" gives "Tokyo, 9 September 2024".')
    reference: str | None = Field(None, description='Your reference number, e.g. "JCA/2024/017".')
    salutation: Text | None = Field(
        None, description='e.g. "Dear Minister,"; default: derived from the recipient(s) in the letter\'s language. '
                          "A recipient's own salutation wins.")
    closing: Text | None = Field(None, description='The complimentary close; default "Yours sincerely," in the '
                                                   "letter's language.")
    signers: list[Signer] = Field(default_factory=list)
    cc: list[Text] = Field(default_factory=list, description="Who gets a copy.")
    enclosures: list[Text] = Field(default_factory=list, description="What is enclosed.")
    fit: Literal["one-page"] | None = Field(
        None, description="one-page: keep the letter on one page (PDF and DOCX alike) by tightening, only as far as "
                          "it takes, first the spacing (down to 60 % of the room between paragraphs), then the line "
                          "height (down to 1.2), then the body text (down to 10 pt): the steps and their sources are "
                          "in paperkit/data/letter_fit.yaml. A letter that is longer even then stays as designed, "
                          "with a warning. In a mail merge each recipient's letter gets the step it needs.")


Recipients = Annotated[
    Union[Annotated[list[Recipient], Tag("list")], Annotated[RecipientList, Tag("each")]],
    Discriminator(lambda v: "list" if isinstance(v, list) else "each"),
]
"""A list: one letter to all of them; a mapping (file, entries): one letter to each."""

