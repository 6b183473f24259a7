"""The published data files: records, the lineage graph, the rules export and their schemas,
written into a folder that becomes the site root (so they are served next to the pages)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import networkx as nx

from shezhire.eligibility.export import records_to_rules
from shezhire.eligibility.schema import rules_schema, validate_rules
from shezhire.extract.cache import extractor_version, files_digest
from shezhire.extract.outputs import OutputError, record_to_json, write_atomic
from shezhire.extract.schema import act_record_schema
from shezhire.graph.akn import Related, akn_index, iter_corpus_akn
from shezhire.graph.build import records_to_graph
from shezhire.graph.export import iter_graph_json_text, iter_graphml
from shezhire.graph.queries import effects
from shezhire.graph.schema import graph_schema
from shezhire.guide.json_pieces import IndentedPieces
from shezhire.guide.linked_files import link_or_write, read_checked, write_checked


@dataclass(frozen=True)
class Exports:
    """What the exports were made from, for the pages to reuse."""

    graph: nx.MultiDiGraph
    rules: dict[str, Any]
    # Each record's records/ID.json, hashed, by act id: what the pages' Markdown cache keys
    # a page that read the record by.
    digests: dict[str, bytes] = dataclasses.field(default_factory=dict)


def records_to_exports(records: Sequence[dict[str, Any]], folder: Path, *,
                       rows: Iterable[dict[str, Any]] | None = None,
                       related: Related | None = None,
                       related_ids: Callable[[str], Sequence[str]] | None = None,
                       cache: Path | None = None) -> Exports:
    """Write into the scratch folder FOLDER (published by a later atomic step, so its files
    are not flushed one by one) records/ID.json, records.jsonl, graph.json, graph.graphml, rules.json,
    schema/{act_record,graph,rules}.schema.json, and the Akoma Ntoso files akn/ID/kaz@….xml
    with akn/index.json (each act's work URI and its expressions' URIs and files).

    ``records`` may be read from disk on each access (:class:`~shezhire.extract.spool.
    SpooledRecords`): each file is written as its record is read, and only the graph and the
    files' names are kept. The graph is made from ``rows`` when given (the records without
    their texts, :func:`shezhire.guide.context.record_row`: the same graph), and an act's
    versions from the records ``related`` gives (default: all of them).

    With ``cache`` (a folder), each record's file records/ID.json (indented JSON, written by
    Python's pure-Python encoder: most of the exports' time on a rebuild) is kept there too,
    keyed by the record's compact JSON (its line of records.jsonl), and taken from there
    while the record is the same (:func:`_record_file`).

    With ``cache`` (a folder) and ``related_ids`` (the ids of the records ``related`` gives,
    without reading them), each act's Akoma Ntoso files are kept there, keyed by what they
    are made from (:func:`_akn_key`): a rebuild makes again only the files of the acts whose
    record, amending records or effects in the graph changed."""
    digests: dict[str, bytes] = {}  # each record's JSON file, hashed: a part of the AKN keys

    def lines() -> Iterator[str]:
        for record in records:
            line = json.dumps(record, ensure_ascii=False)
            entry, data = _record_file(record, line, cache)
            digests[str(record["id"])] = hashlib.sha256(data).digest()
            # A hard link of the cache's entry where it can be, else the bytes written.
            link_or_write(entry, data, folder / "records" / f"{record['id']}.json")
            yield line + "\n"

    write_atomic(folder / "records.jsonl", lines(), durable=False)
    write_atomic(folder / "schema" / "act_record.schema.json", record_to_json(act_record_schema()),
                 durable=False)
    lineage = records_to_graph(rows if rows is not None else records)
    _write_graph_json(folder / "graph.json", lineage, cache)
    # Written as its nodes and edges are made: the document is never held whole.
    write_atomic(folder / "graph.graphml", iter_graphml(lineage), durable=False)
    write_atomic(folder / "schema" / "graph.schema.json", record_to_json(graph_schema()),
                 durable=False)
    names = []
    akn = ((name, data, None) for name, data in iter_corpus_akn(records, lineage, related)) \
        if cache is None or related is None or related_ids is None \
        else _cached_akn(records, lineage, related, related_ids, digests, cache)
    for name, data, entry in akn:
        # A hard link of the cache's file where there is one, else the bytes written.
        link_or_write(entry, data, folder / "akn" / name)
        names.append(name)
    write_atomic(folder / "akn" / "index.json",
                 record_to_json(akn_index(rows if rows is not None else records, names)),
                 durable=False)
    rules = records_to_rules(records, lineage)
    validate_rules(rules)
    write_atomic(folder / "rules.json", record_to_json(rules), durable=False)
    write_atomic(folder / "schema" / "rules.schema.json", record_to_json(rules_schema()),
                 durable=False)
    return Exports(lineage, rules, digests)


# A record file's cache entry: the file's bytes as a plain file (so the published file can be
# a hard link of it), and beside it this line with the hash of the bytes (linked_files.py).
_JSON_FORMAT = b"shezhire-record-file/2 "
# The encoder that indents the files: this Python's json module.
_ENCODER = f"python {sys.version.split()[0]}\n".encode()


def _write_graph_json(path: Path, lineage: nx.MultiDiGraph, cache: Path | None) -> None:
    """graph.json, written a node and an edge at a time as they are made (the document is
    never held whole: ~47 KB an act at once when it was); with ``cache``, its nodes and edges
    indented by an earlier build are taken from the cache's ``graph/``
    (:mod:`shezhire.guide.json_pieces`)."""
    if cache is None:
        write_atomic(path, iter_graph_json_text(lineage), durable=False)
        return
    pieces = IndentedPieces(cache / "graph")
    try:
        write_atomic(path, iter_graph_json_text(lineage, pieces), durable=False)
    except BaseException:
        pieces.discard()  # the pieces file of a graph.json not written is not kept
        raise
    pieces.save()


def _record_file(record: Mapping[str, Any], line: str, cache: Path | None
                 ) -> tuple[Path | None, bytes]:
    """records/ID.json's bytes (:func:`record_to_json`, UTF-8), with the cache entry that
    holds exactly them (None without one). With ``cache``: read from its entry there when
    the record's compact JSON (``line``, which says every key, value and type in their
    order: the indented text is a function of it) is the same, else made and kept. A damaged
    entry (its bytes not those its ``.sum`` hashes) is made again."""
    if cache is None:
        return None, record_to_json(record).encode("utf-8")
    key = hashlib.sha256(_JSON_FORMAT + _ENCODER + line.encode("utf-8")).hexdigest()
    entry = cache / "json" / key[:2] / f"{key}.json"
    data = read_checked(entry, _JSON_FORMAT)
    if data is not None:
        return entry, data
    data = record_to_json(record).encode("utf-8")
    write_checked(entry, data, _JSON_FORMAT)
    # Not linked the build that made it: the entry may not have been written.
    return None, data


def _cached_akn(records: Iterable[Mapping[str, Any]], lineage: nx.MultiDiGraph,
                related: Related, related_ids: Callable[[str], Sequence[str]],
                digests: Mapping[str, bytes], cache: Path
                ) -> Iterator[tuple[str, bytes, Path | None]]:
    """:func:`iter_corpus_akn`, each act's files taken from ``cache`` when its key is there;
    with each file, the cache's plain file that holds exactly its bytes (None for a file
    made now)."""
    for record in records:
        act = str(record["id"])
        key = _akn_key(act, lineage, related_ids(act), digests)
        entry = cache / key[:2] / f"{key}.json"
        files = _read_akn(entry, key, cache)
        if files is not None:
            yield from files
            continue
        made = list(iter_corpus_akn([record], lineage, related))
        # Each file's bytes kept as a plain file named by their hash (the published file can
        # be a hard link of it), the entry listing the names and hashes. A cache that cannot
        # be written is not used; an entry cut short is not JSON, a file cut short not its
        # hash.
        with contextlib.suppress(OSError, OutputError):
            stored = []
            for name, data in made:
                digest = hashlib.sha256(data).hexdigest()
                write_atomic(_akn_file(cache, digest), data, durable=False)
                stored.append([name, digest])
            write_atomic(entry, json.dumps({"key": key, "files": stored}, ensure_ascii=False),
                         durable=False)
        yield from ((name, data, None) for name, data in made)


def _akn_file(cache: Path, digest: str) -> Path:
    """The cache's plain file of the AKN file whose bytes hash to ``digest``."""
    return cache / "akn" / digest[:2] / f"{digest}.xml"


