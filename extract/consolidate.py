"""Point-in-time text: an act as it stood on a day, each provision with the act that worded it.

Two things tell how an act's text changed:

- the text as found: a database copy is a consolidated version, and its notes ("Ескерту.
  9-тармақ жаңа редакцияда – … № 223 бұйрығымен") say which act gave a provision its
  present wording and, through that act's entry into force, from which day. Before that day
  the provision's wording is not in the text: the version says so (``wording_unknown``);
  a unit a note says was added did not exist yet;
- the amending acts of the corpus: their instructions (:mod:`shezhire.extract.amendments`)
  are applied in order of entry into force, up to the day asked for.

A change that cannot be applied (its unit does not exist, its instruction cannot be read,
its day is not known) is a finding, and the version is marked incomplete; nothing is
guessed. The day a change takes effect is the one the lineage graph uses
(:func:`shezhire.extract.validity.effect_date`): the amending act's entry into force, else its
adoption, said to be an approximation ("adopted": that day or later).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from shezhire.extract.amendments import record_to_operations
from shezhire.extract.errors import UsageError
from shezhire.extract.models import (
    ConsolidatedVersion,
    Evidence,
    Finding,
    Operation,
    VersionProvision,
    WordingSource,
)
from shezhire.extract.structure import POINT_LABEL, SUBPOINT_LABEL
from shezhire.extract.validity import effect_date

JSONish = Mapping[str, Any]
_SKIPPED_ROLES = ("note", "status")


class ConsolidationError(UsageError):
    """A version that cannot be asked for (a day before the act was adopted)."""


@dataclass(frozen=True)
class _Dated:
    op: Operation
    source: WordingSource
    order: int


def consolidate(record: JSONish, records: Iterable[JSONish], day: str) -> ConsolidatedVersion:
    """The text of ``record``'s act on ``day`` (YYYY-MM-DD), from its own text and notes and
    the amending acts among ``records``."""
    adopted = record.get("adopted")
    if adopted and day < adopted:
        raise ConsolidationError(f"{record['id']} was adopted on {adopted}: no text on {day}")
    findings: list[Finding] = []
    version = _as_found(record, day, findings)
    applied: list[Operation] = []
    for dated in _operations_for(record, records, findings):
        if dated.source.day is None:
            findings.append(Finding(
                "amendment_date_unknown",
                f"{dated.op.amending_act} changes {dated.op.target}, but the day it takes "
                "effect is not known", dated.op.evidence))
            continue
        if dated.source.day > day:
            continue
        if _apply(version, dated, record, records, findings):
            applied.append(dated.op)
            if dated.source.basis == "adopted":
                findings.append(Finding(
                    "amendment_day_approximate",
                    f"{dated.op.amending_act}: its entry into force is not stated; its change "
                    f"of {dated.op.target} is dated by its adoption ({dated.source.day} or later)",
                    dated.op.evidence))
    for ref in record.get("repealed_by") or []:
        when, _ = effect_date([], ref.get("in_force_from"), ref.get("adopted"))
        if when is not None and when <= day:
            findings.append(Finding(
                "act_repealed", f"the act was repealed by {ref['id']} from {when}: this is its "
                "last text, not a text in force", None))
    return ConsolidatedVersion(str(record["id"]), day, version, applied, findings)


def version_days(record: JSONish, records: Iterable[JSONish]) -> list[str]:
    """The days the act's text changed on, as far as its notes and the corpus tell."""
    records = list(records)
    days = {d for d in [_own_source(record).day] if d}
    days |= {s.day for s in _note_sources(record).values() if s.day}
    days |= {d.source.day for d in _operations_for(record, records, []) if d.source.day}
    # An act applied from before its adoption ("2024 жылғы 1 қаңтардан бастап қолданысқа
    # енгізіледі" in a decision of 19 March 2024) has no text before it was adopted: its first
    # version is the day of adoption.
    adopted = record.get("adopted")
    if adopted:
        days = {max(day, str(adopted)) for day in days}
    return sorted(days)


