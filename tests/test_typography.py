"""Quotation marks, apostrophes and no-break spaces in every language, read back from all five formats.

The expected marks are CLDR's (cldr-json, cldr-misc-full/main/<lang>/delimiters.json, CLDR 45):
English and Spanish “ ” ‘ ’, French « » « », Russian « » „ “, Arabic ” “ ’ ‘, Chinese “ ” ‘ ’,
Japanese 「」『』.  French spaces after the Lexique des règles typographiques en usage à
l'Imprimerie nationale: U+202F (espace fine insécable) before ; ! ? and inside « », U+00A0
(espace mot insécable) before the colon.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from paperkit.document import build
from paperkit.load import load_text
from paperkit.writers import WriterOptions, writer

from conftest import pdf_pages
from seeds import html_text, markdown_text

FORMATS = ("pdf", "docx", "html", "md", "txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NNBSP, NBSP = "\u202f", "\u00a0"

# Per language: a paragraph as typed, and what each format must show for it.
CASES = {
    "en": ('They said "we call for \'full\' access" and it\'s the State\'s duty.',
           "They said “we call for ‘full’ access” and it’s the State’s duty."),
    "es": ('Dijeron "pedimos acceso \'pleno\'" hoy.', "Dijeron “pedimos acceso ‘pleno’” hoy."),
    "fr": ("Ils disent \"un accès 'plein'\" ; pourquoi? Voici l'exemple: fin!",
           f"Ils disent «{NNBSP}un accès «{NNBSP}plein{NNBSP}»{NNBSP}»{NNBSP}; pourquoi{NNBSP}? "
           f"Voici l’exemple{NBSP}: fin{NNBSP}!"),
    "ru": ('Они сказали "полный \'доступ\'" сегодня.', "Они сказали «полный „доступ“» сегодня."),
    # (no full stop: pdftotext reads it on the wrong side of the right-to-left run)
    "ar": ('قالوا "نطالب \'بالوصول\' الكامل" اليوم.', "قالوا ”نطالب ’بالوصول‘ الكامل“ اليوم"),
    "zh": ('他们说"我们要求\'充分\'访问"。', "他们说“我们要求‘充分’访问”。"),
    "ja": ('彼らは"\'完全な\'アクセスを"と述べた。', "彼らは「『完全な』アクセスを」と述べた。"),
}
# Never touched: a web address, an e-mail address, `code`.
UNTOUCHED = ("https://example.org/a'b?c=1", "o'brien@example.org", '`"literal"`')


def position_yaml(lang: str, paragraph: str, extra: str = "") -> str:
    untouched = " ".join(UNTOUCHED)
    return (f"id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nlanguages: [{lang}]\n{extra}"
            "issued_by:\n  - name: Org\n"
            f"body:\n  - {_yaml_str(paragraph)}\n  - {_yaml_str('See ' + untouched + ' here.')}\n")


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def docx_text(data: bytes) -> str:
    package = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(package.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


def text_in(fmt: str, data: bytes) -> str:
    if fmt == "pdf":
        return "\n".join(pdf_pages(data))
    if fmt == "docx":
        return docx_text(data)
    if fmt == "html":
        return html_text(data)
    if fmt == "md":
        return markdown_text(data)
    return data.decode("utf-8")


def flat(text: str, fmt: str = "") -> str:
    """Lines joined (a paragraph may wrap), runs of spaces one; the no-break spaces kept, except
    in a PDF, whose text pdftotext reads back with plain spaces (the glyphs are spaces)."""
    if fmt == "pdf":
        text = text.replace(NNBSP, " ").replace(NBSP, " ")
    text = re.sub("[\u00ad\u202a-\u202e\u2066-\u2069\u2060]", "", text)  # soft hyphens, bidi controls, joiners
    return re.sub(r"[ \n]+", " ", text)


def on_page(expected: str, fmt: str) -> str:
    return flat(expected, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", list(CASES))
def test_quotation_marks_and_spaces_of_the_language(lang, fmt):
    typed, expected = CASES[lang]
    document = build(load_text(position_yaml(lang, typed)), lang)
    text = flat(text_in(fmt, writer(fmt)(document, WriterOptions())), fmt)
    assert on_page(expected, fmt) in text, f"{lang} {fmt}: {expected!r} not in {text!r}"
    for literal in UNTOUCHED:
        assert literal in text, f"{lang} {fmt}: {literal!r} was changed"


@pytest.mark.parametrize("fmt", FORMATS)
def test_typography_false_leaves_the_text_as_typed(fmt):
    typed = "Ils disent \"un accès\" ; pourquoi? l'exemple"
    document = build(load_text(position_yaml("fr", typed, "typography: false\n")), "fr")
    text = flat(text_in(fmt, writer(fmt)(document, WriterOptions())), fmt)
    assert typed in text
    assert "«" not in text and NNBSP not in text


def test_a_french_label_takes_a_no_break_space_before_its_colon():
    letter = ("id: l\nkind: letter\ntitle: Objet\ndate: 2024-09-09\nlanguages: [fr]\n"
              "issued_by:\n  - name: Org\nletter:\n  reference: ORG/2024/1\n"
              "  signers:\n    - name: A. Person\n"
              "recipients:\n  - name: B. Person\n    organisation: Ministère\n"
              "body:\n  - Texte.\n")
    document = build(load_text(letter), "fr")
    assert document.labels.colon == NBSP + ":"
    for fmt in FORMATS:
        text = text_in(fmt, writer(fmt)(document, WriterOptions()))
        assert on_page(f"Notre référence{NBSP}: ORG/2024/1", fmt) in flat(text, fmt), fmt
    english = build(load_text(letter.replace("[fr]", "[en]")), "en")
    assert "Our reference: ORG/2024/1" in writer("txt")(english, WriterOptions()).decode()


def test_quotes_open_in_one_run_and_close_in_another():
    # "*provide* access": the quotation spans emphasis; a link whose text is its address stays as typed.
    document = build(load_text(position_yaml("en", 'We ask them to "*provide* access" at <https://x.org/"q">.')))
    html = text_in("html", writer("html")(document, WriterOptions()))
    assert "“provide access”" in flat(html)


# ---------------------------------------------------------------- links on paper

LONG_URL = ("https://www.ohchr.org/en/documents/thematic-reports/a-hrc-50-55-civil-and-political-rights-"
            "in-the-digital-age-surveillance-and-encryption-report-of-the-special-rapporteur")


def pdf_lines(data: bytes) -> list[str]:
    """Every line of the PDF as pdftotext lays it out (no de-hyphenation)."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdftotext", "-bbox-layout", handle.name, "-"], capture_output=True,
                             check=True).stdout
    root = etree.fromstring(out, etree.HTMLParser(encoding="utf-8"))
    return [" ".join(w.text for w in line.iter("word")) for line in root.iter("line")]


