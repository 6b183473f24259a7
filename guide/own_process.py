"""Running one step of a build in a process of its own, so its memory goes back to the system
when it is done.

A process does not give back the memory it freed: Python keeps its freed objects' arenas when
one object in them is still alive, and the C library keeps freed blocks below the top of its
heap. The build's extraction holds every act's facts (the corpus steps need them all at once:
merging, linking, settling statuses) and its exports and pages hold the lineage graph: freed
once the pages are written, that memory was not all returned (measured ~0.06 MiB an act at
the search index's phase), so the command's process grew with the corpus for the rest of the
build. Run in a child that exits, none of it stays.

:func:`run_in_own_process` runs a function in a child and hands back what it returned. The
child is forked from this process when it runs one thread on Linux (it has imported the
modules already), else started by ``forkserver`` (``spawn`` where there is none): forking a
process that runs other threads may copy a lock another thread holds. What the child prints
goes to the same file descriptors; what it returns, and the message of a
:class:`~shezhire.extract.errors.ShezhireError` it raises, come back through a pipe.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from shezhire.extract.errors import ShezhireError

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


class StepProcessError(ShezhireError):
    """The child ended without handing back a result (killed, out of memory)."""


def run_in_own_process(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in a child process: its result (pickled back), or the child's
    :class:`ShezhireError` raised here again with its message; any other exception in the
    child is raised here as a :class:`RuntimeError` that carries the child's traceback."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    # A forked child starts with a copy of what this process has buffered and not yet
    # written; written first, nothing is left that the child's exit could write twice.
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    child = context.Process(target=_child, args=(send, function, args),
                            name="shezhire-" + getattr(function, "__name__", "step"))
    child.start()
    send.close()  # this process's copy: the pipe ends when the child's end closes
    try:
        outcome: tuple[str, Any] | None = receive.recv()
    except EOFError:
        outcome = None
    finally:
        receive.close()
        child.join()
    if outcome is None:
        raise StepProcessError(f"the build's process {child.name} ended without a result "
                                 f"(exit code {child.exitcode})")
    kind, value = outcome
    if kind == "error":
        raise ShezhireError(value)
    if kind == "crash":
        raise RuntimeError(f"{child.name} failed:\n{value}")
    result: T = value
    return result


def _child(send: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _die_with_parent()
    try:
        outcome: tuple[str, Any] = ("ok", function(*args))
    except ShezhireError as error:
        outcome = ("error", str(error))
    except Exception:  # a bug: its traceback goes to the parent, which raises it
        outcome = ("crash", traceback.format_exc())
    send.send(outcome)
    send.close()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _die_with_parent() -> None:
    """Killed when the parent dies (Linux's ``PR_SET_PDEATHSIG``): a build killed outright
    leaves no child reading the corpus on its own. Elsewhere the child ends when it next
    writes to the closed pipe."""
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    if sys.platform == "linux" and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
