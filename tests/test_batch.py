"""Mail merge: a CSV of 32 missions (one row broken) → one letter each, manifest, combined PDF.

The merge runs once for the module, through the command line with two processes; the
files, the manifest and the error report are read back from what it wrote.
"""

from __future__ import annotations

import dataclasses

import contextlib
import csv
import hashlib
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from paperkit.batch import slug, unique_slugs
from paperkit.cli.merge import Progress
from paperkit.cli import main

DATA = Path(__file__).resolve().parent / "data" / "letters"
POSITION = DATA / "missions.yaml"
CSV = DATA / "missions.csv"
FORMATS = ("pdf", "docx", "txt")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    out = tmp_path_factory.mktemp("merge")
    code, stdout, stderr = run("render", str(POSITION), "--format", ",".join(FORMATS), "--out", str(out),
                               "--jobs", "2", "--combined")
    return code, stdout, stderr, out / "missions-2024-10"


def rows() -> list[dict[str, str]]:
    with open(CSV, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def manifest(folder: Path) -> list[dict[str, str]]:
    with open(folder / "manifest.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_csv_has_thirty_recipients_and_odd_names():
    names = [r["Name"] or r["Organization"] for r in rows()]
    assert len(names) >= 30
    assert any(re.search("[\u0600-\u06ff]", n) for n in names) and any(re.search("[\u4e00-\u9fff]", n) for n in names)
    assert len(names) != len(set(names)) and any("/" in n for n in names) and "Đặng Thị Ngọc Thịnh" in names


def test_broken_row_is_reported_and_the_exit_code_is_one(merged):
    code, stdout, stderr, _ = merged
    assert code == 1
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2, stderr
    assert "missions.csv row 18 (Atlantis)" in errors[0] and "a recipient needs a name or an organisation" in errors[0]
    assert "1 letter not made" in errors[1] and "every other letter was written" in errors[1]
    assert "Traceback" not in stderr


def test_every_other_recipient_gets_a_letter_in_its_language(merged):
    _, stdout, _, folder = merged
    expected = set()
    good = [r for r in rows() if r["Name"] or r["Organization"]]
    assert len(good) == len(rows()) - 1
    for row in good:
        expected.add(row["Language"] or "en")
    files = sorted(p.name for p in folder.iterdir())
    letters = [f for f in files if f not in ("manifest.csv", "combined.pdf")]
    assert len(letters) == len(good) * len(FORMATS)
    assert {f.split(".")[1] for f in letters} == expected == {"en", "fr", "es", "ar", "zh"}
    assert not any("atlantis" in f for f in files)
    # not a terminal: one plain line per file written, then the manifest and the combined PDF
    printed = stdout.splitlines()
    assert len(printed) == len(letters) + 2 and printed[-2].endswith("manifest.csv")


def test_slugs_are_safe_unique_ascii_names(merged):
    folder = merged[3]
    names = [p.name for p in folder.iterdir() if p.suffix != ".csv" and p.name != "combined.pdf"]
    for name in names:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.(en|fr|es|ar|zh)\.(pdf|docx|txt)", name), name
    stems = {name.split(".")[0] for name in names}
    assert {"maria-garcia-spain", "maria-garcia-peru", "lee-chen-canada", "lee-chen-canada-2",
            "wangyi", "con-recipient", "dang-thi-ngoc-thinh", "thorunn-sveinbjornsdottir"} <= stems
    assert any(s.startswith("ministry-of-foreign-affairs-ministere-des-affaires") for s in stems)


def test_slug_rules():
    assert slug("Ministry A/B\\C: D?") == "ministry-a-b-c-d"
    assert slug("nul") == "nul-recipient" and slug("COM1") == "com1-recipient" and slug("Con") == "con-recipient"
    assert slug("../../x") == "x" and slug("…") == ""
    assert len(slug("word " * 40)) <= 60
    assert unique_slugs([("A", None), ("A", None), ("", None), ("—", "Chile")]) == ["a", "a-2", "recipient", "recipient-chile"]


def test_manifest_lists_every_file_with_pages_and_sha256(merged):
    folder = merged[3]
    entries = manifest(folder)
    assert list(entries[0]) == ["recipient", "language", "format", "path", "pages", "sha256", "email", "country",
                                "organisation", "salutation", "warnings"]
    files = {p.name for p in folder.iterdir()} - {"manifest.csv", "combined.pdf"}
    assert {e["path"] for e in entries} == files
    for entry in entries:
        data = (folder / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        if entry["format"] == "pdf":
            assert int(entry["pages"]) == len(PdfReader(io.BytesIO(data)).pages) >= 1
        else:
            assert entry["pages"] == ""
    by_path = {e["path"]: e for e in entries}
    assert by_path["nathalie-leger.fr.pdf"]["recipient"] == "S.E. Mme Nathalie Léger"
    assert by_path["nathalie-leger.fr.pdf"]["email"] == "n.leger@example.org"
    assert by_path["wangyi.zh.docx"]["language"] == "zh"
    # in the order of the CSV
    assert entries[0]["path"].startswith("nathalie-leger.fr.")


def test_each_letter_is_written_for_its_recipient(merged):
    folder = merged[3]
    french = (folder / "nathalie-leger.fr.txt").read_text(encoding="utf-8")
    assert "délégation de France" in french and "Genève, le 14 octobre 2024" in french
    # « Excellence » is not a French appel (Archimail): « Madame l'Ambassadeur » (Dico-lettres)
    assert "Madame l'Ambassadeur," in french
    assert "Cher Monsieur Chen," in (folder / "lee-chen-canada-2.fr.txt").read_text(encoding="utf-8")
    arabic = (folder / "mhmd-bd-llh.ar.txt").read_text(encoding="utf-8")
    assert "محمد عبد الله" in arabic and "وفد Egypt" in arabic
    chinese = (folder / "wangyi.zh.txt").read_text(encoding="utf-8")
    assert "王毅" in chinese and "日内瓦" in chinese
    english = (folder / "thorunn-sveinbjornsdottir.en.txt").read_text(encoding="utf-8")
    assert "H.E. Ms Þórunn Sveinbjörnsdóttir" in english and "delegation of Iceland" in english


def test_combined_pdf_holds_every_letter(merged):
    folder = merged[3]
    pages = sum(int(e["pages"]) for e in manifest(folder) if e["format"] == "pdf")
    assert len(PdfReader(folder / "combined.pdf").pages) == pages


def test_one_process_writes_the_same_bytes_as_the_pool(merged, tmp_path):
    folder = merged[3]
    subset = tmp_path / "three.csv"
    text = CSV.read_text(encoding="utf-8-sig")
    reader = list(csv.reader(io.StringIO(text)))
    with open(subset, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(reader[:4])
    code, _, _ = run("render", str(POSITION), "--recipients", str(subset), "--format", ",".join(FORMATS),
                     "--out", str(tmp_path), "--jobs", "1")
    assert code == 0
    again = {e["path"]: e["sha256"] for e in manifest(tmp_path / "missions-2024-10")}
    first = {e["path"]: e["sha256"] for e in manifest(folder)}
    assert len(again) == 3 * len(FORMATS) and all(first[path] == sha for path, sha in again.items())


def test_validate_names_the_broken_row():
    code, _, stderr = run("validate", str(POSITION))
    assert code == 2 and "missions.csv:18" in stderr and "Atlantis" in stderr


@pytest.mark.parametrize("content,expected", [
    ("name,country\nJosé,Chile\n".encode("latin-1"), "row 2 is not UTF-8 text"),
    ("name,country\n\"Unclosed,Chile\n".encode(), "an unclosed quote"),
    ("title,country\nMinister,Chile\n".encode(), "needs a name or an organisation column"),
    ("name,contry\nA,Chile\n".encode(), "did you mean 'country'"),
    ("name,country\n".encode("utf-16"), "UTF-16"),
])
def test_a_csv_that_cannot_be_read_stops_before_anything_is_written(tmp_path, content, expected):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    code, _, stderr = run("render", str(POSITION), "--recipients", str(bad), "--out", str(tmp_path / "out"))
    assert code == 2 and expected in stderr and "bad.csv" in stderr, stderr
    assert not (tmp_path / "out").exists()


def test_recipients_only_for_letters(tmp_path):
    statement = Path(__file__).resolve().parent.parent / "positions" / "jca-net-2024-09-cybercrime.yaml"
    code, _, stderr = run("render", str(statement), "--recipients", str(CSV), "--out", str(tmp_path))
    assert code == 2 and "only a letter" in stderr


def test_progress_line_on_a_terminal():
    stream = io.StringIO()
    progress = Progress(stream, tty=True)
    progress(3, 10, [])
    progress.close()
    assert "3/10 letters" in stream.getvalue() and "ETA" in stream.getvalue() and stream.getvalue().startswith("\r")


def test_docx_stencil_writes_the_same_bytes_as_the_writer_for_each_recipient():
    from paperkit.document import build
    from paperkit.jobs import writer_options
    from paperkit.load import load
    from paperkit.model.letter import Recipient
    from paperkit.writers import writer
    from paperkit.writers.docx.stencil import DocxStencil

    letter = load(Path(__file__).resolve().parent.parent / "positions"
                  / "jca-net-2024-09-letter-to-the-foreign-minister.yaml")
    options = writer_options(letter)
    recipients = [Recipient(honorific="H.E.", name="Ana Ruiz", title="Minister of Health", country="Chile"),
                  Recipient(name="Zoë <Ångström> & Co", address="1 Main St\nStockholm", country="Sweden"),
                  Recipient(organisation="王毅办公室")]
    documents = [build(letter, recipient=r) for r in recipients]
    stencil = DocxStencil(documents[0], options)
    for document in documents[:2]:  # names in Latin-1: the stencil's embedded fonts hold their letters
        assert stencil.write(document) == writer("docx")(document, options)
    # Chinese letters are in no font the stencil embedded: the ordinary writer makes that letter
    assert stencil.write(documents[2]) is None
    assert DocxStencil(documents[2], options).write(documents[2]) == writer("docx")(documents[2], options)
    # an address set smaller to show whole in the window is still the stencil's letter, at its own size
    long = build(letter, recipient=Recipient(
        honorific="H.E.", name="Ana Ruiz", title="Minister of Health",
        organisation="Ministry of Health and Sports of the Plurinational State of Bolivia, Office of International Relations",
        address="Rue de Lausanne 139, 6th floor\nCase postale 1234\n1202 Geneva\nSwitzerland", country="Bolivia"))
    size = next(b.font_size for b in long.blocks if b.type == "recipients")
    assert size < 10
    assert stencil.write(long) == writer("docx")(long, options)
    assert f'w:val="{int(size * 2)}"'.encode() in zip_part(stencil.write(long), "word/document.xml")
    bare = dataclasses.replace(options, embed_fonts=False)
    plain = DocxStencil(documents[0], bare)
    for document in documents:
        assert plain.write(document) == writer("docx")(document, bare)
    # a document that differs beyond its recipient is not the stencil's
    other = build(load(POSITION), "en", recipient=Recipient(name="A", country="Chile"))
    assert stencil.write(other) is None


def test_manifest_says_country_organisation_salutation_and_warnings(merged):
    by_path = {e["path"]: e for e in manifest(merged[3])}
    leger = by_path["nathalie-leger.fr.pdf"]
    assert leger["country"] == "France" and "France" in leger["organisation"]
    # Dico-lettres: « Madame l'Ambassadeur » (the role from the title, the gender from "Mme": both warned)
    assert leger["salutation"] == "Madame l'Ambassadeur,"
    assert "role 'ambassador' inferred" in leger["warnings"] and "honorific 'S.E. Mme'" in leger["warnings"]


def test_the_summary_counts_letters_warnings_and_refused_rows(merged):
    code, _, stderr, _ = merged
    line = next(x for x in stderr.splitlines() if x.startswith("missions-2024-10: "))
    letters = len({e["path"].rsplit(".", 1)[0] for e in manifest(merged[3])})
    assert f"{letters} letters" in line and "1 refused" in line and " with warnings" in line
    assert any(x.startswith("warning: ") and "inferred" in x for x in stderr.splitlines())


def test_a_merge_writes_pdf_and_docx_by_default_and_duplex_pads_to_even_pages(tmp_path):
    subset = tmp_path / "two.csv"
    lines = CSV.read_text(encoding="utf-8-sig").splitlines()
    subset.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    code, _, stderr = run("render", str(POSITION), "--recipients", str(subset), "--out", str(tmp_path / "o"),
                          "--jobs", "1", "--combined", "--duplex")
    assert code == 0, stderr
    folder = tmp_path / "o" / "missions-2024-10"
    entries = manifest(folder)
    assert {e["format"] for e in entries} == {"pdf", "docx"}
    pages = [int(e["pages"]) for e in entries if e["format"] == "pdf"]
    combined = len(PdfReader(str(folder / "combined.pdf")).pages)
    assert combined == sum(p + p % 2 for p in pages) and combined % 2 == 0
    code, _, stderr = run("render", str(POSITION), "--recipients", str(subset), "--out", str(tmp_path / "p"),
                          "--duplex")
    assert code == 2 and "--combined" in stderr


def zip_part(data: bytes, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)
