"""The eligibility checklist in a real browser: the same answers as `shezhire check`.

Every persona of tests/personas runs through the page's own evaluator and must give exactly the
Python checker's outcome object; a few are answered through the form with the keyboard alone,
as a person without a mouse would, and the result is read from the page.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from shezhire.eligibility.check import check

PERSONAS = sorted((Path(__file__).resolve().parents[1] / "personas").glob("*.json"))
KEYBOARD_PERSONAS = [
    "01-nko-2019-resident-eligible",        # booleans, a choice, an empty multiple choice
    "13-almaty-2024-disabled-child-exempt",  # a number, a question asked only for a category
    "18-zhambyl-2024-worsened-exchanged",   # a ticked multiple choice: refused
    "23-atyrau-2024-unsafe-home-elsewhere",  # a "no" answer: refused
]


def load(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PERSONAS[0].parent / f"{stem}.json").read_text("utf-8"))
    return data


def decisive(outcome: dict[str, Any]) -> list[str]:
    """ACT#PROVISION of the reasons that decide the outcome (as tests/test_personas.py reads)."""
    wanted = {"not_eligible": {"failed", "refused"}, "eligible": {"met"},
              "cannot_tell": {"unknown"}, "no_act": set()}[outcome["outcome"]]
    return sorted({f"{c['act']}#{c['provision']}" for r in outcome["reasons"]
                   if r["status"] in wanted for c in r["citations"]})


