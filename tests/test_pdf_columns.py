"""The PDF fast path's column work gives what the one-char-at-a-time walks give.

pdfium's chars are read by ``map`` into buffers and worked out as arrays
(``pdf_fast._chars``), twins and raw text found on the columns (``pdf._dedupe_columns``,
``pdf._columns_to_raw``). Each is checked against the walk it stands in for: the walk
over pdfium's chars one by one (kept here as the definition), and the reader's own walks
over char dicts. Pages: a made-up PDF (``hostile_shapes.many_pages_pdf``), chromium's
prints of the seeds (ligatures in the footer's URL, pdfium's marks for hyphens ending a
line), and made-up columns (marked so).
"""

from __future__ import annotations

import gc
import math
import random
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pytest
from hostile_shapes import many_pages_pdf

from shezhire.extract.errors import SourceError
from shezhire.extract.readers.pdf import (
    _columns_to_raw,
    _dedupe,
    _dedupe_columns,
    page_to_raw,
    read_pdf,
)
from shezhire.extract.readers.pdf_fast import (
    CharColumns,
    _chars,
    _page_objects,
    pdfium_pages,
)
from shezhire.extract.readers.pdfium_cffi import ffi, handle, lib

_SPACES = frozenset(map(ord, " \t\r\n\u00a0"))
_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ"}
_SPELLED = str.maketrans({ligature: letters for letters, ligature in _LIGATURES.items()})
_LIGATURE_STARTS = frozenset(k[:n] for k in _LIGATURES for n in range(1, len(k)))


def _chars_one_by_one(text_page: Any, height: float) -> list[dict[str, Any]] | None:
    """The page's chars as the fast path read them before its column work: every fact of
    every char asked and used in turn (its definition)."""
    count = lib.FPDFText_CountChars(text_page)
    if count <= 0:
        return []
    buffer = ffi.new("unsigned short[]", count + 1)
    lib.FPDFText_GetText(text_page, 0, count, buffer)
    units = list(buffer)[:count]
    xy = ffi.new("double[2]")
    matrix = ffi.new("float[6]")
    out = ffi.new("float[2]")
    chars: list[dict[str, Any]] = []
    last_x = last_y = math.nan
    low_half = False

    def metrics(font: Any, text: str, size: float) -> tuple[float, float] | None:
        if (len(text) == 1 and lib.FPDFFont_GetGlyphWidth(font, ord(text), size, out)
                and lib.FPDFFont_GetDescent(font, size, out + 1)):
            return out[0], out[1]
        return None

    for at, unit in enumerate(units):
        if low_half:
            low_half = False
            continue
        if unit in _SPACES and lib.FPDFText_IsGenerated(text_page, at):
            continue
        if 0xD800 <= unit < 0xDC00 and at + 1 < count and 0xDC00 <= units[at + 1] < 0xE000:
            text = chr(0x10000 + ((unit - 0xD800) << 10) + (units[at + 1] - 0xDC00))
            low_half = True
        else:
            text = chr(unit)
        if unit == 0xFFFE and lib.FPDFText_GetUnicode(text_page, at) == 0x02:
            text = "-"
        elif unit in (0, 0xFFFE, 0xFFFF) or lib.FPDFText_HasUnicodeMapError(text_page, at) == 1:
            return None
        if not (lib.FPDFText_GetCharOrigin(text_page, at, xy, xy + 1)
                and lib.FPDFText_GetMatrix(text_page, at, matrix)):
            return None
        a, b, c, d = matrix[0], matrix[1], matrix[2], matrix[3]
        if b or c or a <= 0 or d <= 0:
            return None
        x, y = xy[0], xy[1]
        joins = x == last_x and y == last_y and chars
        last_x, last_y = x, y
        tf_size = lib.FPDFText_GetFontSize(text_page, at)
        font = lib.FPDFTextObj_GetFont(lib.FPDFText_GetTextObject(text_page, at))
        if not font:
            return None
        if joins:
            letters = str(chars[-1]["text"]).translate(_SPELLED) + text
            ligature = _LIGATURES.get(letters)
            if ligature is None:
                if letters in _LIGATURE_STARTS:
                    chars[-1]["text"] = letters
                    continue
                return None
            found = metrics(font, ligature, tf_size)
            if found is None:
                return None
            chars[-1].update(text=ligature, x1=chars[-1]["x0"] + found[0] * a)
            continue
        found = metrics(font, text, tf_size)
        if found is None:
            return None
        width, descent = found
        size = tf_size * d
        bottom = height - (y + descent * d)
        chars.append({"text": text, "x0": x, "x1": x + width * a,
                      "top": bottom - size, "bottom": bottom, "size": size, "upright": True})
    return chars


