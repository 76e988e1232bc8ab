"""Every reference document renders back with all of its substance, in every format.

Text is taken from the real output as a reader gets it: the plain text as written,
Markdown rendered by a CommonMark parser with footnotes, HTML through lxml, PDF through
pdftotext.  What a seed loses on purpose is listed, with reasons, in tests/seeds.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pytest

from paperkit.document import build
from paperkit.load import load
from paperkit.writers import WriterOptions, writer

from seeds import (SEEDS, count, extract_text, missing_sentences, normalise, position_path, rules,
                   seed_sentences)

FORMATS = ("txt", "md", "html", "pdf")
SEED_NAMES = tuple(SEEDS)


def _id(name: str) -> str:
    return name[:3]


@lru_cache(maxsize=None)
def position(seed: str):
    return load(position_path(seed))


@lru_cache(maxsize=None)
def document(seed: str):
    return build(position(seed))


@lru_cache(maxsize=None)
def rendered(seed: str, fmt: str) -> bytes:
    return writer(fmt)(document(seed), WriterOptions())


@lru_cache(maxsize=None)
def text_of(seed: str, fmt: str) -> str:
    return extract_text(fmt, rendered(seed, fmt))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEED_NAMES, ids=_id)
def test_every_sentence_of_the_seed_is_in_the_output(seed, fmt):
    missing = missing_sentences(seed, text_of(seed, fmt))
    assert missing == [], f"{seed} as {fmt} lacks {len(missing)} sentence(s):\n" + "\n".join(
        f"  - {sentence}" for sentence in missing)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", SEED_NAMES, ids=_id)
def test_date_is_the_seeds_and_printed_as_the_document_formats_it(seed, fmt):
    expected = rules(seed).date
    if expected is not None:  # 004's scrape carries no date
        assert str(position(seed).date) == expected
    printed = document(seed).front.date
    assert printed and count(printed, text_of(seed, fmt)) >= 1, f"{printed!r} not in the {fmt} output"


def test_dates_in_the_language_long_form():
    # The seeds' own forms where they differ: 001 "23 January, 2024", 003 "July 2024".
    assert document("001").front.date == "January 23, 2024"
    assert document("003").front.date == "July 2024"
    assert document("000").front.date == "September 9, 2024"


# Pieces of 000's two notes, in the order a reader must meet them.
NOTE_PIECES_000 = (
    "violation of the Japanese Constitution",                       # the first citation
    "Relevant Articles of the Constitution of Japan;",              # note 1
    "Freedom of assembly and association as well as speech, press and all other forms of "
    "expression are guaranteed.",                                   # Article 21
    "No censorship shall be maintained, nor shall the secrecy of any means of communication "
    "be violated.",
    "The right of all persons to be secure in their homes, papers and effects against entries, "
    "searches and seizures shall not be impaired except upon warrant issued for adequate cause "
    "and particularly describing the place to be searched and things to be seized, or except "
    "as provided by Article 33.",                                   # Article 35
    "Each search or seizure shall be made upon separate warrant issued by a competent judicial "
    "officer.",
    "https://www.ohchr.org/en/countries/japan",                     # note 2
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_000_both_notes_with_article_texts_in_citation_order(fmt):
    text = normalise(text_of("000", fmt))
    places = []
    for piece in NOTE_PIECES_000:
        needle = normalise(piece)
        assert text.count(needle) == 1, f"{fmt}: {piece!r} appears {text.count(needle)} times"
        places.append(text.index(needle))
    assert places == sorted(places), f"{fmt}: notes out of citation order"
    # Note 3 gives the address of the "Japanese page" link (links: footnote, for paper).
    assert [note.number for note in document("000").notes] == [1, 2, 3]
    assert document("000").notes[0].key == "constitution"
    assert document("000").notes[2].address and not document("000").notes[0].address


@pytest.mark.parametrize("fmt", FORMATS)
def test_001_each_signatory_appears_exactly_once(fmt):
    sentences = seed_sentences("001")
    heading = "Submitted by NGOS participating under operative paragraphs 8 or 9"
    entries = sentences[sentences.index(heading) + 1:-1]  # up to the full-list line
    assert len(entries) == 20 and entries[-1].startswith("Temple University")
    text = text_of("001", fmt)
    for name in entries:
        # A name inside a longer one ("Derechos Digitales" in "R3D: Red en Defensa de los
        # Derechos Digitales") is counted there too.
        inside = sum(1 for other in entries if other != name and normalise(name) in normalise(other))
        assert count(name, text) == 1 + inside, f"{fmt}: {name!r} appears {count(name, text)} times"


@pytest.mark.parametrize("fmt", FORMATS)
def test_001_full_list_line_links_somewhere(fmt):
    # The seed's "available on this link" gave no address on paper: the document prints the
    # link's address in a note after its text (links: footnote), so every format has it.
    line = r"Thefulllistofsignatoriessupportingtheletter\d{0,3}isavailableonthislink\."
    assert len(re.findall(line, normalise(text_of("001", fmt)))) == 1
    assert "https://www.accessnow.org/" in text_of("001", fmt)


def test_003_bold_sentence_is_strong():
    sentence = ("that the same human rights offline must also be protected online, including the "
                "right to freedom of expression and other rights and fundamental freedoms.")
    assert f"**{sentence}**" in rendered("003", "md").decode("utf-8")
    import lxml.html

    page = lxml.html.fromstring(rendered("003", "html"))
    assert sentence in [normalise_space(el.text_content()) for el in page.iter("strong", "b")]


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def test_004_update_note_and_heading_are_structure():
    md = rendered("004", "md").decode("utf-8")
    assert "\n## The Fight Moves to the UN General Assembly\n" in md
    assert "**Note on the update:** The text has been revised" in md
    import lxml.html

    page = lxml.html.fromstring(rendered("004", "html"))
    headings = [normalise_space(h.text_content()) for h in page.iter("h2", "h3")]
    assert "The Fight Moves to the UN General Assembly" in headings
    # The update note comes before the body it explains.
    text = normalise(text_of("004", "html"))
    assert text.index(normalise("Note on the update")) < text.index(normalise("The final text of the"))


@pytest.mark.parametrize("seed", SEED_NAMES, ids=_id)
def test_seed_rules_still_match_the_seed(seed):
    # seed_sentences raises when a fix or exclusion no longer matches the seed text.
    assert len(seed_sentences(seed)) > 5


def test_no_debris_in_positions():
    for seed in SEED_NAMES:
        for fmt in ("txt", "md"):
            text = text_of(seed, fmt)
            for debris in ("div class", "This article has been indexed", "Read the original article",
                           "Skip to main content", "(#)"):
                assert debris not in text, f"{seed} {fmt}: {debris!r}"

