"""Themes: an organisation's logo, colours, fonts, letterhead, footer and signatures, in the
PDF, HTML and DOCX alike; theme files checked like positions; images only from allowed folders.

Everything is read back from the real outputs: the PDF's page resources and content
streams (pypdf), the text (pdftotext), the DOCX parts (the header part, styles.xml).
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
from conftest import POSITIONS, pdf_pages, squash
from lxml import etree
from PIL import Image

from paperkit.cli import main
from paperkit.document import build
from paperkit.errors import InvalidInput, PaperkitError
from paperkit.load import load
from paperkit.resolve import resolve
from paperkit.writers import WriterOptions, writer

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}

PRIMARY, ACCENT = "#7a1f5c", "#1f7a4d"
THEME = f"""\
name: Test Organisation
logo: logo.png
colours: {{primary: "{PRIMARY}", accent: "{ACCENT}"}}
fonts: {{body: DejaVu Serif, heading: DejaVu Sans}}
letterhead:
  address: [12 Example Street, 1000 Brussels]
  website: https://example.org/
  email: office@example.org
footer: Test Organisation · Registered charity 12345
signatures:
  Test Organisation Board: signature.png
"""


def position_yaml(theme: str = "themes/test.yaml", paragraphs: int = 14) -> str:
    body = "".join(f"  - Paragraph {i} of a statement long enough to run over onto a second page, "
                   "with more words to fill the lines of the page and then some more of them.\n"
                   for i in range(1, paragraphs + 1))
    return (f"id: themed\nkind: statement\ntitle: A themed statement\ndate: 2024-09-09\ntheme: {theme}\n"
            "issued_by:\n  - name: Test Organisation\n    body: Board\n"
            f"body:\n{body}")


def png(path: Path, size: tuple[int, int], colour: tuple[int, int, int]) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    """A position with a theme (PNG logo, signature), rendered once in PDF, HTML and DOCX."""
    root = tmp_path_factory.mktemp("themed")
    (root / "themes").mkdir()
    (root / "themes" / "test.yaml").write_text(THEME, encoding="utf-8")
    logo = png(root / "themes" / "logo.png", (240, 120), (122, 31, 92))
    signature = png(root / "themes" / "signature.png", (300, 90), (20, 20, 90))
    path = root / "position.yaml"
    path.write_text(position_yaml(), encoding="utf-8")
    document = build(load(path))
    options = WriterOptions(resource_roots=(root,))
    pdf = writer("pdf")(document, options)
    return {"root": root, "document": document, "logo": logo.read_bytes(), "signature": signature.read_bytes(),
            "pdf": pdf, "pages": pdf_pages(pdf), "html": writer("html")(document, options).decode("utf-8"),
            "docx": writer("docx")(document, options)}


# ------------------------------------------------------------ reading outputs


def page_images(pdf: bytes, index: int) -> list[tuple[int, int]]:
    """(width, height) of the images a page draws (``/Name Do``, directly or in the forms it draws)."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[index]
    found = []

    def walk(resources, content: bytes):
        xobjects = (resources or {}).get("/XObject") or {}
        for name in re.findall(rb"/([^\s/]+)\s+Do\b", content):
            obj = xobjects.get("/" + name.decode()).get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((int(obj["/Width"]), int(obj["/Height"])))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"), obj.get_data())

    walk(page.get("/Resources"), page.get_contents().get_data())
    return found


