"""N synthetic acts for the site benchmarks: the seeds' bodies under new header numbers.

A stand-in until ``bench/make_corpus.py`` (repeal chains and their truth) is there: each
synthetic act is a byte copy of a seed from ``corpus/`` whose act number and registration
number (their first occurrence, the header's) are replaced by new ones, so every copy is a
distinct act (a distinct id) with a real act's body. Nothing here is a test fixture: the
benchmarks only measure sizes and times on these files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

# The header numbers of each seed as the seed writes them: act number, registration number
# (read from the seeds' header lines by a person).
SEED_NUMBERS: dict[str, tuple[str, str]] = {
    "almaty-akimat-decree-2012-2-516-reglament.txt": ("2/516", "942"),
    "mic-order-2023-168-rules.txt": ("168", "33835"),
    "mic-order-2026-130-amendments.txt": ("130", "38247"),
    "nko-akimat-decree-2018-193-reglament.txt": ("193", "4874"),
    "wko-akimat-decree-2014-111-reglament.md": ("111", "3568"),
}

# The synthetic numbers: far from any seed's, so a query for one finds that act only.
FIRST_NUMBER = 90_000
FIRST_REGISTRATION = 500_000


def synthetic_number(index: int) -> tuple[str, str]:
    """The act number and registration number of synthetic act ``index`` (0-based)."""
    return str(FIRST_NUMBER + index), str(FIRST_REGISTRATION + index)


def _renumber(text: str, old: str, new: str) -> str:
    """``text`` with the first "№ OLD" / "N OLD" (any spaces or line break between) made NEW."""
    pattern = re.compile(r"([№N]\s*)" + re.escape(old) + r"(?![\d/])")
    replaced, count = pattern.subn(lambda m: m.group(1) + new, text, count=1)
    if count != 1:
        raise ValueError(f"no number {old!r} in the seed")
    return replaced


def copy_seeds(n: int, out: Path, corpus: Path = CORPUS) -> list[Path]:
    """Write ``n`` acts into ``out`` (made if missing): seed ``i % seeds`` renumbered."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = sorted(p for p in corpus.iterdir() if p.name in SEED_NUMBERS)
    written = []
    for i in range(n):
        seed = seeds[i % len(seeds)]
        number, registration = SEED_NUMBERS[seed.name]
        new_number, new_registration = synthetic_number(i)
        text = seed.read_bytes().decode("utf-8")
        text = _renumber(_renumber(text, number, new_number), registration, new_registration)
        target = out / f"synthetic-{i:06d}{seed.suffix}"
        target.write_bytes(text.encode("utf-8"))
        written.append(target)
    return written


def make_corpus_function() -> Callable[[int, Path], list[Path]]:
    """The generator the benchmarks use: ``bench/make_corpus.py``'s when it is there (its
    ``make_corpus(n, out)``), else :func:`copy_seeds`."""
    try:
        import make_corpus  # type: ignore[import-not-found]
    except ImportError:
        return copy_seeds
    made: Callable[[int, Path], list[Path]] = make_corpus.make_corpus
    return made
