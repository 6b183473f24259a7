"""How fast Shezhire extracts acts, next to the bare tools it is built on.

One run measures six stages over the same acts and prints them side by side:

1. ``ours: text``  - :func:`extract.pipeline.extract_record` on each corpus file as given;
2. ``ours: PDF``   - the same function on the same acts printed to PDF by chromium
   (``bench/pdf_render.py``; printed once into a cache folder, reused while the seed and the
   renderer are unchanged);
3. ``ours: read_pdf (pdfium fast path)`` - the PDF reader alone, as extraction runs it: pdfium
   reads the pages without table rules, pdfplumber the others;
4. ``ours: read_pdf (pdfplumber only)`` - the same reader with ``fast=False``: every page
   through pdfplumber, as before the fast path;
5. ``pdfplumber``  - ``pdfplumber.open`` + bare ``page.extract_text()`` on every page of those
   PDFs: the floor the PDF reader was built on;
6. ``spaCy``       - ``nlp.tokenizer(text)`` of ``spacy.blank("kk")`` (our Kazakh language) on
   the *cleaned* text of each act (the record's ``text``, what our matchers tokenize): the
   floor under our pattern matching.

Why the numbers are comparable: every stage first runs once untimed, under tracemalloc
(that pass gives the peak memory and warms imports, compiled regexes and the tokenizer's
cache for every stage alike); then the stages are timed round-robin, ``--repeat`` times, with
``time.perf_counter``, and the best total of each stage is kept (the least disturbed run).
tracemalloc is off while timing because it slows allocation-heavy code several times over.

The work is deterministic and offline: records are made for a fixed ``as_of`` day, chromium
is kept off the network (see ``bench/pdf_render.py``). Only the times vary. Speed is measured
here and nowhere else: the tests never assert on time.

Run: ``python bench/bench_extract.py [--repeat N] [--pdf-dir DIR] [--only NAME] [--no-pdf]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import importlib
import json
import os
import platform
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
# The repository itself first, so a checkout is measured even when another copy is installed;
# bench/ for the PDF renderer (found there when this script is loaded by path, as the tests do).
for _extra in (BENCH, ROOT):
    if str(_extra) not in sys.path:
        sys.path.insert(0, str(_extra))

import pdfplumber  # noqa: E402
import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402

import shezhire.extract.kazakh  # noqa: E402, F401  # registers "kk" for spacy.blank
from shezhire.extract.pipeline import extract_record  # noqa: E402
from shezhire.extract.readers import ACT_SUFFIXES  # noqa: E402
from shezhire.extract.readers.pdf import read_pdf  # noqa: E402

# Records depend on the day (an act's status); a fixed day makes every run do the same work.
AS_OF = dt.date(2026, 11, 22)
DEFAULT_PDF_DIR = Path(tempfile.gettempdir()) / "shezhire-bench-pdfs"
MANIFEST = "manifest.json"

# Row keys, in print order; the labels say exactly what was timed.
OURS_TEXT = "ours: extract_record (text)"
OURS_PDF = "ours: extract_record (PDF)"
FAST_READ = "ours: read_pdf (pdfium fast path)"
PLUMBER_READ = "ours: read_pdf (pdfplumber only)"
PDFPLUMBER = "pdfplumber: page.extract_text()"
SPACY = "spaCy: kk tokenizer (cleaned text)"
COLUMNS = ("stage", "files", "chars", "best s", "ms/file", "chars/s", "peak MiB")
RATIOS = (
    ("ours text / spaCy tokenizer", OURS_TEXT, SPACY),
    ("ours PDF / pdfplumber extract_text", OURS_PDF, PDFPLUMBER),
    ("ours PDF / ours text", OURS_PDF, OURS_TEXT),
    ("fast PDF read / pdfplumber extract_text", FAST_READ, PDFPLUMBER),
    ("fast PDF read / pdfplumber-only read", FAST_READ, PLUMBER_READ),
)


class BenchError(Exception):
    """A bench run that cannot start (no acts, no chromium); the message is one line."""


@dataclass
class Stage:
    """One measured stage: ``run`` handles one input; ``inputs`` and ``chars`` are per file.

    ``chars`` counts what the stage reads: the decoded file for text, the characters of the
    PDF's text layer for PDFs, the cleaned text for the tokenizer.
    """

    name: str
    run: Callable[[object], object]
    inputs: list[object]
    chars: list[int]
    times: list[float] = field(default_factory=list)
    peak_bytes: int = 0

    def pass_once(self) -> float:
        """Run over every input once; the seconds it took."""
        run = self.run
        start = time.perf_counter()
        for item in self.inputs:
            run(item)
        return time.perf_counter() - start


@dataclass(frozen=True)
class Row:
    """One line of the result table."""

    stage: str
    files: int
    chars: int
    best_s: float
    ms_per_file: float
    chars_per_s: float
    peak_mib: float

    def cells(self) -> tuple[str, ...]:
        return (self.stage, str(self.files), f"{self.chars:,}", f"{self.best_s:.3f}",
                f"{self.ms_per_file:.1f}", f"{self.chars_per_s:,.0f}", f"{self.peak_mib:.1f}")


@dataclass(frozen=True)
class Report:
    """A whole run: the machine, the settings, the rows and the ratios of best totals."""

    machine: str
    repeat: int
    files: tuple[str, ...]
    rows: tuple[Row, ...]
    ratios: tuple[tuple[str, float], ...]


# --- inputs -------------------------------------------------------------------------------


def corpus_files(corpus: Path, only: Sequence[str] = ()) -> list[Path]:
    """The act files in ``corpus`` (sorted by name), or just those named by ``only``."""
    files = sorted(p for p in corpus.iterdir()
                   if p.is_file() and p.suffix.lower() in ACT_SUFFIXES and p.suffix.lower() != ".pdf")
    if only:
        by_name = {p.name: p for p in files} | {p.stem: p for p in files}
        missing = [name for name in only if name not in by_name]
        if missing:
            raise BenchError(f"no act file {', '.join(missing)} in {corpus}")
        files = [by_name[name] for name in only]
    if not files:
        raise BenchError(f"no act files in {corpus}")
    return files


def _pdf_render() -> ModuleType:
    # A helper beside this script, found through bench/ on sys.path; imported by name so that
    # the type checker does not need bench/ on its own path.
    return importlib.import_module("pdf_render")


def _fingerprint(seed: Path) -> str:
    """What a cached PDF was printed from: the seed and the renderer's own source."""
    digest = hashlib.sha256(seed.read_bytes())
    digest.update((BENCH / "pdf_render.py").read_bytes())
    return digest.hexdigest()


