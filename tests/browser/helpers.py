"""Helpers of the browser tests: serving a built site, typing as a reader types, and the
search's states as its result list names them."""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

LOCAL_HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Base URL (ending in /) of ``folder`` served on the loopback interface."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# The heading of the result list says what the search is doing (the guide's translations):
# "Іздеу дайындалуда" while the index loads (search.result.initializer), "Іздеу үшін теріңіз"
# once it has loaded and waits for a query (search.result.placeholder), "1 сәйкес құжат" /
# "12 сәйкес құжат" when results are listed (search.result.one/other).
INDEX_LOADED = re.compile(r"^\s*Іздеу үшін теріңіз\s*$")
RESULTS_RENDERED = re.compile(r"^\s*\d+ сәйкес құжат\s*$")


def type_keys(page: Any, text: str) -> None:
    """Type ``text`` key by key as a Kazakh keyboard does: keydown, input and keyup per letter.

    The guide's search box searches on each input; a reader's keys come with key events too.
    Playwright's fill() sends no key events, and its keyboard knows only the US layout
    (Cyrillic letters come as bare input events), so the keys go through Chromium's own input
    pipeline (DevTools Input.dispatchKeyEvent), as a real keyboard's would."""
    cdp = page.context.new_cdp_session(page)
    try:
        for char in text:
            cdp.send("Input.dispatchKeyEvent",
                     {"type": "keyDown", "key": char, "text": char, "unmodifiedText": char})
            cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": char})
    finally:
        cdp.detach()
