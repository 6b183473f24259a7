"""Read a Markdown act (a page of the legal database converted to Markdown).

The markup goes, the act's words stay: emphasis, heading hashes, link targets, images,
code backticks, inline HTML tags, backslash escapes and table pipes are removed; a
numbered point ("1." or "1)"), which Markdown calls an ordered list item, keeps its
number because the number is the act's own text. Every paragraph becomes one line,
a table row one line of tab-separated cells, and blocks keep the blank lines that
separate them in the file.

markdown-it-py parses the file; its tokens know their source lines but not columns,
so each piece of text is located in its line range by a forward search from the end of
the previous piece. A token's text is verbatim source text, so the search finds its
exact place; an entity or an escape maps to its first source character.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from shezhire.extract.errors import SourceError
from shezhire.extract.mapped import MappedText, compose, offsets, shifted
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.readers.text import (
    TextBuilder,
    load_text,
    normalise_newlines,
    unescape_entity,
)

_DELIMITERS = frozenset(
    {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})
_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# In a Markdown file's raw HTML: comments, tags, and script/style elements with content.
_HTML_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)|</?[A-Za-z][^>]*>|<![^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_HTML_BLOCK_TAGS = re.compile(
    r"</?(?:br|p|div|h[1-6]|li|ul|ol|tr|table|blockquote|pre|hr|section|article)\b",
    re.IGNORECASE,
)
_HTML_CELL_TAG = re.compile(r"<t[dh]\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_WHITESPACE = re.compile(r"\s+")


def read_markdown(path: Path) -> SourceDocument:
    """Read a Markdown act as plain text without markup, mapped to the file."""
    data, raw = load_text(path)
    lf = normalise_newlines(raw)
    plain = markdown_to_text(lf.text)
    if not plain.text.strip():
        raise SourceError(str(path), "no text (only Markdown markup)")
    text = MappedText(plain.text, compose(lf.origin, plain.origin))
    return SourceDocument(
        path=str(path),
        format="md",
        raw_text=raw,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def markdown_to_text(source: str) -> MappedText:
    """The text of Markdown ``source`` (``\\n`` line ends), its origin into ``source``.

    A YAML front matter block (``---`` lines) is metadata, not text, except its ``title`` and
    ``requisite`` (the database's header sentence), which some copies keep only there: those
    two values become the first paragraphs, mapped to where they stand in the block.
    """
    front = _FRONT_MATTER.match(source)
    if front is None:
        return _Converter(source).convert()
    head_text: list[str] = []
    head_origin: list[int] = []
    for key in _FRONT_MATTER_TEXT:
        m = re.search(rf"^{key}:[ \t]*(?P<value>\S[^\n]*)$", front.group("body"), re.MULTILINE)
        if m is None:
            continue
        value = m.group("value").strip()
        start = front.start("body") + m.start("value")
        if value[:1] in "'\"" and value[-1:] == value[:1]:
            value, start = value[1:-1], start + 1  # a quoted YAML scalar
        head_text.append(value + "\n\n")
        head_origin.extend([*range(start, start + len(value)), start + len(value) - 1,
                            start + len(value) - 1])
    body = _Converter(source[front.end():]).convert()
    origin = offsets(head_origin)
    origin.extend(shifted(body.origin, front.end()))
    return MappedText("".join(head_text) + body.text, origin)


_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.DOTALL)
_FRONT_MATTER_TEXT = ("title", "requisite")


@lru_cache(maxsize=1)
def _markdown_parser() -> MarkdownIt:
    """One parser per process (making one compiles its rules; a parse keeps no state in it)."""
    return _make_parser()


def _make_parser(plain_inline_shortcut: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Without text_join, escapes and entities stay separate tokens that carry
    # their source form, which is what lets them be located in the file.
    md.disable("text_join")
    if plain_inline_shortcut:
        md.core.ruler.at("inline", _plain_inline_first)
    return md


# Every inline rule the parser runs (line breaks, escapes, code spans, strikethrough,
# emphasis, links, images, autolinks, inline HTML, entities) begins at one of these.
_INLINE_STARTS = re.compile(r"[\n\\`~*_\[!<&]")


def _plain_inline_first(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, with a shortcut: an inline text holding none of
    the characters an inline rule begins at (most of an act's paragraphs) is one text token,
    which is what the inline parser makes of it after trying its rules at every
    punctuation mark (``tests/test_fast_paths.py`` checks it against the parser)."""
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if _INLINE_STARTS.search(content) is None:
            if content:
                text = Token("text", "", 0)
                text.content = content
                token.children.append(text)
        else:
            state.md.inline.parse(content, state.md, state.env, token.children)


class _Converter:
    """One walk over markdown-it's token stream, writing into a :class:`TextBuilder`."""

    def __init__(self, source: str) -> None:
        self.src = source
        self.out = TextBuilder(len(source))
        starts = [0]
        starts.extend(m.end() for m in re.finditer("\n", source))
        if starts[-1] != len(source):
            starts.append(len(source))
        self.line_starts = starts
        self.prev_end_line = 0
        # Marker of an ordered item ("1.", "2)") waiting for the item's first block.
        self.pending_marker: tuple[str, int] | None = None
        self.flat = 0  # > 0 inside a table cell: line breaks become spaces

    def convert(self) -> MappedText:
        tokens = _markdown_parser().parse(self.src)
        self._walk(tokens)
        return self.out.build()

    # -- blocks --------------------------------------------------------------------

    def _walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("paragraph_open", "heading_open"):
                inline = tokens[i + 1]
                floor = self._start_block(tok.map, allow_marker=True)
                self._inline(inline, max(floor, self._line_offset(tok.map, 0)))
                self._end_block(tok.map)
                i += 3
                continue
            if kind == "list_item_open":
                if tok.markup in (".", ")"):
                    self.pending_marker = self._find_marker(tok)
            elif kind == "list_item_close":
                self._flush_marker()
            elif kind == "table_open":
                self._start_block(tok.map)
            elif kind == "tr_open":
                i = self._table_row(tokens, i)
                continue
            elif kind in ("code_block", "fence"):
                self._code(tok)
            elif kind == "html_block":
                self._html_block(tok)
            i += 1

    def _start_block(self, line_map: list[int] | None, allow_marker: bool = False) -> int:
        """Separate the new block from the last one; returns where its text may begin."""
        start = line_map[0] if line_map else self.prev_end_line
        if self.out.chars:
            if self._blank_line_between(self.prev_end_line, start):
                self.out.block_break()
            else:
                self.out.line_break()
        if self.pending_marker is not None:
            marker, at = self.pending_marker
            self.pending_marker = None
            self.out.add(marker, range(at, at + len(marker)))
            after = at + len(marker)
            if allow_marker:
                gap = after if after < len(self.src) and self.src[after] in " \t" else None
                self.out.add_char(" ", gap)
            else:
                self.out.line_break()
            return after
        return 0

    def _end_block(self, line_map: list[int] | None) -> None:
        if line_map:
            self.prev_end_line = line_map[1]

    def _blank_line_between(self, first: int, last: int) -> bool:
        for line in range(first, min(last, len(self.line_starts) - 1)):
            if not self.src[self.line_starts[line]:self.line_starts[line + 1]].strip():
                return True
        return False

    def _find_marker(self, tok: Token) -> tuple[str, int] | None:
        marker = f"{tok.info}{tok.markup}"
        if not tok.map:
            return None
        start = self.line_starts[tok.map[0]]
        at = self.src.find(marker, start, self._line_offset(tok.map, 1))
        return (marker, at) if at >= 0 else None

    def _flush_marker(self) -> None:
        """An empty item ("5." alone) still prints its number."""
        if self.pending_marker is not None:
            self._start_block(None)

    def _table_row(self, tokens: list[Token], i: int) -> int:
        row = tokens[i]
        self.out.line_break()
        row_start = len(self.out.chars)
        cursor = self._line_offset(row.map, 0)
        first = True
        i += 1
        while tokens[i].type != "tr_close":
            tok = tokens[i]
            if tok.type in ("th_open", "td_open"):
                if not first:
                    self.out.add_char("\t", None)
                first = False
            elif tok.type == "inline":
                self.flat += 1
                cursor = self._inline(tok, cursor)
                self.flat -= 1
            i += 1
        if all(c == "\t" for c in self.out.chars[row_start:]):
            del self.out.chars[row_start:]
            del self.out.origin[row_start:]
        self._end_block(row.map)
        return i + 1

    def _code(self, tok: Token) -> None:
        """Code blocks are the database's preformatted text (an act holds no code): each line
        stays a line, except a line a wrap cut, which goes on on the next line (see
        :func:`_wrapped_lines`)."""
        self._start_block(tok.map)
        first_line = tok.map[0] + (1 if tok.type == "fence" else 0) if tok.map else 0
        cursor = self.line_starts[min(first_line, len(self.line_starts) - 1)]
        end = self._line_offset(tok.map, 1)
        raw = [line.rstrip() for line in tok.content.split("\n")]
        lines = [line.strip() for line in raw if line.strip()]
        cut = _wrapped_lines(raw)
        for k, stripped in enumerate(lines):
            at = self.src.find(stripped, cursor, end)
            if k and cut[k - 1]:
                # The line break the wrap put in reads as a space (mapped to it).
                newline = self.src.rfind("\n", cursor, at) if at >= 0 else -1
                self.out.space(newline if newline >= 0 else None)
            else:
                self.out.line_break()
            if at < 0:
                self.out.add(stripped, [cursor] * len(stripped))
                continue
            self.out.add(stripped, range(at, at + len(stripped)))
            cursor = at + len(stripped)
        self._end_block(tok.map)

    def _html_block(self, tok: Token) -> None:
        """Raw HTML in Markdown: tags go, their text stays, block tags break lines."""
        start = self._line_offset(tok.map, 0)
        end = self._line_offset(tok.map, 1)
        if not _strip_html(self.src[start:end]).strip():
            self._end_block(tok.map)
            return
        self._start_block(tok.map)
        self._html_fragment(start, end)
        self._end_block(tok.map)

    # -- inline --------------------------------------------------------------------

    def _inline(self, tok: Token, cursor: int) -> int:
        """Write an inline token's text; returns the source offset after it."""
        src = self.src
        end = self._line_offset(tok.map, 1)
        for child in tok.children or ():
            kind = child.type
            if kind == "text":
                cursor = self._text(child.content, cursor, end)
            elif kind == "text_special":
                at = src.find(child.markup, cursor, end)
                if at < 0:
                    self.out.add(child.content, [cursor] * len(child.content))
                    continue
                # An escape "\*" maps to the "*"; an entity to its "&".
                origin = at + 1 if child.info == "escape" else at
                self.out.add(child.content, [origin] * len(child.content))
                cursor = at + len(child.markup)
            elif kind in ("softbreak", "hardbreak"):
                at = src.find("\n", cursor, end)
                newline = at if at >= 0 else None
                if kind == "hardbreak" and not self.flat:
                    self.out.line_break(newline)
                else:
                    self.out.space(newline)
                cursor = at + 1 if at >= 0 else cursor
            elif kind == "code_inline":
                at = src.find(child.markup, cursor, end)
                if at >= 0:
                    cursor = at + len(child.markup)
                cursor = self._text(child.content, cursor, end)
                close = src.find(child.markup, cursor, end)
                cursor = close + len(child.markup) if close >= 0 else cursor
            elif kind in _DELIMITERS:
                at = src.find(child.markup, cursor, end)
                cursor = at + len(child.markup) if at >= 0 else cursor
            elif kind == "link_open":
                opener = "<" if child.markup == "autolink" else "["
                at = src.find(opener, cursor, end)
                cursor = at + 1 if at >= 0 else cursor
            elif kind == "link_close":
                if child.markup == "autolink":
                    at = src.find(">", cursor, end)
                    cursor = at + 1 if at >= 0 else cursor
                else:
                    cursor = _skip_link_tail(src, cursor, end)
            elif kind == "image":
                cursor = _skip_image(src, cursor, end)
            elif kind == "html_inline":
                at = src.find(child.content, cursor, end)
                if at >= 0:
                    cursor = at + len(child.content)
                if _BR_TAG.fullmatch(child.content.strip()):
                    if self.flat:
                        self.out.space()
                    else:
                        self.out.line_break()
        return cursor

    def _text(self, content: str, cursor: int, end: int) -> int:
        if not content:
            return cursor
        at = self.src.find(content, cursor, end)
        if at < 0:
            # Inline code turns its line breaks into spaces: same length, other char.
            pattern = "".join("[ \n]" if c == " " else re.escape(c) for c in content)
            match = re.compile(pattern).search(self.src, cursor, end)
            at = match.start() if match else -1
        if at < 0:
            # Not found (should not happen): keep the text, map it roughly.
            self.out.add(content, [min(cursor, max(len(self.src) - 1, 0))] * len(content))
            return cursor
        end_at = at + len(content)
        if self.out.at_line_start:  # after a <br>: a line does not start with spaces
            stripped = content.lstrip(" \t")
            at += len(content) - len(stripped)
            content = stripped
        self.out.add(content, range(at, end_at))
        return end_at

    def _html_fragment(self, start: int, end: int) -> None:
        src = self.src
        pos = start
        for match in _HTML_MARKUP.finditer(src, start, end):
            self._html_text(pos, match.start())
            if _HTML_BLOCK_TAGS.match(match.group()):
                self.out.line_break()
            elif _HTML_CELL_TAG.match(match.group()) and not self.out.at_line_start:
                self.out.add_char("\t", None)
            pos = match.end()
        self._html_text(pos, end)

    def _html_text(self, start: int, end: int) -> None:
        """Text between tags: whitespace collapsed, entities decoded."""
        segment = self.src[start:end]
        pos = 0
        for word in re.finditer(r"\S+", segment):
            if word.start() > pos:
                self.out.space(start + pos)
            chunk = word.group()
            at = start + word.start()
            last = 0
            for entity in _ENTITY.finditer(chunk):
                self.out.add(chunk[last:entity.start()], range(at + last, at + entity.start()))
                self.out.add(*unescape_entity(entity.group(), at + entity.start()))
                last = entity.end()
            self.out.add(chunk[last:], range(at + last, at + len(chunk)))
            pos = word.end()
        if pos < len(segment):
            self.out.space(start + pos)

    def _line_offset(self, line_map: Sequence[int] | None, which: int) -> int:
        if not line_map:
            return len(self.src) if which else 0
        line = min(line_map[which], len(self.line_starts) - 1)
        return self.line_starts[line]


def _skip_link_tail(src: str, cursor: int, end: int) -> int:
    """From the end of a link's text, past ``](target "title")`` or ``][label]``."""
    close = src.find("]", cursor, end)
    if close < 0:
        return cursor
    return _skip_target(src, close + 1, end)


def _skip_image(src: str, cursor: int, end: int) -> int:
    """Past a whole image ``![alt](src)``: none of it is the act's text."""
    at = src.find("![", cursor, end)
    if at < 0:
        return cursor
    depth = 0
    i = at + 1
    while i < end:
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return _skip_target(src, i + 1, end)
        i += 1
    return cursor


def _skip_target(src: str, i: int, end: int) -> int:
    if i < end and src[i] == "(":
        depth = 0
        j = i
        while j < end:
            char = src[j]
            if char == "\\":
                j += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
        return i
    if i < end and src[i] == "[":
        close = src.find("]", i, end)
        return close + 1 if close >= 0 else i
    return i


def _strip_html(fragment: str) -> str:
    return _WHITESPACE.sub(" ", _HTML_MARKUP.sub(" ", fragment))


def _wrapped_lines(raw: list[str]) -> list[bool]:
    """Which lines with words of a preformatted block a wrap cut: the sentence goes on on
    the next line (``raw``: the block's lines, blank ones too).

    The database set older acts' text in fixed-width lines ("… утвержденное решением
    коллегии Министерства / просвещения Казахской ССР от 12 июля 1976 г. N 196."). A wrap
    breaks a line only where the next word would not fit: a line that ends in a word or a
    comma, that the next line's first word would have made longer than the block's longest
    line or that is nearly that long, was cut where the next line goes on in small letters
    or with a number that is no item's label ("… Казахской ССР от / 13 июля 1988 г."). A
    short line (a signature's, a title's) stays a line, and so do a line before a blank one
    or a capital (a signer's position, a title), a line set in two columns (a run of spaces
    between its words: a bilingual form's head, a list of names and positions) and a line
    ending in a hyphen (the cleaning decides whether a word was split there)."""
    lines = [line.strip() for line in raw if line.strip()]
    width = max((len(line) for line in lines), default=0)
    cut: list[bool] = []
    for above, below in itertools.pairwise([*raw, ""]):
        if not above.strip():
            continue
        cut.append(False)
        if not below.strip() or _COLUMNS.search(above.strip()) or _COLUMNS.search(below.strip()):
            continue
        above, below = above.strip(), below.strip()
        if not (above[-1:].isalnum() or above.endswith(",")):
            continue
        if not (below[:1].islower() or (below[:1].isdigit() and not _ITEM_LABEL.match(below))):
            continue
        first = below.split(" ", 1)[0]
        full = len(above) + 1 + len(first) > width and len(above) >= 0.5 * width
        cut[-1] = full or len(above) >= 0.75 * width
    return cut


# Two columns side by side in a preformatted line.
_COLUMNS = re.compile(r"\S {3,}\S")
# A point's or a subpoint's label, that opens an item of its own ("4. Контроль …", "2) …").
_ITEM_LABEL = re.compile(r"\d+(?:[.-]\d+)*[.)](?!\d)")
