"""A cache of the guide's pages as Markdown renders them, so a rebuild after one act changed
converts only the pages whose Markdown changed.

Converting Markdown (with its raw HTML) is most of MkDocs' time on the guide. The cache is a
MkDocs plugin that ``build_site`` adds: for each page it keys the conversion by what the
conversion reads - the page's Markdown and path, the list of every page of the site (links
are resolved against it; only for a page whose Markdown has links), the MkDocs configuration file and the files it inherits from, the
code of the guide's own Markdown extension and the versions of MkDocs, Material,
Python-Markdown and PyMdown - and keeps the result: the HTML, the table of contents, the
title and the anchors. A page whose key is known is not converted again.

The theme's templates (Material's ``main.html``) are the other half of a page's time: the
cache keeps each page's laid-out HTML too, keyed by everything the templates read of it - the
conversion's key parts, the theme's files (``site/overrides``), the build day
(``SOURCE_DATE_EPOCH``), the navigation (every item's title, URL and front matter), and the
page's URL, title, front matter, table of contents, neighbours in the navigation and HTML.
A page whose layout key is known is written from the cache without running the templates
(the templates never read the list of all pages, only the navigation: an act added elsewhere
leaves the other act pages' entries valid). Either way the site is the same, byte for byte,
as a full build's.

A page outside the navigation (an act page) whose Markdown file's bytes, path and navigation
are those of a build that laid it out is not even read: its laid-out HTML is written from
the cache before MkDocs converts anything (:meth:`PageCache.write_known`, ``known/``: the
layout entry named by the page's source), so a chunk of unchanged act pages only copies.

Entries are files named by their key in the folder the caller names (one per page and
version of it; deleting the folder clears the cache): the conversions as JSON, the laid-out
pages under ``out/`` as plain files with the hash of their bytes beside them (a damaged entry
is laid out again and written anew; :mod:`shezhire.guide.linked_files`). A page written
whole is a hard link of its entry where the cache and the site share a file system (else a
copy): a rebuild writes no unchanged page's bytes again (it reads them once, to check
them).
Nothing in them is code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc
from mkdocs.utils.templates import TemplateContext

from shezhire.extract.cache import files_digest
from shezhire.extract.outputs import OutputError, write_atomic
from shezhire.guide.linked_files import link_or_write, read_checked, write_checked

FORMAT = "shezhire-page-cache/2"
# The guide's Markdown extension (mkdocs.yml): its code makes the HTML as much as the
# packages' does.
_EXTENSION = Path(__file__).with_name("raw_html.py")
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")
# The theme's templates the guide overrides (mkdocs.yml's custom_dir).
_OVERRIDES = Path(__file__).resolve().parent.parent / "site" / "overrides"
# A laid-out page's entry: the page's bytes as a plain file (so a site's page can be a hard
# link of it), and beside it this line with the hash of the bytes (guide/linked_files.py).
_OUT_FORMAT = b"shezhire-page-output/2 "
# A page's layout entry named by its source (:meth:`PageCache.write_known`).
_KNOWN_FORMAT = "shezhire-page-known/1"
# The plugins build_site adds (guide/tree_render.py): neither changes a laid-out page.
_OURS = frozenset({"shezhire/page-cache", "shezhire/page-spill"})


@dataclass
class PageCacheStats:
    """What the last build did: pages converted (not in the cache) and taken from it, by
    their path in the site's Markdown (``acts/…/index.md``; ``ru/acts/…/index.md`` for the
    Russian tree)."""

    converted: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    # Pages laid out by the theme's templates, and pages written from the cache instead.
    laid_out: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    # Act pages whose Markdown was made, and taken from the Markdown cache, by language and
    # docs path ("kk/acts/…/index.md": :mod:`shezhire.guide.markdown_cache`).
    markdown_made: list[str] = field(default_factory=list)
    markdown_reused: list[str] = field(default_factory=list)
    # Pages outside the navigation written from the cache without being read, converted or
    # laid out (:meth:`PageCache.write_known`).
    written: list[str] = field(default_factory=list)


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
        self._layout_site_key = ""
        self._nav_key: str | None = None
        self._early_nav_key = ""
        self._layout_keys: dict[str, str] = {}
        self._outputs: dict[str, str] = {}
        self._known_keys: dict[str, str] = {}

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
        # The layout's: the theme's own files too, and the day the build speaks of.
        digest.update(files_digest(_OVERRIDES, (p for p in _OVERRIDES.rglob("*")
                                                if p.is_file())).encode())
        digest.update(f"\0{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
        self._layout_site_key = digest.hexdigest()
        self._nav_key = None
        self._layout_keys.clear()
        self._outputs.clear()
        self._known_keys.clear()
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
        # Not flushed: an entry cut short is not JSON, and is converted again.
        write_atomic(path, json.dumps(entry, ensure_ascii=False), durable=False)
        return html


    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig,
               files: Files) -> jinja2.Environment:
        """Templates that a page whose layout is cached does not run: MkDocs asks the
        environment for a page's template, then renders it with the page's context."""
        get_template = env.get_template

        def cached_get_template(name: Any, *args: Any, **kwargs: Any) -> Any:
            template = get_template(name, *args, **kwargs)
            if args or kwargs:  # Jinja's own look-ups ({% extends %}, {% include %})
                return template
            return _CachedLayout(template, self._outputs)

        env.get_template = cached_get_template  # type: ignore[method-assign]
        return env

    @event_priority(-50)  # after the page spill has put the page's HTML back
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        uri = page.file.src_uri
        if self._nav_key is None:
            self._nav_key = _digest([_nav_item(item) for item in nav.items])
        key = _digest([self._layout_site_key, self._nav_key, uri, page.url,
                       page.file.dest_uri, page.title, page.is_homepage, page.canonical_url,
                       page.edit_url, _meta(page.meta), [toc_token(a) for a in page.toc],
                       [_nav_link(page.previous_page), _nav_link(page.next_page)],
                       [_nav_link(p) for p in page.ancestors],
                       {k: context.get(k) for k in ("base_url", "extra_css",
                                                    "extra_javascript", "mkdocs_version")},
                       str(context.get("build_date_utc")),
                       hashlib.sha256((page.content or "").encode()).hexdigest()])
        self._layout_keys[uri] = key
        output = _read_output(self._out_path(key))
        if output is not None:
            self._outputs[uri] = output
        return context

    @event_priority(50)  # the page as the templates wrote it, before any other plugin
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        uri = page.file.src_uri
        key = self._layout_keys.pop(uri, None)
        if self._outputs.pop(uri, None) is not None:
            self.stats.copied.append(self.tree + uri)
        elif key is not None:
            self.stats.laid_out.append(self.tree + uri)
            _write_output(self._out_path(key), output)
        known = self._known_keys.pop(uri, None)
        if known is not None and key is not None:
            # Its output is known by its source from now on (the layout's entry holds it).
            with contextlib.suppress(OSError, OutputError):
                write_atomic(self._known_path(known), key, durable=False)
        return output

    def write_known(self, files: Sequence[File], nav: Navigation,
                    config: MkDocsConfig) -> list[File]:
        """Write the pages of ``files`` whose output is known by their source alone, without
        reading, converting or laying them out; return the others (MkDocs builds them).

        A page outside the navigation is laid out from its conversion (a function of its
        Markdown, its path, the configuration and code, and the list of the site's files
        when it has links) and the navigation; its laid-out HTML is known once a build has
        made it from the same Markdown file's bytes, path and navigation: the *known* key
        (:meth:`_known_key`) names the layout entry that build wrote. The navigation's part
        is taken before any page is converted: only when every navigation entry has the
        title ``mkdocs.yml`` gives it (a title read from a page's rendering would not be
        known yet), and only when no other plugin than the guide's own runs (another could
        change a page after its layout); otherwise nothing is written here."""
        if set(config.plugins) - _OURS or not self._nav_ready(nav, config):
            return list(files)
        in_nav = {id(page.file) for page in nav.pages}
        left = []
        for file in files:
            included = file.inclusion.is_included()  # type: ignore[no-untyped-call]
            key = None if id(file) in in_nav or not included else self._known_key(file)
            output = None
            if key is not None:
                self._known_keys[file.src_uri] = key
                output = self._known_output(key)
            if output is None:
                left.append(file)
                continue
            self._known_keys.pop(file.src_uri, None)
            # A hard link of the checked entry where it can be (the new site is an empty
            # folder: nothing is written through the link), else the bytes written.
            link_or_write(output[0], output[1], Path(file.abs_dest_path))
            self.stats.written.append(self.tree + file.src_uri)
        return left

    def _nav_ready(self, nav: Navigation, config: MkDocsConfig) -> bool:
        """Whether the navigation's part of the known keys can be taken now: every entry
        titled by the configuration and every page of it read (its front matter known)."""
        def titled(item: StructureItem) -> bool:
            return "title" in vars(item) and all(
                titled(c) for c in getattr(item, "children", None) or ())

        if not all(titled(item) for item in nav.items):
            return False
        for page in nav.pages:
            if page.markdown is None:
                page.read_source(config)
        self._early_nav_key = _digest([_nav_item(item) for item in nav.items])
        return True

    def _known_key(self, file: File) -> str | None:
        try:
            source = Path(file.abs_src_path or "").read_bytes()
        except OSError:
            return None
        # The conversion's rule: the list of the site's files counts only for a page with
        # links (read here in the file's bytes, which hold its Markdown).
        links = b"]" in source or b"markdown=" in source
        return _digest([_KNOWN_FORMAT, self._layout_site_key, self._early_nav_key,
                        self._files_key if links else "", file.src_uri, file.dest_uri,
                        file.url, hashlib.sha256(source).hexdigest()])

    def _known_output(self, key: str) -> tuple[Path, bytes] | None:
        """The layout entry the known key names and its bytes (checked); None when missing or
        damaged."""
        try:
            layout = self._known_path(key).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        if not re.fullmatch(r"[0-9a-f]{64}", layout):
            return None
        path = self._out_path(layout)
        data = read_checked(path, _OUT_FORMAT)
        return (path, data) if data is not None else None

    def _known_path(self, key: str) -> Path:
        return self.folder / "known" / key[:2] / key

    def _out_path(self, key: str) -> Path:
        return self.folder / "out" / key[:2] / f"{key}.html"


class _CachedLayout:
    """A page's template: its cached output when there is one (the context's page is one
    whose layout key is known), else the template's."""

    def __init__(self, template: jinja2.Template, outputs: dict[str, str]) -> None:
        self._template = template
        self._outputs = outputs

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if args and isinstance(args[0], dict) else kwargs
        page = context.get("page")
        if isinstance(page, Page):
            output = self._outputs.get(page.file.src_uri)
            if output is not None:
                return output
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:  # the template's other attributes
        return getattr(self._template, name)


def _digest(parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
                          .encode()).hexdigest()


def _meta(meta: Any) -> str:
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)


def _nav_link(item: StructureItem | None) -> Any:
    if item is None:
        return None
    return [type(item).__name__, item.title, getattr(item, "url", None)]


def _nav_item(item: StructureItem) -> Any:
    """What the templates show of a navigation item: its kind, title, URL, front matter
    (a page's) and children."""
    page = item if isinstance(item, Page) else None
    return [type(item).__name__, item.title, getattr(item, "url", None),
            page.file.src_uri if page is not None else None,
            _meta(page.meta) if page is not None else None,
            [_nav_item(c) for c in getattr(item, "children", None) or ()]]


def _read_output(path: Path) -> str | None:
    """A laid-out page from the cache, or None when missing or damaged."""
    data = read_checked(path, _OUT_FORMAT)
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None


def _write_output(path: Path, output: str) -> None:
    """Keep a laid-out page: a plain file and the hash of its bytes beside it (which tells a
    whole entry from a damaged one, so no fsync); a cache that cannot be written is not
    used."""
    try:
        body = output.encode("utf-8")
    except UnicodeEncodeError:  # MkDocs writes such a page with character references
        return
    write_checked(path, body, _OUT_FORMAT)


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
