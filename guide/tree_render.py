"""MkDocs' build of one tree of the guide, a chunk of its pages at a time.

MkDocs converts every page of a tree before it writes the first one, and a process does not
give back the memory it freed while converting: a tree's process grows by tens of KB a page
(measured ~60 KB a page, most of it freed and not returned), so the memory of one MkDocs run
grows with the corpus. The guide's pages need nothing of each other but their addresses: the
act pages are not in the navigation (only the few pages ``mkdocs.yml`` names are, each with
its title given there), and a link to another page is resolved against the list of the
site's files, not against that page's content. So :func:`render_chunk` runs MkDocs' own build
steps (the functions ``mkdocs.commands.build.build`` calls, in its order) for the pages of
one range of the tree's page list, each chunk in a process of its own
(:func:`render_chunks`): every chunk reads the configuration, the list of files and the
navigation, converts and writes its own pages only; the first chunk also copies the static
files and writes the theme's templates (``sitemap.xml``, ``404.html``). The pages are the same
files, byte for byte, as one MkDocs run writes (``tests/test_tree_render.py``); a process's
memory is bounded by the chunk's size and the list of files (a few hundred bytes a page),
not by the corpus.

What a chunk does not see: the anchors of pages in other chunks, so MkDocs' check of links
to another page's anchor (``validation.links.anchors``, ``info`` in the guide: a log line, not
an error) covers only links within a chunk.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import meta as mkdocs_meta

from shezhire.extract.engine import stop_fork_server
from shezhire.guide.linked_files import link_or_copy
from shezhire.guide.page_cache import PageCache, PageCacheStats
from shezhire.guide.page_spill import PageSpill

# Pages a chunk converts: its process's growth (~60 KB a page) stays within tens of MB, and
# a process's start (forked from a server that has imported MkDocs) is a small share of its
# pages' time.
CHUNK_PAGES = 600


@dataclass(frozen=True)
class Tree:
    """One MkDocs build: its configuration file, docs and site folders, and its folder in
    the published site ("" for the root, "ru/")."""

    config: str
    docs: str
    site: str
    folder: str
    # The docs folder is the build's scratch (written by it, removed after it): its data
    # files are hard-linked into the site, not copied (guide/linked_files.py).
    scratch: bool = False


@dataclass(frozen=True)
class Chunk:
    """The pages ``start`` to ``stop`` (``None``: to the last) of a tree's page list, in
    MkDocs' order; ``first``: the chunk that also writes the static files."""

    start: int
    stop: int | None

    @property
    def first(self) -> bool:
        return self.start == 0


def chunks(page_count: int, size: int = CHUNK_PAGES) -> list[Chunk]:
    """The chunks of a tree of about ``page_count`` pages: the last one runs to the end, so a
    count that is off only moves pages between the last chunks."""
    starts = list(range(0, max(page_count, 1), size))
    return [Chunk(start, starts[i + 1] if i + 1 < len(starts) else None)
            for i, start in enumerate(starts)]


def page_count(docs: str) -> int:
    """The Markdown files of a docs folder: MkDocs' pages of it."""
    return sum(1 for _ in Path(docs).rglob("*.md"))


