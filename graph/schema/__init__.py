"""The published JSON Schema of the lineage graph export, and validation against it."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from extract.errors import SchemaValidationError


@cache
def graph_schema() -> dict[str, Any]:
    text = resources.files("graph.schema").joinpath("graph.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    schema = graph_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_graph_json(data: dict[str, Any]) -> None:
    """Raise SchemaValidationError naming the first problem (path and message)."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: _path_key(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(graph)"
        message = " ".join(first.message.split())  # one line, whatever the instance holds
        raise SchemaValidationError(f"graph at {where}: {message}")


def _path_key(path: Iterable[str | int]) -> list[tuple[int, int, str]]:
    # Paths mix list indexes and keys; indexes sort numerically ("nodes/2" before "nodes/10").
    return [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in path]
