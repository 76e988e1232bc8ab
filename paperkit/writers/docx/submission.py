"""What a submission adds to the DOCX: the UN lines and the embargo line above the title,
the DRAFT watermark in the headers, and a submission profile's layout on the styles.

The watermark is Word's own kind (a VML WordArt shape in the header, as Word's
Design › Watermark makes it), which LibreOffice shows as a watermark too; being in the
header, Word's Word Count leaves it out.
"""

from __future__ import annotations

from docx.oxml import parse_xml

from ...document import nodes as n
from .runs import escape, text_run
from .theme import _PPR_BEFORE_JC, NS, _W, _child_in_order, _set_font, _set_rpr, story_part

_STYLE_BEFORE_RPR = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
                     "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
                     "personalReply", "rsid", "pPr")
_TEXT_STYLES = ("Normal", "BodyText", "Lead", "NumberedParagraph", "ListLeadin", "ListNumber", "ListNumber2",
                "ListNumber3", "ListBullet", "ListBullet2", "ListBullet3", "Quote", "Byline", "Signoff", "Contact")
_JUSTIFIED = ("BodyText", "Lead", "NumberedParagraph", "FootnoteText")
_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"


def add_front_matter(docx_document, front: n.Front, text_width: int) -> None:
    """The embargo line and the UN lines, as the first paragraphs of the body."""
    body = docx_document.element.body
    elements = []
    if front.embargo:
        rpr = '<w:rPr><w:b/><w:bCs/><w:color w:val="A3141D"/></w:rPr>'
        elements.append(parse_xml(f'<w:p {NS}><w:pPr><w:pBdr>' + "".join(
            f'<w:{side} w:val="single" w:sz="8" w:space="2" w:color="A3141D"/>' for side in
            ("top", "left", "bottom", "right")) + '</w:pBdr><w:spacing w:after="240"/></w:pPr>'
            f'{text_run(front.embargo, rpr)}</w:p>'))
    if front.un is not None:
        elements.append(parse_xml(_un_table(front.un, text_width)))
        elements.append(parse_xml(f'<w:p {NS}><w:pPr><w:spacing w:after="120"/></w:pPr></w:p>'))
    for element in reversed(elements):
        body.insert(0, element)


def _un_table(un: n.UnHeader, text_width: int) -> str:
    """Organ, session and agenda item on the left; symbol, distribution, date, original on the
    right; a rule under both, as a UN document's first page has them."""
    half = text_width // 2

    def lines(texts: tuple[str, ...], right: bool, symbol: bool) -> str:
        if not texts:
            return "<w:p/>"
        out = []
        for i, text in enumerate(texts):
            big = symbol and i == 0
            rpr = '<w:rPr><w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr>' if big else \
                ('<w:rPr><w:b/><w:bCs/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>' if not right and i == 0 else
                 '<w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>')
            jc = '<w:jc w:val="right"/>' if right else ""
            out.append(f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr>{text_run(text, rpr)}</w:p>')
        return "".join(out)

    border = '<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>'
    cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>' + border + '<w:vAlign w:val="bottom"/></w:tcPr>{p}</w:tc>'
    return (f'<w:tbl {NS}><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{text_width - half}"/></w:tblGrid><w:tr>'
            f'{cell.format(w=half, p=lines(un.left, False, False))}'
            f'{cell.format(w=text_width - half, p=lines(un.right, True, bool(un.symbol)))}</w:tr></w:tbl>')


_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{eqn}"/>' for eqn in (
        "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
        "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
        "sum @6 0 @5"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
      'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
      '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
      '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>')


def add_watermark(docx_document, word: str) -> None:
    """``word`` (e.g. "DRAFT") across every page, behind the text, in every header."""
    section = docx_document.sections[-1]
    parts = [story_part(docx_document, "header", False)]
    if section.different_first_page_header_footer:
        parts.append(story_part(docx_document, "header", True))
    for number, part in enumerate(dict.fromkeys(parts), start=1):
        shape = (f'<w:p {NS} xmlns:v="{_V}" xmlns:o="{_O}"><w:pPr><w:spacing w:after="0"/></w:pPr>'
                 f'<w:r><w:rPr><w:noProof/></w:rPr><w:pict>{_SHAPETYPE}'
                 f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s20{48 + number}" '
                 'type="#_x0000_t136" style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;'
                 'rotation:315;z-index:-251654144;mso-position-horizontal:center;'
                 'mso-position-horizontal-relative:margin;mso-position-vertical:center;'
                 'mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="#a3141d" stroked="f">'
                 '<v:fill opacity=".15"/>'
                 f'<v:textpath style="font-family:&quot;Liberation Sans&quot;;font-size:1pt;font-weight:bold" '
                 f'string="{escape(word)}"/></v:shape></w:pict></w:r></w:p>')
        part.element.append(parse_xml(shape))


def apply_layout(styles_element, layout: n.Layout) -> None:
    """A submission profile's font, sizes and justification on the template's styles."""
    by_id = {style.get(_W + "styleId"): style for style in styles_element.iter(_W + "style")}

    def rpr_of(style_id: str):
        style = by_id.get(style_id)
        return None if style is None else _child_in_order(style, "rPr", _STYLE_BEFORE_RPR)

    if layout.font:
        defaults = styles_element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        for rpr in ([defaults] if defaults is not None else []) + [
                style.find(_W + "rPr") for style in by_id.values() if style.find(f"{_W}rPr/{_W}rFonts") is not None]:
            _set_font(rpr, layout.font)
            rpr.find(_W + "rFonts").set(_W + "cs", layout.font)
    sizes = {style_id: layout.size for style_id in _TEXT_STYLES} if layout.size else {}
    if layout.title_size or layout.size:
        sizes["Title"] = layout.title_size or layout.size
    if layout.note_size:
        sizes["FootnoteText"] = layout.note_size
    for style_id, size in sizes.items():
        rpr = rpr_of(style_id)
        if rpr is not None and size:
            half_points = str(round(size * 2))
            _set_rpr(rpr, "sz", {"val": half_points})
            _set_rpr(rpr, "szCs", {"val": half_points})
    if layout.justify:
        for style_id in _JUSTIFIED:
            style = by_id.get(style_id)
            if style is None:
                continue
            ppr = _child_in_order(style, "pPr", _STYLE_BEFORE_RPR[:-1])
            _child_in_order(ppr, "jc", _PPR_BEFORE_JC).set(_W + "val", "both")
