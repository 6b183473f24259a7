"""What a reader's browser downloads to answer a search, on a guide of many acts.

The guide is built from acts made of the seeds' bodies under new numbers (bench/synthetic_acts.py,
the benchmark's generator). A reader opens the search and looks an act up by its registration
number; every byte the browser fetched from then until the results are listed is counted
(the bodies of the responses, as Playwright reports them). The lunr index the guide used before
held the text of every page and was downloaded whole before the first result: the bytes
fetched must stay far below the pages' text (which that index held in full), and the files
fetched must be the few chunks the query needs, not the index.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY
from helpers import INDEX_LOADED, RESULTS_RENDERED, serve
from playwright.sync_api import expect
from synthetic_acts import copy_seeds, synthetic_number

ACTS = 25
SOUGHT = 17  # the synthetic act looked up
MAX_SHOWN = 10  # the results whose excerpts the search box shows (site/assets/search.js)


def build_many_acts(root: Path) -> Path:
    """The guide of ``ACTS`` synthetic acts, built by ``shezhire build`` into ``root/public``."""
    from click.testing import CliRunner

    from shezhire.cli import cli

    copy_seeds(ACTS, root / "corpus")
    out = root / "public"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(root / "corpus"), "--out",
                                      str(out), "--as-of", GOLDEN_DAY.isoformat()])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def many_acts_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    out = build_many_acts(tmp_path_factory.mktemp("many-acts"))
    with serve(out) as url:
        yield out, url


def pages_text_bytes(site: Path) -> int:
    """The UTF-8 bytes of the text of every indexed page (what a whole-text index holds)."""
    total = 0
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        total += len(fragment["content"].encode("utf-8"))
    return total


def _search_and_count(browser: Any, url: str, query: str) -> tuple[list[str], dict[str, int]]:
    """The results' links and the bytes of every response from opening the search to the
    results of ``query`` listed, by URL path."""
    context = browser.new_context(locale="kk-KZ", service_workers="block")
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(url)
        responses: list[Any] = []
        page.on("response", lambda response: responses.append(response))
        page.keyboard.press("s")
        meta = page.locator(".md-search-result__meta")
        expect(meta).to_have_text(INDEX_LOADED, timeout=30_000)
        # The whole query as one input (a paste): the bytes of this query alone, not of the
        # queries its first letters make while it is typed.
        page.fill("input.md-search__input", query)
        expect(page.locator(".md-search-result")).to_have_attribute(
            "data-shz-query", query, timeout=30_000)
        expect(meta).to_have_text(RESULTS_RENDERED)
        hits = [str(h) for h in page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")]
        # The results are listed once their fragments have come: every response is in.
        # Not counted: the page's icon, fetched late, and the sitemaps the theme's language
        # switch fetches at load (one per language tree, a few hundred bytes each).
        fetched = {r.url.removeprefix(url): len(r.body()) for r in responses
                   if not r.url.endswith(("/favicon.png", "sitemap.xml"))}
        return hits, fetched
    finally:
        context.close()


@pytest.mark.parametrize("query", [synthetic_number(SOUGHT)[1],
                                   f"№ {synthetic_number(SOUGHT)[1]}"])
def test_a_registration_number_is_found_with_a_few_chunks_of_the_index(
        browser: Any, many_acts_site: tuple[Path, str], query: str) -> None:
    site, url = many_acts_site
    hits, fetched = _search_and_count(browser, url, query)
    assert len(hits) == 1 and f"_{synthetic_number(SOUGHT)[0]}_" in hits[0], hits
    assert all(path.startswith("pagefind/") for path in fetched), sorted(fetched)
    chunks = [p for p in fetched if p.endswith(".pf_index")]
    fragments = [p for p in fetched if p.endswith(".pf_fragment")]
    indexed = len(list((site / "pagefind" / "fragment").iterdir()))
    assert indexed > ACTS and len(fragments) <= MAX_SHOWN
    assert 1 <= len(chunks) < len(list((site / "pagefind" / "index").iterdir()))
    total = sum(fetched.values())
    assert total < pages_text_bytes(site) / 10, (total, sorted(fetched.items()))
    assert total < 1_000_000


def test_a_common_word_fetches_only_the_excerpts_it_shows(
        browser: Any, many_acts_site: tuple[Path, str]) -> None:
    """Every act holds "тұрғын": all are found, the excerpts of the first ten are fetched."""
    site, url = many_acts_site
    hits, fetched = _search_and_count(browser, url, "тұрғын")
    assert len(hits) == MAX_SHOWN
    fragments = [p for p in fetched if p.endswith(".pf_fragment")]
    assert len(fragments) == MAX_SHOWN
    assert sum(fetched.values()) < pages_text_bytes(site) / 5
