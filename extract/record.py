"""The pipeline's last stage: an act's provisions and facts to its JSON record.

    read_source → clean_text → text_to_paragraphs → paragraphs_to_provisions
    → header facts, relations, findings → record (validated against the schema)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

from shezhire.extract.authorities import completed_kinds, completes, generic_body
from shezhire.extract.citations import Citation, find_citations, record_act_type
from shezhire.extract.clean import clean_text, status_labels
from shezhire.extract.deadlines import provisions_to_deadlines, total_service_term
from shezhire.extract.documents import provisions_to_document_lists
from shezhire.extract.identity import act_id, issuer_key, issuer_to_nominative, title_key
from shezhire.extract.kazakh import shared_reading
from shezhire.extract.kazakh.dates import find_dates, find_dates_in_act
from shezhire.extract.kazakh.numbers import find_digit_word_pairs
from shezhire.extract.lexicon import from_lexicon, lexicon, phrase_regex, phrases_regex, words_regex
from shezhire.extract.mapped import MappedText
from shezhire.extract.models import (
    JSON,
    SCHEMA_VERSION,
    ActRef,
    Amendment,
    Evidence,
    Finding,
    Provision,
    Registration,
    SourceInfo,
)
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.relations import (
    amending_subpoints,
    citations_to_references,
    in_place_notes_to_amendments,
    notes_to_relations,
    points_to_amendments,
    points_to_repeals,
    unreadable_repeal,
)
from shezhire.extract.russian import (
    issuer_to_nominative_ru,
    russian_amends,
    russian_header,
    russian_notes,
    russian_registration,
    russian_repeals,
    russian_stamps,
    russian_title_acts,
    text_language,
)
from shezhire.extract.self_facts import (
    formula_to_facts,
    is_issuing_body,
    is_party_link,
    names_no_place,
    same_body,
    self_named_type,
    signature_to_issuer,
    stamps_to_citations,
    subject_named_type,
    title_to_amended,
    title_to_repealed,
    trim_issuer,
    type_first_header,
)
from shezhire.extract.structure import paragraphs_to_provisions, text_to_paragraphs
from shezhire.extract.targets import target_to_provision_ids
from shezhire.extract.validity import settle_statuses


@shared_reading()  # the stages read the same windows: each is matched once per act
def source_to_record(source: SourceDocument, as_of: dt.date | None = None) -> JSON:
    """The act record of one source document."""
    cleaned = clean_text(source.text)
    text = cleaned.text.text
    provisions = paragraphs_to_provisions(text_to_paragraphs(text))
    findings: list[Finding] = []
    for f in cleaned.findings:
        findings.append(Finding(f.kind, f.message, _evidence_from_source(cleaned.text, f.source_start,
                                                                          f.source_end)))
    day = as_of or dt.date.today()
    record = _record(text, provisions, findings, day)
    settle_statuses([record], day)
    record["source"] = SourceInfo(source.path, source.sha256, source.format).to_json()
    record["sources"] = [record["source"]]
    record["text"] = text
    return _ordered(record)


def record_from_text(text: str, *, path: str = "<text>", fmt: str = "txt",
                     as_of: str | None = None) -> JSON:
    """The record of an act given as text (for tests and for callers with text in hand)."""
    if fmt == "md":
        from shezhire.extract.readers.markdown import markdown_to_text

        mapped = markdown_to_text(text)
    else:
        mapped = MappedText.identity(text.replace("\r\n", "\n"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = SourceDocument(path, "md" if fmt == "md" else "txt", text, mapped, digest)
    return source_to_record(source, dt.date.fromisoformat(as_of) if as_of else None)


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The header's and the closing points' phrases, from the lexicon."""
    lx = lexicon("kk")
    year = words_regex(lx.words("dates.year_words"))
    enters = lx.pattern("in_force.enters")
    starts = lx.pattern("in_force.from")
    this = lx.pattern("in_force.this")
    country = lx.word("country.name")
    if lx.morphology is not None:
        country = lx.morphology.genitive(country, possessed=True)
    headed = [n for n in lx.act_types if n.headed_by_country]
    endings = lx.endings
    return {
        "registered": re.compile(
            rf"(?P<by>[^.]*?)\s+(?P<date>\d{{4}}\s+{year}\s+\S+\s+\S+|\d{{2}}\.\d{{2}}\.\d{{4}})\s+"
            rf"(?:№\s*(?P<number>\d[\d-]*)\s+{lx.pattern('registration.registered')}"
            # "... 2001 жылғы 29 тамызда тіркелді. Тіркеу N 1636."
            rf"|{lx.pattern('registration.registered')}\.\s+Тіркеу\s+№\s*(?P<number_after>\d[\d-]*))"),
        "law_header": re.compile(rf"(?P<issuer>{phrase_regex(country)})\s+"
                                 rf"(?P<type>{words_regex(n.nominative for n in headed)})\s+"),
        "law_number": re.compile(
            rf"№\s*(\S+?)(?:\s+{words_regex(lx.words('country.law_abbreviations'))})?[.\s]"),
        "in_force": re.compile(enters),
        "in_force_fixed": re.compile(
            rf"(?:{this}\s+\S+\s+)?(?P<date>\d{{2}}\.\d{{2}}\.\d{{4}}|\d{{4}}\s+{year}\s+\d{{1,2}}\s+\S+?)"
            rf"\s*(?:{year}\s*)?(?:{starts}|{starts}\s+)\s*{enters}"),
        "in_force_rule": re.compile(
            rf"(?:{this}\s+{words_regex(s for n in lx.act_types for s in n.stems)}\S*\s+)?"
            rf"(?P<rule>[^.]*?{enters})"),
        "on_signing": re.compile(lx.pattern("in_force.on_signing")),
        "joint_start": re.compile(rf"{lx.pattern('citations.joint')}\s+", re.IGNORECASE),
        "and_only": re.compile(rf"\s+{words_regex(lx.words('conjunctions.and'))}\s+"),
        "nominative_type": re.compile(words_regex(n.nominative for n in lx.act_types) + "$",
                                      re.IGNORECASE),
        # "Күші жойылды": the whole act lost force (a part's repeal is written in lowercase)
        "repeal_note": re.compile(phrases_regex(p[:1].upper() + p[1:]
                                                for p in lx.words("note_actions.repealed"))),
        "locative": re.compile(words_regex(endings("locative")) + "$"),
        "changes_document": re.compile(lx.pattern("amendments.changes_document"), re.IGNORECASE),
        "possessed_locative": re.compile(words_regex(endings("locative", possessed=True)) + "$"),
    }


