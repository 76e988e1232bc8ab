"""Benchmark: 1,000 and 10,000 signatories through load + build and every writer.

    .venv/bin/python bench/bench_signatories.py [--quick] [--sizes 1000,10000] [--formats md,txt,html,pdf,docx]

For each size it writes a sign-on CSV (deterministic: accented, CJK and Arabic names, a
few duplicates and empty rows) and a joint statement that reads it in alphabetical order
with counts in the prose.  Per stage, the two sizes run in turn (small, large, small …,
three rounds after a warm-up pair), so that one noisy run cannot decide: the ratio of the
medians is the growth, and 10× the names should take at most 12× the time (exit status 1
when a stage grows faster).  The peak memory that tracemalloc sees is a separate run, as
tracing slows Python down.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import sys
import tempfile
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from common import emit, interleave, load_average, table  # noqa: E402

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
    parser.add_argument("--sizes", default=None, help="two sizes, e.g. 1000,10000 (--quick: 300,3000)")
    parser.add_argument("--formats", default="md,txt,html,pdf,docx")
    parser.add_argument("--rounds", type=int, default=None, help="runs of each size, alternated (default 3)")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    small, large = [int(s) for s in (args.sizes or ("300,3000" if args.quick else "1000,10000")).split(",")]
    rounds = args.rounds or 3
    formats = available_formats(args.formats.split(","))
    allowed = LIMIT * large / small / 10
    print(f"conditions: {load_average()}", flush=True)
    status, rows = 0, []
    with tempfile.TemporaryDirectory() as tmp:
        made = {}
        for size in (small, large):
            folder = Path(tmp) / str(size)
            folder.mkdir()
            made[size] = dict(stages(write_inputs(folder, size), formats))
        for name in made[small]:
            # the two sizes in turn (small, large, small, large …): load from other processes hits both alike
            few, many = interleave(made[small][name], made[large][name], rounds)
            ratio = many.median / few.median
            memory = ("-", "-") if args.no_memory else tuple(f"{peak_memory(made[n][name]):.1f}" for n in (small, large))
            verdict = "ok" if ratio <= allowed else f"OVER {allowed:g}x"
            status |= ratio > allowed
            rows.append([name, str(few), str(many), *memory, f"{ratio:.1f}x", verdict])
            emit(f"{name}, {large:,} signatories against {small:,}", many, f"{small:,} signatories", few,
                 note=f"limit {allowed:g}x")
    print(table(["stage", f"{small:,} s", f"{large:,} s", f"{small:,} MiB", f"{large:,} MiB",
                 f"time {large // small}x names", f"limit {allowed:g}x"], rows))
    print(f"conditions after: {load_average()}", flush=True)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
