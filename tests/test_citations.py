"""Citation styles: golden notes written from the style guides' own examples.

UN editorial style — United Nations Editorial Manual Online, "Footnotes and other references",
chap. V (https://www.un.org/dgacm/en/content/editorial-manual/footnotes/chap-05): a masthead
document by symbol and paragraph ("A/BUR/72/1, para. 88", the Manual's own example), "Ibid."
for the source of the note just before, and a repeated footnote indicator for the same
reference; a treaty article as "International Covenant on Civil and Political Rights, art. 19 (3)".

OSCOLA 4th edition (Hart 2012), 1.2.1 "Subsequent citations" and the treaty and case forms:
  1  Robert Stevens, Torts and Rights (OUP 2007).
  26 Stevens (n 1) 110.
  27 ibid 271–78.
  32 Council Directive (EC) 93/104 concerning certain aspects of the organisation of working
     time [1993] OJ L307/18 (Working Time Directive).
  40 Working Time Directive, art 2.
  International Covenant on Civil and Political Rights (adopted 16 December 1966, entered into
  force 23 March 1976) 999 UNTS 171 (ICCPR) art 7
  Foakes v Beer (1884) 9 App Cas 605, 611.
The examples are cited here in the order a real submission would cite them, so the note
numbers differ from the guide's; what each note says is the guide's.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from paperkit.document import build
from paperkit.document.markup import plain
from paperkit.load import load_text
from paperkit.writers import WriterOptions, writer

from conftest import pdf_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

HEAD = ("id: t\nkind: submission\ntitle: Submission\ndate: 2024-09-09\nissued_by:\n  - name: Org\n")

UN = HEAD + """citation_style: un
body:
  - The restrictions must be necessary[^iccpr-19-3].
  - The Bureau recommended it[^bur-88], and repeated it[^bur-90].
  - Privacy is protected too[^iccpr-17].
  - As said before, restrictions must be necessary[^iccpr-19-3], and privacy protected[^iccpr-17].
  - The Bureau's paragraph 90 again[^again].
references:
  iccpr-19-3:
    instrument: International Covenant on Civil and Political Rights
    pinpoint: Article 19(3)
    short: ICCPR
  iccpr-17:
    instrument: International Covenant on Civil and Political Rights
    pinpoint: Article 17
    short: ICCPR
    text: No one shall be subjected to arbitrary or unlawful interference with his privacy.
  bur-88: {instrument: A/BUR/72/1, pinpoint: para. 88}
  bur-90: {instrument: A/BUR/72/1, pinpoint: paragraph 90}
notes:
  again: {references: [bur-90]}
"""

UN_NOTES = [
    "International Covenant on Civil and Political Rights, art. 19 (3).",
    "A/BUR/72/1, para. 88.",
    "Ibid., para. 90.",
    "ICCPR, art. 17. “No one shall be subjected to arbitrary or unlawful interference with his privacy.”",
    "A/BUR/72/1, para. 90.",
]
UN_CALLS = [1, 2, 3, 4, 1, 4, 5]  # the same reference again: its number again (repeated indicator)

OSCOLA = HEAD + """citation_style: oscola
body:
  - Rights shape the law of torts[^stevens].
  - Torture is prohibited[^iccpr-7], and consideration must be real[^foakes].
  - Rights are not the whole story[^stevens-110], nor the end of it[^stevens-271].
  - Working time is limited[^wtd].
  - The Covenant again[^iccpr-7-again], then the Directive[^wtd-2], and the Directive again[^wtd-2].
references:
  stevens: {author: Robert Stevens, instrument: Torts and Rights, date: OUP 2007, short: Stevens}
  stevens-110: {author: Robert Stevens, instrument: Torts and Rights, date: OUP 2007, short: Stevens, pinpoint: "110"}
  stevens-271: {author: Robert Stevens, instrument: Torts and Rights, date: OUP 2007, short: Stevens, pinpoint: "271–78"}
  iccpr-7: &iccpr
    instrument: International Covenant on Civil and Political Rights
    date: adopted 16 December 1966, entered into force 23 March 1976
    published: 999 UNTS 171
    short: ICCPR
    pinpoint: Article 7
    text: No one shall be subjected to torture.
  iccpr-7-again: *iccpr
  foakes: {instrument: Foakes v Beer, date: "1884", published: 9 App Cas 605, pinpoint: "611"}
  wtd:
    instrument: Council Directive (EC) 93/104 concerning certain aspects of the organisation of working time
    published: "[1993] OJ L307/18"
    short: Working Time Directive
  wtd-2:
    instrument: Council Directive (EC) 93/104 concerning certain aspects of the organisation of working time
    published: "[1993] OJ L307/18"
    short: Working Time Directive
    pinpoint: Art. 2
