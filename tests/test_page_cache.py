"""The page cache: a rebuild after one act changed converts only the pages whose Markdown
changed, and writes the same files, byte for byte, as a full build without a cache."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY, SEEDS

from shezhire.extract.pipeline import extract_record, link_records
from shezhire.guide.build import build_docs, build_site, write_pages
from shezhire.guide.i18n import language
from shezhire.guide.page_cache import PageCache

CHANGED_SEED = "mic-order-2026-130-amendments.txt"
# A made-up edit of one act's body (not a real text): one word added to its point 10.
BEFORE = "10. Мемлекеттік корпорация өтінішті"
AFTER = "10. Мемлекеттік корпорация жаңа өтінішті"

# The pages of the lists other than their index (guide/list_pages.py): not in the navigation.
OUTSIDE_NAV_LIST = re.compile(r"(ru/)?(effects|timeline|index/(status|issuer|year))/[^/]+\.md")


def records(corpus: Path) -> list[dict[str, Any]]:
    return link_records([extract_record(p, GOLDEN_DAY) for p in sorted(corpus.iterdir())])


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def markdown(recs: list[dict[str, Any]], folder: Path) -> dict[str, bytes]:
    """The Markdown of both trees' pages, by their path in the site ("ru/…" for Russian)."""
    guide = build_docs(recs, folder / "kk", as_of=GOLDEN_DAY)
    with language("ru"):
        (folder / "ru").mkdir()
        write_pages(guide, folder / "ru")
    return {f"{tree}/{k}".removeprefix("kk/"): v for tree in ("kk", "ru")
            for k, v in files(folder / tree).items() if k.endswith(".md")}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]],
                                                                list[dict[str, Any]]]:
    """The seeds' records, and the same with one act's body edited."""
    root = tmp_path_factory.mktemp("corpora")
    original, changed = root / "original", root / "changed"
    for folder in (original, changed):
        folder.mkdir()
        for seed in SEEDS:
            shutil.copy(seed, folder)
    text = (changed / CHANGED_SEED).read_text("utf-8")
    assert text.count(BEFORE) == 1
    (changed / CHANGED_SEED).write_text(text.replace(BEFORE, AFTER), "utf-8")
    return records(original), records(changed)


