"""Token matchers the extractors share: act numbers and act-type words.

Both run spaCy ``Matcher`` patterns over a blank Kazakh ``Doc`` and return mentions whose
``start``/``end`` are exact character offsets into the input text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..models import ActType
from . import find_in_pieces, kazakh_nlp


@dataclass(frozen=True)
class NumberMention:
    """An act number such as "№ 193" or "N2/512".

    ``number`` is the number without the sign ("193", "2/512", "01-03/45-қ"); ``sign`` is
    the sign as written ("№", or "N": the database types a Latin N for №).
    """

    start: int
    end: int
    text: str
    number: str
    sign: str


@dataclass(frozen=True)
class ActTypeMention:
    """A noun naming a kind of act, in any inflection ("қаулысымен" -> decree)."""

    start: int
    end: int
    text: str
    act_type: ActType


_SPACE: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}

# An act number starts with a digit and may continue with letters, digits and the joiners
# - / . ("193", "2/516", "11-1/123", "01-03/45-қ").
_NUMBER = r"\d\w*(?:[-/.]\w+)*"
# Ministries number their orders with a letter code before the digits: "ҚР ДСМ-175/2020"
# (health), "А-8/380" (an akimat's register), "ҚР ӨҚМ-12".
_CODED_NUMBER = r"[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{1,5}-\d\w*(?:[-/.]\w+)*"
_CODE_PREFIX = r"^(?:ҚР|РК)$"

_NUMBER_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    # One sign here; a doubled one ("№№211") is taken in afterwards (doc_to_act_numbers): a
    # pattern "№"+ keeps a partial match alive from every sign of a run, and a run of
    # 100,000 signs then costs the matcher 100,000² steps.
    "SIGN_THEN_NUMBER": [
        [{"ORTH": "№"}, _SPACE, {"TEXT": {"REGEX": rf"^{_NUMBER}$"}}],
        # A Latin N counts only before a number: alone it is just a letter.
        [{"ORTH": "N"}, _SPACE, {"TEXT": {"REGEX": rf"^{_NUMBER}$"}}],
        [{"ORTH": "№"}, _SPACE, {"TEXT": {"REGEX": _CODE_PREFIX}, "OP": "?"},
         {"TEXT": {"REGEX": rf"^{_CODED_NUMBER}$"}}],
    ],
    # The tokenizer splits "№" off a number but not "N": "N2/512" is one token.
    "GLUED_N": [[{"TEXT": {"REGEX": rf"^N{_NUMBER}$"}}]],
}

# Inflected forms of "Заң" (law), listed because other words share the stem:
# "заңды" (legal), "заңнама" (legislation), "заңсыз" (unlawful), "заңгер" (lawyer).
_LAW_FORMS = (
    r"^заң(?:|ы|ын|ына|ының|ымен|ында|ындағы|ынан|ға|да|дағы|нан|ның|мен"
    r"|дар|дары|дарын|дарына|дарының|дарымен|дарында|дарынан|дарға|дарда|дардан"
    r"|дардың|дармен|дарды)$"
)
_DECREE = r"^қаулы\w*$"

_ACT_TYPE_PATTERNS: dict[ActType, list[list[dict[str, Any]]]] = {
    "normative_decree": [
        [{"LOWER": "нормативтік"}, _SPACE, {"LOWER": {"REGEX": _DECREE}}],
    ],
    "decree": [[{"LOWER": {"REGEX": _DECREE}}]],
    "order": [[{"LOWER": {"REGEX": r"^бұйры[қғ]\w*$"}}]],
    "decision": [[{"LOWER": {"REGEX": r"^шешім\w*$"}}]],
    "law": [[{"LOWER": {"REGEX": _LAW_FORMS}}]],
    "code": [[{"LOWER": {"REGEX": r"^кодек[сc]\w*$"}}]],
}


@lru_cache(maxsize=1)
def _number_matcher() -> Matcher:
    matcher = Matcher(kazakh_nlp().vocab)
    for key, patterns in _NUMBER_PATTERNS.items():
        matcher.add(key, patterns, greedy="LONGEST")
    return matcher


@lru_cache(maxsize=1)
def _act_type_matcher() -> Matcher:
    matcher = Matcher(kazakh_nlp().vocab)
    for act_type, patterns in _ACT_TYPE_PATTERNS.items():
        matcher.add(act_type, patterns, greedy="LONGEST")
    return matcher


def doc_to_act_numbers(doc: Doc) -> list[NumberMention]:
    """Act numbers in a Doc made by ``kazakh_nlp()`` (the matchers share its vocab)."""
    mentions: list[NumberMention] = []
    for span in filter_spans(_number_matcher()(doc, as_spans=True)):
        last = span[-1].text
        if doc.vocab.strings[span.label] == "GLUED_N":
            sign, number = "N", last[1:]
        else:
            span = _with_doubled_sign(doc, span)
            sign = span[0].text
            # The number is everything after the sign: "ҚР ДСМ-175/2020" keeps its code.
            number = " ".join(t.text for t in span[1:] if not t.is_space and t.text != "№")
        mentions.append(NumberMention(span.start_char, span.end_char, span.text, number, sign))
    return mentions


def _with_doubled_sign(doc: Doc, span: Span) -> Span:
    """``span`` widened over the signs just before it ("№№211", "№ № 5")."""
    if span[0].text != "№":
        return span
    start = span.start
    while start > 0 and (doc[start - 1].text == "№" or doc[start - 1].is_space):
        start -= 1
    while doc[start].is_space:
        start += 1
    return doc[start:span.end]


def doc_to_act_type_words(doc: Doc) -> list[ActTypeMention]:
    """Act-type nouns in a Doc made by ``kazakh_nlp()`` (the matchers share its vocab)."""
    mentions: list[ActTypeMention] = []
    for span in filter_spans(_act_type_matcher()(doc, as_spans=True)):
        act_type: ActType = _label_to_act_type(doc.vocab.strings[span.label])
        mentions.append(ActTypeMention(span.start_char, span.end_char, span.text, act_type))
    return mentions


def _label_to_act_type(label: str) -> ActType:
    for act_type in _ACT_TYPE_PATTERNS:
        if act_type == label:
            return act_type
    raise ValueError(f"unknown act type label {label!r}")


def find_act_numbers(text: str) -> list[NumberMention]:
    """Every "№ 193" / "№193" / "N 2/516" / "N2/512" mention in ``text``, in text order."""
    return find_in_pieces(text, lambda piece: doc_to_act_numbers(kazakh_nlp()(piece)))


def find_act_type_words(text: str) -> list[ActTypeMention]:
    """Every act-type noun in ``text`` ("қаулысымен", "Заңының", "нормативтік қаулысы")."""
    return find_in_pieces(text, lambda piece: doc_to_act_type_words(kazakh_nlp()(piece)))
