"""Elements of real advocacy documents (issue 14), each rendered to all five formats and
read back from each: block content in list items, notes and update notes; labels per
document; tables and figures; logos and covers."""

from __future__ import annotations

import io
import re

import docx
import lxml.html
import pytest
from conftest import FIXTURES, document_of, options_for, pdf_pages, squash
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from paperkit.writers import writer

ELEMENTS = FIXTURES / "elements"


def outputs(path, lang: str | None = None) -> dict[str, bytes]:
    """The position rendered to every format."""
    document = document_of(path, lang)
    options = options_for(path)
    return {fmt: writer(fmt)(document, options) for fmt in ("pdf", "docx", "html", "md", "txt")}


def html_tree(data: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(data)


def markdown_tree(data: bytes) -> lxml.html.HtmlElement:
    html = MarkdownIt("commonmark").use(footnote_plugin).render(data.decode("utf-8"))
    return lxml.html.fragment_fromstring(html, create_parent="div")


def docx_paragraphs(data: bytes) -> list:
    return list(docx.Document(io.BytesIO(data)).paragraphs)


def footnote_texts(data: bytes) -> list[str]:
    """The paragraphs of word/footnotes.xml, as text."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml"))
    return ["".join(t.text or "" for t in p.iter(w + "t")) for p in root.iter(w + "p")]


# ---------------------------------------------------------------- block content


@pytest.fixture(scope="module")
def blocks_outputs():
    return outputs(ELEMENTS / "blocks.yaml")


def test_blank_line_in_a_list_item_starts_a_paragraph_of_that_item(blocks_outputs):
    first, follow = "Concern one, first paragraph.", "Concern one, follow-on paragraph."
    # HTML: both paragraphs inside the same <li>, the second its own <p>.
    item = [li for li in html_tree(blocks_outputs["html"]).iter("li") if first in li.text_content()][0]
    assert [p.text_content() for p in item.iter("p")] == [follow]
    # Markdown read by a CommonMark parser: one item, two paragraphs.
    item = [li for li in markdown_tree(blocks_outputs["md"]).iter("li") if first in li.text_content()][0]
    assert [p.text_content() for p in item.iter("p")] == [first, follow]
    # Plain text: a blank line between them, the second hanging under the label.
    assert f"• {first}\n\n  {follow}\n" in blocks_outputs["txt"].decode()
    # Word: two paragraphs; the second unnumbered, indented as far as the item's text.
    paras = docx_paragraphs(blocks_outputs["docx"])
    texts = [p.text for p in paras]
    one, two = paras[texts.index(first)], paras[texts.index(follow)]
    assert one._p.pPr.numPr is not None and two._p.pPr.numPr is None
    assert two.paragraph_format.left_indent is not None and two.paragraph_format.left_indent > 0
    # PDF: two lines, the second starting where the item's text starts (not at the bullet).
    text = pdf_pages(blocks_outputs["pdf"])[0]
    assert re.search(re.escape(first) + r"\s*\n\s*" + re.escape(follow), text)


def test_list_item_holds_a_quote_a_nested_list_and_a_closing_paragraph(blocks_outputs):
    order = ["Concern two opens.", "A quoted principle.", "sub a", "sub b", "And closes."]
    html = html_tree(blocks_outputs["html"])
    item = [li for li in html.iter("li") if "Concern two opens." in li.text_content()][0]
    assert item.find(".//blockquote") is not None and "A quoted principle." in item.find(".//blockquote").text_content()
    assert [li.text_content().strip(" ◦") for li in item.findall(".//li")] == ["sub a", "sub b"]
    for fmt in ("md", "txt"):
        text = blocks_outputs[fmt].decode()
        positions = [text.index(s) for s in order]
        assert positions == sorted(positions), fmt
    md_item = [li for li in markdown_tree(blocks_outputs["md"]).iter("li") if "Concern two" in li.text_content()][0]
    assert md_item.find(".//blockquote") is not None and len(md_item.findall(".//ul/li")) == 2
    texts = [p.text for p in docx_paragraphs(blocks_outputs["docx"])]
    assert [texts.index(s) for s in order] == sorted(texts.index(s) for s in order)
    pdf = squash(pdf_pages(blocks_outputs["pdf"])[0])
    assert [pdf.index(s) for s in order] == sorted(pdf.index(s) for s in order)


def test_items_paragraphs_are_not_numbered_as_body_paragraphs(blocks_outputs):
    # numbered_paragraphs: only the body paragraph carries a number; item paragraphs never do.
    numbered = [p for p in document_of(ELEMENTS / "blocks.yaml").blocks if getattr(p, "number", None)]
    assert len(numbered) == 1


def test_update_note_keeps_its_two_paragraphs(blocks_outputs):
    first, second = "First paragraph of the update.", "Second paragraph of the update."
    aside = html_tree(blocks_outputs["html"]).find(".//aside")
    assert [squash(p.text_content()) for p in aside.iter("p")][-2:] == [f"Note on the update: {first}", second]
    md_paras = [squash(p.text_content()) for p in markdown_tree(blocks_outputs["md"]).iter("p")]
    assert f"Note on the update (October 1, 2024): {first}" in md_paras and second in md_paras
    assert f"{first}\n\n{second}" in blocks_outputs["txt"].decode()
    texts = [p.text for p in docx_paragraphs(blocks_outputs["docx"])]
    assert f"Note on the update: {first}" in texts and second in texts
    assert re.search(re.escape(first) + r"\s*\n\s*" + re.escape(second), pdf_pages(blocks_outputs["pdf"])[0])


def test_note_holds_a_bullet_list(blocks_outputs):
    # Screen HTML: the note in the Notes section has a real list.
    note = html_tree(blocks_outputs["html"]).get_element_by_id("fn-1")
    assert [squash(li.text_content()).strip("• ") for li in note.findall(".//ul/li")] == ["note item one", "note item two"]
    footnote = [li for li in markdown_tree(blocks_outputs["md"]).iter("li") if "Note opening." in li.text_content()][0]
    assert [squash(li.text_content()) for li in footnote.findall(".//ul/li")] == ["note item one", "note item two"]
    txt = blocks_outputs["txt"].decode()
    assert "[1] Note opening.\n\n    • note item one\n    • note item two\n\n    Note closing." in txt
    assert footnote_texts(blocks_outputs["docx"])[-4:] == [
        "Note opening.", "• note item one", "• note item two", "Note closing."]  # (a tab after the number)
    # PDF: the footnote at the foot of page 1, each item on its own line.
    page = pdf_pages(blocks_outputs["pdf"])[0]
    assert re.search(r"Note opening\.\s*\n\s*• note item one\s*\n\s*• note item two\s*\n\s*Note closing\.", page)


# ---------------------------------------------------------------- starters and the schema


def _schema_errors(data) -> list[str]:
    import json

    import jsonschema

    from paperkit.schema import schema

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    return [f"{list(e.path)}: {e.message[:120]}" for e in validator.iter_errors(json.loads(json.dumps(data)))]


@pytest.mark.parametrize("kind", ["statement", "joint-statement", "submission", "letter", "post"])
def test_every_starter_validates_against_the_schema_shipped_beside_it(kind, tmp_path):
    from paperkit.cli import main
    from paperkit.load import load
    from paperkit.load.yaml_source import parse_yaml_text

    path = tmp_path / f"{kind}.yaml"
    assert main(["new", kind, str(path)]) == 0
    shipped = (tmp_path / "position.schema.json").read_text(encoding="utf-8")
    from paperkit.schema import schema_json

    assert shipped == schema_json()
    assert _schema_errors(parse_yaml_text(path.read_text(encoding="utf-8"), path.name)) == []
    load(path)  # and paperkit reads it


@pytest.mark.parametrize("path", sorted((FIXTURES.parent.parent / "positions").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_position_in_positions_validates_against_the_schema(path):
    from paperkit.load.yaml_source import parse_yaml_text

    assert _schema_errors(parse_yaml_text(path.read_text(encoding="utf-8"), path.name)) == []


def test_translated_closing_and_body_paragraph_as_the_readme_promises():
    from paperkit.document import build
    from paperkit.load import load_text

    text = ("id: t\nkind: statement\ntitle: {en: T, fr: T}\ndate: 2024-09-09\nlanguages: [en, fr]\n"
            "issued_by: [{name: Org}]\nbody: {en: The body., fr: Le corps.}\n"
            "closing: {en: We stand together., fr: Nous sommes solidaires.}\n")
    position = load_text(text)
    for lang, closing in (("en", "We stand together."), ("fr", "Nous sommes solidaires.")):
        document = build(position, lang)
        closings = [b for b in document.blocks if getattr(b, "role", None) == "closing"]
        assert [c.content[0].text for c in closings] == [closing]
    from paperkit.load.yaml_source import parse_yaml_text

    assert _schema_errors(parse_yaml_text(text, "t.yaml")) == []


# ---------------------------------------------------------------- labels per document


def _all_text(outputs: dict[str, bytes]) -> dict[str, str]:
    """The visible text of each format (Word: body paragraphs; PDF: every page)."""
    return {
        "pdf": squash(" ".join(pdf_pages(outputs["pdf"]))),
        "docx": squash(" ".join(p.text for p in docx_paragraphs(outputs["docx"]))),
        "html": squash(html_tree(outputs["html"]).find("body").text_content()),
        "md": squash(markdown_tree(outputs["md"]).text_content()),
        "txt": squash(outputs["txt"].decode()),
    }


@pytest.mark.parametrize("lang,contact,update,removed", [
    ("en", "For more information, please contact:", "Updated on October 1, 2024:", "Note on the update"),
    ("de", "Pressekontakt", "Aktualisiert am 1. Oktober 2024:", "Note on the update"),
])
def test_labels_said_otherwise_or_removed_in_every_format(lang, contact, update, removed):
    texts = _all_text(outputs(ELEMENTS / "labels.yaml", lang))
    for fmt, text in texts.items():
        assert contact in text, fmt
        assert "please contact::" not in text, fmt
        assert update in text, fmt
        assert removed not in text, fmt
        assert "Signatories" not in text, fmt  # signatories: null removes the heading …
        assert "Org A" in text, fmt              # … not the list
    html = html_tree(outputs(ELEMENTS / "labels.yaml", lang)["html"])
    assert html.get_element_by_id("signatories", None) is None


def test_unknown_label_key_is_an_error_with_did_you_mean(tmp_path):
    from paperkit.cli import main

    path = tmp_path / "p.yaml"
    path.write_text((ELEMENTS / "labels.yaml").read_text().replace("  signatories: null", "  signatory: null"))
    assert main(["validate", str(path)]) == 2


def test_unknown_label_key_message_names_line_and_suggestion():
    from paperkit.errors import InvalidInput
    from paperkit.load import load_text

    text = (ELEMENTS / "labels.yaml").read_text().replace("  signatories: null", "  signatory: null")
    with pytest.raises(InvalidInput) as caught:
        load_text(text, "p.yaml")
    message = str(caught.value)
    assert "p.yaml:10:" in message and "labels.signatory" in message and "did you mean 'signatories'" in message


@pytest.mark.parametrize("label,value,expected", [
    ("update", "Updated {when}", "{when} is not a placeholder of this label (it may use: {date})"),
    ("contact", "Contact {date}", "{date} is not a placeholder of this label (it may use: none)"),
    ("withheld", None, "the withheld label cannot be removed"),
])
def test_labels_hold_only_their_own_placeholders(label, value, expected):
    from paperkit.errors import InvalidInput
    from paperkit.load import load_text

    shown = "null" if value is None else f'"{value}"'
    text = ("id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\nbody: [x]\n"
            f"labels:\n  {label}: {shown}\n")
    with pytest.raises(InvalidInput) as caught:
        load_text(text, "p.yaml")
    assert expected in str(caught.value) and f"labels.{label}" in str(caught.value)


def test_language_without_a_catalog_warns_which_labels_will_be_english():
    from paperkit.errors import LabelWarning
    from paperkit.load import load_text

    head = "id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\nbody: [x]\nlanguages: [eo]\n"
    with pytest.warns(LabelWarning) as caught:
        load_text(head, "p.yaml")
    message = str(caught[0].message)
    assert "'eo'" in message and "contact, notes, signatories, update" in message
    given = "".join(f"  {name}: {{eo: vorto}}\n" for name in
                    ("contact", "notes", "signatories", "update", "versions", "page", "full_list", "withheld"))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", LabelWarning)
        load_text(head + "labels:\n" + given, "p.yaml")  # every label given: nothing to warn about
        load_text(head.replace("[eo]", "[fr]"), "p.yaml")  # French has a catalog


# ---------------------------------------------------------------- tables and figures


def pdf_structure(data: bytes) -> list[tuple[str, str | None]]:
    """(structure type, alt text) of every element of a tagged PDF's structure tree, in order."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    found: list[tuple[str, str | None]] = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for kid in node:
                walk(kid)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            found.append((str(node["/S"]), str(node["/Alt"]) if "/Alt" in node else None))
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.fixture(scope="module")
def table_outputs():
    return outputs(ELEMENTS / "tables.yaml")


HEADER = ["Country", "Cases in 2023", "Change"]
ROWS = [["Freedonia", "1,204", "+12 %"], ["Sylvania", "87", "−3 %"], ["Ruritania", "5", "n/a"]]
ALT = "A bar chart of cases in three countries, rising from left to right."


def test_table_in_html_has_header_cells_caption_and_alignment(table_outputs):
    table = html_tree(table_outputs["html"]).find(".//table")
    assert squash(table.find("caption").text_content()) == "Table 1: Cases reported, by year"
    assert [th.text_content() for th in table.iter("th")] == HEADER
    assert all(th.get("scope") == "col" for th in table.iter("th"))
    cells = [[squash("".join(td.xpath(".//text()[not(ancestor::sup)]"))) for td in tr.iter("td")]
             for tr in table.find("tbody")]
    assert cells == ROWS
    assert [td.get("class") for td in table.find("tbody")[0]] == ["align-left", "align-right", "align-center"]
    assert table.find(".//td/a").get("href") == "https://example.org/ruritania"
    assert table.find(".//td/strong").text == "5"


def test_table_in_markdown_is_a_pipe_table(table_outputs):
    html = MarkdownIt("commonmark").enable("table").render(table_outputs["md"].decode())
    table = lxml.html.fragment_fromstring(html, create_parent="div").find(".//table")
    assert [th.text_content() for th in table.iter("th")] == HEADER
    assert [[td.text_content().replace("[^1]", "") for td in tr.iter("td")] for tr in table.find("tbody")] == ROWS
    assert [td.get("style") for td in table.find("tbody")[0]] == [
        "text-align:left", "text-align:right", "text-align:center"]


def test_table_in_text_aligns_its_columns(table_outputs):
    lines = table_outputs["txt"].decode().splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("Country"))
    header, rule, *rows = lines[head:head + 5]
    assert set(rule.replace(" ", "")) == {"-"}
    ends = {line.index(cell) + len(cell) for line, cell in zip([header] + rows[:3], ["Cases in 2023", "1,204", "87", "5"])}
    assert len(ends) == 1  # right-aligned: every cell of the column ends where its header ends


