"""Filling placeholders in: values are plain text, substituted before the Markdown subset is
parsed and escaped for it, so that a value can never become markup (see
:mod:`paperkit.model.placeholders` for which placeholders exist)."""

from __future__ import annotations

import re
from typing import Mapping

from ..model.placeholders import PLACEHOLDER

_MARKUP = re.compile(r"([\\`*_\[\]()<>!#~|{}])")



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
