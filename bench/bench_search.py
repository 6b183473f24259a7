"""How the guide's size and its search scale with the number of acts.

One run builds the guide (``shezhire build``) of N synthetic acts (``synthetic_acts.py``'s
``copy_seeds``: the seeds' bodies under new act and registration numbers) and prints:

- the site's bytes, per act, split by what holds them (act pages, records, search index, ...);
- the search index's bytes per act (Pagefind's index chunks, fragments and metadata: what the
  browser may fetch, not Pagefind's scripts);
- the bytes a browser fetches to answer a query, from opening the search to the results
  listed (headless chromium through Playwright, on the site served on 127.0.0.1), for a
  registration number, an act number written "№ N", and words found in few and in all acts.

``--pages M`` then measures the search alone at a larger scale without building M acts:
the act pages of the built site, in both language trees, are copied to M pages a language
(each copy's act and registration numbers made new, its issuer kept), the build's own
``index_site`` indexes the whole site again (runs of at most ``SHARD_PAGES`` pages a language, grouped by
issuer, merged by the site's search box) and the same queries are measured.

``--rebuild`` also times the guide's build from the records (no extraction) without a page
cache, with an empty one, and with it after one act's body changed.

Run: ``python bench/bench_search.py [--acts N] [--pages M] [--rebuild] [--keep DIR]``.
Sizes are deterministic (same acts, same bytes); times are printed only as a guide.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for _extra in (BENCH, ROOT):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

from synthetic_acts import copy_seeds, synthetic_number  # noqa: E402

AS_OF = dt.date(2026, 11, 22)
CHROMIUM = Path("/usr/bin/chromium")
INDEX_FILES = (".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter")
# A word of one seed only (a name in its text): in a fifth of the synthetic acts.
RARE_WORD = "құнанбаев"
VERBOSE = False


def build(n: int, root: Path) -> tuple[Path, float]:
    """The guide of ``n`` synthetic acts in ``root/public``, and the build's seconds."""
    from click.testing import CliRunner

    from shezhire.cli import cli

    corpus = root / "corpus"
    # The seeds renumbered, not make_corpus.py's chains: the queries and the copies of
    # --pages find an act by synthetic_number's act and registration numbers.
    copy_seeds(n, corpus)
    out = root / "public"
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out),
                                      "--as-of", AS_OF.isoformat()])
    seconds = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"shezhire build failed: {result.output}")
    return out, seconds


def sizes(site: Path) -> dict[str, int]:
    """Bytes of the site by its top-level entries (folders summed)."""
    out: dict[str, int] = {}
    for path in site.rglob("*"):
        if path.is_file():
            top = path.relative_to(site).parts[0]
            out[top] = out.get(top, 0) + path.stat().st_size
    return out


def index_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in (site / "pagefind").rglob("*")
               if p.is_file() and p.name.endswith(INDEX_FILES))


def fetched_per_query(site: Path, queries: list[str],
                      tree: str = "") -> dict[str, tuple[int, int, int]]:
    """For each query: (bytes fetched, files fetched, results) from opening the search on the
    home page of the language tree ``tree`` ("" the Kazakh one, "ru/" the Russian one) to the
    results listed, in a fresh browser context (empty cache): the entry, the language's
    metadata and every shard's (the search box merges the shards of its page's language),
    the chunks of the query's words in every shard and the fragments of the results shown."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from helpers import serve  # the browser tests' server

    out = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM),
                                    args=["--no-sandbox", "--disable-gpu"])
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            page.set_default_timeout(600_000)
            page.goto(url.rstrip("/") + "/" + tree)
            responses: list[Any] = []
            page.on("response", lambda r, got=responses: got.append(r))
            page.keyboard.press("s")
            # Ready once the page's language's "type to search" is shown (every shard merged).
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__meta').textContent"
                " === JSON.parse(document.getElementById('__config').textContent)"
                ".translations['search.result.placeholder']")
            page.fill("input.md-search__input", query)  # one query, as pasted
            page.wait_for_function(
                "q => document.querySelector('.md-search-result')"
                ".getAttribute('data-shz-query') === q", arg=query)
            meta = page.inner_text(".md-search-result__meta")
            # "# сәйкес құжат", "Найдено совпадений: #"; no number when nothing is found.
            found = int(m[0]) if (m := re.search(r"\d+", meta)) else 0
            out[query] = (sum(len(r.body()) for r in responses), len(responses), found)
            if VERBOSE:
                for r in responses:
                    print(f"    {len(r.body()):9d} {r.url.removeprefix(url)}")
            context.close()
        browser.close()
    return out


@dataclass
class IndexRun:
    """One :func:`index_site` of the whole site: its seconds, the CPU seconds of its Pagefind
    runs (user and system), and the largest RSS one Pagefind run reached (sampled every
    50 ms)."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
    peak_pagefind_mib: float = 0.0


