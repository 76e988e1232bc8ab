"""Body content: paragraphs, lists with lead-ins, quotes, sections."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag, WithJsonSchema, field_validator, model_validator

from .base import Strict, data_limit
from .fields import LANG_TAG, NonBlank, Text

Numbering = Literal["1.", "(1)", "1)", "a.", "(a)", "i.", "(i)", "paragraphs"]


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
    numbering: Numbering = Field("1.", description='How numbers are printed: "1.", "(1)", "1)", "a.", "(a)", "i.", '
                                                 '"(i)"; or "paragraphs": the items go on with the numbered '
                                                 "paragraphs' count (UPR style: recommendations are paragraphs 26–32).")
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
    numbered: bool = Field(True, description="false: this paragraph gets no number where numbered_paragraphs "
                                             "numbers the others.")


Align = Literal["left", "center", "right"]


def _number_as_text(value: Any) -> Any:
    """A number in a cell is its text as written in YAML (1204 → "1204", 12.5 → "12.5")."""
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Cell = Annotated[Text, BeforeValidator(_number_as_text),
                 WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1}, {"type": "number"},
                                           {"type": "object", "additionalProperties": {"type": "string", "minLength": 1},
                                            "propertyNames": {"pattern": LANG_TAG.pattern}, "minProperties": 1}],
                                 "description": "A cell: text in the Markdown subset, a number, or a mapping from "
                                                "language to text."})]


class Table(Strict):
    """A table: a header row, rows of cells (each in the Markdown subset), a caption."""

    caption: Text | None = Field(None, description="A line above the table that says what it shows.")
    header: list[Cell] | None = Field(None, min_length=1, description="The header row: one text per column.")
    rows: list[list[Cell]] = Field(min_length=1, description="The rows, each a list of cells (text with *emphasis*, "
                                                             "**strong**, [links](url) and [^key] citations).")
    align: list[Align] | None = Field(None, description="left, center or right for each column (default left; "
                                                        "numbers read best right-aligned).")

    @model_validator(mode="after")
    def _rectangular(self) -> "Table":
        width = len(self.header) if self.header else len(self.rows[0])
        for i, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"rows[{i}] has {len(row)} cells; every row needs {width}"
                                 + (" (as many as the header)" if self.header else " (as many as the first row)"))
        if self.align is not None and len(self.align) != width:
            raise ValueError(f"align gives {len(self.align)} columns; the table has {width}")
        return self


class TableBlock(Strict):
    """A block holding a table."""

    table: Table


class Figure(Strict):
    """An image in the body, with its description for those who cannot see it, and a caption."""

    image: NonBlank = Field(description="A PNG or JPEG file, relative to the position file.")
    alt: Text = Field(description="What the image shows, for readers who cannot see it (required).")
    caption: Text | None = Field(None, description="A line under the image.")

    @field_validator("image")
    @classmethod
    def _raster(cls, value: str) -> str:
        return raster_path(value) or value


def raster_path(value: str | None) -> str | None:
    """An image path that names a PNG or JPEG file (what PDF, HTML and Word all show)."""
    if value is not None and not value.lower().endswith((".png", ".jpg", ".jpeg")):
        raise ValueError(f"{value!r}: an image here is a PNG or JPEG file (Word cannot show SVG alone)")
    return value


class FigureBlock(Strict):
    """A block holding a figure."""

    figure: Figure


_BLOCK_KEYS = ("concerns", "demands", "list", "quote", "paragraph", "table", "figure")


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
        Annotated[TableBlock, Tag("table")],
        Annotated[FigureBlock, Tag("figure")],
    ],
    Discriminator(
        _block_kind,
        custom_error_type="block",
        custom_error_message="expected a paragraph (text) or one of: concerns, demands, list, quote, table, figure",
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
    numbered: bool = Field(True, description='false: the section\'s paragraphs (and its sub-sections\') get no '
                                             'numbers where numbered_paragraphs numbers the others ("About the authors").')
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
