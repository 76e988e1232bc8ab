"""Images a position names (figures, signatory logos, cover images): checked when it is loaded.

Each goes through the one resource rule (``paperkit.writers.resources.checked_image``): under
the position's folder, a PNG or JPEG (a logo may be SVG), within the size limits.  A problem
names the file, line and field, as every other validation problem does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from ..errors import InvalidInput, Problem, RenderError
from .problems import format_path
from .yaml_source import locate


def image_fields(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, tuple[str, ...]]]:
    """(field path, image path, allowed kinds) of every image a position names in its own file."""
    from ..model.content import Figure
    from ..model.position import Cover, Organisation
    from ..model.signatories import Signatory

    if isinstance(value, Figure) or (isinstance(value, Cover) and value.image):
        yield path + ("image",), value.image, ("png", "jpeg")
    if isinstance(value, (Organisation, Signatory)) and value.logo:
        yield path + ("logo",), value.logo, ("png", "jpeg")
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from image_fields(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from image_fields(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from image_fields(item, path + (i,))


def check_images(position: Any, data: Any, name: str, folder: Path) -> None:
    """Raise InvalidInput naming every image of the position that cannot be used."""
    from ..writers.resources import checked_image

    problems = []
    for path, image, kinds in image_fields(position):
        try:
            checked_image(folder / image, (folder,), kinds)
        except RenderError as error:
            line, col, _ = locate(data, path)
            problems.append(Problem(name, line, col, format_path(path), str(error)))
    if problems:
        raise InvalidInput(problems)
