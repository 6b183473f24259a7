"""Who issued an act, in the nominative, and the act's stable id.

An act's id depends only on what identifies it in law: issuing body, type, date of adoption
and number. The issuer is reduced to a canonical key first, so that the ways texts name the
same body ("ҚР Өнеркәсіп және құрылыс министрінің м.а.", "Қазақстан Республикасы Өнеркәсіп
және құрылыс министрінің", "Солтүстік Қазақстан облысының әкімдігі") meet in one id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from shezhire.extract.authorities import (
    completes,
    kazakh_canonical,
    kk_place_adjectives,
    looks_russian,
    russian_to_kazakh,
)
from shezhire.extract.lexicon import from_lexicon, lexicon, lexicons, words_regex
from shezhire.extract.models import ActType


@dataclass(frozen=True)
class _Names:
    """How issuers are named, from the lexicon."""

    acting: re.Pattern[str]
    abbreviations: dict[str, str]
    national_heads: frozenset[str]
    country: str
    countries: tuple[str, ...]  # the country's name and its former names
    genitives: tuple[tuple[str, str], ...]  # (ending, what replaces it)
    vowels: str


@from_lexicon
def _names() -> _Names:
    lx = lexicon("kk")
    morphology = lx.morphology
    possessives = [p for p in lx.endings("possessive") if len(p) == 1]
    genitives = lx.endings("genitive", possessed=True)
    return _Names(
        # "м.а." and "міндетін атқарушы" name an acting minister: the same issuing authority.
        acting=re.compile(rf"\s+(?:{words_regex(lx.words('acting.abbreviations'))}"
                          rf"|{lx.pattern('acting.phrases')})\s*$"),
        abbreviations={x.word("country.abbreviation"): x.word("country.name") for x in lexicons()},
        # Bodies whose name, in the database, starts with the country ("Қазақстан
        # Республикасы Денсаулық сақтау министрі"); texts often leave the country out.
        national_heads=frozenset(n.nominative for n in lx.issuer_kinds if n.national),
        country=lx.word("country.name"),
        # "Қазақ КСР Жоғарғы Кеңесі" (1991): a body of the republic under its former name is
        # already named with its country.
        countries=(lx.word("country.name"), *lx.words("country.former_names")),
        genitives=(*((p + g, p) for g in genitives for p in possessives
                     if morphology is not None and morphology.harmony(p) == morphology.harmony(g)),
                   *((g, "") for g in genitives)),
        vowels=lx.letters.vowels,
    )


_TRANSLIT = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "",
    "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
})


def issuer_to_nominative(issuer: str, *, every_word: bool = False) -> str:
    """The issuing body as a name in the nominative.

    Kazakh marks the genitive of a possessed noun with -ның/-нің after its -ы/-і
    ("әкімдігінің" → "әкімдігі"); the head noun comes last, so only its case is changed
    ("Қаржы министрлігінің … комитеті төрағасы" keeps its inner genitive). With
    ``every_word`` the inner genitives go too ("облысының әкімдігі" → "облысы әкімдігі"):
    that is the form two spellings of one body share, for identity.
    """
    names = _names()
    words = issuer.split()
    expanded: list[str] = []
    for word in words:
        expanded.extend(names.abbreviations.get(word, word).split())
    text = " ".join(expanded)
    text = names.acting.sub("", text)
    words = text.split()
    if every_word:
        words = [_word_to_nominative(w) for w in words]
    elif words:
        words[-1] = _word_to_nominative(words[-1])
    name = " ".join(words)
    if name.split()[-1:] and name.split()[-1] in names.national_heads \
            and not name.startswith(names.countries):
        name = f"{names.country} {name}"
    return name


def _word_to_nominative(word: str) -> str:
    names = _names()
    for genitive, nominative in names.genitives:
        if word.endswith(genitive) and len(word) > len(genitive) + 2:
            stem = word[: -len(genitive)] + nominative
            # "Республикасының" → "Республикасы", but "Астананың" keeps its own vowel.
            if not nominative and stem[-1:].lower() not in names.vowels:
                continue
            return stem
    return word


def issuer_key(issuer: str | None, *, whole: bool = False) -> str:
    """A key two spellings of one body share: nominative, lowercase, single spaces.

    A local body's name is found among other words (a signature block read with it) unless
    ``whole``: then a name with more words than the body's keeps them (for judging a reading
    of the issuer field rather than the act's identity).
    """
    if not issuer:
        return "unknown-issuer"
    if looks_russian(issuer):
        # One body, one key in any language: the Russian name is keyed by its Kazakh name.
        issuer = russian_to_kazakh(issuer, whole=whole) or issuer
    else:
        # "Алматы облыстық мәслихаты" and "Алматы облысының мәслихаты": one body.
        issuer = kazakh_canonical(issuer, whole=whole) or issuer
    name = issuer_to_nominative(issuer, every_word=True).lower().replace("ё", "е")
    adjectives = kk_place_adjectives()
    name = " ".join(adjectives.get(w, w) for w in re.sub(r"[^\w]+", " ", name).split())
    return name.strip()


def slug(text: str) -> str:
    latin = text.lower().translate(_TRANSLIT)
    return re.sub(r"[^a-z0-9]+", "-", latin).strip("-") or "x"


def act_id(act_type: ActType | None, issuer: str | None, adopted: str | None,
           number: str | None) -> str:
    """``2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi``: readable and stable.

    Unknown parts are written as such ("undated", "no-number") so that an act that is only
    referenced still gets an id, and keeps it when its text is added.
    """
    return "_".join([
        adopted or "undated",
        act_type or "other",
        _bounded(slug(number), _NUMBER_SLUG_CHARS) if number else "no-number",
        _bounded(slug(issuer_key(issuer)), _ISSUER_SLUG_CHARS),
    ])


# An id names files (records/ID.json, the guide's acts/ID/ folder), and a file name holds at
# most 255 bytes: a part longer than these (an act "numbered" with 200 digits) is cut and
# keeps a hash of the whole, so ids stay distinct and stable.
_NUMBER_SLUG_CHARS = 40
_ISSUER_SLUG_CHARS = 120


def _bounded(part: str, limit: int) -> str:
    if len(part) <= limit:
        return part
    digest = hashlib.sha256(part.encode()).hexdigest()[:12]
    return f"{part[:limit - 13].rstrip('-')}-{digest}"


def title_key(title: str) -> str:
    """What tells apart acts known only by their title (a law cited without date or number)."""
    return slug(title)[:60].strip("-") or "untitled"


def complete_kind_only_refs(record: dict[str, Any]) -> None:
    """Acts the record cites by a body named by its place's kind only ("Облыс Әкімінің
    2001 жылғы 3 сәуірдегі № 4-81 шешімі" in a decision of the Almaty oblast's akim) are the
    acts of the record's own body: their issuer and id follow it, with a finding.

    Only where the record's issuer is that very body in a named place (the body word and the
    place's kind agree); otherwise the reference keeps its kind-only key.
    """
    own = record.get("issuer")
    if not own:
        return
    refs = [ref for key in ("repealed_by", "repeals", "references") for ref in record[key]]
    refs += [am["act"] for key in ("amended_by", "amends") for am in record[key]]
    for ref in refs:
        named = ref.get("issuer")
        if named and completes(named, own):
            ref["issuer"] = own
            ref["id"] = act_id(ref.get("act_type"), own, ref.get("adopted"), ref.get("number"))
            record["findings"].append({
                "kind": "issuer_from_context",
                "message": f"the act cited as {named!r} № {ref.get('number')} is read as an act "
                           f"of this act's own issuer, {own!r}",
                "evidence": ref.get("evidence")})
