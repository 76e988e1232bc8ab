"""Errors a user can act on: where (file:line:col), which field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input file."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str
    excerpt: str = ""
    """The line in question with a caret under the place (for syntax errors), shown below the message."""

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        shown = f"{where}:{field} {self.message}"
        return f"{shown}\n{self.excerpt}" if self.excerpt else shown


class PaperkitError(Exception):
    """Base of every error paperkit reports to a user (exit code 1)."""

    exit_code = 1


class UsageError(PaperkitError):
    """The command was asked for something that does not exist or cannot be: an unknown format,
    language, kind or PDF variant, a file that exists without --force (exit code 2, as argparse's)."""

    exit_code = 2


class InvalidInput(PaperkitError):
    """The input is not valid; carries every problem found (exit code 2)."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PaperkitWarning(UserWarning):
    """Base of paperkit's warnings: something was done that a user should know of (the
    command line prints each as ``warning: …``; the tests make them errors unless expected)."""


class TranslationWarning(PaperkitWarning):
    """A text lacks one of the position's languages; the fallback language's text stands in.

    The message is a Problem's: ``file:line:col: field: no ar translation; …``.
    """


class SignatoryWarning(PaperkitWarning):
    """A signatory left out of the list because an earlier entry has the same name (``duplicates: drop``)."""


class LabelWarning(PaperkitWarning):
    """A language paperkit has no catalog for: the layout words the position does not give
    under ``labels:`` will be English."""


class FontWarning(PaperkitWarning):
    """A font could not be used as chosen (its licence forbids embedding it in the DOCX …)."""


class RenderError(PaperkitError):
    """A document could not be made (missing glyphs, a refused resource …)."""


class RenderTimeout(RenderError):
    """A document took longer than the time limit of one document (``--timeout``)."""


class MissingGlyphs(RenderError):
    """No installed font can draw some characters (``chars``): the PDF would show empty boxes."""

    def __init__(self, message: str, chars: str):
        self.chars = chars
        super().__init__(message)

    def at(self, places: list[str]) -> "MissingGlyphs":
        """The same error, saying where the characters stand (a CSV row, a field's line)."""
        shown = "; ".join(places[:3]) + (f" and {len(places) - 3} more places" if len(places) > 3 else "")
        return MissingGlyphs(f"{self}; found in {shown}", self.chars) if places else self


class ResourceRefused(RenderError):
    """A file or URL a render may not read (outside the allowed folders, the network, an image
    that does not decode safely); ``target`` is what was asked for, as the message names it."""

    def __init__(self, target: str, message: str):
        self.target = target
        super().__init__(message)


class TemplateRefused(InvalidInput):
    """A template from the user that cannot be used: it reaches for Python internals, or is
    broken (syntax, unknown variable).  Invalid input, exit code 2, naming file and line."""

    def __init__(self, file: str, line: int | None, message: str, where: str = ""):
        super().__init__([Problem(file, line, None, where, message)])


class RenderWarning(PaperkitWarning):
    """A render will be unusually long or large (very many signatories …): said before it starts."""


class TextWarning(PaperkitWarning):
    """Text was changed to make a valid document (characters no format can hold were removed)."""


class FitWarning(PaperkitWarning):
    """A letter that is to fit one page (``letter: {fit: one-page}``) is longer than one page even
    at the tightest step paperkit allows; it is left as designed.  The message names the letter,
    its language and its recipient."""


class AddressWarning(PaperkitWarning):
    """paperkit inferred something to address a letter's recipient (a role from the title, a
    gender from the honorific …): the letter says what it chose; check it."""


def terminal_safe(text: str) -> str:
    """``text`` as it may be printed on a terminal: control characters (ESC and the other C0 and
    C1 controls, but line breaks and tabs) and bidi controls shown as ``\\x1b``, ``\\u202e`` …,
    so that a CSV from the public cannot move the cursor, recolour or reorder what is printed."""
    def shown(char: str) -> str:
        code = ord(char)
        if char in "\n\t":
            return char
        if code < 0x20 or 0x7F <= code < 0xA0:
            return f"\\x{code:02x}"
        if is_bidi_control(char):
            return f"\\u{code:04x}"
        return char

    return "".join(shown(c) for c in text)


BIDI_CONTROLS = ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
"""The bidirectional classes of the explicit formatting characters of Unicode's bidi algorithm
(UAX #9, 2.1–2.4: embeddings, overrides, isolates and their ends, U+202A–U+202E and
U+2066–U+2069): they reorder what follows, so that text can show in another order than it
is written ("Trojan Source", CVE-2021-42574)."""


def is_bidi_control(char: str) -> bool:
    """True for an explicit bidi formatting character (:data:`BIDI_CONTROLS`)."""
    import unicodedata

    return unicodedata.bidirectional(char) in BIDI_CONTROLS
