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

The zones of many letters are laid out together (``PdfStencils.prepare``): one small page
holds each letter's window and salutation in turn (the windows, absolutely placed, lie on
one another; the salutations follow one another), so that what a layout costs whatever its
size — parsing the page, the cascade, the page and its margin boxes — is paid once for
the lot rather than once a letter (measured: 35 of the 90 ms a letter cost).  Each box is
then moved to where the first letter has it, which changes no line of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from ..document import Document
from . import WriterOptions
from .pdf import Layout, PdfFile, finish, lay_out, make_pdf, paged_html
from .pdf_replay import Replay

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
        return zones_page([self])


def zones_page(letters: Sequence[Zones]) -> str:
    """One page holding the zones of letters with the same frame, each window followed by its salutation."""
    return letters[0].shell.replace(_CUT, "".join(z.window + z.salutation for z in letters), 1)


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


@dataclass(frozen=True)
class Laid:
    """A letter's zones laid out (perhaps on one page with other letters'): the boxes for the slots."""

    layout: Layout
    """The small page's layout (its fetcher and folders are checked as the letter's PDF is written)."""
    window: Any
    salutation: Any


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
        first_page = self.layout.rendered.pages[0]._page_box
        window, salutation = _find(first_page, _is_window), _find(first_page, _is_salutation)
        self.slots = (window, salutation) if window and salutation else None
        zones_boxes = {id(getattr(_at(slot), "_box", _at(slot))) for slot in self.slots or ()}
        self.replay: Replay | None = Replay(
            {id(box) for page_ in self.layout.rendered.pages for box in _drawn_boxes(page_._page_box, zones_boxes)})
        """The drawing of the text and pictures every letter shares, kept as the first letter is drawn (pdf_replay)."""
        try:
            self.first = self._finish(document, self.layout)
            """The first letter's own PDF (its full render)."""
            self.usable = self.slots is not None and self._graft(document, found) == self.first.data
            """The stencil remakes its own letter byte for byte (else it is never used)."""
        except (AttributeError, TypeError, KeyError):  # another WeasyPrint's insides: no replay
            self.replay, self.usable = None, False
            self.first = self._finish(document, self.layout)
        if self.slots is not None and not self.usable:  # without the replay, then
            self.replay = None
            self.usable = self._graft(document, found) == self.first.data

    def write(self, document: Document, found: Zones | None = None, laid: Laid | None = None) -> PdfFile | None:
        """The letter to this document's recipient (``found``: the zones of its paged HTML, when
        already cut; ``laid``: its zones, when already laid out), or None when it is not the
        stencil's letter."""
        if found is None:
            found = zones(paged_html(document, self.options))
        if not self.usable or found is None or found.frame != self.zones.frame:
            return None
        data = self._graft(document, found, laid)
        return None if data is None else PdfFile(data, len(self.layout.rendered.pages))

    def lay_out_zones(self, document: Document, letters: Sequence[Zones]) -> list[Laid]:
        """The zones of ``letters`` (this stencil's frame; ``document`` is one of them) laid out on
        one small page, in their order; empty when that page is not one page holding a window and
        a salutation for each."""
        small = lay_out(document, self.options, zones_page(letters))
        if len(small.rendered.pages) != 1:
            return []
        box = small.rendered.pages[0]._page_box
        windows, salutations = _find_all(box, _is_window), _find_all(box, _is_salutation)
        pairs = [(window, salutation) for window, salutation in zip(windows, salutations) if window and salutation]
        if not len(windows) == len(salutations) == len(pairs) == len(letters):
            return []
        return [Laid(small, _at(window), _at(salutation)) for window, salutation in pairs]

    def _graft(self, document: Document, found: Zones, laid: Laid | None = None) -> bytes | None:
        """The PDF with ``found``'s zones (laid out now, or ``laid``) in place of the first letter's."""
        assert self.slots is not None
        if laid is None:
            alone = self.lay_out_zones(document, [found])
            if not alone:
                return None
            laid = alone[0]
        new_window, new_salutation = laid.window, laid.salutation
        old_window, old_salutation = (_at(slot) for slot in self.slots)
        if not (_same_size(new_salutation, old_salutation) and _same_size(new_window, old_window)):
            return None  # the body would move: the full render places it
        _move(new_window, old_window)  # the window is absolutely placed and the salutation one line:
        _move(new_salutation, old_salutation)  # moved whole, no line of either changes
        rendered = self._pages()
        try:
            _put(self.slots[0], new_window)
            _put(self.slots[1], new_salutation)
            return self._finish(document, laid.layout, rendered).data
        finally:
            _put(self.slots[0], old_window)
            _put(self.slots[1], old_salutation)

    def _finish(self, document: Document, layout: Layout, rendered: Any = None) -> PdfFile:
        """The PDF of the stencil's pages (``rendered``: with the grafted zones), its shared text replayed."""
        rendered = self._pages() if rendered is None else rendered
        if self.replay is None:
            return finish(document, self.options, layout, rendered)
        with self.replay.active():
            return finish(document, self.options, layout, rendered)

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


def _find(box: Any, wanted: Callable[[Any], bool]) -> _Slot | None:
    """The one slot whose box is ``wanted`` (None unless there is exactly one)."""
    found = _find_all(box, wanted)
    return found[0] if len(found) == 1 else None


