"""Search a pattern only where it can begin: at a character its matches may start with.

Python's ``re`` scans for a pattern's first character itself only when the pattern begins
with a case-sensitive literal or class. A pattern that begins with a case-insensitive
alternation of words (the Russian citation: "постановление|приказ|решение...") is instead
tried at every character of the text, each try running the whole alternation. Where the
characters a match may begin with can be read off the pattern, :func:`first_char_scanner`
makes a one-class pattern of them (with the pattern's case rule, so it admits every character
the pattern would), and :func:`finditer_from` tries the pattern only where that class
matches: the same matches as ``pattern.finditer``, found in the same order.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

# re's own parser (the module re compiles with; it has no type stubs, and the old names
# sre_parse/sre_constants warn on import).
sre_parse: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


def first_char_scanner(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-class pattern of every character a match of ``pattern`` may begin with, or
    None when that cannot be told (the pattern may begin with any letter, a category such
    as ``\\w``, or match the empty string)."""
    firsts = _firsts(sre_parse.parse(pattern.pattern, pattern.flags).data)
    if firsts is None or not firsts[0]:
        return None
    chars, may_be_empty = firsts
    if may_be_empty:
        return None
    body = "".join(re.escape(chr(c)) for c in sorted(chars))
    return re.compile(f"[{body}]", pattern.flags & re.IGNORECASE)


def _firsts(items: Any) -> tuple[set[int], bool] | None:
    """The first characters of a sequence of parsed items, and whether it may match
    nothing; None when they cannot be listed."""
    chars: set[int] = set()
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue  # a look-around or \b consumes nothing: the next item begins the match
        if op is sre.LITERAL:
            chars.add(arg)
            return chars, False
        if op is sre.IN:
            for kind, value in arg:
                if kind is sre.LITERAL:
                    chars.add(value)
                elif kind is sre.RANGE and value[1] - value[0] < 256:
                    chars.update(range(value[0], value[1] + 1))
                else:
                    return None  # a category or a negated class: any character, nearly
            return chars, False
        if op is sre.SUBPATTERN:
            if (arg[1] | arg[2]) & re.IGNORECASE:
                return None  # "(?i:...)" inside: the scanner takes the pattern's own rule
            inner = _firsts(arg[-1].data if hasattr(arg[-1], "data") else arg[-1])
        elif op is sre.BRANCH:
            inner = _branch_firsts(arg[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = arg
            inner = _firsts(sub.data if hasattr(sub, "data") else sub)
            if inner is not None and low == 0:
                inner = inner[0], True
        else:
            return None
        if inner is None:
            return None
        chars |= inner[0]
        if not inner[1]:
            return chars, False
    return chars, True


def _branch_firsts(alternatives: Any) -> tuple[set[int], bool] | None:
    chars: set[int] = set()
    empty = False
    for alternative in alternatives:
        inner = _firsts(alternative.data if hasattr(alternative, "data") else alternative)
        if inner is None:
            return None
        chars |= inner[0]
        empty = empty or inner[1]
    return chars, empty


def finditer_from(pattern: re.Pattern[str], scanner: re.Pattern[str] | None, text: str,
                  pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)``, the pattern tried only where ``scanner``
    (:func:`first_char_scanner`) matches; without a scanner, ``finditer`` itself. Matches
    of the pattern are never empty where a scanner exists (it needs a first character)."""
    end = len(text) if endpos is None else endpos
    if scanner is None:
        yield from pattern.finditer(text, pos, end)
        return
    while True:
        start = scanner.search(text, pos, end)
        if start is None:
            return
        found = pattern.match(text, start.start(), end)
        if found is None:
            pos = start.start() + 1
            continue
        yield found
        pos = found.end()
