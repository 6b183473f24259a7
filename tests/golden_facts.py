"""The facts of a record that a lawyer checks against the source, in a canonical form.

Golden files hold these facts, not whole records: every value in them was read against the
act's text by a person before it was committed. Evidence is checked separately (every quote
must stand at its span), so the golden files stay readable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
# Status depends on the day; the golden facts were read for this one.
GOLDEN_DAY = dt.date(2026, 11, 22)


def _ref(ref: dict[str, Any]) -> dict[str, Any]:
    return {k: ref[k] for k in ("act_type", "issuer", "adopted", "number", "registration_number")}


def record_to_facts(record: dict[str, Any]) -> dict[str, Any]:
    reg = record["registration"]
    return {
        "id": record["id"],
        "title": record["title"],
        "status": record["status"],
        "status_label": record["status_label"],
        "act_type": record["act_type"],
        "issuer": record["issuer"],
        "adopted": record["adopted"],
        "number": record["number"],
        "registration": None if reg is None else {k: reg[k] for k in ("number", "date", "by")},
        "in_force_from": record["in_force_from"],
        "repealed_by": [
            {**_ref(r), "in_force_from": r["in_force_from"], "evidence_count": 1 + len(r["more_evidence"])}
            for r in record["repealed_by"]
        ],
        "amended_by": [
            {"act": _ref(a["act"]), "target": a["target"], "action": a["action"],
             "target_provisions": a["target_provisions"]}
            for a in record["amended_by"]
        ],
        "repeals": [_ref(r) for r in record["repeals"]],
        "amends": [{"act": _ref(a["act"]), "target": a["target"], "action": a["action"]}
                   for a in record["amends"]],
        "references": [_ref(r) for r in record["references"]],
        "finding_kinds": sorted({f["kind"] for f in record["findings"]}),
    }
