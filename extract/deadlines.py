"""Typed time expressions: an act's provisions to its deadlines.

    provisions → sentences → kk tokens → (number, unit) → cue words → Deadline | Finding

A time expression is a quantity next to a time unit: "15 (он бес) минут", "күнтізбелік
27 (жиырма жеті) күн", "он екі ай", "жарты жыл". The words around it say what it is:

========================================  ===========  ==============
words                                      kind         relation
========================================  ===========  ==============
N ... ішінде / бойы / аспауы тиіс /       deadline     within
құрайды; "– N минут" closing a step;
"мерзімі N күн" (a term stated as such)
N ...нан кешіктірмей / кеш емес            deadline     not_later_than
N ... бұрын                                deadline     before
N ... өткен соң / кейін                    deadline     after
N ... ішінде сақтауды / бойы сақтауды      retention    within
соңғы N ... (ішінде)                       lookback     within
кемінде N ... / N ...нан кем емес          minimum      at_least
кемінде N ... бұрын                        minimum      before
N ...нан асқан / астам                     minimum      after
(unit)+ына [кемінде] N рет; (unit) сайын   frequency    within/at_least
========================================  ===========  ==============

A quantity and unit that none of these type (no cue word, an approximate or vague quantity,
"бес 72 жыл" where words and digits compete, "not later or earlier" hedges, "every three
months") is never dropped: it becomes a Finding ``unread_time_expression`` with its quote.
Where "15 (он бес)" digits and words disagree in a time expression, the deadline keeps the
digits and a Finding ``deadline_number_words_disagree`` says so (the record reports every
other pair of the text as ``number_words_disagree``).

Not time expressions, on purpose: calendar dates ("2018 жылғы 12 шілдедегі", "2018 жылы":
a number of a thousand or more before "жыл" is a year), clock times ("сағат 9.00-ден",
"1 сағат 13.00-ден"), ordinals ("бірінші жұмыс күнінен", "10-күні", "1-тармақ"), and
units with no number ("келесі жұмыс күні", "ай сайынғы" as an adjective). Paragraphs that
are not the act's own provisions are skipped: the title, status label, header, database
notes ("Ескерту. ... күнтізбелік он күн өткен соң" speaks of another act's entry into
force), approval stamps and signatures.

Actors are the nominative subject of the sentence, read from a fixed list of phrases and
given stable labels (``Deadline.actor_phrase`` keeps the words):

=======================  ==========================================================
label                    phrases (stems)
=======================  ==========================================================
provider_clerk           (көрсетілетін қызметті берушінің) кеңсе қызметкері, кеңсесі
provider_head            (көрсетілетін қызметті берушінің / басқарма) басшысы
provider_staff           жауапты құрылымдық бөлімшенің қызметкері / маманы
provider_executor        (жауапты) орындаушы(сы)
provider                 көрсетілетін қызметті беруші, қызмет беруші, басқарма(сы)
state_corporation        Мемлекеттік корпорация(сы), ... корпорация(ның) қызметкері
service_centre           ХҚО / ХҚКО (операторы), халыққа қызмет көрсету орталығы
applicant                көрсетілетін қызметті алушы, қызмет алушы, өтініш беруші, тұтынушы
authorised_body          уәкілетті орган(дары)
local_executive_body     жергілікті атқарушы орган(дары)
complaint_body           шағымды қарайтын орган
official                 лауазымды тұлға / адам
legal_representative     заңды өкілі / өкілдері
housing_commission       тұрғын үй комиссиясы
=======================  ==========================================================

The actor is the nearest such phrase before the time expression outside its trigger clause,
preferring anyone over the applicant (who usually starts the clock: "көрсетілетін қызметті
алушы ... ұсынған кезде жауапты ... қызметкері 5 жұмыс күні ішінде"); failing that, the
nearest one after it; else null (passive sentences: "шағым ... 15 жұмыс күні ішінде
қаралады").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from spacy.tokens import Doc

from shezhire.extract.first_chars import lacks_factors
from shezhire.extract.kazakh import (
    doc_lowers,
    doc_orths,
    doc_starts,
    doc_text,
    kazakh_doc,
    kazakh_nlp,
    text_pieces,
)
from shezhire.extract.kazakh.numbers import find_digit_word_pairs, read_number_word, words_to_number
from shezhire.extract.lexicon import (
    Lexicon,
    LexiconError,
    from_lexicon,
    lexicon,
    phrases_regex,
    words_regex,
)
from shezhire.extract.models import (
    DayKind,
    Deadline,
    DeadlineKind,
    DeadlineRelation,
    Evidence,
    Finding,
    Provision,
    TimeUnit,
)

# Paragraphs that do not state this act's own rules (see the module docstring).
_SKIPPED_ROLES = frozenset({"title", "status", "header", "note", "stamp", "signature"})

_TIMES = "TIMES"  # "рет", "мәрте": N times (per unit)
_EVERY = "EVERY"  # "сайын": every (unit)

_DIGITS = re.compile(r"\d+(?:,\d+)?")
_RANGE = re.compile(r"\d+[-–]\d+|[^\W\d]+-[^\W\d]+")
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
_DASHES = frozenset({"–", "—", "-"})
_CLAUSE_END = frozenset({".", ";", ",", ")", ":"})
_TRIGGER_STOPS = frozenset({",", ";", ":", "(", ")", "–", "—", "-", '"', "«", "»", ".", "“", "”"})
# How far a trigger phrase reaches back from its anchor, or from a "не"/"немесе" joining it
# to an alternative event ("... күннен бастап немесе ... күннен не ... күннен бастап").
_TRIGGER_MAX_TOKENS = 10
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_LABEL = re.compile(r"^\s*[\"«]?\s*(?:\d+(?:-\d+)*[.)]\s+)?")

_MINUTES_PER: dict[TimeUnit, float] = {
    "minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200, "quarter": 129600,
    "year": 525600,
}


def _whole(lx: Lexicon, path: str) -> re.Pattern[str]:
    """One token that is any of the phrases at ``path`` (checked with ``fullmatch``)."""
    return re.compile(lx.pattern(path), re.IGNORECASE)


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The words of time expressions, from the lexicon (see the module docstring). A pattern
    made by ``_whole`` is one token, checked with ``fullmatch``."""
    lx = lexicon("kk")
    endings = lx.endings
    term = lx.word("deadlines.term")
    term_forms = [term, *((lx.morphology.possessive(term),
                          lx.morphology.possessive(lx.morphology.plural(term)))
                          if lx.morphology else ())]
    return {
        # quantities that name no number: "бірнеше күн" (several days), "бірер ай"
        "vague": _whole(lx, "deadlines.vague"),
        "working": _whole(lx, "deadlines.working_day"),
        "calendar": _whole(lx, "deadlines.calendar_day"),
        "half": _whole(lx, "numbers.half"),
        "and_a_half": _whole(lx, "numbers.and_a_half"),
        "at_least": _whole(lx, "deadlines.at_least"),
        "term_nouns": _whole(lx, "deadlines.term_nouns"),
        "term_word": re.compile(re.escape(term) + r"\w*", re.IGNORECASE),
        # the term as the sentence's subject: "мерзімі"
        "term_noun": re.compile(rf"(?<!\w){words_regex(term_forms)}(?!\w)", re.IGNORECASE),
        # words a trigger phrase ends with: the event the period runs from or up to
        "anchors": _whole(lx, "deadlines.anchors"),
        # "одан кейін" (after that) joins sentences; it names no event
        "connectives": _whole(lx, "deadlines.connectives"),
        "event_time": re.compile(rf"{lx.pattern('deadlines.event_times')}\w*"
                                 rf"{words_regex(endings('ablative'))}"),
        "conjunctions": re.compile(words_regex(w for key in ("and", "or")
                                               for w in lx.words(f"conjunctions.{key}"))),
        # "не", "немесе": an alternative event, or a hedge ("не ертерек")
        "alternatives": re.compile(words_regex(lx.words("conjunctions.or"))),
        "participle": re.compile(rf"\w+{words_regex(endings('past_participle'))}\w*"),
        "new_clause": re.compile(rf",\s*{lx.pattern('deadlines.new_clause')}(?!\w)",
                                 re.IGNORECASE),
        "dative_end": re.compile(words_regex(endings("dative")) + "$"),
        "comparative": re.compile(rf"\w+{words_regex(endings('comparative'))}$"),
        "sentence_end": re.compile(rf"\n|;|\.(?=\s+[\"«(]?[A-Z{lx.upper()}])|\.\s*$"),
        "keeping": _whole(lx, "deadlines.keeping"),
        "hour": re.compile(words_regex(n.stem for n in lx.time_units if n.key == "hour")),
        # how the act names its overall service term, and the events that start it
        "service_term": re.compile(lx.pattern("deadlines.service_term"), re.IGNORECASE),
        "submission": re.compile(lx.pattern("deadlines.submission"), re.IGNORECASE),
        "complaint": re.compile(lx.pattern("deadlines.complaint"), re.IGNORECASE),
    }


