"""The PDF reader's fast path: a page's characters from pdfium's text page.

pdfplumber (pdfminer) parses every content stream in Python, which is most of the time a PDF
takes to read. pdfium (``pypdfium2``, which pdfplumber already installs) parses in C and
gives, per character, its text, its box and its font size (asked through cffi, half the
cost of a ctypes call: :mod:`.pdfium_cffi`): the same facts
:func:`shezhire.extract.readers.pdf.pdf_to_pages` takes from pdfplumber, built to the same
measure (a char's box runs from the font's descent to one em above it, its width is the
glyph's advance, its size the font size times the text's scale).

A page takes the fast path unless something on it needs pdfplumber, which is checked first
and cheaply:

- its path objects (lines, rectangles) are read as pdfplumber's edges (their straight sides),
  which pdfplumber's table finder turns into cells as it does on its own pages; a Bézier
  segment, or a path inside a form, sends the page to pdfplumber;
- no rotation, a media box at the origin and no crop box apart from it;
- every character upright and unskewed, and mapped to Unicode (pdfium's mark for a hyphen
  that ends a line is read as the "-" it is).

pdfium reports no space the producer drew; where a page's words depend on them (a gap only
a drawn space decides), :func:`pdfium_drawn_spaces` finds them among the page's text objects,
or pdfplumber reads that page. Any other page, and any PDF that pdfium cannot open, is read
by pdfplumber as before: :func:`pdfium_pages` returns None for such a page (or for the whole
file), never a guess. Letter-spaced titles and hyperlinked words painted out of order need
nothing special: the reader's layout stage works from the boxes, whichever library gave them.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shezhire.extract.readers.pdfium_cffi import ffi, handle, lib


@dataclass(frozen=True)
class PageChars:
    """One page read by pdfium: its size and its characters as pdfplumber's char dicts."""

    width: float
    height: float
    chars: list[dict[str, Any]]
    # The rules drawn on the page (path objects' straight sides) as pdfplumber's edge dicts.
    edges: list[dict[str, Any]] = field(default_factory=list)


_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
_LINE_END_HYPHEN = 0x02  # pdfium's code for a "-" it found at a line's end
_SPACES = frozenset(map(ord, " \t\r\n\u00a0"))


def pdfium_pages(data: bytes, page_limit: int | None = None
                 ) -> tuple[int, list[PageChars | None]] | None:
    """The page count, and each page's size and characters read by pdfium, or None for a
    page that pdfplumber must read; None for a file pdfium cannot open (pdfplumber then
    reads it, and names its problem). No page is read when there are more than
    ``page_limit``: the list is then empty.
    """
    if lib is None:
        return None  # cffi cannot open pypdfium2's library: pdfplumber reads the file
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
    if page.get_rotation() or not _plain_boxes(page):
        return None
    objects = _page_objects(handle(page.raw), texts=False)
    if objects is None:
        return None
    width, height = page.get_size()
    edges = _path_edges(objects[1], height)
    if edges is None:
        return None
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage.raw, handle(textpage.raw), height)
    finally:
        textpage.close()
    return None if chars is None else PageChars(float(width), float(height), chars, edges)


def pdfium_drawn_spaces(data: bytes, number: int, chars: list[dict[str, Any]]) -> bool:
    """Mark (``"space_after"``) the chars of page ``number`` that the producer drew a space
    right after, among those :func:`pdfium_pages` gave for it; False when pdfium cannot
    tell where the spaces are (then pdfplumber must read the page).

    pdfium leaves the spaces a producer draws out of its text (it puts its own where it
    sees word breaks), but a space drawn as a text object of its own is still an object,
    one whose text is empty. That tells every drawn space, and the glyph it follows in the
    stream, when every text object draws one glyph, as chromium's do. Asked only for a page whose words a drawn space may decide.
    """
    if lib is None:
        return False
    try:
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, OSError, ValueError):
        return False
    try:
        page = document[number]
        textpage = page.get_textpage()
        try:
            objects = _page_objects(handle(page.raw))
            if objects is None:
                return False
            glyphs, spaces = _drawn_spaces(handle(textpage.raw), objects[0])
        finally:
            textpage.close()
            page.close()
    except pdfium.PdfiumError:
        return False
    finally:
        document.close()
    if spaces is None or glyphs != len(chars):
        return False
    _mark_spaces(chars, spaces)
    return True


