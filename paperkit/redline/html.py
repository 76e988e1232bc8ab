"""The HTML (and, through WeasyPrint, PDF) redline: NEW's page with OLD's words struck through.

Both versions are rendered by paperkit's own HTML writer (the paged page for the PDF).
Every block of NEW's page — a paragraph, a heading, a list item, a signatory, a note — is
aligned with OLD's (``align.align``); a revised block gets its words diffed, a new one is
underlined whole, one that went is put back, struck through, before the block that now
follows it.  Insertions are ``<ins class="rl-ins">`` (underlined, in colour), deletions
``<del class="rl-del">`` (struck through); every changed block has a bar in the margin; a
summary (the update note) stands above the body on the first page.
"""

from __future__ import annotations

import copy
import re
from typing import Iterator, Sequence

from lxml import etree, html as lhtml

from ..document import nodes as n
from .align import Unit, align
from .changes import note_identity
from .words import opcodes, tokens as word_tokens

Link = tuple[str, str, str, tuple[tuple[str, str], ...]]
"""An inline container a word sits in: tag, class, target and all its attributes."""
Chain = tuple[Link, ...]
Token = tuple[Chain, "str | tuple[str]", "etree._Element | None"]
"""(containers, a word or an atom's key, the atom's element)."""
Piece = tuple[str, Token]
"""A token with its status: "=" kept, "+" inserted, "-" deleted."""

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "figcaption", "pre"}
_ATOMS = {"img", "br", "svg"}
_NOTE_HREF = re.compile(r"#fn-(\d+)$")

STYLE = """
ins.rl-ins { color: #1c57b8; text-decoration: underline; text-decoration-color: #1c57b8; background: none; }
del.rl-del { color: #a4262c; text-decoration: line-through; text-decoration-color: #a4262c; }
.rl-changed, .rl-inserted, .rl-deleted { position: relative; }
.rl-changed::after, .rl-inserted::after, .rl-deleted::after {
  content: ""; position: absolute; top: 0; bottom: 0; left: -14pt; border-left: 2.5pt solid #a4262c; }
[dir="rtl"] .rl-changed::after, [dir="rtl"] .rl-inserted::after, [dir="rtl"] .rl-deleted::after {
  left: auto; right: -14pt; }
[dir="rtl"] .list li.rl-changed::after, [dir="rtl"] .list li.rl-inserted::after,
[dir="rtl"] .list li.rl-deleted::after { right: -2.2em; }  /* beside the number (WeasyPrint: not in the margin) */
.rl-summary { border: 1pt solid #a4262c; border-left-width: 4pt; padding: 0.5em 0.8em; margin: 0 0 1.5em;
  font-size: 0.92em; }
[dir="rtl"] .rl-summary { border-left-width: 1pt; border-right-width: 4pt; }
.rl-summary p { margin: 0.2em 0; }
.rl-summary .rl-versions { color: #555; font-size: 0.9em; }
"""


