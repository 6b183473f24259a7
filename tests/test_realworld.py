"""The real development set: texts exactly as found, and the extractor above its floors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld"
FLOORS = REALWORLD / "floors.json"
sys.path.insert(0, str(ROOT / "bench"))

from eval_fields import below_floors, evaluate  # noqa: E402

ACTS = sorted(p.parent for p in REALWORLD.rglob("source.json"))


def test_the_development_set_is_real_and_large() -> None:
    texts = [json.loads(p.read_text("utf-8")) for p in REALWORLD.rglob("expected.*.json")]
    assert len(ACTS) >= 150
    assert {t["lang"] for t in texts} == {"kk", "ru"}
    years = {t["adopted"][:4] for t in texts if t.get("adopted")}
    assert min(years) < "2000" and max(years) >= "2025"


@pytest.mark.parametrize("act", ACTS, ids=lambda p: str(p.relative_to(REALWORLD)))
def test_each_text_is_stored_as_found_with_its_source(act: Path) -> None:
    files = json.loads((act / "source.json").read_text("utf-8"))["files"]
    for name, source in files.items():
        assert len((act / name).read_text("utf-8")) == source["total_chars"], name
        assert source.get("url") or (source["repo"] and source["path"]
                                     and len(source["commit"]) == 40)
        assert f"{act.relative_to(REALWORLD)}/{name}" in (REALWORLD / "SOURCES.md").read_text("utf-8")
    for expected in act.glob("expected.*.json"):
        facts = json.loads(expected.read_text("utf-8"))
        assert facts["file"] in files
        text = (act / facts["file"]).read_text("utf-8")
        flat = " ".join(text.split())
        for field, quotes in (facts.get("evidence") or {}).items():
            for quote in quotes if isinstance(quotes, list) else [quotes]:
                assert " ".join(quote.split()) in flat, (field, quote)


def test_every_field_of_every_language_stays_above_its_floor() -> None:
    scores = evaluate(REALWORLD)
    floors = json.loads(FLOORS.read_text("utf-8"))
    assert set(scores) == {"kk", "ru"}
    assert below_floors(scores, floors) == []


def test_a_folder_in_the_kazakhstan_law_layout_gives_one_record_per_act() -> None:
    from click.testing import CliRunner

    from shezhire.cli import cli

    layout = REALWORLD / "kazakhstan-law-national"
    acts = sorted(p.parent for p in layout.glob("*/meta.yaml"))
    assert len(acts) >= 20
    result = CliRunner().invoke(cli, ["extract", str(layout), "--as-of", "2026-12-01"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]["path"]).parent for r in records] == acts
    assert all(Path(r["source"]["path"]).name == "kaz.md" for r in records)


def test_metadata_fills_what_the_text_does_not_say_and_names_its_source(tmp_path: Path) -> None:
    # A real act folder whose Kazakh text gives no number in a header: the number comes from
    # meta.yaml's requisite, with a finding that quotes it.
    from shezhire.extract.pipeline import extract_record

    for act in sorted((REALWORLD / "kazakhstan-law-national").glob("*/meta.yaml")):
        record = extract_record(act.parent / "kaz.md", None)
        from_meta = [f for f in record["findings"] if f["kind"] == "fact_from_metadata"]
        if any(f["message"].startswith("number ") for f in from_meta):
            assert record["number"] and "meta.yaml" in from_meta[0]["message"]
            assert not record["id"].startswith("undated_")
            return
    raise AssertionError("no act folder of the set takes its number from meta.yaml")
