"""Answers checked against the question types before any rule runs.

A question's ``type`` says what its answer may be; ``null`` stands for "not answered" for
every type:

    boolean   true or false
    number    a finite number (not true/false), within the question's ``min`` and ``max``
    date      a calendar day written YYYY-MM-DD (no 31 February)
    place     one of the catalogue's place values
    choice    one of the question's option values
    multi     a list of distinct option values (empty: none of them)

An answer to a question the catalogue does not have is a problem too: a misspelt question id
must not be ignored silently. Once answers pass, a rule compares values of one type only, so
the checker and the browser evaluate the rules with plain equality (no language's own
equality or truthiness rules leak in). The rules' own comparisons are checked the same way
when the rules are built (:func:`expression_problems`).

The browser checklist (site/assets/checklist.js, ``validateAnswers``) applies the same table
and gives the same problems in the same order; a conformance test runs both.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shezhire.extract.errors import ShezhireError

Question = dict[str, Any]

_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

# Problem codes, with the sentence the command line prints.
MESSAGES = {
    "unknown_question": "no such question",
    "not_boolean": "expected true or false",
    "not_number": "expected a number",
    "below_minimum": "below the smallest allowed value",
    "above_maximum": "above the largest allowed value",
    "not_date": "expected a calendar day written YYYY-MM-DD",
    "unknown_place": "not one of the places",
    "unknown_option": "not one of the question's options",
    "not_list": "expected a list of the question's options",
    "repeated_option": "an option is given twice",
}


@dataclass(frozen=True)
class AnswerProblem:
    """An answer its question's type does not allow: the question id and a problem code."""

    question: str
    problem: str

    def to_json(self) -> dict[str, str]:
        return {"question": self.question, "problem": self.problem}

    def __str__(self) -> str:
        return f"{self.question}: {MESSAGES[self.problem]}"


def answer_problems(rules: dict[str, Any], answers: dict[str, Any]) -> list[AnswerProblem]:
    """What is wrong with ``answers``: questions in the catalogue's order, then the unknown
    question ids in sorted order."""
    places = [p["value"] for p in rules["places"]]
    known = {q["id"] for q in rules["questions"]}
    out = []
    for q in rules["questions"]:
        if q["id"] in answers and answers[q["id"]] is not None:
            problem = value_problem(q, answers[q["id"]], places)
            if problem:
                out.append(AnswerProblem(q["id"], problem))
    out += [AnswerProblem(k, "unknown_question") for k in sorted(answers) if k not in known]
    return out


def value_problem(question: Question, value: Any, places: list[str]) -> str | None:
    """The problem code of ``value`` as an answer to ``question`` (not None), or None."""
    kind = question["type"]
    options = [o["value"] for o in question.get("options", [])]
    if kind == "boolean":
        return None if isinstance(value, bool) else "not_boolean"
    if kind == "number":
        if not _is_number(value):
            return "not_number"
        if "min" in question and value < question["min"]:
            return "below_minimum"
        return "above_maximum" if "max" in question and value > question["max"] else None
    if kind == "date":
        return None if is_day(value) else "not_date"
    if kind == "place":
        return None if isinstance(value, str) and value in places else "unknown_place"
    if kind == "choice":
        return None if isinstance(value, str) and value in options else "unknown_option"
    if kind == "multi":
        if not isinstance(value, list):
            return "not_list"
        if not all(isinstance(v, str) and v in options for v in value):
            return "unknown_option"
        return "repeated_option" if len(set(value)) < len(value) else None
    raise ValueError(f"question {question['id']!r} has an unknown type {kind!r}")


def is_day(value: Any) -> bool:
    """A calendar day written YYYY-MM-DD."""
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


_SCALAR_OPS = ("is", "in")
_NUMBER_OPS = ("lt", "le", "gt", "ge")


def expression_problems(expr: Any, rules: dict[str, Any]) -> list[str]:
    """Comparisons of a rule expression that do not fit their question's type: ``is``/``in``
    with values an answer could have, ``has`` with an option of a multiple choice, and
    ``lt``/``le``/``gt``/``ge`` on numbers only."""
    if isinstance(expr, bool):
        return []
    out: list[str] = []
    for key in ("all", "any"):
        for e in expr.get(key, []):
            out += expression_problems(e, rules)
    if "not" in expr:
        out += expression_problems(expr["not"], rules)
    if "answer" not in expr:
        return out
    questions = {q["id"]: q for q in rules["questions"]}
    q = questions.get(expr["answer"])
    if q is None:
        return [*out, f"{expr['answer']}: no such question"]
    places = [p["value"] for p in rules["places"]]
    op = next((k for k in (*_SCALAR_OPS, "has", *_NUMBER_OPS) if k in expr), None)
    target = expr.get(op) if op else None
    if op == "is" and (q["type"] == "multi" or value_problem(q, target, places)):
        out.append(f"{q['id']}: 'is' {target!r} is not a {q['type']} answer")
    elif op == "in" and (q["type"] == "multi" or not isinstance(target, list)
                         or any(value_problem(q, t, places) for t in target)):
        out.append(f"{q['id']}: 'in' {target!r} is not a list of {q['type']} answers")
    elif op == "has" and (q["type"] != "multi" or value_problem(q, [target], places)):
        out.append(f"{q['id']}: 'has' {target!r} is not an option of a multiple choice")
    elif op in _NUMBER_OPS and (q["type"] != "number" or not _is_number(target)):
        out.append(f"{q['id']}: {op!r} compares {target!r} with a {q['type']} answer")
    elif op is None:
        out.append(f"{q['id']}: no comparison")
    return out


#: A file of answers is a few hundred bytes; a larger one is refused before it is parsed.
MAX_ANSWERS_BYTES = 1024 * 1024


class AnswersError(ShezhireError):
    """A file of answers that cannot be checked: one line saying which answer and why."""


def read_answers(path: Path, rules: dict[str, Any]) -> dict[str, Any]:
    """The answers in ``path`` (a JSON object of question ids and answers, or a persona-like
    ``{"answers": {...}}``), read within :data:`MAX_ANSWERS_BYTES` and checked against the
    questions; the first problem is raised as one line (:class:`AnswersError`)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise AnswersError(f"cannot read the file ({error.strerror or error})") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise AnswersError(f"file too large (over {MAX_ANSWERS_BYTES:,} bytes; answers are a "
                           "small JSON object)")
    try:
        given = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise AnswersError("not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise AnswersError(f"not JSON ({error.msg} at line {error.lineno} column "
                           f"{error.colno})") from None
    except RecursionError:
        raise AnswersError("not a JSON object of answers (nested too deeply)") from None
    except ValueError as error:  # NaN, Infinity
        raise AnswersError(str(error)) from None
    if isinstance(given, dict) and "answers" in given:
        given = given["answers"]
    if not isinstance(given, dict):
        raise AnswersError("answers must be a JSON object of question ids and answers, "
                           f"not {_kind(given)}")
    problems = answer_problems(rules, given)
    if problems:
        first = problems[0]
        raise AnswersError(f"{first} (given {_shown(given.get(first.question))})")
    return {key: value for key, value in given.items() if value is not None}


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an answer can be")


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", bool: "true or false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), "a JSON value")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
