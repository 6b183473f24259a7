"""Indented JSON pieces kept between builds: graph.json's nodes and edges.

Python's json module indents with its pure-Python encoder (the compact form has a C one): at
2,000 acts most of graph.json's time, every build, though one changed act changes a few of
its nodes and edges. Each piece's indented text is a function of its compact JSON (which says
every key, value and type in their order), so it is kept under the compact text's hash, and
a rebuild indents only the pieces it has not seen.

The pieces live in one file (``pieces.json`` of the cache folder given): its first line the
hash of the rest, then one line a piece (its key, a tab, its text as a JSON string). A file
whose bytes are not those it hashes (cut short, damaged) is not read, and every piece is
made again. Neither file is held in memory: the file read is indexed (each piece's key and
where its line is) and a piece read when it is asked for; the pieces of this build are
written to the next file as they are asked for (graph.json's text is about 8 KB an act, the
file's as much: both held, they grew with the corpus as graph.json made whole did). The
next file replaces the last only when a piece was made or one it held was not asked for (so
it holds the last build's pieces, no more)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from shezhire.extract.outputs import _umask
from shezhire.graph.export import indented_json

# The file's first line: this tag, the encoder that indented the pieces, the rest's hash.
_FORMAT = f"shezhire-json-pieces/2 python {sys.version.split()[0]} "
_HEAD_SIZE = len(_FORMAT) + 64 + 1  # the tag, a SHA-256 in hex, the line break


class IndentedPieces:
    """:func:`indented_json` of each value asked for, taken from the cache folder ``folder``
    when the value's compact JSON was indented by an earlier build; :meth:`save` keeps the
    pieces of this build (:meth:`discard` drops them). ``made`` counts the pieces indented
    here."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "pieces.json"
        self.known, self._old = _index(self.path)
        # This build's pieces: where each is in the next file (a value asked for twice is
        # read back, not indented again).
        self.used: dict[bytes, tuple[int, int]] = {}
        self._end = _HEAD_SIZE
        self.made = 0
        self._next: IO[bytes] | None = None
        self._next_path: Path | None = None
        self._digest = hashlib.sha256()
        # A cache that cannot be written is not used (the pieces are still made).
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=".pieces.json.", suffix=".tmp", dir=folder)
            os.fchmod(fd, 0o666 & ~_umask())  # as write_atomic's files, not mkstemp's 0600
            self._next, self._next_path = os.fdopen(fd, "w+b"), Path(name)
            self._next.write(b"\0" * _HEAD_SIZE)  # the head, written once the rest is hashed

    def __call__(self, value: Any) -> str:
        compact = json.dumps(value, ensure_ascii=False)
        key = hashlib.sha256(compact.encode("utf-8")).digest()
        if key in self.used:
            text = self._read(self._next, self.used[key])
            if text is not None:
                return text
        text = self._read(self._old, self.known.get(key))
        if text is None:
            text = indented_json(value)
            self.made += 1
        if key not in self.used:
            self._keep(key, text)
        return text

    def save(self) -> None:
        """Keep this build's pieces, when they are not the ones the file holds."""
        self._close_old()
        if self._next is None or self._next_path is None:
            return
        if not self.made and len(self.used) == len(self.known):  # the same pieces
            self.discard()
            return
        try:
            self._next.seek(0)
            self._next.write((_FORMAT + self._digest.hexdigest() + "\n").encode("ascii"))
            self._next.close()
            os.replace(self._next_path, self.path)
        except OSError:
            self._drop_next()
        self._next = self._next_path = None

    def discard(self) -> None:
        """Drop this build's pieces (its file not written whole): the last file stays."""
        self._close_old()
        self._drop_next()

    def _drop_next(self) -> None:
        if self._next is not None:
            self._next.close()
            self._next = None
        if self._next_path is not None:
            self._next_path.unlink(missing_ok=True)
            self._next_path = None

    @staticmethod
    def _read(handle: IO[bytes] | None, where: tuple[int, int] | None) -> str | None:
        """The piece at ``where`` (its text's offset and length) in the file ``handle``."""
        if where is None or handle is None:
            return None
        try:
            handle.seek(where[0])
            text = json.loads(handle.read(where[1]))
        except (OSError, ValueError):
            return None
        return text if isinstance(text, str) else None

    def _keep(self, key: bytes, text: str) -> None:
        if self._next is None:
            return
        piece = json.dumps(text, ensure_ascii=False).encode("utf-8")
        line = key.hex().encode("ascii") + b"\t" + piece + b"\n"
        self._digest.update(line)
        try:
            self._next.seek(self._end)  # after a piece read back
            self._next.write(line)
        except OSError:  # a cache that cannot be written is not used
            self._drop_next()
            return
        self.used[key] = (self._end + len(line) - len(piece) - 1, len(piece))
        self._end += len(line)

    def _close_old(self) -> None:
        if self._old is not None:
            self._old.close()
            self._old = None


def _index(path: Path) -> tuple[dict[bytes, tuple[int, int]], IO[bytes] | None]:
    """Where each piece of ``path`` is (its key: the offset and length of its JSON text),
    and the file open for reading them; none when it is missing, damaged or of another
    encoder. The file is read a line at a time (hashed, not kept)."""
    try:
        handle = path.open("rb")
    except OSError:
        return {}, None
    index: dict[bytes, tuple[int, int]] = {}
    digest = hashlib.sha256()
    try:
        head = handle.readline()
        offset = len(head)
        for line in handle:
            digest.update(line)
            key, tab, rest = line.partition(b"\t")
            if not tab or not line.endswith(b"\n"):
                raise ValueError("not a piece's line")
            index[bytes.fromhex(key.decode("ascii"))] = (offset + len(key) + 1, len(rest) - 1)
            offset += len(line)
        if head.decode("ascii") != _FORMAT + digest.hexdigest() + "\n":
            raise ValueError("not the bytes the head hashes")
    except (OSError, ValueError):
        handle.close()
        return {}, None
    return index, handle
