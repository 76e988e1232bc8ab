"""Recipients of a letter from a CSV file, and the checks of a letter's side files.

CSV files
    UTF-8, with or without a byte-order mark; comma, semicolon or tab separated (sniffed from
    the header row).  Rows are spreadsheet rows: the header is row 1; a quoted cell may hold
    several lines (an address) and is still one row.  Empty rows are skipped.

Columns (any order, header case and spacing ignored; only ``name`` or ``organisation`` required)
    ``honorific`` ("H.E."), ``name``, ``post_nominal`` ("MP"), ``title`` ("Minister of Health"),
    ``organisation`` (also organization), ``address`` (several lines, quoted), ``country``,
    ``language`` (one of the position's languages: that recipient's letter is in it alone),
    ``salutation`` (instead of the derived one), ``email``.  Other columns are ignored, but a
    header that looks like a misspelt field is an error.

What is an error
    The whole file is refused (``InvalidInput``, exit 2) when it cannot be read as CSV: not
    UTF-8 (the row is named), an unclosed quote, no header, no ``name`` or ``organisation``
    column, a repeated or misspelt column.  A row that is wrong on its own — no name and no
    organisation, a malformed e-mail, a language the position lacks, a field the letter's
    placeholders need — is kept aside with its problem: the other recipients still get their
    letters, and the bad ones are reported at the end (exit 1).
"""

from __future__ import annotations

import csv
import difflib
import io
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator, Sequence

from pydantic import ValidationError

from ..errors import InvalidInput, Problem
from .csv_text import read_side_file, sniff_delimiter
from ..model.letter import RECIPIENT_FIELDS, Recipient
from ..model.placeholders import missing_recipient_fields, used_names

MAX_BYTES = 20 * 2**20

_ALIASES = {
    "organization": "organisation", "org": "organisation", "institution": "organisation",
    "postnominal": "post_nominal", "post_nominals": "post_nominal", "postnominals": "post_nominal",
    "e_mail": "email", "mail": "email", "email_address": "email", "lang": "language",
    "portfolio": "title", "honourific": "honorific",
}
_CONTROL = dict.fromkeys(c for c in range(32) if c not in (9, 10))
_CONTROL.update({0xFFFE: None, 0xFFFF: None})


@dataclass(frozen=True)
class RecipientRow:
    """One recipient for the mail merge: from the position or a CSV row, with its problem if any."""

    recipient: Recipient | None
    source: str
    """Where it comes from: ``missions.csv row 7`` or ``recipients.entries[2]``."""
    row: int | None = None
    label: str = ""
    """Who it is, for messages (the name, else the organisation, else the first cell)."""
    problem: str | None = None
    """Why this recipient gets no letter (None: it does)."""
    file: str | None = None
    """The CSV file it was read from (None: the position)."""

    def __str__(self) -> str:
        return f"{self.source} ({self.label})" if self.label else self.source


