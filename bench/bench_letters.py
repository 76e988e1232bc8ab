"""Mail merge benchmark: 193 one-page letters, one per UN member state, as PDF and DOCX.

    .venv/bin/python bench/bench_letters.py            # everything (some ten minutes on 2 loaded cores)
    .venv/bin/python bench/bench_letters.py --quick    # 50 letters, one round, no memory runs
    .venv/bin/python bench/bench_letters.py --rounds=2 --no-memory

Every comparison is A/B interleaved (A, B, A, B … in each round) and reported as the median with
its spread (min–max), wall and CPU time (this process and its finished children, i.e. the pool's
workers), with the load average before and after: the machine is shared, so the ratios hold
better than the absolute figures.

1. The merge (``paperkit.batch.merge``, PDF + DOCX, files and manifest, in a warm process) with
   the letter laid out once (``batch.LAYOUT_ONCE``, writers/pdf_stencil.py) against every letter
   laid out in full, with ``jobs=1`` and ``jobs=2``; the goal: 193 letters in ≤ 3 s on 2 cores.
2. The command (a cold ``paperkit render --recipients``, as a user runs it) for 193 letters
   against the same command for one letter; the goal: ≤ 3×.
3. Per letter against a loop of raw renders of the same documents: WeasyPrint on the very
   HTML paperkit makes (same parsed stylesheets, same FontConfiguration) plus docxtpl
   rendering the same letter template with the letter's paragraphs in a ``{%p for %}`` loop.
4. DOCX per letter: the merge's stencil (parts made once, only document.xml per recipient)
   against paperkit's writer rendering the template from scratch, and raw docxtpl.
5. Peak memory of a merge of 1,000 letters against 50 (a subprocess each: the peak PSS of its
   process tree, parent and forked workers, sampled), aim ≤ 1.3×.

The recipients' countries are Babel's territory names for the 193 member states (nothing
is downloaded); the letter is positions/jca-net-2024-09-letter-to-the-foreign-minister.yaml
without its footnote, copy, enclosure and last paragraph, so that it fits one page (checked).
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from common import ROOT, as_installed, emit, interleave, table

sys.path.insert(0, str(ROOT))

UN_MEMBERS = (
    "AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD "
    "CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR "
    "GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG "
    "MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PW PA PG PY PE "
    "PH PL PT QA KR RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ "
    "TH TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW").split()
assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193

LETTER = ROOT / "positions" / "jca-net-2024-09-letter-to-the-foreign-minister.yaml"
FORMATS = ("pdf", "docx")


def countries() -> list[str]:
    from babel import Locale

    names = Locale("en").territories
    return [names[code] for code in UN_MEMBERS]


def setup(folder: Path, count: int) -> Path:
    """A one-page letter made for each recipient of a CSV of ``count`` missions."""
    text = LETTER.read_text(encoding="utf-8")
    text = text.replace("[^jp-const-21]", "")
    text = text.replace("theme: ../themes/", f"theme: {ROOT / 'themes'}/")  # the logo and colours too
    # one page: without the copy, the enclosure and the last paragraph
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("  cc:", "  enclosures:")))
    text = text[:text.index("  - >-\n    We would welcome")] + text[text.index("\nreferences:") + 1:]
    text = text[:text.index("\nrecipients:")] + "\nrecipients:\n  file: missions.csv\n" + text[text.index("\nbody:"):]
    text = text.replace("id: jca-net-2024-09-letter-to-the-foreign-minister", "id: bench-letters")
    (folder / "letter.yaml").write_text(text, encoding="utf-8")
    names = countries()
    with open(folder / "missions.csv", "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["honorific", "name", "title", "organisation", "address", "country"])
        for i in range(count):
            country = names[i % len(names)]
            suffix = f" ({i // len(names) + 1})" if i >= len(names) else ""
            out.writerow(["H.E.", f"Permanent Representative of {country}{suffix}", "Permanent Representative",
                          f"Permanent Mission of {country} to the United Nations",
                          "United Nations Plaza\nNew York, NY 10017", country])
    return folder / "letter.yaml"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the pool's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def merge_time(position: Path, out: Path, jobs: int, cpu: list | None = None) -> tuple[float, int]:
    """Wall time of a merge (its CPU time is appended to ``cpu``) and the number of letters."""
    from paperkit.batch import merge

    start, start_cpu = time.perf_counter(), cpu_seconds()
    result = merge(position, formats=FORMATS, out=out, jobs=jobs)
    assert result.ok, result.failures
    assert {w.pages for w in result.written if w.format == "pdf"} == {1}, "the letters must fit one page"
    if cpu is not None:
        cpu.append(cpu_seconds() - start_cpu)
    return time.perf_counter() - start, len({w.order[0] for w in result.written})


def raw_loop(position_path: Path) -> tuple[float, float, float, float, int]:
    """Seconds per letter: raw WeasyPrint, raw docxtpl; paperkit's DOCX writer and stencil."""
    import weasyprint
    from docxtpl import DocxTemplate

    from paperkit.document import build
    from paperkit.jobs import writer_options
    from paperkit.load import load
    from paperkit.resolve import resolve
    from paperkit.writers import html as html_writer
    from paperkit.writers import pdf as pdf_writer
    from paperkit.writers import writer
    from paperkit.writers.docx.stencil import DocxStencil
    from paperkit.writers.templating import builtin_templates

    position = resolve(load(position_path))
    options = writer_options(position)
    documents = [build(position, recipient=row.recipient) for row in position.recipients]
    pages = [html_writer.render_html(d, options, paged=True) for d in documents]
    css_path = html_writer.stylesheet_path(documents[0], options)
    from paperkit.writers.resources import resource_roots

    roots = resource_roots(documents[0], options)  # the position's, the theme's and the template folders
    sheets = [pdf_writer.parsed_stylesheet(css_path, css_path.stat().st_mtime_ns, roots),
              pdf_writer.paper_stylesheet("A4")]
    base = css_path.parent.as_uri() + "/"
    fetcher = pdf_writer.LocalFileFetcher(roots)

    def raw_pdf(page: str) -> bytes:
        return weasyprint.HTML(string=page, base_url=base, url_fetcher=fetcher).write_pdf(
            stylesheets=sheets, font_config=pdf_writer.FONT_CONFIG, pdf_variant="pdf/ua-1")

    with tempfile.TemporaryDirectory() as tmp:
        template = loop_template(builtin_templates() / "letter" / "document.docx", Path(tmp))
        texts = [paragraph_texts(d) for d in documents]

        def raw_docx(paragraphs: list[str]) -> bytes:
            tpl = DocxTemplate(str(template))
            tpl.render({"paragraphs": paragraphs, "title": "", "page_numbers": ""})
            buffer = io.BytesIO()
            tpl.save(buffer)
            return buffer.getvalue()

        raw_pdf(pages[0]), raw_docx(texts[0])  # warm
        t_pdf = per_item(raw_pdf, pages)
        t_docx = per_item(raw_docx, texts)
    t_writer = per_item(lambda d: writer("docx")(d, options), documents)
    stencil = DocxStencil(documents[0], options)
    t_stencil = per_item(stencil.write, documents)
    return t_pdf, t_docx, t_writer, t_stencil, len(documents)


