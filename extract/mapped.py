"""Text that remembers where each of its characters came from.

Readers and the cleaning step rewrite text (drop markup, rejoin lines, move a displaced
word back). ``MappedText`` keeps, for every character, its offset in the reader's source
text, so any span of the cleaned text can be traced back to the file.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from shezhire.extract.first_chars import literal_first_chars


def offsets(values: Iterable[int]) -> array[int]:
    """Source offsets as a compact array (4 bytes an offset, not a Python int each)."""
    return array("i", values)


def _numbers(values: Sequence[int]) -> np.ndarray:
    """``values`` as a numpy array of C ints: a view of an ``array('i')``, not a copy."""
    if isinstance(values, array) and values.typecode == "i":
        return np.frombuffer(values, dtype=np.intc) if len(values) else np.zeros(0, np.intc)
    return np.fromiter(values, dtype=np.intc, count=len(values))


def _from_numbers(values: np.ndarray) -> array[int]:
    out = offsets(())
    out.frombytes(values.astype(np.intc, copy=False).tobytes())
    return out


def fill_back(origins: Sequence[int | None], tail: int) -> array[int]:
    """Each ``None`` of ``origins`` (an inserted character) takes the next known offset after
    it, or ``tail`` when none follows: the readers' rule for inserted characters, in one
    vectorised pass instead of a Python step per character."""
    count = len(origins)
    if not count:
        return offsets(())
    values = np.array(origins, dtype=np.float64)  # None becomes NaN; offsets are exact
    at = np.where(np.isnan(values), count, np.arange(count))
    following = np.minimum.accumulate(at[::-1])[::-1]  # the next known one, or count
    return _from_numbers(np.append(values, float(tail))[following].astype(np.int64))


def compose(outer: Sequence[int], inner: Sequence[int], shift: int = 0) -> array[int]:
    """``outer[i] + shift`` for each ``i`` of ``inner``: two maps made one (text of a text),
    in one vectorised step instead of an offset at a time."""
    return _from_numbers(_numbers(outer)[_numbers(inner)] + shift)


def shifted(values: Sequence[int], shift: int) -> array[int]:
    """Each offset of ``values`` plus ``shift``."""
    return _from_numbers(_numbers(values) + shift)


@dataclass(frozen=True)
class MappedText:
    """``text`` plus ``origin[i]``: the source offset of ``text[i]``.

    Inserted characters (a space that joins two lines) take the offset of the character
    they replace or precede, so ``origin`` is defined for every character. ``origin`` is
    kept as an ``array('i')`` whatever sequence of ints it is given: a text of a million
    characters maps in 4 MB, not in the 36 MB a tuple of Python ints takes.
    """

    text: str
    origin: Sequence[int]

    def __post_init__(self) -> None:
        if not isinstance(self.origin, array):
            object.__setattr__(self, "origin", offsets(self.origin))

    @property
    def _origin(self) -> array[int]:
        return cast("array[int]", self.origin)

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, _from_numbers(np.arange(len(text), dtype=np.intc)))

    def __len__(self) -> int:
        return len(self.text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source offsets covering ``text[start:end]``."""
        if not self.origin or start >= end:
            at = self.origin[start] if start < len(self.origin) else (
                self.origin[-1] + 1 if self.origin else 0)
            return at, at
        covered = self.origin[start:end]
        return min(covered), max(covered) + 1

    def span_of_source(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and one past the last index of the characters whose source offset is
        in ``[start, end)``; None when there are none."""
        origin = _numbers(self.origin)
        hits = np.flatnonzero((origin >= start) & (origin < end))
        if not len(hits):
            return None
        return int(hits[0]), int(hits[-1]) + 1

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> MappedText:
        """Replace ``text[start:end]`` by a new string for each non-overlapping edit.

        New characters map to the first source offset of what they replace, or to the
        next character's origin when they are pure insertions.
        """
        pieces: list[str] = []
        origin = offsets(())
        pos = 0
        for start, end, new in sorted(edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                raise ValueError("overlapping edits")
            pieces.append(self.text[pos:start])
            origin.extend(self.origin[pos:start])
            anchor = self._anchor(start)
            if start < end and len(new) == end - start:
                origin.extend(self.origin[start:end])
            else:
                kept = _subsequence(new, self.text[start:end])
                if kept is not None:
                    origin.extend(self.origin[start + k] for k in kept)
                else:
                    origin.extend(offsets([anchor]) * len(new))
            pieces.append(new)
            pos = end
        pieces.append(self.text[pos:])
        origin.extend(self.origin[pos:])
        return MappedText("".join(pieces), origin)

    def move(self, start: int, end: int, to: int) -> MappedText:
        """Move ``text[start:end]`` so that it begins at offset ``to`` of the current text.

        Moved characters keep their own origins: the cleaned text still points at the
        place the source really printed them.
        """
        if start <= to <= end:
            return self
        chunk_text = self.text[start:end]
        chunk_origin = self._origin[start:end]
        rest_text = self.text[:start] + self.text[end:]
        rest_origin = self._origin[:start] + self._origin[end:]
        at = to if to < start else to - (end - start)
        return MappedText(
            rest_text[:at] + chunk_text + rest_text[at:],
            rest_origin[:at] + chunk_origin + rest_origin[at:],
        )

    def sub(self, pattern: re.Pattern[str], repl: str | Callable[[re.Match[str]], str],
            within: Iterable[tuple[int, int]] | None = None) -> MappedText:
        """``re.sub`` that keeps the map.

        ``within``: ordered, disjoint ``(start, end)`` stretches of the text that hold every
        match (the caller knows no match lies elsewhere, nor across a stretch's edge); the
        pattern is searched there only, as ``finditer(text, start, end)``.
        """
        firsts = literal_first_chars(pattern)
        if firsts is not None and not any(c in self.text for c in firsts):
            return self  # no character a match begins with: no match (a scan per character)
        edits = []
        # A replacement without a backslash has no group reference or escape: it is itself
        # (``expand`` would parse it again at every match).
        literal = repl if isinstance(repl, str) and "\\" not in repl else None
        stretches = ((0, len(self.text)),) if within is None else within
        for start, end in stretches:
            for m in pattern.finditer(self.text, start, end):
                new = literal if literal is not None else (
                    repl(m) if callable(repl) else m.expand(repl))
                if new != m.group(0):
                    edits.append((m.start(), m.end(), new))
        return self.edit(edits) if edits else self

    def _anchor(self, index: int) -> int:
        if index < len(self.origin):
            return self.origin[index]
        return self.origin[-1] + 1 if self.origin else 0


def _subsequence(new: str, old: str) -> list[int] | None:
    """Offsets in ``old`` of each character of ``new``, if ``new`` only drops characters.

    Collapsing "Т ұ т ы" or joining lines keeps every letter: each keeps its own origin.
    """
    if len(new) > len(old):
        return None
    out: list[int] = []
    j = 0
    for ch in new:
        while j < len(old) and old[j] != ch:
            j += 1
        if j == len(old):
            return None
        out.append(j)
        j += 1
    return out
