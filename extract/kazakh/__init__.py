"""The Kazakh language for spaCy (``spacy.blank("kk")``), and a shared blank pipeline.

spaCy ships no Kazakh. Importing this package registers ``Kazakh`` under the code "kk"
(pyproject.toml also declares it as a ``spacy_languages`` entry point, so an installed
package works without the import). Only the tokenizer and lexical attributes are defined:
the extractors match token patterns, they need no trained model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from spacy.language import BaseDefaults, Language
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


def find_in_pieces(text: str, find: Callable[[str], list[Found]]) -> list[Found]:
    """What ``find`` finds in each piece of ``text`` (see :func:`text_pieces`), with spans
    into ``text``."""
    pieces = text_pieces(text)
    if len(pieces) == 1:
        return find(text)
    found: list[Found] = []
    for offset, piece in pieces:
        found += [dataclasses.replace(f, start=f.start + offset,  # type: ignore[type-var]
                                      end=f.end + offset) for f in find(piece)]
    return found


__all__ = ["Kazakh", "KazakhDefaults", "find_in_pieces", "kazakh_nlp", "text_pieces"]
