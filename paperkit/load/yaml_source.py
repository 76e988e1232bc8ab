"""Read YAML safely and remember where every value stands (line and column).

Position files come from many hands, so the reader refuses, each time with the line
and column: files over 5 MiB, text that is not UTF-8, characters YAML forbids, tags
other than YAML's plain ones (``!!python/object`` and the like are never constructed),
anchors and aliases that would multiply the data (a "billion laughs"), an alias of the
value that contains it, and nesting deeper than any position needs.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.tag import Tag

from ..errors import InvalidInput, Problem
from .yaml_hints import excerpt, explain

MAX_BYTES = 5 * 1024 * 1024
"""The largest position file read (5 MiB: the longest seed is ~40 KiB)."""
MAX_DEPTH = 40
"""Deepest nesting of lists and mappings (a position with lists four levels deep needs ~15)."""
MAX_ALIAS_VALUES = 100_000
"""How many values aliases (``*name``) may add to the file in all, counted expanded."""

_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in
                        ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge"))


def read_yaml(path: Path) -> Any:
    """Parse a YAML file with the round-trip loader (no Python tags; positions kept)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(str(path), None, None, "", f"cannot read file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise InvalidInput([Problem(str(path), None, None, "", f"the file is {len(raw) / 2**20:.1f} MiB; a position file "
                                    f"may be at most {MAX_BYTES // 2**20} MiB (is it the right file?)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[: exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise InvalidInput([Problem(str(path), line, column, "", f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                                    "here); save it as UTF-8")]) from None
    return parse_yaml_text(text, str(path))


def parse_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text; a syntax error becomes a Problem with line and column."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    yaml.Composer = _GuardedComposer
    # Dates stay text: the model parses them and reports a bad one with its place.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    try:
        data = yaml.load(text)
    except _Refused as exc:
        path = exc.path if len(exc.path) <= 6 else (*exc.path[:3], "…", *exc.path[-2:])
        raise InvalidInput([Problem(name, exc.mark.line + 1, exc.mark.column + 1, format_path(path), exc.message)]) from None
    except ReaderError as exc:
        raise InvalidInput([_reader_problem(exc, text, name)]) from None
    except MarkedYAMLError as exc:
        raise InvalidInput([_syntax_problem(exc, name, text)]) from None
    except RecursionError:
        raise InvalidInput([Problem(name, None, None, "", f"YAML: nested too deeply to read (the limit is {MAX_DEPTH} levels)")]) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise InvalidInput([Problem(name, None, None, "", f"YAML: {exc}")]) from None
    return data


def _syntax_problem(exc: MarkedYAMLError, name: str, text: str) -> Problem:
    """A YAML syntax error where it is, and where what it is part of began.

    A common mistake is said in plain words with the fix (``yaml_hints``), with the line
    and a caret.  Otherwise the parser's words: at the end of the file ("unexpected end of
    stream") the place to mend is where the unclosed thing began, so that is the place given.
    """
    hint = explain(exc, text)
    if hint is not None:
        return Problem(name, hint.line + 1, hint.column + 1, "", f"YAML syntax: {hint.message}",
                       excerpt(text, hint.line, hint.column))
    problem, context = exc.problem_mark, exc.context_mark
    what = " ".join(str(x) for x in (exc.context, exc.problem) if x) or "YAML syntax error"
    mark = problem or context
    if context is not None and problem is not None and "end of stream" in str(exc.problem or ""):
        mark = context
        what += f" (at line {problem.line + 1}, the end of the file)"
    elif (context is not None and problem is not None and context.line != problem.line
          and str(exc.context or "").startswith(("while parsing", "while scanning"))):
        what += f" (what it is parsing begins at line {context.line + 1})"
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    return Problem(name, line, col, "", f"YAML syntax: {what}")


class _Refused(Exception):
    """Raised inside the composer: what is refused, where, and under which field."""

    def __init__(self, mark: Any, path: tuple, message: str):
        super().__init__(message)
        self.mark, self.path, self.message = mark, path, message


