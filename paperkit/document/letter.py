"""A letter's parts in the document tree.

Before the body: letterhead, recipient block, place and date line, subject, salutation;
after it: closing, signers, copies, enclosures.  Everything a writer prints is decided
here — the address lines, the salutation derived from the recipients, the localised
words — so the five writers only lay the parts out.

A letter is built either for the recipients the position lists (one letter addressed to
all of them), or for ONE recipient of a mail merge (``build(position, lang, recipient)``),
whose fields then fill the ``{recipient.…}`` placeholders.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..errors import PaperkitError
from ..model.letter import Letter, Recipient, RecipientList
from . import nodes as n
from .labels import words
from ..model.placeholders import missing_recipient_fields, used_names
from ..model.translations import localise

TWO_COLUMNS = 38
"""Longest address line (in character widths) that still fits half the width of an A4 letter."""

_EXCELLENCY = re.compile(
    r"^(h\.?\s*e\.?|his excellency|her excellency|excellency|s\.?\s*e\.?|son excellence|su excelencia|"
    r"e\.?\s*s\.?|ее превосходительство|его превосходительство|閣下|阁下|سعادة|معالي)(\s|$)", re.IGNORECASE)
"""An honorific that starts with an excellency form: "H.E.", "H.E. Ms", "S.E. Mme", "Su Excelencia" …"""
_MINISTER = re.compile(r"\bminist(?:er|re|ro|ra)s?\b|министр(?!ерств)|وزير|大臣|部长|部長", re.IGNORECASE)
_NOT_A_MINISTER = re.compile(r"prime minist|premier minist|primer minist|премьер|首相|总理|總理|رئيس", re.IGNORECASE)
_STYLE_ONLY = re.compile(r"^the\b", re.IGNORECASE)
"""Honorifics that are a style of address ("The Hon.") and not said in a salutation."""


class RecipientError(PaperkitError):
    """A letter cannot be made for this recipient (a field the prose uses is missing …)."""


@dataclass(frozen=True)
class LetterParts:
    front: tuple[n.Block, ...]
    back: tuple[n.Block, ...]
    signed: bool
    """The letter has signers: they stand in for the statement's sign-off."""


def recipients_of(position: Any, recipient: Recipient | None) -> list[Recipient]:
    """Whom this document is addressed to: the mail-merge recipient, else those the position lists."""
    if recipient is not None:
        return [recipient]
    listed = position.recipients
    if isinstance(listed, RecipientList):
        raise RecipientError(
            f"{position.id}: this letter is made for each of its recipients; render it with "
            "paperkit.batch.merge (paperkit render does), or build(position, lang, recipient)")
    return list(listed or [])


def parts(builder: Any) -> LetterParts:
    """The letter's parts for the builder's position, language and recipient."""
    position, lang = builder.pos, builder.lang
    letter: Letter = position.letter or Letter()
    recipients = recipients_of(position, builder.recipient)
    said = words(lang)
    text = lambda value: plain_text(builder, value)  # noqa: E731  (data: never placeholders)

    front: list[n.Block] = [letterhead(builder, letter)]
    if recipients:
        front.append(recipient_block(recipients, text))
    date = _date(builder)
    place = builder.text(letter.place)
    line = said["place_date"].format(place=place, date=date) if place else date
    front.append(n.DateLine(line, letter.reference, said["reference"]))
    front.append(n.SubjectLine(builder.inlines(position.title)))
    front.append(n.Salutation(salutation(builder, letter, recipients, said, text)))

    back: list[n.Block] = [n.Closing(builder.text(letter.closing) or said["yours_sincerely"])]
    if letter.signers:
        signers = tuple(n.Signer(s.name, builder.text(s.title), builder.text(s.organisation), s.email,
                                 signature(builder, s)) for s in letter.signers)
        back.append(n.Signers(signers, 2 if len(signers) > 1 else 1))
    if letter.cc:
        back.append(n.CopyList(said["copy_to"], tuple(builder.text(c) for c in letter.cc)))
    if letter.enclosures:
        label = said["enclosure"] if len(letter.enclosures) == 1 else said["enclosures"]
        back.append(n.Enclosures(label, tuple(builder.inlines(e) for e in letter.enclosures)))
    return LetterParts(tuple(front), tuple(back), bool(letter.signers))


def _date(builder: Any) -> str:
    from .locale import format_partial_date

    return format_partial_date(builder.pos.date, builder.lang)


def plain_text(builder: Any, value: Any) -> str | None:
    """A data field (a recipient's) in the builder's language, white space tidied, never substituted."""
    fallback = getattr(builder, "fallback", None)
    value = localise(value, builder.lang, fallback) if fallback else localise(value, builder.lang)
    return value.strip() if isinstance(value, str) else value


# ---------------------------------------------------------------- sender


def letterhead(builder: Any, letter: Letter) -> n.Letterhead:
    """The sender: the letter's own fields, else the theme's letterhead, else the first issuer."""
    sender, issuer = letter.sender, builder.pos.issued_by[0]
    theme = _theme(builder)
    name = builder.text(sender.name) or (theme and theme.name) or builder.text(issuer.name) or ""
    address = tuple(lines(builder.text(sender.address))) or (theme.address if theme else ())
    url = sender.url or (theme and theme.website) or issuer.url
    email = sender.email or (theme and theme.email) or issuer.email
    phone = sender.phone or (theme and theme.phone) or None
    logo = (theme.logo, theme.logo_raster) if theme else (None, None)
    return n.Letterhead(name, address, url, email, phone, " · ".join((name,) + address), *logo)


def _theme(builder: Any) -> Any:
    """The position's theme node, or None (a builder without themes has none)."""
    return getattr(builder, "theme", None)


