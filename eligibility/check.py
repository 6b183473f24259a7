"""The checker: answers in, an outcome out, every reason with its act, provision and quote.

It reads only the rules export (``rules.json``), like the browser checklist, so both give the
same answer. The answers are first checked against the question types
(:mod:`shezhire.eligibility.answers`): answers a type does not allow give the outcome
``invalid_answers`` with the problems, and no rule runs. Then it picks the act in force at the
applicant's place on the application date, and

- a refusal ground that holds → not eligible;
- a condition that applies and fails → not eligible;
- anything still undecided → cannot tell yet, with the next questions to answer;
- otherwise eligible.
"""

from __future__ import annotations

from typing import Any

from shezhire.eligibility.answers import answer_problems
from shezhire.eligibility.language import evaluate, needs

Outcome = dict[str, Any]

# The checker's own notes, in Kazakh and Russian (the rules' words come from the rule files).
NOTES = {
    "invalid_answers": ("Кейбір жауаптар сұрақ түріне сай емес.",
                        "Некоторые ответы не соответствуют типу вопроса."),
    "no_date_or_place": ("Алдымен өтініш күні мен орнын көрсетіңіз.",
                         "Сначала укажите дату и место подачи заявления."),
    "no_act": ("Корпуста осы күні осы жерде қолданылатын акт жоқ.",
               "В корпусе нет акта, действующего в этом месте в этот день."),
}
# What would change the outcome, when a rule gives no words of its own ({label}: its label).
WOULD_CHANGE = ("{label} — бұл негіз болмаса, нәтиже өзгереді.",
                "{label} — без этого основания результат изменится.")


def check(rules: dict[str, Any], answers: dict[str, Any], date: str | None = None) -> Outcome:
    """The outcome for ``answers`` (``date`` overrides ``answers["application_date"]``)."""
    answers = dict(answers)
    if date is not None:
        answers["application_date"] = date
    problems = answer_problems(rules, answers)
    if problems:
        return _outcome("invalid_answers", None, [], [], rules, answers,
                        note=NOTES["invalid_answers"],
                        problems=[p.to_json() for p in problems])
    missing = [q for q in ("application_date", "place") if answers.get(q) is None]
    if missing:
        return _outcome("cannot_tell", None, [], missing, rules, answers,
                        note=NOTES["no_date_or_place"])
    ruleset = select_ruleset(rules, answers["application_date"], answers["place"])
    if ruleset is None:
        return _outcome("no_act", None, [], [], rules, answers,
                        note=NOTES["no_act"])
    if ruleset["incomplete"]:
        note = [{"rule": "incomplete", "kind": "note", "status": "unknown",
                 "label_kk": ruleset["note_kk"], "label_ru": ruleset["note_ru"],
                 "citations": ruleset["incomplete_citations"]}]
        return _outcome("cannot_tell", ruleset, note, [], rules, answers,
                        note=(ruleset["note_kk"], ruleset["note_ru"]))
    reasons: list[dict[str, Any]] = []
    pending: list[str] = []
    failed = refused = False
    for rule in ruleset["refusals"]:
        result = evaluate(rule["refuse_if"], answers)
        status = {True: "refused", False: "clear", None: "unknown"}[result]
        refused = refused or result is True
        if result is None:
            pending += needs(rule["refuse_if"], answers)
        reasons.append(_reason(rule, status))
    for rule in ruleset["conditions"]:
        applies = evaluate(rule.get("when", True), answers)
        if applies is False:
            reasons.append(_reason(rule, "not_applicable"))
            continue
        result = evaluate(rule["require"], answers)
        if applies is None and result is not True:
            pending += needs(rule["when"], answers)
        if result is None:
            pending += needs(rule["require"], answers)
        status = {True: "met", False: "failed", None: "unknown"}[result]
        if applies is None and result is False:
            status = "unknown"
        failed = failed or status == "failed"
        reasons.append(_reason(rule, status))
    if refused or failed:
        outcome = "not_eligible"
    elif pending:
        outcome = "cannot_tell"
    else:
        outcome = "eligible"
    return _outcome(outcome, ruleset, reasons, _ordered(pending, rules, answers), rules, answers)


