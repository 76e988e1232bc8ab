"""The CLI and the Python API: names of outputs, exit codes, atomic writes, schema, starters."""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import paperkit
from paperkit.cli import main
from paperkit.errors import PaperkitError
from paperkit.schema import schema_json

ROOT = Path(__file__).resolve().parent.parent
JCA = ROOT / "positions" / "jca-net-2024-09-cybercrime.yaml"


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"paperkit {paperkit.__version__}"


@pytest.mark.parametrize("command", [[], ["render"], ["validate"], ["schema"], ["new"], ["check"]])
def test_help_on_every_command(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: paperkit" in capsys.readouterr().out


def test_render_names_outputs_id_lang_ext(tmp_path, capsys):
    assert main(["render", str(JCA), "--format", "md,txt", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["jca-net-2024-09-cybercrime.en.md", "jca-net-2024-09-cybercrime.en.txt"]
    assert capsys.readouterr().out.split() == [str(tmp_path / n) for n in names]


USAGE_ERRORS = [  # asked for something that does not exist: exit 2, as argparse's own usage errors
    (["render", str(JCA), "--format", "odt"], "unknown format odt"),
    (["render", str(JCA), "--lang", "fr"], "no fr version"),
    (["render", str(JCA), "--pdf-variant", "pdf/z-9"], "unknown PDF variant 'pdf/z-9'"),
    (["render", str(JCA), "--nonsense"], "unrecognized arguments: --nonsense"),
    (["new", "memo", "memo.yaml"], "unknown kind 'memo'"),
    (["templates", "copy", "memo", "tpl"], "unknown kind 'memo'"),
]


@pytest.mark.parametrize("argv, words", USAGE_ERRORS, ids=[" ".join(a[:1] + a[2:]) for a, _ in USAGE_ERRORS])
def test_usage_errors_exit_2_with_reason_and_write_nothing(tmp_path, capsys, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    try:
        code = main([*argv, *(["--out", "out"] if argv[0] == "render" else [])])
    except SystemExit as exc:  # argparse's own usage errors
        code = exc.code
    assert code == 2
    assert words in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_an_existing_file_without_force_exit_2(tmp_path, capsys):
    target = tmp_path / "x.yaml"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", "statement", str(target)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"


def test_invalid_position_renders_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(JCA.read_text(encoding="utf-8").replace("kind: statement", "kind: memo"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(JCA), str(bad), "--out", str(out)]) == 2
    assert not out.exists()  # every file is validated before anything is written


def test_failed_render_leaves_no_file(tmp_path, monkeypatch):
    import paperkit.jobs as jobs

    def broken_writer(fmt):
        def write(document, options):
            raise PaperkitError("the writer broke")
        return write

    monkeypatch.setattr(jobs, "writer", broken_writer)
    with pytest.raises(PaperkitError):
        paperkit.render(JCA, formats=["txt"], out=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_cleans_up_on_failure(tmp_path, monkeypatch):
    import os

    from paperkit.jobs import write_atomic

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(PaperkitError, match=r"cannot write .*x\.pdf: disk full"):  # a plain message, exit 1
        write_atomic(tmp_path / "x.pdf", b"%PDF")
    assert list(tmp_path.iterdir()) == []


def test_api_load_and_render_return_paths(tmp_path):
    position = paperkit.load(JCA)
    assert position.id == "jca-net-2024-09-cybercrime" and position.source == JCA.resolve()
    paths = paperkit.render(position, formats=["md"], out=tmp_path)
    assert paths == [tmp_path / "jca-net-2024-09-cybercrime.en.md"]
    assert "JCA-NET opposes the UN Cybercrime Convention" in paths[0].read_text(encoding="utf-8")


def test_example_script_builds_a_position_in_code(tmp_path):
    module = runpy.run_path(str(ROOT / "examples" / "build_in_code.py"))
    position = module["make_position"]()
    paths = paperkit.render(position, formats=["txt"], out=tmp_path)
    text = paths[0].read_text(encoding="utf-8")
    assert "Submission on the draft cybercrime law" in text
    # the note cites the article as the UN Editorial Manual does ("art. 19 (2)", citation_style: un)
    assert "1" in text and "Civil and Political Rights, art. 19 (2)." in text


def test_schema_command_prints_the_committed_schema(capsys):
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == schema_json()
    committed = (ROOT / "schema" / "position.schema.json").read_text(encoding="utf-8")
    assert printed == committed, "schema/position.schema.json is stale: run `paperkit schema > schema/position.schema.json`"
    data = json.loads(printed)
    assert data["additionalProperties"] is False and "title" in data["required"]


@pytest.mark.parametrize("kind", ["statement", "joint-statement", "submission", "letter", "post"])
def test_new_writes_a_valid_starter_with_schema_modeline(tmp_path, capsys, kind):
    target = tmp_path / f"{kind}.yaml"
    assert main(["new", kind, str(target)]) == 0
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=position.schema.json"
    assert (tmp_path / "position.schema.json").is_file()
    assert main(["validate", str(target)]) == 0
    assert paperkit.load(target).kind == kind


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_rendered_files_are_readable_like_any_other_file(tmp_path, umask, mode):
    """The umask in force when the file is written counts (not one read when paperkit was imported)."""
    import os
    import stat

    mask = os.umask(umask)
    try:
        paths = paperkit.render(JCA, formats=["txt"], out=tmp_path)
    finally:
        os.umask(mask)
    assert stat.S_IMODE(paths[0].stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == [paths[0].name]  # no temporary file left


def test_out_naming_a_file_is_a_usage_error_not_an_internal_one(tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    code = main(["render", str(JCA), "--allow", str(JCA.parent.parent / "themes"), "--format", "txt", "--out", str(a_file)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "is a file, not a folder; give --out a folder" in err and "internal error" not in err
    assert a_file.read_text(encoding="utf-8") == "mine"
