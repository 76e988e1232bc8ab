"""The README's gallery: small page images of the built-in positions, made from positions/.

    python tools/gallery.py            # (re)write docs/gallery/*.png
    python tools/gallery.py --check    # exit 1 when a committed picture no longer matches

Each picture is one page of a document that ``paperkit render`` makes from a file in
positions/ (the DOCX one through LibreOffice, as a colleague opening it would see it),
rasterised by poppler's pdftoppm at a low resolution and reduced to a small palette so
that the PNGs stay small in the repository.  ``--check`` renders them afresh and compares
pixels: a picture that would change without being regenerated is stale.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

from paperkit.compare import libreoffice_pdfs

ROOT = Path(__file__).resolve().parent.parent
GALLERY = ROOT / "docs" / "gallery"
RESOLUTION = 36
"""Dots per inch of the pictures: an A4 page is about 298 × 421 pixels."""
TOLERANCE = 1.5
"""Largest mean difference per channel (0–255) still taken as the same picture (anti-aliasing noise)."""


@dataclass(frozen=True)
class Picture:
    """One page of one document: which position, language, format and page."""

    name: str
    position: str
    lang: str
    fmt: str
    page: int
    caption: str


PICTURES = (
    Picture("statement", "jca-net-2024-09-cybercrime.yaml", "en", "pdf", 1,
            "A statement with the organisation's theme (PDF)"),
    Picture("statement-docx", "jca-net-2024-09-cybercrime.yaml", "en", "docx", 1,
            "The same statement as DOCX, opened in LibreOffice"),
    Picture("joint-statement", "civil-society-2024-01-cybercrime-concluding-session.yaml", "en", "pdf", 3,
            "A joint statement: signatories from a sign-on CSV, in columns"),
    Picture("letter", "jca-net-2024-09-letter-to-the-foreign-minister.yaml", "en-GB", "pdf", 1,
            "A letter: letterhead, address in the envelope window, salutation, signers"),
    Picture("japanese", "jca-net-2024-09-cybercrime.yaml", "ja", "pdf", 1,
            "The statement in Japanese"),
    Picture("arabic", "paperkit-2024-10-statements-in-every-language.yaml", "ar", "pdf", 1,
            "Arabic, right to left"),
)


def render_pictures(target: Path) -> list[Path]:
    """Render every picture into ``target``; return their paths."""
    paperkit = Path(sys.executable).with_name("paperkit")
    made = []
    with tempfile.TemporaryDirectory(prefix="paperkit-gallery-") as tmp:
        work = Path(tmp)
        for picture in PICTURES:
            out = work / picture.name
            subprocess.run([str(paperkit), "render", str(ROOT / "positions" / picture.position), "--lang", picture.lang,
                            "--format", picture.fmt, "--allow", str(ROOT / "themes"), "--out", str(out)], check=True, capture_output=True)
            document = next(out.glob(f"*.{picture.lang}.{picture.fmt}"))
            pdf = document if picture.fmt == "pdf" else libreoffice_pdfs([document], work / "office")[document.stem]
            stem = work / f"{picture.name}-page"
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(picture.page), "-l", str(picture.page),
                            "-singlefile", str(pdf), str(stem)], check=True)
            image = Image.open(f"{stem}.png").convert("RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT)
            path = target / f"{picture.name}.png"
            image.save(path, optimize=True)
            made.append(path)
    return made


def difference(a: Path, b: Path) -> float:
    """Mean absolute difference per channel of two pictures (infinite when their sizes differ)."""
    first, second = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
    if first.size != second.size:
        return float("inf")
    return max(ImageStat.Stat(ImageChops.difference(first, second)).mean)


def stale_pictures() -> list[str]:
    """Names of committed pictures that a fresh render no longer matches (or that are missing)."""
    with tempfile.TemporaryDirectory(prefix="paperkit-gallery-check-") as tmp:
        fresh = render_pictures(Path(tmp))
        stale = []
        for path in fresh:
            committed = GALLERY / path.name
            if not committed.exists() or difference(path, committed) > TOLERANCE:
                stale.append(path.name)
        return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed pictures instead of writing")
    args = parser.parse_args()
    if args.check:
        stale = stale_pictures()
        if stale:
            print(f"gallery: stale pictures: {', '.join(stale)}; run `make gallery` and commit docs/gallery/")
            return 1
        print("gallery: every picture matches")
        return 0
    GALLERY.mkdir(parents=True, exist_ok=True)
    for path in render_pictures(GALLERY):
        print(f"{path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
