"""Restricted placeholders in prose: ``{signatories.total}``, never a template language.

A placeholder is a dotted name in single braces, ``{namespace.field}``: nothing else in
braces is one, so ordinary text with braces (``{a, b}``, ``{{ 7*7 }}``) is left alone.
Doubled braces around a dotted name write it literally: ``{{signatories.total}}`` gives
``{signatories.total}``.  Values are plain text, substituted before the Markdown subset
is parsed and escaped for it, so that a value can never become markup.

Each namespace declares its fields here (``NAMESPACES``) and is available when the
position has the part it describes (``available``); the document builder supplies the
values.  ``{recipient.…}`` is the recipient of a letter made for each recipient (mail merge):
a recipient that lacks a field the prose uses is an error naming that recipient.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Mapping

_NAME = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+"
PLACEHOLDER = re.compile(rf"\{{\{{({_NAME})\}}\}}|\{{({_NAME})\}}")
"""``{{name.field}}`` (group 1: written literally) or ``{name.field}`` (group 2: a placeholder)."""

NAMESPACES: dict[str, dict[str, str]] = {
    "signatories": {
        "total": "everyone who signed (organisations and individuals, withheld names included)",
        "organisations": "organisations that signed",
        "individuals": "individuals who signed (withheld names included)",
        "countries": "distinct countries named by the signatories",
        "withheld": "signatures whose name is withheld",
    },
    "recipient": {
        "full_name": "honorific, name and post-nominal (\"H.E. Yoko Kamikawa MP\"), or the organisation",
        "honorific": 'e.g. "H.E."',
        "name": "the recipient's name",
        "post_nominal": 'e.g. "MP"',
        "title": "title or portfolio",
        "organisation": "institution",
        "country": "country",
        "email": "e-mail address",
    },
}
"""namespace → {field: what it counts}."""

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

ALWAYS = {"recipient.full_name"}
"""Placeholders every recipient can fill (the others need the field in the recipient)."""

_MARKUP = re.compile(r"([\\`*_\[\]()<>!#~|{}])")


def names(text: str) -> Iterator[str]:
    """The placeholder names used in ``text``, in order."""
    for match in PLACEHOLDER.finditer(text):
        if match.group(2):
            yield match.group(2)


def substitute(text: str, values: Mapping[str, str], markup: bool = False) -> str:
    """Replace placeholders by their values, ``{{name.field}}`` by ``{name.field}``.

    With ``markup``, the result is source for the Markdown subset: values are
    backslash-escaped so that they stay text.  An unknown name raises KeyError
    (validation reports it before any build).
    """
    if "{" not in text and "}" not in text:
        return text
    wrap = escape if markup else str

    def replace(match: re.Match) -> str:
        literal, name = match.groups()
        return "{" + literal + "}" if literal else wrap(values[name])

    return PLACEHOLDER.sub(replace, text)


def escape(value: str) -> str:
    """Backslash-escape the characters of the Markdown subset, so a value stays text."""
    return _MARKUP.sub(r"\\\1", value)


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


def placeholder_problems(position: Any) -> list[tuple[tuple, str]]:
    """(field path, message) for every placeholder a position's prose cannot use."""
    from ..load.checks import walk_text  # late: load imports this module

    found: list[tuple[tuple, str]] = []
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


def used_names(position: Any, namespace: str) -> list[str]:
    """The placeholders of ``namespace`` a position's prose uses (``recipient.country`` …), in order."""
    from ..load.checks import walk_text

    used: dict[str, None] = {}
    for path, value in walk_text(position):
        if path and path[0] in ("recipients", "signatories"):
            continue
        for text in value.values() if isinstance(value, dict) else [value]:
            for name in names(text):
                if name.startswith(namespace + "."):
                    used.setdefault(name)
    return list(used)


def missing_recipient_fields(recipient: Any, used: list[str]) -> list[str]:
    """The ``recipient.*`` placeholders in ``used`` that ``recipient`` cannot fill."""
    missing = []
    for name in used:
        field = name.partition(".")[2]
        if name not in ALWAYS and field in NAMESPACES["recipient"] and getattr(recipient, field, None) is None:
            missing.append(name)
    return missing


def _recipient_field_problems(position: Any) -> list[tuple[tuple, str]]:
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
