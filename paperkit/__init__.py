"""paperkit: one position, every document — statements, submissions and letters.

The public API::

    from paperkit import load, render, Position
    position = load("positions/statement.yaml")
    paths = render(position, formats=["pdf", "docx"], out="out")

WeasyPrint and docxtpl are imported only when a PDF or DOCX is made, so that
``paperkit validate`` and ``--help`` stay fast.
"""

from __future__ import annotations

from typing import Any

from .document import Document, build
from .errors import InvalidInput, PaperkitError, Problem, RenderError
from .jobs import render
from .load import load, load_text
from .model import Position

__all__ = [
    "Document", "InvalidInput", "PaperkitError", "Position", "Problem", "RenderError",
    "__version__", "build", "load", "load_text", "render",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":  # importlib.metadata is slow to import: look it up when asked
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("paperkit")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0+unknown"
    raise AttributeError(f"module 'paperkit' has no attribute {name!r}")