@dataclass(frozen=True)
class ProvisionChange:
    """How one provision differs between two versions, and the act that changed it."""

    id: str
    change: str  # "changed", "added", "removed"; "unknown": one side's wording is not known
    before: str | None
    after: str | None
    source: WordingSource | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "change": self.change, "before": self.before,
                "after": self.after, "source": self.source.to_json() if self.source else None}


def diff_versions(old: ConsolidatedVersion, new: ConsolidatedVersion) -> list[ProvisionChange]:
    """Provision by provision, what differs between two versions (whitespace aside)."""
    before = {p.id: p for p in old.provisions}
    after = {p.id: p for p in new.provisions}
    order = [p.id for p in new.provisions] + [i for i in before if i not in after]
    out: list[ProvisionChange] = []
    for pid in order:
        a, b = before.get(pid), after.get(pid)
        if b is not None and (b.unknown or (a is not None and a.unknown)):
            if a is None or a.unknown != b.unknown or normalise(a.text) != normalise(b.text):
                out.append(ProvisionChange(pid, "unknown", a.text if a else None, b.text, b.source))
        elif a is None and b is not None and not b.removed:
            out.append(ProvisionChange(pid, "added", None, b.text, b.source))
        elif b is None or (b.removed and a is not None and not a.removed):
            out.append(ProvisionChange(pid, "removed", a.text if a else None, None,
                                       b.source if b else None))
        elif a is not None and normalise(a.text) != normalise(b.text):
            out.append(ProvisionChange(pid, "changed", a.text, b.text, b.source))
    return out


def normalise(text: str | None) -> str:
    """Whitespace collapsed: how two wordings are compared."""
    return " ".join((text or "").split())


def find_record(records: Sequence[JSONish], spec: str) -> JSONish:
    """The record ``spec`` names: an id, DATE/NUMBER, or an id's unique start."""
    exact = [r for r in records if r["id"] == spec]
    if exact:
        return exact[0]
    date, sep, number = spec.partition("/")
    if sep:
        found = [r for r in records if r.get("adopted") == date and r.get("number") == number]
    else:
        found = [r for r in records if str(r["id"]).startswith(spec)]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"{spec!r} is ambiguous: {', '.join(str(r['id']) for r in found)}")
    raise UsageError(f"no act {spec!r} in the corpus")


# -- the text as found ----------------------------------------------------------------------------


def _own_source(record: JSONish) -> WordingSource:
    day, basis = effect_date([], record.get("in_force_from"), record.get("adopted"))
    return WordingSource(str(record["id"]), day, basis, "original")


def _note_sources(record: JSONish) -> dict[str, WordingSource]:
    """Provision id → the act its notes say gave it its wording (or added or removed it)."""
    provisions = record["provisions"]
    notes = [p for p in provisions if p.get("role") == "note" and p.get("parent")]
    ids = {p["id"] for p in provisions}
    out: dict[str, WordingSource] = {}
    for change in record.get("amended_by") or []:
        start = change["evidence"]["span"][0]
        owner = next((n["parent"] for n in notes if n["span"][0] <= start < n["span"][1]), None)
        targets = change.get("target_provisions") or []
        if owner is None and len(targets) == 1 and targets[0] in ids:
            owner = targets[0]
        if owner is None:
            continue
        ref = change["act"]
        day, basis = effect_date([], ref.get("in_force_from"), ref.get("adopted"))
        out[owner] = WordingSource(str(ref["id"]), day, basis, change["action"])
    return out


