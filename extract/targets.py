"""The part an amendment changes, as provision ids of the changed act.

Targets are read as the text names them ("2-тармақтың 5) тармақшасы", "9 және
10-тармақтар", "14-тармақтың 1) және 2)-тармақшалары", "1-қосымша", "3-бап") and matched to
ids by their numbering only, whatever document or chapter holds them ("rules/p-2/sp-5").
The part words come from the lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from shezhire.extract.lexicon import from_lexicon, lexicon, words_regex

_NUMBERS = r"\d+(?:-\d+)*"


@from_lexicon
def _parts() -> dict[str, re.Pattern[str]]:
    """Each numbered part word after a list of numbers ("9 және 10-тармақтар"), by the
    part word's key: "point", "subpoint", "appendix", "article"."""
    lx = lexicon("kk")
    joins = words_regex(w for key in ("and", "with") for w in lx.words(f"conjunctions.{key}"))
    listed = rf"({_NUMBERS}\)?(?:\s*(?:,|{joins})\s*{_NUMBERS}\)?)*)"
    parts: dict[str, re.Pattern[str]] = {}
    for noun in lx.part_words:
        # "тармақ" is not the start of "тармақша": a longer part word it begins.
        longer = [other.stem[len(noun.stem):] for other in lx.part_words
                  if other.stem != noun.stem and other.stem.startswith(noun.stem)]
        not_longer = f"(?!{words_regex(longer)})" if longer else ""
        parts[noun.key] = re.compile(rf"{listed}\s*-?\s*{noun.stems_regex()}{not_longer}",
                                     re.IGNORECASE)
    return parts


def _numbers(listed: str) -> list[str]:
    return re.findall(_NUMBERS, listed)


def target_to_provision_ids(target: str | None, ids: Iterable[str]) -> list[str]:
    """Ids of the provisions ``target`` names, among ``ids`` (empty when none match)."""
    if not target:
        return []
    known = sorted(ids)
    parts = _parts()

    def numbers(key: str) -> list[str]:
        return [n for m in parts[key].finditer(target) for n in _numbers(m.group(1))]

    points, subpoints = numbers("point"), numbers("subpoint")
    wanted: list[str] = []
    if points and subpoints:
        wanted = [f"p-{points[-1]}/sp-{s}" for s in subpoints]
    elif points:
        wanted = [f"p-{p}" for p in points]
    wanted += [f"app-{n}" for n in numbers("appendix")]
    wanted += [f"art-{n}" for n in numbers("article")]
    found: list[str] = []
    for tail in wanted:
        found += [i for i in known if (i == tail or i.endswith("/" + tail)) and i not in found]
    return found
