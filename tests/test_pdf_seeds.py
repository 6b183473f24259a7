"""The seeds printed to PDF by a real browser give the same metadata and relations as their texts.

Each seed's act (its cleaned text: what the act says, without the damage of the text file) is
printed by Debian's chromium with a letter-spaced title, justified paragraphs, hyperlinked
citation words and the browser's running header and footer, then extracted from the PDF.
"""

from __future__ import annotations

import itertools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from chromium import chromium_or_skip
from golden_facts import GOLDEN_DAY, SEEDS, record_to_facts
from pdf_render import Block, PageStyle, Paragraph, Table, render_pdf

from shezhire.extract.pipeline import extract_record

# Damage of the seed text files that a clean print does not have.
_TEXT_FILE_FINDINGS = {"displaced_link_text", "letter_spacing_gaps_inferred"}


def text_to_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            blocks.append(Table.of(rows))
        else:
            blocks.append(Paragraph(lines[i]))
            i += 1
    return blocks


@pytest.fixture(scope="module")
def pdf_records(tmp_path_factory: pytest.TempPathFactory,
                seed_records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    chromium_or_skip()
    out = tmp_path_factory.mktemp("seed-pdfs")
    records = {}
    for seed in SEEDS:
        blocks = text_to_blocks(seed_records[seed.stem]["text"])
        title = blocks.pop(0)
        assert isinstance(title, Paragraph)
        pdf = render_pdf(blocks, out / f"{seed.stem}.pdf", title=title.text)
        records[seed.stem] = extract_record(pdf, GOLDEN_DAY)
    return records


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_pdf_gives_the_same_facts_as_the_text(
        seed: Path, seed_records: dict[str, dict[str, Any]],
        pdf_records: dict[str, dict[str, Any]]) -> None:
    from_text = record_to_facts(seed_records[seed.stem])
    from_pdf = record_to_facts(pdf_records[seed.stem])
    assert pdf_records[seed.stem]["source"]["format"] == "pdf"
    for key, value in from_text.items():
        if key == "finding_kinds":
            assert set(from_pdf[key]) == set(value) - _TEXT_FILE_FINDINGS
        else:
            assert from_pdf[key] == value, key


# --- the same seeds printed on other pages (issue 10, point 4) ----------------------------

# A4, A5 and Letter, two fonts of different widths, two margins, justified and not: six
# pages in which every pair of two settings' values appears (a pairwise cover of the 24
# combinations; SHEZHIRE_PDF_MATRIX=full prints all 24: the 120 seed prints all hold).
_SIZES = ("A4", "A5", "Letter")
_FONTS = ("DejaVu Serif", "Liberation Sans")
_MARGINS = ("8mm", "30mm")
_PAIRWISE = (
    ("A4", 0, 0, True), ("A4", 1, 1, False), ("A5", 0, 1, False), ("A5", 1, 0, True),
    ("Letter", 0, 0, False), ("Letter", 1, 1, True),
)
if os.environ.get("SHEZHIRE_PDF_MATRIX") == "full":
    VARIANTS = [PageStyle(size, font, margin, justify) for size, font, margin, justify
                in itertools.product(_SIZES, _FONTS, _MARGINS, (True, False))]
else:
    VARIANTS = [PageStyle(size, _FONTS[f], _MARGINS[m], justify)
                for size, f, m, justify in _PAIRWISE]
# What a reader of the PDF must get as from the text: the act's metadata and its relations.
_METADATA_AND_RELATIONS = ("id", "title", "status_label", "act_type", "issuer", "adopted",
                           "number", "registration", "repealed_by", "amended_by", "repeals",
                           "amends")


def test_the_variants_cover_every_pair_of_settings() -> None:
    settings = [(v.size, v.font, v.margin, v.justify) for v in VARIANTS]
    values = (_SIZES, _FONTS, _MARGINS, (True, False))
    for i, j in itertools.combinations(range(4), 2):
        assert {(s[i], s[j]) for s in settings} == set(itertools.product(values[i], values[j]))


@pytest.fixture(scope="session")
def variant_pdfs(tmp_path_factory: pytest.TempPathFactory,
                 seed_records: dict[str, dict[str, Any]]) -> dict[tuple[str, str], Path]:
    """Every seed printed once per page variant in the session (chromium runs side by side)."""
    exe = chromium_or_skip()
    out = tmp_path_factory.mktemp("seed-pdf-variants")
    jobs = []
    for style in VARIANTS:
        for seed in SEEDS:
            blocks = text_to_blocks(seed_records[seed.stem]["text"])
            title = blocks.pop(0)
            assert isinstance(title, Paragraph)
            jobs.append((style, seed, blocks, title.text))
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        paths = pool.map(lambda job: render_pdf(
            job[2], out / job[0].name / f"{job[1].stem}.pdf", title=job[3], style=job[0],
            chromium=exe), jobs)
        return {(style.name, seed.stem): pdf
                for (style, seed, _b, _t), pdf in zip(jobs, paths, strict=True)}


def test_the_page_size_is_the_variant_s(variant_pdfs: dict[tuple[str, str], Path]) -> None:
    # Points: A4 595x842, A5 420x595, Letter 612x792.
    sizes = {"A4": (595, 842), "A5": (420, 595), "Letter": (612, 792)}
    for (name, _seed), pdf in variant_pdfs.items():
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf.read_bytes())
        assert box is not None
        width, height = (round(float(box.group(k))) for k in (1, 2))
        style = next(v for v in VARIANTS if v.name == name)
        assert (width, height) == sizes[style.size], name


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
@pytest.mark.parametrize("style", VARIANTS, ids=lambda v: v.name)
def test_every_page_variant_gives_the_metadata_and_relations_of_the_text(
        style: PageStyle, seed: Path, seed_records: dict[str, dict[str, Any]],
        variant_pdfs: dict[tuple[str, str], Path]) -> None:
    from_text = record_to_facts(seed_records[seed.stem])
    from_pdf = record_to_facts(extract_record(variant_pdfs[(style.name, seed.stem)], GOLDEN_DAY))
    assert {k: from_pdf[k] for k in _METADATA_AND_RELATIONS} == \
        {k: from_text[k] for k in _METADATA_AND_RELATIONS}
