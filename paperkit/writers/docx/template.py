"""A DOCX template read once: its bytes (rebuilt from the allow-list of ``clean.py``) and
what paperkit needs to know about it.

docxtpl re-reads and re-parses its template on every render; paperkit keeps, per template
file (keyed by path, size and mtime), the bytes, the style ids by name, the list indents,
the separator footnotes and numbering definitions, and the page size.  The Jinja
environment is a ``SandboxedEnvironment`` with autoescaping whose ``from_string`` keeps
compiled templates: docxtpl hands it the same patched XML for every render of a template.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ...errors import PaperkitError
from ..sandbox import StrictSandbox
from .blocks import STYLE_NAMES
from .clean import clean_docx
from .footnotes import template_separators
from .numbering import existing_ids
from .package import PAPER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_INDENTED = ("ListNumber", "ListNumber2", "ListNumber3", "ListBullet", "ListBullet2", "ListBullet3",
             "NumberedParagraph")


class TemplateError(PaperkitError, ValueError):
    """A DOCX template paperkit cannot use (named in the message): invalid input, exit code 2."""

    exit_code = 2


@dataclass(frozen=True)
class DocxTemplateInfo:
    path: Path
    data: bytes
    styles: dict[str, str]
    """paperkit's style key → the template's style id."""
    indents: dict[str, tuple[int, int]]
    """list style key → (left, hanging) in twips, from the template's list styles."""
    separators: str
    first_note_id: int
    first_abstract: int
    first_num: int
    side_margins: int
    """left + right page margins of the template's last section, in twips."""

    def text_width(self, paper: str) -> int:
        """Width between the margins on ``paper`` (twips)."""
        return PAPER.get(paper.upper(), PAPER["A4"])[0] - self.side_margins


_CACHE: dict[tuple[str, int, int], DocxTemplateInfo] = {}
_LOCK = threading.Lock()


def load_template(path: Path) -> DocxTemplateInfo:
    """The template at ``path``, read and inspected once per version of the file."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    info = _CACHE.get(key)
    if info is None:  # rebuilt from the allow-list first: nothing of another organisation's file passes unseen
        info = _inspect(path, clean_docx(path.read_bytes(), str(path)).data)
        with _LOCK:
            _CACHE[key] = info
    return info


def _inspect(path: Path, data: bytes) -> DocxTemplateInfo:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            read = lambda name: zf.read(name) if name in names else None  # noqa: E731
            document, styles = read("word/document.xml"), read("word/styles.xml")
            footnotes, numbering = read("word/footnotes.xml"), read("word/numbering.xml")
    except zipfile.BadZipFile as exc:
        raise TemplateError(f"{path}: not a .docx file ({exc})") from None
    if document is None:
        raise TemplateError(f"{path}: no word/document.xml")
    if b"body" not in document or not _has_body_tag(document):
        raise TemplateError(f"{path}: the template needs a paragraph holding only {{{{p body }}}}")
    style_ids, indents = _styles(styles)
    separators, first_note = template_separators(footnotes)
    first_abstract, first_num = existing_ids(numbering)
    return DocxTemplateInfo(path, data, style_ids, indents, separators, first_note, first_abstract, first_num,
                            _side_margins(document))


def _side_margins(document: bytes) -> int:
    margins = etree.fromstring(document).findall(f".//{_W}sectPr/{_W}pgMar")
    if not margins:
        return 2 * 1418
    last = margins[-1]
    return sum(int(last.get(_W + side) or last.get(_W + alt) or 0)
               for side, alt in (("left", "start"), ("right", "end")))


def _has_body_tag(document: bytes) -> bool:
    text = "".join(etree.fromstring(document).itertext())
    return "".join(text.split()).find("{{pbody}}") >= 0


def _styles(styles_xml: bytes | None) -> tuple[dict[str, str], dict[str, tuple[int, int]]]:
    by_name: dict[str, etree._Element] = {}
    if styles_xml:
        for style in etree.fromstring(styles_xml).iter(_W + "style"):
            name = style.find(_W + "name")
            if name is not None:
                by_name[name.get(_W + "val", "").lower()] = style
    ids, indents = {}, {}
    for key, name in STYLE_NAMES.items():
        style = by_name.get(name.lower())
        ids[key] = style.get(_W + "styleId") if style is not None else key
        if key in _INDENTED and style is not None:
            ind = style.find(f"{_W}pPr/{_W}ind")
            if ind is not None and ind.get(_W + "hanging") is not None:
                left = ind.get(_W + "left") or ind.get(_W + "start") or "0"
                indents[key] = (int(left), int(ind.get(_W + "hanging")))
    return ids, indents


class CachingSandbox(StrictSandbox):
    """paperkit's sandbox (autoescaping, stops at any unsafe access) reusing compiled templates.

    docxtpl compiles the same patched template XML with ``from_string`` on every render;
    compiled templates are immutable, so keeping the last few is safe.
    """

    def __init__(self, size: int = 64):
        super().__init__(autoescape=True)  # and StrictUndefined: a misspelt tag is an error, not a blank
        self._compiled: OrderedDict[str, object] = OrderedDict()
        self._size = size
        self._compiled_lock = threading.Lock()
        self._local = threading.local()

    def last_source(self) -> str | None:
        """The template source this thread compiled last (to quote a failing tag)."""
        return getattr(self._local, "source", None)

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
        self._local.source = source if isinstance(source, str) else None
        if globals or template_class or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._compiled_lock:
            template = self._compiled.get(source)
            if template is not None:
                self._compiled.move_to_end(source)
                return template
        template = super().from_string(source)
        with self._compiled_lock:
            self._compiled[source] = template
            while len(self._compiled) > self._size:
                self._compiled.popitem(last=False)
        return template
