"""Writers: one module per format, each a function from a Document to bytes.

Every writer module has ``write(document, options) -> bytes``; they share nothing
but the document tree and ``WriterOptions``.  Modules are imported only when
their format is asked for, so that WeasyPrint and docxtpl stay out of
``paperkit validate``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..document import Document

FORMATS: dict[str, str] = {
    "pdf": "paperkit.writers.pdf",
    "docx": "paperkit.writers.docx",
    "html": "paperkit.writers.html",
    "md": "paperkit.writers.markdown",
    "txt": "paperkit.writers.text",
}


@dataclass(frozen=True)
class WriterOptions:
    """What a writer needs beyond the document: where templates and resources are."""

    templates: tuple[Path, ...] = ()
    """User template folders, searched before the built-in ones (same layout as templates/)."""
    resource_roots: tuple[Path, ...] = ()
    """Folders that images (logos, signatures) may be read from; nothing else is read."""
    pdf_variant: str | None = "pdf/ua-1"
    """A PDF variant of ``weasyprint.pdf.VARIANTS`` ("pdf/ua-1", "pdf/a-3b" …); None: a plain PDF."""
    source_file: Path | None = None
    """The position file, embedded in the PDF as an attachment when set (``--embed-source``)."""
    source_data: bytes | None = None
    """What is attached for ``source_file``: the file sanitised (paperkit/embedded_source.py)."""
    paper: str | None = None
    """Override of the document's paper size ("A4" or "Letter")."""
    embed_fonts: bool = True
    """DOCX: embed the fonts it uses, subset to its characters (a reader without them sees the same pages)."""
    extra: dict[str, Any] = field(default_factory=dict)


def writer(fmt: str) -> Callable[[Document, WriterOptions], bytes]:
    """The ``write`` function of a format (imports its module on first use)."""
    try:
        module = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    write: Callable[[Document, WriterOptions], bytes] = importlib.import_module(module).write
    return write
