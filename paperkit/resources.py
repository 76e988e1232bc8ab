"""Which files paperkit may read (logos, signatures, stylesheet images): one rule for all.

A render reads images only from the position's folder, the theme's folder and the template
folders — never the network, never another ``file:``.  ``resolve`` asks :func:`confined_file`
when it reads a theme, and the writers ask it (through
:func:`paperkit.writers.resources.resource_roots`) for every image they draw.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .errors import RenderError

IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}


def confined_file(path: str | Path, roots: tuple[Path, ...]) -> Path:
    """``path`` resolved (links followed), if it is a file under one of ``roots``.

    Anything else is a RenderError naming the file: outside every root, or missing.
    """
    resolved = Path(path).resolve()
    if not any(resolved.is_relative_to(Path(root).resolve()) for root in roots):
        raise RenderError(f"refused resource {resolved}: it is outside the position's folder, "
                          "the theme's folder and the template folders")
    if not resolved.is_file():
        raise RenderError(f"missing resource {resolved}")
    return resolved


def confined_url(url: str, roots: tuple[Path, ...]) -> Path:
    """The local file a ``file:`` URL names, under the same rule as :func:`confined_file`.

    Any other scheme (http, data …) is refused: a render never reaches the network.
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise RenderError(f"refused resource {url}: only local files under the position's folder, "
                          "the theme's folder or the template folders may be used")
    return confined_file(url2pathname(unquote(parts.path)), roots)


def image_type(data: bytes) -> str | None:
    """``png``, ``jpeg`` or ``svg`` from a file's first bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")) and b"<svg" in data[:4096].lower():
        return "svg"
    return None
