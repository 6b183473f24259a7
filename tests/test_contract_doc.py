"""docs/act-record.md is the contract; the published schema must carry every field it names."""

from __future__ import annotations

import re
from pathlib import Path

from shezhire.extract.schema import act_record_schema

DOC = Path(__file__).resolve().parent.parent / "docs" / "act-record.md"


def _section_fields(section: str) -> list[str]:
    text = DOC.read_text("utf-8")
    body = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    table = re.findall(r"^\| `(\w+)` \|", body, flags=re.M)
    inline = re.findall(r'"(\w+)"', body.split("`:", 1)[0]) if not table else []
    return table or inline


def test_every_act_field_of_the_contract_is_in_the_schema() -> None:
    schema = act_record_schema()
    fields = _section_fields("Act")
    assert len(fields) >= 20
    assert set(fields) <= set(schema["properties"]), set(fields) - set(schema["properties"])
    assert set(fields) <= set(schema["required"])


def test_every_part_of_the_contract_is_in_the_schema() -> None:
    defs = act_record_schema()["$defs"]
    for section, name in (("ActRef", "act_ref"), ("Provision", "provision"),
                          ("Finding", "finding")):
        fields = _section_fields(section)
        assert fields, section
        assert set(fields) <= set(defs[name]["properties"]), (section, fields)
