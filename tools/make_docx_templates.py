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

# The look of templates/base/style.css, in Word's units (twips = 1/20 pt, sizes in half-points):
# the text 10.5 pt with lines of 1.5, headings in the accent colour … Every number below says
# which rule of style.css it follows; paperkit sets the fonts themselves from the document
# tree (doc.fonts) on the styles that are sans in style.css (paperkit/writers/docx/fonts.py).
BODY_FONT = "Noto Serif"
HEADING_FONT = "Noto Sans"
NAVY = "1C3D5A"   # --accent
ACCENT = "1C3D5A"  # --accent-2 (the accent itself unless a theme gives one)
GREY = "5A5F66"   # --muted
INK = "1A1A1A"    # --ink
RULE = "B9C2CC"   # --rule
BASE = 10.5       # html { font-size: 10.5pt }
LINE = 1.5        # html { line-height: 1.5 }
P_AFTER = 147     # p { margin-bottom: 0.7em } = 7.35 pt: Word adds it to the next paragraph's space before


def em(value: float, size: float = BASE) -> int:
    """``value`` em of a ``size`` pt font, in twips."""
    return round(value * size * 20)


def line(factor: float, size: float) -> int:
    """A line height of ``factor`` × ``size`` pt, in twips (Word's "at least")."""
    return round(factor * size * 20)

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
        out.append(f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>')
    if underline:
        out.append(f'<w:u w:val="{underline}"/>')
    if vert:
        out.append(f'<w:vertAlign w:val="{vert}"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def ppr(*, keep_next=False, keep_lines=False, border=None, shading=None, tabs=None,
        before=None, after=None, line=None, left=None, right=None, hanging=None,
        contextual=False, jc=None, outline=None, line_exact=None) -> str:
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
        spacing.append(f'w:line="{line}" w:lineRule="atLeast"')
    if line_exact is not None:
        spacing.append(f'w:line="{line_exact}" w:lineRule="exact"')
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
    """.list li: numbers hang in 2.2em, bullets in 1.3em, each nested list one step further in;
    0.45em after each item."""
    out = []
    for base_id, base_name, step in (("ListNumber", "List Number", em(2.2)), ("ListBullet", "List Bullet", em(1.3))):
        for depth in (1, 2, 3):
            suffix = "" if depth == 1 else str(depth)
            out.append(style("paragraph", base_id + suffix, f"{base_name} {suffix}".strip(),
                             builtin=True, priority=99,
                             p=ppr(after=em(0.45), left=step * depth, hanging=step)))
    return out


def styles_xml() -> str:
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{BODY_FONT}" w:eastAsia="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:cs="{BODY_FONT}"/>'
        f'<w:color w:val="{INK}"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
        '<w:lang w:val="en" w:eastAsia="en" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault>"
        f'<w:pPrDefault><w:pPr><w:spacing w:after="{P_AFTER}" w:line="{line(LINE, BASE)}" w:lineRule="atLeast"/>'
        "</w:pPr></w:pPrDefault>"
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
        # title matter: .paged .front { border-top: 3pt solid var(--accent-2); padding-top: 6mm }
        style("paragraph", "TitleRule", "Title Rule", next_="Kicker",
              p=ppr(keep_next=True, border=f'<w:top w:val="single" w:sz="24" w:space="0" w:color="{ACCENT}"/>',
                    after=340, line_exact=20)),
        # .addressee { font-size: 0.9rem; margin: 0 0 1.8em }
        style("paragraph", "Addressee", "Addressee", next_="BodyText",
              p=ppr(after=em(1.8, 9.45)), r=rpr(font=HEADING_FONT, size=9.45)),
        # .kicker { font-size: 0.95rem; font-weight: 600; color: var(--accent-2); margin: 0 0 0.8em }
        style("paragraph", "Kicker", "Kicker", next_="Title",
              p=ppr(keep_next=True, after=em(0.8, 9.975), line=line(LINE, 9.975)),
              r=rpr(font=HEADING_FONT, size=9.975, bold=True, color=ACCENT)),
        # h1.title { font-size: 1.9rem; font-weight: 700; line-height: 1.2; margin: 0 0 0.35em }
        style("paragraph", "Title", "Title", next_="Subtitle", builtin=True, priority=10,
              p=ppr(keep_next=True, after=em(0.35, 19.95), line=line(1.2, 19.95)),
              r=rpr(font=HEADING_FONT, size=19.95, bold=True, color=NAVY)),
        # .subtitle { font-size: 1.15rem; color: var(--muted); line-height: 1.35; margin: 0 0 0.8em }
        style("paragraph", "Subtitle", "Subtitle", next_="Byline", builtin=True, priority=11,
              p=ppr(keep_next=True, after=em(0.8, 12.075), line=line(1.35, 12.075)),
              r=rpr(font=HEADING_FONT, size=12.075, color=GREY)),
        # .byline { font-size: 0.85rem; color: var(--muted); margin: 0.4em 0 0 }, and the rule under
        # the title matter: .front { padding-bottom: 1em; border-bottom: 0.75pt solid var(--rule);
        # margin-bottom: 1.6em }
        style("paragraph", "Byline", "Byline", next_="BodyText",
              p=ppr(border=bottom_rule(RULE, 6, 10), before=em(0.4, 8.925), after=em(1.6), line=line(LINE, 8.925)),
              r=rpr(font=HEADING_FONT, size=8.925, color=GREY)),
        # h2, h3, h4 { line-height: 1.3; color: var(--accent); font-weight: 600 } at 1.2rem, 1.05rem,
        # 1rem; space before 1.6em, 1.3em, 1.1em less the 0.7em a paragraph leaves after it
        # (CSS collapses the two margins, Word adds them)
        style("paragraph", "Heading1", "heading 1", next_="BodyText", builtin=True, priority=9,
              p=ppr(keep_next=True, keep_lines=True, before=em(1.6, 12.6) - P_AFTER, after=em(0.5, 12.6),
                    line=line(1.3, 12.6), outline=0),
              r=rpr(font=HEADING_FONT, size=12.6, bold=True, color=NAVY)),
        style("paragraph", "Heading2", "heading 2", next_="BodyText", builtin=True, priority=9,
              p=ppr(keep_next=True, keep_lines=True, before=em(1.3, 11.025) - P_AFTER, after=em(0.4, 11.025),
                    line=line(1.3, 11.025), outline=1),
              r=rpr(font=HEADING_FONT, size=11.025, bold=True, color=NAVY)),
        style("paragraph", "Heading3", "heading 3", next_="BodyText", builtin=True, priority=9,
              p=ppr(keep_next=True, keep_lines=True, before=em(1.1) - P_AFTER, after=em(0.3),
                    line=line(1.3, BASE), outline=2),
              r=rpr(font=HEADING_FONT, size=BASE, bold=True, color=NAVY)),
        # body
        style("paragraph", "BodyText", "Body Text", builtin=True, priority=99, p=ppr(after=P_AFTER)),
        # p.lead { font-size: 1.1rem; line-height: 1.45 }
        style("paragraph", "Lead", "Lead", based_on="BodyText", next_="BodyText",
              p=ppr(after=em(0.7, 11.55), line=line(1.45, 11.55)), r=rpr(size=11.55)),
        # p.numbered { padding-left: 2.4em; text-indent: -2.4em }
        style("paragraph", "NumberedParagraph", "Numbered Paragraph", based_on="BodyText",
              p=ppr(left=em(2.4), hanging=em(2.4))),
        # .lead-in { break-after: avoid; margin-bottom: 0.5em }
        style("paragraph", "ListLeadin", "List Lead-in", based_on="BodyText",
              p=ppr(keep_next=True, after=em(0.5))),
        *list_styles(),
        # blockquote { margin-left: 1.2em; padding-left: 0.9em; border-left: 2pt solid var(--rule); color: #333 }
        style("paragraph", "Quote", "Quote", next_="BodyText", builtin=True, priority=29,
              p=ppr(border=f'<w:left w:val="single" w:sz="16" w:space="9" w:color="{RULE}"/>',
                    after=P_AFTER, left=em(2.1)),
              r=rpr(color="333333")),
        # blockquote .source { font-size: 0.85rem; color: var(--muted) }
        style("paragraph", "QuoteSource", "Quote Source", based_on="Quote", next_="BodyText",
              p=ppr(after=em(0.9)), r=rpr(size=8.925, color=GREY)),
        # .update-note { background: var(--accent-light); border-left: 3pt solid var(--accent);
        # font-size: 0.9rem; line-height: 1.45; margin: 0 0 1.4em }
        style("paragraph", "UpdateNote", "Update Note", next_="BodyText",
              p=ppr(border=f'<w:left w:val="single" w:sz="24" w:space="9" w:color="{NAVY}"/>', shading="E9EEF3",
                    after=0, line=line(1.45, 9.45), left=em(1.0, 9.45), contextual=True),
              r=rpr(size=9.45)),
        # closing matter: .signoff { margin: 1.8em 0 1.4em } .signoff-body { sans, 600, var(--accent) }
        style("paragraph", "Signoff", "Sign-off", next_="Signoff",
              p=ppr(keep_next=True, keep_lines=True, before=em(1.8) - P_AFTER, after=0, contextual=True),
              r=rpr(font=HEADING_FONT, bold=True, color=NAVY)),
        # .signoff-date { color: var(--muted) }
        style("paragraph", "SignoffDate", "Sign-off Date", next_="Signoff",
              p=ppr(keep_next=True, keep_lines=True, before=em(1.8) - P_AFTER, after=0, contextual=True),
              r=rpr(color=GREY)),
        # .contact { border-top: 0.5pt solid var(--rule); font: 0.85rem sans; line-height: 1.45 }
        # .block-label { font-size: 0.9rem; font-weight: 600; color: var(--accent); margin: 0 0 0.3em }
        style("paragraph", "ContactHeading", "Contact Heading", next_="Contact",
              p=ppr(keep_next=True, border=f'<w:top w:val="single" w:sz="4" w:space="6" w:color="{RULE}"/>',
                    before=em(1.4, 8.925), after=em(0.3, 9.45), line=line(1.45, 9.45)),
              r=rpr(font=HEADING_FONT, size=9.45, bold=True, color=NAVY)),
        style("paragraph", "Contact", "Contact", p=ppr(keep_lines=True, after=em(0.5, 8.925), line=line(1.45, 8.925)),
              r=rpr(font=HEADING_FONT, size=8.925)),
        # .signatories h3 { font-size: 0.95rem; margin-bottom: 0.3em }
        style("paragraph", "SignatoryGroup", "Signatory Group", next_="Signatory",
              p=ppr(keep_next=True, before=em(1.3, 9.975) - P_AFTER, after=em(0.3, 9.975), line=line(1.3, 9.975)),
              r=rpr(font=HEADING_FONT, size=9.975, bold=True, color=NAVY)),
        # .group-note { font-size: 0.85rem; font-style: italic; color: var(--muted); margin-bottom: 0.6em }
        style("paragraph", "SignatoryNote", "Signatory Note", next_="Signatory",
              p=ppr(after=em(0.6, 8.925)), r=rpr(size=8.925, italic=True, color=GREY)),
        # .signatory-list { line-height: 1.35 } li { margin: 0 0 0.3em; padding-left: 1em; text-indent: -1em }
        style("paragraph", "Signatory", "Signatory",
              p=ppr(keep_lines=True, after=em(0.3), line=line(1.35, BASE), left=em(1), hanging=em(1))),
        # notes, links, page furniture: .footnote { font-size: 0.8rem; line-height: 1.4; margin-bottom: 1.5mm }
        style("paragraph", "FootnoteText", "footnote text", builtin=True, priority=99,
              link="FootnoteTextChar", p=ppr(after=85, line=line(1.4, 8.4), left=269, hanging=269), r=rpr(size=8.4)),
        style("character", "FootnoteTextChar", "Footnote Text Char", based_on="DefaultParagraphFont",
              link="FootnoteText", r=rpr(size=8.4)),
        # .footnote::footnote-call { sans; font-weight: 600; vertical-align: super; color: var(--accent) }
        style("character", "FootnoteReference", "footnote reference", based_on="DefaultParagraphFont",
              builtin=True, priority=99, r=rpr(font=HEADING_FONT, bold=True, color=NAVY, vert="superscript")),
        # a { color: var(--accent); text-decoration: none }
        style("character", "Hyperlink", "Hyperlink", based_on="DefaultParagraphFont", builtin=True,
              priority=99, r=rpr(color=NAVY)),
        # @top-left { font: 7.5pt/1.3 var(--sans); color: var(--muted) }
        style("paragraph", "Header", "header", builtin=True, priority=99,
              p=ppr(after=0, line=line(1.3, 7.5)), r=rpr(font=HEADING_FONT, size=7.5, color=GREY)),
        # @bottom-center { font: 8pt/1 var(--sans); color: var(--muted) }
        style("paragraph", "Footer", "footer", builtin=True, priority=99,
              p=ppr(after=0, line=line(1.0, 8), jc="center"), r=rpr(font=HEADING_FONT, size=8, color=GREY)),
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


RULE_PARAGRAPH = '<w:p><w:pPr><w:pStyle w:val="TitleRule"/></w:pPr></w:p>'
"""The rule over the title matter (an empty paragraph with a top border)."""


def front_statement() -> list[str]:
    """Statements, letters, submissions: kicker, title, subtitle, byline (issuers – date)."""
    return [
        RULE_PARAGRAPH,
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
                '<w:r><w:rPr><w:b w:val="0"/><w:bCs w:val="0"/><w:color w:val="' + GREY + '"/></w:rPr>'
                '<w:t xml:space="preserve">{{ date }}</w:t></w:r></w:p>')
    return [
        RULE_PARAGRAPH,
        tag("{%p if kicker or date %}"), dateline, tag("{%p endif %}"),
        para("Title", "{{ title }}"),
        tag("{%p if subtitle %}"), para("Subtitle", "{{ subtitle }}"), tag("{%p endif %}"),
        byline("{{ issuers }}"),
    ]


PAGE_MARGINS = ('<w:pgMar w:top="1361" w:right="1417" w:bottom="1247" w:left="1417" w:header="879" '
                'w:footer="748" w:gutter="0"/>')
"""@page { margin: 24mm 25mm 22mm 25mm }; the running title 15.5 mm from the top edge (it ends 5 mm over
the text), the page numbers 13.2 mm from the bottom edge (6 mm under the text)."""


def document_xml(front: list[str]) -> str:
    body = "".join(front + [tag("{{p body }}")])
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId5"/>'
        '<w:headerReference w:type="first" r:id="rId6"/>'
        '<w:footerReference w:type="default" r:id="rId7"/>'
        '<w:footerReference w:type="first" r:id="rId8"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        + PAGE_MARGINS +
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
    # 19 pt separator lines: the room style.css leaves between the text and the notes (@footnote:
    # 5 mm + 2.5 mm and the rule; LibreOffice ignores this paragraph and leaves about 8 pt)
    sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="380" '
           'w:lineRule="exact"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
           'w:line="380" w:lineRule="exact"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
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
    """The styles of a letter's own blocks (paperkit/writers/docx/letter.py), after style.css's
    letter rules (comments name them)."""
    return [
        # .sender-name { font-size: 15pt; font-weight: 700; color: var(--accent); line-height: 1.2 }
        style("paragraph", "Letterhead", "Letterhead", p=ppr(after=0, line=line(1.2, 15)),
              r=rpr(font=HEADING_FONT, size=15, bold=True, color=NAVY)),
        # .sender-details { font-size: 7.5pt; line-height: 1.45; color: var(--muted); text-align: right }
        style("paragraph", "LetterheadDetails", "Letterhead Details", p=ppr(after=0, line=line(1.45, 7.5), jc="right"),
              r=rpr(font=HEADING_FONT, size=7.5, color=GREY)),
        # .return-address { font-size: 6.5pt; color: var(--muted); border-bottom: 0.4pt solid var(--rule) }
        style("paragraph", "ReturnAddress", "Return Address",
              p=ppr(border=bottom_rule(RULE, 4, 1), after=60, line=240),
              r=rpr(font=HEADING_FONT, size=6.5, color=GREY)),
        # .recipients { font-size: 10pt; line-height: 1.35 } address { margin: 0 0 3mm }
        style("paragraph", "Recipient", "Recipient", p=ppr(keep_lines=True, after=170, line=line(1.35, 10)),
              r=rpr(font=HEADING_FONT, size=10)),
        # .dateline-block { font-size: 9.5pt } .dateline-block p { margin: 0 0 1mm }
        style("paragraph", "DateLine", "Date Line", p=ppr(after=57, line=line(LINE, 9.5)),
              r=rpr(font=HEADING_FONT, size=9.5)),
        # p.subject { font-weight: 700; font-size: 11pt; line-height: 1.35; margin: 0 0 1.4em }
        style("paragraph", "Subject", "Subject", next_="Salutation",
              p=ppr(keep_next=True, after=em(1.4, 11), line=line(1.35, 11)),
              r=rpr(font=HEADING_FONT, size=11, bold=True)),
        # p.salutation { margin: 0 0 0.9em }
        style("paragraph", "Salutation", "Salutation", next_="BodyText", p=ppr(keep_next=True, after=em(0.9))),
        # p.closing { margin: 1.4em 0 0 } (less the space the paragraph before leaves)
        style("paragraph", "Closing", "Closing", next_="Signer",
              p=ppr(keep_next=True, keep_lines=True, before=em(1.4) - P_AFTER, after=0)),
        style("paragraph", "Signer", "Signer", next_="SignerDetails", p=ppr(keep_next=True, after=0)),
        # .signer-title, .signer-organisation, .signer-email { font-size: 0.92rem; color: var(--muted) }
        style("paragraph", "SignerDetails", "Signer Details", p=ppr(keep_lines=True, after=em(1.6)),
              r=rpr(size=9.66, color=GREY)),
        # .letter-list { font-size: 0.9rem; margin: 0 0 0.8em }
        style("paragraph", "LetterList", "Letter List", p=ppr(keep_lines=True, after=em(0.8, 9.45), line=line(LINE, 9.45)),
              r=rpr(size=9.45)),
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
