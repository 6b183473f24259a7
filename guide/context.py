"""What every page generator reads: the records by id, the lineage graph and the build day,
plus the few lookups they share (an act's name, a link to its page, a provision's anchor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from shezhire.extract.models import Status
from shezhire.graph.timeline import status_at
from shezhire.guide import labels
from shezhire.guide.escape import h
from shezhire.guide.i18n import data_root, lang, t
from shezhire.guide.urls import act_url, provision_anchor

if TYPE_CHECKING:
    from shezhire.guide.markdown_cache import MarkdownCacheStats

Record = dict[str, Any]

_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан")
# Russian months in the genitive, as in "12 июля 2018 года".
_MONTHS_RU = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря")


# What a row leaves out of a record: the texts and the lists read only on the act's own page.
_BULK = frozenset({"text", "document_lists", "deadlines"})


def record_row(record: Record) -> Record:
    """What the guide keeps of a record for the whole build: everything but its texts (the
    record's, its translations' and its provisions') and its document lists and deadlines.
    The lists across the corpus, the graph and the links into another act's provisions read
    nothing else; an act's own page reads its whole record (:meth:`Guide.record`)."""
    row = {k: v for k, v in record.items() if k not in _BULK}
    row["provisions"] = [_provision_row(p) for p in record["provisions"]]
    if record.get("translations"):
        row["translations"] = {lang: {k: v for k, v in tr.items() if k != "text"}
                               for lang, tr in record["translations"].items()}
    return row


def _provision_row(provision: Record) -> Record:
    row = {k: v for k, v in provision.items() if k != "text"}
    if provision.get("translations"):
        row["translations"] = {lang: {k: v for k, v in tr.items() if k != "text"}
                               for lang, tr in provision["translations"].items()}
    return row


def act_key(act: str) -> tuple[str, ...]:
    """Ids name one act when their date, type and number agree (as consolidation reads
    them: issuers are spelt variously)."""
    return tuple(act.split("_")[:3])


def amending_acts(rows: Iterable[Record]) -> dict[tuple[str, ...], list[str]]:
    """For each act (by :func:`act_key`), the records that amend it, in the records' order."""
    out: dict[tuple[str, ...], list[str]] = {}
    for row in rows:
        for amended in row.get("amends") or []:
            acts = out.setdefault(act_key(str(amended["act"]["id"])), [])
            if row["id"] not in acts:
                acts.append(row["id"])
    return out


@dataclass
class Guide:
    """The data of one build. ``records`` are keyed by act id: the whole records, or their
    rows (:func:`record_row`) with ``load`` to read an act's whole record when its page is
    made; ``g`` holds every act, the ones of the corpus and the ones only referenced."""

    records: Mapping[str, Record]
    g: nx.MultiDiGraph
    as_of: dt.date
    _provisions: dict[str, list[Record]] = field(default_factory=dict)
    load: Callable[[str], Record] | None = None
    # With ``load``: the acts that amend each act (:func:`amending_acts` of the rows).
    amenders: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    # Each record's records/ID.json hashed, by act id (set with the exports; the Markdown
    # cache's inputs), and what the cache did for the pages written with the guide.
    digests: dict[str, bytes] = field(default_factory=dict)
    markdown_stats: MarkdownCacheStats | None = None
    _issuer_langs: dict[str, str] | None = field(default=None, init=False, repr=False)

    def record(self, act: str) -> Record:
        """The act's whole record (with its texts)."""
        return self.load(act) if self.load is not None else self.records[act]

    def issuer_languages(self) -> dict[str, str]:
        """Each issuer's name and the language of the texts it was read from (the last
        record's that names it; Kazakh where a record gives none). Every row is read once a
        build, not once for each language's index of issuers."""
        if self._issuer_langs is None:
            self._issuer_langs = {str(r.get("issuer")): str(r.get("lang") or "kk")
                                  for r in self.records.values()}
        return self._issuer_langs

    def related(self, record: Record) -> list[Record]:
        """The records ``record``'s versions are made from: the act and those amending it
        (every record, when the guide holds them whole)."""
        if self.load is None:
            return list(self.records.values())
        return [record] + [self.load(a) for a in self.related_ids(record["id"])[1:]]

    def related_ids(self, act: str) -> list[str]:
        """The ids of :meth:`related`'s records, in its order, without reading them."""
        if self.load is None:
            return list(self.records)
        return [act] + [a for a in self.amenders.get(act_key(act), []) if a != act]

    def status(self, act: str) -> Status:
        """The act's status on the guide's day, by the one rule (the graph's and the records')."""
        return status_at(self.g, act, self.as_of.isoformat())

    def in_corpus(self, act: str) -> bool:
        return act in self.records

    def known(self, act: str | None) -> bool:
        """Whether the act has a page (every node of the graph has one)."""
        return act is not None and act in self.g.nodes

    def node(self, act: str) -> dict[str, Any]:
        """The act's graph attributes (empty for an act the graph does not hold)."""
        return dict(self.g.nodes[act]) if act in self.g.nodes else {}

    def short_name(self, act: str) -> str:
        """"2018 жылғы 12 шілде № 193 қаулы" — date, number and type, the way acts are cited
        (in Russian "постановление от 12 июля 2018 года № 193")."""
        d = self.node(act)
        date = date_kk(d.get("adopted")) if d.get("adopted") else t("күні белгісіз")
        number = f"№ {d['number']}" if d.get("number") else ""
        kind = labels.act_type(d.get("act_type")).lower()
        if lang() == "ru":
            return " ".join(filter(None, [kind, "от" if d.get("adopted") else "", date, number]))
        return " ".join(filter(None, [date, number, kind]))

    def name(self, act: str) -> str:
        """Short name with the issuer: "… № 193 қаулы (Солтүстік Қазақстан облысы әкімдігі)"."""
        d = self.node(act)
        issuer = d.get("issuer")
        return self.short_name(act) + (f" ({issuer})" if issuer else "")

    def title(self, act: str) -> str | None:
        d = self.node(act)
        title = d.get("title")
        return str(title) if title else None

    def provision_at(self, act: str, offset: int, lang: str | None = None) -> Record | None:
        """The innermost provision of a corpus act whose span holds ``offset`` (an offset in
        the act's text in ``lang``, where that is its text in another language)."""
        record = self.records[act]

        def span(p: Record) -> list[int]:
            if lang is None or lang == record["lang"]:
                return list(p["span"])
            twin = (p.get("translations") or {}).get(lang)
            return list(twin["span"]) if twin else [0, 0]

        holding = [(p, span(p)) for p in record["provisions"]]
        holding = [(p, s) for p, s in holding if s[0] <= offset < s[1]]
        return min(holding, key=lambda x: x[1][1] - x[1][0])[0] if holding else None

    def provision_ids(self, act: str) -> set[str]:
        if act not in self.records:
            return set()
        return {p["id"] for p in self.records[act]["provisions"]}


def rel(from_url: str, to_url: str) -> str:
    """Link from the page at site path ``from_url`` ("acts/x/") to ``to_url`` ("graph/",
    "records.jsonl"); both relative to the site root, so the site works under any prefix."""
    return "../" * from_url.count("/") + to_url or "./"


def data_href(from_url: str, path: str) -> str:
    """Link from a page of the current language's tree to a data file published once at the
    site root ("records.jsonl", "records/ID.json", "rules.json")."""
    return "../" * from_url.count("/") + data_root() + path


def act_href(from_url: str, act: str, provision: str | None = None) -> str:
    href = rel(from_url, act_url(act))
    return href + ("#" + provision_anchor(provision) if provision else "")


def act_link(guide: Guide, from_url: str, act: str, *, provision: str | None = None,
             text: str | None = None) -> str:
    """An HTML link to the act's page (or plain text when the act has no page)."""
    label = h(text if text is not None else guide.name(act))
    if not guide.known(act):
        return label
    title = guide.title(act)
    title_attr = f' title="{h(title)}"' if title else ""
    return f'<a href="{h(act_href(from_url, act, provision))}"{title_attr}>{label}</a>'


def date_kk(iso: str | None) -> str:
    """"2018-07-12" → "2018 жылғы 12 шілде" (as Kazakh acts write dates); on a Russian page
    "12 июля 2018 года" (as Russian acts write them)."""
    if not iso:
        return labels.NO
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    if lang() == "ru":
        return f"{day.day} {_MONTHS_RU[day.month - 1]} {day.year} года"
    return f"{day.year} жылғы {day.day} {_MONTHS[day.month - 1]}"
