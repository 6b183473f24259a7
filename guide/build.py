"""Build the public guide: exports and generated Markdown into a docs folder, the site's
assets beside them, then MkDocs (Material) renders the static site into ``out_dir``.

MkDocs empties its site folder before writing, so the exports are written into the docs
folder and MkDocs copies them to the site root with the assets. The Russian tree is a second
MkDocs build (``mkdocs.ru.yml``: Material's Russian, the Russian nav) of the same guide's pages
written in Russian, into ``ru/`` of the same site folder; its pages link to the data files
at the root. MkDocs renders each tree in chunks of pages, a large tree's chunks each in a
process of its own, ``jobs`` at a time (``guide/tree_render.py``).
The docs folders are fresh temporary ones per build, and the site is built beside ``out_dir`` and swapped in at the end
(:func:`shezhire.extract.output_folder.replace_folder`): a folder of someone else's files is
refused, and a killed build leaves the previous site whole.
"""

from __future__ import annotations

import calendar
import contextlib
import ctypes
import ctypes.util
import datetime as dt
import functools
import gc
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from shezhire.extract.output_folder import replace_folder
from shezhire.extract.outputs import write_atomic
from shezhire.extract.spool import SpooledRecords
from shezhire.extract.validity import settle_statuses
from shezhire.guide.act_page import record_to_page
from shezhire.guide.context import Guide, amending_acts, record_row
from shezhire.guide.exports import records_to_exports
from shezhire.guide.i18n import LANGUAGES, TREE, language
from shezhire.guide.indexes import (
    effects_pages,
    issuer_index,
    status_index,
    timeline_pages,
    year_index,
)
from shezhire.guide.labels import site_labels
from shezhire.guide.linked_files import link_or_write
from shezhire.guide.markdown_cache import CachedPage, MarkdownCache, MarkdownCacheStats
from shezhire.guide.page_cache import PageCache, PageCacheStats
from shezhire.guide.pages import checklist_page, downloads_page, graph_page, home_page
from shezhire.guide.row_store import RowStore
from shezhire.guide.search_index import index_site
from shezhire.guide.stub_page import stub_to_page
from shezhire.guide.tree_render import Tree, environment_set, quiet_mkdocs, render_chunks
from shezhire.guide.urls import act_url


def config_file(lang: str = "kk") -> Path:
    """mkdocs.yml (mkdocs.ru.yml for the Russian tree) as package data; resolved, so that
    ``site/`` is found beside it both in a checkout (where shezhire/mkdocs.yml links to the
    top-level file) and when installed."""
    name = "mkdocs.yml" if lang == "kk" else f"mkdocs.{lang}.yml"
    return Path(str(resources.files("shezhire").joinpath(name))).resolve()


def assets_dir() -> Path:
    return config_file().parent / "site" / "assets"


def records_to_pages(guide: Guide, markdown: MarkdownCache | None = None
                     ) -> Iterator[tuple[str, str | CachedPage | Iterator[str]]]:
    """Every page of the guide, one at a time as made: docs-relative Markdown path and
    Markdown text (with ``markdown``, an act page's bytes and the cache entry holding them,
    taken from the cache when it holds the page: :mod:`shezhire.guide.markdown_cache`; the
    lists of every act or event in pieces, made as they are written:
    :mod:`shezhire.guide.indexes`)."""
    yield "index.md", home_page(guide)
    yield "checklist.md", checklist_page()
    yield "graph.md", graph_page()
    yield from effects_pages(guide)
    yield from timeline_pages(guide)
    yield "downloads.md", downloads_page(guide)
    yield from status_index(guide)
    yield from issuer_index(guide)
    yield from year_index(guide)
    for act in sorted(guide.g.nodes):
        path = act_url(act) + "index.md"
        if markdown is None:
            yield path, _act_page(guide, act)
        else:
            yield path, markdown.cached(path, functools.partial(_act_page, act=act))


def _act_page(guide: Guide, act: str) -> str:
    """An act's page: of its record when the corpus holds it, else of what cites it."""
    return record_to_page(guide, guide.record(act)) if act in guide.records \
        else stub_to_page(guide, act)


