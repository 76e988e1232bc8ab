"""The JSON Schema of position files, for editors (yaml-language-server) and CI."""

from __future__ import annotations

import json
from typing import Any

from .model import Position


def schema() -> dict[str, Any]:
    """The JSON Schema of a position file."""
    data = Position.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "paperkit position"
    return data


def schema_json() -> str:
    """The schema as stable, indented JSON text."""
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
