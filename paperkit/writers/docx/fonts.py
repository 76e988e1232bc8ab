"""The document tree's fonts (``document.fonts``) on the styles of a DOCX.

The same families as the PDF: the document defaults and every style take the text's
families; the styles ``style.css`` sets in ``--sans`` (title matter, headings, page
furniture, contact, the letter's head and address) take the headings'.  Each gets its
Latin family in ``w:ascii``/``w:hAnsi`` and, for a language in another script, that
script's family in ``w:eastAsia`` (Chinese, Japanese, Korean) or ``w:cs`` (Arabic,
Hebrew): Word draws each letter from the slot of its script, as Pango takes it from the
first family in the CSS list that has it.  Styles are found by name, so a user's
template is set alike; a style that names a font keeps its place in the cascade.
"""

from __future__ import annotations

from lxml import etree

from ...document import nodes as n
from ...document.fonts import COMPLEX, EAST_ASIAN
from .order import STYLE_BEFORE_RPR, child_in_order, set_rpr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W

SANS_STYLES = ("Title", "Subtitle", "Kicker", "Byline", "Addressee", "Heading1", "Heading2", "Heading3",
               "Signoff", "ContactHeading", "Contact", "SignatoryGroup", "FootnoteReference", "Header", "Footer",
               "Letterhead", "LetterheadDetails", "ReturnAddress", "Recipient", "DateLine", "Subject")
"""paperkit's style keys whose text is in the heading font (``var(--sans)`` in style.css)."""


def sans_style_ids(styles: dict[str, str]) -> frozenset[str]:
    """The style ids, in a template whose ids are ``styles`` (key → id), set in the heading font."""
    return frozenset(styles.get(key, key) for key in SANS_STYLES)

_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def slots(fonts: n.Fonts, heading: bool) -> dict[str, str]:
    """``w:rFonts`` attributes of the text (or heading) families."""
    latin = fonts.heading if heading else fonts.body
    script = fonts.script_heading if heading else fonts.script_body
    return {"ascii": latin, "hAnsi": latin,
            "eastAsia": script if script and fonts.script == EAST_ASIAN else latin,
            "cs": script if script and fonts.script == COMPLEX else latin}


