"""The Markdown and plain-text writers: what a reader of a web post or an e-mail gets.

Markdown is checked by rendering it with a CommonMark parser (with footnotes) and
reading the result back, so that escaping is judged by what a Markdown reader shows.
"""

from __future__ import annotations

import dataclasses
import json
import re

import lxml.html
import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from paperkit.document import build
from paperkit.document import plain as md_plain
from paperkit.load import load_text
from paperkit.writers import WriterOptions
from paperkit.writers import markdown as md_writer
from paperkit.writers import text as txt_writer
from paperkit.document.width import display_width as width

HEAD = ("id: t\nkind: statement\ntitle: A test statement\ndate: 2024-09-09\n"
        "issued_by:\n  - name: Test Org\n    body: Board\n")


def doc(yaml_rest: str, head: str = HEAD):
    return build(load_text(head + yaml_rest))


def md(document) -> str:
    return md_writer.write(document, WriterOptions()).decode("utf-8")


def txt(document) -> str:
    return txt_writer.write(document, WriterOptions()).decode("utf-8")


def rendered(markdown: str) -> lxml.html.HtmlElement:
    html = MarkdownIt("commonmark").use(footnote_plugin).render(markdown)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def squash(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- Markdown

# As a position file writes it: backslashes keep the markup subset from reading it.
LITERAL_SOURCE = (r"5\*3\*2 = 30, \_underscored\_, \[not a link\](https://x.org), <b>no html</b>, "
                  r"\<https://not.autolink>, &copy; ~~no strike~~ `tick` \\ back")
LITERAL = ("5*3*2 = 30, _underscored_, [not a link](https://x.org), <b>no html</b>, "
           "<https://not.autolink>, &copy; ~~no strike~~ `tick` \\ back")


def test_markdown_keeps_user_text_literal():
    document = doc("body:\n  - " + json.dumps(LITERAL_SOURCE) + "\n")
    assert md_plain(document.blocks[0].content) == LITERAL  # the tree holds the characters
    page = rendered(md(document))
    paragraphs = [squash(p.text_content()) for p in page.iter("p")]
    assert LITERAL in paragraphs
    for tag in ("em", "strong", "a", "b", "code", "del", "s"):
        assert not list(page.iter(tag)), f"user text became <{tag}>"


@pytest.mark.parametrize("line", [
    "# not a heading", "- not a bullet", "+ not a bullet", "1986. was a year", "3) not a list",
    "> not a quote", "=====", "---",
])
def test_markdown_escapes_what_would_start_a_block(line):
    document = doc("body:\n  - " + json.dumps(line) + "\n")
    page = rendered(md(document))
    assert squash(line) in [squash(p.text_content()) for p in page.iter("p")]
    assert len(list(page.iter("h1"))) == 1  # only the title
    for tag in ("h2", "ul", "ol", "blockquote", "hr"):
        assert not list(page.iter(tag)), f"{line!r} became <{tag}>"


def test_markdown_keeps_emphasis_strong_and_links():
    document = doc('body:\n  - "An *emphasised* and a **strong** word, a [link](https://example.org/a_(b)?q=1&r=2)."\n')
    page = rendered(md(document))
    assert [e.text_content() for e in page.iter("em")] == ["emphasised"]
    assert [e.text_content() for e in page.iter("strong")] == ["strong"]
    links = [(a.get("href"), a.text_content()) for a in page.iter("a") if not a.get("href").startswith("#")]
    # the link, then (a statement prints addresses in notes: links: footnote) its address in note 1
    assert links == [("https://example.org/a_(b)?q=1&r=2", "link"),
                     ("https://example.org/a_(b)?q=1&r=2", "https://example.org/a_(b)?q=1&r=2")]


def test_markdown_link_text_with_brackets_and_bare_urls():
    document = doc('body:\n  - "See [the \\\\[draft\\\\] text](https://example.org/x) or <https://example.org/bare>."\n')
    page = rendered(md(document))
    links = [(a.get("href"), a.text_content()) for a in page.iter("a")]
    assert ("https://example.org/x", "the [draft] text") in links
    assert ("https://example.org/bare", "https://example.org/bare") in links


NOTES = """body:
  - "First claim[^b], second claim[^a], the first again[^b]."
notes:
  a: Note A, one paragraph.
  b:
    text: |
      Note B, first paragraph with *emphasis*.

      Note B, second paragraph.
"""


def test_markdown_footnotes_in_citation_order_with_paragraphs():
    out = md(doc(NOTES))
    assert "First claim[^1], second claim[^2], the first again[^1]." in out
    assert out.index("[^1]: Note B") < out.index("[^2]: Note A")
    page = rendered(out)
    items = page.xpath("//section[contains(@class,'footnotes')]//li")
    assert len(items) == 2
    first = [squash(p.text_content()) for p in items[0].iter("p")]
    assert first[0].startswith("Note B, first paragraph with emphasis.")
    assert first[1].startswith("Note B, second paragraph.")  # the indented paragraph stays in the note
    assert squash(items[1].text_content()).startswith("Note A, one paragraph.")
    assert [e.text_content() for e in items[0].iter("em")] == ["emphasis"]


LISTS = """body:
  - demands:
      lead_in: "We urge the government to:"
      numbering: "(1)"
      items: ["oppose the draft;", "publish its position."]
  - list:
      style: numbered
      start: 3
      items: ["third", "fourth"]
  - concerns:
      items: ["a concern", "another"]
  - list:
      items: ["a separate list", "its second item"]
"""


def test_markdown_lists_keep_their_labels():
    out = md(doc(LISTS))
    assert "(1) oppose the draft;\n\n(2) publish its position." in out
    page = rendered(out)
    assert "We urge the government to:" in [p.text_content() for p in page.iter("p")]
    texts = [squash(p.text_content()) for p in page.iter("p")]
    assert "(1) oppose the draft;" in texts and "(2) publish its position." in texts
    ols = list(page.iter("ol"))
    assert len([ol for ol in ols if ol.get("start") == "3"]) == 1
    bullets = [ol for ol in page.iter("ul")]
    assert [len(ul.findall("li")) for ul in bullets] == [2, 2]  # two lists, not one merged


def test_markdown_nested_list_indented_under_its_item():
    out = md(doc("""body:
  - list:
      items:
        - text: "parent"
          items:
            style: numbered
            numbering: "(a)"
            items: ["child one", "child two"]
        - "sibling"
"""))
    page = rendered(out)
    (outer,) = [ul for ul in page.iter("ul") if ul.getparent().tag == "div"]
    first = outer.findall("li")[0]
    assert [squash(p.text_content()) for p in first.iter("p")][-2:] == ["(a) child one", "(b) child two"]


def test_markdown_front_and_labels_come_from_the_document():
    document = doc("""kicker: Statement by Test Org
contacts:
  - name: Ann Example
    email: ann@example.org
versions:
  - lang: ja
    label: Japanese
    url: https://example.org/ja
signatories:
  groups:
    - entries: [Org One, Org Two]
body:
  - Text.
""")
    labels = dataclasses.replace(document.labels, contact="Kontakt", signatories="Unterzeichnende",
                                 versions="Auch auf")
    # The contact block carries its own label (resolved when the tree is built).
    blocks = tuple(dataclasses.replace(b, label="Kontakt") if b.type == "contact" else b
                   for b in document.blocks)
    out = md(dataclasses.replace(document, labels=labels, blocks=blocks))
    lines = out.split("\n")
    assert lines[0] == "Statement by Test Org"
    assert "# A test statement" in lines
    assert "Test Org – September 9, 2024" in lines
    assert "Auch auf: [Japanese](https://example.org/ja)" in lines
    assert "**Kontakt:**\\" in lines and "<ann@example.org>" in lines
    assert "## Unterzeichnende" in lines and "- Org One" in lines
    assert "Contact" not in out and "Signatories" not in out


@pytest.mark.parametrize("writer", [md, txt])
def test_output_ends_with_one_newline_and_no_trailing_spaces(writer):
    out = writer(doc(NOTES + LISTS.replace("body:\n", "closing:\n")))
    assert out.endswith("\n") and not out.endswith("\n\n")
    assert not [line for line in out.split("\n") if line != line.rstrip()]


# ---------------------------------------------------------------- plain text

LONG = ("The Convention should only move forward if it pursues a specific goal of combating "
        "cybercrime without endangering the human rights and fundamental freedoms of those it "
        "seeks to protect, see https://www.example.org/a/really/long/path/that/cannot/fit/on/one/line/at/all/ok "
        "and [the draft](https://example.org/draft) and [https://example.org/same](https://example.org/same) "
        "and a supercalifragilisticexpialidocious-extraordinarily-long-hyphenated-compound-word-here.")


def test_text_wraps_at_72_without_breaking_urls_or_words():
    out = txt(doc("body:\n  - " + json.dumps(LONG) + "\n"))
    for line in out.split("\n"):
        assert width(line) <= 72 or " " not in line.strip(), f"too long: {line!r}"
    lines = [line.strip() for line in out.split("\n")]
    assert "https://www.example.org/a/really/long/path/that/cannot/fit/on/one/line/at/all/ok" in lines
    assert "supercalifragilisticexpialidocious-extraordinarily-long-hyphenated-compound-word-here." in lines
    # every word of the paragraph is whole on some line
    words_in = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"\1", LONG).split()
    words_out = re.sub(r"\[\d+\]", "", out).split()  # without note calls ("draft[1]": links: footnote)
    assert all(word in words_out for word in words_in)


