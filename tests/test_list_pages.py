"""The effects table and the timeline as a reader pages through them: an index by year, a page a
year, a long year in numbered parts, previous and next links, the same rows in the same order
as the graph lists them, in both languages, and no page larger than its rows allow."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY, SEEDS
from site_links import link_target

from shezhire.extract.pipeline import extract_record, link_records
from shezhire.graph import records_to_graph
from shezhire.graph.queries import effects
from shezhire.graph.timeline import act_events
from shezhire.guide import list_pages
from shezhire.guide.build import build_site
from shezhire.guide.context import date_kk
from shezhire.guide.i18n import language
from shezhire.guide.indexes import issuer_slugs
from shezhire.guide.list_pages import ListPage, plan_pages, year_of

# Rows a page holds in the site built here: small, so the seeds' 11 changes dated 2026 and
# their events fill several parts of one year.
SIZE = 3


def test_rows_are_cut_by_year_then_into_parts_of_the_size_keeping_their_order() -> None:
    keys = ["", "", "2019", "2020", "2020", "2020", "2020", "2020", "2020", "2020", "2021"]
    pages = plan_pages(keys, 3)
    assert pages == [
        ListPage("", 1, 1, 0, 2, 2, 0, "undated"),
        ListPage("2019", 1, 1, 2, 3, 1, 0, "2019"),
        ListPage("2020", 1, 3, 3, 6, 7, 0, "2020"),
        ListPage("2020", 2, 3, 6, 9, 7, 3, "2020"),
        ListPage("2020", 3, 3, 9, 10, 7, 6, "2020"),
        ListPage("2021", 1, 1, 10, 11, 1, 0, "2021"),
    ]
    assert [p.slug for p in pages] == ["undated", "2019", "2020", "2020-2", "2020-3", "2021"]
    # Read one after the other, the pages hold every row once, in order.
    assert [i for p in pages for i in range(p.start, p.stop)] == list(range(len(keys)))
    assert plan_pages([], 3) == []


def test_a_year_met_again_after_another_is_refused_not_paged_out_of_order() -> None:
    with pytest.raises(ValueError, match="2019"):
        plan_pages(["2019", "2020", "2019"], 500)


def test_two_groups_named_alike_are_refused() -> None:
    with pytest.raises(ValueError, match="named"):
        plan_pages(["a b", "a-b"], 500, lambda k: k.replace(" ", "-"))


def test_issuers_pages_are_named_by_their_transliterated_names_distinct_and_bounded() -> None:
    names = issuer_slugs(["", "Алматы қаласы әкімдігі", "Алматы қаласы, әкімдігі",
                          "Қазақстан Республикасы " * 5, "§§"])
    assert names[""] == "unknown"
    assert len(set(names.values())) == len(names)
    assert names["Алматы қаласы әкімдігі"].startswith("almaty-qalasy-akimdigi-")
    assert all(len(n) <= 69 and re.fullmatch(r"[a-z0-9-]+", n) for n in names.values())
    # The same names, built again or among other issuers.
    assert issuer_slugs(["Алматы қаласы әкімдігі", "Алматы қаласы, әкімдігі"]) == {
        "": "unknown", **{k: names[k] for k in ("Алматы қаласы әкімдігі",
                                                "Алматы қаласы, әкімдігі")}}


def test_a_rows_year_is_the_year_of_its_date_and_none_without_one() -> None:
    assert [year_of(d) for d in ("2020-02-07", None, "", "or later")] == ["2020", "", "", ""]


class _Page(HTMLParser):
    """A list page's links (with their rel and text), ids, title and table rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (href, rel, text)
        self.ids: set[str] = set()
        self.rows: list[list[tuple[str, list[str]]]] = []  # per <tr> of a <tbody>: cells
        self.h1 = ""
        self.searched = False
        self._href: tuple[str, str] | None = None
        self._text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if "data-pagefind-body" in a:
            self.searched = True
        self._in.append(tag)
        if tag == "a" and "href" in a:
            self._href = (a["href"], a.get("rel", ""))
            self._text = []
            if "tbody" in self._in and self.rows:
                self.rows[-1][-1][1].append(a["href"])
        if tag == "tr" and "tbody" in self._in:
            self.rows.append([])
        if tag == "td" and "tbody" in self._in and self.rows:
            self.rows[-1].append(("", []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((*self._href, "".join(self._text).strip()))
            self._href = None
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)
        if "h1" in self._in:
            self.h1 += data
        if "td" in self._in and "tbody" in self._in and self.rows and self.rows[-1]:
            text, hrefs = self.rows[-1][-1]
            self.rows[-1][-1] = (text + data, hrefs)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    records = link_records([extract_record(p, GOLDEN_DAY) for p in SEEDS])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(list_pages, "ROWS_PER_PAGE", SIZE)
        site = build_site(records, tmp_path_factory.mktemp("lists") / "public", as_of=GOLDEN_DAY)
    return site, records_to_graph(records)


def _read_through(site: Path, root: str, base: str) -> list[tuple[str, _Page]]:
    """The pages of a list as a reader reads them: the index's first year, then "next" to
    the end; each page checked to link back to the one before it."""
    index_path = f"{root}{base}/index.html"
    index = _parse(site / index_path)
    first = next(href for href, _rel, _text in index.links if re.fullmatch(r"[\w-]+/", href))
    path = link_target(index_path, first)[0]
    read: list[tuple[str, _Page]] = []
    while True:
        page = _parse(site / path)
        assert not page.searched, path  # left out of the search index, as the list was
        assert link_target(path, "../")[0] == index_path  # back to every year
        before = {link_target(path, href)[0] for href, rel, _ in page.links if rel == "prev"}
        assert before == ({read[-1][0]} if read else set()), path
        read.append((path, page))
        after = {link_target(path, href)[0] for href, rel, _ in page.links if rel == "next"}
        if not after:
            return read
        (path,) = after


@pytest.mark.parametrize("root", ["", "ru/"])
def test_the_effects_pages_read_one_after_another_give_the_graphs_rows_in_order(
        built: tuple[Path, Any], root: str) -> None:
    site, g = built
    read = _read_through(site, root, "effects")
    rows = [row for _path, page in read for row in page.rows]
    expected = effects(g)
    assert len(expected) > 2 * SIZE
    assert len(rows) == len(expected)
    with language("ru" if root else "kk"):
        dates = [date_kk(e.date) for e in expected]
    for row, e, date in zip(rows, expected, dates, strict=True):
        affected = row[0][1][0]
        assert f"/acts/{e.affected_act}/" in "/" + affected.replace("../", ""), (affected, e)
        assert row[4][0].startswith(date)
    assert all(len(page.rows) <= SIZE for _path, page in read)
    # A year of more than SIZE rows is in parts, each titled with its year and its part.
    parts = [page.h1 for _path, page in read if "2026" in page.h1]
    assert len(parts) == -(-sum(1 for e in expected if year_of(e.date) == "2026") // SIZE) > 1
    assert all(("2-бөлім" in h or "часть 2" in h) for h in parts[1:2])


@pytest.mark.parametrize("root", ["", "ru/"])
def test_the_timeline_pages_read_one_after_another_give_every_event_in_date_order(
        built: tuple[Path, Any], root: str) -> None:
    site, g = built
    read = _read_through(site, root, "timeline")
    rows = [row for _path, page in read for row in page.rows]
    expected = act_events(g)
    assert len(rows) == len(expected)
    with language("ru" if root else "kk"):
        assert [row[0][0] for row in rows] == [date_kk(e.date) for e in expected]
    for row, e in zip(rows, expected, strict=True):
        assert f"acts/{e.act}/" in row[1][1][0]


@pytest.mark.parametrize("base", ["effects", "timeline"])
def test_the_index_counts_each_years_rows_and_links_each_of_its_pages(
        built: tuple[Path, Any], base: str) -> None:
    site, g = built
    dates = [e.date for e in (effects(g) if base == "effects" else act_events(g))]
    index_path = f"{base}/index.html"
    index = _parse(site / index_path)
    counted = {}
    for year_cell, count_cell, pages_cell in index.rows:
        (year_href,) = year_cell[1]
        year = re.sub(r"\D", "", year_cell[0])
        counted[year] = int(count_cell[0])
        # The year's link and its first part's are the same page; every part is linked.
        assert pages_cell[1][0] == year_href
        parts = [_parse(site / link_target(index_path, href)[0]) for href in pages_cell[1]]
        assert len(parts) == -(-counted[year] // SIZE)
        assert sum(len(p.rows) for p in parts) == counted[year]
        assert all(year_cell[0].strip() in p.h1 for p in parts)
    assert counted == {y: sum(1 for d in dates if year_of(d) == y) for y in counted}
    assert sum(counted.values()) == len(dates)


def test_every_link_of_the_list_pages_lands_on_a_page_and_anchor_of_the_build(
        built: tuple[Path, Any]) -> None:
    site, _g = built
    pages = sorted(p for base in ("effects", "timeline", "ru/effects", "ru/timeline")
                   for p in (site / base).rglob("index.html"))
    assert len(pages) > 2 * 10
    broken = []
    ids: dict[str, set[str]] = {}
    for page in pages:
        path = page.relative_to(site).as_posix()
        for href, _rel, _text in _parse(page).links:
            if href.startswith(("http:", "https:", "#")) or href.endswith(".json"):
                continue
            target, fragment = link_target(path, href)
            if not (site / target).is_file():
                broken.append((path, href))
            elif fragment:
                if target not in ids:
                    ids[target] = _parse(site / target).ids
                if fragment not in ids[target]:
                    broken.append((path, href))
    assert broken == []



@pytest.mark.parametrize("root", ["", "ru/"])
@pytest.mark.parametrize("base", ["index/status", "index/issuer", "index/year"])
def test_the_lists_of_every_act_give_each_act_once_a_group_a_page_by_adoption_date(
        built: tuple[Path, Any], base: str, root: str) -> None:
    site, g = built
    read = _read_through(site, root, base)
    index_path = f"{root}{base}/index.html"
    index = _parse(site / index_path)
    counts = {link_target(index_path, cells[0][1][0])[0]: int(cells[1][0]) for cells in index.rows}
    listed: list[str] = []
    first_of_group = ""
    for path, page in read:
        assert len(page.rows) <= SIZE
        if path in counts:  # a group's first page: its parts follow until the next one
            first_of_group = path
            group: list[str] = []
        acts = [re.search(r"acts/([^/]+)/", row[0][1][0])[1]  # type: ignore[index]
                for row in page.rows]
        group += acts
        listed += acts
        assert len(group) <= counts[first_of_group]
        # Within a group, by adoption date (then id), across its parts.
        assert group == sorted(group, key=lambda a: (g.nodes[a].get("adopted") or "", a))
        if base == "index/year":
            years = {year_of(g.nodes[a].get("adopted")) for a in acts}
            assert len(years) == 1 and (years.pop() or "undated") in path
    assert sorted(listed) == sorted(g.nodes)
    assert sum(counts.values()) == g.number_of_nodes()
    if base != "index/year":  # (the seeds' acts and those they cite: 3 a year at most)
        assert len(read) > len(counts)  # a group of more than SIZE acts is in parts