@from_lexicon
def _units() -> dict[TimeUnit, tuple[str, ...]]:
    """Each unit's forms (the lexicon's morphology builds them from the stem). "жылғы" (of
    the year ...) is not among them: it only ever dates something; "күнтізбелік",
    "күнкөріс", "күнделікті" are other words that merely start like "күн"."""
    units: dict[TimeUnit, tuple[str, ...]] = {}
    for noun in lexicon("kk").time_units:
        unit = next((u for u in get_args(TimeUnit) if u == noun.key), None)
        if unit is None:
            raise LexiconError(f"time unit {noun.key!r} of the lexicon is not one of the "
                               f"record's: {', '.join(get_args(TimeUnit))}")
        units[unit] = tuple(sorted({*units.get(unit, ()), *noun.forms}))
    return units


@dataclass(frozen=True)
class _Cues:
    """What the words around a quantity make of it, and who acts (see the module docstring)."""

    before_quantity: tuple[tuple[str, re.Pattern[str]], ...]
    after_unit: tuple[tuple[DeadlineRelation, bool, bool, re.Pattern[str]], ...]
    actors: tuple[tuple[str, re.Pattern[str]], ...]


@from_lexicon
def _cues() -> _Cues:
    lx = lexicon("kk")
    after_unit = []
    for rule in lx.get("deadlines.after_unit"):
        relation = next(r for r in get_args(DeadlineRelation) if r == rule["relation"])
        after_unit.append((relation, bool(rule.get("minimum")), bool(rule.get("after_dative")),
                           re.compile(phrases_regex(rule["phrases"]) + r"(?!\w)", re.IGNORECASE)))
    # A noun after the actor's words that makes them the first half of a compound ("қызмет
    # беруші басшысына" = to the provider's head), or a postposition after them ("органдар
    # арқылы" = through the bodies): then they are not the subject.
    compound_head = rf"(?!\s+{lx.pattern('deadlines.compound_heads')})"
    not_subject = rf"(?!\s+{lx.pattern('deadlines.postpositions')}(?![\w-]))"
    return _Cues(
        before_quantity=tuple(
            (kind, re.compile(rf"(?<![\w-]){phrases_regex(phrases)}$", re.IGNORECASE))
            for kind, phrases in lx.labels("deadlines.before_quantity").items()),
        after_unit=tuple(after_unit),
        actors=tuple(
            (body["key"], re.compile(rf"(?<![\w-]){phrases_regex(body['actor'])}(?![\w-])"
                                     rf"{compound_head}{not_subject}", re.IGNORECASE))
            for body in lx.get("bodies") if body.get("actor")),
    )