def test_a_long_address_breaks_only_after_slash_dot_or_hyphen_with_no_hyphen_added():
    yaml = position_yaml("en", "The report[^r] says so.", "notes:\n  r: {url: " + LONG_URL + "}\n")
    document = build(load_text(yaml))
    lines = pdf_lines(writer("pdf")(document, WriterOptions()))
    start = next(i for i, line in enumerate(lines) if "https://www.ohchr" in line)
    pieces = [lines[start].split("https://", 1)[1]]
    while "".join(pieces) != LONG_URL.removeprefix("https://") and len(pieces) < 10:
        pieces.append(lines[start + len(pieces)])
    assert "https://" + "".join(pieces) == LONG_URL  # the lines join back into the address: nothing added
    assert len(pieces) > 1, "the address should have needed more than one line"
    assert all(piece[-1] in "/.-" for piece in pieces[:-1]), pieces  # broken only after / . -

    docx = zipfile.ZipFile(io.BytesIO(writer("docx")(document, WriterOptions()))).read("word/footnotes.xml")
    text = "".join(t.text or "" for t in etree.fromstring(docx).iter(f"{W}t") if "ohchr" in (t.text or ""))
    assert text.replace("\u200b", "") == LONG_URL
    assert all(text[i - 1] in "/.-" for i, ch in enumerate(text) if ch == "\u200b")  # Word breaks there


@pytest.mark.parametrize("mode, expected", [
    ("footnote", "available on this link1"), ("inline", "available on this link (https://example.org/list)"),
    ("none", "available on this link."),
])
def test_a_link_prints_its_address_as_the_position_says(mode, expected):
    yaml = position_yaml("en", "The list is [available on this link](https://example.org/list).", f"links: {mode}\n")
    document = build(load_text(yaml))
    pdf = flat(text_in("pdf", writer("pdf")(document, WriterOptions())), "pdf")
    assert expected in pdf
    assert ("1. https://example.org/list" in pdf) == (mode == "footnote")
    notes = docx_footnotes_text(writer("docx")(document, WriterOptions()))
    assert (notes == ["https://example.org/list"]) == (mode == "footnote")


