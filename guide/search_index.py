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

With a cache folder, each Pagefind run's output is kept there under a key made of the pages
it read (their paths and bytes), Pagefind's version and the options: a rebuild after one act
changed runs Pagefind only for the shards holding a changed page, and copies the others'
index, the same bytes a run would write.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from shezhire.extract.errors import ShezhireError
from shezhire.extract.outputs import write_atomic
from shezhire.guide.urls import ACT_PAGE

OUTPUT_SUBDIR = "pagefind"
# Pages per Pagefind run, and the file listing the shards after a language's first. A run's
# memory is about 1.2 MiB a page of the guide plus ~30 MiB (versions left out; measured:
# 274 MiB RSS at 200 pages, 335 at 250, 505 at 400), the build's largest process after the
# trees: 200 keeps it near the command's own. Each run adds to what a query fetches (its
# entry, metadata and a word chunk: ~3.1 KB a 200-page run, ~5.2 KB a 400-page one, so
# ~160 KB against ~135 KB at 10,000 pages a language; bench/README.md, session 12).
SHARD_PAGES = 200
SHARDS_FILE = "shards.json"
# The theme's parts of every page: the same on all pages, they would only add noise.
EXCLUDE = ", ".join([
    "header", "nav", "footer", ".md-sidebar", ".md-skip", ".headerlink", ".md-source-file",
    # An act's earlier versions (guide/versions.py): its text again, day by day; the page is
    # found by its current text, and Pagefind would hold every version of every act.
    "details.version",
])
_BODY = b"data-pagefind-body"
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=[\"']?([A-Za-z-]+)", re.IGNORECASE)
_HEAD = 4096  # bytes of a page searched for its <html lang>
_PIECE = 1 << 16  # bytes of a page read at a time (_read_page)


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


def index_site(site: Path, shard_pages: int = SHARD_PAGES, cache: Path | None = None,
               apart: Collection[str] = (), jobs: int = 1) -> Path:
    """Index the built site ``site`` in place; return the index folder (``site/pagefind``).

    Pagefind keeps what it reads of every page in memory until it writes the index (about
    1 MiB a page of the guide), so it never reads more than ``shard_pages`` pages in one run:
    each page language is indexed apart, in shards of at most that many pages. Each
    language's first shard is written into ``pagefind/`` (its entry file lists every
    language, as one run over the whole site would); the next ones into
    ``pagefind/LANG-N/`` (their index and fragments: the browser reuses the first shard's
    script and wasm). ``pagefind/shards.json`` lists them by language: the search box merges
    its language's shards (Pagefind's ``mergeIndex``), and each query fetches, per shard, its
    entry, its metadata and the chunks of the query's words. With ``cache``, a run whose pages
    are unchanged is not made again: its output is copied from the cache. With ``jobs`` of 2
    or more, that many runs at a time (:func:`_run_all`); the same files.

    Which pages go together (:func:`_shards`) is chosen so that a rebuild after one act
    changed runs few shards again: a language that needs more than one shard has the pages
    that are not act pages (the home page lists the latest acts) in shards of their own, then the act pages by issuer (an act's neighbours,
    which change with it, are mostly its issuer's acts), and a page Pagefind would leave out
    (no ``data-pagefind-body`` where its language's other pages have one: the lists of every
    act) is not fed to it at all (the same index; those lists change with every act).
    """
    if shard_pages < 1:
        raise SearchIndexError(f"{site}: a search index shard needs at least one page")
    index = site / OUTPUT_SUBDIR
    languages: dict[str, object] = {}
    shards: dict[str, list[str]] = {}
    groups = _pages_by_language(site)
    if len(groups) <= 1 and sum(map(len, groups.values())) <= shard_pages:
        pages = [p for group in groups.values() for p in _indexed(group)]
        # One run over the site, as it is.
        languages.update(_cached(cache, pages, index, lambda fresh: _run(site, site, fresh)))
        groups = {}
    runs = [(key, n, shard) for key, group in groups.items()
            for n, shard in enumerate(_shards(_indexed(group), shard_pages, frozenset(apart)))]
    # Each run into a hidden folder of its own (runs at the same time share none); then, in
    # the order of one run after the other, each language's first shard is copied into the
    # index (its script and wasm are the same files in every language's) and the others
    # renamed into place.
    outs = [index / f".shard-{i}" for i in range(len(runs))]
    for out in outs:
        if out.exists():  # left by a build that was stopped
            shutil.rmtree(out)
    found_by_run = _run_all([functools.partial(
        _cached, cache, shard, out, functools.partial(_run_pages, site, [p.path for p in shard]))
        for (_, _, shard), out in zip(runs, outs, strict=True)], jobs)
    for (_, n, _), out, found in zip(runs, outs, found_by_run, strict=True):
        if n == 0:
            languages.update(found)
            shutil.copytree(out, index, dirs_exist_ok=True)
            shutil.rmtree(out)
            continue
        (lang,) = found  # a shard's pages are of one language
        name = f"{lang}-{n}"
        _keep_index_only(out)
        if (index / name).exists():  # a previous index of this site
            shutil.rmtree(index / name)
        out.rename(index / name)
        shards.setdefault(lang, []).append(f"{name}/")
    _write_entry(index / "pagefind-entry.json", languages)
    write_atomic(index / SHARDS_FILE, json.dumps(dict(sorted(shards.items())), sort_keys=True))
    return index


