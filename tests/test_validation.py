"""Invalid position files: exit 2, and a message naming file:line, the field and what is wrong."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from paperkit.cli import main

VALID = """\
id: test-statement
kind: statement
title: A title
date: 2024-09-09
issued_by:
  - name: JCA-NET
body:
  - A paragraph[^art21].
demands:
  lead_in: "We urge the government to:"
  items:
    - oppose the convention.
contacts:
  - name: A. Person
    email: a.person@example.org
references:
  art21:
    instrument: Constitution of Japan
    pinpoint: Article 21
"""


def _with(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


# (name, YAML text, line expected in the message, field path expected, words expected)
CASES = [
    ("missing field", VALID.replace("title: A title\n", ""), 1, "title", "required field is missing"),
    ("wrong type", _with("title: A title", "title: [a, b]"), 3, "title", "got a list"),
    ("number as title", _with("title: A title", "title: 42"), 3, "title", "got the number 42"),
    ("unknown key", _with("kind: statement", "kind: statement\ncolour: red"), 3, "colour", "unknown field 'colour'"),
    ("misspelt key", _with("contacts:", "contcts:"), 13, "contcts", "did you mean 'contacts'"),
    ("misspelt nested key", _with("    email: a.person", "    emial: a.person"), 15, "contacts[0].emial", "did you mean 'email'"),
    ("bad date", _with("date: 2024-09-09", "date: 2024-02-30"), 4, "date", "not a real date"),
    ("date not a date", _with("date: 2024-09-09", "date: next week"), 4, "date", "is not a date"),
    ("unknown citation key", _with("A paragraph[^art21]", "A paragraph[^art12]"), 8, "body[0]", "unknown citation key 'art12' — did you mean 'art21'"),
    ("empty demand", _with("    - oppose the convention.", '    - ""'), 12, "demands.items[0]", "must not be empty"),
    ("no demands", _with("  items:\n    - oppose the convention.", "  items: []"), 11, "demands.items", "at least 1 item"),
    ("bad e-mail", _with("email: a.person@example.org", "email: a.person-at-example"), 15, "contacts[0].email", "email"),
    ("wrong kind", _with("kind: statement", "kind: statment"), 2, "kind", "did you mean 'statement'"),
    ("empty issuers", _with("issued_by:\n  - name: JCA-NET", "issued_by: []"), 5, "issued_by", "at least 1 item"),
    ("bad language tag", _with("kind: statement", "kind: statement\nlanguages: [English]"), 3, "languages[0]", "not a language tag"),
    ("bad url", _with("    pinpoint: Article 21", "    pinpoint: Article 21\n    url: www.example.org"), 20, "references.art21.url", "https://"),
    ("misspelt block", _with("  - A paragraph[^art21].", "  - concern:\n      items: [a]"), 8, "body[0]", "did you mean 'concerns'"),
    ("bad numbering", _with('  lead_in: "We urge the government to:"', '  lead_in: "We urge:"\n  numbering: "#1"'), 11, "demands.numbering", "is not allowed"),
    ("YAML syntax", _with("title: A title", "title: [unclosed"), 3, "", "starts with '['"),  # where the '[' is
    ("tab indentation", _with("  - name: JCA-NET", "\t- name: JCA-NET"), 6, "", "YAML"),
    ("list instead of mapping", "- id: x\n- kind: statement\n", 1, "", "must be a mapping"),
    ("missing translation", _with("title: A title", "title: {en: A title}\nlanguages: [en, ja]"), 3, "title", "no ja translation"),
    ("duplicate key", _with("title: A title", "title: A title\ntitle: Again"), 4, "", "the field 'title' is given twice"),
    ("unknown note reference", _with("references:", "notes:\n  n1:\n    references: [art99]\nreferences:"), 18, "notes.n1.references[0]", "unknown reference key 'art99'"),
]


@pytest.mark.parametrize("name,text,line,field,words", CASES, ids=[c[0] for c in CASES])
def test_invalid_file_is_reported_with_place_and_field(tmp_path, capsys, name, text, line, field, words):
    path = tmp_path / "position.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"{path}:{line}" in err, err
    if field:
        assert f" {field}:" in err, err
    assert words in err, err
    assert "Traceback" not in err


def test_the_valid_base_case_is_valid(tmp_path, capsys):
    path = tmp_path / "position.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert main(["validate", str(path)]) == 0


def test_all_problems_are_reported_at_once(tmp_path, capsys):
    path = tmp_path / "position.yaml"
    path.write_text(_with("kind: statement", "kind: memo\ncolor: red"), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert ":2:" in err and ":3:" in err


def test_cli_process_exit_code_and_no_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(_with("title: A title", "titel: A title"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "paperkit.cli", "validate", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "did you mean 'title'" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read file" in capsys.readouterr().err


def test_non_utf8_file_names_the_line(tmp_path, capsys):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(VALID.replace("A title", "Caf\u00e9").encode("latin-1"))
    assert main(["validate", str(path)]) == 2
    assert f"{path}:3" in capsys.readouterr().err


def test_a_misspelt_language_key_is_an_error_with_did_you_mean(tmp_path, capsys):
    path = tmp_path / "position.yaml"
    path.write_text(_with("title: A title", "title: {en: A title, fx: Un titre}\nlanguages: [en, fr]")
                    .replace("  - A paragraph[^art21].", "  - en: A paragraph[^art21].\n    fr: Un paragraphe[^art21].")
                    .replace("    - oppose the convention.", "    - {en: oppose it., fr: s'y opposer.}")
                    .replace('  lead_in: "We urge the government to:"', '  lead_in: {en: "We urge:", fr: "Nous demandons :"}'),
                    encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3:" in err and "title.fx: 'fx' is not one of the position's languages (en, fr)" in err, err
    assert "did you mean 'fr'?" in err


@pytest.mark.parametrize("languages, expected", [
    # CLDR (Babel): "en" is the United States' form; en-GB and most other regions put the day first.
    ("[en]", "en has no region, so dates read 'September 9, 2024'"),
    ("[en-GB]", None),
    ("[en-US]", None),
    ("[fr]", None),  # every French region writes "9 septembre 2024"
    ("[ja]", None),
])
def test_validate_says_which_date_form_a_tag_without_region_gives(tmp_path, capsys, languages, expected):
    path = tmp_path / "position.yaml"
    path.write_text(_with("kind: statement", f"kind: statement\nlanguages: {languages}"), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    if expected is None:
        assert "has no region" not in err, err
    else:
        assert expected in err and "'9 September 2024'" in err and "write the tag with its region" in err, err