def _pages_read_both_ways(data: bytes) -> list[tuple[CharColumns | None, Any]]:
    """Each page's chars by the column work and by the walk."""
    read = []
    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            height = page.get_size()[1]
            read.append((_chars(handle(textpage.raw), height),
                         _chars_one_by_one(handle(textpage.raw), height)))
            textpage.close()
            page.close()
    finally:
        document.close()
    return read


def _same_chars(columns: CharColumns | None, walked: list[dict[str, Any]] | None) -> None:
    assert (columns is None) == (walked is None)
    if columns is not None:
        # repr: the same floats to the last bit, and the same keys in the same order.
        assert repr(columns.dicts()) == repr(walked)
        # Each char's code point, -1 for a text of several letters.
        assert columns.codes is not None
        assert columns.codes.tolist() == _codes_of(columns.text)


def _codes_of(texts: list[str]) -> list[int]:
    return [ord(text) if len(text) == 1 else -1 for text in texts]


def _same_raw(columns: CharColumns, offset: int) -> None:
    """The raw text and glyphs from the columns are the dict walk's."""
    assert repr(page_to_raw(columns, offset)) == repr(page_to_raw(columns.dicts(), offset))


def test_made_up_pages_read_as_the_walk_reads_them() -> None:
    pages = _pages_read_both_ways(many_pages_pdf(3))
    assert len(pages) == 3
    for columns, walked in pages:
        assert walked  # the made-up text is plain: pdfium reads it
        _same_chars(columns, walked)
        assert columns is not None
        _same_raw(columns, 0)
        _same_raw(columns, 17)


@pytest.mark.parametrize("name", ["mic-order-2026-130-amendments.pdf",
                                  "wko-akimat-decree-2014-111-reglament.pdf"])
def test_seed_prints_read_as_the_walk_reads_them(seed_pdfs: dict[str, Path],
                                                name: str) -> None:
    by_pdf = {path.name: path for path in seed_pdfs.values()}
    data = by_pdf[name].read_bytes()
    pages = _pages_read_both_ways(data)
    texts = ""
    for columns, walked in pages:
        _same_chars(columns, walked)
        assert columns is not None
        texts += "".join(columns.text)
        _same_raw(columns, 5)
        _same_raw(_dedupe_columns(columns), 0)
    assert "ﬁ" in texts  # a ligature, joined from the letters pdfium spells it with
    fast = pdfium_pages(data)
    assert fast is not None and all(page is not None for page in fast[1])


def _made_up_columns(rng: random.Random) -> CharColumns:
    """Made up: letters (a ligature among them) on a few lines, drawn left to right with
    gaps of every width, some stepping back or down, a few of odd sizes (tiny, NaN)."""
    texts: list[str] = []
    x0: list[float] = []
    top: list[float] = []
    size: list[float] = []
    x, y = 10.0, 50.0
    for _ in range(rng.randrange(1, 80)):
        em = rng.choice([12.0, 12.0, 9.5, 0.4, math.nan])
        if rng.random() < 0.1:
            x, y = rng.uniform(0, 300), y + rng.choice([0.0, 2.0, 14.0])
        texts.append(rng.choice("abcﬁﬂ.-"))
        x0.append(x)
        top.append(y + rng.choice([0.0, 0.0, 1.0, 5.0]))
        size.append(em)
        x += rng.choice([6.0, 6.5, 7.9, 8.0, 9.0, 20.0])
    x0_array = np.array(x0)
    top_array = np.array(top)
    size_array = np.array(size)
    spaced = np.array([rng.random() < 0.2 for _ in texts], dtype=bool)
    return CharColumns(texts, x0_array, x0_array + 6.0, top_array, top_array + 12.0,
                       size_array, spaced)


