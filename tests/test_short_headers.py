"""Forms of real acts the extractor missed: the database's short header lines (opening with
the bare type word or leaving it out), a joint header with a session word, a signer named
surname first, and older notes of amendment.

The lines are quoted from real texts of the development set (tests/realworld, named by
folder); the negative cases are made up here, marked as such.
"""

from __future__ import annotations

import pytest

from shezhire.extract.self_facts import type_first_header

CASES = [
    # kazakhstan-law-national/gov-2013-02-05-86/kaz.md: type, dd.mm.yyyy date, number, issuer.
    ("Мемлекеттік энергетикалық тізілім операторын айқындау туралы\n"
     "Қаулы 05.02.2013 № 86, Қазақстан Республикасының Үкіметі (Қазақстан Республикасының "
     "Премьер-Министрі). Күші жойылды – Қазақстан Республикасы Үкіметінің 2015 жылғы "
     "17 шілдедегі № 549 қаулысымен\n",
     ("decree", "Қазақстан Республикасының Үкіметі", "2013-02-05", "86")),
    # kazakhstan-law-national/mjust-1999-11-08-87/kaz.md: type, issuer, date, number.
    ("1999 жылғы 8 қазандағы № 81 бұйрықтың қолданылуын тоқтата тұру туралы\n"
     "Бұйрық Қазақстан Республикасы Әділет министрлігі 1999 жылғы 8 қараша № 87. Күші "
     "жойылды – Қазақстан Республикасы Әділет министрінің 2010 жылғы 5 сәуірдегі № 98 "
     "Бұйрығымен\n",
     ("order", "Қазақстан Республикасы Әділет министрлігі", "1999-11-08", "87")),
    # adilet-pages/gov-1998-07-01-621/page.kk.txt (Latin look-alikes made Cyrillic by
    # cleaning): no type word; the Government adopts decrees only.
    ("Қазақстан Республикасы Үкіметінің 1996 жылғы 30 қазандағы № 1316 қаулысына "
     "толықтыру енгізу туралы\nКүшін жойғанҚазақстан Республикасы Үкіметінің 1998 жылғы "
     "1 шілдедегі № 621. Күші жойылды – Қазақстан Республикасы Үкіметінің 2002.03.29. "
     "№ 373 қаулысымен.\n",
     ("decree", "Қазақстан Республикасы Үкіметі", "1998-07-01", "621")),
]


@pytest.mark.parametrize(("text", "facts"), CASES)
def test_a_short_header_line_names_the_act(text: str, facts: tuple[str, str, str, str]) -> None:
    cite = type_first_header(text)
    assert cite is not None
    assert (cite.act_type, cite.issuer, cite.adopted, cite.number) == facts
    quote = text[cite.start:cite.end]  # the evidence: the header line's words
    assert facts[3] in quote and facts[1] in quote.replace("Үкіметінің", "Үкіметі")


@pytest.mark.parametrize("text", [
    # Made up: a type word and a date with no issuer anywhere on the line.
    "Қаулы 05.02.2013 № 86\nҚазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ:\n",
    # Made up: a ministry names no type of its own (it adopts orders and joint acts), so a
    # line without the type word is not read as a header.
    "Қазақстан Республикасы Әділет министрлігінің 1999 жылғы 8 қарашадағы № 87.\n",
    # Made up: a sentence citing a Government act mid-line is not a header.
    "Осы тармақ Қазақстан Республикасы Үкіметінің 1998 жылғы 1 шілдедегі № 621.\n",
])
def test_a_line_that_is_no_header_names_no_act(text: str) -> None:
    assert type_first_header(text) is None


