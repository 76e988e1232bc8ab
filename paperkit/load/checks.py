"""Checks across fields that a single field's type cannot make: citations, translations."""

from __future__ import annotations

import re
from typing import Any, Iterator

from pydantic import BaseModel

from ..document.translations import missing_languages, pick
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


def translation_problems(position: Position, fallback: str | None = None) -> list[tuple[tuple, str]]:
    """A text given as a language mapping must have every language the position lists.

    With a ``fallback`` language, a missing translation is not a problem where the text has
    that language (``translation_fallbacks`` lists those, for warnings).
    """
    found: list[tuple[tuple, str]] = []
    for path, value, missing in _gaps(position):
        if fallback is None:
            found.append((path, f"no {', '.join(missing)} translation"))
        elif pick(value, fallback) is None:
            found.append((path, f"no {', '.join(missing)} translation, and no {fallback} text to fall back on"))
    return found


def translation_fallbacks(position: Position, fallback: str) -> list[tuple[tuple, str]]:
    """(path, message) of every text that the ``fallback`` language stands in for somewhere."""
    return [(path, f"no {', '.join(missing)} translation; the {fallback} text is used instead")
            for path, value, missing in _gaps(position) if pick(value, fallback) is not None]


def _gaps(position: Position) -> Iterator[tuple[tuple, dict, list[str]]]:
    for path, value in walk_text(position):
        if path and path[0] == "labels":
            continue  # a label left out of a language keeps the built-in word there
        if isinstance(value, dict):
            missing = missing_languages(value, position.languages)
            if missing:
                yield path, value, missing


def _unknown(what: str, key: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
    hint = f" — did you mean {close[0]!r}?" if close else ""
    listed = ", ".join(sorted(known)) if known else "none are defined"
    return f"unknown {what} key {key!r}{hint} (known: {listed})"
