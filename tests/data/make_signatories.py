"""Write the 600-row sign-on CSV of the signatory tests, and what a reader must find in it.

    .venv/bin/python tests/data/make_signatories.py      # rewrites the two files beside it

Deterministic (seeded): the committed files are its output, and a test checks that they
still are.  ``signatories-600.expected.json`` says, independently of paperkit, which names
survive (each exactly once), which rows are duplicates of which, which rows are empty, and
the counts (countries by their canonical name, whatever spelling a row used).
"""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "signatories-600.csv"
EXPECTED_PATH = HERE / "signatories-600.expected.json"
ROWS = 600
WITHHELD_SECRET = "Secret Person Quintanilla"

GIVEN = ["José", "María", "Zoë", "Søren", "Łucja", "Ngozi", "Aiyana", "François", "Ümit", "Jürgen",
         "Chloé", "Björn", "Ólafur", "Dóra", "Saoirse", "Ngũgĩ", "Thảo", "Mateus", "Inês", "Agnieszka",
         "Tomás", "Renée", "Kwame", "Amara", "Priya", "Raúl", "Hélène", "Matías", "Ayşe", "Nikolaj",
         "Mårten", "Ilse", "Paulo", "Fatoumata", "Oluwaseun", "Kalani", "Lucía", "Émilie", "Dagný",
         "Wanjiru", "Tariq", "Ines", "Joaquín", "Žofie", "Ciarán", "Anaïs", "Kofi", "Leilani", "Radu",
         "Sigríður", "Bartosz", "Elif", "Mirela", "Tevita", "Yusuf", "Ximena", "Gaëlle", "Dmitri",
         "Abena", "Rangi"]
SURNAMES = ["García", "Müller", "Nguyễn", "Okafor", "Kowalska", "Øverby", "Dubois", "Silva",
            "Fernández", "Yılmaz", "Andersen", "Ó Briain", "Papadopoulos", "Santos", "Haddad",
            "Mensah", "de la Cruz", "van der Berg", "von Trapp", "De Niro", "Ferreira", "Łukaszewicz",
            "Šimek", "Ríos", "Achebe", "Mäkelä", "Lindqvist", "Ibáñez", "Kariuki", "Tanaka-Oyelaran",
            "Moreau", "Costa", "Nakamura", "Oduya", "Fitzgerald", "Petrović", "Jónsdóttir", "Ruiz",
            "Çelik", "Esposito"]
ORGANISATIONS = [
    "Access Now", "Association for Progressive Communications", "ARTICLE 19", "Derechos Digitales",
    "Electronic Frontier Foundation", "Privacy International", "Hiperderecho", "Data Privacy Brasil",
    "Jokkolabs Banjul", "Kenya ICT Action Network", "Red en Defensa de los Derechos Digitales",
    "CyberPeace Institute", "Fundación Karisma", "Asociación por los Derechos Civiles",
    "Digitale Gesellschaft", "La Quadrature du Net", "Bits of Freedom", "Epicenter.works",
    "Związek Cyfrowy Polska", "Sociedade Aberta Lisboa", "Ligue des droits numériques",
    "Centre for Internet and Society", "Paradigm Initiative", "Zaina Foundation", "SMEX",
    "7amleh", "Tánaiste Digital Rights Éire", "Østfold Personvern", "Škola Digitalnih Prava",
    "Ärzte für Datenschutz", "Fundación Vía Libre", "Instituto Nupef", "Coding Rights",
    "TEDIC", "IPANDETEC", "Sursiendo", "R3D", "Global Voices Advox", "Open Rights Group",
    "Homo Digitalis", "Iuridicum Remedium", "Panoptykon", "EDRi Observers",
    "日本インターネットプロバイダー協会", "アジア市民デジタル権利会議", "中国数字权利观察",
    "المرصد العربي للحقوق الرقمية", "جمعية الحريات الرقمية", "ഡിജിറ്റൽ അവകാശ വേദി",
    "Kijiji Digital Rights", "Asia Pacific Privacy Forum", "Mnemonic Archive", "Ranking Rights",
    "Tecnología Comunitaria", "Nordic Encryption Alliance", "Balkan Civic Code", "Sahel Tech Watch",
    "Pacific Islands Net Rights", "Andean Surveillance Monitor", "Baltic Privacy Circle",
]
OTHER_SCRIPT_PEOPLE = [
    "山田太郎", "佐藤花子", "鈴木一郎", "王芳", "李伟", "김민준", "이서연",
    "محمد الأحمد", "فاطمة الزهراء", "ليلى حداد", "يوسف بن علي", "نور الهدى",
    "അനിൽ കുമാർ", "ലക്ഷ്മി നായർ", "Ιωάννα Παπαδάκη", "Иван Петров", "Ольга Смирнова",
]
AFFILIATIONS = ["University of Nairobi", "Universidad de Chile", "Universität Wien", "Sciences Po",
                "Universidade de São Paulo", "University of Tokyo", "Independent researcher",
                "Université de Montréal", "Jagiellonian University", "Makerere University",
                "American University of Beirut", "Universidad Nacional de Colombia"]