def signature(builder: Any, signer: Any) -> str | None:
    """A signer's signature image as an absolute path: the signer's own (relative to the
    position file), else the theme's for that name."""
    if signer.signature is not None:
        source = builder.pos.source
        return str((source.parent / signer.signature).resolve()) if source else signer.signature
    theme = _theme(builder)
    return theme.signature(signer.name) if theme is not None else None


def lines(text: str | None) -> list[str]:
    """Non-empty lines of a multi-line field, each with its white space tidied."""
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


# ---------------------------------------------------------------- recipients


def full_name(recipient: Recipient, text) -> str:
    """ "H.E. Yoko Kamikawa MP"; without a name, "H.E. the Minister of Health" or the organisation."""
    if recipient.name is not None:
        parts = (text(recipient.honorific), " ".join(recipient.name.split()), recipient.post_nominal)
    elif recipient.title is not None:
        parts = (text(recipient.honorific), text(recipient.title))
    else:
        parts = (text(recipient.organisation),)
    return " ".join(p.strip() for p in parts if p and p.strip())


def address(recipient: Recipient, text) -> n.RecipientAddress:
    """The recipient's address lines: name line, title, organisation, address, country."""
    name = full_name(recipient, text)
    title, organisation, country = text(recipient.title), text(recipient.organisation), text(recipient.country)
    if recipient.name is not None:
        composed = [name, title, organisation]
    elif title is not None:
        composed = [name, organisation]
    else:
        composed = [name]
    composed += [*lines(text(recipient.address)), country]
    return n.RecipientAddress(tuple(x for x in composed if x), name, title, organisation, country, recipient.email)


def recipient_block(recipients: list[Recipient], text) -> n.RecipientBlock:
    addresses = tuple(address(r, text) for r in recipients)
    columns = 1
    if len(addresses) > 1 and max(width(line) for a in addresses for line in a.lines) <= TWO_COLUMNS:
        columns = 2
    return n.RecipientBlock(addresses, columns, window=len(addresses) == 1)


def width(text: str) -> int:
    """Display width: East Asian wide characters count twice, combining marks not at all."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def values(recipient: Recipient, text) -> dict[str, str]:
    """The ``{recipient.…}`` placeholder values this recipient has (plain text, one line each)."""
    out = {"recipient.full_name": full_name(recipient, text)}
    for name in ("honorific", "name", "post_nominal", "title", "organisation", "country", "email"):
        value = getattr(recipient, name)
        value = value if name in ("name", "post_nominal", "email") else text(value)
        if value is not None and value.strip():
            out[f"recipient.{name}"] = " ".join(value.split())
    return out


def placeholder_values(builder: Any) -> dict[str, str]:
    """Values of ``{recipient.…}`` for a letter built for one recipient (else none).

    A recipient that lacks a field the prose uses is a RecipientError naming it.
    """
    position = builder.pos
    if position.kind != "letter":
        return {}
    recipient = builder.recipient
    if recipient is None and isinstance(position.recipients, list) and len(position.recipients) == 1:
        recipient = position.recipients[0]
    used = used_names(position, "recipient")
    if not used:
        return {}
    if recipient is None:
        raise RecipientError(f"{position.id}: the letter uses {{{used[0]}}}, so it is made for one recipient "
                             "at a time; give it recipients (--recipients CSV)")
    missing = missing_recipient_fields(recipient, used)
    if missing:
        who = full_name(recipient, lambda v: plain_text(builder, v))
        fields = ", ".join(name.partition(".")[2] for name in missing)
        raise RecipientError(f"{who}: no {fields}, which the letter uses in "
                             + ", ".join(f"{{{name}}}" for name in missing))
    return values(recipient, lambda v: plain_text(builder, v))


# ---------------------------------------------------------------- salutation


def salutation(builder: Any, letter: Letter, recipients: list[Recipient], said: dict[str, str], text) -> str:
    """The recipient's own, else the letter's, else derived from the recipients."""
    if len(recipients) == 1 and recipients[0].salutation is not None:
        return text(recipients[0].salutation)
    given = builder.text(letter.salutation)
    if given:
        return given
    return derived_salutation(recipients, said, text)


def derived_salutation(recipients: list[Recipient], said: dict[str, str], text) -> str:
    """ "Dear Minister," / "Dear Honourable Ministers," / "Excellency," / "Dear Dr Jane Smith," …"""
    if not recipients:
        return said["dear_sir_or_madam"]
    ministers = [is_minister(text(r.title)) for r in recipients]
    excellencies = [is_excellency(text(r.honorific)) for r in recipients]
    if len(recipients) > 1:
        if all(ministers):
            return said["dear_ministers"]
        if all(excellencies):
            return said["excellencies"]
        return said["dear_sir_or_madam"]
    recipient = recipients[0]
    if ministers[0]:
        return said["dear_minister"]
    if excellencies[0]:
        return said["excellency"]
    if recipient.name is not None:
        honorific = text(recipient.honorific)
        if honorific and _STYLE_ONLY.match(honorific):
            honorific = None
        name = " ".join(p for p in (honorific, " ".join(recipient.name.split())) if p)
        return said["dear_name"].format(name=name)
    return said["dear_sir_or_madam"]


def is_minister(title: str | None) -> bool:
    """A minister's title in any of the seven languages (not a prime minister)."""
    return bool(title and _MINISTER.search(title) and not _NOT_A_MINISTER.search(title))


def is_excellency(honorific: str | None) -> bool:
    """ "H.E.", "His Excellency", "S.E." …"""
    return bool(honorific and _EXCELLENCY.match(" ".join(honorific.split())))
