"""How wide text stands on a line: what both column hints and text wrapping measure."""

from __future__ import annotations

import unicodedata


def is_wide(char: str) -> bool:
    """True for East Asian wide and full-width characters (two columns)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def display_width(text: str) -> int:
    """Display width in columns: wide East Asian characters count two, combining marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if is_wide(char) else 1
    return total
