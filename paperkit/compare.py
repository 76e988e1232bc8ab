"""Are the PDF and the DOCX twins?  Render both, convert the DOCX with LibreOffice, compare.

For one position in each of its languages, ``compare`` reports, side by side:

- the number of pages of the WeasyPrint PDF and of LibreOffice's PDF of the DOCX;
- the first words of each page (of the text between the running header and the footer)
  and which paragraph of the document they belong to: "same pages" means the same page
  count and every page starting in the same paragraph;
- the fonts each PDF uses (``pdffonts``, subset prefixes removed);
- a per-page image difference score: both pages rastered at low resolution in grey, the
  mean absolute difference of their pixels (0 = identical, 1 = black against white).

The paragraphs are those of the plain-text writer (the same tree, one paragraph per block),
so the check does not depend on how either PDF groups its lines.  ``without_fonts`` converts
with a fontconfig that knows only DejaVu, as on a colleague's machine without Noto: whatever
LibreOffice then draws in Noto comes from the fonts embedded in the DOCX.

Needs LibreOffice (``soffice``) and poppler (``pdftotext``, ``pdffonts``, ``pdftoppm``).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RenderError

MARGIN_BAND_MM = 25.0
"""Small lines this close to the top or bottom edge are the running header or the footer, not the page's text."""
SMALL_LINE = 0.85
"""A line lower than this share of the document's usual line height is small (headers and footers
are set at 7.5–8 pt against 10.5 pt text: about 0.7–0.76 of its line height)."""
PROBE = 16
"""Characters (spaces removed) of a page's start that are looked up among the paragraphs."""
SKIPPABLE_LINES = 8
"""Lines at the top of a page that may belong to no paragraph (the letterhead's)."""
RASTER_DPI = 30
_MM = 72 / 25.4


@dataclass
class Side:
    """One PDF of the pair: what it shows."""

    pages: int
    first_words: list[str]
    paragraphs: list[int | None]
    """For each page, the index of the paragraph its text starts in (None: not found)."""
    fonts: list[str]


@dataclass
class Comparison:
    """The PDF and the LibreOffice PDF of the DOCX of one document (one language)."""

    lang: str
    pdf: Side
    docx: Side
    image_scores: list[float | None] = field(default_factory=list)

    @property
    def same_pages(self) -> bool:
        """Same number of pages, and every page starts in the same paragraph."""
        return self.pdf.pages == self.docx.pages and self.pdf.paragraphs == self.docx.paragraphs

    @property
    def mismatched_pages(self) -> list[int]:
        """1-based numbers of the pages that start in different paragraphs (or exist in one PDF only)."""
        count = max(self.pdf.pages, self.docx.pages)
        a = self.pdf.paragraphs + [None] * (count - self.pdf.pages)
        b = self.docx.paragraphs + [None] * (count - self.docx.pages)
        return [i + 1 for i in range(count) if a[i] != b[i] or a[i] is None]


def compare(position, lang: str | list[str] | None = "all", templates=(), paper: str | None = None,
            without_fonts: bool = False, keep: Path | None = None, allow=()) -> list[Comparison]:
    """Compare the PDF and the DOCX of ``position`` (a Position or a file) in each language.

    ``allow``: folders outside the position's own that the files it names may lie in (``--allow``).

    ``keep``: a folder where the PDFs, the DOCX, LibreOffice's PDFs and PNGs of the pages
    (side by side, 60 dpi) are written for a look.
    """
    from .document import build
    from .jobs import fitted_letter, resolve_languages, writer_options, written
    from .load import load
    from .model import Position
    from .resolve import resolve
    from .writers import writer

    if not isinstance(position, Position):
        position = load(position)
    langs = resolve_languages(position, lang)
    resolved = resolve(position, allow=tuple(allow))
    options = writer_options(resolved, templates=tuple(templates), paper=paper, pdf_variant=None)
    with tempfile.TemporaryDirectory(prefix="paperkit-compare-") as tmp:
        folder = Path(tmp)
        made = {}
        for language in langs:
            fitted = fitted_letter(build(resolved, language), options, ("pdf", "docx"))  # as render makes them
            document = fitted.document
            name = f"{position.id}.{language}"
            made[name] = (language, written(fitted, "pdf", options), writer("docx")(document, options),
                          writer("txt")(document, options).decode("utf-8"))
            (folder / f"{name}.docx").write_bytes(made[name][2])
        converted = libreoffice_pdfs([folder / f"{name}.docx" for name in made], folder / "lo", without_fonts)
        results = []
        for name, (language, pdf, docx, text) in made.items():
            paragraphs = text_paragraphs(text)
            office_pdf = converted[name].read_bytes()
            comparison = Comparison(language, side(pdf, paragraphs), side(office_pdf, paragraphs),
                                    image_scores(pdf, office_pdf))
            results.append(comparison)
            if keep is not None:
                keep_files(Path(keep), name, pdf, docx, office_pdf)
        return results


# ------------------------------------------------------------ LibreOffice


