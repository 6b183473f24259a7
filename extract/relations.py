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
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import get_args

from shezhire.extract.citations import Citation, citation_id, find_citations, record_act_type
from shezhire.extract.first_chars import lacks_factors
from shezhire.extract.identity import act_id, issuer_to_nominative
from shezhire.extract.kazakh.matchers import find_act_type_words
from shezhire.extract.lexicon import (
    LexiconError,
    from_lexicon,
    lexicon,
    lexicons,
    phrases_regex,
    words_regex,
)
from shezhire.extract.models import ActRef, AmendAction, Amendment, Evidence, Provision


@dataclass(frozen=True)
class _Actions:
    """Phrases that name a change, and the change each names."""

    regex: str
    table: tuple[tuple[re.Pattern[str], AmendAction], ...]

    def action(self, phrase: str) -> AmendAction:
        return next(action for pattern, action in self.table if pattern.fullmatch(phrase))


def _actions(phrases: Mapping[str, tuple[str, ...]], *, flags: int = 0) -> _Actions:
    table: list[tuple[re.Pattern[str], AmendAction]] = []
    for key, listed in phrases.items():
        action = next((a for a in get_args(AmendAction) if a == key), None)
        if action is None:
            raise LexiconError(f"change {key!r} of the lexicon is not one of the record's: "
                               f"{', '.join(get_args(AmendAction))}")
        table.append((re.compile(phrases_regex(listed), flags), action))
    return _Actions("(?:" + "|".join(p.pattern for p, _ in table) + ")", tuple(table))


@from_lexicon
def _changes() -> tuple[_Actions, _Actions, _Actions]:
    """The changes a note names, those a point's whole text can be (deleted, repealed), and
    those an amending instruction names."""
    lx = lexicon("kk")
    notes = lx.labels("note_actions")
    return (_actions(notes, flags=re.IGNORECASE),
            _actions({k: v for k, v in notes.items() if k in ("deleted", "repealed")},
                     flags=re.IGNORECASE),
            _actions(lx.labels("amendments.instructions")))


