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


# ------------------------------------------------------------------ 6, 8, 12, 13. images from others

THEME = "name: Test Organisation\nlogo: logo.jpg\nsignatures:\n  Test Organisation Board: signature.png\n"
THEMED = ("id: themed\nkind: statement\ntitle: A themed statement\ndate: 2024-09-09\ntheme: theme.yaml\n"
          "issued_by:\n  - name: Test Organisation\n    body: Board\nbody:\n  - One paragraph.\n")


def jpeg_with_exif() -> bytes:
    """A JPEG logo carrying a camera serial, a maker and a GPS position in its EXIF."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "MakerSECRET"
    exif.get_ifd(0x8769)[0xA431] = "SERIALSECRET"
    exif.get_ifd(0x8825).update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (240, 120), (122, 31, 92)).save(buffer, "JPEG", exif=exif.tobytes(), comment=b"COMSECRET")
    return buffer.getvalue()


def png_with_text() -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "AUTHORSECRET")
    info.add_text("Comment", "ZTXTSECRET", zip=True)
    info.add_itxt("Location", "ITXTSECRET")
    buffer = io.BytesIO()
    Image.new("RGB", (300, 90), (20, 20, 90)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


IMAGE_SECRETS = (b"MakerSECRET", b"SERIALSECRET", b"COMSECRET", b"AUTHORSECRET", b"ITXTSECRET", b"Exif", b"tEXt",
                 b"zTXt", b"iTXt")


def test_image_metadata_is_stripped_in_every_format(tmp_path, capsys):
    """EXIF (GPS, camera serial), JPEG comments and PNG text chunks reach no output, while the
    images themselves still do (same pixels, read back with Pillow)."""
    import base64
    import re

    from PIL import Image

    (tmp_path / "theme.yaml").write_text(THEME, encoding="utf-8")
    (tmp_path / "logo.jpg").write_bytes(jpeg_with_exif())
    (tmp_path / "signature.png").write_bytes(png_with_text())
    (tmp_path / "position.yaml").write_text(THEMED, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(tmp_path / "position.yaml"), "-f", "pdf,docx,html", "--out", str(out)]) == 0
    html = (out / "themed.en.html").read_text(encoding="utf-8")
    embedded = [base64.b64decode(data) for data in re.findall(r'src="data:image/[a-z+]+;base64,([^"]+)"', html)]
    package = zipfile.ZipFile(out / "themed.en.docx")
    media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
    assert len(embedded) == 2 and len(media) == 2
    for image in embedded + media:
        for secret in IMAGE_SECRETS:
            assert secret not in image, secret
        with Image.open(io.BytesIO(image)) as opened:
            assert opened.size in ((240, 120), (300, 90))
            assert not opened.getexif() and not getattr(opened, "text", {})
    pdf = (out / "themed.en.pdf").read_bytes()
    for secret in IMAGE_SECRETS[:5]:
        assert secret not in pdf, secret


def test_a_rotated_jpeg_is_turned_upright_before_its_exif_goes():
    from PIL import Image

    from paperkit.resources import without_metadata

    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    buffer = io.BytesIO()
    Image.new("RGB", (200, 100), (0, 0, 0)).save(buffer, "JPEG", exif=exif.tobytes())
    with Image.open(io.BytesIO(without_metadata(buffer.getvalue()))) as upright:
        assert upright.size == (100, 200) and not upright.getexif()


def nested_use_svg(levels: int = 9) -> bytes:
    """~1.5 KB of SVG whose nested <use> elements expand to 10^levels elements."""
    defs = '<path id="l0" d="M0 0h1v1z"/>' + "".join(
        f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, levels + 1))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><defs>{defs}</defs>'
            f'<use href="#l{levels}"/></svg>').encode()


def broken_images(folder: Path) -> dict[str, bytes]:
    from PIL import Image

    good = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(good, "PNG")
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")
    return {"truncated.png": good.getvalue()[: len(good.getvalue()) // 2],
            "bomb.png": bomb.getvalue(),
            "svg-as.png": b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
            "nested-use.svg": nested_use_svg(),
            "self-use.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><use href="#a"/></g></svg>'}


@pytest.mark.parametrize("file, field, message", [
    ("truncated.png", "signatures.Test Organisation Board", "refused image truncated.png: it cannot be decoded"),
    ("bomb.png", "signatures.Test Organisation Board", "refused image bomb.png: a decompression bomb"),
    ("svg-as.png", "signatures.Test Organisation Board", "svg-as.png is not a PNG or JPEG image (it looks like SVG)"),
    ("svg-as.png", "logo", "svg-as.png is named as PNG but holds SVG"),
    ("nested-use.svg", "logo", "more than 20000 elements once its <use> references are expanded"),
    ("self-use.svg", "logo", "whose <use> elements refer to themselves"),
])
def test_an_image_that_cannot_be_drawn_safely_is_refused_at_validate(tmp_path, capsys, file, field, message):
    """Undecodable, bomb and mislabelled images: exit 2 from `validate`, naming the theme's line."""
    for name, data in broken_images(tmp_path).items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "ok.png").write_bytes(png_with_text())
    theme = (f"name: T\nlogo: {file}\nlogo_png: ok.png\n" if field == "logo"
             else f"name: T\nsignatures:\n  Test Organisation Board: {file}\n")
    (tmp_path / "theme.yaml").write_text(theme, encoding="utf-8")
    (tmp_path / "position.yaml").write_text(THEMED, encoding="utf-8")
    assert main(["validate", str(tmp_path / "position.yaml")]) == 2
    err = capsys.readouterr().err
    assert f"theme.yaml:{2 if field == 'logo' else 3}:" in err and f" {field}: " in err and message in err, err


