"""Domain types of an act record.

Every type here mirrors a part of the public JSON contract (``docs/act-record.md``,
published as ``extract/schema/act_record.schema.json``). Field names are public: the
``to_json`` methods write exactly the contract's names, plus the documented additions.

Every extracted fact carries an :class:`Evidence`: the exact characters of the record's
cleaned text it was read from, so a lawyer can check any fact against the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.3.0"  # 1.1: `sources` beside `source`; 1.2: `translations`, evidence `lang`;
# 1.3: `fact_evidence`, the sources of each header fact

ActType = Literal["decree", "order", "decision", "law", "code", "normative_decree", "other"]
Status = Literal["in_force", "repealed", "not_yet_in_force", "unknown"]
AmendAction = Literal["new_wording", "supplemented", "deleted", "amended", "repealed"]
ProvisionKind = Literal[
    "chapter", "section", "point", "subpoint", "paragraph", "appendix", "table", "form",
]
# What a paragraph is for, beside its kind: the contract's kinds describe numbering only.
ProvisionRole = Literal[
    "title", "status", "header", "note", "preamble", "stamp", "approved_document", "appendix",
    "signature", "article",
]
SourceFormat = Literal["txt", "md", "html", "pdf"]

JSON = dict[str, Any]


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: ``quote == text[span[0]:span[1]]`` of the cleaned text."""

    quote: str
    start: int
    end: int

    def to_json(self) -> JSON:
        return {"quote": self.quote, "span": [self.start, self.end]}


@dataclass
class Finding:
    """A data-quality problem noticed in the source (never a silent guess)."""

    kind: str
    message: str
    evidence: Evidence | None = None

    def to_json(self) -> JSON:
        return {
            "kind": self.kind,
            "message": self.message,
            "evidence": self.evidence.to_json() if self.evidence else None,
        }


@dataclass
class ActRef:
    """What a text says about another act, plus the id it resolves to.

    ``evidence`` is the first place the act is named; ``more_evidence`` keeps the other
    places that told the same fact (e.g. the header and the database note of a repeal).
    ``in_force_from``/``in_force_rule`` describe when the referring act's effect starts
    where the text says so ("24.05.2025 бастап қолданысқа енгізіледі").
    """

    id: str
    act_type: ActType | None
    issuer: str | None
    adopted: str | None
    number: str | None
    registration_number: str | None
    evidence: Evidence
    title: str | None = None
    in_force_from: str | None = None
    in_force_rule: str | None = None
    more_evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "act_type": self.act_type,
            "issuer": self.issuer,
            "adopted": self.adopted,
            "number": self.number,
            "registration_number": self.registration_number,
            "title": self.title,
            "in_force_from": self.in_force_from,
            "in_force_rule": self.in_force_rule,
            "evidence": self.evidence.to_json(),
            "more_evidence": [e.to_json() for e in self.more_evidence],
        }


@dataclass
class Amendment:
    """A change one act makes to a part of another.

    ``target`` names the changed part as the text names it ("9-тармақ");
    ``target_provisions`` gives it as provision ids where the changed act is known.
    """

    act: ActRef
    target: str | None
    action: AmendAction
    evidence: Evidence
    in_force_rule: str | None = None
    target_provisions: list[str] = field(default_factory=list)

    def to_json(self) -> JSON:
        return {
            "act": self.act.to_json(),
            "target": self.target,
            "target_provisions": self.target_provisions,
            "action": self.action,
            "in_force_rule": self.in_force_rule,
            "evidence": self.evidence.to_json(),
        }


@dataclass
class Provision:
    """One unit of the act's structure, in reading order.

    ``id`` is readable and stable ("rules/p-11-1/sp-3"): it depends on the numbering the
    text gives, not on the position in the file. ``span`` covers the whole unit (heading and
    text) in the cleaned text. ``role`` says what an unnumbered paragraph is for (the title,
    the header sentence, a database note, the preamble, an approval stamp...).
    """

    id: str
    kind: ProvisionKind
    label: str | None
    heading: str | None
    text: str
    parent: str | None
    start: int
    end: int
    role: ProvisionRole | None = None

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "kind": self.kind,
            "role": self.role,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "parent": self.parent,
            "span": [self.start, self.end],
        }


