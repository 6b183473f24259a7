"""The Russian text of an act: its header facts and relations.

The database publishes every act in Russian too. The Russian text names acts type word first
("постановлением акимата Северо-Казахстанской области от 7 февраля 2020 года № 24"), so it has
a reader of its own, built from the words of the Russian lexicon (``lexicon/ru.json``):

    text_language → russian_citations → russian_header, russian_registration,
    russian_notes (repealed_by, amended_by), russian_repeals, russian_amends

Each result keeps the span it was read from; the record module turns them into the record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from shezhire.extract.citations import Citation, record_act_type
from shezhire.extract.first_chars import finditer_from, first_char_scanner, lacks_factors
from shezhire.extract.kazakh.matchers import SPACED_DASH
from shezhire.extract.lexicon import (
    agreed_word_regex,
    from_lexicon,
    lexicon,
    phrases_regex,
    words_regex,
)
from shezhire.extract.models import ActType, Evidence, Provision

_KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")

# A number's second part after a spaced dash ("№ 36 – 11 от 24 декабря 2010 года": the
# number 36-11), as SPACED_DASH reads it.
_DASHED_PART = r"(?:[ \t]+[–—-][ \t]+\d{1,3}(?!\d)[^\s,;:)\"«]*)?"
# A session's letter before the number, spaced ("№ С 29-6").
_LETTER_FIRST = r"(?:(?-i:[А-ЯЁ])[ \t]+(?=\d))?"
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Both classes lie below U+0500: each code point below it marked 1 (Russian's Cyrillic
# letters), 2 (Kazakh's own) or 0, so a text's letters are counted in one numpy pass instead
# of a list of one-letter strings per class (``findall``: 1.6 ms a 20,000-character text).
_LETTER_KINDS_END = 0x500
_LETTER_KINDS = np.array(
    [2 if _KAZAKH_LETTERS.fullmatch(chr(c)) else 1 if _CYRILLIC.fullmatch(chr(c)) else 0
     for c in range(_LETTER_KINDS_END)] + [0], dtype=np.intp)


def _letter_counts(sample: str) -> tuple[int, int]:
    """How many of ``sample``'s characters ``_KAZAKH_LETTERS`` and ``_CYRILLIC`` match."""
    codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kinds = _LETTER_KINDS[np.minimum(codes, _LETTER_KINDS_END)]
    counts = np.bincount(kinds, minlength=3)
    return int(counts[2]), int(counts[1])


def text_language(text: str) -> str:
    """"kk" or "ru": which of the two the text is written in. Kazakh's own letters are about
    one letter in twenty of a Kazakh text and next to none of a Russian one (a place name).

    Between the two (one letter in a hundred to one in twenty) the lines vote: a Russian act
    may append a bilingual form (a permit printed in both languages) whose Kazakh letters
    count over the whole text, yet its own lines are Russian. A tie stays Kazakh."""
    sample = text[:20000]
    kazakh, russian = _letter_counts(sample)
    cyrillic = russian + kazakh
    if cyrillic < 20 or kazakh >= 0.05 * cyrillic:
        return "kk"
    if kazakh < 0.01 * cyrillic:
        return "ru"
    votes = Counter(_letters_language(line) for line in sample.split("\n"))
    return "ru" if votes["ru"] > votes["kk"] else "kk"


def _letters_language(sample: str) -> str | None:
    """The language of one line by its share of Kazakh letters; None when it has too few
    Cyrillic letters to tell (a number, a signature)."""
    kazakh = len(_KAZAKH_LETTERS.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample)) + kazakh
    if cyrillic < 20:
        return None
    return "ru" if kazakh < 0.01 * cyrillic else "kk"


