"""The records of a corpus kept on disk, read back one at a time.

A record holds its act's whole text, each provision's text and more: for a corpus of
thousands of acts, the records alone would fill the memory. :class:`RecordSpool` writes each
record as one JSON line into a temporary file as soon as it is made, and keeps in memory only
its **head**: every fact the corpus-level steps read or change (identity, dates, status,
sources, findings, the lineage lists, each provision's id, kind and label), without the texts.
Merging, linking and settling statuses run on the heads; reading a record back gives the
line from disk with the head's facts over it, so it is the record those steps would have
made of the full records: the same keys in the same order, byte for byte.
"""

from __future__ import annotations

import json
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, overload

from shezhire.extract.models import JSON

# Fields the corpus-level steps never read: left on disk.
_BULK = frozenset({"text", "document_lists", "deadlines"})
_PROVISION_HEAD = ("id", "kind", "label")


class ProvisionHead:
    """A provision as the corpus steps read it (``p["id"]``, ``p["kind"]``, ``p["label"]``):
    a slotted object of three strings shared across acts (interned), a fifth of the memory
    of a dict of its own strings; an act has hundreds of provisions."""

    __slots__ = ("id", "kind", "label")

    def __init__(self, provision: JSON) -> None:
        self.id, self.kind, self.label = (_shared(provision[k]) for k in _PROVISION_HEAD)

    def __getitem__(self, key: str) -> Any:
        if key not in _PROVISION_HEAD:
            raise KeyError(key)
        return getattr(self, key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ProvisionHead) and \
            (self.id, self.kind, self.label) == (other.id, other.kind, other.label)

    __hash__ = None  # type: ignore[assignment]  # as a dict's

    def __repr__(self) -> str:
        return f"ProvisionHead(id={self.id!r}, kind={self.kind!r}, label={self.label!r})"


def _field(key: str, value: Any) -> bytes:
    return f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}" \
        .encode()


def _shared(value: Any) -> Any:
    return sys.intern(value) if isinstance(value, str) else value


def record_head(record: JSON) -> JSON:
    """What the corpus-level steps need of ``record`` (shares the nested lists they change).

    An act's other language (``translations``) stays in the head without its text: the
    steps ask which languages an act has, never what they say."""
    head = {k: v for k, v in record.items()
            if k not in _BULK and k not in ("provisions", "translations")}
    head["provisions"] = [ProvisionHead(p) for p in record["provisions"]]
    if "translations" in record:
        head["translations"] = {lang: {k: v for k, v in other.items() if k not in _BULK}
                                for lang, other in record["translations"].items()}
    return head


