"""Legal words as data: one lexicon per language, read from ``<language>.json`` beside this.

A lexicon holds the words the extractors read: act types and their forms, issuer kinds,
months, number words, note actions, status labels, actors and channels, part words, the
operative formulas, the phrases of each stage, and the letter classes. The stages build
their regexes and token patterns from it, so adding an act type ("жарлық") or a language is
a change of data (and tests), not of code.

Kazakh forms are generated from stems by ``morphology`` (vowel harmony, voicing and the
possessive); what the rules do not give is listed in the data ("forms", "exclude",
"before_vowel", "harmony"). A language without a morphology (Russian, for now) lists its
forms.

    lexicon("kk")                      the lexicon in use for Kazakh (read once, cached)
    lexicon_from_data(read_data("kk")) a lexicon from (a copy of) the data
    with lexicon_in_use(other): ...    the stages read ``other`` instead, then the one before
    from_lexicon(build)                a value built from the lexicons in use, rebuilt when
                                       another is put in use (the stages' patterns)
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from importlib import resources
from typing import Any, TypeVar

from shezhire.extract.errors import ShezhireError
from shezhire.extract.json_input import json_object
from shezhire.extract.lexicon.morphology import Irregular, Letters, Morphology, letters_from
from shezhire.extract.lexicon.phrases import PhraseError, phrase_regex, phrases_regex, words_regex

LANGUAGES = ("kk", "ru")
# Languages whose nouns are inflected by ``Morphology``; the others list their forms.
_INFLECTED = frozenset({"kk"})

T = TypeVar("T")


class LexiconError(ShezhireError):
    """A lexicon file is missing, not JSON, or lacks a key a stage reads."""


@dataclass(frozen=True)
class Noun:
    """A noun of the lexicon (an act type, a part word, a time unit...) with its forms.

    ``forms`` holds every form a text may use, in lowercase. ``nominative`` is the form a
    name ends with, as written ("қаулысы", "Заңы", "министрі"; "постановление").
    ``stems`` are the stems a word may start with, as written: the stem, and the stem before
    a vowel ("бұйрық", "бұйрығ"; "Заң"). ``before`` are words that stand before it as part of
    the name ("нормативтік" қаулы; "нормативн*" with any ending).
    """

    key: str
    stem: str
    forms: frozenset[str]
    nominative: str
    stems: tuple[str, ...]
    before: tuple[str, ...] = ()
    national: bool = False
    headed_by_country: bool = False

    def stems_regex(self) -> str:
        """The stems as one group, to be followed by any ending (``\\w*``)."""
        return words_regex(self.stems)


@dataclass(frozen=True)
class Numbers:
    """Number words: base forms, every inflected form, collectives, look-alikes."""

    cardinals: Mapping[str, int]
    inflected: Mapping[str, int]
    collectives: Mapping[str, int]
    not_numbers: frozenset[str]


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words of one language. Compared and hashed by identity (a built pattern belongs
    to one lexicon object)."""

    language: str
    source: str
    data: Mapping[str, Any]
    letters: Letters
    morphology: Morphology | None
    act_types: tuple[Noun, ...]
    issuer_kinds: tuple[Noun, ...]
    part_words: tuple[Noun, ...]
    document_kinds: tuple[Noun, ...]
    time_units: tuple[Noun, ...]
    months: tuple[str, ...]
    numbers: Numbers

    # -- plain lists and phrases --------------------------------------------------------------

    def get(self, path: str) -> Any:
        """The value at a dotted ``path`` of the data ("documents.applicant_cue")."""
        node: Any = self.data
        for key in path.split("."):
            if not isinstance(node, Mapping) or key not in node:
                raise LexiconError(f"{self.source}: no {path!r} in the lexicon")
            node = node[key]
        return node

    def words(self, path: str) -> tuple[str, ...]:
        """The list of words or phrases at ``path``."""
        value = self.get(path)
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{self.source}: {path!r} is not a list of words")
        return tuple(value)

    def word(self, path: str) -> str:
        value = self.get(path)
        if not isinstance(value, str):
            raise LexiconError(f"{self.source}: {path!r} is not a word")
        return value

    def labels(self, path: str) -> dict[str, tuple[str, ...]]:
        """An object of key → phrases (``note_actions``: action → its phrases)."""
        value = self.get(path)
        if not isinstance(value, Mapping):
            raise LexiconError(f"{self.source}: {path!r} is not an object")
        return {key: self.words(f"{path}.{key}") for key in value}

    def pattern(self, path: str) -> str:
        """Regex source matching any phrase listed at ``path`` (see ``phrases``)."""
        try:
            return phrases_regex(self.words(path))
        except PhraseError as e:
            raise LexiconError(f"{self.source}: {path!r}: {e}") from e

    # -- nouns ----------------------------------------------------------------------------------

    def act_type(self, key: str) -> Noun:
        return next(n for n in self.act_types if n.key == key)

    def part_word(self, key: str) -> Noun:
        return next(n for n in self.part_words if n.key == key)

    def document_kind(self, key: str) -> Noun:
        return next(n for n in self.document_kinds if n.key == key)

    def endings(self, *kinds: str, possessed: bool | None = None) -> tuple[str, ...]:
        """Every ending of the named suffixes (see ``Morphology.endings``); none for a
        language whose lexicon lists its forms."""
        if self.morphology is None:
            return ()
        return self.morphology.endings(*kinds, possessed=possessed)

    def upper(self) -> str:
        """A character class of capital letters (without the brackets)."""
        return self.letters.upper

    def lower(self) -> str:
        return self.letters.lower


