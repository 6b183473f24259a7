"""Read a PDF's text layer by geometry (pdfplumber), into a :class:`SourceDocument`.

Why geometry and not pdfplumber's text order: the PDFs of the legal database draw
hyperlinked words (act citations) after the rest of the paragraph, so stream order moves
them to the line end; letter-spaced titles come out as single letters with a fixed
``x_tolerance``; running headers, footers and page numbers interrupt the text on every page.

Stages:

0. ``pdf_to_pages``: per page, its characters (a char drawn twice at one place kept once)
   and the cells of its ruled tables (pdfplumber's table finder);
1. ``page_to_raw``: characters in pdfplumber's (stream) order -> ``raw_text``, the text
   as read, and glyphs that remember their offset in it;
2. ``glyphs_to_layout``: glyphs inside a table cell go to that cell, the others are
   grouped into lines top-to-bottom, left-to-right (``glyphs_to_lines``), and
   ``line_to_words`` splits a line into words by its own gap statistics, so letter-spaced
   words come back whole (for many glyphs both are worked out on arrays of the glyphs'
   fields, ``_lines_on_arrays``: the same lines and words as the glyph-by-glyph walk);
3. ``pages_to_furniture``: running headers and footers (lines that repeat at a page edge,
   digits masked), page numbers, print stamps and URLs at a page edge are dropped;
4. ``layout_to_text``: a line with an indent starts a paragraph (6 spaces), vertical
   space and page breaks give blank lines, a table row is one line with cells joined by
   tabs. A line the measure wrapped (its first word would not have fitted on the line
   above) is joined to that line, across a page break too, and so are the lines of one
   centred title: the text does not depend on the page's width, font or margins.
   ``text.origin`` points every character into ``raw_text``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import io
import itertools
import math
import operator
import re
import statistics
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from shezhire.extract.errors import SourceError
from shezhire.extract.limits import current_limits, over_limit
from shezhire.extract.mapped import MappedText, fill_back
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.readers.pdf_fast import CharColumns, pdfium_drawn_spaces, pdfium_pages
from shezhire.extract.readers.text import load_bytes

INDENT = " " * 6

# Gaps are measured in ems of the line's font size.
WORD_GAP_EM = 0.15  # beyond the line's usual letter gap: a word space (spaces are >= 0.2em)
SPACE_HINT_EM = 0.05  # ... or this much where the producer drew a space character
SPACED_RUN_TOLERANCE_EM = 0.08  # letter gaps inside one letter-spaced word are this uniform
INDENT_EM = 0.8  # a first-line indent is at least this wide
RIGHT_ALIGNED_EM = 6.0  # ... and narrower than this: a line starting further in is set right
INDENT_TOLERANCE = 0.5  # points: lines starting this near one another share an indent
EDGE_ZONE = 0.15  # running headers/footers sit in this fraction of the page height
EDGE_LINES = 3  # ... and are among this many lines nearest the edge
WIDTH_SLACK_EM = 0.01  # pdfium's glyph boxes may differ from pdfplumber's this much (float)
BLANK_PITCH = 1.35  # a line further than this many line pitches below the previous one

# Typographic ligatures spelled out, as pdfplumber's extract_text does ("ﬁle://").
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl",
                            "ﬅ": "st", "ﬆ": "st"})
# ... each ligature on its own, for a char that is one (a dict look-up is cheaper than translate).
_SPELLED_LIGATURE = {chr(code): spelled for code, spelled in _LIGATURES.items()}
_DIGITS = re.compile(r"\d+")
_TERMINAL = tuple(".:;!?")  # a line ending in one of these may end its paragraph
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d+\s*[-–—]"
    r"|\d+(?:\s*(?:/|из|of|ішінен)\s*\d+)?"
    r"|(?:бет|беттің|стр\.?|страница|page|p\.)\s*\d+(?:\s*(?:/|из|of|ішінен)\s*\d+)?"
    r"|\d+\s*(?:-?\s*бет|стр\.?|page))$",
    re.I,
)
_URL = re.compile(r"^(?:(?:https?|file)://|www\.)\S+(?:\s+\d+\s*/\s*\d+)?$", re.I)
# A browser's print stamp: "11/22/26, 3:01 AM", "22.11.2026, 15:01" starts the header line.
_PRINT_STAMP = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\b")
# The legal database prints its own name in the footer of every act, even one-page acts.
_LEGAL_SYSTEM_FOOTER = re.compile(
    r"^(?:Нормативтік құқықтық актілердің ақпараттық-құқықтық жүйесі"
    r"|Информационно-правовая система нормативных правовых актов)",
    re.I,
)


class Glyph(NamedTuple):
    """One drawn character with its box; ``origin`` is its offset in ``raw_text``.

    A named tuple, not a dataclass: a page makes one per character, and a frozen
    dataclass's ``__init__`` (a call of ``object.__setattr__`` per field) took about a
    twelfth of the fast PDF path's time."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    origin: int
    space_after: bool = False  # the producer drew a space right after this glyph

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


# A glyph's fields, read in C (by ``map``).
_TEXT: Callable[[Glyph], str] = operator.attrgetter("text")
_X0: Callable[[Glyph], float] = operator.attrgetter("x0")
_X1: Callable[[Glyph], float] = operator.attrgetter("x1")
_TOP: Callable[[Glyph], float] = operator.attrgetter("top")
_BOTTOM: Callable[[Glyph], float] = operator.attrgetter("bottom")
_SIZE: Callable[[Glyph], float] = operator.attrgetter("size")
_ORIGIN: Callable[[Glyph], int] = operator.attrgetter("origin")
_SPACE_AFTER: Callable[[Glyph], bool] = operator.attrgetter("space_after")


@dataclass
class Line:
    """Glyphs on one baseline, left to right, split into words.

    ``words`` is not changed once the line is made, so what is measured of it is kept:
    the furniture, indent and wrap tests ask each line for its box and text many times.
    """

    words: list[list[Glyph]]
    # The line's em, gaps and usual gap (:func:`_line_gaps`) as its words were split by
    # them, kept for the drawn-space check (:func:`_needs_drawn_spaces`).
    gap_stats: tuple[float, list[float], float] | None = None

    @cached_property
    def glyphs(self) -> list[Glyph]:
        return list(itertools.chain.from_iterable(self.words))

    @property
    def x0(self) -> float:
        return self.words[0][0].x0

    # (The fields read by ``map``: a generator's step per glyph costs more.)
    @cached_property
    def x1(self) -> float:
        return max(map(_X1, self.glyphs))

    @cached_property
    def top(self) -> float:
        return min(map(_TOP, self.glyphs))

    @cached_property
    def bottom(self) -> float:
        return max(map(_BOTTOM, self.glyphs))

    @cached_property
    def size(self) -> float:
        if self.gap_stats is not None:
            return self.gap_stats[0]  # the median of the glyphs' sizes, taken already
        return statistics.median(map(_SIZE, self.glyphs))

    @cached_property
    def text(self) -> str:
        return " ".join("".join(map(_TEXT, w)) for w in self.words)

    def key(self) -> str:
        """The line with numbers masked: equal on every page for running furniture."""
        return _DIGITS.sub("#", self.text).casefold()

    # What the text stage asks of a line's words (:func:`_wraps`, :func:`_unbreak`,
    # :func:`_measure_right`), answered by a line made on arrays without its glyphs.
    def word_count(self) -> int:
        return len(self.words)

    def first_word_width(self) -> float:
        word = self.words[0]
        return word[-1].x1 - word[0].x0

    def word_gaps(self) -> list[float]:
        """The space between each word and the next."""
        return [b[0].x0 - a[-1].x1 for a, b in itertools.pairwise(self.words)]

    def last_word_has_alnum(self) -> bool:
        return any(g.text.isalnum() for g in self.words[-1])

    def ends_in_compound_hyphen(self) -> bool:
        """The last word ends in a hyphen after a letter or digit ("веб-")."""
        last = self.words[-1]
        return len(last) > 1 and last[-1].text == "-" and last[-2].text.isalnum()

    def emit(self, out: _Builder) -> None:
        """Write the line's words to ``out``, a space between two."""
        _emit_glyph_words(out, self)


@dataclass
class TableRows:
    """A table found on a page: per row, per cell, the cell's lines."""

    top: float
    bottom: float
    rows: list[list[list[Line]]]


