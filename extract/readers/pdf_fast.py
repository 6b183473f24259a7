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

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shezhire.extract.readers.pdfium_cffi import ffi, handle, lib


@dataclass
class CharColumns:
    """A page's characters as columns, one entry per char in stream order: the facts of
    pdfplumber's char dicts (all upright), kept as arrays so that the reader's first
    stages (twins, raw text) work on whole columns instead of a dict per char."""

    text: list[str]
    x0: np.ndarray
    x1: np.ndarray
    top: np.ndarray
    bottom: np.ndarray
    size: np.ndarray
    # The producer drew a space right after this char (:func:`pdfium_drawn_spaces`).
    space_after: np.ndarray
    # Each char's code point (-1 for a text of more than one letter), when the reader
    # knows them (pdfium's chars do): the later stages then test the texts on this array
    # (one letter each? a space? a ligature? the same text?), not a string at a time.
    codes: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.text)

    def take(self, keep: np.ndarray) -> CharColumns:
        """The chars at the indexes ``keep``, in that order."""
        return CharColumns([self.text[k] for k in keep.tolist()], self.x0[keep],
                           self.x1[keep], self.top[keep], self.bottom[keep], self.size[keep],
                           self.space_after[keep],
                           None if self.codes is None else self.codes[keep])

    def dicts(self) -> list[dict[str, Any]]:
        """The chars as pdfplumber's char dicts (the keys the reader uses)."""
        chars: list[dict[str, Any]] = [
            {"text": t, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "size": size,
             "upright": True}
            for t, x0, x1, top, bottom, size in zip(
                self.text, self.x0.tolist(), self.x1.tolist(), self.top.tolist(),
                self.bottom.tolist(), self.size.tolist(), strict=True)]
        for k in np.flatnonzero(self.space_after).tolist():
            chars[k]["space_after"] = True
        return chars


@dataclass(frozen=True)
class PageChars:
    """One page read by pdfium: its size and its characters."""

    width: float
    height: float
    columns: CharColumns
    # The rules drawn on the page (path objects' straight sides) as pdfplumber's edge dicts.
    edges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def chars(self) -> list[dict[str, Any]]:
        """The characters as pdfplumber's char dicts."""
        return self.columns.dicts()


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
        owner = handle(document.raw)
        for index in range(count):
            # The page straight through cffi: pypdfium2's page object (a finalizer and a
            # registration with its document, each page and text page) is not needed here.
            page = lib.FPDF_LoadPage(owner, index)
            if page == ffi.NULL:
                raise pdfium.PdfiumError("Failed to load page.")
            try:
                pages.append(_page(page))
            finally:
                lib.FPDF_ClosePage(page)
        return count, pages
    except pdfium.PdfiumError:
        return None
    finally:
        document.close()


def _page(page: Any) -> PageChars | None:
    """One page (a cffi pointer to pdfium's page) read, or None for pdfplumber."""
    rotation = lib.FPDFPage_GetRotation(page)
    if rotation == -1:
        raise pdfium.PdfiumError("Failed to get page rotation.")
    if rotation or not _plain_boxes(page):
        return None
    width, height = lib.FPDF_GetPageWidthF(page), lib.FPDF_GetPageHeightF(page)
    textpage = lib.FPDFText_LoadPage(page)
    if textpage == ffi.NULL:
        raise pdfium.PdfiumError("Failed to load text page.")
    text_objects: set[Any] = set()
    try:
        chars = _chars(textpage, height, text_objects)
    finally:
        lib.FPDFText_ClosePage(textpage)
    if chars is None:
        return None
    # The chars' text objects are known to be text: only the page's other objects are
    # asked their type (the spaces drawn as objects of their own, the rules, forms).
    objects = _page_objects(page, texts=False, known=text_objects)
    if objects is None:
        return None
    edges = _path_edges(objects[1], height)
    if edges is None:
        return None
    return PageChars(float(width), float(height), chars, edges)


def pdfium_drawn_spaces(data: bytes, number: int, chars: CharColumns) -> bool:
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