def office_binary() -> str:
    from .pages import office as find_office

    office = find_office()
    if not office:
        raise RenderError("paperkit compare needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui)")
    return office


def libreoffice_pdfs(docx_files: list[Path], out: Path, without_fonts: bool = False) -> dict[str, Path]:
    """Convert DOCX files to PDF with LibreOffice in one call (its own profile); stem → PDF.

    ``without_fonts``: LibreOffice sees none of the installed fonts but DejaVu (a fontconfig of
    its own): what it draws in Noto comes from the fonts embedded in the DOCX.
    """
    out.mkdir(parents=True, exist_ok=True)
    profile = out / "profile"
    env = dict(os.environ)
    if without_fonts:
        env["FONTCONFIG_FILE"] = str(bare_fontconfig(out))
    try:
        subprocess.run([office_binary(), f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out), *map(str, docx_files)],
                       check=True, capture_output=True, timeout=600, env=env)
    except subprocess.CalledProcessError as error:
        raise RenderError(f"LibreOffice could not convert: {error.stderr.decode(errors='replace').strip()}") from None
    except subprocess.TimeoutExpired:
        raise RenderError("LibreOffice took more than 10 minutes to convert; gave up") from None
    result = {}
    for path in docx_files:
        pdf = out / (path.stem + ".pdf")
        if not pdf.exists():
            raise RenderError(f"LibreOffice made no PDF of {path.name}")
        result[path.stem] = pdf
    return result


STAND_IN_FONTS = ("/usr/share/fonts/truetype/dejavu",)
"""The only fonts LibreOffice sees with ``without_fonts`` (it will not start with none at all):
DejaVu, which draws neither paperkit's Noto faces nor Chinese or Japanese."""


def bare_fontconfig(folder: Path) -> Path:
    """A fontconfig file that knows only DejaVu: a machine without Noto (nor any CJK font)."""
    conf = folder / "fonts.conf"
    dirs = "".join(f"<dir>{d}</dir>" for d in STAND_IN_FONTS if Path(d).is_dir())
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>\n")
    return conf


# ------------------------------------------------------------ reading the PDFs


def side(pdf: bytes, paragraphs: list[str]) -> Side:
    """Pages, first words, paragraphs and fonts of one PDF."""
    pages = page_texts(pdf)
    starts = [first_words(text) for text in pages]
    return Side(len(pages), starts, locate_pages(pages, paragraphs), pdf_fonts(pdf))


def page_size(pdf: bytes) -> tuple[float, float]:
    """Width and height of the first page, in points."""
    import io

    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text without the running header and the footer (:func:`margin_cuts`)."""
    width, height = page_size(pdf)
    top, bottom = margin_cuts(pdf, height)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-x", "0", "-y", str(int(top)), "-W", str(int(width) + 1),
         "-H", str(int(bottom - top) + 1), "-", "-"],
        input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8").split("\f")[:-1]


def margin_cuts(pdf: bytes, height: float) -> tuple[float, float]:
    """Where the page's text begins and ends, in points from the top edge: below the running header
    and above the footer.  They are the small lines (under ``SMALL_LINE`` of the document's usual
    line height) within ``MARGIN_BAND_MM`` of the top edge on pages after the first (the first
    carries no running header, but may carry a letterhead) and of the bottom edge on any page.
    A letter's text starts 15 mm from the top edge, a statement's 24 mm, under headers of
    their own heights: no one fixed band fits both."""
    band = MARGIN_BAND_MM * _MM
    lines = line_boxes(pdf)
    heights = sorted(bottom - top for _, top, bottom in lines)
    usual = heights[len(heights) // 2] if heights else 0.0
    small = [(page, top, bottom) for page, top, bottom in lines if bottom - top < SMALL_LINE * usual]
    header = [bottom for page, top, bottom in small if page > 1 and bottom < band]
    footer = [top for _, top, bottom in small if top > height - band]
    return (max(header) + 0.5 if header else 0.0), (min(footer) - 0.5 if footer else height)


def line_boxes(pdf: bytes) -> list[tuple[int, float, float]]:
    """Every line of the PDF as (page number, top, bottom), from ``pdftotext -bbox-layout``."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    boxes = []
    for number, page in enumerate(re.split(r"<page ", xml)[1:], 1):
        for top, bottom in re.findall(r'<line xMin="[-\d.]+" yMin="([-\d.]+)" xMax="[-\d.]+" yMax="([-\d.]+)"', page):
            boxes.append((number, float(top), float(bottom)))
    return boxes


def first_words(text: str, count: int = 6) -> str:
    """The first words of a page (the first characters, for text without spaces)."""
    words = text.split()
    start = " ".join(words[:count])
    return start if len(start) <= 60 else start[:24] + "…"


def squeeze(text: str) -> str:
    """Only the letters and digits of ``text``: how the PDFs and the paragraphs are matched
    (spaces, punctuation and list markers differ with the layout)."""
    return re.sub(r"[\W_]+", "", text)


