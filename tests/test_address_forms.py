"""Forms of address: 53 recipients in en, en-GB, en-US, fr, es, ar, ru, zh and ja.

Each row carries the salutation and the close a protocol source gives for that person, written
here from the source (named beside the row), not from paperkit's output.  The rows go through a
recipients CSV, as a campaigner's would, and are read back from ``paperkit letters check`` and
from rendered letters.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from paperkit.letters import check_addresses
from paperkit.load import load

NEUTRAL_REFUSED = None
"""The language's sources give no gender-neutral form: the letter is refused, never guessed."""

EXC_EN = ("Excellency,", "Accept, Excellency, the assurances of my highest consideration.")  # UN Corr. Manual §105; UNHCR §66
YS = "Yours sincerely,"

# language, honorific, name, title, role, gender, expected salutation, expected close   # source
ROWS = [
    ("en", "H.E.", "Amina Diallo", "Permanent Representative of Senegal", "", "", *EXC_EN),  # UN manual, UNHCR
    ("en", "H.E.", "Jorge Salas", "President of the Republic", "", "", *EXC_EN),  # UN manual: heads of State
    ("en", "The Rt Hon.", "Mark Carney", "Prime Minister of Canada", "", "", "Dear Prime Minister,", YS),  # peacemakers.ca
    ("en", "The Hon.", "Jane Doe", "Minister of Justice", "", "", "Dear Minister,", YS),  # peacemakers.ca
    ("en", "Ms", "Jane Roe", "Deputy Minister of Health", "", "", "Dear Ms Roe,", YS),  # Canada: Dear Ms. Lastname
    ("en", "Mr", "Devinder Shory", "Member of Parliament", "", "", "Dear Mr Shory,", YS),  # advocacyhamilton (Canada)
    ("en", "Mx", "Sam Taylor", "", "", "", "Dear Mx Taylor,", YS),  # canada.ca: Mx
    ("en", "", "P. T. Smith", "", "", "", "Dear P. T. Smith,", YS),  # canada.ca: "Dear P. T. Smith"
    ("en", "Dr", "Jane Smith", "Director", "", "", "Dear Dr Smith,", YS),  # Canada: title + Lastname
    ("en", "Prof.", "Lars Eriksen", "", "", "", "Dear Professor Eriksen,", YS),  # Canada: title + Lastname
    ("en", "Ms", "Jane Okafor", "Chair of the Foreign Affairs Committee", "", "", "Dear Chair Okafor,", YS),  # UBCM
    ("en", "Mr", "Didier Reynders", "European Commissioner for Justice", "", "", "Dear Mr Reynders,", YS),  # person
    ("en", "Ms", "Irene Khan", "Special Rapporteur on freedom of expression", "", "", "Dear Ms Khan,", YS),  # person
    ("en", "H.E.", "Volker Türk", "United Nations High Commissioner for Human Rights", "", "",
     "Dear High Commissioner,", YS),  # Hickey, formsofaddress.info
    ("en", "H.E.", "António Guterres", "Secretary-General of the United Nations", "", "",
     "Dear Secretary-General,", YS),  # Hickey
    ("en", "Mr", "John Cane", "Judge of the High Court", "", "", "Dear Judge,", YS),  # judiciary.uk, ICLR
    ("en", "Ms", "Jane Doe", "Mayor of Vancouver", "", "", "Dear Mayor Doe,", YS),  # UBCM
    ("en-GB", "The Rt Hon.", "Sarah Whitfield", "Secretary of State for the Home Department", "", "",
     "Dear Secretary of State,", YS),  # Emphasis
    ("en-GB", "Mr", "Edward Smith", "Member of Parliament for Anytown", "", "", "Dear Mr Smith,", YS),  # London Guides
    ("en-GB", "Ms", "Jane Bloggs", "Mayor of Oxford", "", "", "Dear Mr Mayor,", "Yours faithfully,"),  # London Guides
    ("en-GB", "The Rt Hon.", "Keir Starmer", "Prime Minister", "", "", "Dear Prime Minister,", YS),  # Emphasis
    ("en-US", "Ms", "Jane Smith", "Senator", "", "", "Dear Senator Smith:", YS),  # ITA
    ("en-US", "Mr", "John Doe", "Representative", "", "", "Dear Representative Doe:", YS),  # ITA
    ("en-US", "Ms", "Ann Lee", "Secretary of State", "", "", "Dear Madam Secretary:", YS),  # Leon County, FHWA
    ("en-US", "Mr", "Bob Roe", "Chairman, Committee on Commerce", "", "", "Dear Mr. Chairman:", YS),  # ITA
    ("en-US", "H.E. Ms", "Claire Dubois", "Ambassador of France", "", "", "Dear Madam Ambassador:", YS),  # Leon, FHWA
    ("fr", "Mme", "Claire Martin", "ministre de la Justice", "", "", "Madame la Ministre,",
     "Veuillez agréer, Madame la Ministre, les assurances de ma haute considération."),  # 2min.fr, Archimail
    ("fr", "M.", "Jean Dupont", "ministre de l'Intérieur", "", "", "Monsieur le Ministre,",
     "Veuillez agréer, Monsieur le Ministre, les assurances de ma haute considération."),  # 2min.fr, Archimail
    ("fr", "", "Camille Roux", "ministre de la Santé", "", "", "Camille Roux,",
     "Je vous prie d'agréer, Camille Roux, l'assurance de ma haute considération."),  # Bureau de la traduction
    ("fr", "S.E. M.", "Pierre Durand", "ambassadeur, représentant permanent", "", "", "Monsieur l'Ambassadeur,",
     "Veuillez agréer, Monsieur l'Ambassadeur, les assurances de ma très haute considération."),  # Dico-lettres
    ("fr", "Mme", "Anne Hidalgo", "maire de Paris", "", "", "Madame la Maire,",
     "Veuillez agréer, Madame la Maire, l'expression de ma haute considération."),  # 2min.fr: the function
    ("fr", "M.", "Paul Roy", "président de la République", "", "", "Monsieur le Président de la République,",
     "Veuillez agréer, Monsieur le Président de la République, les assurances de ma très haute considération."),
    ("fr", "M.", "Luc Blanc", "député", "", "", "Monsieur le Député,",
     "Veuillez agréer, Monsieur le Député, l'expression de ma haute considération."),  # 2min.fr
    ("fr", "Mme", "Rachida Noir", "garde des Sceaux, ministre de la Justice", "", "", "Madame le Garde des Sceaux,",
     "Veuillez agréer, Madame le Garde des Sceaux, les assurances de ma haute considération."),  # 2min.fr
    ("fr", "", "Dominique Leroy", "", "minister", "f", "Madame la Ministre,",
     "Veuillez agréer, Madame la Ministre, les assurances de ma haute considération."),  # role, gender given
    ("es", "Sra.", "Ana García", "Ministra de Asuntos Exteriores", "", "", "Excelentísima señora:",
     "Atentamente,"),  # Protocolo a la vista (ministros: Excmos.), protocolo.org «Excmo. Sr.:»
    ("es", "S.E.", "Juan Pérez", "Embajador, Representante Permanente", "", "", "Excelencia:",
     "Atentamente,"),  # EIP Granada, vocativos de Chile
    ("es", "Sr.", "Luis López", "", "", "", "Estimado Sr. López:", "Atentamente,"),  # Fundéu: «Estimado Sr. López:»
    ("es", "Sra.", "Marta Ruiz", "Relatora Especial", "", "", "Estimada Sra. Ruiz:", "Atentamente,"),  # Fundéu
    ("es", "", "Alex Rivera", "", "", "", NEUTRAL_REFUSED, NEUTRAL_REFUSED),  # no neutral form in the sources
    ("ar", "السيدة", "ليلى بن علي", "وزيرة الخارجية", "", "", "معالي الوزيرة المحترمة،",
     "وتفضلوا بقبول فائق الاحترام،"),  # kupdf: معالي for ministers; close: paperkit's catalog (no source)
    ("ar", "السيد", "محمد سالم", "رئيس الجمهورية", "", "", "فخامة الرئيس،", "وتفضلوا بقبول فائق الاحترام،"),  # kupdf
    ("ar", "الدكتور", "أحمد حسن", "", "", "", "حضرة الدكتور أحمد حسن المحترم،", "وتفضلوا بقبول فائق الاحترام،"),  # z7.is
    ("ar", "السيد", "خالد يوسف", "القاضي", "", "", "حضرة القاضي خالد يوسف،", "وتفضلوا بقبول فائق الاحترام،"),  # z7.is
    ("ru", "г-н", "Сергей Лавров", "министр иностранных дел", "", "", "Уважаемый господин Министр!",
     "С уважением,"),  # docs.cntd.ru 5.8.3; Хабаровск 6.4
    ("ru", "г-жа", "Анна Смит", "", "", "", "Уважаемая госпожа Смит!", "С уважением,"),  # Хабаровск 6.4
    ("ru", "Его Превосходительство", "Марк Андерс", "Чрезвычайный и Полномочный Посол", "", "",
     "Ваше Превосходительство!", "С уважением,"),  # Грамота; Хабаровск 6.4
    ("ru", "г-н", "Иван Петров", "председатель комитета", "", "", "Уважаемый господин Председатель!",
     "С уважением,"),  # Хабаровск 6.4
    ("zh", "", "王毅", "外交部长", "", "", "王毅阁下：", "顺致最崇高的敬意。"),  # 雅安市外侨办; 正式照会例
    ("zh", "女士", "李华", "", "", "", "尊敬的李华女士：", "此致\n敬礼！"),  # fsnews; ficobook
    ("zh", "先生", "张伟", "议员", "", "", "尊敬的张伟先生：", "此致\n敬礼！"),  # 雅安市外侨办: 其余 先生/女士
    ("ja", "", "上川陽子", "外務大臣", "", "", "謹啓", "謹白"),  # 東洋大学「公文書の書き方」: 謹啓—謹白
    ("ja", "", "田中一郎", "課長", "", "", "拝啓", "敬具"),  # 東洋大学: 拝啓—敬具
]

