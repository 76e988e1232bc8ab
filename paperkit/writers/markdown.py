"""Markdown writer (CommonMark + footnotes, as GitHub and pandoc read them) for web posts.

One paragraph is one line, so user text never lands at the start of a line where
Markdown would read it as syntax, except where we put it there on purpose (and escape
it).  Every character of user text that Markdown could take for markup is escaped;
notes become ``[^n]`` footnotes with their definitions at the end.
"""

from __future__ import annotations

import re
from functools import singledispatch

from ..document import nodes as n
from ..document.typography import WORD_JOINER
from . import WriterOptions
from .dispatch import no_rule

# Lists Markdown can number itself; any other style ("(1)", "a.", "(i)" …) is written
# with its label as text, one paragraph per item.
_NATIVE_NUMBERING = ("1.", "1)")
_SEPARATOR = "<!-- -->"  # keeps two adjacent lists from merging into one


def write(document: n.Document, options: WriterOptions) -> bytes:
    """The document as Markdown (UTF-8), ending with a single newline."""
    parts = _front(document) + _cover(document) + _blocks(document.blocks, document.labels) + _notes(document.notes)
    text = "\n\n".join(p for p in parts if p)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return (text.strip("\n") + "\n").encode("utf-8")


# ---------------------------------------------------------------- escaping

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+=]|\d{1,9}(?=[.)]))")


def escape(text: str) -> str:
    """User text with every inline Markdown character made literal."""
    text = text.replace("\n", " ")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub(r"\\&", text)


def escape_line_start(line: str) -> str:
    """Escape what would make a line a heading, quote, list item or setext underline."""
    match = _LINE_START.match(line)
    if not match:
        return line
    lead, token = match.group(1), match.group(2)
    rest = line[match.end():]
    if token.isdigit():  # "1986. was …" would start an ordered list
        return f"{lead}{token}\\{rest}"
    return f"{lead}\\{token}{rest}"


def _destination(url: str) -> str:
    """A link destination that no character of the URL can end early."""
    url = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    return re.sub(r"([()\\])", r"\\\1", url)


# ---------------------------------------------------------------- inlines


def inlines(nodes: tuple[n.Inline, ...] | None) -> str:
    """Inline nodes as Markdown (one line)."""
    parts = [_inline(node) for node in nodes or ()]
    for i in range(len(parts) - 1):  # "!" then "[label](url)" would be an image: keep the "!" text
        if parts[i].endswith("!") and not parts[i].endswith("\\!") and parts[i + 1].startswith("["):
            parts[i] = parts[i][:-1] + "\\!"
    return "".join(parts)


@singledispatch
def _inline(node: object) -> str:
    no_rule(node, "Markdown")


@_inline.register
def _(node: n.Text) -> str:
    return escape(node.text.replace(WORD_JOINER, ""))  # a line-breaking hint for paper, none here


@_inline.register
def _(node: n.Emph) -> str:
    return _wrap("*", inlines(node.children))


@_inline.register
def _(node: n.Strong) -> str:
    return _wrap("**", inlines(node.children))


@_inline.register
def _(node: n.Link) -> str:
    return _link(node)


@_inline.register
def _(node: n.NoteRef) -> str:
    return f"[^{node.number}]"


def _wrap(delimiter: str, inner: str) -> str:
    """Emphasis delimiters must touch the text: move outer spaces outside them."""
    stripped = inner.strip(" ")
    if not stripped:
        return inner
    before = inner[: len(inner) - len(inner.lstrip(" "))]
    after = inner[len(inner.rstrip(" ")):]
    return f"{before}{delimiter}{stripped}{delimiter}{after}"


def _link(node: n.Link) -> str:
    label = "".join(_plain_text(c) for c in node.children)
    if label == node.url and re.fullmatch(r"https?://[^\s<>]+", node.url):
        return f"<{node.url}>"
    if node.url.startswith("mailto:") and label == node.url[len("mailto:"):] and "<" not in label:
        return f"<{label}>"
    return f"[{inlines(node.children)}]({_destination(node.url)})"


