"""Mail merge: one letter per recipient and language, in parallel, with a manifest.

``merge(position, recipients="missions.csv")`` writes ``OUT/<id>/<slug>.<lang>.<ext>`` for
every recipient (the CSV given, else the position's ``recipients: {file, entries}``) and
``OUT/<id>/manifest.csv`` (recipient, language, format, path, pages, sha256, email, country,
organisation, the salutation used, and what paperkit guessed for that letter) for a
mail-sending tool; ``combined=True`` adds ``OUT/<id>/combined.pdf``, every letter in one
file for printing.  A recipient's ``language`` chooses the one language of its letter;
the others get the languages asked for (default: the position's first).

Slugs are file names anyone can keep: the name (else the organisation) transliterated to
ASCII (anyascii: "Đặng" → "dang", "王毅" → "wangyi"), lower case, words joined by ``-``,
at most 60 characters, never a Windows device name (CON, NUL, COM1 …); recipients who
share a name get their country added, then ``-2``, ``-3``.

Each letter's page is laid out once per language (and closing): per recipient only the address
window and the salutation are laid out and put in place (writers/pdf_stencil.py), and the DOCX
rewrites only those parts of ``document.xml`` (writers/docx/stencil.py); both give the very bytes
of the full render, which is what a letter that does not fit them gets.

Rendering runs in a pool of ``jobs`` processes started by ``fork``: the parent renders the
first letter itself, so WeasyPrint's fonts, the parsed stylesheet, the compiled templates
and the DOCX template are loaded once and inherited by every worker.  A recipient that
cannot get its letter (a broken CSV row, a missing field, a glyph no font has) is reported
at the end; every other letter is written, and the result says which failed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import time
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from .errors import FitWarning, InvalidInput, MissingGlyphs, PaperkitError, Problem, UsageError
from .model import Position
from .model.letter import RecipientList
from .parallel import cpu_count
from .resolve import Resolved

if TYPE_CHECKING:  # pragma: no cover
    from .jobs import RenderSettings
    from .writers.pdf_stencil import PdfStencils

MANIFEST = "manifest.csv"
COMBINED = "combined.pdf"
MANIFEST_COLUMNS = ("recipient", "language", "format", "path", "pages", "sha256", "email", "country", "organisation",
                    "salutation", "warnings")
MERGE_FORMATS = ("pdf", "docx")
"""What a merge writes unless ``formats`` says otherwise: the letter to print or send, and the one to edit."""
SLUG_LENGTH = 60
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


@dataclass(frozen=True)
class Written:
    """One file of the merge."""

    recipient: str
    language: str
    format: str
    path: Path
    pages: int | None
    sha256: str
    email: str | None
    order: tuple[int, int, int] = (0, 0, 0)
    """(recipient, language, format) positions: the manifest's order."""
    country: str = ""
    organisation: str = ""
    salutation: str = ""
    """The salutation the letter opens with."""
    warnings: tuple[str, ...] = ()
    """What paperkit guessed for this letter (a role, a gender, a smaller address …)."""
    unfitted: str | None = None
    """Why this letter, which is to fit one page, does not (paperkit/one_page.py), or None."""


@dataclass(frozen=True)
class Failure:
    """A recipient (in one language) that got no letter, and why."""

    recipient: str
    message: str

    def __str__(self) -> str:
        return f"{self.recipient}: {self.message}"


@dataclass
class MergeResult:
    """What a merge wrote, and who got nothing."""

    folder: Path
    written: list[Written] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    manifest: Path | None = None
    combined: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failures


def is_merge(position: Position) -> bool:
    """A letter made for each of its recipients (``recipients: {file, entries}``)."""
    return position.kind == "letter" and isinstance(position.recipients, RecipientList)


# ---------------------------------------------------------------- slugs


def slug(text: str) -> str:
    """A safe file name stem: ASCII letters and digits joined by ``-`` (may be empty)."""
    from anyascii import anyascii

    ascii_text = anyascii(text).lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = "-".join(words)[:SLUG_LENGTH].strip("-")
    return f"{out}-recipient" if out in _RESERVED else out


def unique_slugs(names: Sequence[tuple[str, str | None]]) -> list[str]:
    """A slug for each (name, country): unique, the country added where names repeat."""
    bases = [slug(name) or "recipient" for name, _ in names]
    counts: dict[str, int] = {}
    for base in bases:
        counts[base] = counts.get(base, 0) + 1
    out: list[str] = []
    taken: set[str] = set()
    for (name, country), base in zip(names, bases):
        candidate = base
        if counts[base] > 1 and country and slug(country):
            candidate = f"{base}-{slug(country)}"[:SLUG_LENGTH + 20]
        final, n = candidate, 2
        while final in taken:
            final, n = f"{candidate}-{n}", n + 1
        taken.add(final)
        out.append(final)
    return out


