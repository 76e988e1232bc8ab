"""Build the Document tree of a resolved position in one language."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence, cast, overload

from ..model import ItemList, ListItemModel, Position, Reference
from ..model import content as mc
from . import nodes as n
from .citations import Cited, Citations
from .fit import letter_fit
from .fonts import choose_fonts
from .front_matter import draft_word, embargo_line, layout, numbered_paragraphs, un_header
from .labels import document_labels, words
from .locale import direction, format_partial_date, language_name
from .markup import paragraphs, parse_inline, plain
from .placeholders import substitute
from ..model.translations import localise, pick
from .sanitise import sanitised
from .signatories import Arranged, arranged, columns_of, names_size, placeholder_values, signatory_node
from .typography import Typesetter, is_address

if TYPE_CHECKING:  # pragma: no cover
    from ..model.letter import Recipient
    from ..resolve import Resolved

LINK_DEFAULTS = {"statement": "footnote", "joint-statement": "footnote", "submission": "footnote",
                 "letter": "inline", "post": "inline"}
"""Where a link's address prints on paper when the position does not say (``links:``)."""

_BULLETS = ("•", "◦", "▪")
_BRACES = re.compile(r"[{}]")


def build(position: Resolved | Position, lang: str | None = None, fallback: str | None = None,
          recipient: Recipient | None = None) -> n.Document:
    """The document tree of a resolved position in ``lang`` (default: its first language).

    A ``Position`` is resolved first (``paperkit.resolve``); resolve it once yourself to
    build several languages or recipients.
    ``fallback`` names the language whose text stands in where a text lacks ``lang``
    (``load(…, fallback=…)`` has warned about each).
    ``recipient``: the letter made for that one recipient of a mail merge; without it a
    letter goes to the recipients the position lists.

    Characters no document can hold are taken out here, with a ``TextWarning``.
    """
    if isinstance(position, Position):
        from ..resolve import resolve

        position = resolve(position)
    lang = lang or position.position.languages[0]
    where = f"{position.source or position.position.id} ({lang})"
    document: n.Document = sanitised(_Builder(position, lang, fallback, recipient).document(), where)
    return document


