"""``paperkit render`` of letters made for each recipient: progress on the terminal, failures reported."""

from __future__ import annotations

import sys
import time
from typing import Any, Sequence

from ..batch import Failure, Written, is_merge, merge
from ..jobs import RenderSettings, render
from ..resolve import Resolved


class Progress:
    """A progress line with count and ETA on a terminal; a line per file otherwise."""

    def __init__(self, stream=None, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int, outcome: list[Written] | Failure) -> None:
        if not self.tty:
            if isinstance(outcome, list):
                for written in outcome:
                    print(written.path, flush=True)
            return
        elapsed = time.monotonic() - self.start
        eta = elapsed / done * (total - done) if done else 0
        width = 24
        bar = "#" * (width * done // max(total, 1))
        self.stream.write(f"\r[{bar:<{width}}] {done}/{total} letters  ETA {int(eta) // 60}:{int(eta) % 60:02d} ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()


def merge_command(positions: Sequence[Resolved], settings: RenderSettings) -> int:
    """``paperkit render`` with ``--recipients``, ``--combined``, or a position made for each recipient.

    Positions that are not merges are rendered as usual.  Returns the exit code: 0, or 1 when
    a recipient got no letter (all reported on stderr, after every other letter is written).
    """
    failures: list[Failure] = []
    for resolved in positions:
        position = resolved.position
        if not (settings.recipients or is_merge(position)):
            for path in render(resolved, settings):
                print(path)
            continue
        progress = Progress()
        try:
            result = merge(resolved, settings, progress)
        finally:
            progress.close()
        for extra in (result.manifest, result.combined):
            if extra:
                print(extra)
        if progress.tty:
            recipients = len({w.order[0] for w in result.written})
            print(f"{position.id}: {len(result.written)} files for {recipients} recipients in {result.folder}",
                  file=sys.stderr)
        failures += result.failures
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    if failures:
        print(f"error: {len(failures)} letter{'s' if len(failures) != 1 else ''} not made (above); "
              "every other letter was written", file=sys.stderr)
        return 1
    return 0