def _plain_text(node: n.Inline) -> str:
    if isinstance(node, n.Text):
        return node.text
    if isinstance(node, (n.Emph, n.Strong, n.Link)):
        return "".join(_plain_text(c) for c in node.children)
    return "\0"  # a note call is never part of a bare URL


def _line(nodes: tuple[n.Inline, ...] | None) -> str:
    """A paragraph's worth of inlines, safe at the start of a line."""
    return escape_line_start(inlines(nodes))


def _plain_line(text: str) -> str:
    """A plain string (already localised, not markup) as a safe line."""
    return escape_line_start(escape(text))


def _hard_lines(lines: list[str]) -> str:
    """Lines of one paragraph, joined with hard line breaks (a backslash at the end)."""
    return "\\\n".join(line for line in lines if line)


# ---------------------------------------------------------------- front matter


def _notices(document: n.Document) -> list[str]:
    """The draft mark, the embargo line and the UN lines, above everything else."""
    out = [f"**{escape(x)}**" for x in (document.draft, document.front.embargo) if x]
    un = document.front.un
    if un is not None:
        out += [_hard_lines([_plain_line(x) for x in part]) for part in (un.right, un.left) if part]
    return out


def _logos(logos: tuple[n.Logo, ...]) -> str:
    """Logos as images on one line (their names as alt text), linked to the organisation's site."""
    images = []
    for logo in logos:
        image = f"![{escape(logo.name)}]({_destination(logo.source)})"
        images.append(f"[{image}]({_destination(logo.url)})" if logo.url else image)
    return " ".join(images)


def _cover(document: n.Document) -> list[str]:
    """What the cover adds after the title matter: its logos, its own title, the tagline, the image."""
    cover = document.cover
    if cover is None:
        return []
    out = [_logos(cover.logos)] if cover.logos else []
    if cover.title != document.front.title:
        out.append(f"**{inlines(cover.title)}**")
    if cover.subtitle and cover.subtitle != document.front.subtitle:
        out.append(_line(cover.subtitle))
    if cover.tagline:
        out.append(_line(cover.tagline))
    if cover.image:
        out.append(_figure(cover.image))
    return out


def _front(document: n.Document) -> list[str]:
    front = document.front
    out: list[str] = _notices(document)
    top = len(out)
    if front.logos:
        out.append(_logos(front.logos))
    if document.meta.kind == "letter":
        return out  # a letter's letterhead, recipients, date and subject are blocks
    if document.meta.kind == "post":
        dateline = " ".join(x for x in (inlines(front.kicker), escape(front.date or "")) if x)
        out.append(escape_line_start(dateline))
    elif front.kicker:
        out.append(_line(front.kicker))
    if front.addressee and document.meta.kind != "post":
        out.insert(top, _line(front.addressee))
    out.append("# " + _heading_text(inlines(front.title)))
    if front.subtitle:
        out.append(_line(front.subtitle))
    out += [_plain_line(line) for line in front.credits]
    if front.versions:
        links = ", ".join(
            f"[{escape(v.label)}]({_destination(v.url)})" if v.url else escape(v.label) for v in front.versions)
        out.append(f"{escape(n.with_colon(document.labels.versions, document.labels.colon))} {links}".strip())
    return out


def _heading_text(text: str) -> str:
    # A closing run of "#" would be read as the end of an ATX heading.
    return re.sub(r"(#+)$", lambda m: "\\" + m.group(1), text)


# ---------------------------------------------------------------- blocks


def _blocks(blocks: tuple[n.Block, ...], labels: n.Labels) -> list[str]:
    out: list[str] = []
    previous: n.Block | None = None
    for block in blocks:
        if isinstance(block, n.ListBlock) and isinstance(previous, n.ListBlock) and not block.lead_in:
            out.append(_SEPARATOR)
        out.append(_block(block, labels))
        previous = block
    return out


@singledispatch
def _block(block: object, labels: n.Labels) -> str:
    no_rule(block, "Markdown")


@_block.register
def _heading(block: n.Heading, labels: n.Labels) -> str:
    return "#" * min(block.level + 1, 6) + " " + _heading_text(inlines(block.content))


