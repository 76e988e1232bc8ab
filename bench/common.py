"""What every benchmark script in bench/ shares: interleaved timing, spread, memory, and the
protocol by which ``bench/run.py`` (``make bench``) gathers one table.

The protocol
------------
A benchmark script measures paperkit (side A) against an anchor (side B: raw WeasyPrint on
the same HTML and CSS, pandoc, Typst, ``--jobs 1`` …) and reports each comparison with
:func:`emit`::

    from common import Samples, emit, interleave

    ours, anchor = interleave(lambda: render_ours(), lambda: render_anchor(), rounds=7)
    emit("warm statement PDF", ours, "raw WeasyPrint, same HTML+CSS", anchor)

``emit`` prints a readable line, and when the environment names a file in
``PAPERKIT_BENCH_ROWS`` (``run.py`` sets it) appends the row to it as one JSON object per
line::

    {"script": "bench_cold.py", "what": "...", "unit": "s",
     "paperkit": [0.61, 0.63, ...], "anchor_name": "...", "anchor": [0.55, ...] | null,
     "note": "..."}

``paperkit`` and ``anchor`` are the raw samples (seconds, or MiB for memory), so that
``run.py`` computes the median, the spread and the ratio the same way for every script.  A
row without an anchor is a plain measurement (anchor null).  A script is found by its name
(``bench_*.py``) and run by ``run.py`` with ``--quick`` when ``make bench QUICK=1``; it must
exit 0 when it measured, non-zero when something it checks failed.

Rules that make figures hold on a shared machine: both sides make the same output (compare
the PDFs' text with :func:`pdf_text`); A and B alternate (A, B, A, B …: :func:`interleave`),
so that load from other processes hits both alike; report medians with the spread
(min–max); memory is PSS (``/proc/PID/smaps_rollup``: shared pages divided among the
processes that share them) or per process, never a sum of RSS; write the load average
(:func:`load_average`) next to the figures.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
POSITIONS = sorted((ROOT / "positions").glob("*.yaml"))
STATEMENT = ROOT / "positions" / "jca-net-2024-09-cybercrime.yaml"
"""The statement the issue's table is measured on (the JCA-NET statement)."""
ROWS_ENV = "PAPERKIT_BENCH_ROWS"
QUICK = "--quick" in sys.argv
# The example positions name ../themes/: a folder outside their own, allowed explicitly (README, "Bad input").
os.environ.setdefault("PAPERKIT_ALLOWED_ROOTS", str(ROOT / "themes"))


# ---------------------------------------------------------------- samples and the protocol


@dataclass(frozen=True)
class Samples:
    """Repeated measurements of one thing (seconds unless the row says otherwise)."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.values), max(self.values)

    def __str__(self) -> str:
        low, high = self.spread
        return f"{fmt(self.median)} ({fmt(low)}–{fmt(high)}, n={len(self.values)})"


def emit(what: str, paperkit: Samples | Sequence[float], anchor_name: str | None = None,
         anchor: Samples | Sequence[float] | None = None, unit: str = "s", note: str = "") -> None:
    """Report one row: print it, and append it to ``$PAPERKIT_BENCH_ROWS`` when set (see above)."""
    ours = paperkit if isinstance(paperkit, Samples) else Samples(tuple(paperkit))
    other = None if anchor is None else anchor if isinstance(anchor, Samples) else Samples(tuple(anchor))
    line = f"{what}: paperkit {ours} {unit}"
    if other is not None:
        line += f" | {anchor_name} {other} {unit} | ratio {ours.median / other.median:.2f}x"
    print(line + (f" [{note}]" if note else ""), flush=True)
    target = os.environ.get(ROWS_ENV)
    if target:
        row = {"script": Path(sys.argv[0]).name, "what": what, "unit": unit, "paperkit": list(ours.values),
               "anchor_name": anchor_name, "anchor": None if other is None else list(other.values), "note": note}
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def interleave(a: Callable[[], object], b: Callable[[], object], rounds: int,
               warmup: int = 1) -> tuple[Samples, Samples]:
    """Run ``a`` and ``b`` alternately (A, B, A, B …) ``rounds`` times each after ``warmup``
    untimed pairs; each call's wall time, or the float it returns (a time it measured
    itself, e.g. a child process's), is one sample."""
    for _ in range(warmup):
        a(), b()
    first: list[float] = []
    second: list[float] = []
    for _ in range(rounds):
        for func, into in ((a, first), (b, second)):
            start = time.perf_counter()
            value = func()
            measured = isinstance(value, float)  # a time the function measured itself
            into.append(value if measured else time.perf_counter() - start)
    return Samples(tuple(first)), Samples(tuple(second))


