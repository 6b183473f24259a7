"""``shezhire cache …``: what the record cache holds, and emptying it."""

from __future__ import annotations

from pathlib import Path

import click

from shezhire.extract.cache import (
    ENVIRONMENT_CACHE_DIR,
    RecordCache,
    default_cache_dir,
    extractor_version,
)
from shezhire.extract.errors import ShezhireError

cache_dir_option = click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), envvar=ENVIRONMENT_CACHE_DIR,
    show_envvar=True, help="The cache folder (default: $XDG_CACHE_HOME/shezhire, else "
                           "~/.cache/shezhire).")


@click.group("cache")
def cache_group() -> None:
    """The record cache: records of files already extracted, reused while nothing changed.

    Example:

        shezhire cache info
    """


@cache_group.command("info")
@cache_dir_option
def info_command(cache_dir: Path | None) -> None:
    """Where the cache is, how many records and guide pages it holds and their size.

    Example:

        shezhire cache info --cache-dir /tmp/shezhire-cache
    """
    info = RecordCache(cache_dir or default_cache_dir()).info()
    click.echo(f"folder            {info.folder}")
    click.echo(f"records           {info.entries}")
    click.echo(f"pages             {info.pages}")
    click.echo(f"bytes             {info.bytes}")
    click.echo(f"extractor version {extractor_version()[:16]}")


@cache_group.command("clear")
@cache_dir_option
def clear_command(cache_dir: Path | None) -> None:
    """Remove every cached record, guide page, search index run, export and act page
    Markdown (only the cache's own records/, pages/, search/, exports/ and markdown/ folders
    are removed).

    Example:

        shezhire cache clear
    """
    cache = RecordCache(cache_dir or default_cache_dir())
    try:
        count = cache.clear()
    except ShezhireError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{count} cached record(s) removed from {cache.folder}", err=True)
