"""No 31 February anywhere: the schemas check dates as calendar days, and a text giving an
impossible day gets a finding, never a date."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from shezhire.eligibility.export import records_to_rules
from shezhire.eligibility.schema import validate_rules
from shezhire.extract.errors import SchemaValidationError
from shezhire.extract.pipeline import link_records
from shezhire.extract.record import record_from_text
from shezhire.extract.schema import validate_record
from shezhire.graph.build import records_to_graph
from shezhire.graph.export import graph_to_json
from shezhire.graph.schema import validate_graph_json

FIXTURE = Path(__file__).parent / "fixtures" / "unseen_headers" / \
    "25_akmola_akimat_decree_fixed_in_force_date.txt"
ENTRY = "2020 жылғы 1 қаңтардан бастап қолданысқа енгізіледі"


@pytest.fixture(scope="module")
def record(seed_records: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return next(r for r in seed_records.values() if r["registration"] and r["repealed_by"])


@pytest.mark.parametrize("where", [
    ("in_force_from",), ("adopted",), ("status_as_of",), ("registration", "date"),
    ("repealed_by", 0, "adopted"), ("repealed_by", 0, "in_force_from")])
def test_the_record_schema_refuses_31_february(record: dict[str, Any],
                                                where: tuple[str | int, ...]) -> None:
    broken = copy.deepcopy(record)
    holder: Any = broken
    for key in where[:-1]:
        holder = holder[key]
    holder[where[-1]] = "2020-02-31"
    with pytest.raises(SchemaValidationError, match="/".join(map(str, where))):
        validate_record(broken)
    holder[where[-1]] = "2020-02-29"  # a leap day is a day
    validate_record(broken)


def test_the_graph_and_rules_schemas_refuse_31_february(
        seed_records: dict[str, dict[str, Any]]) -> None:
    records = link_records(copy.deepcopy(list(seed_records.values())))
    data = graph_to_json(records_to_graph(records))
    data["nodes"][0]["adopted"] = "2021-02-29"
    with pytest.raises(SchemaValidationError, match="nodes/0/adopted"):
        validate_graph_json(data)
    rules = records_to_rules(records)
    rules["rulesets"][0]["valid_from"] = "2019-04-31"
    with pytest.raises(SchemaValidationError, match="rulesets/0/valid_from"):
        validate_rules(rules)


def test_31_february_in_a_text_is_a_finding_not_a_date() -> None:
    # A made-up variant of a made-up fixture: its day of entry into force changed to 31.02.2020.
    text = FIXTURE.read_text(encoding="utf-8")
    assert ENTRY in text
    good = record_from_text(text, as_of="2020-06-01")
    assert good["in_force_from"] == "2020-01-01"
    bad = record_from_text(text.replace(ENTRY, "31.02.2020 бастап қолданысқа енгізіледі"),
                           as_of="2020-06-01")
    validate_record(bad)
    assert bad["in_force_from"] is None
    [finding] = [f for f in bad["findings"] if f["kind"] == "impossible_date"]
    assert finding["evidence"]["quote"] == "31.02.2020"
    start, end = finding["evidence"]["span"]
    assert bad["text"][start:end] == "31.02.2020"


def test_an_impossible_day_in_meta_yaml_is_a_finding_not_a_date(tmp_path: Path) -> None:
    # A real act folder, its meta.yaml altered here to give an adoption day that does not exist.
    import re
    import shutil

    from shezhire.extract.pipeline import extract_record

    real = Path(__file__).parent / "realworld" / "kazakhstan-law-local" / \
        "almobl-akim-1995-11-07-1-52"
    folder = tmp_path / real.name
    shutil.copytree(real, folder)
    meta = folder / "meta.yaml"
    meta.write_text(re.sub(r"(?m)^approved_on: .*$", "approved_on: 1995-02-31",
                           meta.read_text(encoding="utf-8")), encoding="utf-8")
    text = next(folder / n for n in ("kaz.md", "rus.md") if (folder / n).is_file())
    before = extract_record(real / text.name, None)
    after = extract_record(text, None)  # schema-valid: validated inside
    # The text of this act gives no adoption date: the real metadata gave it, the altered one
    # gives none (never a day that does not exist).
    assert before["adopted"] == "1995-11-07" and any(
        f["kind"] == "fact_from_metadata" and f["message"].startswith("adopted")
        for f in before["findings"])
    assert after["adopted"] is None
    [finding] = [f for f in after["findings"] if f["kind"] == "impossible_date"
                 and "meta.yaml" in f["message"]]
    assert "1995-02-31" in finding["message"]
