"""The envelope window: every line of every address shows inside the 90 × 45 mm window.

Measured in the PDF and in LibreOffice's PDF of the DOCX with ``pdftotext -bbox`` (each word's
box), never by finding the words: pdftotext reads clipped text as present.  The addresses are
the real missions of tests/data/letters/missions.csv and deliberately long ones.
"""

from __future__ import annotations

import subprocess
import unicodedata

import pytest
from conftest import ROOT, libreoffice_convert
from lxml import etree

from paperkit.batch import merge
from paperkit.document.letter import RecipientError, recipient_block
from paperkit.load.recipients import read_recipients
from paperkit.model.letter import Recipient

MM = 72 / 25.4
WINDOW = (20 * MM, 45 * MM, 110 * MM, 90 * MM)  # DIN 5008 / ISO 269 DL window: left, top, right, bottom

LONG = [
    Recipient(honorific="H.E. Ms", name="María Fernanda Espinosa Garcés",
              title="Ambassador Extraordinary and Plenipotentiary, Permanent Representative",
              organisation="Permanent Mission of the Bolivarian Republic of Venezuela to the United Nations Office "
                           "at Geneva",
              address="Chemin François-Lehmann 18A\n1218 Le Grand-Saconnex, Genève", country="Switzerland"),
    Recipient(honorific="H.E. Mr", name="Naseer Ahmad Faiq", title="Chargé d'affaires a.i., Permanent Mission",
              organisation="Permanent Mission of the Islamic Republic of Afghanistan to the United Nations",
              address="633 Third Avenue, 27th Floor\nNew York, NY 10017", country="Afghanistan"),
]
TOO_LONG = Recipient(name="A. Person", organisation="Office",
                     address="\n".join(f"Building {i}, Floor {i}, Room {i}" for i in range(12)), country="Nowhere")
TOO_WIDE = Recipient(name="Dr Pneumonoultramicroscopicsilicovolcanoconiosisresearchdepartmentofficeholder",
                     organisation="Office", country="Nowhere")