def test_text_links_read_text_then_url():
    out = squash(txt(doc("links: inline\nbody:\n  - " + json.dumps(LONG) + "\n")))
    assert "the draft (https://example.org/draft)" in out  # links: inline prints the address after the text
    footnoted = squash(txt(doc("body:\n  - " + json.dumps(LONG) + "\n")))
    assert "the draft[1]" in footnoted and "[1] https://example.org/draft" in footnoted  # statements: in a note
    assert "and https://example.org/same and" in out  # text == url: the URL once, bare


def test_text_title_underlined_and_front_lines():
    out = txt(doc("kicker: Statement by Test Org\nbody:\n  - Text.\n"))
    lines = out.split("\n")
    assert lines[:4] == ["Statement by Test Org", "", "A test statement", "=" * len("A test statement")]
    assert "Test Org – September 9, 2024" in lines


def test_text_lists_hang_under_their_labels():
    out = txt(doc("""body:
  - demands:
      lead_in: "We urge the government to:"
      numbering: "(1)"
      items:
        - "oppose the adoption of the convention at the General Assembly in September, and say so in public;"
        - "publish its position."
  - concerns:
      items: ["a concern that is long enough to wrap onto a second line of the plain text output for e-mail", "short"]
"""))
    lines = out.split("\n")
    i = lines.index("We urge the government to:")
    assert lines[i + 2].startswith("(1) oppose the adoption")
    assert lines[i + 3].startswith("    ") and not lines[i + 3].startswith("     ")
    assert any(line.startswith("(2) publish its position.") for line in lines)
    j = next(k for k, line in enumerate(lines) if line.startswith("• a concern"))
    assert lines[j + 1].startswith("  ") and lines[j + 1].strip()


