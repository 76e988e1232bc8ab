"""Real Word footnotes: ``word/footnotes.xml`` with the template's separators and our notes.

Neither docxtpl (its issue #609) nor python-docx writes footnotes, so this module does, as
pandoc's DOCX writer does: the separator and continuation-separator footnotes come first
(ids -1 and 0 as Word writes them, or whatever the template has), then one ``w:footnote``
per note in citation order.  Each starts with a ``w:footnoteRef`` mark in the "footnote
reference" character style; its paragraphs are in "footnote text".  Hyperlinks inside notes
are relationships of the footnotes part (``word/_rels/footnotes.xml.rels``).

A note cited a second time: Word has no "same footnote again", so the first citation is
wrapped in a hidden bookmark (``_RefNoteN``) and later ones are a ``NOTEREF _RefNoteN \\f \\h``
field — what Word's Insert ▸ Cross-reference ▸ "Footnote number (formatted)" makes: the same
superscript number, kept right when Word updates fields, and a link to the note.
"""

from __future__ import annotations

from lxml import etree

from ...document import nodes as n
from .runs import InlineWriter

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "{%s}" % W
DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

DEFAULT_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def template_separators(footnotes_xml: bytes | None) -> tuple[str, int]:
    """The template's special footnotes (separators …) as XML, and the first free note id."""
    if not footnotes_xml:
        return DEFAULT_SEPARATORS, 1
    root = etree.fromstring(footnotes_xml)
    special = [e for e in root.iter(_W + "footnote") if e.get(_W + "type")]
    if not special:
        return DEFAULT_SEPARATORS, 1
    xml = "".join(etree.tostring(e, encoding="unicode") for e in special)
    # The footnotes root written later declares w: and r: itself.
    xml = xml.replace(f' xmlns:w="{W}"', "").replace(f' xmlns:r="{R}"', "")
    return xml, max(int(e.get(_W + "id")) for e in special) + 1


class Footnotes:
    """Footnote ids, citations in the text, and the footnotes part of one document."""

    def __init__(self, first_id: int, repeated: set[int], style_ids: dict[str, str]):
        self.first_id = first_id
        self.repeated = repeated
        self.styles = style_ids
        self.bookmark = 0

    def note_id(self, number: int) -> int:
        return self.first_id + number - 1

    def reference(self, ref: n.NoteRef) -> str:
        """The citation in the text: a real footnote reference, or a NOTEREF to it."""
        rstyle = f'<w:rPr><w:rStyle w:val="{self.styles["FootnoteReference"]}"/></w:rPr>'
        name = f"_RefNote{ref.number}"
        if ref.first:
            run = f'<w:r>{rstyle}<w:footnoteReference w:id="{self.note_id(ref.number)}"/></w:r>'
            if ref.number not in self.repeated:
                return run
            self.bookmark += 1
            bid = 900000 + self.bookmark
            return f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/>{run}<w:bookmarkEnd w:id="{bid}"/>'
        return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> NOTEREF {name} \\f \\h </w:instrText></w:r>'
                f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r>{rstyle}<w:t>{ref.number}</w:t></w:r>'
                f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    def part_xml(self, notes: tuple[n.Note, ...], separators: str, inline: InlineWriter) -> bytes:
        """footnotes.xml for ``notes``; ``inline`` writes runs with the footnotes part's links."""
        body = [separators]
        text_style = self.styles["FootnoteText"]
        # The number hangs in the note's indent, as the PDF's marker (a tab to the text).  It stays a
        # superscript: LibreOffice draws a footnote's own number in its footnote style whatever the run says.
        marker = f'<w:rPr><w:rStyle w:val="{self.styles["FootnoteReference"]}"/></w:rPr>'
        mark = f'<w:r>{marker}<w:footnoteRef/></w:r><w:r><w:tab/></w:r>'
        for note in notes:
            paragraphs = []
            blocks = _paragraphs(note.blocks) or [(n.Paragraph(()), 0)]
            for index, block in enumerate(blocks):
                para, indented = block
                ppr = ""
                if index > 0:  # .fn-para { margin-top: 0.25em } under the first line's text; quotes, items 1em further in
                    ppr += f'<w:spacing w:before="{NOTE_PARA_BEFORE}"' + (' w:after="0"/>' if index < len(blocks) - 1 else "/>")
                    ppr += f'<w:ind w:left="{NOTE_INDENT + NOTE_STEP_INDENT * indented}" w:hanging="0"/>'
                elif len(blocks) > 1:
                    ppr += '<w:spacing w:after="0"/>'
                runs = (mark if index == 0 else "") + inline.runs(para.content)
                paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{text_style}"/>{ppr}</w:pPr>{runs}</w:p>')
            body.append(f'<w:footnote w:id="{self.note_id(note.number)}">{"".join(paragraphs)}</w:footnote>')
        return DECL + f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{"".join(body)}</w:footnotes>'.encode()


NOTE_INDENT = 269
"""The note's text 1.6em of its 8.4 pt in from the marker (``.footnote { padding-left: 1.6em }``), in twips."""
NOTE_STEP_INDENT = 168
"""A quoted paragraph or list item 1em further in (``.fn-quote { margin-left: 1em }``)."""
NOTE_PARA_BEFORE = 42
"""0.25em of 8.4 pt before each further paragraph of a note."""


def _paragraphs(blocks, depth: int = 0) -> list[tuple[n.Paragraph, int]]:
    """A note's paragraphs with how far each is indented (quotes, list items: one step more);
    list items start with their label ("1.", "•")."""
    out: list[tuple[n.Paragraph, int]] = []
    for block in blocks:
        if isinstance(block, n.Quote):
            out += [(n.Paragraph(p.content), depth + 1) for p in block.blocks]  # upright, as .fn-quote
            if block.source:
                out.append((n.Paragraph((n.Text("— "),) + block.source), depth + 1))
        elif isinstance(block, n.Paragraph):
            out.append((block, depth))
        elif isinstance(block, n.ListBlock):
            if block.lead_in:
                out.append((n.Paragraph(block.lead_in), depth))
            for item in block.items:
                out.append((n.Paragraph((n.Text(item.label + " "),) + item.content), depth + 1))
                out += _paragraphs(item.blocks + item.children, depth + 1)
        else:
            raise TypeError(f"no footnote paragraphs for {type(block).__name__}")
    return out


def repeated_notes(blocks) -> set[int]:
    """Numbers of notes cited more than once anywhere in ``blocks``."""
    found: set[int] = set()
    _walk(blocks, found)
    return found


def _walk(value, found: set[int]) -> None:
    if isinstance(value, n.NoteRef):
        if not value.first:
            found.add(value.number)
        return
    if isinstance(value, (tuple, list)):
        for item in value:
            _walk(item, found)
        return
    if hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            child = getattr(value, name)
            if isinstance(child, (tuple, list)) or hasattr(child, "__dataclass_fields__"):
                _walk(child, found)

