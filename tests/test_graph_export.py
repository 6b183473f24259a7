"""Exports of the lineage graph as their users check them: the JSON against its schema and byte
for byte, GraphML read back by networkx, and the DOT/Mermaid drawings of one act's neighbours."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from shezhire.extract.errors import SchemaValidationError, UsageError
from shezhire.graph.build import NODE_FIELDS, records_to_graph
from shezhire.graph.export import (
    graph_to_dot,
    graph_to_graphml,
    graph_to_json,
    graph_to_json_text,
    graph_to_mermaid,
)
from shezhire.graph.schema import graph_schema, validate_graph_json

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def g(seed_records: dict[str, dict[str, Any]]) -> nx.MultiDiGraph:
    return records_to_graph(seed_records.values())


def act_id(g: nx.MultiDiGraph, prefix: str) -> str:
    [found] = [a for a in g.nodes if a.startswith(prefix)]
    return str(found)


# -- a small hand-made graph, for what the seeds do not have -----------------------------------


def node(act: str, *, in_corpus: bool, adopted: str | None, number: str | None,
         issuer: str | None = "Ақмола облысы әкімдігі") -> dict[str, Any]:
    attrs: dict[str, Any] = dict.fromkeys(NODE_FIELDS)
    attrs.update(id=act, in_corpus=in_corpus, act_type="decree", issuer=issuer, adopted=adopted,
                 number=number, titles_seen=[], issuers_seen=[issuer] if issuer else [])
    if in_corpus:
        attrs.update(title="Регламент", status="repealed", source_path=f"{act}.txt")
    return attrs


def edge(source: str, target: str, relation: str, date: str | None,
         quote: str) -> dict[str, Any]:
    return {"relation": relation, "source": source, "target": target, "action": "repealed",
            "affected_part": None, "affected_provisions": [], "affecting_provisions": [],
            "date": date, "date_basis": "stated" if date else None, "in_force_rule": None,
            "evidence": [{"quote": quote, "span": [0, len(quote)], "record": target,
                          "field": "repealed_by"}]}


@pytest.fixture
def chain() -> nx.MultiDiGraph:
    """a ← b ← c ← d: each act repealed the one before it; only b's text is in the corpus."""
    h = nx.MultiDiGraph()
    for act, year in (("a", "2011"), ("b", "2012"), ("c", "2013"), ("d", "2014")):
        h.add_node(act, **node(act, in_corpus=act == "b", adopted=f"{year}-01-10", number=year[2:]))
    for older, newer in (("a", "b"), ("b", "c"), ("c", "d")):
        h.add_edge(newer, older, key="repeals::repealed",
                   **edge(newer, older, "repeals", h.nodes[newer]["adopted"], "күші жойылсын"))
    h.graph["findings"] = []
    return h


# -- JSON ----------------------------------------------------------------------------------------


def test_json_validates_against_its_schema(g: nx.MultiDiGraph) -> None:
    data = graph_to_json(g)
    validate_graph_json(data)
    assert data["schema_version"] == "1.1.0"
    assert [n["id"] for n in data["nodes"]] == sorted(g.nodes)
    assert len(data["edges"]) == g.number_of_edges()
    assert all(e["evidence"] for e in data["edges"])


def test_the_schema_refuses_an_edge_without_evidence_or_of_an_unknown_relation(
        g: nx.MultiDiGraph) -> None:
    data = graph_to_json(g)
    data["edges"][0]["evidence"] = []
    with pytest.raises(SchemaValidationError, match="edges/0/evidence"):
        validate_graph_json(data)
    data = graph_to_json(g)
    data["edges"][0]["relation"] = "replaces"
    with pytest.raises(SchemaValidationError, match="edges/0/relation"):
        validate_graph_json(data)
    data = graph_to_json(g)
    data["nodes"][0]["colour"] = "red"
    with pytest.raises(SchemaValidationError, match="nodes/0"):
        validate_graph_json(data)


def test_the_schema_is_shipped_as_package_data() -> None:
    from importlib import resources

    assert resources.files("shezhire.graph.schema").joinpath("graph.schema.json").is_file()
    assert graph_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_json_text_is_the_same_for_records_in_reversed_order(
        seed_records: dict[str, dict[str, Any]]) -> None:
    records = list(seed_records.values())
    forward = graph_to_json_text(records_to_graph(records))
    backward = graph_to_json_text(records_to_graph(list(reversed(records))))
    assert forward == backward
    assert forward.endswith("}\n") and "Солтүстік Қазақстан" in forward  # not \u-escaped


