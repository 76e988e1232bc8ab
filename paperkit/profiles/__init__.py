"""Submission profiles: the rules of a body an organisation submits to, as data.

Each profile is one YAML file beside this module (``hrc-written-statement.yaml`` …).  A
profile names its sources (title, URL, the date it was checked), may set a layout (font,
sizes, justification, paragraph and page numbering) and lists rules, each with the source
it follows and the words of that source.  A position names a profile with its variant:
``profile: hrc-written-statement/general``.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from importlib.resources import files
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import UsageError

RuleCheck = Literal["words", "pages", "format", "languages", "required", "forbidden"]
Part = Literal["session", "contact", "submitters", "numbered-paragraphs", "page-numbers", "un-header",
               "consultative-status", "status-order"]
Region = Literal["body", "notes"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Data):
    """Where a rule comes from."""

    title: str
    url: str
    checked: _dt.date = Field(description="The date the rule was checked against the source.")


class Layout(_Data):
    """How documents under the profile look (the PDF and the DOCX alike)."""

    source: str
    says: str
    font: str | None = None
    size: float | None = Field(None, description="Body text size in points.")
    title_size: float | None = Field(None, description="Title size in points (default: the body text size).")
    note_size: float | None = Field(None, description="Footnote size in points.")
    justify: bool = False
    numbered_paragraphs: bool | None = None
    page_numbers: bool | None = None


class Rule(_Data):
    """One rule: what is checked, its limit (per variant or for all), its source."""

    id: str
    check: RuleCheck
    source: str | list[str]
    says: str
    limit: int | dict[str, int] | None = None
    count: list[Region] = Field(default_factory=lambda: list[Region](["body", "notes"]))
    formats: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    part: Part | None = None

    @property
    def sources(self) -> list[str]:
        return [self.source] if isinstance(self.source, str) else list(self.source)

    def limit_for(self, variant: str | None) -> int | None:
        """The limit that applies to ``variant`` (None when the rule has no limit)."""
        if isinstance(self.limit, dict):
            return self.limit[variant] if variant is not None else None
        return self.limit


class ProfileData(_Data):
    """A profile file."""

    name: str
    title: str
    variants: dict[str, str] = Field(default_factory=dict, description="Variant key → how the report names it.")
    sources: dict[str, Source]
    layout: Layout | None = None
    rules: list[Rule]

    @model_validator(mode="after")
    def _consistent(self) -> "ProfileData":
        for rule in self.rules:
            for key in rule.sources:
                if key not in self.sources:
                    raise ValueError(f"rule {rule.id}: unknown source {key!r}")
            if isinstance(rule.limit, dict) and set(rule.limit) != set(self.variants):
                raise ValueError(f"rule {rule.id}: limits for {sorted(rule.limit)}, variants {sorted(self.variants)}")
        if self.layout and self.layout.source not in self.sources:
            raise ValueError(f"layout: unknown source {self.layout.source!r}")
        return self


class Profile:
    """A profile with its variant chosen: ``hrc-written-statement/general``."""

    def __init__(self, data: ProfileData, variant: str | None):
        self.data = data
        self.variant = variant

    @property
    def name(self) -> str:
        return f"{self.data.name}/{self.variant}" if self.variant else self.data.name

    @property
    def variant_label(self) -> str | None:
        return self.data.variants.get(self.variant) if self.variant else None

    @property
    def layout(self) -> Layout | None:
        return self.data.layout

    @property
    def rules(self) -> list[Rule]:
        return self.data.rules

    def cite(self, rule: Rule) -> str:
        """The sources of a rule by title, as a finding names them."""
        return "; ".join(self.data.sources[k].title for k in rule.sources)

    def source_lines(self) -> list[str]:
        """Every source: title, address, the date it was checked."""
        return [f"{s.title} <{s.url}> (checked {s.checked.isoformat()})" for s in self.data.sources.values()]

    def __repr__(self) -> str:
        return f"Profile({self.name!r})"


def names() -> list[str]:
    """Every profile name a position may give, variants spelled out."""
    out = []
    for name in sorted(_files()):
        data = _data(name)
        out += [f"{name}/{v}" for v in data.variants] if data.variants else [name]
    return out


def _files() -> dict[str, object]:
    folder = files("paperkit").joinpath("profiles")
    return {entry.name[:-5]: entry for entry in folder.iterdir() if entry.name.endswith(".yaml")}


@lru_cache(maxsize=None)
def _data(name: str) -> ProfileData:
    from ruamel.yaml import YAML

    entry = _files()[name]
    return ProfileData.model_validate(YAML(typ="safe").load(entry.read_text(encoding="utf-8")))  # type: ignore[attr-defined]


def profile(spec: str) -> Profile:
    """The profile ``name/variant`` (the variant may be left out only where a profile has none).

    UsageError, naming the profiles there are, for an unknown name or variant.
    """
    name, _, variant = spec.strip().partition("/")
    if name not in _files():
        raise UsageError(f"unknown profile {spec!r}; choose from {', '.join(names())}")
    data = _data(name)
    if data.variants and variant not in data.variants:
        raise UsageError(f"profile {name} needs a variant: {', '.join(f'{name}/{v}' for v in data.variants)}")
    if not data.variants and variant:
        raise UsageError(f"profile {name} has no variants; write profile: {name}")
    return Profile(data, variant or None)
