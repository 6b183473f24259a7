"""Kazakh noun morphology: the inflected forms of a stem, and every ending a case takes.

Kazakh suffixes change with the word they follow, by two regular rules:

* vowel harmony: a word whose last vowel is back (а о ұ ы я) takes back suffixes ("-дар",
  "-ға"), one whose last vowel is front (ә е ө ү і э и) front ones ("-дер", "-ге"); "у" and
  "ю" say nothing, the vowel before them decides;
* the suffix's first consonant follows the word's last sound: after a voiceless consonant
  "-та", "-тан", "-қа"; after a nasal "-нан", "-ның"; after a vowel "-ның", "-ны", "-лар"...

A possessed noun (3rd person "-ы/-і", "-сы/-сі": "бұйрығы", "қаулысы") takes its cases with
an "н" ("бұйрығына", "қаулысында", "Заңының"). Before a vowel-initial suffix a final к, қ, п
becomes г, ғ, б ("бұйрық" → "бұйрығы", "бап" → "бабы"). Irregular words (a dropped vowel:
"қырық" → "қырқыншы"; a loan that keeps its consonant) say so in the lexicon's data.

The letter classes come from the lexicon (``letters`` of ``kk.json``); the suffix tables
below are the grammar. Everything returned keeps the case of the stem as given, suffixes
in lowercase ("Заң" → "Заңының").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Harmony = Literal["back", "front"]
Case = Literal[
    "nominative", "genitive", "accusative", "dative", "locative", "ablative", "instrumental",
    "locative_attributive",
]
CASES: tuple[Case, ...] = (
    "nominative", "genitive", "accusative", "dative", "locative", "ablative", "instrumental",
    "locative_attributive",
)

# The sound a word ends with, as the suffixes see it.
_Final = Literal["vowel", "glide", "l", "nasal", "voiced", "voiceless"]

# Back allomorphs by the final sound: (vowel, glide р й у, л, nasal м н ң, voiced ж з,
# voiceless). The front allomorph is the back one with its vowel and velar fronted.
_TABLE: dict[str, tuple[str, str, str, str, str, str]] = {
    "plural": ("лар", "лар", "дар", "дар", "дар", "тар"),
    "genitive": ("ның", "дың", "дың", "ның", "дың", "тың"),
    "accusative": ("ны", "ды", "ды", "ды", "ды", "ты"),
    "dative": ("ға", "ға", "ға", "ға", "ға", "қа"),
    "locative": ("да", "да", "да", "да", "да", "та"),
    "ablative": ("дан", "дан", "дан", "нан", "дан", "тан"),
    "instrumental": ("мен", "мен", "мен", "мен", "бен", "пен"),
    # the relational adjective: "айлық" (monthly), "жылдық" (yearly)
    "adjective": ("лық", "лық", "дық", "дық", "дық", "тық"),
    "possessive": ("сы", "ы", "ы", "ы", "ы", "ы"),
    "ordinal": ("ншы", "ыншы", "ыншы", "ыншы", "ыншы", "ыншы"),
}
_FINALS: tuple[_Final, ...] = ("vowel", "glide", "l", "nasal", "voiced", "voiceless")
# Cases after a 3rd-person possessive: the "н" of the possessed noun.
_AFTER_POSSESSIVE: dict[str, str] = {
    "genitive": "ның", "accusative": "н", "dative": "на", "locative": "нда", "ablative": "нан",
    "instrumental": "мен",
}
_FRONT = str.maketrans({"а": "е", "ы": "і", "ғ": "г", "қ": "к", "ұ": "ү", "о": "ө"})
_VOICED = {"к": "г", "қ": "ғ", "п": "б"}
# Past participle ("берілген", "алған") and comparative ("ертерек", "кейінірек"): verbs and
# adjectives are not inflected here, but their endings are read.
_VERB_ENDINGS: dict[str, tuple[str, ...]] = {
    "past_participle": ("ған", "ген", "қан", "кен"),
    "comparative": ("рақ", "рек", "ырақ", "ірек"),
    "conditional": ("са", "се"),
}


@dataclass(frozen=True)
class Letters:
    """The letter classes of a language (``letters`` in its lexicon file).

    ``upper``/``lower`` are character-class bodies ("А-ЯӘ…"); the others list letters, as
    the suffixes see a word's last sound: ``voiced`` are the finals after which a suffix
    starts with a voiced stop ("сөзбен"), ``voiceless`` those after which it starts
    voiceless — к, п, с, т..., and б, в, г, д, which a word's end devoices ("клубқа").
    """

    upper: str
    lower: str
    back_vowels: str
    front_vowels: str
    neutral_vowels: str
    glides: str
    nasals: str
    voiced: str
    voiceless: str

    @property
    def vowels(self) -> str:
        return self.back_vowels + self.front_vowels + self.neutral_vowels


@dataclass(frozen=True)
class Irregular:
    """What a word does against the rules: its harmony, its stem before a vowel."""

    harmony: Harmony | None = None
    before_vowel: str | None = None  # "қырқ" for "қырық"; None: by the voicing rule
    ordinal: str | None = None  # "жиырмасыншы" for "жиырма"; None: by the rules


class Morphology:
    """The inflected forms of Kazakh nouns (and numerals) built from their stems."""

    def __init__(self, letters: Letters) -> None:
        self.letters = letters

    # -- the two rules ----------------------------------------------------------------------

    def harmony(self, word: str) -> Harmony:
        """Back or front, by the last vowel that decides (back when none does)."""
        for ch in reversed(word.lower()):
            if ch in self.letters.back_vowels:
                return "back"
            if ch in self.letters.front_vowels:
                return "front"
        return "back"

    def _final(self, word: str) -> _Final:
        ch = word[-1:].lower()
        if ch in self.letters.glides:
            return "glide"
        if ch in self.letters.vowels:
            return "vowel"
        if ch == "л":
            return "l"
        if ch in self.letters.nasals:
            return "nasal"
        if ch in self.letters.voiced:
            return "voiced"
        return "voiceless"

    def _suffix(self, kind: str, word: str, harmony: Harmony | None = None) -> str:
        back = _TABLE[kind][_FINALS.index(self._final(word))]
        return back if (harmony or self.harmony(word)) == "back" else back.translate(_FRONT)

    def before_vowel(self, word: str, irregular: Irregular | None = None) -> str:
        """The stem a vowel-initial suffix joins: "бұйрық" → "бұйрығ", "бап" → "баб"."""
        if irregular is not None and irregular.before_vowel:
            return irregular.before_vowel
        last = word[-1:]
        voiced = _VOICED.get(last.lower())
        if voiced is None:
            return word
        return word[:-1] + (voiced.upper() if last.isupper() else voiced)

    def _join(self, word: str, suffix: str, irregular: Irregular | None) -> str:
        if suffix[:1] in self.letters.vowels:
            return self.before_vowel(word, irregular) + suffix
        return word + suffix

    # -- single forms -----------------------------------------------------------------------

    def possessive(self, stem: str, irregular: Irregular | None = None) -> str:
        """The 3rd-person possessive (the nominative a title uses): "бұйрығы", "Заңы"."""
        harmony = irregular.harmony if irregular else None
        return self._join(stem, self._suffix("possessive", stem, harmony), irregular)

    def plural(self, stem: str, irregular: Irregular | None = None) -> str:
        harmony = irregular.harmony if irregular else None
        return stem + self._suffix("plural", stem, harmony)

    def ordinal(self, stem: str, irregular: Irregular | None = None) -> str:
        """"бес" → "бесінші", "алты" → "алтыншы"."""
        if irregular is not None and irregular.ordinal:
            return irregular.ordinal
        harmony = irregular.harmony if irregular else None
        return self._join(stem, self._suffix("ordinal", stem, harmony), irregular)

    def adjective(self, stem: str, irregular: Irregular | None = None) -> str:
        """The relational adjective: "ай" → "айлық", "жыл" → "жылдық"."""
        harmony = irregular.harmony if irregular else None
        return stem + self._suffix("adjective", stem, harmony)

    def case(self, word: str, case: Case, *, possessed: bool = False,
             harmony: Harmony | None = None) -> str:
        """``word`` in ``case``; ``possessed`` when it ends in a 3rd-person possessive."""
        if case == "nominative":
            return word
        if case == "locative_attributive":
            located = self.case(word, "locative", possessed=possessed, harmony=harmony)
            return located + ("ғы" if (harmony or self.harmony(word)) == "back" else "гі")
        if possessed:
            back = _AFTER_POSSESSIVE[case]
            return word + (back if (harmony or self.harmony(word)) == "back"
                           else back.translate(_FRONT))
        return word + self._suffix(case, word, harmony)

    def genitive(self, word: str, *, possessed: bool = False) -> str:
        return self.case(word, "genitive", possessed=possessed)

    # -- every form -------------------------------------------------------------------------

    def inflect(self, stem: str, irregular: Irregular | None = None) -> tuple[str, ...]:
        """Every regular form of a noun: bare, possessed, plural and plural possessed, each
        in every case. "бұйрық" → "бұйрық", "бұйрыққа", …, "бұйрығы", "бұйрығына", …,
        "бұйрықтар", …, "бұйрықтарының"."""
        harmony = irregular.harmony if irregular else None
        possessed = self.possessive(stem, irregular)
        plural = self.plural(stem, irregular)
        plural_possessed = self.possessive(plural)
        forms: list[str] = []
        for base, is_possessed, base_harmony in (
                (stem, False, harmony), (possessed, True, harmony),
                (plural, False, None), (plural_possessed, True, None)):
            forms += [self.case(base, c, possessed=is_possessed, harmony=base_harmony)
                      for c in CASES]
        return tuple(dict.fromkeys(forms))

    def numeral_forms(self, stem: str, irregular: Irregular | None = None) -> tuple[str, ...]:
        """Every inflected form of a numeral: its cases, its possessive ("оны", "бесеуі" is
        a collective, listed apart) with cases, and its ordinal with cases ("бесіншіге")."""
        harmony = irregular.harmony if irregular else None
        possessed = self.possessive(stem, irregular)
        ordinal = self.ordinal(stem, irregular)
        forms = [self.case(stem, c, harmony=harmony) for c in CASES]
        forms += [self.case(possessed, c, possessed=True, harmony=harmony) for c in CASES]
        forms += [self.case(ordinal, c) for c in CASES]
        return tuple(dict.fromkeys(forms))

    # -- endings of unknown words -----------------------------------------------------------

    def endings(self, *kinds: str, possessed: bool | None = None) -> tuple[str, ...]:
        """Every allomorph of the named suffixes ("genitive", "plural", "possessive",
        "past_participle"...), longest first, for reading words the lexicon does not list.

        ``possessed``: None gives the endings after any word, True only those after a
        possessive ("-ның", "-на", "-нда"...), False only those after a bare word.
        """
        found: list[str] = []
        for kind in kinds:
            if kind in _VERB_ENDINGS:
                found += _VERB_ENDINGS[kind]
                continue
            if kind == "locative_attributive":
                backs = [*_TABLE["locative"]] if possessed is not True else []
                backs += [_AFTER_POSSESSIVE["locative"]] if possessed is not False else []
                for back in backs:
                    found += [back + "ғы", (back + "гі").translate(_FRONT)]
                continue
            if possessed is not True:
                for back in _TABLE[kind]:
                    found += [back, back.translate(_FRONT)]
            if possessed is not False and kind in _AFTER_POSSESSIVE:
                back = _AFTER_POSSESSIVE[kind]
                found += [back, back.translate(_FRONT)]
        return tuple(sorted(dict.fromkeys(found), key=lambda e: (-len(e), e)))


def letters_from(data: Mapping[str, str]) -> Letters:
    """Letter classes from a lexicon's ``letters`` object."""
    return Letters(**{k: data[k] for k in Letters.__dataclass_fields__})
