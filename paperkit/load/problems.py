"""Turn pydantic's validation errors into Problems a person can act on."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from .yaml_source import format_path, locate


def problems_from(error: ValidationError, data: Any, file: str, model: type[BaseModel]) -> list[Problem]:
    """One Problem per distinct (place, message), in the order of the file."""
    seen: set[tuple] = set()
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        line, col, path = locate(data, tuple(err["loc"]), missing=err["type"] == "missing")
        message = _message(err, path, model)
        key = (path, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(file, line, col, format_path(path), message))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


def _message(err: dict, path: tuple, model: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, path[:-1])
        hint = _did_you_mean(str(path[-1]), allowed)
        return f"unknown field {path[-1]!r}" + hint
    if kind == "missing":
        return "required field is missing"
    if kind == "block" and isinstance(value, dict):
        from ..model.content import _BLOCK_KEYS

        hints = [_did_you_mean(str(k), list(_BLOCK_KEYS)) for k in value]
        hint = next((h for h in hints if h), "")
        return err["msg"] + hint
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        hint = _did_you_mean(str(value), options)
        return f"{_short(value)} is not allowed; " + err["msg"].replace("Input should be", "expected") + hint
    if kind == "value_error":
        return err["msg"].removeprefix("Value error, ")
    msg = err["msg"].replace("Input should be", "expected")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        msg += f"; got {_short(value)}"
    return msg


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        close = [o for o in options if o.lower() == word.lower() or o.replace("_", "") == word.replace("_", "").replace("-", "")]
    return f" — did you mean {close[0]!r}?" if close else ""


def allowed_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """The field names that a mapping at ``path`` may have."""
    candidates: list[Any] = [model]
    for step in path:
        nxt: list[Any] = []
        for ann in _expand(candidates):
            if isinstance(step, int):
                if typing.get_origin(ann) is list:
                    nxt.extend(typing.get_args(ann))
            elif isinstance(ann, type) and issubclass(ann, BaseModel):
                if step in ann.model_fields:
                    nxt.append(ann.model_fields[step].annotation)
            elif typing.get_origin(ann) is dict:
                nxt.append(typing.get_args(ann)[1])
        candidates = nxt
    keys: list[str] = []
    for ann in _expand(candidates):
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            keys.extend(k for k in ann.model_fields if k not in keys)
    return keys


def _expand(annotations: list[Any]) -> list[Any]:
    """Unwrap Annotated, Optional and Union into the plain types inside."""
    out: list[Any] = []
    stack = list(annotations)
    while stack:
        ann = stack.pop(0)
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            stack.insert(0, typing.get_args(ann)[0])
        elif origin in (typing.Union, types.UnionType):
            stack[0:0] = list(typing.get_args(ann))
        elif isinstance(ann, (str, typing.ForwardRef)):
            continue
        else:
            out.append(ann)
    return out
