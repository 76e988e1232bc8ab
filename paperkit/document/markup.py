"""The Markdown subset of prose fields → inline nodes.

``*emphasis*``, ``**strong**``, ``[links](url)``, ``<https://autolinks>`` and ``[^key]``
citations.  Everything else (HTML, code, images) is literal text.  Parsed with
markdown-it-py; only the citation rule is ours.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .nodes import Emph, Inline, Link, Strong, Text

_CITE = re.compile(r"\[\^([^\]\s\[]{1,200})\]")  # bounded, no "[" inside: linear over "[^[^[^…"


def _citation_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[^", state.pos):
        return False
    match = _CITE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.meta = {"key": match.group(1)}
    state.pos = match.end()
    return True


def _normalize_newlines(state) -> None:
    """CommonMark's normalisation without its NUL → U+FFFD: the tree's sanitiser removes a
    NUL and warns about it (``paperkit.document.sanitise``)."""
    state.src = re.sub(r"\r\n?", "\n", state.src)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero").enable(["emphasis", "link", "autolink", "escape", "newline"])
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.at("normalize", _normalize_newlines)
    # Links go to the web, to an e-mail address or within the document; anything else
    # (file:, data:, javascript:, a relative path that would name a local file) stays text.
    md.validateLink = lambda url: url.lower().startswith(("https://", "http://", "mailto:", "#"))
    return md


def parse_inline(text: str, cite: Callable[[str], Inline]) -> tuple[Inline, ...]:
    """Parse one paragraph of the subset; ``cite(key)`` makes the node for a citation."""
    tokens = _parser().parseInline(text.strip())
    children = tokens[0].children or [] if tokens else []
    return tuple(_merge(_convert(children, cite)))


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines."""
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _convert(tokens: list[Token], cite: Callable[[str], Inline]) -> list[Inline]:
    out: list[Inline] = []
    stack: list[tuple[str, list[Inline], dict]] = []

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
