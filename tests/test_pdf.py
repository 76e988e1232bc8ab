"""The PDF writer, checked on the real PDF: text (pdftotext), metadata (pypdf), fonts (pdffonts)."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess

import pypdf
import pytest
from conftest import (FIXTURES, POSITIONS, document_from_yaml, document_of, options_for, pdf_pages,
                      squash, statement_yaml)

from seeds import pdf_text
from paperkit.document import ListBlock, plain
from paperkit.errors import RenderError, TemplateRefused
from paperkit.writers import WriterOptions, pdf

JCA = POSITIONS / "jca-net-2024-09-cybercrime.yaml"
SUBMISSION = FIXTURES / "submission.yaml"

A4 = (595, 842)
LETTER = (612, 792)


@pytest.fixture(scope="module")
def jca():
    document = document_of(JCA)
    data = pdf.write(document, options_for(JCA))
    return document, data, pdf_pages(data)


@pytest.fixture(scope="module")
def submission():
    document = document_of(SUBMISSION)
    data = pdf.write(document, options_for(SUBMISSION))
    return document, data, pdf_pages(data)


def page_size(data: bytes) -> tuple[int, int]:
    box = pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


# ------------------------------------------------------------ text


def test_title_kicker_and_byline_on_page_one(jca):
    document, _, pages = jca
    first = squash(pages[0])
    # (above them, the theme's letterhead: tests/test_themes.py)
    assert first.index("Statement by JCA-NET JCA-NET opposes the UN Cybercrime Convention") < first.index(
        "The United Nations Cybercrime Convention")
    assert "JCA-NET – September 9, 2024" in first


def test_every_demand_is_in_the_pdf_with_its_label(jca):
    document, data, _ = jca
    text = squash(pdf_text(data))  # page furniture out: a demand may run over a page break
    bare = re.sub(r"(?<=[a-z])\d+(?=[.,;:])", "", re.sub(r"\s+", "", text))  # no spaces, no note calls
    demands = next(b for b in document.blocks if isinstance(b, ListBlock) and b.role == "demands")
    assert squash(plain(demands.lead_in)) in text
    assert [item.label for item in demands.items] == ["(1)", "(2)", "(3)"]
    for item in demands.items:
        assert re.sub(r"\s+", "", f"{item.label} {plain(item.content)}") in bare


def test_both_footnotes_carry_the_article_texts_and_the_url(jca):
    _, _, pages = jca
    text = squash(" ".join(pages))
    assert "1. Relevant Articles of the Constitution of Japan;" in text
    for sentence in (
        # UN editorial style: the instrument and the pinpoint, then the article quoted
        "Constitution of Japan, art. 21. Freedom of assembly and association as well as speech, press and all other "
        "forms of expression are guaranteed.",
        "No censorship shall be maintained, nor shall the secrecy of any means of communication be violated.",
        "Constitution, art. 35. The right of all persons to be secure in their homes, papers and effects against "
        "entries, searches and seizures shall not be impaired except upon warrant issued for adequate "
        "cause and particularly describing the place to be searched and things to be seized, or except "
        "as provided by Article 33.",
        "Each search or seizure shall be made upon separate warrant issued by a competent judicial officer.",
        "2. https://www.ohchr.org/en/countries/japan",
    ):
        assert sentence in text


def test_footnotes_follow_citation_order_and_sit_on_the_page_of_their_call(jca):
    _, _, pages = jca
    text = squash(" ".join(pages))
    assert text.index("Constitution1.") < text.index("standards2.")
    # each note comes after the text that cites it, on the same page, in number order
    for call, note in (("Constitution1.", "1. Relevant Articles"), ("standards2.", "2. https://www.ohchr.org")):
        body = squash(next(p for p in pages if call in squash(p)))
        assert body.index(call) < body.index(note)
    assert text.index("1. Relevant Articles") < text.index("2. https://www.ohchr.org")


def test_a_note_cited_again_shows_only_its_number(submission):
    _, _, pages = submission
    text = squash(" ".join(pages))
    assert "legality1." in text and "privacy2," in text and "demands1." in text
    # the note itself is printed once (UN style: the repeated citation repeats its number)
    assert text.count("International Covenant on Civil and Political Rights, art. 15.") == 1
    assert text.count("under national or international law") == 1


def test_footnote_lands_on_a_later_page_where_it_is_cited():
    filler = "".join(f"  - Paragraph {i} of filler text that pushes the citation down to a later page "
                     f"of the document, so that its note must follow it there.\n" for i in range(40))
    yaml = statement_yaml(filler + "  - The cited sentence[^n].\n",
                          extra="notes:\n  n: The text of the late note.\n")
    pages = pdf_pages(pdf.write(document_from_yaml(yaml), WriterOptions()))
    assert len(pages) >= 2
    cited_on = [i for i, p in enumerate(pages) if "The cited sentence1." in squash(p)]
    noted_on = [i for i, p in enumerate(pages) if "1. The text of the late note." in squash(p)]
    assert cited_on == noted_on and cited_on[0] > 0


def test_numbered_paragraphs_are_printed(submission):
    _, _, pages = submission
    text = squash(" ".join(pages))
    assert "1. The draft remains over-broad" in text
    assert "2. Any offence in the Convention" in text
    assert "3. Prior judicial authorisation" in text
    assert "(a) make Article 24 applicable" in text


# ------------------------------------------------------------ page furniture


def test_footer_numbers_every_page_n_of_total(jca):
    _, _, pages = jca
    total = len(pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        assert page.strip().splitlines()[-1].strip() == f"Page {number} of {total}"  # the DOCX's words


def test_running_title_in_the_header_but_not_on_page_one(jca):
    document, _, pages = jca
    title = document.meta.title
    assert squash(pages[0]).count(title) == 1  # the title itself, no header
    for page in pages[1:]:
        assert page.strip().splitlines()[0].strip() == title


def test_a4_by_default_and_letter_on_request(jca):
    document, data, _ = jca
    assert page_size(data) == A4
    letter = pdf.write(document, options_for(JCA, paper="Letter"))
    assert page_size(letter) == LETTER
    from_meta = dataclasses.replace(document, meta=dataclasses.replace(document.meta, paper="Letter"))
    assert page_size(pdf.write(from_meta, options_for(JCA))) == LETTER


# ------------------------------------------------------------ PDF structure


def test_metadata_from_the_position_not_the_render(jca, submission):
    _, data, _ = jca
    reader = pypdf.PdfReader(io.BytesIO(data))
    info = reader.metadata
    assert info["/Title"] == "JCA-NET opposes the UN Cybercrime Convention"
    assert info["/Author"] == "JCA-NET"
    assert "human rights" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20240909")
    assert reader.trailer["/Root"]["/Lang"] == "en"
    subject = pypdf.PdfReader(io.BytesIO(submission[1])).metadata["/Subject"]
    assert subject == "Comments on the revised draft text of the Ad Hoc Committee"


def test_tagged_pdf_ua_by_default(jca):
    _, data, _ = jca
    root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp


def test_every_font_is_embedded(jca, tmp_path):
    _, data, _ = jca
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = rows.splitlines()[2:]
    assert fonts
    for row in fonts:
        emb = row[-23:].split()[0]  # columns: emb sub uni object ID
        assert emb == "yes", row


def test_bookmarks_from_headings(jca):
    _, data, _ = jca
    reader = pypdf.PdfReader(io.BytesIO(data))

    def titles(outline):
        for entry in outline:
            yield from titles(entry) if isinstance(entry, list) else [entry.title]

    found = list(titles(reader.outline))
    assert "JCA-NET opposes the UN Cybercrime Convention" in found
    assert "Background to the Issues and Demands of the UN Cybercrime Convention (Omitted)" in found


def test_links_are_kept(jca):
    _, data, _ = jca
    uris = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(action["/URI"])
    assert {"https://www.ohchr.org/en/countries/japan", "https://www.jca.apc.org/jca-net/",
            "mailto:toshi@jca.apc.org"} <= uris


# ------------------------------------------------------------ refusals


def test_a_character_no_font_has_is_an_error_naming_it():
    document = document_from_yaml(statement_yaml("  - \"A private sign: \\uE000 here.\"\n"))
    with pytest.raises(RenderError) as error:
        pdf.write(document, WriterOptions())
    assert "U+E000" in str(error.value)
    assert "private" in str(error.value).lower()


def test_japanese_renders_with_the_cjk_fonts():
    document = document_from_yaml(statement_yaml("  - 日本国憲法第二十一条は通信の秘密を保障する。\n"))
    text = squash(" ".join(pdf_pages(pdf.write(document, WriterOptions()))))
    assert "日本国憲法第二十一条は通信の秘密を保障する。" in text


def test_user_text_is_printed_literally():
    document = document_from_yaml(statement_yaml("  - \"<script>alert(1)</script> costs {{ 7*7 }} {% raw %}\"\n"))
    text = squash(" ".join(pdf_pages(pdf.write(document, WriterOptions()))))
    assert "<script>alert(1)</script> costs {{ 7*7 }} {% raw %}" in text


def test_network_resources_are_refused(tmp_path):
    style = tmp_path / "base" / "style.css"
    style.parent.mkdir()
    style.write_text("body { background: url(https://example.org/tracker.png); }")
    document = document_from_yaml(statement_yaml("  - Some text.\n"))
    with pytest.raises(TemplateRefused, match="https://example.org/tracker.png") as refused:
        pdf.write(document, WriterOptions(templates=(tmp_path,)))  # the stylesheet's mistake: exit 2 at its line
    assert (refused.value.problems[0].file, refused.value.problems[0].line) == (str(style), 1)


def test_only_files_under_the_allowed_folders_are_served(tmp_path):
    inside = tmp_path / "logo.png"
    inside.write_bytes(b"x")
    assert pdf.allowed_file(inside.as_uri(), (tmp_path,)) == inside.resolve()
    for url in ("file:///etc/passwd", (tmp_path / ".." / "x.png").as_uri(), "data:image/png;base64,AA==",
                "http://localhost/x.png", (tmp_path / "missing.png").as_uri()):
        with pytest.raises(RenderError):
            pdf.allowed_file(url, (tmp_path,))
