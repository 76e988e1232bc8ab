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

Clean-up without damage
    Every value: Unicode NFC, trimmed, runs of white space made one space.  Case and spelling
    are never changed.  Duplicates are found ignoring case, accents and white space (the same
    organisation twice, an organisation also listed as an individual): the first — inline
    entries group by group, then the CSV top to bottom — is kept, the others reported.  When
    either copy is withheld, the kept one is withheld.

Order (``order: alphabetical``; within each group)
    Unicode Collation Algorithm (DUCET, through ``pyuca``, pure Python): accented letters sort
    with their base letter, then case and accents break ties; names in other scripts keep
    their script and follow Latin in DUCET script order (Greek, Cyrillic, …, Arabic, …,
    Malayalam, …, Japanese kana, Han ideographs by code point); final ties by code point.
    Organisations sort by name as written.  Individuals whose name is in Latin, Greek or
    Cyrillic script sort by surname: the last word, after dropping "Jr.", "Sr.", "II"…;
    lowercase particles before it ("de la", "van der", "von", "da", "al-" …) are not part
    of the sort surname ("María de la Cruz" sorts as "Cruz, María de la"; "Ludwig van
    Beethoven" under B), capitalised ones are ("Robert De Niro" under D).  A name written
    "Surname, Given" is taken as it is.  ``sort_as`` overrides the rule for one entry.
    Withheld names come last.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from ..errors import InvalidInput, Problem
from .csv_text import read_side_file, sniff_delimiter
from ..model.dates import PartialDate
from ..model.signatories import ColumnMap, Signatories, Signatory, SignatoryGroup

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


# ---------------------------------------------------------------- text clean-up and keys


def clean(value: str | None) -> str:
    """NFC, trimmed, white-space runs made one space; case and spelling untouched."""
    if not value:
        return ""
    return _WS.sub(" ", unicodedata.normalize("NFC", value)).strip()


def match_key(text: str) -> str:
    """The key duplicates are found by: no case, no accents, no white space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub("", bare.casefold())


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


@dataclass(frozen=True, slots=True)
class Row:
    """One signature read from a CSV file."""

    row: int
    signatory: Signatory
    group: str | None
    as_written: str = ""
    """The name cell before clean-up (for the duplicate report)."""


@dataclass
class Imported:
    """What a CSV file gave: the rows, and what was skipped or ignored."""

    file: str
    rows: list[Row]
    empty_rows: list[int]
    columns: dict[str, str]
    """field → header(s) used."""
    ignored: list[str]
    """Headers no field uses."""


def read_csv(path: str | Path, columns: Mapping[str, str | list[str]] | None = None,
             preset: str | None = None, default_type: str = "organisation",
             display: str | None = None) -> Imported:
    """Read a sign-on CSV file; raise InvalidInput naming the row of anything broken."""
    path = Path(path)
    name = display or str(path)
    return parse_csv(read_side_file(path, name, "signatories", MAX_BYTES), name, columns, preset, default_type)


def parse_csv(raw: bytes, name: str, columns: Mapping[str, str | list[str]] | None = None,
              preset: str | None = None, default_type: str = "organisation") -> Imported:
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
    rows: list[Row] = []
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
    return Imported(name, rows, empty, used_columns, ignored)


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
         name: str, default_type: str, problems: list[Problem]) -> Row | None:
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
    return Row(number, Signatory.model_construct(**{k: v for k, v in values.items() if v is not None}), group,
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


# ---------------------------------------------------------------- the position's list


@dataclass(frozen=True, slots=True)
class Entry:
    """A signature after clean-up, with where it came from."""

    signatory: Signatory
    source: str
    """``row 12`` (of the CSV file) or ``groups[0].entries[3]`` (of the position)."""
    order: int
    """Place in source order (inline entries group by group, then the CSV)."""
    as_written: str = ""
    """The name before clean-up."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A signature dropped because an earlier one has the same name."""

    kept: Entry
    dropped: Entry
    how: str


@dataclass(frozen=True, slots=True)
class Counts:
    """How many signed."""

    total: int
    organisations: int
    individuals: int
    countries: int
    withheld: int


@dataclass
class ArrangedGroup:
    """A group of the position with its entries, cleaned, deduplicated and ordered."""

    spec: SignatoryGroup
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Arranged:
    """The whole list, ready for the document tree, and what happened to it."""

    groups: list[ArrangedGroup]
    duplicates: list[Duplicate]
    counts: Counts
    imported: Imported | None = None


def attach(position: Any, data: Any = None, name: str | None = None) -> None:
    """Read the position's signatories file (relative to the position file) into it.

    Raises InvalidInput naming the CSV's rows (or the position's ``signatories.file``
    line when the file cannot be read).
    """
    spec: Signatories | None = position.signatories
    if spec is None or not spec.file:
        return
    from .theme import named_file

    path = named_file(position, spec.file, data, name or str(position.source or "<position>"), ("signatories", "file"))
    imported = read_csv(path, spec.columns.as_dict(), spec.preset, spec.default_type, display=str(path))
    spec._imported = imported
    spec._arranged = None
    placed_groups(spec, imported)  # unknown groups are errors at load time


def arranged(position: Any) -> Arranged:
    """The position's signatories cleaned, deduplicated, ordered and counted (cached)."""
    spec: Signatories = position.signatories
    if spec._arranged is None:
        if spec.file and spec._imported is None:
            attach(position)
        spec._arranged = arrange(spec, spec._imported)
    return spec._arranged


def placed_groups(spec: Signatories, imported: Imported | None) -> list[tuple[SignatoryGroup, list[Row]]]:
    """Each group of the position with the CSV rows that belong to it (unknown group → error)."""
    groups = list(spec.groups)
    rows = imported.rows if imported else []
    if not groups:
        return _groups_from_rows(rows)
    keys: dict[str, int] = {}
    for i, group in enumerate(groups):
        for label in _group_labels(group):
            keys.setdefault(_group_key(label), i)
    placed: list[list[Row]] = [[] for _ in groups]
    problems: list[Problem] = []
    column = imported.columns.get("group") if imported else None
    for row in rows:
        if row.group:
            where = keys.get(_group_key(row.group))
            if where is None:
                known = ", ".join(repr(label) for g in groups for label in _group_labels(g)[:1]) or "none"
                problems.append(Problem(imported.file, row.row, None, "group",
                                        f"unknown group {row.group!r}; the position's groups are {known} "
                                        "(match a label or heading)"))
                continue
        else:
            kind = row.signatory.type
            takers = [i for i, g in enumerate(groups) if g.takes == kind]
            if takers:
                where = takers[0]
            elif len(groups) == 1:
                where = 0
            else:
                problems.append(Problem(imported.file, row.row, None, "group",
                                        f"the row names no group{' (column ' + repr(column) + ')' if column else ''} "
                                        f"and no group takes {kind}s (give the groups `takes: {kind}` or a label)"))
                continue
        placed[where].append(row)
    if problems:
        raise InvalidInput(problems)
    return list(zip(groups, placed))


def _group_labels(group: SignatoryGroup) -> list[str]:
    labels = [group.label] if group.label else []
    heading = group.heading
    if isinstance(heading, str):
        labels.append(heading)
    elif isinstance(heading, dict):
        labels.extend(heading.values())
    return labels


def _groups_from_rows(rows: list[Row]) -> list[tuple[SignatoryGroup, list[Row]]]:
    order: dict[str, tuple[SignatoryGroup, list[Row]]] = {}
    for row in rows:
        key = _group_key(row.group) if row.group else ""
        if key not in order:
            order[key] = (SignatoryGroup.model_construct(label=row.group, heading=row.group, note=None,
                                                         takes=None, entries=[]), [])
        order[key][1].append(row)
    return sorted(order.values(), key=lambda pair: pair[0].label is not None)


def arrange(spec: Signatories, imported: Imported | None = None) -> Arranged:
    """Clean, deduplicate (first kept), order within groups, and count."""
    groups = placed_groups(spec, imported)
    arranged_groups = [ArrangedGroup(group) for group, _ in groups]
    sources: list[tuple[int, Entry]] = []
    order = 0
    for gi, (group, _) in enumerate(groups):
        for ei, entry in enumerate(group.entries):
            written = entry if isinstance(entry, str) else entry.name or ""
            sources.append((gi, Entry(_clean_signatory(entry, group), f"groups[{gi}].entries[{ei}]", order, written)))
            order += 1
    by_row = sorted(((row.row, gi, row) for gi, (_, rows) in enumerate(groups) for row in rows),
                    key=lambda t: t[0])
    for _, gi, row in by_row:
        sources.append((gi, Entry(row.signatory, f"row {row.row}", order, row.as_written)))  # cleaned when read
        order += 1
    seen: dict[str, tuple[int, int]] = {}
    duplicates: list[Duplicate] = []
    for gi, entry in sources:
        name = entry.signatory.name
        key = match_key(name) if name else None
        if key and key in seen:
            kg, ki = seen[key]
            kept = arranged_groups[kg].entries[ki]
            duplicates.append(Duplicate(kept, entry, _how(kept, entry)))
            if entry.signatory.withheld and not kept.signatory.withheld:
                withheld = kept.signatory.model_copy(update={"withheld": True})
                arranged_groups[kg].entries[ki] = Entry(withheld, kept.source, kept.order, kept.as_written)
            continue
        if key:
            seen[key] = (gi, len(arranged_groups[gi].entries))
        arranged_groups[gi].entries.append(entry)
    if spec.order == "alphabetical":
        for group in arranged_groups:
            group.entries.sort(key=lambda e: sort_key(e.signatory))
    everyone = [e.signatory for g in arranged_groups for e in g.entries]
    return Arranged(arranged_groups, duplicates, count(everyone), imported)


def _clean_signatory(entry: str | Signatory, group: SignatoryGroup | None) -> Signatory:
    if isinstance(entry, str):
        kind = group.takes if group is not None and group.takes else "organisation"
        return Signatory.model_construct(name=clean(entry), type=kind)
    updates = {f: clean(getattr(entry, f)) or None
               for f in ("name", "country", "affiliation", "role", "sort_as") if getattr(entry, f)}
    if group is not None and group.takes and "type" not in entry.model_fields_set:
        updates["type"] = group.takes
    return entry.model_copy(update=updates) if updates else entry


def _how(kept_entry: Entry, dropped_entry: Entry) -> str:
    kept, dropped = kept_entry.signatory, dropped_entry.signatory
    a, b = kept_entry.as_written or kept.name or "", dropped_entry.as_written or dropped.name or ""
    if a == b:
        how = "the same name"
    elif unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b):
        how = "differs only in Unicode normalisation (the same letters, composed differently)"
    elif clean(a) == clean(b) or _WS.sub("", a) == _WS.sub("", b):
        how = "differs only in white space"
    elif a.casefold() == b.casefold():
        how = "differs only in case"
    elif _strip_accents(a) == _strip_accents(b):
        how = "differs only in accents"
    else:
        how = "differs in case, accents or white space"
    if kept.type != dropped.type:
        how += f"; listed as {kept.type} and as {dropped.type}"
    return how


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def count(signatories: Iterable[Signatory]) -> Counts:
    """Totals of organisations, individuals, withheld names and distinct countries."""
    total = organisations = individuals = withheld = 0
    countries: set[str] = set()
    for s in signatories:
        total += 1
        if s.type == "organisation":
            organisations += 1
        else:
            individuals += 1
        withheld += bool(s.withheld)
        if s.country:
            countries.add(country_key(s.country))
    return Counts(total, organisations, individuals, len(countries), withheld)


