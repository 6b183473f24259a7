"""The PDF reader on real PDFs printed by chromium (see bench/pdf_render.py).

Each PDF is rendered once per session. The sample act spans several pages, so chromium's
running header (print date, title) and footer (file URL, "1/4") repeat; its title is
letter-spaced; act citations are hyperlinks that chromium paints after the rest of the
paragraph (out of reading order in the content stream, as in Adilet's PDFs); it has a
ruled table.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from chromium import chromium_or_skip
from pdf_render import (
    ADILET_SYSTEM_NAME,
    LINK_TARGET,
    LINK_WORDS,
    Block,
    Paragraph,
    Table,
    encrypted_pdf_bytes,
    html_to_pdf,
    image_only_pdf,
    normalise,
    render_pdf,
    seed_text_to_blocks,
)

from shezhire.extract.errors import SourceError
from shezhire.extract.readers.base import SourceDocument
from shezhire.extract.readers.pdf import read_pdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SEEDS = sorted(p.name for p in CORPUS.iterdir() if p.suffix in {".txt", ".md"})

TITLE = "Тұрғын үй көмегін беру қағидаларын бекіту туралы"
TABLE = Table.of([
    ("№", "Кезең", "Мерзімі"),
    ("1", "Өтінішті қабылдау және тіркеу", "1 (бір) жұмыс күні"),
    ("2", "Құжаттарды тексеру", "5 (бес) жұмыс күні"),
    ("3", "Шешім қабылдау немесе бас тарту туралы дәлелді жауап", "2 (екі) жұмыс күні"),
])

_SENTENCES = (
    "Солтүстік Қазақстан облысы әкімдігінің 2020 жылғы 7 ақпандағы № 24 қаулысымен "
    "бекітілген регламентке сәйкес көрсетілетін қызметті беруші өтінішті қабылдайды.",
    "Қазақстан Республикасы Өнеркәсіп және құрылыс министрінің 2023 жылғы 27 желтоқсандағы "
    "№ 168 бұйрығы негізінде құжаттар тізбесі толықтырылды.",
    "Заңның 27-бабының 2-тармағына сәйкес мемлекеттік қызмет көрсету мерзімі он бес "
    "жұмыс күнінен аспайды, ал өтініш берушіге хабарлама жіберіледі.",
    "Көрсетілетін қызметті алушы құжаттардың толық топтамасын ұсынған кезде жауапты "
    "қызметкер оларды екі жұмыс күні ішінде тексереді және нәтижесін тіркейді.",
    "Ескерту. Тармақ жаңа редакцияда - ҚР Өнеркәсіп және құрылыс министрінің м.а. "
    "17.04.2025 № 130 бұйрығымен.",
)


def _sample_blocks() -> list[Block]:
    """About four pages of numbered points with a table in the middle."""
    blocks: list[Block] = []
    for n in range(1, 41):
        first = _SENTENCES[n % len(_SENTENCES)]
        second = _SENTENCES[(n + 2) % len(_SENTENCES)]
        blocks.append(Paragraph(f"{n}. {first} {second}"))
        if n == 14:
            blocks.append(TABLE)
    return blocks


SAMPLE = _sample_blocks()
SAMPLE_PARAGRAPHS = [b.text for b in SAMPLE if isinstance(b, Paragraph)]


@dataclass
class Read:
    """A rendered PDF and what the reader made of it."""

    pdf: Path
    doc: SourceDocument


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium_or_skip()
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="session")
def sample(pdf_dir: Path) -> Read:
    pdf = render_pdf(SAMPLE, pdf_dir / "sample-browser.pdf", title=TITLE)
    return Read(pdf, read_pdf(pdf))


@pytest.fixture(scope="session")
def sample_adilet(pdf_dir: Path) -> Read:
    """The same act with Adilet-like page furniture and links in stream order."""
    pdf = render_pdf(SAMPLE, pdf_dir / "sample-adilet.pdf", title=TITLE,
                     furniture="adilet", displaced_links=False)
    return Read(pdf, read_pdf(pdf))


@pytest.fixture(scope="session")
def seeds(seed_pdfs: dict[str, Path]) -> dict[str, Read]:
    return {name: Read(pdf, read_pdf(pdf)) for name, pdf in seed_pdfs.items()}


def paragraphs_of(text: str) -> tuple[str, list[str]]:
    """Split reader output into (leading block, indented paragraphs), tables left out.

    A paragraph starts at a line indented with 6 spaces; blank lines (page breaks) and
    wrapped lines continue it.
    """
    head: list[str] = []
    paragraphs: list[list[str]] = []
    for line in text.splitlines():
        if "\t" in line:
            continue
        if line.startswith(" " * 6):
            paragraphs.append([line])
        elif paragraphs:
            paragraphs[-1].append(line)
        else:
            head.append(line)
    return _joined(head), [_joined(p) for p in paragraphs]


def _joined(lines: list[str]) -> str:
    """Wrapped lines rejoined; a line broken after a hyphen ("2-" / "тармағына") joins
    without a space (the sample has no hyphenation, only compounds)."""
    text = ""
    for line in (normalise(line) for line in lines):
        if not line:
            continue
        text += line if not text or text.endswith("-") else " " + line
    return text


def table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "\t" in line]


# --- the sample act ----------------------------------------------------------------------


def test_sample_spans_several_pages(sample: Read) -> None:
    assert len(sample.doc.page_starts) >= 3


def test_letter_spaced_title_comes_back_as_words(sample: Read) -> None:
    head, _ = paragraphs_of(sample.doc.text.text)
    assert head == TITLE
    # The characters as read are letters apart: the rejoining is the reader's work.
    assert "Т ұ р ғ ы н ү й" in sample.doc.raw_text


def test_paragraphs_equal_the_html_paragraphs(sample: Read) -> None:
    _, paragraphs = paragraphs_of(sample.doc.text.text)
    assert paragraphs == SAMPLE_PARAGRAPHS


def test_running_header_footer_and_page_numbers_are_gone(sample: Read) -> None:
    text = sample.doc.text.text
    raw = sample.doc.raw_text
    pages = len(sample.doc.page_starts)
    # They are in the PDF, on every page ...
    assert raw.count(sample.pdf.with_suffix(".html").as_uri()) == pages
    assert f"1/{pages}" in raw
    # ... and not in the text.
    assert "file://" not in text
    assert not re.search(r"\d+/\d+/\d+, \d+:\d+", text)
    assert not [line for line in text.splitlines() if re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", line)]
    assert normalise(text).count(TITLE) == 1  # the header repeats the title on each page


def test_linked_words_stay_where_they_stand(sample: Read) -> None:
    text = " ".join(paragraphs_of(sample.doc.text.text)[1])
    expected = sum(len(LINK_WORDS.findall(p)) for p in SAMPLE_PARAGRAPHS)
    assert expected > 40
    assert len(LINK_WORDS.findall(text)) == expected  # none lost, none doubled
    with pdfplumber.open(sample.pdf) as pdf:
        links = [link for page in pdf.pages for link in page.hyperlinks]
    assert len(links) >= expected  # a link cut by a line end has two boxes
    assert {link["uri"] for link in links} == {LINK_TARGET}
    phrase = "№ 24 қаулысымен бекітілген"
    assert phrase in text
    # In stream order the link comes after its paragraph's other words.
    assert phrase not in normalise(sample.doc.raw_text)


def test_table_rows_are_tab_separated_lines_and_not_prose(sample: Read) -> None:
    text = sample.doc.text.text
    assert table_lines(text) == ["\t".join(row) for row in TABLE.rows]
    assert normalise(text).count("Өтінішті қабылдау және тіркеу") == 1


def test_text_maps_back_into_raw_text(sample: Read) -> None:
    doc = sample.doc
    assert doc.format == "pdf"
    assert doc.sha256 == hashlib.sha256(sample.pdf.read_bytes()).hexdigest()
    assert doc.page_starts[0] == 0
    assert list(doc.page_starts) == sorted(set(doc.page_starts))
    assert len(doc.text.origin) == len(doc.text.text)
    wrong = [(i, ch) for i, (ch, at) in enumerate(zip(doc.text.text, doc.text.origin,
                                                      strict=True))
             if not ch.isspace() and doc.raw_text[at] != ch]
    assert wrong == []
    # A span of the text traces back to its page.
    start = doc.text.text.index("1 (бір) жұмыс күні")
    source_start, _ = doc.text.source_span(start, start + 5)
    page = max(i for i, s in enumerate(doc.page_starts) if s <= source_start)
    assert 0 < page < len(doc.page_starts) - 1


def test_reader_output_follows_the_conventions(sample: Read) -> None:
    text = sample.doc.text.text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


# --- another producer's page furniture ----------------------------------------------------


def test_adilet_like_furniture_is_gone(sample_adilet: Read) -> None:
    text = sample_adilet.doc.text.text
    raw = sample_adilet.doc.raw_text
    assert ADILET_SYSTEM_NAME in raw and "Бет 2" in raw and "- 2 -" in raw
    assert ADILET_SYSTEM_NAME not in text
    assert not re.search(r"Бет \d|- \d+ -", text)
    head, paragraphs = paragraphs_of(text)
    assert head == TITLE
    assert paragraphs == SAMPLE_PARAGRAPHS
    assert table_lines(text) == ["\t".join(row) for row in TABLE.rows]


def test_one_page_print_loses_its_header_and_footer(pdf_dir: Path) -> None:
    blocks: list[Block] = [Paragraph(p) for p in SAMPLE_PARAGRAPHS[:3]]
    doc = read_pdf(render_pdf(blocks, pdf_dir / "one-page.pdf", title=TITLE))
    assert len(doc.page_starts) == 1
    assert "1/1" in doc.raw_text
    head, paragraphs = paragraphs_of(doc.text.text)
    assert (head, paragraphs) == (TITLE, SAMPLE_PARAGRAPHS[:3])


def test_letter_spaced_words_inside_an_ordinary_line(pdf_dir: Path) -> None:
    spaced = '<span style="letter-spacing: 0.3em">ҚАУЛЫ ЕТЕДІ:</span>'
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        "body { font-family: 'DejaVu Serif'; font-size: 11pt; width: 40em; }"
        "p { text-align: justify; margin: 0 0 1em 0; }</style></head><body>"
        "<p>Заңына сәйкес Солтүстік Қазақстан облысының әкімдігі " + spaced +
        " бірінші тармақ бекітілсін және осы қаулы алғашқы ресми жарияланған күнінен"
        " кейін қолданысқа енгізіледі.</p>"
        "<p>Тізбеде а б в г және д е ж тармақтары бар, олар бөлек жазылған әріптер болып"
        " табылады және бірге жазылмайды.</p></body></html>"
    )
    doc = read_pdf(html_to_pdf(page, pdf_dir / "spaced-inline.pdf"))
    text = normalise(doc.text.text)
    assert "әкімдігі ҚАУЛЫ ЕТЕДІ: бірінші" in text
    assert "а б в г және д е ж" in text


def test_right_aligned_and_centred_lines_are_not_indents(pdf_dir: Path) -> None:
    page = (
        '<!doctype html><html><head><meta charset="utf-8"><style>'
        "body { font-family: 'DejaVu Serif'; font-size: 11pt; }"
        "p { text-align: justify; text-indent: 2.5em; margin: 0; }"
        "p.right { text-align: right; text-indent: 0; margin: 1em 0 1em 55%; }"
        "p.centre { text-align: center; text-indent: 0; margin: 1em 4em; }"
        "</style></head><body>"
        + "".join(f"<p>{p}</p>" for p in SAMPLE_PARAGRAPHS[:2])
        + '<p class="right">Қазақстан Республикасы Өнеркәсіп және құрылыс министрінің'
        " 2026 жылғы 30 наурыздағы № 130 бұйрығына 1-қосымша</p>"
        '<p class="centre">Тұрғын үй көмегін көрсету қағидаларына қойылатын негізгі'
        " талаптардың тізбесі және оларды тексеру тәртібі</p>"
        + "".join(f"<p>{p}</p>" for p in SAMPLE_PARAGRAPHS[2:4])
        + "</body></html>"
    )
    doc = read_pdf(html_to_pdf(page, pdf_dir / "aligned.pdf"))
    indented = [line for line in doc.text.text.splitlines() if line.startswith(" " * 6)]
    assert [normalise(line).split(".")[0] for line in indented] == ["1", "2", "3", "4"]
    assert "бұйрығына 1-қосымша" in normalise(doc.text.text)


# --- the seed acts printed to PDF --------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_pdf_reads_back_as_the_seed(seeds: dict[str, Read], name: str) -> None:
    """Every character of the act's prose comes back, in order, with no furniture.

    Whitespace is ignored here (a seed's damaged spacing such as "Ж е к е" is rejoined by
    geometry); word boundaries are checked on the sample act. Tables are left out: a row
    cut by a page break comes back as two rows.
    """
    doc = seeds[name].doc
    blocks = seed_text_to_blocks((CORPUS / name).read_text(encoding="utf-8"),
                                 markdown=name.endswith(".md"))
    prose = [b.text for b in blocks if isinstance(b, Paragraph)]
    text_lines = [line for line in doc.text.text.splitlines() if "\t" not in line]
    assert "".join("".join(text_lines).split()) == "".join("".join(prose).split())
    assert normalise(doc.text.text).startswith(normalise(prose[0]))
    assert "file://" not in doc.text.text


def test_seed_table_rows_come_back(seeds: dict[str, Read]) -> None:
    name = "mic-order-2026-130-amendments.txt"
    blocks = seed_text_to_blocks((CORPUS / name).read_text(encoding="utf-8"))
    rows = [row for b in blocks if isinstance(b, Table) for row in b.rows]
    assert len(rows) >= 10

    def squeezed(cells: list[str] | tuple[str, ...]) -> str:
        return "\t".join("".join(cell.split()) for cell in cells)

    got = [squeezed(line.split("\t")) for line in table_lines(seeds[name].doc.text.text)]
    # Whole rows come back cell for cell, except the one a page break cuts in two.
    missing = [row for row in rows if squeezed(row) not in got]
    assert [row[0] for row in missing] == ["7"]


# --- files that cannot be read -----------------------------------------------------------


def _error(path: Path) -> str:
    with pytest.raises(SourceError) as caught:
        read_pdf(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return caught.value.problem


def test_truncated_pdf(sample: Read, tmp_path: Path) -> None:
    data = sample.pdf.read_bytes()
    for cut in (len(data) // 3, len(data) - 40):
        path = tmp_path / f"cut-{cut}.pdf"
        path.write_bytes(data[:cut])
        assert _error(path).startswith("not a readable PDF")


def test_corrupt_pdf(sample: Read, tmp_path: Path) -> None:
    data = sample.pdf.read_bytes()
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(data[:2000] + b"\0" * 5000 + data[-300:])
    assert _error(path).startswith("not a readable PDF")


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "act.pdf"
    path.write_text("Кейбір бұйрықтарға өзгерістер енгізу туралы\n", encoding="utf-8")
    assert _error(path).startswith("not a readable PDF")


def test_missing_file(tmp_path: Path) -> None:
    # The same words as every reader's (the PDF reader checks the file as they do).
    assert _error(tmp_path / "absent.pdf") == "no such file"


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = image_only_pdf(tmp_path / "scan.pdf")
    assert _error(path) == "PDF has no text layer (scanned?); OCR is not supported"


def test_encrypted_pdf_needing_a_password(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf_bytes("Secret order", user_password="secret"))
    assert "encrypted" in _error(path)


def test_encrypted_pdf_anyone_may_open_is_read(tmp_path: Path) -> None:
    path = tmp_path / "protected.pdf"
    path.write_bytes(encrypted_pdf_bytes("Order No. 130 (protected)", user_password=""))
    assert normalise(read_pdf(path).text.text) == "Order No. 130 (protected)"

