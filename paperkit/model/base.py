"""The base of every model: unknown keys are errors, never silently dropped."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A model that forbids unknown fields."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, validate_default=False)


def walk_text(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Yield (path, value) for every string and every language mapping in a model."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk_text(getattr(value, name), path + (name,))
    elif isinstance(value, dict):
        if value and all(isinstance(v, str) for v in value.values()):
            yield path, value
        else:
            for key, item in value.items():
                yield from walk_text(item, path + (key,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk_text(item, path + (i,))


def data_limit(name: str) -> int:
    """A limit of paperkit/data/limits.yaml (each with its source and the date it was checked)."""
    return int(data_limits()[name]["value"])


@lru_cache(maxsize=1)
def data_limits() -> dict[str, Any]:
    """Every entry of paperkit/data/limits.yaml: value, source, date checked (and any figures)."""
    from pathlib import Path

    from ruamel.yaml import YAML

    limits: dict[str, Any] = YAML(typ="safe").load((Path(__file__).parent.parent / "data" / "limits.yaml").read_text(encoding="utf-8"))
    return limits
