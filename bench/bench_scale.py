"""Scale benchmark: build time, peak memory, search index size, incremental rebuild, graph
completeness and --jobs scaling, on synthetic corpora of several sizes.

    python bench/bench_scale.py [SIZES ...] [--work DIR] [--jobs 2] [--scaling-max 500]
                                [--search-glob GLOB ...] [--json FILE]

For each size N (default 200 2000 10000), in ``--work`` (default ``$TMPDIR/shezhire-scale``):

1. ``bench/make_corpus.py N`` writes N acts and their truth (every repeal edge);
2. **full build**: ``shezhire build`` with an empty cache and ``--jobs``; wall time, CPU
   time, and the peak memory of the whole process tree (the command and every worker it
   starts: the sum of their PSS, so pages the fork server shares with its workers count
   once; sampled every 50 ms with psutil; without psutil, the largest single process from
   ``getrusage``);
3. **search index bytes per act**: the files under the site that ``--search-glob`` matches
   (default ``search/**`` and ``pagefind/**``: lunr's index or Pagefind's chunks), summed,
   divided by N;
4. **every true repeal edge in graph.json** (by adoption date and number);
5. **rebuild after one change**: one act gets another seed's body under its own header, then
   ``shezhire build`` again with the warm cache; its time, and its ratio to the full build;
6. **byte-identity**: a full build of the changed corpus with ``--no-cache`` is compared,
   file by file, with the rebuild;
7. **--jobs scaling**: ``shezhire extract --no-cache`` of the first ``--scaling-max`` acts
   with ``--jobs 1`` and ``--jobs 2``; the ratio is the speed-up.

Every command is run as a subprocess of the installed ``shezhire`` (the one beside this
Python), for a fixed ``--as-of`` day. Numbers go in bench/README.md, never in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # after the path is set

AS_OF = "2024-07-01"
SHEZHIRE = str(Path(sys.executable).with_name("shezhire"))


@dataclass
class Run:
    seconds: float
    peak_mib: float
    code: int
    cpu_s: float


def run(args: list[str], *, stdout: int | None = subprocess.DEVNULL, every: float = 0.05) -> Run:
    """Run ``shezhire ARGS``; wall time and the peak RSS of its process tree, sampled
    ``every`` seconds.

    A sample costs CPU: about 3 ms a process for its PSS (the kernel walks its pages) and
    2.5 ms to list the tree, some 20 % of a core every 50 ms for a command and two workers.
    On two cores it is taken from the workers of a ``--jobs 2`` run (a ``--jobs 1`` run
    leaves the second core to it), so the speed-up runs sample once a second."""
    env = {**os.environ, "SHEZHIRE_CACHE_DIR": ""}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([SHEZHIRE, *args], stdout=stdout, stderr=subprocess.PIPE, env=env)
    peak = [0]
    cpu: dict[int, float] = {}
    done = threading.Event()
    sampler = threading.Thread(target=_sample, args=(proc.pid, peak, cpu, done, every),
                               daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace"))
        raise SystemExit(f"shezhire {' '.join(args)} failed ({proc.returncode})")
    # Without psutil: the largest process any child ever was (a lower bound of the tree's).
    measured = peak[0] or resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    waited = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # Workers forked by the command are waited for by it, so counted above; those of a fork
    # server are reaped by it: their CPU is only seen by sampling (each process's last
    # reading; a process's last interval may be missed).
    return Run(seconds, measured / 2**20, proc.returncode, max(waited, sum(cpu.values())))


def _sample(pid: int, peak: list[int], cpu: dict[int, float], done: threading.Event,
            every: float) -> None:
    try:
        import psutil
    except ModuleNotFoundError:
        return
    try:
        root = psutil.Process(pid)
    except psutil.Error:
        return
    while not done.is_set():
        total = 0
        try:
            for proc in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    times = proc.cpu_times()
                    cpu[proc.pid] = times.user + times.system
                try:
                    # PSS: a page shared by the fork server and its workers counts once.
                    total += proc.memory_full_info().pss
                except (psutil.Error, AttributeError):
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
        except psutil.Error:
            break
        peak[0] = max(peak[0], total)
        done.wait(every)


def search_bytes(site: Path, globs: list[str]) -> int:
    files = {p for g in globs for p in site.glob(g) if p.is_file()}
    return sum(p.stat().st_size for p in files)


def same_tree(a: Path, b: Path) -> list[str]:
    """The files that differ (or exist on one side only) between two folders."""
    differ = []
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ += [str(n) for n in sorted(names_a ^ names_b)]
    for name in sorted(names_a & names_b):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            differ.append(str(name))
    return differ


def change_one_act(acts: Path, truth: dict) -> str:
    """Give the middle act another seed's body under its own header; its file name."""
    act = truth["acts"][len(truth["acts"]) // 2]
    seeds = sorted({a["seed"] for a in truth["acts"]} | {p.name for p in
                   (make_corpus.REPO / "corpus").glob("*.txt")})
    other = seeds[(seeds.index(act["seed"]) + 1) % len(seeds)]
    body = make_corpus.seed_parts(make_corpus.REPO / "corpus" / other).body
    path = acts / act["file"]
    text = path.read_text("utf-8")
    old_body = make_corpus.seed_parts(make_corpus.REPO / "corpus" / act["seed"]).body
    assert text.endswith(old_body)
    path.write_text(text[: len(text) - len(old_body)] + body, "utf-8")
    return str(act["file"])


@dataclass
class Result:
    acts: int
    repeal_edges: int
    build_s: float
    build_cpu_s: float
    build_peak_mib: float
    search_bytes_per_act: float
    site_mib: float
    missing_repeal_edges: int
    rebuild_s: float
    rebuild_ratio: float
    rebuild_identical: bool
    rebuild_differs: list[str]
    full_nocache_s: float
    scaling_acts: int
    extract_jobs1_s: float
    extract_jobs2_s: float
    speedup: float
    extract_jobs1_cpu_s: float
    extract_jobs2_cpu_s: float
    extract_jobs1_peak_mib: float
    extract_jobs2_peak_mib: float


def bench_size(n: int, work: Path, jobs: int, scaling_max: int, globs: list[str],
               identity: bool = True, extract_only: bool = False) -> Result:
    base = work / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    truth = make_corpus.write_corpus(n, base)
    acts = base / "acts"
    cache = base / "cache"
    common = ["--corpus", str(acts), "--as-of", AS_OF, "--jobs", str(jobs)]
    if extract_only:
        return bench_extract(n, base, truth, cache, common, scaling_max, identity)
    print(f"[{n}] full build … ({time.strftime('%H:%M:%S')})", file=sys.stderr, flush=True)
    full = run(["build", *common, "--out", str(base / "site-full"), "--cache-dir", str(cache)])
    site = base / "site-full"
    graph = json.loads((site / "graph.json").read_text("utf-8"))
    missing = make_corpus.missing_repeals(truth, graph)
    site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = search_bytes(site, globs)
    changed = change_one_act(acts, truth)
    print(f"[{n}] rebuild after changing {changed} …", file=sys.stderr, flush=True)
    rebuild = run(["build", *common, "--out", str(base / "site-rebuild"),
                   "--cache-dir", str(cache)])
    if identity:
        print(f"[{n}] full build of the changed corpus, no cache …", file=sys.stderr, flush=True)
        fresh = run(["build", *common, "--out", str(base / "site-fresh"), "--no-cache"])
        differs = same_tree(base / "site-rebuild", base / "site-fresh")
    else:
        fresh, differs = Run(float("nan"), float("nan"), 0, float("nan")), ["(not compared)"]
    k, one, two = scaling(n, base, truth, scaling_max)
    for name in ("site-full", "site-rebuild", "site-fresh", "cache"):
        shutil.rmtree(base / name, ignore_errors=True)
    return Result(
        acts=n, repeal_edges=len(truth["repeals"]), build_s=full.seconds,
        build_cpu_s=full.cpu_s,
        build_peak_mib=full.peak_mib, search_bytes_per_act=index / n,
        site_mib=site_bytes / 2**20, missing_repeal_edges=len(missing),
        rebuild_s=rebuild.seconds, rebuild_ratio=rebuild.seconds / full.seconds,
        rebuild_identical=not differs, rebuild_differs=differs[:10],
        full_nocache_s=fresh.seconds, scaling_acts=k, extract_jobs1_s=one.seconds,
        extract_jobs2_s=two.seconds, speedup=one.seconds / two.seconds,
        extract_jobs1_cpu_s=one.cpu_s, extract_jobs2_cpu_s=two.cpu_s,
        extract_jobs1_peak_mib=one.peak_mib, extract_jobs2_peak_mib=two.peak_mib)


def scaling(n: int, base: Path, truth: dict, scaling_max: int) -> tuple[int, Run, Run]:
    k = min(n, scaling_max)
    subset = base / "subset"
    subset.mkdir()
    for act in truth["acts"][:k]:
        os.link(base / "acts" / act["file"], subset / act["file"])
    print(f"[{n}] extraction of {k} acts, --jobs 1 and 2 …", file=sys.stderr, flush=True)
    one = run(["extract", str(subset), "--as-of", AS_OF, "--no-cache", "--jobs", "1"], every=1)
    two = run(["extract", str(subset), "--as-of", AS_OF, "--no-cache", "--jobs", "2"], every=1)
    return k, one, two


def bench_extract(n: int, base: Path, truth: dict, cache: Path, common: list[str],
                  scaling_max: int, identity: bool) -> Result:
    """The same steps with ``extract`` (records.jsonl) in place of ``build``: no site, so
    no search index; graph.json from ``graph export --records``."""
    def extract(name: str, *extra: str) -> Run:
        with (base / name).open("wb") as out:
            return run(["extract", *common, *extra], stdout=out.fileno())

    print(f"[{n}] full extraction … ({time.strftime('%H:%M:%S')})", file=sys.stderr, flush=True)
    full = extract("full.jsonl", "--cache-dir", str(cache))
    run(["graph", "export", "--format", "json", "--records", str(base / "full.jsonl"),
         "--out", str(base / "graph.json")])
    graph = json.loads((base / "graph.json").read_text("utf-8"))
    missing = make_corpus.missing_repeals(truth, graph)
    changed = change_one_act(base / "acts", truth)
    print(f"[{n}] extraction after changing {changed} … ({time.strftime('%H:%M:%S')})",
          file=sys.stderr, flush=True)
    rebuild = extract("rebuild.jsonl", "--cache-dir", str(cache))
    if identity:
        fresh = extract("fresh.jsonl", "--no-cache")
        same = filecmp.cmp(base / "rebuild.jsonl", base / "fresh.jsonl", shallow=False)
        differs = [] if same else ["records.jsonl"]
    else:
        fresh, differs = Run(float("nan"), float("nan"), 0, float("nan")), ["(not compared)"]
    k, one, two = scaling(n, base, truth, scaling_max)
    shutil.rmtree(cache, ignore_errors=True)
    return Result(
        acts=n, repeal_edges=len(truth["repeals"]), build_s=full.seconds,
        build_cpu_s=full.cpu_s, build_peak_mib=full.peak_mib, search_bytes_per_act=0.0,
        site_mib=(base / "full.jsonl").stat().st_size / 2**20,
        missing_repeal_edges=len(missing), rebuild_s=rebuild.seconds,
        rebuild_ratio=rebuild.seconds / full.seconds, rebuild_identical=not differs,
        rebuild_differs=differs[:10], full_nocache_s=fresh.seconds, scaling_acts=k,
        extract_jobs1_s=one.seconds, extract_jobs2_s=two.seconds,
        speedup=one.seconds / two.seconds, extract_jobs1_cpu_s=one.cpu_s,
        extract_jobs2_cpu_s=two.cpu_s, extract_jobs1_peak_mib=one.peak_mib,
        extract_jobs2_peak_mib=two.peak_mib)


def report(results: list[Result]) -> str:
    rows = [
        ("acts", "{:,}", "acts"), ("true repeal edges", "{:,}", "repeal_edges"),
        ("full build, s (cold cache)", "{:.1f}", "build_s"),
        ("  s per act", "{:.3f}", None),
        ("  CPU s (all processes)", "{:.1f}", "build_cpu_s"),
        ("full build peak memory, MiB", "{:.0f}", "build_peak_mib"),
        ("  MiB per act", "{:.3f}", None),
        ("site size, MiB", "{:.1f}", "site_mib"),
        ("search index bytes per act", "{:,.0f}", "search_bytes_per_act"),
        ("true repeal edges missing from graph.json", "{}", "missing_repeal_edges"),
        ("rebuild after one change, s", "{:.1f}", "rebuild_s"),
        ("  rebuild / full build", "{:.2f}", "rebuild_ratio"),
        ("  rebuild byte-identical to a full build", "{}", "rebuild_identical"),
        ("full build without cache, s", "{:.1f}", "full_nocache_s"),
        ("extraction: acts timed", "{:,}", "scaling_acts"),
        ("  --jobs 1, s", "{:.1f}", "extract_jobs1_s"),
        ("  --jobs 2, s", "{:.1f}", "extract_jobs2_s"),
        ("  speed-up jobs 2 / jobs 1", "{:.2f}x", "speedup"),
        ("  --jobs 1 CPU s", "{:.1f}", "extract_jobs1_cpu_s"),
        ("  --jobs 2 CPU s", "{:.1f}", "extract_jobs2_cpu_s"),
        ("  --jobs 1 peak MiB", "{:.0f}", "extract_jobs1_peak_mib"),
        ("  --jobs 2 peak MiB", "{:.0f}", "extract_jobs2_peak_mib"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'':<{width}}  " + "  ".join(f"{r.acts:>10,}" for r in results)]
    for label, fmt, key in rows:
        values = []
        for r in results:
            if key is None and label.strip() == "s per act":
                value: object = r.build_s / r.acts
            elif key is None:
                value = r.build_peak_mib / r.acts
            else:
                value = getattr(r, key)
            values.append(f"{fmt.format(value):>10}")
        lines.append(f"{label:<{width}}  " + "  ".join(values))
    if len(results) > 1:
        small, large = results[0], results[-1]
        lines += ["", f"{large.acts:,} vs {small.acts:,} acts: build time x"
                      f"{large.build_s / small.build_s:.2f} for x{large.acts / small.acts:.0f} "
                      f"acts; peak memory x{large.build_peak_mib / small.build_peak_mib:.2f}"]
    for r in results:
        if r.rebuild_differs:
            lines.append(f"{r.acts}: rebuild differs in {', '.join(r.rebuild_differs)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[200, 2000, 10000])
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "shezhire-scale")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs of the builds (default 2)")
    parser.add_argument("--scaling-max", type=int, default=500,
                        help="acts timed with --jobs 1 and 2 (default 500)")
    parser.add_argument("--search-glob", action="append",
                        help="files of the search index, relative to the site (repeatable; "
                             "default search/** and pagefind/**)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--extract-only", action="store_true",
                        help="time `extract` (records.jsonl) instead of `build`: the "
                             "extraction side alone, without MkDocs")
    parser.add_argument("--no-identity", action="store_true",
                        help="skip step 6 (a third build, without cache) to save time")
    args = parser.parse_args(argv)
    globs = args.search_glob or ["search/**/*", "pagefind/**/*"]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.system()}; Python {platform.python_version()}; --as-of {AS_OF}; "
          f"load average {os.getloadavg()[0]:.1f}" + ("; extract only (no site: rows 'build' "
          "are `extract`, 'site size' is records.jsonl)" if args.extract_only else ""),
          flush=True)
    results = []
    for n in args.sizes:
        results.append(bench_size(n, args.work, args.jobs, args.scaling_max, globs,
                                  not args.no_identity, args.extract_only))
        print(report(results), flush=True)
        if args.json:
            args.json.write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