def test_a_rebuild_converts_only_the_changed_pages_and_writes_a_full_builds_files(
        tmp_path: Path, corpora: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    original, changed = corpora
    cache = PageCache(tmp_path / "cache")

    # First build with an empty cache: every page converted, the files of a build without it.
    full = files(build_site(original, tmp_path / "full", as_of=GOLDEN_DAY))
    assert files(build_site(original, tmp_path / "cached", as_of=GOLDEN_DAY,
                            page_cache=cache)) == full
    pages = sorted(markdown(original, tmp_path / "docs-1"))
    assert any(p.startswith("ru/acts/") for p in pages)
    assert sorted(cache.stats.converted) == pages
    assert cache.stats.reused == []

    # One act's text changed: the pages whose Markdown changed are converted, no other.
    before, after = markdown(original, tmp_path / "docs-3"), markdown(changed, tmp_path / "docs-2")
    assert sorted(before) == sorted(after)
    differ = sorted(k for k in before if before[k] != after[k])
    act = next(r["id"] for r in changed if r["source"]["path"].endswith(CHANGED_SEED))
    assert f"acts/{act}/index.md" in differ
    assert f"ru/acts/{act}/index.md" in differ
    assert len(differ) < len(before) / 2

    rebuilt = files(build_site(changed, tmp_path / "cached", as_of=GOLDEN_DAY, page_cache=cache))
    assert sorted(cache.stats.converted) == differ
    # The others: taken from the cache, converted or written whole (write_known).
    assert len(cache.stats.reused) + len(cache.stats.written) == len(before) - len(differ)
    assert not set(cache.stats.written) & set(differ)
    full_changed = files(build_site(changed, tmp_path / "full-2", as_of=GOLDEN_DAY))
    assert rebuilt == full_changed
    assert rebuilt != full


def test_an_act_added_or_removed_rebuilds_as_a_full_build_and_jobs_change_nothing(
        tmp_path: Path, corpora: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    """A new act and a removed act, with the cache, give a full build's files; and the two
    language trees rendered at the same time (``jobs=2``) give the same files as one after
    the other."""
    everything, _ = corpora
    act = next(r["id"] for r in everything if r["source"]["path"].endswith(CHANGED_SEED))
    without = link_records([r for r in everything if r["id"] != act])
    # Full builds without a cache: without the act rendered in parallel, with it in turn.
    full_without = files(build_site(without, tmp_path / "full-1", as_of=GOLDEN_DAY, jobs=2))
    full_with = files(build_site(everything, tmp_path / "full-2", as_of=GOLDEN_DAY, jobs=1))
    assert f"acts/{act}/index.html" in full_with and f"ru/acts/{act}/index.html" in full_with
    assert f"acts/{act}/index.html" not in full_without

    cache = PageCache(tmp_path / "cache")
    site = tmp_path / "cached"
    assert files(build_site(without, site, as_of=GOLDEN_DAY, page_cache=cache,
                            jobs=2)) == full_without
    assert cache.stats.reused == []

    # The act is added: its pages are converted, and those whose Markdown changed (the pages
    # that list or link it), and those with Markdown links (resolved against the list of the
    # site's pages, which changed); every other page comes from the cache.
    docs_without, docs_with = markdown(without, tmp_path / "md-1"), markdown(everything,
                                                                             tmp_path / "md-2")
    assert files(build_site(everything, site, as_of=GOLDEN_DAY, page_cache=cache,
                            jobs=2)) == full_with
    new_or_changed = {k for k in docs_with if docs_without.get(k) != docs_with[k]}
    with_links = {k for k, v in docs_with.items() if b"]" in v}
    assert {f"acts/{act}/index.md", f"ru/acts/{act}/index.md"} <= new_or_changed
    assert sorted(cache.stats.converted) == sorted(new_or_changed | with_links)
    assert len(cache.stats.reused) + len(cache.stats.written) \
        == len(docs_with) - len(new_or_changed | with_links) > 0

    # It is removed again: every page comes from the cache (the first build's entries), and
    # no file of the act is left.
    assert files(build_site(without, site, as_of=GOLDEN_DAY, page_cache=cache,
                            jobs=1)) == full_without
    assert cache.stats.converted == []
    assert sorted(cache.stats.reused + cache.stats.written) == sorted(docs_without)


def _html(page: str) -> str:
    """A page's file in the site, from its Markdown path (``acts/X/index.md``,
    ``ru/index.md``, ``checklist.md``)."""
    stem = page.removesuffix(".md")
    return stem + ".html" if stem.endswith("index") else stem + "/index.html"


def test_a_rebuild_lays_out_only_the_pages_whose_output_changed_and_a_damaged_entry_is_remade(
        tmp_path: Path, corpora: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
    """The theme's templates run only for the pages whose laid-out HTML is not in the cache;
    the others are written from it, the same bytes as a full build without a cache."""
    original, changed = corpora
    cache = PageCache(tmp_path / "cache")
    full = files(build_site(original, tmp_path / "full", as_of=GOLDEN_DAY))
    assert files(build_site(original, tmp_path / "cached", as_of=GOLDEN_DAY,
                            page_cache=cache)) == full
    pages = sorted(cache.stats.laid_out)
    assert pages == sorted(cache.stats.converted) and cache.stats.copied == []
    assert all(_html(p) in full for p in pages)

    # The same records again: no page laid out.
    assert files(build_site(original, tmp_path / "cached", as_of=GOLDEN_DAY,
                            page_cache=cache)) == full
    assert cache.stats.laid_out == []
    assert sorted(cache.stats.copied + cache.stats.written) == pages
    # Written whole (not read, converted nor laid out): every page outside the navigation
    # (the act pages, and the lists' pages of a year, a status or an issuer).
    assert cache.stats.written and all(
        p.startswith(("acts/", "ru/acts/")) or OUTSIDE_NAV_LIST.fullmatch(p)
        for p in cache.stats.written)
    assert any(OUTSIDE_NAV_LIST.fullmatch(p) for p in cache.stats.written)

    # One act's text changed: the pages whose HTML changed are laid out (the act's own among
    # them), the others are copied; the files are a full build's.
    full_changed = files(build_site(changed, tmp_path / "full-2", as_of=GOLDEN_DAY))
    rebuilt = files(build_site(changed, tmp_path / "cached", as_of=GOLDEN_DAY, page_cache=cache))
    assert rebuilt == full_changed
    differ = {p for p in pages if full[_html(p)] != full_changed[_html(p)]}
    act = next(r["id"] for r in changed if r["source"]["path"].endswith(CHANGED_SEED))
    assert {f"acts/{act}/index.md", f"ru/acts/{act}/index.md"} <= differ
    assert differ <= set(cache.stats.laid_out)
    assert set(cache.stats.copied + cache.stats.written) == set(pages) - set(cache.stats.laid_out)
    assert "checklist.md" in cache.stats.copied and "ru/checklist.md" in cache.stats.copied

    # Damaged entries (cut short, bytes changed) are not used: those pages are laid out again.
    entries = sorted((tmp_path / "cache" / "out").rglob("*.html"))
    assert entries
    for n, entry in enumerate(entries):
        data = entry.read_bytes()
        entry.write_bytes(data[:len(data) // 2] if n % 2 else data.replace(b"<", b">", 1))
    assert files(build_site(changed, tmp_path / "cached", as_of=GOLDEN_DAY,
                            page_cache=cache)) == full_changed
    assert sorted(cache.stats.laid_out) == pages
    assert cache.stats.copied == [] and cache.stats.written == []


def _edit_in_place(path: Path) -> None:
    """Change a file's bytes in its own inode (as an editor that writes in place does)."""
    with path.open("r+b") as handle:
        data = handle.read()
        handle.seek(0)
        handle.write(data.replace(b"<", b">", 1))


def test_unchanged_pages_and_records_are_links_of_checked_entries_and_an_edit_is_not_served(
        tmp_path: Path, corpora: tuple[list[dict[str, Any]], list[dict[str, Any]]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild puts an unchanged act page and record file in the site as a hard link of
    its cache entry (the cache and the site share a file system here), with a plain file's
    mode; a published file edited in place (which edits the entry it is linked to) is made
    again, not served; without links (another file system) the files are the same."""
    original, _ = corpora
    full = files(build_site(original, tmp_path / "full", as_of=GOLDEN_DAY))
    cache = PageCache(tmp_path / "cache" / "pages")  # the exports' cache beside it
    site = tmp_path / "site"
    build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full
    written = sorted(cache.stats.written)
    assert written
    entries = [p for p in (tmp_path / "cache").rglob("*")
               if p.is_file() and p.suffix in (".html", ".json")]
    mode = 0o666 & ~_umask()
    for name in [_html(p) for p in written] + ["records/" + p.name for p in
                                               (site / "records").iterdir()]:
        published = site / name
        assert published.stat().st_nlink == 2, name
        assert any(published.samefile(e) for e in entries), name
        assert published.stat().st_mode & 0o777 == mode

    # A user edits a published act page and a record file in place: both their entries are
    # damaged with them; the rebuild lays the page out again and writes the record again.
    page, record = site / _html(written[0]), sorted((site / "records").iterdir())[0]
    _edit_in_place(page)
    _edit_in_place(record)
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full
    assert written[0] not in cache.stats.written and written[0] in cache.stats.laid_out
    # The entries made again are new files; the next rebuild links them.
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full
    assert sorted(cache.stats.written) == written

    # No links possible (the cache on another file system): the bytes are copied.
    def no_link(*args: Any, **kwargs: Any) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    assert files(build_site(original, site, as_of=GOLDEN_DAY, page_cache=cache)) == full
    assert sorted(cache.stats.written) == written
    assert all((site / _html(p)).stat().st_nlink == 1 for p in written)
    assert all(p.stat().st_nlink == 1 for p in (site / "records").iterdir())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
