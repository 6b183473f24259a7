"""The guide's language: Kazakh (``kk``, the site root) or Russian (``ru``, the ``ru/`` tree).

The page generators write their words in Kazakh; :func:`t` gives the Russian of a Kazakh
phrase while a Russian tree is written (:func:`language`), from the table in
:mod:`shezhire.guide.ru`. A phrase the table lacks stops the build (:class:`KeyError`), so no
Kazakh is left on a Russian page unnoticed. The code tables of :mod:`shezhire.guide.labels`
are :class:`Localized`: one mapping per language, read in the current one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from typing import TypeVar

LANGUAGES = ("kk", "ru")
# Where each language's tree lives under the site root, and the way back to the root
# (where the data files are published once: records, graph, rules, schemas).
TREE = {"kk": "", "ru": "ru/"}
TO_ROOT = {"kk": "", "ru": "../"}

_CURRENT: ContextVar[str] = ContextVar("shezhire_guide_language", default="kk")

K = TypeVar("K")


def lang() -> str:
    """The language the guide is being written in."""
    return _CURRENT.get()


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    """Write the guide in ``code`` ("kk" or "ru") inside the block."""
    if code not in LANGUAGES:
        raise ValueError(f"no guide language {code!r}")
    token = _CURRENT.set(code)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def t(kazakh: str) -> str:
    """``kazakh`` in the current language (placeholders such as ``{date}`` kept)."""
    if lang() == "kk":
        return kazakh
    from shezhire.guide.ru import RU

    return RU[kazakh]


def data_root() -> str:
    """From the current tree's root to the site root, where the data files are."""
    return TO_ROOT[lang()]


class Localized(Mapping[K, str]):
    """A code table with a mapping per language; lookups read the current language's."""

    def __init__(self, kk: Mapping[K, str], ru: Mapping[K, str]) -> None:
        if set(kk) != set(ru):
            raise ValueError(f"the Russian table's codes differ: {set(kk) ^ set(ru)}")
        self._tables = {"kk": dict(kk), "ru": dict(ru)}

    def _table(self) -> dict[K, str]:
        return self._tables[lang()]

    def __getitem__(self, key: K) -> str:
        return self._table()[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())
