"""Kazakh number words: reading them, and checking legal "15 (он бес)" pairs.

Legal texts write a quantity twice, in digits and in words: "15 (он бес) минут",
"6 (алты) жұмыс күні". The two must agree; a disagreement is a drafting error worth
reporting. This module reads the words (including an inflected last word such as
"бесінші" or "онға"), which the lexicon lists, and pairs them with the digits.

It does not import spaCy: ``lex_attrs.like_num`` uses it, and so can plain code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from shezhire.extract.lexicon import lexicon

_SCALES = (1_000_000_000, 1_000_000, 1_000)
_LETTERS = re.compile(r"[^\W\d_]+")
_EDGE_PUNCT = "()[]{}«»\"“”„'‘’.,;:!?–—-"


@dataclass(frozen=True)
class NumberWord:
    """One word read as a numeral.

    ``value`` is the number it names; ``inflected`` is True when it carries a suffix
    ("бесінші", "онға"), which in Kazakh only the last word of a compound numeral does.
    """

    value: int
    inflected: bool


@dataclass(frozen=True)
class DigitWordPair:
    """A quantity written in digits and then in words: "15 (он бес)".

    ``start``/``end`` are character offsets of the whole pair in the input, ``text`` is
    that slice. ``words_value`` is None when the words in the brackets are not a
    well-formed Kazakh number as a whole. ``agrees`` is True only when both values exist
    and are equal.
    """

    start: int
    end: int
    text: str
    digits_value: int
    words_value: int | None
    agrees: bool


def read_number_word(word: str) -> NumberWord | None:
    """Read one word ("бес", "Бесінші", "онға", "екеу") as a numeral, else None.

    The words are the lexicon's: base forms, the forms its morphology builds from them
    (cases, possessive, ordinal: "бесінші", "онға", "жиырмасы"), collectives ("екеу") and
    everyday words that only look like an inflected numeral ("оны", "үшін", "бірге").
    """
    numbers = lexicon("kk").numbers
    lower = word.lower()
    if lower in numbers.cardinals:
        return NumberWord(numbers.cardinals[lower], inflected=False)
    if lower in numbers.collectives:
        return NumberWord(numbers.collectives[lower], inflected=True)
    if lower in numbers.not_numbers:
        return None
    value = numbers.inflected.get(lower)
    return None if value is None else NumberWord(value, inflected=True)


def _compose(words: Sequence[NumberWord]) -> tuple[int, int] | None:
    """The value of the longest well-formed numeral at the start of ``words``.

    Returns ``(value, words_used)``. Kazakh compounds run from the largest part down:
    "екі мың он бес" = 2 * 1000 + 10 + 5. Within a group below a thousand the order is
    [units жүз] [tens] [units]; anything else ends the numeral.
    """
    if not words:
        return None
    if words[0].value == 0:
        return 0, 1
    total = 0
    group = 0
    # stage within a group: 0 start, 1 leading units, 2 after жүз, 3 after tens, 4 units
    stage = 0
    last_scale = 10**12
    used = 0
    for word in words:
        value = word.value
        if 1 <= value <= 9 and stage in (0, 2, 3):
            group += value
            stage = 1 if stage == 0 else 4
        elif 10 <= value <= 90 and value % 10 == 0 and stage in (0, 2):
            group += value
            stage = 3
        elif value == 100 and stage in (0, 1):
            group = (group or 1) * 100
            stage = 2
        elif value in _SCALES and value < last_scale and (stage != 0 or used == 0):
            total += (group or 1) * value
            group = 0
            stage = 0
            last_scale = value
        else:
            break
        used += 1
        if word.inflected:
            break
    if used == 0:
        return None
    return total + group, used


def _leading_words(text: str) -> tuple[list[NumberWord], bool]:
    """Number words at the start of ``text``, and whether they were all its words.

    Brackets and punctuation around the numeral are ignored ("( бес)", "бес,"), but
    punctuation after a word ends it ("бес, алты" reads 5).
    """
    words: list[NumberWord] = []
    chunks = text.lstrip(_EDGE_PUNCT + " \t\r\n\u00a0").split()
    for index, chunk in enumerate(chunks):
        core = chunk.strip(_EDGE_PUNCT)
        if not _LETTERS.fullmatch(core) or (index > 0 and not chunk.startswith(core)):
            return words, False
        reading = read_number_word(core)
        if reading is None:
            return words, False
        words.append(reading)
        if not chunk.endswith(core):
            return words, index == len(chunks) - 1
    return words, True


def words_to_number(text: str) -> int | None:
    """The number named by the Kazakh words at the start of ``text``, else None.

    "он бес" -> 15, "екі жүз отыз" -> 230, "мың" -> 1000, "бесінші" -> 5,
    "үш ай" -> 3 (reading stops at the first word that does not continue the numeral).
    """
    words, _ = _leading_words(text)
    composed = _compose(words)
    return None if composed is None else composed[0]


def _whole_number(text: str) -> int | None:
    """The number ``text`` names when all of it is one well-formed numeral."""
    words, all_words = _leading_words(text)
    composed = _compose(words)
    if composed is None or not all_words or composed[1] != len(words):
        return None
    return composed[0]


# Digits (maybe grouped by thousands: "1 000"), a little space, then a bracket holding no
# digits ("(он бес)", "( бес)", "(\nон бес)"). Digits glued to a word or to a longer
# number ("8(71533)", "1.5") are not a quantity.
# (The pattern as written: "(?<![\w.,/-])(?P<digits>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)…". It
# begins with its first digit, the look-behind after it, so that the regex engine scans for
# digits: a pattern that begins with a look-behind is tried at every character of the act.)
_PAIR = re.compile(
    r"(?P<digits>\d(?<![\w.,/-]\d)(?:\d{0,2}(?:[ \u00a0]\d{3})+|\d*))\s{0,4}"
    r"\((?P<words>[^()\d]{1,80})\)"
)


def find_digit_word_pairs(text: str) -> list[DigitWordPair]:
    """Every "digits (words)" pair in ``text`` whose bracket starts with a number word."""
    pairs: list[DigitWordPair] = []
    for match in _PAIR.finditer(text):
        inside = match.group("words")
        if words_to_number(inside) is None:
            continue  # "(бұдан әрі – ...)" and other remarks in brackets
        digits = int(re.sub(r"\D", "", match.group("digits")))
        words = _whole_number(inside)
        pairs.append(
            DigitWordPair(
                start=match.start(),
                end=match.end(),
                text=match.group(),
                digits_value=digits,
                words_value=words,
                agrees=words == digits,
            )
        )
    return pairs
