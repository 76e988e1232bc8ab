"""Images a position names (figures, organisations' and signatories' logos, the cover image).

Each goes through the one resource rule (:func:`paperkit.resources.checked_image`): under the
position's folder, a PNG or JPEG, within the size limits.  ``resolve`` reports each problem at
the file, line and field, as every other validation problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel

from ..errors import RenderError


def image_fields(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(field path, image path) of every image a position names in its own file."""
    from ..model.content import Figure
    from ..model.position import Cover, Organisation
    from ..model.signatories import Signatory

    if isinstance(value, (Figure, Cover)) and value.image:
        yield path + ("image",), value.image
    if isinstance(value, (Organisation, Signatory)) and value.logo:
        yield path + ("logo",), value.logo
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from image_fields(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from image_fields(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from image_fields(item, path + (i,))


def image_problems(position: Any, folder: Path, roots: tuple[Path, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """(field path, message) of every image of the position that cannot be used (relative to
    ``folder``, under the allowed ``roots``)."""
    from ..resources import checked_image

    found = []
    for path, image in image_fields(position):
        try:
            checked_image(folder / image, roots)
        except RenderError as error:
            found.append((path, str(error)))
    return found
