"""Arabic letters at their own size in HTML (and so in the PDF): each run of them in a span.

The size is the document tree's (``doc.fonts.arabic_size``, see document/script_size.py) and
the runs are cut as the DOCX writer cuts its right-to-left runs (``document.scripts.segments``),
so the spans here and Word's complex-script size (``w:szCs``) cover the same characters.  The
page is cut after the templates have run, so that every text they print is covered (labels,
names, dates), not only the tree's inlines; only text inside <body> is touched, never a tag,
an attribute, a comment or the text of <style>, <script> or <svg>.
"""

from __future__ import annotations

import html
import re

from markupsafe import escape

from ..document.scripts import has_arabic, segments

SPAN_CLASS = "script-arabic"
_TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_RAW = ("style", "script", "svg", "math", "textarea", "title")


def arabic_spans(page: str) -> str:
    """``page`` with every run of Arabic letters in its body in ``<span class="script-arabic">``."""
    start = page.find("<body")
    if start < 0 or not has_arabic(page[start:]):
        return page
    out = [page[:start]]
    raw: str | None = None  # the element whose text is left as it is
    for token in _TOKENS.split(page[start:]):
        if token.startswith("<"):
            name = re.match(r"<(/?)([A-Za-z][A-Za-z0-9]*)", token)
            if name and raw is None and not name[1] and name[2].lower() in _RAW and not token.endswith("/>"):
                raw = name[2].lower()
            elif name and raw is not None and name[1] and name[2].lower() == raw:
                raw = None
            out.append(token)
        elif raw is None and has_arabic(token):
            out.append(_sized(html.unescape(token)))
        else:
            out.append(token)
    return "".join(out)


def _sized(text: str) -> str:
    return "".join(f'<span class="{SPAN_CLASS}">{escape(piece)}</span>' if rtl and has_arabic(piece)
                   else str(escape(piece)) for rtl, piece in segments(text))
