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

MAX_IMAGE_BYTES = 8 * 1024 * 1024
"""Largest image file a document may hold (8 MiB): a logo or a chart is far smaller; a photo
straight from a camera is not, and would make every PDF and DOCX that size."""
MAX_IMAGE_PIXELS = 40_000_000
"""Most pixels an image may have (40 megapixels, e.g. 8000 × 5000): more is a photo at camera
resolution, or a crafted file meant to exhaust memory when it is decoded."""


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


def checked_image(path: str | Path, roots: tuple[Path, ...], kinds: tuple[str, ...] = ("png", "jpeg")) -> tuple[Path, int, int]:
    """An image under the resource rule, within the size limits: (resolved path, width, height in pixels).

    A RenderError says what is wrong: outside the allowed folders, missing, not an image of
    ``kinds``, more than ``MAX_IMAGE_BYTES`` or ``MAX_IMAGE_PIXELS``.
    """
    resolved = confined_file(path, roots)
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise RenderError(f"{resolved} is {size / 1048576:.1f} MiB; an image may be at most "
                          f"{MAX_IMAGE_BYTES // 1048576} MiB (make it smaller, e.g. save it at 150 dpi)")
    with resolved.open("rb") as handle:
        kind = image_type(handle.read(4096))
    if kind not in kinds:
        raise RenderError(f"{resolved} is not a {' or '.join(k.upper() for k in kinds)} image")
    if kind == "svg":
        return resolved, 0, 0
    width, height = _pixel_size(resolved)
    if width * height > MAX_IMAGE_PIXELS:
        raise RenderError(f"{resolved} is {width} × {height} pixels; an image may have at most "
                          f"{MAX_IMAGE_PIXELS // 1_000_000} million pixels (scale it down)")
    return resolved, width, height


def _pixel_size(path: Path) -> tuple[int, int]:
    """Width and height from the image's header (Pillow reads no pixels for this)."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                return image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RenderError(f"{path} has too many pixels to be an image in a document") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise RenderError(f"{path} cannot be read as an image ({exc})") from None
