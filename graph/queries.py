"""Questions lawyers ask of the lineage graph: which act is meant, its lineage, its effects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from shezhire.extract.errors import UsageError


def resolve_act(g: nx.MultiDiGraph, spec: str) -> str:
    """The node ``spec`` names: an id, or "DATE/NUMBER" ("2023-12-27/168") when unambiguous."""
    if spec in g.nodes:
        return spec
    date, sep, number = spec.partition("/")
    if sep:
        matches = sorted(a for a, d in g.nodes(data=True)
                         if d.get("adopted") == date and d.get("number") == number)
        if len(matches) == 1:
            return str(matches[0])
        if len(matches) > 1:
            raise UsageError(f"{spec!r} is ambiguous: {', '.join(matches)}")
    prefixed = sorted(a for a in g.nodes if a.startswith(spec))
    if len(prefixed) == 1:
        return str(prefixed[0])
    if len(prefixed) > 1:
        raise UsageError(f"{spec!r} is ambiguous: {', '.join(prefixed)}")
    raise UsageError(f"no act {spec!r} in the graph")


def act_label(g: nx.MultiDiGraph, act: str) -> str:
    """"2018-07-12 № 193 decree, Солтүстік Қазақстан облысы әкімдігі" — how a lawyer names it."""
    d = g.nodes[act]
    parts = [d.get("adopted") or "(undated)"]
    if d.get("number"):
        parts.append(f"№ {d['number']}")
    parts.append(d.get("act_type") or "act")
    label = " ".join(parts)
    if d.get("issuer"):
        label += f", {d['issuer']}"
    return label


@dataclass(frozen=True)
class Step:
    """One link of a lineage chain: ``newer`` repealed (replaced) ``older``."""

    older: str
    newer: str
    date: str | None
    date_basis: str | None
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Lineage:
    act: str
    predecessors: tuple[Step, ...]  # oldest first, ending at ``act``
    successors: tuple[Step, ...]  # starting at ``act``, newest last


def lineage(g: nx.MultiDiGraph, act: str) -> Lineage:
    """The chain of acts ``act`` replaced and that replaced it, following whole-act repeals.

    Where an act repealed several (or was repealed by several), every branch is listed, in
    id order, nearest first.
    """
    seen = {act}
    back = _walk(g, act, seen, outgoing=True)
    forward = _walk(g, act, seen, outgoing=False)
    return Lineage(act, tuple(reversed(back)), tuple(forward))


def _walk(g: nx.MultiDiGraph, act: str, seen: set[str], *, outgoing: bool) -> list[Step]:
    """Breadth-first along repeals: to the acts ``act`` repealed (outgoing) or those that
    repealed it, nearest first."""
    steps: list[Step] = []
    frontier = [act]
    while frontier:
        current = frontier.pop(0)
        for other in sorted(_repealed_by(g, current, outgoing=outgoing)):
            if other in seen:
                continue
            seen.add(other)
            steps.append(_step(g, other, current) if outgoing else _step(g, current, other))
            frontier.append(other)
    return steps


def _repealed_by(g: nx.MultiDiGraph, act: str, *, outgoing: bool) -> set[str]:
    edges = g.out_edges(act, data=True) if outgoing else g.in_edges(act, data=True)
    return {(v if outgoing else u) for u, v, d in edges if d["relation"] == "repeals"}


def _step(g: nx.MultiDiGraph, older: str, newer: str) -> Step:
    data = [d for d in g.get_edge_data(newer, older, default={}).values()
            if d["relation"] == "repeals"]
    d = data[0]
    return Step(older, newer, d.get("date"), d.get("date_basis"),
                tuple(e["quote"] for e in d.get("evidence", [])))


@dataclass(frozen=True)
class Effect:
    """One row of the effects table (as legislation.gov.uk lists "changes to legislation")."""

    affecting_act: str
    affecting_provisions: tuple[str, ...]
    affected_act: str
    affected_part: str | None
    affected_provisions: tuple[str, ...]
    type: str
    date: str | None
    date_basis: str | None
    evidence: tuple[dict[str, Any], ...]


def _edges_of(g: nx.MultiDiGraph, act: str | None) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """Every edge of ``g``, or those of ``act`` (made by it or to it; a loop once), without
    walking the whole graph for one act. Edges between the same two acts come in the order
    the graph holds them, as in a walk of the whole graph (the sort below keeps it for ties,
    which only such edges can be)."""
    if act is None:
        edges: Iterable[tuple[str, str, dict[str, Any]]] = g.edges(data=True)
        return edges
    if act not in g:
        return []
    return [*g.out_edges(act, data=True),
            *((u, v, d) for u, v, d in g.in_edges(act, data=True) if u != act)]


def effects(g: nx.MultiDiGraph, act: str | None = None) -> list[Effect]:
    """Repeals and amendments, for one act (made by it or to it) or all; by date."""
    rows = []
    for u, v, d in _edges_of(g, act):
        if d["relation"] not in ("repeals", "amends"):
            continue
        rows.append(Effect(
            affecting_act=u, affecting_provisions=tuple(d.get("affecting_provisions", [])),
            affected_act=v, affected_part=d.get("affected_part"),
            affected_provisions=tuple(d.get("affected_provisions", [])),
            type=d.get("action") or d["relation"], date=d.get("date"),
            date_basis=d.get("date_basis"), evidence=tuple(d.get("evidence", [])),
        ))
    return sorted(rows, key=lambda r: (r.date or "", r.affected_act, r.affecting_act,
                                       r.affected_part or "", r.type))
