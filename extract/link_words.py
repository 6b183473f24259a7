"""A citation's displaced link words put back from the citation's shape, not from line ends.

The database's PDF text prints a citation's hyperlinked words ("№ 130", "бұйрығы") at the end
of the line and leaves a hole where they stood; ``clean.repair_displaced_links`` reads those
line ends and holes. A copy whose lines were joined or wrapped anew has neither, but the
sentence still shows the damage: a Kazakh citation is read as

    ISSUER DATE № NUMBER [(note)] TYPE-WORD

so a citation missing one of its parts, with that part stranded nearby where it belongs to
no citation of its own, is repaired:

- DATE [(note)] TYPE-WORD without a number, and a number stranded inside that note or glued
  after the sentence's end ("бұйрығымен.№ 130"): the number goes after the date;
- DATE № NUMBER (note) with no type word after the note, and one type word stranded inside
  the note ("(Нормативтік құқықтық актілерді бұйрығы мемлекеттік тіркеу …)"): the word goes
  after the number;
- a reference cut after its number's hyphen ("Заңының 16-бабы 3- сәйкес"), the one of its
  sentence, and a part's word ("тармағына") glued after that sentence's closing mark ("ҚАУЛЫ
  ЕТЕДІ:тармағына"): the word completes the reference.

Whatever the layout, these shapes do not occur in an undamaged text: a Kazakh citation puts
its number after its date and its type word after its number, a number in an entry-into-force
note or glued to a sentence's end cites nothing, and no word is glued after a formula's colon.

Each repair is a ``displaced_link_text_restored`` finding; a note holding several stranded
type words is left as printed with a ``displaced_link_text`` finding.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple, cast

from shezhire.extract.kazakh.dates import find_dates, month_stems
from shezhire.extract.kazakh.matchers import find_act_numbers, find_act_type_words
from shezhire.extract.lexicon import Lexicon, from_lexicon, lexicon, words_regex
from shezhire.extract.mapped import MappedText, offsets

# A note in brackets, with at most one bracket inside ("(бұдан әрі – Заң)").
_NOTE = re.compile(r"\((?:[^()]|\([^()]*\))*\)")
# How far a note or a citation's date may reach: a citation with its note is a few lines.
_REACH = 800
_DATE_REACH = 120


class LinkNote(NamedTuple):
    """A finding for the cleaner (``clean.CleanFinding``), located in source offsets."""

    kind: str
    message: str
    source_start: int
    source_end: int


@dataclass(frozen=True)
class _Move:
    start: int  # the stranded words
    end: int
    to: int  # where they go: after the date or the number
    words: str
    why: str
    space: bool = True  # a space before the words where they go ("3-" takes none)


@from_lexicon
def _patterns() -> dict[str, re.Pattern[str]]:
    lx = lexicon("kk")
    return {
        # A number sign glued after a word's sentence mark: "бұйрығымен.№ 130".
        "glued_number": re.compile(r"(?<=\w[.;])№"),
        "number_then_note": re.compile(r"№ ?\d[\w/\-]*\s*(?=\()"),
        "registered": re.compile(rf"\s*{lx.pattern('registration.registered_any')}"),
        # A word naming the issuer ("әкімінің қаулысымен"): the type word is the issuer's.
        "issuer_word": re.compile(rf"\w+{words_regex(lx.endings('genitive'))}\s+$"),
        # A reference's word glued after a sentence mark: "… ҚАУЛЫ ЕТЕДІ:тармағына".
        # (Begins with its look-behind's mark: ``_glued_parts`` tries it only after one.)
        "glued_part": re.compile(rf"(?<=\w[.:;]){words_regex(_part_stems(lx))}\w*(?=\s)",
                                 re.IGNORECASE),
        # A reference cut after its number's hyphen ("16-бабы 3- сәйкес"), not one of a
        # list sharing the word after it ("3- және 4-тармақтары").
        "dangling": re.compile(
            rf"(?<=\d)-(?=\s+(?!{_conjunctions(lx)}(?!\w))[^\s,])"),
        "sentence_end": re.compile(r"[.;:!?](?=\s)"),
        # A possessed type word before a sentence's mark ("… бұйрығымен.").
        "type_before": re.compile(rf"(?<!\w){words_regex(n.nominative for n in lx.act_types)}\w*$",
                                  re.IGNORECASE),
        # A date's last word: a number ("17.04.2025"), a month's ("17 сәуірдегі", and
        # misspelt, "20 қантардағы": the attributive ending), the year's abbreviation.
        "date_tail": re.compile(rf"(?:\d|ғы|гі|(?<!\w)(?:{words_regex(month_stems())})\w*"
                                rf"|(?<!\w){words_regex(lx.words('dates.year_words'))}\.?)\s*$",
                                re.IGNORECASE),
        # An act-type word's stem: where none is, the matcher is not asked.
        "type_stem": re.compile(words_regex(s for n in lx.act_types for s in n.stems),
                                re.IGNORECASE),
        # A citation's type word is its issuer's: possessed ("қаулысының", "бұйрығымен"), never
        # plain ("(қаулының атауы)", a form's caption).
        "possessed": re.compile(words_regex(n.nominative for n in lx.act_types), re.IGNORECASE),
    }


def _part_stems(lx: Lexicon) -> list[str]:
    """The words of a reference to a part of an act ("бап", "тармақ"), as the cleaner links them."""
    words = lx.words("clean.linked_words")
    if lx.morphology is None:
        return list(words)
    return [s for w in words for s in (w, lx.morphology.before_vowel(w))]


def _conjunctions(lx: Lexicon) -> str:
    return words_regex(w for group in lx.labels("conjunctions").values() for w in group)


_GLUE_MARK = re.compile(r"[.:;]")


def _glued_parts(s: str) -> Iterator[re.Match[str]]:
    """``glued_part.finditer(s)``, the pattern tried only after a "." ":" or ";" (its
    look-behind): begun with a case-insensitive alternation, it would be tried at every
    character."""
    pattern = _patterns()["glued_part"]
    pos = 0
    for mark in _GLUE_MARK.finditer(s):
        if mark.end() < pos:
            continue  # inside the match just found
        m = pattern.match(s, mark.end())
        if m is not None:
            yield m
            pos = m.end()


def restore_link_words(text: MappedText, findings: list[LinkNote]) -> MappedText:
    """Put back every stranded number and type word whose citation the sentence shows."""
    s = text.text
    moves: list[_Move] = []
    for m in _glued_parts(s):
        found = _part_word_glued_after(s, m)
        if isinstance(found, _Move):
            moves.append(found)
        elif found > 1:
            findings.append(LinkNote(
                "displaced_link_text",
                f"{m.group(0)!r} is glued after its sentence's mark, and {found} references of "
                "the sentence are cut after their number's hyphen; left as printed",
                *text.source_span(m.start(), m.end())))
    if "№" in s:
        _number_and_type_moves(text, moves, findings)
    # No citation's parts interleave: a move reaching over one already taken is not made.
    taken: list[_Move] = []
    for move in sorted(moves, key=lambda mv: mv.start):
        if taken and move.to < taken[-1].end:
            findings.append(LinkNote(
                "displaced_link_text",
                f"{move.words!r} stood away from its citation ({move.why}), but putting it "
                "back would cross another repair; left as printed",
                *text.source_span(move.start, move.end)))
            continue
        taken.append(move)
        findings.append(LinkNote(
            "displaced_link_text_restored",
            f"{move.words!r} stood away from its citation ({move.why}); put back",
            *text.source_span(move.start, move.end)))
    return _moved(text, taken) if taken else text


def _number_and_type_moves(text: MappedText, moves: list[_Move],
                           findings: list[LinkNote]) -> None:
    s = text.text
    for m in _patterns()["glued_number"].finditer(s):
        move = _number_glued_after(s, m.start())
        if move is not None:
            moves.append(move)
    for note in _NOTE.finditer(s):
        if "№" not in note.group(0) or note.end() - note.start() > _REACH:
            continue
        move = _number_in_note(s, note)
        if move is not None:
            moves.append(move)
    for m in _patterns()["number_then_note"].finditer(s):
        opened = _NOTE.match(s, m.end())
        if opened is None or opened.end() - opened.start() > _REACH:
            continue
        found = _type_word_in_note(s, m.start(), m.group(0).rstrip(), opened)
        if isinstance(found, _Move):
            moves.append(found)
        elif found > 1:
            findings.append(LinkNote(
                "displaced_link_text",
                f"the citation ending {m.group(0).strip()!r} has no act-type word, and its note "
                f"holds {found} act-type words that belong to no citation; left as printed",
                *text.source_span(m.start(), opened.end())))


def _number_glued_after(s: str, at: int) -> _Move | None:
    """"… 17.04.2025 (…) бұйрығымен.№ 130": the number of the citation the sentence ended with."""
    mark = at - 1
    head = _patterns()["type_before"].search(s, max(0, mark - 30), mark)
    if head is None:
        return None
    words = [w for w in find_act_type_words(s[head.start():mark]) if w.start == 0
             and w.end == mark - head.start()]
    number = _number_at(s, at)
    if not words or number is None or _belongs_after(s, number[1]):
        return None
    gap_start = _note_before(s, head.start())
    if gap_start is None:
        return None
    date_end = _date_ending_at(s, gap_start)
    if date_end is None:
        return None
    return _Move(at, number[1], date_end, s[at:number[1]],
                 "glued after the sentence its citation ends")


def _part_word_glued_after(s: str, word: re.Match[str]) -> _Move | int:
    """"… Заңының 16-бабы 3- сәйкес … ҚАУЛЫ ЕТЕДІ:тармағына": the word of the one reference of
    the sentence cut after its number's hyphen. Gives the move, or how many cut references
    the sentence holds when it is not one."""
    mark = word.start() - 1
    floor = max(0, mark - _REACH)
    ends = list(_patterns()["sentence_end"].finditer(s, floor, mark))
    start = ends[-1].end() if ends else floor
    cut = list(_patterns()["dangling"].finditer(s, start, mark))
    if len(cut) != 1:
        return len(cut)
    return _Move(word.start(), word.end(), cut[0].end(), word.group(0),
                 "glued after the sentence that cites it with its number only", space=False)


def _number_in_note(s: str, note: re.Match[str]) -> _Move | None:
    """"07.02.2020 (… өткен соң № 24 қолданысқа енгізіледі) қаулысымен": a number in the note
    between a citation's date and its type word, belonging to nothing in the note."""
    after = s[note.end():note.end() + 60]
    if not _patterns()["type_stem"].match(after.lstrip()):
        return None
    date_end = _date_ending_at(s, note.start())
    if date_end is None:
        return None
    word = next((w for w in find_act_type_words(after) if not after[:w.start].strip()), None)
    if word is None or not _patterns()["possessed"].match(word.text):
        return None
    inside = s[note.start():note.end()]
    stranded = []
    for n in find_act_numbers(inside):
        start, end = note.start() + n.start, note.start() + n.end
        if (s[start - 1:start].isspace() and not _belongs_after(s, end)
                and not _date_ends_at(s, start, floor=note.start())):
            stranded.append((start, end))
    if len(stranded) != 1:
        return None
    start, end = stranded[0]
    return _Move(start, end, date_end, s[start:end],
                 "inside the note between its citation's date and act-type word")