def per_item(func, items) -> float:
    start = time.perf_counter()
    for item in items:
        func(item)
    return (time.perf_counter() - start) / len(items)


def paragraph_texts(document) -> list[str]:
    """Every paragraph of text of a letter, as plain strings (what a plain docxtpl loop prints)."""
    from paperkit.document import nodes as n
    from paperkit.document import plain

    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, n.Letterhead):
            out += [block.name, *block.address]
        elif isinstance(block, n.RecipientBlock):
            out += [line for recipient in block.recipients for line in recipient.lines]
        elif isinstance(block, (n.DateLine, n.Salutation, n.Closing)):
            out.append(block.text)
        elif isinstance(block, (n.Paragraph, n.SubjectLine)):
            out.append(plain(block.content))
        elif isinstance(block, n.ListBlock):
            out += ([plain(block.lead_in)] if block.lead_in else []) + [
                f"{item.label} {plain(item.content)}" for item in block.items]
        elif isinstance(block, n.Signers):
            out += [s.name for s in block.signers]
        elif isinstance(block, n.CopyList):
            out += list(block.entries)
        elif isinstance(block, n.Enclosures):
            out += [plain(e) for e in block.entries]
    return out


def loop_template(source: Path, folder: Path) -> Path:
    """The letter template with its body tag replaced by a plain docxtpl loop."""
    tags = ["{%p for para in paragraphs %}", "{{ para }}", "{%p endfor %}"]
    loop = "".join(f'<w:p><w:r><w:t xml:space="preserve">{tag}</w:t></w:r></w:p>' for tag in tags)
    body = '<w:p><w:r><w:t xml:space="preserve">{{p body }}</w:t></w:r></w:p>'
    target = folder / "letter-loop.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(body.encode(), loop.encode())
            elif item.filename.startswith("word/footer"):
                data = data.replace(b"{{r page_numbers }}", b"")
            zout.writestr(item, data)
    return target


