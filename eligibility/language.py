"""The rule language: small, declarative JSON that Python and the browser both evaluate.

An expression is one of:

    true | false
    {"answer": Q, "is": V}            the answer to question Q equals V
    {"answer": Q, "in": [V, ...]}     ... is one of the values
    {"answer": Q, "has": V}           a multiple-choice answer includes V
    {"answer": Q, "lt": N} / "le" / "gt" / "ge"   a number compared with N
    {"all": [E, ...]} / {"any": [E, ...]} / {"not": E}

Evaluation is three-valued (Kleene): an unanswered question makes a comparison unknown
(None), and "all"/"any" stay unknown only while the unknown parts could still decide. The
questions whose answers would decide an unknown expression are its "needs", in rule order:
that is how the checker asks only what it still needs. The browser checklist implements the
same table (site/assets/checklist.js); tests run both on the same personas.
"""

from __future__ import annotations

from typing import Any

Expr = Any
Answers = dict[str, Any]
_COMPARE = ("is", "in", "has", "lt", "le", "gt", "ge")


def evaluate(expr: Expr, answers: Answers) -> bool | None:
    """True, False, or None while the answers do not decide ``expr``."""
    if isinstance(expr, bool):
        return expr
    if "all" in expr:
        results = [evaluate(e, answers) for e in expr["all"]]
        if any(r is False for r in results):
            return False
        return None if any(r is None for r in results) else True
    if "any" in expr:
        results = [evaluate(e, answers) for e in expr["any"]]
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False
    if "not" in expr:
        inner = evaluate(expr["not"], answers)
        return None if inner is None else not inner
    question = expr["answer"]
    if question not in answers or answers[question] is None:
        return None
    value = answers[question]
    op = next(k for k in _COMPARE if k in expr)
    target = expr[op]
    if op == "is":
        return bool(value == target)
    if op == "in":
        return value in target
    if op == "has":
        return bool(target in (value or []))
    number = float(value)
    limit = float(target)
    return {"lt": number < limit, "le": number <= limit,
            "gt": number > limit, "ge": number >= limit}[op]


def needs(expr: Expr, answers: Answers) -> list[str]:
    """Unanswered questions that could decide ``expr``, in the order they appear."""
    if evaluate(expr, answers) is not None:
        return []
    if isinstance(expr, bool):
        return []
    out: list[str] = []
    for key in ("all", "any"):
        if key in expr:
            for e in expr[key]:
                for q in needs(e, answers):
                    if q not in out:
                        out.append(q)
            return out
    if "not" in expr:
        return needs(expr["not"], answers)
    return [expr["answer"]]


def questions_in(expr: Expr) -> list[str]:
    """Every question ``expr`` refers to (for validation: all must be in the catalogue)."""
    if isinstance(expr, bool):
        return []
    if "answer" in expr:
        return [expr["answer"]]
    out: list[str] = []
    for key in ("all", "any"):
        for e in expr.get(key, []):
            out += questions_in(e)
    if "not" in expr:
        out += questions_in(expr["not"])
    return out