@pytest.mark.parametrize("seed", range(30))
def test_raw_text_and_twins_from_made_up_columns_are_the_walks(seed: int) -> None:
    columns = _made_up_columns(random.Random(seed))
    _same_raw(columns, seed)
    deduped = _dedupe_columns(columns)
    assert repr(deduped.dicts()) == repr(_dedupe(columns.dicts()))
    # The same with the chars' code points known (as pdfium's chars come): the raw text's
    # checks, its ligatures and the twins' text numbers are taken from them.
    coded = CharColumns(*(getattr(columns, name) for name in (
        "text", "x0", "x1", "top", "bottom", "size", "space_after")),
        np.array(_codes_of(columns.text), dtype=np.int64))
    _same_raw(coded, seed)
    assert repr(_dedupe_columns(coded).dicts()) == repr(_dedupe(columns.dicts()))


def test_a_text_of_several_letters_or_a_space_leaves_the_page_to_the_walk() -> None:
    # Made up: a char of two letters (a ligature's start pdfium spells, "ff" before an
    # "i"), then a space drawn as a char of its own.
    for texts in (["a", "ff", "b"], ["a", " ", "b"]):
        x0 = np.array([0.0, 6.0, 12.0])
        coded = CharColumns(texts, x0, x0 + 6.0, np.zeros(3), np.full(3, 12.0),
                            np.full(3, 12.0), np.zeros(3, dtype=bool),
                            np.array(_codes_of(texts), dtype=np.int64))
        assert _columns_to_raw(coded, 0) is None
        _same_raw(coded, 0)


def test_the_objects_walk_finds_the_same_rules_knowing_the_chars_text_objects(
        seed_pdfs: dict[str, Path]) -> None:
    rules = 0
    for path in seed_pdfs.values():
        document = pdfium.PdfDocument(path.read_bytes())
        try:
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                known: set[Any] = set()
                assert _chars(handle(textpage.raw), page.get_size()[1], known) is not None
                assert known
                asked = _page_objects(handle(page.raw), texts=False)
                told = _page_objects(handle(page.raw), texts=False, known=known)
                assert asked is not None and told is not None
                assert told[1] == asked[1]  # the same path objects, in the same order
                rules += len(told[1])
                textpage.close()
                page.close()
        finally:
            document.close()
    assert rules  # the seed prints' tables are ruled


def test_a_page_with_a_drawn_space_char_is_read_by_the_walk() -> None:
    # Made up: "ab c" with the space as a char of its own (pdfium keeps such a space when
    # it is drawn inside a run of text): the column work leaves that page to the walk.
    columns = CharColumns(["a", "b", " ", "c"], np.array([0.0, 6.0, 12.0, 15.0]),
                          np.array([6.0, 12.0, 15.0, 21.0]), np.zeros(4), np.full(4, 12.0),
                          np.full(4, 12.0), np.zeros(4, dtype=bool))
    raw, glyphs = page_to_raw(columns, 0)
    assert raw == "ab c\n"
    assert [g.text for g in glyphs] == ["a", "b", "c"]
    assert glyphs[1].space_after



def test_the_cycle_collector_is_left_as_it_was_found(tmp_path: Path) -> None:
    """The reader pauses Python's cycle collector while it reads: running again after a
    read and after a refused file, still off when the caller had turned it off."""
    good = tmp_path / "pages.pdf"
    good.write_bytes(many_pages_pdf(2))
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(many_pages_pdf(2)[:-40])  # made up: the end of the file lost
    was = gc.isenabled()
    try:
        gc.enable()
        assert "Page 2" in read_pdf(good).text.text
        assert gc.isenabled()
        with pytest.raises(SourceError):
            read_pdf(cut)
        assert gc.isenabled()
        gc.disable()
        read_pdf(good)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
