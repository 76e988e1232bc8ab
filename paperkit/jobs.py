"""Jobs: which documents to make (formats × languages), where they go, written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable, Sequence

from .document import build
from .errors import PaperkitError
from .model import Position
from .writers import FORMATS, WriterOptions, writer

DEFAULT_FORMATS = ("pdf", "docx", "html", "md", "txt")


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def resolve_languages(position: Position, lang: str | Sequence[str] | None) -> list[str]:
    """``None`` → the first language; ``"all"`` → every language; else those named."""
    if lang is None:
        return [position.languages[0]]
    if isinstance(lang, str):
        lang = position.languages if lang == "all" else [x.strip() for x in lang.split(",") if x.strip()]
    unknown = [x for x in lang if x not in position.languages]
    if unknown:
        raise PaperkitError(
            f"{position.id}: no {', '.join(unknown)} version; the position has {', '.join(position.languages)}")
    return list(lang)


def resolve_formats(formats: str | Iterable[str] | None) -> list[str]:
    """Check format names; ``None`` means every format."""
    if formats is None:
        return list(DEFAULT_FORMATS)
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise PaperkitError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return formats


def render(
    position: Position | str | os.PathLike,
    formats: str | Iterable[str] | None = None,
    out: str | os.PathLike = "out",
    lang: str | Sequence[str] | None = None,
    templates: Sequence[str | os.PathLike] = (),
    paper: str | None = None,
    pdf_variant: str | None = "pdf/ua-1",
) -> list[Path]:
    """Render a position (or a position file) and return the paths written.

    Files are named ``<id>.<lang>.<ext>`` in ``out``.  Every document is made in
    memory first and then written atomically, so a failure leaves no file behind.
    """
    if not isinstance(position, Position):
        from .load import load

        position = load(position)
    fmts = resolve_formats(formats)
    langs = resolve_languages(position, lang)
    options = writer_options(position, templates, paper, pdf_variant)
    out_dir = Path(out)
    written: list[Path] = []
    for language in langs:
        document = build(position, language)
        for fmt in fmts:
            data = writer(fmt)(document, options)
            written.append(write_atomic(out_dir / f"{position.id}.{language}.{fmt}", data))
    return written


def writer_options(position: Position, templates: Sequence[str | os.PathLike] = (),
                   paper: str | None = None, pdf_variant: str | None = "pdf/ua-1") -> WriterOptions:
    """Options for the writers: user templates, and the folders resources may come from."""
    template_dirs = tuple(Path(t).resolve() for t in templates)
    roots = ((position.source.parent,) if position.source else ()) + template_dirs
    return WriterOptions(templates=template_dirs, resource_roots=roots, paper=paper, pdf_variant=pdf_variant)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; a rendered file is as readable as any other
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
