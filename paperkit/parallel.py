"""Independent tasks in several processes: ``run_tasks(task, count, jobs)``.

The calling process works too: with ``jobs=2`` it forks one worker and both take the next
task from a shared counter until none is left, so no process waits while another has work
(put the longest tasks first).  Workers are forked, so they start with everything the
caller has loaded — modules, fonts, parsed stylesheets, compiled templates, the documents
to write — and only results travel back (pickled).  When there are more tasks than
processes, the caller does the first task before it forks, so that this start-up work is
done once rather than in every process.  A task that fails in a worker is run
again in the caller, so the caller raises the very exception (type, message, traceback) it
would have raised alone; warnings a worker's task gives are given again in the caller.

No pool when it could not help or would not be safe: fewer than three tasks (measured:
one statement's PDF and DOCX in two processes took 1.16–1.19× the wall time of one process
on a busy 2-core machine, 1.06–1.08× the CPU), ``jobs`` ≤ 1, a platform
without ``fork``, or other threads in the caller (a lock another thread holds at the fork
would stay locked in the child).
"""

from __future__ import annotations

import os
import threading
import warnings
from typing import Any, Callable, Sequence, TypeVar

T = TypeVar("T")

_SHARED: dict[str, Any] = {}
"""What the forked workers inherit: the task function and the shared counter."""


def cpu_count() -> int:
    """CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        return os.cpu_count() or 1


def processes_for(count: int, jobs: int | None) -> int:
    """How many processes ``count`` tasks get with ``jobs`` asked for (None: the CPUs)."""
    wanted = cpu_count() if jobs is None else jobs
    if count < 3 or wanted < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return 1  # two tasks (one document's PDF and DOCX): forking costs more than it saves on a busy machine
    return min(wanted, count - 1)  # the caller does the first task before it forks


def run_tasks(task: Callable[[int], T], count: int, jobs: int | None) -> list[T]:
    """``[task(0), task(1), …, task(count - 1)]``, computed in up to ``jobs`` processes."""
    processes = processes_for(count, jobs)
    if processes == 1:
        return [task(index) for index in range(count)]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    first = 1 if count > processes else 0  # enough to share: warm up on the first task, before the fork
    done: dict[int, Any] = {0: (task(0), [])} if first else {}
    _SHARED.update(task=task, next=context.Value("i", first), count=count)
    try:
        with context.Pool(processes - 1) as pool:
            pending = [pool.apply_async(_work) for _ in range(processes - 1)]
            done.update(_take_tasks())
            for result in pending:
                done.update(result.get())
    finally:
        _SHARED.clear()
    results: list[T] = []
    for index in range(count):
        outcome = done[index]
        if isinstance(outcome, _Failed):
            results.append(task(index))  # again here: the caller raises what the task raises
            continue
        value, said = outcome
        for message, category, filename, lineno in said:
            warnings.warn_explicit(message, category, filename, lineno)
        results.append(value)
    return results


class _Failed:
    """A task that raised in a worker (run again in the caller)."""


def _work() -> list[tuple[int, Any]]:
    return _take_tasks()


def _take_tasks() -> list[tuple[int, Any]]:
    """Take tasks from the shared counter until none is left: each result with the warnings
    it gave, or _Failed."""
    task, counter, count = _SHARED["task"], _SHARED["next"], _SHARED["count"]
    out: list[tuple[int, Any]] = []
    while True:
        with counter.get_lock():
            index = counter.value
            counter.value += 1
        if index >= count:
            return out
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            try:
                out.append((index, (task(index), _replayable(said))))
            except Exception:
                out.append((index, _Failed()))


def _replayable(said: Sequence[warnings.WarningMessage]) -> list[tuple[Warning | str, type[Warning], str, int]]:
    return [(w.message, w.category, w.filename, w.lineno) for w in said]
