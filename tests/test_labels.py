"""Layout words come from gettext catalogs, complete for every supported language."""

from __future__ import annotations

import gettext

import pytest
from babel.messages.pofile import read_po

from paperkit.document.labels import CATALOG_LANGUAGES, DOMAIN, LOCALES, MESSAGES, labels
from paperkit.document.locale import format_partial_date
from paperkit.model.dates import PartialDate


def _catalog(lang: str):
    with open(LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        return read_po(handle, locale=lang)


def test_template_lists_every_message_in_the_code():
    with open(LOCALES / f"{DOMAIN}.pot", "rb") as handle:
        template = read_po(handle)
    assert {m.id for m in template if m.id} == set(MESSAGES.values()), "run the extract step of the README"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_every_label_is_translated(lang):
    catalog = _catalog(lang)
    missing = [m for m in MESSAGES.values() if m not in catalog or not catalog[m].string]
    assert missing == [], f"{lang} lacks: {missing}"
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert fuzzy == [], f"{lang} has fuzzy translations: {fuzzy}"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_compiled_catalog_matches_its_source(lang):
    with open(LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in _catalog(lang):
        if message.id:
            assert compiled.gettext(message.id) == message.string, f"{lang}: run the compile step of the README"


@pytest.mark.parametrize("lang", CATALOG_LANGUAGES)
def test_placeholders_survive_translation(lang):
    words = labels(lang)
    assert "{page}" in words.page and "{pages}" in words.page
    assert "{url}" in words.full_list


def test_labels_follow_the_language_and_fall_back_to_english():
    assert labels("fr").signatories == "Signataires"
    assert labels("ja").contact == "連絡先"
    assert labels("en-GB").notes == "Notes"
    assert labels("de").notes == "Notes"  # no German catalog yet: English


@pytest.mark.parametrize("lang,full,month", [
    ("en", "September 9, 2024", "July 2024"),
    ("en-GB", "9 September 2024", "July 2024"),
    ("es", "9 de septiembre de 2024", "julio de 2024"),
    ("fr", "9 septembre 2024", "juillet 2024"),
    ("ru", "9 сентября 2024\u202fг.", "июль 2024\u202fг."),  # CLDR: narrow no-break space
    ("zh", "2024年9月9日", "2024年7月"),
    ("ja", "2024年9月9日", "2024年7月"),
    ("ar", "9 سبتمبر 2024", "يوليو 2024"),
])
def test_dates_follow_cldr(lang, full, month):
    assert format_partial_date(PartialDate(2024, 9, 9), lang) == full
    assert format_partial_date(PartialDate(2024, 7), lang) == month
    assert format_partial_date(PartialDate(2024), lang) == "2024"
