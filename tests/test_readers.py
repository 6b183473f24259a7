"""Readers of text, Markdown and saved HTML pages: what text they give, and its map."""

from __future__ import annotations

from pathlib import Path

import pytest

from shezhire.extract.readers import ACT_SUFFIXES, iter_act_files, read_source
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.readers.markdown import markdown_to_text

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
HTML = Path(__file__).resolve().parent / "fixtures" / "html"
ADILET_PAGE = HTML / "adilet-style-wko-akimat-decree-2014-111.html"
ADILET_OLD_PAGE = HTML / "adilet-old-layout-mic-order-2026-130.html"
ARTICLE_PAGE = HTML / "plain-article-layout-nko-akimat-decree-2018-193.html"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def unmapped(doc: SourceDocument, synthesised: str = "") -> list[tuple[int, str, str]]:
    """Characters of the text whose origin is not the same character in ``raw_text``.

    Whitespace is made by the layout (a space joining lines, a tab between cells), an
    entity maps to its "&"; ``synthesised`` lists other characters a reader may add.
    """
    bad = []
    for i, (char, at) in enumerate(zip(doc.text.text, doc.text.origin, strict=True)):
        if char.isspace() or char in synthesised:
            continue
        source = doc.raw_text[at]
        if source != char and not (doc.format == "html" and source == "&"):
            bad.append((i, char, source))
    return bad


def lines(doc: SourceDocument) -> list[str]:
    return doc.text.text.split("\n")


# -- plain text -------------------------------------------------------------------------


def test_text_crlf_becomes_lf_and_maps_to_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "act.txt", "1. Бірінші тармақ.\r\n2. Екінші\rтармақ.\r\n")
    doc = read_source(path)
    assert doc.format == "txt"
    assert doc.text.text == "1. Бірінші тармақ.\n2. Екінші\nтармақ.\n"
    assert doc.raw_text == "1. Бірінші тармақ.\r\n2. Екінші\rтармақ.\r\n"
    assert unmapped(doc) == []
    start = doc.text.text.index("Екінші")
    assert doc.raw_text[doc.text.origin[start]:].startswith("Екінші")


def test_text_bom_is_dropped_and_utf16_with_bom_is_read(tmp_path: Path) -> None:
    body = "Ескерту. Күші жойылды.\n"
    with_bom = read_source(write(tmp_path, "a.txt", b"\xef\xbb\xbf" + body.encode()))
    utf16 = read_source(write(tmp_path, "b.txt", body.encode("utf-16")))
    assert with_bom.text.text == body
    assert utf16.text.text == body
    assert with_bom.sha256 != utf16.sha256  # the hash is of the file's bytes


def test_text_keeps_the_corpus_file_as_is() -> None:
    path = CORPUS / "mic-order-2026-130-amendments.txt"
    doc = read_source(path)
    assert doc.raw_text == path.read_text(encoding="utf-8")
    assert doc.text.text == doc.raw_text.replace("\r\n", "\n")
    assert "1\tКөрсетілетін қызметті берушінің атауы" in doc.text.text


# -- Markdown ---------------------------------------------------------------------------

MARKUP_CASES = [
    ("**Ескерту.** Күші жойылды", "Ескерту. Күші жойылды"),
    ("*міндетін атқарушы*", "міндетін атқарушы"),
    ("_С. Шапкенов_", "С. Шапкенов"),
    ("### **Қ А У Л Ы**", "Қ А У Л Ы"),
    ("## **1. Жалпы ережелер**", "1. Жалпы ережелер"),
    ("2) [www.egov.kz](http://www.egov.kz) веб-порталы", "2) www.egov.kz веб-порталы"),
    ("Схема ![блок-схема](img/scheme.png) төменде", "Схема  төменде"),
    ("`ЭЦҚ` арқылы", "ЭЦҚ арқылы"),
    ("мерзімі <b>15</b> минут", "мерзімі 15 минут"),
    (r"бағасы 5 \* 3 \_x\_", "бағасы 5 * 3 _x_"),
    ("A &amp; B", "A & B"),
    ("1. Қоса беріліп отырған регламент бекітілсін.",
     "1. Қоса беріліп отырған регламент бекітілсін."),
    ("9) 3 - шарт – тексеріледі;", "9) 3 - шарт – тексеріледі;"),
    ("- Бастапқы хабарлама", "Бастапқы хабарлама"),
    ("* Қате", "Қате"),
    ("snake_case_name қалады", "snake_case_name қалады"),
    ("бір жол\nекінші жол", "бір жол екінші жол"),
]


