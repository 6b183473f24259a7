"""MkDocs run a chunk of pages at a time (guide/tree_render.py): the site is the one a single
MkDocs run writes, file for file, whatever the chunks and however many run at once."""

from __future__ import annotations

import calendar
import os
import re
import shutil
from pathlib import Path

import pytest
from golden_facts import GOLDEN_DAY, SEEDS

from shezhire.extract.pipeline import extract_record, link_records
from shezhire.guide.build import build_docs, config_file
from shezhire.guide.page_spill import PageSpill
from shezhire.guide.tree_render import Chunk, Tree, chunks, page_count, render_chunks

SOURCE_DATE = str(calendar.timegm(GOLDEN_DAY.timetuple()))


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' guide in Kazakh, as ``shezhire build`` gives it to MkDocs."""
    folder = tmp_path_factory.mktemp("guide") / "docs"
    records = link_records([extract_record(p, GOLDEN_DAY) for p in SEEDS])
    build_docs(records, folder, as_of=GOLDEN_DAY)
    return folder


def one_mkdocs_run(docs: Path, site: Path) -> dict[str, bytes]:
    """The tree as MkDocs' own build writes it, every page in one run."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE
    try:
        config = load_config(str(config_file()), docs_dir=str(docs), site_dir=str(site))
        config.plugins["shezhire/page-spill"] = PageSpill()
        build(config)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return files(site)


def test_chunks_cover_every_page_once_and_the_last_runs_to_the_end() -> None:
    assert chunks(10, 4) == [Chunk(0, 4), Chunk(4, 8), Chunk(8, None)]
    assert chunks(8, 4) == [Chunk(0, 4), Chunk(4, None)]
    assert chunks(3, 4) == [Chunk(0, None)]
    assert chunks(0, 4) == [Chunk(0, None)]
    assert [c.first for c in chunks(10, 4)] == [True, False, False]


def test_pages_rendered_in_chunks_are_the_files_of_one_mkdocs_run(
        docs: Path, tmp_path: Path) -> None:
    whole = one_mkdocs_run(docs, tmp_path / "one-run")
    pages = page_count(str(docs))
    assert pages > 10 and sum(k.endswith(".html") for k in whole) > 10
    for size, jobs in ((3, 2), (7, 1), (pages, 1)):  # chunks in processes; one, in this one
        site = tmp_path / f"chunks-{size}-{jobs}"
        site.mkdir()
        (site / "stale.html").write_text("left by an earlier build", "utf-8")
        render_chunks([Tree(str(config_file()), str(docs), str(site), "")], None, jobs,
                      SOURCE_DATE, size=size)
        assert files(site) == whole, (size, jobs)


def test_two_trees_rendered_longest_chunks_first_are_the_files_of_one_run_each(
        docs: Path, tmp_path: Path) -> None:
    # Each tree's last chunk is the short one: the pool takes both trees' long chunks first.
    whole = one_mkdocs_run(docs, tmp_path / "one-run")
    size = 4 if page_count(str(docs)) % 4 else 3
    assert page_count(str(docs)) % size  # a short last chunk in each tree
    trees = [Tree(str(config_file()), str(docs), str(tmp_path / name), "")
             for name in ("first", "second")]
    render_chunks(trees, None, 2, SOURCE_DATE, size=size)
    assert files(Path(trees[0].site)) == whole and files(Path(trees[1].site)) == whole


def test_a_chunked_tree_reports_its_page_cache_as_one_run_and_reuses_it(
        docs: Path, tmp_path: Path) -> None:
    whole = one_mkdocs_run(docs, tmp_path / "one-run")
    tree = Tree(str(config_file()), str(docs), str(tmp_path / "site"), "")
    cache = str(tmp_path / "cache")
    (one,) = render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    (first,) = render_chunks([tree], str(tmp_path / "cache-2"), 2, SOURCE_DATE, size=4)
    assert first.converted == one.converted and first.laid_out == one.laid_out
    assert len(one.converted) == page_count(str(docs)) and one.reused == []
    (again,) = render_chunks([tree], cache, 2, SOURCE_DATE, size=4)
    # The pages outside the navigation are written whole from the cache; the others are
    # taken from it through MkDocs.
    assert again.converted == [] and again.laid_out == []
    assert sorted(again.reused + again.written) == sorted(one.converted)
    assert sorted(again.copied + again.written) == sorted(one.laid_out)
    # (the act pages, and the lists' pages of a year, a status or an issuer)
    assert again.written and all(
        p.startswith("acts/") or re.fullmatch(
            r"(effects|timeline|index/(status|issuer|year))/[^/]+\.md", p)
        for p in again.written)
    assert files(Path(tree.site)) == whole


def test_a_page_is_written_whole_only_while_its_markdown_and_the_navigation_are_the_same(
        docs: Path, tmp_path: Path) -> None:
    """``PageCache.write_known``: an act page's Markdown changed, or the navigation (a
    navigation page's front matter), lays the pages out again; the files are always those
    of one MkDocs run of the same docs."""
    mine = tmp_path / "docs"
    shutil.copytree(docs, mine)
    tree = Tree(str(config_file()), str(mine), str(tmp_path / "site"), "")
    cache = str(tmp_path / "cache")
    render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    (again,) = render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    pages = sorted(again.written)
    assert pages and files(Path(tree.site)) == one_mkdocs_run(mine, tmp_path / "one-1")

    # One act page's Markdown changed (a made-up sentence added): that page is converted
    # and laid out again, the others written whole.
    changed = mine / pages[0]
    changed.write_text(changed.read_text("utf-8") + "\nA made-up sentence.\n", "utf-8")
    (edited,) = render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    assert edited.converted == [pages[0]] and edited.laid_out == [pages[0]]
    assert sorted(edited.written) == pages[1:]
    assert files(Path(tree.site)) == one_mkdocs_run(mine, tmp_path / "one-2")

    # A navigation page's front matter changed (what the navigation shows of it): no page
    # is written whole, every page is laid out again or copied by MkDocs.
    nav_page = mine / "checklist.md"
    nav_page.write_text("---\nsearch:\n  exclude: true\n---\n" + nav_page.read_text("utf-8"),
                        "utf-8")
    (renav,) = render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    assert renav.written == [] and set(pages) <= set(renav.laid_out)
    assert files(Path(tree.site)) == one_mkdocs_run(mine, tmp_path / "one-3")

    # A damaged layout entry is not written: that page is laid out again.
    (back,) = render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    assert sorted(back.written) == pages
    for entry in (tmp_path / "cache" / "out").rglob("*.html"):
        data = entry.read_bytes()
        entry.write_bytes(data.replace(b"<", b">", 1))
    (damaged,) = render_chunks([tree], cache, 1, SOURCE_DATE, size=10_000)
    assert damaged.written == [] and set(pages) <= set(damaged.laid_out)
    assert files(Path(tree.site)) == one_mkdocs_run(mine, tmp_path / "one-4")


def test_a_broken_link_in_any_chunk_fails_the_build_as_one_run_does(
        docs: Path, tmp_path: Path) -> None:
    """MkDocs' strict mode (mkdocs.yml) refuses a link to a page that does not exist; a
    chunk's process refuses it too, and the build fails."""
    from mkdocs.exceptions import Abort

    broken = tmp_path / "docs"
    shutil.copytree(docs, broken)
    # A made-up page, last in MkDocs' order, so not in the first chunk.
    (broken / "zz-made-up.md").write_text("# Made up\n\n[nowhere](no-such-page.md)\n", "utf-8")
    site = tmp_path / "site"
    with pytest.raises(Abort):
        render_chunks([Tree(str(config_file()), str(broken), str(site), "")], None, 2,
                      SOURCE_DATE, size=4)


