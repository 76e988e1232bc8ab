"""Package-level work on the rendered document: parts, properties, language, paper, zip.

The zip is written here rather than by python-docx so that entry times are fixed (the
document's date): the same tree and template give the same bytes.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import datetime, timezone

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Twips
from lxml import etree

from ...document import nodes as n
from ...model.base import data_limit
from .bidi import insert_in_order

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_NUMBERING = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
PAPER = {"A4": (11906, 16838), "LETTER": (12240, 15840)}
_DEFAULT_EXTENSIONS = {"png", "jpeg", "jpg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg"}
_CJK = {"ja", "zh", "ko"}
_MIN_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class GeneratedPart(Part):
    """A part whose bytes are set after its relationships (footnote hyperlinks) exist."""

    content: bytes = b""

    @property
    def blob(self) -> bytes:
        return self.content


def new_part(document_part, reltype: str, partname: str, content_type: str) -> GeneratedPart:
    """An empty part related to the document, replacing any part of that type it had."""
    for rid, rel in list(document_part.rels.items()):
        if rel.reltype == reltype:
            document_part.drop_rel(rid)
    part = GeneratedPart(PackURI(partname), content_type, b"", document_part.package)
    document_part.relate_to(part, reltype)
    return part


def existing_blob(document_part, reltype: str) -> bytes | None:
    for rel in document_part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part.blob
    return None


def document_date(meta: n.Meta) -> datetime | None:
    """The position's date as a UTC datetime (month-only dates → the 1st)."""
    if not meta.date:
        return None
    pieces = [int(p) for p in meta.date.split("-")] + [1, 1]
    try:
        return datetime(pieces[0], pieces[1], pieces[2], tzinfo=timezone.utc)
    except ValueError:
        return None


def set_core_properties(docx_document, meta: n.Meta) -> None:
    """Title, author, subject … of the DOCX; a text longer than Word keeps is cut (the document
    still prints it whole)."""
    props = docx_document.core_properties
    props.title = property_text(meta.title)
    props.author = property_text(meta.author)
    props.last_modified_by = property_text(meta.author)
    props.subject = property_text(meta.subject or "")
    props.keywords = property_text(", ".join(meta.keywords))
    props.language = meta.lang
    props.category = meta.kind
    props.identifier = meta.id
    props.comments = ""
    props.revision = 1
    when = document_date(meta) or datetime(2000, 1, 1, tzinfo=timezone.utc)
    props.created = when
    props.modified = when


def property_text(text: str) -> str:
    """``text`` as a document property may hold it: at most 255 UTF-16 units
    (paperkit/data/limits.yaml: docx_property_max), cut at the last word that fits and ended
    with "…"; a text without spaces (Chinese, Japanese) is cut between characters."""
    limit = data_limit("docx_property_max")
    if _units(text) <= limit:
        return text
    units, end = 0, 0
    for end, char in enumerate(text):
        units += _units(char)
        if units > limit - 1:  # room for the ellipsis
            break
    kept = text[:end]
    word_end = max(kept.rfind(" "), kept.rfind("\u3000"))
    if word_end > len(kept) // 2:  # a word boundary not too far back
        kept = kept[:word_end]
    while kept and (unicodedata.combining(kept[-1]) or kept[-1] in "\u200d\ufe0f"):
        kept = kept[:-1]  # never end on half a character (a base without its accent, a joined emoji)
    return kept.rstrip(" ,;:\u3000") + "…"


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def set_language(docx_document, meta: n.Meta) -> None:
    """The document language on the default run properties (``w:docDefaults``), and bidi for RTL."""
    styles = docx_document.styles.element
    defaults = _child(styles, "docDefaults", first=True)
    rpr = _child(_child(defaults, "rPrDefault", first=True), "rPr")
    lang = rpr.find(_W + "lang")
    if lang is None:
        lang = etree.SubElement(rpr, _W + "lang")
    base = meta.lang.split("-")[0].lower()
    lang.set(_W + "val", meta.lang)
    if base in _CJK:
        lang.set(_W + "eastAsia", meta.lang)
        east_asian_line_breaking(_child(_child(defaults, "pPrDefault"), "pPr"))
    if meta.direction == "rtl":
        lang.set(_W + "bidi", meta.lang)
        ppr = _child(_child(defaults, "pPrDefault"), "pPr")
        if ppr.find(_W + "bidi") is None:
            _insert_before(ppr, "bidi", _AFTER_PPR_BIDI)
        for sect in docx_document.element.body.iter(_W + "sectPr"):
            if sect.find(_W + "bidi") is None:
                _insert_before(sect, "bidi", _AFTER_SECT_BIDI)


