"""The first half of ``shezhire build`` in a process of its own: the corpus read, its records
settled, the exports and every tree's pages written into a docs folder.

This half holds what grows with the corpus: every act's facts while the corpus steps run
(merging, linking, settling statuses), the guide's graph and index while the pages are
written. A process keeps much of the memory it freed (Python's arenas, the C library's heap),
so when this half ran in the command's process, the rest of the build (MkDocs' trees, the
search index, whose own processes are bounded by their chunk and shard sizes) started from a
process that had grown with the corpus. Run by :func:`read_corpus_apart` in a child that
exits, it leaves the command's process as it was before the corpus was read. The records and
pages are made by the same code, so the files are the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shezhire.extract.engine import RunSettings, RunStats
from shezhire.extract.pipeline import Failure, Progress, spool_corpus
from shezhire.guide.build import write_docs
from shezhire.guide.markdown_cache import MarkdownCacheStats
from shezhire.guide.own_process import run_in_own_process


@dataclass(frozen=True)
class CorpusDocs:
    """What the corpus's process hands back: how many records it wrote, the files that gave
    none, the cache's warnings (to be printed by the command), the acts only cited."""

    records: int
    failures: list[Failure]
    warnings: list[str]
    apart: list[str]
    markdown: MarkdownCacheStats  # act pages' Markdown made and taken from the cache


def read_corpus_apart(paths: Sequence[Path], as_of: dt.date | None, run: RunSettings,
                      docs_root: Path, *, caches: Path | None = None,
                      progress: Progress | None = None) -> CorpusDocs:
    """:func:`write_corpus_docs` in a child process (its memory returned when it ends)."""
    return run_in_own_process(write_corpus_docs, list(paths), as_of, run, docs_root,
                              caches, progress)


def write_corpus_docs(paths: Sequence[Path], as_of: dt.date | None, run: RunSettings,
                      docs_root: Path, caches: Path | None = None,
                      progress: Progress | None = None) -> CorpusDocs:
    """The records of ``paths`` (:func:`~shezhire.extract.pipeline.spool_corpus`, as of
    ``as_of``, default today), then :func:`~shezhire.guide.build.write_docs` of them into
    ``docs_root``."""
    stats = RunStats()
    records, failures = spool_corpus(paths, as_of, progress=progress, settings=run,
                                     stats=stats)
    apart, markdown = write_docs(records, docs_root, as_of=as_of or dt.date.today(),
                                 caches=caches)
    return CorpusDocs(len(records), failures, list(stats.warnings), apart, markdown)
