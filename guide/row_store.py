"""The guide's rows (:func:`shezhire.guide.context.record_row`) kept on disk, read by act id.

A row is a record without its texts: still tens of KB an act as Python objects (the lineage
lists, the evidence, every provision's span), so a corpus of thousands of acts would hold
hundreds of MB of rows for the whole build. :class:`RowStore` writes each row as one JSON
line into a temporary file and keeps in memory only where each act's line is; reading a row
gives it back from disk (the last few read are kept, for the pages that ask for the same act
many times). Rows are read, never changed: a row read is the row written.
"""

from __future__ import annotations

import json
import tempfile
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import IO, Any

Row = dict[str, Any]

# Rows kept decoded: a page asks for the few acts it links to, again and again.
_RECENT = 64


class RowStore(Mapping[str, Row]):
    """Rows by act id, in the order added (a row added again for an id replaces it in place,
    as in a dict)."""

    def __init__(self) -> None:
        # Lives as long as the store; the system deletes it when closed or the process ends.
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="shezhire-rows-")  # noqa: SIM115
        self._at: dict[str, tuple[int, int]] = {}  # act id -> (offset, length) of its line
        self._recent: OrderedDict[str, Row] = OrderedDict()

    def add(self, row: Row) -> None:
        data = json.dumps(row, ensure_ascii=False).encode("utf-8")
        self._file.seek(0, 2)
        self._at[str(row["id"])] = (self._file.tell(), len(data))
        self._file.write(data + b"\n")
        self._recent.pop(str(row["id"]), None)

    def __getitem__(self, act: str) -> Row:
        recent = self._recent.get(act)
        if recent is not None:
            self._recent.move_to_end(act)
            return recent
        offset, length = self._at[act]
        self._file.seek(offset)
        row: Row = json.loads(self._file.read(length))
        self._recent[act] = row
        if len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        return row

    def __contains__(self, act: object) -> bool:
        return act in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def close(self) -> None:
        self._file.close()
