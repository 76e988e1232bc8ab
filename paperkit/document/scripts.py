"""Which letters belong to which script: runs cut the same way for every writer.

A paragraph in Arabic holds Latin stretches ("JCA-NET", "A/RES/76/268"); an English one may hold
an Arabic name.  ``segments`` cuts a text into right-to-left and left-to-right pieces as the DOCX
writer cuts its runs (``w:rtl`` or not) and the HTML writer its spans of Arabic letters set at
their own size (``doc.fonts.arabic_size``), so that both size the same letters.
"""

from __future__ import annotations

import unicodedata

_CLOSING = {")": "(", "]": "[", "}": "{", "”": "“", "’": "‘", "»": "«", '"': '"'}


def has_rtl(text: str) -> bool:
    """True when ``text`` has a right-to-left letter (Arabic, Hebrew …)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def has_arabic(text: str) -> bool:
    """True when ``text`` has a letter of the Arabic script (bidirectional class AL)."""
    return any(unicodedata.bidirectional(char) == "AL" for char in text)


def segments(text: str) -> list[tuple[bool, str]]:
    """``text`` cut into (right_to_left, piece) pieces.

    A left-to-right piece runs from a strong left-to-right letter to the last letter or
    digit before the next right-to-left letter (closing brackets and quotes opened inside
    it come along); everything else belongs to the right-to-left pieces around it.
    """
    classes = [unicodedata.bidirectional(char) for char in text]
    out: list[tuple[bool, str]] = []
    i, start = 0, 0
    while i < len(text):
        if classes[i] != "L":
            i += 1
            continue
        j = i
        end = i + 1  # exclusive end of the piece: after its last letter or digit
        while j < len(text) and classes[j] not in ("R", "AL"):
            if classes[j] in ("L", "EN"):
                end = j + 1
            j += 1
        end = _with_closers(text, i, end, j)
        if start < i:
            out.append((True, text[start:i]))
        out.append((False, text[i:end]))
        start = i = end
    if start < len(text):
        out.append((True, text[start:]))
    return out


def _with_closers(text: str, begin: int, end: int, limit: int) -> int:
    """Extend ``end`` over closing brackets and quotes whose openers are in ``text[begin:end]``."""
    while end < limit and text[end] in _CLOSING:
        closer, piece = text[end], text[begin:end]
        opener = _CLOSING[closer]
        unmatched = (piece.count(opener) % 2 == 1 if opener == closer
                     else piece.count(opener) > piece.count(closer))
        if not unmatched:
            break
        end += 1
    return end
