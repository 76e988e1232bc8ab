"""Seven languages, right to left and CJK included, in every format — read back from the outputs.

One position published in en, es, fr, ar, zh, ru and ja (positions/…-statements-in-every-
language.yaml) is rendered once per language and format for the whole module; LibreOffice
converts the seven DOCX files in one call.  PDFs are read with pdftotext (text, and word
boxes for the right-to-left layout), pdffonts and pypdf; DOCX files with lxml.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest
from conftest import POSITIONS, libreoffice_convert, squash
from fontTools.ttLib import TTFont
from lxml import etree

import paperkit
from paperkit import doctor
from paperkit.cli import main
from paperkit.document import build
from paperkit.model.translations import MissingTranslation
from paperkit.errors import TranslationWarning
from paperkit.load import load, load_text
from paperkit.writers import WriterOptions, writer

ROOT = Path(__file__).resolve().parent.parent
SEVEN = POSITIONS / "paperkit-2024-10-statements-in-every-language.yaml"
JCA = POSITIONS / "jca-net-2024-09-cybercrime.yaml"
LANGS = ("en", "es", "fr", "ar", "zh", "ru", "ja")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

KANA = re.compile(r"[\u3040-\u30ff]")
SCRIPT = {  # characters only that language's text has
    "en": re.compile(r"\bthe\b"),
    "es": re.compile(r"[ñ¿¡]|ción\b"),
    "fr": re.compile(r"[èêç]|\bqu’"),
    "ar": re.compile(r"[\u0621-\u064a]"),
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "ja": KANA,
}
TITLES = {
    "en": "Publish every statement in the languages of the people it concerns",
    "es": "Publicar cada declaración en los idiomas de las personas a las que concierne",
    "fr": "Publier chaque déclaration dans les langues des personnes qu’elle concerne",
    "ar": "انشروا كل بيان بلغات الناس الذين يعنيهم",
    "zh": "以相关人群的语言发布每一份声明",
    "ru": "Публиковать каждое заявление на языках тех, кого оно касается",
    "ja": "すべての声明を、関係する人々の言語で",
}
DATES = {  # 2024-10-24 as CLDR writes it in each language
    "en": "October 24, 2024",
    "es": "24 de octubre de 2024",
    "fr": "24 octobre 2024",
    "ar": "24 أكتوبر 2024",
    "zh": "2024年10月24日",
    "ru": "24 октября 2024\u202fг.",
    "ja": "2024年10月24日",
}
PDF_FONTS = {  # what the PDF must embed (the language tag chooses JP or SC forms) and must not
    "en": ("Noto-Serif", "CJK"), "es": ("Noto-Serif", "CJK"), "fr": ("Noto-Serif", "CJK"),
    "ru": ("Noto-Serif", "CJK"), "ar": ("Noto-Naskh-Arabic", "CJK"),
    "zh": ("Noto-Serif-CJK-SC", "CJK-JP"), "ja": ("Noto-Serif-CJK-JP", "CJK-SC"),
}
DOCX_SCRIPT_FONT = {  # the w:rFonts slot and font that carry the language's script in Word
    "ar": ("cs", "Noto Naskh Arabic"), "zh": ("eastAsia", "Noto Serif CJK SC"), "ja": ("eastAsia", "Noto Serif CJK JP"),
}


# ------------------------------------------------------------ rendered once


@lru_cache(maxsize=None)
def seven():
    return load(SEVEN)


@lru_cache(maxsize=None)
def document(lang: str):
    return build(seven(), lang)


@lru_cache(maxsize=None)
def rendered(lang: str, fmt: str) -> bytes:
    return writer(fmt)(document(lang), WriterOptions())


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    files = {}
    for lang in LANGS:
        files[lang] = folder / f"{lang}.pdf"
        files[lang].write_bytes(rendered(lang, "pdf"))
    return files


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The seven DOCX files converted by LibreOffice, in one call."""
    return libreoffice_convert({lang: rendered(lang, "docx") for lang in LANGS},
                               tmp_path_factory.mktemp("libreoffice-i18n"))


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdffonts(path: Path) -> list[tuple[str, str]]:
    """(font name, emb) for every font of a PDF."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [(line.split()[0], line.split()[-5]) for line in lines[2:] if line.strip()]


def words(path: Path, page: int = 1) -> list[tuple[str, float, float, float]]:
    """(text, xMin, xMax, middle y) of every word on a page, as pdftotext -bbox finds them."""
    xml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
                         capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.HTMLParser(encoding="utf-8"))
    return [(w.text or "", float(w.get("xmin")), float(w.get("xmax")),
             (float(w.get("ymin")) + float(w.get("ymax"))) / 2) for w in root.iter("word")]


def docx_xml(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read(name))


def docx_parts(data: bytes, prefix: str = "word/") -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [n for n in zf.namelist() if n.startswith(prefix) and re.match(
            r"word/(document|footnotes|header\d*|footer\d*)\.xml$", n)]


def docx_text(data: bytes) -> str:
    return " ".join("".join(docx_xml(data, part).itertext()) for part in docx_parts(data))


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ------------------------------------------------------------ one document per language


def test_lang_all_writes_one_document_per_language(tmp_path, capsys):
    assert main(["render", str(SEVEN), "--lang", "all", "--format", "txt,html", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{SEVEN.stem}.{lang}.{fmt}" for lang in LANGS for fmt in ("txt", "html"))
    for lang in LANGS:
        text = (tmp_path / f"{SEVEN.stem}.{lang}.txt").read_text(encoding="utf-8")
        assert TITLES[lang] in squash(text)


def test_the_translations_say_they_are_ours():
    source = SEVEN.read_text(encoding="utf-8")
    assert "the paperkit contributors' own translations" in source
    for lang in LANGS:
        closing = squash(" ".join(plain(b.content) for b in document(lang).blocks
                                  if getattr(b, "role", None) == "closing"))
        assert "paperkit" in closing and SCRIPT[lang].search(closing), lang


def plain(inlines) -> str:
    from paperkit.document import plain as as_text

    return as_text(inlines)


# ------------------------------------------------------------ PDF


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_text_is_in_the_language_and_its_script(lang, pdf_files):
    # The writer raises RenderError on any glyph no font has: rendering at all means no tofu.
    text = pdftotext(pdf_files[lang])
    assert SCRIPT[lang].search(text), f"no {lang} script in the PDF"
    if lang == "zh":
        assert not KANA.search(text)
    if lang != "ar":  # pdftotext writes Arabic in visual order; the word boxes are checked below
        assert no_space(TITLES[lang]) in no_space(text)
        assert no_space(DATES[lang]) in no_space(text)


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_embeds_every_font_and_the_languages_own(lang, pdf_files):
    fonts = pdffonts(pdf_files[lang])
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts
    wanted, unwanted = PDF_FONTS[lang]
    names = [name.split("+", 1)[-1] for name, _ in fonts]
    assert any(name.startswith(wanted) for name in names), names
    assert not any(unwanted in name for name in names), names


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_declares_its_language(lang):
    catalog = pypdf.PdfReader(io.BytesIO(rendered(lang, "pdf"))).trailer["/Root"]
    assert catalog["/Lang"] == lang


def line_of(found: list, text: str) -> list:
    """The words on the line of the first word ``text``, left to right."""
    y = next(w[3] for w in found if w[0] == text)
    return sorted((w for w in found if abs(w[3] - y) < 2), key=lambda w: w[1])


def list_markers(found: list) -> list:
    """The words "1.", "2.", "3." (".1" in visual order, or the bare digits) of the demands, top down."""
    digits = sorted((w for w in found if re.fullmatch(r"\.?[123]\.?", w[0])), key=lambda w: w[3])
    for i in range(len(digits) - 2):
        run = digits[i:i + 3]
        if [w[0].strip(".") for w in run] == ["1", "2", "3"]:
            return run
    raise AssertionError(f"no list numbers 1, 2, 3 among {digits}")


def assert_markers_on_the_right(found: list) -> None:
    for marker in list_markers(found):
        others = [w for w in found if abs(w[3] - marker[3]) < 2 and w != marker and w[0] != "."]
        assert others and marker[1] > max(w[2] for w in others), (marker, others)


def test_arabic_pdf_flows_right_to_left_with_latin_names_and_numbers_in_order(pdf_files):
    found = words(pdf_files["ar"])
    right_margin = max(w[2] for w in found)
    # The byline reads, from the right: paperkit – 24 أكتوبر 2024 (the day stays with its month).
    byline = [w[0] for w in line_of(found, "–")]
    assert byline[-3:] == ["24", "–", "paperkit"] and byline[0] == "2024", byline
    assert abs(line_of(found, "–")[-1][2] - right_margin) < 1
    # Latin names and numbers keep their own order inside the Arabic text.
    texts = [w[0] for w in found]
    assert "JCA-NET" in texts and "76/268" in texts and "268/76" not in texts
    # The kicker ("بيان من مشروع paperkit") starts at the right margin and ends well short of the left.
    kicker = line_of(found, "paperkit")
    assert abs(kicker[-1][2] - right_margin) < 1 and kicker[0][1] > 300, kicker


def test_arabic_pdf_list_numbers_stand_on_the_right(pdf_files):
    assert_markers_on_the_right(words(pdf_files["ar"]))


def test_arabic_running_title_stands_top_right(tmp_path):
    para = "تعمل الأمم المتحدة بست لغات رسمية، وقد أكدت جمعيتها العامة مرارًا المساواة بينها. " * 6
    yaml = ("id: ar-long\nkind: statement\ntitle: عنوان البيان\ndate: 2024-09-09\nlanguages: [ar]\n"
            "issued_by:\n  - name: EFF\nbody:\n" + "".join(f"  - {para}\n" for _ in range(12)))
    path = tmp_path / "ar.pdf"
    path.write_bytes(writer("pdf")(build(load_text(yaml)), WriterOptions()))
    second = words(path, page=2)
    top = min(w[3] for w in second)
    header = [w for w in second if abs(w[3] - top) < 2]
    body = [w for w in second if w[3] > top + 5]
    assert header and min(w[1] for w in header) > 297, header  # in the right half of the page
    assert abs(max(w[2] for w in header) - max(w[2] for w in body)) < 1


# ------------------------------------------------------------ HTML


@pytest.mark.parametrize("lang", LANGS)
def test_html_carries_language_and_direction(lang):
    import lxml.html

    root = lxml.html.fromstring(rendered(lang, "html"))
    assert root.get("lang") == lang
    assert root.get("dir") == ("rtl" if lang == "ar" else "ltr")
    text = root.text_content()
    assert TITLES[lang] in text and DATES[lang] in text


def test_stylesheet_chooses_cjk_and_arabic_fonts_by_language_tag():
    from paperkit.document.fonts import choose_fonts
    from paperkit.writers.theme_css import fonts_css

    for lang, families in doctor.FONTS.items():
        if lang in ("ja", "zh", "ar"):
            css = fonts_css(choose_fonts(lang))
            for family in families[0]:
                assert css_name(family) in css, (lang, family)


def css_name(family: str) -> str:
    """A family as theme_css writes it (escaped CSS string)."""
    from paperkit.writers.theme_css import css_string

    return css_string(family)


# ------------------------------------------------------------ DOCX


@pytest.mark.parametrize("lang", LANGS)
def test_docx_sets_the_document_language(lang):
    styles = docx_xml(rendered(lang, "docx"), "word/styles.xml")
    rpr = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    attrs = {k.split("}")[1]: v for k, v in rpr.find("w:lang", NS).attrib.items()}
    assert attrs["val"] == lang
    if lang in ("ja", "zh"):
        assert attrs["eastAsia"] == lang
    if lang == "ar":
        assert attrs["bidi"] == "ar"
    if lang in DOCX_SCRIPT_FONT:
        slot, font = DOCX_SCRIPT_FONT[lang]
        assert rpr.find("w:rFonts", NS).get(f"{{{W}}}{slot}") == font


@pytest.mark.parametrize("lang", LANGS)
def test_docx_text_is_in_the_language(lang):
    text = docx_text(rendered(lang, "docx"))
    assert SCRIPT[lang].search(text)
    assert TITLES[lang] in text and DATES[lang] in text


def font_cmap(family: str) -> set[int]:
    """The characters the installed font ``family`` draws (as fontconfig resolves the name)."""
    found = subprocess.run(["fc-match", "-f", "%{family[0]}|%{file}|%{index}", family],
                           capture_output=True, text=True, check=True).stdout
    name, file, index = found.split("|")
    assert name == family, f"{family} is not installed (fontconfig offers {name})"
    return set(TTFont(file, fontNumber=int(index), lazy=True).getBestCmap())


@pytest.mark.parametrize("lang", ("ar", "zh", "ja"))
def test_docx_script_font_draws_every_character_of_the_script(lang):
    # Word takes East Asian characters from w:eastAsia and right-to-left runs from w:cs.
    text = docx_text(rendered(lang, "docx"))
    if lang == "ar":
        needed = {c for c in text if unicodedata.bidirectional(c) in ("R", "AL")}
    else:
        needed = {c for c in text if unicodedata.east_asian_width(c) in ("W", "F")}
    assert needed
    cmap = font_cmap(DOCX_SCRIPT_FONT[lang][1])
    assert sorted(c for c in needed if ord(c) not in cmap) == []


@pytest.mark.parametrize("lang", LANGS)
def test_libreoffice_pdf_of_the_docx_embeds_every_font_and_shows_the_script(lang, libreoffice_pdfs):
    path = libreoffice_pdfs[lang]
    assert path.is_file(), f"LibreOffice did not convert the {lang} DOCX"
    fonts = pdffonts(path)
    assert fonts and all(emb == "yes" for _, emb in fonts), fonts
    assert SCRIPT[lang].search(pdftotext(path))
    if lang == "ar":
        assert any("NaskhArabic" in name for name, _ in fonts), fonts


def test_arabic_docx_every_paragraph_is_bidi_and_arabic_runs_are_rtl():
    data = rendered("ar", "docx")
    parts = docx_parts(data)
    assert {"word/document.xml", "word/footnotes.xml"} <= set(parts) and any("header" in p for p in parts)
    arabic_runs = latin_runs = 0
    for part in parts:
        root = docx_xml(data, part)
        for paragraph in root.iter(f"{{{W}}}p"):
            assert paragraph.find("w:pPr/w:bidi", NS) is not None, (part, "".join(paragraph.itertext()))
        for run in root.iter(f"{{{W}}}r"):
            text = "".join(t.text or "" for t in run.iterfind("w:t", NS))
            rtl = run.find("w:rPr/w:rtl", NS) is not None
            if SCRIPT["ar"].search(text):
                assert rtl, (part, text)
                arabic_runs += 1
            elif re.search(r"[A-Za-z]", text):
                assert not rtl, (part, text)  # "JCA-NET", "paperkit": Latin runs, left to right
                latin_runs += 1
    assert arabic_runs > 10 and latin_runs >= 3
    assert docx_xml(data, "word/document.xml").find("w:body/w:sectPr/w:bidi", NS) is not None


def test_arabic_docx_lists_are_numbered_from_the_right_in_libreoffice(libreoffice_pdfs):
    assert_markers_on_the_right(words(libreoffice_pdfs["ar"]))


def test_latin_docx_has_no_bidi():
    data = rendered("fr", "docx")
    assert not any(docx_xml(data, p).find(".//w:bidi", NS) is not None for p in docx_parts(data))
    assert not any(docx_xml(data, p).find(".//w:rtl", NS) is not None for p in docx_parts(data))


# ------------------------------------------------------------ dates and numbers


@pytest.mark.parametrize("lang", LANGS)
def test_dates_follow_cldr_in_every_language(lang):
    assert document(lang).front.date == DATES[lang]


NUMBERS = {"en": "1,200", "es": "1.200", "fr": "1\u202f200", "ar": "1,200", "zh": "1,200",
           "ru": "1\xa0200", "ja": "1,200"}


@pytest.mark.parametrize("lang", LANGS)
def test_counts_are_written_as_the_language_writes_numbers(lang):
    names = "".join(f"      - Organisation {i:04d}\n" for i in range(1200))
    yaml = (f"id: counts\nkind: joint-statement\ntitle: Counts\ndate: 2024-10-24\nlanguages: [{lang}]\n"
            "issued_by:\n  - name: Org\nbody:\n  - '{signatories.total} signed.'\n"
            "signatories:\n  groups:\n    - entries:\n" + names)
    doc = build(load_text(yaml))
    assert plain(doc.blocks[0].content) == f"{NUMBERS[lang]} signed."


# ------------------------------------------------------------ --fallback

PARTIAL = """\
id: partial
kind: statement
title: {en: A title, ja: 題名, ar: عنوان}
date: 2024-09-09
languages: [en, ja, ar]
issued_by:
  - name: Org