@from_lexicon
def _words() -> dict[str, Any]:
    """The Russian words of this reader, from the Russian lexicon."""
    lx = lexicon("ru")
    plain = {n.stem: n.key for n in lx.act_types if not n.before}
    type_forms: dict[str, ActType] = {}
    for noun in lx.act_types:
        for form in (noun.nominative, *noun.forms):
            key = noun.key if not noun.before else plain.get(noun.stem, noun.key)
            type_forms.setdefault(form.lower(), record_act_type(key))
    refined = [(phrases_regex(n.before), record_act_type(n.key)) for n in lx.act_types if n.before]
    return {
        "type_forms": type_forms,
        "nominatives": frozenset(n.nominative.lower() for n in lx.act_types),
        "refined": refined,  # "нормативное постановление": a normative decree
        "joint": lx.pattern("citations.joint"),
        "months": [m.lower() for m in lx.words("months")],
        # A type word's plural endings ("решений", "приказов"): a note listing several acts.
        "plural_type_endings": tuple(lx.words("citations.plural_type_endings")),
        "issuer_nominative": {f.lower(): n.nominative for n in lx.issuer_kinds for f in n.forms},
        "registered": lx.pattern("registration.registered"),
        "repealed_note": lx.pattern("note_actions.repealed"),
        "note_openers": words_regex(lx.words("structure.note_openers")),
        "repeals_point": lx.pattern("amendments.repeal_act"),
        "changes_document": lx.pattern("amendments.changes_document"),
        "amends_point": lx.pattern("amendments.amend_act"),
        "amending_title": lx.pattern("self_facts.amending_title"),
        "repealing_title": lx.pattern("self_facts.repealing_title"),
        "stamp_words": lx.pattern("structure.stamp_words"),
        "appendix": re.escape(lx.part_word("appendix").stem),
        # "Пункт 4 решения ...", "подпункт 2) пункта 1 ...": a part of the act, not all of it.
        "part_words": words_regex(f for w in lx.part_words if w.key not in ("chapter", "section")
                                  for f in (w.stem, *w.forms)),
        "appendix_forms": words_regex((lambda w: (w.stem, *w.forms))(lx.part_word("appendix"))),
        "year_words": words_regex(lx.words("dates.year_words")),
    }


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    date: re.Pattern[str]
    citation: re.Pattern[str]
    registration: re.Pattern[str]
    type_of: dict[str, ActType]
    nominative_forms: frozenset[str]
    # The characters a citation may begin with (first_chars): it is tried only there.
    citation_firsts: re.Pattern[str] | None = None


@from_lexicon
def _patterns() -> _Patterns:
    words = _words()
    months = "|".join(map(re.escape, words["months"]))
    year = words["year_words"]
    date = (rf"[\"«]?(?P<d>\d{{1,2}})[\"»]?\s+(?P<m>{months})\s+(?P<y>\d{{4}})(?:\s*{year})?"
            # Older texts: "4.08.95 г.", "29.11.99 г.", "06.05.98 года" (a two-digit year only
            # before its year word); "20/04/2001 года" with slashes.
            rf"|(?P<dd>\d{{1,2}})(?P<sep>[./])(?P<mm>\d{{2}})(?P=sep)(?P<yy>\d{{4}}|\d{{2}}(?=\s*г(?:\.|од)))(?:\s*{year})?"
            # The database's notes write the year first: "от 2004.05.14 N 44".
            rf"|(?P<fy>\d{{4}})\.(?P<fm>\d{{2}})\.(?P<fd>\d{{2}})(?!\d)")
    types = _alternation(list(words["type_forms"]))
    refined = "|".join(f"(?:{before})" for before, _k in words["refined"]) or "(?!)"
    citation = re.compile(
        rf"(?P<type>(?:(?:{words['joint']})\s+)?(?P<before>(?:{refined})\s+)?(?:{types}))\b"
        # The issuer: words up to "от", never across a sentence end, a quote or "№".
        rf"(?P<issuer>(?:(?!\bот\b)[^.;:\"«»№()\n]){{0,220}}?)"
        # A maslikhat's session after its name: "решение областного маслихата (ХLVI сессия, V
        # созыв) от 10 декабря 2015 года № 407/46".
        rf"(?:\s*\([^()\n]{{1,80}}\))?"
        rf"\s*(?:[\"«][^\"«»]{{1,500}}[\"»]\s*"
        # A stamp's title left unclosed runs up to the date: '... маслихата "Об установлении
        # ... в городе Талдыкорган от 4 октября 2006 г. N 31-239'.
        rf"|[\"«][^\"«»\n]{{1,500}}?\s+(?=от\s+[\"«]?\d))?"
        # Older stamps put the number first: "№ 2-10 от "11" февраля 2005 г."
        rf"(?:(?:№|N)\s*(?P<number_first>{_LETTER_FIRST}[^\s,;:)\"«]+{_DASHED_PART})\s+)?"
        rf"(?:\bот\s+(?P<date>{_prefixed(date, 'c')})"
        # "приказ Министра внутренних дел Республики Казахстан 24 марта 2016 года № 291": the
        # date without "от", then the number; or after the number a stamp puts first
        # ("к решению … маслихата № 63 / 6 декабря 2012 года").
        rf"|(?P<bare>{_prefixed(date, 'b')})(?(number_first)|(?=\s*(?:№|N)\s*\d)))"
        # "от 26 февраля 2004 года за № 2-28": older notes put "за" before the number, as
        # registrations do.
        # (A stamp that put its number first has none after its date: "№ 15/164 от 13 января
        # 2005 года" over a table whose first cell is "№ п/п".)
        rf"(?(number_first)|(?:\s*(?:за\s+)?(?:№|N)\s*(?P<number>{_LETTER_FIRST}[^\s,;:)\"«]+{_DASHED_PART}))?)",
        re.IGNORECASE)
    registration = re.compile(
        rf"(?:{words['registered']})\s+(?P<by>[^.]{{0,200}}?)\s*"
        rf"(?P<date>{_prefixed(date, 'r')})\s*(?:за\s+)?(?:№|N)\s*(?P<number>\d[\d-]*)",
        re.IGNORECASE)
    return _Patterns(re.compile(date, re.IGNORECASE), citation, registration,
                     words["type_forms"], words["nominatives"], first_char_scanner(citation))