def test_text_notes_numbered_in_citation_order_at_the_end():
    document = doc(NOTES)
    labels = dataclasses.replace(document.labels, notes="Anmerkungen")
    out = txt(dataclasses.replace(document, labels=labels))
    assert "First claim[1], second claim[2], the first again[1]." in squash(out)
    tail = out[out.index("Anmerkungen\n-----------\n"):]
    assert tail.index("[1] Note B, first paragraph") < tail.index("[2] Note A")
    # the second paragraph of a note hangs under the first
    assert "\n    Note B, second paragraph.\n" in tail
    assert "*" not in tail  # no Markdown in plain text


def test_text_wraps_japanese_by_display_width():
    sentence = "日本政府は、国連サイバー犯罪条約の国連総会での採択に反対しなければならない。" * 4
    head = HEAD.replace("date:", "languages: [ja]\ndate:")
    out = txt(doc(f"body:\n  - {sentence}\n", head=head))
    body = [line for line in out.split("\n") if line and not any(c.isascii() for c in line)]
    assert len(body) > 2
    assert all(width(line) <= 72 for line in body)
    assert not any(line.startswith(("、", "。")) for line in body)
    assert "".join(body) == sentence


def test_text_dash_never_starts_a_line():
    words = " ".join(["word"] * 16)
    out = txt(doc(f'body:\n  - "{words} standards - including the principles - apply – as ever — here {words}"\n'))
    assert not [line for line in out.split("\n") if line.lstrip().startswith(("-", "–", "—")) and
                not set(line.strip()) <= {"-", "="}]


@pytest.mark.parametrize("writer", [md, txt])
def test_co_leads_follow_the_byline(writer):
    out = writer(doc("co_leads:\n  - name: Test Org\n  - name: Partner One\n  - name: Partner Two\n"
                     "body:\n  - Text.\n"))
    lines = out.split("\n")
    byline = lines.index("Test Org – September 9, 2024")
    assert lines[byline + 2] == "Partner One, Partner Two"  # the issuer is not named twice
