"""Jobs: which documents to make (formats × languages), where they go, written atomically."""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from pathlib import Path
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Iterable, Iterator, Sequence

from .document import Document, build
from .errors import AddressWarning, FitWarning, MissingGlyphs, PaperkitError, RenderWarning, UsageError
from .model import Position
from .model.base import data_limits
from .model.letter import Recipient
from .one_page import Fitted
from .parallel import run_tasks
from .resolve import Resolved, resolve, where_characters
from .time_limit import DEFAULT_TIMEOUT, time_limit
from .writers import FORMATS, WriterOptions, writer

DEFAULT_FORMATS = ("pdf", "docx", "html", "md", "txt")


def resolve_languages(position: Position, lang: str | Sequence[str] | None) -> list[str]:
    """``None`` → the first language; ``"all"`` → every language; else those named."""
    if lang is None:
        return [position.languages[0]]
    if isinstance(lang, str):
        lang = position.languages if lang == "all" else [x.strip() for x in lang.split(",") if x.strip()]
    unknown = [x for x in lang if x not in position.languages]
    if unknown:
        raise UsageError(
            f"{position.id}: no {', '.join(unknown)} version; the position has {', '.join(position.languages)}")
    return list(lang)


def resolve_formats(formats: str | Iterable[str] | None) -> list[str]:
    """Check format names; ``None`` means every format."""
    if formats is None:
        return list(DEFAULT_FORMATS)
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    formats = list(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}")
    return formats


@dataclass(frozen=True)
class RenderSettings:
    """How to render: one value, made once by the command line or a caller, for ``render`` and
    ``merge`` alike.  Each default is what ``paperkit render`` does without options.  Values are
    checked and normalised when the settings are made (``UsageError``): formats and languages
    may also be given as comma-separated strings, folders as strings."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    """The formats to make: ``pdf``, ``docx``, ``html``, ``md``, ``txt`` (``--format``)."""
    lang: str | tuple[str, ...] | None = None
    """Languages: None, the position's first; ``"all"``, every one; else these tags (``--lang``)."""
    out: Path = Path("out")
    """The output folder (``--out``): ``<id>.<lang>.<ext>``, a mail merge's letters in ``<id>/``."""
    templates: tuple[Path, ...] = ()
    """Template folders overriding the built-in ones file by file, before the position's own (``--templates``)."""
    paper: str | None = None
    """``A4`` or ``Letter`` instead of the position's paper (``--paper``)."""
    pdf_variant: str | None = "pdf/ua-1"
    """A WeasyPrint PDF variant (``pdf/ua-1``, ``pdf/a-3b`` …); None: a plain PDF (``--pdf-variant``)."""
    fallback: str | None = None
    """The language whose text stands in where a translation is missing (``--fallback``)."""
    embed_source: bool = False
    """Attach the position file to the PDF (``--embed-source``)."""
    recipients: Path | None = None
    """Mail merge: a recipients CSV, one letter to each row (``--recipients``)."""
    jobs: int | None = None
    """Processes to render in (documents, or a mail merge's letters); None, the CPUs this process may use (``--jobs``)."""
    combined: bool = False
    """Mail merge: also one PDF of all the letters, ``<id>/combined.pdf`` (``--combined``)."""
    duplex: bool = False
    """Mail merge: pad each letter of the combined PDF to an even number of pages (``--duplex``)."""
    allow: tuple[Path, ...] = ()
    """Folders besides the position's own that the files it names may lie in (``--allow``;
    also $PAPERKIT_ALLOWED_ROOTS): :func:`paperkit.resources.allowed_roots`."""
    timeout: float | None = DEFAULT_TIMEOUT
    """Seconds one document (a language of a position, a letter of a merge, in all its formats)
    may take; past them it fails (RenderTimeout) and nothing of it is written. None or 0: no
    limit (``--timeout``; :mod:`paperkit.time_limit`)."""

    def __post_init__(self) -> None:
        def normal(name: str, value: object) -> None:
            object.__setattr__(self, name, value)

        normal("formats", tuple(resolve_formats(self.formats)))
        if isinstance(self.lang, str) and self.lang != "all":
            normal("lang", tuple(x.strip() for x in self.lang.split(",") if x.strip()))
        elif self.lang is not None and not isinstance(self.lang, str):
            normal("lang", tuple(self.lang))
        normal("out", Path(self.out))
        normal("templates", tuple(Path(t) for t in self.templates))
        normal("allow", tuple(Path(a) for a in self.allow))
        normal("recipients", Path(self.recipients) if self.recipients is not None else None)
        normal("pdf_variant", resolve_pdf_variant(self.pdf_variant))
        if self.combined and "pdf" not in self.formats:
            raise UsageError("--combined makes one PDF of all letters: add pdf to the formats")
        if self.duplex and not self.combined:
            raise UsageError("--duplex pads the letters of the combined PDF: add --combined")
        if self.timeout is not None and not self.timeout >= 0:
            raise UsageError(f"--timeout {self.timeout}: give the seconds one document may take (0 for no limit)")

    def languages(self, position: Position) -> list[str]:
        """The languages to make of ``position``."""
        return resolve_languages(position, self.lang)

    def writer_options(self, resolved: Resolved) -> WriterOptions:
        """What the writers need: template folders, the folders images may come from, PDF options."""
        template_dirs = tuple(t.resolve() for t in self.templates)
        if resolved.templates is not None:  # the position's own folder, after those given on the command line
            template_dirs += (resolved.templates,)
        from .writers.checkpoint import check_folders

        check_folders(template_dirs)  # no links, no macros, no giant files: before any template is read
        # images: the position's allowed roots (never widened by the position) and the --templates folders
        own = (resolved.roots or (resolved.folder,)) if resolved.source else ()
        roots = own + tuple(t.resolve() for t in self.templates)
        embed = self.embed_source and "pdf" in self.formats
        source = embedded_source(resolved.position, self.pdf_variant) if embed else None
        from .embedded_source import sanitised_source

        return WriterOptions(templates=template_dirs, resource_roots=roots, paper=self.paper,
                             pdf_variant=self.pdf_variant, source_file=source,
                             source_data=sanitised_source(resolved)[0] if source else None)