@_block.register
def _signoff(block: n.SignOff, labels: n.Labels) -> str:
    return _hard_lines([_plain_line(block.date or "")] + [_plain_line(x) for x in block.lines])


@_block.register
def _paragraph(block: n.Paragraph, labels: n.Labels | None = None) -> str:
    if block.number is not None:
        return f"{block.number}\\. {inlines(block.content)}"
    return _line(block.content)


@_block.register
def _list(block: n.ListBlock, labels: n.Labels | None = None) -> str:
    parts: list[str] = []
    if block.lead_in:
        parts.append(_line(block.lead_in))
    native = not block.ordered or block.numbering in _NATIVE_NUMBERING
    if native:
        items = [_native_item(item, block.ordered) for item in block.items]
        loose = any("\n\n" in item for item in items)
        parts.append(("\n\n" if loose else "\n").join(items))
    else:
        for item in block.items:
            parts.append(escape_line_start(f"{item.label} {inlines(item.content)}"))
            parts += [_inner_block(child) for child in item.blocks]
            parts += [_list(child) for child in item.children]
    return "\n\n".join(parts)


def _native_item(item: n.ListItem, ordered: bool) -> str:
    marker = item.label if ordered else "-"
    body = [escape_line_start(inlines(item.content))]
    body += [_inner_block(child) for child in item.blocks]
    for child in item.children:
        body.append(_list(child))
    # Paragraphs of one item are separated by a blank line (a loose item); a list with a
    # lead-in, or one written as labelled paragraphs, needs one before it too, or its
    # first line would run on into the item's text.
    loose = bool(item.blocks) or any(child.lead_in or (child.ordered and child.numbering not in _NATIVE_NUMBERING)
                                     for child in item.children)
    joiner = "\n\n" if loose else "\n"
    return _indent_after_first(marker + " ", joiner.join(body))


def _inner_block(block: n.Block) -> str:
    """A paragraph, list or quote inside a list item, a note or an update note."""
    if isinstance(block, n.Paragraph):
        return _line(block.content)
    if isinstance(block, n.ListBlock):
        return _list(block)
    if isinstance(block, n.Quote):
        return _quote(block)
    raise TypeError(f"no Markdown for {type(block).__name__} inside a list item or note")


def _indent_after_first(marker: str, text: str) -> str:
    pad = " " * len(marker)
    lines = text.split("\n")
    return "\n".join([marker + lines[0]] + [pad + line if line else "" for line in lines[1:]])


@_block.register
def _quote(block: n.Quote, labels: n.Labels | None = None) -> str:
    paras = [_line(p.content) for p in block.blocks]
    if block.source:
        paras.append("— " + inlines(block.source))
    return "\n>\n".join("> " + p for p in paras)


_RULE = {"left": ":---", "center": ":---:", "right": "---:"}


@_block.register
def _table(block: n.Table, labels: n.Labels | None = None) -> str:
    """A pipe table (GitHub, pandoc); a table without a header gets an empty one, as the syntax needs."""
    def cell(inl: tuple[n.Inline, ...]) -> str:
        return inlines(inl).replace("|", "\\|") or " "

    header = block.header or tuple(() for _ in block.align)
    lines = ["| " + " | ".join(cell(c) for c in header) + " |",
             "| " + " | ".join(_RULE[a] for a in block.align) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in block.rows]
    table = "\n".join(lines)
    return f"{_line(block.caption)}\n\n{table}" if block.caption else table


@_block.register
def _figure(block: n.Figure, labels: n.Labels | None = None) -> str:
    image = f"![{escape(block.alt)}]({_destination(block.source)})"
    return f"{image}\n\n{_line(block.caption)}" if block.caption else image


@_block.register
def _update(block: n.UpdateNote, labels: n.Labels) -> str:
    head = block.lead_dated
    paras = [_inner_block(p) for p in block.blocks]
    if block.blocks and isinstance(block.blocks[0], n.Paragraph):
        first = inlines(block.blocks[0].content)
        return "\n\n".join([f"**{escape(head)}** {first}" if head else _line(block.blocks[0].content)] + paras[1:])
    return "\n\n".join(([f"**{escape(head)}**"] if head else []) + paras)


