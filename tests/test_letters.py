"""Letters: the two letters in positions/ as PDF and DOCX, salutations, placeholders, signatures.

Everything is read back from the outputs: pdftotext (with word boxes for the window),
the DOCX's document.xml in reading order.
"""

from __future__ import annotations

import base64
import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import POSITIONS, options_for, pdf_pages, squash
from lxml import etree

from paperkit.document import build
from paperkit.errors import InvalidInput
from paperkit.load import load, load_text
from paperkit.resolve import resolve
from paperkit.writers import writer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ONE = POSITIONS / "jca-net-2024-09-letter-to-the-foreign-minister.yaml"
NINE = POSITIONS / "health-data-2024-10-letter-to-nine-health-ministers.yaml"
MM = 72 / 25.4  # PDF points in a millimetre

# A 1×1 transparent PNG: a signature image.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def render(path: Path, fmt: str) -> bytes:
    return writer(fmt)(build(load(path)), options_for(path))


@pytest.fixture(scope="module")
def outputs() -> dict[tuple[str, str], bytes]:
    return {(path.stem, fmt): render(path, fmt) for path in (ONE, NINE) for fmt in ("pdf", "docx")}


def docx_paragraphs(data: bytes) -> list[str]:
    """The text of every paragraph of the body, table cells included, in reading order."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    texts = []
    for para in root.iter(W + "p"):
        text = "".join(node.text or "" if node.tag == W + "t" else "\n" for node in para.iter(W + "t", W + "br"))
        if text.strip():
            texts.append(text)
    return texts


def in_order(text: str, pieces: list[str]) -> None:
    """Every piece is in ``text``, in this order."""
    at = -1
    for piece in pieces:
        found = text.find(piece, at + 1)
        assert found > at, f"{piece!r} missing or out of order in {text[:2000]!r}"
        at = found


ONE_ORDER = ["JCA-NET", "H.E. Yoko Kamikawa", "Minister for Foreign Affairs", "Ministry of Foreign Affairs of Japan",
             "Tokyo 100-8919", "Japan", "Our reference: JCA-NET/2024/09", "Tokyo, 9 September 2024",
             "The UN Cybercrime Convention must not be adopted", "Dear Minister,",
             "The United Nations Cybercrime Convention, which has been controversial",
             "open the process to the public", "Yours sincerely,", "Toshimaru (Toshi) Ogura",
             "Copy to:", "Permanent Mission of Japan to the United Nations, New York",
             "Enclosure:", "JCA-NET opposes the UN Cybercrime Convention"]

COUNTRIES = ["Australia", "Brazil", "Canada", "Chile", "Ghana", "India", "Japan", "New Zealand", "South Africa"]
NINE_ORDER = ["Health Data Rights Coalition", "Minister for Health and Aged Care", "Geneva, 14 October 2024",
              "Health data and the UN Cybercrime Convention", "Dear Honourable Ministers,",
              "We write to you as health professionals", "consult the health community before any ratification.",
              "Yours sincerely,", "Dr Amina Diallo", "Prof. Lars Eriksen", "Copy to:",
              "World Health Organization"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_letter_to_one_minister_has_its_parts_in_order(outputs, fmt):
    data = outputs[(ONE.stem, fmt)]
    text = squash("\n".join(pdf_pages(data)) if fmt == "pdf" else "\n".join(docx_paragraphs(data)))
    in_order(text, ONE_ORDER)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_letter_to_nine_ministers_lists_all_nine_then_one_salutation(outputs, fmt):
    data = outputs[(NINE.stem, fmt)]
    text = squash("\n".join(pdf_pages(data)) if fmt == "pdf" else "\n".join(docx_paragraphs(data)))
    in_order(text, NINE_ORDER)
    head = text[: text.index("Dear Honourable Ministers,")]
    for country in COUNTRIES:
        assert country in head, country
    assert text.count("Dear ") == 1


def test_the_nine_addresses_stand_in_two_columns(outputs):
    tree = build(load(NINE))
    block = next(b for b in tree.blocks if b.type == "recipients")
    assert block.columns == 2 and not block.window and len(block.recipients) == 9
    # DOCX: one borderless table of two cells holds them; PDF: Canada's line sits right of Australia's
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outputs[(NINE.stem, "docx")])).read("word/document.xml"))
    table = next(t for t in root.iter(W + "tbl") if "Health Canada" in "".join(t.itertext()))
    assert len(table.findall(f"{W}tr/{W}tc")) == 2
    words = pdf_words(outputs[(NINE.stem, "pdf")], 1)
    assert words["India"][0] > words["Australia"][0] + 60 * MM  # the second column


def pdf_words(pdf: bytes, page: int) -> dict[str, tuple[float, float]]:
    """First occurrence of each word on ``page`` → (x, y) of its top left corner, in points."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.HTMLParser())
    words: dict[str, tuple[float, float]] = {}
    for word in root.iter("word"):
        words.setdefault(word.text, (float(word.get("xmin")), float(word.get("ymin"))))
    return words


