"""Run-on lines to paragraphs: the act's paragraph breaks found from its content.

A copy that ran the act's lines together (the whole act on one line, a paragraph's lines
joined to the next) leaves no line for the header zone, the points and the notes. This
stage puts the breaks back where the content shows them, whatever the layout was:

    a status label between the title and the header sentence   its own line
    the header sentence ("… № 74 Қаулысы", "Постановление … № 487")  its own line
    a note of the database ("Ескерту. …", "Сноска. …")             its own line
    a note with no full stop, after the act it names ("… № 4 В …")  ends its paragraph
    the operative formula ("… ҚАУЛЫ ЕТЕДІ:", "ПОСТАНОВЛЯЕТ:",
      "… решил; 1. …" before the first point)                      ends its paragraph
    "1-тарау", "Глава 2" after a sentence                           opens a heading
    "N." / "N)" after a sentence, in the sequence 1, 2, 3 …          opens a point, a subpoint
    an approval, appendix or agreement stamp ("… № 74 қаулысына қосымша",
      "СОГЛАСОВАНО Решение 7 сессии … №С-7-7")                      its own line

A number is a point's label only where the grammar of numbering expects it: after the
sentence before it ends, and next in its sequence (a point after point N is N+1, a first
subpoint follows a colon). "… 2-тармағында", "от 1 января", "№ 12." open nothing. Where the
content shows no break, none is made: the stage never guesses a boundary.

Each break turns one space into a line break, so every character keeps its place and its
source offset (``MappedText``); a text that already has its breaks gets none more, so the
stage is safe to run again.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from shezhire.extract.citations import Citation, find_citations, quoted_regions
from shezhire.extract.first_chars import finditer_from, first_char_scanner
from shezhire.extract.lexicon import (
    agreed_word_regex,
    from_lexicon,
    lexicons,
    phrases_regex,
    words_regex,
)
from shezhire.extract.mapped import MappedText

# A line shorter than this holds one paragraph however it reads: the content breaks are
# looked for in longer lines only (a real paragraph of one point runs up to ~1,000
# characters; it has no second point or formula inside, so a long one gets no break either).
_RUN_ON = 240
# The header zone: the title, label, header sentence and notes come in the first characters.
_HEADER_ZONE = 1500
# A stamp's citation ends this close to its last word ("… № 74 қаулысына қосымша").
_STAMP_GAP = 12
_TERMINAL = ".;:!?"
# The title's first characters, that show it printed again under the header sentence.
_TITLE_PREFIX = 40
# Longer than any one paragraph of an act as printed (the longest seen is ~1,000 characters).
_PARAGRAPH = 1500
# The longest formula with its spaces ("ШЕШІМ ҚАБЫЛДАДЫ :").
_FORMULA_CHARS = 40
# How far a note's named act may stand from its opener ("Сноска. Утратило силу решением
# акима Южно-Казахстанской области от 10.01.2003 № 4").
_NOTE_REACH = 400
# The words after a formula that its paragraph may hold (a page's own line break missing).
_FORMULA_TAIL = 20


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The words that show a paragraph's start or end, from every language's lexicon."""
    every = lexicons()
    upper = "".join(dict.fromkeys(lx.upper() for lx in every))
    lower = "".join(dict.fromkeys(lx.lower() for lx in every))
    formulas = phrases_regex(f for lx in every
                             for fs in lx.labels("structure.operative_formulas").values() for f in fs)
    notes = words_regex(w.rstrip(".:") for lx in every for w in lx.words("structure.note_openers"))
    headings = [lx.part_word(key) for lx in every for key in ("chapter", "section")]
    heading_words = words_regex(sorted({w for n in headings for w in (n.stem, *n.forms)}))
    appendix = words_regex(sorted({s for lx in every for s in lx.part_word("appendix").stems}))
    # The stamp tails are phrases ("утвержден*": any ending), the stamp words listed forms.
    stamps = phrases_regex(w for lx in every for w in (*lx.words("structure.stamp_words"),
                                                        *lx.words("self_facts.stamp_tails")))
    return {
        # Ends where it is looked for: at a colon (see ``_formulas``).
        # An old text may type a semicolon instead ("… налогового вложения, решил; 1. …"),
        # taken where the first point follows it.
        "formula": re.compile(rf"(?:{formulas})\s*[:;]$", re.IGNORECASE),
        "formula_mark": re.compile(r":|;(?=\s+1\.\s)"),
        "first_point": re.compile(r"\s+1\.\s"),
        # "Ескерту. Күші жойылды …", "Сноска. Утратило силу …"
        "note": re.compile(rf"(?<!\S)(?:{notes})(?:\s+\w+)?[.:]\s"),
        # The note's sentence ends before a word with a capital ("… шешімімен. Ескерту.") or
        # before a point's label; "2001 ж. 20-қыркүйектегі", "13.12.2004" go on.
        # An initial ("К. Мәсімов") ends no sentence.
        "sentence_end": re.compile(rf"(?<![\s.][{upper}])[.;]\s+"
                                   rf"(?=[{upper}][{lower}\s]|[\"«][{upper}]|\d+[.)]\s)"),
        # "1-тарау. Жалпы ережелер", "Глава 2. …", "3-бөлім"
        "heading": re.compile(rf"(?<=\s)(?:\d+(?:-\d+)*[- ]?(?:{heading_words})(?!\w)"
                              rf"|(?:{heading_words})\s+\d+(?!\d))", re.IGNORECASE),
        # "N." or "N)" (also "11-1.", "9-2)") with a word after it, after a space. (As
        # written, "(?<=\s)(\d{1,3})…": here it begins with its first digit, the look-behind
        # after it, so that the regex engine scans for digits rather than trying every place.)
        "label": re.compile(r"(\d(?<=\s\d)\d{0,2})((?:-\d{1,3})*)([.)])\s+(?=[\w\"«(])"),
        # "… қаулысына қосымша", "… № 168 бұйрығымен бекітілген", "2-қосымша", "Утверждено"
        # The words in any case, the title after them with a capital or a number ("2002
        # жылы әскери қызметке …"; "… № 1 қосымшасы күшін жойған болып саналсын" cites an
        # appendix in a sentence).
        "stamp_end": re.compile(rf"(?:\d+\s*-?\s*)?(?i:{stamps}|{appendix})(?!\w)"
                                rf"(?=\s+(?:\d+\s+\w|[{upper}\"«]))"),
        "capital_next": re.compile(rf"\s+[{upper}\"«]"),
        # A word with a capital, no quoted title ("… № 4 "Об утверждении …"" goes on).
        "capital_word_next": re.compile(rf"\s+[{upper}](?:[{lower}]|\s)"),
        # A stamp of an act whose day and number were left blank ("Қазақстан Республикасы
        # Үкіметінің 2024 жылғы № қаулысымен бекітілген"): the year, an empty number sign
        # and the act's type word, just before the stamp's word; the day and month may be
        # blanks too ("… министрінің 2025 жылғы «___» _______ № ____ бұйрығына қосымша").
        "blank_act": re.compile(
            rf"(?<!\d)\d{{4}}\s*{words_regex(w for lx in every for w in lx.words('dates.year_words'))}?"
            rf"(?:\s+[\"«]\s*_+\s*[\"»]\s*_+)?\s+[№N]\s*_*\s*(?i:{words_regex(s for lx in every for n in lx.act_types for s in n.stems)})"
            rf"\w*\s*$"),
        "registered": re.compile(rf"[^.]{{0,12}}\.[^.]{{0,250}}?(?:{phrases_regex(w for lx in every for w in lx.words('registration.registered'))})\.?(?=\s)"),
        "note_action": re.compile(rf"\s*(?:{phrases_regex(w for lx in every for w in lx.words('note_actions.repealed'))})",
                                  re.IGNORECASE),
        # A point's label ("ЕТЕДІ: 1. Қазақстан …") ends no sentence; "№ 7. В …" does.
        "label_before": re.compile(r"(?:^|[.:;]\s+)\d{1,3}$"),
        "bare_type": re.compile(rf"(?<=\s){words_regex(n.stem[:1].upper() + n.stem[1:] for lx in every for n in lx.act_types)}(?=\s)"),
        # Capitalised: "согласно приложению 2" names an appendix, "Приложение 2 к …" heads it.
        # An agreement stamp opens with its word as printed ("СОГЛАСОВАНО Решение 7 сессии …").
        "stamp_start": re.compile(rf"(?<=\s)(?:{words_regex(w[:1].upper() + w[1:] for lx in every for w in (lx.part_word('appendix').stem, *lx.words('structure.stamp_words')))}"
                                  rf"|{agreed_word_regex(every)})"
                                  r"(?:\s+№?\s*\d+)?\s+к?\s*"),
        "initials_end": re.compile(rf"(?<=[{lower}])\s[{upper}]\.\s?[{upper}]\.(?=\s)"),
        "point_start": re.compile(r"\s*\d{1,3}(?:-\d{1,3})*[.)]\s"),
        # "… ақпаратты жібереді."; көрсетілген Қағидаға …": a new wording given in quotes
        # ends its item; the next instruction follows on a line of its own.
        "wording_end": re.compile(r"[.!?][\"»]+[;.](?=\s+\S)"),
        "colon": re.compile(r":(?=\s+[\w\"«])"),
        # The signer's name after the position: "Е. Саденов", "К.Мәсімов", or surname first
        # (as extract/self_facts.py reads a name's line): "Тауекелов Р.", "Тауекелов Р.С.";
        # in "… Республики Казахстан Е. Тургумбаев" the initial opens the name after it.
        "name": re.compile(rf"(?<=\s)(?:[{upper}]\.\s?(?:[{upper}]\.\s?)?[{upper}][{lower}]+(?![\w.])"
                           rf"|[{upper}][{lower}]+\s[{upper}]\.(?:\s?[{upper}]\.)?(?!\w|\s?[{upper}][{lower}]))"),
        "signer": re.compile(rf"\b(?:{phrases_regex(w for lx in every for w in lx.words('self_facts.signer_bodies'))})",
                             re.IGNORECASE),
        # An operative instruction ("… күші жойылсын", "отменить", "… өзгерістер
        # енгізілсін"): a sentence's words, never a title's ("… тану туралы", "О признании
        # …").
        "instruction": re.compile(phrases_regex(w for lx in every for key in ("repeal_act", "amend_act")
                                                for w in lx.words(f"amendments.{key}")),
                                  re.IGNORECASE),
    }


