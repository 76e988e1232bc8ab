"""The checkpoint every template folder from a user passes before a render reads it.

A template folder may come from another organisation.  Before any file in it is read:

- no symbolic link anywhere in it (a link would let ``{% include %}`` or ``style.css``
  read any file on the disk);
- no more than :data:`MAX_FILES` files, none larger than :data:`MAX_FILE_BYTES`;
- no macro-enabled Word file (``.docm``, ``.dotm``): paperkit never runs or carries macros.

DOCX templates are then rebuilt from an allow-list (:mod:`paperkit.writers.docx.clean`)
when they are loaded; ``paperkit templates check DIR`` runs both and reports what the
rebuild removed.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InvalidInput, Problem

MAX_FILES = 500
"""Files a template folder may hold (the built-in templates are a dozen)."""
MAX_FILE_BYTES = 20 * 2**20
"""Largest file in a template folder (a DOCX template with its images is well under this)."""
MACRO_SUFFIXES = (".docm", ".dotm")


def folder_problems(folder: Path) -> list[Problem]:
    """What is wrong with a template folder, one Problem per file (empty when it passes)."""
    folder = Path(folder)
    problems: list[Problem] = []
    if folder.is_symlink():
        return [Problem(str(folder), None, None, "", "refused template folder: it is a symbolic link; "
                        "point --templates at the folder itself")]
    count = 0
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(here) / name
            if path.is_symlink():
                problems.append(Problem(str(path), None, None, "", f"refused template file: a symbolic link "
                                        f"(to {os.readlink(path)}); a template folder must hold real files only"))
                continue
            if name in files:
                count += 1
                problems += _file_problems(path)
        if count > MAX_FILES:
            problems.append(Problem(str(folder), None, None, "", f"refused template folder: more than "
                                    f"{MAX_FILES} files"))
            break
    return problems


def _file_problems(path: Path) -> list[Problem]:
    if path.suffix.lower() in MACRO_SUFFIXES:
        return [Problem(str(path), None, None, "", "refused template file: a macro-enabled Word file; "
                        "save it as a .docx (Word: File → Save As → Word Document) without macros")]
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [Problem(str(path), None, None, "", f"refused template file: {size / 2**20:.1f} MiB, more than "
                        f"the {MAX_FILE_BYTES // 2**20} MiB a template file may have")]
    return []


def check_folders(folders: tuple[Path, ...]) -> None:
    """Raise InvalidInput (exit 2) naming every refused file of the template ``folders``."""
    problems = [problem for folder in folders for problem in folder_problems(folder)]
    if problems:
        raise InvalidInput(problems)


def check_report(folder: Path) -> str:
    """What ``paperkit templates check DIR`` prints: each file, and for a DOCX template what
    the rebuild removes; InvalidInput (exit 2) for every file that is refused outright."""
    from jinja2 import TemplateSyntaxError

    from .docx.clean import clean_docx
    from .sandbox import StrictSandbox

    folder = Path(folder)
    if not folder.is_dir():
        raise InvalidInput([Problem(str(folder), None, None, "", "no such folder")])
    problems = folder_problems(folder)
    if problems:
        raise InvalidInput(problems)
    lines, environment = [], StrictSandbox()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path)
        if path.suffix.lower() == ".docx":
            removed = clean_docx(path.read_bytes(), name).removed
            lines.append(f"{name}: {'rebuilt; removed:' if removed else 'ok'}")
            lines += [f"  - {line}" for line in removed]
            continue
        if path.suffix == ".j2":
            try:
                environment.parse(path.read_text(encoding="utf-8"), path.name, name)
            except TemplateSyntaxError as error:
                problems.append(Problem(name, error.lineno, None, "", f"syntax error: {error.message}"))
                continue
            except UnicodeDecodeError:
                problems.append(Problem(name, None, None, "", "not UTF-8 text"))
                continue
        lines.append(f"{name}: ok")
    if problems:
        raise InvalidInput(problems)
    return "\n".join(lines) + "\n"
