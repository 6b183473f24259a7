"""The PDF reader's fast path: a page's characters from pdfium's text page.

pdfplumber (pdfminer) parses every content stream in Python, which is most of the time a PDF
takes to read. pdfium (``pypdfium2``, which pdfplumber already installs) parses in C and
gives, per character, its text, its box and its font size: the same facts
:func:`shezhire.extract.readers.pdf.pdf_to_pages` takes from pdfplumber, built to the same
measure (a char's box runs from the font's descent to one em above it, its width is the
glyph's advance, its size the font size times the text's scale).

A page takes the fast path only when nothing on it needs pdfplumber's geometry, which is
checked first and cheaply:

- no path object (lines, rectangles, curves): those are the rules of a table, which only
  pdfplumber's table finder turns into cells;
- no rotation, a media box at the origin and no crop box apart from it: the two readers
  would place the characters alike, but this is not worth the risk;
- every character upright and unskewed, and mapped to Unicode.

Any other page, and any PDF that pdfium cannot open, is read by pdfplumber as before:
:func:`pdfium_pages` returns None for such a page (or for the whole file), never a guess.
Letter-spaced titles and hyperlinked words painted out of order need nothing special: the
reader's layout stage works from the boxes, whichever library gave them.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


@dataclass(frozen=True)
class PageChars:
    """One page read by pdfium: its size and its characters as pdfplumber's char dicts."""

    width: float
    height: float
    chars: list[dict[str, Any]]


_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_SPACES = frozenset(map(ord, " \t\r\n\u00a0"))


def pdfium_pages(data: bytes, page_limit: int | None = None
                 ) -> tuple[int, list[PageChars | None]] | None:
    """The page count, and each page's size and characters read by pdfium, or None for a
    page that pdfplumber must read; None for a file pdfium cannot open (pdfplumber then
    reads it, and names its problem). No page is read when there are more than
    ``page_limit``: the list is then empty.
    """
    try:
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, OSError, ValueError):
        return None
    try:
        count = len(document)
        if page_limit is not None and count > page_limit:
            return count, []
        pages: list[PageChars | None] = []
        for index in range(count):
            page = document[index]
            try:
                pages.append(_page(page))
            finally:
                page.close()
        return count, pages
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _page(page: pdfium.PdfPage) -> PageChars | None:
    if page.get_rotation() or not _plain_boxes(page) or _has_path(page.raw):
        return None
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, height)
    finally:
        textpage.close()
    return None if chars is None else PageChars(float(width), float(height), chars)


def _plain_boxes(page: pdfium.PdfPage) -> bool:
    media = page.get_mediabox()
    return bool(media[0] == 0 and media[1] == 0 and page.get_cropbox() == media)


def _has_path(page: Any) -> bool:
    """Whether the page (or a form drawn on it) holds a path object."""
    stack = [(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject)]
    while stack:
        owner, count, get = stack.pop()
        for k in range(count(owner)):
            obj = get(owner, k)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == _PATH:
                return True
            if kind == _FORM:
                stack.append((obj, pdfium_c.FPDFFormObj_CountObjects,
                              pdfium_c.FPDFFormObj_GetObject))
    return False


def _chars(textpage: Any, height: float) -> list[dict[str, Any]] | None:
    """The page's drawn characters in stream order, as pdfplumber's char dicts (the keys
    the reader uses), or None when one of them is not plain upright text.

    Built to pdfminer's measure, not from pdfium's char boxes (which take in the ink of a
    glyph's tail or overhang): x0 is the glyph's origin, x1 the origin plus its advance
    (the font's width), the box runs from the font's descent to one em above it.
    """
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    units = buffer[:count]
    x, y = ctypes.c_double(), ctypes.c_double()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    origin = pdfium_c.FPDFText_GetCharOrigin
    get_matrix = pdfium_c.FPDFText_GetMatrix
    font_size = pdfium_c.FPDFText_GetFontSize
    text_object = pdfium_c.FPDFText_GetTextObject
    object_font = pdfium_c.FPDFTextObj_GetFont
    generated = pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    metrics = _FontMetrics()
    chars: list[dict[str, Any]] = []
    last = (math.nan, math.nan)
    index = 0
    while index < count:
        unit = units[index]
        at = index
        index += 1
        if unit in _SPACES and generated(textpage, at):
            continue  # pdfium's own word and line breaks: pdfplumber has no such chars
        if 0xD800 <= unit < 0xDC00 and index < count and 0xDC00 <= units[index] < 0xE000:
            text = chr(0x10000 + ((unit - 0xD800) << 10) + (units[index] - 0xDC00))
            index += 1
        else:
            text = chr(unit)
        if unit in (0, 0xFFFE, 0xFFFF) or map_error(textpage, at) == 1:
            return None
        if not (origin(textpage, at, x_ref, y_ref) and get_matrix(textpage, at, matrix_ref)):
            return None
        if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
            return None  # rotated, skewed or mirrored text: pdfplumber's
        here = (x.value, y.value)
        joins = chars and here == last
        last = here
        tf_size = font_size(textpage, at)
        font = object_font(text_object(textpage, at))
        if not font:
            return None
        if joins:
            # pdfium spells a ligature's glyph ("ﬁ") as its letters, all from one origin;
            # pdfplumber keeps the glyph whole, with the ligature's advance.
            letters = str(chars[-1]["text"]).translate(_SPELLED) + text
            ligature = _LIGATURES.get(letters)
            if ligature is None:
                if letters in _LIGATURE_STARTS:
                    chars[-1]["text"] = letters
                    continue
                return None
            width = metrics.width(font, ligature, tf_size)
            if width is None:
                return None
            chars[-1].update(text=ligature, x1=chars[-1]["x0"] + width * matrix.a)
            continue
        width = metrics.width(font, text, tf_size)
        descent = metrics.descent(font, tf_size)
        if width is None or descent is None:
            return None
        size = tf_size * matrix.d
        bottom = height - (here[1] + descent * matrix.d)
        chars.append({"text": text, "x0": here[0], "x1": here[0] + width * matrix.a,
                      "top": bottom - size, "bottom": bottom, "size": size, "upright": True})
    return chars


class _FontMetrics:
    """A font's advance widths and descent at a size, asked of pdfium once each."""

    def __init__(self) -> None:
        self.widths: dict[tuple[int, str, float], float | None] = {}
        self.descents: dict[tuple[int, float], float | None] = {}

    def width(self, font: Any, text: str, size: float) -> float | None:
        key = (_address(font), text, size)
        if key not in self.widths:
            width = ctypes.c_float()
            found = len(text) == 1 and pdfium_c.FPDFFont_GetGlyphWidth(
                font, ord(text), size, ctypes.byref(width))
            self.widths[key] = width.value if found else None
        return self.widths[key]

    def descent(self, font: Any, size: float) -> float | None:
        key = (_address(font), size)
        if key not in self.descents:
            descent = ctypes.c_float()
            found = pdfium_c.FPDFFont_GetDescent(font, size, ctypes.byref(descent))
            self.descents[key] = descent.value if found else None
        return self.descents[key]


def _address(handle: Any) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ"}
_SPELLED = str.maketrans({ligature: letters for letters, ligature in _LIGATURES.items()})
_LIGATURE_STARTS = frozenset(k[:n] for k in _LIGATURES for n in range(1, len(k)))
