"""Search a pattern only where it can begin: at a character its matches may start with.

Python's ``re`` scans for a pattern's first character itself only when the pattern begins
with a case-sensitive literal or class. A pattern that begins with a case-insensitive
alternation of words (the Russian citation: "постановление|приказ|решение...") is instead
tried at every character of the text, each try running the whole alternation. Where the
characters a match may begin with can be read off the pattern, :func:`first_char_scanner`
makes a one-class pattern of them (with the pattern's case rule, so it admits every character
the pattern would), and :func:`finditer_from` tries the pattern only where that class
matches: the same matches as ``pattern.finditer``, found in the same order. A pattern may
also begin with a digit (``\\d``) or with a case-insensitive group inside a case-sensitive
pattern ("(?:\\d+\\s*)?(?i:қосымша|…)"): the class then holds ``\\d`` and is
case-insensitive, admitting a few characters more than needed, never fewer.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

# re's own parser (the module re compiles with; it has no type stubs, and the old names
# sre_parse/sre_constants warn on import).
sre_parse: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


# The one category a scanner takes whole: a digit is far rarer than a letter or a space.
_DIGIT = "\\d"


def first_char_scanner(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-class pattern of every character a match of ``pattern`` may begin with, or
    None when that cannot be told (the pattern may begin with any letter, a category such
    as ``\\w``, or match the empty string)."""
    # Characters (code points, or ``_DIGIT``) the scanner's class holds; a case-insensitive
    # group inside the pattern makes the whole class case-insensitive.
    chars: set[int | str] = set()
    folds = [bool(pattern.flags & re.IGNORECASE)]
    firsts = _firsts(sre_parse.parse(pattern.pattern, pattern.flags).data, chars, folds)
    if not firsts or not chars:
        return None
    body = "".join(c if isinstance(c, str) else re.escape(chr(c))
                   for c in sorted(chars, key=lambda c: (isinstance(c, str), c)))
    return re.compile(f"[{body}]", re.IGNORECASE if folds[0] else 0)


# At most this many characters are looked for one by one (``str.__contains__``, a fast scan
# each) rather than by the pattern.
_FEW = 24


@lru_cache(maxsize=512)
def literal_first_chars(pattern: re.Pattern[str]) -> str | None:
    """The few characters every match of ``pattern`` begins with, or None when they are
    not a few listed characters (a category such as ``\\d``, case folding, a pattern that
    may match the empty string). A text holding none of them has no match: looking for each
    with ``in`` is many times faster than the regex engine's scan for a class."""
    if pattern.flags & re.IGNORECASE:
        return None
    chars: set[int | str] = set()
    folds = [False]
    firsts = _firsts(sre_parse.parse(pattern.pattern, pattern.flags).data, chars, folds)
    if not firsts or not chars or folds[0] or len(chars) > _FEW \
            or not all(isinstance(c, int) for c in chars):
        return None
    return "".join(sorted(chr(c) for c in chars if isinstance(c, int)))


def _firsts(items: Any, chars: set[int | str], folds: list[bool]) -> bool | None:
    """Adds to ``chars`` the first characters of a sequence of parsed items; True when the
    sequence always consumes one (False: it may match nothing); None when they cannot be
    listed. ``folds[0]`` is set where a case-insensitive group may begin the match."""
    for op, arg in items:
        if op in _ZERO_WIDTH:
            continue  # a look-around or \b consumes nothing: the next item begins the match
        if op is sre.LITERAL:
            chars.add(arg)
            return True
        if op is sre.IN:
            for kind, value in arg:
                if kind is sre.LITERAL:
                    chars.add(value)
                elif kind is sre.RANGE and value[1] - value[0] < 256:
                    chars.update(range(value[0], value[1] + 1))
                elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                    chars.add(_DIGIT)
                else:
                    return None  # another category or a negated class: any character, nearly
            return True
        if op is sre.SUBPATTERN:
            if arg[1] & re.IGNORECASE:
                folds[0] = True  # "(?i:...)": the scanner's class folds case too
            # ("(?-i:...)" in a case-insensitive pattern: its class folds, admitting more.)
            inner = _firsts(_data(arg[-1]), chars, folds)
        elif op is sre.BRANCH:
            inner = _branch_firsts(arg[1], chars, folds)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = arg
            inner = _firsts(_data(sub), chars, folds)
            if inner is not None and low == 0:
                inner = False
        else:
            return None
        if inner is None:
            return None
        if inner:
            return True
    return False


