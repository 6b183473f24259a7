"""The guide's search index: Pagefind over the built site, written into ``pagefind/``.

Pagefind (the ``pagefind[bin]`` package ships its binary) reads every HTML page MkDocs wrote,
splits the index by each page's ``<html lang>`` (the guide's pages are "kk"; pages in another
language get their own index) and writes a chunked static index: the browser fetches the
entry file, the words' chunks a query needs and the fragments of the results it shows, never
the whole index (``site/assets/search.js`` is the search box that reads it).

What is indexed is each page's content, without the theme's header, navigation, table of
contents and footer (the selectors below). Act and registration numbers are in an act's card
as "№ 168", "№ 33835": Pagefind indexes the digits as a word, so a query for either finds the
act. Same site in, same index out: Pagefind's files are named by their content's hash.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from shezhire.extract.errors import ShezhireError
from shezhire.extract.outputs import write_atomic

OUTPUT_SUBDIR = "pagefind"
# The theme's parts of every page: the same on all pages, they would only add noise.
EXCLUDE = ", ".join([
    "header", "nav", "footer", ".md-sidebar", ".md-skip", ".headerlink", ".md-source-file",
])


class SearchIndexError(ShezhireError):
    """Pagefind could not index the built site: the message says why."""


def pagefind_executable() -> Path:
    """The binary the ``pagefind_bin`` package installs."""
    from pagefind_bin import get_executable

    try:
        path: Path = get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(f"the Pagefind binary is missing: {error}") from None
    return path


def index_site(site: Path) -> Path:
    """Index the built site ``site`` in place; return the index folder (``site/pagefind``)."""
    command = [str(pagefind_executable()), "--site", str(site), "--output-subdir", OUTPUT_SUBDIR,
               "--exclude-selectors", EXCLUDE, "--silent"]
    # Pagefind reads options from PAGEFIND_* variables and a pagefind.yml in its working
    # folder: neither may change the index, so both are left out.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    result = subprocess.run(command, cwd=site, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(f"{site}: Pagefind failed: {detail[-1] if detail else result.returncode}")
    index = site / OUTPUT_SUBDIR
    _sort_languages(index / "pagefind-entry.json")
    return index


def _sort_languages(entry_file: Path) -> None:
    """Pagefind lists a site's languages in no fixed order: sort them, so the same site
    gives the same bytes (the browser reads the file as JSON, where order means nothing)."""
    entry = json.loads(entry_file.read_text("utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    write_atomic(entry_file, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
