"""Every writer has one rule per node type; a node without a rule stops the render, never vanishes.

The Markdown and text writers dispatch with ``functools.singledispatch``, the DOCX writer
by method name, the HTML templates by ``node.type``: each ends in :func:`no_rule`.
``tests/test_every_node.py`` renders a document holding every node type through every writer.
"""

from __future__ import annotations

from typing import NoReturn


def no_rule(node: object, writer: str) -> NoReturn:
    """Refuse a node the writer has no rule for (a new node type not yet written by it)."""
    kind = getattr(node, "type", None)
    raise TypeError(f"the {writer} writer has no rule for {type(node).__name__} nodes"
                    + (f" (type {kind!r})" if kind else ""))