def test_a_signer_named_surname_first_gives_the_issuer() -> None:
    """kazakhstan-law-local/astana-almatydistrict-akim-2025-11-11-03-02-02/rus.md: the act
    names its issuer only in the signature, the signer's surname before the initial (an
    excerpt: "..." marks the words left out, points left out and renumbered)."""
    from shezhire.extract.record import record_from_text

    text = ("Об объявлении чрезвычайной ситуации техногенного характера объектового масштаба\n"
            "В соответствии с Законами Республики Казахстан ..., РЕШИЛ:\n"
            "1. Организовать немедленное оповещение населения и ограничение доступа к опасной "
            "зоне.\n"
            "2. Контроль за исполнением настоящего решения оставляю за собой.\n"
            "Аким района «Алматы» города Астаны\n"
            "Тауекелов Р.\n")
    record = record_from_text(text)
    assert record["issuer"] == 'Аким района "Алматы" города Астаны'
    assert "issuer_from_signature" in {f["kind"] for f in record["findings"]}


def test_a_joint_header_names_both_parties_past_the_session_word() -> None:
    """adilet-pages/karobl-joint-2007-12-07-27-05/page.kk.txt: a joint act of an akimat and a
    maslikhat, the maslikhat's session ("IІI сессиясының") between it and the date."""
    from shezhire.extract.record import record_from_text

    text = ("Қарағанды облысы аудандарының әкімшілік-аумақтық құрылымдарындағы өзгерістер туралы\n"
            "ЖаңаБірлескен Қарағанды облысының әкімдігінің 2007 жылғы 7 желтоқсандағы N 27/05 "
            "қаулысы және Қарағанды облыстық мәслихатының IІI сессиясының 2007 жылғы "
            "14 желтоқсандағы N 47 шешімі. Қарағанды облысының әділет Департаментінде 2008 жылғы "
            "14 қаңтарда N 1839 тіркелді\n")
    record = record_from_text(text)
    assert record["issuer"] == "Қарағанды облысының әкімдігі және Қарағанды облыстық мәслихаты"
    assert (record["act_type"], record["adopted"], record["number"]) == \
        ("other", "2007-12-07", "27/05")


@pytest.mark.parametrize(("note", "changer"), [
    # kazakhstan-law-local/almobl-akim-1998-12-08-12-330/kaz.md
    ("Ескерту. 3 тармақ өзгертілді - Алматы облысы әкімінің 25.05.1999 № 5-161 шешімімен.",
     ("1999-05-25", "5-161")),
    # kazakhstan-law-national/mjust-1999-02-24-16/kaz.md: the opener with a colon
    ("Ескерту: 2-тармаққа өзгерту енгізілді - ҚР Әділет министрінің 2004 жылғы 4 қарашадағы "
     "N 325 бұйрығымен .", ("2004-11-04", "325")),
])
def test_an_older_note_names_the_amending_act(note: str, changer: tuple[str, str]) -> None:
    """Made up around the real note: a header-less act of one point, the note after it."""
    from shezhire.extract.record import record_from_text

    text = ("Алымның ставкалары туралы\n"
            "1. Алымның ставкалары бекітілсін.\n" + note + "\n")
    record = record_from_text(text)
    assert [(a["act"]["adopted"], a["act"]["number"]) for a in record["amended_by"]] == [changer]


@pytest.mark.parametrize(("text", "repealed"), [
    # kazakhstan-law-local/almobl-akim-2003-08-20-8-140/kaz.md: the title of a decision with
    # no numbered points ("... күші жойылған деп танылуы туралы")
    ("Облыс әкімінің 2002 жылғы 15-наурыздағы N 3-47 шешімінің күші жойылған деп танылуы "
     "туралы\n", ("2002-03-15", "3-47")),
    # kazakhstan-law-local/astana-akim-2004-12-27-3-1-393/kaz.md wording ("... деп
    # табылсын"), the point shortened (made up: no title or registration in brackets)
    ("Тіркеу туралы\n1. Астана қаласы әкімінің 2003 жылғы 19 желтоқсандағы N 3-1-877 "
     "шешімінің күші жойылды деп табылсын.\n", ("2003-12-19", "3-1-877")),
])
def test_an_older_repeal_wording_repeals_the_act(text: str, repealed: tuple[str, str]) -> None:
    from shezhire.extract.record import record_from_text

    record = record_from_text(text)
    assert [(r["adopted"], r["number"]) for r in record["repeals"]] == [repealed]