# ---------------------------------------------------------------- the merge

LAYOUT_ONCE = True
"""Lay each letter's page out once and per recipient only the window and salutation (False: every
letter in full, as ``render`` makes it; bench/bench_letters.py compares the two)."""

_STATE: dict[str, Any] = {}
"""What every task needs, set before the pool forks (inherited, never pickled)."""


@dataclass(frozen=True)
class _Task:
    index: int
    lang_index: int
    lang: str
    slug: str


def merge(position: Resolved | Position | str | os.PathLike[str], settings: RenderSettings | None = None,
          progress: Callable[[int, int, list[Written] | Failure], None] | None = None,
          **options: Any) -> MergeResult:
    """One letter per recipient and language into ``out/<id>/`` (see the module's documentation).

    ``settings`` (a RenderSettings, or its fields as keywords): the recipients CSV (else the
    position's ``recipients``), formats, languages, ``jobs``, ``combined``, ``fallback`` … as
    for ``render``.  ``progress(done, total, outcome)`` is called in the parent after each
    task.  Raises InvalidInput when the position or the CSV cannot be read at all; a bad
    recipient is a ``Failure`` in the result, never an exception.
    """
    from .jobs import resolved_position, settings_of, write_atomic, write_files
    from .load.recipients import language_of, merge_rows, read_recipients

    if settings is None and "formats" not in options:
        options = {**options, "formats": MERGE_FORMATS}  # the letter to send and the one to edit
    settings = settings_of(settings, options)
    resolved = resolved_position(position, settings.fallback, settings.allow)
    position = resolved.position
    if position.kind != "letter":
        raise InvalidInput([Problem(str(position.source or position.id), None, None, "kind",
                                    f"{position.kind}: only a letter is made for each recipient")])
    langs = settings.languages(position)
    csv_file = settings.recipients
    rows = merge_rows(position, read_recipients(csv_file).rows) if csv_file else list(resolved.recipients)
    if not rows:
        raise UsageError(f"{position.id}: no recipients (give --recipients CSV, or recipients: in the position)")
    folder = settings.out / position.id
    result = MergeResult(folder)
    names = [(row.label or row.source, _country(row)) for row in rows]
    slugs = unique_slugs(names)
    tasks: list[_Task] = []
    for index, (row, row_slug) in enumerate(zip(rows, slugs)):
        if row.problem or row.recipient is None:
            result.failures.append(Failure(str(row), row.problem or "no recipient"))
            continue
        own = language_of(position, row.recipient.language) if row.recipient.language else None
        chosen = [own] if own else langs  # a language the letter lacks was a row problem
        tasks += [_Task(index, langs.index(l) if l in langs else len(langs), l, row_slug) for l in chosen]

    _STATE.update(position=resolved, rows=rows, formats=settings.formats, options=settings.writer_options(resolved),
                  fallback=settings.fallback, folder=folder, timeout=settings.timeout,
                  write=write_files, alone=len(tasks) == 1)
    total = len(tasks)
    done = 0

    def record(outcome: list[Written] | Failure) -> None:
        nonlocal done
        done += 1
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
        else:
            result.written.extend(outcome)
            if outcome and outcome[0].unfitted:  # once per letter, in the parent (workers' warnings are lost)
                warnings.warn(FitWarning(outcome[0].unfitted), stacklevel=3)
        if progress:
            progress(done, total, outcome)

    try:
        if tasks:
            record(_run(tasks[0]))  # in the parent: fonts, stylesheets and templates load once, before fork
        rest = tasks[1:]
        workers = min(settings.jobs or cpu_count(), len(rest))
        chunks = _chunks(rest, workers)
        if workers <= 1:
            for chunk in chunks:
                for outcome in _run_chunk(chunk):
                    record(outcome)
        else:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for outcomes in pool.imap_unordered(_run_chunk, chunks, chunksize=1):
                    for outcome in outcomes:
                        record(outcome)
    finally:
        _STATE.clear()

    result.written.sort(key=lambda w: w.order)
    order = {str(row): i for i, row in enumerate(rows)}
    result.failures.sort(key=lambda f: order.get(f.recipient, len(rows)))
    if result.written:
        result.manifest = write_atomic(folder / MANIFEST, manifest_csv(result.written))
    if settings.combined:
        pdfs = [w.path for w in result.written if w.format == "pdf"]
        if pdfs:
            result.combined = write_atomic(folder / COMBINED, combine_pdfs(pdfs, settings.duplex))
    return result


def _country(row: Any) -> str | None:
    country = getattr(row.recipient, "country", None) if row.recipient else None
    return next(iter(country.values()), None) if isinstance(country, dict) else country


