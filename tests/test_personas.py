"""Personas: answers, the outcome a person read from the acts, and the provisions that decide it.

Each persona in tests/personas was written by reading the act in force at its place and date;
the browser checklist (the guide) runs the same files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from shezhire.eligibility.check import check
from shezhire.eligibility.export import records_to_rules
from shezhire.eligibility.schema import validate_rules
from shezhire.extract.pipeline import link_records

PERSONAS = sorted((Path(__file__).parent / "personas").glob("*.json"))


@pytest.fixture(scope="module")
def rules(seed_records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    export = records_to_rules(link_records(list(seed_records.values())))
    validate_rules(export)
    return export


def decisive_provisions(outcome: dict[str, Any]) -> list[str]:
    """The provisions behind the outcome: what failed, what was refused, what is missing,
    or (when eligible) every condition met."""
    wanted = {"not_eligible": {"failed", "refused"}, "eligible": {"met"},
              "cannot_tell": {"unknown"}, "no_act": set()}[outcome["outcome"]]
    out: list[str] = []
    for reason in outcome["reasons"]:
        if reason["status"] in wanted:
            for c in reason["citations"]:
                key = f"{c['act']}#{c['provision']}"
                if key not in out:
                    out.append(key)
    return sorted(out)


def test_there_are_enough_personas() -> None:
    assert len(PERSONAS) >= 15


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_persona(path: Path, rules: dict[str, Any]) -> None:
    persona = json.loads(path.read_text("utf-8"))
    expected = persona["expected"]
    outcome = check(rules, persona["answers"])
    assert outcome["outcome"] == expected["outcome"], outcome["reasons"]
    assert (outcome["act"] or {}).get("id") == expected["act"]
    assert decisive_provisions(outcome) == sorted(expected["decisive_provisions"])
    if "next_questions" in expected:
        assert outcome["next_questions"] == expected["next_questions"]


def test_personas_cover_every_act_category_and_refusal_ground(rules: dict[str, Any]) -> None:
    personas = [json.loads(p.read_text("utf-8")) for p in PERSONAS]
    acts = {p["expected"]["act"] for p in personas}
    assert {rs["act"]["id"] for rs in rules["rulesets"]} <= acts
    assert None in acts  # a date or place where no act applies
    categories = {p["answers"].get("category") for p in personas}
    options = next(q for q in rules["questions"] if q["id"] == "category")["options"]
    assert {o["value"] for o in options} <= categories
    refused = set()
    for p in personas:
        outcome = check(rules, p["answers"])
        refused |= {(outcome["act"]["id"], r["rule"]) for r in outcome["reasons"]
                    if r["status"] == "refused"}
    grounds = {(rs["act"]["id"], r["id"]) for rs in rules["rulesets"] for r in rs["refusals"]
               if rs["act"]["id"].startswith("2023-12-27")}
    assert grounds <= refused


def test_every_cited_quote_stands_in_its_provision(
        rules: dict[str, Any], seed_records: dict[str, dict[str, Any]]) -> None:
    by_id = {r["id"]: {p["id"]: p["text"] for p in r["provisions"]} for r in seed_records.values()}
    for rs in rules["rulesets"]:
        for rule in [*rs["conditions"], *rs["refusals"]]:
            for c in rule["citations"]:
                assert " ".join(c["quote"].split()) in " ".join(by_id[c["act"]][c["provision"]].split())
            for value in rule.get("numbers", {}).values():
                shown = f"{value:g}".replace(".", ",")
                words = {3: "үш", 5: "бес"}
                assert any(shown in c["quote"] or words.get(int(value), "@") in c["quote"]
                           for c in rule["citations"]), (rule["id"], value)


def test_the_2023_rules_hold_the_income_residence_and_lookback_numbers(rules: dict[str, Any]) -> None:
    rs = next(r for r in rules["rulesets"] if r["act"]["id"].startswith("2023-12-27_order_168"))
    numbers = {r["id"]: r.get("numbers") for r in rs["conditions"] + rs["refusals"]}
    assert numbers["income_vulnerable"] == {"multiplier": 3.1}
    assert numbers["three_years_in_big_cities"] == {"years": 3.0}
    assert numbers["worsened_exchanged"] == {"years": 5.0}
    assert rs["territory"] == {"kind": "country", "places": []}
    assert (rs["valid_from"], rs["valid_until"]) == ("2023-12-27", "2025-05-24")


def test_every_persona_passes_through_shezhire_check(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from golden_facts import CORPUS

    from shezhire.cli import cli

    runner = CliRunner()
    exported = tmp_path / "rules.json"
    result = runner.invoke(cli, ["rules", "export", "--out", str(exported), "--corpus", str(CORPUS)])
    assert result.exit_code == 0, result.output
    validate_rules(json.loads(exported.read_text("utf-8")))
    for path in PERSONAS:
        persona = json.loads(path.read_text("utf-8"))
        answers = tmp_path / path.name
        answers.write_text(json.dumps(persona["answers"], ensure_ascii=False), "utf-8")
        result = runner.invoke(cli, ["check", str(answers), "--rules", str(exported), "--json"])
        assert result.exit_code == 0, result.output
        outcome = json.loads(result.stdout)
        assert outcome["outcome"] == persona["expected"]["outcome"], path.name
        assert decisive_provisions(outcome) == sorted(persona["expected"]["decisive_provisions"])
        readable = runner.invoke(cli, ["check", str(answers), "--rules", str(exported)])
        assert readable.exit_code == 0 and readable.stdout.strip()


def test_check_date_option_selects_the_act_in_force_then(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from golden_facts import CORPUS

    from shezhire.cli import cli

    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"place": "north_kazakhstan", "citizen": True}), "utf-8")
    result = CliRunner().invoke(cli, ["check", str(answers), "--date", "2019-05-01", "--json",
                                      "--corpus", str(CORPUS)])
    assert json.loads(result.stdout)["act"]["number"] == "193"
    result = CliRunner().invoke(cli, ["check", str(answers), "--date", "2024-05-01", "--json",
                                      "--corpus", str(CORPUS)])
    assert json.loads(result.stdout)["act"]["number"] == "168"


def test_check_refuses_a_file_that_is_not_answers(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from shezhire.cli import cli

    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", "utf-8")
    result = CliRunner().invoke(cli, ["check", str(bad), "--rules", str(bad)])
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_documents_to_bring_follow_the_applicants_category(rules: dict[str, Any]) -> None:
    persona = json.loads((PERSONAS[0].parent / "01-nko-2019-resident-eligible.json").read_text("utf-8"))
    answers = {**persona["answers"], "category": "public_servant"}
    outcome = check(rules, answers)
    labels = [i["label"] for lst in outcome["documents"] if lst["channel"] == "state_corporation"
              for i in lst["items"]]
    assert any("жұмыс орнынан" in label for label in labels)
    assert not any("табысы туралы" in label for label in labels)
    assert any("жеке басын куәландыратын құжат" in label for label in labels)



# Letters Kazakh has and Russian does not: the Russian words of the checker hold none of them
# (but for names: in quotation marks, as the awards "Алтын алқа", or capitalised, as the
# official Russian names "область Жетісу", "область Ұлытау").
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")


def _russian(text: str) -> bool:
    words = re.sub(r'"[^"]*"|«[^»]*»', "", text)
    kazakh = [w for w in words.split() if KAZAKH_LETTERS & set(w) and not w[0].isupper()]
    return bool(text) and not kazakh and any("а" <= c <= "я" for c in words)


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_persona_in_russian_gives_what_its_kazakh_twin_gives(path: Path, rules: dict[str, Any],
                                                            tmp_path: Path) -> None:
    """`shezhire check --lang ru`: the outcome, the act and every citation are the Kazakh
    run's and the persona's; the reasons, the note, what would change and the next questions
    are in Russian; each quote (the acts' Kazakh text) is said to be Kazakh, in Russian."""
    from click.testing import CliRunner

    from shezhire.cli import cli
    from shezhire.cli_rules import KAZAKH_MARK_RU, KAZAKH_QUOTE_RU

    persona = json.loads(path.read_text("utf-8"))
    exported = tmp_path / "rules.json"
    exported.write_text(json.dumps(rules, ensure_ascii=False), "utf-8")
    answers = tmp_path / path.name
    answers.write_text(json.dumps(persona["answers"], ensure_ascii=False), "utf-8")
    runner = CliRunner()
    runs = {lang: runner.invoke(cli, ["check", str(answers), "--rules", str(exported), "--json",
                                      "--lang", lang]) for lang in ("kk", "ru")}
    assert all(r.exit_code == 0 for r in runs.values()), runs["ru"].output
    kk, ru = (json.loads(runs[lang].stdout) for lang in ("kk", "ru"))
    assert ru == kk
    assert ru["outcome"] == persona["expected"]["outcome"]
    assert (ru["act"] or {}).get("id") == persona["expected"]["act"]
    assert decisive_provisions(ru) == sorted(persona["expected"]["decisive_provisions"])
    for reason in ru["reasons"]:
        assert _russian(reason["label_ru"]), reason
    assert all(_russian(w) for w in ru["what_would_change_ru"])
    assert ru["note_ru"] is None or _russian(ru["note_ru"])

    text = runner.invoke(cli, ["check", str(answers), "--rules", str(exported), "--lang", "ru"])
    assert text.exit_code == 0, text.output
    shown = [r for r in ru["reasons"] if r["status"] != "clear"]
    flat = " ".join(text.stdout.split())
    for reason in shown:
        assert reason["label_ru"].split()[0] in text.stdout
        assert reason["label_kk"] not in flat
    quotes = sum(len(r["citations"]) for r in shown) + sum(d["service_term"] for d in ru["deadlines"])
    assert text.stdout.count(KAZAKH_MARK_RU) == quotes + (1 if quotes else 0)
    assert (KAZAKH_QUOTE_RU in text.stdout) == bool(quotes)
    questions = {q["id"]: q for q in rules["questions"]}
    for q in ru["next_questions"]:
        assert questions[q]["text_ru"] in text.stdout
    first = text.stdout.splitlines()[0]
    assert _russian(first)


def test_every_word_the_checklist_shows_has_its_russian(rules: dict[str, Any]) -> None:
    """Questions, help, options, places, rule labels, notes and changes: a Russian beside
    every Kazakh word of the export, and Russian it is."""
    def pairs(node: Any) -> list[tuple[str, Any, Any]]:
        out = []
        if isinstance(node, dict):
            for key, value in node.items():
                if key.endswith("_kk"):
                    out.append((key, value, node.get(key[:-3] + "_ru")))
                else:
                    out += pairs(value)
        elif isinstance(node, list):
            for value in node:
                out += pairs(value)
        return out

    found = pairs({k: rules[k] for k in ("questions", "places")}) + pairs(
        [{k: rs[k] for k in ("note_kk", "note_ru", "conditions", "refusals", "where_to_apply")}
         for rs in rules["rulesets"]])
    assert len(found) > 80
    for key, kk, ru in found:
        if kk is None:
            assert ru is None, key
        else:
            assert isinstance(ru, str) and _russian(ru), (key, kk, ru)
