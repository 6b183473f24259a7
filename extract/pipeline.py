"""The library's entry points: a file in, a validated act record out; a corpus in, its
records (linked, their statuses settled across the corpus) and the files that failed out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shezhire.extract.act_folder import (
    META_FILE,
    TEXT_FILES,
    apply_metadata,
    is_act_folder,
    referee_facts,
)
from shezhire.extract.bilingual import merge_translation
from shezhire.extract.engine import RunSettings, RunStats, run_files
from shezhire.extract.errors import SourceError, UsageError
from shezhire.extract.identity import complete_kind_only_refs, issuer_key
from shezhire.extract.limits import current_limits
from shezhire.extract.models import JSON
from shezhire.extract.readers import iter_act_files, read_source
from shezhire.extract.record import source_to_record
from shezhire.extract.schema import validate_record
from shezhire.extract.spool import RecordSpool, SpooledRecords
from shezhire.extract.targets import target_to_provision_ids
from shezhire.extract.validity import settle_statuses


@dataclass(frozen=True)
class Failure:
    """A file of the corpus that gave no record: its path and the problem, in one line."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


# Wraps the list of files being read, e.g. in a progress bar; returns them in the same order.
Progress = Callable[[list[Path]], Iterable[Path]]


def extract_record(path: str | Path, as_of: dt.date | None = None, *,
                   metadata: bool = True) -> JSON:
    """Read, clean, structure and relate one act file; the record is schema-valid.

    Raises SourceError (from the readers) for a file that cannot be read as an act. A text
    of an act folder (kazakhstan-law layout) also takes what it does not say from the folder's
    ``meta.yaml``, unless ``metadata`` is false.
    """
    path = Path(path)
    if path.is_dir() and is_act_folder(path):
        return extract_act_folder(path, as_of, metadata=metadata)
    record = source_to_record(read_source(path), as_of)
    if metadata and path.name in TEXT_FILES and (path.parent / META_FILE).is_file():
        record = apply_metadata(record, path.parent / META_FILE)
        # The metadata may give the adoption date the text did not: the status follows it.
        settle_statuses([record], dt.date.fromisoformat(record["status_as_of"]))
    # After the metadata, which may name the place of the act's own body.
    complete_kind_only_refs(record)
    validate_record(record)
    return record


def extract_act_folder(folder: Path, as_of: dt.date | None = None, *,
                       metadata: bool = True) -> JSON:
    """The one record of an act folder (kazakhstan-law layout): its Kazakh text's record with
    the Russian text merged in (:func:`~shezhire.extract.bilingual.merge_translation`), each
    text completed from ``meta.yaml``, which also decides between the texts where their
    identifying facts differ.

    A text that cannot be read is a finding on the record of the other; when none can be
    read, the first one's SourceError is raised.
    """
    records: list[JSON] = []
    errors: list[SourceError] = []
    for name in TEXT_FILES:
        if (folder / name).is_file():
            try:
                records.append(extract_record(folder / name, as_of, metadata=metadata))
            except SourceError as unreadable:
                errors.append(unreadable)
    if not records:
        raise errors[0] if errors else SourceError(str(folder), "no act text in the folder")
    record = records[0]
    referee = referee_facts(folder / META_FILE) if metadata else {}
    for other in records[1:]:
        if other["lang"] == record["lang"]:
            record["findings"].append({
                "kind": CONFLICT_KIND, "evidence": None,
                "message": f"{other['source']['path']} is in the same language "
                           f"({other['lang']}) as {record['source']['path']}; it was not merged"})
            continue
        record = merge_translation(record, other, referee)
    record["findings"] += [{"kind": "unreadable_translation", "evidence": None,
                            "message": f"{e.path}: {e.problem}"} for e in errors]
    settle_statuses([record], dt.date.fromisoformat(record["status_as_of"]))
    validate_record(record)
    return record


#: The finding a record gets when another file has its id but other facts.
CONFLICT_KIND = "conflicting_source"

# What two texts of one act must agree on to be merged: the facts that identify the act and
# place it in time and in the lineage, and the outline of its provisions. (Not the wording:
# the Kazakh and the Russian text of one act differ in every sentence.)
_SAME_ACT_FACTS = ("act_type", "issuer", "adopted", "number", "registration", "in_force_from",
                   "status", "repealed_by", "amended_by", "repeals", "amends", "provisions")


@dataclass(frozen=True)
class SourceConflict:
    """Two files claiming one act id with different facts: ``kept`` made the record."""

    act_id: str
    kept: str
    other: str
    differ: tuple[str, ...]

    def message(self) -> str:
        return (f"{self.other} has the same act id but other facts ({', '.join(self.differ)}); "
                f"it was not merged into this record")


def link_records(records: list[JSON]) -> list[JSON]:
    """One record per act, its amendments' targets resolved across the records.

    Records with one id are merged first (:func:`merge_same_acts`): never does a later file
    silently replace an earlier one. Then each amendment's target is resolved to provision
    ids of the amended act, where that act is among ``records`` (an act alone cannot know
    the other act's structure).
    """
    records, _conflicts = merge_same_acts(records)
    by_id = {r["id"]: r for r in records}
    for record in records:
        for amendment in record["amends"]:
            target_act = by_id.get(amendment["act"]["id"])
            if target_act is not None and not amendment["target_provisions"]:
                ids = [p["id"] for p in target_act["provisions"]]
                amendment["target_provisions"] = target_to_provision_ids(amendment["target"], ids)
    return records


