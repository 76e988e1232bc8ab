"""The Jinja sandbox every template runs in (HTML pages and the DOCX template's tags).

Jinja's ``SandboxedEnvironment`` already refuses attributes that lead to Python internals
(``__class__``, ``__globals__``, ``mro``, ``gi_frame`` …), but it refuses them by returning
an *undefined* value, which a lenient template prints as nothing.  ``StrictSandbox`` stops
at the first attempt instead, so that an escape is an error a user sees, never a silent
blank.  It also bounds the operators that could build huge strings or numbers.

A failed render becomes :class:`~paperkit.errors.TemplateRefused` (invalid input, exit 2,
naming the template and line) when the template is the user's or the attempt was unsafe;
a fault in paperkit's own templates stays a :class:`~paperkit.errors.RenderError`.
"""

from __future__ import annotations

import operator
from pathlib import Path
from typing import Any, NoReturn

from jinja2 import StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import PaperkitError, RenderError, TemplateRefused
from .templating import is_builtin

MAX_REPEAT = 100_000
"""Longest string or list ``*`` may build in a template."""
MAX_EXPONENT = 1_000


class StrictSandbox(SandboxedEnvironment):
    """A sandboxed, autoescaping environment that raises on any unsafe access."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any):
        options.setdefault("autoescape", True)
        options.setdefault("undefined", StrictUndefined)
        super().__init__(**options)

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is too large")
            return operator.pow(left, right)
        for count, other in ((right, left), (left, right)):
            if isinstance(count, int) and isinstance(other, (str, list, tuple)) and count * max(len(other), 1) > MAX_REPEAT:
                raise SecurityError(f"repeating a {type(other).__name__} {count} times is too much")
        return operator.mul(left, right)


def template_failure(error: TemplateError, file: str | None, line: int | None, where: str = "") -> PaperkitError:
    """The error to report for a failed render of the template ``file`` at ``line``.

    Unsafe access is always the user's (paperkit's templates never try it); any other
    error is invalid input when the template is the user's, a render error when it is
    paperkit's own.
    """
    name = file or "<template>"
    message = error.message or str(error)
    if isinstance(error, SecurityError):
        return TemplateRefused(name, line, f"template refused: {message}; templates may use the "
                               "document's fields only (see 'paperkit templates reference')", where)
    if file and not is_builtin(Path(file)):
        kind = ("syntax error" if isinstance(error, TemplateSyntaxError)
                else "unknown name" if isinstance(error, UndefinedError) else "template error")
        return TemplateRefused(name, line, f"{kind}: {message}", where)
    location = f"{name}:{line}" if line else name
    return RenderError(f"template {location}: {message}")
