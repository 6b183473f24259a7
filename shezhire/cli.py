"""The ``shezhire`` command: a thin click layer over the ``extract`` library.

Library errors are named exceptions; only here do they become one-line messages and exit
codes. Every command reads ``./corpus`` unless ``--corpus DIR`` says otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from shezhire.cli_cache import cache_group
from shezhire.cli_graph import graph_group
from shezhire.cli_rules import check_command, rules_group
from shezhire.cli_text import diff_command, export_group, text_command
from shezhire.common import (
    as_of_option,
    corpus_option,
    extract_or_fail,
    progress_bar,
    report_run,
    run_options,
)
from shezhire.extract.engine import RunSettings
from shezhire.extract.errors import ShezhireError
from shezhire.extract.models import JSON
from shezhire.extract.output_folder import replace_folder
from shezhire.extract.outputs import record_to_json, write_atomic
from shezhire.extract.pipeline import extract_record
from shezhire.extract.spool import SpooledRecords
from shezhire.guide.build import cache_root, render_site, site_folders
from shezhire.guide.corpus_docs import read_corpus_apart
from shezhire.guide.page_cache import PageCache


@click.group()
@click.version_option(package_name="shezhire")
def cli() -> None:
    """Shezhire: Kazakhstan's regulation texts as a traceable legal corpus.

    Example:

        shezhire extract corpus/ --out records/
    """


cli.add_command(graph_group)
cli.add_command(rules_group)
cli.add_command(check_command)
cli.add_command(text_command)
cli.add_command(diff_command)
cli.add_command(export_group)
cli.add_command(cache_group)


@cli.command()
# readable=False: an unreadable file is named by the reader, and the others are still read.
@click.argument("paths", nargs=-1, type=click.Path(readable=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Write one JSON file per act into this folder instead of JSON Lines on stdout.")
@corpus_option
@as_of_option
@run_options
def extract(paths: tuple[Path, ...], out: Path | None, corpus: Path, as_of: dt.date | None,
            run: RunSettings) -> None:
    """Extract act records from act files (.txt, .md, .pdf, .html).

    A folder stands for every act file in it. Without --out, one JSON record per line is
    printed, in input order. A file that cannot be read is named on stderr with its
    problem; the others are still extracted, and the exit status is 1.

    Example:

        shezhire extract corpus/ --out records/ --as-of 2024-07-01 --jobs 4
    """
    records, failures = extract_or_fail(list(paths) or [corpus], as_of, run)
    if out is None:
        # A spooled record's line is made from its line on disk, without parsing it again.
        lines = records.lines() if isinstance(records, SpooledRecords) else \
            (json.dumps(record, ensure_ascii=False) for record in records)
        for line in lines:
            click.echo(line)
    else:
        try:
            with replace_folder(out, "records") as folder:
                for record in records:
                    write_atomic(folder / f"{record['id']}.json", record_to_json(record))
        except ShezhireError as error:
            raise click.ClickException(str(error)) from None
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("act")
@corpus_option
@as_of_option
@run_options
def show(act: str, corpus: Path, as_of: dt.date | None, run: RunSettings) -> None:
    """Print a readable summary of one act: a file path, an act id, or DATE/NUMBER.

    Example:

        shezhire show 2023-12-27/168
    """
    record = _find(act, corpus, as_of, run)
    click.echo(summary(record))


@cli.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("public"),
              show_default=True, help="Folder the built outputs go to.")
@corpus_option
@as_of_option
@run_options
def build(out: Path, corpus: Path, as_of: dt.date | None, run: RunSettings) -> None:
    """Run the whole job from the corpus: act records, the lineage graph, the rules and the
    public guide (a static site built with MkDocs).

    Writes the site into OUT with the exports at its root: OUT/records/ID.json,
    OUT/records.jsonl, OUT/graph.json, OUT/graph.graphml, OUT/rules.json and OUT/schema/
    (act_record, graph and rules schemas). A file that cannot be read is named on stderr;
    the others are still built, and the exit status is 1.

    Example:

        shezhire build --out public/
    """
    # The cache folder also keeps the guide's pages (their Markdown, conversions and
    # layouts): a rebuild after one act changed makes and converts only the pages that
    # read it (same bytes as a full build).
    pages = page_cache(run)
    try:
        with site_folders(out, as_of or dt.date.today()) as (site, docs):
            # The corpus's records, the exports and the pages are made in a process of its
            # own, whose memory (it grows with the corpus) goes back to the system when it
            # ends; this process then renders the trees and the search index.
            made = read_corpus_apart([corpus], as_of, run, docs,
                                     caches=cache_root(pages), progress=progress_bar)
            report_run(made.warnings, made.failures)
            render_site(site, docs, apart=made.apart, page_cache=pages, jobs=run.jobs,
                        markdown=made.markdown)
    except ShezhireError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{made.records} act record(s) and the guide written to {out}/", err=True)
    if made.failures:
        sys.exit(1)


def page_cache(run: RunSettings) -> PageCache | None:
    """The guide's converted pages, in the cache folder (None: no cache)."""
    return PageCache(run.cache / "pages") if run.cache is not None else None


