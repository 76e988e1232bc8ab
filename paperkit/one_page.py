"""``letter: {fit: one-page}``: the least tightening that keeps a letter on one page, decided once.

The letter's PDF is laid out as designed; when it has more than one page, it is laid out at
the tightest step of paperkit/data/letter_fit.yaml.  When even that has more than one page,
the letter stays as designed and the result says why (the caller warns: ``FitWarning``).
Otherwise the steps are tried in order and the first that gives one page is taken: a letter
is never set tighter than it needs.  The step goes into the document tree
(``Document.fit``), so the DOCX is written with the same size, line height and spacing, and
the PDF made while measuring is handed back, so it is not made twice.

Each recipient of a mail merge is fitted on its own: a long address or name may need a
tighter step than the letter to the others.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .document import Document
from .document import nodes as n
from .document.fit import fit_steps

if TYPE_CHECKING:  # pragma: no cover
    from .writers import WriterOptions
    from .writers.pdf import PdfFile


@dataclass(frozen=True)
class Fitted:
    """A document as it is to be written, with the PDF laid out while fitting it."""

    document: Document
    pdf: PdfFile | None = None
    """The PDF of ``document`` (None: it was not laid out, being no letter to fit)."""
    problem: str | None = None
    """Why the letter keeps more than one page (None: it fits, or is not to fit)."""


def fit_letter(document: Document, options: WriterOptions) -> Fitted:
    """``document`` at the first step that sets it on one page (as it is when it needs none,
    or when even the tightest step leaves more than one page: ``problem`` then says so)."""
    if document.fit is None:
        return Fitted(document)
    from .writers.pdf import make_pdf

    designed = make_pdf(document, options)
    if designed.pages <= 1:
        return Fitted(document, designed)
    steps = fit_steps(document.fonts)
    tightest = replace(document, fit=steps[-1])
    made = make_pdf(tightest, options)
    if made.pages > 1:
        return Fitted(document, designed, too_long(document, steps[-1], made.pages, designed.pages))
    for step in steps[1:-1]:
        candidate = replace(document, fit=step)
        pdf = make_pdf(candidate, options)
        if pdf.pages == 1:
            return Fitted(candidate, pdf)
    return Fitted(tightest, made)


def too_long(document: Document, tightest: n.LetterFit, pages: int, designed: int) -> str:
    """The warning for a letter that one page cannot hold, naming the letter and its recipient."""
    return (f"{letter_name(document)}: does not fit on one page even at the tightest step "
            f"(body {tightest.size:g} pt, line height {tightest.line_height:g}, {tightest.space:.0%} of the spacing: "
            f"{pages} pages); left as designed ({designed} pages) — shorten it, or drop fit: one-page")


def letter_name(document: Document) -> str:
    """ "jca-letter (en) to H.E. Yoko Kamikawa": the letter, its language and its recipient(s)."""
    names = [r.name for block in document.blocks if isinstance(block, n.RecipientBlock) for r in block.recipients]
    to = names[0] if len(names) == 1 else f"{len(names)} recipients" if names else ""
    return f"{document.meta.id} ({document.meta.lang})" + (f" to {to}" if to else "")