class _Page:
    """One version's page: its blocks, and its note numbers by key."""

    def __init__(self, page: str, tree: n.Document):
        self.root = lhtml.document_fromstring(page)
        self.notes = {note.number: note_identity(note) for note in tree.notes}

    def units(self) -> list[Unit]:
        body = self.root.find("body")
        assert body is not None  # the HTML writer always writes a body
        out = []
        for element in body.iter():
            if not isinstance(element.tag, str) or element.tag not in BLOCKS or _in_footnote(element):
                continue
            tokens = list(self.tokens(element))
            text = "".join(t[1] if isinstance(t[1], str) else f"[{t[1][0]}]" for t in tokens)
            kind = f"{element.tag}.{element.get('class', '').strip()}" + ("@notes" if _in_notes(element) else "")
            ident = None
            parent = element.getparent()
            if parent is not None and "signatory-list" in (parent.get("class") or ""):
                name = element.find(".//*[@class='name']")
                ident = name.text_content() if name is not None else None
            out.append(Unit(kind, text, ident, (element, tokens)))
        return out

    def tokens(self, element: etree._Element, chain: Chain = ()) -> Iterator[Token]:
        """(chain, text-or-atom, source) for the inline content of a block, nested blocks skipped."""
        if element.text:
            for word in word_tokens(element.text):
                yield (chain, word, None)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in BLOCKS:
                if _is_label(child) and not chain:
                    pass  # a list number: NEW's stands, renumbering is no change of the item
                elif child.tag in _ATOMS or _note_call(child):
                    yield (chain, (self.atom_key(child),), child)
                else:
                    link: Link = (child.tag, child.get("class") or "", child.get("href") or "",
                                  tuple(sorted((str(k), str(v)) for k, v in child.attrib.items())))
                    yield from self.tokens(child, chain + (link,))
            if child.tail:
                for word in word_tokens(child.tail):
                    yield (chain, word, None)

    def atom_key(self, element: etree._Element) -> str:
        anchor = element.find(".//a")
        href = element.get("href") or (anchor.get("href") if anchor is not None else "")
        match = _NOTE_HREF.search(href or "")
        if match:
            return "note:" + self.notes.get(int(match.group(1)), match.group(1))
        return etree.tostring(element, with_tail=False).decode()


def _key(token: Token) -> tuple[tuple[tuple[str, str, str], ...], str | tuple[str]]:
    """What is compared of a token: its links (tag, class, target) and its text or atom."""
    chain, value, _ = token
    return tuple((link[0], link[1], link[2]) for link in chain), value


def _note_call(element: etree._Element) -> bool:
    return "note-call" in (element.get("class") or "")


def _in_footnote(element: etree._Element) -> bool:
    return any("footnote" in (a.get("class") or "").split() for a in element.iterancestors())


def _in_notes(element: etree._Element) -> bool:
    return any("notes" in (a.get("class") or "").split() for a in element.iterancestors())


def _clear_inline(element: etree._Element) -> None:
    """Remove a block's inline content and the text around its children (nested blocks and a
    list label stay: their tails were tokens, written back by ``_Builder``)."""
    element.text = None
    for child in list(element):
        if isinstance(child.tag, str) and (child.tag in BLOCKS or _is_label(child)):
            child.tail = None
        else:
            element.remove(child)


def _is_label(element: etree._Element) -> bool:
    return "label" in (element.get("class") or "").split()


class _Builder:
    """Writes tokens back into a block: containers as in the source, changes in ins/del."""

    def __init__(self, block: etree._Element):
        self.block = block
        label = next((c for c in block if isinstance(c.tag, str) and _is_label(c)), None)
        self.stack: list[tuple[Link, etree._Element]] = []
        self.root_holder = etree.Element("span")  # collects the inline content, moved into the block at the end
        self.label = label

    def add(self, status: str, token: Token) -> None:
        chain, value, source = token
        depth = 0
        while depth < len(self.stack) and depth < len(chain) and self.stack[depth][0][:3] == chain[depth][:3]:
            depth += 1
        del self.stack[depth:]
        for link in chain[depth:]:
            parent = self.stack[-1][1] if self.stack else self.root_holder
            element = etree.SubElement(parent, link[0], dict(link[3]))
            self.stack.append((link, element))
        parent = self.stack[-1][1] if self.stack else self.root_holder
        if status != "=":
            name = "ins" if status == "+" else "del"
            last = parent[-1] if len(parent) else None
            if last is not None and last.tag == name and not last.tail:
                parent = last
            else:
                parent = etree.SubElement(parent, name)
                parent.set("class", f"rl-{name}")
        if isinstance(value, str):
            _append_text(parent, value)
        else:
            parent.append(copy.deepcopy(source) if source is not None else etree.Element("span"))
            parent[-1].tail = None

    def finish(self) -> None:
        """Move the content built into the block: after its label, before its nested blocks."""
        holder = self.root_holder
        if self.label is not None:
            self.label.tail = holder.text
            position = self.block.index(self.label) + 1
        else:
            self.block.text = holder.text
            position = 0
        for offset, child in enumerate(list(holder)):
            self.block.insert(position + offset, child)


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _rebuild(block: etree._Element, pieces: Sequence[Piece]) -> None:
    _clear_inline(block)
    _build(block, pieces)


