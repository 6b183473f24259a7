"""Reading act records back: the JSON Lines that ``shezhire extract`` prints and ``build``
publishes (``public/records.jsonl``), or the folder of ``ID.json`` files ``extract --out``
writes. Every record is checked against the published schema, so the graph and the checker
never run on something else."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from shezhire.extract.errors import SchemaValidationError, ShezhireError
from shezhire.extract.json_input import json_object
from shezhire.extract.models import JSON
from shezhire.extract.schema import validate_record
from shezhire.extract.spool import RecordSpool, SpooledRecords


class RecordsFileError(ShezhireError):
    """A records file (or folder) that cannot be read as act records; the message names the
    file, the line where there is one, and the problem."""


def read_records(path: Path) -> SpooledRecords:
    """The records of a JSON Lines file (one record a line, blank lines allowed) or of a
    folder of ``*.json`` records (in name order); read one at a time into a record spool
    (:mod:`shezhire.extract.spool`), so memory holds each record's head, not its texts."""
    spool = RecordSpool()
    heads = []
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            raise RecordsFileError(f"{path}: no *.json records in this folder")
        heads = [spool.add(_record(p, _read(p), None)) for p in files]
    else:
        with _open(path) as lines:
            heads = [spool.add(_record(path, line, number))
                     for number, line in enumerate(lines, start=1) if line.strip()]
        if not heads:
            raise RecordsFileError(f"{path}: no records (expected one JSON record a line)")
    counts = Counter(str(h["id"]) for h in heads)
    twice = sorted(i for i, n in counts.items() if n > 1)
    if twice:
        raise RecordsFileError(f"{path}: the act {twice[0]} is given more than once")
    return spool.records(heads)


@contextlib.contextmanager
def _open(path: Path) -> Iterator[Iterator[str]]:
    """The file's lines, read as they are used; its problems as :class:`RecordsFileError`."""
    try:
        handle = path.open(encoding="utf-8", newline=None)
    except FileNotFoundError:
        raise RecordsFileError(f"{path}: no such file") from None
    except OSError as error:
        raise RecordsFileError(f"{path}: cannot be read ({error.strerror})") from None
    with handle:
        yield _lines(path, handle)


def _lines(path: Path, handle: IO[str]) -> Iterator[str]:
    try:
        for line in handle:
            yield line.rstrip("\n")
    except UnicodeDecodeError:
        raise RecordsFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise RecordsFileError(f"{path}: cannot be read ({error.strerror})") from None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecordsFileError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise RecordsFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise RecordsFileError(f"{path}: cannot be read ({error.strerror})") from None


def _record(path: Path, text: str, line: int | None) -> JSON:
    where = f"{path}:{line}" if line is not None else str(path)
    record = json_object(text, where, RecordsFileError, "not an act record (a JSON object)")
    try:
        validate_record(record)
    except SchemaValidationError as error:
        raise RecordsFileError(f"{where}: {error}") from None
    return record
