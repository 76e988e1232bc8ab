"""Plain-text writer for e-mail: 72 columns, labels kept, notes gathered at the end.

Lines are filled to 72 display columns (East Asian wide characters count two) and
broken only between words, or between characters of Chinese and Japanese text; a URL
or a word longer than a line stands alone on its line, never cut.  Links read
``text <url>``, note calls ``[1]``; the notes follow under ``document.labels.notes``.
"""

from __future__ import annotations

from functools import singledispatch

from ..document import nodes as n
from ..document.typography import WORD_JOINER
from ..document.width import display_width, is_wide
from . import WriterOptions
from .dispatch import no_rule

WIDTH = 72

# Chinese/Japanese punctuation that must not start a line, or must not end one.
_NO_LINE_START = set("、。，．・：；？！）〕］｝〉》」』】〙〗ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻‐゠–〜")
_NO_LINE_END = set("（〔［｛〈《「『【〘〖")
_DASHES = "-‐‑‒–—―"


def write(document: n.Document, options: WriterOptions) -> bytes:
    """The document as wrapped plain text (UTF-8), ending with a single newline."""
    parts = _front(document) + _cover(document) + [_block(b, document.labels) for b in document.blocks]
    if document.notes:
        parts.append(_notes(document.notes, document.labels))
    text = "\n\n".join(p for p in parts if p)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return (text.strip("\n") + "\n").encode("utf-8")


# ---------------------------------------------------------------- wrapping




