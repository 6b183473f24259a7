"""One issuing body, one id, whether a text names it in Kazakh or in Russian."""

from __future__ import annotations

import pytest

from shezhire.extract.authorities import russian_to_kazakh
from shezhire.extract.identity import act_id


@pytest.mark.parametrize(("russian", "kazakh"), [
    # The issue's own examples and the seeds' issuers.
    ("акимат Северо-Казахстанской области", "Солтүстік Қазақстан облысы әкімдігі"),
    ("акимата Северо-Казахстанской области", "Солтүстік Қазақстан облысы әкімдігі"),
    ("Министр промышленности и строительства Республики Казахстан",
     "Қазақстан Республикасы Өнеркәсіп және құрылыс министрі"),
    ("исполняющий обязанности Министра промышленности и строительства Республики Казахстан",
     "Қазақстан Республикасы Өнеркәсіп және құрылыс министрі"),
    ("Правительство Республики Казахстан", "Қазақстан Республикасы Үкіметі"),
    ("акимат Западно-Казахстанской области", "Батыс Қазақстан облысы әкімдігі"),
    ("акимат города Алматы", "Алматы қаласы әкімдігі"),
    ("маслихат Алматинской области", "Алматы облысы мәслихаты"),
    ("аким города Астаны", "Астана қаласы әкімі"),
])
def test_a_russian_name_maps_to_the_kazakh_body(russian: str, kazakh: str) -> None:
    assert russian_to_kazakh(russian) == kazakh
    assert act_id("decree", russian, "2018-07-12", "193") == act_id("decree", kazakh,
                                                                      "2018-07-12", "193")


def test_a_body_the_table_does_not_know_keeps_its_own_name() -> None:
    # A district the table does not list: no guess, the Russian name stays. (A listed one is
    # keyed by its own name, never by its oblast: see test_heldout_forms.py.)
    assert russian_to_kazakh("акимат Бурабайского района Акмолинской области") is None
    assert russian_to_kazakh("акимат Есильского района Северо-Казахстанской области") \
        == "Есіл ауданы әкімдігі"
    assert russian_to_kazakh("Министерство юстиции Республики Казахстан") is None
    assert act_id("decree", "акимат Есильского района", "2019-03-19", "64") != act_id(
        "decree", "Солтүстік Қазақстан облысы әкімдігі", "2019-03-19", "64")


def test_the_seed_ids_do_not_change() -> None:
    assert act_id("decree", "Солтүстік Қазақстан облысы әкімдігі", "2018-07-12", "193") \
        == "2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi"


@pytest.mark.parametrize("names", [
    # Issuers as the real texts of tests/realworld name one body (kaz.md, rus.md, meta.yaml).
    ("Алматы облыстық мәслихаты", "Алматы облысының мәслихаты", "Алматинский областной маслихат",
     "маслихат Алматинской области",
     # a signature block read with the issuer: the body it ends in
     "хатшысы А.Сыдық Алматы облыстық Мәслихаты"),
    ("Астана қалалық Мәслихаты", "Астана қаласы мәслихаты", "Маслихат города Астаны"),
    ("Шымкент қаласының мәслихаты", "маслихат города Шымкент",
     # Shymkent lay in the South Kazakhstan oblast then: the city's body, named first
     "Шымкентского городского маслихата Южно-Казахстанской области"),
    ("облыс әкімі", "Облыс Әкімі", "аким области", "Аким области"),
    ("қалалық мәслихат", "городской маслихат"),
    ("Қазақстан Республикасы Министрлер Кабинеті", "Кабинет Министров Республики Казахстан"),
    ("Қазақстан Республикасы Үкіметі", "Правительство РК", "ҚР Үкіметі"),
    ("Қазақстан Республикасы Әділет министрі", "Министр юстиции РК"),
])
def test_one_body_one_key_in_any_form(names: tuple[str, ...]) -> None:
    from shezhire.extract.identity import issuer_key

    assert len({issuer_key(n) for n in names}) == 1, {n: issuer_key(n) for n in names}


def test_a_place_named_by_its_kind_is_not_guessed_and_districts_stay_apart() -> None:
    from shezhire.extract.authorities import completes
    from shezhire.extract.identity import issuer_key

    assert issuer_key("облыс әкімі") != issuer_key("Алматы облысының әкімі")
    assert issuer_key("облыс әкімі") != issuer_key("облыс әкімдігі")
    # The metadata may complete a kind-only name, never change the body.
    assert completes("облыс әкімі", "акима Алматинской области")
    assert not completes("облыс әкімі", "акимата Алматинской области")
    assert issuer_key("Алматы облысы Талғар ауданының әкімдігі") != issuer_key(
        "Алматы облысының әкімдігі")
    assert issuer_key("Петропавл қаласының әкімдігі") != issuer_key("қала әкімдігі")


def test_a_joint_act_of_two_bodies_is_keyed_as_written() -> None:
    from shezhire.extract.identity import issuer_key

    joint = "Қарағанды облысы әкімдігі және Қарағанды облыстық мәслихаты"
    assert issuer_key(joint) not in (issuer_key("Қарағанды облысы әкімдігі"),
                                     issuer_key("Қарағанды облысы мәслихаты"))
    assert issuer_key("акимат области и областной маслихат") != issuer_key("акимат области")


def test_judging_a_reading_keeps_the_words_around_the_body() -> None:
    # For the identity a signature around the body does not matter; for the field's accuracy
    # (bench/eval_fields.py) it does.
    from shezhire.extract.identity import issuer_key

    junk = "хатшысы А.Сыдық Алматы облыстық Мәслихаты"
    assert issuer_key(junk) == issuer_key("Алматы облысының мәслихаты")
    assert issuer_key(junk, whole=True) != issuer_key("Алматы облысының мәслихаты", whole=True)
    assert issuer_key("Алматы облыстық мәслихаты", whole=True) == issuer_key(
        "Алматы облысының мәслихаты", whole=True)
