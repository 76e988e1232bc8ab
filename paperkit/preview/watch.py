"""Which files a rendering depends on, and waiting for one of them to change (watchfiles).

A position's rendering depends on its file, the CSVs it reads, its theme and the theme's
images, signature images, and the template folders it is made with.  ``watch_changes``
watches the folders those files lie in (not recursively: a position in a large folder
costs nothing more) and reports only changes of those files, so an editor that saves by
writing a new file and renaming it is seen as well.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from ..model.letter import RecipientList
from ..resolve import Resolved

if TYPE_CHECKING:  # pragma: no cover
    from ..jobs import RenderSettings

__all__ = ["Dependencies", "dependencies", "rendering_dependencies", "watch_changes"]


@dataclass(frozen=True)
class Dependencies:
    """Files, and folders any file of which counts (templates), that a rendering was made from."""

    files: frozenset[Path]
    folders: frozenset[Path] = frozenset()

    def __or__(self, other: "Dependencies") -> "Dependencies":
        return Dependencies(self.files | other.files, self.folders | other.folders)

    def concerns(self, path: Path) -> bool:
        """True when a change of ``path`` can change the rendering."""
        return path in self.files or path.parent in self.folders

    def watched(self) -> list[Path]:
        """The folders to watch (each without its subfolders)."""
        places = {f.parent for f in self.files} | set(self.folders)
        return sorted(p for p in places if p.is_dir())


def dependencies(resolved: Resolved, template_dirs: Iterable[Path] = ()) -> Dependencies:
    """Every file ``resolved`` was made from; ``template_dirs`` are the template folders searched
    (:func:`paperkit.writers.templating.search_path`), built-in ones included."""
    position, folder = resolved.position, resolved.folder
    files: set[Path] = set()
    if resolved.source is not None:
        files.add(resolved.source)
    if position.signatories is not None and position.signatories.file:
        files.add(folder / position.signatories.file)
    if isinstance(position.recipients, RecipientList) and position.recipients.file:
        files.add(folder / position.recipients.file)
    letter = getattr(position, "letter", None)
    for signer in (letter.signers if letter is not None else ()):
        if signer.signature:
            files.add(folder / signer.signature)
    theme = resolved.theme
    if theme is not None:
        files.update(p for p in (theme.file, theme.logo, theme.logo_raster, *theme.signatures.values()) if p)
    return Dependencies(frozenset(p.resolve() for p in files),
                        frozenset(Path(d).resolve() for d in template_dirs))


def rendering_dependencies(resolved: Resolved, settings: "RenderSettings") -> Dependencies:
    """What a render of ``resolved`` with ``settings`` reads: its files and its template folders."""
    from ..writers.templating import search_path

    options = settings.writer_options(resolved)
    return dependencies(resolved, search_path(resolved.position.kind, options.templates))


def watch_changes(paths: Callable[[], Dependencies], changed: Callable[[set[Path]], None],
                  stop: threading.Event, ready: threading.Event | None = None, debounce_ms: int = 30) -> None:
    """Call ``changed(files)`` whenever files of ``paths()`` change, until ``stop`` is set.

    ``paths`` is asked again after each change (a position may name a new theme or CSV); the
    watcher goes on collecting changes while ``changed`` runs, and starts anew only when other
    folders are to be watched.  ``ready`` is set once the folders are being watched.
    """
    from watchfiles import watch

    while not stop.is_set():
        deps = paths()
        folders = deps.watched()
        if not folders:
            stop.wait(0.2)
            continue
        # a timeout (an empty batch) every 200 ms: the first one says the watch is in place
        for batch in watch(*folders, watch_filter=None, recursive=False, stop_event=stop, debounce=debounce_ms,
                           step=10, yield_on_timeout=True, raise_interrupt=True, rust_timeout=200):
            if ready is not None:
                ready.set()
            hit = {Path(p).resolve() for _, p in batch if deps.concerns(Path(p).resolve())}
            if hit:
                changed(hit)
                deps = paths()  # the position may name other files now
                if deps.watched() != folders:
                    break