class _GuardedComposer(Composer):
    """ruamel's composer, refusing unsafe tags, alias bombs, alias cycles and deep nesting.

    It works on the node graph before anything is constructed, so a refused file costs
    no more than reading it: an alias bomb is caught at the alias that crosses the limit.
    """

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.path: list = []
        self.sizes: dict[int, int] = {}
        self.alias_values = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        step = _step(parent, index)
        if step is not None:
            self.path.append(step)
        try:
            if isinstance(event, AliasEvent):
                target = self.anchors.get(event.anchor)
                if target is not None:
                    self._count_alias(event, target)
                return super().compose_node(parent, index)
            if len(self.path) > MAX_DEPTH:
                raise _Refused(event.start_mark, tuple(self.path[:MAX_DEPTH]),
                               f"nested more than {MAX_DEPTH} levels deep; a position needs far fewer")
            tag = event.ctag
            if tag is not None and str(tag) != "!":
                if str(tag) not in _PLAIN_TAGS:
                    raise _Refused(event.start_mark, tuple(self.path), f"the tag {_tag_text(tag)} is not allowed: a position "
                                   "file holds plain text, numbers, lists and mappings (no tags; nothing is ever run)")
                event.ctag = Tag(suffix=str(tag))  # !!str 12 is the text "12", as if untagged
            return super().compose_node(parent, index)
        finally:
            if step is not None:
                self.path.pop()

    def _count_alias(self, event: Any, target: Any) -> None:
        if not isinstance(target, ScalarNode) and target.end_mark is None:
            raise _Refused(event.start_mark, tuple(self.path),
                           f"the alias *{event.anchor} stands inside the value it names (a loop)")
        self.alias_values += _expanded_size(target, self.sizes)
        if self.alias_values > MAX_ALIAS_VALUES:
            raise _Refused(event.start_mark, tuple(self.path),
                           f"the aliases (*{event.anchor} and those before it) repeat more than {MAX_ALIAS_VALUES:,} values "
                           "(an alias bomb); write the values out, or use fewer anchors and aliases")


def _step(parent: Any, index: Any) -> Any:
    """The path element of a node under ``parent`` (None for the root and for keys)."""
    if isinstance(parent, SequenceNode):
        return index
    if isinstance(parent, MappingNode) and isinstance(index, ScalarNode):
        return index.value
    return None


def _expanded_size(node: Any, sizes: dict[int, int]) -> int:
    """How many values a node stands for with every alias written out (memoised, no recursion)."""
    stack = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        if id(current) in sizes:
            continue
        if isinstance(current, ScalarNode):
            sizes[id(current)] = 1
            continue
        children = current.value if isinstance(current, SequenceNode) else [x for pair in current.value for x in pair]
        if children_done:
            sizes[id(current)] = 1 + sum(sizes[id(child)] for child in children)
        else:
            stack.append((current, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(node)]


def _tag_text(tag: Any) -> str:
    text = str(tag)
    return "!!" + text.removeprefix("tag:yaml.org,2002:") if text.startswith("tag:yaml.org,2002:") else text


def _reader_problem(exc: ReaderError, text: str, name: str) -> Problem:
    """A character YAML does not allow (a control character), with its line and column."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    column = exc.position - (before.rfind("\n") + 1) + 1
    if isinstance(exc.character, int):
        char = chr(exc.character)
        label = unicodedata.name(char, "a control character")
        what = f"the character U+{exc.character:04X} ({label})"
    else:
        what = "a character"
    return Problem(name, line, column, "", f"{what} is not allowed in YAML; delete it (or write it as an escape "
                   "in double quotes, if it belongs in the text)")


def locate(data: Any, path: tuple, missing: bool = False) -> tuple[int | None, int | None, tuple]:
    """Line and column (1-based) of the value at ``path``, and the part of the path that exists.

    Path elements that do not exist in the data (pydantic's union tags) are skipped;
    with ``missing``, the last element names a field that is absent and is kept.
    The position is that of the deepest node reached.
    """
    line = col = None
    node = data
    found: list = []
    for i, step in enumerate(path):
        here = _position(node, step)
        if here is None:
            if missing and i == len(path) - 1:
                found.append(step)  # a missing field: keep it in the path, point at its parent
            continue
        line, col = here
        node = node[step]
        found.append(step)
    if line is None and hasattr(data, "lc"):
        line, col = data.lc.line + 1, data.lc.col + 1
    return line, col, tuple(found)


def _position(node: Any, step: Any) -> tuple[int, int] | None:
    if isinstance(node, CommentedMap) and not isinstance(step, int) and step in node:
        try:
            ln, cl = node.lc.key(step)
        except (KeyError, TypeError):
            return None
        return ln + 1, cl + 1
    if isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
        try:
            ln, cl = node.lc.item(step)
        except (KeyError, TypeError, IndexError):
            return None
        return ln + 1, cl + 1
    return None


def format_path(path: tuple) -> str:
    """``("demands", "items", 2)`` → ``demands.items[2]``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + str(step)
    return out
