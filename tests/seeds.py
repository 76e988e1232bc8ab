"""Seed fidelity: is every sentence of a reference document in a rendered output?

The five seeds in ``../shared/seeds/`` are real documents that paperkit must reproduce.
``seed_sentences`` reads one, mends the scraping breaks listed below, drops the lines
listed as not content, and splits the rest into sentences and lines.  ``normalise``
makes text comparable whatever the format did to it (quotes, dashes, footnote markers,
list markers, hyphenation, every whitespace).  ``missing_sentences`` says which
sentences an output lacks.  ``extract_text`` gets the text out of txt, md, html and pdf.

Everything a seed loses on the way is listed here by hand, with the reason.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
POSITIONS = ROOT / "positions"

SEEDS: dict[str, str] = {
    "000_fc35d84be8494892.txt": str(POSITIONS / "jca-net-2024-09-cybercrime.yaml"),
    "001_05241d08f33b5d54.txt": str(POSITIONS / "civil-society-2024-01-cybercrime-concluding-session.yaml"),
    "002_97bce94b502dba8b.txt": str(POSITIONS / "cfe-2022-01-cybercrime-treaty-safeguards.yaml"),
    "003_863d659fc30c9108.txt": str(POSITIONS / "foc-2024-07-cybercrime-convention.yaml"),
    "004_254a9fd7baff7bf5.txt": str(POSITIONS / "eff-2024-08-cybercrime-general-assembly.yaml"),
}
"""Seed file name → the position file that reproduces it."""


@dataclass(frozen=True)
class SeedRules:
    """What to do with one seed before its sentences are compared."""

    fixes: tuple[tuple[str, str], ...] = ()
    """Scraping breaks mended first: (text in the seed, what it stands for)."""
    excluded: tuple[str, ...] = ()
    """Whole lines (stripped) that are not content, each with a reason beside it."""
    rewritten: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Lines whose form is presentational: seed line → the lines the document prints."""
    date: str | None = None
    """The seed's date as ISO (YYYY-MM-DD or YYYY-MM): the position must carry it."""
    date_line: str | None = None
    """The seed's date line when it is written differently from the document (excluded)."""
    linked: tuple[str, ...] = ()
    """Link texts whose address the document prints in a note (``links: footnote``, the
    default for statements): the note's number may follow them."""


RULES: dict[str, SeedRules] = {
    "000_fc35d84be8494892.txt": SeedRules(
        excluded=(
            # The web page's <title>, scraped above the text: the title itself follows.
            "Statement:JCA-NET opposes the UN Cybercrime Convention",
            # Heading of the notes on the web page; every format has its own notes
            # heading (document.labels.notes) or none (Markdown footnotes).
            "notes for English version.",
        ),
        rewritten={
            # The kicker; its colon joined it to the title on the web page.
            "Statement by JCA-NET:": ("Statement by JCA-NET",),
            # A label: whether a colon follows it is each layout's choice.
            "Contact:": ("Contact",),
            # The notes cite the articles as the UN Editorial Manual does (citation_style: un):
            # the instrument and the pinpoint, then the article's text as a quotation.
            "Article 21.Freedom of assembly and association as well as speech, press and all other forms "
            "of expression are guaranteed.": (
                "Constitution of Japan, art. 21.",
                "Freedom of assembly and association as well as speech, press and all other forms of "
                "expression are guaranteed."),
            "Article 35.The right of all persons to be secure in their homes, papers and effects against "
            "entries, searches and seizures shall not be impaired except upon warrant issued for adequate "
            "cause and particularly describing the place to be searched and things to be seized, or except "
            "as provided by Article 33.": (
                "Constitution, art. 35.",
                "The right of all persons to be secure in their homes, papers and effects against entries, "
                "searches and seizures shall not be impaired except upon warrant issued for adequate cause "
                "and particularly describing the place to be searched and things to be seized, or except as "
                "provided by Article 33."),
        },
        linked=("Japanese page",),
        date="2024-09-09",
    ),
    "001_05241d08f33b5d54.txt": SeedRules(
        fixes=(
            # One list item broken in the middle of a sentence by a blank line.
            ("in its criminal\n\nprocedural chapter", "in its criminal procedural chapter"),
            # Two signatories run together across a line break.
            ("(IPANDETEC) International\n\nCommission of Jurists (ICJ)",
             "(IPANDETEC)\n\nInternational Commission of Jurists (ICJ)"),
        ),
        # "23 January, 2024": the document writes its dates in its language's long form
        # ("January 23, 2024"); the test checks the date itself and that form.
        date="2024-01-23",
        date_line="23 January, 2024",
        linked=("latest draft", "signatories supporting the letter"),
    ),
    "002_97bce94b502dba8b.txt": SeedRules(
        excluded=(
            # The web page's accessibility link, not part of the post.
            "Skip to main content",
        ),
        date="2022-01-13",
    ),
    "003_863d659fc30c9108.txt": SeedRules(
        date="2024-07",
    ),
    "004_254a9fd7baff7bf5.txt": SeedRules(
        fixes=(
            # The scraper's footer glued onto the last (cut-off) sentence.
            ("definitions, This article has been indexed from Deeplinks", "definitions,"),
        ),
        excluded=(
            # Fragments of the page's HTML markup.
            "<",
            "div class=”field field–name-body field–type-text-with-summary field–label-hidden”>",
            "div class=”field__items”>",
            # The scraper's footer.
            "Read the original article:",
        ),
        date=None,  # the seed carries no date
    ),
}


