"""Real texts whose lines break elsewhere than the database breaks them (issue 10, point 1),
and the sources of each header fact (point 2).

Each test takes a real text of the development set (tests/realworld, stored as found), changes
only where its lines break or which whitespace parts its words, and checks the facts a reader
of the original reads there (written below from the text, not from the extractor's output).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from shezhire.extract.readers.markdown import markdown_to_text
from shezhire.extract.record import record_from_text

REALWORLD = Path(__file__).resolve().parent / "realworld"
DAY = "2026-12-01"


def _page(name: str) -> str:
    return (REALWORLD / "adilet-pages" / name).read_text("utf-8")


def _act(folder: str, file: str) -> str:
    """An act folder's Markdown text as its reader gives it."""
    return markdown_to_text((REALWORLD / folder / file).read_text("utf-8")).text


def _wrapped(text: str, width: int) -> str:
    return "\n".join(textwrap.fill(line, width) if line.strip() else line
                     for line in text.split("\n"))


def _record(text: str) -> dict[str, Any]:
    return record_from_text(text, as_of=DAY)


def test_a_label_glued_to_the_header_of_a_wrapped_copy_leaves_the_header_whole() -> None:
    # "Күшін жойғанҚазақстан / Республикасы Үкіметінің 2009 / жылғы 17 маусымдағы N 930 /
    # Қаулысы. …": the label is split off the first line, whose last word goes on below.
    page = _page("gov-2009-06-17-930/page.kk.txt")
    wrapped = _wrapped(page, 30)
    assert "Күшін жойғанҚазақстан\nРеспубликасы" in wrapped
    record = _record(wrapped)
    assert record["status_label"] == "Күшін жойған"
    assert (record["act_type"], record["adopted"], record["number"], record["issuer"]) == \
        ("decree", "2009-06-17", "930", "Қазақстан Республикасы Үкіметі")
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2016-12-02", "765")]


def test_a_short_copy_wrapped_at_a_wide_width_is_read_as_its_lines_run_on() -> None:
    # The note's last words ("- Солтүстік Қазақстан облысы әкімдігінің 2017 жылғы 13
    # шілдедегі № 274 қаулысымен") fall on a line of their own at 200 columns.
    page = _page("skoobl-akimat-2016-08-18-312/page.kk.txt")
    wrapped = _wrapped(page, 200)
    assert "Күші жойылды\n- Солтүстік" in wrapped
    record = _record(wrapped)
    assert (record["adopted"], record["number"], record["registration"]["number"]) == \
        ("2016-08-18", "312", "3866")
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2017-07-13", "274")]


def test_an_appendix_label_on_the_line_after_the_stamp_ends_the_stamp() -> None:
    # "Қазақстан Республикасы Үкіметінің / 2002 жылғы 17 мамырдағы / N 531 қаулысына /
    # қосымша / 2002 жылы әскери қызметке …": the appendix's title is no part of its label,
    # however the lines above were wrapped.
    text = _act("kazakhstan-law-national/gov-2002-05-17-531", "kaz.md")
    for layout in (text, _wrapped(text, 50), text[:1100]):
        record = _record(layout)
        assert (record["act_type"], record["adopted"], record["number"]) == \
            ("decree", "2002-05-17", "531")


def test_a_status_label_whose_words_are_parted_by_a_tab_is_the_label() -> None:
    page = _page("minjust-2015-05-25-286/page.kk.txt")
    assert "Күшін жойған\n" in page
    record = _record(page.replace("Күшін жойған\n", "Күшін\tжойған\n", 1))
    assert record["status_label"] == "Күшін жойған"
    assert (record["act_type"], record["adopted"], record["number"],
            record["registration"]["number"]) == ("order", "2015-05-25", "286", "11194")


