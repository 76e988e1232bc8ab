"""Read YAML safely and remember where every value stands (line and column)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from ..errors import InvalidInput, Problem

MAX_BYTES = 5 * 1024 * 1024


def read_yaml(path: Path) -> Any:
    """Parse a YAML file with the round-trip loader (no Python tags; positions kept)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(str(path), None, None, "", f"cannot read file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:
        raise InvalidInput([Problem(str(path), None, None, "", f"file is {len(raw) // 1024} KiB; the limit is {MAX_BYTES // 1024} KiB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput([Problem(str(path), line, None, "", "the file is not UTF-8 text; save it as UTF-8")]) from None
    return parse_yaml_text(text, str(path))


def parse_yaml_text(text: str, name: str) -> Any:
    """Parse YAML text; a syntax error becomes a Problem with line and column."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    # Dates stay text: the model parses them and reports a bad one with its place.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x) or "YAML syntax error"
        raise InvalidInput([Problem(name, line, col, "", f"YAML syntax: {what}")]) from None
    except (YAMLError, ValueError, TypeError, RecursionError) as exc:
        raise InvalidInput([Problem(name, None, None, "", f"YAML: {exc}")]) from None
    return data


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
