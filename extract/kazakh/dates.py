"""Kazakh dates in legal text, turned into ISO dates.

These shapes are found, by spaCy ``Matcher`` patterns over a blank Kazakh ``Doc``:

* "2018 жылғы 12 шілдедегі" — year, "жылғы"/"жылы", day (maybe quoted: "12", «12»), and a
  month word with any case ending ("шілдеден", "тамызда"). Line breaks may fall anywhere
  between the parts (text extracted from PDFs breaks lines freely).
* "07.02.2020", optionally followed by "ж." or "жылғы" — one token.
* "1997 жылғы наурыздың 3-гі" — older texts: month in the genitive, then the day's ordinal
  (or the bare day: "2002 жылғы маусымның 24");
  and "2004 жылғы 16-ақпандағы", the day hyphened to the month.
* "\"6\" желтоқсан 2005 жылғы" — the day first (maybe quoted), the month word, then the year
  with "жылғы"/"жылы", as some appendix stamps write it.

A month word within one edit of a month stem ("қантардағы" for қаңтар) is read, and the
misspelling is reported in ``problem``. A date that does not exist ("31 ақпан",
"32.01.2020", month 13) gets ``iso = None`` and a ``problem``.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from shezhire.extract.lexicon import from_lexicon, lexicon, words_regex

from . import doc_text, find_in_pieces, kazakh_doc, kazakh_nlp, match_from


@from_lexicon
def month_stems() -> dict[str, int]:
    """Month stems and their numbers, with the stem a vowel-initial suffix joins
    ("қыркүйек", "қыркүйег": "қыркүйегінде")."""
    lx = lexicon("kk")
    stems: dict[str, int] = {}
    for month, stem in enumerate(lx.months, start=1):
        stems[stem] = month
        if lx.morphology is not None:
            stems.setdefault(lx.morphology.before_vowel(stem), month)
    return stems


@from_lexicon
def _month_ending() -> re.Pattern[str]:
    """Endings a month word takes: possessive, then a case ("-дағы", "-да", "-дан", "-ға"...).

    A misspelled stem is only accepted with one of these after it, so that a word that
    merely starts like a month ("қазақ..." ~ "қазан") is not read as one.
    """
    lx = lexicon("kk")
    cases = ("genitive", "accusative", "dative", "locative", "ablative",
             "locative_attributive")
    return re.compile(rf"{words_regex(lx.endings('possessive'))}?{words_regex(lx.endings(*cases))}?")


_FOUR_DIGITS = re.compile(r"\d{4}")
# Every place four digits begin, overlapping too. (The patterns below begin with the digit
# they stand at, so the regex engine scans for digits; a pattern that begins with a look-around
# is tried at every place. Each match's start is the place.)
_YEAR_AT = re.compile(r"\d(?=\d{3})")
# Where a day-first date may begin: a day of one or two digits, a year close after it.
_DAY_AT = re.compile(r"\d(?<!\d\d)(?=\d?(?!\d)\D{1,24}?\d{4})")


@from_lexicon
def _short_year_at() -> re.Pattern[str]:
    """Where an older text's date with a two-digit year begins: "06.05.98 ж.", "06.08.98ж.".
    Only before a year word: "1.2.15" alone may be a point's number."""
    year = words_regex(w.rstrip(".") for w in lexicon("kk").words("dates.year_words"))
    return re.compile(rf"(?<![\d.])\d(?=\d?\.\d{{1,2}}\.\d{{2}}(?!\d)\s*{year})")


_QUOTES = ['"', "«", "»", "“", "”", "„", "'"]
_SPACE: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}
_QUOTE: dict[str, Any] = {"ORTH": {"IN": _QUOTES}, "OP": "?"}



def _worded_date_pattern() -> list[dict[str, Any]]:
    """Year, "жылғы", day, month word. The month slot takes any word; ``read_month`` then
    decides, because spaCy's FUZZY compares whole tokens and Kazakh months carry suffixes."""
    return [
        {"TEXT": {"REGEX": r"^\d{4}$"}},
        _SPACE,
        {"LOWER": {"IN": list(lexicon("kk").words("dates.year_words"))}},
        _SPACE,
        _QUOTE,
        {"TEXT": {"REGEX": r"^\d{1,2}$"}},
        _QUOTE,
        _SPACE,
        {"IS_ALPHA": True, "LENGTH": {">=": 4}},
    ]


def _month_first_date_pattern() -> list[dict[str, Any]]:
    """Older texts put the month first, in the genitive, and the day as an ordinal: "1997
    жылғы наурыздың 3-гі", "2001 жылғы қарашаның 20-дағы"."""
    return [
        {"TEXT": {"REGEX": r"^\d{4}$"}},
        _SPACE,
        {"LOWER": {"IN": list(lexicon("kk").words("dates.year_words"))}},
        _SPACE,
        {"IS_ALPHA": True, "LENGTH": {">=": 4}},
        _SPACE,
        {"TEXT": {"REGEX": r"^\d{1,2}-[^\W\d_]{1,5}$"}},
    ]


