"""The versions section of an act's page: a block per day the text changed, the changes,
each provision's history, and a banner naming the changing acts whose text is not in the
corpus (seed 001 was reworded by order 2024-06-18 № 223, which is not in the corpus)."""

from __future__ import annotations

import datetime as dt

from golden_facts import CORPUS

from shezhire.extract.pipeline import extract_record
from shezhire.graph.build import records_to_graph
from shezhire.guide.context import Guide
from shezhire.guide.versions import versions_section


def test_the_page_of_seed_001_shows_its_versions_and_who_made_them() -> None:
    records = [extract_record(p) for p in sorted(CORPUS.iterdir())]
    guide = Guide({r["id"]: r for r in records}, records_to_graph(records), dt.date(2026, 11, 22))
    record = next(r for r in records if r["id"].startswith("2023-12-27_order_168"))
    section = versions_section(guide, record, "acts/x/")
    assert section.startswith("## Нұсқалары")
    assert 'class="banner version-banner"' in section and "№ 223" in section
    assert section.count('<details class="version">') == 2
    assert "2023 жылғы 27 желтоқсан күнгі мәтін (толық емес)" in section
    assert "2024 жылғы 18 маусым күнгі мәтін</summary>" in section
    history = section[section.index("provision-history"):]
    assert "<code>rules/p-9</code>" in history and "<code>rules/p-11-1</code>" in history
    # An act whose text never changed has no such section.
    nko = next(r for r in records if r["id"].startswith("2018-07-12_decree_193"))
    assert versions_section(guide, nko, "acts/x/") == ""
