"""Word list numbering: one ``w:abstractNum`` and one ``w:num`` per list, so each restarts.

docxtpl cannot restart numbering (its issue #425); here every ``ListBlock`` gets its own
definition whose level starts at ``ListBlock.start`` and, as Word itself writes for
"Restart at 1", a ``w:lvlOverride/w:startOverride`` on its ``w:num``.  The number format
comes from ``ListBlock.numbering``: "1." → ``%1.`` decimal, "(a)" → ``(%1)`` lowerLetter,
"i." → ``%1.`` lowerRoman …  Indents come from the template's list styles, so restyling
"List Number" in Word moves the numbers too.  Definitions a template already has are kept.
"""

from __future__ import annotations

import re

from lxml import etree

from .runs import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_TOKEN = re.compile(r"[1aAiI]")
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
DEFAULT_INDENT = (720, 360)


def level_format(numbering: str, ordered: bool, ilvl: int) -> tuple[str, str]:
    """(``w:numFmt``, ``w:lvlText``) for a ``ListBlock.numbering`` string at level ``ilvl``."""
    if not ordered:
        return "bullet", numbering or "•"
    match = _TOKEN.search(numbering)
    if not match:
        return "decimal", f"%{ilvl + 1}."
    text = numbering[:match.start()] + f"%{ilvl + 1}" + numbering[match.end():]
    return _FORMATS[match.group()], text


class Numbering:
    """Collects the numbering definitions of one document."""

    def __init__(self, first_abstract: int = 1, first_num: int = 1):
        self.abstracts: list[str] = []
        self.nums: list[str] = []
        self.next_abstract = first_abstract
        self.next_num = first_num

    def add(self, numbering: str, ordered: bool, start: int, ilvl: int,
            indent: tuple[int, int] = DEFAULT_INDENT, marker: str = "") -> int:
        """A new list; returns its ``numId`` for the items' ``w:numPr``.  ``marker`` is the
        ``w:rPr`` of its numbers or bullets (colour, font), if any."""
        abstract_id, num_id = self.next_abstract, self.next_num
        self.next_abstract += 1
        self.next_num += 1
        fmt, text = level_format(numbering, ordered, ilvl)
        left, hanging = indent
        levels = []
        for level in range(ilvl + 1):
            # Levels above the list's own are placeholders Word expects to exist.
            lvl_fmt, lvl_text = (fmt, text) if level == ilvl else level_format(numbering, ordered, level)
            lvl_left = left - (ilvl - level) * 360
            levels.append(
                f'<w:lvl w:ilvl="{level}"><w:start w:val="{start if level == ilvl else 1}"/>'
                f'<w:numFmt w:val="{lvl_fmt}"/><w:lvlText w:val="{escape(lvl_text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{max(lvl_left, hanging)}" w:hanging="{hanging}"/></w:pPr>{marker}</w:lvl>')
        self.abstracts.append(
            f'<w:abstractNum w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="hybridMultilevel"/>'
            f'{"".join(levels)}</w:abstractNum>')
        self.nums.append(
            f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>')
        return num_id

    def __bool__(self) -> bool:
        return bool(self.nums)

    def xml(self, existing: bytes | None = None) -> bytes:
        """numbering.xml: the template's definitions (if any) followed by this document's."""
        if existing is None:
            root = etree.fromstring(f'<w:numbering xmlns:w="{W}"/>'.encode())
        else:
            root = etree.fromstring(existing)
        fragment = etree.fromstring(
            f'<w:numbering xmlns:w="{W}">{"".join(self.abstracts)}{"".join(self.nums)}</w:numbering>'.encode())
        # Schema order: every abstractNum before the first num.
        first_num = root.find(_W + "num")
        for child in list(fragment):
            if child.tag == _W + "abstractNum" and first_num is not None:
                first_num.addprevious(child)
            else:
                root.append(child)
        cleanup = root.find(_W + "numIdMacAtCleanup")
        if cleanup is not None:
            root.append(cleanup)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def existing_ids(numbering_xml: bytes | None) -> tuple[int, int]:
    """The first free abstractNumId and numId after a template's own definitions."""
    if not numbering_xml:
        return 1, 1
    root = etree.fromstring(numbering_xml)
    abstract = [int(e.get(_W + "abstractNumId")) for e in root.iter(_W + "abstractNum")]
    nums = [int(e.get(_W + "numId")) for e in root.iter(_W + "num")]
    return max(abstract, default=0) + 1, max(nums, default=0) + 1
