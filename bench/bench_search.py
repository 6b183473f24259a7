"""How the guide's size and its search scale with the number of acts.

One run builds the guide (``shezhire build``) of N synthetic acts (``synthetic_acts.py``: the
seeds' bodies under new numbers, or ``make_corpus.py`` once it is there) and prints:

- the site's bytes, per act, split by what holds them (act pages, records, search index, ...);
- the search index's bytes per act (Pagefind's index chunks, fragments and metadata: what the
  browser may fetch, not Pagefind's scripts);
- the bytes a browser fetches to answer a query, from opening the search to the results
  listed (headless chromium through Playwright, on the site served on 127.0.0.1), for a
  registration number, an act number written "№ N", and words found in few and in all acts.

``--pages M`` then measures the search alone at a larger scale without building M acts:
the act pages of the built site are copied to M pages (each copy's act and registration
numbers made new), Pagefind indexes the whole site again and the same queries are measured.

``--rebuild`` also times the guide's build from the records (no extraction) without a page
cache, with an empty one, and with it after one act's body changed.

Run: ``python bench/bench_search.py [--acts N] [--pages M] [--rebuild] [--keep DIR]``.
Sizes are deterministic (same acts, same bytes); times are printed only as a guide.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for _extra in (BENCH, ROOT):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

from synthetic_acts import make_corpus_function, synthetic_number  # noqa: E402

AS_OF = dt.date(2026, 11, 22)
CHROMIUM = Path("/usr/bin/chromium")
INDEX_FILES = (".pf_index", ".pf_fragment", ".pf_meta", ".pf_filter")


def build(n: int, root: Path) -> tuple[Path, float]:
    """The guide of ``n`` synthetic acts in ``root/public``, and the build's seconds."""
    from click.testing import CliRunner

    from shezhire.cli import cli

    corpus = root / "corpus"
    make_corpus_function()(n, corpus)
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


def fetched_per_query(site: Path, queries: list[str]) -> dict[str, tuple[int, int, int]]:
    """For each query: (bytes fetched, files fetched, results) from opening the search to
    the results listed, in a fresh browser context (empty cache)."""
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
            page.set_default_timeout(120_000)
            page.goto(url)
            responses: list[Any] = []
            page.on("response", lambda r, got=responses: got.append(r))
            page.keyboard.press("s")
            page.wait_for_function(
                "() => document.querySelector('.md-search-result__meta')"
                ".textContent.includes('теріңіз')")
            page.fill("input.md-search__input", query)  # one query, as pasted
            page.wait_for_function(
                "q => document.querySelector('.md-search-result')"
                ".getAttribute('data-shz-query') === q", arg=query)
            meta = page.inner_text(".md-search-result__meta")
            found = int(m[1]) if (m := re.match(r"\s*(\d+)", meta)) else 0
            out[query] = (sum(len(r.body()) for r in responses), len(responses), found)
            context.close()
        browser.close()
    return out


def replicate(site: Path, pages: int) -> int:
    """Copy the site's act pages of synthetic acts until it has ``pages`` act pages (each copy's
    numbers made new), index it again; return the act pages now in it."""
    from shezhire.guide.search_index import index_site

    acts = sorted(p for p in (site / "acts").iterdir() if re.search(r"_9\d{4}_", p.name))
    have = len(list((site / "acts").iterdir()))
    copy = 0
    while have < pages:
        source = acts[copy % len(acts)]
        number = re.search(r"_(9\d{4})_", source.name)
        assert number is not None
        old_number = number[1]
        old_registration = str(int(old_number) - 90_000 + 500_000)
        new_number, new_registration = synthetic_number(10_000 + copy)  # beyond the built ones
        html = (source / "index.html").read_text("utf-8")
        html = html.replace(old_registration, new_registration).replace(old_number, new_number)
        target = site / "acts" / source.name.replace(old_number, new_number)
        target.mkdir()
        (target / "index.html").write_text(html, "utf-8")
        copy += 1
        have += 1
    shutil.rmtree(site / "pagefind")
    index_site(site)
    return have


def report(site: Path, acts: int, label: str, queries: list[str], browse: bool) -> None:
    parts = sizes(site)
    total = sum(parts.values())
    print(f"\n== {label}")
    print(f"site: {total / 1e6:.1f} MB, {total / acts / 1e3:.1f} KB per act")
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {name:<20} {size / 1e6:9.2f} MB {size / acts / 1e3:8.1f} KB/act")
    index = index_bytes(site)
    print(f"search index: {index / 1e6:.2f} MB, {index / acts / 1e3:.1f} KB per act "
          f"({len(list((site / 'pagefind' / 'index').iterdir()))} word chunks, "
          f"{len(list((site / 'pagefind' / 'fragment').iterdir()))} page fragments)")
    if not browse:
        return
    print(f"{'query':<14} {'KB fetched':>10} {'files':>6} {'results':>8}")
    for query, (fetched, files, found) in fetched_per_query(site, queries).items():
        print(f"{query:<14} {fetched / 1e3:10.1f} {files:6d} {found:8d}")


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
    parser.add_argument("--no-browser", action="store_true", help="sizes only, no chromium")
    parser.add_argument("--rebuild", action="store_true",
                        help="also time guide builds with the page cache (one act changed)")
    args = parser.parse_args(argv)
    browse = not args.no_browser and CHROMIUM.exists()
    number, registration = synthetic_number(args.acts // 2)
    queries = [registration, f"№ {number}", "33835", "тұрғын", "қаулы"]
    with tempfile.TemporaryDirectory(prefix="shezhire-bench-search-") as tmp:
        root = args.keep or Path(tmp)
        site, seconds = build(args.acts, root)
        print(f"built {args.acts} acts in {seconds:.0f} s")
        report(site, args.acts, f"{args.acts} acts", queries, browse)
        if args.rebuild:
            rebuild_after_one_change(root, args.acts)
        if args.pages:
            start = time.perf_counter()
            pages = replicate(site, args.pages)
            print(f"\nindexed {pages} act pages in {time.perf_counter() - start:.0f} s")
            report(site, pages, f"{pages} act pages (copies of the {args.acts} acts' pages)",
                   queries, browse)


if __name__ == "__main__":
    main()
