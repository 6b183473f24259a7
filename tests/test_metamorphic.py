"""Metamorphic tests: where lines break, blank lines, status labels and page furniture fall
must not change what is read (issue 10, point 4). For every seed and every real text of the
development set, each transformation of the text gives the same header facts and relations as
the text as found.

Markdown texts (a seed, the kazakhstan-law acts) are transformed after the Markdown reader:
the transformations change the layout of the text the extractor reads, not Markdown's markup.

Cases that do not hold yet are listed in tests/metamorphic_known_gaps.json and marked as
strict expected failures: fixing one makes its test fail until it is taken off the list.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from shezhire.extract.clean import clean_text, status_labels
from shezhire.extract.mapped import MappedText
from shezhire.extract.readers.markdown import markdown_to_text
from shezhire.extract.record import record_from_text

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld"
TEXTS = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus").glob("*.md")) + sorted(
    REALWORLD.glob("adilet-pages/*/page.*.txt")) + sorted(
    p for p in REALWORLD.glob("kazakhstan-law-*/*/*.md"))
_GAPS = json.loads((ROOT / "tests" / "metamorphic_known_gaps.json").read_text("utf-8"))["gaps"]
KNOWN_GAPS = set(_GAPS)
DAY = "2026-12-01"
# Where a text's header ends that the cut keeps (the issue: "cut after 1,100 characters").
CUT_AT = 1100

# The site's page furniture, as real saved pages of the database carry it: the header and
# menu above the act (from a saved Kazakh and a saved Russian page) and the error-report line
# below it (extract/data/page_furniture.json).
_FURNITURE = json.loads((ROOT / "extract" / "data" / "page_furniture.json").read_text("utf-8"))


def _page_top(page: Path, last: str) -> str:
    lines = page.read_text("utf-8").split("\n")
    end = next(i for i, line in enumerate(lines) if line.strip().lstrip("•").strip() == last)
    return "\n".join(lines[: end + 1]) + "\n\n"


SITE_HEADER = {
    "kk": _page_top(REALWORLD / "adilet-pages/nbrk-2019-03-30-41/page.kk.txt", "Құжатқа қайту"),
    "ru": _page_top(REALWORLD / "adilet-pages/almaty-masl-2007-12-12-45/page.ru.txt",
                    "Назад к документу"),
}
SITE_FOOTER = {
    "kk": "Егер Сіз беттен қате тапсаңыз, тінтуірмен сөзді немесе фразаны белгілеңіз және "
          "Ctrl+Enter пернелер тіркесін басыңыз",
    "ru": "Если Вы нашли на странице ошибку, выделите мышью слово или фразу и нажмите "
          "сочетание клавиш Ctrl+Enter",
}
for _line, _entry in zip(SITE_FOOTER.values(), _FURNITURE["line_starts"], strict=False):
    assert _line.startswith(_entry["start"]) and all(w in _line for w in _entry["also"])


def _lang(path: Path) -> str:
    return "ru" if path.name in ("rus.md", "page.ru.txt") else "kk"


@cache
def _text(path: Path) -> str:
    """The text the extractor reads: a Markdown file after its reader."""
    raw = path.read_text("utf-8")
    return markdown_to_text(raw).text if path.suffix == ".md" else raw.replace("\r\n", "\n")


def _wrap(width: int) -> Callable[[str, str], str]:
    def wrap(text: str, lang: str) -> str:
        return "\n".join(textwrap.fill(line, width) if line.strip() else line
                         for line in text.split("\n"))
    return wrap


def _join_paragraphs(text: str, lang: str) -> str:
    """Every paragraph (lines between blank lines) on one line."""
    return "\n\n".join(" ".join(block.split("\n")) for block in re.split(r"\n[ \t]*\n", text))


def _glue_label(text: str, lang: str) -> str:
    """The status label glued to the line after it ("Күшін жойғанСолтүстік …")."""
    labels = "|".join(map(re.escape, sorted(status_labels(), key=len, reverse=True)))
    return re.sub(rf"^[ \t]*({labels})[ \t]*\n\s*", r"\1", text, count=1, flags=re.MULTILINE)


def _cut(text: str, lang: str) -> str:
    """The text cut after CUT_AT characters, in the middle of a word."""
    at = CUT_AT
    while at < len(text) - 1 and not (text[at - 1].isalpha() and text[at].isalpha()):
        at += 1
    return text[:at]


TRANSFORMS: dict[str, Callable[[str, str], str]] = {
    "no_blank_lines": lambda t, lang: re.sub(r"\n[ \t]*\n", "\n", t),
    "join_paragraphs": _join_paragraphs,
    "join_all": lambda t, lang: " ".join(t.split("\n")),
    "wrap_30": _wrap(30),
    "wrap_50": _wrap(50),
    "wrap_80": _wrap(80),
    "wrap_200": _wrap(200),
    "glue_label": _glue_label,
    "site_footer": lambda t, lang: t.rstrip("\n") + "\n" + SITE_FOOTER[lang] + "\n",
    "site_header_footer": lambda t, lang: SITE_HEADER[lang] + t.rstrip("\n") + "\n\n"
    + SITE_FOOTER[lang] + "\n",
    "no_break_spaces": lambda t, lang: t[:600].replace(" ", "\u00a0") + t[600:],
    "tabs_in_header": lambda t, lang: t[:600].replace(" ", "\t", 20) + t[600:],
    "cut_1100": _cut,
}
HEADER_ONLY = {"cut_1100"}
HEADER_FACTS = ("act_type", "adopted", "number", "issuer", "registration")


def _facts(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "act_type": record["act_type"], "adopted": record["adopted"],
        "number": record["number"], "issuer": record["issuer"],
        "registration": (record["registration"] or {}).get("number"),
        "repealed_by": sorted(r["id"] for r in record["repealed_by"]),
        "repeals": sorted(r["id"] for r in record["repeals"]),
        "amends": sorted({a["act"]["id"] for a in record["amends"]}),
    }


@cache
def _as_found_record(path: Path) -> dict[str, Any]:
    return record_from_text(_text(path), as_of=DAY)


def _as_found(path: Path) -> dict[str, Any]:
    return _facts(_as_found_record(path))


def _applies(path: Path, name: str) -> bool:
    """A transformation that leaves the text as it is (no label to glue, nothing after the
    cut) is no case."""
    text = _text(path)
    return TRANSFORMS[name](text, _lang(path)) != text


def _case_id(path: Path, name: str) -> str:
    return f"{path.relative_to(ROOT)}::{name}"


CASES = [pytest.param(path, name, id=_case_id(path, name),
                      marks=[pytest.mark.xfail(strict=True, reason="known gap")]
                      if _case_id(path, name) in KNOWN_GAPS else [])
         for path in TEXTS for name in TRANSFORMS if _applies(path, name)]


@pytest.mark.parametrize(("path", "name"), CASES)
def test_a_transformed_text_gives_the_same_facts(path: Path, name: str) -> None:
    changed = _facts(record_from_text(TRANSFORMS[name](_text(path), _lang(path)), as_of=DAY))
    found = _as_found(path)
    if name in HEADER_ONLY:
        kept = _facts_read_before(path, len(TRANSFORMS[name](_text(path), _lang(path))))
        if not kept:
            pytest.skip("the cut removes every source of the header facts")
        changed = {k: changed[k] for k in kept}
        found = {k: found[k] for k in kept}
    assert changed == found


def _facts_read_before(path: Path, cut: int) -> list[str]:
    """The header facts of the text as found that a source within its first ``cut``
    characters states (the record's `fact_evidence`, the registration's evidence): a fact
    whose every source lies after the cut is destroyed by the cut, not misread. A fact read
    from no source (a default, or none found) is compared: the cut cannot take it away."""
    record = _as_found_record(path)
    cleaned = clean_text(MappedText.identity(_text(path))).text
    assert cleaned.text == record["text"]
    sources = {**record.get("fact_evidence", {}),
               "registration": [record["registration"]["evidence"]] if record["registration"]
               else []}
    return [fact for fact in HEADER_FACTS
            if not sources.get(fact)
            or any(cleaned.source_span(*e["span"])[1] <= cut for e in sources[fact])]


def test_the_suite_covers_every_seed_and_real_text() -> None:
    assert len([p for p in TEXTS if p.parent.name == "corpus"]) == 5
    assert len(TEXTS) >= 150


def test_every_known_gap_is_a_case_of_the_suite() -> None:
    cases = {_case_id(path, name) for path in TEXTS for name in TRANSFORMS if _applies(path, name)}
    assert cases >= KNOWN_GAPS
