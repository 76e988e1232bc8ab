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
import unicodedata

from lxml import etree

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
_CLOSING = {")": "(", "]": "[", "}": "{", "”": "“", "’": "‘", "»": "«", '"': '"'}


def right_to_left(root: etree._Element) -> etree._Element:
    """Mark every paragraph, table and run under ``root`` (a part's root element) in place."""
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
    return root


def right_to_left_xml(xml: bytes) -> bytes:
    """``right_to_left`` for a part given as bytes (the footnotes part)."""
    root = right_to_left(etree.fromstring(xml))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


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


def mark_document(document_part, footnotes_part) -> None:
    """``right_to_left`` on the body, every header and footer, and the footnotes."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    right_to_left(document_part.element)
    for rel in document_part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            right_to_left(rel.target_part.element)
    if footnotes_part is not None and footnotes_part.content:
        footnotes_part.content = right_to_left_xml(footnotes_part.content)
