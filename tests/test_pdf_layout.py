"""How the PDF reader turns lines placed on a page into paragraphs, on made-up geometry
(glyph boxes written here, no PDF): where a print's lines break must not change the text."""

from __future__ import annotations

from shezhire.extract.readers.pdf import Glyph, Line, PageLayout, layout_to_text

SIZE = 10.0
LETTER = 5.0  # every made-up glyph is 5pt wide
SPACE = 3.0
LEFT, INDENT = 50.0, 75.0


def line(text: str, x: float, top: float) -> Line:
    words = []
    for word in text.split():
        glyphs = []
        for ch in word:
            glyphs.append(Glyph(ch, x, x + LETTER, top, top + SIZE, SIZE, 0))
            x += LETTER
        words.append(glyphs)
        x += SPACE
    return Line(words)


def read(rows: list[tuple[str, float]]) -> list[str]:
    lines = [line(text, x, 100 + 12 * n) for n, (text, x) in enumerate(rows)]
    return layout_to_text([PageLayout(800.0, lines)]).text.splitlines()


# Words of 8 letters: a full line from the margin ends at 348 (the measure), a full first
# line from the indent at 330 (its next word of 8 letters would end past 348).
FULL = " ".join(["aaaaaaaa"] * 7)
FIRST = " ".join(["bbbbbbbb"] * 6)

def test_a_wrapped_line_joins_its_paragraph_and_a_new_first_line_starts_one() -> None:
    ragged = " ".join(["hhhhhhhh"] * 5) + " mmm"  # 75 to 305: 25 from either edge
    rows = [(FIRST, INDENT), (FULL, LEFT), ("ffff gggg.", LEFT),
            # a ragged first line ending about as far from the right edge as its indent is
            # from the margin (it looks centred), whose next word did not fit after it
            (ragged, INDENT), ("wwwwwwwwww end.", LEFT),
            (FIRST, INDENT), ("short end.", LEFT),
            (FIRST, INDENT), ("last.", LEFT)]
    text = read(rows)
    assert text == [
        "      " + FIRST + " " + FULL + " ffff gggg.",
        "      " + ragged + " wwwwwwwwww end.",
        "      " + FIRST + " short end.",
        "      " + FIRST + " last.",
    ]


def test_a_short_line_whose_next_word_would_fit_is_not_joined() -> None:
    rows = [(FIRST, INDENT), ("aaaa bbbb", LEFT), ("cc dd.", LEFT),
            (FIRST, INDENT), (FULL, LEFT), (FIRST, INDENT), ("x.", LEFT)]
    text = read(rows)
    assert text[0] == "      " + FIRST + " aaaa bbbb"
    assert text[1] == "cc dd."


def test_a_run_of_underscores_overflowing_the_measure_does_not_widen_it() -> None:
    blank = "1." + "_" * 70  # one word, far past the measure
    rows = [(FIRST, INDENT), (FULL, LEFT), ("end.", LEFT), (blank, INDENT),
            (FIRST, INDENT), ("aaaaaaaa x.", LEFT), (FIRST, INDENT), ("y.", LEFT)]
    text = read(rows)
    assert text[0] == "      " + FIRST + " " + FULL + " end."
    assert "      " + FIRST + " aaaaaaaa x." in text


def test_a_compound_wrapped_at_its_hyphen_joins_without_a_space() -> None:
    rows = [(FIRST[:-5] + " ақпараттық-", INDENT), ("коммуникациялық end.", LEFT),
            (FIRST, INDENT), ("x.", LEFT), (FIRST, INDENT), ("y.", LEFT)]
    text = read(rows)
    assert text[0].endswith("ақпараттық-коммуникациялық end.")
