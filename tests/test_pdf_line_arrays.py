"""The PDF reader's lines and words worked out on arrays are the walk's.

``pdf.glyphs_to_lines`` groups a page's glyphs into lines and splits them into words on
arrays of the glyphs' fields (``_lines_on_arrays``) when there are enough of them; the
glyph-by-glyph walk (``_group_lines`` and ``_split_words``) is the definition it stands
in for. Checked on made-up glyphs (marked so: lines of mixed sizes, superscripts,
letter-spaced runs, drawn spaces, gaps of every width, glyphs out of order) and on every
page of chromium's prints of the seeds, tables included.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

import pytest

from shezhire.extract.readers import pdf
from shezhire.extract.readers.pdf import (
    _ARRAY_LINES_FROM,
    Glyph,
    GlyphColumns,
    Line,
    _Builder,
    _fields_of,
    _gap_in_hint_band,
    _group_lines,
    _lines_on_arrays,
    _page_to_glyphs,
    _page_to_raw,
    _split_words,
    glyphs_to_layout,
    glyphs_to_lines,
    pdf_to_pages,
)


def _walked(glyphs: list[Glyph]) -> list[Line]:
    return [Line(*_split_words(line)) for line in _group_lines(glyphs)]


def _made_up_glyphs(rng: random.Random) -> list[Glyph]:
    """Made up: a few lines of letters drawn left to right (sometimes out of order), of a
    few sizes, with superscripts, letter-spaced runs, words and drawn spaces."""
    glyphs: list[Glyph] = []
    y = 40.0
    for _ in range(rng.randrange(1, 12)):
        x = rng.uniform(20.0, 80.0)
        em = rng.choice([12.0, 12.0, 9.5, 14.0, 0.5])
        letter_gap = rng.choice([0.0, 0.0, 0.3, 2.5])
        for _ in range(rng.randrange(1, 60)):
            size = em if rng.random() > 0.1 else em * 0.6  # a superscript now and then
            raise_by = 0.0 if size == em else -em * 0.3
            width = rng.choice([5.0, 6.5, 7.25])
            bottom = y + em + raise_by + rng.choice([0.0, 0.0, 0.0, 0.5, 3.0])
            glyphs.append(Glyph(rng.choice("abcdeя1.,"), x, x + width, bottom - size, bottom,
                                size, len(glyphs), rng.random() < 0.15))
            x += width + letter_gap + rng.choice([0.0, 0.0, 0.0, 0.6, 1.2, 1.9, 3.0, 8.0,
                                                  -3.0])
        y += em * rng.choice([1.0, 1.2, 1.5, 0.4])
    if rng.random() < 0.3:
        rng.shuffle(glyphs)  # drawn out of order (a hyperlink painted last, say)
    return glyphs


@pytest.mark.parametrize("seed", range(60))
def test_lines_on_arrays_are_the_walks_on_made_up_glyphs(seed: int) -> None:
    glyphs = _made_up_glyphs(random.Random(seed))
    lines = _lines_on_arrays(glyphs, _fields_of(glyphs))
    assert lines is not None
    # repr: the same words of the same glyphs, and the same statistics to the last bit.
    walked = _walked(glyphs)
    assert repr(lines) == repr(walked)
    # What the text stage asks of a line, set from the arrays, is what the walk's gives.
    assert [_measures(line) for line in lines] == [_measures(line) for line in walked]
    assert repr(glyphs_to_lines(glyphs)) == repr(walked)


def test_made_up_lines_have_gaps_a_drawn_space_decides() -> None:
    # The made-up glyphs above do test the drawn-space band: some lines have such a gap.
    lines = [line for seed in range(60)
             for line in _walked(_made_up_glyphs(random.Random(seed)))]
    assert 0 < sum(map(_gap_in_hint_band, lines)) < len(lines)


def _measures(line: Line) -> tuple[object, ...]:
    """What the later stages read of a line: its glyphs and box, its text, what the text
    stage asks of its words, and the characters and offsets it writes."""
    # The answers first: a line made on arrays gives them without its glyphs.
    asked = (line.x0, line.x1, line.top, line.bottom, line.size, line.text,
             _gap_in_hint_band(line), line.word_count(), line.first_word_width(),
             line.word_gaps(), line.last_word_has_alnum(), line.ends_in_compound_hyphen())
    out = _Builder()
    out.insert("x")
    line.emit(out)
    return (*asked, out.chars, out.origins, line.glyphs)


def test_glyphs_the_arrays_cannot_order_are_left_to_the_walk() -> None:
    # Made up: a size that is no number, and a glyph whose bottom is above its top.
    glyphs = [Glyph("a", float(x), x + 5.0, 10.0, 22.0, 12.0, x) for x in range(0, 600, 6)]
    odd = [*glyphs, Glyph("b", 700.0, 705.0, 10.0, 22.0, math.nan, 200)]
    assert _lines_on_arrays(odd, _fields_of(odd)) is None
    assert repr(glyphs_to_lines(odd)) == repr(_walked(odd))
    upside_down = [*glyphs, Glyph("c", 700.0, 705.0, 22.0, 10.0, 12.0, 200)]
    assert _lines_on_arrays(upside_down, _fields_of(upside_down)) is None
    assert repr(glyphs_to_lines(upside_down)) == repr(_walked(upside_down))


def test_a_letter_spaced_word_is_one_word_on_arrays() -> None:
    # Made up: "ЗАҢ" letter-spaced (gaps of 3pt) between two ordinary words, and a second
    # line that brings the glyphs to the arrays' number.
    glyphs: list[Glyph] = []
    x = 10.0
    for text, gap in [("о", 0.0), ("о", 0.0), ("о", 0.0), ("р", 6.0), ("З", 3.0),
                      ("А", 3.0), ("Ң", 6.0), ("ы", 0.0), ("қ", 0.0)]:
        glyphs.append(Glyph(text, x, x + 6.0, 10.0, 22.0, 12.0, len(glyphs)))
        x += 6.0 + gap
    glyphs += [Glyph("х", float(x), x + 6.0, 40.0, 52.0, 12.0, 100 + x)
               for x in range(0, 360, 6)]
    assert len(glyphs) >= _ARRAY_LINES_FROM
    lines = glyphs_to_lines(glyphs)
    assert [line.text for line in lines] == ["ооор ЗАҢ ық", "х" * 60]
    assert repr(lines) == repr(_walked(glyphs))


def test_seed_pages_lines_and_tables_are_the_walks(seed_pdfs: dict[str, Path],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    tables = by_columns = 0
    for path in seed_pdfs.values():
        for page in pdf_to_pages(path.name, path.read_bytes()):
            # (fields None: a page the walk over char dicts read; its fields taken here)
            _, glyphs, fields = _page_to_raw(page.chars, 0)
            # As the reader reads the page: pdfium's pages as glyph columns, no Glyph made
            # but for a table's cells (and here for the words the check reads).
            _, source = _page_to_glyphs(page.chars, 0)
            by_columns += fields is not None and isinstance(source, GlyphColumns)
            tables += len(page.tables)
            on_arrays = glyphs_to_layout(glyphs, page, fields)
            on_columns = glyphs_to_layout(source, page)
            with monkeypatch.context() as patch:
                patch.setattr(pdf, "_ARRAY_LINES_FROM", sys.maxsize)  # the walk only
                walked = glyphs_to_layout(glyphs, page)
            for layout in (on_arrays, on_columns):
                assert repr(layout.lines) == repr(walked.lines)
                assert list(map(_measures, layout.lines)) == list(map(_measures, walked.lines))
                assert repr(layout.tables) == repr(walked.tables)
                assert [_measures(line) for table in layout.tables for row in table.rows
                        for cell in row for line in cell] == [
                    _measures(line) for table in walked.tables for row in table.rows
                    for cell in row for line in cell]
    assert tables  # ruled tables among the seed prints: their glyphs split on arrays too
    assert by_columns > 40  # most of chromium's pages are made into glyphs by the columns