def render_chunks(trees: list[Tree], cache: str | None, jobs: int, source_date: str,
                  size: int | None = None) -> list[PageCacheStats]:
    """Every tree's pages, in chunks of ``size``: with ``jobs`` of 1 and trees of one chunk,
    in this process; otherwise each chunk in a fresh process, ``jobs`` at a time (at least
    one). Returns each tree's page cache statistics, chunk after chunk in page order (as one
    run gives them). ``size`` is :data:`CHUNK_PAGES` unless given."""
    counts = [page_count(tree.docs) for tree in trees]
    plans = [(tree, chunks(count, size or CHUNK_PAGES)) for tree, count in zip(trees, counts,
                                                                               strict=True)]
    for tree, _ in plans:
        utils.clean_directory(tree.site)  # as MkDocs does first; its hidden entries stay
    if jobs < 2 and all(len(plan) == 1 for _, plan in plans):
        return [render_chunk(tree, plan[0], cache, source_date) for tree, plan in plans]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        # Each chunk's process forks from a server that has imported MkDocs and the theme's
        # code once (the server of the extraction, with the extractor, is stopped first).
        stop_fork_server()
        context.set_forkserver_preload([__name__])
    try:
        # A fresh process a chunk: what one chunk's conversion freed is not carried on.
        with ProcessPoolExecutor(max(jobs, 1), mp_context=context,
                                 max_tasks_per_child=1) as pool:
            # The largest chunks first (each tree's last one is the short one): the pool's
            # last chunks are the short ones, so no worker is left with a long chunk alone
            # while the others have nothing to do.
            order = sorted(((t, c) for t, (_, plan) in enumerate(plans)
                            for c in range(len(plan))),
                           key=lambda at: -_pages(plans[at[0]][1][at[1]], counts[at[0]]))
            submitted = {(t, c): pool.submit(render_chunk, plans[t][0], plans[t][1][c], cache,
                                             source_date) for t, c in order}
            futures: list[list[Future[PageCacheStats]]] = [
                [submitted[t, c] for c in range(len(plan))] for t, (_, plan) in enumerate(plans)]
            try:
                return [_merged([future.result() for future in tree_futures])
                        for tree_futures in futures]
            except BaseException:
                # A chunk failed (a strict-mode warning, a page that cannot be read): the
                # build fails; the chunks not started are not rendered for nothing.
                pool.shutdown(cancel_futures=True)
                raise
    finally:
        stop_fork_server()  # not kept through the search index's runs


def _pages(chunk: Chunk, page_count: int) -> int:
    """About how many pages ``chunk`` of a tree of ``page_count`` pages converts."""
    return max((page_count if chunk.stop is None else chunk.stop) - chunk.start, 0)


def _merged(parts: list[PageCacheStats]) -> PageCacheStats:
    total = PageCacheStats()
    for part in parts:
        total.converted += part.converted
        total.reused += part.reused
        total.laid_out += part.laid_out
        total.copied += part.copied
        total.written += part.written
    return total


def render_chunk(tree: Tree, chunk: Chunk, cache: str | None,
                 source_date: str) -> PageCacheStats:
    """MkDocs for one chunk of one tree (in this process or a worker's: everything it needs
    is given). The steps are those of ``mkdocs.commands.build.build`` (MkDocs 1.6), without
    its cleaning of the site folder (done once, before the chunks) and with the pages outside
    the chunk left unread."""
    with quiet_mkdocs(), environment_set("SOURCE_DATE_EPOCH", source_date):
        config = load_config(tree.config, docs_dir=tree.docs, site_dir=tree.site)
        plugin = PageCache(Path(cache), tree.folder) if cache is not None else None
        if plugin is not None:
            config.plugins["shezhire/page-cache"] = plugin
        config.plugins["shezhire/page-spill"] = PageSpill()
        _build(config, chunk, link_docs=tree.scratch)
    return plugin.stats if plugin is not None else PageCacheStats()


