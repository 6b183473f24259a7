"""The lineage graph: act records in, a networkx MultiDiGraph of acts and their relations out.

Nodes are acts, keyed by the act id of the records (a key that depends only on issuer, type,
date and number, so identity resolution is a dictionary lookup, never a pairwise comparison).
An act that is only referenced is a stub holding what the references say of it; when its
text joins the corpus, the same id becomes the full node.

Edges point from the affecting act to the affected one: ``repeals``, ``amends`` (one edge per
changed part and action) and ``cites``. A fact told by both acts (A's header: "repealed by B";
B's text: "A is repealed") is one edge with both evidences. The graph is built by streaming
over records into dictionaries and only then laid out in sorted order, so the same records
in any order give the same graph.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from shezhire.extract.validity import effect_date

Record = dict[str, Any]

# A record's findings about its two texts that the act's node carries.
BILINGUAL_FINDINGS = frozenset({"texts_disagree", "told_by_one_text", "unaligned_provision",
                                "fact_from_translation", "conflicting_source"})

# Node attributes every node has (None where unknown), in this order.
NODE_FIELDS = ("id", "in_corpus", "act_type", "issuer", "adopted", "number",
               "registration_number", "registration_date", "title", "status", "status_label",
               "in_force_from", "in_force_rule", "source_path")


@dataclass
class _Node:
    attrs: dict[str, Any]
    titles_seen: set[str] = field(default_factory=set)
    issuers_seen: set[str] = field(default_factory=set)


@dataclass
class _Edge:
    relation: str
    source: str
    target: str
    action: str | None
    affected_part: str | None
    affected_provisions: set[str] = field(default_factory=set)
    affecting_provisions: set[str] = field(default_factory=set)
    dates: dict[str, set[str]] = field(default_factory=dict)  # date -> records telling it
    rules: set[str] = field(default_factory=set)
    evidence: list[dict[str, Any]] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, _Node] = {}
        self.edges: dict[tuple[str, str, str], _Edge] = {}

    # -- nodes ---------------------------------------------------------------------------------

    def add_record(self, record: Record) -> None:
        reg = record.get("registration") or {}
        attrs = {
            "id": record["id"], "in_corpus": True, "act_type": record["act_type"],
            "issuer": record["issuer"], "adopted": record["adopted"], "number": record["number"],
            "registration_number": reg.get("number"), "registration_date": reg.get("date"),
            "title": record["title"],
            "status": record["status"], "status_label": record["status_label"],
            "in_force_from": record["in_force_from"],
            "in_force_rule": record.get("in_force_rule"),
            "source_path": record["source"]["path"],
            # The languages of the act's texts, and where they disagree (see
            # shezhire.extract.bilingual): one node for the act in any language.
            "languages": [*filter(None, [record.get("lang")]),
                          *sorted(record.get("translations") or {})],
            "findings": [{"kind": f["kind"], "message": f["message"]}
                         for f in record.get("findings") or [] if f["kind"] in BILINGUAL_FINDINGS],
        }
        node = self.nodes.get(record["id"])
        if node is None:
            self.nodes[record["id"]] = _Node(attrs)
        else:
            # A stub met before the act's text: the text's own facts replace what others said.
            node.attrs = attrs
        self._see(record["id"], record["issuer"], record["title"])

    def add_ref(self, ref: Record) -> str:
        node = self.nodes.get(ref["id"])
        if node is None:
            node = self.nodes[ref["id"]] = _Node({
                "id": ref["id"], "in_corpus": False, "act_type": ref.get("act_type"),
                "issuer": ref.get("issuer"), "adopted": ref.get("adopted"),
                "number": ref.get("number"), "registration_number": None,
                "registration_date": None, "title": None,
                "status": None, "status_label": None, "in_force_from": None,
                "in_force_rule": None, "source_path": None,
            })
        if not node.attrs["in_corpus"] and ref.get("registration_number"):
            node.attrs["registration_number"] = min(
                filter(None, [node.attrs["registration_number"], ref["registration_number"]]))
        self._see(ref["id"], ref.get("issuer"), ref.get("title"))
        return str(ref["id"])

    def _see(self, act: str, issuer: str | None, title: str | None) -> None:
        node = self.nodes[act]
        if issuer:
            node.issuers_seen.add(issuer)
        if title:
            node.titles_seen.add(title)

    # -- edges ---------------------------------------------------------------------------------

    def add_edge(self, relation: str, source: str, target: str, *, action: str | None,
                 part: str | None, provisions: Iterable[str], date: str | None,
                 rule: str | None, evidence: Iterable[dict[str, Any]], told_by: str,
                 field_name: str, affecting: Iterable[str] = ()) -> None:
        key = (source, target, _edge_key(relation, part, action))
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = _Edge(relation, source, target, action, part)
        edge.affected_provisions.update(provisions)
        edge.affecting_provisions.update(affecting)
        if date:
            edge.dates.setdefault(date, set()).add(told_by)
        if rule:
            edge.rules.add(rule)
        for ev in evidence:
            item = {"quote": ev["quote"], "span": list(ev["span"]), "record": told_by,
                    "field": field_name}
            if ev.get("lang"):  # a span in the record's text in another language
                item["lang"] = ev["lang"]
            if item not in edge.evidence:
                edge.evidence.append(item)


def _edge_key(relation: str, part: str | None, action: str | None) -> str:
    return ":".join(x for x in (relation, part or "", action or "") if x is not None)


def _provision_finder(record: Record) -> Any:
    """The innermost numbered provision of ``record`` that holds a piece of evidence (in the
    text in the evidence's ``lang``, where it is the text in another language)."""
    numbered = [p for p in record["provisions"] if p["kind"] in ("point", "subpoint")]

    def span(provision: Record, lang: str | None) -> list[int]:
        if lang is None or lang == record.get("lang"):
            return list(provision["span"])
        twin = (provision.get("translations") or {}).get(lang)
        return list(twin["span"]) if twin else [0, 0]

    def where(evidence: dict[str, Any]) -> list[str]:
        start, lang = evidence["span"][0], evidence.get("lang")
        holding = [(p, span(p, lang)) for p in numbered]
        holding = [(p, s) for p, s in holding if s[0] <= start < s[1]]
        return [min(holding, key=lambda x: x[1][1] - x[1][0])[0]["id"]] if holding else []

    return where


def _evidences(ref: Record) -> list[dict[str, Any]]:
    return [ref["evidence"], *ref.get("more_evidence", [])]


def records_to_graph(records: Iterable[Record]) -> nx.MultiDiGraph:
    """The lineage graph of ``records`` (streamed once; order does not matter)."""
    b = _Builder()
    for record in _one_per_act(records):
        me = record["id"]
        b.add_record(record)
        where = _provision_finder(record)
        for ref in record["repealed_by"]:
            other = b.add_ref(ref)
            b.add_edge("repeals", other, me, action="repealed", part=None, provisions=(),
                       date=ref.get("in_force_from"), rule=ref.get("in_force_rule"),
                       evidence=_evidences(ref), told_by=me, field_name="repealed_by")
        for ref in record["repeals"]:
            other = b.add_ref(ref)
            b.add_edge("repeals", me, other, action="repealed", part=None, provisions=(),
                       date=record["in_force_from"], rule=record.get("in_force_rule"),
                       evidence=_evidences(ref), told_by=me, field_name="repeals",
                       affecting=where(ref["evidence"]))
        for am in record["amended_by"]:
            other = b.add_ref(am["act"])
            b.add_edge("amends", other, me, action=am["action"], part=am["target"],
                       provisions=am.get("target_provisions", []),
                       date=am["act"].get("in_force_from"), rule=am.get("in_force_rule"),
                       evidence=_evidences(am), told_by=me, field_name="amended_by")
        for am in record["amends"]:
            other = b.add_ref(am["act"])
            b.add_edge("amends", me, other, action=am["action"], part=am["target"],
                       provisions=am.get("target_provisions", []),
                       date=record["in_force_from"], rule=record.get("in_force_rule"),
                       evidence=_evidences(am), told_by=me, field_name="amends",
                       affecting=where(am["evidence"]))
        for ref in record["references"]:
            other = b.add_ref(ref)
            b.add_edge("cites", me, other, action=None, part=None, provisions=(), date=None,
                       rule=None, evidence=_evidences(ref), told_by=me, field_name="references")
    return _layout(b)


def _one_per_act(records: Iterable[Record]) -> Iterator[Record]:
    """``records``, an act's texts in two languages given apart merged into one (a copy, the
    Kazakh text first whatever the order): one node, and a relation both tell one edge with
    both evidences. Records of one id and one language stay as they are.

    Read twice when they can be (a collection: the records of a spool, the guide's rows):
    first their ids, then each record of an id given once is given on as it is read, and
    only the records of an id given more than once are held; an iterator is held whole.
    The order they come in is the graph's own (:func:`records_to_graph`: it does not matter).
    """
    from shezhire.extract.bilingual import merge_translation

    if not isinstance(records, Collection):
        records = list(records)
    counts = Counter(str(record["id"]) for record in records)
    out: list[Record] = []
    where: dict[str, int] = {}
    for record in records:
        if counts[str(record["id"])] == 1:
            yield record
            continue
        i = where.get(record["id"])
        kept = out[i] if i is not None else None
        if kept is None or record.get("lang") is None or record.get("lang") == kept.get("lang") \
                or kept.get("lang") is None or record["lang"] in (kept.get("translations") or {}):
            where.setdefault(record["id"], len(out))
            out.append(record)
            continue
        first, second = sorted((kept, record), key=lambda r: str(r["lang"]))
        out[where[record["id"]]] = merge_translation(copy.deepcopy(first), second)
    yield from out


def _layout(b: _Builder) -> nx.MultiDiGraph:
    """Nodes and edges in sorted order, dates settled, disagreements reported."""
    g = nx.MultiDiGraph()
    findings: list[dict[str, Any]] = []
    for act in sorted(b.nodes):
        node = b.nodes[act]
        attrs = dict(node.attrs)
        if not attrs["title"] and node.titles_seen:
            attrs["title"] = sorted(node.titles_seen, key=lambda t: (-len(t), t))[0]
        attrs["titles_seen"] = sorted(node.titles_seen)
        attrs["issuers_seen"] = sorted(node.issuers_seen)
        g.add_node(act, **attrs)
    for (source, target, key) in sorted(b.edges):
        edge = b.edges[(source, target, key)]
        date, basis = _edge_date(edge, g.nodes[source])
        if len(edge.dates) > 1:
            findings.append({
                "kind": "effect_dates_disagree",
                "message": f"{source} → {target} ({edge.relation}): the records give "
                           + ", ".join(f"{d} ({', '.join(sorted(who))})"
                                       for d, who in sorted(edge.dates.items())),
                "edge": [source, target, key],
            })
        g.add_edge(source, target, key=key, relation=edge.relation, source=source,
                   target=target, action=edge.action, affected_part=edge.affected_part,
                   affected_provisions=sorted(edge.affected_provisions),
                   affecting_provisions=sorted(edge.affecting_provisions), date=date,
                   date_basis=basis, in_force_rule=min(edge.rules) if edge.rules else None,
                   evidence=sorted(edge.evidence, key=lambda e: (e["record"], e["span"])))
    findings += _same_act_different_dates(g)
    g.graph["findings"] = findings
    return g


def _edge_date(edge: _Edge, source: dict[str, Any]) -> tuple[str | None, str | None]:
    """When the change took effect: a date the text gives, else the affecting act's own
    entry into force, else its adoption (an approximation, said so in ``date_basis``)."""
    if edge.relation == "cites":
        return None, None
    return effect_date(edge.dates, source.get("in_force_from"), source.get("adopted"))


def _same_act_different_dates(g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Two nodes with one issuer, type and number and other days of the same year: two acts,
    or one act whose date a text got wrong (numbering restarts each year, so other years are
    expected). Both stay; a finding asks a person to look."""
    from shezhire.extract.identity import issuer_key

    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for act, attrs in g.nodes(data=True):
        if attrs["number"] and attrs["adopted"]:
            key = (issuer_key(attrs["issuer"]), attrs["act_type"] or "", attrs["number"],
                   attrs["adopted"][:4])
            groups.setdefault(key, []).append(act)
    out = []
    for acts in groups.values():
        if len(acts) > 1 and any(g.nodes[a]["in_corpus"] for a in acts) \
                and not all(g.nodes[a]["in_corpus"] for a in acts):
            out.append({
                "kind": "same_number_other_date",
                "message": "acts with one issuer, type and number but other dates: "
                           + ", ".join(sorted(acts)),
                "edge": None,
            })
    return out
