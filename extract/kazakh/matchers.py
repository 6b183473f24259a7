"""Token matchers the extractors share: act numbers and act-type words.

Both run spaCy ``Matcher`` patterns over a blank Kazakh ``Doc`` and return mentions whose
``start``/``end`` are exact character offsets into the input text. The act-type words and
their forms come from the lexicon (``extract/lexicon/kk.json``); a mention carries the
lexicon's key for its type, which the extractor reads as the record's ``act_type``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from shezhire.extract.lexicon import from_lexicon, lexicon, lexicons, words_regex

from . import find_in_pieces, has_lower_in, kazakh_doc, kazakh_nlp, lower_hashes


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
    """A noun naming a kind of act, in any inflection ("қаулысымен" -> decree).

    ``act_type`` is the key the lexicon gives the type ("decree", "order"...).
    """

    start: int
    end: int
    text: str
    act_type: str


_SPACE: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}

# An act number starts with a digit and may continue with letters, digits and the joiners
# - / . ("193", "2/516", "11-1/123", "01-03/45-қ").
_NUMBER = r"\d\w*(?:[-/.]\w+)*"


def _number_patterns() -> dict[str, list[list[dict[str, Any]]]]:
    # Ministries number their orders with a letter code before the digits: "ҚР ДСМ-175/2020"
    # (health), "А-8/380" (an akimat's register), "ҚР ӨҚМ-12"; the code may follow the
    # country's abbreviation.
    coded_number = rf"[A-Z{lexicon('kk').upper()}]{{1,5}}-\d\w*(?:[-/.]\w+)*"
    code_prefix = "^" + words_regex(lx.word("country.abbreviation") for lx in lexicons()) + "$"
    return {
        "SIGN_THEN_NUMBER": [
            # One sign here; a doubled one ("№№211") is taken in afterwards
            # (doc_to_act_numbers): a pattern "№"+ keeps a partial match alive from every sign
            # of a run, and a run of 100,000 signs then costs the matcher 100,000² steps.
            [{"ORTH": "№"}, _SPACE, {"TEXT": {"REGEX": rf"^{_NUMBER}$"}}],
            # A Latin N counts only before a number: alone it is just a letter.
            [{"ORTH": "N"}, _SPACE, {"TEXT": {"REGEX": rf"^{_NUMBER}$"}}],
            [{"ORTH": "№"}, _SPACE, {"TEXT": {"REGEX": code_prefix}, "OP": "?"},
             {"TEXT": {"REGEX": rf"^{coded_number}$"}}],
        ],
        # The tokenizer splits "№" off a number but not "N": "N2/512" is one token.
        "GLUED_N": [[{"TEXT": {"REGEX": rf"^N{_NUMBER}$"}}]],
    }


def _act_type_patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """One token pattern per act type: the words before it (if any), then any of its forms.

    Forms are listed, not a stem with any ending: "Заң" shares its stem with "заңды"
    (legal), "заңнама" (legislation), "заңсыз" (unlawful).
    """
    patterns: dict[str, list[list[dict[str, Any]]]] = {}
    for noun in lexicon("kk").act_types:
        pattern: list[dict[str, Any]] = []
        for word in noun.before:
            # "нормативтік"; a word written "нормативн*" takes any ending
            lower = word.lower()
            predicate: Any = lower if not lower.endswith("*") \
                else {"REGEX": rf"^{re.escape(lower[:-1])}\w*$"}
            pattern += [{"LOWER": predicate}, _SPACE]
        pattern.append({"LOWER": {"IN": sorted(noun.forms)}})
        patterns.setdefault(noun.key, []).append(pattern)
    return patterns


def _longest(patterns: dict[str, list[list[dict[str, Any]]]]) -> Matcher:
    """A matcher that keeps, for each label, the longest of overlapping matches."""
    matcher = Matcher(kazakh_nlp().vocab)
    for label, label_patterns in patterns.items():
        matcher.add(label, label_patterns, greedy="LONGEST")
    return matcher


@from_lexicon
def _number_matcher() -> Matcher:
    return _longest(_number_patterns())


@from_lexicon
def _act_type_matcher() -> Matcher:
    return _longest(_act_type_patterns())


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


@from_lexicon
def _act_type_forms() -> frozenset[int]:
    # Every act-type pattern ends with one of its noun's forms.
    return lower_hashes(form for noun in lexicon("kk").act_types for form in noun.forms)


def doc_to_act_type_words(doc: Doc) -> list[ActTypeMention]:
    """Act-type nouns in a Doc made by ``kazakh_nlp()`` (the matchers share its vocab)."""
    if not has_lower_in(doc, _act_type_forms()):
        return []  # no form of any act-type noun: no pattern can match
    return [ActTypeMention(span.start_char, span.end_char, span.text,
                           doc.vocab.strings[span.label])
            for span in filter_spans(_act_type_matcher()(doc, as_spans=True))]


def find_act_numbers(text: str) -> list[NumberMention]:
    """Every "№ 193" / "№193" / "N 2/516" / "N2/512" mention in ``text``, in text order."""
    if "№" not in text and "N" not in text:
        return []  # every pattern starts with a "№" or an "N"
    return find_in_pieces(text, lambda piece: doc_to_act_numbers(kazakh_doc(piece)),
                          "act_numbers")


def find_act_type_words(text: str) -> list[ActTypeMention]:
    """Every act-type noun in ``text`` ("қаулысымен", "Заңының", "нормативтік қаулысы")."""
    return find_in_pieces(text, lambda piece: doc_to_act_type_words(kazakh_doc(piece)),
                          "act_type_words")
