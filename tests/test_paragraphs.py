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


def test_a_real_decision_on_one_line_reads_its_date_from_its_stamp() -> None:
    """kazakhstan-law-local/almobl-akim-1998-12-08-12-330/kaz.md, every line joined: the
    decision has no header sentence; its date and number come from its appendix stamps. The
    signer ("Облыс Әкімі / З.Нұрқаділов") stands apart from the stamp after it, point 5
    naming two deputies is no signer, and point 4, which cites another decision's
    "№ 1 қосымшасы күшін жойған болып саналсын", is no stamp."""
    joined = _joined_md("kazakhstan-law-local/almobl-akim-1998-12-08-12-330/kaz.md")
    lines = _lines(joined)
    assert lines[lines.index("З.Нұрқаділов") - 1] == "Облыс Әкімі"
    assert lines[lines.index("З.Нұрқаділов") + 1] == (
        "Облыс Әкімінің 1998 жылғы 08 желтоқсанның № 12-330 шешіміне № 1 қосымша")
    assert not any(line.endswith("№ 1 қосымшасы") for line in lines)
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == ("1998-12-08", "12-330")


def test_a_registration_without_its_period_ends_the_header_paragraph() -> None:
    """adilet-pages/mangystau-masl-2024-04-16-11-84/page.kk.txt, every line joined: the
    page prints "… № 4696-12 болып тіркелді" with no period, the preamble after it; the
    header's paragraph still ends there and the header facts are read."""
    page = (REALWORLD / "adilet-pages/mangystau-masl-2024-04-16-11-84/page.kk.txt").read_text("utf-8")
    joined = " ".join(page.split("\n"))
    assert any(line.endswith("№ 4696-12 болып тіркелді") for line in _lines(joined))
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == ("2024-04-16", "11/84")
    assert record["issuer"] == "Маңғыстау облысы Маңғыстау аудандық мәслихаты"
    assert record["registration"]["number"] == "4696-12"


def test_a_title_that_lost_a_quote_leaves_the_points_after_it_unquoted() -> None:
    """kazakhstan-law-local/almobl-maslikhat-2005-12-06-24-166/rus.md, every line joined:
    point 2 cites a decision titled "О внесении дополнений в решение … "Об утверждении ставок
    акциза на игорный бизнес" with one closing quote for two opening ones. Point 3 and the
    signers after it still stand on their own lines, and both repealed decisions are read."""
    joined = _joined_md("kazakhstan-law-local/almobl-maslikhat-2005-12-06-24-166/rus.md")
    lines = _lines(joined)
    assert any(line.startswith("3. Настоящее решение вводится в действие") for line in lines)
    assert "Н.Умбетова" in lines
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted(r["number"] for r in record["repeals"]) == ["22-144", "31-166"]


def test_a_stamp_after_a_signers_name_stands_on_its_own_line() -> None:
    """kazakhstan-law-local/astana-maslikhat-2016-11-09-69-11/kaz.md, every line joined: the
    appendix stamp ("… № 69 /11-VI шешіміне қосымша", the number printed with a stray space)
    follows the name of an agreeing official ("… басшысы Т. Рысбеков") with no sentence end
    between them. It stands on its own line, and the decision's date and number are read
    from it as from the text as printed."""
    joined = _joined_md("kazakhstan-law-local/astana-maslikhat-2016-11-09-69-11/kaz.md")
    lines = _lines(joined)
    assert ("Астана қаласы мәслихатының 2016 жылғы 9 қарашадағы № 69/11-VI шешіміне қосымша"
            in lines)
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == ("2016-11-09", "69/11-VI")
    assert len(record["repeals"]) == 9