def index_measured(site: Path, shard_pages: int) -> IndexRun:
    from shezhire.guide.search_index import index_site

    run = IndexRun()
    done = threading.Event()

    def sample() -> None:
        me = psutil.Process()
        while not done.is_set():
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    if "pagefind" in child.name():
                        run.peak_pagefind_mib = max(run.peak_pagefind_mib,
                                                    child.memory_info().rss / 2**20)
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    thread.start()
    try:
        index_site(site, shard_pages=shard_pages)
    finally:
        done.set()
        thread.join()
    run.seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return run


def replicate(site: Path, pages: int, shard_pages: int = 0) -> tuple[int, IndexRun]:
    """Copy the site's act pages of synthetic acts until it has ``pages`` act pages in each
    language tree (each copy's numbers made new, its issuer kept), index it again with the
    build's own :func:`index_site` (runs of at most ``SHARD_PAGES`` pages a language, act
    pages grouped by issuer, the shards listed for the search box to merge); return the
    Kazakh act pages now in it and the index's run (``shard_pages``: pages a Pagefind run,
    default the build's ``SHARD_PAGES``). Copies made by an earlier call are kept: the site
    is only indexed again."""
    from shezhire.guide.search_index import SHARD_PAGES

    trees = [t for t in (site / "acts", site / "ru" / "acts") if t.is_dir()]
    acts = sorted(p.name for p in trees[0].iterdir() if re.search(r"_9\d{4}_", p.name))
    have = len(list(trees[0].iterdir()))
    copy = 0
    while have < pages:
        name = acts[copy % len(acts)]
        number = re.search(r"_(9\d{4})_", name)
        assert number is not None
        old_number = number[1]
        old_registration = str(int(old_number) - 90_000 + 500_000)
        new_number, new_registration = synthetic_number(10_000 + copy)  # beyond the built ones
        for tree in trees:
            source = tree / name
            if not source.is_dir():
                continue
            html = (source / "index.html").read_text("utf-8")
            html = html.replace(old_registration, new_registration).replace(old_number,
                                                                            new_number)
            target = tree / name.replace(old_number, new_number)
            target.mkdir()
            (target / "index.html").write_text(html, "utf-8")
        copy += 1
        have += 1
    shutil.rmtree(site / "pagefind")
    return have, index_measured(site, shard_pages or SHARD_PAGES)


def report(site: Path, acts: int, label: str, queries: dict[str, list[str]],
           browse: bool) -> None:
    parts = sizes(site)
    total = sum(parts.values())
    print(f"\n== {label}")
    print(f"site: {total / 1e6:.1f} MB, {total / acts / 1e3:.1f} KB per act")
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {name:<20} {size / 1e6:9.2f} MB {size / acts / 1e3:8.1f} KB/act")
    index = index_bytes(site)
    index_folder = site / "pagefind"
    shards = json.loads((index_folder / "shards.json").read_text("utf-8"))
    chunks = sum(1 for p in index_folder.rglob("*.pf_index"))
    fragments = sum(1 for p in index_folder.rglob("*.pf_fragment"))
    runs = ", ".join(f"{lang} {1 + len(more)}" for lang, more in sorted(shards.items()))
    print(f"search index: {index / 1e6:.2f} MB, {index / acts / 1e3:.1f} KB per act "
          f"({chunks} word chunks, {fragments} page fragments; runs by language: "
          f"{runs or 'one each'})")
    if not browse:
        return
    for tree, tree_queries in queries.items():
        print(f"{'query (' + (tree or 'kk/') + ')':<16} {'KB fetched':>10} {'files':>6} "
              f"{'results':>8}")
        for query, (fetched, files, found) in fetched_per_query(site, tree_queries,
                                                                tree).items():
            print(f"{query:<16} {fetched / 1e3:10.1f} {files:6d} {found:8d}")


