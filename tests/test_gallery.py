"""The README's gallery is what positions/ makes today: a picture that would change is stale.

tools/gallery.py renders each picture afresh (PDF through WeasyPrint, the DOCX one through
LibreOffice) and compares it with the committed PNG in docs/gallery/ within a small tolerance
for anti-aliasing; `make gallery` regenerates them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftoppm"),
                    reason="the gallery needs LibreOffice and poppler (bin/setup --test installs them)")
def test_the_committed_gallery_matches_what_positions_make_today():
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "gallery.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_picture_the_readme_shows_is_in_the_gallery_and_every_picture_is_shown():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import gallery
    finally:
        sys.path.pop(0)
    names = {p.name for p in gallery.PICTURES}
    shown = set(__import__("re").findall(r"\(docs/gallery/([\w-]+)\.png\)", readme))
    assert shown == names
    assert all((ROOT / "docs" / "gallery" / f"{name}.png").is_file() for name in names)
