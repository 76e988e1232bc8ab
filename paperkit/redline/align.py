"""Align two sequences of blocks: which stayed, which changed, which came, went or moved.

A block (``Unit``) has a kind (a paragraph style, "demand", "signatory" …), an identity
when it has one (a signatory's name, a note's key) and its text.  Blocks equal in kind and
identity (or text) are matched first, longest runs first (difflib); a block left over on
both sides with the same identity, or the same text, somewhere else is a move; what remains
is paired, kind with kind, when the texts are alike enough to be one block revised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Sequence

from .words import similarity

SIMILAR = 0.5
"""Two blocks of the same kind at least this alike (word ratio) are one block, revised."""


@dataclass(frozen=True)
class Unit:
    """One block to align."""

    kind: str
    text: str
    ident: str | None = None
    data: Any = field(default=None, compare=False)
    """Whatever the caller needs back (an XML element, a tree node)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.ident if self.ident is not None else self.text)


@dataclass(frozen=True)
class Step:
    """One step of the alignment, in reading order of the merged text.

    ``op`` is "equal", "changed" (same block, text revised), "inserted", "deleted",
    "moved-from" (the old place of a moved block: shown deleted) or "moved-to" (its new
    place; ``old`` is set, and ``changed`` when its text was revised on the way).
    """

    op: str
    old: Unit | None
    new: Unit | None
    old_index: int | None = None
    new_index: int | None = None

    @property
    def revised(self) -> bool:
        return self.old is not None and self.new is not None and self.old.text != self.new.text


def align(old: Sequence[Unit], new: Sequence[Unit], in_place: frozenset[str] = frozenset()) -> list[Step]:
    """The steps that turn ``old`` into ``new``, deleted blocks right after the block that preceded them.

    A block of a kind in ``in_place`` (a heading, the title) that is the only one of its kind
    between the same two matched blocks on both sides is one block revised, however unlike.
    """
    matcher = SequenceMatcher(None, [u.key for u in old], [u.key for u in new], autojunk=False)
    pairs: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update(zip(range(i1, i2), range(j1, j2)))
    moves: dict[int, int] = {}
    left_old = [i for i in range(len(old)) if i not in pairs]
    left_new = [j for j in range(len(new)) if j not in pairs.values()]
    by_key: dict[tuple[str, str], list[int]] = {}
    for j in left_new:
        by_key.setdefault(new[j].key, []).append(j)
    for i in left_old:  # the same block elsewhere: a move
        candidates = by_key.get(old[i].key)
        if candidates:
            moves[i] = candidates.pop(0)
    _pair_similar(old, new, pairs, moves, in_place)
    _pair_moved(old, new, pairs, moves)
    return _steps(old, new, pairs, moves)


def _pair_similar(old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int], moves: dict[int, int],
                  in_place: frozenset[str] = frozenset()) -> None:
    """Pair left-over blocks between two matched ones, kind with kind, when alike enough."""
    taken_new = set(pairs.values()) | set(moves.values())
    anchors = sorted(pairs.items())
    bounds = [(-1, -1)] + anchors + [(len(old), len(new))]
    for (a0, b0), (a1, b1) in zip(bounds, bounds[1:]):
        olds = [i for i in range(a0 + 1, a1) if i not in moves]
        news = [j for j in range(b0 + 1, b1) if j not in taken_new]
        for kind in in_place:
            lone_old = [i for i in olds if old[i].kind == kind]
            lone_new = [j for j in news if new[j].kind == kind]
            if len(lone_old) == 1 and len(lone_new) == 1:
                pairs[lone_old[0]] = lone_new[0]
        news = [j for j in news if j not in pairs.values()]
        last = -1
        for i in olds:
            if i in pairs:
                last = max(last, pairs[i])
                continue
            best, score = None, SIMILAR
            for j in news:
                if j <= last or new[j].kind != old[i].kind:
                    continue
                if old[i].ident is not None and new[j].ident is not None:
                    if old[i].ident == new[j].ident:  # one signatory, its details revised
                        best, score = j, 2.0
                        break
                    continue  # two different signatories, however alike
                ratio = similarity(old[i].text, new[j].text)
                if ratio >= score:
                    best, score = j, ratio
            if best is not None:
                pairs[i] = best
                last = best


def _pair_moved(old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int], moves: dict[int, int]) -> None:
    """A block left over on both sides, revised *and* moved: paired anywhere, best match first."""
    taken = set(pairs.values()) | set(moves.values())
    left_old = [i for i in range(len(old)) if i not in pairs and i not in moves]
    left_new = [j for j in range(len(new)) if j not in taken]
    scored = []
    for i in left_old:
        for j in left_new:
            if old[i].kind == new[j].kind and (old[i].ident is None or new[j].ident is None):
                ratio = similarity(old[i].text, new[j].text)
                if ratio >= SIMILAR:
                    scored.append((-ratio, i, j))
    used_new: set[int] = set()
    for _, i, j in sorted(scored):
        if i not in moves and j not in used_new:
            moves[i] = j
            used_new.add(j)


def _steps(old: Sequence[Unit], new: Sequence[Unit], pairs: dict[int, int], moves: dict[int, int]) -> list[Step]:
    moved_to = {j: i for i, j in moves.items()}
    paired_new = {j: i for i, j in pairs.items()}
    steps: list[Step] = []
    i = 0
    for j in range(len(new)):
        while i < len(old) and i not in pairs:  # what went comes right after what preceded it
            steps.append(_gone(old, i, moves))
            i += 1
        if j in paired_new:  # old blocks up to this one's partner come first
            target = paired_new[j]
            while i < target:
                steps.append(_gone(old, i, moves))
                i += 1
            i = max(i, target + 1)
            o = old[target]
            steps.append(Step("equal" if o.text == new[j].text and o.key == new[j].key else "changed",
                              o, new[j], target, j))
        elif j in moved_to:
            steps.append(Step("moved-to", old[moved_to[j]], new[j], moved_to[j], j))
        else:
            steps.append(Step("inserted", None, new[j], None, j))
    while i < len(old):
        steps.append(_gone(old, i, moves))
        i += 1
    # An old block skipped over because its partner came earlier is already placed.
    placed = {s.old_index for s in steps if s.op in ("equal", "changed")}
    out, seen = [], set()
    for step in steps:
        if step.op in ("deleted", "moved-from"):
            if step.old_index in placed or step.old_index in seen:
                continue
            seen.add(step.old_index)
        out.append(step)
    return out


def _gone(old: Sequence[Unit], i: int, moves: dict[int, int]) -> Step:
    return Step("moved-from" if i in moves else "deleted", old[i], None, i, moves.get(i))
