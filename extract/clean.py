"""Cleaning: from a reader's text to paragraphs, one per line.

The stage repairs the usual damage of text taken from the database's PDFs and pages, in an
order where each rule sees the evidence it needs (line ends and holes are gone once lines are
joined). Every rule is written for any act, and running the whole step twice gives the same
text: the output has no indentation, no blank lines and no holes, so no rule fires again.

    normalise_characters → tabs_between_words → drop_page_furniture → collapse_letter_spacing
    → repair_displaced_links
    → restore_link_words (extract/link_words.py) → separate_status_labels → lines_to_paragraphs
    → run_on_to_paragraphs (extract/paragraphs.py) → tidy_paragraphs

Where the evidence for a repair is not clear, the text is left as it is and a finding says so.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from shezhire.extract.first_chars import search_at_end
from shezhire.extract.lexicon import (
    Lexicon,
    from_lexicon,
    lexicon,
    lexicons,
    phrases_regex,
    words_regex,
)
from shezhire.extract.link_words import LinkNote, restore_link_words
from shezhire.extract.mapped import MappedText, offsets
from shezhire.extract.paragraphs import opens_note, run_on_to_paragraphs

# Latin letters that print like Cyrillic ones. Inside a word that is otherwise Cyrillic they
# are typing or OCR slips ("жергiлiктi" with Latin i); a word of Latin letters only (a URL,
# "II" topтағы) is left alone.
_LOOKALIKES = str.maketrans({
    "i": "і", "I": "І", "a": "а", "A": "А", "e": "е", "E": "Е", "o": "о", "O": "О",
    "p": "р", "P": "Р", "c": "с", "C": "С", "x": "х", "X": "Х", "y": "у", "Y": "Ү",
    "H": "Н", "K": "К", "M": "М", "T": "Т", "B": "В", "h": "һ",
})
# What _mixed_words finds (a word of Cyrillic and Latin letters), without trying it at every word.
_MIXED_WORD = re.compile(r"\b(?=\w*[\u0400-\u04FF])(?=\w*[A-Za-z])[\w]+\b")
# A Roman numeral typed with Cyrillic look-alikes among its Latin letters ("IІI сессиясы",
# "№ 65/10-ІV"): all Latin, so it is one numeral however it was typed. A numeral of
# Cyrillic letters only ("ІІ топ") is left as it is: nothing says it is not a word.
_MIXED_NUMERAL = re.compile(r"(?<![^\W\d_])(?=[IVXLCM]*[ІХСМ])(?=[ІХСМ]*[IVXLCM])"
                            r"[IVXLCMІХСМ]+(?![^\W\d_])")
_LATIN_NUMERAL_LETTER = re.compile(r"[IVXLCM]")  # without one, no mixed numeral
_NUMERAL_LATIN = str.maketrans({"І": "I", "Х": "X", "С": "C", "М": "M"})
# Curly quotes become straight ones now; « and » keep their direction until the lone quotes
# are attached to their words (``tidy_paragraphs``), then become straight too.
_QUOTES = re.compile(r"[“”„‟″]")
_GUILLEMETS = re.compile(r"[«»]")
_SPACES = re.compile(r"[\u00A0\u2000-\u200A\u202F\u205F\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200B-\u200D\u2060\uFEFF\u00AD]")
# These begin with a character, their look-behind after it (" (?<=\S )" is "(?<=\S) "):
# the regex engine then scans for that character instead of trying the look-behind at
# every place of the text.
_SPACED_DASH = re.compile(r" (?<=\S ) *[‐‑‒–—―−-]+ +(?=\S)")
_WORD_HYPHEN = re.compile(r"[‐‑‒](?<=\w[‐‑‒])(?=\w)")
_NUMBER_SPACE = re.compile(r"№(?=\d)")

_TERMINAL = tuple(".:;!?")


@from_lexicon
def status_labels() -> tuple[str, ...]:
    """The database's status labels, which stand alone on their line above the header
    sentence, in every language (a Kazakh page may carry the Russian one)."""
    return tuple(label for lx in lexicons() for labels in lx.labels("status_labels").values()
                 for label in labels)


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The cleaner's patterns, from the lexicon."""
    lx = lexicon("kk")
    # Hyperlinked words of a citation that a PDF extractor printed at the end of the line:
    # a number sign and number, an article/point reference, or an act-type noun.
    linked = [*(s for n in lx.act_types for s in n.stems),
              *(s for w in lx.words("clean.linked_words") for s in _stems(w))]
    link_word = words_regex(linked) + r"\w*"
    sign = f"[{lx.word('letters.number_sign_lookalikes')}]"
    headings = [s for key in ("chapter", "section", "paragraph") for s in lx.part_word(key).stems]
    appendix = lx.part_word("appendix").stems_regex()
    # A label's words may be parted by any spacing a copy left ("Күшін\tжойған").
    labels = [re.escape(label).replace(r"\ ", r"[ \t]+")
              for label in sorted(status_labels(), key=len, reverse=True)]
    upper = "".join(dict.fromkeys(x.upper() for x in lexicons()))
    lower = "".join(dict.fromkeys(x.lower() for x in lexicons()))
    # A signer's name, initials first ("Е. Саденов", "В.А. Долженков").
    name = rf"[{upper}]\.\s?(?:[{upper}]\.\s?)?[{upper}][{lower}]+"
    return {
        # "N 2/516", "N2/512": the database types a Latin (or Cyrillic) N for "№".
        # The sign first, its look-behind after it: a fast scan (see _SPACED_DASH).
        "number_sign": re.compile(rf"{sign}(?<![\w.]{sign})(?=[ \n]?\d)"),
        "link_phrase": re.compile(
            rf"(?:№ ?\d[\w/\-]*|\d[\d\-]*(?:-|\s)?{link_word}|(?<![\w-]){link_word})$",
            re.IGNORECASE),
        # The last character of every link phrase: a line that ends otherwise (most end
        # with "." or ";") holds none, and is not searched for one from each of its places.
        "link_end": re.compile(rf"[\w/\-{''.join(sorted({re.escape(w[-1]) for w in linked}))}]",
                               re.IGNORECASE),
        # A line that goes on with the sentence above: a small letter, a digit, a closing
        # mark, or a quote that closes ('" Қазақстан'); a quote glued to its word opens a
        # new title.
        # A name's words in an oblique case go on with the word before them, capitalised as
        # they are ("… приказом Министра юстиции / Республики Казахстан от …").
        "continues": re.compile(rf'[a-z{lx.lower()}0-9(),.;:\-–]|"[\s,.;:)]'
                                rf"|{phrases_regex(_every('clean.continuing_names'))}(?!\w)"),
        # Lines that close a block of their own: an approval stamp, an appendix's label
        # ("… № 531 қаулысына / қосымша").
        "block_end": re.compile(
            rf"({words_regex(lx.words('structure.stamp_words'))}"
            # The appendix word alone on its line or after the act it belongs to ("… № 46-260
            # шешімнің қосымшасы") ends a label; after another word it may be the adverb
            # ("құжатты қосымша / ұсынады").
            rf"|(?:^\s*|(?<!\w){words_regex(s for n in lx.act_types for s in n.stems)}\w*\s+)"
            rf"{phrases_regex(lx.words('self_facts.stamp_tails'))}"
            rf"|\d\s*-?\s*{appendix}"
            rf"|{words_regex(lx.words('structure.form_words'))})\s*$", re.IGNORECASE),
        # At a line's start, or after the title when a copy ran the page's lines together.
        "glued_label": re.compile(
            r"(?P<lead>^[ \t]*|(?<=\S)[ \t]+)(?P<label>" + "|".join(labels)
            + rf")(?=[A-Z{lx.upper()}\"«])", re.MULTILINE),
        "any_label": re.compile("|".join(labels)),
        # A label alone on its line, its words parted by tabs ("Күшін\tжойған").
        "lone_label": re.compile(r"(?P<lead>^[ \t]*)(?P<label>" + "|".join(labels) + r")[ \t]*$",
                                 re.MULTILINE),
        # A label of two words ("Күшін жойған") after a word with no closing mark and before a
        # capital: a title and the header run together around it, not a sentence's words.
        "spaced_label": re.compile(
            r"(?P<lead>^[ \t]*|(?<=[^\s.;:!?])[ \t]+)(?P<label>"
            + "|".join(label for label in labels if "[ \\t]+" in label)
            + rf")[ \t]+(?=[A-Z{lx.upper()}\"«])", re.MULTILINE),
        "heading_start": re.compile(rf"(?:\d+(?:-\d+)*-{words_regex(headings)}|\d+(?:-\d+)*\.\s)",
                                    re.IGNORECASE),
        "conjunction": re.compile(rf"{_conjunctions(lx)}(?!\w)"),
        # A signer's position alone on its line ("Облыс Әкімі", "Байторысай ауылдық
        # округінің әкімі |", "Министр юстиции Республики Казахстан"): a body or office word,
        # and the position's last word ends the line (a table's cell mark, the signer's
        # name may stand after it), as extract/self_facts.py reads a signature.
        "signer": re.compile(rf"\b{phrases_regex(_every('self_facts.signer_bodies'))}",
                             re.IGNORECASE),
        "signer_line_end": re.compile(
            rf"\b(?i:{phrases_regex(_every('self_facts.signer_ends'))})(?!\w)"
            rf"(?:[\s|]+{name})?[\s|]*$"),
        # A line that is only the signer's name: "А. Ажниязова |", "Тауекелов Р.С.".
        "name_line": re.compile(rf"^{name}[\s|]*$|^[{upper}][{lower}]+\s[{upper}]\.(?:\s?[{upper}]\.)?[\s|]*$"),
    }


