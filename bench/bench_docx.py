"""DOCX benchmark: paperkit's writer next to a plain docxtpl render of the same content.

    .venv/bin/python bench/bench_docx.py

For each position: paperkit's DOCX writer (styles, numbering, footnotes, hyperlinks,
reproducible zip) against docxtpl used the ordinary way — ``DocxTemplate(path)``,
``render`` with a ``{%p for %}`` loop over the same text as plain paragraphs, ``save`` —
on the same lean template (ratio: aim ≤ 1.2×).  Then the same plain render on a template
made from python-docx's default document, to show what the lean template saves.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

from common import POSITIONS, ROOT, best_of, table

sys.path.insert(0, str(ROOT))

from paperkit.document import build, plain  # noqa: E402
from paperkit.document import nodes as n  # noqa: E402
from paperkit.load import load  # noqa: E402
from paperkit.writers import WriterOptions, writer  # noqa: E402
from paperkit.writers.templating import builtin_templates  # noqa: E402

LOOP = ["{%p for para in paragraphs %}", "{{ para }}", "{%p endfor %}"]


def texts(document: n.Document) -> list[str]:
    """Every paragraph of text the document carries, flattened (what a plain loop prints)."""
    out: list[str] = []

    def blocks(items):
        for block in items:
            if isinstance(block, (n.Heading, n.Paragraph)):
                out.append(plain(block.content))
            elif isinstance(block, n.ListBlock):
                if block.lead_in:
                    out.append(plain(block.lead_in))
                for item in block.items:
                    out.append(f"{item.label} {plain(item.content)}")
                    blocks(item.children)
            elif isinstance(block, (n.Quote, n.UpdateNote)):
                blocks(block.blocks)
            elif isinstance(block, n.SignOff):
                out.extend(([block.date] if block.date else []) + list(block.lines))
            elif isinstance(block, n.Contact):
                out.append(block.label)
                out.extend(p.name for p in block.people)
            elif isinstance(block, n.Signatories):
                for group in block.groups:
                    out.extend(s.name for s in group.entries)

    blocks(document.blocks)
    for note in document.notes:
        blocks(note.blocks)
    return out


def loop_template_from_lean(folder: Path) -> Path:
    """paperkit's lean template with its body tag replaced by a plain docxtpl loop."""
    source = builtin_templates() / "base" / "document.docx"
    target = folder / "lean-loop.docx"
    loop = "".join(f'<w:p><w:r><w:t xml:space="preserve">{tag}</w:t></w:r></w:p>' for tag in LOOP)
    body_tag = '<w:p><w:r><w:t xml:space="preserve">{{p body }}</w:t></w:r></w:p>'
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(body_tag.encode(), loop.encode())
            zout.writestr(item, data)
    return target


def loop_template_from_python_docx(folder: Path) -> Path:
    """The same tags in python-docx's default document (its ~900 KB of styles)."""
    import docx

    document = docx.Document()
    document.add_paragraph("{{ title }}", style="Title")
    document.add_paragraph("{{ byline }}")
    for tag in LOOP:
        document.add_paragraph(tag)
    target = folder / "python-docx-loop.docx"
    document.save(target)
    return target


def plain_docxtpl(template: Path, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(template)
    tpl.render(context, autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def unzipped_size(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(item.file_size for item in zf.infolist())


def main() -> None:
    write_docx = writer("docx")
    options = WriterOptions()
    with tempfile.TemporaryDirectory() as tmp:
        lean = loop_template_from_lean(Path(tmp))
        heavy = loop_template_from_python_docx(Path(tmp))
        rows, totals = [], [0.0, 0.0, 0.0]
        for path in POSITIONS:
            document = build(load(path))
            context = {"title": document.meta.title, "byline": document.front.byline,
                       "paragraphs": texts(document)}
            ours = best_of(lambda: write_docx(document, options), repeat=15, warmup=2)
            base = best_of(lambda: plain_docxtpl(lean, context), repeat=15, warmup=2)
            fat = best_of(lambda: plain_docxtpl(heavy, context), repeat=15, warmup=2)
            for i, value in enumerate((ours, base, fat)):
                totals[i] += value
            rows.append([path.stem[:40], ours * 1000, base * 1000, f"{ours / base:.2f}×", fat * 1000,
                         len(write_docx(document, options)), len(plain_docxtpl(heavy, context))])
        rows.append(["all five (sum)", totals[0] * 1000, totals[1] * 1000, f"{totals[0] / totals[1]:.2f}×",
                     totals[2] * 1000, "", ""])
        print("DOCX per document, warm, median of 15 (ms)")
        print(table(["position", "paperkit", "docxtpl lean", "ratio", "docxtpl py-docx tpl",
                     "paperkit bytes", "py-docx tpl bytes"], rows))
        print()
        print("Lean template vs python-docx's default document as the template")
        print(table(["template", "zip bytes", "unzipped bytes", "plain render, all five (ms)"], [
            ["paperkit lean (templates/base)", (builtin_templates() / "base" / "document.docx").stat().st_size,
             unzipped_size(builtin_templates() / "base" / "document.docx"), totals[1] * 1000],
            ["python-docx default", heavy.stat().st_size, unzipped_size(heavy), totals[2] * 1000],
        ]))
        print(f"\nThe lean template saves {(1 - totals[1] / totals[2]) * 100:.0f}% of the plain render time "
              f"and {unzipped_size(heavy) - unzipped_size(lean):,} bytes of XML per document.")


if __name__ == "__main__":
    main()