def _type_word_in_note(s: str, number_start: int, number: str,
                       note: re.Match[str]) -> _Move | int:
    """"№ 441 (Нормативтік құқықтық актілерді бұйрығы мемлекеттік тіркеу …);": the type word
    of a citation with a date and a number and none after its note. Gives the move, or how
    many stranded words the note holds when it is not one."""
    if not _patterns()["type_stem"].search(note.group(0)) or _date_ending_at(s, number_start) is None:
        return 0
    after = s[note.end():note.end() + 60]
    if any(not after[:w.start].strip() for w in find_act_type_words(after)):
        return 0  # "№ 18 (…) қаулысының": the citation is whole
    inside = s[note.start():note.end()]
    owned = [n.end for n in find_act_numbers(inside)] + [d.end for d in find_dates(inside)]
    stranded = [w for w in find_act_type_words(inside)
                if _patterns()["possessed"].match(w.text)
                and not any(not inside[e:w.start].strip() for e in owned if e <= w.start)
                and not _patterns()["issuer_word"].search(inside, 0, w.start)]
    if len(stranded) != 1:
        return len(stranded)
    w = stranded[0]
    start, end = note.start() + w.start, note.start() + w.end
    return _Move(start, end, number_start + len(number), s[start:end],
                 "inside the note after its citation's number")


