"""``--jobs``: the documents of a render shared among processes (paperkit/parallel.py) give
the very files one process gives, with the same warnings and the same failures."""

from __future__ import annotations

import threading
import warnings

import pytest

import paperkit
from conftest import POSITIONS
from paperkit.cli import main
from paperkit.errors import PaperkitError, PaperkitWarning
from paperkit.jobs import RenderSettings, render_all
from paperkit.parallel import processes_for, run_tasks

STATEMENT = POSITIONS / "jca-net-2024-09-cybercrime.yaml"
EVERY_LANGUAGE = POSITIONS / "paperkit-2024-10-statements-in-every-language.yaml"
LETTER = POSITIONS / "jca-net-2024-09-letter-to-the-foreign-minister.yaml"


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
    assert main(["render", str(STATEMENT), str(EVERY_LANGUAGE), "--lang", "all", "--format", "html,txt", "--jobs", "2",
                 "--out", str(tmp_path / "two")]) == 0
    printed = capsys.readouterr().out.split()
    assert len(printed) == 18
    assert main(["render", str(STATEMENT), str(EVERY_LANGUAGE), "--lang", "all", "--format", "html,txt", "--jobs", "1",
                 "--out", str(tmp_path / "one")]) == 0
    assert [p.replace("/two/", "/one/") for p in printed] == capsys.readouterr().out.split()
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_a_failure_is_the_first_documents_that_fails_as_in_one_process_and_nothing_is_written(tmp_path, monkeypatch):
    """The documents are shared out the longest first, but the failure raised is the first in
    the order asked for (the languages of the position), whoever made it."""
    import paperkit.jobs as jobs

    real = jobs.writer

    def writer(fmt):
        if fmt != "txt":
            return real(fmt)

        def broken(document, options):
            if document.meta.lang in ("fr", "ru"):
                raise PaperkitError(f"the {fmt} writer broke on {document.meta.lang}")
            return real(fmt)(document, options)
        return broken

    monkeypatch.setattr(jobs, "writer", writer)
    for count in (1, 2):
        with pytest.raises(PaperkitError, match="the txt writer broke on fr"):
            paperkit.render(EVERY_LANGUAGE, formats=["html", "md", "txt"], lang="all", out=tmp_path, jobs=count)
        assert list(tmp_path.iterdir()) == []