def _as_found(record: JSONish, day: str, findings: list[Finding]) -> list[VersionProvision]:
    own = _own_source(record)
    told = _note_sources(record)
    parents = {p["id"]: p.get("parent") for p in record["provisions"]}
    out: list[VersionProvision] = []
    for p in record["provisions"]:
        if p.get("role") in _SKIPPED_ROLES:
            continue
        source = _told_source(p["id"], told, parents) or own
        prov = VersionProvision(p["id"], p["kind"], p.get("label"), p.get("parent"), p["text"],
                                source, role=p.get("role"))
        if source is not own:
            if source.day is None:
                prov.text, prov.unknown = None, True
                findings.append(Finding(
                    "amendment_date_unknown",
                    f"{p['id']}: worded by {source.act}, whose day of entry into force is not "
                    "known", _note_evidence(record, p["id"])))
            elif day < source.day:
                if source.action == "supplemented":
                    continue  # added by a later act: not there yet
                prov.text, prov.unknown = None, True
                findings.append(Finding(
                    "wording_unknown",
                    f"{p['id']}: its wording before {source.day} (when {source.act} changed it) "
                    "is not in the corpus", _note_evidence(record, p["id"])))
            elif source.action in ("deleted", "repealed"):
                prov.removed = True
            if source.day is not None and source.basis == "adopted" and day >= source.day:
                findings.append(Finding(
                    "amendment_day_approximate",
                    f"{p['id']}: worded by {source.act}, dated by its adoption ({source.day} "
                    "or later: its entry into force is not stated as a day)",
                    _note_evidence(record, p["id"])))
        out.append(prov)
    for note in _unread_notes(record):
        findings.append(Finding(
            "note_unread",
            f"{note['parent']}: a note of the database speaks of a change, but it could not be "
            "read; the wording on this day may differ",
            Evidence(record["text"][note["span"][0]:note["span"][1]], *note["span"])))
    return out


def _unread_notes(record: JSONish) -> list[JSONish]:
    """Notes on a provision that no ``amended_by`` entry was read from."""
    starts = [c["evidence"]["span"][0] for c in record.get("amended_by") or []]
    return [n for n in record["provisions"]
            if n.get("role") == "note" and n.get("parent")
            and not any(n["span"][0] <= s < n["span"][1] for s in starts)]


def _told_source(pid: str, told: Mapping[str, WordingSource],
                 parents: Mapping[str, str | None]) -> WordingSource | None:
    """A provision's own note, else its parent's (a new point brings its subpoints, a new
    chapter its points)."""
    seen: set[str] = set()
    current: str | None = pid
    while current is not None and current not in seen:
        if current in told:
            return told[current]
        seen.add(current)
        current = parents.get(current)
    return None


def _note_evidence(record: JSONish, pid: str) -> Evidence | None:
    text = record["text"]
    for p in record["provisions"]:
        if p.get("role") == "note" and p.get("parent") == pid:
            start, end = p["span"]
            return Evidence(text[start:end], start, end)
    return None


# -- amending acts of the corpus -------------------------------------------------------------------


def _same_act(a: str, b: str) -> bool:
    """Ids name one act when their date, type and number agree (issuers are spelt variously)."""
    return a == b or a.split("_")[:3] == b.split("_")[:3]


def _operations_for(record: JSONish, records: Iterable[JSONish],
                    findings: list[Finding]) -> list[_Dated]:
    rid = str(record["id"])
    out: list[_Dated] = []
    order = 0
    for other in records:
        if other["id"] == rid or not any(_same_act(str(a["act"]["id"]), rid)
                                         for a in other.get("amends") or []):
            continue
        ops, problems = record_to_operations(other)
        findings += problems
        day, basis = effect_date([], other.get("in_force_from"), other.get("adopted"))
        for op in ops:
            if _same_act(op.target_act, rid):
                out.append(_Dated(op, WordingSource(op.amending_act, day, basis, op.action), order))
                order += 1
    return sorted(out, key=lambda d: (d.source.day or "9999", d.op.amending_act, d.order))


# -- applying one operation ------------------------------------------------------------------------