def page_content(pdf: bytes, index: int) -> str:
    """A page's content stream, with those of the forms it draws."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[index]
    streams = [page.get_contents().get_data()]
    for ref in ((page.get("/Resources") or {}).get("/XObject") or {}).values():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Form":
            streams.append(obj.get_data())
    return b"\n".join(streams).decode("latin-1")


def fill_colours(content: str) -> set[tuple[float, float, float]]:
    """Every RGB fill colour set in a content stream (``r g b rg``)."""
    return {tuple(round(float(x), 2) for x in m.groups())
            for m in re.finditer(r"([\d.]+) ([\d.]+) ([\d.]+) rg\b", content)}


def rgb(colour: str) -> tuple[float, float, float]:
    return tuple(round(int(colour[i:i + 2], 16) / 255, 2) for i in (1, 3, 5))


def page_fonts(pdf: bytes, index: int) -> set[str]:
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[index]
    fonts = (page.get("/Resources") or {}).get("/Font") or {}
    return {str(ref.get_object().get("/BaseFont")) for ref in fonts.values()}


class Docx:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def rels(self, part: str) -> dict[str, str]:
        folder, name = part.rsplit("/", 1)
        rels = self.xml(f"{folder}/_rels/{name}.rels")
        return {r.get("Id"): f"{folder}/{r.get('Target')}" for r in rels.iter(f"{{{NS['rel']}}}Relationship")
                if r.get("TargetMode") != "External"}

    def first_page_header(self) -> str:
        document = self.xml("word/document.xml")
        sect = document.findall(".//w:sectPr", NS)[-1]
        kind = "first" if sect.find("w:titlePg", NS) is not None else "default"
        ref = sect.find(f"w:headerReference[@w:type='{kind}']", NS)
        return self.rels("word/document.xml")[ref.get(f"{{{NS['r']}}}id")]

    def images_in(self, part: str) -> list[bytes]:
        rels = self.rels(part)
        return [self.zip.read(rels[blip.get(f"{{{NS['r']}}}embed")])
                for blip in self.xml(part).iter(f"{{{NS['a']}}}blip")]

    def text(self, part: str) -> str:
        return " ".join("".join(p.itertext()) for p in self.xml(part).iter(f"{{{W}}}p"))

    def style(self, name: str):
        for style in self.xml("word/styles.xml").iter(f"{{{W}}}style"):
            if style.find("w:name", NS).get(f"{{{W}}}val") == name:
                return style
        raise KeyError(name)


# ------------------------------------------------------------ the logo


def test_the_logo_is_an_image_on_page_one_of_the_pdf_only(themed):
    assert (240, 120) in page_images(themed["pdf"], 0)
    assert len(themed["pages"]) >= 2
    assert (240, 120) not in page_images(themed["pdf"], 1)


def test_the_logo_is_in_the_docx_header_of_page_one(themed):
    package = Docx(themed["docx"])
    header = package.first_page_header()
    assert themed["logo"] in package.images_in(header)
    assert "Test Organisation" in package.text(header)
    assert "12 Example Street" in package.text(header) and "example.org" in package.text(header)


def test_the_html_page_embeds_the_logo(themed):
    html = themed["html"]
    assert re.search(r'<img class="logo" src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Test Organisation">', html)
    assert "file:/" not in html


def test_an_svg_logo_draws_in_the_pdf_and_its_png_goes_to_word():
    position = POSITIONS / "jca-net-2024-09-cybercrime.yaml"
    document = build(load(position))
    assert document.theme.logo.endswith(".svg") and document.theme.logo_raster.endswith(".png")
    pdf = writer("pdf")(document, WriterOptions())
    # the SVG is drawn as vectors: its red dot (#d1495b) is a fill on page 1
    assert rgb("#d1495b") in fill_colours(page_content(pdf, 0))
    package = Docx(writer("docx")(document, WriterOptions()))
    png_bytes = Path(document.theme.logo_raster).read_bytes()
    assert png_bytes in package.images_in(package.first_page_header())


# ------------------------------------------------------------ colours and fonts


def test_the_colours_are_in_the_pdf_css_and_drawing(themed):
    style = re.search(r"<style>(.*?)</style>", themed["html"], re.S).group(1)
    assert f"--accent: {PRIMARY};" in style and f"--accent-2: {ACCENT};" in style
    colours = fill_colours(page_content(themed["pdf"], 0))
    assert rgb(PRIMARY) in colours  # the title
    assert rgb("#1c3d5a") not in colours  # paperkit's own blue is gone


def test_the_colours_are_in_the_docx_heading_styles(themed):
    package = Docx(themed["docx"])
    colour = lambda name: package.style(name).find("w:rPr/w:color", NS).get(f"{{{W}}}val")  # noqa: E731
    # style.css: headings (h2, h3, h4) and the title in --accent (the primary), the kicker in --accent-2
    assert colour("heading 1") == colour("heading 2") == colour("Title") == PRIMARY[1:].upper()
    assert colour("Kicker") == ACCENT[1:].upper()


def test_the_fonts_are_used_in_pdf_and_docx(themed):
    fonts = " ".join(page_fonts(themed["pdf"], 0)).replace("-", "")
    assert "DejaVuSerif" in fonts and "DejaVuSans" in fonts
    package = Docx(themed["docx"])
    heading = package.style("heading 1").find("w:rPr/w:rFonts", NS)
    assert heading.get(f"{{{W}}}ascii") == "DejaVu Sans"
    defaults = package.xml("word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults.get(f"{{{W}}}ascii") == "DejaVu Serif"


# ------------------------------------------------------------ letterhead, footer, signature


def test_the_letterhead_stands_on_page_one_and_the_footer_on_every_page(themed):
    pages = [squash(page) for page in themed["pages"]]
    assert pages[0].startswith("Test Organisation 12 Example Street 1000 Brussels example.org office@example.org")
    assert all("12 Example Street" not in page for page in pages[1:])
    assert all("Test Organisation · Registered charity 12345" in page for page in pages)


def test_the_docx_footers_carry_the_footer_line_beside_the_page_numbers(themed):
    package = Docx(themed["docx"])
    footers = [name for name in package.zip.namelist() if re.match(r"word/footer\d+\.xml", name)]
    assert footers
    for name in footers:
        text = package.text(name)
        assert text.startswith("Test Organisation · Registered charity 12345") and "Page" in text


def test_the_signature_stands_above_the_signers_line(themed):
    last = len(themed["pages"]) - 1
    assert (300, 90) in page_images(themed["pdf"], last)
    assert "Test Organisation Board" in squash(themed["pages"][last])
    package = Docx(themed["docx"])
    assert themed["signature"] in package.images_in("word/document.xml")
    paragraphs = list(package.xml("word/document.xml").iter(f"{{{W}}}p"))
    (line,) = [i for i, p in enumerate(paragraphs) if "".join(p.itertext()) == "Test Organisation Board"]
    assert paragraphs[line - 1].find(".//a:blip", NS) is not None


# ------------------------------------------------------------ positions/ use themes


def test_positions_use_an_organisational_and_a_neutral_theme():
    jca = load(POSITIONS / "jca-net-2024-09-cybercrime.yaml")
    coalition = load(POSITIONS / "civil-society-2024-01-cybercrime-concluding-session.yaml")
    organisational, neutral = build(jca).theme, build(coalition).theme
    assert organisational.logo and organisational.name == "JCA-NET" and organisational.footer
    assert neutral is not None and neutral.logo is None and not neutral.letterhead and neutral.primary


# ------------------------------------------------------------ theme files are checked


@pytest.mark.parametrize("theme, field, message", [
    ("colors: {primary: '#000'}\nname: X\n", "colors", "did you mean 'colours'"),
    ("colours: {primary: navy}\n", "colours.primary", "not a colour"),
    ("fonts: {body: 'Evil; } body { x'}\n", "fonts.body", "not a font family"),
    ("logo: missing.png\n", "logo", "no such image"),
    ("logo: ../../outside.png\n", "logo", "outside"),
    ("logo: fake.png\n", "logo", "is not a PNG, JPEG or SVG image"),
    ("logo: logo.svg\n", "logo", "needs logo_png"),
    ("logo: logo.gif\n", "logo", "expected a PNG, JPG, JPEG, SVG file"),
    ("signatures: {Someone: logo.svg}\n", "signatures.Someone", "expected a PNG, JPG, JPEG file"),
])
def test_a_broken_theme_is_an_error_naming_file_line_and_field(tmp_path, capsys, theme, field, message):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    (tmp_path / "outside.png").write_bytes(png(tmp_path / "o.png", (2, 2), (0, 0, 0)).read_bytes())
    (folder / "fake.png").write_text("not an image")
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>')
    (folder / "theme.yaml").write_text("# a theme\n" + theme, encoding="utf-8")
    (folder / "position.yaml").write_text(position_yaml("theme.yaml", 1), encoding="utf-8")
    assert main(["validate", str(folder / "position.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"{folder / 'theme.yaml'}:2:" in err and f" {field}: " in err and message in err, err
    assert "Traceback" not in err


def test_a_missing_theme_file_is_named_at_the_position_line(tmp_path, capsys):
    path = tmp_path / "position.yaml"
    path.write_text(position_yaml("nowhere/theme.yaml", 1), encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        resolve(load(path))
    (problem,) = error.value.problems
    assert (problem.line, problem.field) == (5, "theme") and "no such theme file" in problem.message


def test_pdf_and_docx_refuse_an_image_outside_the_allowed_folders(themed, tmp_path):
    outside = png(tmp_path / "elsewhere.png", (10, 10), (0, 0, 0))
    document = dataclasses.replace(themed["document"],
                                   theme=dataclasses.replace(themed["document"].theme, logo=str(outside),
                                                             logo_raster=str(outside)))
    options = WriterOptions(resource_roots=(themed["root"],))
    messages = []
    for fmt in ("pdf", "html", "docx"):
        with pytest.raises(PaperkitError) as refused:
            writer(fmt)(document, options)
        messages.append(str(refused.value))
    assert all(f"refused resource {outside}" in message for message in messages), messages