def test_table_in_word_is_a_real_table_with_a_repeating_header(table_outputs):
    document = docx.Document(io.BytesIO(table_outputs["docx"]))
    (table,) = document.tables
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == HEADER and cells[1:] == ROWS
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert table.rows[0]._tr.find(f"{w}trPr/{w}tblHeader") is not None
    assert [c.paragraphs[0].alignment for c in table.rows[1].cells][1:] == [
        docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT, docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER]
    texts = [p.text for p in document.paragraphs]
    assert "Table 1: Cases reported, by year" in texts


def test_table_and_figure_are_tagged_in_the_pdf(table_outputs):
    structure = pdf_structure(table_outputs["pdf"])
    kinds = [kind for kind, _ in structure]
    assert "/Table" in kinds and kinds.count("/TH") == 3 and kinds.count("/TD") == 9
    assert ("/Figure", ALT) in structure
    text = squash(pdf_pages(table_outputs["pdf"])[0])
    assert "Country Cases in 2023 Change Freedonia 1,204 +12 % Sylvania 87 −3 %" in text
    assert "Figure 1: Cases reported in 2023" in text


def test_figure_keeps_its_proportions_and_alt_text_everywhere(table_outputs):
    img = html_tree(table_outputs["html"]).find(".//figure/img")
    assert img.get("alt") == ALT and img.get("src").startswith("data:image/png;base64,")
    assert squash(html_tree(table_outputs["html"]).find(".//figcaption").text_content()) == "Figure 1: Cases reported in 2023"
    md = markdown_tree(table_outputs["md"]).find(".//img")
    assert md.get("alt") == ALT and md.get("src") == "chart.png"
    assert f"[{ALT}]\nFigure 1: Cases reported in 2023" in table_outputs["txt"].decode()
    document = docx.Document(io.BytesIO(table_outputs["docx"]))
    (shape,) = document.inline_shapes
    assert shape._inline.docPr.get("descr") == ALT
    assert shape.width / shape.height == pytest.approx(600 / 300, rel=0.01)  # the PNG is 600 × 300


