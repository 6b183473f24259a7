"""The published JSON Schemas: loading them from a package, and validating against them.

The act record's schema lives here; the graph's and the rules' schemas live beside their
packages and use the same two functions.

Validation runs twice over only when it fails: ``jsonschema-rs`` (compiled, a thousandth of
the time; a sixth of a record's extraction went into validating it) says whether the data is
valid; only data it rejects goes through ``jsonschema``, which names the problem (and is the
reference: what it accepts passes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from shezhire.extract.errors import SchemaValidationError


@cache
def load_schema(package: str, name: str) -> dict[str, Any]:
    """A schema file shipped in ``package``, checked to be a valid draft 2020-12 schema."""
    schema: dict[str, Any] = json.loads(resources.files(package).joinpath(name).read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@cache
def _validator(package: str, name: str) -> Draft202012Validator:
    # Formats are checked, not only annotated: a "date" must be a real day (no 31 February).
    return Draft202012Validator(load_schema(package, name),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _fast_validator(package: str, name: str) -> jsonschema_rs.Validator:
    # Offline: the schemas refer only to themselves; formats asserted, as above.
    return jsonschema_rs.validator_for(load_schema(package, name), validate_formats=True,
                                       offline=True)


def validate_against(package: str, name: str, data: Any, what: str) -> None:
    """Raise SchemaValidationError naming the first problem (its path, one line)."""
    if _fast_validator(package, name).is_valid(data):
        return
    errors = sorted(_validator(package, name).iter_errors(data),
                    key=lambda e: _path_key(e.absolute_path))
    if errors:
        # The first problem by place; inside a oneOf/anyOf, its most telling branch (a bad
        # day in "date or null" is named as the day, not as "valid under none of the schemas").
        first = best_match([errors[0]])
        where = "/".join(str(p) for p in first.absolute_path) or f"({what})"
        message = " ".join(first.message.split())
        raise SchemaValidationError(f"{what} at {where}: {message}")


def _path_key(path: Iterable[str | int]) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in path]


def act_record_schema() -> dict[str, Any]:
    return load_schema("shezhire.extract.schema", "act_record.schema.json")


def validate_record(record: dict[str, Any]) -> None:
    """Raise SchemaValidationError naming the first problem of an act record."""
    validate_against("shezhire.extract.schema", "act_record.schema.json", record,
                     f"record {record.get('id')!r}")
