"""paperkit: one position, every document — statements, submissions and letters.

The public API (each documented in README.md, "Python API")::

    import paperkit
    position = paperkit.load("positions/statement.yaml")      # YAML → Position (checked)
    resolved = paperkit.resolve(position)                      # + CSVs, theme, images
    document = paperkit.build(resolved, "en")                  # → the document tree
    paths = paperkit.render(resolved, formats=["pdf", "docx"], out="out")
    pdf = paperkit.render_bytes(resolved, "pdf", lang="en")    # in memory, for a web app
    result = paperkit.merge("letter.yaml", recipients="missions.csv", out="out")

Render options are one ``RenderSettings`` value (or its fields as keywords).  WeasyPrint and
docxtpl are imported only when a PDF or DOCX is made, so that ``paperkit validate`` and
``--help`` stay fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import InvalidInput, PaperkitError, PaperkitWarning, Problem, RenderError
from .load import load, load_text  # eager: the function must win over the subpackage's name
from .model import Position
from .resolve import Resolved, resolve

_LAZY = {"render": "paperkit.jobs", "render_bytes": "paperkit.jobs", "RenderSettings": "paperkit.jobs",
         "merge": "paperkit.batch", "MergeResult": "paperkit.batch",
         "build": "paperkit.document", "Document": "paperkit.document"}

if TYPE_CHECKING:  # pragma: no cover
    from .batch import MergeResult, merge
    from .document import Document, build
    from .jobs import RenderSettings, render, render_bytes

__all__ = [
    "Document", "InvalidInput", "MergeResult", "PaperkitError", "PaperkitWarning", "Position", "Problem",
    "RenderError", "RenderSettings", "Resolved", "__version__", "build", "load", "load_text", "merge", "render",
    "render_bytes", "resolve",
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