def test_a_nested_use_svg_in_a_template_stylesheet_fails_fast(tmp_path, position, capsys):
    import time

    folder = template_folder(tmp_path, {"base/bomb.svg": nested_use_svg(),
                                        "base/style.css": b'body { background: url("bomb.svg") }'})
    started = time.monotonic()
    code = main(["render", str(position), "-f", "pdf", "--out", str(tmp_path / "out"), "--templates", str(folder)])
    assert code in (1, 2) and time.monotonic() - started < 30
    assert "refused image" in capsys.readouterr().err and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 5. one confinement rule


def test_files_outside_the_positions_folder_need_an_explicit_allow(tmp_path, monkeypatch, capsys):
    """A shared themes folder beside the positions: refused until allowed on the command line
    (or in $PAPERKIT_ALLOWED_ROOTS); the position's own `templates: /` never widens the rule."""
    monkeypatch.delenv("PAPERKIT_ALLOWED_ROOTS", raising=False)
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "org.yaml").write_text("name: Org\nlogo: ../secret/logo.png\n", encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "logo.png").write_bytes(png_with_text())
    (tmp_path / "positions").mkdir()
    position = tmp_path / "positions" / "p.yaml"
    position.write_text(POSITION.replace("date:", "theme: ../themes/org.yaml\ndate:"), encoding="utf-8")
    assert main(["validate", str(position)]) == 2
    assert "theme: " in (err := capsys.readouterr().err) and "org.yaml is outside the position's folder" in err
    # allowing themes/ does not allow secret/, which the theme names
    assert main(["validate", str(position), "--allow", str(tmp_path / "themes")]) == 2
    assert "logo: refused image" in capsys.readouterr().err
    (tmp_path / "themes" / "org.yaml").write_text("name: Org\n", encoding="utf-8")
    assert main(["validate", str(position), "--allow", str(tmp_path / "themes")]) == 0
    monkeypatch.setenv("PAPERKIT_ALLOWED_ROOTS", str(tmp_path / "themes"))
    assert main(["validate", str(position)]) == 0
    # templates: / would have put the whole disk under the image rule
    position.write_text(POSITION.replace("date:", "templates: /\ndate:"), encoding="utf-8")
    assert main(["validate", str(position)]) == 2
    assert "templates: / is outside the position's folder" in capsys.readouterr().err


# ------------------------------------------------------------------ 9. bounds on what a template may build

TEMPLATE_BOMBS = [
    "{{ 'x' | center(10**9) }}", "{{ 'x'.ljust(999999999) }}", "{{ ('x\\n' * 50000) | indent(99999) }}",
    "{{ '%0999999999d' | format(1) }}", "{{ '{:999999999}'.format(1) }}", "{{ '%0999999999d' % 1 }}",
    "{{ ('x' * 100000) | replace('x', 'y' * 100000) }}", "{{ (['x' * 100000] * 100000) | join }}",
    "{{ ''.join(['x' * 100000] * 100000) }}", "{{ ('x ' * 50000) | wordwrap(1, wrapstring=('y' * 50000)) }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set s = 'x' * 100000 %}{% for i in s %}{% for j in s %}{% endfor %}{% endfor %}",
    "{{ (10 ** 1000) ** 1000 }}",
    "{% set ns = namespace(x=10**1000) %}{% for i in range(30) %}{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}",
    "{% set ns = namespace(x='xxxxxxxxxx') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
    "{% set ns = namespace(x='xxxxxxxxxx') %}{% for i in range(40) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
    "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
]