def text_paragraphs(text: str) -> list[str]:
    """The paragraphs of the plain-text rendering, squeezed, without the ``<url>`` the text
    writer adds after a link's text."""
    return [squeeze(re.sub(r"<[a-z]+:[^>\s]+>", "", p)) for p in re.split(r"\n\s*\n", text) if p.strip()]


def locate_pages(pages: list[str], paragraphs: list[str]) -> list[int | None]:
    """For each page, the paragraph its text starts in, searching forward from the last page's
    (the first page starts the document, whatever its letterhead holds)."""
    found: list[int | None] = [0] if pages else []
    start = 0
    for text in pages[1:]:
        index = locate(text, paragraphs, start)
        found.append(index)
        if index is not None:
            start = index
    return found


def locate(text: str, paragraphs: list[str], start: int) -> int | None:
    """The first paragraph from ``start`` that holds the start of ``text`` (its first lines'
    letters and digits)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for skip in range(min(len(lines), SKIPPABLE_LINES)):  # a letterhead is in no paragraph: look past it
        head = " ".join(lines[skip:skip + 3])
        probe = squeeze(head)[:PROBE]
        if len(probe) < PROBE // 2:
            continue
        for index in range(start, len(paragraphs)):
            if probe in paragraphs[index]:
                return index
    return None


def pdf_fonts(pdf: bytes) -> list[str]:
    """The font names ``pdffonts`` lists, without subset prefixes, sorted."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(["pdffonts", handle.name], capture_output=True, check=True)
    names = set()
    for line in result.stdout.decode("utf-8", "replace").splitlines()[2:]:
        if line.strip():
            names.add(re.sub(r"^[A-Z]{6}\+", "", line.split()[0]))
    return sorted(names)


# ------------------------------------------------------------ images


def rasters(pdf: bytes, dpi: int = RASTER_DPI, grey: bool = True) -> list:
    """The pages as Pillow images (pdftoppm)."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="paperkit-raster-") as tmp:
        source = Path(tmp) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), *(["-gray"] if grey else []), "-png", str(source),
                        str(Path(tmp) / "page")], check=True, capture_output=True)
        images = []
        for path in sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1])):
            with Image.open(path) as image:
                images.append(image.copy())
        return images


def image_scores(a: bytes, b: bytes) -> list[float | None]:
    """Per page, the mean absolute difference of the two pages in grey (0–1); None where a
    page exists in one PDF only."""
    from PIL import ImageChops, ImageStat

    first, second = rasters(a), rasters(b)
    scores: list[float | None] = []
    for index in range(max(len(first), len(second))):
        if index >= len(first) or index >= len(second):
            scores.append(None)
            continue
        x, y = first[index], second[index]
        if x.size != y.size:
            y = y.resize(x.size)
        scores.append(round(ImageStat.Stat(ImageChops.difference(x, y)).mean[0] / 255, 4))
    return scores


def keep_files(folder: Path, name: str, pdf: bytes, docx: bytes, office_pdf: bytes) -> None:
    """The PDF, the DOCX, LibreOffice's PDF and ``<name>.side-by-side.png`` (each page: the PDF
    at the left, LibreOffice's at the right, 60 dpi) in ``folder``."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.pdf").write_bytes(pdf)
    (folder / f"{name}.docx").write_bytes(docx)
    (folder / f"{name}.docx.pdf").write_bytes(office_pdf)
    left, right = rasters(pdf, 60, grey=False), rasters(office_pdf, 60, grey=False)
    if not left and not right:
        return
    width = max(img.width for img in left + right)
    height = max(img.height for img in left + right)
    rows = max(len(left), len(right))
    sheet = Image.new("RGB", (2 * width + 12, rows * (height + 12)), "#888888")
    for row in range(rows):
        for column, images in enumerate((left, right)):
            if row < len(images):
                sheet.paste(images[row].convert("RGB"), (column * (width + 12), row * (height + 12)))
    sheet.save(folder / f"{name}.side-by-side.png")


# ------------------------------------------------------------ report


def report(path: str, comparisons: list[Comparison]) -> str:
    """The comparison as text, one block per language."""
    out = []
    for c in comparisons:
        verdict = "same pages" if c.same_pages else f"DIFFERENT pages {c.mismatched_pages}"
        out.append(f"{path} [{c.lang}]: PDF {c.pdf.pages} pages, DOCX (LibreOffice) {c.docx.pages} pages: {verdict}")
        for index in range(max(c.pdf.pages, c.docx.pages)):
            a = c.pdf.first_words[index] if index < c.pdf.pages else "—"
            b = c.docx.first_words[index] if index < c.docx.pages else "—"
            score = c.image_scores[index] if index < len(c.image_scores) else None
            diff = f"{score:.3f}" if score is not None else "—"
            mark = " " if index + 1 not in c.mismatched_pages else "≠"
            out.append(f"  {mark} page {index + 1}: image difference {diff}\n      PDF:  {a}\n      DOCX: {b}")
        out.append(f"  fonts PDF:  {', '.join(c.pdf.fonts)}")
        out.append(f"  fonts DOCX: {', '.join(c.docx.fonts)}")
    return "\n".join(out) + "\n"