def timed(func: Callable[[], object], rounds: int, warmup: int = 1) -> Samples:
    """Wall times of ``rounds`` calls after ``warmup`` untimed ones (a row without an anchor)."""
    for _ in range(warmup):
        func()
    values = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        values.append(time.perf_counter() - start)
    return Samples(tuple(values))


# ---------------------------------------------------------------- processes: wall, CPU, PSS


@dataclass(frozen=True)
class Run:
    """One finished process: wall seconds, CPU seconds (its own and its reaped children's),
    and the peak of the PSS summed over it and its children (MiB; 0 when not sampled)."""

    wall: float
    cpu: float
    pss_mib: float


def run_process(argv: Sequence[str], cwd: Path = ROOT / "bench", env: dict[str, str] | None = None,
                sample_memory: bool = False) -> Run:
    """Run ``argv`` to its end (it must succeed) and measure it.  It runs in bench/, where no
    ``paperkit`` folder is: ``python -m`` puts the working folder first on ``sys.path``, so
    ``PYTHONPATH=<another checkout>`` measures that checkout (a before/after comparison)."""
    start = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]
    sampler = None
    if sample_memory:
        sampler = threading.Thread(target=_sample_pss, args=(process.pid, peak), daemon=True)
        sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({process.returncode}):\n{stderr[-2000:]}")
    if sampler is not None:
        sampler.join()
    return Run(wall, usage.ru_utime + usage.ru_stime, peak[0])


def pss_mib(pid: int) -> float:
    """The proportional set size of one process in MiB (0 when it has gone)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree_pss_mib(pid: int) -> float:
    """PSS of a process and all its descendants, summed (PSS adds up; RSS would not)."""
    return sum(pss_mib(p) for p in _tree(pid))


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                todo += [int(c) for c in children]
        except OSError:
            continue
    return out


def _sample_pss(pid: int, peak: list[float]) -> None:
    while Path(f"/proc/{pid}/stat").exists():
        try:
            if Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
                return
        except OSError:
            return
        peak[0] = max(peak[0], tree_pss_mib(pid))
        time.sleep(0.02)


# ---------------------------------------------------------------- same output, conditions


def pdf_text(data: bytes | Path) -> str:
    """The text of a PDF (pdftotext), whitespace folded: to check both sides made the same."""
    args = ["pdftotext", "-layout", str(data) if isinstance(data, Path) else "-", "-"]
    result = subprocess.run(args, input=None if isinstance(data, Path) else data, capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def load_average() -> str:
    """The 1-, 5- and 15-minute load averages and the CPUs: the conditions of the figures."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def paperkit_command() -> list[str]:
    """The command that runs this checkout's paperkit in a new process."""
    return [sys.executable, "-m", "paperkit.cli"]


def as_installed(env: dict[str, str]) -> dict[str, str]:
    """``env`` for timing paperkit as a user's install runs it: with bytecode.

    pip compiles a package's modules when it installs it (an editable install writes the
    ``.pyc`` on first import), but a checkout run with ``PYTHONDONTWRITEBYTECODE=1`` (this
    project's shell sets it) compiles paperkit's ~90 modules from source in every process
    (~0.1 s of a cold render: 0.096 s, medians of 5 interleaved, load 2.5–2.8, 2026-11-30)
    while its dependencies have their ``.pyc`` from pip.  So: compile the paperkit that
    ``env`` imports (``compileall``, which writes regardless of that variable) and drop the
    variable from the environment of the timed processes."""
    env = {key: value for key, value in env.items() if key != "PYTHONDONTWRITEBYTECODE"}
    find = subprocess.run([sys.executable, "-c", "import paperkit, os; print(os.path.dirname(paperkit.__file__))"],
                          cwd=ROOT / "bench", env=env, capture_output=True, text=True, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", find.stdout.strip()], env=env,
                   stdout=subprocess.DEVNULL, check=True)
    return env


# ---------------------------------------------------------------- printing


def best_of(func: Callable[[], object], repeat: int = 5, warmup: int = 1) -> float:
    """Median wall time of ``func`` in seconds, after ``warmup`` untimed calls."""
    return timed(func, repeat, warmup).median


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A plain-text table, columns aligned."""
    cells = [headers] + [[fmt(c) for c in row] for row in rows]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)
