"""Forms met first in the sixth held-out set (tests/realworld/kazakhstan-law-heldout6, issue
10): joint acts of two bodies (an akimat's decree and a maslikhat's decision in one text, a
city's maslikhat and akim, a district's maslikhat and akimat), never read before as a set.
Each test reads a real stored text, as a user would check it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from shezhire.extract.pipeline import extract_record

HELDOUT6 = Path(__file__).resolve().parent / "realworld" / "kazakhstan-law-heldout6"


@cache
def _record(path: Path) -> dict[str, Any]:
    return extract_record(path, metadata=False)


def _quotes(record: dict[str, Any], fact: str) -> list[str]:
    return [e["quote"] for e in record["fact_evidence"][fact]]


def test_two_parties_each_with_its_formula_make_a_joint_act_of_both() -> None:
    # Akmola, 2007: "... акимат Акмолинской области ПОСТАНОВЛЯЕТ и Акмолинский областной
    # маслихат РЕШИЛ:" / "... Ақмола облысының әкімдігі ҚАУЛЫ ЕТЕДІ және Ақмола облыстық
    # мәслихаты ШЕШІМ ЕТТІ:". The appendix stamp names the akimat's decree only; the act is
    # the joint decree and decision of both bodies.
    folder = HELDOUT6 / "akm-joint-2007-07-06-a-7-243"
    ru, kk = _record(folder / "rus.md"), _record(folder / "kaz.md")
    assert (ru["act_type"], ru["issuer"]) == (
        "other", "акимат Акмолинской области и Акмолинский областной маслихат")
    assert (kk["act_type"], kk["issuer"]) == (
        "other", "Ақмола облысының әкімдігі және Ақмола облыстық мәслихаты")
    assert _quotes(ru, "act_type") == [
        "акимат Акмолинской области ПОСТАНОВЛЯЕТ и Акмолинский областной маслихат РЕШИЛ"]


def test_one_verb_after_both_nouns_is_a_joint_formula() -> None:
    # Khromtau district, 2010: "Хромтау аудандық әкімдігі ҚАУЛЫ және Хромтау аудандық
    # мәслихаты ШЕШІМ ЕТЕДІ:" (the bare "ҚАУЛЫ" shares the verb of the second party).
    record = _record(HELDOUT6 / "khromtau-joint-2010-07-26-street" / "kaz.md")
    assert (record["act_type"], record["issuer"]) == (
        "other", "Хромтау аудандық әкімдігі және Хромтау аудандық мәслихаты")


def test_a_second_party_that_decreed_in_the_past_tense_joins_the_first() -> None:
    # Akkol district, 2017: "... Аккольский районный маслихат РЕШИЛ и акимат Аккольского
    # района ПОСТАНОВИЛ:" - the text had no issuer before.
    record = _record(HELDOUT6 / "akkol-joint-2017-02-07-streets" / "rus.md")
    assert (record["act_type"], record["issuer"]) == (
        "other", "Аккольский районный маслихат и акимат Аккольского района")


def test_a_convocation_is_not_part_of_a_joint_issuer() -> None:
    # Almaty city, 2000: "Алматинский городской Маслихат II-го созыва и аким города Алматы
    # РЕШИЛИ:" / "II-сайланған Алматы қалалық мәслихаты және Алматы қаласының әкiмі ШЕШIМ
    # ҚАБЫЛДАДЫ:" - both bodies, without the convocation.
    folder = HELDOUT6 / "almcity-joint-2000-12-28-1196"
    assert _record(folder / "rus.md")["issuer"] == \
        "Алматинский городской Маслихат и аким города Алматы"
    assert _record(folder / "kaz.md")["issuer"] == \
        "Алматы қалалық мәслихаты және Алматы қаласының әкімі"


def test_the_first_party_of_a_joint_formula_is_its_body_only() -> None:
    # Uyghur district, 2010: "... елді мекендердің шекарасын (шегін) белгілеу мен өзгерту үшін
    # аудандық мәслихат ШЕШІМ және аудан әкімдігі ҚАУЛЫ ҚАБЫЛДАДЫ:" - "мен" inside the purpose
    # clause is not a party's link; the quote starts at the body's name.
    record = _record(HELDOUT6 / "uighur-joint-2010-09-29-borders" / "kaz.md")
    assert (record["act_type"], record["issuer"]) == (
        "other", "аудандық мәслихат және аудан әкімдігі")
    assert _quotes(record, "issuer") == [
        "аудандық мәслихат ШЕШІМ және аудан әкімдігі ҚАУЛЫ ҚАБЫЛДАДЫ"]


def test_a_russian_note_naming_both_parts_of_a_joint_act_names_one_act() -> None:
    # Akmola, 2007: "Сноска. Преамбула с изменениями, внесенными постановлением акимата
    # Акмолинской области от 06.04.2010 года № А-4/107 и решением маслихата Акмолинской
    # области от 06.04.2010 года № 4С-23-8." - one joint act, named by its first party's date
    # and number, as the Kazakh note's "... қаулысымен және ... шешімімен" is.
    folder = HELDOUT6 / "akm-joint-2007-07-06-a-7-243"
    for name in ("rus.md", "kaz.md"):
        changed = {(a["act"]["adopted"], a["act"]["number"])
                   for a in _record(folder / name)["amended_by"]}
        assert changed == {("2010-04-06", "А-4/107")}, name
    joint = _record(folder / "rus.md")["amended_by"][0]["act"]
    assert (joint["act_type"], joint["issuer"]) == (
        "other", "акимат Акмолинской области и маслихат Акмолинской области")


def test_a_title_that_repeals_a_point_of_an_act_does_not_repeal_the_act() -> None:
    # North Kazakhstan, 2004 (no numbered points): "... N 17/6-3 бірлескен шешімінiң
    # 2-тармағы күшiн жойды деп тану туралы" - point 2 of the joint decision, not the decision.
    record = _record(HELDOUT6 / "nko-joint-2004-04-14-cancel-p2" / "kaz.md")
    assert record["repeals"] == []


def test_bodies_named_first_with_a_short_name_speak_a_reached_decision() -> None:
    # The 1998 decision of the Ministry of Agriculture and Gosstandart: "Министерство
    # сельского хозяйства и Комитет по стандартизации, ... Республики Казахстан (далее
    # Госстандарт) после совместного обсуждения ... пришли к следующему решению:" / "Ауыл
    # шаруашылығы министрлігі мен ... комитеті (енді Мемстандарт) ... талқылағаннан кейін
    # мынадай шешімге келді:". A decision; its subject is what the sentence names first.
    folder = HELDOUT6 / "joint-1998-04-02-moa-gosstandart"
    ru, kk = _record(folder / "rus.md"), _record(folder / "kaz.md")
    assert (ru["act_type"], ru["issuer"]) == (
        "decision", "Министерство сельского хозяйства и Комитет по стандартизации, метрологии "
        "и сертификации Министерства энергетики, индустрии и торговли Республики Казахстан")
    assert (kk["act_type"], kk["issuer"]) == (
        "decision", "Ауыл шаруашылығы министрлігі мен Қазақстан Республикасы Энергетика, "
        "индустрия және сауда министрлігінің Стандарттау, метрология және сертификаттау "
        "жөніндегі комитеті")
    assert _quotes(ru, "issuer")[0].startswith("Министерство сельского хозяйства и Комитет")
    assert _quotes(ru, "issuer")[0].rstrip(":").endswith("пришли к следующему решению")


def test_a_law_named_first_with_a_short_name_is_no_issuer() -> None:
    # Made up for this test (not an act's text): the short name follows a legal basis, so
    # the words before it name a law, not who speaks; no issuer is guessed.
    from shezhire.extract.self_facts import _named_first

    assert _named_first("В соответствии с Законом Республики Казахстан о местном "
                        "государственном управлении (далее Закон) ") is None
    assert _named_first("В соответствии с постановлением Правительства Республики Казахстан "
                        "(далее Правительство) ") is None  # a body in the genitive
    named = _named_first("# О порядке учета Министерство финансов Республики Казахстан "
                         "(далее Министерство) после обсуждения ")
    assert named is not None and named[1] == "Министерство финансов Республики Казахстан"
