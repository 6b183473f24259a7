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

import hashlib
import re
from collections.abc import Iterable

from shezhire.extract.citations import Citation, citation_id, find_citations
from shezhire.extract.identity import act_id, issuer_to_nominative
from shezhire.extract.kazakh.matchers import find_act_type_words
from shezhire.extract.models import ActRef, AmendAction, Amendment, Evidence, Provision

_NOTE_CLAUSE = re.compile(
    r"(?P<target>[^;–]*?)\s*(?P<action>жаңа\s+редакцияда|өзгеріс(?:тер)?\s+енгізілді|"
    r"толықтырылды|алып\s+тасталды|күші\s+жойылды|ауыстырылды)\s*[–-]\s*(?P<cite>[^;]+)",
    re.IGNORECASE,
)
_NOTE_ACTIONS: dict[str, AmendAction] = {
    "жаңа": "new_wording", "өзгеріс": "amended", "толықтырылды": "supplemented",
    "алып": "deleted", "күші": "repealed", "ауыстырылды": "amended",
}
# A point whose whole text the database replaced by a note of its deletion:
# "4. Алып тасталды – … шешімімен." / "2) күші жойылды – … қаулысымен."
_IN_PLACE = re.compile(r"^(?:\d+(?:-\d+)*(?:-бап\.|[.)])\s*)?(?P<action>алып\s+тасталды|күші\s+жойылды)\s*[–-]\s*",
                       re.IGNORECASE)
# Structural words whose case a target's head word takes: stem, bare and possessed forms.
_PART_WORDS = (
    (r"тармақша\w*", "тармақша", "тармақшасы"), (r"тарма[қғ]\w*", "тармақ", "тармағы"),
    (r"ба[пб]\w*", "бап", "бабы"), (r"тарау\w*", "тарау", "тарауы"),
    (r"қосымша\w*", "қосымша", "қосымшасы"), (r"бөлім\w*", "бөлім", "бөлімі"),
    (r"бөлі[кг]\w*", "бөлік", "бөлігі"), (r"абзац\w*", "абзац", "абзацы"),
    (r"параграф\w*", "параграф", "параграфы"),
)
# "... күшін жойған деп есептелсін" / "... күші жойылды деп есептелсін": older texts' form.
_REPEALS_ACT = re.compile(r"күші\s+жойылсын|күші\s+жойылды\s+деп\s+(?:танылсын|есептелсін)|"
                          r"жойылды\s+деп\s+(?:танылсын|есептелсін)|күшін\s+жойған\s+деп\s+"
                          r"(?:танылсын|есептелсін)", re.IGNORECASE)
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


def in_place_notes_to_amendments(text: str, provisions: Iterable[Provision]) -> list[Amendment]:
    """Points and subpoints whose text is only the note of their deletion or repeal."""
    out: list[Amendment] = []
    by_id = {p.id: p for p in provisions}
    for prov in by_id.values():
        if not (prov.kind in ("point", "subpoint") or prov.role == "article") or not prov.label:
            continue
        m = _IN_PLACE.match(prov.text)
        if not m:
            continue
        cites = find_citations(text, prov.start + m.end(), prov.end)
        if not cites:
            continue
        if prov.role == "article":
            target = f"{prov.label}-бап"
        elif prov.kind == "point":
            target = f"{prov.label}-тармақ"
        else:
            parent = by_id.get(prov.parent or "")
            target = f"{prov.label}) тармақша"
            if parent is not None and parent.kind == "point" and parent.label:
                target = f"{parent.label}-тармақтың {prov.label}) тармақшасы"
        action: AmendAction = "deleted" if "алып" in m.group("action").lower() else "repealed"
        ref = cites[0].to_ref(text)
        out.append(Amendment(
            act=ref, target=target, action=action,
            evidence=Evidence(text[prov.start:cites[0].end], prov.start, cites[0].end),
            in_force_rule=ref.in_force_rule, target_provisions=[prov.id],
        ))
    return out