def _find(act: str, corpus: Path, as_of: dt.date | None, run: RunSettings) -> JSON:
    path = Path(act)
    if path.exists() and path.is_file():
        try:
            return extract_record(path, as_of)
        except ShezhireError as error:
            raise click.ClickException(str(error)) from None
    matches = [r for r in extract_or_fail([corpus], as_of, run)[0] if _names(r, act)]
    if not matches:
        raise click.ClickException(f"no act {act!r} in {corpus}")
    if len(matches) > 1:
        ids = ", ".join(r["id"] for r in matches)
        raise click.ClickException(f"{act!r} is ambiguous: {ids}")
    return matches[0]


def _names(record: JSON, act: str) -> bool:
    if record["id"] == act:
        return True
    date, _, number = act.partition("/")
    return bool(number) and record.get("adopted") == date and record.get("number") == number


def summary(record: JSON) -> str:
    """The record as a lawyer reads it first: identity, status, lineage, findings."""
    reg = record.get("registration") or {}
    lines = [
        record["title"],
        "",
        f"  id            {record['id']}",
        f"  type          {record['act_type']}",
        f"  issuer        {record['issuer']}",
        f"  adopted       {record['adopted']}   № {record['number']}",
        f"  registered    {reg.get('date')}   № {reg.get('number')}" if reg else "  registered    —",
        f"  status        {record['status']} (as of {record['status_as_of']})"
        + (f"   label: {record['status_label']}" if record["status_label"] else ""),
        f"  in force from {record['in_force_from'] or record.get('in_force_rule') or '—'}",
    ]
    for key, title in (("repealed_by", "Repealed by"), ("repeals", "Repeals"),
                       ("references", "Cites")):
        if record[key]:
            lines += ["", f"{title}:"]
            for r in record[key]:
                lines += [f"  {_ref(r)}", f"      «{_short(r['evidence']['quote'])}»"]
    for key, title in (("amended_by", "Amended by"), ("amends", "Amends")):
        if record[key]:
            lines += ["", f"{title}:"]
            for a in record[key]:
                lines += [f"  {a['target'] or '(whole act)'}: {a['action']} — {_ref(a['act'])}",
                          f"      «{_short(a['evidence']['quote'])}»"]
    if record["findings"]:
        lines += ["", "Findings:"] + [f"  [{f['kind']}] {f['message']}" for f in record["findings"]]
    counts: dict[str, int] = {}
    for p in record["provisions"]:
        counts[p["kind"]] = counts.get(p["kind"], 0) + 1
    lines += ["", "Provisions: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))]
    return "\n".join(lines)


def _short(quote: str, limit: int = 160) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1] + "…"


def _ref(ref: dict[str, Any]) -> str:
    parts = [ref.get("act_type") or "act", ref.get("issuer") or "(issuer unknown)",
             ref.get("adopted") or "(undated)", f"№ {ref['number']}" if ref.get("number") else ""]
    reg = f" (reg. № {ref['registration_number']})" if ref.get("registration_number") else ""
    title = f' "{ref["title"]}"' if ref.get("title") and not ref.get("number") else ""
    return " ".join(p for p in parts if p) + reg + title


if __name__ == "__main__":
    cli()
