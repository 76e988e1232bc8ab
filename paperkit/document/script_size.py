"""How large Arabic letters are set beside Latin ones, measured from the font files.

At the same point size Noto Naskh Arabic looks a size smaller than Noto Serif: the bodies of
its letters (the teeth of س, the bowl of ه) stand about 0.35 em high, the Latin x-height
0.536 em.  WeasyPrint 70 has no ``font-size-adjust``, so the size is decided here, once per
document, and both writers apply it to every Arabic letter: the PDF in spans, the DOCX as
Word's complex-script size (``w:szCs``).

The rule: the Arabic letters' body height matched to the Latin x-height, but never so far that
the Arabic ascenders (alef, lam …) stand taller than the Latin ascenders (b, d, h, k, l).  A
full x-height match (×1.5 for Naskh beside Noto Serif) would make an alef a third taller than
an l and the lines loose; the ascenders bound it (×1.13 for the same pair).  Heights are those
of the joined (medial) forms HarfBuzz shapes, as they stand in running text, dots and marks
not counted (the Latin x-height does not count the dot of i either).
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

BODY_LETTERS = "بجحدرسصعمهوي"
"""Arabic letters with neither an ascender nor dots above (beh's and yeh's dots are below):
their height is Arabic's x-height."""
TALL_LETTERS = "اطظكل"
"""Alef, tah, zah, kaf, lam: Arabic's ascenders."""
LATIN_TALL = "bdhkl"
"""Latin ascenders."""
TATWEEL = "\u0640"
"""The joining stroke: a letter between two stands in its medial form (or its final form, for
the letters that join only to the right)."""


@dataclass(frozen=True)
class Heights:
    """A face's heights in em: its letters' body (x-height), its ascenders, its line
    (ascent + descent, the height Word and LibreOffice give a line of it at the least)."""

    body: float
    ascender: float
    line: float


def arabic_size(latin: str, arabic: str) -> float:
    """The size of Arabic letters (in family ``arabic``) relative to the text's size, beside
    Latin letters in family ``latin``; 1.0 when either is not installed."""
    latin_heights, arabic_heights = latin_face(latin), arabic_face(arabic)
    if latin_heights is None or arabic_heights is None:
        return 1.0
    match = latin_heights.body / arabic_heights.body
    bound = latin_heights.ascender / arabic_heights.ascender
    return round(max(1.0, min(match, bound)), 2)


def line_height_for(arabic: str, size: float, least: float) -> float:
    """A line height (a multiple of the text's size) at which lines of Arabic set at ``size``
    keep the height the font asks for (Word and LibreOffice never set them closer): at least
    ``least``, rounded up to a twentieth."""
    heights = arabic_face(arabic)
    needed = heights.line * size if heights else least
    return math.ceil(max(needed, least) * 20 - 1e-9) / 20


@lru_cache(maxsize=8)
def latin_face(family: str) -> Heights | None:
    """The heights of ``family``'s regular face: OS/2 x-height (else the x's top) and ascenders."""
    font = _font(family)
    if font is None:
        return None
    units = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    x_height = getattr(font["OS/2"], "sxHeight", 0) or _top(font, cmap.get(ord("x")))
    tall = statistics.median(_top(font, cmap.get(ord(c))) for c in LATIN_TALL)
    return Heights(x_height / units, tall / units, _line(font))


@lru_cache(maxsize=8)
def arabic_face(family: str) -> Heights | None:
    """The heights of ``family``'s regular face: the median top of the medial forms of
    ``BODY_LETTERS`` and of ``TALL_LETTERS``, as HarfBuzz shapes them."""
    font = _font(family)
    if font is None or ord(BODY_LETTERS[0]) not in font.getBestCmap():
        return None
    units = font["head"].unitsPerEm
    shaped = _shaper(family)
    body = statistics.median(_letter_top(font, shaped, c) for c in BODY_LETTERS)
    tall = statistics.median(_letter_top(font, shaped, c) for c in TALL_LETTERS)
    return Heights(body / units, tall / units, _line(font))


def _letter_top(font: Any, shape: Any, letter: str) -> float:
    """The top of ``letter`` joined on both sides, its marks (dots drawn apart) left out."""
    import uharfbuzz as hb

    buffer = hb.Buffer()
    buffer.add_str(TATWEEL + letter + TATWEEL)
    buffer.guess_segment_properties()
    hb.shape(shape, buffer)
    order = font.getGlyphOrder()
    marks = _marks(font)
    tops = [_top(font, order[info.codepoint]) for info in buffer.glyph_infos
            if info.cluster == 1 and order[info.codepoint] not in marks]
    return max(tops)


def _marks(font: Any) -> set[str]:
    gdef = font["GDEF"].table.GlyphClassDef if "GDEF" in font else None
    return {name for name, kind in (gdef.classDefs.items() if gdef else ()) if kind == 3}


def _top(font: Any, glyph: str | None) -> float:
    from fontTools.pens.boundsPen import BoundsPen

    if glyph is None:
        return 0.0
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    return float(pen.bounds[3]) if pen.bounds else 0.0


def _line(font: Any) -> float:
    return float(font["hhea"].ascent - font["hhea"].descent) / float(font["head"].unitsPerEm)


@lru_cache(maxsize=16)
def _file(family: str) -> tuple[str, int] | None:
    return installed_file(family, ":regular")


def installed_file(family: str, style: str) -> tuple[str, int] | None:
    """The file and index of ``family``'s face in ``style`` (fontconfig's ":regular",
    ":bold:italic" …), or None when another family stands in for it."""
    from .font_match import best_match

    found = best_match(family + style)
    if found is None or family.lower() not in (name.strip().lower() for name in found.families):
        return None
    return found.file, found.index


@lru_cache(maxsize=8)
def _font(family: str) -> Any:
    from fontTools.ttLib import TTFont

    where = _file(family)
    return TTFont(where[0], fontNumber=where[1], lazy=True) if where else None


@lru_cache(maxsize=8)
def _shaper(family: str) -> Any:
    import uharfbuzz as hb

    where = _file(family)
    assert where is not None
    return hb.Font(hb.Face(hb.Blob.from_file_path(where[0]), where[1]))


def lacks(family: str, text: str) -> str:
    """The characters of ``text`` that ``family`` has no glyph for ("" when it is not installed:
    nothing is known then)."""
    cmap = _cmap(family)
    return "".join(dict.fromkeys(c for c in text if cmap and ord(c) not in cmap and not c.isspace()))


@lru_cache(maxsize=8)
def _cmap(family: str) -> frozenset[int]:
    font = _font(family)
    return frozenset(font.getBestCmap()) if font is not None else frozenset()

