"""Pydantic models of a position: what an organisation means, nothing about layout."""

from .content import Concerns, Demands, ItemList, ListItemModel, PlainList, QuoteBlock, Section
from .dates import PartialDate
from .position import (KINDS, Contact, Cover, Note, Organisation, Position, Reference, Signatories,
                       Signatory, SignatoryGroup, Update, Version)

__all__ = [
    "KINDS", "Concerns", "Contact", "Cover", "Demands", "ItemList", "ListItemModel", "Note", "Organisation",
    "PartialDate", "PlainList", "Position", "QuoteBlock", "Reference", "Section", "Signatories",
    "Signatory", "SignatoryGroup", "Update", "Version",
]