def select_ruleset(rules: dict[str, Any], day: str, place: str) -> dict[str, Any] | None:
    """The act in force at ``place`` on ``day``: a local act before a national one."""
    fitting = []
    for rs in rules["rulesets"]:
        if rs["valid_from"] and day < rs["valid_from"]:
            continue
        if rs["valid_until"] and day >= rs["valid_until"]:
            continue
        territory = rs["territory"]
        if territory["kind"] == "places" and place not in territory["places"]:
            continue
        fitting.append(rs)
    if not fitting:
        return None
    fitting.sort(key=lambda rs: (rs["territory"]["kind"] != "places", rs["act"]["id"]))
    chosen: dict[str, Any] = fitting[0]
    return chosen


def _ordered(pending: list[str], rules: dict[str, Any], answers: dict[str, Any]) -> list[str]:
    """Unanswered questions in the catalogue's order, only those that may be asked now."""
    wanted = set(pending)
    out = []
    for q in rules["questions"]:
        if q["id"] in wanted and q["id"] not in answers:
            ask = q.get("ask_when")
            if ask is None or evaluate(ask, answers) is not False:
                out.append(q["id"])
    return out


def _reason(rule: dict[str, Any], status: str) -> dict[str, Any]:
    reason = {"rule": rule["id"], "kind": rule["kind"], "status": status,
              "label_kk": rule["label_kk"], "label_ru": rule["label_ru"],
              "citations": rule["citations"]}
    if status == "failed" and rule.get("change_kk"):
        reason["change_kk"] = rule["change_kk"]
        reason["change_ru"] = rule["change_ru"]
    return reason


def _outcome(outcome: str, ruleset: dict[str, Any] | None, reasons: list[dict[str, Any]],
             next_questions: list[str], rules: dict[str, Any], answers: dict[str, Any],
             note: tuple[str, str] | None = None,
             problems: list[dict[str, str]] | None = None) -> Outcome:
    decisive = [r for r in reasons if r["status"] in ("failed", "refused")]
    would_change = [r.get("change_kk") or WOULD_CHANGE[0].replace("{label}", r["label_kk"])
                    for r in decisive]
    would_change_ru = [r.get("change_ru") or WOULD_CHANGE[1].replace("{label}", r["label_ru"])
                       for r in decisive]
    return {
        "outcome": outcome,
        "date": answers.get("application_date"),
        "place": answers.get("place"),
        "act": ruleset["act"] if ruleset else None,
        "act_valid": None if ruleset is None else {
            "from": ruleset["valid_from"], "from_basis": ruleset["valid_from_basis"],
            "until": ruleset["valid_until"]},
        "note_kk": note[0] if note else None,
        "note_ru": note[1] if note else None,
        "reasons": [r for r in reasons if r["status"] != "not_applicable"],
        "next_questions": next_questions,
        "documents": _documents_for(ruleset, answers) if ruleset else [],
        "deadlines": ruleset["deadlines"] if ruleset else [],
        "where_to_apply": ruleset["where_to_apply"] if ruleset else [],
        "what_would_change": would_change,
        "what_would_change_ru": would_change_ru,
        "acts_in_corpus": [] if ruleset or problems else [
            {"act": rs["act"]["id"], "from": rs["valid_from"], "until": rs["valid_until"],
             "territory": rs["territory"]} for rs in rules["rulesets"]],
        "problems": problems or [],
    }


def _documents_for(ruleset: dict[str, Any], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The lists and items that apply to the applicant's category (all while it is unknown)."""
    category = answers.get("category")

    def fits(categories: list[str]) -> bool:
        return not categories or category is None or category in categories

    out = []
    for lst in ruleset["documents"]:
        if fits(lst.get("categories", [])):
            out.append({**lst, "items": [i for i in lst["items"] if fits(i.get("categories", []))]})
    return out


def cited_provisions(outcome: Outcome) -> list[str]:
    """"ACT#PROVISION" of every citation the outcome's deciding reasons give."""
    out = []
    for reason in outcome["reasons"]:
        if reason["status"] in ("failed", "refused", "met", "unknown") or reason["kind"] == "note":
            for c in reason["citations"]:
                key = f"{c['act']}#{c['provision']}"
                if key not in out:
                    out.append(key)
    return out
