"""Relations: which acts repealed or amended this one, and which it repeals, amends or cites.

Read from four places the database always uses:
- the header's repeal sentence ("Күші жойылды – X-тың … № 24 қаулысымен") and the notes
  ("Ескерту. 9-тармақ жаңа редакцияда – … бұйрығымен") give ``repealed_by``/``amended_by``;
- operative points that say "… күші жойылсын" / "… күші жойылды деп танылсын" give ``repeals``;
- amending instructions ("… бұйрығына мынадай өзгерістер енгізілсін: 5-тармақ мынадай
  редакцияда жазылсын") give ``amends``, one entry per changed part;
- the preamble's legal basis and the other acts cited give ``references``.
One act named twice for the same fact is one entry that keeps both evidences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.citations import Citation, find_citations
from extract.models import ActRef, AmendAction, Amendment, Evidence, Provision

_NOTE_CLAUSE = re.compile(
    r"(?P<target>[^;–]*?)\s*(?P<action>жаңа\s+редакцияда|өзгеріс(?:тер)?\s+енгізілді|"
    r"толықтырылды|алып\s+тасталды|күші\s+жойылды)\s*[–-]\s*(?P<cite>[^;]+)",
    re.IGNORECASE,
)
_NOTE_ACTIONS: dict[str, AmendAction] = {
    "жаңа": "new_wording", "өзгеріс": "amended", "толықтырылды": "supplemented",
    "алып": "deleted", "күші": "repealed",
}
_REPEALS_ACT = re.compile(r"күші\s+жойылсын|күші\s+жойылды\s+деп\s+танылсын|жойылды\s+деп\s+танылсын")
_AMENDS_ACT = re.compile(r"(?:өзгеріс(?:тер)?|толықтыру(?:лар)?)(?:\s+(?:мен|және)\s+\S+)?\s+енгізілсін")
_INSTRUCTION = re.compile(
    r"^(?P<target>.+?)\s+(?P<action>мынадай\s+редакцияда\s+жазылсын|жаңа\s+редакцияда\s+жазылсын|"
    r"алып\s+тасталсын|(?:мынадай\s+)?(?:мазмұндағы\s+)?\S*\s*толықтырылсын|"
    r"күші\s+жойылды\s+деп\s+танылсын)",
)
_INSTRUCTION_ACTIONS: tuple[tuple[str, AmendAction], ...] = (
    ("редакцияда", "new_wording"), ("алып", "deleted"), ("толықтырылсын", "supplemented"),
    ("жойылды", "repealed"),
)


def notes_to_relations(text: str, notes: Iterable[Provision], header: Provision | None
                       ) -> tuple[list[ActRef], list[Amendment]]:
    """``repealed_by`` and ``amended_by`` from the header's sentence and the database notes."""
    repealed: dict[str, ActRef] = {}
    amended: list[Amendment] = []
    if header is not None:
        at = header.text.find("Күші жойылды")
        if at >= 0:
            for c in find_citations(text, header.start + at, header.end):
                _merge(repealed, c.to_ref(text))
    for note in notes:
        body = note.text
        for m in _NOTE_CLAUSE.finditer(body):
            start = note.start + m.start("cite")
            cites = find_citations(text, start, note.start + m.end("cite"))
            if not cites:
                continue
            ref = cites[0].to_ref(text)
            target = _tidy_target(m.group("target"))
            first = m.group("action").lower().split()[0]
            action = next(a for stem, a in _NOTE_ACTIONS.items() if first.startswith(stem))
            if action == "repealed" and not target:
                _merge(repealed, ref)
                continue
            span_start = note.start + (m.start("target") if target else m.start("action"))
            span_end = cites[0].end
            amended.append(Amendment(
                act=ref, target=target or None, action=action,
                evidence=Evidence(text[span_start:span_end], span_start, span_end),
                in_force_rule=ref.in_force_rule,
            ))
    return list(repealed.values()), amended


def _tidy_target(target: str) -> str:
    target = re.sub(r"^(?:Ескерту|Примечание)\.\s*", "", target.strip())
    return target.strip(" .,")


def _merge(found: dict[str, ActRef], ref: ActRef) -> None:
    """One entry per act: a second place naming it adds its evidence and what it knows."""
    known = found.get(ref.id)
    if known is None:
        found[ref.id] = ref
        return
    known.more_evidence.append(ref.evidence)
    for attr in ("registration_number", "title", "in_force_from", "in_force_rule"):
        if getattr(known, attr) is None and getattr(ref, attr) is not None:
            setattr(known, attr, getattr(ref, attr))


def points_to_repeals(text: str, points: Iterable[Provision]) -> list[ActRef]:
    """Acts that operative points declare repealed, with their registration numbers."""
    found: dict[str, ActRef] = {}
    for point in points:
        if _REPEALS_ACT.search(point.text):
            for c in find_citations(text, point.start, point.end):
                _merge(found, c.to_ref(text))
    return list(found.values())


def points_to_amendments(text: str, points: Iterable[Provision]) -> list[Amendment]:
    """One Amendment per part an amending instruction changes."""
    out: list[Amendment] = []
    for point in points:
        head_end = point.text.find("\n")
        head = point.text if head_end < 0 else point.text[:head_end]
        if not _AMENDS_ACT.search(head):
            continue
        cites = [c for c in find_citations(text, point.start, point.start + len(head))
                 if c.adopted or c.number]
        if not cites:
            continue
        ref = cites[0].to_ref(text)
        offset = point.start
        quoting = False
        for line in point.text.split("\n"):
            line_start = offset
            offset += len(line) + 1
            if quoting:
                quoting = not re.search(r'"\s*[;.]?\s*$', line)
                continue
            if line.startswith('"'):
                quoting = not re.search(r'"\s*[;.]?\s*$', line)
                continue
            m = _INSTRUCTION.match(line)
            if not m or line is head:
                continue
            action = next(a for word, a in _INSTRUCTION_ACTIONS if word in m.group("action"))
            target = re.sub(r"^көрсетілген\s+\S+\s+", "", m.group("target")).strip()
            # "1-қосымша осы бұйрыққа 1-қосымшаға сәйкес": the part is "1-қосымша".
            target = re.sub(r"\s+осы\s+\S+\s+.*сәйкес$", "", target)
            out.append(Amendment(
                act=ref, target=target, action=action,
                evidence=Evidence(line[: m.end()], line_start, line_start + m.end()),
            ))
            quoting = line.rstrip().endswith(":")
    return out


def citations_to_references(text: str, provisions: Iterable[Provision],
                            exclude: set[str]) -> list[ActRef]:
    """Other acts the text cites (legal basis first), each once."""
    found: dict[str, ActRef] = {}
    for prov in provisions:
        if prov.role in ("header", "note", "stamp", "title", "status"):
            continue
        for c in find_citations(text, prov.start, prov.end):
            if not _is_self_or_known(c, exclude):
                _merge(found, c.to_ref(text))
    return list(found.values())


def _is_self_or_known(c: Citation, exclude: set[str]) -> bool:
    return c.to_ref("").id in exclude
