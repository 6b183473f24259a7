"""Point-in-time text: amending instructions read as operations, applied by day.

The expected operations were read from the seed's text by a person: seed 004 (2026-03-30
№ 130) rewords points 2 (5), 5, 6, 9, 10, 13, 14 (1)–(2), 16, 17 and appendices 1–2 of the
rules of order 2023-12-08 № 117, and parts two and three of points 4 and 8 of the rules of
order 2025-03-31 № 105. Neither amended act is in the corpus (their official texts were not
reachable); the made-up excerpt of № 117 in tests/fixtures/linking stands in for it where a
test applies the changes, and says so.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from golden_facts import CORPUS

from shezhire.cli import cli
from shezhire.extract.amendments import record_to_operations
from shezhire.extract.consolidate import (
    consolidate,
    diff_versions,
    find_record,
    normalise,
    version_days,
)
from shezhire.extract.models import ConsolidatedVersion
from shezhire.extract.pipeline import extract_record

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPT_117 = FIXTURES / "linking" / "order-2023-117-housing-aid-rules-excerpt.txt"
SEED_004 = CORPUS / "mic-order-2026-130-amendments.txt"
SEED_001 = CORPUS / "mic-order-2023-168-rules.txt"
MADE_UP_RU = FIXTURES / "consolidation" / "made-up-ru-amending-order.txt"
MADE_UP_KK = FIXTURES / "consolidation" / "made-up-kk-insert-delete-order.txt"

ID_130 = "2026-03-30_order_130_qazaqstan-respublikasy-onerkasip-zhane-qurylys-ministri"
ID_223 = "2024-06-18_order_223_qazaqstan-respublikasy-onerkasip-zhane-qurylys-ministri"


@pytest.fixture(scope="module")
def seed_004() -> dict[str, Any]:
    return extract_record(SEED_004)


@pytest.fixture(scope="module")
def excerpt_117() -> dict[str, Any]:
    return extract_record(EXCERPT_117)


def _by_id(version: ConsolidatedVersion) -> dict[str, Any]:
    return {p.id: p for p in version.provisions}


# -- reading the instructions -------------------------------------------------------------------


def test_seed_004_instructions_are_read_as_one_operation_each(seed_004: dict[str, Any]) -> None:
    ops, findings = record_to_operations(seed_004)
    assert findings == []
    got = [(op.target_act.split("_")[:3], op.action, op.units, op.source_appendix) for op in ops]
    order_117, order_105 = ["2023-12-08", "order", "117"], ["2025-03-31", "order", "105"]
    assert got == [
        (order_117, "new_wording", ["p-2/sp-5"], None),
        (order_117, "new_wording", ["p-5"], None),
        (order_117, "new_wording", ["p-6"], None),
        (order_117, "new_wording", ["p-9", "p-10"], None),
        (order_117, "new_wording", ["p-13"], None),
        (order_117, "new_wording", ["p-14/sp-1", "p-14/sp-2"], None),
        (order_117, "new_wording", ["p-16", "p-17"], None),
        (order_117, "new_wording", ["app-1"], "1"),
        (order_117, "new_wording", ["app-2"], "2"),
        (order_105, "new_wording", ["p-4/part-2", "p-4/part-3"], None),
        (order_105, "new_wording", ["p-8/part-2", "p-8/part-3"], None),
    ]
    # Every instruction speaks of the rules the order approved ("… қағидаларында:").
    assert all(op.in_document for op in ops)


def test_each_operation_quotes_its_instruction_and_wording_from_the_text(
        seed_004: dict[str, Any]) -> None:
    text = seed_004["text"]
    ops, _ = record_to_operations(seed_004)
    for op in ops:
        assert text[op.evidence.start:op.evidence.end] == op.evidence.quote
        if op.text_evidence is not None:
            assert text[op.text_evidence.start:op.text_evidence.end] == op.text_evidence.quote
    point_5 = ops[1]
    assert point_5.evidence.quote == "5-тармақ мынадай редакцияда жазылсын"
    assert point_5.text is not None
    assert point_5.text.startswith("5. Көрсетілетін қызметті алушы (немесе оның сенімхатқа")
    assert point_5.text.endswith("тоқсанына бір рет жүгінуге құқылы.")  # the quote's '";' left out
    # Subpoint 2) of point 14 ends without a full stop, as the seed writes it.
    assert (ops[5].text or "").endswith("Қағиданың 25-тармағына сәйкес анықталады")
    # Parts two and three of point 4 of № 105: a paragraph, three subpoints, a paragraph.
    part = (ops[9].text or "").split("\n")
    assert part[0] == "Уәкілетті орган цифрлық жүйелер арқылы:"
    assert [line[:2] for line in part[1:4]] == ["1)", "2)", "3)"]
    assert part[4].startswith("Өтініш беру кезінде өтініш берушілерден")


def test_russian_instructions_are_read_with_the_russian_words() -> None:
    ops, findings = record_to_operations(extract_record(MADE_UP_RU))
    assert findings == []
    assert [(op.action, op.units, op.source_appendix) for op in ops] == [
        ("new_wording", ["p-5"], None),
        ("new_wording", ["p-2/sp-5"], None),
        ("insert", [], None),
        ("delete", ["p-7"], None),
        ("new_wording", ["app-2"], "1"),
    ]
    assert ops[2].text == "11-1. Выдуманный пункт 11-1 (для теста)."


def test_a_quote_cut_off_by_the_source_is_a_finding_not_an_operation() -> None:
    page = Path(__file__).parent / "consolidation" / "kostanay-2009-224"
    ops, findings = record_to_operations(extract_record(page / "amending-2023-12-11-91.page.kk.txt"))
    assert ops == []
    assert [f.kind for f in findings] == ["amendment_unreadable"]
    assert "no closing quote" in findings[0].message


# -- applying them by day ----------------------------------------------------------------------


def test_point_10_takes_the_2026_03_30_wording_on_its_entry_into_force(
        seed_004: dict[str, Any], excerpt_117: dict[str, Any]) -> None:
    records = [excerpt_117, seed_004]
    before = _by_id(consolidate(excerpt_117, records, "2026-07-11"))["rules/p-10"]
    on = consolidate(excerpt_117, records, "2026-07-12")
    point = _by_id(on)["rules/p-10"]
    assert before.text == "10. Осы Қағидалардың 10-тармағының мәтіні (сынақ үшін қысқартылған)."
    assert before.source.act.startswith("2023-12-08_order_117")
    assert point.text == ("10. Мемлекеттік корпорация өтінішті цифрлық жүйе арқылы қабылдайды "
                          "және оны тұрғын үй көмегін тағайындауды жүзеге асыратын көрсетілетін "
                          "қызметті берушіге жібереді.")
    assert (point.source.act, point.source.day, point.source.basis) == (
        ID_130, "2026-07-12", "in_force_from")
    assert on.complete


def test_the_diff_lists_exactly_the_units_seed_004_changes(
        seed_004: dict[str, Any], excerpt_117: dict[str, Any]) -> None:
    records = [excerpt_117, seed_004]
    changes = diff_versions(consolidate(excerpt_117, records, "2026-07-11"),
                            consolidate(excerpt_117, records, "2026-07-12"))
    # An appendix's new wording brings its own contents: count them as the appendix.
    units = {"/".join(c.id.split("/")[:2]) if "/app-" in c.id else c.id for c in changes}
    assert units == {"rules/p-2/sp-5", "rules/p-5", "rules/p-6", "rules/p-9", "rules/p-10",
                     "rules/p-13", "rules/p-14/sp-1", "rules/p-14/sp-2", "rules/p-16",
                     "rules/p-17", "rules/app-1", "rules/app-2"}
    assert {c.source.act for c in changes if c.source} == {ID_130}


def test_point_9_keeps_the_paragraphs_the_seed_broke_apart(
        seed_004: dict[str, Any], excerpt_117: dict[str, Any]) -> None:
    point = _by_id(consolidate(excerpt_117, [excerpt_117, seed_004], "2026-07-12"))["rules/p-9"]
    assert normalise(point.text).endswith(
        "мемлекеттік көрсетілетін қызмет көрсетуге сұрау салуының қабылдағаны туралы мәртебе, "
        "сондай-ақ мемлекеттік көрсетілетін қызметтің нәтижесін алу күні мен уақыты көрсетіле "
        "отырып, хабарлама жіберіледі.")


def test_insertions_deletions_and_missing_targets(excerpt_117: dict[str, Any]) -> None:
    amending = extract_record(MADE_UP_KK)
    records = [excerpt_117, amending]
    before = consolidate(excerpt_117, records, "2027-02-28")
    after = consolidate(excerpt_117, records, "2027-03-01")
    changes = {c.id: c.change for c in diff_versions(before, after)}
    assert changes == {"rules/p-2/sp-5-1": "added", "rules/p-7": "removed",
                       "rules/p-11-1": "added", "rules/ch-1": "changed"}
    assert _by_id(after)["rules/ch-1"].text == "1-тарау. Ойдан шығарылған тақырып"
    ids = [p.id for p in after.provisions]
    assert ids.index("rules/p-11-1") == ids.index("rules/p-11") + 1
    assert ids.index("rules/p-2/sp-5-1") == ids.index("rules/p-2/sp-5") + 1
    # Point 25 does not exist in the excerpt: a finding, and the version is incomplete.
    assert not after.complete
    assert [f.kind for f in after.findings] == ["amendment_target_missing"]
    assert "p-25" in after.findings[0].message
    assert before.complete


def test_a_wording_the_amending_act_does_not_carry_leaves_the_version_incomplete(
        excerpt_117: dict[str, Any]) -> None:
    amending = extract_record(MADE_UP_RU)
    version = consolidate(excerpt_117, [excerpt_117, amending], "2027-03-01")
    kinds = [f.kind for f in version.findings]
    # "подпункт 5) пункта 2" exists; appendix 1 of the made-up order does not.
    assert "amendment_unreadable" in kinds and not version.complete
    assert _by_id(version)["rules/p-2/sp-5"].text == "5) выдуманная редакция подпункта 5) пункта 2;"
    # Its entry into force is not read, so its adoption dates it, said to be approximate.
    assert "amendment_day_approximate" in kinds


def test_seed_001_on_2024_07_01_shows_points_9_and_11_1_as_order_223_worded_them() -> None:
    record = extract_record(SEED_001)
    version = consolidate(record, [record], "2024-07-01")
    provisions = _by_id(version)
    assert provisions["rules/p-9"].source.act == ID_223
    assert (provisions["rules/p-9"].text or "").startswith(
        "9. Жалғыз тұрғынжайы Қазақстан Республикасының заңнамасында")
    assert provisions["rules/p-11-1"].source.act == ID_223
    assert (provisions["rules/p-11-1"].text or "").startswith(
        "11-1. Тұрғын үйге мұқтаж ретінде есепте тұрған адамдардың тізімін")
    # № 223 only says it takes effect ten days after its publication: dated "or later".
    assert provisions["rules/p-9"].source.basis == "adopted"
    assert version.complete


def test_seed_001_before_order_223_does_not_guess_the_old_point_9() -> None:
    record = extract_record(SEED_001)
    version = consolidate(record, [record], "2024-06-01")
    provisions = _by_id(version)
    assert "rules/p-11-1" not in provisions  # added later
    assert provisions["rules/p-9"].unknown and provisions["rules/p-9"].text is None
    assert not version.complete
    assert [f.kind for f in version.findings] == ["wording_unknown"]


# -- the command line ----------------------------------------------------------------------------


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_prints_each_provision_with_its_source() -> None:
    code, out, _ = _run("text", "2023-12-27/168", "--date", "2024-07-01", "--corpus", str(CORPUS))
    assert code == 0
    assert "[rules/p-11-1] 2024-06-18 № 223 order (supplemented), from 2024-06-18 or later" in out
    code, out, _ = _run("text", "2023-12-27/168", "--date", "2024-07-01", "--json",
                        "--corpus", str(CORPUS))
    data = json.loads(out)
    assert data["complete"] is True and data["day"] == "2024-07-01"
    assert {p["id"]: p["source"]["act"] for p in data["provisions"]}["rules/p-9"] == ID_223


def test_diff_names_the_amending_act(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in (SEED_004, EXCERPT_117):
        (corpus / f.name).write_bytes(f.read_bytes())
    code, out, _ = _run("diff", "2023-12-08/117", "--from", "2026-07-11", "--to", "2026-07-12",
                        "--corpus", str(corpus))
    assert code == 0
    assert "[rules/p-10] changed by 2026-03-30 № 130 order (new_wording), from 2026-07-12" in out


def test_an_act_not_in_the_corpus_is_one_line_and_a_failure() -> None:
    code, _, err = _run("text", "2023-12-08/117", "--corpus", str(CORPUS))
    assert code != 0 and err.strip().count("\n") == 0 and "2023-12-08/117" in err
    code, _, err = _run("text", "2023-12-27/168", "--date", "2020-01-01", "--corpus", str(CORPUS))
    assert code != 0 and "adopted on 2023-12-27" in err


def test_find_record_refuses_an_ambiguous_name(seed_004: dict[str, Any]) -> None:
    other = dict(seed_004, id=seed_004["id"] + "-copy")
    with pytest.raises(Exception, match="ambiguous"):
        find_record([seed_004, other], "2026-03-30/130")


# -- real amending texts of tests/realworld (stored adilet pages) ------------------------------

PAGES = Path(__file__).parent / "realworld" / "adilet-pages"


def test_real_russian_instructions_from_stored_pages() -> None:
    # "заголовок главы 3 Правил изложить в новой редакции: "3. Требования …"."
    abay = extract_record(PAGES / "abay-karobl-masl-2011-amend-27-328" / "page.ru.txt")
    ops, findings = record_to_operations(abay)
    assert findings == []
    assert [(op.action, op.units, op.in_document) for op in ops] == [
        ("new_wording", ["ch-3/heading"], True)]
    assert ops[0].text == ("3. Требования к гражданам и собственникам (арендаторам) зеленых "
                           "насаждений")
    assert ops[0].target_act.split("_")[:3] == ["2010-10-07", "decision", "27-328"]
    # "приложения 1 и 2 … изложить в новой редакции согласно приложениям 1 и 2 к настоящему
    # постановлению": one operation per appendix, each worded by its own.
    kostanay = extract_record(PAGES / "kostobl-akimat-2023-amend-23-b" / "page.ru.txt")
    ops, findings = record_to_operations(kostanay)
    assert findings == []
    assert [(op.units, op.source_appendix) for op in ops] == [(["app-1"], "1"), (["app-2"], "2")]


def test_real_instructions_the_stored_pages_cut_or_unquote_are_findings() -> None:
    # The page ends inside the quoted new point 1.
    bukhar = extract_record(PAGES / "bukhar-masl-2023-amend-7" / "page.ru.txt")
    ops, findings = record_to_operations(bukhar)
    assert ops == [] and [f.kind for f in findings] == ["amendment_unreadable"]
    # The page gives the new point 1 without quotes: where it ends cannot be read.
    zhanakorgan = extract_record(PAGES / "zhanakorgan-masl-2024-amend-135" / "page.kk.txt")
    ops, findings = record_to_operations(zhanakorgan)
    assert ops == [] and "no quoted wording" in findings[0].message


def test_after_its_repeal_the_last_text_is_shown_and_said_to_be_repealed() -> None:
    record = extract_record(SEED_001)
    version = consolidate(record, [record], "2026-01-01")
    repealed = [f for f in version.findings if f.kind == "act_repealed"]
    # The header: repealed by order 2025-04-17 № 130 from 2025-05-24.
    assert len(repealed) == 1 and "2025-04-17_order_130" in repealed[0].message
    assert "2025-05-24" in repealed[0].message
    assert version.complete  # the text is whole; it is only no longer in force


def test_an_act_applied_from_before_its_adoption_has_its_first_version_on_adoption() -> None:
    # Shymkent maslikhat, 19 March 2024 № 14/120-VIII, applied from 1 January 2024: no text of
    # the act exists before it was adopted, so no version is dated before 19 March.
    path = (Path(__file__).parent / "realworld" / "kazakhstan-law-local"
            / "shymkent-maslikhat-2024-03-19-14-120" / "kaz.md")
    record = extract_record(path)
    assert record["in_force_from"] < record["adopted"] == "2024-03-19"
    days = version_days(record, [record])
    assert days and min(days) == "2024-03-19"
    assert consolidate(record, [record], days[0]).provisions
