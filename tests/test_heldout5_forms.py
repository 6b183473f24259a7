"""Forms met first in the fifth held-out set (tests/realworld/kazakhstan-law-heldout5, issue
10): orders of the Ministry of Health, the Agency for Health Affairs and the Ministry of
Agriculture, decisions of the maslikhat of Abai region, never read before. Each test reads a
real stored text, or a line quoted from one, as a user would check it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from shezhire.extract.citations import find_citations
from shezhire.extract.pipeline import extract_record

HELDOUT5 = Path(__file__).resolve().parent / "realworld" / "kazakhstan-law-heldout5"


@cache
def _record(path: Path) -> dict[str, Any]:
    return extract_record(path, metadata=False)


def _acts(refs: list[dict[str, Any]]) -> set[tuple[str | None, str | None]]:
    return {(r.get("adopted"), r.get("number")) for r in refs}


def test_a_database_code_between_number_and_type_word_keeps_the_citation() -> None:
    # Agency for Health Affairs, 2000: '... 1999 жылғы 2 сәуірдегі "..." N 172 V990739_
    # бұйрығы өз күшін жойды деп есептелсін.' (V990739_ links the cited order in the database).
    line = ('Қазақстан Республикасының Денсаулық сақтау, білім және спорт министрлігінің 1999 '
            'жылғы 2 сәуірдегі "Алғашқы көмек көрсетуге арналған (автокөліктік) дәрі '
            'жиынтығының құрамын бекіту туралы" N 172 V990739_ бұйрығы өз күшін жойды деп '
            'есептелсін.')
    assert [(c.adopted, c.number, c.act_type) for c in find_citations(line)] == \
        [("1999-04-02", "172", "order")]


def test_an_old_order_that_deems_another_void_repeals_it() -> None:
    # "... бұйрығы өз күшін жойды деп есептелсін" / "Считать утратившим силу приказ ... от 02
    # апреля 1999 года N 172": the 2000 order repeals the 1999 one in both texts.
    for name in ("kaz.md", "rus.md"):
        record = _record(HELDOUT5 / "dsm-2000-04-18-225-first-aid" / name)
        assert _acts(record["repeals"]) == {("1999-04-02", "172")}


def test_a_list_headed_cancelled_decisions_is_a_repeal_list() -> None:
    # Abai maslikhat, 2025: "1. Осы шешімнің қосымшасына сәйкес ... кейбір шешімдерінің күші
    # жойылсын." and the appendix "Абай облысы мәслихатының жойылған шешімдерінің тізбесі"
    # (no "күші" in the heading). The text's "№ 2/22-VIIІ" ends in a Cyrillic І, read as the
    # Roman numeral.
    record = _record(HELDOUT5 / "abai-masl-2025-09-30-cancel" / "kaz.md")
    assert _acts(record["repeals"]) == {
        ("2022-11-18", "10/56-VII"), ("2023-04-20", "2/22-VIII"), ("2024-11-04", "20/144-VIII")}


def test_a_russian_list_item_with_its_title_first_ends_with_its_own_date_and_number() -> None:
    # "2. Решение маслихата области Абай «О внесении изменения в решение ... от 18 ноября 2022
    # года № 10/56-VII «Об утверждении ...» от 20 апреля 2023 года № 2/22-VIIІ." - the quotes
    # do not pair; the date and number that close the item are the listed act's.
    record = _record(HELDOUT5 / "abai-masl-2025-09-30-cancel" / "rus.md")
    assert _acts(record["repeals"]) == {
        ("2022-11-18", "10/56-VII"), ("2023-04-20", "2/22-VIII"), ("2024-11-04", "20/144-VIII")}


def test_a_russian_list_item_with_its_date_first_keeps_that_date() -> None:
    # Ministry of Health, 2025: "2. Приказ Министра здравоохранения ... от 19 июня 2023 года №
    # 354 «О внесении дополнений и изменений в приказ ... от 29 марта 2023 года № 183 ...»."
    record = _record(HELDOUT5 / "dsm-2025-09-16-cancel-183-354" / "rus.md")
    assert _acts(record["repeals"]) == {("2023-03-29", "183"), ("2023-06-19", "354")}


def test_a_russian_note_lists_acts_after_a_plural_type_word() -> None:
    # "Сноска. Приложение в редакции решений маслихата области Абай от 13.12.2023 №
    # 11/83-VIII (...); от 04.11.2024 № 20/138-VIII (...)."
    record = _record(HELDOUT5 / "abai-masl-2022-12-28-routes" / "rus.md")
    assert _acts([a["act"] for a in record["amended_by"]]) == {
        ("2023-12-13", "11/83-VIII"), ("2024-11-04", "20/138-VIII")}
    assert {a["act"]["issuer"] for a in record["amended_by"]} == {"маслихат области Абай"}


def test_a_stamp_with_blank_date_and_number_still_names_the_issuer() -> None:
    # A bare "Министр" signs; the appendix stamp kept the draft's blanks: "Приложение к
    # приказу / Министра здравоохранения / Республики Казахстан / от «____» ________ 2025 года
    # / № ____"; "Қазақстан Республикасы / Денсаулық сақтау министрінің / 2025 жылғы «___»
    # _______ / № ____ бұйрығына / қосымша".
    ru = _record(HELDOUT5 / "dsm-2025-09-16-cancel-183-354" / "rus.md")
    assert (ru["act_type"], ru["issuer"], ru["adopted"], ru["number"]) == \
        ("order", "Министр здравоохранения Республики Казахстан", None, None)
    kk = _record(HELDOUT5 / "dsm-2025-09-16-cancel-183-354" / "kaz.md")
    assert (kk["act_type"], kk["adopted"], kk["number"]) == ("order", None, None)
    assert kk["issuer"] == "Қазақстан Республикасы Денсаулық сақтау министрі"
