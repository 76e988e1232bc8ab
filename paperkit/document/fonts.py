"""The fonts of a document: one choice per theme and language, made here for every writer.

The PDF (through CSS) and the DOCX (through its styles) set the same families: the
theme's body and heading fonts for Latin, Cyrillic and Greek text (else Noto Serif for
the text and Noto Sans for titles and headings), and for a language written in another
script, the Noto family that draws it: the Noto CJK face of the language's region (Chinese
and Japanese share characters but not their shapes: 直 次 骨 令), serif beside the serif
body and sans beside the sans headings; Naskh for Arabic text, Noto Sans Arabic for its
headings.  Word takes such letters from a run's East Asian (``w:eastAsia``) or complex
script (``w:cs``) font, CSS from the next family in the list: both get the same faces.
"""

from __future__ import annotations

from .nodes import Fonts

BODY = "Noto Serif"
HEADING = "Noto Sans"

EAST_ASIAN = "east-asian"
COMPLEX = "complex"
LATIN = "latin"

SCRIPT_FAMILIES: dict[str, tuple[str, str, str]] = {
    # language tag (lower case, as far as it matters) → (script, text family, heading family)
    "ja": (EAST_ASIAN, "Noto Serif CJK JP", "Noto Sans CJK JP"),
    "zh": (EAST_ASIAN, "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "zh-hans": (EAST_ASIAN, "Noto Serif CJK SC", "Noto Sans CJK SC"),
    "zh-hant": (EAST_ASIAN, "Noto Serif CJK TC", "Noto Sans CJK TC"),
    "zh-tw": (EAST_ASIAN, "Noto Serif CJK TC", "Noto Sans CJK TC"),
    "zh-mo": (EAST_ASIAN, "Noto Serif CJK TC", "Noto Sans CJK TC"),
    "zh-hk": (EAST_ASIAN, "Noto Serif CJK HK", "Noto Sans CJK HK"),
    "zh-hant-hk": (EAST_ASIAN, "Noto Serif CJK HK", "Noto Sans CJK HK"),
    "ko": (EAST_ASIAN, "Noto Serif CJK KR", "Noto Sans CJK KR"),
    "ar": (COMPLEX, "Noto Naskh Arabic", "Noto Sans Arabic"),
    "fa": (COMPLEX, "Noto Naskh Arabic", "Noto Sans Arabic"),
    "ur": (COMPLEX, "Noto Nastaliq Urdu", "Noto Sans Arabic"),
    "he": (COMPLEX, "Noto Serif Hebrew", "Noto Sans Hebrew"),
}


def script_families(lang: str) -> tuple[str, str | None, str | None]:
    """(script, text family, heading family) of a language (``zh-Hant-TW`` → zh-hant-tw,
    zh-hant, zh); Latin script and no families for a language written like English."""
    parts = lang.lower().split("-")
    for size in range(len(parts), 0, -1):
        found = SCRIPT_FAMILIES.get("-".join(parts[:size]))
        if found:
            return found
    return LATIN, None, None


LINE_HEIGHTS = {LATIN: (1.5, 1.45), EAST_ASIAN: (1.75, 1.7), COMPLEX: (1.7, 1.7)}
"""(text, lead) line heights by script: CJK and Arabic lines are a little more open (their
glyphs fill more of the em, and Arabic has tall ascenders and deep descenders)."""


ARABIC_SCRIPT = ("ar", "fa", "ur")
"""Languages written in the Arabic script: their letters are set larger (``arabic_size``)."""


def choose_fonts(lang: str, body: str | None = None, heading: str | None = None) -> Fonts:
    """The fonts of a document in ``lang`` whose theme names ``body`` and ``heading`` (or not).

    In the Arabic script, the letters are set at the size that makes them look as large as the
    Latin ones (:mod:`.script_size`), and lines as high as the Arabic face asks for at that size
    (Word and LibreOffice never set them closer), so that both writers break lines and pages alike."""
    script, script_body, script_heading = script_families(lang)
    line_height, lead = LINE_HEIGHTS[script]
    body, heading = body or BODY, heading or HEADING
    arabic = 1.0
    if script_body and lang.lower().split("-")[0] in ARABIC_SCRIPT:
        from .script_size import arabic_size, line_height_for

        arabic = arabic_size(body, script_body)
        if arabic != 1.0:
            line_height = line_height_for(script_body, arabic, line_height)
            lead = line_height_for(script_body, arabic, lead)
    return Fonts(body=body, heading=heading, script=script,
                 script_body=script_body, script_heading=script_heading,
                 line_height=line_height, lead_line_height=lead, arabic_size=arabic)