@from_lexicon
def _part_words() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Structural words whose case a target's head word takes: stem, bare and possessed
    forms, the longer first ("тармақша" before "тармақ")."""
    parts = sorted(lexicon("kk").part_words, key=lambda n: -len(n.stem))
    return tuple((re.compile(n.stems_regex() + r"\w*", re.IGNORECASE), n.stem, n.nominative)
                 for n in parts)


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The phrases of notes and amending instructions, from the lexicon."""
    lx = lexicon("kk")
    notes, in_place, instructions = _changes()
    whole_repeal = phrases_regex(p[:1].upper() + p[1:] for p in lx.words("note_actions.repealed"))
    openers = [o.rstrip(".:") for x in lexicons() for o in x.words("structure.note_openers")]
    endings = lx.endings
    article = re.escape(lx.part_word("article").stem)
    acts = "|".join(re.escape(s[:1].upper() + s[1:]) for n in lx.act_types for s in n.stems)
    notes_repealed = phrases_regex(lx.words("note_actions.repealed"))
    acts_lower = "|".join(re.escape(s) for n in lx.act_types for s in n.stems)
    return {
        # The acts may be a list, ";" between them, whose plural type word ends it
        # ("... 24.12.2021 № 110 (...); 24.06.2026 № 331 (...) шешімдерімен").
        "note_clause": re.compile(rf"(?P<target>[^;–]*?)\s*(?P<action>{notes.regex})\s*[–-]\s*"
                                  r"(?P<cite>[^;]+(?:;\s*\d{2}\.\d{2}\.\d{4}[^;]*)*)", re.IGNORECASE),
        # A point whose whole text the database replaced by a note of its deletion:
        # "4. Алып тасталды – … шешімімен." / "2) күші жойылды – … қаулысымен."
        "in_place": re.compile(rf"^(?:\d+(?:-\d+)*(?:-{article}\.|[.)])\s*)?"
                               rf"(?P<action>{in_place.regex})\s*[–-]\s*", re.IGNORECASE),
        # "Қаулының күші жойылды": the act's own type word before the note is the whole act.
        "header_repeal": re.compile(rf"{whole_repeal}|(?<!\S)(?:{acts})\w*\s+(?:{notes_repealed})"),
        "whole_act": re.compile(rf"(?:{lx.pattern('in_force.this')}\s+)?(?:{acts})\w*",
                                re.IGNORECASE),
        "header_repeal_cite": re.compile(rf"{whole_repeal}\s*[–-]\s*(?P<cite>[^.]+)"),
        "note_opener": re.compile(rf"^{words_regex(openers)}[.:]\s*"),
        "plural": re.compile(words_regex(endings("plural"))),
        "genitive": re.compile(words_regex(endings("genitive")) + "$"),
        # Older texts: "... күшін жойған деп есептелсін", capitalised at a point's start.
        "repeals_act": re.compile(lx.pattern("amendments.repeal_act"), re.IGNORECASE),
        # "... № 345/48-V шешімінің 4-тармағы": a listed act's part, not the whole act.
        "part_after": re.compile(rf"\s*(?:\([^()]*\)\s*)?(?:{acts_lower})\w*\s+(?:(?:№|N)\s*)?\d+(?:-\d+)*\)?\s*-?\s*"
                                 rf"{words_regex(f for w in lx.part_words if w.key not in ('chapter', 'section') for f in (w.stem, *w.forms))}",
                                 re.IGNORECASE),
        # "... № 846 қаулысымен бекітілген ... толықтырулардың 4-тармағы": the act named in
        # the instrumental approved what is repealed; it is not itself repealed.
        "approved_by": re.compile(rf"(?:{acts_lower})\w*?{words_regex(endings('instrumental'))}\s+"
                                  rf"(?:{lx.pattern('structure.stamp_words')})",
                                  re.IGNORECASE),
        # "... № 208 шешімімен бекітілген ... Ережедегі 8.1-тармақтың ... күші жойылсын": a
        # numbered part of the document the act approved.
        "approved_part": re.compile(
            rf"\d+(?:\.\d+)*\s*-\s*{words_regex(f for w in lx.part_words if w.key not in ('chapter', 'section') for f in (w.stem, *w.forms))}\w*",
            re.IGNORECASE),
        "changes_document": re.compile(lx.pattern("amendments.changes_document"), re.IGNORECASE),
        "repeals_list": re.compile(words_regex([lx.document_kind("list").stem,
                                                lx.part_word("appendix").stem])),
        # A list's heading may start with it: "Күші жойылды деп танылған ... тізімі".
        "repeal_mark": re.compile(lx.pattern("amendments.repeal_mark"), re.IGNORECASE),
        "amends_act": re.compile(lx.pattern("amendments.amend_act")),
        # "... № 607 қаулысында:": the changes to the act named in the locative follow, one a
        # line ("... алып тасталсын", "... толықтырылсын"). Where it was published may stand
        # between ("... № 405 қаулысында (Қазақстан Республикасының ПҮАЖ-ы, 1999 ж., ...):").
        "amends_in": re.compile(rf"(?<!\S)(?:{acts_lower})\w*?"
                                rf"{words_regex(endings('locative', possessed=True))}"
                                r"(?:\s*\([^()]*\))?\s*:\s*$",
                                re.IGNORECASE),
        "instruction": re.compile(rf"^(?P<target>.+?)\s+(?P<action>{instructions.regex})"),
        "said": re.compile(rf"^{lx.pattern('amendments.said')}\s+\S+\s+"),
        "according_to": re.compile(rf"\s+{lx.pattern('amendments.this')}\s+\S+\s+.*"
                                   rf"{lx.pattern('amendments.according_to')}$"),
    }


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


_CLAUSE_STOP = re.compile("[;–]", re.IGNORECASE)  # what the clause's target cannot hold


