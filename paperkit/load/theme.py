"""Load a theme file, and the theme and templates folder a position names.

A theme's problems name the theme file, line, column and field, as a position's do: an
unknown key, a colour that is not ``#rrggbb``, an image that is missing, is not a PNG,
JPEG or SVG, or lies outside the allowed folders (the theme's, the position's and the
position's templates folder — the rule the writers apply, :mod:`paperkit.writers.resources`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InvalidInput, Problem, RenderError
from ..model.theme import Theme
from .problems import format_path, problems_from
from .yaml_source import locate, read_yaml

__all__ = ["LoadedTheme", "attach", "read_theme", "theme_of", "templates_folder"]


@dataclass(frozen=True)
class LoadedTheme:
    """A theme file, validated, with its images found and checked."""

    model: Theme
    file: Path
    folder: Path
    logo: Path | None = None
    logo_raster: Path | None = None
    signatures: dict[str, Path] = field(default_factory=dict)


def read_theme(path: str | Path, extra_roots: tuple[Path, ...] = ()) -> LoadedTheme:
    """Read and check a theme file; raise InvalidInput naming file:line:col and field."""
    path = Path(path).resolve()
    name = str(path)
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise InvalidInput([Problem(name, 1, 1, "", "a theme file must be a mapping of fields "
                                    "(name, logo, colours, fonts, letterhead, footer, signatures)")])
    try:
        theme = Theme.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(problems_from(exc, data, name, Theme)) from None
    roots = (path.parent, *extra_roots)
    problems: list[Problem] = []

    def image(where: tuple, value: str | None, raster: bool) -> Path | None:
        if value is None:
            return None
        try:
            return checked_image(path.parent / value, roots, raster)
        except ValueError as error:
            line, col, _ = locate(data, where)
            problems.append(Problem(name, line, col, format_path(where), str(error)))
            return None

    logo = image(("logo",), theme.logo, raster=False)
    logo_png = image(("logo_png",), theme.logo_png, raster=True)
    signatures = {signer: image(("signatures", signer), file, raster=True)
                  for signer, file in theme.signatures.items()}
    if logo is not None and logo.suffix.lower() == ".svg" and theme.logo_png is None:
        line, col, _ = locate(data, ("logo",))
        problems.append(Problem(name, line, col, "logo", "an SVG logo needs logo_png beside it: a PNG of the "
                                "logo for Word, which cannot draw SVG on its own"))
    if problems:
        raise InvalidInput(problems)
    raster = logo_png or (logo if logo is not None and logo.suffix.lower() != ".svg" else None)
    return LoadedTheme(theme, path, path.parent, logo, raster,
                       {signer: file for signer, file in signatures.items() if file is not None})


def checked_image(path: Path, roots: tuple[Path, ...], raster: bool) -> Path:
    """An image file under the allowed folders, of a type paperkit can draw (ValueError if not)."""
    from ..writers.resources import confined_file, image_problem, image_type

    try:
        resolved = confined_file(path, roots)
    except RenderError as error:
        raise ValueError(str(error).replace("refused resource", "refused image").replace("missing resource", "no such image")) from None
    data = resolved.read_bytes()
    kind = image_type(data)
    allowed = ("png", "jpeg") if raster else ("png", "jpeg", "svg")
    if kind not in allowed:
        what = "PNG or JPEG" if raster else "PNG, JPEG or SVG"
        raise ValueError(f"{resolved.name} is not a {what} image" + (f" (it looks like {kind.upper()})" if kind else ""))
    named = SUFFIX_KINDS.get(resolved.suffix.lower())
    if named and named != kind:
        raise ValueError(f"{resolved.name} is named as {named.upper()} but holds {kind.upper()}; "
                         f"save it as a real {named.upper()} (or name it .{'jpg' if kind == 'jpeg' else kind})")
    problem = image_problem(data)
    if problem:
        raise ValueError(f"refused image {resolved.name}: {problem}")
    return resolved


SUFFIX_KINDS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".svg": "svg"}


def position_folder(position: Any) -> Path:
    """The folder paths in a position are relative to (the working folder when built in code)."""
    return position.source.parent if position.source else Path.cwd()


def position_roots(position: Any) -> tuple[Path, ...]:
    """The folders the files a position names may lie in (the one rule of
    :func:`paperkit.writers.resources.allowed_roots`)."""
    from ..writers.resources import allowed_roots

    return allowed_roots(position_folder(position), getattr(position, "_allowed", ()) or ())


def named_file(position: Any, value: str, data: Any, name: str, where: tuple, folder: bool = False,
               what: str = "file") -> Path:
    """The file (or ``folder``) a position names at ``where``, relative to the position file,
    inside the allowed roots and present; InvalidInput naming the position's line if not."""
    from ..writers.resources import outside_roots

    path = position_folder(position) / value
    problem = outside_roots(path, position_roots(position))
    if problem is None and not (path.is_dir() if folder else path.is_file()):
        problem = f"no such {'folder' if folder else what}: {path.resolve()} (the path is relative to the position file)"
    if problem:
        line, col, _ = locate(data, where) if data is not None else (None, None, None)
        raise InvalidInput([Problem(name, line, col, format_path(where), problem)])
    return path.resolve()


def templates_folder(position: Any) -> Path | None:
    """The position's ``templates:`` folder, resolved."""
    return (position_folder(position) / position.templates).resolve() if position.templates else None


def theme_of(position: Any) -> LoadedTheme | None:
    """The position's theme, read once (the loader reads it early, so its problems come first)."""
    if position.theme is None:
        return None
    if position._theme is None or position._theme.file != (position_folder(position) / position.theme).resolve():
        extra = tuple(p for p in (*position_roots(position), templates_folder(position)) if p is not None)
        position._theme = read_theme(position_folder(position) / position.theme, extra)
    return position._theme


def attach(position: Any, data: Any, name: str) -> None:
    """Check the ``theme:`` file and ``templates:`` folder a loaded position names."""
    problems: list[Problem] = []
    for key, value, is_folder in (("templates", position.templates, True), ("theme", position.theme, False)):
        if value is not None:
            try:
                named_file(position, value, data, name, (key,), folder=is_folder, what=f"{key} file")
            except InvalidInput as error:
                problems += error.problems
    if problems:
        raise InvalidInput(problems)
    theme_of(position)
