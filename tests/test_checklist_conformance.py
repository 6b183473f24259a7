"""The browser checklist evaluates the rules as the Python checker does, run under `node --test`.

A conformance set is made here from the seed acts' rules export: answer sets of every kind a
person (or a hand-written answers.json) can give, valid and not, each with the outcome
eligibility/check.py gives; then tests/js/checklist.test.js loads site/assets/checklist.js in
node and checks that its evaluator gives exactly the same outcome for each. The same run checks
the act-page paths, provision anchors and provision names the script builds from labels.json
against guide/urls.py and guide/labels.py. (The browser tests check the page itself.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from shezhire.eligibility.check import check
from shezhire.eligibility.export import records_to_rules
from shezhire.extract.pipeline import link_records
from shezhire.guide.i18n import language
from shezhire.guide.labels import provision_label, site_labels
from shezhire.guide.urls import act_url, provision_anchor

ROOT = Path(__file__).resolve().parents[1]
NODE_TEST = ROOT / "tests" / "js" / "checklist.test.js"
PERSONAS = sorted((ROOT / "tests" / "personas").glob("*.json"))

# Answers no question type allows, per type (the checker must refuse them before any rule).
INVALID = {
    "boolean": ["yes", 1, 0, [], {}],
    "number": [True, "3", -1, [3], {}],
    "date": ["2020-02-31", "2021-02-29", "2100-02-29", "2020-13-01", "2020-1-1", "",
             20200101, "0000-01-01", " 2020-01-01", "2020-01-01T00:00", "٢٠٢٠-٠١-٠١"],
    "place": ["nowhere", "", 5, ["astana"]],
    "choice": ["nobody", True, ["veteran"]],
    "multi": ["exchanged", ["nothing"], ["exchanged", "exchanged"], [True], {}],
}


def valid_values(q: dict[str, Any], rules: dict[str, Any], days: list[str]) -> list[Any]:
    """Answers of every kind the form gives for ``q`` (None: left unanswered)."""
    kind = q["type"]
    if kind == "boolean":
        return [True, False, None]
    if kind == "number":
        limits = {n for rs in rules["rulesets"] for r in rs["conditions"] + rs["refusals"]
                  for n in r.get("numbers", {}).values()}
        numbers = {0, 1.5, 10, *limits, *(n - 0.1 for n in limits), *(n + 0.1 for n in limits)}
        return [*sorted(numbers), None]
    if kind == "date":
        return [*days, "2000-02-29", "2024-02-29", None]
    if kind == "place":
        return [p["value"] for p in rules["places"]] + [None]
    options = [o["value"] for o in q["options"]]
    if kind == "choice":
        return [*options, None]
    return [[], *[[o] for o in options], options, None]


def interesting_days(rules: dict[str, Any]) -> list[str]:
    """Days where the act that applies changes, and the days either side."""
    out = {"2000-01-01", "2030-01-01"}
    for rs in rules["rulesets"]:
        for d in (rs["valid_from"], rs["valid_until"]):
            if d:
                day = dt.date.fromisoformat(d)
                out |= {d, (day - dt.timedelta(1)).isoformat()}
    return sorted(out)


def answer_sets(rules: dict[str, Any]) -> list[tuple[str, dict[str, Any], str | None]]:
    """(name, answers, date argument) of the conformance set, in a fixed order."""
    personas = [(p.stem, json.loads(p.read_text("utf-8"))["answers"]) for p in PERSONAS]
    days = interesting_days(rules)
    out: list[tuple[str, dict[str, Any], str | None]] = [
        (f"persona {name}", answers, None) for name, answers in personas]
    for day in days:
        for place in [p["value"] for p in rules["places"]]:
            out.append((f"first questions {day} {place}",
                        {"application_date": day, "place": place}, None))
    for name, answers in personas:
        for q in rules["questions"]:
            for value in valid_values(q, rules, days):
                out.append((f"{name} {q['id']}={json.dumps(value)}", {**answers, q["id"]: value},
                            None))
            for value in INVALID[q["type"]]:
                out.append((f"{name} invalid {q['id']}={json.dumps(value, ensure_ascii=False)}",
                            {**answers, q["id"]: value}, None))
            without = {k: v for k, v in answers.items() if k != q["id"]}
            out.append((f"{name} without {q['id']}", without, None))
        out.append((f"{name} misspelt question", {**answers, "citizn": True}, None))
        for day in days[::3]:
            out.append((f"{name} on {day} by the date argument", answers, day))
    out.append(("the date argument is checked too", personas[0][1], "2019-02-30"))
    rng = random.Random(20240701)
    for n in range(300):  # mixtures near the personas, where outcomes turn
        answers = dict(rng.choice(personas)[1])
        for q in rng.sample(rules["questions"], 3):
            answers[q["id"]] = rng.choice(valid_values(q, rules, days))
        if rng.random() < 0.3:
            del answers[rng.choice(sorted(answers))]
        out.append((f"mixture {n}", answers, None))
    return out


def conformance_set(rules: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    cases = [{"name": name, "answers": answers, "date": date,
              "expected": check(rules, answers, date)}
             for name, answers, date in answer_sets(rules)]
    links = [{"act": r["id"], "act_path": act_url(r["id"]), "provision": p["id"],
              "anchor": provision_anchor(p["id"]), "label": provision_label(p["id"])}
             for r in records for p in r["provisions"]]
    links += [{"act": "x", "act_path": act_url("x"), "provision": p,
               "anchor": provision_anchor(p), "label": provision_label(p)}
              for p in ("rules/p-11~1/sp-3", "reglament", "app-2/form", "p-", "zz-1")]
    # The Russian tree's labels.json and the Russian provision names of guide/labels.py.
    with language("ru"):
        labels_ru = site_labels()
        links_ru = [{**link, "label": provision_label(link["provision"])} for link in links]
    return {"rules": rules, "labels": site_labels(), "cases": cases, "links": links,
            "labels_ru": labels_ru, "links_ru": links_ru}


@pytest.fixture(scope="module")
def rules(seed_records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return records_to_rules(link_records(list(seed_records.values())))


def test_the_set_covers_every_outcome_and_problem(rules: dict[str, Any]) -> None:
    outcomes = [check(rules, a, d) for _n, a, d in answer_sets(rules)]
    assert {o["outcome"] for o in outcomes} == {"eligible", "not_eligible", "cannot_tell",
                                                "no_act", "invalid_answers"}
    problems = {p["problem"] for o in outcomes for p in o["problems"]}
    assert problems == {"unknown_question", "not_boolean", "not_number", "below_minimum",
                        "not_date", "unknown_place", "unknown_option", "not_list",
                        "repeated_option"}


def test_invalid_answers_run_no_rule(rules: dict[str, Any]) -> None:
    persona = json.loads(PERSONAS[0].read_text("utf-8"))["answers"]
    outcome = check(rules, {**persona, "citizen": "yes", "application_date": "2020-02-31"})
    assert outcome["outcome"] == "invalid_answers"
    assert outcome["problems"] == [{"question": "application_date", "problem": "not_date"},
                                   {"question": "citizen", "problem": "not_boolean"}]
    assert outcome["act"] is None and outcome["reasons"] == []


def test_checklist_js_gives_the_python_outcomes(rules: dict[str, Any],
                                                seed_records: dict[str, dict[str, Any]],
                                                tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is not installed (required in CI)", pytrace=False)
        pytest.skip("node is not installed")
    data = conformance_set(rules, list(seed_records.values()))
    path = tmp_path / "conformance.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([node, "--test", "--test-reporter=dot", str(NODE_TEST)],
                         capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "SHEZHIRE_CONFORMANCE": str(path)})
    assert run.returncode == 0, (run.stdout[-6000:] + run.stderr[-2000:])
    assert len(data["cases"]) > 2000
