"""The folders a document's images may come from, and images as ``data:`` URLs.

The rule itself is :mod:`paperkit.resources`: the PDF writer's URL fetcher, the HTML writer
(which embeds images) and the DOCX writer all apply it with the roots found here.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import IMAGE_TYPES, image_bytes, image_type
from .templating import search_path

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Document
    from . import WriterOptions


def resource_roots(document: Document, options: WriterOptions) -> tuple[Path, ...]:
    """The folders a document's resources may come from: the position's (``options``),
    the theme's, and every template folder on the kind's search path."""
    roots = list(options.resource_roots)
    theme = getattr(document, "theme", None)
    if theme is not None and theme.folder:
        roots.append(Path(theme.folder))
    roots += search_path(document.meta.kind, tuple(options.templates))
    return tuple(dict.fromkeys(Path(root).resolve() for root in roots))


def data_url(path: Path) -> str:
    """A ``data:`` URL of an image file (for a standalone HTML page), checked and without its metadata."""
    data = image_bytes(path)
    return f"data:{IMAGE_TYPES[image_type(data) or 'png']};base64,{base64.b64encode(data).decode('ascii')}"
