"""``paperkit render --watch``: render, then render again each position whose files change."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Sequence, TextIO

from ..errors import InvalidInput, PaperkitError
from ..jobs import RenderSettings
from .watch import Dependencies, rendering_dependencies, watch_changes


class _Watched:
    """One position file and what its last render read."""

    def __init__(self, path: Path):
        self.path = path
        self.deps = Dependencies(frozenset({path.resolve()}))

    def render(self, settings: RenderSettings) -> tuple[list[Path], list[str]]:
        """Render it: (paths written, problems); its dependencies are updated when it is valid."""
        from ..batch import is_merge, merge
        from ..jobs import render, resolved_position

        try:
            resolved = resolved_position(self.path, settings.fallback, settings.allow)
            self.deps = Dependencies(frozenset({self.path.resolve()})) | rendering_dependencies(resolved, settings)
            if settings.recipients or is_merge(resolved.position):
                result = merge(resolved, settings)
                return [w.path for w in result.written], [str(f) for f in result.failures]
            return render(resolved, settings), []
        except InvalidInput as error:
            return [], [str(p) for p in error.problems]
        except PaperkitError as error:
            return [], [str(error)]
        except Exception as error:  # a bug: say it, and keep watching
            return [], [f"internal error ({type(error).__name__}: {error})"]


def watch_render(files: Sequence[str | Path], settings: RenderSettings, log: TextIO,
                 stop: threading.Event | None = None, ready: threading.Event | None = None) -> int:
    """Render ``files`` now and again after each change until Ctrl-C (or ``stop``); one line per render.
    ``ready`` is set once the files are being watched."""
    watched = [_Watched(Path(f)) for f in files]
    stop = stop or threading.Event()

    def run(items: Sequence[_Watched]) -> None:
        for item in items:
            start = time.perf_counter()
            paths, problems = item.render(settings)
            now, took = time.strftime("%H:%M:%S"), time.perf_counter() - start
            if problems:
                print(f"{now} {item.path}: not rendered ({took:.2f} s):", *(f"  {p}" for p in problems),
                      sep="\n", file=log, flush=True)
            else:
                print(f"{now} {item.path} → {', '.join(str(p) for p in paths)} ({took:.2f} s)", file=log, flush=True)

    def changed(paths: set[Path]) -> None:
        run([item for item in watched if any(item.deps.concerns(p) for p in paths)])

    def everything() -> Dependencies:
        deps = Dependencies(frozenset())
        for item in watched:
            deps = deps | item.deps
        return deps

    run(watched)
    print(f"watching {len(watched)} position{'s' if len(watched) != 1 else ''} (Ctrl-C stops)", file=log, flush=True)
    try:
        watch_changes(everything, changed, stop, ready)
    except KeyboardInterrupt:
        print("stopped", file=log, flush=True)
    return 0
