"""Forms the held-out rounds met and left unread (issue 10; tests/realworld/SOURCES.md lists
them under each round). Each test reads a real stored text, or a line quoted from one, as a
user would check it."""

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


def _acts(refs: list[dict[str, Any]]) -> set[tuple[str | None, str | None]]:
    return {(r.get("adopted"), r.get("number")) for r in refs}


def _quotes(record: dict[str, Any], fact: str) -> list[str]:
    return [e["quote"] for e in record["fact_evidence"].get(fact, [])]


def test_the_institutes_note_alone_on_its_line_heads_the_coming_repeal_after_it() -> None:
    # Ministry of Finance 1999, Kazakh: "*РҚАО-ның ескертуі!* / 2013.01.01 бастап бұйрықтың
    # күші жойылады - Қазақстан Республикасы Қаржы министрінің 2010.08.04 № 395 Бұйрығымен."
    # The database's note, not the act's text: the order is repealed by order № 395 (the day
    # has passed), and the note's "бұйрықтың" is the only word that names this act's type
    # (the copy kept the approved rules, not the order's own words).
    record = _record("kazakhstan-law-heldout4/minfin-1999-10-11-wear/kaz.md")
    notes = [p for p in record["provisions"] if p.get("role") == "note"]
    assert len(notes) == 1
    note = record["text"][slice(*notes[0]["span"])]
    assert note.startswith("РҚАО-ның ескертуі!\n2013.01.01 бастап бұйрықтың күші жойылады")
    assert _acts(record["repealed_by"]) == {("2010-08-04", "395")}
    assert record["status"] == "repealed"
    assert record["act_type"] == "order"
    assert _quotes(record, "act_type") == ["бұйрықтың күші жойылады"]


def test_the_institutes_note_with_its_text_on_its_line_does_not_take_the_preamble() -> None:
    # Almaty region akim 2003: "> РҚАО-ның ескертуі: Мемлекеттік тіркеу бұзылды - …" holds
    # its text on its own line; the preamble after it is the act's.
    record = _record("kazakhstan-law-local/almobl-akim-2003-08-20-8-140/kaz.md")
    preamble = next(p for p in record["provisions"] if p.get("role") == "preamble")
    assert record["text"][slice(*preamble["span"])].startswith(
        'Қазақстан Республикасының "Нормативтік құқықтар актілер туралы" Заңындағы')


def test_the_body_that_proclaims_a_constitutional_law_is_its_issuer() -> None:
    # Constitutional law of 16 December 1991: no header, no formula; the body that speaks
    # opens the proclaiming sentence ("Верховный Совет Республики Казахстан, выражая волю
    # народа Казахстана, … торжественно провозглашает государственную независимость …";
    # "Қазақстан Республикасының Жоғарғы Кеңесi / Қазақстан халқының еркiн бiлдiре отырып, …
    # салтанатты түрде жариялайды.").
    folder = "kazakhstan-law-heldout5/const-1991-12-16-independence"
    russian = _record(f"{folder}/rus.md")
    assert (russian["act_type"], russian["issuer"]) == ("law", "Верховный Совет Республики Казахстан")
    assert _quotes(russian, "issuer") == ["Верховный Совет Республики Казахстан"]
    kazakh = _record(f"{folder}/kaz.md")
    assert kazakh["act_type"] == "law"
    assert kazakh["issuer"] is not None and kazakh["issuer"].startswith("Қазақстан Республикасы")
    assert kazakh["issuer"].endswith("Жоғарғы Кеңесі")
    assert "issuer_from_proclamation" in {f["kind"] for f in kazakh["findings"]}


def test_a_law_that_names_no_proclaiming_body_has_no_issuer() -> None:
    # Law of 1993 on local soviets: signed "Президент / Республики Казахстан", no body
    # proclaims it; the signer of a law is not its issuer.
    for name in ("rus.md", "kaz.md"):
        record = _record(f"kazakhstan-law-heldout4/law-1993-12-09-local-soviets/{name}")
        assert (record["act_type"], record["issuer"]) == ("law", None)


def test_an_instruction_is_an_act_an_order_amends() -> None:
    # Ministry of Finance 1996: "Об утверждении изменений и дополнений в Инструкцию № 37 от
    # 26 июня 1995 года …" and '"Қосылған құнға салынатын салықты есептеу мен төлеу тәртiбi
    # туралы" 1995 жылғы 26 маусымдағы N 37 ~V950077 нұсқаулыққа енгiзiлген өзгертулер мен
    # толықтыруларды бекiту туралы': the title names the instruction the appended changes
    # amend (the record's type "other": the contract has no instruction type); "~V950077" is
    # the database's link, no word of the citation.
    for name in ("rus.md", "kaz.md"):
        record = _record(f"kazakhstan-law-heldout4/minfin-1996-09-17-amend-vat-37/{name}")
        assert [(a["act"]["act_type"], a["act"]["adopted"], a["act"]["number"])
                for a in record["amends"]] == [("other", "1995-06-26", "37")]


def test_a_kazakh_law_cited_by_its_title_and_date_only_is_the_act_a_point_amends() -> None:
    # President's decree of 1995, point 1: '"Қазақстан Республикасында халық денсаулығын
    # сақтау туралы" 1992 жылғы 10 қаңтардағы Қазақстан Республикасының Заңына (…) мынадай
    # толықтырулар мен өзгертулер енгiзiлсiн': no number; the country after the date heads
    # the law, as where it stands before the date.
    record = _record("kazakhstan-law-heldout4/pres-1995-11-29-amend-health-law/kaz.md")
    assert [(a["act"]["act_type"], a["act"]["issuer"], a["act"]["adopted"], a["act"]["number"],
             a["act"]["title"]) for a in record["amends"]] == [
        ("law", "Қазақстан Республикасы", "1992-01-10", None,
         "Қазақстан Республикасында халық денсаулығын сақтау туралы")]


def test_laws_listed_by_title_and_date_before_one_plural_type_word() -> None:
    # Astana maslikhat 2016: 'Қазақстан Республикасының «Қазақстан Республикасындағы
    # жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» 2001 жылғы 23 қаңтардағы,
    # «Құқықтық актілер туралы» 2016 жылғы 6 сәуірдегі заңдарына сәйкес': two laws, the
    # country before the first title heading both.
    record = _record("kazakhstan-law-local/astana-maslikhat-2016-06-24-35-7/kaz.md")
    laws = {(r["issuer"], r["adopted"], r["title"]) for r in record["references"]
            if r["act_type"] == "law"}
    assert laws >= {
        ("Қазақстан Республикасы", "2001-01-23",
         "Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы"),
        ("Қазақстан Республикасы", "2016-04-06", "Құқықтық актілер туралы")}


def test_an_acting_officer_with_a_double_position_signs_for_the_office_after_the_dash() -> None:
    # Ministry of Finance 1999, Russian: "2. Настоящий приказ вступает в силу … / И.о.
    # Заместителя Премьер-Министра / Республики Казахстан - Министр финансов / ПРАВИЛА …":
    # no signer's name; the position stands right before the approved rules' heading. The
    # order is the Minister of Finance's (the Deputy Prime Minister is the signer's rank).
    record = _record("kazakhstan-law-heldout4/minfin-1999-10-11-wear/rus.md")
    assert record["issuer"] == "Министр финансов Республики Казахстан"
    assert _quotes(record, "issuer") == [
        "И.о.Заместителя Премьер-Министра\nРеспублики Казахстан – Министр финансов"]
