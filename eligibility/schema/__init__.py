"""The JSON Schema of the rules export, and validation against it."""

from __future__ import annotations

from typing import Any

from shezhire.extract.schema import load_schema, validate_against


def rules_schema() -> dict[str, Any]:
    return load_schema("shezhire.eligibility.schema", "rules.schema.json")


def validate_rules(data: dict[str, Any]) -> None:
    """Raise SchemaValidationError naming the first problem."""
    validate_against("shezhire.eligibility.schema", "rules.schema.json", data, "rules export")