def _page_objects(page: Any, *, texts: bool = True, known: set[Any] | None = None
                  ) -> tuple[list[Any], list[Any]] | None:
    """The page's text objects (None for a form's; none listed unless ``texts``) and path
    objects, or None when a form drawn on the page holds a path (placed by the form's
    matrix: pdfplumber's). ``known``: objects known to be text objects, whose type is not
    asked (not with ``texts``)."""
    text_objects: list[Any] = []
    paths: list[Any] = []
    stack = [(page, lib.FPDFPage_CountObjects, lib.FPDFPage_GetObject, True)]
    get_type = lib.FPDFPageObj_GetType
    while stack:
        owner, count, get, own = stack.pop()
        number = count(owner)
        # Two calls per object (a text object per glyph, on chromium's pages), by ``map``;
        # one for an object known to be text.
        objects = list(map(get, [owner] * number, range(number)))
        if known and not texts:
            kinds = np.full(number, _TEXT, dtype=np.int64)
            unknown = np.flatnonzero(
                ~np.fromiter(map(known.__contains__, objects), bool, number))
            kinds[unknown] = list(map(get_type, map(objects.__getitem__, unknown.tolist())))
        else:
            kinds = np.fromiter(map(get_type, objects), np.int64, number)
        if texts:
            found = np.flatnonzero(kinds == _TEXT).tolist()
            text_objects.extend([objects[k] for k in found] if own else [None] * len(found))
        found = np.flatnonzero(kinds == _PATH).tolist()
        if found and not own:
            return None
        paths.extend(objects[k] for k in found)
        stack.extend((objects[k], lib.FPDFFormObj_CountObjects, lib.FPDFFormObj_GetObject,
                      False) for k in np.flatnonzero(kinds == _FORM).tolist())
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


def _mark_spaces(chars: CharColumns, spaces: list[tuple[int, float]]) -> None:
    """Mark the char a drawn space follows in the content stream, when the space starts
    where the char ends (within 1pt), as
    :func:`shezhire.extract.readers.pdf.page_to_raw` takes pdfplumber's spaces."""
    for before, x in spaces:
        if before and abs(x - float(chars.x1[before - 1])) < 1:
            chars.space_after[before - 1] = True


def _plain_boxes(page: Any) -> bool:
    """A media box at the origin and no crop box apart from it (each box as pypdfium2
    gives it: a missing media box is US Letter's, a missing crop box the media box)."""
    media = _box(lib.FPDFPage_GetMediaBox, page) or (0, 0, 612, 792)
    crop = _box(lib.FPDFPage_GetCropBox, page) or media
    return bool(media[0] == 0 and media[1] == 0 and crop == media)


def _box(get: Any, page: Any) -> tuple[float, float, float, float] | None:
    corners = ffi.new("float[4]")  # left, bottom, right, top
    if not get(page, corners, corners + 1, corners + 2, corners + 3):
        return None
    return corners[0], corners[1], corners[2], corners[3]


