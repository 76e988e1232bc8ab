"""Logos and the cover page in Word: pictures at a common height, grids, the cover before page 1.

A logo is scaled to a common height and, when that would make it wider than its cell, to the
cell's width instead (its height shrinks with it): never distorted.  Its alt text (the
picture's description) is the organisation's name.  The issuers' logos and the cover go before
the title matter of the template: they are inserted at the start of the rendered body.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.shape import CT_Inline
from docx.shared import Emu, Mm, Twips
from lxml import etree

from ...document import nodes as n
from ...resources import read_image
from .runs import text_run
from .theme import NS, _next_shape_id

LOGO_HEIGHT = Mm(12)
SIGNATORY_LOGO_HEIGHT = Mm(10)
COVER_LOGO_HEIGHT = Mm(16)
GRID_COLUMNS = 4

PictureRun = Callable[[str, str, int, int, int, int], str]
"""``picture(path, alt, width_px, height_px, height_emu, max_width_emu)`` → a run holding the image."""


def scaled(width_px: int, height_px: int, height: int, max_width: int) -> tuple[int, int]:
    """(cx, cy) in EMU: ``height`` tall, or ``max_width`` wide when that is narrower; proportions kept."""
    cx = int(height * width_px / height_px) if height_px else max_width
    if cx <= max_width:
        return cx, height
    return max_width, int(max_width * height_px / width_px)


def picture_run(part, path: str, alt: str, width_px: int, height_px: int, height: int, max_width: int,
                roots: tuple[Path, ...]) -> str:
    """A run holding the image at ``path`` (read again under the resource rule), scaled by ``scaled``."""
    image_part = part.package.get_or_add_image_part(io.BytesIO(read_image(path, roots)))  # checked, no metadata
    rid = part.relate_to(image_part, RT.IMAGE)
    cx, cy = scaled(width_px, height_px, height, max_width)
    inline = CT_Inline.new_pic_inline(_next_shape_id(part), rid, image_part.filename, Emu(cx), Emu(cy))
    inline.docPr.set("descr", alt)
    return f"<w:r {NS}><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"


def logo_grid(logos: tuple[n.Logo, ...], picture: PictureRun, text_width: int, height: int,
              names: bool, style: str, columns: int = GRID_COLUMNS) -> str:
    """A borderless table of logos, ``columns`` to a row, each centred in its cell (its name under it)."""
    columns = max(1, min(columns, len(logos)))
    width = text_width // columns
    max_width = Twips(width - 227)  # 4 mm of room between neighbours
    rows = []
    for start in range(0, len(logos), columns):
        cells = []
        for logo in logos[start:start + columns]:
            run = picture(logo.image, logo.name, logo.width, logo.height, height, max_width)
            body = (f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/><w:spacing w:before="0" w:after="40"/>'
                    f'<w:jc w:val="left"/></w:pPr>{run}</w:p>')
            if names:
                body += (f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:spacing w:before="0" w:after="0"/></w:pPr>'
                         + text_run(logo.name, '<w:rPr><w:sz w:val="15"/><w:szCs w:val="15"/>'
                                               '<w:color w:val="5A5F66"/></w:rPr>') + "</w:p>")
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>'
                         f"{body}</w:tc>")
        cells += [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p/></w:tc>'] * (
            columns - len(cells))
        rows.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
    grid = f'<w:gridCol w:w="{width}"/>' * columns
    return ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="113" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def cover_xml(cover: n.Cover, body, picture: PictureRun, text_width: int) -> str:
    """The cover page's paragraphs, ending with a page break (``body``: the BodyWriter, for styles and runs)."""
    s = body.s
    out = []
    if cover.logos:
        out.append(logo_grid(cover.logos, picture, text_width, COVER_LOGO_HEIGHT, True, s["BodyText"]))
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{s["BodyText"]}"/><w:spacing w:before="2400" w:after="0"/>'
               '<w:pBdr><w:top w:val="single" w:sz="24" w:space="12" w:color="auto"/></w:pBdr></w:pPr></w:p>')
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{s["Title"]}"/></w:pPr>{body.inline.runs(cover.title)}</w:p>')
    if cover.subtitle:
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{s["Subtitle"]}"/></w:pPr>{body.inline.runs(cover.subtitle)}</w:p>')
    if cover.tagline:
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{s["BodyText"]}"/></w:pPr>{body.inline.runs(cover.tagline)}</w:p>')
    if cover.image:
        out.append(body._figure(cover.image))
    out.append(f'<w:p><w:pPr><w:pStyle w:val="{s["BodyText"]}"/><w:spacing w:before="1200" w:after="0"/></w:pPr>'
               + text_run(" · ".join(cover.issuers), "<w:rPr><w:b/><w:bCs/></w:rPr>") + "</w:p>")
    if cover.date:
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{s["BodyText"]}"/></w:pPr>{text_run(cover.date)}</w:p>')
    out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    return "".join(out)


def insert_at_start(docx_document, xml: str) -> None:
    """Put WordprocessingML blocks at the start of the document body (before the title matter)."""
    if not xml:
        return
    holder = parse_xml(f"<w:body {NS}>{xml}</w:body>")
    body = docx_document.element.body
    for index, child in enumerate(list(holder)):
        body.insert(index, child)
