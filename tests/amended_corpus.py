"""A small corpus for the cache tests: the seeds and an excerpt of the act the amending seed
changes (so the amended act's versions are made from it), read once as it is and once after a
made-up edit of the amending seed's body (not a real text): one word added to the new wording
it gives point 5 of the amended act ('5-тармақ мынадай редакцияда жазылсын:' then '"5.
Көрсетілетін қызметті алушы …', read in the seed). The edit is made in place, so that the
records' source paths stay the same."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from golden_facts import GOLDEN_DAY, SEEDS

from shezhire.extract.pipeline import extract_record, link_records

AMENDING = "mic-order-2026-130-amendments.txt"
AMENDED = "order-2023-117-housing-aid-rules-excerpt.txt"
EXCERPT = Path(__file__).parent / "fixtures" / "linking" / AMENDED


def records(corpus: Path) -> list[dict[str, Any]]:
    return link_records([extract_record(p, GOLDEN_DAY) for p in sorted(corpus.iterdir())])


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def original_and_changed(root: Path) -> tuple[Path, dict[str, list[dict[str, Any]]]]:
    """The corpus folder (left edited) and its records before and after the edit."""
    original = root / "original"
    original.mkdir()
    for seed in [*SEEDS, EXCERPT]:
        shutil.copy(seed, original)
    out = {"original": records(original)}
    text = (original / AMENDING).read_text("utf-8")
    marker = '"5. Көрсетілетін қызметті алушы'
    assert text.count(marker) == 1
    (original / AMENDING).write_text(
        text.replace(marker, '"5. Көрсетілетін жаңа қызметті алушы'), "utf-8")
    out["changed"] = records(original)
    return original, out