def settings_of(settings: RenderSettings | None, options: dict[str, Any]) -> RenderSettings:
    """``settings`` with ``options`` (field names of RenderSettings) put in; the defaults when None."""
    if settings is None:
        return RenderSettings(**options)
    return replace(settings, **options) if options else settings


def render(position: Resolved | Position | str | os.PathLike[str], settings: RenderSettings | None = None,
           **options: Any) -> list[Path]:
    """Render a position (or a position file) and return the paths written.

    ``settings`` (a RenderSettings), or its fields as keywords (``formats=["pdf"], lang="all"``).
    Files are named ``<id>.<lang>.<ext>`` in ``settings.out``.  Every document is made in
    memory first, and only when all of them are made are they written, each atomically: a
    failure leaves no file behind, half-written or otherwise.
    """
    return render_all([position], settings_of(settings, options))


@dataclass(frozen=True)
class _Document:
    """One document to make: a position in one language, in every format asked for."""

    resolved: Resolved
    language: str
    options: WriterOptions
    paths: tuple[Path, ...]
    """Where each format goes, in the order of ``RenderSettings.formats``."""


def render_all(positions: Sequence[Resolved | Position | str | os.PathLike[str]],
               settings: RenderSettings | None = None) -> list[Path]:
    """``render`` for several positions at once: every document (position × language) built,
    fitted and made in each format in ``settings.jobs`` processes (None: the CPUs;
    :mod:`paperkit.parallel`), the longest first (:func:`document_weight`); nothing is
    written unless all are made.  Every position is loaded and checked before any document
    is made.  The paths are in the order of the positions, languages and formats asked for,
    whatever the processes; so are the warnings, and a failure is the first document's that
    fails in that order, as in one process.  Each position's files are written together
    (:func:`write_files`): all of them or none.  Each document (its building, fitting and
    every format) is bounded by ``settings.timeout``."""
    settings = settings or RenderSettings()
    documents: list[_Document] = []
    for position in positions:
        resolved = resolved_position(position, settings.fallback, settings.allow)
        writer_options = settings.writer_options(resolved)
        warn_if_long(resolved, settings)
        for language in settings.languages(resolved.position):
            documents.append(_Document(resolved, language, writer_options, tuple(
                output_path(settings.out, resolved.position.id, language, fmt) for fmt in settings.formats)))
    longest_first = sorted(range(len(documents)),
                           key=lambda i: -document_weight(documents[i].resolved, documents[i].language))

    def make(index: int) -> tuple[bytes, ...]:
        document = documents[index]
        return made(document.resolved, document.language, document.options, settings)

    data = run_tasks(make, len(documents), settings.jobs, order=longest_first,
                     before_fork=lambda: writers_loaded(settings.formats),
                     needs=[document_needs(document.resolved, document.language) for document in documents])
    paths: list[Path] = []
    for resolved in dict.fromkeys(document.resolved for document in documents):  # a position's files: all or none
        paths += write_files([(path, content) for document, contents in zip(documents, data)
                              if document.resolved is resolved for path, content in zip(document.paths, contents)])
    return paths


