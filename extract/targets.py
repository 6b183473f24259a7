"""The part an amendment changes, as provision ids of the changed act.

Targets are read as the text names them ("2-тармақтың 5) тармақшасы", "9 және
10-тармақтар", "14-тармақтың 1) және 2)-тармақшалары", "1-қосымша", "3-бап") and matched to
ids by their numbering only, whatever document or chapter holds them ("rules/p-2/sp-5").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_NUMBERS = r"\d+(?:-\d+)*"
_LIST = rf"({_NUMBERS}\)?(?:\s*(?:,|және|мен)\s*{_NUMBERS}\)?)*)"
_POINTS = re.compile(rf"{_LIST}\s*-?\s*тарма[қғ](?!ша)", re.IGNORECASE)
_SUBPOINTS = re.compile(rf"{_LIST}\s*-?\s*тармақша", re.IGNORECASE)
_APPENDICES = re.compile(rf"{_LIST}\s*-?\s*қосымша", re.IGNORECASE)
_ARTICLES = re.compile(rf"{_LIST}\s*-?\s*ба[пб]", re.IGNORECASE)


def _numbers(listed: str) -> list[str]:
    return re.findall(_NUMBERS, listed)


def target_to_provision_ids(target: str | None, ids: Iterable[str]) -> list[str]:
    """Ids of the provisions ``target`` names, among ``ids`` (empty when none match)."""
    if not target:
        return []
    known = sorted(ids)
    points = [n for m in _POINTS.finditer(target) for n in _numbers(m.group(1))]
    subpoints = [n for m in _SUBPOINTS.finditer(target) for n in _numbers(m.group(1))]
    wanted: list[str] = []
    if points and subpoints:
        wanted = [f"p-{points[-1]}/sp-{s}" for s in subpoints]
    elif points:
        wanted = [f"p-{p}" for p in points]
    wanted += [f"app-{n}" for m in _APPENDICES.finditer(target) for n in _numbers(m.group(1))]
    wanted += [f"art-{n}" for m in _ARTICLES.finditer(target) for n in _numbers(m.group(1))]
    found: list[str] = []
    for tail in wanted:
        found += [i for i in known if (i == tail or i.endswith("/" + tail)) and i not in found]
    return found