def seeds_to_pdfs(seeds: Sequence[Path], pdf_dir: Path) -> list[Path]:
    """Each seed printed to ``pdf_dir/<stem>.pdf``, printing only what the cache lacks."""
    pdf_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = pdf_dir / MANIFEST
    try:
        manifest: dict[str, str] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    wanted = {seed: _fingerprint(seed) for seed in seeds}
    stale = [seed for seed in seeds
             if manifest.get(seed.name) != wanted[seed] or not (pdf_dir / f"{seed.stem}.pdf").exists()]
    if stale:
        render = _pdf_render()
        chromium = render.find_chromium()
        if not chromium:
            raise BenchError("chromium is not installed (needed to print the acts to PDF); "
                             "install it or pass --no-pdf")
        print(f"printing {len(stale)} act(s) to PDF in {pdf_dir} (once; cached) ...",
              file=sys.stderr)
        # One chromium per file, side by side, as pdf_render.render_seeds does.
        workers = max(1, min(len(stale), os.cpu_count() or 1, 4))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda seed: render.render_seed(seed, pdf_dir, chromium=chromium),
                          stale))
        for seed in stale:
            manifest[seed.name] = wanted[seed]
            (pdf_dir / f"{seed.stem}.html").unlink(missing_ok=True)  # the renderer's input
        manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n",
                                 encoding="utf-8")
    return [pdf_dir / f"{seed.stem}.pdf" for seed in seeds]


def _pdf_chars(pdf: Path) -> int:
    with pdfplumber.open(pdf) as doc:
        return sum(len(page.chars) for page in doc.pages)


# --- the stages ---------------------------------------------------------------------------


def _extract(path: object) -> object:
    assert isinstance(path, Path)
    return extract_record(path, AS_OF)


def _fast_read(path: object) -> object:
    assert isinstance(path, Path)
    return read_pdf(path)


def _plumber_read(path: object) -> object:
    assert isinstance(path, Path)
    return read_pdf(path, fast=False)


def _plumber_text(path: object) -> object:
    assert isinstance(path, Path)
    with pdfplumber.open(path) as doc:
        return [page.extract_text() for page in doc.pages]


def _tokenizer(nlp: Language) -> Callable[[object], object]:
    tokenizer = nlp.tokenizer

    def tokenize(text: object) -> object:
        assert isinstance(text, str)
        return tokenizer(text)

    return tokenize


