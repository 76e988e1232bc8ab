"""The bad-input corpus (tests/bad_inputs/cases.yaml): each case through ``paperkit render``.

Every case runs the command line in a fresh working folder and checks what a user would
see: the exit code, one-line errors naming file, line and field, no traceback, nothing
written on failure and nothing outside ``--out`` ever; for the cases that render, the
text extracted from each of the five formats.  Below the corpus: the PDF fetcher itself.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
import warnings
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from markdown_it import MarkdownIt
from pypdf import PdfReader
from ruamel.yaml import YAML

from paperkit.cli import main
from paperkit.errors import PaperkitWarning, RenderError
from seeds import extract_text

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES: list[dict] = YAML(typ="safe").load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
FORMATS = ("pdf", "docx", "html", "md", "txt")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def case_id(case: dict) -> str:
    return case.get("name") or Path(case["file"]).stem


# ---------------------------------------------------------------- cases made at test time


def twenty_mb(folder: Path) -> None:
    """A valid head followed by 20 MiB of paragraphs."""
    head = "id: huge\nkind: statement\ntitle: A statement\ndate: 2024-09-09\nissued_by:\n  - name: Test Org\nbody:\n"
    line = "  - " + "A paragraph that goes on. " * 10 + "\n"
    count = (20 * 2**20 - len(head)) // len(line) + 1
    (folder / "twenty_mb.yaml").write_text(head + line * count, encoding="utf-8")


def symlink_template(folder: Path) -> None:
    """The template folder css_symlink with secret.png, a symbolic link to /etc/passwd."""
    target = folder / "templates" / "css_symlink"
    shutil.copytree(CORPUS / "templates" / "css_symlink", target)
    (target / "base" / "secret.png").symlink_to("/etc/passwd")


def symlink_include(folder: Path) -> None:
    """A template folder whose front.html.j2 (included by every page) is a link to /etc/passwd."""
    (folder / "templates" / "symlink_include" / "base").mkdir(parents=True)
    (folder / "templates" / "symlink_include" / "base" / "front.html.j2").symlink_to("/etc/passwd")


def symlink_folder(folder: Path) -> None:
    """A template folder whose statement/ sub-folder is a link to /etc."""
    (folder / "templates" / "symlink_folder").mkdir(parents=True)
    (folder / "templates" / "symlink_folder" / "statement").symlink_to("/etc")


def big_template_file(folder: Path) -> None:
    """A template folder with a 20.1 MiB file in it (over the 20 MiB a template file may have)."""
    (folder / "templates" / "big_file" / "base").mkdir(parents=True)
    (folder / "templates" / "big_file" / "base" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(21_076_000))


MAKERS = {"twenty_mb": twenty_mb, "symlink_template": symlink_template, "symlink_include": symlink_include,
          "symlink_folder": symlink_folder, "big_template_file": big_template_file}


# ---------------------------------------------------------------- running a case


def docx_text(data: bytes) -> str:
    """The text of the body and the footnotes of a DOCX, one line per paragraph."""
    package = zipfile.ZipFile(io.BytesIO(data))
    lines = []
    for part in ("word/document.xml", "word/footnotes.xml"):
        if part in package.namelist():
            for p in etree.fromstring(package.read(part)).iter(f"{W}p"):
                lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return "\n".join(lines)


def text_of(fmt: str, data: bytes) -> str:
    return docx_text(data) if fmt == "docx" else extract_text(fmt, data)


def comparable(text: str) -> str:
    """NFC, without white space (line breaks and justification are the layout's)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def run(case: dict, tmp_path: Path, monkeypatch, capsys) -> tuple[int, str, Path, Path]:
    """Run ``paperkit render`` on a case; return exit code, stderr, the out folder, the work folder."""
    work = tmp_path / "work"
    work.mkdir()
    made = tmp_path / "made"
    made.mkdir()
    if case.get("make"):
        MAKERS[case["make"]](made)
    source = made if (made / case["file"]).exists() else CORPUS
    files = [str(source / name) for name in case.get("files", [case["file"]])]
    out = work / "out"
    args = ["render", *files, "--out", str(out), *case.get("args", [])]
    if case.get("templates"):
        folder = made / "templates" / case["templates"]
        args += ["--templates", str(folder if folder.exists() else CORPUS / "templates" / case["templates"])]
    monkeypatch.chdir(work)
    with warnings.catch_warnings():
        if case.get("warning"):  # the case expects paperkit to warn (printed as "warning: …")
            warnings.simplefilter("always", PaperkitWarning)
        code = main(args)
    return code, capsys.readouterr().err, out, work


@pytest.fixture(scope="module")
def corpus_listing():
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*"))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_case(case, tmp_path, monkeypatch, capsys, corpus_listing):
    code, err, out, work = run(case, tmp_path, monkeypatch, capsys)
    assert "Traceback" not in err and "internal error" not in err, err
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) if out.exists() else []
    # Nothing is ever written outside --out: not in the working folder, not beside the input.
    assert [p.name for p in work.iterdir()] in ([], ["out"]), list(work.iterdir())
    assert sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")) == corpus_listing
    assert not any(name.endswith(".part") for name in written), written
    expect = case["expect"]
    if expect == "invalid":
        assert code == 2, err
        assert written == [], f"an invalid input wrote {written}"
        assert_error_line(case, err)
    elif expect == "refused":
        assert code == 1, err
        assert written == [], f"a refused resource left {written}"
        assert re.fullmatch(r"error: [^\n]+\n", err), err  # one line
        assert case["message"] in err, err
        if case.get("where"):  # the field or CSV row the failure comes from
            assert case["where"].format(corpus=CORPUS) in err, err
    elif expect == "partial":
        assert code == 1, err
        assert case["message"] in err, err
        assert written == sorted(case["outputs"])
    elif case.get("outputs"):
        assert code == 0, err
        assert written == sorted(case["outputs"])
    else:
        assert code == 0, err
        position_id = {n.split(".")[0] for n in written}
        assert len(position_id) == 1 and sorted(n.rsplit(".", 1)[1] for n in written) == sorted(FORMATS), written
        check_outputs(case, out, err)