def test_json_reads_back_into_networkx_with_keys_and_findings(g: nx.MultiDiGraph) -> None:
    data = json.loads(graph_to_json_text(g))
    back = nx.node_link_graph(data, edges="edges")
    assert sorted(back.edges(keys=True)) == sorted(g.edges(keys=True))
    assert back.graph["findings"] == g.graph["findings"]


@pytest.mark.parametrize("graph", ["seeds", "chain", "empty", "awkward"])
def test_json_text_is_the_json_modules_indented_text_of_the_document(
        graph: str, g: nx.MultiDiGraph, chain: nx.MultiDiGraph) -> None:
    # The text is laid out a node and an edge at a time; a reader gets what json.dumps gives.
    h = {"seeds": g, "chain": chain, "empty": nx.MultiDiGraph()}.get(graph)
    if h is None:  # made up: line breaks, quotes and nesting in values, a finding
        h = chain.copy()
        h.nodes["b"]["title"] = 'Регламент\n"2"\t\\ \u2028 {[,]}'
        h.nodes["b"]["titles_seen"] = ["a\nb", "", "[]"]
        h.graph["findings"] = [{"kind": "x", "message": "a\nb", "acts": ["a", "b"], "n": 1.5}]
    expected = json.dumps(graph_to_json(h), ensure_ascii=False, indent=2) + "\n"
    assert graph_to_json_text(h) == expected


def test_changing_the_json_does_not_change_the_graph(g: nx.MultiDiGraph) -> None:
    before = graph_to_json_text(g)
    data = graph_to_json(g)
    data["edges"][0]["evidence"].clear()
    data["nodes"][0]["titles_seen"].append("x")
    assert graph_to_json_text(g) == before


# -- GraphML -------------------------------------------------------------------------------------


def test_graphml_round_trips_through_networkx(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "lineage.graphml"
    path.write_text(graph_to_graphml(g), "utf-8")
    back = nx.read_graphml(path, edge_key_type=str, force_multigraph=True)
    assert sorted(back.nodes) == sorted(g.nodes)
    assert sorted(back.edges(keys=True)) == sorted(g.edges(keys=True))
    for u, v, k, d in g.edges(keys=True, data=True):
        read = back.edges[u, v, k]
        assert read["relation"] == d["relation"]
        assert read.get("date") == d["date"]
        assert read["evidence_count"] == len(d["evidence"])
        assert read["evidence_quotes"].split("\n") == [e["quote"] for e in d["evidence"]]
        if d["affected_provisions"]:
            assert read["affected_provisions"].split("; ") == d["affected_provisions"]
    for act, d in g.nodes(data=True):
        assert back.nodes[act]["in_corpus"] is d["in_corpus"]
        assert back.nodes[act].get("adopted") == d["adopted"]


def test_graphml_declares_attribute_types_and_holds_no_none(g: nx.MultiDiGraph) -> None:
    text = graph_to_graphml(g)
    root = ET.fromstring(text.encode("utf-8"))
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type")
            for k in root.iter(f"{GRAPHML}key")}
    assert all(keys.values())
    assert keys[("node", "in_corpus")] == "boolean"
    assert keys[("edge", "evidence_count")] in ("int", "long")
    assert keys[("edge", "relation")] == "string"
    assert ("edge", "evidence") not in keys  # flattened, not nested
    values = [d.text for d in root.iter(f"{GRAPHML}data")]
    assert "None" not in values and "" not in values and None not in values
    assert {d.text for d in root.iter(f"{GRAPHML}data")
            if d.get("key") == next(k.get("id") for k in root.iter(f"{GRAPHML}key")
                                    if k.get("attr.name") == "in_corpus")} == {"true", "false"}


def test_graphml_is_the_same_text_every_time(g: nx.MultiDiGraph) -> None:
    assert graph_to_graphml(g) == graph_to_graphml(g.copy())


def test_graphml_survives_control_characters_in_a_quote(chain: nx.MultiDiGraph) -> None:
    chain.edges["b", "a", "repeals::repealed"]["evidence"][0]["quote"] = "күші\x0cжойылсын"
    back = nx.parse_graphml(graph_to_graphml(chain), edge_key_type=str, force_multigraph=True)
    assert back.edges["b", "a", "repeals::repealed"]["evidence_quotes"] == "күші жойылсын"


