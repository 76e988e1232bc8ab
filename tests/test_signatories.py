"""Signatories: CSV import, clean-up, duplicates, order, counts in the prose, and every output."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

import paperkit
from paperkit.cli import main
from paperkit.document import build, plain
from paperkit.document import nodes as n
from paperkit.errors import InvalidInput
from paperkit.load import load, load_text
from paperkit.cli.signatories import check
from paperkit.document.collation import sort_key, surname_first
from paperkit.document.signatories import arranged as arranged_resolved
from paperkit.load.signatories import parse_csv, parse_map, read_csv
from paperkit.model.signatories import clean, match_key
from paperkit.resolve import resolve
from paperkit.model import Signatory
from paperkit.writers import WriterOptions, writer

from seeds import extract_text, normalise

# The lists here hold duplicates on purpose (the 600-row sign-on export): dropping them warns,
# as it should; those warnings are asserted in test_elements.py and the check report below.
pytestmark = pytest.mark.filterwarnings("ignore::paperkit.errors.SignatoryWarning")

DATA = Path(__file__).resolve().parent / "data"
JOINT = DATA / "joint-600.yaml"
CSV_600 = DATA / "signatories-600.csv"
EXPECTED = json.loads((DATA / "signatories-600.expected.json").read_text(encoding="utf-8"))

HEAD = """\
id: t
kind: joint-statement
title: A joint statement
date: 2024-01-23
issued_by:
  - name: Test Org
"""



def arranged(position):
    """The position's signatories as the document builder arranges them."""
    return arranged_resolved(resolve(position))

def position_with(tmp_path: Path, csv_text: str | bytes, signatories: str, body: str = "A paragraph.",
                  extra: str = "") -> Path:
    """A position file in tmp_path whose signatories read ``list.csv``."""
    data = csv_text if isinstance(csv_text, bytes) else csv_text.encode("utf-8")
    (tmp_path / "list.csv").write_bytes(data)
    path = tmp_path / "position.yaml"
    path.write_text(HEAD + extra + f"body:\n  - {body}\nsignatories:\n  file: list.csv\n" + signatories,
                    encoding="utf-8")
    return path


def names_in(document: n.Document) -> list[str]:
    block = signatories_block(document)
    return [entry.name for group in block.groups for entry in group.entries]


def signatories_block(document: n.Document) -> n.Signatories:
    return next(b for b in document.blocks if isinstance(b, n.Signatories))


# ---------------------------------------------------------------- the 600-row export


@lru_cache(maxsize=1)
def joint_600():
    position = load(JOINT)
    return position, build(position)


def test_the_committed_600_rows_are_what_the_generator_writes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_signatories", DATA / "make_signatories.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text, expected = module.make()
    assert CSV_600.read_bytes().decode("utf-8") == text
    assert expected == EXPECTED
    assert text.count("\r\n") == 601  # the header and 600 rows


def test_600_rows_give_the_right_count_and_drop_duplicates_and_empty_rows():
    position, _ = joint_600()
    result = arranged(position)
    counts = result.counts
    assert (counts.total, counts.organisations, counts.individuals, counts.countries, counts.withheld) == (
        EXPECTED["counts"]["total"], EXPECTED["counts"]["organisations"], EXPECTED["counts"]["individuals"],
        EXPECTED["counts"]["countries"], EXPECTED["counts"]["withheld"])
    assert list(result.imported.empty_rows) == EXPECTED["empty_rows"]
    dropped = [(int(d.dropped.source.split()[1]), int(d.kept.source.split()[1])) for d in result.duplicates]
    assert dropped == [(d["row"], d["kept_row"]) for d in EXPECTED["dropped"]]


def test_each_surviving_name_is_in_the_tree_exactly_once():
    _, document = joint_600()
    names = names_in(document)
    survivors = [s["name"] for s in EXPECTED["survivors"]]
    assert sorted(n for n in names if n != "Name withheld") == sorted(survivors)
    assert names.count("Name withheld") == EXPECTED["withheld"]
    assert len(names) == EXPECTED["counts"]["total"]