def _run_all(runs: list[Callable[[], dict[str, object]]], jobs: int) -> list[dict[str, object]]:
    """Every run's languages, in the order given; ``jobs`` runs at a time. Pagefind reads a
    run's pages on every core but builds and writes its index on one (about a quarter of its
    CPU on the guide's pages, 40 % of its wall time: bench/README.md, session 13): a second
    run at the same time keeps the other core busy. Each run is a process of Pagefind's own,
    so threads wait for them."""
    if jobs < 2 or len(runs) < 2:
        return [run() for run in runs]
    with ThreadPoolExecutor(min(jobs, len(runs))) as pool:
        futures = [pool.submit(run) for run in runs]
        try:
            return [future.result() for future in futures]
        except BaseException:
            # A run failed: the build fails; the runs not started are not made for nothing.
            pool.shutdown(cancel_futures=True)
            raise


@dataclass(frozen=True)
class _Page:
    """A page of the built site: its path in the site, the hash of its bytes, and whether it
    marks the region Pagefind indexes (``data-pagefind-body``)."""

    path: Path
    digest: bytes
    body: bool


def _indexed(pages: list[_Page]) -> list[_Page]:
    """The pages Pagefind indexes: where some page of a language marks its indexed region,
    a page without the mark is left out of that language's index (Pagefind's rule, within a
    run), so it need not be read."""
    marked = [p for p in pages if p.body]
    return marked or pages


def _shards(pages: list[_Page], shard_pages: int,
            apart: frozenset[str] = frozenset()) -> list[list[_Page]]:
    """The runs of one language: all its pages in one run when they fit, else the pages
    that are not act pages, then the pages of the acts ``apart`` names, then the other act
    pages, each act group by issuer (the id's part after date, type and number) and path, at
    most ``shard_pages`` a run (:func:`_pack`)."""
    if len(pages) <= shard_pages:
        return [pages]
    groups: list[list[_Page]] = [[], [], []]
    for page in pages:
        act = _act(page.path)
        groups[0 if act is None else 1 if act in apart else 2].append(page)
    for group in groups[1:]:
        group.sort(key=lambda p: (_issuer(_act(p.path) or ""), p.path.as_posix()))
    return [shard for group in groups for shard in _pack(group, shard_pages)]


