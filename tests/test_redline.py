"""paperkit diff: tracked-changes DOCX, HTML/PDF redline, update note (issue 16).

The two versions in tests/data/redline/ differ in every way the issue names: the title,
demand 1 edited, demand 2 moved to the end, demand 5 removed and a new one added, the
footnote edited, a new section, signatories added and removed, and the first paragraph
changed in French only.  Expected results are read from those files, not from the code.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from paperkit import build, load
from paperkit.cli import main
from paperkit.jobs import writer_options
from paperkit.redline import compare
from paperkit.writers import writer

from redline_review import W, part, plain_texts, reviewed_texts

DATA = Path(__file__).parent / "data" / "redline"
OLD, NEW = DATA / "old.yaml", DATA / "new.yaml"


@pytest.fixture(scope="module")
def result():
    return compare(load(OLD), load(NEW), formats=("docx", "html"))


def plain_docx(path: Path, lang: str) -> bytes:
    position = load(path)
    return writer("docx")(build(position, lang), writer_options(position))


# ---------------------------------------------------------------- DOCX: the changes are the difference


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", ["word/document.xml", "word/footnotes.xml"])
def test_accept_all_gives_new_and_reject_all_gives_old(result, lang, name):
    tracked = result.languages[lang].files["docx"]
    assert reviewed_texts(tracked, accept=True, name=name) == plain_texts(plain_docx(NEW, lang), name)
    assert reviewed_texts(tracked, accept=False, name=name) == plain_texts(plain_docx(OLD, lang), name)


def test_changes_are_real_tracked_changes_with_author_and_date(result):
    root = etree.fromstring(part(result.languages["en"].files["docx"]))
    inserted = ["".join(t.text for t in e.iter(W + "t")) for e in root.iter(W + "ins")]
    deleted = ["".join(t.text for t in e.iter(W + "delText")) for e in root.iter(W + "del")]
    assert ", including on devices" in inserted  # demand 1: only the new words, not the whole item
    assert "Refuse any general obligation to monitor." in deleted  # demand 5
    assert "Digitalcourage, Germany" in "".join(deleted)  # a signatory who left
    assert any("Chaos Computer Club" in text for text in inserted)
    assert not any("Reject client-side scanning" in text for text in deleted)
    marks = list(root.iter(W + "ins", W + "del"))
    assert {m.get(W + "author") for m in marks} == {"Example Coalition"}  # the issuer, by default
    assert {m.get(W + "date") for m in marks} == {"2024-04-19T00:00:00Z"}  # the new version's date
    assert len({m.get(W + "id") for m in marks}) == len(marks)


def test_changes_inside_the_footnote_are_tracked(result):
    root = etree.fromstring(part(result.languages["en"].files["docx"], "word/footnotes.xml"))
    assert [e.xpath("string()") for e in root.iter(W + "ins")] == [" as adopted in committee", "paragraphs", " and 3"]
    assert [e.xpath("string()") for e in root.iter(W + "del")] == ["paragraph"]


def test_untouched_paragraphs_are_byte_identical_to_the_plain_render(result):
    redline = etree.fromstring(part(result.languages["en"].files["docx"]))
    plain = etree.fromstring(part(plain_docx(NEW, "en")))
    plain_paragraphs = {etree.tostring(p) for p in plain.iter(W + "p")}
    untouched = ["Encryption protects journalists", "Publish the legal opinion", "Protect the security researchers",
                 "We stand ready to meet", "Access Now, International", "La Quadrature du Net, France"]
    for start in untouched:
        found = [p for p in redline.iter(W + "p") if p.xpath("string()").startswith(start)]
        assert len(found) == 1, start
        assert etree.tostring(found[0]) in plain_paragraphs, start


def test_docx_is_byte_identical_across_runs_and_python_docx_reads_it(result):
    import docx

    again = compare(load(OLD), load(NEW), formats=("docx",)).languages["en"].files["docx"]
    assert again == result.languages["en"].files["docx"]
    document = docx.Document(io.BytesIO(again))
    texts = [p.text for p in document.paragraphs if p.text]  # (the first paragraph only draws the rule over the title)
    assert texts[0] == "Keep encryption strong"  # python-docx reads the runs outside w:ins (the unchanged words)
    assert "Publish the legal opinion of its own services." in texts
    with zipfile.ZipFile(io.BytesIO(again)) as zf:
        assert zf.testzip() is None


def test_author_and_date_options(tmp_path):
    assert main(["diff", str(OLD), str(NEW), "--out", str(tmp_path), "-f", "docx", "--lang", "en",
                 "--author", "Jane Doe", "--date", "2024-05-01"]) == 0
    root = etree.fromstring(part((tmp_path / "redline-case.en.redline.docx").read_bytes()))
    marks = list(root.iter(W + "ins", W + "del"))
    assert {m.get(W + "author") for m in marks} == {"Jane Doe"}
    assert {m.get(W + "date") for m in marks} == {"2024-05-01T00:00:00Z"}


# ---------------------------------------------------------------- LibreOffice accepts and rejects them

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Review(source As String, target As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  document = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  If command &lt;&gt; &quot;&quot; Then
    dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    dispatcher.executeDispatch(document.getCurrentController().getFrame(), command, &quot;&quot;, 0, Array())
  End If
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text (encoded)&quot;
  store(1).Name = &quot;FilterOptions&quot;
  store(1).Value = &quot;UTF8,LF&quot;
  document.storeToURL(ConvertToURL(target), store())
  document.close(True)
End Sub
</script:module>
"""


