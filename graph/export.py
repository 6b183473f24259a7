"""Exports of the lineage graph: node-link JSON, GraphML, DOT and Mermaid.

JSON keeps every attribute and has a published schema (``graph/schema``); GraphML flattens
lists and evidence so that Gephi and Cytoscape can open it; DOT and Mermaid draw one act's
neighbourhood for people (the guide embeds the Mermaid text in its pages). Every export is
deterministic: the same graph gives the same text, whatever order the records came in.
"""

from __future__ import annotations

import copy
import io
import json
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, tostring

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

from shezhire.extract.errors import UsageError
from shezhire.graph.build import NODE_FIELDS
from shezhire.graph.timeline import spans_of

SCHEMA_VERSION = "1.1.0"

# Attribute order in the JSON export: the builder's fields first, anything newer after, sorted.
NODE_ORDER = (*NODE_FIELDS, "titles_seen", "issuers_seen", "validity", "languages", "findings")
EDGE_ORDER = ("source", "target", "key", "relation", "action", "affected_part",
              "affected_provisions", "affecting_provisions", "date", "date_basis",
              "in_force_rule", "evidence")


# -- JSON ------------------------------------------------------------------------------------


def graph_to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    """networkx node-link data (``edges`` key) of ``g`` plus ``schema_version``.

    Nodes are sorted by id and edges by (source, target, key); the builder's findings are
    under ``graph.findings``, where networkx keeps graph attributes (so
    ``nx.node_link_graph(data, edges="edges")`` brings them back). Each node carries its
    ``validity``: the act's whole time line as spans of one status (``status``, ``from``,
    ``until``), by the one rule of :mod:`shezhire.extract.validity`, so a reader (the guide's
    graph page) looks a day up instead of computing the status. A deep copy: changing the
    result does not change the graph.
    """
    return _graph_json(g, copy.deepcopy)


def _graph_json(g: nx.MultiDiGraph, take: Callable[[Any], Any]) -> dict[str, Any]:
    """:func:`graph_to_json`, each attribute value passed through ``take`` (a deep copy for
    a result the caller keeps; the value itself for text made at once)."""
    return {**_json_head(g, take),
            "nodes": [_json_node(g, act, take) for act in _json_node_order(g)],
            "edges": [_json_edge(g, edge, take) for edge in _json_edge_order(g)]}


def _json_head(g: nx.MultiDiGraph, take: Callable[[Any], Any]) -> dict[str, Any]:
    """The document's entries before its nodes and edges (networkx's node-link data)."""
    graph_attrs = take(dict(g.graph))
    graph_attrs.setdefault("findings", [])
    return {"schema_version": SCHEMA_VERSION, "directed": bool(g.is_directed()),
            "multigraph": bool(g.is_multigraph()), "graph": graph_attrs}


def _json_node_order(g: nx.MultiDiGraph) -> list[Any]:
    return sorted(g.nodes, key=str)


def _json_edge_order(g: nx.MultiDiGraph) -> list[tuple[Any, Any, Any]]:
    return sorted(g.edges(keys=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))


def _json_node(g: nx.MultiDiGraph, act: Any, take: Callable[[Any], Any]) -> dict[str, Any]:
    """One node of the document: its attributes with its id (as networkx's node-link data
    gives it) and its ``validity``, in :data:`NODE_ORDER`."""
    node = {**g.nodes[act], "id": act}
    return _ordered({**node, "validity": [s.to_json() for s in spans_of(g, act)]},
                    NODE_ORDER, take)


def _json_edge(g: nx.MultiDiGraph, edge: tuple[Any, Any, Any],
               take: Callable[[Any], Any]) -> dict[str, Any]:
    u, v, k = edge
    return _ordered({**g.edges[u, v, k], "source": u, "target": v, "key": k}, EDGE_ORDER, take)


