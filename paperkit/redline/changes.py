"""What changed between two document trees, block by block, in the words of the structure.

The trees of both versions (one language) are flattened into blocks that a reader names:
the title, section headings, paragraphs (numbered in reading order), demands, concerns and
other list items (by their printed number), notes (by key) and signatories (by name).
They are aligned (``align.align``) and each change becomes a ``Change``: "demand 4 added",
"paragraph 2 revised", "12 signatories added (total 158)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..document import nodes as n
from ..document.markup import plain
from .align import Step, Unit, align

_KINDS = {"demands": "demand", "concerns": "concern"}
IN_PLACE = frozenset({"title", "section"})
"""A heading replaced where it stands is that section's heading revised, however different the words."""
MOVABLE = {"demand", "concern", "item", "paragraph", "section", "table", "figure"}
"""Kinds whose order a reader follows: their moves are named (a note or a signatory only renumbers)."""


@dataclass(frozen=True)
class Change:
    """One change a reader would name."""

    kind: str
    """title, section, paragraph, demand, concern, item, table, figure, note, signatory"""
    op: str
    """added, removed, revised, moved"""
    label: str = ""
    """The block's number ("4", "3(a)") or, for a section, its heading."""
    old_label: str = ""
    """Where a moved block was."""


@dataclass(frozen=True)
class Summary:
    """Every change of one language version, and the signatory totals."""

    changes: tuple[Change, ...]
    signatories_added: int
    signatories_removed: int
    signatories_total: int | None

    def of(self, kind: str, op: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind and c.op == op]

    @property
    def empty(self) -> bool:
        return not self.changes


def units(document: n.Document) -> list[Unit]:
    """The blocks of a tree a reader names, in reading order (update notes left out)."""
    out = [Unit("title", plain(document.front.title), None, "")]
    paragraph = tables = figures = 0
    for block in document.blocks:
        if isinstance(block, n.Heading):
            text = plain(block.content)
            out.append(Unit("section", text, None, text))
        elif isinstance(block, n.Paragraph):
            paragraph += 1
            out.append(Unit("paragraph", plain(block.content), None, str(block.number or paragraph)))
        elif isinstance(block, n.ListBlock):
            if block.lead_in:
                paragraph += 1
                out.append(Unit("paragraph", plain(block.lead_in), None, str(paragraph)))
            out += _items(block, _KINDS.get(block.role or "", "item"), "")
        elif isinstance(block, n.Quote):
            for para in block.blocks:
                paragraph += 1
                out.append(Unit("paragraph", plain(para.content), None, str(paragraph)))
        elif isinstance(block, n.Table):  # known by its caption and cells, named by its place
            tables += 1
            rows = ([block.header] if block.header else []) + list(block.rows)
            text = " | ".join([plain(block.caption or ())] + [" ; ".join(plain(cell) for cell in row) for row in rows])
            out.append(Unit("table", text, None, str(tables)))
        elif isinstance(block, n.Figure):  # the same image is the same figure, its caption revised
            figures += 1
            out.append(Unit("figure", f"{plain(block.caption or ())} {block.alt}".strip(), block.source, str(figures)))
        elif isinstance(block, n.Signatories):
            for group in block.groups:
                for entry in group.entries:
                    text = entry.name + (f", {entry.detail}" if entry.detail else "")
                    ident = None if entry.withheld else entry.name
                    out.append(Unit("signatory", text, ident, entry.name))
    return out


def _items(block: n.ListBlock, kind: str, prefix: str) -> list[Unit]:
    out = []
    for item in block.items:
        label = prefix + (re.sub(r"[^\w]", "", item.label) if block.ordered else "")
        text = " ".join(filter(None, [plain(item.content), block_text(getattr(item, "blocks", ()))]))
        out.append(Unit(kind, text, None, label))
        for child in item.children:
            out += _items(child, kind, label)
    return out


def note_units(document: n.Document) -> list[Unit]:
    return [Unit("note", block_text(note.blocks), note_identity(note), str(note.number)) for note in document.notes]


def note_identity(note: n.Note) -> str:
    """What makes a note the same in both versions: its key; a note without one (a link's
    address printed as a note, a reference cited once) is known by its text."""
    return note.key or "text:" + block_text(note.blocks)


def block_text(blocks: Sequence[n.Block]) -> str:
    """The plain text of blocks (paragraphs, quotes, lists and their items), joined by spaces."""
    out = []
    for block in blocks:
        if isinstance(block, n.Paragraph):
            out.append(plain(block.content))
        elif isinstance(block, n.Quote):
            out.append(block_text(block.blocks))
            if block.source:
                out.append(plain(block.source))
        elif isinstance(block, n.ListBlock):
            if block.lead_in:
                out.append(plain(block.lead_in))
            for item in block.items:
                out += [plain(item.content), block_text(getattr(item, "blocks", ())), block_text(item.children)]
    return " ".join(x for x in out if x)


def summarise(old: n.Document, new: n.Document) -> Summary:
    """The changes from ``old`` to ``new`` (the same language)."""
    changes: list[Change] = []
    added = removed = 0
    steps = align(units(old), units(new), IN_PLACE) + align(note_units(old), note_units(new))
    whole = None  # inside a section added (or removed) whole, its blocks are not named one by one
    for step in steps:
        unit = step.new or step.old
        assert unit is not None
        if unit.kind == "section":
            whole = step.op if step.op in ("inserted", "deleted") else None
        elif whole is not None and step.op == whole and unit.kind != "signatory":
            continue
        else:
            whole = None
        if unit.kind == "signatory":
            added += step.op in ("inserted",)
            removed += step.op in ("deleted",)
            continue
        if step.op == "changed":
            changes.append(Change(unit.kind, "revised", _label(step.new)))
        elif step.op == "inserted":
            changes.append(Change(unit.kind, "added", _label(step.new)))
        elif step.op == "deleted":
            changes.append(Change(unit.kind, "removed", _label(step.old)))
        elif step.op == "moved-to" and unit.kind in MOVABLE:
            changes.append(Change(unit.kind, "moved", _label(step.new), _label(step.old)))
    counts = next((b.counts for b in new.blocks if isinstance(b, n.Signatories)), None)
    return Summary(tuple(changes), added, removed, counts.total if counts else None)


def _label(unit: Unit | None) -> str:
    return str(unit.data) if unit is not None and unit.data is not None else ""