ROLES = ["Professor of Law", "Security researcher", "Journalist", "Lawyer", "Lecturer", "PhD candidate",
         "Human rights defender", "Cryptographer", "Librarian", "Engineer"]
# canonical country → the spellings rows may use
COUNTRIES = {
    "Kenya": ["Kenya", "KE", "kenya"], "Brazil": ["Brazil", "BR"], "Japan": ["Japan", "JP"],
    "Germany": ["Germany", "DE"], "Mexico": ["Mexico", "MX"], "Chile": ["Chile"], "France": ["France", "FR"],
    "Nigeria": ["Nigeria"], "Poland": ["Poland", "PL"], "Lebanon": ["Lebanon", "LB"], "India": ["India", "IN"],
    "Colombia": ["Colombia"], "Peru": ["Peru"], "Senegal": ["Senegal"], "Gambia": ["Gambia"],
    "Austria": ["Austria"], "Canada": ["Canada", "CA"], "Norway": ["Norway"], "Ireland": ["Ireland", "IE"],
    "Portugal": ["Portugal"], "Spain": ["Spain", "ES"], "Ghana": ["Ghana"], "Tanzania": ["Tanzania"],
    "Uganda": ["Uganda", "UG"], "Paraguay": ["Paraguay"], "Argentina": ["Argentina", "AR"],
    "Greece": ["Greece"], "Czechia": ["Czechia", "CZ"], "Iceland": ["Iceland"], "Fiji": ["Fiji"],
}
HEADER = ["name", "type", "country", "affiliation", "role", "url", "group", "withheld", "signed"]


