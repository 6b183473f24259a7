"""The Kazakh language for spaCy (``spacy.blank("kk")``), and a shared blank pipeline.

spaCy ships no Kazakh. Importing this package registers ``Kazakh`` under the code "kk"
(pyproject.toml also declares it as a ``spacy_languages`` entry point, so an installed
package works without the import). Only the tokenizer and lexical attributes are defined:
the extractors match token patterns, they need no trained model.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

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


__all__ = ["Kazakh", "KazakhDefaults", "kazakh_nlp"]
