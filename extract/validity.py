"""When an act is in force: the one rule the record, the graph, the guide and the browser use.

An act's status on a day follows from a few dated facts: its adoption, its entry into force,
the repeals of the whole act (each with the day it takes effect, or none where no text says)
and the database's status label. :func:`status_on` is the rule; :func:`validity_spans` lays
it out as consecutive spans of one status each, which is what ``graph.json`` carries so the
browser looks a day up instead of porting the rule.

The rule, in order:

1. before its adoption an act is ``not_yet_in_force`` (never ``in_force``);
2. once a dated repeal has taken effect it is ``repealed``;
3. before its stated entry into force it is ``not_yet_in_force``;
4. a repeal of unknown date, or the label "Күшін жойған" where no repeal is known, makes it
   ``repealed`` (the label only decides where no date does);
5. it is ``in_force`` where something says it ever was: an in-force label, a stated entry
   into force, or a repeal (an act is repealed only once it exists);
6. otherwise ``unknown``: e.g. an act known only because another act cites it.

Across a corpus an act's repeals are told by its own database notes (``repealed_by``) and by
the repealing act's text (``repeals``); :func:`records_to_act_dates` gathers both, and a
repeal's date is settled by :func:`effect_date`, as the lineage graph settles every change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shezhire.extract.lexicon import lexicons
from shezhire.extract.models import JSON, Status

# What a status label of the database says, by the meaning the lexicons file it under
# ("Мерзімі біткен", expired, says neither: the act ran out, nobody repealed it).
_LABEL_STATUS: dict[str, Status] = {"repealed": "repealed", "in_force": "in_force",
                                    "updated": "in_force", "new": "in_force"}


def label_meaning(label: str | None) -> Status | None:
    """The status a database label says, in any language of the lexicons."""
    if not label:
        return None
    for lx in lexicons():
        for meaning, labels in lx.labels("status_labels").items():
            if label in labels:
                return _LABEL_STATUS.get(meaning)
    return None


# A day before every act: where the first span starts.
_EARLIEST = dt.date.min.isoformat()


@dataclass(frozen=True)
class Repeal:
    """A repeal of the whole act: the day it takes effect (None: no text says) and by whom.

    ``basis`` says where the day comes from: "stated" (a text gives it), "in_force_from"
    (the repealing act's entry into force) or "adopted" (its adoption: the repeal took
    effect that day or later).
    """

    date: str | None
    basis: str | None
    by: str | None


@dataclass(frozen=True)
class ActDates:
    """The facts an act's status depends on (ISO dates)."""

    adopted: str | None
    in_force_from: str | None
    label: str | None
    repeals: tuple[Repeal, ...] = ()


@dataclass(frozen=True)
class Span:
    """``[start, end)`` of one status; None: open on that side."""

    status: Status
    start: str | None
    end: str | None

    def to_json(self) -> JSON:
        return {"status": self.status, "from": self.start, "until": self.end}


@dataclass(frozen=True)
class Interval:
    """The days an act is in force, ``[start, end)``; ``end`` None while no repeal ends it.

    ``start_basis`` is "in_force_from" (the text gives the entry into force) or "adopted"
    (only the adoption is known: it entered into force then or later); ``end_basis`` and
    ``repealed_by`` come from the repeal that ends it.
    """

    start: str | None
    end: str | None
    start_basis: str | None
    end_basis: str | None
    repealed_by: str | None


def status_on(act: ActDates, day: str) -> Status:
    """The act's status on ``day`` (YYYY-MM-DD): the rule of this module's docstring."""
    if act.adopted and day < act.adopted:
        return "not_yet_in_force"
    dated = [r.date for r in act.repeals if r.date]
    if dated and min(dated) <= day:
        return "repealed"
    if act.in_force_from and day < act.in_force_from:
        return "not_yet_in_force"
    label = label_meaning(act.label)
    undated = any(r.date is None for r in act.repeals)
    if undated or (label == "repealed" and not act.repeals):
        return "repealed"
    if label is not None or act.in_force_from or act.repeals:
        return "in_force"
    return "unknown"


