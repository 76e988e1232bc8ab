"""Foundation benchmark: paperkit's cost per document and format, against baselines in the same run.

1. Each position in positions/ × each format: median warm time per document.
2. PDF: paperkit (tree → HTML → WeasyPrint) against raw WeasyPrint rendering the very same
   HTML and stylesheet with the same reuse (one FontConfiguration, parsed CSS): the ratio is
   the overhead paperkit adds (aim ≤ 1.15×).
3. `paperkit validate` as a whole process against `python -c "import weasyprint"` (aim ≤ 0.5×;
   validate must never import WeasyPrint or docxtpl).

Run: .venv/bin/python bench/bench_render.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import POSITIONS, ROOT, best_of, table

from paperkit import build, load
from paperkit.jobs import writer_options
from paperkit.writers import FORMATS, writer


def per_format() -> None:
    rows = []
    for path in POSITIONS:
        document = build(load(path))
        options = writer_options(load(path))
        row = [path.stem[:34]]
        for fmt in FORMATS:
            row.append(best_of(lambda: writer(fmt)(document, options), repeat=5) * 1000)
        rows.append(row)
    print("Warm time per document, ms (median of 5)")
    print(table(["position", *FORMATS], rows))


def pdf_overhead() -> None:
    import weasyprint

    from paperkit.writers import html as html_writer
    from paperkit.writers import pdf as pdf_writer

    font_config = pdf_writer.FONT_CONFIG
    rows, ratios = [], []
    for path in POSITIONS:
        position = load(path)
        document = build(position)
        options = writer_options(position)
        page = html_writer.render_html(document, options, paged=True)
        css_path = html_writer.stylesheet_path(document, options)
        css = [weasyprint.CSS(filename=str(css_path), font_config=font_config),
               weasyprint.CSS(string=f"@page {{ size: {pdf_writer.paper_size(document.meta.paper)}; }}",
                              font_config=font_config)]
        base = css_path.parent.as_uri() + "/"

        def raw() -> bytes:
            return weasyprint.HTML(string=page, base_url=base).write_pdf(
                stylesheets=css, font_config=font_config, pdf_variant="pdf/ua-1")

        def ours() -> bytes:
            return pdf_writer.write(document, options)

        # interleave so that machine load hits both alike
        t_raw, t_ours = [], []
        for _ in range(5):
            t_raw.append(best_of(raw, repeat=1, warmup=0))
            t_ours.append(best_of(ours, repeat=1, warmup=0))
        raw_ms, ours_ms = statistics.median(t_raw) * 1000, statistics.median(t_ours) * 1000
        ratios.append(ours_ms / raw_ms)
        rows.append([path.stem[:34], raw_ms, ours_ms, f"{ours_ms / raw_ms:.2f}x"])
    print("\nPDF: raw WeasyPrint of the same HTML+CSS vs paperkit (ms, median of 5, warm)")
    print(table(["position", "raw", "paperkit", "ratio"], rows))
    print(f"geometric-mean ratio: {statistics.geometric_mean(ratios):.2f}x (aim <= 1.15x)")


def process_time(args: list[str], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def validate_speed() -> None:
    files = [str(p) for p in POSITIONS]
    baseline = process_time([sys.executable, "-c", "import weasyprint"])
    ours = process_time([sys.executable, "-m", "paperkit.cli", "validate", *files])
    bare = process_time([sys.executable, "-c", "pass"])
    print("\nWhole process, s (median of 7)")
    print(table(["command", "seconds", "vs import weasyprint"], [
        ["python -c pass", bare, f"{bare / baseline:.2f}x"],
        ["python -c 'import weasyprint'", baseline, "1.00x"],
        [f"paperkit validate ({len(files)} files)", ours, f"{ours / baseline:.2f}x (aim <= 0.5x)"],
    ]))


if __name__ == "__main__":
    per_format()
    pdf_overhead()
    validate_speed()
