"""Citations of acts in cleaned text: "<issuer> <date> № <number> <act-type word>".

The Kazakh language's matchers find the pieces (dates with inflected months, act numbers,
inflected act-type nouns); this module puts them together around each act-type word, the
way the database writes a citation:

    [«title»] ISSUER DATE № NUMBER [«title»] [(note)] TYPE-WORD [(registration)]

A citation is a fact with evidence: its span covers the words it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import get_args

from shezhire.extract.identity import act_id, issuer_to_nominative, title_key
from shezhire.extract.kazakh.dates import DateMention, find_dates
from shezhire.extract.kazakh.matchers import NumberMention, find_act_numbers, find_act_type_words
from shezhire.extract.lexicon import (
    LexiconError,
    from_lexicon,
    lexicon,
    phrase_regex,
    phrases_regex,
    words_regex,
)
from shezhire.extract.models import ActRef, ActType, Evidence

_PAREN = r"\((?:[^()]|\([^()]*\))*\)"
# The database's code of the cited act that older texts set after its number or title ("N 172
# V990739_ бұйрығы", "N 1650 P971650_ қаулысын", "N 37 ~V950077 нұсқаулыққа"): a link, not
# words of the citation.
_LINK_CODE = r"~?[A-Z]\d{6,10}_*"


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """A citation's words, from the lexicon."""
    lx = lexicon("kk")
    joint = lx.pattern("citations.joint")
    year = words_regex(lx.words("dates.year_words"))
    enters = lx.pattern("in_force.enters")
    acting = lx.words("acting.abbreviations")
    # A full stop inside an abbreviation ("м.а.") ends no phrase.
    inside_abbreviation = "".join(dict.fromkeys(
        rf"(?<!\b{re.escape(a[:i])})" for a in acting for i, ch in enumerate(a) if ch == "."))
    stops = phrases_regex(lx.words("citations.issuer_stops"))  # "утратил*": any ending
    country, short = lx.word("country.name"), lx.word("country.abbreviation")
    genitive = words_regex(lx.endings("genitive", possessed=True))
    head = lx.word("acting.head")
    head_forms = [head, *((lx.morphology.genitive(head), lx.morphology.possessive(head))
                          if lx.morphology else ())]
    # A signer's name ("В.Метте", "Е. Саденов") ends no body's name: the stamp under a
    # signature runs into it when short lines are joined.
    upper, lower = lx.upper(), lx.lower()
    person = rf"(?<!\w)[{upper}]\.\s?(?:[{upper}]\.\s?)?[{upper}][{lower}]+(?=\s)"
    act_forms = words_regex(f for n in lx.act_types for f in n.forms)
    return {
        # An older text's title with no quotes between the number and the type word ("… N 444
        # Теңіз ауданы … поселке санатына жатқызу туралы шешімінің"): words that end with
        # "about", with no digit, quote, sign, full stop or type word of an act among them.
        "unquoted_title": re.compile(
            rf"\s+(?P<title>(?:(?!{act_forms})[^\W\d_][^\s\d\"«»“”№;:.]*\s+(?:[-–—]\s+)?){{1,30}}?"
            rf"{lx.pattern('documents.about')})\s+", re.IGNORECASE),
        # (A title that quotes another act's title holds one more pair of quotes.)
        "gap": re.compile(rf'\s*(?:{_LINK_CODE}\s*)?(?:"[^"]{{1,800}}(?:"[^"]{{1,800}}"[^"]{{0,800}})?"\s*)?'
                          rf'(?:{_PAREN}\s*){{0,2}}(?:{joint}\s+)?'),
        "registration": re.compile(
            rf"{lx.pattern('registration.registry')}\s+№\s*(\d[\d-]*)"
            rf"|№\s*(\d[\d-]*)\s+{lx.pattern('registration.registered_any')}"),
        "in_force_date": re.compile(rf"(\d{{2}}\.\d{{2}}\.\d{{4}})\s*(?:{year}\s*)?"
                                    rf"{lx.pattern('in_force.from')}\s+{lx.pattern('in_force.into')}"),
        "in_force_rule": re.compile(rf"\(([^()]*{enters})\)"),
        # Where an issuer's name cannot have started: after a title's closing quote, a
        # sentence mark, a bracket, a dash, a table-cell break (a signature in the cell before
        # is not the issuer), or a word that ends the phrase before it.
        "issuer_boundary": re.compile(
            # (An initial's full stop, "В. Пляцук", is not a sentence's: the name it starts is.)
            rf'.*(?:[";:()–|]|\d|{inside_abbreviation}(?<![\s.][{upper}])\.(?=\s)|,|\s-\s|\b{stops}\b|{person})',
            re.DOTALL),
        "issuer_head": re.compile(
            rf"(?:\w+{genitive}|{words_regex(acting)}|{words_regex(head_forms)}"
            rf"|{phrase_regex(country)}|{re.escape(short)})$"),
        "joint_end": re.compile(rf"{joint}\s*$"),
        # "… туралы" 1992 жылғы 10 қаңтардағы Қазақстан Республикасының Заңына": a law (a
        # type the country heads) cited by its date and title, the country after the date.
        "country_between": re.compile(rf"\s*{phrase_regex(country)}{genitive}?\s+"),
        # A body's name of a few capitalised words, nothing else: "Қарағанды облыстық атқару
        # комитеті".
        # Or a local body's name in the genitive, as an older text writes it in lower case:
        # "06.05.98 ж. № 145 облыс әкімінің шешімін".
        "body_between": re.compile(rf"\s+(?:[{upper}][{lower}]+(?:\s+[{lower}{upper}][{lower}]+){{1,5}}"
                                   rf"|(?:[{lower}]+\s+){{1,4}}{words_regex(lx.words('self_facts.local_bodies'))}{genitive})\s+"),
        # An older stamp names the year alone, then the act's title, then its full date:
        # "Жамбыл облысы Әкімінің 2002 жылғы "... туралы" 24.12.2002 ж. N 220 шешіміне".
        "year_and_title": re.compile(rf'\d{{4}}\s+{year}\s*"[^"]{{1,800}}"\s*$'),
        "second_type": re.compile(rf"\s+{words_regex(lx.words('conjunctions.and') + lx.words('conjunctions.with'))}"
                                  rf"\s+{words_regex(n.nominative for n in lx.act_types)}\b"),
        "and_word": re.compile(words_regex(lx.words("conjunctions.and"))),
        "type_form": re.compile(rf"(?:{'|'.join(re.escape(s) for n in lx.act_types for s in n.stems)})\w*",
                                re.IGNORECASE),
        "session": re.compile(lx.pattern("citations.session_words")),
        # An older stamp names the session between the date and the number: "12 сәуір 2001
        # жылғы / жетінші сессиясының / № С-7-7 шешімі".
        "session_between": re.compile(rf"\s*(?:\S+\s+){{1,3}}(?:{lx.pattern('citations.session_words')})\s*"),
        "and_end": re.compile(rf"\s+{words_regex(lx.words('conjunctions.and'))}\s+$"),
        # A plural type word ("шешімдерімен") closes a list of the acts it names.
        "plural_type": re.compile(rf"(?:{'|'.join(re.escape(s) for n in lx.act_types for s in n.stems)})\w*?"
                                  rf"{words_regex(lx.endings('plural'))}\w*$", re.IGNORECASE),
        # Between two listed acts: what was said of the first ("(... қолданысқа енгізіледі)"),
        # then ";", "," or "және"/"мен".
        # Between two laws listed by title and date: a comma or "and", then the next one's
        # title ('… 2001 жылғы 23 қаңтардағы, "… туралы" 2013 жылғы 15 сәуірдегі … Заңдарын').
        "law_list_gap": re.compile(rf'\s*(?:,|\s{words_regex(lx.words("conjunctions.and") + lx.words("conjunctions.with"))})'
                                   r'\s*"[^"]{1,800}"\s*$'),
        "list_gap": re.compile(rf"\s*(?:{_PAREN}\s*)?(?:[;,]\s*|\s+{words_regex(lx.words('conjunctions.and') + lx.words('conjunctions.with'))}\s+)"),
    }


