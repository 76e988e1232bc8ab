"""Count the pages of a PDF, and of a DOCX as LibreOffice lays it out."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import PaperkitError


def pdf_pages(data: bytes) -> int:
    """The number of pages of a PDF."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def office() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_pages(data: bytes, timeout: float = 180) -> int:
    """The number of pages of a DOCX as LibreOffice lays it out (converted to PDF in a scratch
    folder with its own LibreOffice profile, so that it runs beside an open LibreOffice).

    LibreOffice substitutes fonts the machine lacks, so the count can differ from Word's.
    """
    command = office()
    if command is None:
        raise PaperkitError("LibreOffice is not installed (Debian: libreoffice-writer-nogui); "
                            "the pages of the DOCX cannot be counted")
    with tempfile.TemporaryDirectory(prefix="paperkit-pages-") as folder:
        path = Path(folder) / "document.docx"
        path.write_bytes(data)
        profile = (Path(folder) / "profile").as_uri()
        try:
            subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", folder, str(path)], check=True, capture_output=True, timeout=timeout)
            return pdf_pages((Path(folder) / "document.pdf").read_bytes())
        except (subprocess.SubprocessError, OSError) as exc:
            raise PaperkitError(f"LibreOffice could not lay out the DOCX to count its pages ({exc})") from None
