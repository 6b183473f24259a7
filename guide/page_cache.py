"""A cache of the guide's pages as Markdown renders them, so a rebuild after one act changed
converts only the pages whose Markdown changed.

Converting Markdown (with its raw HTML) is most of MkDocs' time on the guide. The cache is a
MkDocs plugin that ``build_site`` adds: for each page it keys the conversion by what the
conversion reads - the page's Markdown and path, the list of every page of the site (links
are resolved against it; only for a page whose Markdown has links), the MkDocs configuration file and the files it inherits from, the
code of the guide's own Markdown extension and the versions of MkDocs, Material,
Python-Markdown and PyMdown - and keeps the result: the HTML, the table of contents, the
title and the anchors. A page whose key is known is not converted again; the theme's
templates still lay out every page, so the site is the same, byte for byte, as a full build.

Entries are JSON files named by their key in the folder the caller names (one per page and
version of it; deleting the folder clears the cache). Nothing in them is code.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from shezhire.extract.outputs import write_atomic

FORMAT = "shezhire-page-cache/2"
# The guide's Markdown extension (mkdocs.yml): its code makes the HTML as much as the
# packages' does.
_EXTENSION = Path(__file__).with_name("raw_html.py")
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")


@dataclass
class PageCacheStats:
    """What the last build did: pages converted (not in the cache) and taken from it, by
    their path in the site's Markdown (``acts/…/index.md``; ``ru/acts/…/index.md`` for the
    Russian tree)."""

    converted: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)


class _NoOptions(Config):  # type: ignore[no-untyped-call]
    """The plugin is added by ``build_site``, not configured in mkdocs.yml."""


class PageCache(BasePlugin[_NoOptions]):  # type: ignore[no-untyped-call]
    """The plugin: ``PageCache(folder)``; ``stats`` tells what the last build did."""

    def __init__(self, folder: Path, tree: str = "") -> None:
        super().__init__()
        self.folder = folder
        self.tree = tree  # the tree's folder in the site ("", "ru/"), for the stats
        self.stats = PageCacheStats()
        self._site_key = ""
        self._files_key = ""
        self._hits: dict[str, dict[str, Any]] = {}
        self._keys: dict[str, str] = {}

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """The key parts every page shares: configuration, code and versions; the list of
        the site's files."""
        self._hits.clear()
        self._keys.clear()
        digest = hashlib.sha256(FORMAT.encode())
        for path in _config_chain(config.config_file_path):
            digest.update(path.read_bytes())
        digest.update(_EXTENSION.read_bytes())
        for package in _PACKAGES:
            digest.update(f"\0{package}={version(package)}".encode())
        self._site_key = digest.hexdigest()
        pages = hashlib.sha256()
        for file in sorted(files, key=lambda f: f.src_uri):
            pages.update(f"\0{file.src_uri}".encode())
        self._files_key = pages.hexdigest()
        return files

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        uri = page.file.src_uri
        # MkDocs resolves the links of a page's Markdown ("[text](target)", "[text][ref]",
        # "![image](src)", also inside a markdown="1" block) against the list of the site's
        # files; a page without any "]" or "markdown=" has none of them, so its HTML does not
        # depend on that list (an act added elsewhere leaves its entry valid).
        links = "]" in markdown or "markdown=" in markdown
        files_key = self._files_key if links else ""
        key = hashlib.sha256(f"{self._site_key}\0{files_key}\0{uri}\0{markdown}"
                             .encode()).hexdigest()
        self._keys[uri] = key
        try:
            entry = json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return markdown
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            return markdown
        self._hits[uri] = entry
        return ""  # converted in no time; its HTML comes from the cache in on_page_content

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        uri = page.file.src_uri
        entry = self._hits.pop(uri, None)
        if entry is not None:
            page.toc = get_toc(entry["toc"])
            page._title_from_render = entry["title"]
            page.present_anchor_ids = set(entry["anchors"])
            self.stats.reused.append(self.tree + uri)
            content: str = entry["html"]
            return content
        self.stats.converted.append(self.tree + uri)
        entry = {"format": FORMAT, "html": html, "toc": [toc_token(a) for a in page.toc],
                 "title": page._title_from_render,
                 "anchors": sorted(page.present_anchor_ids or ())}
        path = self._path(self._keys[uri])
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(entry, ensure_ascii=False))
        return html


def _config_chain(config_file: str | None) -> list[Path]:
    """The configuration file and those it inherits from (``INHERIT:``), each once."""
    chain: list[Path] = []
    path = Path(config_file) if config_file else None
    while path is not None and path.is_file() and path not in chain:
        chain.append(path)
        match = re.search(r"^INHERIT:\s*(\S+)", path.read_text("utf-8"), re.MULTILINE)
        path = (path.parent / match.group(1)).resolve() if match else None
    return chain


def toc_token(anchor: AnchorLink) -> dict[str, Any]:
    """A table-of-contents entry as the toc extension gave it (``get_toc`` reads it back)."""
    return {"level": anchor.level, "id": anchor.id, "name": anchor.title,
            "children": [toc_token(c) for c in anchor.children]}
