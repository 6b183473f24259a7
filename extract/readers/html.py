"""Read an act from a saved web page (the Adilet database's page, or any article page).

Only the document body is kept. The page's chrome goes first: ``nav``, ``aside``,
scripts, styles, buttons, hidden elements, footers, a page-level ``header`` (inside an
``article`` a header holds the title and stays), elements whose class or id names a
menu, breadcrumbs, sharing, cookies, a modal or an error-report box, forms, and small
elements that say "Қатені хабарлау", "Басып шығару", "©"... A form or an element that
is chrome only by its class or id is kept when it holds most of the page's text (an
ASP.NET page wraps its whole body in a form). Of what is left, the element holding the
most paragraph text (not link text) is the act; its siblings are added while they look
like text too (the act's title and status label often sit just outside the text
container), but not across the cells of a layout table.

Layout: block elements start new lines, paragraphs and headings are separated by a blank
line, ``<br>`` breaks a line, a data table's row is one line of tab-separated cells
(a layout table's cells are blocks), links and other inline elements stay in place, runs
of whitespace (non-breaking spaces included) become one space. An item of a numbered
list gets the number a browser shows, since an act's points are numbered.

Origins: ``raw_text`` is the decoded page. The parser does not report where a text node
came from, so the page is also scanned once by a small tokenizer that lists its text
characters (outside tags, comments, scripts and styles) with their offsets and entities
decoded; the parser's text nodes, which come in the same order, are found in that list
by a forward search. A character maps to itself in the page, or to the ``&`` of the
entity it was decoded from; added spaces, tabs, line breaks and list numbers map to the
character they precede. If the parser changed a text node in a way the tokenizer
does not reproduce (malformed markup), that node maps to the position where the search
stood: approximate, but still in the right part of the page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)

from shezhire.extract.errors import SourceError
from shezhire.extract.limits import current_limits, over_limit
from shezhire.extract.mapped import MappedText
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.readers.text import (
    TextBuilder,
    check_lines,
    decode_bytes,
    load_bytes,
    unescape_entity,
)

# -- what is chrome ---------------------------------------------------------------------

_DROP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "input",
    "select", "textarea", "label", "iframe", "object", "embed", "svg", "canvas", "video",
    "audio", "map", "dialog", "menu", "head", "title", "meta", "link",
})
# Class/id words that name page furniture, never an act's text.
_CHROME_WORDS = frozenset({
    "menu", "submenu", "megamenu", "nav", "navbar", "navigation", "breadcrumb",
    "breadcrumbs", "crumbs", "footer", "share", "sharing", "social", "socials", "cookie",
    "cookies", "consent", "modal", "popup", "overlay", "sidebar", "error", "errors",
    "report", "mistake", "feedback", "toolbar", "pagination", "pager", "login", "signin",
    "search", "subscribe", "newsletter", "advert", "advertising",
})
# "header" names the act's own header too, so only whole names of a site header count.
_CHROME_NAMES = frozenset({
    "header", "site-header", "page-header", "main-header", "top-header", "masthead",
    "site_header", "page_header", "top_header", "topbar", "top-bar", "top_bar",
})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
# Interface text of error-report boxes (Kazakh, Russian, English): a small element
# whose text begins so is furniture. Button words count only as an element's whole text.
_UI_PREFIXES = (
    "қатені хабарлау", "сообщить об ошибке", "report an error", "report a mistake",
    "нашли ошибку", "қате таптыңыз", "©", "copyright",
)
_UI_WORDS = frozenset({
    "басып шығару", "версия для печати", "print", "бөлісу", "поделиться",
    "share", "жабу", "закрыть", "close", "жіберу", "отправить", "send",
})
_UI_BOX_MAX_CHARS = 200
# An element that is chrome only by its class or id, or a form, is kept if it holds most
# of the page's text: the name misled (an ASP.NET page wraps its whole body in a <form>).
_GUARD_SHARE = 0.5

_SECTIONING = frozenset({"article", "main", "section"})
_REGIONS = frozenset({"td", "th"})
_NUMBERED_ALREADY = re.compile(r"\s*\d+[.)]")

# -- layout -----------------------------------------------------------------------------

_PARAGRAPH_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote",
    "pre", "hr", "address", "figure", "article", "section", "main", "header", "footer",
})
_LINE_TAGS = frozenset({
    "div", "li", "dt", "dd", "tr", "caption", "figcaption", "center", "details",
    "summary", "fieldset", "legend", "body", "html", "tbody", "thead", "tfoot", "td", "th",
})
_BLOCK_TAGS = _PARAGRAPH_TAGS | _LINE_TAGS
_CELL_TAGS = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACE = re.compile(r"[\s\u00a0]+")
_WORD = re.compile(r"[^\s\u00a0]+")

# -- the tokenizer ----------------------------------------------------------------------

_MARKUP = re.compile(
    r"""<!--.*?(?:-->|\Z)"""
    r"""|<!\[CDATA\[.*?(?:\]\]>|\Z)"""
    r"""|<![^>]*>?"""
    r"""|<\?[^>]*>?"""
    r"""|</?([A-Za-z][A-Za-z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""",
    re.DOTALL,
)
_RAW_TEXT_TAGS = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_SEARCH_WINDOW = 4000
_SKIPPED_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)


def read_html(path: Path) -> SourceDocument:
    """Read the act's text from a saved web page, mapped to the page's source."""
    data = load_bytes(path)
    raw = decode_bytes(path, data, declared_charset(data))
    check_nesting(path, raw, current_limits().nesting_depth)
    try:
        soup = BeautifulSoup(raw, "lxml")
    except Exception as error:  # lxml refuses some inputs with its own errors
        raise SourceError(str(path), f"cannot parse the HTML ({error})") from None
    try:
        text = _PageReader(raw, soup).read()
    except RecursionError:
        raise SourceError(str(path), "the page's elements are nested too deeply") from None
    if not text.text.strip():
        raise SourceError(str(path), "no document text found in the page")
    check_lines(path, text.text, what="text line")
    return SourceDocument(
        path=str(path),
        format="html",
        raw_text=raw,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
    )


# Elements that have no end tag, or whose end tag a parser implies at the next sibling: they
# do not nest, so they are not counted.
_NOT_NESTING = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rt", "rp", "colgroup", "caption"])
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")


def check_nesting(path: Path, raw: str, limit: int) -> None:
    """Refuse a page whose elements nest deeper than ``limit``, before it is parsed: the
    parser and the reader's tree walks cost more than linear time on such a page (one
    regex pass over the tags, each open tag one level, each end tag one back)."""
    depth = deepest = 0
    for match in _TAG.finditer(raw):
        closing, name, self_closing = match.groups()
        if name.lower() in _NOT_NESTING or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    raise SourceError(str(path), over_limit(
                        "elements nested too deeply", deepest, "levels or more",
                        "nesting_depth", limit))


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` (or an XML declaration), if any."""
    match = _CHARSET.search(data[:8192])
    if not match:
        return None
    name = match.group(1) or match.group(2)
    return name.decode("ascii", errors="replace")


def text_stream(raw: str) -> tuple[str, list[int]]:
    """The page's text characters in order, with the ``raw`` offset of each.

    Tags, comments, declarations and the content of scripts and styles are left out;
    entities are decoded (each decoded character maps to the ``&``); CRLF and CR become
    ``\\n`` as an HTML parser makes them.
    """
    chars: list[str] = []
    origin: list[int] = []
    pos = 0
    end = len(raw)
    while pos < end:
        match = _MARKUP.search(raw, pos)
        stop = match.start() if match else end
        _decode_segment(raw, pos, stop, chars, origin)
        if not match:
            break
        pos = match.end()
        name = (match.group(1) or "").lower()
        if name in _RAW_TEXT_TAGS and not match.group().startswith("</"):
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(raw, pos)
            pos = close.end() if close else end
        elif name in ("title", "textarea") and not match.group().startswith("</"):
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(raw, pos)
            stop = close.start() if close else end
            _decode_segment(raw, pos, stop, chars, origin)
            pos = close.end() if close else end
    return "".join(chars), origin


def _decode_segment(raw: str, start: int, end: int, chars: list[str], origin: list[int]) -> None:
    segment = raw[start:end]
    if "&" not in segment and "\r" not in segment:
        chars.append(segment)
        origin.extend(range(start, end))
        return
    i = start
    while i < end:
        char = raw[i]
        if char == "&":
            entity = _ENTITY.match(raw, i, end)
            if entity:
                decoded, offsets = unescape_entity(entity.group(), i)
                chars.append(decoded)
                origin.extend(offsets)
                i = entity.end()
                continue
        elif char == "\r":
            if i + 1 < end and raw[i + 1] == "\n":
                i += 1  # CRLF: keep the LF
            chars.append("\n")
            origin.append(i)
            i += 1
            continue
        chars.append(char)
        origin.append(i)
        i += 1


class _PageReader:
    """Finds the act in a parsed page and writes it out with origins."""

    def __init__(self, raw: str, soup: BeautifulSoup) -> None:
        self.raw = raw
        self.soup = soup
        self.body: Tag = soup.body or soup
        self.out = TextBuilder(len(raw))
        self.origins: dict[int, list[int]] = {}
        self.dropped: set[int] = set()
        self.flat = 0  # > 0 inside a data-table cell: no line breaks
        self.pre = 0  # > 0 inside <pre>: whitespace kept

    def read(self) -> MappedText:
        self._map_strings()
        self._find_chrome()
        for node in self._content_nodes():
            self._write(node)
        return self.out.build()

    # -- origins ---------------------------------------------------------------------

    def _map_strings(self) -> None:
        stream, offsets = text_stream(self.raw)
        cursor = 0
        fallback = max(len(self.raw) - 1, 0)
        for string in _strings(self.soup):
            value = str(string)
            if not value:
                continue
            at = stream.find(value, cursor, cursor + len(value) + _SEARCH_WINDOW)
            if at < 0:
                here = offsets[cursor] if cursor < len(offsets) else fallback
                self.origins[id(string)] = [here] * len(value)
                continue
            self.origins[id(string)] = offsets[at:at + len(value)]
            cursor = at + len(value)

    # -- chrome ----------------------------------------------------------------------

    def _find_chrome(self) -> None:
        """Collect the ids of the elements that are page furniture."""
        all_text, _ = _text_lengths(self.body, set())
        guard = _GUARD_SHARE * all_text.get(id(self.body), 0)
        for tag in self.soup.find_all(True):
            if self._inside_dropped(tag):
                continue
            kind = self._chrome_kind(tag)
            if kind == "certain" or (kind == "named" and all_text.get(id(tag), 0) <= guard):
                self.dropped.add(id(tag))
        for string in _strings(self.body):
            folded = _SPACE.sub(" ", str(string)).strip().casefold()
            if folded.startswith(_UI_PREFIXES) or folded.rstrip(".:!") in _UI_WORDS:
                self._drop_ui_box(string)

    def _drop_ui_box(self, string: NavigableString) -> None:
        """Drop the largest small element around an interface phrase."""
        box: Tag | None = None
        for parent in string.parents:
            if parent is self.body or len(parent.get_text(" ", strip=True)) > _UI_BOX_MAX_CHARS:
                break
            box = parent
        if box is not None:
            self.dropped.add(id(box))

    def _inside_dropped(self, node: PageElement) -> bool:
        return any(id(parent) in self.dropped for parent in node.parents)

    @staticmethod
    def _chrome_kind(tag: Tag) -> str | None:
        """``"certain"`` for chrome by its tag or state, ``"named"`` by its class or id."""
        name = tag.name
        if name == "form":
            return "named"
        if name in _DROP_TAGS:
            return "certain"
        # A footer holds the page's or the article's small print. A header is chrome
        # only for the page: inside an article it holds the article's title.
        if name == "footer" or (name == "header" and not any(
                parent.name in _SECTIONING for parent in tag.parents)):
            return "certain"
        if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
            return "certain"
        if _HIDDEN_STYLE.search(_attr(tag, "style")):
            return "certain"
        if tag.get("role") in ("navigation", "banner", "contentinfo", "search", "dialog"):
            return "certain"
        for value in (_attr(tag, "class"), _attr(tag, "id")):
            for word in value.lower().split():
                if word in _CHROME_NAMES or _CHROME_WORDS.intersection(_WORD_SPLIT.split(word)):
                    return "named"
        return None

    # -- the act's container ---------------------------------------------------------

    def _content_nodes(self) -> list[PageElement]:
        """The act's container, with the text-like siblings around it, in page order."""
        body = self.body
        text_len, link_len = _text_lengths(body, self.dropped)
        scores: dict[int, float] = {}
        tags: dict[int, Tag] = {}
        for string in _strings(body):
            if id(string) not in self.origins or self._inside_dropped(string):
                continue
            length = len(_SPACE.sub(" ", str(string)).strip())
            if not length or any(parent.name == "a" for parent in string.parents):
                continue
            # Credit the paragraph holding the text and its container fully, the
            # container's parent by half: the element whose children are the paragraphs
            # wins over a single paragraph and over the whole page.
            block = next((p for p in string.parents if p.name in _BLOCK_TAGS), None)
            if block is None:
                continue
            container = block.parent
            grandparent = container.parent if container is not None else None
            for weight, node in ((1.0, block), (1.0, container), (0.5, grandparent)):
                if isinstance(node, Tag) and node.name != "[document]":
                    scores[id(node)] = scores.get(id(node), 0.0) + weight * length
                    tags[id(node)] = node
        if not scores:
            return [body]
        for key in scores:
            total = text_len.get(key, 0)
            if total:
                scores[key] *= 1.0 - link_len.get(key, 0) / total
        # On a tie the innermost element wins; siblings are added back below.
        best = tags[max(scores, key=lambda k: (scores[k], _depth(tags[k])))]
        return self._with_siblings(best, text_len, link_len)

    def _with_siblings(
        self, best: Tag, text_len: dict[int, int], link_len: dict[int, int]
    ) -> list[PageElement]:
        """Climb while the container's siblings look like text (a title, a status).

        A sibling with much link text (tabs, a list of related acts) or with more text
        than half the container's (another article) is left out and stops the climb.
        """
        nodes: list[PageElement] = [best]
        current = best
        limit = 0.5 * text_len.get(id(best), 0)
        for _ in range(3):
            parent = current.parent
            # A table cell is a region of a layout table: what lies beside it (a menu
            # column, a banner row) is something else.
            if current is self.body or current.name in _REGIONS or parent is None or (
                    parent.name in ("[document]", "tr", "tbody", "thead", "tfoot", "table")):
                break
            kept: list[PageElement] = []
            whole = True
            for sibling in parent.children:
                if sibling is current:
                    kept.extend(nodes)
                elif isinstance(sibling, Tag):
                    length = text_len.get(id(sibling), 0)
                    if id(sibling) in self.dropped or not length:
                        continue
                    if link_len.get(id(sibling), 0) > 0.3 * length or length > limit:
                        whole = False
                        continue
                    kept.append(sibling)
                elif id(sibling) in self.origins and sibling.get_text().strip():
                    kept.append(sibling)
            if not whole or parent is self.body:
                return kept
            nodes = [parent]
            current = parent
        return nodes

    # -- writing ---------------------------------------------------------------------

    def _write(self, node: PageElement) -> None:
        if isinstance(node, NavigableString):
            if id(node) in self.origins:
                self._write_string(node)
            return
        if not isinstance(node, Tag) or id(node) in self.dropped:
            return
        name = node.name
        if name == "br":
            if self.flat:
                self.out.space()
            else:
                self.out.line_break()
            return
        if name == "table" and not self.flat and _is_data_table(node):
            self._write_table(node)
            return
        self._break(name)
        if name == "li":
            self._number_item(node)
        if name == "pre":
            self.pre += 1
        for child in node.children:
            self._write(child)
        if name == "pre":
            self.pre -= 1
        self._break(name)

    def _break(self, name: str) -> None:
        if name not in _BLOCK_TAGS:
            return
        if self.flat:
            self.out.space()
        elif name in _PARAGRAPH_TAGS:
            if self.out.chars:
                self.out.block_break()
        else:
            self.out.line_break()

    def _number_item(self, item: Tag) -> None:
        """Write the number a browser shows for an item of a numbered list.

        Points of an act are numbered, so the number belongs to the text; it is
        synthesised (mapped to the item's first character), unless the item's text
        already begins with one.
        """
        parent = item.parent
        if not isinstance(parent, Tag) or parent.name != "ol":
            return
        if _attr(parent, "type") not in ("", "1") or "none" in _attr(parent, "style"):
            return
        if _NUMBERED_ALREADY.match(item.get_text()):
            return
        try:
            number = int(_attr(parent, "start") or 1)
            for sibling in parent.find_all("li", recursive=False):
                if sibling is item:
                    break
                number += 1
            number = int(_attr(item, "value") or number)
        except ValueError:
            return
        self.out.add(f"{number}. ", [None] * (len(str(number)) + 2))

    def _write_string(self, node: NavigableString) -> None:
        value = str(node)
        origins = self.origins[id(node)]
        if self.pre and not self.flat:
            for i, char in enumerate(value):
                if char == "\n":
                    self.out.line_break(origins[i])
                else:
                    self.out.add_char(char, origins[i])
            return
        pos = 0
        for word in _WORD.finditer(value):
            if word.start() > pos:
                self.out.space(origins[pos])
            self.out.add(word.group(), origins[word.start():word.end()])
            pos = word.end()
        if pos < len(value):
            self.out.space(origins[pos])

    def _write_table(self, table: Tag) -> None:
        """One line per row, cells separated by tabs (empty cells kept, empty rows not)."""
        self._break("table")
        for row in _rows(table):
            if id(row) in self.dropped:
                continue
            self.out.line_break()
            start = len(self.out.chars)
            for number, cell in enumerate(row.find_all(_CELL_TAGS, recursive=False)):
                if number:
                    self.out.add_char("\t", None)
                if id(cell) in self.dropped:
                    continue
                self.flat += 1
                for child in cell.children:
                    self._write(child)
                self.flat -= 1
                while self.out.chars[start:] and self.out.chars[-1] == " ":
                    self.out.chars.pop()
                    self.out.origin.pop()
            if all(char == "\t" for char in self.out.chars[start:]):
                del self.out.chars[start:]
                del self.out.origin[start:]
        self._break("table")


def _strings(root: Tag) -> Iterator[NavigableString]:
    """The text nodes under ``root`` that hold page text (not comments nor scripts)."""
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, _SKIPPED_STRINGS):
            continue
        if type(node).__name__ in ("Script", "Stylesheet", "TemplateString"):
            continue
        parent = node.parent
        if parent is not None and parent.name in _RAW_TEXT_TAGS:
            continue
        yield node


