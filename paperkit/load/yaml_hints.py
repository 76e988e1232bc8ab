"""YAML syntax errors in plain words: what is wrong, where, and how to mend it.

The parser's own words ("mapping values are not allowed here") describe its state, not the
writer's mistake.  Each rule below recognises one common mistake from the parser's message
and the line it points at, and says it as a person who knows Word (not YAML) needs it:
the place, what went wrong, the fix, and the line itself with a caret under the spot.
A message no rule recognises keeps the parser's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_KEY_COLON = re.compile(r"^(\s*(?:-\s+)*)([^\s#'\"\[{][^:#]*?):(\s|$)")


@dataclass(frozen=True)
class Hint:
    """A mistake said plainly: where it is (0-based line and column) and what to do."""

    line: int
    column: int
    message: str


def explain(exc: Any, text: str) -> Hint | None:
    """A plain-language Hint for a ruamel MarkedYAMLError, or None when no rule knows it."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark, start = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    lines = text.splitlines() or [""]
    line_text = lines[mark.line] if mark.line < len(lines) else ""

    if "'\\t'" in problem:
        return Hint(mark.line, mark.column, "a tab character: YAML indents with spaces only. Replace the tab with spaces "
                    "(most editors have a setting to insert spaces when Tab is pressed)")
    if "quoted scalar" in context and "end of stream" in problem and start is not None:
        quote = _char_at(lines, start.line, start.column) or '"'
        return Hint(start.line, start.column, f"the quotation mark {quote} here opens a text that is never closed: "
                    f"add the closing {quote} at the end of the text")
    if "flow sequence" in context or "flow mapping" in context:
        closer = "]" if "sequence" in context else "}"
        opener = "[" if closer == "]" else "{"
        where = start if start is not None else mark
        return Hint(where.line, where.column, f"text that starts with '{opener}' is read as a "
                    f"{'list' if closer == ']' else 'mapping'} that must close with '{closer}' on the same value. "
                    f"If this is text, put the whole text in quotes: \"{opener}…\"; otherwise add the missing '{closer}'. "
                    "Inside brackets, an item holding '[', ']', '{', '}', ',' or ': ' must itself be in quotes")
    alias = re.match(r"found undefined alias '([^']*)'", problem)
    if alias:
        return Hint(mark.line, mark.column, f"text that starts with '*' is read as a YAML alias (*{alias.group(1)} names "
                    f"an anchor &{alias.group(1)} that the file does not have): if this is text, put the whole text in "
                    "quotes (emphasis with *stars* is fine later in a text, not at its start)")
    found = re.search(r"found character '(.)' that cannot start any token", problem)
    if found:
        return Hint(mark.line, mark.column, f"a text cannot start with '{found.group(1)}' in YAML: put the whole text in "
                    "quotes")
    if "duplicate key" in problem:
        key = re.search(r'duplicate key "([^"]*)"', problem)
        name = key.group(1) if key else "?"
        earlier = _earlier_key(lines, mark.line, name)
        first = f" (first at line {earlier + 1})" if earlier is not None else ""
        return Hint(mark.line, mark.column, f"the field '{name}' is given twice in the same place{first}: keep one "
                    "of them")
    if "block scalar" in context and "line break" in problem:
        return Hint(mark.line, mark.column, "after '|' or '>' the text starts on the next line, indented: move the text "
                    "down a line")
    if problem == "mapping values are not allowed here":
        return _colon_or_indent(lines, mark)
    if "expected <block end>" in problem:
        return _block_end(lines, mark, line_text, problem)
    return None


def _colon_or_indent(lines: list[str], mark: Any) -> Hint:
    """': ' where YAML did not expect a new field: inside text, or on a line indented too far."""
    line_text = lines[mark.line] if mark.line < len(lines) else ""
    key = _KEY_COLON.match(line_text)
    if key and key.end(2) < mark.column:
        return Hint(mark.line, mark.column, "a colon followed by a space inside text: put the whole text in quotes, "
                    f"e.g. {key.group(2).strip()}: \"{line_text[key.end():].strip()}\"")
    above = _previous_content_line(lines, mark.line)
    if above is not None:
        target = _indent(lines[above])
        where = f"by {target} spaces" if target else "at the left edge"
        return Hint(mark.line, _indent(line_text), f"this line is indented more than line {above + 1} above it, which "
                    f"already has its value: start it {where}, like line {above + 1}")
    return Hint(mark.line, mark.column, "a colon followed by a space inside text: put the whole text in quotes")


def _block_end(lines: list[str], mark: Any, line_text: str, problem: str) -> Hint:
    """The parser expected the end of a block: bad indentation, or text after a closing quote/bracket."""
    stray = re.search(r"found '([\]}])'", problem)
    if stray:
        return Hint(mark.line, mark.column, f"a closing '{stray.group(1)}' that nothing opened: delete it, or put the "
                    "whole text in quotes if it belongs to the text")
    if "<scalar>" in problem:
        value = _value_part(line_text)
        if value[:1] in "[{":
            return Hint(mark.line, line_text.find(value), f"text that starts with '{value[0]}' is read as a list: put "
                        "the whole text in quotes")
        if value[:1] in "\"'":
            return Hint(mark.line, line_text.find(value), f"this text starts with {value[0]}, so YAML ends it at the next "
                        f"{value[0]} and cannot read what follows: put the whole text in the other kind of quotes, or "
                        "write it on the next line after '>'")
    column = _indent(line_text)
    above = _previous_content_line(lines, mark.line)
    same = f" (line {above + 1} starts at column {_indent(lines[above]) + 1})" if above is not None else ""
    return Hint(mark.line, column, "the indentation of this line does not match the lines above: the fields of one "
                f"block, and the items of one list, must start in the same column{same}")


def excerpt(text: str, line: int, column: int) -> str:
    """The line (tabs shown as spaces' width kept) and a caret under the column."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return ""
    shown = lines[line].replace("\t", "→")
    return f"  {shown}\n  {' ' * min(column, len(shown))}^"


def _char_at(lines: list[str], line: int, column: int) -> str:
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _value_part(line: str) -> str:
    stripped = line.strip()
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip()
    key = _KEY_COLON.match(stripped)
    return stripped[key.end():].strip() if key else stripped


def _earlier_key(lines: list[str], line: int, key: str) -> int | None:
    """The nearest line above ``line`` giving ``key`` at the same indentation (the first copy)."""
    here = lines[line] if line < len(lines) else ""
    pattern = re.compile(rf"^{re.escape(here[:_indent(here)])}(?:-\s+)?{re.escape(key)}\s*:")
    for i in range(line - 1, -1, -1):
        if pattern.match(lines[i]):
            return i
    return None


def _previous_content_line(lines: list[str], line: int) -> int | None:
    for i in range(line - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None