def made(resolved: Resolved, language: str, options: WriterOptions, settings: RenderSettings) -> tuple[bytes, ...]:
    """One document built, fitted (a letter that is to fit one page) and made in each of
    ``settings.formats``, within ``settings.timeout``; what paperkit guessed for a letter's
    form of address said as an AddressWarning."""
    with time_limit(settings.timeout, f"{resolved.position.id} ({language})"), glyphs_placed(resolved):
        document = build(resolved, language, settings.fallback)
        for block in document.blocks:
            for said in getattr(block, "warnings", ()) if block.type == "salutation" else ():
                warnings.warn(AddressWarning(f"{resolved.position.id} ({language}): {said}"), stacklevel=2)
        fitted = fitted_letter(document, options, settings.formats)
        return tuple(written(fitted, fmt, options) for fmt in settings.formats)


def writers_loaded(formats: Sequence[str]) -> None:
    """Import the writers of ``formats`` (WeasyPrint ~0.45 s, docxtpl): done before the
    processes fork, every process has them without importing them again."""
    for fmt in formats:
        writer(fmt)


def document_needs(resolved: Resolved, language: str) -> frozenset[str]:
    """What a process loads the first time it makes a document like this one, to be loaded
    in one process rather than in each (:func:`paperkit.parallel.run_tasks`): the templates
    of its kind (and for a letter, the forms of address), and its script's fonts (measured
    2026-11-30: the first Japanese document in a process took 1.1 s of CPU, the next 0.6 s;
    the first letter 1.05 s, the next 0.38 s)."""
    from .document.fonts import script_families

    return frozenset({f"kind {resolved.position.kind}", f"fonts {script_families(language)[1] or 'latin'}"})


WIDE_WEIGHT = 10
"""What a wide (Chinese, Japanese) character weighs against a narrow one in
:func:`document_weight`: measured 2026-11-30, the Japanese JCA-NET statement (460 narrow,
864 wide characters) took 0.61 s warm in every format against 0.27 s for its English
version (2,983 characters), and its first making 1.9 s (CJK fonts read and subset)."""


def document_weight(resolved: Resolved, language: str) -> int:
    """How long a document takes to make, roughly, to hand out the longest first: the
    characters of its text in ``language`` (wide ones weigh :data:`WIDE_WEIGHT`; Hebrew and
    Arabic ones 2: the Arabic statement, 1,274 characters, took 0.22 s warm against 0.13 s
    for the English one's 1,467), and 40 for each signatory of a CSV, 100 for each recipient.  Measured on the 18 example documents
    (2026-11-30), their order by weight is close to their order by time; an error only costs
    a less even share."""
    from unicodedata import east_asian_width

    from .model.base import walk_text

    weight = 0
    for _, text in walk_text(resolved.position):
        if isinstance(text, dict):
            text = text.get(language) or ""
        weight += len(text) + sum((WIDE_WEIGHT - 1) * (east_asian_width(c) in "WF") + ("\u0590" <= c < "\u0900")
                                  for c in text if c >= "\u0590")
    if resolved.signatories is not None:
        weight += 40 * sum(len(rows) for _, rows in resolved.signatories.groups)
    return weight + 100 * len(resolved.recipients)


def warn_if_long(resolved: Resolved, settings: RenderSettings) -> None:
    """Before a PDF of very many signatories, say how many and what it will take
    (paperkit/data/limits.yaml: signatories_pdf_warn), and the time limit that stops it."""
    if "pdf" not in settings.formats or resolved.signatories is None:
        return
    count = sum(len(group.entries) + len(rows) for group, rows in resolved.signatories.groups)
    rule = data_limits()["signatories_pdf_warn"]
    if count < rule["value"]:
        return
    minutes = count * rule["per_signatory_seconds"] / 60
    gigabytes = count * rule["per_signatory_megabytes"] / 1000
    limit = f"--timeout stops it after {settings.timeout:g} s" if settings.timeout else "no --timeout limits it"
    warnings.warn(RenderWarning(
        f"{resolved.source or resolved.position.id}: {count:,} signatories: the PDF will take about {minutes:.0f} "
        f"minutes or more and {gigabytes:.1f} GB of memory (measured: 100,000 took 10 minutes and 5.7 GB on two "
        f"cores); {limit}"),
        stacklevel=3)


@contextmanager
def glyphs_placed(resolved: Resolved) -> Iterator[None]:
    """A character no font draws (MissingGlyphs) said with the field or CSV row that holds it."""
    try:
        yield
    except MissingGlyphs as error:
        raise error.at(where_characters(resolved, error.chars)) from None


