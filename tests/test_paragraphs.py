"""Run-on lines to paragraphs (extract/paragraphs.py): a text whose lines were run together
gets its paragraph breaks back from its content, each character still mapped to its source.

The first fixtures are MADE UP for these tests (no real act says this); the others are real
texts of the development set (tests/realworld) with their lines joined, and what they expect
is read from the text as printed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shezhire.extract.clean import clean_text, normalise_characters
from shezhire.extract.mapped import MappedText
from shezhire.extract.paragraphs import run_on_to_paragraphs
from shezhire.extract.readers.markdown import markdown_to_text
from shezhire.extract.record import record_from_text

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld"

# MADE UP: a small Kazakh decree, the whole act on one line.
MADE_UP_KK = (
    "Жасанды үлгі туралы Күшін жойған Үлгі ауданы әкімдігінің 2020 жылғы 3 наурыздағы № 12 "
    "қаулысы. Ескерту. Күші жойылды - Үлгі ауданы әкімдігінің 2021 жылғы 5 мамырдағы № 7 "
    "қаулысымен. Қазақстан Республикасы Заңының 31-бабы 2-тармағына сәйкес Үлгі ауданының "
    "әкімдігі ҚАУЛЫ ЕТЕДІ: 1. Үлгі ережесі бекітілсін, ол 2020 жылғы 1 сәуірден бастап "
    "қолданылады. 2. Аудандық бөлім: 1) осы қаулының 2-тармағында аталған тізімді № 12. "
    "жасасын; 2) оны жарияласын. 3. Осы қаулы қол қойылған күнінен бастап қолданысқа "
    "енгізіледі. Аудан әкімі А. Үлгіев")

# MADE UP: a small Russian decree, the whole act on one line.
MADE_UP_RU = (
    "Об условном примере Постановление акимата Условного района от 3 марта 2020 года № 12 "
    "Сноска. Утратило силу постановлением акимата Условного района от 05.05.2021 № 7. "
    "В соответствии с пунктом 2 статьи 31 Закона Республики Казахстан акимат Условного района "
    "ПОСТАНОВЛЯЕТ: 1. Утвердить условные правила, действующие с 1 апреля 2020 года. "
    "2. Отделу района: 1) составить список, указанный в пункте 2, от 1 января; "
    "2) опубликовать его. 3. Настоящее постановление вводится в действие со дня подписания.")


def _lines(text: str) -> list[str]:
    return clean_text(MappedText.identity(text)).text.text.split("\n")


def test_a_made_up_act_on_one_line_gets_its_paragraphs_back() -> None:
    assert _lines(MADE_UP_KK) == [
        "Жасанды үлгі туралы",
        "Күшін жойған",
        "Үлгі ауданы әкімдігінің 2020 жылғы 3 наурыздағы № 12 қаулысы.",
        "Ескерту. Күші жойылды – Үлгі ауданы әкімдігінің 2021 жылғы 5 мамырдағы № 7 қаулысымен.",
        "Қазақстан Республикасы Заңының 31-бабы 2-тармағына сәйкес Үлгі ауданының әкімдігі "
        "ҚАУЛЫ ЕТЕДІ:",
        "1. Үлгі ережесі бекітілсін, ол 2020 жылғы 1 сәуірден бастап қолданылады.",
        "2. Аудандық бөлім:",
        # "2-тармағында" and "№ 12." inside the sentence open nothing.
        "1) осы қаулының 2-тармағында аталған тізімді № 12. жасасын;",
        "2) оны жарияласын.",
        "3. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.",
        "Аудан әкімі",
        "А. Үлгіев",
    ]


def test_a_made_up_russian_act_on_one_line_gets_its_paragraphs_back() -> None:
    lines = _lines(MADE_UP_RU)
    assert lines[:3] == [
        "Об условном примере",
        "Постановление акимата Условного района от 3 марта 2020 года № 12",
        "Сноска. Утратило силу постановлением акимата Условного района от 05.05.2021 № 7.",
    ]
    assert lines[3].endswith("ПОСТАНОВЛЯЕТ:")
    # "от 1 апреля", "от 1 января", "в пункте 2," open no point.
    assert [line.split(" ", 1)[0] for line in lines[4:]] == ["1.", "2.", "1)", "2)", "3."]


def test_the_made_up_act_on_one_line_gives_its_record() -> None:
    record = record_from_text(MADE_UP_KK, as_of="2026-12-01")
    assert (record["act_type"], record["adopted"], record["number"]) == ("decree", "2020-03-03", "12")
    assert record["status_label"] == "Күшін жойған"
    assert [r["number"] for r in record["repealed_by"]] == ["7"]
    assert [p["label"] for p in record["provisions"] if p["kind"] == "point"] == ["1", "2", "3"]


@pytest.mark.parametrize("text", [
    # MADE UP: numbers inside sentences, no point in sequence and no formula.
    "Осы тізім 2020 жылғы 1 қаңтардағы № 12. қаулыға сәйкес жасалады және оның 2-тармағында "
    "аталған 3. кестеге енгізіледі, ал 1) тармақшадағы мерзім өзгермейді; бұл ереже 2010 жылғы "
    "5 наурыздағы өзгерістерден кейін де қолданылады және басқа тәртіп белгіленбейді.",
    # MADE UP: one point of an act whose subpoints are printed inside its paragraph.
    "4. Бөлім мыналарды қамтамасыз етсін: 1) тізімді жасауды; 2) оны жариялауды; 3) есепті "
    "ұсынуды, бұл ретте мерзімдер 2020 жылғы 1 наурыздан кешіктірілмейді және басқа тәртіп "
    "белгіленбейді.",
])
def test_a_paragraph_as_printed_gets_no_break(text: str) -> None:
    """A long line that is one paragraph (no second point, no formula) stays one line."""
    assert run_on_to_paragraphs(MappedText.identity(text)).text == text


def test_every_character_keeps_its_source_offset() -> None:
    mapped = clean_text(MappedText.identity(MADE_UP_KK)).text
    for i, ch in enumerate(mapped.text):
        if ch != "\n":
            assert MADE_UP_KK[mapped.origin[i]] == ch or ch == "–"  # "-" → "–" by the cleaner


def test_safe_to_run_again() -> None:
    once = clean_text(MappedText.identity(MADE_UP_KK)).text
    twice = run_on_to_paragraphs(once)
    assert twice.text == once.text


def _joined_md(relative: str) -> str:
    text = markdown_to_text((REALWORLD / relative).read_text("utf-8")).text
    return " ".join(text.split("\n"))


def test_a_real_decree_on_one_line() -> None:
    """kazakhstan-law-national/gov-2010-02-05-74/kaz.md, every line joined: its header line,
    four points, two subpoints of point 2 and the appendix stamp come back as printed."""
    lines = _lines(_joined_md("kazakhstan-law-national/gov-2010-02-05-74/kaz.md"))
    assert lines[0] == "Оралмандардың 2010 жылға арналған көшіп келу квотасын бөлу туралы"
    assert lines[1] == "Қазақстан Республикасы Үкіметінің 2010 жылғы 5 ақпандағы № 74 Қаулысы"
    assert lines[2].endswith("Қазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ:")
    assert [line[:3] for line in lines[3:10]] == ["1. ", "2. ", "1) ", "2) ", "3. ", "4. ", "Қаз"]
    assert lines[9] == "Қазақстан Республикасының Премьер-Министрі"
    assert lines[10] == "К. Мәсімов"
    assert lines[11] == "Қазақстан Республикасы Үкіметінің 2010 жылғы 5 ақпандағы № 74 қаулысына қосымша"


def test_a_real_order_on_one_line_names_its_signer() -> None:
    """kazakhstan-law-national/mvd-2024-06-24-516/kaz.md, every line joined: the minister's
    position and name stand on their own lines, so the order's issuer is read as from the
    text as printed ("Қазақстан Республикасының Ішкі істер министрі … Е. Саденов")."""
    joined = _joined_md("kazakhstan-law-national/mvd-2024-06-24-516/kaz.md")
    lines = _lines(joined)
    assert "Е. Саденов" in lines
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["issuer"] == "Қазақстан Республикасының Ішкі істер министрі"


def test_evidence_of_a_joined_real_text_points_at_its_characters() -> None:
    """Each fact's quote is the text at its span, and the span maps back to the same words
    of the text as given (the joined one): a break replaced a space, nothing moved."""
    joined = _joined_md("kazakhstan-law-national/gov-2010-03-02-161/kaz.md")
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["adopted"] == "2010-03-02" and record["number"] == "161"
    assert [r["number"] for r in record["repealed_by"]] == ["870"]
    cleaned = clean_text(MappedText.identity(joined)).text
    assert cleaned.text == record["text"]
    evidence = [record["header_evidence"], *(r["evidence"] for r in record["repealed_by"])]
    for e in evidence:
        start, end = e["span"]
        assert record["text"][start:end] == e["quote"]
        source_start, source_end = cleaned.source_span(start, end)
        # (Up to the cleaner's own character step: dashes, look-alike letters.)
        source = normalise_characters(MappedText.identity(joined[source_start:source_end])).text
        assert source.split() == e["quote"].split()


def test_a_real_short_header_between_the_title_and_the_title_again() -> None:
    """kazakhstan-law-national/gov-2013-02-05-86/kaz.md, every line joined: the database's
    short header line ("Қаулы 05.02.2013 № 86, …") stands between the title and the title
    printed again, as on the page."""
    joined = _joined_md("kazakhstan-law-national/gov-2013-02-05-86/kaz.md")
    lines = _lines(joined)
    title = "Мемлекеттік энергетикалық тізілім операторын айқындау туралы"
    # (The preamble runs on after the title printed again: no content shows where it starts.)
    assert lines[0] == title and lines[2].startswith(title + ' "Энергия үнемдеу')
    assert lines[1] == (
        "Қаулы 05.02.2013 № 86, Қазақстан Республикасының Үкіметі (Қазақстан Республикасының "
        "Премьер-Министрі). Күші жойылды – Қазақстан Республикасы Үкіметінің 2015 жылғы 17 "
        "шілдедегі № 549 қаулысымен")
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == ("2013-02-05", "86")
    assert [r["number"] for r in record["repealed_by"]] == ["549"]


def test_a_real_russian_appendix_stamp_on_one_line() -> None:
    """kazakhstan-law-local/astana-maslikhat-2015-09-23-410-57/rus.md, every line joined: the
    stamp printed over five lines ("Приложение 2 / к решению маслихата / города Астаны / от 23
    сентября 2015 года / № 410/57-V") stands on its own line before the list it heads, and
    the three decisions that list repeals are read as from the text as printed."""
    joined = _joined_md("kazakhstan-law-local/astana-maslikhat-2015-09-23-410-57/rus.md")
    lines = _lines(joined)
    stamp = "Приложение 2 к решению маслихата города Астаны от 23 сентября 2015 года № 410/57-V"
    assert stamp in lines
    assert lines[lines.index(stamp) + 1].startswith("Перечень некоторых решений маслихата")
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted(r["number"] for r in record["repeals"]) == ["253/32-III", "374/49-IV", "39/6-IV"]


def test_a_bare_header_line_ends_before_the_title_printed_again() -> None:
    # mjust-1999-11-08-87, kaz.md: title / "Бұйрық … № 87. Күші жойылды – … Бұйрығымен" /
    # title again; a wrap at 50 closed the blank line between the header and the title.
    title = "1999 жылғы 8 қазандағы № 81 бұйрықтың қолданылуын тоқтата тұру туралы"
    header = ("Бұйрық Қазақстан Республикасы Әділет министрлігі 1999 жылғы 8 қараша № 87. Күші "
              "жойылды – Қазақстан Республикасы Әділет министрінің 2010 жылғы 5 сәуірдегі № 98 "
              "Бұйрығымен")
    text = MappedText.identity(f"{title}\n{header} {title}\n")
    assert run_on_to_paragraphs(text).text.split("\n") == [title, header, title, ""]
    record = record_from_text(f"{title}\n\n{header} {title}\n", as_of="2026-12-01")
    assert [r["adopted"] for r in record["repealed_by"]] == ["2010-04-05"]
