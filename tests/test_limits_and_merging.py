"""The limits in one place (SHEZHIRE_LIMITS), long texts read by spaCy in pieces, and one
record per act when several files hold it."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_facts import GOLDEN_DAY, SEEDS
from hostile.corpus import MADE_UP_ID
from hostile_shapes import made_up_act

from shezhire.cli import cli
from shezhire.extract.errors import SourceError
from shezhire.extract.kazakh import kazakh_nlp, text_pieces
from shezhire.extract.kazakh.dates import find_dates
from shezhire.extract.limits import ENVIRONMENT_VARIABLE, Limits, LimitsSettingError, current_limits
from shezhire.extract.pipeline import extract_record, link_records, merge_same_acts
from shezhire.extract.readers import read_source
from shezhire.extract.record import record_from_text


def test_the_defaults_and_a_change_through_the_environment(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    assert current_limits() == Limits()
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "word_chars=5, points=10_000")
    assert current_limits() == Limits(word_chars=5, points=10_000)


@pytest.mark.parametrize(("setting", "problem"), [
    ("words=5", "SHEZHIRE_LIMITS: unknown limit 'words' (the limits are file_bytes,"),
    ("word_chars=many", "SHEZHIRE_LIMITS: word_chars must be a whole number, not 'many'"),
    ("points=0", "SHEZHIRE_LIMITS: points must be at least 1"),
])
def test_a_bad_setting_is_one_line(monkeypatch: pytest.MonkeyPatch, setting: str,
                                   problem: str) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, setting)
    with pytest.raises(LimitsSettingError, match="^" + problem.replace("(", r"\(")):
        current_limits()
    result = CliRunner().invoke(cli, ["extract", str(SEEDS[0])])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and problem in result.stderr


def test_a_lowered_limit_refuses_before_the_work(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "act.txt"
    path.write_text(made_up_act("      1. Тұрғын үй көмегі беріледі."), "utf-8")
    read_source(path)
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "word_chars=5")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.problem == (
        "a word on line 1 is too long (10 characters; the limit is 5, "
        "SHEZHIRE_LIMITS=word_chars=N changes it)")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, "points=1")
    with pytest.raises(SourceError, match="too many numbered points"):
        read_source(path)


def test_text_pieces_cut_at_line_ends_then_spaces_and_cover_the_text() -> None:
    text = "бір екі\nүш төрт бес\n" + "алты " * 10 + "жеті" * 10
    pieces = text_pieces(text, 12)
    assert "".join(piece for _offset, piece in pieces) == text
    assert all(len(piece) <= 12 for _offset, piece in pieces)
    assert [text[o:o + len(p)] for o, p in pieces] == [p for _o, p in pieces]
    assert pieces[0] == (0, "бір екі\n")
    assert pieces[1] == (8, "үш төрт бес\n")
    assert pieces[2][1] == "алты алты "  # at a space where no line end is near
    assert [p for _o, p in pieces[-4:]] == ["жеті" * 3] * 3 + ["жеті"]  # a word cut anywhere


def test_a_text_longer_than_spacy_takes_is_read_in_pieces() -> None:
    line = "Тұрғын үй туралы ереже " * 40 + "\n"
    date = "2019 жылғы 3 наурыздағы"
    text = line * (kazakh_nlp().max_length // len(line) + 5) + date + "\n"
    assert len(text) > kazakh_nlp().max_length
    found = find_dates(text)
    assert [(d.iso, text[d.start:d.end]) for d in found] == [("2019-03-03", date)]


def test_two_copies_of_an_act_make_one_record_with_both_sources(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    second = tmp_path / "копия б.txt"
    shutil.copyfile(SEEDS[0], first)
    shutil.copyfile(SEEDS[0], second)
    records = link_records([extract_record(first, GOLDEN_DAY), extract_record(second, GOLDEN_DAY)])
    assert len(records) == 1
    assert [s["path"] for s in records[0]["sources"]] == [str(first), str(second)]
    assert records[0]["source"]["path"] == str(first)
    assert not [f for f in records[0]["findings"] if f["kind"] == "conflicting_source"]


def test_a_file_with_the_same_id_and_other_facts_is_a_finding_not_an_overwrite() -> None:
    kept = record_from_text(made_up_act("      1. Бір."), path="kept.txt")
    other = record_from_text(made_up_act("      1. Бір.\n      3. Үш."), path="other.txt")
    assert kept["id"] == other["id"] == MADE_UP_ID
    merged, conflicts = merge_same_acts([copy.deepcopy(kept), other])
    assert [r["id"] for r in merged] == [MADE_UP_ID]
    assert merged[0]["provisions"] == kept["provisions"]
    assert [(c.kept, c.other, c.differ) for c in conflicts] == [
        ("kept.txt", "other.txt", ("provisions",))]
    assert [f["message"] for f in merged[0]["findings"] if f["kind"] == "conflicting_source"] \
        == ["other.txt has the same act id but other facts (provisions); it was not merged "
            "into this record"]


def test_the_cli_names_the_conflict_and_writes_one_record(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(made_up_act("      1. Бір."), "utf-8")
    (corpus / "b.txt").write_text(made_up_act("      1. Бір.\n      3. Үш."), "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr == (
        f"shezhire: {corpus / 'b.txt'}: act {MADE_UP_ID} is already read from "
        f"{corpus / 'a.txt'} with other facts (provisions); this file was not used\n")
    written = json.loads((tmp_path / "out" / f"{MADE_UP_ID}.json").read_text("utf-8"))
    assert [s["path"] for s in written["sources"]] == [str(corpus / "a.txt")]


def test_a_build_with_an_act_numbered_with_200_digits(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS[0], corpus)
    text = made_up_act("      1. Бір.").replace("№ 7 қаулысы", "№ " + "9" * 200 + " қаулысы")
    (corpus / "long-number.txt").write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out",
                                      str(tmp_path / "public"), "--as-of", "2026-11-22"])
    assert result.exit_code == 0, result.output
    record = next(json.loads(p.read_text("utf-8"))
                  for p in (tmp_path / "public" / "records").glob("*.json")
                  if "9" * 20 in p.name)
    assert record["number"] == "9" * 200
    assert len(record["id"]) < 200
    assert (tmp_path / "public" / "acts" / record["id"] / "index.html").is_file()
