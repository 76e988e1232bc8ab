"""Small helpers shared by the benchmark scripts: timing and tables."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
POSITIONS = sorted((ROOT / "positions").glob("*.yaml"))
# The example positions name ../themes/: a folder outside their own, allowed explicitly (README, "Bad input").
os.environ.setdefault("PAPERKIT_ALLOWED_ROOTS", str(ROOT / "themes"))


def best_of(func: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``func`` in seconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A plain-text table, columns aligned."""
    cells = [headers] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
