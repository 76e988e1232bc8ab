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
import re
import threading
from pathlib import Path
from types import GeneratorType
from typing import Any, Callable, Iterator, NoReturn

from jinja2 import Environment, StrictUndefined, Template, TemplateError, nodes
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment, safe_range

from ..errors import PaperkitError, RenderError, TemplateRefused
from .templating import is_builtin

MAX_REPEAT = 100_000
"""Longest string or list ``*`` may build in a template."""
MAX_EXPONENT = 1_000
MAX_TEXT = 2_000_000
"""Longest string any operator, filter or method may make in a template (characters)."""
MAX_INT_BITS = 4_096
"""Largest integer a template may compute (bits: about 1,233 decimal digits)."""
MAX_LOOP_STEPS = 1_000_000
"""Loop iterations one render of a template may take, all loops together."""
MAX_OUTPUT = 20_000_000
"""Characters one render of a template may write."""
_STR_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "format", "format_map", "replace", "join"}
_WIDENING_FILTERS = ("center", "indent", "format", "replace", "join", "wordwrap", "truncate", "filesizeformat",
                     "striptags", "urlize", "xmlattr", "tojson", "pprint", "string", "list", "sum", "map")


class BoundedTemplate(Template):
    """A template whose render writes at most :data:`MAX_OUTPUT` characters."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = self.new_context(dict(*args, **kwargs))
        pieces, size = [], 0
        _steps.left = MAX_LOOP_STEPS
        try:
            render = self.root_render_func(context)
            for piece in render:
                size += len(piece)
                if size > MAX_OUTPUT:  # raised where the template stands (an included one, say): its file and line
                    _innermost(render).throw(SecurityError(f"the template writes more than {MAX_OUTPUT:,} characters"))
                pieces.append(piece)
        except RecursionError:
            raise SecurityError("the template calls itself too deeply (a recursive macro or include)") from None
        except Exception:
            self.environment.handle_exception()
        return self.environment.concat(pieces)


def _innermost(render: Iterator[str]) -> GeneratorType[str, None, None]:
    """The template generator that yielded the last piece: through ``{% block %}`` (``yield
    from``) and ``{% include %}`` (Jinja's code iterates the included template as ``gen``)."""
    assert isinstance(render, GeneratorType)  # Jinja's root render functions are generators
    current: GeneratorType[str, None, None] = render
    while True:
        inner = current.gi_yieldfrom
        if inner is None and current.gi_frame is not None:
            inner = current.gi_frame.f_locals.get("gen")
        if not isinstance(inner, GeneratorType) or inner.gi_frame is None:
            return current
        current = inner


_steps = threading.local()


def _bounded_loop(iterable: Any) -> Iterator[Any]:
    """Every ``{% for %}`` iterates through this: all loops of a render share one budget."""
    for item in iterable:
        left = getattr(_steps, "left", MAX_LOOP_STEPS) - 1
        if left < 0:
            raise SecurityError(f"the template's loops take more than {MAX_LOOP_STEPS:,} steps")
        _steps.left = left
        yield item


def _checked(value: Any, what: str) -> Any:
    """``value`` if it is not too large a string, list or integer; SecurityError if it is."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise SecurityError(f"{what} makes a {type(value).__name__} of more than {MAX_TEXT:,} items")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise SecurityError(f"{what} makes a number of more than {MAX_INT_BITS} bits")
    return value


def _precheck(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse widths, counts and format specs that would build a huge string before it is built."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_TEXT:
            raise SecurityError(f"{name}: {value} is too large")
        if isinstance(value, str) and name in ("format", "format_map") and re.search(r"\d{7,}|\*", value):
            raise SecurityError(f"{name}: a format with a width or precision this large is refused")
    text = args[0] if args and isinstance(args[0], str) else ""
    lines = text.count("\n") + 1
    if name == "indent":
        width = args[1] if len(args) > 1 else kwargs.get("width", 4)
        if len(text) + lines * (len(width) if isinstance(width, str) else abs(int(width))) > MAX_TEXT:
            raise SecurityError("indent: the result would be too large")
    if name == "wordwrap":
        width = args[1] if len(args) > 1 else kwargs.get("width", 79)
        wrap = kwargs.get("wrapstring") or (args[4] if len(args) > 4 else "\n")
        if isinstance(width, int) and len(text) + (len(text) // max(width, 1) + lines) * len(str(wrap)) > MAX_TEXT:
            raise SecurityError("wordwrap: the result would be too large")
    if name == "join" and args and isinstance(args[0], (list, tuple)):
        total = 0
        for item in args[0]:
            total += len(item) if isinstance(item, str) else 16
            if total > MAX_TEXT:
                raise SecurityError(f"join: the result would be more than {MAX_TEXT:,} characters")
    if name == "replace" and len(args) >= 3 and all(isinstance(a, str) for a in args[:3]):
        text, old, new = args[:3]
        if len(text) + (text.count(old) if old else len(text) + 1) * len(new) > MAX_TEXT:
            raise SecurityError(f"replace: the result would be more than {MAX_TEXT:,} characters")


def _bounded_range(*args: int) -> range:
    """Jinja's ``safe_range``, refusing a range over its MAX_RANGE as the other bounds refuse
    (it raises OverflowError, which would otherwise read as a bug in paperkit)."""
    try:
        return safe_range(*args)
    except OverflowError:
        raise SecurityError(f"range: more than {MAX_RANGE:,} numbers") from None


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def bounded(*args: Any, **kwargs: Any) -> Any:
        plain = tuple(a for a in args if not isinstance(a, (Environment, Context, EvalContext)))
        _precheck(name, plain, kwargs)
        return _checked(function(*args, **kwargs), f"the {name} filter")

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


class StrictSandbox(SandboxedEnvironment):
    """A sandboxed, autoescaping environment that raises on any unsafe access, with bounds on
    what a template may build: string and list sizes, integer sizes, loop steps, output size."""

    intercepted_binops = frozenset({"*", "**", "+", "-", "//", "%"})
    template_class = BoundedTemplate

    def __init__(self, **options: Any):
        options.setdefault("autoescape", True)
        options.setdefault("undefined", StrictUndefined)
        super().__init__(**options)
        for name in _WIDENING_FILTERS:
            if name in self.filters:
                self.filters[name] = _bounded_filter(name, self.filters[name])
        self.globals["_paperkit_loop"] = _bounded_loop
        self.globals["range"] = _bounded_range
        self.filters["_paperkit_sized"] = lambda value: _checked(value, "the operator ~")

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree with every loop's iterable passed through the loop budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name("_paperkit_loop", "load", lineno=loop.lineno), [loop.iter], [],
                                   None, None, lineno=loop.lineno)
        for concat in list(tree.find_all(nodes.Concat)):
            concat.nodes = [nodes.Filter(part, "_paperkit_sized", [], [], None, None, lineno=concat.lineno)
                            for part in concat.nodes]
        return tree

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``'…'.center(…)`` and the other string methods that can widen: arguments checked first."""
        value = super().getattr(obj, attribute)
        if isinstance(obj, str) and attribute in _STR_METHODS and callable(value):
            def bounded(*args: Any, **kwargs: Any) -> Any:
                _precheck(attribute, args if attribute == "join" else (obj, *args), kwargs)
                return _checked(value(*args, **kwargs), f"str.{attribute}")
            return bounded
        return value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        name = getattr(__obj, "__name__", "") or "a function"
        return _checked(SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs), f"calling {name}")

    def format_string(self, s: str, args: tuple[Any, ...], kwargs: dict[str, Any], format_func: Any = None) -> str:
        """``str.format`` in a template: widths and precisions bounded before formatting."""
        _precheck("format", (s, *args), kwargs)
        formatted: str = _checked(super().format_string(s, args, kwargs, format_func), "format")  # type: ignore[misc]
        return formatted

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        ints = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if op == "**":
            if isinstance(right, (int, float)) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"exponent {right} is too large")
            if ints and abs(left) > 1 and left.bit_length() * max(right, 0) > MAX_INT_BITS:
                raise SecurityError(f"{left} ** {right} makes a number of more than {MAX_INT_BITS} bits")
            return operator.pow(left, right)
        if op == "*":
            for count, other in ((right, left), (left, right)):
                if isinstance(count, int) and isinstance(other, (str, list, tuple)) and count * max(len(other), 1) > MAX_REPEAT:
                    raise SecurityError(f"repeating a {type(other).__name__} {count} times is too much")
            if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise SecurityError(f"a product of more than {MAX_INT_BITS} bits")
        if op == "%" and isinstance(left, str):
            _precheck("format", (left,), {})
        return _checked(SandboxedEnvironment.call_binop(self, context, op, left, right), f"the operator {op}")


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
