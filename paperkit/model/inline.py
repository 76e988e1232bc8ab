"""The Markdown subset of prose fields: its parser, and how deeply a text nests.

``*emphasis*``, ``**strong**``, ``[links](url)``, ``<https://autolinks>`` and ``[^key]``
citations; everything else is literal text (:mod:`paperkit.document.markup` turns the tokens
into inline nodes).  Here, below ``load``, so that a text nested too deeply is refused when
the position is read, at its line.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

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


def _normalize_newlines(state: Any) -> None:
    """CommonMark's normalisation without its NUL → U+FFFD: the tree's sanitiser removes a
    NUL and warns about it (``paperkit.document.sanitise``)."""
    state.src = re.sub(r"\r\n?", "\n", state.src)


def _safe_link(url: str) -> bool:
    """Links go to the web, to an e-mail address or within the document; anything else
    (file:, data:, javascript:, a relative path that would name a local file) stays text."""
    return url.lower().startswith(("https://", "http://", "mailto:", "#"))


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The parser of the subset (one per process)."""
    md = MarkdownIt("zero").enable(["emphasis", "link", "autolink", "escape", "newline"])
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.at("normalize", _normalize_newlines)
    md.validateLink = _safe_link  # type: ignore[method-assign]  # markdown-it's documented hook
    return md


def paragraphs(text: str) -> list[str]:
    """Split text into paragraphs at blank lines."""
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def nesting_depth(text: str) -> int:
    """How deeply emphasis, strong and links nest in ``text`` (``*a **b** a*``: 2), paragraph by
    paragraph as the document is built."""
    deepest = 0
    for paragraph in paragraphs(text):
        depth = 0
        for token in parser().parseInline(paragraph.strip())[0].children or []:
            depth += token.nesting
            deepest = max(deepest, depth)
    return deepest
