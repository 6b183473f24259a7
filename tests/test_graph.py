"""The lineage graph of the seed corpus, as a lawyer checks it (issue 3's acceptance)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from golden_facts import CORPUS, SEEDS

from shezhire.cli import cli
from shezhire.graph.build import records_to_graph
from shezhire.graph.queries import effects, lineage, resolve_act
from shezhire.graph.timeline import in_force_on, provision_history, status_at


@pytest.fixture(scope="module")
def g(seed_records: dict[str, dict[str, Any]]) -> nx.MultiDiGraph:
    return records_to_graph(seed_records.values())


def act(g: nx.MultiDiGraph, date: str, number: str) -> str:
    return resolve_act(g, f"{date}/{number}")


def relation(g: nx.MultiDiGraph, source: str, target: str, kind: str) -> list[dict[str, Any]]:
    return [d for d in g.get_edge_data(source, target, default={}).values() if d["relation"] == kind]


SEED_000 = ("2018-07-12", "193")
SEED_001 = ("2023-12-27", "168")
SEED_002 = ("2012-06-06", "2/516")
SEED_003 = ("2014-05-13", "111")
SEED_004 = ("2026-03-30", "130")


@pytest.mark.parametrize(("repealer", "repealed"), [
    (("2020-02-07", "24"), SEED_000),
    (SEED_000, ("2017-01-20", "18")),
    (("2013-06-19", "2/512"), SEED_002),
    (("2015-07-07", "165"), SEED_003),
    (("2025-04-17", "130"), SEED_001),
    (SEED_001, ("2021-08-13", "441")),
    (SEED_001, ("2022-11-28", "661")),
])
def test_repeals(g: nx.MultiDiGraph, repealer: tuple[str, str], repealed: tuple[str, str]) -> None:
    edges = relation(g, act(g, *repealer), act(g, *repealed), "repeals")
    assert len(edges) == 1
    assert all(e["quote"] for e in edges[0]["evidence"])


def test_a_repeal_told_by_header_and_note_is_one_edge_with_both_evidences(g: nx.MultiDiGraph) -> None:
    [edge] = relation(g, act(g, "2020-02-07", "24"), act(g, *SEED_000), "repeals")
    assert len(edge["evidence"]) == 2


def test_the_two_orders_numbered_130_are_two_nodes(g: nx.MultiDiGraph) -> None:
    assert act(g, "2025-04-17", "130") != act(g, *SEED_004)


def test_an_ambiguous_shorthand_is_refused(g: nx.MultiDiGraph) -> None:
    from shezhire.extract.errors import UsageError

    with pytest.raises(UsageError, match="ambiguous"):
        resolve_act(g, "2025-")  # two acts of 2025


@pytest.mark.parametrize(("amender", "amended", "parts"), [
    (("2014-10-28", "277"), SEED_003, {"Регламент 12-тармақ", "Регламент 4-қосымша"}),
    (("2024-06-18", "223"), SEED_001, {"9-тармақ", "2-тарау 11-1-тармақ"}),
    (SEED_004, ("2023-12-08", "117"), {
        "2-тармақтың 5) тармақшасы", "5-тармақ", "6-тармақ", "9 және 10-тармақтар", "13-тармақ",
        "14-тармақтың 1) және 2)-тармақшалары", "16 және 17-тармақтар", "1-қосымша", "2-қосымша"}),
    (SEED_004, ("2025-03-31", "105"), {"4-тармақтың екінші, үшінші бөлігі",
                                       "8-тармақтың екінші, үшінші бөлігі"}),
])
def test_amends_with_the_parts_changed(g: nx.MultiDiGraph, amender: tuple[str, str],
                                       amended: tuple[str, str], parts: set[str]) -> None:
    edges = relation(g, act(g, *amender), act(g, *amended), "amends")
    assert {e["affected_part"] for e in edges} == parts


def test_stubs_hold_what_references_say(g: nx.MultiDiGraph) -> None:
    stub = g.nodes[act(g, "2023-12-08", "117")]
    assert stub["in_corpus"] is False
    assert stub["registration_number"] == "33763"
    assert stub["issuer"] == "Қазақстан Республикасы Өнеркәсіп және құрылыс министрі"


def test_in_force_on_a_day(g: nx.MultiDiGraph) -> None:
    in_2019 = in_force_on(g, "2019-01-01")
    assert act(g, *SEED_000) in in_2019
    assert act(g, *SEED_002) not in in_2019 and act(g, *SEED_003) not in in_2019
    in_2024 = in_force_on(g, "2024-07-01")
    assert act(g, *SEED_001) in in_2024 and act(g, *SEED_000) not in in_2024


def test_a_repeal_takes_effect_on_its_stated_day(g: nx.MultiDiGraph) -> None:
    seed = act(g, *SEED_001)
    assert status_at(g, seed, "2025-05-23") == "in_force"
    assert status_at(g, seed, "2025-05-24") == "repealed"
    assert status_at(g, act(g, *SEED_004), "2026-07-11") == "not_yet_in_force"


def test_amendments_are_dated_on_the_provisions_they_touch(g: nx.MultiDiGraph) -> None:
    [event] = provision_history(g, act(g, *SEED_001), "rules/p-9")
    assert event.kind == "new_wording" and event.other == act(g, "2024-06-18", "223")


def test_lineage_of_000(g: nx.MultiDiGraph) -> None:
    result = lineage(g, act(g, *SEED_000))
    assert [s.older for s in result.predecessors] == [act(g, "2017-01-20", "18")]
    assert [s.newer for s in result.successors] == [act(g, "2020-02-07", "24")]
    assert all(s.quotes for s in (*result.predecessors, *result.successors))


def test_effects_table_of_001(g: nx.MultiDiGraph) -> None:
    rows = effects(g, act(g, *SEED_001))
    repeal = next(r for r in rows if r.affecting_act == act(g, "2025-04-17", "130"))
    assert (repeal.type, repeal.date, repeal.date_basis) == ("repealed", "2025-05-24", "stated")
    made = [r for r in rows if r.affecting_act == act(g, *SEED_001)]
    assert sorted(r.affecting_provisions for r in made) == [("p-2/sp-1",), ("p-2/sp-2",)]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout + result.stderr


def test_cli_lineage_shows_the_chain_with_quotes() -> None:
    code, out = run("graph", "lineage", "2018-07-12/193", "--corpus", str(CORPUS))
    assert code == 0
    first = out.splitlines()[0]
    assert first.index("2017-01-20 № 18") < first.index("2018-07-12 № 193") < first.index("2020-02-07 № 24")
    assert "қаулысымен" in out


def test_cli_in_force_json() -> None:
    code, out = run("graph", "in-force", "--date", "2024-07-01", "--json", "--corpus", str(CORPUS))
    assert code == 0
    assert [a["number"] for a in json.loads(out)] == ["168"]


def test_cli_act_may_be_a_path_and_shorthand_must_be_unambiguous() -> None:
    seed = CORPUS / "nko-akimat-decree-2018-193-reglament.txt"
    code, out = run("graph", "timeline", str(seed), "--corpus", str(CORPUS))
    assert code == 0 and "registered" in out
    code, out = run("graph", "lineage", "1999-01-01/1", "--corpus", str(CORPUS))
    assert code == 1 and "no act" in out


def test_every_graph_command_has_an_example() -> None:
    code, _out = run("graph", "--help")
    assert code == 0
    group = cli.commands["graph"]
    assert hasattr(group, "commands")
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and "Example:" in command.help, name


LINEAGE = Path(__file__).parent / "fixtures" / "lineage"
REPEALED = LINEAGE / "karaganda-maslikhat-2019-400-repealed.txt"
REPEALER = LINEAGE / "karaganda-maslikhat-2021-55-repeals.txt"


def _records(paths: list[Path]) -> list[dict[str, Any]]:
    from golden_facts import GOLDEN_DAY

    from shezhire.extract.pipeline import extract_record

    records = [extract_record(p, GOLDEN_DAY) for p in paths]
    for record in records:  # where the files lie is not part of the lineage
        record["source"]["path"] = Path(record["source"]["path"]).name
    return records


@pytest.mark.parametrize("order", [[REPEALER, REPEALED], [REPEALED, REPEALER]],
                         ids=["repealing-act-first", "repealed-act-first"])
def test_either_act_first_gives_one_edge_with_both_evidences(order: list[Path]) -> None:
    from shezhire.graph.export import graph_to_json_text

    g = records_to_graph(_records(order))
    reference = records_to_graph(_records([REPEALED, REPEALER]))
    assert graph_to_json_text(g) == graph_to_json_text(reference)
    repealer, repealed = act(g, "2021-05-05", "55"), act(g, "2019-03-12", "400")
    assert g.nodes[repealer]["in_corpus"] and g.nodes[repealed]["in_corpus"]
    [edge] = relation(g, repealer, repealed, "repeals")
    assert {e["record"] for e in edge["evidence"]} == {repealer, repealed}
    assert (edge["date"], edge["date_basis"]) == ("2021-06-01", "stated")
    assert g.graph["findings"] == []


def test_a_stub_becomes_the_full_node_with_the_same_id() -> None:
    alone = records_to_graph(_records([REPEALED]))
    both = records_to_graph(_records([REPEALED, REPEALER]))
    repealer = act(both, "2021-05-05", "55")
    assert repealer in alone.nodes and alone.nodes[repealer]["in_corpus"] is False
    assert both.nodes[repealer]["in_corpus"] is True


def test_two_texts_that_disagree_on_the_date_give_a_finding(tmp_path: Path) -> None:
    note = REPEALED.read_text("utf-8").replace(
        "(алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі) шешімімен",
        "(01.07.2021 бастап қолданысқа енгізіледі) шешімімен")
    (tmp_path / REPEALED.name).write_text(note, "utf-8")
    g = records_to_graph(_records([tmp_path / REPEALED.name, REPEALER]))
    [finding] = g.graph["findings"]
    assert finding["kind"] == "effect_dates_disagree"
    assert "2021-06-01" in finding["message"] and "2021-07-01" in finding["message"]


def test_seed_graph_is_the_same_in_reversed_order(seed_records: dict[str, dict[str, Any]]) -> None:
    from shezhire.graph.export import graph_to_json_text

    forward = _records(list(SEEDS))
    backward = _records(list(reversed(SEEDS)))
    assert graph_to_json_text(records_to_graph(forward)) == graph_to_json_text(records_to_graph(backward))
