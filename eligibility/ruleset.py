"""Rule sets: the hand-written rules of each act, checked against its text and completed from
what the extractor reads (validity, territory, numbers, documents, deadlines).

A rule file (``eligibility/data/rules/ACT-ID.json``) says which answers satisfy a condition or
trigger a refusal, and cites the provisions that say so, word for word. Loading a rule file
checks every citation against the act's record (the provision exists and contains the quote)
and reads the numbers a rule uses from its cited quote ("3,1 еселенген", "кемінде үш жыл"),
so no threshold is typed by hand. Validity comes from the lineage graph, territory from the
issuer, documents and deadlines from the record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx

from shezhire.eligibility.answers import expression_problems
from shezhire.eligibility.language import questions_in
from shezhire.extract.errors import ShezhireError
from shezhire.extract.kazakh.numbers import words_to_number
from shezhire.graph.timeline import validity

Record = dict[str, Any]


class RulesError(ShezhireError):
    """A rule file that does not match its act (a missing provision, a quote not in it...)."""


@cache
def catalogue() -> dict[str, Any]:
    """The questions and places every rule set is written in."""
    text = resources.files("shezhire.eligibility.data").joinpath("questions.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    for q in data["questions"]:
        problems = expression_problems(q.get("ask_when", True), data)
        if problems:
            raise RulesError(f"questions.json: {q['id']}: ask_when: {'; '.join(problems)}")
    return data


def rule_files() -> dict[str, dict[str, Any]]:
    """Hand-written rule files by act id."""
    folder = resources.files("shezhire.eligibility.data").joinpath("rules")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            data = json.loads(entry.read_text("utf-8"))
            out[data["act"]] = data
    return out


def records_to_rulesets(records: Iterable[Record], g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One rule set per act that has a rule file and whose record is among ``records``."""
    files = rule_files()
    out = []
    # Read once, in the records' order (they may be read from disk one at a time).
    for record in records:
        rules = files.get(record["id"])
        if rules is not None:
            out.append((str(record["id"]), _ruleset(record, rules, g)))
    return [ruleset for _id, ruleset in sorted(out, key=lambda x: x[0])]


def _ruleset(record: Record, rules: dict[str, Any], g: nx.MultiDiGraph) -> dict[str, Any]:
    provisions = {p["id"]: p for p in record["provisions"]}
    known_questions = {q["id"] for q in catalogue()["questions"]}

    def cite(citation: dict[str, Any]) -> dict[str, Any]:
        prov = provisions.get(citation["provision"])
        if prov is None:
            raise RulesError(f"{record['id']}: no provision {citation['provision']!r}")
        if _squash(citation["quote"]) not in _squash(prov["text"]):
            raise RulesError(f"{record['id']}: {citation['provision']} does not contain "
                             f"{citation['quote'][:60]!r}")
        return {"act": record["id"], "provision": citation["provision"],
                "quote": citation["quote"]}

    def rule(item: dict[str, Any], kind: str) -> dict[str, Any]:
        citations = [cite(c) for c in item["citations"]]
        numbers = {name: read_number(spec["read"], citations[spec["citation"]]["quote"],
                                     record["id"], item["id"])
                   for name, spec in item.get("numbers", {}).items()}
        out = {"id": item["id"], "kind": kind, "label_kk": item["label_kk"],
               "label_ru": item["label_ru"], "citations": citations}
        for key in ("when", "require", "refuse_if"):
            if key in item:
                expr = _fill(item[key], numbers)
                unknown = set(questions_in(expr)) - known_questions
                if unknown:
                    raise RulesError(f"{record['id']}: rule {item['id']} asks {sorted(unknown)}")
                problems = expression_problems(expr, catalogue())
                if problems:
                    raise RulesError(f"{record['id']}: rule {item['id']}: {'; '.join(problems)}")
                out[key] = expr
        if numbers:
            out["numbers"] = numbers
        for key in ("change_kk", "change_ru"):
            if key in item:
                out[key] = item[key]
        return out

    interval = validity(g, record["id"])
    if interval is None:
        raise RulesError(f"{record['id']}: nothing in the corpus says when the act is in force "
                         "(no status label, entry into force or repeal), so its rules cannot "
                         "be dated")
    return {
        "act": {k: record[k] for k in ("id", "title", "act_type", "issuer", "adopted", "number")},
        "valid_from": interval.start,
        "valid_from_basis": interval.start_basis,
        "valid_until": interval.end,
        "repealed_by": interval.repealed_by,
        "territory": territory(record),
        "incomplete": bool(rules.get("incomplete")),
        "note_kk": rules.get("note_kk"),
        "note_ru": rules.get("note_ru"),
        "incomplete_citations": [cite(c) for c in rules.get("incomplete_citations", [])],
        "conditions": [rule(r, "condition") for r in rules["conditions"]],
        "refusals": [rule(r, "refusal") for r in rules["refusals"]],
        "where_to_apply": [{**w, "citations": [cite(c) for c in w["citations"]]}
                           for w in rules.get("where_to_apply", [])],
        "documents": _documents(record),
        "deadlines": _deadlines(record),
    }


