"""PDF variants (--pdf-variant) and the embedded source (--embed-source).

Every variant WeasyPrint accepts renders and declares itself in the PDF's XMP metadata;
the default stays PDF/UA-1; pdf/a-3b with --embed-source carries the position file as an
attachment with the relationship Source.  Wrong variants and embeddings a variant cannot
hold are refused before anything is written.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, document_of, options_for
from paperkit import load, render
from paperkit.load import load_text
from paperkit.cli import main
from paperkit.errors import PaperkitError
from paperkit.jobs import pdf_variants
from paperkit.writers import writer

POST = FIXTURES / "post.yaml"
JOINT = FIXTURES / "joint.yaml"


def xmp(pdf: bytes) -> str:
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    return root["/Metadata"].get_object().get_data().decode("utf-8")


@pytest.fixture(scope="module")
def post_document():
    return document_of(POST)


def test_the_variants_offered_are_weasyprints():
    from weasyprint.pdf import VARIANTS

    from paperkit.jobs import PDF_VARIANTS

    assert PDF_VARIANTS == set(VARIANTS)  # paperkit names them so as not to import WeasyPrint to check one
    assert set(pdf_variants()) == set(VARIANTS) - {"debug"}
    assert {"pdf/ua-1", "pdf/a-3b"} <= set(pdf_variants())


@pytest.mark.parametrize("variant", pdf_variants())
def test_every_variant_renders_and_declares_itself(variant, post_document):
    pdf = writer("pdf")(post_document, options_for(POST, pdf_variant=variant))
    assert pdf.startswith(b"%PDF-")
    family, _, level = variant.partition("/")[2].partition("-")
    if family == "a":
        part, conformance = level[0], level[1:].upper()
        assert f'pdfaid:part="{part}"' in xmp(pdf)
        assert f'pdfaid:conformance="{conformance}"' in xmp(pdf)
    elif family == "ua":
        assert re.search(rf'pdfuaid:part(="|>){level}', xmp(pdf))
    else:  # PDF/X is declared in the document information
        reader = PdfReader(io.BytesIO(pdf))
        assert "/GTS_PDFXVersion" in reader.metadata or "pdfxid" in xmp(pdf)


def test_the_default_is_pdf_ua_1(tmp_path):
    assert main(["render", str(POST), "--format", "pdf", "--out", str(tmp_path)]) == 0
    pdf = (tmp_path / "fixture-post.en.pdf").read_bytes()
    assert re.search(r'pdfuaid:part(="|>)1', xmp(pdf))
    assert "pdfaid" not in xmp(pdf)


def test_none_makes_a_plain_pdf(tmp_path):
    assert main(["render", str(POST), "--format", "pdf", "--out", str(tmp_path), "--pdf-variant", "none"]) == 0
    reader = PdfReader(io.BytesIO((tmp_path / "fixture-post.en.pdf").read_bytes()))
    assert "/Metadata" not in reader.trailer["/Root"]


def test_variant_names_are_not_case_sensitive(tmp_path):
    assert main(["render", str(POST), "--format", "pdf", "--out", str(tmp_path), "--pdf-variant", "PDF/A-3B"]) == 0
    assert 'pdfaid:part="3"' in xmp((tmp_path / "fixture-post.en.pdf").read_bytes())


def test_an_unknown_variant_is_refused_before_anything_is_read_or_written(tmp_path, capsys):
    missing = tmp_path / "no-such-position.yaml"
    code = main(["render", str(missing), "--out", str(tmp_path / "out"), "--pdf-variant", "pdf/a-9"])
    err = capsys.readouterr().err
    assert code == 2  # a usage error
    assert err.startswith("error: unknown PDF variant 'pdf/a-9'; choose from pdf/a-1a,") and "pdf/ua-1" in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def archival(tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("archival")
    assert main(["render", str(POST), "--out", str(out), "--pdf-variant", "pdf/a-3b", "--embed-source"]) == 0
    return (out / "fixture-post.en.pdf").read_bytes()


def test_pdf_a_3b_declares_its_conformance_in_xmp(archival):
    metadata = xmp(archival)
    assert 'pdfaid:part="3"' in metadata and 'pdfaid:conformance="B"' in metadata
    assert "<dc:title>" in metadata


def test_pdf_a_3b_carries_the_position_file_as_its_source(archival):
    reader = PdfReader(io.BytesIO(archival))
    assert list(reader.attachments) == ["post.yaml"]
    (attached,) = reader.attachments["post.yaml"]
    # the same position (re-written without its comments: paperkit/embedded_source.py)
    assert load_text(attached.decode("utf-8")).model_dump(warnings=False) == load(POST).model_dump(warnings=False)
    root = reader.trailer["/Root"]
    spec = root["/AF"][0].get_object()  # PDF/A-3: associated with the document
    assert spec["/AFRelationship"] == "/Source"
    assert spec["/F"] == "post.yaml"
    assert "position file" in spec["/Desc"]


def test_embed_source_with_the_default_variant_attaches_too(tmp_path):
    render(load(POST), formats=["pdf", "txt"], out=tmp_path, embed_source=True)
    reader = PdfReader(io.BytesIO((tmp_path / "fixture-post.en.pdf").read_bytes()))
    assert list(reader.attachments) == ["post.yaml"]


@pytest.mark.parametrize("variant", ["pdf/a-1b", "pdf/a-2b", "pdf/a-2u"])
def test_variants_that_cannot_carry_files_refuse_the_source(variant, tmp_path, capsys):
    code = main(["render", str(POST), "--out", str(tmp_path), "--pdf-variant", variant, "--embed-source"])
    assert code == 2  # options that cannot go together: a usage error
    assert f"{variant} cannot carry the position's source" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_embedded_source_never_publishes_withheld_signatories_or_comments(tmp_path, capsys):
    """Issue 20 (3): a withheld entry (with its sort_as, affiliation, role, url), a name written
    inline whose sign-on row is withheld, and YAML comments stay out of the attached file;
    what the document shows is still there."""
    (tmp_path / "signon.csv").write_text("name,withheld,group\nInline Twin,yes,Organisations\nPublic Person,,Organisations\n", encoding="utf-8")
    position = tmp_path / "withheld.yaml"
    position.write_text(JOINT.read_text(encoding="utf-8").replace(
        "        - Electronic Frontier Foundation\n",
        "        - Electronic Frontier Foundation  # NOTESECRET: their lawyer is nervous\n"
        "        - {name: Secret Person, withheld: true, sort_as: SORTSECRET, affiliation: AFFSECRET,\n"
        "           role: ROLESECRET, url: 'https://urlsecret.example/'}\n"
        "        - inline twin\n").replace("  full_list_url:", "  file: signon.csv\n  full_list_url:"),
        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(position), "-f", "pdf", "--out", str(out), "--embed-source"]) == 0
    (attached,) = PdfReader(io.BytesIO((out / "fixture-joint.en.pdf").read_bytes())).attachments["withheld.yaml"]
    text = attached.decode("utf-8")
    for secret in ("Secret Person", "SORTSECRET", "AFFSECRET", "ROLESECRET", "urlsecret", "NOTESECRET", "nline twin"):
        assert secret.lower() not in text.lower(), secret
    for shown in ("Access Now", "ARTICLE 19", "Electronic Frontier Foundation", "Jane Doe", "signon.csv"):
        assert shown in text, shown
    assert load_text(text).signatories.groups[0].heading == "Organisations"  # still a valid position


def test_a_position_built_in_code_has_no_source_to_embed(tmp_path):
    position = load(POST).model_copy()
    position._source = None
    with pytest.raises(PaperkitError, match="--embed-source needs a position read from a file"):
        render(position, formats=["pdf"], out=tmp_path, embed_source=True)
    assert not any(Path(tmp_path).iterdir())