def test_a_russian_note_with_za_before_the_number_names_the_amending_act() -> None:
    """kazakhstan-law-local/almobl-akim-2003-02-11-2-27/rus.md: "... от 26 февраля 2004 года
    за N 2-28" (the act around the note made up)."""
    from shezhire.extract.record import record_from_text

    text = ("О ставках сборов\n"
            "1. Утвердить ставки сборов.\n"
            "Cноска. Пункты 1, 2 с изменениями внесенными решением Акима Алматинской области "
            "от 26 февраля 2004 года за N 2-28.\n")
    record = record_from_text(text)
    assert [(a["act"]["adopted"], a["act"]["number"]) for a in record["amended_by"]] == \
        [("2004-02-26", "2-28")]


@pytest.mark.parametrize("point", [
    # kazakhstan-law-national/gov-2002-03-19-332/rus.md
    "4. Утратил силу постановлением Правительства РК от 27.06.2014 № 707.",
    # kazakhstan-law-national/gov-2004-01-30-112/rus.md (as a point of its own here)
    "2) (Подпункт 2) утратил силу - постановлением Правительства РК от 27 июня 2014 г. "
    "N 707 )",
])
def test_a_russian_point_replaced_by_its_repeal_note_names_the_changer(point: str) -> None:
    """The points around the real one are made up."""
    from shezhire.extract.record import record_from_text

    text = ("О мерах\n"
            "Правительство Республики Казахстан ПОСТАНОВЛЯЕТ:\n"
            "1. Утвердить прилагаемые Правила.\n" + point + "\n"
            "5. Настоящее постановление вводится в действие со дня подписания.\n")
    record = record_from_text(text)
    assert [(a["act"]["adopted"], a["act"]["number"]) for a in record["amended_by"]] == \
        [("2014-06-27", "707")]
    assert record["repealed_by"] == []


@pytest.mark.parametrize(("points", "amended"), [
    # kazakhstan-law-national/gov-2025-08-28-689/kaz.md: the act named in the locative
    ('3. "Қазақстан Республикасы Ішкі істер министрлігінің мәселелері" туралы Қазақстан '
     "Республикасы Үкіметінің 2005 жылғы 22 маусымдағы № 607 қаулысында:\n"
     "Министрліктің және оның ведомстволарының қарамағындағы ұйымдардың тізбесінде:\n"
     '"2. Қылмыстық-атқару жүйесі комитеті" деген бөлімде:\n'
     "реттік нөмірі 2-жол алып тасталсын.\n", ("2005-06-22", "607")),
    # kazakhstan-law-national/gov-2004-01-30-112/kaz.md: the point names "some decisions",
    # its subpoint the changed act
    ("3. Қазақстан Республикасы Үкiметiнiң кейбiр шешiмдерiне мынадай өзгерiстер "
     "енгiзiлсiн:\n"
     '1) "Республикалық мемлекеттiк кәсiпорындардың тiзбесi туралы" Қазақстан Республикасы '
     "Үкiметiнiң 1996 жылғы 25 маусымдағы N 790 қаулысына (Қазақстан Республикасының "
     "ПҮКЖ-ы, 1996 ж., N 29., 256-құжат):\n"
     "көрсетiлген қаулымен бекiтiлген Республикалық мемлекеттiк кәсiпорындардың "
     "тiзбесiнде:\n"
     '"Қазақстан Республикасының Бiлiм және ғылым министрлiгi" бөлiмiнде реттiк нөмiрi '
     "470-156-жол мынадай редакцияда жазылсын:\n", ("1996-06-25", "790")),
])
def test_a_point_changing_a_named_act_amends_it(points: str, amended: tuple[str, str]) -> None:
    """The title, formula and closing point around the real points are made up."""
    from shezhire.extract.record import record_from_text

    text = ("Кәсіпорын туралы\n"
            "Қазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ:\n"
            "1. Кәсіпорын құрылсын.\n" + points +
            "4. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.\n")
    record = record_from_text(text)
    assert {(a["act"]["adopted"], a["act"]["number"]) for a in record["amends"]} == {amended}
