"""Text (and pictures) a merge draws in every letter, drawn once: what WeasyPrint wrote, written again.

Drawing a line of text is WeasyPrint's costliest step after layout: for each glyph, Python
builds the text-showing operator, looks up its width and maps it to its characters.  In a
mail merge the body's lines are the very same boxes in every letter (writers/pdf_stencil.py
grafts only the window and the salutation), so what drawing them does can be kept and done
again (and so can drawing a logo from SVG, Python too): the operators added to the page's content stream, the state of the stream after them
(colour, opacity, font — WeasyPrint leaves out an operator that would repeat the state), the
opacity states added to the page's resources, and for each font the glyphs used with their
characters and widths (for the subset and the ``ToUnicode`` map).

A box is replayed only when the stream is in the very state it was in when the box was
drawn (the same colour, opacity and font, and whether a text object has just ended, which
WeasyPrint reopens), and when every font it uses is already in the letter's fonts (a font
is registered by a box drawn for real); otherwise it is drawn for real.  Glyph maps are
added as WeasyPrint adds them (a glyph keeps the characters it first had), so the fonts,
and the whole PDF, are the same bytes.  Marked content (the tags) is not the text's:
WeasyPrint opens it around each box, and still does.  A box that drew a missing glyph,
an emoji, or anything but plain operators is never kept.

Fonts are subset once for each set of glyphs kept (``Font.clean`` remembered by the font file,
the glyphs and what else changes the subset): most letters keep the same glyphs of every font
but the window's.

``PdfStencil`` checks, before it is used, that a letter it makes with the replay is byte for
byte the letter it makes without.
"""

from __future__ import annotations

import copy
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from .weasyprint_import import import_weasyprint

import_weasyprint()  # before the line below: WeasyPrint's libraries loaded without find_library

import weasyprint.draw
import weasyprint.pdf.fonts

_CLEANED = 64
"""Subset fonts kept (a letter has a few; the window's font changes with each recipient)."""

_STATE = ("_current_color", "_current_color_stroke", "_current_alpha", "_current_alpha_stroke",
          "_current_font", "_current_font_size", "_old_font", "_old_font_size")
"""The stream's attributes that decide which operators WeasyPrint leaves out."""


@dataclass(frozen=True)
class _Drawn:
    """What drawing one text box did, from one state of the stream."""

    before: tuple[Any, ...]
    after: tuple[Any, ...]
    popped: int
    """Operators taken off the end of the stream first (the ``ET`` that ``BT`` reopens)."""
    operators: tuple[bytes, ...]
    states: tuple[tuple[str, Any], ...]
    """Opacity states added to the page's resources."""
    glyphs: tuple[tuple[Any, tuple[tuple[int, str], ...], tuple[tuple[int, int], ...]], ...]
    """For each font used (its key): the glyphs' characters and widths, in the order drawn."""
    fonts: tuple[Any, ...]
    """The keys of the fonts the box asked for, in the order it asked (a font is added to the
    letter's fonts when it is first asked for)."""


class _Tape(list[Any]):
    """A content stream's operators that count what is taken off below ``mark``."""

    mark = 0
    below = 0

    def pop(self, index: Any = -1) -> Any:
        if index == -1 and len(self) <= self.mark:
            self.mark -= 1
            self.below += 1
        return super().pop(index)


