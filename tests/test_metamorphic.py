"""Metamorphic tests: where lines break, blank lines and page furniture fall must not change
what is read. For every seed and every real page of the development set, each transformation
of the text gives the same header facts and relations as the text as found.

Cases that do not hold yet are listed in tests/metamorphic_known_gaps.json and marked as
strict expected failures: fixing one makes its test fail until it is taken off the list.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from shezhire.extract.record import record_from_text

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "corpus").glob("*.txt")) + sorted(
    (ROOT / "tests" / "realworld" / "adilet-pages").glob("*/page.*.txt"))
KNOWN_GAPS = set(json.loads((ROOT / "tests" / "metamorphic_known_gaps.json")
                            .read_text("utf-8"))["gaps"])
DAY = "2026-12-01"
FOOTER = ("Егер Сіз беттен қате тапсаңыз, тінтуірмен сөзді немесе фразаны белгілеңіз және "
          "Ctrl+Enter пернелер тіркесін басыңыз")


def _wrap(width: int) -> Callable[[str], str]:
    def wrap(text: str) -> str:
        return "\n".join(textwrap.fill(line, width) if line.strip() else line
                         for line in text.split("\n"))
    return wrap


TRANSFORMS: dict[str, Callable[[str], str]] = {
    "no_blank_lines": lambda t: re.sub(r"\n[ \t]*\n", "\n", t),
    "wrap_30": _wrap(30),
    "wrap_50": _wrap(50),
    "wrap_80": _wrap(80),
    "wrap_200": _wrap(200),
    "site_footer": lambda t: t.rstrip("\n") + "\n" + FOOTER + "\n",
    "no_break_spaces": lambda t: t[:600].replace(" ", "\u00a0") + t[600:],
    "tabs_in_header": lambda t: t[:600].replace(" ", "\t", 20) + t[600:],
}


def _facts(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "act_type": record["act_type"], "adopted": record["adopted"],
        "number": record["number"], "issuer": record["issuer"],
        "registration": (record["registration"] or {}).get("number"),
        "repealed_by": sorted(r["id"] for r in record["repealed_by"]),
        "repeals": sorted(r["id"] for r in record["repeals"]),
        "amends": sorted({a["act"]["id"] for a in record["amends"]}),
    }


@cache
def _as_found(path: Path) -> dict[str, Any]:
    return _facts(record_from_text(path.read_text("utf-8"), as_of=DAY))


def _case_id(path: Path, name: str) -> str:
    return f"{path.relative_to(ROOT)}::{name}"


CASES = [pytest.param(path, name, id=_case_id(path, name),
                      marks=[pytest.mark.xfail(strict=True, reason="known gap")]
                      if _case_id(path, name) in KNOWN_GAPS else [])
         for path in TEXTS for name in TRANSFORMS]


@pytest.mark.parametrize(("path", "name"), CASES)
def test_a_transformed_text_gives_the_same_facts(path: Path, name: str) -> None:
    changed = TRANSFORMS[name](path.read_text("utf-8"))
    assert _facts(record_from_text(changed, as_of=DAY)) == _as_found(path)


def test_every_known_gap_is_a_case_of_the_suite() -> None:
    cases = {_case_id(path, name) for path in TEXTS for name in TRANSFORMS}
    assert cases >= KNOWN_GAPS