def test_graphml_keeps_awkward_values_readable(chain: nx.MultiDiGraph) -> None:
    # Made up: markup, quotes, line breaks and numbers in values and ids.
    h = chain.copy()
    h.add_node('e&<"\n\t>', id='e&<"\n\t>', in_corpus=False, score=1.5, count=3,
               tags=["x<y", "a&b"], title='"q" <b>\r\nline', extra={"n": [1]})
    h.add_edge("a", 'e&<"\n\t>', key='k"&<', relation="cites", evidence=[], flag=True, note="")
    back = nx.parse_graphml(graph_to_graphml(h), edge_key_type=str, force_multigraph=True)
    node = next(n for n in back.nodes if n.startswith("e&<"))
    assert back.nodes[node]["tags"] == "x<y; a&b"
    assert back.nodes[node]["score"] == 1.5 and back.nodes[node]["count"] == 3
    assert back.edges["a", node, 'k"&<']["flag"] is True


# -- DOT and Mermaid -----------------------------------------------------------------------------


def mermaid_nodes(text: str) -> list[str]:
    return re.findall(r'^  n\d+\["([^"]*)"\]$', text, flags=re.MULTILINE)


def dot_nodes(text: str) -> list[str]:
    return re.findall(r'^  "[^"]+" \[label="((?:[^"\\]|\\.)*)"', text, flags=re.MULTILINE)


@pytest.mark.parametrize("render", [graph_to_mermaid, graph_to_dot], ids=["mermaid", "dot"])
def test_the_neighbourhood_of_decree_193_is_its_predecessor_successor_and_citations(
        g: nx.MultiDiGraph, render: Any) -> None:
    focus = act_id(g, "2018-07-12_decree_193")
    text = render(g, focus=focus)
    labels = mermaid_nodes(text) if render is graph_to_mermaid else dot_nodes(text)
    heads = sorted(label.replace("<br>", "\\n").split("\\n")[0] for label in labels)
    assert "2017-01-20 № 18" in heads and "2020-02-07 № 24" in heads and "2018-07-12 № 193" in heads
    one_hop = {focus, *g.successors(focus), *g.predecessors(focus)}
    assert len(labels) == len(one_hop)
    assert "2023-12-27 № 168" not in text and "2012-06-06" not in text
    assert "repeals" in text and "2020-02-07" in text


def test_depth_counts_hops_in_both_directions(chain: nx.MultiDiGraph) -> None:
    near = mermaid_nodes(graph_to_mermaid(chain, focus="b", depth=1))
    assert [n.split("<br>")[0] for n in near] == ["2011-01-10 № 11", "2012-01-10 № 12",
                                                   "2013-01-10 № 13"]
    far = dot_nodes(graph_to_dot(chain, focus="b", depth=2))
    assert [n.split("\\n")[0] for n in far][-1] == "2014-01-10 № 14"
    assert len(mermaid_nodes(graph_to_mermaid(chain))) == 4  # no focus: the whole graph


def test_stubs_are_dashed_and_acts_in_the_corpus_are_not(chain: nx.MultiDiGraph) -> None:
    dot = graph_to_dot(chain, focus="b")
    lines = {line.split(" [")[0].strip(): line for line in dot.splitlines() if "[label=" in line
             and "->" not in line}
    assert "dashed" not in lines['"b"'] and "dashed" in lines['"a"'] and "dashed" in lines['"c"']
    mermaid = graph_to_mermaid(chain, focus="b")
    assert "  class n0,n2 stub" in mermaid.splitlines()  # a and c, not b (n1)
    assert "  class n1 focus" in mermaid.splitlines()


def test_amendment_arrows_name_the_parts_and_the_date(g: nx.MultiDiGraph) -> None:
    focus = act_id(g, "2023-12-27_order_168")
    text = graph_to_mermaid(g, focus=focus)
    [arrow] = [line for line in text.splitlines() if "amends" in line]
    assert "9-тармақ: new wording" in arrow and "11-1-тармақ: supplemented" in arrow
    assert "2024-06-18" in arrow


def test_quotes_and_markup_in_a_label_are_escaped(chain: nx.MultiDiGraph) -> None:
    chain.nodes["b"]["issuer"] = 'ТОО "Жол" <script>alert(1)</script> & #1 | `x`'
    mermaid = graph_to_mermaid(chain, focus="b")
    assert "<script>" not in mermaid and "</script>" not in mermaid
    assert "#quot;Жол#quot;" in mermaid and "#60;script#62;" in mermaid
    assert len(mermaid_nodes(mermaid)) == 3  # every label still one quoted string
    dot = graph_to_dot(chain, focus="b")
    assert '\\"Жол\\"' in dot and "<script>" not in dot and "&lt;script&gt;" in dot
    outside = re.sub(r'"(?:[^"\\]|\\.)*"', "", dot)  # what is left outside quoted strings
    assert '"' not in outside and "<" not in outside and outside.count("{") == outside.count("}")


