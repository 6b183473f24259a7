"""Per-field accuracy of the extractor against facts read by a person from real acts.

Usage:
    python bench/eval_fields.py tests/realworld            # a table per language
    python bench/eval_fields.py tests/realworld --misses   # and every miss, with both values
    python bench/eval_fields.py tests/realworld --floors tests/realworld/floors.json
        # exit status 1 when a field of a language falls below its floor

DIR holds one folder per act (any depth); each folder has the texts as found and, per text,
``expected.<lang>.json`` naming the text in ``"file"`` (tests/realworld/README.md gives the
format). Each text is extracted on its own, so the figures are those of a text without its
metadata.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEADER_FIELDS = ("title", "act_type", "issuer", "adopted", "number", "registration", "status")
RELATION_FIELDS = ("repealed_by", "amended_by", "repeals", "amends")
FIELDS = HEADER_FIELDS + RELATION_FIELDS

_QUOTES = "«»\"'“”„"
_LOOKALIKE = str.maketrans({"i": "і", "y": "ү", "n": "№", "a": "а", "e": "е", "o": "о",
                            "c": "с", "p": "р", "x": "х"})


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[tuple[str, Any, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def expected_files(root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(root.rglob("expected.*.json")):
        facts = json.loads(path.read_text("utf-8"))
        yield path.parent / facts["file"], facts


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    # Look-alike letters of old texts ("Yкiметi", "N 15") read as what they stand for.
    value = value.replace("\u00a0", " ").casefold().replace("ё", "е").translate(_LOOKALIKE)
    # Typography is not content: «» and "" are one quote, a dash or hyphen between words one dash.
    value = re.sub(r"[«»“”„]", '"', value)
    value = re.sub(r"\s+[-–—]\s+", " – ", value)
    return " ".join(value.strip(_QUOTES + " .").split()) or None


def _number(value: str | None) -> str | None:
    # "65/10-ІV" with a Cyrillic І is the number "65/10-IV" of the Russian text.
    return re.sub(r"\s+", "", value).casefold().translate(_LOOKALIKE) if value else None


def _acts(refs: list[dict[str, Any]]) -> list[tuple[str | None, str | None]]:
    return sorted({(r.get("adopted"), _number(r.get("number"))) for r in refs},
                  key=lambda pair: (pair[0] or "", pair[1] or ""))


def expected_status(facts: dict[str, Any]) -> set[str]:
    """What a record may say of a text's status: repealed when the text says so; in force
    when its label says so; otherwise anything but repealed (the text cannot tell more)."""
    if facts.get("says_repealed"):
        return {"repealed"}
    label = _text(facts.get("status_label")) or ""
    if label in {"қолданыстағы", "жаңа", "жаңартылған", "действующий", "новый", "обновленный"}:
        return {"in_force"}
    return {"in_force", "not_yet_in_force", "unknown"}


def field_values(name: str, record: dict[str, Any], facts: dict[str, Any]) -> tuple[Any, Any]:
    """(got, expected) for one field, each in the form compared."""
    if name == "title":
        return _text(record.get(name)), _text(facts.get(name))
    if name == "issuer":
        # One body in two spellings ("Республикасы Үкіметі" / "Республикасының Үкіметі") is
        # one issuer: compared by the key acts are identified by, whole (a reading with a
        # signature or a title's words around the body is not right, though its id is).
        from shezhire.extract.identity import issuer_key

        got, want = _text(record.get("issuer")), _text(facts.get("issuer"))
        return ((issuer_key(got, whole=True) if got else None),
                (issuer_key(want, whole=True) if want else None))
    if name == "number":
        return _number(record.get("number")), _number(facts.get("number"))
    if name == "registration":
        got, want = record.get("registration"), facts.get("registration")
        got_pair = (_number(got.get("number")), got.get("date")) if got else None
        want_pair = (_number(want.get("number")), want.get("date")) if want else None
        if got_pair and want_pair and want_pair[1] is None:
            got_pair = (got_pair[0], None)  # the text gives no date: the number decides
        return got_pair, want_pair
    if name == "status":
        return record.get("status"), expected_status(facts)
    if name in RELATION_FIELDS:
        refs = record.get(name) or []
        if name in ("amended_by", "amends"):
            refs = [a["act"] for a in refs]
        return _acts(refs), _acts(facts.get(name) or [])
    return record.get(name), facts.get(name)


def _right(name: str, got: Any, want: Any) -> bool:
    return got in want if name == "status" else got == want


def evaluate(root: Path) -> dict[str, dict[str, Score]]:
    """Scores per language, per field, over every expected text under ``root``."""
    from shezhire.extract.errors import ShezhireError
    from shezhire.extract.pipeline import extract_record

    scores: dict[str, dict[str, Score]] = defaultdict(lambda: {f: Score() for f in FIELDS})
    for text_path, facts in expected_files(root):
        lang = facts["lang"]
        try:
            record: dict[str, Any] = extract_record(text_path, metadata=False)
        except ShezhireError as error:
            record = {}
            print(f"eval: {text_path}: {error}", file=sys.stderr)
        for name in FIELDS:
            got, want = field_values(name, record, facts)
            score = scores[lang][name]
            score.total += 1
            if _right(name, got, want):
                score.right += 1
            else:
                score.misses.append((str(text_path.relative_to(root)), got, want))
    return dict(scores)


def below_floors(scores: dict[str, dict[str, Score]], floors: dict[str, Any]
                 ) -> list[str]:
    """Every (language, field) whose accuracy is below its floor, as readable lines."""
    lines = []
    for lang, by_field in sorted(scores.items()):
        lang_floors = floors.get(lang, {})
        for name, score in by_field.items():
            floor = lang_floors.get(name)
            if floor is not None and score.accuracy < floor:
                lines.append(f"{lang} {name}: {score.accuracy:.3f} < floor {floor}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    parser.add_argument("--floors", type=Path, help="JSON {lang: {field: minimum accuracy}}")
    args = parser.parse_args(argv)
    scores = evaluate(args.dir)
    for lang, by_field in sorted(scores.items()):
        texts = next(iter(by_field.values())).total
        print(f"\n{lang}: {texts} texts")
        for name, score in by_field.items():
            print(f"  {name:<13} {score.right:>4}/{score.total:<4} {score.accuracy:6.3f}")
            if args.misses:
                for where, got, want in score.misses:
                    print(f"      {where}: got {got!r}, expected {want!r}")
    if args.floors:
        failed = below_floors(scores, json.loads(args.floors.read_text("utf-8")))
        for line in failed:
            print(f"below floor: {line}", file=sys.stderr)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