def extract_corpus(paths: Sequence[str | Path], as_of: dt.date | None = None, *,
                   progress: Progress | None = None, settings: RunSettings | None = None,
                   stats: RunStats | None = None) -> tuple[list[JSON], list[Failure]]:
    """The records of every act file in ``paths`` (files, and folders standing for the act
    files in them), in input order, and the files that could not be read.

    The records are linked (amendment targets resolved across acts) and each one's status is
    settled as of ``as_of`` (default: today) from what the whole corpus tells of its repeals,
    so it agrees with the corpus's lineage graph. A file that cannot be read, or meets a bug,
    is a :class:`Failure`; the other files are still extracted. Raises UsageError when
    ``paths`` hold no act file at all.

    ``settings`` says how the files are extracted (jobs, cache, engine; default: one job in
    this process, no cache); whatever it says, the result is the same. ``stats``, when
    given, counts the files taken from the cache and those extracted, and gathers the
    cache's warnings. :func:`spool_corpus` gives the same records without holding them all
    in memory.
    """
    records, failures = spool_corpus(paths, as_of, progress=progress, settings=settings,
                                     stats=stats)
    return list(records), failures


def spool_corpus(paths: Sequence[str | Path], as_of: dt.date | None = None, *,
                 progress: Progress | None = None, settings: RunSettings | None = None,
                 stats: RunStats | None = None) -> tuple[SpooledRecords, list[Failure]]:
    """:func:`extract_corpus`, its records kept on disk and read back one at a time
    (:mod:`shezhire.extract.spool`): memory holds only each act's facts, not its texts."""
    current_limits()  # a bad SHEZHIRE_LIMITS is one error, not one per file
    files = iter_act_files(paths)
    if not files:
        raise UsageError(f"no act files in {', '.join(map(str, paths))}")
    day = as_of or dt.date.today()
    stats = stats if stats is not None else RunStats()
    spool = RecordSpool()
    heads: list[JSON] = []
    failures: list[Failure] = []
    outcomes = run_files(files, day, settings or RunSettings())
    for _path, outcome in zip((progress or list)(files), outcomes, strict=True):
        stats.warnings += outcome.warnings
        if outcome.record is not None:
            heads.append(spool.add(outcome.record))
            if outcome.cached:
                stats.cached += 1
            else:
                stats.extracted += 1
        else:
            stats.failed += 1
            failures.append(Failure(outcome.path, outcome.problem or "not extracted"))
    def merge_texts(kept: JSON, other: JSON) -> JSON:
        # A translation brings its texts and provisions, which heads do not hold: merge the
        # two full records and spool the result.
        return spool.add(merge_translation(spool.full(kept), spool.full(other)))

    merged, conflicts = merge_same_acts(heads, merge_texts)
    failures += [Failure(c.other, f"act {c.act_id} is already read from {c.kept} with other "
                                  f"facts ({', '.join(c.differ)}); this file was not used")
                 for c in conflicts]
    return spool.records(settle_statuses(link_records(merged), day)), failures


def merge_same_acts(records: list[JSON],
                    merge_texts: Callable[[JSON, JSON], JSON] = merge_translation,
                    ) -> tuple[list[JSON], list[SourceConflict]]:
    """One record per id, in the order ids first appear, and the conflicts found.

    Two records of one id in two languages (an act's Kazakh and Russian texts) become one:
    the first, with the other text in ``translations`` and where they differ, findings
    (``merge_texts``, by default :func:`~shezhire.extract.bilingual.merge_translation`;
    spooled heads hold no texts, so a spool passes its own). Two of one language with the
    same facts (two copies of a file) become one: the first, with both files in ``sources``.
    Two of one language that differ in a fact are different texts claiming one act: the first is kept and gets a finding (kind
    :data:`CONFLICT_KIND`) naming the other file and the facts that differ; the other is
    not used. Running it again on its own output changes nothing.
    """
    first: dict[str, JSON] = {}
    conflicts: list[SourceConflict] = []
    for record in records:
        kept = first.get(record["id"])
        if kept is None:
            first[record["id"]] = record
            continue
        if record["lang"] != kept["lang"] and record["lang"] not in kept.get("translations", {}):
            # The act's text in another language: one record, its differences findings.
            first[record["id"]] = merge_texts(kept, record)
            continue
        differ = tuple(key for key in _SAME_ACT_FACTS if _fact(kept, key) != _fact(record, key))
        if differ:
            conflict = SourceConflict(record["id"], kept["source"]["path"],
                                      record["source"]["path"], differ)
            conflicts.append(conflict)
            kept["findings"].append(
                {"kind": CONFLICT_KIND, "message": conflict.message(), "evidence": None})
        else:
            known = {source["path"] for source in kept["sources"]}
            kept["sources"] += [s for s in record["sources"] if s["path"] not in known]
    return list(first.values()), conflicts


def _fact(record: JSON, key: str) -> Any:
    value = record.get(key)
    if key == "issuer":  # one body named in Kazakh or in Russian
        return issuer_key(value)
    if key == "provisions":
        return [(p["id"], p["kind"], p["label"]) for p in value or []]
    if key in ("repealed_by", "amended_by", "repeals", "amends"):
        return sorted(_act_of(item) for item in value or [])
    if key == "registration" and value:
        return (value.get("number"), value.get("date"))
    return value


def _act_of(item: JSON) -> str:
    act = item.get("act", item)
    return str(act["id"])