def test_an_unknown_focus_is_refused(g: nx.MultiDiGraph) -> None:
    with pytest.raises(UsageError, match="no act"):
        graph_to_mermaid(g, focus="1999-01-01_decree_1_nobody")


def test_drawings_are_the_same_text_for_records_in_reversed_order(
        seed_records: dict[str, dict[str, Any]]) -> None:
    records = list(seed_records.values())
    forward, backward = records_to_graph(records), records_to_graph(list(reversed(records)))
    assert graph_to_mermaid(forward) == graph_to_mermaid(backward)
    assert graph_to_dot(forward) == graph_to_dot(backward)


# -- written piece by piece ----------------------------------------------------------------------


def _awkward(chain: nx.MultiDiGraph) -> nx.MultiDiGraph:
    # Made up: markup, quotes, line breaks, numbers, booleans, and one attribute name with
    # values of two types (networkx declares one key for each type).
    h = chain.copy()
    h.add_node('e&<"\n\t>', id='e&<"\n\t>', in_corpus=False, score=1.5, count=3,
               tags=["x<y", "a&b"], title='"q" <b>\r\nline', extra={"n": [1]})
    h.nodes["a"]["count"] = "three"
    h.add_edge("a", 'e&<"\n\t>', key='k"&<', relation="cites", evidence=[], flag=True, note="")
    h.add_edge("c", "a", key="cites::x", relation="cites", evidence=[], flag=False)
    return h


def _whole_graphml(g: nx.MultiDiGraph) -> str:
    """The GraphML as networkx's writer makes it from a whole tree (the export before it was
    written piece by piece): the bytes the pieces must give."""
    from shezhire.graph.export import _flat_attrs, _node_lines, _sorted_edges
    flat = nx.MultiDiGraph()
    for act in sorted(g.nodes):
        attrs = g.nodes[act]
        flat.add_node(act, label=", ".join(_node_lines(attrs, wrap=False)),
                      **_flat_attrs(attrs, skip=("id",)))
    for u, v, k, attrs in _sorted_edges(g, g.nodes):
        flat.add_edge(u, v, key=k, **_flat_attrs(attrs, skip=("source", "target")))
    buffer = __import__("io").BytesIO()
    nx.write_graphml_xml(flat, buffer, encoding="utf-8", prettyprint=True)
    text = buffer.getvalue().decode("utf-8")
    for key in re.findall(r'<key id="([^"]+)" for="[^"]+" attr.name="[^"]*" '
                          r'attr.type="boolean"', text):
        text = re.sub(f'(<data key="{re.escape(key)}">)(True|False)(</data>)',
                      lambda m: m[1] + m[2].lower() + m[3], text)
    return text if text.endswith("\n") else text + "\n"


def _graphs(g: nx.MultiDiGraph, chain: nx.MultiDiGraph) -> list[nx.MultiDiGraph]:
    lone = nx.MultiDiGraph()
    lone.add_node("a", **node("a", in_corpus=True, adopted=None, number=None))
    return [g, chain, _awkward(chain), lone, nx.MultiDiGraph()]


def test_graph_json_in_pieces_is_the_whole_documents_text(g: nx.MultiDiGraph,
                                                           chain: nx.MultiDiGraph) -> None:
    from shezhire.graph.export import indented_json, iter_graph_json_text
    for h in _graphs(g, chain):
        pieces = list(iter_graph_json_text(h))
        assert "".join(pieces) == indented_json(graph_to_json(h)) + "\n"
        # One piece a node and one an edge: a writer never holds two of them at once.
        assert sum('"id": ' in p for p in pieces) == h.number_of_nodes()
        assert sum('"relation": ' in p for p in pieces) == h.number_of_edges()


def test_graphml_in_pieces_is_networkx_whole_trees_text(g: nx.MultiDiGraph,
                                                         chain: nx.MultiDiGraph) -> None:
    from shezhire.graph.export import iter_graphml
    for h in _graphs(g, chain):
        pieces = list(iter_graphml(h))
        assert "".join(pieces) == _whole_graphml(h)
        assert sum(p.lstrip().startswith("<node ") for p in pieces) == h.number_of_nodes()
        assert sum(p.lstrip().startswith("<edge ") for p in pieces) == h.number_of_edges()