# -- reading ------------------------------------------------------------------------------------


def read_data(language: str) -> dict[str, Any]:
    """A fresh copy of a packaged lexicon's data, to read or to change (tests add words)."""
    name = f"{language}.json"
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as e:
        raise LexiconError(f"{name}: no lexicon for language {language!r}") from e
    return json_object(text, name, LexiconError, "a lexicon is a JSON object")


def lexicon_from_data(data: Mapping[str, Any], source: str | None = None) -> Lexicon:
    """A lexicon from its data (a copy is kept: changing ``data`` later changes nothing)."""
    data = copy.deepcopy(dict(data))
    language = data.get("language")
    if not isinstance(language, str):
        raise LexiconError(f"{source or '<data>'}: a lexicon names its 'language'")
    source = source or f"{language}.json"
    try:
        return _build(language, source, data)
    except KeyError as e:
        raise LexiconError(f"{source}: missing key {e.args[0]!r}") from e
    except (TypeError, ValueError) as e:
        raise LexiconError(f"{source}: {e}") from e


def _build(language: str, source: str, data: Mapping[str, Any]) -> Lexicon:
    letters = letters_from(data["letters"])
    morphology = Morphology(letters) if language in _INFLECTED else None

    def nouns(section: str) -> tuple[Noun, ...]:
        return tuple(_noun(entry, morphology) for entry in data[section])

    return Lexicon(
        language=language,
        source=source,
        data=data,
        letters=letters,
        morphology=morphology,
        act_types=nouns("act_types"),
        issuer_kinds=nouns("issuer_kinds"),
        part_words=nouns("part_words"),
        document_kinds=nouns("document_kinds"),
        time_units=nouns("time_units"),
        months=tuple(data["months"]),
        numbers=_numbers(data["numbers"], morphology),
    )


def _noun(entry: Mapping[str, Any], morphology: Morphology | None) -> Noun:
    stem: str = entry["stem"]
    listed = [str(f) for f in entry.get("forms", [])]
    irregular = Irregular(entry.get("harmony"), entry.get("before_vowel"))
    if morphology is not None:
        forms = [*morphology.inflect(stem, irregular), *listed]
        forms += [morphology.adjective(stem, irregular)] if entry.get("adjective") else []
        nominative = entry.get("nominative") or morphology.possessive(stem, irregular)
        stems = [stem, morphology.before_vowel(stem, irregular)]
    else:
        forms = [stem, *listed]
        nominative = entry.get("nominative") or stem
        stems = [stem]
    excluded = {str(f).lower() for f in entry.get("exclude", [])}
    return Noun(
        key=entry.get("key", stem),
        stem=stem,
        forms=frozenset(f.lower() for f in forms) - excluded,
        nominative=nominative,
        stems=tuple(dict.fromkeys(stems)),
        before=tuple(entry.get("before", [])),
        national=bool(entry.get("national", False)),
        headed_by_country=bool(entry.get("headed_by_country", False)),
    )


