"""One definition of "in force": the record, the lineage graph and graph.json agree on every day.

The rule itself (shezhire.extract.validity) is checked on small made-up facts; the corpus is
then walked day by day from 2012 to 2027: the acts its records call in_force are exactly the
corpus acts `graph in-force` lists.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from golden_facts import CORPUS, GOLDEN_DAY
from hypothesis import given
from hypothesis import strategies as st

from shezhire.cli import cli
from shezhire.extract.pipeline import extract_corpus
from shezhire.extract.validity import (
    ActDates,
    Repeal,
    Span,
    in_force_interval,
    settle_statuses,
    span_status,
    status_on,
    validity_spans,
)
from shezhire.graph.build import records_to_graph
from shezhire.graph.export import graph_to_json
from shezhire.graph.timeline import in_force_on, status_at

FIRST_DAY, LAST_DAY = dt.date(2012, 1, 1), dt.date(2027, 12, 31)
NKO_2018 = "2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi"
ORDER_2023 = "2023-12-27_order_168_qazaqstan-respublikasy-onerkasip-zhane-qurylys-ministri"
WKO_2014 = "2014-05-13_decree_111_batys-qazaqstan-oblysy-akimdigi"


def days(first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> list[str]:
    return [(first + dt.timedelta(n)).isoformat() for n in range((last - first).days + 1)]


# -- the rule ------------------------------------------------------------------------------


def test_an_act_is_never_in_force_before_its_adoption() -> None:
    act = ActDates("2018-07-12", None, "Күшін жойған", (Repeal("2020-02-07", "adopted", "b"),))
    assert status_on(act, "2014-12-01") == "not_yet_in_force"
    assert status_on(act, "2018-07-12") == "in_force"
    assert status_on(act, "2020-02-06") == "in_force"
    assert status_on(act, "2020-02-07") == "repealed"


def test_entry_into_force_after_adoption() -> None:
    act = ActDates("2026-03-30", "2026-07-12", None)
    assert [status_on(act, d) for d in ("2026-03-29", "2026-04-01", "2026-07-12")] \
        == ["not_yet_in_force", "not_yet_in_force", "in_force"]


def test_the_label_decides_only_where_no_date_does() -> None:
    repealed_no_date = ActDates("2015-08-03", None, "Күшін жойған")
    assert status_on(repealed_no_date, "2026-01-01") == "repealed"
    assert status_on(repealed_no_date, "2015-08-02") == "not_yet_in_force"
    unreadable = ActDates("2015-08-03", None, "Күшін жойған", (Repeal(None, None, "x"),))
    assert status_on(unreadable, "2026-01-01") == "repealed"
    pending = ActDates("2019-08-12", "2020-01-01", "Күшін жойған",
                       (Repeal("2021-02-05", "adopted", "b"),))
    assert status_on(pending, "2020-06-01") == "in_force"
    assert status_on(ActDates("2016-04-06", None, "Қолданыстағы"), "2026-01-01") == "in_force"
    assert status_on(ActDates(None, None, "Қолданыстағы"), "2026-01-01") == "in_force"


def test_nothing_saying_the_act_was_ever_in_force_is_unknown() -> None:
    # An act known only because another cites it, or a text with no label and no date of entry.
    assert status_on(ActDates("2021-08-13", None, None), "2024-01-01") == "unknown"
    # It existed to be repealed: in force from its adoption until the repeal.
    stub = ActDates("2021-08-13", None, None, (Repeal("2023-12-27", "adopted", "b"),))
    assert status_on(stub, "2022-01-01") == "in_force"
    assert in_force_interval(stub) is not None
    assert in_force_interval(ActDates("2021-08-13", None, None)) is None


def test_spans_and_interval_of_a_repealed_decree() -> None:
    act = ActDates("2012-06-06", None, "Күшін жойған", (Repeal("2013-06-19", "adopted", "b"),))
    assert [s.to_json() for s in validity_spans(act)] == [
        {"status": "not_yet_in_force", "from": None, "until": "2012-06-06"},
        {"status": "in_force", "from": "2012-06-06", "until": "2013-06-19"},
        {"status": "repealed", "from": "2013-06-19", "until": None},
    ]
    interval = in_force_interval(act)
    assert interval is not None
    assert (interval.start, interval.start_basis, interval.end, interval.end_basis,
            interval.repealed_by) == ("2012-06-06", "adopted", "2013-06-19", "adopted", "b")


_DAY = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat)
_FACTS = st.builds(
    ActDates, st.none() | _DAY, st.none() | _DAY,
    st.sampled_from([None, "Күшін жойған", "Қолданыстағы", "Жаңа", "Жаңартылған", "Басқа"]),
    st.lists(st.builds(Repeal, st.none() | _DAY, st.just("stated"), st.sampled_from("abc")),
             max_size=3).map(tuple))


@given(_FACTS, _DAY)
def test_the_spans_give_the_rule_on_every_day(act: ActDates, day: str) -> None:
    spans = validity_spans(act)
    assert span_status(spans, day) == status_on(act, day)
    assert spans[0].start is None and spans[-1].end is None
    assert all(a.end == b.start and a.status != b.status for a, b in itertools.pairwise(spans))
    if act.adopted and day < act.adopted:
        assert status_on(act, day) != "in_force"


# -- the corpus ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_records() -> list[dict[str, Any]]:
    records, failures = extract_corpus([CORPUS], GOLDEN_DAY)
    assert failures == []
    return records


def test_every_day_the_records_and_the_graph_agree(corpus_records: list[dict[str, Any]]) -> None:
    """2012-01-01 … 2027-12-31: the records' in_force acts are the graph's corpus acts in force.

    A record's status is the only part of it that depends on the day (settled over the whole
    corpus by extract_corpus), so the records are extracted once and their status re-settled
    for each day; the CLI test below checks a day through the real commands.
    """
    g = records_to_graph(corpus_records)
    records = copy.deepcopy(corpus_records)
    changes = 0
    previous: set[str] | None = None
    for day in days():
        by_record = {r["id"] for r in settle_statuses(records, dt.date.fromisoformat(day))
                     if r["status"] == "in_force"}
        by_graph = {a for a in in_force_on(g, day) if g.nodes[a]["in_corpus"]}
        assert by_record == by_graph, day
        changes += previous is not None and by_record != previous
        previous = by_record
    assert changes >= 6  # the walk crosses the seeds' adoptions, entries and repeals


def test_graph_json_carries_the_same_validity(corpus_records: list[dict[str, Any]]) -> None:
    g = records_to_graph(corpus_records)
    for node in graph_to_json(g)["nodes"]:
        spans = [Span(s["status"], s["from"], s["until"]) for s in node["validity"]]
        for day in days():
            assert span_status(spans, day) == status_at(g, node["id"], day), (node["id"], day)


def test_the_issue_day_through_the_commands(tmp_path: Path) -> None:
    """On 2014-12-01 the 2018 decree and the 2023 order were not yet adopted: neither the
    records nor `graph in-force` may call them in force (issue 9)."""
    runner = CliRunner()
    day = "2014-12-01"
    extracted = runner.invoke(cli, ["extract", str(CORPUS), "--as-of", day])
    assert extracted.exit_code == 0, extracted.output
    records = [json.loads(line) for line in extracted.output.splitlines()]
    statuses = {r["id"]: r["status"] for r in records}
    assert statuses[NKO_2018] == statuses[ORDER_2023] == "not_yet_in_force"
    (tmp_path / "records.jsonl").write_text(extracted.output, encoding="utf-8")
    listed = runner.invoke(cli, ["graph", "in-force", "--date", day, "--json",
                                 "--records", str(tmp_path / "records.jsonl")])
    assert listed.exit_code == 0, listed.output
    in_corpus = {a["id"] for a in json.loads(listed.output) if a["in_corpus"]}
    assert in_corpus == {i for i, s in statuses.items() if s == "in_force"} == {WKO_2014}


def _record(act_id: str, adopted: str, **facts: Any) -> dict[str, Any]:
    """A made-up minimal record (no act text): just what the graph and the status read."""
    return {"id": act_id, "act_type": "decree", "issuer": "Made-up әкімдігі",
            "adopted": adopted, "number": act_id, "registration": None, "title": act_id,
            "status": "unknown", "status_label": None, "in_force_from": None,
            "in_force_rule": None, "repealed_by": [], "amended_by": [], "repeals": [],
            "amends": [], "references": [], "provisions": [],
            "source": {"path": f"{act_id}.txt"}, **facts}


def _ref(act_id: str, adopted: str) -> dict[str, Any]:
    return {"id": act_id, "act_type": "decree", "issuer": "Made-up әкімдігі",
            "adopted": adopted, "number": act_id, "registration_number": None,
            "in_force_from": None, "in_force_rule": None,
            "evidence": {"quote": "made up", "span": [0, 7]}, "more_evidence": []}


def test_a_repeal_told_only_by_the_repealing_act_counts_for_the_record() -> None:
    """Act a's text has no note of its repeal; act b's text repeals it, from b's entry into
    force: across the corpus, a's record is repealed exactly when the graph says so."""
    older = _record("a", "2015-01-10", status_label="Қолданыстағы")
    newer = _record("b", "2019-03-01", in_force_from="2019-04-01", status_label="Қолданыстағы",
                    repeals=[_ref("a", "2015-01-10")])
    g = records_to_graph([older, newer])
    for day, expected in (("2019-03-31", "in_force"), ("2019-04-01", "repealed")):
        [settled, _] = settle_statuses([older, newer], dt.date.fromisoformat(day))
        assert settled["status"] == status_at(g, "a", day) == expected
