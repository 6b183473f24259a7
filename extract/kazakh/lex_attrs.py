"""Lexical attributes of Kazakh tokens: ``like_num`` and numbered words."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.attrs import LIKE_NUM

from .numbers import read_number_word

_DIGITS = re.compile(r"[+-]?\d+(?:[.,]\d+)*")
_FRACTION = re.compile(r"\d+/\d+")
# A numbered word: "1-қосымша", "10-2-бабы", "27-бабының", "30-ға".
_NUMBERED_WORD = re.compile(r"(?P<number>\d+(?:-\d+)*)-(?P<word>[^\W\d_]+)")


def like_num(text: str) -> bool:
    """True for digits ("15", "1,5", "1/2") and Kazakh numerals ("он", "бесінші")."""
    if _DIGITS.fullmatch(text) or _FRACTION.fullmatch(text):
        return True
    return read_number_word(text) is not None


def numbered_word(text: str) -> tuple[str, str] | None:
    """Split a token such as "10-2-бабы" into its number and its word: ("10-2", "бабы").

    The tokenizer keeps such words whole (see ``punctuation``); matchers that need the
    number of an article, point or appendix use this. Returns None for other tokens.
    """
    match = _NUMBERED_WORD.fullmatch(text)
    if match is None:
        return None
    return match.group("number"), match.group("word")


LEX_ATTRS: dict[int, Callable[[str], bool]] = {LIKE_NUM: like_num}
