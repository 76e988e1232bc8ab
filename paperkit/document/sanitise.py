"""Characters no document can hold, taken out of the tree in one place, with a warning.

XML 1.0 forbids most C0 control characters (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``,
``\\x0e``–``\\x1f``), the non-characters U+FFFE and U+FFFF and lone surrogates: a DOCX
holding one is a file Word refuses to open, and HTML and PDF show them as garbage.
They reach paperkit from text pasted out of word processors and web forms (a vertical
tab is Word's line break), as YAML escapes (``"\\x0b"``), from sign-on CSV exports and
from positions built in Python.  Every text of every format passes through the
document tree, so the tree is cleaned once, after it is built: a vertical tab or form
feed becomes a space, anything else is removed, and a ``TextWarning`` says what and
where (the text around it), so that the source can be mended.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import warnings
from typing import Any

from ..errors import TextWarning

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 does not allow (tab, line feed and carriage return are allowed)."""

_AS_SPACE = {"\x0b": " ", "\x0c": " "}


def clean_text(text: str) -> str:
    """``text`` without the characters a document cannot hold (breaks become spaces)."""
    return ILLEGAL.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)


def sanitised(document: Any, where: str) -> Any:
    """The document with every illegal character taken out; warns once if any was found.

    Nodes without such characters are returned as they are (the same objects), so a
    clean tree costs one walk and no copies.
    """
    found: list[tuple[str, str]] = []
    cleaned = _clean(document, found, {})
    found = list(dict.fromkeys(found))  # the title stands in the front and in the metadata: say it once
    if found:
        shown = "; ".join(f"{name} in {context}" for name, context in found[:5])
        more = f" (and {len(found) - 5} more)" if len(found) > 5 else ""
        warnings.warn(TextWarning(f"{where}: removed {len(found)} character{'s' if len(found) > 1 else ''} "
                                  f"a document cannot hold: {shown}{more}"), stacklevel=3)
    return cleaned


def _clean(value: Any, found: list[tuple[str, str]], memo: dict[int, Any]) -> Any:
    if isinstance(value, str):
        if not ILLEGAL.search(value):
            return value
        for match in ILLEGAL.finditer(value):
            found.append((_name(match.group()), _context(value, match.start())))
        return clean_text(value)
    if isinstance(value, tuple):
        items = tuple(_clean(item, found, memo) for item in value)
        return value if all(a is b for a, b in zip(items, value)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        key = id(value)
        if key in memo:  # a note is shared by its citations: clean it once, keep it shared
            return memo[key]
        changes = {}
        for fld in dataclasses.fields(value):
            old = getattr(value, fld.name)
            new = _clean(old, found, memo)
            if new is not old:
                changes[fld.name] = new
        memo[key] = result = dataclasses.replace(value, **changes) if changes else value
        return result
    return value


def _name(char: str) -> str:
    code = ord(char)
    name = unicodedata.name(char, "")
    if not name:
        name = {0: "NULL", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED"}.get(
            code, "SURROGATE" if 0xD800 <= code <= 0xDFFF else "CONTROL CHARACTER")
    return f"U+{code:04X} ({name})"


def _context(text: str, at: int) -> str:
    start, end = max(0, at - 20), min(len(text), at + 21)
    snippet = clean_text(text[start:at]) + "\u2423" + clean_text(text[at + 1:end])
    return "\u201c" + ("…" if start else "") + " ".join(snippet.split()) + ("…" if end < len(text) else "") + "\u201d"
