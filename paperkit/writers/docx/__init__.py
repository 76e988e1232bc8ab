"""DOCX writer: a docxtpl template for the look, WordprocessingML from the tree for the body.

How the two combine
-------------------
1. The template (``templates/<kind>/document.docx``, user folders first) is an ordinary Word
   file.  Its title matter holds docxtpl tags (``{{ title }}``, ``{%p if kicker %}`` …); the
   body is one paragraph holding only ``{{p body }}``.  docxtpl renders the template in a
   Jinja ``SandboxedEnvironment`` with autoescaping: every context value is user text,
   escaped as data, never compiled as a template.
2. The body is not pushed through Jinja as text: ``BodyWriter`` turns the document tree
   into WordprocessingML paragraphs (styles, numbering, hyperlinks, footnote references)
   and the context carries it as ``Markup``, so ``{{p body }}`` is replaced by that XML
   verbatim.  ``{{r versions }}`` (runs inside the byline) and ``{{p addressee }}`` work
   the same way.  Hyperlink relationships are added to the document part *before* docxtpl
   renders — docxtpl keeps the loaded package, so the ids stay valid.
3. After rendering, what docxtpl cannot do is done on the package with lxml: the footnotes
   part (``footnotes.py``: real ``w:footnote``s with the template's separators and their own
   hyperlink relationships), the numbering part (``numbering.py``: one definition per list,
   so every list restarts), the core properties dated from the position (not the render
   time), the document language in ``w:docDefaults``, the paper size.
4. The zip is written with fixed entry times, so the output is byte-reproducible.

This route (rather than a docxtpl ``Subdoc``) keeps one package and one set of
relationships: a Subdoc is a second python-docx document whose footnotes, numbering and
hyperlink relationships would have to be merged back (docxcompose's job).

Template tags and styles are documented in docs/docx-templates.md.
"""

from __future__ import annotations

import io
import re
import traceback
from typing import Any

from jinja2 import TemplateError as JinjaTemplateError
from markupsafe import Markup

from ...document import Document
from ...document.markup import plain
from ...document.nodes import Signatories, with_colon
from .. import WriterOptions
from ..resources import resource_roots
from ..sandbox import template_failure
from ..templating import find_template
from .bidi import mark_document
from .blocks import STYLE_NAMES, BodyWriter
from .embed import embed_fonts
from .fit import apply_fit, list_after
from .fonts import add_sized_style, apply_arabic_size, apply_fonts, apply_line_heights, run_fonts, sans_style_ids, scale_arabic_runs
from .footnotes import Footnotes, repeated_notes
from .logos import insert_at_start
from .logos import picture_run as logo_picture
from .numbering import Numbering
from .package import (CT_FOOTNOTES, CT_NUMBERING, RT, document_date, existing_blob, new_part,
                      package_bytes, set_core_properties, set_language, set_paper)
from .runs import InlineWriter
from .submission import add_front_matter, add_watermark, apply_layout
from .template import CachingSandbox, TemplateError, load_template
from .theme import SIGNATURE_HEIGHT, apply_theme
from .theme import figure_run
from .theme import picture_run as theme_picture

__all__ = ["write", "context", "TemplateError"]

_ENV = CachingSandbox()


