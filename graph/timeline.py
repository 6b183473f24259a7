"""Time in the lineage graph: when each act was in force, and what was in force on a day.

The rule is :mod:`shezhire.extract.validity`'s, applied to what the graph knows of an act:
its node's dates and label, and every repeal of the whole act that reaches it (each edge
dated by the builder). Partial repeals and amendments do not end the act: they are dated on
the provisions they touch (:func:`provision_history`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from shezhire.extract.models import Status
from shezhire.extract.validity import (
    ActDates,
    Interval,
    Repeal,
    Span,
    in_force_interval,
    status_on,
    validity_spans,
)

__all__ = ["Event", "Interval", "act_dates", "act_events", "in_force_on", "provision_history",
           "spans_of", "status_at", "validity"]


@dataclass(frozen=True)
class Event:
    """One dated thing that happened to (or was done by) an act."""

    date: str
    act: str
    kind: str  # adopted, registered, in_force, amended, repealed, amends, repeals
    other: str | None
    detail: str | None
    basis: str | None
    quote: str | None


def act_dates(g: nx.MultiDiGraph, act: str) -> ActDates:
    """What the graph knows of the act's dates: its node, and the repeals that reach it."""
    node = g.nodes[act]
    repeals = sorted(
        (Repeal(d.get("date"), d.get("date_basis"), u)
         for u, _v, d in g.in_edges(act, data=True) if d["relation"] == "repeals"),
        key=lambda r: (r.date or "", r.by or ""))
    return ActDates(node.get("adopted"), node.get("in_force_from"), node.get("status_label"),
                    tuple(repeals))


def validity(g: nx.MultiDiGraph, act: str) -> Interval | None:
    """The days the act is in force (None for an act never known to be)."""
    return in_force_interval(act_dates(g, act))


def spans_of(g: nx.MultiDiGraph, act: str) -> tuple[Span, ...]:
    """The act's whole time line, as spans of one status each (``graph.json``'s ``validity``)."""
    return validity_spans(act_dates(g, act))


def status_at(g: nx.MultiDiGraph, act: str, day: str) -> Status:
    """The act's status on ``day`` (YYYY-MM-DD).

    An act known only by reference is "unknown" unless a repeal in the corpus dates it: it
    existed to be repealed, so it was in force from its adoption until then.
    """
    return status_on(act_dates(g, act), day)


def in_force_on(g: nx.MultiDiGraph, day: str) -> list[str]:
    """Ids of the acts in force on ``day``, in id order."""
    return [act for act in sorted(g.nodes) if status_at(g, act, day) == "in_force"]


def provision_history(g: nx.MultiDiGraph, act: str, provision: str) -> list[Event]:
    """Changes to one provision of ``act``, oldest first."""
    out = []
    for u, _v, d in g.in_edges(act, data=True):
        if d["relation"] == "amends" and provision in d.get("affected_provisions", []):
            out.append(Event(d.get("date") or "", act, d["action"], u, d.get("affected_part"),
                             d.get("date_basis"), _quote(d)))
    return sorted(out, key=lambda e: (e.date, e.other or ""))


def act_events(g: nx.MultiDiGraph, act: str | None = None) -> list[Event]:
    """Adopted, registered, in force, amended, repealed — for one act or all, in date order.

    Each change appears once, under the affected act (with the affecting act as ``other``)
    when all acts are listed, and under both when one act is asked for.
    """
    acts = [act] if act is not None else sorted(g.nodes)
    events: list[Event] = []
    for a in acts:
        node = g.nodes[a]
        if node.get("adopted"):
            events.append(Event(node["adopted"], a, "adopted", None, node.get("number"), None, None))
        if node.get("registration_date"):
            events.append(Event(node["registration_date"], a, "registered", None,
                                node.get("registration_number"), None, None))
        if node.get("in_force_from"):
            events.append(Event(node["in_force_from"], a, "in_force", None, None, None, None))
        for u, _v, d in g.in_edges(a, data=True):
            if d["relation"] in ("amends", "repeals") and d.get("date"):
                kind = "repealed" if d["relation"] == "repeals" else "amended"
                events.append(Event(d["date"], a, kind, u, _detail(d), d.get("date_basis"),
                                    _quote(d)))
        if act is not None:
            for _u, v, d in g.out_edges(a, data=True):
                if d["relation"] in ("amends", "repeals") and d.get("date"):
                    events.append(Event(d["date"], a, d["relation"], v, _detail(d),
                                        d.get("date_basis"), _quote(d)))
    order = {"adopted": 0, "registered": 1, "in_force": 2, "amended": 3, "amends": 3,
             "repeals": 4, "repealed": 5}
    return sorted(events, key=lambda e: (e.date, order.get(e.kind, 9), e.act, e.other or "",
                                         e.detail or ""))


def _detail(d: dict[str, Any]) -> str | None:
    if d["relation"] == "amends":
        return f"{d.get('affected_part') or ''} ({d.get('action')})".strip()
    return None


def _quote(d: dict[str, Any]) -> str | None:
    evidence = d.get("evidence") or []
    return str(evidence[0]["quote"]) if evidence else None