@from_lexicon
def _law_types() -> dict[str, str]:
    """The type word of a law's header ("Заңы", "Кодексі") → its act type."""
    return {n.nominative: n.key for n in lexicon("kk").act_types if n.headed_by_country}


def _evidence_from_source(text: MappedText, start: int, end: int) -> Evidence | None:
    span = text.span_of_source(start, end)
    if span is None:
        return None
    return Evidence(text.text[span[0]:span[1]], span[0], span[1])


def _record(text: str, provisions: list[Provision], findings: list[Finding],
            as_of: dt.date) -> JSON:
    by_role = {p.role: p for p in reversed(provisions) if p.role}
    header = by_role.get("header")
    title = " ".join(p.text for p in provisions if p.role == "title")
    status_label = _status_label(provisions)
    lang = text_language(text)
    from_elsewhere: Evidence | None = None
    self_cite = russian_header(text, provisions) if lang == "ru" else None
    from_stamp = False
    if self_cite is None and lang == "ru":
        self_cite = _agreeing_stamp(text, russian_stamps(text), findings)
        from_stamp = self_cite is not None
    if self_cite is not None:
        from_elsewhere = Evidence(text[self_cite.start:self_cite.end], self_cite.start,
                                  self_cite.end)
    if self_cite is None and header is not None:
        self_cite = _header_citation(text, header)
    header_line = header
    if self_cite is None:
        # A header line stands before the act's points; a stamp after them (a short text's
        # appendix stamp) is read as a stamp below.
        first_point = next((p.start for p in provisions if p.kind == "point"), None)
        self_cite = type_first_header(text, 1500 if first_point is None else min(1500, first_point))
        if self_cite is not None:
            # "Бұйрық ... № 87. Күші жойылды – ...": the database's note follows on the line
            # that names the act.
            holder = next((p for p in provisions if p.kind == "paragraph"
                           and p.start <= self_cite.start < p.end), None)
            if holder is not None:
                # (A wrapped copy may leave the note's last words on the next paragraph.)
                end = _note_end(text, self_cite.end, min(len(text), self_cite.end + 400))
                header_line = dataclasses.replace(holder, text=text[holder.start:end], end=end)
        if self_cite is None:
            self_cite = _stamp_citation(text, findings)
            from_stamp = self_cite is not None
        if self_cite is not None:
            from_elsewhere = Evidence(text[self_cite.start:self_cite.end], self_cite.start,
                                      self_cite.end)
            if not self_cite.type_word:
                findings.append(Finding(
                    "act_type_from_issuer",
                    f"the header names no act type; {self_cite.issuer} adopts acts of one type "
                    f"only ({self_cite.act_type})", from_elsewhere))
    formula = formula_to_facts(text, provisions)
    if self_cite is None:
        findings.append(Finding("header_missing",
                                "no header sentence gives the issuer, date and number of the act",
                                None))
        if formula is not None:
            from_elsewhere = formula.evidence
            findings.append(Finding("header_from_formula",
                                    "the act type (and issuer) are read from the operative formula",
                                    formula.evidence))
    # Where each header fact was read (the record's `fact_evidence`): the sentence or stamp
    # that names this act, else the operative formula; a fact read elsewhere says so below.
    sources: dict[str, list[Evidence]] = {}
    if self_cite is not None:
        named = Evidence(text[self_cite.start:self_cite.end], self_cite.start, self_cite.end)
        sources = {"act_type": [named], "issuer": [named] if self_cite.issuer else [],
                   "adopted": [named] if self_cite.adopted else [],
                   "number": [named] if self_cite.number else []}
    elif formula is not None:
        sources = {"act_type": [formula.evidence],
                   "issuer": [formula.evidence] if formula.issuer else []}
    if self_cite is not None and formula is not None and formula.issuer \
            and (self_cite.issuer is None or from_stamp):
        # A stamp names its act in an oblique case ("к решению Алматинского областного
        # маслихата"); the formula names the issuer in the nominative.
        self_cite.issuer = formula.issuer
        sources["issuer"] = [formula.evidence]
    registration = _registration(text, header) if header else None
    notes = [p for p in provisions if p.role == "note"]
    repealed_by, amended_by = notes_to_relations(text, notes, header_line)
    amended_by += in_place_notes_to_amendments(text, provisions)
    if header is not None and not repealed_by:
        lost = unreadable_repeal(text, header)
        if lost is not None:
            repealed_by.append(lost)
            findings.append(Finding("unreadable_reference",
                                    "the header says the act was repealed, but the repealing act's "
                                    "date and number cannot be read", lost.evidence))
    points = [p for p in provisions if p.kind == "point" and p.parent is None]
    points_with_subpoints = _with_children(points, provisions)
    partly: list[Amendment] = []
    repeals = [r for r in points_to_repeals(text, points_with_subpoints, provisions, partly)
               if not _names_this_act(r, self_cite)]
    # A copy without its points still names the repealed or changed act in its title.
    title_para = next((p for p in provisions if p.role == "title"), None)
    if not repeals and not points:
        repeals = [c.to_ref(text) for c in title_to_repealed(text, title_para)]
    # "Қоса беріліп отырған ... енгізілетін өзгерістер бекітілсін": the changes stand in an
    # approved document of their own, whose points name the changed acts.
    changes = {p.id for p in provisions if p.role == "approved_document"
               and _words()["changes_document"].search(p.text.split("\n", 1)[0])}
    amends = points_to_amendments(text, points + [p for p in provisions if p.kind == "point"
                                                  and p.parent in changes],
                                  amending_subpoints(text, points, provisions))
    amends += [a for a in partly if a.act.id not in {b.act.id for b in amends}
               and not _names_this_act(a.act, self_cite)]
    if not amends:
        amends = [Amendment(c.to_ref(text), None, "amended",
                            Evidence(text[c.start:c.end], c.start, c.end))
                  for c in title_to_amended(text, title_para)]
    if lang == "ru":
        registration, repealed_by, amended_by, repeals, amends = _russian_relations(
            text, provisions, points, points_with_subpoints, self_cite)
    if self_cite is not None and self_cite.number and any(
            (a.act.adopted, a.act.number) == (self_cite.adopted, self_cite.number) for a in amends):
        # 'Решение ... N 18-133 от 1 июля 2005 года "..."' heading a text whose point changes
        # decision N 18-133: an act does not change itself, so the line names the changed act.
        findings.append(Finding("header_names_changed_act",
                                f"the act № {self_cite.number} named where the header stands is "
                                "the act this text changes, not this act",
                                Evidence(text[self_cite.start:self_cite.end], self_cite.start,
                                         self_cite.end)))
        self_cite = None
        if formula is not None:
            from_elsewhere = formula.evidence
    act_type = self_cite.act_type if self_cite else (formula.act_type if formula else "other")
    if formula is not None and formula.joint and (self_cite is None or from_stamp):
        # "к постановлению акимата ... и решению маслихата": the stamp names one party's part;
        # the formula of the two parties names the joint act (a decree and a decision: other).
        act_type, sources["act_type"] = formula.act_type, [formula.evidence]
    own_words = self_named_type(text) if self_cite is None else None
    if own_words is not None and (formula is None or own_words[0] in ("law", "code")):
        # No header names the act: its own words do ("Настоящий Закон вступает в силу ...").
        # They outrank the formula only for a law: a council "ПОСТАНОВЛЯЕТ" a law as well as a
        # resolution.
        act_type, sources["act_type"] = own_words[0], [own_words[1]]
    if formula is not None and formula.issuer is None and self_cite is None and lang == "kk" \
            and act_type not in ("law", "code"):
        # "… алқа қаулы етедi:" with no body named: the act is what the text calls the
        # subject's act ("Алқаның шешiмiн басшылыққа алсын").
        by_subject = subject_named_type(text, formula.evidence.start)
        if by_subject is not None:
            act_type, sources["act_type"] = by_subject[0], [by_subject[1]]
    issuer = trim_issuer(self_cite.issuer if self_cite else (formula.issuer if formula else None))
    if issuer is not None and lang == "kk":
        issuer = _expanded_abbreviation(issuer, findings)
    # An order's stamp names its issuer in an oblique case ("приказом начальника ..."): the
    # signer's position names it in the nominative.
    by_stamp_order = from_stamp and act_type == "order" and issuer is not None
    # (A law is the Parliament's, signed by the President: its signer is not its issuer.)
    if (issuer is None or names_no_place(issuer) or by_stamp_order) \
            and act_type not in ("law", "code"):
        signed = signature_to_issuer(text, provisions)
        if signed is not None and issuer is None and act_type != "order" \
                and not is_issuing_body(signed[0]):
            signed = None  # a decision signed by a session's chair: not its issuer
        if signed is not None and issuer is None and len(signed[0].split()) == 1:
            # "**Министр** / М. Тілеуберді": a lone office word names no body; an id built
            # on it would join every minister's orders.
            signed = None
        # ("аким РЕШИЛ" signed "Аким области": the signer's position says more of the same
        # body than the formula's lone word.)
        fuller = signed is not None and issuer is not None and len(issuer.split()) == 1 \
            and len(signed[0].split()) > 1 and same_body(issuer, signed[0])
        if signed is not None and issuer is not None and not fuller and (
                (names_no_place(signed[0]) and not by_stamp_order)
                or not same_body(issuer, signed[0]) or len(signed[0].split()) == 1):
            # (A lone office word, "Министр", names no body: the issuer read stays.)
            signed = None
        if signed is not None:
            issuer = issuer_to_nominative(signed[0]) if lang == "kk" else signed[0]
            sources["issuer"] = [signed[1]]
            findings.append(Finding("issuer_from_signature",
                                    "the issuer is read from the signer's position", signed[1]))
    kind_only = generic_body(issuer) if issuer is not None else None
    if issuer is not None and kind_only is not None \
            and kind_only.split()[-1] in completed_kinds():
        issuer, completed_by = _completed_issuer(text, issuer, repeals, amends, lang, findings)
        if completed_by is not None:
            # The formula names the kind; the act it repeals or changes names the body.
            sources["issuer"] = [completed_by]
    in_force_from, in_force_rule = _in_force(text, provisions)
    if in_force_from is None and in_force_rule and _words()["on_signing"].search(in_force_rule) \
            and self_cite:
        # "қол қойылған күнінен бастап": in force from the day of signing, the adoption date.
        in_force_from = self_cite.adopted
    my_id = act_id(self_cite.act_type, self_cite.issuer, self_cite.adopted, self_cite.number) \
        if self_cite else act_id(None, None, None, None) + "_" + title_key(title)
    known = {my_id} | {r.id for r in repeals} | {a.act.id for a in amends}
    references = [r for r in citations_to_references(text, provisions, known)
                  if not _names_this_act(r, self_cite)
                  and not (from_stamp and _second_party(text, r, self_cite))]
    document_lists, document_findings = provisions_to_document_lists(text, provisions)
    findings += document_findings
    deadlines, deadline_findings = provisions_to_deadlines(text, provisions)
    findings += deadline_findings
    service_term = total_service_term(deadlines, provisions)
    _check_stamps(text, provisions, self_cite, findings)
    _check_dates_and_numbers(text, findings)
    for ref in [*repealed_by, *repeals, *references]:
        if ref.issuer is None and ref.act_type not in ("law", "code") and "_unreadable-" not in ref.id:
            findings.append(Finding("unreadable_reference",
                                    f"the issuer of the cited act № {ref.number} could not be read",
                                    ref.evidence))
    return {
        "schema_version": SCHEMA_VERSION,
        "id": my_id,
        "lang": lang,
        "title": " ".join(title.split()),
        "status": None,  # set below, from the record's own facts
        "status_as_of": as_of.isoformat(),
        "status_label": status_label,
        "act_type": act_type,
        "issuer": issuer,
        "adopted": self_cite.adopted if self_cite else None,
        "number": self_cite.number if self_cite else None,
        "registration": registration.to_json() if registration else None,
        "in_force_from": in_force_from,
        "in_force_rule": in_force_rule,
        "repealed_by": [r.to_json() for r in repealed_by],
        "amended_by": [a.to_json() for a in _resolve_targets(amended_by, provisions)],
        "repeals": [r.to_json() for r in repeals],
        "amends": [a.to_json() for a in amends],
        "references": [r.to_json() for r in references],
        "document_lists": [d.to_json() for d in document_lists],
        "deadlines": [d.to_json() for d in deadlines],
        "service_term": service_term.to_json() if service_term else None,
        "provisions": [p.to_json() for p in provisions],
        "findings": [f.to_json() for f in findings],
        "header_evidence": Evidence(header.text, header.start, header.end).to_json() if header
        else (from_elsewhere.to_json() if from_elsewhere else None),
        "fact_evidence": {field: [e.to_json() for e in sources[field]] for field, value
                          in (("act_type", act_type), ("issuer", issuer),
                              ("adopted", self_cite.adopted if self_cite else None),
                              ("number", self_cite.number if self_cite else None))
                          if value is not None and sources.get(field)},
    }


