"""The effects table and the timeline on a phone: from the navigation to the index by year, to
a year's page and back, and from a year to the next, in both languages; no serious
accessibility violation on the index or on a year's page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_accessibility import serious_violations

PHONE = {"width": 390, "height": 844}


def _open_from_navigation(page: Any, site_url: str, root: str, title: str) -> None:
    """The drawer a phone shows the navigation in, opened from the header, and the list's
    entry in it."""
    page.goto(f"{site_url}{root}")
    page.click("label.md-header__button[for='__drawer']")
    link = page.locator(f"nav.md-nav--primary a.md-nav__link:has-text('{title}')").first
    link.wait_for(state="visible")
    page.wait_for_function(
        "link => link.closest('nav.md-nav').getAnimations({subtree: true}).length === 0",
        arg=link.element_handle())
    link.click()


@pytest.mark.parametrize(("root", "base", "title", "every_year"), [
    ("", "effects", "Өзгерістер кестесі", "Барлық жылдар"),
    ("", "timeline", "Хронология", "Барлық жылдар"),
    ("ru/", "effects", "Таблица изменений", "Все годы"),
    ("ru/", "timeline", "Хронология", "Все годы"),
])
def test_on_a_phone_the_index_and_a_years_page_link_to_each_other(
        page: Any, site_url: str, root: str, base: str, title: str, every_year: str) -> None:
    page.set_viewport_size(PHONE)
    _open_from_navigation(page, site_url, root, title)
    page.wait_for_url(f"**/{root}{base}/")
    years = page.locator("table.list-index tbody tr td:first-child a")
    assert years.count() > 1
    year = years.last.inner_text()
    count = int(page.locator("table.list-index tbody tr").last.locator("td").nth(1).inner_text())
    years.last.click()
    page.wait_for_url(re.compile(rf"/{root}{base}/\d{{4}}/$"))
    assert year in page.locator("h1").inner_text()
    assert page.locator("article table tbody tr").count() == count
    # The page fits the phone: the table scrolls within it, not the page sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The year before, then back to every year.
    page.locator("nav.list-pager a[rel='prev']").first.click()
    page.wait_for_url(re.compile(rf"/{root}{base}/\d{{4}}/$"))
    assert year not in page.locator("h1").inner_text()
    page.locator("nav.list-pager a[rel='next']").first.click()
    page.wait_for_url(re.compile(rf"/{root}{base}/{year[:4]}/$"))
    page.locator(f"nav.list-pager a:has-text('{every_year}')").first.click()
    page.wait_for_url(f"**/{root}{base}/")
    assert page.locator("table.list-index").count() == 1


@pytest.mark.parametrize("path", ["effects/", "effects/2026/", "ru/timeline/2026/"])
def test_no_serious_or_critical_violation_on_the_list_pages(
        page: Any, site_url: str, axe_source: str, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(site_url + path)
    violations = serious_violations(page, axe_source)
    assert not violations, "\n".join(violations)
