"""The JSON Schema of the rules export, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

from extract.errors import SchemaValidationError


@cache
def rules_schema() -> dict[str, Any]:
    text = resources.files("eligibility.schema").joinpath("rules.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    Draft202012Validator.check_schema(schema)
    return schema


def validate_rules(data: dict[str, Any]) -> None:
    """Raise SchemaValidationError naming the first problem."""
    errors = sorted(Draft202012Validator(rules_schema()).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(rules)"
        raise SchemaValidationError(f"rules export at {where}: {errors[0].message}")
