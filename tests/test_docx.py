"""The DOCX writer: a Word file with real structure that Word clients accept.

Everything is read back from the output itself: the package's XML parts with lxml,
python-docx, and LibreOffice's PDF conversion read by pdftotext.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, document_from_yaml, document_of, libreoffice_convert, statement_yaml
from lxml import etree
from seeds import SEEDS, missing_sentences, normalise, pdf_text, position_path

from paperkit.document import plain
from paperkit.writers import WriterOptions, writer
from paperkit.writers.docx import TemplateError
from paperkit.writers.docx.numbering import level_format
from paperkit.writers.templating import builtin_templates

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R, "pr": PR}
HYPERLINK = f"{R}/hyperlink"
SEED_NAMES = tuple(SEEDS)
JCA = "000_fc35d84be8494892.txt"


def _id(name: str) -> str:
    return name[:3]


def render(document, **options) -> bytes:
    return writer("docx")(document, WriterOptions(**options))


@lru_cache(maxsize=None)
def seed_docx(seed: str) -> bytes:
    return render(document_of(Path(position_path(seed))))


class Package:
    """A .docx opened as its parts."""

    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def has(self, name: str) -> bool:
        return name in self.zip.namelist()

    def rels(self, part: str) -> dict[str, etree._Element]:
        folder, _, file = part.rpartition("/")
        root = self.xml(f"{folder}/_rels/{file}.rels")
        return {rel.get("Id"): rel for rel in root.findall("pr:Relationship", NS)}

    def text(self, name: str) -> str:
        """Reader-visible text of a part, one line per paragraph."""
        lines = []
        for p in self.xml(name).iter(f"{{{W}}}p"):
            pieces = []
            for node in p.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}tab"):
                pieces.append(node.text or "" if node.tag == f"{{{W}}}t" else " ")
            lines.append("".join(pieces))
        return "\n".join(lines)


def docx_text(data: bytes) -> str:
    package = Package(data)
    return package.text("word/document.xml") + "\n" + package.text("word/footnotes.xml")


def style_id_of(package: Package, name: str) -> str:
    for style in package.xml("word/styles.xml").iterfind("w:style", NS):
        if style.find("w:name", NS).get(f"{{{W}}}val").lower() == name.lower():
            return style.get(f"{{{W}}}styleId")
    raise KeyError(name)


def paragraphs_in_style(package: Package, name: str) -> list:
    sid = style_id_of(package, name)
    return [p for p in package.xml("word/document.xml").iter(f"{{{W}}}p")
            if p.find("w:pPr/w:pStyle", NS) is not None
            and p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == sid]


def num_id(paragraph) -> str:
    return paragraph.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val")


def start_of(package: Package, num: str, ilvl: int = 0) -> int:
    """The number a Word list starts at: its startOverride, else its abstract level's start."""
    numbering = package.xml("word/numbering.xml")
    num_el = numbering.find(f"w:num[@w:numId='{num}']", NS)
    override = num_el.find(f"w:lvlOverride[@w:ilvl='{ilvl}']/w:startOverride", NS)
    if override is not None:
        return int(override.get(f"{{{W}}}val"))
    abstract = num_el.find("w:abstractNumId", NS).get(f"{{{W}}}val")
    lvl = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{ilvl}']", NS)
    return int(lvl.find("w:start", NS).get(f"{{{W}}}val"))


# ---------------------------------------------------------------- the reference documents


@pytest.mark.parametrize("seed", SEED_NAMES, ids=_id)
def test_every_sentence_of_the_seed_is_in_document_and_footnotes(seed):
    missing = missing_sentences(seed, docx_text(seed_docx(seed)))
    assert missing == [], f"{seed} as docx lacks:\n" + "\n".join(f"  - {s}" for s in missing)


@pytest.mark.parametrize("seed", SEED_NAMES, ids=_id)
def test_python_docx_opens_it(seed):
    document = docx.Document(io.BytesIO(seed_docx(seed)))
    assert document.paragraphs
    assert document.core_properties.title == document_of(Path(position_path(seed))).meta.title


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every position's DOCX converted to PDF by LibreOffice, in one (slow) call."""
    pdfs = libreoffice_convert({seed[:3]: seed_docx(seed) for seed in SEED_NAMES},
                               tmp_path_factory.mktemp("libreoffice"))
    return {seed: pdfs[seed[:3]] for seed in SEED_NAMES}