@dataclass(frozen=True)
class _Quantity:
    """The number before a unit: ``first`` is its first token (with "күнтізбелік")."""

    value: int | float | None
    first: int
    day_kind: DayKind | None
    problem: str | None = None
    disagreement: tuple[int, int, int, int | None] | None = None  # start, end, digits, words


@dataclass
class _Expression:
    """A time expression found in a sentence, typed or not (``problem`` says why not)."""

    start: int  # token indices, inclusive
    end: int
    quantity: _Quantity
    unit: TimeUnit
    kind: DeadlineKind | None = None
    relation: DeadlineRelation | None = None
    problem: str | None = None


@dataclass(frozen=True)
class _Actor:
    label: str
    start: int  # character offsets in the record text
    end: int
    phrase: str


def provisions_to_deadlines(text: str, provisions: list[Provision]
                            ) -> tuple[list[Deadline], list[Finding]]:
    """Every time expression of the act's provisions, typed, and findings for the rest.

    ``text`` is the record's cleaned text; provision spans point into it, and so does
    every evidence span returned. Deadlines come in text order.
    """
    deadlines: list[Deadline] = []
    findings: list[Finding] = []
    for provision in provisions:
        if provision.role in _SKIPPED_ROLES:
            continue
        for start, end in _sentences(text, provision.start, provision.end):
            # A "sentence" longer than spaCy takes (no full stop in a huge paragraph) is read
            # in pieces cut at line ends or spaces.
            for offset, piece in text_pieces(text[start:end]):
                _read_sentence(text, start + offset, start + offset + len(piece), provision.id,
                               deadlines, findings)
    return deadlines, findings


def total_service_term(deadlines: list[Deadline], provisions: list[Provision]
                       ) -> Deadline | None:
    """The act's overall service term, where it states one.

    First choice: a deadline its sentence calls the term of the service ("мемлекеттік қызмет
    көрсету мерзімі ... 15 жұмыс күні", "жалпы мерзімі ..."). Else the longest deadline that
    runs from the handing in of the application or documents ("құжаттарды тапсырған сәттен
    бастап ... 30 күнтізбелік күн"). A reglament that only times its steps states none.
    """
    by_id = {p.id: p for p in provisions}
    words = _words()
    named: list[Deadline] = []
    from_submission: list[Deadline] = []
    for d in deadlines:
        if d.kind != "deadline" or d.relation not in ("within", "not_later_than"):
            continue
        provision = by_id.get(d.provision)
        if provision is not None:
            before = _sentence_before(provision, d.evidence.start)
            if words["service_term"].search(before):
                named.append(d)
                continue
        if d.trigger and words["submission"].search(d.trigger) \
                and not words["complaint"].search(d.trigger):
            from_submission.append(d)
    if named:
        return named[0]
    if from_submission:
        return max(from_submission, key=lambda d: d.value * _MINUTES_PER[d.unit])
    return None


