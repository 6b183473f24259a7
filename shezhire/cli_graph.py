"""``shezhire graph …``: lineage queries and exports over the corpus's act records."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import click
import networkx as nx

from shezhire.common import corpus_option, corpus_records, iso_date, records_option, run_options
from shezhire.extract.engine import RunSettings
from shezhire.extract.errors import ShezhireError
from shezhire.extract.outputs import write_atomic
from shezhire.extract.pipeline import extract_record
from shezhire.graph.build import records_to_graph
from shezhire.graph.queries import act_label, effects, lineage, resolve_act
from shezhire.graph.timeline import Interval, act_events, in_force_on, status_at, validity
from shezhire.tables import format_table

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


@click.group("graph")
def graph_group() -> None:
    """Lineage of the acts: who repealed and amended whom, and what was in force when.

    Example:

        shezhire graph lineage 2018-07-12/193
    """


def _graph(corpus: Path, records_path: Path | None, run: RunSettings) -> nx.MultiDiGraph:
    return records_to_graph(corpus_records(corpus, records_path, run))


def _act(g: nx.MultiDiGraph, spec: str) -> str:
    """An id, "DATE/NUMBER", or the path of an act file."""
    path = Path(spec)
    try:
        if path.is_file():
            return resolve_act(g, str(extract_record(path)["id"]))
        return resolve_act(g, spec)
    except ShezhireError as error:
        raise click.ClickException(str(error)) from None


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@graph_group.command("lineage")
@click.argument("act")
@corpus_option
@records_option
@run_options
@json_option
def lineage_command(act: str, corpus: Path, records_path: Path | None,
                    as_json: bool, run: RunSettings) -> None:
    """The chain of acts ACT replaced and that replaced it, with dates and quotes.

    ACT is an act id, DATE/NUMBER, or the path of an act file.

    Example:

        shezhire graph lineage 2018-07-12/193
    """
    g = _graph(corpus, records_path, run)
    result = lineage(g, _act(g, act))
    steps = [*result.predecessors, *result.successors]
    if as_json:
        _emit({"act": result.act, "steps": [dataclasses.asdict(s) for s in steps]})
        return
    chain = [s.older for s in result.predecessors] + [result.act] + [s.newer for s in result.successors]
    click.echo(" → ".join(act_label(g, a) for a in chain))
    rows = [[act_label(g, s.newer), "repealed", act_label(g, s.older), _date(s.date, s.date_basis),
             " | ".join(s.quotes)] for s in steps]
    if rows:
        click.echo()
        click.echo(format_table(["act", "", "act", "effective", "quote"], rows))


@graph_group.command("effects")
@click.argument("act", required=False)
@corpus_option
@records_option
@run_options
@json_option
def effects_command(act: str | None, corpus: Path, records_path: Path | None,
                    as_json: bool, run: RunSettings) -> None:
    """The effects table: affecting act and provision, affected act and provision, type, date.

    Example:

        shezhire graph effects 2023-12-27/168
    """
    g = _graph(corpus, records_path, run)
    rows = effects(g, _act(g, act) if act else None)
    if as_json:
        _emit([dataclasses.asdict(r) for r in rows])
        return
    click.echo(format_table(
        ["affecting act", "provision", "affected act", "provision", "type", "effective", "quote"],
        [[act_label(g, r.affecting_act), ", ".join(r.affecting_provisions),
          act_label(g, r.affected_act),
          "; ".join(filter(None, [r.affected_part, ", ".join(r.affected_provisions)])),
          r.type, _date(r.date, r.date_basis), r.evidence[0]["quote"] if r.evidence else ""]
         for r in rows]))


@graph_group.command("in-force")
@click.option("--date", "day", required=True, callback=iso_date, metavar="YYYY-MM-DD",
              help="The day to ask about.")
@corpus_option
@records_option
@run_options
@json_option
def in_force_command(day: Any, corpus: Path, records_path: Path | None,
                     as_json: bool, run: RunSettings) -> None:
    """The acts in force on a day (acts known only by reference count when a repeal dates them).

    Example:

        shezhire graph in-force --date 2019-01-01 --records public/records.jsonl
    """
    g = _graph(corpus, records_path, run)
    iso = day.isoformat()
    acts = in_force_on(g, iso)
    spans = {a: validity(g, a) or Interval(None, None, None, None, None) for a in acts}
    if as_json:
        _emit([{**_node(g, a), "from": spans[a].start, "until": spans[a].end} for a in acts])
        return
    click.echo(f"In force on {iso}: {len(acts)} act(s)")
    click.echo(format_table(
        ["act", "title", "from", "until", "in corpus"],
        [[act_label(g, a), g.nodes[a].get("title") or "",
          _date(spans[a].start, spans[a].start_basis), spans[a].end or "",
          "yes" if g.nodes[a]["in_corpus"] else "no"] for a in acts]))
    unknown = [a for a in sorted(g.nodes) if status_at(g, a, iso) == "unknown"]
    if unknown:
        click.echo(f"\n{len(unknown)} act(s) have no known status on that day: nothing in the "
                   "corpus says they were ever in force (most are known only by reference).")


@graph_group.command("timeline")
@click.argument("act", required=False)
@corpus_option
@records_option
@run_options
@json_option
def timeline_command(act: str | None, corpus: Path, records_path: Path | None,
                     as_json: bool, run: RunSettings) -> None:
    """Adopted, registered, in force, amended, repealed — in date order.

    Example:

        shezhire graph timeline 2023-12-27/168
    """
    g = _graph(corpus, records_path, run)
    events = act_events(g, _act(g, act) if act else None)
    if as_json:
        _emit([dataclasses.asdict(e) for e in events])
        return
    click.echo(format_table(
        ["date", "act", "event", "other act", "detail", "quote"],
        [[_date(e.date, e.basis), act_label(g, e.act), e.kind,
          act_label(g, e.other) if e.other else "", e.detail or "", e.quote or ""]
         for e in events]))


@graph_group.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "dot", "mermaid"]),
              default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of stdout.")
@click.option("--focus", help="Only this act's neighbourhood (dot and mermaid).")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True)
@corpus_option
@records_option
@run_options
def export_command(fmt: str, out: Path | None, focus: str | None, depth: int,
                   corpus: Path, records_path: Path | None, run: RunSettings) -> None:
    """Export the graph: node-link JSON (with its schema), GraphML, DOT or Mermaid.

    Example:

        shezhire graph export --format graphml --out lineage.graphml
    """
    from shezhire.graph import export

    g = _graph(corpus, records_path, run)
    center = _act(g, focus) if focus else None
    if fmt == "json":
        text = export.graph_to_json_text(g)
    elif fmt == "graphml":
        text = export.graph_to_graphml(g)
    elif fmt == "dot":
        text = export.graph_to_dot(g, focus=center, depth=depth)
    else:
        text = export.graph_to_mermaid(g, focus=center, depth=depth)
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        try:
            write_atomic(out, text)
        except ShezhireError as error:
            raise click.ClickException(str(error)) from None


def _node(g: nx.MultiDiGraph, act: str) -> dict[str, Any]:
    return {k: v for k, v in g.nodes[act].items()}


def _date(date: str | None, basis: str | None) -> str:
    if not date:
        return ""
    # Only the adoption is known: the change took effect that day or later (after publication).
    return f"{date} or later" if basis == "adopted" else date