def pdf_body_text(pdf: Path) -> str:
    """The text of the pages without headers and footers, footnotes after the body (a theme's
    letterhead makes the first header deep, so a sentence may run over a page's notes)."""
    return pdf_text(pdf.read_bytes())


@pytest.mark.parametrize("seed", SEED_NAMES, ids=_id)
def test_libreoffice_converts_it_and_the_pdf_carries_every_sentence(seed, libreoffice_pdfs):
    pdf = libreoffice_pdfs[seed]
    assert pdf.is_file(), f"LibreOffice did not convert {seed}"
    missing = missing_sentences(seed, pdf_body_text(pdf))
    assert missing == [], f"{seed}: LibreOffice's PDF lacks:\n" + "\n".join(f"  - {s}" for s in missing)


def test_libreoffice_shows_footnotes_at_the_foot_and_page_numbers(libreoffice_pdfs):
    pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(libreoffice_pdfs[JCA]), "-"],
                           capture_output=True, check=True).stdout.decode().split("\f")[:-1]
    first = normalise(pages[0])
    assert normalise("Page 1 of 2") in first
    assert first.index(normalise("Constitution1. If the UN")) < first.index(
        normalise("1 Relevant Articles of the Constitution of Japan"))  # the note's number, a tab, its text


# ---------------------------------------------------------------- footnotes


def test_000_has_exactly_the_two_real_footnotes_with_their_text():
    package = Package(seed_docx(JCA))
    footnotes = package.xml("word/footnotes.xml")
    notes = {int(f.get(f"{{{W}}}id")): f for f in footnotes.iterfind("w:footnote", NS)
             if int(f.get(f"{{{W}}}id")) >= 1}
    assert sorted(notes) == [1, 2, 3]  # 3: the address of the "Japanese page" link (links: footnote)
    refs = [int(r.get(f"{{{W}}}id")) for r in package.xml("word/document.xml").iter(f"{{{W}}}footnoteReference")]
    assert refs == [1, 2, 3]  # in citation order, each cited once
    separators = [f.get(f"{{{W}}}type") for f in footnotes.iterfind("w:footnote", NS) if f.get(f"{{{W}}}type")]
    assert separators == ["separator", "continuationSeparator"]

    first = normalise("".join(notes[1].itertext()))
    for text in ("Relevant Articles of the Constitution of Japan",
                 "Constitution of Japan, art. 21.",  # UN editorial style, then the article quoted
                 "Freedom of assembly and association as well as speech, press and all other "
                 "forms of expression are guaranteed.",
                 "No censorship shall be maintained, nor shall the secrecy of any means of communication be violated.",
                 "Constitution, art. 35.", "The right of all persons to be secure in their homes",
                 "Each search or seizure shall be made upon separate warrant issued by a competent judicial officer."):
        assert normalise(text) in first
    assert all(p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == style_id_of(package, "footnote text")
               for p in notes[1].iterfind("w:p", NS))
    assert notes[1].find(".//w:footnoteRef", NS) is not None

    link = notes[2].find(".//w:hyperlink", NS)
    rel = package.rels("word/footnotes.xml")[link.get(f"{{{R}}}id")]
    assert rel.get("Target") == "https://www.ohchr.org/en/countries/japan"
    assert rel.get("TargetMode") == "External" and rel.get("Type") == HYPERLINK


def test_footnotes_part_is_declared_and_related():
    package = Package(seed_docx(JCA))
    types = package.xml("[Content_Types].xml")
    assert any(o.get("PartName") == "/word/footnotes.xml" and o.get("ContentType").endswith("footnotes+xml")
               for o in types)
    assert any(r.get("Type") == f"{R}/footnotes" and r.get("Target") == "footnotes.xml"
               for r in package.rels("word/document.xml").values())


