"""A content-addressed cache of act records, so a rebuild re-extracts only what changed.

One entry per (file, how it was extracted). The key is the sha256 of:

- the path as given (it is written into the record's ``source.path``);
- the file's bytes, and for a text of a kazakhstan-law act folder the bytes of the folder's
  ``meta.yaml`` too (the record takes facts from it);
- the **extractor version** (:func:`extractor_version`): a hash of every ``.py`` and ``.json``
  file of the ``shezhire.extract`` package (code, lexicon, data, schema; not the modules that
  only carry records: this one, ``engine.py``, ``spool.py``, ``warm.py``) and the versions of
  Python, spaCy, pdfplumber and pypdfium2, so any change of code or words invalidates every
  entry without anyone bumping a number;
- the limits in force (``SHEZHIRE_LIMITS``): a file refused under one limit may pass another;
- the ``--as-of`` day: the record's status is computed for it.

Entries are JSON files ``DIR/records/KEY[:2]/KEY.json`` written atomically (temporary file
then rename), so a killed run leaves whole entries or none. An entry that cannot be read
back (truncated, edited, another key inside) is ignored with a warning and extracted again;
it never stops a run. Only records are cached: a file that fails is read again next time, so
its message is always today's.

The default folder is ``$SHEZHIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shezhire``, else
``~/.cache/shezhire``: a per-user cache (the XDG convention) that never writes into the
corpus or the working folder, is shared by every checkout and corpus of the user (the key
holds everything a record depends on, so sharing is safe), and is where a user expects to
find, and clear, caches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shezhire.extract.act_folder import META_FILE, TEXT_FILES
from shezhire.extract.errors import ShezhireError
from shezhire.extract.limits import ENVIRONMENT_VARIABLE
from shezhire.extract.models import JSON
from shezhire.extract.outputs import write_atomic

ENVIRONMENT_CACHE_DIR = "SHEZHIRE_CACHE_DIR"
# Modules that move records between processes, the cache and the disk without changing them
# (the tests hold them to byte-identical records): not part of the extractor version.
_ORCHESTRATION = frozenset({"cache.py", "engine.py", "spool.py", "warm.py"})
_FORMAT = 1  # of the entry files; part of the key


class CacheError(ShezhireError):
    """The cache folder cannot be used (a file in its place, no permission)."""


def default_cache_dir() -> Path:
    """``$SHEZHIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/shezhire``, else ``~/.cache/shezhire``."""
    given = os.environ.get(ENVIRONMENT_CACHE_DIR)
    if given:
        return Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "shezhire"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the extraction code and its data files, and of the libraries it runs on."""
    from importlib.metadata import PackageNotFoundError, version

    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "none"

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(f"shezhire-extractor {_FORMAT}\n".encode())
    digest.update(f"{sys.version_info[:3]} spacy {installed('spacy')} "
                  f"pdfplumber {installed('pdfplumber')} pypdfium2 {installed('pypdfium2')}\n"
                  .encode())
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()
                   and "__pycache__" not in p.parts and p.name not in _ORCHESTRATION)
    digest.update(files_digest(package, files).encode())
    return digest.hexdigest()