def _sentence_before(provision: Provision, at: int) -> str:
    """The provision's text from the start of the sentence holding ``at`` up to ``at``."""
    head = provision.text[:max(0, at - provision.start)]
    cut = 0
    for m in _words()["sentence_end"].finditer(head):
        cut = m.end()
    return head[cut:]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence-like spans of ``text[start:end]``: cut at line ends, ";" and a full stop
    before a capital (the clauses of a point end with ";")."""
    spans: list[tuple[int, int]] = []
    begin = start
    for m in _words()["sentence_end"].finditer(text, start, end):
        if text[begin:m.end()].strip():
            spans.append((begin, m.end()))
        begin = m.end()
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans


@from_lexicon
def _word_labels() -> dict[int, str]:
    """The lowercase hash of each unit form, "times" and "every" word → its label (the unit,
    _TIMES, _EVERY). Every expression starts at one such word: a look-up per token of the
    Doc's LOWER array finds them, where a Matcher of one-word ``IN`` patterns makes a Python
    Token and calls a predicate for every token."""
    lx = lexicon("kk")
    labelled: list[tuple[str, list[str]]] = [(unit, list(forms)) for unit, forms in _units().items()]
    labelled += [(_TIMES, list(lx.words("deadlines.times"))),
                 (_EVERY, list(lx.words("deadlines.every")))]
    strings = kazakh_nlp().vocab.strings
    table: dict[int, str] = {}
    for label, words in labelled:
        for word in words:
            hashed = strings.add(word)
            if table.setdefault(hashed, label) != label:
                raise LexiconError(f"the deadline word {word!r} has two labels: "
                                   f"{table[hashed]} and {label}")
    return table


@from_lexicon
def _word_pieces() -> re.Pattern[str]:
    """The deadline words that hold no other one ("күн" for "күні", "күнтізбелік" ...).

    A token whose lowercase form is a deadline word is a piece of its sentence, so the
    sentence in lowercase holds that word, and so one of these: a sentence without any
    needs no tokenizing (two in three have none)."""
    strings = kazakh_nlp().vocab.strings
    words = {strings[h] for h in _word_labels()}
    pieces = sorted(w for w in words if not any(o != w and o in w for o in words))
    return re.compile("|".join(re.escape(w) for w in pieces))


def _read_sentence(text: str, start: int, end: int, provision: str,
                   deadlines: list[Deadline], findings: list[Finding]) -> None:
    if not _word_pieces().search(text[start:end].lower()):
        return  # no deadline word can be a token of it
    doc = kazakh_doc(text[start:end])
    table = _word_labels()
    labels: dict[int, str] = {i: table[h] for i, h in enumerate(doc_lowers(doc)) if h in table}
    if not labels:
        return  # no unit, "times" or "every" word: no expression to read
    units: dict[int, TimeUnit] = {i: _unit(label) for i, label in labels.items()
                                  if label not in (_TIMES, _EVERY)}
    expressions: list[_Expression] = []
    for i, label in sorted(labels.items()):
        if label == _TIMES:
            found = _frequency_times(doc, i, units)
        elif label == _EVERY:
            found = _frequency_every(doc, i, units)
        else:
            found = _expression(doc, i, _unit(label), units, labels)
        if found is not None:
            expressions.append(found)
    if not expressions:
        return
    taken = {t for x in expressions for t in range(x.start, x.end + 1)}
    actors = _actor_phrases(text, start, end)
    # (The tokens' offsets from the Doc's IDX array: no Python Token per token.)
    named = {i for i, idx in enumerate(doc_starts(doc)) for a in actors
             if a.label != "applicant" and a.start <= start + idx < a.end}
    for x in expressions:
        ev_start, ev_end = _chars(doc, start, x.start, x.end)
        evidence = Evidence(text[ev_start:ev_end], ev_start, ev_end)
        if x.quantity.disagreement is not None:
            d_start, d_end, digits, words = x.quantity.disagreement
            q_start, q_end = _chars(doc, start, d_start, d_end)
            findings.append(Finding(
                "deadline_number_words_disagree",
                f"{digits} in digits, {words if words is not None else 'no number'} in words "
                f"in a time expression of {provision}; the deadline keeps the digits",
                Evidence(text[q_start:q_end], q_start, q_end)))
        if x.problem is not None or x.kind is None or x.relation is None \
                or x.quantity.value is None:
            findings.append(Finding(
                "unread_time_expression",
                f"a time expression in {provision} that cannot be typed: "
                f"{x.problem or 'no word says what the period is for'}",
                evidence))
            continue
        trigger = _trigger(doc, x, taken, named) if x.kind != "frequency" else None
        trigger_chars = _chars(doc, start, *trigger) if trigger is not None else None
        actor = _actor(text, start, end, actors, (ev_start, ev_end), trigger_chars)
        deadlines.append(Deadline(
            value=x.quantity.value,
            unit=x.unit,
            day_kind=x.quantity.day_kind if x.unit == "day" else None,
            kind=x.kind,
            relation=x.relation,
            actor=actor.label if actor else None,
            action=_action(text, start, end, actor, trigger_chars, (ev_start, ev_end)),
            trigger=_squash(text[trigger_chars[0]:trigger_chars[1]]) if trigger_chars else None,
            provision=provision,
            evidence=evidence,
            actor_phrase=_squash(actor.phrase) if actor else None,
        ))


def _chars(doc: Doc, offset: int, first: int, last: int) -> tuple[int, int]:
    """Character span in the record text of tokens ``first..last`` (inclusive)."""
    return offset + doc[first].idx, offset + doc[last].idx + len(doc[last].text)


def _unit(label: str) -> TimeUnit:
    for unit in get_args(TimeUnit):
        if unit == label:
            return unit  # type: ignore[no-any-return]  # get_args of a Literal
    raise ValueError(f"unknown time unit label {label!r}")


def _prev(doc: Doc, i: int) -> int:
    """The index of the nearest token before ``i`` that is not whitespace, or -1."""
    i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _next(doc: Doc, i: int) -> int:
    """The index of the nearest token after ``i`` that is not whitespace, or len(doc)."""
    i += 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _cardinal(word: str) -> int | None:
    """A number word in its bare form; before a noun Kazakh numerals take no suffix, so an
    inflected one ("бірінші", "бесінші") is an ordinal or other word, not a quantity."""
    reading = read_number_word(word)
    return reading.value if reading is not None and not reading.inflected else None


def _whole_number(words: list[str]) -> int | None:
    """The number the words name when every one of them is part of it ("он екі"), else None.

    Each word of a well-formed numeral changes the value read so far; a word that does not
    ("екі бір") ends the numeral early.
    """
    value: int | None = None
    for k in range(1, len(words) + 1):
        reading = words_to_number(" ".join(words[:k]))
        if reading is None or reading == value:
            return None
        value = reading
    return value


def _digits_value(token: str) -> int | float:
    return float(token.replace(",", ".")) if "," in token else int(token)


def _quantity(doc: Doc, u: int, unit: TimeUnit | None) -> _Quantity | None:
    """The quantity written before the token ``u``, or None when there is no number there.

    Forms: "15", "он бес", "15 (он бес)", "бес (5)", "жарты", "бір жарым", with "жұмыс" or
    "күнтізбелік" between number and day, or "күнтізбелік" before the number.
    """
    words = _words()
    i = _prev(doc, u)
    day_kind: DayKind | None = None
    if unit == "day" and i >= 0:
        if words["working"].fullmatch(doc[i].lower_):
            day_kind, i = "working", _prev(doc, i)
        elif words["calendar"].fullmatch(doc[i].lower_):
            day_kind, i = "calendar", _prev(doc, i)
    if i < 0:
        return None
    found = _number_before(doc, i)
    if found is None:
        return None
    value, first, problem, disagreement = found
    before = _prev(doc, first)
    if unit == "day" and day_kind is None and words["calendar"].fullmatch(_lower(doc, before)):
        day_kind, first = "calendar", before
    if unit == "year" and value is not None and value >= 1000:
        return None  # "2018 жылы": a calendar year, not a count of years
    return _Quantity(value, first, day_kind, problem, disagreement)


def _number_before(doc: Doc, i: int
                   ) -> tuple[int | float | None, int, str | None,
                              tuple[int, int, int, int | None] | None] | None:
    """Read the number ending at token ``i``: (value, first token, problem, disagreement)."""
    token = doc[i]
    lower = token.lower_
    words = _words()
    if token.text == ")":
        return _bracketed_number(doc, i)
    if _DIGITS.fullmatch(token.text):
        before = _prev(doc, i)
        if _lower(doc, before) in ("№", "n"):
            return None  # an act or item number
        if before >= 0 and _cardinal(doc[before].lower_) is not None:
            return None, before, "number words and digits stand side by side", None
        return _digits_value(token.text), i, None, None
    if _RANGE.fullmatch(token.text) and any(
            p.isdigit() or _cardinal(p) is not None for p in re.split(r"[-–]", lower)):
        return None, i, f"a range of numbers ({token.text})", None
    if words["vague"].fullmatch(lower):
        return None, i, f"a vague quantity ({token.text})", None
    if words["half"].fullmatch(lower):
        return 0.5, i, None, None
    half = 0.0
    if words["and_a_half"].fullmatch(lower):  # "бір жарым" = one and a half
        half, i = 0.5, _prev(doc, i)
        if i < 0:
            return None
    if _cardinal(doc[i].lower_) is None:
        return None
    start = i
    k = _prev(doc, i)
    while k >= 0 and _cardinal(doc[k].lower_) is not None:
        start, k = k, _prev(doc, k)
    numerals = [doc[k].lower_ for k in range(start, i + 1) if not doc[k].is_space]
    joined = _prev(doc, start)
    if joined >= 0 and _inside_word(doc, joined):  # "екі-үш күн": the tokenizer split a range
        return None, _prev(doc, joined), f"a range of numbers ({doc[joined - 1].text}-...)", None
    for k in range(len(numerals)):
        value = _whole_number(numerals[k:])
        if value is None:
            continue
        first = _nth_word(doc, start, k)
        if k > 0:
            return None, start, "number words that do not make one number", None
        return value + half if half else value, first, None, None
    return None


def _nth_word(doc: Doc, start: int, k: int) -> int:
    index = start
    for _ in range(k):
        index = _next(doc, index)
    return index


def _bracketed_number(doc: Doc, close: int
                      ) -> tuple[int | float | None, int, str | None,
                                 tuple[int, int, int, int | None] | None] | None:
    """"15 (он бес)" or "бес (5)": a number twice, the second time in brackets."""
    open_ = close - 1
    while open_ >= 0 and doc[open_].text != "(" and close - open_ < 12:
        open_ -= 1
    if open_ < 0 or doc[open_].text != "(":
        return None
    inner = [t for t in doc[open_ + 1:close] if not t.is_space]
    outer = _prev(doc, open_)
    if outer < 0 or not inner:
        return None
    if _DIGITS.fullmatch(doc[outer].text) and _cardinal(inner[0].lower_) is not None:
        start_char = doc[outer].idx
        end_char = doc[close].idx + 1
        pairs = find_digit_word_pairs(doc_text(doc)[start_char:end_char])
        if not pairs:
            return None
        pair = pairs[0]
        disagreement = None if pair.agrees else (outer, close, pair.digits_value, pair.words_value)
        return pair.digits_value, outer, None, disagreement
    if len(inner) == 1 and _DIGITS.fullmatch(inner[0].text):
        words_found = _number_before(doc, outer)
        if words_found is None or words_found[0] is None or words_found[2] is not None:
            return None
        words_value, first = words_found[0], words_found[1]
        digits = _digits_value(inner[0].text)
        disagreement = None
        if not isinstance(digits, int) or words_value != digits:
            words_int = words_value if isinstance(words_value, int) else None
            disagreement = (first, close, int(digits), words_int)
        return digits, first, None, disagreement
    return None


def _expression(doc: Doc, u: int, unit: TimeUnit, units: dict[int, TimeUnit],
                labels: dict[int, str]) -> _Expression | None:
    """The time expression whose unit is token ``u``, typed by the words around it."""
    after = _next(doc, u)
    if unit == "hour" and after < len(doc) and _CLOCK.match(doc[after].text):
        return None  # "сағат 9.00-ден": a clock time
    if unit == "quarter" and after in units:
        return None  # "тоқсан күн": the number ninety
    quantity = _quantity(doc, u, unit)
    if quantity is None:
        return None
    x = _Expression(quantity.first, u, quantity, unit, problem=quantity.problem)
    if labels.get(after) == _EVERY:
        x.end = after
        x.problem = x.problem or "a period repeated every N units"
        return x
    if _times_follows(doc, after, labels):
        return None  # "бір айда екі рет": read as a frequency from "рет"
    left, left_start = _left_cue(doc, quantity.first)
    relation, minimum, right_end = _right_cue(doc, u, unit)
    x.start = min(x.start, left_start)
    x.end = right_end
    if x.problem is not None:
        return x
    if left == "approximate":
        x.problem = "an approximate quantity"
        return x
    hedge = _hedge_after(doc, right_end)
    if hedge is not None:
        x.end = hedge
        x.problem = "the period is hedged (\"... не ертерек\")"
        return x
    if left == "lookback":
        x.kind, x.relation = "lookback", relation or "within"
    elif left == "minimum":
        x.kind, x.relation = "minimum", "before" if relation == "before" else "at_least"
    elif minimum and relation is not None:
        x.kind, x.relation = "minimum", relation
    elif relation is not None:
        x.kind, x.relation = "deadline", relation
    elif left == "term" and _ends_clause(doc, u):
        x.kind, x.relation = "deadline", "within"
    else:
        return x  # no cue: reported as unread
    if x.kind == "deadline":
        kept = _retention_after(doc, x.end)
        if kept is not None or _retention_before(doc, x.start):
            x.kind = "retention"
    return x


def _times_follows(doc: Doc, i: int, labels: dict[int, str]) -> bool:
    """Whether "[кемінде] N рет" starts at token ``i``."""
    if _words()["at_least"].fullmatch(_lower(doc, i)):
        i = _next(doc, i)
    j = i
    while j < len(doc) and (_cardinal(doc[j].lower_) is not None
                            or _DIGITS.fullmatch(doc[j].text) or doc[j].is_space):
        j += 1
    return j > i and labels.get(j) == _TIMES


def _left_cue(doc: Doc, first: int) -> tuple[str | None, int]:
    """What the words before the quantity make of it, and where those words start:
    "соңғы" (lookback), "кемінде", "кем дегенде" (minimum), "шамамен" (approximate), a
    dash or the term noun before it ("мерзімі – 15 күн")."""
    k = _prev(doc, first)
    if k < 0:
        return None, first
    words = _words()
    upto = doc_text(doc)[:doc[k].idx + len(doc[k].text)]
    folded = upto.casefold()
    for kind, pattern in _cues().before_quantity:
        if lacks_factors(pattern, upto, folded):
            continue  # (each is tried at every character of the sentence so far)
        m = pattern.search(upto)
        if m:
            return kind, _token_at(doc, m.start())
    word = doc[k].lower_
    if doc[k].text in _DASHES or words["term_nouns"].fullmatch(word):
        return "term", first
    if doc[k].text == ":" and words["term_nouns"].fullmatch(_lower(doc, _prev(doc, k))):
        return "term", first
    return None, first


def _token_at(doc: Doc, char: int) -> int:
    """The index of the token holding character ``char`` of the Doc's text."""
    return next(t.i for t in doc if t.idx <= char < t.idx + max(1, len(t.text)))


