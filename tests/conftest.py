"""Shared test helpers: build documents from position files or YAML text, read PDFs back."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from paperkit.document import Document, build
from paperkit.load import load, load_text
from paperkit.writers import WriterOptions

ROOT = Path(__file__).resolve().parent.parent
POSITIONS = ROOT / "positions"
# The example positions name ../themes/, outside their own folder: allowed explicitly, as a user
# would with --allow themes (tests of the rule itself clear this with monkeypatch).
os.environ["PAPERKIT_ALLOWED_ROOTS"] = str(ROOT / "themes")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def document_of(path: Path, lang: str | None = None) -> Document:
    """The document tree of a position file."""
    return build(load(path), lang)


def document_from_yaml(text: str, lang: str | None = None) -> Document:
    """The document tree of a position given as YAML text."""
    return build(load_text(text), lang)


def options_for(path: Path | None = None, **kwargs) -> WriterOptions:
    """Writer options as ``paperkit render`` makes them (resources from the file's folder)."""
    roots = (path.resolve().parent,) if path else ()
    return WriterOptions(resource_roots=roots, **kwargs)


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, as pdftotext extracts it."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8").split("\f")[:-1]


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces (line breaks of the layout removed)."""
    return re.sub(r"\s+", " ", text).strip()


def statement_yaml(body: str, extra: str = "") -> str:
    """A small valid statement as YAML; ``body`` is the YAML list under ``body:``."""
    return ("id: t\nkind: statement\ntitle: A test statement\ndate: 2024-09-09\n"
            "issued_by:\n  - name: Test Org\n" + extra + "body:\n" + body)


def libreoffice_convert(docx_files: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Convert DOCX files (name → bytes) to PDF with LibreOffice in one call; name → PDF path."""
    import shutil
    import subprocess

    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is needed for this test (Debian: libreoffice-writer-nogui)"
    paths = []
    for name, data in docx_files.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(str(path))
    profile = (folder / "profile").as_uri()  # its own profile: other LibreOffice runs may be open
    subprocess.run([office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *paths], check=True, capture_output=True, timeout=300)
    return {name: folder / f"{name}.pdf" for name in docx_files}
