"""The trust boundary (issue 20): what a template, a theme, a CSV or an image from someone else
can make paperkit publish, read, or spend — each checked from what paperkit writes.

The bad-input corpus (tests/bad_inputs) holds the cases that fit its one-command form;
the cases here need a file built at test time (a hostile DOCX, images with metadata) or
read back something the corpus does not (zip parts, PDF attachments, CSV cells).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import statement_yaml
from hostile_docx import KEPT, SECRETS, every_part, hostile_docx

from paperkit.cli import main

POSITION = statement_yaml("  - Body text of the statement.\n")


@pytest.fixture
def position(tmp_path) -> Path:
    path = tmp_path / "position.yaml"
    path.write_text(POSITION, encoding="utf-8")
    return path


def template_folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "theirs"
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return folder


# ------------------------------------------------------------------ 4. DOCX templates are rebuilt


def test_a_hostile_docx_template_reaches_no_letter(tmp_path, position, capsys):
    """Render with the hostile template: nothing planted is in any part of the DOCX made,
    the text the template shows is kept, and Word's reader (python-docx) opens it."""
    folder = template_folder(tmp_path, {"base/document.docx": hostile_docx()})
    assert main(["render", str(position), "-f", "docx", "--out", str(tmp_path / "out"), "--templates", str(folder)]) == 0
    made = (tmp_path / "out" / "t.en.docx").read_bytes()
    text = every_part(made)
    for secret in SECRETS:
        assert secret not in text, secret
    body = "\n".join(p.text for p in docx.Document(io.BytesIO(made)).paragraphs)
    for kept in KEPT:
        assert kept in body, kept
    assert "Body text of the statement." in body
    names = zipfile.ZipFile(io.BytesIO(made)).namelist()
    assert not [n for n in names if "comments" in n or "vba" in n.lower() or "embeddings" in n or "custom" in n]


def test_templates_check_reports_what_the_rebuild_removes(tmp_path, capsys):
    folder = template_folder(tmp_path, {"base/document.docx": hostile_docx()})
    assert main(["templates", "check", str(folder)]) == 0
    report = capsys.readouterr().out
    for removed in ("attachedTemplate", "field INCLUDEPICTURE removed", "field INCLUDETEXT removed",
                    "external hyperlink link to file://attacker.example", "word/comments.xml: removed (comments)",
                    "word/vbaProject.bin: removed (macros)", "docProps/custom.xml: removed (custom properties)",
                    "embeddings/oleObject1.bin: removed (an embedded object)", "tracked deletions removed",
                    "hidden text removed", "comment marks removed", "imported content (altChunk) removed",
                    "document variables removed", "OtherOrgLtd", "word/chunk.mht: removed"):
        assert removed in report, removed


def test_a_macro_enabled_template_is_refused_with_exit_2(tmp_path, position, capsys):
    macro_type = "application/vnd.ms-word.document.macroEnabled.main+xml"
    folder = template_folder(tmp_path, {"base/document.docx": hostile_docx(macro_type)})
    assert main(["render", str(position), "-f", "docx", "--out", str(tmp_path / "out"), "--templates", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "document.docx: refused DOCX template: it is macro-enabled (.docm)" in err and "internal error" not in err
    assert not (tmp_path / "out").exists()
    folder = template_folder(tmp_path, {"base/document.docm": b"PK"})
    assert main(["templates", "check", str(folder)]) == 2
    assert "document.docm: refused template file: a macro-enabled Word file" in capsys.readouterr().err


def zip_bomb() -> bytes:
    """A DOCX whose document.xml inflates from ~100 KB to 100 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                     'package/2006/content-types"/>')
        with out.open("word/document.xml", "w") as handle:
            chunk = b" " * 2**20
            for _ in range(100):
                handle.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_template_is_refused_before_it_is_inflated(tmp_path, position, capsys):
    import tracemalloc

    folder = template_folder(tmp_path, {"base/document.docx": zip_bomb()})
    tracemalloc.start()
    code = main(["render", str(position), "-f", "docx", "--out", str(tmp_path / "out"), "--templates", str(folder)])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert code == 2
    assert "inflates beyond the limits (a zip bomb?)" in capsys.readouterr().err
    assert peak < 50 * 2**20, peak  # never near the 100 MB it would inflate to


# ------------------------------------------------------------------ 7. the manifest's cells


def test_manifest_cells_that_a_spreadsheet_would_run_are_escaped():
    from paperkit.batch import manifest_csv, spreadsheet_text

    # OWASP "CSV Injection": cells starting with = + - @ tab CR get a leading single quote
    for formula in ('=HYPERLINK("http://x.example","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert spreadsheet_text(formula) == "'" + formula
    for plain in ("Ministry of Health", "2024-09-09", "a=b", "", "'quoted"):
        assert spreadsheet_text(plain) == plain

    class Written:
        recipient, language, format, pages, sha256 = "=cmd|' /C calc'!A0", "en", "pdf", 1, "ab"
        path = Path("x.pdf")
        email = "@evil"

    rows = list(csv.reader(io.StringIO(manifest_csv([Written()]).decode("utf-8"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0" and rows[1][-1] == "'@evil"