def _right_cue(doc: Doc, u: int, unit: TimeUnit
               ) -> tuple[DeadlineRelation | None, bool, int]:
    """The relation the words after the unit give, whether they make it a minimum, and the
    last token of those words."""
    j = _next(doc, u)
    if j >= len(doc):
        return None, False, u
    for relation, minimum, after_dative, pattern in _cues().after_unit:
        m = pattern.match(doc_text(doc), doc[j].idx)
        if m is None or (after_dative and not _words()["dative_end"].search(doc[u].lower_)):
            continue  # "дейін" reads "up to" only after a dative: "3 күнге дейін"
        return relation, minimum, _token_at(doc, m.end() - 1)
    return None, False, u


def _hedge_after(doc: Doc, end: int) -> int | None:
    """The last token of "не ертерек" / "немесе кейінірек" right after the expression."""
    j = _next(doc, end)
    words = _words()
    if words["alternatives"].fullmatch(_lower(doc, j)):
        k = _next(doc, j)
        if k < len(doc) and words["comparative"].fullmatch(doc[k].lower_):
            return k
    return None


def _retention_after(doc: Doc, end: int) -> int | None:
    """The token of "сақтау..." (keeping) right after the expression."""
    j = _next(doc, end)
    return j if _words()["keeping"].fullmatch(_lower(doc, j)) else None