def docx_footnotes_text(data: bytes) -> list[str]:
    package = zipfile.ZipFile(io.BytesIO(data))
    if "word/footnotes.xml" not in package.namelist():
        return []
    root = etree.fromstring(package.read("word/footnotes.xml"))
    return ["".join(t.text or "" for t in note.iter(f"{W}t")).replace("\u200b", "").strip()
            for note in root.iter(f"{W}footnote") if int(note.get(f"{W}id")) >= 1]


# ---------------------------------------------------------------- paragraphs that end well

def _japanese(n: int, typography: bool) -> str:
    return (f"id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nlanguages: [ja]\n"
            f"typography: {str(typography).lower()}\nissued_by:\n  - name: Org\n"
            f"body:\n  - {'日本語' * n}の文です。\n  - 次の段落。\n")


def test_a_japanese_paragraph_never_ends_on_a_one_character_line():
    """The issue's "す。" alone on the last line: found by lengthening the paragraph as typed
    (typography: false), then the same paragraph set by paperkit keeps two characters."""
    def last_line(n: int, typography: bool) -> str:
        lines = pdf_lines(writer("pdf")(build(load_text(_japanese(n, typography))), WriterOptions()))
        return lines[lines.index("次の段落。") - 1]
    found = [n for n in range(8, 40) if len(last_line(n, False).rstrip("。")) == 1][:2]
    assert found, "no length gave a one-character last line: the test no longer shows the case"
    for n in found:
        assert len(last_line(n, True).rstrip("。")) >= 2, n
    docx = zipfile.ZipFile(io.BytesIO(writer("docx")(build(load_text(_japanese(found[0], True))), WriterOptions())))
    assert "で\u2060す。" in docx.read("word/document.xml").decode("utf-8")  # Word keeps joined characters together


def test_headings_keep_with_the_next_paragraph_and_no_widows_or_orphans_in_the_pdf():
    """Whatever falls at a page break: a heading is never a page's last line, and a paragraph
    that runs over the break leaves at least two lines on each page (CSS widows/orphans: 2)."""
    def paragraph(i: int, words: int = 14) -> str:
        return f"Paragraph {i} " + "lorem ipsum dolor sit amet " * words + "end."
    checked_breaks = 0
    for filler in range(1, 12):  # the first paragraph one line longer each time: every break position
        body = "".join(f"  - {paragraph(i, 3 * filler if i == 0 else 14)}\n" for i in range(13))
        yaml = ("id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by:\n  - name: Org\n"
                f"body:\n{body}sections:\n  - heading: The heading here\n    content:\n      - {paragraph(99)}\n")
        pages = pdf_pages(writer("pdf")(build(load_text(yaml)), WriterOptions()))
        for number, page in enumerate(pages):
            lines = [line.strip() for line in page.split("\n")  # without the running title and page number
                     if line.strip() and line.strip() != "T" and not re.fullmatch(r"\d+ / \d+", line.strip())]
            assert lines[-1] != "The heading here", filler
            starts = [i for i, line in enumerate(lines) if line.startswith(("Paragraph ", "The heading here"))]
            if number > 0 and starts and starts[0] > 0:  # the page opens inside a paragraph
                checked_breaks += 1
                assert starts[0] >= 2, f"a widow at the top of page {number + 1} ({filler} paragraphs)"
            if number < len(pages) - 1 and not lines[-1].endswith("end."):  # a paragraph runs over
                assert len(lines) - starts[-1] >= 2, f"an orphan at the foot of page {number + 1} ({filler} paragraphs)"
    assert checked_breaks, "no paragraph ran over a page break: the test shows nothing"


def test_docx_keeps_headings_with_the_next_paragraph_and_controls_widows():
    document = build(load_text(position_yaml("en", "Text.")))
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(writer("docx")(document, WriterOptions()))).read("word/styles.xml"))
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    assert by_id["Normal"].find(f"{W}pPr/{W}widowControl") is not None
    for heading in ("Heading1", "Heading2"):
        assert by_id[heading].find(f"{W}pPr/{W}keepNext") is not None


def test_an_address_keeps_its_order_in_a_right_to_left_document():
    # Its break opportunities must not turn it into right-to-left pieces ("268/76/RES/A/org.undocs//:https").
    yaml = position_yaml("ar", "قرار[^r] نص.", "notes:\n  r: {url: 'https://undocs.org/A/RES/76/268'}\n")
    pdf = flat(text_in("pdf", writer("pdf")(build(load_text(yaml)), WriterOptions())), "pdf")
    assert "https://undocs.org/A/RES/76/268" in pdf
