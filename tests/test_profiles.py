"""Submission profiles: each profile's rules measured on positions that keep them and on
positions that break them by one word, one page or one missing part.

The limits asserted here are the sources' own numbers (ECOSOC resolution 1996/31 via the
OHCHR guidelines: 2,000 / 1,500 words; the UPR technical guidelines: 5 / 10 pages; the
Human Rights Committee: 10,000 words); the counts are worked out by hand from what the
document prints (see each test).
"""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import libreoffice_convert

from paperkit.cli import main
from paperkit.profiles import names, profile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NSMAP = {"w": W[1:-1]}
HRC_SOURCE = "source: OHCHR, Human Rights Council: Guidelines for NGOs for submission of written statements"
UPR_SOURCE = "source: OHCHR, Technical guidelines for the submission of stakeholders' information to OHCHR"
CCPR_SOURCE = "source: OHCHR, Human Rights Committee: Information for civil society"


def position(profile_name: str, words: int, extra: str = "", body: str | None = None) -> str:
    """A statement whose DOCX holds ``words`` words of body text and footnotes beyond the 18
    of its fixed parts, counted by hand as Word does:

    title "Freedom of expression online" 4; byline "Example Rights Network – September 9,
    2024" 7 (the dash alone is a word); "Contact" 1; "A. Person" 2; the footnote "A note
    of four." 4 — 18 in all.  (UN lines, when ``extra`` gives them, add their own.)
    The body is one paragraph of ``words`` words, the first carrying the footnote.
    """
    text = body if body is not None else " ".join(["word[^n1]"] + ["word"] * (words - 1)) + "."
    variant = profile_name.partition("/")[2]  # the organisation holds the status the profile is for
    status = f"    consultative_status: {variant}\n" if variant in ("general", "special", "roster") else ""
    return (f"id: p\nkind: submission\ntitle: Freedom of expression online\ndate: 2024-09-09\n"
            f"profile: {profile_name}\nissued_by:\n  - name: Example Rights Network\n{status}{extra}"
            f"contacts:\n  - name: A. Person\nbody:\n  - >-\n    {text}\nnotes:\n  n1: A note of four.\n")


HRC_UN = "un: {session: Fifty-seventh session, agenda_item: Agenda item 3}\n"  # 2 + 3 words


def run_check(tmp_path, capsys, text: str, *args: str) -> tuple[int, str]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["check", str(path), *args])
    return code, capsys.readouterr().out


def finding(out: str, rule: str) -> str:
    """The report line of one rule."""
    lines = [line.strip() for line in out.splitlines() if line.strip().split(" ", 1)[-1].lstrip().startswith(rule + ":")]
    assert len(lines) == 1, out
    return lines[0]


def test_every_rule_names_a_source_with_url_and_date():
    for name in names():
        found = profile(name)
        for source in found.data.sources.values():
            assert source.url.startswith("http") and source.title
            assert source.checked.isoformat() == "2026-11-30"
        for rule in found.rules:
            assert rule.says and rule.sources


# ------------------------------------------------------------ HRC written statements


@pytest.mark.parametrize("variant,limit,label", [("general", 2000, "general consultative status"),
                                                 ("special", 1500, "special consultative status"),
                                                 ("roster", 1500, "roster status")])
def test_hrc_word_limit_kept_and_broken_by_one(tmp_path, capsys, variant, limit, label):
    fixed = 18 + 5  # the fixed parts, and the session and agenda item lines
    code, out = run_check(tmp_path, capsys, position(f"hrc-written-statement/{variant}", limit - fixed, HRC_UN))
    assert code == 0, out
    assert finding(out, "words") == (f"ok         words: {limit:,} words in the text and footnotes "
                                     f"(limit {limit:,}, {label} — {HRC_SOURCE}; ECOSOC resolution 1996/31, "
                                     "Consultative relationship between the United Nations and non-governmental "
                                     "organizations (25 July 1996))")
    code, out = run_check(tmp_path, capsys, position(f"hrc-written-statement/{variant}", limit - fixed + 1, HRC_UN))
    assert code == 1
    assert finding(out, "words").startswith(
        f"BROKEN     words: {limit + 1:,} words in the text and footnotes, 1 over (limit {limit:,}, {label} — {HRC_SOURCE}")
    assert "1 rule broken" in out
    assert "<http://www2.ohchr.org/english/bodies/hrcouncil/guidelines.htm> (checked 2026-11-30)" in out


def test_hrc_missing_session_and_contact(tmp_path, capsys):
    text = position("hrc-written-statement/general", 100).replace("contacts:\n  - name: A. Person\n", "")
    code, out = run_check(tmp_path, capsys, text)
    assert code == 1
    assert finding(out, "session").startswith(f"BROKEN     session: missing: the session (un: session:), required ({HRC_SOURCE}")
    assert finding(out, "contact").startswith("BROKEN     contact: missing: a contact person (contacts:)")