def _units(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of ``text``, each with whether a space stands before it."""
    units: list[tuple[str, bool]] = []
    for i, word in enumerate(w for w in text.split(" ") if w):
        if units and word.strip(_DASHES) == "":
            # A dash standing alone stays with the word before it: at the start of
            # a line it would read as a list bullet.
            prev, prev_space = units.pop()
            units.append((f"{prev} {word}", prev_space))
            continue
        piece = word[0]
        space = i > 0
        for prev, char in zip(word, word[1:]):
            breakable = (is_wide(prev) or is_wide(char)) and char not in _NO_LINE_START \
                and prev not in _NO_LINE_END
            if breakable:
                units.append((piece, space))
                piece, space = char, False
            else:
                piece += char
        units.append((piece, space))
    return units


def wrap(text: str, first: str = "", rest: str | None = None, limit: int = WIDTH) -> list[str]:
    """Fill ``text`` into lines of at most ``limit`` columns after the given prefixes.

    ``first`` starts the first line, ``rest`` (default: as many spaces) the others,
    so that list items and notes hang under their label.
    """
    rest = " " * display_width(first) if rest is None else rest
    text = " ".join(text.replace("\n", " ").split(" "))
    lines: list[str] = []
    line, used, empty = first, display_width(first), True
    for unit, space in _units(text):
        gap = " " if space and not empty else ""
        if not empty and used + display_width(gap + unit) > limit:
            lines.append(line)
            line, used, empty, gap = rest, display_width(rest), True, ""
        line += gap + unit
        used += display_width(gap + unit)
        empty = False
    lines.append(line)
    return lines


def _fill(text: str, first: str = "", rest: str | None = None) -> str:
    return "\n".join(wrap(text, first, rest))


def _underline(text: str, char: str) -> str:
    lines = wrap(text)
    return "\n".join(lines + [char * max(display_width(line) for line in lines)])


# ---------------------------------------------------------------- inlines


def inlines(nodes: tuple[n.Inline, ...] | None) -> str:
    """Inline nodes as plain text: links as "text <url>", note calls as "[1]"."""
    return "".join(_inline(node) for node in nodes or ())


@singledispatch
def _inline(node: object) -> str:
    no_rule(node, "text")


@_inline.register
def _(node: n.Text) -> str:
    return node.text.replace(WORD_JOINER, "")  # a line-breaking hint for paper: this writer wraps itself


@_inline.register(n.Emph)
@_inline.register(n.Strong)
def _(node: n.Emph | n.Strong) -> str:
    return inlines(node.children)


@_inline.register
def _(node: n.Link) -> str:
    label = inlines(node.children)
    target = node.url[len("mailto:"):] if node.url.startswith("mailto:") else node.url
    if label.strip() in (node.url, target) or not label.strip():
        return target
    return label if node.address_follows else f"{label} <{target}>"


@_inline.register
def _(node: n.NoteRef) -> str:
    return f"[{node.number}]"


# ---------------------------------------------------------------- front matter


def _notices(document: n.Document) -> list[str]:
    """The draft mark, the embargo line and the UN lines, above everything else."""
    out = [_fill(x) for x in (document.draft, document.front.embargo) if x]
    un = document.front.un
    if un is not None:
        out += ["\n".join(_fill(x) for x in part) for part in (un.right, un.left) if part]
    return out


def _cover(document: n.Document) -> list[str]:
    """What the cover adds after the title matter: its own title, the tagline, the image's description.
    (Logos are pictures of the names the byline already gives.)"""
    cover = document.cover
    if cover is None:
        return []
    out = []
    if cover.title != document.front.title:
        out.append(_fill(inlines(cover.title)))
    if cover.subtitle and cover.subtitle != document.front.subtitle:
        out.append(_fill(inlines(cover.subtitle)))
    if cover.tagline:
        out.append(_fill(inlines(cover.tagline)))
    if cover.image:
        out.append(_figure(cover.image))
    return out


def _front(document: n.Document) -> list[str]:
    front = document.front
    out: list[str] = _notices(document)
    if document.meta.kind == "letter":
        return out  # a letter's letterhead, recipients, date and subject are blocks
    if front.addressee and document.meta.kind != "post":
        out.append(_fill(inlines(front.addressee)))
    if document.meta.kind == "post":
        dateline = " ".join(x for x in (inlines(front.kicker), front.date or "") if x)
        if dateline:
            out.append(_fill(dateline))
    elif front.kicker:
        out.append(_fill(inlines(front.kicker)))
    out.append(_underline(inlines(front.title), "="))
    if front.subtitle:
        out.append(_fill(inlines(front.subtitle)))
    out += [_fill(line) for line in front.credits]
    if front.versions:
        links = ", ".join(f"{v.label} <{v.url}>" if v.url else v.label for v in front.versions)
        out.append(_fill(f"{n.with_colon(document.labels.versions, document.labels.colon)} {links}".strip()))
    return out


# ---------------------------------------------------------------- blocks


@singledispatch
def _block(block: object, labels: n.Labels) -> str:
    no_rule(block, "text")


@_block.register
def _(block: n.Heading, labels: n.Labels) -> str:
    return _underline(inlines(block.content), "-" if block.level == 1 else "~")


@_block.register
def _(block: n.Paragraph, labels: n.Labels) -> str:
    if block.number is not None:
        return _fill(inlines(block.content), f"{block.number}. ")
    return _fill(inlines(block.content))


@_block.register
def _(block: n.ListBlock, labels: n.Labels) -> str:
    return _list(block, "")


@_block.register
def _(block: n.Quote, labels: n.Labels) -> str:
    return _quote(block, "    ")


@_block.register
def _(block: n.SignOff, labels: n.Labels) -> str:
    return "\n".join(_fill(line) for line in (block.date, *block.lines) if line)


def _list(block: n.ListBlock, indent: str) -> str:
    parts: list[str] = []
    if block.lead_in:
        parts.append(_fill(inlines(block.lead_in), indent))
    items = []
    for item in block.items:
        first = f"{indent}{item.label} "
        hang = " " * display_width(first)
        body = [_fill(inlines(item.content), first)]
        if item.blocks:  # paragraphs of one item: a blank line between them, hanging under the label
            body = ["\n\n".join(body + [_inner_block(child, hang) for child in item.blocks])]
        body += [_list(child, hang) for child in item.children]
        items.append("\n".join(body))
    loose = any("\n" in item for item in items)
    parts.append(("\n\n" if loose else "\n").join(items))
    return "\n\n".join(parts)


def _inner_block(block: n.Block, indent: str) -> str:
    """A paragraph, list or quote inside a list item, a note or an update note, at ``indent``."""
    if isinstance(block, n.Paragraph):
        return _fill(inlines(block.content), indent, indent)
    if isinstance(block, n.ListBlock):
        return _list(block, indent)
    if isinstance(block, n.Quote):
        return _quote(block, indent + "    ")
    raise TypeError(f"no text for {type(block).__name__} inside a list item or note")


def _quote(block: n.Quote, indent: str) -> str:
    paras = [_fill(inlines(p.content), indent) for p in block.blocks]
    if block.source:
        paras.append(_fill("— " + inlines(block.source), indent))
    return "\n\n".join(paras)


@_block.register
def _table(block: n.Table, labels: n.Labels | None = None) -> str:
    """Columns padded to their widest cell, the header underlined; a table too wide for 72
    columns becomes one paragraph per row, each cell after its column's header."""
    rows = [[inlines(c) for c in row] for row in block.rows]
    header = [inlines(c) for c in block.header] if block.header else None
    out = [_fill(inlines(block.caption))] if block.caption else []
    every = ([header] if header else []) + rows
    widths = [max(display_width(row[i]) for row in every) for i in range(block.columns)]
    if sum(widths) + 2 * (block.columns - 1) <= WIDTH:
        def line(cells: list[str]) -> str:
            padded = [_pad(text, widths[i], block.align[i]) for i, text in enumerate(cells)]
            return "  ".join(padded).rstrip()
        lines = ([line(header), "  ".join("-" * w for w in widths)] if header else []) + [line(r) for r in rows]
        out.append("\n".join(lines))
        return "\n\n".join(out)
    for row in rows:
        cells = [f"{header[i]}: {text}" if header and header[i] else text for i, text in enumerate(row)]
        out.append("\n".join(_fill(cell, "" if i == 0 else "  ") for i, cell in enumerate(cells)))
    return "\n\n".join(out)


def _pad(text: str, width: int, align: str) -> str:
    room = width - display_width(text)
    if align == "right":
        return " " * room + text
    if align == "center":
        return " " * (room // 2) + text + " " * (room - room // 2)
    return text + " " * room


@_block.register
def _figure(block: n.Figure, labels: n.Labels | None = None) -> str:
    lines = [_fill(f"[{block.alt}]")]
    if block.caption:
        lines.append(_fill(inlines(block.caption)))
    return "\n".join(lines)


@_block.register
def _update(block: n.UpdateNote, labels: n.Labels) -> str:
    head = block.lead_dated
    rest = list(block.blocks)
    first = inlines(rest.pop(0).content) if rest and isinstance(rest[0], n.Paragraph) else ""
    out = [_fill(f"{head} {first}".strip())]
    out += [_inner_block(b, "") for b in rest]
    return "\n\n".join(out)


@_block.register
def _contact(block: n.Contact, labels: n.Labels) -> str:
    people = []
    for person in block.people:
        fields = (person.name, person.role, person.organisation, person.email, person.phone)
        people.append("\n".join(_fill(x) for x in fields if x))
    return (f"{block.lead}\n" if block.lead else "") + "\n\n".join(people)


@_block.register
def _signatories(block: n.Signatories, labels: n.Labels) -> str:
    heading = inlines(block.heading) if block.heading else labels.signatories
    parts = [_underline(heading, "-")] if heading else []
    for group in block.groups:
        if group.heading:
            parts.append(_fill(inlines(group.heading)))
        if group.note:
            parts.append(_fill(inlines(group.note)))
        names = [entry.name + (f", {entry.detail}" if entry.detail else "") for entry in group.entries]
        parts.append("\n".join(_fill(name, "", "  ") for name in names))
    if block.full_list:
        parts.append(_fill(inlines(block.full_list)))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- letters: line by line as on paper (the subject underlined)


@_block.register
def _(block: n.Letterhead, labels: n.Labels) -> str:
    return "\n".join(_fill(x) for x in (block.name, *block.address, block.phone, block.email, block.url) if x)


@_block.register
def _(block: n.RecipientBlock, labels: n.Labels) -> str:
    return "\n\n".join("\n".join(_fill(line, "", "  ") for line in r.lines) for r in block.recipients)


@_block.register
def _(block: n.DateLine, labels: n.Labels) -> str:
    reference = f"{block.reference_label}{labels.colon} {block.reference}" if block.reference else None
    return "\n".join(_fill(x) for x in (reference, block.text) if x)


@_block.register
def _(block: n.SubjectLine, labels: n.Labels) -> str:
    return _underline(inlines(block.content), "-")


@_block.register(n.Salutation)
@_block.register(n.Closing)
def _(block: n.Salutation | n.Closing, labels: n.Labels) -> str:
    return _fill(block.text)


@_block.register
def _(block: n.Signers, labels: n.Labels) -> str:
    return "\n\n".join("\n".join(_fill(x) for x in (s.name, s.title, s.organisation, s.email) if x)
                        for s in block.signers)


@_block.register
def _(block: n.CopyList, labels: n.Labels) -> str:
    return f"{block.label}{labels.colon}\n" + "\n".join(_fill(e, "  ") for e in block.entries)


@_block.register
def _(block: n.Enclosures, labels: n.Labels) -> str:
    return f"{block.label}{labels.colon}\n" + "\n".join(_fill(inlines(e), "  ") for e in block.entries)


# ---------------------------------------------------------------- notes


def _notes(notes: tuple[n.Note, ...], labels: n.Labels) -> str:
    """The Notes section: "[1] text", later paragraphs hanging under the first."""
    out = [_underline(labels.notes, "-")] if labels.notes else []
    for note in notes:
        label = f"[{note.number}] "
        hang = " " * display_width(label)
        paras: list[str] = []
        for i, block in enumerate(note.blocks):
            if isinstance(block, n.Paragraph):
                paras.append(_fill(inlines(block.content), label if i == 0 else hang, hang))
            else:
                if i == 0:
                    paras.append(label.rstrip())
                paras.append(_inner_block(block, hang))
        if not paras:
            paras = [label.rstrip()]
        out.append("\n\n".join(paras))
    return "\n\n".join(out)