@pytest.mark.parametrize(("markdown", "expected"), MARKUP_CASES)
def test_markdown_markup_is_removed(markdown: str, expected: str) -> None:
    mapped = markdown_to_text(markdown + "\n")
    assert mapped.text == expected + "\n"


@pytest.mark.parametrize(("markdown", "expected"), MARKUP_CASES)
def test_markdown_text_maps_to_its_own_characters(markdown: str, expected: str) -> None:
    source = markdown + "\n"
    mapped = markdown_to_text(source)
    for char, at in zip(mapped.text, mapped.origin, strict=True):
        if not char.isspace():
            assert source[at] == char or source[at] == "&", (char, source[at:at + 10])


def test_markdown_table_rows_become_tab_separated_lines() -> None:
    source = (
        "Кесте:\n\n"
        "| № | Рәсім | Мерзімі |\n"
        "|---|:------|--------:|\n"
        "| 1 | **Қабылдау** | 15 минут |\n"
        "| 2 | Қарау \\| шешім | 30 күн |\n"
        "|  |  |  |\n"
    )
    assert markdown_to_text(source).text == (
        "Кесте:\n\n"
        "№\tРәсім\tМерзімі\n"
        "1\tҚабылдау\t15 минут\n"
        "2\tҚарау | шешім\t30 күн\n"
    )


def test_markdown_keeps_the_blank_lines_between_blocks() -> None:
    source = "# Тақырып\nБірінші абзац\nжалғасы.\n\n- бір\n- екі\n\n1. Тармақ.\n\n2. Тармақ.\n"
    assert markdown_to_text(source).text == (
        "Тақырып\nБірінші абзац жалғасы.\n\nбір\nекі\n\n1. Тармақ.\n\n2. Тармақ.\n"
    )


def test_markdown_corpus_act_loses_its_markup_and_keeps_its_points() -> None:
    doc = read_source(CORPUS / "wko-akimat-decree-2014-111-reglament.md")
    text = doc.text.text
    assert doc.format == "md"
    for markup in ("**", "###", "](", "http://www.egov.kz"):
        assert markup not in text
    assert "\nКүшін жойған\n" in text
    assert "\nҚ А У Л Ы\n" in text
    assert "\n1. Қоса беріліп отырған" in text
    assert "\n9) 3 - шарт – " in text
    assert "2) www.egov.kz \"электрондық үкімет\" веб-порталы" in text
    assert "\nБастапқы хабарлама\nАяқтаушы хабарлама\n" in text
    # every paragraph is one line
    assert all(len(line) < 5000 for line in lines(doc))


def test_markdown_corpus_act_map_is_exact() -> None:
    doc = read_source(CORPUS / "wko-akimat-decree-2014-111-reglament.md")
    assert unmapped(doc) == []
    origin = doc.text.origin
    assert list(origin) == sorted(origin)  # the text keeps the file's order
    for quote in ("№ 3568 болып тіркелді", "07.07.2015 № 165", "30 (отыз) күнтізбелік"):
        start = doc.text.text.index(quote)
        low, high = doc.text.source_span(start, start + len(quote))
        assert doc.raw_text[low:high] == quote


def test_markdown_with_crlf_maps_to_the_crlf_file(tmp_path: Path) -> None:
    path = write(tmp_path, "act.md", "**Ескерту.**\r\nКүші\r\nжойылды.\r\n\r\n1. Тармақ.\r\n")
    doc = read_source(path)
    assert doc.text.text == "Ескерту. Күші жойылды.\n\n1. Тармақ.\n"
    assert unmapped(doc) == []


# -- HTML -------------------------------------------------------------------------------

CHROME_WORDS = [
    "Құқықтық актілер", "Кодекстер", "Басты бет", "Іздеу", "Қатені хабарлау",
    "Ctrl+Enter", "Бөлісу", "Telegram", "Басып шығару", "cookie", "Келісемін",
    "Ресми жариялау", "Басқа редакциялар", "Жоба туралы", "©", "dataLayer",
    "Мәзір скриптегі", "стильдің ішінде", "Copyright", "Барлық құжаттар", "Статистика",
    "Ұқсас құжаттар", "Facebook", "Мазмұнға өту", "Тегтер", "VIEWSTATE", "Жіберу",
]