def test_a_note_cited_twice_is_one_footnote_and_a_noteref_field():
    package = Package(render(document_of(FIXTURES / "submission.yaml")))
    document = package.xml("word/document.xml")
    refs = [r.get(f"{{{W}}}id") for r in document.iter(f"{{{W}}}footnoteReference")]
    assert len(refs) == len(set(refs)) == 2
    instr = "".join(t.text for t in document.iter(f"{{{W}}}instrText"))
    bookmark = re.search(r"NOTEREF (\S+)", instr).group(1)
    assert [b.get(f"{{{W}}}name") for b in document.iter(f"{{{W}}}bookmarkStart")].count(bookmark) == 1


# ---------------------------------------------------------------- lists and numbering

TWO_LISTS = """  - concerns:
      lead_in: "We are concerned that the draft:"
      style: numbered
      items: [is too broad, lacks safeguards, ignores gender]
  - Between the lists.
  - demands:
      lead_in: "We call on states to:"
      numbering: "(a)"
      items: [narrow the scope, add safeguards]
"""


def test_two_numbered_lists_both_start_at_one():
    package = Package(render(document_from_yaml(statement_yaml(TWO_LISTS))))
    numbered = paragraphs_in_style(package, "List Number")
    assert len(numbered) == 5
    first, second = num_id(numbered[0]), num_id(numbered[3])
    assert {num_id(p) for p in numbered[:3]} == {first} and {num_id(p) for p in numbered[3:]} == {second}
    assert first != second
    assert start_of(package, first) == 1 and start_of(package, second) == 1
    numbering = package.xml("word/numbering.xml")
    abstract = numbering.find(f"w:num[@w:numId='{second}']/w:abstractNumId", NS).get(f"{{{W}}}val")
    lvl = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='0']", NS)
    assert lvl.find("w:numFmt", NS).get(f"{{{W}}}val") == "lowerLetter"
    assert lvl.find("w:lvlText", NS).get(f"{{{W}}}val") == "(%1)"


def test_list_start_and_nested_levels():
    body = """  - list:
      style: numbered
      start: 4
      items:
        - four
        - text: five
          items:
            style: bulleted
            items: [a bullet, another]
"""
    package = Package(render(document_from_yaml(statement_yaml(body))))
    numbered = paragraphs_in_style(package, "List Number")
    assert start_of(package, num_id(numbered[0])) == 4
    nested = paragraphs_in_style(package, "List Bullet 2")
    assert len(nested) == 2
    assert nested[0].find("w:pPr/w:numPr/w:ilvl", NS).get(f"{{{W}}}val") == "1"
    numbering = package.xml("word/numbering.xml")
    abstract = numbering.find(f"w:num[@w:numId='{num_id(nested[0])}']/w:abstractNumId", NS).get(f"{{{W}}}val")
    lvl = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='1']", NS)
    assert lvl.find("w:numFmt", NS).get(f"{{{W}}}val") == "bullet"


@pytest.mark.parametrize("numbering, fmt, text", [
    ("1.", "decimal", "%1."), ("(1)", "decimal", "(%1)"), ("1)", "decimal", "%1)"),
    ("a.", "lowerLetter", "%1."), ("(a)", "lowerLetter", "(%1)"), ("A.", "upperLetter", "%1."),
    ("i.", "lowerRoman", "%1."), ("(i)", "lowerRoman", "(%1)"), ("I.", "upperRoman", "%1."),
])
def test_number_formats_map_to_word(numbering, fmt, text):
    assert level_format(numbering, True, 0) == (fmt, text)


def test_submission_paragraphs_are_one_continuous_word_list():
    document = document_of(FIXTURES / "submission.yaml")
    package = Package(render(document))
    numbered = paragraphs_in_style(package, "Numbered Paragraph")
    expected = [b for b in document.blocks if getattr(b, "number", None) is not None]
    assert len(numbered) == len(expected) >= 3
    assert len({num_id(p) for p in numbered}) == 1
    assert start_of(package, num_id(numbered[0])) == expected[0].number == 1
    # Headings sit between them, and the numbering goes on across sections.
    assert len(paragraphs_in_style(package, "heading 1")) == 2


