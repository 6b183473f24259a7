"""Hostile act files of any size: the shapes of abuse the extractor must survive in linear time.

Each shape is a function of one size ``n`` returning the file's bytes; the tests
(``tests/test_hostile_corpus.py``) write them at the sizes the issue names, and
``bench_hostile.py`` doubles ``n`` and prints how the time grows. Standard library only, so
the bench runs after a plain ``pip install -e .``.

Every text here is MADE UP for testing (a short invented act header around the abuse); none
is an act of the database.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

from pdf_render import pdf_file

# A made-up act's header, title and closing point: enough for the extractor to see an act.
MADE_UP_TITLE = "Сынақ үшін ойдан шығарылған акт (made up for testing)"
MADE_UP_HEADER = (
    "Сынақ облысы әкімдігінің 2020 жылғы 1 ақпандағы № 7 қаулысы. "
    "Сынақ облысының Әділет департаментінде 2020 жылғы 5 ақпанда № 9999 болып тіркелді."
)
MADE_UP_CLOSING = "Осы қаулы алғашқы ресми жарияланған күнінен кейін қолданысқа енгізіледі."
PARAGRAPH = (
    "Тұрғын үйге мұқтаж азаматтарды есепке алу жергілікті атқарушы органның шешімімен "
    "жүзеге асырылады, өтініш күнтізбелік он күн ішінде қаралады."
)


def made_up_act(body: str) -> str:
    """``body`` between the made-up title and header and the made-up closing point."""
    return (f"{MADE_UP_TITLE}\n\n{MADE_UP_HEADER}\n\n      Сынақ облысының әкімдігі ҚАУЛЫ "
            f"ЕТЕДІ:\n{body}\n      2. {MADE_UP_CLOSING}\n")


def long_word(n: int) -> bytes:
    """One word of ``n`` letters in a point (the probe's 100,000-letter word took 9.9 GB)."""
    return made_up_act("      1. " + "а" * n + ".").encode()


def numbered_points(n: int) -> bytes:
    """``n`` numbered points, one short line each (1,000,000 in the issue)."""
    lines = "\n".join(f"      {i}. {PARAGRAPH[:40]}." for i in range(1, n + 1))
    return made_up_act(lines).encode()


def number_signs(n: int) -> bytes:
    """"№ № № …" ``n`` times on lines of 1,000 signs (regex backtracking)."""
    return made_up_act(_wrapped("№ ", n)).encode()


def paren_points(n: int) -> bytes:
    """"1) 1) 1) …" ``n`` times on lines of 1,000 (regex backtracking)."""
    return made_up_act(_wrapped("1) ", n)).encode()


def number_sign_line(n: int) -> bytes:
    """"№ № № …" ``n`` times on one line (up to the reader's line limit)."""
    return made_up_act("      1. " + "№ " * n).encode()


def paren_line(n: int) -> bytes:
    """"1) 1) 1) …" ``n`` times on one line."""
    return made_up_act("      1. " + "1) " * n).encode()


def long_text(n: int) -> bytes:
    """A made-up act of about ``n`` characters in ordinary paragraphs (10 MB ran past 580 s)."""
    count = max(1, n // (len(PARAGRAPH) + 12))
    body = "\n".join(f"      {i}. {PARAGRAPH}" for i in range(1, count + 1))
    return made_up_act(body).encode()


def long_sentence(n: int) -> bytes:
    """One sentence of about ``n`` characters without a full stop, on lines of ~100."""
    words = max(1, n // 8)
    line_words = 12
    lines = [" ".join(["тұрғын үй"[:7]] * line_words) for _ in range(words // line_words + 1)]
    return made_up_act("      1. " + "\n".join(lines)).encode()


def nested_html(n: int) -> bytes:
    """An act page whose text sits inside ``n`` nested elements (100,000 ran past 580 s)."""
    return ("<html><body>" + "<div>" * n + "<p>" + MADE_UP_TITLE + "</p><p>" + MADE_UP_HEADER
            + "</p><p>1. " + MADE_UP_CLOSING + "</p>" + "</div>" * n
            + "</body></html>").encode()


def nested_markdown(n: int) -> bytes:
    """Block quotes and list items nested ``n`` deep."""
    return made_up_act("> " * n + "- 1. " + PARAGRAPH).encode()


def long_number_citation(n: int) -> bytes:
    """An act citing an act numbered with ``n`` digits (200 aborted a build: file name too long)."""
    number = ("1234567890" * (n // 10 + 1))[:n]
    return made_up_act(
        "      1. Сынақ облысы әкімдігінің 2019 жылғы 3 наурыздағы № " + number
        + " қаулысының күші жойылды деп танылсын.").encode()


def _wrapped(unit: str, n: int, per_line: int = 1000) -> str:
    lines = []
    for start in range(0, n, per_line):
        lines.append("      " + (unit * min(per_line, n - start)).rstrip())
    return "\n".join(lines)


@dataclass(frozen=True)
class Shape:
    """A shape, the suffix of its file, and the size the issue names."""

    make: Callable[[int], bytes]
    suffix: str
    issue_size: int


SHAPES: dict[str, Shape] = {
    "long-word": Shape(long_word, ".txt", 100_000),
    "numbered-points": Shape(numbered_points, ".txt", 1_000_000),
    "number-signs": Shape(number_signs, ".txt", 100_000),
    "paren-points": Shape(paren_points, ".txt", 100_000),
    "number-sign-line": Shape(number_sign_line, ".txt", 100_000),
    "paren-line": Shape(paren_line, ".txt", 100_000),
    "long-text": Shape(long_text, ".txt", 10_000_000),
    "long-sentence": Shape(long_sentence, ".txt", 1_000_000),
    "nested-html": Shape(nested_html, ".html", 100_000),
    "nested-markdown": Shape(nested_markdown, ".md", 100_000),
    "long-number-citation": Shape(long_number_citation, ".txt", 200),
}


# --- PDFs written byte by byte (no chromium needed) ---------------------------------------


def _pdf(contents: list[bytes], *, flate: bool = False) -> bytes:
    """A PDF of one page per content stream (Helvetica, standard encoding)."""
    count = len(contents)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    font = 3 + 2 * count
    for i, content in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       f"<< /Font << /F1 {font} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        data = zlib.compress(content, 9) if flate else content
        extra = b" /Filter /FlateDecode" if flate else b""
        objects.append(b"<< /Length " + str(len(data)).encode() + extra + b" >>\nstream\n"
                       + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return pdf_file(objects)


def many_pages_pdf(n: int) -> bytes:
    """A PDF of ``n`` pages, a few lines of (made-up, ASCII) text on each."""
    pages = []
    for page in range(1, n + 1):
        lines = [f"Page {page}. Made-up text for testing, line {line}." for line in range(1, 6)]
        ops = " ".join(f"BT /F1 12 Tf 72 {720 - 20 * i} Td ({text}) Tj ET"
                       for i, text in enumerate(lines))
        pages.append(ops.encode())
    return _pdf(pages)


def pdf_bomb(n: int) -> bytes:
    """A one-page PDF whose Flate content stream inflates to ``n`` bytes (spaces: a few
    hundred KB compressed for hundreds of MB inflated)."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 720 Td (Made up) Tj ET\n")]
    left = n
    while left > 0:
        parts.append(compressor.compress(chunk[:min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(compressor.flush())
    stream = b"".join(parts)
    body = (b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n"
            + stream + b"\nendstream")
    return _pdf([b"placeholder"]).replace(
        b"<< /Length 11 >>\nstream\nplaceholder\nendstream", body).replace(
        b"startxref", b"startxref", 1)
