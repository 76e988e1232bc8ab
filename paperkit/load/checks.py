"""Checks across fields that a single field's type cannot make: citations, translations, placeholders."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator

from ..model.translations import missing_languages, pick, unused_keys
from ..model import Position
from ..model.base import walk_text
from ..model.placeholders import NAMESPACES, missing_recipient_fields, names, used_names

CITATION = re.compile(r"\[\^([^\]\s]+)\]")


def citation_problems(position: Position) -> list[tuple[tuple[Any, ...], str]]:
    """Every ``[^key]`` must name a reference or a note; a note's references must exist."""
    known = set(position.references) | set(position.notes)
    found: list[tuple[tuple[Any, ...], str]] = []
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


def nesting_problems(position: Position) -> list[tuple[tuple[Any, ...], str]]:
    """A text whose emphasis, strong and links nest deeper than the parser's own limit
    (paperkit/data/limits.yaml: inline_nesting_max): no document needs it, and the writers
    would run out of recursion depth on it."""
    from ..model.base import data_limit

    limit = data_limit("inline_nesting_max")
    found: list[tuple[tuple[Any, ...], str]] = []
    for path, value in walk_text(position):
        for lang, text in value.items() if isinstance(value, dict) else [(None, value)]:
            if sum(text.count(mark) for mark in "*_[<") <= limit:
                continue  # each level needs a mark of its own: this text cannot nest too deeply
            from ..model.inline import nesting_depth

            depth = nesting_depth(text)
            if depth > limit:
                found.append(((*path, lang) if lang else path, f"emphasis, strong text and links nested {depth} "
                              f"levels deep; at most {limit} levels are allowed (check for a stray * or _)"))
    return found


HEADING_FIELDS = frozenset({"title", "subtitle", "kicker", "heading", "caption", "subject"})
"""Fields that title a document or a part of it: shown in lists, file properties and subjects."""


def bidi_warnings(position: Position) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) of each title, heading or subject holding an explicit bidi control
    (:data:`paperkit.errors.BIDI_CONTROLS`): a warning, since right-to-left text may need one."""
    import unicodedata

    from ..errors import is_bidi_control

    found: list[tuple[tuple[Any, ...], str]] = []
    for path, value in walk_text(position):
        if not path or path[-1] not in HEADING_FIELDS:
            continue
        texts = value.items() if isinstance(value, dict) else [(None, value)]
        for lang, text in texts:
            controls = sorted({c for c in text if is_bidi_control(c)})
            if controls:
                named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c)}" for c in controls)
                found.append(((*path, lang) if lang else path,
                              f"holds {named}: a bidi control makes text show in another order than it is written "
                              "(in the document, its properties and file lists); remove it unless the text needs it"))
    return found


def translation_problems(position: Position, fallback: str | None = None) -> list[tuple[tuple[Any, ...], str]]:
    """A text given as a language mapping must have every language the position lists.

    With a ``fallback`` language, a missing translation is not a problem where the text has
    that language (``translation_fallbacks`` lists those, for warnings).
    """
    found: list[tuple[tuple[Any, ...], str]] = _unknown_language_keys(position, fallback)
    for path, value, missing in _gaps(position):
        if fallback is None:
            found.append((path, f"no {', '.join(missing)} translation"))
        elif pick(value, fallback) is None:
            found.append((path, f"no {', '.join(missing)} translation, and no {fallback} text to fall back on"))
    return found


def _unknown_language_keys(position: Position, fallback: str | None) -> list[tuple[tuple[Any, ...], str]]:
    """A language key that none of the position's languages would print: a misspelt tag (``fx:``)."""
    import difflib

    languages = [*position.languages, *([fallback] if fallback else [])]
    found: list[tuple[tuple[Any, ...], str]] = []
    for path, value in walk_text(position):
        if isinstance(value, dict):
            for key in unused_keys(value, languages):
                close = difflib.get_close_matches(key, position.languages, n=1, cutoff=0.3)
                hint = f" — did you mean {close[0]!r}?" if close else ""
                found.append(((*path, key), f"{key!r} is not one of the position's languages "
                              f"({', '.join(position.languages)}){hint}; this text would never be printed "
                              "(add the language to languages:, or correct the tag)"))
    return found


def translation_fallbacks(position: Position, fallback: str) -> list[tuple[tuple[Any, ...], str]]:
    """(path, message) of every text that the ``fallback`` language stands in for somewhere."""
    return [(path, f"no {', '.join(missing)} translation; the {fallback} text is used instead")
            for path, value, missing in _gaps(position) if pick(value, fallback) is not None]


def _gaps(position: Position) -> Iterator[tuple[tuple[Any, ...], dict[str, Any], list[str]]]:
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


# ---------------------------------------------------------------- placeholders


def _why_no_recipient(position: Any) -> str | None:
    if position.kind != "letter":
        return "only a letter has a recipient (kind: letter)"
    recipients = position.recipients
    if isinstance(recipients, list) and len(recipients) > 1:
        return (f"this letter goes to {len(recipients)} recipients at once; for one letter to each, "
                "give recipients as {file: CSV} or {entries: [...]}, or render with --recipients CSV")
    return None



_WHY_MISSING: dict[str, Callable[[Any], str | None]] = {
    "signatories": lambda position: None if position.signatories else "the position has no signatories",
    "recipient": _why_no_recipient,
}


def problem(name: str, position: Any) -> str | None:
    """Why ``{name}`` cannot be used in ``position``, or None when it can."""
    namespace, _, field = name.partition(".")
    fields = NAMESPACES.get(namespace)
    if fields is None:
        known = ", ".join(f"{{{ns}.…}}" for ns in NAMESPACES)
        return f"unknown placeholder {{{name}}} (known: {known}; write {{{{{name}}}}} to show it as it is)"
    if field not in fields:
        import difflib

        close = difflib.get_close_matches(field, list(fields), n=1, cutoff=0.6)
        hint = f" — did you mean {{{namespace}.{close[0]}}}?" if close else ""
        listed = ", ".join(f"{{{namespace}.{f}}}" for f in fields)
        return f"unknown placeholder {{{name}}}{hint} (known: {listed})"
    why = _WHY_MISSING[namespace](position)
    return f"{{{name}}} cannot be used: {why}" if why else None



def placeholder_problems(position: Any) -> list[tuple[tuple[Any, ...], str]]:
    """(field path, message) for every placeholder a position's prose cannot use."""
    found: list[tuple[tuple[Any, ...], str]] = []
    for path, value in walk_text(position):
        if path and path[0] == "signatories" and "entries" in path:
            continue  # names as signed are not prose
        if path and path[0] == "recipients":
            continue  # a recipient's fields are data, not prose
        if path and path[0] == "labels":
            continue  # labels hold only their own placeholders (checked by the model)
        for text in value.values() if isinstance(value, dict) else [value]:
            for name in names(text):
                message = problem(name, position)
                if message:
                    found.append((path, message))
    return found + _recipient_field_problems(position)



def _recipient_field_problems(position: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Recipients written in the position that lack a field the prose uses."""
    recipients = position.recipients if position.kind == "letter" else None
    if recipients is None or _why_no_recipient(position):
        return []
    used = used_names(position, "recipient")
    if not used:
        return []
    entries, where = (recipients, ("recipients",)) if isinstance(recipients, list) else \
        (recipients.entries, ("recipients", "entries"))
    found = []
    for i, recipient in enumerate(entries):
        for name in missing_recipient_fields(recipient, used):
            found.append((where + (i,), f"this recipient has no {name.partition('.')[2]}, which the letter "
                                        f"uses in {{{name}}}"))
    return found
