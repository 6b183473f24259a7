"""The command line as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from golden_facts import CORPUS

from shezhire.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_prints_one_record_per_act_in_input_order() -> None:
    code, out, _ = run("extract", str(CORPUS), "--as-of", "2026-11-22")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["source"]["path"]).name for r in records] == sorted(p.name for p in CORPUS.iterdir())


def test_extract_reads_the_corpus_folder_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = CORPUS / "nko-akimat-decree-2018-193-reglament.txt"
    (corpus / seed.name).write_bytes(seed.read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("extract")
    assert code == 0 and len(out.splitlines()) == 1


def test_extract_out_writes_one_file_per_act(tmp_path: Path) -> None:
    code, _, _ = run("extract", str(CORPUS), "--out", str(tmp_path / "records"))
    assert code == 0
    files = sorted((tmp_path / "records").glob("[!.]*.json"))
    assert len(files) == 5
    # no temporary files left behind, only the marker that says Shezhire wrote the folder
    assert [p.name for p in (tmp_path / "records").glob(".*")] == [".shezhire-output"]
    assert not list(tmp_path.glob(".*"))
    assert json.loads(files[0].read_text("utf-8"))["id"] == files[0].stem


def test_bad_files_get_one_line_each_and_the_good_ones_still_come_out(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "cp1251.txt").write_bytes("Күшін жойған қаулысы".encode().decode("utf-8").encode("cp1251", "replace"))
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<")
    (tmp_path / "nul.txt").write_bytes("Күшін жойған\x00қаулысы".encode())
    (tmp_path / "long-line.txt").write_bytes(("ж" * 5_000_000).encode())
    good = CORPUS / "mic-order-2026-130-amendments.txt"
    code, out, err = run("extract", str(tmp_path), str(good), str(tmp_path / "missing.txt"))
    assert code == 1
    assert len(out.splitlines()) == 1
    lines = err.strip().splitlines()
    assert len(lines) == 7, err
    assert all(line.startswith("shezhire: ") for line in lines)
    assert "Traceback" not in err
    assert any("missing.txt: no such file" in line for line in lines)


def test_as_of_must_be_a_date() -> None:
    code, _, err = run("extract", "--as-of", "yesterday")
    assert code == 2 and "is not a date" in err


def test_show_finds_an_act_by_date_and_number() -> None:
    code, out, _ = run("show", "2023-12-27/168", "--corpus", str(CORPUS))
    assert code == 0
    assert "Қазақстан Республикасы Өнеркәсіп және құрылыс министрі" in out
    assert "2025-04-17 № 130" in out


def test_show_says_when_an_act_is_unknown() -> None:
    code, _, err = run("show", "1999-01-01/1", "--corpus", str(CORPUS))
    assert code == 1 and "no act" in err


def test_build_writes_records_and_schema(tmp_path: Path) -> None:
    code, _, _ = run("build", "--corpus", str(CORPUS), "--out", str(tmp_path / "public"))
    assert code == 0
    assert len(list((tmp_path / "public" / "records").glob("*.json"))) == 5
    assert (tmp_path / "public" / "schema" / "act_record.schema.json").exists()
    from shezhire.graph.schema import validate_graph_json

    validate_graph_json(json.loads((tmp_path / "public" / "graph.json").read_text("utf-8")))
    assert (tmp_path / "public" / "graph.graphml").read_text("utf-8").startswith("<?xml")
    from shezhire.eligibility.schema import validate_rules

    validate_rules(json.loads((tmp_path / "public" / "rules.json").read_text("utf-8")))
    # The Akoma Ntoso files are published beside the JSON, with their URIs.
    index = json.loads((tmp_path / "public" / "akn" / "index.json").read_text("utf-8"))
    assert len(index["acts"]) == 5
    for act in index["acts"]:
        assert act["expressions"][0]["uri"] == act["work"] + "/kaz@"
        for e in act["expressions"]:
            assert (tmp_path / "public" / "akn" / e["file"]).read_text("utf-8").startswith("<?xml")


def test_every_command_is_documented_with_an_example() -> None:
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name
        code, out, _ = run(name, "--help")
        assert code == 0 and "Example:" in out


def test_amended_parts_resolve_to_provision_ids_when_the_amended_act_is_in_the_corpus(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in (CORPUS / "mic-order-2026-130-amendments.txt",
                   Path(__file__).parent / "fixtures/linking/order-2023-117-housing-aid-rules-excerpt.txt"):
        (corpus / source.name).write_bytes(source.read_bytes())
    code, out, _ = run("extract", "--corpus", str(corpus))
    assert code == 0
    records = {r["number"]: r for r in map(json.loads, out.splitlines())}
    amends = {a["target"]: a["target_provisions"] for a in records["130"]["amends"]
              if a["act"]["number"] == "117"}
    assert amends["2-тармақтың 5) тармақшасы"] == ["rules/p-2/sp-5"]
    assert amends["9 және 10-тармақтар"] == ["rules/p-9", "rules/p-10"]
    assert amends["14-тармақтың 1) және 2)-тармақшалары"] == ["rules/p-14/sp-1", "rules/p-14/sp-2"]
    assert amends["1-қосымша"] == ["rules/app-1"]
    assert records["130"]["amends"][0]["act"]["id"] == records["117"]["id"]
