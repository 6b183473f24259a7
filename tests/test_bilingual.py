"""One act, one id, in any language: the Kazakh and the Russian text of a real act folder
(kazakhstan-law layout, tests/realworld) are one record, one graph node, aligned provisions.

The expected facts below were read from the texts by a person:
- almobl-akim-2001-10-04-10-125/kaz.md: "Ескерту. Күші жойылды - Алматы облысы әкімінің
  11.04.2002 № 4-68 шешімімен."; point 9 "Облыс Әкімінің 2001 жылғы 3 сәуірдегі № 4-81 шешімі
  күшін жойған деп есептелсін."; point 4 "Денсаулық сақтау басқармасы (А.Д Дүйсекеев.):".
- its rus.md: "Сноска. Утратило силу решением акима Алматинской области от 11.04.2002
  № 4-68."; пункт 9 "Считать утратившим силу решение Акима области № 4-81 от 3 апреля 2001
  года."; пункт 4 "Управлению здравоохранения ( Дуйсекеев А.Д.):"; its approval stamp dates
  the decision "от 4 октября 2000г." where the Kazakh text and meta.yaml ("Решение акима
  Алматинской области от 4 октября 2001 года № 10-125") give 2001.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY

from shezhire.extract.pipeline import extract_corpus, extract_record, merge_same_acts
from shezhire.extract.schema import validate_record
from shezhire.graph.build import records_to_graph
from shezhire.graph.export import graph_to_json
from shezhire.graph.schema import validate_graph_json

REALWORLD = Path(__file__).resolve().parent / "realworld"
LOCAL = REALWORLD / "kazakhstan-law-local"
CONSCRIPTION = LOCAL / "almobl-akim-2001-10-04-10-125"
CONSCRIPTION_ID = "2001-10-04_decision_10-125_almaty-oblysy-akimi"
# Folders in the kazakhstan-law layout (the held-out acts are stored mostly without meta.yaml:
# their two texts are two files, not one act folder).
BOTH = [d for d in sorted(REALWORLD.glob("kazakhstan-law-*/*/"))
        if (d / "kaz.md").is_file() and (d / "rus.md").is_file() and (d / "meta.yaml").is_file()]


@pytest.fixture(scope="module")
def conscription() -> dict[str, Any]:
    return extract_record(CONSCRIPTION, GOLDEN_DAY)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_an_act_folder_is_one_record_with_both_texts(conscription: dict[str, Any]) -> None:
    record = conscription
    validate_record(record)
    assert record["id"] == CONSCRIPTION_ID
    assert record["lang"] == "kk"
    assert [(Path(s["path"]).name, s["lang"]) for s in record["sources"]] == [
        ("kaz.md", "kk"), ("rus.md", "ru")]
    russian = record["translations"]["ru"]
    assert Path(russian["source"]["path"]).name == "rus.md"
    assert "Считать утратившим силу решение Акима области № 4-81" in _flat(russian["text"])
    assert "Облыс Әкімінің 2001 жылғы 3 сәуірдегі № 4-81 шешімі" in _flat(record["text"])


def test_where_the_texts_disagree_the_record_says_so_and_meta_decides(
        conscription: dict[str, Any]) -> None:
    # The Russian stamp's "2000" against the Kazakh text's and meta.yaml's 2001.
    assert conscription["adopted"] == "2001-10-04"
    disagree = [f["message"] for f in conscription["findings"] if f["kind"] == "texts_disagree"]
    assert any("adopted 2001-10-04" in m and "2000-10-04" in m for m in disagree), disagree


def test_a_relation_both_texts_tell_is_one_item_with_both_quotes(
        conscription: dict[str, Any]) -> None:
    record = conscription
    kk_text, ru_text = record["text"], record["translations"]["ru"]["text"]
    [repealer] = record["repealed_by"]
    assert repealer["id"] == "2002-04-11_decision_4-68_almaty-oblysy-akimi"
    [ru_quote] = [e for e in repealer["more_evidence"] if e.get("lang") == "ru"]
    assert "№ 4-68" in repealer["evidence"]["quote"] and "lang" not in repealer["evidence"]
    assert "акима Алматинской области от 11.04.2002 № 4-68" in ru_quote["quote"]
    for evidence, text in ((repealer["evidence"], kk_text), (ru_quote, ru_text)):
        start, end = evidence["span"]
        assert text[start:end] == evidence["quote"]
    [repealed] = record["repeals"]
    assert repealed["number"] == "4-81" and repealed["adopted"] == "2001-04-03"
    # "Облыс Әкімінің" in a decision of the Almaty oblast's akim: that akim's decision.
    assert repealed["id"] == "2001-04-03_decision_4-81_almaty-oblysy-akimi"
    assert any(f["kind"] == "issuer_from_context" for f in record["findings"])
    assert [e["lang"] for e in repealed["more_evidence"]] == ["ru"]


def test_point_9_of_the_kazakh_text_and_punkt_9_of_the_russian_are_one_provision(
        conscription: dict[str, Any]) -> None:
    by_id = {p["id"]: p for p in conscription["provisions"]}
    ru_text = conscription["translations"]["ru"]["text"]
    expected = {
        "p-9": ("Облыс Әкімінің 2001 жылғы 3 сәуірдегі № 4-81 шешімі күшін жойған деп "
                "есептелсін.",
                "Считать утратившим силу решение Акима области № 4-81 от 3 апреля 2001 года."),
        "p-4": ("Денсаулық сақтау басқармасы", "Управлению здравоохранения"),
    }
    for pid, (kk, ru) in expected.items():
        provision = by_id[pid]
        twin = provision["translations"]["ru"]
        assert kk in _flat(provision["text"]) and ru in _flat(twin["text"])
        assert twin["label"] == provision["label"] == pid[2:]
        start, end = twin["span"]
        assert ru_text[start:end] == twin["text"]
    # Points 1 to 9 are in both texts; the appendix only the Kazakh structure finds is said.
    assert all(by_id[f"p-{n}"].get("translations") for n in range(1, 10))
    assert any(f["kind"] == "unaligned_provision" and f["message"].startswith("app-1 ")
               for f in conscription["findings"])


def test_the_graph_has_one_node_and_one_edge_per_relation_with_both_evidences(
        conscription: dict[str, Any]) -> None:
    g = records_to_graph([conscription])
    validate_graph_json(graph_to_json(g))
    in_corpus = [n for n, a in g.nodes(data=True) if a["in_corpus"]]
    assert in_corpus == [CONSCRIPTION_ID]
    assert g.nodes[CONSCRIPTION_ID]["languages"] == ["kk", "ru"]
    assert any(f["kind"] == "texts_disagree" for f in g.nodes[CONSCRIPTION_ID]["findings"])
    pairs = Counter((u, v, d["relation"]) for u, v, d in g.edges(data=True))
    assert pairs[("2002-04-11_decision_4-68_almaty-oblysy-akimi", CONSCRIPTION_ID,
                  "repeals")] == 1
    assert all(n == 1 for n in pairs.values()), pairs
    for _u, _v, d in g.edges(data=True):
        if d["relation"] == "repeals":
            assert {e.get("lang", "kk") for e in d["evidence"]} == {"kk", "ru"}
            # The Russian quote's provision is found in the Russian text (point 9).
            assert d["affecting_provisions"] in ([], ["p-9"])


def test_texts_given_apart_merge_into_one_record_though_their_provisions_differ() -> None:
    # The Russian text's structure misses point 3 ("3.Налоговому …", no space): the records
    # differ in provisions, and are still one act.
    folder = LOCAL / "almobl-akim-2001-10-29-10-141"
    kk = extract_record(folder / "kaz.md", GOLDEN_DAY)
    ru = extract_record(folder / "rus.md", GOLDEN_DAY)
    assert kk["id"] == ru["id"] == "2001-10-29_decision_10-141_almaty-oblysy-akimi"
    merged, conflicts = merge_same_acts([copy.deepcopy(ru), copy.deepcopy(kk)])
    assert conflicts == []
    [record] = merged
    assert set(record["translations"]) == {"kk"}
    validate_record(record)
    g = records_to_graph([ru, kk])  # in either order: the Kazakh text's record leads
    assert [n for n, a in g.nodes(data=True) if a["in_corpus"]] == [kk["id"]]
    assert g.nodes[kk["id"]]["languages"] == ["kk", "ru"]
    assert graph_to_json(g) == graph_to_json(records_to_graph([kk, ru]))


def test_shezhire_extract_on_an_acts_two_texts_given_as_files_gives_one_record() -> None:
    # The act's two texts named as files (no act folder): the command spools its records
    # (heads without texts), and the translation still brings its text and provisions.
    from click.testing import CliRunner

    from shezhire.cli import cli

    folder = LOCAL / "almobl-akim-2001-10-29-10-141"
    result = CliRunner().invoke(cli, ["extract", str(folder / "kaz.md"), str(folder / "rus.md"),
                                      "--as-of", "2026-12-01", "--no-cache"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "2001-10-29_decision_10-141_almaty-oblysy-akimi"
    assert record["lang"] == "kk"
    russian = record["translations"]["ru"]
    assert Path(russian["source"]["path"]).name == "rus.md"
    assert "Налоговому" in russian["text"]
    assert [Path(s["path"]).name for s in record["sources"]] == ["kaz.md", "rus.md"]
    validate_record(record)


def test_every_real_folder_with_both_texts_is_one_record_and_one_node() -> None:
    assert len(BOTH) >= 79
    records, failures = extract_corpus(BOTH, dt.date(2026, 12, 1))
    assert failures == []
    assert len(records) == len(BOTH)
    assert all(set(r["translations"]) == {"ru"} for r in records)
    g = records_to_graph(records)
    assert sum(1 for _n, a in g.nodes(data=True) if a["in_corpus"]) == len(BOTH)


def test_spooled_bilingual_records_are_the_records_and_their_heads_hold_no_texts() -> None:
    from shezhire.extract.pipeline import spool_corpus

    folders = BOTH[:12]
    records, failures = extract_corpus(folders, dt.date(2026, 12, 1))
    spooled, spool_failures = spool_corpus(folders, dt.date(2026, 12, 1))
    assert failures == spool_failures == []
    assert [json.dumps(r, ensure_ascii=False) for r in spooled] == [
        json.dumps(r, ensure_ascii=False) for r in records]
    # What stays in memory for the corpus steps: no text in either language.
    heads = spooled.heads
    assert all("text" not in h and all("text" not in t for t in h["translations"].values())
               for h in heads)


def test_shezhire_extract_on_a_kazakhstan_law_folder_gives_one_record_per_act(
        tmp_path: Path) -> None:
    from click.testing import CliRunner

    from shezhire.cli import cli

    # The layout: a region folder of act folders (copied byte for byte).
    names = [CONSCRIPTION.name, "almobl-akim-2001-10-29-10-141",
             "almobl-maslikhat-2014-12-02-39-223"]
    for name in names:
        shutil.copytree(LOCAL / name, tmp_path / "local-almaty" / name)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "local-almaty"),
                                      "--as-of", "2026-12-01"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["source"]["path"]).parent.name for r in records] == names
    assert [r["id"] for r in records] == [
        CONSCRIPTION_ID, "2001-10-29_decision_10-141_almaty-oblysy-akimi",
        # The Kazakh text names neither date nor number; meta.yaml's requisite does.
        "2014-12-02_decision_39-223_almaty-oblysy-maslihaty"]
    assert all(Path(r["translations"]["ru"]["source"]["path"]).name == "rus.md"
               for r in records)


def test_the_act_page_shows_both_texts_side_by_side_on_request(
        conscription: dict[str, Any], tmp_path: Path) -> None:
    from shezhire.extract.pipeline import link_records
    from shezhire.guide.build import build_site
    from shezhire.guide.urls import provision_anchor

    site = build_site(link_records([copy.deepcopy(conscription)]), tmp_path / "public",
                      as_of=GOLDEN_DAY)
    html = (site / "acts" / CONSCRIPTION_ID / "index.html").read_text("utf-8")
    block = html.split('<details class="bilingual-text" data-pagefind-ignore="all">', 1)[1].split("</details>", 1)[0]
    assert "<summary>" in block  # closed until the reader opens it; no script involved
    row = block.split(f'href="#{provision_anchor("p-9")}"', 1)[1].split("</tr>", 1)[0]
    assert "Облыс Әкімінің 2001 жылғы 3 сәуірдегі № 4-81 шешімі" in _flat(row)
    assert '<td lang="ru">' in row
    assert "Считать утратившим силу решение Акима области № 4-81" in _flat(row)
    # Both files are named on the act's card.
    assert "rus.md" in html and "kaz.md" in html
