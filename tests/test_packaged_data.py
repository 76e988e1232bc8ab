"""The rules paperkit ships (paperkit/data/**/*.yaml) read the same however they are parsed.

They are read by ruamel's libyaml parser (ruamel.yaml.clib, a dependency: much faster at the
start of every command); a user's position is read by the pure-Python one, for its line
numbers.  Both must give the very same values (YAML 1.2: ``no`` is a string, dates are dates),
so that a rule never changes with the parser installed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from paperkit.document.packaged import data_file

DATA = Path(__file__).resolve().parent.parent / "paperkit" / "data"
FILES = sorted(DATA.rglob("*.yaml"))


def test_the_fast_parser_is_used_for_them():
    pytest.importorskip("_ruamel_yaml", reason="ruamel.yaml.clib is a dependency on CPython")
    assert YAML(typ="safe").Parser.__name__ == "CParser"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(DATA)) for p in FILES])
def test_each_data_file_reads_the_same_with_both_parsers(path):
    text = path.read_text(encoding="utf-8")
    assert YAML(typ="safe").load(text) == YAML(typ="safe", pure=True).load(text)


def test_yaml_1_2_values_as_the_rules_write_them():
    text = "language: no\ncode: 010\ntime: 1:30\nchecked: 2026-11-30\n"
    fast = YAML(typ="safe").load(text)
    assert fast == YAML(typ="safe", pure=True).load(text)
    assert fast["language"] == "no" and fast["code"] == 10 and fast["time"] == "1:30"
    assert fast["checked"].isoformat() == "2026-11-30"


def test_data_file_gives_the_parsed_rules():
    assert data_file("limits.yaml") == YAML(typ="safe", pure=True).load((DATA / "limits.yaml").read_text(encoding="utf-8"))