# Made-up front matters, in the shapes MkDocs reads: YAML (closed by "---" or "...", one that
# does not parse, one never closed), MultiMarkdown lines, none, a byte order mark, CRLF.
FRONT_MATTERS = {
    "yaml": "---\nsearch:\n  exclude: true\ntitle: Тізім\n---\n\n# Тізім\n\n| a |\n",
    "yaml_dots": "---\nstatus: new\n...\n# Бет\n---\nx: 1\n---\n",
    "yaml_bad": "---\n: [\n---\n# Бет\n",
    "yaml_open": "---\ntitle: Бет\n# Бет\n\nмәтін\n",
    "multimarkdown": "Title: Бет\nStatus: жаңа\n    екінші жол\n\n# Бет\n",
    "none": "# Бет\n\nTitle: мәтін\n",
    "blank_first": "\nTitle: Бет\n",
    "empty": "",
    "bom_crlf": "\ufeff---\r\ntitle: Бет\r\n---\r\n# Бет\r\n",
}


@pytest.mark.parametrize("name", sorted(FRONT_MATTERS))
def test_a_navigation_page_of_another_chunk_has_the_front_matter_mkdocs_reads(
        name: str, tmp_path: Path) -> None:
    """A chunk reads only the first lines of the navigation's pages it does not convert (the
    lists of every act grow with the corpus); their front matter, which the navigation
    shows, is the one MkDocs reads from the whole file."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    from shezhire.guide.tree_render import read_front_matter

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_bytes(FRONT_MATTERS[name].encode() + b"\n| row |" * 5_000)
    config = load_config(str(config_file()), docs_dir=str(docs), site_dir=str(tmp_path / "s"))
    pages = [Page("Бет", File("page.md", str(docs), str(tmp_path / "s"), True), config)
             for _ in range(2)]
    pages[0].read_source(config)
    read_front_matter(pages[1], config)
    assert pages[1].meta == pages[0].meta
    assert pages[1].markdown == ""
