"""Linear time on hostile input: each hostile shape at doubling sizes, and how the time grows.

For every shape of ``hostile_shapes.py`` (a 100,000-letter word, runs of "№ " and "1) ",
numbered points, long texts and sentences, nested HTML and Markdown, long act numbers, many
PDF pages) the script writes the file at sizes n, 2n, 4n, ... and times
``extract_record`` on it. Linear time shows as a ratio near 2.0 between one size and the
next; a quadratic step would show as 4.0. The time is the process's CPU time
(``time.process_time``): the pipeline runs on one thread, so on an idle machine it equals the
wall time, and on a shared one it is not inflated by the other processes.

The limits of ``extract/limits.py`` are raised for the run (``SHEZHIRE_LIMITS``), so what is
measured is the pipeline itself, not the refusal of an oversized file. Speed is measured
only here, never asserted in the tests.

    python bench/bench_hostile.py [--only SHAPE] [--steps N] [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
for _extra in (BENCH, ROOT):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

# Raised before the library reads them: the pipeline is measured, not the limits.
os.environ["SHEZHIRE_LIMITS"] = (
    "file_bytes=1000000000,text_chars=1000000000,line_chars=1000000000,word_chars=1000000000,"
    "points=1000000000,nesting_depth=1000000000,pdf_pages=1000000")

from hostile_shapes import SHAPES, many_pages_pdf  # noqa: E402

from shezhire.extract.errors import ShezhireError  # noqa: E402
from shezhire.extract.pipeline import extract_record  # noqa: E402

AS_OF = dt.date(2026, 11, 22)

# The first size of each shape: big enough to dwarf fixed costs, small enough that four
# doublings run in a few minutes on 2 cores.
START: dict[str, int] = {
    "long-word": 50_000,
    "number-signs": 25_000,
    "paren-points": 25_000,
    "number-sign-line": 25_000,
    "paren-line": 25_000,
    "numbered-points": 1_000,
    "long-text": 100_000,
    "long-sentence": 250_000,
    "nested-html": 250,
    "nested-markdown": 25_000,
    "long-number-citation": 200,
    "pdf-pages": 25,
}


def _make(shape: str, n: int) -> tuple[bytes, str]:
    if shape == "pdf-pages":
        return many_pages_pdf(n), ".pdf"
    spec = SHAPES[shape]
    return spec.make(n), spec.suffix


def time_shape(shape: str, n: int, folder: Path, repeat: int) -> tuple[int, float, str]:
    """(bytes of the file, best CPU seconds, what came out) for ``shape`` at size ``n``."""
    data, suffix = _make(shape, n)
    path = folder / f"{shape}-{n}{suffix}"
    path.write_bytes(data)
    best = float("inf")
    outcome = ""
    try:
        for _ in range(repeat):
            gc.collect()
            started = time.process_time()
            try:
                record = extract_record(path, AS_OF)
                outcome = f"{len(record['provisions'])} provisions"
            except ShezhireError as error:
                outcome = f"refused: {error}"[:60]
            best = min(best, time.process_time() - started)
    finally:
        path.unlink()
    return len(data), best, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=sorted(START),
                        help="just this shape (repeatable)")
    parser.add_argument("--steps", type=int, default=4, help="sizes per shape (n, 2n, ...)")
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per size, best kept")
    args = parser.parse_args(argv)
    shapes = args.only or list(START)
    extract_record(ROOT / "corpus" / "mic-order-2026-130-amendments.txt", AS_OF)  # warm up
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.system()}; Python {platform.python_version()}")
    print(f"CPU seconds, best of {args.repeat} run(s) per size; limits raised "
          "(SHEZHIRE_LIMITS)\n")
    header = f"{'shape':<22}{'n':>10}{'bytes':>14}{'cpu s':>10}{'x prev':>8}  outcome"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="shezhire-bench-hostile-") as tmp:
        for shape in shapes:
            previous: float | None = None
            for step in range(args.steps):
                n = START[shape] * 2**step
                size, seconds, outcome = time_shape(shape, n, Path(tmp), args.repeat)
                ratio = f"{seconds / previous:.2f}" if previous else ""
                print(f"{shape:<22}{n:>10,}{size:>14,}{seconds:>10.2f}{ratio:>8}  {outcome}",
                      flush=True)
                previous = seconds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
