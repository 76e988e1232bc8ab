"""``paperkit letters check``: the salutation and close each recipient's letter will have, and why.

Nothing is rendered: each recipient's letter is built (the document tree) in each language
it will be made in, and its salutation, close, the role and gender they were chosen for
(given / derived / guessed), the protocol source and every warning are listed.  A recipient
who cannot get a letter (no neutral form in a language and no gender, a missing field …)
is listed with the reason; the result is then not ok (exit 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

from .errors import PaperkitError


@dataclass
class AddressCheck:
    """One recipient in one language."""

    recipient: str
    language: str
    salutation: str = ""
    close: str = ""
    basis: str = ""
    warnings: tuple[str, ...] = ()
    problem: str | None = None


@dataclass
class CheckResult:
    rows: list[AddressCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(r.problem for r in self.rows)


def check_addresses(position: Any, recipients: str | None = None, lang: str | Sequence[str] | None = None,
                    fallback: str | None = None) -> CheckResult:
    """Salutation and close per recipient (the CSV given, else the position's) and language."""
    from .jobs import resolve_languages, resolved_position
    from .load.recipients import RecipientRow, language_of, merge_rows, read_recipients
    from .model.letter import RecipientList

    resolved = resolved_position(position)
    position = resolved.position
    if position.kind != "letter":
        raise PaperkitError(f"{position.id}: a {position.kind}, not a letter")
    langs = resolve_languages(position, lang)
    if recipients is not None:
        rows = merge_rows(position, read_recipients(recipients).rows)
    elif isinstance(position.recipients, RecipientList):
        rows = list(resolved.recipients)
    elif len(position.recipients or []) > 1:  # one letter to all of them
        rows = [RecipientRow(None, f"recipients ({len(position.recipients)}, one letter)", None, "")]
    else:
        rows = [RecipientRow(r, f"recipients[{i}]", None, r.name or "") for i, r in enumerate(position.recipients or [])]
    result = CheckResult()
    for row in rows:
        if row.recipient is None and not row.problem and row.source.startswith("recipients ("):
            for language in langs:
                result.rows.append(_checked(AddressCheck(row.source, language), resolved, language, fallback, None))
            continue
        if row.problem or row.recipient is None:
            result.rows.append(AddressCheck(str(row), "", problem=row.problem or "no recipient"))
            continue
        chosen = [language_of(position, row.recipient.language)] if row.recipient.language else langs
        for language in chosen:
            result.rows.append(_checked(AddressCheck(str(row), language or ""), resolved, language, fallback,
                                        row.recipient))
    return result


def _checked(check: AddressCheck, resolved: Any, language: str | None, fallback: str | None,
             recipient: Any) -> AddressCheck:
    """``check`` filled from the letter built for ``recipient`` (None: the letter's own recipients)."""
    from .document import build
    from .document import nodes as n

    try:
        document = build(resolved, language, fallback=fallback, recipient=recipient)
    except PaperkitError as error:
        check.problem = str(error)
        return check
    for block in document.blocks:
        if isinstance(block, n.Salutation):
            check.salutation, check.basis, check.warnings = block.text, block.basis, block.warnings
        elif isinstance(block, n.Closing):
            check.close = block.text
    return check


def format_check(result: CheckResult) -> str:
    """The report ``paperkit letters check`` prints."""
    lines = []
    for row in result.rows:
        head = f"{row.recipient} [{row.language}]" if row.language else row.recipient
        if row.problem:
            lines.append(f"{head}: NO LETTER — {row.problem}")
            continue
        close = row.close.replace("\n", " / ")
        lines.append(f"{head}\n    salutation: {row.salutation}\n    close:      {close}\n    why:        {row.basis}")
        lines += [f"    warning:    {w}" for w in row.warnings]
    refused = sum(1 for r in result.rows if r.problem)
    warned = sum(1 for r in result.rows if r.warnings)
    count = len(result.rows)
    lines.append(f"{count} letter{'s' if count != 1 else ''}: {warned} with warnings, {refused} refused")
    return "\n".join(lines) + "\n"