def _retention_before(doc: Doc, start: int) -> bool:
    """Whether "сақтау мерзімі" (the keeping term) stands right before the expression."""
    k = _prev(doc, start)
    words = _words()
    return bool(words["term_word"].fullmatch(_lower(doc, k))) \
        and bool(words["keeping"].fullmatch(_lower(doc, _prev(doc, k))))


def _ends_clause(doc: Doc, u: int) -> bool:
    j = _next(doc, u)
    return j >= len(doc) or doc[j].text in _CLAUSE_END or doc[j].text[:1] in _CLAUSE_END


def _frequency_times(doc: Doc, r: int, units: dict[int, TimeUnit]) -> _Expression | None:
    """"тоқсанына бір рет", "айына кемінде екі рет", "күнде кемінде 2 рет"."""
    quantity = _quantity(doc, r, None)
    if quantity is None:
        return None
    k = _prev(doc, quantity.first)
    relation: DeadlineRelation = "within"
    if _words()["at_least"].fullmatch(_lower(doc, k)):
        relation, k = "at_least", _prev(doc, k)
    if k not in units:
        return None  # "екі рет" alone: a count, not a time expression
    unit = units[k]
    x = _Expression(k, r, quantity, unit, "frequency", relation, quantity.problem)
    per = _quantity(doc, k, unit)
    if per is not None:
        x.start = per.first
        if per.value != 1:
            x.problem = "a number of times per several units"
    return x