def write(document: Document, options: WriterOptions) -> bytes:
    """The document as a .docx file (bytes)."""
    from docxtpl import DocxTemplate  # imported late: ~0.1 s that `paperkit validate` never pays

    info = load_template(find_template(document.meta.kind, "document.docx", options.templates))
    roots = resource_roots(document, options)
    tpl = DocxTemplate(io.BytesIO(info.data))
    tpl.init_docx()
    docx_document = tpl.docx
    doc_part = docx_document.part

    numbering = Numbering(info.first_abstract, info.first_num)
    notes = Footnotes(info.first_note_id, repeated_notes(document.blocks), info.styles)
    rtl = document.meta.direction == "rtl"
    inline = InlineWriter(info.styles, lambda url: doc_part.relate_to(url, RT.HYPERLINK, is_external=True),
                          notes.reference, rtl)
    paper = options.paper or document.meta.paper or "A4"
    body = BodyWriter(info.styles, info.indents, inline, numbering, document.labels, info.text_width(paper),
                      picture=lambda path: theme_picture(doc_part, path, roots, SIGNATURE_HEIGHT, "signature"))
    theme_colours = (document.theme.primary, document.theme.accent or document.theme.primary) if document.theme else ()
    if theme_colours and theme_colours[0]:
        body.colours = tuple(colour.lstrip("#").upper() for colour in theme_colours)  # type: ignore[assignment]
    body.heading_fonts = run_fonts(document.fonts, heading=True)
    body.list_after = list_after(body.list_after, document.fit)
    body.figure_picture = lambda figure: figure_run(doc_part, figure, roots, info.text_width(paper))
    body.logo_picture = lambda path, alt, w, h, height, max_width: logo_picture(
        doc_part, path, alt, w, h, height, max_width, roots)
    if document.meta.kind == "letter":
        from .letter import picture_run as signature_run

        body.letter_picture = lambda path: signature_run(doc_part, path, roots)
    try:
        tpl.render(context(document, body), jinja_env=_ENV)
    except JinjaTemplateError as error:
        raise template_failure(error, str(info.path), None, _where_in_docx(tpl, error)) from None

    insert_at_start(docx_document, body.before_front(document))  # the cover, or the issuers' logos

    footnotes_part = new_part(doc_part, RT.FOOTNOTES, "/word/footnotes.xml", CT_FOOTNOTES)
    note_inline = InlineWriter(info.styles, lambda url: footnotes_part.relate_to(url, RT.HYPERLINK, is_external=True),
                               rtl=rtl)
    footnotes_part.content = notes.part_xml(document.notes, info.separators, note_inline)
    if numbering:
        template_numbering = existing_blob(doc_part, RT.NUMBERING)
        numbering_part = new_part(doc_part, RT.NUMBERING, "/word/numbering.xml", CT_NUMBERING)
        numbering_part.content = numbering.xml(template_numbering)

    if document.front.embargo or document.front.un:
        add_front_matter(docx_document, document.front, info.text_width(paper))
    if rtl:
        mark_document(doc_part, footnotes_part, document.fonts, sans_style_ids(info.styles))

    meta = document.meta
    set_core_properties(docx_document, meta)
    set_language(docx_document, meta)
    apply_fonts(docx_document.styles.element, document.fonts, info.styles)
    apply_line_heights(docx_document.styles.element, document.fonts, info.styles)
    if document.fit is not None and document.fit.tightened:  # a letter set tighter to fit one page, as its PDF
        apply_fit(docx_document.styles.element, document.fit, document.fonts, info.styles)
    set_paper(docx_document, paper)
    if document.theme is not None:
        theme = document.theme
        if document.meta.kind == "letter":  # a letter prints the logo and address in its own letterhead
            from dataclasses import replace

            theme = replace(theme, logo=None, logo_raster=None, address=(), website=None, email=None, phone=None)
        apply_theme(docx_document, theme, info.styles, roots, info.text_width(paper), document.fonts)
    if document.layout is not None:  # a submission profile's layout wins over the theme and the fonts
        apply_layout(docx_document.styles.element, document.layout)
    names = names_size(document)
    if names != 1:  # sizes follow the layout's
        add_sized_style(docx_document.styles.element, info.styles["Signatory"], info.styles["SignatoryColumns"],
                        STYLE_NAMES["SignatoryColumns"], names)
    if document.fonts.arabic_size != 1:
        apply_arabic_size(docx_document.styles.element, document.fonts.arabic_size, info.styles)
        scale_arabic_runs(doc_part.element, document.fonts.arabic_size)
    if document.draft:
        add_watermark(docx_document, document.draft)
    if options.embed_fonts:
        text_parts = [doc_part, footnotes_part, *(rel.target_part for rel in doc_part.rels.values()
                                                  if rel.reltype in (RT.HEADER, RT.FOOTER))]
        embed_fonts(doc_part, document.fonts, text_parts)
    return package_bytes(doc_part.package, document_date(meta))


def names_size(document: Document) -> float:
    """The size of signatory names in columns as a multiple of the text's (the tree's), or 1."""
    return next((group.text_size for block in document.blocks if isinstance(block, Signatories)
                 for group in block.groups if group.text_size != 1), 1.0)


def _where_in_docx(tpl, error: JinjaTemplateError) -> str:
    """Which part and paragraph of a DOCX template a tag failed in, with that paragraph's text.

    docxtpl starts every ``<w:p`` on a line of its own before compiling a part, so the
    template line is the paragraph's number (1 is what comes before the first paragraph).
    """
    part = getattr(getattr(tpl, "current_rendering_part", None), "partname", "")
    line = getattr(error, "lineno", None)
    if line is None:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
        line = frames[-1].lineno if frames else None
    where = str(part).lstrip("/") or "the template"
    if not line:
        return where
    source = (_ENV.last_source() or "").splitlines()
    text = " ".join(re.sub(r"<[^>]+>", "", source[line - 1]).split()) if line <= len(source) else ""
    return f"{where}, paragraph {max(line - 1, 1)}" + (f" ({text[:80]})" if text else "")


def context(document: Document, body: BodyWriter) -> dict[str, Any]:
    """What the template's tags see (docs/docx-templates.md).

    Plain strings are escaped by Jinja.  ``body`` and ``addressee`` are paragraphs (use
    ``{{p …}}``); ``co_leads_line``, ``versions_line`` and ``page_numbers`` are runs (use
    ``{{r …}}``): WordprocessingML built from the tree, inserted as it is.
    """
    front, meta, labels = document.front, document.meta, document.labels
    versions = ", ".join(v.label for v in front.versions)
    return {
        "title": plain(front.title),
        "subtitle": plain(front.subtitle) if front.subtitle else "",
        "kicker": plain(front.kicker) if front.kicker else "",
        "byline": front.byline,
        "date": front.date or "",
        "issuers": front.credits[0] if meta.kind == "post" and front.credits else ", ".join(front.issuers),
        "co_leads": ", ".join(name for name in front.co_leads if name not in front.issuers),
        "versions": f"{with_colon(labels.versions, labels.colon)} {versions}".strip() if versions else "",
        "author": meta.author,
        "kind": meta.kind,
        "lang": meta.lang,
        "id": meta.id,
        "keywords": ", ".join(meta.keywords),
        "labels": {name: getattr(labels, name) for name in labels.__dataclass_fields__},
        "addressee": Markup(body.addressee(front)),
        "co_leads_line": Markup(body.co_leads_line(front, meta.kind)),
        "versions_line": Markup(body.versions_line(front, with_colon(labels.versions, labels.colon))),
        "page_numbers": Markup(body.page_numbers(labels.page)),
        "body": Markup(body.blocks(document.blocks)),
    }
