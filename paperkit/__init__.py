"""paperkit: one position, every document — statements, submissions and letters.

The public API::

    from paperkit import load, render, Position
    position = load("positions/statement.yaml")
    paths = render(position, formats=["pdf", "docx"], out="out")

WeasyPrint and docxtpl are imported only when a PDF or DOCX is made, so that
``paperkit validate`` and ``--help`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import InvalidInput, PaperkitError, Problem, RenderError
from .load import load, load_text  # eager: the function must win over the subpackage's name
from .model import Position

_LAZY = {"render": "paperkit.jobs", "build": "paperkit.document", "Document": "paperkit.document"}

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document, build
    from .jobs import render

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
    if name in _LAZY:  # the document tree and jobs are not needed to validate
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'paperkit' has no attribute {name!r}")
