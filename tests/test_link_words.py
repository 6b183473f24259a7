"""A citation's displaced link words put back from the citation's shape (extract/link_words.py).

The damaged lines are the seeds' own (corpus/mic-order-2023-168-rules.txt,
corpus/nko-akimat-decree-2018-193-reglament.txt), laid out as a copy that lost the line ends
and blank lines the line-based repair reads: joined into one line, or without the page
break's blank line. The texts that must stay are real lines of the seeds and the development
set, and two small made-up fixtures, marked as such.
"""

from __future__ import annotations

import pytest

from shezhire.extract.clean import clean_text
from shezhire.extract.mapped import MappedText
from shezhire.extract.record import record_from_text

MIC = "corpus/mic-order-2023-168-rules.txt"
NKO = "corpus/nko-akimat-decree-2018-193-reglament.txt"


def _joined(*lines: str) -> str:
    """The seed's lines run into one, as a copy that lost its line ends prints them."""
    return " ".join(lines)


@pytest.mark.parametrize(("damaged", "repaired", "moved"), [
    # mic seed, the database's note: "№ 130" printed after the sentence, glued to its mark.
    (_joined("      Ескерту. Күші жойылды - ҚР Өнеркәсіп және құрылыс министрінің м.а. ",
             "17.04.2025  (24.05.2025 бастап қолданысқа енгізіледі) бұйрығымен.№ 130",
             '      "Тұрғын үй қатынастары туралы" Қазақстан Республикасы Заңының'),
     "министрінің м.а. 17.04.2025 № 130 (24.05.2025 бастап қолданысқа енгізіледі) бұйрығымен.",
     "№ 130"),
    # mic seed, point 2: "бұйрығы" printed inside the registration's note.
    (_joined("Индустрия және инфрақұрылымдық даму министрінің міндетін атқарушы 2021 ",
             "жылғы 13 тамыздағы № 441  (Нормативтік құқықтық актілерді бұйрығы",
             "мемлекеттік тіркеу тізілімінде № 24039 болып тіркелді);"),
     "2021 жылғы 13 тамыздағы № 441 бұйрығы (Нормативтік құқықтық актілерді мемлекеттік тіркеу "
     "тізілімінде № 24039 болып тіркелді);",
     "бұйрығы"),
    # nko seed, the database's note without the page break's blank line: "№ 24" inside the
    # entry-into-force note.
    ("      Ескерту. Күші жойылды - Солтүстік Қазақстан облысы әкімдігінің 07.02.2020 \n"
     " (алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң № 24\n"
     "қолданысқа енгізіледі) қаулысымен.\n",
     "әкімдігінің 07.02.2020 № 24 (алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн "
     "өткен соң қолданысқа енгізіледі) қаулысымен.",
     "№ 24"),
    # nko seed, point 2: "қаулысының" printed between the day and the month of the note's date.
    (_joined("әкімдігінің 2017 жылғы 20 қантардағы № 18  (2017 жылғы 1 қаулысының",
             "наурызда Қазақстан Республикасының нормативтік құқықтық актілерінің ",
             "эталондық бақылау банкінде жарияланды, Нормативтік құқықтық актілерді ",
             "мемлекеттік тіркеу тізілімінде № 4054 болып тіркелді) күші жойылсын."),
     "№ 18 қаулысының (2017 жылғы 1 наурызда Қазақстан Республикасының",
     "қаулысының"),
    # nko seed, the preamble: "тармағына" glued after the formula, "3-" left without it.
    (_joined('" Қазақстан Республикасының 2013 жылғы 15 сәуірдегі Заңының 16-бабы 3-',
             " сәйкес Солтүстік Қазақстан облысының әкімдігі ҚАУЛЫ ЕТЕДІ:тармағына",
             "      1. Қоса беріліп отырған регламент бекітілсін."),
     "Заңының 16-бабы 3-тармағына сәйкес Солтүстік Қазақстан облысының әкімдігі ҚАУЛЫ ЕТЕДІ:",
     "тармағына"),
])
def test_a_stranded_link_word_goes_back_into_its_citation(damaged: str, repaired: str,
                                                         moved: str) -> None:
    result = clean_text(MappedText.identity(damaged))
    # (Whether a short text's lines are joined is the line joiner's business.)
    assert repaired in " ".join(result.text.text.split())
    restored = [f for f in result.findings if f.kind == "displaced_link_text_restored"]
    assert len(restored) == 1 and repr(moved) in restored[0].message
    # The finding's evidence is where the source printed the words.
    assert damaged[restored[0].source_start:restored[0].source_end] == moved
    # The cleaned text is clean: cleaning it again moves nothing.
    again = clean_text(result.text)
    assert again.text.text == result.text.text and not again.findings


