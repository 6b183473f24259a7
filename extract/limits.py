"""How much one act file may hold: every limit in one place, checked before the work.

An act is at most a few MB of text with a few thousand points; a file far beyond that is
damaged, machine-made or hostile, and reading it would only cost time and memory. Each limit
is checked on the file's bytes or on the reader's text *before* the costly stages (parsing,
cleaning, spaCy), and a file over one is refused with one line naming the limit, so the other
files of a run are still extracted.

=====================  =============  ===================================================
name                   default        what is counted
=====================  =============  ===================================================
``file_bytes``         52,428,800     bytes of the file (50 MiB)
``text_chars``         5,000,000      characters of the text the reader returns
``line_chars``         1,000,000      characters of one line of that text
``word_chars``         1,000          characters of one word (a run without whitespace)
``points``             20,000         lines that start with a point number ("12." "3)")
``nesting_depth``      1,000          elements nested in an HTML page, levels in Markdown
``pdf_pages``          2,000          pages of a PDF
``pdf_stream_bytes``   268,435,456    bytes a PDF's compressed streams inflate to (256 MiB)
=====================  =============  ===================================================

Change them with the environment variable ``SHEZHIRE_LIMITS``, a comma-separated list of
``name=value`` (digits, ``_`` allowed), e.g. ``SHEZHIRE_LIMITS=points=100000,word_chars=5000``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from shezhire.extract.errors import ShezhireError

ENVIRONMENT_VARIABLE = "SHEZHIRE_LIMITS"


@dataclass(frozen=True)
class Limits:
    """The limits in force (see the module's table)."""

    file_bytes: int = 50 * 1024 * 1024
    text_chars: int = 5_000_000
    line_chars: int = 1_000_000
    word_chars: int = 1_000
    points: int = 20_000
    nesting_depth: int = 1_000
    pdf_pages: int = 2_000
    pdf_stream_bytes: int = 256 * 1024 * 1024


class LimitsSettingError(ShezhireError):
    """``SHEZHIRE_LIMITS`` names an unknown limit or a value that is not a whole number."""


def current_limits() -> Limits:
    """The defaults, with what ``SHEZHIRE_LIMITS`` changes."""
    return _parse(os.environ.get(ENVIRONMENT_VARIABLE, ""))


@lru_cache(maxsize=8)
def _parse(setting: str) -> Limits:
    names = {f.name for f in dataclasses.fields(Limits)}
    changes: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in setting.split(","))):
        name, _, value = item.partition("=")
        name = name.strip()
        if name not in names:
            raise LimitsSettingError(f"{ENVIRONMENT_VARIABLE}: unknown limit {name!r} (the limits "
                                     f"are {', '.join(sorted(names))})")
        try:
            number = int(value.strip())
        except ValueError:
            raise LimitsSettingError(f"{ENVIRONMENT_VARIABLE}: {name} must be a whole number, "
                                     f"not {value.strip()!r}") from None
        if number < 1:
            raise LimitsSettingError(f"{ENVIRONMENT_VARIABLE}: {name} must be at least 1")
        changes[name] = number
    return Limits(**changes)


def over_limit(what: str, count: int, unit: str, name: str, limit: int) -> str:
    """The one-line problem for ``count`` over the limit ``name``."""
    return (f"{what} ({count:,} {unit}; the limit is {limit:,}, "
            f"{ENVIRONMENT_VARIABLE}={name}=N changes it)")


def text_over_limits(text: str, limits: Limits) -> str | None:
    """The problem with a reader's ``text`` (total length, longest word, number of points),
    or None; linear in the text's length."""
    if len(text) > limits.text_chars:
        return over_limit("text too long", len(text), "characters", "text_chars",
                          limits.text_chars)
    # The longest run of non-spaces first (str.split parts at what "\s" matches): only a
    # text that has one over the limit is searched for where it starts.
    word = _long_word(limits.word_chars).search(text) \
        if max(map(len, text.split()), default=0) > limits.word_chars else None
    if word is not None:
        end = word.end()
        while end < len(text) and not text[end].isspace():
            end += 1
        line = text.count("\n", 0, word.start()) + 1
        return over_limit(f"a word on line {line:,} is too long", end - word.start(),
                          "characters", "word_chars", limits.word_chars)
    points = sum(1 for _ in _POINT_NUMBER.finditer(text))
    if points > limits.points:
        return over_limit("too many numbered points", points, "lines", "points", limits.points)
    return None


# A line that starts with a point's or a subpoint's number: "12.", "3)", "1.2.".
_POINT_NUMBER = re.compile(r"^[ \t]*\d{1,9}(?:\.\d{1,9})*[.)](?!\S)", re.MULTILINE)


@lru_cache(maxsize=8)
def _long_word(limit: int) -> re.Pattern[str]:
    # From a word's start only (the look-behind): each word is scanned once, not once per
    # letter, so the search stays linear.
    return re.compile(rf"(?<!\S)\S{{{limit + 1}}}")
