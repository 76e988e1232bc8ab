"""The merge lays each letter out once: per recipient only the address window and the salutation.

Every letter the stencil makes must be the very bytes of the full render for that recipient
(writers/pdf_stencil.py); a letter whose salutation would move the body (it wraps) or that
differs elsewhere (a recipient placeholder in the body, another closing) is laid out in full.
The recipients are tests/data/letters/missions.csv: Latin, Vietnamese, Arabic and Chinese
names, in English, French, Spanish, Arabic and Chinese letters.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from paperkit import batch
from paperkit.document import build
from paperkit.jobs import writer_options
from paperkit.load import load
from paperkit.load.recipients import language_of, merge_rows, read_recipients
from paperkit.resolve import resolve
from paperkit.writers.pdf import make_pdf
from paperkit.writers.pdf_stencil import PdfStencil, PdfStencils

DATA = Path(__file__).resolve().parent / "data" / "letters"
LONG_SALUTATION = ("Dear Permanent Representative of the Republic and Canton of the Long-Named Federation "
                   "to the United Nations and Other International Organisations in New York,")


def letter_without_placeholders(folder: Path) -> Path:
    """missions.yaml with a body that names no recipient, so that the body is the same in every letter."""
    text = (DATA / "missions.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\{recipient\.country\}", "your country", text)
    (folder / "letter.yaml").write_text(text, encoding="utf-8")
    rows = list(csv.reader(io.StringIO((DATA / "missions.csv").read_text(encoding="utf-8-sig"))))
    rows.append(["Canada", "Lee Chen", "", "Counsellor", "Permanent Mission of Canada",
                 "466 Lexington Avenue\nNew York, NY 10017", "en", "", LONG_SALUTATION, ""])
    with open(folder / "missions.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder / "letter.yaml"


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    """(documents of every recipient in its language, writer options)."""
    folder = tmp_path_factory.mktemp("letters")
    resolved = resolve(load(letter_without_placeholders(folder)))
    position = resolved.position
    rows = merge_rows(position, read_recipients(folder / "missions.csv").rows)
    documents = []
    for row in rows:
        if row.problem or row.recipient is None:
            continue
        lang = language_of(position, row.recipient.language) if row.recipient.language else position.languages[0]
        documents.append(build(resolved, lang, None, row.recipient))
    return documents, writer_options(resolved)


def test_every_letter_is_the_full_render_and_most_come_from_the_stencil(letters):
    documents, options = letters
    stencils = PdfStencils(options)
    made = [stencils.make(document) for document in documents]
    for document, pdf in zip(documents, made):
        full = make_pdf(document, options)
        assert pdf.data == full.data, document.meta.lang
        assert pdf.pages == full.pages
    languages = {d.meta.lang for d in documents}
    assert {"en", "fr", "es", "ar", "zh"} <= languages
    # each language's first letter makes its stencil (a second one of that frame, rather); the others are grafted
    assert stencils.used >= len(documents) - 3 * len(languages)
    assert {s.zones.frame.split('lang="')[1][:2] for s in stencils.by_frame.values()} >= {"ar", "zh", "en"}


def test_letters_whose_zones_are_laid_out_together_are_the_full_render(letters):
    """PdfStencils.prepare lays out the windows and salutations of many letters on one page;
    each letter is still the very bytes of its full render, in every script."""
    documents, options = letters
    stencils = PdfStencils(options)
    by_lang: dict[str, list] = {}
    for document in documents:
        by_lang.setdefault(document.meta.lang, []).append(document)
    rest = []
    for ours in by_lang.values():
        stencils.make(ours[0]), stencils.make(ours[1])  # the second letter of a frame makes its stencil
        rest += ours[2:]
    stencils.prepare(rest)
    together = [entry for entry in stencils.prepared.values() if entry.laid is not None]
    assert len(together) >= len(rest) - 6  # a Chinese salutation with Latin letters sits lower: its own frame
    assert len({id(entry.laid.layout) for entry in together}) <= len(by_lang)  # one page a language
    used = stencils.used
    made = [stencils.make(document) for document in rest]
    assert stencils.used - used >= len(together) and not stencils.prepared
    for document, pdf in zip(rest, made):
        assert pdf.data == make_pdf(document, options).data, (document.meta.lang, salutation_of(document))
    last = rest[-1]  # the tag tree of a letter laid out with others still reads address, then salutation
    parts = [squash(text) for _, text in tagged_parts(made[-1].data)]
    name = squash(next(b for b in last.blocks if b.type == "recipients").recipients[0].lines[0])
    assert name in parts[1] and squash(salutation_of(last)) in parts


def test_the_text_every_letter_shares_is_drawn_once_and_written_again(letters):
    """pdf_replay: the body's lines are drawn for the first letter and their operators, glyph maps
    and widths reused; the letters are still the bytes of the full render (fonts, ToUnicode, tags)."""
    documents, options = letters
    for lang in ("en", "ar", "zh"):
        ours = [d for d in documents if d.meta.lang == lang]
        stencil = PdfStencil(ours[0], options)
        assert stencil.usable and stencil.replay is not None, lang  # it survived the byte-for-byte check
        lines, written = len(stencil.replay.shared), 0
        for document in ours[:6]:  # its own letter too: in Chinese the other has a taller salutation
            before = stencil.replay.replayed
            pdf = stencil.write(document)
            if pdf is None:  # another frame (a taller salutation)
                continue
            assert stencil.replay.replayed - before >= lines // 2, lang  # most lines were not drawn again
            assert pdf.data == make_pdf(document, options).data, (lang, salutation_of(document))
            written += 1
        assert written, lang
        assert stencil.replay.cleaned, lang  # the fonts were subset through the remembered subsets


def test_a_weasyprint_whose_insides_differ_gets_no_replay_and_the_same_letters(letters, monkeypatch):
    """pdf_replay reads WeasyPrint's drawing internals; where they are not what it expects, the
    stencil works without it."""
    from paperkit.writers import pdf_replay

    def other_insides(*args, **kwargs):
        raise AttributeError("'Stream' object has no attribute '_fonts'")

    monkeypatch.setattr(pdf_replay.Replay, "_draw", other_insides)
    documents, options = letters
    english = [d for d in documents if d.meta.lang == "en"]
    stencil = PdfStencil(english[0], options)
    assert stencil.replay is None and stencil.usable
    made = [(d, pdf) for d in english[1:4] if (pdf := stencil.write(d)) is not None]
    assert made and all(pdf.data == make_pdf(d, options).data for d, pdf in made)


def test_a_salutation_that_would_move_the_body_is_laid_out_in_full(letters):
    documents, options = letters
    english = [d for d in documents if d.meta.lang == "en"]
    long_one = next(d for d in english if any(getattr(b, "text", None) == LONG_SALUTATION for b in d.blocks))
    stencil = PdfStencil(english[0], options)
    assert stencil.usable
    assert stencil.write(long_one) is None  # two lines: the body would start lower
    closing = closing_of(english[0])
    alike = [d for d in english[1:] if d is not long_one and closing_of(d) == closing]  # the same frame
    assert len(alike) >= 3 and all(stencil.write(d) is not None for d in alike[:3])
    # a Latin name in a Chinese salutation sets the line a little lower (another font's ascent)
    chinese = [d for d in documents if d.meta.lang == "zh"]
    mixed = next(d for d in chinese if re.search("[A-Za-z]", salutation_of(d)))
    alone = next(d for d in chinese if not re.search("[A-Za-z]", salutation_of(d)))
    assert PdfStencil(alone, options).write(mixed) is None


def test_a_body_that_names_the_recipient_is_never_grafted():
    resolved = resolve(load(DATA / "missions.yaml"))  # "We ask the delegation of {recipient.country} …"
    rows = [r for r in merge_rows(resolved.position, read_recipients(DATA / "missions.csv").rows) if r.recipient]
    english = [build(resolved, "en", None, r.recipient) for r in rows if not r.recipient.language][:3]
    options = writer_options(resolved)
    stencil = PdfStencil(english[0], options)
    assert stencil.usable and all(stencil.write(d) is None for d in english[1:])
    stencils = PdfStencils(options)
    assert [stencils.make(d).data for d in english] == [make_pdf(d, options).data for d in english]
    assert stencils.used == 0 and len(stencils.by_frame) == 1  # no stencil for frames that do not recur


def test_the_tag_tree_reads_letterhead_address_date_subject_salutation_body(letters):
    documents, options = letters
    for lang in ("en", "ar", "zh"):
        ours = [d for d in documents if d.meta.lang == lang]
        stencil = PdfStencil(ours[0], options)
        # the last recipient the stencil takes (in Chinese only its own: the other's salutation is taller)
        document, pdf = [(d, made) for d in ours if (made := stencil.write(d)) is not None][-1]
        parts = tagged_parts(pdf.data)
        window = next(b for b in document.blocks if b.type == "recipients")
        salutation = next(b.text for b in document.blocks if b.type == "salutation")
        date = next(b.text for b in document.blocks if b.type == "dateline")
        subject_index = next(i for i, (kind, text) in enumerate(parts) if kind == "/P" and text and i > 2)
        texts = [squash(text) for _, text in parts]
        name = squash(window.recipients[0].lines[0])
        assert texts[0].startswith(squash("Example Rights Network")), (lang, texts[0])  # the letterhead
        assert name in texts[1]  # the address window
        assert all(word in texts[2] for word in date.split())  # place and date (right to left: runs in visual order)
        assert texts[subject_index + 1] == squash(salutation)  # the salutation, after the subject
        assert len(texts) > subject_index + 2  # the body follows
        text = subprocess_text(pdf.data)
        assert name in squash(text) and squash(salutation) in squash(text)


def test_the_merge_writes_the_same_files_with_and_without_the_stencil(tmp_path, monkeypatch):
    position = letter_without_placeholders(tmp_path)
    with open(tmp_path / "missions.csv", encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    english = [r for r in rows if r[6] in ("", "en") and r[1]][:6]  # the first letter (the parent's) in English
    with open(tmp_path / "some.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *english, *[r for r in rows if r[6] == "ar"]])
    grafted = tmp_path / "grafted"
    original = PdfStencil._graft

    def counted(self, *args):
        with open(grafted, "a", encoding="utf-8") as handle:  # the pool's workers too
            handle.write("x")
        return original(self, *args)

    monkeypatch.setattr(PdfStencil, "_graft", counted)
    outputs = []
    for once, jobs in ((True, 2), (False, 1), (True, 1)):  # the pool's workers inherit the parent's stencils
        monkeypatch.setattr(batch, "LAYOUT_ONCE", once)
        result = batch.merge(position, recipients=tmp_path / "some.csv", out=tmp_path / f"{once}{jobs}", jobs=jobs)
        assert result.ok, result.failures
        outputs.append({w.path.name: w.path.read_bytes() for w in result.written})
        if jobs == 2:  # each stencil checks itself once; the other letters of its frame are grafted
            assert len(grafted.read_text()) >= 4
    assert outputs[0] == outputs[1] == outputs[2] and any(name.endswith(".ar.pdf") for name in outputs[0])


# ---------------------------------------------------------------- reading the PDF back


def salutation_of(document) -> str:
    return next(b.text for b in document.blocks if b.type == "salutation")


def closing_of(document) -> str:
    return next(b.text for b in document.blocks if b.type == "closing")


def squash(text: str) -> str:
    """Text without spaces and the bidi marks pdftotext adds around right-to-left runs."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)