def words(pdf: bytes) -> list[tuple[str, float, float, float, float]]:
    """(text, xmin, ymin, xmax, ymax) of every word on page 1, in points."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    return [(unicodedata.normalize("NFKC", w.text or ""), *(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")))
            for w in root.iter("word")]


def assert_in_window(pdf: bytes, lines: tuple[str, ...], where: str) -> None:
    """Every word of every address line has a box inside the window (the one nearest it)."""
    boxes = words(pdf)
    left, top, right, bottom = WINDOW
    for line in lines:
        for token in line.split():
            token = unicodedata.normalize("NFKC", token)
            found = [b for b in boxes if b[0] in (token, token[::-1]) and b[2] < 120 * MM and b[2] > 30 * MM]
            assert found, (where, token, line)
            inside = [b for b in found if b[1] >= left - 1 and b[3] <= right + 1 and b[2] >= top - 1
                      and b[4] <= bottom + 1]
            assert inside, (where, token, [(round(b[1] / MM), round(b[2] / MM), round(b[3] / MM),
                                            round(b[4] / MM)) for b in found])


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """Every mission of missions.csv and the long addresses, as PDF and DOCX, in English."""
    folder = tmp_path_factory.mktemp("window")
    rows = [r.recipient for r in read_recipients(ROOT / "tests" / "data" / "letters" / "missions.csv").rows if r.recipient]
    recipients = rows + LONG
    letter = folder / "letter.yaml"
    csv_lines = ["name,honorific,post_nominal,title,organisation,address,country"]
    for r in recipients:
        cells = [r.name, r.honorific, r.post_nominal, r.title, r.organisation, r.address, r.country]
        cells = [c if isinstance(c, str) or c is None else next(iter(c.values())) for c in cells]
        csv_lines.append(",".join('"' + (c or "").replace('"', '""') + '"' for c in cells))
    (folder / "recipients.csv").write_text("\n".join(csv_lines) + "\n", encoding="utf-8")
    letter.write_text(
        "id: window\nkind: letter\ntitle: Window test\ndate: 2024-10-14\nlanguages: [en]\n"
        "issued_by: [{name: Example Rights Network, url: 'https://example.org/'}]\n"
        "letter:\n  sender: {address: \"Rue de l'Exemple 10\\n1202 Geneva, Switzerland\"}\n"
        "recipients: {file: recipients.csv}\nbody: [Text.]\n", encoding="utf-8")
    result = merge(letter, formats="pdf,docx", out=folder / "out", jobs=2)
    assert result.ok, result.failures
    return result, recipients


def test_every_real_and_long_address_shows_whole_in_the_pdf_window(merged):
    result, recipients = merged
    pdfs = [w for w in result.written if w.format == "pdf"]
    assert len(pdfs) == len(recipients) >= 30
    for written, recipient in zip(pdfs, recipients):
        block = recipient_block([recipient], lambda v: v if not isinstance(v, dict) else next(iter(v.values())))
        assert_in_window(written.path.read_bytes(), block.recipients[0].lines, written.path.name)


def test_a_long_address_is_set_smaller_but_not_below_8pt(merged):
    text = lambda v: v  # noqa: E731
    sizes = [recipient_block([r], text).font_size for r in LONG]
    assert all(8 <= s < 10 for s in sizes[:1]), sizes
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1",
                           str(next(w.path for w in merged[0].written if "espinosa" in w.path.name
                                    and w.format == "pdf")), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(html, etree.HTMLParser(encoding="utf-8"))
    heights = [float(w.get("ymax")) - float(w.get("ymin")) for w in root.iter("word") if w.text == "Switzerland"]
    assert heights and min(heights) < 10 * 1.2  # the country line's box is below the 10 pt height


def test_every_address_shows_whole_in_libreoffice_pdf_of_the_docx(merged, tmp_path):
    result, recipients = merged
    docx = [w for w in result.written if w.format == "docx"]
    chosen = sorted(range(len(docx)), key=lambda i: -sum(len(x or "") for x in (
        recipients[i].organisation if isinstance(recipients[i].organisation, str) else "",
        recipients[i].title if isinstance(recipients[i].title, str) else "", recipients[i].address)))[:8]
    pdfs = libreoffice_convert({docx[i].path.stem.replace(".", "-"): docx[i].path.read_bytes() for i in chosen},
                               tmp_path)
    for i in chosen:
        block = recipient_block([recipients[i]], lambda v: v if not isinstance(v, dict) else next(iter(v.values())))
        pdf = pdfs[docx[i].path.stem.replace(".", "-")].read_bytes()
        assert_in_window(pdf, block.recipients[0].lines, docx[i].path.name)


def test_an_address_that_cannot_fit_is_refused_naming_the_line():
    text = lambda v: v  # noqa: E731
    with pytest.raises(RecipientError, match=r"even at 8 pt: line \d+ \('Building .*falls below the window"):
        recipient_block([TOO_LONG], text)
    with pytest.raises(RecipientError, match="line 1 .*a word wider than the window"):
        recipient_block([TOO_WIDE], text)


def test_a_refused_address_is_a_failed_row_and_the_others_are_written(tmp_path):
    rows = "name,organisation,address,country\n" + '"A. Person",Office,"' + "\n".join(
        f"Building {i}, Floor {i}" for i in range(14)) + '",Nowhere\n"B. Person",Office,"1 Road",Somewhere\n'
    (tmp_path / "r.csv").write_text(rows, encoding="utf-8")
    (tmp_path / "l.yaml").write_text(
        "id: w\nkind: letter\ntitle: T\ndate: 2024-10-14\nissued_by: [{name: Org}]\n"
        "recipients: {file: r.csv}\nbody: [Text.]\n", encoding="utf-8")
    result = merge(tmp_path / "l.yaml", formats="pdf", out=tmp_path / "out", jobs=1)
    assert [f.recipient.split(" (")[0] for f in result.failures] == [f"{tmp_path / 'r.csv'} row 2"]
    assert "falls below the window" in result.failures[0].message
    assert [w.path.name for w in result.written] == ["b-person.en.pdf"]
