"""What a build keeps of the corpus, kept small: the record spool frozen to ids, the guide's
rows on disk, MkDocs' anchor ids as digests, the graph's records streamed. Each gives back
exactly what it was given (the site is the same, byte for byte)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from golden_facts import GOLDEN_DAY

from shezhire.extract.pipeline import (
    extract_record,
    link_records,
    merge_same_acts,
    spool_corpus,
)
from shezhire.extract.readers import iter_act_files
from shezhire.extract.validity import settle_statuses
from shezhire.graph.build import records_to_graph
from shezhire.graph.export import graph_to_json
from shezhire.guide.context import record_row
from shezhire.guide.page_spill import AnchorIds
from shezhire.guide.row_store import RowStore

REALWORLD = Path(__file__).resolve().parent / "realworld"
LOCAL = REALWORLD / "kazakhstan-law-local"
# Two acts, each in Kazakh and Russian (act folders of kazakhstan-law).
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FOLDERS = [LOCAL / "almobl-akim-2001-10-04-10-125", LOCAL / "almobl-akim-2001-10-29-10-141"]


def _lines(records: object) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in records]  # type: ignore[attr-defined]


def test_a_frozen_spool_reads_back_the_same_records_and_keeps_only_their_ids() -> None:
    records, failures = spool_corpus(FOLDERS, GOLDEN_DAY)
    assert failures == []
    before = _lines(records)
    seen: list[str] = []
    records.freeze(lambda record: seen.append(json.dumps(record, ensure_ascii=False)))
    assert seen == before  # each record handed on as it is written
    assert _lines(records) == before
    assert records.heads == [{"id": json.loads(line)["id"]} for line in before]
    assert [json.dumps(records[i], ensure_ascii=False) for i in range(len(records))] == before


def test_spooled_records_print_as_their_json_read_back(tmp_path: Path) -> None:
    import make_corpus

    # Synthetic acts in repeal chains (their heads' statuses and lineage settled by the
    # corpus, so the printed facts differ from the lines first written), the seeds, and two
    # bilingual act folders (merged translations).
    make_corpus.write_corpus(8, tmp_path)
    records, failures = spool_corpus([tmp_path / "acts", CORPUS, *FOLDERS], GOLDEN_DAY)
    assert failures == []
    read_back = _lines(records)
    assert any('"status": "repealed"' in line for line in read_back)
    assert list(records.lines()) == read_back
    records.freeze()
    assert list(records.lines()) == read_back


SEEDS = Path(__file__).resolve().parent.parent / "corpus"
# The excerpt of the order the seed order 2026/130 amends (its targets resolve to provisions).
AMENDED = Path(__file__).resolve().parent / "fixtures" / "linking" / \
    "order-2023-117-housing-aid-rules-excerpt.txt"


def test_spooled_records_are_those_the_corpus_steps_make_of_whole_records() -> None:
    # The seeds, with the order one of them amends (linking resolves the amendments'
    # targets to its provisions), and two acts in two languages each.
    paths = [SEEDS, AMENDED, *FOLDERS]
    alone = [extract_record(path, GOLDEN_DAY) for path in iter_act_files(paths)]
    merged, conflicts = merge_same_acts(copy.deepcopy(alone))
    whole = settle_statuses(link_records(merged), GOLDEN_DAY)
    spooled, failures = spool_corpus(paths, GOLDEN_DAY)
    assert failures == [] and conflicts == []
    assert _lines(spooled) == _lines(whole)
    resolved = [a["target_provisions"] for r in whole for a in r["amends"]
                if a["target_provisions"]]
    before = [a["target_provisions"] for r in alone for a in r["amends"]
              if a["target_provisions"]]
    assert len(resolved) > len(before)  # linking changed what the heads hold
    # What stays in memory for the corpus steps: no text, no evidence, no provision's facts.
    heads = json.dumps([{k: v for k, v in h.items() if k != "provisions"}
                        for h in spooled.heads], ensure_ascii=False)
    assert all(r["text"][:200] not in heads for r in whole)
    assert '"evidence"' not in json.dumps([{k: h[k] for k in ("amends", "repeals",
                                                              "repealed_by", "amended_by")}
                                           for h in spooled.heads])
    assert all(not isinstance(h["provisions"], list) for h in spooled.heads)
    assert all([p["id"] for p in h["provisions"]] == [p["id"] for p in r["provisions"]]
               for h, r in zip(spooled.heads, whole, strict=True))


def test_rows_on_disk_read_back_as_written_by_act_id() -> None:
    records, _ = spool_corpus(FOLDERS, GOLDEN_DAY)
    rows = [record_row(r) for r in records]
    store = RowStore()
    for row in rows:
        store.add(copy.deepcopy(row))
    assert list(store) == [r["id"] for r in rows]
    assert len(store) == 2 and rows[1]["id"] in store and "no-such-act" not in store
    # Read in any order, many times (past the few kept decoded): the rows as given.
    for _ in range(40):
        for row in reversed(rows):
            assert store[row["id"]] == row
    assert list(store.values()) == rows
    # An act's row given again replaces it in place, as a dict would.
    changed = {**rows[0], "title": "Жаңа атауы"}
    store.add(changed)
    assert list(store) == [r["id"] for r in rows] and store[rows[0]["id"]] == changed
    with pytest.raises(KeyError):
        store["no-such-act"]


def test_a_pages_anchor_ids_as_digests_answer_which_anchors_it_has() -> None:
    present = {"1-tarmaq", "2-tarmaq/1", "toliq-matini", "байланыстар", "p-12/3"}
    ids = AnchorIds(present)
    assert len(ids) == len(present)
    assert all(anchor in ids for anchor in present)
    assert not any(anchor in ids for anchor in ("3-tarmaq", "байланыс", "", "p-12/4"))
    assert "1-tarmaq" not in AnchorIds([])


def test_the_graph_of_records_read_once_is_the_graph_of_the_same_records_listed() -> None:
    # An act's two texts given apart (merged into one node) among a record given once.
    kk = extract_record(FOLDERS[1] / "kaz.md", GOLDEN_DAY)
    ru = extract_record(FOLDERS[1] / "rus.md", GOLDEN_DAY)
    other = extract_record(FOLDERS[0], GOLDEN_DAY)
    listed = graph_to_json(records_to_graph([copy.deepcopy(r) for r in (ru, other, kk)]))
    streamed = graph_to_json(records_to_graph(iter([ru, other, kk])))
    assert streamed == listed
    assert [n["id"] for n in listed["nodes"] if n["in_corpus"]] == sorted([kk["id"], other["id"]])
