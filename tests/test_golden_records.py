"""The seeds' records against golden facts that a person read against each act's text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY, SEEDS, record_to_facts

from shezhire.extract.outputs import record_to_json
from shezhire.extract.pipeline import extract_record
from shezhire.extract.schema import validate_record

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_facts_match_golden(seed: Path, seed_records: dict[str, dict[str, Any]]) -> None:
    expected = json.loads((GOLDEN / f"{seed.stem}.facts.json").read_text("utf-8"))
    got = record_to_facts(seed_records[seed.stem])
    for key, value in expected.items():
        assert got[key] == value, f"{seed.name}: {key}"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_record_is_schema_valid_and_every_quote_stands_at_its_span(
        seed: Path, seed_records: dict[str, dict[str, Any]]) -> None:
    record = seed_records[seed.stem]
    validate_record(record)
    text = record["text"]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if set(node) >= {"quote", "span"}:
                start, end = node["span"]
                assert text[start:end] == node["quote"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in record.items() if k != "text"})
    for prov in record["provisions"]:
        start, end = prov["span"]
        assert prov["text"].split() == text[start:end].split() or prov["kind"] in ("section", "appendix")


def test_provision_ids_are_unique_and_parents_exist(seed_records: dict[str, dict[str, Any]]) -> None:
    for record in seed_records.values():
        ids = [p["id"] for p in record["provisions"]]
        assert len(ids) == len(set(ids)), record["id"]
        assert all(p["parent"] in ids for p in record["provisions"] if p["parent"])


def test_same_input_gives_byte_identical_output() -> None:
    seed = SEEDS[0]
    assert record_to_json(extract_record(seed, GOLDEN_DAY)) == record_to_json(
        extract_record(seed, GOLDEN_DAY))


def test_the_two_orders_numbered_130_have_different_ids(
        seed_records: dict[str, dict[str, Any]]) -> None:
    order_2026 = seed_records["mic-order-2026-130-amendments"]
    order_2023 = seed_records["mic-order-2023-168-rules"]
    repealer = order_2023["repealed_by"][0]
    assert repealer["number"] == order_2026["number"] == "130"
    assert repealer["id"] != order_2026["id"]


def test_status_follows_the_repeals_effective_date() -> None:
    import datetime as dt

    seed = next(p for p in SEEDS if p.stem == "mic-order-2023-168-rules")
    # Repealed by the order of 2025-04-17, in force from 2025-05-24.
    assert extract_record(seed, dt.date(2025, 5, 1))["status"] == "in_force"
    assert extract_record(seed, dt.date(2025, 5, 24))["status"] == "repealed"
    later = next(p for p in SEEDS if p.stem == "mic-order-2026-130-amendments")
    assert extract_record(later, dt.date(2026, 7, 1))["status"] == "not_yet_in_force"
    assert extract_record(later, dt.date(2026, 7, 12))["status"] == "in_force"


@pytest.mark.parametrize(("stem", "term"), [
    ("nko-akimat-decree-2018-193-reglament", None),  # the reglament times only its steps
    ("mic-order-2023-168-rules", (15, "day", "working")),
    ("almaty-akimat-decree-2012-2-516-reglament", (30, "day", "calendar")),
    ("wko-akimat-decree-2014-111-reglament", (30, "day", "calendar")),
    ("mic-order-2026-130-amendments", (6, "day", "working")),
])
def test_service_term(stem: str, term: tuple[int, str, str] | None,
                      seed_records: dict[str, dict[str, Any]]) -> None:
    got = seed_records[stem]["service_term"]
    assert (None if got is None else (got["value"], got["unit"], got["day_kind"])) == term
    if got is not None:
        text = seed_records[stem]["text"]
        assert text[got["evidence"]["span"][0]:got["evidence"]["span"][1]] == got["evidence"]["quote"]
