"""Inlines → WordprocessingML runs: text, bold, italic, hyperlinks, footnote references.

XML is built as strings (fast, and the shape is fixed); every piece of user text passes
through ``escape``.  Hyperlinks get their relationship id from a callback so the same code
serves document.xml and footnotes.xml, each with its own relationships.
"""

from __future__ import annotations

import re
from typing import Callable

from ...document import nodes as n
from ...document.scripts import has_rtl
from ..dispatch import no_rule

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"(\n|\t)")


def escape(text: str) -> str:
    """Text for an XML text node or attribute; characters XML cannot hold are dropped.

    ``{`` becomes ``&#123;`` so that docxtpl's post-render ``{_{`` → ``{{`` rewrite can
    never touch user text.
    """
    text = _INVALID_XML.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("{", "&#123;"))


def run_props(bold: bool = False, italic: bool = False, style: str | None = None, rtl: bool = False) -> str:
    """A ``w:rPr`` (children in schema order), or nothing."""
    inner = (f'<w:rStyle w:val="{style}"/>' if style else "") + \
        ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "") + ("<w:rtl/>" if rtl else "")
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def text_run(text: str, rpr: str = "") -> str:
    """One run of text; line breaks and tabs become ``w:br`` and ``w:tab``."""
    if not text:
        return ""
    parts = []
    for piece in _BREAKS.split(text):
        if piece == "\n":
            parts.append("<w:br/>")
        elif piece == "\t":
            parts.append("<w:tab/>")
        elif piece:
            parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an anchor: letters, digits and _, at most 40 characters."""
    name = re.sub(r"\W", "_", anchor)
    if not name or not name[0].isalpha():
        name = "h_" + name
    return name[:40]


class InlineWriter:
    """Writes inlines as runs for one part (document or footnotes).

    ``link_id(url)`` returns the relationship id of an external hyperlink in that part;
    ``note_ref(ref)`` returns the XML of a footnote citation (None in notes themselves).
    """

    def __init__(self, styles: dict[str, str], link_id: Callable[[str], str],
                 note_ref: Callable[[n.NoteRef], str] | None = None, rtl: bool = False):
        self.styles = styles
        self.link_id = link_id
        self.note_ref = note_ref
        self.rtl = rtl
        """Right-to-left document: runs with RTL letters are marked ``w:rtl``."""

    def runs(self, inlines: n.Inlines | None, bold: bool = False, italic: bool = False,
             style: str | None = None) -> str:
        if not inlines:
            return ""
        out = []
        for node in inlines:
            if isinstance(node, n.Text):
                rtl = self.rtl and has_rtl(node.text)
                out.append(text_run(node.text, run_props(bold, italic, style, rtl)))
            elif isinstance(node, n.Strong):
                out.append(self.runs(node.children, True, italic, style))
            elif isinstance(node, n.Emph):
                out.append(self.runs(node.children, bold, True, style))
            elif isinstance(node, n.Link):
                out.append(self.link(node, bold, italic))
            elif isinstance(node, n.NoteRef):
                if self.note_ref is not None:  # none inside a note: notes do not cite notes
                    out.append(self.note_ref(node))
            else:
                no_rule(node, "DOCX")
        return "".join(out)

    def link(self, node: n.Link, bold: bool, italic: bool, styled: bool = True) -> str:
        url = node.url.strip()
        pieces = node.address_pieces  # a long address breaks after / . - (a zero-width space), no hyphen added
        children = (n.Text("\u200b".join(pieces)),) if pieces else node.children
        content = self.runs(children, bold, italic, self.styles["Hyperlink"] if styled else None)
        if not url or url == "#":
            return self.runs(node.children, bold, italic)
        if url.startswith("#"):
            return f'<w:hyperlink w:anchor="{escape(bookmark_name(url[1:]))}" w:history="1">{content}</w:hyperlink>'
        return f'<w:hyperlink r:id="{self.link_id(url)}" w:history="1">{content}</w:hyperlink>'

    def plain_link(self, url: str, text: str, styled: bool = True) -> str:
        """A hyperlink whose text is given (e-mail addresses, version links); ``styled=False``:
        without the *Hyperlink* character style (the text looks like its paragraph)."""
        return self.link(n.Link(url, (n.Text(text),)), False, False, styled)