@pytest.mark.parametrize("bomb", TEMPLATE_BOMBS)
def test_a_template_that_would_exhaust_memory_or_time_stops_with_exit_2(tmp_path, position, capsys, bomb):
    """In an HTML template and in a DOCX template's tags alike: refused within seconds, naming
    the template, nothing written."""
    import time

    from test_templates import docx_template_with

    front = (Path(__file__).parent.parent / "templates" / "base" / "front.html.j2").read_text(encoding="utf-8")
    for fmt, files in (("html", {"base/front.html.j2": (bomb + front).encode()}),
                       ("docx", {"base/document.docx": docx_template_with(bomb)})):
        folder = template_folder(tmp_path / fmt, files)
        started = time.monotonic()
        code = main(["render", str(position), "-f", fmt, "--out", str(tmp_path / "out"), "--templates", str(folder)])
        err = capsys.readouterr().err
        assert code == 2 and time.monotonic() - started < 20, (fmt, err)
        assert "template refused" in err and (".html.j2" in err or "document.docx" in err), err
        assert not (tmp_path / "out").exists()


def test_ordinary_template_arithmetic_and_filters_still_work():
    from paperkit.writers.sandbox import StrictSandbox

    source = ("{% for i in range(3) %}{{ i }}{% endfor %} {{ 'a' ~ 'b' }} {{ 2 ** 10 }} {{ ['a', 'b'] | join(', ') }}"
              " {{ 'x' | center(5) }} {{ 'y'.ljust(3) }}| {{ '%05.1f' | format(3.14159) }} {{ 'a b' | replace(' ', '-') }}")
    assert StrictSandbox().from_string(source).render() == "012 ab 1024 a, b   x   y  | 003.1 a-b"


# ------------------------------------------------------------------ 10. linear citation parsing


def test_citation_markers_parse_in_linear_time():
    """40 KB of "[^" took 21 s (each "[^" scanned to the end); now the work grows with the length."""
    import time

    from paperkit.document.markup import parse_inline
    from paperkit.document.nodes import Text

    def seconds(text: str) -> float:
        started = time.perf_counter()
        parse_inline(text, lambda key: Text(key))
        return time.perf_counter() - started

    small, large = seconds("[^" * 2_500), seconds("[^" * 20_000)
    assert large < 10 * small + 1.0, (small, large)  # 8× the text: about 8× the time, not 64×


# ------------------------------------------------------------------ 11. invisible and look-alike characters

LOOKALIKES = ["Amnesty International", "Amnesty\u200b International", "Amnesty Inter\u200dnational",
              "Amnes\u00adty International", "Amnesty\u2060 International", "\ufeffAmnesty International",
              "Amne\u034fsty International", "Amnesty International\U000e0041\U000e007f",
              "\u202eAmnesty International\u202c", "Amnesty Internаtional"]  # the last: a Cyrillic "а"


def test_invisible_characters_never_split_a_duplicate_and_look_alikes_are_reported(tmp_path, capsys):
    """Ten entries that all look like "Amnesty International": the nine that differ only in
    invisible characters are one signatory; the one with a Cyrillic letter is reported."""
    csv_file = tmp_path / "signon.csv"
    csv_file.write_text("name\n" + "".join(f"{name}\n" for name in LOOKALIKES), encoding="utf-8")
    assert main(["signatories", "check", str(csv_file), "--list"]) == 0
    out = capsys.readouterr().out
    assert "signatories: 2 (2 organisations" in out, out
    assert out.count("differs only in invisible characters") == 8, out
    assert "look-alike: row 11 'Amnesty Internаtional' (organisation) mixes Cyrillic and Latin letters" in out, out
    assert not [c for c in out if c in "\u200b\u200d\u00ad\u2060\ufeff\u034f\u202e\u202c"]


def test_printed_names_hold_no_invisible_characters_and_a_look_alike_warns(tmp_path, capsys):
    position = tmp_path / "joint.yaml"
    entries = "".join(f"        - {name!r}\n".replace("'", '"') for name in LOOKALIKES[1:3] + LOOKALIKES[9:])
    position.write_text(
        "id: joint\nkind: joint-statement\ntitle: A joint statement\ndate: 2024-09-09\nissued_by:\n  - name: Org\n"
        "body:\n  - We sign.\nsignatories:\n  groups:\n    - heading: Organisations\n      entries:\n" + entries,
        encoding="utf-8")
    assert main(["render", str(position), "-f", "txt,html", "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "warning: groups[0].entries[2]: 'Amnesty Internаtional' mixes Cyrillic and Latin letters" in err, err
    for made in (tmp_path / "out").iterdir():
        text = made.read_text(encoding="utf-8")
        assert "Amnesty International" in text and "\u200b" not in text and "\u200d" not in text


def test_terminal_escapes_from_a_csv_are_shown_not_obeyed(tmp_path, capsys):
    csv_file = tmp_path / "signon.csv"
    csv_file.write_text("name\nEvil\x1b[2J\x1b]0;pwned\x07 Org\n\u202eEvil Org 2\n", encoding="utf-8")
    main(["signatories", "check", str(csv_file), "--list"])
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
