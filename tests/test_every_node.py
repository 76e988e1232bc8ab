"""Every node type through every writer: nothing a document holds is left out of any format.

``SAMPLES`` holds one block of each type of ``paperkit.document.nodes.Block`` (``typing.get_args``,
so a new node type fails here until it has a sample), each carrying its own word ("Zheading" …);
a paragraph holds every inline type.  The document goes through the five writers, and each
word must come out of each, read back as a reader would (pdftotext, the DOCX's paragraphs).

Golden files (``tests/golden/every-node.*``), in the spirit of pandoc's ``test/writer.*``, keep
each writer's output of this document under review: when a writer's output changes on purpose,
regenerate them with ``PAPERKIT_UPDATE_GOLDEN=1 pytest tests/test_every_node.py`` and read the diff.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import typing
import zipfile
from pathlib import Path

import pytest

from paperkit.document import build
from paperkit.document import nodes as n
from paperkit.load import load_text
from paperkit.writers import FORMATS, WriterOptions, writer

from conftest import pdf_pages

GOLDEN = Path(__file__).resolve().parent / "golden"
FIGURE = Path(__file__).resolve().parent / "fixtures" / "elements" / "chart.png"


def words(*names: str) -> n.Inlines:
    return (n.Text(" ".join(names)),)


NOTE = n.Note(1, "key", (n.Paragraph(words("Znote")),))
EVERY_INLINE = n.Paragraph((
    n.Text("Ztext "), n.Emph(words("Zemph")), n.Text(" "), n.Strong(words("Zstrong")), n.Text(" "),
    n.Link("https://example.org/zlink", words("Zlink")), n.NoteRef(1, True, NOTE)))
INLINE_WORDS = {n.Text: "Ztext", n.Emph: "Zemph", n.Strong: "Zstrong", n.Link: "Zlink", n.NoteRef: "Znote"}

SAMPLES: dict[type, tuple[n.Block, tuple[str, ...]]] = {
    n.Letterhead: (n.Letterhead("Zletterhead Org", ("Zaddress 1",), return_address="Zletterhead Org · Zaddress 1"),
                   ("Zletterhead", "Zaddress")),
    n.RecipientBlock: (n.RecipientBlock((n.RecipientAddress(("Zrecipient Name", "Zministry"), "Zrecipient Name"),),
                                        window=True), ("Zrecipient", "Zministry")),
    n.DateLine: (n.DateLine("Zplace, 9 September 2024", "Zref/1", "Our reference"), ("Zplace", "Zref")),
    n.SubjectLine: (n.SubjectLine(words("Zsubject")), ("Zsubject",)),
    n.Salutation: (n.Salutation("Dear Zsalutation,"), ("Zsalutation",)),
    n.Heading: (n.Heading(1, words("Zheading"), "zheading"), ("Zheading",)),
    n.Paragraph: (EVERY_INLINE, tuple(INLINE_WORDS.values())),
    n.ListBlock: (n.ListBlock((n.ListItem("1.", words("Zitem"), blocks=(n.Paragraph(words("Zitempara")),)),
                               n.ListItem("2.", words("Zparent"), children=(
                                   n.ListBlock((n.ListItem("•", words("Zchild")),), False, "•", level=1),))),
                              True, "1.", lead_in=words("Zleadin")),
                  ("Zleadin", "Zitem", "Zitempara", "Zparent", "Zchild")),
    n.Quote: (n.Quote((n.Paragraph(words("Zquote")),), words("Zsource")), ("Zquote", "Zsource")),
    n.Table: (n.Table((words("Zheader"),), ((words("Zcell"),),), ("right",), words("Ztablecaption")),
              ("Zheader", "Zcell", "Ztablecaption")),
    n.Figure: (n.Figure(str(FIGURE), "Zalt", "chart.png", 600, 300, words("Zfigurecaption")), ("Zfigurecaption",)),
    n.UpdateNote: (n.UpdateNote("Update", "Zdate", (n.Paragraph(words("Zupdate")),)), ("Zupdate", "Zdate")),
    n.Closing: (n.Closing("Zclosing,"), ("Zclosing",)),
    n.Signers: (n.Signers((n.Signer("Zsigner", "Zchair", "Zsignerorg"),)), ("Zsigner", "Zchair", "Zsignerorg")),
    n.CopyList: (n.CopyList("cc", ("Zcopy",)), ("Zcopy",)),
    n.Enclosures: (n.Enclosures("Enclosure", (words("Zenclosure"),)), ("Zenclosure",)),
    n.SignOff: (n.SignOff("Zsignoffdate", ("Zsignoff Board",)), ("Zsignoffdate", "Zsignoff")),
    n.Contact: (n.Contact("Contact", (n.ContactPerson("Zcontact", "Zrole", None, "z@example.org"),)),
                ("Zcontact", "Zrole")),
    n.Signatories: (n.Signatories(words("Zsignatories"), (n.SignatoryGroup(
        words("Zgroup"), words("Zgroupnote"), (n.Signatory("Zsignatory", "Zdetail"),)),), words("Zfulllist")),
                    ("Zsignatories", "Zgroup", "Zgroupnote", "Zsignatory", "Zdetail", "Zfulllist")),
}
"""One block of each node type, in a letter's order, and the words each must show."""