def assert_error_line(case: dict, err: str) -> None:
    """Some ``error:`` line names the file (and line, and field) and says the message.

    Other lines may only be the excerpt under a syntax error: the line, indented, and a caret."""
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    others = [line for line in err.splitlines() if not line.startswith("error: ")]
    assert lines and all(line.startswith("  ") for line in others), err
    name = case.get("error_file", case["file"])
    where = f"{name}:{case['line']}:" if case.get("line") else f"{name}:"
    field = f": {case['field']}: " if case.get("field") else ""
    matching = [line for line in lines if where in line and field in line and case["message"] in line]
    assert matching, f"no error line with {where!r}, field {field!r} and {case['message']!r}:\n{err}"


def check_outputs(case: dict, out: Path, err: str) -> None:
    outputs = {p.suffix[1:]: p.read_bytes() for p in out.iterdir()}
    if case.get("warning"):
        assert re.search(r"^warning: .*" + re.escape(case["warning"]), err, re.MULTILINE), err
    else:
        assert err == "", err
    docx.Document(io.BytesIO(outputs["docx"]))  # opens
    for fmt in case.get("formats", FORMATS):
        text = comparable(text_of(fmt, outputs[fmt]))
        for wanted in case.get("shows", []):
            assert comparable(wanted) in text, f"{fmt} lacks {wanted!r}"
    for fmt in FORMATS:
        text = text_of(fmt, outputs[fmt])
        for unwanted in case.get("absent", []):
            assert unwanted not in text, f"{fmt} shows {unwanted!r}"
        if case.get("absent_chars"):
            text = text.replace("\f", "") if fmt == "pdf" else text  # pdftotext's page breaks
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", text), f"{fmt} holds a control character"
    if case.get("absent_chars"):
        for fmt in ("docx",):
            package = zipfile.ZipFile(io.BytesIO(outputs[fmt]))
            for name in package.namelist():
                if name.endswith((".xml", ".rels")):  # (not the embedded fonts, word/fonts/*.odttf)
                    etree.fromstring(package.read(name))  # every XML part is well-formed
    if case.get("no_embedded"):
        assert_nothing_embedded(outputs)


