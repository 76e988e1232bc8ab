"""``--jobs``: the documents of a render shared among processes (paperkit/parallel.py) give
the very files one process gives, with the same warnings and the same failures."""

from __future__ import annotations

import threading
import warnings

import pytest

import paperkit
from conftest import POSITIONS
from paperkit.cli import main
from paperkit.errors import PaperkitError
from paperkit.jobs import RenderSettings, render_all
from paperkit.parallel import processes_for, run_tasks

STATEMENT = POSITIONS / "jca-net-2024-09-cybercrime.yaml"
EVERY_LANGUAGE = POSITIONS / "paperkit-2024-10-statements-in-every-language.yaml"


def files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_two_processes_write_the_same_files_as_one(tmp_path):
    """Also on another second: a DOCX with embedded CJK faces carries no time of its making."""
    import time

    positions = [STATEMENT, EVERY_LANGUAGE]
    from paperkit.writers.docx.embed import subset_face

    one = render_all(positions, RenderSettings(out=tmp_path / "one", jobs=1, lang="en,ja"))
    subset_face.cache_clear()  # subset again, a second later
    time.sleep(1.1)
    two = render_all(positions, RenderSettings(out=tmp_path / "two", jobs=2, lang="en,ja"))
    assert [p.name for p in one] == [p.name for p in two]  # the order asked for, whoever made them
    assert len(one) == 20
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_the_command_line_shares_the_documents_and_prints_every_path(tmp_path, capsys):
    assert main(["render", str(STATEMENT), "--lang", "all", "--format", "pdf,docx,txt", "--jobs", "2",
                 "--out", str(tmp_path / "two")]) == 0
    printed = capsys.readouterr().out.split()
    assert main(["render", str(STATEMENT), "--lang", "all", "--format", "pdf,docx,txt", "--jobs", "1",
                 "--out", str(tmp_path / "one")]) == 0
    assert [p.replace("/two/", "/one/") for p in printed] == capsys.readouterr().out.split()
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_a_failure_in_a_worker_is_the_callers_failure_and_nothing_is_written(tmp_path, monkeypatch):
    import paperkit.jobs as jobs

    real = jobs.writer

    def writer(fmt):
        if fmt != "txt":
            return real(fmt)

        def broken(document, options):
            raise PaperkitError(f"the {fmt} writer broke")
        return broken

    monkeypatch.setattr(jobs, "writer", writer)
    with pytest.raises(PaperkitError, match="the txt writer broke"):
        paperkit.render(STATEMENT, formats=["pdf", "html", "md", "txt"], out=tmp_path, jobs=2)
    assert list(tmp_path.iterdir()) == []


def test_warnings_given_in_a_worker_reach_the_caller():
    def task(index):
        warnings.warn(UserWarning(f"task {index} says so"))
        return index * index

    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        assert run_tasks(task, 6, jobs=2) == [0, 1, 4, 9, 16, 25]
    assert sorted(str(w.message) for w in said) == [f"task {i} says so" for i in range(6)]


def test_tasks_really_run_in_two_processes():
    import multiprocessing
    import os

    caller, worked = os.getpid(), multiprocessing.get_context("fork").Event()

    def task(index):  # the caller waits until a worker has taken a task, however busy the machine is
        worked.set() if os.getpid() != caller else index == 0 or worked.wait(60)
        return os.getpid()

    pids = set(run_tasks(task, 8, jobs=2))
    assert os.getpid() in pids and len(pids) == 2


def test_no_pool_when_it_cannot_help_or_is_unsafe():
    assert processes_for(1, 4) == 1
    assert processes_for(2, 2) == 1  # one document's PDF and DOCX: no fork
    assert processes_for(5, 1) == 1
    assert processes_for(3, 8) == 2  # the caller does the first task before it forks
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert processes_for(5, 2) == 1  # another thread could hold a lock across the fork
    finally:
        stop.set()
        thread.join()