@from_lexicon
def _note_action() -> re.Pattern[str] | None:
    """The note clause's action alone, to skip the stretches of a note without one; None
    where an action phrase could hold a ";" or "–" (phrases of words and spaces cannot)."""
    regex = _changes()[0].regex
    plain = re.fullmatch(r"[\w\s()?:|+]*", regex.replace("\\s", " ")) is not None
    return re.compile(regex, re.IGNORECASE) if plain else None


def _note_clauses(body: str) -> Iterator[re.Match[str]]:
    """``note_clause.finditer(body)`` without its quadratic cost on a long note.

    A clause's target runs lazily to its action and holds no ";" or "–": a clause that
    starts at a place of a stretch between two such marks has its action in that stretch,
    after the place, and the rest of the clause does not depend on where the target began.
    So a clause starts at the first place tried in a stretch or nowhere in it: a stretch
    with no action word is skipped whole, where ``finditer`` tried the pattern from each of
    its characters (and from each, read on to the stretch's end).
    """
    pattern, action = _words()["note_clause"], _note_action()
    if action is None:
        yield from pattern.finditer(body)
        return
    pos = 0
    while pos <= len(body):
        stop = _CLAUSE_STOP.search(body, pos)
        end = stop.start() if stop is not None else len(body)
        m = pattern.match(body, pos) if action.search(body, pos, end) is not None else None
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos = end + 1


def notes_to_relations(text: str, notes: Iterable[Provision], header: Provision | None
                       ) -> tuple[list[ActRef], list[Amendment]]:
    """``repealed_by`` and ``amended_by`` from the header's sentence and the database notes."""
    repealed: dict[str, ActRef] = {}
    amended: list[Amendment] = []
    words = _words()
    if header is not None:
        found = words["header_repeal"].search(header.text)
        if found:
            for c in find_citations(text, header.start + found.start(), header.end):
                _merge(repealed, c.to_ref(text))
    for note in notes:
        body = note.text
        for m in _note_clauses(body):
            start = note.start + m.start("cite")
            cites = find_citations(text, start, note.start + m.end("cite"))
            if not cites and m.end("cite") == len(body.rstrip()):
                # "Ескерту. 2-қосымша жаңа редакцияда – Қазақстан / Республикасы Үкіметінің
                # 2008.08.28 № 784 (...) Қаулысымен.": a copy broke the note's sentence, and
                # its act stands in the paragraph after it.
                more = _SENTENCE_END.search(text, note.end, min(len(text), note.end + 400))
                if more is not None:
                    cites = find_citations(text, start, more.end())
            if not cites:
                continue
            target = _tidy_target(m.group("target"))
            action = _changes()[0].action(m.group("action"))
            # The first act named, and those listed with it before one plural type word.
            for cite in (c for c in cites if c.type_start == cites[0].type_start):
                ref = cite.to_ref(text)
                if action == "repealed" and (not target or words["whole_act"].fullmatch(target)):
                    _merge(repealed, ref)
                    continue
                span_start = note.start + (m.start("target") if target else m.start("action"))
                span_end = cite.end
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
    words = _words()
    point, subpoint = lexicon("kk").part_word("point"), lexicon("kk").part_word("subpoint")
    article = lexicon("kk").part_word("article")
    morphology = lexicon("kk").morphology
    point_of = morphology.genitive(point.stem) if morphology else point.stem
    for prov in by_id.values():
        if not (prov.kind in ("point", "subpoint") or prov.role == "article") or not prov.label:
            continue
        m = words["in_place"].match(prov.text)
        if not m:
            continue
        cites = find_citations(text, prov.start + m.end(), prov.end)
        if not cites:
            continue
        if prov.role == "article":
            target = f"{prov.label}-{article.stem}"
        elif prov.kind == "point":
            target = f"{prov.label}-{point.stem}"
        else:
            parent = by_id.get(prov.parent or "")
            target = f"{prov.label}) {subpoint.stem}"
            if parent is not None and parent.kind == "point" and parent.label:
                target = f"{parent.label}-{point_of} {prov.label}) {subpoint.nominative}"
        action = _changes()[1].action(m.group("action"))
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
    m = _words()["header_repeal_cite"].search(header.text)
    if not m:
        return None
    start, end = header.start + m.start("cite"), header.start + m.end("cite")
    phrase = text[start:end]
    words = find_act_type_words(phrase)
    act_type = record_act_type(words[-1].act_type) if words else None
    issuer_m = re.match(r"(?P<issuer>[^\d№]+?)\s*(?=\d|№|$)", phrase)
    issuer = issuer_to_nominative(issuer_m.group("issuer")) if issuer_m and issuer_m.group("issuer").strip() else None
    digest = hashlib.sha1(phrase.encode("utf-8")).hexdigest()[:8]
    return ActRef(
        id=f"{act_id(act_type, issuer, None, None)}_unreadable-{digest}",
        act_type=act_type, issuer=issuer, adopted=None, number=None, registration_number=None,
        evidence=Evidence(phrase, start, end),
    )


