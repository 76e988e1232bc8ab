"""Blocks of the document tree → WordprocessingML paragraphs in the template's styles.

Each block kind maps to a named style (looked up by style *name* in the template, so a
template saved by a localised Word, whose style ids differ, still works):

    Heading          heading 1–3 (with a bookmark named after the anchor)
    Paragraph        Body Text; "Lead" for the lead; "Numbered Paragraph" when numbered
    ListBlock        List Lead-in, then List Number / List Bullet (2, 3 when nested)
    Quote            Quote, and Quote Source for its source line
    UpdateNote       Update Note
    SignOff          Sign-off
    Contact          Contact Heading, Contact
    Signatories      heading 1, Signatory Group, Signatory Note, Signatory, Signatory Columns (names in
                     columns, smaller: made from Signatory when the template has none), Body Text
    Letter blocks    Letterhead, Recipient, Date Line, Subject, Salutation, Closing, Signer …
                     (letter.py)
"""

from __future__ import annotations

import re
from typing import Callable

from ...document import nodes as n
from ..dispatch import no_rule
from .letter import LetterBlocks
from .logos import LOGO_HEIGHT, SIGNATORY_LOGO_HEIGHT, cover_xml, logo_grid
from .numbering import DEFAULT_INDENT, Numbering
from .runs import InlineWriter, bookmark_name, escape, run_props, text_run

# Style names a template may define, by the id paperkit's own template gives them.
STYLE_NAMES = {
    "Title": "Title", "Subtitle": "Subtitle", "Kicker": "Kicker", "Byline": "Byline",
    "Addressee": "Addressee",
    "Heading1": "heading 1", "Heading2": "heading 2", "Heading3": "heading 3",
    "BodyText": "Body Text", "Lead": "Lead", "NumberedParagraph": "Numbered Paragraph",
    "ListLeadin": "List Lead-in",
    "ListNumber": "List Number", "ListNumber2": "List Number 2", "ListNumber3": "List Number 3",
    "ListBullet": "List Bullet", "ListBullet2": "List Bullet 2", "ListBullet3": "List Bullet 3",
    "Quote": "Quote", "QuoteSource": "Quote Source", "UpdateNote": "Update Note",
    "TitleRule": "Title Rule", "Signoff": "Sign-off", "SignoffDate": "Sign-off Date", "ContactHeading": "Contact Heading", "Contact": "Contact",
    "SignatoryGroup": "Signatory Group", "SignatoryNote": "Signatory Note", "Signatory": "Signatory",
    "SignatoryColumns": "Signatory Columns",
    "FootnoteText": "footnote text", "FootnoteReference": "footnote reference",
    "Hyperlink": "Hyperlink",
    # letters (letter.py)
    "Letterhead": "Letterhead", "LetterheadDetails": "Letterhead Details", "ReturnAddress": "Return Address",
    "Recipient": "Recipient", "DateLine": "Date Line", "Subject": "Subject", "Salutation": "Salutation",
    "Closing": "Closing", "Signer": "Signer", "SignerDetails": "Signer Details", "LetterList": "Letter List",
}


DEFAULT_COLOUR = "1C3D5A"
"""style.css's --accent, the colour of markers when the theme gives none."""
LIST_AFTER = 189
"""Space after a list, in twips: ``ol.list, ul.list { margin: 0 0 0.9em }`` of the 10.5 pt text."""


