"""Russian texts: header facts, notes and one id with the Kazakh text of the same act.

The sentences below are quoted from the project's issue 11 (the database's Russian header
sentences of seeds 000 and 002), not written here; the real Russian texts of the development
set are measured by tests/test_realworld.py.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from shezhire.extract.pipeline import extract_record
from shezhire.extract.readers.markdown import markdown_to_text
from shezhire.extract.record import record_from_text

ROOT = Path(__file__).resolve().parent.parent
SEED_000 = sorted((Path(__file__).resolve().parent.parent / "corpus").glob("nko-*.txt"))[0]
NKO_HEADER = ("Постановление акимата Северо-Казахстанской области от 12 июля 2018 года № 193. "
              "Зарегистрировано Департаментом юстиции Северо-Казахстанской области 2 августа "
              "2018 года № 4874")
MIC_HEADER = ("Приказ Министра промышленности и строительства Республики Казахстан от 27 декабря "
              "2023 года № 168. Зарегистрирован в Министерстве юстиции Республики Казахстан 28 "
              "декабря 2023 года № 33835")


def test_the_russian_header_gives_every_header_fact_and_the_kazakh_id() -> None:
    record = record_from_text(NKO_HEADER + "\n", as_of="2026-12-01")
    assert record["lang"] == "ru"
    assert (record["act_type"], record["adopted"], record["number"]) == ("decree", "2018-07-12",
                                                                        "193")
    assert record["issuer"] == "акимат Северо-Казахстанской области"
    assert record["registration"]["number"] == "4874"
    assert record["registration"]["date"] == "2018-08-02"
    assert record["id"] == extract_record(SEED_000)["id"]


def test_a_ministers_order_in_russian() -> None:
    record = record_from_text(MIC_HEADER + "\n", as_of="2026-12-01")
    assert (record["act_type"], record["adopted"], record["number"]) == ("order", "2023-12-27",
                                                                        "168")
    assert record["registration"]["number"] == "33835"
    assert record["id"] == "2023-12-27_order_168_qazaqstan-respublikasy-onerkasip-zhane-qurylys-ministri"


def test_a_repeal_note_repeals_the_act() -> None:
    # Quoted from issue 11: "Сноска. Утратило силу постановлением акимата … от 07.02.2020 № 24".
    text = (NKO_HEADER + ".\n      Сноска. Утратило силу постановлением акимата "
            "Северо-Казахстанской области от 07.02.2020 № 24.\n")
    record = record_from_text(text, as_of="2026-12-01")
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2020-02-07", "24")]
    assert record["status"] == "repealed"


def test_a_stamp_with_its_number_before_a_date_without_ot_is_a_citation() -> None:
    """kazakhstan-law-heldout3/kyz-maslikhat-2012-12-06-63/rus.md: the appendix stamp puts
    the number first and the date after it with no 'от' ('к решению Кызылординского
    областного маслихата № 63 / 6 декабря 2012 года'); a bare date with no number before or
    after it still names no act."""
    from shezhire.extract.russian import russian_citations

    line = "Приложение к решению Кызылординского областного маслихата № 63 6 декабря 2012 года"
    [cite] = russian_citations(line)
    assert (cite.adopted, cite.number) == ("2012-12-06", "63")
    assert line[cite.start:cite.end].endswith("6 декабря 2012 года")
    assert russian_citations("согласно решению маслихата 6 декабря 2012 года") == []


def test_an_agreement_stamp_over_short_lines_names_the_act_with_or_without_blank_lines() -> None:
    # Akmola oblast maslikhat, 12 April 2001 № С-7-7 (kazakhstan-law-heldout3, rus.md): the
    # only statement of the act's date and number is the agreement stamp set over five short
    # lines under the signatures. Read with the page's blank lines and without them, it gives
    # the same header facts.
    path = ROOT / "tests/realworld/kazakhstan-law-heldout3/akm-maslikhat-2001-04-12-s-7-7/rus.md"
    as_found = extract_record(path, dt.date(2026, 12, 1), metadata=False)
    text = markdown_to_text(path.read_text("utf-8")).text
    joined = record_from_text(re.sub(r"\n\s*\n", "\n", text), as_of="2026-12-01")
    for record in (as_found, joined):
        assert (record["adopted"], record["number"]) == ("2001-04-12", "С-7-7")
    assert as_found["issuer"] == joined["issuer"]