def _tidy_target(target: str) -> str:
    target = _words()["note_opener"].sub("", target.strip())
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
    lexicon_words = _words()
    head = words[-1]
    prefix, _, word = head.rpartition("-") if re.match(r"\d", head) else ("", "", head)
    for pattern, bare, possessed in _part_words():
        if pattern.fullmatch(word) and not lexicon_words["plural"].search(word[len(bare) - 1:]):
            genitive_before = any(lexicon_words["genitive"].search(w) for w in words[:-1])
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


def points_to_repeals(text: str, points: Iterable[Provision], provisions: list[Provision],
                      parts: list[Amendment] | None = None) -> list[ActRef]:
    """Acts that operative points declare repealed, with their registration numbers.

    A point may repeal "the acts of the attached list" ("қоса беріліп отырған тізбеге
    сәйкес … күші жойылды деп танылсын"): the acts are then read from that appendix.
    """
    found: dict[str, ActRef] = {}
    words = _words()
    for point in points:
        if lacks_factors(words["repeals_act"], point.text) or not words["repeals_act"].search(point.text):
            continue  # (the quick scan first: the pattern is tried at every character)
        cites = [c for c in find_citations(text, point.start, point.end) if c.adopted or c.number]
        if not cites and words["repeals_list"].search(point.text):
            cites = [c for span in _repeal_lists(provisions)
                     for c in find_citations(text, span[0], span[1]) if c.adopted or c.number]
        for c in cites:
            approved = words["approved_by"].match(text, c.type_start)
            if approved is not None:
                if parts is not None:
                    _approved_part(text, c, approved.end(), point.end, parts)
                continue
            part = words["part_after"].match(text, c.type_start)
            if part is None:
                _merge(found, c.to_ref(text))
            elif parts is not None:
                target = text[c.end:part.end()].strip(" .")
                parts.append(Amendment(act=c.to_ref(text), target=target or None,
                                       action="repealed",
                                       evidence=Evidence(text[c.start:part.end()], c.start,
                                                         part.end())))
    return list(found.values())


def _approved_part(text: str, c: Citation, start: int, end: int,
                   parts: list[Amendment]) -> None:
    """A numbered part of a document ``c`` approved, losing force ("... № 208 шешімімен
    бекітілген ... Ережедегі 8.1-тармақтың ... күші жойылсын"), changes ``c``; a part of a
    list of changes ("... № 846 қаулысымен бекітілген ... толықтырулардың 4-тармағы") changed
    other acts, and changes none of ``c``."""
    words = _words()
    said = words["repeals_act"].search(text, start, end)
    if said is None:
        return
    part = words["approved_part"].search(text, start, said.start())
    if part is None or words["changes_document"].search(text, start, said.start()):
        return
    parts.append(Amendment(act=c.to_ref(text), target=target_to_nominative(part.group(0)),
                           action="repealed",
                           evidence=Evidence(text[c.start:part.end()], c.start, part.end())))


