"""``letter: {fit: one-page}``: a letter tightened, only as far as it takes, to stay on one page.

Letters whose body grows a paragraph at a time are rendered with and without ``fit``; pages
are counted in the PDF and in LibreOffice's PDF of the DOCX.  The limits come from the
sources in paperkit/data/letter_fit.yaml, not from the code: running text never below 10 pt
(DIN 5008, Deutsche Post), lines never tighter than 120 % of the size (Butterick).  The body's
size is read from the PDF's text (pypdf), its line pitch and the page's geometry from
``pdftotext -bbox-layout``, the DOCX's settings from its styles.
"""

from __future__ import annotations

import io
import re
import subprocess
import warnings
import zipfile
from pathlib import Path

import pytest
from conftest import POSITIONS, libreoffice_convert
from lxml import etree

from paperkit import render_bytes
from paperkit.batch import merge
from paperkit.errors import FitWarning

from test_keep_together import assert_tail_kept

SENTENCE = "Filler words make this paragraph of the body long enough to wrap over several lines of the page. "
MM = 72 / 25.4
A4_HEIGHT = 297 * MM
BOTTOM_MARGIN = 20 * MM  # DIN 5008's letter: style.css @page letter:first, the DOCX template's page
FLOOR_SIZE = 10.0  # Deutsche Post, "Normbrief nach DIN 5008": running text not smaller than 10 pt
FLOOR_LINES = 1.2  # Butterick, Practical Typography: line spacing 120–145 % of the point size
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def letter(paragraphs: int, fit: bool = True, ident: str = "fit", extra: str = "") -> str:
    """A one-recipient letter of ``paragraphs`` three-line paragraphs (at 10.5 pt), with its closing parts."""
    body = "".join(f'  - "{SENTENCE * 2}"\n' for _ in range(paragraphs))
    return (f"id: {ident}\nkind: letter\ntitle: Keeping a letter on one page\ndate: 2024-10-14\n"
            "issued_by: [{name: Example Rights Network}]\n"
            "letter:\n  signers: [{name: Kim Lee, title: Director}]\n"
            "  cc: [Permanent Mission of Japan]\n  enclosures: [Joint statement, Annex]\n"
            + ("  fit: one-page\n" if fit else "") + extra +
            "recipients: [{name: Jane Roe, gender: f, organisation: Ministry, address: 1 Road, country: Japan}]\n"
            "body:\n" + body)


def made(text: str, fmt: str, folder: Path, allow: tuple[Path, ...] = ()) -> bytes:
    path = folder / "letter.yaml"
    path.write_text(text, encoding="utf-8")
    return render_bytes(path, fmt, allow=allow)


def pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def body_sizes(pdf: bytes) -> set[float]:
    """The sizes (pt) the PDF draws the body's filler text at."""
    import pypdf

    sizes: set[float] = set()

    def visit(text, cm, tm, font, size):
        if "Filler" in text:
            sizes.add(round(size * tm[3] * cm[3], 2))

    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def layout(pdf: bytes) -> etree._Element:
    html = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return etree.fromstring(html, etree.HTMLParser())


def line_pitch(pdf: bytes) -> float:
    """The distance (pt) between the baselines of consecutive lines of one body paragraph."""
    pitches = []
    for block in layout(pdf).iter("block"):
        lines = block.findall("line")
        if len(lines) >= 2 and "Filler" in "".join(lines[0].itertext()):
            pitches += [float(b.get("ymax")) - float(a.get("ymax")) for a, b in zip(lines, lines[1:])]
    assert pitches
    return sum(pitches) / len(pitches)


def lowest_word(pdf: bytes) -> float:
    return max(float(word.get("ymax")) for word in layout(pdf).iter("word"))