@dataclass
class RecipientFile:
    """What a recipients CSV gave."""

    file: str
    rows: list[RecipientRow] = field(default_factory=list)
    empty_rows: list[int] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Headers no field uses."""


# ---------------------------------------------------------------- reading


def read_recipients(path: str | Path, display: str | None = None) -> RecipientFile:
    """Read a recipients CSV; InvalidInput when the file as a whole cannot be read."""
    path = Path(path)
    name = display or str(path)
    return parse_recipients(read_side_file(path, name, "recipients", MAX_BYTES), name)


def parse_recipients(raw: bytes, name: str) -> RecipientFile:
    """Parse recipients CSV bytes (see the module's documentation)."""
    text = _decode(raw, name)
    delimiter = sniff_delimiter(text)
    try:
        records = list(_records(text, delimiter))
    except csv.Error as exc:
        row = len(list(_records_until_error(text, delimiter))) + 1
        raise InvalidInput([Problem(name, row, None, "", f"the CSV cannot be read at row {row}: {exc} "
                                                         "(an unclosed quote?)")]) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise InvalidInput([Problem(name, 1, None, "", "the file has no header row (name, organisation, title, "
                                                       "address, country …)")])
    columns, ignored = _columns(records[0], name)
    result = RecipientFile(name, ignored=ignored)
    for number, cells in enumerate(records[1:], start=2):
        if not any(c.strip() for c in cells):
            result.empty_rows.append(number)
            continue
        result.rows.append(_row(number, cells, columns, len(records[0]), name))
    return result


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput([Problem(name, 1, None, "", "the file is UTF-16 text; save it as CSV UTF-8")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8-sig", errors="replace")
        row = max(1, len(list(_records_until_error(prefix, sniff_delimiter(prefix)))))
        raise InvalidInput([Problem(name, row, None, "", f"row {row} is not UTF-8 text (byte "
                                    f"0x{raw[exc.start]:02x}); save the file as CSV UTF-8")]) from None
    if "\x00" in text:
        row = max(1, len(list(_records_until_error(text[: text.index("\x00")], ","))))
        raise InvalidInput([Problem(name, row, None, "", "the file holds a NUL character: is it a spreadsheet, "
                                                         "not CSV? save it as CSV UTF-8")])
    return text


def _records(text: str, delimiter: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _records_until_error(text: str, delimiter: str):
    """The records that can be read, stopping quietly at the first broken one."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error:
        return


def header_key(text: str) -> str:
    """A header as a field name: ``"Post-nominal "`` → ``post_nominal``."""
    key = "_".join(text.strip().lower().replace("-", " ").replace(".", " ").split())
    return _ALIASES.get(key, key)


def _columns(header: list[str], name: str) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for index, cell in enumerate(header):
        key = header_key(cell)
        if not key:
            continue
        if key in RECIPIENT_FIELDS:
            if key in columns:
                problems.append(Problem(name, 1, index + 1, "", f"column {cell.strip()!r} is there twice"))
            columns[key] = index
            continue
        close = difflib.get_close_matches(key, RECIPIENT_FIELDS, n=1, cutoff=0.75)
        if close:
            problems.append(Problem(name, 1, index + 1, "", f"unknown column {cell.strip()!r} — did you mean "
                                                            f"{close[0]!r}?"))
        else:
            ignored.append(cell.strip())
    if not problems and "name" not in columns and "organisation" not in columns:
        problems.append(Problem(name, 1, None, "", "the header needs a name or an organisation column (known: "
                                                   + ", ".join(RECIPIENT_FIELDS) + ")"))
    if problems:
        raise InvalidInput(problems)
    return columns, ignored


def clean(value: str, multiline: bool = False) -> str:
    """NFC, control characters out, white space tidied (lines kept for an address)."""
    value = unicodedata.normalize("NFC", value).translate(_CONTROL)
    if multiline:
        return "\n".join(" ".join(line.split()) for line in value.splitlines() if line.strip())
    return " ".join(value.split())


def _row(number: int, cells: list[str], columns: dict[str, int], width: int, name: str) -> RecipientRow:
    values = {}
    for key, index in columns.items():
        if index < len(cells):
            value = clean(cells[index], multiline=key == "address")
            if value:
                values[key] = value
    label = values.get("name") or values.get("organisation") or next((clean(c) for c in cells if c.strip()), "")
    source = f"{name} row {number}"
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return RecipientRow(None, source, number, label, f"the row has {len(cells)} cells but the header has "
                                                         f"{width} columns (an unquoted comma?)", name)
    try:
        recipient = Recipient.model_validate(values)
    except ValidationError as exc:
        return RecipientRow(None, source, number, label, _row_message(exc), name)
    return RecipientRow(recipient, source, number, label, None, name)


def _row_message(error: ValidationError) -> str:
    messages = []
    for err in error.errors(include_url=False):
        where = ".".join(str(x) for x in err["loc"])
        text = err["msg"].removeprefix("Value error, ")
        messages.append(f"{where}: {text}" if where else text)
    return "; ".join(messages)


# ---------------------------------------------------------------- the position


def signature_problems(position: Any, folder: Path,
                       roots: tuple[Path, ...] = ()) -> list[tuple[tuple[str | int, ...], str]]:
    """(field path, message) of signature images that are not real PNG or JPEG files in the
    position's folder (or a folder allowed with ``--allow``)."""
    from ..resources import outside_roots
    from .theme import checked_image

    problems: list[tuple[tuple[str | int, ...], str]] = []
    letter = position.letter
    roots = roots or (folder.resolve(),)
    for i, signer in enumerate(letter.signers if letter else []):
        if signer.signature is None:
            continue
        path = (folder / signer.signature).resolve()
        where: tuple[str | int, ...] = ("letter", "signers", i, "signature")
        outside = outside_roots(path, roots)
        if outside:
            problems.append((where, f"a signature image must be in the position's folder (or below it): {outside}"))
        elif not path.is_file():
            problems.append((where, f"no such file: {path}"))
        else:
            try:  # a real PNG or JPEG that decodes within the limits, as the theme's images
                checked_image(path, roots, raster=True)
            except ValueError as error:
                problems.append((where, str(error)))
    return problems


def listed_rows(position: Any, file: RecipientFile | None = None) -> list[RecipientRow]:
    """The recipients a letter lists: its entries, then the rows of its recipients file."""
    listed = position.recipients
    entries = listed if isinstance(listed, list) else listed.entries if listed is not None else []
    where = "recipients" if isinstance(listed, list) else "recipients.entries"
    rows = [RecipientRow(r, f"{where}[{i}]", None, r.name or _text(r.organisation)) for i, r in enumerate(entries)]
    return rows + (file.rows if file is not None else [])


def merge_rows(position: Any, rows: Sequence[RecipientRow]) -> list[RecipientRow]:
    """The recipients who each get a letter, each row's problem filled in: a language the
    position lacks, a field the letter's placeholders need."""
    used = used_names(position, "recipient")
    out = []
    for row in rows:
        if not row.problem and row.recipient is not None:
            row = replace(row, problem=_problem(position, row.recipient, used))
        out.append(row)
    return out


def _problem(position: Any, recipient: Recipient, used: list[str]) -> str | None:
    language = recipient.language
    if language is not None and language_of(position, language) is None:
        return f"language {language!r} is not one of the letter's languages ({', '.join(position.languages)})"
    missing = missing_recipient_fields(recipient, used)
    if missing:
        return (f"no {', '.join(m.partition('.')[2] for m in missing)}, which the letter uses in "
                + ", ".join(f"{{{m}}}" for m in missing))
    return None


def language_of(position: Any, tag: str) -> str | None:
    """The position's language a recipient's ``language`` names (exact tag, then the same base language)."""
    if tag in position.languages:
        return tag
    base = tag.split("-")[0].lower()
    return next((lang for lang in position.languages if lang.split("-")[0].lower() == base), None)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return next(iter(value.values()), "")
    return value or ""