def test_pdf_address_sits_in_the_window_of_a_dl_envelope(outputs):
    words = pdf_words(outputs[(ONE.stem, "pdf")], 1)
    for word in ("H.E.", "Kamikawa", "100-8919"):
        x, y = words[word]
        assert 20 * MM <= x <= 110 * MM and 45 * MM <= y <= 90 * MM, (word, x / MM, y / MM)
    x, y = words["Our"]  # the reference and date at the right, level with the window
    assert x >= 120 * MM and 45 * MM <= y <= 60 * MM
    subject_y = words["Cybercrime"][1]
    assert 95 * MM <= subject_y <= 105 * MM


def test_docx_address_row_is_the_window(outputs):
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outputs[(ONE.stem, "docx")])).read("word/document.xml"))
    table = next(t for t in root.iter(W + "tbl") if "Kamikawa" in "".join(t.itertext()))
    assert table.find(f"{W}tblPr/{W}tblInd").get(W + "w") == str(-round(5 * 56.7))  # 20 mm from the edge
    height = table.find(f"{W}tr/{W}trPr/{W}trHeight")
    assert (height.get(W + "val"), height.get(W + "hRule")) == (str(round(45 * 56.7)), "exact")
    assert table.find(f"{W}tr/{W}tc/{W}tcPr/{W}tcW").get(W + "w") == str(round(90 * 56.7))


def pdf_fonts_of(pdf: bytes, piece: str) -> set[str]:
    """The fonts (their base names) page 1 of ``pdf`` draws ``piece`` in."""
    import pypdf

    fonts: set[str] = set()

    def visit(text, cm, tm, font, size):
        if piece in text and font is not None:
            fonts.add(str(font.get("/BaseFont")))

    pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return fonts


@pytest.mark.parametrize("stem, name", [(ONE.stem, "Kamikawa"), (NINE.stem, "Minister for Health and Aged Care")])
def test_the_address_name_line_is_plain_in_pdf_and_docx(outputs, stem, name):
    """Plain, not bold, in both twins: postal reading machines want no bold face in an address
    block (USPS), and DIN 5008 dropped bold from its address field (paperkit/document/window.py)."""
    fonts = pdf_fonts_of(outputs[(stem, "pdf")], name)
    assert fonts and not any("Bold" in f for f in fonts), fonts
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outputs[(stem, "docx")])).read("word/document.xml"))
    runs = [r for r in root.iter(W + "r") if name in "".join(t.text or "" for t in r.iter(W + "t"))]
    assert runs
    for run in runs:
        assert run.find(f"{W}rPr/{W}b") is None, etree.tostring(run)
    # the Recipient style itself is not bold either
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(outputs[(stem, "docx")])).read("word/styles.xml"))
    style = next(s for s in styles.iter(W + "style") if s.get(W + "styleId") == "Recipient")
    assert style.find(f"{W}rPr/{W}b") is None