def unreadable_repeal(text: str, header: Provision) -> ActRef | None:
    """The header says the act was repealed, but the repealing act cannot be read.

    The entry keeps what can be read (issuer, type) and nulls for the rest, so a lawyer sees
    that a repeal is stated; the caller reports it as a finding.
    """
    m = re.search(r"Күші\s+жойылды\s*[–-]\s*(?P<cite>[^.]+)", header.text)
    if not m:
        return None
    start, end = header.start + m.start("cite"), header.start + m.end("cite")
    phrase = text[start:end]
    words = [w for w in find_act_type_words(phrase)]
    act_type = words[-1].act_type if words else None
    issuer_m = re.match(r"(?P<issuer>[^\d№]+?)\s*(?=\d|№|$)", phrase)
    issuer = issuer_to_nominative(issuer_m.group("issuer")) if issuer_m and issuer_m.group("issuer").strip() else None
    digest = hashlib.sha1(phrase.encode("utf-8")).hexdigest()[:8]
    return ActRef(
        id=f"{act_id(act_type, issuer, None, None)}_unreadable-{digest}",
        act_type=act_type, issuer=issuer, adopted=None, number=None, registration_number=None,
        evidence=Evidence(phrase, start, end),
    )


def _tidy_target(target: str) -> str:
    target = re.sub(r"^(?:Ескерту|Примечание)\.\s*", "", target.strip())
    return target_to_nominative(target.strip(" .,"))


def target_to_nominative(target: str) -> str:
    """The changed part named in the nominative: "1-бапқа" → "1-бап",
    "3-тармақтың 2) тармақшасының" → "3-тармақтың 2) тармақшасы".

    Only the head (last) word changes; it keeps its possessive ending when a genitive
    stands before it. Plurals ("9 және 10-тармақтар") are already nominative.
    """
    words = target.split(" ")
    if not words:
        return target
    head = words[-1]
    prefix, _, word = head.rpartition("-") if re.match(r"\d", head) else ("", "", head)
    for pattern, bare, possessed in _PART_WORDS:
        if re.fullmatch(pattern, word, re.IGNORECASE) and not re.search(r"(?:тар|лар|дар)", word[len(bare) - 1:]):
            genitive_before = any(re.search(r"(?:ның|нің|тың|тің|дың|дің)$", w) for w in words[:-1])
            form = possessed if genitive_before else bare
            words[-1] = f"{prefix}-{form}" if prefix else form
            break
    return " ".join(words)


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


def points_to_repeals(text: str, points: Iterable[Provision],
                      provisions: list[Provision]) -> list[ActRef]:
    """Acts that operative points declare repealed, with their registration numbers.

    A point may repeal "the acts of the attached list" ("қоса беріліп отырған тізбеге
    сәйкес … күші жойылды деп танылсын"): the acts are then read from that appendix.
    """
    found: dict[str, ActRef] = {}
    for point in points:
        if not _REPEALS_ACT.search(point.text):
            continue
        cites = [c for c in find_citations(text, point.start, point.end) if c.adopted or c.number]
        if not cites and re.search(r"тізбе|қосымша", point.text):
            cites = [c for span in _repeal_lists(provisions)
                     for c in find_citations(text, span[0], span[1]) if c.adopted or c.number]
        for c in cites:
            _merge(found, c.to_ref(text))
    return list(found.values())


def _repeal_lists(provisions: list[Provision]) -> list[tuple[int, int]]:
    """Spans of appendices (with their contents) that list acts losing force."""
    spans = []
    for app in provisions:
        if app.kind != "appendix":
            continue
        inside = [p for p in provisions if p.id == app.id or p.id.startswith(app.id + "/")
                  or (p.parent is None and p.start > app.start and p.role is None)]
        if any("күші жойыл" in p.text for p in inside[:3]):
            spans.append((app.start, max(p.end for p in inside)))
    return spans


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
            target = target_to_nominative(re.sub(r"\s+осы\s+\S+\s+.*сәйкес$", "", target))
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
    return citation_id(c) in exclude