def _text_lengths(root: Tag, dropped: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Per element id: characters of visible text, and of those inside links."""
    text_len: dict[int, int] = {}
    link_len: dict[int, int] = {}
    for string in _strings(root):
        length = len(_SPACE.sub(" ", str(string)).strip())
        if not length:
            continue
        parents = list(string.parents)
        if any(id(parent) in dropped for parent in parents):
            continue
        in_link = any(parent.name == "a" for parent in parents)
        for parent in parents:
            text_len[id(parent)] = text_len.get(id(parent), 0) + length
            if in_link:
                link_len[id(parent)] = link_len.get(id(parent), 0) + length
    return text_len, link_len


def _attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return str(value)


def _depth(tag: Tag) -> int:
    return sum(1 for _ in tag.parents)


def _rows(table: Tag) -> Iterator[Tag]:
    """The table's own rows (not those of tables nested in its cells)."""
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            yield child
        elif child.name in ("thead", "tbody", "tfoot"):
            yield from (r for r in child.children if isinstance(r, Tag) and r.name == "tr")


def _is_data_table(table: Tag) -> bool:
    """A table of data (rows of cells), not a page layout made with a table.

    Layout tables hold whole texts in a cell: they nest other tables, or have one
    column only; their cells are written as ordinary blocks.
    """
    if table.find("table") is not None:
        return False
    widths = [len(row.find_all(_CELL_TAGS, recursive=False)) for row in _rows(table)]
    return bool(widths) and max(widths) > 1
