"""Forms met first in the held-out real acts (tests/realworld/kazakhstan-law-heldout, issue 10):
each test reads a real stored text, or a line quoted from one, as a user would check it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from shezhire.extract.kazakh.dates import find_dates
from shezhire.extract.pipeline import extract_record

REALWORLD = Path(__file__).resolve().parent / "realworld"
HELDOUT = REALWORLD / "kazakhstan-law-heldout"


@cache
def _record(path: Path) -> dict[str, Any]:
    return extract_record(path, metadata=False)


def _acts(refs: list[dict[str, Any]]) -> set[tuple[str | None, str | None]]:
    return {(r.get("adopted"), r.get("number")) for r in refs}


@pytest.mark.parametrize(("line", "quote", "iso"), [
    # almobl-maslikhat-2005-12-06-24-166/kaz.md, the appendix stamp: day first, quoted.
    ('"6" желтоқсан 2005 жылғы N 24-165', '6" желтоқсан 2005 жылғы', "2005-12-06"),
    # almobl-maslikhat-2006-amend-18-133/kaz.md (after its Latin "i" are read as "і"):
    # the year in the genitive.
    ("2005 жылдың 01 шілдесіндегі N 18-133 шешіміне", "2005 жылдың 01 шілдесіндегі",
     "2005-07-01"),
])
def test_day_first_and_genitive_year_dates_are_read(line: str, quote: str, iso: str) -> None:
    dates = find_dates(line)
    assert [(d.text, d.iso) for d in dates] == [(quote, iso)]


def test_a_number_before_a_worded_date_is_not_read_as_its_day() -> None:
    # Made up: a day-first reading must not swallow the date that follows a number.
    dates = find_dates("3-бабы бойынша 2005 жылғы 6 желтоқсандағы шешім")
    assert [d.iso for d in dates] == ["2005-12-06"]


def test_an_appendix_stamp_with_a_quoted_day_gives_the_acts_date_and_number() -> None:
    record = _record(REALWORLD / "kazakhstan-law-local/almobl-maslikhat-2005-12-06-24-166/kaz.md")
    assert (record["adopted"], record["number"]) == ("2005-12-06", "24-165")


@pytest.mark.parametrize(("act", "adopted", "number"), [
    # "Қазақстан Республикасы Үкіметінің Қаулысы. 2003 жылғы 14 қаңтар N 6"
    ("gov-2003-01-14-6", "2003-01-14", "6"),
    # "Қазақстан Республикасы Үкіметінің қаулысы. 2003 жылғы 27 ақпан N 213"
    ("gov-2003-02-27-213", "2003-02-27", "213"),
])
def test_a_requisite_with_a_period_after_the_type_word_gives_date_and_number(
        act: str, adopted: str, number: str) -> None:
    record = _record(HELDOUT / act / "kaz.md")
    assert (record["act_type"], record["adopted"], record["number"]) == ("decree", adopted, number)


def test_changes_to_acts_named_with_where_they_were_published_are_each_read() -> None:
    # "... Үкіметінің 1999 жылғы 12 сәуірдегі № 405 қаулысында (Қазақстан Республикасының
    # ПҮАЖ-ы, 1999 ж., № 13, 124-құжат):" and two more acts in the attached changes.
    record = _record(HELDOUT / "gov-2018-11-28-792/kaz.md")
    assert _acts([a["act"] for a in record["amends"]]) == {
        ("1999-04-12", "405"), ("1999-05-27", "659"), ("2008-04-24", "387")}


def test_a_point_changing_an_act_in_its_own_words_still_amends_it() -> None:
    # "... 2005 жылдың 01 шiлдесiндегi N 18-133 шешiмiне келесi өзгерiстер енгiзiлсiн: - ...
    # 2,73 тиын орнына "0" қолдансын 2006 жыл."
    record = _record(HELDOUT / "almobl-maslikhat-2006-amend-18-133/kaz.md")
    assert _acts([a["act"] for a in record["amends"]]) == {("2005-07-01", "18-133")}
    assert (record["adopted"], record["number"]) == (None, None)


def test_a_russian_stamp_with_an_unclosed_title_gives_the_acts_date_and_number() -> None:
    # '... маслихата "Об установлении стоимости разовых талонов на коммунальном рынке в городе
    # Талдыкорган от 4 октября 2006 г. N 31-239'
    record = _record(HELDOUT / "almobl-maslikhat-2006-10-04-31-229/rus.md")
    assert (record["adopted"], record["number"]) == ("2006-10-04", "31-239")


def test_a_heading_naming_the_changed_decision_is_not_this_acts_header() -> None:
    # Heading: 'Решение Алматинского областного Маслихата N 18-133 от 1 июля 2005 года ...';
    # point 1: "Внести в решение Алматинского областного маслихата от 01 июля 2005 года N 18-133".
    record = _record(HELDOUT / "almobl-maslikhat-2006-amend-18-133/rus.md")
    assert (record["act_type"], record["adopted"], record["number"]) == ("decision", None, None)
    assert _acts([a["act"] for a in record["amends"]]) == {("2005-07-01", "18-133")}
    assert any(f["kind"] == "header_names_changed_act" for f in record["findings"])
