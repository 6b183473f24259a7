"""The act pages' Markdown cache (guide/markdown_cache.py): a page is taken from the cache
only while everything it read when it was made (records, graph nodes and edges, amenders) is
the same; a change of any of them makes it again, and the site is a full build's, byte for
byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from amended_corpus import AMENDED, AMENDING, files, original_and_changed
from golden_facts import GOLDEN_DAY

from shezhire.extract.pipeline import link_records
from shezhire.guide.build import _act_page, build_docs, build_site, write_pages
from shezhire.guide.context import act_key
from shezhire.guide.i18n import language
from shezhire.guide.markdown_cache import MarkdownCache
from shezhire.guide.page_cache import PageCache
from shezhire.guide.urls import act_url


def act_pages(recs: list[dict[str, Any]], folder: Path) -> dict[str, bytes]:
    """Both trees' act pages' Markdown made without a cache, by language and docs path
    ("kk/acts/…/index.md", as the cache's statistics name them)."""
    guide = build_docs(recs, folder / "kk", as_of=GOLDEN_DAY)
    with language("ru"):
        (folder / "ru").mkdir()
        write_pages(guide, folder / "ru")
    return {f"{tree}/{k}": v for tree in ("kk", "ru") for k, v in files(folder / tree).items()
            if k.startswith("acts/") and k.endswith(".md")}


def _id(recs: list[dict[str, Any]], seed: str) -> str:
    return next(str(r["id"]) for r in recs if r["source"]["path"].endswith(seed))


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    _folder, out = original_and_changed(tmp_path_factory.mktemp("corpora"))
    amending = _id(out["original"], AMENDING)
    out["without"] = link_records([r for r in out["original"] if r["id"] != amending])
    return out


def test_a_rebuild_makes_again_the_pages_that_read_the_changed_act_and_writes_a_full_builds_files(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]]) -> None:
    original, changed = corpora["original"], corpora["changed"]
    cache = PageCache(tmp_path / "cache" / "pages")
    site = tmp_path / "cached"
    before = act_pages(original, tmp_path / "md-1")

    # Empty cache: every act page made, the files of a build without the cache.
    full = files(build_site(original, tmp_path / "full", as_of=GOLDEN_DAY))
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full
    assert sorted(cache.stats.markdown_made) == sorted(before)
    assert cache.stats.markdown_reused == []

    # The same records again: no act page made.
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full
    assert cache.stats.markdown_made == []
    assert sorted(cache.stats.markdown_reused) == sorted(before)

    # The amending act's new wording changed: its page, and the amended act's (its versions
    # are made from the amending record), are made again, with every page whose Markdown
    # changed; the rest come from the cache, and the site is a full build's.
    after = act_pages(changed, tmp_path / "md-2")
    differ = {k for k in after if before[k] != after[k]}
    for seed in (AMENDING, AMENDED):
        act = _id(changed, seed)
        assert {f"kk/{act_url(act)}index.md", f"ru/{act_url(act)}index.md"} <= differ
    rebuilt = files(build_site(changed, site, as_of=GOLDEN_DAY, page_cache=cache))
    assert rebuilt == files(build_site(changed, tmp_path / "full-2", as_of=GOLDEN_DAY))
    assert differ <= set(cache.stats.markdown_made)
    assert len(cache.stats.markdown_made) < len(after) / 2
    assert set(cache.stats.markdown_reused) == set(after) - set(cache.stats.markdown_made)


def test_an_amending_act_added_or_removed_makes_the_amended_acts_page_again(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]]) -> None:
    original, without = corpora["original"], corpora["without"]
    amended = _id(original, AMENDED)
    page = f"kk/{act_url(amended)}index.md"
    cache = PageCache(tmp_path / "cache" / "pages")
    site = tmp_path / "cached"
    full_without = files(build_site(without, tmp_path / "full-1", as_of=GOLDEN_DAY))
    full_with = files(build_site(original, tmp_path / "full-2", as_of=GOLDEN_DAY))
    assert full_with[f"{act_url(amended)}index.html"] != \
        full_without[f"{act_url(amended)}index.html"]

    assert files(build_site(without, site, as_of=GOLDEN_DAY, page_cache=cache)) == full_without
    # Added: the amended act's page is made again (its amenders, its edges changed).
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full_with
    assert page in cache.stats.markdown_made
    assert cache.stats.markdown_reused
    # Removed again: the files are a full build's; the pages made again are pages whose
    # Markdown differs between the two corpora (an entry holds a page's last version).
    assert files(build_site(without, site, as_of=GOLDEN_DAY, page_cache=cache)) == full_without
    assert page in cache.stats.markdown_made
    pages_without = act_pages(without, tmp_path / "md-1")
    pages_with = act_pages(original, tmp_path / "md-2")
    assert {p for p in cache.stats.markdown_made if pages_with.get(p) == pages_without[p]} \
        == set()
    assert len(cache.stats.markdown_made) < len(pages_without) / 2


