"""A letter tightened to fit one page (``Document.fit``) in Word: the same step as the PDF.

The PDF gets the step as CSS (``theme_css.fit_css``: the body's size and line height, and
``--fit``, the share of the designed room between paragraphs); here the same numbers go on
the template's styles: the document defaults (the body text) take the step's size and line
height, every style sized relative to the text scales with it, and the room before and after
paragraphs shrinks to the step's share.  What is not running text keeps its size and place:
the letterhead, the window address and the date line beside it (their geometry is the
envelope's), the page header and footer; the subject keeps its size (its own in style.css).
"""

from __future__ import annotations

from typing import Any

from ...document.nodes import Fonts, LetterFit
from .theme import _W

UNTOUCHED = ("Letterhead", "LetterheadDetails", "ReturnAddress", "Recipient", "DateLine", "Header", "Footer")
"""Styles whose size and spacing stay as designed (style.css sets them in pt, not relative to the text)."""
OWN_SIZE = ("Subject",)
"""Styles that keep their size but whose room before and after shrinks."""
OWN_LINE_HEIGHT = ("Title", "Subtitle", "Kicker", "Byline", "Heading1", "Heading2", "Heading3", "Lead")
"""Styles with their own line height in style.css: it scales with the size, not with the text's."""


def designed_size(styles_element: Any, default: float = 10.5) -> float:
    """The body text's designed size in points (the template's document defaults)."""
    sz = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
    return int(sz.get(_W + "val")) / 2 if sz is not None else default


def apply_fit(styles_element: Any, fit: LetterFit, fonts: Fonts, styles: dict[str, str]) -> None:
    """The step ``fit`` on the template's styles (a letter's ``styles.xml``)."""
    scale = fit.size / designed_size(styles_element)
    lines = fit.line_height / fonts.line_height
    untouched = {styles.get(name, name) for name in UNTOUCHED}
    own_size = {styles.get(name, name) for name in OWN_SIZE}
    own_lines = {styles.get(name, name) for name in OWN_LINE_HEIGHT}
    defaults = styles_element.find(f"{_W}docDefaults")
    if defaults is not None:
        _set_size(defaults.find(f"{_W}rPrDefault/{_W}rPr"), fit.size)
        _scale_spacing(defaults.find(f"{_W}pPrDefault/{_W}pPr"), scale * fit.space, scale * lines, exact=True)
    for style in styles_element.iter(_W + "style"):
        style_id = style.get(_W + "styleId")
        if style_id in untouched:
            continue
        size = 1.0 if style_id in own_size else scale
        rpr = style.find(_W + "rPr")
        sz = None if rpr is None else rpr.find(_W + "sz")
        if sz is not None and size != 1.0:
            _set_size(rpr, int(sz.get(_W + "val")) / 2 * size)
        own = style_id in own_lines
        _scale_spacing(style.find(_W + "pPr"), size * fit.space, size if own else size * lines, exact=not own)


def _set_size(rpr: Any, points: float) -> None:
    """``w:sz`` and ``w:szCs`` of ``rpr`` (where present) at ``points``."""
    if rpr is None:
        return
    for tag in ("sz", "szCs"):
        element = rpr.find(_W + tag)
        if element is not None:
            element.set(_W + "val", str(round(points * 2)))


def _scale_spacing(ppr: Any, room: float, line: float, exact: bool) -> None:
    """Before and after of ``ppr``'s spacing times ``room``; an "at least" line height times ``line``,
    ``exact`` when the text's (Word and LibreOffice never set an "at least" line tighter than the
    font's own ascent and descent, 1.36 of the size for Noto Serif, which CSS's line-height does)."""
    spacing = None if ppr is None else ppr.find(_W + "spacing")
    if spacing is None:
        return
    for name in ("before", "after"):
        value = spacing.get(_W + name)
        if value is not None and value.lstrip("-").isdigit():
            spacing.set(_W + name, str(round(int(value) * room)))
    value = spacing.get(_W + "line")
    if value is not None and spacing.get(_W + "lineRule") == "atLeast":
        spacing.set(_W + "line", str(round(int(value) * line)))
        if exact:
            spacing.set(_W + "lineRule", "exact")


def list_after(designed: int, fit: LetterFit | None, base: float = 10.5) -> int:
    """The room after a list (twips) at the fit's step (as designed without one)."""
    if fit is None or not fit.tightened:
        return designed
    return round(designed * fit.space * fit.size / base)
