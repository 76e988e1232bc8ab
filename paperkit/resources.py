"""Which files paperkit may read (logos, signatures, stylesheet images): one rule for all.

A render reads images only from the position's folder, the theme's folder and the template
folders — never the network, never another ``file:``.  ``resolve`` asks :func:`confined_file`
when it reads a theme, and the writers ask it (through
:func:`paperkit.writers.resources.resource_roots`) for every image they draw.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import RenderError, ResourceRefused

IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "svg": "image/svg+xml"}

MAX_IMAGE_BYTES = 8 * 1024 * 1024
"""Largest image file a document may hold (8 MiB): a logo or a chart is far smaller; a photo
straight from a camera is not, and would make every PDF and DOCX that size."""


ALLOWED_ROOTS_VARIABLE = "PAPERKIT_ALLOWED_ROOTS"
"""Environment variable (the configuration of a machine or CI job): more folders, separated
by ``os.pathsep``, that every position may name files in."""


def allowed_roots(position_folder: Path, explicit: tuple[Path, ...] = ()) -> tuple[Path, ...]:
    """Where the files a position names (CSVs, theme, templates, images) may lie: its own folder,
    the folders given with ``--allow`` (``explicit``) and those of :data:`ALLOWED_ROOTS_VARIABLE`.

    Never anything the position itself says: ``templates: /`` does not widen the rule.
    """
    import os

    configured = tuple(Path(p) for p in os.environ.get(ALLOWED_ROOTS_VARIABLE, "").split(os.pathsep) if p.strip())
    return tuple(dict.fromkeys(Path(root).resolve() for root in (position_folder, *explicit, *configured)))


def outside_roots(path: Path, roots: tuple[Path, ...]) -> str | None:
    """Why ``path`` (links followed) may not be read under ``roots``, or None when it may."""
    resolved = Path(path).resolve()
    if any(resolved == root or resolved.is_relative_to(root) for root in roots):
        return None
    return (f"{resolved} is outside the position's folder; a position may name files only in its own folder "
            f"(or in a folder allowed with --allow DIR or ${ALLOWED_ROOTS_VARIABLE})")


def confined_file(path: str | Path, roots: tuple[Path, ...]) -> Path:
    """``path`` resolved (links followed), if it is a file under one of ``roots``.

    Anything else is a RenderError naming the file: outside every root, or missing.
    """
    resolved = Path(path).resolve()
    if not any(resolved.is_relative_to(Path(root).resolve()) for root in roots):
        raise ResourceRefused(str(resolved), f"refused resource {resolved}: it is outside the position's folder, "
                              "the theme's folder and the template folders")
    if not resolved.is_file():
        raise ResourceRefused(str(resolved), f"missing resource {resolved}")
    return resolved


def confined_url(url: str, roots: tuple[Path, ...]) -> Path:
    """The local file a ``file:`` URL names, under the same rule as :func:`confined_file`.

    Any other scheme (http, data …) is refused: a render never reaches the network.
    """
    from urllib.request import url2pathname  # here: urllib.request costs ~20 ms to import (http, email, ssl)

    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ResourceRefused(url, f"refused resource {url}: only local files under the position's folder, "
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


def read_image(path: str | Path, roots: tuple[Path, ...]) -> bytes:
    """The image at ``path`` under the one rule (:func:`confined_file`), checked and without
    its metadata: what every writer embeds."""
    return image_bytes(confined_file(path, roots))


def image_bytes(path: Path) -> bytes:
    """An image file's bytes, refused (RenderError) unless it decodes safely; metadata removed."""
    data = path.read_bytes()
    problem = image_problem(data)
    if problem:
        raise ResourceRefused(str(path), f"refused image {path}: {problem}")
    return without_metadata(data)


# ------------------------------------------------------------------ checking images

MAX_PIXELS = 40_000_000
"""Largest raster image (width × height) paperkit decodes: 40 megapixels, far above a logo."""
MAX_SVG_ELEMENTS = 20_000
"""Elements an SVG may have, counted with every ``<use>`` expanded (a nested-use bomb is refused)."""


