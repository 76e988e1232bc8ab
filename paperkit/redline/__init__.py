"""Redline: what changed between two versions of a position.

    from paperkit import load
    from paperkit.redline import compare
    result = compare(load("old.yaml"), load("new.yaml"))
    result.languages["en"].note      # "Updated on 19 April 2024: demand 4 added; …"
    result.write("out")              # <id>.<lang>.redline.docx / .pdf / .html

The comparison is made from the structure (``changes``: block by block, by identity) and
drawn on the plain renders of both versions (``docx``: Word tracked changes; ``html``: the
HTML and PDF redline).  ``update.append_update`` writes the note into the new version's
``updates:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Sequence

from ..document import nodes as n
from ..errors import UsageError
from ..model import Position
from ..resolve import Resolved
from .changes import Summary, summarise
from .note import changes_sentence, update_note

FORMATS = ("docx", "pdf", "html")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class LanguageDiff:
    """The comparison in one language that both versions have."""

    lang: str
    summary: Summary
    note: str
    """The update note: "Updated on 19 April 2024: demand 4 added; …"."""
    sentence: str
    """The changes as the text of an ``updates:`` entry: "Demand 4 added; …"."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Redline documents by format."""
    revisions: dict[str, int] = field(default_factory=dict)
    """Tracked changes in the DOCX: {"ins": n, "del": m}."""


@dataclass
class Comparison:
    """Two versions compared in every language they share."""

    id: str
    date: str
    languages: dict[str, LanguageDiff]
    added_languages: tuple[str, ...]
    removed_languages: tuple[str, ...]

    def paths(self, out: str | Path) -> list[tuple[Path, bytes]]:
        from ..jobs import output_path

        return [(output_path(Path(out), self.id, f"{lang}.redline", fmt), data)
                for lang, diff in self.languages.items() for fmt, data in diff.files.items()]

    def write(self, out: str | Path) -> list[Path]:
        """Write every redline document into ``out``, each atomically, after all were made."""
        from ..jobs import write_files

        return write_files(list(self.paths(out)))


def compare(old: Position | Resolved, new: Position | Resolved, formats: Sequence[str] = FORMATS, author: str | None = None,
            date: str | None = None, lang: str | Sequence[str] | None = "all", fallback: str | None = None,
            old_name: str = "", new_name: str = "") -> Comparison:
    """Compare ``old`` with ``new`` in every language both have (or those named in ``lang``).

    ``author`` of the tracked changes defaults to the new version's issuing organisations;
    ``date`` (YYYY-MM-DD) to the new version's date.  A language only one version has is
    reported in ``added_languages`` / ``removed_languages``, with no redline.
    """
    from ..document import build
    from ..resolve import resolve
    from ..writers.docx.package import document_date

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"a redline is made as {', '.join(FORMATS)}; not {', '.join(unknown)}")
    if date is not None and not _ISO_DATE.match(date):
        raise UsageError(f"--date {date!r}: give the date of the changes as YYYY-MM-DD")
    # once: side files read once for every language
    old_resolved = old if isinstance(old, Resolved) else resolve(old)
    new_resolved = new if isinstance(new, Resolved) else resolve(new)
    old, new = old_resolved.position, new_resolved.position
    shared = [x for x in new.languages if x in old.languages]
    added = tuple(x for x in new.languages if x not in old.languages)
    removed = tuple(x for x in old.languages if x not in new.languages)
    if lang not in (None, "all"):
        wanted = [lang] if isinstance(lang, str) else list(lang)
        missing = [x for x in wanted if x not in shared]
        if missing:
            raise UsageError(f"no {', '.join(missing)} in both versions; they share {', '.join(shared) or 'none'}")
        shared = wanted
    if not shared:
        raise UsageError(f"the two versions share no language (old: {', '.join(old.languages)}; "
                            f"new: {', '.join(new.languages)})")
    if not date and new.date is None:
        raise UsageError("the new version has no date: give the date of the changes with --date YYYY-MM-DD")
    when = date or str(new.date)
    stamp = document_date_of(when) or document_date(build(new_resolved, shared[0], fallback).meta)
    languages = {}
    for language in shared:
        old_doc, new_doc = build(old_resolved, language, fallback), build(new_resolved, language, fallback)
        summary = summarise(old_doc, new_doc)
        extra = (added, removed)
        diff = LanguageDiff(language, summary, update_note(summary, language, when, *extra),
                            changes_sentence(summary, language, *extra))
        _render(diff, old_resolved, new_resolved, old_doc, new_doc, formats, author or new_doc.meta.author,
                (stamp.strftime("%Y-%m-%dT%H:%M:%SZ") if stamp else "2000-01-01T00:00:00Z"),
                f"{old_name} → {new_name}" if old_name and new_name else "")
        languages[language] = diff
    return Comparison(new.id, when, languages, added, removed)


def document_date_of(iso: str) -> datetime | None:
    from datetime import timezone

    try:
        return datetime.strptime(iso, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def _render(diff: LanguageDiff, old: Resolved, new: Resolved, old_doc: n.Document, new_doc: n.Document, formats: Sequence[str],
            author: str, stamp: str, versions: str) -> None:
    from ..jobs import writer_options
    from ..writers import writer

    old_options, new_options = writer_options(old), writer_options(new)
    if "docx" in formats:
        from .docx import redline_docx

        old_bytes = writer("docx")(old_doc, old_options)
        new_bytes = writer("docx")(new_doc, new_options)
        diff.files["docx"], _, diff.revisions = redline_docx(old_bytes, new_bytes, old_doc, new_doc, author, stamp)
    summary = [diff.note]
    if "html" in formats:
        from ..writers import html as html_writer
        from .html import redline_page

        page = redline_page(html_writer.write(old_doc, old_options).decode(),
                            html_writer.write(new_doc, new_options).decode(), old_doc, new_doc, summary, versions)
        diff.files["html"] = page.encode()
    if "pdf" in formats:
        from ..writers import pdf as pdf_writer
        from .html import redline_page

        page = redline_page(pdf_writer.paged_html(old_doc, old_options), pdf_writer.paged_html(new_doc, new_options),
                            old_doc, new_doc, summary, versions)
        diff.files["pdf"] = pdf_writer.pdf_of_page(new_doc, new_options, page)
