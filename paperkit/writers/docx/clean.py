"""A DOCX template rebuilt from an allow-list: what another organisation's Word file may carry.

A template is copied into every letter made from it, so everything in it is published.
It is therefore not passed through but rebuilt, part by part:

- the zip is read within limits (:data:`MAX_ENTRIES`, :data:`MAX_UNCOMPRESSED`,
  :data:`MAX_RATIO`): a zip bomb is refused before it is inflated;
- only the parts a document needs are kept (:data:`KEPT_RELATIONSHIPS`: styles, settings,
  fonts, numbering, notes, headers, footers, theme, images); comments, people, custom XML,
  glossaries, ``altChunk`` imports, OLE objects, ActiveX controls, ``vbaProject.bin``,
  thumbnails, printer settings and custom properties are dropped;
- a relationship to anything outside the package goes, except a web or mail hyperlink
  (``http:``, ``https:``, ``mailto:``): no remote ``attachedTemplate``, no linked picture,
  no UNC path;
- in the XML: fields that fetch (``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE`` …,
  or any field naming a UNC path) lose their instruction and keep their shown text; tracked
  deletions and moves are removed and insertions accepted; revision marks of formatting,
  comment marks, hidden (``w:vanish``) runs, ``w:altChunk``, ``w:object``, ``w:control``
  and document variables go;
- the document properties are replaced: the other organisation's author, company,
  manager, template name and custom properties never reach a letter (paperkit writes its
  own core properties from the position).

:func:`clean_docx` returns the new bytes and a report of what was removed, which
``paperkit templates check DIR`` prints.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from ...errors import InvalidInput, Problem

MAX_ENTRIES = 1_000
"""Zip entries a DOCX template may hold."""
MAX_UNCOMPRESSED = 64 * 2**20
"""Bytes a DOCX template may inflate to, all parts together."""
MAX_RATIO = 200
"""Largest compression ratio of one entry (XML compresses ~10:1; a bomb ~1000:1)."""

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_R = "{%s}" % R
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
KEPT_RELATIONSHIPS = {
    R + "/officeDocument", R + "/styles", R + "/settings", R + "/fontTable", R + "/footnotes",
    R + "/endnotes", R + "/header", R + "/footer", R + "/numbering", R + "/theme", R + "/image",
    R + "/hyperlink", R + "/font", R + "/core-properties", R + "/extended-properties",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
}
WEB_SCHEMES = ("http", "https", "mailto")
FETCHING_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO",
                   "DATABASE", "RD", "MACROBUTTON", "ASK", "FILLIN", "AUTOTEXTLIST"}
"""Fields that read a file or the network, run a macro or ask the reader something."""
REMOVED_ELEMENTS = {
    "altChunk": "imported content (altChunk)", "object": "embedded objects (OLE)", "control": "ActiveX controls",
    "del": "tracked deletions", "moveFrom": "tracked moves", "rPrChange": "tracked formatting changes",
    "pPrChange": "tracked formatting changes", "sectPrChange": "tracked formatting changes",
    "tblPrChange": "tracked formatting changes", "trPrChange": "tracked formatting changes",
    "tcPrChange": "tracked formatting changes", "tblGridChange": "tracked formatting changes",
    "tblPrExChange": "tracked formatting changes", "numberingChange": "tracked formatting changes",
    "moveFromRangeStart": "tracked moves", "moveFromRangeEnd": "tracked moves",
    "moveToRangeStart": "tracked moves", "moveToRangeEnd": "tracked moves",
    "commentRangeStart": "comment marks", "commentRangeEnd": "comment marks", "commentReference": "comment marks",
    "fldData": "field data", "dataBinding": "bindings to custom XML",
}
UNWRAPPED_ELEMENTS = {"ins": "tracked insertions (accepted)", "moveTo": "tracked moves (accepted)"}
SETTINGS_REMOVED = {"attachedTemplate": "the attached template", "linkStyles": "style updates from the attached template",
                    "mailMerge": "a mail-merge data source", "docVars": "document variables",
                    "rsids": "editing-session ids", "trackRevisions": "change tracking", "attachedSchema": "XML schemas",
                    "saveThroughXslt": "an XSLT transform", "docId": "the document id"}
CORE_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
            b'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            b'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>')
APP_XML = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats'
           b'.org/officeDocument/2006/extended-properties"><Application>paperkit</Application></Properties>')
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True,
                          remove_pis=True, load_dtd=False)


@dataclass(frozen=True)
class Cleaned:
    """A DOCX rebuilt from the allow-list, and what was left out (one line per kind and part)."""

    data: bytes
    removed: tuple[str, ...]


def refusal(name: str, message: str) -> InvalidInput:
    """A DOCX template paperkit will not use: invalid input (exit 2) naming the file."""
    return InvalidInput([Problem(name, None, None, "", f"refused DOCX template: {message}")])


def clean_docx(data: bytes, name: str) -> Cleaned:
    """``data`` rebuilt from the allow-list; InvalidInput when it is no usable DOCX."""
    parts = _read_zip(data, name)
    report: Counter[str] = Counter()
    types = _content_types(parts, name)
    if types.get("/word/document.xml", "").startswith("application/vnd.ms-word.document.macroEnabled"):
        raise refusal(name, "it is macro-enabled (.docm); save it as a plain .docx")
    kept: dict[str, bytes] = {}
    rel_kinds: dict[str, str] = {}  # part → the type of the relationship that led to it
    queue, seen = ["/"], set()
    while queue:  # the parts reachable through kept relationships, from the package down
        source = queue.pop(0)
        if source in seen:
            continue
        seen.add(source)
        dropped: set[str] = set()
        if _rels_name(source) in parts:
            kept[_rels_name(source)], targets, dropped = _clean_rels(parts[_rels_name(source)], source, parts,
                                                                     report, name, rel_kinds)
            queue += targets
        if source != "/":
            kept[source.lstrip("/")] = _clean_part(source, parts[source.lstrip("/")], dropped, types, report, name)
    if "word/document.xml" not in kept:
        raise refusal(name, "no word/document.xml related from the package")
    for member in sorted(set(parts) - set(kept) - {"[Content_Types].xml"}):
        report[f"{member}: removed ({_what_part(member, types, rel_kinds.get(member, ''))})"] += 1
    kept["[Content_Types].xml"] = _new_content_types(kept, types)
    return Cleaned(_zip(kept), tuple(_lines(report)))


# ------------------------------------------------------------------ the zip


def _read_zip(data: bytes, name: str) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as error:
        raise refusal(name, f"not a .docx file ({error})") from None
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise refusal(name, f"{len(infos)} zip entries, more than {MAX_ENTRIES}")
    parts: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        limit = min(MAX_UNCOMPRESSED - total, max(info.compress_size, 1) * MAX_RATIO + 2**16)
        try:
            with archive.open(info) as handle:
                blob = handle.read(limit + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError) as error:
            raise refusal(name, f"{info.filename} cannot be read ({error})") from None
        if len(blob) > limit:
            raise refusal(name, f"{info.filename} inflates beyond the limits (a zip bomb?): at most "
                          f"{MAX_RATIO}:1 per entry and {MAX_UNCOMPRESSED // 2**20} MiB in all")
        total += len(blob)
        parts[posixpath.normpath("/" + info.filename.replace("\\", "/")).lstrip("/")] = blob
    return parts


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in ["[Content_Types].xml", *sorted(m for m in parts if m != "[Content_Types].xml")]:
            archive.writestr(zipfile.ZipInfo(member, (1980, 1, 1, 0, 0, 0)), parts[member], zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _xml(blob: bytes, member: str, name: str) -> etree._Element:
    if b"<!DOCTYPE" in blob[:4096] or b"<!ENTITY" in blob:
        raise refusal(name, f"{member} declares a DTD or entities, which no Word part has")
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as error:
        raise refusal(name, f"{member} is not well-formed XML ({error})") from None


# ------------------------------------------------------------------ content types and relationships


def _content_types(parts: dict[str, bytes], name: str) -> dict[str, str]:
    """Part name (``/word/document.xml``) → content type, for every part of the zip."""
    blob = parts.get("[Content_Types].xml")
    if blob is None:
        raise refusal(name, "no [Content_Types].xml (not a Word file)")
    root = _xml(blob, "[Content_Types].xml", name)
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{{{CT}}}Default")}
    overrides = {o.get("PartName", ""): o.get("ContentType", "") for o in root.iter(f"{{{CT}}}Override")}
    return {"/" + m: overrides.get("/" + m, defaults.get(posixpath.splitext(m)[1][1:].lower(), ""))
            for m in parts}


def _new_content_types(kept: dict[str, bytes], types: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{CT}}}Types", nsmap={None: CT})
    for ext, ct in (("rels", "application/vnd.openxmlformats-package.relationships+xml"), ("xml", "application/xml")):
        etree.SubElement(root, f"{{{CT}}}Default", Extension=ext, ContentType=ct)
    for member in sorted(kept):
        if member != "[Content_Types].xml" and not member.endswith(".rels"):
            etree.SubElement(root, f"{{{CT}}}Override", PartName="/" + member,
                             ContentType=types.get("/" + member) or "application/octet-stream")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels").lstrip("/")


def _clean_rels(blob: bytes, source: str, parts: dict[str, bytes], report: Counter[str],
                name: str, rel_kinds: dict[str, str]) -> tuple[bytes, list[str], set[str]]:
    """The relationships of ``source`` that stay; the parts they lead to; the ids dropped."""
    member = _rels_name(source)
    root = _xml(blob, member, name)
    targets, dropped = [], set()
    folder = posixpath.dirname(source) if source != "/" else "/"
    for rel in list(root):
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        short = kind.rsplit("/", 1)[-1]
        if rel.get("TargetMode") == "External":
            if kind == R + "/hyperlink" and urlsplit(target).scheme.lower() in WEB_SCHEMES:
                continue
            report[f"{source.lstrip('/') or 'package'}: external {short} link to {target[:80]!s} removed"] += 1
        else:
            resolved = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target
            rel_kinds.setdefault(resolved.lstrip("/"), short)
            if kind in KEPT_RELATIONSHIPS and not source.endswith("settings.xml") and resolved.lstrip("/") in parts:
                targets.append(resolved)
                continue
        dropped.add(rel.get("Id", ""))
        root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), targets, dropped


def _what_part(member: str, types: dict[str, str], relationship: str) -> str:
    kind = types.get("/" + member, "") + " " + relationship
    for word, label in (("vbaProject", "macros"), ("aFChunk", "imported content (altChunk)"), ("comments", "comments"), ("people", "comment authors"),
                        ("custom-properties", "custom properties"), ("customXml", "custom XML"),
                        ("oleObject", "an embedded object"), ("package", "an embedded file"),
                        ("glossary", "building blocks"), ("activeX", "ActiveX controls"),
                        ("thumbnail", "a thumbnail of the other document"), ("printerSettings", "printer settings")):
        if word.lower() in (member + kind).lower():
            return label
    return "not on the allow-list"


def _lines(report: Counter[str]) -> list[str]:
    return [line if count == 1 else f"{line} ×{count}" for line, count in sorted(report.items())]


# ------------------------------------------------------------------ the XML of a part


def _clean_part(part: str, blob: bytes, dropped: set[str], types: dict[str, str], report: Counter[str],
                name: str) -> bytes:
    member = part.lstrip("/")
    kind = types.get(part, "")
    if not kind.endswith("xml") and not member.endswith(".xml"):
        from ..resources import without_metadata

        return without_metadata(blob) if kind.startswith("image/") else blob
    for suffix, replacement in (("core-properties+xml", CORE_XML), ("extended-properties+xml", APP_XML)):
        if kind.endswith(suffix):
            found = " · ".join(t.strip() for t in _xml(blob, member, name).itertext() if t.strip())
            if found not in ("", "paperkit"):
                report[f"{member}: its properties replaced ({found[:100]})"] += 1
            return replacement
    root = _xml(blob, member, name)
    if member.endswith("settings.xml"):
        for element in list(root):
            local = etree.QName(element).localname
            if local in SETTINGS_REMOVED:
                root.remove(element)
                report[f"{member}: {SETTINGS_REMOVED[local]} removed"] += 1
    for element in list(root.iter(*(_W + tag for tag in REMOVED_ELEMENTS))):
        if element.getparent() is not None:
            element.getparent().remove(element)
            report[f"{member}: {REMOVED_ELEMENTS[etree.QName(element).localname]} removed"] += 1
    _drop_references(root, dropped, member, report)
    for element in list(root.iter(*(_W + tag for tag in UNWRAPPED_ELEMENTS))):
        if etree.QName(element.getparent()).localname not in ("rPr", "trPr", "pPr"):
            _unwrap(element)
        else:
            element.getparent().remove(element)
        report[f"{member}: {UNWRAPPED_ELEMENTS[etree.QName(element).localname]}"] += 1
    _drop_hidden(root, member, report)
    _drop_fetching_fields(root, member, report)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def _drop_references(root: etree._Element, dropped: set[str], member: str, report: Counter[str]) -> None:
    """Elements naming a relationship that was dropped: hyperlinks unwrapped, pictures removed."""
    if not dropped:
        return
    for element in list(root.iter()):
        refs = [(k, v) for k, v in element.attrib.items() if k.startswith(_R) and v in dropped]
        if not refs or element.getparent() is None and element is not root:
            continue
        local = etree.QName(element).localname
        if local == "hyperlink":
            _unwrap(element)
        elif local == "blip" and all(k == _R + "link" for k, _ in refs):
            del element.attrib[_R + "link"]
        else:
            target = element
            for ancestor in element.iterancestors():
                if etree.QName(ancestor).localname in ("drawing", "pict", "object"):
                    target = ancestor
                    break
            if target.getparent() is not None:
                target.getparent().remove(target)
        report[f"{member}: references to removed parts removed"] += 1


def _drop_hidden(root: etree._Element, member: str, report: Counter[str]) -> None:
    """Runs formatted hidden (``w:vanish``) go; a hidden paragraph mark becomes visible."""
    for vanish in list(root.iter(_W + "vanish")):
        if vanish.get(_W + "val", "true").lower() in ("0", "false", "off"):
            continue
        rpr = vanish.getparent()
        owner = rpr.getparent() if rpr is not None else None
        if owner is not None and etree.QName(owner).localname == "r" and owner.getparent() is not None:
            owner.getparent().remove(owner)
            report[f"{member}: hidden text removed"] += 1
        elif rpr is not None:
            rpr.remove(vanish)


_INSTRUCTION = re.compile(r"^\s*(\w+)")
_UNC = re.compile(r"\\\\|file:", re.IGNORECASE)


def _fetches(instruction: str) -> bool:
    word = _INSTRUCTION.match(instruction)
    return bool(word and word.group(1).upper() in FETCHING_FIELDS) or bool(_UNC.search(instruction))


def _drop_fetching_fields(root: etree._Element, member: str, report: Counter[str]) -> None:
    """Fields that fetch lose their instruction; what they last showed stays as text."""
    for simple in list(root.iter(_W + "fldSimple")):
        if _fetches(simple.get(_W + "instr", "")):
            report[f"{member}: field {simple.get(_W + 'instr', '').split()[0]} removed (its shown text kept)"] += 1
            _unwrap(simple)
    stack: list[dict] = []
    for run in list(root.iter(_W + "r")):
        char = run.find(_W + "fldChar")
        kind = char.get(_W + "fldCharType") if char is not None else None
        if kind == "begin":
            stack.append({"runs": [run], "instr": "", "result": False})
        elif not stack:
            continue
        elif kind == "separate":
            stack[-1]["runs"].append(run)
            stack[-1]["result"] = True
        elif kind == "end":
            field = stack.pop()
            field["runs"].append(run)
            if _fetches(field["instr"]):
                for piece in field["runs"]:
                    if piece.getparent() is not None:
                        piece.getparent().remove(piece)
                report[f"{member}: field {field['instr'].split()[0] if field['instr'].split() else ''} removed "
                       "(its shown text kept)"] += 1
            elif stack and not stack[-1]["result"]:
                stack[-1]["runs"] += field["runs"]
        elif not stack[-1]["result"]:
            stack[-1]["runs"].append(run)
            stack[-1]["instr"] += "".join(t.text or "" for t in run.iter(_W + "instrText"))
