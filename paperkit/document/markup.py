"""The Markdown subset of prose fields → inline nodes.

``*emphasis*``, ``**strong**``, ``[links](url)``, ``<https://autolinks>`` and ``[^key]``
citations.  Everything else (HTML, code, images) is literal text.  Parsed with
markdown-it-py; only the citation rule is ours.
"""

from __future__ import annotations

from typing import Any, Callable

from markdown_it.token import Token

from ..model.inline import paragraphs, parser
from .nodes import Emph, Inline, Link, Strong, Text

__all__ = ["paragraphs", "parse_inline", "plain"]


def parse_inline(text: str, cite: Callable[[str], Inline]) -> tuple[Inline, ...]:
    """Parse one paragraph of the subset; ``cite(key)`` makes the node for a citation."""
    tokens = parser().parseInline(text.strip())
    children = tokens[0].children or [] if tokens else []
    return tuple(_merge(_convert(children, cite)))


def _convert(tokens: list[Token], cite: Callable[[str], Inline]) -> list[Inline]:
    out: list[Inline] = []
    stack: list[tuple[str, list[Inline], dict[str, Any]]] = []

    def emit(node: Inline) -> None:
        (stack[-1][1] if stack else out).append(node)

    for tok in tokens:
        if tok.type == "text":
            emit(Text(tok.content))
        elif tok.type in ("softbreak", "hardbreak"):
            emit(Text(" "))
        elif tok.type == "citation":
            emit(cite(tok.meta["key"]))
        elif tok.type in ("em_open", "strong_open", "link_open"):
            stack.append((tok.type, [], dict(tok.attrs)))
        elif tok.type in ("em_close", "strong_close", "link_close"):
            kind, children, attrs = stack.pop()
            kids = tuple(_merge(children))
            if kind == "em_open":
                emit(Emph(kids))
            elif kind == "strong_open":
                emit(Strong(kids))
            else:
                emit(Link(str(attrs.get("href", "")), kids))
        else:  # code, html, images … are not part of the subset: keep their source text
            emit(Text(tok.content or tok.markup))
    while stack:  # unbalanced (cannot happen with markdown-it, but never lose text)
        _, children, _ = stack.pop()
        emit_target = stack[-1][1] if stack else out
        emit_target.extend(children)
    return out


def _merge(nodes: list[Inline]) -> list[Inline]:
    """Join adjacent Text nodes."""
    merged: list[Inline] = []
    for node in nodes:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + node.text)
        else:
            merged.append(node)
    return merged


def plain(inlines: tuple[Inline, ...] | None) -> str:
    """The text of inlines without markup or note markers."""
    if not inlines:
        return ""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Emph, Strong, Link)):
            parts.append(plain(node.children))
    return "".join(parts)