def _akn_key(act: str, lineage: nx.MultiDiGraph, related: Sequence[str],
             digests: Mapping[str, bytes]) -> str:
    """What an act's AKN files are made from: the code that makes them, its record and the
    records its versions read (their JSON files' hashes), and its effects in the graph with
    the graph's facts of the acts that made them."""
    mods = [dataclasses.asdict(e) for e in effects(lineage, act) if e.affected_act == act]
    nodes = {e["affecting_act"]: lineage.nodes.get(e["affecting_act"], {}) for e in mods}
    digest = hashlib.sha256(_akn_code().encode())
    for other in related:
        digest.update(f"\0{other}\0".encode() + digests.get(other, b"?"))
    digest.update(json.dumps([mods, nodes], ensure_ascii=False, sort_keys=True,
                             default=str).encode())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _akn_code() -> str:
    """The code of the AKN files: the extractor's (consolidation, models), the graph
    package's and lxml's version."""
    digest = hashlib.sha256(f"akn/2 {extractor_version()} lxml {version('lxml')}".encode())
    graph = Path(__file__).resolve().parent.parent / "graph"
    digest.update(files_digest(graph, graph.glob("*.py")).encode())
    return digest.hexdigest()


def _read_akn(entry: Path, key: str, cache: Path) -> list[tuple[str, bytes, Path]] | None:
    """An act's files from its cache entry, each with its plain file; None when the entry or
    any of its files is missing or damaged (a file's bytes not those its name hashes)."""
    try:
        stored = json.loads(entry.read_text("utf-8"))
        if stored["key"] != key:
            return None
        files = []
        for name, digest in stored["files"]:
            if not re.fullmatch(r"[0-9a-f]{64}", str(digest)):
                return None
            path = _akn_file(cache, str(digest))
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() != digest:
                return None
            files.append((str(name), data, path))
        return files
    except (OSError, ValueError, KeyError, TypeError):
        return None