def country_key(country: str) -> str:
    """The same key for "Kenya", "kenya" and "KE" (English names and ISO codes via Babel)."""
    key = match_key(country)
    return _territories().get(key, key)


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    from babel import Locale

    out: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if code.isalpha():
            out[match_key(name)] = code
            out[match_key(code)] = code
    return out


# ---------------------------------------------------------------- collation

_PARTICLES = {"de", "del", "della", "der", "den", "des", "di", "da", "das", "do", "dos", "du", "la", "le",
              "van", "von", "vom", "zu", "zum", "zur", "ten", "ter", "af", "av", "bin", "binti", "bint",
              "ibn", "al", "el", "y", "e", "st", "st.", "d'", "l'"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "esq", "esq."}
_SURNAME_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@lru_cache(maxsize=1)
def _collator() -> Any:
    import pyuca

    return pyuca.Collator()


def sort_key(signatory: Signatory) -> tuple:
    """Alphabetical order (see the module docstring): withheld last, then UCA, then code points."""
    if signatory.withheld or not signatory.name:
        return (1, (), "")
    text = signatory.sort_as or (surname_first(signatory.name) if signatory.type == "individual"
                                 else signatory.name)
    return (0, tuple(_collator().sort_key(text)), text, signatory.name)


def surname_first(name: str) -> str:
    """ "María de la Cruz" → "Cruz, María de la"; unchanged when no rule applies."""
    if "," in name or not _in_surname_script(name):
        return name
    words = name.split(" ")
    suffix: list[str] = []
    while len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 2:
        return name
    surname = words[-1]
    rest = words[:-1]
    article = re.match(r"^(al|el|ad|ar|as|an|at|az|ash|ad|ud)[-‑]", surname)
    if article and surname[:1].islower():
        surname = surname[article.end():] + " " + surname[: article.end()]
    particles: list[str] = []
    while len(rest) > 1 and rest[-1].casefold() in _PARTICLES:
        if rest[-1] in _PARTICLES:  # lowercase: not part of the sort surname
            particles.insert(0, rest.pop())
        else:  # capitalised ("De Niro"): part of it
            surname = rest.pop() + " " + surname
    given = " ".join(rest + particles + suffix)
    return f"{surname}, {given}"


