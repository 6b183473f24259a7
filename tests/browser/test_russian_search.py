"""Search in the Russian tree (/ru/) finds Russian inflected forms, from the one Pagefind index
of the site: a real act with both texts (Almaty oblast maslikhat, 2024-04-26 № 20-94, from
the kazakhstan-law layout in tests/realworld) built into a guide of its own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import serve, type_keys
from playwright.sync_api import expect

ACT = (Path(__file__).parents[1] / "realworld" / "kazakhstan-law-local"
       / "almobl-maslikhat-2024-04-26-20-94")


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from click.testing import CliRunner

    from shezhire.cli import cli

    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ACT, corpus / ACT.name)
    out = tmp_path_factory.mktemp("site") / "public"
    result = CliRunner().invoke(cli, ["build", "--out", str(out), "--corpus", str(corpus),
                                      "--as-of", "2026-12-01"])
    assert result.exit_code == 0, result.output
    with serve(out) as url:
        yield url


def _search(page: Any, url: str, query: str) -> list[str]:
    """Search as a reader does on the page ``url``: open, wait for the index (the theme's own
    words for "type to search" in the page's language), type, wait for this query's results."""
    page.goto(url)
    words = page.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations")
    page.keyboard.press("s")
    page.locator("input.md-search__input").wait_for(state="visible")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(words["search.result.placeholder"], timeout=30_000)
    type_keys(page, query)
    expect(page.locator(".md-search-result")).to_have_attribute(
        "data-shz-query", query, timeout=30_000)
    expect(meta).not_to_have_text(words["search.result.placeholder"], timeout=30_000)
    return [str(h) for h in page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.href)")]


@pytest.mark.parametrize("query", ["отходы", "программа"])
def test_a_russian_query_finds_the_russian_text_in_another_form(
        page: Any, bilingual_site: str, query: str) -> None:
    # The Russian text says "по управлению отходами", "программы": other forms of the query.
    hits = _search(page, f"{bilingual_site}ru/", query)
    assert page.locator("html").get_attribute("lang") == "ru"
    assert any(h.startswith(f"{bilingual_site}ru/acts/2024-04-26_") for h in hits), hits
    assert all(h.startswith(f"{bilingual_site}ru/") for h in hits), hits  # Russian pages only


def test_the_kazakh_tree_searches_the_kazakh_text(page: Any, bilingual_site: str) -> None:
    # The Kazakh text says "қалдықтарын басқару бағдарламасын".
    hits = _search(page, bilingual_site, "бағдарлама")
    assert any(h.startswith(f"{bilingual_site}acts/2024-04-26_") for h in hits), hits
    assert not any(h.startswith(f"{bilingual_site}ru/") for h in hits), hits
