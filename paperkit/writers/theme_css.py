"""A theme and the document's fonts as CSS: custom properties that ``style.css`` reads.

``style.css`` draws with ``--accent`` (titles, headings, links), ``--accent-2`` (the rule
over the title, list markers), ``--accent-light`` (tinted boxes), ``--serif`` (the text) and
``--sans`` (titles, headings, page furniture); they are set here, after ``style.css``, so
that the theme's colours and the fonts the document tree chose (``document.fonts``, the
same the DOCX sets) win over any stylesheet that uses the variables.  Colours and font
names are checked by the theme model; font names are written as escaped CSS strings all
the same.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..document.nodes import Document, Fonts, Layout, LetterFit, Theme


PROPERTIES = {
    "--accent": "colours.primary: title, headings, links, the letterhead's name",
    "--accent-2": "colours.accent (else the primary): the rule over the title, the kicker, list bullets",
    "--accent-light": "a tint of the primary (10 % on white): the update note's box",
    "--body-font": "doc.fonts.body: the theme's fonts.body, else Noto Serif",
    "--heading-font": "doc.fonts.heading: the theme's fonts.heading, else Noto Sans",
    "--serif": "the text's families: doc.fonts.body, then the language's script family (doc.fonts.script_body)",
    "--sans": "the headings' families: doc.fonts.heading, then doc.fonts.script_heading",
    "--fit": "doc.fit.space: the share of the designed room between paragraphs and a letter's parts (1; less "
             "for a letter tightened to fit one page, which also gets doc.fit.size and doc.fit.line_height)",
}
"""The CSS custom properties a theme sets, and from what (listed by the template reference)."""

LETTERHEAD_MARGIN = "38mm"
"""Top margin of page 1 under a letterhead (style.css puts it in the header, @top-center)."""


def document_css(document: Document) -> str:
    """The CSS of a document's theme, fonts and page numbers, to follow ``style.css``."""
    return (theme_css(document.theme) + fonts_css(document.fonts) + page_numbers_css(document.labels.page)
            + fit_css(document.fit))


def fit_css(fit: LetterFit | None) -> str:
    """A letter tightened to fit one page (``doc.fit``): the body's size and line height, and
    ``--fit``, the share of the designed room style.css keeps between paragraphs and parts."""
    if fit is None or not fit.tightened:
        return ""
    return (f"/* letter: fit one-page, step {fit.step} of {fit.last} (paperkit/data/letter_fit.yaml) */\n"
            f":root {{ --fit: {fit.space:g}; }}\nhtml {{ font-size: {fit.size:g}pt; line-height: {fit.line_height:g}; }}\n")


def page_numbers_css(label: str) -> str:
    """The page numbers at the foot of every page in the words of the DOCX's footer
    (``doc.labels.page``, "Page {page} of {pages}")."""
    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", label):
        if piece in ("{page}", "{pages}"):
            pieces.append(f"counter({piece[1:-1]})")
        elif piece:
            pieces.append(css_string(piece))
    return "@page {\n  @bottom-center { content: " + " ".join(pieces) + "; }\n}\n"


FALLBACK_SERIF = ("Noto Serif", "Noto Serif CJK JP", "Noto Naskh Arabic", "Noto Serif Hebrew", "DejaVu Serif")
FALLBACK_SANS = ("Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "Noto Sans Hebrew", "DejaVu Sans")
"""Families for letters of another script than the document's (an Arabic name in an English
list), after the document's own: what style.css always listed."""


def fonts_css(fonts: Fonts) -> str:
    """The document's font families (the ones the DOCX sets too), then fallbacks for other
    scripts, then the generic family."""
    def stack(first: str, families: tuple[str, ...], fallbacks: tuple[str, ...], generic: str) -> str:
        # the Latin family through its variable, so that a submission profile's font (layout_css) still wins
        rest = [css_string(f) for f in dict.fromkeys(families[1:] + fallbacks) if f != families[0]]
        return ", ".join([first, *rest, generic])

    props = [("--body-font", css_string(fonts.body)), ("--heading-font", css_string(fonts.heading)),
             ("--serif", stack("var(--body-font)", fonts.body_families, FALLBACK_SERIF, "serif")),
             ("--sans", stack("var(--heading-font)", fonts.heading_families, FALLBACK_SANS, "sans-serif"))]
    css = ("/* fonts */\n:root {" + "".join(f"\n  {name}: {value};" for name, value in props) + "\n}\n"
           f"html {{ line-height: {fonts.line_height:g}; }}\np.lead {{ line-height: {fonts.lead_line_height:g}; }}\n")
    if fonts.arabic_size != 1:
        # Arabic letters as large as the Latin ones beside them (writers/script_spans.py puts them in
        # spans); their own line height none, so lines keep the paragraph's (made high enough for them)
        css += f".script-arabic {{ font-size: {fonts.arabic_size:g}em; line-height: 0; }}\n"
    return css


def theme_css(theme: Theme | None) -> str:
    """The CSS of a theme (empty when there is none, or it sets no colour or font)."""
    if theme is None:
        return ""
    props: list[tuple[str, str]] = []
    if theme.primary:
        props += [("--accent", theme.primary), ("--accent-light", mix_with_white(theme.primary, 0.1))]
    if theme.accent or theme.primary:
        props.append(("--accent-2", theme.accent or theme.primary or ""))
    assert all(name in PROPERTIES for name, _ in props)
    css = f"/* theme{': ' + css_comment(theme.name) if theme.name else ''} */\n"
    if props:
        css += ":root {" + "".join(f"\n  {name}: {value};" for name, value in props) + "\n}\n"
    if theme.letterhead:  # the letterhead stands in the header of page 1: room for it
        css += f"@page :first {{ margin-top: {LETTERHEAD_MARGIN}; }}\n"
    return css if props or theme.letterhead else ""


def mix_with_white(colour: str, share: float) -> str:
    """``share`` of ``colour`` (#rrggbb) on white, as #rrggbb."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in rgb)


def css_string(text: str) -> str:
    """``text`` as a double-quoted CSS string; anything but letters, digits and spaces escaped."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x}" for c in text) + '"'


def css_comment(text: str) -> str:
    return text.replace("*/", "* /").replace("\n", " ")


_METRIC_TWINS = {"times new roman": ("Liberation Serif", "Tinos", "TeX Gyre Termes"),
                 "arial": ("Liberation Sans", "Arimo", "TeX Gyre Heros")}
"""Fonts with the same widths as a font a profile names, for machines that lack it
(fonts-liberation on Debian): the PDF then breaks lines and pages as Word does."""


def layout_css(layout: Layout | None) -> str:
    """The CSS of a submission profile's layout (font, sizes, justification), or ""."""
    if layout is None:
        return ""
    css = "/* submission profile layout */\n"
    if layout.font:
        twins = _METRIC_TWINS.get(layout.font.lower(), ())
        family = ", ".join(css_string(f) for f in (layout.font, *twins))
        css += (f":root {{ --body-font: {family}; --heading-font: {family}; }}\n"
                f"html, .front, .byline, .kicker, h1, h2, h3, h4, .signoff, .contact {{ font-family: var(--serif); }}\n")
    if layout.size:
        css += f"html {{ font-size: {layout.size:g}pt; }}\n"
        css += f"h1.title {{ font-size: {layout.title_size or layout.size:g}pt; }}\n"
    if layout.note_size:
        css += f".footnote, .notes {{ font-size: {layout.note_size:g}pt; }}\n"
    if layout.justify:
        css += "main.body p, .footnote, .notes p { text-align: justify; }\n"
    return css
