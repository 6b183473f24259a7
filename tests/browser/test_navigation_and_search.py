"""Navigation and Kazakh search in the built guide, as a reader uses them."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import INDEX_LOADED, RESULTS_RENDERED, type_keys
from playwright.sync_api import expect


def _search(page: Any, site_url: str, query: str) -> list[str]:
    """Open the search, wait for what a reader waits for before typing (the index loaded:
    "type to search"), type ``query`` key by key, and wait for the results of the whole
    query (not of its first letters) to be listed."""
    page.goto(f"{site_url}/")
    page.keyboard.press("s")  # the search opens on "s" as well as on a click, as Material's
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(INDEX_LOADED, timeout=30_000)
    type_keys(page, query)
    expect(page.locator(".md-search-result")).to_have_attribute(
        "data-shz-query", query, timeout=30_000)
    expect(meta).to_have_text(RESULTS_RENDERED, timeout=30_000)
    return [str(h) for h in page.eval_on_selector_all(
        ".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")]


def test_navigation_from_home_to_an_act_page_and_its_provision(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})  # the sidebar shows on a desktop
    page.goto(f"{site_url}/")
    assert page.locator("html").get_attribute("lang") == "kk"
    page.click("nav.md-nav--primary label.md-nav__link:has-text('Актілер')")  # open the section
    year_link = page.locator("nav.md-nav--primary a:has-text('Жылы бойынша'):visible").first
    # The section slides open (a CSS transition) while its links are already laid out: a click
    # then may land on a link still clipped by the opening list. Wait, as a reader does, for
    # the section to stand open.
    page.wait_for_function(
        "link => link.closest('nav.md-nav').getAnimations({subtree: true}).length === 0",
        arg=year_link.element_handle())
    year_link.click()
    page.wait_for_url("**/index/year/")
    # The years, each with its number of acts, lead to the year's page.
    page.click("table.list-index a:has-text('2018')")
    page.wait_for_url("**/index/year/2018/")
    page.click("a[href*='2018-07-12_decree_193']")
    page.wait_for_url("**/acts/2018-07-12_decree_193*/")
    assert page.locator("#p-reglament--p-4").count() == 1
    assert "Күшін жойған" in page.inner_text("body")


@pytest.mark.parametrize(("query", "expected"), [
    ("тұрғын", "acts/"),      # the housing rules: "тұрғын үй" in titles and text
    ("қаулы", "decree"),      # decrees: "қаулысы", "қаулысымен" are found by their stem
])
def test_inflected_kazakh_queries_find_their_pages(page: Any, site_url: str, query: str,
                                                    expected: str) -> None:
    hits = _search(page, site_url, query)
    assert any(expected in h for h in hits), hits


def test_search_for_a_registration_number_finds_the_act(page: Any, site_url: str) -> None:
    hits = _search(page, site_url, "33835")
    assert any("2023-12-27_order_168" in h for h in hits), hits