def _month_first_bare_day_pattern() -> list[dict[str, Any]]:
    """The month in the genitive and the day without its ending, as some appendix stamps
    write it: "2002 жылғы маусымның 24 шешіміне"."""
    genitive = words_regex(lexicon("kk").endings("genitive"))
    return [
        {"TEXT": {"REGEX": r"^\d{4}$"}},
        _SPACE,
        {"LOWER": {"IN": list(lexicon("kk").words("dates.year_words"))}},
        _SPACE,
        {"IS_ALPHA": True, "LENGTH": {">=": 6}, "LOWER": {"REGEX": rf"{genitive}$"}},
        _SPACE,
        {"TEXT": {"REGEX": r"^\d{1,2}$"}},
    ]


def _hyphened_date_pattern() -> list[dict[str, Any]]:
    """The day joined to the month by a hyphen: "2004 жылғы 16-ақпандағы"."""
    return [
        {"TEXT": {"REGEX": r"^\d{4}$"}},
        _SPACE,
        {"LOWER": {"IN": list(lexicon("kk").words("dates.year_words"))}},
        _SPACE,
        {"TEXT": {"REGEX": r"^\d{1,2}-[^\W\d_]{4,}$"}},
    ]


def _day_first_date_pattern() -> list[dict[str, Any]]:
    """Day, month word, year, "жылғы": "\"6\" желтоқсан 2005 жылғы N 24-165"."""
    return [
        _QUOTE,
        {"TEXT": {"REGEX": r"^\d{1,2}$"}},
        _QUOTE,
        _SPACE,
        {"IS_ALPHA": True, "LENGTH": {">=": 4}},
        _SPACE,
        {"TEXT": {"REGEX": r"^\d{4}$"}},
        _SPACE,
        {"LOWER": {"IN": list(lexicon("kk").words("dates.year_words"))}},
    ]


def _numeric_date_pattern() -> list[dict[str, Any]]:
    """dd.mm.yyyy, and the year-first yyyy.mm.dd of older database notes ("2013.02.05")."""
    return [
        {"TEXT": {"REGEX": r"^(?:\d{1,2}\.\d{1,2}\.\d{4}|\d{4}\.\d{1,2}\.\d{1,2})$"}},
        {"LOWER": {"IN": list(lexicon("kk").words("dates.year_words"))}, "OP": "?"},
    ]


