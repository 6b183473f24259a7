"""The records of a corpus kept on disk, read back one at a time.

A record holds its act's whole text, each provision's text and more: for a corpus of
thousands of acts, the records alone would fill the memory. :class:`RecordSpool` writes each
record as one JSON line into a temporary file as soon as it is made, and keeps in memory only
its **head**: every fact the corpus-level steps read or change (identity, dates, status,
sources, findings, the lineage lists, each provision's id, kind and label), without the texts.
Merging, linking and settling statuses run on the heads; reading a record back gives the
line from disk with the head's facts over it, so it is the record those steps would have
made of the full records: the same keys in the same order, byte for byte.

A head holds only what those steps read, held small: the lineage lists as the ids and dates
they read (the evidence stays on disk), each amendment's target and the provisions it resolves
to (the one fact linking changes), the provisions' ids, kinds and labels read from disk when
asked for (linking asks for those of an amended act, rarely), the other languages by name.
The heads are what the corpus half holds for every act at once: ~36 KB an act (traced, the
synthetic acts of bench/make_corpus.py) with the lists' evidence and a slotted object a
provision, ~9 KB now (their findings, sources and amendments' targets).
"""

from __future__ import annotations

import json
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import IO, Any, overload

from shezhire.extract.models import JSON

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


def record_head(record: JSON, provisions: Sequence[Any] | None = None) -> JSON:
    """What the corpus-level steps need of ``record`` (the facts they change in objects of
    the head's own, laid over the record when it is read back: :meth:`RecordSpool.full`).

    An act's other languages (``translations``) stay in the head by name: the steps ask
    which languages an act has, never what they say. The lineage lists keep what the steps
    read of each entry (its act's id and dates; an amendment's target and the provisions it
    resolves to); ``provisions`` stands for the provisions (default: a list of
    :class:`ProvisionHead`)."""
    head = {k: _slim(k, v) for k, v in record.items() if k in _HEAD}
    head["provisions"] = provisions if provisions is not None else \
        [ProvisionHead(p) for p in record["provisions"]]
    if "translations" in record:
        head["translations"] = {lang: {} for lang in record["translations"]}
    return head


# What the corpus steps read (merging: the identifying facts, sources and findings; linking:
# the amendments; settling statuses: the dates and the repeals), and nothing else.
_HEAD = frozenset({"id", "lang", "act_type", "issuer", "adopted", "number", "registration",
                   "in_force_from", "status", "status_as_of", "status_label", "source",
                   "sources", "findings", "repealed_by", "amended_by", "repeals", "amends"})
# Lists the steps read and never change: their entries slimmed, not laid over the record.
_READ_ONLY = frozenset({"repealed_by", "amended_by", "repeals"})
# What the steps read of an entry of a lineage list (an act's id and dates, an amendment's
# target and the provisions linking resolves it to).
# Fields of a head that :meth:`RecordSpool.line` copies from the line: the head holds them
# slimmed (an amendment's resolved provisions are laid in by ``full``) or not at all.
_FROM_DISK = _READ_ONLY | {"amends", "provisions"}
_ENTRY = ("id", "in_force_from", "adopted", "target", "target_provisions")


def _slim(key: str, value: Any) -> Any:
    if key not in _READ_ONLY and key != "amends":
        return value
    return [_slim_entry(entry) for entry in value]


def _slim_entry(entry: JSON) -> JSON:
    slim = {k: _shared(entry[k]) for k in _ENTRY if k in entry}
    if "act" in entry:
        slim["act"] = {"id": _shared(entry["act"]["id"])}
    return slim


class _SpooledProvisions(Sequence[ProvisionHead]):
    """A record's provisions as :class:`ProvisionHead` objects, read from its line in the
    spool each time they are asked for (the spool keeps the last act's decoded)."""

    __slots__ = ("_count", "_offset", "_spool")

    def __init__(self, spool: RecordSpool, offset: int, count: int) -> None:
        self._spool, self._offset, self._count = spool, offset, count

    def _read(self) -> list[ProvisionHead]:
        return self._spool.provisions_at(self._offset)

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> ProvisionHead: ...
    @overload
    def __getitem__(self, index: slice) -> list[ProvisionHead]: ...
    def __getitem__(self, index: int | slice) -> ProvisionHead | list[ProvisionHead]:
        return self._read()[index]

    def __iter__(self) -> Iterator[ProvisionHead]:
        return iter(self._read())


class RecordSpool:
    """Records on disk, heads in memory; :meth:`records` gives a lazy sequence of a chosen
    list of heads."""

    def __init__(self) -> None:
        # Lives as long as the spool (the records are read back after this returns); the
        # system deletes it when it is closed, or when the process ends.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="shezhire-records-")  # noqa: SIM115
        self._where: dict[int, int] = {}  # id(head) -> offset of its line
        self._heads: list[JSON] = []  # every head stays alive, so no id is ever reused
        # The provisions last read (linking reads one amended act's for each amendment).
        self._provisions: tuple[int, list[ProvisionHead]] = (-1, [])
        # id(head) -> the line's keys (one tuple for all records of one key order) and the
        # byte length of each field, for :meth:`line`.
        self._fields: dict[int, tuple[tuple[str, ...], array[int]]] = {}
        self._key_orders: dict[tuple[str, ...], tuple[str, ...]] = {}

    def provisions_at(self, offset: int) -> list[ProvisionHead]:
        """The provisions of the record whose line is at ``offset``."""
        if self._provisions[0] != offset:
            self._file.seek(offset)
            provisions = json.loads(self._file.readline())["provisions"]
            self._provisions = (offset, [ProvisionHead(p) for p in provisions])
        return self._provisions[1]

    def add(self, record: JSON) -> JSON:
        """Write ``record`` out; its head (to merge, link and settle)."""
        self._file.seek(0, 2)
        offset = self._file.tell()
        # Field by field, the bytes of ``json.dumps(record, ensure_ascii=False)``: each
        # field's length kept, so :meth:`line` can reuse the fields the head does not hold.
        fields = [_field(key, value) for key, value in record.items()]
        self._file.write(b"{" + b", ".join(fields) + b"}\n")
        head = record_head(record, _SpooledProvisions(self, offset, len(record["provisions"])))
        self._where[id(head)] = offset
        keys = tuple(record)
        self._fields[id(head)] = (self._key_orders.setdefault(keys, keys),
                                  array("L", map(len, fields)))
        self._heads.append(head)
        return head

    def line(self, head: JSON) -> str:
        """``json.dumps(self.full(head), ensure_ascii=False)``, without reading the line's JSON:
        the head's facts written over the fields they replace, the other fields (the texts,
        the provisions, the lineage lists the steps only read) copied from the line as they
        are."""
        fields = self._fields.get(id(head))
        if fields is None or "translations" in head or any(
                "target_provisions" in amendment for amendment in head.get("amends", ())):
            # The full record: merged per language, or an amendment's resolved provisions
            # laid into its entry on disk.
            return json.dumps(self.full(head), ensure_ascii=False)
        keys, lengths = fields
        self._file.seek(self._where[id(head)])
        data = self._file.readline()
        parts: list[bytes] = []
        start = 1  # after "{"
        for key, length in zip(keys, lengths, strict=True):
            if key in head and key not in _FROM_DISK:
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
            elif key == "amends":  # linking resolves an amendment's target to provisions
                for amendment, slim in zip(record[key], value, strict=True):
                    if "target_provisions" in slim:
                        amendment["target_provisions"] = slim["target_provisions"]
            elif key != "provisions" and key not in _READ_ONLY:
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
        self._provisions = (-1, [])
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