def _every(key: str) -> list[str]:
    """The words of ``key`` in every language's lexicon."""
    return [w for lx in lexicons() for w in lx.words(key)]


def _conjunctions(lx: Lexicon) -> str:
    return words_regex(w for group in lx.labels("conjunctions").values() for w in group)


def _stems(word: str) -> tuple[str, ...]:
    morphology = lexicon("kk").morphology
    return (word, morphology.before_vowel(word)) if morphology is not None else (word,)
_HOLE = re.compile(r"(?<=\S)(?: {2,}| (?=[,.;]))(?=\S)")


@dataclass
class CleanFinding:
    """A problem the cleaner saw, located in the cleaner's input (source offsets)."""

    kind: str
    message: str
    source_start: int
    source_end: int


@dataclass
class CleanResult:
    text: MappedText
    findings: list[CleanFinding] = field(default_factory=list)


def clean_text(text: MappedText) -> CleanResult:
    """Run every cleaning rule in order; safe to run again on its own output."""
    findings: list[CleanFinding] = []
    text = tabs_between_words(normalise_characters(text))
    text = drop_page_furniture(text, findings)
    text = collapse_letter_spacing(text, findings)
    text = repair_displaced_links(text, findings)
    notes: list[LinkNote] = []
    text = restore_link_words(text, notes)
    # Words the line ends could not place but the citation's shape did: the line rule's
    # "left as printed" no longer holds (the same words end where the repair's words end).
    restored = {n.source_end for n in notes if n.kind == "displaced_link_text_restored"}
    findings[:] = [f for f in findings
                   if not (f.kind == "displaced_link_text" and f.source_end in restored)]
    findings.extend(CleanFinding(*note) for note in notes)
    text = separate_status_labels(text)
    text = lines_to_paragraphs(text)
    text = run_on_to_paragraphs(text)
    text = tidy_paragraphs(text)
    # Joining lines brings dashes and signs between words that were at a line's end.
    text = normalise_characters(text)
    return CleanResult(text, findings)


# --- characters -------------------------------------------------------------------------------

