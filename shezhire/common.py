"""Options every command shares, and the corpus read the way the command line shows it."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from shezhire.extract.errors import ShezhireError
from shezhire.extract.models import JSON
from shezhire.extract.pipeline import Failure, extract_corpus
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


def extract_or_fail(paths: Sequence[Path], as_of: dt.date | None) -> tuple[list[JSON], list[Failure]]:
    """:func:`extract_corpus` with a progress bar on a terminal; each failure is printed as
    one line on stderr (the caller decides the exit status)."""
    try:
        records, failures = extract_corpus(paths, as_of, progress=_progress)
    except ShezhireError as problem:
        raise click.ClickException(str(problem)) from None
    for failure in failures:
        error(str(failure))
    return records, failures


def corpus_records(corpus: Path, records_path: Path | None) -> list[JSON]:
    """The records ``--records`` names, else those of the corpus folder."""
    if records_path is None:
        return extract_or_fail([corpus], None)[0]
    try:
        return read_records(records_path)
    except ShezhireError as problem:
        raise click.ClickException(str(problem)) from None


def _progress(files: list[Path]) -> Iterator[Path]:
    show = len(files) >= _PROGRESS_FROM and sys.stderr.isatty()
    with click.progressbar(files, label="extracting" if show else "", file=sys.stderr,
                           hidden=not show) as bar:
        yield from bar


def error(message: str) -> None:
    click.echo(f"shezhire: {' '.join(message.split())}", err=True)
