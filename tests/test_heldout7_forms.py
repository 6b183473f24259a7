"""Forms met first in the seventh held-out set (tests/realworld/kazakhstan-law-heldout7, issue
10): acts of the lowest tier of local bodies (district maslikhats and akims, rural okrug
akims). Each test reads a real stored text, or its real line, as a user would check it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from shezhire.extract.citations import find_citations
from shezhire.extract.kazakh.matchers import find_act_numbers
from shezhire.extract.pipeline import extract_record
from shezhire.extract.russian import russian_citations

HELDOUT7 = Path(__file__).resolve().parent / "realworld" / "kazakhstan-law-heldout7"


@cache
def _record(path: Path) -> dict[str, Any]:
    return extract_record(path, metadata=False)


def test_a_stamp_number_with_a_spaced_dash_is_the_acts_number() -> None:
    # Baizak district (Zhambyl), 2010: the appendix stamp gives the maslikhat's decision as
    # "№ 36 – 11" (spaces around an en dash), the act's number 36-11, in both languages.
    folder = HELDOUT7 / "baizak-masl-2010-12-24-36-11-talons"
    kk, ru = _record(folder / "kaz.md"), _record(folder / "rus.md")
    assert (kk["adopted"], kk["number"]) == ("2010-12-24", "36-11")
    assert (ru["adopted"], ru["number"]) == ("2010-12-24", "36-11")
    assert "№ 36 – 11 шешіміне" in kk["fact_evidence"]["number"][0]["quote"]
    assert "№ 36 – 11" in ru["fact_evidence"]["number"][0]["quote"]


def test_a_cited_number_with_a_spaced_dash_is_read_whole() -> None:
    # The same stamp's line, as any citation reads it: one act 36-11, not an act "36".
    kk_line = "Байзақ аудандық мәслихаттың 2010 жылғы 24 желтоқсандағы № 36 – 11 шешіміне қосымша"
    ru_line = "Приложение к решению Байзакского районного маслихата № 36 – 11 от 24 декабря 2010 года"
    assert [(c.adopted, c.number) for c in find_citations(kk_line)] == [("2010-12-24", "36-11")]
    assert [(c.adopted, c.number) for c in russian_citations(ru_line)] == [
        ("2010-12-24", "36-11")]


def test_a_spaced_dash_before_a_year_or_a_word_ends_the_number() -> None:
    # Made-up lines (not from an act): a dash before a year or before the next words is a
    # separator, not part of the number.
    assert [(c.adopted, c.number) for c in russian_citations(
        "решением маслихата от 09.06.2005 N 19/198 - решением акима")] == [("2005-06-09", "19/198")]
    assert [n.number for n in find_act_numbers("№ 12 - 2006 жылғы 5 мамырдағы")] == ["12"]


def test_a_session_letter_spaced_before_the_number_is_part_of_it() -> None:
    # Akkol district (Akmola), 2002: the Rules' approval stamp gives the maslikhat's decision
    # as "№ С 29-6" (a letter, a space, the number): the number is "С 29-6", not "С".
    folder = HELDOUT7 / "akkol-masl-2002-10-29-c29-6-burial"
    kk, ru = _record(folder / "kaz.md"), _record(folder / "rus.md")
    assert (kk["adopted"], kk["number"]) == ("2002-10-29", "С 29-6")
    assert (ru["adopted"], ru["number"]) == ("2002-10-29", "С 29-6")
    assert [n.number for n in find_act_numbers("29 қазандағы № С 29-6")] == ["С 29-6"]
    assert [(c.adopted, c.number) for c in russian_citations(
        "УТВЕРЖДЕНО решением сессии Аккольского районного маслихата от 29 октября 2002 г. "
        "№ С 29-6")] == [("2002-10-29", "С 29-6")]


def test_an_italic_quoted_appendix_stamp_with_the_number_first_names_the_act() -> None:
    # Abai district (Karaganda), 2005: each appendix is stamped in italic quote lines,
    # "> *Приложение № 1*  / > *к решению 15 сессии*  / > *№ 15/164 от 13 января 2005 года*",
    # and the first appendix's table opens with a cell "№ п/п", which is no number of the act.
    folder = HELDOUT7 / "abai-krg-masl-2005-01-13-15-164-talons"
    ru = _record(folder / "rus.md")
    assert (ru["adopted"], ru["number"]) == ("2005-01-13", "15/164")
    assert ru["fact_evidence"]["number"][0]["quote"].endswith("№ 15/164 от 13 января 2005 года")
    assert not [f for f in ru["findings"] if f["kind"] == "stamps_disagree"]
