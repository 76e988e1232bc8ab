"""The envelope window: the font size at which a recipient's address shows whole in it.

A DL or C5 window is 90 × 45 mm (DIN 5008, ISO 269); the address stands inside it below
the sender's return line.  Both writers print the window at the size decided here (the
document tree's ``RecipientBlock.font_size``), so PDF and DOCX agree.

Each line is measured with the advance widths of the fonts the letter is set in (Noto Sans;
Noto Sans CJK and Noto Sans Arabic for what it lacks, found through fontconfig), wrapped at
the window's width as a browser or Word wraps it, and the wrapped lines are stacked at the
letter's line height.  The size steps down from 10 pt by 0.5 pt to a floor of 8 pt; an
address that does not fit at 8 pt is refused with the line that does not.

Every line is set plain, the name too, in both writers: postal reading machines want no
bold, condensed or italic face in an address block (USPS addressing rules as summarised at
postalmethods.com/resources/reference/usps, checked 2026-11-30), and DIN 5008 dropped both
the blank line before the place and bold highlighting from its address field in 2005
(summaries of DIN 5008:2005, e.g. hannahh.netlify.app "Din 5008 Geschäftsbrief
Anschriftenfeld", checked 2026-11-30).
Measuring is hand-written: no library lays out text without rendering it; fontTools reads
the widths.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

BASE_SIZE = 10.0
"""The address's size in points (style.css ``.recipients``)."""
FLOOR = 8.0
"""The smallest size an address is printed at (a smaller one is hard to read through a window)."""
STEP = 0.5
LINE_HEIGHT = 1.35
"""Line height as a multiple of the size (style.css ``.recipients``; the DOCX sets it exactly)."""
WIDTH_MM = 80.0
"""The window (90 mm) less 5 mm on either side."""
HEIGHT_MM = 35.5
"""The window (45 mm) less 3 mm at the top and the return line with its rule and gap (6.5 mm)."""
SAFETY = 1.04
"""Measured widths are taken 4 % wider: kerning, hinting and a substituted font never overflow."""
PT_PER_MM = 72 / 25.4
FONTS = ("Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "DejaVu Sans")
_BREAK = re.compile(r"(\s+)")


@dataclass(frozen=True)
class WindowFit:
    size: float
    """The size in points the address is printed at (BASE_SIZE when it fits as it is)."""
    problem: str | None = None
    """Why it cannot fit even at FLOOR (None: it fits)."""


@lru_cache(maxsize=8)
def _font(family: str, bold: bool) -> Any:
    """(cmap, advance widths, units per em) of a font found by fontconfig, or None."""
    try:
        path = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:{'bold' if bold else 'regular'}"],
                              capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not path:
        return None
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=0, lazy=True) as font:  # closed: no ResourceWarning when it is collected
        return font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm


def char_width(char: str, bold: bool) -> float:
    """The advance of ``char`` in ems, in the first font of FONTS that has it."""
    if unicodedata.combining(char):
        return 0.0
    for family in FONTS:
        font = _font(family, bold)
        if font is None:
            continue
        cmap, metrics, upem = font
        glyph = cmap.get(ord(char))
        if glyph is not None and glyph in metrics:
            return metrics[glyph][0] / upem
    return 1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in millimetres at ``size`` points (with the safety margin)."""
    return sum(char_width(c, bold) for c in text) * size / PT_PER_MM * SAFETY


def wrapped(line: str, size: float, bold: bool = False) -> tuple[int, bool]:
    """(how many lines ``line`` takes at the window's width, whether one word alone is wider)."""
    words = [w for w in _BREAK.split(line) if w and not w.isspace()]
    space = text_width(" ", size, bold)
    count, used, too_wide = 1, 0.0, False
    for word in words:
        width = text_width(word, size, bold)
        if width > WIDTH_MM:
            if any(unicodedata.east_asian_width(c) in "WF" for c in word):  # CJK breaks between characters
                extra = int(width // WIDTH_MM)
                count, used = count + extra + (1 if used else 0), width - extra * WIDTH_MM
                continue
            too_wide = True
        if used and used + space + width > WIDTH_MM:
            count, used = count + 1, width
        else:
            used = used + (space if used else 0) + width
    return count, too_wide


def fit(lines: tuple[str, ...]) -> WindowFit:
    """The largest size from BASE_SIZE down to FLOOR at which every line shows in the window."""
    size = BASE_SIZE
    while size >= FLOOR:
        problem = _overflow(lines, size)
        if problem is None:
            return WindowFit(size)
        size -= STEP
    return WindowFit(FLOOR, _overflow(lines, FLOOR))


def _overflow(lines: tuple[str, ...], size: float) -> str | None:
    """The first line that does not show at ``size`` and why, or None."""
    height = size * LINE_HEIGHT / PT_PER_MM
    rows = 0
    for number, line in enumerate(lines, start=1):
        count, too_wide = wrapped(line, size)
        if too_wide:
            return f"line {number} ({line!r}) has a word wider than the window"
        rows += count
        if rows * height > HEIGHT_MM + 1e-6:
            return f"line {number} ({line!r}) falls below the window"
    return None
