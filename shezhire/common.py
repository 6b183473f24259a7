"""Options every command shares, and the corpus read the way the command line shows it."""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from shezhire.extract.cache import ENVIRONMENT_CACHE_DIR, default_cache_dir
from shezhire.extract.engine import ENGINES, RunSettings, RunStats, default_jobs
from shezhire.extract.errors import ShezhireError
from shezhire.extract.models import JSON
from shezhire.extract.pipeline import Failure, spool_corpus
from shezhire.extract.records_file import read_records

_PROGRESS_FROM = 5  # files; fewer finish before a bar would help


def iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


corpus_option = click.option(
    "--corpus", "corpus", type=click.Path(readable=False, path_type=Path), default=Path("corpus"),
    show_default=True, help="Folder of act files read when no PATH is given.")
as_of_option = click.option(
    "--as-of", "as_of", callback=iso_date, metavar="YYYY-MM-DD",
    help="Compute each act's status as of this day (default: today).")
records_option = click.option(
    "--records", "records_path", type=click.Path(path_type=Path), metavar="RECORDS",
    help="Act records already extracted (records.jsonl as `extract` prints it or `build` "
         "publishes it, or an `extract --out` folder) instead of reading --corpus.")


F = TypeVar("F", bound=Callable[..., Any])


def run_options(command: F) -> F:
    """``--jobs``, ``--cache-dir``, ``--no-cache``, ``--engine`` and ``--scheduler``, handed to
    the command as one ``run`` argument (a :class:`RunSettings`)."""
    options = [
        click.option("--jobs", "-j", type=click.IntRange(min=1), envvar="SHEZHIRE_JOBS",
                     default=default_jobs, show_default="the machine's cores",
                     help="Extract this many files at once (separate processes); 1 runs in "
                          "this process. The output is the same for any number."),
        # Not checked here: a cache folder that cannot be used is a warning from the cache
        # (the run goes on without it), and with --no-cache it is not used at all.
        click.option("--cache-dir", type=click.Path(file_okay=False, readable=False,
                                                    path_type=Path),
                     envvar=ENVIRONMENT_CACHE_DIR, show_envvar=True,
                     help="Folder of the record cache (default: $XDG_CACHE_HOME/shezhire, "
                          "else ~/.cache/shezhire). A file unchanged since the last run, with "
                          "the same Shezhire, limits and --as-of, is not extracted again."),
        click.option("--no-cache", is_flag=True, help="Extract every file; use no cache."),
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="local: a pool of processes on this machine; dask: the workers of "
                          "a Dask cluster (see --scheduler), which must see the files and "
                          "the cache folder at the same paths."),
        click.option("--scheduler", metavar="ADDRESS", envvar="SHEZHIRE_SCHEDULER",
                     help="The Dask scheduler's address for --engine dask, e.g. "
                          "tcp://10.0.0.5:8786."),
    ]

    @functools.wraps(command)
    def wrapper(*args: Any, jobs: int, cache_dir: Path | None, no_cache: bool, engine: Any,
                scheduler: str | None, **kwargs: Any) -> Any:
        cache = None if no_cache else (cache_dir or default_cache_dir())
        if engine == "dask" and not scheduler:
            raise click.UsageError("--engine dask needs --scheduler ADDRESS")
        run = RunSettings(jobs=jobs, cache=cache, engine=engine, scheduler=scheduler)
        return command(*args, run=run, **kwargs)

    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    result: F = decorated
    return result


def extract_or_fail(paths: Sequence[Path], as_of: dt.date | None,
                    run: RunSettings | None = None) -> tuple[Sequence[JSON], list[Failure]]:
    """:func:`spool_corpus` with a progress bar on a terminal; each failure is printed as
    one line on stderr (the caller decides the exit status), and each warning of the cache.
    The records are read back one at a time as the caller goes through them."""
    stats = RunStats()
    try:
        records, failures = spool_corpus(paths, as_of, progress=progress_bar, settings=run,
                                           stats=stats)
    except ShezhireError as problem:
        raise click.ClickException(str(problem)) from None
    report_run(stats.warnings, failures)
    return records, failures


def report_run(warnings: Sequence[str], failures: Sequence[Failure]) -> None:
    """Each warning of the cache (a folder's once, not per file), then each failure, one line
    each on stderr."""
    for warning in dict.fromkeys(warnings):
        error(f"warning: {warning}")
    for failure in failures:
        error(str(failure))


def corpus_records(corpus: Path, records_path: Path | None,
                   run: RunSettings | None = None) -> Sequence[JSON]:
    """The records ``--records`` names, else those of the corpus folder."""
    if records_path is None:
        return extract_or_fail([corpus], None, run)[0]
    try:
        return read_records(records_path)
    except ShezhireError as problem:
        raise click.ClickException(str(problem)) from None


def progress_bar(files: list[Path]) -> Iterator[Path]:
    show = len(files) >= _PROGRESS_FROM and sys.stderr.isatty()
    with click.progressbar(files, label="extracting" if show else "", file=sys.stderr,
                           hidden=not show) as bar:
        yield from bar


def error(message: str) -> None:
    click.echo(f"shezhire: {' '.join(message.split())}", err=True)
