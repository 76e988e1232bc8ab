"""Load a position file: safe YAML → validated Position, or every problem with its place.

``load`` checks the file itself (fields, citations, placeholders, translations); the files a
position names beside it (CSVs, theme, images) are read by :func:`paperkit.resolve`.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InvalidInput, LabelWarning, Problem, TextWarning, TranslationWarning
from ..model import Position
from .checks import (bidi_warnings, citation_problems, nesting_problems, placeholder_problems, translation_fallbacks,
                     translation_problems)
from .problems import problems_from
from .yaml_source import format_path, locate, parse_yaml_text, read_yaml

__all__ = ["load", "load_text", "validate_data"]


def load(path: str | Path, fallback: str | None = None) -> Position:
    """Read and validate a position file; raise InvalidInput naming file:line:col and field.

    The files the position names (signatories and recipients CSVs, theme) are read by
    ``resolve(position)``, which ``render`` and ``build`` call.

    With ``fallback`` (a language tag), a text that lacks one of the position's languages
    is no error when it has the fallback language: a ``TranslationWarning`` names it instead,
    and ``build(position, lang, fallback)`` uses the fallback text.
    """
    path = Path(path)
    data = read_yaml(path)
    position = validate_data(data, str(path), fallback)
    position._source = path.resolve()
    return position


def load_text(text: str, name: str = "<string>", fallback: str | None = None) -> Position:
    """Validate a position given as YAML text."""
    return validate_data(parse_yaml_text(text, name), name, fallback)


def validate_data(data: Any, name: str, fallback: str | None = None) -> Position:
    """Validate parsed YAML (positions kept where it came from a file)."""
    if data is None:
        raise InvalidInput([Problem(name, 1, 1, "", "the file is empty; a position needs id, kind, title, issued_by and content (and most a date)")])
    if not isinstance(data, dict):
        raise InvalidInput([Problem(name, 1, 1, "", "a position file must be a mapping of fields (key: value), not a list or a single value")])
    try:
        position = Position.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(problems_from(exc, data, name, Position)) from None
    found = (citation_problems(position) + translation_problems(position, fallback) + placeholder_problems(position)
             + nesting_problems(position))
    if found:
        raise InvalidInput(_located(found, data, name))
    for problem in _located(bidi_warnings(position), data, name):
        warnings.warn(TextWarning(str(problem)), stacklevel=3)
    if fallback:
        for problem in _located(translation_fallbacks(position, fallback), data, name):
            warnings.warn(TranslationWarning(str(problem)), stacklevel=3)
    _warn_english_labels(position, name)
    return position


def _warn_english_labels(position: Position, name: str) -> None:
    """Say which layout words will be English in a language paperkit has no catalog for."""
    from ..model.labels import english_labels

    for lang in position.languages:
        english = english_labels(lang, position.labels)
        if english:
            warnings.warn(LabelWarning(
                f"{name}: paperkit has no catalog of layout words for {lang!r}: {', '.join(english)} will be "
                f"English; give them in {lang} under labels: (e.g. labels: {{{english[0]}: {{{lang}: …}}}})"),
                stacklevel=4)


def _located(found: list[tuple[tuple[Any, ...], str]], data: Any, name: str) -> list[Problem]:
    """(path, message) pairs as Problems with their file:line:col, in the order of the file."""
    problems = []
    for path, message in found:
        line, col, _ = locate(data, path)
        problems.append(Problem(name, line, col, format_path(path), message))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