def test_the_documents_warnings_are_said_once_each_in_the_order_of_one_process(tmp_path):
    """The letter's guessed form of address (an AddressWarning) among statements made in two
    processes: said once, with every other warning, in the order one process says them."""
    from paperkit.errors import AddressWarning

    positions = [STATEMENT, LETTER, EVERY_LANGUAGE]
    said = {}
    for count in (1, 2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render_all(positions, RenderSettings(out=tmp_path / str(count), jobs=count, lang="all",
                                                 formats=("html", "txt")))
        said[count] = [(w.category, str(w.message)) for w in caught if issubclass(w.category, PaperkitWarning)]
    assert said[2] == said[1]
    guessed = [message for category, message in said[2] if category is AddressWarning]
    assert len(guessed) == 1 and guessed[0].startswith("jca-net-2024-09-letter-to-the-foreign-minister (en-GB)")
    assert files(tmp_path / "1") == files(tmp_path / "2")


def test_the_command_line_prints_each_warning_once_with_two_processes(tmp_path, capsys):
    printed = {}
    for count in ("1", "2"):
        assert main(["render", str(STATEMENT), str(LETTER), str(EVERY_LANGUAGE), "--lang", "all", "--format", "txt",
                     "--jobs", count, "--out", str(tmp_path / count)]) == 0
        printed[count] = capsys.readouterr().err.splitlines()
    assert printed["2"] == printed["1"]
    assert sum("role 'minister' inferred from the title" in line for line in printed["2"]) == 1


NO_FONT = "\ue000"  # a private-use character: no installed font draws it


def test_a_character_no_font_draws_is_placed_in_its_field_when_a_worker_meets_it(tmp_path):
    from paperkit.errors import MissingGlyphs

    source = tmp_path / "three.yaml"
    source.write_text(
        "id: three\nkind: statement\ndate: 2024-09-09\nlanguages: [en, fr, es]\nissued_by:\n  - name: Test Org\n"
        "title:\n  en: A statement\n  fr: Une déclaration\n  es: Una declaración\nbody:\n  - paragraph:\n"
        f"      en: Hello.\n      fr: Bonjour {NO_FONT}.\n      es: Hola.\n", encoding="utf-8")
    messages = []
    for count in (1, 2):
        with pytest.raises(MissingGlyphs) as failure:
            paperkit.render(source, formats=["pdf"], lang="all", out=tmp_path / "out", jobs=count)
        messages.append(str(failure.value))
    assert messages[0] == messages[1]
    assert "U+E000" in messages[1] and f"{source}:12:" in messages[1] and "(body" in messages[1]
    assert not (tmp_path / "out").exists()


def test_tasks_come_back_in_their_order_whatever_order_they_are_handed_out_in():
    import os

    caller = os.getpid()

    def task(index):
        return index * index, os.getpid()

    done = run_tasks(task, 6, jobs=2, order=[5, 3, 1, 0, 2, 4])
    assert [value for value, _ in done] == [0, 1, 4, 9, 16, 25]
    assert done[4][1] == caller  # the last handed out (the shortest) is done by the caller before it forks
    with pytest.raises(ValueError):
        run_tasks(task, 3, jobs=2, order=[0, 0, 1])


def test_a_process_takes_the_longest_task_but_leaves_another_process_what_it_has_loaded_for():
    from paperkit.parallel import next_task

    latin, letter = frozenset({"fonts latin", "kind statement"}), frozenset({"fonts latin", "kind letter"})
    japanese, chinese = frozenset({"fonts JP", "kind statement"}), frozenset({"fonts SC", "kind statement"})
    wants = [japanese, japanese, chinese, latin, letter]
    assert next_task([0, 1, 2, 3, 4], wants, set(latin), set(latin)) == 0  # the longest: nobody has its fonts
    assert next_task([1, 2, 3, 4], wants, set(latin), set(latin | japanese)) == 2  # the other loaded JP: SC is free
    assert next_task([1, 3, 4], wants, set(latin | chinese), set(latin | japanese)) == 3  # needs nothing new
    assert next_task([1, 4], wants, set(latin), set(latin | japanese | letter)) == 1  # all the other's: the longest
    assert next_task([1, 4], wants, set(latin | japanese), set(latin)) == 1
    assert next_task([], wants, set(), set()) is None


def test_the_caller_warms_up_on_the_shortest_task_of_the_most_common_needs():
    from paperkit.parallel import warm_up_task

    latin, japanese = frozenset({"fonts latin"}), frozenset({"fonts JP"})
    wants = [japanese, latin, latin, japanese, latin]
    assert warm_up_task([3, 0, 1, 4, 2], wants) == 2  # not the shortest of all (0): a Latin one serves more
    assert warm_up_task([2, 1, 0], [frozenset()] * 3) == 0


def test_documents_need_their_kinds_templates_and_their_scripts_fonts():
    from paperkit.jobs import document_needs, resolved_position

    statement, letter = resolved_position(STATEMENT), resolved_position(LETTER)
    assert document_needs(statement, "ja") != document_needs(statement, "en")
    assert document_needs(letter, "en-GB") != document_needs(statement, "en")
    assert document_needs(resolved_position(EVERY_LANGUAGE), "en") == document_needs(statement, "en")


def test_the_longest_documents_are_handed_out_first():
    """By the time they took (measured 2026-11-30, every format, warm): the Japanese JCA-NET
    statement 0.61 s, its English version 0.27 s, the short English statement 0.13 s."""
    from paperkit.jobs import document_weight, resolved_position

    statement, short = resolved_position(STATEMENT), resolved_position(EVERY_LANGUAGE)
    assert document_weight(statement, "ja") > document_weight(statement, "en") > document_weight(short, "en")


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
    assert processes_for(3, 8) == 2  # the caller does the shortest task before it forks
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert processes_for(5, 2) == 1  # another thread could hold a lock across the fork
    finally:
        stop.set()
        thread.join()
