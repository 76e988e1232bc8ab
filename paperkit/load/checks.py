"""Checks across fields that a single field's type cannot make: citations, translations."""

from __future__ import annotations

import re
from typing import Any, Iterator

from pydantic import BaseModel

from ..model import Position

CITATION = re.compile(r"\[\^([^\]\s]+)\]")


def walk_text(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (path, value) for every string and every language mapping in a model."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk_text(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()):
            yield path, value
        else:
            for key, item in value.items():
                yield from walk_text(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk_text(item, path + (i,))


def citation_problems(position: Position) -> list[tuple[tuple, str]]:
    """Every ``[^key]`` must name a reference or a note; a note's references must exist."""
    known = set(position.references) | set(position.notes)
    found: list[tuple[tuple, str]] = []
    for path, value in walk_text(position):
        texts = value.values() if isinstance(value, dict) else [value]
        for text in texts:
            for key in CITATION.findall(text):
                if key not in known:
                    found.append((path, _unknown("citation", key, known)))
    for key, note in position.notes.items():
        for i, ref in enumerate(note.references):
            if ref not in position.references:
                found.append((("notes", key, "references", i), _unknown("reference", ref, set(position.references))))
    return found


def translation_problems(position: Position) -> list[tuple[tuple, str]]:
    """A text given as a language mapping must have every language the position lists."""
    found: list[tuple[tuple, str]] = []
    for path, value in walk_text(position):
        if isinstance(value, dict):
            missing = [lang for lang in position.languages if lang not in value and lang.split("-")[0] not in value]
            if missing:
                found.append((path, f"no {', '.join(missing)} translation"))
    return found


def _unknown(what: str, key: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    hint = f" — did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(sorted(known)) if known else "none are defined"
    return f"unknown {what} key {key!r}{hint} (known: {listed})"
