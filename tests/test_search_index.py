"""Pagefind over a built site (guide/search_index.py): one index per page language, the
page's article only, the same files for the same site, one line when it fails."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from shezhire.guide import search_index
from shezhire.guide.search_index import SearchIndexError, index_site

# Made-up pages (not act texts): a Kazakh and a Russian one, as the theme lays pages out.
PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>
<header>Шежіре тақырыбы</header><nav>Мазмұны</nav>
<article data-pagefind-body><h1>{title}</h1><p>{text}</p></article>
<footer>Төменгі деректер</footer></body></html>"""


def make_site(root: Path) -> Path:
    site = root / "site"
    pages = {
        "kk/index.html": ("kk", "Қаулы туралы", "Әкімдіктің № 168 қаулысы, тіркеу № 33835."),
        "ru/index.html": ("ru", "О постановлении", "Постановление акимата № 168, регистрация № 33835."),
    }
    for path, (lang, title, text) in pages.items():
        target = site / path
        target.parent.mkdir(parents=True)
        target.write_text(PAGE.format(lang=lang, title=title, text=text), "utf-8")
    return site


def fragments(index: Path) -> dict[str, dict[str, object]]:
    out = {}
    for path in (index / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        out[data["url"]] = data
    return out


def test_each_language_gets_its_index_of_the_articles_text(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    index = index_site(site)
    assert index == site / "pagefind"
    entry = json.loads((index / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == ["kk", "ru"]
    assert all(lang["page_count"] == 1 for lang in entry["languages"].values())
    pages = fragments(index)
    assert sorted(pages) == ["/kk/", "/ru/"]
    assert "№ 33835" in str(pages["/kk/"]["content"])
    assert "Постановление" in str(pages["/ru/"]["content"])
    assert not any("Мазмұны" in str(p["content"]) or "Төменгі" in str(p["content"])
                   for p in pages.values())


def test_the_same_site_gives_the_same_index(tmp_path: Path) -> None:
    first, second = make_site(tmp_path / "a"), make_site(tmp_path / "b")
    files = [{p.relative_to(i).as_posix(): p.read_bytes() for p in i.rglob("*") if p.is_file()}
             for i in (index_site(first), index_site(second))]
    assert files[0] == files[1]


# One run, and a run failing among runs made at the same time (jobs=2, runs of one page).
@pytest.mark.parametrize(("shard_pages", "jobs"), [(search_index.SHARD_PAGES, 1), (1, 2)],
                         ids=["one", "together"])
def test_a_failing_pagefind_is_one_line_naming_the_site(
        shard_pages: int, jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(tmp_path)
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setattr(search_index, "pagefind_executable", lambda: failing)
    with pytest.raises(SearchIndexError) as error:
        index_site(site, shard_pages=shard_pages, jobs=jobs)
    assert str(error.value) == f"{site}: Pagefind failed: Error: something broke"


def test_a_language_past_a_shards_pages_is_indexed_in_shards_listed_for_the_browser(
        tmp_path: Path) -> None:
    site = make_site(tmp_path)
    second = site / "kk" / "more" / "index.html"
    second.parent.mkdir()
    second.write_text(PAGE.format(lang="kk", title="Шешім туралы",
                                  text="Мәслихаттың № 77 шешімі."), "utf-8")
    index = index_site(site, shard_pages=1)
    # The first shard of each language is the main bundle, as one run would write it.
    entry = json.loads((index / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == ["kk", "ru"]
    assert sorted(fragments(index)) == ["/kk/", "/ru/"]
    # The next ones: listed by language, each its own index of its pages, no script of its own.
    assert json.loads((index / "shards.json").read_text("utf-8")) == {"kk": ["kk-1/"]}
    shard = index / "kk-1"
    assert sorted(fragments(shard)) == ["/kk/more/"]
    assert "№ 77" in str(fragments(shard)["/kk/more/"]["content"])
    assert (shard / "pagefind-entry.json").is_file() and any(shard.glob("*.pf_meta"))
    assert not (shard / "pagefind.js").exists()
    # No link folder is left in the site.
    assert sorted(p.name for p in site.iterdir()) == ["kk", "pagefind", "ru"]


def test_runs_made_two_at_a_time_write_the_files_of_runs_made_one_after_the_other(
        tmp_path: Path) -> None:
    def site_of_shards(root: Path) -> Path:
        site = make_site(root)
        for lang, folder, text in (("kk", "kk/more", "Мәслихаттың № 77 шешімі."),
                                   ("kk", "kk/last", "Әкімдіктің № 12 қаулысы."),
                                   ("ru", "ru/more", "Решение маслихата № 77.")):
            page = site / folder / "index.html"
            page.parent.mkdir()
            page.write_text(PAGE.format(lang=lang, title=folder, text=text), "utf-8")
        return site

    one = _index_files(index_site(site_of_shards(tmp_path / "a"), shard_pages=1))
    # Three runs of Kazakh pages, two of Russian ones: the first shards share the index.
    assert json.loads(one["shards.json"]) == {"kk": ["kk-1/", "kk-2/"], "ru": ["ru-1/"]}
    two = index_site(site_of_shards(tmp_path / "b"), shard_pages=1, jobs=2)
    assert _index_files(two) == one
    assert not any(p.name.startswith(".") for p in two.parent.rglob("*"))
    # From a cache the runs at the same time filled: the same files again.
    cache = tmp_path / "cache"
    index_site(site_of_shards(tmp_path / "c"), shard_pages=1, cache=cache, jobs=2)
    again = index_site(site_of_shards(tmp_path / "d"), shard_pages=1, cache=cache, jobs=2)
    assert _index_files(again) == one


def test_a_site_given_by_a_relative_path_is_indexed_as_by_its_absolute_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # bench_search.py --keep public: the folder as typed, relative to the working folder.
    absolute = make_site(tmp_path / "a")
    make_site(tmp_path / "b")
    monkeypatch.chdir(tmp_path / "b")
    for shard_pages in (400, 1):  # one run over the site; one run a page
        expected = _index_files(index_site(absolute, shard_pages=shard_pages))
        assert _index_files(index_site(Path("site"), shard_pages=shard_pages)) == expected


def _index_files(index: Path) -> dict[str, bytes]:
    return {p.relative_to(index).as_posix(): p.read_bytes() for p in index.rglob("*")
            if p.is_file()}


def test_with_a_cache_pagefind_runs_again_only_for_the_shards_whose_pages_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[Path] = []
    real_run = search_index._run

    def counted(site: Path, pages: Path, index: Path) -> dict[str, object]:
        runs.append(index)
        return real_run(site, pages, index)

    monkeypatch.setattr(search_index, "_run", counted)

    def site_with(root: Path, more: str) -> Path:
        site = make_site(root)
        page = site / "kk" / "more" / "index.html"
        page.parent.mkdir()
        page.write_text(PAGE.format(lang="kk", title="Шешім туралы", text=more), "utf-8")
        return site

    cache = tmp_path / "cache"
    index_site(site_with(tmp_path / "a", "Мәслихаттың № 77 шешімі."), shard_pages=1,
               cache=cache)
    assert len(runs) == 3  # kk's two shards, ru's one
    # The next build: one page changed. Only its shard is indexed again.
    runs.clear()
    changed = site_with(tmp_path / "b", "Мәслихаттың № 78 шешімі.")
    index = index_site(changed, shard_pages=1, cache=cache)
    assert len(runs) == 1
    assert "№ 78" in str(fragments(index / "kk-1")["/kk/more/"]["content"])
    # The same bytes as a build without the cache.
    fresh = index_site(site_with(tmp_path / "c", "Мәслихаттың № 78 шешімі."), shard_pages=1)
    assert _index_files(index) == _index_files(fresh)
    # A damaged entry is not used: Pagefind runs again, and the index is still right.
    for entry in cache.iterdir():
        (entry / "languages.json").write_text("{not json", "utf-8")
    runs.clear()
    again = index_site(site_with(tmp_path / "d", "Мәслихаттың № 78 шешімі."), shard_pages=1,
                       cache=cache)
    assert len(runs) == 3
    assert _index_files(again) == _index_files(fresh)


# A list page as the theme lays one out with `search: {exclude: true}`: no indexed region.
LIST = """<!doctype html><html lang="kk"><head><title>Тізім</title></head><body>
<header>Шежіре тақырыбы</header><article><h1>Тізім</h1><p>{text}</p></article></body></html>"""


def test_pages_go_to_shards_by_issuer_and_a_changed_list_page_runs_nothing_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Act pages are indexed in shards by issuer (an act's neighbours are mostly its issuer's
    acts), the other pages and the pages of acts only cited apart; a page Pagefind leaves out (no indexed region) is not fed
    to it, so a change of it runs no shard again, and the index is a build's without cache."""
    runs: list[list[str]] = []
    real_run = search_index._run

    def counted(site: Path, pages: Path, index: Path) -> dict[str, object]:
        runs.append(sorted(p.relative_to(pages).as_posix() for p in pages.rglob("*.html")))
        return real_run(site, pages, index)

    monkeypatch.setattr(search_index, "_run", counted)
    # Made-up acts: ids as the guide writes them (date_type_number_issuer).
    acts = {"2019-01-05_decree_7_b-akimdigi": "№ 7 қаулы", "2020-03-01_decree_9_a-akimdigi":
            "№ 9 қаулы", "2021-02-02_decree_3_b-akimdigi": "№ 3 қаулы",
            "2022-06-07_decree_5_a-akimdigi": "№ 5 қаулы"}

    def site_with(root: Path, listed: str, act_text: str = "") -> Path:
        site = make_site(root)
        for act, text in acts.items():
            page = site / "acts" / act / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(PAGE.format(lang="kk", title=text, text=text + act_text), "utf-8")
        page = site / "index" / "status" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(LIST.format(text=listed), "utf-8")
        return site

    cache = tmp_path / "cache"
    # One act is only cited (the guide names such acts): its page is indexed apart.
    cited = ["2021-02-02_decree_3_b-akimdigi"]
    index = index_site(site_with(tmp_path / "a", "Бірінші тізім"), shard_pages=2, cache=cache,
                       apart=cited)
    kk = [r for r in runs if not r[0].startswith("ru/")]
    assert kk == [["kk/index.html"],
                  ["acts/2021-02-02_decree_3_b-akimdigi/index.html"],
                  ["acts/2020-03-01_decree_9_a-akimdigi/index.html",
                   "acts/2022-06-07_decree_5_a-akimdigi/index.html"],
                  ["acts/2019-01-05_decree_7_b-akimdigi/index.html"]]
    assert json.loads((index / "shards.json").read_text("utf-8")) == {
        "kk": ["kk-1/", "kk-2/", "kk-3/"]}
    assert "/index/status/" not in fragments(index)
    assert "/acts/2021-02-02_decree_3_b-akimdigi/" in fragments(index / "kk-1")

    # The list page changed: no run again; the index is the same as a build without cache.
    runs.clear()
    changed = index_site(site_with(tmp_path / "b", "Екінші тізім"), shard_pages=2, cache=cache,
                         apart=cited)
    assert runs == []
    fresh = index_site(site_with(tmp_path / "c", "Екінші тізім"), shard_pages=2, apart=cited)
    assert _index_files(changed) == _index_files(fresh)


def test_an_issuers_act_pages_share_one_shard_when_they_fit_in_one(tmp_path: Path) -> None:
    """Runs hold whole issuers: a shard is closed before an issuer that would not fit, so a
    change among one issuer's acts runs one shard again; an issuer past a shard's size is cut
    (it fills the open shard, then shards of its own), no more shards than cutting every
    shard's size. Made-up page paths (the pages are not read)."""
    def pages(issuer: str, n: int) -> list[search_index._Page]:
        return [search_index._Page(Path(f"acts/2020-01-0{i}_decree_{i}_{issuer}/index.html"),
                                   b"", True) for i in range(1, n + 1)]

    def issuers(shards: list[list[search_index._Page]]) -> list[list[str]]:
        return [[search_index._issuer(search_index._act(p.path) or "") for p in s]
                for s in shards]

    a, b, c = pages("a-akimdigi", 2), pages("b-akimdigi", 2), pages("c-akimdigi", 5)
    assert issuers(search_index._shards([*a, *b], 3)) == [["a-akimdigi"] * 2,
                                                         ["b-akimdigi"] * 2]
    assert issuers(search_index._shards([*c, *b, *a], 3)) == [
        ["a-akimdigi"] * 2, ["b-akimdigi"] * 2 + ["c-akimdigi"], ["c-akimdigi"] * 3,
        ["c-akimdigi"]]
    assert issuers(search_index._shards([*a, *b, *c], 4)) == [
        ["a-akimdigi"] * 2 + ["b-akimdigi"] * 2, ["c-akimdigi"] * 4, ["c-akimdigi"]]
    # Issuers each past a shard's size: as many shards as cutting every 4 pages.
    big = [page for name in ("d", "e", "f") for page in pages(f"{name}-akimdigi", 5)]
    assert [len(s) for s in search_index._shards(big, 4)] == [4, 4, 4, 3]


def test_long_pages_read_in_pieces_are_indexed_by_their_mark_wherever_it_falls(
        tmp_path: Path) -> None:
    """Pages are read in pieces (the lists of every act grow with the corpus: tens of MB at
    10,000 acts, not held whole): a page whose mark is cut between two pieces, or lies past
    the first piece, is still indexed, and a long page without the mark is still left out."""
    site = make_site(tmp_path)
    cut = search_index._HEAD + search_index._PIECE - 7  # the mark's first byte
    pages = {"kk/cut/index.html": ("Бөлінген белгі", cut, "№ 501"),
             "kk/late/index.html": ("Кейінгі белгі", 3 * search_index._PIECE, "№ 502")}
    for path, (title, at, number) in pages.items():
        head = f'<!doctype html><html lang="kk"><head><title>{title}</title><!--'
        page = head.encode() + b"x" * (at - len(head.encode()) - len("--></head><body><article ")) \
            + f"--></head><body><article data-pagefind-body><h1>{title}</h1>" \
              f"<p>Әкімдіктің {number} қаулысы.</p></article></body></html>".encode()
        assert page.index(search_index._BODY) == at
        target = site / path
        target.parent.mkdir(parents=True)
        target.write_bytes(page)
    unmarked = site / "kk" / "list" / "index.html"
    unmarked.parent.mkdir(parents=True)
    unmarked.write_text('<!doctype html><html lang="kk"><body><p>Тізім № 503</p>'
                        + "<p>жол</p>" * search_index._PIECE + "</body></html>", "utf-8")
    found = fragments(index_site(site))
    assert sorted(found) == ["/kk/", "/kk/cut/", "/kk/late/", "/ru/"]
    assert "№ 501" in str(found["/kk/cut/"]["content"])
    assert "№ 502" in str(found["/kk/late/"]["content"])