def test_duplicate_report_names_rows_and_how_they_differ():
    text = check(CSV_600)
    assert f"duplicates: {len(EXPECTED['dropped'])} (the first is kept" in text
    assert "rows: 600 read, 30 empty skipped" in text
    for kind in ("differs only in case", "differs only in accents", "differs only in white space",
                 "differs only in Unicode normalisation", "listed as organisation and as individual",
                 "the same name"):
        assert kind in text, kind
    first = EXPECTED["dropped"][0]
    assert re.search(rf"row {first['row']} .* = row {first['kept_row']} ", text)


@pytest.fixture(scope="module")
def outputs():
    """The 600-signatory statement in every format that has a writer, as reader-visible text."""
    _, document = joint_600()
    options = WriterOptions(resource_roots=(DATA,))
    return {fmt: output_text(fmt, writer(fmt)(document, options)) for fmt in ("md", "txt", "pdf", "docx")}


def output_text(fmt: str, data: bytes) -> str:
    if fmt == "docx":
        return docx_text(data)
    return extract_text(fmt, data)


def docx_text(data: bytes) -> str:
    """Every paragraph of a DOCX (body, tables, sections), as Word shows it."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t")))
                     for p in body.iter(docx.oxml.ns.qn("w:p")))


FORMATS = ["md", "txt", "pdf", "docx"]


# What pdftotext cannot give back as written: right-to-left lines come out in visual order
# (reversed), and Malayalam vowel signs written before their consonant (േ, െ, ൈ and the
# two-part ൊ, ോ, ൌ) are dropped from the extracted text.  A PDF name counts as found in
# either reading; the other formats must give every name exactly as written.
_PRE_BASE = re.compile("[\u0d46\u0d47\u0d48\u0d4a\u0d4b\u0d4c]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def times_shown(name: str, text: str, fmt: str) -> int:
    if fmt != "pdf":
        return text.count(normalise(name))
    text = _PRE_BASE.sub("", text)
    wanted = normalise(_PRE_BASE.sub("", name))
    found = text.count(wanted)
    if _RTL.search(name):
        found += text.count(wanted[::-1])
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_surviving_name_is_in_the_output_exactly_once(outputs, fmt):
    text = normalise(outputs[fmt])
    wrong = {s["name"]: times_shown(s["name"], text, fmt) for s in EXPECTED["survivors"]}
    wrong = {name: times for name, times in wrong.items() if times != 1}
    assert wrong == {}, f"{fmt}: names not shown exactly once: {list(wrong.items())[:10]}"
    assert text.count(normalise("Name withheld")) == EXPECTED["withheld"]
    assert EXPECTED["withheld_secret"].casefold() not in outputs[fmt].casefold()


@pytest.mark.parametrize("fmt", FORMATS)
def test_dropped_spellings_do_not_reach_the_output(outputs, fmt):
    text = outputs[fmt]
    kept = {s["name"] for s in EXPECTED["survivors"]}
    for dup in EXPECTED["dropped"]:
        spelling = clean(dup["name"])
        if spelling not in kept and unicodedata.normalize("NFKC", spelling) == spelling and spelling.strip():
            assert spelling not in text, f"{fmt}: {spelling!r} (row {dup['row']}) is a duplicate"


@pytest.mark.parametrize("fmt", FORMATS)
def test_counts_in_the_text_match_the_list(outputs, fmt):
    _, document = joint_600()
    entries = [e for g in signatories_block(document).groups for e in g.entries]
    organisations = sum(e.kind == "organisation" for e in entries)
    individuals = sum(e.kind == "individual" for e in entries)
    text = re.sub(r"\s+", " ", outputs[fmt])
    match = re.search(r"signed by (\d+) organisations and (\d+) individuals from (\d+) countries: "
                      r"(\d+) signatures", text)
    assert match, f"{fmt}: the sentence with the counts is missing"
    assert [int(x) for x in match.groups()] == [organisations, individuals, EXPECTED["counts"]["countries"],
                                                len(entries)]
    assert "{like this}" in text and "{signatories.total} is written literally" in text


def test_groups_headings_note_columns_and_full_list_line():
    _, document = joint_600()
    block = signatories_block(document)
    assert [plain(g.heading) for g in block.groups] == ["Organisations", "Individuals*"]
    assert plain(block.groups[1].note) == "*Affiliation for identification purposes only"
    assert {e.kind for e in block.groups[0].entries} == {"organisation"}
    assert {e.kind for e in block.groups[1].entries} == {"individual"}
    assert plain(block.full_list) == "The full list of signatories is available at https://example.org/signatories."
    assert block.counts == n.SignatoryCounts(**EXPECTED["counts"])


def test_alphabetical_order_of_the_600_is_deterministic(tmp_path):
    _, document = joint_600()
    rows = CSV_600.read_bytes().decode("utf-8").split("\r\n")
    dropped = {d["row"] for d in EXPECTED["dropped"]}  # which copy is first would change with the order
    header, body = rows[0], [r for number, r in enumerate(rows, start=1) if number > 1 and number not in dropped]
    random.Random(1).shuffle(body)
    shuffled = position_with(tmp_path, "\r\n".join([header] + body) + "\r\n",
                             JOINT.read_text(encoding="utf-8").split("signatories:\n", 1)[1]
                             .replace("  file: signatories-600.csv\n", ""))
    again = build(load(shuffled))
    assert names_in(again) == names_in(document)


# ---------------------------------------------------------------- order


def ordered(names: list[str], kind: str = "individual") -> list[str]:
    signatories = [Signatory(name=name, type=kind) for name in names]
    return [s.name for s in sorted(signatories, key=sort_key)]


def test_accented_names_sort_with_their_base_letter():
    assert ordered(["Zoë Bank", "Émile Anders", "Eva Anders", "Ángel Ayala", "Anna Ayala"], "organisation") == [
        "Ángel Ayala", "Anna Ayala", "Émile Anders", "Eva Anders", "Zoë Bank"]
    assert ordered(["Oslo", "Ørsted", "Ærø", "Adams"], "organisation") == ["Adams", "Ærø", "Ørsted", "Oslo"]


def test_individuals_sort_by_surname_with_particles_handled():
    names = ["María de la Cruz", "Ludwig van Beethoven", "Robert De Niro", "Anna Dahl", "Karl von Cramm",
             "Ali al-Hakim", "Martin Luther King Jr.", "Zed Abbott", "Doe, Jane"]
    assert ordered(names) == ["Zed Abbott", "Ludwig van Beethoven", "Karl von Cramm", "María de la Cruz",
                              "Anna Dahl", "Robert De Niro", "Doe, Jane", "Ali al-Hakim", "Martin Luther King Jr."]
    assert surname_first("María de la Cruz") == "Cruz, María de la"
    assert surname_first("Robert De Niro") == "De Niro, Robert"
    assert surname_first("Ludwig van der Berg Jr.") == "Berg, Ludwig van der Jr."
    assert surname_first("Van Morrison") == "Morrison, Van"
    assert surname_first("山田太郎") == "山田太郎" and surname_first("Doe, Jane") == "Doe, Jane"


def test_organisations_sort_as_written():
    assert ordered(["van Gogh Museum", "Access Now", "de Balie"], "organisation") == [
        "Access Now", "de Balie", "van Gogh Museum"]


def test_other_scripts_come_after_latin_in_a_fixed_order():
    names = ["山田太郎", "محمد الأحمد", "Zoë Zed", "അനിൽ കുമാർ", "Иван Петров", "Anna Abel", "王芳", "Ωmega Ω"]
    first = ordered(names)
    assert first[:2] == ["Anna Abel", "Zoë Zed"]
    scripts = [unicodedata.name(name[0]).split()[0] for name in first[2:]]
    assert scripts == ["GREEK", "CYRILLIC", "ARABIC", "MALAYALAM", "CJK", "CJK"]
    for seed in range(5):
        shuffled = names[:]
        random.Random(seed).shuffle(shuffled)
        assert ordered(shuffled) == first


def test_sort_as_overrides_and_withheld_come_last():
    signatories = [Signatory(name="Gabriel García Márquez", type="individual", sort_as="García Márquez, Gabriel"),
                   Signatory(withheld=True, type="individual"),
                   Signatory(name="Isabel Allende", type="individual"),
                   Signatory(name="Mario Vargas Llosa", type="individual", sort_as="Vargas Llosa, Mario")]
    assert [s.name for s in sorted(signatories, key=sort_key)] == [
        "Isabel Allende", "Gabriel García Márquez", "Mario Vargas Llosa", None]


def test_given_order_keeps_the_export_order(tmp_path):
    path = position_with(tmp_path, "name\nZed\nAbel\nMorris\n", "  groups:\n    - heading: All\n")
    assert names_in(build(load(path))) == ["Zed", "Abel", "Morris"]


# ---------------------------------------------------------------- clean-up and duplicates


def test_clean_up_trims_collapses_and_composes_but_never_changes_case_or_spelling():
    assert clean("  de la\u00a0Cruz \t ") == "de la Cruz"
    assert clean("Jose\u0301") == "José"
    assert clean("ARTICLE 19") == "ARTICLE 19" and clean("iLIT") == "iLIT"
    assert match_key("  Électronique  Frontière ") == match_key("electroniquefrontiere")


def test_inline_entries_are_cleaned_and_deduplicated_too():
    document = build(load_text(HEAD + """\
