"""Accept or reject every tracked change of a DOCX on its XML, as Word's Review tab does.

Written for the tests independently of paperkit.redline: accepting drops ``w:del`` and
unwraps ``w:ins``; rejecting does the reverse; a paragraph whose mark is removed joins the
next one.  The texts are then compared with the plain render of each version.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def review(xml: bytes, accept: bool) -> etree._Element:
    """The part with every change accepted (or rejected)."""
    root = etree.fromstring(xml)
    keep, drop = ("ins", "del") if accept else ("del", "ins")
    for p in list(root.iter(W + "p")):
        mark = p.find(f"{W}pPr/{W}rPr/{W}{drop}")
        if mark is not None:  # the paragraph mark goes: its text joins the next paragraph
            following = p.getnext()
            runs = [c for c in p if c.tag != W + "pPr"]
            if following is not None and following.tag == W + "p":
                ppr = following.find(W + "pPr")
                at = 1 if ppr is not None else 0
                for i, run in enumerate(runs):
                    following.insert(at + i, run)
            p.getparent().remove(p)
        for m in p.findall(f"{W}pPr/{W}rPr/{W}{keep}"):
            m.getparent().remove(m)
    for element in list(root.iter(W + drop)):
        if element.getparent() is not None and element.getparent().tag != W + "rPr":
            element.getparent().remove(element)
    for element in list(root.iter(W + keep)):
        parent = element.getparent()
        if parent is None or parent.tag == W + "rPr":
            continue
        index = parent.index(element)
        for i, child in enumerate(list(element)):
            parent.insert(index + i, child)
        parent.remove(element)
    for t in root.iter(W + "delText"):
        t.tag = W + "t"
    for t in root.iter(W + "delInstrText"):
        t.tag = W + "instrText"
    return root


def texts(root: etree._Element) -> list[str]:
    """The text of every paragraph (footnote references as [n]), empty ones left out."""
    out = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter(W + "t", W + "tab", W + "br", W + "footnoteReference"):
            if node.tag == W + "t":
                parts.append(node.text or "")
            elif node.tag == W + "footnoteReference":
                parts.append("[note]")
            else:
                parts.append(" ")
        text = "".join(parts).strip()
        if text:
            out.append(text)
    return out


def part(docx: bytes, name: str = "word/document.xml") -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return zf.read(name)


def reviewed_texts(docx: bytes, accept: bool, name: str = "word/document.xml") -> list[str]:
    return texts(review(part(docx, name), accept))


def plain_texts(docx: bytes, name: str = "word/document.xml") -> list[str]:
    return texts(etree.fromstring(part(docx, name)))
