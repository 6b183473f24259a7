"""Files put in place without writing their bytes again: hard links of files the tool wrote.

A rebuild after one act writes the same bytes as the last build into most of the site (the
act pages' HTML, the records' files, the data files copied from the docs folder). Where a
file with those bytes already exists on the same file system, and only the tool writes it,
the new file can be a hard link of it: no byte is read or written again.

Two kinds of source are linked:

- a cache entry kept as a plain file (:func:`write_checked`): its bytes, and beside it a
  ``.sum`` file with the hash of those bytes; :func:`read_checked` reads it back only when
  the two agree, so a damaged entry (cut short, changed, also through a site file linked to
  it) is made again, not served, and written anew in a new file (never in place);
- a file of the build's scratch docs folder (written this build, removed after it).

A link is made only when the source has the mode a plain ``open`` gives a new file (so a
site file gets the mode it would get written); across file systems, or where links are not
possible, the bytes are copied as before. The destination must not exist (the new site is an
empty folder each build): nothing is ever written into an existing file through a link.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from shezhire.extract.outputs import OutputError, write_atomic


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def plain_mode() -> int:
    """The permission bits a plain ``open`` gives a new file (0644 under the usual umask)."""
    return 0o666 & ~_umask()


def link_or_copy(source: Path, dest: Path, *, mode: int | None = None) -> bool:
    """Put ``source``'s bytes at ``dest`` (missing; its folders are made): a hard link when
    ``source`` has the plain mode (``mode``, else :func:`plain_mode`) and both are on one
    file system, else a copy. Returns whether it linked."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        if (os.stat(source).st_mode & 0o7777) == (plain_mode() if mode is None else mode):
            os.link(source, dest)
            return True
    except OSError:
        pass  # another file system, links not supported, or dest exists: copy (below)
    shutil.copyfile(source, dest)
    return False


def link_or_write(source: Path | None, data: bytes, dest: Path) -> None:
    """Put ``data`` at ``dest`` (missing): a link of ``source`` when it holds exactly
    ``data`` (a checked cache entry, :func:`read_checked`), else ``data`` written."""
    if source is not None:
        dest.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if (os.stat(source).st_mode & 0o7777) == plain_mode():
                os.link(source, dest)
                return
    write_atomic(dest, data, durable=False)


def _sum_path(path: Path) -> Path:
    return path.with_name(path.name + ".sum")


def write_checked(path: Path, data: bytes, kind: bytes) -> None:
    """Keep ``data`` as the plain file ``path`` and the hash of it (after ``kind``, which
    names the entry's format) in ``path.sum``; each written atomically into a new file, not
    flushed (a whole entry is told from a damaged one by the hash). A cache that cannot be
    written is not used."""
    with contextlib.suppress(OSError, OutputError):
        write_atomic(path, data, durable=False)
        write_atomic(_sum_path(path), kind + hashlib.sha256(data).hexdigest().encode(),
                     durable=False)


def read_checked(path: Path, kind: bytes) -> bytes | None:
    """The bytes of the entry ``path`` when its ``.sum`` names ``kind`` and hashes them;
    None when missing or damaged."""
    try:
        head = _sum_path(path).read_bytes()
        data = path.read_bytes()
    except OSError:
        return None
    if head != kind + hashlib.sha256(data).hexdigest().encode():
        return None
    return data