# ---------------------------------------------------------------- memory


def memory_run(count: int, jobs: int) -> dict:
    """In this process: a merge of ``count`` letters (its seconds and letters)."""
    with tempfile.TemporaryDirectory() as tmp:
        position = setup(Path(tmp), count)
        seconds, letters = merge_time(position, Path(tmp) / "out", jobs)
    return {"count": letters, "seconds": seconds}


def memory(jobs: int = 2) -> None:
    """Peak PSS of the merge's process tree (the parent and its forked workers: the pages they
    share counted once, divided among them), 1,000 letters against 50."""
    from common import run_process

    runs = []
    for count in (50, 1000):
        run = run_process([sys.executable, __file__, "--memory", str(count), str(jobs)], sample_memory=True)
        runs.append({"count": count, "seconds": run.wall, "pss_mib": run.pss_mib})
    print(f"\nPeak memory of a merge (PDF + DOCX, jobs={jobs}; PSS of the process tree in MiB, sampled every 20 ms)")
    print(table(["letters", "seconds", "peak PSS"], [[r["count"], r["seconds"], r["pss_mib"]] for r in runs]))
    print(f"1,000 vs 50 letters: {runs[1]['pss_mib'] / runs[0]['pss_mib']:.2f}x the peak PSS (aim <= 1.3x)")


# ---------------------------------------------------------------- A/B


def load_average() -> str:
    path = Path("/proc/loadavg")
    return path.read_text().split()[0] if path.exists() else "?"


def spread(values: list[float], scale: float = 1.0) -> str:
    """``median (min–max)``."""
    return f"{statistics.median(values) * scale:.3f} ({min(values) * scale:.3f}–{max(values) * scale:.3f})"


def merge_ab(position: Path, folder: Path, rounds: int) -> dict[tuple[str, int], dict[str, list[float]]]:
    """Wall and CPU seconds of the merge, laid out once (``once``) and in full (``full``), jobs 1 and 2,
    interleaved: once, full, once, full … in every round."""
    from paperkit import batch

    runs: dict[tuple[str, int], dict[str, list[float]]] = {}
    for _ in range(rounds):
        for jobs in (1, 2):
            for name, once in (("once", True), ("full", False)):
                batch.LAYOUT_ONCE = once
                cpu: list[float] = []
                seconds, letters = merge_time(position, folder / f"{name}{jobs}", jobs, cpu)
                run = runs.setdefault((name, jobs), {"wall": [], "cpu": [], "letters": []})
                run["wall"].append(seconds)
                run["cpu"].append(cpu[0])
                run["letters"].append(letters)
    batch.LAYOUT_ONCE = True
    return runs


