"""Word counting as Microsoft Word counts words (paperkit.wordcount).

Expected counts follow Word's documented behaviour: a word is what stands between spaces,
so "June 30, 2003" is three words, "06/30/2003" and "vis-a-vis" one each (Microsoft
community answer on Word's document statistics, office-forums.com thread "Word 2000 line
and word counts"); hyphenated compounds are one word, "real-time video" two (WordTips,
"Ignoring Hyphens in Word Counts", Allen Wyatt, 2023); each CJK character counts as a word
(issue 15, as Word counts East Asian text).
"""

from __future__ import annotations

import pytest

from paperkit.wordcount import count_words

CASES = [
    ("real-time video", 2),
    ("Talk to your father-in-law.", 4),
    ("vis-a-vis", 1),
    ("June 30, 2003", 3),
    ("06/30/2003", 1),
    ("1,000 people, 2.5 per cent and 40% of them", 9),
    ("Read https://www.ohchr.org/en/hr-bodies/hrc/ngo-participation?x=1&y=2 now.", 3),
    ("don't", 1),
    ("end.", 1),
    ("  spaces\tand\ttabs\nand lines  ", 5),
    ("a – b", 3),  # a dash alone between spaces is a word for Word
    ("", 0),
    # CJK: every character a word; punctuation not; a Latin or digit run inside is one word
    ("日本国憲法", 5),
    ("表現の自由。", 5),
    ("「集会、結社」", 4),
    ("ICCPR第19条", 4),
    ("인권 이사회", 2),  # Korean: by the spaces
    ("人权理事会第57届会议", 10),
    # Arabic and Cyrillic: by the spaces, like Latin; Arabic punctuation attached adds nothing
    ("حرية التعبير مكفولة للجميع.", 4),
    ("المادة 19، الفقرة 2", 4),
    ("Свобода слова — право каждого.", 5),
]


@pytest.mark.parametrize("text,words", CASES)
def test_counts_as_word_does(text, words):
    assert count_words(text) == words


def test_footnote_markers_add_no_word(tmp_path):
    """A footnote reference is no text in the DOCX: "three¹" stays one word, the note's own
    words count in the footnotes."""
    from conftest import document_from_yaml

    from paperkit.docx_text import docx_text
    from paperkit.writers import WriterOptions, writer

    document = document_from_yaml(
        "id: t\nkind: statement\ntitle: T\ndate: 2024-09-09\nissued_by: [{name: Org}]\n"
        "body:\n  - One two three[^a] four[^b].\nnotes:\n  a: Five six.\n  b: Seven.\n")
    texts = docx_text(writer("docx")(document, WriterOptions()))
    assert "One two three four." in texts["body"]
    assert sum(count_words(t) for t in texts["notes"]) == 3
