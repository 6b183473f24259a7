"""A cache of the act pages' Markdown, keyed by what each page read when it was made, so a
rebuild after one act changed makes again only the pages that read something of it.

An act's page reads its own record, the graph around it (its lineage chain, the acts it
cites and that cite it, their names, dates and statuses), the records of the acts that amend
it and the provisions of the acts it links into: which acts depends on the data, so the key
is not listed by hand but recorded. The page is made with a :class:`~shezhire.guide.context.
Guide` whose records, graph, record loader and amenders' index note every act they are
asked about (:class:`_Reads`); each note names an input, and the entry keeps each input's
value when the page was made:

- ``r`` an act's record (a row, the whole record or whether the corpus holds it): the hash
  of its records/ID.json file (every key and value of the record);
- ``n`` an act's node in the graph with its incoming and outgoing edges, in the graph's
  order (and whether the graph holds it);
- ``a`` the acts that amend an act (the amenders' index entry).

A page that asks for something the recorder does not name an act by (the list of every
record or node, their number) is not cached: it is made on every build. The key of an entry
holds what every page shares: the code of the guide, the graph and the extractor, the
library versions, the page's language and the build day, and the page's path. A rebuild takes
a page's Markdown from its entry when each recorded input has the value it had; otherwise
the page is made again (and its entry written over). The page is the same, byte for byte,
either way.

Entries are two files: ``FOLDER/KEY[:2]/KEY.md``, the page's Markdown bytes as a plain file
(so the docs folder's page can be a hard link of it: :mod:`shezhire.guide.linked_files`), and
``KEY.md.sum`` beside it: a first line with the hash of the rest, a line of JSON with the
inputs' values, and the hash of the Markdown file's bytes. A damaged entry (either file cut
short or changed, also in place through a link) is made again and written anew in new files,
never in place.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import networkx as nx

from shezhire.extract.cache import extractor_version, files_digest
from shezhire.extract.outputs import OutputError, write_atomic
from shezhire.guide.context import Guide, Record
from shezhire.guide.i18n import lang

FORMAT = b"shezhire-markdown/2 "


class _Reads:
    """The inputs a page asked for, in the order first asked; ``everything`` when it asked
    for something not named by one act (then the page is not cached)."""

    def __init__(self) -> None:
        self.inputs: dict[str, None] = {}
        self.everything = False

    def add(self, kind: str, act: str) -> None:
        self.inputs.setdefault(f"{kind}\0{act}", None)


class _ReadRecords(Mapping[str, Record]):
    """The guide's records, noting each act asked for."""

    def __init__(self, records: Mapping[str, Record], reads: _Reads) -> None:
        self._records = records
        self._reads = reads

    def __getitem__(self, act: str) -> Record:
        self._reads.add("r", act)
        return self._records[act]

    def __contains__(self, act: object) -> bool:
        if not isinstance(act, str):
            self._reads.everything = True
        else:
            self._reads.add("r", act)
        return act in self._records

    def __iter__(self) -> Iterator[str]:
        self._reads.everything = True
        return iter(self._records)

    def __len__(self) -> int:
        self._reads.everything = True
        return len(self._records)


class _ReadNodes:
    """``g.nodes``, noting each act asked for."""

    def __init__(self, graph: nx.MultiDiGraph, reads: _Reads) -> None:
        self._graph = graph
        self._reads = reads

    def __getitem__(self, act: str) -> dict[str, Any]:
        self._reads.add("n", act)
        return cast(dict[str, Any], self._graph.nodes[act])

    def __contains__(self, act: object) -> bool:
        if not isinstance(act, str):
            self._reads.everything = True
        else:
            self._reads.add("n", act)
        return act in self._graph.nodes

    def get(self, act: str, default: Any = None) -> Any:
        self._reads.add("n", act)
        return self._graph.nodes.get(act, default)

    def __iter__(self) -> Iterator[str]:
        self._reads.everything = True
        return iter(self._graph.nodes)

    def __len__(self) -> int:
        self._reads.everything = True
        return len(self._graph.nodes)

    def __getattr__(self, name: str) -> Any:
        self._reads.everything = True
        return getattr(self._graph.nodes, name)


