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


def starter_text(kind: str, profile: str | None = None) -> str:
    """The starter file of a kind, with its schema modeline on the first line; under a
    submission profile, with the profile named and the parts it requires."""
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")
    text = files("paperkit").joinpath("starters/starter.yaml").read_text(encoding="utf-8")
    text = text.replace("__EXTRA__\n", _EXTRA.get(kind, "") + (_profile_lines(profile) if profile else ""))
    if profile:
        text = _with_status(text, profile)
    text = text.replace("__KICKER__", _KICKER[kind]).replace("__KIND__", kind)
    return f"# yaml-language-server: $schema={SCHEMA_NAME}\n" + text


def _profile_lines(spec: str) -> str:
    """The lines a profile adds to a starter: its name, and the UN lines it requires."""
    from .profiles import profile

    found = profile(spec)
    lines = f"profile: {found.name}{' ' * max(1, 28 - len(found.name))}# paperkit check FILE measures the rules of it\n"
    parts = {rule.part for rule in found.rules if rule.check == "required"}
    if "session" in parts:
        lines += ("un:                                   # the form asks for the session and the agenda item\n"
                  "  body: Human Rights Council\n"
                  "  session: Sixty-first session\n"
                  "  agenda_item: Agenda item 3\n")
    return lines


def _with_status(text: str, spec: str) -> str:
    """The starter's organisation in the consultative status of the profile's variant, where the
    profile asks for one."""
    from .profiles import profile

    found = profile(spec)
    if not any(rule.part == "consultative-status" for rule in found.rules) or not found.variant:
        return text
    return text.replace("    url: https://example.org\n", "    url: https://example.org\n"
                        f"    consultative_status: {found.variant}       # with ECOSOC, as the UN's NGO database lists it\n", 1)


def write_starter(kind: str, path: Path, force: bool = False, profile: str | None = None) -> list[Path]:
    """Write the starter to ``path`` and the schema beside it; return the files written."""
    text = starter_text(kind, profile)
    if path.exists() and not force:
        raise UsageError(f"{path} exists; use --force to overwrite it")
    written = [write_atomic(path, text.encode("utf-8"))]
    schema_path = path.parent / SCHEMA_NAME
    schema = schema_json().encode("utf-8")
    if not schema_path.exists() or schema_path.read_bytes() != schema:
        written.append(write_atomic(schema_path, schema))
    return written