def _number_at(s: str, at: int) -> tuple[int, int] | None:
    found = find_act_numbers(s[at:at + 40])
    if not found or found[0].start != 0:
        return None
    return at, at + found[0].end


def _belongs_after(s: str, end: int) -> bool:
    """The number is followed by its own type word or by the registration's words."""
    after = s[end:end + 60]
    if _patterns()["registered"].match(after):
        return True
    return any(not after[:w.start].strip() for w in find_act_type_words(after))


def _date_ends_at(s: str, at: int, floor: int) -> bool:
    """A date ends right before ``at`` (only spaces between), at or after ``floor``."""
    return _date_ending_at(s, at, floor) is not None


def _date_ending_at(s: str, at: int, floor: int = 0) -> int | None:
    """Where the date ends that ends right before ``at``, only spaces between; None when
    none does. A date's last word is a number or a month's: only then is the matcher asked."""
    floor = max(floor, at - _DATE_REACH)
    if not _patterns()["date_tail"].search(s, floor, at):
        return None
    window = s[floor:at]
    for d in find_dates(window):
        if d.iso and not window[d.end:].strip():
            return floor + d.end
    return None


def _note_before(s: str, at: int) -> int | None:
    """Where the gap between a citation's date and its type word at ``at`` starts: at the
    note in brackets right before the word, or at the word itself; None when that note holds
    a number (the citation is not numberless)."""
    before = s[max(0, at - _REACH):at].rstrip()
    if not before.endswith(")"):
        return at
    close = max(0, at - _REACH) + len(before)
    open_at = close
    for _ in range(3):  # the note's own bracket, or one or two inside it
        open_at = s.rfind("(", max(0, close - _REACH), open_at)
        if open_at < 0:
            return None
        note = _NOTE.fullmatch(s, open_at, close)
        if note is not None:
            return None if "№" in note.group(0) else open_at
    return None


def _moved(text: MappedText, moves: list[_Move]) -> MappedText:
    """The words of each move (in reading order, none reaching over another) at their place,
    a space before them, in one pass over the text (a move at a time would copy the text as
    many times). The moved characters keep their origins, so evidence still points where the
    source printed them; the space takes the origin of the character it precedes."""
    s, origin = text.text, cast("array[int]", text.origin)
    pieces: list[str] = []
    mapped = offsets(())
    pos = 0
    for move in moves:
        pieces.append(s[pos:move.to])
        mapped.extend(origin[pos:move.to])
        if move.space:
            pieces.append(" ")
            mapped.append(origin[move.to] if move.to < len(origin) else origin[-1] + 1)
        pieces += [s[move.start:move.end], s[move.to:move.start]]
        mapped.extend(origin[move.start:move.end])
        mapped.extend(origin[move.to:move.start])
        pos = move.end
    pieces.append(s[pos:])
    mapped.extend(origin[pos:])
    return MappedText("".join(pieces), mapped)
