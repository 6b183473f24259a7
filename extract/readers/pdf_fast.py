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
    the reader uses), or None when one of them is not plain upright text."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    buffer = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    units = buffer[:count]
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    box_ref, matrix_ref = ctypes.byref(box), ctypes.byref(matrix)
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    get_matrix = pdfium_c.FPDFText_GetMatrix
    font_size = pdfium_c.FPDFText_GetFontSize
    generated = pdfium_c.FPDFText_IsGenerated
    map_error = pdfium_c.FPDFText_HasUnicodeMapError
    chars: list[dict[str, Any]] = []
    last_right = math.nan
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
        if not (loose_box(textpage, at, box_ref) and get_matrix(textpage, at, matrix_ref)):
            return None
        if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
            return None  # rotated, skewed or mirrored text: pdfplumber's
        joins = chars and box.left == last_right and _same_origin(textpage, at)
        last_right = box.right
        if joins:
            # pdfium spells a ligature's glyph ("ﬁ") as its letters, each with a part of
            # its box; pdfplumber keeps the glyph whole, with its advance as its width.
            if not _join_ligature(textpage, at, chars[-1], text, matrix.a):
                return None
            continue
        size = font_size(textpage, at) * matrix.d
        bottom = height - box.bottom
        chars.append({"text": text, "x0": box.left, "x1": box.right, "top": bottom - size,
                      "bottom": bottom, "size": size, "upright": True, "at": at})
    for char in chars:
        del char["at"]
    return chars


_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ"}


def _origin(textpage: Any, index: int) -> tuple[float, float]:
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    return x.value, y.value


def _same_origin(textpage: Any, index: int) -> bool:
    """Whether char ``index`` is drawn from the same origin as the one before it: the two
    are parts of one glyph."""
    return _origin(textpage, index) == _origin(textpage, index - 1)


def _join_ligature(textpage: Any, index: int, char: dict[str, Any], text: str,
                   scale: float) -> bool:
    """Join char ``index`` (``text``) to ``char``, the glyph it is part of: its letters,
    its origin as x0 and the ligature's advance as its width. False when the glyph is not
    a ligature whose width the font gives."""
    letters = str(char["text"]).translate(_SPELLED) + text
    ligature = _LIGATURES.get(letters)
    if ligature is None and len(letters) > 3:
        return False
    width = ctypes.c_float()
    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(textpage, index))
    if ligature is not None and not (font and pdfium_c.FPDFFont_GetGlyphWidth(
            font, ord(ligature), pdfium_c.FPDFText_GetFontSize(textpage, index),
            ctypes.byref(width))):
        return False
    x0 = _origin(textpage, char["at"])[0]
    # The glyph's text as the font maps it ("ﬁ"); the reader spells ligatures out anyway.
    char.update(text=ligature or letters, x0=x0,
                x1=x0 + width.value * scale if ligature else char["x1"])
    return ligature is not None or letters in _LIGATURE_STARTS


_SPELLED = str.maketrans({ligature: letters for letters, ligature in _LIGATURES.items()})
_LIGATURE_STARTS = frozenset(k[:n] for k in _LIGATURES for n in range(1, len(k)))