def test_a_guillemet_title_that_lost_its_closing_mark_quotes_nothing_after_it() -> None:
    """kazakhstan-law-national/mvd-2020-08-25-597/rus.md, every line joined: the repealed
    orders' titles «Об утверждении … «Выдача пропуска …» close one of their two marks. The
    subpoints after them, the points and the minister's signature still stand on their own
    lines, so the order's issuer is read from its signer as from the text as printed."""
    joined = _joined_md("kazakhstan-law-national/mvd-2020-08-25-597/rus.md")
    lines = _lines(joined)
    assert [line[:3] for line in lines if line[:1].isdigit()][:6] == [
        "1. ", "1) ", "2) ", "2. ", "1) ", "2) "]
    assert lines[lines.index("Е. Тургумбаев") - 1] == "Министр внутренних дел Республики Казахстан"
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["issuer"] == "Министр внутренних дел Республики Казахстан"


def test_a_signers_name_written_surname_first() -> None:
    """kazakhstan-law-local/astana-almatydistrict-akim-2025-11-11-03-02-02/rus.md, every line
    joined: the akim signs "Тауекелов Р." (surname first); his position stands on its own
    line and names the decision's issuer, as in the text as printed. "Республики Казахстан
    Е. Тургумбаев" (MADE UP line below) is the name "Е. Тургумбаев", not "Казахстан Е."."""
    joined = _joined_md("kazakhstan-law-local/astana-almatydistrict-akim-2025-11-11-03-02-02/rus.md")
    lines = _lines(joined)
    assert lines[-2:] == ['Аким района "Алматы" города Астаны', "Тауекелов Р."]
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["issuer"] == 'Аким района "Алматы" города Астаны'
    made_up = ("ПРИКАЗЫВАЮ: 1. Настоящий приказ вводится в действие со дня его подписания, о чём сообщить "
               "всем заинтересованным органам и лицам в установленном порядке и в срок. "
               "2. Контроль за исполнением настоящего приказа оставляю за собой и прошу "
               "доложить. Министр внутренних дел Республики Казахстан Е. Тургумбаев")
    assert _lines(made_up)[-2:] == ["Министр внутренних дел Республики Казахстан", "Е. Тургумбаев"]


def test_a_lone_office_word_over_the_signers_name_names_no_issuer() -> None:
    """kazakhstan-law-national/mvd-2008-10-17-389/kaz.md, every line joined: the order is
    signed "Министр Б. Мұхаметжанов"; its issuer is the one its appendix stamps name
    ("Қазақстан Республикасы Ішкі істер министрінің … № 389 бұйрығымен бекітілген"), as
    in the text as printed, not the bare word "Министр" that now stands on its own line."""
    joined = _joined_md("kazakhstan-law-national/mvd-2008-10-17-389/kaz.md")
    assert "Министр" in _lines(joined)
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["issuer"] == "Қазақстан Республикасы Ішкі істер министрі"


def test_a_point_naming_another_acts_approved_document_is_no_stamp() -> None:
    """kazakhstan-law-national/gov-2026-05-14-398/kaz.md, every line joined: subpoint 2)
    repeals point 4 of the changes "… № 846 қаулысымен бекітілген Қазақстан Республикасы
    Үкіметінің кейбір шешімдеріне енгізілетін өзгерістер …". It is one line, not a stamp, so
    this decree has no date or number from it, as in the text as printed."""
    joined = _joined_md("kazakhstan-law-national/gov-2026-05-14-398/kaz.md")
    assert not any(line.endswith("№ 846 қаулысымен бекітілген") for line in _lines(joined))
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == (None, None)


def test_a_repeal_note_after_the_header_stays_on_its_line() -> None:
    """kazakhstan-law-national/gov-2004-01-09-20/kaz.md, every line joined: the database
    prints "… № 20 қаулысы Күші жойылды – ҚР Үкіметінің 2004.12.21. № 1335 қаулысымен" on
    the header's line; it stays there, and the repealing decree is read as from the text as
    printed."""
    joined = _joined_md("kazakhstan-law-national/gov-2004-01-09-20/kaz.md")
    assert _lines(joined)[1] == ("Қазақстан Республикасы Үкіметінің 2004 жылғы 9 қаңтардағы № 20 "
                                 "қаулысы Күші жойылды – ҚР Үкіметінің 2004.12.21. № 1335 қаулысымен")
    record = record_from_text(joined, as_of="2026-12-01")
    assert [r["number"] for r in record["repealed_by"]] == ["1335"]


