"""Alphabetical order of signatories.

Order (``order: alphabetical``; within each group)
    Unicode Collation Algorithm (DUCET, through ``pyuca``, pure Python): accented letters sort
    with their base letter, then case and accents break ties; names in other scripts keep
    their script and follow Latin in DUCET script order (Greek, Cyrillic, …, Arabic, …,
    Malayalam, …, Japanese kana, Han ideographs by code point); final ties by code point.
    Organisations sort by name as written.  Individuals whose name is in Latin, Greek or
    Cyrillic script sort by surname: the last word, after dropping "Jr.", "Sr.", "II"…;
    lowercase particles before it ("de la", "van der", "von", "da", "al-" …) are not part
    of the sort surname ("María de la Cruz" sorts as "Cruz, María de la"; "Ludwig van
    Beethoven" under B), capitalised ones are ("Robert De Niro" under D).  A name written
    "Surname, Given" is taken as it is.  ``sort_as`` overrides the rule for one entry.
    Withheld names come last.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..model.signatories import Signatory

_PARTICLES = {"de", "del", "della", "der", "den", "des", "di", "da", "das", "do", "dos", "du", "la", "le",
              "van", "von", "vom", "zu", "zum", "zur", "ten", "ter", "af", "av", "bin", "binti", "bint",
              "ibn", "al", "el", "y", "e", "st", "st.", "d'", "l'"}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "phd", "ph.d.", "md", "esq", "esq."}
_SURNAME_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@lru_cache(maxsize=1)
def _collator() -> Any:
    import pyuca

    return pyuca.Collator()


def sort_key(signatory: Signatory) -> tuple[Any, ...]:
    """Alphabetical order (see the module docstring): withheld last, then UCA, then code points."""
    if signatory.withheld or not signatory.name:
        return (1, (), "")
    text = signatory.sort_as or (surname_first(signatory.name) if signatory.type == "individual"
                                 else signatory.name)
    return (0, tuple(_collator().sort_key(text)), text, signatory.name)


def surname_first(name: str) -> str:
    """ "María de la Cruz" → "Cruz, María de la"; unchanged when no rule applies."""
    if "," in name or not _in_surname_script(name):
        return name
    words = name.split(" ")
    suffix: list[str] = []
    while len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 2:
        return name
    surname = words[-1]
    rest = words[:-1]
    article = re.match(r"^(al|el|ad|ar|as|an|at|az|ash|ad|ud)[-‑]", surname)
    if article and surname[:1].islower():
        surname = surname[article.end():] + " " + surname[: article.end()]
    particles: list[str] = []
    while len(rest) > 1 and rest[-1].casefold() in _PARTICLES:
        if rest[-1] in _PARTICLES:  # lowercase: not part of the sort surname
            particles.insert(0, rest.pop())
        else:  # capitalised ("De Niro"): part of it
            surname = rest.pop() + " " + surname
    given = " ".join(rest + particles + suffix)
    return f"{surname}, {given}"


def _in_surname_script(name: str) -> bool:
    for char in name:
        if char.isalpha():
            return unicodedata.name(char, "").startswith(_SURNAME_SCRIPTS)
    return False