def _frequency_every(doc: Doc, s: int, units: dict[int, TimeUnit]) -> _Expression | None:
    """"жыл сайын" (every year). A quantity before the unit is read (and reported) with the
    unit; "күн сайын сағат 9.00-ден" is a working schedule, not an obligation."""
    u = _prev(doc, s)
    if u not in units or _quantity(doc, u, units[u]) is not None:
        return None
    after = _next(doc, s)
    if _words()["hour"].fullmatch(_lower(doc, after)) and _CLOCK.match(_lower(doc, _next(doc, after))):
        return None
    one = _Quantity(1, u, None)
    return _Expression(u, s, one, units[u], "frequency", "within")


def _trigger(doc: Doc, x: _Expression, taken: set[int], named: set[int]
             ) -> tuple[int, int] | None:
    """Token span of the event the period runs from or to.

    The anchor is the nearest "бастап", "кейін", "дейін", "кезде", "алдында"... before the
    expression in its clause (not across a comma, unless the comma closes the anchor's
    phrase) and at its bracket depth. The phrase runs back from it to a punctuation mark,
    a named actor, another time expression or another anchor ("күшіне енеді және ...
    кейін"); a chain of alternatives joined by "не"/"немесе" stays whole.
    """
    depth = _depths(doc)
    words = _words()
    anchor = -1
    k = _prev(doc, x.start)
    while k >= 0 and k not in taken:
        word = doc[k].lower_
        if depth[k] > depth[x.start] or doc[k].text == ")":  # a remark in brackets
            k = _prev(doc, k)
            continue
        if doc[k].text == ",":
            before = _prev(doc, k)
            if _is_anchor(doc, before, depth[x.start], depth):
                anchor = before
            break
        if _is_anchor(doc, k, depth[x.start], depth):
            anchor = k
            break
        if word in (";", ":"):
            break
        k = _prev(doc, k)
    if anchor < 0:
        return None
    first = anchor
    budget = _TRIGGER_MAX_TOKENS
    k = _prev(doc, anchor)
    while k >= 0 and budget > 0:
        token = doc[k]
        if k in taken or k in named or _is_label(doc, k):
            break
        if token.text == ")":
            opening = _opening_bracket(doc, k)
            if opening is None:
                break
            first, k, budget = opening, _prev(doc, opening), budget - 1
            continue
        if token.text in _TRIGGER_STOPS and not _inside_word(doc, k):
            break
        if words["anchors"].fullmatch(token.lower_) \
                and not words["conjunctions"].fullmatch(_lower(doc, _next(doc, k))):
            break
        if words["alternatives"].fullmatch(token.lower_):
            joined = _lower(doc, _prev(doc, k))
            if words["anchors"].fullmatch(joined) or words["event_time"].fullmatch(joined):
                budget = _TRIGGER_MAX_TOKENS + 1
        # "жалпы мерзімі өтініш берілген күннен бастап": the term is not the event; but in
        # "мерзімі аяқталғанға дейін" the term's end is.
        if words["term_word"].fullmatch(token.lower_) and not words["participle"].fullmatch(
                _lower(doc, _next(doc, k))):
            break
        first, k, budget = k, _prev(doc, k), budget - 1
    while first < anchor and words["conjunctions"].fullmatch(doc[first].lower_):
        first = _next(doc, first)
    return first, anchor


