"""Keep MkDocs' converted pages on disk between their conversion and their layout.

MkDocs converts every page's Markdown to HTML before it lays out and writes the first one
(each page's links, titles and table of contents must be known to all): left alone, the
HTML and the Markdown of every page of a tree are in memory at once, and the guide's act
pages hold the acts' whole texts, several times over with their versions. The plugin that
``build_site`` adds writes each page's HTML to a temporary file as soon as it is converted
(after every other plugin has had it) and forgets its Markdown; it reads the HTML back just
before the page is laid out, and forgets it again once the page is written. The pages are the
same, byte for byte: the templates see the same ``page.content``.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.templates import TemplateContext

from shezhire.guide.page_cache import toc_token


class AnchorIds:
    """A page's anchor ids for ``anchor in ids``: sorted 8-byte digests of the ids in one
    bytes object (a page of the guide has hundreds of anchors; MkDocs keeps them for every
    page until the end of the build). Two ids sharing a digest (one chance in 2**64 for a
    pair) would only let a link to a missing anchor pass MkDocs' check."""

    def __init__(self, ids: Iterable[str]) -> None:
        digests = sorted({_digest(i) for i in ids})
        self._digests = b"".join(digests)
        self._count = len(digests)

    def __contains__(self, anchor: object) -> bool:
        if not isinstance(anchor, str):
            return False
        wanted = _digest(anchor)
        at = bisect.bisect_left(range(self._count), wanted, key=self._at)
        return at < self._count and self._at(at) == wanted

    def __len__(self) -> int:
        return self._count

    def _at(self, i: int) -> bytes:
        return self._digests[8 * i:8 * i + 8]


def _digest(anchor: str) -> bytes:
    return hashlib.blake2b(anchor.encode("utf-8"), digest_size=8).digest()


class _NoOptions(Config):  # type: ignore[no-untyped-call]
    """Added by ``build_site``, not configured in mkdocs.yml."""


class PageSpill(BasePlugin[_NoOptions]):  # type: ignore[no-untyped-call]
    """The plugin; its folder lives from ``on_pre_build`` to the end of the build."""

    def __init__(self) -> None:
        super().__init__()
        self._folder: Path | None = None
        self._files: dict[str, Path] = {}

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="shezhire-pages-"))
        self._files = {}

    @event_priority(-100)  # after every other plugin's changes (the page cache's)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        assert self._folder is not None
        path = self._folder / f"{len(self._files)}.html"
        path.write_bytes(html.encode("utf-8"))
        path.with_suffix(".toc").write_text(json.dumps([toc_token(a) for a in page.toc]),
                                             "utf-8")
        page.toc = TableOfContents([])
        self._files[page.file.src_uri] = path
        # Converted: its Markdown is no longer read ("", not None: a page without Markdown
        # has no title for MkDocs).
        page.markdown = ""
        if page.present_anchor_ids is not None:  # set by the conversion just made
            page.present_anchor_ids = AnchorIds(page.present_anchor_ids)  # type: ignore[assignment]
        return ""

    @event_priority(100)  # before any other plugin looks at the page
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        path = self._files.get(page.file.src_uri)
        if path is not None:
            page.content = path.read_bytes().decode("utf-8")
            # The templates read the page's table of contents from the page (``page.toc``).
            page.toc = get_toc(json.loads(path.with_suffix(".toc").read_text("utf-8")))
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        path = self._files.pop(page.file.src_uri, None)
        if path is not None:
            page.content = ""
            page.toc = TableOfContents([])  # no other page's layout reads it
            path.unlink()
            path.with_suffix(".toc").unlink()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._cleanup()

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder, self._files = None, {}
