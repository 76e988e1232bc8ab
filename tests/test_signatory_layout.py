"""Signatory lists on paper and screen: groups under their headings, short names in columns
that never split a name, names linked to their web address, the detail after the name,
the group note and the "full list" line — read back from a 600-row sign-on export's PDF.
"""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import pypdf
import pytest
from conftest import squash
from lxml import etree, html as lxml_html

from paperkit.document import build
from paperkit.document.nodes import Signatories
from paperkit.load import load
from paperkit.writers import WriterOptions, writer

# The layout uses the 600-row sign-on export, which holds duplicates on purpose: dropping them
# warns, as it should (asserted in test_signatories.py and test_elements.py).
pytestmark = pytest.mark.filterwarnings("ignore::paperkit.errors.SignatoryWarning")

DATA = Path(__file__).resolve().parent / "data"
COMPLEX_SCRIPT = re.compile("[\u0590-\u08ff\u0900-\u0dff\ufb1d-\ufdff\ufe70-\ufeff]")


@pytest.fixture(scope="module")
def joint():
    document = build(load(DATA / "joint-600.yaml"))
    options = WriterOptions(resource_roots=(DATA,))
    block = next(b for b in document.blocks if isinstance(b, Signatories))
    return {"block": block, "pdf": writer("pdf")(document, options),
            "html": writer("html")(document, options).decode("utf-8")}


def entry_text(entry) -> str:
    return entry.name + (f", {entry.detail}" if entry.detail else "")


def bbox_lines(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page, its lines as (text, xMin, yMin)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", handle.name, "-"],
                             capture_output=True, check=True).stdout
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    ns = "{http://www.w3.org/1999/xhtml}"
    return [[(" ".join(w.text or "" for w in line.iter(f"{ns}word")), float(line.get("xMin")), float(line.get("yMin")))
             for line in page.iter(f"{ns}line")] for page in root.iter(f"{ns}page")]


def test_short_names_stand_in_two_columns_and_long_ones_in_one(joint):
    organisations, individuals = joint["block"].groups
    assert (organisations.columns, individuals.columns) == (2, 1)
    starts = defaultdict(set)  # x of the lines that start an organisation's entry, on page 1
    names = {entry.name for entry in organisations.entries}
    for text, x, _ in bbox_lines(joint["pdf"])[0]:
        if any(text.startswith(name) for name in names):
            starts[round(x)].add(text)
    columns = [x for x, lines in starts.items() if len(lines) > 5]
    assert len(columns) == 2 and max(columns) - min(columns) > 150  # two columns, half a page apart


def test_no_name_is_split_across_columns_or_pages(joint):
    """Each "name, detail" reads whole within one column of one page (long ones wrap in it)."""
    columns: list[str] = []
    for page in bbox_lines(joint["pdf"]):
        left, right = [], []
        for text, x, _ in page:
            (left if x < 250 else right).append(text)
        columns += [" ".join(left), " ".join(right)]
    columns = [squash(re.sub("[\u202a-\u202e\u2066-\u2069]", "", c)) for c in columns]  # no bidi controls
    for group in joint["block"].groups:
        for entry in group.entries:
            text = squash(entry_text(entry))
            if COMPLEX_SCRIPT.search(text):
                continue  # pdftotext gives Arabic and Indic text back in visual order, or reshaped
            assert any(text in column for column in columns), f"{text!r} is split"


def test_names_link_to_their_web_address(joint):
    linked = [e for g in joint["block"].groups for e in g.entries if e.url]
    assert len(linked) > 20
    uris = set()
    for page in pypdf.PdfReader(io.BytesIO(joint["pdf"])).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert {e.url for e in linked} <= uris
    root = lxml_html.fromstring(joint["html"])
    for entry in linked[:10]:
        (anchor,) = root.xpath("//ul[contains(@class,'signatory-list')]//a[@href=$url]", url=entry.url)
        assert anchor.text_content() == entry.name


def test_heading_note_detail_and_full_list_line(joint):
    root = lxml_html.fromstring(joint["html"])
    groups = root.find_class("signatory-group")
    assert [g.find("h3").text_content() for g in groups] == ["Organisations", "Individuals*"]
    assert groups[1].find_class("group-note")[0].text_content() == "*Affiliation for identification purposes only"
    assert "columns-2" in groups[0].find("ul").get("class") and "columns-1" in groups[1].find("ul").get("class")
    first = joint["block"].groups[1].entries[0]
    item = groups[1].find("ul").find("li")
    assert item.find_class("detail")[0].text_content() == f", {first.detail}"
    text = squash(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(joint["pdf"])).pages))
    assert "The full list of signatories is available at https://example.org/signatories." in text


def test_a_withheld_name_is_shown_as_the_label_in_its_own_style(joint):
    withheld = [e for g in joint["block"].groups for e in g.entries if e.withheld]
    assert withheld
    root = lxml_html.fromstring(joint["html"])
    items = root.xpath("//li[contains(@class,'withheld')]")
    assert len(items) == len(withheld)
    assert all(re.match(re.escape(withheld[0].name), li.text_content()) for li in items)
