"""The library's entry point: a file in, a validated act record out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from extract.models import JSON
from extract.readers import read_source
from extract.record import source_to_record
from extract.schema import validate_record


def extract_record(path: str | Path, as_of: dt.date | None = None) -> JSON:
    """Read, clean, structure and relate one act file; the record is schema-valid.

    Raises SourceError (from the readers) for a file that cannot be read as an act.
    """
    record = source_to_record(read_source(path), as_of)
    validate_record(record)
    return record