@pytest.mark.parametrize("block,expected", [
    ("table: {header: [a, b], rows: [[1, 2], [3]]}", "rows[1] has 1 cells; every row needs 2"),
    ("table: {rows: [[1, 2]], align: [left]}", "align gives 1 columns; the table has 2"),
    ("figure: {image: chart.png}", "alt"),
    ("figure: {image: chart.svg, alt: x}", "an image here is a PNG or JPEG file"),
    ("figure: {image: ../outside.png, alt: x}", "outside the position's folder"),
    ("figure: {image: missing.png, alt: x}", "missing resource"),
    ("figure: {image: huge.png, alt: x}", "more than the 40 megapixels paperkit decodes"),
])
def test_bad_tables_and_figures_are_clear_errors(block, expected, tmp_path):
    from PIL import Image

    from paperkit.cli import main

    folder = tmp_path / "p"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes((ELEMENTS / "chart.png").read_bytes())
    Image.new("1", (9000, 5000)).save(folder / "huge.png")  # small file, too many pixels
    path = folder / "p.yaml"
    path.write_text("id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\nbody:\n  - " + block + "\n")
    import contextlib

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["render", str(path), "-o", str(tmp_path / "out")]) == 2
    assert expected in err.getvalue() and "p.yaml:7" in err.getvalue()
    assert "Traceback" not in err.getvalue() and not (tmp_path / "out").exists()


