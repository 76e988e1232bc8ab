"""Dates that may be full (2024-09-09) or month-only (2024-07), as statements are dated."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a year and month, or a full date."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        date(self.year, self.month or 1, self.day or 1)  # raises ValueError when impossible

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def as_date(self) -> date:
        """The first day the partial date covers."""
        return date(self.year, self.month or 1, self.day or 1)


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError says what is wrong."""
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a date; write 2024-09-09, or 2024-07 for a month")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        return PartialDate(int(match.group(1)), month, day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
