"""Resolve a Position: every check across fields and every side file, once, into a frozen value.

``resolve(position)`` takes a Position read from a file (:func:`paperkit.load`) or made in
code.  It checks what no single field can (citations name a note or reference, placeholders
exist), and reads what the position names beside it — the signatories CSV, the letter's
recipients CSV and signature images, the theme and the templates folder, the figures and logos — images through
the one resource rule (:mod:`paperkit.resources`).  The result is all ``build`` needs.

Paths in a position are relative to its file's folder (the working folder when it was made
in code).  Problems name the position file's line and field, the CSV's row, the theme's line.
Translations are checked by ``load`` (with the ``fallback`` of the render) and by ``build``
(``MissingTranslation``): which text stands in for a missing one is a render setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .errors import InvalidInput, Problem
from .load.checks import citation_problems, placeholder_problems
from .load.images import image_problems
from .load.recipients import RecipientRow, listed_rows, merge_rows, read_recipients, signature_problems
from .load.signatories import placed, read_csv
from .load.theme import read_theme
from .load.yaml_source import format_path, locate, read_yaml
from .model import Position
from .model.letter import RecipientList
from .model.signatories import PlacedSignatories
from .model.theme import LoadedTheme
from .resources import allowed_roots, outside_roots

__all__ = ["Resolved", "recipient_problems", "resolve", "where_characters"]

Found = Sequence[tuple[tuple[Any, ...], str]]
"""(field path, message) pairs, as the checks give them."""


@dataclass(frozen=True, eq=False)
class Resolved:
    """A checked position with its side files read: what ``build`` needs, and nothing else."""

    position: Position
    folder: Path
    """The folder the position's paths are relative to: its file's, else the working folder."""
    theme: LoadedTheme | None = None
    templates: Path | None = None
    """The position's own templates folder (``templates:``), resolved."""
    signatories: PlacedSignatories | None = None
    """The signatories, each CSV row placed in its group (arranged by the document builder)."""
    recipients: tuple[RecipientRow, ...] = ()
    """A letter's recipients, each with the problem (if any) that keeps it from its letter."""
    roots: tuple[Path, ...] = ()
    """Where the files it names may lie: its folder and the folders allowed explicitly
    (:func:`paperkit.resources.allowed_roots`), never a folder the position names."""

    @property
    def source(self) -> Path | None:
        """The position file, if the position was read from one."""
        return self.position.source


def resolve(position: Position, allow: Sequence[str | Path] = ()) -> Resolved:
    """Check ``position`` across fields and read its side files; raise InvalidInput naming each problem.

    Every file the position names (CSVs, theme, templates, images) must lie in its folder or
    in one of the folders ``allow`` (the command line's ``--allow``) or $PAPERKIT_ALLOWED_ROOTS
    names: :func:`paperkit.resources.allowed_roots`.
    """
    place = _Place(position)
    place.check(citation_problems(position) + placeholder_problems(position))
    folder = position.source.parent if position.source else Path.cwd()
    roots = allowed_roots(folder, tuple(Path(a) for a in allow))
    place.check(confinement_problems(position, folder, roots))  # before any file it names is read
    place.check(image_problems(position, folder, roots))  # figures, logos, the cover image: the resource rule
    signatories = _signatories(position, folder, place)
    recipients = _recipients(position, folder, place, roots) if position.kind == "letter" else ()
    templates = (folder / position.templates).resolve() if position.templates else None
    theme = _theme(position, folder, templates, place, roots)
    return Resolved(position, folder, theme, templates, signatories, recipients, roots)


def confinement_problems(position: Position, folder: Path, roots: tuple[Path, ...]) -> Found:
    """(field path, message) of every file or folder the position names outside ``roots``."""
    named: list[tuple[tuple[Any, ...], str | None]] = [(("theme",), position.theme), (("templates",), position.templates)]
    if position.signatories is not None:
        named.append((("signatories", "file"), position.signatories.file))
    if isinstance(position.recipients, RecipientList):
        named.append((("recipients", "file"), position.recipients.file))
    found = []
    for where, value in named:
        outside = outside_roots(folder / value, roots) if value else None
        if outside:
            found.append((where, outside))
    return found


