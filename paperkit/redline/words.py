"""Word-level diff inside one changed block.

difflib (standard library) does the matching: it compares any sequence of hashable tokens,
so a token can carry its formatting (bold, a link, a footnote reference) as well as its
text, and it is deterministic — the same two versions give the same changes, byte for byte.
Character-level tools such as diff-match-patch would need their output mapped back onto
runs; a paragraph has a few hundred tokens at most, well within difflib's reach.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Hashable, Sequence

# Han, kana and Hangul are compared character by character (they have no spaces between words);
# other letters and digits by word; spaces and punctuation one by one.
_IDEOGRAPHIC = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_IDEOGRAPHIC}]|[^\W{_IDEOGRAPHIC}]+|\s+|.", re.UNICODE | re.DOTALL)


def tokens(text: str) -> list[str]:
    """``text`` cut into words, spaces and single punctuation marks (CJK: characters)."""
    return _TOKEN.findall(text)


Opcode = tuple[str, int, int, int, int]


def opcodes(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """difflib opcodes (equal, replace, delete, insert), with short equal stretches between
    two changes folded into them: "a b c" → "x y z" reads as one deletion and one insertion,
    not three, as an editor would mark it."""
    raw = SequenceMatcher(None, list(old), list(new), autojunk=False).get_opcodes()
    merged: list[Opcode] = []
    for index, op in enumerate(raw):
        tag, i1, i2, j1, j2 = op
        between = 0 < index < len(raw) - 1
        if tag == "equal" and between and i2 - i1 <= 2 and all(_slight(t) for t in old[i1:i2]):
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            _, a1, _, b1, _ = merged[-1]
            merged[-1] = ("replace", a1, i2, b1, j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _slight(token: Hashable) -> bool:
    """A space or punctuation mark (a token's text is its last item when it is a tuple)."""
    text = token[-1] if isinstance(token, tuple) else token
    return isinstance(text, str) and (not text.strip() or (len(text) == 1 and not text.isalnum()))


def similarity(old: str, new: str) -> float:
    """How alike two texts are, 0 to 1, word by word (difflib's ratio)."""
    if not old and not new:
        return 1.0
    def words(text: str) -> list[str]:  # spaces would count as matches
        return [t for t in tokens(text) if t.strip()]

    return SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()