def test_a_repeal_note_ends_before_the_pages_table_of_links() -> None:
    """adilet-pages/lisakovsk-masl-2013-09-02-145/page.kk.txt, every paragraph on one line:
    the note "Күші жойылды – … № 426 шешімімен" runs on into the page's "Құжаттан сілтемелер"
    table, which cites decision № 102. The note ends at the act it names, so only № 426
    repeals this decision, as in the page as saved."""
    page = (REALWORLD / "adilet-pages/lisakovsk-masl-2013-09-02-145/page.kk.txt").read_text("utf-8")
    joined = "\n\n".join(" ".join(block.split("\n")) for block in page.split("\n\n"))
    assert any(line.endswith("№ 426 шешімімен") for line in _lines(joined))
    record = record_from_text(joined, as_of="2026-12-01")
    assert [r["number"] for r in record["repealed_by"]] == ["426"]


def test_a_stamp_right_after_a_table_stands_on_its_own_line() -> None:
    """kazakhstan-law-heldout/gov-2018-04-27-224/kaz.md, every line joined: the stamp of the
    approved changes ("Қазақстан Республикасы Үкіметінің 2018 жылғы 27 сәуірдегі № 224
    қаулысымен бекітілген") follows the appendix's table, whose last row ends no sentence.
    It stands on its own line, so the changes document's points name the three decrees this
    one changes (1999 № 405, 1999 № 659, 2014 № 994: the set's expected.kk.json, read from the
    text), as in the text as printed."""
    joined = _joined_md("kazakhstan-law-heldout/gov-2018-04-27-224/kaz.md")
    assert ("Қазақстан Республикасы Үкіметінің 2018 жылғы 27 сәуірдегі № 224 қаулысымен "
            "бекітілген") in _lines(joined)
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted(a["act"]["number"] for a in record["amends"]) == ["405", "659", "994"]


def test_the_information_centres_note_is_a_note() -> None:
    """kazakhstan-law-local/almobl-akim-2003-08-20-8-140/kaz.md: the database's note
    "РҚАО-ның ескертуі: Мемлекеттік тіркеу бұзылды – …" under the title is a note, not the
    preamble; every line joined, it stands between the title and the preamble, and the
    decision the title names as repealed ("… № 3-47 шешімінің күші жойылған деп танылуы
    туралы") is read as from the text as printed."""
    record = _record_md("kazakhstan-law-local/almobl-akim-2003-08-20-8-140/kaz.md")
    notes = [p["text"] for p in record["provisions"] if p["role"] == "note"]
    assert notes and notes[0].startswith("РҚАО-ның ескертуі: Мемлекеттік тіркеу бұзылды")
    joined = _joined_md("kazakhstan-law-local/almobl-akim-2003-08-20-8-140/kaz.md")
    lines = _lines(joined)
    assert lines[0] == "Облыс әкімінің 2002 жылғы 15-наурыздағы № 3-47 шешімінің күші жойылған деп танылуы туралы"
    assert lines[1].startswith("РҚАО-ның ескертуі:")
    record = record_from_text(joined, as_of="2026-12-01")
    assert [r["number"] for r in record["repeals"]] == ["3-47"]


def _record_md(relative: str) -> dict[str, object]:
    return record_from_text(markdown_to_text((REALWORLD / relative).read_text("utf-8")).text,
                            as_of="2026-12-01")