def indented_json(value: Any) -> str:
    """``value`` as JSON with Kazakh letters kept and a two-space indent (the exports'
    layout), made by Python's json module (its pure-Python encoder, as it indents)."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def graph_to_json_text(g: nx.MultiDiGraph,
                       indent: Callable[[Any], str] = indented_json) -> str:
    """``graph_to_json`` as UTF-8-ready text (Kazakh letters kept, two-space indent): the
    pieces of :func:`iter_graph_json_text` joined."""
    return "".join(iter_graph_json_text(g, indent))


def iter_graph_json_text(g: nx.MultiDiGraph,
                         indent: Callable[[Any], str] = indented_json) -> Iterator[str]:
    """The text of :func:`graph_to_json_text` in pieces, a node or an edge at a time, each
    made when it is asked for: a writer that writes the pieces as they come never holds the
    document (made whole, its dict and text were ~47 KB an act at once, on top of the graph).

    The text is laid out a top-level entry, a node and an edge at a time, each by
    ``indent`` (default :func:`indented_json`; the guide passes one that keeps the pieces
    in a cache, as a rebuild changes few of them) and shifted to its depth: the same text
    as ``indented_json`` of the whole document, since every line break of an indented
    value is an indent (a string's line breaks are escaped)."""
    def keep(value: Any) -> Any:
        return value

    yield "{\n"
    for name, value in _json_head(g, keep).items():
        yield f"  {json.dumps(name)}: " + indent(value).replace("\n", "\n  ") + ",\n"
    items: tuple[tuple[str, Iterator[dict[str, Any]]], ...] = (
        ("nodes", (_json_node(g, act, keep) for act in _json_node_order(g))),
        ("edges", (_json_edge(g, edge, keep) for edge in _json_edge_order(g))))
    for name, values in items:
        yield f"  {json.dumps(name)}: "
        first = True
        for value in values:
            yield ("[\n    " if first else ",\n    ") + indent(value).replace("\n", "\n    ")
            first = False
        yield "[]" if first else "\n  ]"
        yield ",\n" if name == "nodes" else "\n}\n"


def _ordered(d: Mapping[str, Any], order: Iterable[str],
             take: Callable[[Any], Any]) -> dict[str, Any]:
    known = [k for k in order if k in d]
    rest = sorted(k for k in d if k not in known)
    return {k: take(d[k]) for k in (*known, *rest)}


# -- GraphML ---------------------------------------------------------------------------------

# Characters XML 1.0 forbids; a damaged PDF text could carry them into a quote.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def graph_to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML of ``g`` with declared attribute types and only flat values: the pieces of
    :func:`iter_graphml` joined.

    Lists become "; "-joined strings; evidence becomes ``evidence_quotes`` (one quote a line)
    and ``evidence_count``; an attribute that is None or empty is left off the element (GraphML
    reads a missing attribute as unknown). Nodes get a ``label`` ("2018-07-12 № 193 decree")
    for Gephi; the node id and the edge ends live in the XML attributes, so they are not
    repeated as data (Gephi reserves "id"). Edge ids are the graph's edge keys.
    """
    return "".join(iter_graphml(g))


def iter_graphml(g: nx.MultiDiGraph) -> Iterator[str]:
    """The text of :func:`graph_to_graphml` in pieces, a node or an edge at a time.

    networkx's writer (``write_graphml_xml``, whose ElementTree layout is the same on every
    machine; lxml's is not) builds the whole document as a tree of elements before it
    writes a byte (its ``generate_graphml`` too): ~40 KB an act at once. Here its writer
    declares the keys (the attributes' names and types, in the order it meets them: a
    first pass over the flat attributes) and lays out the document around one placeholder
    element; each node and edge is then made into an element by the same writer, indented
    as it would indent it, and written alone. The same bytes as the whole tree's."""
    acts = sorted(g.nodes)
    edges = _sorted_edges(g, acts)
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    for act in acts:
        _graphml_element(writer, "node", {"id": str(act)}, _flat_node(g.nodes[act]))
    for u, v, k, attrs in edges:
        _graphml_element(writer, "edge", {"source": str(u), "target": str(v), "id": str(k)},
                         _flat_attrs(attrs, skip=("source", "target")))
    graph = Element("graph", edgedefault="directed")
    if acts:
        graph.append(Element(_PLACEHOLDER))
    writer.xml.append(graph)
    buffer = io.BytesIO()
    writer.dump(buffer)
    head, placeholder, tail = buffer.getvalue().decode("utf-8").partition(f"<{_PLACEHOLDER} />")
    if not placeholder:  # no node: the document is the skeleton
        yield head if head.endswith("\n") else head + "\n"
        return
    booleans = [key for (_name, kind, _scope), key in writer.keys.items() if kind == "boolean"]
    yield head
    for index, act in enumerate(acts):
        element = _graphml_element(writer, "node", {"id": str(act)}, _flat_node(g.nodes[act]))
        yield ("\n    " if index else "") + _graphml_piece(writer, element, booleans)
    for u, v, k, attrs in edges:
        element = _graphml_element(writer, "edge",
                                   {"source": str(u), "target": str(v), "id": str(k)},
                                   _flat_attrs(attrs, skip=("source", "target")))
        yield "\n    " + _graphml_piece(writer, element, booleans)
    yield tail if tail.endswith("\n") else tail + "\n"


# The element the document's layout is made around, where its nodes and edges go.
_PLACEHOLDER = "shezhire-graph-elements"


def _flat_node(attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {"label": ", ".join(_node_lines(attrs, wrap=False)),
            **_flat_attrs(attrs, skip=("id",))}


def _graphml_element(writer: GraphMLWriter, tag: str, ids: dict[str, str],
                     flat: Mapping[str, Any]) -> Element:
    """A node's or an edge's element with its data, each by the writer's ``add_data`` (which
    declares the attribute's key when it is new, as the writer's own pass does)."""
    element = Element(tag, ids)
    for name, value in flat.items():
        element.append(writer.add_data(str(name), type(value), str(value), tag, None))
    return element


def _graphml_piece(writer: GraphMLWriter, element: Element, booleans: list[str]) -> str:
    """An element's text as it is inside the whole document: indented at the graph's
    children's depth, without the line break that follows it."""
    writer.indent(element, 2)
    element.tail = None
    text = tostring(element, encoding="utf-8").decode("utf-8")
    return _lower_booleans(text, booleans) if booleans else text


def _lower_booleans(text: str, keys: Iterable[str]) -> str:
    """networkx writes Python's "True"/"False"; GraphML's boolean is XML Schema's, which
    strict readers accept only as "true"/"false" (``keys``: the boolean keys' ids)."""
    for key in keys:
        text = re.sub(f'(<data key="{re.escape(key)}">)(True|False)(</data>)',
                      lambda m: m[1] + m[2].lower() + m[3], text)
    return text


def _flat_attrs(attrs: Mapping[str, Any], skip: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in attrs.items():
        if name in skip or value is None:
            continue
        if name == "evidence":
            out["evidence_quotes"] = _xml_text("\n".join(str(e["quote"]) for e in value))
            out["evidence_count"] = len(value)
        elif isinstance(value, bool | int | float):
            out[name] = value
        elif isinstance(value, str):
            out[name] = _xml_text(value)
        elif isinstance(value, list | tuple) and all(isinstance(x, str) for x in value):
            out[name] = _xml_text("; ".join(value))
        else:  # anything nested the builder may add later: its JSON, never a lost attribute
            out[name] = _xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True))
        if out.get(name) == "":
            del out[name]  # an empty <data/> reads back as missing: leave it off outright
    return out


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub(" ", text)


# -- drawings: DOT and Mermaid ---------------------------------------------------------------

# Kazakh names of the act types, as the acts call themselves (see the glossary), then English.
ACT_TYPE_NAMES = {
    "decree": "қаулы / decree", "normative_decree": "нормативтік қаулы / normative decree",
    "order": "бұйрық / order", "decision": "шешім / decision", "law": "Заң / law",
    "code": "кодекс / code", "other": "act",
}
# An amendment's many parts on one arrow: past this many lines the label says how many more.
MAX_PART_LINES = 6
ISSUER_WIDTH = 32
_CONTROL = re.compile("[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Arrow:
    """One drawn arrow: the edges of one relation and effect date between two acts."""

    source: str
    target: str
    relation: str
    lines: tuple[str, ...]  # label lines, plain text (escaped by each format)


def graph_to_dot(g: nx.MultiDiGraph, focus: str | None = None, depth: int = 1) -> str:
    """Graphviz DOT of ``focus``'s neighbourhood (acts within ``depth`` hops either way), or
    of the whole graph when ``focus`` is None. Acts only referenced (stubs) are dashed."""
    acts = _neighbourhood(g, focus, depth)
    out = [f"// Shezhire lineage graph: {_scope(focus, depth)}",
           "digraph lineage {",
           "  graph [rankdir=RL];",
           '  node [shape=box, style="rounded"];',
           "  edge [fontsize=10];"]
    for act in acts:
        attrs = g.nodes[act]
        style = "rounded" if attrs.get("in_corpus") else "rounded,dashed"
        extra = ", penwidth=2" if act == focus else ""
        out.append(f'  {_dot_id(act)} [label={_dot_label(_node_lines(attrs))}, '
                   f'style="{style}"{extra}];')
    for arrow in _arrows(g, acts):
        style = {"repeals": "bold", "cites": "dotted"}.get(arrow.relation, "solid")
        out.append(f"  {_dot_id(arrow.source)} -> {_dot_id(arrow.target)} "
                   f"[label={_dot_label(arrow.lines)}, style={style}];")
    out.append("}")
    return "\n".join(out) + "\n"


def graph_to_mermaid(g: nx.MultiDiGraph, focus: str | None = None, depth: int = 1) -> str:
    """Mermaid flowchart of ``focus``'s neighbourhood, or of the whole graph when None.

    Node ids are n0, n1, … in the order of the act ids; labels are quoted with every
    character Mermaid or HTML could read as syntax written as an entity code (``#quot;``),
    so a title cannot break the chart or inject markup into the page that embeds it.
    """
    acts = _neighbourhood(g, focus, depth)
    ids = {act: f"n{i}" for i, act in enumerate(acts)}
    out = [f"%% Shezhire lineage graph: {_scope(focus, depth)}", "flowchart RL"]
    for act in acts:
        out.append(f'  {ids[act]}["{_mermaid_label(_node_lines(g.nodes[act]))}"]')
    for arrow in _arrows(g, acts):
        link = {"repeals": "==>", "cites": "-.->"}.get(arrow.relation, "-->")
        out.append(f'  {ids[arrow.source]} {link}|"{_mermaid_label(arrow.lines)}"| '
                   f"{ids[arrow.target]}")
    out.append("  classDef stub stroke-dasharray:5 5")
    out.append("  classDef focus stroke-width:3px")
    stubs = [ids[a] for a in acts if not g.nodes[a].get("in_corpus")]
    if stubs:
        out.append(f"  class {','.join(stubs)} stub")
    if focus is not None:
        out.append(f"  class {ids[focus]} focus")
    return "\n".join(out) + "\n"


def _neighbourhood(g: nx.MultiDiGraph, focus: str | None, depth: int) -> list[str]:
    """The act ids to draw, sorted: all, or those within ``depth`` hops of ``focus``."""
    if focus is None:
        return sorted(g.nodes)
    if focus not in g:
        raise UsageError(f"no act {focus!r} in the graph")
    if depth < 0:
        raise UsageError(f"depth must be 0 or more, not {depth}")
    # Both directions: an act's neighbourhood holds what it changed and what changed it.
    near = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), focus,
                                                 cutoff=depth)
    return sorted(near)


