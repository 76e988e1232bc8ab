"""Schema order of WordprocessingML children: elements added where the schema wants them.

Word refuses (or repairs) a part whose elements are out of the order its schema (ECMA-376
Part 1) gives; these helpers insert run properties and style children in place.
"""

from __future__ import annotations

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W

# Schema order of the children of w:rPr (CT_RPr), for inserting at the right place.
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
             "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
             "specVanish", "oMath")
# … and of w:style (CT_Style) up to w:rPr.
STYLE_BEFORE_RPR = ("name", "aliases", "basedOn", "next", "link", "autoRedefine", "uiPriority",
                    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
                    "personalReply", "rsid", "pPr")


def set_rpr(rpr, name: str, attrs: dict[str, str]):
    """``rpr``'s ``w:name`` (created in schema order) with ``attrs`` set on it."""
    element = rpr.find(_W + name)
    if element is None:
        element = etree.Element(_W + name)
        later = RPR_ORDER[RPR_ORDER.index(name) + 1:]
        for child in rpr:
            if isinstance(child.tag, str) and child.tag.startswith(_W) and child.tag[len(_W):] in later:
                child.addprevious(element)
                break
        else:
            rpr.append(element)
    for key, value in attrs.items():
        element.set(_W + key, value)
    return element


def child_in_order(parent, name: str, before: tuple[str, ...]):
    """``parent``'s ``w:name``, created after the children that must precede it."""
    element = parent.find(_W + name)
    if element is None:
        element = etree.Element(_W + name)
        last = None
        for child in parent:
            if isinstance(child.tag, str) and child.tag[len(_W):] in before:
                last = child
        if last is None:
            parent.insert(0, element)
        else:
            last.addnext(element)
    return element