# ---------------------------------------------------------------- logos and covers

POSITIONS = FIXTURES.parent.parent / "positions"
SUBMISSION = POSITIONS / "example-2024-11-upr-joint-submission-with-cover.yaml"
JOINT_LETTER = POSITIONS / "example-2024-11-joint-letter-with-logos.yaml"
ISSUERS = ["Open Networks Foundation", "Digital Rights Watch Freedonia", "Privacy Collective"]
SIGNATORY_LOGOS = {  # name → logo size in pixels (positions/logos/make_logos.py)
    "Open Networks Foundation": (480, 160), "Digital Rights Watch Freedonia": (240, 240),
    "Privacy Collective": (200, 280), "Free Press Union": (520, 140), "Tech Justice Lab": (260, 260),
    "Rights in Code": (360, 180)}


def pdf_images(data: bytes, page: int = 0) -> list[tuple[int, int, float, float]]:
    """(pixel width, pixel height, drawn width, drawn height in pt) of each image drawn on a page."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(data))
    pdf_page = reader.pages[page]
    xobjects = pdf_page["/Resources"].get("/XObject", {})
    ctm, stack, found = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), [], []

    def times(a, b):
        return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
                a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])

    for operands, operator in ContentStream(pdf_page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = times(tuple(float(x) for x in operands), ctm)
        elif operator == b"Do" and xobjects[operands[0]].get("/Subtype") == "/Image":
            image = xobjects[operands[0]]
            found.append((int(image["/Width"]), int(image["/Height"]), ctm[0], ctm[3]))
    return found


@pytest.fixture(scope="module")
def cover_outputs():
    return outputs(SUBMISSION)


@pytest.fixture(scope="module")
def logo_outputs():
    return outputs(JOINT_LETTER)


def test_cover_is_a_page_of_its_own_with_the_co_authors_logos_in_pdf(cover_outputs):
    pages = pdf_pages(cover_outputs["pdf"])
    cover = squash(pages[0])
    assert cover.startswith(" ".join(ISSUERS) + " Freedom of expression online in Freedonia Joint stakeholder submission")
    assert "Submitted to the Office of the United Nations High Commissioner" in cover
    assert cover.endswith("Open Networks Foundation · Digital Rights Watch Freedonia · Privacy Collective November 4, 2024")
    assert "Introduction" not in cover and "1 / " not in cover  # no body, no page number on the cover
    assert squash(pages[1]).startswith("Freedom of expression online in Freedonia Universal Periodic Review")
    alts = [alt for kind, alt in pdf_structure(cover_outputs["pdf"]) if kind == "/Figure"]
    assert alts[:3] == ISSUERS
    drawn = pdf_images(cover_outputs["pdf"], 0)
    assert len(drawn) == 3
    for width, height, shown_width, shown_height in drawn:
        assert shown_width / shown_height == pytest.approx(width / height, rel=0.01)  # never distorted
    assert len({round(h, 1) for *_, h in drawn}) == 1  # one common height


def test_cover_comes_first_in_word_then_a_page_break(cover_outputs):
    document = docx.Document(io.BytesIO(cover_outputs["docx"]))
    body = document.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    first = body[0]
    assert first.tag == w + "tbl"  # the logos
    descriptions = [d.get("descr") for d in first.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")]
    assert descriptions == ISSUERS
    texts = []
    for element in body:
        if element.tag == w + "p":
            if element.find(f".//{w}br[@{w}type='page']") is not None:
                break
            texts.append("".join(t.text or "" for t in element.iter(w + "t")))
    cover = squash(" ".join(texts))
    assert cover.startswith("Freedom of expression online in Freedonia Joint stakeholder submission Submitted to")
    assert cover.endswith("Privacy Collective November 4, 2024")
    shapes = [s for s in document.inline_shapes if s._inline.docPr.get("descr") in ISSUERS]
    assert len({s.height for s in shapes}) == 1
    for shape, (width, height) in zip(shapes, [SIGNATORY_LOGOS[name] for name in ISSUERS]):
        assert shape.width / shape.height == pytest.approx(width / height, rel=0.01)


def test_cover_in_html_markdown_and_text(cover_outputs):
    html = html_tree(cover_outputs["html"])
    cover = html.find(".//section[@class='cover']")
    assert [img.get("alt") for img in cover.iter("img")] == ISSUERS
    assert "fourth cycle review" in cover.text_content()
    md = markdown_tree(cover_outputs["md"])
    assert [img.get("alt") for img in md.iter("img")][:3] == ISSUERS
    assert [img.get("src") for img in md.iter("img")][:1] == ["logos/open-networks.png"]
    text = cover_outputs["txt"].decode()
    assert "Submitted to the Office of the United Nations High Commissioner" in squash(text)


def test_several_issuers_each_with_name_and_logo_on_the_first_page(tmp_path):
    import shutil

    source = SUBMISSION.read_text(encoding="utf-8").split("\ncover:\n")[0] + "\nbody: [A paragraph.]\n"
    shutil.copytree(POSITIONS / "logos", tmp_path / "logos")
    path = tmp_path / "no-cover.yaml"
    path.write_text(source)
    made = outputs(path)
    first = squash(pdf_pages(made["pdf"])[0])
    assert first.startswith(" ".join(ISSUERS) + " Universal Periodic Review")  # logos with names, then the title matter
    assert [alt for kind, alt in pdf_structure(made["pdf"]) if kind == "/Figure"] == ISSUERS
    html = html_tree(made["html"]).find(".//header[@class='front']")
    assert [img.get("alt") for img in html.iter("img")] == ISSUERS
    assert [squash(s.text_content()) for s in html.find_class("logo-name")] == ISSUERS
    document = docx.Document(io.BytesIO(made["docx"]))
    assert [s._inline.docPr.get("descr") for s in document.inline_shapes] == ISSUERS
    assert document.tables[0].rows[0].cells[0].text.strip() == ISSUERS[0]
    assert [img.get("alt") for img in markdown_tree(made["md"]).iter("img")] == ISSUERS


def test_signatory_logos_in_a_grid_at_one_height_never_distorted(logo_outputs):
    drawn = pdf_images(logo_outputs["pdf"])
    assert sorted((w, h) for w, h, *_ in drawn) == sorted(SIGNATORY_LOGOS.values())
    for width, height, shown_width, shown_height in drawn:
        assert shown_width / shown_height == pytest.approx(width / height, rel=0.01)
        assert shown_height <= 28.4 and shown_width <= 90.8  # 10 mm high, at most 32 mm wide
    assert sum(1 for *_, h in drawn if h == pytest.approx(28.35, abs=0.1)) == 5  # only the widest is lower
    assert sorted(alt for kind, alt in pdf_structure(logo_outputs["pdf"]) if kind == "/Figure") == sorted(SIGNATORY_LOGOS)
    html = html_tree(logo_outputs["html"]).find(".//ul[@class='logo-grid signatory-logos']")
    assert [img.get("alt") for img in html.iter("img")] == list(SIGNATORY_LOGOS)
    document = docx.Document(io.BytesIO(logo_outputs["docx"]))
    shapes = {s._inline.docPr.get("descr"): s for s in document.inline_shapes}
    assert set(shapes) == set(SIGNATORY_LOGOS)
    for name, (width, height) in SIGNATORY_LOGOS.items():
        assert shapes[name].width / shapes[name].height == pytest.approx(width / height, rel=0.01)
    assert [img.get("alt") for img in markdown_tree(logo_outputs["md"]).iter("img")] == list(SIGNATORY_LOGOS)
    assert "Freedonian Bar Association" in logo_outputs["txt"].decode()  # names without logos still listed


@pytest.mark.parametrize("field,value,expected", [
    ("issued_by", "[{name: O, logo: logo.svg}]", "an image here is a PNG or JPEG file"),
    ("issued_by", "[{name: O, logo: ../logo.png}]", "outside the position's folder"),
    ("cover", "{image: cover.png}", "image_alt"),
])
def test_bad_logos_and_covers_are_clear_errors(field, value, expected, tmp_path):
    from paperkit.resolve import resolve
    from paperkit.errors import InvalidInput
    from paperkit.load import load

    folder = tmp_path / "p"
    folder.mkdir()
    (tmp_path / "logo.png").write_bytes((ELEMENTS / "chart.png").read_bytes())
    (folder / "cover.png").write_bytes((ELEMENTS / "chart.png").read_bytes())
    text = "id: t\nkind: submission\ntitle: T\ndate: 2024-09-09\nbody: [x]\n"
    text += f"{field}: {value}\n" + ("" if field == "issued_by" else "issued_by: [{name: O}]\n")
    (folder / "p.yaml").write_text(text)
    with pytest.raises(InvalidInput) as caught:
        resolve(load(folder / "p.yaml"))  # the file's fields are checked by load, the images it names by resolve
    assert expected in str(caught.value) and "p.yaml:6" in str(caught.value)


# ---------------------------------------------------------------- signatory columns and duplicates

SIGNATORIES_HEAD = ("id: t\nkind: joint-statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\n"
                    "body: [We sign.]\nsignatories:\n")


def _arranged(yaml_text: str):
    from paperkit.document.signatories import arranged
    from paperkit.load import load_text
    from paperkit.resolve import resolve

    return arranged(resolve(load_text(yaml_text, "p.yaml")))


def test_duplicates_drop_warns_naming_each_and_the_kept_entry_gains_fields():
    from paperkit.errors import SignatoryWarning

    text = SIGNATORIES_HEAD + (
        "  groups:\n    - heading: Organisations\n      entries:\n"
        "        - Open Networks Foundation\n"
        "        - {name: OPEN  NETWORKS FOUNDATION, url: 'https://example.org/onf', logo: logo.png, country: Freedonia}\n"
        "        - Free Press Union\n")
    with pytest.warns(SignatoryWarning) as caught:
        result = _arranged(text.replace(", logo: logo.png", ""))
    (message,) = [str(w.message) for w in caught]
    assert "duplicate signatory 'OPEN  NETWORKS FOUNDATION' (groups[0].entries[1]) left out" in message
    assert "the same as 'Open Networks Foundation' (groups[0].entries[0])" in message and "url, country" in message
    (kept, other) = [e.signatory for e in result.groups[0].entries]
    assert (kept.name, kept.url, kept.country) == ("Open Networks Foundation", "https://example.org/onf", "Freedonia")
    assert other.name == "Free Press Union" and result.counts.total == 2


def test_duplicates_keep_lists_both_and_report_is_an_error():
    from paperkit.errors import InvalidInput

    text = SIGNATORIES_HEAD + "  duplicates: keep\n  groups:\n    - entries: [Access Now, ACCESS NOW]\n"
    assert [e.signatory.name for e in _arranged(text).groups[0].entries] == ["Access Now", "ACCESS NOW"]
    with pytest.raises(InvalidInput) as caught:
        _arranged(text.replace("duplicates: keep", "duplicates: report"))
    assert "duplicate signatory 'ACCESS NOW' (groups[0].entries[1]): the same as 'Access Now'" in str(caught.value)


def test_people_who_share_only_a_first_name_are_not_duplicates():
    import warnings

    from paperkit.errors import SignatoryWarning

    text = SIGNATORIES_HEAD + (
        "  groups:\n    - heading: Individuals\n      takes: individual\n      entries:\n"
        "        - {name: Maria, type: individual, affiliation: University of Lisbon}\n"
        "        - {name: Maria, type: individual, affiliation: Digital Rights Watch}\n"
        "        - {name: Maria Silva, type: individual}\n"
        "        - {name: María  Silva, type: individual, country: Portugal}\n")
    with pytest.warns(SignatoryWarning) as caught:
        result = _arranged(text)
    names = [(e.signatory.name, e.signatory.affiliation) for e in result.groups[0].entries]
    assert names == [("Maria", "University of Lisbon"), ("Maria", "Digital Rights Watch"), ("Maria Silva", None)]
    assert len(caught) == 1 and "'María  Silva'" in str(caught[0].message)  # the whole name, accents aside
    with warnings.catch_warnings():
        warnings.simplefilter("error", SignatoryWarning)
        assert _arranged(text.replace("- {name: María  Silva, type: individual, country: Portugal}\n", ""))


def test_validate_warns_about_duplicates_on_the_command_line(tmp_path, capsys):
    from paperkit.cli import main

    path = tmp_path / "p.yaml"
    path.write_text(SIGNATORIES_HEAD + "  groups:\n    - entries: [Access Now, ACCESS NOW]\n")
    assert main(["validate", str(path)]) == 0
    assert "duplicate signatory 'ACCESS NOW'" in capsys.readouterr().err


LONG_DETAILS = ("  groups:\n    - heading: Individuals\n      takes: individual\n      details: under\n"
                "      entries:\n" + "".join(
                    f"        - {{name: {name}, type: individual, role: {role}, affiliation: {aff}, country: {c}}}\n"
                    for name, role, aff, c in [
                        ("Ana Lima", "Professor of International Human Rights Law", "University of São Paulo", "Brazil"),
                        ("Kofi Mensah", "Researcher", "Ghana Centre for Democratic Development", "Ghana"),
                        ("Ilse Berg", "Lecturer", "Free University of Amsterdam", "Netherlands"),
                        ("Tomás Ruiz", "Director", "Centre for Digital Rights and Democracy", "Chile"),
                        ("Priya Rao", "Fellow", "Institute for Technology and Society", "India"),
                        ("Lars Holm", "Editor", "Nordic Journal of Human Rights", "Norway"),
                        ("Amara Diallo", "Lawyer", "West African Bar Association", "Senegal")]))


@pytest.mark.parametrize("columns,details,expected", [
    ("auto", "after", 1),    # "name, role, affiliation, country" is long: one column
    ("auto", "under", 3),    # details under the names: the short names decide
    ("2", "after", 2),       # said by the position
])
def test_columns_chosen_or_decided_from_the_names_alone(columns, details, expected):
    from paperkit.document import build
    from paperkit.load import load_text

    text = SIGNATORIES_HEAD + LONG_DETAILS.replace("details: under", f"details: {details}\n      columns: {columns}")
    document = build(load_text(text, "p.yaml"))
    (group,) = document.blocks[-1].groups
    assert group.columns == expected and group.details_under == (details == "under")


def test_details_under_the_names_in_three_columns_in_pdf_html_and_word(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(SIGNATORIES_HEAD + LONG_DETAILS)
    made = outputs(path)
    html = html_tree(made["html"]).find(".//ul[@class='signatory-list columns-3 details-under']")
    first = html.find("li")
    assert first.find("span[@class='detail']").text == ("Professor of International Human Rights Law, "
                                                          "University of São Paulo, Brazil")
    # PDF: the names start at three different x positions, each detail on lines under its name.
    import subprocess

    (tmp_path / "p.pdf").write_bytes(made["pdf"])
    words = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True).stdout
    xs = {float(m.group(1)) for m in re.finditer(r'<word xMin="([\d.]+)"[^>]*>(Ana|Kofi|Ilse|Tomás|Priya|Lars|Amara)</word>', words)}
    assert len({round(x) for x in xs}) == 3
    document = docx.Document(io.BytesIO(made["docx"]))
    table = document.tables[-1]
    assert len(table.columns) == 3
    cell = table.rows[0].cells[0].paragraphs[0]
    assert cell.text == "Ana Lima\nProfessor of International Human Rights Law, University of São Paulo, Brazil"


# ---------------------------------------------------------------- numbering, sign-off, updates placement


@pytest.fixture(scope="module")
def numbering_outputs():
    return outputs(ELEMENTS / "numbering.yaml")


EXPECTED_ORDER = [("1.", "First finding."), ("2.", "Second finding."), (None, "A note to the reader, not numbered."),
                  ("3.", "Third finding."), ("4.", "Ratify the Optional Protocol."), ("5.", "Repeal the shutdown law."),
                  ("6.", "A paragraph after the recommendations."), (None, "Test Org works on digital rights.")]


def layout_text(pdf: bytes) -> str:
    """The PDF's text with its layout kept (a number and its paragraph on one line)."""
    import subprocess

    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def test_paragraph_numbers_skip_unnumbered_paragraphs_and_go_on_through_recommendations(numbering_outputs):
    text = numbering_outputs["txt"].decode()
    md = numbering_outputs["md"].decode()
    pdf = layout_text(numbering_outputs["pdf"])
    for number, sentence in EXPECTED_ORDER:
        line = next(line for line in text.splitlines() if sentence in line)
        assert line == (f"{number} {sentence}" if number else sentence)
        md_line = next(line for line in md.splitlines() if sentence in line)
        assert md_line.replace("\\.", ".") == (f"{number} {sentence}" if number else sentence)
        pdf_line = next(line for line in pdf.splitlines() if sentence in line)
        assert squash(pdf_line) == (f"{number} {sentence}" if number else sentence)
    html = html_tree(numbering_outputs["html"])
    demands = html.find(".//ol[@class='list demands level-0 paragraph-numbers']")
    assert [squash(li.text_content()) for li in demands] == ["4. Ratify the Optional Protocol.", "5. Repeal the shutdown law."]
    # Word: the numbers as Word shows them (LibreOffice's rendering of the DOCX).
    import tempfile
    from pathlib import Path

    from conftest import libreoffice_convert

    with tempfile.TemporaryDirectory() as folder:
        converted = libreoffice_convert({"numbering": numbering_outputs["docx"]}, Path(folder))["numbering"]
        word = layout_text(converted.read_bytes())
    for number, sentence in EXPECTED_ORDER:
        line = next(line for line in word.splitlines() if sentence in line)
        assert squash(line) == (f"{number} {sentence}" if number else sentence)