def render_bytes(position: Resolved | Position | str | os.PathLike[str], fmt: str = "pdf",
                 lang: str | None = None, settings: RenderSettings | None = None,
                 recipient: Recipient | None = None, **options: Any) -> bytes:
    """One document in memory (for a web app): ``fmt`` in ``lang`` (default: the first language).

    ``settings`` or its fields as keywords as for ``render`` (templates, paper, PDF variant,
    fallback …; formats and out do not apply).  ``recipient``: a letter made for that one
    recipient.  Nothing is written.
    """
    settings = settings_of(settings, {"formats": (fmt,), **options})
    resolved = resolved_position(position, settings.fallback, settings.allow)
    language = settings.languages(resolved.position)[0] if lang is None else lang
    resolve_languages(resolved.position, language)  # a language the position lacks is an error
    writer_options = settings.writer_options(resolved)
    with time_limit(settings.timeout, f"{resolved.position.id} ({language})"), glyphs_placed(resolved):
        document = build(resolved, language, settings.fallback, recipient)
        return written(fitted_letter(document, writer_options, (fmt,)), fmt, writer_options)


def fitted_letter(document: Document, options: WriterOptions, formats: Sequence[str]) -> Fitted:
    """A letter that is to fit one page at the step that does it (paperkit/one_page.py), when a
    paged format is made; a FitWarning when one page cannot hold it."""
    from .one_page import fit_letter

    if document.fit is None or not {"pdf", "docx"} & set(formats):
        return Fitted(document)
    fitted = fit_letter(document, options)
    if fitted.problem:
        warnings.warn(FitWarning(fitted.problem), stacklevel=3)
    return fitted


def written(fitted: Fitted, fmt: str, options: WriterOptions) -> bytes:
    """``fmt`` of the fitted document (its PDF as laid out while fitting, when there is one)."""
    if fmt == "pdf" and fitted.pdf is not None:
        return fitted.pdf.data
    return writer(fmt)(fitted.document, options)


def resolved_position(position: Resolved | Position | str | os.PathLike[str], fallback: str | None = None,
                      allow: Sequence[Path] = ()) -> Resolved:
    """A position file loaded and resolved, a Position resolved, a Resolved as it is."""
    if isinstance(position, Resolved):
        return position
    if not isinstance(position, Position):
        from .load import load

        position = load(Path(position), fallback=fallback)
    return resolve(position, allow=allow)


def output_path(out_dir: Path, position_id: str, lang: str, fmt: str) -> Path:
    """``out_dir/<id>.<lang>.<fmt>``, refused if the name could leave ``out_dir``.

    Ids and language tags are already restricted by the model (letters, digits, ``. _ -``);
    this is the last check before anything is written.
    """
    name = f"{position_id}.{lang}.{fmt}"
    if (not position_id or os.sep in name or (os.altsep and os.altsep in name) or "\0" in name
            or name.startswith(".") or Path(name).name != name):
        raise PaperkitError(f"refused output name {name!r}: it would not be a file inside {out_dir}")
    return out_dir / name


def check_distinct_ids(positions: Sequence[Position]) -> None:
    """Refuse two different position files with the same id in one render.

    They would write the same output files, the second silently replacing the first;
    the same file named twice is rendered once (see ``distinct_positions``).
    """
    from .errors import InvalidInput, Problem

    first: dict[str, Position] = {}
    problems = []
    for position in positions:
        seen = first.setdefault(position.id, position)
        if seen is not position and seen.source != position.source:
            name = str(position.source or "<position>")
            problems.append(Problem(name, None, None, "id", f"{position.id!r} is also the id of "
                                    f"{seen.source or 'another position'}; both would write {position.id}.<lang>.<ext> "
                                    "into the same folder — give each position its own id"))
    if problems:
        raise InvalidInput(problems)


def distinct_positions(positions: Sequence[Position]) -> list[Position]:
    """The positions without repeats of the same file (``paperkit render a.yaml a.yaml``)."""
    out: list[Position] = []
    sources: set[Path] = set()
    for position in positions:
        if position.source is not None:
            if position.source in sources:
                continue
            sources.add(position.source)
        out.append(position)
    return out


PDF_VARIANTS = frozenset({
    "pdf/a-1a", "pdf/a-1b", "pdf/a-2a", "pdf/a-2b", "pdf/a-2u", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u",
    "pdf/a-4e", "pdf/a-4f", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2", "pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g",
    "debug"})
