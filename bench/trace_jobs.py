"""Where a `shezhire extract --jobs N` run spends its CPU: the command's own phases and each
worker's files, read by CPU accounting (meaningful on a shared machine, where wall times are
not).

    python bench/trace_jobs.py ACTS [--jobs 2] [--work DIR]

Runs ``shezhire extract ACTS --no-cache --jobs N`` in a child process that logs, in
``DIR``: the command's CPU seconds at its phases (imports done, first outcome, last outcome,
end: the part after the last outcome is linking, settling statuses, reading the spool back and
printing), and for each file a worker extracts, its worker, wall and CPU times. Each process of
the tree is sampled every 50 ms (psutil) for its total CPU. Prints the phases, each worker's
files and CPU, the wall time between a worker's files, and the wall time while fewer workers
than N ran (renewals, the end). A made-up test harness, not part of the tool: it replaces
``engine.extract_file`` in the child (the workers are forked from it, so they run the
replacement).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def child(work: Path, args: list[str]) -> None:
    """Run the command in this process, logging its phases and each worker's files."""
    def mark(name: str) -> None:
        with (work / "parent.jsonl").open("a") as log:
            log.write(json.dumps({"mark": name, "t": time.time(), "cpu": time.process_time()})
                      + "\n")

    mark("start")
    import shezhire.extract.pipeline as pipeline
    from shezhire.cli import cli
    from shezhire.extract import engine
    mark("imported")
    extract_file = engine.extract_file

    def traced(task: Any) -> Any:
        t0, c0 = time.time(), time.process_time()
        outcome = extract_file(task)
        with (work / f"w{os.getpid()}.jsonl").open("a") as log:
            log.write(json.dumps({"pid": os.getpid(), "t0": t0, "t1": time.time(), "c0": c0,
                                  "c1": time.process_time(), "path": task.path}) + "\n")
        return outcome

    run_files = engine.run_files

    def marked(*a: Any, **k: Any) -> Any:
        for i, outcome in enumerate(run_files(*a, **k)):
            if i == 0:
                mark("first_outcome")
            yield outcome
        mark("last_outcome")

    engine.extract_file = traced  # type: ignore[assignment]
    pipeline.run_files = marked  # type: ignore[assignment]
    with contextlib.suppress(SystemExit):
        cli.main(args, prog_name="shezhire")
    mark("end")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("acts", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("trace-jobs"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    command = ["extract", str(options.acts), "--as-of", "2024-07-01", "--no-cache",
               "--jobs", str(options.jobs)]
    if options.child:
        child(options.work, command)
        return 0
    import psutil

    options.work.mkdir(parents=True, exist_ok=True)
    for old in options.work.glob("*.jsonl"):
        old.unlink()
    load = os.getloadavg()
    start = time.time()
    proc = subprocess.Popen([sys.executable, __file__, str(options.acts), "--jobs",
                             str(options.jobs), "--work", str(options.work), "--child"],
                            stdout=subprocess.DEVNULL, env={**os.environ, "SHEZHIRE_CACHE_DIR": ""})
    cpu: dict[int, float] = {}
    top = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [top, *top.children(recursive=True)]
        except psutil.Error:
            break
        for p in tree:
            try:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
            except psutil.Error:
                pass
        time.sleep(0.05)
    wall = time.time() - start
    marks = {d["mark"]: d for d in map(json.loads, (options.work / "parent.jsonl").open())}
    files = sorted((json.loads(line) for log in options.work.glob("w*.jsonl")
                    for line in log.open()), key=lambda d: d["t0"])
    print(f"{options.acts}: --jobs {options.jobs}, wall {wall:.1f} s; load average "
          f"{load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    cpu_at = {name: marks[name]["cpu"] for name in marks}
    print(f"command CPU s: imports {cpu_at['imported']:.2f}, before the first outcome "
          f"{cpu_at['first_outcome'] - cpu_at['imported']:.2f}, while files are extracted "
          f"{cpu_at['last_outcome'] - cpu_at['first_outcome']:.2f}, after the last "
          f"{cpu_at['end'] - cpu_at['last_outcome']:.2f}; all processes {sum(cpu.values()):.2f}")
    print(f"files {len(files)}, their CPU s {sum(d['c1'] - d['c0'] for d in files):.2f}")
    workers = list(dict.fromkeys(d["pid"] for d in files))
    spans = []
    for pid in workers:
        mine = [d for d in files if d["pid"] == pid]
        between = sum(b["t0"] - a["t1"] for a, b in itertools.pairwise(mine))
        spans.append((mine[0]["t0"], mine[-1]["t1"]))
        print(f"  worker {pid}: {len(mine)} files, {sum(d['c1'] - d['c0'] for d in mine):.2f} "
              f"CPU s in them, {cpu.get(pid, 0):.2f} in all; wall between files {between:.2f} s")
    if options.jobs > 1 and spans:
        events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
        short, running, last = 0.0, 0, events[0][0]
        for moment, change in events:
            if running < options.jobs:
                short += moment - last
            running, last = running + change, moment
        print(f"wall s with fewer than {options.jobs} workers extracting, from the first "
              f"file to the last: {short:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
