"""The memory of the build's corpus half, step by step: the peak of each step of
``read_corpus_apart`` (extraction, the corpus steps, the frozen spool, the exports, each
tree's Markdown), whichever process runs it.

    python bench/bench_corpus_memory.py CORPUS --records-cache DIR [--jobs 1] [--json FILE]

The corpus half runs as ``shezhire build`` runs it (guide/corpus_docs.py: in processes of its
own), into a temporary docs folder; MkDocs and Pagefind do not run (``bench_memory.py``
measures the whole build). A separate sampling process reads, every 50 ms, the PSS of this
process and of every process under it (psutil), and each step is marked, in whichever
process it runs (a forked child inherits the marks), by wrapping its function: the step's
start and end times go to a file. Printed: each step's peak of the whole process tree and
of its largest process, and the peak of every process. With ``--records-cache`` (filled by
``shezhire extract --cache-dir DIR --as-of 2024-07-01``) no file is extracted again. Numbers go
in bench/README.md, never in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

AS_OF = dt.date(2024, 7, 1)

# Run by the sampling process: the PSS of a process tree, every 50 ms, until its root ends.
_SAMPLER = r"""
import os, sys, time, psutil
root = psutil.Process(int(sys.argv[1]))
out = open(sys.argv[2], "w")
def pss(p):
    try:
        return p.memory_full_info().pss / 2**20
    except (psutil.AccessDenied, AttributeError):
        return p.memory_info().rss / 2**20
while root.is_running():
    try:
        procs = [p for p in [root] + root.children(recursive=True) if p.pid != os.getpid()]
    except psutil.Error:
        break
    sizes = []
    for p in procs:
        try:
            sizes.append((p.pid, pss(p)))
        except psutil.Error:
            pass
    out.write(f"{time.time()} " + " ".join(f"{pid}:{mib:.1f}" for pid, mib in sizes) + "\n")
    out.flush()
    time.sleep(0.05)
"""


def _wrap(owner: Any, name: str, label: str, marks: Path) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        start = time.time()
        try:
            return original(*args, **kwargs)
        finally:
            with marks.open("a") as out:  # one line a step, whichever process ran it
                out.write(json.dumps([label, start, time.time(), os.getpid()]) + "\n")

    setattr(owner, name, wrapped)


def _steps() -> list[tuple[Any, str, str]]:
    """The functions marked as steps: those of this code that exist."""
    import shezhire.extract.pipeline as pipeline
    import shezhire.extract.spool as spool
    import shezhire.guide.build as guide_build
    import shezhire.guide.corpus_docs as corpus_docs

    wanted = [(pipeline, "run_files", "extraction (records)"),
              (pipeline, "merge_same_acts", "corpus steps: merging"),
              (pipeline, "link_records", "corpus steps: linking"),
              (spool.SpooledRecords, "freeze", "frozen spool (records whole, rows)"),
              (guide_build, "records_to_exports", "exports (records, graph, AKN, rules)"),
              (guide_build, "write_pages", "one tree's Markdown"),
              (corpus_docs, "spool_corpus", "records: extraction and corpus steps"),
              (corpus_docs, "write_docs", "exports and pages")]
    return [(owner, name, label) for owner, name, label in wanted if hasattr(owner, name)]


def measure(corpus: Path, records_cache: Path, jobs: int) -> dict[str, Any]:
    from shezhire.extract.engine import RunSettings
    from shezhire.guide import corpus_docs

    with tempfile.TemporaryDirectory(prefix="shezhire-corpusmem-") as tmp:
        marks, samples = Path(tmp) / "marks", Path(tmp) / "samples"
        marks.touch()
        for owner, name, label in _steps():
            _wrap(owner, name, label, marks)
        sampler = subprocess.Popen([sys.executable, "-c", _SAMPLER, str(os.getpid()),
                                    str(samples)])
        time.sleep(0.5)
        docs = Path(tmp) / "docs"
        docs.mkdir()
        start = time.time()
        cpu = time.process_time()
        made = corpus_docs.read_corpus_apart([corpus], AS_OF, RunSettings(jobs=jobs,
                                             cache=records_cache), docs)
        end = time.time()
        cpu = time.process_time() - cpu
        time.sleep(0.2)
        sampler.terminate()
        sampler.wait()
        rows = [_sample(line) for line in samples.read_text().splitlines() if line.strip()]
        steps = [json.loads(line) for line in marks.read_text().splitlines()]
    return {"records": made.records, "seconds": end - start, "cpu_self": cpu,
            "rows": rows, "steps": steps, "me": os.getpid(), "start": start, "end": end}


def _sample(line: str) -> tuple[float, dict[int, float]]:
    t, *sizes = line.split()
    return float(t), {int(p): float(m) for p, m in (s.split(":") for s in sizes)}


def report(run: dict[str, Any]) -> str:
    rows: list[tuple[float, dict[int, float]]] = run["rows"]
    me = run["me"]

    def peaks(t0: float, t1: float) -> tuple[float, float]:
        inside = [sizes for t, sizes in rows if t0 <= t <= t1]
        tree = max((sum(s.values()) for s in inside), default=0.0)
        largest = max((max(v for p, v in s.items() if p != me) for s in inside
                       if len(s) > 1), default=0.0)
        return tree, largest

    lines = [f"{'step':<40}{'tree peak':>10}{'largest child':>14}{'s':>8}",
             "-" * 72]
    tree, largest = peaks(run["start"], run["end"])
    lines.append(f"{'whole corpus half':<40}{tree:>10.0f}{largest:>14.0f}"
                 f"{run['end'] - run['start']:>8.1f}")
    for label, t0, t1, _pid in sorted(run["steps"], key=lambda s: s[1]):
        tree, largest = peaks(t0, t1)
        lines.append(f"{label:<40}{tree:>10.0f}{largest:>14.0f}{t1 - t0:>8.1f}")
    per_process: dict[int, float] = {}
    for _t, sizes in rows:
        for pid, mib in sizes.items():
            per_process[pid] = max(per_process.get(pid, 0.0), mib)
    lines.append("peak of each process (MiB): " + ", ".join(
        f"{'this' if pid == me else pid} {mib:.0f}" for pid, mib in per_process.items()))
    lines.append(f"(MiB of PSS; {run['records']} records; load average at the end: "
                 f"{' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--records-cache", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    run = measure(args.corpus, args.records_cache, args.jobs)
    print(report(run), flush=True)
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in run.items() if k != "rows"},
                                        indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

