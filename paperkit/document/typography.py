"""Quotation marks, apostrophes and no-break spaces as the document's language sets them.

Straight quotes typed in prose (``"…"``, ``'…'``) become the language's marks — CLDR's,
copied into ``paperkit/data/typography.yaml`` (Babel does not ship them): “ ” and ‘ ’ in English, « » in French, 「」 and 『』 in Japanese — the
primary pair outside, the alternate pair for a quotation inside it, alternating further
in. An apostrophe between letters becomes ’.  Languages that space their punctuation
(French) get the no-break spaces of ``paperkit/data/typography.yaml`` before ; : ! ? and
inside « ».  Web addresses, e-mail addresses and `code` are left exactly as typed, and
so is a link whose text is its address.

The builder runs every paragraph through one ``Typesetter``, which carries the open
quotation marks across emphasis and links, so that ``"*provide* access"`` is one
quotation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Iterator, Mapping


from .packaged import data_file
from .nodes import Emph, Inline, Link, Strong, Text

_PROTECTED = re.compile(
    r"`[^`]*`"                                        # code, as typed between backticks
    r"|(?:https?://|mailto:|www\.)[^\s<>\"]*[^\s<>\"'.,;:!?)\]]"   # web addresses
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")                # e-mail addresses
_OPENERS = set("([{\u2013\u2014/-")
_GUILLEMETS = ("«", "»")
_SPACES = (" ", "\u00a0", "\u202f")
WORD_JOINER = "\u2060"
"""Holds the last two characters of a Chinese or Japanese paragraph on one line (paper only:
the text and Markdown writers, which wrap or leave wrapping to others, drop it)."""


@dataclass(frozen=True)
class Rules:
    """How one language sets quotation marks and spaces."""

    quotes: tuple[tuple[str, str], tuple[str, str]]
    space_before: Mapping[str, str]
    quote_inner_space: str = ""


def _table() -> dict[str, Any]:
    return data_file("typography.yaml")


def _lookup(table: dict[str, Any], lang: str) -> Any:
    """The entry of ``table`` for a tag: exact ("zh-Hant-TW"), shorter ("zh-Hant"), base ("zh")."""
    parts = lang.split("-")
    for length in range(len(parts), 0, -1):
        tag = "-".join(parts[:length])
        if tag in table:
            return table[tag]
    return None


@lru_cache(maxsize=64)
def rules(lang: str) -> Rules:
    """The rules of a language tag: CLDR's quotation marks, the spacing table's spaces."""
    table = _table()
    primary, alternate = _lookup(table["quotes"], lang) or table["quotes"]["en"]
    spacing = _lookup(table["spacing"], lang) or {}
    return Rules((tuple(primary), tuple(alternate)),
                 dict(spacing.get("space_before", {})), spacing.get("quote_inner_space", ""))


def _word(ch: str | None) -> bool:
    """A letter an apostrophe can stand after or before (not a Chinese or Japanese character)."""
    return (ch is not None and (ch.isalnum() or unicodedata.category(ch) == "Mn")
            and unicodedata.east_asian_width(ch) not in ("W", "F"))


_SET: dict[tuple[str | None, tuple[Inline, ...]], tuple[Inline, ...]] = {}
"""Paragraphs already set, by language: a mail merge builds the same body for every recipient."""
_KEEP = 4096


class Typesetter:
    """Sets one language's marks in text; ``paragraph`` keeps its state across a paragraph."""

    def __init__(self, lang: str, enabled: bool = True,
                 quotes: tuple[tuple[str, str], tuple[str, str]] | None = None):
        self.rules = replace(rules(lang), quotes=quotes) if quotes else rules(lang)
        self.enabled = enabled
        self.cjk = lang.split("-")[0].lower() in ("ja", "zh")
        self._key = lang if quotes is None else None
        """What the paragraphs set are kept under (None: not kept, the marks are a document's own)."""

    # ------------------------------------------------------------ public
    def text(self, value: str) -> str:
        """A plain-text field (a name, a role, a label) set in the language's marks."""
        if not self.enabled or not value:
            return value
        return "".join(self._run([(value, False)])[0])

    def inlines(self, nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """One paragraph of inlines, set as one text (quotes may open in one node and close in another)."""
        if not self.enabled or not nodes:
            return nodes
        key = (self._key, nodes) if self._key is not None else None
        try:
            done = _SET.get(key) if key is not None else None
        except TypeError:  # a node that cannot be hashed: set it each time
            done = key = None
        if done is not None:
            return done
        slots: list[tuple[str, bool]] = []
        self._collect(nodes, slots)
        outputs = iter(self._run(slots))
        done = self._rebuild(nodes, outputs)
        if key is not None:
            if len(_SET) >= _KEEP:
                _SET.clear()
            _SET[key] = done
        return done

    def last_line(self, nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """A Chinese or Japanese paragraph whose last two characters are held together by a
        WORD JOINER (U+2060), so that its last line is never one character ("す。" alone):
        Pango and Word both keep characters joined by it on one line.  CSS has no such rule
        that WeasyPrint implements (``text-wrap: pretty`` is not supported)."""
        if not self.enabled or not self.cjk or not nodes:
            return nodes
        last = nodes[-1]
        if isinstance(last, Text):
            return (*nodes[:-1], Text(_join_last_two(last.text)))
        if isinstance(last, (Emph, Strong)):
            return (*nodes[:-1], replace(last, children=self.last_line(last.children)))
        return nodes

    def label(self, word: str, colon: str = ":") -> str:
        """A label with its colon as the language spaces it ("Notre référence :")."""
        space = self.rules.space_before.get(colon, "") if self.enabled else ""
        return f"{word.rstrip()}{space}{colon}"

    # ------------------------------------------------------------ tree walking
    def _collect(self, nodes: tuple[Inline, ...], slots: list[tuple[str, bool]]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                slots.append((node.text, False))
            elif isinstance(node, Link) and is_address(node):
                self._collect_protected(node.children, slots)
            elif isinstance(node, (Emph, Strong, Link)):
                self._collect(node.children, slots)

    def _collect_protected(self, nodes: tuple[Inline, ...], slots: list[tuple[str, bool]]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                slots.append((node.text, True))
            elif isinstance(node, (Emph, Strong, Link)):
                self._collect_protected(node.children, slots)

    def _rebuild(self, nodes: tuple[Inline, ...], outputs: Iterator[list[str]]) -> tuple[Inline, ...]:
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(Text("".join(next(outputs))))
            elif isinstance(node, Emph):
                out.append(Emph(self._rebuild(node.children, outputs)))
            elif isinstance(node, Strong):
                out.append(Strong(self._rebuild(node.children, outputs)))
            elif isinstance(node, Link):
                out.append(replace(node, children=self._rebuild(node.children, outputs)))
            else:
                out.append(node)
        return tuple(out)

    # ------------------------------------------------------------ the characters
    def _run(self, slots: list[tuple[str, bool]]) -> list[list[str]]:
        """Set the characters of ``slots`` (text, protected) read as one string."""
        source: list[tuple[str, int, bool]] = []  # (char, slot, protected)
        for index, (text, protected) in enumerate(slots):
            shielded: set[int] = set()
            if not protected:
                for match in _PROTECTED.finditer(text):
                    shielded.update(range(match.start(), match.end()))
            source += [(ch, index, protected or i in shielded) for i, ch in enumerate(text)]
        out: list[list[str]] = [[] for _ in slots]
        emitted: list[tuple[int, int]] = []  # (slot, position in out[slot]) of every emitted piece
        stack: list[str] = []
        quotes, spaces, inner = self.rules.quotes, self.rules.space_before, self.rules.quote_inner_space

        def emit(piece: str, slot: int) -> None:
            out[slot].append(piece)
            emitted.append((slot, len(out[slot]) - 1))

        def last() -> str | None:
            if not emitted:
                return None
            slot, pos = emitted[-1]
            return out[slot][pos][-1:] or None

        def replace_trailing_space(piece: str) -> bool:
            """Replace a typed space just before with ``piece``; False when there is none."""
            if emitted:
                slot, pos = emitted[-1]
                if out[slot][pos] in _SPACES:
                    out[slot][pos] = piece
                    return True
            return False

        def opening(depth: int) -> str:
            mark = quotes[depth % 2][0]
            return mark + (inner if inner and mark in _GUILLEMETS else "")

        def closing(depth: int) -> str:
            mark = quotes[depth % 2][1]
            if inner and mark in _GUILLEMETS:
                if not replace_trailing_space(inner):
                    return inner + mark
            return mark

        skip_space = False
        for i, (ch, slot, protected) in enumerate(source):
            nxt = source[i + 1][0] if i + 1 < len(source) else None
            if protected:
                emit(ch, slot)
                skip_space = False
                continue
            if skip_space and ch in _SPACES:
                continue
            skip_space = False
            prev = last()
            if ch == '"':
                if stack and stack[-1] == '"' or not self._opens(prev, nxt, stack):
                    if stack:
                        stack.pop()
                    emit(closing(len(stack)), slot)
                else:
                    emit(opening(len(stack)), slot)
                    stack.append('"')
                    skip_space = bool(inner) and quotes[(len(stack) - 1) % 2][0] in _GUILLEMETS
            elif ch == "'":
                if _word(prev) and _word(nxt):
                    emit("\u2019", slot)                          # l’Exemple, don’t
                elif stack and stack[-1] == "'":
                    stack.pop()
                    emit(closing(len(stack)), slot)
                elif self._opens(prev, nxt, stack) and not _word(prev):
                    emit(opening(len(stack)), slot)
                    stack.append("'")
                    skip_space = bool(inner) and quotes[(len(stack) - 1) % 2][0] in _GUILLEMETS
                else:
                    emit("\u2019", slot)                          # students’, ’90s
            elif inner and ch == "«":
                emit("«" + inner, slot)
                skip_space = True
            elif inner and ch == "»":
                if not replace_trailing_space(inner) and prev != inner:
                    emit(inner, slot)
                emit("»", slot)
            elif ch in spaces and self._spaced(prev, nxt):
                if not replace_trailing_space(spaces[ch]):
                    emit(spaces[ch], slot)
                emit(ch, slot)
            else:
                emit(ch, slot)
        return out

    @staticmethod
    def _opens(prev: str | None, nxt: str | None, stack: list[str]) -> bool:
        """A straight quote opens before text: after a space or an opening mark, or anywhere
        when no quotation is open (Chinese and Japanese put no space before one)."""
        if nxt is None or nxt.isspace():
            return False
        return (not stack or prev is None or prev.isspace() or prev in _OPENERS
                or unicodedata.category(prev) in ("Ps", "Pi") or unicodedata.east_asian_width(prev) in ("W", "F"))

    def _spaced(self, prev: str | None, nxt: str | None) -> bool:
        """Punctuation ends a word (not "16:15", "https:", "?!" inside a run of marks)."""
        if prev is None or prev in self.rules.space_before:
            return False
        return nxt is None or nxt.isspace() or nxt in self.rules.space_before or nxt in "\"')]»\u201d\u2019"


def _join_last_two(text: str) -> str:
    """WORD JOINER between the last two wide characters that are not punctuation."""
    wide = [i for i, ch in enumerate(text)
            if unicodedata.east_asian_width(ch) in ("W", "F") and unicodedata.category(ch)[0] not in "PZS"]
    if len(wide) < 2 or wide[-1] != wide[-2] + 1:
        return text
    return text[:wide[-1]] + WORD_JOINER + text[wide[-1]:]


def is_address(link: Link) -> bool:
    """A link whose text is its address (or its e-mail address) is printed exactly as typed."""
    from .markup import plain

    text = plain(link.children).strip()
    return text in (link.url, link.url.removeprefix("mailto:")) or bool(_PROTECTED.fullmatch(text))
