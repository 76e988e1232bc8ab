"""Arabic letters as large as the Latin ones beside them, in the PDF and in the DOCX alike.

Read back from the outputs: the sizes each PDF draws its runs at (pypdf), the fonts
(pdffonts), the line pitch (pdftotext -bbox).  The bounds come from the font files themselves
(fontTools: the Latin x-height and ascenders, the Arabic letters' tops), not from paperkit.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import replace

import pytest
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from lxml import etree
from pypdf import PdfReader

from paperkit.compare import libreoffice_pdfs, line_boxes, pdf_fonts
from paperkit.document import build
from paperkit.document.scripts import segments
from paperkit.jobs import writer_options
from paperkit.load import load
from paperkit.resolve import resolve
from paperkit.writers import writer
from paperkit.writers.script_spans import arabic_spans

from conftest import POSITIONS

EVERY_LANGUAGE = POSITIONS / "paperkit-2024-10-statements-in-every-language.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

needs_office = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                                  reason="LibreOffice is needed (Debian: libreoffice-writer-nogui)")


def font_file(family: str) -> TTFont:
    path = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True).stdout
    return TTFont(path)


def top(font: TTFont, char: str) -> float:
    """The top of a character's glyph (its isolated form), in em."""
    glyphs = font.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.bounds[3] / font["head"].unitsPerEm


def runs(pdf: bytes) -> list[tuple[str, str, float]]:
    """(text, font, size in points) of every text run of the first page."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font:
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            out.append((text, str(font.get("/BaseFont")).split("+")[-1], size * scale))
    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return out


def size_of(pdf: bytes, words: str, font: str) -> float:
    found = {round(size, 2) for text, face, size in runs(pdf) if words in text and face.replace("-", "").startswith(font)}
    assert len(found) == 1, (words, found)
    return found.pop()


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    """The Arabic statement: WeasyPrint's PDF, the DOCX, LibreOffice's PDF of the DOCX."""
    position = resolve(load(EVERY_LANGUAGE))
    document = build(position, "ar")
    options = writer_options(position)
    folder = tmp_path_factory.mktemp("arabic")
    docx = writer("docx")(document, options)
    (folder / "ar.docx").write_bytes(docx)
    office = None
    if shutil.which("soffice") or shutil.which("libreoffice"):
        office = libreoffice_pdfs([folder / "ar.docx"], folder / "office")["ar"].read_bytes()
    return document, writer("pdf")(document, options), docx, office


def test_arabic_letters_are_set_larger_up_to_the_latin_ascenders(arabic):
    """Beside "JCA-NET" in the same paragraph, the Arabic is set so large that its alef stands as
    high as the Latin l (the bound of the rule), and larger than the Latin letters' size."""
    _, pdf, _, _ = arabic
    latin, naskh = font_file("Noto Serif"), font_file("Noto Naskh Arabic")
    latin_size = size_of(pdf, "JCA-NET", "NotoSerif")
    arabic_size = size_of(pdf, "بياناتها", "NotoNaskhArabic")
    ratio = arabic_size / latin_size
    assert ratio > 1.08
    assert ratio * top(naskh, "ا") == pytest.approx(top(latin, "l"), abs=0.015)
    # the Arabic letters' bodies (the teeth of س, the bowl of م) come nearer the x-height than at the same size
    body = sorted(top(naskh, c) for c in "سصمهوى")[3]
    x_height = latin["OS/2"].sxHeight / latin["head"].unitsPerEm
    assert abs(ratio * body - x_height) < abs(body - x_height)


def baselines(pdf: bytes, font: str, size: float) -> list[float]:
    """The baselines of the lines (points from the bottom edge, top first) with runs in ``font`` at ``size``."""
    found = set()

    def visit(text, cm, tm, face, font_size):
        scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip() and face and str(face.get("/BaseFont")).split("+")[-1].replace("-", "").startswith(font) \
                and abs(font_size * scale - size) < 0.01:
            found.add(round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1))
    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    lines: list[float] = []
    for y in sorted(found, reverse=True):  # runs of one line may sit a point or two apart (marks, bidi)
        if not lines or lines[-1] - y > 3:
            lines.append(y)
    return lines