def assert_nothing_embedded(outputs: dict[str, bytes]) -> None:
    """No image, attachment or local file in any output; links only to the web."""
    reader = PdfReader(io.BytesIO(outputs["pdf"]))
    assert reader.attachments == {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert not [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        for annot in page.get("/Annots") or []:
            uri = annot.get_object().get("/A", {}).get("/URI")
            assert uri is None or str(uri).startswith(("http://", "https://", "mailto:")), uri
    assert not [n for n in zipfile.ZipFile(io.BytesIO(outputs["docx"])).namelist() if n.startswith("word/media/")]
    assert "<img" not in outputs["html"].decode("utf-8")
    # What a Markdown site would make of the .md: no image, whatever the text said.
    assert "<img" not in MarkdownIt("commonmark").render(outputs["md"].decode("utf-8"))
    for fmt in FORMATS:
        assert b"root:x:0:0" not in outputs[fmt]


def test_the_corpus_has_at_least_forty_cases_of_every_kind():
    kinds = [case["expect"] for case in CASES]
    assert len(CASES) >= 40
    assert {"invalid", "refused", "render", "partial"} <= set(kinds)
    for case in CASES:
        assert case.get("make") or (CORPUS / case["file"]).exists(), case


def test_validate_reports_every_invalid_file_in_one_run(tmp_path, monkeypatch, capsys):
    """``paperkit validate`` over all the invalid position files at once: exit 2, each named."""
    cases = [case for case in CASES if case["expect"] == "invalid" and not case.get("make") and not case.get("files")
             and not case.get("templates") and not case.get("render_only")]
    monkeypatch.chdir(CORPUS)
    assert main(["validate", *sorted({case["file"] for case in cases})]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for case in cases:
        assert case.get("error_file", case["file"]) in err, case["file"]


# ---------------------------------------------------------------- the PDF writer's fetcher


@pytest.fixture
def roots(tmp_path):
    position = tmp_path / "position"
    position.mkdir()
    (position / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (position / "link.png").symlink_to("/etc/passwd")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return (position,)


def test_the_fetcher_serves_files_under_the_roots(roots):
    from paperkit.writers.pdf import allowed_file

    assert allowed_file((roots[0] / "logo.png").as_uri(), roots) == (roots[0] / "logo.png").resolve()
    assert allowed_file((roots[0] / "logo.png").as_uri() + "?v=2#x", roots) == (roots[0] / "logo.png").resolve()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://attacker.example/share/x.png",
    "http://169.254.169.254/latest/meta-data/",
    "https://example.org/logo.png",
    "ftp://example.org/logo.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "{root}/../outside.png",
    "{root}/%2e%2e/outside.png",
    "{root}/link.png",
    "{root}/missing.png",
])
def test_the_fetcher_refuses_everything_else_naming_it(url, roots):
    from paperkit.writers.pdf import allowed_file

    url = url.replace("{root}", roots[0].as_uri())
    with pytest.raises(RenderError) as refused:
        allowed_file(url, roots)
    message = str(refused.value)
    assert message.startswith(("refused resource", "missing resource")), message
    assert "passwd" in message or "outside" in message or url.split("?")[0][:30] in message or "missing" in message


@pytest.mark.parametrize("html", [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="file:///etc/passwd">',
    '<img src="http://169.254.169.254/">',
    '<style>@import url("file:///etc/passwd");</style>',
    '<p style="background: url(../../../../../../etc/passwd)">x</p>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image width="9" height="9" href="file:///etc/passwd"/></svg>',
])
def test_weasyprint_with_the_fetcher_fetches_nothing_outside(html, roots):
    """Whatever a template says, WeasyPrint reads only through the fetcher, which refuses."""
    import weasyprint

    from paperkit.writers.pdf import LocalFileFetcher, _refusal, directory_url
    from weasyprint.urls import FatalURLFetchingError

    document = weasyprint.HTML(string=f"<html><body>{html}<p>text</p></body></html>",
                               base_url=directory_url(roots[0]), url_fetcher=LocalFileFetcher(roots))
    fetcher = document.url_fetcher
    try:
        document.write_pdf()
    except FatalURLFetchingError as stopped:
        assert "refused resource" in str(_refusal(stopped))
    else:  # WeasyPrint only logs a refusal inside an SVG image; the fetcher keeps it, and write() raises it
        assert fetcher.refused and "refused resource" in str(fetcher.refused[0])
