"""The library's entry point: a file in, a validated act record out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shezhire.extract.act_folder import META_FILE, TEXT_FILES, apply_metadata
from shezhire.extract.models import JSON
from shezhire.extract.readers import read_source
from shezhire.extract.record import source_to_record
from shezhire.extract.schema import validate_record
from shezhire.extract.targets import target_to_provision_ids


def extract_record(path: str | Path, as_of: dt.date | None = None, *,
                   metadata: bool = True) -> JSON:
    """Read, clean, structure and relate one act file; the record is schema-valid.

    Raises SourceError (from the readers) for a file that cannot be read as an act. A text
    of an act folder (kazakhstan-law layout) also takes what it does not say from the folder's
    ``meta.yaml``, unless ``metadata`` is false.
    """
    path = Path(path)
    record = source_to_record(read_source(path), as_of)
    if metadata and path.name in TEXT_FILES and (path.parent / META_FILE).is_file():
        record = apply_metadata(record, path.parent / META_FILE)
    validate_record(record)
    return record


def link_records(records: list[JSON]) -> list[JSON]:
    """Resolve each amendment's target to provision ids of the amended act, where that act
    is among ``records`` (an act alone cannot know the other act's structure)."""
    by_id = {r["id"]: r for r in records}
    for record in records:
        for amendment in record["amends"]:
            target_act = by_id.get(amendment["act"]["id"])
            if target_act is not None and not amendment["target_provisions"]:
                ids = [p["id"] for p in target_act["provisions"]]
                amendment["target_provisions"] = target_to_provision_ids(amendment["target"], ids)
    return records
