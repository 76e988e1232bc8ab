"""A time limit on one document's render (``--timeout``): past it, that document fails cleanly.

The limit is a POSIX interval timer (``SIGALRM``) whose handler raises inside the render, so
it needs no second process and stops pure-Python work (WeasyPrint's layout, a template) at
the next bytecode.  The exception it raises derives from BaseException, so that no library's
``except Exception`` swallows it, and the timer fires again every quarter second until the
limit is left, in case something catches it all the same (a garbage-collector callback, a C
library's callback into Python); it becomes a :class:`RenderTimeout` (exit 1)
where the limit was set.  A signal reaches only the main thread: the command line and the
worker processes of a mail merge render there.  In another thread (a web app's, the preview
server's) or where there is no ``setitimer`` (Windows), the render runs without a limit.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from types import FrameType
from typing import Iterator

from .errors import RenderTimeout

DEFAULT_TIMEOUT = 900.0
"""Seconds one document may take unless ``--timeout`` says otherwise: 15 minutes, half again
the slowest legitimate document measured (a joint statement with 100,000 signatories took 10
minutes to PDF on two cores, issue 20); a statement takes a fraction of a second."""


REPEAT = 0.25
"""Seconds between the timer's signals once the limit is past (until the render stops)."""


class _Expired(BaseException):
    """Raised by the timer's handler; never seen outside :func:`time_limit`."""


def can_limit() -> bool:
    """True where :func:`time_limit` can stop a render: the main thread of a POSIX process."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None, what: str, limit: float | None = None) -> Iterator[None]:
    """Run the block with at most ``seconds`` (None or 0: no limit); past them, raise
    :class:`RenderTimeout` naming ``what`` (a document; empty where the caller names it) and the
    ``limit`` (default: ``seconds``; more when part of it was spent before the block).  A timer set
    by the caller (a test runner's, say) is restored afterwards, less the time spent here."""
    if not seconds or not can_limit():
        yield
        return
    armed = True

    def expired(signum: int, frame: FrameType | None) -> None:
        if armed:
            raise _Expired

    previous_handler = signal.signal(signal.SIGALRM, expired)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    started = time.monotonic()
    try:
        yield
    except _Expired:
        armed = False
        named = f"{what}: " if what else ""
        raise RenderTimeout(f"{named}stopped after {limit or seconds:g} s, the time limit of one document "
                            "(--timeout SECONDS; 0 for none); nothing of it was written") from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), previous_interval)
