"""The published JSON Schema of the act record, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from extract.errors import SchemaValidationError


@cache
def act_record_schema() -> dict[str, Any]:
    text = resources.files("extract.schema").joinpath("act_record.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Draft202012Validator:
    schema = act_record_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def validate_record(record: dict[str, Any]) -> None:
    """Raise SchemaValidationError naming the first problem (path and message)."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(record)"
        raise SchemaValidationError(f"record {record.get('id')!r} at {where}: {first.message}")