def test_words_the_line_ends_could_not_place_are_reported_once_put_back() -> None:
    # mic seed's note wrapped at 50 columns: the line rule sees "№ 130" at a line's end but no
    # hole in that line; the citation's shape places it, and only that repair is reported.
    damaged = ("Ескерту. Күші жойылды - ҚР Өнеркәсіп және құрылыс министрінің м.а.\n"
               "17.04.2025  (24.05.2025 бастап қолданысқа\n"
               "енгізіледі) бұйрығымен.№ 130\n")
    result = clean_text(MappedText.identity(damaged))
    assert "17.04.2025 № 130 (24.05.2025" in " ".join(result.text.text.split())
    assert [f.kind for f in result.findings] == ["displaced_link_text_restored"]


def test_the_repaired_note_gives_the_relation_with_its_number() -> None:
    # mic seed's header and note on one line: the note's citation is read with its number,
    # the same act as the header's "2025 жылғы 17 сәуірдегі № 130 бұйрығымен".
    text = "\n".join([
        "Мемлекеттік тұрғын үй қорынан тұрғын үйге мұқтаж азаматтарды есепке қою қағидаларын "
        "бекіту туралы", "", "Күшін жойған",
        _joined("Қазақстан Республикасы Өнеркәсіп және құрылыс министрінің 2023 жылғы 27 ",
                "желтоқсандағы № 168 бұйрығы. Қазақстан Республикасының Әділет ",
                "министрлігінде 2023 жылғы 28 желтоқсанда № 33835 болып тіркелді. Күші ",
                "жойылды - Қазақстан Республикасы Өнеркәсіп және құрылыс министрінің м.а. ",
                "2025 жылғы 17 сәуірдегі № 130 бұйрығымен.",
                "      Ескерту. Күші жойылды - ҚР Өнеркәсіп және құрылыс министрінің м.а. ",
                "17.04.2025  (24.05.2025 бастап қолданысқа енгізіледі) бұйрығымен.№ 130")])
    record = record_from_text(text, as_of="2026-12-01")
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2025-04-17", "130")]


@pytest.mark.parametrize("kept", [
    # Real lines: a citation without a number (a law), a whole citation with its note, a
    # registration's number, a list sharing a part's word.
    "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы Заңының 27-бабына сәйкес",
    "облысы әкімдігінің 2017 жылғы 20 қантардағы № 18 (2017 жылғы 1 наурызда Қазақстан "
    "Республикасының нормативтік құқықтық актілерінің эталондық бақылау банкінде жарияланды) "
    "қаулысының күші жойылсын.",
    "Ескерту. Күші жойылды – Солтүстік Қазақстан облысы әкімдігінің 07.02.2020 № 24 "
    "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа "
    "енгізіледі) қаулысымен.",
    "министрінің 2015 жылғы 9 сәуірдегі № 319 бұйрығымен (Нормативтік құқықтық актілерді "
    "мемлекеттік тіркеу тізілімінде № 11015 болып тіркелген) бекітілген",
    # Made up: a note naming the act that changed the citation, its own issuer before its
    # type word; a number in the note that is the registration's.
    "облыс әкімдігінің 2019 жылғы 5 наурыздағы № 12 (облыс әкімдігінің қаулысымен "
    "өзгертілген) тізбесі;",
    "облыс әкімдігінің 07.02.2020 (тіркеу тізілімінде № 24 болып тіркелді) қаулысымен.",
    # Made up: a list of points sharing the word after the last ("3- және 4-тармақтары").
    "Заңының 3- және 4-тармақтарына сәйкес ҚАУЛЫ ЕТЕДІ: 1. Бекітілсін.",
])
def test_a_citation_that_is_whole_stays(kept: str) -> None:
    result = clean_text(MappedText.identity(kept))
    assert " ".join(result.text.text.split()) == " ".join(kept.split())
    assert not [f for f in result.findings if f.kind == "displaced_link_text_restored"]


def test_several_stranded_type_words_are_reported_not_guessed() -> None:
    # Made up: two type words in the note of a citation that has none.
    damaged = ("министрінің 2021 жылғы 13 тамыздағы № 441 (Нормативтік бұйрығы құқықтық "
               "актілерді қаулысы мемлекеттік тіркеу тізілімінде № 24039 болып тіркелді);")
    result = clean_text(MappedText.identity(damaged))
    assert "№ 441 (Нормативтік бұйрығы" in result.text.text
    assert [f.kind for f in result.findings] == ["displaced_link_text"]


def test_a_glued_part_word_with_several_cut_references_is_reported_not_guessed() -> None:
    # Made up: two references of the sentence cut after their hyphen; which one the word
    # completes the text does not show.
    damaged = ("Заңының 16-бабы 3- сәйкес, Кодекстің 27-бабы 2- негізінде ҚАУЛЫ "
               "ЕТЕДІ:тармағына 1. Бекітілсін.")
    result = clean_text(MappedText.identity(damaged))
    assert "ЕТЕДІ:тармағына" in result.text.text
    assert [f.kind for f in result.findings] == ["displaced_link_text"]