def _chars(text_page: Any, height: float, text_objects: set[Any] | None = None
           ) -> CharColumns | None:
    """The page's drawn characters in stream order (the facts of pdfplumber's char
    dicts), or None when one of them is not plain upright text. ``text_page`` is
    the text page as a cffi pointer (:mod:`.pdfium_cffi`); the text objects that draw
    the chars are added to ``text_objects``.

    Built to pdfminer's measure, not from pdfium's char boxes (which take in the ink of a
    glyph's tail or overhang): x0 is the glyph's origin, x1 the origin plus its advance
    (the font's width), the box runs from the font's descent to one em above it.

    pdfium has no call that gives many chars' facts at once, so each fact of each char is
    one call; they are made by ``map`` over the page's char indexes (no Python step per
    call) into buffers, and what is made of the facts (the checks, the boxes, the
    ligatures' joins) is worked out over whole arrays: a Python loop over the chars, with
    its look-ups and branches, cost as much as the calls themselves.
    """
    count = lib.FPDFText_CountChars(text_page)
    if count <= 0:
        return _no_chars()
    text_buffer = ffi.new("unsigned short[]", count + 1)
    lib.FPDFText_GetText(text_page, 0, count, text_buffer)
    units = np.frombuffer(ffi.buffer(text_buffer), np.uint16)[:count].astype(np.int64)
    index = _drawn_indexes(text_page, units)
    codes = units[index]  # each drawn char's code point (a surrogate pair's whole)
    pairs = np.flatnonzero(_pair_starts(units)[index])
    if pairs.size:
        low = units[index[pairs] + 1]
        codes[pairs] = 0x10000 + ((codes[pairs] - 0xD800) << 10) + (low - 0xDC00)
    at = index.tolist()
    pages = [text_page] * len(at)
    hyphens = codes == 0xFFFE
    if hyphens.any():  # pdfium's mark for a hyphen ending a line, or no mapping at all
        marks = np.flatnonzero(hyphens)
        unicode_of = lib.FPDFText_GetUnicode
        hyphens[marks] = [unicode_of(text_page, at[k]) == _LINE_END_HYPHEN
                          for k in marks.tolist()]
        codes[hyphens] = ord("-")  # pdfplumber reads it as the "-" it draws
    unmapped = _NO_TEXT[codes] | (
        np.fromiter(map(lib.FPDFText_HasUnicodeMapError, pages, at), np.int64, len(at)) == 1)
    if (unmapped & ~hyphens).any():
        return None
    # The char's origin and matrix, written by pdfium into one slot each of these buffers.
    xs = ffi.new("double[]", len(at))
    ys = ffi.new("double[]", len(at))
    matrices = ffi.new("float[]", 6 * len(at))  # a, b, c, d, e, f
    slots = range(len(at))
    if not (all(map(lib.FPDFText_GetCharOrigin, pages, at, [xs + k for k in slots],
                    [ys + k for k in slots]))
            and all(map(lib.FPDFText_GetMatrix, pages, at,
                        [matrices + 6 * k for k in slots]))):
        return None
    matrix = np.frombuffer(ffi.buffer(matrices), np.float32).reshape(-1, 6).astype(np.float64)
    a, b, c, d = matrix[:, 0], matrix[:, 1], matrix[:, 2], matrix[:, 3]
    if ((b != 0) | (c != 0) | (a <= 0) | (d <= 0)).any():
        return None  # rotated, skewed or mirrored text: pdfplumber's
    x = np.frombuffer(ffi.buffer(xs), np.float64)
    y = np.frombuffer(ffi.buffer(ys), np.float64)
    tf_size = np.fromiter(map(lib.FPDFText_GetFontSize, pages, at), np.float64, len(at))
    objects = list(map(lib.FPDFText_GetTextObject, pages, at))
    fonts = list(map(lib.FPDFTextObj_GetFont, objects))
    if not all(fonts):
        return None  # a NULL pointer
    if text_objects is not None:
        text_objects.update(objects)
    # A font's number on this page (a cffi pointer hashes by its address): the first free
    # number the first time the font is met, its own after.
    numbers: dict[Any, int] = {}
    font_ids = np.fromiter(map(numbers.setdefault, fonts, itertools.count()), np.int64,
                           len(at))
    # pdfium spells a ligature's glyph ("ﬁ") as its letters, all from one origin: a char
    # drawn where the one before it was drawn joins it.
    joins = np.zeros(len(at), dtype=bool)
    joins[1:] = (x[1:] == x[:-1]) & (y[1:] == y[:-1])
    own = np.flatnonzero(~joins)
    by_number = {number: font for font, number in numbers.items()}
    kept_codes = codes[own]
    metrics = _metrics_of(by_number, font_ids[own], kept_codes, tf_size[own])
    if metrics is None:
        return None
    width, descent = metrics
    texts = list(map(chr, kept_codes.tolist()))
    x0 = x[own]
    x1 = x0 + width * a[own]
    size = tf_size[own] * d[own]
    bottom = height - (y[own] + descent * d[own])
    top = bottom - size
    if own.size < len(at):
        x1_list = x1.tolist()
        join_at = np.flatnonzero(joins)
        if not _join_ligatures(join_at.tolist(), np.cumsum(~joins).tolist(),
                               texts, x0.tolist(), x1_list, fonts, codes.tolist(),
                               tf_size.tolist(), a.tolist()):
            return None
        x1 = np.array(x1_list, dtype=np.float64)
        # The joined chars' texts are their ligatures (or letters that spell none yet).
        for kept in np.unique(np.cumsum(~joins)[join_at] - 1).tolist():
            kept_codes[kept] = ord(texts[kept]) if len(texts[kept]) == 1 else -1
    return CharColumns(texts, x0, x1, top, bottom, size, np.zeros(len(texts), dtype=bool),
                       kept_codes)


def _no_chars() -> CharColumns:
    empty = np.zeros(0)
    return CharColumns([], empty, empty.copy(), empty.copy(), empty.copy(), empty.copy(),
                       np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64))




def _code_table(codes: list[int], size: int) -> np.ndarray:
    """A table over the codes below ``size`` that holds True at ``codes``: looked up for a
    whole page's codes at once (cheaper than ``np.isin`` on a page's few thousand)."""
    table = np.zeros(size, dtype=bool)
    table[codes] = True
    return table


# pdfium's codes for a char with no Unicode, among code points (a surrogate pair's whole)
_NO_TEXT = _code_table([0, 0xFFFE, 0xFFFF], 0x110000)
_SPACE_CODES = _code_table(sorted(_SPACES), 0x10000)  # among UTF-16 code units


def _pair_starts(units: np.ndarray) -> np.ndarray:
    """Where a UTF-16 surrogate pair starts (a high half with a low half right after)."""
    starts = np.zeros(units.size, dtype=bool)
    starts[:-1] = ((units[:-1] >= 0xD800) & (units[:-1] < 0xDC00)
                   & (units[1:] >= 0xDC00) & (units[1:] < 0xE000))
    return starts


