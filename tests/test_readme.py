"""The README's promises: its example position is valid, its two commands are what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

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
