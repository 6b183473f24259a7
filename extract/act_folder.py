"""Act folders in the kazakhstan-law layout: ``kaz.md``, ``rus.md`` and ``meta.yaml`` are one act.

The folder is one act, both its texts in one record (``extract_act_folder`` in
:mod:`shezhire.extract.pipeline`, :mod:`shezhire.extract.bilingual`). The texts are read as
any Markdown act; ``meta.yaml`` is a second source of facts (its
``requisite`` is the database's header sentence). A fact the text does not give is taken from
the metadata with a finding that quotes it; a fact both give and on which they disagree is a
finding, and the text's reading is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from shezhire.extract.authorities import completes, looks_russian, russian_to_kazakh
from shezhire.extract.citations import Citation
from shezhire.extract.identity import act_id, issuer_key
from shezhire.extract.models import JSON
from shezhire.extract.russian import russian_citations, text_language

TEXT_FILES = ("kaz.md", "rus.md")  # the primary text first
META_FILE = "meta.yaml"
_MAX_META_BYTES = 1_000_000


def is_act_folder(folder: Path) -> bool:
    return (folder / META_FILE).is_file() and any((folder / n).is_file() for n in TEXT_FILES)


@dataclass(frozen=True)
class MetaFact:
    value: str
    quote: str


def meta_facts(meta_text: str) -> dict[str, MetaFact]:
    """adopted, number and registration as the metadata gives them (top-level keys only)."""
    facts: dict[str, MetaFact] = {}
    for key in ("approved_on", "approval_date"):
        m = re.search(rf"^{key}:\s*'?(\d{{4}}-\d{{2}}-\d{{2}})'?\s*$", meta_text, re.MULTILINE)
        if m:
            facts["adopted"] = MetaFact(m.group(1), m.group(0).strip())
            break
    requisite = re.search(r"^requisite:\s*(.+)$", meta_text, re.MULTILINE)
    if requisite:
        sentence = requisite.group(1).split(". ")[0]
        # "№ 17-42-3.3.7": the number runs to the sentence's end or a space.
        number = re.search(r"(?:№|N)\s*(\S+?)(?=[.,;]?(?:\s|$))", sentence)
        if number:
            facts["number"] = MetaFact(number.group(1), sentence)
        registered = re.search(r"(?:Зарегистрирован\S*|тіркелді)[^.]*?(?:№|N)\s*(\d+)|"
                               r"(?:№|N)\s*(\d+)\s+болып\s+тіркелді", requisite.group(1))
        if registered:
            facts["registration_number"] = MetaFact(registered.group(1) or registered.group(2),
                                                    registered.group(0))
    return facts


def apply_metadata(record: JSON, meta_path: Path) -> JSON:
    """Fill what the text did not say from ``meta.yaml``; disagreements are findings.

    The ``requisite`` is the database's header sentence (in Russian): the act's type, issuer,
    date and number are read from it as from a Russian header.
    """
    if meta_path.stat().st_size > _MAX_META_BYTES:
        return record
    meta_text = meta_path.read_text("utf-8", errors="replace")
    facts = meta_facts(meta_text)
    header = requisite_citation(meta_text)
    if header is not None:
        for field, value in (("act_type", header.act_type), ("issuer", header.issuer),
                             ("adopted", header.adopted), ("number", header.number)):
            if value:
                facts.setdefault(field, MetaFact(value, header.type_word + " … " + (
                    header.number or "")))
                if field in ("act_type", "issuer"):
                    facts[field] = MetaFact(value, f"requisite: {header.type_word} {header.issuer}")
    for field in ("act_type", "issuer", "adopted", "number"):
        fact = facts.get(field)
        if fact is None:
            continue
        current = record[field]
        if field == "adopted" and not _is_day(fact.value):
            _finding(record, "impossible_date",
                     f"{meta_path.name} gives the adoption date {fact.value}, which is not a "
                     f"calendar day: {fact.quote!r}")
            continue
        if current is None or (field == "act_type" and current == "other"):
            record[field] = _in_language(fact.value, record["lang"]) if field == "issuer" \
                else fact.value
            _finding(record, "fact_from_metadata",
                     f"{field} {fact.value} is read from {meta_path.name}: {fact.quote!r}")
        elif field == "issuer" and completes(current, fact.value):
            # "облыс әкімі": the text names the place by its kind only; the metadata names it.
            record[field] = _in_language(fact.value, record["lang"])
            _finding(record, "fact_from_metadata",
                     f"the text names the issuer {current!r} only; {meta_path.name} names it: "
                     f"{fact.quote!r}")
        elif field == "issuer" and issuer_key(current) != issuer_key(fact.value):
            _finding(record, "metadata_disagrees",
                     f"the text gives the issuer {current!r}, {meta_path.name} "
                     f"{fact.value!r}: {fact.quote!r}")
        elif field in ("adopted", "number", "act_type") and current != fact.value:
            _finding(record, "metadata_disagrees",
                     f"the text gives {field} {current}, {meta_path.name} {fact.value}: "
                     f"{fact.quote!r}")
    reg = facts.get("registration_number")
    if reg is not None and record["registration"] is None:
        _finding(record, "fact_from_metadata",
                 f"registration № {reg.value} is given only by {meta_path.name}: {reg.quote!r}")
    # The id follows the facts, wherever they were read (a referenced act's id is made the
    # same way, so an id never depends on the source of a fact).
    # (A text that names itself nowhere keeps its title-based id, unless the metadata gives
    # both date and number.)
    if (record["adopted"] and record["number"]) \
            or not record["id"].startswith(act_id(None, None, None, None) + "_"):
        record["id"] = act_id(record["act_type"], record["issuer"], record["adopted"],
                              record["number"])
    return record


def _in_language(issuer: str, lang: str) -> str:
    """The metadata's (Russian) issuer, named in the record's language where the table
    knows the body."""
    if lang == "kk" and looks_russian(issuer):
        return russian_to_kazakh(issuer) or issuer
    return issuer


def referee_facts(meta_path: Path) -> dict[str, str]:
    """The act's identifying facts as the metadata's ``requisite`` gives them (for choosing
    between two texts that disagree)."""
    if meta_path.stat().st_size > _MAX_META_BYTES:
        return {}
    meta_text = meta_path.read_text("utf-8", errors="replace")
    header = requisite_citation(meta_text)
    if header is None:
        return {}
    facts = {"act_type": header.act_type, "issuer": header.issuer, "adopted": header.adopted,
             "number": header.number}
    return {k: v for k, v in facts.items() if v}


def requisite_citation(meta_text: str) -> Citation | None:
    """The act as the ``requisite`` header sentence names it."""
    requisite = re.search(r"^requisite:\s*(.+)$", meta_text, re.MULTILINE)
    if requisite is None:
        return None
    sentence = requisite.group(1)
    if text_language(sentence) != "ru":
        return None
    cites = russian_citations(sentence)
    return cites[0] if cites and cites[0].start < 5 else None


def _is_day(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _finding(record: JSON, kind: str, message: str) -> None:
    record["findings"].append({"kind": kind, "message": message, "evidence": None})
