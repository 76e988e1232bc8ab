"""User templates: overridden file by file, copied as a starting point, sandboxed; and the
template reference, generated from the document tree's definitions.

Sandbox escapes go through the command line, as a user meets them: each must stop the
render with exit code 2 and one line naming the template and the line (the DOCX part and
paragraph), and never a traceback or a half-written file.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest
from conftest import ROOT, document_from_yaml, statement_yaml

from paperkit.cli import main
from paperkit.document import build
from paperkit.load import load
from paperkit.reference import reachable, template_reference, undocumented
from paperkit.writers import WriterOptions, writer
from paperkit.writers.html import PageContext
from paperkit.writers.templating import builtin_files, builtin_templates

DOCS = ROOT / "docs"
POSITION = statement_yaml("  - Body text of the statement.\n").replace("date:", "kicker: A kicker\ndate:")


@pytest.fixture
def position(tmp_path) -> Path:
    path = tmp_path / "position.yaml"
    path.write_text(POSITION, encoding="utf-8")
    return path


def user_folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "mine"
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def docx_template_with(tag: str) -> bytes:
    """The built-in DOCX template with its title tag replaced by ``tag``."""
    source = builtin_templates() / "base" / "document.docx"
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert b"{{ title }}" in data
                data = data.replace(b"{{ title }}", tag.replace("&", "&amp;").replace("<", "&lt;").encode())
            zout.writestr(item, data)
    return out.getvalue()


def page_html(data: bytes) -> str:
    """An HTML page without its inline style sheet."""
    return re.sub(r"<style>.*?</style>", "", data.decode("utf-8"), flags=re.S)


# ------------------------------------------------------------ overriding file by file


def test_overriding_only_style_css_keeps_the_html_and_changes_the_look(tmp_path):
    css = (builtin_templates() / "base" / "style.css").read_text(encoding="utf-8")
    folder = user_folder(tmp_path, {"base/style.css": css + "\nh1.title { color: #ff0000; }\n"})
    document = document_from_yaml(POSITION)
    builtin = writer("html")(document, WriterOptions())
    mine = writer("html")(document, WriterOptions(templates=(folder,)))
    assert page_html(mine) == page_html(builtin)  # the same page: built-in document, front, blocks
    assert "h1.title { color: #ff0000; }" in mine.decode() and "#ff0000" not in builtin.decode()
    pdf = writer("pdf")(document, WriterOptions(templates=(folder,)))
    content = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert re.search(rb"\b1 0 0 rg\b", content)  # the title is drawn in red
    plain = pypdf.PdfReader(io.BytesIO(writer("pdf")(document, WriterOptions()))).pages[0]
    assert not re.search(rb"\b1 0 0 rg\b", plain.get_contents().get_data())


def test_the_templates_key_of_a_position_reaches_html_and_docx(tmp_path, position):
    docx_template = docx_template_with("Mine: {{ title }}")
    folder = user_folder(tmp_path, {
        "base/front.html.j2": '<header class="front"><h1 class="mine">{{ nodes.inlines(front.title) }}</h1></header>',
        "statement/document.docx": docx_template,
    })
    position.write_text(POSITION + "templates: mine\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(position), "--format", "html,docx", "--out", str(out)]) == 0
    html = (out / "t.en.html").read_text(encoding="utf-8")
    assert '<h1 class="mine">A test statement</h1>' in html and "Body text of the statement." in html
    with zipfile.ZipFile(out / "t.en.docx") as docx:
        text = "".join(etree_text(docx.read("word/document.xml")))
    assert "Mine: A test statement" in text and "Body text of the statement." in text


def etree_text(xml: bytes) -> list[str]:
    from lxml import etree

    return list(etree.fromstring(xml).itertext())


def test_templates_on_the_command_line_come_before_the_positions(tmp_path, position):
    first = user_folder(tmp_path / "a", {"base/front.html.j2": '<h1 class="cli">{{ meta.title }}</h1>'})
    second = user_folder(tmp_path / "b", {"base/front.html.j2": '<h1 class="key">{{ meta.title }}</h1>'})
    position.write_text(POSITION + f"templates: {second}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(position), "-f", "html", "-o", str(out), "--templates", str(first)]) == 0
    assert 'class="cli"' in (out / "t.en.html").read_text(encoding="utf-8")


def test_a_templates_folder_that_does_not_exist_is_named(position, capsys):
    position.write_text(POSITION + "templates: nowhere\n", encoding="utf-8")
    assert main(["validate", str(position)]) == 2
    line = POSITION.count("\n") + 1
    assert f"{position}:{line}:1: templates: no such folder" in capsys.readouterr().err


# ------------------------------------------------------------ templates copy


def test_templates_copy_gives_a_folder_that_renders_the_same(tmp_path, position, capsys):
    folder = tmp_path / "mine"
    assert main(["templates", "copy", "base", str(folder)]) == 0
    copied = sorted(p.name for p in (folder / "base").iterdir())
    assert copied == sorted(builtin_files("base")) and "style.css" in copied and "document.docx" in copied
    assert capsys.readouterr().out.split() == [str(folder / "base" / name) for name in builtin_files("base")]
    document = build(load(position))
    assert writer("html")(document, WriterOptions(templates=(folder,))) == writer("html")(document, WriterOptions())


def test_templates_copy_of_a_kind_takes_its_own_files_first(tmp_path):
    assert main(["templates", "copy", "post", str(tmp_path)]) == 0
    front = (tmp_path / "post" / "front.html.j2").read_text(encoding="utf-8")
    assert front == (builtin_templates() / "post" / "front.html.j2").read_text(encoding="utf-8")
    assert (tmp_path / "post" / "blocks.html.j2").is_file()  # from base


def test_templates_copy_keeps_existing_files(tmp_path, capsys):
    assert main(["templates", "copy", "base", str(tmp_path)]) == 0
    (tmp_path / "base" / "style.css").write_text("/* mine */")
    assert main(["templates", "copy", "base", str(tmp_path)]) == 2  # a usage error: --force was not given
    assert "exists; use --force" in capsys.readouterr().err
    assert (tmp_path / "base" / "style.css").read_text() == "/* mine */"
    assert main(["templates", "copy", "memo", str(tmp_path)]) == 2
    assert main(["templates", "copy", "base", str(tmp_path), "--force"]) == 0


# ------------------------------------------------------------ the sandbox

HTML_ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__['os'].system('id') }}",
    "{{ range.__init__ }}",
    "{{ front | attr('__class__') }}",
    "{{ '{0.__class__.__base__}'.format(meta) }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ meta.__dict__ }}",
    "{{ os.system('id') }}",
    "{% include '/etc/passwd' %}",
    "{{ image_url('/etc/passwd') }}",
    "{{ 'x' * 100000000 }}",
]


@pytest.mark.parametrize("attempt", HTML_ESCAPES)
def test_an_escape_from_an_html_template_stops_with_exit_2(tmp_path, position, capsys, attempt):
    folder = user_folder(tmp_path, {"base/front.html.j2": f"<header>\n<p>fine</p>\n{attempt}\n</header>"})
    out = tmp_path / "out"
    code = main(["render", str(position), "--format", "html,pdf", "--out", str(out), "--templates", str(folder)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{folder / 'base' / 'front.html.j2'}:3:" in err, err  # the template and the line
    assert not out.exists() or not any(out.iterdir())  # nothing written


DOCX_ESCAPES = [
    "{{ title.__class__.__mro__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ self._TemplateReference__context }}",
    "{{ labels | attr('__class__') }}",
    "{{ os }}",
]


@pytest.mark.parametrize("attempt", DOCX_ESCAPES)
def test_an_escape_from_a_docx_template_stops_with_exit_2(tmp_path, position, capsys, attempt):
    folder = user_folder(tmp_path, {"base/document.docx": docx_template_with(attempt)})
    out = tmp_path / "out"
    code = main(["render", str(position), "--format", "docx", "--out", str(out), "--templates", str(folder)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(folder / "base" / "document.docx") in err and "word/document.xml, paragraph " in err, err
    assert attempt.strip("{} ") in err  # the paragraph's text, so the tag can be found in Word
    assert not out.exists() or not any(out.iterdir())


def test_a_real_process_shows_one_line_and_no_traceback(tmp_path, position):
    folder = user_folder(tmp_path, {"base/blocks.html.j2": "{{ lipsum.__globals__ }}"})
    result = subprocess.run([sys.executable, "-m", "paperkit.cli", "render", str(position), "-f", "html",
                             "-o", str(tmp_path / "out"), "--templates", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "blocks.html.j2:1: template refused: access to attribute '__globals__'" in result.stderr


def test_a_syntax_error_in_a_user_template_is_invalid_input(tmp_path, position, capsys):
    folder = user_folder(tmp_path, {"base/front.html.j2": "<header>\n{% if %}\n</header>"})
    assert main(["render", str(position), "-f", "html", "-o", str(tmp_path / "o"), "--templates", str(folder)]) == 2
    assert f"{folder / 'base' / 'front.html.j2'}:2: syntax error" in capsys.readouterr().err


def test_user_templates_are_autoescaped(tmp_path):
    folder = user_folder(tmp_path, {"base/front.html.j2": "<h1>{{ meta.title }}</h1><p>{{ doc.front.byline }}</p>"})
    document = document_from_yaml(statement_yaml("  - Text.\n").replace(
        "title: A test statement", 'title: "<script>alert(1)</script> & {{ 7*7 }}"'))
    html = writer("html")(document, WriterOptions(templates=(folder,))).decode("utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}</h1>" in html


def test_a_style_sheet_cannot_close_the_style_element(tmp_path):
    folder = user_folder(tmp_path, {"base/style.css": "p { color: red; } </style><script>alert(1)</script>"})
    html = writer("html")(document_from_yaml(POSITION), WriterOptions(templates=(folder,))).decode("utf-8")
    assert html.count("</style>") == 1 and html.index("<script>") < html.index("</style>")  # still CSS


# ------------------------------------------------------------ the template reference


def test_the_reference_documents_every_field_a_template_can_reach():
    assert undocumented() == []
    text = template_reference()
    for fld in dataclasses.fields(PageContext):
        assert f"| `{fld.name}` |" in text
    for cls in reachable():
        assert f"### {cls.__name__}\n" in text
        for fld in dataclasses.fields(cls):
            assert f"| `{fld.name}` |" in text
    for node in ("Document", "Theme", "Signatory", "SignatoryGroup", "NoteRef", "Labels"):
        assert f"### {node}\n" in text


def test_the_committed_reference_is_the_generated_one(capsys):
    assert main(["templates", "reference"]) == 0
    generated = capsys.readouterr().out
    committed = (DOCS / "template-reference.md").read_text(encoding="utf-8")
    assert committed == generated, "run: paperkit templates reference -o docs/template-reference.md"


def test_every_docx_tag_is_in_the_docx_template_page():
    from paperkit.writers.docx import context
    from paperkit.writers.docx.blocks import BodyWriter

    page = (DOCS / "docx-templates.md").read_text(encoding="utf-8")
    document = document_from_yaml(POSITION)

    class Body(BodyWriter):
        def __init__(self):
            pass

        def __getattribute__(self, name):
            return lambda *args, **kwargs: ""

    for key in context(document, Body()):
        assert re.search(rf"`[^`]*\b{key}\b[^`]*`", page), f"{key} is not in docs/docx-templates.md"
