"""The Kazakh spaCy language: registration, tokenizer, lexical attributes.

Most texts are cut from the seed acts in corpus/ (the file is named in a comment).
"""

from __future__ import annotations

from importlib import metadata

import pytest
import spacy

import shezhire.extract.kazakh
from shezhire.extract.kazakh import Kazakh, kazakh_nlp
from shezhire.extract.kazakh.lex_attrs import like_num, numbered_word


def tokens(text: str) -> list[str]:
    return [token.text for token in kazakh_nlp()(text)]


def test_blank_kk_works_after_import() -> None:
    nlp = spacy.blank("kk")
    assert isinstance(nlp, Kazakh)
    assert nlp.lang == "kk"
    assert [token.text for token in nlp("жоқ.")] == ["жоқ", "."]


def test_package_declares_the_spacy_entry_point() -> None:
    points = metadata.entry_points(group="spacy_languages")
    kk = [point for point in points if point.name == "kk"]
    if not kk:
        pytest.skip("shezhire is not installed, so its entry points are not visible")
    assert kk[0].load() is shezhire.extract.kazakh.Kazakh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Full stops after words ending in the letters spaCy's ALPHA lacks (ғ қ ұ).
        ("жоқ.", ["жоқ", "."]),
        ("ұлы.", ["ұлы", "."]),
        ("ҚҰҚЫҚ.", ["ҚҰҚЫҚ", "."]),
        ("Мемлекеттік көрсетілетін қызмет тегін көрсетіледі.",
         ["Мемлекеттік", "көрсетілетін", "қызмет", "тегін", "көрсетіледі", "."]),
        # Hyphenated words are split like spaCy splits them elsewhere.
        ("Рәсімнің (іс-қимылдың)", ["Рәсімнің", "(", "іс", "-", "қимылдың", ")"]),
        # The numero sign comes off a number; a Latin N does not.
        ("№24", ["№", "24"]),
        ("№ 24", ["№", "24"]),
        ("N24", ["N24"]),
        ("№№211, 212", ["№", "№", "211", ",", "212"]),  # almaty-akimat-decree-2012-2-516
        ("N 2/516 қаулысы", ["N", "2/516", "қаулысы"]),
        # Numbered words stay whole; subpoint labels lose only the bracket.
        ("Заңының 10-2-бабының 9-1) тармақшасына",  # mic-order-2023-168-rules
         ["Заңының", "10-2-бабының", "9-1", ")", "тармақшасына"]),
        ("2-тарау 11-1-тармақпен толықтырылды",
         ["2-тарау", "11-1-тармақпен", "толықтырылды"]),
        ("регламентіне 1-қосымша", ["регламентіне", "1-қосымша"]),
        ("9-2)", ["9-2", ")"]),
        ("11-1.", ["11-1", "."]),
        ("№ 11-1/123", ["№", "11-1/123"]),
        ("№ 01-03/45-қ.", ["№", "01-03/45-қ", "."]),
        # Abbreviations keep their full stop.
        ("министрінің м.а. 18.06.2024 № 223",  # mic-order-2023-168-rules
         ["министрінің", "м.а.", "18.06.2024", "№", "223"]),
        ("талон, қолхат алу және т.б. сәттен",  # almaty-akimat-decree-2012-2-516
         ["талон", ",", "қолхат", "алу", "және", "т.б.", "сәттен"]),
        ("құжаттар т.с.с. беріледі", ["құжаттар", "т.с.с.", "беріледі"]),
        ("5 млн. теңге", ["5", "млн.", "теңге"]),
        ("2 млрд. теңге", ["2", "млрд.", "теңге"]),
        ("Осы бұйрық 12.07.2026 ж. бастап",  # mic-order-2026-130-amendments
         ["Осы", "бұйрық", "12.07.2026", "ж.", "бастап"]),
        ("ҚР Өнеркәсіп", ["ҚР", "Өнеркәсіп"]),
        ("Кодекстің 5 б. 2-тармағы", ["Кодекстің", "5", "б.", "2-тармағы"]),
        ("120 ш. м", ["120", "ш.", "м"]),
        # A date at the end of a sentence gives its full stop back.
        ("07.02.2020.", ["07.02.2020", "."]),
        # A capital initial keeps its full stop.
        ("С. Шапкенов", ["С.", "Шапкенов"]),  # wko-akimat-decree-2014-111
        ("(бұдан әрі – Заң)", ["(", "бұдан", "әрі", "–", "Заң", ")"]),
        ("«Азаматтарға арналған үкімет»",
         ["«", "Азаматтарға", "арналған", "үкімет", "»"]),
        ('2017 жылғы "12" шілдедегі', ["2017", "жылғы", '"', "12", '"', "шілдедегі"]),
    ],
)
def test_tokenizer(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2018 жылғы 2\nтамызда № 4874 болып тіркелді.",
        "жауапты орындаушыны айқындайды – 15 (\nон бес) минут.\n      3) көрсетілетін",
        "Ескерту. 2-тарау 11-1-тармақпен толықтырылды - ҚР Өнеркәсіп",
    ],
)
def test_tokens_cover_the_text_exactly(text: str) -> None:
    doc = kazakh_nlp()(text)
    assert "".join(token.text_with_ws for token in doc) == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


@pytest.mark.parametrize(
    ("abbreviation", "norm"),
    [("м.а.", "міндетін атқарушы"), ("т.б.", "тағы басқа"), ("ҚР", "Қазақстан Республикасы")],
)
def test_abbreviation_norms(abbreviation: str, norm: str) -> None:
    doc = kazakh_nlp()(f"және {abbreviation} бар")
    assert doc[1].text == abbreviation
    assert doc[1].norm_ == norm


@pytest.mark.parametrize(
    "text",
    ["15", "1,5", "1/2", "он", "Он", "бес", "жиырма", "тоқсан", "жүз", "мың", "бесінші",
     "Бірінші", "оныншы", "үшінші", "қырқыншы", "жиырмасыншы", "екеу", "онға", "бестен"],
)
def test_like_num_true(text: str) -> None:
    assert like_num(text)
    assert kazakh_nlp()(text)[0].like_num


@pytest.mark.parametrize(
    "text",
    # "үшін" (for), "оны"/"онда" (it/there), "бірге" (together), "алтын" (gold) look like
    # inflected numerals but are not.
    ["үшін", "оны", "онда", "ондағы", "бірге", "бірден", "алтын", "қаулы", "ай", "күн",
     "10-2-бабы", "қырқ", ""],
)
def test_like_num_false(text: str) -> None:
    assert not like_num(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10-2-бабы", ("10-2", "бабы")),
        ("1-қосымша", ("1", "қосымша")),
        ("27-бабының", ("27", "бабының")),
        ("30-ға", ("30", "ға")),
        ("10-2", None),
        ("бабы", None),
        ("9-2)", None),
    ],
)
def test_numbered_word(text: str, expected: tuple[str, str] | None) -> None:
    assert numbered_word(text) == expected


@pytest.mark.parametrize(("word", "is_stop"), [("және", True), ("туралы", True),
                                               ("қаулы", False), ("Заңы", False)])
def test_stop_words(word: str, is_stop: bool) -> None:
    assert kazakh_nlp()(word)[0].is_stop is is_stop