# ---------------------------------------------------------------- signatories


def test_signatories_with_group_headings_and_short_names_in_columns():
    names = ["Access Now", "APC", "ARTICLE 19", "CDT", "Derechos Digitales", "EFF", "Hiperderecho",
             "IPANDETEC", "KICTANet", "Privacy International"]
    entries = "".join(f"        - {name}\n" for name in names)
    yaml = statement_yaml("  - We reject the draft.\n", extra=(
        "signatories:\n  groups:\n    - heading: Organisations\n      entries:\n" + entries
        + "        - name: Jane Doe\n          url: https://example.org/jane\n"
        + "  full_list_url: https://example.org/all\n"))
    document = document_from_yaml(yaml)
    group = document.blocks[-1].groups[0]
    package = Package(render(document))
    assert [t for p in paragraphs_in_style(package, "heading 1") for t in p.itertext()] == ["Signatories"]
    assert ["".join(p.itertext()) for p in paragraphs_in_style(package, "Signatory Group")] == ["Organisations"]
    signed = paragraphs_in_style(package, "Signatory Columns")  # names in columns: a little smaller
    assert ["".join(p.itertext()) for p in signed] == names + ["Jane Doe"]
    tables = package.xml("word/document.xml").findall("w:body/w:tbl", NS)
    assert group.columns > 1 and len(tables) == 1
    assert len(tables[0].findall("w:tr/w:tc", NS)) == group.columns
    jane = signed[-1].find("w:hyperlink", NS)
    assert package.rels("word/document.xml")[jane.get(f"{{{R}}}id")].get("Target") == "https://example.org/jane"


# ---------------------------------------------------------------- links, headings, styles


def test_hyperlinks_are_relationships_to_the_url():
    package = Package(seed_docx(JCA))
    rels = package.rels("word/document.xml")
    targets = []
    for link in package.xml("word/document.xml").iter(f"{{{W}}}hyperlink"):
        rel = rels[link.get(f"{{{R}}}id")]
        assert rel.get("Type") == HYPERLINK and rel.get("TargetMode") == "External"
        targets.append((rel.get("Target"), "".join(link.itertext())))
    assert ("https://www.jca.apc.org/jca-net/", "Japanese page") in targets
    assert ("mailto:toshi@jca.apc.org", "toshi@jca.apc.org") in targets


def test_bold_and_italic_are_run_properties():
    document = document_of(FIXTURES / "submission.yaml")
    body = Package(render(document)).xml("word/document.xml")
    runs = {"".join(r.itertext()): r for r in body.iter(f"{{{W}}}r")}
    assert runs["narrowly"].find("w:rPr/w:i", NS) is not None
    assert runs["criminal intent"].find("w:rPr/w:b", NS) is not None


def test_headings_are_heading_styles_with_outline_levels():
    package = Package(seed_docx(JCA))
    (heading,) = paragraphs_in_style(package, "heading 1")
    assert "Background to the Issues" in "".join(heading.itertext())
    style = package.xml("word/styles.xml").find(f"w:style[@w:styleId='{style_id_of(package, 'heading 1')}']", NS)
    assert style.find("w:pPr/w:outlineLvl", NS).get(f"{{{W}}}val") == "0"


