"""guide/fulltext.py's pieces of an act's text: escaped, newlines kept as references, and a
link over each span the record names; a provision no link touches is one escaped piece.
The text is made up (not an act's)."""

from __future__ import annotations

from shezhire.guide.fulltext import Link, _paint, span_to_html

TEXT = "1. Бірінчі <тармақ> & \"сөз\".\r\n2. Екінші: № 168 қаулы.\n3. Соңғы."


def pieces(links: list[Link], start: int, end: int) -> str:
    return span_to_html(TEXT, start, end, links, _paint(len(TEXT), links))


def test_a_span_without_links_is_its_text_escaped_with_newlines_as_references() -> None:
    first = TEXT.index("2.")
    link = Link(TEXT.index("№"), TEXT.index(" қаулы"), "../a/", "A")
    for links in ([], [link]):
        assert pieces(links, 0, first) == ("1. Бірінчі &lt;тармақ&gt; &amp; &quot;сөз&quot;."
                                           "&#10;")
        assert pieces(links, TEXT.index("3."), len(TEXT)) == "3. Соңғы."
        assert pieces(links, 5, 5) == ""


def test_links_cover_their_spans_the_narrower_one_inside_the_wider() -> None:
    start, end = TEXT.index("2."), TEXT.index("3.")
    wide = Link(TEXT.index("Екінші"), TEXT.index(" қаулы") + 6, "../b/", "B")
    narrow = Link(TEXT.index("№"), TEXT.index(" қаулы"), "../a/", "A & co")
    assert pieces([wide, narrow], start, end) == (
        '2. <a href="../b/" title="B">Екінші: </a>'
        '<a href="../a/" title="A &amp; co">№ 168</a>'
        '<a href="../b/" title="B"> қаулы</a>.&#10;')