def test_closing_and_signers_share_a_page(outputs):
    for stem in (ONE.stem, NINE.stem):
        pages = [squash(p) for p in pdf_pages(outputs[(stem, "pdf")])]
        closing = next(i for i, p in enumerate(pages) if "Yours sincerely," in p)
        names = ("Toshimaru (Toshi) Ogura",) if stem == ONE.stem else ("Dr Amina Diallo", "Prof. Lars Eriksen")
        for name in names:
            assert name in pages[closing], (stem, name)
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(outputs[(ONE.stem, "docx")])).read("word/document.xml"))
    closing = next(p for p in root.iter(W + "p") if "Yours sincerely," in "".join(p.itertext()))
    assert closing.find(f"{W}pPr/{W}keepNext") is not None


def test_markdown_and_text_carry_the_letter_in_order():
    for fmt in ("md", "txt"):
        text = squash(render(ONE, fmt).decode("utf-8").replace("\\", "").replace("*", ""))
        in_order(text, ["JCA-NET", "H.E. Yoko Kamikawa", "Tokyo, 9 September 2024", "Dear Minister,",
                        "Yours sincerely,", "Toshimaru (Toshi) Ogura", "Copy to:", "Enclosure:"])
        assert "# " not in text.split("Dear Minister,")[0] or fmt == "txt"


# ---------------------------------------------------------------- salutations and dates

LETTER = """\
id: l
kind: letter
title: A letter
date: 2024-09-09
languages: [{langs}]
issued_by: [{{name: Test Org}}]
{letter}
recipients:
{recipients}
body: [{body}]
"""


def letter_yaml(recipients: str, letter: str = "", body: str = "A paragraph.", langs: str = "en") -> str:
    return LETTER.format(recipients=recipients, letter=letter, body=body, langs=langs)


def salutation_of(recipients: str, lang: str | None = None, letter: str = "", langs: str = "en") -> str:
    tree = build(load_text(letter_yaml(recipients, letter, langs=langs)), lang)
    return next(b.text for b in tree.blocks if b.type == "salutation")


@pytest.mark.parametrize("recipients,expected", [
    ("  - {honorific: H.E., name: Yoko Kamikawa, title: Minister for Foreign Affairs}", "Dear Minister,"),
    ("  - {honorific: H.E., name: Ana Ruiz, title: Permanent Representative}", "Excellency,"),
    ("  - {honorific: S.E. Sra., name: Ana Ruiz, title: Representante Permanente}", "Excellency,"),
    # Canadian Heritage / peacemakers.ca: "Dear Mr./Ms. Lastname"; "Dear Prime Minister" (style never said)
    ("  - {honorific: Dr, name: Jane Smith, title: Director}", "Dear Dr Smith,"),
    ("  - {honorific: The Hon., name: Mark Lee, post_nominal: MP, title: Prime Minister}", "Dear Prime Minister,"),
    ("  - {organisation: Ministry of Health}", "Dear Sir or Madam,"),
    ("  - {title: Minister of Health, organisation: Ministry of Health}\n"
     "  - {title: Minister for Health, organisation: Department of Health}", "Dear Honourable Ministers,"),
    ("  - {honorific: H.E., name: A}\n  - {honorific: S.E., name: B}", "Excellencies,"),
    ("  - {name: A}\n  - {name: B}", "Dear Sir or Madam,"),
    ("  - {name: Jane Smith, salutation: 'Dear Jane,'}", "Dear Jane,"),
])
def test_salutation_is_derived_from_the_recipients(recipients, expected):
    assert salutation_of(recipients) == expected


def test_salutation_given_by_the_position_and_overridden_per_recipient():
    letter = "letter: {salutation: 'Dear colleagues,'}"
    assert salutation_of("  - {name: A}\n  - {name: B}", letter=letter) == "Dear colleagues,"
    assert salutation_of("  - {name: A, salutation: 'Dear Ann,'}", letter=letter) == "Dear Ann,"