def test_each_input_a_page_read_makes_it_again_when_it_changes(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]]) -> None:
    """Unit level: one act page through the cache, with each kind of input changed in turn;
    the page given is always the one made from the guide as it is."""
    original = corpora["original"]
    guide = build_docs(original, tmp_path / "docs", as_of=GOLDEN_DAY)
    amended, amending = _id(original, AMENDED), _id(original, AMENDING)
    path = act_url(amended) + "index.md"
    folder = tmp_path / "markdown"

    def through_cache() -> tuple[bytes, bool]:
        cache = MarkdownCache(folder, guide, guide.digests)  # one build's cache
        page = cache.page(path, lambda reading: _act_page(reading, amended))
        assert page == _act_page(guide, amended).encode("utf-8")
        return page, bool(cache.stats.reused)

    assert through_cache()[1] is False
    assert through_cache()[1] is True

    # Each kind of input it read: the amending record's file, a neighbour's node, an edge,
    # the amenders' index, the act's own record.
    guide.digests = {**guide.digests, amending: b"changed"}
    assert through_cache()[1] is False
    assert through_cache()[1] is True
    guide.g.nodes[amending]["title"] = "A made-up title"  # shown in the amended act's links
    page, reused = through_cache()
    assert not reused and b"A made-up title" in page
    edge = next(iter(guide.g.in_edges(amended, keys=True, data=True)))
    edge[3]["date"] = "1999-01-01"
    assert through_cache()[1] is False
    guide.amenders = {**guide.amenders, act_key(amended): []}
    page, reused = through_cache()
    assert not reused
    assert through_cache()[1] is True
    guide.digests = {**guide.digests, amended: b"changed too"}
    assert through_cache()[1] is False

    # A damaged entry (one byte changed) is not used.
    entry = next(folder.rglob("*.md"))
    data = entry.read_bytes()
    entry.write_bytes(data[:-1] + (b"x" if data[-1:] != b"x" else b"y"))
    assert through_cache()[1] is False
    assert through_cache()[1] is True


def test_a_page_that_reads_every_record_is_not_cached(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]]) -> None:
    original = corpora["original"]
    guide = build_docs(original, tmp_path / "docs", as_of=GOLDEN_DAY)
    for _ in range(2):
        cache = MarkdownCache(tmp_path / "markdown", guide, guide.digests)
        page = cache.page("count.md", lambda reading: f"{len(reading.records)} acts\n")
        assert page == f"{len(original)} acts\n".encode()
        assert cache.stats.reused == [] and cache.stats.made == ["kk/count.md"]
    assert not list((tmp_path / "markdown").rglob("*.md"))


def test_act_pages_in_the_docs_folder_are_links_of_checked_entries_and_an_edit_is_not_served(
        tmp_path: Path, corpora: dict[str, list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A page taken from the cache (or just made and kept) is put in the docs folder as a
    hard link of its entry, not written again; an entry changed in place (as through such a
    link) or cut short, or whose hash file is damaged, is made again and never served."""
    original = corpora["original"]
    folder = tmp_path / "markdown"
    guide = build_docs(original, tmp_path / "plain", as_of=GOLDEN_DAY)  # no cache
    plain = {k: v for k, v in files(tmp_path / "plain").items()
             if k.startswith("acts/") and k.endswith(".md")}

    def act_pages_in(docs: Path) -> dict[str, bytes]:
        made = write_pages(guide, docs, folder)
        pages = {k: v for k, v in files(docs).items() if k.startswith("acts/")
                 and k.endswith(".md")}
        assert pages == plain
        assert sorted(made.made + made.reused) == sorted(f"kk/{k}" for k in plain)
        return {f"kk/{k}": b"made" if f"kk/{k}" in made.made else b"reused" for k in plain}

    # Made and kept: each page is a link of its entry, whose bytes are the page's.
    assert set(act_pages_in(tmp_path / "docs-1").values()) == {b"made"}
    for page in plain:
        assert (tmp_path / "docs-1" / page).stat().st_nlink == 2
    # Taken from the cache: the same, linked again.
    assert set(act_pages_in(tmp_path / "docs-2").values()) == {b"reused"}
    entries = sorted(p for p in folder.rglob("*.md"))
    assert len(entries) == len(plain)
    for page in plain:
        linked = tmp_path / "docs-2" / page
        assert linked.stat().st_nlink == 3  # the entry, docs-1's and docs-2's page
        assert any(linked.samefile(entry) for entry in entries)

    # Damaged three ways: a page edited in place through the docs folder's link (the entry
    # changes with it), an entry cut short, an entry's hash file changed.
    edited, short, summed = sorted(plain)[:3]
    with (tmp_path / "docs-2" / edited).open("r+b") as file:
        file.write(b"# A made-up heading\n")
    entry = next(e for e in entries if e.samefile(tmp_path / "docs-2" / short))
    entry.write_bytes(entry.read_bytes()[:-10])
    entry = next(e for e in entries if e.samefile(tmp_path / "docs-2" / summed))
    sums = entry.with_name(entry.name + ".sum")
    sums.write_bytes(sums.read_bytes().replace(b'"r', b'"R', 1))
    again = act_pages_in(tmp_path / "docs-3")  # the pages are a build's without cache
    assert {k for k, v in again.items() if v == b"made"} == {f"kk/{edited}", f"kk/{short}",
                                                              f"kk/{summed}"}
    for page in (edited, short, summed):  # new entries, not the damaged files
        assert not (tmp_path / "docs-3" / page).samefile(tmp_path / "docs-2" / page)
    assert set(act_pages_in(tmp_path / "docs-4").values()) == {b"reused"}

    # Where links cannot be made (another file system): the same pages, written.
    def no_link(*_args: Any, **_kwargs: Any) -> None:
        raise OSError("links not supported here")

    monkeypatch.setattr("os.link", no_link)
    assert set(act_pages_in(tmp_path / "docs-5").values()) == {b"reused"}
    for page in plain:
        assert (tmp_path / "docs-5" / page).stat().st_nlink == 1
