"""Domain types of an act record.

Every type here mirrors a part of the public JSON contract (``shared/ACT_RECORD.md``,
published as ``extract/schema/act_record.schema.json``). Field names are public: the
``to_json`` methods write exactly the contract's names, plus the documented additions.

Every extracted fact carries an :class:`Evidence`: the exact characters of the record's
cleaned text it was read from, so a lawyer can check any fact against the quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0.0"

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
