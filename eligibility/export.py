"""The rules export: one self-contained ``rules.json`` the checker and the browser both read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from shezhire.eligibility.ruleset import catalogue, records_to_rulesets
from shezhire.graph.build import records_to_graph

SCHEMA_VERSION = "1.2.0"  # 1.1: questions give a `max`; 1.2: Russian words (`*_ru`)


def records_to_rules(records: Sequence[dict[str, Any]],
                     g: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """Questions, places and a rule set per act, with citations and validity periods.

    ``g`` is the records' lineage graph (validity comes from it), if the caller has built it.
    """
    g = records_to_graph(records) if g is None else g
    return {
        "schema_version": SCHEMA_VERSION,
        "questions": catalogue()["questions"],
        "places": [{k: p[k] for k in ("value", "label_kk", "label_ru", "kind")} for p in catalogue()["places"]],
        "rulesets": records_to_rulesets(records, g),
    }
