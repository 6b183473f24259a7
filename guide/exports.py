"""The published data files: records, the lineage graph, the rules export and their schemas,
written into a folder that becomes the site root (so they are served next to the pages)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from shezhire.eligibility.export import records_to_rules
from shezhire.eligibility.schema import rules_schema, validate_rules
from shezhire.extract.outputs import record_to_json, write_atomic
from shezhire.extract.schema import act_record_schema
from shezhire.graph.akn import Related, akn_index, iter_corpus_akn
from shezhire.graph.build import records_to_graph
from shezhire.graph.export import graph_to_graphml, graph_to_json_text
from shezhire.graph.schema import graph_schema


@dataclass(frozen=True)
class Exports:
    """What the exports were made from, for the pages to reuse."""

    graph: nx.MultiDiGraph
    rules: dict[str, Any]


def records_to_exports(records: Sequence[dict[str, Any]], folder: Path, *,
                       rows: Iterable[dict[str, Any]] | None = None,
                       related: Related | None = None) -> Exports:
    """Write into the scratch folder FOLDER (published by a later atomic step, so its files
    are not flushed one by one) records/ID.json, records.jsonl, graph.json, graph.graphml, rules.json,
    schema/{act_record,graph,rules}.schema.json, and the Akoma Ntoso files akn/ID/kaz@….xml
    with akn/index.json (each act's work URI and its expressions' URIs and files).

    ``records`` may be read from disk on each access (:class:`~shezhire.extract.spool.
    SpooledRecords`): each file is written as its record is read, and only the graph and the
    files' names are kept. The graph is made from ``rows`` when given (the records without
    their texts, :func:`shezhire.guide.context.record_row`: the same graph), and an act's
    versions from the records ``related`` gives (default: all of them)."""
    def lines() -> Iterator[str]:
        for record in records:
            write_atomic(folder / "records" / f"{record['id']}.json", record_to_json(record),
                         durable=False)
            yield json.dumps(record, ensure_ascii=False) + "\n"

    write_atomic(folder / "records.jsonl", lines(), durable=False)
    write_atomic(folder / "schema" / "act_record.schema.json", record_to_json(act_record_schema()))
    lineage = records_to_graph(rows if rows is not None else records)
    write_atomic(folder / "graph.json", graph_to_json_text(lineage))
    write_atomic(folder / "graph.graphml", graph_to_graphml(lineage))
    write_atomic(folder / "schema" / "graph.schema.json", record_to_json(graph_schema()))
    names = []
    for name, data in iter_corpus_akn(records, lineage, related):
        write_atomic(folder / "akn" / name, data.decode("utf-8"), durable=False)
        names.append(name)
    write_atomic(folder / "akn" / "index.json", record_to_json(akn_index(rows if rows is not None else records, names)))
    rules = records_to_rules(records, lineage)
    validate_rules(rules)
    write_atomic(folder / "rules.json", record_to_json(rules))
    write_atomic(folder / "schema" / "rules.schema.json", record_to_json(rules_schema()))
    return Exports(lineage, rules)
