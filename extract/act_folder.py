"""Act folders in the kazakhstan-law layout: ``kaz.md``, ``rus.md`` and ``meta.yaml`` are one act.

The texts are read as any Markdown act; ``meta.yaml`` is a second source of facts (its
``requisite`` is the database's header sentence). A fact the text does not give is taken from
the metadata with a finding that quotes it; a fact both give and on which they disagree is a
finding, and the text's reading is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from shezhire.extract.identity import act_id
from shezhire.extract.models import JSON

TEXT_FILES = ("kaz.md", "rus.md")  # the primary text first
META_FILE = "meta.yaml"
_MAX_META_BYTES = 1_000_000


def is_act_folder(folder: Path) -> bool:
    return (folder / META_FILE).is_file() and any((folder / n).is_file() for n in TEXT_FILES)


def primary_text(folder: Path) -> Path:
    return next(folder / n for n in TEXT_FILES if (folder / n).is_file())


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
        number = re.search(r"(?:№|N)\s*([^\s.,;]+)", sentence)
        if number:
            facts["number"] = MetaFact(number.group(1), sentence)
        registered = re.search(r"(?:Зарегистрирован\S*|тіркелді)[^.]*?(?:№|N)\s*(\d+)|"
                               r"(?:№|N)\s*(\d+)\s+болып\s+тіркелді", requisite.group(1))
        if registered:
            facts["registration_number"] = MetaFact(registered.group(1) or registered.group(2),
                                                    registered.group(0))
    return facts


def apply_metadata(record: JSON, meta_path: Path) -> JSON:
    """Fill what the text did not say from ``meta.yaml``; disagreements are findings."""
    if meta_path.stat().st_size > _MAX_META_BYTES:
        return record
    facts = meta_facts(meta_path.read_text("utf-8", errors="replace"))
    for field in ("adopted", "number"):
        fact = facts.get(field)
        if fact is None:
            continue
        if record[field] is None:
            record[field] = fact.value
            _finding(record, "fact_from_metadata",
                     f"{field} {fact.value} is read from {meta_path.name}: {fact.quote!r}")
        elif record[field] != fact.value:
            _finding(record, "metadata_disagrees",
                     f"the text gives {field} {record[field]}, {meta_path.name} {fact.value}: "
                     f"{fact.quote!r}")
    reg = facts.get("registration_number")
    if reg is not None and record["registration"] is None:
        _finding(record, "fact_from_metadata",
                 f"registration № {reg.value} is given only by {meta_path.name}: {reg.quote!r}")
    if record["adopted"] and record["number"] and record["id"].startswith("undated_"):
        record["id"] = act_id(record["act_type"], record["issuer"], record["adopted"],
                              record["number"])
    return record


def _finding(record: JSON, kind: str, message: str) -> None:
    record["findings"].append({"kind": kind, "message": message, "evidence": None})
