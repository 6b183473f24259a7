"""Running the per-file stage over many files: in this process, in a pool of processes, or on
a Dask cluster, with the record cache in front of it.

Every engine runs the same function, :func:`extract_file`, on one file at a time, and every
engine hands the outcomes back **in input order**, so the corpus-level steps (merging,
linking, settling statuses) that follow in the parent see the same list whatever the engine
and the number of jobs, and write the same bytes.

- ``jobs == 1`` (or a single file): in this process, no pool.
- ``engine == "local"``: ``jobs`` worker processes (:func:`_in_pool`), each renewed after
  :data:`TASKS_PER_WORKER` files so that a worker's memory stays bounded whatever the
  corpus, without waiting for the others. The workers are forked from this process when it runs
  one thread on Linux (it has imported and warmed the extractor already, so a worker starts
  at once), else started by ``forkserver`` (``spawn`` where there is none); see
  :func:`_pool_context`.
- ``engine == "dask"``: ``dask.distributed`` on the scheduler at ``scheduler`` (a
  ``tcp://host:port`` address). The workers must see the
  files and the cache folder at the same paths (a shared file system).

A file that fails gives a :class:`FileOutcome` with its one-line problem; it fails only
itself, in every engine.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import datetime as dt
import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from shezhire.extract.cache import RecordCache, record_key
from shezhire.extract.errors import ShezhireError, SourceError, UsageError
from shezhire.extract.limits import ENVIRONMENT_VARIABLE
from shezhire.extract.models import JSON

Engine = Literal["local", "dask"]
ENGINES: tuple[Engine, ...] = ("local", "dask")
# Files a pool worker extracts before a fresh one takes its place: its memory stays bounded
# whatever the corpus. A fresh worker's first files cost it about 20 % more CPU (it writes,
# and so copies, the pages of the extractor it shares with this process); its memory did not
# grow past its first 16 files (110 MiB after 300 synthetic acts), so it is renewed rarely.
TASKS_PER_WORKER = 256
_AHEAD_PER_JOB = 32  # files handed out ahead of the oldest one not yet done, a worker


@dataclass(frozen=True)
class RunSettings:
    """How a corpus is extracted: ``jobs`` workers, the ``cache`` folder (None: no cache),
    the ``engine`` and, for Dask, the ``scheduler`` address."""

    jobs: int = 1
    cache: Path | None = None
    engine: Engine = "local"
    scheduler: str | None = None


@dataclass
class RunStats:
    """What a run did: files taken from the cache, files extracted, warnings given."""

    cached: int = 0
    extracted: int = 0
    failed: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FileTask:
    """One file to extract, with everything the worker needs (it may be another machine):
    the day, the limits in force, and the cache folder and key to store the record under."""

    path: str
    day: str
    limits: str
    cache: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class FileOutcome:
    """The record of ``path`` or its one-line ``problem``; ``cached`` when it came from the
    cache; ``warnings`` (a damaged cache entry, a cache that cannot be written) to print."""

    path: str
    record: JSON | None
    problem: str | None
    cached: bool = False
    warnings: tuple[str, ...] = ()
    key: str | None = None  # of a cache hit, until its record is read


def extract_file(task: FileTask) -> FileOutcome:
    """The stage every engine runs on a file the cache does not hold: its record (then
    stored in the cache under ``task.key``) or its problem. Never raises for a problem of
    the file."""
    from shezhire.extract.pipeline import extract_record

    if os.environ.get(ENVIRONMENT_VARIABLE, "") != task.limits:  # a remote worker
        os.environ[ENVIRONMENT_VARIABLE] = task.limits
    try:
        record = extract_record(Path(task.path), dt.date.fromisoformat(task.day))
    except SourceError as error:
        return FileOutcome(error.path, None, error.problem)
    except ShezhireError as error:
        return FileOutcome(task.path, None, str(error))
    except Exception as error:  # a bug must not stop the other files
        return FileOutcome(task.path, None, f"internal error ({type(error).__name__}: {error}); "
                                            "please report it")
    if task.cache is not None and task.key is not None:
        warning = RecordCache(Path(task.cache)).put(task.key, record)
        if warning:
            return FileOutcome(task.path, record, None, warnings=(warning,))
    return FileOutcome(task.path, record, None)


def default_jobs() -> int:
    return os.cpu_count() or 1


def run_files(files: Sequence[Path], day: dt.date, settings: RunSettings
              ) -> Iterator[FileOutcome]:
    """The outcome of every file, in the order of ``files``.

    The cache is looked up here, in the calling process (a hash of each file: no worker is
    started when nothing changed); only the files it does not hold go to the engine.
    """
    if settings.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {settings.jobs}")
    limits = os.environ.get(ENVIRONMENT_VARIABLE, "")
    cache = RecordCache(settings.cache) if settings.cache is not None else None
    slots: list[FileOutcome | None] = []
    misses: list[FileTask] = []
    for path in files:
        key = record_key(path, day) if cache is not None else None
        if cache is not None and key is not None:
            record, warning = cache.get(key)
            if record is not None:  # read again when its turn comes: not all held at once
                del record
                slots.append(FileOutcome(str(path), None, None, cached=True, key=key))
                continue
            if warning:  # a damaged entry: extracted again, and the warning goes with it
                slots.append(FileOutcome(str(path), None, None, warnings=(warning,)))
                misses.append(FileTask(str(path), day.isoformat(), limits, str(cache.folder),
                                       key))
                continue
        slots.append(None)
        misses.append(FileTask(str(path), day.isoformat(), limits,
                               str(cache.folder) if cache else None, key))
    if not misses:
        outcomes: Iterator[FileOutcome] = iter(())
    elif settings.engine == "dask":
        outcomes = _on_dask(misses, settings.scheduler)
    elif settings.jobs == 1 or len(misses) <= 1:
        outcomes = map(extract_file, misses)
    else:
        outcomes = _in_pool(misses, min(settings.jobs, len(misses)))
    for slot in slots:
        if slot is not None and slot.cached and cache is not None and slot.key is not None:
            record, warning = cache.get(slot.key)
            if record is not None:
                yield dataclasses.replace(slot, record=record)
                continue
            # The entry went away or was damaged since: extract the file here.
            outcome = extract_file(FileTask(slot.path, day.isoformat(), limits,
                                            str(cache.folder), slot.key))
            yield dataclasses.replace(outcome, warnings=(warning,) if warning else ())
            continue
        outcome = next(outcomes)
        if slot is not None:  # the damaged entry's warning
            outcome = dataclasses.replace(outcome, warnings=slot.warnings + outcome.warnings)
        yield outcome


def _pool_context() -> Any:
    """How the pool's workers start: forked from this process, or from a fork server.

    Forking this process costs nothing: it has imported the extractor (spaCy, the lexicon)
    already, and :mod:`shezhire.extract.warm` readies the rest once, as the first file of a
    one-job run would. A fork server imports all that again before its first worker can
    start (about 1.2 CPU s, while the workers wait): with two jobs, that serial second was
    the largest part of the run that did not get faster. Forking is safe only while this
    process runs one thread (a lock held by another thread would stay locked in the child),
    and only on Linux (macOS's system libraries do not survive a fork): otherwise the fork
    server, which preloads the extractor once for every worker and renewal.
    """
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        import shezhire.extract.warm  # noqa: F401  # the workers inherit a ready extractor

        return multiprocessing.get_context("fork")
    context: Any = multiprocessing.get_context("forkserver" if "forkserver" in methods
                                               else "spawn")
    if "forkserver" in methods:
        # Workers fork from a server that has imported the extractor (spaCy, the lexicon)
        # once, instead of importing it again each.
        context.set_forkserver_preload(["shezhire.extract.pipeline", "shezhire.extract.warm"])
    return context


def _in_pool(tasks: list[FileTask], jobs: int) -> Iterator[FileOutcome]:
    """The outcomes of ``tasks`` from ``jobs`` worker processes, in input order.

    Each worker extracts :data:`TASKS_PER_WORKER` files and ends; a fresh one takes its place
    as soon as it has given its last outcome, while the others go on (no barrier: a pool
    renewed as a whole waits, at each renewal, for its slowest worker's last file, and
    ``max_tasks_per_child`` deadlocks with more tasks queued than workers on Python 3.11 to
    3.14, CPython gh-115634). A worker that ends without giving an outcome (killed, out of
    memory, a crash in a library) fails the file it was extracting, with a one-line problem;
    the other files go on in a fresh worker.

    This process runs no thread for the pool (it waits on the workers' pipes), so it stays
    forkable for each renewal.
    """
    pending = collections.deque(enumerate(tasks))
    ready: dict[int, FileOutcome] = {}  # outcomes that came before their turn
    workers: list[_Worker] = []
    given = 0  # outcomes yielded so far: the index of the next one
    # How far ahead of the next outcome to yield files are handed out: bounds the outcomes
    # (records) held here while one file takes long.
    window = jobs * _AHEAD_PER_JOB
    try:
        while given < len(tasks):
            while len(workers) < jobs and pending and pending[0][0] - given < window:
                workers.append(_Worker.start(_pool_context(), TASKS_PER_WORKER))
                workers[-1].give(*pending.popleft())
            # Two files in each worker's pipe, so it never waits for this process between
            # two; one near the end, so no file waits behind a long one while a worker idles.
            depth = 2 if len(pending) > 2 * jobs else 1
            for worker in workers:
                while (pending and worker.left > 0 and len(worker.running) < depth
                       and pending[0][0] - given < window):
                    worker.give(*pending.popleft())
            for worker in _answering(workers):
                index, outcome = worker.take()
                ready[index] = outcome
                if worker.gone:  # the files it had not begun go to the next workers
                    pending.extendleft(sorted(worker.running.items(), reverse=True))
                    worker.running.clear()
                if worker.gone or (worker.left == 0 and not worker.running):
                    worker.stop()
                    workers.remove(worker)
            while given in ready:
                yield ready.pop(given)
                given += 1
    finally:
        for worker in workers:
            worker.stop()
    stop_fork_server()


def _answering(workers: list[_Worker]) -> list[_Worker]:
    """The workers with an outcome (or an end) to read, waiting until there is one."""
    running = [worker for worker in workers if worker.running]
    if not running:  # cannot be: the next outcome to give is always given to a worker
        raise RuntimeError("no worker has a file to extract")
    answered = multiprocessing.connection.wait([worker.conn for worker in running])
    return [worker for worker in running if worker.conn in answered]


def _work(conn: Connection, tasks: int) -> None:
    """A worker: extracts up to ``tasks`` files given over ``conn``, sending each outcome."""
    # Ctrl-C is the command's to handle (it stops its workers): not one traceback a worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for _ in range(tasks):
        try:
            task = conn.recv()
        except EOFError:  # the command ended first
            return
        conn.send(extract_file(task))
    conn.close()


@dataclass
class _Worker:
    """A worker process of :func:`_in_pool`, its files given and not yet answered."""

    process: Any
    conn: Connection
    left: int  # files it may still be given before it ends
    running: dict[int, FileTask] = field(default_factory=dict)  # by input index, in order
    gone: bool = False  # ended without answering

    @classmethod
    def start(cls, context: Any, tasks: int) -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(target=_work, args=(theirs, tasks))
        # A forked worker starts with a copy of what this process has buffered and not yet
        # written; written first, nothing is left that a worker's exit could write twice.
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        # A forked worker shares this process's memory (the records' heads gathered so far)
        # until it writes to it; the garbage collector writes to every object it walks, so
        # the objects of this moment are set aside from its walks (in the worker, for good).
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()
        theirs.close()  # the worker's end: its exit is then seen here as the pipe's end
        return cls(process, ours, tasks)

    def give(self, index: int, task: FileTask) -> None:
        self.running[index] = task
        self.left -= 1
        with contextlib.suppress(OSError):  # it ended waiting for a file: :meth:`take` sees it
            self.conn.send(task)

    def take(self) -> tuple[int, FileOutcome]:
        """The outcome of the oldest file given, or its failure if the worker ended."""
        index = next(iter(self.running))
        task = self.running.pop(index)
        try:
            return index, self.conn.recv()
        except (EOFError, OSError):
            self.gone = True
            self.process.join()
            return index, FileOutcome(
                task.path, None, "the worker process extracting it ended without a record "
                f"(exit status {self.process.exitcode}: killed, or out of memory?)")

    def stop(self) -> None:
        if self.running or self.left > 0:
            self.process.kill()  # the command stopped before the worker's files were done
        self.process.join()
        self.conn.close()


def stop_fork_server() -> None:
    """Stop the fork server a pool of ours started, if any (the next pool starts one again):
    left alone it lives, with the modules it preloaded (the extractor: about 90 MB), until
    this process ends, through the guide's build and its search index. Python has no public
    call for it; ``_stop`` is the one its own tests use (absent, the server is left)."""
    from multiprocessing import forkserver

    stop = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if callable(stop):
        stop()


def _on_dask(tasks: list[FileTask], scheduler: str | None) -> Iterator[FileOutcome]:
    if scheduler is None:
        raise UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    try:
        from dask import distributed
    except ModuleNotFoundError:
        raise UsageError("--engine dask needs Dask: pip install 'shezhire[dask]'") from None
    try:
        make_client: Any = distributed.Client
        client: Any = make_client(scheduler, timeout="30s")
    except OSError as error:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from None
    try:
        # pure=False: the same task twice is two runs (the cache, not Dask, reuses results).
        futures = client.map(extract_file, tasks, pure=False)
        for future in futures:
            yield future.result()
            future.release()
    finally:
        client.close()
