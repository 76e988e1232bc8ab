"""DOCX with embedded fonts against the same DOCX without: size and render time, per language.

    .venv/bin/python bench/bench_fonts.py

For every position and language, in one run: the DOCX size and the median warm render time
with ``embed_fonts=False`` (the fonts named only) and with the fonts embedded (subset to the
document's characters, the subset cache emptied before each run, so every run subsets), and
the ratios.  "first" is the first embedding render of the document in the process (for the
first document: fontconfig look-ups and the font files read by HarfBuzz too).
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from common import POSITIONS, ROOT, best_of, table

sys.path.insert(0, str(ROOT))

from paperkit.document import build  # noqa: E402
from paperkit.jobs import writer_options  # noqa: E402
from paperkit.load import load  # noqa: E402
from paperkit.resolve import resolve  # noqa: E402
from paperkit.writers import writer  # noqa: E402
from paperkit.writers.docx.embed import subset_face  # noqa: E402


def main() -> None:
    write = writer("docx")
    rows = []
    by_language: dict[str, list[tuple[int, int, float, float]]] = {}
    for path in POSITIONS:
        position = load(path)
        resolved = resolve(position)
        options = writer_options(resolved)
        bare_options = replace(options, embed_fonts=False)
        for lang in position.languages:
            document = build(resolved, lang)
            bare = write(document, bare_options)
            start = time.perf_counter()
            embedded = write(document, options)
            first = time.perf_counter() - start
            t_bare = best_of(lambda: write(document, bare_options), repeat=3)
            t_embedded = best_of(lambda: (subset_face.cache_clear(), write(document, options)), repeat=3)
            rows.append([f"{position.id[:34]} {lang}", len(bare), len(embedded), len(embedded) / len(bare),
                         t_bare, first, t_embedded, t_embedded / t_bare])
            by_language.setdefault(lang.split("-")[0], []).append((len(bare), len(embedded), t_bare, t_embedded))
    print(table(["document", "bytes bare", "bytes embedded", "size ×", "s bare", "s first", "s embedded", "time ×"],
                rows))
    print()
    summary = []
    for lang, values in sorted(by_language.items()):
        bare = sum(v[0] for v in values) / len(values)
        embedded = sum(v[1] for v in values) / len(values)
        t_bare = sum(v[2] for v in values) / len(values)
        t_embedded = sum(v[3] for v in values) / len(values)
        summary.append([lang, len(values), round(bare), round(embedded), embedded / bare, t_bare, t_embedded,
                        t_embedded / t_bare])
    print(table(["language", "documents", "mean bytes bare", "mean bytes embedded", "size ×", "s bare",
                 "s embedded", "time ×"], summary))


if __name__ == "__main__":
    main()