"""

OSCOLA_NOTES = [
    "Robert Stevens, Torts and Rights (OUP 2007).",
    "International Covenant on Civil and Political Rights (adopted 16 December 1966, entered into force "
    "23 March 1976) 999 UNTS 171 (ICCPR) art 7. ‘No one shall be subjected to torture.’",
    "Foakes v Beer (1884) 9 App Cas 605, 611.",
    "Stevens (n 1) 110.",
    "ibid 271–78.",
    "Council Directive (EC) 93/104 concerning certain aspects of the organisation of working time "
    "[1993] OJ L307/18 (Working Time Directive).",
    "ICCPR, art 7. ‘No one shall be subjected to torture.’",
    "Working Time Directive, art 2.",
    "ibid.",
]


def notes_of(yaml: str) -> list[str]:
    return [" ".join(plain(block.content) for block in note.blocks) for note in build(load_text(yaml)).notes]


def calls_of(yaml: str) -> list[int]:
    document = build(load_text(yaml))
    calls: list[int] = []

    def walk(inlines):
        for node in inlines or ():
            if node.type == "noteref":
                calls.append(node.number)
            elif hasattr(node, "children"):
                walk(node.children)
    for block in document.blocks:
        walk(getattr(block, "content", ()))
    return calls


def test_un_editorial_first_full_then_ibid_short_and_repeated_indicators():
    assert notes_of(UN) == UN_NOTES
    assert calls_of(UN) == UN_CALLS


def test_oscola_first_full_then_cross_citation_ibid_and_short_forms():
    assert notes_of(OSCOLA) == OSCOLA_NOTES


def test_short_never_drops_the_pinpoint():
    # The case: a general comment cited with short: CCPR/C/GC/34 lost "para. 22".
    yaml = HEAD + """body:
  - First[^gc-22], then other[^x], then again[^gc-25].
references:
  gc-22: {author: Human Rights Committee, instrument: general comment No. 34 (2011), short: CCPR/C/GC/34, pinpoint: paragraph 22}
  gc-25: {author: Human Rights Committee, instrument: general comment No. 34 (2011), short: CCPR/C/GC/34, pinpoint: paragraph 25}
  x: {instrument: Other}
"""
    notes = notes_of(yaml)
    assert notes[0] == "Human Rights Committee, general comment No. 34 (2011), para. 22."
    assert notes[2] == "CCPR/C/GC/34, para. 25."


def test_ibid_is_never_used_after_a_note_citing_several_sources():
    yaml = HEAD + """body:
  - Both[^both], then one[^b].
references:
  a: {instrument: A}
  b: {instrument: B}
notes:
  both: {references: [a, b]}
"""
    assert notes_of(yaml) == ["A. B.", "B."]


def test_ibid_in_other_languages_and_the_quoted_text_in_their_marks():
    yaml = (HEAD.replace("date:", "languages: [fr, ru]\ndate:") + """body:
  - Un[^a], deux[^a2].
references:
  a: {instrument: {fr: Pacte, ru: Пакт}, pinpoint: {fr: art. 19, ru: ст. 19}, text: {fr: "Nul ne peut être inquiété.", ru: "Никто не может."}}
  a2: {instrument: {fr: Pacte, ru: Пакт}, pinpoint: {fr: art. 20, ru: ст. 20}}
""")
    french = [" ".join(plain(b.content) for b in note.blocks) for note in build(load_text(yaml), "fr").notes]
    assert french == ["Pacte, art. 19. «\u202fNul ne peut être inquiété.\u202f»", "Ibid., art. 20."]
    russian = [" ".join(plain(b.content) for b in note.blocks) for note in build(load_text(yaml), "ru").notes]
    assert russian == ["Пакт, ст. 19. «Никто не может.»", "Там же, ст. 20."]


def test_a_bibliography_lists_every_source_once_in_full_alphabetically():
    document = build(load_text(OSCOLA.replace("citation_style: oscola", "citation_style: oscola\nbibliography: true")))
    heading = [b for b in document.blocks if b.type == "heading"][-1]
    assert plain(heading.content) == "Sources"
    entries = [plain(b.content) for b in document.blocks if b.type == "paragraph" and b.role == "source"]
    assert entries == [
        "Council Directive (EC) 93/104 concerning certain aspects of the organisation of working time "
        "[1993] OJ L307/18 (Working Time Directive).",
        "Foakes v Beer (1884) 9 App Cas 605.",
        "International Covenant on Civil and Political Rights (adopted 16 December 1966, entered into "
        "force 23 March 1976) 999 UNTS 171 (ICCPR).",
        "Robert Stevens, Torts and Rights (OUP 2007).",
    ]


def docx_footnotes(data: bytes) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml"))
    notes = []
    for note in root.iter(f"{W}footnote"):
        if int(note.get(f"{W}id")) < 1:
            continue
        text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in note.iter(f"{W}p"))
        notes.append(" ".join(text.split()))
    return notes


@pytest.mark.parametrize("yaml, expected", [(UN, UN_NOTES), (OSCOLA, OSCOLA_NOTES)], ids=["un", "oscola"])
def test_the_same_notes_in_pdf_and_docx(yaml, expected):
    document = build(load_text(yaml))
    assert docx_footnotes(writer("docx")(document, WriterOptions())) == expected
    pdf = " ".join(" ".join(pdf_pages(writer("pdf")(document, WriterOptions()))).split())
    for number, note in enumerate(expected, start=1):
        assert re.search(rf"\b{number}\.? {re.escape(note)}", pdf), f"note {number} {note!r} not in the PDF"