def rebuild_after_one_change(root: Path, acts: int) -> None:
    """Guide build times (records given) without a page cache, with an empty one, and with
    it after one act's body changed: what the page cache saves MkDocs."""
    from shezhire.common import extract_or_fail
    from shezhire.guide.build import build_site
    from shezhire.guide.page_cache import PageCache

    corpus = root / "corpus"
    records, _ = extract_or_fail([corpus], AS_OF)
    cache = PageCache(root / "page-cache")

    def timed(label: str, recs: list[Any], cached: PageCache | None) -> None:
        start = time.perf_counter()
        build_site(recs, root / "rebuild" / label, as_of=AS_OF, page_cache=cached)
        seconds = time.perf_counter() - start
        done = f", {len(cached.stats.converted)} pages converted, " \
            f"{len(cached.stats.reused)} from the cache" if cached else ""
        print(f"  {label:<28} {seconds:7.1f} s{done}")

    print(f"\nguide build of {acts} acts' records (extraction not timed):")
    timed("no cache", records, None)
    timed("empty cache", records, cache)
    # One act's body changed: a made-up sentence added at its end.
    changed = sorted(corpus.iterdir())[acts // 3]
    changed.write_text(changed.read_text("utf-8") + "\nӨзгертілген мәтін.\n", "utf-8")
    records, _ = extract_or_fail([corpus], AS_OF)
    timed("one act changed, warm cache", records, cache)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--acts", type=int, default=200, help="synthetic acts to build (200)")
    parser.add_argument("--pages", type=int, default=0,
                        help="then copy act pages up to this many and index again")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: temporary)")
    parser.add_argument("--verbose", action="store_true",
                        help="list every file each query fetched, with its bytes")
    parser.add_argument("--no-browser", action="store_true", help="sizes only, no chromium")
    parser.add_argument("--shard-pages", type=int, default=0,
                        help="pages a Pagefind run for --pages' index (default: the build's)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: use the site built there before (no build)")
    parser.add_argument("--rebuild", action="store_true",
                        help="also time guide builds with the page cache (one act changed)")
    args = parser.parse_args(argv)
    browse = not args.no_browser and CHROMIUM.exists()
    global VERBOSE
    VERBOSE = args.verbose
    number, registration = synthetic_number(args.acts // 2)
    # A registration number, an act number as written, a seed act's registration number,
    # a word of few acts and words of every act. The Russian tree's act pages show the
    # seeds' Kazakh texts but leave them out of its index (text in the other language), so
    # there the Kazakh word is a query that finds nothing, and its every-act word is a label.
    common = [registration, f"№ {number}", "33835", RARE_WORD]
    queries = {"": [*common, "тұрғын", "қаулы"], "ru/": [*common, "постановление"]}
    with tempfile.TemporaryDirectory(prefix="shezhire-bench-search-") as tmp:
        root = args.keep or Path(tmp)
        if args.reuse and args.keep and (root / "public" / "pagefind").is_dir():
            site = root / "public"
        else:
            site, seconds = build(args.acts, root)
            print(f"built {args.acts} acts in {seconds:.0f} s")
            report(site, args.acts, f"{args.acts} acts", queries, browse)
        if args.rebuild:
            rebuild_after_one_change(root, args.acts)
        if args.pages:
            pages, run = replicate(site, args.pages, args.shard_pages)
            print(f"\nindexed {pages} act pages in {run.seconds:.0f} s, runs of at most "
                  f"{args.shard_pages or 'SHARD_PAGES'} pages: Pagefind CPU "
                  f"{run.cpu_seconds:.0f} s, largest Pagefind run {run.peak_pagefind_mib:.0f} "
                  f"MiB RSS; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            report(site, pages, f"{pages} act pages (copies of the {args.acts} acts' pages)",
                   queries, browse)


if __name__ == "__main__":
    main()