def test_salutation_and_date_line_are_localised():
    recipients = "  - {honorific: H.E., name: Jean Dupont, title: Ministre de la Santé}"
    letter = "letter: {place: {en: Geneva, fr: Genève, ja: ジュネーブ}}"
    # gender unknown: never two alternatives; the Bureau de la traduction's neutral form (the name)
    assert salutation_of(recipients, "fr", letter, "en, fr, ja") == "Jean Dupont,"
    tree = build(load_text(letter_yaml(recipients, letter, langs="en, fr, ja")), "fr")
    assert next(b.text for b in tree.blocks if b.type == "dateline") == "Genève, le 9 septembre 2024"
    assert next(b.text for b in tree.blocks if b.type == "closing") == (
        "Je vous prie d'agréer, Jean Dupont, l'assurance de ma haute considération.")
    # gender given: 2min.fr « Monsieur le Ministre », close repeating it (Archimail)
    recipients = "  - {honorific: H.E., name: Jean Dupont, gender: m, title: Ministre de la Santé}"
    tree = build(load_text(letter_yaml(recipients, letter, langs="en, fr, ja")), "fr")
    assert next(b.text for b in tree.blocks if b.type == "salutation") == "Monsieur le Ministre,"
    assert next(b.text for b in tree.blocks if b.type == "closing") == (
        "Veuillez agréer, Monsieur le Ministre, les assurances de ma haute considération.")
    tree = build(load_text(letter_yaml(recipients, letter, langs="en, fr, ja")), "ja")
    assert next(b.text for b in tree.blocks if b.type == "dateline") == "2024年9月9日　ジュネーブ"


# ---------------------------------------------------------------- placeholders and validation


