"""Independent tasks in several processes: ``run_tasks(task, count, jobs)``.

The calling process works too: with ``jobs=2`` it forks one worker and both take the next
task from a shared counter until none is left, so no process waits while another has work;
``order`` says which to hand out first (put the longest first).  Workers are forked, so they
start with everything the caller has loaded — modules, fonts, parsed stylesheets, compiled
templates — and only results travel back (pickled).  What every process would load anyway
is best loaded once before the fork (``before_fork``: WeasyPrint's import, say): that costs
no more time than each process loading it at once, and saves the work of the copies; what
only some tasks need is left to the process that meets them.  Results, the warnings each
task gave (given again in the caller) and a failure come in the order of the tasks, as in
one process: a task that fails in a worker is run again in the caller, so the caller raises
the very exception (type, message, traceback) it would have raised alone.

No pool when it could not help or would not be safe: fewer than three tasks (the caller does
one before it forks, which would leave one task to share; a render's tasks are documents, and
one statement's PDF and DOCX shared between two processes took 1.16–1.19× the wall time of
one process on a busy 2-core machine, 1.06–1.08× the CPU), ``jobs`` ≤ 1, a platform
without ``fork``, or other threads in the caller (a lock another thread holds at the fork
would stay locked in the child).
"""

from __future__ import annotations

import gc
import os
import threading
import warnings
from collections import Counter
from typing import Any, Callable, Collection, Sequence, TypeVar

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
        return 1  # two tasks: after the caller's first, one left, nothing to share
    return min(wanted, count - 1)  # the caller does one task before it forks


def run_tasks(task: Callable[[int], T], count: int, jobs: int | None, order: Sequence[int] | None = None,
              before_fork: Callable[[], object] | None = None,
              needs: Sequence[Collection[str]] | None = None) -> list[T]:
    """``[task(0), task(1), …, task(count - 1)]``, computed in up to ``jobs`` processes.

    When they are shared: ``before_fork`` is called, then the caller does the shortest task of
    the most common needs (:func:`warm_up_task`; ``order`` is a permutation of the indices,
    the longest first; default 0, 1, …), then each process takes the first task left in that
    order but those whose ``needs`` (what a task loads the first time a process meets it:
    fonts, templates, data) another process has met and it has not (:func:`next_task`): so a
    font or a template is loaded in one process rather than in each."""
    processes = processes_for(count, jobs)
    if processes == 1:
        return [task(index) for index in range(count)]
    import multiprocessing

    handed = list(range(count)) if order is None else list(order)
    if sorted(handed) != list(range(count)):
        raise ValueError(f"order {order!r} is not a permutation of the {count} tasks")
    if before_fork is not None:
        before_fork()
    wants = [frozenset(needs[i]) for i in range(count)] if needs is not None else [frozenset()] * count
    first = warm_up_task(handed, wants)  # what every process needs (WeasyPrint's C types, fonts …), loaded once
    handed.remove(first)
    done: dict[int, Any] = {first: _attempt(task, first)}
    context = multiprocessing.get_context("fork")
    _SHARED.update(task=task, order=handed, wants=wants, met=wants[first], taken=context.Array("i", count),
                   workers=context.Value("i", 0))
    gc.freeze()  # what the caller has made stays out of the collector's way, so its pages stay shared
    try:
        with context.Pool(processes - 1) as pool:
            pending = [pool.apply_async(_work) for _ in range(processes - 1)]
            done.update(_take_tasks())
            for result in pending:
                done.update(result.get())
    finally:
        gc.unfreeze()
        _SHARED.clear()
    results: list[T] = []
    registries: dict[str, dict[Any, Any]] = {}
    for index in range(count):
        outcome = done[index]
        if isinstance(outcome, _Failed):
            results.append(task(index))  # again here: the caller raises what the task raises
            continue
        value, said = outcome
        for message, category, filename, lineno in said:  # once per place and text, as warnings.warn would
            warnings.warn_explicit(message, category, filename, lineno, registry=registries.setdefault(filename, {}))
        results.append(value)
    return results


class _Failed:
    """A task that raised in a worker (run again in the caller)."""


def _work() -> list[tuple[int, Any]]:
    return _take_tasks()


def _take_tasks() -> list[tuple[int, Any]]:
    """Take tasks until none is left (:func:`next_task`)."""
    task, order, wants, taken, workers = (_SHARED[k] for k in ("task", "order", "wants", "taken", "workers"))
    with workers.get_lock():
        workers.value += 1
        me = workers.value  # the caller is 1
    mine = set(_SHARED["met"])
    out: list[tuple[int, Any]] = []
    while True:
        with taken.get_lock():
            others: set[str] = set()
            for i in order:
                if taken[i] not in (0, me):
                    others |= wants[i]
            index = next_task([i for i in order if not taken[i]], wants, mine, others)
            if index is None:
                return out
            taken[index] = me
        mine |= wants[index]
        out.append((index, _attempt(task, index)))


def warm_up_task(order: Sequence[int], wants: Sequence[frozenset[str]]) -> int:
    """The task the caller does before it forks: the last in ``order`` (the shortest) of those
    with the needs most tasks share, so that what it loads serves the most."""
    common = Counter(wants[i] for i in order).most_common(1)[0][0]
    return next(i for i in reversed(order) if wants[i] == common)


def next_task(left: Sequence[int], wants: Sequence[frozenset[str]], mine: set[str], others: set[str]) -> int | None:
    """The task to take of those ``left`` (the longest first): the first whose needs
    (``wants``) this process has met (``mine``) or another has not (``others``), so that what
    a task loads the first time is loaded in one process; else the first.  None when none is left."""
    return next((i for i in left if not wants[i] - mine <= others or wants[i] <= mine), left[0] if left else None)


def _attempt(task: Callable[[int], Any], index: int) -> Any:
    """``task(index)`` with the warnings it gave, or _Failed."""
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        try:
            return task(index), _replayable(said)
        except Exception:
            return _Failed()


def _replayable(said: Sequence[warnings.WarningMessage]) -> list[tuple[Warning | str, type[Warning], str, int]]:
    return [(w.message, w.category, w.filename, w.lineno) for w in said]
