"""UN front matter, the embargo line and the DRAFT watermark, read back from every format."""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from conftest import document_from_yaml, libreoffice_convert, pdf_pages, squash
from lxml import etree

from paperkit.writers import WriterOptions, writer

MM = 72 / 25.4
UN = ("un:\n  symbol: A/HRC/57/NGO/12\n  distribution: 'Distr.: General'\n  original: 'Original: English'\n"
      "  body: Human Rights Council\n  session: Fifty-seventh session\n  agenda_item: Agenda item 3\n")


def yaml(extra: str = "", lang: str = "en") -> str:
    return (f"id: t\nkind: submission\ntitle: Surveillance safeguards\ndate: 2024-09-09\nlanguages: [{lang}]\n"
            f"issued_by: [{{name: Test Org}}]\n{extra}body:\n  - The text of the submission[^n].\n"
            "notes:\n  n: A note.\n")


def pdf_words(pdf: bytes, page: int = 1) -> dict[str, tuple[float, float]]:
    """First occurrence of each word on ``page`` → (x, y) of its top left corner, in points."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout
    words: dict[str, tuple[float, float]] = {}
    for word in etree.fromstring(out, etree.HTMLParser()).iter("word"):
        words.setdefault(word.text, (float(word.get("xmin")), float(word.get("ymin"))))
    return words


def test_pdf_un_lines_above_the_title_symbol_right_organ_left():
    pdf = writer("pdf")(document_from_yaml(yaml(UN)), WriterOptions())
    words = pdf_words(pdf)
    symbol, distr, original = words["A/HRC/57/NGO/12"], words["Distr.:"], words["Original:"]
    organ, session, item = words["Human"], words["Fifty-seventh"], words["Agenda"]
    title = words["Surveillance"]
    assert symbol[0] > 120 * MM and original[0] > 120 * MM  # the top right block
    assert organ[0] < 40 * MM and session[0] < 40 * MM  # the top left block
    assert symbol[1] < distr[1] < original[1] < title[1]  # in order, all above the title
    assert organ[1] < session[1] < item[1] < title[1]
    assert "September 9, 2024" in squash(pdf_pages(pdf)[0])  # the date under the distribution


def test_embargo_line_first_in_every_format_and_in_the_language():
    moment = "embargo: 2024-09-09T09:00+09:00\n"
    for lang, line in (("en", "Embargoed until September 9, 2024 09:00 UTC+09:00"),
                       ("fr", "Sous embargo jusqu’au 9 septembre 2024 09:00 UTC+09:00"),
                       ("ja", "2024年9月9日 09:00 UTC+09:00まで公表禁止")):
        document = document_from_yaml(yaml(moment + UN, lang))
        assert squash(pdf_pages(writer("pdf")(document, WriterOptions()))[0]).startswith(line)
        for fmt in ("md", "txt"):
            text = writer(fmt)(document, WriterOptions()).decode("utf-8")
            assert text.lstrip("*").startswith(line), (fmt, text[:80])
        html = writer("html")(document, WriterOptions()).decode("utf-8")
        assert f'<p class="embargo">{line}</p>' in html


def test_docx_front_matter_watermark_in_header_not_counted(tmp_path):
    from paperkit.docx_text import docx_text

    document = document_from_yaml(yaml("draft: true\nembargo: 2024-09-09T09:00-03:30\n" + UN))
    docx = writer("docx")(document, WriterOptions())
    body = docx_text(docx)["body"]
    assert body[0] == "Embargoed until September 9, 2024 09:00 UTC\u221203:30"
    assert body.index("A/HRC/57/NGO/12") < body.index("Surveillance safeguards")
    assert "Human Rights Council" in body and "Original: English" in body
    assert "DRAFT" not in " ".join(body)  # the watermark is no text of the body: Word does not count it
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        headers = [package.read(n).decode() for n in package.namelist() if n.startswith("word/header")]
    assert headers and all('string="DRAFT"' in h and "PowerPlusWaterMarkObject" in h for h in headers)
    # LibreOffice opens it and draws the watermark (a shape, not text): red-tinted pixels
    # across the middle of the page, where the text is only black
    pdf = libreoffice_convert({"d": docx}, tmp_path)["d"]
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    width, height = image.size
    tinted = sum(1 for x in range(width) for y in range(height // 3, 2 * height // 3)
                 if (lambda r, g, b: r - g > 10 and r - b > 10)(*image.getpixel((x, y))))
    assert tinted > 200


@pytest.mark.parametrize("lang,word", [("en", "DRAFT"), ("fr", "PROJET"), ("ru", "ПРОЕКТ"), ("ja", "草案")])
def test_pdf_watermark_on_every_page_in_the_language(lang, word):
    long_body = "".join(f"  - Paragraph {i} of a long submission that runs over several pages of text.\n" * 1
                        for i in range(90))
    text = yaml("draft: true\n", lang).replace("body:\n  - The text of the submission[^n].\n", "body:\n" + long_body)
    from pypdf import PdfReader

    pdf = writer("pdf")(document_from_yaml(text), WriterOptions())
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]  # pdftotext skips diagonal text
    assert len(pages) >= 2
    assert all(word in page for page in pages)


def test_without_front_matter_nothing_is_added():
    document = document_from_yaml(yaml())
    assert document.front.un is None and document.front.embargo is None and document.draft is None
    html = writer("html")(document, WriterOptions()).decode("utf-8")
    assert "un-header" not in html.split("</style>")[1] and "draft-watermark" not in html.split("</style>")[1]