def test_every_header_fact_quotes_where_it_was_read() -> None:
    # An order of the Minister of Internal Affairs with no database header: its type is in
    # the formula "БҰЙЫРАМЫН", its issuer only in the signer's position at the end.
    text = _act("kazakhstan-law-national/mvd-2020-02-28-177", "kaz.md")
    record = _record(text)
    sources = record["fact_evidence"]
    assert record["issuer"] == "Қазақстан Республикасы Ішкі істер Министрі"
    assert [e["quote"] for e in sources["issuer"]] == ["Қазақстан Республикасы Ішкі істер Министрі"]
    assert sources["issuer"][0]["span"][0] > len(text) // 2  # the signature, at the end
    assert [e["quote"] for e in sources["act_type"]] == ["БҰЙЫРАМЫН"]
    for found in sources.values():
        for e in found:
            start, end = e["span"]
            assert record["text"][start:end] == e["quote"]
    # A fact the text does not give has no source.
    assert record["adopted"] is None and "adopted" not in sources


def test_a_header_sentence_is_the_source_of_the_facts_it_names() -> None:
    record = _record(_page("gov-2009-06-17-930/page.kk.txt"))
    quotes = {fact: [e["quote"] for e in found] for fact, found in record["fact_evidence"].items()}
    header = "Қазақстан Республикасы Үкіметінің 2009 жылғы 17 маусымдағы № 930 Қаулысы"
    assert quotes == {"act_type": [header], "issuer": [header], "adopted": [header],
                      "number": [header]}


def test_tabs_between_the_words_of_a_header_are_spaces_and_a_tables_tabs_stay() -> None:
    # The header of a government decree, its spaces typed as tabs; the appendix's table rows
    # (one-word cells: numbers and district names) keep theirs.
    text = _act("kazakhstan-law-national/gov-2002-03-26-350", "kaz.md")
    header = "Қазақстан Республикасы Үкіметінің қаулысы 2002 жылғы 26 наурыз N 350."
    assert header in text
    record = _record(text.replace(header, header.replace(" ", "\t"), 1))
    assert (record["act_type"], record["adopted"], record["number"], record["issuer"]) == \
        ("decree", "2002-03-26", "350", "Қазақстан Республикасы Үкіметі")
    table = _act("kazakhstan-law-local/almobl-akim-2005-02-11-2-10", "kaz.md")
    row = next(line for line in table.split("\n") if line.startswith("4 \tЕңбекшіқазақ"))
    assert row in _record(table)["text"].split("\n")


def test_a_few_tabs_for_a_short_acts_first_spaces_are_spaces_and_a_short_rows_stay() -> None:
    # A short order whose first 20 spaces are typed as tabs: they reach point 1 for two
    # words only ("1.\tОсы\tбұйрыққа қосымшаға сәйкес … күші жойылсын."). The point's words
    # read as a sentence, so it is point 1, and the orders its appendix lists are repealed;
    # a table's two-cell row of one word and a number ("Ақмола \t908") keeps its tab.
    folder = "kazakhstan-law-heldout5/dsm-2025-09-16-cancel-183-354"
    text = _act(folder, "kaz.md")
    tabbed = text[:600].replace(" ", "\t", 20) + text[600:]
    point = "1.\tОсы\tбұйрыққа қосымшаға сәйкес Қазақстан Республикасы Денсаулық сақтау"
    assert point in tabbed
    record = _record(tabbed)
    assert point.replace("\t", " ") in record["text"]
    assert sorted((r["adopted"], r["number"]) for r in record["repeals"]) == [
        ("2023-03-29", "183"), ("2023-06-19", "354")]
    table = _act("kazakhstan-law-heldout/gov-2008-02-15-137", "kaz.md")
    assert "Ақмола \t908" in table.split("\n")
    assert "Ақмола \t908" in _record(table)["text"].split("\n")


def test_a_blank_line_parts_the_title_from_the_header_however_long_the_line_above() -> None:
    # A text that parts its paragraphs by blank lines, wrapped at 30 columns: the title's
    # last line ("… енгізу туралы") has no full stop, yet the header below is a sentence of
    # its own ("Қазақстан Республикасы Үкіметінің 2007 жылғы 15 наурыздағы № 195 Қаулысы").
    text = _act("kazakhstan-law-national/gov-2007-03-15-195", "kaz.md")
    record = _record(_wrapped(text, 30))
    assert (record["act_type"], record["adopted"], record["number"], record["issuer"]) == \
        ("decree", "2007-03-15", "195", "Қазақстан Республикасы Үкіметі")


