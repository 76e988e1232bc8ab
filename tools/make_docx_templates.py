"""Write paperkit's built-in DOCX templates (templates/<kind>/document.docx) reproducibly.

    .venv/bin/python tools/make_docx_templates.py

The template is a lean, ordinary Word file (a few KB, not python-docx's 800 KB default):
named styles, A4 page, running header, "Page n of N" footer, the separator footnotes and
docxtpl tags for the title matter plus ``{{p body }}`` for the body.  Every part is written
from the XML below, and zip entries get a fixed time, so running it twice gives the same bytes.
A user restyles a copy of the output in Word; this script is only how paperkit makes its own.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = f'xmlns:w="{W}" xmlns:r="{R}"'
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

BODY_FONT = "Calibri"
HEADING_FONT = "Calibri"
NAVY = "1F3864"
ACCENT = "2F5496"
GREY = "595959"

# ---------------------------------------------------------------- styles


def rpr(*, font=None, size=None, bold=False, italic=False, caps=False, color=None,
        spacing=None, underline=None, vert=None, style=None) -> str:
    """Run properties, children in schema order."""
    out = []
    if style:
        out.append(f'<w:rStyle w:val="{style}"/>')
    if font:
        # Latin slots only: East Asian and complex-script text takes the fonts of w:docDefaults,
        # which paperkit sets for the document's language (Noto CJK JP/SC, Naskh for Arabic).
        out.append(f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>')
    if bold:
        out.append("<w:b/><w:bCs/>")
    if italic:
        out.append("<w:i/><w:iCs/>")
    if caps:
        out.append("<w:caps/>")
    if color:
        out.append(f'<w:color w:val="{color}"/>')
    if spacing:
        out.append(f'<w:spacing w:val="{spacing}"/>')
    if size:
        out.append(f'<w:sz w:val="{size * 2:g}"/><w:szCs w:val="{size * 2:g}"/>')
    if underline:
        out.append(f'<w:u w:val="{underline}"/>')
    if vert:
        out.append(f'<w:vertAlign w:val="{vert}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def ppr(*, keep_next=False, keep_lines=False, border=None, shading=None, tabs=None,
        before=None, after=None, line=None, left=None, right=None, hanging=None,
        contextual=False, jc=None, outline=None) -> str:
    """Paragraph properties, children in schema order."""
    out = []
    if keep_next:
        out.append("<w:keepNext/>")
    if keep_lines:
        out.append("<w:keepLines/>")
    if border:
        out.append(f"<w:pBdr>{border}</w:pBdr>")
    if shading:
        out.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{shading}"/>')
    if tabs:
        out.append(f"<w:tabs>{tabs}</w:tabs>")
    spacing = []
    if before is not None:
        spacing.append(f'w:before="{before}"')
    if after is not None:
        spacing.append(f'w:after="{after}"')
    if line is not None:
        spacing.append(f'w:line="{line}" w:lineRule="auto"')
    if spacing:
        out.append(f"<w:spacing {' '.join(spacing)}/>")
    ind = []
    if left is not None:
        ind.append(f'w:left="{left}"')
    if right is not None:
        ind.append(f'w:right="{right}"')
    if hanging is not None:
        ind.append(f'w:hanging="{hanging}"')
    if ind:
        out.append(f"<w:ind {' '.join(ind)}/>")
    if contextual:
        out.append("<w:contextualSpacing/>")
    if jc:
        out.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        out.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr>{''.join(out)}</w:pPr>" if out else ""


def style(kind, style_id, name, *, based_on="Normal", next_=None, builtin=False,
          priority=None, p="", r="", default=False, link=None) -> str:
    attrs = f'w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    if not builtin:
        attrs += ' w:customStyle="1"'
    out = [f'<w:style {attrs}><w:name w:val="{name}"/>']
    if based_on:
        out.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_:
        out.append(f'<w:next w:val="{next_}"/>')
    if link:
        out.append(f'<w:link w:val="{link}"/>')
    if priority is not None:
        out.append(f'<w:uiPriority w:val="{priority}"/>')
    out.append("<w:qFormat/>")
    out.append(p + r + "</w:style>")
    return "".join(out)


def bottom_rule(color="BFBFBF", size=4, space=6) -> str:
    return f'<w:bottom w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def box(color="D9D9D9") -> str:
    side = f'w:val="single" w:sz="4" w:space="6" w:color="{color}"'
    return f"<w:top {side}/><w:left {side}/><w:bottom {side}/><w:right {side}/>"


def list_styles() -> list[str]:
    out = []
    for base_id, base_name in (("ListNumber", "List Number"), ("ListBullet", "List Bullet")):
        for depth in (1, 2, 3):
            suffix = "" if depth == 1 else str(depth)
            left = 360 + 360 * depth + (100 if base_id == "ListNumber" else 0)
            hanging = 460 if base_id == "ListNumber" else 360
            out.append(style("paragraph", base_id + suffix, f"{base_name} {suffix}".strip(),
                             builtin=True, priority=99,
                             p=ppr(after=120, left=left, hanging=hanging)))
    return out


def styles_xml() -> str:
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{BODY_FONT}" w:eastAsia="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:cs="{BODY_FONT}"/>'
        '<w:sz w:val="22"/><w:szCs w:val="22"/>'
        '<w:lang w:val="en" w:eastAsia="en" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
    )
    s = [
        style("paragraph", "Normal", "Normal", based_on=None, builtin=True, default=True,
              p="<w:pPr><w:widowControl/></w:pPr>"),
        style("character", "DefaultParagraphFont", "Default Paragraph Font", based_on=None,
              builtin=True, default=True, priority=1),
        # Word expects these two defaults in every styles part.
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        # title matter
        style("paragraph", "Kicker", "Kicker", next_="Title",
              p=ppr(keep_next=True, after=80),
              r=rpr(font=HEADING_FONT, size=11, bold=True, color=ACCENT)),
        style("paragraph", "Title", "Title", next_="Subtitle", builtin=True, priority=10,
              p=ppr(keep_next=True, after=160, line=228),
              r=rpr(font=HEADING_FONT, size=24, bold=True, color=NAVY)),
        style("paragraph", "Subtitle", "Subtitle", next_="Byline", builtin=True, priority=11,
              p=ppr(keep_next=True, after=160),
              r=rpr(font=HEADING_FONT, size=14, color=GREY)),
        style("paragraph", "Byline", "Byline", next_="BodyText",
              p=ppr(border=bottom_rule(), after=360),
              r=rpr(size=10, color=GREY)),
        style("paragraph", "Addressee", "Addressee", next_="BodyText",
              p=ppr(after=240), r=rpr(bold=True)),
        # headings
        style("paragraph", "Heading1", "heading 1", next_="BodyText", builtin=True, priority=9,
              p=ppr(keep_next=True, keep_lines=True, before=360, after=120, outline=0),
              r=rpr(font=HEADING_FONT, size=15, bold=True, color=NAVY)),
        style("paragraph", "Heading2", "heading 2", next_="BodyText", builtin=True, priority=9,
              p=ppr(keep_next=True, keep_lines=True, before=240, after=80, outline=1),
              r=rpr(font=HEADING_FONT, size=13, bold=True, color=ACCENT)),
        style("paragraph", "Heading3", "heading 3", next_="BodyText", builtin=True, priority=9,
              p=ppr(keep_next=True, keep_lines=True, before=200, after=60, outline=2),
              r=rpr(font=HEADING_FONT, size=11, bold=True, italic=True, color=NAVY)),
        # body
        style("paragraph", "BodyText", "Body Text", builtin=True, priority=99, p=ppr(after=160)),
        style("paragraph", "Lead", "Lead", based_on="BodyText", next_="BodyText",
              p=ppr(after=200), r=rpr(size=12)),
        style("paragraph", "NumberedParagraph", "Numbered Paragraph", based_on="BodyText",
              p=ppr(left=567, hanging=567)),
        style("paragraph", "ListLeadin", "List Lead-in", based_on="BodyText",
              p=ppr(keep_next=True, after=100)),
        *list_styles(),
        style("paragraph", "Quote", "Quote", next_="BodyText", builtin=True, priority=29,
              p=ppr(border='<w:left w:val="single" w:sz="18" w:space="8" w:color="BFBFBF"/>',
                    after=120, left=567, right=567),
              r=rpr(italic=True, color="404040")),
        style("paragraph", "QuoteSource", "Quote Source", based_on="Quote", next_="BodyText",
              p=ppr(after=240), r=rpr(size=10, color=GREY)),
        style("paragraph", "UpdateNote", "Update Note", next_="BodyText",
              p=ppr(border=box(), shading="F2F2F2", after=240, left=113, right=113),
              r=rpr(size=10)),
        # closing matter
        style("paragraph", "Signoff", "Sign-off", next_="Signoff",
              p=ppr(keep_next=True, keep_lines=True, before=240, after=0, contextual=True)),
        style("paragraph", "ContactHeading", "Contact Heading", next_="Contact",
              p=ppr(keep_next=True, before=360, after=60), r=rpr(bold=True, color=NAVY)),
        style("paragraph", "Contact", "Contact", p=ppr(keep_lines=True, after=120)),
        style("paragraph", "SignatoryGroup", "Signatory Group", next_="Signatory",
              p=ppr(keep_next=True, before=200, after=80), r=rpr(bold=True)),
        style("paragraph", "SignatoryNote", "Signatory Note", next_="Signatory",
              p=ppr(after=80), r=rpr(size=10, italic=True, color=GREY)),
        style("paragraph", "Signatory", "Signatory", p=ppr(after=20)),
        # notes, links, page furniture
        style("paragraph", "FootnoteText", "footnote text", builtin=True, priority=99,
              link="FootnoteTextChar", p=ppr(after=40, line=240), r=rpr(size=9)),
        style("character", "FootnoteTextChar", "Footnote Text Char", based_on="DefaultParagraphFont",
              link="FootnoteText", r=rpr(size=9)),
        style("character", "FootnoteReference", "footnote reference", based_on="DefaultParagraphFont",
              builtin=True, priority=99, r=rpr(vert="superscript")),
        style("character", "Hyperlink", "Hyperlink", based_on="DefaultParagraphFont", builtin=True,
              priority=99, r=rpr(color="0563C1", underline="single")),
        style("paragraph", "Header", "header", builtin=True, priority=99,
              p=ppr(border=bottom_rule("D9D9D9", 4, 4), after=0),
              r=rpr(size=9, color="7F7F7F")),
        style("paragraph", "Footer", "footer", builtin=True, priority=99,
              p=ppr(after=0, jc="right"), r=rpr(size=9, color="7F7F7F")),
    ]
    return f'{DECL}<w:styles {NS}>{defaults}{"".join(s)}</w:styles>'


# ---------------------------------------------------------------- the other parts


def para(style_id: str, text: str) -> str:
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')


def tag(text: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag (removed when rendered)."""
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def byline(first_line: str) -> str:
    """The byline paragraph: a first line, then the co-leads and versions lines (runs)."""
    return ('<w:p><w:pPr><w:pStyle w:val="Byline"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{first_line}</w:t></w:r>'
            '<w:r><w:t xml:space="preserve">{{r co_leads_line }}</w:t></w:r>'
            '<w:r><w:t xml:space="preserve">{{r versions_line }}</w:t></w:r></w:p>')