@dataclass
class PageData:
    """What pdfplumber gives for one page: its size, chars and table cell boxes."""

    width: float
    height: float
    # pdfplumber's char dicts, or pdfium's chars as columns (by_pdfium)
    chars: list[dict[str, Any]] | CharColumns
    tables: list[list[list[tuple[float, float, float, float] | None]]]
    by_pdfium: bool = False  # read by the fast path


@dataclass
class PageLayout:
    """One page read: its body lines top to bottom, and its tables."""

    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[TableRows] = field(default_factory=list)


def read_pdf(path: Path, *, fast: bool = True) -> SourceDocument:
    """Read a PDF's text layer.

    Pages are read by pdfium where nothing on them needs pdfplumber (``fast``; see
    :mod:`shezhire.extract.readers.pdf_fast`), the others by pdfplumber; both give the same
    text. ``fast=False`` reads every page with pdfplumber.

    Raises :class:`SourceError` for a file that is not a readable PDF, an encrypted PDF
    that needs a password, and a PDF without a text layer (a scan).
    """
    with _collector_paused():
        return _read_pdf(path, fast)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a PDF is read (when it was running).

    A read makes an object per glyph and keeps them all until the text is built (no
    cycles among them), and every full run of the collector walks them all again: about
    a tenth of the fast path's time. The collector runs again as usual afterwards."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read_pdf(path: Path, fast: bool) -> SourceDocument:
    data = load_bytes(Path(path))  # a regular file within the size limit
    _check_complete(str(path), data)
    limits = current_limits()
    _check_streams(str(path), data, limits.pdf_stream_bytes)
    pages = pdf_to_pages(str(path), data, limits.pdf_pages, fast=fast)
    if not pages:
        raise SourceError(str(path), "not a readable PDF: it has no pages")

    raw_parts: list[str] = []
    page_starts: list[int] = []
    layouts: list[PageLayout] = []
    offset = 0
    for number, page in enumerate(pages):
        raw, glyphs = _page_to_glyphs(page.chars, offset)
        layout = glyphs_to_layout(glyphs, page)
        if isinstance(page.chars, CharColumns) and _needs_drawn_spaces(layout):
            if not pdfium_drawn_spaces(data, number, page.chars):
                page = _plumber_page(str(path), data, number)
            raw, glyphs = _page_to_glyphs(page.chars, offset)
            layout = glyphs_to_layout(glyphs, page)
        page_starts.append(offset)
        raw_parts.append(raw)
        offset += len(raw)
        layouts.append(layout)
    raw_text = "".join(raw_parts)
    if not any(layout.lines or layout.tables for layout in layouts):
        raise SourceError(str(path), "PDF has no text layer (scanned?); OCR is not supported")

    pages_to_furniture(layouts)
    text = layout_to_text(layouts)
    if not text.text.strip():
        raise SourceError(
            str(path), "PDF has no text besides page headers and footers (scanned?); "
            "OCR is not supported")
    return SourceDocument(
        path=str(path),
        format="pdf",
        raw_text=raw_text,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        page_starts=tuple(page_starts),
    )


# --- 0. bytes -> pages ---------------------------------------------------------------------


def _check_complete(path: str, data: bytes) -> None:
    """A PDF ends with ``%%EOF`` after its last ``startxref``; a cut file does not.

    pdfminer can sometimes read the first pages of a cut file without complaint, which
    would silently lose the rest of the act.
    """
    if b"%PDF-" not in data[:1024]:
        raise SourceError(path, "not a readable PDF: no %PDF- header")
    last_xref = data.rfind(b"startxref")
    if last_xref < 0 or b"%%EOF" not in data[last_xref:]:
        raise SourceError(path, "not a readable PDF: the file is truncated (no %%EOF at the end)")


# A compressed stream starts after the keyword "stream" and its line end ("endstream" ends it).
_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")
_INFLATE_CHUNK = 1 << 16


def _check_streams(path: str, data: bytes, limit: int) -> None:
    """Refuse a PDF whose compressed (Flate) streams inflate to more than ``limit`` bytes, a
    zip bomb, before pdfminer inflates them into memory. Each stream (the bytes up to its
    "endstream") is inflated once, in chunks, counting bytes and keeping none: time linear
    in the file and the output, memory constant."""
    total = 0
    for match in _STREAM_START.finditer(data):
        stop = data.find(b"endstream", match.end())
        stream = memoryview(data)[match.end():len(data) if stop < 0 else stop]
        inflater = zlib.decompressobj()
        try:
            for at in range(0, len(stream), _INFLATE_CHUNK):
                piece = bytes(stream[at:at + _INFLATE_CHUNK])
                while piece and not inflater.eof:
                    out = inflater.decompress(piece, _INFLATE_CHUNK)
                    total += len(out)
                    if total > limit:
                        raise SourceError(path, over_limit(
                            "compressed streams inflate too far (a zip bomb?)", total,
                            "bytes or more", "pdf_stream_bytes", limit))
                    piece = inflater.unconsumed_tail
                if inflater.eof:
                    break
        except zlib.error:
            continue  # not Flate data (an image's own compression, plain text): pdfminer's


def pdf_to_pages(path: str, data: bytes, page_limit: int | None = None, *,
                 fast: bool = True) -> list[PageData]:
    """Open the PDF and take, per page, its size, de-duplicated chars and table cells
    (refusing, before reading any page, a PDF of more than ``page_limit`` pages).

    With ``fast``, pdfium reads the pages it can (upright text, rules of straight lines:
    :mod:`shezhire.extract.readers.pdf_fast`; their tables found by pdfplumber's table
    finder from pdfium's edges), marked ``by_pdfium``; pdfplumber reads the others, and the
    whole file when pdfium cannot open it. (A page pdfium read may still need its drawn
    spaces, :func:`_needs_drawn_spaces`, checked on its layout: pdfium's text objects tell
    them, or pdfplumber reads the page.)
    """
    fast_read = pdfium_pages(data, page_limit) if fast else None
    if fast_read is not None and page_limit is not None and fast_read[0] > page_limit:
        raise SourceError(path, over_limit("too many pages", fast_read[0], "pages",
                                           "pdf_pages", page_limit))
    read = [None if page is None else PageData(
        page.width, page.height, _dedupe_columns(page.columns),
        _find_tables(_EdgesPage(page.edges, (0.0, 0.0, page.width, page.height))),
        by_pdfium=True)
            for page in fast_read[1]] if fast_read is not None else []
    if read and all(page is not None for page in read):
        return [page for page in read if page is not None]
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            count = len(pdf.pages)
            if page_limit is not None and count > page_limit:
                raise SourceError(path, over_limit("too many pages", count, "pages",
                                                   "pdf_pages", page_limit))
            if len(read) != count:
                read = [None] * count
            return [done or _page_data(page) for done, page in zip(read, pdf.pages, strict=True)]
    except SourceError:
        raise
    except (PdfminerException, MalformedPDFException) as err:
        cause = err.args[0] if err.args else err
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
            raise SourceError(path, "PDF is encrypted and needs a password to open") from err
        raise SourceError(path, f"not a readable PDF: {_one_line(cause)}") from err
    except Exception as err:  # any parser failure means the PDF cannot be read
        raise SourceError(path, f"not a readable PDF: {_one_line(err)}") from err


def _needs_drawn_spaces(layout: PageLayout) -> bool:
    """Whether a word gap of the page is one that only a drawn space decides.

    pdfium reports no space the producer drew (it puts its own where it sees word breaks),
    and a drawn space right after a glyph counts as a word break for a gap wider than
    ``SPACE_HINT_EM`` but not ``WORD_GAP_EM`` beyond the line's usual letter gap
    (:func:`line_to_words`). Where no gap of any line falls in that band, the words are
    the same whether or not spaces were drawn; else the drawn spaces must be found (by
    :func:`pdfium_drawn_spaces`, or pdfplumber reads the page). The band
    is widened by ``WIDTH_SLACK_EM`` on both sides, so that a gap at a hair from the
    word-break threshold is never judged on pdfium's glyph widths (single-precision floats,
    pdfplumber's to about a hundredth of a point) but by pdfplumber.
    """
    return any(_gap_in_hint_band(line) for line in layout.lines)