def problems_of(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_text(text, "letter.yaml")
    return [str(p) for p in caught.value.problems]


def test_recipient_placeholders_fill_in_the_body():
    text = letter_yaml("  - {name: Ana Ruiz, country: Chile}", body="'We write to the people of {recipient.country}.'")
    tree = build(load_text(text))
    assert any("We write to the people of Chile." in str(b) for b in tree.blocks)


def test_unknown_recipient_placeholder_is_caught_at_validation():
    text = letter_yaml("  - {name: Ana Ruiz, country: Chile}", body="'Dear {recipient.nmae}.'")
    (problem,) = problems_of(text)
    assert "letter.yaml:10" in problem and "body[0]" in problem
    assert "unknown placeholder {recipient.nmae}" in problem and "did you mean {recipient.name}" in problem


def test_recipient_placeholder_outside_a_letter_is_an_error():
    text = ("id: s\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\n"
            "body: ['To {recipient.name}.']\n")
    (problem,) = problems_of(text)
    assert "only a letter has a recipient" in problem and ":6:" in problem


def test_recipient_placeholder_in_a_letter_to_several_at_once_is_an_error():
    text = letter_yaml("  - {name: A}\n  - {name: B}", body="'To {recipient.name}.'")
    (problem,) = problems_of(text)
    assert "goes to 2 recipients at once" in problem


def test_a_recipient_lacking_a_field_the_letter_uses_is_named():
    text = letter_yaml("  - {name: A, country: Chile}", body="'For {recipient.country} and {recipient.title}.'")
    (problem,) = problems_of(text)
    assert "recipients[0]" in problem and "no title" in problem and "{recipient.title}" in problem


def test_letter_fields_only_in_letters():
    text = ("id: s\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\n"
            "recipients: [{name: A}]\nbody: [x]\n")
    (problem,) = problems_of(text)
    assert "only a letter has these" in problem


def test_a_recipient_needs_a_name_or_an_organisation():
    (problem,) = problems_of(letter_yaml("  - {title: Director}"))
    assert "recipients[0]" in problem and "a name or an organisation" in problem


# ---------------------------------------------------------------- signatures


def test_signature_image_from_the_position_folder(tmp_path):
    (tmp_path / "sig.png").write_bytes(PNG)
    path = tmp_path / "letter.yaml"
    path.write_text(letter_yaml("  - {name: Ana Ruiz}",
                                letter="letter: {signers: [{name: Kim Lee, signature: sig.png}]}"))
    position = load(path)
    docx = writer("docx")(build(position), options_for(path))
    package = zipfile.ZipFile(io.BytesIO(docx))
    assert any(name.startswith("word/media/") for name in package.namelist())
    assert b"<a:blip" in package.read("word/document.xml")
    from pypdf import PdfReader

    pdf = writer("pdf")(build(position), options_for(path))
    assert any(PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_signature_outside_the_position_folder_is_refused(tmp_path):
    (tmp_path / "sig.png").write_bytes(PNG)
    folder = tmp_path / "letters"
    folder.mkdir()
    path = folder / "letter.yaml"
    path.write_text(letter_yaml("  - {name: Ana Ruiz}",
                                letter="letter: {signers: [{name: Kim Lee, signature: ../sig.png}]}"))
    with pytest.raises(InvalidInput) as caught:
        resolve(load(path))
    assert "letter.signers[0].signature" in str(caught.value) and "position's folder" in str(caught.value)


def test_the_theme_logo_stands_in_the_letters_own_letterhead(outputs):
    html = render(ONE, "html").decode("utf-8")
    head = html[html.index('<header class="letter-head">'):html.index("</header>", html.index("letter-head"))]
    assert '<ul class="logo-grid sender-logos">' in head
    assert '<img src="data:image/svg+xml' in head and 'alt="JCA-NET"' in head  # the theme's logo (its SVG), embedded
    assert 'class="letterhead"' not in html  # not the theme's running letterhead too
    package = zipfile.ZipFile(io.BytesIO(outputs[(ONE.stem, "docx")]))
    document = etree.fromstring(package.read("word/document.xml"))
    letterhead = next(t for t in document.iter(W + "tbl") if "Network for Communication" in "".join(t.itertext()))
    assert letterhead.find(f".//{W}drawing") is not None
    headers = [name for name in package.namelist() if name.startswith("word/header")]
    assert not any(b"<w:drawing" in package.read(name) for name in headers)  # not the theme's running one too


def test_several_recipients_are_a_grid_paperkit_fills_not_css_columns(outputs):
    """CSS columns cost WeasyPrint ~16× the time (DESIGN.md): two columns are a grid filled top to
    bottom, as the DOCX's table is."""
    html = writer("html")(build(load(NINE)), options_for(NINE)).decode()
    assert "grid-column: 1; grid-row: 1" in html and "grid-column: 2; grid-row: 1" in html
    css = (Path(__file__).resolve().parent.parent / "templates" / "base" / "style.css").read_text(encoding="utf-8")
    assert ".recipients.columns-2 { columns" not in css
    words = pdf_words(outputs[(NINE.stem, "pdf")], 1)
    # nine addresses: five in the first column, four in the second, top to bottom
    assert abs(words["India"][1] - words["Australia"][1]) < 2 and words["India"][0] > words["Australia"][0]
    assert words["Ghana"][0] == pytest.approx(words["Australia"][0], abs=2) and words["Ghana"][1] > words["Chile"][1]


def test_a_letter_from_several_organisations_names_each_in_the_letterhead(tmp_path):
    text = letter_yaml("  - {name: Jane Roe, organisation: Ministry, country: Japan}").replace(
        "issued_by: [{name: Test Org}]", "issued_by: [{name: Test Org}, {name: Access Now}, {name: Article 19}]")
    position = load_text(text)
    tree = build(position)
    head = next(b for b in tree.blocks if b.type == "letterhead")
    assert head.co_senders == ("Access Now", "Article 19")
    pdf = writer("pdf")(tree, options_for(ONE))
    words = pdf_words(pdf, 1)
    for word in ("Access", "Article"):
        assert words[word][1] < 40 * MM, word  # in the letterhead, above the window
    assert "Access Now · Article 19" in "\n".join(docx_paragraphs(writer("docx")(tree, options_for(ONE))))
