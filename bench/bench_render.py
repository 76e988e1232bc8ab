"""Warm renders in one process: paperkit against raw WeasyPrint on the very same HTML and CSS.

    .venv/bin/python bench/bench_render.py [--quick]

1. Per position: paperkit's PDF writer (tree → HTML → WeasyPrint, checks) against WeasyPrint
   called directly with the HTML paperkit makes and every stylesheet it passes (style.css,
   the theme's and the fonts' CSS, a profile's layout, the paper size), the same URL fetcher,
   FontConfiguration and PDF variant.  The two PDFs' text is compared first: a row is only
   reported when both sides make the same document.  A and B alternate.
2. Per position and format: the median warm time per document (a plain table, no anchor).

Rows emitted: the JCA-NET statement's PDF (the issue's "warm statement PDF"), and the
geometric mean of the ratios over every position.
"""

from __future__ import annotations

import statistics
import sys

from common import POSITIONS, QUICK, STATEMENT, emit, interleave, load_average, pdf_text, table, timed

from paperkit import build, load, resolve
from paperkit.jobs import writer_options
from paperkit.writers import FORMATS, writer

ROUNDS = 3 if QUICK else 7


def raw_weasyprint(document, options):
    """A function making the PDF with WeasyPrint alone, from what paperkit hands it."""
    import weasyprint

    from paperkit.writers import pdf as w
    from paperkit.writers.html import stylesheet_path, template_folders
    from paperkit.writers.resources import resource_roots
    from paperkit.writers.theme_css import document_css, layout_css

    page = w.paged_html(document, options)
    roots = resource_roots(document, options)
    folders = template_folders(document, options)
    css = stylesheet_path(document, options)
    sheets = [w.parsed_stylesheet(css, css.stat().st_mtime_ns, roots), w.theme_stylesheet(document_css(document))]
    layout = layout_css(getattr(document, "layout", None))
    if layout:
        sheets.append(w.theme_stylesheet(layout))
    sheets.append(w.paper_stylesheet(w.paper_size(options.paper or document.meta.paper)))
    base = w.directory_url((*options.resource_roots, *folders)[0])
    fetcher = w.LocalFileFetcher(roots)

    def make() -> bytes:
        return weasyprint.HTML(string=page, base_url=base, url_fetcher=fetcher).write_pdf(
            stylesheets=sheets, font_config=w.FONT_CONFIG, pdf_variant=options.pdf_variant)
    return make


def main() -> int:
    print(f"conditions: {load_average()}", flush=True)
    status, ratios, rows = 0, [], []
    pdf = writer("pdf")
    for path in POSITIONS:
        resolved = resolve(load(path))
        document, options = build(resolved), writer_options(resolved)
        raw = raw_weasyprint(document, options)
        if pdf_text(pdf(document, options)) != pdf_text(raw()):
            print(f"{path.name}: raw WeasyPrint makes another text: not compared", flush=True)
            status = 1
            continue
        ours, anchor = interleave(lambda: pdf(document, options), raw, ROUNDS)
        ratios.append(ours.median / anchor.median)
        if path == STATEMENT:
            emit("warm statement PDF", ours, "raw WeasyPrint, same HTML+CSS", anchor)
        row = [path.stem[:40]]
        for fmt in FORMATS:
            row.append(timed(lambda: writer(fmt)(document, options), 3 if QUICK else 5).median * 1000)
        rows.append(row)
    print(table(["position", *(f"{f} ms" for f in FORMATS)], rows))
    if ratios:
        mean = statistics.geometric_mean(ratios)
        print(f"PDF, paperkit against raw WeasyPrint: geometric mean {mean:.2f}x over {len(ratios)} positions "
              f"(min {min(ratios):.2f}x, max {max(ratios):.2f}x)", flush=True)
    print(f"conditions after: {load_average()}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