CHUNK = 16
"""Letters a process makes at a time: their windows and salutations are laid out on one page
(PdfStencils.prepare).  Smaller when there are few letters a process, so that the processes
share them evenly."""


def _chunks(tasks: Sequence[_Task], workers: int) -> list[list[_Task]]:
    """``tasks`` in runs of at most CHUNK, at least four runs a process where there are enough."""
    size = max(1, min(CHUNK, len(tasks) // (4 * max(workers, 1))))
    return [list(tasks[i:i + size]) for i in range(0, len(tasks), size)]


def _run(task: _Task) -> list[Written] | Failure:
    """Build and write one recipient's letter in one language, in every format."""
    return _run_chunk([task])[0]


@dataclass
class _Letter:
    """A recipient's letter built (and fitted to one page where it is to be)."""

    task: _Task
    document: Any
    fitted: Any
    spent: float
    """Seconds its building took (of the time limit of one letter)."""


def _run_chunk(tasks: Sequence[_Task]) -> list[list[Written] | Failure]:
    """Build and write these letters, each in every format: built first, then the zones of their
    PDFs laid out together, then each written."""
    built = [_build(task) for task in tasks]
    letters = [letter for letter in built if isinstance(letter, _Letter)]
    if "pdf" in _STATE["formats"] and LAYOUT_ONCE and len(letters) > 1:
        stencils = _pdf_stencils()
        try:
            with _limit(len(letters)):
                stencils.prepare([letter.document for letter in letters if letter.fitted.pdf is None])
        except Exception:  # the letters are then laid out one by one, each failing on its own
            stencils.forget()
    try:
        return [letter if isinstance(letter, Failure) else _write(letter) for letter in built]
    finally:
        made: PdfStencils | None = _STATE.get("pdf_stencils")
        if made is not None:
            made.forget()


def _limit(letters: int = 1, spent: float = 0.0) -> Any:
    """The time limit of one letter's work (of ``letters`` letters' shared work; ``spent``: seconds
    of it already used)."""
    from .time_limit import time_limit

    seconds = _STATE["timeout"]
    if not seconds:
        return time_limit(seconds, "")
    return time_limit(max(seconds * letters - spent, 0.001), "", seconds * letters)  # the failure names the row


def _failure(task: _Task, error: Exception) -> Failure:
    """What went wrong with one letter, naming its row (and the field or row of a missing glyph)."""
    from .resolve import where_characters

    row = _STATE["rows"][task.index]
    if isinstance(error, MissingGlyphs):  # say which field or CSV row holds the character
        return Failure(f"{row} [{task.lang}]", str(error.at(where_characters(_STATE["position"], error.chars))))
    if isinstance(error, PaperkitError):
        return Failure(f"{row} [{task.lang}]", str(error))
    return Failure(f"{row} [{task.lang}]", f"internal error ({type(error).__name__}: {error})")  # a bug: go on


def _build(task: _Task) -> _Letter | Failure:
    """The recipient's letter built, fitted to one page where it is to be."""
    from .document import build
    from .one_page import Fitted, fit_letter

    started = time.monotonic()
    try:
        with _limit():
            document = build(_STATE["position"], task.lang, _STATE["fallback"], _STATE["rows"][task.index].recipient)
            fitted = fit_letter(document, _STATE["options"]) if {"pdf", "docx"} & set(_STATE["formats"]) \
                else Fitted(document)
    except Exception as error:
        return _failure(task, error)
    return _Letter(task, fitted.document, fitted, time.monotonic() - started)  # at the step that keeps this recipient's letter on one page


def _write(letter: _Letter) -> list[Written] | Failure:
    """The letter in every format, written together."""
    from .document.letter import full_name
    from .writers import writer

    task, document, fitted = letter.task, letter.document, letter.fitted
    recipient = _STATE["rows"][task.index].recipient
    try:
        with _limit(spent=letter.spent):
            made: list[tuple[int, str, bytes, int | None]] = []
            for fmt_index, fmt in enumerate(_STATE["formats"]):
                if fmt == "pdf":  # WeasyPrint counts the pages it lays out
                    pdf = fitted.pdf or _pdf(document)  # laid out while fitting it to one page, else once per frame
                    made.append((fmt_index, fmt, pdf.data, pdf.pages))
                else:
                    data = _docx(document) if fmt == "docx" else writer(fmt)(document, _STATE["options"])
                    made.append((fmt_index, fmt, data, None))
    except Exception as error:
        return _failure(task, error)
    def text(value: str | dict[str, str] | None) -> str | None:
        return _first(value, task.lang)

    who = full_name(recipient, text)
    said = letter_facts(document, fitted.problem)
    try:  # the letter's formats together: all of them, or none (a full disk …)
        paths = _STATE["write"]([(_STATE["folder"] / f"{task.slug}.{task.lang}.{fmt}", data) for _, fmt, data, _ in made])
    except PaperkitError as error:
        return Failure(f"{_STATE['rows'][task.index]} [{task.lang}]", str(error))
    return [Written(who, task.lang, fmt, path, pages, hashlib.sha256(data).hexdigest(), recipient.email,
                    (task.index, task.lang_index, fmt_index), text(recipient.country) or "",
                    text(recipient.organisation) or "", *said, unfitted=fitted.problem)
            for path, (fmt_index, fmt, data, pages) in zip(paths, made)]


def letter_facts(document: Any, unfitted: str | None = None) -> tuple[str, tuple[str, ...]]:
    """(the salutation, the warnings) of a built letter: what the manifest reports (``unfitted``:
    why a letter that is to fit one page does not)."""
    salutation, warnings = "", []
    for block in document.blocks:
        if block.type == "salutation":
            salutation = block.text
            warnings += block.warnings
        elif block.type == "recipients" and block.window and block.font_size < 10:
            warnings.append(f"address set at {block.font_size:g} pt to show whole in the window")
    if unfitted:
        warnings.append(unfitted)
    return salutation, tuple(warnings)


def _pdf(document: Any) -> Any:
    """The PDF laid out once per process and frame, per recipient only its window and salutation
    (writers/pdf_stencil.py); in full where the letter differs elsewhere, or with LAYOUT_ONCE off."""
    from .writers.pdf import make_pdf

    if not LAYOUT_ONCE or _STATE.get("alone"):  # one letter: a stencil would be laid out for nothing
        return make_pdf(document, _STATE["options"])
    return _pdf_stencils().make(document)


def _pdf_stencils() -> PdfStencils:
    """This process's PDF stencils (made at the first letter; inherited by forked workers)."""
    from .writers.pdf_stencil import PdfStencils

    stencils: PdfStencils | None = _STATE.get("pdf_stencils")
    if stencils is None:
        stencils = _STATE["pdf_stencils"] = PdfStencils(_STATE["options"])
    return stencils


def _docx(document: Any) -> bytes:
    """The DOCX through the language's stencil (made once per process and language), else the writer."""
    from .writers import writer
    from .writers.docx.stencil import DocxStencil

    if _STATE.get("alone"):
        return writer("docx")(document, _STATE["options"])
    stencils = _STATE.setdefault("stencils", {})
    key = (document.meta.lang, document.fit)  # a letter fitted to one page at another step has other styles
    stencil = stencils.get(key)
    if stencil is None and any(block.type == "recipients" for block in document.blocks):
        stencil = stencils[key] = DocxStencil(document, _STATE["options"])
    data = stencil.write(document) if stencil is not None else None
    return data if data is not None else writer("docx")(document, _STATE["options"])


def _first(value: str | dict[str, str] | None, lang: str) -> str | None:
    """A recipient's field as text in ``lang`` (else its first language)."""
    if isinstance(value, dict):
        return value.get(lang) or value.get(lang.split("-")[0]) or next(iter(value.values()), None)
    return value


def manifest_csv(written: Sequence[Written]) -> bytes:
    """The manifest: one row per file, paths relative to the manifest's folder."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(MANIFEST_COLUMNS)
    for w in written:
        out.writerow([spreadsheet_text(str(cell)) for cell in (
            w.recipient, w.language, w.format, w.path.name, "" if w.pages is None else w.pages, w.sha256,
            w.email or "", w.country, w.organisation, w.salutation, "; ".join(w.warnings))])
    return buffer.getvalue().encode("utf-8")


def spreadsheet_text(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: a leading formula character (``=``, ``+``,
    ``-``, ``@``, tab, CR, NUL — paperkit/data/csv_formulas.yaml, after OWASP) gets a ``'`` before it."""
    rule = _formula_rule()
    return rule["prefix"] + cell if cell[:1] in rule["triggers"] else cell


@lru_cache(maxsize=1)
def _formula_rule() -> dict[str, Any]:
    from ruamel.yaml import YAML

    rule: dict[str, Any] = YAML(typ="safe").load((Path(__file__).parent / "data" / "csv_formulas.yaml").read_text(encoding="utf-8"))
    return rule


def combine_pdfs(paths: Sequence[Path], duplex: bool = False) -> bytes:
    """Every PDF one after the other, in one file (for printing; not tagged for PDF/UA).

    ``duplex``: a blank page after each letter of an odd number of pages, so that every
    letter starts on the front of a sheet when printed on both sides.
    """
    from pypdf import PdfWriter

    combined = PdfWriter()
    for path in paths:
        combined.append(str(path))
        if duplex and len(combined.pages) % 2:
            last = combined.pages[-1].mediabox
            combined.add_blank_page(float(last.width), float(last.height))
    buffer = io.BytesIO()
    combined.write(buffer)
    return buffer.getvalue()