def test_restyling_heading_1_in_a_template_copy_changes_the_output(tmp_path):
    template = builtin_templates() / "base" / "document.docx"
    folder = tmp_path / "templates" / "base"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(folder / "document.docx", "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                root = etree.fromstring(data)
                color = root.find("w:style[@w:styleId='Heading1']/w:rPr/w:color", NS)
                assert color.get(f"{{{W}}}val") != "C00000"
                color.set(f"{{{W}}}val", "C00000")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            copy.writestr(item, data)
    # (without its theme: a theme's colours win over the template's, as they do in the PDF)
    document = dataclasses.replace(document_of(Path(position_path(JCA))), theme=None)
    restyled = Package(render(document, templates=(tmp_path / "templates",)))
    color = restyled.xml("word/styles.xml").find("w:style[@w:styleId='Heading1']/w:rPr/w:color", NS)
    assert color.get(f"{{{W}}}val") == "C00000"
    assert len(paragraphs_in_style(restyled, "heading 1")) == 1
    # python-docx agrees: the heading paragraph's style is the red one.
    opened = docx.Document(io.BytesIO(render(document, templates=(tmp_path / "templates",))))
    (heading,) = [p for p in opened.paragraphs if p.style.name == "Heading 1"]
    assert str(heading.style.font.color.rgb) == "C00000"


def test_template_styles_are_named_as_documented():
    package = Package(seed_docx(JCA))
    for name in ("Title", "Subtitle", "Kicker", "Byline", "heading 1", "heading 2", "heading 3",
                 "Body Text", "List Number", "List Bullet", "List Lead-in", "Quote", "footnote text",
                 "footnote reference", "Signatory", "Signatory Group", "Contact", "Update Note", "Hyperlink"):
        style_id_of(package, name)


def test_lean_template():
    for kind in ("base", "post"):
        assert (builtin_templates() / kind / "document.docx").stat().st_size < 20_000


def test_a_template_without_the_body_tag_is_refused(tmp_path):
    folder = tmp_path / "base"
    folder.mkdir()
    source = builtin_templates() / "base" / "document.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(folder / "document.docx", "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{p body }}", b"no body here")
            zout.writestr(item, data)
    with pytest.raises(TemplateError, match="body"):
        render(document_of(Path(position_path(JCA))), templates=(tmp_path,))