def _completed_issuer(text: str, issuer: str, repeals: list[ActRef], amends: list[Amendment],
                      lang: str, findings: list[Finding]) -> tuple[str, Evidence | None]:
    """A body the text names by its kind only ("қалалық мәслихат ШЕШІМ ҚАБЫЛДАДЫ", "городской
    маслихат РЕШИЛ") that repeals or changes acts of one full-named body of that kind
    ("Шымкент қалалық мәслихатының ... шешімінің күші жойылды деп танылсын") is that body: a
    maslikhat repeals and changes its own decisions. Two such bodies, or none: kept as named.
    With the full name, the words of the act that name it."""
    named: dict[str, tuple[str, Evidence]] = {}
    for ref in [*repeals, *(a.act for a in amends)]:
        if not ref.issuer:
            continue
        full = _russian_completion(issuer, ref.issuer) if lang == "ru" \
            else issuer_to_nominative(ref.issuer)
        if full is not None and completes(issuer, full):
            named.setdefault(issuer_key(full), (full, ref.evidence))
    if len(named) != 1:
        return issuer, None
    full, evidence = next(iter(named.values()))
    findings.append(Finding("issuer_completed",
                            f"the text names its issuer by kind only ({issuer}); the acts it "
                            f"repeals or changes are all of {full}", evidence))
    return full, evidence


