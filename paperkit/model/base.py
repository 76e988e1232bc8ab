"""The base of every model: unknown keys are errors, never silently dropped."""

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    """A model that forbids unknown fields."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, validate_default=False)
