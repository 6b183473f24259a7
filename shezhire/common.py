"""Options and the extraction loop every command shares."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from shezhire.extract.errors import ShezhireError, SourceError
from shezhire.extract.limits import current_limits
from shezhire.extract.models import JSON
from shezhire.extract.pipeline import extract_record, link_records, merge_same_acts
from shezhire.extract.readers import iter_act_files

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


def extract_all(paths: list[Path], as_of: dt.date | None
                 ) -> Iterator[tuple[Path, JSON | None]]:
    try:
        current_limits()  # a bad SHEZHIRE_LIMITS is one line, not one per file
    except ShezhireError as error:
        raise click.ClickException(str(error)) from None
    files = iter_act_files(paths)
    if not files:
        raise click.ClickException(f"no act files in {', '.join(map(str, paths))}")
    show_bar = len(files) >= _PROGRESS_FROM and sys.stderr.isatty()
    with click.progressbar(files, label="extracting" if show_bar else "", file=sys.stderr,
                           hidden=not show_bar) as bar:
        for path in bar:
            try:
                yield path, extract_record(path, as_of)
            except SourceError as error:
                _error(f"{error.path}: {error.problem}")
                yield path, None
            except ShezhireError as error:
                _error(f"{path}: {error}")
                yield path, None
            except Exception as error:  # a bug must not stop the other files
                _error(f"{path}: internal error ({type(error).__name__}: {error}); please report it")
                yield path, None


def corpus_records(paths: list[Path], as_of: dt.date | None) -> tuple[list[JSON], int]:
    """The linked records of the act files in ``paths``, one per act, and how many files
    failed: could not be read, or claim an act that an earlier file holds with other facts
    (each named on stderr; the kept record has a finding)."""
    results = list(extract_all(paths, as_of))
    read = [r for _p, r in results if r is not None]
    merged, conflicts = merge_same_acts(read)
    for conflict in conflicts:
        _error(f"{conflict.other}: act {conflict.act_id} is already read from {conflict.kept} "
               f"with other facts ({', '.join(conflict.differ)}); this file was not used")
    return link_records(merged), len(results) - len(read) + len(conflicts)


def _error(message: str) -> None:
    click.echo(f"shezhire: {' '.join(message.split())}", err=True)