# Schema order of the children of w:pPr (CT_PPr).
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")


def east_asian_line_breaking(ppr) -> None:
    """Chinese, Japanese and Korean lines broken as Pango breaks them in the PDF (UAX #14):

    - ``w:kinsoku`` on: no line starts with 。、」）… nor ends with 「（ (Word's standard
      kinsoku lists, which like UAX #14's normal line breaking allow a break before small kana);
    - ``w:wordWrap`` on: a Latin word inside stays whole;
    - ``w:overflowPunct`` off: no punctuation hangs in the margin (Pango never lets it);
    - ``w:autoSpaceDE``/``w:autoSpaceDN`` off: no extra space between CJK and Latin letters
      or digits (Pango adds none).
    Word's own defaults are kinsoku and word wrap on, hanging punctuation and auto spacing on.
    """
    for name, value in (("kinsoku", "1"), ("wordWrap", "1"), ("overflowPunct", "0"),
                        ("autoSpaceDE", "0"), ("autoSpaceDN", "0")):
        element = ppr.find(_W + name)
        if element is None:
            element = insert_in_order(ppr, name, _PPR_ORDER[_PPR_ORDER.index(name) + 1:])
        element.set(_W + "val", value)


def _child(parent, name: str, first: bool = False):
    child = parent.find(_W + name)
    if child is None:
        child = etree.Element(_W + name)
        if first:
            parent.insert(0, child)
        else:
            parent.append(child)
    return child


# Schema order: the elements that come after w:bidi in w:pPr and in w:sectPr.
_AFTER_PPR_BIDI = ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                   "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
                   "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")
_AFTER_SECT_BIDI = ("rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _insert_before(parent, name: str, following: tuple[str, ...]) -> None:
    """Add an empty ``w:name`` to ``parent`` before the first of ``following``."""
    element = etree.Element(_W + name)
    for child in parent:
        if isinstance(child.tag, str) and child.tag.startswith(_W) and child.tag[len(_W):] in following:
            child.addprevious(element)
            return
    parent.append(element)


def set_paper(docx_document, paper: str) -> None:
    """A4 or Letter on every section, keeping the template's orientation and margins."""
    width, height = PAPER.get(paper.upper(), PAPER["A4"])
    for section in docx_document.sections:
        landscape = (section.page_width or 0) > (section.page_height or 0)
        w, h = (height, width) if landscape else (width, height)
        if section.page_width != Twips(w) or section.page_height != Twips(h):
            section.page_width, section.page_height = Twips(w), Twips(h)


def package_bytes(package, when: datetime | None) -> bytes:
    """The package as a .docx whose zip entries all carry ``when`` (reproducible bytes)."""
    stamp = _MIN_ZIP_TIME
    if when is not None and when.year >= 1980:
        stamp = (when.year, when.month, when.day, 0, 0, 0)
    parts = list(package.iter_parts())
    entries = [("[Content_Types].xml", _content_types(parts)), ("_rels/.rels", package.rels.xml)]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in entries:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, blob)
    return buffer.getvalue()


def _content_types(parts) -> bytes:
    defaults = {"rels": CT_RELS, "xml": "application/xml"}
    overrides = []
    for part in parts:
        ext = part.partname.ext.lower()
        if ext in _DEFAULT_EXTENSIONS:
            defaults.setdefault(ext, part.content_type)
        else:
            overrides.append((str(part.partname), part.content_type))
    xml = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">']
    xml += [f'<Default Extension="{ext}" ContentType="{ct}"/>' for ext, ct in defaults.items()]
    xml += [f'<Override PartName="{name}" ContentType="{ct}"/>' for name, ct in overrides]
    xml.append("</Types>")
    return "".join(xml).encode()


__all__ = ["RT", "CT_FOOTNOTES", "CT_NUMBERING", "new_part", "existing_blob",
           "set_core_properties", "set_language", "set_paper", "package_bytes", "document_date"]
