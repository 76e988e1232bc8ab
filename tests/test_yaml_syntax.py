"""YAML syntax errors said in plain words: the place, the mistake, the fix, the line and a caret.

Each case is a mistake a person who knows Word makes in a position file, written as they
would write it; the expected place is where the mistake is (counted by hand), and the
expected words name the fix (from the YAML 1.2 rules: ': ' starts a mapping value, tabs are
not indentation, '[' '{' '*' '&' '@' '`' '%' cannot start a plain text, a quoted text ends at
its closing quote).
"""

from __future__ import annotations

import pytest

from paperkit.cli import main

HEAD = "id: test\nkind: statement\ndate: 2024-09-09\nissued_by:\n  - name: JCA-NET\n"

CASES = [
    # name, the rest of the file, (line, column), words the message must hold, the caret line's text
    ("colon in text", "title: Note: the State must act\n", (6, 12),
     ['a colon followed by a space inside text', 'title: "Note: the State must act"'], "title: Note: the State must act"),
    ("tab", "title: A title\nbody:\n\t- A paragraph\n", (8, 1),
     ["a tab character", "spaces"], "→- A paragraph"),
    ("unclosed double quote", 'title: "A title\nbody:\n  - A paragraph\n', (6, 8),
     ['the quotation mark " here opens a text that is never closed', 'add the closing "'], 'title: "A title'),
    ("unclosed single quote", "title: 'A title\nbody:\n  - A paragraph\n", (6, 8),
     ["the quotation mark ' here opens a text that is never closed"], "title: 'A title"),
    ("unclosed bracket", "title: A title\nlanguages: [en, fr\nbody:\n  - A paragraph\n", (7, 12),
     ["must close with ']'", "add the missing ']'"], "languages: [en, fr"),
    ("indented too far", "title: A title\n  body:\n  - A paragraph\n", (7, 3),
     ["indented more than line 6", "at the left edge"], "  body:"),
    ("list items out of line", "title: A title\nbody:\n  - One\n - Two\n", (9, 2),
     ["must start in the same column", "line 8 starts at column 3"], " - Two"),
    ("text starting with a bracket", "title: A title\nbody:\n  - [^note] is cited first\n", (8, 5),
     ["starts with '['", "put the whole text in quotes"], "  - [^note] is cited first"),
    ("text after a closing quote", 'title: "Quoted" and more\n', (6, 8),
     ['this text starts with "', "the other kind of quotes"], 'title: "Quoted" and more'),
    ("text starting with a star", "title: *Urgent* appeal\n", (6, 8),
     ["starts with '*'", "quotes"], "title: *Urgent* appeal"),
    ("text starting with @", "title: @UN must act\n", (6, 8),
     ["cannot start with '@'", "quotes"], "title: @UN must act"),
    ("field given twice", "title: One\ntitle: Two\n", (7, 1),
     ["the field 'title' is given twice", "first at line 6"], "title: Two"),
    ("stray closing bracket", "title: A title\nlanguages: [en, fr]]\n", (7, 20),
     ["a closing ']' that nothing opened"], "languages: [en, fr]]"),
    ("text after a block marker", "title: A title\nlead: | Our text\n", (7, 9),
     ["after '|' or '>' the text starts on the next line"], "lead: | Our text"),
]


@pytest.mark.parametrize("name, rest, place, words, shown", CASES, ids=[c[0] for c in CASES])
def test_a_syntax_mistake_is_said_plainly_with_the_line_and_a_caret(tmp_path, capsys, name, rest, place, words, shown):
    path = tmp_path / "position.yaml"
    path.write_text(HEAD + rest, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    first, excerpt, caret = err.rstrip("\n").split("\n")
    line, column = place
    assert first.startswith(f"error: {path}:{line}:{column}: YAML syntax: "), err
    for word in words:
        assert word in first, err
    assert "not allowed here" not in first and "<block end>" not in first  # the parser's words are gone
    assert excerpt == "  " + shown
    assert caret == "  " + " " * (column - 1) + "^"
    assert "Traceback" not in err


def test_an_unknown_syntax_error_keeps_the_parsers_words_and_place(tmp_path, capsys):
    path = tmp_path / "position.yaml"
    path.write_text(HEAD + "title: A title\n? [a, b]\n: c\nbody: &a\n  - x\nother: *b\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "YAML syntax" in err and "Traceback" not in err