def files_digest(root: Path, paths: Iterable[Path]) -> str:
    """The files ``paths`` (under ``root``), each by its path there and its bytes, in path
    order: the part of a cache key that changes when code or data it names changes."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def record_key(path: Path, day: dt.date, metadata: bool = True) -> str | None:
    """The cache key of ``path`` extracted for ``day``; None when the file cannot be read
    (then it is not cached: the extraction names its problem)."""
    digest = hashlib.sha256()
    digest.update(f"shezhire-record {_FORMAT}\0{extractor_version()}\0{day.isoformat()}\0"
                  f"{os.environ.get(ENVIRONMENT_VARIABLE, '')}\0{path}\0".encode())
    try:
        if path.is_dir():
            # An act folder (kazakhstan-law layout) is one act: its texts and its metadata.
            for name in (*TEXT_FILES, META_FILE):
                if (path / name).is_file():
                    digest.update(f"\0{name}\0".encode() + _file_digest(path / name))
            return digest.hexdigest()
        if not path.is_file():
            return None
        digest.update(_file_digest(path))
        meta = path.parent / META_FILE
        if metadata and path.name in TEXT_FILES and meta.is_file():
            digest.update(b"\0meta\0" + _file_digest(meta))
    except OSError:
        return None
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


@dataclass(frozen=True)
class CacheInfo:
    folder: Path
    entries: int  # records
    bytes: int  # of records, pages and search index runs
    pages: int = 0  # the guide's converted pages


@dataclass(frozen=True)
class RecordCache:
    """The entries under ``folder``; every method is safe to call from many processes."""

    folder: Path

    def _entry(self, key: str) -> Path:
        return self.folder / "records" / key[:2] / f"{key}.json"

    def get(self, key: str) -> tuple[JSON | None, str | None]:
        """The cached record of ``key`` (or None), and a warning when the entry was damaged."""
        entry = self._entry(key)
        try:
            text = entry.read_text("utf-8")
        except (FileNotFoundError, NotADirectoryError):
            # No entry (a cache folder that cannot hold one is the writer's one warning).
            return None, None
        except (OSError, UnicodeDecodeError) as error:
            return None, f"{entry}: cache entry cannot be read ({error}); extracting again"
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            return None, f"{entry}: damaged cache entry (not JSON); extracting again"
        if (not isinstance(data, dict) or data.get("key") != key
                or not isinstance(data.get("record"), dict)):
            return None, f"{entry}: damaged cache entry (not this file's record); extracting again"
        record: JSON = data["record"]
        return record, None

    def put(self, key: str, record: JSON) -> str | None:
        """Store ``record``; a warning (not an error) when the folder cannot be written."""
        try:
            write_atomic(self._entry(key), json.dumps({"key": key, "record": record},
                                                      ensure_ascii=False) + "\n")
        except (ShezhireError, OSError) as error:
            # Named by the folder and the reason, not the entry: one warning for the whole run.
            reason = (error.strerror if isinstance(error, OSError) and error.strerror
                      else str(error).rsplit(": ", 1)[-1])
            return f"{self.folder}: cannot write the cache ({reason}); continuing without it"
        return None

    # records/: extracted records; pages/: the guide's converted pages (guide/page_cache.py);
    # search/: the search index's runs (guide/search_index.py), a folder each; pages/out/:
    # the laid-out pages (guide/page_cache.py), cleared with pages/; exports/: each act's
    # Akoma Ntoso files, and under exports/json/ the records' indented files records/ID.json
    # (guide/exports.py); markdown/: the act pages' Markdown (guide/markdown_cache.py).
    _KINDS = ("records", "pages")
    _FOLDERS = ("records", "pages", "search", "exports", "markdown")

    def _files(self, kinds: tuple[str, ...] = _KINDS) -> Iterator[Path]:
        for kind in kinds:
            if (self.folder / kind).is_dir():
                yield from (self.folder / kind).glob("*/*.json")

    def info(self) -> CacheInfo:
        # The folders of whole files: the search index's runs, the laid-out pages.
        sizes = [p.stat().st_size for p in self._files()] + [
            p.stat().st_size for folder in (self.folder / "search", self.folder / "pages" / "out",
                                            self.folder / "pages" / "known",
                                            self.folder / "exports", self.folder / "markdown")
            if folder.is_dir() for p in folder.rglob("*") if p.is_file()]
        return CacheInfo(self.folder, sum(1 for _ in self._files(("records",))), sum(sizes),
                         sum(1 for _ in self._files(("pages",))))

    def clear(self) -> int:
        """Remove every entry (the folder's ``records/``, ``pages/``, ``search/``,
        ``exports/`` and ``markdown/``; nothing else); the number of records removed."""
        if self.folder.exists() and not self.folder.is_dir():
            raise CacheError(f"{self.folder}: is a file, not a cache folder")
        count = sum(1 for _ in self._files(("records",)))
        for kind in self._FOLDERS:
            if (self.folder / kind).is_dir():
                shutil.rmtree(self.folder / kind)
        return count