def _prefixed(pattern: str, prefix: str) -> str:
    """``pattern`` with its group names (and references to them) prefixed, so that one
    date pattern can stand several times in a larger one."""
    return pattern.replace("?P<", f"?P<{prefix}").replace("?P=", f"?P={prefix}")


def _iso(m: re.Match[str], prefix: str = "") -> str | None:
    try:
        if m.group(f"{prefix}d"):
            month = _words()["months"].index(m.group(f"{prefix}m").lower()) + 1
            return dt.date(int(m.group(f"{prefix}y")), month, int(m.group(f"{prefix}d"))).isoformat()
        if m.group(f"{prefix}fy"):
            return dt.date(int(m.group(f"{prefix}fy")), int(m.group(f"{prefix}fm")),
                           int(m.group(f"{prefix}fd"))).isoformat()
        year = int(m.group(f"{prefix}yy"))
        if year < 100:  # "95" is 1995, "03" 2003: the database's acts start in 1990
            year += 1900 if year >= 50 else 2000
        return dt.date(year, int(m.group(f"{prefix}mm")), int(m.group(f"{prefix}dd"))).isoformat()
    except ValueError:
        return None  # "31 февраля": no such day; the caller's finding says so


def issuer_to_nominative_ru(issuer: str) -> str:
    """"акимата Северо-Казахстанской области" → "акимат Северо-Казахстанской области"."""
    issuer = re.sub(r"\b[IVXLC\d]+\s+(?:очередной\s+|внеочередной\s+)?сессии\s+", "", issuer)
    issuer = re.sub(r"\s+[IVXLC\d]+\s+созыва\b", "", issuer)
    words = issuer.split()
    if not words:
        return issuer
    head = _words()["issuer_nominative"].get(words[0].lower())
    if head is not None:
        words[0] = head if words[0].islower() else head.capitalize()
    return " ".join(words)


def russian_citations(text: str, start: int = 0, end: int | None = None) -> list[Citation]:
    """Every act the Russian text names with its date, in text order."""
    p = _patterns()
    out = []
    for m in finditer_from(p.citation, p.citation_firsts, text, start,
                           len(text) if end is None else end):
        type_word = " ".join(m.group("type").split())
        lowered = type_word.lower()
        found = p.type_of.get(lowered) or p.type_of.get(lowered.split()[-1])
        if found is None:
            continue
        kind: ActType = found
        if m.group("before"):
            refined: list[tuple[str, ActType]] = _words()["refined"]
            kind = next((k for before, k in refined
                         if re.fullmatch(before, m.group("before").strip(), re.IGNORECASE)), kind)
        issuer = " ".join(m.group("issuer").split()) or None
        number = m.group("number") or m.group("number_first")
        if number:
            number = SPACED_DASH.sub(r"-\g<part>", number.rstrip("."))
        out.append(Citation(
            act_type=kind, issuer=issuer_to_nominative_ru(issuer) if issuer else None,
            adopted=_iso(m, "b" if m.group("bare") else "c"), number=number or None, registration_number=None, title=None,
            start=m.start(), end=m.end(), type_word=type_word, type_start=m.start()))
    return out


@from_lexicon
def _formula() -> re.Pattern[str]:
    formulas = lexicon("ru").labels("structure.operative_formulas")
    return re.compile(rf"\b(?:{phrases_regex(f for fs in formulas.values() for f in fs)})\s*:")


def _front_end(text: str, provisions: list[Provision]) -> int:
    """Where the header zone ends: the operative formula or the first point."""
    starts = [p.start for p in provisions if p.kind in ("point", "chapter")]
    formula = _formula().search(text)
    if formula is not None:
        starts.append(formula.start())
    return min(starts) if starts else min(len(text), 3000)


