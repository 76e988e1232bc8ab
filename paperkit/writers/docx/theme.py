"""The theme in a Word document, applied to the rendered package (never through Jinja).

- **Colours**: the primary colour on the styles style.css draws in ``--accent`` (*Title*,
  the headings, *Sign-off*, *Contact Heading*, *Signatory Group*, links, note calls), the
  accent on those it draws in ``--accent-2`` (*Kicker*, the rule over the title).  Styles
  are found by name, so a user's template is themed too.
- **Fonts** are the document tree's (``document.fonts``, set by ``fonts.py``) whatever the
  theme: the theme's fonts are part of that choice.
- **Letterhead**: in the header of page 1 (the first-page header when the template has
  "different first page", else the header of every page): a borderless table, the logo
  at the start, the organisation's name and address lines at the end.
- **Footer**: the theme's footer line above the page numbers in every footer.
- **Signatures**: the images the sign-off asks for (see ``BodyWriter``).

Images are read through :func:`paperkit.resources.read_image` — the rule the
PDF writer's fetcher applies — and added with python-docx's image parts.  This runs after
docxtpl has rendered the template: text added here is never seen by Jinja.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from lxml import etree

from ...document import nodes as n
from ...resources import read_image
from .fonts import run_fonts
from .order import STYLE_BEFORE_RPR as _STYLE_BEFORE_RPR
from .order import child_in_order as _child_in_order
from .order import set_rpr as _set_rpr
from .runs import escape, text_run

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "{%s}" % W
NS = f'xmlns:w="{W}" xmlns:r="{R}"'

PRIMARY = ("Title", "Heading1", "Heading2", "Heading3", "ContactHeading", "Signoff", "SignatoryGroup",
           "Hyperlink", "FootnoteReference", "Letterhead")
ACCENT = ("Kicker",)
ACCENT_BORDERS = ("TitleRule",)
LOGO_HEIGHT = Mm(15)
SIGNATURE_HEIGHT = Mm(14)

def apply_theme(docx_document, theme: n.Theme, styles: dict[str, str], roots: tuple[Path, ...],
                text_width: int, fonts: n.Fonts) -> None:
    """Colours, letterhead and footer of ``theme`` on a rendered document."""
    apply_styles(docx_document.styles.element, theme, styles)
    if theme.letterhead:
        add_letterhead(docx_document, theme, roots, text_width, fonts)
    if theme.footer:
        add_footer_line(docx_document, theme.footer, text_width)


# ------------------------------------------------------------ styles


def apply_styles(styles_element, theme: n.Theme, styles: dict[str, str]) -> None:
    by_id = {style.get(_W + "styleId"): style for style in styles_element.iter(_W + "style")}

    def style_rpr(key: str):
        style = by_id.get(styles.get(key, key))
        return None if style is None else _child_in_order(style, "rPr", _STYLE_BEFORE_RPR)

    accent = theme.accent or theme.primary
    for keys, colour in ((PRIMARY, theme.primary), (ACCENT, accent)):
        if colour:
            for key in keys:
                rpr = style_rpr(key)
                if rpr is not None:
                    _set_rpr(rpr, "color", {"val": colour.lstrip("#").upper()})
    if accent:
        for key in ACCENT_BORDERS:
            style = by_id.get(styles.get(key, key))
            for border in () if style is None else style.iterfind(f"{_W}pPr/{_W}pBdr/*"):
                border.set(_W + "color", accent.lstrip("#").upper())


def _set_font(rpr, family: str) -> None:
    """``family`` as the Latin font of ``rpr`` (a submission profile's font, paperkit/writers/docx/submission.py)."""
    fonts = _set_rpr(rpr, "rFonts", {})
    for attr in ("ascii", "hAnsi"):
        fonts.set(_W + attr, family)
    for attr in ("asciiTheme", "hAnsiTheme"):  # a theme font would win over the name
        fonts.attrib.pop(_W + attr, None)


# ------------------------------------------------------------ images


def picture_run(part, path: str, roots: tuple[Path, ...], height, name: str) -> str:
    """A run holding an inline picture of the image at ``path`` (checked against ``roots``),
    related to ``part`` (the header part, or the document part)."""
    data = read_image(path, roots)  # checked, without EXIF and text chunks
    image_part = part.package.get_or_add_image_part(io.BytesIO(data))
    rid = part.relate_to(image_part, RT.IMAGE)
    width, height = image_part.image.scaled_dimensions(None, height)
    shape_id = _next_shape_id(part)
    inline = CT_Inline.new_pic_inline(shape_id, rid, image_part.filename, width, height)
    inline.docPr.set("descr", name)
    return f"<w:r {NS}><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"


def figure_run(part, figure: n.Figure, roots: tuple[Path, ...], text_width: int) -> str:
    """A run holding a figure: as wide as it is at 96 dpi, at most the text width (twips), never
    distorted; its alt text is the picture's description."""
    from docx.shared import Emu, Twips

    from ...resources import read_image

    width, height = figure.width, figure.height
    natural = Emu(int(width * 914400 / 96))
    shown = min(natural, Twips(text_width))
    data = read_image(figure.image, roots)  # checked again, its metadata left out
    image_part = part.package.get_or_add_image_part(io.BytesIO(data))
    rid = part.relate_to(image_part, RT.IMAGE)
    cx, cy = Emu(shown), Emu(int(shown * height / width))
    inline = CT_Inline.new_pic_inline(_next_shape_id(part), rid, image_part.filename, cx, cy)
    inline.docPr.set("descr", figure.alt)
    return f"<w:r {NS}><w:drawing>{etree.tostring(inline, encoding='unicode')}</w:drawing></w:r>"


def _next_shape_id(part) -> int:
    """Drawing ids unique within the package (Word repairs a file with duplicates)."""
    package = part.package
    package.paperkit_shape_id = getattr(package, "paperkit_shape_id", 1000) + 1
    return package.paperkit_shape_id


# ------------------------------------------------------------ header and footer


def story_part(docx_document, kind: str, first_page: bool):
    """The header or footer part that shows on page 1 (``first_page``) or on every page.

    Looked up through the document part's relationships: docxtpl replaces the rendered
    header and footer parts there (python-docx's own lookup would find the old ones).
    """
    section = docx_document.sections[-1]
    if kind == "header":
        story = section.first_page_header if first_page else section.header
    else:
        story = section.first_page_footer if first_page else section.footer
    if story.is_linked_to_previous:
        story.is_linked_to_previous = False  # the template has none: add one
    sect = docx_document.element.body.findall(_W + "sectPr")[-1]
    wanted = "first" if first_page else "default"
    for ref in sect.findall(f"{_W}{kind}Reference"):
        if ref.get(_W + "type", "default") == wanted:
            return docx_document.part.rels[ref.get(f"{{{R}}}id")].target_part
    raise LookupError(f"no {wanted} {kind} in the template")


def add_letterhead(docx_document, theme: n.Theme, roots: tuple[Path, ...], text_width: int,
                   fonts: n.Fonts) -> None:
    first = docx_document.sections[-1].different_first_page_header_footer
    part = story_part(docx_document, "header", first)
    logo = picture_run(part, theme.logo_raster, roots, LOGO_HEIGHT, theme.name or "logo") if theme.logo_raster else ""
    lines = []
    font = run_fonts(fonts, heading=True)
    if theme.name:
        colour = f'<w:color w:val="{theme.primary.lstrip("#").upper()}"/>' if theme.primary else ""
        lines.append(text_run(theme.name, f'<w:rPr>{font}<w:b/><w:bCs/>{colour}<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'))
    small = f'<w:rPr>{font}<w:color w:val="595959"/><w:sz w:val="15"/><w:szCs w:val="15"/></w:rPr>'
    for line in (*theme.address, _bare(theme.website), theme.email, theme.phone):
        if line:
            lines.append(text_run(line, small))
    half = text_width // 2
    cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="bottom"/></w:tcPr>{p}</w:tc>'
    logo_p = f'<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>{logo}</w:p>'
    text_p = ('<w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/></w:pPr>'
              + "<w:r><w:br/></w:r>".join(lines) + "</w:p>")
    table = (f'<w:tbl {NS}><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
             'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
             f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{text_width - half}"/></w:tblGrid>'
             f'<w:tr>{cell.format(w=half, p=logo_p)}{cell.format(w=text_width - half, p=text_p)}</w:tr></w:tbl>')
    element = part.element
    element.insert(0, parse_xml(table))
    # A header must end with a paragraph; keep some room under the letterhead.
    if element[-1].tag != _W + "p":
        element.append(parse_xml(f'<w:p {NS}><w:pPr><w:spacing w:after="240"/></w:pPr></w:p>'))


def add_footer_line(docx_document, footer: str, text_width: int) -> None:
    """The footer line at the start of each footer's first paragraph, the rest of that
    paragraph (the page numbers) centred by a tab: one line, as in the PDF (the line in
    ``@bottom-left``, the numbers in ``@bottom-center``)."""
    section = docx_document.sections[-1]
    parts = [story_part(docx_document, "footer", False)]
    if section.different_first_page_header_footer:
        parts.append(story_part(docx_document, "footer", True))
    for part in dict.fromkeys(parts):
        runs = parse_xml(f'<w:p {NS}>{text_run(footer)}<w:r><w:tab/></w:r></w:p>')
        paragraph = part.element.find(_W + "p")
        if paragraph is None:
            paragraph = etree.SubElement(part.element, _W + "p")
        ppr = _child_in_order(paragraph, "pPr", ())
        tabs = _child_in_order(ppr, "tabs", _PPR_BEFORE_TABS)
        tab = etree.SubElement(tabs, _W + "tab")
        tab.set(_W + "val", "center")
        tab.set(_W + "pos", str(text_width // 2))
        jc = ppr.find(_W + "jc")
        if jc is None:
            jc = _child_in_order(ppr, "jc", _PPR_BEFORE_JC)
        jc.set(_W + "val", "left")
        for run in reversed(list(runs)):
            ppr.addnext(run)


_PPR_BEFORE_TABS = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
                    "suppressLineNumbers", "pBdr", "shd")
_PPR_BEFORE_JC = _PPR_BEFORE_TABS + ("tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
                                     "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
                                     "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
                                     "suppressOverlap")


def _bare(url: str | None) -> str | None:
    """A web address as printed on a letterhead (no scheme, no trailing slash)."""
    if not url:
        return None
    return url.split("://", 1)[-1].rstrip("/")


__all__ = ["apply_theme", "picture_run", "escape"]
