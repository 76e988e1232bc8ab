"""A letter's blocks in WordprocessingML: letterhead, window address, date line, signers.

On A4, as DIN 5008 and ISO 269 place them (the letter template's page: margins 15 mm top,
25 mm left, 20 mm right): the letterhead is a one-row table of fixed height; one
recipient's address sits in the first cell of a fixed-height row 45 mm from the top edge,
20 mm from the left edge, 90 × 45 mm — the window of a DL or C5 envelope — with the
reference and the date line in the second cell at 125 mm; the subject follows at 100 mm.
Several recipients are listed in a borderless table of two columns where they fit.
The closing keeps with the signers, and the signers' rows do not split across pages.

Styles (by name, as in ``blocks.STYLE_NAMES``): Letterhead, Letterhead Details, Return
Address, Recipient, Date Line, Subject, Salutation, Closing, Signer, Signer Details,
Letter List.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from lxml import etree

from ...document import nodes as n
from ...document.window import LINE_HEIGHT
from .runs import escape, run_props, text_run

MM = 56.7
"""Twips in a millimetre."""
BR = "<w:r><w:br/></w:r>"
HAIRLINE = ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')

LETTERHEAD_HEIGHT = round(24 * MM)      # from the 15 mm top margin to 39 mm
WINDOW_TOP_GAP = round(6 * MM)          # … to 45 mm
WINDOW_HEIGHT = round(45 * MM)          # 45 to 90 mm
WINDOW_WIDTH = round(90 * MM)
WINDOW_INDENT = -round(5 * MM)          # the window starts 20 mm from the edge, the margin at 25 mm
INFO_INDENT = round(15 * MM)            # date line at 125 mm: 110 mm (end of the window) + 15 mm
SUBJECT_GAP = round(10 * MM)            # subject at 100 mm
SIGNATURE_HEIGHT_EMU = 14 * 36000       # a signature image 14 mm high
EMU_PER_MM = 36000
SENDER_SHARE = 57                       # % of the text width: the letterhead's left column (style.css .sender)


def _p(style: str, runs: str, extra: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{runs}</w:p>'


def _table(width: int, grid: list[int], rows: str, indent: int = 0, margins: tuple[int, int] = (0, 0)) -> str:
    """A borderless, fixed-layout table."""
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return ('<w:tbl><w:tblPr>'
            f'<w:tblW w:w="{width}" w:type="dxa"/>'
            + (f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent else "")
            + '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{margins[0]}" w:type="dxa"/><w:right w:w="{margins[1]}" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>')


def _row(cells: list[tuple[int, str, str]], height: int | None = None, exact: bool = True,
         cant_split: bool = False) -> str:
    """A table row of (width, cell properties, content) cells."""
    props = ("<w:cantSplit/>" if cant_split else "") + \
        (f'<w:trHeight w:val="{height}" w:hRule="{"exact" if exact else "atLeast"}"/>' if height else "")
    tcs = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{extra}</w:tcPr>{content or "<w:p/>"}</w:tc>'
                  for w, extra, content in cells)
    return f'<w:tr>{"<w:trPr>" + props + "</w:trPr>" if props else ""}{tcs}</w:tr>'


class LetterBlocks:
    """The letter's blocks, mixed into ``BodyWriter`` (which supplies styles, inlines, text width)."""

    s: dict[str, str]
    text_width: int
    labels: n.Labels
    letter_picture: Callable[[str], str] | None = None
    """``letter_picture(path)`` → a run with a signer's signature image (set by the writer)."""
    logo_picture: Callable[[str, str, int, int, int, int], str] | None
    """``logo_picture(path, alt, width_px, height_px, height, max_width)`` → a run holding a logo (BodyWriter's)."""
    _window: n.RecipientBlock | None = None
    _return_address: str = ""
    _after_window = False

    def _letterhead(self, block: n.Letterhead) -> str:
        self._return_address = block.return_address
        name = _p(self.s["Letterhead"], text_run(block.name))
        if block.co_senders:  # 8 pt lines of 10 pt, 1 mm under the name (style.css .co-senders)
            name += _p(self.s["Letterhead"], text_run(" · ".join(block.co_senders), '<w:rPr><w:sz w:val="16"/></w:rPr>'),
                       '<w:spacing w:before="57" w:line="200" w:lineRule="exact"/>')
        details = [text_run(line) for line in block.address]
        if block.phone:
            details.append(text_run(block.phone))
        if block.email:
            details.append(self.inline.plain_link(f"mailto:{block.email}", block.email))
        if block.url:
            details.append(self.inline.plain_link(block.url, block.url.split("://", 1)[-1]))
        right = _p(self.s["LetterheadDetails"], BR.join(details)) if details else "<w:p/>"
        left_w = self.text_width * SENDER_SHARE // 100
        border = ('<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="B9C2CC"/></w:tcBorders>'
                  '<w:vAlign w:val="top"/>')
        row = _row([(left_w, border, self.sender(block, name, left_w)), (self.text_width - left_w, border, right)],
                   LETTERHEAD_HEIGHT)
        # A hairline paragraph first: LibreOffice drops a body that starts with a table ~9 mm lower.
        return HAIRLINE + _table(self.text_width, [left_w, self.text_width - left_w], row)

    def sender(self, block: n.Letterhead, name: str, width: int) -> str:
        """The letterhead's left cell: one logo beside the name, a row of several logos over it
        (each at the tree's common height, never wider than its share, its organisation as alt text)."""
        logos = [logo for logo in block.logos if not logo.image.lower().endswith(".svg")]  # Word draws no SVG alone
        if not logos or self.logo_picture is None:
            return name
        height, most = round(block.logo_height * EMU_PER_MM), round(block.logo_width * EMU_PER_MM)
        runs = [self.logo_picture(logo.image, logo.name, logo.width, logo.height, height, most)
                .replace("<wp:inline ", '<wp:inline distT="0" distB="0" distL="0" distR="0" ', 1)  # LibreOffice adds 3.2 mm
                for logo in logos]
        if len(block.logos) > 1:
            gap = ('<w:r><w:rPr><w:spacing w:val="170"/><w:sz w:val="2"/></w:rPr>'  # 8.5 pt after a 1 pt space: 3 mm
                   '<w:t xml:space="preserve"> </w:t></w:r>')
            row = _p(self.s["Letterhead"], gap.join(runs), '<w:spacing w:after="113" w:line="240" w:lineRule="auto"/>')
            return row + name
        logo_w = min(most, round(height * logos[0].width / logos[0].height)) // 635 + round(4 * MM)  # EMU → twips
        cells = [(logo_w, "", _p(self.s["Letterhead"], runs[0], '<w:spacing w:line="240" w:lineRule="auto"/>')),
                 (width - logo_w, "", name)]
        return _table(width, [logo_w, width - logo_w], _row(cells)) + HAIRLINE

    def _recipientblock(self, block: n.RecipientBlock) -> str:
        if block.window:
            self._window = block  # written with the date line beside it (see _dateline)
            return ""
        addresses = [self.address(r) for r in block.recipients]
        spacing = '<w:spacing w:before="240"/>'
        if block.columns > 1:
            return _p(self.s["Recipient"], "", spacing) + self.columns(addresses, block.columns)
        return "".join(addresses)

    def address(self, recipient: n.RecipientAddress, size: float | None = None) -> str:
        """One address, every line plain as in the PDF (no bold name line: see ``window``); in the
        window at the tree's size, lines exactly as high as in the PDF."""
        plain, spacing = "", ""
        if size is not None:
            half_points = round(size * 2)
            plain = f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
            spacing = f'<w:spacing w:line="{round(size * LINE_HEIGHT * 20)}" w:lineRule="exact"/>'
        return _p(self.s["Recipient"], BR.join(text_run(line, plain) for line in recipient.lines),
                  '<w:keepLines/>' + spacing)

    def _dateline(self, block: n.DateLine) -> str:
        window, self._window = self._window, None
        align = "" if window else '<w:jc w:val="right"/>'
        info = []
        if block.reference:
            info.append(_p(self.s["DateLine"], text_run(f"{block.reference_label}{self.labels.colon} {block.reference}"), align))
        info.append(_p(self.s["DateLine"], text_run(block.text), align))
        if window is None:
            return "".join(info)
        self._after_window = True
        return self.window(window, "".join(info))

    def window(self, block: n.RecipientBlock, info: str) -> str:
        """The spacer to 45 mm, then one row: the window address, the reference and date."""
        content = []
        if self._return_address:
            content.append(_p(self.s["ReturnAddress"], text_run(self._return_address)))
        content += [self.address(r, block.font_size) for r in block.recipients]
        left = WINDOW_WIDTH
        right = self.text_width - WINDOW_WIDTH - WINDOW_INDENT
        margins = f'<w:tcMar><w:left w:w="{-WINDOW_INDENT}" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tcMar>'
        info_margins = f'<w:tcMar><w:left w:w="{INFO_INDENT}" w:type="dxa"/></w:tcMar><w:vAlign w:val="top"/>'
        spacer = HAIRLINE.replace('w:line="20"', f'w:line="{WINDOW_TOP_GAP - 20}"')
        info_top = f'<w:p><w:pPr><w:spacing w:before="{round(2 * MM)}" w:after="0"/></w:pPr></w:p>'
        row = _row([(left, margins, "".join(content)), (right, info_margins, info_top + info)], WINDOW_HEIGHT)
        return spacer + _table(left + right, [left, right], row, indent=WINDOW_INDENT)

    def _subjectline(self, block: n.SubjectLine) -> str:
        extra = f'<w:spacing w:before="{SUBJECT_GAP}"/>' if self._after_window else ""
        self._after_window = False
        return _p(self.s["Subject"], self.inline.runs(block.content), extra)

    def _salutation(self, block: n.Salutation) -> str:
        return _p(self.s["Salutation"], text_run(block.text))

    def _closing(self, block: n.Closing) -> str:
        return _p(self.s["Closing"], text_run(block.text), "<w:keepNext/><w:keepLines/>")

    def _signers(self, block: n.Signers) -> str:
        cells = [self.signer(s) for s in block.signers]
        if block.columns < 2 or len(cells) < 2:
            return "".join(cells)
        width = self.text_width // 2
        rows = []
        for i in range(0, len(cells), 2):
            pair = cells[i:i + 2] + ["<w:p/>"] * (2 - len(cells[i:i + 2]))
            rows.append(_row([(width, "", pair[0]), (width, "", pair[1])], cant_split=True))
        return _table(width * 2, [width, width], "".join(rows)) + "<w:p/>"

    def signer(self, signer: n.Signer) -> str:
        """The signature (or room for one), then name, title, organisation, e-mail — kept together."""
        keep = "<w:keepNext/><w:keepLines/>"
        out, room = [], '<w:spacing w:before="794"/>'  # 14 mm of room for a signature by hand
        if signer.signature and self.letter_picture:
            out.append(_p(self.s["Signer"], self.letter_picture(signer.signature), keep))
            room = ""
        details = [text_run(x) for x in (signer.title, signer.organisation) if x]
        if signer.email:
            details.append(self.inline.plain_link(f"mailto:{signer.email}", signer.email))
        name_keep = keep if details else "<w:keepLines/>"
        out.append(_p(self.s["Signer"], text_run(signer.name, run_props(bold=True)), name_keep + room))
        if details:
            out.append(_p(self.s["SignerDetails"], BR.join(details), "<w:keepLines/>"))
        return "".join(out)

    def _copylist(self, block: n.CopyList) -> str:
        return self.letter_list(block.label, [text_run(e) for e in block.entries])

    def _enclosures(self, block: n.Enclosures) -> str:
        return self.letter_list(block.label, [self.inline.runs(e) for e in block.entries])

    def letter_list(self, label: str, entries: list[str]) -> str:
        runs = text_run(f"{label}{self.labels.colon}", run_props(bold=True)) + BR + BR.join(entries)
        return _p(self.s["LetterList"], runs, "<w:keepLines/>")


def picture_run(document_part, path: str, roots: tuple[Path, ...]) -> str:
    """A run holding the image at ``path`` (relative to the first root), 14 mm high.

    The file must lie under one of ``roots`` (the position's folder, the template folders):
    anything else is refused, as the PDF writer refuses it.
    """
    from ...errors import RenderError

    from ...resources import read_image

    if not roots:
        raise RenderError(f"refused resource {path}: no folder to read images from (a position built in code)")
    data = read_image(Path(roots[0]) / path, roots)  # the rule every writer applies; metadata removed
    inline = document_part.new_pic_inline(io.BytesIO(data), height=SIGNATURE_HEIGHT_EMU)
    xml = etree.tostring(inline, encoding="unicode")
    return f"<w:r><w:drawing>{xml}</w:drawing></w:r>"


__all__ = ["LetterBlocks", "picture_run", "escape"]