def apply_fonts(styles_element, fonts: n.Fonts, styles: dict[str, str]) -> None:
    """Set the families of ``fonts`` on the defaults, on *Normal* and on every style that names
    a font (the text's), and the headings' families on the sans styles."""
    body, heading = slots(fonts, False), slots(fonts, True)
    defaults = styles_element.find(f"{_W}docDefaults")
    if defaults is None:
        defaults = etree.Element(_W + "docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = child_in_order(defaults, "rPrDefault", ())
    set_fonts(child_in_order(rpr_default, "rPr", ()), body)
    sans = sans_style_ids(styles)
    for style in styles_element.iter(_W + "style"):
        style_id = style.get(_W + "styleId")
        rpr = style.find(_W + "rPr")
        if style_id in sans:
            set_fonts(child_in_order(style, "rPr", STYLE_BEFORE_RPR), heading)
        elif rpr is not None and rpr.find(_W + "rFonts") is not None:
            set_fonts(rpr, body)


def set_fonts(rpr, families: dict[str, str]) -> None:
    """``w:rFonts`` of ``rpr`` naming ``families`` (theme fonts removed: they would win)."""
    element = set_rpr(rpr, "rFonts", families)
    for attr in _THEME_ATTRS:
        element.attrib.pop(_W + attr, None)
    element.attrib.pop(_W + "hint", None)


def run_fonts(fonts: n.Fonts, heading: bool) -> str:
    """A ``w:rFonts`` element for a run drawn outside the styles (the letterhead)."""
    from .runs import escape

    return "<w:rFonts " + " ".join(f'w:{k}="{escape(v)}"' for k, v in slots(fonts, heading).items()) + "/>"


def apply_line_heights(styles_element, fonts: n.Fonts, styles: dict[str, str]) -> None:
    """The text's and the lead's line heights of the tree (``fonts.line_height``: 1.5, more
    open for CJK and Arabic) as Word's "at least" line spacing of the defaults and *Lead*."""
    by_id = {style.get(_W + "styleId"): style for style in styles_element.iter(_W + "style")}
    defaults = styles_element.find(f"{_W}docDefaults")
    if defaults is None:
        return
    base = _size(defaults.find(f"{_W}rPrDefault/{_W}rPr"), 22)
    _set_line(defaults.find(f"{_W}pPrDefault/{_W}pPr"), fonts.line_height * base)
    lead = by_id.get(styles.get("Lead", "Lead"))
    if lead is not None and lead.find(f"{_W}pPr/{_W}spacing") is not None:
        _set_line(lead.find(_W + "pPr"), fonts.lead_line_height * _size(lead.find(_W + "rPr"), base))


def _size(rpr, default: float) -> float:
    """The font size a ``w:rPr`` sets, in points (``default`` when it sets none)."""
    sz = None if rpr is None else rpr.find(_W + "sz")
    return int(sz.get(_W + "val")) / 2 if sz is not None else default


def _set_line(ppr, points: float) -> None:
    """``w:spacing`` of ``ppr``: lines at least ``points`` high (a template's exact lines are kept)."""
    spacing = None if ppr is None else ppr.find(_W + "spacing")
    if spacing is None or spacing.get(_W + "lineRule") == "exact":
        return
    spacing.set(_W + "line", str(round(points * 20)))
    spacing.set(_W + "lineRule", "atLeast")


FURNITURE_STYLES = ("Header", "Footer")
"""Styles of the running header and the footer: the PDF prints them in CSS margin boxes, from
strings that hold no spans, so their Arabic keeps the text's size in both writers."""


def apply_arabic_size(styles_element, factor: float, styles: dict[str, str]) -> None:
    """Word's complex-script size (``w:szCs``, what Arabic letters are drawn at) as ``factor``
    times the size (``w:sz``) on the defaults and every style that sets a size (the tree's
    ``fonts.arabic_size``, as the PDF's spans); the header and footer styles keep the size."""
    by_id = {style.get(_W + "styleId"): style for style in styles_element.iter(_W + "style")}
    defaults = styles_element.find(f"{_W}docDefaults")
    if defaults is not None:
        rpr = child_in_order(child_in_order(defaults, "rPrDefault", ()), "rPr", ())
        _scale(rpr, round(_size(rpr, 11) * 2), factor)
    furniture = {styles.get(key, key) for key in FURNITURE_STYLES}
    for style_id, style in by_id.items():
        rpr = style.find(_W + "rPr")
        if style_id in furniture:
            rpr = child_in_order(style, "rPr", STYLE_BEFORE_RPR)
            _scale(rpr, _style_size(style, by_id, defaults), 1.0)
        elif rpr is not None and (rpr.find(_W + "sz") is not None or rpr.find(_W + "szCs") is not None):
            _scale(rpr, _style_size(style, by_id, defaults), factor)


def scale_arabic_runs(root, factor: float) -> None:
    """``w:szCs`` as ``factor`` times ``w:sz`` on every run under ``root`` that sets a size itself."""
    for rpr in root.iter(_W + "rPr"):
        sz = rpr.find(_W + "sz")
        if sz is not None and rpr.getparent() is not None and rpr.getparent().tag == _W + "r":
            _scale(rpr, int(sz.get(_W + "val")), factor)


def _scale(rpr, half_points: int, factor: float) -> None:
    set_rpr(rpr, "szCs", {"val": str(round(half_points * factor))})


def _style_size(style, by_id, defaults) -> int:
    """The size a style sets or inherits (``w:basedOn``), in half-points."""
    seen = set()
    while style is not None and id(style) not in seen:
        seen.add(id(style))
        sz = style.find(f"{_W}rPr/{_W}sz")
        if sz is not None:
            return int(sz.get(_W + "val"))
        based = style.find(_W + "basedOn")
        style = by_id.get(based.get(_W + "val")) if based is not None else None
    rpr = None if defaults is None else defaults.find(f"{_W}rPrDefault/{_W}rPr")
    return round(_size(rpr, 11) * 2)


def add_sized_style(styles_element, base_id: str, new_id: str, name: str, factor: float) -> None:
    """A paragraph style ``name`` based on ``base_id`` at ``factor`` times its size, its line
    spacing and the space after it scaled alike (as CSS sizes and spaces in em follow the font
    size); a template that has the style keeps its own."""
    by_id = {style.get(_W + "styleId"): style for style in styles_element.iter(_W + "style")}
    base = by_id.get(base_id)
    if new_id in by_id or base is None:
        return
    size = _style_size(base, by_id, styles_element.find(f"{_W}docDefaults"))
    style = etree.Element(_W + "style")
    style.set(_W + "type", "paragraph")
    style.set(_W + "customStyle", "1")
    style.set(_W + "styleId", new_id)
    for child, attrs in (("name", {"val": name}), ("basedOn", {"val": base_id}), ("qFormat", {})):
        element = etree.SubElement(style, _W + child)
        for key, value in attrs.items():
            element.set(_W + key, value)
    ppr = etree.SubElement(style, _W + "pPr")
    for child, keys in (("spacing", ("before", "after", "line")), ("ind", ("left", "start", "hanging"))):
        element = base.find(f"{_W}pPr/{_W}{child}")
        if element is None:
            continue
        scaled = etree.SubElement(ppr, _W + child)
        for key in keys:
            value = element.get(_W + key)
            if value is not None and not (key == "line" and element.get(_W + "lineRule", "auto") == "auto"):
                scaled.set(_W + key, str(round(int(value) * factor)))
        if element.get(_W + "lineRule"):
            scaled.set(_W + "lineRule", element.get(_W + "lineRule"))
    rpr = etree.SubElement(style, _W + "rPr")
    half_points = str(round(size * factor))
    etree.SubElement(rpr, _W + "sz").set(_W + "val", half_points)
    etree.SubElement(rpr, _W + "szCs").set(_W + "val", half_points)
    base.addnext(style)
