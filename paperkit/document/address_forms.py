"""Forms of address: the salutation and the matching complimentary close for one recipient.

The forms are data, one file per language in ``paperkit/data/address/<lang>.yaml``, each
entry with the protocol source it follows (checked 2026-11-30); en-GB and en-US list only
where they differ from en.  This module reads them and decides, for a recipient and a
letter language:

* the **role** — given (``role:``), else derived from the title (the ``titles`` patterns of
  every language file), else ``official`` (a person without a known role);
* the **gender** — given (``gender:``), else derived from a courtesy honorific (Ms, Mme,
  Sra., г-жа …), else unspecified: the language's neutral form is used;
* the form: the role's entry for that gender (a ``variants`` entry whose title pattern
  matches wins), or the ``official`` entry where the language has no sourced form for the
  role (``use: official``).

Style-only honorifics ("The Hon.", "The Rt Hon.") are never said; "Excellency" forms come
only from the data.  Where a language has no neutral form and the gender is not known,
``NoFormOfAddress`` names the recipient: paperkit refuses that letter rather than guess.
Every inference that changes the words is reported once, in ``AddressForm.warnings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import PaperkitError

DATA = Path(__file__).resolve().parent.parent / "data" / "address"
LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru", "ja")
ROLES = ("head_of_state", "head_of_government", "deputy_minister", "minister", "un_high_official", "ambassador",
         "special_rapporteur", "committee_chair", "commissioner", "member_of_parliament", "judge", "mayor",
         "official")
"""The roles a form of address can be for, in the order titles are tried (the more specific first)."""
GENDERS = ("f", "m", "unspecified")
_EXCELLENCY_ROLES = {"head_of_state", "ambassador", "un_high_official"}


class NoFormOfAddress(PaperkitError):
    """The letter's language has no sourced form for this recipient as far as it is known."""


@dataclass(frozen=True)
class AddressForm:
    """How one recipient is addressed in one language, and why."""

    salutation: str
    close: str
    role: str
    role_basis: str
    """given, derived (from the title or honorific) or guessed (nothing said it: official)."""
    gender: str
    gender_basis: str
    """given, derived (from the honorific) or guessed (unspecified: the neutral form)."""
    source: str
    """The source ids of the form, comma-separated (see the language's data file)."""
    warnings: tuple[str, ...] = ()
    uses_name: bool = False
    """The form says the recipient's name ({name}, {surname})."""


# ---------------------------------------------------------------- the data