def _apply(version: list[VersionProvision], dated: _Dated, record: JSONish,
           records: Iterable[JSONish], findings: list[Finding]) -> bool:
    op = dated.op
    if op.action == "insert":
        return _insert(version, dated, findings)
    blocks = _blocks(op.text) if op.text is not None else []
    ok = True
    for unit in op.units:
        head, _, part = unit.partition("/part-")
        head, heading, _ = head.partition("/heading")
        target = _find(version, head, op, findings)
        if target is None:
            ok = False
            continue
        if target.source.act == op.amending_act:
            continue  # the text as found already has this act's wording
        if op.action in ("delete", "repeal"):
            for p in _subtree(version, target):
                p.text, p.removed, p.source = None, True, dated.source
        elif heading:
            target.text, target.source = op.text, dated.source  # a chapter's line is its heading
        elif part:
            ok = _replace_part(version, target, int(part), op, dated.source, findings) and ok
        elif op.source_appendix is not None:
            ok = _replace_appendix(version, target, op, dated.source, records, findings) and ok
        else:
            label = head.rsplit("-", 1)[-1] if "/" not in head else head.rsplit("/sp-", 1)[-1]
            block = _block_for(blocks, target.kind, label)
            if block is None:
                findings.append(Finding(
                    "amendment_unreadable",
                    f"the wording {op.amending_act} gives does not contain {unit}",
                    op.text_evidence or op.evidence))
                ok = False
                continue
            _replace(version, target, block, dated.source)
    return ok


def _find(version: list[VersionProvision], tail: str, op: Operation,
          findings: list[Finding]) -> VersionProvision | None:
    found = [p for p in version if not p.removed and (p.id == tail or p.id.endswith("/" + tail))]
    scoped = [p for p in found if (p.id != tail) == op.in_document]
    if len(scoped) == 1:
        return scoped[0]
    kind = "amendment_target_missing" if not scoped else "amendment_not_applied"
    what = "does not exist" if not scoped else "is ambiguous: " + ", ".join(p.id for p in scoped)
    findings.append(Finding(kind, f"{op.amending_act} changes {tail} ({op.target}), which {what}",
                            op.evidence))
    return None


def _subtree(version: list[VersionProvision], top: VersionProvision) -> list[VersionProvision]:
    return [p for p in version if p.id == top.id or p.id.startswith(top.id + "/")]


@dataclass
class _Block:
    kind: str
    label: str | None
    lines: list[str]
    children: list[_Block]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _blocks(wording: str) -> list[_Block]:
    """A quoted wording as units: points with their subpoints, lone subpoints, paragraphs."""
    out: list[_Block] = []
    for line in wording.split("\n"):
        p, s = POINT_LABEL.match(line), SUBPOINT_LABEL.match(line)
        if p:
            out.append(_Block("point", p.group(1), [line], []))
        elif s and out and out[-1].kind == "point":
            out[-1].children.append(_Block("subpoint", s.group(1), [line], []))
        elif s:
            out.append(_Block("subpoint", s.group(1), [line], []))
        elif out:
            last = out[-1].children[-1] if out[-1].children else out[-1]
            last.lines.append(line)
        else:
            out.append(_Block("paragraph", None, [line], []))
    return out


def _block_for(blocks: list[_Block], kind: str, label: str) -> _Block | None:
    return next((b for b in blocks if b.kind == kind and b.label == label), None)


def _replace(version: list[VersionProvision], target: VersionProvision, block: _Block,
             source: WordingSource) -> None:
    at = version.index(target)
    for p in _subtree(version, target):
        version.remove(p)
    new = [VersionProvision(target.id, target.kind, target.label, target.parent, block.text,
                            source, role=target.role)]
    new += [VersionProvision(f"{target.id}/sp-{c.label}", "subpoint", c.label, target.id,
                             c.text, source) for c in block.children]
    version[at:at] = new


def _replace_part(version: list[VersionProvision], target: VersionProvision, part: int,
                  op: Operation, source: WordingSource, findings: list[Finding]) -> bool:
    """Part N of a point: its N-th paragraph (for a point without subpoints only)."""
    parts = [int(u.partition("/part-")[2]) for u in op.units if "/part-" in u]
    if part != min(parts):
        return True  # the first part's call replaces them all
    children = [p for p in _subtree(version, target) if p is not target]
    wording = op.text or ""
    if children or any(SUBPOINT_LABEL.match(x) for x in wording.split("\n")):
        findings.append(Finding(
            "amendment_not_applied",
            f"{op.amending_act} rewords parts {', '.join(map(str, parts))} of {target.id}: "
            "parts around subpoints are not applied", op.evidence))
        return False
    paragraphs = (target.text or "").split("\n")
    if max(parts) > len(paragraphs):
        findings.append(Finding(
            "amendment_target_missing",
            f"{op.amending_act} rewords part {max(parts)} of {target.id}, which has "
            f"{len(paragraphs)}", op.evidence))
        return False
    paragraphs[min(parts) - 1: max(parts)] = wording.split("\n")
    target.text, target.source = "\n".join(paragraphs), source
    return True