def normalise_characters(text: MappedText) -> MappedText:
    """Quotes, dashes, "№", look-alike letters and odd spaces, one character for one."""
    text = text.sub(_ZERO_WIDTH, "")
    text = text.sub(_SPACES, " ")
    text = text.sub(_QUOTES, '"')
    text = text.sub(_SPACED_DASH, " – ")
    text = text.sub(_WORD_HYPHEN, "-")
    text = text.sub(_words()["number_sign"], "№")
    text = text.sub(_NUMBER_SPACE, "№ ")
    # Before the stages that read citations (a run-on line's stamps), not only when tidying.
    text = text.sub(_SPACED_NUMBER_SLASH, r"\1/")
    if _LATIN_NUMERAL_LETTER.search(text.text):
        text = text.sub(_MIXED_NUMERAL, lambda m: m.group(0).translate(_NUMERAL_LATIN))
    edits = [(start, end, word.translate(_LOOKALIKES)) for start, end in _mixed_words(text.text)
             if (word := text.text[start:end]).translate(_LOOKALIKES) != word]
    return text.edit(edits) if edits else text


_LATIN_RUN = re.compile(r"[A-Za-z]+")
_WORD_REST = re.compile(r"\w*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _mixed_words(text: str) -> list[tuple[int, int]]:
    """The spans ``_MIXED_WORD.finditer(text)`` gives, found from the text's Latin letters
    (few) rather than by trying the pattern at every word: each word (a run of ``\\w``)
    that holds a Latin letter and, in it or just after it, a Cyrillic one."""
    spans: list[tuple[int, int]] = []
    end = 0
    for latin in _LATIN_RUN.finditer(text):
        if latin.start() < end:
            continue  # in the word just read
        start = latin.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        rest = _WORD_REST.match(text, latin.end())
        end = rest.end() if rest is not None else latin.end()
        if _CYRILLIC.search(text, start, end + 1):
            spans.append((start, end))
    return spans


# A tab between the words of a sentence: every cell but the last is one word, and several
# go on in small letters ("1.\tВнести\tв\tпостановление…", "қаулысы\t2002\tжылғы\t26\tнаурыз"),
# where a table's row of one-word cells holds numbers, names and marks.
_TAB = re.compile(r"\t")
_MIN_TABS = 3
_MIN_SMALL_CELLS = 3
_SENTENCE_END = ".;:!?"


def tabs_between_words(text: MappedText) -> MappedText:
    """A line whose tabs stand between the words of a sentence, with spaces for them."""
    edits: list[tuple[int, int, str]] = []
    for start, end in _line_spans(text.text):
        line = text.text[start:end]
        if "\t" in line and _tabs_part_words(line.split("\t")):
            edits += [(start + m.start(), start + m.end(), " ") for m in _TAB.finditer(line)]
    return text.edit(edits) if edits else text


def _tabs_part_words(cells: list[str]) -> bool:
    """Whether the tabs between ``cells`` (a line's) stand between a sentence's words."""
    if any(len(c.split()) > 1 for c in cells[:-1]):
        return False
    if len(cells) > _MIN_TABS:
        small = sum(1 for c in cells if c.strip()[:1].islower())
        return small >= _MIN_SMALL_CELLS and 4 * small >= len(cells)
    # A few tabs may stand for a sentence's first spaces, the rest spaces ("1.\tОсы\tбұйрыққа
    # қосымшаға сәйкес … күші жойылсын."): the words after the last tab go on in small letters
    # to the sentence's end. A table's row has an empty cell or opens its last cell with a
    # capital or a number ("3. \tХатшы \tН.Я.Дасаева \tОблыстық санақ …", "Ақмола \t908").
    rest = cells[-1].split()
    small = sum(1 for w in rest if w[:1].islower())
    return all(c.strip() for c in cells) and len(rest) > 1 and rest[0][:1].islower() \
        and cells[-1].rstrip()[-1:] in _SENTENCE_END and 2 * small >= len(rest)


# --- page furniture -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Furniture:
    starts: tuple[tuple[str, tuple[str, ...]], ...]
    whole: frozenset[str]
    top_blocks: tuple[tuple[str, str, int], ...]


@lru_cache(maxsize=1)
def _furniture() -> _Furniture:
    data = json.loads(resources.files("shezhire.extract.data")
                      .joinpath("page_furniture.json").read_text("utf-8"))
    return _Furniture(tuple((e["start"], tuple(e["also"])) for e in data["line_starts"]),
                      frozenset(data["whole_lines"]),
                      tuple((b["first"], b["last"], b["max_lines"]) for b in data["top_blocks"]))


def drop_page_furniture(text: MappedText, findings: list[CleanFinding]) -> MappedText:
    """Drop the web page's own lines (its menu at the top, the error-report hint,
    "Басып шығару"), with a finding: copies of the database's pages carry them around the act."""
    furniture = _furniture()
    lines = list(re.finditer(r"[^\n]*(?:\n|$)", text.text))
    edits: list[tuple[int, int, str]] = []
    skip_to = _top_block_end(lines, furniture)
    if skip_to:
        end = lines[skip_to - 1].end()
        edits.append((0, end, ""))
        findings.append(CleanFinding("page_furniture_dropped",
                                     f"dropped the web page's menu ({skip_to} lines) above the act",
                                     *text.source_span(0, end)))
    if not _may_hold_furniture(text.text, furniture):
        lines = []  # no line below can be dropped: none holds a furniture line's words
    for m in lines[skip_to:]:
        line = m.group(0).strip()
        tail = _furniture_tail(line, furniture)
        if tail:
            # The error-report line run on after the act's words (a copy joined the lines).
            at = m.start() + m.group(0).index(tail)
            end = at + len(tail)
            edits.append((at, end, ""))
            findings.append(CleanFinding("page_furniture_dropped",
                                         f"dropped words of the web page, not of the act: {tail!r}",
                                         *text.source_span(at, end)))
            continue
        if line and (line in furniture.whole or any(
                line.startswith(s) and all(w in line for w in also)
                for s, also in furniture.starts)):
            edits.append((m.start(), m.end(), ""))
            findings.append(CleanFinding("page_furniture_dropped",
                                         f"dropped a line of the web page, not of the act: {line!r}",
                                         *text.source_span(m.start(), m.end())))
    return text.edit(edits) if edits else text


def _may_hold_furniture(text: str, furniture: _Furniture) -> bool:
    """Whether some line of ``text`` may be dropped as a furniture line or tail: a line
    that starts with or holds an entry's start, or equals a whole line, holds that string,
    so a text that holds none of them has no such line (a few scans of the text, where the
    lines are tried one by one)."""
    return any(start in text for start, _also in furniture.starts) \
        or any(whole in text for whole in furniture.whole)


def _furniture_tail(line: str, furniture: _Furniture) -> str | None:
    """The end of ``line`` from a furniture line's start, when the line does not start with
    it (that line is dropped whole) and the rest holds every word the entry asks for."""
    for start, also in furniture.starts:
        at = line.find(start, 1)
        if at > 0 and line[at - 1] in " \t" and all(w in line[at:] for w in also) \
                and len(line) - at <= 2 * len(start) + 160:
            return line[at:]
    return None


def _top_block_end(lines: list[re.Match[str]], furniture: _Furniture) -> int:
    """How many lines the page's menu takes at the top (0: none)."""
    first = next((i for i, m in enumerate(lines) if m.group(0).strip()), None)
    if first is None:
        return 0
    for head, last, max_lines in furniture.top_blocks:
        if lines[first].group(0).strip() != head:
            continue
        for i in range(first, min(len(lines), first + max_lines)):
            if lines[i].group(0).strip().lstrip("•·*- ").strip() == last:
                return i + 1
    return 0


# --- letter spacing ---------------------------------------------------------------------------

# One character, or a letter glued to a punctuation mark ("і .", ".қ"), between spaces.
_SPACED_TOKEN = r"(?:[^\W\d_]|\d|[^\w\s]{1,2}|[^\w\s][^\W\d_]|[^\W\d_][^\w\s])"
_SPACED_RUN = re.compile(rf"(?<!\S){_SPACED_TOKEN}(?: {{1,2}}{_SPACED_TOKEN}(?!\S))+")
# A run's second and third tokens between the spaces around them: every run of four tokens
# or more holds this (it begins with a space, which the regex engine scans for quickly).
_SPACED_INNER = re.compile(r" \S{1,2} {1,2}\S{1,2} ")


def _spaced_runs(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SPACED_RUN`` in ``text`` that may be a letter-spaced run (four
    tokens or more), read only on the lines that hold ``_SPACED_INNER``.

    ``_SPACED_RUN`` begins with a look-behind, so ``finditer`` tries it at every character
    of the text. A match holds no line end (its tokens hold no whitespace, its gaps are
    spaces), and its look-behind and look-ahead see the same characters when the search is
    bounded to the match's line, so a line's matches are the whole text's on that line.
    """
    line_end = 0
    for inner in _SPACED_INNER.finditer(text):
        if inner.start() < line_end:
            continue  # on a line already read
        line_start = text.rfind("\n", 0, inner.start()) + 1
        line_end = text.find("\n", inner.end())
        if line_end < 0:
            line_end = len(text)
        yield from _SPACED_RUN.finditer(text, line_start, line_end)


def collapse_letter_spacing(text: MappedText, findings: list[CleanFinding]) -> MappedText:
    """Rejoin words printed with a space between letters ("Т ұ т ы н у ш ы" → "Тұтынушы").

    A run counts only with at least four one-character tokens of which three are letters, so
    initials ("А. Б. Бадашевқа") and list markers stay. Inside a run a double space is the word
    gap. A run with no double space at all lost its word gaps: it is cut into words known from
    the rest of the document, and a finding says the gaps were inferred.
    """
    # Read from the whole text only for a run that lost its word gaps (most texts have none).
    vocabulary: set[str] | None = None
    edits: list[tuple[int, int, str]] = []
    for m in _spaced_runs(text.text):
        chars = m.group(0).split()
        if len(chars) < 4 or sum(len(c) == 1 and c.isalpha() for c in chars) < 3:
            continue
        words = [w.replace(" ", "") for w in re.split(r" {2,}", m.group(0))]
        if len(words) == 1 and len(words[0]) > 3:
            if vocabulary is None:
                vocabulary = _vocabulary(text.text)
            split = _segment(words[0], vocabulary)
            if len(split) > 1:
                findings.append(CleanFinding(
                    "letter_spacing_gaps_inferred",
                    f"letter-spaced text {m.group(0)!r} has no word gaps; read as {' '.join(split)!r}",
                    *text.source_span(m.start(), m.end()),
                ))
            words = split
        edits.append((m.start(), m.end(), " ".join(words)))
    return text.edit(edits) if edits else text


# Longer words are not vocabulary: no Kazakh word is this long, and every word of n letters
# adds n stems of up to n letters (a 100,000-letter word would add 5 GB of them).
_VOCABULARY_WORD_CHARS = 40
_VOCABULARY_WORD = re.compile(rf"(?<![^\W\d_])[^\W\d_]{{3,{_VOCABULARY_WORD_CHARS}}}(?![^\W\d_])")


def _vocabulary(text: str) -> set[str]:
    """Words of three letters or more, and the stems (4+ letters) they start with."""
    words = {w.lower() for w in _VOCABULARY_WORD.findall(text)}
    stems = {w[:n] for w in words for n in range(4, len(w))}
    return words | stems


def _segment(word: str, vocabulary: set[str]) -> list[str]:
    """Cut ``word`` into the fewest known words; unchanged unless every piece is known.

    Punctuation stays glued to the letters before it ("арқылы;").
    """
    lead = re.match(r"[–—-]+", word)
    if lead:  # a dash before the letter-spaced words is its own token ("– ХҚО")
        return [lead.group(0), *_segment(word[lead.end():], vocabulary)]
    letters = [(i, ch) for i, ch in enumerate(word) if ch.isalnum()]
    lower = "".join(ch for _, ch in letters).lower()
    if lower in vocabulary or len(lower) < 6:
        return [word]
    n = len(lower)
    best: list[tuple[int, int] | None] = [(0, 0)] + [None] * n
    for end in range(3, n + 1):
        # A piece is a vocabulary word, so no longer than one: linear in the run's length.
        for start in range(max(0, end - _VOCABULARY_WORD_CHARS), end - 2):
            prior = best[start]
            if prior is None or lower[start:end] not in vocabulary:
                continue
            if best[end] is None or prior[0] + 1 < best[end][0]:  # type: ignore[index]
                best[end] = (prior[0] + 1, start)
    if best[n] is None:
        return [word]
    cuts: list[int] = []
    end = n
    while end > 0:
        cuts.append(end)
        end = best[end][1]  # type: ignore[index]
    # Cut the original (with its punctuation) before the letter that starts each piece.
    starts = sorted(letters[c][0] for c in cuts if c < n)
    pieces, prev = [], 0
    for at in starts:
        pieces.append(word[prev:at])
        prev = at
    pieces.append(word[prev:])
    return [p for p in pieces if p]


# --- displaced hyperlink words ----------------------------------------------------------------

def repair_displaced_links(text: MappedText, findings: list[CleanFinding]) -> MappedText:
    """Put hyperlinked words back where a PDF extractor left a hole for them.

    PDF text of the database prints a citation's linked words ("2-тармағына", "қаулысының",
    "№ 130") at the end of the line and leaves a hole where they stood: a double space, a space
    before a comma, or a line that begins with a lone space after a break. The words are moved
    only when the line has exactly one such hole; otherwise the damage is reported.
    """
    lines = _line_spans(text.text)
    for index in range(len(lines) - 1, -1, -1):
        start, end = lines[index]
        line = text.text[start:end].rstrip()
        body_start = start + len(line) - len(line.lstrip())
        if not line or not _words()["link_end"].match(line, len(line) - 1):
            continue
        cand = _words()["link_phrase"].search(line)
        if not cand or cand.start() + start <= body_start:
            continue
        before = line[cand.start() - 1] if cand.start() else " "
        glued = not before.isspace()
        if glued and not (before in '.:,;"' or (before.isalpha() and cand.group(0)[0] in "№0123456789")):
            continue
        if not glued and " " in cand.group(0) and not cand.group(0).startswith("№"):
            # "… 1 қаулысының": only the linked word itself, not the number before it.
            cand = _words()["link_phrase"].search(line, line.rindex(" ") + 1)
            if not cand:
                continue
        cand_start, cand_end = start + cand.start(), start + cand.end()
        holes = [h for h in _HOLE.finditer(text.text, body_start, cand_start)]
        # A hole may also sit at the line's start: the line opens with one lone space.
        opens_with_hole = text.text[start:start + 2] == " " + text.text[start + 1:start + 2].strip() \
            and text.text[start + 1:start + 2].strip() != ""
        dangling = index > 0 and _previous_line_dangles(text.text, lines, index)
        places = len(holes) + (1 if opens_with_hole and dangling else 0)
        if places == 1:
            if holes:
                hole = holes[0]
                insert = text.text[hole.start():hole.end()]
                text = _move_into(text, cand_start - (1 if not glued else 0), cand_end,
                                  hole.start(), hole.end(), insert)
            else:
                text = _move_to_line_start(text, lines, index, cand_start, cand_end, glued)
        elif glued or places > 1:
            findings.append(CleanFinding(
                "displaced_link_text",
                f"hyperlinked words {cand.group(0)!r} seem displaced to the line end, but "
                f"{'no' if places == 0 else places} hole(s) show where they belong; left as printed",
                *text.source_span(body_start, cand_end),
            ))
    return text


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``, its line end left out."""
    lengths = list(map(len, text.split("\n")))
    starts = itertools.accumulate((n + 1 for n in lengths[:-1]), initial=0)
    return [(start, start + n) for start, n in zip(starts, lengths, strict=True)]


def _previous_line_dangles(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """Across a page-break gap, the nearest line above ends where a linked word was cut out.

    Without the gap, a line opening with one space is only indented (centred stamps of
    plain-text pages), not a hole.
    """
    if index == 0 or text[lines[index - 1][0]:lines[index - 1][1]].strip():
        return False
    for j in range(index - 1, -1, -1):
        prev = text[lines[j][0]:lines[j][1]]
        if prev.strip():
            return not prev.rstrip().endswith(_TERMINAL)
    return False


def _move_into(text: MappedText, cut_start: int, cut_end: int,
               hole_start: int, hole_end: int, hole: str) -> MappedText:
    """Move ``text[cut_start:cut_end]`` into a hole, spaced as the hole's punctuation asks."""
    moved = text.text[cut_start:cut_end].strip()
    # The hole " ," means "word ,": the moved words go before the comma.
    suffix = "" if hole.strip() else " "
    text = text.edit([(cut_start, cut_end, "")])
    text = text.edit([(hole_start, hole_end, " ")])
    at = hole_start + 1
    chunk = MappedText(moved + suffix, offsets([_origin_of(text, at)]) * (len(moved) + len(suffix)))
    return _insert(text, at, chunk)


def _move_to_line_start(text: MappedText, lines: list[tuple[int, int]], index: int,
                        cand_start: int, cand_end: int, glued: bool) -> MappedText:
    start = lines[index][0]
    prev_end = start - 1
    while prev_end > 0 and text.text[prev_end - 1] in " \n":
        prev_end -= 1
    moved = text.text[cand_start:cand_end]
    cut_from = cand_start if glued else cand_start - 1
    text = text.edit([(cut_from, cand_end, "")])
    if text.text[prev_end - 1] == "-" and text.text[prev_end - 2].isdigit():
        # "3-" … "тармағына": the linked word completes the hyphenated reference.
        return _insert(text, prev_end, _constant(moved, text, prev_end))
    # " (алғашқы …" : the words go in front of the line's lone opening space.
    return _insert(text, start + 1, _constant(moved + " ", text, start + 1))


def _constant(piece: str, text: MappedText, at: int) -> MappedText:
    return MappedText(piece, offsets([_origin_of(text, at)]) * len(piece))


def _origin_of(text: MappedText, at: int) -> int:
    if at < len(text.origin):
        return text.origin[at]
    return text.origin[-1] + 1 if text.origin else 0


def _insert(text: MappedText, at: int, piece: MappedText) -> MappedText:
    # Arrays concatenated whole (a copy of memory), not an offset at a time.
    origin = offsets(())
    origin.extend(text.origin[:at])
    origin.extend(piece.origin)
    origin.extend(text.origin[at:])
    return MappedText(text.text[:at] + piece.text + text.text[at:], origin)


# --- status labels ----------------------------------------------------------------------------

def separate_status_labels(text: MappedText) -> MappedText:
    """"Күшін жойғанАстана қаласы…": a label glued to the header gets its own line back."""
    if not _words()["any_label"].search(text.text):
        return text  # every pattern below needs a label; this one is scanned for quickly
    # Each pattern begins at every place of a line (a line start or a look-behind): it is
    # tried only on the lines that hold a label (its matches lie within one line).
    text = text.sub(_words()["spaced_label"], _label_line, _label_lines(text.text))
    text = text.sub(_words()["lone_label"],
                    lambda m: m.group("lead") + " ".join(m.group("label").split()),
                    _label_lines(text.text))
    return text.sub(_words()["glued_label"], _label_line, _label_lines(text.text))


def _label_lines(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` (start, end before the line end) that hold a status label: the
    only lines where the label patterns can match, since every match holds a label and none
    holds a line end (a label's words are parted by spaces and tabs)."""
    out: list[tuple[int, int]] = []
    end = -1
    for m in _words()["any_label"].finditer(text):
        if m.start() <= end:
            continue  # on a line already listed
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        out.append((start, end))
    return out


def _label_line(m: re.Match[str]) -> str:
    at_line_start = m.start() == 0 or m.string[m.start() - 1] == "\n"
    return (m.group("lead") if at_line_start else "\n") + " ".join(m.group("label").split()) + "\n"


# --- lines to paragraphs ----------------------------------------------------------------------



def lines_to_paragraphs(text: MappedText) -> MappedText:
    """Rejoin wrapped lines and page-break gaps; one paragraph per output line.

    Text wrapped at a fixed width (PDF output) is recognised by its many lines of nearly the
    same length; there a line joins the one above unless it is indented or the one above is
    short. In text that has one paragraph per line (Markdown, pages, this step's own output)
    only a gap that cuts a sentence (no full stop above, a small letter below) is closed.
    """
    raw = text.text
    spans = _line_spans(raw)
    lengths = [len(raw[s:e].rstrip()) for s, e in spans if raw[s:e].strip()]
    width, dense = _wrap_width(lengths)
    # In a text of wrapped lines most lines are full: a blank line there may be a PDF's page
    # break that a sentence runs across. Where full lines are few (short paragraphs, wrapped
    # where they are long), a blank line separates paragraphs.
    # So does it where the text parts its paragraphs by blank lines: most lines that end a
    # sentence have a blank line after them (a page break comes once a page).
    parted = _blank_lines_part_paragraphs(raw, spans)
    if width is not None and not parted and not _full_lines_look_cut(raw, spans, width, dense):
        width, dense = None, False
    narrow = max(lengths, default=0) < _CUT_LINE
    width_across_gaps = width if dense and not parted else None
    edits: list[tuple[int, int, str]] = []
    prev: tuple[int, int] | None = None
    gap = False
    # Where a line of the source starts: a break the cleaning put in (a status label split
    # off "Күшін жойғанҚазақстан …") is no line end of the source, and whether a wrapped
    # line was full is judged on the line the source printed.
    source_line_start = prev_source_start = 0
    # How long the paragraph the line above ends has grown (its lines joined so far).
    paragraph = 0
    # The line under each line that has words: whether a wrap filled a line shows in it.
    nonblank = [k for k, (s, e) in enumerate(spans) if raw[s:e].strip()]
    after_line = {k: raw[slice(*spans[n])] for k, n in itertools.pairwise(nonblank)}
    for k, (s, e) in enumerate(spans):
        line = raw[s:e]
        if not _inserted_break(text, s):
            source_line_start = s
        if not line.strip():
            gap = gap or prev is not None
            continue
        if prev is not None:
            above = raw[prev_source_start:prev[1]].replace("\n", "")
            join = _joins(above, line, gap, width_across_gaps if gap else width,
                          _Paragraph(paragraph, parted, narrow))
            if join and width is not None and not gap \
                    and _signer_line(above, line, after_line.get(k), width):
                join = False
            sep = "" if join and _glue_without_space(raw[prev[0]:prev[1]].rstrip(), line.lstrip()) else " "
            body = s + len(line) - len(line.lstrip())
            tail = prev[0] + len(raw[prev[0]:prev[1]].rstrip())
            edits.append((tail, body, sep if join else "\n"))
            paragraph = paragraph + len(sep) + len(line.strip()) if join else len(line.strip())
        else:
            body = s + len(line) - len(line.lstrip())
            if body > s:
                edits.append((s, body, ""))
            paragraph = len(line.strip())
        prev, prev_source_start = (s, e), source_line_start
        gap = False
    if prev is not None:
        tail = prev[0] + len(raw[prev[0]:prev[1]].rstrip())
        if tail < len(raw):
            edits.append((tail, len(raw), ""))
    # Leading blank lines before the first paragraph.
    first = next((s for s, e in spans if raw[s:e].strip()), None)
    if first:
        edits = [(0, first, "")] + [ed for ed in edits if ed[0] >= first]
    return text.edit(edits) if edits else text


def _blank_lines_part_paragraphs(raw: str, spans: list[tuple[int, int]]) -> bool:
    """Whether most lines that end a sentence are followed by a blank line."""
    before_blank = before_line = 0
    for (s, e), (ns, ne) in itertools.pairwise(spans):
        line = raw[s:e].rstrip()
        if line and line.endswith(_TERMINAL):
            if raw[ns:ne].strip():
                before_line += 1
            else:
                before_blank += 1
    return before_blank > before_line


def _inserted_break(text: MappedText, at: int) -> bool:
    """Whether the line break before offset ``at`` was put in by the cleaning: the source
    has no character between the ones it parts (an inserted character takes the origin of
    what it replaces, never one past it)."""
    return 2 <= at < len(text.origin) and text.text[at - 1] == "\n" \
        and text.origin[at - 1] <= text.origin[at - 2]


# A line with no closing mark and a line under it, in the development texts as found, is at
# most 74 characters long unless a wrap cut it (a title, a stamp, a signature block, a form's
# line; one indented line of a centred block has 105): a line as long as this is a cut one.
_CUT_LINE = 100
# In a text of short lines only, a line this long that runs on in small letters was cut.
_CUT_SHORT_LINE = 60
# The widest wrapping seen in texts (a plain-text export wraps at up to 200 characters).
_MAX_WRAP = 240


def _wrap_width(lengths: list[int]) -> tuple[int | None, bool]:
    """The fixed width lines were wrapped at (None if the text is not wrapped), and whether
    most lines are full (a PDF's page of text)."""
    if len(lengths) < 8:
        # A short copy (a page's top) wrapped at a width: three or more of its few lines
        # stop just short of one ceiling, where lines of one paragraph each end anywhere.
        ceiling = max(lengths, default=0)
        full = sum(1 for n in lengths if n >= 0.9 * ceiling)
        return (ceiling, False) if full >= 3 and ceiling <= _MAX_WRAP else (None, False)
    top = sorted(lengths)[int(len(lengths) * 0.9)]
    near = sum(1 for n in lengths if n >= 0.75 * top)
    # A fixed width holds every line: paragraphs far longer than the "width" (a page with one
    # paragraph per line, a few of them short) say the text is not wrapped at it.
    overlong = sum(1 for n in lengths if n > 1.5 * top) > 0.05 * len(lengths)
    if top <= 160 and near >= 0.3 * len(lengths) and not overlong:
        return top, True
    # Text with many short paragraphs wrapped at a width: its longest lines stop at one
    # ceiling, where lines of one paragraph each run on past any width.
    ceiling = max(lengths)
    full = sum(1 for n in lengths if n >= 0.8 * ceiling)
    if ceiling <= _MAX_WRAP and full >= 3 and full >= 0.1 * len(lengths):
        return ceiling, False
    return None, False


def _full_lines_look_cut(raw: str, spans: list[tuple[int, int]], width: int, dense: bool) -> bool:
    """Whether the lines near ``width`` that have a line right under them were cut by a wrap:
    most stop with no closing mark where the next word would not fit. Lines of one paragraph
    each (this step's own output, a page's paragraphs) can happen to be near one length; they
    end paragraphs, so that cleaning twice joins nothing the first cleaning kept apart. With
    no such line (blank lines under every one), nothing says otherwise."""
    near = cut = 0
    least = (0.75 if dense else 0.8) * width
    for (s, e), (ns, ne) in itertools.pairwise(spans):
        line, below = raw[s:e].rstrip(), raw[ns:ne].split(maxsplit=1)
        if len(line) < least or not below:
            continue
        near += 1
        cut += not line.endswith(_TERMINAL) and len(line) + 1 + len(below[0]) > width
    return 2 * cut >= near


@dataclass(frozen=True)
class _Paragraph:
    """The paragraph a line may join: how long it has grown, and what the text's layout
    shows (blank lines part its paragraphs; all its lines are short)."""

    length: int
    parted: bool
    # No line of the text is as long as a cut line.
    narrow: bool = False


def _joins(prev: str, line: str, gap: bool, width: int | None,
           paragraph: _Paragraph | None = None) -> bool:
    above = prev.rstrip()
    labels = status_labels()
    if above.strip() in labels or line.strip() in labels:
        return False
    # A stamp's or an appendix label's last line is short, or the line below opens with a
    # capital (the title of what it approves); a full line that happens to end in
    # "4-қосымша" before words in small letters is mid-sentence.
    words = _words()
    if search_at_end(words["block_end"], above) and (width is None or gap or line.lstrip()[:1].isupper()
                                             or (len(above) < 0.75 * width
                                                 and not _goes_on_after_stamp_word(line))):
        # (A blank line after a stamp's last word parts it from the document it approves.)
        return False
    if "\t" in above or "\t" in line:
        return False
    indented = len(line) - len(line.lstrip(" ")) >= 2
    below = line.lstrip()
    if above.endswith("№") and below[:1].isdigit() and width is not None:
        # "… от 12 декабря 2007 года № / 45. Зарегистрировано …": a wrap parted the sign from
        # its number, which is no point's label.
        return True
    if words["heading_start"].match(below) or opens_note(below):
        # (The database's note, "Ескерту. Күші жойылды – …", is a paragraph of its own, as
        # extract/paragraphs.py sets it where a copy ran it on.)
        return False
    continues = bool(words["continues"].match(below)) and not _starts_item(below)
    open_end = not above.endswith(_TERMINAL)
    if width is None:
        cut_sentence = open_end and continues and below[:1].islower()
        if gap and (cut_sentence or paragraph is None or paragraph.parted):
            return cut_sentence
        # Where blank lines do not part the paragraphs, a stray one parts nothing: the line
        # also joins where it would with no blank line (as cleaning the output again would).
        # Where no wrap width shows (a short text, a few long paragraphs among short ones), a
        # line longer than any line a title, stamp or signature is set in that stops with no
        # closing mark was cut by a wrap: the line below goes on with its sentence. Where
        # blank lines part the paragraphs, any line below does; in a page with one paragraph
        # a line (a header with no full stop, a table's row, a form's line and the caption in
        # brackets under it), one after a word, in small letters or after a dash ("Күші
        # жойылды / - Түркістан …").
        if paragraph is None or not open_end or indented or _starts_item(below) \
                or _sibling_dash_item(prev, below):
            return False
        goes_on = above[-1:].isalnum() and continues and not below[:1].isdigit() \
            and below[:1] != "("
        if paragraph.length < _CUT_LINE:
            # A text whose every line is short (a page's top wrapped at 80): a line of a
            # wrap's length that runs on in small letters below.
            return goes_on and paragraph.narrow and paragraph.length >= _CUT_SHORT_LINE \
                and below[:1].islower()
        return paragraph.parted or goes_on
    if not open_end and _NUMBERED_START.match(below):
        # After a full stop, "13-тармақ мынадай редакцияда…", "2) …" open an item of their own,
        # however long the line above.
        return False
    if indented:
        # Lines of a centred block (a title) are all indented: a line that goes on with the
        # words of the one above, with no mark between, is the same paragraph.
        centred = len(prev) - len(prev.lstrip(" ")) >= 2
        return centred and open_end and below[:1].islower()
    # A wrapped line ends where the next word would not fit.
    next_word = len(below.split(" ", 1)[0])
    full = len(above) + 1 + next_word > width and len(above) >= 0.5 * width \
        and open_end
    long_above = (len(prev.rstrip()) >= 0.75 * width or full) \
        and len(prev) - len(prev.lstrip()) < len(prev)
    if gap:
        return open_end and (continues or long_above)
    return long_above or (continues and open_end) or above.endswith(("-", "(", "№"))


def _signer_line(above: str, line: str, after: str | None, width: int) -> bool:
    """Whether ``line`` opens a signature block's line where a wrap would join it to the line
    above: a signer's position standing alone under a sentence that ends with its line ("…
    қолданысқа енгізіледі. / Облыс Әкімі"), or the signer's name alone under the position
    ("Байторысай ауылдық округінің әкімі | / А. Ажниязова |"). A wrap breaks a line only
    where the next word does not fit: the position's line would have held the first word of
    the line under it (a wrapped sentence that happens to end in "… министрі" or "…
    Республики Казахстан" fills its line, and goes on in small letters), and the position's
    line would have held the name's first word."""
    words = _words()
    position = line.strip()
    if words["name_line"].match(position):
        return bool(words["signer"].search(above) and words["signer_line_end"].search(above)) \
            and len(above.rstrip()) + 1 + len(position.split(" ", 1)[0]) <= width
    if not above.rstrip().endswith((".", "!", "?")) or not position[:1].isupper() \
            or len(position.split()) > 16 or not words["signer"].search(position) \
            or not words["signer_line_end"].search(position):
        return False
    if after is None:
        return True
    below = after.strip()
    return not below[:1].islower() and len(line.rstrip()) + 1 + len(below.split(" ", 1)[0]) <= width


def _goes_on_after_stamp_word(line: str) -> bool:
    """A line after a stamp's word ("… № 99 бұйрығымен бекітілген") that goes on with the
    sentence: it opens with a bracket or a quote, where the title a stamp stands above opens
    with a capital (and its own last line, "1-қосымша / нысан", in small letters)."""
    return line.lstrip()[:1] in '("«'


_NUMBERED_START = re.compile(r"\d+(?:-\d+)*(?:\)|\.\s|-[^\W\d_])")


_ITEM_START = re.compile(r"\d+(?:-\d+)*[.)]\s")


def _starts_item(line: str) -> bool:
    return bool(_ITEM_START.match(line))


_DASH_ITEM = re.compile(r"[-–—](?=\w)")


def _sibling_dash_item(prev: str, below: str) -> bool:
    """Whether ``below`` opens a list item marked, like the line above, by a dash glued to its
    first word ("-содействие … политике / -поиски компромиссов …"): the item above ends with
    its line, however long it is, and never runs on into its sibling."""
    dash = _DASH_ITEM.match(below)
    return dash is not None and prev.lstrip().startswith(dash.group()) \
        and _DASH_ITEM.match(prev.lstrip()) is not None


def _glue_without_space(above: str, below: str) -> bool:
    if above.endswith("(") or below.startswith((")", ",", ".", ";", ":")):
        return True
    return above.endswith("-") and not above.endswith(" -") and below[:1].isalnum() \
        and not _words()["conjunction"].match(below)


# --- inside paragraphs ------------------------------------------------------------------------

# "№ 69 /11-VI": a stray space at a number's slash (the number is "69/11-VI").
_SPACED_NUMBER_SLASH = re.compile(r"(№ ?\d+)(?: /| / |/ )(?=\d)")
# Each begins with its space, so the regex engine scans for it (a pattern that begins with a
# look-behind is tried at every place): "(?<=\S) {2,}", "(?<=\S) +" and "(?<=\() +" as such.
_MULTI_SPACE = re.compile(r" (?<=\S ) +(?=\S)")
_SPACE_BEFORE_PUNCT = re.compile(r" (?<=\S ) *(?=[,.;:)](?:\s|$|\"))")
_SPACE_AFTER_OPEN = re.compile(r" (?<=\( ) *")
_LONE_QUOTE = re.compile(r'(?<=\S) ["«»] (?=\S)|(?<=\S) ["«»]$|^["«»] (?=\S)', re.MULTILINE)


def tidy_paragraphs(text: MappedText) -> MappedText:
    """Single spaces, no space before punctuation, and quotes attached to their words."""
    text = text.sub(_MULTI_SPACE, " ")
    text = text.sub(_SPACE_BEFORE_PUNCT, "")
    text = text.sub(_SPACE_AFTER_OPEN, "")
    text = text.sub(_SPACED_NUMBER_SLASH, r"\1/")
    return _attach_lone_quotes(text).sub(_GUILLEMETS, '"')


def _open_quotes(before: str) -> int:
    return before.count('"') + before.count("«") + before.count("»")


def _attach_lone_quotes(text: MappedText) -> MappedText:
    """A quote with spaces on both sides closes or opens by the count of quotes before it."""
    edits = []
    for para_start, para_end in _line_spans(text.text):
        para = text.text[para_start:para_end]
        if '"' not in para and "«" not in para and "»" not in para:
            continue  # every lone quote is one of these (the pattern is tried at each space)
        for m in _LONE_QUOTE.finditer(para):
            q = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" "))
            mark = para[q]
            opened = mark == "»" or (mark == '"' and _open_quotes(para[:q]) % 2 == 1)
            if q == 0 and mark == '"' and _open_quotes(para[1:]) % 2 == 0:
                # A paragraph opening with a quote whose own paragraph pairs every other
                # one: it closes a quote of the paragraph above ("» деген жол …" becomes
                # '" деген жол …' once the guillemets are straight: keep it so).
                opened = True
            if opened and q > 0 and para[q - 1] == " ":
                edits.append((para_start + q - 1, para_start + q, ""))
            elif not opened and q + 1 < len(para) and para[q + 1] == " ":
                edits.append((para_start + q + 1, para_start + q + 2, ""))
    return text.edit(edits) if edits else text