class _Builder:
    citing = 0
    """The number of the note being made."""

    def __init__(self, resolved: Resolved, lang: str, fallback: str | None = None,
                 recipient: Recipient | None = None):
        self.resolved = resolved
        self.pos = resolved.position
        self.lang = lang
        self.fallback = fallback
        self.recipient = recipient
        """The one recipient a letter is made for (mail merge), or None."""
        self.notes: dict[str, n.Note] = {}      # notes cited by key (free notes, link addresses)
        self.note_list: list[n.Note] = []       # every note, in number order
        self.paragraph_number = 0
        self.in_note = 0
        """Above 0 while a note's own content is built (a note cites no note)."""
        self.anchors: set[str] = set()
        self.typeset = Typesetter(lang, self.pos.typography)
        self.citations = Citations(self.pos.citation_style, lang)
        self.links = self.pos.links or LINK_DEFAULTS[self.pos.kind]

    # ------------------------------------------------------------ text
    def localised(self, value: Any) -> str | None:
        """The field's text in this language, or in the fallback language.

        Fallback text written in the other direction (English in an Arabic document) is
        wrapped, paragraph by paragraph, in Unicode first-strong isolates, so that it keeps
        its own direction: "Text." and not ".Text" at the right margin.
        """
        text = localise(value, self.lang, self.fallback)
        if (text and self.fallback and isinstance(value, dict) and pick(value, self.lang) is None
                and direction(self.fallback) != direction(self.lang)):
            text = "\n\n".join(f"\u2068{para}\u2069" for para in paragraphs(text))
        return text

    @overload
    def text(self, value: str | dict[str, str]) -> str: ...
    @overload
    def text(self, value: str | dict[str, str] | None) -> str | None: ...

    def text(self, value: Any) -> str | None:
        """Plain text of a field, placeholders filled in, in the language's quotation marks."""
        text = self.localised(value)
        text = substitute(text, self.placeholders) if text and _BRACES.search(text) else text
        return self.typeset.text(text) if text else text

    def parse(self, text: str) -> n.Inlines:
        """One paragraph of markup as inlines: citations resolved, quotation marks set, and
        each link's address placed for paper (``links:``)."""
        return self.addresses(self.typeset.inlines(parse_inline(text, self.cite)))

    def addresses(self, inlines: n.Inlines) -> n.Inlines:
        """After a link whose text is not its address: a note with the address, or the address in
        brackets (always so inside a note, where no note can be cited), or nothing."""
        if self.links == "none":
            return inlines
        out: list[n.Inline] = []
        for node in inlines:
            if isinstance(node, (n.Emph, n.Strong)):
                out.append(type(node)(self.addresses(node.children)))
                continue
            if not isinstance(node, n.Link) or not node.url.startswith(("http://", "https://")) or is_address(node):
                out.append(node)
                continue
            out.append(replace(node, address_follows=True))
            address = n.Link(node.url, (n.Text(node.url),))
            if self.links == "footnote" and not self.in_note:
                out.append(self.note("link:" + node.url, lambda: [n.Paragraph((address,))], address=True))
            else:
                out += [n.Text(" ("), address, n.Text(")")]
        return tuple(out)

    @overload
    def source(self, value: str | dict[str, str]) -> str: ...
    @overload
    def source(self, value: str | dict[str, str] | None) -> str | None: ...

    def source(self, value: Any) -> str | None:
        """Markup source of a prose field, placeholders filled in (escaped, so they stay text)."""
        text = self.localised(value)
        return substitute(text, self.placeholders, markup=True) if text and _BRACES.search(text) else text

    @cached_property
    def rlm(self) -> str:
        """A right-to-left mark to end a name with in a right-to-left document: it keeps a Latin
        name from drawing the numbers after it ("paperkit – 24 أكتوبر 2024") into its own run."""
        return "\u200f" if direction(self.lang) == "rtl" else ""

    @cached_property
    def labels(self) -> n.Labels:
        """The layout words of this document: the catalog's, with the position's ``labels:`` over
        them, and the colon after a label as the language spaces it."""
        return replace(document_labels(self.lang, self.pos.labels), colon=self.typeset.label("", ":"))

    @cached_property
    def placeholders(self) -> dict[str, str]:
        from .letter import placeholder_values as recipient_values

        return placeholder_values(self.arranged, self.lang) | recipient_values(self)

    @cached_property
    def arranged(self) -> Arranged | None:
        return arranged(self.resolved)

    @overload
    def inlines(self, value: str | dict[str, str]) -> n.Inlines: ...
    @overload
    def inlines(self, value: str | dict[str, str] | None) -> n.Inlines | None: ...

    def inlines(self, value: Any) -> n.Inlines | None:
        text = self.source(value)
        return self.parse(text) if text is not None else None

    def paras(self, value: Any, role: str | None = None, numbered: bool = False) -> list[n.Paragraph]:
        text = self.source(value)
        if text is None:
            return []
        out = []
        for para in paragraphs(text):
            number = None
            if numbered and self.numbered:
                self.paragraph_number += 1
                number = self.paragraph_number
            out.append(n.Paragraph(self.typeset.last_line(self.parse(para)), number, role))
        return out

    @cached_property
    def numbered(self) -> bool:
        """Body paragraphs carry numbers (the position's choice, else its profile's)."""
        return numbered_paragraphs(self.pos)

    # ------------------------------------------------------------ notes
    def cite(self, key: str) -> n.Inline:
        """A citation of a free note (one note, however often cited) or of a reference: a new
        note at each citation (in full, short or ibid., as the citation style says) or, in the
        UN style, the number of the note that cited it before.  Notes cite no notes."""
        if self.in_note:
            return n.Text("")
        if key in self.pos.references:
            reuse = key if self.citations.repeats_indicator else None
            return self.note(reuse, lambda: self.reference_blocks([key]))
        return self.note(key, lambda: self.note_blocks(key))

    def note(self, key: str | None, blocks: Callable[[], Sequence[n.Block]], address: bool = False) -> n.NoteRef:
        """The note cited by ``key`` (made by ``blocks()`` at its first citation); a new note
        each time when ``key`` is None."""
        if key is not None and key in self.notes:
            note = self.notes[key]
            return n.NoteRef(note.number, False, note)
        number = len(self.note_list) + 1
        self.note_list.append(n.Note(number, "", ()))  # holds the number while blocks are made
        self.citations.start_note()
        self.citing = number
        self.in_note += 1
        try:
            content = cast("tuple[n.Paragraph | n.Quote | n.ListBlock, ...]", tuple(blocks()))  # prose makes only these
        finally:
            self.in_note -= 1
        note = n.Note(number, "" if key is None or address else key, content, address)
        self.note_list[number - 1] = note
        if key is not None:
            self.notes[key] = note
        return n.NoteRef(number, True, note)

    def note_blocks(self, key: str) -> list[n.Block]:
        note = self.pos.notes[key]
        blocks: list[n.Block] = []
        if note.text is not None:
            blocks += self.prose(note.text)
        blocks += self.reference_blocks(note.references)
        if note.url:
            blocks.append(n.Paragraph((n.Link(note.url, (n.Text(note.url),)),)))
        return blocks

    def reference_blocks(self, keys: list[str]) -> list[n.Paragraph | n.Quote]:
        """Each reference cited in the style (full, short or ibid.), then its quoted text: in
        quotation marks, or as an indented quotation when it runs to several paragraphs."""
        blocks: list[n.Paragraph | n.Quote] = []
        for key in keys:
            ref = self.pos.references[key]
            citation = self.citations.cite(self.cited(ref), self.citing)
            line: list[n.Inline] = [n.Text(self.typeset.text(citation.text))]
            body = paragraphs(self.source(ref.text)) if ref.text else []
            if len(body) == 1:
                marks = Typesetter(self.lang, self.pos.typography, self.citations.quotes())
                quoted = marks.inlines(parse_inline(f'"{body[0].strip()}"', self.cite))
                line += [n.Text("\u3000" if self.cjk else " "), *quoted]
            blocks.append(n.Paragraph(tuple(line)))
            if len(body) > 1:
                blocks.append(n.Quote(tuple(n.Paragraph(self.parse(p)) for p in body)))
        return blocks

    def cited(self, ref: Reference) -> Cited:
        """A reference's parts in this language, as a citation style needs them."""
        return Cited(instrument=self.localised(ref.instrument) or "", pinpoint=self.localised(ref.pinpoint),
                     short=self.localised(ref.short), author=self.localised(ref.author), symbol=ref.symbol,
                     date=self.localised(ref.date), published=self.localised(ref.published), url=ref.url)

    @cached_property
    def cjk(self) -> bool:
        return self.lang.split("-")[0].lower() in ("ja", "zh")

    def bibliography(self) -> list[n.Block]:
        """Every source cited, in full without pinpoints, in alphabetical order (``bibliography: true``)."""
        entries = sorted(self.citations.cited.values(), key=lambda ref: (ref.author or ref.instrument).casefold())
        if not entries:
            return []
        heading = words(self.lang)["sources"]
        return [n.Heading(1, (n.Text(heading),), self.anchor(heading)),
                *(n.Paragraph((n.Text(self.typeset.text(self.citations.bibliography_entry(ref))),), role="source")
                  for ref in entries)]

    # ------------------------------------------------------------ blocks
    def content(self, blocks: list[Any], role: str | None = None, numbered: bool = True,
                level: int = 0) -> list[n.Block]:
        """Body blocks; ``numbered`` paragraphs count on when the position numbers them;
        ``level`` is the nesting depth of lists (inside a list item: one deeper)."""
        out: list[n.Block] = []
        for block in blocks:
            if isinstance(block, (str, dict)):
                out += self.paras(block, role, numbered=numbered)
            elif isinstance(block, mc.ParagraphBlock):
                out += self.paras(block.paragraph, role, numbered=numbered and block.numbered)
            elif isinstance(block, mc.Concerns):
                out.append(self.item_list(block.concerns, "concerns", level))
            elif isinstance(block, mc.Demands):
                out.append(self.item_list(block.demands, "demands", level))
            elif isinstance(block, mc.PlainList):
                out.append(self.item_list(block.list, None, level))
            elif isinstance(block, mc.QuoteBlock):
                out.append(n.Quote(tuple(self.paras(block.quote)), self.inlines(block.source)))
            elif isinstance(block, mc.TableBlock):
                out.append(self.table(block.table))
            elif isinstance(block, mc.FigureBlock):
                out.append(self.figure(block.figure))
            else:
                raise TypeError(f"no rule to build a {type(block).__name__} block")
        return out

    def table(self, spec: mc.Table) -> n.Table:
        def cell(value: Any) -> tuple[n.Inline, ...]:
            return self.inlines(value) or ()

        header = tuple(cell(c) for c in spec.header) if spec.header else None
        width = len(spec.header) if spec.header else len(spec.rows[0])
        return n.Table(header, tuple(tuple(cell(c) for c in row) for row in spec.rows),
                       tuple(spec.align or ("left",) * width), self.inlines(spec.caption))

    def figure(self, spec: mc.Figure) -> n.Figure:
        path, width, height = self.image(spec.image, "the figure")
        return n.Figure(str(path), self.text(spec.alt) or "", spec.image, width, height, self.inlines(spec.caption))

    def prose(self, value: Any, level: int = 0) -> list[n.Block]:
        """Text (paragraphs at blank lines) or a list of blocks, never numbered: the content
        of a list item, a note or an update note."""
        if isinstance(value, list):
            return self.content(value, numbered=False, level=level)
        return list(self.paras(value))

    def item_list(self, spec: ItemList, role: str | None, level: int = 0) -> n.ListBlock:
        style = spec.style or ("bulleted" if role == "concerns" else "numbered" if role == "demands" else "bulleted")
        ordered = style == "numbered"
        numbering, start = spec.numbering, spec.start
        if numbering == "paragraphs":  # the items go on with the paragraphs' count (UPR recommendations)
            ordered, numbering, start = True, "1.", self.paragraph_number + 1
            self.paragraph_number += len(spec.items)
        items = []
        for i, item in enumerate(spec.items):
            label = number_label(numbering, start + i) if ordered else _BULLETS[level % len(_BULLETS)]
            text = item.text if isinstance(item, ListItemModel) else item
            blocks = self.prose(text, level + 1)
            first: n.Inlines = ()
            if blocks and isinstance(blocks[0], n.Paragraph):  # the first paragraph stands beside the label
                first = blocks[0].content
                blocks = blocks[1:]
            children: tuple[n.ListBlock, ...] = ()
            if isinstance(item, ListItemModel) and item.items is not None:
                children = (self.item_list(item.items, None, level + 1),)
            items.append(n.ListItem(label, first, children, tuple(blocks)))
        return n.ListBlock(tuple(items), ordered, numbering if ordered else _BULLETS[level % 3],
                           start, self.inlines(spec.lead_in), role, level, spec.numbering == "paragraphs")

    def update_notes(self) -> list[n.Block]:
        out: list[n.Block] = []
        for update in self.pos.updates:
            when = format_partial_date(update.date, self.lang) if update.date else None
            label = self.labels.update
            if "{date}" in label:  # "Updated on {date}": the date goes into the label
                label, when = " ".join(label.replace("{date}", when or "").split()), None
            out.append(n.UpdateNote(label, when, tuple(self.prose(update.text)), self.labels.colon))
        return out

    def section(self, section: mc.Section, level: int, numbered: bool = True) -> list[n.Block]:
        out: list[n.Block] = []
        heading = self.inlines(section.heading)
        numbered = numbered and section.numbered
        if heading:
            out.append(n.Heading(level, heading, self.anchor(plain(heading))))
        out += self.content(section.content, numbered=numbered)
        for sub in section.sections:
            out += self.section(sub, level + 1, numbered)
        return out

    def anchor(self, text: str) -> str:
        base = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", text).lower()).strip("-") or "section"
        anchor, i = base, 2
        while anchor in self.anchors:
            anchor, i = f"{base}-{i}", i + 1
        self.anchors.add(anchor)
        return anchor

    # ------------------------------------------------------------ document
    def document(self) -> n.Document:
        pos, lang = self.pos, self.lang
        date = format_partial_date(pos.date, lang) if pos.date else None
        letter = None
        if pos.kind == "letter":
            from .letter import parts

            letter = parts(self)  # letterhead … salutation before the body, closing … enclosures after it
        blocks: list[n.Block] = list(letter.front) if letter else []
        if pos.updates_at == "top":
            blocks += self.update_notes()
        blocks += self.paras(pos.lead, "lead")
        if pos.updates_at == "after_lead":
            blocks += self.update_notes()
        blocks += self.content(pos.body)
        for section in pos.sections:
            blocks += self.section(section, 1)
        if pos.concerns:
            blocks.append(self.item_list(pos.concerns, "concerns"))
        if pos.demands:
            blocks.append(self.item_list(pos.demands, "demands"))
        blocks += self.content(pos.closing, "closing")
        if pos.updates_at == "end":
            blocks += self.update_notes()
        if letter:
            blocks += letter.back
        bodies = [f"{self.text(o.name)} {self.text(o.body)}" for o in pos.issued_by
                  if o.body and not (letter and letter.signed)]
        if bodies:
            blocks.append(n.SignOff(date, tuple(bodies), self.signatures(bodies)))
        blocks += self.paras(pos.sign_off, "sign-off")
        if pos.signatories:
            blocks.append(self.signatories())
        if pos.contacts:
            blocks.append(n.Contact(self.labels.contact, tuple(
                n.ContactPerson(c.name, self.text(c.role), c.organisation, c.email, c.phone) for c in pos.contacts),
                self.labels.colon))
        for section in pos.annexes:
            blocks += self.section(section, 1)
        if pos.bibliography:
            blocks += self.bibliography()
        theme = self.theme
        fonts = choose_fonts(lang, theme.body_font if theme else None, theme.heading_font if theme else None)
        return n.Document(self.meta(), self.front(date), tuple(blocks),
                          tuple(self.note_list), self.labels, theme, self.cover(date),
                          draft=draft_word(pos, lang), layout=layout(pos), fonts=fonts,
                          fit=letter_fit(pos.letter.fit if pos.letter else None, fonts) if pos.kind == "letter" else None)

    @cached_property
    def theme(self) -> n.Theme | None:
        """The position's theme in this language (image paths absolute, checked by ``resolve``)."""
        loaded = self.resolved.theme
        if loaded is None:
            return None
        spec = loaded.model
        text = self.theme_text
        path: Callable[[Path | None], str | None] = lambda file: str(file) if file is not None else None  # noqa: E731
        letterhead = spec.letterhead
        return n.Theme(
            name=text(spec.name), logo=path(loaded.logo), logo_raster=path(loaded.logo_raster),
            primary=spec.colours.primary, accent=spec.colours.accent,
            body_font=spec.fonts.body, heading_font=spec.fonts.heading,
            address=tuple(text(line) for line in letterhead.address),
            website=letterhead.website, email=letterhead.email, phone=letterhead.phone,
            footer=text(spec.footer),
            signatures=tuple(n.SignatureImage(name, str(file)) for name, file in loaded.signatures.items()),
            folder=str(loaded.folder),
        )

    @overload
    def theme_text(self, value: str | dict[str, str]) -> str: ...
    @overload
    def theme_text(self, value: str | dict[str, str] | None) -> str | None: ...

    def theme_text(self, value: str | dict[str, str] | None) -> str | None:
        """A theme's text in this language; a theme serves many positions, so a language it
        lacks falls back to the first it gives."""
        if value is None or isinstance(value, str):
            return value
        base = self.lang.split("-")[0]
        return value.get(self.lang) or value.get(base) or next(iter(value.values()))

    def signatures(self, lines: list[str]) -> tuple[str | None, ...]:
        """The theme's signature for each sign-off line (by the line, or by the organisation's name)."""
        if self.theme is None or not self.theme.signatures:
            return ()
        names = [self.text(o.name) for o in self.pos.issued_by if o.body]
        theme = self.theme
        found = tuple(theme.signature(line) or theme.signature(name) for line, name in zip(lines, names))
        return found if any(found) else ()

    def signatories(self) -> n.Signatories:
        spec = self.pos.signatories
        assert spec is not None  # only called when the position has signatories
        withheld = self.text(spec.withheld_label) or self.labels.withheld
        result = self.arranged
        assert result is not None  # the position has signatories
        groups = []
        for group in result.groups:
            if not group.entries:
                continue
            entries = tuple(signatory_node(e.signatory, withheld) for e in group.entries)
            logos = tuple(self.logo(e.logo, e.name, e.url) for e in entries
                          if e.logo and not e.withheld) if spec.logos else ()
            columns = columns_of(group.spec, entries)
            groups.append(n.SignatoryGroup(self.inlines(group.spec.heading), self.inlines(group.spec.note),
                                           entries, columns, logos, group.spec.details == "under",
                                           names_size(columns)))
        full = self.inlines(spec.full_list_text)
        if full is None and spec.full_list_url and self.labels.full_list:
            before, _, after = self.labels.full_list.partition("{url}")
            link = n.Link(spec.full_list_url, (n.Text(spec.full_list_url),))
            full = tuple(x for x in (n.Text(before) if before else None, link, n.Text(after) if after else None) if x)
        heading = self.inlines(spec.heading)
        return n.Signatories(heading, tuple(groups), full, result.counts)

    @property
    def folder(self) -> Path:
        """The position's folder: images it names are read from there."""
        return self.resolved.folder

    def image(self, source: str, what: str) -> tuple[Path, int, int]:
        """An image the position names, under the resource rule and the size limits."""
        from ..errors import RenderError
        from ..resources import checked_image

        try:
            return checked_image(self.folder / source, self.resolved.roots or (self.folder,))
        except RenderError as error:
            raise RenderError(f"{what}: {error}") from None

    def logo(self, source: str, name: str, url: str | None = None) -> n.Logo:
        path, width, height = self.image(source, f"the logo of {name}")
        return n.Logo(str(path), name, source, width, height, url)

    def organisation_logos(self) -> tuple[n.Logo, ...]:
        """The logos of the issuing and co-leading organisations that have one."""
        seen: set[str] = set()
        out = []
        for org in [*self.pos.issued_by, *self.pos.co_leads]:
            name = self.text(org.name) or ""
            if org.logo and name not in seen:
                seen.add(name)
                out.append(self.logo(org.logo, name, org.url))
        return tuple(out)

    def cover(self, date: str | None) -> n.Cover | None:
        spec = self.pos.cover
        if spec is None:
            return None
        image = None
        if spec.image:
            path, width, height = self.image(spec.image, "the cover image")
            image = n.Figure(str(path), self.text(spec.image_alt) or "", spec.image, width, height)
        names = tuple(dict.fromkeys(self.text(o.name) or "" for o in [*self.pos.issued_by, *self.pos.co_leads]))
        return n.Cover(
            title=self.inlines(spec.title or self.pos.title) or (),
            subtitle=self.inlines(spec.subtitle or self.pos.subtitle),
            tagline=self.inlines(spec.tagline),
            logos=self.organisation_logos() if spec.logos else (),
            issuers=names, date=date, image=image)

    def front(self, date: str | None) -> n.Front:
        pos = self.pos
        issuers = tuple(self.text(o.name) for o in pos.issued_by)
        versions = tuple(n.VersionLink(v.lang, v.label or language_name(v.lang, self.lang), v.url)
                         for v in pos.versions if v.lang != self.lang)
        co_leads = tuple(name for name in (self.text(o.name) for o in pos.co_leads) if name not in issuers)
        byline = " – ".join([", ".join(name + self.rlm for name in issuers)] + ([date] if date else []))
        author = self.text(pos.author) if pos.kind == "post" else None
        tags = tuple(pos.tags) if pos.kind == "post" else ()
        if pos.kind == "post":  # a post names its author(s); its date stands above the title, its tags under
            lines = (author, ", ".join([*issuers, *co_leads]), " · ".join(tags))
            credits: tuple[str, ...] = tuple(line for line in lines if line)
        else:
            credits = (byline,) + ((", ".join(co_leads),) if co_leads else ())
        return n.Front(
            kicker=self.inlines(pos.kicker),
            title=self.inlines(pos.title),
            subtitle=self.inlines(pos.subtitle),
            issuers=issuers,
            co_leads=co_leads,
            date=date,
            byline=byline,
            addressee=self.inlines(pos.addressee),
            versions=versions,
            credits=credits,
            un=un_header(pos, self.text, self.lang),
            embargo=embargo_line(pos.embargo, self.lang),
            logos=self.organisation_logos() if pos.cover is None and pos.kind != "letter" else (),
            author=author, tags=tags,
        )

    def meta(self) -> n.Meta:
        pos = self.pos
        subject = plain(self.inlines(pos.subtitle)) or plain(self.inlines(pos.lead)) or None
        return n.Meta(
            id=pos.id, kind=pos.kind, lang=self.lang, direction=direction(self.lang),
            title=plain(self.inlines(pos.title)),
            author=", ".join(self.text(o.name) for o in pos.issued_by),
            subject=subject, keywords=tuple(dict.fromkeys([*pos.keywords, *pos.tags])), date=str(pos.date) if pos.date else None, paper=pos.paper,
        )


def number_label(numbering: str, number: int) -> str:
    """Format ``number`` in a list numbering style: "(1)", "b.", "iv." …"""
    if "a" in numbering:
        value = _alpha(number)
        return numbering.replace("a", value)
    if "i" in numbering:
        return numbering.replace("i", _roman(number))
    return numbering.replace("1", str(number))


def _alpha(number: int) -> str:
    out = ""
    while number > 0:
        number, rem = divmod(number - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _roman(number: int) -> str:
    values = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out
