"""Adding an act type is a change of data: "Жарлық" (a presidential edict) read everywhere.

The fixtures in ``tests/fixtures/lexicon/`` are MADE UP (see their README): two edicts in the
database's style. The test adds one entry to a copy of the Kazakh lexicon through the
loader's API — the word's stem and the record's act type it stands for ("other": the record
contract has no edict type) — and reads the texts again: the header, the repeal note and
the repeal list now give the edicts' issuer, dates and numbers. No regex is touched; the
forms ("Жарлығы", "Жарлығымен", "жарлығының") come from the lexicon's morphology.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from shezhire.extract.lexicon import lexicon_from_data, lexicon_in_use, read_data
from shezhire.extract.record import record_from_text

FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
AS_OF = "2026-01-01"
PRESIDENT = "Қазақстан Республикасы Президенті"


def _record(name: str) -> dict[str, Any]:
    return record_from_text((FIXTURES / name).read_text(encoding="utf-8"), as_of=AS_OF)


@pytest.fixture
def with_edicts() -> Iterator[None]:
    data = read_data("kk")
    data["act_types"].append({"key": "other", "stem": "Жарлық"})
    with lexicon_in_use(lexicon_from_data(data)):
        yield


def _act(ref: dict[str, Any]) -> tuple[Any, ...]:
    return ref["act_type"], ref["issuer"], ref["adopted"], ref["number"]


def test_without_the_word_an_edict_is_not_read() -> None:
    record = _record("edict-repealed.txt")
    assert (record["adopted"], record["number"]) == (None, None)
    # Only the signer's position ("Қазақстан Республикасының / Президенті А. Бекұлы") names
    # the issuer: the President issues what he signs.
    assert record["issuer"] == "Қазақстан Республикасының Президенті"
    assert "issuer_from_signature" in {f["kind"] for f in record["findings"]}
    assert record["repealed_by"] == []
    assert "header_missing" in {f["kind"] for f in record["findings"]}
    assert _record("edict-repeals-list.txt")["repeals"] == []


@pytest.mark.usefixtures("with_edicts")
def test_the_header_sentence_names_the_edict() -> None:
    record = _record("edict-repealed.txt")
    assert _act(record) == ("other", PRESIDENT, "2020-03-05", "123")
    assert record["id"] == "2020-03-05_other_123_qazaqstan-respublikasy-prezidenti"
    assert record["header_evidence"]["quote"].startswith(
        "Қазақстан Республикасы Президентінің 2020 жылғы 5 наурыздағы № 123 Жарлығы.")
    assert record["findings"] == []


@pytest.mark.usefixtures("with_edicts")
def test_the_repeal_note_names_the_repealing_edict() -> None:
    record = _record("edict-repealed.txt")
    [repeal] = record["repealed_by"]
    assert _act(repeal) == ("other", PRESIDENT, "2023-01-10", "456")
    # The header's sentence and the "Ескерту." note tell the same repeal: one entry, two quotes.
    quotes = [repeal["evidence"]["quote"], *(e["quote"] for e in repeal["more_evidence"])]
    assert quotes == ["Қазақстан Республикасы Президентінің 2023 жылғы 10 қаңтардағы № 456 Жарлығымен",
                      "ҚР Президентінің 10.01.2023 № 456 Жарлығымен"]
    assert record["status"] == "repealed"


@pytest.mark.usefixtures("with_edicts")
def test_the_repeal_list_names_each_repealed_edict() -> None:
    record = _record("edict-repeals-list.txt")
    assert _act(record) == ("other", PRESIDENT, "2023-01-10", "456")
    assert [_act(r) for r in record["repeals"]] == [
        ("other", PRESIDENT, "2020-03-05", "123"),
        ("other", PRESIDENT, "2019-02-01", "77"),
    ]
    text = record["text"]
    for ref in record["repeals"]:
        start, end = ref["evidence"]["span"]
        assert text[start:end] == ref["evidence"]["quote"]
    # The repealed edict's own record gets the same id as the list's entry.
    repealed = _record("edict-repealed.txt")
    assert record["repeals"][0]["id"] == repealed["id"]


def test_the_packaged_words_are_read_again_after_the_block() -> None:
    data = read_data("kk")
    data["act_types"].append({"key": "other", "stem": "Жарлық"})
    with lexicon_in_use(lexicon_from_data(data)):
        assert _record("edict-repealed.txt")["number"] == "123"
    assert _record("edict-repealed.txt")["number"] is None