def recipient_problems(resolved: Resolved) -> list[Problem]:
    """Problems of the rows of a letter made for each recipient (``paperkit validate`` reports
    them; a merge writes every other letter)."""
    if not isinstance(resolved.position.recipients, RecipientList):
        return []
    return [Problem(row.file or str(resolved.source), row.row, None, "" if row.file else row.source,
                    f"{row.label + ': ' if row.label else ''}{row.problem}")
            for row in resolved.recipients if row.problem]


def where_characters(resolved: Resolved, chars: str) -> list[str]:
    """Where the position, its sign-on CSV and its recipients CSV hold one of ``chars``:
    ``file:line:col (field)`` in the position, ``file row N (field)`` in a CSV."""
    from .model.base import walk_text

    wanted = set(chars)

    def holding(value: Any) -> list[str]:
        return [str(path[0]) if path else "" for path, text in walk_text(value)
                if wanted & set("".join(text.values()) if isinstance(text, dict) else text)]

    place = _Place(resolved.position)
    places = []
    for path, value in walk_text(resolved.position):
        if holding(value):
            problem = place.problem(path, "")
            line = f":{problem.line}:{problem.column}" if problem.line else ""
            places.append(f"{problem.file}{line} ({problem.field})")
    if resolved.signatories is not None and resolved.signatories.file is not None:
        for _, rows in resolved.signatories.groups:
            for row in sorted(rows, key=lambda r: r.row):
                places += [f"{resolved.signatories.file.file} row {row.row} ({field})" for field in holding(row.signatory)]
    for recipient in resolved.recipients:
        if recipient.file and recipient.recipient is not None:
            places += [f"{recipient.source} ({field})" for field in holding(recipient.recipient)]
    return places


class _Place:
    """Problems of the position at their file:line:col (the file is parsed again only for them)."""

    def __init__(self, position: Position):
        self.position = position
        self.data: Any = None

    def problem(self, path: tuple[Any, ...], message: str) -> Problem:
        source = self.position.source
        line = col = None
        if source is not None:
            if self.data is None:
                self.data = read_yaml(source)
            line, col, _ = locate(self.data, path)
        return Problem(str(source or "<position>"), line, col, format_path(path), message)

    def check(self, found: Found) -> None:
        if found:
            problems = [self.problem(path, message) for path, message in found]
            raise InvalidInput(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))


def _signatories(position: Position, folder: Path, place: _Place) -> PlacedSignatories | None:
    spec = position.signatories
    if spec is None:
        return None
    if not spec.file:
        return placed(spec)
    path = folder / spec.file
    if not path.is_file():
        place.check([(("signatories", "file"), f"no such file: {path} (the path is relative to the position file)")])
    return placed(spec, read_csv(path, spec.columns.as_dict(), spec.preset, spec.default_type, display=str(path)))


def _recipients(position: Position, folder: Path, place: _Place,
                roots: tuple[Path, ...] = ()) -> tuple[RecipientRow, ...]:
    found = list(signature_problems(position, folder, roots or (folder,)))
    listed = position.recipients
    file = None
    if isinstance(listed, RecipientList) and listed.file:
        path = folder / listed.file
        if path.is_file():
            file = read_recipients(path, display=str(path))
        else:
            found.append((("recipients", "file"), f"no such file: {path} (the path is relative to the position file)"))
    place.check(found)
    return tuple(merge_rows(position, listed_rows(position, file)))


def _theme(position: Position, folder: Path, templates: Path | None, place: _Place,
           roots: tuple[Path, ...] = ()) -> LoadedTheme | None:
    file = (folder / position.theme).resolve() if position.theme else None
    found: list[tuple[tuple[Any, ...], str]] = []
    if templates is not None and not templates.is_dir():
        found.append((("templates",), f"no such folder: {templates}"))
    if file is not None and not file.is_file():
        found.append((("theme",), f"no such theme file: {file}"))
    place.check(found)
    return read_theme(file, tuple(p for p in (*roots, templates) if p is not None)) if file else None
