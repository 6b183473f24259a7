"""The lineage graph page in a real browser: the drawing and the list beside it, a click that
opens an act, the relation filter and the date slider (which must agree with graph/timeline.py).

Uses the shared fixtures of tests/browser/conftest.py (the built site, a page that fails on
any request outside 127.0.0.1 and leaves a screenshot when a test fails).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from shezhire.graph.timeline import status_at

DECREE_2018_193 = "2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi"
DECREE_2012_2_516 = "2012-06-06_decree_2-516_almaty-qalasy-akimdigi"

@pytest.fixture(scope="module")
def graph_site(site_dir: Path) -> Path:
    """The built site: its graph page and a page per act must be there."""
    assert (site_dir / "graph" / "index.html").is_file(), "shezhire build wrote no graph/"
    for node in graph_data(site_dir)["nodes"]:
        assert (site_dir / "acts" / node["id"] / "index.html").is_file(), node["id"]
    return site_dir


@pytest.fixture
def graph_page(page: Any, site_url: str, graph_site: Path) -> Iterator[Any]:
    """The shared page, opened on /graph/ with the drawing and the list standing; a
    JavaScript error on the page fails the test."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "graph/")
    page.wait_for_selector("#lineage-graph canvas")
    page.wait_for_selector("#lineage-graph .lg-acts tbody tr")
    yield page
    assert errors == [], f"JavaScript errors on the graph page: {errors}"


# -- helpers ---------------------------------------------------------------------------------


def graph_data(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "graph.json").read_text(encoding="utf-8"))
    return data


def set_day(page: Any, day: str) -> None:
    page.fill("#lg-date", day)
    page.wait_for_function(
        "day => document.querySelector('.lg-count').textContent.startsWith(day)", arg=day)


def status_in_list(page: Any, act: str) -> str:
    cell = page.locator(f'.lg-acts tr[data-act="{act}"] .lg-status')
    return str(cell.get_attribute("data-status"))


# -- tests -----------------------------------------------------------------------------------


def test_graph_page_draws_every_act_and_lists_it_beside_the_canvas(
        graph_page: Any, graph_site: Path) -> None:
    page = graph_page
    nodes = graph_data(graph_site)["nodes"]

    canvas = page.locator("#lineage-graph canvas").first
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 200
    drawn = page.evaluate("() => window.shezhireLineage.cy.nodes('.act').length")
    assert drawn == len(nodes)

    rows = page.locator("#lineage-graph .lg-acts tbody tr")
    assert rows.count() == len(nodes)
    link = page.locator(f'.lg-acts a[data-act="{DECREE_2018_193}"]')
    assert link.text_content() == "2018-07-12 № 193 қаулы"
    assert link.get_attribute("href").endswith(f"/acts/{DECREE_2018_193}/")
    # Stubs are drawn dashed and said to be known only by reference.
    stub = next(n["id"] for n in nodes if not n["in_corpus"])
    style = page.evaluate(
        "id => window.shezhireLineage.cy.getElementById(id).style('border-style')", stub)
    assert style == "dashed"
    assert "тек сілтеме" in page.locator(f'.lg-acts tr[data-act="{stub}"]').text_content()
    assert "Шартты белгілер" in page.locator("#lineage-graph .lg-legend").text_content()


