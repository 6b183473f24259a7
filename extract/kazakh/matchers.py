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

from . import (
    doc_lowers,
    doc_spaces,
    doc_text,
    find_in_pieces,
    has_lower_in,
    kazakh_doc,
    kazakh_nlp,
    lower_hashes,
    match_from,
)


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

# Where a number's sign may stand: the first character of every number pattern.
_SIGN = re.compile("[№N]")

# A number's second part set off by a spaced dash ("№ 36 – 11 шешіміне қосымша": a stamp's
# number 36-11). The part after it is short (at most three digits): "№ 12 - 2005 жылғы" is
# no number 12-2005.
SPACED_DASH = re.compile(r"[ \t]+[–—-][ \t]+(?P<part>\d{1,3}(?!\d)\w*(?:[-/.]\w+)*)(?![-–—/.]?\d)")


def _number_patterns() -> dict[str, list[list[dict[str, Any]]]]:
    # Ministries number their orders with a letter code before the digits: "ҚР ДСМ-175/2020"
    # (health), "А-8/380" (an akimat's register), "ҚР ӨҚМ-12"; the code may follow the
    # country's abbreviation. A copy may print the code in small letters ("№ а-7/243").
    letters = lexicon("kk").upper() + lexicon("kk").lower()
    coded_number = rf"[A-Za-z{letters}]{{1,5}}-\d\w*(?:[-/.]\w+)*"
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
            # A session's letter before the number, spaced ("№ С 29-6": a maslikhat's
            # decision of its 29th session).
            [{"ORTH": "№"}, _SPACE, {"TEXT": {"REGEX": rf"^[{lexicon('kk').upper()}]$"}}, _SPACE,
             {"TEXT": {"REGEX": rf"^{_NUMBER}$"}}],
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
    # Every pattern begins with a token that begins with "№" or "N" and holds at most three
    # words (sign, code, number): the matcher reads only the stretches from such a sign
    # (its GLUED_N pattern is a REGEX, a Python call for every token it reads).
    signs = (m.start() for m in _SIGN.finditer(doc_text(doc)))
    for span in filter_spans(match_from(_number_matcher(), doc, signs, 3)):
        last = span[-1].text
        if doc.vocab.strings[span.label] == "GLUED_N":
            sign, number = "N", last[1:]
        else:
            span = _with_doubled_sign(doc, span)
            sign = span[0].text
            # The number is everything after the sign: "ҚР ДСМ-175/2020" keeps its code.
            number = " ".join(t.text for t in span[1:] if not t.is_space and t.text != "№")
        end = span.end_char
        dashed = SPACED_DASH.match(doc_text(doc), end)
        if dashed is not None:
            number, end = f"{number}-{dashed.group('part')}", dashed.end()
        mentions.append(NumberMention(span.start_char, end, doc_text(doc)[span.start_char:end],
                                      number, sign))
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


@dataclass(frozen=True)
class _TypeWords:
    """The act-type patterns as look-ups on a Doc's ``LOWER`` array: each form's hash → the
    (label, words before it) of the patterns it ends. ``ambiguous``: two labels could match
    the same tokens (a form shared with as many words before it), where only spaCy's
    Matcher decides which is kept."""

    by_form: dict[int, tuple[tuple[str, tuple[str, ...]], ...]]
    ambiguous: bool


@from_lexicon
def _type_words() -> _TypeWords:
    by_form: dict[int, list[tuple[str, tuple[str, ...]]]] = {}
    strings = kazakh_nlp().vocab.strings
    for noun in lexicon("kk").act_types:
        before = tuple(word.lower() for word in noun.before)
        for form in sorted(noun.forms):
            entry = (noun.key, before)
            entries = by_form.setdefault(strings.add(form), [])
            if entry not in entries:
                entries.append(entry)
    ambiguous = any(a[0] != b[0] and len(a[1]) == len(b[1])
                    for entries in by_form.values() for a in entries for b in entries)
    return _TypeWords({h: tuple(e) for h, e in by_form.items()}, ambiguous)


