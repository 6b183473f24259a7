"""Act numbers and act-type words found by token matchers over the Kazakh Doc."""

from __future__ import annotations

from pathlib import Path

import pytest

from shezhire.extract.kazakh.matchers import find_act_numbers, find_act_type_words

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    ("text", "mention", "number", "sign"),
    [
        ("2018 жылғы 12 шілдедегі № 193 қаулысы", "№ 193", "193", "№"),  # nko-akimat
        ("2018 жылғы 2\nтамызда № 4874 болып тіркелді", "№ 4874", "4874", "№"),
        ("қаулысымен (№193)", "№193", "193", "№"),
        ("6 маусымдағы N 2/516 қаулысы.", "N 2/516", "2/516", "N"),  # almaty-akimat
        ("9 шілдеде N 942 тіркелді.", "N 942", "942", "N"),
        ("қаулысымен (N2/512).", "N2/512", "2/512", "N"),
        ("8 ақпандағы № \n76 «Ауданның", "№ \n76", "76", "№"),
        ("№ 2/516 қаулысымен", "№ 2/516", "2/516", "№"),
        ("№ 11-1/123 бұйрығы", "№ 11-1/123", "11-1/123", "№"),
        ("№ 01-03/45-қ.", "№ 01-03/45-қ", "01-03/45-қ", "№"),
        ("Жароков көшесі, 215, №№211, 212", "№№211", "211", "№"),
    ],
)
def test_act_numbers(text: str, mention: str, number: str, sign: str) -> None:
    [found] = find_act_numbers(text)
    assert found.text == mention
    assert text[found.start : found.end] == mention
    assert (found.number, found.sign) == (number, sign)


@pytest.mark.parametrize(
    "text",
    [
        "№ п/п",  # a table header
        "№ ______үй,",  # a blank in a form
        "N қатары",  # a Latin N not followed by a number
        "Nұр-Сұлтан",
        "No 5",
        "193 қаулысы",
    ],
)
def test_not_act_numbers(text: str) -> None:
    assert find_act_numbers(text) == []


def test_act_numbers_in_order() -> None:
    text = "18.06.2024 № 223 бұйрығымен; 2012 жылғы N 2/512 қаулысымен"
    assert [m.number for m in find_act_numbers(text)] == ["223", "2/512"]


@pytest.mark.parametrize(
    ("word", "act_type"),
    [
        ("қаулы", "decree"),
        ("қаулысы", "decree"),
        ("қаулысымен", "decree"),
        ("қаулысының", "decree"),
        ("қаулысына", "decree"),
        ("қаулыға", "decree"),
        ("ҚАУЛЫ", "decree"),
        ("бұйрық", "order"),
        ("бұйрығы", "order"),
        ("бұйрығымен", "order"),
        ("бұйрығына", "order"),
        ("бұйрықтарына", "order"),
        ("бұйрыққа", "order"),
        ("шешім", "decision"),
        ("шешімі", "decision"),
        ("шешімімен", "decision"),
        ("Заң", "law"),
        ("Заңы", "law"),
        ("Заңының", "law"),
        ("Заңдарына", "law"),
        ("заңдарында", "law"),
        ("Заңымен", "law"),
        ("кодекс", "code"),
        ("Кодексі", "code"),
        ("Кодексінің", "code"),
        ("кодекске", "code"),
    ],
)
def test_act_type_words(word: str, act_type: str) -> None:
    text = f"Қазақстан Республикасының {word} бар."
    [found] = find_act_type_words(text)
    assert found.text == word
    assert text[found.start : found.end] == word
    assert found.act_type == act_type


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Жоғарғы Сотының нормативтік қаулысы", "нормативтік қаулысы"),
        ("Жоғарғы Сотының нормативтік \nқаулысымен", "нормативтік \nқаулысымен"),
    ],
)
def test_normative_decree(text: str, mention: str) -> None:
    [found] = find_act_type_words(text)
    assert (found.text, found.act_type) == (mention, "normative_decree")


@pytest.mark.parametrize(
    "text",
    [
        "заңды тұлғаларға",  # legal (entity), not the Law
        "заңнамасына сәйкес",  # legislation
        "заңсыз",
        "заңгер",
        "БҰЙЫРАМЫН:",  # "I order", the operative formula, not a noun
        "нормативтік құқықтық актілерінің",
        "шешу",
    ],
)
def test_not_act_type_words(text: str) -> None:
    assert find_act_type_words(text) == []


def test_act_type_words_in_a_real_sentence() -> None:
    # mic-order-2023-168-rules
    text = (
        "Қазақстан Республикасы Индустрия және инфрақұрылымдық даму \nминистрлігінің кейбір "
        "бұйрықтарына өзгерістер мен толықтыру енгізу туралы\" ... Заңының 10-2-бабының "
        "9-1) тармақшасына сәйкес"
    )
    found = find_act_type_words(text)
    assert [(m.text, m.act_type) for m in found] == [
        ("бұйрықтарына", "order"),
        ("Заңының", "law"),
    ]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")), ids=lambda p: p.name)
def test_corpus_spans_are_exact(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    numbers = find_act_numbers(text)
    words = find_act_type_words(text)
    assert numbers and words
    spans = [(m.start, m.end, m.text) for m in numbers] + [(m.start, m.end, m.text) for m in words]
    for start, end, mention_text in spans:
        assert text[start:end] == mention_text