def image_problem(data: bytes) -> str | None:
    """Why an image cannot be drawn safely (undecodable, a decompression or ``<use>`` bomb), or None."""
    kind = image_type(data)
    if kind is None:
        return "not a PNG, JPEG or SVG image"
    if kind == "svg":
        return svg_problem(data)
    import warnings

    from PIL import Image, ImageFile

    truncated_ok, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False  # WeasyPrint sets it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return (f"{image.width}×{image.height} pixels, more than the {MAX_PIXELS // 10**6} megapixels "
                            "paperkit decodes")
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        return f"a decompression bomb ({error})"
    except (OSError, SyntaxError, ValueError) as error:
        return f"it cannot be decoded ({error}); save it again from an image editor"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG is refused: not well-formed, a DTD, or too many elements once ``<use>`` is expanded."""
    from lxml import etree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "an SVG with a DTD or entities (paperkit draws plain SVG only)"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        return f"not well-formed SVG ({error})"
    elements = list(root.iter())  # kept alive: lxml's proxies (and so their id()s) stay the same
    by_id = {element.get("id"): element for element in elements if element.get("id")}
    sizes: dict[int, int] = {}

    def size(element: Any, trail: frozenset[int]) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in trail:
            raise RecursionError
        total = 1
        href = element.get("href") or element.get("{http://www.w3.org/1999/xlink}href") or ""
        if href.startswith("#") and href[1:] in by_id:
            total += size(by_id[href[1:]], trail | {key})
        for child in element:
            total += size(child, trail | {key})
            if total > MAX_SVG_ELEMENTS:
                break
        sizes[key] = total
        return total

    try:
        count = size(root, frozenset())
    except RecursionError:
        return "an SVG whose <use> elements refer to themselves"
    if count > MAX_SVG_ELEMENTS:
        return f"an SVG of more than {MAX_SVG_ELEMENTS} elements once its <use> references are expanded"
    return None


# ------------------------------------------------------------------ removing metadata

_PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD",
             b"pHYs", b"acTL", b"fcTL", b"fdAT"}
"""PNG chunks that change how the image looks; text, time and EXIF chunks (tEXt, zTXt, iTXt,
tIME, eXIf) and private chunks are left out."""
_JPEG_KEPT = {0xE0, 0xE2, 0xEE}
"""JPEG APP segments kept: JFIF (APP0), ICC profile (APP2), Adobe colour transform (APP14).
EXIF and XMP (APP1: GPS position, camera serial), IPTC (APP13) and comments (COM) go."""


def without_metadata(data: bytes) -> bytes:
    """A PNG, JPEG or SVG without the metadata that could say where, when and by whom it was made.

    Lossless: the pixels are not re-encoded, except for a JPEG that EXIF says to rotate, which
    is turned upright first (the rotation would otherwise be lost with the EXIF).
    """
    kind = image_type(data)
    if kind == "png":
        return _png_without_metadata(data)
    if kind == "jpeg":
        return _jpeg_without_metadata(_upright(data))
    if kind == "svg":
        return _svg_without_metadata(data)
    return data


def _png_without_metadata(data: bytes) -> bytes:
    out, at = [data[:8]], 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        chunk = data[at:at + 12 + length]
        if data[at + 4:at + 8] in _PNG_KEPT:
            out.append(chunk)
        at += 12 + length
    return b"".join(out)


def _jpeg_without_metadata(data: bytes) -> bytes:
    out, at = [data[:2]], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the image data follows, copied as it is
            break
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            out.append(data[at:at + 2])
            at += 2
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if not (0xE0 <= marker <= 0xEF or marker == 0xFE) or marker in _JPEG_KEPT:
            if marker != 0xE2 or data[at + 4:at + 16] == b"ICC_PROFILE\0":
                out.append(data[at:at + 2 + length])
        at += 2 + length
    out.append(data[at:])
    return b"".join(out)


def _upright(data: bytes) -> bytes:
    """A JPEG whose EXIF orientation is not 1, turned upright and re-encoded (quality 95)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        if image.getexif().get(0x0112, 1) in (1, None):
            return data
        upright = ImageOps.exif_transpose(image)
        buffer = io.BytesIO()
        upright.save(buffer, "JPEG", quality=95, icc_profile=image.info.get("icc_profile"))
        return buffer.getvalue()


def _svg_without_metadata(data: bytes) -> bytes:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    root = etree.fromstring(data, parser)
    for element in list(root.iter("{http://www.w3.org/2000/svg}metadata", "metadata")):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def checked_image(path: str | Path, roots: tuple[Path, ...], kinds: tuple[str, ...] = ("png", "jpeg")) -> tuple[Path, int, int]:
    """An image a position names, under the resource rule and within the limits: (resolved path,
    width, height in pixels).

    A RenderError says what is wrong: outside the allowed folders, missing, more than
    ``MAX_IMAGE_BYTES``, not an image of ``kinds``, or not safe to decode (:func:`image_problem`:
    more than ``MAX_PIXELS``, a decompression bomb, broken).
    """
    resolved = confined_file(path, roots)
    size = resolved.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise RenderError(f"{resolved} is {size / 1048576:.1f} MiB; an image may be at most "
                          f"{MAX_IMAGE_BYTES // 1048576} MiB (make it smaller, e.g. save it at 150 dpi)")
    data = resolved.read_bytes()
    kind = image_type(data)
    if kind not in kinds:
        raise RenderError(f"{resolved} is not a {' or '.join(k.upper() for k in kinds)} image")
    problem = image_problem(data)
    if problem:
        raise RenderError(f"refused image {resolved}: {problem}")
    if kind == "svg":
        return resolved, 0, 0
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return resolved, image.width, image.height
