"""fontconfig asked in the process gives what the ``fc-match`` command prints: the same file,
collection index and family names for the faces paperkit looks up (the DOCX writer's four
faces of a family, a CJK face inside a collection, a family that is not installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from paperkit.document import font_match
from paperkit.document.font_match import Match, best_match

pytestmark = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig's fc-match is not installed")

PATTERNS = ["Noto Sans:regular", "Noto Sans:bold", "Noto Sans:italic", "Noto Sans:bold:italic",
            "Noto Serif:bold", "Noto Naskh Arabic:regular", "Noto Serif CJK JP:regular", "Noto Sans CJK JP:bold",
            "No Such Family At All:regular", "DejaVu Sans:regular"]


def fc_match(pattern: str) -> tuple[str, int, tuple[str, ...]]:
    printed = subprocess.run(["fc-match", "-f", "%{file}\n%{index}\n%{family}", pattern],
                             capture_output=True, text=True, check=True).stdout
    file, index, families = printed.split("\n", 2)
    return file, int(index or 0), tuple(families.split(","))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_match_is_fc_matchs(pattern):
    found = best_match(pattern)
    assert found is not None
    assert (found.file, found.index, found.families) == fc_match(pattern)


def test_a_face_inside_a_collection_has_its_index():
    # Simplified Chinese, Korean, Traditional Chinese are not the first faces of Noto CJK's collections.
    inside = [p for p in ("Noto Sans CJK SC:bold", "Noto Sans CJK KR:regular", "Noto Serif CJK TC:regular")
              if fc_match(p)[0].endswith(".ttc") and fc_match(p)[1] > 0]
    if not inside:
        pytest.skip("no Noto CJK collection installed here")
    for pattern in inside:
        file, index, families = fc_match(pattern)
        assert best_match(pattern) == Match(file, index, families)


def test_without_the_library_the_command_answers(monkeypatch):
    monkeypatch.setattr(font_match, "_library", lambda: None)
    for pattern in ("Noto Sans:bold:italic", "Noto Serif CJK JP:regular"):
        found = best_match(pattern)
        assert found is not None
        assert (found.file, found.index, found.families) == fc_match(pattern)

