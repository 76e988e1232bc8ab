"""Many letters that differ only in their recipient: the PDF laid out once, per recipient only the window and the salutation.

A mail merge sends the same letter to each recipient.  Laying out the page (WeasyPrint's
cascade, line breaking, floats) is most of a PDF's cost, and all of it but the address
window and the salutation is the same for every recipient.  ``PdfStencil`` lays out the
first letter in full and keeps its pages; for each recipient it lays out only a small page
holding the two zones (the same stylesheets, fonts and page), puts their boxes in place
of the first letter's, and writes the PDF from those pages.  Drawing, fonts (subset to
each letter's characters), tags and metadata are WeasyPrint's own, from the boxes, so the
structure tree keeps the reading order letterhead, address, date, subject, salutation, body.

The zones cannot move the body, as in DIN 5008: the window is an absolutely positioned box
of a fixed size (style.css ``.recipients.window``) that nothing flows around, and the
salutation is used only when its box has the very height of the first letter's (one line,
the same line height), so that every line of the body stays where it was.  A letter that
differs anywhere else (a ``{recipient.…}`` placeholder in the body, a closing chosen by
the recipient's rank, a template that prints the recipient elsewhere: the paged HTML with
the two zones cut out is compared), or whose salutation wraps or has another height, is
not the stencil's: ``write`` returns None and the caller renders it in full.  A stencil
that cannot remake its own first letter byte for byte is never used (``usable``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..document import Document
from . import WriterOptions
from .pdf import PdfFile, finish, lay_out, make_pdf, paged_html

WINDOW = re.compile(r'<div class="recipients window[^"]*"[^>]*>.*?</div>', re.S)
"""The address window as blocks.html.j2 writes it (no ``div`` inside it)."""
SALUTATION = re.compile(r'<p class="salutation"[^>]*>.*?</p>', re.S)
MAIN = re.compile(r'(<main class="body"[^>]*>).*(</main>)', re.S)
BODY = re.compile(r"<body[^>]*>")
ARTICLE = re.compile(r"<article[^>]*>")
_CUT = "\ue000paperkit-zone\ue001"
SAME = 1e-7
"""Lengths (CSS px) closer than this are the same: a millionth of a point is what the PDF writes."""


@dataclass(frozen=True)
class Zones:
    """A letter's paged HTML split into what every recipient shares and the two zones."""

    frame: str
    """The page with the window and the salutation cut out."""
    window: str
    salutation: str

    shell: str
    """The page's head and the tags that hold ``<main>`` (body, article), with a slot for the zones:
    the running footer, the letterhead and the body are left out (they are the stencil's)."""

    def page(self) -> str:
        """A page holding only the zones, in the letter's own ``<main>``: what is laid out per recipient."""
        return self.shell.replace(_CUT, self.window + self.salutation, 1)


def zones(page: str) -> Zones | None:
    """The zones of a letter's paged HTML; None when it has not exactly one window and one salutation."""
    windows, salutations = WINDOW.findall(page), SALUTATION.findall(page)
    if len(windows) != 1 or len(salutations) != 1 or "<div" in windows[0][4:] or _CUT in page:
        return None
    frame = WINDOW.sub(_CUT, page, count=1)
    frame = SALUTATION.sub(_CUT, frame, count=1)
    body, main = BODY.search(frame), MAIN.search(frame)
    article = ARTICLE.search(frame, body.end()) if body else None
    if body is None or main is None or article is None or not body.end() <= article.start() < main.start():
        return None
    shell = (frame[:body.end()] + article.group(0) + main.group(1) + _CUT + main.group(2)
             + "</article></body></html>")
    return Zones(frame, windows[0], salutations[0], shell)


@dataclass
class _Slot:
    """Where a zone's box sits in the laid-out page tree: its parent's children, at ``index``."""

    children: list[Any]
    index: int