def test_a_stamp_on_one_line_with_its_appendix_label_is_read() -> None:
    # "Қазақстан Республикасы / Ішкі істер министрінің / 2008 жылғы 17 қазандағы / N 389
    # бұйрығымен бекітілген / 1-қосымша", its short lines run together at 30 columns.
    text = _act("kazakhstan-law-national/mvd-2008-10-17-389", "kaz.md")
    record = _record(_wrapped(text, 30))
    assert "бұйрығымен бекітілген 1-қосымша\n" in record["text"]
    assert (record["act_type"], record["adopted"], record["number"]) == \
        ("order", "2008-10-17", "389")


def test_a_stamp_followed_by_a_blank_line_is_no_part_of_the_title_below() -> None:
    # "Алматы облыстық мәслихатының 2026 жылғы 25 ақпандағы № 46-261 шешімнің қосымшасы",
    # a full line at 80 columns, then a blank line and the appendix's title.
    text = _act("kazakhstan-law-local/almobl-maslikhat-2026-02-25-46-261", "kaz.md")
    record = _record(_wrapped(text, 80))
    assert (record["act_type"], record["adopted"], record["number"]) == \
        ("decision", "2026-02-25", "46-261")


def test_the_adverb_qosymsha_at_a_lines_end_is_no_appendix_label() -> None:
    # A seed's narrow table cell: "… тиісті ауру түрін растайтын құжатты қосымша / ұсынады."
    # ("additionally submits"): the sentence goes on, no appendix starts.
    seed = (Path(__file__).resolve().parent.parent / "corpus"
            / "mic-order-2023-168-rules.txt").read_text("utf-8")
    assert "құжатты қосымша \nұсынады." in seed
    record = _record(seed)
    assert "құжатты қосымша ұсынады." in record["text"]
    assert not [p for p in record["provisions"]
                if p["kind"] == "appendix" and p["text"].startswith("отбасы құрамында")]


def test_a_number_sign_at_a_wrapped_lines_end_keeps_its_number() -> None:
    # "Решение VI сессии маслихата города Алматы IV созыва от 12 декабря 2007 года N / 45.
    # Зарегистрировано …" at 80 columns: "45." is the act's number, not a point.
    page = _page("almaty-masl-2007-12-12-45/page.ru.txt")
    wrapped = _wrapped(page, 80)
    assert "2007 года N\n45. Зарегистрировано" in wrapped
    record = _record(wrapped)
    assert (record["act_type"], record["adopted"], record["number"]) == \
        ("decision", "2007-12-12", "45")
    assert not [p for p in record["provisions"] if p["kind"] == "point"]


def test_a_signers_position_under_a_full_line_ending_in_a_full_stop_is_its_own_line() -> None:
    # "4. Осы шешім … жарияланған / күнінен бастап қолданысқа енгізіледі. / Байторысай
    # ауылдық округінің әкімі | / А. Ажниязова |" at 50 columns: the last point's line is full
    # enough to be a wrapped one, yet the position under it would have held the name's
    # first word, so it is no wrapped line: the issuer is read from the signature.
    page = _page("baitorysai-akim-2021-streets/page.kk.txt")
    wrapped = _wrapped(page, 50)
    assert "қолданысқа енгізіледі.\nБайторысай ауылдық округінің әкімі |\nА. Ажниязова |" \
        in wrapped
    record = _record(wrapped)
    assert record["text"].endswith(
        "қолданысқа енгізіледі.\nБайторысай ауылдық округінің әкімі |\nА. Ажниязова |")
    assert record["issuer"] == "Байторысай ауылдық округінің әкімі"


