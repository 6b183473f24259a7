"""``shezhire rules export`` and ``shezhire check``: the eligibility rules and the checker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from shezhire.common import corpus_option, corpus_records, iso_date, records_option, run_options
from shezhire.eligibility.answers import AnswersError, read_answers
from shezhire.eligibility.check import check
from shezhire.eligibility.export import records_to_rules
from shezhire.eligibility.ruleset import catalogue
from shezhire.eligibility.schema import validate_rules
from shezhire.extract.engine import RunSettings
from shezhire.extract.errors import ShezhireError
from shezhire.extract.outputs import record_to_json, write_atomic
from shezhire.tables import format_table


@click.group("rules")
def rules_group() -> None:
    """Eligibility rules read from the acts, with citations.

    Example:

        shezhire rules export --out rules.json
    """


def corpus_rules(corpus: Path, records_path: Path | None = None,
                 run: RunSettings | None = None) -> dict[str, Any]:
    """The rules export of the corpus (or of the records ``--records`` names)."""
    records = corpus_records(corpus, records_path, run)
    try:
        rules = records_to_rules(list(records))
        validate_rules(rules)
    except ShezhireError as error:
        raise click.ClickException(str(error)) from None
    return rules


@rules_group.command("export")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write rules.json here (atomically) instead of stdout.")
@corpus_option
@run_options
def export_command(out: Path | None, corpus: Path, run: RunSettings) -> None:
    """Write the self-contained rules export: questions, rules, citations, validity periods.

    Example:

        shezhire rules export --out public/rules.json
    """
    text = record_to_json(corpus_rules(corpus, None, run))
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            write_atomic(out, text)
        except ShezhireError as error:
            raise click.ClickException(str(error)) from None


@click.command("check")
@click.argument("answers", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--date", "day", callback=iso_date, metavar="YYYY-MM-DD",
              help="The application date (else the answers' application_date).")
@click.option("--rules", "rules_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A rules.json export to use instead of reading the corpus.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.option("--lang", type=click.Choice(["kk", "ru"]), default="kk", show_default=True,
              help="Language of the reasons, notes and questions (the outcome is the same).")
@corpus_option
@records_option
@run_options
def check_command(answers: Path, day: Any, rules_path: Path | None, as_json: bool, lang: str,
                  corpus: Path, records_path: Path | None, run: RunSettings) -> None:
    """May I register? Answer from the rules of the act in force there and then.

    ANSWERS is a JSON object of question ids and answers (see `shezhire rules export`), or
    {"answers": {...}}. Each answer is checked against its question's type first: a wrong
    type, a number out of range, an impossible date or an unknown place is one line and
    exit status 2, before any rule runs. With --lang ru the reasons are in Russian; the
    quotes stay in the language of the act text the corpus holds (said so in Russian).

    Example:

        shezhire check answers.json --date 2024-07-01 --records public/records.jsonl --lang ru
    """
    try:
        given = read_answers(answers, catalogue())
    except AnswersError as error:
        raise BadAnswers(f"{answers}: {error}") from None
    rules = _load_rules(rules_path) if rules_path else corpus_rules(corpus, records_path, run)
    outcome = check(rules, given, day.isoformat() if day else None)
    if as_json:
        click.echo(json.dumps(outcome, ensure_ascii=False, indent=2))
        return
    click.echo(render(outcome, rules, lang))


class BadAnswers(click.ClickException):
    """Answers that do not fit the questions: a usage error (exit 2), in one line."""

    exit_code = 2


def _load_rules(path: Path) -> dict[str, Any]:
    try:
        rules = json.loads(path.read_text("utf-8"))
        validate_rules(rules)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ShezhireError) as error:
        raise click.ClickException(f"{path}: not a rules export ({error})") from None
    loaded: dict[str, Any] = rules
    return loaded


_OUTCOMES = {"eligible": "Есепке қоюға болады (eligible)",
             "not_eligible": "Есепке қоюға болмайды (not eligible)",
             "cannot_tell": "Әзірге айту мүмкін емес (cannot tell yet)",
             "no_act": "Корпуста бұл күні мен жерге қолданылатын акт жоқ (no act applies)",
             "invalid_answers": "Жауаптар сұрақтарға сай емес (invalid answers)"}
_OUTCOMES_RU = {"eligible": "Можно встать на учёт (eligible)",
                "not_eligible": "Встать на учёт нельзя (not eligible)",
                "cannot_tell": "Пока сказать нельзя (cannot tell yet)",
                "no_act": "В корпусе нет акта для этого дня и места (no act applies)",
                "invalid_answers": "Ответы не соответствуют вопросам (invalid answers)"}
# The rule files quote the acts' Kazakh texts: on the Russian output each quote says so.
KAZAKH_MARK_RU = "[каз.]"
KAZAKH_QUOTE_RU = (f"{KAZAKH_MARK_RU} — цитата из текста акта на казахском языке: правила сверены "
                   "с казахским текстом акта")
DOCUMENTS_RU = "(названия документов — из текста акта на казахском языке)"


def render(outcome: dict[str, Any], rules: dict[str, Any], lang: str = "kk") -> str:
    """The outcome as text for a person, in Kazakh (``kk``) or Russian (``ru``)."""
    ru = lang == "ru"
    lines = [(_OUTCOMES_RU if ru else _OUTCOMES)[outcome["outcome"]]]
    if outcome["act"]:
        act = outcome["act"]
        valid = outcome["act_valid"]
        lines.append(f"Act: {act['adopted']} № {act['number']} {act['act_type']}, {act['issuer']}"
                     f" (in force {valid['from']} – {valid['until'] or '…'})")
    note = outcome["note_ru" if ru else "note_kk"]
    if note:
        lines.append(note)
    said = f" {KAZAKH_MARK_RU}" if ru else ""
    rows = [[r["status"], r["label_ru" if ru else "label_kk"],
             "; ".join(f"{c['provision']}: «{c['quote']}»{said}" for c in r["citations"])]
            for r in outcome["reasons"] if r["status"] != "clear"]
    if rows:
        lines += ["", format_table(["status", "rule", "provision and quote"], rows)]
    if outcome["next_questions"]:
        texts = {q["id"]: q["text_ru" if ru else "text_kk"] for q in rules["questions"]}
        lines += ["", "Next questions:"] + [f"  {q}: {texts[q]}" for q in outcome["next_questions"]]
    would_change = outcome["what_would_change_ru" if ru else "what_would_change"]
    if would_change:
        lines += ["", "What would change the outcome:"] + [f"  {w}" for w in would_change]
    for lst in outcome["documents"]:
        if lst["kind"] == "applicant_provides":
            lines += ["", f"Documents ({lst.get('channel') or 'any channel'}"
                          + (f"; {lst['condition']}" if lst.get("condition") else "") + "):"]
            lines += [f"  [ ] {i['label']}" + (f" — {i['condition']}" if i.get("condition") else "")
                      for i in lst["items"]]
            if ru:
                lines.append(f"  {DOCUMENTS_RU}")
    terms = [d for d in outcome["deadlines"] if d.get("service_term")]
    for d in terms:
        lines += ["", f"Service term: {d['value']} {d['day_kind'] or ''} {d['unit']}(s) "
                      f"— {d['citation']['provision']}: «{d['citation']['quote']}»{said}"]
    if ru and (rows or terms):
        lines += ["", KAZAKH_QUOTE_RU]
    return "\n".join(lines)
