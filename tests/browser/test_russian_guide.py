"""The Russian guide (ru/) in a real browser: every persona answered through the Russian form
gives its Kazakh twin's outcome, act and citations, with the reasons in Russian; the language
switch leads to the same page both ways; lang is right; axe finds no serious violation on a
Russian page; and nothing is requested from outside (the `page` fixture fails the test on
any request that leaves 127.0.0.1)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_accessibility import serious_violations
from test_checklist import PERSONAS, browser_check, decisive, page_result

from shezhire.eligibility.check import check

ACT = "2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi"
OUTCOME_RU = {
    "eligible": "Вы соответствуете условиям постановки на учёт.",
    "not_eligible": "Вы не соответствуете условиям постановки на учёт.",
    "cannot_tell": "Пока нельзя сказать точно.",
    "no_act": "В справочнике нет акта, действующего в этом месте в этот день.",
}


@pytest.fixture
def russian_checklist(page: Any, site_url: str) -> Any:
    """The Russian checklist page, its rules loaded and its form standing."""
    page.goto(site_url + "ru/checklist/")
    page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
    return page


def _persona_outcome(page: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """Answer the Russian form as a person would (fill presses «Продолжить» until nothing new
    is asked) and read the result the page shows."""
    page.evaluate("() => window.shezhireChecklist.widget.reset()")
    page.evaluate("(a) => window.shezhireChecklist.fill(a)", answers)
    return page_result(page)


def test_every_persona_in_the_russian_form_gives_its_kazakh_twins_outcome(
        russian_checklist: Any, site_rules: dict[str, Any]) -> None:
    """All the personas on one page (one load of the rules): outcome, act, reasons and the
    provisions cited are the Kazakh checker's and the persona's; the words are Russian."""
    page = russian_checklist
    rules_ru = {(rs["act"]["id"], r["id"]): r["label_ru"] for rs in site_rules["rulesets"]
                for r in rs["conditions"] + rs["refusals"]}
    for path in PERSONAS:
        persona = json.loads(path.read_text("utf-8"))
        # The page's evaluator on the whole persona, as the Kazakh page's test does.
        got = browser_check(page, persona["answers"])
        assert got["outcome"] == persona["expected"]["outcome"], path.stem
        assert (got["act"] or {}).get("id") == persona["expected"]["act"], path.stem
        assert decisive(got) == sorted(persona["expected"]["decisive_provisions"]), path.stem
        # The form, answered as a person would: it asks only what the checker needs, so a
        # persona may hold answers it never asks for; what it shows is the checker's outcome
        # of the answers entered, and the persona's outcome.
        shown = _persona_outcome(page, persona["answers"])
        entered = page.evaluate("() => window.shezhireChecklist.answers()")
        # (a multiple choice the form asked and the persona leaves out reads as none ticked)
        assert all(entered[k] == persona["answers"].get(k, []) for k in entered), path.stem
        expected = check(site_rules, entered)
        assert shown["outcome"] == expected["outcome"] == persona["expected"]["outcome"], path.stem
        assert (shown["act"] or None) == (expected["act"] or {}).get("id") \
            == persona["expected"]["act"], path.stem
        assert sorted((r["rule"], r["status"]) for r in shown["reasons"]) \
            == sorted((r["rule"], r["status"]) for r in expected["reasons"]), path.stem
        wanted = {"not_eligible": {"failed", "refused"}, "eligible": {"met"},
                  "cannot_tell": {"unknown"}, "no_act": set()}[shown["outcome"]]
        cited = sorted({p for r in shown["reasons"] if r["status"] in wanted
                        for p in r["provisions"]})
        assert cited == decisive(expected), path.stem
        if entered == persona["answers"]:
            assert cited == sorted(persona["expected"]["decisive_provisions"]), path.stem
        assert OUTCOME_RU[shown["outcome"]] in shown["text"], path.stem
        for reason in expected["reasons"]:
            if reason["kind"] != "note":
                assert rules_ru[(expected["act"]["id"], reason["rule"])] in shown["text"]
            assert reason["label_kk"] not in shown["text"]
        # Citations link to the act pages of the Russian tree.
        for reason in shown["reasons"]:
            assert all("/ru/acts/" in href for href in reason["hrefs"]), reason


def test_the_russian_form_asks_the_exports_russian_questions(
        russian_checklist: Any, site_rules: dict[str, Any]) -> None:
    page = russian_checklist
    page.evaluate("() => window.shezhireChecklist.fill("
                  "{application_date: '2024-07-01', place: 'almaty_city'})")
    shown = page_result(page)
    labels = page.evaluate("() => [...document.querySelectorAll('#checklist .shz-question > legend, "
                           "#checklist .shz-question > label')].map(e => e.textContent)")
    texts = {q["id"]: q["text_ru"] for q in site_rules["questions"]}
    assert [texts[q] for q in shown["questions"]] == labels
    places = page.evaluate("() => [...document.querySelectorAll('#checklist select option')]"
                           ".map(o => o.textContent)")
    assert "город Алматы" in places and "Северо-Казахстанская область" in places
    buttons = page.evaluate("() => [...document.querySelectorAll('#checklist button')]"
                            ".map(b => b.textContent)")
    assert "Продолжить" in buttons and "Жалғастыру" not in buttons


def test_quotes_on_the_russian_checklist_are_marked_kazakh_and_said_to_be(
        russian_checklist: Any) -> None:
    page = russian_checklist
    persona = json.loads((PERSONAS[0].parent / "23-atyrau-2024-unsafe-home-elsewhere.json")
                         .read_text("utf-8"))
    shown = _persona_outcome(page, persona["answers"])
    assert shown["outcome"] == "not_eligible"
    langs = page.evaluate("() => [...document.querySelectorAll('#checklist blockquote')]"
                          ".map(b => b.lang)")
    assert langs and set(langs) == {"kk"}
    # The act's title, the documents and the deadlines' words are the Kazakh text's too.
    assert page.evaluate("() => document.querySelector('#checklist .shz-act-link').lang") == "kk"
    marked = page.evaluate("() => [...document.querySelectorAll('#checklist .shz-doclist label, "
                           "#checklist .shz-deadlines td:nth-child(2)')].map(e => e.lang)")
    assert marked and set(marked) == {"kk"}
    assert "Цитаты, названия документов и сроков приводятся из текста акта на казахском языке" \
        in shown["text"]


def _switch_to(page: Any, language: str) -> None:
    """Open the language menu as a reader does (focus on its button), wait until it stands
    open (its slide-in transition over: a click during it may land beside the moving link),
    then choose ``language``."""
    page.locator(".md-select button").first.focus()
    link = page.locator(f'a.md-select__link[hreflang="{language}"]')
    link.wait_for(state="visible")
    page.wait_for_function(
        "link => link.closest('.md-select').getAnimations({subtree: true}).length === 0",
        arg=link.element_handle())
    link.click()


def test_the_language_switch_leads_to_the_same_page_both_ways(page: Any, site_url: str) -> None:
    page.goto(site_url + f"acts/{ACT}/")
    assert page.evaluate("() => document.documentElement.lang") == "kk"
    _switch_to(page, "ru")
    page.wait_for_url(site_url + f"ru/acts/{ACT}/")
    assert page.evaluate("() => document.documentElement.lang") == "ru"
    assert page.locator("h2#связи").count() == 1  # the Russian headings
    _switch_to(page, "kk")
    page.wait_for_url(site_url + f"acts/{ACT}/")
    assert page.evaluate("() => document.documentElement.lang") == "kk"
    # From the home pages too.
    page.goto(site_url + "ru/")
    _switch_to(page, "kk")
    page.wait_for_url(site_url)
    assert page.evaluate("() => document.documentElement.lang") == "kk"


def test_the_russian_graph_links_the_russian_act_pages(page: Any, site_url: str) -> None:
    page.goto(site_url + "ru/graph/")
    page.wait_for_selector("#lineage-graph .lg-acts tbody tr")
    hrefs = page.evaluate("() => [...document.querySelectorAll('#lineage-graph .lg-acts a')]"
                          ".map(a => a.href)")
    assert hrefs and all(h.startswith(site_url + "ru/acts/") for h in hrefs)
    heads = page.evaluate("() => [...document.querySelectorAll('#lineage-graph h2')]"
                          ".map(h => h.textContent)")
    assert heads == ["Список актов", "Список связей"]


@pytest.mark.parametrize("path", [f"ru/acts/{ACT}/", "ru/checklist/"])
def test_no_serious_or_critical_violation_on_a_russian_page(
        page: Any, site_url: str, site_dir: Path, axe_source: str, path: str) -> None:
    assert (site_dir / path / "index.html").is_file()
    page.goto(site_url + path)
    if path.endswith("checklist/"):
        page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
        persona = json.loads((PERSONAS[0].parent / "13-almaty-2024-disabled-child-exempt.json")
                             .read_text("utf-8"))
        page.evaluate("(a) => window.shezhireChecklist.fill(a)", persona["answers"])
        assert page.locator("#checklist .shz-result").is_visible()
    violations = serious_violations(page, axe_source)
    assert not violations, "\n".join(violations)
