"""Act headers and database notes of issuers and forms the five seed acts never show.

Each fixture in ``tests/fixtures/unseen_headers/`` is an act text written in the Adilet
database's style (``NN_name.txt``) and the facts a lawyer reads from it
(``NN_name.expected.json``). The expected file lists only the fields it checks; a key it
gives must match the record exactly, a dict is matched as a subset, and a list must have the
same length with each item matched as a subset, in order. Keys starting with ``_`` are not
record fields:

- ``_as_of``: passed to ``record_from_text`` so that ``status`` does not depend on today;
- ``_finding_kinds`` / ``_absent_finding_kinds``: kinds that must / must not appear among
  the record's findings;
- ``_same_id_as`` + ``_same_id_paths``: another fixture naming the same act in another way
  (short "ҚР" issuer, "07.02.2020" date, "м.а."); the ids at the two paths must agree;
- ``_different_id_from`` + ``_different_id_paths``: another fixture naming a different act
  that shares its number (or number and date); the ids must differ.

See the fixtures' README for how the set was made.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from shezhire.extract.record import record_from_text

FIXTURES = Path(__file__).parent / "fixtures" / "unseen_headers"
MISSING = "<missing>"


def _names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in FIXTURES.glob("*.expected.json"))


NAMES = _names()


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8")
    )
    return data


@functools.cache
def _record(name: str) -> dict[str, Any]:
    """The record of one fixture, built once per test session (several tests read it)."""
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    as_of = _expected(name).get("_as_of")
    record: dict[str, Any] = record_from_text(
        text, path=f"tests/fixtures/unseen_headers/{name}.txt", fmt="txt", as_of=as_of
    )
    return record


def _mismatches(expected: Any, got: Any, where: str) -> list[str]:
    """Every place where ``got`` does not contain ``expected``, as "field: expected …, got …"."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{where}: expected an object {expected!r}, got {got!r}"]
        problems: list[str] = []
        for key, value in expected.items():
            field = f"{where}.{key}" if where else key
            if key not in got:
                problems.append(f"{field}: expected {value!r}, got {MISSING}")
            else:
                problems.extend(_mismatches(value, got[key], field))
        return problems
    if isinstance(expected, list):
        if not isinstance(got, list):
            return [f"{where}: expected a list {expected!r}, got {got!r}"]
        if len(expected) != len(got):
            # The whole list is shown, so a missing or an extra entry is easy to see; got
            # entries keep only the keys the expected ones check (evidence would drown them).
            return [
                f"{where}: expected {len(expected)} entries {expected!r}, "
                f"got {len(got)} entries {_brief(got, expected)!r}"
            ]
        problems = []
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            problems.extend(_mismatches(e, g, f"{where}[{i}]"))
        return problems
    if expected != got:
        return [f"{where}: expected {expected!r}, got {got!r}"]
    return []


def _brief(got: list[Any], expected: list[Any]) -> list[Any]:
    """``got`` cut down to the keys (and nested keys) that ``expected``'s entries check."""
    keys: dict[str, Any] = {}
    for entry in expected:
        if isinstance(entry, dict):
            for k, v in entry.items():
                keys[k] = v if isinstance(v, dict) else keys.get(k)
    if not keys:
        return got
    out: list[Any] = []
    for entry in got:
        if not isinstance(entry, dict):
            out.append(entry)
            continue
        cut: dict[str, Any] = {}
        for k, sub in keys.items():
            value = entry.get(k, MISSING)
            if isinstance(sub, dict) and isinstance(value, dict):
                value = {sk: value.get(sk, MISSING) for sk in sub}
            cut[k] = value
        out.append(cut)
    return out


def _at(record: dict[str, Any], path: str) -> Any:
    """The value at a dotted path such as ``repealed_by.0.id``."""
    value: Any = record
    for step in path.split("."):
        if isinstance(value, list) and step.isdigit() and int(step) < len(value):
            value = value[int(step)]
        elif isinstance(value, dict) and step in value:
            value = value[step]
        else:
            pytest.fail(f"record has nothing at {path!r} (stopped at {step!r})")
    return value


def _with_key(key: str) -> list[str]:
    return [name for name in NAMES if key in _expected(name)]


def test_every_fixture_has_its_expected_facts() -> None:
    texts = {p.name.removesuffix(".txt") for p in FIXTURES.glob("*.txt")}
    assert texts == set(NAMES), f"text without expected file or back: {sorted(texts ^ set(NAMES))}"
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_record_fields_match_what_the_text_says(name: str) -> None:
    expected = {k: v for k, v in _expected(name).items() if not k.startswith("_")}
    problems = _mismatches(expected, _record(name), "")
    if problems:
        pytest.fail(f"{name}:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.mark.parametrize(
    "name", sorted(set(_with_key("_finding_kinds")) | set(_with_key("_absent_finding_kinds"))),
)
def test_findings_report_the_source_defects(name: str) -> None:
    expected = _expected(name)
    findings = _record(name).get("findings")
    assert isinstance(findings, list), f"{name}: findings: expected a list, got {findings!r}"
    kinds = [f.get("kind") for f in findings if isinstance(f, dict)]
    missing = [k for k in expected.get("_finding_kinds", []) if k not in kinds]
    unwanted = [k for k in expected.get("_absent_finding_kinds", []) if k in kinds]
    assert not missing, f"{name}: findings: expected kinds {missing}, got kinds {kinds}"
    assert not unwanted, (
        f"{name}: findings: the text has no such defect, yet got kinds {unwanted}: "
        f"{[f for f in findings if isinstance(f, dict) and f.get('kind') in unwanted]}"
    )


@pytest.mark.parametrize("name", _with_key("_same_id_as"))
def test_same_act_named_differently_gets_one_id(name: str) -> None:
    expected = _expected(name)
    other = expected["_same_id_as"]
    here_path, there_path = expected.get("_same_id_paths", ["id", "id"])
    here = _at(_record(name), here_path)
    there = _at(_record(other), there_path)
    assert isinstance(here, str) and here, f"{name}: {here_path}: expected an id, got {here!r}"
    assert here == there, (
        f"{name}: {here_path} = {here!r} but {other}: {there_path} = {there!r}; "
        "both name the same act"
    )


@pytest.mark.parametrize("name", _with_key("_different_id_from"))
def test_acts_sharing_a_number_get_different_ids(name: str) -> None:
    expected = _expected(name)
    other = expected["_different_id_from"]
    here_path, there_path = expected.get("_different_id_paths", ["id", "id"])
    here = _at(_record(name), here_path)
    there = _at(_record(other), there_path)
    assert isinstance(here, str) and here, f"{name}: {here_path}: expected an id, got {here!r}"
    assert here != there, (
        f"{name}: {here_path} and {other}: {there_path} are both {here!r}, "
        "but they name different acts"
    )
