"""UN front matter, the embargo line, the draft watermark and a profile's layout, in the tree."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..model import Position
from . import nodes as n
from .labels import words
from .locale import babel_locale, format_partial_date

if TYPE_CHECKING:
    from ..profiles import Profile


def position_profile(position: Position) -> "Profile | None":
    """The profile the position names, or None."""
    if not position.profile:
        return None
    from ..profiles import profile

    return profile(position.profile)


def numbered_paragraphs(position: Position) -> bool:
    """Whether body paragraphs carry numbers: as the position says, else as its profile does."""
    if position.numbered_paragraphs is not None:
        return position.numbered_paragraphs
    found = position_profile(position)
    return bool(found and found.layout and found.layout.numbered_paragraphs)


def layout(position: Position) -> n.Layout | None:
    """The profile's layout as a tree node (None without a profile or without a layout)."""
    found = position_profile(position)
    if found is None or found.layout is None:
        return None
    spec = found.layout
    return n.Layout(font=spec.font, size=spec.size, title_size=spec.title_size, note_size=spec.note_size, justify=spec.justify,
                    page_numbers=bool(spec.page_numbers))


def un_header(position: Position, text: Any, lang: str) -> n.UnHeader | None:
    """The UN lines above the title; ``text`` localises a field (the builder's ``text``)."""
    un = position.un
    if un is None:
        return None
    date = (format_partial_date(position.date, lang)
            if position.date is not None and un.date_line and (un.symbol or un.distribution) else None)
    return n.UnHeader(symbol=un.symbol, distribution=un.distribution, date=date, original=un.original,
                      body=text(un.body), session=text(un.session), dates=text(un.dates),
                      agenda_item=text(un.agenda_item), agenda_title=text(un.agenda_title))


def embargo_line(moment: datetime | None, lang: str) -> str | None:
    """ "Embargoed until 9 September 2024, 09:00 UTC+09:00" in ``lang`` (the time as given, with its offset)."""
    if moment is None:
        return None
    from babel.dates import format_date, format_time

    loc = babel_locale(lang)
    when = f"{format_date(moment.date(), format='long', locale=loc)} {format_time(moment, format='HH:mm', locale=loc)} " \
           f"{utc_offset(moment)}"
    return words(lang)["embargo"].replace("{datetime}", when)


def utc_offset(moment: datetime) -> str:
    """ "UTC+09:00", "UTC−03:30", "UTC" for the offset of an aware datetime."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes > 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def draft_word(position: Position, lang: str) -> str | None:
    """The watermark word ("DRAFT", localised) when the position is a draft."""
    return words(lang)["draft"] if position.draft else None