LETTER = """\
id: forms-of-address-test
kind: letter
title: Forms of address
date: 2024-10-14
languages: [en, en-GB, en-US, fr, es, ar, ru, zh, ja]
issued_by:
  - {name: Example Rights Network, url: "https://example.org/"}
letter:
  signers: [{name: Kim Lee}]
recipients: {file: recipients.csv}
body:
  - "Text."
"""


@pytest.fixture(scope="module")
def letter(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("forms")
    with open(folder / "recipients.csv", "w", newline="", encoding="utf-8") as out:
        table = csv.writer(out)
        table.writerow(["language", "honorific", "name", "title", "role", "gender"])
        for row in ROWS:
            table.writerow(row[:6])
    (folder / "letter.yaml").write_text(LETTER, encoding="utf-8")
    return folder / "letter.yaml"


def test_the_table_covers_every_role_language_and_honorific():
    assert len(ROWS) >= 40
    assert {r[0] for r in ROWS} >= {"en", "en-GB", "fr", "es", "ar", "ru", "zh", "ja"}
    honorifics = {r[1] for r in ROWS}
    for wanted in ("H.E.", "The Rt Hon.", "The Hon.", "Dr", "Prof.", "Mr", "Ms", "Mx", "M.", "Mme", "Sr.", "Sra.",
                   "г-н", "г-жа", "S.E."):
        assert wanted in honorifics


def test_every_row_gets_the_form_its_protocol_source_gives(letter):
    result = check_addresses(load(letter))
    assert len(result.rows) == len(ROWS)
    roles = set()
    for row, check in zip(ROWS, result.rows):
        lang, _, name, _, _, _, salutation, close = row
        assert check.language == lang, (name, check)
        if salutation is NEUTRAL_REFUSED:
            assert check.problem and "gender" in check.problem, (name, check)
            continue
        assert check.problem is None, (name, check.problem)
        assert (check.salutation, check.close) == (salutation, close), name
        roles.add(check.basis.split(" ")[0])
    assert roles >= {"head_of_state", "head_of_government", "minister", "ambassador", "member_of_parliament",
                     "committee_chair", "un_high_official", "judge", "mayor", "official"}


def test_no_salutation_offers_two_alternatives_or_a_style(letter):
    for check in check_addresses(load(letter)).rows:
        assert "Monsieur" not in check.salutation or "Madame" not in check.salutation
        assert "Hon" not in check.salutation and "/" not in check.salutation


def test_inferences_are_warned_once_per_recipient(letter):
    checks = {c.recipient.split("(")[-1].rstrip(")"): c for c in check_addresses(load(letter)).rows}
    claire = checks["Claire Martin"]
    assert claire.basis.startswith("minister (derived), gender f (derived)")
    assert len([w for w in claire.warnings if "role" in w]) == 1
    assert any("honorific 'Mme'" in w for w in claire.warnings)
    camille = checks["Camille Roux"]
    assert any("neutral form" in w for w in camille.warnings)
    given = checks["Dominique Leroy"]
    assert given.basis.startswith("minister (given), gender f (given)") and given.warnings == ()


def test_letters_check_command_prints_each_recipient_and_exits_1_for_a_refused_one(letter):
    run = subprocess.run([sys.executable, "-m", "paperkit.cli", "letters", "check", str(letter)],
                         capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "salutation: Madame la Ministre," in run.stdout
    assert "why:        minister (derived), gender f (derived)" in run.stdout
    assert "Alex Rivera) [es]: NO LETTER" in run.stdout and "give gender" in run.stdout
    assert f"{len(ROWS)} letters:" in run.stdout and "1 refused" in run.stdout


def test_translated_title_columns_fill_the_letter_in_its_language(tmp_path):
    (tmp_path / "recipients.csv").write_text(
        "name,honorific,title@en,title@fr\nClaire Martin,Mme,Minister of Justice,ministre de la Justice\n",
        encoding="utf-8")
    (tmp_path / "letter.yaml").write_text(
        LETTER.replace("[en, en-GB, en-US, fr, es, ar, ru, zh, ja]", "[en, fr]")
        .replace('"Text."', '{en: "As {recipient.title} …", fr: "En votre qualité de {recipient.title} …"}'),
        encoding="utf-8")
    from paperkit.batch import merge

    result = merge(tmp_path / "letter.yaml", formats="txt", out=tmp_path / "out", lang="all", jobs=1)
    assert result.ok, result.failures
    french = (result.folder / "claire-martin.fr.txt").read_text(encoding="utf-8")
    assert "En votre qualité de ministre de la Justice" in french and "Minister" not in french
    assert "Madame la Ministre," in french
    english = (result.folder / "claire-martin.en.txt").read_text(encoding="utf-8")
    assert "As Minister of Justice" in english and "Dear Minister," in english
    # a language without its column is a missing translation: that letter is refused
    (tmp_path / "recipients.csv").write_text("name,title@en\nJo Bloggs,Minister of Justice\n", encoding="utf-8")
    result = merge(tmp_path / "letter.yaml", formats="txt", out=tmp_path / "out2", lang="all", jobs=1)
    assert [f.recipient for f in result.failures] == [f"{tmp_path / 'recipients.csv'} row 2 (Jo Bloggs) [fr]"]


def test_a_field_given_both_plain_and_per_language_is_a_header_error(tmp_path):
    from paperkit.errors import InvalidInput
    from paperkit.load.recipients import read_recipients

    (tmp_path / "r.csv").write_text("name,title,title@fr\nA,B,C\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="either a 'title' column"):
        read_recipients(tmp_path / "r.csv")
    (tmp_path / "r.csv").write_text("name,email@fr\nA,a@example.org\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="only honorific, title"):
        read_recipients(tmp_path / "r.csv")


def test_render_warns_once_for_what_it_inferred(tmp_path):
    from paperkit.errors import AddressWarning
    from paperkit.jobs import render

    (tmp_path / "l.yaml").write_text(
        LETTER.replace("[en, en-GB, en-US, fr, es, ar, ru, zh, ja]", "[fr]").replace(
            "recipients: {file: recipients.csv}",
            "recipients: [{honorific: Mme, name: Claire Martin, title: ministre de la Justice}]"), encoding="utf-8")
    with pytest.warns(AddressWarning) as caught:
        render(tmp_path / "l.yaml", formats="txt", out=tmp_path / "out")
    said = [str(w.message) for w in caught if issubclass(w.category, AddressWarning)]
    assert len([s for s in said if "role 'minister'" in s]) == 1 and any("honorific 'Mme'" in s for s in said)
    assert "Madame la Ministre," in (tmp_path / "out" / "forms-of-address-test.fr.txt").read_text(encoding="utf-8")