@dataclass
class _Numbering:
    """Where a line's points and subpoints stand: the last label of each level."""

    point: int | None = None
    subpoint: int | None = None
    # A heading ("1-тарау. Жалпы ережелер") has no closing mark: its first point follows a word.
    after_heading: bool = False

    def accepts(self, number: int, sub: bool, dot: bool, before: str) -> bool:
        """Whether the label "number" ("number-k" when ``sub``) opens an item here."""
        closed = not before or before[-1] in _TERMINAL or (
            before[-1] in "\"»" and before[-2:-1] != "" and before[-2] in _TERMINAL)
        if dot:
            if not (closed or self.after_heading):
                return False
            if sub:
                return self.point == number
            if number == (self.point or 0) + 1:
                self.point, self.subpoint, self.after_heading = number, None, False
                return True
            return False
        if not closed:
            return False
        if sub:
            return self.subpoint == number
        if (self.subpoint is not None and number == self.subpoint + 1) or (
                number == 1 and before[-1:] == ":"):
            self.subpoint = number
            return True
        return False


def run_on_to_paragraphs(text: MappedText) -> MappedText:
    """``text`` with a line break wherever a run-on line's content shows a paragraph's start
    (see the module docstring); every other character as it was."""
    breaks: list[int] = []
    pos = 0
    # The header sentence is looked for in the lines of the text's top only: before the
    # operative formula's line, in the first characters.
    formula = next(_formulas(text.text[:_HEADER_ZONE * 4]), None)
    top = min(_HEADER_ZONE, formula.start() if formula else len(text.text))
    # The title, when it has a line of its own above: a copy of the database's page prints
    # it again under the header sentence.
    title = text.text.split("\n", 1)[0]
    for line in text.text.split("\n"):
        if len(line) >= _RUN_ON:
            breaks += [pos + at for at in _line_breaks(line, pos < top, title if pos else "")
                       if line[at] == " "]
        pos += len(line) + 1
    if not breaks:
        return text
    raw = text.text
    edits: list[tuple[int, int, str]] = []
    for at in sorted(set(breaks)):
        # The whole gap becomes the break: no line starts or ends with a space.
        start, end = at, at + 1
        while start > 0 and raw[start - 1] in " \t":
            start -= 1
        while end < len(raw) and raw[end] in " \t":
            end += 1
        if not edits or start >= edits[-1][1]:
            edits.append((start, end, "\n"))
    return text.edit(edits)


