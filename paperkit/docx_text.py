"""The text of a DOCX as Word's Word Count reads it: the main story and the footnotes.

Headers and footers are left out (Word does not count them); so are deleted text and
field codes.  Tabs and breaks separate words; each paragraph ends a word.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_texts(root: etree._Element) -> list[str]:
    out = []
    for para in root.iter(f"{W}p"):
        parts = []
        for node in para.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
            if node.tag == f"{W}t":
                parts.append(node.text or "")
            elif node.tag == f"{W}noBreakHyphen":
                parts.append("-")
            else:
                parts.append(" ")
        out.append("".join(parts))
    return out


def docx_text(data: bytes) -> dict[str, list[str]]:
    """Paragraph texts of the main story (``body``) and of the footnotes (``notes``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        body = etree.fromstring(package.read("word/document.xml"))
        notes: list[str] = []
        for part in ("word/footnotes.xml", "word/endnotes.xml"):
            if part in names:
                root = etree.fromstring(package.read(part))
                for note in root:
                    if note.get(f"{W}type") in (None, "normal"):  # not the separators
                        notes += _paragraph_texts(note)
    return {"body": _paragraph_texts(body), "notes": notes}


def has_page_field(data: bytes) -> bool:
    """True when a header or footer of the DOCX holds a PAGE field (page numbers)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith(("word/header", "word/footer")) and name.endswith(".xml"):
                root = etree.fromstring(package.read(name))
                codes = [x.get(f"{W}instr") or "" for x in root.iter(f"{W}fldSimple")]
                codes += [x.text or "" for x in root.iter(f"{W}instrText")]
                if any(code.split()[:1] == ["PAGE"] for code in codes):
                    return True
    return False
