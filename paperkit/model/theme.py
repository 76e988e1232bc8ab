"""A theme: an organisation's look, shared by all of its positions.

A theme is a YAML file of its own; a position names it (``theme: ../themes/jca-net.yaml``,
relative to the position file).  Image paths in a theme are relative to the theme file
and must stay in its folder.  For example::

    name: JCA-NET
    logo: jca-net.svg              # PNG, JPEG or SVG
    logo_png: jca-net.png          # needed with an SVG logo: Word cannot draw SVG alone
    colours: {primary: "#0b4f6c", accent: "#d1495b"}
    fonts: {body: Noto Serif, heading: Noto Sans}
    letterhead:
      address: [Tokyo, Japan]
      website: https://www.jca.apc.org/jca-net/
      email: info@example.org
    footer: JCA-NET · Network for Communication and Human Rights
    signatures:                    # by signer name, as the sign-off or signer block names them
      JCA-NET Board of Directors: signatures/board.png

A neutral theme (for coalitions) may give only colours and fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from .base import Strict
from .fields import Email, NonBlank, Text, Url

_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FONT = re.compile(r"^[^\W_][\w .\-]*$")
RASTER = (".png", ".jpg", ".jpeg")
LOGO = RASTER + (".svg",)


def _check_colour(value: str) -> str:
    if not _COLOUR.match(value):
        raise ValueError(f"{value!r} is not a colour; write it as #rrggbb, e.g. \"#1c3d5a\"")
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


Colour = Annotated[str, AfterValidator(_check_colour),
                   WithJsonSchema({"type": "string", "pattern": _COLOUR.pattern, "description": "#rrggbb"})]


def _check_font(value: str) -> str:
    value = " ".join(value.split())
    if not _FONT.match(value):
        raise ValueError(f"{value!r} is not a font family name (letters, digits, spaces, '.', '-')")
    return value


FontName = Annotated[str, AfterValidator(_check_font)]


def _image(suffixes: tuple[str, ...]):
    def check(value: str) -> str:
        if not value.lower().endswith(suffixes):
            raise ValueError(f"{value!r}: expected a {', '.join(s[1:].upper() for s in suffixes)} file")
        return value
    return check


ImagePath = Annotated[str, AfterValidator(_image(LOGO))]
RasterPath = Annotated[str, AfterValidator(_image(RASTER))]


class Colours(Strict):
    """The theme's colours."""

    primary: Colour | None = Field(None, description="Title, headings, links (e.g. \"#1c3d5a\").")
    accent: Colour | None = Field(None, description="The rule over the title, list markers, the kicker.")


class Fonts(Strict):
    """Font families (installed on the machine that renders; Word substitutes missing ones)."""

    body: FontName | None = Field(None, description='The text, e.g. "Noto Serif".')
    heading: FontName | None = Field(None, description='Titles and headings, e.g. "Noto Sans".')


class Letterhead(Strict):
    """What stands beside the logo at the top of page 1."""

    address: list[Text] = Field(default_factory=list, description="Address lines.")
    website: Url | None = None
    email: Email | None = None
    phone: str | None = None


class Theme(Strict):
    """An organisation's look: logo, colours, fonts, letterhead, footer, signatures."""

    name: Text | None = Field(None, description="The organisation's name, for the letterhead.")
    logo: ImagePath | None = Field(None, description="A PNG, JPEG or SVG file, relative to the theme file.")
    logo_png: RasterPath | None = Field(
        None, description="The logo as PNG (or JPEG) for Word; required when the logo is SVG.")
    colours: Colours = Field(default_factory=Colours)
    fonts: Fonts = Field(default_factory=Fonts)
    letterhead: Letterhead = Field(default_factory=Letterhead)
    footer: Text | None = Field(None, description="A line at the foot of every page.")
    signatures: dict[NonBlank, RasterPath] = Field(
        default_factory=dict, description="Signature images (PNG or JPEG) by signer name, relative to the theme file.")


@dataclass(frozen=True)
class LoadedTheme:
    """A theme file, validated, with its images found and checked."""

    model: Theme
    file: Path
    folder: Path
    logo: Path | None = None
    logo_raster: Path | None = None
    signatures: dict[str, Path] = field(default_factory=dict)
