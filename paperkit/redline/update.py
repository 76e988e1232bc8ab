"""``--write-update``: the update note appended to the new version's ``updates:``.

ruamel.yaml's round-trip parser finds where ``updates:`` is (or where it should go: before
the body), and the new entry is inserted there as text, in the file's own indentation: every
other byte of the file — comments, quoting, line breaks — stays as it was.  The result is
validated before it replaces the file.
"""

from __future__ import annotations

import io
from datetime import date as Date
from pathlib import Path

from ..errors import PaperkitError

_BEFORE = ("lead", "body", "sections", "concerns", "demands", "closing")


def append_update(path: Path, when: str, texts: dict[str, str]) -> None:
    """Add ``{date: when, text: …}`` at the end of ``updates:`` in the position file ``path``.

    ``texts`` maps each language to its sentence; one language gives a plain text.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from ..jobs import write_atomic
    from ..load import load_text

    source = path.read_text(encoding="utf-8")
    data = YAML().load(source)
    if not isinstance(data, CommentedMap):
        raise PaperkitError(f"{path}: not a position file (a mapping of fields)")
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    keys = list(data.keys())
    updates = data.get("updates")
    if updates is not None and not isinstance(updates, list):
        raise PaperkitError(f"{path}: updates: is not a list; fix it before writing an update into it")
    if updates:  # after the last entry, in the entries' indentation
        line, column = updates.lc.item(0)  # type: ignore[attr-defined]  # ruamel keeps positions on its lists
        dash = lines[line].rfind("-", 0, column + 1) if "-" in lines[line][:column + 1] else max(column - 2, 0)
        following = keys[keys.index("updates") + 1] if keys.index("updates") + 1 < len(keys) else None
        at = _before_comments(lines, data.lc.key(following)[0]) if following else len(lines)
        new_lines = _entry(when, texts, dash)
    elif updates is not None:  # "updates: []": written again as a block
        line = data.lc.key("updates")[0]
        following = keys[keys.index("updates") + 1] if keys.index("updates") + 1 < len(keys) else None
        end = _before_comments(lines, data.lc.key(following)[0]) if following else len(lines)
        del lines[line:end]
        at, new_lines = line, ["updates:\n"] + _entry(when, texts, 2)
    else:
        anchor = next((k for k in _BEFORE if k in keys), None)
        at = _before_comments(lines, data.lc.key(anchor)[0]) if anchor else len(lines)
        new_lines = ["updates:\n"] + _entry(when, texts, 2)
    if at > 0 and lines[at - 1].strip() and not new_lines[0].startswith(" "):
        new_lines = ["\n"] + new_lines  # a new field: a blank line before it, as between the others
    lines[at:at] = new_lines
    text = "".join(lines)
    load_text(text, str(path))  # still a valid position: else nothing is written
    write_atomic(path, text.encode("utf-8"))


def _before_comments(lines: list[str], line: int) -> int:
    """The line ``line`` moved up above the comments and blank lines that lead into it."""
    while line > 0 and (not lines[line - 1].strip() or lines[line - 1].lstrip().startswith("#")):
        line -= 1
    return line


def _entry(when: str, texts: dict[str, str], dash: int) -> list[str]:
    """The entry as YAML lines, its dash at column ``dash``."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per text: the file's own lines stay as they are, so may these
    entry = {"date": _date(when), "text": next(iter(texts.values())) if len(texts) == 1 else dict(texts)}
    buffer = io.StringIO()
    yaml.dump([entry], buffer)
    out = buffer.getvalue().splitlines(keepends=True)
    first = len(out[0]) - len(out[0].lstrip())
    return [" " * dash + line[first:] if line.strip() else line for line in out]


def _date(when: str) -> Date | str:
    try:
        return Date.fromisoformat(when)
    except ValueError:
        return when
