"""The PDF fast path (pdfium) gives what the pdfplumber path gives, on chromium's prints of
the seed acts (letter-spaced title, hyperlinked words painted out of order, running header
and footer, ligatures in the footer's URL, ruled tables across pages, hyphens ending a line,
drawn spaces)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hostile_shapes import many_pages_pdf

from shezhire.extract.outputs import record_to_json
from shezhire.extract.readers import pdf_fast, pdfium_cffi
from shezhire.extract.readers.pdf import (
    SPACE_HINT_EM,
    WORD_GAP_EM,
    PageData,
    _dedupe,
    _needs_drawn_spaces,
    _page_data,
    glyphs_to_layout,
    page_to_raw,
    pdf_to_pages,
    read_pdf,
)
from shezhire.extract.readers.pdf_fast import pdfium_drawn_spaces, pdfium_pages
from shezhire.extract.record import source_to_record

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".md"})
DAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize("name", SEEDS)
def test_both_paths_give_the_same_text_and_record(seed_pdfs: dict[str, Path], name: str) -> None:
    fast = read_pdf(seed_pdfs[name])
    plumber = read_pdf(seed_pdfs[name], fast=False)
    assert fast.text.text == plumber.text.text
    assert record_to_json(source_to_record(fast, DAY)) == record_to_json(
        source_to_record(plumber, DAY))


@pytest.mark.parametrize("name", SEEDS)
def test_pdfium_reads_every_page_with_pdfplumber_s_chars_tables_and_spaces(
        seed_pdfs: dict[str, Path], name: str) -> None:
    data = seed_pdfs[name].read_bytes()
    pages = pdf_to_pages(name, data)
    count, fast_pages = pdfium_pages(data) or (0, [])
    assert count == len(pages)
    # chromium's prints need nothing of pdfplumber: ruled pages too are read by pdfium.
    assert all(page.by_pdfium for page in pages)
    with pdfplumber.open(seed_pdfs[name]) as pdf:
        plumber_pages = [_page_data(page) for page in pdf.pages]
        if name == "mic-order-2026-130-amendments.txt":
            assert any(p.tables for p in plumber_pages) and not all(p.tables for p in plumber_pages)
        for number, (fast_page, mine, theirs, page) in enumerate(
                zip(fast_pages, pages, plumber_pages, pdf.pages, strict=True)):
            assert fast_page is not None
            # The same tables from pdfium's rules as from pdfminer's: cell for cell.
            assert len(mine.tables) == len(theirs.tables)
            for table, other in zip(mine.tables, theirs.tables, strict=True):
                assert [[c is None for c in row] for row in table] == \
                    [[c is None for c in row] for row in other]
                for row, other_row in zip(table, other, strict=True):
                    for cell, other_cell in zip(row, other_row, strict=True):
                        if cell is not None and other_cell is not None:
                            assert cell == pytest.approx(other_cell, abs=0.05)
            # The characters are pdfplumber's, drawn spaces aside (pdfium reports its own),
            # box for box: heights and widths within 0.05pt, positions within 0.5pt (inside
            # a text object of several glyphs, a table cell's, pdfium's origins drift from
            # pdfminer's by a few hundredths of a point a glyph).
            drawn = [c for c in page.chars if not c["text"].isspace()]
            glyphs = [c for c in fast_page.chars if not c["text"].isspace()]
            assert [c["text"] for c in glyphs] == [c["text"] for c in drawn]
            for char, other_char in zip(glyphs, drawn, strict=True):
                for key in ("top", "bottom", "size"):
                    assert char[key] == pytest.approx(other_char[key], abs=0.05), key
                assert char["x1"] - char["x0"] == pytest.approx(
                    other_char["x1"] - other_char["x0"], abs=0.05)
                assert char["x0"] == pytest.approx(other_char["x0"], abs=0.5)
            # Where pdfium is asked for the drawn spaces, they follow the glyphs that
            # pdfplumber's spaces follow.
            if pdfium_drawn_spaces(data, number, fast_page.columns):
                fast_glyphs = page_to_raw(fast_page.columns, 0)[1]
                plumber_glyphs = page_to_raw(page.chars, 0)[1]
                assert [g.space_after for g in fast_glyphs] == \
                    [g.space_after for g in plumber_glyphs]
                assert any(g.space_after for g in fast_glyphs)


def _char(text: str, x0: float, width: float = 6.0) -> dict[str, Any]:
    return {"text": text, "x0": x0, "x1": x0 + width, "top": 100.0, "bottom": 112.0,
            "size": 12.0, "upright": True}


def test_a_gap_only_a_drawn_space_could_settle_sends_the_page_to_pdfplumber() -> None:
    # Made-up glyph boxes on one line, 12pt: letters touching, then one gap.
    def needs_spaces(gap_em: float) -> bool:
        chars = [_char(ch, 10 + 6 * k) for k, ch in enumerate("abcd")]
        chars += [_char(ch, 34 + gap_em * 12 + 6 * k) for k, ch in enumerate("efgh")]
        page = PageData(600.0, 800.0, chars, [], by_pdfium=True)
        return _needs_drawn_spaces(glyphs_to_layout(page_to_raw(chars, 0)[1], page))

    assert needs_spaces((SPACE_HINT_EM + WORD_GAP_EM) / 2)
    assert not needs_spaces(WORD_GAP_EM + 0.2)
    assert not needs_spaces(SPACE_HINT_EM / 2)


# --- the fast path's own machinery, on made-up input (no chromium needed) ------------------


def _twins_by_definition(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The twin rule by its definition: a char within 1pt (both ways) of a kept one of the
    same text is dropped."""
    kept: list[dict[str, Any]] = []
    for char in chars:
        if not any(k["text"] == char["text"] and abs(k["x0"] - char["x0"]) <= 1
                   and abs(k["top"] - char["top"]) <= 1 for k in kept):
            kept.append(char)
    return kept