def _short_year_patterns() -> list[list[dict[str, Any]]]:
    """dd.mm.yy before its year word, as older texts write it: "06.05.98 ж.", and glued to
    the word's letter, "06.08.98ж."."""
    year_words = lexicon("kk").words("dates.year_words")
    glued = words_regex(w.rstrip(".") for w in year_words)
    return [
        [{"TEXT": {"REGEX": r"^\d{1,2}\.\d{1,2}\.\d{2}$"}}, {"LOWER": {"IN": list(year_words)}}],
        [{"LOWER": {"REGEX": rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{2}}{glued}$"}}, {"ORTH": ".", "OP": "?"}],
    ]


@dataclass(frozen=True)
class DateMention:
    """A date found in text.

    ``start``/``end`` are character offsets into the input and ``text`` is that slice.
    ``iso`` is "YYYY-MM-DD", or None when the date does not exist. ``problem`` is a
    one-line description of anything doubtful (misspelled month, impossible day), else None.
    """

    start: int
    end: int
    text: str
    iso: str | None
    problem: str | None


@dataclass(frozen=True)
class MonthReading:
    """What a month word says: the month, its stem, and whether it was misspelled."""

    month: int
    stem: str
    misspelled: bool


def _edit_distance_at_most_one(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def read_month(word: str) -> MonthReading | None:
    """The month a Kazakh month word names ("шілдедегі" -> 7), else None."""
    lower = word.lower()
    stems = month_stems()
    for stem, month in stems.items():
        if lower.startswith(stem):
            return MonthReading(month, stem, misspelled=False)
    ending_re = _month_ending()
    for stem, month in stems.items():
        for length in (len(stem) - 1, len(stem), len(stem) + 1):
            head, ending = lower[:length], lower[length:]
            if _edit_distance_at_most_one(head, stem) and ending_re.fullmatch(ending):
                return MonthReading(month, stem, misspelled=True)
    return None


@from_lexicon
def _date_matcher() -> Matcher:
    matcher = Matcher(kazakh_nlp().vocab)
    matcher.add("WORDED_DATE", [_worded_date_pattern()], greedy="LONGEST")
    matcher.add("NUMERIC_DATE", [_numeric_date_pattern(), *_short_year_patterns()],
                greedy="LONGEST")
    matcher.add("MONTH_FIRST_DATE", [_month_first_date_pattern(), _month_first_bare_day_pattern()],
                greedy="LONGEST")
    matcher.add("HYPHENED_DATE", [_hyphened_date_pattern()], greedy="LONGEST")
    return matcher


@from_lexicon
def _day_first_matcher() -> Matcher:
    matcher = Matcher(kazakh_nlp().vocab)
    matcher.add("DAY_FIRST_DATE", [_day_first_date_pattern()], greedy="LONGEST")
    return matcher


def _make_mention(
    span: Span, year: int, month: int, day: int, problems: list[str]
) -> DateMention:
    iso: str | None = None
    if year < 1:
        problems.append(f"year {year} does not exist")
    elif not 1 <= month <= 12:
        problems.append(f"month {month} does not exist")
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        problems.append(f"day {day} does not exist in month {month:02d} of {year}")
    else:
        iso = f"{year:04d}-{month:02d}-{day:02d}"
    return DateMention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        iso=iso,
        problem="; ".join(problems) or None,
    )


def _worded_date(span: Span) -> DateMention | None:
    month_word = span[-1].text
    reading = read_month(month_word)
    if reading is None:
        return None  # "2017 жылғы 1 қаулысының": a number, but no month follows
    numbers = [token.text for token in span if token.text.isdigit()]
    year, day = int(numbers[0]), int(numbers[1])
    problems = []
    if reading.misspelled:
        problems.append(f"month word {month_word!r} is a misspelling of {reading.stem!r}")
    return _make_mention(span, year, reading.month, day, problems)


def _month_first_date(span: Span) -> DateMention | None:
    words = [t for t in span if not t.is_space]
    if len(words) == 3:  # "2004 жылғы 16-ақпандағы"
        day_text, month_word = words[2].text.split("-", 1)
    else:
        day_text, month_word = words[3].text.split("-")[0], words[2].text
    reading = read_month(month_word)
    if reading is None:
        return None
    year, day = int(words[0].text), int(day_text)
    problems = []
    if reading.misspelled:
        problems.append(f"month word {month_word!r} is a misspelling of {reading.stem!r}")
    return _make_mention(span, year, reading.month, day, problems)


def _day_first_date(span: Span) -> DateMention | None:
    words = [t for t in span if not t.is_space and t.text not in _QUOTES]
    month_word = words[1].text
    reading = read_month(month_word)
    if reading is None:
        return None
    day, year = int(words[0].text), int(words[2].text)
    problems = []
    if reading.misspelled:
        problems.append(f"month word {month_word!r} is a misspelling of {reading.stem!r}")
    return _make_mention(span, year, reading.month, day, problems)


def _numeric_date(span: Span) -> DateMention:
    parts = [int(part) for part in re.findall(r"\d+", span[0].text)]
    day, month, year = reversed(parts) if parts[0] > 999 else parts
    if year < 100:  # "98" is 1998, "03" 2003: the database's acts start in 1990
        year += 1900 if year >= 50 else 2000
    return _make_mention(span, year, month, day, [])


def year_places(text: str) -> list[int]:
    """Where a date read from its year may begin: four digits, or an older dd.mm.yy before
    its year word (the matcher is run from these places only)."""
    return sorted([m.start() for m in _YEAR_AT.finditer(text)]
                  + [m.start() for m in _short_year_at().finditer(text)])


def doc_to_dates(doc: Doc) -> list[DateMention]:
    """Dates in a Doc made by ``kazakh_nlp()`` (the matchers share its vocab)."""
    # Both patterns begin with a token holding four digits (a year, or a numeric date) and
    # hold at most six words: year, "жылғы", quote, day, quote, month.
    text = doc_text(doc)
    years = year_places(text)
    # A day-first date ("«6» желтоқсан 2005 жылғы") begins at its day: quote, day, quote,
    # month, year, year word.
    days = (m.start() for m in _DAY_AT.finditer(text))
    # (Only a real month word makes one: "3 бойынша 2005 жылғы" must not hide the date after.)
    day_first = [s for s in match_from(_day_first_matcher(), doc, days, 6)
                 if _day_first_date(s) is not None]
    spans = filter_spans(match_from(_date_matcher(), doc, years, 6) + day_first)
    mentions: list[DateMention] = []
    for span in spans:
        label = doc.vocab.strings[span.label]
        if label == "NUMERIC_DATE":
            mentions.append(_numeric_date(span))
        elif label == "DAY_FIRST_DATE":
            day_mention = _day_first_date(span)
            if day_mention is not None:
                mentions.append(day_mention)
        elif label in ("MONTH_FIRST_DATE", "HYPHENED_DATE"):
            month_first = _month_first_date(span)
            if month_first is not None:
                mentions.append(month_first)
        else:
            mention = _worded_date(span)
            if mention is not None:
                mentions.append(mention)
    return mentions


def find_dates(text: str) -> list[DateMention]:
    """Every date in ``text``, in text order, with exact character spans."""
    if _FOUR_DIGITS.search(text) is None and _short_year_at().search(text) is None:
        return []  # every pattern needs a year: four digits, or two before a year word
    return find_in_pieces(text, _dates_in, "dates")


def find_dates_in_act(text: str) -> list[DateMention]:
    """:func:`find_dates` of a whole act, read in stretches whatever its length.

    The same dates (see :func:`_date_stretches`). A short text's own Doc is worth making
    when other finders read the same text; an act's whole text is read for its dates alone
    (the check for impossible dates), and only its stretches with a year need tokenizing.
    """
    if _FOUR_DIGITS.search(text) is None and _short_year_at().search(text) is None:
        return []
    return find_in_pieces(text, _dates_in_stretches, "dates")


# A text longer than this is read in stretches (see _date_stretches).
_LONG = 4000
# A run of whitespace holding a line end; six words from a place.
_LINE_BREAK = re.compile(r"\s*\n\s*")
_SIX_WORDS = re.compile(r"\S+(?:\s+\S+){5}")


def _dates_in(text: str) -> list[DateMention]:
    if len(text) <= _LONG:
        return doc_to_dates(kazakh_doc(text))
    return _dates_in_stretches(text)


def _dates_in_stretches(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    for offset, stretch in _dated_stretches(text):
        found += [dataclasses.replace(d, start=d.start + offset, end=d.end + offset)
                  for d in doc_to_dates(kazakh_doc(stretch))]
    return found


def _date_stretches(text: str) -> list[tuple[int, str]]:
    """``text`` cut after line ends that no date can span, as (offset, stretch) pieces.

    A whole act read as one Doc is tokenized at its full cost (after its first line end spaCy
    caches no piece of it) and matched from every year; cut into stretches, only those with
    four digits are tokenized. Same dates: the tokenizer splits at whitespace, so a stretch
    cut after a run of whitespace gets the whole text's tokens; and every date lies within
    six words of its year or day (doc_to_dates), each word at least one run of non-space
    characters, so a cut six such runs past the last place a date may begin cuts none.
    """
    return [(start, text[start:end]) for start, end in pairwise(_date_cuts(text, *_places(text)))]


def _dated_stretches(text: str) -> list[tuple[int, str]]:
    """The stretches of :func:`_date_stretches` that hold four digits or a two-digit year's
    date (``_FOUR_DIGITS``, ``_short_year_at``): the only ones a date can be read in.

    Told from the places found in the whole text, not by searching each stretch: a stretch
    starts after whitespace and, but for the last, ends with it, so four digits lie within
    one stretch, and each look-around of the two-digit year's pattern sees there what it
    sees in the whole text (no cut falls within six words of such a place)."""
    years, days, short_years = _places(text)
    dated = sorted(years + short_years)
    out: list[tuple[int, str]] = []
    for start, end in pairwise(_date_cuts(text, years, days, short_years)):
        at = bisect_left(dated, start)
        if at < len(dated) and dated[at] < end:
            out.append((start, text[start:end]))
    return out


def _places(text: str) -> tuple[list[int], list[int], list[int]]:
    """Where four digits, a day-first date's day and a two-digit year's date begin."""
    return ([m.start() for m in _YEAR_AT.finditer(text)],
            [m.start() for m in _DAY_AT.finditer(text)],
            [m.start() for m in _short_year_at().finditer(text)])


def _date_cuts(text: str, years: list[int], days: list[int], short_years: list[int]) -> list[int]:
    """The offsets :func:`_date_stretches` cuts ``text`` at, its start and end included."""
    places = sorted(years + days + short_years)
    cuts = [0]
    # Where the sixth word from a place ends (once per place: a place followed by many
    # line ends is not read again for each).
    reach: dict[int, int] = {}
    for m in _LINE_BREAK.finditer(text):
        if m.start() == 0 or m.end() == len(text):
            continue
        last = bisect_left(places, m.start()) - 1
        if last >= 0:
            place = places[last]
            if place not in reach:
                words = _SIX_WORDS.match(text, place)
                reach[place] = words.end() if words is not None else len(text)
            if reach[place] > m.start():
                continue  # a date from there may reach past this line end
        cuts.append(m.end())
    cuts.append(len(text))
    return cuts


def parse_date(text: str) -> DateMention | None:
    """The first date in ``text`` ("2018 жылғы 12 шілдедегі № 193"), or None."""
    dates = find_dates(text)
    return dates[0] if dates else None
