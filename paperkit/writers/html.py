"""HTML writer: the document tree through Jinja templates, sandboxed and autoescaped.

The page is ``document.html.j2`` (it imports ``blocks.html.j2`` for the nodes and
includes ``front.html.j2``), looked up kind first, then base, user folders before the
built-in ones.  User text reaches the templates only as data: it is escaped, never
evaluated.  The PDF writer reuses :func:`render_html` with ``paged=True``.
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..document import Document
from ..errors import RenderError
from . import WriterOptions
from .templating import find_template, search_path

PAGE_TEMPLATE = "document.html.j2"
STYLESHEET = "style.css"


def write(document: Document, options: WriterOptions) -> bytes:
    """A standalone HTML5 page (UTF-8) with its stylesheet inline and notes at the end."""
    css = stylesheet_path(document, options).read_text(encoding="utf-8")
    return render_html(document, options, paged=False, stylesheet=css).encode("utf-8")


def render_html(document: Document, options: WriterOptions, paged: bool, stylesheet: str = "") -> str:
    """The page as a string; ``paged`` makes notes footnotes (for the PDF writer)."""
    folders = template_folders(document, options)
    try:
        template = environment(folders).get_template(PAGE_TEMPLATE)
        return template.render(
            doc=document, meta=document.meta, front=document.front, labels=document.labels,
            paged=paged, stylesheet=Markup(stylesheet),
            numbered_paragraphs=any(getattr(block, "number", None) for block in document.blocks),
        )
    except TemplateError as error:
        raise RenderError(f"template {_where(error)}: {error.message or error}") from None


def template_folders(document: Document, options: WriterOptions) -> tuple[Path, ...]:
    """Folders templates are read from, most specific first."""
    return tuple(search_path(document.meta.kind, tuple(options.templates)))


def stylesheet_path(document: Document, options: WriterOptions) -> Path:
    """The ``style.css`` that applies to the document's kind."""
    return find_template(document.meta.kind, STYLESHEET, tuple(options.templates))


@lru_cache(maxsize=32)
def environment(folders: tuple[Path, ...]) -> SandboxedEnvironment:
    """One sandboxed, autoescaping Jinja environment per template search path."""
    loader = ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders])
    return SandboxedEnvironment(
        loader=loader, autoescape=True, undefined=StrictUndefined,
        trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True,
    )


def _where(error: TemplateError) -> str:
    """``file:line`` of the template where rendering failed (Jinja puts it in the traceback)."""
    name, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if not name:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
        if frames:
            name, line = frames[-1].filename, frames[-1].lineno
    return f"{name or PAGE_TEMPLATE}:{line}" if line else str(name or PAGE_TEMPLATE)
