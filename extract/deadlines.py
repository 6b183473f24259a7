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
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc

from shezhire.extract.kazakh import kazakh_nlp, text_pieces
from shezhire.extract.kazakh.numbers import find_digit_word_pairs, read_number_word, words_to_number
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

# Each unit's stem with the suffixes it takes in these texts. "жылғы" (of the year ...) is
# left out: it only ever dates something. "күнтізбелік", "күнкөріс", "күнделікті" are
# other words that merely start like "күн".
_UNIT_FORMS: dict[TimeUnit, str] = {
    "minute": r"^минут(?:|қа|та|тан|тың|ты|пен|тар\w*|тық|ы|ын|ына|ынан|ында|ының)$",
    "hour": r"^сағат(?:|қа|та|тан|тың|ты|пен|тар\w*|тық|ы|ын|ына|ынан|ында|ының)$",
    "day": (r"^(?:күн(?:|і|ін|ге|нен|де|дегі|ді|нің|мен|гі|іне|інен|інде|індегі|інің|імен"
            r"|дер\w*|дік)|тәулік(?:|ке|тен|те|тің|ті|пен|і|ін|іне|інен|інде|інің|тер\w*))$"),
    "week": r"^апта(?:|ға|да|дағы|дан|ның|ны|мен|сы|сын|сына|сынан|сында|сының|лар\w*|лық)$",
    "month": r"^ай(?:|ға|да|дағы|дан|дың|ды|мен|ы|ын|ына|ынан|ында|ындағы|ының|лар\w*|лық)$",
    "quarter": (r"^тоқсан(?:|ға|да|дағы|нан|ның|ды|мен|ы|ын|ына|ынан|ында|ындағы|ының"
                r"|дар\w*|дық)$"),
    "year": r"^жыл(?:|ға|да|дағы|дан|дың|ды|мен|ы|ын|ына|ынан|ында|ындағы|ының|дар\w*|дық)$",
}
_TIMES = "TIMES"  # "рет", "мәрте": N times (per unit)
_EVERY = "EVERY"  # "сайын": every (unit)

