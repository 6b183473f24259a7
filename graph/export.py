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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

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
    data = nx.node_link_data(g, edges="edges")
    graph_attrs = take(dict(data["graph"]))
    graph_attrs.setdefault("findings", [])
    nodes = sorted(data["nodes"], key=lambda n: str(n["id"]))
    edges = sorted(data["edges"], key=lambda e: (str(e["source"]), str(e["target"]), str(e["key"])))
    return {
        "schema_version": SCHEMA_VERSION,
        "directed": bool(data["directed"]),
        "multigraph": bool(data["multigraph"]),
        "graph": graph_attrs,
        "nodes": [_ordered({**n, "validity": [s.to_json() for s in spans_of(g, n["id"])]},
                           NODE_ORDER, take) for n in nodes],
        "edges": [_ordered(e, EDGE_ORDER, take) for e in edges],
    }


def indented_json(value: Any) -> str:
    """``value`` as JSON with Kazakh letters kept and a two-space indent (the exports'
    layout), made by Python's json module (its pure-Python encoder, as it indents)."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def graph_to_json_text(g: nx.MultiDiGraph,
                       indent: Callable[[Any], str] = indented_json) -> str:
    """``graph_to_json`` as UTF-8-ready text (Kazakh letters kept, two-space indent).

    The text is laid out a top-level entry, a node and an edge at a time, each by
    ``indent`` (default :func:`indented_json`; the guide passes one that keeps the pieces
    in a cache, as a rebuild changes few of them) and shifted to its depth: the same text
    as ``indented_json`` of the whole document, since every line break of an indented
    value is an indent (a string's line breaks are escaped)."""
    fields = []
    for name, value in _graph_json(g, lambda v: v).items():
        if name in ("nodes", "edges"):
            items = [indent(item).replace("\n", "\n    ") for item in value]
            text = "[\n    " + ",\n    ".join(items) + "\n  ]" if items else "[]"
        else:
            text = indent(value).replace("\n", "\n  ")
        fields.append(f"  {json.dumps(name)}: {text}")
    return "{\n" + ",\n".join(fields) + "\n}\n"


def _ordered(d: Mapping[str, Any], order: Iterable[str],
             take: Callable[[Any], Any]) -> dict[str, Any]:
    known = [k for k in order if k in d]
    rest = sorted(k for k in d if k not in known)
    return {k: take(d[k]) for k in (*known, *rest)}


# -- GraphML ---------------------------------------------------------------------------------

# Characters XML 1.0 forbids; a damaged PDF text could carry them into a quote.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def graph_to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML of ``g`` with declared attribute types and only flat values.

    Lists become "; "-joined strings; evidence becomes ``evidence_quotes`` (one quote a line)
    and ``evidence_count``; an attribute that is None or empty is left off the element (GraphML
    reads a missing attribute as unknown). Nodes get a ``label`` ("2018-07-12 № 193 decree")
    for Gephi; the node id and the edge ends live in the XML attributes, so they are not
    repeated as data (Gephi reserves "id"). Edge ids are the graph's edge keys.
    """
    flat = nx.MultiDiGraph()
    for act in sorted(g.nodes):
        attrs = g.nodes[act]
        flat.add_node(act, label=", ".join(_node_lines(attrs, wrap=False)),
                      **_flat_attrs(attrs, skip=("id",)))
    for u, v, k, attrs in _sorted_edges(g, g.nodes):
        flat.add_edge(u, v, key=k, **_flat_attrs(attrs, skip=("source", "target")))
    buffer = io.BytesIO()
    # The ElementTree writer, not lxml's: it lays keys out in one fixed order on every machine.
    nx.write_graphml_xml(flat, buffer, encoding="utf-8", prettyprint=True)
    text = _xsd_booleans(buffer.getvalue().decode("utf-8"))
    return text if text.endswith("\n") else text + "\n"


def _xsd_booleans(text: str) -> str:
    """networkx writes Python's "True"/"False"; GraphML's boolean is XML Schema's, which
    strict readers accept only as "true"/"false"."""
    keys = re.findall(r'<key id="([^"]+)" for="[^"]+" attr.name="[^"]*" attr.type="boolean"', text)
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
