"""The format-neutral document tree and how a resolved position becomes one.

``build`` and its helpers are imported on first use, so that the tree's node types
(``paperkit.document.nodes``) come without markdown-it and Babel.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .nodes import *  # noqa: F401,F403
from .nodes import Document

_LAZY = {"build": ".build", "number_label": ".build", "plain": ".markup"}

__all__ = ["Document", "build", "number_label", "plain"]

if TYPE_CHECKING:  # pragma: no cover
    from .build import build, number_label
    from .markup import plain


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'paperkit.document' has no attribute {name!r}")