def _branch_firsts(alternatives: Any, chars: set[int | str], folds: list[bool]) -> bool | None:
    consumes = True
    for alternative in alternatives:
        inner = _firsts(_data(alternative), chars, folds)
        if inner is None:
            return None
        consumes = consumes and inner
    return consumes


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


# --- patterns anchored at the end: "…(?:бекітілген|қосымша)\\s*$" -----------------------------
#
# Such a pattern is tried at every character of the text too, yet its match must end at the
# text's last character that is not a space. Where every match's last character before
# ``\\s*$`` is one of a few (a word's last letter), a text whose last such character is not
# one of them has no match, and is not searched.

_SPACE_END = (sre.MAX_REPEAT, (0, sre.MAXREPEAT, [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)])]))
_ENDS = (sre.AT_END, sre.AT_END_STRING)


@lru_cache(maxsize=512)
def last_char_scanner(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A one-class pattern of every character a match of ``pattern`` may end with before its
    closing ``\\s*$``, or None when the pattern is not of that shape (every alternative
    ends with ``\\s*$``, no MULTILINE) or the characters cannot be listed. The class holds
    no whitespace character."""
    if pattern.flags & re.MULTILINE:
        return None  # "$" would match at every line's end
    chars: set[int | str] = set()
    folds = [bool(pattern.flags & re.IGNORECASE)]
    if not _ends_with_space_end(sre_parse.parse(pattern.pattern, pattern.flags).data, chars, folds) \
            or not chars:
        return None
    return _class(chars, folds[0])


def search_at_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern anchored at the end (see
    :func:`last_char_scanner`): None at once where the text's last character that is not a
    space cannot end a match."""
    scanner = last_char_scanner(pattern)
    if scanner is not None:
        stripped = text.rstrip()  # (str.rstrip strips what "\\s" matches)
        if not stripped or scanner.match(stripped, len(stripped) - 1) is None:
            return None
    return pattern.search(text)


def _class(chars: set[int | str], folds: bool) -> re.Pattern[str]:
    body = "".join(c if isinstance(c, str) else re.escape(chr(c))
                   for c in sorted(chars, key=lambda c: (isinstance(c, str), c)))
    return re.compile(f"[{body}]", re.IGNORECASE if folds else 0)


def _ends_with_space_end(items: Any, chars: set[int | str], folds: list[bool]) -> bool:
    """Whether every match of ``items`` ends with ``\\s*$`` after a part whose last
    character is listed in ``chars`` (a part that always consumes one)."""
    items = list(items)
    if len(items) == 1 and items[0][0] is sre.BRANCH:
        return all(_ends_with_space_end(_data(alternative), chars, folds)
                   for alternative in items[0][1][1])
    if len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        arg = items[0][1]
        if arg[1] & re.IGNORECASE:
            folds[0] = True
        return _ends_with_space_end(_data(arg[-1]), chars, folds)
    if len(items) < 2 or items[-1][0] is not sre.AT or items[-1][1] not in _ENDS \
            or _plain(items[-2]) != _SPACE_END:
        return False
    return _lasts(items[:-2], chars, folds) is True


def _only_spaces(items: Any) -> bool:
    items = list(items)
    return len(items) == 1 and (
        (items[0][0] is sre.LITERAL and chr(items[0][1]).isspace())
        or (items[0][0] is sre.IN and items[0][1] == [(sre.CATEGORY, sre.CATEGORY_SPACE)]))


def _data(items: Any) -> Any:
    return items.data if hasattr(items, "data") else items


def _plain(item: Any) -> Any:
    """A parsed item with its sub-patterns as lists, to compare with ``_SPACE_END``."""
    op, arg = item
    if op is sre.MAX_REPEAT:
        return op, (arg[0], arg[1], [tuple(x) for x in _data(arg[2])])
    return item


def _lasts(items: Any, chars: set[int | str], folds: list[bool]) -> bool | None:
    """Adds to ``chars`` the last characters of a sequence of parsed items (never a space);
    True when the sequence always consumes one, False when it may match nothing, None when
    they cannot be listed."""
    for op, arg in reversed(list(items)):
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the item before ends the match
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and _only_spaces(_data(arg[2])):
            continue  # spaces ("қосымша\\s*(\\d+)?\\s*$"): the last other character is before
        if op is sre.LITERAL:
            if chr(arg).isspace():
                return None
            chars.add(arg)
            return True
        if op is sre.IN:
            for kind, value in arg:
                if kind is sre.LITERAL and not chr(value).isspace():
                    chars.add(value)
                elif kind is sre.RANGE and value[1] - value[0] < 256 \
                        and not any(chr(c).isspace() for c in range(value[0], value[1] + 1)):
                    chars.update(range(value[0], value[1] + 1))
                elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                    chars.add(_DIGIT)
                elif kind is sre.CATEGORY and value is sre.CATEGORY_WORD:
                    chars.add("\\w")  # a word character is never a space
                else:
                    return None
            return True
        if op is sre.SUBPATTERN:
            if arg[1] & re.IGNORECASE:
                folds[0] = True
            inner = _lasts(_data(arg[-1]), chars, folds)
        elif op is sre.BRANCH:
            inner = True
            for alternative in arg[1]:
                one = _lasts(_data(alternative), chars, folds)
                if one is None:
                    return None
                inner = inner and one
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _high, sub = arg
            inner = _lasts(_data(sub), chars, folds)
            if inner is not None and low == 0:
                inner = False
        else:
            return None
        if inner is None:
            return None
        if inner:
            return True
    return False


# --- words every match holds: "(?:ақпараттық|цифрлық)\\s+(?:жүйе\\w*|…)" ---------------------
#
# A pattern that begins with a space or a common letter is tried all along a sentence; yet
# most of its matches need one of a few words ("ақпараттық", "цифрлық"), and a sentence that
# holds none of them has no match. ``str.__contains__`` looks for each far faster.

# A case-insensitive pattern's words are compared with the case-folded text: a character
# ``re.IGNORECASE`` matches with a small Cyrillic letter case-folds to it
# (tests/test_fast_paths.py checks every code point), which is not so for every letter ("ı").
_SMALL_CYRILLIC = re.compile(r"[\u0400-\u04FF]+")
# More words than this (every case form of a noun) are not looked for one by one.
_MAX_FACTORS = 32


@lru_cache(maxsize=512)
def literal_factors(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``pattern`` holds (in a case-insensitive
    pattern, small Cyrillic words, to be looked for in the case-folded text), or None when
    none can be told. Of the sets the pattern's parts give, the one whose shortest string
    is longest."""
    folds = bool(pattern.flags & re.IGNORECASE)
    found = _factors(sre_parse.parse(pattern.pattern, pattern.flags).data, folds)
    return tuple(sorted(found)) if found else None


def lacks_factors(pattern: re.Pattern[str], text: str, folded: str | None = None) -> bool:
    """True when ``text`` holds none of :func:`literal_factors` (so ``pattern`` has no
    match in it); False when it holds one or none are known. ``folded``: ``text``
    case-folded, where the caller has it."""
    factors = literal_factors(pattern)
    if factors is None:
        return False
    if pattern.flags & re.IGNORECASE:
        text = text.casefold() if folded is None else folded
    # (``map`` of the bound method: no generator frame per word.)
    return not any(map(text.__contains__, factors))


def _factors(items: Any, folds: bool) -> set[str] | None:
    """The best set of strings one of which every match of the parsed sequence holds."""
    best: set[str] | None = None

    def consider(candidate: set[str] | None) -> None:
        nonlocal best
        if not candidate or len(candidate) > _MAX_FACTORS \
                or not all(_usable(s, folds) for s in candidate):
            return
        if best is None or min(map(len, candidate)) > min(map(len, best)):
            best = candidate

    run: list[str] = []
    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            consider({"".join(run)})
            run = []
        if op is sre.SUBPATTERN:
            if folds and arg[2] & re.IGNORECASE and not arg[1] & re.IGNORECASE:
                # "(?-i:Приложение)" in a case-insensitive pattern: its words as written,
                # which the case-folded text holds case-folded (``str.casefold`` folds
                # character by character).
                inner = _factors(_data(arg[-1]), False)
                consider({s.casefold() for s in inner} if inner else None)
                continue
            if (arg[1] | arg[2]) & re.IGNORECASE:
                continue  # "(?i:…)" in a case-sensitive pattern: another case rule inside
            consider(_factors(_data(arg[-1]), folds))
        elif op is sre.BRANCH:
            alternatives = [_factors(_data(a), folds) for a in arg[1]]
            if all(alternatives):
                consider(set().union(*alternatives))  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[0] >= 1:
            consider(_factors(_data(arg[2]), folds))
        # Anything else (a class, a category, a look-around, an optional part) holds no
        # string every match has; it ends the run of literal characters before it.
    if run:
        consider({"".join(run)})
    return best


def _usable(s: str, folds: bool) -> bool:
    return not folds or (_SMALL_CYRILLIC.fullmatch(s) is not None and s.islower())