def russian_header(text: str, provisions: list[Provision]) -> Citation | None:
    """This act, as the header sentence names it: type word in the nominative, first."""
    from shezhire.extract.self_facts import join_short_lines

    nominative = _patterns().nominative_forms
    # A header set over short lines ("Решение 7 сессии / областного маслихата / от 12 апреля
    # 2001 года / №С-7-7") is read as the sentence it is, whether or not the cleaning joined
    # its lines; where it starts is judged on the lines as they stand. Only the header zone is
    # joined (with the next line's start, which decides whether its last line joins).
    end = _front_end(text, provisions)
    joined = join_short_lines(text[:end + 200])
    for c in russian_citations(joined, 0, min(end, len(joined))):
        if c.type_word.lower().split()[-1] in nominative and c.adopted:
            line_start = text.rfind("\n", 0, c.start) + 1
            before = text[line_start:c.start].strip()
            # "СОГЛАСОВАНО / Решение 7 сессии … №С-7-7": an agreement stamp's word before
            # the header, on its line or joined to it.
            if before == "" or before in _status_labels() or _agreed_word().fullmatch(before):
                return c
    return None


@from_lexicon
def _agreed_word() -> re.Pattern[str]:
    """An agreement stamp's word as printed ("СОГЛАСОВАНО")."""
    return re.compile(agreed_word_regex())


def _status_labels() -> set[str]:
    from shezhire.extract.clean import status_labels

    return set(status_labels())


@dataclass(frozen=True)
class RussianRegistration:
    number: str
    date: str | None
    by: str | None
    evidence: Evidence


def russian_registration(text: str, provisions: list[Provision]) -> RussianRegistration | None:
    m = next((m for m in _patterns().registration.finditer(
        text, 0, _front_end(text, provisions) + 400) if not _inside_brackets(text, m.start())
        and "№" not in m.group("by")), None)
    if m is None:
        return None
    by = re.sub(r"^(?:в|во)\s+", "", " ".join(m.group("by").split())) or None
    return RussianRegistration(m.group("number"), _iso(m, "r"), by,
                               Evidence(text[m.start():m.end()], m.start(), m.end()))


def _inside_brackets(text: str, at: int) -> bool:
    """"... № 27 (зарегистрировано в Реестре ... № 8-9-89 ...)": a cited act's registration,
    in the brackets after the citation, is not this act's."""
    line = text[text.rfind("\n", 0, at) + 1:at]
    return line.count("(") > line.count(")")


def _sentences_with(text: str, pattern: re.Pattern[str], start: int, end: int
                    ) -> list[tuple[int, int]]:
    spans = []
    for m in pattern.finditer(text, start, end):
        s_end = re.search(r"(?<![№N])\.\s+(?=[А-ЯЁA-Z])|\n", text[m.end():end])
        spans.append((m.start(), m.end() + (s_end.start() if s_end else end - m.end())))
    return spans


def russian_notes(text: str, provisions: list[Provision]) -> tuple[list[Citation], list[Citation]]:
    """(repealed_by, amended_by): the acts the header and the database's notes name.

    "Утратило силу постановлением ..." with nothing before it (in the header sentence or a
    "Сноска.") repeals the act; "Пункт 3 утратил силу ..." changes a part: an amendment.
    """
    words = _words()
    zone_end = _front_end(text, provisions)
    lost = re.compile(words["repealed_note"], re.IGNORECASE)
    opener = re.compile(words["note_openers"])
    repealed: list[Citation] = []
    amended: list[Citation] = []
    spans = [(m.start(), _line_end(text, m.start())) for m in opener.finditer(text)]
    # "Примечание РЦПИ! / / Приказ утрачивает силу с 01.01.2013 приказом ...": an opener on a
    # line of its own heads the line after it.
    spans = [(s, _line_end(text, _next_line(text, e)) if len(text[s:e].split()) <= 2 else e)
             for s, e in spans]
    # A note the structure found without its opener ("Исключен решением ... № 223.").
    spans += [(p.start, p.end) for p in provisions if p.role == "note"
              and not any(ns <= p.start < ne for ns, ne in spans)]
    spans += [(s, e) for s, e in _sentences_with(text, lost, 0, zone_end)
              if not any(ns <= s < ne for ns, ne in spans)]
    # "4. Утратил силу постановлением ...", "2) (Подпункт 2) утратил силу - ...)": a point
    # the database replaced by the note of its repeal changes the act.
    in_place = re.compile(rf"\s*(?:\d+(?:-\d+)*[.)]\s*)?\(?\s*(?:{words['part_words']}\w*\s+"
                          rf"[\d\s,)-]*)?(?:{words['repealed_note']})", re.IGNORECASE)
    for p in provisions:
        if p.kind in ("point", "subpoint") and p.start >= zone_end and in_place.match(p.text) \
                and not any(ns <= p.start < ne for ns, ne in spans):
            amended.extend(c for c in russian_citations(text, p.start, _line_end(text, p.start))
                           if c.number)
    for start, end in spans:
        m = lost.search(text, start, end)
        # (The note may name the act by its type: "Приказ утрачивает силу ...".)
        whole = m is not None and re.fullmatch(
            r"\s*(?:(?:Сноска|Примечание\s+\S+)[.!]?)?\s*[-–—]?\s*"
            rf"(?:(?i:{_alternation(sorted(words['nominatives']))})\s+)?",
            text[_sentence_start(text, m.start(), start):m.start()]) is not None
        # (A law is named by its date alone in older notes, right after the action: "Утратило
        # силу Законом Республики Казахстан от 13.07.1999 года."; a law cited further on, "в
        # соответствии с Законом ... от 23 января 2001 года", is the repeal's basis.)
        cites = [c for c in russian_citations(text, start, end)
                 if c.number or (c.act_type in ("law", "code") and m is not None
                                 and not text[m.end():c.start].strip())]
        cites = [listed for c in cites for listed in [c, *_listed_after_plural(text, c, end)]]
        (repealed if whole else amended).extend(_joint_acts(text, cites))
    return _unique(repealed), _unique(amended)


