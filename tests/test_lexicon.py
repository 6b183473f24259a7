"""The lexicons (``extract/lexicon/kk.json``, ``ru.json``), their loader and the Kazakh
morphology that builds the forms of a stem.

The expected forms are Kazakh as the seed acts in ``corpus/`` write it ("бұйрығымен",
"Заңының", "тармақтың", "бабы", "қыркүйегінде"...).
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest

import shezhire.extract.citations as citations
import shezhire.extract.clean as clean
import shezhire.extract.deadlines as deadlines
import shezhire.extract.documents as documents
import shezhire.extract.identity as identity
import shezhire.extract.record as record
import shezhire.extract.relations as relations
import shezhire.extract.structure as structure
import shezhire.extract.targets as targets
from shezhire.extract.kazakh import dates, matchers
from shezhire.extract.kazakh.matchers import find_act_numbers, find_act_type_words
from shezhire.extract.lexicon import (
    LexiconError,
    lexicon,
    lexicon_from_data,
    lexicon_in_use,
    phrase_regex,
    read_data,
)
from shezhire.extract.lexicon.phrases import PhraseError
from shezhire.extract.record import record_from_text

KK = lexicon("kk")


def _morphology() -> Any:
    assert KK.morphology is not None
    return KK.morphology


# -- morphology -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "forms"),
    [
        # voicing before a vowel, harmony, the "н" of a possessed noun
        ("бұйрық", ["бұйрық", "бұйрыққа", "бұйрықпен", "бұйрығы", "бұйрығымен", "бұйрығына",
                    "бұйрығының", "бұйрықтар", "бұйрықтарына", "бұйрықтарының"]),
        ("қаулы", ["қаулы", "қаулыға", "қаулысы", "қаулысымен", "қаулысының", "қаулылары"]),
        ("шешім", ["шешім", "шешімге", "шешімнен", "шешімі", "шешіміне", "шешімдерінің"]),
        ("Заң", ["Заң", "Заңға", "Заңы", "Заңының", "Заңдарына", "Заңдарында"]),
        ("Кодекс", ["Кодекс", "Кодекске", "Кодексі", "Кодексінің", "Кодекстер"]),
        ("бап", ["бап", "бапқа", "бабы", "бабының", "баптар"]),
        ("тармақ", ["тармақ", "тармақтың", "тармағы", "тармағына", "тармақтар"]),
        ("тарау", ["тарау", "тарауы", "тарауға", "тараудың"]),
        ("жыл", ["жыл", "жылға", "жылдан", "жылы", "жылдар", "жылмен"]),
        ("күн", ["күн", "күнге", "күннен", "күні", "күнінен", "күндер"]),
    ],
)
def test_inflected_forms_of_a_stem(stem: str, forms: list[str]) -> None:
    made = _morphology().inflect(stem)
    assert [f for f in forms if f not in made] == []


@pytest.mark.parametrize(
    ("stem", "possessive"),
    [("бұйрық", "бұйрығы"), ("министрлік", "министрлігі"), ("Үкімет", "Үкіметі"),
     ("төраға", "төрағасы"), ("тармақша", "тармақшасы"), ("қосымша", "қосымшасы"),
     ("министр", "министрі"), ("қыркүйек", "қыркүйегі")],
)
def test_the_possessive_a_name_ends_with(stem: str, possessive: str) -> None:
    assert _morphology().possessive(stem) == possessive


def test_harmony_suffix_consonant_and_words_against_the_rules() -> None:
    m = _morphology()
    assert m.case("министр", "dative") == "министрге"  # "и" is front
    assert m.case("сағат", "locative") == "сағатта"  # after a voiceless consonant
    assert m.case("шешім", "ablative") == "шешімнен"  # after a nasal
    assert m.case("сөз", "instrumental") == "сөзбен"  # after ж, з
    assert m.adjective("ай") == "айлық" and m.adjective("жыл") == "жылдық"
    assert m.ordinal("бес") == "бесінші" and m.ordinal("алты") == "алтыншы"
    # the lexicon lists what the rules do not give
    minute = next(n for n in KK.time_units if n.key == "minute")
    assert {"минутқа", "минуттар", "минуттық"} <= minute.forms and "минутке" not in minute.forms
    law = KK.act_type("law")
    assert "заңды" not in law.forms  # "legal", not the Law's accusative


def test_endings_of_a_case() -> None:
    m = _morphology()
    assert set(m.endings("genitive")) == {"ның", "нің", "дың", "дің", "тың", "тің"}
    assert set(m.endings("genitive", possessed=True)) == {"ның", "нің"}
    assert set(m.endings("locative", possessed=True)) == {"нда", "нде"}
    assert {"дағы", "тегі", "ндағы"} <= set(m.endings("locative_attributive"))


@pytest.mark.parametrize(
    ("word", "value"),
    [("бесінші", 5), ("онға", 10), ("жиырмасыншы", 20), ("қырқыншы", 40), ("екеу", 2),
     ("жиырмасы", 20)],
)
def test_number_words_come_from_the_lexicon(word: str, value: int) -> None:
    numbers = KK.numbers
    assert numbers.inflected.get(word, numbers.collectives.get(word)) == value


# -- the phrase notation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "matches", "misses"),
    [
        ("(болып) тіркелді", ["тіркелді", "болып тіркелді", "болып\n тіркелді"], ["болып"]),
        ("құжат* (мен|және мәліметтер*) тізбе*",
         ["құжаттардың тізбесі", "құжаттар мен мәліметтердің тізбесі"], ["мәліметтер тізбесі"]),
        ("өзгеріс|өзгерістер (мен|және _) енгізілсін",
         ["өзгерістер енгізілсін", "өзгерістер мен толықтырулар енгізілсін"], ["енгізілсін"]),
        ("қызмет* _{0,2} көрсету* мерзімі",
         ["қызмет көрсету мерзімі", "қызметті уақтылы сапалы көрсету мерзімі"],
         ["қызметті бір екі үш көрсету мерзімі"]),
        ("м.а.", ["м.а."], ["мХаХ"]),
    ],
)
def test_phrase_notation(phrase: str, matches: list[str], misses: list[str]) -> None:
    pattern = re.compile(phrase_regex(phrase))
    assert [m for m in matches if not pattern.fullmatch(m)] == []
    assert [m for m in misses if pattern.fullmatch(m)] == []


@pytest.mark.parametrize("phrase", ["(болып тіркелді", "көрсету _{0,3}"])
def test_a_phrase_the_notation_cannot_read_is_an_error(phrase: str) -> None:
    with pytest.raises(PhraseError):
        phrase_regex(phrase)


# -- the loader -------------------------------------------------------------------------------


def test_the_lexicon_is_read_once_and_its_data_handed_out_as_copies() -> None:
    assert lexicon("kk") is lexicon("kk")
    data = read_data("kk")
    data["act_types"].clear()
    assert read_data("kk")["act_types"] != [] and lexicon("kk").act_types != ()


def test_a_lexicon_without_a_key_names_the_file_and_the_key() -> None:
    data = read_data("kk")
    del data["months"]
    with pytest.raises(LexiconError, match=r"kk\.json: missing key 'months'"):
        lexicon_from_data(data)
    with pytest.raises(LexiconError, match=r"no 'documents.nothing' in the lexicon"):
        KK.words("documents.nothing")


def test_an_unknown_language_is_an_error() -> None:
    with pytest.raises(LexiconError, match="no lexicon for language 'xx'"):
        read_data("xx")


def test_an_act_type_the_record_does_not_know_is_an_error() -> None:
    data = read_data("kk")
    data["act_types"].append({"key": "edict", "stem": "Жарлық"})
    with lexicon_in_use(lexicon_from_data(data)), \
            pytest.raises(LexiconError, match="act type 'edict' of the lexicon is not one of"):
        record_from_text("Қазақстан Республикасы Президентінің 2020 жылғы 5 наурыздағы "
                         "№ 123 Жарлығы.\n")


def test_the_spacy_language_package_knows_nothing_of_the_extractors_models() -> None:
    code = ("import sys, shezhire.extract.kazakh.matchers, shezhire.extract.kazakh.dates, "
            "shezhire.extract.kazakh.numbers; "
            "print(sorted(m for m in sys.modules if m.startswith('shezhire.extract.models')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


# -- Russian ----------------------------------------------------------------------------------

# Objects whose keys are words of the language (number words), not the lexicon's keys.
_WORD_KEYED = {"numbers.cardinals", "numbers.forms", "numbers.collectives", "numbers.irregular",
               # Keyed by the language's own words: a body's full name, an adjective ending.
               "self_facts.abbreviated_bodies", "self_facts.place_adjective_nominative"}


def _keys(node: Any, path: str = "") -> set[str]:
    if not isinstance(node, dict) or path in _WORD_KEYED:
        return set()
    found = set()
    for key, value in node.items():
        here = f"{path}.{key}" if path else key
        found |= {here} | _keys(value, here)
    return found


def test_russian_has_the_keys_of_kazakh() -> None:
    assert _keys(read_data("ru")) == _keys(read_data("kk"))


def test_russian_loads() -> None:
    ru = lexicon("ru")
    assert [n.key for n in ru.act_types] == [n.key for n in KK.act_types]
    assert {"приказом", "приказа", "приказов"} <= ru.act_type("order").forms
    assert ru.months[6] == "июля" and len(ru.months) == 12
    assert ru.numbers.inflected["пятнадцати"] == 15
    assert ru.labels("status_labels")["repealed"] == ("Утративший силу",)
    assert "утратил* силу" in ru.words("note_actions.repealed")


def _every_stage_pattern() -> list[Any]:
    builders = [clean._words, citations._words, citations._refined, record._words,
                record._law_types, relations._words, relations._changes, relations._part_words,
                structure._words, structure._doc_kinds, documents._words, deadlines._words,
                deadlines._units, deadlines._cues, deadlines._word_labels,
                deadlines._word_pieces, matchers._type_words, matchers._type_pieces, targets._parts,
                identity._names, dates._month_ending, dates._date_matcher]
    return [build() for build in builders]


def test_every_stage_builds_its_patterns_from_the_russian_words() -> None:
    with lexicon_in_use(lexicon("ru"), language="kk"):
        built = _every_stage_pattern()
        assert all(value is not None for value in built)
        found = find_act_type_words("нормативным постановлением Верховного Суда; приказом "
                                    "Министра; решения маслихата; Закона Республики Казахстан")
        assert [(m.text, m.act_type) for m in found] == [
            ("нормативным постановлением", "normative_decree"), ("приказом", "order"),
            ("решения", "decision"), ("Закона", "law")]
        assert [m.number for m in find_act_numbers("приказ от 27 декабря 2023 года № 168")] \
            == ["168"]
    # and the Kazakh words again after the block
    assert [m.act_type for m in find_act_type_words("бұйрығымен")] == ["order"]
