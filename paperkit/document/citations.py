"""Citing references in notes the way a named style does (``citation_style:``).

A source (an instrument or a document, whatever its pinpoint) is cited in full the first
time, by its short form plus the pinpoint later, and as "Ibid." in the note right after one
that cited that source alone.  Each style's words and punctuation are data
(``paperkit/data/citation_styles.yaml``, with their sources); this module assembles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


from .packaged import data_file

STYLES = ("un", "oscola")
_CJK = ("ja", "zh")
_PINPOINT = re.compile(
    r"^(?P<word>articles?|arts?\.?|paragraphs?|paras?\.?|sections?|sects?\.?|chapters?|chaps?\.?)\s+(?P<rest>.+)$",
    re.IGNORECASE)
_WORDS = {"art": "article", "arts": "articles", "para": "paragraph", "paras": "paragraphs",
          "sect": "section", "sects": "sections", "chap": "chapter", "chaps": "chapters"}
_SUBDIVISION = re.compile(r"^(?P<number>\d+\w*)\s*\((?P<part>\w+)\)$")


def _table() -> dict[str, Any]:
    return data_file("citation_styles.yaml")


@dataclass(frozen=True)
class Cited:
    """One reference's parts in the document's language (plain text)."""

    instrument: str
    pinpoint: str | None = None
    short: str | None = None
    author: str | None = None
    symbol: str | None = None
    date: str | None = None
    published: str | None = None
    url: str | None = None

    @property
    def source(self) -> tuple[str | None, ...]:
        """What makes two references the same source (they may differ in pinpoint)."""
        return (self.author, self.instrument, self.symbol, self.published)

    @property
    def document(self) -> bool:
        """A document (with a symbol or an author), rather than an instrument."""
        return bool(self.symbol or self.author)


@dataclass(frozen=True)
class Citation:
    """A citation as printed: its form ("full", "short", "ibid") and its text."""

    form: str
    text: str


class Citations:
    """The citations of one document, in note order: remembers which sources were cited where.

    "Ibid." stands for the one source of the note just before (never when that note cited
    several); alone when the pinpoint is the same, else followed by the new pinpoint."""

    def __init__(self, style: str, lang: str):
        self.name = style
        self.style = _table()[style]
        self.lang = lang
        self.base = lang.split("-")[0].lower()
        self.first: dict[tuple, int] = {}           # source → note of its full citation
        self.previous: tuple[tuple, ...] = ()       # (source, pinpoint) of each citation of the previous note
        self.current: list[tuple] = []              # the same for the note being built
        self.cited: dict[tuple, Cited] = {}         # every source, for a bibliography

    # ------------------------------------------------------------ notes
    @property
    def repeats_indicator(self) -> bool:
        """The same reference cited again takes its first note's number (UN), or a new note (OSCOLA)."""
        return self.style["repeat"] == "indicator"

    def start_note(self) -> None:
        self.previous = tuple(self.current)
        self.current = []

    def cite(self, ref: Cited, note: int) -> Citation:
        """The citation of ``ref`` in note number ``note``."""
        source = ref.source
        pinpoint = self.pinpoint(ref.pinpoint)
        if source not in self.first:
            self.first[source] = note
            self.cited[source] = ref
            citation = Citation("full", self.full(ref, pinpoint))
        elif not self.current and len(self.previous) == 1 and self.previous[0][0] == source:
            same_place = self.previous[0][1] == pinpoint
            citation = Citation("ibid", self.ibid(None if same_place else pinpoint))
        else:
            citation = Citation("short", self.short_form(ref, pinpoint, self.first[source]))
        self.current.append((source, pinpoint))
        return citation

    # ------------------------------------------------------------ forms
    def full(self, ref: Cited, pinpoint: str | None) -> str:
        s = self.style
        title = s["document_title"].format(title=ref.instrument) if ref.symbol and self.english else ref.instrument
        if self.name == "oscola":  # "Robert Stevens, Torts and Rights"; "UNHRC 'General Comment No 34'"
            text = (" " if ref.symbol else ", ").join(t for t in (ref.author, title) if t)
            text += s["date"].format(date=ref.date) if ref.date else ""
            text += f" {ref.published}" if ref.published else ""
            text += s["symbol"].format(symbol=ref.symbol) if ref.symbol else ""
            text += f" ({ref.short})" if ref.short and not ref.document else ""
            return self.end(self.pinpointed(text, pinpoint), ref.url)
        parts = [ref.author, title, ref.date, ref.published, ref.symbol, pinpoint]
        return self.end(self.separator.join(p for p in parts if p), ref.url)

    def short_form(self, ref: Cited, pinpoint: str | None, first: int) -> str:
        name = ref.short or (ref.symbol if self.name == "un" else None) or ref.instrument
        if self.name == "oscola" and ref.document:
            return self.end(self.pinpointed(name + self.style["cross_reference"].format(number=first), pinpoint))
        if self.name == "oscola":
            return self.end(", ".join(t for t in (name, pinpoint) if t))
        return self.end(self.separator.join(t for t in (name, pinpoint) if t))

    def ibid(self, pinpoint: str | None) -> str:
        forms = _table()["ibid_words"].get(self.base) if not self.english else None
        if not pinpoint:
            return forms["alone"] if forms else self.style["ibid"]
        return (forms["pinpoint"] if forms else self.style["ibid_pinpoint"]).format(pinpoint=pinpoint)

    def bibliography_entry(self, ref: Cited) -> str:
        """The full citation without a pinpoint, for a list of sources."""
        return self.full(ref, None)

    # ------------------------------------------------------------ pieces
    @property
    def english(self) -> bool:
        return self.base == "en"

    @property
    def separator(self) -> str:
        """Between the parts of a citation: the style's in English, else the language's comma."""
        if self.english:
            return self.style["separator"]
        return _table()["separators"].get(self.base, ", ")

    def end(self, text: str, url: str | None = None) -> str:
        """A citation ends with a full stop (none after CJK text), then its URL."""
        text = text if text.endswith((".", "。")) or self.base in _CJK else text + "."
        if url:
            available = self.style["available"].format(url=url)
            text += " " + (available if self.english or self.name == "oscola" else url)
        return text

    def pinpointed(self, text: str, pinpoint: str | None) -> str:
        """OSCOLA: a pinpoint after a page number takes a comma ("605, 611"), else a space."""
        if not pinpoint:
            return text
        return f"{text}{',' if text[-1:].isdigit() else ''} {pinpoint}"

    def pinpoint(self, pinpoint: str | None) -> str | None:
        """The pinpoint in the style's abbreviations: "Article 19(3)" → "art. 19 (3)" (UN), "art 19(3)" (OSCOLA)."""
        if not pinpoint or not self.english:
            return pinpoint
        match = _PINPOINT.match(pinpoint.strip())
        if not match:
            return pinpoint
        word = match["word"].lower().rstrip(".")
        word = _WORDS.get(word, word)
        rest = re.sub(r"(?<=\d)\s*-\s*(?=\d)", "\u2013", match["rest"].strip())
        sub = _SUBDIVISION.match(rest)
        if sub:
            rest = sub["number"] + self.style["subdivision"].format(part=sub["part"])
        return f"{self.style['abbreviations'][word]} {rest}"

    def quotes(self) -> tuple[tuple[str, str], tuple[str, str]] | None:
        """The style's own quotation marks in this language, or None for the language's."""
        marks = (self.style.get("quotes") or {}).get(self.base)
        return (tuple(marks[0]), tuple(marks[1])) if marks else None  # type: ignore[return-value]