def docx_text_settings(docx: bytes) -> tuple[float, float, str]:
    """(size pt, line height pt, line rule) of the DOCX's body text (its document defaults)."""
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml"))
    defaults = styles.find(f"{W}docDefaults")
    size = int(defaults.find(f"{W}rPrDefault/{W}rPr/{W}sz").get(W + "val")) / 2
    spacing = defaults.find(f"{W}pPrDefault/{W}pPr/{W}spacing")
    return size, int(spacing.get(W + "line")) / 20, spacing.get(W + "lineRule")


@pytest.fixture(scope="module")
def six(tmp_path_factory) -> dict[str, bytes]:
    """A letter of six paragraphs: two pages as designed."""
    folder = tmp_path_factory.mktemp("six")
    out = {}
    for fit in (False, True):
        for fmt in ("pdf", "docx"):
            out[f"{'fit' if fit else 'designed'}-{fmt}"] = made(letter(6, fit), fmt, folder)
    converted = libreoffice_convert({name: out[name] for name in ("fit-docx", "designed-docx")}, folder)
    out.update({f"{name}-office": path.read_bytes() for name, path in converted.items()})
    return out


def test_a_two_page_letter_is_one_page_with_fit_in_pdf_and_in_libreoffice(six):
    assert pages(six["designed-pdf"]) == 2 and pages(six["designed-docx-office"]) == 2  # else the test proves nothing
    assert pages(six["fit-pdf"]) == 1
    assert pages(six["fit-docx-office"]) == 1


def test_fit_stays_within_the_limits_and_the_docx_gets_the_same_step(six):
    designed, fitted = six["designed-pdf"], six["fit-pdf"]
    (size,) = body_sizes(fitted)
    pitch = line_pitch(fitted)
    assert size >= FLOOR_SIZE
    assert pitch >= FLOOR_LINES * size - 0.3
    assert pitch < line_pitch(designed) - 0.5  # it did tighten
    docx_size, docx_line, rule = docx_text_settings(six["fit-docx"])
    assert docx_size == size and rule == "exact"  # Word's "at least" cannot go below the font's own line
    assert docx_line == pytest.approx(pitch, abs=0.3)
    designed_size, designed_line, _ = docx_text_settings(six["designed-docx"])
    assert (designed_size, designed_line) == (10.5, 15.75)  # style.css: 10.5 pt, line height 1.5


def test_nothing_of_the_fitted_letter_falls_below_the_bottom_margin(six):
    for name in ("fit-pdf", "fit-docx-office"):
        assert lowest_word(six[name]) <= A4_HEIGHT - BOTTOM_MARGIN, name


def test_a_letter_that_fits_as_designed_is_not_tightened(tmp_path):
    pdf = made(letter(3), "pdf", tmp_path)
    assert pages(pdf) == 1 and body_sizes(pdf) == {10.5}
    assert made(letter(3), "pdf", tmp_path) == made(letter(3, fit=False), "pdf", tmp_path)


