"""Load a theme file.

A theme's problems name the theme file, line, column and field, as a position's do: an
unknown key, a colour that is not ``#rrggbb``, an image that is missing, is not a PNG,
JPEG or SVG, or lies outside the allowed folders (the theme's, the position's and the
position's templates folder — the rule the writers apply, :mod:`paperkit.resources`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InvalidInput, Problem, RenderError
from ..resources import confined_file, image_type
from ..model.theme import LoadedTheme, Theme
from .problems import problems_from
from .yaml_source import format_path, locate, read_yaml

__all__ = ["checked_image", "read_theme"]


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
    from ..resources import confined_file, image_problem, image_type

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