_JOINT_TYPES = frozenset({"decree", "decision"})


def _joint_acts(text: str, cites: list[Citation]) -> list[Citation]:
    """A joint act of an akimat and a maslikhat is named by both its parts: "постановлением
    акимата ... от 06.04.2010 года № А-4/107 и решением маслихата ... от 06.04.2010 года №
    4С-23-8" is one act (type other), named by its first party's date and number, as a
    Kazakh note's "... қаулысымен және ... шешімімен" is."""
    link = lexicon("ru").words("self_facts.joint_parties")
    out: list[Citation] = []
    for c in cites:
        prev = out[-1] if out else None
        if prev is not None and prev.adopted and prev.adopted == c.adopted \
                and {prev.act_type, c.act_type} == _JOINT_TYPES \
                and re.fullmatch(rf"\s+{words_regex(link)}\s+", text[prev.end:c.start]):
            parties = f" {link[0]} ".join(name for name in (prev.issuer, c.issuer) if name)
            out[-1] = dataclasses.replace(prev, act_type="other", issuer=parties or None,
                                          end=c.end)
            continue
        out.append(c)
    return out


def _listed_after_plural(text: str, c: Citation, end: int) -> list[Citation]:
    """The acts a note lists after a plural type word with the first of them: "в редакции
    решений маслихата области Абай от 13.12.2023 № 11/83-VIII (...); от 04.11.2024 №
    20/138-VIII (...)" names two decisions of one body; each further item is a date and a
    number."""
    if not c.type_word.lower().endswith(_words()["plural_type_endings"]):
        return []
    out = []
    at = c.end
    while (m := _further_item().match(text, at, end)) is not None:
        out.append(Citation(
            act_type=c.act_type, issuer=c.issuer, adopted=_iso(m, "f"),
            number=m.group("number").rstrip("."), registration_number=None, title=None,
            start=m.start("on"), end=m.end(), type_word=c.type_word, type_start=c.type_start))
        at = m.end()
    return out


@from_lexicon
def _further_item() -> re.Pattern[str]:
    """"(...); от 04.11.2024 № 20/138-VIII": one more item of a list of acts, after the
    bracketed rule of the one before it."""
    date = _prefixed(_patterns().date.pattern, "f")
    return re.compile(rf"(?:\s*\([^()]*\))?\s*[;,]\s*(?:и\s+)?(?P<on>от\s+(?:{date})\s*"
                      r"(?:№|N)\s*(?P<number>[^\s,;:)\"«]+))", re.IGNORECASE)


def _next_line(text: str, at: int) -> int:
    """Where the first non-blank line after ``at`` starts (``at`` where none follows)."""
    m = re.compile(r"\n\s*(?=\S)").search(text, at)
    return m.end() if m else at


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _sentence_start(text: str, at: int, floor: int) -> int:
    """Where the sentence holding ``at`` starts (not before ``floor``)."""
    cut = max((m.end() for m in re.finditer(r"(?<![№N])\.\s+(?=[А-ЯЁ])", text[floor:at])),
              default=0)
    return floor + cut


