"""Body content: paragraphs, lists with lead-ins, quotes, sections."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag

from .base import Strict, data_limit
from .fields import LANG_TAG, Text

Numbering = Literal["1.", "(1)", "1)", "a.", "(a)", "i.", "(i)"]


class ListItemModel(Strict):
    """A list item written as a mapping: its text (or blocks), and a nested list under it."""

    text: "Prose" = Field(description="The item: text (a blank line starts a new paragraph of the same item), "
                                      "or a list of blocks (paragraphs, lists, quotes); the first paragraph "
                                      "stands beside the number.")
    items: "ItemList | None" = Field(None, description="A nested list under the item.")


ListItem = Annotated[
    Union[Annotated[Text, Tag("text")], Annotated[ListItemModel, Tag("item")]],
    Discriminator(lambda v: "item" if isinstance(v, dict) and ("items" in v or "text" in v) else "text"),
]


LIST_START_MAX = data_limit("list_start_max")


class ItemList(Strict):
    """A list with its own lead-in line ("we call on all state delegations to:")."""

    lead_in: Text | None = Field(None, description="The line that introduces the list.")
    style: Literal["numbered", "bulleted"] | None = Field(
        None, description="numbered or bulleted; concerns default to bulleted, demands to numbered.")
    numbering: Numbering = Field("1.", description='How numbers are printed: "1.", "(1)", "1)", "a.", "(a)", "i.", "(i)".')
    start: int = Field(1, ge=1, le=LIST_START_MAX, description="The number of the first item (at most 32767, "
                       "the range OOXML gives a list's start: paperkit/data/limits.yaml).")
    items: list[ListItem] = Field(min_length=1, description="The items; an item may carry a nested list.")


class Concerns(Strict):
    """A block holding the list of concerns."""

    concerns: ItemList


class Demands(Strict):
    """A block holding the list of demands (recommendations)."""

    demands: ItemList


class PlainList(Strict):
    """A block holding any other list."""

    list: ItemList


class QuoteBlock(Strict):
    """A block quotation."""

    quote: Text = Field(description="The quoted text; blank lines separate paragraphs.")
    source: Text | None = Field(None, description="Who or what is quoted.")


class ParagraphBlock(Strict):
    """A paragraph written as a mapping (the same as a plain string)."""

    paragraph: Text


_BLOCK_KEYS = ("concerns", "demands", "list", "quote", "paragraph")


def _block_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        for key in _BLOCK_KEYS:
            if key in value:
                return key
        if value and all(isinstance(k, str) and LANG_TAG.match(k) for k in value):
            return "text"  # a paragraph given in several languages
    return None


Block = Annotated[
    Union[
        Annotated[Text, Tag("text")],
        Annotated[Concerns, Tag("concerns")],
        Annotated[Demands, Tag("demands")],
        Annotated[PlainList, Tag("list")],
        Annotated[QuoteBlock, Tag("quote")],
        Annotated[ParagraphBlock, Tag("paragraph")],
    ],
    Discriminator(
        _block_kind,
        custom_error_type="block",
        custom_error_message="expected a paragraph (text) or one of: concerns, demands, list, quote",
    ),
]
"""One block of body content: a paragraph string, or a mapping with one of the block keys."""

Prose = Annotated[
    Union[Annotated[Text, Tag("text")], Annotated[list[Block], Tag("blocks")]],
    Discriminator(lambda v: "blocks" if isinstance(v, list) else "text"),
]
"""Text whose blank lines separate paragraphs, or a list of blocks (paragraphs, lists, quotes)
in YAML block form: what list items, notes and update notes hold."""


class Section(Strict):
    """A body section with an optional heading."""

    heading: Text | None = None
    content: list[Block] = Field(min_length=1, description="Paragraphs, lists and quotes, in order.")
    sections: list["Section"] = Field(default_factory=list, description="Sub-sections.")


def as_block_list(value: Any) -> Any:
    """Let a single paragraph (a string, or a mapping language → string) stand for a list of one."""
    return [value] if _block_kind(value) == "text" else value


def block_list_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema of a block list that a single paragraph may stand for (``as_block_list``)."""
    array = {key: schema.pop(key) for key in ("type", "items", "minItems") if key in schema}
    schema["anyOf"] = [PARAGRAPH_SCHEMA, array]


PARAGRAPH_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
         "propertyNames": {"pattern": LANG_TAG.pattern}, "minProperties": 1},
    ],
    "description": "A single paragraph (text, or a mapping from language to text) stands for a list of one.",
}


ListItemModel.model_rebuild()
ItemList.model_rebuild()