def test_hrc_refuses_a_un_header_and_a_language_it_does_not_take(tmp_path, capsys):
    extra = "languages: [ru]\nun: {symbol: A/HRC/57/NGO/1, session: Fifty-seventh session}\n"
    code, out = run_check(tmp_path, capsys, position("hrc-written-statement/general", 100, extra))
    assert code == 1
    assert finding(out, "no-un-header").startswith("BROKEN     no-un-header: a UN header is given (un: symbol)")
    assert finding(out, "languages").startswith("BROKEN     languages: language ru is not accepted; accepted: en, fr, es")


def test_hrc_consultative_status_given_held_and_in_order(tmp_path, capsys):
    """Only organisations in consultative status submit; co-sponsors go general, special, roster."""
    general = position("hrc-written-statement/general", 100, HRC_UN)
    code, out = run_check(tmp_path, capsys, general.replace("    consultative_status: general\n", ""))
    assert code == 1
    assert finding(out, "consultative-status").startswith(
        "BROKEN     consultative-status: no consultative status given for Example Rights Network")
    code, out = run_check(tmp_path, capsys, general.replace("consultative_status: general", "consultative_status: special"))
    assert code == 1
    assert finding(out, "consultative-status").startswith(
        "BROKEN     consultative-status: the profile is for general consultative status, which no submitter has: "
        "Example Rights Network (special)")
    joint = general.replace("consultative_status: general", "consultative_status: roster") + \
        "co_leads:\n  - name: Second Network\n    consultative_status: general\n"
    code, out = run_check(tmp_path, capsys, joint)
    assert code == 1
    assert finding(out, "status-order").startswith(
        "BROKEN     status-order: co-sponsors not grouped general, special, roster: Example Rights Network (roster), "
        "Second Network (general) (source: OHCHR, Human Rights Council: Form for submitting an NGO written statement")
    assert finding(out, "consultative-status").startswith("ok ")  # one of them holds general status


# ------------------------------------------------------------ HRC Advisory Committee


def test_advisory_committee_special_status(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, position("hrc-advisory-committee/special", 1500 - 18))
    assert code == 0 and finding(out, "words").startswith("ok         words: 1,500 words in the text and footnotes "
                                                          "(limit 1,500, special consultative status")
    code, out = run_check(tmp_path, capsys, position("hrc-advisory-committee/special", 1500 - 18 + 1))
    assert code == 1 and "1,501 words in the text and footnotes, 1 over (limit 1,500" in finding(out, "words")


# ------------------------------------------------------------ Human Rights Committee


def test_ccpr_word_limit_and_languages(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, position("ccpr-shadow-report", 10000 - 18))
    assert code == 0
    assert finding(out, "words").startswith(f"ok         words: 10,000 words in the text and footnotes (limit 10,000 — {CCPR_SOURCE}")
    code, out = run_check(tmp_path, capsys, position("ccpr-shadow-report", 10000 - 18 + 1))
    assert code == 1 and "10,001 words in the text and footnotes, 1 over (limit 10,000" in finding(out, "words")
    code, out = run_check(tmp_path, capsys, position("ccpr-shadow-report", 100, "languages: [ar]\n"))
    assert code == 1 and finding(out, "languages").startswith("BROKEN     languages: language ar is not accepted")


# ------------------------------------------------------------ UPR: pages (LibreOffice)


def _docx_pdf_pages(tmp_path, text: str) -> list[str]:
    """The text of each page of the DOCX of ``text`` as LibreOffice lays it out."""
    from conftest import pdf_pages

    from paperkit.document import build
    from paperkit.load import load_text
    from paperkit.writers import WriterOptions, writer

    docx = writer("docx")(build(load_text(text)), WriterOptions())
    return pdf_pages(libreoffice_convert({"p": docx}, tmp_path)["p"].read_bytes())


def test_upr_page_limit_kept_and_broken_by_one_page(tmp_path, capsys):
    paragraph = " ".join(["The State has not implemented the recommendation on media freedom."] * 6)

    def upr(paragraphs: int) -> str:
        body = "\n  - ".join([paragraph] * paragraphs)
        return position("upr-stakeholder/individual", 0, body=body).replace("word[^n1]", "")

    # the numbered paragraphs that start on page 6 of a long submission, as LibreOffice lays it out
    import re

    pages = _docx_pdf_pages(tmp_path, upr(60))
    first_on_6 = int(re.search(r"^(\d+)\.", pages[5], re.M).group(1))
    fits = first_on_6 - 1  # paragraphs 1 … fits end by page 5 (the contact block may not: step back)
    while len(_docx_pdf_pages(tmp_path, upr(fits))) > 5:
        fits -= 1
    code, out = run_check(tmp_path, capsys, upr(fits))
    assert code == 0 and finding(out, "pages").startswith("ok         pages: DOCX 5 pages (LibreOffice)"), out
    assert f"(limit 5, individual submission — {UPR_SOURCE}" in finding(out, "pages")
    code, out = run_check(tmp_path, capsys, upr(fits + 1))  # one paragraph more: onto page 6
    assert code == 1
    assert finding(out, "pages").startswith("BROKEN     pages: DOCX 6 pages (LibreOffice)"), out
    assert ", 1 over (limit 5, individual submission" in finding(out, "pages")


