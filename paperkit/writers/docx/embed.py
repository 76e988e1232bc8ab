"""The fonts a DOCX uses, embedded in it: subset to its characters, obfuscated as Word does.

A colleague without Noto then sees the pages paperkit made (Word and LibreOffice draw
embedded fonts).  For each family the document's styles and runs name (``w:rFonts``), the
installed faces (regular, bold; italic and bold italic when the document has italic text)
are found with fontconfig, subset with HarfBuzz (uharfbuzz: milliseconds even for a 20 MB
CJK collection, where fontTools' subsetter takes seconds) to the characters of the text set in
them — the text's families to the body text, the headings' families to the headings and
page furniture — and stored as ECMA-376 embedded fonts (Part 1, §17.8.1 and §17.8.3.3):

- each face is a part ``/word/fonts/fontN.odttf`` (content type ``…obfuscatedFont``)
  related to the font table, and named in the family's ``w:font`` by ``w:embedRegular``,
  ``w:embedBold``, ``w:embedItalic`` or ``w:embedBoldItalic`` with its ``w:fontKey``;
- obfuscation: the first 32 bytes of the font XORed with the 16 bytes of the key (a GUID
  written ``{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}``) taken in reverse order — the key is
  derived from the font's bytes, so the same document gives the same file;
- ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` in the settings: Word keeps the fonts
  embedded (and subset) when the document is saved again.

Word embeds TrueType outlines, so a CFF-flavoured OpenType face (the Noto CJK faces) is
converted to quadratic TrueType outlines after subsetting (HarfBuzz draws, fontTools' cu2qu
converts).  A face whose
licence forbids embedding (OS/2 ``fsType`` "restricted licence") is left out with a warning.
"""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ...document import nodes as n
from ...errors import FontWarning
from .bidi import insert_in_order
from .fonts import SANS_STYLES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "{%s}" % W
RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
RT_FONT_TABLE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
RT_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
CT_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = (("Regular", False, False), ("Bold", True, False), ("Italic", False, True), ("BoldItalic", True, True))
_RESTRICTED = 0x0002
FIELD_CHARACTERS = "0123456789"
"""Characters of fields (page numbers) that are in no text node."""
MARKER_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ().-•◦▪–"
"""Characters list numbers and bullets may be drawn with."""
BASE_CHARACTERS = "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0xA0, 0x100)))
"""Printable ASCII and Latin-1, in every subset of the Latin families."""
_FONT_CHILD_ORDER = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
                     "embedRegular", "embedBold", "embedItalic", "embedBoldItalic")
_SETTINGS_AFTER_EMBED = ("saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
                         "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
                         "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
                         "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
                         "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
                         "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
                         "defaultTabStop")


@dataclass(frozen=True)
class Face:
    """One installed face of a family: its file and index in a collection."""

    file: str
    index: int