def test_a_paragraph_run_on_into_the_signature_and_a_stamp() -> None:
    """kazakhstan-law-national/mvd-2000-01-04-2/kaz.md, every paragraph on one line: the
    last points run on into the signature and the appendix's stamp ("… Ішкіісминінің 2000
    жылғы 4 қаңтардағы № 2 бұйрығына № 1 қосымша"), shorter than a page's paragraph and with
    no point in sequence that shows it. The stamp still ends its line, and the order's date,
    number and issuer are read from it as from the text as printed."""
    text = markdown_to_text((REALWORLD / "kazakhstan-law-national/mvd-2000-01-04-2/kaz.md")
                            .read_text("utf-8")).text
    joined = "\n\n".join(" ".join(block.split("\n")) for block in text.split("\n\n"))
    assert any(line.endswith("№ 2 бұйрығына № 1 қосымша") for line in _lines(joined))
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == ("2000-01-04", "2")
    assert record["issuer"] == "Қазақстан Республикасы Ішкі істер министрі"


def test_a_new_wording_in_quotes_ends_its_item() -> None:
    """corpus/mic-order-2026-130-amendments.txt, every line joined: point 1's last wording
    closes with "… жұмыс күні ішінде жібереді.";", and the instructions after it ("көрсетілген
    Қағидаға 1-қосымша …") stand on lines of their own. Point 2 is then a point of this
    order, and both orders it changes (№ 117 and № 105) are read, as from the text as
    printed."""
    joined = " ".join((ROOT / "corpus/mic-order-2026-130-amendments.txt")
                      .read_text("utf-8").replace("\r\n", "\n").split("\n"))
    lines = _lines(joined)
    assert any(line.endswith('жұмыс күні ішінде жібереді.";') for line in lines)
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted({a["act"]["number"] for a in record["amends"]}) == ["105", "117"]


def test_a_name_with_its_initials_last_ends_the_sentence_before_a_signature() -> None:
    """kazakhstan-law-local/almobl-akim-2005-02-11-2-10/rus.md, every line joined: point 7
    ends "… первого заместителя Акима области Долженкова В.А." and the signature follows
    ("Аким Алматинской области Ш. Кулмаханов"). The position stands on its own line, so
    the decision's issuer is read in full, as from the text as printed."""
    joined = _joined_md("kazakhstan-law-local/almobl-akim-2005-02-11-2-10/rus.md")
    lines = _lines(joined)
    assert lines[lines.index("Ш. Кулмаханов") - 1] == "Аким Алматинской области"
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["issuer"] == "Аким Алматинской области"


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


def test_a_point_repealing_a_part_of_an_approved_document_is_no_stamp() -> None:
    """kazakhstan-law-heldout2/pav-akim-1998-08-12-grazing/kaz.md, every line joined: after
    point 2, "Облыс әкімінің 1992 жылғы қазанның 15-дегі № 208 шешімімен бекітілген Ертіс
    өзенгі аңғарындағы шаруашылық қызмет туралы Ережедегі 8.1-тармақтын осы шешімге қайшы
    келетіндіктен күші жойылсын." is an instruction, not a stamp over a title: the decision
    has no date or number from it, and it changes decision № 208 (point 8.1 repealed), as
    in the text as printed (the set's expected.kk.json)."""
    joined = _joined_md("kazakhstan-law-heldout2/pav-akim-1998-08-12-grazing/kaz.md")
    assert not any(line.endswith("№ 208 шешімімен бекітілген") for line in _lines(joined))
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"], record["issuer"]) == (None, None, None)
    assert [(a["act"]["adopted"], a["act"]["number"], a["target"]) for a in record["amends"]] \
        == [("1992-10-15", "208", "8.1-тармақ")]
    assert record["repeals"] == []


def test_a_part_named_at_its_sentences_start_on_a_joined_line() -> None:
    """kazakhstan-law-heldout2/pav-akim-1998-08-12-grazing/rus.md, every line joined: "Пункт
    8.1 Положения …, утвержденного решением главы областной администрации от 15 октября
    1992 года № 208 отменить" follows point 2's last sentence on its line. It names a part
    at its sentence's start: decision № 208 is changed, not repealed, as in the text as
    printed (the set's expected.ru.json)."""
    joined = _joined_md("kazakhstan-law-heldout2/pav-akim-1998-08-12-grazing/rus.md")
    record = record_from_text(joined, as_of="2026-12-01")
    assert record["repeals"] == []
    assert [(a["act"]["adopted"], a["act"]["number"]) for a in record["amends"]] == [
        ("1992-10-15", "208")]


