"""Indented JSON pieces kept between builds: graph.json's nodes and edges.

Python's json module indents with its pure-Python encoder (the compact form has a C one): at
2,000 acts most of graph.json's time, every build, though one changed act changes a few of
its nodes and edges. Each piece's indented text is a function of its compact JSON (which says
every key, value and type in their order), so it is kept under the compact text's hash, and
a rebuild indents only the pieces it has not seen.

The pieces live in one file (``pieces.json`` of the cache folder given), its first line the
hash of the rest: a file whose bytes are not those it hashes (cut short, damaged) is not
read, and every piece is made again. The file is written again only when a piece was made
or one it held was not asked for (so it holds the last build's pieces, no more)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from shezhire.extract.outputs import OutputError, write_atomic
from shezhire.graph.export import indented_json

# The file's first line: this tag, the encoder that indented the pieces, the rest's hash.
_FORMAT = f"shezhire-json-pieces/1 python {sys.version.split()[0]} "


class IndentedPieces:
    """:func:`indented_json` of each value asked for, taken from the cache folder ``folder``
    when the value's compact JSON was indented by an earlier build; :meth:`save` keeps the
    pieces of this build. ``made`` counts the pieces indented here."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "pieces.json"
        self.known = _read(self.path)
        self.used: dict[str, str] = {}
        self.made = 0

    def __call__(self, value: Any) -> str:
        compact = json.dumps(value, ensure_ascii=False)
        key = hashlib.sha256(compact.encode("utf-8")).hexdigest()
        text = self.used.get(key)
        if text is None:
            text = self.known.get(key)
            if text is None:
                text = indented_json(value)
                self.made += 1
            self.used[key] = text
        return text

    def save(self) -> None:
        """Keep this build's pieces, when they are not the ones the file holds. A cache
        that cannot be written is not used."""
        if not self.made and self.used.keys() == self.known.keys():
            return
        body = json.dumps(self.used, ensure_ascii=False, sort_keys=True)
        head = _FORMAT + hashlib.sha256(body.encode("utf-8")).hexdigest()
        with contextlib.suppress(OSError, OutputError):
            write_atomic(self.path, [head, "\n", body], durable=False)


def _read(path: Path) -> dict[str, str]:
    """The pieces of ``path``; none when it is missing, damaged or of another encoder."""
    try:
        head, _, body = path.read_bytes().partition(b"\n")
        if head.decode("ascii") != _FORMAT + hashlib.sha256(body).hexdigest():
            return {}
        pieces = json.loads(body)
    except (OSError, ValueError):
        return {}
    if not isinstance(pieces, dict) or not all(isinstance(v, str) for v in pieces.values()):
        return {}
    return pieces