def _find_all(box: Any, wanted: Callable[[Any], bool]) -> list[_Slot | None]:
    """The slots whose box is ``wanted``, in the document's order (None for one in a tuple, which
    cannot be replaced)."""
    def match(real: Any) -> bool:
        return getattr(real, "element", None) is not None and wanted(real)

    return [_Slot(children, index) if isinstance(children, list) else None
            for children, index, real in _descendants(box, stop=match) if match(real)]


def _drawn_boxes(box: Any, leave_out: set[int]) -> list[Any]:
    """The text and replaced boxes (pictures) in ``box``'s tree, but not in the boxes whose ``id``
    is in ``leave_out``."""
    from weasyprint.formatting_structure.boxes import ReplacedBox, TextBox  # imported by .pdf, as it must be

    def left_out(real: Any) -> bool:
        return id(real) in leave_out

    return [real for _, _, real in _descendants(box, stop=left_out)
            if isinstance(real, (TextBox, ReplacedBox)) and not left_out(real)]


def _descendants(box: Any, stop: Callable[[Any], bool]) -> Iterator[tuple[list[Any] | tuple[Any, ...], int, Any]]:
    """Every box below ``box`` in the document's order, as (its parent's children, its index
    there, the box: an absolutely positioned one rather than its placeholder), but none below
    a box that ``stop``s."""
    children = getattr(box, "children", None)
    if not isinstance(children, (list, tuple)):
        return
    for index, child in enumerate(children):
        real = getattr(child, "_box", child)  # an absolutely positioned box stands in its placeholder
        yield children, index, real
        if not stop(real):
            yield from _descendants(real, stop)


def _same_size(new: Any, old: Any) -> bool:
    return _same(new.margin_width(), old.margin_width()) and _same(new.margin_height(), old.margin_height())


def _move(box: Any, to: Any) -> None:
    """``box`` (or the placeholder of an absolutely placed one) put where ``to`` is."""
    box.translate(to.position_x - box.position_x, to.position_y - box.position_y)


def _at(slot: _Slot) -> Any:
    return slot.children[slot.index]


def _put(slot: _Slot, box: Any) -> None:
    slot.children[slot.index] = box


class PdfStencils:
    """The stencils of a merge in one process: one for each frame (language, closing …) that recurs.

    The first letter makes a stencil; a letter whose frame no stencil has is rendered in full,
    and makes a stencil of its own only when a second letter with its frame comes (a merge whose
    body names each recipient never pays for stencils it cannot use).  At most ``limit`` are kept.
    ``prepare(documents)`` lays out the zones of the next letters together; ``make`` then only
    grafts each.
    """

    def __init__(self, options: WriterOptions, limit: int = 8):
        self.options = options
        self.limit = limit
        self.by_frame: dict[str, PdfStencil] = {}
        self.seen: set[int] = set()
        self.used = 0
        """Letters made through a stencil (the rest were laid out in full)."""
        self.prepared: dict[int, _Prepared] = {}

    def prepare(self, documents: Sequence[Document]) -> None:
        """Lay out together the zones of those of ``documents`` (letters about to be made) whose
        frame has a stencil, so that ``make`` of each only grafts them.  Nothing is prepared for a
        batch that does not lay out as expected: each of its letters is then made alone."""
        by_frame: dict[str, list[tuple[_Prepared, Zones]]] = {}
        for document in documents:
            page = paged_html(document, self.options)
            found = zones(page)
            entry = self.prepared[id(document)] = _Prepared(document, page, found)
            if found is not None and found.frame in self.by_frame:
                by_frame.setdefault(found.frame, []).append((entry, found))
        for frame, letters in by_frame.items():
            stencil = self.by_frame[frame]
            if len(letters) < 2 or not stencil.usable:
                continue
            laid = stencil.lay_out_zones(letters[0][0].document, [found for _, found in letters])
            for (entry, _), zones_laid in zip(letters, laid):
                entry.laid = zones_laid

    def make(self, document: Document) -> PdfFile:
        """The letter's PDF: through a stencil where it fits one, else laid out in full."""
        prepared = self.prepared.pop(id(document), None)
        if prepared is None or prepared.document is not document:
            prepared = _Prepared(document, page := paged_html(document, self.options), zones(page))
        page, found = prepared.page, prepared.found
        if found is None:
            return make_pdf(document, self.options, page)
        stencil = self.by_frame.get(found.frame)
        if stencil is not None:
            made = stencil.write(document, found, prepared.laid)
            if made is not None:
                self.used += 1
            return made if made is not None else make_pdf(document, self.options, page)
        key = hash(found.frame)
        if len(self.by_frame) >= self.limit or (self.by_frame and key not in self.seen):
            self.seen.add(key)
            return make_pdf(document, self.options, page)
        stencil = self.by_frame[found.frame] = PdfStencil(document, self.options, page)
        return stencil.first

    def forget(self) -> None:
        """Drop what ``prepare`` laid out for letters that were not made (a failed letter)."""
        self.prepared.clear()


@dataclass
class _Prepared:
    """A letter's paged HTML, its zones, and those zones laid out when a batch did it."""

    document: Document
    page: str
    found: Zones | None
    laid: Laid | None = None


__all__ = ["Laid", "PdfStencil", "PdfStencils", "Zones", "zones", "zones_page"]
