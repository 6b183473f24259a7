"""The long lists of the guide (the effects table, the timeline) as pages whose size does not
grow with the corpus.

A list of every change or event was one page: ~6.5 KB an act, ~65 MB at 10,000 acts, which
the MkDocs process converting it held several times over (bench/README.md, sessions 14 and
15) and which no reader can open on a phone. Here a list is an index page (``BASE.md``, at
``BASE/``: each year with its number of rows, linking its pages) and a page a year
(``BASE/YEAR.md``, at ``BASE/YEAR/``); a year of more than :data:`ROWS_PER_PAGE` rows is cut
into parts of that many rows (``BASE/YEAR-2/``, ``BASE/YEAR-3/`` ...), the rows without a
year on a page of their own (``BASE/undated/``). Every page links the index, the page before
and the page after: read one after the other, the pages give the list's rows in its order.

The rows come in the list's order and a year's rows together (the lists are sorted by date);
a year met again after another is an error, never a page silently out of order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from shezhire.guide.escape import h, md
from shezhire.guide.i18n import lang, t

T = TypeVar("T")

# Rows a page holds at most: a page of the effects table or the timeline is then ~1 MB at the
# most (their rows are ~1-2 KB: quotes are cut at 300 characters), whatever the corpus.
ROWS_PER_PAGE = 500
# The slug of the rows whose date is not known (their key is "").
UNDATED = "undated"
# Front matter of the list pages: left out of the search index (they repeat the act pages'
# titles and quotes; a result pointing at one would fetch a page of hundreds of rows).
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n\n"


@dataclass(frozen=True)
class ListPage:
    """One page of a list: rows ``start`` to ``stop`` (of the whole list), part ``part`` of
    ``parts`` of the group ``key`` (a year, "" for the rows without one), whose pages are
    named ``name`` ("2020": ``BASE/2020/``, ``BASE/2020-2/`` ...)."""

    key: str
    part: int
    parts: int
    start: int
    stop: int
    count: int  # rows of the group
    offset: int  # rows of the group on the pages before this one
    name: str

    @property
    def slug(self) -> str:
        return self.name if self.part == 1 else f"{self.name}-{self.part}"


def year_slug(key: str) -> str:
    """The name of a year's pages: the year, or :data:`UNDATED`."""
    return key or UNDATED