@pytest.fixture(scope="module")
def template_resaved_by_libreoffice(tmp_path_factory) -> Path:
    """The built-in template opened and saved again by LibreOffice (which renames styles)."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    folder = tmp_path_factory.mktemp("resaved")
    source = folder / "source" / "document.docx"
    source.parent.mkdir()
    shutil.copy(builtin_templates() / "base" / "document.docx", source)
    subprocess.run([office, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "templates" / "base"),
                    str(source)], check=True, capture_output=True, timeout=300)
    return folder / "templates"


def test_a_template_resaved_by_libreoffice_still_works(template_resaved_by_libreoffice):
    document = document_of(FIXTURES / "submission.yaml")
    package = Package(render(document, templates=(template_resaved_by_libreoffice,)))
    # LibreOffice calls "footnote text" "Footnote Text" with the id "Footnote": found by name.
    notes = package.xml("word/footnotes.xml").iterfind("w:footnote", NS)
    styles = {p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") for f in notes if int(f.get(f"{{{W}}}id")) > 0
              for p in f.iterfind("w:p", NS)}
    assert styles == {style_id_of(package, "footnote text")}
    assert len(paragraphs_in_style(package, "Numbered Paragraph")) == 4
    assert "Example Rights Network welcomes the opportunity" in docx_text(package.zip.fp.getvalue())


def test_a_template_made_with_python_docx_keeps_its_numbering(tmp_path):
    template = docx.Document()  # python-docx's default: its own numbering.xml, no footnotes part
    template.add_paragraph("{{ title }}", style="Title")
    template.add_paragraph("{{p body }}")
    (tmp_path / "base").mkdir()
    template.save(tmp_path / "base" / "document.docx")
    package = Package(render(document_from_yaml(statement_yaml(TWO_LISTS)), templates=(tmp_path,)))
    numbering = package.xml("word/numbering.xml")
    assert len(numbering.findall("w:num", NS)) > 2  # the template's definitions and the two lists
    numbered = paragraphs_in_style(package, "List Number")
    assert [start_of(package, num_id(numbered[i])) for i in (0, 3)] == [1, 1]
    assert package.has("word/footnotes.xml")
    assert docx.Document(io.BytesIO(package.zip.fp.getvalue())).paragraphs[0].text == "A test statement"


# ---------------------------------------------------------------- title matter, kinds, user text


def test_post_uses_the_post_template_and_statement_falls_back_to_base():
    post = [line for line in Package(seed_docx("002_97bce94b502dba8b.txt")).text("word/document.xml").splitlines() if line]
    assert post[0] == "Blog January 13, 2022"  # (after the empty paragraph that draws the rule over the title)
    statement = [line for line in Package(seed_docx(JCA)).text("word/document.xml").splitlines() if line]
    assert statement[:2] == ["Statement by JCA-NET", "JCA-NET opposes the UN Cybercrime Convention"]


def test_running_title_and_page_number_fields():
    package = Package(seed_docx(JCA))
    headers = " ".join(package.text(f"word/header{i}.xml") for i in (1, 2))
    assert "JCA-NET opposes the UN Cybercrime Convention" in headers
    footer = package.xml("word/footer1.xml")
    instructions = [f.get(f"{{{W}}}instr").strip() for f in footer.iter(f"{{{W}}}fldSimple")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert package.text("word/footer1.xml").strip().endswith("Page 1 of 1")  # after the theme's footer line


def test_user_text_is_data_not_template_code():
    # "{{{{" is how position text writes a literal "{{" (placeholders use single braces).
    body = '  - "Braces stay: {{{{ 7 * 7 }}}} and {%p if x %} and {_{ and {# no #} and <b>&amp;"\n'
    yaml = statement_yaml(body).replace("title: A test statement", 'title: "{{{{ title }}}} {% raw %}"')
    document = document_from_yaml(yaml)
    title, paragraph = document.meta.title, plain(document.blocks[0].content)
    assert "{{ 7 * 7 }}" in paragraph and "{{ title }}" in title
    text = docx_text(render(document))
    assert title in text.splitlines()
    assert paragraph in text.splitlines()
    assert "49" not in text


# ---------------------------------------------------------------- metadata, language, paper, bytes


def test_core_properties_come_from_the_position_not_the_clock():
    document = docx.Document(io.BytesIO(seed_docx(JCA)))
    props = document.core_properties
    assert props.title == "JCA-NET opposes the UN Cybercrime Convention"
    assert props.author == "JCA-NET"
    assert props.language == "en"
    assert "secrecy of communications" in props.keywords
    assert props.created.replace(tzinfo=None) == props.modified.replace(tzinfo=None) == datetime(2024, 9, 9)


def test_document_language_on_the_default_run_properties():
    lang = Package(seed_docx(JCA)).xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{{{W}}}val") == "en"
    yaml = statement_yaml("  - 本文です。\n").replace("issued_by:", "languages: [ja]\nissued_by:")
    lang = Package(render(document_from_yaml(yaml))).xml("word/styles.xml").find(
        "w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{{{W}}}val") == "ja" and lang.get(f"{{{W}}}eastAsia") == "ja"


def test_right_to_left_documents_are_bidi():
    yaml = statement_yaml("  - نص البيان.\n").replace("issued_by:", "languages: [ar]\nissued_by:")
    package = Package(render(document_from_yaml(yaml)))
    styles = package.xml("word/styles.xml")
    assert styles.find("w:docDefaults/w:pPrDefault/w:pPr/w:bidi", NS) is not None
    assert package.xml("word/document.xml").find("w:body/w:sectPr/w:bidi", NS) is not None
    runs = [r for r in package.xml("word/document.xml").iter(f"{{{W}}}r") if "نص البيان" in "".join(r.itertext())]
    assert runs and runs[0].find("w:rPr/w:rtl", NS) is not None


def page_size(data: bytes) -> tuple[int, int]:
    size = Package(data).xml("word/document.xml").find("w:body/w:sectPr/w:pgSz", NS)
    return int(size.get(f"{{{W}}}w")), int(size.get(f"{{{W}}}h"))


def test_a4_by_default_letter_on_request():
    document = document_of(Path(position_path(JCA)))
    assert page_size(render(document)) == (11906, 16838)
    assert page_size(render(document, paper="Letter")) == (12240, 15840)
    letter = document_from_yaml(statement_yaml("  - Text.\n", extra="paper: Letter\n"))
    assert page_size(render(letter)) == (12240, 15840)


def test_same_document_same_bytes():
    document = document_of(Path(position_path(JCA)))
    first, second = render(document), render(document)
    assert first == second
    times = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert times == {(2024, 9, 9, 0, 0, 0)}
