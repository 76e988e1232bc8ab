"""PDF writer: the paged HTML (footnotes at the page foot) through WeasyPrint.

One ``FontConfiguration`` and the parsed stylesheets are kept for the life of the
process: reusing them is what makes a warm render fast.  Two things WeasyPrint lets pass
are errors here: a missing glyph (never ship tofu; each font of the rendered document
lists the ones it lacked) and a refused resource.
"""

from __future__ import annotations

import io
import os
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .weasyprint_import import import_weasyprint

import_weasyprint()  # before the lines below: WeasyPrint's libraries loaded without find_library

import weasyprint
from weasyprint.pdf import VARIANTS
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..document import Document
from ..errors import MissingGlyphs, PaperkitError, RenderError, ResourceRefused, TemplateRefused
from ..resources import confined_file, confined_url, image_bytes, image_type
from . import WriterOptions
from .html import render_html, stylesheet_path, template_folders
from .resources import resource_roots
from .theme_css import document_css, layout_css

FONT_CONFIG = FontConfiguration()
"""Shared by every render and every stylesheet (WeasyPrint requires the same one for both)."""

PAPER_SIZES = {"a4": "A4", "letter": "letter"}


@dataclass(frozen=True)
class PdfFile:
    """A PDF and its page count (as WeasyPrint laid it out)."""

    data: bytes
    pages: int


def write(document: Document, options: WriterOptions) -> bytes:
    """The document as a PDF (bytes); raises RenderError instead of shipping tofu."""
    return make_pdf(document, options).data


def paged_html(document: Document, options: WriterOptions) -> str:
    """The HTML page the PDF is made from (notes as footnotes, images as checked file URLs)."""
    roots = resource_roots(document, options)
    return render_html(document, options, paged=True, image_url=lambda path: confined_url_of(path, roots))


def pdf_of_page(document: Document, options: WriterOptions, page: str) -> bytes:
    """``page`` (from ``paged_html``, possibly reworked: a redline) as the document's PDF."""
    return make_pdf(document, options, page).data


def make_pdf(document: Document, options: WriterOptions, page: str | None = None) -> PdfFile:
    """The document (or ``page``, its paged HTML reworked) as a PDF with its page count;
    raises RenderError instead of shipping tofu."""
    layout = lay_out(document, options, paged_html(document, options) if page is None else page)
    return finish(document, options, layout, layout.rendered)


@dataclass
class Layout:
    """A page laid out by WeasyPrint, with what writing its PDF needs to check."""

    rendered: weasyprint.Document
    fetcher: LocalFileFetcher
    folders: tuple[Path, ...]


def lay_out(document: Document, options: WriterOptions, page: str) -> Layout:
    """``page`` (paged HTML of ``document``) laid out with the document's stylesheets."""
    variant = pdf_variant(options)
    folders = template_folders(document, options)
    roots = resource_roots(document, options)
    fetcher = LocalFileFetcher(roots)
    html = weasyprint.HTML(
        string=page,
        base_url=directory_url((*options.resource_roots, *folders)[0]),
        url_fetcher=fetcher,
    )
    try:
        try:
            rendered = html.render(font_config=FONT_CONFIG, stylesheets=stylesheets(document, options, roots),
                                   pdf_variant=variant)
        except FatalURLFetchingError as error:
            raise _refusal(error) from None
        if fetcher.refused:
            raise fetcher.refused[0]
    except ResourceRefused as refused:
        raise _blamed(refused, folders) from None
    return Layout(rendered, fetcher, folders)


def finish(document: Document, options: WriterOptions, layout: Layout, rendered: weasyprint.Document) -> PdfFile:
    """``rendered`` (the pages of ``layout``, or pages made from them) written as the PDF."""
    variant = pdf_variant(options)
    try:
        try:
            refuse_template_attachments(rendered, layout.folders)
            pdf: bytes = rendered.write_pdf(pdf_variant=variant, attachments=source_attachments(document, options))
        except FatalURLFetchingError as error:
            raise _refusal(error) from None
        if layout.fetcher.refused:
            raise layout.fetcher.refused[0]
    except ResourceRefused as refused:
        raise _blamed(refused, layout.folders) from None
    missing = missing_glyphs(rendered)
    if missing:
        raise MissingGlyphs(missing_glyphs_message(missing), "".join(map(chr, missing)))
    return PdfFile(pdf, len(rendered.pages))


def pdf_variant(options: WriterOptions) -> str | None:
    """The PDF variant asked for (None: a plain PDF), checked."""
    variant = options.pdf_variant or None
    if variant is not None and (variant not in VARIANTS or variant == "debug"):
        raise RenderError(f"unknown PDF variant {variant!r}; choose from "
                          f"{', '.join(sorted(set(VARIANTS) - {'debug'}))} or none")
    return variant


