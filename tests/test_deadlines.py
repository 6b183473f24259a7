"""Typed time expressions: the deadlines a person reads in each seed act, and the sentences
the extractor must report rather than guess at, or leave alone."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from shezhire.extract.deadlines import provisions_to_deadlines, total_service_term
from shezhire.extract.models import Deadline, Finding, Provision

NKO = "nko-akimat-decree-2018-193-reglament"
MIC_2023 = "mic-order-2023-168-rules"
ALMATY = "almaty-akimat-decree-2012-2-516-reglament"
WKO = "wko-akimat-decree-2014-111-reglament"
MIC_2026 = "mic-order-2026-130-amendments"

# The fragment of the act record's schema for one deadline (for the record's "deadlines").
DEADLINE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "unit", "day_kind", "kind", "relation", "actor", "action", "trigger",
                 "provision", "evidence"],
    "properties": {
        "value": {"type": "number", "exclusiveMinimum": 0},
        "unit": {"enum": ["minute", "hour", "day", "week", "month", "quarter", "year"]},
        "day_kind": {"enum": ["working", "calendar", None]},
        "kind": {"enum": ["deadline", "lookback", "minimum", "frequency", "retention"]},
        "relation": {"enum": ["within", "not_later_than", "at_least", "before", "after"]},
        "actor": {"type": ["string", "null"]},
        "action": {"type": ["string", "null"]},
        "trigger": {"type": ["string", "null"]},
        "provision": {"type": "string"},
        "evidence": {
            "type": "object",
            "additionalProperties": False,
            "required": ["quote", "span"],
            "properties": {
                "quote": {"type": "string"},
                "span": {"type": "array", "items": {"type": "integer"}, "minItems": 2,
                         "maxItems": 2},
            },
        },
    },
}


def _provisions(record: dict[str, Any]) -> list[Provision]:
    return [Provision(p["id"], p["kind"], p["label"], p["heading"], p["text"], p["parent"],
                      p["span"][0], p["span"][1], p["role"]) for p in record["provisions"]]


@pytest.fixture(scope="module")
def read(seed_records: dict[str, dict[str, Any]]
         ) -> dict[str, tuple[list[Deadline], list[Finding], Deadline | None]]:
    out = {}
    for stem, record in seed_records.items():
        provisions = _provisions(record)
        deadlines, findings = provisions_to_deadlines(record["text"], provisions)
        out[stem] = (deadlines, findings, total_service_term(deadlines, provisions))
    return out


def _find(deadlines: list[Deadline], value: float, unit: str, **fields: Any) -> list[Deadline]:
    return [d for d in deadlines if d.value == value and d.unit == unit
            and all(getattr(d, k) == v for k, v in fields.items())]


def _one_sentence(sentence: str) -> tuple[list[Deadline], list[Finding]]:
    provision = Provision("p-1", "point", None, None, sentence, None, 0, len(sentence))
    return provisions_to_deadlines(sentence, [provision])


# --- The seeds, as the acceptance list reads them --------------------------------

def test_nko_step_times_and_retention(read: Any) -> None:
    deadlines, _, term = read[NKO]
    clerk = _find(deadlines, 15, "minute", provision="reglament/p-8/sp-1")
    assert [(d.actor, d.kind, d.relation) for d in clerk] == [
        ("provider_clerk", "deadline", "within")]
    assert clerk[0].actor_phrase == "көрсетілетін қызметті берушінің кеңсе қызметкері"
    assert clerk[0].evidence.quote == "15 (он бес) минут"
    head = _find(deadlines, 15, "minute", provision="reglament/p-8/sp-2")
    assert [d.actor for d in head] == ["provider_head"]
    executor = _find(deadlines, 27, "day", day_kind="calendar", provision="reglament/p-8/sp-3")
    assert [d.actor for d in executor] == ["provider_executor"]
    assert "құжаттарды қарастырады" in (executor[0].action or "")
    assert _find(deadlines, 1, "day", day_kind="calendar", provision="reglament/p-8/sp-5",
                 actor="provider_clerk")
    kept = _find(deadlines, 1, "month", kind="retention")
    assert [(d.actor, d.evidence.quote) for d in kept] == [("state_corporation", "бір ай ішінде")]
    assert kept[0].action is not None and kept[0].action.startswith("нәтижені сақтауды")
    # The reglament times its steps but states no overall term.
    assert term is None


def test_nko_lookbacks_and_entry_into_force(read: Any) -> None:
    deadlines, _, _ = read[NKO]
    assert _find(deadlines, 5, "year", kind="lookback", provision="reglament/p-6/sp-3")
    income = _find(deadlines, 12, "month", kind="lookback")
    assert {d.trigger for d in income} == {"өтініш жасаудың алдында"}
    in_force = _find(deadlines, 10, "day", day_kind="calendar", relation="after", provision="p-5")
    assert in_force and in_force[0].action == "қолданысқа енгізіледі"


def test_mic_2023_service_term_is_15_working_days(read: Any) -> None:
    deadlines, _, term = read[MIC_2023]
    assert term is not None
    assert (term.value, term.unit, term.day_kind, term.relation, term.provision) == (
        15, "day", "working", "not_later_than", "rules/p-10")
    assert term.trigger == "өтініш берілген күннен бастап"
    # The list of basic requirements (an appendix) says the same.
    assert _find(deadlines, 15, "day", day_kind="working", relation="not_later_than",
                 trigger="өтініш түскен сәттен бастап")


def test_mic_2023_hearing(read: Any) -> None:
    deadlines, _, _ = read[MIC_2023]
    notice = _find(deadlines, 3, "day", day_kind="working", kind="minimum", relation="before")
    assert len(notice) == 1
    assert notice[0].evidence.quote == "кемінде 3 (үш) жұмыс күні бұрын"
    assert (notice[0].trigger or "").endswith("мемлекеттік қызмет көрсету мерзімі аяқталғанға дейін")
    hearing = _find(deadlines, 2, "day", day_kind="working", provision="rules/p-12")
    assert [(d.kind, d.relation, d.action) for d in hearing] == [
        ("deadline", "not_later_than", "жүргізіледі")]
    assert (hearing[0].trigger or "").endswith("хабардар етілген күннен бастап")


def test_mic_2023_complaints(read: Any) -> None:
    deadlines, _, _ = read[MIC_2023]
    complaints = [d for d in deadlines if d.provision == "rules/p-14"]
    assert sorted(d.value for d in complaints) == [3, 3, 5, 15]
    forward = _find(complaints, 3, "day", relation="not_later_than")
    assert [(d.actor, d.trigger) for d in forward] == [
        ("official", "шағым келіп түскен күннен бастап")]
    for value in (5, 15):
        found = _find(complaints, value, "day", day_kind="working", relation="within")
        assert len(found) == 1
        assert (found[0].trigger or "").endswith("күн" + ("інен" if value == 5 else "нен")
                                                 + " бастап")


def test_mic_2023_orphans_residence_and_lookbacks(read: Any) -> None:
    deadlines, _, _ = read[MIC_2023]
    orphans = _find(deadlines, 3, "month")
    assert [(d.kind, d.relation, d.actor, d.provision) for d in orphans] == [
        ("deadline", "within", "legal_representative", "rules/p-6")]
    assert "келіп түскен күннен бастап" in (orphans[0].trigger or "")
    assert "шарт жасалған күннен бастап" in (orphans[0].trigger or "")
    assert _find(deadlines, 3, "year", kind="minimum", relation="at_least",
                 provision="rules/p-5/sp-6")
    assert len(_find(deadlines, 12, "month", kind="lookback")) >= 2
    assert len(_find(deadlines, 5, "year", kind="lookback")) >= 2
    pregnancy = _find(deadlines, 22, "week")
    assert [(d.kind, d.relation) for d in pregnancy] == [("minimum", "after")]


def test_almaty_term_and_waiting_times(read: Any) -> None:
    deadlines, findings, term = read[ALMATY]
    assert term is not None
    assert (term.value, term.unit, term.day_kind, term.relation) == (30, "day", "calendar",
                                                                     "within")
    assert term.evidence.quote == "30 күнтізбелік күннен аспауы тиіс"
    assert term.trigger == "тұтынушы қажетті құжаттарды тапсырған сәттен бастап"
    assert len(_find(deadlines, 30, "minute", relation="within")) == 2
    assert _find(deadlines, 1, "month", kind="retention", actor="service_centre")
    assert _find(deadlines, 2, "day", kind="frequency", relation="at_least")
    # A page number fell into "соңғы бес 72 жылдың ішінде": reported, not read as 72 years.
    assert not _find(deadlines, 72, "year")
    unread = [f for f in findings if f.kind == "unread_time_expression"]
    assert any(f.evidence and f.evidence.quote == "соңғы бес 72 жылдың ішінде" for f in unread)


def test_wko_terms(read: Any) -> None:
    deadlines, _, term = read[WKO]
    assert _find(deadlines, 25, "day", day_kind="calendar", actor="provider_executor")
    assert len(_find(deadlines, 30, "day", day_kind="calendar", relation="within")) == 2
    operator = _find(deadlines, 15, "minute", provision="reglament/p-5/sp-1")
    assert [(d.actor, d.actor_phrase) for d in operator] == [("service_centre", "ХҚО операторы")]
    assert (operator[0].trigger or "").endswith("өтініш берген кезден бастап")
    assert _find(deadlines, 15, "minute", provision="reglament/p-5/sp-2", actor="provider_clerk",
                 trigger="құжаттар келіп түскен кезден бастап")
    assert term is not None and (term.value, term.unit, term.day_kind) == (30, "day", "calendar")


def test_mic_2026_amended_terms(read: Any) -> None:
    deadlines, _, term = read[MIC_2026]
    working = sorted(d.value for d in deadlines if d.day_kind == "working")
    assert working == [2, 3, 5, 6, 6]
    assert _find(deadlines, 2, "day", actor="provider_executor")
    assert _find(deadlines, 5, "day", actor="provider_staff")
    assert _find(deadlines, 3, "day", actor="authorised_body")
    quarter = _find(deadlines, 1, "quarter")
    assert [(d.kind, d.relation, d.actor, d.evidence.quote) for d in quarter] == [
        ("frequency", "within", "applicant", "тоқсанына бір рет")]
    assert term is not None and (term.value, term.unit, term.day_kind) == (6, "day", "working")


def test_every_deadline_quotes_its_provision(seed_records: dict[str, dict[str, Any]],
                                             read: Any) -> None:
    for stem, record in seed_records.items():
        spans = {p["id"]: p["span"] for p in record["provisions"]}
        roles = {p["id"]: p["role"] for p in record["provisions"]}
        deadlines, findings, _ = read[stem]
        assert deadlines, stem
        for d in deadlines:
            ev = d.evidence
            assert record["text"][ev.start:ev.end] == ev.quote
            start, end = spans[d.provision]
            assert start <= ev.start < ev.end <= end
            assert roles[d.provision] not in ("note", "header", "title", "stamp")
            jsonschema.validate(d.to_json(), DEADLINE_SCHEMA)
        for f in findings:
            assert f.evidence is not None
            assert record["text"][f.evidence.start:f.evidence.end] == f.evidence.quote


def test_same_text_same_deadlines(seed_records: dict[str, dict[str, Any]]) -> None:
    record = seed_records[MIC_2023]
    first = provisions_to_deadlines(record["text"], _provisions(record))
    second = provisions_to_deadlines(record["text"], _provisions(record))
    assert [d.to_json() for d in first[0]] == [d.to_json() for d in second[0]]


# --- Sentences ---------------------------------------------------------------------------

def test_json_has_exactly_the_contract_keys() -> None:
    deadlines, _ = _one_sentence("Мемлекеттік корпорация 24 сағат ішінде жібереді.")
    assert list(deadlines[0].to_json()) == [
        "value", "unit", "day_kind", "kind", "relation", "actor", "action", "trigger",
        "provision", "evidence"]
    assert deadlines[0].to_json()["evidence"] == {"quote": "24 сағат ішінде", "span": [23, 38]}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Көрсетілетін қызметті беруші жарты жыл ішінде шешім қабылдайды.",
         (0.5, "year", None, "deadline", "within", "provider")),
        ("Көрсетілетін қызметті беруші бір жарым жыл ішінде шешім қабылдайды.",
         (1.5, "year", None, "deadline", "within", "provider")),
        ("Басшы тоқсан күн ішінде қарайды.", (90, "day", None, "deadline", "within",
                                                  "provider_head")),
        ("уәкілетті орган 10 күнтізбелік күн ішінде жібереді.",
         (10, "day", "calendar", "deadline", "within", "authorised_body")),
        ("Өтініш беруші кемінде он жыл тұруы тиіс.",
         (10, "year", None, "minimum", "at_least", "applicant")),
        ("тұрақты тұру мерзімі үш жылдан кем емес.", (3, "year", None, "minimum", "at_least", None)),
        ("Құжаттар бір ай бойы сақталады.", (1, "month", None, "retention", "within", None)),
        ("Комиссия жылына екі рет отырыс өткізеді.",
         (2, "year", None, "frequency", "within", None)),
        ("Көрсетілетін қызметті алушы айына кемінде бір рет хабарлайды.",
         (1, "month", None, "frequency", "at_least", "applicant")),
        ("Тізім жыл сайын түгенделеді.", (1, "year", None, "frequency", "within", None)),
    ],
)
def test_reads_sentences(sentence: str, expected: tuple[Any, ...]) -> None:
    deadlines, findings = _one_sentence(sentence)
    assert findings == []
    assert [(d.value, d.unit, d.day_kind, d.kind, d.relation, d.actor) for d in deadlines] == [
        expected]


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Көрсетілетін қызметті беруші бірнеше күн ішінде хабарлайды.", "бірнеше күн ішінде"),
        ("Өтініш беруші екі аптадан кейін не ертерек жүгінеді.", "екі аптадан кейін не ертерек"),
        ("Басшы екі-үш күн ішінде қарайды.", "екі-үш күн ішінде"),
        ("Басшы 2-3 жұмыс күні ішінде қарайды.", "2-3 жұмыс күні ішінде"),
        ("Басшы шамамен 5 күн ішінде қарайды.", "шамамен 5 күн ішінде"),
        ("Мемлекеттік корпорация үш ай сайын есеп береді.", "үш ай сайын"),
        ("азаматтың соңғы бес 72 жылдың ішінде", "соңғы бес 72 жылдың ішінде"),
        ("Өтініш бес жыл бұрынғы мәліметтермен толтырылады.", "бес жыл"),
    ],
)
def test_reports_what_it_cannot_type(sentence: str, quote: str) -> None:
    deadlines, findings = _one_sentence(sentence)
    assert deadlines == []
    assert [(f.kind, f.evidence.quote if f.evidence else None) for f in findings] == [
        ("unread_time_expression", quote)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Солтүстік Қазақстан облысы әкімдігінің 2018 жылғы 12 шілдедегі № 193 қаулысы.",
        "Мемлекеттік корпорация сағат 9.00-ден 20.00-ге дейін жұмыс істейді.",
        "Уәлиханов көшесі, 1 сағат 13.00-ден 14.30-ге дейін түскі үзіліспен.",
        "Осы Қағидалардың 1-тармағына сәйкес құжаттар ұсынылады.",
        "2018 жылы қабылданған шешім.",
        "қарау мерзімі бірінші жұмыс күнінен бастап есептеледі.",
        "нәтижені беру келесі жұмыс күні жүзеге асырылады.",
        "ай сайынғы жарналардың мөлшері туралы шот.",
        "некеге тұру (2008 жылғы 1 маусымға дейін) туралы куәлік.",
        "Мереке күндері өтініштер қабылданбайды.",
    ],
)
def test_leaves_dates_clock_times_and_numbering_alone(sentence: str) -> None:
    assert _one_sentence(sentence) == ([], [])


def test_digits_and_words_that_disagree() -> None:
    deadlines, findings = _one_sentence("Басшы 15 (он алты) жұмыс күні ішінде қарайды.")
    assert [(d.value, d.day_kind, d.actor) for d in deadlines] == [(15, "working",
                                                                     "provider_head")]
    assert [(f.kind, f.evidence.quote if f.evidence else None) for f in findings] == [
        ("deadline_number_words_disagree", "15 (он алты)")]
    agreeing, none = _one_sentence("Басшы бес (5) жұмыс күні ішінде қарайды.")
    assert none == [] and [d.value for d in agreeing] == [5]


def test_database_notes_are_not_this_acts_deadlines() -> None:
    note = ("Ескерту. Күші жойылды – облыс әкімдігінің 07.02.2020 № 24 (алғашқы ресми "
            "жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) "
            "қаулысымен.")
    provision = Provision("note-1", "paragraph", None, None, note, None, 0, len(note), "note")
    assert provisions_to_deadlines(note, [provision]) == ([], [])


def test_service_term_from_the_handing_in_of_documents() -> None:
    text = ("1) көрсетілетін қызметті берушінің басшысы 1 (бір) күнтізбелік күнінің ішінде "
            "жауапты орындаушыны анықтайды;\n2) көрсетілетін қызметті алушы құжаттар топтамасын "
            "тапсырған кезден бастап 30 (отыз) күнтізбелік күннің ішінде нәтижені алады.")
    first_end = text.index("\n")
    provisions = [
        Provision("p-1/sp-1", "subpoint", "1)", None, text[:first_end], "p-1", 0, first_end),
        Provision("p-1/sp-2", "subpoint", "2)", None, text[first_end + 1:], "p-1",
                  first_end + 1, len(text)),
    ]
    deadlines, _ = provisions_to_deadlines(text, provisions)
    term = total_service_term(deadlines, provisions)
    assert term is not None and (term.value, term.provision) == (30, "p-1/sp-2")
    assert total_service_term(deadlines[:1], provisions) is None