def test_a_stamp_with_a_blank_day_and_number_stands_on_its_own_line() -> None:
    """kazakhstan-law-national/gov-2024-08-29-707/kaz.md, every line joined: the stamp of
    the approved additions, "Қазақстан Республикасы Үкіметінің 2024 жылғы № қаулысымен
    бекітілген", leaves the day and number blank. It still stands on its own line after the
    signer's name, so the additions' points name the four decrees this one changes (1999
    № 405, 1999 № 659, 2015 № 1095, 2020 № 701: the set's expected.kk.json), as in the text
    as printed."""
    joined = _joined_md("kazakhstan-law-national/gov-2024-08-29-707/kaz.md")
    assert "Қазақстан Республикасы Үкіметінің 2024 жылғы № қаулысымен бекітілген" \
        in _lines(joined)
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted(a["act"]["number"] for a in record["amends"]) == ["1095", "405", "659", "701"]
    assert (record["adopted"], record["number"]) == (None, None)


@pytest.mark.parametrize("join", ["every line", "each paragraph"])
def test_a_real_agreement_stamp_on_one_line_names_the_act(join: str) -> None:
    """kazakhstan-law-heldout3/akm-maslikhat-2001-04-12-s-7-7/rus.md, its lines joined: the
    decision has no header sentence; the agreement stamp 'СОГЛАСОВАНО / Решение 7 сессии
    областного маслихата от 12 апреля 2001 года / №С-7-7' names it. On one line the stamp
    stands apart from the list after it, and its word before the decision is no other text:
    the date, number and issuer are read as from the text as printed."""
    path = REALWORLD / "kazakhstan-law-heldout3/akm-maslikhat-2001-04-12-s-7-7/rus.md"
    text = markdown_to_text(path.read_text("utf-8")).text
    joined = (" ".join(text.split("\n")) if join == "every line" else
              "\n\n".join(" ".join(b.split("\n")) for b in text.split("\n\n")))
    stamp = "СОГЛАСОВАНО Решение 7 сессии областного маслихата от 12 апреля 2001 года №С-7-7"
    lines = _lines(joined)
    assert stamp in lines
    assert lines[lines.index(stamp) + 1].startswith("Состав областного акимата")
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == ("2001-04-12", "С-7-7")
    assert record["issuer"] == record_from_text(text, as_of="2026-12-01")["issuer"]


def test_a_real_note_with_no_full_stop_ends_after_the_act_it_names() -> None:
    """kazakhstan-law-heldout3/turk-akim-2000-12-04-430/rus.md, every line joined: the
    database's note 'Сноска. Утратило силу решением акима Южно-Казахстанской области от
    10.01.2003 № 4' has no full stop; the preamble 'В соответствии с Постановлением
    Правительства … № 1362 …' follows. The note ends after the act it names, so the
    Government's resolution is no act that repeals this one."""
    joined = _joined_md("kazakhstan-law-heldout3/turk-akim-2000-12-04-430/rus.md")
    lines = _lines(joined)
    note = "Сноска. Утратило силу решением акима Южно-Казахстанской области от 10.01.2003 № 4"
    assert note in lines
    assert lines[lines.index(note) + 1].startswith("В соответствии с Постановлением Правительства")
    record = record_from_text(joined, as_of="2026-12-01")
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2003-01-10", "4")]


