"""What every reader returns."""

from __future__ import annotations

from dataclasses import dataclass

from shezhire.extract.mapped import MappedText
from shezhire.extract.models import SourceFormat


@dataclass(frozen=True)
class SourceDocument:
    """A file read as plain text, with a map back to the source.

    ``raw_text`` is the source as text (the decoded file for .txt/.md/.html; for a PDF, the
    characters in pdfplumber's order, one page after another, as ``page_starts`` tells);
    ``text.origin[i]`` is the offset in ``raw_text`` that ``text.text[i]`` came from.

    Reader output conventions, which the cleaning step relies on:
    - lines end with "\\n"; a paragraph is either one line, or wrapped lines whose first
      line is indented; blank lines separate blocks (and page-break gaps in PDF text);
    - table rows are one line each, cells separated by "\\t";
    - markup is gone (no ``**``, ``#``, tags), but a heading or a list item keeps its own line.
    """

    path: str
    format: SourceFormat
    raw_text: str
    text: MappedText
    sha256: str
    page_starts: tuple[int, ...] = ()