def seed_path(seed_name: str) -> Path:
    """The seed file, named in full ("000_fc35….txt") or by its number ("000")."""
    return SEEDS_DIR / _full_name(seed_name)


def position_path(seed_name: str) -> str:
    """The position file that reproduces a seed (full name or number)."""
    return SEEDS[_full_name(seed_name)]


def _full_name(seed_name: str) -> str:
    if seed_name in SEEDS:
        return seed_name
    matches = [name for name in SEEDS if name.startswith(seed_name)]
    if len(matches) != 1:
        raise KeyError(f"no single seed named {seed_name!r}; seeds: {', '.join(SEEDS)}")
    return matches[0]


def rules(seed_name: str) -> SeedRules:
    """The exclusions, fixes and date of a seed."""
    return RULES[_full_name(seed_name)]


# ---------------------------------------------------------------- seed sentences

_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_STRONG = re.compile(r"\*\*(.+?)\*\*")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][”\"’')])\s+")


@lru_cache(maxsize=None)
def _sentences(seed_name: str) -> tuple[str, ...]:
    name = _full_name(seed_name)
    rule = RULES[name]
    text = seed_path(name).read_text(encoding="utf-8")
    for old, new in rule.fixes:
        if old not in text:
            raise AssertionError(f"{name}: the fix for {old!r} no longer applies")
        text = text.replace(old, new)
    # The scrape keeps Markdown for links and bold: the words are the content.
    text = _MD_STRONG.sub(r"\1", _MD_LINK.sub(r"\1", text))
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    skipped = set(rule.excluded) | ({rule.date_line} if rule.date_line else set())
    for line in skipped:
        if line not in lines:
            raise AssertionError(f"{name}: excluded line {line!r} is not in the seed")
    out: list[str] = []
    for line in lines:
        if line in skipped:
            continue
        for text in rule.linked:  # a marker: the address note's number may follow
            line = line.replace(text, text + "[^0]")
        for part in rule.rewritten.get(line, (line,)):
            out += [s for s in _SENTENCE_END.split(part) if s.strip()]
    return tuple(out)


def seed_sentences(seed_name: str) -> list[str]:
    """The seed's sentences and lines of substance, in order."""
    return list(_sentences(seed_name))


# ---------------------------------------------------------------- normalising

_SUPERSCRIPTS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_NOTE_MARKER = re.compile(r"\[\^?\d{1,3}\]")
_DOUBLE_QUOTES = re.compile(r"[“”„‟″«»]")
_SINGLE_QUOTES = re.compile(r"[‘’‚‛′`]")
_DASHES = re.compile(r"[‐‑‒–—―−]")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])")
_ROMAN = r"(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})"
_LIST_MARKER = re.compile(
    r"^[ \t]*(?:\((?:\d{1,3}|[a-z]|" + _ROMAN + r")\)"  # (1) (a) (iv), also glued: "(2)The"
    r"|(?:\d{1,3}|[a-z]|" + _ROMAN + r")[.)](?=[ \t]+\S)"  # 1.  a)  iv. (with text after: "33." ending a
                                                          # wrapped line is the end of "Article 33.")
    r"|[-•◦▪*·](?=\s))[ \t]*",                         # bullets
    re.MULTILINE,
)