body:
  - {en: First paragraph., ja: 第一段落。}
  - {en: Second paragraph.}
"""


def test_a_missing_translation_is_an_error_naming_field_and_language(tmp_path, capsys):
    path = tmp_path / "partial.yaml"
    path.write_text(PARTIAL, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [f"error: {path}:9:5: body[0]: no ar translation",
                   f"error: {path}:10:5: body[1]: no ja, ar translation"]
    assert main(["render", str(path), "--out", str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_fallback_renders_with_a_warning_per_missing_field(tmp_path, capsys):
    path = tmp_path / "partial.yaml"
    path.write_text(PARTIAL, encoding="utf-8")
    out = tmp_path / "out"
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        code = main(["render", str(path), "--fallback", "en", "--lang", "all", "--format", "txt,html",
                     "--out", str(out)])
    assert code == 0
    err = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(err) == 2 and all("the en text is used instead" in line for line in err), err
    assert "body[0]: no ar translation" in err[0] and "body[1]: no ja, ar translation" in err[1]
    ja = (out / "partial.ja.txt").read_text(encoding="utf-8")
    assert "題名" in ja and "第一段落。" in ja and "Second paragraph." in ja
    # English in the Arabic document keeps its own direction: isolated, not ".Second paragraph".
    import lxml.html

    page = lxml.html.fromstring((out / "partial.ar.html").read_bytes())
    assert page.get("dir") == "rtl"
    assert "\u2068Second paragraph.\u2069" in page.text_content()
    assert "\u2068" not in (out / "partial.ja.txt").read_text(encoding="utf-8")  # same direction: as it is


def test_fallback_without_that_language_is_still_an_error(tmp_path, capsys):
    path = tmp_path / "partial.yaml"
    path.write_text(PARTIAL, encoding="utf-8")
    assert main(["validate", str(path), "--fallback", "ja"]) == 2
    err = capsys.readouterr().err
    assert "body[1]: no ja, ar translation, and no ja text to fall back on" in err
    assert "body[0]" not in err  # the ja text stands in for ar there


def test_fallback_in_the_api_warns_and_build_needs_it_too(tmp_path):
    path = tmp_path / "partial.yaml"
    path.write_text(PARTIAL, encoding="utf-8")
    with pytest.warns(TranslationWarning) as caught:
        paths = paperkit.render(path, formats=["txt"], out=tmp_path / "out", lang="all", fallback="en")
    assert [str(w.message).split(": ", 1)[1] for w in caught] == [
        "body[0]: no ar translation; the en text is used instead",
        "body[1]: no ja, ar translation; the en text is used instead"]
    assert len(paths) == 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TranslationWarning)
        position = load(path, fallback="en")
    with pytest.raises(MissingTranslation, match="no ar translation of 'First paragraph.'"):
        build(position, "ar")
    assert "First paragraph." in str(build(position, "ar", fallback="en").blocks)


# ------------------------------------------------------------ doctor


def test_doctor_on_this_machine_finds_everything(capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    for lang, name in doctor.LANGUAGES.items():
        assert re.search(rf"^  ok +{lang} {name}: ", out, re.MULTILINE), lang
    assert re.search(r"^  ok +libharfbuzz-subset: ", out, re.MULTILINE)
    assert re.search(r"^  ok +LibreOffice: ", out, re.MULTILINE)
    assert re.search(r"^  ok +poppler: ", out, re.MULTILINE)
    assert out.rstrip().endswith("the checks can run.")


def test_doctor_names_the_debian_package_for_each_gap(monkeypatch, capsys):
    real_fc_list = doctor.fc_list

    def without_japanese(pattern: str):
        if pattern == ":lang=ja" or "CJK JP" in pattern:
            return []
        return real_fc_list(pattern)

    monkeypatch.setattr(doctor, "fc_list", without_japanese)
    monkeypatch.setattr(doctor, "find_library", lambda name: None)
    monkeypatch.setattr(doctor, "which", lambda command: None if command in ("soffice", "libreoffice", "pdffonts")
                        else shutil.which(command))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^  MISSING ja Japanese: no installed font covers it — install fonts-noto-cjk$", out, re.M)
    assert re.search(r"^  ok +zh Chinese: ", out, re.MULTILINE)
    assert "MISSING libharfbuzz-subset: missing: PDFs take about 3× as long" in out
    assert "install libharfbuzz-subset0" in out
    assert re.search(r"MISSING LibreOffice: .* — install libreoffice-writer-nogui", out)
    assert re.search(r"MISSING poppler: missing pdffonts .* — install poppler-utils", out)
    assert out.rstrip().endswith(
        "sudo apt-get install fonts-noto-cjk libharfbuzz-subset0 libreoffice-writer-nogui poppler-utils")


def test_doctor_tells_a_covered_language_without_the_stylesheets_font(monkeypatch, capsys):
    real_fc_list = doctor.fc_list
    monkeypatch.setattr(doctor, "fc_list", lambda p: [] if "Naskh" in p else real_fc_list(p))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"MISSING ar Arabic: covered by .*, but Noto Naskh Arabic \(which the stylesheet asks for\) "
                     r"is missing — install fonts-noto-core", out)


def test_doctor_without_fontconfig(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "fc_list", lambda pattern: None)
    assert main(["doctor"]) == 1
    assert "MISSING fontconfig: fc-list is missing" in capsys.readouterr().out


# ------------------------------------------------------------ 000 in Japanese


def test_000_has_a_japanese_version_alongside_the_english():
    position = load(JCA)
    assert position.languages == ["en", "ja"]
    english, japanese = build(position, "en"), build(position, "ja")
    assert plain(japanese.front.title) == "JCA-NETは国連サイバー犯罪条約に反対します"
    assert japanese.front.date == "2024年9月9日"
    assert [v.lang for v in english.front.versions] == ["ja"]
    assert japanese.front.versions == ()  # the Japanese document does not link to itself
    text = writer("txt")(japanese, WriterOptions()).decode("utf-8")
    assert "JCA-NETによる英語版を paperkit の貢献者が訳したもの" in text  # says it is our translation
    assert "日本国憲法、第21条\n" in text  # a Japanese article citation: the language's comma, no "第21条."
    assert "    集会、結社及び言論" in text  # the article's two paragraphs quoted as an indented block
    assert "JCA-NET 理事会" in text


def test_cjk_lines_never_start_with_closing_or_end_with_opening_punctuation(tmp_path):
    # Every other character may not start a line (。、」）), so every line must break before あ.
    yaml = ("id: kinsoku\nkind: statement\ntitle: 禁則\ndate: 2024-09-09\nlanguages: [ja]\n"
            "issued_by:\n  - name: 団体\nbody:\n  - " + "あ。「い」、（う）" * 80 + "\n")
    path = tmp_path / "ja.pdf"
    path.write_bytes(writer("pdf")(build(load_text(yaml)), WriterOptions()))
    lines = [line.strip() for line in pdftotext(path).splitlines() if line.strip().startswith(("あ", "。", "「", "い", "」", "、", "（", "う", "）"))]
    assert len(lines) > 5
    assert not [line for line in lines if line[0] in "。」、）"], lines
    assert not [line for line in lines if line[-1] in "「（"], lines