def build_stages(files: Sequence[Path], pdfs: Sequence[Path] | None) -> list[Stage]:
    """The stages to measure over ``files`` (and their ``pdfs``, unless None)."""
    texts = [p.read_text(encoding="utf-8") for p in files]
    # The tokenizer reads what our matchers read: the record's cleaned text.
    cleaned = [str(extract_record(p, AS_OF)["text"]) for p in files]
    nlp = spacy.blank("kk")
    stages = [Stage(OURS_TEXT, _extract, list(files), [len(t) for t in texts])]
    if pdfs is not None:
        pdf_chars = [_pdf_chars(p) for p in pdfs]
        stages.append(Stage(OURS_PDF, _extract, list(pdfs), pdf_chars))
        stages.append(Stage(FAST_READ, _fast_read, list(pdfs), pdf_chars))
        stages.append(Stage(PLUMBER_READ, _plumber_read, list(pdfs), pdf_chars))
        stages.append(Stage(PDFPLUMBER, _plumber_text, list(pdfs), pdf_chars))
    stages.append(Stage(SPACY, _tokenizer(nlp), list(cleaned), [len(t) for t in cleaned]))
    return stages


def measure(stages: Sequence[Stage], repeat: int) -> None:
    """Fill in each stage's peak memory (one untimed pass) and ``repeat`` timed totals."""
    for stage in stages:
        gc.collect()
        tracemalloc.start()
        stage.pass_once()
        stage.peak_bytes = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    for _ in range(repeat):
        # Round-robin, so a slow spell of the machine falls on every stage, not on one.
        for stage in stages:
            gc.collect()
            stage.times.append(stage.pass_once())


def report(stages: Sequence[Stage], repeat: int, files: Sequence[Path]) -> Report:
    rows = []
    for stage in stages:
        best = min(stage.times)
        chars = sum(stage.chars)
        n = len(stage.inputs)
        rows.append(Row(stage.name, n, chars, best, best / n * 1000, chars / best if best else 0.0,
                        stage.peak_bytes / 2**20))
    by_name = {row.stage: row.best_s for row in rows}
    ratios = tuple((label, by_name[top] / by_name[bottom]) for label, top, bottom in RATIOS
                   if top in by_name and bottom in by_name and by_name[bottom] > 0)
    return Report(machine_summary(), repeat, tuple(p.name for p in files), tuple(rows), ratios)


def machine_summary() -> str:
    """The machine in one line: CPU model and count, Python, spaCy and pdfplumber versions."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{model}, {os.cpu_count()} cores, {platform.system()}; Python "
            f"{platform.python_version()}, spaCy {version('spacy')}, "
            f"pdfplumber {version('pdfplumber')}")


def format_report(result: Report) -> str:
    """The table, then the ratios of best totals (how many times slower the first is)."""
    lines = [f"machine: {result.machine}",
             f"acts: {len(result.files)} ({', '.join(result.files)})",
             f"best of {result.repeat} run(s), after one untimed pass that measures peak memory",
             ""]
    table = [COLUMNS, *(row.cells() for row in result.rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(COLUMNS))]
    for n, cells in enumerate(table):
        lines.append("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(cells, widths, strict=True))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    label_width = max((len(label) for label, _, _ in RATIOS), default=0)
    for label, _, _ in RATIOS:
        found = dict(result.ratios).get(label)
        shown = f"{found:.2f}x" if found is not None else "n/a (not measured)"
        lines.append(f"{label.ljust(label_width)}  {shown}")
    return "\n".join(lines)


# --- command line -------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench_extract.py",
        description="Time Shezhire's extraction (text and PDF) next to pdfplumber's "
                    "extract_text and spaCy's tokenizer.")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed runs per stage; the best is kept (default 3)")
    parser.add_argument("--pdf-dir", type=Path, default=DEFAULT_PDF_DIR,
                        help=f"where the printed PDFs are cached (default {DEFAULT_PDF_DIR})")
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="folder of act files (default: the repository's corpus/)")
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="measure only this act file (name or stem); may be repeated")
    parser.add_argument("--no-pdf", action="store_true",
                        help="skip the PDF stages (no chromium needed)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def run(args: argparse.Namespace) -> Report:
    files = corpus_files(args.corpus, args.only)
    pdfs = None if args.no_pdf else seeds_to_pdfs(files, args.pdf_dir)
    stages = build_stages(files, pdfs)
    measure(stages, args.repeat)
    return report(stages, args.repeat, files)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench and print its table; 2 when it cannot start."""
    args = parse_args(argv)
    try:
        result = run(args)
    except BenchError as error:
        print(f"bench_extract: {error}", file=sys.stderr)
        return 2
    print(format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