def _in_surname_script(name: str) -> bool:
    for char in name:
        if char.isalpha():
            return unicodedata.name(char, "").startswith(_SURNAME_SCRIPTS)
    return False


# ---------------------------------------------------------------- the check report


def check(path: str | Path, columns: str | Sequence[str] | Mapping[str, Any] | None = None,
          preset: str | None = None, default_type: str = "organisation", order: str = "given",
          listing: bool = False) -> str:
    """``paperkit signatories check``: read a CSV (or a position's list) and report on it.

    Duplicates are reported, not errors; broken rows raise InvalidInput.
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        from . import load

        position = load(path)
        if position.signatories is None:
            return f"{path}: the position has no signatories"
        result = arranged(position)
        title = f"{path}" + (f" (signatories from {result.imported.file})" if result.imported else "")
    else:
        column_map = columns if isinstance(columns, Mapping) else parse_map(columns)
        imported = read_csv(path, column_map, preset, default_type)
        spec = Signatories.model_construct(heading=None, groups=[], file=str(path), preset=preset,
                                           columns=ColumnMap(**column_map), default_type=default_type,
                                           order=order, withheld_label=None, full_list_url=None,
                                           full_list_text=None)
        spec._imported = imported
        result = arrange(spec, imported)
        title = str(path)
    return report(result, title, listing)


def report(result: Arranged, title: str, listing: bool = False) -> str:
    """The text of the check report."""
    c = result.counts
    lines = [f"{title}:"]
    imported = result.imported
    if imported is not None:
        lines.append(f"  rows: {len(imported.rows) + len(imported.empty_rows)} read, "
                     f"{len(imported.empty_rows)} empty skipped"
                     + (f" (rows {_ranges(imported.empty_rows)})" if imported.empty_rows else ""))
        lines.append("  columns: " + ", ".join(f"{f} ← {h!r}" for f, h in imported.columns.items()))
        if imported.ignored:
            lines.append("  ignored columns: " + ", ".join(repr(h) for h in imported.ignored))
    lines.append(f"  signatories: {c.total} ({c.organisations} organisations, {c.individuals} individuals"
                 + (f", {c.withheld} withheld" if c.withheld else "") + f") from {c.countries} countries")
    for group in result.groups:
        heading = _plain_heading(group.spec) or "(no heading)"
        lines.append(f"  group {heading}: {len(group.entries)}")
    if result.duplicates:
        lines.append(f"  duplicates: {len(result.duplicates)} (the first is kept, the others left out)")
        for dup in result.duplicates:
            lines.append(f"    {dup.dropped.source} {_quoted(dup.dropped)} = "
                         f"{dup.kept.source} {_quoted(dup.kept)}: {dup.how}")
    else:
        lines.append("  duplicates: none")
    if listing:
        for group in result.groups:
            lines.append(f"  [{_plain_heading(group.spec) or '(no heading)'}]")
            for entry in group.entries:
                s = entry.signatory
                detail = ", ".join(x for x in (s.role, s.affiliation, s.country) if x)
                name = s.name if s.name else "(withheld)"
                lines.append(f"    {name}" + (f" — {detail}" if detail else "")
                             + (" (withheld)" if s.withheld and s.name else ""))
    return "\n".join(lines) + "\n"


def _plain_heading(group: SignatoryGroup) -> str | None:
    heading = group.heading
    if isinstance(heading, dict):
        heading = next(iter(heading.values()), None)
    return heading or group.label


def _quoted(entry: Entry) -> str:
    s = entry.signatory
    return f"{entry.as_written or s.name!r} ({s.type}{', withheld' if s.withheld else ''})"


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        out.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(out)


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" — did you mean {close[0]!r}?" if close else ""