def front_statement() -> list[str]:
    """Statements, letters, submissions: kicker, title, subtitle, byline (issuers – date)."""
    return [
        tag("{{p addressee }}"),
        tag("{%p if kicker %}"), para("Kicker", "{{ kicker }}"), tag("{%p endif %}"),
        para("Title", "{{ title }}"),
        tag("{%p if subtitle %}"), para("Subtitle", "{{ subtitle }}"), tag("{%p endif %}"),
        byline("{{ byline }}"),
    ]


def front_post() -> list[str]:
    """Blog posts: "Blog 13 January 2022" above the title, the issuers under it."""
    dateline = ('<w:p><w:pPr><w:pStyle w:val="Kicker"/></w:pPr>'
                '<w:r><w:t xml:space="preserve">{{ kicker }}{% if kicker %} {% endif %}</w:t></w:r>'
                '<w:r><w:rPr><w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="595959"/></w:rPr>'
                '<w:t xml:space="preserve">{{ date }}</w:t></w:r></w:p>')
    return [
        tag("{%p if kicker or date %}"), dateline, tag("{%p endif %}"),
        para("Title", "{{ title }}"),
        tag("{%p if subtitle %}"), para("Subtitle", "{{ subtitle }}"), tag("{%p endif %}"),
        byline("{{ issuers }}"),
    ]


