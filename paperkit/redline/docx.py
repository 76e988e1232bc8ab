"""A DOCX with Word tracked changes, made from the plain renders of two versions.

Both versions are rendered by paperkit's own DOCX writer; the NEW package is the base and
stays as it is wherever nothing changed (those paragraphs keep the writer's bytes).  The
paragraphs of both bodies — title matter, body, signatories — and of every footnote are
aligned (``align.align``); then

* a revised paragraph gets its words diffed (``words.opcodes``): ``w:del`` runs with
  ``w:delText`` for what went, ``w:ins`` runs for what came, NEW's paragraph properties;
* a new paragraph has its runs and its paragraph mark in ``w:ins``;
* a paragraph that went (or the old place of one that moved) is copied from OLD, before the
  paragraph that now follows it, with its runs and paragraph mark in ``w:del``; its
  hyperlinks, footnote references and list numbering are carried over into NEW's parts;
* a footnote only OLD had is appended to the footnotes part, deleted.

A moved block is a deletion plus an insertion: ``w:moveFrom``/``w:moveTo`` could not be
checked against Word here, and LibreOffice 7.4 reads them as plain changes anyway.
Every change carries the same author and date, and the zip keeps NEW's entry times, so the
same two versions give the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from lxml import etree

from ..document import nodes as n
from .align import Step, Unit, align
from .changes import note_identity
from .words import opcodes, tokens as word_tokens

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_W, _R = "{%s}" % W, "{%s}" % R
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
FIRST_REVISION_ID = 100000
"""Revision ids start here (bookmark ids of the writer stay far below, notes' above 900000)."""

El = etree._Element
Carry = Callable[[El], "El | None"]
"""A copy of an OLD element fit for NEW's parts (None: leave it out)."""

_CONTAINERS = {"hyperlink", "fldSimple", "smartTag"}
_PPR_AFTER_RPR = ("sectPr", "pPrChange")


def tag(element: El) -> str:
    """The local name of a WordprocessingML element ("" for comments)."""
    name = element.tag
    return name[len(_W):] if isinstance(name, str) and name.startswith(_W) else ""


def w(name: str, **attrs: str) -> etree._Element:
    element = etree.Element(_W + name)
    for key, value in attrs.items():
        element.set(_W + key, value)
    return element


# ---------------------------------------------------------------- the package


@dataclass
class Part:
    """One XML part and its relationships."""

    name: str
    root: etree._Element
    rels: etree._Element | None
    rels_name: str
    added_rels: int = 0

    def target(self, rid: str) -> str | None:
        if self.rels is None:
            return None
        for rel in self.rels:
            if rel.get("Id") == rid:
                return rel.get("Target")
        return None

    def hyperlink_id(self, url: str) -> str:
        """The id of an external hyperlink to ``url`` in this part, added when missing."""
        if self.rels is None:
            self.rels = etree.Element("{%s}Relationships" % PR, nsmap={None: PR})
        for rel in self.rels:
            rid = rel.get("Id")
            if rel.get("Type") == HYPERLINK and rel.get("Target") == url and rid:
                return rid
        self.added_rels += 1
        rid = f"rIdRedline{self.added_rels}"
        etree.SubElement(self.rels, "{%s}Relationship" % PR, Id=rid, Type=HYPERLINK, Target=url,
                         TargetMode="External")
        return rid


def _read_part(zf: zipfile.ZipFile, name: str) -> Part | None:
    if name not in zf.namelist():
        return None
    folder, _, base = name.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels"
    rels = etree.fromstring(zf.read(rels_name)) if rels_name in zf.namelist() else None
    return Part(name, etree.fromstring(zf.read(name)), rels, rels_name)


# ---------------------------------------------------------------- revisions


@dataclass
class Revisions:
    """Author, date and ids of the tracked changes."""

    author: str
    date: str
    """ISO 8601 (``2024-04-19T00:00:00Z``)."""
    next_id: int = FIRST_REVISION_ID
    counts: dict[str, int] = field(default_factory=lambda: {"ins": 0, "del": 0})

    def mark(self, kind: str) -> etree._Element:
        """An empty ``w:ins`` or ``w:del`` with id, author and date."""
        self.next_id += 1
        self.counts[kind] += 1
        return w(kind, id=str(self.next_id), author=self.author, date=self.date)


# ---------------------------------------------------------------- tokens of a paragraph


@dataclass
class Token:
    """A word, a space, or an indivisible piece (a tab, a note reference, a field) of a paragraph."""

    key: tuple[Any, ...]
    """What is compared: the link it is in, the run's formatting, and its text or identity."""
    text: str | None
    """The characters of a text token; None for an indivisible one."""
    rpr: etree._Element | None
    elements: list[El] = field(default_factory=list)
    """Indivisible: the runs (or other elements) that hold it."""
    container: etree._Element | None = None
    before: list[El] = field(default_factory=list)
    after: list[El] = field(default_factory=list)


class Tokeniser:
    """Cuts paragraphs into tokens; note references compared by the note's key."""

    def __init__(self, part: Part, note_keys: dict[str, str], note_numbers: dict[int, str]):
        self.part = part
        self.note_keys = note_keys
        self.note_numbers = note_numbers

    def paragraph(self, p: El) -> tuple[list[Token], list[El]]:
        """The tokens of ``p`` and the bookmarks left over when it has no token to hang them on."""
        out: list[Token] = []
        pending: list[El] = []
        field_runs: list[El] | None = None
        depth = 0
        for child, container in _run_level(p):
            name = tag(child)
            if name in ("bookmarkStart", "bookmarkEnd", "proofErr"):
                if name == "bookmarkEnd" and out and not pending:
                    out[-1].after.append(child)
                else:
                    pending.append(child)
                continue
            if name != "r":
                out.append(self._atomic(("element", etree.tostring(child)), [child], container, pending))
                pending = []
                continue
            chars = [c for c in child if tag(c) == "fldChar"]
            if field_runs is not None or chars:
                field_runs = (field_runs or []) + [child]
                for c in chars:
                    kind = c.get(_W + "fldCharType")
                    depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                if depth <= 0:
                    out.append(self._atomic(("field", self._field_key(field_runs)), field_runs, container, pending))
                    pending, field_runs, depth = [], None, 0
                continue
            for token in self._run(child, container):
                token.before, pending = pending, []
                out.append(token)
        if field_runs:
            out.append(self._atomic(("field", self._field_key(field_runs)), field_runs, container, pending))
            pending = []
        return out, pending

    def _atomic(self, key: tuple[str, object], elements: Iterable[El], container: El | None,
                pending: list[El]) -> Token:
        return Token((self._container_key(container), "atom", key), None, None, list(elements), container, list(pending))

    def _container_key(self, container: El | None) -> str | None:
        if container is None:
            return None
        rid = container.get(_R + "id")
        where = self.part.target(rid) if rid else container.get(_W + "anchor") or container.get(_W + "instr")
        return f"{tag(container)}:{where}"

    def _field_key(self, runs: list[El]) -> str:
        instr = "".join(t.text or "" for r in runs for t in r if tag(t) in ("instrText", "delInstrText"))
        return re.sub(r"_RefNote(\d+)", lambda m: "note:" + self.note_numbers.get(int(m.group(1)), m.group(1)),
                      " ".join(instr.split()))

    def _run(self, run: El, container: El | None) -> Iterator[Token]:
        rpr = run.find(_W + "rPr")
        style = etree.tostring(rpr) if rpr is not None else b""
        where = self._container_key(container)
        for child in run:
            name = tag(child)
            if name == "rPr":
                continue
            if name in ("t", "delText"):
                for word in word_tokens(child.text or ""):
                    yield Token((where, style, word), word, rpr, [], container)
            elif name in ("tab", "br", "cr", "noBreakHyphen", "softHyphen"):
                yield Token((where, style, name, child.get(_W + "type")), None, rpr, [_single(run, child)], container)
            elif name == "footnoteReference":
                ref = child.get(_W + "id") or ""
                key = self.note_keys.get(ref, ref)
                yield Token((where, style, "note", key), None, rpr, [_single(run, child)], container)
            else:  # footnoteRef, drawing, sym …: compared as their XML
                yield Token((where, style, etree.tostring(child)), None, rpr, [_single(run, child)], container)


def _single(run: El, child: El) -> El:
    """A run holding only ``child`` (with the run's properties)."""
    out = w("r")
    rpr = run.find(_W + "rPr")
    if rpr is not None:
        out.append(copy.deepcopy(rpr))
    out.append(copy.deepcopy(child))
    return out


def _run_level(p: El) -> Iterator[tuple[El, El | None]]:
    """(element, hyperlink-or-None) for every run-level child of ``p``, links opened."""
    for child in p:
        name = tag(child)
        if name == "pPr":
            continue
        if name in _CONTAINERS:
            for inner in child:
                yield inner, child
        else:
            yield child, None


def paragraph_text(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.text is not None:
            parts.append(token.text)
        elif token.key[-2:-1] == ("note",):
            parts.append(f"[^{token.key[-1]}]")
        elif token.key[1] == "atom" and token.key[2][0] == "field":
            parts.append(f"[{token.key[2][1]}]")
        elif len(token.key) > 2 and token.key[2] in ("tab", "br"):
            parts.append(" ")
    return "".join(parts)


# ---------------------------------------------------------------- writing runs


class Writer:
    """Builds the runs of a merged paragraph, OLD's pieces carried into NEW's parts."""

    def __init__(self, revisions: Revisions, carry: Carry):
        self.revisions = revisions
        self.carry = carry

    def merged(self, old: list[Token], new: list[Token]) -> list[El]:
        """Run-level elements of a paragraph revised from ``old`` to ``new``."""
        pieces: list[tuple[str, Token]] = []
        for op, i1, i2, j1, j2 in opcodes([t.key for t in old], [t.key for t in new]):
            if op == "equal":
                pieces += [("=", t) for t in new[j1:j2]]
            else:
                pieces += [("-", t) for t in old[i1:i2]]
                pieces += [("+", t) for t in new[j1:j2]]
        return self.elements(pieces)

    def elements(self, pieces: list[tuple[str, Token]]) -> list[El]:
        out: list[El] = []
        group: list[tuple[str, Token]] = []
        for piece in pieces:
            if group and not _same_container(group[-1][1], piece[1]):
                out += self._container(group)
                group = []
            group.append(piece)
        if group:
            out += self._container(group)
        return out

    def _container(self, group: list[tuple[str, Token]]) -> list[El]:
        status, token = group[0]
        items: list[El] = []
        run: list[tuple[str, Token]] = []
        for piece in group:
            if run and piece[0] != run[-1][0]:
                items += self._status(run)
                run = []
            run.append(piece)
        if run:
            items += self._status(run)
        if token.container is None:
            return items
        source = token.container if status != "-" else self.carry(token.container)
        if source is None:
            return items
        link = etree.Element(source.tag, attrib=dict(source.attrib))
        link.extend(items)
        return [link]

    def _status(self, run: list[tuple[str, Token]]) -> list[El]:
        status = run[0][0]
        old = status == "-"
        elements: list[El] = []
        joinable: tuple[object, El] | None = None  # the text the next word of the same formatting is added to
        for _, token in run:
            if not old and token.before:
                elements += [copy.deepcopy(b) for b in token.before]
                joinable = None
            if token.text is not None:
                if joinable is not None and joinable[0] == token.key[1]:
                    joinable[1].text = (joinable[1].text or "") + token.text
                else:
                    r = w("r")
                    if token.rpr is not None:
                        r.append(copy.deepcopy(token.rpr))
                    t = etree.SubElement(r, _W + ("delText" if old else "t"))
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    t.text = token.text
                    elements.append(r)
                    joinable = (token.key[1], t)
            else:
                joinable = None
                for element in token.elements:
                    piece = self.carry(element) if old else copy.deepcopy(element)
                    if piece is not None:
                        elements.append(piece)
            if not old and token.after:
                elements += [copy.deepcopy(a) for a in token.after]
                joinable = None
        if status == "=":
            return elements
        return wrap(elements, self.revisions, "del" if old else "ins")


def _same_container(a: Token, b: Token | None) -> bool:
    """Two tokens in the same link (or both in none)."""
    if b is None:
        return False
    if a.container is None or b.container is None:
        return a.container is None and b.container is None
    return bool(a.key[0] == b.key[0])


def wrap(elements: list[El], revisions: Revisions, kind: str) -> list[El]:
    """Runs in ``w:ins`` or ``w:del`` (deleted text as ``w:delText``); bookmarks left outside."""
    out: list[El] = []
    box: El | None = None
    for element in elements:
        if tag(element) == "r":
            if kind == "del":
                _to_deleted(element)
            if box is None:
                box = revisions.mark(kind)
                out.append(box)
            box.append(element)
        elif tag(element) in _CONTAINERS:
            inner = wrap(list(element), revisions, kind)
            for child in list(element):
                element.remove(child)
            element.extend(inner)
            out.append(element)
            box = None
        else:
            out.append(element)
            box = None
    return out


def _to_deleted(run: El) -> None:
    for child in run.iter():
        if child.tag == _W + "t":
            child.tag = _W + "delText"
        elif child.tag == _W + "instrText":
            child.tag = _W + "delInstrText"


def mark_paragraph(p: El, revisions: Revisions, kind: str) -> None:
    """Every run of ``p`` and its paragraph mark inserted or deleted."""
    children = [c for c in p if tag(c) != "pPr"]
    for child in children:
        p.remove(child)
    p.extend(wrap(children, revisions, kind))
    mark_paragraph_mark(p, revisions, kind)


def mark_paragraph_mark(p: El, revisions: Revisions, kind: str) -> None:
    ppr = p.find(_W + "pPr")
    if ppr is None:
        ppr = w("pPr")
        p.insert(0, ppr)
    rpr = ppr.find(_W + "rPr")
    if rpr is None:
        rpr = w("rPr")
        follower = next((c for c in ppr if tag(c) in _PPR_AFTER_RPR), None)
        if follower is not None:
            follower.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, revisions.mark(kind))


# ---------------------------------------------------------------- the merge


@dataclass
class Side:
    """One version: its parts and how its notes are keyed."""

    document: Part
    footnotes: Part | None
    numbering: Part | None
    styles: dict[str, str]
    note_keys: dict[str, str]
    """footnote id → note key"""
    note_numbers: dict[int, str]
    """note number → note key"""


def _side(zf: zipfile.ZipFile, tree: n.Document) -> Side:
    document = _read_part(zf, "word/document.xml")
    assert document is not None
    footnotes = _read_part(zf, "word/footnotes.xml")
    numbering = _read_part(zf, "word/numbering.xml")
    styles: dict[str, str] = {}
    if "word/styles.xml" in zf.namelist():
        for style in etree.fromstring(zf.read("word/styles.xml")).iter(_W + "style"):
            name = style.find(_W + "name")
            if name is not None:
                styles[style.get(_W + "styleId") or ""] = name.get(_W + "val") or ""
    ids: list[str] = []
    if footnotes is not None:
        ids = [f.get(_W + "id") or "" for f in footnotes.root.iter(_W + "footnote") if not f.get(_W + "type")]
    keys = [note_identity(note) for note in tree.notes]
    return Side(document, footnotes, numbering, styles, dict(zip(ids, keys)),
                {note.number: note_identity(note) for note in tree.notes})


class Merge:
    """OLD's and NEW's packages merged into NEW's, with tracked changes."""

    def __init__(self, old: Side, new: Side, revisions: Revisions):
        self.old, self.new, self.revisions = old, new, revisions
        self.note_ids: dict[str, str] = {key: fid for fid, key in new.note_keys.items()}
        self.num_ids: dict[str, str] = {}
        self.steps: list[Step] = []

    # -------------------------------------------------------- carrying OLD's pieces into NEW
    def carrier(self, old_part: Part, new_part: Part) -> Carry:
        def carry(element: El) -> El | None:
            if tag(element) == "drawing" or element.find(".//" + _W + "drawing") is not None:
                return None  # images of the old version are not carried over
            out = copy.deepcopy(element)
            for link in out.iter(_W + "hyperlink"):  # (iter includes ``out`` itself)
                self._relink(link, old_part, new_part)
            for ref in out.iter(_W + "footnoteReference"):
                ref.set(_W + "id", self.note_id(self.old.note_keys.get(ref.get(_W + "id") or "", "")))
            for mark in list(out.iter(_W + "bookmarkStart", _W + "bookmarkEnd")):
                _remove(mark)
            return out
        return carry

    @staticmethod
    def _relink(link: El, old_part: Part, new_part: Part) -> None:
        rid = link.get(_R + "id")
        if rid:
            url = old_part.target(rid)
            if url:
                link.set(_R + "id", new_part.hyperlink_id(url))
            else:
                del link.attrib[_R + "id"]

    def note_id(self, key: str) -> str:
        """NEW's footnote id of a note (a note NEW lacks gets an id of its own, see ``old_notes``)."""
        if key not in self.note_ids:
            taken = [int(i) for i in self.note_ids.values()]
            if self.new.footnotes is not None:
                taken += [int(f.get(_W + "id") or 0) for f in self.new.footnotes.root.iter(_W + "footnote")]
            self.note_ids[key] = str(max(taken + [0]) + 1)
        return self.note_ids[key]

    # -------------------------------------------------------- paragraphs
    def units(self, side: Side, part: Part, paragraphs: list[El]) -> list[Unit]:
        tokeniser = Tokeniser(part, side.note_keys, side.note_numbers)
        out = []
        for p in paragraphs:
            toks, _ = tokeniser.paragraph(p)
            ppr = p.find(_W + "pPr")
            style = ppr.find(_W + "pStyle") if ppr is not None else None
            style_id = (style.get(_W + "val") or "") if style is not None else ""
            kind = side.styles.get(style_id, style_id)
            text = paragraph_text(toks)
            ident = text.split(", ")[0] if kind == "Signatory" else None
            out.append(Unit(kind, text, ident, (p, toks)))
        return out

    def paragraphs(self, old_paras: list[El], new_paras: list[El], old_part: Part, new_part: Part,
                   old_side: Side | None = None, new_side: Side | None = None) -> list[Step]:
        """Merge ``old_paras`` into ``new_paras`` (elements of NEW's part, changed in place)."""
        steps = align(self.units(old_side or self.old, old_part, old_paras),
                      self.units(new_side or self.new, new_part, new_paras))
        carry = self.carrier(old_part, new_part)
        writer = Writer(self.revisions, carry)
        for step in steps:  # lists: OLD's numbering → NEW's, where a paragraph is in both
            if step.old is not None and step.new is not None:
                old_num, new_num = _num_id(step.old.data[0]), _num_id(step.new.data[0])
                if old_num and new_num:
                    self.num_ids.setdefault(old_num, new_num)
        pending: list[El] = []
        last: El | None = None
        for step in steps:
            if step.op in ("deleted", "moved-from"):
                assert step.old is not None
                p = self._carried_paragraph(step.old.data[0], carry)
                mark_paragraph(p, self.revisions, "del")
                pending.append(p)
                continue
            assert step.new is not None
            p = step.new.data[0]
            for gone in pending:
                p.addprevious(gone)
            pending = []
            last = p
            if step.op in ("inserted", "moved-to"):  # a move's old place is shown deleted
                mark_paragraph(p, self.revisions, "ins")
            elif step.op == "changed":
                assert step.old is not None
                old_tokens, new_tokens = step.old.data[1], step.new.data[1]
                _, trailing = Tokeniser(new_part, {}, {}).paragraph(p)
                merged = writer.merged(old_tokens, new_tokens)
                for child in [c for c in p if tag(c) != "pPr"]:
                    p.remove(child)
                p.extend(merged + [copy.deepcopy(m) for m in trailing])
        for gone in pending:
            if last is not None:
                last.addnext(gone)
                last = gone
        return steps

    def _carried_paragraph(self, p: El, carry: Carry) -> El:
        out = carry(p)
        if out is None:  # a paragraph that only held an image
            out = w("p")
            ppr = p.find(_W + "pPr")
            if ppr is not None:
                out.append(copy.deepcopy(ppr))
        numid = out.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        if numid is not None:
            mapped = self.num_id(numid.get(_W + "val") or "")
            numpr = numid.getparent()
            if mapped is None and numpr is not None:
                _remove(numpr)
            elif mapped is not None:
                numid.set(_W + "val", mapped)
        sect = out.find(f"{_W}pPr/{_W}sectPr")
        if sect is not None:
            _remove(sect)
        return out

    def num_id(self, old_id: str) -> str | None:
        """NEW's list for a list item of OLD: the same list, or a copy of OLD's numbering."""
        if old_id in self.num_ids:
            return self.num_ids[old_id]
        old_num, new_num = self.old.numbering, self.new.numbering
        if old_num is None or new_num is None:
            return None
        num = next((x for x in old_num.root.iter(_W + "num") if x.get(_W + "numId") == old_id), None)
        if num is None:
            return None
        abstract_ref = num.find(_W + "abstractNumId")
        if abstract_ref is None:
            return None
        abstract_id = abstract_ref.get(_W + "val")
        abstract = next((x for x in old_num.root.iter(_W + "abstractNum")
                         if x.get(_W + "abstractNumId") == abstract_id), None)
        new_abstract_id = str(max([int(x.get(_W + "abstractNumId") or 0)
                                   for x in new_num.root.iter(_W + "abstractNum")] + [0]) + 1)
        new_id = str(max([int(x.get(_W + "numId") or 0) for x in new_num.root.iter(_W + "num")] + [0]) + 1)
        if abstract is not None:
            abstract = copy.deepcopy(abstract)
            abstract.set(_W + "abstractNumId", new_abstract_id)
            for nsid in abstract.iter(_W + "nsid"):
                abstract.remove(nsid) if nsid.getparent() is abstract else None
            nums = list(new_num.root.iter(_W + "num"))
            (nums[0].addprevious(abstract) if nums else new_num.root.append(abstract))
        num = copy.deepcopy(num)
        num.set(_W + "numId", new_id)
        for ref in num.iter(_W + "abstractNumId"):
            ref.set(_W + "val", new_abstract_id)
        new_num.root.append(num)
        self.num_ids[old_id] = new_id
        return new_id

    # -------------------------------------------------------- parts
    def body(self) -> list[Step]:
        old_body = self.old.document.root.find(_W + "body")
        new_body = self.new.document.root.find(_W + "body")
        assert old_body is not None and new_body is not None  # the DOCX writer always writes a body
        self.steps = self.paragraphs(list(old_body.iter(_W + "p")), list(new_body.iter(_W + "p")),
                                     self.old.document, self.new.document)
        return self.steps

    def footnotes(self) -> None:
        new_part, old_part = self.new.footnotes, self.old.footnotes
        if new_part is None or old_part is None:
            return
        old_notes = {f.get(_W + "id") or "": f for f in old_part.root.iter(_W + "footnote") if not f.get(_W + "type")}
        old_by_key = {self.old.note_keys[i]: f for i, f in old_notes.items() if i in self.old.note_keys}
        for note in [f for f in new_part.root.iter(_W + "footnote") if not f.get(_W + "type")]:
            key = self.new.note_keys.get(note.get(_W + "id") or "")
            before = old_by_key.get(key) if key is not None else None
            if before is None:
                for p in note.iter(_W + "p"):
                    mark_paragraph(p, self.revisions, "ins")
            else:
                self.paragraphs(list(before.iter(_W + "p")), list(note.iter(_W + "p")), old_part, new_part)
        carry = self.carrier(old_part, new_part)
        for key, old in old_by_key.items():
            if key in self.new.note_keys.values():
                continue
            if key not in self.note_ids:
                continue  # cited nowhere in the merged text: nothing refers to it
            carried = carry(old)
            if carried is None:
                continue
            carried.set(_W + "id", self.note_ids[key])
            for p in carried.iter(_W + "p"):
                mark_paragraph(p, self.revisions, "del")
            new_part.root.append(carried)


def redline_docx(old_bytes: bytes, new_bytes: bytes, old_tree: n.Document, new_tree: n.Document,
                 author: str, date: str) -> tuple[bytes, list[Step], dict[str, int]]:
    """The NEW package with OLD → NEW as tracked changes; also the body's steps and change counts."""
    with zipfile.ZipFile(io.BytesIO(old_bytes)) as old_zip, zipfile.ZipFile(io.BytesIO(new_bytes)) as new_zip:
        old, new = _side(old_zip, old_tree), _side(new_zip, new_tree)
        revisions = Revisions(author, date)
        merge = Merge(old, new, revisions)
        steps = merge.body()
        merge.footnotes()
        replaced: dict[str, bytes] = {}
        for part in (new.document, new.footnotes, new.numbering):
            if part is None:
                continue
            replaced[part.name] = _xml(part.root)
            if part.rels is not None:
                replaced[part.rels_name] = _xml(part.rels)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            names = new_zip.namelist()
            stamp = new_zip.infolist()[0].date_time
            for name in names + [x for x in replaced if x not in names]:
                info = zipfile.ZipInfo(name, stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                out.writestr(info, replaced.get(name) or new_zip.read(name))
        return buffer.getvalue(), steps, dict(revisions.counts)


def _xml(root: El) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _remove(element: El) -> None:
    """Take ``element`` out of its parent."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _num_id(p: El) -> str | None:
    numid = p.find(f"{_W}pPr/{_W}numPr/{_W}numId")
    return numid.get(_W + "val") if numid is not None else None