@pytest.mark.parametrize("page", [ADILET_PAGE, ADILET_OLD_PAGE, ARTICLE_PAGE])
def test_html_gives_the_document_body_only(page: Path) -> None:
    text = read_source(page).text.text
    for word in CHROME_WORDS:
        assert word not in text, word
    assert "<" not in text and "&nbsp;" not in text and "&quot;" not in text


def test_html_adilet_page_keeps_title_status_header_note_points() -> None:
    doc = read_source(ADILET_PAGE)
    got = lines(doc)
    assert doc.format == "html"
    assert got[0].startswith('"Мемлекеттік тұрғын үй қорынан')
    assert got[0].endswith("регламентін бекіту туралы")
    assert "Күшін жойған" in got
    assert any(line.startswith("Батыс Қазақстан облысы әкімдігінің 2014 жылғы 13 мамырдағы № 111")
               for line in got)
    assert any(line.startswith("Ескерту. Күші жойылды - Батыс Қазақстан облысы әкімдігінің "
                               "07.07.2015 № 165 қаулысымен") for line in got)
    assert "ҚАУЛЫ ЕТЕДІ:" in doc.text.text
    assert any(line.startswith("1. Қоса беріліп отырған") for line in got)
    assert "2. Осы қаулының орындалуын бақылау Батыс Қазақстан облысы әкімінің орынбасары "\
           "А. Б. Бадашевқа жүктелсін." in got
    assert "1. Жалпы ережелер" in got


def test_html_tables_are_tab_separated_rows() -> None:
    got = lines(read_source(ADILET_PAGE))
    assert "№\tРәсімнің атауы\tОрындау мерзімі" in got
    assert "1\tҚұжаттарды қабылдау және тіркеу\t15 (он бес) минут" in got
    # a line break inside a cell does not break the row; an empty cell is kept
    assert "2\tҚұжаттарды қарау, шешім қабылдау\t30 (отыз) күнтізбелік күн" in got
    assert "3\t\t1 (бір) жұмыс күні" in got


def test_html_layout_table_is_not_flattened_into_one_row() -> None:
    got = lines(read_source(ADILET_OLD_PAGE))
    assert got[0] == "Кейбір бұйрықтарға өзгерістер енгізу туралы"
    assert "БҰЙЫРАМЫН:" in got
    assert "4\tМемлекеттік қызметті және оның кіші түрлерін (бар болса) көрсету мерзімі"\
           "\t6 (алты) жұмыс күн" in got
    assert "ЗҚАИ-ның ескертпесі!" in got  # <br> ends the line
    assert "Осы бұйрық 12.07.2026 ж. бастап қолданысқа енгізіледі." in got


def test_html_links_stay_inline() -> None:
    got = lines(read_source(ADILET_PAGE))
    assert "2) www.egov.kz «электрондық үкімет» веб-порталы (бұдан әрі – портал) "\
           "арқылы жүзеге асырылады." in got
    assert any("07.07.2015 № 165 қаулысымен" in line for line in got)


def test_html_article_layout_of_another_site() -> None:
    got = lines(read_source(ARTICLE_PAGE))
    assert got[0].startswith('"Мемлекеттік тұрғын үй қорынан берілетін')
    assert "1. Қоса беріліп отырған мемлекеттік көрсетілетін қызмет регламенті бекітілсін." in got
    assert any(line.startswith("2. Осы қаулының орындалуын") for line in got)
    assert "Солтүстік Қазақстан облысының әкімі Қ. Ақсақалов" in got


@pytest.mark.parametrize("page", [ADILET_PAGE, ADILET_OLD_PAGE, ARTICLE_PAGE])
def test_html_map_points_into_the_page_source(page: Path) -> None:
    doc = read_source(page)
    # digits and dots of an <ol> item's number are the only characters a page lacks
    assert all(char in "0123456789." for _, char, _ in unmapped(doc))
    text = doc.text.text
    for quote in ("Күшін жойған", "ҚАУЛЫ ЕТЕДІ:", "БҰЙЫРАМЫН:", "Қ. Ақсақалов", "Тегін"):
        if quote in text:
            start = text.index(quote)
            low, high = doc.text.source_span(start, start + len(quote))
            assert doc.raw_text[low:high] == quote