def _replace_appendix(version: list[VersionProvision], target: VersionProvision, op: Operation,
                      source: WordingSource, records: Iterable[JSONish],
                      findings: list[Finding]) -> bool:
    amending = next((r for r in records if r["id"] == op.amending_act), None)
    apps = [p for p in (amending or {}).get("provisions", [])
            if p["kind"] == "appendix" and p.get("label") == op.source_appendix]
    if len(apps) != 1 or amending is None:
        findings.append(Finding(
            "amendment_unreadable",
            f"{op.amending_act} words {target.id} as its appendix {op.source_appendix}, which "
            f"{'is not found' if not apps else 'is ambiguous'} in its text", op.evidence))
        return False
    app = apps[0]
    inside = [p for p in amending["provisions"]
              if p["id"] == app["id"] or str(p["id"]).startswith(app["id"] + "/")]
    at = version.index(target)
    for p in _subtree(version, target):
        version.remove(p)

    def moved(pid: str | None) -> str | None:
        return None if pid is None else target.id + pid[len(app["id"]):]

    version[at:at] = [
        VersionProvision(str(moved(p["id"])), p["kind"], p.get("label"),
                         moved(p.get("parent")) if p["id"] != app["id"] else target.parent,
                         p["text"], source, role=p.get("role"))
        for p in inside if p.get("role") not in _SKIPPED_ROLES]
    return True


def _label_key(label: str | None) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", label or ""))


def _insert(version: list[VersionProvision], dated: _Dated, findings: list[Finding]) -> bool:
    """New units go after the unit numbered just before them ("11-1" after "11")."""
    op = dated.op
    container = None
    if op.units and op.units[0].startswith("p-"):
        container = _find(version, op.units[0], op, findings)
        if container is None:
            return False
    ok = True
    for block in _blocks(op.text or ""):
        if block.kind == "paragraph":
            findings.append(Finding(
                "amendment_not_applied",
                f"{op.amending_act} adds an unnumbered part ({op.target}): not applied",
                op.evidence))
            ok = False
            continue
        if container is not None:
            siblings = [p for p in version if p.parent == container.id and p.kind == block.kind
                        and not p.removed]
        else:
            siblings = [p for p in version if p.kind == block.kind and not p.removed
                        and ("/" in p.id) == op.in_document]
        before = [p for p in siblings if _label_key(p.label) < _label_key(block.label)]
        if not before:
            findings.append(Finding(
                "amendment_target_missing",
                f"{op.amending_act} adds {block.kind} {block.label}: no unit numbered before it",
                op.evidence))
            ok = False
            continue
        after = max(before, key=lambda p: _label_key(p.label))
        short = "p" if block.kind == "point" else "sp"
        prefix = after.id.rsplit("/", 1)[0] + "/" if "/" in after.id else ""
        new_id = f"{prefix}{short}-{block.label}"
        existing = next((p for p in version if p.id == new_id), None)
        if existing is not None:
            if existing.source.act != op.amending_act:
                findings.append(Finding(
                    "amendment_not_applied",
                    f"{op.amending_act} adds {new_id}, which exists already", op.evidence))
                ok = False
            continue
        at = version.index(_subtree(version, after)[-1]) + 1
        new = [VersionProvision(new_id, block.kind, block.label, after.parent, block.text,
                                dated.source)]
        new += [VersionProvision(f"{new_id}/sp-{c.label}", "subpoint", c.label, new_id, c.text,
                                 dated.source) for c in block.children]
        version[at:at] = new
    return ok
