"""pdfium's per-character and per-object calls through cffi, for the PDF fast path.

The fast path asks pdfium half a dozen facts of every drawn character (its origin, matrix,
font size, font, ...). Through pypdfium2's ctypes bindings each call costs about a
microsecond of argument conversion, most of the reader's time; cffi's calls into the same
library (ABI mode: no compiler, cffi comes with pdfminer's ``cryptography``) cost about half.

The library opened here is the very one pypdfium2 loaded (the same file, which the dynamic
loader does not load twice), so the handles pypdfium2 gives (documents, pages, text pages)
are valid here: :func:`handle` turns one into a cffi pointer.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import pypdfium2.raw  # noqa: F401  # loads pdfium (its module pypdfium2_raw.bindings)
from cffi import FFI

# Only the calls the fast path makes per page, per character or per page object; handles
# are opaque pointers, FS_MATRIX is six floats (a, b, c, d, e, f).
_DECLARATIONS = """
void* FPDF_LoadPage(void* document, int page_index);
void FPDF_ClosePage(void* page);
int FPDFPage_GetRotation(void* page);
float FPDF_GetPageWidthF(void* page);
float FPDF_GetPageHeightF(void* page);
int FPDFPage_GetMediaBox(void* page, float* left, float* bottom, float* right, float* top);
int FPDFPage_GetCropBox(void* page, float* left, float* bottom, float* right, float* top);
void* FPDFText_LoadPage(void* page);
void FPDFText_ClosePage(void* text_page);
int FPDFText_CountChars(void* text_page);
int FPDFText_GetText(void* text_page, int start_index, int count, unsigned short* result);
int FPDFText_IsGenerated(void* text_page, int index);
unsigned int FPDFText_GetUnicode(void* text_page, int index);
int FPDFText_HasUnicodeMapError(void* text_page, int index);
int FPDFText_GetCharOrigin(void* text_page, int index, double* x, double* y);
int FPDFText_GetMatrix(void* text_page, int index, float* matrix);
double FPDFText_GetFontSize(void* text_page, int index);
void* FPDFText_GetTextObject(void* text_page, int index);
void* FPDFTextObj_GetFont(void* text);
int FPDFFont_GetGlyphWidth(void* font, uint32_t glyph, float font_size, float* width);
int FPDFFont_GetDescent(void* font, float font_size, float* descent);
int FPDFPage_CountObjects(void* page);
void* FPDFPage_GetObject(void* page, int index);
int FPDFPageObj_GetType(void* page_object);
int FPDFFormObj_CountObjects(void* form_object);
void* FPDFFormObj_GetObject(void* form_object, unsigned long index);
int FPDFPageObj_GetMatrix(void* page_object, float* matrix);
unsigned long FPDFTextObj_GetText(void* text_object, void* text_page, unsigned short* buffer,
                                  unsigned long length);
int FPDFPath_GetDrawMode(void* path, int* fillmode, int* stroke);
int FPDFPath_CountSegments(void* path);
void* FPDFPath_GetPathSegment(void* path, int index);
int FPDFPathSegment_GetPoint(void* segment, float* x, float* y);
int FPDFPathSegment_GetType(void* segment);
int FPDFPathSegment_GetClose(void* segment);
"""

ffi = FFI()
ffi.cdef(_DECLARATIONS)


def _open() -> Any:
    """pypdfium2's own pdfium library, or None when cffi cannot open it."""
    try:
        return ffi.dlopen(sys.modules["pypdfium2_raw.bindings"]._libs["pdfium"]._name)
    except (AttributeError, KeyError, OSError, TypeError):
        return None


lib: Any = _open()


def handle(raw: Any) -> Any:
    """A pypdfium2 (ctypes) handle as a cffi pointer to the same object."""
    return ffi.cast("void*", ctypes.cast(raw, ctypes.c_void_p).value or 0)
