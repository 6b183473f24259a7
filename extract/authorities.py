"""One issuing authority, whatever the language: Russian names to the canonical Kazakh name.

An act's id is made from its issuer's Kazakh name (see :mod:`shezhire.extract.identity`). A
Russian text names the same body in Russian ("акимат Северо-Казахстанской области",
"Министр промышленности и строительства Республики Казахстан"); the table in
``data/authorities.json`` maps it to "Солтүстік Қазақстан облысы әкімдігі", "Қазақстан
Республикасы Өнеркәсіп және құрылыс министрі", so both texts get one id. A body the table
does not know (a district's akimat, a committee) keeps its Russian name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_ACTING_RU = re.compile(r"\b(?:и\.\s?о\.|исполняющ\w*\s+обязанност\w*|временно\s+)", re.IGNORECASE)
# A district or a village inside a place: the table names places, not their districts.
_BELOW_PLACE_RU = re.compile(r"\b(?:район\w*|сельск\w*|округ\w*|поселк\w*|аул\w*)\b", re.IGNORECASE)
# "РК" is the Russian abbreviation of the country (Kazakh writes "ҚР").
_RUSSIAN_ONLY = re.compile(r"[ЁёЫыЭэЪъ]|\b(?:Республики|Казахстан|област\w*|района|город\w*|"
                           r"(?i:маслихат\w*|аким\w*)|Правительств\w*|Министерств\w*|юстиции)\b"
                           r"|\bРК\b", re.IGNORECASE)
# "города Шымкент" after a district's name: the city the district lies in.
_CITY_WORD_RU = re.compile(r"(?<!\w)город\w*", re.IGNORECASE)
# A district, a village or a rural district in a Kazakh name: below the table's places.
_BELOW_PLACE_KK = re.compile(r"(?<!\w)(?:аудан\w*|ауыл\w*|кент\w*|селол\w*|округ\w*)", re.IGNORECASE)


_Entries = tuple[tuple[str, re.Pattern[str]], ...]


@dataclass(frozen=True)
class _Table:
    bodies: _Entries
    places: _Entries
    national: _Entries
    bodies_kk: _Entries
    body_words_ru: tuple[tuple[str, str], ...]
    places_kk: _Entries
    # Districts the table knows: Russian patterns and Kazakh forms, each keyed by the district.
    districts: _Entries
    districts_kk: _Entries
    # A place named by its kind only: (Kazakh kind, Kazakh forms, Russian "областной маслихат",
    # Russian "маслихат области").
    generic: tuple[tuple[str, str, str, str], ...]


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = json.loads(resources.files("shezhire.extract.data")
                      .joinpath("authorities.json").read_text("utf-8"))

    def compiled(entries: list[dict[str, object]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((str(e["kk"]), re.compile(r"\b(?:" + "|".join(e["ru"]) + r")",  # type: ignore[arg-type]
                                               re.IGNORECASE)) for e in entries)

    def alternatives(words: list[str]) -> str:
        return "|".join(words)

    bodies_kk = tuple((str(e["kk"]), re.compile(rf"(?<!\w)(?:{alternatives(e['kk_forms'])})",
                                                re.IGNORECASE)) for e in data["local_bodies"])
    # "Алматы облысы" is written "Алматы облыстық", "Алматы облысының": any ending on its
    # last word (its stem: the name less its possessive -ы/-і).
    places_kk = tuple((str(e["kk"]), re.compile(
        r"(?<!\w)" + _stem_pattern(str(e["kk"])) + r"\w*",
        re.IGNORECASE)) for e in data["places"])
    generic = tuple((str(e["kk"]), alternatives(e["kk_forms"]), alternatives(e["ru_before"]),
                     alternatives(e["ru_after"])) for e in data["generic_places"])
    districts_kk = tuple((str(e["kk"]), re.compile(
        r"(?<!\w)" + _stem_pattern(str(e["kk"])) + r"\w*", re.IGNORECASE))
        for e in data["districts"])
    return _Table(compiled(data["local_bodies"]), compiled(data["places"]),
                  compiled(data["national"]), bodies_kk,
                  tuple((str(e["kk"]), alternatives(e["ru"])) for e in data["local_bodies"]),
                  places_kk, compiled(data["districts"]), districts_kk, generic)


def _stem_pattern(name: str) -> str:
    """The name with its last word's possessive ending left open: "облыс(ы)", "қала(сы)"."""
    *first, last = name.split()
    stems = sorted({last[:-2] if last[-2:] in ("сы", "сі") else last, last[:-1]
                    if last[-1:] in "ыі" else last}, key=lambda s: (-len(s), s))
    return r"\s+".join([*map(re.escape, first), "(?:" + "|".join(map(re.escape, stems)) + ")"])


@lru_cache(maxsize=1)
def kk_place_adjectives() -> dict[str, str]:
    """"облыстық" → "облысы": a place adjective and the place noun name one local body."""
    data = json.loads(resources.files("shezhire.extract.data")
                      .joinpath("authorities.json").read_text("utf-8"))
    return {k: str(v) for k, v in data["kk_place_adjectives"].items() if k != "comment"}


