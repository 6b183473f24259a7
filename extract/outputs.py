"""Writing outputs: deterministic JSON, written atomically so nothing is half-written."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from shezhire.extract.errors import ShezhireError


def record_to_json(record: Any) -> str:
    """Stable text for a record: same input, byte-identical output."""
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str | bytes | Iterable[str], *,
                 durable: bool = True) -> None:
    """Write via a temporary file in the same folder and rename it into place; ``text`` may
    come in pieces (written as they come, e.g. the lines of a large file), or be the file's
    bytes (UTF-8 text read from a cache: written as they are, not decoded and encoded again).

    ``durable=False`` skips the flush to disk before the rename, for files of a scratch
    folder that is published by a later atomic step (the guide's docs folder, whose files
    MkDocs copies into a site swapped in whole) or that are checked when read back (a
    cache's entries): a flush per file costs tens of milliseconds on a busy disk.

    The file gets the mode a plain ``open`` would give it (0644 under the usual umask), not
    the temporary file's private 0600.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"{path}: cannot write here: {_file_on_the_way(path)} is a file, "
                          "not a folder") from None
    except OSError as error:
        raise OutputError(f"{path}: cannot write here ({error.strerror or error})") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            if isinstance(text, bytes):
                handle.write(text)
            elif isinstance(text, str):
                handle.write(text.encode("utf-8"))
            else:
                for piece in text:
                    handle.write(piece.encode("utf-8"))
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class OutputError(ShezhireError):
    """An output file cannot be written where it was asked for."""


def _file_on_the_way(path: Path) -> Path:
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent


def _umask() -> int:
    # The only way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