def embed_fonts(document_part, fonts: n.Fonts, parts: list) -> None:
    """Embed in the package of ``document_part`` the faces of the families the document names,
    subset to its text; ``parts`` are the parts holding text (document, headers, footers, notes)."""
    fonttable = _related(document_part, RT_FONT_TABLE)
    styles = _related(document_part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles")
    if fonttable is None or styles is None:
        return
    families = needed_faces([part.blob for part in parts], styles.blob, fonts)
    table = etree.fromstring(fonttable.blob)
    number = 0
    for family, faces in families.items():
        embedded = []
        for name, bold, italic in FACES:
            if (bold, italic) not in faces:
                continue
            face = installed_face(family, bold, italic)
            if face is None:
                continue
            data = subset_face(face, "".join(sorted(faces[(bold, italic)])))
            if data is None:
                continue
            number += 1
            key = font_key(data)
            part = _new_part(document_part.package, f"/word/fonts/font{number}.odttf", obfuscate(data, key))
            embedded.append((name, fonttable.relate_to(part, RT_FONT), key))
        if embedded:
            _name_in_table(table, family, embedded)
    fonttable._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    _keep_embedded(_related(document_part, RT_SETTINGS))


# ------------------------------------------------------------ what is set in which face


def needed_faces(text_parts: list[bytes], styles_xml: bytes, fonts: n.Fonts) -> dict[str, dict[tuple[bool, bool], frozenset[str]]]:
    """Family → (bold, italic) → the characters to embed for that face.

    The characters set in it, the digits of page-number fields and what list markers use; the
    text's and headings' Latin families also get printable ASCII and Latin-1, so that a mail
    merge whose recipients' names use no other letters embeds the same subsets in every letter
    (and the DOCX stencil stays valid for them).
    """
    texts = text_by_face(text_parts, _style_looks(styles_xml))
    families: dict[str, dict[tuple[bool, bool], set[str]]] = {}
    for (heading, bold, italic), text in texts.items():
        latin = fonts.heading if heading else fonts.body
        script = fonts.script_heading if heading else fonts.script_body
        for family in filter(None, (latin, script)):
            chars = families.setdefault(family, {}).setdefault((bold, italic), set())
            chars.update(text, FIELD_CHARACTERS, MARKER_CHARACTERS)
            if family in (fonts.body, fonts.heading):
                chars.update(BASE_CHARACTERS)
    return {family: {look: frozenset(chars) for look, chars in faces.items()} for family, faces in families.items()}


@dataclass(frozen=True)
class Look:
    """What a paragraph style sets: the heading font or the text's, bold, italic."""

    heading: bool = False
    bold: bool = False
    italic: bool = False


@lru_cache(maxsize=8)
def _style_looks(styles_xml: bytes) -> dict[str, Look]:
    """Paragraph and character style id → its look (heading font by the sans styles' names;
    bold and italic as the style or the style it is based on sets them).  Cached: a merge asks
    for the same styles.xml for every letter (read only by the callers)."""
    from .blocks import STYLE_NAMES

    sans_names = {STYLE_NAMES[key].lower() for key in SANS_STYLES if key in STYLE_NAMES}
    elements = {s.get(_W + "styleId"): s for s in etree.fromstring(styles_xml).iter(_W + "style")}

    def flag(style, name: str, depth: int = 0) -> bool:
        element = style.find(f"{_W}rPr/{_W}{name}")
        if element is not None:
            return element.get(_W + "val", "1") not in ("0", "false")
        based = style.find(_W + "basedOn")
        parent = elements.get(based.get(_W + "val")) if based is not None else None
        return flag(parent, name, depth + 1) if parent is not None and depth < 8 else False

    looks = {}
    for style_id, style in elements.items():
        name = style.find(_W + "name")
        label = name.get(_W + "val", "").lower() if name is not None else ""
        looks[style_id] = Look(label in sans_names, flag(style, "b"), flag(style, "i"))
    return looks


def text_by_face(parts: list[bytes], looks: dict[str, Look]) -> dict[tuple[bool, bool, bool], str]:
    """The text of ``parts`` (XML) by (heading font, bold, italic).

    Headers and footers are page furniture (the headings' font); a run naming a font of its
    own (the letterhead) is counted for both fonts.
    """
    out: dict[tuple[bool, bool, bool], list[str]] = {}
    for part in parts:
        root = etree.fromstring(part)
        furniture = root.tag in (_W + "hdr", _W + "ftr")
        for paragraph in root.iter(_W + "p"):
            style = paragraph.find(f"{_W}pPr/{_W}pStyle")
            look = looks.get(style.get(_W + "val") if style is not None else "", Look())
            for run in paragraph.iter(_W + "r"):
                text = "".join(t.text or "" for t in run.iter(_W + "t"))
                if not text:
                    continue
                rpr = run.find(_W + "rPr")
                run_style = rpr.find(_W + "rStyle") if rpr is not None else None
                own = looks.get(run_style.get(_W + "val"), Look()) if run_style is not None else Look()
                bold = _run_flag(rpr, "b", look.bold or own.bold)
                italic = _run_flag(rpr, "i", look.italic or own.italic)
                heading = furniture or look.heading or own.heading
                out.setdefault((heading, bold, italic), []).append(text)
                if rpr is not None and rpr.find(_W + "rFonts") is not None:
                    out.setdefault((not heading, bold, italic), []).append(text)
    return {key: "".join(texts) for key, texts in out.items()}


def _run_flag(rpr, name: str, inherited: bool) -> bool:
    element = None if rpr is None else rpr.find(_W + name)
    if element is None:
        return inherited
    return element.get(_W + "val", "1") not in ("0", "false")


# ------------------------------------------------------------ faces


@lru_cache(maxsize=64)
def installed_face(family: str, bold: bool, italic: bool) -> Face | None:
    """The installed face of ``family`` in that weight and slant, or None (fontconfig's
    best match is refused when it is another family, or not really bold or italic)."""
    from ...document.script_size import installed_file

    found = installed_file(family, (":bold" if bold else ":regular") + (":italic" if italic else ""))
    if found is None:
        return None
    file, index = found
    from fontTools.ttLib import TTFont

    font = TTFont(file, fontNumber=int(index), lazy=True)
    selection = font["OS/2"].fsSelection
    is_bold = bool(selection & 0x20) or font["OS/2"].usWeightClass >= 600
    is_italic = bool(selection & 0x01)
    if is_bold != bold or is_italic != italic:
        return None
    if font["OS/2"].fsType & _RESTRICTED:
        warnings.warn(FontWarning(f"the licence of {family} ({file}) forbids embedding it; the DOCX names it without it"))
        return None
    return Face(file, int(index))


@lru_cache(maxsize=16)
def _hb_face(face: Face):
    """The face read by HarfBuzz (kept: a CJK collection is 20 MB)."""
    import uharfbuzz as hb

    return hb.Face(hb.Blob.from_file_path(face.file), face.index)


@lru_cache(maxsize=128)
def subset_face(face: Face, characters: str) -> bytes | None:
    """The face with only the glyphs of ``characters`` (and what shaping them needs: Arabic
    joining forms, ligatures, marks), TrueType outlines, no hinting; None when it draws none."""
    import uharfbuzz as hb

    source = _hb_face(face)
    wanted = {ord(c) for c in characters} & set(source.unicodes)
    if not wanted:
        return None
    subset_input = hb.SubsetInput()
    subset_input.unicode_set.update(wanted)
    subset_input.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
    subset = hb.subset(source, subset_input)
    data = subset.blob.data
    return to_truetype(data, subset) if data[:4] == b"OTTO" else data


def to_truetype(data: bytes, hb_face) -> bytes:
    """A CFF-flavoured OpenType font as TrueType: each glyph drawn by HarfBuzz into quadratic
    outlines (fontTools' cu2qu, within 1 font unit) in a new ``glyf`` table."""
    import uharfbuzz as hb
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the source's date: the same bytes on every run
    order = font.getGlyphOrder()
    drawer = hb.Font(hb_face)
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for gid, name in enumerate(order):
        pen = TTGlyphPen(None)
        drawer.draw_glyph_with_pen(gid, Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and Word needs none
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------ obfuscation (ECMA-376 Part 1, §17.8.1)


def font_key(data: bytes) -> str:
    """A GUID for the font, made from its bytes: ``{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}``."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """The font with its first 32 bytes XORed with the key's 16 bytes in reverse order
    (the same operation undoes it)."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ digits[i % 16] for i, byte in enumerate(data[:32]))
    return head + data[32:]


# ------------------------------------------------------------ package


def _related(part, reltype: str):
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def _new_part(package, name: str, blob: bytes):
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    return Part(PackURI(name), CT_FONT, blob, package)


def _name_in_table(table, family: str, embedded: list[tuple[str, str, str]]) -> None:
    """The family's ``w:font`` (added if the table lacks it) with its ``w:embed…`` elements."""
    font = next((f for f in table.iter(_W + "font") if f.get(_W + "name") == family), None)
    if font is None:
        font = etree.SubElement(table, _W + "font")
        font.set(_W + "name", family)
        etree.SubElement(font, _W + "pitch").set(_W + "val", "variable")
    for old in [c for c in font if isinstance(c.tag, str) and c.tag.startswith(_W + "embed")]:
        font.remove(old)
    for name, rid, key in embedded:
        element = etree.SubElement(font, _W + "embed" + name)
        element.set(f"{{{R}}}id", rid)
        element.set(_W + "fontKey", key)
    ordered = sorted(font, key=lambda c: _FONT_CHILD_ORDER.index(c.tag[len(_W):]) if c.tag[len(_W):] in _FONT_CHILD_ORDER else 99)
    for child in ordered:
        font.append(child)


def _keep_embedded(settings) -> None:
    """``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` in the settings part (python-docx
    reads it as an XML part: its element is changed in place)."""
    if settings is None:
        return
    xml_part = hasattr(settings, "_element")
    root = settings.element if xml_part else etree.fromstring(settings.blob)
    for name in ("embedTrueTypeFonts", "saveSubsetFonts"):
        if root.find(_W + name) is not None:
            continue
        following = ("saveSubsetFonts",) + _SETTINGS_AFTER_EMBED if name == "embedTrueTypeFonts" else _SETTINGS_AFTER_EMBED
        insert_in_order(root, name, following)
    if not xml_part:
        settings._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