# Where a sentence or a list's item ends: a full stop before a capital (not "№ 5." or an
# initial's), a semicolon or a colon. "8.1", "г. Павлодара" go on.
_ITEM_END = re.compile(r"(?<![№N\s][А-ЯЁA-Z])(?<![№N])\.\s+(?=[А-ЯЁA-Z])|[;:]\s+|\n")


def _item_start(text: str, at: int, floor: int) -> int:
    """Where the sentence, or the item of a list, that holds ``at`` starts (not before
    ``floor``): "Пункт 8.1 Положения …, утвержденного решением … № 208 отменить" names a
    part whether it opens a line or follows the sentence before it on the same line."""
    return max((m.end() for m in _ITEM_END.finditer(text, floor, at)), default=floor)


def _unique(cites: list[Citation]) -> list[Citation]:
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for c in cites:
        key = (c.adopted, c.number)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def russian_repeals(text: str, points: list[Provision],
                    parts: list[Citation] | None = None) -> list[Citation]:
    """Whole acts the operative points declare repealed ("признать утратившим силу ..."),
    in the point or in the appendix it names ("... согласно приложению 2"). An item of such
    a list that names a part ("Пункт 4 решения ...") changes the act: it goes to ``parts``."""
    repeal = re.compile(_words()["repeals_point"], re.IGNORECASE)
    part_first = re.compile(rf"^\s*(?:\d+[.)]\s*)?{_words()['part_words']}\b", re.IGNORECASE)
    changes = re.compile(_words()["changes_document"], re.IGNORECASE)
    out: list[Citation] = []
    for point in points:
        said = repeal.search(point.text)
        if said:
            cites = [c for c in russian_citations(text, point.start, point.end)
                     if c.number and c.adopted]
            # "утратившим силу приложение № 1) к решению ...": a part of the act.
            if cites and part_first.match(text[point.start + said.end():cites[0].start]):
                if parts is not None:
                    parts.append(cites[0])
                cites = cites[1:]
            # "Отменить: 1) постановление ... № 337; 2) пункт 4 изменений, ... утвержденных
            # постановлением ... № 846": an item that names a part repeals no whole act; it
            # changes the act ("Пункт 8.1 Положения ..., утвержденного решением ... № 208
            # отменить").
            # Where each citation's sentence or list item starts, found once a citation.
            item = {c.start: _item_start(text, c.start, point.start) for c in cites}
            named_part = [c for c in cites if item[c.start] > point.start
                          and part_first.match(text[item[c.start]:c.start])]
            # (A point of a list of changes, "пункт 4 изменений, которые вносятся в некоторые
            # решения ..., утвержденных постановлением ... № 846", changed other acts: its
            # cancelling changes none of the act that approved the list.)
            changed = [c for c in named_part if not changes.search(text, item[c.start], c.start)]
            if parts is not None:
                # (The first act an item names is the one its part belongs to.)
                firsts: dict[int, Citation] = {}
                for c in changed:
                    firsts.setdefault(item[c.start], c)
                parts += [firsts[start] for start in sorted(firsts)]
            cites = [c for c in cites if c not in named_part]
            cites = _unique(_listed_after_lead(text, point) + cites)
            listed = _appendix_named(text, point.text) if not cites else None
            if listed is not None:
                cites = [c for c in russian_citations(text, *listed) if c.number and c.adopted]
                cites = _items_by_last_requisites(text, *listed, cites)
                whole = [c for c in cites
                         if not part_first.match(text[text.rfind("\n", 0, c.start) + 1:c.start])]
                if parts is not None:
                    parts += [c for c in cites if c not in whole]
                cites = whole
            out += cites
    return _unique(out)


def _listed_after_lead(text: str, point: Provision) -> list[Citation]:
    """"Признать утратившими силу следующие решения Мангистауского областного маслихата: / 1)
    от 17 марта 2015 года № 23/376 ...; 2) от 13 декабря 2017 года № 15/182 ...": the lead-in
    names the type and the body once, each item only its date and number."""
    head_end = text.find("\n", point.start, point.end)
    if head_end < 0 or not text[point.start:head_end].rstrip().endswith(":"):
        return []
    lead = next((c for c in _lead_types().finditer(text, point.start, head_end)), None)
    if lead is None:
        return []
    kind = _patterns().type_of.get(lead.group("type").lower())
    if kind is None:
        return []
    issuer = " ".join(text[lead.end():head_end].rstrip(" :").split()) or None
    out = []
    for m in _listed_item().finditer(text, head_end, point.end):
        out.append(Citation(
            act_type=kind, issuer=issuer_to_nominative_ru(issuer) if issuer else None,
            adopted=_iso(m, "l"), number=m.group("number").rstrip("."), registration_number=None,
            title=None, start=m.start("on"), end=m.end(), type_word=lead.group("type"),
            type_start=lead.start("type")))
    return out


