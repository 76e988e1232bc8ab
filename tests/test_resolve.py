"""resolve(): a Position made in code is checked as one read from a file, and build needs nothing else."""

from __future__ import annotations

import dataclasses

import pytest

import paperkit
from paperkit.document import build
from paperkit.errors import InvalidInput
from paperkit.load import load_text
from paperkit.model import Organisation, Position
from paperkit.resolve import Resolved, resolve


def in_code(**fields) -> Position:
    return Position(id="t", kind="statement", title="A title", date="2024-09-09",
                    issued_by=[Organisation(name="Test Org")], **fields)


def test_a_position_made_in_code_citing_an_unknown_note_is_invalid_input_not_a_key_error():
    position = in_code(body=["Cited.[^nope]"], notes={"note": {"text": "A note."}})
    with pytest.raises(InvalidInput) as caught:
        build(position, "en")
    [problem] = caught.value.problems
    assert problem.field == "body[0]"
    assert "unknown citation key 'nope'" in problem.message and "did you mean 'note'" in problem.message


def test_a_position_made_in_code_with_an_unknown_placeholder_is_invalid_input():
    with pytest.raises(InvalidInput, match=r"\{signatories.total\} cannot be used"):
        resolve(in_code(body=["{signatories.total} signed."]))


def test_a_missing_side_file_names_the_line_of_the_position_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("id: t\nkind: joint-statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\n"
                    "body: [A.]\nsignatories:\n  file: gone.csv\n", encoding="utf-8")
    position = paperkit.load(path)  # the file itself is valid: the CSV is read by resolve
    with pytest.raises(InvalidInput) as caught:
        resolve(position)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 8, "signatories.file")
    assert "no such file" in problem.message


def test_resolved_is_frozen_and_build_reads_nothing_else(tmp_path):
    (tmp_path / "s.csv").write_text("name\nAlpha\nBeta\n", encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text("id: t\nkind: joint-statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\n"
                    "body: ['{signatories.total} signed.']\nsignatories:\n  file: s.csv\n", encoding="utf-8")
    resolved = resolve(paperkit.load(path))
    with pytest.raises(dataclasses.FrozenInstanceError):
        resolved.theme = None  # type: ignore[misc]
    (tmp_path / "s.csv").unlink()  # read once, by resolve
    document = build(resolved, "en")
    assert "2 signed." in str(document.blocks)
    assert [e.name for g in document.blocks[-1].groups for e in g.entries] == ["Alpha", "Beta"]


def test_the_models_hold_no_caches():
    position = load_text("id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: O}]\nbody: [A.]\n")
    assert set(position.__pydantic_private__ or {}) <= {"_source"}
    assert isinstance(resolve(position), Resolved)
