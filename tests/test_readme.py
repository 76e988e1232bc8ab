"""The README's promises: its example position is valid, its two commands are what CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import paperkit

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_example_position_in_the_readme_is_valid():
    example = re.search(r"```yaml\n(.*?)```", README, re.S).group(1)
    position = paperkit.load_text(example, "README.md")
    assert position.id == "jca-net-2024-09-cybercrime"


def test_ci_runs_exactly_the_test_command_of_the_readme():
    commands = re.search(r"```sh\n(.*?)```", README, re.S).group(1).splitlines()
    assert [c.split("#")[0].strip() for c in commands[:2]] == ["make render", "make test"]
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line and not line.startswith(("#", "set ", "cd ", "export "))]
    assert ci == ["make test"]


def api_examples() -> list[str]:
    section = README[README.index("## The Python API"):README.index("## How it works")]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_api_section_has_an_example_of_each_public_function():
    code = "\n".join(api_examples())
    for name in ("load", "resolve", "build", "render", "render_bytes", "merge", "RenderSettings"):
        assert f"paperkit.{name}(" in code, name
        assert name in paperkit.__all__


def test_the_api_examples_in_the_readme_run(tmp_path, monkeypatch):
    for folder in ("positions", "themes", "tests"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    monkeypatch.chdir(tmp_path)
    for example in api_examples():
        exec(compile(example, "README.md", "exec"), {})
    assert (tmp_path / "out" / "jca-net-2024-09-cybercrime.ja.pdf").is_file()
    assert (tmp_path / "archive" / "jca-net-2024-09-cybercrime.en.pdf").is_file()
    assert (tmp_path / "out" / "jca-net-2024-09-letter-to-the-foreign-minister" / "manifest.csv").is_file()



def exit_code_examples() -> list[tuple[int, str]]:
    """(code, command) of each row of the README's table of exit codes."""
    section = README[README.index("## What the exit codes mean"):README.index("## Common mistakes")]
    return [(int(code), command) for code, command in re.findall(r"^\| (\d) \|[^|]*\| `([^`]+)` \|$", section, re.M)]


def test_the_readme_documents_every_exit_code_with_an_example():
    assert sorted(code for code, _ in exit_code_examples()) == [0, 1, 2]


@pytest.mark.parametrize("code, command", exit_code_examples())
def test_each_documented_exit_code_is_what_the_example_command_gives(tmp_path, monkeypatch, capsys, code, command):
    from paperkit.cli import main

    for folder in ("positions", "themes", "tests"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)
    assert argv[0] == "paperkit"
    assert main(argv[1:]) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    if code:
        assert "\nerror: " in "\n" + err, err  # the reason, on a line of its own
