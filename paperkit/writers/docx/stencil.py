"""Many letters that differ only in their recipient: the DOCX made once, rewritten per recipient.

A mail merge sends the same letter to each recipient: the letterhead, the body, the notes,
the styles, numbering, footnotes and properties are the same; only the address block (with
the date line beside it in the window row) and the salutation differ.  ``DocxStencil``
renders the first letter through the ordinary writer with marker paragraphs around those
two parts, keeps every other part of the package as bytes, and for each recipient writes
just the XML of the two parts into ``word/document.xml``: no template parsing, no docxtpl,
no Jinja, no python-docx.

A document that differs from the stencil's anywhere else (a ``{recipient.…}`` placeholder
in the body, another language) is not the stencil's: ``write`` returns None and the caller
uses the ordinary writer.  So is a letter whose recipient's name needs letters that the fonts
embedded in the stencil lack, or has none of some letters only the stencil's recipient had
(the embedded fonts are subset to each letter's characters; printable ASCII and Latin-1 are
always in them, so most merges never leave the stencil).
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
import zipfile
from typing import Any

from ...document import nodes as n
from .. import WriterOptions
from ..templating import find_template
from .blocks import TAIL, BodyWriter, keep_with_next
from .numbering import Numbering
from .runs import InlineWriter
from .template import load_template

_MARK = "\ue000paperkit-{}\ue001"
_TEXT_PART = re.compile(r"^word/(header\d*|footer\d*|footnotes)\.xml$")


def _shape(document: n.Document) -> n.Document:
    """The document with its recipient taken out: what every letter of the merge shares
    (the size the address is set at to fit the window is the recipient's too)."""
    blocks = []
    for block in document.blocks:
        if isinstance(block, n.RecipientBlock):
            block = dataclasses.replace(block, recipients=(), font_size=0.0)
        elif isinstance(block, n.Salutation):
            block = n.Salutation("")
        blocks.append(block)
    return dataclasses.replace(document, blocks=tuple(blocks))


def _marked(document: n.Document) -> n.Document:
    """The document with marker paragraphs around the address (and date line) and the salutation."""
    mark = lambda name: n.Paragraph((n.Text(_MARK.format(name)),))  # noqa: E731
    blocks: list[n.Block] = []
    for block in document.blocks:
        if isinstance(block, n.RecipientBlock):
            blocks.append(mark("address"))
        if isinstance(block, n.Salutation):
            blocks.append(mark("salutation"))
        blocks.append(block)
        if isinstance(block, n.DateLine):
            blocks.append(mark("address-end"))
        if isinstance(block, n.Salutation):
            blocks.append(mark("salutation-end"))
    return dataclasses.replace(document, blocks=tuple(blocks))


class DocxStencil:
    """The DOCX of one letter in one language, for any of its recipients."""

    def __init__(self, document: n.Document, options: WriterOptions):
        from . import write

        if not any(isinstance(b, n.RecipientBlock) for b in document.blocks):
            raise ValueError("a stencil needs a letter with a recipient")
        self.shape = _shape(document)
        data = write(_marked(document), options)
        self.parts: list[tuple[str, tuple[Any, ...], int, bytes]] = []
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for item in package.infolist():
                self.parts.append((item.filename, item.date_time, item.external_attr, package.read(item.filename)))
        xml = next(blob for name, _, _, blob in self.parts if name == "word/document.xml").decode("utf-8")
        self.pieces = _split(xml)
        info = load_template(find_template(document.meta.kind, "document.docx", options.templates))
        self.info = info
        self.text_width = info.text_width(options.paper or document.meta.paper or "A4")
        self.letterhead = next((b for b in document.blocks if isinstance(b, n.Letterhead)), None)
        self.fonts = document.fonts
        self.embedded = options.embed_fonts
        self.entries: list[tuple[zipfile.ZipInfo, bytes] | None] | None = None
        before, between, after = self.pieces
        start = before.index("<w:document")
        self.root = before[start:before.index(">", start) + 1] + "<w:body>"
        if self.embedded:
            self.shared_faces = self.needed_faces(before + between + after, with_parts=True)
            self.faces = _union(self.shared_faces, self.needed_faces(self.root + "".join(self.variable_parts(document))
                                                                     + "</w:body></w:document>"))

        self.usable = True
        self.usable = self.write(document) == write(document, options)
        """The stencil remakes its own letter as the writer makes it (else it is never used)."""

    def document_xml(self, document: n.Document) -> str:
        """``word/document.xml`` of the letter to this document's recipient."""
        return self._joined(self.variable_parts(document))

    def _joined(self, variable: tuple[str, str]) -> str:
        before, between, after = self.pieces
        return before + variable[0] + between + variable[1] + after

    def needed_faces(self, document_xml: str, with_parts: bool = False):
        """The faces and characters the fonts embedded for this ``document.xml`` (and, ``with_parts``,
        the headers, footers and notes) must hold."""
        from .embed import needed_faces

        parts = [document_xml.encode("utf-8")]
        if with_parts:
            parts += [blob for name, _, _, blob in self.parts if _TEXT_PART.match(name)]
        styles = next(blob for name, _, _, blob in self.parts if name == "word/styles.xml")
        return needed_faces(parts, styles, self.fonts)

    def write(self, document: n.Document) -> bytes | None:
        """The letter for this document's recipient, or None when it is not the stencil's letter
        (nor when the recipient's name needs letters the embedded fonts of the stencil lack)."""
        if not self.usable or _shape(document) != self.shape:
            return None
        variable = self.variable_parts(document)
        if self.embedded:  # the faces of what every letter shares, and of this recipient's parts
            own = self.needed_faces(self.root + "".join(variable) + "</w:body></w:document>")
            if _union(self.shared_faces, own) != self.faces:
                return None
        return self._package(self._joined(variable).encode("utf-8"))

    def _package(self, xml: bytes) -> bytes:
        """The DOCX with this ``document.xml``: every other part's entry (header and deflated
        data) copied as zipfile wrote it the first time, so only document.xml is compressed."""
        if self.entries is None:
            self.entries = _entries(self.parts)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for (name, date_time, attributes, _), entry in zip(self.parts, self.entries):
                if entry is None:
                    package.writestr(_info(name, date_time, attributes), xml)
                    continue
                info, raw = entry
                item = copy.copy(info)
                item.header_offset = buffer.tell()
                buffer.write(raw)
                package.filelist.append(item)
                package.NameToInfo[item.filename] = item
                package.start_dir = buffer.tell()
        return buffer.getvalue()

    def variable_parts(self, document: n.Document) -> tuple[str, str]:
        """The XML of the address block with the date line, and of the salutation."""
        info = self.info
        inline = InlineWriter(info.styles, _no_links, None, document.meta.direction == "rtl")
        body = BodyWriter(info.styles, info.indents, inline, Numbering(info.first_abstract, info.first_num),
                          document.labels, self.text_width)
        if self.letterhead is not None:
            body._return_address = self.letterhead.return_address
        blocks = document.blocks

        def xml(index: int) -> str:  # as BodyWriter.blocks writes it: keeping with the closing where it must
            out = body.block(blocks[index])
            if index + 1 < len(blocks) and (isinstance(blocks[index + 1], TAIL) or (
                    index + 2 < len(blocks) and isinstance(blocks[index + 2], n.Closing))):
                out = keep_with_next(out)
            return out

        address = "".join(xml(i) for i, b in enumerate(blocks) if isinstance(b, (n.RecipientBlock, n.DateLine)))
        salutation = "".join(xml(i) for i, b in enumerate(blocks) if isinstance(b, n.Salutation))
        rtl = document.meta.direction == "rtl"
        if rtl or self.fonts.arabic_size != 1:
            address, salutation = self._as_the_writer(address, rtl), self._as_the_writer(salutation, rtl)
        return address, salutation

    def _as_the_writer(self, fragment: str, rtl: bool) -> str:
        """What the writer does to the whole body afterwards, done to a fragment: right-to-left
        marks and fonts for what the script's font lacks (bidi.mark_document), then the Arabic
        runs' complex-script size (fonts.scale_arabic_runs)."""
        from lxml import etree

        from .bidi import right_to_left
        from .fonts import sans_style_ids, scale_arabic_runs

        root = etree.fromstring(self.root + fragment + "</w:body></w:document>")
        if rtl:
            root = right_to_left(root, self.fonts, sans_style_ids(self.info.styles))
        if self.fonts.arabic_size != 1:
            scale_arabic_runs(root, self.fonts.arabic_size)
        text = etree.tostring(root, encoding="unicode")
        return text[text.index("<w:body>") + len("<w:body>"):text.rindex("</w:body>")]


def _info(name: str, date_time: tuple[Any, ...], attributes: int) -> zipfile.ZipInfo:
    item = zipfile.ZipInfo(name, date_time)  # a new one each time: writing one changes it
    item.compress_type, item.external_attr = zipfile.ZIP_DEFLATED, attributes
    return item


def _entries(parts: list[tuple[str, tuple[Any, ...], int, bytes]]) -> list[tuple[zipfile.ZipInfo, bytes] | None]:
    """Each part but document.xml as zipfile writes it (its ZipInfo, its local header and
    deflated data): the same bytes in every letter, so compressed once."""
    buffer = io.BytesIO()
    out: list[tuple[zipfile.ZipInfo, bytes] | None] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, date_time, attributes, blob in parts:
            if name == "word/document.xml":
                out.append(None)
                continue
            start = buffer.tell()
            package.writestr(_info(name, date_time, attributes), blob)
            out.append((package.filelist[-1], buffer.getvalue()[start:buffer.tell()]))
    return out


def _union(a: dict, b: dict) -> dict:
    """Two ``needed_faces`` results as one (the faces of both, each with the characters of both)."""
    out = {family: dict(faces) for family, faces in a.items()}
    for family, faces in b.items():
        for look, chars in faces.items():
            mine = out.setdefault(family, {})
            mine[look] = mine.get(look, frozenset()) | chars
    return out


def _split(xml: str) -> tuple[str, str, str]:
    """document.xml without the parts between the markers: (before, between, after)."""
    def paragraph_at(name: str, start: bool) -> int:
        at = xml.index(_MARK.format(name))
        return xml.rindex("<w:p>", 0, at) if start else xml.index("</w:p>", at) + len("</w:p>")

    return (xml[:paragraph_at("address", True)],
            xml[paragraph_at("address-end", False):paragraph_at("salutation", True)],
            xml[paragraph_at("salutation-end", False):])


def _no_links(url: str) -> str:
    raise ValueError("an address block has no links")


__all__ = ["DocxStencil"]