def _page_objects(page: Any, *, texts: bool = True
                  ) -> tuple[list[Any], list[Any]] | None:
    """The page's text objects (None for a form's; none listed unless ``texts``) and path
    objects, or None when a form drawn on the page holds a path (placed by the form's
    matrix: pdfplumber's)."""
    text_objects: list[Any] = []
    paths: list[Any] = []
    stack = [(page, lib.FPDFPage_CountObjects, lib.FPDFPage_GetObject, True)]
    kind_of = lib.FPDFPageObj_GetType
    while stack:
        owner, count, get, own = stack.pop()
        for k in range(count(owner)):
            obj = get(owner, k)
            kind = kind_of(obj)
            if kind == _TEXT:
                if texts:
                    text_objects.append(obj if own else None)
            elif kind == _PATH:
                if not own:
                    return None
                paths.append(obj)
            elif kind == _FORM:
                stack.append((obj, lib.FPDFFormObj_CountObjects,
                              lib.FPDFFormObj_GetObject, False))
    return text_objects, paths


def _path_edges(paths: list[Any], height: float) -> list[dict[str, Any]] | None:
    """The straight sides of the page's painted paths, in page space, as the edges
    pdfplumber makes of pdfminer's lines, rectangles and curves (its table finder's input);
    None when a path has a Bézier segment (pdfplumber's)."""
    edges: list[dict[str, Any]] = []
    matrix = ffi.new("float[6]")
    modes = ffi.new("int[2]")
    point_xy = ffi.new("float[2]")
    for path in paths:
        if not lib.FPDFPath_GetDrawMode(path, modes, modes + 1):
            return None
        if not modes[0] and not modes[1]:
            continue  # painted with nothing ("n"): no object for pdfminer
        if not lib.FPDFPageObj_GetMatrix(path, matrix):
            return None
        a, b, c, d, e, f = matrix
        start: tuple[float, float] | None = None
        here: tuple[float, float] | None = None
        for k in range(lib.FPDFPath_CountSegments(path)):
            segment = lib.FPDFPath_GetPathSegment(path, k)
            kind = lib.FPDFPathSegment_GetType(segment)
            if not lib.FPDFPathSegment_GetPoint(segment, point_xy, point_xy + 1):
                return None
            x, y = point_xy
            point = (a * x + c * y + e, height - (b * x + d * y + f))
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = here = point
                continue
            if kind != pdfium_c.FPDF_SEGMENT_LINETO or here is None:
                return None  # a Bézier curve, or a line from nowhere
            edges.append(_edge(here, point))
            here = point
            if lib.FPDFPathSegment_GetClose(segment) and start is not None \
                    and start != here:
                edges.append(_edge(here, start))
                here = start
    return edges


