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
_RUSSIAN_ONLY = re.compile(r"[ЁёЫыЭэЪъ]|\b(?:Республики|Казахстан|области|района|город\w*)\b",
                           re.IGNORECASE)


@dataclass(frozen=True)
class _Table:
    bodies: tuple[tuple[str, re.Pattern[str]], ...]
    places: tuple[tuple[str, re.Pattern[str]], ...]
    national: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = json.loads(resources.files("shezhire.extract.data")
                      .joinpath("authorities.json").read_text("utf-8"))

    def compiled(entries: list[dict[str, object]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((str(e["kk"]), re.compile(r"\b(?:" + "|".join(e["ru"]) + r")",  # type: ignore[arg-type]
                                               re.IGNORECASE)) for e in entries)

    return _Table(compiled(data["local_bodies"]), compiled(data["places"]),
                  compiled(data["national"]))


@lru_cache(maxsize=1)
def kk_place_adjectives() -> dict[str, str]:
    """"облыстық" → "облысы": a place adjective and the place noun name one local body."""
    data = json.loads(resources.files("shezhire.extract.data")
                      .joinpath("authorities.json").read_text("utf-8"))
    return {k: str(v) for k, v in data["kk_place_adjectives"].items() if k != "comment"}


def looks_russian(name: str) -> bool:
    return bool(_RUSSIAN_ONLY.search(name)) and not re.search(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]", name)


def russian_to_kazakh(name: str) -> str | None:
    """The canonical Kazakh name of the body a Russian ``name`` names, if the table knows it."""
    name = " ".join(_ACTING_RU.sub(" ", name).split())
    table = _table()
    for kk, pattern in table.national:
        if pattern.search(name):
            return kk
    if _BELOW_PLACE_RU.search(name):
        return None
    body = next((kk for kk, pattern in table.bodies if pattern.search(name)), None)
    place = next((kk for kk, pattern in table.places if pattern.search(name)), None)
    if body is None or place is None:
        return None
    return f"{place} {body}"