body: [A paragraph.]
signatories:
  groups:
    - heading: Organisations
      entries: ["Access  Now", "ARTICLE 19", "access now"]
    - heading: Individuals
      takes: individual
      entries: [{name: "José  Pérez", country: Chile}, "Article 19"]
"""))
    block = signatories_block(document)
    assert [[e.name for e in g.entries] for g in block.groups] == [["Access Now", "ARTICLE 19"], ["José Pérez"]]
    assert block.groups[1].entries[0].kind == "individual" and block.groups[1].entries[0].detail == "Chile"
    assert block.counts.total == 3 and block.counts.individuals == 1


def test_duplicates_keep_the_first_and_rendering_does_not_fail(tmp_path):
    csv_text = "name,type\nAccess Now,organisation\nACCESS NOW,organisation\naccess now,individual\n"
    path = position_with(tmp_path, csv_text, "  groups:\n    - heading: All\n")
    document = build(load(path))
    assert names_in(document) == ["Access Now"]
    assert writer("txt")(document, WriterOptions()).decode("utf-8").count("ACCESS NOW") == 0


def test_withheld_names_show_a_localised_label_and_are_counted(tmp_path):
    csv_text = "name,type,country,withheld\nHidden Person,individual,Kenya,yes\n,individual,,x\nShown Person,individual,,no\n"
    path = position_with(tmp_path, csv_text, "  groups:\n    - heading: People\n", extra="languages: [en, fr]\n")
    position = load(path)
    english, french = build(position, "en"), build(position, "fr")
    assert names_in(english) == ["Name withheld", "Name withheld", "Shown Person"]
    assert names_in(french)[0] == "Nom non divulgué"
    assert signatories_block(english).groups[0].entries[0].detail == "Kenya"
    assert signatories_block(english).counts.withheld == 2
    for fmt in ("md", "txt"):
        assert "Hidden Person" not in writer(fmt)(english, WriterOptions()).decode("utf-8")


def test_withheld_label_can_be_set_in_the_position(tmp_path):
    path = position_with(tmp_path, "name,withheld\nX,yes\n", "  withheld_label: Anonymous signatory\n"
                         "  groups:\n    - heading: People\n")
    assert names_in(build(load(path))) == ["Anonymous signatory"]


def test_privacy_wins_when_a_withheld_name_is_also_listed_openly(tmp_path):
    path = position_with(tmp_path, "name,withheld\nJane Roe,no\njane roe,yes\n", "  groups:\n    - heading: All\n")
    assert names_in(build(load(path))) == ["Name withheld"]


# ---------------------------------------------------------------- counts in the prose


@pytest.mark.filterwarnings("ignore::paperkit.errors.LabelWarning")  # German has no catalog: labels in English
def test_counts_are_formatted_for_the_language(tmp_path):
    rows = "\n".join(f"Organisation {i:05d},organisation,Country {i % 1203}" for i in range(1234))
    path = position_with(tmp_path, "name,type,country\n" + rows + "\n", "  groups:\n    - heading: All\n",
                         body="'{signatories.total} signatures from {signatories.countries} countries.'",
                         extra="languages: [en, de, fr]\n")
    position = load(path)
    texts = {lang: plain(build(position, lang).blocks[0].content) for lang in ("en", "de", "fr")}
    assert texts["en"] == "1,234 signatures from 1,203 countries."
    assert texts["de"] == "1.234 signatures from 1.203 countries."
    assert texts["fr"].replace("\u202f", " ").replace("\u00a0", " ") == "1 234 signatures from 1 203 countries."


def test_countries_count_names_and_codes_once(tmp_path):
    path = position_with(tmp_path, "name,country\nA,Kenya\nB,KE\nC,kenya\nD,Brazil\nE,\n", "  groups:\n    - heading: All\n")
    assert arranged(load(path)).counts.countries == 2


@pytest.mark.parametrize("body,words", [
    ("'{signatories.totl} signed.'", "did you mean {signatories.total}"),
    ("'{signatory.total} signed.'", "unknown placeholder {signatory.total}"),
])
def test_an_unknown_placeholder_is_a_validation_error_with_its_place(tmp_path, body, words):
    path = position_with(tmp_path, "name\nA\n", "  groups:\n    - heading: All\n", body=body)
    with pytest.raises(InvalidInput) as error:
        resolve(load(path))
    problem = error.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (str(path), 8, "body[0]")
    assert words in problem.message


def test_signatory_placeholders_need_signatories():
    with pytest.raises(InvalidInput) as error:
        load_text(HEAD + "body: ['{signatories.total} signed.']\n", "p.yaml")
    assert "the position has no signatories" in str(error.value)
    assert error.value.problems[0].line == 7


def test_braces_that_are_not_placeholders_stay_and_double_braces_are_literal():
    document = build(load_text(HEAD + """\