@_block.register
def _contact(block: n.Contact, labels: n.Labels) -> str:
    parts = []
    for person in block.people:
        lines = [_plain_line(x) for x in (person.name, person.role, person.organisation) if x]
        if person.email:
            lines.append(f"<{person.email}>" if "<" not in person.email and ">" not in person.email
                         else escape(person.email))
        if person.phone:
            lines.append(_plain_line(person.phone))
        parts.append(_hard_lines(lines))
    head = f"**{escape(block.lead)}**\\\n" if block.lead else ""
    return head + "\n\n".join(parts)


@_block.register
def _signatories(block: n.Signatories, labels: n.Labels) -> str:
    heading = inlines(block.heading) if block.heading else escape(labels.signatories)
    parts = ["## " + _heading_text(heading)] if heading else []
    for group in block.groups:
        if group.heading:
            parts.append("### " + _heading_text(inlines(group.heading)))
        if group.note:
            parts.append(_line(group.note))
        if group.logos:
            parts.append(_logos(group.logos))
        entries = []
        for entry in group.entries:
            text = escape(entry.name) + (f" ({escape(entry.detail)})" if entry.detail else "")
            entries.append("- " + escape_line_start(text))
        parts.append("\n".join(entries))
    if block.full_list:
        parts.append(_line(block.full_list))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- letters: address-like lines joined by hard line breaks


@_block.register
def _letterhead(block: n.Letterhead, labels: n.Labels) -> str:
    lines = [f"**{escape(block.name)}**", *(_plain_line(x) for x in (*block.address, block.phone) if x)]
    lines += [_autolink(url) for url in (f"mailto:{block.email}" if block.email else None, block.url) if url]
    return _hard_lines(lines)


@_block.register
def _recipients(block: n.RecipientBlock, labels: n.Labels) -> str:
    return "\n\n".join(_hard_lines([_plain_line(line) for line in r.lines]) for r in block.recipients)


@_block.register
def _dateline(block: n.DateLine, labels: n.Labels) -> str:
    reference = f"{block.reference_label}{labels.colon} {block.reference}" if block.reference else ""
    return _hard_lines([_plain_line(reference), _plain_line(block.text)])


@_block.register
def _subject(block: n.SubjectLine, labels: n.Labels) -> str:
    return f"**{inlines(block.content)}**"


@_block.register(n.Salutation)
@_block.register(n.Closing)
def _formula(block: n.Salutation | n.Closing, labels: n.Labels) -> str:
    return _plain_line(block.text)


@_block.register
def _signers(block: n.Signers, labels: n.Labels) -> str:
    return "\n\n".join(_hard_lines(
        [f"**{escape(s.name)}**", *(_plain_line(x) for x in (s.title, s.organisation) if x)]
        + ([_autolink(f"mailto:{s.email}")] if s.email else [])) for s in block.signers)


@_block.register
def _copies(block: n.CopyList, labels: n.Labels) -> str:
    return _hard_lines([f"**{escape(block.label)}{labels.colon}**", *(_plain_line(e) for e in block.entries)])


@_block.register
def _enclosures(block: n.Enclosures, labels: n.Labels) -> str:
    return _hard_lines([f"**{escape(block.label)}{labels.colon}**", *(escape_line_start(inlines(e)) for e in block.entries)])


def _autolink(url: str) -> str:
    """``<url>`` (an e-mail address for mailto:), or the escaped text when it cannot be one."""
    shown = url[len("mailto:"):] if url.startswith("mailto:") else url
    return f"<{shown}>" if re.fullmatch(r"[^\s<>]+", shown) else escape(shown)


# ---------------------------------------------------------------- notes


def _notes(notes: tuple[n.Note, ...]) -> list[str]:
    """Footnote definitions; a note's later paragraphs are indented four spaces."""
    out = []
    for note in notes:
        paras: list[str] = []
        for block in note.blocks:
            paras.append(_inner_block(block))
        paras = paras or [""]
        first, rest = paras[0], paras[1:]
        text = f"[^{note.number}]: {first}"
        for para in rest:
            text += "\n\n" + "\n".join("    " + line if line else "" for line in para.split("\n"))
        out.append(text)
    return out
