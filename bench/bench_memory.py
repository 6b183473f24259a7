"""Where a build's memory goes: the peak of each phase of one ``shezhire build``.

    python bench/bench_memory.py CORPUS [--work DIR] [--jobs 2] [--json FILE] [--records-cache DIR]
    python bench/bench_memory.py --acts N [--work DIR] [--jobs 2] [--json FILE]

Runs ``shezhire build`` in this process (so each phase can be marked) while a thread samples,
every 50 ms, the PSS of this process and of each of its children (the process that reads the
corpus and its extraction workers, MkDocs' chunk processes and their fork server, the
Pagefind binary) with psutil. The phases are marked by wrapping the build's steps: the
records, exports and pages (extraction, corpus steps, records.jsonl, graph, rules, AKN, both
trees' Markdown: one process of their own since session 12, so its steps are not marked
apart), MkDocs for the trees (and, when a tree renders in this process, that tree's MkDocs),
Pagefind. Printed: each phase's peak of the whole tree, of this process alone and of its
children, and this process's growth over the phase. Numbers go in bench/README.md, never in
tests.

With ``--records-cache DIR`` the build reads the records of files extracted before from the
record cache in DIR (filled by ``shezhire extract --cache-dir DIR --as-of 2024-07-01``, or by
an earlier run), so a large corpus is measured without extracting it again: the build is the
same but for the extraction's workers (none for a cached file), and the guide's page cache is
left out (``--no-cache``'s guide).

With ``--acts N`` instead of a corpus, N synthetic acts are written first
(``bench/make_corpus.py``'s, into the work folder) and built from scratch, extraction included:
one command for a build of 10,000 acts (``--acts 10000``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

AS_OF = "2024-07-01"


@dataclass
class Phase:
    name: str
    start_mib: float = 0.0  # this process's PSS when the phase began
    peak_tree_mib: float = 0.0
    peak_self_mib: float = 0.0
    peak_children_mib: float = 0.0
    end_self_mib: float = 0.0
    seconds: float = 0.0


@dataclass
class Sampler:
    phases: list[Phase] = field(default_factory=list)
    current: Phase = field(default_factory=lambda: Phase("start"))
    done: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> tuple[float, float]:
        me = psutil.Process()
        own = _pss(me)
        children = 0.0
        for child in me.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                children += _pss(child)
        return own, children

    def run(self) -> None:
        while not self.done.is_set():
            own, children = self.sample()
            phase = self.current
            phase.peak_self_mib = max(phase.peak_self_mib, own)
            phase.peak_children_mib = max(phase.peak_children_mib, children)
            phase.peak_tree_mib = max(phase.peak_tree_mib, own + children)
            self.done.wait(0.05)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        previous = self.current
        phase = Phase(name, start_mib=self.sample()[0])
        self.phases.append(phase)
        self.current = phase
        start = time.perf_counter()
        try:
            yield
        finally:
            phase.seconds = time.perf_counter() - start
            phase.end_self_mib = self.sample()[0]
            self.current = previous


def _pss(proc: psutil.Process) -> float:
    try:
        return float(proc.memory_full_info().pss) / 2**20
    except (psutil.AccessDenied, AttributeError):
        return float(proc.memory_info().rss) / 2**20


def _wrap(module: Any, name: str, sampler: Sampler, label: Callable[[], str]) -> None:
    original = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with sampler.phase(label()):
            return original(*args, **kwargs)

    setattr(module, name, wrapped)


def measure(corpus: Path, out: Path, jobs: int, records_cache: Path | None = None) -> list[Phase]:
    import shezhire.cli as cli
    import shezhire.guide.build as guide_build

    sampler = Sampler()
    # The extraction, the exports and both trees' Markdown run in a process of their own
    # (guide/corpus_docs.py), counted as children; its steps are not marked apart.
    _wrap(cli, "read_corpus_apart", sampler,
          lambda: "records, exports, pages (own process)")
    # Every tree, in chunks of pages (guide/tree_render.py): in this process for small trees
    # and one job, else each chunk in a process of its own (counted as children).
    _wrap(guide_build, "_render_trees", sampler, lambda: "MkDocs (every tree)")
    _wrap(guide_build, "index_site", sampler, lambda: "Pagefind")
    cache = ["--no-cache"]
    if records_cache is not None:
        cache = ["--cache-dir", str(records_cache)]
        cli.page_cache = lambda _run: None  # type: ignore[assignment]
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    with sampler.phase("whole build"):
        cli.cli.main(["build", "--corpus", str(corpus), "--out", str(out), "--as-of", AS_OF,
                      "--jobs", str(jobs), *cache], standalone_mode=False)
    sampler.done.set()
    thread.join()
    # The whole build's peaks: its own samples (between the phases) and every phase's.
    whole = sampler.phases[0]
    for phase in sampler.phases[1:]:
        whole.peak_tree_mib = max(whole.peak_tree_mib, phase.peak_tree_mib)
        whole.peak_self_mib = max(whole.peak_self_mib, phase.peak_self_mib)
        whole.peak_children_mib = max(whole.peak_children_mib, phase.peak_children_mib)
    return sampler.phases


def cpu_seconds() -> float:
    """User and system CPU time of this process and of the children it (and they) waited
    for: the extraction's workers, MkDocs' chunks, Pagefind."""
    own, children = (resource.getrusage(who)
                     for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def report(phases: list[Phase]) -> str:
    head = f"{'phase':<34}{'tree peak':>10}{'self peak':>10}{'children':>10}" \
           f"{'self +':>9}{'s':>8}"
    lines = [head, "-" * len(head)]
    for p in phases:
        lines.append(f"{p.name:<34}{p.peak_tree_mib:>10.0f}{p.peak_self_mib:>10.0f}"
                     f"{p.peak_children_mib:>10.0f}{p.end_self_mib - p.start_mib:>+9.0f}"
                     f"{p.seconds:>8.1f}")
    return "\n".join(lines) + "\n(MiB of PSS; 'self +': this process's growth over the phase)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("--acts", type=int,
                        help="build N synthetic acts (bench/make_corpus.py) instead of CORPUS")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--records-cache", type=Path,
                        help="read the records of files extracted before from this cache")
    args = parser.parse_args(argv)
    if (args.corpus is None) == (args.acts is None):
        parser.error("give a CORPUS or --acts N")
    with tempfile.TemporaryDirectory(prefix="shezhire-mem-") as tmp:
        work = args.work or Path(tmp)
        out = work / "site"
        corpus = args.corpus
        if args.acts is not None:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            import make_corpus

            make_corpus.write_corpus(args.acts, work / f"c{args.acts}")
            corpus = work / f"c{args.acts}" / "acts"
            print(f"{args.acts} synthetic acts written to {corpus}", flush=True)
        cpu = cpu_seconds()
        phases = measure(corpus, out, args.jobs, args.records_cache)
        cpu = cpu_seconds() - cpu
    print(report(phases), flush=True)
    print(f"CPU s (this process and its children): {cpu:.1f}; load average at the end: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(p) for p in phases], indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
