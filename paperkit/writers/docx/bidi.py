"""Right-to-left documents: what Word needs beyond the section's ``w:bidi``, in every part.

Applied to the rendered body, the headers, the footers and the footnotes, so that the
template's own paragraphs (title, byline, running header, page numbers) are treated like
paperkit's:

- every paragraph is ``w:bidi`` (right-to-left: it starts at the right margin, and Word
  mirrors ``left``/``right`` alignment and indents, so list numbers stand on the right);
- every table is ``w:bidiVisual`` (its first column on the right);
- a run holding right-to-left letters is ``w:rtl`` (Word then uses the complex-script
  font, size, bold and italic: ``w:cs``, ``w:szCs``, ``w:bCs``, ``w:iCs``), and a Latin
  stretch inside it ("JCA-NET", "A/RES/76/268") is split off into a run without ``w:rtl``,
  in the Latin font, so that Word lays it out left to right as one piece.  Digits, spaces and
  punctuation between right-to-left letters stay in the right-to-left run.

Runs with no right-to-left letter are left as they are.
"""

from __future__ import annotations

import copy

from lxml import etree

from ...document.scripts import has_rtl, segments


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Schema order: what follows w:bidi in w:pPr, w:bidiVisual in w:tblPr, w:rtl in w:rPr.
_AFTER_BIDI = ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
               "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
               "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_AFTER_BIDI_VISUAL = ("tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
                      "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
                      "tblPrChange")
_AFTER_RTL = ("cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def right_to_left(root: etree._Element, fonts=None, sans: frozenset[str] = frozenset()) -> etree._Element:
    """Mark every paragraph, table and run under ``root`` (a part's root element) in place;
    with the document's ``fonts``, name a font for what the script's font cannot draw
    (:func:`name_latin_font`; ``sans``: the style ids set in the headings' fonts)."""
    for paragraph in root.iter(_W + "p"):
        ppr = paragraph.find(_W + "pPr")
        if ppr is None:
            ppr = etree.Element(_W + "pPr")
            paragraph.insert(0, ppr)
        if ppr.find(_W + "bidi") is None:
            insert_in_order(ppr, "bidi", _AFTER_BIDI)
    for tblpr in root.iter(_W + "tblPr"):
        if tblpr.find(_W + "bidiVisual") is None:
            insert_in_order(tblpr, "bidiVisual", _AFTER_BIDI_VISUAL)
    for run in list(root.iter(_W + "r")):
        if any(has_rtl(t.text or "") for t in run.iterfind(_W + "t")):
            split_run(run)
    if fonts is not None and fonts.script_body:
        name_latin_font(root, fonts, sans, root.tag in (_W + "hdr", _W + "ftr"))
    return root


def name_latin_font(root: etree._Element, fonts, sans: frozenset[str], furniture: bool = False) -> None:
    """Right-to-left runs whose characters the script's font lacks ("–", "/" in Noto Naskh
    Arabic) are split so that those characters stand in runs naming the Latin family as their
    complex-script font: Word and LibreOffice draw them from the run's ``w:cs`` font, and would
    otherwise fall back to a font of their own (DejaVu), where Pango takes them from the Latin
    family first in the PDF's list."""
    from ...document.script_size import lacks

    for paragraph in root.iter(_W + "p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        heading = furniture or (style is not None and style.get(_W + "val") in sans)
        script = fonts.script_heading if heading else fonts.script_body
        latin = fonts.heading if heading else fonts.body
        for run in list(paragraph.iter(_W + "r")):
            rpr = run.find(_W + "rPr")
            if rpr is None or rpr.find(_W + "rtl") is None:
                continue
            if any(child is not rpr and child.tag != _W + "t" for child in run):
                continue
            text = "".join(t.text or "" for t in run.iterfind(_W + "t"))
            missing = lacks(script, text)
            if missing:
                _split_by_font(run, rpr, text, set(missing), latin)


def _split_by_font(run: etree._Element, rpr: etree._Element, text: str, missing: set[str], latin: str) -> None:
    pieces: list[tuple[bool, str]] = []
    for char in text:
        other = char in missing
        if pieces and pieces[-1][0] == other:
            pieces[-1] = (other, pieces[-1][1] + char)
        else:
            pieces.append((other, char))
    for other, piece in pieces:
        new = etree.Element(_W + "r")
        props = copy.deepcopy(rpr)
        if other:
            fonts = props.find(_W + "rFonts")
            if fonts is None:
                fonts = etree.Element(_W + "rFonts")
                style = props.find(_W + "rStyle")
                if style is not None:
                    style.addnext(fonts)
                else:
                    props.insert(0, fonts)
            fonts.set(_W + "cs", latin)
        new.append(props)
        t = etree.SubElement(new, _W + "t")
        t.set(XML_SPACE, "preserve")
        t.text = piece
        run.addprevious(new)
    run.getparent().remove(run)


def right_to_left_xml(xml: bytes, fonts=None, sans: frozenset[str] = frozenset()) -> bytes:
    """``right_to_left`` for a part given as bytes (the footnotes part)."""
    root = right_to_left(etree.fromstring(xml), fonts, sans)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def split_run(run: etree._Element) -> None:
    """Replace ``run`` by runs of one direction each, ``w:rtl`` on the right-to-left ones."""
    rpr = run.find(_W + "rPr")
    pieces: list[tuple[bool, etree._Element]] = []  # (right_to_left, content element)
    current = True
    for child in run:
        if child is rpr:
            continue
        if child.tag == _W + "t":
            for rtl, text in segments(child.text or ""):
                t = etree.Element(_W + "t")
                t.set(XML_SPACE, "preserve")
                t.text = text
                pieces.append((rtl, t))
                current = rtl
        else:  # w:tab, w:br, field characters …: with the text before them
            pieces.append((current, child))
    groups: list[tuple[bool, list[etree._Element]]] = []
    for rtl, element in pieces:
        if groups and groups[-1][0] == rtl:
            groups[-1][1].append(element)
        else:
            groups.append((rtl, [element]))
    for rtl, elements in groups:
        new = etree.Element(_W + "r")
        for name, value in run.attrib.items():
            new.set(name, value)
        props = _run_props(rpr, rtl)
        if props is not None:
            new.append(props)
        new.extend(elements)
        run.addprevious(new)
    run.getparent().remove(run)


def _run_props(rpr: etree._Element | None, rtl: bool) -> etree._Element | None:
    props = copy.deepcopy(rpr) if rpr is not None else etree.Element(_W + "rPr")
    existing = props.find(_W + "rtl")
    if rtl and existing is None:
        insert_in_order(props, "rtl", _AFTER_RTL)
    elif not rtl and existing is not None:
        props.remove(existing)
    return props if len(props) else None


def insert_in_order(parent: etree._Element, name: str, following: tuple[str, ...]) -> etree._Element:
    """Add an empty ``w:name`` to ``parent`` before the first child named in ``following``."""
    element = etree.Element(_W + name)
    for child in parent:
        if isinstance(child.tag, str) and child.tag.startswith(_W) and child.tag[len(_W):] in following:
            child.addprevious(element)
            return element
    parent.append(element)
    return element


def mark_document(document_part, footnotes_part, fonts=None, sans: frozenset[str] = frozenset()) -> None:
    """``right_to_left`` on the body, every header and footer, and the footnotes."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    right_to_left(document_part.element, fonts, sans)
    for rel in document_part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            right_to_left(rel.target_part.element, fonts, sans)
    if footnotes_part is not None and footnotes_part.content:
        footnotes_part.content = right_to_left_xml(footnotes_part.content, fonts, sans)
