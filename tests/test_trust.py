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
        country, organisation, salutation, warnings = "-1", "+Org", "Dear Minister,", ("=w",)

    rows = list(csv.reader(io.StringIO(manifest_csv([Written()]).decode("utf-8"))))
    row = dict(zip(rows[0], rows[1]))
    assert row["recipient"] == "'=cmd|' /C calc'!A0" and row["email"] == "'@evil"
    assert (row["country"], row["organisation"], row["warnings"]) == ("'-1", "'+Org", "'=w")


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


@pytest.mark.parametrize("name", ["日本インターネットプロバイダー協会", "アジア市民デジタル権利会議", "한국인터넷진흥원 KISA",
                                  "中华人民共和国 ㄅㄆ", "Мария Иванова", "Ελληνική Ένωση", "Électronique Ω Org"])
def test_scripts_written_together_are_no_look_alike(name):
    """Japanese, Chinese and Korean mix scripts in one word by design (Unicode TR 39, Highly
    Restrictive); whole words in one other script are not mixed either."""
    from paperkit.document.signatories import mixed_scripts

    assert mixed_scripts(name) == ""


# ------------------------------------------------------------------ 10. a time limit per document


def test_a_render_that_hangs_stops_at_the_time_limit_and_writes_nothing(tmp_path, position, capsys, monkeypatch):
    """A writer that never returns (a stand-in for a layout that would take hours): --timeout
    stops that document within seconds, exit 1 with one line, and no file of it is left."""
    import time

    import paperkit.writers.text

    def hang(document, options):
        while True:
            pass

    monkeypatch.setattr(paperkit.writers.text, "write", hang)
    started = time.monotonic()
    code = main(["render", str(position), "-f", "html,txt", "--out", str(tmp_path / "out"), "--timeout", "0.5"])
    err = capsys.readouterr().err
    assert code == 1 and time.monotonic() - started < 10, err
    assert err == "error: t (en): stopped after 0.5 s, the time limit of one document (--timeout SECONDS; 0 for none); " \
                  "nothing of it was written\n"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_time_limit_gives_back_a_callers_own_timer(tmp_path, position):
    """A timer set around paperkit (a test runner's, a web app's) still fires, later."""
    import signal

    import paperkit

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 60)
        paperkit.render(position, formats=["txt"], out=tmp_path / "out", timeout=30)
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left < 60  # still armed, less the time the render took
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_a_mail_merge_fails_the_slow_letter_and_writes_the_others(tmp_path, capsys, monkeypatch):
    """In a merge the limit is per letter: the letter past it is refused and named, every other
    letter is written (in the parent and in the worker processes alike)."""
    import paperkit.writers.text

    real = paperkit.writers.text.write

    def slow_for_grace(document, options):
        if "Grace" in real(document, options).decode("utf-8"):
            while True:
                pass
        return real(document, options)

    monkeypatch.setattr(paperkit.writers.text, "write", slow_for_grace)
    (tmp_path / "people.csv").write_text("name,email\nAda Lovelace,ada@example.org\nGrace Hopper,grace@example.org\n"
                                         "Alan Turing,alan@example.org\n", encoding="utf-8")
    (tmp_path / "letter.yaml").write_text(
        "id: l\nkind: letter\ntitle: A letter\ndate: 2024-09-09\nissued_by:\n  - name: Test Org\n"
        "recipients:\n  file: people.csv\nbody:\n  - The text of the letter.\n", encoding="utf-8")
    code = main(["render", str(tmp_path / "letter.yaml"), "-f", "txt", "--out", str(tmp_path / "out"),
                 "--timeout", "5", "--jobs", "2"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Grace Hopper" in err and "stopped after 5 s, the time limit of one document" in err, err
    made = sorted(p.name for p in (tmp_path / "out" / "l").iterdir())
    assert made == ["ada-lovelace.en.txt", "alan-turing.en.txt", "manifest.csv"], (made, err)


# The time limit's signal may land inside a garbage-collector callback (hypothesis installs one),
# where Python ignores the exception and reports it; paperkit's timer fires again until the render
# stops (paperkit/time_limit.py), which is what this test shows.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_very_many_signatories_are_announced_before_the_long_pdf(tmp_path, capsys):
    """10,000 signatories (paperkit/data/limits.yaml): a warning with the count and what the
    PDF will take, printed before the render starts (here the time limit then stops it)."""
    rows = "".join(f"Organisation {i}\n" for i in range(10_000))
    (tmp_path / "signon.csv").write_text("name\n" + rows, encoding="utf-8")
    (tmp_path / "joint.yaml").write_text(
        "id: joint\nkind: joint-statement\ntitle: A joint statement\ndate: 2024-09-09\nissued_by:\n  - name: Org\n"
        "body:\n  - We sign.\nsignatories:\n  file: signon.csv\n", encoding="utf-8")
    code = main(["render", str(tmp_path / "joint.yaml"), "-f", "pdf", "--out", str(tmp_path / "out"), "--timeout", "0.01"])
    err = capsys.readouterr().err
    warning, error = err.splitlines()
    assert warning.startswith("warning: ") and "joint.yaml: 10,000 signatories: the PDF will take about 1 minutes or " \
        "more and 0.6 GB of memory" in warning and "--timeout stops it after 0.01 s" in warning, err
    assert code == 1 and error.startswith("error: joint (en): stopped after 0.01 s"), err
    # below the limit: no warning (the txt alone is never long)
    (tmp_path / "signon.csv").write_text("name\n" + rows[: rows.index("Organisation 9999")], encoding="utf-8")
    assert main(["render", str(tmp_path / "joint.yaml"), "-f", "txt", "--out", str(tmp_path / "out")]) == 0
    assert "warning" not in capsys.readouterr().err


# ------------------------------------------------------------------ 13. long titles, and the row that holds a bad character


LONG_TITLE = ("The Human Rights Council must ensure that the proposed convention on cybercrime protects journalists, "
              "human rights defenders and security researchers, limits cross-border data access to serious crimes "
              "with judicial authorisation, and keeps every surveillance power under independent oversight and "
              "public reporting at all times")


def test_a_title_longer_than_word_keeps_prints_whole_and_is_cut_in_the_properties(tmp_path, capsys):
    """Word keeps 255 characters in a document property (paperkit/data/limits.yaml): the DOCX's
    title property is cut after the last whole word, with an ellipsis; every page prints it whole."""
    from pypdf import PdfReader

    assert len(LONG_TITLE) > 255
    (tmp_path / "long.yaml").write_text(statement_yaml("  - Body.\n").replace("A test statement", LONG_TITLE),
                                        encoding="utf-8")
    assert main(["validate", str(tmp_path / "long.yaml")]) == 0
    assert main(["render", str(tmp_path / "long.yaml"), "-f", "pdf,docx", "--out", str(tmp_path / "out")]) == 0, \
        capsys.readouterr().err
    made = docx.Document(str(tmp_path / "out" / "t.en.docx"))
    title = made.core_properties.title
    assert len(title) <= 255 and title.endswith("…"), title
    kept = title[:-1]
    assert LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " " and len(kept) > 200, title
    assert LONG_TITLE in " ".join(p.text for p in made.paragraphs)
    pdf = PdfReader(str(tmp_path / "out" / "t.en.pdf"))
    assert pdf.metadata.title == LONG_TITLE
    assert " ".join(LONG_TITLE.split()) in " ".join(pdf.pages[0].extract_text().split())


def test_title_properties_of_scripts_without_spaces_are_cut_between_characters():
    from paperkit.writers.docx.package import property_text

    assert property_text("人権" * 200) == "人権" * 127 + "…"  # 254 characters and the ellipsis
    emoji = property_text("🌍" * 200)  # two UTF-16 units each, as Word counts
    assert emoji == "🌍" * 127 + "…"
    assert property_text("x" * 255) == "x" * 255


# ------------------------------------------------------------------ 14. a render that fails part way leaves none of its files


def test_a_full_disk_leaves_no_file_of_that_document_and_keeps_the_earlier_ones(tmp_path, position, capsys, monkeypatch):
    """The disk fills while the second position's last file is written: its other formats are
    gone too, the first position's five files are whole, no temporary folder is left."""
    import errno
    import os

    second = tmp_path / "second.yaml"
    second.write_text(POSITION.replace("id: t", "id: second"), encoding="utf-8")
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        if os.readlink(f"/proc/self/fd/{fd}").endswith("second.en.txt"):
            def full(data):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            handle.write = full
        return handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    out = tmp_path / "out"
    assert main(["render", str(position), str(second), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot write {out}/second.en.txt: No space left on device"), err
    assert sorted(p.name for p in out.iterdir()) == ["t.en.docx", "t.en.html", "t.en.md", "t.en.pdf", "t.en.txt"]
    assert "Body text of the statement." in (out / "t.en.txt").read_text(encoding="utf-8")


def test_the_file_size_limit_is_a_plain_refusal_naming_the_file(tmp_path, position):
    """Over the process's file-size limit (ulimit -f) the system refuses the write (EFBIG): exit 1
    naming the file, and none of the render's files is left (the PDF fitted, the DOCX did not)."""
    import resource
    import subprocess
    import sys

    limit = 20_000  # bytes: the PDF (~9 KB) fits, the DOCX (~45 KB) does not

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "paperkit.cli", "render", str(position), "-f", "pdf,docx", "--out", str(out)],
                          capture_output=True, text=True, preexec_fn=small_files)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(f"error: cannot write {out}/t.en.docx: File too large (over this process's "
                                  "file-size limit, ulimit -f"), proc.stderr
    assert list(out.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_named_with_exit_1(tmp_path, position, capsys, monkeypatch):
    """A read-only --out (tested by refusing the temporary folder, as tests run as root): exit 1,
    the documented code of a document that could not be made, with the folder named."""
    import errno
    import tempfile

    def read_only(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    assert main(["render", str(position), "--out", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (f"error: cannot write into {tmp_path / 'out'}: Permission denied "
                                       "(choose another --out folder)\n")


# ------------------------------------------------------------------ 15. refusals of the command line and of stylesheets


def test_the_debug_pdf_variant_is_refused_with_the_list_of_variants(tmp_path, position, capsys):
    assert main(["render", str(position), "-f", "pdf", "--out", str(tmp_path / "out"), "--pdf-variant", "debug"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown PDF variant 'debug'; choose from pdf/a-1a, ") and "pdf/ua-1" in err, err
    assert "debug," not in err and not (tmp_path / "out").exists()


def test_a_font_installed_on_the_machine_may_be_named_with_local(tmp_path, position, capsys):
    """``src: local("Liberation Serif")`` (fonts-liberation, installed by bin/setup) is embedded
    under the stylesheet's family name; ``src: url(file:///etc/passwd)`` stays refused at its line."""
    from pypdf import PdfReader

    css = b'@font-face { font-family: "House Sans"; src: local("Liberation Serif"); }\nbody { font-family: "House Sans"; }\n'
    folder = template_folder(tmp_path, {"base/style.css": css})
    assert main(["render", str(position), "-f", "pdf", "--out", str(tmp_path / "out"), "--templates", str(folder)]) == 0
    fonts = {str(font["/BaseFont"]) for page in PdfReader(str(tmp_path / "out" / "t.en.pdf")).pages
             for font in page["/Resources"]["/Font"].values()}
    assert any(name.endswith("+House-Sans") for name in fonts), fonts
    (folder / "base" / "style.css").write_bytes(b'body { color: black }\n@font-face { font-family: X; src: url("file:///etc/passwd"); }\n')
    assert main(["render", str(position), "-f", "pdf", "--out", str(tmp_path / "out2"), "--templates", str(folder)]) == 2
    assert f"error: {folder}/base/style.css:2: refused resource /etc/passwd" in capsys.readouterr().err
