"""The pipeline's last stage: an act's provisions and facts to its JSON record.

    read_source → clean_text → text_to_paragraphs → paragraphs_to_provisions
    → header facts, relations, findings → record (validated against the schema)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from shezhire.extract.citations import Citation, find_citations
from shezhire.extract.clean import STATUS_LABELS, clean_text
from shezhire.extract.deadlines import provisions_to_deadlines, total_service_term
from shezhire.extract.documents import provisions_to_document_lists
from shezhire.extract.identity import act_id, issuer_to_nominative, title_key
from shezhire.extract.kazakh.dates import find_dates
from shezhire.extract.kazakh.numbers import find_digit_word_pairs
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
    citations_to_references,
    in_place_notes_to_amendments,
    notes_to_relations,
    points_to_amendments,
    points_to_repeals,
    unreadable_repeal,
)
from shezhire.extract.structure import paragraphs_to_provisions, text_to_paragraphs
from shezhire.extract.targets import target_to_provision_ids

_REGISTERED = re.compile(r"(?P<by>[^.]*?)\s+(?P<date>\d{4}\s+жылғы\s+\S+\s+\S+|\d{2}\.\d{2}\.\d{4})\s+"
                         r"№\s*(?P<number>\d[\d-]*)\s+(?:болып\s+)?тіркелді")
_LAW_HEADER = re.compile(r"(?P<issuer>Қазақстан\s+Республикасының)\s+(?P<type>Заңы|Кодексі)\s+")
_IN_FORCE_FIXED = re.compile(
    r"(?:Осы\s+\S+\s+)?(?P<date>\d{2}\.\d{2}\.\d{4}|\d{4}\s+жылғы\s+\d{1,2}\s+\S+?)\s*(?:ж\.\s*)?"
    r"(?:бастап|бастап\s+)\s*қолданысқа\s+енгізіледі")
_IN_FORCE_RULE = re.compile(r"(?:Осы\s+(?:қаулы|бұйрық|шешім|Заң)\S*\s+)?(?P<rule>[^.]*?қолданысқа\s+енгізіледі)")
_ON_SIGNING = re.compile(r"қол\s+қойылған\s+күнінен\s+бастап")
_NOMINATIVE_TYPE = re.compile(r"(қаулысы|бұйрығы|шешімі|Заңы|Кодексі)$")


def source_to_record(source: SourceDocument, as_of: dt.date | None = None) -> JSON:
    """The act record of one source document."""
    cleaned = clean_text(source.text)
    text = cleaned.text.text
    provisions = paragraphs_to_provisions(text_to_paragraphs(text))
    findings: list[Finding] = []
    for f in cleaned.findings:
        findings.append(Finding(f.kind, f.message, _evidence_from_source(cleaned.text, f.source_start,
                                                                          f.source_end)))
    record = _record(text, provisions, findings, as_of or dt.date.today())
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


def _evidence_from_source(text: MappedText, start: int, end: int) -> Evidence | None:
    idx = [i for i, o in enumerate(text.origin) if start <= o < end]
    if not idx:
        return None
    return Evidence(text.text[idx[0]:idx[-1] + 1], idx[0], idx[-1] + 1)


def _record(text: str, provisions: list[Provision], findings: list[Finding],
            as_of: dt.date) -> JSON:
    by_role = {p.role: p for p in reversed(provisions) if p.role}
    header = by_role.get("header")
    title = " ".join(p.text for p in provisions if p.role == "title")
    status_label = _status_label(provisions)
    self_cite = _header_citation(text, header) if header else None
    if self_cite is None:
        findings.append(Finding("header_missing",
                                "no header sentence gives the issuer, date and number of the act",
                                None))
    registration = _registration(text, header) if header else None
    notes = [p for p in provisions if p.role == "note"]
    repealed_by, amended_by = notes_to_relations(text, notes, header)
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
    repeals = [r for r in points_to_repeals(text, points_with_subpoints, provisions)
               if not _names_this_act(r, self_cite)]
    amends = points_to_amendments(text, points)
    in_force_from, in_force_rule = _in_force(text, provisions)
    if in_force_from is None and in_force_rule and _ON_SIGNING.search(in_force_rule) and self_cite:
        # "қол қойылған күнінен бастап": in force from the day of signing, the adoption date.
        in_force_from = self_cite.adopted
    my_id = act_id(self_cite.act_type, self_cite.issuer, self_cite.adopted, self_cite.number) \
        if self_cite else act_id(None, None, None, None) + "_" + title_key(title)
    known = {my_id} | {r.id for r in repeals} | {a.act.id for a in amends}
    references = [r for r in citations_to_references(text, provisions, known)
                  if not _names_this_act(r, self_cite)]
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
        "lang": "kk",
        "title": " ".join(title.split()),
        "status": _status(status_label, repealed_by, in_force_from, as_of),
        "status_as_of": as_of.isoformat(),
        "status_label": status_label,
        "act_type": self_cite.act_type if self_cite else "other",
        "issuer": self_cite.issuer if self_cite else None,
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
        "header_evidence": Evidence(header.text, header.start, header.end).to_json() if header else None,
    }


def _names_this_act(ref: ActRef, me: Citation | None) -> bool:
    """An appendix header or "осы бұйрыққа" naming this act by its number and date."""
    return me is not None and ref.number == me.number and ref.act_type == me.act_type \
        and ref.adopted in (None, me.adopted)


def _status_label(provisions: list[Provision]) -> str | None:
    for p in provisions[:6]:
        for label in STATUS_LABELS:
            if p.text.startswith(label):
                return label
    return None


def _header_citation(text: str, header: Provision) -> Citation | None:
    m = _LAW_HEADER.match(header.text)
    if m:
        dates = find_dates(header.text)
        num = re.search(r"№\s*(\S+?)(?:\s+ҚРЗ)?[.\s]", header.text[m.end():] + " ")
        if dates:
            return Citation(
                act_type="law" if m.group("type") == "Заңы" else "code",
                issuer=issuer_to_nominative(m.group("issuer")), adopted=dates[0].iso,
                number=num.group(1) if num else None, registration_number=None, title=None,
                start=header.start, end=header.start + (dates[0].end if dates else m.end()),
                type_word=m.group("type"))
    for c in find_citations(text, header.start, header.end):
        if _NOMINATIVE_TYPE.search(c.type_word) and c.adopted and c.number:
            return c
    return None


def _registration(text: str, header: Provision) -> Registration | None:
    m = _REGISTERED.search(header.text)
    if not m:
        return None
    date = find_dates(m.group("date"))
    by = m.group("by").strip()
    by = re.sub(r"^.*?(?:\.\s+)", "", by) if ". " in by else by
    words = by.split()
    if words and re.search(r"(нде|нда|де|да|те|та)$", words[-1]):
        words[-1] = re.sub(r"(?:нде|нда)$", "", words[-1])
    start = header.start + m.start("by") + m.group("by").find(by)
    end = header.start + m.end()
    return Registration(m.group("number"), date[0].iso if date else None, " ".join(words) or None,
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
    candidates = [p for p in provisions if "қолданысқа енгізіледі" in p.text
                  and p.role not in ("header",) and (p.parent is None or p.role == "note")]
    for p in candidates:
        if p.role == "note" and "Күші жойылды" in p.text:
            continue
        m = _IN_FORCE_FIXED.search(p.text)
        if m:
            dates = find_dates(m.group("date"))
            if dates and dates[0].iso:
                return dates[0].iso, None
    for p in candidates:
        if p.kind == "point":
            m = _IN_FORCE_RULE.search(p.text)
            if m:
                return None, " ".join(m.group("rule").split())
    return None, None


def _status(label: str | None, repealed_by: list[ActRef], in_force_from: str | None,
            as_of: dt.date) -> str:
    """Status on ``as_of``: a dated repeal decides; the label only where no date does.

    A repeal whose own start is not given ("ten days after publication") counts from the
    repealing act's adoption.
    """
    day = as_of.isoformat()
    effective = [r.in_force_from or r.adopted for r in repealed_by]
    if any(d is not None and d <= day for d in effective):
        return "repealed"
    repeal_pending = bool(effective) and all(d is not None and d > day for d in effective)
    if label == "Күшін жойған" and not repeal_pending:
        return "repealed"
    if in_force_from and in_force_from > day:
        return "not_yet_in_force"
    if label in ("Қолданыстағы", "Жаңа", "Жаңартылған") or in_force_from or repealed_by:
        return "in_force"
    return "unknown"


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
    for d in find_dates(text):
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
    "header_evidence", "source", "sources", "text",
)


def _ordered(record: JSON) -> JSON:
    return {k: record[k] for k in _KEY_ORDER if k in record}