def test_upr_paragraphs_and_pages_numbered_submitters_named(tmp_path, capsys):
    code, out = run_check(tmp_path, capsys, position("upr-stakeholder/joint", 50,
                                                     "co_leads:\n  - name: Second Coalition Member\n"))
    assert code == 0, out
    assert finding(out, "numbered-paragraphs").startswith("ok         numbered-paragraphs: paragraphs numbered 1–1")
    assert finding(out, "page-numbers").startswith("ok         page-numbers: pages numbered")
    assert "named at the start: Example Rights Network, Second Coalition Member" in finding(out, "submitters")
    assert "(limit 10, joint submission (large coalition of stakeholders)" in finding(out, "pages")
    code, out = run_check(tmp_path, capsys, position("upr-stakeholder/joint", 50, "numbered_paragraphs: false\n"))
    assert code == 1
    assert finding(out, "numbered-paragraphs").startswith(
        f"BROKEN     numbered-paragraphs: paragraphs are not numbered (numbered_paragraphs: true numbers them), "
        f"required ({UPR_SOURCE}")


# ------------------------------------------------------------ render: warnings, --strict, --final


def test_render_warns_on_pdf_only_and_strict_refuses(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(position("hrc-written-statement/general", 100, HRC_UN), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(path), "-f", "pdf", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "format: only PDF made, but the body accepts DOCX (Word): render with -f docx" in err
    assert main(["render", str(path), "-f", "pdf", "-o", str(tmp_path / "strict"), "--strict"]) == 1
    assert "profile rules broken (--strict)" in capsys.readouterr().err
    assert not (tmp_path / "strict").exists()
    assert main(["render", str(path), "-f", "docx,pdf", "-o", str(out), "--strict"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_render_profile_option_and_unknown_profile(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(position("hrc-written-statement/general", 100, HRC_UN).replace(
        "profile: hrc-written-statement/general\n", ""), encoding="utf-8")
    assert main(["render", str(path), "-f", "md", "-o", str(tmp_path), "--profile", "hrc-written-statement/roster"]) == 0
    assert "only Markdown made, but the body accepts DOCX (Word)" in capsys.readouterr().err
    assert main(["check", str(path), "--profile", "hrc-written-statement/nope"]) == 2  # a usage error
    assert "needs a variant: hrc-written-statement/general" in capsys.readouterr().err
    assert main(["check", str(path)]) == 2
    assert "no profile" in capsys.readouterr().err


def test_profile_in_file_is_validated_with_line(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(position("upr-stakeholder", 10), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5" in err and "profile" in err and "upr-stakeholder/individual" in err


@pytest.mark.parametrize("extra,word", [("draft: true\n", "draft"), ("embargo: 2024-09-09T09:00+09:00\n", "embargo")])
def test_final_refuses_draft_and_embargo(tmp_path, capsys, extra, word):
    path = tmp_path / "p.yaml"
    path.write_text(position("ccpr-shadow-report", 10, extra), encoding="utf-8")
    assert main(["render", str(path), "-f", "md", "-o", str(tmp_path / "out"), "--final"]) == 1
    assert f"render --final refuses" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert main(["render", str(path), "-f", "md", "-o", str(tmp_path / "out")]) == 0


def test_embargo_needs_an_offset(tmp_path, capsys):
    path = tmp_path / "p.yaml"
    path.write_text(position("ccpr-shadow-report", 10, "embargo: 2024-09-09T09:00\n"), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "embargo: give the UTC offset" in capsys.readouterr().err


# ------------------------------------------------------------ starters


@pytest.mark.parametrize("name", ["hrc-written-statement/general", "hrc-advisory-committee/roster",
                                  "upr-stakeholder/individual", "ccpr-shadow-report"])
def test_starter_passes_its_profile(tmp_path, capsys, name):
    path = tmp_path / "starter.yaml"
    assert main(["new", "submission", str(path), "--profile", name]) == 0
    capsys.readouterr()
    assert f"profile: {name}" in path.read_text(encoding="utf-8")
    assert main(["check", str(path)]) == 0, capsys.readouterr().out


# ------------------------------------------------------------ the layout a profile sets


def test_hrc_layout_in_docx_styles(tmp_path):
    """Times New Roman 12 justified, footnotes 10, title 12 (the guidelines' Sections V and VI)."""
    from paperkit.document import build
    from paperkit.load import load_text
    from paperkit.writers import WriterOptions, writer

    docx = writer("docx")(build(load_text(position("hrc-written-statement/general", 10, HRC_UN))), WriterOptions())
    from docx import Document

    word = Document(io.BytesIO(docx))
    styles = word.styles
    fonts = word.styles.element.find(".//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NSMAP)
    assert fonts.get(W + "ascii") == fonts.get(W + "hAnsi") == "Times New Roman"
    for style in styles:  # no style names a font of its own that would win over it
        if style.type == 1 and style.font.name is not None:
            assert style.font.name == "Times New Roman", style.name
    assert styles["Body Text"].font.size.pt == 12
    assert styles["Title"].font.size.pt == 12
    assert styles["footnote text"].font.size.pt == 10
    assert styles["Body Text"].paragraph_format.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY
    assert styles["footnote text"].paragraph_format.alignment == 3