def stylesheets(document: Document, options: WriterOptions, roots: tuple[Path, ...]) -> list[weasyprint.CSS]:
    """style.css, the theme's and the document's CSS, a profile's layout and the paper, parsed once each."""
    css = stylesheet_path(document, options)
    sheets = [parsed_stylesheet(css, css.stat().st_mtime_ns, roots), theme_stylesheet(document_css(document))]
    laid_out = layout_css(getattr(document, "layout", None))
    if laid_out:
        sheets.append(theme_stylesheet(laid_out))  # a profile's layout wins over the theme and the fonts
    sheets.append(paper_stylesheet(paper_size(options.paper or document.meta.paper)))
    return sheets


# ------------------------------------------------------------ stylesheets


@lru_cache(maxsize=16)
def parsed_stylesheet(path: Path, mtime_ns: int, roots: tuple[Path, ...]) -> weasyprint.CSS:
    """``style.css`` parsed once (again only when the file changes)."""
    try:
        return weasyprint.CSS(filename=str(path), url_fetcher=LocalFileFetcher(roots), font_config=FONT_CONFIG)
    except FatalURLFetchingError as error:
        raise _refusal(error) from None


@lru_cache(maxsize=16)
def theme_stylesheet(css: str) -> weasyprint.CSS:
    """The theme's colours and the document's fonts (generated CSS, after style.css so that it wins)."""
    return weasyprint.CSS(string=css, font_config=FONT_CONFIG)


@lru_cache(maxsize=4)
def paper_stylesheet(size: str) -> weasyprint.CSS:
    """The page size, applied after style.css so that it always wins."""
    return weasyprint.CSS(string=f"@page {{ size: {size}; }}", font_config=FONT_CONFIG)


def paper_size(paper: str) -> str:
    """The CSS page size of a paper name ("A4", "Letter", any case)."""
    try:
        return PAPER_SIZES[paper.strip().lower()]
    except KeyError:
        raise RenderError(f"unknown paper size {paper!r}; choose A4 or Letter") from None


# ------------------------------------------------------------ attachments


def source_attachments(document: Document, options: WriterOptions) -> list[weasyprint.Attachment]:
    """The position file as an attachment ("what this PDF was made from"), when asked for.

    Its dates are the document's date, so that the PDF stays byte-reproducible; PDF/A-3
    records it with the relationship ``Source``.
    """
    if options.source_file is None:
        return []
    path = Path(options.source_file)
    if options.source_data is None:
        raise RenderError(f"cannot embed {path}: no sanitised copy was made (paperkit.embedded_source)")
    data = options.source_data
    when = attachment_date(document.meta.date)
    return [weasyprint.Attachment(file_obj=io.BytesIO(data), name=path.name, relationship="Source",
                                  description=f"The position file this PDF was made from ({path.name})",
                                  created=when, modified=when)]


def refuse_template_attachments(laid_out: weasyprint.Document, folders: tuple[Path, ...] = ()) -> None:
    """Refuse a page that asks WeasyPrint to attach files (``<a rel="attachment">``,
    ``<link rel="attachment">``): only ``--embed-source`` attaches anything, and only the
    position file.  A template that asks would publish, say, the raw sign-on CSV."""
    asked = [attachment.name or "a file" for attachment in laid_out.metadata.attachments]
    asked += [target for page in laid_out.pages for kind, target, *_ in page.links if kind == "attachment"]
    if asked:
        names = ", ".join(sorted({str(url).rsplit("/", 1)[-1] for url in asked})[:3])
        raise TemplateRefused(*_mention("attachment", folders), f"template refused: it asks to attach {names} to the PDF "
                              "(rel=\"attachment\"); a PDF carries no attachment but the position file, and only "
                              "with --embed-source")


def _mention(word: str | tuple[str, ...], folders: tuple[Path, ...]) -> tuple[str, int | None]:
    """The first user template file and line that say ``word`` (or one of the words, in any
    case), to name in a refusal."""
    from .templating import is_builtin

    words = tuple(w.lower() for w in ((word,) if isinstance(word, str) else word) if w)
    for folder in folders:
        if is_builtin(folder):
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.suffix in (".j2", ".css", ".html"):
                for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if any(w in line.lower() for w in words):
                        return str(path), number
    return "the HTML templates", None


def _blamed(refused: ResourceRefused, folders: tuple[Path, ...]) -> PaperkitError:
    """A refused resource that a user's template or stylesheet asks for is that template's
    mistake (invalid input, exit 2, naming its file and line); else the refusal as it is."""
    target = refused.target
    name = target.split(",", 1)[0] if target.startswith("data:") else target.rstrip("/").rsplit("/", 1)[-1]
    file, line = _mention((target, name), folders)
    return refused if line is None else TemplateRefused(file, line, str(refused))


def attachment_date(iso: str | None) -> datetime:
    """The document's date (YYYY, YYYY-MM or YYYY-MM-DD) as a UTC datetime; without one,
    ``SOURCE_DATE_EPOCH``, else 2000-01-01 — never the clock."""
    if iso:
        pieces = [int(p) for p in iso.split("-")] + [1, 1]
        try:
            return datetime(pieces[0], pieces[1], pieces[2], tzinfo=timezone.utc)
        except ValueError:
            pass
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime(2000, 1, 1, tzinfo=timezone.utc)


# ------------------------------------------------------------ resources


class LocalFileFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no types
    """Serves ``file:`` URLs under the allowed folders; refuses everything else.

    Every refusal is also kept in ``refused``: WeasyPrint stops at most of them, but it
    only logs one inside an SVG image, and the writer makes that an error too.
    """

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(fail_on_errors=True)
        self.roots = tuple(Path(root).resolve() for root in roots)
        self.refused: list[RenderError] = []

    def fetch(self, url: str, headers: dict[str, Any] | None = None) -> URLFetcherResponse:
        try:
            path = allowed_file(url, self.roots)
        except RenderError as error:
            font = installed_font(url)
            if font is not None:  # @font-face { src: local("…") }: the file fontconfig found for that name
                return URLFetcherResponse(url, font.read_bytes())
            self.refused.append(error)
            raise
        data = path.read_bytes()
        kind = image_type(data)
        if kind is None:
            return URLFetcherResponse(path.as_uri(), data)
        try:  # an image: refused unless it decodes safely; metadata removed
            data = image_bytes(path)
        except RenderError as error:
            self.refused.append(error)
            raise
        # WeasyPrint re-reads a raster image from the disk when its URL is a file: URL — the
        # original bytes, EXIF and all; another scheme makes it use the bytes served here.
        return URLFetcherResponse(path.as_uri() if kind == "svg" else "paperkit-image:" + path.as_uri(), data)


def installed_font(url: str) -> Path | None:
    """The font file a ``file:`` URL names if it is one of the fonts installed on the machine
    (fontconfig's system set): what WeasyPrint fetches for ``src: local("Name")``.  Reading
    it reveals nothing of the user's; any other file stays under the one rule."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = url2pathname(unquote(parts.path))
    return Path(path) if path in installed_font_files() else None


@lru_cache(maxsize=1)
def installed_font_files() -> frozenset[str]:
    """The files of the fonts fontconfig knows (its system set, as ``fc-list`` lists them)."""
    from weasyprint.text.ffi import ffi, fontconfig

    fonts = fontconfig.FcConfigGetFonts(FONT_CONFIG._config, 0)  # FcSetSystem: installed, not @font-face
    name = ffi.new("FcChar8 **")
    files = set()
    for index in range(fonts.nfont if fonts != ffi.NULL else 0):
        if fontconfig.FcPatternGetString(fonts.fonts[index], b"file", 0, name) == 0:  # FcResultMatch
            files.add(ffi.string(name[0]).decode(errors="surrogateescape"))
    return frozenset(files)


allowed_file = confined_url
"""The local file a ``file:`` URL names, if it lies under one of the roots (the one rule
of :mod:`paperkit.writers.resources`); anything else is a RenderError naming it."""


def confined_url_of(path: str, roots: tuple[Path, ...]) -> str:
    """The ``file:`` URL of an image a template asks for, checked against the roots first."""
    return confined_file(path, roots).as_uri()


def directory_url(folder: Path) -> str:
    """A ``file:`` URL of a folder, ending in a slash (for relative URLs)."""
    return Path(folder).resolve().as_uri().rstrip("/") + "/"


def _refusal(error: FatalURLFetchingError) -> RenderError:
    cause = error.__cause__
    if isinstance(cause, RenderError):
        return cause
    return RenderError(f"{error}: {cause}" if cause else str(error))


# ------------------------------------------------------------ missing glyphs

def missing_glyphs(rendered: weasyprint.Document) -> list[int]:
    """The code points no installed font could draw: each font of the rendered document
    (``Document.fonts``) keeps those it drew as .notdef in ``missing``."""
    return list(dict.fromkeys(cp for font in rendered.fonts.values() for cp in font.missing))


def missing_glyphs_message(code_points: list[int]) -> str:
    """What is missing and which Debian font package draws it."""
    chars = ", ".join(f"U+{cp:04X} {_char_name(cp)}" for cp in code_points)
    packages = sorted({font_package(cp) for cp in code_points})
    return (f"no installed font can draw {chars}; install {' or '.join(packages)} "
            "(apt-get install …) or name a font that has them in style.css")


def font_package(code_point: int) -> str:
    """The Debian package whose fonts cover a code point (best guess by block)."""
    if 0xE000 <= code_point <= 0xF8FF or code_point >= 0xF0000:
        return "a font of your own for this private-use character (no Debian package covers it)"
    if (0x2E80 <= code_point <= 0x9FFF or 0xAC00 <= code_point <= 0xD7AF or 0xF900 <= code_point <= 0xFAFF
            or 0xFE30 <= code_point <= 0xFE4F or 0xFF00 <= code_point <= 0xFFEF or 0x20000 <= code_point <= 0x3FFFF):
        return "fonts-noto-cjk"
    if 0x1F000 <= code_point <= 0x1FAFF:
        return "fonts-noto-color-emoji"
    return "fonts-noto-core (or fonts-noto-extra for rarer scripts)"


def _char_name(code_point: int) -> str:
    name = unicodedata.name(chr(code_point), "")
    if name:
        return f"({name})"
    category = unicodedata.category(chr(code_point))
    return "(private use)" if category == "Co" else f"(unnamed, category {category})"