def _drawn_indexes(text_page: Any, units: np.ndarray) -> np.ndarray:
    """The indexes of the text page's chars that were drawn: not pdfium's own word and
    line breaks (spaces it generated, which pdfplumber has no chars for), nor the second
    half of a surrogate pair (read with the first)."""
    drawn = np.ones(units.size, dtype=bool)
    drawn[1:] &= ~_pair_starts(units)[:-1]
    generated = lib.FPDFText_IsGenerated
    spaces = np.flatnonzero(_SPACE_CODES[units] & drawn)
    drawn[spaces] = [not generated(text_page, k) for k in spaces.tolist()]
    return np.flatnonzero(drawn)


def _metrics_of(fonts: dict[int, Any], font_ids: np.ndarray, codes: np.ndarray,
                sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Each char's advance and its font's descent at its size (``fonts`` by their number
    in ``font_ids``), the advance asked of pdfium once per font, code point and size, the
    descent once per font and size; None when pdfium
    has no width for one of them."""
    if not codes.size:
        return np.zeros(0), np.zeros(0)
    order = np.lexsort((sizes, codes, font_ids))
    new = np.ones(order.size, dtype=bool)
    new[1:] = ((font_ids[order][1:] != font_ids[order][:-1])
               | (codes[order][1:] != codes[order][:-1])
               | (sizes[order][1:] != sizes[order][:-1]))
    group = np.cumsum(new) - 1
    first = order[new].tolist()
    # One buffer for all the answers; a font's descent asked once per size (it depends on
    # nothing else).
    out = ffi.new("float[2]")  # the width, the descent
    width_of, descent_of = lib.FPDFFont_GetGlyphWidth, lib.FPDFFont_GetDescent
    descents: dict[tuple[int, float], float] = {}
    found: list[tuple[float, float]] = []
    for number, code, size in zip(font_ids[first].tolist(), codes[first].tolist(),
                                  sizes[first].tolist(), strict=True):
        font = fonts[number]
        if not width_of(font, code, size, out):
            return None
        descent = descents.get((number, size))
        if descent is None:
            if not descent_of(font, size, out + 1):
                return None
            descent = descents[number, size] = out[1]
        found.append((out[0], descent))
    values = np.array(found, dtype=np.float64).reshape(-1, 2)
    per_char = np.empty((codes.size, 2), dtype=np.float64)
    per_char[order] = values[group]
    return per_char[:, 0], per_char[:, 1]


def _join_ligatures(joins: list[int], kept_before: list[int], texts: list[str],
                    x0: list[float], x1: list[float], fonts: list[Any], codes: list[int],
                    sizes: list[float], scales: list[float]) -> bool:
    """Join each char drawn at the origin of the char before it (``joins``, indexes of the
    drawn chars) to the kept char it follows, as the ligature their letters spell
    (pdfplumber keeps the glyph whole, with the ligature's advance); False for letters
    that spell none. ``kept_before[k]`` is how many kept chars the first ``k + 1`` drawn
    chars hold, so the kept char before a join is number ``kept_before[k] - 1``."""
    for k in joins:
        kept = kept_before[k] - 1
        letters = texts[kept].translate(_SPELLED) + chr(codes[k])
        ligature = _LIGATURES.get(letters)
        if ligature is None:
            if letters in _LIGATURE_STARTS:
                texts[kept] = letters
                continue
            return False
        found = _metrics(fonts[k], ligature, sizes[k])
        if found is None:
            return False
        texts[kept] = ligature
        x1[kept] = x0[kept] + found[0] * scales[k]
    return True


def _metrics(font: Any, text: str, size: float) -> tuple[float, float] | None:
    """A glyph's advance and its font's descent at ``size``; None when pdfium has no
    width for it."""
    out = ffi.new("float[2]")  # the width, the descent
    if (len(text) == 1 and lib.FPDFFont_GetGlyphWidth(font, ord(text), size, out)
            and lib.FPDFFont_GetDescent(font, size, out + 1)):
        return out[0], out[1]
    return None


_LIGATURES = {"ff": "ﬀ", "fi": "ﬁ", "fl": "ﬂ", "ffi": "ﬃ", "ffl": "ﬄ", "st": "ﬆ"}
_SPELLED = str.maketrans({ligature: letters for letters, ligature in _LIGATURES.items()})
_LIGATURE_STARTS = frozenset(k[:n] for k in _LIGATURES for n in range(1, len(k)))
