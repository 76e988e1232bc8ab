"""HTML writer: the document tree through Jinja templates, sandboxed and autoescaped.

The page is ``document.html.j2`` (it imports ``blocks.html.j2`` for the nodes and
includes ``front.html.j2``), looked up kind first, then base, user folders before the
built-in ones.  User text reaches the templates only as data: it is escaped, never
evaluated.  The PDF writer reuses :func:`render_html` with ``paged=True``.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Callable

from jinja2 import ChoiceLoader, FileSystemLoader, TemplateError
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from ..document import Document
from ..document.nodes import Front, Labels, Meta, Theme, _doc
from ..errors import RenderError
from . import WriterOptions
from .bytecode import bytecode_cache
from ..resources import confined_file
from .dispatch import no_rule
from .resources import data_url, resource_roots
from .script_spans import arabic_spans
from .sandbox import StrictSandbox, template_failure
from .templating import find_template, search_path
from .theme_css import document_css, layout_css

PAGE_TEMPLATE = "document.html.j2"
STYLESHEET = "style.css"


def write(document: Document, options: WriterOptions) -> bytes:
    """A standalone HTML5 page (UTF-8): its stylesheet inline, its images embedded, notes at the end."""
    css = (stylesheet_path(document, options).read_text(encoding="utf-8") + "\n" + document_css(document)
           + layout_css(document.layout))
    roots = resource_roots(document, options)
    return render_html(document, options, paged=False, stylesheet=css,
                       image_url=lambda path: data_url(confined_file(path, roots))).encode("utf-8")


@dataclass(frozen=True)
class PageContext:
    """What ``document.html.j2`` sees, and every template it imports ``with context`` or includes."""

    doc: Document = field(metadata=_doc("the whole document tree (see Document)"))
    meta: Meta = field(metadata=_doc("doc.meta: id, kind, language, direction, title …"))
    front: Front = field(metadata=_doc("doc.front: kicker, title, subtitle, byline …"))
    labels: Labels = field(metadata=_doc("doc.labels: localised layout words"))
    theme: Theme | None = field(metadata=_doc("doc.theme: the organisation's look, or none"))
    paged: bool = field(metadata=_doc("true when the page is made for the PDF (notes become footnotes)"))
    numbered_paragraphs: bool = field(metadata=_doc("true when body paragraphs carry numbers (submissions)"))
    stylesheet: str = field(metadata=_doc("style.css and the theme's CSS, to inline in <style> (empty for the PDF, "
                                          "which applies them itself)"))
    image_url: Callable[[str], str] = field(metadata=_doc(
        "image_url(path) → the URL of an image of the tree (theme.logo, a signature): embedded as data: "
        "in HTML, a checked file: URL in the PDF; refused unless under the position's, the theme's or "
        "a template folder"))
    no_rule: Callable[[object], str] = field(metadata=_doc(
        "no_rule(node) stops the render: the last branch of a dispatch on node.type, so that a node "
        "the template has no branch for is an error, never left out"))


def render_html(document: Document, options: WriterOptions, paged: bool, stylesheet: str = "",
                image_url: Callable[[str], str] | None = None) -> str:
    """The page as a string; ``paged`` makes notes footnotes (for the PDF writer)."""
    folders = template_folders(document, options)
    context = PageContext(
        doc=document, meta=document.meta, front=document.front, labels=document.labels,
        theme=document.theme, paged=paged,
        numbered_paragraphs=any(getattr(block, "number", None) for block in document.blocks),
        stylesheet=Markup(stylesheet.replace("</", "<\\/")),  # CSS cannot close the <style> element
        image_url=_checked(image_url or (lambda path: confined_file(path, resource_roots(document, options)).as_uri())),
        no_rule=lambda node: no_rule(node, "HTML"),
    )
    try:
        template = environment(folders).get_template(PAGE_TEMPLATE)
        page = template.render({f.name: getattr(context, f.name) for f in fields(context)})
        return arabic_spans(page) if document.fonts.arabic_size != 1 else page
    except TemplateError as error:
        raise template_failure(error, *_where(error)) from None


def _checked(image_url: Callable[[str], str]) -> Callable[[str], str]:
    """``image_url`` for templates: a refused file stops the render as an unsafe template would."""
    def url(path: str) -> str:
        try:
            return image_url(str(path))
        except RenderError as error:
            raise SecurityError(str(error)) from None
    return url


def template_folders(document: Document, options: WriterOptions) -> tuple[Path, ...]:
    """Folders templates are read from, most specific first."""
    return tuple(search_path(document.meta.kind, tuple(options.templates)))


def stylesheet_path(document: Document, options: WriterOptions) -> Path:
    """The ``style.css`` that applies to the document's kind."""
    return find_template(document.meta.kind, STYLESHEET, tuple(options.templates))


@lru_cache(maxsize=32)
def environment(folders: tuple[Path, ...]) -> StrictSandbox:
    """One sandboxed, autoescaping Jinja environment per template search path."""
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders])
    return StrictSandbox(loader=loader, trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True,
                         bytecode_cache=bytecode_cache())  # compiled once per template text, in the user's cache


def _where(error: TemplateError) -> tuple[str, int | None]:
    """File and line of the template where rendering failed (Jinja puts them in the traceback)."""
    name, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not name:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno
    return str(name or PAGE_TEMPLATE), line