def _expanded_abbreviation(issuer: str, findings: list[Finding]) -> str:
    """Older texts write a body glued and shortened ("Қазақстан Республикасы Ішкіісминінің ...
    бұйрығына"): the issuer is named in full ("... Ішкі істер министрі"), with a finding."""
    for full, pattern in _abbreviated_bodies():
        if pattern.search(issuer):
            findings.append(Finding("issuer_abbreviation",
                                    f"the issuer is written shortened ({issuer}): read as {full}",
                                    None))
            return pattern.sub(full, issuer)
    return issuer


@from_lexicon
def _abbreviated_bodies() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each body's full name and the pattern of its shortened forms (built once, not per act)."""
    return tuple((full, re.compile(rf"(?<!\w)(?:{words_regex(shorts)})(?!\w)", re.IGNORECASE))
                 for full, shorts in lexicon("kk").labels("self_facts.abbreviated_bodies").items())


def _russian_completion(kind_only: str, other: str) -> str | None:
    """The full Russian name of a body named by its kind only ("городской маслихат"), as
    another act's issuer names it: "маслихата города Шымкент" → "маслихат города Шымкент";
    "Шымкентского городского маслихата" → "Шымкентский городской маслихат" (the place
    adjective made nominative, the kind as this text wrote it)."""
    nominative = issuer_to_nominative_ru(other)
    if nominative != other:
        return nominative
    words = other.split()
    kind = kind_only.split()
    if len(words) <= len(kind):
        return None
    endings = lexicon("ru").labels("self_facts.place_adjective_nominative")
    place = []
    for word in words[:len(words) - len(kind)]:
        ending = next(((new, old) for new, olds in endings.items() for old in olds
                       if word.endswith(old)), None)
        if ending is None:
            return None
        place.append(word[:-len(ending[1])] + ending[0])
    return " ".join([*place, kind_only])