def _read(path: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def table(lang: str) -> dict[str, Any]:
    """The forms of a language tag: the base language's file, with its region's differences."""
    base = lang.split("-")[0].lower()
    path = DATA / f"{base}.yaml"
    if not path.is_file():
        path = DATA / "en.yaml"
    data = _read(path)
    region = next((v for k, v in (data.get("regions") or {}).items() if k.lower() == lang.lower()), None)
    if region:
        data = {**data, "roles": {**data["roles"], **(region.get("roles") or {})},
                "courtesy": {**(data.get("courtesy") or {}), **(region.get("courtesy") or {})}}
    return data


@lru_cache(maxsize=1)
def honorifics() -> dict[str, dict[str, Any]]:
    """Every honorific of every language file, by its normalised spelling."""
    out: dict[str, dict[str, Any]] = {}
    for lang in LANGUAGES:
        for entry in table(lang).get("honorifics") or []:
            for spelling in entry["match"]:
                out.setdefault(_norm(spelling), {**entry, "language": lang})
    return out


@lru_cache(maxsize=1)
def title_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(role, pattern) for every language, roles in ``ROLES`` order."""
    out = []
    for role in ROLES:
        for lang in LANGUAGES:
            for pattern in (table(lang).get("titles") or {}).get(role, []):
                out.append((role, re.compile(pattern, re.IGNORECASE)))
    return out


def _norm(text: str) -> str:
    return " ".join(text.replace(".", "").split()).casefold()


# ---------------------------------------------------------------- reading a recipient


def read_honorific(honorific: str | None) -> dict[str, Any] | None:
    """What an honorific says: kind (courtesy, academic, excellency, style) and gender, or None.

    "H.E. Ms" is read word by word: excellency, and the gender of "Ms".
    """
    if not honorific or not honorific.strip():
        return None
    known = honorifics()
    whole = known.get(_norm(honorific))
    if whole is not None:
        return whole
    words = honorific.split()
    found: dict[str, Any] = {}
    for size in range(len(words), 0, -1):  # longest known prefix, then the rest
        head = known.get(_norm(" ".join(words[:size])))
        if head is not None:
            found = dict(head)
            rest = read_honorific(" ".join(words[size:]))
            if rest is not None and rest.get("gender") and not found.get("gender"):
                found["gender"] = rest["gender"]
            if rest is not None and rest["kind"] == "courtesy" and found["kind"] == "excellency":
                found["courtesy_word"] = " ".join(words[size:])
            return found
    return None


def role_from_title(titles: list[str]) -> str | None:
    """The role the first matching title pattern names (over every language's patterns)."""
    for role, pattern in title_patterns():
        if any(pattern.search(t) for t in titles):
            return role
    return None


def surname_of(recipient: Any) -> tuple[str, bool]:
    """(surname, derived): the ``surname`` field, else the last word of the name (derived)."""
    given = getattr(recipient, "surname", None)
    if given:
        return given, False
    name = " ".join((recipient.name or "").split())
    return (name.split()[-1] if name else ""), True


def _titles(recipient: Any) -> list[str]:
    title = recipient.title
    values = list(title.values()) if isinstance(title, dict) else [title] if title else []
    return [v for v in values if v]


# ---------------------------------------------------------------- deciding


def address_form(recipient: Any, lang: str, text) -> AddressForm:
    """The salutation and close for ``recipient`` in ``lang`` (``text`` localises its fields).

    Raises NoFormOfAddress where the language has no neutral form and the gender is not known.
    """
    forms = table(lang)
    honorific = read_honorific(text(recipient.honorific))
    warnings: list[str] = []

    role, role_basis = getattr(recipient, "role", None), "given"
    if role is None:
        role = role_from_title(_titles(recipient))
        role_basis = "derived"
        if role is None:
            role, role_basis = "official", "guessed"
    if role == "official" and honorific is not None and honorific["kind"] == "excellency" and role_basis != "given":
        role, role_basis = "excellency", "derived"

    gender, gender_basis = getattr(recipient, "gender", None), "given"
    if gender is None:
        if honorific is not None and honorific.get("gender") in ("f", "m"):
            gender, gender_basis = honorific["gender"], "derived"
        else:
            gender, gender_basis = "unspecified", "guessed"

    entry, used_role = _entry(forms, role, recipient, text)
    courtesy = _courtesy_word(honorific, gender, forms)
    form, needs_gender = _pick(entry, used_role, gender, courtesy, forms.get("courtesy"))
    who = _who(recipient, text)
    if form is None:
        raise NoFormOfAddress(
            f"{who}: no gender-neutral form of address in '{lang}' for the role {role!r} — give "
            "gender: f or m (a gender column in the CSV), or a salutation")
    name = " ".join((recipient.name or text(recipient.organisation) or "").split())
    surname, surname_derived = surname_of(recipient)
    values = {"name": name, "surname": surname, "courtesy": courtesy or ""}
    salutation = form["salutation"].format(**values)
    close = form["close"].format(**values)

    if role_basis == "derived" and role != "official":
        said = "honorific" if role == "excellency" else "title"
        warnings.append(f"role '{role}' inferred from the {said}")
    if gender_basis == "derived" and needs_gender:
        warnings.append(f"gender '{gender}' inferred from the honorific '{text(recipient.honorific)}'")
    if gender_basis == "guessed" and needs_gender:
        warnings.append("gender not given: the neutral form is used")
    if surname_derived and "{surname}" in form["salutation"] + form["close"]:
        warnings.append(f"surname '{surname}' taken as the last word of the name (give surname to change it)")
    if used_role != role:
        warnings.append(f"no sourced '{lang}' form for the role '{role}': addressed as a person")
    source = ", ".join(form.get("source") or [])
    uses_name = any(f"{{{k}}}" in form["salutation"] + form["close"] for k in ("name", "surname"))
    return AddressForm(salutation, close, role, role_basis, gender, gender_basis, source, tuple(warnings), uses_name)


def _who(recipient: Any, text) -> str:
    return " ".join((recipient.name or text(recipient.organisation) or "").split()) or "a recipient"


def _entry(forms: dict[str, Any], role: str, recipient: Any, text) -> tuple[dict[str, Any], str]:
    """The role's entry (or the official one where the language says ``use: official``),
    with a variant whose title pattern matches merged in."""
    roles = forms["roles"]
    entry = roles.get(role) or {"use": "official"}
    used = role
    if entry.get("use"):
        used = entry["use"]
        entry = roles[used]
    titles = _titles(recipient)
    for variant in entry.get("variants") or []:
        pattern = re.compile(variant["title"], re.IGNORECASE)
        if any(pattern.search(t) for t in titles):
            entry = {**entry, **{k: v for k, v in variant.items() if k != "title"}}
            break
    return entry, used


def _pick(entry: dict[str, Any], role: str, gender: str, courtesy: str | None,
          forms_courtesy: dict[str, str] | None = None) -> tuple[dict[str, Any] | None, bool]:
    """(the form for this gender, whether the gender changes the words)."""
    if role == "official":
        if courtesy and "courtesy" in entry:
            form = entry.get(f"courtesy_{gender}") or entry["courtesy"]
            return form, gender in ("f", "m") and courtesy in (forms_courtesy or {}).values()
        return entry.get("unspecified"), "courtesy" in entry
    gendered = {g: entry.get(g) for g in ("f", "m")}
    neutral = entry.get("unspecified")
    if gender in ("f", "m") and gendered[gender] is not None:
        return gendered[gender], gendered[gender] != neutral
    return neutral, any(v is not None and v != neutral for v in gendered.values())


def _courtesy_word(honorific: dict[str, Any] | None, gender: str, forms: dict[str, Any]) -> str | None:
    """The courtesy word said in the salutation: an academic title where the language says it
    ("Dear Dr Smith"), else the language's word for the gender (Ms, Madame, госпожа …), else a
    gender-free courtesy word of the letter's language the recipient gave (Mx)."""
    own = honorific if honorific is None or not honorific.get("courtesy_word") else read_honorific(
        honorific["courtesy_word"])
    language = forms.get("language")
    if honorific is not None and honorific["kind"] == "academic" and honorific["language"] == language \
            and forms.get("academic_in_salutation"):
        return honorific["match"][0]
    word = (forms.get("courtesy") or {}).get(gender)
    if word:
        return word
    if own is not None and own["kind"] == "courtesy" and own["language"] == language and own["match"]:
        return own["match"][0]
    return None


def all_roles_excellency(roles: list[str]) -> bool:
    """Several recipients all addressed as Excellency (heads of state, of mission …)."""
    return bool(roles) and all(r in _EXCELLENCY_ROLES or r == "excellency" for r in roles)