def plan_pages(keys: Sequence[str], size: int,
               slug: Callable[[str], str] = year_slug) -> list[ListPage]:
    """The pages of a list whose rows have the group keys ``keys`` (in the list's order), of
    ``size`` rows at most; ``slug`` names a group's pages (two groups never the same name)."""
    if size < 1:
        raise ValueError(f"a page holds at least one row, not {size}")
    pages: list[ListPage] = []
    seen: set[str] = set()
    names: dict[str, str] = {}
    start = 0
    while start < len(keys):
        key = keys[start]
        if key in seen:
            raise ValueError(f"the rows of {slug(key)!r} are not together in the list")
        seen.add(key)
        name = slug(key)
        if name in names or "/" in name or not name:
            raise ValueError(f"the groups {names.get(name)!r} and {key!r} cannot both be "
                             f"named {name!r}")
        names[name] = key
        stop = start
        while stop < len(keys) and keys[stop] == key:
            stop += 1
        count = stop - start
        parts = -(-count // size)
        pages += [ListPage(key, n + 1, parts, start + n * size, min(start + (n + 1) * size, stop),
                           count, n * size, name) for n in range(parts)]
        start = stop
    return pages


def year_of(date: str | None) -> str:
    """The key of a row dated ``date`` (ISO): its year, "" when the date is not known."""
    return date[:4] if date and len(date) >= 4 and date[:4].isdigit() else ""


def year_title(key: str) -> str:
    return t("{year} жыл").format(year=key) if key else t("Жылы белгісіз")


@dataclass(frozen=True)
class PagedList:
    """A list to page: where its pages live (``base``: "effects"), its title and intro, its
    table's head (the ``<th>`` cells) and what the index says when it has no row; how its
    groups are told (by year unless said): the index's column head, the link back to the
    index, the index's note on the pages (``{size}`` the rows a page), a group's title, the
    name of its pages and the language its title is in (``None``: the page's)."""

    base: str
    title: str
    intro: str
    head: str
    empty: str
    group_head: str = "Жыл"
    every_group: str = "Барлық жылдар"
    split: str = "Кесте жылдар бойынша беттерге бөлінген; {size} жолдан ұзын жыл бірнеше бетке " \
        "бөлінеді."
    count_head: str = "Жолдар саны"
    group_title: Callable[[str], str] = field(default=lambda k: year_title(k))
    slug: Callable[[str], str] = year_slug
    title_lang: Callable[[str], str | None] = field(default=lambda _k: None)


def list_pages(spec: PagedList, items: Sequence[T], key: Callable[[T], str],
               row: Callable[[T, str], str], size: int | None = None
               ) -> Iterator[tuple[str, Iterator[str]]]:
    """Every page of the list, one at a time: its docs-relative Markdown path and its text in
    pieces (a row at a time), the index first, then the pages in the list's order; ``size``
    rows a page at most (:data:`ROWS_PER_PAGE` unless given)."""
    size = size or ROWS_PER_PAGE
    pages = plan_pages([key(item) for item in items], size, spec.slug)
    yield f"{spec.base}.md", _index(spec, pages, size)
    for n, page in enumerate(pages):
        before = pages[n - 1] if n > 0 else None
        after = pages[n + 1] if n + 1 < len(pages) else None
        yield f"{spec.base}/{page.slug}.md", _page(spec, page, before, after, items, row)


def page_url(base: str, page: ListPage) -> str:
    """The site path of a list's page ("effects/2020-2/")."""
    return f"{base}/{page.slug}/"


def _index(spec: PagedList, pages: list[ListPage], size: int) -> Iterator[str]:
    yield f"{NOT_SEARCHED}# {md(spec.title)}\n\n{md(spec.intro)}\n\n"
    if not pages:
        yield f"<p>{h(spec.empty)}</p>\n"
        return
    yield md(t(spec.split).format(size=size)) + "\n\n"
    head = "".join(f"<th>{h(t(w))}</th>" for w in (spec.group_head, spec.count_head, "Беттері"))
    yield f'<table class="list-index"><thead><tr>{head}</tr></thead><tbody>'
    for n, page in enumerate(pages):
        if page.part != 1:
            continue
        parts = pages[n:n + page.parts]
        links = " ".join(f'<a href="{h(p.slug)}/">{h(str(p.part))}</a>' for p in parts)
        yield (f'<tr><td><a href="{h(page.slug)}/"{_lang(spec, page)}>'
               f"{h(spec.group_title(page.key))}</a></td>"
               f"<td>{page.count}</td><td>{links}</td></tr>")
    yield "</tbody></table>\n"


def _lang(spec: PagedList, page: ListPage) -> str:
    """The ``lang`` attribute of the group's title where it is in another language."""
    marked = spec.title_lang(page.key)
    return f' lang="{h(marked)}"' if marked and marked != lang() else ""


def _pager(spec: PagedList, before: ListPage | None, after: ListPage | None) -> str:
    links = [f'<a href="../">{h(t(spec.every_group))}</a>']
    if before is not None:
        links.append(f'<a href="../{h(before.slug)}/" rel="prev">← {h(t("Алдыңғы бет"))}: '
                     f"{_page_name(spec, before)}</a>")
    if after is not None:
        links.append(f'<a href="../{h(after.slug)}/" rel="next">{h(t("Келесі бет"))}: '
                     f"{_page_name(spec, after)} →</a>")
    return (f'<nav class="list-pager" aria-label="{h(t("Кесте беттері"))}">'
            + " · ".join(links) + "</nav>\n")


def _page_name(spec: PagedList, page: ListPage, escape: Callable[[object], str] = h) -> str:
    """The group's title (marked with its language where it is another's) and the part, as
    HTML (``escape``: :func:`h`, or :func:`md` for a Markdown heading)."""
    marked = _lang(spec, page)
    title = escape(spec.group_title(page.key))
    name = f"<span{marked}>{title}</span>" if marked else title
    if page.parts > 1:
        name += ", " + escape(t("{part}-бөлім").format(part=page.part))
    return name


def _page(spec: PagedList, page: ListPage, before: ListPage | None, after: ListPage | None,
          items: Sequence[T], row: Callable[[T, str], str]) -> Iterator[str]:
    url = page_url(spec.base, page)
    pager = _pager(spec, before, after)
    yield f"{NOT_SEARCHED}# {md(spec.title)}: {_page_name(spec, page, md)}\n\n"
    yield pager + "\n"
    rows = t("{count} жолдың {first}–{last} жолдары.").format(
        count=page.count, first=page.offset + 1, last=page.offset + page.stop - page.start) \
        if page.parts > 1 else t("Жолдар саны: {count}.").format(count=page.count)
    yield f"<p>{h(rows)}</p>\n\n"
    yield f"<table><thead><tr>{spec.head}</tr></thead><tbody>"
    for item in items[page.start:page.stop]:
        yield row(item, url)
    yield "</tbody></table>\n\n"
    yield pager

