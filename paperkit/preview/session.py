"""One warm preview: the position re-read, resolved and built on each change, the last good
rendering kept while the file is invalid.

Templates (Jinja's cache checks their time stamps), fonts and the parsed WeasyPrint
stylesheets stay loaded for the life of the process; a change re-reads the YAML and its
side files, rebuilds the tree and re-runs the HTML writer.  PDFs are made when asked for.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, PaperkitError, Problem
from ..jobs import RenderSettings
from ..resolve import Resolved
from .watch import Dependencies, rendering_dependencies

__all__ = ["PreviewSession", "Rendering"]

Key = tuple[str, int | None]
"""(language, recipient index or None) of a rendering."""


@dataclass
class Rendering:
    """What the page shows: a version number that grows with each change, and the error, if any."""

    version: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    """How long the last refresh took (load, resolve, build and HTML)."""

    def as_json(self) -> dict[str, Any]:
        return {"version": self.version, "ok": not self.problems, "seconds": round(self.seconds, 4),
                "problems": [{"file": p.file, "line": p.line, "column": p.column, "field": p.field,
                              "message": p.message, "text": str(p)} for p in self.problems]}


class PreviewSession:
    """A position file watched and rendered in one process (thread-safe)."""

    def __init__(self, path: str | Path, settings: RenderSettings | None = None):
        self.path = Path(path).resolve()
        self.settings = settings or RenderSettings(formats=("html",))
        self.state = Rendering()
        self.resolved: Resolved | None = None
        self.languages: list[str] = []
        self.recipients: list[str] = []
        """Labels of a letter's recipients (one letter each), for the picker; empty otherwise."""
        self._html: dict[Key, bytes] = {}
        self._last_good: dict[Key, bytes] = {}
        self._pdf: dict[Key, bytes] = {}
        self._first_recipient: int | None = None
        """A letter made for each recipient has no letter without one: the first that gets one."""
        self._shown: set[Key] = set()
        """The HTML asked for since the last change: made again at once on the next one."""
        self._deps = Dependencies(frozenset({self.path}))
        self._lock = threading.RLock()
        self.changed = threading.Condition()

    # ------------------------------------------------------------ reading and rendering

    def refresh(self) -> Rendering:
        """Read the position again and render the HTML shown (the first language's, and those asked
        for since the last change); on an error keep the last good rendering."""
        from ..jobs import resolved_position

        start = time.perf_counter()
        with self._lock:
            try:
                resolved = resolved_position(self.path, self.settings.fallback, self.settings.allow)
                languages = list(resolved.position.languages)
                recipients = _recipient_labels(resolved)
                first = next((i for i, row in enumerate(resolved.recipients) if row.recipient), 0) if recipients else None
                self._deps = Dependencies(frozenset({self.path})) | rendering_dependencies(resolved, self.settings)
                shown = {(self.default_language(languages), first)} | {
                    key for key in self._shown if key[0] in languages
                    and (key[1] is None or key[1] < len(recipients))}
                html = {key: self._write(resolved, *key, "html") for key in sorted(shown, key=str)}
            except InvalidInput as error:
                problems = error.problems
            except PaperkitError as error:
                problems = [Problem(str(self.path), None, None, "", str(error))]
            except Exception as error:  # a bug: say it, and keep watching
                problems = [Problem(str(self.path), None, None, "", f"internal error ({type(error).__name__}: {error})")]
            else:
                problems = []
                self.resolved, self.languages, self.recipients = resolved, languages, recipients
                self._first_recipient = first
                self._html, self._pdf, self._shown = html, {}, set()
                self._last_good.update(html)
            self.state = Rendering(self.state.version + 1, problems, time.perf_counter() - start)
        with self.changed:
            self.changed.notify_all()
        return self.state

    def _write(self, resolved: Resolved, lang: str, recipient: int | None, fmt: str) -> bytes:
        from ..document import build
        from ..jobs import fitted_letter, written

        row = resolved.recipients[recipient] if recipient is not None else None
        if row is not None and row.recipient is None:
            raise PaperkitError(f"{row}: {row.problem or 'no recipient'}")
        document = build(resolved, lang, self.settings.fallback, row.recipient if row else None)
        options = self.settings.writer_options(resolved)
        return written(fitted_letter(document, options, (fmt,)), fmt, options)  # one page, as render makes it

    def html(self, lang: str | None = None, recipient: int | None = None) -> bytes | None:
        """The HTML of ``lang`` (for ``recipient``): the current one, else the last good one, else None."""
        return self._document("html", lang, recipient)

    def pdf(self, lang: str | None = None, recipient: int | None = None) -> bytes | None:
        """The PDF of ``lang`` (for ``recipient``), made on first request after each change."""
        return self._document("pdf", lang, recipient)

    def _document(self, fmt: str, lang: str | None, recipient: int | None) -> bytes | None:
        with self._lock:
            key = (lang or self.default_language(), self._first_recipient if recipient is None else recipient)
            cache = self._html if fmt == "html" else self._pdf
            if key in cache:
                if fmt == "html":
                    self._shown.add(key)
                return cache[key]
            if self.resolved is None or key[0] not in self.languages or (
                    key[1] is not None and not 0 <= key[1] < len(self.recipients)):
                return self._last_good.get(key) if fmt == "html" else None
            if self.state.problems:  # the file is invalid now: show what was good before
                return self._last_good.get(key) if fmt == "html" else None
            cache[key] = data = self._write(self.resolved, *key, fmt)
            if fmt == "html":  # made again at once on the next change (a recipient without a letter is not)
                self._last_good[key] = data
                self._shown.add(key)
            return data

    def default_language(self, languages: list[str] | None = None) -> str:
        """``--lang`` if given and known, else the position's first language."""
        languages = self.languages if languages is None else languages
        lang = self.settings.lang
        wanted = lang[0] if isinstance(lang, tuple) and lang else None
        if wanted and (wanted in languages or not languages):
            return wanted
        return languages[0] if languages else (wanted or "en")

    # ------------------------------------------------------------ watching

    def dependencies(self) -> Dependencies:
        """The files the current rendering was made from (the position file at least)."""
        with self._lock:
            return self._deps

    def wait(self, version: int, timeout: float, stop: threading.Event | None = None) -> Rendering:
        """The state once its version is past ``version`` (or ``stop`` is set), or after ``timeout`` seconds."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.version > version or (stop is not None and stop.is_set()),
                                  timeout)
        return self.state


def _recipient_labels(resolved: Resolved) -> list[str]:
    """The letter's recipients one letter is made for each of, labelled for the picker."""
    from ..batch import is_merge

    if not is_merge(resolved.position):
        return []
    return [(row.label or row.source) + (f" (no letter: {row.problem})" if row.problem else "")
            for row in resolved.recipients]
