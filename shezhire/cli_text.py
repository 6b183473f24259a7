"""``shezhire text`` and ``shezhire diff``: an act as it stood on a day, and what changed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from shezhire.common import corpus_option, corpus_records, iso_date, records_option, run_options
from shezhire.extract.consolidate import (
    ConsolidationError,
    consolidate,
    diff_versions,
    find_record,
)
from shezhire.extract.engine import RunSettings
from shezhire.extract.errors import ShezhireError
from shezhire.extract.models import ConsolidatedVersion, WordingSource


def _source(source: WordingSource | None) -> str:
    if source is None:
        return "—"
    act = source.act
    parts = act.split("_")
    label = f"{parts[0]} № {parts[2]} {parts[1]}" if len(parts) >= 3 else act
    when = source.day or "day unknown"
    if source.basis == "adopted":
        when += " or later"
    return f"{label} ({source.action}), from {when}"


def _version_lines(version: ConsolidatedVersion) -> list[str]:
    lines = [f"{version.act} as it stood on {version.day}"
             + ("" if version.complete else "  — INCOMPLETE (see the findings)"), ""]
    for p in version.provisions:
        lines.append(f"[{p.id}] {_source(p.source)}")
        if p.unknown:
            lines.append("    (wording on this day not in the corpus)")
        elif p.removed:
            lines.append("    (deleted)")
        else:
            lines += [f"    {x}" for x in (p.text or "").split("\n")]
    if version.findings:
        lines += ["", "Findings:"] + [f"  [{f.kind}] {f.message}" for f in version.findings]
    return lines


@click.command("text")
@click.argument("act")
@click.option("--date", "day", callback=iso_date, metavar="YYYY-MM-DD",
              help="The day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print the version as JSON.")
@corpus_option
@records_option
@run_options
def text_command(act: str, day: dt.date | None, as_json: bool, corpus: Path,
                 records_path: Path | None, run: RunSettings) -> None:
    """Print ACT as it stood on --date, each provision with the act that worded it.

    ACT is an act id or DATE/NUMBER. The text is the act's own, brought to the day by the
    amending acts of the corpus (in order of entry into force) and read back through its
    notes; a change that cannot be applied makes the version INCOMPLETE, with findings.

    Example:

        shezhire text 2023-12-27/168 --date 2024-07-01
    """
    records = corpus_records(corpus, records_path, run)
    try:
        record = find_record(records, act)
        version = consolidate(record, records, (day or dt.date.today()).isoformat())
    except (ConsolidationError, ShezhireError) as problem:
        raise click.ClickException(str(problem)) from None
    if as_json:
        click.echo(json.dumps(version.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(_version_lines(version)))


@click.command("diff")
@click.argument("act")
@click.option("--from", "day_from", required=True, callback=iso_date, metavar="YYYY-MM-DD",
              help="The earlier day.")
@click.option("--to", "day_to", required=True, callback=iso_date, metavar="YYYY-MM-DD",
              help="The later day.")
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
@corpus_option
@records_option
@run_options
def diff_command(act: str, day_from: dt.date, day_to: dt.date, as_json: bool, corpus: Path,
                 records_path: Path | None, run: RunSettings) -> None:
    """Show what changed in ACT between two days, per provision, with the amending act.

    Example:

        shezhire diff 2023-12-27/168 --from 2024-01-01 --to 2024-07-01
    """
    records = corpus_records(corpus, records_path, run)
    try:
        record = find_record(records, act)
        old = consolidate(record, records, day_from.isoformat())
        new = consolidate(record, records, day_to.isoformat())
    except (ConsolidationError, ShezhireError) as problem:
        raise click.ClickException(str(problem)) from None
    changes = diff_versions(old, new)
    if as_json:
        click.echo(json.dumps({"act": record["id"], "from": old.day, "to": new.day,
                               "complete": old.complete and new.complete,
                               "changes": [c.to_json() for c in changes]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"{record['id']}: {old.day} → {new.day}, {len(changes)} provision(s) changed"
               + ("" if old.complete and new.complete else "  — INCOMPLETE versions"))
    for c in changes:
        what = {"unknown": "changed (the wording on one of the days is not in the corpus)"}
        click.echo(f"\n[{c.id}] {what.get(c.change, c.change)} by {_source(c.source)}")
        if c.before is not None:
            click.echo("  - " + " ".join(c.before.split()))
        if c.after is not None:
            click.echo("  + " + " ".join(c.after.split()))


@click.group("export")
def export_group() -> None:
    """Export the corpus in other formats.

    Example:

        shezhire export akn --out akn/
    """


@export_group.command("akn")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write (replaced whole; a folder Shezhire did not write is refused).")
@corpus_option
@records_option
@run_options
def export_akn_command(out: Path, corpus: Path, records_path: Path | None,
                       run: RunSettings) -> None:
    """Write every act as Akoma Ntoso 3.0 XML: the text as found and one consolidated
    expression per day its text changed (URIs: docs/akoma-ntoso.md).

    Files: OUT/<act id>/kaz@.xml (as found) and OUT/<act id>/kaz@<day>.xml.

    Example:

        shezhire export akn --out akn/
    """
    from shezhire.extract.output_folder import replace_folder
    from shezhire.extract.outputs import write_atomic
    from shezhire.graph.akn import corpus_to_akn
    from shezhire.graph.build import records_to_graph

    records = corpus_records(corpus, records_path, run)
    try:
        files = corpus_to_akn(records, records_to_graph(records))
        with replace_folder(out, "akn") as folder:
            for name, data in sorted(files.items()):
                write_atomic(folder / name, data.decode("utf-8"))
    except ShezhireError as problem:
        raise click.ClickException(str(problem)) from None
    click.echo(f"{len(files)} Akoma Ntoso file(s) written to {out}/", err=True)