def _gap_in_hint_band(line: Line) -> bool:
    """Whether a gap of the line is one only a drawn space decides (see
    :func:`_needs_drawn_spaces`); the lines made on arrays know it already."""
    known = line.__dict__.get(_HINT_BAND)
    if known is not None:
        return bool(known)
    if line.gap_stats is None:
        glyphs = line.glyphs
        if len(glyphs) < 2:
            return False
        line.gap_stats = _line_gaps(glyphs)
    em, gaps, usual = line.gap_stats
    # Widened by WIDTH_SLACK_EM: pdfium's widths are pdfplumber's only to ~0.01pt.
    low = usual + (SPACE_HINT_EM - WIDTH_SLACK_EM) * em
    high = usual + (WORD_GAP_EM + WIDTH_SLACK_EM) * em
    return any(low < gap <= high for gap in gaps)


# Where a line made on arrays keeps :func:`_gap_in_hint_band`'s answer.
_HINT_BAND = "gap_in_hint_band"


def _plumber_page(path: str, data: bytes, number: int) -> PageData:
    """pdfplumber's reading of one page of the PDF."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return _page_data(pdf.pages[number])
    except Exception as err:  # any parser failure means the PDF cannot be read
        raise SourceError(path, f"not a readable PDF: {_one_line(err)}") from err


def _page_data(page: Any) -> PageData:
    return PageData(float(page.width), float(page.height), _dedupe(page.chars),
                    _find_tables(page))


@dataclass(frozen=True)
class _EdgesPage:
    """What pdfplumber's table finder reads of a page (its edges and box), from pdfium."""

    edges: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]


def _find_tables(page: Any) -> list[list[list[tuple[float, float, float, float] | None]]]:
    """The cell boxes of the page's ruled tables, by pdfplumber's table finder (which reads
    only the page's edges: pdfplumber's own page, or pdfium's rules in :class:`_EdgesPage`)."""
    if not page.edges:
        return []
    settings = TableSettings.resolve({"explicit_horizontal_lines": _closing_rules(page)})
    tables = []
    for table in TableFinder(page, settings).tables:
        rows = [list(row.cells) for row in table.rows]
        if sum(cell is not None for row in rows for cell in row) >= 2:
            tables.append(rows)
    return tables


