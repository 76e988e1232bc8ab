"""Compiled page templates kept in the user's cache folder (paperkit/writers/bytecode.py):
used by the next process, invalidated by any change of the template, never trusted when a
file is not what it says, and never a reason for a render to fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2 import Environment

from conftest import POSITIONS, ROOT
from paperkit.writers import bytecode, html
from paperkit.writers.sandbox import StrictSandbox
from paperkit.writers.templating import builtin_templates

JCA = POSITIONS / "jca-net-2024-09-cybercrime.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache" / "jinja"
    monkeypatch.setenv(bytecode.CACHE_ENV, str(folder))
    html.environment.cache_clear()  # environments (and the templates they hold) made with this folder
    yield folder
    html.environment.cache_clear()


@pytest.fixture
def compiled(monkeypatch):
    """The names of the templates Jinja compiles from source (not loaded from the cache)."""
    names: list[str] = []
    original = Environment.compile

    def spy(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", spy)
    return names


def render(fmt: str = "html", templates: tuple[Path, ...] = ()) -> bytes:
    import paperkit

    html.environment.cache_clear()  # as a new process: only the cache folder carries over
    return paperkit.render_bytes(JCA, fmt, templates=templates)


def test_a_second_process_loads_the_compiled_templates_instead_of_compiling(cache, compiled):
    first = render()
    assert "document.html.j2" in compiled and sorted(cache.glob("*.jbc"))
    compiled.clear()
    assert render() == first
    assert compiled == []


def test_the_output_is_byte_identical_with_and_without_the_cache(cache, monkeypatch):
    with_cache = [render("html"), render("pdf")]
    assert sorted(cache.glob("*.jbc"))
    with_cache.append(render("pdf"))  # from the cache this time
    monkeypatch.setenv(bytecode.CACHE_ENV, "")
    without = render("pdf")
    assert with_cache[1] == with_cache[2] == without
    assert render("html") == with_cache[0]


def test_a_changed_template_is_compiled_again_and_its_change_shows(cache, compiled, tmp_path):
    mine = tmp_path / "mine" / "base"
    mine.mkdir(parents=True)
    shutil.copy(builtin_templates() / "base" / "document.html.j2", mine / "document.html.j2")
    before = render(templates=(mine.parent,))
    compiled.clear()
    page = mine / "document.html.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>edited-once</p></body>"),
                    encoding="utf-8")
    after = render(templates=(mine.parent,))
    assert b"edited-once" in after and b"edited-once" not in before
    assert compiled == ["document.html.j2"]  # only the changed file; the others come from the cache


@pytest.mark.parametrize("poison", ["garbage", "truncated", "another-key", "not-code"])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_replaced(cache, compiled, poison):
    import marshal

    clean = render()
    templates = set(compiled)
    files = sorted(cache.glob("*.jbc"))
    contents = [path.read_bytes() for path in files]
    for index, (path, data) in enumerate(zip(files, contents)):
        if poison == "garbage":
            path.write_bytes(os.urandom(len(data)))
        elif poison == "truncated":
            path.write_bytes(data[: len(data) // 2])
        elif poison == "another-key":  # a valid file, but compiled from another template
            path.write_bytes(contents[index - 1])
        else:  # the right header, but data instead of code
            header = data[: data.index(b"\n", len(bytecode.MAGIC)) + 1]
            path.write_bytes(header + marshal.dumps({"not": "code"}))
    compiled.clear()
    assert render() == clean
    assert set(compiled) == templates  # every poisoned file ignored: compiled from source again
    compiled.clear()
    assert render() == clean and compiled == []  # replaced by good files


def test_the_key_depends_on_the_sandbox_and_its_options(tmp_path):
    source = "{% for x in items %}{{ x }}{% endfor %}"
    sandboxed = bytecode.cache_key(StrictSandbox(), "t.j2", "/t.j2", source)
    assert bytecode.cache_key(StrictSandbox(), "t.j2", "/t.j2", source) == sandboxed
    assert bytecode.cache_key(Environment(autoescape=True), "t.j2", "/t.j2", source) != sandboxed
    assert bytecode.cache_key(StrictSandbox(autoescape=False), "t.j2", "/t.j2", source) != sandboxed
    assert bytecode.cache_key(StrictSandbox(), "t.j2", "/t.j2", source + " ") != sandboxed
    assert bytecode.cache_key(StrictSandbox(), "u.j2", "/u.j2", source) != sandboxed


def test_code_compiled_outside_the_sandbox_is_never_loaded_into_it(tmp_path):
    """A loop compiled by a plain environment has no loop budget: the sandbox must not get it."""
    from jinja2 import DictLoader
    from jinja2.exceptions import SecurityError

    cache = bytecode.SealedBytecodeCache(tmp_path / "jinja")
    loop = {"page.j2": "{% for x in items %}{% endfor %}done"}
    items = range(2_000_000)
    plain = Environment(loader=DictLoader(loop), bytecode_cache=cache)
    assert plain.get_template("page.j2").render(items=items) == "done"
    sandbox = StrictSandbox(loader=DictLoader(loop), bytecode_cache=cache)
    with pytest.raises(SecurityError, match="loops take more than"):
        sandbox.get_template("page.j2").render(items=items)
    assert len(list((tmp_path / "jinja").glob("*.jbc"))) == 2  # one file each, never shared


def test_a_read_only_cache_folder_does_not_fail_a_render(cache, monkeypatch):
    import errno

    clean = render()
    shutil.rmtree(cache)
    cache.mkdir(mode=0o700)

    def read_only(*args, **kwargs):  # as on a read-only file system (root ignores permission bits)
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(bytecode.os, "open", read_only)
    assert render() == clean
    assert list(cache.iterdir()) == []


@pytest.mark.parametrize("where", ["under-a-file", "shared-folder"])
def test_a_cache_folder_that_cannot_or_must_not_be_used_is_left_alone(tmp_path, monkeypatch, where):
    clean = render()
    if where == "under-a-file":
        (tmp_path / "a-file").write_text("x", encoding="utf-8")
        folder = tmp_path / "a-file" / "jinja"
    else:  # others may write into it: their files could be taken for ours
        folder = tmp_path / "shared"
        folder.mkdir()
        folder.chmod(0o777)
    monkeypatch.setenv(bytecode.CACHE_ENV, str(folder))
    html.environment.cache_clear()
    assert render() == clean
    if where == "shared-folder":
        assert list(folder.iterdir()) == []
    html.environment.cache_clear()


def test_the_default_folder_is_the_users_cache(tmp_path):
    code = "from paperkit.writers.bytecode import cache_folder; print(cache_folder())"
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert Path(out.stdout.strip()) == tmp_path / "xdg" / "paperkit" / "jinja"
    env[bytecode.CACHE_ENV] = ""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "None"
