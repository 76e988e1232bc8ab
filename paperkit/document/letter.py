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

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import PaperkitError
from ..model.letter import Letter, Recipient, RecipientList
from . import nodes as n
from .labels import words
from ..model.placeholders import missing_recipient_fields, used_names
from ..model.translations import localise
from .address_forms import address_form, all_roles_excellency, read_honorific, role_from_title

TWO_COLUMNS = 38
"""Longest address line (in character widths) that still fits half the width of an A4 letter."""



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
    opening = salutation(builder, letter, recipients, said, text)
    front.append(opening.node)

    back: list[n.Block] = [n.Closing(builder.text(letter.closing) or opening.close or said["yours_sincerely"])]
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
    """The sender: the letter's own fields, else the theme's letterhead, else the first issuer;
    the other issuing organisations stand beside it (``co_senders``), and every one of them that
    has a logo shows it (``logos``: the sender's from the theme, else its own)."""
    sender, issuer = letter.sender, builder.pos.issued_by[0]
    theme = _theme(builder)
    name = builder.text(sender.name) or (theme and theme.name) or builder.text(issuer.name) or ""
    address = tuple(lines(builder.text(sender.address))) or (theme.address if theme else ())
    url = sender.url or (theme and theme.website) or issuer.url
    email = sender.email or (theme and theme.email) or issuer.email
    phone = sender.phone or (theme and theme.phone) or None
    logo = (theme.logo, theme.logo_raster) if theme else (None, None)
    others = tuple(dict.fromkeys(t for t in (builder.text(o.name) for o in builder.pos.issued_by) if t and t != name))
    logos = sender_logos(builder, name, others)
    room = CO_SENDER_LINES if len(logos) < 2 else CO_SENDER_LINES_UNDER_LOGOS
    if others and _lines_at(" · ".join(others), 8, name_width(logos)) > room:
        raise PaperkitError(f"{builder.pos.id}: the {len(others) + 1} issuing organisations do not fit the "
                            f"letterhead ({room} line{'s' if room > 1 else ''} of names at 8 pt"
                            + (f" under a row of {len(logos)} logos" if len(logos) > 1 else "")
                            + "); give letter.sender.name (e.g. the coalition's name) and list the "
                            "organisations in the text")
    height, width = logo_box(len(logos))
    return n.Letterhead(name, address, url, email, phone, " · ".join((name,) + address), *logo, others, logos,
                        height, width)


CO_SENDER_LINES = 4
"""Lines of other issuers' names the 27 mm letterhead holds under the sender's name."""
CO_SENDER_LINES_UNDER_LOGOS = 1
"""… and under a row of several logos: 24 mm inside the letterhead's rule, less the row (10 mm
and 2 mm under it), the sender's name (15 pt × 1.2 = 6.4 mm, 1 mm under it), leaves 4.6 mm:
one line of 8 pt names (3.5 mm)."""
SENDER_COLUMN_MM = 94.0
"""The width of the letterhead's left column (57 % of the A4 letter's 165 mm): logos and names."""
LOGO_GAP_MM = 3.0


def logo_box(count: int) -> tuple[float, float]:
    """(height, greatest width) in mm of each logo in the letterhead: one logo 15 mm high beside
    the name; several 10 mm high in one row over the left column, never wider than their share."""
    if count < 2:
        return 15.0, 40.0
    return 10.0, round(min(40.0, (SENDER_COLUMN_MM - LOGO_GAP_MM * (count - 1)) / count), 2)


def name_width(logos: tuple[n.Logo, ...]) -> float:
    """The width in mm the sender's name and the co-senders have: the left column, less a single
    logo beside them (its width at its height, and 4 mm)."""
    if len(logos) != 1:
        return SENDER_COLUMN_MM
    height, most = logo_box(1)
    logo = logos[0]
    return SENDER_COLUMN_MM - min(most, height * logo.width / max(logo.height, 1)) - 4


def sender_logos(builder: Any, name: str, others: tuple[str, ...]) -> tuple[n.Logo, ...]:
    """The sender's logo (the theme's, else the first issuer's own when it is the sender) and
    each co-sender's own, each named by its organisation (the alt text)."""
    theme = _theme(builder)
    out: list[n.Logo] = []
    if theme is not None and theme.logo:
        out.append(theme_logo(theme, name))
    for org in builder.pos.issued_by:
        org_name = builder.text(org.name) or ""
        if not org.logo or (org_name == name and out) or org_name in {logo.name for logo in out}:
            continue
        if org_name == name or org_name in others:
            out.append(builder.logo(org.logo, org_name, org.url))
    return tuple(out)


