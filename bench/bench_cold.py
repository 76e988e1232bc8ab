"""Cold processes: what a user waits for when typing one command, against the anchors.

    .venv/bin/python bench/bench_cold.py [--quick]

Each row runs two commands in turn (A, B, A, B …) as new processes and reports the medians,
their spread and the ratio; CPU seconds are reported too (less sensitive to other load).

1. ``paperkit render`` of the JCA-NET statement, PDF + DOCX, against pandoc's two commands
   (md → docx, md → pdf with the WeasyPrint engine) on paperkit's own Markdown of the statement
   (the issue's goal: ≤ 1.1×).  Skipped, and said, when pandoc is not installed.
2. ``render --format docx`` against pandoc md → docx; ``render --format pdf`` against pandoc
   md → pdf (WeasyPrint).
3. ``render --format pdf`` against Typst compiling the same statement written in Typst markup
   (bench/typst_markup/statement.typ) in a new Python process: what one machine can do.
4. ``paperkit validate`` against ``python -c "import weasyprint"``.

The Jinja bytecode cache is the user's: the first run of each row fills it (the warm-up
pair), as it is filled on a user's machine after the first render.

paperkit runs as installed: with its modules compiled to ``.pyc`` (``common.as_installed``
runs ``compileall`` on the paperkit the processes import and drops ``PYTHONDONTWRITEBYTECODE``
from their environment), as pip leaves WeasyPrint's and every other dependency's.  Without
that, a checkout in a shell with ``PYTHONDONTWRITEBYTECODE=1`` compiles paperkit's ~90 modules
from source in every process: ~0.1 s (medians of 5 interleaved) that no user pays.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import (QUICK, ROOT, STATEMENT, Samples, as_installed, emit, interleave, load_average, paperkit_command,
                    run_process)

ROUNDS = 3 if QUICK else 7
TYPST = ROOT / "bench" / "typst_markup" / "statement.typ"
"""Not ``bench/typst``: a folder of that name beside this script was imported as the ``typst`` package."""


def paired(a: list[list[str]], b: list[list[str]], env: dict[str, str]) -> tuple[Samples, Samples, Samples, Samples]:
    """Wall and CPU seconds of the command lists ``a`` and ``b`` (each a sequence of processes)."""
    cpu_a: list[float] = []
    cpu_b: list[float] = []

    def side(commands: list[list[str]], cpu: list[float]) -> float:
        runs = [run_process(c, env=env) for c in commands]
        cpu.append(sum(r.cpu for r in runs))
        return sum(r.wall for r in runs)

    wall_a, wall_b = interleave(lambda: side(a, cpu_a), lambda: side(b, cpu_b), ROUNDS)
    return wall_a, wall_b, Samples(tuple(cpu_a[1:])), Samples(tuple(cpu_b[1:]))


def main() -> int:
    print(f"conditions: {load_average()}", flush=True)
    env = as_installed({**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        paperkit = [*paperkit_command(), "render", str(STATEMENT), "--out", str(out / "pk")]
        run_process([*paperkit_command(), "render", str(STATEMENT), "--format", "md", "--out", str(out)], env=env)
        markdown = next(out.glob("*.md"))
        pandoc = shutil.which("pandoc")
        docx = [*paperkit, "--format", "docx"]
        pdf = [*paperkit, "--format", "pdf"]
        if pandoc:
            to_docx = [pandoc, str(markdown), "-s", "-o", str(out / "pandoc.docx")]
            to_pdf = [pandoc, str(markdown), "-s", "--pdf-engine=weasyprint", "--metadata", "title=statement",
                      "-o", str(out / "pandoc.pdf")]
            rows = [("cold render, statement PDF + DOCX", [[*paperkit, "--format", "pdf,docx"]],
                     "pandoc md→docx + md→pdf (WeasyPrint)", [to_docx, to_pdf]),
                    ("cold render --format docx", [docx], "pandoc md→docx", [to_docx]),
                    ("cold render --format pdf", [pdf], "pandoc md→pdf (WeasyPrint)", [to_pdf])]
            for what, a, anchor, b in rows:
                wall_a, wall_b, cpu_a, cpu_b = paired(a, b, env)
                emit(what, wall_a, anchor, wall_b)
                emit(what + ", CPU", cpu_a, anchor, cpu_b)
        else:
            print("pandoc is not installed (bin/setup --bench installs it): no pandoc rows", flush=True)
        try:
            import typst  # noqa: F401
        except ImportError:
            print("typst is not installed (pip install -e '.[bench]'): no Typst row", flush=True)
        else:
            typst_cmd = [sys.executable, "-c", f"import typst; typst.compile({str(TYPST)!r}, output={str(out / 't.pdf')!r})"]
            wall_a, wall_b, cpu_a, cpu_b = paired([pdf], [typst_cmd], env)
            emit("cold render --format pdf", wall_a, "Typst (same statement in Typst markup)", wall_b)
        validate = [*paperkit_command(), "validate", *[str(p) for p in sorted((ROOT / "positions").glob("*.yaml"))]]
        wall_a, wall_b, cpu_a, cpu_b = paired([validate], [[sys.executable, "-c", "import weasyprint"]], env)
        emit("cold validate (every example position)", wall_a, 'python -c "import weasyprint"', wall_b)
    print(f"conditions after: {load_average()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
