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

import shutil
import tempfile
from pathlib import Path

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext


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
        self._files[page.file.src_uri] = path
        # Converted: its Markdown is no longer read ("", not None: a page without Markdown
        # has no title for MkDocs).
        page.markdown = ""
        return ""

    @event_priority(100)  # before any other plugin looks at the page
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        path = self._files.get(page.file.src_uri)
        if path is not None:
            page.content = path.read_bytes().decode("utf-8")
        return context

    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        path = self._files.pop(page.file.src_uri, None)
        if path is not None:
            page.content = ""
            path.unlink()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._cleanup()

    def on_build_error(self, *, error: Exception) -> None:
        self._cleanup()

    def _cleanup(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._folder, self._files = None, {}
