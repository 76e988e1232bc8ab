"""``paperkit new``: a commented starter position, with the JSON Schema beside it."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .errors import UsageError
from .model import KINDS
from .jobs import write_atomic
from .schema import schema_json

SCHEMA_NAME = "position.schema.json"

_EXTRA = {
    "joint-statement": (
        "signatories:\n"
        "  heading: Signatories\n"
        "  groups:\n"
        "    - heading: Organisations\n"
        "      entries: [Example Rights Network, Another Organisation]\n"
        "  full_list_url: https://example.org/signatories\n"),
    "letter": (
        "letter:                               # the title is the subject line\n"
        "  sender: {address: \"Street 1\\nCity\"} # the letterhead (name, url: from issued_by)\n"
        "  place: Geneva                       # \"Geneva, January 31, 2026\"\n"
        "  signers:\n"
        "    - {name: A. Person, title: Director, email: director@example.org}\n"
        "recipients:                           # a list: one letter to all; {file: CSV}: one letter each\n"
        "  - {honorific: H.E., name: Jane Doe, title: Minister for Foreign Affairs,\n"
        "     organisation: Ministry of Foreign Affairs, address: \"Street 2\\nCapital\", country: Freedonia}\n"),
    "submission": (
        "addressee: Office of the UN High Commissioner for Human Rights\n"
        "numbered_paragraphs: true            # 1, 2, 3 … across sections, as UN submissions do\n"),
}
_KICKER = {"statement": "Statement", "joint-statement": "Joint statement", "submission": "Submission",
           "letter": "Open letter", "post": "Blog"}


def starter_text(kind: str) -> str:
    """The starter file of a kind, with its schema modeline on the first line."""
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    text = files("paperkit").joinpath("starters/starter.yaml").read_text(encoding="utf-8")
    text = text.replace("__EXTRA__\n", _EXTRA.get(kind, ""))
    text = text.replace("__KICKER__", _KICKER[kind]).replace("__KIND__", kind)
    return f"# yaml-language-server: $schema={SCHEMA_NAME}\n" + text


def write_starter(kind: str, path: Path, force: bool = False) -> list[Path]:
    """Write the starter to ``path`` and the schema beside it; return the files written."""
    text = starter_text(kind)
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    written = [write_atomic(path, text.encode("utf-8"))]
    schema_path = path.parent / SCHEMA_NAME
    schema = schema_json().encode("utf-8")
    if not schema_path.exists() or schema_path.read_bytes() != schema:
        written.append(write_atomic(schema_path, schema))
    return written
