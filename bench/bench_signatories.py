"""Benchmark: 1,000 and 10,000 signatories through load + build and every writer.

    .venv/bin/python bench/bench_signatories.py [--sizes 1000,10000] [--formats md,txt,html,pdf,docx]

For each size it writes a sign-on CSV (deterministic: accented, CJK and Arabic names, a
few duplicates and empty rows) and a joint statement that reads it in alphabetical order
with counts in the prose.  It prints, per stage, the wall time (median of at least three
runs, more for fast stages; one run at the largest size for the slow writers) and the peak memory that tracemalloc sees
(a separate run, as tracing slows Python down), then the growth ratio: 10× the names
should take at most 12× the time.  Exit status 1 when a stage grows faster than that.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from common import table  # noqa: E402

from paperkit.document import build  # noqa: E402
from paperkit.load import load  # noqa: E402
from paperkit.writers import FORMATS, WriterOptions, writer  # noqa: E402

LIMIT = 12.0
GIVEN = ["José", "María", "Zoë", "Søren", "Łucja", "Ngozi", "François", "Ümit", "Chloé", "Björn", "Ólafur",
         "Ngũgĩ", "Thảo", "Inês", "Tomás", "Kwame", "Priya", "Hélène", "Ayşe", "Mårten", "Wanjiru", "Tariq"]
SURNAMES = ["García", "Müller", "Nguyễn", "Okafor", "Kowalska", "Øverby", "de la Cruz", "van der Berg",
            "von Trapp", "De Niro", "Yılmaz", "Ó Briain", "Haddad", "Mensah", "Šimek", "Mäkelä"]
OTHER = ["山田", "佐藤", "王", "김", "محمد", "فاطمة", "അനിൽ"]
COUNTRIES = ["Kenya", "Brazil", "Japan", "Germany", "Mexico", "Chile", "France", "Nigeria", "Poland", "India",
             "Lebanon", "Colombia", "Senegal", "Canada", "Norway", "Ghana", "Spain", "Argentina"]

POSITION = """\
id: bench-signatories
kind: joint-statement
title: A joint statement with {n} signatories
date: 2024-01-23
issued_by:
  - name: Bench coalition
body:
  - >-
    Signed by {{signatories.organisations}} organisations and {{signatories.individuals}}
    individuals from {{signatories.countries}} countries.
signatories:
  file: signatories.csv
  order: alphabetical
  groups:
    - {{heading: Organisations, takes: organisation}}
    - heading: Individuals*
      note: "*Affiliation for identification purposes only"
      takes: individual
  full_list_url: https://example.org/signatories
"""


def write_inputs(folder: Path, size: int) -> Path:
    """A CSV of ``size`` rows and the position that reads it."""
    rng = random.Random(size)
    with open(folder / "signatories.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["name", "type", "country", "affiliation", "role"])
        for i in range(size):
            if i % 97 == 0:
                out.writerow([])  # an empty row
            elif i % 101 == 0:
                out.writerow([f"{GIVEN[i % len(GIVEN)]} {SURNAMES[(i - 1) % len(SURNAMES)]} {i - 1}".upper(),
                              "individual", "", "", ""])  # a duplicate (of row i-1, shouted)
            elif i % 10 == 0:
                out.writerow([f"Digital Rights Network {i}", "organisation", rng.choice(COUNTRIES), "", ""])
            elif i % 37 == 0:
                out.writerow([f"{rng.choice(OTHER)}{i}", "individual", rng.choice(COUNTRIES), "", ""])
            else:
                out.writerow([f"{GIVEN[i % len(GIVEN)]} {SURNAMES[i % len(SURNAMES)]} {i}", "individual",
                              rng.choice(COUNTRIES), rng.choice(["", "University of Nairobi", "Sciences Po"]),
                              rng.choice(["", "Lecturer", "Journalist"])])
    path = folder / "position.yaml"
    path.write_text(POSITION.format(n=size), encoding="utf-8")
    return path


def available_formats(wanted: list[str]) -> list[str]:
    return [f for f in wanted if importlib.util.find_spec(FORMATS[f]) is not None]


def stages(path: Path, formats: list[str]):
    """(name, function) for each stage; the writers share one built document."""
    document = build(load(path))
    options = WriterOptions(resource_roots=(path.parent,))
    out = [("load+build", lambda: build(load(path)))]
    for fmt in formats:
        write = writer(fmt)
        out.append((fmt, lambda write=write: write(document, options)))
    return out


def timed(func, runs: int) -> float:
    """Median of ``runs`` calls; fast stages run more often (up to 15 calls or 1 s)."""
    times: list[float] = []
    while len(times) < runs or (len(times) < 15 and sum(times) < 1.0):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def peak_memory(func) -> float:
    """Peak traced memory of one call, in MiB."""
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--formats", default="md,txt,html,pdf,docx")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = available_formats(args.formats.split(","))
    results: dict[tuple[str, int], tuple[float, float | None]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            path = write_inputs(folder, size)
            for name, func in stages(path, formats):
                func()  # warm: imports, templates, fonts
                runs = 1 if size >= 10000 and name in ("pdf", "docx", "html") else 3
                seconds = timed(func, runs)
                memory = None if args.no_memory else peak_memory(func)
                results[(name, size)] = (seconds, memory)
                print(f"  {name:<11} {size:>6} names: {seconds:8.3f} s"
                      + (f"  {memory:8.1f} MiB" if memory is not None else ""), file=sys.stderr, flush=True)
    names = ["load+build"] + formats
    rows = []
    status = 0
    for name in names:
        row: list[object] = [name]
        for size in sizes:
            seconds, memory = results[(name, size)]
            row += [seconds, "-" if memory is None else f"{memory:.1f}"]
        if len(sizes) > 1:
            ratio = results[(name, sizes[-1])][0] / results[(name, sizes[0])][0]
            allowed = LIMIT * sizes[-1] / sizes[0] / 10
            verdict = "ok" if ratio <= allowed else f"OVER {allowed:g}×"
            status |= ratio > allowed
            row += [f"{ratio:.1f}×", verdict]
        rows.append(row)
    headers = ["stage"]
    for size in sizes:
        headers += [f"{size:,} s", f"{size:,} MiB"]
    if len(sizes) > 1:
        headers += [f"time {sizes[-1] // sizes[0]}× names", f"limit {LIMIT:g}× per 10×"]
    print(table(headers, rows))
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