def build_docs(records: Sequence[dict[str, Any]], docs_dir: Path, *, as_of: dt.date,
               cache: Path | None = None, markdown: Path | None = None) -> Guide:
    """Write the exports, the pages and the assets (with ``assets/labels.json``) into
    ``docs_dir`` (emptied first).

    The records are read one at a time, as often as needed (from disk, when ``records`` is
    a :class:`~shezhire.extract.spool.SpooledRecords`); a spool's records are settled to
    ``as_of`` in the spool, which is then frozen (its heads become ids: the records read
    back are the same). The guide's rows (each act's record without its texts) are kept on
    disk (:class:`~shezhire.guide.row_store.RowStore`), read by act id. With ``cache`` (a
    folder), the exports' Akoma Ntoso files of unchanged acts are taken from it; with
    ``markdown`` (a folder), the act pages whose inputs are unchanged (the guide's
    ``stats`` say which were)."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    # The published records speak of the guide's day, as its pages and graph.json do.
    rows = RowStore()
    if isinstance(records, SpooledRecords):
        settle_statuses(records.heads, as_of)
        # Settled: each record is written whole once more and its head dropped (the spool
        # keeps an id an act), and its row is kept on disk (the store keeps where it is).
        records.freeze(lambda record: rows.add(record_row(record)))
    else:
        records = settle_statuses([dict(r) for r in records], as_of)
        for record in records:
            rows.add(record_row(record))
    at = {row_id: i for i, row_id in enumerate(r["id"] for r in _heads(records))}
    guide = Guide(rows, nx.MultiDiGraph(), as_of, load=lambda act: records[at[act]],
                  amenders=amending_acts(rows.values()))
    exports = records_to_exports(records, docs_dir, rows=rows.values(),
                                 related=guide.related, related_ids=guide.related_ids,
                                 cache=cache)
    guide.g = exports.graph
    guide.digests = exports.digests
    guide.markdown_stats = write_pages(guide, docs_dir, markdown)
    return guide


def _heads(records: Sequence[dict[str, Any]]) -> Sequence[dict[str, Any]]:
    """What gives each record's id without reading it from disk."""
    return records.heads if isinstance(records, SpooledRecords) else records


def write_pages(guide: Guide, docs_dir: Path, cache: Path | None = None) -> MarkdownCacheStats:
    """The pages and the assets (with ``assets/labels.json``) of one language's tree, in the
    current language (:func:`shezhire.guide.i18n.language`). With ``cache`` (a folder), the
    act pages whose inputs are unchanged are taken from it (:mod:`shezhire.guide.
    markdown_cache`); returns which were."""
    markdown = MarkdownCache(cache, guide, guide.digests) if cache is not None else None
    for path, text in records_to_pages(guide, markdown):
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, CachedPage):
            # A hard link of the cache entry where it can be (the docs folder is new: no
            # byte is written through the link; MkDocs only reads it), else the bytes.
            link_or_write(text.entry, text.data, target)
        elif isinstance(text, str):
            target.write_text(text, encoding="utf-8", newline="\n")
        else:
            with target.open("w", encoding="utf-8", newline="\n") as out:
                out.writelines(text)
    shutil.copytree(assets_dir(), docs_dir / "assets", dirs_exist_ok=True)
    # The words and URL scheme the site's scripts share with the pages, from guide/labels.py.
    write_atomic(docs_dir / "assets" / "labels.json",
                 json.dumps(site_labels(), ensure_ascii=False, indent=2) + "\n")
    return markdown.stats if markdown is not None else MarkdownCacheStats()


def build_site(records: Sequence[dict[str, Any]], out_dir: Path, *, as_of: dt.date | None,
               config: Path | None = None, page_cache: PageCache | None = None,
               jobs: int = 1) -> Path:
    """Build the whole guide for ``records`` into ``out_dir`` and return it.

    ``as_of`` is the day the guide speaks of (default: today); it also stamps the sitemap,
    so the same records and day give the same files. ``out_dir`` must be missing, empty or
    a previous Shezhire output (:class:`OutputFolderError` otherwise). With ``page_cache``,
    pages whose Markdown is unchanged since a build with the same cache are not converted
    again (the same files all the same; ``page_cache.stats`` says which were), nor are the
    search index's shards whose pages are unchanged (:func:`index_site`'s cache). With
    ``jobs`` of 2 or more, MkDocs renders that many chunks of the trees' pages at the same
    time, each in its own process, and Pagefind makes that many of the search index's runs
    at a time (the same files as one run a tree, one index run after the other).
    """
    day = as_of or dt.date.today()
    with site_folders(out_dir, day) as (site, docs_root):
        apart, markdown = write_docs(records, docs_root, as_of=day, caches=cache_root(page_cache))
        # The pages are written: the guide (its graph and rows) is no longer read, and what
        # this process freed since the records were read (their heads, each page's records)
        # goes back to the system before the trees and the search index's runs need it.
        _return_free_memory()
        render_site(site, docs_root, apart=apart, config=config, page_cache=page_cache,
                    jobs=jobs, markdown=markdown)
    return Path(os.path.abspath(out_dir))


@contextlib.contextmanager
def site_folders(out_dir: Path, day: dt.date) -> Iterator[tuple[Path, Path]]:
    """The new site's folder (built beside ``out_dir``, swapped in when the block ends
    without an error: :func:`~shezhire.extract.output_folder.replace_folder`) and a fresh
    temporary folder for the trees' docs folders (:func:`write_docs`); MkDocs quiet and
    the sitemap dated ``day`` while the block runs."""
    out_dir = Path(os.path.abspath(out_dir))
    with replace_folder(out_dir, "site") as site, \
            tempfile.TemporaryDirectory(prefix="shezhire-docs-") as docs_tmp, \
            quiet_mkdocs(), _source_date(day):
        yield site, Path(docs_tmp)


