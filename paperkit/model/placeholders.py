"""Restricted placeholders in prose: ``{signatories.total}``, never a template language.

A placeholder is a dotted name in single braces, ``{namespace.field}``: nothing else in
braces is one, so ordinary text with braces (``{a, b}``, ``{{ 7*7 }}``) is left alone.
Doubled braces around a dotted name write it literally: ``{{signatories.total}}`` gives
``{signatories.total}``.

This module says which placeholders exist (``NAMESPACES``) and which a position uses; the
loader checks them (:mod:`paperkit.load.checks`) and the document builder fills them in
(:mod:`paperkit.document.placeholders`).  ``{recipient.…}`` is the recipient of a letter
made for each recipient (mail merge).
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from .base import walk_text

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


ALWAYS = {"recipient.full_name"}
"""Placeholders every recipient can fill (the others need the field in the recipient)."""


def names(text: str) -> Iterator[str]:
    """The placeholder names used in ``text``, in order."""
    for match in PLACEHOLDER.finditer(text):
        if match.group(2):
            yield match.group(2)



def used_names(position: Any, namespace: str) -> list[str]:
    """The placeholders of ``namespace`` a position's prose uses (``recipient.country`` …), in order."""
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
