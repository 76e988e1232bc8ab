"""What every CSV side file (signatories, recipients) shares: finding its delimiter."""

from __future__ import annotations

DELIMITERS = (",", ";", "\t")


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text: the one used most in its first non-blank line (comma on a tie)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: count_outside_quotes(first, d) for d in DELIMITERS}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def count_outside_quotes(line: str, char: str) -> int:
    """How often ``char`` stands in ``line`` outside double quotes."""
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count
