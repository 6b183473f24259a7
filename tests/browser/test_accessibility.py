"""axe-core on the pages citizens use: no serious or critical accessibility violation.

axe-core comes from the npm registry (`npm install --prefix .cache/axe axe-core@4`, done by
.ci/run); it is injected into each page from that file, so the check itself loads nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

BILINGUAL_ACT = (Path(__file__).resolve().parents[1] / "realworld" / "kazakhstan-law-local"
                 / "almobl-akim-2001-10-04-10-125")
PERSONA = Path(__file__).resolve().parents[1] / "personas" / "13-almaty-2024-disabled-child-exempt.json"


def act_page_path(site_rules: dict[str, Any]) -> str:
    """An act page: the act of the national rules, the one most citizens will land on."""
    return f"acts/{site_rules['rulesets'][-1]['act']['id']}/"


def serious_violations(page: Any, axe_source: str, within: str | None = None) -> list[str]:
    """axe's serious and critical violations on the page (or within one element of it)."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async (within) => {
      const context = within ? {include: [[within]]} : document;
      const r = await axe.run(context, {resultTypes: ['violations']});
      return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""", within)
    return [f"{v['impact']}: {v['id']} — {v['help']} at {v['nodes']}" for v in result
            if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("name", ["home", "act", "checklist", "graph"])
def test_no_serious_or_critical_violation(page: Any, site_url: str, site_dir: Path,
                                          site_rules: dict[str, Any], axe_source: str,
                                          name: str) -> None:
    path = {"home": "", "act": act_page_path(site_rules), "checklist": "checklist/",
            "graph": "graph/"}[name]
    assert (site_dir / path / "index.html").is_file(), f"the guide has no page {path or '/'}"
    page.goto(site_url + path)
    # What a reader waits for before the page is complete: the checklist's form, the graph's
    # drawing and its list (both are built by scripts after the page loaded).
    if name == "checklist":
        page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
    if name == "graph":
        page.wait_for_selector("#lineage-graph canvas")
        page.wait_for_selector("#lineage-graph .lg-acts tbody tr")
    violations = serious_violations(page, axe_source)
    assert not violations, "\n".join(violations)


def test_the_answered_checklist_has_no_serious_violation(
        checklist_page: Any, axe_source: str) -> None:
    """The result (reasons, quotes, the tick list, the deadline table) is checked too."""
    answers = json.loads(PERSONA.read_text("utf-8"))["answers"]
    checklist_page.evaluate("(a) => window.shezhireChecklist.fill(a)", answers)
    assert checklist_page.locator("#checklist .shz-result").is_visible()
    violations = serious_violations(checklist_page, axe_source)
    assert not violations, "\n".join(violations)


def test_the_checklist_widget_itself_has_no_violation_at_all(
        checklist_page: Any, axe_source: str) -> None:
    """Within the widget (whatever the theme around it does): not even a minor violation,
    before and after the answers."""
    page = checklist_page
    page.add_script_tag(content=axe_source)
    script = """async () => (await axe.run({include: [['#checklist']]},
                    {resultTypes: ['violations']})).violations.map(v => v.id + ': ' + v.help)"""
    assert page.evaluate(script) == []
    page.evaluate("(a) => window.shezhireChecklist.fill(a)",
                  json.loads(PERSONA.read_text("utf-8"))["answers"])
    assert page.evaluate(script) == []


@pytest.fixture(scope="module")
def bilingual_act_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The page of a real act with its Kazakh and Russian texts (an act folder of
    tests/realworld), in a guide built from that act alone."""
    from golden_facts import GOLDEN_DAY
    from helpers import serve

    from shezhire.extract.pipeline import extract_record, link_records
    from shezhire.guide.build import build_site

    record = extract_record(BILINGUAL_ACT, GOLDEN_DAY)
    site = build_site(link_records([record]), tmp_path_factory.mktemp("bilingual") / "public",
                      as_of=GOLDEN_DAY)
    with serve(site) as url:
        yield f"{url}acts/{record['id']}/"


def test_the_two_texts_side_by_side_open_without_script_and_have_no_serious_violation(
        browser: Any, bilingual_act_url: str, axe_source: str) -> None:
    from helpers import LOCAL_HOST

    context = browser.new_context(locale="kk-KZ", service_workers="block",
                                  java_script_enabled=False)
    outside: list[str] = []

    def route(r: Any) -> None:
        if urlsplit(r.request.url).hostname == LOCAL_HOST:
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(bilingual_act_url)
        details = page.locator("details.bilingual-text")
        ru_cell = details.locator('td[lang="ru"]').first
        assert not ru_cell.is_visible()  # on request only
        details.locator("summary").click()  # a details element: no script needed
        ru_cell.wait_for(state="visible")
        assert "Считать утратившим силу" in " ".join(
            details.locator('td[lang="ru"]').all_inner_texts())
    finally:
        context.close()
    assert not outside, outside
    # axe needs script: the same page, the texts opened, in a page that runs it.
    context = browser.new_context(locale="kk-KZ", service_workers="block")
    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(bilingual_act_url)
        page.locator("details.bilingual-text summary").click()
        page.locator('details.bilingual-text td[lang="ru"]').first.wait_for(state="visible")
        violations = serious_violations(page, axe_source)
    finally:
        context.close()
    assert not violations, "\n".join(violations)
    assert not outside, outside
