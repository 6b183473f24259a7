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

from shezhire.extract.citations import Citation, _issuer_before, find_citations, quoted_regions
from shezhire.extract.identity import issuer_to_nominative
from shezhire.extract.kazakh.dates import find_dates
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
# The issuer stands between the legal basis ("... сәйкес", "... бабына", "... мақсатында") and
# the formula: it starts after the last word or mark that ends the phrase before it.
_ISSUER_CUT = re.compile(
    r'.*(?:[";:()–\n|,]|\d|\.(?=\s)|\bтуралы\b|\bсәйкес\b|\bнегізінде\b|\bмақсатында\b|'
    r"\bорай\b|\bотырып\b|\bбаб\w*|\bбапт\w*|\bтармағ\w*|\bтармақша\w*|\bЗаң\w*|"
    r"\bкодекс\w*|\bсоответствии\b|\bстать\w*|\bпункт\w*)",
    re.DOTALL | re.IGNORECASE)
_ISSUER_WORDS = re.compile(r"(әкімдігі|әкімі|мәслихаты|мәслихат|Үкіметі|акимат|аким|маслихат|"
                           r"Правительство)\S*", re.IGNORECASE)
# An approval or appendix stamp names this act with the case forms a stamp uses.
_STAMP_TYPE = re.compile(r"(қаулысы|бұйрығы|шешімі)(?:мен|на|не|ның|нің)\b", re.IGNORECASE)
# A stamp stands on its own: its last word ends the line ("... № 168 бұйрығымен бекітілген"),
# where a sentence naming another act's approved rules goes on ("... бекітілген Қағидалары").
_STAMP_TAIL = re.compile(r"^\s*(?:(?:№|N)\s*\d+\s+)?(?:\d+-)?(?:қосымша|бекітілген|бекітілді)"
                         r"[\s.]*?(?:\n|$)", re.IGNORECASE)


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
        cut = _ISSUER_CUT.match(before)
        issuer_text = (before[cut.end():] if cut else before).strip(" ,")
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
    return _title_acts(text, title, _AMENDING_TITLE, _DATIVE_TYPE)


# "... № 881 қаулысының күші жойылды деп тану туралы": a repealing act's title names the act.
_REPEALING_TITLE = re.compile(r"күш\S*\s+жой\S*\s+(?:деп\s+)?тану\s+туралы\s*$", re.IGNORECASE)
_GENITIVE_TYPE = re.compile(r"(қаулысы|бұйрығы|шешімі)(?:ның|нің)$", re.IGNORECASE)


def title_to_repealed(text: str, title: Provision | None) -> list[Citation]:
    """The acts a repealing act's title says it repeals."""
    return _title_acts(text, title, _REPEALING_TITLE, _GENITIVE_TYPE)


def _title_acts(text: str, title: Provision | None, kind: re.Pattern[str],
                case: re.Pattern[str]) -> list[Citation]:
    """The acts a title of ``kind`` names with a type word in ``case``."""
    if title is None or not kind.search(title.text):
        return []
    return [c for c in find_citations(text, title.start, title.end)
            if (c.adopted or c.number) and case.search(c.type_word)]


# "Қазақстан Республикасы Үкiметiнiң қаулысы 1997 жылғы 25 ақпандағы N 264.": the header with
# the type word before the date, as older texts and some copies write it.
_TYPE_FIRST = re.compile(r"(?P<type>қаулысы|бұйрығы|шешімі)\s+$", re.IGNORECASE)
_NUMBER_AFTER = re.compile(r"^\s*(?:ж\.\s*)?№\s*(?P<number>[^\s,;]+?)\.?(?=\s|$)")
_TYPE_OF: dict[str, ActType] = {"қаулысы": "decree", "бұйрығы": "order", "шешімі": "decision"}


def type_first_header(text: str, limit: int = 1500) -> Citation | None:
    """This act named type word first, in the text's first ``limit`` characters."""
    head = text[:limit]
    quoted = quoted_regions(head)
    for date in find_dates(head):
        if not date.iso or any(qs <= date.start < qe for qs, qe in quoted):
            continue
        kind = _TYPE_FIRST.search(head[max(0, date.start - 30):date.start])
        number = _NUMBER_AFTER.match(head[date.end:])
        if kind is None or number is None:
            continue
        type_start = date.start - len(kind.group(0))
        issuer, issuer_start = _issuer_before(head, type_start)
        if issuer is None:
            continue
        end = date.end + number.end()
        return Citation(act_type=_TYPE_OF[kind.group("type").lower()],
                        issuer=issuer_to_nominative(issuer), adopted=date.iso,
                        number=number.group("number"), registration_number=None, title=None,
                        start=issuer_start, end=end, type_word=kind.group("type"),
                        type_start=type_start)
    return None


# An issuer's name ends with the body ("әкімдігі", "мәслихаты", "министрі") and before it has
# only place words: proper names and administrative words. Signatures and sentence words that a
# copy runs into it ("Құлмаханов облыс әкімі", "... байланысты облыс әкімі") are not the name.
_BODY_WORDS = re.compile(r"^(?:әкімдігі|әкімі|әкімдік|мәслихаты|мәслихат|үкіметі|министрі|"
                         r"министрлігі|басқармасы|басқарушысы|басшысы|төрағасы|банкі|агенттігі|"
                         r"комитеті|кабинеті|акимат|аким|маслихат|правительство|министр)$",
                         re.IGNORECASE)
_PLACE_WORDS = re.compile(r"^(?:облысы|облыс|облыстық|ауданы|аудан|аудандық|қаласы|қала|қалалық|"
                          r"ауылдық|округі|округ|ауылы|ауыл|кенті|Республикасы|Республикасының|"
                          r"атындағы|және|Іс|істер|ішкі|сыртқы|министрлер|области|района|"
                          r"города|Республики|Казахстан|районного|областного|городского)$",
                          re.IGNORECASE)
_LOCAL_BODY = re.compile(r"^(?:әкімдігі|әкімі|мәслихаты|мәслихат)$", re.IGNORECASE)
_SURNAME = re.compile(r"(?:ов|ев|ин|ова|ева|ина|ұлы|қызы)$")


def trim_issuer(name: str | None) -> str | None:
    """The body's own name at the end of ``name``: the last body word and the place words
    right before it."""
    if not name:
        return name
    words = name.split()
    # Only a local body's name is trimmed: a ministry's has common nouns of its own
    # ("Өнеркәсіп және құрылыс министрі"), and Russian puts the body first.
    last_body = max((i for i, w in enumerate(words) if _LOCAL_BODY.match(w)), default=None)
    if last_body is None:
        return name
    start = last_body
    while start > 0:
        word = words[start - 1]
        if _BODY_WORDS.match(word) or re.fullmatch(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\.", word):
            break
        capital = word[:1].isupper() and word[:1].isalpha()
        place = _PLACE_WORDS.match(word) or _PLACE_WORDS.match(re.sub(r"(?:ның|нің)$", "", word))
        # "Мөңке би ауылдық округі", "Райымбек батыр ауылы": a title after a person's name.
        honorific = not capital and start >= 2 and words[start - 2][:1].isupper() \
            and not _SURNAME.search(words[start - 2])
        if place or honorific or (capital and not (
                _SURNAME.search(word) and words[start:start + 1] != ["атындағы"])):
            start -= 1
            continue
        break
    return " ".join(words[start:last_body + 1])