def territory(record: Record) -> dict[str, Any]:
    """Where an act applies: an akimat's or maslikhat's in its oblast or city, a ministry's or
    the Government's in the whole country."""
    issuer = record.get("issuer") or ""
    for place in catalogue()["places"]:
        if any(name in issuer for name in place["names"]):
            return {"kind": "places", "places": [place["value"]]}
    return {"kind": "country", "places": []}


def read_number(reader: str, quote: str, act: str, rule_id: str) -> float:
    """The number a rule uses, read from its cited quote."""
    if reader == "multiplier":
        m = re.search(r"(\d+(?:[,.]\d+)?)\s+еселенген", quote)
        if m:
            return float(m.group(1).replace(",", "."))
    elif reader == "years":
        m = re.search(r"(?:кемінде|соңғы)\s+(\S+(?:\s+\S+)?)\s+жыл", quote)
        if m:
            value = words_to_number(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
            if value is not None:
                return float(value)
    raise RulesError(f"{act}: rule {rule_id} cannot read a {reader} in {quote[:60]!r}")


def _fill(expr: Any, numbers: dict[str, float]) -> Any:
    if isinstance(expr, dict):
        if set(expr) == {"number"}:
            return numbers[expr["number"]]
        return {k: _fill(v, numbers) for k, v in expr.items()}
    if isinstance(expr, list):
        return [_fill(v, numbers) for v in expr]
    return expr


def _squash(text: str) -> str:
    return " ".join(text.split())


# Words by which a document's condition names an applicant category of the questions.
_CATEGORY_WORDS = (
    ("socially_vulnerable", "әлеуметтік жағынан"), ("public_servant", "мемлекеттік қызметші"),
    ("public_servant", "әскери қызметші"), ("unsafe_housing", "авариялық"),
    ("unsafe_housing", "апатты"), ("orphan", "жетім"), ("large_family", "көпбалалы"),
    ("large_family", "көп балалы"), ("veteran", "Ұлы Отан"),
)


def condition_categories(condition: str | None) -> list[str]:
    """The categories a document's condition names; exceptions in brackets
    ("(жетім балаларды … қоспағанда)") do not count."""
    if not condition:
        return []
    text = re.sub(r"\([^()]*қоспағанда\)", "", condition)
    return sorted({cat for cat, word in _CATEGORY_WORDS if word in text})


def _documents(record: Record) -> list[dict[str, Any]]:
    out = []
    for lst in record.get("document_lists", []):
        out.append({
            "id": lst["id"], "kind": lst["kind"], "channel": lst.get("channel"),
            "condition": lst.get("condition"),
            "categories": condition_categories(lst.get("condition")),
            "items": [{"id": i["id"], "label": i["label"], "condition": i.get("condition"),
                       "categories": condition_categories(i.get("condition")),
                       "citation": {"act": record["id"], "provision": i["provision"],
                                    "quote": i["evidence"]["quote"]}}
                      for i in lst["items"]],
        })
    return out


def _deadlines(record: Record) -> list[dict[str, Any]]:
    """The act's deadlines, its service term first."""
    term = record.get("service_term")
    out = []
    for d in sorted(record.get("deadlines", []), key=lambda d: d != term):
        if d["kind"] != "deadline":
            continue
        out.append({k: d.get(k) for k in ("value", "unit", "day_kind", "relation", "actor",
                                          "action", "trigger")}
                   | {"service_term": d == term,
                      "citation": {"act": record["id"], "provision": d["provision"],
                                   "quote": d["evidence"]["quote"]}})
    return out
