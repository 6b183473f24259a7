"""Kazakh number words, and the legal "15 (он бес)" digits-and-words pairs."""

from __future__ import annotations

from pathlib import Path

import pytest

from shezhire.extract.kazakh.numbers import find_digit_word_pairs, read_number_word, words_to_number

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("бір", 1),
        ("екі", 2),
        ("үш", 3),
        ("төрт", 4),
        ("бес", 5),
        ("алты", 6),
        ("жеті", 7),
        ("сегіз", 8),
        ("тоғыз", 9),
        ("он", 10),
        ("жиырма", 20),
        ("отыз", 30),
        ("қырық", 40),
        ("елу", 50),
        ("алпыс", 60),
        ("жетпіс", 70),
        ("сексен", 80),
        ("тоқсан", 90),
        ("жүз", 100),
        ("мың", 1000),
        ("нөл", 0),
        ("он бес", 15),
        ("жиырма жеті", 27),
        ("жиырма бес", 25),
        ("екі жүз отыз", 230),
        ("бір жүз", 100),
        ("екі мың жиырма алты", 2026),
        ("бір мың тоғыз жүз тоқсан бір", 1991),
        ("он мың бес жүз", 10500),
        ("жүз мың", 100_000),
        ("екі миллион", 2_000_000),
        ("Он Бес", 15),
        # An inflected last word: ordinals and case endings.
        ("бесінші", 5),
        ("оныншы", 10),
        ("он бесінші", 15),
        ("қырқыншы", 40),
        ("жиырмасыншы", 20),
        ("отызыншы", 30),
        ("онға", 10),
        ("екеу", 2),
        # Reading stops at the first word that does not continue the numeral.
        ("үш ай", 3),
        ("он екі ай ішінде", 12),
        ("бесінші бес", 5),
        ("бес он", 5),
        ("бес, алты", 5),
        ("( бес)", 5),
        ("\nон бес", 15),
    ],
)
def test_words_to_number(text: str, value: int) -> None:
    assert words_to_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "ай", "қаулы", "үшін", "оны", "бірге", "15", "бұдан әрі", "күнтізбелік он"]
)
def test_words_to_number_none(text: str) -> None:
    assert words_to_number(text) is None


def test_read_number_word_marks_inflection() -> None:
    plain = read_number_word("бес")
    inflected = read_number_word("бесінші")
    assert plain is not None and not plain.inflected
    assert inflected is not None and inflected.inflected and inflected.value == 5


@pytest.mark.parametrize(
    ("text", "pair_text", "value"),
    [
        # nko-akimat-decree-2018-193-reglament
        ("жауапты орындаушыны айқындайды – 15 (\nон бес) минут.", "15 (\nон бес)", 15),
        ("жазбаша келісімін алады – 5 ( бес) минут;", "5 ( бес)", 5),
        ("27 (жиырма жеті) күн", "27 (жиырма жеті)", 27),
        # mic-order-2023-168-rules
        ("тіркеуден өткеннен кейін 3 (үш\n) жұмыс күні ішінде", "3 (үш\n)", 3),
        ("6 (алты) жұмыс күні", "6 (алты)", 6),
        ("30 (отыз) күнтізбелік күннің", "30 (отыз)", 30),
        ("25 (жиырма бес) күнтізбелік күннің", "25 (жиырма бес)", 25),
        # Thousands grouped by a space.
        ("1 000 (бір мың) теңге", "1 000 (бір мың)", 1000),
        ("230 (екі жүз отыз) теңге", "230 (екі жүз отыз)", 230),
    ],
)
def test_agreeing_pairs(text: str, pair_text: str, value: int) -> None:
    [pair] = find_digit_word_pairs(text)
    assert pair.text == pair_text
    assert text[pair.start : pair.end] == pair_text
    assert (pair.digits_value, pair.words_value, pair.agrees) == (value, value, True)


@pytest.mark.parametrize(
    ("text", "digits", "words"),
    [
        ("7 (бес) жұмыс күні", 7, 5),
        ("15 (он) минут", 15, 10),
        ("25 (жиырма) күн", 25, 20),
        # Words that are not one well-formed number have no value.
        ("5 (бес он) минут", 5, None),
        ("15 (он бес күн) ішінде", 15, None),
    ],
)
def test_disagreeing_pairs(text: str, digits: int, words: int | None) -> None:
    [pair] = find_digit_word_pairs(text)
    assert (pair.digits_value, pair.words_value, pair.agrees) == (digits, words, False)


@pytest.mark.parametrize(
    "text",
    [
        "телефондары: 8(71533) 2-15-17",  # almaty-akimat-decree-2012-2-516
        "17.04.2025  (24.05.2025 бастап қолданысқа енгізіледі)",  # mic-order-2023-168
        "2-тарау (бұдан әрі – Қағидалар)",
        "1.5 (бес)",
        "5-тармақ (бес)",
        "(он бес) минут",
    ],
)
def test_not_pairs(text: str) -> None:
    assert find_digit_word_pairs(text) == []


def test_pairs_in_text_order() -> None:
    text = "1 (бір) күні, 2 (екі) жұмыс күні, 3 (үш) жұмыс күні"
    assert [p.digits_value for p in find_digit_word_pairs(text)] == [1, 2, 3]


@pytest.mark.parametrize(
    "name",
    [
        "nko-akimat-decree-2018-193-reglament.txt",
        "mic-order-2023-168-rules.txt",
        "mic-order-2026-130-amendments.txt",
        "wko-akimat-decree-2014-111-reglament.md",
    ],
)
def test_seed_pairs_all_agree(name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    pairs = find_digit_word_pairs(text)
    assert pairs
    for pair in pairs:
        assert text[pair.start : pair.end] == pair.text
        assert pair.agrees, pair
