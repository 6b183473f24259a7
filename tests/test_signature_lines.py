"""Which short paragraphs are a signer's lines: a name with its initials ends the act's body,
but an initial inside a list or a sentence does not (issue 10, real texts)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from shezhire.extract.pipeline import extract_record

REALWORLD = Path(__file__).resolve().parent / "realworld"


@cache
def _record(path: str) -> dict[str, Any]:
    return extract_record(REALWORLD / path, metadata=False)


def _provision_with(record: dict[str, Any], words: str) -> dict[str, Any]:
    return next(p for p in record["provisions"] if words in p["text"])


def _signatures(record: dict[str, Any]) -> list[str]:
    return [p["text"] for p in record["provisions"] if p["role"] == "signature"]


def test_districts_named_after_people_stay_in_their_list() -> None:
    # Ministry of Justice 2012 № 34, appendix: "8) Жамбыл облысы – … аудандар бойынша: / Шу – 2
    # / Т.Рысқұлов – 2 / Меркі – 2": a district and its count, not a signer.
    record = _record("kazakhstan-law-heldout/mjust-2012-01-31-34/kaz.md")
    item = _provision_with(record, "8) Жамбыл облысы")
    assert "Т.Рысқұлов – 2" in item["text"] and "Талас – 1" in item["text"]
    assert "Ғ.Мүсірепов – 3" in _provision_with(record, "15) Солтүстік Қазақстан облысы")["text"]
    assert not any("Рысқұлов" in s or "Мүсірепов" in s for s in _signatures(record))


def test_a_name_wrapped_inside_a_point_and_a_roman_numeral_letter_are_no_signers() -> None:
    # Mangystau 1998 № 278: "председатель украинского НКЦ им. / Т. Г. Шевченко, по
    # согласованию" goes on with point 9; "Ү. Организация и порядок Малой Ассамблеи" is a
    # chapter whose Roman V is printed as the letter Ү. The akim's name is still the signer.
    record = _record("kazakhstan-law-heldout3/mang-akim-1998-10-29-278/rus.md")
    assert "Т. Г. Шевченко, по согласованию" in _provision_with(record, "9. Децюк")["text"]
    signatures = _signatures(record)
    assert "Н. Баев" in signatures
    assert not any("Шевченко" in s or "Организация" in s for s in signatures)


def test_signers_with_their_position_are_still_signatures() -> None:
    assert _signatures(_record("kazakhstan-law-local/almobl-akim-2000-11-24-11-342/rus.md")) == [
        "И.О. Акима области", "В. Долженков"]
    assert "Секретарь Маслихата А.И. Демидов города Астаны" in _signatures(
        _record("kazakhstan-law-local/astana-maslikhat-2001-12-25-127-26/rus.md"))


def test_an_agreement_stamps_word_opens_the_signers_block_in_either_language() -> None:
    # Kostanay maslikhat 2009: "*областного маслихата Г. Сагиев* / СОГЛАСОВАНО / …", as the
    # Kazakh copies' "КЕЛІСІЛДІ" always was.
    record = _record("kazakhstan-law-heldout2/kost-maslikhat-2009-01-12-salaries/rus.md")
    assert "СОГЛАСОВАНО" in _signatures(record)
