"""Count words the way Microsoft Word's Word Count does.

The basis (Word's documented and observed behaviour, see docs/profiles.md):

- A word is a run of characters between spaces, tabs or line/paragraph breaks.  What is
  inside the run does not split it: "state-of-the-art", "vis-a-vis", "06/30/2003",
  "1,000", "don't" and "https://example.org/a-b?c=d" are one word each; "June 30, 2003"
  is three.
- Punctuation attached to a word adds nothing ("end." is one word).  A mark standing alone
  between spaces ("a – b") is counted as a word, as Word counts it: a count that errs,
  errs on the side of the limit.
- Each Chinese or Japanese character (Han ideographs, kana) is one word, as Word counts
  East Asian text; CJK punctuation (。、「」…) is not a word.  Korean is written with spaces
  between words and Word counts it by them ("Korean words" in its Word Count).  A Latin or digit run inside
  CJK text ("ICCPR第19条") counts as one word beside the characters.
- Arabic, Cyrillic, Greek … are counted like Latin: by the spaces between words.
- Footnote reference marks are no text in a DOCX (``w:footnoteReference``), so they add
  nothing and do not split the word they follow.
"""

from __future__ import annotations

import re
import unicodedata

_CJK_RANGES = (
    (0x2E80, 0x2FDF), (0x3040, 0x30FF), (0x3100, 0x312F), (0x31A0, 0x31FF), (0x31F0, 0x31FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3134F),
)
_SPACE = re.compile(r"\s+")


def is_cjk(char: str) -> bool:
    """A character Word counts as a word on its own (Han ideograph, kana)."""
    code = ord(char)
    if char in "ー々〆":  # prolonged sound mark, iteration marks: part of the script, letters
        return True
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES) and unicodedata.category(char).startswith("L")


def _is_cjk_punctuation(char: str) -> bool:
    code = ord(char)
    return (0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF) and not is_cjk(char)


def count_words(text: str) -> int:
    """The number of words Word reports for ``text``."""
    total = 0
    for token in _SPACE.split(text):
        if not token:
            continue
        run = False  # inside a run of non-CJK characters that are not CJK punctuation
        for char in token:
            if is_cjk(char):
                total += 1
                run = False
            elif _is_cjk_punctuation(char):
                run = False
            elif not run:
                total += 1
                run = True
    return total