def theme_logo(theme: n.Theme, name: str) -> n.Logo:
    """The theme's logo as the sender's: its PNG or JPEG for Word, its SVG (if any) for HTML and PDF."""
    from ..resources import confined_file

    raster = theme.logo_raster or theme.logo
    assert raster is not None
    vector = theme.logo if theme.logo and theme.logo.lower().endswith(".svg") else None
    if raster.lower().endswith(".svg"):  # an SVG alone: drawn by HTML and PDF, not by Word
        return n.Logo(raster, name, raster, 1, 1, None, raster)
    path = confined_file(Path(raster), (Path(theme.folder),))
    info = path.stat()
    path, width, height = _checked_logo(raster, theme.folder, info.st_mtime_ns, info.st_size)
    return n.Logo(str(path), name, raster, width, height, None, vector)


@lru_cache(maxsize=32)
def _checked_logo(raster: str, folder: str, mtime_ns: int, size: int) -> tuple[Path, int, int]:
    """The theme's logo checked (decoded within the limits) once per process and version of the
    file: a mail merge builds the letterhead for every recipient."""
    from ..resources import checked_image

    return checked_image(Path(raster), (Path(folder),))


def _lines_at(text: str, size: float, width_mm: float) -> int:
    """Lines ``text`` takes at ``size`` points in ``width_mm`` (measured as the window measures)."""
    from .window import text_width

    return int(text_width(text, size) // width_mm) + 1


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
    """The address block; one recipient's address sized to show whole in the envelope window
    (a RecipientError names the line that cannot, even at 8 pt)."""
    from .window import FLOOR, fit

    addresses = tuple(address(r, text) for r in recipients)
    if len(addresses) == 1:
        fitted = fit(addresses[0].lines)
        if fitted.problem:
            raise RecipientError(f"{addresses[0].name}: the address does not show whole in the envelope window "
                                 f"(90 × 45 mm) even at {FLOOR:g} pt: {fitted.problem}; shorten it")
        return n.RecipientBlock(addresses, 1, window=True, font_size=fitted.size)
    columns = 1
    if max(width(line) for a in addresses for line in a.lines) <= TWO_COLUMNS:
        columns = 2
    return n.RecipientBlock(addresses, columns)


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


@dataclass(frozen=True)
class Opening:
    node: n.Salutation
    close: str | None
    """The complimentary close that goes with the salutation (None: the letter's or the default)."""


def salutation(builder: Any, letter: Letter, recipients: list[Recipient], said: dict[str, str], text) -> Opening:
    """The recipient's own, else the letter's, else the form of address from the data
    (paperkit/data/address/), else derived from several recipients."""
    if len(recipients) == 1 and recipients[0].salutation is not None:
        return Opening(n.Salutation(text(recipients[0].salutation), "given"), None)
    given = builder.text(letter.salutation)
    if given:
        return Opening(n.Salutation(given, "given"), None)
    if len(recipients) == 1:
        form = address_form(recipients[0], builder.lang, text)
        if form.uses_name and recipients[0].name is None:  # an office, not a person
            return Opening(n.Salutation(said["dear_sir_or_madam"], "no name: an office"), None)
        basis = f"{form.role} ({form.role_basis}), gender {form.gender} ({form.gender_basis}); source: {form.source}"
        return Opening(n.Salutation(form.salutation, basis, form.warnings), form.close)
    return Opening(n.Salutation(derived_salutation(recipients, said, text), "several recipients"), None)


def derived_salutation(recipients: list[Recipient], said: dict[str, str], text) -> str:
    """ "Dear Honourable Ministers," / "Excellencies," / "Dear Sir or Madam," for several recipients."""
    if not recipients:
        return said["dear_sir_or_madam"]
    roles = [_role(r, text) for r in recipients]
    if all(r == "minister" for r in roles):
        return said["dear_ministers"]
    if all_roles_excellency(roles):
        return said["excellencies"]
    return said["dear_sir_or_madam"]


def _role(recipient: Recipient, text) -> str:
    if recipient.role is not None:
        return recipient.role
    role = role_from_title([t for t in (text(recipient.title),) if t])
    if role is None:
        honorific = read_honorific(text(recipient.honorific))
        return "excellency" if honorific is not None and honorific["kind"] == "excellency" else "official"
    return role