@dataclass
class Registration:
    number: str
    date: str | None
    by: str | None
    evidence: Evidence

    def to_json(self) -> JSON:
        return {
            "number": self.number,
            "date": self.date,
            "by": self.by,
            "evidence": self.evidence.to_json(),
        }


@dataclass
class SourceInfo:
    path: str
    sha256: str
    format: SourceFormat

    def to_json(self) -> JSON:
        return {"path": self.path, "sha256": self.sha256, "format": self.format}


DocumentListKind = Literal["applicant_provides", "obtained_by_provider"]
Channel = Literal["state_corporation", "portal", "service_centre", "provider", "employer", "other"]


@dataclass
class DocumentItem:
    """One document of a document list, with the condition it alone is asked under.

    ``label`` is the document as the text names it (whitespace-normalised; the applicant,
    the channel and the verb left out); ``condition`` is the category or situation the
    document is asked under ("жалғыз тұрғын үйі авариялық жағдайда деп танылса"), read from
    the group header above the item and from the item's own clause, or null.
    ``original_required`` is true where the text asks to see the original ("түпнұсқасы").
    ``id`` is readable and stable: ``<provision>/doc-<n>``, counted within the provision.
    """

    id: str
    label: str
    condition: str | None
    original_required: bool
    provision: str
    evidence: Evidence

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "label": self.label,
            "condition": self.condition,
            "original_required": self.original_required,
            "provision": self.provision,
            "evidence": self.evidence.to_json(),
        }


@dataclass
class DocumentList:
    """A list of documents: what an applicant gives, or what the office gets itself.

    ``kind`` is ``applicant_provides`` or ``obtained_by_provider`` (documents and information
    the provider takes from information systems and may not ask the applicant for).
    ``channel`` is where the applicant hands the list in, as named at the list
    (``channel_text`` keeps the phrase); null where the list names none or names several
    (``channels`` then lists them all). For an obtained list ``channel`` is null and
    ``channel_text`` names the system the information comes through. ``condition`` is the
    category or situation the whole list applies under, as the text says it, or null.
    ``header`` is the sentence that announces the list, where there is one.
    """

    id: str
    kind: DocumentListKind
    channel: Channel | None
    channel_text: str | None
    condition: str | None
    items: list[DocumentItem]
    provision: str
    evidence: Evidence
    channels: list[Channel] = field(default_factory=list)
    header: Evidence | None = None

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "kind": self.kind,
            "channel": self.channel,
            "channels": list(self.channels),
            "channel_text": self.channel_text,
            "condition": self.condition,
            "items": [i.to_json() for i in self.items],
            "provision": self.provision,
            "header": self.header.to_json() if self.header else None,
            "evidence": self.evidence.to_json(),
        }


TimeUnit = Literal["minute", "hour", "day", "week", "month", "quarter", "year"]
DayKind = Literal["working", "calendar"]
DeadlineKind = Literal["deadline", "lookback", "minimum", "frequency", "retention"]
DeadlineRelation = Literal["within", "not_later_than", "at_least", "before", "after"]


@dataclass
class Deadline:
    """A typed time expression of a provision: "15 (он бес) жұмыс күні ішінде".

    ``value`` counts ``unit``s (0.5 for "жарты жыл"); for a ``frequency`` it is the number of
    times per ``unit`` ("тоқсанына бір рет": 1 per quarter). ``day_kind`` is "working" for
    "жұмыс күні", "calendar" for "күнтізбелік", else None (also for units other than days).

    ``kind``: ``deadline`` (someone must act within the period, or something happens once it
    has passed), ``lookback`` (a window before an event: "соңғы он екі ай"), ``minimum``
    (a period that must at least be reached: "кемінде үш жыл", "аптадан асқан"),
    ``frequency`` ("тоқсанына бір рет"), ``retention`` (kept for: "бір ай ішінде сақтауды").

    ``relation``: ``within`` (inside the period, at most: "ішінде", "аспауы тиіс", a step's
    "– 15 минут"), ``not_later_than`` ("кешіктірмей", "кеш емес"), ``at_least`` ("кемінде",
    "кем емес"), ``before`` (the period ends at the trigger: "бұрын"), ``after`` (once the
    period has passed, or more than it: "өткен соң", "асқан").

    ``actor`` is a short stable label of who must act (documented in ``extract.deadlines``),
    ``actor_phrase`` the words the sentence names them with; ``action`` the rest of the
    clause (the verb phrase); ``trigger`` the event the period runs from or to ("өтініш
    келіп түскен күннен бастап"). ``provision`` is the id of the provision it stands in.
    """

    value: int | float
    unit: TimeUnit
    day_kind: DayKind | None
    kind: DeadlineKind
    relation: DeadlineRelation
    actor: str | None
    action: str | None
    trigger: str | None
    provision: str
    evidence: Evidence
    actor_phrase: str | None = None

    def to_json(self) -> JSON:
        return {
            "value": self.value,
            "unit": self.unit,
            "day_kind": self.day_kind,
            "kind": self.kind,
            "relation": self.relation,
            "actor": self.actor,
            "action": self.action,
            "trigger": self.trigger,
            "provision": self.provision,
            "evidence": self.evidence.to_json(),
        }


