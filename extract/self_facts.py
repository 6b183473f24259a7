"""What a text says of its own act when no header sentence says it.

Whole acts as other publishers print them (and copies that start at the preamble) carry no
database header; their act type and issuer are in the operative formula ("... сәйкес Есіл
ауданының әкімдігі ҚАУЛЫ ЕТЕДІ:"), and their date and number in the approval stamp of an
appendix ("... әкімдігінің 2019 жылғы 19 наурыздағы № 64 қаулысына қосымша", "... № 168
бұйрығымен бекітілген"). Each fact keeps the quote it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shezhire.extract.citations import Citation, find_citations, quoted_regions
from shezhire.extract.identity import issuer_to_nominative
from shezhire.extract.models import ActType, Evidence, Provision

# The operative formula names the type of the act that speaks ("ҚАУЛЫ ЕТЕДІ" is an akimat's or
# the Government's decree, "ШЕШІМ ҚАБЫЛДАДЫ" a maslikhat's decision...).
_FORMULA_TYPES: tuple[tuple[str, ActType], ...] = (
    (r"ҚАУЛЫ\s+ЕТЕДІ|ҚАУЛЫ\s+ЕТЕМІН|ПОСТАНОВЛЯЕТ", "decree"),
    (r"БҰЙЫРАМЫН|ПРИКАЗЫВАЮ", "order"),
    (r"ШЕШІМ\s+ҚАБЫЛДАДЫ|ШЕШІМ\s+ЕТТІ|ШЕШІМ\s+ЕТЕМІН|ШЕШТІ|ШЕШЕМІН|ШЕШТІМ|РЕШИЛ|РЕШИЛА|"
     r"РЕШАЕТ", "decision"),
)
_FORMULA = re.compile("|".join(f"(?P<t{i}>{p})" for i, (p, _t) in enumerate(_FORMULA_TYPES))
                      + r"\s*:", re.IGNORECASE)
# The issuer stands between the legal basis ("... сәйкес") and the formula.
_BASIS_END = re.compile(r"(?:сәйкес|негізінде|орай|мақсатында|соответствии\s+с\s+[^,]*?,)\s+",
                        re.IGNORECASE)
_ISSUER_WORDS = re.compile(r"(әкімдігі|әкімі|мәслихаты|мәслихат|Үкіметі|акимат|аким|маслихат|"
                           r"Правительство)\S*", re.IGNORECASE)
# An approval or appendix stamp names this act with the case forms a stamp uses.
_STAMP_TYPE = re.compile(r"(қаулысы|бұйрығы|шешімі)(?:мен|на|не|ның|нің)\b", re.IGNORECASE)
_STAMP_TAIL = re.compile(r"^\s*(?:\d+-)?(?:қосымша|бекітілген|бекiтiлген)", re.IGNORECASE)


@dataclass(frozen=True)
class FormulaFacts:
    act_type: ActType
    issuer: str | None
    evidence: Evidence


def formula_to_facts(text: str, provisions: list[Provision]) -> FormulaFacts | None:
    """Act type and issuer from the operative formula of the preamble, if there is one."""
    for p in provisions:
        if p.role != "preamble" and p.kind != "paragraph":
            continue
        m = _FORMULA.search(p.text)
        if m is None:
            continue
        kind = next(t for i, (_p, t) in enumerate(_FORMULA_TYPES) if m.group(f"t{i}"))
        before = p.text[:m.start()]
        bases = list(_BASIS_END.finditer(before))
        issuer_text = before[bases[-1].end():] if bases else before
        issuer_text = issuer_text.strip(" ,")
        issuer: str | None = None
        if _ISSUER_WORDS.search(issuer_text) and len(issuer_text.split()) <= 12:
            issuer = issuer_to_nominative(issuer_text)
        start = p.start + (m.start() - len(issuer_text) - 1 if issuer else m.start())
        start = max(start, p.start)
        end = p.start + m.end()
        return FormulaFacts(kind, issuer, Evidence(text[start:end], start, end))
    return None


def stamps_to_citations(text: str) -> list[Citation]:
    """Every act an approval or appendix stamp names, outside quoted text (a quoted stamp
    belongs to an amended act's new wording, not to this act)."""
    quoted = quoted_regions(text)
    return [c for c in find_citations(text)
            if c.adopted and c.number and _STAMP_TYPE.fullmatch(c.type_word)
            and _STAMP_TAIL.search(text[c.end:c.end + 40])
            and not any(qs <= c.start < qe for qs, qe in quoted)]


# "... № 115 қаулысына өзгерістер мен толықтырулар енгізу туралы": the title names the act
# it changes. The dative type word marks it; the changes themselves are in the points.
_AMENDING_TITLE = re.compile(r"(өзгеріс|өзгерiс|толықтыру)\S*\s+(?:\S+\s+){0,3}енгізу\s+туралы\s*$",
                             re.IGNORECASE)
_DATIVE_TYPE = re.compile(r"(қаулысы|бұйрығы|шешімі)(?:на|не)$", re.IGNORECASE)


def title_to_amended(text: str, title: Provision | None) -> list[Citation]:
    """The acts an amending act's title says it changes."""
    if title is None or not _AMENDING_TITLE.search(title.text):
        return []
    return [c for c in find_citations(text, title.start, title.end)
            if (c.adopted or c.number) and _DATIVE_TYPE.search(c.type_word)]