def normalise(text: str) -> str:
    """Text reduced to what must survive every format.

    Soft hyphens and zero-width spaces (where a long address may break) out; NFKC; one kind of double quote, apostrophe and dash; note markers ([1], [^1], ¹)
    and leading list markers ("(1)", "1.", "-", "•") removed; hyphenation at line ends
    undone; then all whitespace removed, so line and column breaks cannot matter.
    """
    text = _SUPERSCRIPTS.sub("", text).replace("\u00ad", "").replace("\u200b", "").replace("\u2060", "")  # soft hyphens, break hints
    text = unicodedata.normalize("NFKC", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = _DASHES.sub("-", text)
    text = _NOTE_MARKER.sub("", text)
    text = _LIST_MARKER.sub("", text)
    text = _HYPHENATED.sub("", text)
    return re.sub(r"\s+", "", text)


_SEED_MARKER = re.compile(r"\[\^?\d{1,3}\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def _pattern(sentence: str, hyphens: bool = True) -> re.Pattern[str]:
    """A sentence as a pattern: where the seed has a note marker, the output may show
    the bare number (a superscript in HTML or PDF loses its brackets)."""
    pieces = [normalise(p) for p in _SEED_MARKER.split(sentence)]
    if not hyphens:
        pieces = [p.replace("-", "") for p in pieces]
    return re.compile(r"(?:\d{1,3})?".join(re.escape(p) for p in pieces))


def missing_sentences(seed_name: str, output_text: str) -> list[str]:
    """The seed's sentences not found in ``output_text`` (after normalising both).

    A sentence also counts as found when it matches with every hyphen removed from both
    sides: a compound split at its hyphen at a line end ("cyber-/enabled") cannot be
    told from a hyphenated word ("trea-/ty").
    """
    haystack = normalise(output_text)
    unhyphenated = haystack.replace("-", "")
    missing = []
    for sentence in seed_sentences(seed_name):
        if _pattern(sentence).search(haystack) or _pattern(sentence, False).search(unhyphenated):
            continue
        missing.append(sentence)
    return missing


def count(needle: str, output_text: str) -> int:
    """How often ``needle`` occurs in ``output_text``, both normalised."""
    return normalise(output_text).count(normalise(needle))


# ---------------------------------------------------------------- text out of outputs

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
               "header", "footer", "aside", "tr", "br", "ol", "ul", "dt", "dd", "main", "article"}


def html_text(html: str | bytes) -> str:
    """The visible text of an HTML page's body, a line break after every block."""
    import lxml.html

    # Parsed as a str: lxml reads bytes without a charset declaration as Latin-1.
    root = lxml.html.document_fromstring(html.decode("utf-8") if isinstance(html, bytes) else html)
    body = root.find("body")
    body = root if body is None else body
    for element in list(body.iter("script", "style", "template")):
        element.drop_tree()
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return body.text_content()


def markdown_text(markdown: str | bytes) -> str:
    """The text a reader sees once Markdown is rendered (CommonMark with footnotes)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    source = markdown.decode("utf-8") if isinstance(markdown, bytes) else markdown
    return html_text("<html><body>" + MarkdownIt("commonmark").use(footnote_plugin).render(source)
                     + "</body></html>")


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF as pdftotext reads it, without page furniture, notes last.

    Page furniture and footnotes would land in the middle of a sentence that runs over a
    page break.  A line is furniture when the same line (digits aside: "1 / 3", "2 / 3")
    stands at the same height on two pages or more; or when it is the first line of a
    later page and repeats words from the top of page 1 (a running title that page 1
    does not carry).  A page's footnotes are its last lines when they are set smaller
    than the page's body text and start with a note number: they are moved, in page
    order, after the body.
    """
    pages = _pdf_lines(pdf)
    seen: dict[tuple[str, int], set[int]] = {}
    for number, lines in enumerate(pages):
        for text, top, _bottom in lines:
            seen.setdefault((_furniture_key(text), round(top)), set()).add(number)
    title_area = "".join("".join(text.split()) for text, _, _ in (pages[0][:6] if pages else []))
    body: list[str] = []
    notes: list[str] = []
    for number, lines in enumerate(pages):
        kept = [line for line in lines if len(seen[(_furniture_key(line[0]), round(line[1]))]) < 2
                or _note_number(line, lines)]
        if number > 0 and kept:
            first = "".join(kept[0][0].split())
            if len(first) >= 8 and first in title_area:
                kept = kept[1:]
        page_body, page_notes = _split_notes(kept)
        body += [text for text, _, _ in page_body]
        notes += [text for text, _, _ in page_notes]
        body.append("\f")
    return "\n".join(body + notes)


def _note_number(line: tuple[str, float, float], lines: list[tuple[str, float, float]]) -> bool:
    """A lone number beside a line of text at its height: a note's number set apart (LibreOffice),
    not page furniture even when another page has one at the same height."""
    return bool(re.fullmatch(r"\d{1,3}\.?", line[0].strip())) and any(
        other is not line and abs(other[1] - line[1]) < 2 and not re.fullmatch(r"[\d\s./]+", other[0])
        for other in lines)


def _split_notes(lines: list[tuple[str, float, float]]) -> tuple[list, list]:
    """A page's body lines and its footnote lines.  LibreOffice may set a note's number apart
    from its text, so that pdftotext reads the lone number among the body lines: a lone small
    number goes to the notes, and then the small lines at the foot of the page are its note."""
    if len(lines) < 3:
        return lines, []
    heights = sorted(bottom - top for _, top, bottom in lines)
    body_height = heights[len(heights) // 2]
    small = [bottom - top < 0.9 * body_height for _, top, bottom in lines]
    lone = [i for i, (text, _, _) in enumerate(lines) if small[i] and re.fullmatch(r"\d{1,3}\.?", text.strip())]
    rest = [line for i, line in enumerate(lines) if i not in lone]
    split = _footnote_start(rest)
    if lone and split == len(rest):
        rest_small = [small[i] for i in range(len(lines)) if i not in lone]
        while split > 0 and rest_small[split - 1]:
            split -= 1
    return rest[:split], [lines[i] for i in lone] + rest[split:]


def _footnote_start(lines: list[tuple[str, float, float]]) -> int:
    """Where the page's footnote area begins (len(lines) when it has none)."""
    if len(lines) < 3:
        return len(lines)
    heights = sorted(bottom - top for _, top, bottom in lines)
    body_height = heights[len(heights) // 2]
    start = len(lines)
    while start > 0 and lines[start - 1][2] - lines[start - 1][1] < 0.9 * body_height:
        start -= 1
    for i in range(start, len(lines)):  # the area starts at its first note number
        if re.match(r"^\d{1,3}\.?(\s|$)", lines[i][0]):  # the number may stand alone (LibreOffice)
            return i
    return len(lines)


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))


def _pdf_lines(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page, its lines in reading order: (text, top, bottom) in points from the top."""
    from lxml import etree

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", handle.name, "-"],
                                capture_output=True, check=True)
    root = etree.fromstring(result.stdout, etree.XMLParser(recover=True, huge_tree=True))
    ns = "{http://www.w3.org/1999/xhtml}"
    pages = []
    for page in root.iter(f"{ns}page"):
        lines = []
        for line in page.iter(f"{ns}line"):
            words = [w.text or "" for w in line.iter(f"{ns}word")]
            lines.append((" ".join(words), float(line.get("yMin")), float(line.get("yMax"))))
        pages.append(lines)
    return pages


_TEXT_LINK_TARGET = re.compile(r"\s*<(?:https?://|mailto:|#)[^\s<>]*>")


def plain_text(data: str | bytes) -> str:
    """The text writer's output with its link targets ("text <url>") taken out, as the
    other formats keep them out of the running text."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return _TEXT_LINK_TARGET.sub("", text)


def extract_text(fmt: str, data: bytes) -> str:
    """The reader-visible text of an output of format ``fmt`` (txt, md, html or pdf)."""
    if fmt == "txt":
        return plain_text(data)
    if fmt == "md":
        return markdown_text(data)
    if fmt == "html":
        return html_text(data)
    if fmt == "pdf":
        return pdf_text(data)
    raise ValueError(f"no text extraction for {fmt!r}")