def test_click_on_a_node_opens_its_act_page(graph_page: Any) -> None:
    page = graph_page
    # Scroll to the drawing and pan the node to its middle as a reader would, then click it.
    page.locator("#lineage-graph .lg-canvas").scroll_into_view_if_needed()
    # cytoscape learns of the scroll from the scroll event, fired with the next frame.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    point = page.evaluate("""id => {
        const cy = window.shezhireLineage.cy, node = cy.getElementById(id);
        cy.center(node);
        const box = cy.container().getBoundingClientRect(), at = node.renderedPosition();
        return {x: box.left + at.x, y: box.top + at.y};
    }""", DECREE_2018_193)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(f"**/acts/{DECREE_2018_193}/")
    assert page.title() != ""  # the act's page itself, not a 404


def test_enter_on_a_listed_act_opens_its_page(graph_page: Any) -> None:
    page = graph_page
    page.focus(f'.lg-acts a[data-act="{DECREE_2012_2_516}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/acts/{DECREE_2012_2_516}/")


def test_relation_filter_hides_the_edges_of_that_relation(graph_page: Any) -> None:
    page = graph_page
    visible = "rel => window.shezhireLineage.cy.edges('.' + rel).filter(e => e.visible()).length"
    assert page.evaluate(visible, "cites") > 0
    before = int(page.get_attribute("#lineage-graph", "data-visible-edges"))

    page.get_by_label("сілтеме жасайды").uncheck()
    assert page.evaluate(visible, "cites") == 0
    assert page.evaluate(visible, "repeals") > 0
    assert int(page.get_attribute("#lineage-graph", "data-visible-edges")) < before
    assert page.locator('.lg-relations tr[data-relation="cites"]:visible').count() == 0
    assert page.locator('.lg-relations tr[data-relation="repeals"]:visible').count() > 0

    page.get_by_label("сілтеме жасайды").check()
    assert int(page.get_attribute("#lineage-graph", "data-visible-edges")) == before


def test_date_slider_highlights_the_acts_in_force_that_day(graph_page: Any) -> None:
    page = graph_page
    set_day(page, "2019-01-01")
    assert status_in_list(page, DECREE_2018_193) == "in_force"
    assert status_in_list(page, DECREE_2012_2_516) == "repealed"
    classes = "id => window.shezhireLineage.cy.getElementById(id).classes()"
    assert "in-force" in page.evaluate(classes, DECREE_2018_193)
    assert "dimmed" in page.evaluate(classes, DECREE_2012_2_516)
    in_force = page.locator('.lg-acts td[data-status="in_force"]').count()
    assert f"күшінде болған актілер: {in_force} " in page.locator(".lg-count").text_content()

    # The slider steps through the days something changed and moves the date with it.
    page.focus("#lg-slider")
    page.keyboard.press("Home")
    first_day = page.input_value("#lg-date")
    page.keyboard.press("End")
    last_day = page.input_value("#lg-date")
    assert first_day < "2019-01-01" < last_day
    assert page.locator(".lg-count").text_content().startswith(last_day)


@pytest.mark.parametrize("day", ["2010-01-01", "2013-06-19", "2015-01-01", "2019-01-01",
                                 "2024-01-01", "2025-05-24", "2026-08-01"])
def test_date_slider_agrees_with_the_python_timeline(graph_page: Any, graph_site: Path,
                                                     day: str) -> None:
    g = nx.node_link_graph(graph_data(graph_site), edges="edges")
    page = graph_page
    set_day(page, day)
    shown = page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.lg-acts tr[data-act]')].map(
            r => [r.dataset.act, r.querySelector('.lg-status').dataset.status]))""")
    assert shown == {act: status_at(g, act, day) for act in g.nodes}


def test_act_text_in_the_graph_is_shown_as_text_and_runs_nothing(
        page: Any, site_url: str, graph_site: Path) -> None:
    data = graph_data(graph_site)
    hostile = dict(data["nodes"][0], number="<b>7</b>",
                   title='<img src="x" onerror="window.pwned = 1"><script>window.pwned = 2</script>',
                   issuer="**жуан** [сілтеме](javascript:alert(1))")
    data["nodes"][0] = hostile
    page.route("**/graph.json", lambda route: route.fulfill(
        content_type="application/json", body=json.dumps(data, ensure_ascii=False)))
    page.goto(site_url + "graph/")
    row = page.locator(f'.lg-acts tr[data-act="{hostile["id"]}"]')
    row.wait_for()
    assert hostile["title"] in row.text_content()
    assert hostile["issuer"] in row.text_content()
    assert "№ <b>7</b>" in row.text_content()
    assert page.locator("#lineage-graph img, #lineage-graph script, #lineage-graph b").count() == 0
    assert page.evaluate("() => window.pwned") is None


@pytest.mark.parametrize("day", ["2014-12-01", "2019-01-01", "2025-05-24"])
def test_the_graph_page_lists_in_force_the_acts_the_records_call_in_force(
        graph_page: Any, graph_site: Path, day: str) -> None:
    """One definition of "in force": the acts the page marks in force that day are the ones
    the corpus's records call in_force as of it (and the acts known only by reference that
    `graph in-force` lists)."""
    import datetime as dt

    from shezhire.extract.validity import settle_statuses
    from shezhire.graph.timeline import in_force_on

    records = [json.loads(line) for line in
               (graph_site / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    by_records = {r["id"] for r in settle_statuses(records, dt.date.fromisoformat(day))
                  if r["status"] == "in_force"}
    g = nx.node_link_graph(graph_data(graph_site), edges="edges")
    page = graph_page
    set_day(page, day)
    marked = set(page.evaluate("""() => [...document.querySelectorAll(
        '.lg-acts td[data-status="in_force"]')].map(td => td.closest('tr').dataset.act)"""))
    drawn = set(page.evaluate("() => window.shezhireLineage.cy.nodes('.in-force').map(n => n.id())"))
    assert marked == drawn == set(in_force_on(g, day))
    assert {a for a in marked if g.nodes[a]["in_corpus"]} == by_records