def libreoffice_text(office: str, profile: Path, docx_path: Path, command: str) -> str:
    """The document as LibreOffice's text export, after ``command`` (a .uno: command, or none)."""
    target = docx_path.with_suffix(f".{command.rpartition(':')[2] or 'plain'}.txt")
    call = f'macro:///Standard.Module1.Review("{docx_path}","{target}","{command}")'
    subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", call],
                   check=True, capture_output=True, timeout=300)
    return target.read_text(encoding="utf-8-sig")


def test_libreoffice_accepting_all_changes_gives_new_and_rejecting_gives_old(result, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is needed for this test (Debian: libreoffice-writer-nogui)"
    profile = tmp_path / "profile"  # its own profile, holding the macro
    subprocess.run([office, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"],
                   check=True, capture_output=True, timeout=300)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(_MACRO, encoding="utf-8")
    files = {"tracked": result.languages["en"].files["docx"], "old": plain_docx(OLD, "en"),
             "new": plain_docx(NEW, "en")}
    for name, data in files.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
    accepted = libreoffice_text(office, profile, tmp_path / "tracked.docx", ".uno:AcceptAllTrackedChanges")
    assert accepted == libreoffice_text(office, profile, tmp_path / "new.docx", "")
    assert "including on devices" in accepted and "Refuse any general obligation" not in accepted
    # Rejecting: LibreOffice 7.4 finds the moved demand itself (same words deleted and inserted) and,
    # rejecting that move, leaves the list's numbering on the paragraph after the inserted block
    # ("6. We stand ready …"); Word was not available to compare.  Without a move it gives OLD back.
    text = NEW.read_text(encoding="utf-8")
    start = text.index("        - en: Consult civil society")
    unmoved = tmp_path / "unmoved.yaml"
    unmoved.write_text(text[:start] + text[text.index("        - en: Hold a public"):], encoding="utf-8")
    (tmp_path / "unmoved.docx").write_bytes(
        compare(load(OLD), load(unmoved), formats=("docx",), lang="en").languages["en"].files["docx"])
    rejected = libreoffice_text(office, profile, tmp_path / "unmoved.docx", ".uno:RejectAllTrackedChanges")
    assert rejected == libreoffice_text(office, profile, tmp_path / "old.docx", "")
    assert "Refuse any general obligation" in rejected and "including on devices" not in rejected


# ---------------------------------------------------------------- the update note


def test_update_note_names_each_change_by_its_place(result):
    assert result.languages["en"].note == (
        "Updated on April 19, 2024: title revised; section “After the committee vote” added; demand 5 added; "
        "demand 1 revised; demand 2 moved to 4; demand 5 removed; note 1 revised; 1 signatory removed; "
        "2 signatories added (total 5).")


def test_a_translation_changed_in_one_language_only_shows_only_there(result):
    assert "paragraph 1" not in result.languages["en"].note
    assert "paragraphe 1 révisé" in result.languages["fr"].note
    assert result.languages["fr"].note.startswith("Mis à jour le 19 avril 2024\u00a0: titre révisé")


@pytest.mark.parametrize("lang, words", [
    ("es", "Actualizado el 19 de abril de 2024"), ("fr", "Mis à jour le 19 avril 2024"),
    ("ar", "حُدِّث في"), ("zh", "更新于2024年4月19日"), ("ru", "Обновлено 19 апреля 2024"),
    ("ja", "2024年4月19日更新"),
])
def test_update_note_in_each_catalog_language(lang, words):
    from paperkit.redline.changes import Change, Summary
    from paperkit.redline.note import update_note

    summary = Summary((Change("demand", "added", "4"), Change("paragraph", "revised", "2")), 12, 0, 158)
    note = update_note(summary, lang, "2024-04-19")
    assert note.startswith(words) or words in note
    assert "demand 4" not in note and "added" not in note and "signator" not in note  # translated, not English
    assert "12" in note and "158" in note and "4" in note


@pytest.mark.filterwarnings("default::paperkit.errors.TranslationWarning")  # --fallback warns, as it should
def test_a_new_language_is_reported_as_such(tmp_path, capsys):
    text = NEW.read_text(encoding="utf-8").replace("languages: [en, fr]", "languages: [en, fr, es]")
    text = text.replace("  fr: Préserver un chiffrement robuste pour tous",
                        "  fr: Préserver un chiffrement robuste pour tous\n  es: Mantener un cifrado robusto para todos")
    newer = tmp_path / "newer.yaml"
    newer.write_text(text, encoding="utf-8")
    assert main(["diff", str(OLD), str(newer), "--out", str(tmp_path / "out"), "-f", "docx",
                 "--fallback", "en"]) == 0
    out = capsys.readouterr().out
    assert "new language: es" in out
    assert "Spanish version added" in out and "version en espagnol ajoutée" in out
    assert not list((tmp_path / "out").glob("*.es.*"))  # no redline for a language the old version lacks


def test_write_update_appends_to_updates_and_keeps_comments(tmp_path):
    newer = tmp_path / "new.yaml"
    newer.write_text(NEW.read_text(encoding="utf-8").replace(
        "date: 2024-04-19", "date: 2024-04-19  # the day of the update"), encoding="utf-8")
    assert main(["diff", str(OLD), str(newer), "--out", str(tmp_path / "out"), "-f", "docx",
                 "--write-update"]) == 0
    text = newer.read_text(encoding="utf-8")
    assert "# the day of the update" in text and text.startswith("# The second version of old.yaml")
    position = load(newer)
    assert len(position.updates) == 1
    update = position.updates[0]
    assert str(update.date) == "2024-04-19"
    assert update.text["en"].startswith("Title revised; section “After the committee vote” added;")
    assert update.text["fr"].startswith("Titre révisé\u00a0; section")
    rendered = " ".join(writer("txt")(build(position, "en"), writer_options(position)).decode().split())
    assert "Title revised; section “After the committee vote” added; demand 5 added;" in rendered


# ---------------------------------------------------------------- HTML and PDF redline


def test_html_redline_marks_insertions_deletions_and_bars(result):
    from lxml import html

    root = html.document_fromstring(result.languages["en"].files["html"].decode())
    inserted = [e.text_content() for e in root.iter("ins")]
    deleted = [e.text_content() for e in root.iter("del")]
    assert ", including on devices" in inserted and " for everyone" in inserted
    assert any("Refuse any general obligation to monitor." in d for d in deleted)
    assert any("Digitalcourage" in d for d in deleted)
    summary = root.find_class("rl-summary")[0]
    assert summary.text_content().startswith("Updated on April 19, 2024: title revised")
    barred = root.find_class("rl-changed") + root.find_class("rl-inserted") + root.find_class("rl-deleted")
    texts = [e.text_content() for e in barred]
    assert any("Hold a public hearing" in t for t in texts)
    assert not any("Encryption protects" in t for t in texts)  # unchanged in English: no bar
    assert any("ins.rl-ins" in (style.text or "") for style in root.iter("style"))


def test_pdf_redline_summary_on_the_first_page_and_struck_text():
    from conftest import pdf_pages

    pdf = compare(load(OLD), load(NEW), formats=("pdf",), lang="en").languages["en"].files["pdf"]
    first = pdf_pages(pdf)[0]
    assert "Updated on April 19, 2024: title revised" in " ".join(first.split())
    assert "Refuse any general obligation to monitor." in " ".join(first.split())


# ---------------------------------------------------------------- versions from git; bad input


def test_old_version_from_a_git_revision(tmp_path, capsys):
    git = shutil.which("git")
    assert git
    repo = tmp_path / "repo"
    (repo / "positions").mkdir(parents=True)
    (repo / "themes").mkdir()
    env = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([git, "init", "-q"], cwd=repo, check=True)
    themed = "theme: ../themes/look.yaml\nissued_by:"  # outside the position's folder: --allow themes
    (repo / "themes" / "look.yaml").write_text('colours: {primary: "#0b4f6c", accent: "#d1495b"}\n')
    (repo / "positions" / "x.yaml").write_text(OLD.read_text(encoding="utf-8").replace("issued_by:", themed, 1))
    subprocess.run([git, *env, "add", "."], cwd=repo, check=True)
    subprocess.run([git, *env, "commit", "-qm", "old"], cwd=repo, check=True)
    (repo / "positions" / "x.yaml").write_text(NEW.read_text(encoding="utf-8").replace("issued_by:", themed, 1))
    (repo / "themes" / "look.yaml").write_text('colours: {primary: "#123456", accent: "#d1495b"}\n')
    import os

    here = os.getcwd()
    os.chdir(repo)
    try:
        assert main(["diff", "HEAD:positions/x.yaml", "positions/x.yaml", "--out", str(tmp_path / "out"),
                     "-f", "docx,html", "--lang", "en", "--allow", "themes"]) == 0
    finally:
        os.chdir(here)
    assert "demand 2 moved to 4" in capsys.readouterr().out
    page = (tmp_path / "out" / "redline-case.en.redline.html").read_text(encoding="utf-8")
    assert "#123456" in page.lower()  # the new version's theme, from the working tree


@pytest.mark.parametrize("args", [["missing.yaml", str(NEW)], ["HEAD~999999:nothing.yaml", str(NEW)]])
def test_a_version_that_cannot_be_read_is_named_and_nothing_is_written(tmp_path, capsys, args):
    out = tmp_path / "out"
    assert main(["diff", *args, "--out", str(out)]) == 2
    assert args[0] in capsys.readouterr().err
    assert not out.exists()


def test_the_revised_seed_carries_the_update_note_paperkit_diff_makes():
    root = Path(__file__).resolve().parent.parent / "positions"
    first = load(root / "paperkit-2024-10-statements-in-every-language.yaml")
    revised = load(root / "revised" / "paperkit-2024-10-statements-in-every-language.yaml")
    result = compare(first, revised, formats=())
    assert set(result.languages) == {"en", "es", "fr", "ar", "zh", "ru", "ja"}
    written = revised.updates[-1]
    assert str(written.date) == "2024-11-20"
    for lang, diff in result.languages.items():
        assert diff.sentence == written.text[lang], lang
    assert result.languages["en"].note == ("Updated on November 20, 2024: demand 4 added; demand 3 revised; "
                                           "note 1 revised.")
    assert "заголовок «Наши призывы» изменён" in result.languages["ru"].note  # the Russian heading only
    assert "要求3" not in result.languages["ja"].note  # the Japanese item 3 kept its full stop


def test_signatories_from_a_csv_in_columns_and_links_printed_as_notes(tmp_path):
    """The joint statement's CSV loses one name and gains three; its links are notes in print."""
    from paperkit.resolve import resolve

    root = Path(__file__).resolve().parent.parent
    seed = root / "positions" / "civil-society-2024-01-cybercrime-concluding-session.yaml"
    csv = seed.with_name(seed.stem + ".signatories.csv")
    versions = {}
    for name in ("old", "new"):
        folder = tmp_path / name
        folder.mkdir()
        text = seed.read_text(encoding="utf-8").replace("../themes/", str(root / "themes") + "/")
        rows = csv.read_text(encoding="utf-8").splitlines()
        if name == "new":
            rows = [r for r in rows if not r.startswith("ARTICLE 19,")] + [
                "Example Digital Rights Network,organisation,ngos", "Second Example Coalition,organisation,ngos",
                "Third Example Group,organisation,ngos"]
        (folder / seed.name).write_text(text, encoding="utf-8")
        (folder / csv.name).write_text("\n".join(rows) + "\n", encoding="utf-8")
        versions[name] = resolve(load(folder / seed.name), allow=(root / "themes",))
    result = compare(versions["old"], versions["new"], formats=("docx",))
    assert result.languages["en"].note.endswith("1 signatory removed; 3 signatories added (total 22).")
    tracked = result.languages["en"].files["docx"]
    for name in ("word/document.xml", "word/footnotes.xml"):
        for version, accept in (("new", True), ("old", False)):
            resolved = versions[version]
            plain = writer("docx")(build(resolved, "en"), writer_options(resolved))
            assert reviewed_texts(tracked, accept, name) == plain_texts(plain, name), (name, version)
    deleted = "".join(etree.fromstring(part(tracked)).xpath("//w:delText/text()", namespaces={"w": W[1:-1]}))
    assert "ARTICLE 19" in deleted


def test_a_new_version_without_a_date_asks_for_one(tmp_path, capsys):
    undated = tmp_path / "undated.yaml"
    undated.write_text(NEW.read_text(encoding="utf-8").replace("date: 2024-04-19\n", ""), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["diff", str(OLD), str(undated), "--out", str(out), "-f", "docx", "--lang", "en"]) == 2
    assert "--date" in capsys.readouterr().err and not out.exists()
    assert main(["diff", str(OLD), str(undated), "--out", str(out), "-f", "docx", "--lang", "en",
                 "--date", "2024-04-19"]) == 0
    assert list(out.glob("*.redline.docx"))


def test_tables_and_figures_are_named_in_the_update_note(tmp_path):
    """A changed cell, a new table and a revised caption reach the note, as paragraphs do."""
    from PIL import Image

    Image.new("RGB", (40, 20), "white").save(tmp_path / "chart.png")
    head = ("id: t\nkind: statement\ntitle: Tables\ndate: {date}\nlanguages: [en, fr]\nissued_by:\n  - name: Org\n"
            "body:\n  - {{en: Figures of the year., fr: Les chiffres de l'année.}}\n")
    table = "  - table: {{header: [Country, Cases], rows: [[A, '{cases}'], [B, '7']]}}\n"
    figure = "  - figure: {{image: chart.png, alt: A chart, caption: {{en: '{caption}', fr: '{caption}'}}}}\n"
    old = tmp_path / "old.yaml"
    old.write_text(head.format(date="2024-04-02") + table.format(cases=3) + figure.format(caption="Cases"),
                   encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(head.format(date="2024-04-19") + table.format(cases=4) + figure.format(caption="Cases in 2024")
                   + "  - table: {rows: [[C, '9']]}\n", encoding="utf-8")
    found = compare(load(old), load(new), formats=("html",))
    assert found.languages["en"].note == (
        "Updated on April 19, 2024: table 2 added; table 1 revised; figure 1 revised.")
    french = found.languages["fr"].note.replace("\xa0", " ").replace("\u202f", " ")  # French spacing
    assert french.endswith(": tableau 2 ajouté ; tableau 1 révisé ; figure 1 révisée.")