def command_seconds(args: list[str], once: bool, env: dict[str, str]) -> float:
    """Wall seconds of a cold ``paperkit`` command (``once``: the merge lays letters out once)."""
    code = (f"import sys; import paperkit.batch as b; b.LAYOUT_ONCE = {once}; "
            "from paperkit.cli import main; sys.exit(main(sys.argv[1:]))")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def command_ab(position: Path, folder: Path, rounds: int) -> dict[tuple[str, str], list[float]]:
    """The cold command for every recipient and for the first one only, laid out once and in full."""
    with open(folder / "missions.csv", encoding="utf-8", newline="") as handle:
        header, first = list(csv.reader(handle))[:2]
    with open(folder / "one.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, first])
    out: dict[tuple[str, str], list[float]] = {}
    env = as_installed(dict(os.environ))  # cold processes time paperkit as installed, with its .pyc
    for _ in range(rounds):
        for csv_name, label in (("missions.csv", "all"), ("one.csv", "one")):
            for name, once in (("once", True), ("full", False)):
                args = ["render", str(position), "--recipients", str(folder / csv_name), "--format", "pdf,docx",
                        "--out", str(folder / f"cmd-{label}-{name}"), "--jobs", "2"]
                out.setdefault((label, name), []).append(command_seconds(args, once, env))
    return out


def typst_row(position: Path, folder: Path, rounds: int) -> None:
    """The merge's PDFs (warm process, jobs=1, files and manifest) against Typst compiling
    bench/typst_markup/letter.typ for each recipient with one incremental compiler (files written):
    the anchor of what one machine can do.  Said and skipped when typst is not installed."""
    try:
        import typst
    except ImportError:
        print("typst is not installed (pip install -e '.[bench]'): no Typst row", flush=True)
        return
    with open(folder / "missions.csv", encoding="utf-8", newline="") as handle:
        recipients = list(csv.DictReader(handle))
    compiler = typst.Compiler(str(ROOT / "bench" / "typst_markup" / "letter.typ"))
    out = folder / "typst"
    out.mkdir(exist_ok=True)

    def ours() -> float:
        start = time.perf_counter()
        from paperkit.batch import merge

        result = merge(position, formats=("pdf",), out=folder / "pdf-only", jobs=1)
        assert result.ok, result.failures
        return time.perf_counter() - start

    def anchor() -> float:
        start = time.perf_counter()
        for i, row in enumerate(recipients):
            inputs = {key: row[key] for key in ("honorific", "name", "title", "organisation", "address")}
            (out / f"{i}.pdf").write_bytes(compiler.compile(sys_inputs=inputs))
        return time.perf_counter() - start

    a, b = interleave(ours, anchor, rounds + 1)
    emit(f"{len(recipients)} letters, PDF only, jobs=1, warm process", a,
         "Typst, one incremental compiler fed each recipient", b, note="what one machine can do")


# ---------------------------------------------------------------- main


def main(quick: bool, rounds: int | None = None, with_memory: bool = True) -> None:
    count = 50 if quick else 193
    rounds = rounds or (1 if quick else 3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        position = setup(folder, count)
        merge_time(position, folder / "warm", 1)  # imports, fonts, caches: as a long-running process has them
        before = load_average()
        runs = merge_ab(position, folder, rounds)
        after = load_average()
        letters = runs[("once", 1)]["letters"][0]
        print(f"{letters} one-page letters, PDF + DOCX, written with manifest, warm process; {rounds} rounds "
              f"interleaved; median (min–max); load average {before} → {after} on {os.cpu_count()} CPUs")
        rows = []
        for jobs in (1, 2):
            for name in ("full", "once"):
                run = runs[(name, jobs)]
                rows.append([jobs, "laid out once" if name == "once" else "every letter in full",
                             spread(run["wall"]), spread(run["wall"], 1000 / letters), spread(run["cpu"])])
        print(table(["jobs", "merge", "wall s", "wall ms/letter", "CPU s (all processes)"], rows))
        for jobs in (1, 2):
            ratio = [f / o for f, o in zip(runs[("full", jobs)]["wall"], runs[("once", jobs)]["wall"])]
            cpu = [f / o for f, o in zip(runs[("full", jobs)]["cpu"], runs[("once", jobs)]["cpu"])]
            print(f"jobs={jobs}: laid out once is {spread(ratio)}x faster in wall time, {spread(cpu)}x in CPU time "
                  "(paired rounds)")
        for jobs in (1, 2):  # the rows of `make bench` (bench/README.md)
            for measure in ("wall", "cpu"):
                emit(f"{letters} letters merge, PDF + DOCX, jobs={jobs}, {measure}", runs[("once", jobs)][measure],
                     "every letter laid out in full", runs[("full", jobs)][measure],
                     note="laid out once; warm process" + ("; CPU of all processes" if measure == "cpu" else ""))
        pool = [o1 / o2 for o1, o2 in zip(runs[("once", 1)]["wall"], runs[("once", 2)]["wall"])]
        best = statistics.median(runs[("once", 2)]["wall"])
        print(f"pool speed-up, laid out once: {spread(pool)}x (aim >= 1.7x on idle cores); "
              f"{count} letters with jobs=2 in {best:.2f} s (goal for 193: <= 3 s)")

        before = load_average()
        commands = command_ab(position, folder, rounds)
        after = load_average()
        print(f"\nThe cold command, --jobs 2, PDF + DOCX (load average {before} → {after}); wall s, median (min–max)")
        print(table(["letters", "laid out once", "every letter in full"], [
            [letters, spread(commands[("all", "once")]), spread(commands[("all", "full")])],
            [1, spread(commands[("one", "once")]), spread(commands[("one", "full")])],
        ]))
        emit(f"cold command, {letters} letters --jobs 2", commands[("all", "once")], "the same command, 1 letter",
             commands[("one", "once")], note="goal <= 3x for 193")
        for name in ("once", "full"):
            ratio = [a / b for a, b in zip(commands[("all", name)], commands[("one", name)])]
            print(f"{letters} letters vs one, {'laid out once' if name == 'once' else 'in full'}: {spread(ratio)}x "
                  "(goal <= 3x for 193)")

        typst_row(position, folder, rounds)

        t_pdf, t_docx, t_writer, t_stencil, n = raw_loop(position)
        raw = t_pdf + t_docx
        ours = statistics.median(runs[("once", 1)]["wall"]) / letters
        print(f"\nPer letter, ms (loop over the {n} letters, one process)")
        print(table(["what", "ms"], [
            ["raw WeasyPrint (same HTML, stylesheets, fonts)", t_pdf * 1000],
            ["raw docxtpl (same template, paragraphs in a loop)", t_docx * 1000],
            ["raw PDF + DOCX", raw * 1000],
            ["paperkit merge laid out once, jobs=1 (tree, HTML, PDF, DOCX, files, manifest)", ours * 1000],
            ["paperkit DOCX writer, template from scratch", t_writer * 1000],
            ["paperkit DOCX stencil (parts made once)", t_stencil * 1000],
        ]))
        print(f"merge per letter vs raw loop: {ours / raw:.2f}x")
        print(f"DOCX stencil vs writer from scratch: {t_stencil / t_writer:.3f}x; vs raw docxtpl: "
              f"{t_stencil / t_docx:.3f}x")
    if with_memory and not quick:
        memory()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--memory":
        print(json.dumps(memory_run(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        asked = [int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--rounds=")]
        main("--quick" in sys.argv, asked[0] if asked else None, "--no-memory" not in sys.argv)