BASE = """\
id: every-node
kind: letter
title: Every node
date: 2024-09-09
issued_by: [{name: Org}]
recipients: [{name: Someone}]
body: [A.]
"""


def every_node_document() -> n.Document:
    base = build(load_text(BASE), "en")
    return dataclasses.replace(base, blocks=tuple(block for block, _ in SAMPLES.values()), notes=(NOTE,))


def test_every_block_and_inline_type_has_a_sample():
    assert set(SAMPLES) == set(typing.get_args(n.Block)), "give the new node type a sample in SAMPLES"
    assert set(INLINE_WORDS) == set(typing.get_args(n.Inline)), "give the new inline type a word in INLINE_WORDS"


def as_text(fmt: str, data: bytes) -> str:
    """What a reader sees of a writer's output."""
    if fmt == "pdf":
        return "\n".join(pdf_pages(data))
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = "".join(package.read(name).decode("utf-8") for name in package.namelist()
                          if re.fullmatch(r"word/(document|footnotes|header\d*|footer\d*)\.xml", name))
        return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    return data.decode("utf-8")


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    document = every_node_document()
    return {fmt: writer(fmt)(document, WriterOptions(resource_roots=(FIGURE.parent,))) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_node_comes_out_of_every_writer(outputs, fmt):
    text = as_text(fmt, outputs[fmt])
    missing = {cls.__name__: word for cls, (_, expected) in SAMPLES.items() for word in expected if word not in text}
    assert not missing, f"{fmt} leaves out: {missing}"


def golden_text(fmt: str, data: bytes) -> str:
    """The reviewed form of a writer's output: the text itself, the PDF's text per page, the
    DOCX's body XML with one paragraph a line."""
    if fmt == "pdf":
        return "\n\f\n".join(page.rstrip() for page in pdf_pages(data)) + "\n"
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            body = package.read("word/document.xml").decode("utf-8")
        body = body[body.index("<w:body>"):]
        return re.sub(r"(<w:(?:p|tbl|tr)[ >])", r"\n\1", body) + "\n"
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_node_matches_the_reviewed_golden_file(outputs, fmt):
    path = GOLDEN / f"every-node.{fmt}{'' if fmt in ('html', 'md', 'txt') else '.txt'}"
    produced = golden_text(fmt, outputs[fmt])
    if os.environ.get("PAPERKIT_UPDATE_GOLDEN"):
        path.write_text(produced, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == produced, f"{fmt} output changed: review, then update {path.name}"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_node_a_writer_has_no_rule_for_stops_the_render(fmt):
    @dataclasses.dataclass(frozen=True)
    class Unknown:
        type: typing.ClassVar[str] = "unknown"

    document = dataclasses.replace(every_node_document(), blocks=(Unknown(),))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no rule for Unknown"):
        writer(fmt)(document, WriterOptions())
