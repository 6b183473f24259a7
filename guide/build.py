"""Build the public guide: exports and generated Markdown into a docs folder, the site's
assets beside them, then MkDocs (Material) renders the static site into ``out_dir``.

MkDocs empties its site folder before writing, so the exports are written into the docs
folder and MkDocs copies them to the site root with the assets.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guide.act_page import record_to_page
from guide.context import Guide
from guide.exports import records_to_exports
from guide.indexes import effects_page, issuer_index, status_index, timeline_page, year_index
from guide.pages import checklist_page, downloads_page, graph_page, home_page
from guide.stub_page import stub_to_page
from guide.urls import act_url

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "mkdocs.yml"
ASSETS = ROOT / "site" / "assets"
DEFAULT_DOCS = Path("build") / "docs"  # mkdocs.yml's docs_dir


def records_to_pages(guide: Guide) -> dict[str, str]:
    """Every page of the guide: docs-relative Markdown path -> Markdown text."""
    pages = {
        "index.md": home_page(guide),
        "checklist.md": checklist_page(),
        "graph.md": graph_page(),
        "effects.md": effects_page(guide),
        "timeline.md": timeline_page(guide),
        "downloads.md": downloads_page(guide),
        "index/status.md": status_index(guide),
        "index/issuer.md": issuer_index(guide),
        "index/year.md": year_index(guide),
    }
    for act in sorted(guide.g.nodes):
        page = record_to_page(guide, guide.records[act]) if act in guide.records \
            else stub_to_page(guide, act)
        pages[act_url(act) + "index.md"] = page
    return pages


def build_docs(records: list[dict[str, Any]], docs_dir: Path, *, as_of: dt.date) -> Guide:
    """Write the exports, the pages and the assets into ``docs_dir`` (emptied first)."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    docs_dir.mkdir(parents=True)
    exports = records_to_exports(records, docs_dir)
    guide = Guide({r["id"]: r for r in records}, exports.graph, as_of)
    for path, text in records_to_pages(guide).items():
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    if ASSETS.is_dir():
        shutil.copytree(ASSETS, docs_dir / "assets", dirs_exist_ok=True)
    return guide


def build_site(records: list[dict[str, Any]], out_dir: Path, *, as_of: dt.date | None,
               docs_dir: Path | None = None, config_file: Path = CONFIG_FILE) -> Path:
    """Build the whole guide for ``records`` into ``out_dir`` and return it.

    ``as_of`` is the day the guide speaks of (default: today); it also stamps the sitemap,
    so the same records and day give the same files. ``docs_dir`` defaults to the
    ``docs_dir`` of ``config_file`` (``build/docs``).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    day = as_of or dt.date.today()
    out_dir = Path(out_dir).resolve()
    # MkDocs refuses a docs_dir that does not exist yet, so it is made before the config is
    # read; the default is the one mkdocs.yml names.
    docs = Path(docs_dir) if docs_dir is not None else config_file.parent / DEFAULT_DOCS
    docs = docs.resolve()
    docs.mkdir(parents=True, exist_ok=True)
    with _quiet(), _source_date(day):
        config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(out_dir))
        build_docs(records, docs, as_of=day)
        build(config)
    return out_dir


@contextlib.contextmanager
def _source_date(day: dt.date) -> Iterator[None]:
    """MkDocs dates the sitemap by SOURCE_DATE_EPOCH when set: use the build day, not now."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(day.timetuple()))
    try:
        yield
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """MkDocs logs every step at INFO; the command line shows warnings only."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