def paragraph(style: str, runs: str, extra: str = "") -> str:
    """A paragraph in ``style``; ``extra`` is more ``w:pPr`` content (numPr …) after pStyle."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{runs}</w:p>'


TAIL = (n.Closing, n.Signers, n.CopyList, n.Enclosures)
"""A letter's blocks after the body: each keeps with the block before it, and the body's last two
blocks keep with the closing (Word's widow control brings at least two lines of the first)."""
_PPR_START = re.compile(r"<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?")


def keep_with_next(xml: str) -> str:
    """``xml`` with keep-with-next on its last paragraph (a table: on its last row's paragraphs)."""
    start = xml.rfind("<w:tr>") if xml.endswith("</w:tbl>") else xml.rfind("<w:p>")
    if start < 0:
        return xml

    def keep(match: re.Match[str]) -> str:
        after = xml[start + match.end():start + match.end() + len("<w:keepNext/>")]
        return match.group(0) if after == "<w:keepNext/>" else match.group(0) + "<w:keepNext/>"

    return xml[:start] + _PPR_START.sub(keep, xml[start:])


class BodyWriter(LetterBlocks):
    """Writes the body blocks of one document (a letter's own blocks: ``LetterBlocks``)."""

    def __init__(self, styles: dict[str, str], indents: dict[str, tuple[int, int]],
                 inline: InlineWriter, numbering: Numbering, labels: n.Labels, text_width: int = 9070,
                 picture: Callable[[str], str] | None = None):
        self.s = styles
        self.indents = indents
        self.inline = inline
        self.numbering = numbering
        self.labels = labels
        self.text_width = text_width
        self.picture = picture
        """``picture(path)``: a run holding the image (signatures); None draws no images."""
        self.logo_picture: Callable[[str, str, int, int, int, int], str] | None = None
        """``logo_picture(path, alt, width_px, height_px, height, max_width)``: a run holding a logo (EMU sizes)."""
        self.figure_picture: Callable[[n.Figure], str] | None = None
        """``figure_picture(figure)``: a run holding a figure's image, sized to the text width."""
        self.bookmarks = 0
        self.paragraph_num: int | None = None
        self.colours = (DEFAULT_COLOUR, DEFAULT_COLOUR)
        """(primary, accent) as RRGGBB: the theme's (``--accent``, ``--accent-2``) for list markers."""
        self.heading_fonts = ""
        """The ``w:rFonts`` of the heading font, for list numbers drawn in it."""
        self.list_after = LIST_AFTER
        """The room after a list, in twips (less in a letter tightened to fit one page: fit.py)."""

    def blocks(self, blocks: tuple[n.Block, ...]) -> str:
        self.prepare_paragraph_numbering(blocks)
        parts = [self.block(b) for b in blocks]
        for index in range(len(blocks) - 1):  # a letter's closing … enclosures keep with what precedes them,
            if isinstance(blocks[index + 1], TAIL) or (  # and so does the body's last block
                    index + 2 < len(blocks) and isinstance(blocks[index + 2], n.Closing)):
                parts[index] = keep_with_next(parts[index])
        xml = "".join(parts)
        # Word wants a paragraph after a table at the end of the body.
        return xml + "<w:p/>" if xml.endswith("</w:tbl>") else xml

    def block(self, block: n.Block) -> str:
        """The block's XML, by the method named after its type (``_heading`` …)."""
        method = getattr(self, "_" + type(block).__name__.lower(), None)
        if method is None:
            no_rule(block, "DOCX")
        result: str = method(block)
        return result

    # ------------------------------------------------------------ prose
    def _heading(self, block: n.Heading) -> str:
        level = min(max(block.level, 1), 3)
        self.bookmarks += 1
        bid, name = self.bookmarks, escape(bookmark_name(block.anchor))
        runs = (f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/>'
                f'{self.inline.runs(block.content)}<w:bookmarkEnd w:id="{bid}"/>')
        return paragraph(self.s[f"Heading{level}"], runs)

    def _paragraph(self, block: n.Paragraph, style: str | None = None) -> str:
        runs = self.inline.runs(block.content)
        if block.number is not None:
            if self.paragraph_num is not None:
                return paragraph(self.s["NumberedParagraph"], runs, self.num_pr(self.paragraph_num, 0))
            # Numbers that Word could not count itself: write them out.
            return paragraph(self.s["NumberedParagraph"], text_run(f"{block.number}.\t") + runs)
        if style is None:
            style = self.s["Lead"] if block.role == "lead" else self.s["BodyText"]
        return paragraph(style, runs)

    def prepare_paragraph_numbering(self, blocks) -> None:
        """One Word list for all numbered paragraphs, if their numbers run 1, 2, 3 … in order."""
        numbers = [b.number for b in blocks if isinstance(b, n.Paragraph) and b.number is not None]
        self.paragraph_num = None
        if numbers and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
            self.paragraph_num = self.numbering.add(
                "1.", True, numbers[0], 0, self.indents.get("NumberedParagraph", (567, 567)))

    @staticmethod
    def num_pr(num_id: int, ilvl: int) -> str:
        return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'

    # ------------------------------------------------------------ lists
    def _listblock(self, block: n.ListBlock) -> str:
        items = self.list_paragraphs(block)
        if not items:
            return ""
        # Room after the whole list (its last paragraph, however deeply nested), as Word users add it.
        style, runs, extra = items[-1]
        items[-1] = (style, runs, extra + f'<w:spacing w:after="{self.list_after}"/>')
        return "".join(paragraph(*item) for item in items)

    def list_paragraphs(self, block: n.ListBlock) -> list[tuple[str, str, str]]:
        """(style, runs, numPr) of the lead-in and every item of a list and its nested lists."""
        out = []
        if block.lead_in:
            out.append((self.s["ListLeadin"], self.inline.runs(block.lead_in), ""))
        depth = min(block.level, 2)
        key = ("ListNumber" if block.ordered else "ListBullet") + ("" if depth == 0 else str(depth + 1))
        indent = self.indents.get(key, _default_indent(block.level))
        if block.paragraph_numbers:  # numbered on from the paragraphs, and set like them
            key, indent = "NumberedParagraph", self.indents.get("NumberedParagraph", (567, 567))
        num_id = self.numbering.add(block.numbering, block.ordered, block.start, block.level, indent,
                                    self.marker(block))
        left = self.indents.get(key, _default_indent(block.level))[0]
        for item in block.items:
            out.append((self.s[key], self.inline.runs(item.content), self.num_pr(num_id, block.level)))
            for inner in item.blocks:  # further paragraphs of the item, under its text
                out += self.inner_paragraphs(inner, left)
            for child in item.children:
                out += self.list_paragraphs(child)
        return out

    def marker(self, block: n.ListBlock) -> str:
        """The numbers' or bullets' look, as style.css draws ``.list li > .label``: bullets in the
        accent colour; a list of demands numbered in the heading font, bold, in the primary colour."""
        primary, accent = self.colours
        if block.role == "demands" and block.ordered:
            return f"<w:rPr>{self.heading_fonts}<w:b/><w:bCs/><w:color w:val=\"{primary}\"/></w:rPr>"
        if not block.ordered:
            return f'<w:rPr><w:color w:val="{accent}"/></w:rPr>'
        return ""

    def inner_paragraphs(self, block: n.Block, left: int) -> list[tuple[str, str, str]]:
        """(style, runs, pPr) of a paragraph, list or quote inside a list item, indented to ``left``."""
        indent = f'<w:ind w:left="{left}" w:firstLine="0"/>'
        if isinstance(block, n.Paragraph):
            return [(self.s["BodyText"], self.inline.runs(block.content), indent)]
        if isinstance(block, n.ListBlock):
            return self.list_paragraphs(block)
        if isinstance(block, n.Quote):
            quoted = f'<w:ind w:left="{left + 567}"/>'
            out = [(self.s["Quote"], self.inline.runs(p.content), quoted) for p in block.blocks]
            if block.source:
                out.append((self.s["QuoteSource"], text_run("— ") + self.inline.runs(block.source), quoted))
            return out
        raise TypeError(f"no Word paragraphs for {type(block).__name__} inside a list item")

    # ------------------------------------------------------------ quotes and notes
    def _quote(self, block: n.Quote) -> str:
        out = [self._paragraph(n.Paragraph(p.content), self.s["Quote"]) for p in block.blocks]
        if block.source:
            out.append(paragraph(self.s["QuoteSource"], text_run("— ") + self.inline.runs(block.source)))
        return "".join(out)

    # ------------------------------------------------------------ tables and figures
    def _table(self, block: n.Table) -> str:
        """A real Word table: the header row repeats on each page and is marked as such
        (``w:tblHeader``), rules under the header and between rows, columns of equal width."""
        caption = ""
        if block.caption:
            caption = paragraph(self.s["BodyText"], self.inline.runs(block.caption, bold=True),
                                '<w:keepNext/><w:spacing w:after="80"/>')
        width = self.text_width // block.columns
        rule = '<w:bottom w:val="single" w:sz="{}" w:space="0" w:color="{}"/>'

        def row(cells: tuple[n.Inlines, ...], header: bool) -> str:
            border = rule.format(8, "000000") if header else rule.format(4, "B9C2CC")
            out = []
            for i, cell in enumerate(cells):
                jc = block.align[i]  # in a right-to-left paragraph Word reads left and right as start and end
                runs = self.inline.runs(cell, bold=header)
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:tcBorders>{border}</w:tcBorders></w:tcPr>'
                           f'<w:p><w:pPr><w:pStyle w:val="{self.s["BodyText"]}"/><w:spacing w:before="60" w:after="60"/>'
                           f'<w:jc w:val="{jc}"/></w:pPr>{runs}</w:p></w:tc>')
            props = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header else "<w:trPr><w:cantSplit/></w:trPr>"
            return f"<w:tr>{props}{''.join(out)}</w:tr>"

        rows = ([row(block.header, True)] if block.header else []) + [row(r, False) for r in block.rows]
        grid = f'<w:gridCol w:w="{width}"/>' * block.columns
        table = ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
                 '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="113" w:type="dxa"/></w:tblCellMar>'
                 '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                 'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                 f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
        # Room after the table (a paragraph, as Word keeps one between a table and what follows).
        return caption + table + paragraph(self.s["BodyText"], "", '<w:spacing w:after="0"/>')

    def _figure(self, block: n.Figure) -> str:
        """The image at most as wide as the text (never enlarged past 96 dpi), its alt text as
        the picture's description, the caption under it."""
        if self.figure_picture is None:
            raise TypeError("this writer was made without images")
        image = paragraph(self.s["BodyText"], self.figure_picture(block), '<w:keepNext/><w:spacing w:after="80"/>'
                          if block.caption else "")
        caption = paragraph(self.s["BodyText"], self.inline.runs(block.caption, italic=True)) if block.caption else ""
        return image + caption

    def _updatenote(self, block: n.UpdateNote) -> str:
        out = []
        if block.date:
            out.append(paragraph(self.s["UpdateNote"], text_run(block.date, run_props(italic=True))))
        for index, para in enumerate(block.blocks or (n.Paragraph(()),)):
            lead = text_run(block.lead + " ", run_props(bold=True)) if index == 0 and block.lead else ""
            if isinstance(para, n.Paragraph):
                out.append(paragraph(self.s["UpdateNote"], lead + self.inline.runs(para.content)))
                continue
            if lead:
                out.append(paragraph(self.s["UpdateNote"], lead))
            out.append(self.block(para))
        return "".join(out)

    # ------------------------------------------------------------ closing matter
    def _signoff(self, block: n.SignOff) -> str:
        items = [(self.s["SignoffDate"], text_run(block.date))] if block.date else []
        signatures = getattr(block, "signatures", ()) or ()
        for index, line in enumerate(block.lines):
            signature = signatures[index] if index < len(signatures) else None
            if signature and self.picture is not None:  # the theme's signature above the signer's line
                items.append((self.s["Signoff"], self.picture(signature)))
            items.append((self.s["Signoff"], text_run(line)))
        # The sign-off keeps together (the style keeps each line with the next), not with what follows.
        return "".join(paragraph(style, runs, '<w:keepNext w:val="0"/>' if index == len(items) - 1 else "")
                       for index, (style, runs) in enumerate(items))

    def _contact(self, block: n.Contact) -> str:
        out = [paragraph(self.s["ContactHeading"], text_run(block.label))] if block.label else []
        for person in block.people:
            lines = [text_run(person.name, run_props(bold=True))]
            lines += [text_run(x) for x in (person.role, person.organisation) if x]
            if person.email:
                lines.append(self.inline.plain_link(f"mailto:{person.email}", person.email))
            if person.phone:
                lines.append(text_run(person.phone))
            out.append(paragraph(self.s["Contact"], "<w:r><w:br/></w:r>".join(lines)))
        return "".join(out)

    def _signatories(self, block: n.Signatories) -> str:
        heading = self.inline.runs(block.heading) if block.heading else text_run(self.labels.signatories)
        out = [paragraph(self.s["Heading1"], heading)] if heading else []
        for group in block.groups:
            if group.heading:
                out.append(paragraph(self.s["SignatoryGroup"], self.inline.runs(group.heading)))
            if group.note:
                out.append(paragraph(self.s["SignatoryNote"], self.inline.runs(group.note)))
            if group.logos and self.logo_picture is not None:
                out.append(logo_grid(group.logos, self.logo_picture, self.text_width, SIGNATORY_LOGO_HEIGHT,
                                     False, self.s["Signatory"]))
            style = self.s["Signatory"] if group.text_size == 1 else self.s["SignatoryColumns"]
            names = [paragraph(style, self.signatory(entry, group.details_under)) for entry in group.entries]
            columns = getattr(group, "columns", 1)
            out.append(self.columns(names, columns) if columns > 1 else "".join(names))
        if block.full_list:
            out.append(paragraph(self.s["BodyText"], self.inline.runs(block.full_list),
                                 '<w:spacing w:before="240"/>'))
        return "".join(out)

    def signatory(self, entry: n.Signatory, under: bool = False) -> str:
        """The name (linked to the signatory's site), then the detail after a comma, or under it."""
        url = getattr(entry, "url", None)
        # A linked name looks like the others (as in the PDF: .signatory-list .name a { color: inherit }).
        name = self.inline.plain_link(url, entry.name, styled=False) if url else text_run(entry.name)
        if not entry.detail:
            return name
        if under:
            return name + "<w:r><w:br/></w:r>" + text_run(entry.detail, '<w:rPr><w:color w:val="5A5F66"/>'
                                                                          '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>')
        return name + text_run(f", {entry.detail}")

    def columns(self, paragraphs: list[str], count: int) -> str:
        """Paragraphs in ``count`` columns, filled top to bottom: a borderless one-row table.

        A table, not a multi-column section: section breaks would have to repeat the
        template's page set-up and headers, and clients disagree on continuous sections.
        """
        per_column = -(-len(paragraphs) // count)
        width = self.text_width // count
        grid = f'<w:gridCol w:w="{width}"/>' * count
        cells = []
        for index in range(count):
            chunk = paragraphs[index * per_column:(index + 1) * per_column] or ["<w:p/>"]
            cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(chunk)}</w:tc>')
        return ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
                '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="170" w:type="dxa"/></w:tblCellMar>'
                '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                f'<w:tblGrid>{grid}</w:tblGrid>'
                f'<w:tr>{"".join(cells)}</w:tr></w:tbl>')

    # ------------------------------------------------------------ title matter
    def before_front(self, document: n.Document) -> str:
        """What goes before the template's title matter: the cover page, or the row of the
        issuers' logos with their names."""
        if self.logo_picture is None:
            return ""
        if document.cover is not None:
            return cover_xml(document.cover, self, self.logo_picture, self.text_width)
        if document.front.logos:
            return logo_grid(document.front.logos, self.logo_picture, self.text_width, LOGO_HEIGHT, True,
                             self.s["BodyText"])
        return ""

    def versions_line(self, front: n.Front, label: str) -> str:
        """Runs for the "Also available in: Japanese" line (after a line break), or nothing."""
        if not front.versions:
            return ""
        links = []
        for version in front.versions:
            links.append(self.inline.plain_link(version.url, version.label) if version.url
                         else text_run(version.label))
        return "<w:r><w:br/></w:r>" + text_run(f"{label} " if label else "") + text_run(", ").join(links)

    @staticmethod
    def co_leads_line(front: n.Front, kind: str = "") -> str:
        """Runs for the co-leading organisations not already issuers (after a line break); for a
        post, the lines of its credits after the first (organisations, tags)."""
        if kind == "post":
            return "".join("<w:r><w:br/></w:r>" + text_run(line) for line in front.credits[1:])
        names = [name for name in front.co_leads if name not in front.issuers]
        return "<w:r><w:br/></w:r>" + text_run(", ".join(names)) if names else ""

    @staticmethod
    def page_numbers(label: str) -> str:
        """Runs for "Page {page} of {pages}", the numbers as PAGE and NUMPAGES fields."""
        out = []
        for piece in re.split(r"(\{page\}|\{pages\})", label):
            if piece in ("{page}", "{pages}"):
                instr = "PAGE" if piece == "{page}" else "NUMPAGES"
                out.append(f'<w:fldSimple w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            elif piece:
                out.append(text_run(piece))
        return "".join(out)

    def addressee(self, front: n.Front) -> str:
        if not front.addressee:
            return ""
        return paragraph(self.s["Addressee"], self.inline.runs(front.addressee))


def _default_indent(level: int) -> tuple[int, int]:
    left, hanging = DEFAULT_INDENT
    return left + 360 * level, hanging