def _pack(pages: list[_Page], shard_pages: int) -> list[list[_Page]]:
    """``pages`` (sorted by issuer) in runs of at most ``shard_pages``, an issuer's pages in
    one run when they fit in one: a run that cannot take the next issuer whole is closed
    (a change among an issuer's acts runs one shard again, not the two a cut through its
    pages would). An issuer with more pages than a run is cut anyway: it fills the open run,
    then runs of its own, and its rest goes on with the next issuers (no more runs than
    cutting every ``shard_pages`` pages for it)."""
    shards: list[list[_Page]] = []
    current: list[_Page] = []
    for _, group in itertools.groupby(pages, key=lambda p: _issuer(_act(p.path) or "")):
        issuer = list(group)
        if len(issuer) > shard_pages:
            room = shard_pages - len(current)
            current, issuer = current + issuer[:room], issuer[room:]
        if current and len(current) + len(issuer) > shard_pages:
            shards.append(current)
            current = []
        while len(issuer) > shard_pages:
            shards.append(issuer[:shard_pages])
            issuer = issuer[shard_pages:]
        current += issuer
    if current:
        shards.append(current)
    return shards


_ACTS = ACT_PAGE.split("/", 1)[0]  # "acts": an act's page is acts/ID/index.html


def _act(path: Path) -> str | None:
    """The act id of an act's page (``acts/ID/index.html``, in any language's tree); None
    for a page that is not an act's."""
    parts = path.parts
    for at in (0, 1):
        if len(parts) == at + 3 and parts[at] == _ACTS and parts[at + 2] == "index.html":
            return parts[at + 1]
    return None


def _issuer(act: str) -> str:
    """The issuer part of an act id (``DATE_TYPE_NUMBER_ISSUER``), "" for an id without one."""
    pieces = act.split("_", 3)
    return pieces[3] if len(pieces) == 4 else ""


def _cached(cache: Path | None, pages: list[_Page], out: Path,
            run: Callable[[Path], dict[str, object]]) -> dict[str, object]:
    """One Pagefind run over ``pages`` (``run(folder)`` writes its output into a new folder),
    its files then copied into ``out``: or, with ``cache``, the files of a run over these
    pages, with these bytes, by this Pagefind, copied from the cache."""
    entry = cache / _run_key(pages) if cache is not None else None
    if entry is not None and entry.is_dir():
        try:
            languages: dict[str, object] = json.loads(
                (entry / "languages.json").read_text("utf-8"))
            shutil.copytree(entry / "index", out, dirs_exist_ok=True)
            return languages
        except (OSError, ValueError):
            # A damaged entry: made again (a file copied from it is written over: its name
            # is its content's hash).
            shutil.rmtree(entry, ignore_errors=True)
    # Each run into a folder of its own: a language's first shard shares ``out`` with the
    # other languages' first shards, and the cache keeps this run's files only.
    with tempfile.TemporaryDirectory(prefix="shezhire-pagefind-") as work:
        fresh = Path(work) / "index"
        languages = run(fresh)
        if entry is not None:
            _store(entry, fresh, languages)
        shutil.copytree(fresh, out, dirs_exist_ok=True)
    return languages


