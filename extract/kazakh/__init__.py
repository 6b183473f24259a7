"""The Kazakh language for spaCy (``spacy.blank("kk")``), and a shared blank pipeline.

spaCy ships no Kazakh. Importing this package registers ``Kazakh`` under the code "kk"
(pyproject.toml also declares it as a ``spacy_languages`` entry point, so an installed
package works without the import). Only the tokenizer and lexical attributes are defined:
the extractors match token patterns, they need no trained model.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any, Protocol, TypeVar, cast

from spacy.attrs import IDX, IS_SPACE, LOWER, ORTH
from spacy.language import BaseDefaults, Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import registry

from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class KazakhDefaults(BaseDefaults):
    """Tokenizer rules, lexical attributes and stop words of Kazakh."""

    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS
    # spaCy declares this as a plain attribute, so no ClassVar here.
    writing_system: dict[str, Any] = {  # noqa: RUF012
        "direction": "ltr",
        "has_case": True,
        "has_letters": True,
    }


class Kazakh(Language):  # type: ignore[no-untyped-call]  # spaCy's hook is untyped
    """Kazakh (Cyrillic script)."""

    lang = "kk"
    Defaults = KazakhDefaults


registry.languages.register("kk", func=Kazakh)


@lru_cache(maxsize=1)
def kazakh_nlp() -> Language:
    """One blank Kazakh pipeline per process, shared by the matchers."""
    return Kazakh()


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


Found = TypeVar("Found", bound=_Spanned)


def text_pieces(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """``text`` as (offset, piece) pieces that spaCy accepts: at most ``size`` characters
    (``kazakh_nlp().max_length`` by default), cut at the last line end before the limit,
    else at the last space, else at the limit.

    A long act is read in pieces rather than by raising spaCy's limit: a Doc costs memory
    per token, and no mention the matchers look for spans a line end.
    """
    size = size or kazakh_nlp().max_length
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start, start + size)
        if cut <= start:
            cut = text.rfind(" ", start, start + size)
        cut = cut + 1 if cut > start else start + size
        pieces.append((start, text[start:cut]))
        start = cut
    pieces.append((start, text[start:]))
    return pieces


class _Reading:
    """What one act's reading has already found: the matchers' results per (kind, text),
    and the Docs of the texts read, most recent last, up to :attr:`DOC_CHARS` characters.

    The stages read an act's windows in turn, each stage all of them (the citations of
    every provision, then the relations of every provision...): with only the last few
    Docs kept, a window was tokenized again by each stage. An act's windows together come
    to about twice its text; the budget keeps a huge act's Docs bounded all the same.
    """

    DOC_CHARS = 2_000_000

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list[Any]] = {}
        self.docs: OrderedDict[str, Doc] = OrderedDict()
        self.doc_chars = 0


_READING: ContextVar[_Reading | None] = ContextVar("shezhire_reading", default=None)


@contextmanager
def shared_reading() -> Iterator[None]:
    """Within it, a text the matchers already read is not tokenized nor matched again.

    One act's stages read the same windows many times over (a provision for its citations,
    then for its relations, its deadlines...). The finders are pure functions of the text,
    so what they found is kept for the reading's duration (one act's record) and dropped
    after: memory stays bounded by one act.
    """
    token = _READING.set(_Reading())
    try:
        yield
    finally:
        _READING.reset(token)


def kazakh_doc(text: str) -> Doc:
    """``kazakh_nlp()(text)``, shared with the other finders of the same text inside
    :func:`shared_reading`. The Doc is read, never changed."""
    reading = _READING.get()
    if reading is None:
        return _new_doc(text)
    doc = reading.docs.get(text)
    if doc is not None:
        reading.docs.move_to_end(text)
        return doc
    doc = reading.docs[text] = _new_doc(text)
    reading.doc_chars += len(text)
    while reading.doc_chars > reading.DOC_CHARS and len(reading.docs) > 1:
        reading.doc_chars -= len(reading.docs.popitem(last=False)[0])
    return doc


_TEXT = "shezhire_text"


def _new_doc(text: str) -> Doc:
    # The tokenizer itself: the blank pipeline has no component to run after it, and
    # ``Language.__call__`` only adds its own overhead to the same Doc.
    doc = kazakh_nlp().tokenizer(text)
    doc.user_data[_TEXT] = text
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, without joining every token again when :func:`kazakh_doc` made it."""
    text = doc.user_data.get(_TEXT)
    return text if isinstance(text, str) else doc.text