class RecordSpool:
    """Records on disk, heads in memory; :meth:`records` gives a lazy sequence of a chosen
    list of heads."""

    def __init__(self) -> None:
        # Lives as long as the spool (the records are read back after this returns); the
        # system deletes it when it is closed, or when the process ends.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="shezhire-records-")  # noqa: SIM115
        self._where: dict[int, int] = {}  # id(head) -> offset of its line
        self._heads: list[JSON] = []  # every head stays alive, so no id is ever reused
        # id(head) -> the line's keys (one tuple for all records of one key order) and the
        # byte length of each field, for :meth:`line`.
        self._fields: dict[int, tuple[tuple[str, ...], array[int]]] = {}
        self._key_orders: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(self, record: JSON) -> JSON:
        """Write ``record`` out; its head (to merge, link and settle)."""
        self._file.seek(0, 2)
        offset = self._file.tell()
        # Field by field, the bytes of ``json.dumps(record, ensure_ascii=False)``: each
        # field's length kept, so :meth:`line` can reuse the fields the head does not hold.
        fields = [_field(key, value) for key, value in record.items()]
        self._file.write(b"{" + b", ".join(fields) + b"}\n")
        head = record_head(record)
        self._where[id(head)] = offset
        keys = tuple(record)
        self._fields[id(head)] = (self._key_orders.setdefault(keys, keys),
                                  array("L", map(len, fields)))
        self._heads.append(head)
        return head

    def line(self, head: JSON) -> str:
        """``json.dumps(self.full(head), ensure_ascii=False)``, without reading the line's JSON:
        the head's facts written over the fields they replace, the other fields (the texts,
        the provisions) copied from the line as they are."""
        fields = self._fields.get(id(head))
        if fields is None or "translations" in head:  # the full record: merged per language
            return json.dumps(self.full(head), ensure_ascii=False)
        keys, lengths = fields
        self._file.seek(self._where[id(head)])
        data = self._file.readline()
        parts: list[bytes] = []
        start = 1  # after "{"
        for key, length in zip(keys, lengths, strict=True):
            if key in head and key != "provisions":
                parts.append(_field(key, head[key]))
            else:
                parts.append(data[start:start + length])
            start += length + 2  # and ", "
        parts += [_field(key, value) for key, value in head.items() if key not in keys]
        return (b"{" + b", ".join(parts) + b"}").decode("utf-8")

    def full(self, head: JSON) -> JSON:
        """The record of ``head``: its line on disk with the head's facts over it."""
        self._file.seek(self._where[id(head)])
        record: JSON = json.loads(self._file.readline())
        for key, value in head.items():
            if key == "translations":  # the head's facts over each language's full entry
                record[key] = {lang: {**record[key].get(lang, {}), **other}
                               for lang, other in value.items()}
            elif key != "provisions":
                record[key] = value
        return record

    def freeze(self, heads: list[JSON], each: Callable[[JSON], None] | None = None) -> None:
        """Write each record of ``heads`` whole (its head's facts over its line) into a new
        file, and replace its head in ``heads`` by its id alone: once the corpus steps are
        done, the records read back are the same, and memory holds an id an act instead of
        its facts. ``each`` is called with each record as it is written. The spool's other
        heads (and any other list of them) are no longer readable."""
        fresh: IO[bytes] = tempfile.TemporaryFile(prefix="shezhire-records-")  # noqa: SIM115
        where: dict[int, int] = {}
        for i, head in enumerate(heads):
            record = self.full(head)
            if each is not None:
                each(record)
            stub = {"id": record["id"]}
            where[id(stub)] = fresh.tell()
            fresh.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            heads[i] = stub
        self._file.close()
        self._file, self._where, self._heads = fresh, where, list(heads)
        self._fields.clear()

    def records(self, heads: list[JSON]) -> SpooledRecords:
        return SpooledRecords(self, heads)

    def close(self) -> None:
        self._file.close()


class SpooledRecords(Sequence[JSON]):
    """A list of records read from the spool on each access (each access a fresh dict)."""

    def __init__(self, spool: RecordSpool, heads: list[JSON]) -> None:
        self._spool = spool
        self.heads = heads

    def freeze(self, each: Callable[[JSON], None] | None = None) -> None:
        """:meth:`RecordSpool.freeze` of these records: their heads become their ids."""
        self._spool.freeze(self.heads, each)

    def __len__(self) -> int:
        return len(self.heads)

    @overload
    def __getitem__(self, index: int) -> JSON: ...
    @overload
    def __getitem__(self, index: slice) -> list[JSON]: ...
    def __getitem__(self, index: int | slice) -> JSON | list[JSON]:
        if isinstance(index, slice):
            return [self._spool.full(h) for h in self.heads[index]]
        return self._spool.full(self.heads[index])

    def __iter__(self) -> Iterator[JSON]:
        for head in self.heads:
            yield self._spool.full(head)

    def lines(self) -> Iterator[str]:
        """Each record as ``json.dumps(record, ensure_ascii=False)`` gives it, in order: a
        corpus printed as JSON Lines without reading every record's JSON back."""
        for head in self.heads:
            yield self._spool.line(head)
