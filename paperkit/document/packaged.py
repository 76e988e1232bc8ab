"""Data files shipped in the package (``paperkit/data/*.yaml``): rules with their sources."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from ruamel.yaml import YAML


@lru_cache(maxsize=None)
def data_file(name: str) -> Any:
    """The parsed YAML file ``paperkit/data/<name>``."""
    return YAML(typ="safe", pure=True).load(files("paperkit").joinpath("data", name).read_text(encoding="utf-8"))
