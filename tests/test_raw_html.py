"""The guide's Markdown extension (guide/raw_html.py): Python-Markdown skips reading the
guide's HTML blocks again, and every page comes out exactly as without the extension, with
the same anchors for MkDocs' link checks."""

from __future__ import annotations

from typing import Any

import markdown
import pytest
from golden_facts import GOLDEN_DAY, SEEDS
from mkdocs.config import load_config
from mkdocs.structure.pages import _RawHTMLPreprocessor

from shezhire.extract.pipeline import extract_record, link_records
from shezhire.guide.build import build_docs, config_file, write_pages
from shezhire.guide.i18n import language

EXTENSION = "shezhire.guide.raw_html"


@pytest.fixture(scope="module")
def mkdocs_markdown() -> tuple[list[Any], dict[str, Any]]:
    """The Markdown extensions of mkdocs.yml, without ours, and their settings."""
    config = load_config(str(config_file()))
    extensions = config["markdown_extensions"]
    assert EXTENSION in extensions  # the site is built with it
    return [e for e in extensions if e != EXTENSION], config["mdx_configs"]


def convert(text: str, setup: tuple[list[Any], dict[str, Any]],
            ours: bool) -> tuple[str, set[str], int]:
    """The HTML as MkDocs converts a page (with its anchor reader), the anchors, and how
    many blocks our extension stood in for."""
    extensions, configs = setup
    md = markdown.Markdown(extensions=extensions + ([EXTENSION] if ours else []),
                           extension_configs=configs)
    anchors = _RawHTMLPreprocessor()
    anchors._register(md)
    html = md.convert(text)
    stood_in = len(md.preprocessors["shezhire_html_stand_ins"].blocks) if ours else 0
    return html, anchors.present_anchor_ids, stood_in


@pytest.fixture(scope="module")
def guide_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every page of the seeds' guide, Kazakh and Russian."""
    root = tmp_path_factory.mktemp("raw-html")
    records = link_records([extract_record(p, GOLDEN_DAY) for p in SEEDS])
    guide = build_docs(records, root / "kk", as_of=GOLDEN_DAY)
    with language("ru"):
        (root / "ru").mkdir()
        write_pages(guide, root / "ru")
    return {p.relative_to(root).as_posix(): p.read_text("utf-8")
            for p in sorted(root.rglob("*.md"))}


def test_every_page_of_the_guide_converts_to_the_same_html_and_anchors(
        guide_pages: dict[str, str], mkdocs_markdown: tuple[list[Any], dict[str, Any]]) -> None:
    stood_in = 0
    for name, text in guide_pages.items():
        plain = convert(text, mkdocs_markdown, ours=False)
        fast = convert(text, mkdocs_markdown, ours=True)
        assert fast[:2] == plain[:2], name
        stood_in += fast[2]
    # The act pages' full texts were taken by the extension (not left to Python-Markdown).
    acts = [n for n in guide_pages if "/acts/" in n]
    assert len(acts) >= 10
    assert stood_in >= len(acts)


# Made-up snippets (not acts' text): the shapes a block can take, simple or not.
SNIPPETS = {
    "blocks one empty line apart": '<div class="a" id="x">one</div>\n\n<p id="y">two &amp; '
                                   'three</p>\n\n<ul><li>four</li></ul>\n',
    "blocks two empty lines apart": "<div>one</div>\n\n\n<div>two</div>\n",
    "a heading between blocks": "<div>one</div>\n\n## Title {#t}\n\n<div>two</div>",
    "a block at the end, no newline": "text\n\n<div>one</div>",
    "text right after a block": "<div>one</div>\ntext on the next line\n\n<div>two</div>\n",
    "text after the end tag": "<div>one</div> and more\n\n<div>two</div>\n",
    "a block right after a paragraph": "text\n<div>one</div>\n\n<div>two</div>\n",
    "a comment": "<div>one <!-- note --> two</div>\n\n<div>three</div>\n",
    "a script": "<div><script>if (a < b) {}</script></div>\n\n<div>x</div>\n",
    "an ampersand without semicolon": "<div>Q&A &amp that</div>\n\n<div>x</div>\n",
    "a nested block left open": "<div><div>one</div>\n\n<div>two</div>\n\n</div>\n",
    "an unclosed block before simple ones": "<section>\n\n<div>one</div>\n\n<div>two</div>\n",
    "an orphan end tag": "<div>one</span></div>\n\n<div>two</div>\n",
    "an unclosed inline element": "<p>one <b>two</p>\n\n<div>three</div>\n",
    "void and self-closing tags": '<p>one<br>two<img src="a.png"/></p>\n\n<hr>\n\n<div>x</div>\n',
    "an inline element first": "<span>one</span>\n\n<div>two</div>\n",
    "upper-case tags": "<DIV CLASS=\"a\">one</DIV>\n\n<div>two</div>\n",
    "single-quoted attributes": "<div class='a'>one</div>\n\n<div>two</div>\n",
    "a markdown block": '<div markdown="1">\n*one*\n\n<div>two</div>\n\n</div>\n\n<div>x</div>\n',
    "an indented block": "    <div>code</div>\n\n<div>two</div>\n",
    "a backtick": "<div>`one`</div>\n\n<div>two</div>\n",
    "an anchor by name": '<div><a name="n1">one</a> <a id="i&amp;2">two</a></div>\n',
    "a block across lines": '<div class="a"\n     id="b">one\ntwo</div>\n\n<div>x</div>\n',
    "a markdown link beside": "[a link](../other/)\n\n<div>one</div>\n",
}


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_any_block_shape_converts_as_without_the_extension(
        name: str, mkdocs_markdown: tuple[list[Any], dict[str, Any]]) -> None:
    text = SNIPPETS[name]
    assert convert(text, mkdocs_markdown, ours=True)[:2] == \
        convert(text, mkdocs_markdown, ours=False)[:2]


def test_simple_blocks_are_stood_in_and_their_anchors_kept(
        mkdocs_markdown: tuple[list[Any], dict[str, Any]]) -> None:
    html, anchors, stood_in = convert(SNIPPETS["blocks one empty line apart"],
                                      mkdocs_markdown, ours=True)
    assert stood_in == 1  # three blocks one empty line apart: one stand-in
    assert {"x", "y"} <= anchors
    assert html.startswith('<div class="a" id="x">one</div>')
    assert convert(SNIPPETS["an anchor by name"], mkdocs_markdown, ours=True)[1] >= \
        {"n1", "i&2"}
    # Simple blocks after a block left open are swallowed by it when Python-Markdown reads
    # the page: the page is then read again without stand-ins (and comes out the same).
    assert convert(SNIPPETS["an unclosed block before simple ones"], mkdocs_markdown,
                   ours=True)[2] == 0


def test_the_extension_is_in_the_sites_configuration_for_both_languages() -> None:
    for lang in ("kk", "ru"):
        assert EXTENSION in load_config(str(config_file(lang)))["markdown_extensions"]

