"""Readers: one per source format, each returning a :class:`SourceDocument`.

:func:`read_source` picks the reader by the file's extension; :func:`iter_act_files`
turns the paths a user gives (files and folders) into the list of files to read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from shezhire.extract.act_folder import is_act_folder
from shezhire.extract.errors import SourceError, UnsupportedFormatError
from shezhire.extract.limits import current_limits, text_over_limits
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.readers.html import read_html
from shezhire.extract.readers.markdown import read_markdown
from shezhire.extract.readers.text import check_path, read_text

__all__ = ["ACT_SUFFIXES", "SourceDocument", "iter_act_files", "read_source"]

#: Extensions of the files Shezhire reads (compared case-insensitively).
ACT_SUFFIXES = (".txt", ".md", ".pdf", ".html", ".htm")


def read_source(path: str | Path) -> SourceDocument:
    """Read an act file of any supported format.

    Every problem with the file raises :class:`SourceError` (one-line ``problem``);
    an extension Shezhire does not read raises :class:`UnsupportedFormatError`.
    """
    path = Path(path)
    name = str(path)
    # Before the extension is judged, so a missing or wrong path gets the same message
    # whatever its extension.
    check_path(path)
    suffix = path.suffix.lower()
    if suffix not in ACT_SUFFIXES:
        shown = f"'{path.suffix}'" if path.suffix else "no extension"
        raise UnsupportedFormatError(
            name, f"unsupported format ({shown}; Shezhire reads .txt, .md, .pdf, .html, .htm)")
    document = _reader(path, suffix)(path)
    # Before the costly stages (cleaning, structure, spaCy): an act's text within the limits.
    problem = text_over_limits(document.text.text, current_limits())
    if problem is not None:
        raise SourceError(name, problem)
    return document


def iter_act_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read for ``paths``, in a deterministic order.

    A folder stands for the entries directly in it that have an act extension, whatever
    their name, sorted by name, and for the act folders below it (kazakhstan-law layout:
    ``kaz.md``/``rus.md`` with ``meta.yaml``), listed as the folder itself: one act, both its
    texts; other subfolders' files are not read. An act folder given itself stands for its
    one act. An entry that is not a readable
    file (a symbolic link loop, a broken link, a device, a pipe) is listed too, so that
    :func:`read_source` names its problem instead of it being skipped silently.
    A path that is not a folder is kept as given, even if it is missing or has another
    extension, for the same reason. A file listed twice is read once, at its first place.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir() and is_act_folder(path):
            members = [path]
        elif path.is_dir():
            members = sorted(
                (child for child in _entries(path)
                 if child.suffix.lower() in ACT_SUFFIXES and not child.is_dir()),
                key=lambda child: child.name,
            )
            members += _act_folders_below(path)
        else:
            members = [path]
        for member in members:
            key = _identity(member)
            if key not in seen:
                seen.add(key)
                found.append(member)
    return found


def _act_folders_below(folder: Path) -> list[Path]:
    """Every act folder (kazakhstan-law layout) below ``folder``, in path order (each is
    read as one act, its texts in both languages); links to folders are not followed, so a link loop cannot trap the walk."""
    found = []
    for top, dirs, _files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in dirs:
            sub = Path(top) / name
            if is_act_folder(sub):
                found.append(sub)
    return found


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:  # an unreadable folder: read_source names it
        return [folder]


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python 3.11)
        return path.absolute()


def _reader(path: Path, suffix: str) -> Callable[[Path], SourceDocument]:
    if suffix == ".pdf":
        try:
            # Imported on use: pdfplumber is slow to import and only PDFs need it.
            from shezhire.extract.readers.pdf import read_pdf
        except ModuleNotFoundError as error:
            if error.name == "shezhire.extract.readers.pdf":
                raise SourceError(str(path), "PDF reading is not available") from None
            raise SourceError(
                str(path), f"PDF reading needs the missing package {error.name!r}") from None
        return read_pdf
    if suffix == ".md":
        return read_markdown
    if suffix in (".html", ".htm"):
        return read_html
    return read_text