def _numbers(data: Mapping[str, Any], morphology: Morphology | None) -> Numbers:
    cardinals: dict[str, int] = {k: int(v) for k, v in data["cardinals"].items()}
    irregular = {k: Irregular(v.get("harmony"), v.get("before_vowel"), v.get("ordinal"))
                 for k, v in data.get("irregular", {}).items()}
    inflected: dict[str, int] = {}
    for word, value in cardinals.items():
        if morphology is not None:
            forms: Sequence[str] = morphology.numeral_forms(word, irregular.get(word))
        else:
            forms = ()
        for form in forms:
            if form != word:
                inflected.setdefault(form, value)
    for form, value in data.get("forms", {}).items():
        inflected[form] = int(value)
    return Numbers(
        cardinals=cardinals,
        inflected=inflected,
        collectives={k: int(v) for k, v in data.get("collectives", {}).items()},
        not_numbers=frozenset(data.get("not_numbers", [])),
    )


# -- the lexicons in use ------------------------------------------------------------------------

_PACKAGED: dict[str, Lexicon] = {}
_IN_USE: dict[str, Lexicon] = {}
# Counts the changes of the lexicons in use; what ``from_lexicon`` built for an older count
# is built again.
_generation = [0]


def lexicon(language: str = "kk") -> Lexicon:
    """The lexicon the stages read for ``language``: the packaged one unless a test or a
    caller put another in use."""
    in_use = _IN_USE.get(language)
    if in_use is not None:
        return in_use
    packaged = _PACKAGED.get(language)
    if packaged is None:
        packaged = _PACKAGED[language] = lexicon_from_data(read_data(language))
    return packaged


def lexicons() -> tuple[Lexicon, ...]:
    """Every language's lexicon in use, Kazakh first. Layout marks (status labels, the
    operative formula, a note's opening word) are read in either language: Kazakh pages of
    the database carry Russian ones too."""
    return tuple(lexicon(language) for language in LANGUAGES)


def agreed_word_regex(every: Sequence[Lexicon] | None = None) -> str:
    """An agreement stamp's word as printed: in capitals, with any ending ("КЕЛІСІЛДІ",
    "СОГЛАСОВАНО" from the stem "СОГЛАСОВАН"). Case counts even inside a pattern compiled
    to ignore it: "согласовано с …" in a sentence is no stamp."""
    words = (w for lx in (lexicons() if every is None else every)
             for w in lx.words("structure.agreed_words"))
    return rf"(?-i:{words_regex(words)}\w*)"


@contextmanager
def lexicon_in_use(replacement: Lexicon, language: str | None = None) -> Iterator[Lexicon]:
    """Make the stages read ``replacement`` for its language (or for ``language``: a test
    builds every stage's patterns from the Russian words) inside the block."""
    language = language or replacement.language
    before = _IN_USE.get(language)
    _IN_USE[language] = replacement
    _generation[0] += 1
    try:
        yield replacement
    finally:
        if before is None:
            del _IN_USE[language]
        else:
            _IN_USE[language] = before
        _generation[0] += 1


def from_lexicon(build: Callable[[], T]) -> Callable[[], T]:
    """Cache what ``build`` makes from the lexicons in use; build again after a change."""
    cache: dict[int, T] = {}

    @wraps(build)
    def get() -> T:
        generation = _generation[0]
        if generation not in cache:
            value = build()
            cache.clear()
            cache[generation] = value
        return cache[generation]

    return get


__all__ = [
    "LANGUAGES", "Lexicon", "LexiconError", "Noun", "Numbers", "agreed_word_regex", "from_lexicon", "lexicon",
    "lexicon_from_data", "lexicon_in_use", "lexicons", "phrase_regex", "phrases_regex",
    "read_data", "words_regex",
]