@from_lexicon
def _country_headed() -> frozenset[str]:
    """The act types whose name the country heads ("Қазақстан Республикасының Заңы")."""
    return frozenset(n.key for n in lexicon("kk").act_types if n.headed_by_country)


@from_lexicon
def _refined() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(type, words before it, the type they make of it): "нормативтік" қаулы is a
    normative decree."""
    lx = lexicon("kk")
    refined = []
    for noun in lx.act_types:
        plain = next((n.key for n in lx.act_types if n.stem == noun.stem and not n.before), None)
        if noun.before and plain is not None:
            before = phrase_regex(" ".join(noun.before))
            refined.append((plain, re.compile(rf"{before}\s*$", re.IGNORECASE), noun.key))
    return tuple(refined)


def _countries() -> tuple[str, str]:
    """The country's name and abbreviation, as a national issuer's name starts."""
    lx = lexicon("kk")
    return lx.word("country.name"), lx.word("country.abbreviation")


def record_act_type(key: str) -> ActType:
    """The record's act type for a lexicon's key (the record contract's names)."""
    for act_type in get_args(ActType):
        if act_type == key:
            return act_type  # type: ignore[no-any-return]  # get_args of a Literal
    raise LexiconError(f"act type {key!r} of the lexicon is not one of the record's: "
                       f"{', '.join(get_args(ActType))}")


@dataclass
class Citation:
    """One act named in the text, as the text names it."""

    act_type: ActType
    issuer: str | None
    adopted: str | None
    number: str | None
    registration_number: str | None
    title: str | None
    start: int
    end: int
    type_word: str
    type_start: int = 0
    in_force_from: str | None = None
    in_force_rule: str | None = None
    date_problems: list[str] = field(default_factory=list)

    def to_ref(self, text: str) -> ActRef:
        return ActRef(
            id=citation_id(self),
            act_type=self.act_type,
            issuer=self.issuer,
            adopted=self.adopted,
            number=self.number,
            registration_number=self.registration_number,
            title=self.title,
            in_force_from=self.in_force_from,
            in_force_rule=self.in_force_rule,
            evidence=Evidence(text[self.start:self.end], self.start, self.end),
        )


def citation_id(c: Citation) -> str:
    if c.adopted is None and c.number is None and c.title:
        # A law cited by its title only ("Тұрғын үй қатынастары туралы" Заңы): the title is
        # all that tells it apart from other laws.
        return act_id(c.act_type, c.issuer, None, None) + "_" + title_key(c.title)
    return act_id(c.act_type, c.issuer, c.adopted, c.number)


def find_citations(text: str, start: int = 0, end: int | None = None) -> list[Citation]:
    """Every act citation in ``text[start:end]``, in reading order."""
    end = len(text) if end is None else end
    window = text[start:end]
    words = find_act_type_words(window)
    if not words:
        return []  # every citation stands at a type word: the dates and numbers are not read
    dates = find_dates(window)
    numbers = find_act_numbers(window)
    titles = quoted_regions(window)
    found: list[Citation] = []
    for word in words:
        if any(a < word.start < b for a, b in titles):
            continue  # "…№ 29 шешіміне өзгерістер енгізу туралы": part of a title, not a citation
        c = _citation_at(window, word.start, word.end, word.act_type, dates, numbers)
        if c is not None:
            c = _joint_with_previous(window, c, dates, numbers)
            for listed in [*_listed_before(window, c, dates, numbers), c]:
                listed.start += start
                listed.end += start
                listed.type_start += start
                found.append(listed)
    return found


def _listed_before(text: str, c: Citation, dates: list[DateMention],
                   numbers: list[NumberMention]) -> list[Citation]:
    """The acts listed before a plural type word with the last of them: "... мәслихатының
    24.12.2021 № 110 (...); 24.06.2026 № 331 (...) шешімдерімен" names decisions № 110 and
    № 331 of one body. Each is a date and a number; the body's name stands before the first."""
    words = _words()
    if c.number is None and c.adopted is not None and c.act_type in _country_headed() \
            and words["plural_type"].search(c.type_word):
        return _laws_listed_before(text, c, dates)
    if c.issuer is not None or c.adopted is None or c.number is None \
            or not words["plural_type"].search(c.type_word):
        return []
    listed: list[Citation] = []
    at = c.start
    while True:
        number = next((n for n in reversed(numbers) if n.end <= at
                       and words["list_gap"].fullmatch(text, n.end, at)), None)
        if number is None:
            break
        date = next((d for d in reversed(dates) if d.end <= number.start
                     and not text[d.end:number.start].strip()), None)
        if date is None:
            break
        listed.insert(0, Citation(
            act_type=c.act_type, issuer=None, adopted=date.iso, number=number.number,
            registration_number=None, title=None, start=date.start, end=number.end,
            type_word=c.type_word, type_start=c.type_start,
            date_problems=[date.problem] if date.problem else []))
        at = date.start
    if listed:
        issuer, issuer_start = _issuer_before(text, listed[0].start)
        if issuer is not None:
            named = issuer_to_nominative(issuer)
            for item in (*listed, c):
                item.issuer = named
            listed[0].start = issuer_start
    return listed


def _laws_listed_before(text: str, c: Citation, dates: list[DateMention]) -> list[Citation]:
    """The laws listed by title and date before a plural type word with the last of them:
    '"… басқару туралы" 2001 жылғы 23 қаңтардағы, "Мемлекеттік көрсетілетін қызметтер
    туралы" 2013 жылғы 15 сәуірдегі Қазақстан Республикасының Заңдарын' names two laws."""
    listed: list[Citation] = []
    at = c.start
    while True:
        date = next((d for d in reversed(dates) if d.end <= at
                     and _words()["law_list_gap"].fullmatch(text, d.end, at)), None)
        if date is None:
            break
        listed.insert(0, Citation(
            act_type=c.act_type, issuer=c.issuer, adopted=date.iso, number=None,
            registration_number=None, title=_title_before(text, date.start),
            start=date.start, end=date.end, type_word=c.type_word, type_start=c.type_start,
            date_problems=[date.problem] if date.problem else []))
        at = date.start
    if listed and c.issuer is None:
        # 'Қазақстан Республикасының "… туралы" 2001 жылғы 23 қаңтардағы, "… туралы" 2016
        # жылғы 6 сәуірдегі заңдарына': the country before the first title heads them all.
        title = re.search(r'"[^"]{1,800}"\s*$', text[max(0, listed[0].start - 900):listed[0].start])
        if title is not None:
            issuer, _start = _issuer_before(text, max(0, listed[0].start - 900) + title.start())
            if issuer is not None:
                for item in (*listed, c):
                    item.issuer = issuer_to_nominative(issuer)
    return listed


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """The outermost quoted titles: a quote after a space opens, one after a word closes.

    Titles that quote a title often lost one of their marks; a closing quote with nothing
    open is ignored rather than opening a region that would swallow the sentence.
    """
    regions: list[tuple[int, int]] = []
    stack: list[int] = []
    # From quote to quote (str.find), not a Python step per character of the text.
    i = text.find('"')
    while i != -1:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = (before.isspace() or before in "(«-–") and not after.isspace()
        if opens:
            stack.append(i)
        elif stack:
            first = stack.pop()
            if not stack:
                regions.append((first, i))
        i = text.find('"', i + 1)
    return regions


def _joint_with_previous(text: str, c: Citation, dates: list[DateMention],
                         numbers: list[NumberMention]) -> Citation:
    """A joint act ("A-ның … № 318 және B-ның … № 74 бірлескен бұйрығы") is named by its
    parties together; its date and number are the first party's."""
    words = _words()
    if not words["joint_end"].search(text[max(0, c.type_start - 14):c.type_start]):
        return c
    m = words["and_end"].search(text[:c.start])
    if not m:
        return c
    first_number = next((n for n in reversed(numbers) if n.end <= m.start()
                         and not text[n.end:m.start()].strip()), None)
    if first_number is None:
        return c
    first_date = next((d for d in reversed(dates) if d.end <= first_number.start
                       and not text[d.end:first_number.start].strip()), None)
    if first_date is None:
        return c
    issuer, issuer_start = _issuer_before(text, first_date.start)
    parties = [issuer_to_nominative(issuer)] if issuer else []
    if c.issuer:
        parties.append(c.issuer)
    c.issuer = f" {lexicon('kk').words('conjunctions.and')[0]} ".join(parties) or None
    c.adopted = first_date.iso
    c.number = first_number.number
    c.start = issuer_start if issuer else first_date.start
    if words["second_type"].match(text, c.end):
        c.act_type = "other"  # "бірлескен қаулысы мен шешімі": an akimat's and a maslikhat's
    return c


# (A maslikhat's session and the title's registration may stand in brackets around it: "2015
# жылғы 10 желтоқсандағы (V сайланған XLVI сессиясы) "..." (... № 4873 болып тіркелген ...)
# № 407/46 шешімінің".)
_TITLE_BETWEEN = re.compile(rf'\s*(?:{_PAREN}\s*)?"[^"]{{1,800}}"\s*(?:{_PAREN}\s*)?')


def _citation_at(text: str, ts: int, te: int, act_type: str,
                 dates: list[DateMention], numbers: list[NumberMention]) -> Citation | None:
    words = _words()
    number = None
    anchor = ts
    for n in reversed(numbers):
        if n.end <= ts and words["gap"].fullmatch(text, n.end, ts):
            number = n
            break
    body_between: tuple[int, int] | None = None
    unquoted: str | None = None
    if number is None:
        # "1985 жылғы 5 қарашадағы № 028с Қарағанды облыстық атқару комитеті шешімінің": an
        # older text names the issuer between the number and the type word.
        last = next((n for n in reversed(numbers) if n.end <= ts), None)
        if last is not None and words["body_between"].fullmatch(text, last.end, ts):
            number, body_between = last, (last.end, ts)
        elif last is not None:
            bare = words["unquoted_title"].fullmatch(text, last.end, ts)
            if bare is not None:
                number, unquoted = last, " ".join(bare.group("title").split())
    if number is not None:
        anchor = number.start
    date = None
    for d in reversed(dates):
        if d.end <= anchor and (
            (number is not None and (text[d.end:anchor].strip() in ("", ".")
                                     or words["session_between"].fullmatch(text, d.end, anchor)))
            or (number is None and (words["gap"].fullmatch(text, d.end, ts) or (
                act_type in _country_headed()
                and words["country_between"].fullmatch(text, d.end, ts))))
        ):
            date = d
            break
    if date is None and number is not None:
        # "2008 жылғы 29 желтоқсандағы "... туралы" № 16-101 шешімі": the title between.
        date = next((d for d in reversed(dates) if d.end <= anchor
                     and _TITLE_BETWEEN.fullmatch(text, d.end, anchor)), None)
    if date is None and number is None:
        return None
    number_end = number.end if number is not None else None
    if number is None and date is not None:
        # "Облыс әкімінің № 704 1998 ж. 10 қыркүйек шешімінің": an older stamp puts the
        # number before the date.
        number = next((n for n in reversed(numbers) if n.end <= date.start
                       and not text[n.end:date.start].strip()), None)
    begin = date.start if date is not None else anchor
    if number is not None and number.start < begin:
        begin = number.start
    issuer, issuer_start = _issuer_before(text, begin)
    if issuer is None and number is None and date is not None \
            and words["country_between"].fullmatch(text, date.end, ts):
        # (The country after the date heads the law: its issuer as where it stands before.)
        issuer = text[date.end:ts].strip()
    if body_between is not None:
        issuer = " ".join(text[body_between[0]:body_between[1]].split())
        issuer_start = begin
    if issuer is None and date is not None:
        lead = words["year_and_title"].search(text, max(0, begin - 900), begin)
        if lead is not None:
            issuer, issuer_start = _issuer_before(text, lead.start())
            if issuer is None:
                issuer_start = begin
    title = _title_before(text, issuer_start if issuer is not None else begin)
    gap = text[(number_end if number_end is not None else (date.end if date else ts)):ts]
    after = text[te:te + 300]
    reg = _registration(gap)
    end = te
    if reg is None:
        reg, tail = _registration_after(after)
        end = te + tail  # the quote reaches the registration it proves
    in_force_from = None
    m = words["in_force_date"].search(gap)
    if m:
        day, month, year = m.group(1).split(".")
        in_force_from = f"{year}-{month}-{day}"
    rule = words["in_force_rule"].search(gap)
    if title is None:
        inner = re.match(r'\s*"([^"]{1,800})"', gap)
        title = inner.group(1) if inner else unquoted
    kind = act_type
    for plain, before, refined in _refined():
        if kind == plain and before.search(text[max(0, ts - 20):ts]):
            kind = refined
    return Citation(
        act_type=record_act_type(kind),
        # (A capitalised name read between number and type word is already in the
        # nominative; a local body's in lower case is in the genitive.)
        issuer=(issuer if body_between and issuer[:1].isupper() else issuer_to_nominative(issuer))
        if issuer else None,
        adopted=date.iso if date is not None else None,
        number=number.number if number is not None else None,
        registration_number=reg,
        title=title,
        start=issuer_start if issuer is not None else begin,
        end=end,
        type_word=text[ts:te],
        type_start=ts,
        in_force_from=in_force_from,
        in_force_rule=rule.group(1) if rule else None,
        date_problems=[date.problem] if date is not None and date.problem else [],
    )


def _issuer_before(text: str, at: int) -> tuple[str | None, int]:
    """The issuing body's words that stand right before the date, if any."""
    window_start = max(0, at - 250)
    window = text[window_start:at]
    words = _words()
    cut = words["issuer_boundary"].match(window)
    phrase_start = cut.end() if cut else 0
    phrase = window[phrase_start:]
    stripped = phrase.strip()
    if not stripped or len(stripped.split()) > 14:
        return None, at
    if not words["issuer_head"].search(stripped):
        return None, at
    # A national body's name starts with the country: words before it belong to the sentence.
    name, short = _countries()
    # (Its words may stand apart by a line break or a tab in a wrapped copy.)
    country = max((m.start() for m in re.finditer(
        r"\s+".join(map(re.escape, name.split())) + "|" + re.escape(short) + r"\s", stripped)),
        default=-1)
    if country > 0:
        phrase_start += phrase.find(stripped) + country
        phrase = window[phrase_start:]
        stripped = phrase.strip()
    first = stripped.split()[0]
    parts = stripped.split()
    if len(parts) > 2 and words["type_form"].fullmatch(first) \
            and words["and_word"].fullmatch(parts[1]):
        # "№ 27/05 қаулысы және Қарағанды облыстық мәслихатының ...": the first party's type
        # word before the second party.
        phrase_start += phrase.find(first) + len(first)
        phrase = window[phrase_start:]
        stripped = phrase.strip()
        first = stripped.split()[0]
    if words["and_word"].fullmatch(first) and len(stripped.split()) > 1:
        # "№ 9 және Қостанай облысы мәслихатының ...": the second party of a joint act.
        phrase_start += phrase.find(first) + len(first)
        phrase = window[phrase_start:]
        stripped = phrase.strip()
        first = stripped.split()[0]
    if not (first[:1].isupper() or first == short):
        return None, at
    offset = window_start + phrase_start + (len(phrase) - len(phrase.lstrip()))
    return _without_session(stripped), offset


def _without_session(name: str) -> str:
    """"Қарағанды облыстық мәслихатының IІI сессиясының": a maslikhat's session (its
    ordinal before it) is not the issuer, the maslikhat is."""
    parts = name.split()
    words = _words()
    if len(parts) < 3 or not words["session"].fullmatch(parts[-1]):
        return name
    for j in range(len(parts) - 2, max(0, len(parts) - 5), -1):
        if words["issuer_head"].search(parts[j]) and not words["session"].fullmatch(parts[j]):
            return " ".join(parts[:j + 1])
    return name


def _title_before(text: str, at: int) -> str | None:
    """The quoted title that ends right before ``at``.

    A title that quotes another title often lost one of its two opening quotes
    ('"A" туралы B туралы"'): a quote glued to the word before it closes, so the title
    reaches back to the quote before that.
    """
    window_start = max(0, at - 1200)
    window = text[window_start:at]
    m = re.search(r'"([^"]{1,800})"\s*$', window)
    if not m:
        return None
    begin = m.start()
    while begin > 0 and window[begin - 1].isalnum():
        prev = window.rfind('"', 0, begin)
        if prev < 0:
            break
        begin = prev
    return window[begin + 1:m.end() - 1 - (len(m.group(0)) - len(m.group(0).rstrip()))].strip() or None


def _registration(gap: str) -> str | None:
    m = _words()["registration"].search(gap)
    return (m.group(1) or m.group(2)) if m else None


def _registration_after(after: str) -> tuple[str | None, int]:
    """The registration number in brackets right after a citation, and where they end."""
    m = re.match(rf"\s*({_PAREN})", after)
    reg = _registration(m.group(1)) if m else None
    return reg, (m.end() if m and reg else 0)
