"""Consolidated versions checked against official versions (tests/consolidation/SOURCES.md).

Shymkent 2019-03-29 № 47/386-6с: two official versions of the Kazakh text, 2019 (as adopted)
and 2020 (after decision 2020-09-14 № 69/635-6с, whose own text was not found). Version 2020
read back to the day before that decision must give version 2019 provision by provision,
except the provisions its notes say № 69/635-6с reworded: their earlier wording is not in
version 2020, and the consolidation says so instead of guessing.

Kostanay 2009-08-07 № 224: the official version after decision 2023-12-11 № 91, and that
decision's stored page, which ends inside the quoted wording of point 10.

The expected sets were read from the texts by a person: the notes of version 2020 name
points 2, 3, 5, 6, 7, 15 and 16 of the regulation (and point 1 "in Russian only, the Kazakh
text unchanged"); comparing the two versions by eye, points 2, 5, 6, 7, 15 and 16 differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shezhire.extract.amendments import record_to_operations
from shezhire.extract.consolidate import consolidate, normalise
from shezhire.extract.pipeline import extract_record

HERE = Path(__file__).parent / "consolidation"
SHYMKENT = HERE / "shymkent-2019-47-386"
KOSTANAY = HERE / "kostanay-2009-224"
SIZES = {
    SHYMKENT / "v2019.kaz.md": 5846,
    SHYMKENT / "v2020.kaz.md": 7719,
    KOSTANAY / "v2023.kaz.md": 6201,
    KOSTANAY / "amending-2023-12-11-91.page.kk.txt": 1115,
}
NAMED_BY_NOTES = {f"regulation/p-{n}" for n in (2, 3, 5, 6, 7, 15, 16)}
DIFFERENT = {f"regulation/p-{n}" for n in (2, 5, 6, 7, 15, 16)}


@pytest.mark.parametrize("path", sorted(SIZES))
def test_the_official_texts_are_stored_exactly(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8")) == SIZES[path]


def _wordings(record: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: normalise(p["text"]) for p in record["provisions"]
            if p.get("role") not in ("note", "status")}


def test_version_2020_read_back_agrees_with_version_2019_provision_by_provision() -> None:
    v2019 = extract_record(SHYMKENT / "v2019.kaz.md")
    v2020 = extract_record(SHYMKENT / "v2020.kaz.md")
    official = _wordings(v2019)
    back = consolidate(v2020, [v2020], "2020-09-13")
    ours = {p.id: p for p in back.provisions}
    assert set(ours) == set(official)
    unknown = {pid for pid, p in ours.items() if p.unknown}
    agree = {pid for pid, p in ours.items() if not p.unknown and normalise(p.text) == official[pid]}
    disagree = set(ours) - unknown - agree
    print(f"shymkent 2019 vs 2020 read back: {len(agree)} of {len(ours)} provisions agree, "
          f"{len(unknown)} not known (reworded by an act not in the corpus), "
          f"{len(disagree)} disagree")
    assert disagree == set()
    assert unknown == NAMED_BY_NOTES
    assert not back.complete
    assert {f.kind for f in back.findings} == {"wording_unknown", "note_unread"}
    # Point 1 of the decision and of the regulation: "1-тармақ орыс тілінде жаңа редакцияда,
    # қазақ тіліндегі мәтіні өзгермейді" (reworded in Russian only). The reader does not read
    # that note, so it says the wording may differ; it does not (both agree with 2019).
    unread = {f.message.split(":")[0] for f in back.findings if f.kind == "note_unread"}
    assert unread == {"p-1", "regulation/p-1"} and unread <= agree
    # Every provision the two official versions word differently is one the notes name;
    # point 3 is named but its Kazakh wording did not change (the notes speak of the act,
    # not of one language's text).
    changed = {pid for pid in official if official[pid] != _wordings(v2020)[pid]}
    assert changed == DIFFERENT and changed <= unknown
    assert unknown - changed == {"regulation/p-3"}


def test_version_2020_on_the_amending_day_is_version_2020_with_its_sources() -> None:
    v2020 = extract_record(SHYMKENT / "v2020.kaz.md")
    version = consolidate(v2020, [v2020], "2020-09-14")
    official = _wordings(v2020)
    ours = {p.id: p for p in version.provisions}
    assert {pid: normalise(p.text) for pid, p in ours.items()} == official
    sources = {pid for pid, p in ours.items() if p.source.act.startswith("2020-09-14_decision_69")}
    assert sources == NAMED_BY_NOTES
    # The decision takes effect ten days after its publication: dated by its adoption.
    assert {f.kind for f in version.findings} == {"amendment_day_approximate", "note_unread"}


def test_the_amending_decision_names_the_unit_the_official_version_notes() -> None:
    v2023 = extract_record(KOSTANAY / "v2023.kaz.md")
    amending = extract_record(KOSTANAY / "amending-2023-12-11-91.page.kk.txt")
    assert [a["act"]["id"].split("_")[:3] for a in amending["amends"]] == [
        ["2009-08-07", "decision", "224"]]
    assert [a["target"] for a in amending["amends"]] == ["10-тармақ"]
    noted = [a for a in v2023["amended_by"] if a["act"]["id"].startswith("2023-12-11_decision_91")]
    assert [(a["target"], a["action"]) for a in noted] == [("10-тармақ", "new_wording")]
    # The page ends inside the quoted wording: no operation, a finding.
    ops, findings = record_to_operations(amending)
    assert ops == [] and [f.kind for f in findings] == ["amendment_unreadable"]
    # What the page does give of the wording agrees with the official point 10.
    text = amending["text"]
    quoted = normalise(text[text.index('"10. Төсбелгі'):].lstrip('"'))
    point_10 = next(p for p in v2023["provisions"] if p["id"] == "app-1/p-10")
    assert normalise(point_10["text"]).startswith(quoted)
    assert len(quoted) > 300
    version = consolidate(v2023, [v2023, amending], "2024-01-01")
    assert not version.complete
    assert "amendment_unreadable" in {f.kind for f in version.findings}


def test_notes_the_reader_cannot_read_leave_the_version_incomplete() -> None:
    # The Russian text of the same decision (a later version): its notes "Пункт 1 в редакции
    # решений … от 14.09.2020 … ; от 29.09.2023 …" and "В пункт 2 внесены изменения на
    # государственном языке, текст на русском языке не меняется …" are not all read.
    rus = Path(__file__).parent / "realworld" / "kazakhstan-law-local" / \
        "shymkent-maslikhat-2019-03-29-47-386" / "rus.md"
    record = extract_record(rus)
    version = consolidate(record, [record], "2024-01-01")
    unread = [f for f in version.findings if f.kind == "note_unread"]
    assert unread and not version.complete
    for f in unread:
        assert f.evidence is not None and f.evidence.quote.startswith("Сноска")
