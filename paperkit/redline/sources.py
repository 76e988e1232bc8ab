"""Where the two versions come from: a position file, or a git revision of one.

``HEAD~1:positions/x.yaml`` is read as git reads it (``git show``'s syntax: the path is
from the repository's top, ``REV:./x.yaml`` from the current folder).  The revision's
whole tree is exported into a temporary folder, so that the signatory CSV, the theme and
the images the position names are those of the same revision.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from contextlib import ExitStack
from pathlib import Path

from ..errors import InvalidInput, PaperkitError, Problem
from ..model import Position


def is_revision(spec: str) -> bool:
    """True when ``spec`` names a git revision of a file (``REV:path``) and no file of that name exists."""
    return ":" in spec and not Path(spec).exists() and not spec.startswith(":")


def read_version(spec: str, stack: ExitStack, fallback: str | None = None) -> Position:
    """The position ``spec`` names (file or ``REV:path``); a revision's files live until ``stack`` closes."""
    from ..load import load

    if not is_revision(spec):
        if not Path(spec).is_file():
            raise InvalidInput([Problem(spec, None, None, "", "no such position file (nor a git revision REV:path)")])
        return load(spec, fallback=fallback)
    revision, _, path = spec.partition(":")
    if not path:
        raise InvalidInput([Problem(spec, None, None, "", "name the file after the revision, e.g. HEAD~1:positions/x.yaml")])
    top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
    if path.startswith(("./", "../")):
        prefix = _git("rev-parse", "--show-prefix").decode().strip()
        path = str(Path(prefix, path))
        path = str(Path(*_normalised(Path(path).parts)))
    try:
        _git("cat-file", "-e", f"{revision}:{path}")
    except PaperkitError:
        raise InvalidInput([Problem(spec, None, None, "", f"git has no {path} at revision {revision}")]) from None
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="paperkit-diff-")))
    archive = _git("archive", "--format=tar", revision, cwd=top)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return load(folder / path, fallback=fallback)


def _normalised(parts: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in (".", ""):
            out.append(part)
    return out


def _git(*args: str, cwd: Path | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise PaperkitError("git is not installed: a revision (REV:path) cannot be read") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise PaperkitError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout
