"""The steps a one-page letter may be tightened by (``letter: {fit: one-page}``), as tree nodes.

The steps and their limits are data (paperkit/data/letter_fit.yaml, each limit with its
source): spacing first, then the line height, then the body text's size, never below 10 pt.
Which step a letter gets is decided from its PDF's layout (paperkit/one_page.py); the chosen
``LetterFit`` is put in the tree, so the PDF (CSS) and the DOCX (its styles) set the same.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from .nodes import Fonts, LetterFit

DATA = Path(__file__).resolve().parent.parent / "data" / "letter_fit.yaml"


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    from ruamel.yaml import YAML

    data: dict[str, Any] = YAML(typ="safe").load(DATA.read_text(encoding="utf-8"))
    return data


def line_height_floor(fonts: Fonts) -> float:
    """The tightest line height of the document's script (its designed one where no source gives less)."""
    floor = _data()["limits"]["line_height"].get(fonts.script, {}).get("value")
    return min(float(floor), fonts.line_height) if floor is not None else fonts.line_height


def fit_steps(fonts: Fonts) -> tuple[LetterFit, ...]:
    """Every step for a letter set in ``fonts``, from as designed (0) to the tightest."""
    steps = _data()["steps"]
    floor = line_height_floor(fonts)
    last = len(steps) - 1
    return tuple(LetterFit(step=number, size=float(step["size"]),
                           line_height=round(fonts.line_height - float(step["lines"]) * (fonts.line_height - floor), 3),
                           space=float(step["space"]), last=last)
                 for number, step in enumerate(steps))


def letter_fit(wanted: str | None, fonts: Fonts) -> LetterFit | None:
    """Step 0 (as designed) for a letter that is to fit one page; None for any other document."""
    return fit_steps(fonts)[0] if wanted == "one-page" else None


def limits() -> dict[str, Any]:
    """The limits of the steps, each with its source (for the documentation and the tests)."""
    found: dict[str, Any] = _data()["limits"]
    return found
