"""``--jobs``: the same render in one process and in two, as new processes taken in turn.

    .venv/bin/python bench/bench_jobs.py [--quick]

1. Every example position in every language, every format: ``--jobs 2`` against ``--jobs 1``
   (wall and CPU seconds: the CPU row shows what the pool costs in work; the wall row what
   it saves, which needs two idle cores to reach its best).
2. The statement, PDF + DOCX: the default (the CPUs) against ``--jobs 1``.
3. Peak memory (PSS of the process tree, sampled) of row 1, both sides.
The output folders of the two sides are compared: the same files, byte for byte.
"""

from __future__ import annotations

import filecmp
import os
import sys
import tempfile
from pathlib import Path

from common import (POSITIONS, QUICK, STATEMENT, Samples, as_installed, emit, interleave, load_average,
                    paperkit_command, run_process)

ROUNDS = 3 if QUICK else 7


def main() -> int:
    print(f"conditions: {load_average()}", flush=True)
    status = 0
    env = as_installed(dict(os.environ))  # cold processes time paperkit as installed, with its .pyc
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        every = [*paperkit_command(), "render", *map(str, POSITIONS), "--lang", "all"]
        one_doc = [*paperkit_command(), "render", str(STATEMENT), "--format", "pdf,docx"]
        for what, command, jobs_a, jobs_b in (
                (f"render {len(POSITIONS)} positions, every language and format", every, ["--jobs", "2"], ["--jobs", "1"]),
                ("cold render, statement PDF + DOCX, default --jobs", one_doc, [], ["--jobs", "1"])):
            runs: dict[str, list] = {"a": [], "b": []}

            def side(key: str, extra: list[str]) -> float:
                run = run_process([*command, *extra, "--out", str(out / key)], env=env, sample_memory=True)
                runs[key].append(run)
                return run.wall

            wall_a, wall_b = interleave(lambda: side("a", jobs_a), lambda: side("b", jobs_b), ROUNDS)
            a, b = runs["a"][1:], runs["b"][1:]  # without the warm-up pair
            label_a, label_b = " ".join(jobs_a) or "default --jobs", " ".join(jobs_b)
            emit(f"{what}: {label_a}", wall_a, label_b, wall_b)
            emit(f"{what}: {label_a}, CPU", Samples(tuple(r.cpu for r in a)), label_b,
                 Samples(tuple(r.cpu for r in b)))
            emit(f"{what}: {label_a}, peak PSS", Samples(tuple(r.pss_mib for r in a)), label_b,
                 Samples(tuple(r.pss_mib for r in b)), unit="MiB")
            comparison = filecmp.dircmp(out / "a", out / "b")
            same = not (comparison.left_only or comparison.right_only or comparison.diff_files)
            print(f"same files on both sides: {same}", flush=True)
            status |= not same
    print(f"conditions after: {load_average()}", flush=True)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
