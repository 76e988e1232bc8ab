"""The HTML writer, checked on the parsed output (lxml), never on the template."""

from __future__ import annotations

import lxml.html
import pytest
from conftest import FIXTURES, POSITIONS, document_from_yaml, document_of, options_for, squash, statement_yaml

from paperkit.errors import TemplateRefused
from paperkit.writers import WriterOptions, html

JCA = POSITIONS / "jca-net-2024-09-cybercrime.yaml"


def page(data: bytes):
    assert data.startswith(b"<!DOCTYPE html>")
    return lxml.html.document_fromstring(data.decode("utf-8"))


def text_of(element) -> str:
    return squash(element.text_content())


@pytest.fixture(scope="module")
def jca():
    return page(html.write(document_of(JCA), options_for(JCA)))


@pytest.fixture(scope="module")
def submission():
    path = FIXTURES / "submission.yaml"
    return page(html.write(document_of(path), options_for(path)))


def test_head_carries_language_title_and_metadata(jca):
    root = jca
    assert root.get("lang") == "en" and root.get("dir") == "ltr"
    assert root.findtext(".//title") == "JCA-NET opposes the UN Cybercrime Convention"
    meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    assert meta["author"] == "JCA-NET"
    assert meta["dcterms.created"] == "2024-09-09"
    assert "secrecy of communications" in meta["keywords"]
    assert root.find(".//head/style") is not None  # standalone: the stylesheet travels inside


def test_front_matter(jca):
    front = jca.find_class("front")[0]
    assert text_of(front.find_class("kicker")[0]) == "Statement by JCA-NET"
    assert text_of(front.find(".//h1")) == "JCA-NET opposes the UN Cybercrime Convention"
    assert text_of(front.find_class("byline")[0]) == "JCA-NET – September 9, 2024"
    assert front.xpath(".//a[@href='https://www.jca.apc.org/jca-net/' and @hreflang='ja']")


def test_numbered_demands_print_their_labels(jca):
    items = jca.xpath("//ol[contains(@class, 'demands')]/li")
    assert [text_of(li)[:4] for li in items] == ["(1) ", "(2) ", "(3) "]
    assert text_of(items[0]).startswith("(1) The Japanese government must oppose the adoption")


def test_links_are_kept(jca):
    links = {a.get("href"): text_of(a) for a in jca.iter("a")}
    texts = [text_of(a) for a in jca.iter("a") if a.get("href") == "https://www.jca.apc.org/jca-net/"]
    # the link, then its address in note 3 (links: footnote, the default of a statement)
    assert {"Japanese page", "https://www.jca.apc.org/jca-net/"} <= set(texts)
    assert links["https://www.ohchr.org/en/countries/japan"] == "https://www.ohchr.org/en/countries/japan"
    assert links["mailto:toshi@jca.apc.org"] == "toshi@jca.apc.org"


def test_footnotes_are_numbered_calls_and_a_notes_section_with_back_links(jca):
    calls = jca.xpath("//sup[contains(@class, 'note-call')]/a")
    assert [(a.get("href"), a.text) for a in calls] == [("#fn-1", "1"), ("#fn-2", "2"), ("#fn-3", "3")]
    assert text_of(calls[0].getparent().getparent()).startswith("(2) The Cabinet")
    notes = jca.find_class("notes")[0]
    assert text_of(notes.find(".//h2")) == "Notes"
    first, second, _address = notes.xpath(".//li[@id]")
    assert first.get("id") == "fn-1" and second.get("id") == "fn-2"
    assert "No censorship shall be maintained, nor shall the secrecy of any means of communication be violated." in text_of(first)
    assert "Each search or seizure shall be made upon separate warrant" in text_of(first)
    assert second.xpath(".//a[@href='https://www.ohchr.org/en/countries/japan']")
    for number, note in enumerate((first, second), start=1):
        assert note.xpath(f".//a[@href='#fnref-{number}']")
        assert jca.get_element_by_id(f"fnref-{number}") is not None


def test_second_citation_links_to_the_same_note(submission):
    calls = [a.text for a in submission.xpath("//sup[contains(@class, 'note-call')]/a")]
    assert calls == ["1", "2", "1"]
    assert len(submission.xpath("//section[contains(@class, 'notes')]//li[@id]")) == 2


def test_numbered_paragraphs(submission):
    numbered = submission.xpath("//p[contains(@class, 'numbered')]")
    assert [text_of(p).split()[0] for p in numbered] == ["1.", "2.", "3.", "4."]
    assert "numbered-paragraphs" in submission.find(".//body").get("class")


def test_user_text_is_escaped_never_evaluated():
    document = document_from_yaml(statement_yaml(
        "  - \"<script>alert(1)</script> costs {{ 7*7 }} {% raw %} & <b>bold</b>\"\n"
        "  - \"[a link](https://example.org/?a=1&b=<2>)\"\n"))
    data = html.write(document, WriterOptions())
    root = page(data)
    assert not root.xpath("//body//script") and not root.xpath("//body//b")
    body_text = text_of(root.find(".//main"))
    assert "<script>alert(1)</script> costs {{ 7*7 }} {% raw %} & <b>bold</b>" in body_text
    assert "49" not in body_text
    assert b"&lt;script&gt;" in data
    assert root.xpath("//a[@href='https://example.org/?a=1&b=%3C2%3E' or @href='https://example.org/?a=1&b=<2>']")


def test_post_has_kicker_and_date_above_the_title():
    document = document_of(FIXTURES / "post.yaml")
    root = page(html.write(document, WriterOptions()))
    front = root.find_class("front")[0]
    first = front[0]
    assert "dateline" in first.get("class")
    assert text_of(first) == "Blog August 12, 2024"
    assert text_of(front.find(".//h1")) == "The Cybercrime Convention heads to the General Assembly"
    assert "Partner Foundation" in text_of(front)
    update = root.find_class("update-note")[0]
    assert "Note on the update: The text has been revised" in text_of(update)


def test_user_templates_override_file_by_file(tmp_path):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "front.html.j2").write_text(
        '<header class="front"><h1 class="mine">{{ nodes.inlines(front.title) }}</h1></header>')
    document = document_from_yaml(statement_yaml("  - Body text.\n"))
    root = page(html.write(document, WriterOptions(templates=(tmp_path,))))
    assert text_of(root.find_class("mine")[0]) == "A test statement"
    assert "Body text." in text_of(root.find(".//main"))  # the rest still comes from the built-in files


def test_user_templates_run_in_a_sandbox(tmp_path):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "front.html.j2").write_text("{{ front.__class__.__init__.__globals__ }}")
    document = document_from_yaml(statement_yaml("  - Body text.\n"))
    with pytest.raises(TemplateRefused, match=r"front.html.j2:1: template refused") as refused:
        html.write(document, WriterOptions(templates=(tmp_path,)))
    assert refused.value.exit_code == 2
