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
from dataclasses import dataclass
from typing import NamedTuple

from shezhire.extract.kazakh.dates import find_dates
from shezhire.extract.kazakh.matchers import find_act_numbers, find_act_type_words
from shezhire.extract.lexicon import Lexicon, from_lexicon, lexicon, words_regex
from shezhire.extract.mapped import MappedText

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
        # Between a citation's date and its type word: space and at most one note.
        "date_gap": re.compile(r"\s*(?:\((?:[^()]|\([^()]*\))*\)\s*)?"),
        # A word naming the issuer ("әкімінің қаулысымен"): the type word is the issuer's.
        "issuer_word": re.compile(rf"\w+{words_regex(lx.endings('genitive'))}\s+$"),
        # A reference's word glued after a sentence mark: "… ҚАУЛЫ ЕТЕДІ:тармағына".
        "glued_part": re.compile(rf"(?<=\w[.:;]){words_regex(_part_stems(lx))}\w*(?=\s)",
                                 re.IGNORECASE),
        # A reference cut after its number's hyphen ("16-бабы 3- сәйкес"), not one of a
        # list sharing the word after it ("3- және 4-тармақтары").
        "dangling": re.compile(
            rf"(?<=\d)-(?=\s+(?!{_conjunctions(lx)}(?!\w))[^\s,])"),
        "sentence_end": re.compile(r"[.;:!?](?=\s)"),
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


def restore_link_words(text: MappedText, findings: list[LinkNote]) -> MappedText:
    """Put back every stranded number and type word whose citation the sentence shows."""
    s = text.text
    moves: list[_Move] = []
    for m in _patterns()["glued_part"].finditer(s):
        move = _part_word_glued_after(s, m)
        if move is not None:
            moves.append(move)
    if "№" in s:
        _number_and_type_moves(text, moves, findings)
    # From the last, so that each move leaves the places of those before it as they were; a
    # move reaching over one already made is not made (no citation's parts interleave).
    done: list[tuple[int, int]] = []
    for move in sorted(moves, key=lambda mv: mv.start, reverse=True):
        if any(move.to < b and a < move.end for a, b in done):
            continue
        done.append((move.to, move.end))
        findings.append(LinkNote(
            "displaced_link_text_restored",
            f"{move.words!r} stood away from its citation ({move.why}); put back",
            *text.source_span(move.start, move.end)))
        text = _moved(text, move)
    return text


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
    number = _number_at(s, at)
    if number is None or _belongs_after(s, number[1]):
        return None
    window = max(0, at - 1 - _REACH)
    words = [w for w in find_act_type_words(s[window:at - 1])
             if w.end == at - 1 - window and _patterns()["possessed"].match(w.text)]
    if not words:
        return None
    date_end = _numberless_date_before(s, window + words[-1].start, allow_number=False)
    if date_end is None:
        return None
    return _Move(at, number[1], date_end, s[at:number[1]],
                 "glued after the sentence its citation ends")


def _part_word_glued_after(s: str, word: re.Match[str]) -> _Move | None:
    """"… Заңының 16-бабы 3- сәйкес … ҚАУЛЫ ЕТЕДІ:тармағына": the word of the one reference of
    the sentence cut after its number's hyphen."""
    mark = word.start() - 1
    floor = max(0, mark - _REACH)
    ends = list(_patterns()["sentence_end"].finditer(s, floor, mark))
    start = ends[-1].end() if ends else floor
    cut = list(_patterns()["dangling"].finditer(s, start, mark))
    if len(cut) != 1:
        return None
    return _Move(word.start(), word.end(), cut[0].end(), word.group(0),
                 "glued after the sentence that cites it with its number only", space=False)


def _number_in_note(s: str, note: re.Match[str]) -> _Move | None:
    """"07.02.2020 (… өткен соң № 24 қолданысқа енгізіледі) қаулысымен": a number in the note
    between a citation's date and its type word, belonging to nothing in the note."""
    after = s[note.end():note.end() + 60]
    if not _patterns()["type_stem"].match(after.lstrip()):
        return None
    word = next((w for w in find_act_type_words(after) if not after[:w.start].strip()), None)
    if word is None or not _patterns()["possessed"].match(word.text):
        return None
    date_end = _numberless_date_before(s, note.end() + word.start, allow_number=True)
    if date_end is None or s[date_end:note.start()].strip():
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
    if not _patterns()["type_stem"].search(note.group(0)):
        return 0
    after = s[note.end():note.end() + 60]
    if any(not after[:w.start].strip() for w in find_act_type_words(after)):
        return 0  # "№ 18 (…) қаулысының": the citation is whole
    if not _date_ends_at(s, number_start, floor=max(0, number_start - _DATE_REACH)):
        return 0
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
    """A date ends right before ``at`` (only spaces between)."""
    window = s[floor:at]
    return any(not window[d.end:].strip() and d.iso for d in find_dates(window))


def _numberless_date_before(s: str, type_start: int, *, allow_number: bool) -> int | None:
    """Where the date ends of a citation "DATE [(note)] TYPE-WORD" with no number, the type
    word at ``type_start``; None when there is no such date."""
    floor = max(0, type_start - _REACH)
    window = s[floor:type_start]
    for d in reversed(find_dates(window)):
        if d.iso is None:
            continue
        gap = _patterns()["date_gap"].fullmatch(window, d.end)
        if gap is None:
            continue
        if "№" in gap.group(0) and not allow_number:
            return None
        return floor + d.end
    return None


def _moved(text: MappedText, move: _Move) -> MappedText:
    """The words moved to their place, a space before them; the moved characters keep their
    origins, so evidence still points where the source printed them."""
    text = text.move(move.start, move.end, move.to)
    return text.edit([(move.to, move.to, " ")]) if move.space else text
