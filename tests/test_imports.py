"""A command imports only what it uses: no WeasyPrint (~0.45 s) unless a PDF is made, no
docxtpl/python-docx unless a DOCX is, font tools only to embed fonts, never Selenium at run
time.  Each command runs in a fresh interpreter, as a user's does; what it imported is read
from ``sys.modules`` after it returned."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JCA = ROOT / "positions" / "jca-net-2024-09-cybercrime.yaml"
LETTER = ROOT / "positions" / "jca-net-2024-09-letter-to-the-foreign-minister.yaml"
WATCHED = ("weasyprint", "docxtpl", "docx", "fontTools", "uharfbuzz", "selenium", "pypdf", "watchfiles", "jinja2")


def imported_by(args: list[str], tmp_path: Path) -> set[str]:
    """The watched top-level packages a fresh ``paperkit ARGS`` process imported."""
    return {module.split(".")[0] for module in modules_of(args, tmp_path)} & set(WATCHED)


def modules_of(args: list[str], tmp_path: Path) -> set[str]:
    """Every module a fresh ``paperkit ARGS`` process imported."""
    code = ("import json, sys\nfrom paperkit.cli import main\n"
            f"try:\n    status = main({args!r})\nexcept SystemExit as exit:\n    status = exit.code or 0\n"
            f"print(json.dumps([status, sorted(sys.modules)]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "PAPERKIT_ALLOWED_ROOTS": str(ROOT / "themes"),
                               "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert proc.returncode == 0, proc.stderr
    status, modules = json.loads(proc.stdout.strip().splitlines()[-1])
    assert status == 0, proc.stderr
    return set(modules)


@pytest.mark.parametrize("args,used,unused", [
    (["--help"], set(), set(WATCHED)),
    (["validate", str(JCA), str(LETTER)], set(), set(WATCHED)),
    (["render", str(JCA), "--format", "docx"], {"docxtpl", "fontTools", "uharfbuzz"},
     {"weasyprint", "selenium", "pypdf", "watchfiles"}),
    (["render", str(JCA), "--format", "pdf"], {"weasyprint"}, {"docxtpl", "docx", "selenium", "pypdf", "watchfiles"}),
    (["render", str(JCA), "--format", "html,md,txt"], {"jinja2"},
     {"weasyprint", "docxtpl", "docx", "fontTools", "uharfbuzz", "selenium", "pypdf", "watchfiles"}),
    (["render", str(LETTER), "--format", "docx"], {"docxtpl"}, {"weasyprint", "selenium", "watchfiles"}),
], ids=["help", "validate", "docx", "pdf", "html-md-txt", "letter-docx"])
def test_a_command_imports_only_what_it_uses(args, used, unused, tmp_path):
    if args[0] == "render":
        args = [*args, "--out", str(tmp_path / "out")]
    modules = imported_by(args, tmp_path)
    assert used <= modules  # the check sees imports at all
    assert not modules & unused, f"{' '.join(args[:3])} imported {sorted(modules & unused)}"


@pytest.mark.parametrize("args", [["validate", str(JCA)], ["render", str(JCA), "--format", "docx"]],
                         ids=["validate", "docx"])
def test_no_command_but_a_pdf_imports_urllib_request(args, tmp_path):
    # urllib.request brings http.client, email and ssl (~20 ms); WeasyPrint imports it for itself.
    if args[0] == "render":
        args = [*args, "--out", str(tmp_path / "out")]
    modules = modules_of(args, tmp_path)
    assert "paperkit.resources" in modules  # the module that names url2pathname was imported
    assert "urllib.request" not in modules
