"""A Markdown extension that lets Python-Markdown skip reading the guide's own HTML blocks.

The guide's pages are mostly blocks of HTML the generator wrote (an act's full text is one
``<div class="provision">`` per provision). Python-Markdown and MkDocs each read every page
whole with :mod:`html.parser` (Python-Markdown to find the raw HTML blocks and keep them
aside, MkDocs to list the anchors they hold): about three quarters of the time MkDocs spends
on a page, for blocks that come out exactly as they went in.

This extension hands them a short stand-in instead. Before MkDocs and Python-Markdown read
the page, every paragraph (lines between blank lines) that is one simple, well-formed HTML
block is replaced by ``<tag>MARK</tag>`` (the same block-level tag, at the same place);
Python-Markdown keeps the stand-in aside as it would have kept the block, and right after
that the block takes its stand-in's place in what was kept aside. The page's HTML is
therefore the same, byte for byte, as without the extension:

- a paragraph is taken only if a strict reading finds it to be a single element whose end
  closes it (the way Python-Markdown's reader closes a block: an end tag closes the innermost
  open element of its name and those above it), made only of plain start and end tags with
  double-quoted attribute values, text without ``<``, ``>`` or backticks, and character
  references that end with ``;``; no comments, ``<script>``/``<style>``/``<textarea>``, or
  ``markdown`` attribute; anything else is left to Python-Markdown as it is;
- if any stand-in was not kept aside on its own (something before it changed how the page
  was read), the page is read again the ordinary way, without stand-ins.

The anchors (``id`` attributes, ``<a name>``) inside the blocks are added to the ones MkDocs
found, so its link checks see the same anchors.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]

# A start or end tag as the strict reading accepts it: a name, attributes with double-quoted
# values (or none), no "<", ">" or backtick inside.
_TAG_SOURCE = (r"<(/?)([a-zA-Z][a-zA-Z0-9]*)"
               r"((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"<>`]*\")?)*+)\s*(/?)>")
_TAG = re.compile(_TAG_SOURCE)
# The whole paragraph: such tags, text without "<", ">" or backticks, and character references
# that end with ";" (possessive: a paragraph that is not one fails at once).
_SIMPLE = re.compile(rf"(?:{_TAG_SOURCE}|[^<>&`]++|&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+"
                     r"|#[xX][0-9a-fA-F]+);)*+")
_ATTRIBUTE = re.compile(r"([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?")
# Elements whose content the HTML reader of this Python does not read as tags (script and
# style; newer Pythons add title, textarea…), and "hr", which Python-Markdown reads apart.
_SPECIAL = frozenset({*(getattr(HTMLParser, "CDATA_CONTENT_ELEMENTS", ())),
                      *(getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())),
                      "script", "style", "hr"})
_MARK = "\x1fshezhire-html-{}\x1f"


def simple_block(chunk: str, md: Markdown) -> tuple[str, list[str]] | None:
    """The tag of ``chunk`` and the anchors it holds if it is one simple HTML block, else
    None."""
    if not chunk.startswith("<") or not _SIMPLE.fullmatch(chunk):
        return None
    stack: list[str] = []
    anchors: list[str] = []
    first = ""
    for match in _TAG.finditer(chunk):
        if first and not stack:
            return None  # something after the block closed
        closing, tag, attributes, self_closing = match.groups()
        tag = tag.lower()
        if tag in _SPECIAL:
            return None
        if not first:
            if closing or self_closing or not md.is_block_level(tag):
                return None
            first = tag
        if closing:
            if attributes or self_closing:
                return None
            if tag in stack:
                while stack.pop() != tag:
                    pass
            continue
        if "=" in attributes:
            for name, value in _ATTRIBUTE.findall(attributes):
                name = name.lower()
                if name == "markdown":
                    return None
                if name == "id" or (name == "name" and tag == "a"):
                    anchors.append(html.unescape(value))
        elif "markdown" in attributes.lower():
            return None
        if not self_closing:
            stack.append(tag)
    if stack or not chunk.endswith(">"):
        return None
    return first, anchors


class _StandIns(Preprocessor):  # type: ignore[misc]
    """Before MkDocs' anchor reader and Python-Markdown's HTML reader: blocks out, marks in."""

    def __init__(self, md: Markdown, blocks: dict[str, str]) -> None:
        super().__init__(md)
        self.blocks = blocks
        self.lines: list[str] = []
        self.anchors: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        self.blocks.clear()
        self.anchors = set()
        self.lines = lines
        out: list[str] = []
        # Blocks one empty line apart share a stand-in: Python-Markdown would put them back
        # one empty line apart ("<p>mark</p>" lines joined by a newline, each block kept with
        # its newline), which is what the shared block holds.
        run: list[str] = []
        start = 0
        while start < len(lines):
            if not lines[start].strip(" "):
                if not (run and lines[start] == "" and start + 1 < len(lines)
                        and lines[start + 1].strip(" ")):
                    self._stand_in(run, out)
                out.append(lines[start])
                start += 1
                continue
            end = start
            while end < len(lines) and lines[end].strip(" "):
                end += 1
            chunk = "\n".join(lines[start:end])
            found = simple_block(chunk, self.md)
            if found is None:
                if run:  # the run ended at the empty line before this paragraph
                    blank = out.pop()
                    self._stand_in(run, out)
                    out.append(blank)
                out.extend(lines[start:end])
            else:
                if run:
                    out.pop()  # the empty line between two blocks of the run
                run.append(chunk)
                self.anchors.update(found[1])
            start = end
        self._stand_in(run, out)
        return out

    def _stand_in(self, run: list[str], out: list[str]) -> None:
        if not run:
            return
        tag = _TAG.match(run[0])
        assert tag is not None
        mark = _MARK.format(len(self.blocks))
        self.blocks[mark] = "\n\n".join(run)
        out.append(f"<{tag.group(2)}>{mark}</{tag.group(2)}>")
        run.clear()


class _PutBack(Preprocessor):  # type: ignore[misc]
    """Right after Python-Markdown kept the HTML blocks aside: the blocks for their marks."""

    def __init__(self, md: Markdown, stand_ins: _StandIns) -> None:
        super().__init__(md)
        self.stand_ins = stand_ins

    def run(self, lines: list[str]) -> list[str]:
        blocks = self.stand_ins.blocks
        if not blocks:
            return lines
        stash = self.md.htmlStash.rawHtmlBlocks
        found: dict[int, str] = {}
        for index, kept in enumerate(stash):
            if not isinstance(kept, str) or "\x1f" not in kept:
                continue
            body, newline = (kept[:-1], "\n") if kept.endswith("\n") else (kept, "")
            inner = re.fullmatch(r"<([a-zA-Z0-9]+)>(\x1fshezhire-html-[0-9]+\x1f)</\1>", body)
            if inner is None or inner.group(2) not in blocks:
                return self._again()
            found[index] = blocks[inner.group(2)] + newline
        if len(found) != len(blocks):
            return self._again()
        for index, block in found.items():
            stash[index] = block
        mkdocs_reader = _mkdocs_anchor_reader(self.md)
        if mkdocs_reader is not None:
            mkdocs_reader.present_anchor_ids |= self.stand_ins.anchors
        return lines

    def _again(self) -> list[str]:
        """Read the page the ordinary way (the stand-ins did not stand where the blocks were)."""
        self.stand_ins.blocks.clear()
        self.md.htmlStash.reset()
        lines = self.stand_ins.lines
        mkdocs_reader = _mkdocs_anchor_reader(self.md)
        if mkdocs_reader is not None:
            mkdocs_reader.run(lines)
        result: list[str] = self.md.preprocessors["html_block"].run(lines)
        return result


def _mkdocs_anchor_reader(md: Markdown) -> Any:
    """MkDocs' reader of the anchors in a page's raw HTML, when MkDocs converts the page."""
    if "mkdocs_raw_html" in md.preprocessors:
        return md.preprocessors["mkdocs_raw_html"]
    return None


class GuideHtmlExtension(Extension):  # type: ignore[misc]
    """``markdown_extensions: [shezhire.guide.raw_html]`` in mkdocs.yml."""

    def extendMarkdown(self, md: Markdown) -> None:
        stand_ins = _StandIns(md, {})
        # MkDocs' anchor reader is at 21 and Python-Markdown's HTML reader at 20.
        md.preprocessors.register(stand_ins, "shezhire_html_stand_ins", 22)
        md.preprocessors.register(_PutBack(md, stand_ins), "shezhire_html_put_back", 19.5)


def makeExtension(**kwargs: Any) -> GuideHtmlExtension:
    return GuideHtmlExtension(**kwargs)