def _sorted_edges(g: nx.MultiDiGraph,
                  acts: Iterable[str]) -> list[tuple[str, str, str, dict[str, Any]]]:
    keep = set(acts)
    return sorted(((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                   if u in keep and v in keep), key=lambda e: (e[0], e[1], e[2]))


def _arrows(g: nx.MultiDiGraph, acts: list[str]) -> list[Arrow]:
    """Parallel edges of one relation and date drawn as one arrow listing the parts, so an
    order that amends nine points of another gives one readable arrow, not nine."""
    groups: dict[tuple[str, str, str, str | None, str | None], list[dict[str, Any]]] = {}
    for u, v, _, d in _sorted_edges(g, acts):
        groups.setdefault((u, v, d["relation"], d.get("date"), d.get("date_basis")), []).append(d)
    arrows = []
    for (u, v, relation, date, basis), edges in groups.items():
        parts = sorted({p for p in (_part_line(relation, d) for d in edges) if p},
                       key=_natural)
        if len(parts) > MAX_PART_LINES:
            parts = [*parts[:MAX_PART_LINES - 1], f"… {len(parts) - MAX_PART_LINES + 1} more"]
        when = [f"{date} or later" if basis == "adopted" else date] if date else []
        arrows.append(Arrow(u, v, relation, (relation, *parts, *when)))
    return arrows


def _natural(text: str) -> list[tuple[int, str]]:
    # "2-тармақ" before "13-тармақ": numbers compare as numbers.
    return [(int(t), "") if t.isdigit() else (-1, t) for t in re.split(r"(\d+)", text) if t]


def _part_line(relation: str, edge: Mapping[str, Any]) -> str:
    part = _plain(edge.get("affected_part") or "")
    action = (edge.get("action") or "").replace("_", " ")
    if relation != "amends" or not action:
        return part
    return f"{part}: {action}" if part else action


def _node_lines(attrs: Mapping[str, Any], wrap: bool = True) -> list[str]:
    """How a lawyer names an act: date and number, kind, issuer ("2018-07-12 № 193")."""
    head = _plain(attrs.get("adopted") or "undated")
    if attrs.get("number"):
        head += f" № {_plain(attrs['number'])}"
    act_type = attrs.get("act_type")
    lines = [head, ACT_TYPE_NAMES.get(act_type or "", _plain(act_type or "act"))]
    issuer = _plain(attrs.get("issuer") or "")
    if issuer:
        lines += textwrap.wrap(issuer, ISSUER_WIDTH, break_long_words=False) if wrap else [issuer]
    return lines


def _scope(focus: str | None, depth: int) -> str:
    if focus is None:
        return "all acts"
    return f"acts within {depth} hop{'s' if depth != 1 else ''} of {_plain(focus)}"


def _plain(text: str) -> str:
    """One line of text: runs of white space and control characters become one space."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def _escaper(table: Mapping[str, str]) -> Callable[[str], str]:
    return lambda text: "".join(table.get(c, c) for c in text)


# DOT: inside a quoted string only \ and " are syntax; Graphviz also decodes HTML entities in
# labels, so &, < and > are written as entities and show as themselves.
_dot_text = _escaper({"\\": "\\\\", '"': '\\"', "&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Mermaid: entity codes (#quot;, #60;) are its only escape; # itself must be one too.
_mermaid_text = _escaper({'"': "#quot;", "#": "#35;", "&": "#38;", "<": "#60;", ">": "#62;",
                          "`": "#96;", "|": "#124;"})


def _dot_id(act: str) -> str:
    return f'"{_dot_text(act)}"'


def _dot_label(lines: Iterable[str]) -> str:
    return '"' + "\\n".join(_dot_text(_plain(line)) for line in lines) + '"'


def _mermaid_label(lines: Iterable[str]) -> str:
    return "<br>".join(_mermaid_text(_plain(line)) for line in lines)