def _russian_relations(text: str, provisions: list[Provision], points: list[Provision],
                       points_with_subpoints: list[Provision], me: Citation | None
                       ) -> tuple[Registration | None, list[ActRef], list[Amendment], list[ActRef],
                                  list[Amendment]]:
    """Registration and relations of a Russian text (see :mod:`shezhire.extract.russian`)."""
    reg = russian_registration(text, provisions)
    registration = Registration(reg.number, reg.date, reg.by, reg.evidence) if reg else None
    repealed, amended = russian_notes(text, provisions)
    title = next((p for p in provisions if p.role == "title"), None)

    def change(c: Citation) -> Amendment:
        return Amendment(c.to_ref(text), None, "amended", Evidence(text[c.start:c.end], c.start,
                                                                    c.end))

    partly: list[Citation] = []
    repeals = [c for c in russian_repeals(text, points_with_subpoints, partly)
               if not _names_this_act(c.to_ref(text), me)]
    if not repeals and not points:
        repeals = russian_title_acts(text, title, "repealing_title")
    amends = russian_amends(text, points) or (
        [] if points else russian_title_acts(text, title, "amending_title"))
    amends += [c for c in partly if (c.adopted, c.number) not in {(a.adopted, a.number)
                                                                  for a in amends}
               and not _names_this_act(c.to_ref(text), me)]
    return (registration, [c.to_ref(text) for c in repealed], [change(c) for c in amended],
            [c.to_ref(text) for c in repeals], [change(c) for c in amends])