def test_lines_of_arabic_are_as_high_as_the_face_asks_at_that_size(arabic):
    """The lines of a paragraph stand at least the Arabic face's ascent + descent apart at its size
    (the least Word and LibreOffice give them, as the DOCX's "at least" line spacing says), so the
    larger letters never crowd the next line."""
    _, pdf, _, _ = arabic
    naskh = font_file("Noto Naskh Arabic")
    line = (naskh["hhea"].ascent - naskh["hhea"].descent) / naskh["head"].unitsPerEm
    size = size_of(pdf, "بياناتها", "NotoNaskhArabic")
    lines = baselines(pdf, "NotoNaskhArabic", size)
    pitches = [round(a - b, 1) for a, b in zip(lines, lines[1:]) if a - b < 1.5 * line * size]
    assert len(pitches) >= 4 and min(pitches) >= line * size - 0.3, (pitches, line * size)


def test_the_docx_sets_the_complex_script_size_as_the_pdf(arabic):
    """Word draws Arabic letters at a run's complex-script size: w:szCs is the PDF's multiple of
    w:sz on the text's styles (to Word's half points); header and footer keep the size, as the
    PDF's margin boxes (strings, no spans) do."""
    document, pdf, docx, _ = arabic
    ratio = size_of(pdf, "بياناتها", "NotoNaskhArabic") / size_of(pdf, "JCA-NET", "NotoSerif")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        styles = etree.fromstring(package.read("word/styles.xml"))
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    sz, szcs = (int(defaults.find(W + name).get(W + "val")) for name in ("sz", "szCs"))
    assert abs(szcs - sz * ratio) <= 0.5
    for style_id in ("Header", "Footer"):
        rpr = styles.find(f"{W}style[@{W}styleId='{style_id}']/{W}rPr")
        assert rpr.find(W + "szCs").get(W + "val") == rpr.find(W + "sz").get(W + "val")


@needs_office
def test_libreoffice_draws_the_arabic_at_the_pdfs_size_and_in_its_fonts(arabic):
    """LibreOffice's PDF of the DOCX: the Arabic text at the PDF's size (to half a point), and
    every character in a font the PDF uses too: no DejaVu for the "–" and "/" that Noto Naskh
    Arabic lacks (the DOCX names the Latin family for them, as Pango takes them from it)."""
    _, pdf, _, office = arabic
    assert abs(size_of(office, "بياناتها", "NotoNaskhArabic") - size_of(pdf, "بياناتها", "NotoNaskhArabic")) <= 0.25
    flat = lambda name: "".join(c for c in name.lower() if c.isalnum())  # noqa: E731
    theirs = {flat(name) for name in pdf_fonts(pdf)}
    for name in pdf_fonts(office):
        assert not name.startswith("DejaVu"), pdf_fonts(office)
        assert any(flat(name).startswith(face) or face.startswith(flat(name).replace("regular", ""))
                   for face in theirs), (name, theirs)


def test_spans_cover_the_runs_the_docx_marks_right_to_left():
    page = '<html><head><title>بيان</title><style>p > a {}</style></head><body><p title="بيان">' \
           'فالبيان JCA-NET في &amp; (2024) بياناتها.</p><!-- بيان --></body></html>'
    out = arabic_spans(page)
    assert out.count('<span class="script-arabic">') == 2
    assert '<title>بيان</title>' in out and 'title="بيان"' in out and "<!-- بيان -->" in out
    text = "فالبيان JCA-NET في & (2024) بياناتها."
    assert [piece for rtl, piece in segments(text) if rtl] == ["فالبيان ", " في & (2024) بياناتها."]
    assert '<span class="script-arabic"> في &amp; (2024) بياناتها.</span>' in out


def test_an_english_document_has_no_spans_and_no_complex_script_size():
    position = resolve(load(EVERY_LANGUAGE))
    document = build(position, "en")
    assert document.fonts.arabic_size == 1
    assert b"script-arabic" not in writer("html")(document, writer_options(position))