def _store(entry: Path, index: Path, languages: dict[str, object]) -> None:
    """Keep a run's files for the next build; a cache that cannot be written is not used."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        part = Path(tempfile.mkdtemp(prefix=".part-", dir=entry.parent))
        shutil.copytree(index, part / "index")
        # As Pagefind wrote them: their order is the entry file's.
        (part / "languages.json").write_text(json.dumps(languages), "utf-8")
        try:
            part.rename(entry)
        except OSError:  # another build stored it first
            shutil.rmtree(part, ignore_errors=True)
    except OSError:
        pass


def _run_key(pages: list[_Page]) -> str:
    """What a run's output depends on: Pagefind's version, the options, each page's path
    and bytes."""
    digest = hashlib.sha256()
    digest.update(f"pagefind {metadata.version('pagefind_bin')}\n{EXCLUDE}\n".encode())
    for page in pages:
        digest.update(f"{page.path.as_posix()}\n".encode())
        digest.update(page.digest)
    return digest.hexdigest()


def _run_pages(site: Path, pages: list[Path], out: Path) -> dict[str, object]:
    """Pagefind over ``pages`` of ``site`` alone, at their paths (so their URLs are the
    site's): links to the site's files in a folder of its own, removed once indexed."""
    part = Path(tempfile.mkdtemp(prefix=".pagefind-part-", dir=site))
    try:
        for page in pages:
            target = part / page
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(site / page, target)
        return _run(site, part, out)
    finally:
        shutil.rmtree(part, ignore_errors=True)


def _keep_index_only(bundle: Path) -> None:
    """A merged shard's bundle needs its entry, metadata, index and fragments: Pagefind's
    script, wasm and UI files, written there too, are the first shard's."""
    for path in bundle.iterdir():
        if path.is_file() and path.name != "pagefind-entry.json" \
                and not path.name.endswith(".pf_meta"):
            path.unlink()


def _run(site: Path, pages: Path, index: Path) -> dict[str, object]:
    """One Pagefind run over the folder ``pages`` into ``index``; the languages it wrote."""
    # Pagefind runs in ``pages``: a path relative to this process's folder would be read from
    # there (no page found), so both are made absolute.
    pages, index = Path(os.path.abspath(pages)), Path(os.path.abspath(index))
    command = [str(pagefind_executable()), "--site", str(pages), "--output-path", str(index),
               "--exclude-selectors", EXCLUDE, "--silent"]
    # Pagefind reads options from PAGEFIND_* variables and a pagefind.yml in its working
    # folder: neither may change the index, so both are left out.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    result = subprocess.run(command, cwd=pages, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(f"{site}: Pagefind failed: {detail[-1] if detail else result.returncode}")
    entry = json.loads((index / "pagefind-entry.json").read_text("utf-8"))
    languages: dict[str, object] = entry["languages"]
    return languages


def _pages_by_language(site: Path) -> dict[str, list[_Page]]:
    """The site's HTML pages (outside the index folder) by their ``<html lang>``, sorted."""
    groups: dict[str, list[_Page]] = {}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] == OUTPUT_SUBDIR or relative.parts[0].startswith(".pagefind-"):
            continue
        head, digest, body = _read_page(path)
        found = _HTML_LANG.search(head.decode("utf-8", "replace"))
        page = _Page(relative, digest, body)
        groups.setdefault(found.group(1).lower() if found else "", []).append(page)
    return dict(sorted(groups.items()))


def _read_page(path: Path) -> tuple[bytes, bytes, bool]:
    """A page's first :data:`_HEAD` bytes (where its ``<html lang>`` is), the SHA-256 of its
    bytes and whether it names :data:`_BODY`, read in pieces of :data:`_PIECE` bytes. The
    lists of every act (``effects/``, ``timeline/``: ~6.5 KB an act each, ~65 MB at 10,000
    acts, before they were paged in session 15) grew with the corpus: read whole, each made this process's peak grow by about
    twice its size while the search index was made (bench/README.md, session 14)."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        head = file.read(_HEAD)
        digest.update(head)
        # The attribute's name anywhere: a page that only names it in its text is fed to
        # Pagefind for nothing, never left out wrongly. A piece is searched with the end of
        # the one before it, so a name cut between two pieces is found.
        body = _BODY in head
        tail = head[-(len(_BODY) - 1):]
        while piece := file.read(_PIECE):
            digest.update(piece)
            if not body:
                body = _BODY in tail + piece
                tail = piece[-(len(_BODY) - 1):]
    return head, digest.digest(), body


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write_entry(entry_file: Path, languages: dict[str, object]) -> None:
    """The last run's entry file with every run's languages, sorted (Pagefind lists them in
    no fixed order: the same site gives the same bytes; the browser reads the file as JSON,
    where order means nothing)."""
    entry = json.loads(entry_file.read_text("utf-8"))
    entry["languages"] = dict(sorted(languages.items()))
    write_atomic(entry_file, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