def browser_check(page: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """The page's evaluator on the rules file the page itself loaded."""
    result: dict[str, Any] = page.evaluate(
        "(answers) => window.shezhireCheck(window.shezhireChecklist.rules, answers)", answers)
    return result


@pytest.mark.parametrize("path", PERSONAS, ids=lambda p: p.stem)
def test_persona_gives_in_the_browser_what_shezhire_check_gives(
        checklist_page: Any, site_rules: dict[str, Any], path: Path) -> None:
    persona = json.loads(path.read_text("utf-8"))
    expected = check(site_rules, persona["answers"])
    got = browser_check(checklist_page, persona["answers"])
    assert got["outcome"] == expected["outcome"] == persona["expected"]["outcome"]
    assert (got["act"] or {}).get("id") == (expected["act"] or {}).get("id") \
        == persona["expected"]["act"]
    assert got["next_questions"] == expected["next_questions"]
    assert decisive(got) == decisive(expected) == sorted(persona["expected"]["decisive_provisions"])
    assert [(r["rule"], r["status"]) for r in got["reasons"]] \
        == [(r["rule"], r["status"]) for r in expected["reasons"]]
    # The rest of the outcome too: documents, deadlines, what would change, citations.
    assert got == json.loads(json.dumps(expected))


def test_the_date_argument_overrides_the_answer_as_in_python(
        checklist_page: Any, site_rules: dict[str, Any]) -> None:
    answers = {"place": "north_kazakhstan", "citizen": True, "application_date": "2024-05-01"}
    got = checklist_page.evaluate(
        "(a) => window.shezhireCheck(window.shezhireChecklist.rules, a, '2019-05-01')", answers)
    assert got == json.loads(json.dumps(check(site_rules, answers, "2019-05-01")))
    assert got["act"]["number"] == "193"


def random_answers(rules: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Answers to a random subset of the questions, with values of every kind the form gives
    (and some it never gives: the evaluators must still agree)."""
    days = sorted({d for rs in rules["rulesets"] for d in (rs["valid_from"], rs["valid_until"])
                   if d} | {"2000-01-01", "2013-07-01", "2019-05-01", "2024-07-01"})
    out: dict[str, Any] = {}
    for q in rules["questions"]:
        if rng.random() < 0.25:
            continue
        kind = q["type"]
        if kind == "date":
            out[q["id"]] = rng.choice(days)
        elif kind == "place":
            out[q["id"]] = rng.choice([p["value"] for p in rules["places"]] + ["nowhere"])
        elif kind == "boolean":
            out[q["id"]] = rng.choice([True, False, None])
        elif kind == "number":
            out[q["id"]] = rng.choice([0, 1, 2, 2.9, 3, 3.1, 3.2, 5, 10])
        elif kind == "choice":
            out[q["id"]] = rng.choice([o["value"] for o in q["options"]])
        elif kind == "multi":
            values = [o["value"] for o in q["options"]]
            out[q["id"]] = rng.sample(values, rng.randint(0, len(values)))
    return out


def test_random_answers_give_the_same_outcome_in_both_checkers(
        checklist_page: Any, site_rules: dict[str, Any]) -> None:
    rng = random.Random(20240701)
    personas = [json.loads(p.read_text("utf-8"))["answers"] for p in PERSONAS]
    cases = [random_answers(site_rules, rng) for _ in range(300)]
    for _ in range(300):  # near the personas, where outcomes turn
        answers = dict(rng.choice(personas))
        noise = random_answers(site_rules, rng)
        for key in rng.sample(sorted(noise), min(2, len(noise))):
            answers[key] = noise[key]
        if answers and rng.random() < 0.3:
            del answers[rng.choice(sorted(answers))]
        cases.append(answers)
    got = checklist_page.evaluate(
        "(cases) => cases.map(a => window.shezhireCheck(window.shezhireChecklist.rules, a))", cases)
    expected = json.loads(json.dumps([check(site_rules, a) for a in cases]))
    assert {o["outcome"] for o in expected} >= {"eligible", "not_eligible", "cannot_tell", "no_act"}
    for answers, mine, theirs in zip(cases, got, expected, strict=True):
        assert mine == theirs, answers


# --------------------------------------------------------------------------------------------
# The form, driven by the keyboard
# --------------------------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  const q = e && e.closest('[data-question]');
  return {tag: e ? e.tagName.toLowerCase() : null, type: (e && e.type) || null,
          value: e && 'value' in e ? e.value : null, checked: !!(e && e.checked),
          question: q ? q.dataset.question : null,
          text: e ? (e.textContent || '').trim() : '',
          heading: !!(e && e.id === 'shz-result-heading')};
}"""


def type_date(page: Any, day: str) -> None:
    """Type ``day`` (YYYY-MM-DD) into the focused date input. The order of its fields follows
    the browser's locale, so it is read first from a probe on a blank page of the same browser."""
    probe = page.context.new_page()
    try:
        probe.set_content('<input type="date" id="d">')
        probe.focus("#d")
        probe.keyboard.type("01022003")
        order = {"2003-01-02": "mdy", "2003-02-01": "dmy"}.get(
            probe.eval_on_selector("#d", "e => e.value"), "ymd")
    finally:
        probe.close()
    page.bring_to_front()
    year, month, dayno = day.split("-")
    page.keyboard.type({"mdy": month + dayno + year, "dmy": dayno + month + year,
                        "ymd": year + month + dayno}[order])
    assert page.evaluate("() => document.activeElement.value") == day


def drive_with_keyboard(page: Any, rules: dict[str, Any], answers: dict[str, Any]) -> None:
    """Answer the form as a keyboard user: Tab to each control, type, Space, arrows, Enter."""
    questions = {q["id"]: q for q in rules["questions"]}
    places = [p["value"] for p in rules["places"]]
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["question"] == "application_date":
            break
    else:
        raise AssertionError("Tab never reached the date field")
    done: set[str] = set()
    entered_since_submit = False
    for _ in range(600):
        f = page.evaluate(FOCUSED)
        if f["heading"]:
            return
        qid = f["question"]
        if qid and qid in answers and qid not in done:
            q, value = questions[qid], answers[qid]
            if q["type"] == "date":
                type_date(page, value)
                done.add(qid)
            elif q["type"] == "place":
                for _ in range(places.index(value) + 1):
                    page.keyboard.press("ArrowDown")
                done.add(qid)
            elif q["type"] == "number":
                page.keyboard.type(f"{value:g}".replace(".", ","))
                done.add(qid)
            elif q["type"] in ("boolean", "choice"):
                options = [True, False] if q["type"] == "boolean" \
                    else [o["value"] for o in q["options"]]
                index = options.index(value)
                if index == 0:
                    page.keyboard.press("Space")
                for _ in range(index):
                    page.keyboard.press("ArrowDown")
                done.add(qid)
            elif q["type"] == "multi":
                option = f["value"]
                if option in value and not f["checked"]:
                    page.keyboard.press("Space")
                options = [o["value"] for o in q["options"]]
                if option == options[-1]:
                    done.add(qid)
            entered_since_submit = True
            page.keyboard.press("Tab")
            continue
        if f["tag"] == "button" and f["text"] == "Жалғастыру":
            if not entered_since_submit:
                return
            entered_since_submit = False
            page.keyboard.press("Enter")
            continue
        page.keyboard.press("Tab")
    raise AssertionError("the form never came to a result")


def page_result(page: Any) -> dict[str, Any]:
    """The result as the page shows it."""
    data: dict[str, Any] = page.evaluate("""() => {
      const box = document.querySelector('#checklist .shz-result');
      const reasons = [...box.querySelectorAll('li.shz-reason')].map(li => ({
        rule: li.dataset.rule, status: li.dataset.status,
        provisions: [...li.querySelectorAll('a.shz-cite')].map(a => a.dataset.act + '#' + a.dataset.provision),
        hrefs: [...li.querySelectorAll('a.shz-cite')].map(a => a.getAttribute('href')),
        quotes: [...li.querySelectorAll('blockquote')].map(b => b.textContent.trim()),
      }));
      return {hidden: box.hidden, outcome: box.dataset.outcome, act: box.dataset.act,
              text: box.innerText, reasons,
              status: document.querySelector('#checklist [role=status]').textContent,
              questions: [...document.querySelectorAll('#checklist [data-question]')]
                         .map(e => e.dataset.question)};
    }""")
    return data


@pytest.mark.parametrize("stem", KEYBOARD_PERSONAS)
def test_the_form_answered_with_the_keyboard_shows_the_checkers_result(
        checklist_page: Any, site_rules: dict[str, Any], site_dir: Path,
        stem: str) -> None:
    persona = load(stem)
    drive_with_keyboard(checklist_page, site_rules, persona["answers"])
    shown = page_result(checklist_page)
    entered = checklist_page.evaluate("() => window.shezhireChecklist.answers()")
    expected = check(site_rules, entered)
    assert shown["outcome"] == expected["outcome"] == persona["expected"]["outcome"]
    assert shown["act"] == expected["act"]["id"] == persona["expected"]["act"]
    assert sorted((r["rule"], r["status"]) for r in shown["reasons"]) \
        == sorted((r["rule"], r["status"]) for r in expected["reasons"])
    wanted = {"not_eligible": {"failed", "refused"}, "eligible": {"met"}}[shown["outcome"]]
    cited = sorted({p for r in shown["reasons"] if r["status"] in wanted for p in r["provisions"]})
    assert cited == sorted(persona["expected"]["decisive_provisions"])
    # The deciding reasons come first.
    statuses = [r["status"] for r in shown["reasons"]]
    first = sum(s in wanted for s in statuses)
    assert all(s in wanted for s in statuses[:first])
    # Their links land on a provision anchor of the act's page.
    for key in cited:
        act, provision = key.split("#")
        html = (site_dir / "acts" / act / "index.html").read_text("utf-8")
        assert f'id="p-{provision.replace("/", "--")}"' in html, key
    # Each reason quotes its provision and links to its anchor on the act's page.
    by_rule = {(r["rule"], r["status"]): r for r in expected["reasons"]}
    for reason in shown["reasons"]:
        exp = by_rule[(reason["rule"], reason["status"])]
        assert reason["quotes"] == [c["quote"] for c in exp["citations"]]
        for href, c in zip(reason["hrefs"], exp["citations"], strict=True):
            anchor = "p-" + c["provision"].replace("/", "--")
            assert href.endswith(f"/acts/{c['act']}/#{anchor}")
    # The answers typed are the persona's (only those the form asked for).
    assert all(entered[k] == persona["answers"][k] for k in entered)
    # The focus went to the result, and the live region says it.
    assert checklist_page.evaluate("() => document.activeElement.id") == "shz-result-heading"
    assert "Нәтиже" in shown["status"]


def test_first_the_date_and_place_then_only_what_the_checker_asks(
        checklist_page: Any, site_rules: dict[str, Any]) -> None:
    shown = page_result(checklist_page)
    assert shown["questions"] == ["application_date", "place"]
    assert shown["hidden"]
    page = checklist_page
    page.evaluate("() => window.shezhireChecklist.fill("
                  "{application_date: '2024-07-01', place: 'almaty_city'})")
    shown = page_result(page)
    expected = check(site_rules, {"application_date": "2024-07-01", "place": "almaty_city"})
    assert shown["questions"] == ["application_date", "place", *expected["next_questions"]]
    assert "residence_years" in shown["questions"]
    # Outside the big cities the residence term is not asked.
    page.evaluate("() => window.shezhireChecklist.widget.reset()")
    page.evaluate("() => window.shezhireChecklist.fill("
                  "{application_date: '2024-07-01', place: 'aktobe'})")
    shown = page_result(page)
    assert "residence_years" not in shown["questions"]
    # The wording is the export's.
    labels = page.evaluate("() => [...document.querySelectorAll('#checklist .shz-question > legend, "
                           "#checklist .shz-question > label')].map(e => e.textContent)")
    texts = {q["id"]: q["text_kk"] for q in site_rules["questions"]}
    assert [texts[q] for q in shown["questions"]] == labels


def test_questions_and_act_text_come_from_the_export_and_stay_text(
        page: Any, site_url: str, site_rules: dict[str, Any]) -> None:
    trick = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>**bold**'
    rules = json.loads(json.dumps(site_rules))
    for q in rules["questions"]:
        q["text_kk"] = q["text_kk"] + " " + trick
    for rs in rules["rulesets"]:
        for rule in rs["conditions"] + rs["refusals"]:
            rule["label_kk"] = trick
            for c in rule["citations"]:
                c["quote"] = trick
        rs["act"]["title"] = trick
        # The documents, the deadlines and where to apply quote the act too.
        for lst in rs["documents"]:
            lst["condition"] = trick
            for item in lst["items"]:
                item["label"] = item["condition"] = item["citation"]["quote"] = trick
        for deadline in rs["deadlines"]:
            deadline["action"] = deadline["citation"]["quote"] = trick
        for place in rs["where_to_apply"]:
            place["label_kk"] = trick
            for c in place["citations"]:
                c["quote"] = trick
    body = json.dumps(rules, ensure_ascii=False)
    page.route("**/rules.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=body))
    page.goto(site_url + "checklist/")
    page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
    page.evaluate("() => window.shezhireChecklist.fill(" + json.dumps(load(
        "01-nko-2019-resident-eligible")["answers"]) + ")")
    assert trick in page.inner_text("#checklist")
    assert trick in page.inner_text("#checklist .shz-doclist")
    assert page.locator("#checklist img").count() == 0
    assert page.locator("#checklist script").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_the_ticked_documents_survive_a_reload(checklist_page: Any) -> None:
    page = checklist_page
    answers = load("01-nko-2019-resident-eligible")["answers"]
    page.evaluate("(a) => window.shezhireChecklist.fill(a)", answers)
    boxes = page.locator("#checklist .shz-doclist input[type=checkbox]")
    assert boxes.count() >= 3
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    boxes.nth(2).focus()
    page.keyboard.press("Space")
    keys = [boxes.nth(i).get_attribute("data-storage-key") for i in (0, 2)]
    assert all(k and k.startswith("shezhire:checklist:2018-07-12_decree_193") for k in keys)
    page.reload()
    page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
    page.evaluate("(a) => window.shezhireChecklist.fill(a)", answers)
    boxes = page.locator("#checklist .shz-doclist input[type=checkbox]")
    checked = [boxes.nth(i).is_checked() for i in range(boxes.count())]
    assert checked[:3] == [True, False, True]
    assert page.evaluate("(k) => localStorage.getItem(k)", keys[0]) == "1"
    # Unticking is kept too.
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    page.reload()
    page.wait_for_function("() => window.shezhireChecklist && window.shezhireChecklist.widget")
    page.evaluate("(a) => window.shezhireChecklist.fill(a)", answers)
    assert not page.locator("#checklist .shz-doclist input[type=checkbox]").nth(0).is_checked()


def test_documents_follow_the_category_and_deadlines_put_the_service_term_first(
        checklist_page: Any, site_rules: dict[str, Any]) -> None:
    page = checklist_page
    answers = load("13-almaty-2024-disabled-child-exempt")["answers"]
    page.evaluate("(a) => window.shezhireChecklist.fill(a)", answers)
    expected = check(site_rules, answers)
    labels = page.locator("#checklist .shz-doclist label").all_inner_texts()
    assert labels == [i["label"] for lst in expected["documents"]
                      if lst["kind"] != "obtained_by_provider" for i in lst["items"]]
    rows = page.locator("#checklist .shz-deadlines tbody tr")
    assert rows.count() == len(expected["deadlines"])
    assert "Қызмет көрсету мерзімі" in rows.nth(0).inner_text()
    assert "15 жұмыс күні" in rows.nth(0).inner_text()


def test_no_act_there_and_then_says_which_acts_the_guide_holds(checklist_page: Any) -> None:
    page = checklist_page
    page.evaluate("(a) => window.shezhireChecklist.fill(a)",
                  load("09-almaty-2013-after-repeal-no-act")["answers"])
    shown = page_result(page)
    assert shown["outcome"] == "no_act"
    assert "қолданылатын акт анықтамалықта жоқ" in shown["text"]
    assert page.locator("#checklist .shz-corpus li").count() >= 4


def test_print_view_shows_the_result_without_the_form(checklist_page: Any) -> None:
    page = checklist_page
    page.evaluate("(a) => window.shezhireChecklist.fill(a)",
                  load("01-nko-2019-resident-eligible")["answers"])
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    button = page.get_by_role("button", name="Басып шығару")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__printed") == 1
    page.emulate_media(media="print")
    assert not page.locator("#checklist form").is_visible()
    assert not button.is_visible()
    assert page.locator("#checklist .shz-result").is_visible()
    assert page.locator("#checklist .shz-doclist input[type=checkbox]").first.is_visible()


def test_the_checklist_requests_only_its_rules_file(
        checklist_page: Any, requests_log: Any, site_url: str) -> None:
    page = checklist_page
    # Everything the page loads by itself has come: the rules (the form stands), and the
    # search index, which the page loads when the search box first has the focus (Tab passes
    # it on the way to the form): opened and closed again before answering.
    page.keyboard.press("s")
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"^\s*Іздеу үшін теріңіз\s*$"), timeout=30_000)
    page.keyboard.press("Escape")
    before = len(requests_log.urls)
    drive_with_keyboard(page, page.evaluate("() => window.shezhireChecklist.rules"),
                        load("01-nko-2019-resident-eligible")["answers"])
    page.locator("#checklist .shz-doclist input[type=checkbox]").first.check()
    # A request sent while answering was sent by then; the browser reports it before it
    # answers this round trip (its events come in order).
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")
    assert requests_log.urls[before:] == [], "answering the checklist sent requests"
    fetched = [u for u, kind in zip(requests_log.urls, requests_log.kinds, strict=True)
               if kind in ("fetch", "xhr", "beacon", "ping", "websocket", "eventsource")]
    # The page's own script fetches the rules file and the site's labels (the words and URL
    # scheme it shares with the pages); the search its index (pagefind/), and the language
    # switch the sitemap of each language's tree (at load, from this server).
    assert site_url + "rules.json" in fetched and site_url + "assets/labels.json" in fetched
    assert {u for u in fetched if not u.startswith(site_url + "pagefind/")} \
        <= {site_url + "rules.json", site_url + "assets/labels.json", site_url + "sitemap.xml",
            site_url + "ru/sitemap.xml"}
    assert all(u.startswith(site_url) for u in requests_log.urls)


def test_the_page_is_in_kazakh(checklist_page: Any) -> None:
    page = checklist_page
    assert page.evaluate("() => document.documentElement.lang") == "kk"
    buttons = page.locator("#checklist button").all_inner_texts()
    assert buttons == ["Жалғастыру", "Басынан бастау"]
    assert not re.search(r"[A-Za-z]{4,}", page.inner_text("#checklist"))


def test_a_number_out_of_its_questions_range_is_refused_as_shezhire_check_refuses_it(
        checklist_page: Any, site_rules: dict[str, Any]) -> None:
    page = checklist_page
    page.evaluate("() => window.shezhireChecklist.fill("
                  "{application_date: '2024-07-01', place: 'almaty_city'})")
    years = next(q for q in site_rules["questions"] if q["id"] == "residence_years")
    field = page.locator("#checklist [data-question=residence_years] input")
    field.fill(str(years["max"] * 10))
    page.get_by_role("button", name="Жалғастыру").click()
    expect(field).to_have_attribute("aria-invalid", "true")
    error = page.locator("#checklist [data-question=residence_years] .shz-error")
    assert error.inner_text() == f"Сан {years['min']} мен {years['max']} аралығында болуы керек."
    field.fill(str(years["max"]))
    page.get_by_role("button", name="Жалғастыру").click()
    expect(field).not_to_have_attribute("aria-invalid", "true")
