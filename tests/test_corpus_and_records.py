"""A corpus through the library (`extract_corpus`), and `graph`/`check` on records already
extracted (`--records`) instead of the corpus read again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_facts import CORPUS, GOLDEN_DAY

from shezhire.cli import cli
from shezhire.extract.errors import UsageError
from shezhire.extract.pipeline import Failure, extract_corpus
from shezhire.extract.records_file import RecordsFileError, read_records

PERSONA = Path(__file__).parent / "personas" / "01-nko-2019-resident-eligible.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def records_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """records.jsonl as `shezhire extract` prints it."""
    code, out, err = run("extract", str(CORPUS), "--as-of", GOLDEN_DAY.isoformat())
    assert code == 0, err
    path = tmp_path_factory.mktemp("records") / "records.jsonl"
    path.write_text(out, encoding="utf-8")
    return path


def test_extract_corpus_returns_records_and_failures(tmp_path: Path) -> None:
    seed = CORPUS / "nko-akimat-decree-2018-193-reglament.txt"
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    records, failures = extract_corpus([seed, tmp_path], dt.date(2019, 1, 1))
    assert [r["source"]["path"] for r in records] == [str(seed)]
    assert records[0]["status"] == "in_force" and records[0]["status_as_of"] == "2019-01-01"
    [failure] = failures
    assert isinstance(failure, Failure) and failure.path.endswith("broken.pdf")
    assert failure.problem and "\n" not in failure.problem


def test_extract_corpus_of_nothing_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no act files"):
        extract_corpus([tmp_path])


@pytest.mark.parametrize("args", [
    ("graph", "in-force", "--date", "2019-01-01"),
    ("graph", "effects", "2023-12-27/168"),
    ("graph", "export", "--format", "mermaid"),
])
def test_graph_commands_give_the_same_from_records(records_jsonl: Path,
                                                   args: tuple[str, ...]) -> None:
    from_corpus = run(*args, "--corpus", str(CORPUS))
    from_records = run(*args, "--records", str(records_jsonl), "--corpus", "/nonexistent")
    assert from_corpus[0] == from_records[0] == 0
    assert from_records[1] == from_corpus[1]


def test_check_gives_the_same_from_records(records_jsonl: Path) -> None:
    from_corpus = run("check", str(PERSONA), "--json", "--corpus", str(CORPUS))
    from_records = run("check", str(PERSONA), "--json", "--records", str(records_jsonl),
                       "--corpus", "/nonexistent")
    assert from_corpus[0] == from_records[0] == 0
    assert json.loads(from_records[1]) == json.loads(from_corpus[1])
    assert json.loads(from_records[1])["outcome"] == "eligible"


def test_records_from_an_extract_out_folder(tmp_path: Path) -> None:
    assert run("extract", str(CORPUS), "--out", str(tmp_path / "records"))[0] == 0
    code, out, _ = run("graph", "in-force", "--date", "2019-01-01", "--json",
                       "--records", str(tmp_path / "records"))
    assert code == 0
    assert [a["id"] for a in json.loads(out) if a["in_corpus"]] == [
        "2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi"]


def test_a_bad_records_file_is_one_line_naming_it(records_jsonl: Path, tmp_path: Path) -> None:
    lines = records_jsonl.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[1])
    broken["in_force_from"] = "2020-02-31"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(broken, ensure_ascii=False)]) + "\n",
                   encoding="utf-8")
    code, out, err = run("graph", "in-force", "--date", "2019-01-01", "--records", str(bad))
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert f"{bad}:2:" in err and "in_force_from" in err and "2020-02-31" in err
    for text, problem in (("{not json", "not JSON"), ("[1, 2]", "not an act record"),
                          ("", "no records"), (lines[0] + "\n" + lines[0], "more than once")):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(RecordsFileError, match=problem):
            read_records(bad)
    code, _, err = run("check", str(PERSONA), "--records", str(tmp_path / "missing.jsonl"))
    assert code != 0 and "missing.jsonl: no such file" in err
