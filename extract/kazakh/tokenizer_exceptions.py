"""Abbreviations the tokenizer keeps whole ("м.а.", "т.б.", "млн.")."""

from __future__ import annotations

from typing import Any

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

# (abbreviation, what it stands for). Abbreviations ending in a full stop would otherwise
# lose it to the suffix rules; "ҚР" is listed for its norm.
_ABBREVIATIONS: list[tuple[str, str]] = [
    ("ҚР", "Қазақстан Республикасы"),
    ("м.а.", "міндетін атқарушы"),
    ("ж.", "жыл"),
    ("жж.", "жылдар"),
    ("ж.ж.", "жылдар"),
    ("т.б.", "тағы басқа"),
    ("т.с.с.", "тағы сол сияқты"),
    ("млн.", "миллион"),
    ("млрд.", "миллиард"),
    ("б.", "бап"),
    ("ш.", "шаршы"),
    ("ш.м.", "шаршы метр"),
    ("шақ.", "шақырым"),
    ("тел.", "телефон"),
    ("обл.", "облысы"),
    ("ауд.", "ауданы"),
    ("қ.", "қаласы"),
    ("көш.", "көшесі"),
    ("даң.", "даңғылы"),
    ("сағ.", "сағат"),
    ("мин.", "минут"),
    ("қар.", "қараңыз"),
]

_exc: dict[str, list[dict[int, str]]] = {}
for _abbreviation, _meaning in _ABBREVIATIONS:
    _exc[_abbreviation] = [{ORTH: _abbreviation, NORM: _meaning}]
    # A capitalised single letter with a full stop is a person's initial ("Ж. Әбенов"),
    # so only longer abbreviations get a sentence-initial capitalised form.
    if len(_abbreviation.split(".")[0]) > 1 and _abbreviation.islower():
        _capitalised = _abbreviation.capitalize()
        _exc[_capitalised] = [{ORTH: _capitalised, NORM: _meaning}]

TOKENIZER_EXCEPTIONS: dict[str, Any] = update_exc(BASE_EXCEPTIONS, _exc)
