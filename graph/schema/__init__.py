"""The published JSON Schema of the lineage graph export, and validation against it."""

from __future__ import annotations

from typing import Any

from shezhire.extract.schema import load_schema, validate_against


def graph_schema() -> dict[str, Any]:
    return load_schema("shezhire.graph.schema", "graph.schema.json")


def validate_graph_json(data: dict[str, Any]) -> None:
    """Raise SchemaValidationError naming the first problem (path and message)."""
    validate_against("shezhire.graph.schema", "graph.schema.json", data, "graph")