def _note_end(text: str, start: int, end: int) -> int:
    """The end of the line, from ``start``, that completes the first act citation after it:
    the database's note on the header's line, however a copy wraps it, and not the lines
    that follow (a repeated title names another act)."""
    at = text.find("\n", start, end)
    while at >= 0:
        if any(c.adopted and c.number for c in find_citations(text, start, at)):
            return at
        at = text.find("\n", at + 1, end)
    return end


def _stamp_citation(text: str, findings: list[Finding]) -> Citation | None:
    """This act as its approval or appendix stamps name it, when they agree."""
    return _agreeing_stamp(text, stamps_to_citations(text), findings)


def _agreeing_stamp(text: str, stamps: list[Citation], findings: list[Finding]
                    ) -> Citation | None:
    named = {(c.act_type, c.adopted, c.number) for c in stamps}
    if len(named) == 1:
        first = stamps[0]
        findings.append(Finding("header_from_stamp",
                                "no header sentence: the act's type, date and number are read "
                                "from its approval stamp",
                                Evidence(text[first.start:first.end], first.start, first.end)))
        return first
    if len(named) > 1:
        findings.append(Finding("stamps_disagree",
                                "approval stamps name different acts: "
                                + "; ".join(f"{t} {d} № {n}" for t, d, n in sorted(named,
                                            key=lambda k: (k[0], k[1] or "", k[2] or ""))),
                                None))
    return None


