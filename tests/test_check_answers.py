"""`shezhire check` with malformed answers: one line naming the file and the problem, exit 2,
before any rule runs (each case of the hostile-input probe of issue 8 is here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_facts import CORPUS

from shezhire.cli import cli
from shezhire.eligibility.answers import MAX_ANSWERS_BYTES

# A complete, valid set of answers; each case below spoils one of them.
GOOD = {"application_date": "2024-07-01", "place": "almaty_city", "citizen": True,
        "permanent_resident": True, "needs_housing": True, "category": "veteran",
        "residence_years": 5, "worsened_housing": [], "documents_true": True}


def run_check(path: Path | str, *extra: str) -> tuple[int, str, str]:
    # A corpus folder that does not exist: had a rule run, the error would be about it.
    result = CliRunner().invoke(cli, ["check", str(path), "--corpus", "no-such-corpus", *extra])
    return result.exit_code, result.stdout, result.stderr


def spoiled(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(text, "utf-8")
    return path


def with_answer(key: str, raw_json: str) -> str:
    """GOOD with ``key`` given as the raw JSON text ``raw_json`` (NaN, 1e309 and such)."""
    others = {k: v for k, v in GOOD.items() if k != key}
    body = json.dumps(others, ensure_ascii=False)[:-1]
    return f'{body}, "{key}": {raw_json}}}'


@pytest.mark.parametrize(("key", "raw", "problem"), [
    ("residence_years", '"abc"', 'residence_years: expected a number (given "abc")'),
    ("residence_years", "[5]", "residence_years: expected a number (given [5])"),
    ("residence_years", "true", "residence_years: expected a number (given true)"),
    ("residence_years", "NaN", "NaN is not a number an answer can be"),
    ("residence_years", "Infinity", "Infinity is not a number an answer can be"),
    ("residence_years", "-Infinity", "-Infinity is not a number an answer can be"),
    ("residence_years", "1e309", "residence_years: expected a number (given Infinity)"),
    ("residence_years", "-5", "residence_years: below the smallest allowed value (given -5)"),
    ("residence_years", "1e308",
     "residence_years: above the largest allowed value (given 1e+308)"),
    ("income_ratio", "1e308", "income_ratio: above the largest allowed value (given 1e+308)"),
    ("application_date", '"2024-02-30"',
     'application_date: expected a calendar day written YYYY-MM-DD (given "2024-02-30")'),
    ("application_date", "20240101",
     "application_date: expected a calendar day written YYYY-MM-DD (given 20240101)"),
    ("application_date", '"20240101"',
     'application_date: expected a calendar day written YYYY-MM-DD (given "20240101")'),
    ("place", '"atlantis"', 'place: not one of the places (given "atlantis")'),
    ("place", '["almaty_city"]', "place: not one of the places"),
    ("citizen", '"yes"', 'citizen: expected true or false (given "yes")'),
    ("citizen", "1", "citizen: expected true or false (given 1)"),
    ("category", '"pirate"', "category: not one of the question's options (given \"pirate\")"),
    ("worsened_housing", '"exchanged"', "worsened_housing: expected a list of the question's"),
    ("worsened_housing", '["burned"]', "worsened_housing: not one of the question's options"),
    ("worsened_housing", '["exchanged", "exchanged"]',
     "worsened_housing: an option is given twice"),
    ("citizn", "true", "citizn: no such question"),
])
def test_a_malformed_answer_is_one_line_and_exit_2(tmp_path: Path, key: str, raw: str,
                                                   problem: str) -> None:
    path = spoiled(tmp_path, with_answer(key, raw))
    code, out, err = run_check(path)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"Error: {path}: ")
    assert problem in err


@pytest.mark.parametrize(("text", "problem"), [
    ("[1, 2, 3]", "answers must be a JSON object of question ids and answers, not a list"),
    ('{"answers": [1, 2]}', "answers must be a JSON object of question ids and answers, not a list"),
    ('"place"', "not a string"),
    ("null", "not null"),
    ("{", "not JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
    ("", "not JSON (Expecting value at line 1 column 1)"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
])
def test_a_file_that_is_not_an_object_of_answers(tmp_path: Path, text: str, problem: str) -> None:
    path = spoiled(tmp_path, text)
    code, out, err = run_check(path)
    assert (code, out, err.count("\n")) == (2, "", 1), err
    assert err.startswith(f"Error: {path}: ")
    assert problem in err


def test_a_100_mb_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: nothing written to disk
        handle.seek(100 * 1024 * 1024)
        handle.write(b"}")
    code, _out, err = run_check(path)
    assert code == 2 and err.count("\n") == 1
    assert f"file too large (over {MAX_ANSWERS_BYTES:,} bytes" in err


def test_dev_zero_is_read_no_further_than_the_limit() -> None:
    code, _out, err = run_check("/dev/zero")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("Error: /dev/zero: file too large")


def test_not_utf8_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.json"
    path.write_bytes('{"place": "Алматы"}'.encode("cp1251"))
    code, _out, err = run_check(path)
    assert (code, err) == (2, f"Error: {path}: not UTF-8 text\n")
    code, _out, err = run_check(tmp_path / "absent.json")
    assert code == 2 and err.count("\n") == 1 and "absent.json: cannot read the file" in err


def test_the_persona_wrapper_and_null_answers_are_accepted(tmp_path: Path) -> None:
    """{"answers": {...}} as the personas hold it; null is an unanswered question."""
    answers = {**GOOD, "residence_years": None}
    path = spoiled(tmp_path, json.dumps({"description": "made up", "answers": answers}))
    result = CliRunner().invoke(cli, ["check", str(path), "--corpus", str(CORPUS), "--json"])
    assert result.exit_code == 0, result.output
    outcome = json.loads(result.stdout)
    assert outcome["outcome"] == "cannot_tell"
    assert "residence_years" in outcome["next_questions"]


def test_atlantis_is_not_eligible_by_the_national_act_alone(tmp_path: Path) -> None:
    """The probe's case: an unknown place matched no local act, and the national one said
    eligible without the three-year rule. Now the place is refused."""
    path = spoiled(tmp_path, json.dumps({**GOOD, "place": "atlantis"}))
    result = CliRunner().invoke(cli, ["check", str(path), "--corpus", str(CORPUS)])
    assert result.exit_code == 2
    assert "eligible" not in result.stdout
    assert "place: not one of the places" in result.stderr