def looks_russian(name: str) -> bool:
    return bool(_RUSSIAN_ONLY.search(name)) and not re.search(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", name)


def russian_to_kazakh(name: str, *, whole: bool = False) -> str | None:
    """The canonical Kazakh name of the body a Russian ``name`` names, if the table knows it.

    A local body is found among other words (a title's end read with it); with ``whole``, a
    place named by its kind only ("аким области") only where the name is nothing else. Two bodies (a joint act of the
    akimat and the maslikhat) are no one body: None.
    """
    name = " ".join(_ACTING_RU.sub(" ", name).split())
    table = _table()
    for kk, pattern in table.national:
        if pattern.search(name):
            return kk
    bodies = {kk for kk, pattern in table.bodies if pattern.search(name)}
    if _BELOW_PLACE_RU.search(name):
        # "акимат Аккайынского района": a district the table knows is keyed by its Kazakh name.
        district = _first_place(name, table.districts)
        if district is None or len(bodies) != 1 or (whole and _leftover(
                name, [p for _, p in table.bodies] + [p for _, p in table.districts]
                + [p for _, p in table.places] + [_CITY_WORD_RU])):
            return None
        return f"{district} {bodies.pop()}"
    if len(bodies) != 1:
        return None
    body = bodies.pop()
    place = _first_place(name, table.places)
    if place is not None:
        return f"{place} {body}"
    if whole and _leftover(name, [p for _, p in table.bodies] + [
            re.compile(f"(?i)(?<!\\w)(?:{g[2]}|{g[3]})") for g in table.generic]):
        return None
    return _generic_russian(name, table)


def _leftover(name: str, patterns: list[re.Pattern[str]]) -> str:
    """What of ``name`` no pattern names (each match taken to its word's end)."""
    for pattern in patterns:
        name = re.sub(pattern.pattern + r"\w*", " ", name, flags=pattern.flags)
    return name.strip(" .,-")


def _first_place(name: str, places: _Entries) -> str | None:
    """The place named first: the body's own ("маслихат города Шымкент Южно-Казахстанской
    области" is the city's, though the city lay in the oblast then)."""
    found = [(m.start(), kk) for kk, pattern in places if (m := pattern.search(name))]
    return min(found)[1] if found else None


def generic_body(name: str) -> str | None:
    """``name``'s canonical form when it names a place by its kind only ("облыс әкімі")."""
    canonical = russian_to_kazakh(name) if looks_russian(name) else kazakh_canonical(name)
    if canonical and canonical.split()[0] in {kind for kind, *_ in _table().generic}:
        return canonical
    return None


@lru_cache(maxsize=1)
def completed_kinds() -> frozenset[str]:
    """Bodies ("мәслихаты") whose kind-only name the acts they repeal or change complete."""
    data = json.loads(resources.files("shezhire.extract.data")
                      .joinpath("authorities.json").read_text("utf-8"))
    return frozenset(str(k) for k in data["completed_kinds"])


def completes(generic: str, full: str) -> bool:
    """Whether the body ``full`` names is one the place-kind name ``generic`` may stand for:
    "облыс әкімі" for "Алматы облысы әкімі", never for "Алматы облысы әкімдігі"."""
    short = generic_body(generic)
    whole = russian_to_kazakh(full) if looks_russian(full) else kazakh_canonical(full)
    if short is None or whole is None or whole == short:
        return False
    kind, body = short.split(maxsplit=1)
    return whole.endswith(" " + body) and whole.split()[-2].startswith(kind)


def _generic_russian(name: str, table: _Table) -> str | None:
    """"аким области", "городской маслихат": the body of a place named by its kind only."""
    for kind, _kk, before, after in table.generic:
        for body, words in table.body_words_ru:
            if re.fullmatch(rf"(?:{before})\s+(?:{words})", name, re.IGNORECASE) or \
                    re.search(rf"(?<!\w)(?:{words})\s+(?:{after})$", name, re.IGNORECASE):
                return f"{kind} {body}"
    return None


def kazakh_canonical(name: str, *, whole: bool = False) -> str | None:
    """The canonical name of the local body a Kazakh ``name`` names, if the table knows it.

    "Алматы облыстық мәслихаты", "Алматы облысының мәслихаты" and a signature block ending
    in it all give "Алматы облысы мәслихаты"; "облыс әкімі" (a place named by its kind only)
    gives "облыс әкімі". A district's or a village's body, or a body the table does not
    know, gives None: its name is keyed as written.
    """
    table = _table()
    # The head noun comes last in Kazakh: the last body word named is the issuer.
    found = [(m.start(), kk) for kk, pattern in table.bodies_kk for m in pattern.finditer(name)]
    if _BELOW_PLACE_KK.search(name):
        # "Солтүстік Қазақстан облысы Есіл ауданының әкімдігі": a district the table knows is
        # keyed by its own name, whatever oblast or city is named with it.
        district = _first_place(name, table.districts_kk)
        if district is None or len({kk for _, kk in found}) != 1 or (whole and _leftover(
                name, [p for _, p in table.bodies_kk] + [p for _, p in table.districts_kk]
                + [p for _, p in table.places_kk])):
            return None
        return f"{district} {max(found)[1]}"
    if len({kk for _, kk in found}) != 1:
        return None  # no body, or two (a joint act of the akimat and the maslikhat)
    body = max(found)[1]
    if whole and _leftover(name, [p for _, p in table.bodies_kk] + [p for _, p in table.places_kk]
                           + [re.compile(f"(?i)(?<!\\w)(?:{g[1]})(?!\\w)") for g in table.generic]):
        return None
    place = _first_place(name, table.places_kk)
    if place is not None:
        return f"{place} {body}"
    words = name.split()
    for kind, forms, _before, _after in table.generic:
        # "облыс әкімі": the kind, then the body; nothing names the place.
        if len(words) == 2 and re.fullmatch(forms, words[0], re.IGNORECASE):
            return f"{kind} {body}"
    return None
