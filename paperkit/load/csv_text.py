"""What every CSV side file (signatories, recipients) shares: finding its delimiter."""

from __future__ import annotations

from pathlib import Path

from ..errors import InvalidInput, Problem

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


def read_side_file(path: Path, name: str, what: str, limit: int) -> bytes:
    """The bytes of a CSV side file, or InvalidInput when it cannot be read or is over ``limit`` bytes."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput([Problem(name, None, None, "", f"cannot read the {what} file: {exc.strerror}")]) from None
    if len(raw) > limit:
        raise InvalidInput([Problem(name, None, None, "",
                                    f"file is {len(raw) // 2**20} MiB; the limit is {limit // 2**20} MiB")])
    return raw
