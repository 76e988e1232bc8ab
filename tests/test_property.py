"""Property: any valid position renders in every format, with all of its text in each.

Hypothesis makes positions from words in several scripts, with the characters that
markup languages care about (& < > # { } ; : ! ? ' " / % =), in a title, a kicker, a
lead, paragraphs, a list of demands and a contact.  Each is loaded from YAML, rendered to
the five formats, and every text must come back out of each format's extracted text; the
DOCX must open with python-docx.  Bounded (``max_examples``), no deadline.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile

import docx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from paperkit.document import build
from paperkit.load import load_text
from paperkit.writers import WriterOptions, writer
from conftest import pdf_pages
from seeds import extract_text

FORMATS = ("pdf", "docx", "html", "md", "txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

LETTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
           "àáâäçèéêëìíîïñòóôöùúûüÿßæøåÀÉÎÕÜÇŒœ"  # Latin-1 and beyond
           "αβγδεζηθλμνξπρστφχψωΑΒΓΔΩ"  # Greek
           "абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЖЯ")  # Cyrillic
MARKS = "&<>#{};:!?'\"/%=+,.()-"
EMOJI = ("😀", "🌍", "👍🏽", "👩‍👩‍👧")

word = st.one_of(
    st.text(alphabet=LETTERS, min_size=1, max_size=12),
    st.text(alphabet=LETTERS + MARKS, min_size=1, max_size=8),
    st.sampled_from(EMOJI),
)
sentence = st.lists(word, min_size=1, max_size=12).map(" ".join).filter(lambda s: s.strip())


@st.composite
def positions(draw) -> dict:
    data = {
        "id": "generated",
        "kind": draw(st.sampled_from(["statement", "joint-statement", "submission", "letter", "post"])),
        "title": draw(sentence),
        "date": "2024-09-09",
        "issued_by": [{"name": draw(sentence)}],
        "body": draw(st.lists(sentence, min_size=1, max_size=4)),
    }
    if data["kind"] != "letter" and draw(st.booleans()):  # a letter's layout has no kicker line (it is dropped)
        data["kicker"] = draw(sentence)
    if draw(st.booleans()):
        data["lead"] = draw(sentence)
    if draw(st.booleans()):
        data["demands"] = {"lead_in": draw(sentence), "items": draw(st.lists(sentence, min_size=1, max_size=3))}
    if draw(st.booleans()):
        data["contacts"] = [{"name": draw(sentence)}]
    return data


def texts_of(data: dict) -> list[str]:
    """Every text a reader must find in the document."""
    found = [data["title"], data["issued_by"][0]["name"], *data["body"]]
    found += [data[k] for k in ("kicker", "lead") if k in data]
    if "demands" in data:
        found += [data["demands"]["lead_in"], *data["demands"]["items"]]
    found += [c["name"] for c in data.get("contacts", [])]
    return found


def comparable(text: str) -> str:
    """NFKC (ligatures), words broken at a line end joined again, no white space, every
    quotation mark and apostrophe one character (typed ' and " become the language's marks)."""
    text = unicodedata.normalize("NFKC", text.replace("\u00ad", ""))
    text = re.sub("[\"'“”„‟«»「」『』‘’‚‛]", "'", text)
    text = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])", "", text)
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    part = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in etree.fromstring(part).iter(f"{W}p"))


# No shrinking: each example renders five formats, and shrinking a failure would take minutes;
# the failing example is printed as generated.
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True,
          phases=[Phase.explicit, Phase.generate])
@given(positions())
def test_any_valid_position_renders_everywhere_with_all_its_text(data):
    position = load_text(json.dumps(data, ensure_ascii=False), "generated.yaml")  # JSON is YAML
    document = build(position)
    for fmt in FORMATS:
        output = writer(fmt)(document, WriterOptions())
        if fmt == "docx":
            docx.Document(io.BytesIO(output))  # opens
        if fmt == "pdf":  # one page, no notes: plain pdftotext (its -bbox-layout mangles an emoji in metadata)
            extracted = "\n".join(pdf_pages(output))
        else:
            extracted = docx_text(output) if fmt == "docx" else extract_text(fmt, output)
        text = comparable(extracted)
        missing = [t for t in texts_of(data) if comparable(t) not in text]
        assert missing == [], f"{fmt} lacks {missing}"
