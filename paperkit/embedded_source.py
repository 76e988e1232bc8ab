"""What ``--embed-source`` attaches to a PDF: the position file, sanitised for publication.

A PDF goes to the public, and so does everything attached to it.  The position file can
hold what the document itself does not show: signatories marked ``withheld`` (with their
``sort_as``, ``affiliation``, ``role``, ``url``), a name written inline whose sign-on row
asks to be withheld, and YAML comments (notes to colleagues).  So the attachment is not
the file as it is but the same data written again:

- without any comment (the YAML is re-serialised from its parsed data);
- without any signatory entry that is withheld, or whose name matches (as duplicate
  detection matches names) a row of the sign-on CSV that is withheld.

The CSV itself is never attached.  The result is still a valid position: loading it
gives the same document, less the withheld entries — which the document did not name
anyway (their count is the CSV's, which stays with the organisation).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .model.signatories import match_key
from .resolve import Resolved


def sanitised_source(resolved: Resolved) -> tuple[bytes, int]:
    """The position file's YAML without comments and withheld entries; and how many entries
    were left out."""
    from ruamel.yaml import YAML

    from .load.yaml_source import read_yaml

    assert resolved.source is not None
    data = _plain(read_yaml(Path(resolved.source)))
    dropped = 0
    signatories = data.get("signatories") if isinstance(data, dict) else None
    if isinstance(signatories, dict):
        hidden = _withheld_keys(resolved)
        for group in signatories.get("groups") or []:
            if isinstance(group, dict) and isinstance(group.get("entries"), list):
                kept = [entry for entry in group["entries"] if not _withheld(entry, hidden)]
                dropped += len(group["entries"]) - len(kept)
                group["entries"] = kept
        if not any(isinstance(g, dict) and g.get("entries") for g in signatories.get("groups") or []) \
                and not signatories.get("file"):
            for group in signatories.get("groups") or []:  # a group may not be empty: keep its heading only
                if isinstance(group, dict):
                    group.pop("entries", None)
    buffer = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[attr-defined]
    yaml.dump(data, buffer)
    header = "# The position this PDF was made from (comments and withheld signatories left out).\n"
    return (header + buffer.getvalue()).encode("utf-8"), dropped


def _plain(value: Any) -> Any:
    """Round-trip YAML data as plain dicts, lists and scalars (their comments left behind)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _withheld_keys(resolved: Resolved) -> set[str]:
    """Match keys of the names in the sign-on CSV whose signatories asked to be withheld."""
    placed = resolved.signatories
    if placed is None or placed.file is None:
        return set()
    return {match_key(row.signatory.name) for row in placed.file.rows if row.signatory.withheld and row.signatory.name}


def _withheld(entry: Any, hidden: set[str]) -> bool:
    if isinstance(entry, dict):
        if entry.get("withheld") in (True, "true", "yes"):
            return True
        name = entry.get("name")
    else:
        name = entry
    return isinstance(name, str) and match_key(name) in hidden