def document_xml(front: list[str]) -> str:
    body = "".join(front + [tag("{{p body }}")])
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:headerReference w:type="first" r:id="rId6"/>'
        '<w:footerReference w:type="default" r:id="rId7"/>'
        '<w:footerReference w:type="first" r:id="rId8"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return f"{DECL}<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"


def page_numbers() -> str:
    """"Page 1 of 2" in the document's language, with PAGE and NUMPAGES fields (paperkit
    builds the runs from the localised label, whose word order varies by language)."""
    return ('<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            '<w:r><w:t xml:space="preserve">{{r page_numbers }}</w:t></w:r></w:p>')


def header_xml(running: bool) -> str:
    inner = para("Header", "{{ title }}") if running else '<w:p><w:pPr><w:pStyle w:val="Normal"/><w:spacing w:after="0"/></w:pPr></w:p>'
    return f"{DECL}<w:hdr {NS}>{inner}</w:hdr>"


def footer_xml() -> str:
    return f"{DECL}<w:ftr {NS}>{page_numbers()}</w:ftr>"


def footnotes_xml() -> str:
    sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
           'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
           'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    return f"{DECL}<w:footnotes {NS}>{sep}</w:footnotes>"


def settings_xml() -> str:
    return (f'{DECL}<w:settings {NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '</w:compat></w:settings>')


# Fonts the documents name, with the character set Word substitutes by where one is missing:
# 80 Japanese (Shift JIS), 86 Simplified Chinese (GB 2312), 88 Traditional Chinese (Big5),
# 81 Korean, B2 Arabic.
FONTS = (
    ("Calibri", "020F0502020204030204", "00", "swiss"),
    ("Times New Roman", "02020603050405020304", "00", "roman"),
    ("Noto Sans CJK JP", None, "80", "swiss"),
    ("Noto Sans CJK SC", None, "86", "swiss"),
    ("Noto Sans CJK TC", None, "88", "swiss"),
    ("Noto Sans CJK HK", None, "88", "swiss"),
    ("Noto Sans CJK KR", None, "81", "swiss"),
    ("Noto Naskh Arabic", None, "B2", "roman"),
)


def font_table_xml() -> str:
    fonts = "".join(
        f'<w:font w:name="{name}">' + (f'<w:panose1 w:val="{panose}"/>' if panose else "")
        + f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for name, panose, charset, family in FONTS)
    return f"{DECL}<w:fonts {NS}>{fonts}</w:fonts>"


CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
PARTS = {
    "word/document.xml": f"{CT}.document.main+xml",
    "word/styles.xml": f"{CT}.styles+xml",
    "word/settings.xml": f"{CT}.settings+xml",
    "word/fontTable.xml": f"{CT}.fontTable+xml",
    "word/footnotes.xml": f"{CT}.footnotes+xml",
    "word/header1.xml": f"{CT}.header+xml",
    "word/header2.xml": f"{CT}.header+xml",
    "word/footer1.xml": f"{CT}.footer+xml",
    "word/footer2.xml": f"{CT}.footer+xml",
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def content_types_xml() -> str:
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in PARTS.items())
    return (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>')


def rels_xml(rels: list[tuple[str, str, str]]) -> str:
    items = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels)
    return f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def package_rels() -> str:
    return rels_xml([
        ("rId1", f"{REL}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
    ])


def document_rels() -> str:
    return rels_xml([
        ("rId1", f"{REL}/styles", "styles.xml"),
        ("rId2", f"{REL}/settings", "settings.xml"),
        ("rId3", f"{REL}/fontTable", "fontTable.xml"),
        ("rId4", f"{REL}/footnotes", "footnotes.xml"),
        ("rId5", f"{REL}/header", "header1.xml"),
        ("rId6", f"{REL}/header", "header2.xml"),
        ("rId7", f"{REL}/footer", "footer1.xml"),
        ("rId8", f"{REL}/footer", "footer2.xml"),
    ])


def core_xml() -> str:
    return (f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>paperkit document template</dc:title><dc:creator>paperkit</dc:creator>"
            '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
            '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml() -> str:
    return (f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>paperkit</Application></Properties>")


def template(front: list[str]) -> dict[str, str]:
    return {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": package_rels(),
        "docProps/core.xml": core_xml(),
        "docProps/app.xml": app_xml(),
        "word/document.xml": document_xml(front),
        "word/_rels/document.xml.rels": document_rels(),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footnotes.xml": footnotes_xml(),
        "word/header1.xml": header_xml(running=True),
        "word/header2.xml": header_xml(running=False),
        "word/footer1.xml": footer_xml(),
        "word/footer2.xml": footer_xml(),
    }


def write_zip(path: Path, entries: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in entries.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))


# ---------------------------------------------------------------- letters

LETTER_MARGINS = ('<w:pgMar w:top="851" w:right="1134" w:bottom="1134" w:left="1418" w:header="397" '
                  'w:footer="567" w:gutter="0"/>')
"""15 mm top (the letterhead and the address window are placed from there), 25 mm left, 20 mm right."""


def letter_styles() -> list[str]:
    """The styles of a letter's own blocks (paperkit/writers/docx/letter.py)."""
    return [
        style("paragraph", "Letterhead", "Letterhead", p=ppr(after=0, line=240),
              r=rpr(font=HEADING_FONT, size=15, bold=True, color=NAVY)),
        style("paragraph", "LetterheadDetails", "Letterhead Details", p=ppr(after=0, line=240, jc="right"),
              r=rpr(font=HEADING_FONT, size=8, color=GREY)),
        style("paragraph", "ReturnAddress", "Return Address",
              p=ppr(border=bottom_rule("BFBFBF", 4, 1), after=60, line=240),
              r=rpr(font=HEADING_FONT, size=6.5, color=GREY)),
        style("paragraph", "Recipient", "Recipient", p=ppr(keep_lines=True, after=120, line=240),
              r=rpr(font=HEADING_FONT, size=10)),
        style("paragraph", "DateLine", "Date Line", p=ppr(after=40, line=240), r=rpr(font=HEADING_FONT, size=10)),
        style("paragraph", "Subject", "Subject", next_="Salutation", p=ppr(keep_next=True, after=280),
              r=rpr(font=HEADING_FONT, size=11.5, bold=True)),
        style("paragraph", "Salutation", "Salutation", next_="BodyText", p=ppr(keep_next=True, after=200)),
        style("paragraph", "Closing", "Closing", next_="Signer",
              p=ppr(keep_next=True, keep_lines=True, before=280, after=0)),
        style("paragraph", "Signer", "Signer", next_="SignerDetails", p=ppr(keep_next=True, after=0)),
        style("paragraph", "SignerDetails", "Signer Details", p=ppr(keep_lines=True, after=240),
              r=rpr(size=10, color=GREY)),
        style("paragraph", "LetterList", "Letter List", p=ppr(keep_lines=True, before=120, after=120, line=240),
              r=rpr(size=10)),
    ]


def letter_template() -> dict[str, str]:
    """Letters: no title matter (letterhead, address, date line, subject and salutation are
    blocks of the body), the letter's styles and margins, and no page number on page 1."""
    parts = template([])
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        "</w:styles>", "".join(letter_styles()) + "</w:styles>")
    document = parts["word/document.xml"]
    start = document.index("<w:pgMar ")
    parts["word/document.xml"] = document[:start] + LETTER_MARGINS + document[document.index("/>", start) + 2:]
    parts["word/footer2.xml"] = f'{DECL}<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr></w:p></w:ftr>'
    return parts


def main(argv: list[str]) -> int:
    for kind, front in (("base", front_statement()), ("post", front_post())):
        target = ROOT / "templates" / kind / "document.docx"
        write_zip(target, template(front))
        print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
    target = ROOT / "templates" / "letter" / "document.docx"
    write_zip(target, letter_template())
    print(f"wrote {target.relative_to(ROOT)} ({target.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