def _key(text: str) -> str:
    """Duplicate key, written out here so that the test data do not trust paperkit."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(bare.casefold().split())


def make() -> tuple[str, dict]:
    rng = random.Random(600)
    people = [f"{g} {s}" for g in GIVEN for s in SURNAMES]
    rng.shuffle(people)
    people = OTHER_SCRIPT_PEOPLE + people
    # Never a name inside another name or inside a detail: "exactly once" stays checkable.
    taken: list[str] = []
    keys: set[str] = set()
    details = AFFILIATIONS + ROLES + [c for spellings in COUNTRIES.values() for c in spellings]
    for name in ORGANISATIONS + people:
        if len(taken) >= 620:
            break
        clash = any(name in other or other in name for other in taken) or any(name in d for d in details)
        if not clash and _key(name) not in keys:
            taken.append(name)
            keys.add(_key(name))
    orgs = [n for n in taken if n in ORGANISATIONS]
    persons = [n for n in taken if n not in ORGANISATIONS]

    rows: list[dict] = []  # each: the CSV cells, plus what the row is for the expectations
    def add(name, kind, country=None, group=None, **extra):
        canon = country
        spelled = rng.choice(COUNTRIES[country]) if country else ""
        rows.append({"name": name, "type": kind, "country": spelled, "canon": canon,
                     "affiliation": extra.get("affiliation", ""), "role": extra.get("role", ""),
                     "url": extra.get("url", ""), "group": group if group is not None else rng.choice(["", kind + "s"]),
                     "withheld": extra.get("withheld", ""), "signed": f"2024-01-{1 + len(rows) % 28:02d}",
                     "empty": False})

    countries = list(COUNTRIES)
    for name in orgs:
        add(name, "organisation", rng.choice(countries), url=f"https://{_key(name)[:12] or 'org'}.example.org"
            if name.isascii() else "")
    for name in persons:
        if len(rows) >= 540:
            break
        add(name, "individual", rng.choice(countries + [None]),
            affiliation=rng.choice(AFFILIATIONS + [""]), role=rng.choice(ROLES + ["", ""]))
    add(WITHHELD_SECRET, "individual", "Kenya", withheld="yes")
    add("", "individual", "Brazil", withheld="yes")

    originals = [r for r in rows if r["name"]]
    def dup(source: dict, name: str, kind: str | None = None) -> None:
        copy = dict(source, name=name, type=kind or source["type"], group="", empty=False)
        if copy["type"] != source["type"]:
            copy["role"] = copy["affiliation"] = ""
        rows.append(copy)

    org_rows = [r for r in originals if r["type"] == "organisation" and r["name"].isascii()]
    person_rows = [r for r in originals if r["type"] == "individual" and not r["withheld"]]
    accented = [r for r in person_rows if _strip(r["name"]) != r["name"] and _strip(r["name"]).isascii()]
    cjk = [r for r in person_rows if r["name"] in ("山田太郎", "佐藤花子")]
    for r in org_rows[:4]:
        dup(r, r["name"])                                        # the same again
    for r in org_rows[4:8]:
        dup(r, r["name"].upper())                                # shouted
    for r in org_rows[8:11]:
        dup(r, "  " + r["name"].replace(" ", "   ", 1) + "\t")   # padded white space
    for r in org_rows[11:14]:
        dup(r, r["name"], "individual")                          # an organisation also as individual
    for r in accented[:5]:
        dup(r, _strip(r["name"]))                                # accents left out
    for r in accented[5:8]:
        dup(r, unicodedata.normalize("NFD", r["name"]))          # decomposed accents (NFD)
    for r in accented[8:10]:
        dup(r, _strip(r["name"]).lower())                        # no accents, no capitals
    for r in cjk:
        dup(r, r["name"][:2] + "\u3000" + r["name"][2:])         # ideographic space inside
    dup(next(r for r in originals if r["name"] == "محمد الأحمد"), " محمد  الأحمد ")
    dup(next(r for r in originals if r["name"] == WITHHELD_SECRET), WITHHELD_SECRET.lower())

    # move the duplicates among the rows (after their originals) and add empty rows
    body = rows[: len(originals) + 1]  # originals and the nameless withheld row
    dups = rows[len(originals) + 1:]
    for d in dups:
        first = next(i for i, r in enumerate(body) if r["name"] and _key(r["name"]) == _key(d["name"]))
        body.insert(rng.randrange(first + 1, len(body) + 1), d)
    empties = ROWS - len(body)
    assert empties >= 4, empties
    for _ in range(empties):
        body.insert(rng.randrange(1, len(body)), {"empty": True})

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    expected: dict = {"survivors": [], "dropped": [], "empty_rows": [], "withheld": 2,
                      "withheld_secret": WITHHELD_SECRET}
    seen: dict[str, int] = {}
    canon_countries: set[str] = set()
    orgs_n = persons_n = 0
    for number, r in enumerate(body, start=2):
        if r["empty"]:
            expected["empty_rows"].append(number)
            writer.writerow([[], [""] * 9, [" ", "", "\t "]][number % 3])  # blank line, empty cells, white space
            continue
        writer.writerow([r[h] for h in HEADER])
        key = _key(r["name"]) if r["name"] else None
        if key and key in seen:
            expected["dropped"].append({"row": number, "kept_row": seen[key], "name": r["name"]})
            continue
        if key:
            seen[key] = number
        if not r["withheld"]:
            expected["survivors"].append({"row": number, "name": r["name"], "type": r["type"]})
        orgs_n += r["type"] == "organisation"
        persons_n += r["type"] == "individual"
        if r["canon"]:
            canon_countries.add(r["canon"])
    expected["counts"] = {"total": orgs_n + persons_n, "organisations": orgs_n, "individuals": persons_n,
                          "countries": len(canon_countries), "withheld": 2}
    text = out.getvalue()
    assert text.count("\r\n") == ROWS + 1, text.count("\r\n")
    return text, expected


def _strip(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def main() -> None:
    text, expected = make()
    CSV_PATH.write_text(text, encoding="utf-8", newline="")
    EXPECTED_PATH.write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{CSV_PATH.name}: {ROWS} rows, {len(expected['survivors'])} named survivors, "
          f"{len(expected['dropped'])} duplicates, {len(expected['empty_rows'])} empty rows")


if __name__ == "__main__":
    main()
