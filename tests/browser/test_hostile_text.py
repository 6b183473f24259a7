"""Hostile act text in the guide, in a real browser: the made-up acts of tests/fixtures/guide/
(titles, headings and points carrying <script>, <img onerror>, <iframe>, javascript: links,
a </title> break-out) shown as text in the search results and on the graph page, with no
script run and no element made from them. (The act pages are checked in tests/test_guide.py;
the checklist's quotes in test_checklist.py.)
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY
from helpers import INDEX_LOADED, RESULTS_RENDERED, serve, type_keys
from playwright.sync_api import expect

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "guide"
HOSTILE_TITLE = "Зиянды <script>alert(1)</script> мәтін <img src=x onerror=alert(1)>"
INJECTED = "img, script:not([src]), iframe, object, embed, [onerror], [onclick], [onmouseover]"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The guide built from the made-up hostile acts alone, served on the loopback."""
    from click.testing import CliRunner

    from shezhire.cli import cli

    root = tmp_path_factory.mktemp("hostile-guide")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("markup-injection-order.txt", "title-breakout-order.txt"):
        shutil.copy(FIXTURES / name, corpus)
    out = root / "public"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out),
                                      "--as-of", GOLDEN_DAY.isoformat()])
    assert result.exit_code == 0, result.output
    with serve(out) as url:
        yield url


@pytest.fixture
def watched(page: Any) -> Iterator[Any]:
    """The page; a dialog (alert) or a script error on it fails the test."""
    events: list[str] = []
    page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("pageerror", lambda error: events.append(f"error: {error}"))
    yield page
    assert events == [], events


def test_search_results_show_hostile_titles_as_text(watched: Any, hostile_site: str) -> None:
    page = watched
    page.goto(hostile_site)
    page.keyboard.press("s")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text(INDEX_LOADED, timeout=30_000)
    type_keys(page, "Зиянды")
    # The results of the whole word (the list names the query it answers), then listed.
    expect(page.locator(".md-search-result")).to_have_attribute(
        "data-shz-query", "Зиянды", timeout=30_000)
    expect(meta).to_have_text(RESULTS_RENDERED, timeout=30_000)
    results = page.locator(".md-search-result")
    assert "<script>alert(1)</script>" in results.inner_text()
    assert results.locator(INJECTED).count() == 0
    for href in results.locator("a").evaluate_all("els => els.map(e => e.href)"):
        assert not href.lower().startswith("javascript:"), href


def test_graph_page_labels_and_list_show_hostile_titles_as_text(
        watched: Any, hostile_site: str) -> None:
    page = watched
    page.goto(hostile_site + "graph/")
    page.wait_for_selector("#lineage-graph canvas")
    page.wait_for_selector("#lineage-graph .lg-acts tbody tr")
    table = page.locator("#lineage-graph .lg-acts").inner_text()
    assert HOSTILE_TITLE in table
    assert "</title><script>alert(2)</script>" in table
    # The drawing's labels are the acts' dates and numbers, drawn on the canvas as text.
    labels = page.evaluate(
        "() => window.shezhireLineage.cy.nodes('.act').map(n => n.data('label'))")
    assert sorted(label.split()[-2] for label in labels) == ["7", "8"], labels
    assert page.locator("#lineage-graph").locator(INJECTED).count() == 0
    # Hovering an act's node, as a reader does before clicking it, runs nothing either.
    box = page.locator("#lineage-graph canvas").last.bounding_box()
    position = page.evaluate("""() => {
      const n = window.shezhireLineage.cy.nodes('.act')[0];
      return n.renderedPosition(); }""")
    page.mouse.move(box["x"] + position["x"], box["y"] + position["y"])
    assert page.locator(INJECTED).count() == _theme_images(page)


def _theme_images(page: Any) -> int:
    """Images and scripts the theme itself puts on every page (none come from act text)."""
    count: int = page.evaluate(f"""() => [...document.querySelectorAll({INJECTED!r})]
      .filter(e => !e.closest('#lineage-graph')).length""")
    return count


def test_every_page_of_the_hostile_site_runs_nothing(watched: Any, hostile_site: str) -> None:
    page = watched
    page.goto(hostile_site)
    links = {re.sub(r"#.*$", "", h) for h in page.locator("a[href]").evaluate_all(
        "els => els.map(e => e.href)") if h.startswith(hostile_site)}
    for url in sorted(links):
        page.goto(url)
        assert page.locator("[onerror], [onclick], [onmouseover], iframe").count() == 0, url