class _ReadGraph:
    """The lineage graph, noting each act whose node or edges are asked for; anything else
    asked of it (every node, every edge, their number) marks the page as reading everything.
    Python's operators on it (``g[act]``, ``len(g)``) are not provided: a page using them
    fails loudly rather than be cached on a key that misses them."""

    def __init__(self, graph: nx.MultiDiGraph, reads: _Reads) -> None:
        self._graph = graph
        self._reads = reads
        self.nodes = _ReadNodes(graph, reads)

    def _one(self, nbunch: Any) -> None:
        if isinstance(nbunch, str) and nbunch in self._graph:
            self._reads.add("n", nbunch)
        else:
            self._reads.everything = True

    def in_edges(self, nbunch: Any = None, *args: Any, **kwargs: Any) -> Any:
        self._one(nbunch)
        return self._graph.in_edges(nbunch, *args, **kwargs)

    def out_edges(self, nbunch: Any = None, *args: Any, **kwargs: Any) -> Any:
        self._one(nbunch)
        return self._graph.out_edges(nbunch, *args, **kwargs)

    def get_edge_data(self, u: Any, v: Any, *args: Any, **kwargs: Any) -> Any:
        # The edges from u to v are u's outgoing edges (and v's incoming ones).
        self._one(u)
        self._one(v)
        return self._graph.get_edge_data(u, v, *args, **kwargs)

    def has_node(self, act: Any) -> bool:
        return act in self.nodes

    def __contains__(self, act: object) -> bool:
        return act in self.nodes

    def __getattr__(self, name: str) -> Any:
        self._reads.everything = True
        return getattr(self._graph, name)


class _ReadAmenders:
    """The amenders' index (:func:`shezhire.guide.context.amending_acts`), noting each key."""

    def __init__(self, amenders: Mapping[tuple[str, ...], list[str]], reads: _Reads) -> None:
        self._amenders = amenders
        self._reads = reads

    def get(self, key: tuple[str, ...], default: Any = None) -> Any:
        self._reads.add("a", json.dumps(list(key), ensure_ascii=False))
        return self._amenders.get(key, default)

    def __getattr__(self, name: str) -> Any:
        self._reads.everything = True
        return getattr(self._amenders, name)


def _reading(guide: Guide, reads: _Reads) -> Guide:
    """The same guide, its every look-up noted in ``reads``."""
    load = guide.load

    def read_load(act: str) -> Record:
        reads.add("r", act)
        assert load is not None
        return load(act)

    return replace(guide, records=_ReadRecords(guide.records, reads),
                   g=cast(nx.MultiDiGraph, _ReadGraph(guide.g, reads)),
                   load=read_load if load is not None else None,
                   amenders=cast(dict[tuple[str, ...], list[str]],
                                 _ReadAmenders(guide.amenders, reads)))


@dataclass
class MarkdownCacheStats:
    """Act pages made in the last build and taken from the cache, by their docs path in the
    language they were made in ("kk/acts/…/index.md")."""

    made: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CachedPage:
    """An act page's Markdown bytes and the cache entry that holds exactly them (checked
    against its hash, or just written), to be linked rather than written again (``entry``
    None: the page is not cached)."""

    data: bytes
    entry: Path | None