def test_sign_off_line_before_the_signatories_and_update_after_the_lead(numbering_outputs):
    sign_off = "The following undersigned organisations endorse this submission:"
    for fmt, text in _all_text(numbering_outputs).items():
        assert text.index("The summary.") < text.index("Note on the update") < text.index("Findings"), fmt
        assert text.index(sign_off) < text.index("Org A"), fmt
        assert text.index("Test Org works on digital rights.") < text.index(sign_off), fmt


def test_updates_at_end_and_top():
    from paperkit.document import build
    from paperkit.load import load_text

    text = (ELEMENTS / "numbering.yaml").read_text()
    kinds = lambda doc: [type(b).__name__ for b in doc.blocks]  # noqa: E731
    top = kinds(build(load_text(text.replace("updates_at: after_lead", "updates_at: top"))))
    end = kinds(build(load_text(text.replace("updates_at: after_lead", "updates_at: end"))))
    assert top[:2] == ["UpdateNote", "Paragraph"]
    assert end.index("UpdateNote") > end.index("Heading") and end[end.index("UpdateNote") + 1] == "Paragraph"


# ---------------------------------------------------------------- posts: byline, tags; undated documents


def test_post_shows_author_and_tags_and_an_undated_document_prints_no_date():
    made = outputs(ELEMENTS / "post.yaml")
    for fmt, text in _all_text(made).items():
        assert text.index("An undated post") < text.index("Jane Doe") < text.index("Example Rights Network"), fmt
        assert "Cybercrime Convention" in text and "Surveillance" in text, fmt
        assert not re.search(r"\b(19|20)\d\d\b", text), fmt  # no year anywhere: the post is undated
    html = html_tree(made["html"])
    assert [li.text for li in html.find_class("tags")[0]] == ["Cybercrime Convention", "Surveillance"]
    assert html.find(".//meta[@name='dcterms.created']") is None
    assert html.find(".//meta[@name='keywords']").get("content") == "Cybercrime Convention, Surveillance"
    import pypdf

    info = pypdf.PdfReader(io.BytesIO(made["pdf"])).metadata
    assert "/CreationDate" not in info and "/ModDate" not in info
    core = docx.Document(io.BytesIO(made["docx"])).core_properties
    assert core.keywords == "Cybercrime Convention, Surveillance"


def test_a_letter_still_needs_a_date():
    from paperkit.errors import InvalidInput
    from paperkit.load import load_text

    text = ("id: t\nkind: letter\ntitle: T\nissued_by: [{name: O}]\nbody: [x]\n"
            "recipients: [{name: A. Minister}]\n")
    with pytest.raises(InvalidInput) as caught:
        load_text(text, "p.yaml")
    assert "a letter needs a date" in str(caught.value)