@from_lexicon
def _lead_types() -> re.Pattern[str]:
    """The plural type word of a list's lead-in: "следующие решения", "некоторые приказы"."""
    plural = [f for f in _words()["type_forms"] if f.endswith(("ия", "ы", "и"))]
    return re.compile(rf"\b(?:следующ|некотор)\w*\s+(?P<type>{_alternation(plural)})\b", re.IGNORECASE)


@from_lexicon
def _listed_item() -> re.Pattern[str]:
    date = _prefixed(_patterns().date.pattern, "l")
    return re.compile(rf"^\s*\d+\)\s*(?P<on>от\s+(?:{date})\s*(?:№|N)\s*(?P<number>[^\s,;:)\"«]+))",
                      re.MULTILINE | re.IGNORECASE)


def _items_by_last_requisites(text: str, start: int, end: int, cites: list[Citation]
                              ) -> list[Citation]:
    """The acts of a numbered list, one an item: "2. Решение маслихата области Абай «О
    внесении изменения в решение ... от 18 ноября 2022 года № 10/56-VII «Об утверждении ...»
    от 20 апреля 2023 года № 2/22-VIIІ." An item's type word opens it, and its own date and
    number stand after its title, or before it; the title (whose quotes may not pair) may
    cite other acts, which the list does not name. Citations outside the items stand as
    found."""
    items = []
    for head in _item_head().finditer(text, start, end):
        line_end = _line_end(text, head.start())
        found = list(_item_requisites().finditer(text, head.end(), line_end))
        if not found:
            continue
        # A title first ("Решение ... «...» от ... № ..."): the item's own date and number
        # close it; the date first ("Приказ ... от ... № 354 «О внесении изменений в приказ
        # ... от ... № 183 ...»"): they open it, and the title's follow.
        last = found[-1] if text[head.end():line_end].lstrip()[:1] in "«\"" else found[0]
        kind = _patterns().type_of.get(head.group("type").lower())
        if kind is None:
            continue
        issuer = " ".join(head.group("issuer").split()) or None
        items.append((head.start(), line_end, Citation(
            act_type=kind, issuer=issuer_to_nominative_ru(issuer) if issuer else None,
            adopted=_iso(last, "i"), number=last.group("number").rstrip("."),
            registration_number=None, title=None, start=head.start("type"), end=last.end(),
            type_word=head.group("type"), type_start=head.start("type"))))
    if not items:
        return cites
    outside = [c for c in cites if not any(s <= c.start < e for s, e, _ in items)]
    return sorted([c for _, _, c in items] + outside, key=lambda c: c.start)


@from_lexicon
def _item_head() -> re.Pattern[str]:
    """A numbered item that opens with a type word, and the body named after it, up to a
    title's quote or the date."""
    types = _alternation(list(_words()["type_forms"]))
    return re.compile(rf"^[ \t]*\d+[.)][ \t]*(?P<type>{types})\b"
                      r"(?P<issuer>[^«\"\n]*?)(?=\s*[«\"]|\s+от\s)",
                      re.MULTILINE | re.IGNORECASE)


@from_lexicon
def _item_requisites() -> re.Pattern[str]:
    date = _prefixed(_patterns().date.pattern, "i")
    return re.compile(rf"\bот\s+(?:{date})\s*(?:№|N)\s*(?P<number>[^\s,;:)\"«]+)",
                      re.IGNORECASE)


def _appendix_named(text: str, point: str) -> tuple[int, int] | None:
    """The span of the appendix a point refers to ("согласно приложению 2"): from its
    label's last line ("Приложение 2", "Приложение № 2 к решению") to the next appendix."""
    appendix = _words()["appendix"]
    named = re.search(rf"{_words()['appendix_forms']}(?:\s*№)?\s*(?P<n>\d+)?", point,
                      re.IGNORECASE)
    if named is None:
        return None
    number = named.group("n")
    label = re.compile(rf"^{appendix}\w*(?:\s*№)?\s*{re.escape(number) if number else ''}"
                       r"(?!\d)[^\n]*$", re.MULTILINE | re.IGNORECASE)
    starts = [m.start() for m in label.finditer(text)]
    if not starts:
        return None
    start = starts[-1]
    following = re.compile(rf"^{appendix}", re.MULTILINE | re.IGNORECASE).search(text, start + 1)
    return start, following.start() if following else len(text)


