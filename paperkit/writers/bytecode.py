"""Compiled Jinja templates kept in the user's cache folder, so that a new process does not
compile the page templates again (about a quarter of a cold PDF render's own work).

A cached file is only ever the code that the same environment made of the same template:
its name is a SHA-256 of everything the compiled code depends on — the template's name, file
name and full source, the environment's class and its options (autoescape, whitespace,
delimiters, extensions), the source of paperkit's sandbox modules (the sandbox rewrites
every loop and concatenation when it compiles), Jinja's and paperkit's versions and Python's
bytecode tag — and the file repeats that name in its header.  A template from a stranger
therefore always runs as code its sandbox compiled from its own text; an edited template,
another sandbox or another version finds no file and compiles afresh.  A file that is not
what it says (truncated, damaged, renamed, another format) is ignored and replaced.

The folder is ``$PAPERKIT_CACHE_DIR`` when set (empty: no cache), else the platform's user
cache folder (``$XDG_CACHE_HOME/paperkit`` or ``~/.cache/paperkit`` on Linux) with a
``jinja`` folder inside.  It is made private (0700) and used only while it belongs to this
user and nobody else may write to it; files are written to a temporary name and renamed, so
that processes rendering at once never read half a file.  Anything that goes wrong with the
cache — a read-only or missing folder, a full disk — only means the template is compiled.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import secrets
import stat
import sys
import types
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

CACHE_ENV = "PAPERKIT_CACHE_DIR"
MAGIC = b"paperkit-jinja-bytecode 1\n"
SUFFIX = ".jbc"
MAX_FILE = 8 * 2**20
"""Largest cache file read (bytes): no page template compiles to nearly this much."""
_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
            "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
            "is_async", "autoescape")


def cache_folder() -> Path | None:
    """Where compiled templates are kept: ``$PAPERKIT_CACHE_DIR`` (empty: nowhere), else the
    user cache folder's ``paperkit/jinja``."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("paperkit", appauthor=False)) / "jinja"


def bytecode_cache() -> SealedBytecodeCache | None:
    """The cache for this process's environments, or None when there is no folder to use."""
    folder = cache_folder()
    return SealedBytecodeCache(folder) if folder is not None else None


class SealedBytecodeCache(BytecodeCache):
    """Jinja's bytecode cache, keyed by content (see the module's documentation)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = cache_key(environment, name, filename, source)
        bucket = Bucket(environment, key, key)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        folder = self._usable(create=False)
        if folder is None:
            return
        try:
            with open(folder / f"{bucket.key}{SUFFIX}", "rb") as handle:
                data = handle.read(MAX_FILE + 1)
        except OSError:
            return
        header = MAGIC + bucket.key.encode("ascii") + b"\n"
        if len(data) > MAX_FILE or not data.startswith(header):
            return
        try:
            code = marshal.loads(data[len(header):])
        except (EOFError, ValueError, TypeError):
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        folder = self._usable(create=True)
        if folder is None or bucket.code is None:
            return
        target = folder / f"{bucket.key}{SUFFIX}"
        temporary = folder / f".{bucket.key}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + bucket.key.encode("ascii") + b"\n" + marshal.dumps(bucket.code))
            os.replace(temporary, target)
        except OSError:
            temporary.unlink(missing_ok=True)

    def clear(self) -> None:
        folder = self._usable(create=False)
        for path in folder.glob(f"*{SUFFIX}") if folder is not None else ():
            path.unlink(missing_ok=True)

    def _usable(self, create: bool) -> Path | None:
        """The folder if it may be used: this user's own, nobody else may write to it."""
        try:
            if create:
                self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = self.folder.stat()
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        return self.folder


def cache_key(environment: Environment, name: str, filename: str | None, source: str) -> str:
    """SHA-256 of everything the compiled code of ``source`` depends on."""
    digest = hashlib.sha256(environment_fingerprint(environment).encode("utf-8"))
    for part in (name, filename or "", source):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def environment_fingerprint(environment: Environment) -> str:
    """The environment's class, the options that change compiled code, and the versions."""
    cls = type(environment)
    options = [f"{name}={getattr(environment, name, None)!r}" for name in _OPTIONS]
    extensions = sorted(f"{type(e).__module__}.{type(e).__qualname__}" for e in environment.extensions.values())
    return "|".join([_versions(), f"{cls.__module__}.{cls.__qualname__}", _code_digest(cls), *options, *extensions])


@lru_cache(maxsize=1)
def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import jinja2

    try:
        paperkit_version = version("paperkit")
    except PackageNotFoundError:  # a source tree that is not installed: the digests below still differ
        paperkit_version = "0+unknown"
    return f"paperkit {paperkit_version}; jinja2 {jinja2.__version__}; {sys.implementation.cache_tag}"


def _code_digest(cls: type[Any]) -> str:
    """SHA-256 of the source files of paperkit's classes in ``cls``'s ancestry (the sandbox's
    compile-time rewriting lives there) and of this module."""
    name = f"{cls.__module__}.{cls.__qualname__}"
    if name not in _DIGESTS:
        _DIGESTS[name] = _files_digest(cls)
    return _DIGESTS[name]


_DIGESTS: dict[str, str] = {}


def _files_digest(cls: type[Any]) -> str:
    digest = hashlib.sha256()
    files = {Path(sys.modules[k.__module__].__file__ or "") for k in cls.__mro__
             if k.__module__.startswith("paperkit.") and getattr(sys.modules.get(k.__module__), "__file__", None)}
    for path in sorted(files | {Path(__file__)}):
        digest.update(path.read_bytes())
    return digest.hexdigest()