def cache_root(page_cache: PageCache | None) -> Path | None:
    """The cache folder the pages' cache is in: the exports' Akoma Ntoso files and the act
    pages' Markdown are cached beside it (None: no cache)."""
    return page_cache.folder.parent if page_cache is not None else None


def write_docs(records: Sequence[dict[str, Any]], docs_root: Path, *, as_of: dt.date,
               caches: Path | None = None) -> tuple[list[str], MarkdownCacheStats]:
    """The docs folder of every tree, in ``docs_root`` (``docs/`` for the root tree with the
    exports, ``docs-LANG/`` for each other language's pages); the ids of the acts only cited
    (their pages are indexed apart) and the act pages' Markdown made and taken from the
    cache (``caches``: :func:`cache_root`)."""
    docs = docs_root / "docs"
    docs.mkdir()
    markdown = caches / "markdown" if caches is not None else None
    guide = build_docs(records, docs, as_of=as_of,
                       cache=caches / "exports" if caches is not None else None,
                       markdown=markdown)
    made = guide.markdown_stats or MarkdownCacheStats()
    for lang in LANGUAGES[1:]:
        with language(lang):
            lang_docs = docs_root / f"docs-{lang}"
            lang_docs.mkdir()
            more = write_pages(guide, lang_docs, markdown)
            made.made += more.made
            made.reused += more.reused
    return [a for a in guide.g.nodes if not guide.in_corpus(a)], made


def render_site(site: Path, docs_root: Path, *, apart: Sequence[str],
                config: Path | None = None, page_cache: PageCache | None = None,
                jobs: int = 1, markdown: MarkdownCacheStats | None = None) -> None:
    """MkDocs' trees of the docs folders :func:`write_docs` wrote in ``docs_root``, and their
    search index, into ``site`` (:func:`site_folders`); ``apart``: the acts only cited.
    ``config``, ``page_cache`` and ``jobs`` as :func:`build_site`'s; ``markdown``: the act
    pages' Markdown :func:`write_docs` made and reused, counted in ``page_cache.stats``."""
    if page_cache is not None:
        page_cache.stats = PageCacheStats()
        if markdown is not None:
            page_cache.stats.markdown_made += markdown.made
            page_cache.stats.markdown_reused += markdown.reused
    # The root tree renders into the site folder itself; the others into hidden folders of
    # it (MkDocs, which empties its site folder first, leaves hidden entries alone), moved
    # into place once every tree is built.
    # The docs folders are this build's scratch: their data files are linked into the site.
    trees = [Tree(str(config or config_file()), str(docs_root / "docs"), str(site), "",
                  scratch=True)]
    trees += [Tree(str(config_file(lang)), str(docs_root / f"docs-{lang}"),
                   str(site / f".tree-{lang}"), TREE[lang], scratch=True)
              for lang in LANGUAGES[1:]]
    cache = str(page_cache.folder) if page_cache is not None else None
    for stats in _render_trees(trees, cache, jobs, os.environ["SOURCE_DATE_EPOCH"]):
        if page_cache is not None:
            page_cache.stats.converted += stats.converted
            page_cache.stats.reused += stats.reused
            page_cache.stats.laid_out += stats.laid_out
            page_cache.stats.copied += stats.copied
            page_cache.stats.written += stats.written
    for tree in trees[1:]:
        os.rename(tree.site, site / tree.folder)
    # The search index of every tree (one per page language), inside the new site before
    # it is swapped in.
    # The search index's runs are cached beside the pages (the cache folder's search/).
    _return_free_memory()  # a tree rendered in this process (one job)
    # The pages of the acts only cited (they list their citing acts) are indexed apart.
    index_site(site, cache=page_cache.folder.parent / "search" if page_cache else None,
               apart=list(apart), jobs=jobs)


def _return_free_memory() -> None:
    """Give the memory this process has freed back to the system. Python keeps freed
    objects' memory for its next objects, and the C library keeps freed blocks below the
    top of its heap: ``malloc_trim`` (glibc's; elsewhere nothing is done) releases them."""
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)


def _render_trees(trees: list[Tree], cache: str | None, jobs: int,
                  source_date: str) -> list[PageCacheStats]:
    """Run MkDocs for every tree, in chunks of pages (:mod:`shezhire.guide.tree_render`):
    MkDocs keeps objects of every page it converts until its run ends, and a process does
    not give its memory back, so a large tree's chunks each run in a fresh process, ``jobs``
    at a time; a small tree with one job renders in this process."""
    return render_chunks(trees, cache, jobs, source_date)


def _source_date(day: dt.date) -> contextlib.AbstractContextManager[None]:
    """MkDocs dates the sitemap by SOURCE_DATE_EPOCH when set: use the build day, not now."""
    return environment_set("SOURCE_DATE_EPOCH", str(calendar.timegm(day.timetuple())))