def russian_amends(text: str, points: list[Provision]) -> list[Citation]:
    """Acts the operative points change ("внести в постановление ... следующие изменения")."""
    amend = re.compile(_words()["amends_point"], re.IGNORECASE)
    out: list[Citation] = []
    for point in points:
        head = point.text.split("\n", 1)[0]
        if amend.search(head):
            cites = [c for c in russian_citations(text, point.start, point.start + len(head))
                     if c.number or c.adopted]
            out += cites[:1]
    return _unique(out)


def russian_title_acts(text: str, title: Provision | None, kind: str) -> list[Citation]:
    """Acts an amending ("О внесении изменений в ...") or repealing ("О признании утратившим
    силу ...") title names; ``kind`` is "amending_title" or "repealing_title"."""
    if title is None:
        return []
    if not re.match(_words()[kind], title.text, re.IGNORECASE):
        return []
    return _unique([c for c in russian_citations(text, title.start, title.end)
                    if c.number and c.adopted])


@from_lexicon
def _stamp_before() -> re.Pattern[str]:
    """What stands before the act a stamp names: "Утвержден ...", "Приложение 1 к ..."."""
    words = _words()
    # ("Приложение решению ... маслихата": a stamp may drop the "к"; in a sentence,
    # "приложение № 4 Решения ..." names a part of another act, and so does "в соответствии с
    # приложением к Постановлению ...": a stamp's word is never in the instrumental.)
    # (A copy set as a quote in italics keeps its marks between the stamp's lines:
    # "Приложение № 1* > *к решению 15 сессии".)
    return re.compile(rf"(?:{words['stamp_words']}|{words['appendix']}(?!м)\w*[\s*>]+(?:№\s*)?(?:\d+[\s*>]+)?к"
                      rf"|(?-i:{words['appendix'].capitalize()})\w*)"
                      r"\s*$", re.IGNORECASE)


def russian_stamps(text: str) -> list[Citation]:
    """This act as its approval or appendix stamps name it ("Утвержден решением маслихата
    города Астаны от 23 сентября 2015 года № 410/57-V", "Приложение к приказу ...")."""
    from shezhire.extract.self_facts import join_short_lines

    # (A copy may set each of a stamp's lines apart with a blank line: "Приложение / / к
    # Приказу Министерства / / финансов Республики Казахстан / / N 534 от 16.11.98г.")
    text = join_short_lines(text, over_blank_lines=True)
    # (Every stamp's words hold one of the words read off the pattern: a text without any
    # is not read for citations.)
    dated = [c for c in russian_citations(text) if c.adopted
             and _stamp_before().search(text[max(0, c.start - 40):c.start])] \
        if not lacks_factors(_stamp_before(), text) else []
    if dated:
        return dated
    # "Приложение к приказу Министра здравоохранения Республики Казахстан от «____» ________
    # 2025 года № ____": the copy kept the draft's blanks; the stamp still names the act's type
    # and issuer, though not its date or number.
    p = _patterns()
    out = []
    # (Every blank holds "_": a text without one is not scanned. The pattern begins with a
    # case-insensitive alternation, which the regex engine tries at every character.)
    for m in _blank_stamp().finditer(text) if "_" in text else ():
        kind = p.type_of.get(" ".join(m.group("type").split()).lower())
        issuer = " ".join(m.group("issuer").split())
        if kind is None or not issuer or not _stamp_before().search(text[max(0, m.start() - 40):m.start()]):
            continue
        out.append(Citation(
            act_type=kind, issuer=issuer_to_nominative_ru(issuer), adopted=None, number=None,
            registration_number=None, title=None, start=m.start(), end=m.end(),
            type_word=m.group("type"), type_start=m.start()))
    return out


def blank_stamp_end(text: str, at: int) -> int | None:
    """Where the act a stamp names with blank requisites ends, when it starts at ``at``
    ("приказу Министра здравоохранения Республики Казахстан от «____» ________ 2025 года №
    ____"); None where none starts there."""
    m = _blank_stamp().match(text, at)
    return m.end() if m is not None else None


@from_lexicon
def _blank_stamp() -> re.Pattern[str]:
    """A stamp whose date and number are blanks: "приказу Министра ... от «____» ________
    2025 года № ____"."""
    types = _alternation(list(_words()["type_forms"]))
    year = _words()["year_words"]
    return re.compile(rf"(?P<type>{types})\b(?P<issuer>[^.;:\"«»№()]{{1,220}}?)\s*"
                      rf"от\s+[\"«]\s*_+\s*[\"»]\s*_+\s*(?:\d{{4}}\s*(?:{year})?)?\s*"
                      r"(?:№|N)\s*_+", re.IGNORECASE)
