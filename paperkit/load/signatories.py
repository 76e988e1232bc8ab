"""Signatories from sign-on exports: CSV import, clean-up, duplicates, order and counts.

CSV files
    UTF-8 with or without a byte-order mark; comma, semicolon or tab separated (sniffed from
    the header row).  Row numbers in messages are spreadsheet rows: the header is row 1.
    Empty rows are skipped.  Columns that no field uses are ignored (e-mail addresses …).

Columns (default: a header named like the field, case-insensitively)
    ``name``        organisation or person, as signed (required unless withheld)
    ``type``        organisation or individual (also: organization, org, person; a Google
                    Forms answer such as "On behalf of an organisation" works too); empty → the
                    position's ``default_type``
    ``country``, ``affiliation``, ``role``, ``url`` (a bare domain gets ``https://``),
    ``logo`` (image path, relative to the position file), ``sort_as``
    ``group``       the group label (see below)
    ``withheld``    yes/no (also true/false, 1/0, x): shown as "Name withheld", still counted
    ``signed``      date signed, ISO (2024-01-23 …); anything else is left out

    A column map (``columns:`` in the position, ``--map`` on the command line) names the
    header of each field; a list of headers is joined with a space
    (``name: [First name, Last name]``, on the command line ``name=First name+Last name``).

Presets (``preset:``; a column map overrides single fields; header matching ignores case,
surrounding white space and organisation/organization spelling)
    ``google-forms``   a sign-on Google Form: "Timestamp" → signed, "Name" (or "Full name",
                       "Your name", "Name of organisation or individual") → name, "Signing as"
                       (or "Type", "I am signing as") → type, "Country" → country,
                       "Organisation" (or "Affiliation") → affiliation, "Title" (or "Role",
                       "Position") → role, "Website" → url, "Group" → group, "Withhold my name"
                       (or "Anonymous") → withheld.  "Email Address" is ignored.
    ``action-network`` an Action Network signature export: first_name + last_name → name,
                       can2_country (or country) → country, organization (or
                       "Organization") → affiliation, title → role, created_at → signed;
                       every row is of ``default_type`` unless a "type" column exists.

Groups
    A row's ``group`` is matched (ignoring case, accents, white space and ``*``) against
    each group's ``label``, else its heading in any language.  A row without a group goes to
    the group that ``takes`` its type, else to the only group.  An unknown group is an error
    naming the row.  A position with a file and no groups gets one group per distinct group
    value, in order of first appearance (rows without one first, under no heading).

The rows are placed in the position's groups here; clean-up, duplicates and order are
:mod:`paperkit.document.signatories`, the ``paperkit signatories check`` report
:mod:`paperkit.cli.signatories`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InvalidInput, Problem
from ..model.dates import PartialDate
from ..model.signatories import (PlacedSignatories, Signatories, Signatory, SignatoryFile, SignatoryGroup,
                                 SignatoryRow, clean, match_key)
from .csv_text import read_side_file, sniff_delimiter

MAX_BYTES = 50 * 1024 * 1024
FIELDS = ("name", "type", "country", "affiliation", "role", "url", "logo", "group", "withheld",
          "signed", "sort_as")

Alternatives = tuple[tuple[str, ...], ...]
"""For one field: header alternatives in order of preference; each joins one or more headers."""

PRESETS: dict[str, dict[str, Alternatives]] = {
    "google-forms": {
        "signed": (("Timestamp",),),
        "name": (("Name",), ("Full name",), ("Your name",), ("Name of organisation or individual",),
                 ("Organisation name",)),
        "type": (("Signing as",), ("I am signing as",), ("Type",)),
        "country": (("Country",), ("Country or region",)),
        "affiliation": (("Organisation",), ("Affiliation",), ("Organisation / affiliation",)),
        "role": (("Title",), ("Role",), ("Position",), ("Job title",)),
        "url": (("Website",), ("URL",)),
        "group": (("Group",),),
        "withheld": (("Withhold my name",), ("Anonymous",), ("Withheld",)),
    },
    "action-network": {
        "name": (("first_name", "last_name"), ("name",)),
        "type": (("type",),),
        "country": (("can2_country",), ("country",)),
        "affiliation": (("organisation",), ("affiliation",)),
        "role": (("title",), ("role",)),
        "url": (("website",), ("url",)),
        "group": (("group",),),
        "signed": (("created_at",), ("timestamp",)),
    },
}
DEFAULT: dict[str, Alternatives] = {f: ((f,),) for f in FIELDS}

_TRUE = {"yes", "y", "true", "1", "x", "✓", "✔", "withheld", "anonymous", "oui", "sí", "si", "ja"}
_FALSE = {"", "no", "n", "false", "0", "non", "nein"}
_WS = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_DOMAIN = re.compile(r"^[\w-]+(\.[\w-]+)+(/\S*)?$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _header_key(text: str) -> str:
    text = _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().strip(":").strip().casefold()
    return text.replace("organization", "organisation")


def _group_key(text: str) -> str:
    return match_key(text.replace("*", "").replace("_", ""))


# ---------------------------------------------------------------- column maps


def parse_map(text: str | Sequence[str] | None) -> dict[str, str | list[str]]:
    """``name="Organisation name",country=Country`` → a column map (``+`` joins headers).

    Several ``--map`` options may be given; each may hold several comma-separated pairs.
    """
    if not text:
        return {}
    parts = [text] if isinstance(text, str) else list(text)
    out: dict[str, str | list[str]] = {}
    for part in parts:
        for item in next(csv.reader([part], skipinitialspace=True), []):
            if not item.strip():
                continue
            key, sep, value = item.partition("=")
            key, value = key.strip(), value.strip().strip('"').strip()
            if not sep or not value:
                raise InvalidInput([Problem("--map", None, None, key, f"expected field=Header, got {item!r}")])
            if key not in FIELDS:
                raise InvalidInput([Problem("--map", None, None, key,
                                            f"unknown field {key!r}{_did_you_mean(key, FIELDS)} (fields: {', '.join(FIELDS)})")])
            headers = [h.strip() for h in value.split("+") if h.strip()]
            out[key] = headers if len(headers) > 1 else headers[0]
    return out


def column_plan(preset: str | None, columns: Mapping[str, str | list[str]] | None) -> dict[str, Alternatives]:
    """Header alternatives per field: the preset (or the default), overridden by the map."""
    if preset is not None and preset not in PRESETS:
        raise InvalidInput([Problem("--preset", None, None, "preset",
                                    f"unknown preset {preset!r}; choose from {', '.join(PRESETS)}")])
    plan = dict(PRESETS[preset] if preset else DEFAULT)
    for name, headers in (columns or {}).items():
        plan[name] = ((headers,),) if isinstance(headers, str) else (tuple(headers),)
    return plan


# ---------------------------------------------------------------- CSV import


def read_csv(path: str | Path, columns: Mapping[str, str | list[str]] | None = None,
             preset: str | None = None, default_type: str = "organisation",
             display: str | None = None) -> SignatoryFile:
    """Read a sign-on CSV file; raise InvalidInput naming the row of anything broken."""
    path = Path(path)
    name = display or str(path)
    return parse_csv(read_side_file(path, name, "signatories", MAX_BYTES), name, columns, preset, default_type)


def parse_csv(raw: bytes, name: str, columns: Mapping[str, str | list[str]] | None = None,
              preset: str | None = None, default_type: str = "organisation") -> SignatoryFile:
    """Parse CSV bytes (see ``read_csv``)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput([Problem(name, row, None, "", "the file is not UTF-8 text (row "
                                    f"{row}); export or save it as CSV UTF-8")]) from None
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        raise InvalidInput([Problem(name, row, None, "", "the file holds a NUL character: is it a spreadsheet, not CSV?")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    records = _records(reader, name)
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise InvalidInput([Problem(name, 1, None, "", "the file has no header row (name, type, country …)")])
    header_row, header = records[0]
    plan = column_plan(preset, columns)
    picked, problems = _pick_columns(header, plan, name, header_row, explicit=set(columns or {}))
    if problems:
        raise InvalidInput(problems)
    used = {i for indexes in picked.values() for i in indexes}
    ignored = [h for i, h in enumerate(header) if i not in used and h.strip()]
    rows: list[SignatoryRow] = []
    empty: list[int] = []
    for number, cells in records[1:]:
        if not any(c.strip() for c in cells):
            empty.append(number)
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(Problem(name, number, len(header) + 1, "",
                                    f"the row has {len(cells)} cells but the header has {len(header)} columns"))
            continue
        row = _row(number, cells, picked, header, name, default_type, problems)
        if row is not None:
            rows.append(row)
    if problems:
        raise InvalidInput(problems)
    used_columns = {f: " + ".join(header[i] for i in idx) for f, idx in picked.items()}
    return SignatoryFile(name, tuple(rows), tuple(empty), used_columns, tuple(ignored))


def _records(reader: Any, name: str) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cells) for every record."""
    records: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            records.append((number, cells))
    except csv.Error as exc:
        raise InvalidInput([Problem(name, len(records) + 1, None, "",
                                    f"the CSV cannot be read here: {exc} (an unclosed quote?)")]) from None
    return records


def _pick_columns(header: list[str], plan: dict[str, Alternatives], name: str, header_row: int,
                  explicit: set[str]) -> tuple[dict[str, tuple[int, ...]], list[Problem]]:
    index: dict[str, int] = {}
    for i, h in enumerate(header):
        index.setdefault(_header_key(h), i)
    picked: dict[str, tuple[int, ...]] = {}
    problems: list[Problem] = []
    for fld, alternatives in plan.items():
        for headers in alternatives:
            found = [index.get(_header_key(h)) for h in headers]
            if all(i is not None for i in found):
                picked[fld] = tuple(found)  # type: ignore[arg-type]
                break
        else:
            if fld in explicit or fld == "name":
                wanted = " or ".join(" + ".join(f'"{h}"' for h in headers) for headers in alternatives)
                have = ", ".join(f'"{h}"' for h in header if h.strip())
                problems.append(Problem(name, header_row, None, fld,
                                        f"no column {wanted} for {fld}; the columns are {have} "
                                        "(map them with columns: in the position or --map)"))
    return picked, problems


def _row(number: int, cells: list[str], picked: dict[str, tuple[int, ...]], header: list[str],
         name: str, default_type: str, problems: list[Problem]) -> SignatoryRow | None:
    def cell(fld: str) -> tuple[str, int | None]:
        indexes = picked.get(fld)
        if not indexes:
            return "", None
        text = " ".join(clean(cells[i]) for i in indexes if i < len(cells))
        return clean(text), indexes[0] + 1

    values: dict[str, Any] = {}
    before = len(problems)

    def bad(fld: str, column: int | None, message: str) -> None:
        problems.append(Problem(name, number, column, fld, message))

    kind, col = cell("type")
    if kind:
        parsed = parse_type(kind)
        if parsed is None:
            bad("type", col, f"{kind!r} is not a signatory type; expected organisation or individual")
        values["type"] = parsed
    else:
        values["type"] = default_type
    withheld, col = cell("withheld")
    if withheld.casefold() in _TRUE:
        values["withheld"] = True
    elif withheld.casefold() in _FALSE:
        values["withheld"] = False
    else:
        bad("withheld", col, f"{withheld!r} is not yes or no")
    raw_name = " ".join(cells[i] for i in picked.get("name", ()) if i < len(cells))
    person, col = cell("name")
    if not person and not values.get("withheld"):
        bad("name", col, "the name is missing (give one, or mark the row withheld)")
    values["name"] = person or None
    for fld in ("country", "affiliation", "role", "logo", "sort_as"):
        values[fld] = cell(fld)[0] or None
    url, col = cell("url")
    if url:
        if not _URL.match(url):
            if _DOMAIN.match(url):
                url = "https://" + url
            else:
                bad("url", col, f"{url!r} is not a web address")
        values["url"] = url
    signed, _ = cell("signed")
    values["signed"] = _date(signed)
    group = cell("group")[0] or None
    if len(problems) > before:
        return None
    return SignatoryRow(number, Signatory.model_construct(**{k: v for k, v in values.items() if v is not None}), group,
               raw_name)


def parse_type(text: str) -> str | None:
    """organisation, individual, or None when the text says neither (or both)."""
    words = set(re.findall(r"\w+", text.casefold().replace("organization", "organisation")))
    org = bool(words & {"organisation", "org", "ngo", "group", "organisations"})
    person = bool(words & {"individual", "person", "personal", "individually", "individuals"})
    if org == person:
        return None
    return "organisation" if org else "individual"


def _date(text: str) -> PartialDate | None:
    match = _ISO_DATE.match(text)
    if not match:
        return None
    try:
        year, month, day = (int(x) for x in match.groups())
        date = PartialDate(year, month, day)
        date.as_date()
        return date
    except (ValueError, TypeError):
        return None


# ---------------------------------------------------------------- groups


def placed(spec: Signatories, imported: SignatoryFile | None = None) -> PlacedSignatories:
    """Each group of the position with the CSV rows that belong to it (unknown group → error)."""
    groups = list(spec.groups)
    rows = imported.rows if imported else ()
    if not groups:
        return PlacedSignatories(spec, _groups_from_rows(rows), imported)
    keys: dict[str, int] = {}
    for i, group in enumerate(groups):
        for label in _group_labels(group):
            keys.setdefault(_group_key(label), i)
    placed_rows: list[list[SignatoryRow]] = [[] for _ in groups]
    problems: list[Problem] = []
    for row in rows:
        where = keys.get(_group_key(row.group)) if row.group else _taker(groups, row.signatory.type)
        if where is None:
            assert imported is not None  # rows come from a file
            problems.append(Problem(imported.file, row.row, None, "group", _unplaced(row, groups, imported)))
        else:
            placed_rows[where].append(row)
    if problems:
        raise InvalidInput(problems)
    return PlacedSignatories(spec, tuple((g, tuple(r)) for g, r in zip(groups, placed_rows)), imported)


def _taker(groups: list[SignatoryGroup], kind: str) -> int | None:
    """The group a row of ``kind`` without a group goes to: the first that takes it, else the only one."""
    takers = [i for i, g in enumerate(groups) if g.takes == kind]
    return takers[0] if takers else 0 if len(groups) == 1 else None


def _unplaced(row: SignatoryRow, groups: list[SignatoryGroup], imported: SignatoryFile) -> str:
    if row.group:
        known = ", ".join(repr(label) for g in groups for label in _group_labels(g)[:1]) or "none"
        return f"unknown group {row.group!r}; the position's groups are {known} (match a label or heading)"
    column = imported.columns.get("group")
    kind = row.signatory.type
    return (f"the row names no group{' (column ' + repr(column) + ')' if column else ''} "
            f"and no group takes {kind}s (give the groups `takes: {kind}` or a label)")


def _group_labels(group: SignatoryGroup) -> list[str]:
    labels = [group.label] if group.label else []
    heading = group.heading
    if isinstance(heading, str):
        labels.append(heading)
    elif isinstance(heading, dict):
        labels.extend(heading.values())
    return labels


def _groups_from_rows(rows: Iterable[SignatoryRow]) -> tuple[tuple[SignatoryGroup, tuple[SignatoryRow, ...]], ...]:
    """Without groups in the position: one per distinct group value, rows without one first."""
    order: dict[str, tuple[SignatoryGroup, list[SignatoryRow]]] = {}
    for row in rows:
        key = _group_key(row.group) if row.group else ""
        if key not in order:
            order[key] = (SignatoryGroup.model_construct(label=row.group, heading=row.group, note=None,
                                                         takes=None, entries=[]), [])
        order[key][1].append(row)
    ordered = sorted(order.values(), key=lambda pair: pair[0].label is not None)
    return tuple((group, tuple(rows)) for group, rows in ordered)


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else ""