def _is_anchor(doc: Doc, k: int, want_depth: int, depth: list[int]) -> bool:
    words = _words()
    return k >= 0 and bool(words["anchors"].fullmatch(doc[k].lower_)) and depth[k] == want_depth \
        and not words["connectives"].fullmatch(_lower(doc, _prev(doc, k)))


def _inside_word(doc: Doc, k: int) -> bool:
    """A hyphen glued to the words on both sides ("ХҚО-ға", "үй-жай"), not a dash."""
    return doc[k].text == "-" and k > 0 and not doc[k - 1].whitespace_ \
        and not doc[k].whitespace_


def _opening_bracket(doc: Doc, close: int) -> int | None:
    level = 0
    for k in range(close, -1, -1):
        if doc[k].text == ")":
            level += 1
        elif doc[k].text == "(":
            level -= 1
            if level == 0:
                return k
    return None


def _is_label(doc: Doc, k: int) -> bool:
    return k == 0 and bool(re.fullmatch(r"\d+(?:-\d+)*[.)]?", doc[k].text))


def _depths(doc: Doc) -> list[int]:
    # The tokens' ORTH hashes, compared with the brackets' (no Token object per token).
    close, open_ = doc.vocab.strings[")"], doc.vocab.strings["("]
    depth, out = 0, []
    for orth in doc_orths(doc):
        if orth == close:
            depth = max(0, depth - 1)
        out.append(depth)
        if orth == open_:
            depth += 1
    return out


def _actor_phrases(text: str, start: int, end: int) -> list[_Actor]:
    """Every actor phrase of the sentence; of overlapping ones the longest
    ("Мемлекеттік корпорацияның қызметкері" over "Мемлекеттік корпорация")."""
    sentence = text[start:end]
    folded = sentence.casefold()
    found: list[_Actor] = []
    for label, pattern in _cues().actors:
        if lacks_factors(pattern, sentence, folded):
            continue  # none of the words each of its phrases holds
        for m in pattern.finditer(sentence):
            found.append(_Actor(label, start + m.start(), start + m.end(), m.group()))
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    actors: list[_Actor] = []
    for a in found:
        if not actors or a.start >= actors[-1].end:
            actors.append(a)
    return actors


def _actor(text: str, start: int, end: int, actors: list[_Actor], evidence: tuple[int, int],
           trigger: tuple[int, int] | None) -> _Actor | None:
    """Who must act: the nearest named actor before the expression, outside its trigger and
    outside a finished parenthesis ("(бұдан әрі – ХҚКО)"), anyone before the applicant;
    else the nearest one after it."""
    brackets = _bracket_pairs(text, start, end)

    def eligible(a: _Actor) -> bool:
        if trigger is not None and trigger[0] <= a.start < trigger[1]:
            return False
        return all(o < evidence[0] < c for o, c in brackets if o < a.start < c)

    usable = [a for a in actors if eligible(a)]
    # "... анықтаманы берудің жалпы мерзімі ... 15 жұмыс күнінен кеш емес": whoever is named
    # before the term noun belongs to the term's noun phrase; the sentence has no subject.
    term = max((m.end() + start for m in _words()["term_noun"].finditer(text[start:evidence[0]])
                if trigger is None or not trigger[0] <= m.start() + start < trigger[1]),
               default=start)
    before = [a for a in usable if term <= a.start and a.end <= evidence[0]]
    others = [a for a in before if a.label != "applicant"]
    if others:
        return others[-1]
    if before:
        return before[-1]
    after = [a for a in usable if a.start >= evidence[1]]
    return after[0] if after else None


_BRACKET = re.compile(r"[()]")


def _bracket_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    opened: list[int] = []
    for bracket in _BRACKET.finditer(text, start, end):  # from bracket to bracket
        i = bracket.start()
        if text[i] == "(":
            opened.append(i)
        elif opened:
            pairs.append((opened.pop(), i))
    pairs.extend((o, end) for o in opened)
    return pairs


def _action(text: str, start: int, end: int, actor: _Actor | None,
            trigger: tuple[int, int] | None, evidence: tuple[int, int]) -> str | None:
    """The clause without its actor, trigger and time expression: what is to be done.

    It ends where a new clause starts with a connective (", содан кейін ...").
    """
    label = _LABEL.match(text[start:end])
    begin = start + (label.end() if label else 0)
    if actor is not None and actor.end <= evidence[0]:
        begin = max(begin, actor.end)
    cuts = sorted(c for c in (trigger, evidence, (actor.start, actor.end) if actor else None)
                  if c is not None and c[1] > begin)
    pieces: list[str] = []
    at = begin
    for c_start, c_end in cuts:
        if c_start > at:
            pieces.append(text[at:c_start])
        at = max(at, c_end)
    rest = text[at:end]
    if at >= evidence[1]:
        connective = _words()["new_clause"].search(rest)
        rest = rest[:connective.start()] if connective is not None else rest
    pieces.append(rest)
    action = _squash(_EMPTY_BRACKETS.sub("", " ".join(pieces))).strip(" ,;:.–—-\"«»")
    return action or None


def _squash(s: str) -> str:
    return " ".join(s.split())
