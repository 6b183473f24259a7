"""Kazakh dates to ISO: real forms from the seed acts, impossible dates, non-dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from shezhire.extract.kazakh.dates import find_dates, parse_date, read_month

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    ("text", "expected_text", "iso"),
    [
        # nko-akimat-decree-2018-193-reglament
        ("әкімдігінің 2018 жылғы 12 шілдедегі № 193 қаулысы",
         "2018 жылғы 12 шілдедегі", "2018-07-12"),
        ("департаментінде 2018 жылғы 2\nтамызда № 4874 болып тіркелді",
         "2018 жылғы 2\nтамызда", "2018-08-02"),
        ('облысы әкімдігінің \n\n2017 жылғы "12" шілдедегі № 193 \nқаулысымен',
         '2017 жылғы "12" шілдедегі', "2017-07-12"),
        ("Заңының 2001 жылғы 23 қаңтардағы", "2001 жылғы 23 қаңтардағы", "2001-01-23"),
        ("2007 жылғы 13 \nтамыздан кейін", "2007 жылғы 13 \nтамыздан", "2007-08-13"),
        ("2008 жылғы 1 маусымға дейін", "2008 жылғы 1 маусымға", "2008-06-01"),
        ("қаулысымен (07.02.2020 бастап", "07.02.2020", "2020-02-07"),
        # mic-order-2026-130-amendments
        ("Осы бұйрық 2026 жылғы 12 шілдеден бастап қолданысқа енгізіледі",
         "2026 жылғы 12 шілдеден", "2026-07-12"),
        ("Осы бұйрық 12.07.2026 ж. бастап қолданысқа енгізіледі.",
         "12.07.2026 ж.", "2026-07-12"),
        ("2026 жылғы 31 наурызда № 38247 тіркелді", "2026 жылғы 31 наурызда", "2026-03-31"),
        # mic-order-2023-168-rules
        ("министрінің 2023 жылғы 27 \nжелтоқсандағы № 168 бұйрығы",
         "2023 жылғы 27 \nжелтоқсандағы", "2023-12-27"),
        ("2021 \nжылғы 13 тамыздағы", "2021 \nжылғы 13 тамыздағы", "2021-08-13"),
        ("министрінің м.а. 18.06.2024 № 223", "18.06.2024", "2024-06-18"),
        # wko-akimat-decree-2014-111-reglament (Markdown: blank lines between the parts)
        ("2014 жылғы\n\n13 мамырдағы\n\n№ 111", "2014 жылғы\n\n13 мамырдағы", "2014-05-13"),
        # almaty-akimat-decree-2012-2-516-reglament
        ("2012 жылғы 6 маусымдағы N 2/516 қаулысы", "2012 жылғы 6 маусымдағы", "2012-06-06"),
        ("2000 жылғы 27 қарашадағы", "2000 жылғы 27 қарашадағы", "2000-11-27"),
        # Other forms any act may use.
        ("2017 жылғы «12» шілдедегі", "2017 жылғы «12» шілдедегі", "2017-07-12"),
        ("2019 жылғы 5 қыркүйегінде", "2019 жылғы 5 қыркүйегінде", "2019-09-05"),
        ("2019 жылғы 1 қазандағы", "2019 жылғы 1 қазандағы", "2019-10-01"),
        ("2019 жылғы 14 ақпан", "2019 жылғы 14 ақпан", "2019-02-14"),
        ("2016 жылы 3 сәуірде", "2016 жылы 3 сәуірде", "2016-04-03"),
        ("2020 жылғы 29 ақпандағы", "2020 жылғы 29 ақпандағы", "2020-02-29"),
        ("07.02.2020 жылғы № 24", "07.02.2020 жылғы", "2020-02-07"),
        ("1.2.2020", "1.2.2020", "2020-02-01"),
    ],
)
def test_dates(text: str, expected_text: str, iso: str) -> None:
    [mention] = find_dates(text)
    assert mention.text == expected_text
    assert text[mention.start : mention.end] == expected_text
    assert mention.iso == iso
    assert mention.problem is None


def test_misspelled_month_is_read_and_reported() -> None:
    # nko-akimat-decree-2018-193-reglament writes "қантардағы" for "қаңтардағы".
    text = "облысы әкімдігінің 2017 жылғы 20 қантардағы № 18  (2017 жылғы 1 қаулысының"
    [mention] = find_dates(text)
    assert mention.text == "2017 жылғы 20 қантардағы"
    assert mention.iso == "2017-01-20"
    assert mention.problem is not None
    assert "қаңтар" in mention.problem
    assert "\n" not in mention.problem


@pytest.mark.parametrize(
    ("text", "in_problem"),
    [
        ("2020 жылғы 31 ақпанда", "31"),
        ("2019 жылғы 29 ақпандағы", "29"),
        ("2018 жылғы 31 сәуірдегі", "31"),
        ("2018 жылғы 0 шілдедегі", "0"),
        ("32.01.2020", "32"),
        ("15.13.2020", "13"),
        ("29.02.2019", "29"),
        ("0000 жылғы 1 шілдедегі", "year"),
    ],
)
def test_impossible_dates_are_reported_without_iso(text: str, in_problem: str) -> None:
    [mention] = find_dates(text)
    assert mention.text == text
    assert mention.iso is None
    assert mention.problem is not None
    assert in_problem in mention.problem


@pytest.mark.parametrize(
    "text",
    [
        # PDF damage in nko-akimat-decree-2018-193: words displaced between day and month.
        "2017 жылғы 1 қаулысының\nнаурызда",
        "2010 жылғы 20 74\n\n\n\nшілдедегі",
        # A word that starts like a month name but is not one.
        "2012 жылғы 5 Қазақстан Республикасының",
        # No year, two-digit year, other numbers.
        "12 шілдедегі",
        "12.07.26",
        "2018 жылы",
        "тел. 8(71533) 2-15-17",
        "30 күнтізбелік күн",
        "1.2.3",
        "2018 жылғы 12",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_several_dates_in_text_order() -> None:
    text = (
        "Күші жойылды - СҚО әкімдігінің 07.02.2020 № 24 қаулысымен. "
        "2018 жылғы 12 шілдедегі № 193 қаулысы; 2018 жылғы 2 тамызда тіркелді."
    )
    assert [m.iso for m in find_dates(text)] == ["2020-02-07", "2018-07-12", "2018-08-02"]


def test_parse_date() -> None:
    mention = parse_date("2018 жылғы 12 шілдедегі № 193")
    assert mention is not None
    assert mention.iso == "2018-07-12"
    assert parse_date("мемлекеттік қызмет") is None


@pytest.mark.parametrize(
    ("word", "month", "misspelled"),
    [
        ("қаңтардағы", 1, False),
        ("Ақпан", 2, False),
        ("наурыздан", 3, False),
        ("сәуірдегі", 4, False),
        ("мамырда", 5, False),
        ("маусымға", 6, False),
        ("шілдедегі", 7, False),
        ("тамызда", 8, False),
        ("қыркүйекте", 9, False),
        ("қыркүйегінде", 9, False),
        ("қазандағы", 10, False),
        ("қарашадағы", 11, False),
        ("желтоқсандағы", 12, False),
        ("қантардағы", 1, True),
        ("шілдедгі", 7, False),  # damaged ending, stem intact: not a misspelling of the month
        ("желтоксанда", 12, True),
        ("наурзда", 3, True),
    ],
)
def test_read_month(word: str, month: int, misspelled: bool) -> None:
    reading = read_month(word)
    assert reading is not None
    assert (reading.month, reading.misspelled) == (month, misspelled)


@pytest.mark.parametrize("word", ["Қазақстан", "қаулысының", "күн", "тармақ", "бұйрығымен"])
def test_read_month_rejects_other_words(word: str) -> None:
    assert read_month(word) is None


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*")), ids=lambda p: p.name)
def test_corpus_dates_have_exact_spans_and_exist(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    mentions = find_dates(text)
    assert mentions
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.iso is not None
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


# The date matcher reads only the stretches that follow a four-digit token (match_from); it
# must find what the same matcher finds reading the whole Doc, on real texts and on made-up
# lines that put dates against each other and across spaces, quotes and line ends.
_MADE_UP_LINES = (
    "x1234567 2018 жылғы « 12 » шілдедегі 12.05.2019 жылғы 20182019 жылғы 1 мамыр 2019\n\n"
    " жылғы\n 3   қазан 2020.01.02 2021 жылғы 31 ақпанда 1999 жылғы 5",
    # Older two-digit years before the year word, glued to it or not; a point's number.
    "06.05.98 ж. N145 1.2.15 тармақ 06.08.98ж. 16.06.98ж.деп 1998 жылғы 06.05.98 жылғы",
)


def test_the_date_matcher_near_years_finds_what_it_finds_in_the_whole_doc() -> None:
    from spacy.util import filter_spans

    from shezhire.extract.kazakh import kazakh_nlp, match_from
    from shezhire.extract.kazakh.dates import _date_matcher, year_places

    realworld = sorted((CORPUS.parent / "tests" / "realworld").rglob("*.md"))[:40]
    texts = [p.read_text("utf-8") for p in [*CORPUS.iterdir(), *realworld]]
    for text in [*texts, *_MADE_UP_LINES]:
        doc = kazakh_nlp()(text)
        whole = filter_spans(_date_matcher()(doc, as_spans=True))
        near = filter_spans(match_from(_date_matcher(), doc, year_places(text), 6))
        assert [(s.start, s.end, s.label_) for s in near] == [
            (s.start, s.end, s.label_) for s in whole]
    assert len(find_dates(_MADE_UP_LINES[0])) >= 4
    assert [d.iso for d in find_dates(_MADE_UP_LINES[1])] == [
        "1998-05-06", "1998-08-06", "1998-05-06"]
