"""``paperkit signatories check``: read a sign-on CSV (or a position's list) and report on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from ..model.signatories import invisible
from ..document.signatories import Arranged, Entry, arrange, arranged
from ..load import load
from ..load.signatories import parse_map, placed, read_csv
from ..model.signatories import ColumnMap, Signatories, SignatoryGroup
from ..resolve import resolve
from .words import count


def check(path: str | Path, columns: str | Sequence[str] | Mapping[str, Any] | None = None,
          preset: str | None = None, default_type: str = "organisation", order: str = "given",
          listing: bool = False) -> str:
    """``paperkit signatories check``: read a CSV (or a position's list) and report on it.

    Duplicates are reported, not errors; broken rows raise InvalidInput.
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        result = arranged(resolve(load(path)))
        if result is None:
            return f"{path}: the position has no signatories"
        title = f"{path}" + (f" (signatories from {result.imported.file})" if result.imported else "")
    else:
        column_map = columns if isinstance(columns, Mapping) else parse_map(columns)
        imported = read_csv(path, column_map, preset, default_type)
        spec = Signatories.model_construct(heading=None, groups=[], file=str(path), preset=preset,
                                           columns=ColumnMap(**column_map), default_type=default_type,
                                           order=order, withheld_label=None, full_list_url=None,
                                           full_list_text=None)
        result = arrange(placed(spec, imported))
        title = str(path)
    return report(result, title, listing)


def report(result: Arranged, title: str, listing: bool = False) -> str:
    """The text of the check report."""
    c = result.counts
    lines = [f"{title}:"]
    imported = result.imported
    if imported is not None:
        lines.append(f"  rows: {len(imported.rows) + len(imported.empty_rows):,} read, "
                     f"{len(imported.empty_rows):,} empty skipped"
                     + (f" (rows {_ranges(imported.empty_rows)})" if imported.empty_rows else ""))
        lines.append("  columns: " + ", ".join(f"{f} ← {h!r}" for f, h in imported.columns.items()))
        if imported.ignored:
            lines.append("  ignored columns: " + ", ".join(repr(h) for h in imported.ignored))
    countries = f"from {count(c.countries, 'country', 'countries')}" if c.countries else "with no country given"
    lines.append(f"  signatories: {c.total:,} ({count(c.organisations, 'organisation', 'organisations')}, "
                 f"{count(c.individuals, 'individual', 'individuals')}"
                 + (f", {c.withheld:,} withheld" if c.withheld else "") + f") {countries}")
    for group in result.groups:
        heading = _plain_heading(group.spec) or "(no heading)"
        lines.append(f"  group {heading}: {len(group.entries)}")
    for entry, scripts in result.lookalikes:
        lines.append(f"  look-alike: {entry.source} {_quoted(entry)} mixes {scripts} letters in one word")
    if result.duplicates:
        kept = "all kept (duplicates: keep)" if result.policy == "keep" else "the first is kept, the others left out"
        lines.append(f"  duplicates: {len(result.duplicates)} ({kept})")
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
    written = "".join(f"\\u{ord(c):04x}" if invisible(c) else c for c in entry.as_written or s.name or "")
    return f"'{written}' ({s.type}{', withheld' if s.withheld else ''})"


def _ranges(numbers: Sequence[int]) -> str:
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