def _repeal_lists(provisions: list[Provision]) -> list[tuple[int, int]]:
    """Spans of appendices (with their contents) that list acts losing force."""
    spans = []
    for app in provisions:
        if app.kind != "appendix":
            continue
        inside = [p for p in provisions if p.id == app.id or p.id.startswith(app.id + "/")
                  or (p.parent is None and p.start > app.start and p.role is None)]
        if any(_words()["repeal_mark"].search(p.text) for p in inside[:3]):
            spans.append((app.start, max(p.end for p in inside)))
    return spans


def amending_subpoints(text: str, points: Iterable[Provision],
                       provisions: Iterable[Provision]) -> list[Provision]:
    """The subpoints of a point that changes acts it does not name ("3. ... кейбір
    шешімдеріне мынадай өзгерістер енгізілсін:"): each names one changed act and its changes
    ("1) ... № 790 қаулысына (...):")."""
    words = _words()
    parents = set()
    for point in points:
        head = point.text.split("\n", 1)[0]
        if words["amends_act"].search(head) and not any(
                c.adopted or c.number
                for c in find_citations(text, point.start, point.start + len(head))):
            parents.add(point.id)
    return [p for p in provisions if p.kind == "subpoint" and p.parent in parents]


def points_to_amendments(text: str, points: Iterable[Provision],
                         listed: Iterable[Provision] = ()) -> list[Amendment]:
    """One Amendment per part an amending instruction changes. ``listed`` are subpoints of
    an amending point (see ``amending_subpoints``): each changes the act it names."""
    out: list[Amendment] = []
    words = _words()
    listed = list(listed)
    listed_ids = {p.id for p in listed}
    for point in [*points, *listed]:
        head_end = point.text.find("\n")
        head = point.text if head_end < 0 else point.text[:head_end]
        if point.id not in listed_ids and not words["amends_act"].search(head) and not (
                words["amends_in"].search(head)
                and any(words["instruction"].match(line.strip())
                        for line in point.text[len(head):].split("\n"))):
            continue
        cites = [c for c in find_citations(text, point.start, point.start + len(head))
                 if c.adopted or c.number]
        if not cites:
            continue
        ref = cites[0].to_ref(text)
        offset = point.start
        quoting = False
        found = len(out)
        for line in point.text.split("\n"):
            line_start = offset
            offset += len(line) + 1
            if quoting:
                quoting = not re.search(r'"\s*[;.]?\s*$', line)
                continue
            closed = line.count('"') % 2 == 0 and not re.search(r'"\s*[;.]?\s*$', line)
            if line.startswith('"') and not closed:
                quoting = not re.search(r'"\s*[;.]?\s*$', line)
                continue
            # '"Маңғыстау облысы" деген бөлім ... толықтырылсын:': a quoted name, closed on
            # the line, and the instruction after it.
            m = words["instruction"].match(line)
            if not m or line is head or (line.startswith('"')
                                         and m.start("action") < line.rfind('"')):
                continue
            action = _changes()[2].action(m.group("action"))
            target = words["said"].sub("", m.group("target")).strip()
            # "1-қосымша осы бұйрыққа 1-қосымшаға сәйкес": the part is "1-қосымша".
            target = target_to_nominative(words["according_to"].sub("", target))
            out.append(Amendment(
                act=ref, target=target, action=action,
                evidence=Evidence(line[: m.end()], line_start, line_start + m.end()),
            ))
            quoting = line.rstrip().endswith(":")
        if len(out) == found and words["amends_act"].search(head):
            # "... N 18-133 шешiмiне келесi өзгерiстер енгiзiлсiн: - ... 2,73 тиын орнына "0"
            # қолдансын": the point changes the act, in words no instruction names.
            cite = cites[0]
            out.append(Amendment(act=ref, target=None, action="amended",
                                 evidence=Evidence(text[cite.start:cite.end], cite.start, cite.end)))
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