def _second_party(text: str, ref: ActRef, me: Citation | None) -> bool:
    """A joint stamp's second party's part of this act, right after the first party's, which
    names the act ("… № а-7/243 қаулысы мен Ақмола облыстық мәслихатының … № 3С-28-6
    шешіміне қосымша"): this act, not another it cites."""
    return me is not None and ref.evidence.start > me.end \
        and is_party_link(text[me.end:ref.evidence.start])


def _names_this_act(ref: ActRef, me: Citation | None) -> bool:
    """An appendix header or "осы бұйрыққа" naming this act by its number and date."""
    return me is not None and ref.number == me.number and ref.act_type == me.act_type \
        and ref.adopted in (None, me.adopted)


def _status_label(provisions: list[Provision]) -> str | None:
    for p in provisions[:6]:
        for label in status_labels():
            if p.text.startswith(label):
                return label
    return None


def _header_citation(text: str, header: Provision) -> Citation | None:
    words = _words()
    m = words["law_header"].match(header.text)
    if m:
        dates = find_dates(header.text)
        num = words["law_number"].search(header.text[m.end():] + " ")
        if dates:
            return Citation(
                act_type=record_act_type(_law_types()[m.group("type")]),
                issuer=issuer_to_nominative(m.group("issuer")), adopted=dates[0].iso,
                number=num.group(1) if num else None, registration_number=None, title=None,
                start=header.start, end=header.start + (dates[0].end if dates else m.end()),
                type_word=m.group("type"))
    cites = find_citations(text, header.start, header.end)
    for k, c in enumerate(cites):
        if words["nominative_type"].search(c.type_word) and c.adopted and c.number:
            return _joint_header(text, c, cites[k + 1:])
    return None


def _joint_header(text: str, c: Citation, after: list[Citation]) -> Citation:
    """"Бірлескен A-ның … № 27/05 қаулысы және B-ның … № 47 шешімі": one joint act of two
    bodies, named by both; its date and number are the first's."""
    words = _words()
    joint = words["joint_start"].match(c.issuer or "")
    if joint is None or not after or not after[0].issuer:
        return c
    between = text[c.end:after[0].start]
    if not words["and_only"].fullmatch(between):
        return c
    first = (c.issuer or "")[joint.end():]
    c.issuer = f"{first} {lexicon('kk').words('conjunctions.and')[0]} {after[0].issuer}"
    if after[0].act_type != c.act_type:
        c.act_type = "other"
    return c


