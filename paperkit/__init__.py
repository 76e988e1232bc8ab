"""paperkit: one position, every document — statements, submissions and letters.

The public API::

    from paperkit import load, render, Position
    position = load("positions/statement.yaml")
    paths = render(position, formats=["pdf", "docx"], out="out")
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .document import Document, build
from .errors import InvalidInput, PaperkitError, Problem, RenderError
from .load import load, load_text
from .model import Position
from .jobs import render

try:
    __version__ = version("paperkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "Document", "InvalidInput", "PaperkitError", "Position", "Problem", "RenderError",
    "__version__", "build", "load", "load_text", "render",
]