def test_a_real_formula_with_a_semicolon_before_the_first_point() -> None:
    """kazakhstan-law-heldout3/mang-akim-1998-07-16-amend-145/rus.md, every line joined: the
    preamble cites '… № 543 "О мерах …' and the title's closing quote is missing; it ends
    '… полноты налогового вложения, решил;' with point 1 after it. The formula ends the
    preamble, so 'Внести в Решение Акима области от 06.05.98 года № 145' is the first point
    (the decision it amends), not this act's header."""
    joined = _joined_md("kazakhstan-law-heldout3/mang-akim-1998-07-16-amend-145/rus.md")
    lines = _lines(joined)
    assert any(line.endswith("налогового вложения, решил;") for line in lines)
    assert any(line.startswith("1. Внести в Решение Акима области от 06.05.98 года № 145")
               for line in lines)
    record = record_from_text(joined, as_of="2026-12-01")
    assert (record["adopted"], record["number"]) == (None, None)
    assert [(a["act"]["adopted"], a["act"]["number"]) for a in record["amends"]] == [
        ("1998-05-06", "145")]


def test_a_real_appendix_stamp_with_its_number_before_its_date() -> None:
    """kazakhstan-law-heldout3/kyz-maslikhat-2012-12-06-63/rus.md, every line joined: point 2
    repeals decisions 'согласно приложению'; the appendix stamp 'Приложение / к решению
    Кызылординского / областного маслихата № 63 / 6 декабря 2012 года' writes the number
    before the date, with no 'от'. It stands on its own line before the list it heads, and
    the three repealed decisions are read as from the text as printed."""
    joined = _joined_md("kazakhstan-law-heldout3/kyz-maslikhat-2012-12-06-63/rus.md")
    lines = _lines(joined)
    stamp = "Приложение к решению Кызылординского областного маслихата № 63 6 декабря 2012 года"
    assert stamp in lines
    assert lines[lines.index(stamp) + 1].startswith("Перечень решений Кызылординского")
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted(r["number"] for r in record["repeals"]) == ["146", "162", "196"]


@pytest.mark.parametrize(("file", "stamp", "heading"), [
    ("kaz.md", ('Қазақстан Республикасы Денсаулық сақтау министрінің 2025 жылғы "___" _______ '
               "№ ____ бұйрығына қосымша"),
     "Қазақстан Республикасы Денсаулық сақтау министрлігінің күші жойылған бұйрықтарының "
     "тізбесі"),
    ("rus.md", ('Приложение к приказу Министра здравоохранения Республики Казахстан от "____" '
               "________ 2025 года № ____"),
     "Перечень отмененных приказов Министерства здравоохранения Республики Казахстан"),
], ids=["kaz", "rus"])
def test_a_real_appendix_stamp_with_blank_requisites_on_one_line(
        file: str, stamp: str, heading: str) -> None:
    """kazakhstan-law-heldout5/dsm-2025-09-16-cancel-183-354, every line joined: point 1
    cancels orders 'қосымшаға сәйкес' ('согласно приложению'); the appendix stamp that heads
    their list kept the draft's blank day and number. It stands on its own line, the list's
    heading and items after it, so the two cancelled orders (2023 № 183, 2023 № 354) and the
    issuer the stamp names are read as from the text as printed. (Cleaning types the
    stamp's «» as straight quotes.)"""
    relative = f"kazakhstan-law-heldout5/dsm-2025-09-16-cancel-183-354/{file}"
    joined = _joined_md(relative)
    lines = _lines(joined)
    assert stamp in lines
    assert lines[lines.index(stamp) + 1] == heading
    assert lines[lines.index(stamp) + 2].startswith("1. ")
    record = record_from_text(joined, as_of="2026-12-01")
    assert sorted((r["adopted"], r["number"]) for r in record["repeals"]) == [
        ("2023-03-29", "183"), ("2023-06-19", "354")]
    assert record["amends"] == []
    as_printed = record_from_text(
        markdown_to_text((REALWORLD / relative).read_text("utf-8")).text, as_of="2026-12-01")
    assert record["issuer"] == as_printed["issuer"] is not None
