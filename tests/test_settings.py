"""One RenderSettings for render and merge alike: what the command line asks for reaches every document."""

from __future__ import annotations

import dataclasses
import warnings

import pytest

import paperkit
from paperkit.cli import main
from paperkit.errors import TranslationWarning, UsageError
from paperkit.jobs import RenderSettings

STATEMENT = """\
id: partial
kind: statement
title: {en: A title, ja: 題名}
date: 2024-09-09
languages: [en, ja]
issued_by:
  - name: Org
body:
  - {en: First paragraph., ja: 第一段落。}
  - {en: Second paragraph.}
"""

LETTER = """\
id: letter
kind: letter
title: {en: A request, ja: お願い}
date: 2024-09-09
languages: [en, ja]
issued_by:
  - name: Org
recipients:
  entries:
    - {name: Ana Ruiz, organisation: Ministry}
body:
  - {en: We ask you to act., ja: 対応をお願いします。}
  - {en: Thank you.}
"""


def test_fallback_reaches_the_statement_rendered_beside_a_mail_merge(tmp_path, capsys):
    """``paperkit render stmt.yaml letter.yaml --lang all --fallback en``: the statement renders as it
    does alone, the letter's mail merge too (both with the English text standing in)."""
    (tmp_path / "stmt.yaml").write_text(STATEMENT, encoding="utf-8")
    (tmp_path / "letter.yaml").write_text(LETTER, encoding="utf-8")
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TranslationWarning)
        code = main(["render", str(tmp_path / "stmt.yaml"), str(tmp_path / "letter.yaml"), "--lang", "all",
                     "--fallback", "en", "--format", "txt", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    statement_ja = (out / "partial.ja.txt").read_text(encoding="utf-8")
    assert "第一段落。" in statement_ja and "Second paragraph." in statement_ja
    letter_ja = (out / "letter" / "ana-ruiz.ja.txt").read_text(encoding="utf-8")
    assert "対応をお願いします。" in letter_ja and "Thank you." in letter_ja


def test_without_fallback_the_merge_names_the_missing_translation(tmp_path, capsys):
    (tmp_path / "letter.yaml").write_text(LETTER, encoding="utf-8")
    assert main(["render", str(tmp_path / "letter.yaml"), "--lang", "all", "--format", "txt",
                 "--out", str(tmp_path / "out")]) == 2
    assert "body[1]: no ja translation" in capsys.readouterr().err


def test_settings_are_checked_once_when_made():
    settings = RenderSettings(formats="pdf, txt", lang="en,ja", out="x", templates=["t"])
    assert settings.formats == ("pdf", "txt") and settings.lang == ("en", "ja")
    assert str(settings.out) == "x" and [str(t) for t in settings.templates] == ["t"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.fallback = "en"  # type: ignore[misc]
    with pytest.raises(UsageError, match="unknown format 'odt'|unknown format odt"):
        RenderSettings(formats=["odt"])
    with pytest.raises(UsageError, match="unknown PDF variant"):
        RenderSettings(pdf_variant="pdf/z-9")
    with pytest.raises(UsageError, match="--combined makes one PDF"):
        RenderSettings(formats=["docx"], combined=True)


def test_render_takes_settings_or_the_same_names_as_keywords(tmp_path):
    (tmp_path / "stmt.yaml").write_text(STATEMENT, encoding="utf-8")
    settings = RenderSettings(formats=("md",), out=tmp_path / "a", lang="all", fallback="en")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TranslationWarning)
        by_value = paperkit.render(tmp_path / "stmt.yaml", settings)
        by_keywords = paperkit.render(tmp_path / "stmt.yaml", formats=("md",), out=tmp_path / "b", lang="all",
                                      fallback="en")
    assert [p.name for p in by_value] == [p.name for p in by_keywords] == ["partial.en.md", "partial.ja.md"]
    assert by_value[1].read_bytes() == by_keywords[1].read_bytes()