def test_a_letter_too_long_for_one_page_warns_once_and_stays_as_designed(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf = made(letter(16), "pdf", tmp_path)
    said = [w for w in caught if issubclass(w.category, FitWarning)]
    assert len(said) == 1
    message = str(said[0].message)
    assert "fit (en) to Jane Roe" in message and "one page" in message
    assert pages(pdf) >= 2 and body_sizes(pdf) == {10.5}  # not squeezed beyond the floor, nor to it
    designed = made(letter(16, fit=False), "pdf", tmp_path)
    assert layout(pdf).xpath("string()") == layout(designed).xpath("string()")


@pytest.mark.parametrize("paragraphs", [11, 12, 13])
def test_the_closing_keeps_with_the_body_when_one_page_cannot_hold_the_letter(tmp_path, paragraphs):
    with pytest.warns(FitWarning):
        pdf = made(letter(paragraphs), "pdf", tmp_path)
        docx = made(letter(paragraphs), "docx", tmp_path)
    assert_tail_kept(pdf, f"{paragraphs} paragraphs")
    office = libreoffice_convert({"letter": docx}, tmp_path)["letter"].read_bytes()
    assert_tail_kept(office, f"{paragraphs} paragraphs (LibreOffice)")


def test_the_jca_net_letter_fits_one_page_above_its_note_and_footer(tmp_path):
    """The JCA-NET letter in positions/ puts its closing on page 2 as designed; fitted, it is one
    page, in the PDF and in LibreOffice's PDF of the DOCX, its text above the footnote and the
    theme's footer line, which stay in the bottom margin's band."""
    import shutil

    shutil.copytree(POSITIONS.parent / "themes", tmp_path / "themes")
    (tmp_path / "positions").mkdir()
    source = (POSITIONS / "jca-net-2024-09-letter-to-the-foreign-minister.yaml").read_text(encoding="utf-8")
    fit = source.replace("\nletter:\n", "\nletter:\n  fit: one-page\n", 1)
    themes = (tmp_path / "themes",)
    designed = made(source, "pdf", tmp_path / "positions", themes)
    fitted = made(fit, "pdf", tmp_path / "positions", themes)
    assert pages(designed) == 2 and pages(fitted) == 1
    office = libreoffice_convert({"jca": made(fit, "docx", tmp_path / "positions", themes)}, tmp_path)["jca"]
    assert pages(office.read_bytes()) == 1
    words = [(w.text, float(w.get("ymin")), float(w.get("ymax"))) for w in layout(fitted).iter("word")]
    footer = [w for w in words if w[1] > A4_HEIGHT - BOTTOM_MARGIN]
    assert "www.jca.apc.org/jca-net" in [w[0] for w in footer]  # the theme's footer, in the bottom margin
    note = min(w[1] for w in words if w[0] == "Constitution" and w[1] > A4_HEIGHT / 2)  # the footnote's first line
    text = [w for w in words if w[2] < note]
    assert max(w[2] for w in text) < note <= min(w[1] for w in footer)
    assert max(w[2] for w in words if w not in footer) <= A4_HEIGHT - BOTTOM_MARGIN


def test_each_recipient_of_a_merge_gets_the_step_it_needs(tmp_path):
    """The body names the recipient's title: a long one takes more lines, so a tighter step."""
    body = "".join(f'  - "{SENTENCE * 2}"\n' for _ in range(5))
    body += 2 * ('  - "We write to you as {recipient.title}, as {recipient.title} and {recipient.title}. '
                 + SENTENCE + '"\n')
    long_title = "Minister for Health, Social Affairs, Labour, Welfare, Sport, Youth and Families"
    text = ("id: merge-fit\nkind: letter\ntitle: Keeping each letter on one page\ndate: 2024-10-14\n"
            "issued_by: [{name: Example Rights Network}]\n"
            "letter:\n  fit: one-page\n  signers: [{name: Kim Lee, title: Director}]\n"
            "  cc: [Permanent Mission of Japan]\n  enclosures: [Joint statement, Annex]\n"
            "recipients:\n  entries:\n"
            "    - {name: Ana Short, gender: f, title: Minister, organisation: Ministry, country: Chile}\n"
            f"    - {{name: Ben Long, gender: m, title: '{long_title}', organisation: Ministry, country: Peru}}\n"
            "body:\n" + body)
    path = tmp_path / "merge.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", FitWarning)
        result = merge(path, out=tmp_path / "out", formats=("pdf", "docx"), jobs=1)
    assert result.ok
    by_name = {w.path.name: w.path.read_bytes() for w in result.written}
    short, long = by_name["ana-short.en.pdf"], by_name["ben-long.en.pdf"]
    assert pages(short) == 1 and pages(long) == 1
    assert line_pitch(long) < line_pitch(short) or body_sizes(long) != body_sizes(short)
    office = libreoffice_convert({name: data for name, data in by_name.items() if name.endswith(".docx")}, tmp_path)
    for name, converted in office.items():
        assert pages(converted.read_bytes()) == 1, name
    assert docx_text_settings(by_name["ana-short.en.docx"]) != docx_text_settings(by_name["ben-long.en.docx"])