body:
  - "Sets {a, b}, a lone { brace, {not a placeholder}, and {{signatories.total}} in **bold {{x}}**."
signatories:
  groups: [{heading: All, entries: [A]}]
"""))
    assert plain(document.blocks[0].content) == (
        "Sets {a, b}, a lone { brace, {not a placeholder}, and {signatories.total} in bold {{x}}.")


def test_a_value_never_becomes_markup():
    from paperkit.document.placeholders import substitute

    assert substitute("{x.y} and {{", {"x.y": "*a* [b](c)"}, markup=True) == r"\*a\* \[b\]\(c\) and {{"
    assert substitute("{x.y}, {{x.y}}, {{ 7*7 }}", {"x.y": "*a*"}) == "*a*, {x.y}, {{ 7*7 }}"


# ---------------------------------------------------------------- CSV import: maps, presets, encodings


def test_google_forms_preset(tmp_path):
    imported = read_csv(DATA / "google-forms.csv", preset="google-forms")
    assert [(r.row, r.signatory.name, r.signatory.type, r.signatory.withheld) for r in imported.rows] == [
        (2, "Derechos Digitales", "organisation", False), (3, "Ana María Pérez", "individual", False),
        (4, "Kwame Mensah", "individual", True), (5, "derechos digitales", "organisation", False)]
    assert imported.rows[0].signatory.url == "https://derechosdigitales.org"
    assert imported.rows[1].signatory.affiliation == "Universidad de Chile"
    assert imported.rows[1].signatory.role == "Professor of Law"
    assert imported.ignored == ("Email Address",)
    assert imported.columns["signed"] == "Timestamp"
    report = check(DATA / "google-forms.csv", preset="google-forms")
    assert "signatories: 3 (1 organisation, 2 individuals, 1 withheld) from 2 countries" in report
    assert "row 5 'derechos digitales' (organisation) = row 2 'Derechos Digitales'" in report


def test_action_network_preset_joins_first_and_last_name():
    imported = read_csv(DATA / "action-network.csv", preset="action-network", default_type="individual")
    first = imported.rows[0].signatory
    assert (first.name, first.type, first.country, first.affiliation, first.role, str(first.signed)) == (
        "Søren Andersen", "individual", "DK", "Aarhus Universitet", "Lecturer", "2024-01-07")
    assert [r.signatory.name for r in imported.rows][1:] == ["María de la Cruz", "Ludwig van Beethoven"]


def test_action_network_in_a_position_sorted_by_surname(tmp_path):
    path = position_with(tmp_path, (DATA / "action-network.csv").read_bytes(),
                         "  preset: action-network\n  default_type: individual\n  order: alphabetical\n"
                         "  groups:\n    - heading: Individuals\n")
    assert names_in(build(load(path))) == ["Søren Andersen", "Ludwig van Beethoven", "María de la Cruz"]


def test_column_map_in_the_position(tmp_path):
    csv_text = "Organisation name,Land,Kind\nBits of Freedom,Netherlands,Organisation\nJo Smith,UK,Individual\n"
    path = position_with(tmp_path, csv_text, '  columns: {name: "Organisation name", country: Land, type: Kind}\n'
                         "  groups:\n    - {heading: Organisations, takes: organisation}\n"
                         "    - {heading: People, takes: individual}\n")
    block = signatories_block(build(load(path)))
    assert [[(e.name, e.detail) for e in g.entries] for g in block.groups] == [
        [("Bits of Freedom", "Netherlands")], [("Jo Smith", "UK")]]


def test_column_map_on_the_command_line(tmp_path, capsys):
    (tmp_path / "export.csv").write_text("Organisation name,Land,First,Last\nBits of Freedom,NL,,\n,FR,Jo,Smith\n",
                                         encoding="utf-8")
    assert parse_map(['name="Organisation name",country=Land']) == {"name": "Organisation name", "country": "Land"}
    assert parse_map("name=First+Last") == {"name": ["First", "Last"]}
    assert main(["signatories", "check", str(tmp_path / "export.csv"), "--map", 'name="Organisation name",country=Land',
                 "--list"]) == 2
    assert "export.csv:3:1: name: the name is missing" in capsys.readouterr().err  # no organisation name
    assert main(["signatories", "check", str(tmp_path / "export.csv"), "--map", "name=First+Last,country=Land",
                 "--type", "individual", "--list"]) == 2  # row 2 has no first or last name
    err = capsys.readouterr().err
    assert ":2:" in err and "the name is missing" in err


def test_check_command_prints_the_report(capsys):
    assert main(["signatories", "check", str(CSV_600)]) == 0
    out = capsys.readouterr().out
    assert f"signatories: {EXPECTED['counts']['total']} (" in out and "duplicates: 28" in out
    assert main(["signatories", "check", str(JOINT), "--list"]) == 0
    out = capsys.readouterr().out
    assert "group Individuals*: 483" in out and "Access Now" in out


GOOD = "name,type,country\nJosé Pérez,individual,Chile\nDerechos Digitales,organisation,Chile\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.replace(",", ";").encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.replace(",", ";").replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace(",", "\t").encode("utf-8"),
], ids=["utf8", "bom", "semicolon", "bom-semicolon-crlf", "tab"])
def test_bom_and_semicolon_files_read_the_same(encode):
    imported = parse_csv(encode(GOOD), "x.csv")
    assert [(r.signatory.name, r.signatory.type, r.signatory.country) for r in imported.rows] == [
        ("José Pérez", "individual", "Chile"), ("Derechos Digitales", "organisation", "Chile")]


def test_semicolon_file_with_commas_inside_names():
    imported = parse_csv('name;country\n"Temple University, iLIT";USA\nR3D; Mexico\n'.encode(), "x.csv")
    assert [r.signatory.name for r in imported.rows] == ["Temple University, iLIT", "R3D"]


def test_committed_semicolon_bom_file(tmp_path):
    imported = read_csv(DATA / "semicolon-bom.csv")
    assert [r.signatory.name for r in imported.rows] == ["Ærø Digital", "Łódź Privacy Forum", "Zoë Ndiaye"]


def problems_of(csv_text: str | bytes, **kwargs):
    raw = csv_text if isinstance(csv_text, bytes) else csv_text.encode("utf-8")
    with pytest.raises(InvalidInput) as error:
        parse_csv(raw, "s.csv", **kwargs)
    return error.value.problems


def test_bad_rows_are_all_reported_with_row_column_and_field():
    problems = problems_of("name,type,url,withheld\nA,organisation,,\nB,company,,\n,individual,,\n"
                           "C,individual,not a url,\nD,individual,,perhaps\n")
    found = [(p.file, p.line, p.column, p.field) for p in problems]
    assert found == [("s.csv", 3, 2, "type"), ("s.csv", 4, 1, "name"), ("s.csv", 5, 3, "url"),
                     ("s.csv", 6, 4, "withheld")]
    assert "'company' is not a signatory type; expected organisation or individual" in problems[0].message
    assert "the name is missing" in problems[1].message
    assert str(problems[0]).startswith("s.csv:3:2: type: ")


def test_not_utf8_names_the_row():
    problem = problems_of("name\nA\nB\nJos\xe9\n".encode("latin-1"))[0]
    assert problem.line == 4 and "not UTF-8" in problem.message


@pytest.mark.parametrize("text,line,words", [
    ("", 1, "no header row"),
    ('name\nA\n"B\n', 3, "unclosed quote"),
    ("name,type\nA,organisation,extra\n", 2, "3 cells but the header has 2 columns"),
    ("Organisation,Country\nA,B\n", 1, 'no column "name" for name'),
])
def test_broken_files(text, line, words):
    problem = problems_of(text)[0]
    assert problem.line == line and words in problem.message


def test_a_mapped_column_that_is_missing_is_named():
    problem = problems_of("name,Land\nA,B\n", columns={"country": "Country"})[0]
    assert problem.field == "country" and '"Country"' in problem.message and '"Land"' in problem.message


def test_unknown_group_names_the_row(tmp_path):
    path = position_with(tmp_path, "name,group\nA,orgs\nB,Individuals\nC,friends\n",
                         "  groups:\n    - {label: orgs, heading: Organisations}\n    - heading: Individuals*\n")
    with pytest.raises(InvalidInput) as error:
        resolve(load(path))
    (problem,) = error.value.problems
    assert (Path(problem.file).name, problem.line, problem.field) == ("list.csv", 4, "group")
    assert "unknown group 'friends'" in problem.message and "'orgs'" in problem.message


def test_a_row_without_group_needs_a_group_that_takes_it(tmp_path):
    path = position_with(tmp_path, "name,type\nA,individual\n",
                         "  groups:\n    - heading: One\n    - {heading: Two, takes: organisation}\n")
    with pytest.raises(InvalidInput) as error:
        resolve(load(path))
    assert error.value.problems[0].line == 2 and "no group takes individuals" in error.value.problems[0].message


def test_validate_reports_csv_problems(tmp_path, capsys):
    path = position_with(tmp_path, "name,type\nA,organisation\nB,corporation\n", "  groups:\n    - heading: All\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'list.csv'}:3:2: type: 'corporation' is not a signatory type" in err


def test_a_missing_csv_file_points_at_the_position_line(tmp_path):
    path = position_with(tmp_path, "name\nA\n", "  groups:\n    - heading: All\n")
    path.write_text(path.read_text(encoding="utf-8").replace("file: list.csv", "file: lost.csv"), encoding="utf-8")
    with pytest.raises(InvalidInput) as error:
        resolve(load(path))
    problem = error.value.problems[0]
    assert (problem.line, problem.field) == (10, "signatories.file") and "lost.csv" in problem.message


def test_without_groups_the_csv_groups_are_used_in_order(tmp_path):
    path = position_with(tmp_path, "name,group\nA,\nB,Friends\nC,Members\nD,friends\n", "")
    block = signatories_block(build(load(path)))
    assert [(plain(g.heading) if g.heading else None, [e.name for e in g.entries]) for g in block.groups] == [
        (None, ["A"]), ("Friends", ["B", "D"]), ("Members", ["C"])]


def test_model_errors_for_the_signatories_block():
    with pytest.raises(InvalidInput) as error:
        load_text(HEAD + "body: [A.]\nsignatories:\n  order: alphabetic\n  groups: [{heading: X, entries: [A]}]\n")
    assert "did you mean 'alphabetical'" in str(error.value)
    with pytest.raises(InvalidInput) as error:
        load_text(HEAD + "body: [A.]\nsignatories:\n  groups: [{heading: X}]\n")
    assert "groups[0] has no entries" in str(error.value)
    with pytest.raises(InvalidInput) as error:
        load_text(HEAD + "body: [A.]\nsignatories:\n  columns: {nmae: Name}\n  file: x.csv\n")
    assert "nmae" in str(error.value)


# ---------------------------------------------------------------- tree details


def test_detail_style_and_columns_hint(tmp_path):
    rows = ["name,type,country,affiliation,role"]
    rows += [f"Org {i},organisation,Chile,," for i in range(8)]
    rows += ["Ana Pérez,individual,Chile,Universidad de Chile,Professor of Law"]
    path = position_with(tmp_path, "\n".join(rows) + "\n",
                         "  groups:\n    - {heading: Orgs, takes: organisation}\n"
                         "    - {heading: People, takes: individual}\n")
    block = signatories_block(build(load(path)))
    assert block.groups[0].entries[0].detail == "Chile"
    assert block.groups[1].entries[0].detail == "Professor of Law, Universidad de Chile, Chile"
    assert block.groups[0].columns == 3   # "Org 1, Chile": short
    assert block.groups[1].columns == 1   # one entry


def test_column_hint_follows_the_longest_line():
    from paperkit.document.signatories import column_hint

    def entries(name: str) -> tuple[n.Signatory, ...]:
        return tuple(n.Signatory(f"{name} {i}") for i in range(10))

    assert column_hint(entries("Short name")) == 3
    assert column_hint(entries("A name of middling length here")) == 2
    assert column_hint(entries("A very long organisation name that needs the whole line")) == 1
    assert column_hint(entries("山田太郎山田太郎山田太郎山田太郎")) == 2  # wide characters count double


def test_the_public_api_renders_a_csv_position(tmp_path):
    path = position_with(tmp_path, GOOD, "  groups:\n    - heading: All\n")
    written = paperkit.render(path, formats=["md"], out=tmp_path / "out")
    assert "José Pérez (Chile)" in written[0].read_text(encoding="utf-8")


def test_seed_001_takes_its_signatories_from_the_csv_beside_it():
    path = Path(__file__).resolve().parent.parent / "positions" / "civil-society-2024-01-cybercrime-concluding-session.yaml"
    position = load(path)
    assert position.signatories.file == path.stem + ".signatories.csv"
    assert all(not group.entries for group in position.signatories.groups)
    rows = [row.signatory.name for row in arranged(position).imported.rows]
    assert len(rows) == 20 and rows[-1] == "Temple University, Institute for Law, Innovation & Technology (iLIT)"
    assert names_in(build(position)) == rows


def test_signatories_command_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["signatories", "check", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: paperkit signatories check" in out and "google-forms" in out and "action-network" in out
    assert main(["signatories"]) == 2


@pytest.mark.parametrize("rows, words", [
    ("name,type,country\nA,organisation,JP\n", "signatories: 1 (1 organisation, 0 individuals) from 1 country"),
    ("name,type\nA,individual\nB,individual\n", "signatories: 2 (0 organisations, 2 individuals) with no country given"),
])
def test_the_check_report_counts_in_english_plural_forms(tmp_path, rows, words):
    """English plurals (CLDR: "one" only for 1): never "1 organisations" or "from 0 countries"."""
    path = tmp_path / "sign-on.csv"
    path.write_text(rows, encoding="utf-8")
    from paperkit.cli.signatories import check

    assert words in check(path)