def _edge(p0: tuple[float, float], p1: tuple[float, float]) -> dict[str, Any]:
    x0, x1 = sorted((p0[0], p1[0]))
    top, bottom = sorted((p0[1], p1[1]))
    orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    return {"object_type": "path_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "doctop": top, "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def _drawn_spaces(textpage: Any, objects: list[Any]
                  ) -> tuple[int, list[tuple[int, float]] | None]:
    """How many text objects draw a glyph pdfium reads, and for each drawn space (a text
    object whose text is empty) how many glyph objects came before it and where it
    starts; None when that cannot be told (text inside a form)."""
    buffer = ffi.new("unsigned short[8]")
    get_text = lib.FPDFTextObj_GetText
    get_matrix = lib.FPDFPageObj_GetMatrix
    matrix = ffi.new("float[6]")
    glyphs = 0
    spaces: list[tuple[int, float]] = []
    for obj in objects:
        if obj is None:
            return glyphs, None
        if get_text(obj, textpage, buffer, ffi.sizeof(buffer)) > 2:
            glyphs += 1
        elif get_matrix(obj, matrix):
            spaces.append((glyphs, matrix[4]))
    return glyphs, spaces


def _mark_spaces(chars: list[dict[str, Any]], spaces: list[tuple[int, float]]) -> None:
    """Mark the char a drawn space follows in the content stream, when the space starts
    where the char ends (within 1pt), as
    :func:`shezhire.extract.readers.pdf.page_to_raw` takes pdfplumber's spaces."""
    for before, x in spaces:
        if before and abs(x - chars[before - 1]["x1"]) < 1:
            chars[before - 1]["space_after"] = True


def _plain_boxes(page: pdfium.PdfPage) -> bool:
    media = page.get_mediabox()
    return bool(media[0] == 0 and media[1] == 0 and page.get_cropbox() == media)


def _chars(textpage: Any, text_page: Any, height: float) -> list[dict[str, Any]] | None:
    """The page's drawn characters in stream order, as pdfplumber's char dicts (the keys
    the reader uses), or None when one of them is not plain upright text. ``textpage`` is
    pypdfium2's handle of the text page, ``text_page`` the same as a cffi pointer (the
    calls made per character go through cffi: :mod:`.pdfium_cffi`).

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
    xy = ffi.new("double[2]")
    x_out, y_out = xy, xy + 1
    matrix = ffi.new("float[6]")  # a, b, c, d, e, f
    origin = lib.FPDFText_GetCharOrigin
    get_matrix = lib.FPDFText_GetMatrix
    font_size = lib.FPDFText_GetFontSize
    text_object = lib.FPDFText_GetTextObject
    object_font = lib.FPDFTextObj_GetFont
    generated = lib.FPDFText_IsGenerated
    map_error = lib.FPDFText_HasUnicodeMapError
    # (font, text, font size) -> (advance, descent) at that size; a cffi pointer hashes and
    # compares by its address, so the font's handle is its key.
    metrics: dict[tuple[Any, str, float], tuple[float, float] | None] = {}
    chars: list[dict[str, Any]] = []
    last_x = last_y = math.nan
    get_known = metrics.get
    append = chars.append
    spaces = _SPACES
    low_half = False  # this unit is the second half of a surrogate pair, already read
    for at, unit in enumerate(units):
        if low_half:
            low_half = False
            continue
        if unit in spaces and generated(text_page, at):
            continue  # pdfium's own word and line breaks: pdfplumber has no such chars
        if 0xD800 <= unit < 0xDC00 and at + 1 < count and 0xDC00 <= units[at + 1] < 0xE000:
            text = chr(0x10000 + ((unit - 0xD800) << 10) + (units[at + 1] - 0xDC00))
            low_half = True
        else:
            text = chr(unit)
        if unit == 0xFFFE and lib.FPDFText_GetUnicode(text_page, at) == _LINE_END_HYPHEN:
            text = "-"  # pdfium marks a hyphen that ends a line; pdfplumber reads it as drawn
        elif unit in (0, 0xFFFE, 0xFFFF) or map_error(text_page, at) == 1:
            return None
        if not (origin(text_page, at, x_out, y_out) and get_matrix(text_page, at, matrix)):
            return None
        a, b, c, d = matrix[0], matrix[1], matrix[2], matrix[3]
        if b or c or a <= 0 or d <= 0:
            return None  # rotated, skewed or mirrored text: pdfplumber's
        x, y = xy[0], xy[1]
        joins = x == last_x and y == last_y and chars
        last_x, last_y = x, y
        tf_size = font_size(text_page, at)
        font = object_font(text_object(text_page, at))
        if not font:
            return None  # a NULL pointer
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
            found = _metrics(metrics, font, ligature, tf_size)
            if found is None:
                return None
            chars[-1].update(text=ligature, x1=chars[-1]["x0"] + found[0] * a)
            continue
        found = get_known((font, text, tf_size), _UNKNOWN)
        if found is _UNKNOWN:
            found = _metrics(metrics, font, text, tf_size)
        if found is None:
            return None
        width, descent = found
        size = tf_size * d
        bottom = height - (y + descent * d)
        append({"text": text, "x0": x, "x1": x + width * a,
                "top": bottom - size, "bottom": bottom, "size": size, "upright": True})
    return chars


_UNKNOWN = (math.nan, math.nan)  # not asked yet (None: asked, and pdfium has no width)


def _metrics(known: dict[tuple[Any, str, float], tuple[float, float] | None], font: Any,
             text: str, size: float) -> tuple[float, float] | None:
    """A glyph's advance and its font's descent at ``size``, asked of pdfium once per font,
    text and size (filed in ``known``); None when pdfium has no width for it."""
    key = (font, text, size)
    value: tuple[float, float] | None = None
    out = ffi.new("float[2]")  # the width, the descent
    if (len(text) == 1 and lib.FPDFFont_GetGlyphWidth(font, ord(text), size, out)
            and lib.FPDFFont_GetDescent(font, size, out + 1)):
        value = (out[0], out[1])
    known[key] = value
    return value


_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ"}
_SPELLED = str.maketrans({ligature: letters for letters, ligature in _LIGATURES.items()})
_LIGATURE_STARTS = frozenset(k[:n] for k in _LIGATURES for n in range(1, len(k)))
