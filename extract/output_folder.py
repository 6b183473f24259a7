"""Output folders that never lose a user's files and are never left half-written.

A command that writes a folder (``build --out``, ``extract --out``) builds it in a hidden
temporary sibling, marks it as Shezhire's, and swaps it in by rename at the end:

- a folder that exists, is not empty and carries no marker is someone else's: refused, untouched;
- a build killed at any moment leaves the previous folder whole (the swap is one atomic
  ``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, repaired on the next run);
- two runs writing the same folder: the second refuses on a lock, with a line saying so;
- leftovers of a killed run (temporary siblings) are removed by the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from shezhire.extract.errors import ShezhireError

MARKER = ".shezhire-output"  # JSON: the tool, its version, what the folder holds
_TMP = ".shezhire-tmp-"
_OLD = ".shezhire-old-"
_LOCK = ".shezhire-lock"


class OutputFolderError(ShezhireError):
    """An output folder cannot be written without losing something: the message says why."""


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("shezhire")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0+unknown"


def check_output_folder(out: Path) -> None:
    """Raise :class:`OutputFolderError` unless ``out`` may be replaced by Shezhire's output."""
    for parent in [out, *out.parents]:
        if parent.exists() and not parent.is_dir():
            raise OutputFolderError(
                f"{out}: cannot write a folder here: {parent} is a file")
        if parent.exists():
            break
    if out.is_symlink():
        raise OutputFolderError(f"{out}: is a symbolic link; give the real folder instead")
    if not out.is_dir():
        return
    if (out / MARKER).is_file():
        return
    if any(out.iterdir()):
        raise OutputFolderError(
            f"{out}: refusing to write into a folder that holds files Shezhire did not write "
            f"(no {MARKER}); give a new or empty folder, or empty this one yourself")


@contextlib.contextmanager
def replace_folder(out: Path, kind: str) -> Iterator[Path]:
    """Yield an empty temporary folder; when the block ends without error it replaces ``out``.

    ``kind`` names what the folder holds ("site", "records"); it goes into the marker.
    """
    out = Path(os.path.abspath(out))
    check_output_folder(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _clean_leftovers(out)
        check_output_folder(out)  # again: a repaired leftover may have put a folder back
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}{_TMP}", dir=out.parent))
        try:
            yield tmp
            marker = {"tool": "shezhire", "version": tool_version(), "kind": kind}
            (tmp / MARKER).write_text(json.dumps(marker) + "\n", encoding="utf-8")
            os.chmod(tmp, 0o755)  # mkdtemp makes it private; an output folder is not
            _swap_in(tmp, out)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)


def _swap_in(new: Path, out: Path) -> None:
    if out.exists() and _exchange(new, out):
        return  # ``new`` now holds the old folder; the caller removes it
    if not out.exists():
        os.rename(new, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}{_OLD}", dir=out.parent))
    os.rename(out, old / "content")
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _clean_leftovers(out: Path) -> None:
    """Remove what a killed run left beside ``out``; put back a folder caught mid-swap."""
    for leftover in sorted(out.parent.glob(f".{out.name}{_OLD}*")):
        content = leftover / "content"
        if not out.exists() and content.is_dir():
            os.rename(content, out)
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in out.parent.glob(f".{out.name}{_TMP}*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    lock_path = out.parent / f".{out.name}{_LOCK}"
    while True:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise OutputFolderError(
                f"{out}: another Shezhire run is writing this folder; wait for it to finish "
                "and run again") from None
        # The holder before us may have removed the lock file after we opened it: then our
        # lock is on a file nobody else can see, so take a fresh one.
        try:
            same = os.stat(lock_path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(lock_path)
        os.close(fd)