def _dedupe(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop a char drawn again at (within 1pt) the same place.

    Some producers draw a word twice (fake bold, or once more under a link). Same idea
    as pdfplumber's ``dedupe_chars``, in linear time: that one sorts per char group and
    dominated the reading time. Twins are rare, so the page's chars are first sifted in
    one numpy pass (:func:`_twin_candidates`); only those with a char of the same text
    near them are looked at one by one (:func:`_drop_twins`), the others are kept.
    """
    count = len(chars)
    texts = [str(char["text"]) for char in chars]
    near = _twin_candidates(
        texts, np.fromiter((float(char["x0"]) for char in chars), np.float64, count),
        np.fromiter((float(char["top"]) for char in chars), np.float64, count))
    if near is None:
        return list(chars)
    dropped = {near[k] for k in _drop_twins(
        [(texts[k], float(chars[k]["x0"]), float(chars[k]["top"])) for k in near])}
    return [char for k, char in enumerate(chars) if k not in dropped]


def _dedupe_columns(chars: CharColumns) -> CharColumns:
    """:func:`_dedupe` for pdfium's chars, kept as columns."""
    near = _twin_candidates(chars.text, chars.x0, chars.top, chars.codes)
    if near is None:
        return chars
    x0, top = chars.x0.tolist(), chars.top.tolist()
    dropped = [near[k] for k in _drop_twins([(chars.text[k], x0[k], top[k]) for k in near])]
    if not dropped:
        return chars
    keep = np.ones(len(chars), dtype=bool)
    keep[dropped] = False
    return chars.take(np.flatnonzero(keep))


def _twin_candidates(texts: list[str], x0: np.ndarray, top: np.ndarray,
                     codes: np.ndarray | None = None) -> list[int] | None:
    """The indexes of the chars (their texts, x0 and top) that have another char of the
    same text less than 2pt away both ways (every twin is one), or None when there is none.
    ``codes``, when given, are the texts' code points (-1 for a text of several letters:
    those are all numbered alike, which only adds candidates) and number the texts.

    Chars are filed in cells of 2pt by 2pt, numbered by text, then row, then column: a
    char within 2pt of another is in the same cell or one of the eight around it, which
    are three runs of three consecutive numbers (the row above, its own, the row below).
    """
    count = len(texts)
    if count < 2:
        return None
    if codes is None:
        # A number per text, the first free one the first time the text is met (below
        # count).
        numbers: dict[str, int] = {}
        text_ids = np.fromiter(map(numbers.setdefault, texts, itertools.count()),
                               np.float64, count)
        bound = count
    else:
        text_ids = codes.astype(np.float64) + 1.0  # from 0
        bound = int(text_ids.max()) + 1
    columns = x0 // 2
    rows = top // 2
    if not (np.isfinite(columns).all() and np.isfinite(rows).all()):
        return list(range(count))  # no cells for such a place: every char is looked at
    columns -= columns.min() - 1  # from 1: the cells around every char are numbered >= 0
    rows -= rows.min() - 1
    span_columns = columns.max() + 2
    span_rows = rows.max() + 2
    if bound * span_rows * span_columns >= 2.0 ** 53:
        return list(range(count))  # past exact integers in floats: every char is looked at
    cell = (text_ids * span_rows + rows) * span_columns + columns
    order = np.argsort(cell, kind="stable")
    filed = cell[order]
    # Its own row: the neighbours in filing order.
    close = np.diff(filed) <= 1
    near = np.zeros(count, dtype=bool)
    near[1:] |= close
    near[:-1] |= close
    for row in (-span_columns, span_columns):  # the rows above and below
        near |= (np.searchsorted(filed, filed + (row + 1), "right")
                 > np.searchsorted(filed, filed + (row - 1), "left"))
    found = np.sort(order[near])
    return found.tolist() if found.size else None


def _drop_twins(chars: list[tuple[str, float, float]]) -> list[int]:
    """The indexes of the chars (text, x0, top; in drawing order) within 1pt of a kept
    char of the same text. The kept chars are filed by text in cells of 2pt, so a char's
    box of 1pt either way meets two cells across and two down."""
    seen: dict[tuple[str, float, float], list[tuple[float, float]]] = {}
    get = seen.get
    dropped: list[int] = []
    for index, (text, x, y) in enumerate(chars):
        columns = ((x - 1) // 2, (x + 1) // 2)
        rows = ((y - 1) // 2, (y + 1) // 2)
        twin = False
        for kx in columns:
            for ky in rows:
                others = get((text, kx, ky))
                if others and any(abs(ox - x) <= 1 and abs(oy - y) <= 1 for ox, oy in others):
                    twin = True
                    break
            if twin:
                break
        if twin:
            dropped.append(index)
        else:
            seen.setdefault((text, x // 2, y // 2), []).append((x, y))
    return dropped


def _closing_rules(page: Any) -> list[dict[str, Any]]:
    """Rules that close a table cut by a page break.

    A browser draws no border where a table row is split across pages, so the cut row has
    no bottom (or, on the next page, no top) edge and the table finder loses it. Where the
    lowest (highest) vertical rules on the page end with no horizontal rule across them,
    add one.
    """
    vertical = [e for e in page.edges if e["orientation"] == "v" and e["height"] >= 2]
    horizontal = [e for e in page.edges if e["orientation"] == "h"]
    rules: list[dict[str, Any]] = []
    if not vertical:
        return rules
    for y in (max(e["bottom"] for e in vertical), min(e["top"] for e in vertical)):
        xs = [e["x0"] for e in vertical if abs(e["bottom"] - y) < 1 or abs(e["top"] - y) < 1]
        x0, x1 = min(xs), max(xs)
        if len(xs) < 2 or x1 - x0 < 2:
            continue
        covered = any(abs(e["top"] - y) < 2 and e["x0"] <= x0 + 1 and e["x1"] >= x1 - 1
                      for e in horizontal)
        if not covered:
            rules.append({"object_type": "explicit_edge", "orientation": "h", "x0": x0,
                          "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0})
    return rules


def _one_line(err: BaseException) -> str:
    message = " ".join(str(err).split()) or type(err).__name__
    return message[:200]


# --- 1. chars -> raw text and glyphs ---------------------------------------------------------


def page_to_raw(chars: Sequence[dict[str, Any]] | CharColumns, offset: int
                ) -> tuple[str, list[Glyph]]:
    """The page's characters in pdfplumber's order as text, and the glyphs to lay out.

    Ligatures are spelled out here already, so every character of the text has its own
    offset in ``raw_text``.

    A newline is written where the stream moves to another line and a space where it
    skips horizontally, so ``raw_text`` reads like pdfplumber's own text; every glyph
    keeps its offset in it.
    """
    raw, glyphs, _ = _page_to_raw(chars, offset)
    return raw, glyphs


def _page_to_raw(chars: Sequence[dict[str, Any]] | CharColumns, offset: int
                 ) -> tuple[str, list[Glyph], GlyphFields | None]:
    """:func:`page_to_raw`, with the glyphs' fields as arrays when the column work made
    them (None when the walk over char dicts did)."""
    raw, glyphs = _page_to_glyphs(chars, offset)
    if isinstance(glyphs, GlyphColumns):
        return raw, glyphs.glyphs(), glyphs.fields
    return raw, glyphs, None


def _page_to_glyphs(chars: Sequence[dict[str, Any]] | CharColumns, offset: int
                    ) -> tuple[str, list[Glyph] | GlyphColumns]:
    """:func:`page_to_raw`, the glyphs as columns when the column work made them (no
    ``Glyph`` made: the layout stage works on the columns)."""
    if isinstance(chars, CharColumns):
        read = _columns_to_raw(chars, offset)
        if read is not None:
            return read
        chars = chars.dicts()
    out: list[str] = []
    length = 0
    glyphs: list[Glyph] = []
    prev_top = prev_x0 = prev_x1 = 0.0
    prev_space = first = True
    spell = _SPELLED_LIGATURE.get
    for char in chars:
        text = str(char["text"])
        text = spell(text, text) if len(text) == 1 else text.translate(_LIGATURES)
        x0, top, x1 = float(char["x0"]), float(char["top"]), float(char["x1"])
        size = float(char["size"])
        if size < 1.0:
            size = 1.0  # as max(size, 1.0), which keeps a NaN
        space = text.isspace()
        if not first:
            same_line = abs(top - prev_top) < size / 2 and x0 > prev_x0
            if not same_line:
                out.append("\n")
                length += 1
            elif x0 - prev_x1 > WORD_GAP_EM * size and not space and not prev_space:
                out.append(" ")
                length += 1
        if (space and glyphs
                and glyphs[-1].origin + len(glyphs[-1].text) == offset + length
                and abs(x0 - glyphs[-1].x1) < 1):
            glyphs[-1] = glyphs[-1]._replace(space_after=True)
        if text and not space and char.get("upright", True):
            glyphs.append(Glyph(text, x0, x1, top, float(char["bottom"]), size,
                                offset + length, bool(char.get("space_after", False))))
        out.append(text)
        length += len(text)
        prev_top, prev_x0, prev_x1 = top, x0, x1
        prev_space = space  # ligatures spelled out are letters, as they were
        first = False
    out.append("\n")
    return "".join(out), glyphs


# A glyph made from its fields in one C call (the named tuple's own ``__new__`` is a Python
# function: a call per glyph of pdfium's pages).
_new_glyph = functools.partial(tuple.__new__, Glyph)
_SEPARATORS = np.array(["", " ", "\n"], dtype=object)


def _code_table(codes: Sequence[int]) -> np.ndarray:
    """A table over all code points that holds True at ``codes``."""
    table = np.zeros(0x110000, dtype=bool)
    table[list(codes)] = True
    return table


# The code points that are spaces to ``str.isspace`` (none is above U+3000), and the
# ligatures the raw text spells out: a page's codes looked up at once.
_SPACE_CODE = _code_table([c for c in range(0x3001) if chr(c).isspace()])
_LIGATURE_CODE = _code_table([ord(ligature) for ligature in _SPELLED_LIGATURE])


class GlyphFields(NamedTuple):
    """The glyphs' boxes, sizes and drawn-space marks as arrays, in the glyphs' order (the
    values their fields hold): what the layout stage measures, without a look-up per
    glyph."""

    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    space_after: np.ndarray

    def take(self, index: np.ndarray) -> GlyphFields:
        return GlyphFields(*(column[index] for column in self))


@dataclass
class GlyphColumns:
    """A page's glyphs as columns (pdfium's pages): their texts, offsets in ``raw_text``
    and fields, one entry per glyph. The layout stage groups them into lines on the arrays
    and writes the text from the lists; a ``Glyph`` is made only where one is asked for
    (a table cell's glyphs, a line's words when something reads them)."""

    texts: list[str]
    origins: np.ndarray
    fields: GlyphFields

    def __len__(self) -> int:
        return len(self.texts)

    def take(self, index: np.ndarray) -> GlyphColumns:
        return GlyphColumns(list(map(self.texts.__getitem__, index.tolist())),
                            self.origins[index], self.fields.take(index))

    def glyphs(self, index: np.ndarray | None = None) -> list[Glyph]:
        """The glyphs (at ``index``, or all of them), as ``Glyph`` tuples."""
        fields = self.fields if index is None else self.fields.take(index)
        texts = self.texts if index is None else list(
            map(self.texts.__getitem__, index.tolist()))
        origins = self.origins if index is None else self.origins[index]
        return list(map(_new_glyph, zip(texts, fields.x0.tolist(), fields.x1.tolist(),
                                        fields.top.tolist(), fields.bottom.tolist(),
                                        fields.size.tolist(), origins.tolist(),
                                        fields.space_after.tolist(), strict=True)))


def _fields_of(glyphs: list[Glyph]) -> GlyphFields:
    count = len(glyphs)
    x0, x1, top, bottom, size = (np.fromiter(map(field, glyphs), np.float64, count)
                                 for field in (_X0, _X1, _TOP, _BOTTOM, _SIZE))
    return GlyphFields(x0, x1, top, bottom, size,
                       np.fromiter(map(_SPACE_AFTER, glyphs), bool, count))


def _columns_to_raw(chars: CharColumns, offset: int) -> tuple[str, GlyphColumns] | None:
    """:func:`page_to_raw` worked out on pdfium's columns at once, for a page whose chars
    are each one letter, none of them a space (None for another page: the walk above
    reads it). The same rules: a newline where a char does not go on the line of the one
    before it, a space where it skips more than a word gap to the right."""
    texts = chars.text
    count = len(texts)
    if count == 0:
        empty = np.zeros(0)
        return "\n", GlyphColumns([], np.zeros(0, dtype=np.int64), GlyphFields(
            empty, empty, empty, empty, empty, np.zeros(0, dtype=bool)))
    codes = chars.codes
    if codes is None:
        if set(map(len, texts)) != {1} or any(map(str.isspace, texts)):
            return None
        ligatures = True
    else:
        if (codes < 0).any() or _SPACE_CODE[codes].any():
            return None
        ligatures = bool(_LIGATURE_CODE[codes].any())
    if ligatures:
        spell = _SPELLED_LIGATURE.get
        spelled = list(map(spell, texts, texts))
        lengths = np.fromiter(map(len, spelled), np.int64, count)
    else:  # no ligature to spell out: each char's text as it is, one letter
        spelled = texts
        lengths = np.ones(count, dtype=np.int64)
    size = np.where(chars.size < 1.0, 1.0, chars.size)  # as max(size, 1.0), keeping a NaN
    x0, x1, top = chars.x0, chars.x1, chars.top
    same_line = (np.abs(top[1:] - top[:-1]) < size[1:] / 2) & (x0[1:] > x0[:-1])
    spaced = same_line & (x0[1:] - x1[:-1] > WORD_GAP_EM * size[1:])
    separator = np.zeros(count, dtype=np.int64)  # 0 none, 1 a space, 2 a newline
    separator[1:] = np.where(same_line, spaced.astype(np.int64), 2)
    added = (separator > 0) + lengths  # what each char adds to the text
    origins = offset + np.cumsum(added) - lengths
    raw = "".join(map(operator.add, _SEPARATORS[separator].tolist(), spelled)) + "\n"
    return raw, GlyphColumns(spelled, origins, GlyphFields(x0, x1, top, chars.bottom, size,
                                                           chars.space_after))


# --- 2. glyphs -> lines and words ------------------------------------------------------------


def glyphs_to_layout(glyphs: list[Glyph] | GlyphColumns, page: PageData,
                     fields: GlyphFields | None = None) -> PageLayout:
    """Split the page's glyphs between its tables and its running text (``fields``: the
    glyphs' fields as arrays, when the column work made them; glyphs given as columns
    bring their own)."""
    layout = PageLayout(page.height)
    free = glyphs
    if isinstance(glyphs, GlyphColumns):
        fields = glyphs.fields
    elif fields is None and page.tables and len(glyphs) >= _ARRAY_LINES_FROM:
        fields = _fields_of(glyphs)
    for cells in page.tables:
        boxes = [cell for row in cells for cell in row if cell is not None]
        x0 = min(b[0] for b in boxes)
        top = min(b[1] for b in boxes)
        x1 = max(b[2] for b in boxes)
        bottom = max(b[3] for b in boxes)
        in_cell: dict[tuple[int, int], list[Glyph]] = {}
        if fields is not None:
            # Only the glyphs inside the table's box are looked up cell by cell.
            centre = (fields.x0 + fields.x1) / 2
            middle = (fields.top + fields.bottom) / 2
            rest = np.ones(len(free), dtype=bool)
            cell_glyphs: dict[tuple[int, int], list[int]] = {}
            for k in np.flatnonzero((x0 <= centre) & (centre <= x1) & (top <= middle)
                                    & (middle <= bottom)).tolist():
                where = _cell_of(cells, float(centre[k]), float(middle[k]))
                if where is not None:
                    cell_glyphs.setdefault(where, []).append(k)
                    rest[k] = False
            for where, found in cell_glyphs.items():
                in_cell[where] = (free.glyphs(np.array(found, dtype=np.int64))
                                  if isinstance(free, GlyphColumns)
                                  else list(map(free.__getitem__, found)))
            kept = np.flatnonzero(rest)
            free = (free.take(kept) if isinstance(free, GlyphColumns)
                    else list(map(free.__getitem__, kept.tolist())))
            fields = fields.take(kept)
        else:
            assert not isinstance(free, GlyphColumns)  # columns bring their fields
            rest_glyphs: list[Glyph] = []
            for g in free:
                cx = (g.x0 + g.x1) / 2
                where = None
                if x0 <= cx <= x1 and top <= g.middle <= bottom:
                    where = _cell_of(cells, cx, g.middle)
                if where is None:
                    rest_glyphs.append(g)
                else:
                    in_cell.setdefault(where, []).append(g)
            free = rest_glyphs
        rows = [[glyphs_to_lines(in_cell.get((r, c), [])) if cell is not None else []
                 for c, cell in enumerate(row)] for r, row in enumerate(cells)]
        layout.tables.append(TableRows(top, bottom, rows))
    layout.lines = glyphs_to_lines(free, fields)
    return layout


def _cell_of(cells: list[list[tuple[float, float, float, float] | None]],
             x: float, y: float) -> tuple[int, int] | None:
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if cell is not None and cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]:
                return r, c
    return None


def glyphs_to_lines(glyphs: list[Glyph] | GlyphColumns,
                    fields: GlyphFields | None = None) -> list[Line]:
    """Group glyphs into lines: top to bottom, then left to right within a line.

    A glyph joins the current line when its middle is within half a glyph height of the
    line's first middle, so superscripts and mixed sizes stay on their line.
    """
    if isinstance(glyphs, GlyphColumns):
        if len(glyphs) >= _ARRAY_LINES_FROM:
            lines = _lines_on_arrays(glyphs, glyphs.fields)
            if lines is not None:
                return lines
        glyphs = glyphs.glyphs()
    elif len(glyphs) >= _ARRAY_LINES_FROM:
        lines = _lines_on_arrays(glyphs, fields or _fields_of(glyphs))
        if lines is not None:
            return lines
    return [Line(*_split_words(line)) for line in _group_lines(glyphs)]


# Fewer glyphs than this (a table cell's) are grouped by the walk: the arrays' fixed cost is
# more than the walk's.
_ARRAY_LINES_FROM = 48


def _lines_on_arrays(glyphs: list[Glyph] | GlyphColumns, fields: GlyphFields
                     ) -> list[Line] | None:
    """:func:`glyphs_to_lines` worked out on arrays of the glyphs' fields: the same lines,
    words and gap statistics as the walk (:func:`_group_lines`, :func:`_split_words`),
    without a Python step per glyph. None for glyphs the walk must take (a place or size
    that is no number, a negative height: the walk's comparisons decide those).

    The walk's one sequential rule, a glyph joining the line whose first glyph's middle is
    within half the larger height of its own, is taken once per run of glyphs of equal
    middle and height in the sorted order: all of a run join the line its first joins, or
    start one with it (a glyph is always within half its height of an equal one).
    """
    count = len(glyphs)
    x0, x1, top, bottom, size, space_after = fields
    height = bottom - top
    if not (np.isfinite(top).all() and np.isfinite(bottom).all() and np.isfinite(x0).all()
            and np.isfinite(x1).all() and np.isfinite(size).all() and (height >= 0).all()):
        return None
    middle = (top + bottom) / 2
    order = np.lexsort((x0, middle))  # by middle, then x0; ties in drawing order (stable)
    middles = middle[order]
    heights = height[order]
    run_starts = np.ones(count, dtype=bool)
    run_starts[1:] = (middles[1:] != middles[:-1]) | (heights[1:] != heights[:-1])
    starts = np.flatnonzero(run_starts)
    line_starts: list[int] = []
    first_middle = first_height = 0.0
    for k, middle_k, height_k in zip(starts.tolist(), middles[starts].tolist(),
                                     heights[starts].tolist(), strict=True):
        if line_starts:
            half = (height_k if height_k > first_height else first_height) / 2
            if abs(middle_k - first_middle) <= half:
                continue
        line_starts.append(k)
        first_middle, first_height = middle_k, height_k
    line_of = np.zeros(count, dtype=np.int64)
    line_of[line_starts[1:]] = 1
    line_of = np.cumsum(line_of)  # each sorted glyph's line number
    # Left to right within each line, ties in the sorted order (the walk's stable sort).
    order = order[np.lexsort((x0[order], line_of))]
    x0, x1, size = x0[order], x1[order], size[order]
    bounds = np.array([*line_starts, count], dtype=np.int64)
    first, lengths = bounds[:-1], np.diff(bounds)
    # Each line's em: the median of its glyphs' sizes (as the walk takes it).
    sizes = size[np.lexsort((size, line_of))]
    half = lengths // 2
    odd = lengths % 2 == 1
    em = np.where(odd, sizes[first + half],
                  (sizes[first + np.maximum(half - 1, 0)] + sizes[first + half]) / 2)
    # The gaps between neighbours in a line (gap k is before glyph k + 1), and each line's
    # usual gap: its gaps' fifth-lowest fraction, not below zero.
    gaps = x0[1:] - x1[:-1]
    inner = line_of[1:] == line_of[:-1]
    gap_line = line_of[1:][inner]
    line_gaps = gaps[inner]
    gap_first = first - np.arange(first.size)  # where each line's gaps start among them
    ordered_gaps = line_gaps[np.lexsort((line_gaps, gap_line))]
    several = lengths >= 2
    picked = np.where(several, gap_first + (lengths - 1) // 5, 0)
    usual = ordered_gaps[picked] if ordered_gaps.size else np.zeros(first.size)
    usual = np.where(usual < 0.0, 0.0, usual)  # max(usual, 0.0), a -0.0 kept
    em_of, usual_of = em[gap_line], usual[gap_line]
    near_usual = np.bincount(
        gap_line, np.abs(line_gaps - usual_of) <= SPACED_RUN_TOLERANCE_EM * em_of,
        first.size)
    words_apart = (usual > WORD_GAP_EM * em) & (near_usual < 2)
    usual = np.where(words_apart, 0.0, usual)  # glyphs far apart: words, not letter spacing
    usual_of = usual[gap_line]
    # :func:`_gap_in_hint_band` for every line at once.
    in_band = ((usual_of + (SPACE_HINT_EM - WIDTH_SLACK_EM) * em_of < line_gaps)
               & (line_gaps <= usual_of + (WORD_GAP_EM + WIDTH_SLACK_EM) * em_of))
    band_lines = (np.bincount(gap_line[in_band], minlength=first.size) > 0).tolist()
    space_after = space_after[order]
    hinted = space_after[:-1][inner] & (line_gaps > usual_of + SPACE_HINT_EM * em_of)
    breaks = hinted | (line_gaps > usual_of + WORD_GAP_EM * em_of)
    # Word starts (positions in the line-ordered glyphs): each line's first glyph and each
    # glyph after a break.
    after_gap = np.flatnonzero(inner) + 1
    word_start = np.zeros(count, dtype=bool)
    word_start[first] = True
    word_start[after_gap[breaks]] = True
    starts = np.flatnonzero(word_start)
    word_bounds = [*starts.tolist(), count]
    line_words = np.searchsorted(starts, bounds).tolist()  # each line's first word
    placed = _Placed(glyphs, order, word_bounds, x0[starts],
                     x1[np.append(starts[1:], count) - 1])
    # A letter-spaced word may be among a line's words only where three words of one
    # glyph come in a row (:func:`_join_spaced_runs` joins nothing else).
    single = np.diff(np.array(word_bounds)) == 1
    in_row = single[:-2] & single[1:-1] & single[2:]
    spaced_lines = set(np.unique(np.searchsorted(
        bounds, starts[:-2][in_row], "right") - 1).tolist()) if in_row.any() else set()
    # What the text stage asks of each line (its box), taken on the arrays at once.
    line_x1 = np.maximum.reduceat(x1, first).tolist()
    line_top = np.minimum.reduceat(top[order], first).tolist()
    line_bottom = np.maximum.reduceat(bottom[order], first).tolist()
    line_em = em.tolist()
    gap_list = line_gaps.tolist()
    break_gaps = line_gaps[breaks].tolist()
    gap_bounds = [*gap_first.tolist(), len(gap_list)]
    break_bounds = np.searchsorted(np.flatnonzero(breaks), gap_bounds).tolist()
    usual_list = usual.tolist()
    lines: list[Line] = []
    for n, ((w0, w1), length) in enumerate(zip(itertools.pairwise(line_words),
                                               lengths.tolist(), strict=True)):
        stats = None if length == 1 else (  # one glyph: no statistics
            line_em[n], gap_list[gap_bounds[n]:gap_bounds[n + 1]], usual_list[n])
        line: Line
        if n in spaced_lines:
            kept = _join_spaced_runs(
                [placed.glyphs(a, b) for a, b in itertools.pairwise(word_bounds[w0:w1 + 1])],
                break_gaps[break_bounds[n]:break_bounds[n + 1]], line_em[n])
            line = Line(kept, stats)
        else:
            line = _ArrayLine(placed, w0, w1, stats)
        # The values its cached properties would take from the glyphs (the same words'
        # glyphs in the same order), set at once.
        line.__dict__.update(x1=line_x1[n], top=line_top[n], bottom=line_bottom[n],
                             size=line_em[n])
        line.__dict__[_HINT_BAND] = band_lines[n]
        lines.append(line)
    return lines


class _Placed:
    """A page's glyphs in the order of its lines (made on arrays): their texts and
    offsets as lists, where each word starts, the words' left and right ends, and the
    glyphs themselves when asked for (made then, from columns)."""

    def __init__(self, source: list[Glyph] | GlyphColumns, order: np.ndarray,
                 word_bounds: list[int], word_x0: np.ndarray, word_x1: np.ndarray) -> None:
        self.order = order
        self.source = source
        self.placed: list[Glyph] | None = None
        order_list = order.tolist()
        if isinstance(source, GlyphColumns):
            self.texts = list(map(source.texts.__getitem__, order_list))
            self.origins: list[int] = source.origins[order].tolist()
        else:
            self.placed = list(map(source.__getitem__, order_list))
            self.texts = list(map(_TEXT, self.placed))
            self.origins = list(map(_ORIGIN, self.placed))
        self.letters = len(self.texts) == sum(map(len, self.texts))  # one a glyph
        self.word_bounds = word_bounds
        self.word_x0: list[float] = word_x0.tolist()
        self.word_x1: list[float] = word_x1.tolist()

    def glyphs(self, start: int, stop: int) -> list[Glyph]:
        """The glyphs from ``start`` to ``stop`` in line order."""
        if self.placed is not None:
            return self.placed[start:stop]
        assert isinstance(self.source, GlyphColumns)
        return self.source.glyphs(self.order[start:stop])


class _ArrayLine(Line):
    """A line made on arrays: its words are a range of the page's placed words
    (:class:`_Placed`), read from its lists; the glyphs are made only when asked for."""

    def __init__(self, placed: _Placed, first_word: int, end_word: int,
                 gap_stats: tuple[float, list[float], float] | None) -> None:
        # (Not the dataclass's __init__: ``words`` is made when it is read.)
        self.gap_stats = gap_stats
        self._placed = placed
        self._first_word = first_word
        self._end_word = end_word

    @cached_property
    def words(self) -> list[list[Glyph]]:  # type: ignore[override]  # made when read
        bounds = self._placed.word_bounds
        return [self._placed.glyphs(bounds[k], bounds[k + 1])
                for k in range(self._first_word, self._end_word)]

    def __repr__(self) -> str:  # as a Line's
        return f"Line(words={self.words!r}, gap_stats={self.gap_stats!r})"

    @property
    def x0(self) -> float:
        return self._placed.word_x0[self._first_word]

    @cached_property
    def text(self) -> str:
        texts, bounds = self._placed.texts, self._placed.word_bounds
        return " ".join("".join(texts[bounds[k]:bounds[k + 1]])
                        for k in range(self._first_word, self._end_word))

    def word_count(self) -> int:
        return self._end_word - self._first_word

    def first_word_width(self) -> float:
        return self._placed.word_x1[self._first_word] - self._placed.word_x0[self._first_word]

    def word_gaps(self) -> list[float]:
        x0, x1 = self._placed.word_x0, self._placed.word_x1
        return [x0[k + 1] - x1[k] for k in range(self._first_word, self._end_word - 1)]

    def _last_word(self) -> list[str]:
        bounds = self._placed.word_bounds
        return self._placed.texts[bounds[self._end_word - 1]:bounds[self._end_word]]

    def last_word_has_alnum(self) -> bool:
        return any(text.isalnum() for text in self._last_word())

    def ends_in_compound_hyphen(self) -> bool:
        last = self._last_word()
        return len(last) > 1 and last[-1] == "-" and last[-2].isalnum()

    def emit(self, out: _Builder) -> None:
        placed = self._placed
        texts, at, bounds = placed.texts, placed.origins, placed.word_bounds
        chars, origins = out.chars, out.origins
        first, end = bounds[self._first_word], bounds[self._end_word]
        letters = placed.letters or sum(map(len, texts[first:end])) == end - first
        for k in range(self._first_word, self._end_word):
            if k > self._first_word:
                chars.append(" ")
                origins.append(None)
            start, end = bounds[k], bounds[k + 1]
            if letters:
                chars.extend(texts[start:end])
                origins.extend(at[start:end])
                continue
            for text, origin in zip(texts[start:end], at[start:end], strict=True):
                if len(text) == 1:
                    chars.append(text)
                    origins.append(origin)
                else:
                    chars.extend(text)
                    origins.extend(range(origin, origin + len(text)))


def _group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The glyphs of each line (see :func:`glyphs_to_lines`), left to right."""
    # (g.middle, g.x0) of each glyph
    keys = list(zip(map(operator.truediv, map(operator.add, map(_TOP, glyphs),
                                              map(_BOTTOM, glyphs)), itertools.repeat(2)),
                    map(_X0, glyphs), strict=True))
    lines: list[list[Glyph]] = []
    first_middle = first_height = 0.0
    for k in sorted(range(len(glyphs)), key=keys.__getitem__):
        g = glyphs[k]
        middle = keys[k][0]
        height = g.bottom - g.top
        if lines:
            half = (height if height > first_height else first_height) / 2  # max(first's, g's)
            if abs(middle - first_middle) <= half:
                lines[-1].append(g)
                continue
        lines.append([g])
        first_middle, first_height = middle, height
    by_x0 = operator.itemgetter(1)  # Glyph.x0
    return [sorted(line, key=by_x0) for line in lines]


def line_to_words(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Split a line into words by the gaps between its glyphs.

    The line's usual letter gap is a low percentile of its gaps: about zero for ordinary
    text, the letter spacing for a letter-spaced line; a word space is clearly wider than
    that. In a line that mixes both, a letter-spaced word first falls apart into single
    letters: a run of them with uniform gaps, narrower than the line's word spaces, is
    joined back (a justified line's spaces are uniform too, but as wide as its other
    spaces).
    """
    return _split_words(glyphs)[0]


def _split_words(glyphs: list[Glyph]
                 ) -> tuple[list[list[Glyph]], tuple[float, list[float], float] | None]:
    """:func:`line_to_words`, with the line's gap statistics it split them by (None for
    a line of one glyph)."""
    if len(glyphs) < 2:
        return ([glyphs] if glyphs else []), None
    stats = em, gaps, usual = _line_gaps(glyphs)
    words: list[list[Glyph]] = [[glyphs[0]]]
    between: list[float] = []
    for before, glyph, gap in zip(glyphs, glyphs[1:], gaps, strict=False):
        # A drawn space counts even when the font's space is narrow.
        hinted = before.space_after and gap > usual + SPACE_HINT_EM * em
        if hinted or gap > usual + WORD_GAP_EM * em:
            words.append([glyph])
            between.append(gap)
        else:
            words[-1].append(glyph)
    return _join_spaced_runs(words, between, em), stats


def _line_gaps(glyphs: list[Glyph]) -> tuple[float, list[float], float]:
    """A line's em (median glyph size), the gaps between its glyphs, and its usual gap."""
    sizes = sorted(map(_SIZE, glyphs))
    half = len(sizes) // 2  # the median, as statistics.median takes it
    em = sizes[half] if len(sizes) % 2 else (sizes[half - 1] + sizes[half]) / 2
    gaps = list(map(operator.sub, map(_X0, itertools.islice(glyphs, 1, None)),
                    map(_X1, glyphs)))  # each glyph's x0 less the x1 of the one before
    ordered = sorted(gaps)
    usual = max(ordered[len(ordered) // 5], 0.0)
    if usual > WORD_GAP_EM * em and sum(
            abs(g - usual) <= SPACED_RUN_TOLERANCE_EM * em for g in gaps) < 2:
        usual = 0.0  # two or three glyphs far apart: words, not a letter-spaced word
    return em, gaps, usual


def _join_spaced_runs(words: list[list[Glyph]], between: list[float],
                      em: float) -> list[list[Glyph]]:
    """Join a letter-spaced word inside an ordinary line.

    Such a word has fallen apart into a run of >= 3 one-letter words with uniform gaps.
    It is joined when those gaps are clearly narrower than the line's word spaces, or
    when a clearly wider gap sets the run apart (the space inside a letter-spaced phrase
    is letter gap + space + letter gap). One-letter words of ordinary text ("а б в") are
    spaced like the line's other words and stay apart.
    """
    out: list[list[Glyph]] = []
    k = 0
    while k < len(words):
        j = k
        while (j + 1 < len(words) and len(words[j]) == 1 and len(words[j + 1]) == 1
               and abs(between[j] - between[k]) <= SPACED_RUN_TOLERANCE_EM * em):
            j += 1
        run = words[k:j + 1]
        if len(run) >= 3 and all(w[0].text.isalpha() for w in run[:-1]):
            letter_gap = max(between[k:j])
            others = [g for x, g in enumerate(between) if not k <= x < j]
            bounds = [between[x] for x in (k - 1, j) if 0 <= x < len(between)]
            narrower = bool(others) and letter_gap < 0.8 * statistics.median(others)
            set_apart = any(b > letter_gap + WORD_GAP_EM * em for b in bounds)
            if narrower or set_apart:
                out.append([g for w in run for g in w])
                k = j + 1
                continue
        out.append(words[k])
        k += 1
    return out


# --- 3. running headers, footers, page numbers ----------------------------------------------


def pages_to_furniture(layouts: list[PageLayout]) -> None:
    """Drop running headers, footers and page numbers from each page's lines (in place).

    A line among the few nearest the top or bottom edge goes when it is running text:
    digits masked, it repeats at the same edge on at least half of the pages (and two),
    and either on nearly all of them or set apart from the body (another font size, or
    more space to the next line than lines of the body have). A body line that happens
    to start two pages (a phrase repeated in an act) is neither. A line at the edge also
    goes when it is the page's own number, a URL, a browser's print stamp, or the legal
    database's footer.
    """
    every = [line for layout in layouts for line in layout.lines]
    if not every:
        return
    body_size = statistics.median(line.size for line in every)
    leading = _usual_leading(layouts)
    edges = [(_edge_lines(layout, top=True), _edge_lines(layout, top=False))
             for layout in layouts]
    pages = len(layouts)
    need = max(2, math.ceil(pages / 2))
    top_counts = Counter(k for top, _ in edges for k in {line.key() for line, _ in top})
    bottom_counts = Counter(k for _, bottom in edges
                            for k in {line.key() for line, _ in bottom})
    for number, (layout, (top, bottom)) in enumerate(zip(layouts, edges, strict=True), 1):
        drop: set[int] = set()
        for candidates, counts in ((top, top_counts), (bottom, bottom_counts)):
            for rank, (line, gap) in enumerate(candidates):
                text = line.text
                count = counts[line.key()]
                apart = abs(line.size - body_size) > 0.1 * body_size or gap > 2 * leading
                running = count >= need and (count >= 0.8 * pages or apart)
                if (running
                        or (rank < 2 and _is_page_number(text, number))
                        or _URL.match(text) or _PRINT_STAMP.match(text)
                        or _LEGAL_SYSTEM_FOOTER.match(text)):
                    drop.add(id(line))
        layout.lines = [line for line in layout.lines if id(line) not in drop]


def _usual_leading(layouts: list[PageLayout]) -> float:
    """The usual white space between one line and the next."""
    gaps = [b.top - a.bottom for layout in layouts
            for a, b in zip(layout.lines, layout.lines[1:], strict=False) if b.top > a.bottom]
    return statistics.median(gaps) if gaps else 0.0


def _is_page_number(text: str, number: int) -> bool:
    """A page number that gives this page's number: a lone "1" at the foot of page 5 is
    an item of the act, not page furniture (numbering that runs from some other start is
    caught by repetition instead)."""
    if not _PAGE_NUMBER.match(text):
        return False
    first = _DIGITS.search(text)
    return first is not None and int(first.group(0)) == number


def _edge_lines(layout: PageLayout, *, top: bool) -> list[tuple[Line, float]]:
    """Lines nearest the top (or bottom) edge, outermost first, within the edge zone,
    each with the white space between it and the next line inwards."""
    zone = EDGE_ZONE * layout.height
    ordered = layout.lines if top else layout.lines[::-1]
    picked = []
    for n, line in enumerate(ordered[:EDGE_LINES]):
        inside = line.bottom <= zone if top else line.top >= layout.height - zone
        if not inside:
            break
        if any((t.bottom > line.top and t.top < line.bottom)
               or (top and t.top < line.top) or (not top and t.bottom > line.bottom)
               for t in layout.tables):
            break  # a table is nearer the edge: this line is body text
        inner = ordered[n + 1] if n + 1 < len(ordered) else None
        if inner is None:
            gap = math.inf
        else:
            gap = inner.top - line.bottom if top else line.top - inner.bottom
        picked.append((line, gap))
    return picked


# --- 4. layout -> text -----------------------------------------------------------------------


class _Builder:
    """Collects output characters with their origins; inserted ones get the next origin."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.origins: list[int | None] = []

    def glyph(self, g: Glyph) -> None:
        if len(g.text) == 1:
            self.chars.append(g.text)
            self.origins.append(g.origin)
            return
        for k, ch in enumerate(g.text):
            self.chars.append(ch)
            self.origins.append(g.origin + k)

    def insert(self, text: str) -> None:
        self.chars.extend(text)
        self.origins.extend([None] * len(text))

    def blank(self) -> None:
        """End the current block with an empty line (never two in a row)."""
        if not self.chars:
            return
        if self.chars[-1] != "\n":
            self.insert("\n")
        if len(self.chars) >= 2 and self.chars[-2] == "\n":
            return
        self.insert("\n")

    def build(self) -> MappedText:
        """The text, ending with exactly one newline."""
        while len(self.chars) >= 2 and self.chars[-1] == self.chars[-2] == "\n":
            self.chars.pop()
            self.origins.pop()
        resolved = fill_back(self.origins, -1)
        values = np.frombuffer(resolved, dtype=np.intc) if len(resolved) else np.zeros(0, np.intc)
        if not (values == -1).any():
            return MappedText("".join(self.chars), resolved)
        last = max(int(values.max()), 0)  # the furthest origin; -1 is none
        filled = array("i")
        filled.frombytes(np.where(values >= 0, values, last).astype(np.intc).tobytes())
        return MappedText("".join(self.chars), filled)


def layout_to_text(layouts: list[PageLayout]) -> MappedText:
    """Lines and table rows in reading order, paragraphs per the reader conventions.

    A line the page's width wrapped (:func:`_wraps`) is joined to the one above, across a
    page break too, so a paragraph's text does not depend on where the print broke its lines:
    what is left for the text stage is one line per paragraph, title and stamp line.
    """
    body = [line for layout in layouts for line in layout.lines]
    left, right = _margins(body)
    indents = _usual_indents(body, left)
    measure = _measure_right(body)
    pitch = _line_pitch(layouts)
    out = _Builder()
    prev: Line | None = None  # the line above, when nothing but a page break came between
    for layout in layouts:
        items: list[Line | TableRows] = [*layout.lines, *layout.tables]
        items.sort(key=lambda item: item.top)
        page_start = True
        for item in items:
            if isinstance(item, TableRows):
                out.blank()
                _emit_table(out, item)
                out.blank()
                prev = None
                page_start = False
                continue
            indented = _is_indented(item, left, right, indents)
            spaced = (prev is not None and not page_start
                      and item.top - prev.top > BLANK_PITCH * pitch)
            if prev is not None and not spaced and _wraps(prev, item, left, measure, indents):
                _unbreak(out, prev)
            else:
                if page_start:
                    out.blank()  # page break
                elif spaced:
                    out.blank()
                if indented:
                    out.insert(INDENT)
            _emit_words(out, item)
            out.insert("\n")
            prev = item
            page_start = False
        if page_start:
            out.blank()
    return out.build()


def _measure_right(lines: list[Line]) -> float:
    """Where the body's lines may reach at most, for telling a wrapped line: the right end
    of the widest line that a break could have shortened (two words or more, the last one
    with a letter or digit). A run of underscores ("1.______", a form's blank) that no break
    can split may overflow the measure; a line that could break never does."""
    return max((line.x1 for line in lines
                if line.word_count() > 1 and line.last_word_has_alnum()), default=0.0)


def _unbreak(out: _Builder, above: Line) -> None:
    """Take back the line break after ``above``: a space, or nothing after a hyphen that
    ends a word (a compound wrapped at its hyphen, "ақпараттық-коммуникациялық")."""
    while out.chars and out.chars[-1] == "\n":
        out.chars.pop()
        out.origins.pop()
    if not above.ends_in_compound_hyphen():
        out.insert(" ")


def _wraps(above: Line, line: Line, left: float, measure: float,
           indents: Sequence[float]) -> bool:
    """Whether ``line`` goes on with the paragraph of ``above`` because the line was full.

    Both start at the body's left margin (``above`` may start at a usual indent), and the
    first word of ``line`` would not have fitted at the end of ``above`` (after a space as
    wide as those of ``above``, before the ``measure``: :func:`_measure_right`). Centred lines of one block (a title wrapped over lines)
    go on too. Anything else (a short last line, a stamp set flush right) is left to the
    text stage.
    """
    em = line.size
    if abs(above.size - em) > 0.1 * em:
        return False
    at_margin = line.x0 - left < INDENT_EM * em
    at_indent = any(abs(line.x0 - x) <= INDENT_TOLERANCE for x in indents)
    above_start = above.x0 - left < INDENT_EM * above.size or any(
        abs(above.x0 - x) <= INDENT_TOLERANCE for x in indents)
    if at_margin and above_start:
        gaps = above.word_gaps()
        space = max(statistics.median(gaps) if gaps else 0.0, 0.2 * em)
        return above.x1 + space + line.first_word_width() > measure
    # Lines of one centred block (a title): centred on one another (a letter-spaced
    # title's lines all lean left by half a letter gap), the upper open, the lower going on
    # with a small letter.
    centres_agree = abs((above.x0 + above.x1) - (line.x0 + line.x1)) / 2 <= em / 2
    return (centres_agree and not at_margin and not at_indent and not above_start
            and not above.text.endswith(_TERMINAL) and line.text[:1].islower())


def _emit_words(out: _Builder, line: Line) -> None:
    line.emit(out)


def _emit_glyph_words(out: _Builder, line: Line) -> None:
    chars, origins = out.chars, out.origins
    glyphs = line.glyphs
    texts = list(map(_TEXT, glyphs))
    if len(texts) == sum(map(len, texts)):  # a letter per glyph: the line's chars at once
        at = list(map(_ORIGIN, glyphs))
        start = 0
        for n, word in enumerate(line.words):
            if n:
                chars.append(" ")  # out.insert(" "), inlined: a call per word adds up
                origins.append(None)
            end = start + len(word)
            chars.extend(texts[start:end])
            origins.extend(at[start:end])
            start = end
        return
    for n, word in enumerate(line.words):
        if n:
            chars.append(" ")
            origins.append(None)
        for g in word:
            if len(g.text) == 1:
                chars.append(g.text)
                origins.append(g.origin)
            else:
                out.glyph(g)


def _emit_table(out: _Builder, table: TableRows) -> None:
    for row in table.rows:
        for c, cell in enumerate(row):
            if c:
                out.insert("\t")
            for n, line in enumerate(cell):
                # The row is one line, so wrapped cell lines are joined here; a line
                # ending in a hyphen is a compound cut at the hyphen ("веб-\nпорталы").
                if n and not cell[n - 1].text.endswith("-"):
                    out.insert(" ")
                _emit_words(out, line)
        out.insert("\n")


def _margins(lines: list[Line]) -> tuple[float, float]:
    """The body's left and right edges: the outermost positions several lines share."""
    if not lines:
        return 0.0, 0.0
    need = max(2, len(lines) // 20)
    lefts = Counter(round(line.x0) for line in lines)
    rights = Counter(round(line.x1) for line in lines)
    shared_left = [x for x, n in lefts.items() if n >= need]
    shared_right = [x for x, n in rights.items() if n >= need]
    left = min(shared_left) if shared_left else min(lefts)
    right = max(shared_right) if shared_right else max(rights)
    return float(left), float(right)


def _line_pitch(layouts: list[PageLayout]) -> float:
    """The usual distance from one line's top to the next one's."""
    steps = [b.top - a.top for layout in layouts
             for a, b in zip(layout.lines, layout.lines[1:], strict=False) if b.top > a.top]
    return statistics.median(steps) if steps else math.inf


def _usual_indents(lines: list[Line], left: float) -> list[float]:
    """Where the body's first-line indents start: positions right of the margin (by an
    indent's width) at which several lines start. A paragraph's first line starts there
    whatever its length; a centred line starts wherever its length puts it."""
    need = max(3, len(lines) // 50)
    starts = Counter(round(line.x0 * 2) / 2 for line in lines
                     if INDENT_EM * line.size <= line.x0 - left < RIGHT_ALIGNED_EM * line.size)
    return sorted(x for x, n in starts.items() if n >= need)


def _is_indented(line: Line, left: float, right: float, indents: Sequence[float] = ()) -> bool:
    """A first-line indent: the line starts right of the margin, is not centred, and is
    not a short line set flush right (an appendix's "... бұйрығына 1-қосымша" block).

    A line that starts at one of the body's usual indents (:func:`_usual_indents`) is
    indented even when it looks centred: in ragged text a first line's right end may fall
    as far from the right margin as its indent is from the left one."""
    em = line.size
    left_gap = line.x0 - left
    if left_gap < INDENT_EM * em:
        return False
    right_gap = right - line.x1
    flush_right = right_gap < em / 2 and left_gap > RIGHT_ALIGNED_EM * em
    if flush_right:
        return False
    if any(abs(line.x0 - x) <= INDENT_TOLERANCE for x in indents):
        return True
    centred = abs(left_gap - right_gap) <= em / 2
    return not centred