def _registration(text: str, header: Provision) -> Registration | None:
    words = _words()
    m = words["registered"].search(header.text)
    if not m:
        return None
    date = find_dates(m.group("date"))
    by = m.group("by").strip()
    by = re.sub(r"^.*?(?:\.\s+)", "", by) if ". " in by else by
    names = by.split()
    if names and words["locative"].search(names[-1]):
        names[-1] = words["possessed_locative"].sub("", names[-1])
    start = header.start + m.start("by") + m.group("by").find(by)
    end = header.start + m.end()
    return Registration(m.group("number") or m.group("number_after"),
                        date[0].iso if date else None, " ".join(names) or None,
                        Evidence(text[start:end], start, end))


def _with_children(points: list[Provision], provisions: list[Provision]) -> list[Provision]:
    """Each top-level point widened to the end of its last subpoint."""
    children: dict[str, list[Provision]] = {}
    for k in provisions:  # one pass: looking each point's children up is quadratic
        if k.parent is not None:
            children.setdefault(k.parent, []).append(k)
    out = []
    for p in points:
        kids = children.get(p.id, [])
        end = max([p.end, *[k.end for k in kids]])
        text = "\n".join([p.text, *[k.text for k in kids]])
        out.append(Provision(p.id, p.kind, p.label, p.heading, text, p.parent, p.start, end, p.role))
    return out


def _in_force(text: str, provisions: list[Provision]) -> tuple[str | None, str | None]:
    """A fixed date where the act gives one; otherwise its rule, for later derivation."""
    words = _words()
    candidates = [p for p in provisions if words["in_force"].search(p.text)
                  and p.role not in ("header",) and (p.parent is None or p.role == "note")]
    for p in candidates:
        if p.role == "note" and words["repeal_note"].search(p.text):
            continue
        m = words["in_force_fixed"].search(p.text)
        if m:
            dates = find_dates(m.group("date"))
            if dates and dates[0].iso:
                return dates[0].iso, None
    for p in candidates:
        if p.kind == "point":
            m = words["in_force_rule"].search(p.text)
            if m:
                return None, " ".join(m.group("rule").split())
    return None, None


def _check_stamps(text: str, provisions: list[Provision], me: Citation | None,
                  findings: list[Finding]) -> None:
    """An approval stamp must name the act that approves: same number, same date."""
    if me is None:
        return
    for p in provisions:
        if p.role != "stamp":
            continue
        for c in find_citations(text, p.start, p.end):
            if c.number == me.number and c.adopted and c.adopted != me.adopted:
                findings.append(Finding(
                    "stamp_date_mismatch",
                    f"the approval stamp dates act № {c.number} {c.adopted}, the header {me.adopted}",
                    Evidence(text[c.start:c.end], c.start, c.end)))


def _check_dates_and_numbers(text: str, findings: list[Finding]) -> None:
    for d in find_dates_in_act(text):
        if d.problem:
            kind = "month_misspelled" if "misspelling" in d.problem else "impossible_date"
            findings.append(Finding(kind, d.problem, Evidence(d.text, d.start, d.end)))
    for pair in find_digit_word_pairs(text):
        if not pair.agrees:
            findings.append(Finding(
                "number_words_disagree",
                f"{pair.digits_value} in digits, {pair.words_value} in words",
                Evidence(pair.text, pair.start, pair.end)))


def _resolve_targets(amendments: list[Amendment], provisions: list[Provision]) -> list[Amendment]:
    """Name the changed part as provision ids too, where this act holds it."""
    ids = [p.id for p in provisions]
    for a in amendments:
        if not a.target_provisions:
            a.target_provisions = target_to_provision_ids(a.target, ids)
    return amendments


_KEY_ORDER = (
    "schema_version", "id", "lang", "title", "status", "status_as_of", "status_label",
    "act_type", "issuer", "adopted", "number", "registration", "in_force_from", "in_force_rule",
    "repealed_by", "amended_by", "repeals", "amends", "references", "document_lists",
    "deadlines", "service_term", "provisions", "findings",
    "header_evidence", "fact_evidence", "source", "sources", "text",
)


def _ordered(record: JSON) -> JSON:
    return {k: record[k] for k in _KEY_ORDER if k in record}