@pytest.mark.parametrize("seed", range(40))
def test_twins_are_found_wherever_they_fall_on_a_page(seed: int) -> None:
    """Made up: letters strewn over a page (far apart and close together), some drawn again
    at random offsets up to 1.5pt either way (within 1pt a twin, beyond not): the numpy
    sift before the one-by-one look keeps the rule exactly."""
    rng = random.Random(seed)
    chars: list[dict[str, Any]] = []
    for _ in range(rng.randrange(1, 120)):
        x, top = rng.uniform(-50, 600), rng.uniform(0, 800)
        if chars and rng.random() < 0.4:  # near an earlier char: a twin or nearly one
            other = rng.choice(chars)
            x = other["x0"] + rng.uniform(-1.5, 1.5)
            top = other["top"] + rng.choice([0.0, rng.uniform(-1.5, 1.5)])
            text = other["text"] if rng.random() < 0.8 else rng.choice("ab.")
        else:
            text = rng.choice("ab.")
        chars.append({"text": text, "x0": x, "x1": x + 5, "top": top, "bottom": top + 10,
                      "size": 10.0})
    kept = _dedupe(chars)
    assert kept == _twins_by_definition(chars)
    assert [id(c) for c in kept] == [id(c) for c in _twins_by_definition(chars)]


def test_a_page_without_twins_keeps_every_char_and_one_with_keeps_the_first() -> None:
    # Made up: "a" at 10pt steps, and the same "a" drawn again 0.4pt off (fake bold).
    chars = [{"text": "a", "x0": 10.0 * k, "top": 50.0} for k in range(1, 30)]
    assert _dedupe(chars) == chars
    twice = [*chars, {"text": "a", "x0": 50.4, "top": 50.4}]
    assert _dedupe(twice) == chars


def test_pdfium_is_reached_through_cffi_with_pypdfium2_s_handles() -> None:
    """The fast path's calls (cffi) and pypdfium2's (ctypes) read one and the same page."""
    pdf = pdfium.PdfDocument(many_pages_pdf(2))
    try:
        page = pdf[0]
        textpage = page.get_textpage()
        assert pdfium_cffi.lib is not None
        count = pdfium_c.FPDFText_CountChars(textpage.raw)
        assert count > 10
        assert pdfium_cffi.lib.FPDFPage_CountObjects(pdfium_cffi.handle(page.raw)) == \
            pdfium_c.FPDFPage_CountObjects(page.raw)
        for index in range(count):
            assert pdfium_cffi.lib.FPDFText_GetFontSize(pdfium_cffi.handle(textpage.raw),
                                                        index) == \
                pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        textpage.close()
        page.close()
    finally:
        pdf.close()


def test_without_cffi_s_access_to_pdfium_pdfplumber_reads_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(many_pages_pdf(3))
    fast = read_pdf(path)
    assert all(page is not None for page in (pdfium_pages(path.read_bytes()) or (0, [None]))[1])
    monkeypatch.setattr(pdf_fast, "lib", None)
    assert pdfium_pages(path.read_bytes()) is None
    assert read_pdf(path).text.text == fast.text.text