def _build(config: MkDocsConfig, chunk: Chunk, *, link_docs: bool = False) -> None:
    logger = logging.getLogger("mkdocs")
    warnings = utils.CountHandler()
    warnings.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warnings)
    inclusion = InclusionLevel.is_included
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=inclusion)
        mine = doc_files[chunk.start:chunk.stop]
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():  # type: ignore[no-untyped-call]
                Page(None, file, config)
            assert file.page is not None
        converted = {id(file) for file in mine}
        for page in nav.pages:
            # Not converted here: its front matter read, as MkDocs has read every page by the
            # time it lays one out (a navigation entry shows its page's front matter).
            if id(page.file) not in converted:
                read_front_matter(page, config)
        cache = config.plugins.get("shezhire/page-cache")
        if isinstance(cache, PageCache):
            # The pages whose output the cache knows by their source are written now, not
            # converted nor laid out (a chunk of them only copies).
            left = {id(file) for file in cache.write_known(mine, nav, config)}
            mine = [file for file in mine if id(file) in left]
        for file in mine:
            assert file.page is not None
            mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        if chunk.first:
            if link_docs:
                copy_static_files(files, config.docs_dir, inclusion)
            else:
                files.copy_static_files(inclusion=inclusion)
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, env, files, config, nav)
            for template in config.extra_templates:
                mkdocs_build._build_extra_template(template, files, config, nav)
        for file in mine:
            assert file.page is not None
            mkdocs_build._build_page(file.page, config, doc_files, nav, env,
                                     excluded=file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
        level = config.validation.links.anchors
        for file in mine:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=level)
        config.plugins.on_post_build(config=config)
        if counts := warnings.get_counts():
            message = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {message} in strict mode!")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            raise Abort("Aborted with a BuildError!") from error
        raise
    finally:
        logger.removeHandler(warnings)


def copy_static_files(files: Files, docs: str, inclusion: Callable[[InclusionLevel], bool]
                      ) -> None:
    """``files.copy_static_files``, with each file of the scratch folder ``docs`` hard-linked
    into the site where it can be (:func:`~shezhire.guide.linked_files.link_or_copy`); the
    theme's files and any other are copied as MkDocs copies them."""
    root = os.path.join(os.path.abspath(docs), "")
    for file in files:
        if file.is_documentation_page() or not inclusion(file.inclusion):
            continue
        source = file.abs_src_path
        if file.generated_by is None and source is not None \
                and os.path.abspath(source).startswith(root) \
                and not os.path.exists(file.abs_dest_path):
            link_or_copy(Path(source), Path(file.abs_dest_path))
        else:
            file.copy_file()


# A line that opens a YAML front matter (MkDocs' ``meta.YAML_RE``'s first line).
_YAML_OPENING = re.compile(r"-{3}[ \t]*\n")
_YAML_CLOSING = re.compile(r"(?:\.{3}|-{3})[ \t]*\n")


def read_front_matter(page: Page, config: MkDocsConfig) -> None:
    """``page.meta`` as ``Page.read_source`` sets it, read from the page's first lines only;
    its Markdown is left empty (a page of another chunk is not converted here). The lists of
    every act in the navigation (``effects.md``, ``timeline.md``: ~6.5 KB an act each, ~65 MB
    at 10,000 acts, before they were paged: session 15) were read whole by every chunk's process, which grew by about twice their
    size (bench/README.md, session 14). What ``meta.get_data`` reads of a text is the YAML
    block up to its first closing line, or the MultiMarkdown lines up to the first blank
    one: the lines read here are those, or the whole file when it has no such end, so the
    front matter is the same. With a plugin that gives pages' sources, the page is read as
    MkDocs reads it."""
    if config.plugins.events["page_read_source"]:
        page.read_source(config)
        page.markdown = ""
        return
    assert page.file.abs_src_path is not None
    # As File.content_string opens it: a byte order mark dropped, universal newlines.
    with open(page.file.abs_src_path, encoding="utf-8-sig", errors="strict") as file:
        lines = [file.readline()]
        if _YAML_OPENING.fullmatch(lines[0]):
            for line in file:
                lines.append(line)
                # Only a closing line can end the block (tried on the lines so far then).
                if _YAML_CLOSING.fullmatch(line) and mkdocs_meta.YAML_RE.match("".join(lines)):
                    break
        elif lines[0].strip():
            for line in file:
                lines.append(line)
                if not line.strip():
                    break
    _, page.meta = mkdocs_meta.get_data("".join(lines))
    page.markdown = ""


@contextlib.contextmanager
def environment_set(name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` in the environment for the block, as it was after it."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


@contextlib.contextmanager
def quiet_mkdocs() -> Iterator[None]:
    """MkDocs logs every step at INFO; the command line shows warnings only."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