class PdfStencil:
    """The PDF of one letter in one language, laid out once, for any recipient with the same frame."""

    def __init__(self, document: Document, options: WriterOptions, page: str | None = None):
        page = paged_html(document, options) if page is None else page
        found = zones(page)
        if found is None:
            raise ValueError("a PDF stencil needs a letter with one address window and one salutation")
        self.options = options
        self.zones = found
        self.layout = lay_out(document, options, page)
        self.first = finish(document, options, self.layout, self._pages())
        """The first letter's own PDF (its full render)."""
        first_page = self.layout.rendered.pages[0]._page_box
        window, salutation = _find(first_page, _is_window), _find(first_page, _is_salutation)
        self.slots = (window, salutation) if window and salutation else None
        self.usable = self.slots is not None and self._graft(document, found) == self.first.data
        """The stencil remakes its own letter byte for byte (else it is never used)."""

    def write(self, document: Document, found: Zones | None = None) -> PdfFile | None:
        """The letter to this document's recipient (``found``: the zones of its paged HTML, when
        already cut), or None when it is not the stencil's letter."""
        if found is None:
            found = zones(paged_html(document, self.options))
        if not self.usable or found is None or found.frame != self.zones.frame:
            return None
        data = self._graft(document, found)
        return None if data is None else PdfFile(data, len(self.layout.rendered.pages))

    def _graft(self, document: Document, found: Zones) -> bytes | None:
        """The PDF with ``found``'s zones laid out and put in place of the first letter's."""
        assert self.slots is not None
        small = lay_out(document, self.options, found.page())
        if len(small.rendered.pages) != 1:
            return None
        box = small.rendered.pages[0]._page_box
        window, salutation = _find(box, _is_window), _find(box, _is_salutation)
        if window is None or salutation is None:
            return None
        new_window, new_salutation = _at(window), _at(salutation)
        old_window, old_salutation = (_at(slot) for slot in self.slots)
        if not (_same(new_salutation.margin_height(), old_salutation.margin_height())
                and _same(new_salutation.margin_width(), old_salutation.margin_width())
                and _same(new_window.margin_height(), old_window.margin_height())):
            return None  # the body would move: the full render places it
        new_salutation.translate(old_salutation.position_x - new_salutation.position_x,
                                 old_salutation.position_y - new_salutation.position_y)
        if not (_same(new_window.position_x, old_window.position_x) and _same(new_window.position_y, old_window.position_y)):
            return None
        rendered = self._pages()
        try:
            _put(self.slots[0], new_window)
            _put(self.slots[1], new_salutation)
            return finish(document, self.options, small, rendered).data
        finally:
            _put(self.slots[0], old_window)
            _put(self.slots[1], old_salutation)

    def _pages(self) -> Any:
        """A new WeasyPrint document of the laid-out pages: its fonts are gathered afresh as it is drawn."""
        base = self.layout.rendered
        rendered = type(base)(base.pages, base.metadata, base.url_fetcher, base.font_config,
                              dict(base.color_profiles), base.output_intent)
        rendered._html = getattr(base, "_html", None)
        return rendered


def _same(a: float, b: float) -> bool:
    """Equal lengths (CSS px) but for the last bits of a float: a box laid out lower on the page
    may come out 1e-14 px taller; the PDF writes 6 decimals."""
    return abs(a - b) <= SAME


def _is_window(box: Any) -> bool:
    return _classes(box) >= {"recipients", "window"}


def _is_salutation(box: Any) -> bool:
    return box.element_tag == "p" and "salutation" in _classes(box)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None else set()


def _find(box: Any, wanted: Any) -> _Slot | None:
    """The one slot whose box is ``wanted`` (None unless there is exactly one)."""
    found: list[_Slot] = []
    stack = [box]
    while stack:
        parent = stack.pop()
        children = getattr(parent, "children", None)
        if not isinstance(children, (list, tuple)):
            continue
        for index, child in enumerate(children):
            real = getattr(child, "_box", child)  # an absolutely positioned box stands in its placeholder
            if getattr(real, "element", None) is not None and wanted(real):
                if not isinstance(children, list):
                    return None
                found.append(_Slot(children, index))
            else:
                stack.append(real)
    return found[0] if len(found) == 1 else None


def _at(slot: _Slot) -> Any:
    return slot.children[slot.index]


def _put(slot: _Slot, box: Any) -> None:
    slot.children[slot.index] = box


class PdfStencils:
    """The stencils of a merge in one process: one for each frame (language, closing …) that recurs.

    The first letter makes a stencil; a letter whose frame no stencil has is rendered in full,
    and makes a stencil of its own only when a second letter with its frame comes (a merge whose
    body names each recipient never pays for stencils it cannot use).  At most ``limit`` are kept.
    """

    def __init__(self, options: WriterOptions, limit: int = 8):
        self.options = options
        self.limit = limit
        self.by_frame: dict[str, PdfStencil] = {}
        self.seen: set[int] = set()
        self.used = 0
        """Letters made through a stencil (the rest were laid out in full)."""

    def make(self, document: Document) -> PdfFile:
        """The letter's PDF: through a stencil where it fits one, else laid out in full."""
        page = paged_html(document, self.options)
        found = zones(page)
        if found is None:
            return make_pdf(document, self.options, page)
        stencil = self.by_frame.get(found.frame)
        if stencil is not None:
            made = stencil.write(document, found)
            if made is not None:
                self.used += 1
            return made if made is not None else make_pdf(document, self.options, page)
        key = hash(found.frame)
        if len(self.by_frame) >= self.limit or (self.by_frame and key not in self.seen):
            self.seen.add(key)
            return make_pdf(document, self.options, page)
        stencil = self.by_frame[found.frame] = PdfStencil(document, self.options, page)
        return stencil.first


__all__ = ["PdfStencil", "PdfStencils", "Zones", "zones"]
