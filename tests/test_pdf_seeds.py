"""The seeds printed to PDF by a real browser give the same metadata and relations as their texts.

Each seed's act (its cleaned text: what the act says, without the damage of the text file) is
printed by Debian's chromium with a letter-spaced title, justified paragraphs, hyperlinked
citation words and the browser's running header and footer, then extracted from the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from chromium import chromium_or_skip
from golden_facts import GOLDEN_DAY, SEEDS, record_to_facts
from pdf_render import Block, Paragraph, Table, render_pdf

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