def test_html_entity_maps_to_its_ampersand() -> None:
    doc = read_source(ADILET_PAGE)
    at = doc.text.text.index("«Қазақстан Республикасындағы")
    assert doc.raw_text[doc.text.origin[at]:].startswith("&laquo;")


def test_html_declared_windows_1251_charset_is_used(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=windows-1251"></head><body><div class="text">'
        "<p>Постановление акимата области от 13 мая 2014 года № 111.</p>"
        "<p>1. Утвердить прилагаемый регламент государственной услуги.</p>"
        "</div></body></html>"
    )
    doc = read_source(write(tmp_path, "act.html", page.encode("cp1251")))
    assert doc.text.text == (
        "Постановление акимата области от 13 мая 2014 года № 111.\n\n"
        "1. Утвердить прилагаемый регламент государственной услуги.\n"
    )
    assert unmapped(doc) == []


def test_html_ignores_a_whole_page_form_wrapper(tmp_path: Path) -> None:
    body = "".join(f"<p>{n}. Тармақтың мәтіні, ол ұзын және маңызды.</p>" for n in range(1, 30))
    page = f'<html><body><form id="aspnetForm">{body}</form></body></html>'
    assert read_source(write(tmp_path, "act.htm", page)).text.text.startswith(
        "1. Тармақтың мәтіні")


# -- the dispatcher and folders ---------------------------------------------------------


def test_read_source_picks_the_reader_by_extension(tmp_path: Path) -> None:
    assert read_source(write(tmp_path, "a.TXT", "**x**\n")).text.text == "**x**\n"
    assert read_source(write(tmp_path, "a.md", "**x**\n")).text.text == "x\n"
    assert read_source(write(tmp_path, "a.htm", "<p><b>x</b></p>")).text.text == "x\n"


def test_iter_act_files_expands_folders_sorted(tmp_path: Path) -> None:
    folder = tmp_path / "acts"
    folder.mkdir()
    for name in ("b.md", "a.txt", "c.pdf", "README.md", "notes.docx", ".hidden.txt", "d.HTML"):
        (folder / name).write_text("x")
    (folder / "sub").mkdir()
    (folder / "sub" / "e.txt").write_text("x")
    single = write(tmp_path, "single.txt", "x")
    missing = tmp_path / "missing.txt"
    got = iter_act_files([single, folder, missing, folder / "a.txt"])
    assert [p.name for p in got] == [
        "single.txt", ".hidden.txt", "README.md", "a.txt", "b.md", "c.pdf", "d.HTML",
        "missing.txt"]
    assert iter_act_files([folder]) == iter_act_files([str(folder)])
    assert ".pdf" in ACT_SUFFIXES


def test_html_entities_decode_and_unknown_ones_stay_literal(tmp_path: Path) -> None:
    page = "<p>А &amp; Б &#1178;аулы &laquo;Х&raquo; &unknown; &nbsp;соңы</p>"
    doc = read_source(write(tmp_path, "act.html", page))
    assert doc.text.text == "А & Б Қаулы «Х» &unknown; соңы\n"
    assert unmapped(doc) == []
    at = doc.text.text.index("&unknown;")
    assert doc.raw_text[doc.text.origin[at + 1]] == "u"


def test_markdown_raw_html_keeps_words_apart_and_tables_as_rows() -> None:
    source = (
        "<div>\n<script>var a = \"<p>скрипт</p>\";</script>\nМәтін <b>қалың</b> сөз\n</div>\n\n"
        "Абзац <span>ішінде</span> тег <br> жаңа жол\n\n"
        "<table>\n<tr><td>1</td><td>Атауы &amp; түрі</td></tr>\n</table>\n"
    )
    mapped = markdown_to_text(source)
    assert mapped.text == (
        "Мәтін қалың сөз\n\nАбзац ішінде тег\nжаңа жол\n\n1\tАтауы & түрі\n")
    for char, at in zip(mapped.text, mapped.origin, strict=True):
        if not char.isspace():
            assert source[at] in (char, "&")
