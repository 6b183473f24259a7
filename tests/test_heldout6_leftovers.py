"""Forms the sixth held-out round met and left unread (issue 10; tests/realworld/SOURCES.md,
"Sixth held-out check"). Each test reads a real stored text as a user would check it."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

from shezhire.extract.pipeline import extract_record

REALWORLD = Path(__file__).resolve().parent / "realworld"
DAY = dt.date(2026, 12, 1)


@cache
def _record(relative: str) -> dict[str, Any]:
    return extract_record(REALWORLD / relative, DAY, metadata=False)


def test_a_list_item_runs_on_across_a_code_blocks_wrapped_lines() -> None:
    # Ministry collegium 1993, point 3 "Считать утратившим силу:": its items sit in a Markdown
    # code block, the database's preformatted text wrapped at ~66 columns ("… утвержденное
    # решением коллегии Министерства / просвещения Казахской ССР от 12 июля 1976 г. N 196.").
    record = _record("kazakhstan-law-heldout6/mes-1993-10-15-boarding/rus.md")
    repealed = [(a["adopted"], a["number"], a["evidence"]["quote"]) for a in record["repeals"]]
    assert ("1976-07-12", "196", "решением коллегии Министерства просвещения Казахской ССР от "
            "12 июля 1976 г. № 196.") in repealed
    # The short lines of the signature and the approvals under it stay lines of their own.
    assert "\nМинистр\nСОГЛАСОВАНО: СОГЛАСОВАНО:\nЗаместитель министра Заместитель министра\n" \
        in record["text"]


def test_a_joint_decisions_second_party_may_be_a_body_without_a_local_body_word() -> None:
    # Akmola 1998: "Ақмола облысының Әкімі мен Ақмола АЭА Әкімшілік кеңесі шешті:" and "Аким
    # Акмолинской области и Административный совет Акмолинской СЭЗ РЕШИЛИ:": an akim and a
    # special economic zone's council decide together; neither party is left out.
    folder = "kazakhstan-law-heldout6/akm-astana-sez-1998-10-22-suburbs"
    assert _record(f"{folder}/kaz.md")["issuer"] == \
        "Ақмола облысының Әкімі мен Ақмола АЭА Әкімшілік кеңесі"
    assert _record(f"{folder}/rus.md")["issuer"] == \
        "Аким Акмолинской области и Административный совет Акмолинской СЭЗ"


def test_a_collegium_that_resolves_issues_what_the_text_calls_its_decision() -> None:
    # Ministry collegium 1993, Kazakh: "… мақсатында алқа қаулы етедi:" (no body named) and
    # "2.1. Алқаның шешiмiн басшылыққа алсын": the collegium's act is a decision, as the
    # Russian text's "коллегия решает" says.
    record = _record("kazakhstan-law-heldout6/mes-1993-10-15-boarding/kaz.md")
    assert record["act_type"] == "decision"
    assert [e["quote"] for e in record["fact_evidence"]["act_type"]] == ["Алқаның шешімін"]


def test_a_joint_stamp_names_the_act_by_its_first_partys_date_and_number() -> None:
    # Akmola 2007: "Ақмола облысы әкімдігінің / 2007 жылғы 6 шілдедегі № а-7/243 / қаулысы мен
    # Ақмола облыстық / мәслихатының 2007 жылғы / 6 шілдедегі № 3С-28-6 шешіміне / қосымша"
    # (a number whose code is in small letters); West Kazakhstan 2004: "облыстық
    # мәслихатының / 2004 жылғы 20 ақпандағы N 6-12 / мен облыс әкімдiгінің / 2004 жылғы 13
    # ақпандағы N 38 / бірлескен / шешімімен бекітілген" (one type word for both parties).
    akmola = _record("kazakhstan-law-heldout6/akm-joint-2007-07-06-a-7-243/kaz.md")
    assert (akmola["adopted"], akmola["number"]) == ("2007-07-06", "а-7/243")
    # The second party's part is this act too, no act it cites.
    assert "3С-28-6" not in {r["number"] for r in akmola["references"]}
    west = _record("kazakhstan-law-heldout6/wko-joint-2004-02-20-6-12-conscription/kaz.md")
    assert (west["act_type"], west["adopted"], west["number"]) == ("decision", "2004-02-20", "6-12")


def test_an_older_act_cited_by_an_unquoted_title_between_number_and_type_word() -> None:
    # Atyrau 2003, point 2: "Гурьев облыстық еңбекшілер депутаты кеңесі атқару комитетінің
    # 1974 жылғы 12 қарашадағы N 444 Теңіз ауданы Ақкөл селолық кеңесінің орталығы - Ақкөл
    # селосын қалалық поселке санатына жатқызу туралы шешімінің күші жойылды деп танылсын".
    record = _record("kazakhstan-law-heldout6/atyrau-joint-2003-06-05-akkol/kaz.md")
    assert [(r["act_type"], r["adopted"], r["number"], r["title"]) for r in record["repeals"]] == [
        ("decision", "1974-11-12", "444", "Теңіз ауданы Ақкөл селолық кеңесінің орталығы – Ақкөл "
         "селосын қалалық поселке санатына жатқызу туралы")]
