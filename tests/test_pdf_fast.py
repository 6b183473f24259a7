"""The PDF fast path (pdfium) gives what the pdfplumber path gives, on chromium's prints of
the seed acts (letter-spaced title, hyperlinked words painted out of order, running header
and footer, ligatures in the footer's URL, ruled tables across pages)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from shezhire.extract.outputs import record_to_json
from shezhire.extract.readers.pdf import (
    SPACE_HINT_EM,
    WORD_GAP_EM,
    PageData,
    _needs_drawn_spaces,
    _page_data,
    glyphs_to_layout,
    page_to_raw,
    pdf_to_pages,
    read_pdf,
)
from shezhire.extract.readers.pdf_fast import pdfium_pages
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
def test_pdfium_reads_the_pages_without_rules(
        seed_pdfs: dict[str, Path], name: str) -> None:
    data = seed_pdfs[name].read_bytes()
    pages = pdf_to_pages(name, data)
    count, fast_pages = pdfium_pages(data) or (0, [])
    assert count == len(pages)
    with pdfplumber.open(seed_pdfs[name]) as pdf:
        with_tables = [bool(_page_data(page).tables) for page in pdf.pages]
        with_rules = [bool(page.edges) for page in pdf.pages]
        # pdfium reads no page with a rule pdfplumber sees, so none with a table; pdfplumber
        # reads the pages with path objects (a few hold no rule pdfplumber keeps).
        by_pdfium = [page.by_pdfium for page in pages]
        assert not any(fast and ruled for fast, ruled in zip(by_pdfium, with_rules, strict=True))
        assert not any(fast and table for fast, table in zip(by_pdfium, with_tables, strict=True))
        assert sum(by_pdfium) >= len(pages) / 2
        # ... and none of pdfium's pages has a word gap that only a drawn space settles
        for page in pages:
            if page.by_pdfium:
                assert not _needs_drawn_spaces(glyphs_to_layout(page_to_raw(page.chars, 0)[1],
                                                                page))
        if name == "mic-order-2026-130-amendments.txt":
            assert any(with_tables) and not all(with_tables)
        # The fast path's characters are pdfplumber's, drawn spaces aside (pdfium reports
        # its own), box for box within 0.05pt.
        for fast_page, page in zip(fast_pages, pdf.pages, strict=True):
            if fast_page is None:
                continue
            drawn = [c for c in page.chars if not c["text"].isspace()]
            assert [c["text"] for c in fast_page.chars] == [c["text"] for c in drawn]
            for mine, theirs in zip(fast_page.chars, drawn, strict=True):
                for key in ("x0", "x1", "top", "bottom", "size"):
                    assert mine[key] == pytest.approx(theirs[key], abs=0.05), key


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
