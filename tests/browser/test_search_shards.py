"""The search on a site whose index is in shards (guide/search_index.py): a language's pages
past a shard's count are indexed apart and merged in the browser. The guide of many acts is
indexed again with small shards, so the sought act is in a shard after the first; the reader
finds it by its registration number (only it: a shard without the number does not answer
with words that begin like it), and the browser fetches only a few chunks per shard."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import serve
from synthetic_acts import synthetic_number
from test_search_size import SOUGHT, _search_and_count, build_many_acts

from shezhire.guide.search_index import index_site

SHARD_PAGES = 8


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    out = build_many_acts(tmp_path_factory.mktemp("sharded"))
    shutil.rmtree(out / "pagefind")
    index_site(out, shard_pages=SHARD_PAGES)
    with serve(out) as url:
        yield out, url


def test_an_act_in_a_later_shard_is_found_by_its_registration_number(
        browser: Any, sharded_site: tuple[Path, str]) -> None:
    site, url = sharded_site
    shards = json.loads((site / "pagefind" / "shards.json").read_text("utf-8"))
    assert len(shards["kk"]) >= 2 and len(shards["ru"]) >= 2
    number = synthetic_number(SOUGHT)[1]
    hits, fetched = _search_and_count(browser, url, number)
    # Only the one page holding the number: a shard without the word does not answer with
    # its words that begin like it (Pagefind's fallback for a word cut while typing).
    assert len(hits) == 1 and f"_{synthetic_number(SOUGHT)[0]}_" in hits[0], hits
    # The page's language's shards are merged, the other language's are not.
    kk = {s.rstrip("/") for s in shards["kk"]}
    ru = {s.rstrip("/") for s in shards["ru"]}
    merged = {p.split("/")[1] for p in fetched if p.count("/") >= 2}
    assert kk <= merged and not ru & merged, sorted(fetched)
    # Each shard's own script and wasm are not fetched: the first shard's serve all.
    assert sum(p.endswith("pagefind.js") for p in fetched) <= 1
    assert sum(p.endswith(".pagefind") for p in fetched) == 1, sorted(fetched)
    assert sum(fetched.values()) < 1_000_000