OperationAction = Literal["new_wording", "insert", "delete", "repeal"]


@dataclass
class Operation:
    """One amending instruction read as a change to apply: "5-тармақ мынадай редакцияда
    жазылсын: "5. …"", "дополнить пунктом 11-1 следующего содержания: "11-1. …"".

    ``units`` name the changed units by their numbering, as provision id tails ("p-5",
    "p-2/sp-5", "p-4/part-2", "app-1"); for an insertion, the unit the new ones go into
    (empty: the document itself). ``in_document`` is true when the instruction speaks of the
    document the act approved ("… қағидаларында:", "в Правилах, утвержденных …:"), false for
    the act's own points. ``text`` is the new wording without its outer quotes (null for a
    deletion); ``source_appendix`` names the amending act's appendix that gives it instead
    ("… осы бұйрыққа 1-қосымшаға сәйкес жаңа редакцияда жазылсын").
    """

    amending_act: str
    target_act: str
    action: OperationAction
    target: str
    units: list[str]
    in_document: bool
    text: str | None
    evidence: Evidence
    text_evidence: Evidence | None = None
    source_appendix: str | None = None

    def to_json(self) -> JSON:
        return {
            "amending_act": self.amending_act,
            "target_act": self.target_act,
            "action": self.action,
            "target": self.target,
            "units": list(self.units),
            "in_document": self.in_document,
            "text": self.text,
            "source_appendix": self.source_appendix,
            "evidence": self.evidence.to_json(),
            "text_evidence": self.text_evidence.to_json() if self.text_evidence else None,
        }


@dataclass(frozen=True)
class WordingSource:
    """Which act gave a provision its wording, and from which day (``basis`` says how the
    day is known: "in_force_from", "stated", "adopted" — the last an approximation: that day
    or later)."""

    act: str
    day: str | None
    basis: str | None
    action: str

    def to_json(self) -> JSON:
        return {"act": self.act, "day": self.day, "basis": self.basis, "action": self.action}


@dataclass
class VersionProvision:
    """A provision of a consolidated version: its wording on the version's day and the act
    that gave it. ``text`` is null where the unit was deleted or repealed (``removed``) or
    where its wording on that day is not known (``unknown``)."""

    id: str
    kind: str
    label: str | None
    parent: str | None
    text: str | None
    source: WordingSource
    role: str | None = None
    removed: bool = False
    unknown: bool = False

    def to_json(self) -> JSON:
        return {"id": self.id, "kind": self.kind, "label": self.label, "parent": self.parent,
                "role": self.role, "text": self.text, "removed": self.removed,
                "unknown": self.unknown, "source": self.source.to_json()}


@dataclass
class ConsolidatedVersion:
    """The text of an act as it stood on ``day``: every provision with its source; the
    operations applied; ``complete`` false where a change could not be applied or a wording
    is not known (the ``findings`` say which)."""

    act: str
    day: str
    provisions: list[VersionProvision]
    applied: list[Operation]
    findings: list[Finding]

    @property
    def complete(self) -> bool:
        return not any(f.kind in INCOMPLETE_KINDS for f in self.findings)

    def to_json(self) -> JSON:
        return {"act": self.act, "day": self.day, "complete": self.complete,
                "provisions": [p.to_json() for p in self.provisions],
                "applied": [o.to_json() for o in self.applied],
                "findings": [f.to_json() for f in self.findings]}


# Findings that leave a consolidated version incomplete (others only inform).
INCOMPLETE_KINDS = frozenset({
    "amendment_target_missing", "amendment_unreadable", "amendment_not_applied",
    "wording_unknown", "amendment_date_unknown", "note_unread",
})
