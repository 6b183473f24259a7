"""A lexicon list that the code reads as literal words must not be written in the phrase
notation: ``words_regex`` escapes "утвержден*" and then matches only a literal asterisk, so
the entry silently never matches (the stamp tails of the Russian lexicon were read so in
``clean`` and ``paragraphs`` until session 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shezhire.extract.lexicon import lexicons

_EXTRACT = Path(__file__).resolve().parent.parent / "extract"
# ``words_regex(lx.words('a.b'))``, ``words_regex(w for ... lx.words("a.b") ...)`` on one line.
_LITERAL_USE = re.compile(r"words_regex\((?:[^()\n]|\([^()\n]*\))*?\.words\(['\"](?P<key>[\w.]+)['\"]\)")
_NOTATION = re.compile(r"[*|_()]")


def _keys_read_literally() -> set[str]:
    keys: set[str] = set()
    for source in sorted(_EXTRACT.rglob("*.py")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if "phrases_regex" in line.split("words_regex")[0]:
                continue
            keys.update(m["key"] for m in _LITERAL_USE.finditer(line))
    return keys


def test_the_scan_finds_the_lists_read_literally() -> None:
    # The scan itself must see the known literal uses, or the test below checks nothing.
    assert {"structure.stamp_words", "dates.year_words", "conjunctions.and"} <= _keys_read_literally()


@pytest.mark.parametrize("key", sorted(_keys_read_literally()))
def test_a_list_read_literally_holds_no_phrase_notation(key: str) -> None:
    for lexicon in lexicons():
        try:
            words = lexicon.words(key)
        except KeyError:
            continue
        written = [w for w in words if _NOTATION.search(w)]
        assert not written, f"{lexicon.source}: {key}: phrase notation in a literal list: {written}"
