"""Answers in: a file of answers read and checked against the questions before any rule runs.

The checker's rules compare answers with ``==``, ``in`` and ``<``; an answer of the wrong type
would either crash them ("abc" < 3) or, worse, give a wrong answer quietly (an unknown place
matches no local act, so a national act would decide without the local three-year rule). So
every answer is checked here against its question's type (questions.json): a boolean is
``true``/``false``, a number is finite and within the question's ``min``/``max``, a date is a
real day written YYYY-MM-DD within :data:`FIRST_DAY`..:data:`LAST_DAY`, a place or a choice is
one of its values, a multiple choice a list of distinct values; ``null`` means unanswered. The
first problem found is raised as one line (:class:`AnswersError`).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

from shezhire.extract.errors import ShezhireError

#: A file of answers is a few hundred bytes; a larger one is refused before it is parsed.
MAX_ANSWERS_BYTES = 1024 * 1024
#: The days an application can be dated (the same bounds as the checklist's date field):
#: from Kazakhstan's independence to the end of the century.
FIRST_DAY = dt.date(1991, 12, 16)
LAST_DAY = dt.date(2100, 12, 31)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class AnswersError(ShezhireError):
    """A file of answers that cannot be checked: one line saying which answer and why."""


def read_answers(path: Path, catalogue: dict[str, Any]) -> dict[str, Any]:
    """The answers in ``path`` (a JSON object of question ids and answers, or a persona-like
    ``{"answers": {...}}``), each checked against ``catalogue``'s questions and places."""
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
        raise AnswersError(f"answers must be a JSON object of question ids and answers, "
                           f"not {_kind(given)}")
    return check_answers(given, catalogue)


def check_answers(given: dict[str, Any], catalogue: dict[str, Any]) -> dict[str, Any]:
    """The answers given (``null`` ones left out: unanswered) if every answer fits its
    question; else :class:`AnswersError`."""
    questions = {q["id"]: q for q in catalogue["questions"]}
    places = [p["value"] for p in catalogue["places"]]
    for key, value in given.items():
        question = questions.get(key)
        if question is None:
            raise AnswersError(f"unknown question {key!r} (the questions are: "
                               f"{', '.join(questions)})")
        if value is not None:
            _check(question, value, places)
    return {key: value for key, value in given.items() if value is not None}


def _check(question: dict[str, Any], value: Any, places: list[str]) -> None:
    qid, kind = question["id"], question["type"]
    if kind == "boolean":
        if not isinstance(value, bool):
            raise AnswersError(f"{qid} must be true or false, not {_shown(value)}")
    elif kind == "number":
        _check_number(question, value)
    elif kind == "date":
        _check_date(qid, value)
    elif kind in ("place", "choice"):
        allowed = places if kind == "place" else [o["value"] for o in question["options"]]
        if not isinstance(value, str) or value not in allowed:
            raise AnswersError(f"{qid} must be one of {', '.join(allowed)}; not {_shown(value)}")
    elif kind == "multi":
        allowed = [o["value"] for o in question["options"]]
        if not isinstance(value, list):
            raise AnswersError(f"{qid} must be a list of {', '.join(allowed)} (or []), "
                               f"not {_shown(value)}")
        for item in value:
            if not isinstance(item, str) or item not in allowed:
                raise AnswersError(f"{qid}: {_shown(item)} is not one of {', '.join(allowed)}")
        if len(set(value)) != len(value):
            raise AnswersError(f"{qid} lists an answer twice")
    else:  # a catalogue this code does not know: refuse rather than guess
        raise AnswersError(f"{qid}: unknown question type {kind!r}")


def _check_number(question: dict[str, Any], value: Any) -> None:
    qid = question["id"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswersError(f"{qid} must be a number, not {_shown(value)}")
    if not math.isfinite(value):
        raise AnswersError(f"{qid} must be a finite number, not {value}")
    low, high = question.get("min"), question.get("max")
    if low is not None and value < low:
        raise AnswersError(f"{qid} must be at least {low}, not {value}")
    if high is not None and value > high:
        raise AnswersError(f"{qid} must be at most {high}, not {value}")


def _check_date(qid: str, value: Any) -> None:
    if not isinstance(value, str):
        raise AnswersError(f"{qid} must be a date written YYYY-MM-DD, not {_shown(value)}")
    if not _ISO_DAY.fullmatch(value):
        raise AnswersError(f"{qid} must be a date written YYYY-MM-DD, not {_shown(value)}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError as error:
        raise AnswersError(f"{qid}: {value} is not a date ({error})") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise AnswersError(f"{qid}: {value} is outside {FIRST_DAY} – {LAST_DAY}")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number an answer can be")


def _kind(value: Any) -> str:
    return {list: "a list", str: "a string", bool: "true or false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), "a JSON value")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"
