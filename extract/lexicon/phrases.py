"""The phrase notation of the lexicon files, turned into regular-expression source.

A lexicon writes a phrase as words separated by single spaces:

==================  =============================================================
``тіркелді``         the word itself
``құжат*``           the word with any ending ("құжаттар", "құжаттың")
``мен|және``         one of several words (each may end in ``*``)
``(болып)``          words that may be left out: "(болып) тіркелді"
``_``                any one word
``_{0,8}``           up to eight words, as few as will do (not at a phrase's end)
==================  =============================================================

Between words any whitespace may stand (text from PDFs breaks lines anywhere). Everything
else is literal: "м.а.", "ХҚО-ға", "«". The regex the callers build around these pieces
(numbers, spans, punctuation) stays in code; the words stay here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD_GAP = r"\s+"
_SPAN = re.compile(r"_\{(\d+),(\d+)\}")


class PhraseError(ValueError):
    """A phrase the notation cannot read (an unclosed bracket...)."""


def _word(token: str) -> str:
    alternatives = []
    for alternative in token.split("|"):
        if alternative == "_":
            alternatives.append(r"\S+")
        elif alternative.endswith("*") and len(alternative) > 1:
            alternatives.append(re.escape(alternative[:-1]) + r"\w*")
        else:
            alternatives.append(re.escape(alternative))
    return alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"


def _items(phrase: str) -> list[tuple[str, str]]:
    """(regex, kind) for each part of ``phrase``: a "word", an "optional" group, or a "run"
    of any words (which carries the gap after it)."""
    items: list[tuple[str, str]] = []
    group: list[str] | None = None
    for token in phrase.split():
        run = _SPAN.fullmatch(token)
        if group is None and run is not None:
            items.append((rf"(?:\S+{_WORD_GAP}){{{run.group(1)},{run.group(2)}}}?", "run"))
            continue
        if group is None and token.startswith("("):
            group, token = [], token[1:]
        if group is not None:
            closes = token.endswith(")")
            token = token[:-1] if closes else token
            if token:
                group.append(_word(token))
            if closes:
                items.append((_WORD_GAP.join(group), "optional"))
                group = None
            continue
        items.append((_word(token), "word"))
    if group is not None:
        raise PhraseError(f"unclosed bracket in phrase {phrase!r}")
    if items and items[-1][1] == "run":
        raise PhraseError(f"a run of words ends phrase {phrase!r}")
    return items


def phrase_regex(phrase: str) -> str:
    """Regex source of one phrase (see the module docstring)."""
    items = _items(phrase)
    out = ""
    gap_due = False
    for index, (rx, kind) in enumerate(items):
        last = index == len(items) - 1
        if kind == "run":
            out += (_WORD_GAP if gap_due else "") + rx
            gap_due = False
        elif kind == "optional" and not last:
            out += (_WORD_GAP if gap_due else "") + rf"(?:{rx}{_WORD_GAP})?"
            gap_due = False
        elif kind == "optional":
            out += rf"(?:{_WORD_GAP}{rx})?" if out else rf"(?:{rx})?"
        else:
            out += (_WORD_GAP if gap_due else "") + rx
            gap_due = True
    return out


def phrases_regex(phrases: Iterable[str]) -> str:
    """One group matching any of ``phrases``, longest written phrase first."""
    ordered = sorted(dict.fromkeys(phrases), key=lambda p: (-len(p), p))
    if not ordered:
        return "(?!)"  # matches nothing: a language without such phrases
    return "(?:" + "|".join(phrase_regex(p) for p in ordered) + ")"


def words_regex(words: Iterable[str]) -> str:
    """One group matching any of ``words`` literally, longest first."""
    ordered = sorted(dict.fromkeys(words), key=lambda w: (-len(w), w))
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"
