"""Prefix, suffix and infix rules of the Kazakh tokenizer.

They are spaCy's default rules (``spacy.lang.punctuation``) rebuilt on a letter class that
knows the whole Kazakh alphabet: spaCy's ``ALPHA`` lacks ғ, қ and ұ, so with the defaults
"жоқ." keeps its full stop and "Қазақ-ұлттық" is not split like other hyphenated words.

Two deliberate departures from the defaults:

* A hyphen between two digits is not an infix, so numbered labels stay whole:
  "10-2", "11-1/123", "9-2)" -> "9-2", ")".
* A hyphen between a digit and a letter is not an infix either. Kazakh writes ordinals and
  case endings of numerals with a hyphen ("1-қосымша" = appendix 1, "27-бабының" = of
  article 27, "30-ға"); the whole thing is one word, and ``numbered_word`` in
  ``lex_attrs`` splits it into its number and its word when a matcher needs them.
"""

from __future__ import annotations

from spacy.lang.char_classes import (
    ALPHA,
    ALPHA_LOWER,
    ALPHA_UPPER,
    CONCAT_QUOTES,
    CURRENCY,
    HYPHENS,
    LIST_CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)

from shezhire.extract.lexicon import lexicon

# Character-class bodies (without the brackets), like spaCy's ALPHA*, with the Kazakh
# letters of the lexicon's letter classes.
KK_ALPHA_LOWER = ALPHA_LOWER + lexicon("kk").lower()
KK_ALPHA_UPPER = ALPHA_UPPER + lexicon("kk").upper()
KK_ALPHA = ALPHA + lexicon("kk").lower() + lexicon("kk").upper()

TOKENIZER_PREFIXES: list[str] = [
    "§",
    "%",
    "=",
    "—",
    "–",
    r"\+(?![0-9])",
    *LIST_PUNCT,
    *LIST_ELLIPSES,
    *LIST_QUOTES,
    *LIST_CURRENCY,
    *LIST_ICONS,  # holds "№", so "№24" -> "№", "24"
]

TOKENIZER_SUFFIXES: list[str] = [
    *LIST_PUNCT,
    *LIST_ELLIPSES,
    *LIST_QUOTES,
    *LIST_ICONS,
    "—",
    "–",
    r"(?<=[0-9])\+",
    r"(?<=°[FfCcKk])\.",
    rf"(?<=[0-9])(?:{CURRENCY})",
    rf"(?<=[0-9])(?:{UNITS})",
    r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(
        al=KK_ALPHA_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT
    ),
    rf"(?<=[{KK_ALPHA_UPPER}][{KK_ALPHA_UPPER}])\.",
]

TOKENIZER_INFIXES: list[str] = [
    *LIST_ELLIPSES,
    *LIST_ICONS,
    r"(?<=[0-9])[+\*^](?=[0-9-])",  # no "-": keeps "10-2" and "11-1/123" whole
    rf"(?<=[{KK_ALPHA_LOWER}{CONCAT_QUOTES}])\.(?=[{KK_ALPHA_UPPER}{CONCAT_QUOTES}])",
    rf"(?<=[{KK_ALPHA}]),(?=[{KK_ALPHA}])",
    rf"(?<=[{KK_ALPHA}])(?:{HYPHENS})(?=[{KK_ALPHA}])",  # letters only, see above
    rf"(?<=[{KK_ALPHA}0-9])[:<>=/](?=[{KK_ALPHA}])",
]