"""The keys of ``weasyprint.pdf.VARIANTS`` (WeasyPrint 70), named here so that checking
``--pdf-variant`` does not import WeasyPrint (~0.45 s) for a render that makes no PDF;
tests/test_pdf_variants.py checks the list against the installed WeasyPrint, and the PDF
writer checks the variant again against WeasyPrint itself."""


def resolve_pdf_variant(variant: str | None) -> str | None:
    """A PDF variant WeasyPrint accepts (:data:`PDF_VARIANTS`), in its spelling;
    ``None`` or ``"none"`` for a plain PDF.  Checked before anything is rendered."""
    if variant is None or variant.strip().lower() in ("", "none"):
        return None
    name = variant.strip().lower()
    if name not in pdf_variants():  # WeasyPrint's "debug" is a developer's tool that needs its own options
        raise UsageError(f"unknown PDF variant {variant!r}; choose from {', '.join(pdf_variants())} or none")
    return name


def pdf_variants() -> list[str]:
    """The PDF variants WeasyPrint accepts (its ``debug`` variant left out of the list shown)."""
    return sorted(v for v in PDF_VARIANTS if v != "debug")


def writer_options(position: Resolved | Position, settings: RenderSettings | None = None,
                   **options: Any) -> WriterOptions:
    """The writers' options for a position rendered with ``settings`` (or their fields as keywords)."""
    return settings_of(settings, options).writer_options(resolved_position(position))


_NO_ATTACHMENTS = ("pdf/a-1", "pdf/a-2")


def embedded_source(position: Position, variant: str | None) -> Path:
    """The position file to embed in the PDF, once it is clear that embedding it is right."""
    if position.source is None:
        raise UsageError(f"{position.id}: --embed-source needs a position read from a file")
    if variant and variant.startswith(_NO_ATTACHMENTS):
        raise UsageError(f"{variant} cannot carry the position's source: PDF/A-1 and PDF/A-2 allow no "
                            "attached files of other kinds; use pdf/a-3b (or pdf/a-3u, pdf/a-3a)")
    return position.source


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` as :func:`write_files` writes a render: whole, or not at all."""
    return write_files([(path, data)])[0]


def write_files(files: Sequence[tuple[Path, bytes]]) -> list[Path]:
    """Write the files of one render together, or none of them.

    Each file is written into a temporary folder made beside it (``.paperkit-….part`` in its
    target folder, so on the same disk); only when every file is written are they moved into
    place, each with ``os.replace``.  A failure on the way (a full disk, the process's file-size
    limit, a folder that cannot be written) removes the temporary folder and any file of this
    render already moved: none is left, half-written or whole; files of earlier renders stay.
    Files are made as ``open()`` makes any file: mode 0666 less the umask at that moment.
    """
    staging: dict[Path, Path] = {}  # target folder → its temporary folder
    staged: list[tuple[Path, Path]] = []
    moved: list[Path] = []
    try:
        for path, data in files:
            if path.parent not in staging:
                staging[path.parent] = _staging_folder(path.parent)
            temporary = staging[path.parent] / path.name
            _write_new(temporary, data, path)
            staged.append((temporary, path))
        for temporary, path in staged:
            try:
                os.replace(temporary, path)
            except OSError as exc:
                raise PaperkitError(f"cannot write {path}: {_why(exc)}") from None
            moved.append(path)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
    finally:
        for folder in staging.values():
            shutil.rmtree(folder, ignore_errors=True)
    return [path for _, path in staged]


def _staging_folder(folder: Path) -> Path:
    """A new temporary folder inside ``folder`` (made first if need be)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise UsageError(f"cannot write into {folder}: it (or a folder above it) is a file, not a folder; "
                         "give --out a folder") from None
    except OSError as exc:
        raise PaperkitError(f"cannot make the folder {folder}: {_why(exc)}") from None
    try:
        return Path(tempfile.mkdtemp(prefix=".paperkit-", suffix=".part", dir=folder))
    except OSError as exc:
        raise PaperkitError(f"cannot write into {folder}: {_why(exc)}") from None


def _write_new(temporary: Path, data: bytes, target: Path) -> None:
    """``data`` into the new file ``temporary``; an OSError said as the ``target``'s."""
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise PaperkitError(f"cannot write {target}: {_why(exc)}") from None


def _why(error: OSError) -> str:
    """An OSError in words, with what to do about it."""
    import errno

    reason = error.strerror or str(error)
    if error.errno == errno.ENOSPC:
        return f"{reason} (the disk is full; nothing of this render was kept)"
    if error.errno == errno.EFBIG:
        return f"{reason} (over this process's file-size limit, ulimit -f; nothing of this render was kept)"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{reason} (choose another --out folder)"
    return reason
