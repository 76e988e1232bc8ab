"""Pages that break well: a letter's closing, signers, copies and enclosures never stand alone.

Letters whose body grows a paragraph at a time are rendered until the page break falls in
every place near the end; in each, the closing, the signer, "Copy to" and "Enclosures" are on
one page with at least two lines of the body before them.  Read back with pdftotext, from the
PDF and from LibreOffice's PDF of the DOCX.  The JCA-NET letter in positions/ keeps its last
paragraph with "Yours sincerely,".
"""

from __future__ import annotations

import subprocess

import pytest
from conftest import POSITIONS, libreoffice_convert, options_for

from paperkit.document import build
from paperkit.load import load, load_text
from paperkit.writers import writer

SENTENCE = "Filler words make this paragraph of the body long enough to wrap over several lines of the page. "
TAIL = ("Yours sincerely,", "Kim Lee", "Copy to:", "Enclosures:")


def letter(paragraphs: int, short: int = 0) -> str:
    """A letter of ``paragraphs`` three-line paragraphs and ``short`` one-line ones."""
    body = "".join(f"  - \"{SENTENCE * 2}\"\n" for _ in range(paragraphs))
    body += "".join("  - \"A short filler line.\"\n" for _ in range(short))
    return ("id: keep\nkind: letter\ntitle: Keeping the end together\ndate: 2024-10-14\n"
            "issued_by: [{name: Example Rights Network}]\n"
            "letter:\n  signers: [{name: Kim Lee, title: Director}]\n"
            "  cc: [Permanent Mission of Japan]\n  enclosures: [Joint statement, Annex]\n"
            "recipients: [{name: Jane Roe, organisation: Ministry, address: 1 Road, country: Japan}]\n"
            "body:\n" + body)


def pages_of(pdf: bytes) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()] for page in text.decode().split("\f")]
    return pages[:-1] if pages and not pages[-1] else pages


def assert_tail_kept(pdf: bytes, where: str) -> None:
    pages = pages_of(pdf)
    at = {piece: next(i for i, page in enumerate(pages) if any(piece in line for line in page)) for piece in TAIL}
    assert len(set(at.values())) == 1, (where, at)
    page = pages[at[TAIL[0]]]
    closing = next(i for i, line in enumerate(page) if TAIL[0] in line)
    body_lines = [line for line in page[:closing] if "filler" in line.lower() or "Filler" in line]
    assert len(body_lines) >= 2, (where, page[:closing + 1])


VARIANTS = [(n, short) for n in (4, 16, 17) for short in range(4)]
"""Page breaks at every place among the last lines of the first and of the second page."""


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[bytes, bytes]]:
    out = {}
    for n, short in VARIANTS:
        position = load_text(letter(n, short))
        document = build(position)
        out[f"p{n}-{short}"] = (writer("pdf")(document, options_for(POSITIONS / "x.yaml")),
                                               writer("docx")(document, options_for(POSITIONS / "x.yaml")))
    return out


def test_the_break_falls_near_the_end_in_some_variant(rendered):
    """The variants do put the page break among the last lines (else the test proves nothing)."""
    counts = {len(pages_of(pdf)) for pdf, _ in rendered.values()}
    assert len(counts) >= 2, counts


def test_pdf_closing_signers_cc_and_enclosures_keep_with_the_body(rendered):
    for name, (pdf, _) in rendered.items():
        assert_tail_kept(pdf, name)


def test_docx_closing_signers_cc_and_enclosures_keep_with_the_body(rendered, tmp_path):
    pdfs = libreoffice_convert({name: docx for name, (_, docx) in rendered.items()}, tmp_path)
    for name, path in pdfs.items():
        assert_tail_kept(path.read_bytes(), f"{name} (LibreOffice)")


def test_jca_net_letter_keeps_its_last_paragraph_with_the_closing():
    path = POSITIONS / "jca-net-2024-09-letter-to-the-foreign-minister.yaml"
    pdf = writer("pdf")(build(load(path)), options_for(path))
    pages = pages_of(pdf)
    page = next(p for p in pages if any("Yours sincerely," in line for line in p))
    closing = next(i for i, line in enumerate(page) if "Yours sincerely," in line)
    text = " ".join(page[:closing])
    assert "remain at your disposal" in text  # the body's last paragraph is on the closing's page