def _doc_array(doc: Doc, attr: int) -> list[int]:
    """``doc.to_array(attr)`` as a list, kept with the Doc: the finders of one window each
    read it (a window's Doc is shared inside :func:`shared_reading`)."""
    key = f"shezhire_array_{attr}"
    values = doc.user_data.get(key)
    if not isinstance(values, list):
        values = doc.to_array(attr).tolist()
        doc.user_data[key] = values
    return cast("list[int]", values)


def doc_orths(doc: Doc) -> list[int]:
    """The hash of each token's text (``ORTH``)."""
    return _doc_array(doc, ORTH)


def doc_lowers(doc: Doc) -> list[int]:
    """The hash of each token's lowercase form (the ``LOWER`` a pattern compares)."""
    return _doc_array(doc, LOWER)


def doc_starts(doc: Doc) -> list[int]:
    """Where each token begins in the Doc's text (``IDX``: ``token.idx``)."""
    return _doc_array(doc, IDX)


def doc_spaces(doc: Doc) -> list[int]:
    """Whether each token is whitespace (``IS_SPACE``), 1 or 0."""
    return _doc_array(doc, IS_SPACE)


def has_lower_in(doc: Doc, lowers: frozenset[int]) -> bool:
    """Whether some token of ``doc`` has its lowercase form among the hashes ``lowers``
    (see :func:`lower_hashes`): one set test, where a Matcher walks token by token.

    A matcher whose every pattern needs such a token finds nothing in a Doc without one,
    so it need not be run.
    """
    return not lowers.isdisjoint(doc_lowers(doc))


def match_from(matcher: Matcher, doc: Doc, starts: Iterable[int], width: int) -> list[Span]:
    """``matcher(doc, as_spans=True)``, for a matcher whose every match begins at a char
    offset of ``starts`` (or in the token holding it) and holds at most ``width`` tokens
    that are not spaces: the matcher reads only the tokens such matches can cover.

    Exact: every match of the whole Doc lies in one of the stretches read (each runs from
    a possible start to the ``width``-th word after it), and stretches that overlap are read
    as one, so a "longest" choice between overlapping matches is made between the same
    matches as in the whole Doc, and matches in different stretches never overlap.
    """
    token_starts = _doc_array(doc, IDX)
    spaces = doc_spaces(doc)
    stretches: list[list[int]] = []
    for char in starts:
        first = bisect_right(token_starts, char) - 1
        if stretches and first < stretches[-1][0]:
            raise ValueError("starts must come in text order")
        end, words = first, 0
        while end < len(doc) and words < width:
            words += not spaces[end]
            end += 1
        if stretches and first <= stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], end)
        else:
            stretches.append([first, end])
    spans: list[Span] = []
    for first, end in stretches:
        spans += matcher(doc[first:end], as_spans=True)
    return spans


def lower_hashes(words: Iterable[str]) -> frozenset[int]:
    """The hashes a ``{"LOWER": {"IN": words}}`` pattern compares tokens with."""
    strings = kazakh_nlp().vocab.strings
    return frozenset(strings.add(word) for word in words)


def find_in_pieces(text: str, find: Callable[[str], list[Found]], kind: str = "") -> list[Found]:
    """What ``find`` finds in each piece of ``text`` (see :func:`text_pieces`), with spans
    into ``text``. Inside :func:`shared_reading`, a ``kind`` of finder reads a text once."""
    reading = _READING.get() if kind else None
    if reading is None:
        return _find_in_pieces(text, find)
    key = (kind, text)
    found = reading.found.get(key)
    if found is None:
        found = reading.found[key] = _find_in_pieces(text, find)
    return list(found)


def _find_in_pieces(text: str, find: Callable[[str], list[Found]]) -> list[Found]:
    pieces = text_pieces(text)
    if len(pieces) == 1:
        return find(text)
    found: list[Found] = []
    for offset, piece in pieces:
        found += [dataclasses.replace(f, start=f.start + offset,  # type: ignore[type-var]
                                      end=f.end + offset) for f in find(piece)]
    return found


__all__ = [
    "Kazakh",
    "KazakhDefaults",
    "doc_lowers",
    "doc_orths",
    "doc_spaces",
    "doc_text",
    "find_in_pieces",
    "has_lower_in",
    "kazakh_doc",
    "kazakh_nlp",
    "lower_hashes",
    "match_from",
    "shared_reading",
    "text_pieces",
]