class Replay:
    """Replays the drawing of the text and replaced boxes in ``shared`` (their ``id``s; the boxes are kept alive
    by the pages that hold them), while ``active``."""

    def __init__(self, shared: set[int]):
        self.shared = shared
        self.drawn: dict[tuple[Any, ...], list[_Drawn]] = {}
        self.replayed = 0
        self.cleaned: dict[tuple[Any, ...], tuple[bytes, dict[str, Any]]] = {}
        """Fonts subset (``Font.clean``) by the file, the glyphs kept and what else changes the subset:
        most letters of a merge keep the same glyphs of every font but the address window's."""
        self.fonts: dict[Any, Any] = {}
        """A pristine copy of each font a letter used (WeasyPrint's ``Font``: its file, metrics and
        tables read once), from which a letter gets the font a replayed box asks for first."""

    @contextmanager
    def active(self) -> Iterator[None]:
        """WeasyPrint's ``draw_text`` and ``draw_replacedbox`` (a logo drawn from SVG) replaced by
        this replay for the block."""
        text: Callable[..., Any] = weasyprint.draw.draw_text
        picture: Callable[..., Any] = weasyprint.draw.draw_replacedbox

        def draw_text(stream: Any, box: Any, offset_x: Any, text_overflow: Any, block_ellipsis: Any = "none") -> Any:
            if id(box) not in self.shared:
                return text(stream, box, offset_x, text_overflow, block_ellipsis)
            return self._draw(text, stream, box, offset_x, text_overflow, block_ellipsis)

        def draw_replacedbox(stream: Any, box: Any) -> Any:
            if id(box) not in self.shared:
                return picture(stream, box)
            return self._draw(picture, stream, box)

        font_class = weasyprint.pdf.fonts.Font
        clean: Callable[..., Any] = font_class.clean
        cleaned = self.cleaned

        def clean_once(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
            key = (font.file_content, font.index, frozenset(to_unicode), hinting, bool(font.missing), font.weight,
                   font.font_size, font.style, tuple(sorted(font.variations.items())))
            done = cleaned.get(key)
            if done is None:
                clean(font, to_unicode, hinting)
                if len(cleaned) >= _CLEANED:
                    cleaned.clear()
                done = cleaned[key] = (font.file_content, dict(font.variations))
            font.file_content, font.variations = done[0], dict(done[1])

        weasyprint.draw.draw_text, weasyprint.draw.draw_replacedbox = draw_text, draw_replacedbox
        font_class.clean = clean_once
        try:
            yield
        finally:
            weasyprint.draw.draw_text, weasyprint.draw.draw_replacedbox = text, picture
            font_class.clean = clean

    def _draw(self, original: Callable[..., Any], stream: Any, box: Any, *args: Any) -> None:
        tape = stream.stream if isinstance(stream.stream, _Tape) else _Tape(stream.stream)
        stream.stream = tape
        before = (*(getattr(stream, name) for name in _STATE), bool(tape) and tape[-1] == b"ET")
        key = (id(box), *args)
        for drawn in self.drawn.get(key, ()):
            if drawn.before == before and all(font in stream._fonts or font in self.fonts for font in drawn.fonts):
                self._replay(stream, tape, drawn)
                return
        kept = _record(original, stream, tape, box, args, before)
        for font_key, font in stream._fonts.items():
            if font_key not in self.fonts:
                self.fonts[font_key] = _fresh(font)
        known = self.drawn.setdefault(key, [])
        if kept is not None and all(drawn.before != before for drawn in known):  # once per state
            known.append(kept)

    def _replay(self, stream: Any, tape: _Tape, drawn: _Drawn) -> None:
        for key in drawn.fonts:  # as Stream.add_font does, from the kept copy
            if key not in stream._fonts:
                stream._fonts[key] = _fresh(self.fonts[key])
        if drawn.popped:
            del tape[len(tape) - drawn.popped:]
        tape.extend(drawn.operators)
        for name, value in zip(_STATE, drawn.after):
            setattr(stream, name, value)
        states = stream._resources["ExtGState"]
        for name, state in drawn.states:
            if name not in states:
                states[name] = type(state)(state)
        for key, characters, widths in drawn.glyphs:
            font = stream._fonts[key]
            for glyph, text in characters:
                font.to_unicode.setdefault(glyph, text)
            for glyph, width in widths:
                font.widths.setdefault(glyph, width)
        self.replayed += 1


def _record(original: Callable[..., Any], stream: Any, tape: _Tape, box: Any, args: tuple[Any, ...],
            before: tuple[Any, ...]) -> _Drawn | None:
    """Draw ``box`` for real, noting what it did (None when it cannot be replayed)."""
    fonts = stream._fonts
    kept = {key: (font.to_unicode, font.widths, len(font.missing)) for key, font in fonts.items()}
    for font in fonts.values():  # every glyph the box draws is noted, not only those new to the letter
        font.to_unicode, font.widths = {}, {}
    resources = stream._resources
    states = resources["ExtGState"]
    known_states = set(states)
    others = {name: len(value or ()) for name, value in resources.items() if name != "ExtGState"}
    tape.mark, tape.below = len(tape), 0
    asked: list[Any] = []
    add_font = stream.add_font

    def noted_add_font(pango_font: Any) -> Any:
        font, size = add_font(pango_font)
        key = next(key for key, known in fonts.items() if known is font)
        if key not in asked:
            asked.append(key)
        return font, size

    stream.add_font = noted_add_font
    try:
        original(stream, box, *args)
    finally:
        del stream.add_font
        glyphs = []
        for key, font in fonts.items():
            characters, widths = tuple(font.to_unicode.items()), tuple(font.widths.items())
            if key in kept:
                font.to_unicode, font.widths, _ = kept[key]
                for glyph, text in characters:
                    font.to_unicode.setdefault(glyph, text)
                for glyph, width in widths:
                    font.widths.setdefault(glyph, width)
            if characters or widths:
                glyphs.append((key, characters, widths))
    operators = tuple(tape[tape.mark:])
    missing = any(len(font.missing) != (kept[key][2] if key in kept else 0) for key, font in fonts.items())
    added = tuple((name, states[name]) for name in states if name not in known_states)
    pictures = any(fonts[key].png or fonts[key].svg for key, _, _ in glyphs) \
        or others != {name: len(value or ()) for name, value in resources.items() if name != "ExtGState"}
    if pictures or missing or tape.below > 1 or not all(isinstance(op, bytes) for op in operators) \
            or any("SMask" in state for _, state in added):
        return None  # emojis, images, a missing glyph, a soft mask: drawn for real each time
    after = tuple(getattr(stream, name) for name in _STATE)
    return _Drawn(before, after, tape.below, operators, added, tuple(glyphs), tuple(asked))


def _fresh(font: Any) -> Any:
    """A copy of a WeasyPrint ``Font`` as ``Font(pango_font, …)`` makes it: what it reads of the font
    file shared, what a document adds to it (glyphs used, characters, widths, the variations and
    tables its subsetting changes) its own."""
    made = copy.copy(font)
    made.widths, made.to_unicode, made.missing, made.used_in_forms = {}, {}, {}, False
    made.variations, made.tables = dict(font.variations), list(font.tables)
    return made


__all__ = ["Replay"]