def subprocess_text(data: bytes) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def tagged_parts(data: bytes) -> list[tuple[str, str]]:
    """The children of the tag tree's main part (``<main>``), in tag order, each with the text
    of its marked content (MCIDs mapped to the text drawn in them)."""
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    by_mcid: dict[int, str] = {}
    current: list[int | None] = [None]

    def operator(op: bytes, args: list, cm, tm) -> None:
        if op == b"BDC" and len(args) > 1 and hasattr(args[1], "get") and "/MCID" in args[1]:
            current[0] = int(args[1]["/MCID"])
        elif op == b"EMC":
            current[0] = None

    def text(chunk: str, *_: object) -> None:
        if current[0] is not None:
            by_mcid[current[0]] = by_mcid.get(current[0], "") + chunk

    page.extract_text(visitor_operand_before=operator, visitor_text=text)

    def texts(element) -> str:
        element = element.get_object()
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        out = ""
        for kid in kids:
            out += by_mcid.get(int(kid), "") if isinstance(kid, int) else texts(kid)
        return out

    def find(element, kind: str):
        element = element.get_object()
        if element.get("/S") == kind:
            return element
        for kid in element.get("/K", []) if isinstance(element.get("/K"), list) else []:
            if not isinstance(kid, int):
                found = find(kid, kind)
                if found is not None:
                    return found
        return None

    main = find(reader.trailer["/Root"]["/StructTreeRoot"]["/K"][0], "/Part")
    return [(kid.get_object()["/S"], texts(kid)) for kid in main["/K"]]


def test_the_docx_stencil_writes_arabic_letters_right_to_left_as_the_writer(letters):
    import zipfile

    from paperkit.writers import writer
    from paperkit.writers.docx.stencil import DocxStencil

    documents, options = letters
    for document in [d for d in documents if d.meta.lang == "ar"]:
        stencil = DocxStencil(document, options)
        assert stencil.usable
        data = stencil.write(document)
        assert data == writer("docx")(document, options)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read("word/document.xml").decode("utf-8")
        salutation = re.search(r'<w:p><w:pPr><w:pStyle w:val="Salutation"/>(.*?)</w:pPr>', xml).group(1)
        assert "<w:bidi/>" in salutation and "<w:keepNext/>" in salutation  # right to left; kept with the body
