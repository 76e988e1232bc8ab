"""``paperkit render`` of letters made for each recipient: progress on the terminal, failures reported."""

from __future__ import annotations

import sys
import time
import warnings
from typing import Any, Sequence, TextIO

from ..batch import Failure, Written, is_merge, merge
from ..errors import FitWarning
from ..jobs import RenderSettings, render
from ..resolve import Resolved


class Progress:
    """A progress line with count and ETA on a terminal; a line per file otherwise."""

    def __init__(self, stream: TextIO | None = None, tty: bool | None = None):
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


def summary(ident: str, result: Any) -> str:
    """ "id: 12 letters (24 files) for 12 recipients in out/id; 3 with warnings, 1 refused" """
    letters = {(w.order[0], w.order[1]) for w in result.written}
    recipients = {w.order[0] for w in result.written}
    warned = {(w.order[0], w.order[1]) for w in result.written if w.warnings}
    return (f"{ident}: {len(letters)} letter{'s' if len(letters) != 1 else ''} ({len(result.written)} files) for "
            f"{len(recipients)} recipient{'s' if len(recipients) != 1 else ''} in {result.folder}; "
            f"{len(warned)} with warnings (manifest.csv), {len(result.failures)} refused")


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
            with warnings.catch_warnings():  # a letter's FitWarning is printed below with its file
                warnings.simplefilter("ignore", FitWarning)
                result = merge(resolved, settings, progress)
        finally:
            progress.close()
        for extra in (result.manifest, result.combined):
            if extra:
                print(extra)
        print(summary(position.id, result), file=sys.stderr)
        for written in result.written:
            if written.warnings and written.format == result.written[0].format:
                print(f"warning: {written.path.name}: {'; '.join(written.warnings)}", file=sys.stderr)
        failures += result.failures
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    if failures:
        print(f"error: {len(failures)} letter{'s' if len(failures) != 1 else ''} not made (above); "
              "every other letter was written", file=sys.stderr)
        return 1
    return 0