def test_a_signers_position_after_a_point_naming_a_deputy_names_no_issuer() -> None:
    # "3. Осы шешімінің орындалуын бақылау облыс / Әкімінің бірінші орынбасары / В.А.
    # Долженковқа жүктелсін. / Облыс Әкімі" at 30 columns: "Облыс Әкімі" is the signer's
    # position on its own line, not the end of point 3's sentence; the issuer stays the one
    # the formula names ("облыс Әкімі ШЕШІМ қабылдады"), not the deputy the point names.
    text = _act("kazakhstan-law-heldout/almobl-akim-2002-07-18-subsoil", "kaz.md")
    wrapped = _wrapped(text, 30)
    assert "В.А. Долженковқа жүктелсін.\nОблыс Әкімі\n" in wrapped
    record = _record(wrapped)
    assert "Долженковқа жүктелсін.\nОблыс Әкімі\n" in record["text"]
    assert record["issuer"] == "облыс Әкімі"


def test_a_full_line_ending_in_a_position_word_goes_on_as_wrapped() -> None:
    # MADE UP: wrapped at 33 columns, a sentence after a full stop ends its line in "… Үлгі
    # істер министрі" and goes on below with a capital ("Үлгі бөлімдерінің …"). The line is
    # full (the next word would not fit), so it is a wrapped line, not a signer's position.
    paragraph = ("2. Ереже туралы ақпаратты жариялау үлгі бөліміне жүктелсін. Бақылауды Үлгі "
                 "істер министрі Үлгі бөлімдерінің жұмысы туралы жыл сайын есеп береді. Есептер "
                 "ведомстволардың барлық бөлімдеріне жолданады және министрліктің ресми "
                 "интернет-ресурсында жарияланады, ал олардың көшірмелері бөлімдердің "
                 "мұрағаттарында бес жыл бойы сақталады.")
    wrapped = "1. Үлгі ережесі бекітілсін.\n" + textwrap.fill(paragraph, 33)
    assert "жүктелсін.\nБақылауды Үлгі істер министрі\nҮлгі бөлімдерінің" in wrapped
    record = _record(wrapped)
    assert "жүктелсін. Бақылауды Үлгі істер министрі Үлгі бөлімдерінің" in record["text"]


def test_the_registration_on_the_line_after_the_header_sentence_is_read() -> None:
    # "Қазақстан Республикасы Әділет министрінің 2012 жылғы 31 қаңтардағы № 34 Бұйрығы." is
    # exactly 80 columns: the registration and the database's note go on the next line.
    text = _act("kazakhstan-law-heldout/mjust-2012-01-31-34", "kaz.md")
    wrapped = _wrapped(text, 80)
    assert "№ 34 Бұйрығы.\nҚазақстан Республикасы Әділет министрлігінде" in wrapped
    record = _record(wrapped)
    assert (record["registration"]["number"], record["registration"]["date"]) == \
        ("7449", "2012-02-28")
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2019-02-28", "96")]


def test_a_note_under_the_title_with_no_blank_line_between_is_read() -> None:
    # "… қосымша тегін ұсыну туралы / Ескерту. Күші жойылды - Қостанай облысы мәслихатының
    # 20.10.2011 № 441 шешімімен." with the blank lines gone: the text looks wrapped at the
    # width of its longest lines, yet the note opens a paragraph of its own.
    text = _act("kazakhstan-law-heldout2/kost-maslikhat-2007-05-18-443", "kaz.md")
    record = _record(text.replace("\n\n", "\n"))
    assert "\nЕскерту. Күші жойылды – Қостанай облысы мәслихатының 20.10.2011 № 441 шешімімен.\n" \
        in record["text"]
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2011-10-20", "441")]


def test_the_countrys_name_in_the_genitive_goes_on_with_the_line_above() -> None:
    # "Утратил силу приказом Министра юстиции / Республики Казахстан от 5 апреля 2010 года
    # № 98" at 200 columns: the capital "Республики" goes on with the name above it.
    text = _act("kazakhstan-law-national/mjust-1999-11-08-87", "rus.md")
    wrapped = _wrapped(text, 200)
    assert "приказом Министра юстиции\nРеспублики Казахстан от 5 апреля 2010 года № 98" in wrapped
    record = _record(wrapped)
    assert [(r["adopted"], r["number"]) for r in record["repealed_by"]] == [("2010-04-05", "98")]
    assert record["registration"]["number"] == "985"
