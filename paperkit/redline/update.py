"""``--write-update``: the update note appended to the new version's ``updates:``.

The file is edited as text through ruamel.yaml's round trip, so its comments, order and
quoting stay as they were; the result is validated before it replaces the file.
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
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from ..jobs import write_atomic
    from ..load import load_text

    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 100
    source = path.read_text(encoding="utf-8")
    data = yaml.load(source)
    if not isinstance(data, CommentedMap):
        raise PaperkitError(f"{path}: not a position file (a mapping of fields)")
    entry = CommentedMap()
    entry["date"] = _date(when)
    entry["text"] = next(iter(texts.values())) if len(texts) == 1 else CommentedMap(texts)
    updates = data.get("updates")
    if updates is None:
        updates = CommentedSeq()
        keys = list(data.keys())
        at = next((keys.index(k) for k in _BEFORE if k in keys), len(keys))
        data.insert(at, "updates", updates)
    elif not isinstance(updates, list):
        raise PaperkitError(f"{path}: updates: is not a list; fix it before writing an update into it")
    updates.append(entry)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    load_text(text, str(path))  # still a valid position: else nothing is written
    write_atomic(path, text.encode("utf-8"))


def _date(when: str):
    try:
        return Date.fromisoformat(when)
    except ValueError:
        return when