def _before_matches(word: str, lower: str) -> bool:
    """Whether a token's lowercase form is the pattern's word before the type ("нормативтік",
    or any word of a stem written "нормативн*")."""
    if word.endswith("*"):
        return re.search(rf"^{re.escape(word[:-1])}\w*$", lower) is not None
    return lower == word


def _act_type_spans(doc: Doc) -> list[Span]:
    """What ``_act_type_matcher()(doc, as_spans=True)`` finds, read off the LOWER array:
    every pattern is its words before the type, spaces between, then one of the type's
    forms, so a match ends at a form's token and its other tokens are looked back at. Each
    label keeps the longest of overlapping matches, as the Matcher's "LONGEST" does."""
    table = _type_words()
    lowers = doc_lowers(doc)
    spaces = doc_spaces(doc)
    strings = doc.vocab.strings
    found: dict[str, list[tuple[int, int]]] = {}
    for i, hashed in enumerate(lowers):
        for label, before in table.by_form.get(hashed, ()):
            start = i
            for word in reversed(before):
                k = start - 1
                while k >= 0 and spaces[k]:
                    k -= 1
                if k < 0 or not _before_matches(word, strings[lowers[k]]):
                    break
                start = k
            else:
                found.setdefault(label, []).append((start, i + 1))
    spans: list[Span] = []
    for label, pairs in found.items():
        taken = [False] * len(doc)
        for start, end in sorted(pairs, key=lambda p: (p[1] - p[0], -p[0]), reverse=True):
            if not any(taken[start:end]):
                spans.append(Span(doc, start, end, label=label))
                taken[start:end] = [True] * (end - start)
    return spans


@from_lexicon
def _act_type_forms() -> frozenset[int]:
    # Every act-type pattern ends with one of its noun's forms.
    return lower_hashes(form for noun in lexicon("kk").act_types for form in noun.forms)


def doc_to_act_type_words(doc: Doc) -> list[ActTypeMention]:
    """Act-type nouns in a Doc made by ``kazakh_nlp()`` (the matchers share its vocab)."""
    if not has_lower_in(doc, _act_type_forms()):
        return []  # no form of any act-type noun: no pattern can match
    spans = _act_type_matcher()(doc, as_spans=True) if _type_words().ambiguous \
        else _act_type_spans(doc)
    return [ActTypeMention(span.start_char, span.end_char, span.text,
                           doc.vocab.strings[span.label])
            for span in filter_spans(spans)]


def find_act_numbers(text: str) -> list[NumberMention]:
    """Every "№ 193" / "№193" / "N 2/516" / "N2/512" mention in ``text``, in text order."""
    if "№" not in text and "N" not in text:
        return []  # every pattern starts with a "№" or an "N"
    return find_in_pieces(text, lambda piece: doc_to_act_numbers(kazakh_doc(piece)),
                          "act_numbers")


@from_lexicon
def _type_pieces() -> re.Pattern[str]:
    """The act-type forms that hold no other form ("қаулы" for "қаулысымен").

    A token whose lowercase form is an act-type form is a piece of the text, so the text in
    lowercase holds one of these: a text without any needs no tokenizing for them."""
    forms = {form.lower() for noun in lexicon("kk").act_types for form in noun.forms}
    pieces = sorted(f for f in forms if not any(o != f and o in f for o in forms))
    return re.compile("|".join(re.escape(f) for f in pieces))


def find_act_type_words(text: str) -> list[ActTypeMention]:
    """Every act-type noun in ``text`` ("қаулысымен", "Заңының", "нормативтік қаулысы")."""
    if not _type_pieces().search(text.lower()):
        return []  # every pattern ends with a form, which no token can be here
    return find_in_pieces(text, lambda piece: doc_to_act_type_words(kazakh_doc(piece)),
                          "act_type_words")
