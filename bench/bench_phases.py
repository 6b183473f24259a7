"""Where a build's time goes: `shezhire build`'s phases, timed inside one process.

    python bench/bench_phases.py N [--work DIR] [--jobs J]

Writes N synthetic acts (``make_corpus.py``), then runs, in this process, the build the
command runs (extraction with a record cache, the exports and graph, the pages, MkDocs for
each language's tree, Pagefind) three times: a full build with empty caches, a rebuild after
one act got another body (warm caches), and a build of the changed corpus without any cache.
For each phase it prints the wall time and the CPU time (this process and every process below
it: the extraction pool, the other tree's MkDocs, Pagefind), so that a machine shared with
other jobs still says where the work is. The rebuild is compared file by file with the cacheless build.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import inspect
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_scale  # after the path is set
import make_corpus

AS_OF = dt.date.fromisoformat(bench_scale.AS_OF)


class _Sampler:
    """The CPU time of this process and of every process below it (the extraction pool and
    its fork server, the other language tree's MkDocs, Pagefind), sampled every 50 ms; a
    process's last 50 ms may be missed."""

    def __init__(self) -> None:
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        me = psutil.Process()
        while not self.done.is_set():
            with contextlib.suppress(psutil.Error):
                for proc in me.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        times = proc.cpu_times()
                        self.cpu[proc.pid] = times.user + times.system
            self.done.wait(0.05)

    def total(self) -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime + sum(self.cpu.values())


_SAMPLER: _Sampler | None = None


def _cpu() -> float:
    return _SAMPLER.total() if _SAMPLER is not None else 0.0


class Phases:
    """Wall and CPU seconds per phase name, added up over the calls made in it."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            slot = self.times.setdefault(name, [0.0, 0.0])
            slot[0] += time.perf_counter() - wall
            slot[1] += _cpu() - cpu


_CURRENT = Phases()


def _wrap(module: Any, attr: str, name: str | Callable[..., str]) -> None:
    original = getattr(module, attr)

    def timed(*args: Any, **kwargs: Any) -> Any:
        label = name(*args, **kwargs) if callable(name) else name
        with _CURRENT.phase(label):
            return original(*args, **kwargs)

    setattr(module, attr, timed)


def instrument() -> None:
    """Time the phases by wrapping the functions ``build_site`` calls (once)."""
    from shezhire.guide import build as guide_build

    _wrap(guide_build, "records_to_exports", "exports + graph")
    _wrap(guide_build, "write_pages", lambda guide, docs, *a, **k: "pages " + (
        "ru" if docs.name.endswith("-ru") else "kk"))
    _wrap(guide_build, "index_site", "pagefind")
    if hasattr(guide_build, "_render_trees"):
        # Both trees' MkDocs, at the same time with --jobs 2: one phase.
        _wrap(guide_build, "_render_trees", "mkdocs kk+ru")
    else:  # the code before the trees were rendered at once: one MkDocs build after the other
        import mkdocs.commands.build as mkdocs_build

        _wrap(mkdocs_build, "build", "mkdocs kk+ru")


def one_build(acts: Path, out: Path, cache: Path | None, jobs: int) -> dict[str, list[float]]:
    from shezhire.extract.engine import RunSettings
    from shezhire.extract.pipeline import spool_corpus
    from shezhire.guide import build as guide_build
    from shezhire.guide.page_cache import PageCache

    global _CURRENT
    phases = _CURRENT = Phases()
    total_wall, total_cpu = time.perf_counter(), _cpu()
    with phases.phase("extraction"):
        records, failures = spool_corpus([acts], AS_OF, settings=RunSettings(jobs=jobs,
                                                                              cache=cache))
        records = list(records)
    assert not failures, failures
    pages = PageCache(cache / "pages") if cache is not None else None
    with phases.phase("site (rest)"):
        extra = {"jobs": jobs} if "jobs" in inspect.signature(guide_build.build_site).parameters \
            else {}
        guide_build.build_site(records, out, as_of=AS_OF, page_cache=pages, **extra)
    phases.times["total"] = [time.perf_counter() - total_wall, _cpu() - total_cpu]
    # The inner phases were counted in "site (rest)" too: leave it only what they were not.
    inner = [v for k, v in phases.times.items()
             if k not in ("extraction", "site (rest)", "total")]
    rest = phases.times["site (rest)"]
    rest[0] -= sum(v[0] for v in inner)
    rest[1] -= sum(v[1] for v in inner)
    return phases.times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("acts", type=int)
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "shezhire-phases")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-identity", action="store_true",
                        help="skip the third build (without cache) and the comparison")
    args = parser.parse_args(argv)
    global _SAMPLER
    _SAMPLER = _Sampler()
    instrument()
    base = args.work / f"n{args.acts}"
    if base.exists():
        shutil.rmtree(base)
    truth = make_corpus.write_corpus(args.acts, base)
    acts, cache = base / "acts", base / "cache"
    print(f"{args.acts} acts, --jobs {args.jobs}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    runs = {"full": one_build(acts, base / "site-full", cache, args.jobs)}
    changed = bench_scale.change_one_act(acts, truth)
    runs["rebuild"] = one_build(acts, base / "site-rebuild", cache, args.jobs)
    if not args.no_identity:
        runs["no cache"] = one_build(acts, base / "site-fresh", None, args.jobs)
    print(f"changed act: {changed}; load average after {os.getloadavg()[0]:.1f}")
    names = list(dict.fromkeys(k for r in runs.values() for k in r))
    names.remove("total")
    names.append("total")
    head = f"{'phase':<16}" + "".join(f"{n + ' wall':>15}{'cpu':>8}" for n in runs)
    print(head)
    print("-" * len(head))
    for name in names:
        cells = "".join(f"{r.get(name, [0, 0])[0]:>15.1f}{r.get(name, [0, 0])[1]:>8.1f}"
                        for r in runs.values())
        print(f"{name:<16}{cells}")
    full = runs["full"]["total"][0]
    print(f"rebuild / full build: {runs['rebuild']['total'][0] / full:.2f} wall, "
          f"{runs['rebuild']['total'][1] / runs['full']['total'][1]:.2f} CPU")
    if not args.no_identity:
        differs = bench_scale.same_tree(base / "site-rebuild", base / "site-fresh")
        print("rebuild byte-identical to a build without cache: "
              + ("yes" if not differs else f"NO ({len(differs)} files, e.g. {differs[:5]})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