def validity_spans(act: ActDates) -> tuple[Span, ...]:
    """The whole time line of ``act`` as spans of one status each, oldest first.

    The status changes only on the days of the facts, so it is read on each of them; the
    first span is open to the past and the last to the future.
    """
    days = sorted({d for d in (act.adopted, act.in_force_from, *(r.date for r in act.repeals))
                   if d})
    spans: list[Span] = []
    for start, end in zip([None, *days], [*days, None], strict=True):
        status = status_on(act, start or _EARLIEST)
        if spans and spans[-1].status == status:
            spans[-1] = Span(status, spans[-1].start, end)
        else:
            spans.append(Span(status, start, end))
    return tuple(spans)


def span_status(spans: Iterable[Span], day: str) -> Status:
    """The status ``spans`` give for ``day`` (what the browser does with ``validity``)."""
    for span in spans:
        if (span.start is None or span.start <= day) and (span.end is None or day < span.end):
            return span.status
    return "unknown"


def in_force_interval(act: ActDates) -> Interval | None:
    """The days ``act`` is in force, with where its ends come from; None for an act never
    known to be in force. (By the rule there is at most one such span.)"""
    live = [s for s in validity_spans(act) if s.status == "in_force"]
    if not live:
        return None
    start, end = live[0].start, live[0].end
    start_basis = None if start is None else \
        "in_force_from" if start == act.in_force_from else "adopted"
    ending = [r for r in act.repeals if r.date is not None and r.date == end]
    first = min(ending, key=lambda r: (r.by or "")) if ending else None
    return Interval(start, end, start_basis, first.basis if first else None,
                    first.by if first else None)


def effect_date(stated: Iterable[str], source_in_force_from: str | None,
                source_adopted: str | None) -> tuple[str | None, str | None]:
    """When a change (a repeal, an amendment) takes effect, and the basis of that day.

    The earliest day a text states; else the changing act's own entry into force; else its
    adoption (an approximation: the change took effect that day or later).
    """
    days = sorted(set(stated))
    if days:
        return days[0], "stated"
    if source_in_force_from:
        return source_in_force_from, "in_force_from"
    if source_adopted:
        return source_adopted, "adopted"
    return None, None


def records_to_act_dates(records: Iterable[JSON]) -> dict[str, ActDates]:
    """Each record's dates, with every repeal that ``records`` tell of it: its own notes
    (``repealed_by``) and the repeal lists of the other records (``repeals``).

    One repeal per repealing act, dated as the lineage graph dates its edge.
    """
    records = list(records)
    by_id = {r["id"]: r for r in records}
    told: dict[str, dict[str, list[str]]] = {r["id"]: {} for r in records}
    refs: dict[str, JSON] = {}
    for record in records:
        for ref in record["repealed_by"]:
            told[record["id"]].setdefault(ref["id"], []).extend(
                [ref["in_force_from"]] if ref.get("in_force_from") else [])
            refs.setdefault(ref["id"], ref)
        for ref in record["repeals"]:
            if ref["id"] in told:
                told[ref["id"]].setdefault(record["id"], []).extend(
                    [record["in_force_from"]] if record.get("in_force_from") else [])
    out = {}
    for record in records:
        repeals = []
        for by, stated in sorted(told[record["id"]].items()):
            source: dict[str, Any] = by_id.get(by) or {"in_force_from": None,
                                                       "adopted": refs[by].get("adopted")}
            date, basis = effect_date(stated, source.get("in_force_from"), source.get("adopted"))
            repeals.append(Repeal(date, basis, by))
        out[record["id"]] = ActDates(record.get("adopted"), record.get("in_force_from"),
                                     record.get("status_label"), tuple(repeals))
    return out


def settle_statuses(records: list[JSON], as_of: dt.date) -> list[JSON]:
    """Set each record's ``status`` (and ``status_as_of``) for ``as_of`` from what all of
    ``records`` tell, so the records of a corpus agree with its lineage graph."""
    dates = records_to_act_dates(records)
    day = as_of.isoformat()
    for record in records:
        record["status"] = status_on(dates[record["id"]], day)
        record["status_as_of"] = day
    return records