class MarkdownCache:
    """The act pages' Markdown in ``folder``, for one build's ``guide`` whose records' files
    hash to ``digests`` (by act id: :class:`shezhire.guide.exports.Exports`)."""

    def __init__(self, folder: Path, guide: Guide, digests: Mapping[str, bytes]) -> None:
        self.folder = folder
        self.stats = MarkdownCacheStats()
        self._guide = guide
        self._digests = digests
        self._values: dict[str, str | None] = {}

    def page(self, path: str, make: Callable[[Guide], str]) -> bytes:
        """The UTF-8 bytes of the page at docs path ``path`` that ``make`` makes from a
        guide: from the cache when every input it read has the value it had."""
        return self.cached(path, make).data

    def cached(self, path: str, make: Callable[[Guide], str]) -> CachedPage:
        """:meth:`page`, with the entry that holds its bytes (to link it into the docs
        folder)."""
        key = hashlib.sha256(f"{_shared_key(self._guide.as_of.isoformat(), lang())}\0{path}"
                             .encode()).hexdigest()
        entry = self.folder / key[:2] / f"{key}.md"
        stored = _read_entry(entry)
        if stored is not None:
            inputs, body = stored
            if all(self._value(name) == value for name, value in inputs):
                self.stats.reused.append(f"{lang()}/{path}")
                return CachedPage(body, entry)
        reads = _Reads()
        data = make(_reading(self._guide, reads)).encode("utf-8")
        self.stats.made.append(f"{lang()}/{path}")
        values = [(name, self._value(name)) for name in reads.inputs]
        if not reads.everything and all(value is not None for _, value in values) \
                and _write_entry(entry, values, data):
            return CachedPage(data, entry)
        return CachedPage(data, None)

    def _value(self, name: str) -> str | None:
        """An input's value in this build (None: not known; such a page is not cached)."""
        if name not in self._values:
            self._values[name] = self._compute(name)
        return self._values[name]

    def _compute(self, name: str) -> str | None:
        kind, _, act = name.partition("\0")
        if kind == "r":
            if act not in self._guide.records:
                return "-"
            digest = self._digests.get(act)
            return digest.hex() if digest is not None else None
        if kind == "n":
            g = self._guide.g
            if act not in g.nodes:
                return "-"
            return _hash([g.nodes[act], list(g.in_edges(act, keys=True, data=True)),
                          list(g.out_edges(act, keys=True, data=True))])
        if kind == "a":
            return _hash(self._guide.amenders.get(tuple(json.loads(act))))
        return None


def _hash(value: Any) -> str | None:
    """The hash of a value as JSON, in its own order (no sorting: a page may depend on the
    order of an act's edges); None for a value JSON cannot say whole."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=8)
def _shared_key(day: str, page_lang: str) -> str:
    """What every page's Markdown depends on besides its inputs: the code that makes it (the
    guide's, the graph's and the extractor's, whose models and validity rule the guide
    uses), the library versions, the language and the build day."""
    package = Path(__file__).resolve().parent.parent
    code = [p for folder in ("guide", "graph") for p in (package / folder).glob("*.py")]
    digest = hashlib.sha256(FORMAT)
    digest.update(files_digest(package, code).encode())
    digest.update(f"\0{extractor_version()}\0networkx {version('networkx')}\0"
                  f"{sys.version_info[:3]}\0{page_lang}\0{day}".encode())
    return digest.hexdigest()


def _sum_path(entry: Path) -> Path:
    return entry.with_name(entry.name + ".sum")


def _read_entry(entry: Path) -> tuple[list[tuple[str, str]], bytes] | None:
    """An entry's inputs and Markdown; None when missing or damaged."""
    try:
        head, _, rest = _sum_path(entry).read_bytes().partition(b"\n")
        body = entry.read_bytes()
    except OSError:
        return None
    if head != FORMAT + hashlib.sha256(rest).hexdigest().encode():
        return None
    line, _, body_hash = rest.partition(b"\n")
    if body_hash != hashlib.sha256(body).hexdigest().encode():
        return None
    try:
        inputs = json.loads(line)
        return [(str(name), str(value)) for name, value in inputs], body
    except (ValueError, TypeError):
        return None


def _write_entry(entry: Path, values: list[tuple[str, str | None]], data: bytes) -> bool:
    """Keep a page's Markdown ``data`` and its inputs' ``values``: the Markdown first, then
    the file that hashes it (an entry left half-written by a crash does not match); each in
    a new file renamed over the old one, not flushed (the hashes tell a whole entry from
    one cut short). Returns whether both were written (a cache that cannot be written is
    not used)."""
    rest = (json.dumps(values, ensure_ascii=False) + "\n").encode("utf-8") \
        + hashlib.sha256(data).hexdigest().encode()
    head = FORMAT + hashlib.sha256(rest).hexdigest().encode()
    try:
        write_atomic(entry, data, durable=False)
        write_atomic(_sum_path(entry), head + b"\n" + rest, durable=False)
    except (OSError, OutputError):
        return False
    return True
