"""``paperkit check``: a position measured against the rules of the body it goes to.

Each rule of the profile (paperkit/profiles/) becomes one finding that names the rule, the
measured value, the limit and the source: "2,143 words (limit 2,000, general consultative
status — source: …)".  Words are counted in the DOCX paperkit makes, the way Word counts
them (paperkit.wordcount); pages in the PDF and in the DOCX as LibreOffice lays it out.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .document import build
from .document import nodes as n
from .document.front_matter import position_profile
from .errors import PaperkitError, PaperkitWarning, UsageError
from .model import Position
from .jobs import RenderSettings, resolve_languages
from .profiles import Profile, Rule, profile as find_profile
from .resolve import Resolved, resolve
from .writers import WriterOptions, writer
from .wordcount import count_words

_FORMAT_NAMES = {"docx": "DOCX (Word)", "pdf": "PDF", "html": "HTML", "md": "Markdown", "txt": "plain text"}
_REGIONS = {"body": "text", "notes": "footnotes"}


@dataclass(frozen=True)
class Finding:
    """One rule, measured: ``ok`` is False when the rule is broken, None when it could not be measured."""

    rule: str
    ok: bool | None
    text: str

    def __str__(self) -> str:
        mark = {True: "ok", False: "BROKEN", None: "unmeasured"}[self.ok]
        return f"  {mark:<10} {self.rule}: {self.text}"


@dataclass
class Report:
    """The findings for one position in one language under one profile."""

    where: str
    lang: str
    profile: str
    findings: list[Finding] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def broken(self) -> list[Finding]:
        return [f for f in self.findings if f.ok is False]

    def __str__(self) -> str:
        head = f"{self.where} ({self.lang}): profile {self.profile}"
        verdict = (f"  {len(self.broken)} rule{'s' if len(self.broken) != 1 else ''} broken" if self.broken
                   else "  every rule measured is kept")
        sources = ["  sources:", *(f"    {line}" for line in self.sources)]
        return "\n".join([head, *map(str, self.findings), verdict, *sources])


def with_profile(position: Position, spec: str | None) -> Position:
    """The position under profile ``spec`` (``--profile``), or as it is when ``spec`` is None."""
    if spec is None:
        return position
    find_profile(spec)  # an unknown name is said before anything is made
    return position.model_copy(update={"profile": spec})


def check(resolved: Resolved | Position, lang: str | None = None, formats: Sequence[str] | None = None,
          fallback: str | None = None, pages: bool = True, settings: RenderSettings | None = None) -> Report:
    """Measure a position in ``lang`` against its profile (UsageError when it names none).

    ``formats``: the formats being rendered (the format rule is judged on them); None when
    only checking.  ``pages=False`` leaves out rules counted in pages (no LibreOffice run).
    ``settings``: how the documents are rendered (templates …), so that the DOCX and PDF
    measured are the ones ``render`` makes.
    """
    if isinstance(resolved, Position):
        resolved = resolve(resolved)
    position = resolved.position
    found = position_profile(position)
    if found is None:
        raise UsageError(f"{position.source or position.id}: no profile; give profile: in the position "
                            "or --profile (paperkit check --list names them)")
    lang = lang or position.languages[0]
    document = build(resolved, lang, fallback)
    report = Report(str(position.source or position.id), lang, found.name, sources=found.source_lines())
    made = _Made(document, (settings or RenderSettings()).writer_options(resolved))
    for rule in found.rules:
        if rule.check == "pages" and not pages:
            continue
        report.findings.append(_measure(rule, found, position, document, made, formats))
    return report


class _Made:
    """The DOCX and PDF of the document, made once when a rule needs them."""

    def __init__(self, document: n.Document, options: WriterOptions):
        self.document = document
        self.options = options
        self._docx: bytes | None = None
        self._pdf: bytes | None = None

    @property
    def docx(self) -> bytes:
        if self._docx is None:
            self._docx = writer("docx")(self.document, self.options)
        return self._docx

    @property
    def pdf(self) -> bytes:
        if self._pdf is None:
            self._pdf = writer("pdf")(self.document, self.options)
        return self._pdf


def _limit_text(limit: int | None, found: Profile, rule: Rule) -> str:
    """"(limit 2,000, general consultative status — source: …)", or "(source: …)" without a limit."""
    parts = [f"limit {limit:,}"] if limit is not None else []
    if found.variant_label and isinstance(rule.limit, dict):
        parts.append(found.variant_label)
    head = ", ".join(parts)
    return f"({head} — source: {found.cite(rule)})" if head else f"(source: {found.cite(rule)})"


def _measure(rule: Rule, found: Profile, position: Position, document: n.Document, made: _Made,
             formats: Sequence[str] | None) -> Finding:
    cite = _limit_text(rule.limit_for(found.variant), found, rule)
    if rule.check == "words":
        from .docx_text import docx_text

        texts = docx_text(made.docx)
        words = sum(count_words(t) for region in rule.count for t in texts[region])
        limit = rule.limit_for(found.variant)
        counted = " and ".join(_REGIONS[r] for r in rule.count)
        over = f", {words - limit:,} over" if limit is not None and words > limit else ""
        return Finding(rule.id, limit is None or words <= limit,
                       f"{words:,} words in the {counted}{over} {cite}")
    if rule.check == "pages":
        from .pages import docx_pages, pdf_pages

        limit = rule.limit_for(found.variant)
        pdf = pdf_pages(made.pdf)
        try:
            docx = docx_pages(made.docx)
        except PaperkitError as exc:
            return Finding(rule.id, None, f"PDF {_pages(pdf)}; DOCX not measured: {exc} {cite}")
        worst = max(pdf, docx)
        over = f", {worst - limit} over" if limit is not None and worst > limit else ""
        return Finding(rule.id, limit is None or worst <= limit,
                       f"DOCX {_pages(docx)} (LibreOffice), PDF {_pages(pdf)}{over} {cite}")
    if rule.check == "format":
        accepted = ", ".join(_FORMAT_NAMES.get(f, f) for f in rule.formats)
        if formats is None:
            return Finding(rule.id, True, f"submit as {accepted} {cite}")
        if any(f in rule.formats for f in formats):
            return Finding(rule.id, True, f"{accepted} among the outputs {cite}")
        made_names = ", ".join(_FORMAT_NAMES.get(f, f) for f in formats)
        return Finding(rule.id, False, f"only {made_names} made, but the body accepts {accepted}: "
                                       f"render with -f {','.join(rule.formats)} {cite}")
    if rule.check == "languages":
        lang = document.meta.lang
        ok = lang.split("-")[0] in rule.languages
        return Finding(rule.id, ok, f"language {lang}{'' if ok else ' is not accepted'}; accepted: "
                                    f"{', '.join(rule.languages)} {cite}")
    if rule.check == "required":
        ok, text = _required(rule.part, position, document, made, found)
        return Finding(rule.id, ok, f"{text} {cite}")
    if rule.check == "forbidden":
        ok, text = _forbidden(rule.part, position)
        return Finding(rule.id, ok, f"{text} {cite}")
    raise AssertionError(rule.check)  # pragma: no cover  (the profile model allows no other)


def _required(part: str | None, position: Position, document: n.Document, made: _Made,
              found: Profile) -> tuple[bool, str]:
    un = document.front.un
    if part in ("consultative-status", "status-order"):
        return _status(part, position, found)
    if part == "session":
        if un and un.session:
            return True, f"given: {un.session}"
        return False, "missing: the session (un: session:), required"
    if part == "contact":
        people = ", ".join(c.name for c in position.contacts)
        return (True, f"given: {people}") if people else (False, "missing: a contact person (contacts:), required")
    if part == "submitters":
        names = [*document.front.issuers, *document.front.co_leads]
        shown = " ".join(document.front.credits)
        absent = [name for name in names if name not in shown]
        if absent:
            return False, f"not named at the start: {', '.join(absent)}"
        return True, f"named at the start: {', '.join(names)}"
    if part == "numbered-paragraphs":
        numbers = [b.number for b in document.blocks if isinstance(b, n.Paragraph) and b.number is not None]
        if numbers:
            return True, f"paragraphs numbered {numbers[0]}–{numbers[-1]}"
        return False, "paragraphs are not numbered (numbered_paragraphs: true numbers them), required"
    if part == "page-numbers":
        from .docx_text import has_page_field

        if has_page_field(made.docx):
            return True, "pages numbered (a PAGE field in the DOCX footer)"
        return False, "pages are not numbered: the DOCX has no PAGE field in a header or footer, required"
    raise AssertionError(part)  # pragma: no cover


_STATUS_ORDER = {"general": 0, "special": 1, "roster": 2}


def _status(part: str, position: Position, found: Profile) -> tuple[bool, str]:
    """The submitters' ECOSOC consultative status: given for each, the profile's among them,
    co-sponsors grouped general, special, roster."""
    organisations = [*position.issued_by, *position.co_leads]
    named = [(_name(o.name), o.consultative_status) for o in organisations]
    listed = ", ".join(f"{name} ({status or 'no status'})" for name, status in named)
    if part == "status-order":
        ranks = [_STATUS_ORDER.get(status or "", 3) for _, status in named]
        if ranks != sorted(ranks):
            return False, f"co-sponsors not grouped general, special, roster: {listed}"
        return True, f"co-sponsors in order: {listed}"
    without = [name for name, status in named if status is None]
    if without:
        return False, (f"no consultative status given for {', '.join(without)} (consultative_status: in issued_by "
                       "or co_leads); only organisations in consultative status with ECOSOC may submit — name the "
                       "others in a footnote to the title")
    if found.variant and not any(status == found.variant for _, status in named):
        return False, f"the profile is for {found.variant_label}, which no submitter has: {listed}"
    return True, listed


def _name(value: str | dict[str, str]) -> str:
    """An organisation's name as written (its first language when it is given in several)."""
    return value if isinstance(value, str) else next(iter(value.values()))


