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