_DIGITS = re.compile(r"\d+(?:,\d+)?")
_RANGE = re.compile(r"\d+[-–]\d+|[^\W\d]+-[^\W\d]+")
_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}")
# Quantities that name no number: "бірнеше күн" (several days), "бірер ай".
_VAGUE = frozenset({"бірнеше", "бірер", "бірқанша", "бірталай", "біраз", "көптеген", "көп"})
_APPROXIMATE = frozenset({"шамамен", "шамасы", "шамасында", "жуық", "жуығы", "шақты"})
_DASHES = frozenset({"–", "—", "-"})
_TERM_NOUNS = ("мерзім", "ұзақтығы", "уақыты")
_CLAUSE_END = frozenset({".", ";", ",", ")", ":"})
# Words a trigger phrase ends with: the event the period runs from or up to.
_ANCHORS = frozenset({"бастап", "кейін", "соң", "дейін", "кезде", "алдында", "алдындағы"})
# "одан кейін" (after that) joins sentences; it names no event.
_CONNECTIVES = frozenset({"одан", "содан", "бұдан", "осыдан", "сонан"})
_TRIGGER_STOPS = frozenset({",", ";", ":", "(", ")", "–", "—", "-", '"', "«", "»", ".", "“", "”"})
# How far a trigger phrase reaches back from its anchor, or from a "не"/"немесе" joining it
# to an alternative event ("... күннен бастап немесе ... күннен не ... күннен бастап").
_TRIGGER_MAX_TOKENS = 10
_EVENT_TIME = re.compile(r"(?:күн|сәт|кез)\w*(?:нен|тен|ден|нан|тан|дан)")
_LEADING_CONJUNCTIONS = frozenset({"не", "немесе", "және", "я", "яки", "әрі"})
_PARTICIPLE = re.compile(r"\w+(?:ған|ген|қан|кен)\w*")
_TERM_NOUN = re.compile(r"(?<!\w)мерзім(?:і|дері)(?!\w)", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_NEW_CLAUSE = re.compile(r",\s*(?:(?:одан|содан|бұдан|осыдан)\s+кейін|сондай-ақ|бұл\s+ретте)(?!\w)",
                         re.IGNORECASE)
_DATIVE = ("ға", "ге", "қа", "ке", "на", "не", "а", "е")
_COMPARATIVE = re.compile(r"\w+(?:рақ|рек|ырақ|ірек)$")

_SENTENCE_END = re.compile(r"\n|;|\.(?=\s+[\"«(]?[A-ZА-ЯӘҒҚҢӨҰҮҺІ])|\.\s*$")
_LABEL = re.compile(r"^\s*[\"«]?\s*(?:\d+(?:-\d+)*[.)]\s+)?")

# A noun after the actor's words that makes them the first half of a compound ("қызмет
# беруші басшысына" = to the provider's head), so they are not the subject.
_COMPOUND_HEAD = (r"(?!\s+(?:басшы|кеңсе|қызметкер|шешім|әрекет|маман|оператор|өкіл|атауы|атына"
                  r"|мәлімет|сұраныс))")
# Nor are they the subject before a postposition ("органдар арқылы" = through the bodies).
_NOT_SUBJECT = r"(?!\s+(?:арқылы|үшін|туралы|бойынша|сияқты|секілді)(?![\w-]))"
_PROVIDER_OF = r"(?:көрсетілетін\s+қызмет(?:ті)?\s+берушінің\s+)?"
_ACTOR_FORMS: tuple[tuple[str, str], ...] = (
    ("provider_clerk", _PROVIDER_OF + r"(?:кеңсе(?:сінің)?\s+қызметкері|кеңсесі)"),
    ("provider_head", r"(?:көрсетілетін\s+қызмет(?:ті)?\s+берушінің\s+|басқарма(?:сының)?\s+)?"
                      r"басшы(?:сы)?"),
    ("provider_staff", _PROVIDER_OF + r"жауапты\s+құрылымдық\s+бөлімше(?:сі)?нің\s+"
                                      r"(?:қызметкері|маманы)"),
    ("provider_executor", _PROVIDER_OF + r"(?:жауапты\s+)?орындаушы(?:сы)?"),
    ("state_corporation", r"мемлекеттік\s+корпорация(?:ның|сының)?\s+қызметкері"
                          r"|мемлекеттік\s+корпорация(?:сы)?"),
    ("service_centre", r"хқк?о(?:-ның)?\s+операторы|хқк?о|халыққа\s+қызмет\s+көрсету\s+орталығы"),
    ("complaint_body", r"шағымды\s+қарайтын\s+орган"),
    ("authorised_body", r"уәкілетті\s+орган(?:дар|дары)?"),
    ("local_executive_body", r"жергілікті\s+атқарушы\s+орган(?:дар|дары)?"),
    ("official", r"лауазымды\s+(?:тұлға|адам)"),
    ("legal_representative", r"заңды\s+өкіл(?:і|дері)"),
    ("housing_commission", r"тұрғын\s+үй\s+комиссиясы"),
    ("provider", r"көрсетілетін\s+қызмет(?:ті)?\s+беруші|қызмет\s+беруші|басқарма(?:сы)?"),
    ("applicant", r"көрсетілетін\s+қызметті\s+алушы|қызмет\s+алушы|өтініш\s+беруші|тұтынушы"),
)
_ACTOR_RES = tuple(
    (label, re.compile(rf"(?<![\w-])(?:{form})(?![\w-]){_COMPOUND_HEAD}{_NOT_SUBJECT}", re.IGNORECASE))
    for label, form in _ACTOR_FORMS
)

# How the act names its overall service term, and the events that start it.
_SERVICE_TERM = re.compile(
    r"қызмет\w*\s+(?:\S+\s+){0,8}?көрсету\w*\s+(?:\S+\s+)?мерзімі|жалпы\s+мерзімі",
    re.IGNORECASE)
_SUBMISSION = re.compile(r"(?:өтініш|құжат)\w*\s+(?:\S+\s+){0,3}?"
                         r"(?:тапсыр|бер|түс|қабылда|ұсын)\w*\s+(?:сәт|кез|күн)", re.IGNORECASE)
_MINUTES_PER: dict[TimeUnit, float] = {
    "minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200, "quarter": 129600,
    "year": 525600,
}


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
    named: list[Deadline] = []
    from_submission: list[Deadline] = []
    for d in deadlines:
        if d.kind != "deadline" or d.relation not in ("within", "not_later_than"):
            continue
        provision = by_id.get(d.provision)
        if provision is not None:
            before = _sentence_before(provision, d.evidence.start)
            if _SERVICE_TERM.search(before):
                named.append(d)
                continue
        if d.trigger and _SUBMISSION.search(d.trigger) and "шағым" not in d.trigger.lower():
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
    for m in _SENTENCE_END.finditer(head):
        cut = m.end()
    return head[cut:]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence-like spans of ``text[start:end]``: cut at line ends, ";" and a full stop
    before a capital (the clauses of a point end with ";")."""
    spans: list[tuple[int, int]] = []
    begin = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if text[begin:m.end()].strip():
            spans.append((begin, m.end()))
        begin = m.end()
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    matcher = Matcher(kazakh_nlp().vocab)
    for unit, form in _UNIT_FORMS.items():
        matcher.add(unit, [[{"LOWER": {"REGEX": form}}]])
    matcher.add(_TIMES, [[{"LOWER": {"IN": ["рет", "мәрте"]}}]])
    matcher.add(_EVERY, [[{"LOWER": "сайын"}]])
    return matcher


def _read_sentence(text: str, start: int, end: int, provision: str,
                   deadlines: list[Deadline], findings: list[Finding]) -> None:
    doc = kazakh_nlp()(text[start:end])
    labels: dict[int, str] = {}
    for match_id, s, _e in _matcher()(doc):
        labels[s] = doc.vocab.strings[match_id]
    units: dict[int, TimeUnit] = {i: label for i, label in labels.items() if label in _UNIT_FORMS}
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
    named = {i for i, token in enumerate(doc) for a in actors
             if a.label != "applicant" and a.start <= start + token.idx < a.end}
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
    for unit in _UNIT_FORMS:
        if unit == label:
            return unit
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
    i = _prev(doc, u)
    day_kind: DayKind | None = None
    if unit == "day" and i >= 0:
        if doc[i].lower_ == "жұмыс":
            day_kind, i = "working", _prev(doc, i)
        elif doc[i].lower_.startswith("күнтізбелік"):
            day_kind, i = "calendar", _prev(doc, i)
    if i < 0:
        return None
    found = _number_before(doc, i)
    if found is None:
        return None
    value, first, problem, disagreement = found
    before = _prev(doc, first)
    if unit == "day" and day_kind is None and _lower(doc, before).startswith("күнтізбелік"):
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
    if lower in _VAGUE:
        return None, i, f"a vague quantity ({token.text})", None
    if lower == "жарты":
        return 0.5, i, None, None
    half = 0.0
    if lower == "жарым":  # "бір жарым" = one and a half
        half, i = 0.5, _prev(doc, i)
        if i < 0:
            return None
    if _cardinal(doc[i].lower_) is None:
        return None
    start = i
    k = _prev(doc, i)
    while k >= 0 and _cardinal(doc[k].lower_) is not None:
        start, k = k, _prev(doc, k)
    words = [doc[k].lower_ for k in range(start, i + 1) if not doc[k].is_space]
    joined = _prev(doc, start)
    if joined >= 0 and _inside_word(doc, joined):  # "екі-үш күн": the tokenizer split a range
        return None, _prev(doc, joined), f"a range of numbers ({doc[joined - 1].text}-...)", None
    for k in range(len(words)):
        value = _whole_number(words[k:])
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
        pairs = find_digit_word_pairs(doc.text[start_char:end_char])
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
    if _lower(doc, i) == "кемінде":
        i = _next(doc, i)
    j = i
    while j < len(doc) and (_cardinal(doc[j].lower_) is not None
                            or _DIGITS.fullmatch(doc[j].text) or doc[j].is_space):
        j += 1
    return j > i and labels.get(j) == _TIMES


def _left_cue(doc: Doc, first: int) -> tuple[str | None, int]:
    """What the words before the quantity make of it, and where those words start."""
    k = _prev(doc, first)
    if k < 0:
        return None, first
    word = doc[k].lower_
    if word == "соңғы":
        return "lookback", k
    if word == "кемінде":
        return "minimum", k
    if word == "дегенде" and _lower(doc, _prev(doc, k)) == "кем":  # "кем дегенде"
        return "minimum", _prev(doc, k)
    if word == "кемі" and _lower(doc, _prev(doc, k)) == "ең":  # "ең кемі"
        return "minimum", _prev(doc, k)
    if word in _APPROXIMATE:
        return "approximate", k
    if doc[k].text in _DASHES or word.startswith(_TERM_NOUNS):
        return "term", first
    if doc[k].text == ":" and _lower(doc, _prev(doc, k)).startswith(_TERM_NOUNS):
        return "term", first
    return None, first


def _right_cue(doc: Doc, u: int, unit: TimeUnit
               ) -> tuple[DeadlineRelation | None, bool, int]:
    """The relation the words after the unit give, whether they make it a minimum, and the
    last token of those words."""
    j = _next(doc, u)
    if j >= len(doc):
        return None, False, u
    word, k = doc[j].lower_, _next(doc, j)
    following = _lower(doc, k)
    if word in ("ішінде", "ішіндегі", "ішінен"):
        return "within", False, j
    if word.startswith("бойы"):
        return "within", False, j
    if word.startswith("кешікт"):
        return "not_later_than", False, j
    if word == "кеш" and following.startswith("емес"):
        return "not_later_than", False, k
    if word in ("кем", "аз") and following.startswith("емес"):
        return "at_least", True, k
    if word.startswith("асп"):  # "аспауы тиіс", "аспайды": must not exceed
        return "within", False, k if following == "тиіс" else j
    if word.startswith("құрай"):  # "... 6 жұмыс күнін құрайды": amounts to
        return "within", False, j
    if word == "бұрын":
        return "before", False, j
    if word in ("өткен", "өткеннен") and following in ("соң", "кейін", "сон"):
        return "after", False, k
    if word in ("кейін", "соң"):
        return "after", False, j
    if word.startswith(("асқан", "астам", "артық", "асатын")):
        return "after", True, j
    if word == "дейін" and doc[u].lower_.endswith(_DATIVE):  # "3 күнге дейін": up to
        return "within", False, j
    if word.startswith("мерзім"):  # "үш айлық мерзімде", "... мерзім ішінде"
        if following in ("ішінде", "ішіндегі"):
            return "within", False, k
        return "within", False, j
    return None, False, u


def _hedge_after(doc: Doc, end: int) -> int | None:
    """The last token of "не ертерек" / "немесе кейінірек" right after the expression."""
    j = _next(doc, end)
    if _lower(doc, j) in ("не", "немесе"):
        k = _next(doc, j)
        if k < len(doc) and _COMPARATIVE.fullmatch(doc[k].lower_):
            return k
    return None


def _retention_after(doc: Doc, end: int) -> int | None:
    """The token of "сақтау..." (keeping) right after the expression."""
    j = _next(doc, end)
    return j if _lower(doc, j).startswith("сақта") else None


def _retention_before(doc: Doc, start: int) -> bool:
    """Whether "сақтау мерзімі" (the keeping term) stands right before the expression."""
    k = _prev(doc, start)
    return _lower(doc, k).startswith("мерзім") and _lower(doc, _prev(doc, k)).startswith("сақта")


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
    if _lower(doc, k) == "кемінде":
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
    if _lower(doc, after) == "сағат" and _CLOCK.match(_lower(doc, _next(doc, after))):
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
        if token.lower_ in _ANCHORS and _lower(doc, _next(doc, k)) not in _LEADING_CONJUNCTIONS:
            break
        if token.lower_ in ("не", "немесе"):
            joined = _lower(doc, _prev(doc, k))
            if joined in _ANCHORS or _EVENT_TIME.fullmatch(joined):
                budget = _TRIGGER_MAX_TOKENS + 1
        # "жалпы мерзімі өтініш берілген күннен бастап": the term is not the event; but in
        # "мерзімі аяқталғанға дейін" the term's end is.
        if token.lower_.startswith("мерзім") and not _PARTICIPLE.fullmatch(
                _lower(doc, _next(doc, k))):
            break
        first, k, budget = k, _prev(doc, k), budget - 1
    while first < anchor and doc[first].lower_ in _LEADING_CONJUNCTIONS:
        first = _next(doc, first)
    return first, anchor


def _is_anchor(doc: Doc, k: int, want_depth: int, depth: list[int]) -> bool:
    return k >= 0 and doc[k].lower_ in _ANCHORS and depth[k] == want_depth \
        and _lower(doc, _prev(doc, k)) not in _CONNECTIVES


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
    depth, out = 0, []
    for token in doc:
        if token.text == ")":
            depth = max(0, depth - 1)
        out.append(depth)
        if token.text == "(":
            depth += 1
    return out


def _actor_phrases(text: str, start: int, end: int) -> list[_Actor]:
    """Every actor phrase of the sentence; of overlapping ones the longest
    ("Мемлекеттік корпорацияның қызметкері" over "Мемлекеттік корпорация")."""
    sentence = text[start:end]
    found: list[_Actor] = []
    for label, pattern in _ACTOR_RES:
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
    term = max((m.end() + start for m in _TERM_NOUN.finditer(text[start:evidence[0]])
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


def _bracket_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    opened: list[int] = []
    for i in range(start, end):
        if text[i] == "(":
            opened.append(i)
        elif text[i] == ")" and opened:
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
        connective = _NEW_CLAUSE.search(rest)
        rest = rest[:connective.start()] if connective is not None else rest
    pieces.append(rest)
    action = _squash(_EMPTY_BRACKETS.sub("", " ".join(pieces))).strip(" ,;:.–—-\"«»")
    return action or None


def _squash(s: str) -> str:
    return " ".join(s.split())