def _mark(element: etree._Element, name: str) -> None:
    element.set("class", ((element.get("class") or "") + " " + name).strip())


def redline_page(old_page: str, new_page: str, old_tree: n.Document, new_tree: n.Document,
                 summary: list[str], versions: str) -> str:
    """NEW's page with the changes from OLD marked, the redline style and the summary added."""
    old, new = _Page(old_page, old_tree), _Page(new_page, new_tree)
    steps = align(old.units(), new.units())
    pending: list[etree._Element] = []
    last: etree._Element | None = None
    for step in steps:
        if step.op in ("deleted", "moved-from"):
            assert step.old is not None
            element, tokens = step.old.data
            shell = etree.Element(element.tag, attrib=dict(element.attrib))
            shell.attrib.pop("id", None)
            label = next((c for c in element if isinstance(c.tag, str) and _is_label(c)), None)
            if label is not None:  # the old number, struck through, where numbers stand
                struck = etree.SubElement(shell, label.tag, dict(label.attrib))
                etree.SubElement(struck, "del", {"class": "rl-del"}).text = label.text_content()
            _build(shell, [("-", t) for t in tokens])
            _mark(shell, "rl-deleted")
            pending.append(shell)
            continue
        assert step.new is not None
        element, tokens = step.new.data
        for gone in pending:
            _place(gone, element)
        pending = []
        last = element
        if step.op in ("inserted", "moved-to"):
            _rebuild(element, [("+", t) for t in tokens])
            _mark(element, "rl-inserted")
        elif step.op == "changed":
            assert step.old is not None
            old_tokens = step.old.data[1]
            pieces: list[Piece] = []
            for op, i1, i2, j1, j2 in opcodes([_key(t) for t in old_tokens], [_key(t) for t in tokens]):
                if op == "equal":
                    pieces += [("=", t) for t in tokens[j1:j2]]
                else:
                    pieces += [("-", t) for t in old_tokens[i1:i2]] + [("+", t) for t in tokens[j1:j2]]
            _rebuild(element, pieces)
            _mark(element, "rl-changed")
    for gone in pending:
        if last is not None:
            last.addnext(gone)
            last = gone
    _add_summary(new.root, summary, versions)
    head = new.root.find("head")
    assert head is not None
    style = etree.SubElement(head, "style")
    style.text = STYLE
    return lhtml.tostring(new.root, doctype="<!DOCTYPE html>", encoding="unicode")


def _build(shell: etree._Element, pieces: Sequence[Piece]) -> None:
    builder = _Builder(shell)
    for status, token in pieces:
        builder.add(status, token)
    builder.finish()


def _place(gone: etree._Element, following: etree._Element) -> None:
    """Put a deleted block before the block that now follows it (after it, if that is another kind of list)."""
    if gone.tag == "li" and following.tag != "li":
        previous = following.getprevious()
        if previous is not None and previous.tag in ("ol", "ul"):
            previous.append(gone)
            return
    following.addprevious(gone)


def _add_summary(root: etree._Element, summary: list[str], versions: str) -> None:
    body = root.find("body")
    assert body is not None
    front = body.find(".//header")
    box = etree.Element("aside")
    box.set("class", "rl-summary")
    for line in summary:
        etree.SubElement(box, "p").text = line
    if versions:
        para = etree.SubElement(box, "p", {"class": "rl-versions", "dir": "ltr"})  # file names read left to right
        para.text = versions
    if front is not None:
        front.addnext(box)
    else:
        main = body.find(".//main")
        (main if main is not None else body).insert(0, box)
