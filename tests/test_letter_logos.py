"""A letter from several organisations: each one's name, and logo where it has one, in the letterhead.

Read back from the outputs: the images the PDF draws (their placement from the page's content
stream, through pypdf), the DOCX's inline pictures (python-docx: size and alt text), LibreOffice's
PDF of the DOCX, and the HTML's markup.  Logos come in three shapes (wide, tall, very wide) so
that "one common height, never distorted" can fail.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import POSITIONS, libreoffice_convert

from paperkit import render_bytes
from paperkit.document import build
from paperkit.errors import PaperkitError
from paperkit.load import load

MM = 72 / 25.4
EMU_PER_MM = 36000
LOGOS = {"Digital Rights Watch": "digital-rights-watch.png",  # 240 × 240
         "Privacy Collective": "privacy-collective.png",        # 200 × 280
         "Free Press Union": "free-press-union.png"}            # 520 × 140
PIXELS = {"digital-rights-watch.png": (240, 240), "privacy-collective.png": (200, 280),
          "free-press-union.png": (520, 140)}
LETTERHEAD_BOTTOM = 39 * MM  # the letterhead's rule: 12 mm margin + 27 mm (DIN 5008 form B leaves 45 mm to the window)
LEFT_MARGIN = 25 * MM


def letter(issuers: str) -> str:
    return ("id: joint\nkind: letter\ntitle: Keep the internet on\ndate: 2024-11-18\n"
            f"issued_by:\n{issuers}"
            "letter:\n  signers: [{name: Kim Lee}]\n"
            "recipients: [{name: Jane Roe, gender: f, organisation: Ministry, address: 1 Road, country: Freedonia}]\n"
            "body:\n  - We write to you together.\n")


ISSUERS = "".join(f"  - {{name: {name}, logo: logos/{file}}}\n" for name, file in LOGOS.items()) + \
    "  - {name: Freedonian Bar Association}\n"


@pytest.fixture(scope="module")
def joint(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("joint")
    shutil.copytree(POSITIONS / "logos", folder / "logos")
    path = folder / "letter.yaml"
    path.write_text(letter(ISSUERS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def outputs(joint) -> dict[str, bytes]:
    return {fmt: render_bytes(joint, fmt) for fmt in ("pdf", "docx", "html")}


def drawn_images(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """(x, top, width, height) in points, from the top of page 1, of every image it draws."""
    import pypdf
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    height = float(page.mediabox.height)
    found = []

    def walk(content, resources, ctm):
        stack = []
        for operands, operator in ContentStream(content, reader).operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                ctm = stack.pop()
            elif operator == b"cm":
                a, b, c, d, e, f = (float(x) for x in operands)
                A, B, C, D, E, F = ctm
                ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
            elif operator == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject["/Subtype"] == "/Image":
                    a, b, c, d, e, f = ctm
                    found.append((e, height - (f + d), a, d))
                elif xobject["/Subtype"] == "/Form":
                    matrix = [float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    a, b, c, d, e, f = matrix
                    A, B, C, D, E, F = ctm
                    inner = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
                    walk(xobject, xobject.get("/Resources", resources), inner)

    walk(page.get_contents(), page["/Resources"], (1, 0, 0, 1, 0, 0))
    return found


def assert_common_height(sizes: list[tuple[float, float]], tolerance: float) -> None:
    """One common height: every logo as high as the tallest, but one that would be wider than
    the widest allowed, which is drawn at that width instead (smaller, never distorted); and at
    least two logos stand at the common height (else the test proves nothing)."""
    tallest = max(h for _, h in sizes)
    widest = max(w for w, _ in sizes)
    at_height = [abs(h - tallest) <= tolerance for _, h in sizes]
    assert sum(at_height) >= 2, sizes
    for (width, height), tall in zip(sizes, at_height):
        assert tall or abs(width - widest) <= tolerance, sizes


def test_the_tree_names_each_issuer_and_takes_each_logo(joint):
    head = next(b for b in build(load(joint)).blocks if b.type == "letterhead")
    assert head.name == "Digital Rights Watch"
    assert head.co_senders == ("Privacy Collective", "Free Press Union", "Freedonian Bar Association")
    assert [logo.name for logo in head.logos] == list(LOGOS)


def test_pdf_draws_each_logo_in_the_letterhead_at_one_height_undistorted(outputs):
    images = drawn_images(outputs["pdf"])
    assert len(images) == 3, images
    for (x, top, width, height), file in zip(images, LOGOS.values()):
        px_w, px_h = PIXELS[file]
        assert width / height == pytest.approx(px_w / px_h, rel=0.02), file  # never distorted
        assert top >= 12 * MM - 0.5 and top + height <= LETTERHEAD_BOTTOM, file  # inside the letterhead
        assert x >= LEFT_MARGIN - 0.5
    assert_common_height([(w, h) for _, _, w, h in images], 0.3)
    xs = sorted(images)
    for left, right in zip(xs, xs[1:]):
        assert left[0] + left[2] <= right[0] + 0.1  # side by side, never overlapping
    assert [round(i[0]) for i in images] == sorted(round(i[0]) for i in images)  # in the order of issued_by
    text = subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=outputs["pdf"], capture_output=True).stdout.decode()
    for name in (*LOGOS, "Freedonian Bar Association"):
        assert name in " ".join(text.split()), name


def test_docx_has_each_logo_in_the_letterhead_with_its_name_as_alt_text(outputs):
    import docx

    document = docx.Document(io.BytesIO(outputs["docx"]))
    letterhead = document.tables[0]
    cell = letterhead.rows[0].cells[0]
    shapes = cell._tc.xpath(".//wp:inline")
    assert [s.xpath("./wp:docPr/@descr")[0] for s in shapes] == list(LOGOS)
    sizes = [(int(s.xpath("./wp:extent/@cx")[0]), int(s.xpath("./wp:extent/@cy")[0])) for s in shapes]
    for (cx, cy), file in zip(sizes, LOGOS.values()):
        px_w, px_h = PIXELS[file]
        assert cx / cy == pytest.approx(px_w / px_h, rel=0.01), file
    assert_common_height(sizes, 0.1 * EMU_PER_MM)
    assert "Freedonian Bar Association" in cell.text and "Privacy Collective" in cell.text


def test_the_pdf_and_libreoffices_pdf_of_the_docx_draw_the_same_logos(outputs, tmp_path):
    office = libreoffice_convert({"joint": outputs["docx"]}, tmp_path)["joint"].read_bytes()
    ours, theirs = drawn_images(outputs["pdf"]), drawn_images(office)
    assert len(theirs) == 3
    for (x1, t1, w1, h1), (x2, t2, w2, h2) in zip(ours, theirs):
        assert w1 == pytest.approx(w2, abs=0.5 * MM) and h1 == pytest.approx(h2, abs=0.5 * MM)
        assert x1 == pytest.approx(x2, abs=1 * MM)  # the same places in the row
        assert t2 + h2 <= LETTERHEAD_BOTTOM


def test_html_lists_the_logos_with_their_names(outputs):
    html = outputs["html"].decode("utf-8")
    head = html[html.index('<header class="letter-head'):html.index("</header>", html.index('<header class="letter-head'))]
    assert 'class="logo-grid sender-logos"' in head
    alts = [piece.split('"', 1)[0] for piece in head.split('alt="')[1:]]
    assert alts == list(LOGOS)


def test_a_letterhead_whose_issuers_do_not_fit_is_refused(tmp_path):
    shutil.copytree(POSITIONS / "logos", tmp_path / "logos")
    many = ISSUERS + "".join(f"  - {{name: Association for the Defence of Rights Number {i}}}\n" for i in range(3))
    path = tmp_path / "letter.yaml"
    path.write_text(letter(many), encoding="utf-8")
    with pytest.raises(PaperkitError, match="do not fit the letterhead"):
        render_bytes(path, "pdf")