def opens_note(line: str) -> bool:
    """Whether ``line`` opens with the database's note ("Ескерту. Күші жойылды …", "Сноска.
    …"): a paragraph of its own wherever it stands."""
    m = _words()["note"].match(" " + line.lstrip(), 1)
    return m is not None


def _sentence_ends(line: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The sentence ends that start in ``line[start:end]`` (the look-ahead may read on)."""
    words = _words()
    for m in words["sentence_end"].finditer(line, start, min(len(line), end + 4)):
        if m.start() >= end:
            return
        if not words["label_before"].search(line, max(0, m.start() - 8), m.start()):
            yield m


def _formulas(line: str, start: int = 0) -> Iterator[re.Match[str]]:
    """The operative formulas of ``line`` from ``start``, found at its colons (one pattern
    of every formula, tried everywhere, would cost more than the rest of this stage)."""
    formula = _words()["formula"]
    for mark in _words()["formula_mark"].finditer(line, start):
        at = mark.start()
        m = formula.search(line, max(start, at - _FORMULA_CHARS), at + 1)
        if m is not None:
            yield m


def _line_breaks(line: str, top: bool, title: str = "") -> list[int]:
    """Offsets of the spaces in ``line`` where a new paragraph starts, if the line runs
    several paragraphs together: the text's first line holding more than its title, a
    formula with the points after it, two points, or more than a paragraph's length."""
    words = _words()
    quoted = _quoted(line)
    # A formula the first point follows is this act's, even where a quote that lost its
    # closing mark seems to hold it ('… № 543 "О мерах … вложения, решил; 1. Внести …'); a
    # preamble quoted in a new wording ends with its quote.
    formula = next((m for m in _formulas(line) if not quoted(m.start())
                    or words["first_point"].match(line, m.end())), None)
    body_start = formula.end() if formula else 0
    head_end = formula.start() if formula else min(len(line), _HEADER_ZONE)
    header = [at for at in _header_breaks(line, head_end, title) if 0 < at < len(line)] \
        if top else []
    numbered = _numbered_breaks(line, body_start, quoted, None)
    run_on = bool(header) or len(line) > _PARAGRAPH or sum(kind == "point" for kind, _ in numbered) >= 2 \
        or (formula is not None and len(line) - formula.end() > _FORMULA_TAIL)
    stamps = _stamp_breaks(line, body_start, quoted)
    # "… жариялансын. Қазақстан Республикасының Ішкі істер министрі … № 2 бұйрығына № 1
    # қосымша Қазақстан …": a point's paragraph run on into the signature and the stamp after.
    if not run_on and not stamps:
        return []
    # An approval or appendix stamp opens a document whose points count from 1 again.
    numbered = _numbered_breaks(line, body_start, quoted, [end for _, end in stamps])
    out = header + [at for _, at in numbered] + [at for pair in stamps for at in pair]
    if formula is not None:
        out.append(formula.end())
    for m in words["note"].finditer(line):
        if quoted(m.start()):
            continue
        out.append(m.start() - 1)
        end = next(_sentence_ends(line, m.end(), len(line)), None)
        named_end = _note_act_end(line, m.end(), end.start() if end else len(line))
        if named_end is not None:
            out.append(named_end)
        elif end is not None:
            out.append(end.start() + 1)
    # "… қаулысына мынадай өзгеріс енгізілсін: / … ережеде: / 24-тармақ …": an amending
    # instruction's colon ends its line; what it introduces follows on lines of its own.
    out += [m.end() for m in words["colon"].finditer(line, body_start) if not quoted(m.start())]
    out += [m.end() for m in words["wording_end"].finditer(line, body_start)]
    out += _signature_breaks(line, body_start, quoted)
    return [at for at in out if 0 < at < len(line)]


def _note_act_end(line: str, start: int, end: int) -> int | None:
    """Where a note with no full stop ends: after the act it names, when a word with a
    capital follows ("Сноска. Утратило силу решением акима … от 10.01.2003 № 4 В
    соответствии с …"); None where the note's sentence ends first or names no act so."""
    from shezhire.extract.russian import russian_citations, text_language

    limit = min(end, start + _NOTE_REACH)
    cites = (russian_citations(line, start, limit) if text_language(line[:_HEADER_ZONE]) == "ru"
             else find_citations(line, start, limit))
    follows = _words()["capital_word_next"]
    return next((c.end for c in cites if c.number and c.end < end
                 and follows.match(line, c.end)), None)


def _signature_breaks(line: str, start: int, quoted: _Quoted) -> list[int]:
    """The signer's position and name, each on its own line ("… күшіне енеді. Қазақстан
    Республикасының Ішкі істер министрі Е. Саденов Қазақстан Республикасы …")."""
    words = _words()
    out: list[int] = []
    for m in words["name"].finditer(line, start):
        if quoted(m.start()):
            continue
        ends = list(_sentence_ends(line, max(start, m.start() - 200), m.start()))
        if not ends:
            continue
        opens, position_start = ends[-1].start() + 1, ends[-1].end()
        # "… заместителя акима области Долженкова В.А. Аким Алматинской области Ш. Кулмаханов":
        # a name written surname first, its initials last, ends the sentence before the
        # position (an initial's period ends no sentence by itself).
        named = next(reversed(list(words["initials_end"].finditer(line, position_start,
                                                                  m.start()))), None)
        if named is not None:
            opens, position_start = named.end(), named.end() + 1
        position = line[position_start:m.start()]
        # "5. Осы шешімнің орындалуын бақылау облыс әкімінің орынбасары В.А. Долженковқа …":
        # a point names an official; a signer's position opens no point.
        if not words["signer"].search(position) or len(position.split()) > 16 \
                or words["point_start"].match(position):
            continue
        out += [opens, m.start() - 1]
        if words["capital_next"].match(line, m.end()):
            out.append(m.end())
    return out


def _header_breaks(line: str, head_end: int, title: str = "") -> list[int]:
    """The header sentence on its own line, a status label before it on its own too."""
    from shezhire.extract.clean import status_labels
    from shezhire.extract.russian import russian_citations, text_language

    head = line[:head_end]
    words = _words()
    cites: list[Citation] = (russian_citations(head) if text_language(line) == "ru"
                             else find_citations(head, 0, len(head)))
    quoted = _quoted(head)
    # A title may quote another act ("… в постановление … «Об утверждении …»"); the header
    # sentence opens with its type word ("Постановление Правительства …") or is not quoted.
    # In Russian the header opens with its type word, capitalised ("в постановление …" cites).
    russian = text_language(line) == "ru"
    header = next((c for c in cites if c.adopted and c.number and _is_nominative(c.type_word)
                   and (c.type_word[:1].isupper() or not (russian or quoted(c.start)))), None)
    if header is None:
        return _short_header_breaks(line, head_end, title)
    # "… № 59 қаулысы. … № 7725 болып тіркелді. / preamble … ҚАУЛЫ ЕТЕДІ:": the registration
    # closes the header's paragraph where the preamble runs on after it (a note that follows
    # it, "Күші жойылды – …", stays in the header's paragraph as the database prints it).
    registered = words["registered"].match(line, header.end)
    header_end = registered.end() if registered is not None else None
    formula_after = header_end is not None and next(_formulas(line, header_end), None) is not None
    if header_end is not None and words["note_action"].match(line, header_end):
        # "… тіркелді. Күші жойылды – … № 2/512 қаулысымен / preamble": the database's
        # note goes on to the act it names; what follows it (the preamble, or the page's
        # "Құжаттан сілтемелер" table) is another paragraph when it opens with a capital.
        named = next((c for c in (russian_citations(line, header_end, header_end + 400)
                                  if text_language(line) == "ru"
                                  else find_citations(line, header_end, header_end + 400))
                      if c.number), None)
        header_end = named.end if named is not None and (
            formula_after or words["capital_next"].match(line, named.end)) else None
    elif not formula_after:
        header_end = None
    if line[:header.start].strip() in ("", *status_labels()):
        # The header sentence opens its line: its paragraph is as printed, unless the
        # preamble runs on after it.
        return [header_end] if header_end is not None else []
    out = [header.start - 1]
    after = words["capital_next"].match(line, header.end)
    # (The database's note "Күші жойылды – …" stays on the header's line, as it prints it.)
    if after is not None and line[header.end - 1] not in _TERMINAL \
            and not words["note_action"].match(line, header.end):
        out.append(header.end)
    before = line[:header.start].rstrip()
    # "Title / Header. Күші жойылды – … / Title again / preamble": a copy of the database's
    # page names the act above and below its header sentence.
    title = before[:_TITLE_PREFIX]
    again = line.find(" " + title, header.end, head_end) if len(title) >= _TITLE_PREFIX // 2 else -1
    if again > 0:
        out.append(again)
    elif header_end is not None:
        out.append(header_end)
    for label in sorted(status_labels(), key=len, reverse=True):
        if before.endswith(" " + label):
            out.append(len(before) - len(label) - 1)
            break
        if line.startswith(label + " ", header.start):
            # "… туралы Жаңартылған Маңғыстау облысы әкімдігінің …": the label is no issuer's word.
            out.append(header.start + len(label))
            break
    return out


def _short_header_breaks(line: str, head_end: int, above: str = "") -> list[int]:
    """"Title / Қаулы 05.02.2013 № 86, … / Title again": the database's short header line
    opens with the bare type word; it stands between the title and the title printed again.
    With the title on its own line ``above``, the header line opens with the type word."""
    prefix = above[:_TITLE_PREFIX]
    if len(prefix) >= _TITLE_PREFIX // 2 and _words()["bare_type"].match(" " + line, 1):
        again = line.find(" " + prefix, 0, head_end)
        if again > 0 and "№" in line[:again]:
            return [again]
    title = line[:_TITLE_PREFIX]
    if len(title) < _TITLE_PREFIX // 2:
        return []
    again = line.find(" " + title, len(title), head_end)
    if again < 0:
        return []
    bare = _words()["bare_type"].search(line, 0, again)
    if bare is None or "№" not in line[bare.end():again]:
        return []
    return [bare.start() - 1, again]


@from_lexicon
def _nominatives() -> frozenset[str]:
    return frozenset(n.nominative.lower() for lx in lexicons() for n in lx.act_types)


def _is_nominative(type_word: str) -> bool:
    """"Қаулысы", "шешімі", "Постановление": the act that speaks, not one it cites."""
    kept = type_word.lower().split()
    return bool(kept) and (kept[0] in _nominatives() or kept[-1] in _nominatives())


def _numbered_breaks(line: str, start: int, quoted: _Quoted, restarts: list[int] | None
                     ) -> list[tuple[str, int]]:
    """Breaks before headings and before the labels the numbering grammar accepts; the
    numbering starts again at each of ``restarts`` (a stamp's end). With ``restarts`` None,
    the points only, to tell whether a line runs several together (headings cost more)."""
    words = _words()
    headings = words["heading"].finditer(line, start) if restarts is not None else ()
    marks = sorted([(m.start(), "heading", m) for m in headings]
                   + [(m.start(), "label", m) for m in words["label"].finditer(line, start)],
                   key=lambda x: x[0])
    numbering = _Numbering()
    out: list[tuple[str, int]] = []
    pending = sorted(restarts or ())
    for at, kind, m in marks:
        while pending and pending[0] <= at:
            pending.pop(0)
            # The approved document's title, with no closing mark, comes before its point 1.
            numbering = _Numbering(after_heading=True)
        if quoted(at):
            continue
        before = line[:at].rstrip()
        if kind == "heading":
            if before[-1:] in _TERMINAL or not before:
                out.append(("heading", at - 1))
                numbering.after_heading = True
            continue
        number, sub, dot = int(m.group(1)), bool(m.group(2)), m.group(3) == "."
        if numbering.accepts(number, sub, dot, before):
            out.append(("point" if dot and not sub else "subpoint", at - 1))
    return out


@from_lexicon
def _stamp_end_firsts() -> re.Pattern[str] | None:
    return first_char_scanner(_words()["stamp_end"])


def _stamp_breaks(line: str, start: int, quoted: _Quoted) -> list[tuple[int, int]]:
    """An approval or appendix stamp set apart: (its start, its end), from the sentence
    before the act it names to its last word."""
    from shezhire.extract.russian import russian_citations, text_language

    words = _words()
    out: list[tuple[int, int]] = []
    russian = text_language(line[:_HEADER_ZONE]) == "ru"
    # (The pattern begins with an optional number, then a case-insensitive word: re tries it
    # at every character; it is tried only at a digit or a stamp word's first letter.)
    for m in finditer_from(words["stamp_end"], _stamp_end_firsts(), line, start):
        if quoted(m.start()):
            continue
        window = max(0, m.start() - 400)
        cites = (russian_citations(line, window, m.start()) if russian
                 else find_citations(line, window, m.start()))
        named = next((c for c in reversed(cites) if c.adopted
                      and 0 <= m.start() - c.end <= _STAMP_GAP), None)
        if named is not None:
            named_start, named_end = named.start, named.end
        else:
            # A blank stamp names its act from its year on: the issuer before it is part of
            # the stamp, as the sentence's end before it shows.
            blank = words["blank_act"].search(line, window, m.start())
            if blank is None:
                continue
            named_start, named_end = blank.start(), blank.end()
        # The stamp starts after the sentence before it (a signature may stand between); a
        # title that names the rules another act approved ("… № 148 қаулысымен бекітілген
        # … қағидалары …") has no sentence before it.
        ends = list(_sentence_ends(line, window, named_start))
        opens = ends[-1].start() + 1 if ends else None
        # "… басшысы Т. Рысбеков Астана қаласы мәслихатының … шешіміне қосымша": a signer's
        # name ends no sentence, yet the stamp starts after it.
        signed = [n for n in words["name"].finditer(line, window, named_end)
                  if n.end() > (opens or 0) and words["capital_next"].match(line, n.end())]
        if signed:
            opens = signed[-1].end()
        elif opens is None and "\t" in line[window:named_start] and line[named_start:named_start + 1].isupper():
            # "… 24 \t1-2691 орындығы \tдана \t35 Қазақстан Республикасы Үкіметінің … № 224
            # қаулысымен бекітілген": a table's row ends no sentence, yet the stamp after the
            # table starts with the act it names.
            opens = named_start - 1
        # "2) "… туралы" … № 846 қаулысымен бекітілген Қазақстан Республикасы …": a point
        # that names another act's approved document; a stamp opens no point.
        if opens is not None and not words["point_start"].match(line, opens) \
                and not _instruction_after(line, m.end()):
            out.append((opens, m.end()))
    if russian:
        out += _stamp_first_breaks(line, start, quoted)
    return out


def _instruction_after(line: str, at: int) -> bool:
    """Whether what follows a stamp's word at ``at``, up to its sentence's end or the next
    point's label, is an instruction, not the title of the document the stamp approves: "…
    № 208 шешімімен бекітілген Ертіс өзенгі аңғарындағы шаруашылық қызмет туралы Ережедегі
    8.1-тармақтын осы шешімге қайшы келетіндіктен күші жойылсын." names an approved
    document's part in a point's sentence."""
    words = _words()
    end = next(_sentence_ends(line, at, len(line)), None)
    label = words["label"].search(line, at, end.start() if end else len(line))
    limit = label.start() if label else (end.start() if end else len(line))
    return words["instruction"].search(line, at, limit) is not None


def _stamp_first_breaks(line: str, start: int, quoted: _Quoted) -> list[tuple[int, int]]:
    """A stamp that opens with its word ("Приложение 2 к решению маслихата города Астаны от
    23 сентября 2015 года № 410/57-V", "Утвержден постановлением …"): from that word to the
    number of the act it names, when a capital follows (the approved document's title). A
    draft's blanks name the act too ("Приложение к приказу Министра … от «____» ________
    2025 года № ____ Перечень …")."""
    from shezhire.extract.russian import blank_stamp_end, russian_citations

    words = _words()
    out: list[tuple[int, int]] = []
    for m in words["stamp_start"].finditer(line, start):
        if quoted(m.start()):
            continue
        named = next((c.end for c in russian_citations(line, m.end(), m.end() + 300)
                      if c.adopted and c.number and c.start - m.end() <= _STAMP_GAP), None)
        if named is None:
            named = blank_stamp_end(line, m.end())
        if named is not None and words["capital_next"].match(line, named):
            out.append((m.start() - 1, named))
    return out


class _Quoted:
    """Whether an offset of a line lies inside quotes (a quoted point belongs to the wording
    an amendment gives another act, not to this act's numbering)."""

    def __init__(self, line: str) -> None:
        # Quotes pair as titles do: «» by their kind, straight quotes by the side of the word
        # they stand on (extract/citations.quoted_regions). A title that lost its closing
        # mark ("«Об … «Выдача …» (зарегистрирован …)") quotes nothing after it, where
        # counting marks would quote the rest of a joined line.
        regions = sorted(_guillemet_regions(line) + quoted_regions(line))
        self.starts = [start for start, _ in regions]
        # How far the regions opened up to each start reach (a straight title may hold «»).
        self.reach = list(itertools.accumulate((end for _, end in regions), max))

    def __call__(self, at: int) -> bool:
        k = bisect.bisect_right(self.starts, at) - 1
        return k >= 0 and at <= self.reach[k]


def _guillemet_regions(line: str) -> list[tuple[int, int]]:
    """The outermost «…» of ``line`` whose marks pair."""
    regions: list[tuple[int, int]] = []
    stack: list[int] = []
    for m in _GUILLEMET.finditer(line):
        if m.group() == "«":
            stack.append(m.start())
        elif stack:
            first = stack.pop()
            if not stack:
                regions.append((first, m.start()))
    return regions


_GUILLEMET = re.compile("[«»]")


def _quoted(line: str) -> _Quoted:
    return _Quoted(line)