def _forbidden(part: str | None, position: Position) -> tuple[bool, str]:
    if part == "un-header":
        given = [name for name in ("symbol", "distribution") if position.un and getattr(position.un, name)]
        if given:
            return False, f"a UN header is given (un: {', '.join(given)}); leave it out"
        return True, "no UN header"
    raise AssertionError(part)  # pragma: no cover


def format_reports(reports: Iterable[Report]) -> str:
    """The reports as ``paperkit check`` prints them."""
    return "\n".join(str(r) for r in reports) + "\n"


def final_problems(position: Position) -> list[str]:
    """Why ``position`` cannot be rendered as the final version (a draft, an embargo)."""
    where = position.source or position.id
    problems = []
    if position.draft:
        problems.append(f"{where}: draft: true — render --final refuses a draft; remove draft: for the final version")
    if position.embargo is not None:
        problems.append(f"{where}: embargo: {position.embargo.isoformat()} — render --final refuses an embargoed "
                        "version; remove embargo: once it is lifted")
    return problems


def render_checks(positions: Sequence[Resolved], settings: RenderSettings, strict: bool = False,
                  final: bool = False) -> None:
    """What ``render`` checks before it writes: with ``final``, no draft and no embargo; then
    every profile rule, for the formats and languages of ``settings`` (a warning each, or with
    ``strict`` an error: exit 1 and nothing written)."""
    import warnings

    refusals = [p for resolved in positions for p in final_problems(resolved.position)] if final else []
    if refusals:
        raise PaperkitError("\n".join(refusals))
    broken: list[str] = []
    for resolved in positions:
        if position_profile(resolved.position) is None:
            continue
        for lang in settings.languages(resolved.position):
            report = check(resolved, lang, settings.formats, settings.fallback, settings=settings)
            broken += [f"{report.where} ({lang}): {report.profile}: {f.rule}: {f.text}" for f in report.broken]
    if broken and strict:
        raise PaperkitError("profile rules broken (--strict):\n" + "\n".join(broken))
    for line in broken:
        warnings.warn(line, ProfileWarning, stacklevel=2)


class ProfileWarning(PaperkitWarning):
    """A rule of the position's submission profile is broken (``render`` without ``--strict``)."""


def check_command(args: argparse.Namespace) -> int:
    """``paperkit check``: print the reports; 0 when every rule is kept, 1 when one is broken."""
    import sys

    from .load import load
    from .profiles import names, profile as find

    if args.list:
        for name in names():
            found = find(name)
            print(f"{name}: {found.data.title}" + (f" ({found.variant_label})" if found.variant_label else ""))
        return 0
    if not args.files:
        raise UsageError("paperkit check: give position files (or --list)")
    positions = [resolve(with_profile(load(path, fallback=args.fallback), args.profile)) for path in args.files]
    reports = [check(position, lang, None, args.fallback)
               for position in positions for lang in resolve_languages(position.position, args.lang)]
    sys.stdout.write(format_reports(reports))
    return 1 if any(r.broken for r in reports) else 0


def _pages(count: int) -> str:
    return f"{count} page{'' if count == 1 else 's'}"
