"""``make bench``: run the benchmark scripts and print one table of what they emitted.

    .venv/bin/python bench/run.py [--quick] [bench_cold.py bench_letters.py ...]

Each script (default: every ``bench/bench_*.py``) runs in its own process with
``PAPERKIT_BENCH_ROWS`` naming a file it appends rows to (the protocol: bench/common.py); its
own output goes to the terminal as it runs.  At the end one table: what | paperkit | anchor |
ratio | spread, with medians, the min–max of each side, and the load average before and after.
A script that fails is named at the end and makes the exit status 1.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROWS_ENV, fmt, load_average, table

HERE = Path(__file__).resolve().parent


def scripts(names: list[str]) -> list[Path]:
    if names:
        return [HERE / (name if name.endswith(".py") else f"{name}.py") for name in names]
    return sorted(HERE.glob("bench_*.py"))


def value(samples: list[float], unit: str) -> str:
    return f"{fmt(statistics.median(samples))} {unit}"


def spread(samples: list[float]) -> str:
    return f"{fmt(min(samples))}–{fmt(max(samples))}"


def rows_table(rows: list[dict]) -> str:
    out = []
    for row in rows:
        ours, anchor, unit = row["paperkit"], row["anchor"], row["unit"]
        if anchor:
            ratio = f"{statistics.median(ours) / statistics.median(anchor):.2f}x"
            anchor_cell = f"{row['anchor_name']}: {value(anchor, unit)}"
            spread_cell = f"{spread(ours)} | {spread(anchor)}"
        else:
            ratio, anchor_cell, spread_cell = "", row.get("anchor_name") or "", spread(ours)
        what = row["what"] + (f" ({row['note']})" if row.get("note") else "")
        out.append([what, value(ours, unit), anchor_cell, ratio, f"{spread_cell} (n={len(ours)})"])
    return table(["what", "paperkit", "anchor", "ratio", "spread (paperkit | anchor)"], out)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    chosen = scripts([a for a in argv if not a.startswith("--")])
    before = load_average()
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        rows_file = Path(tmp) / "rows.jsonl"
        rows_file.touch()
        env = {**os.environ, ROWS_ENV: str(rows_file)}
        for script in chosen:
            print(f"\n===== {script.name}", flush=True)
            args = [sys.executable, str(script)] + (["--quick"] if quick else [])
            if subprocess.run(args, cwd=HERE, env=env).returncode:
                failed.append(script.name)
        rows = [json.loads(line) for line in rows_file.read_text(encoding="utf-8").splitlines() if line]
    print(f"\n===== summary (medians; spread = min–max of each side; runs of the two sides alternated)")
    print(f"before: {before}; after: {load_average()}")
    print(rows_table(rows))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
