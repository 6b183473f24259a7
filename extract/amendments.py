"""Amending instructions read as operations: what an amending act changes, and to what.

An amending act's operative point names the act it changes ("… № 117 бұйрығына мынадай
өзгерістер енгізілсін:", "Внести в приказ … следующие изменения:") and then gives one
instruction per changed unit, each followed by the new wording in quotes:

    5-тармақ мынадай редакцияда жазылсын:          пункт 5 изложить в следующей редакции:
    "5. …";                                         "5. …";
    2-тарау мынадай мазмұндағы 11-1-тармақпен      дополнить пунктом 11-1 следующего
    толықтырылсын: "11-1. …";                       содержания: "11-1. …";
    7-тармақ алып тасталсын;                        пункт 7 исключить;
    1-қосымша осы бұйрыққа 1-қосымшаға сәйкес       приложение 1 изложить в новой редакции
    жаңа редакцияда жазылсын;                       согласно приложению 1 к настоящему приказу;

The phrases come from the lexicon (``amendments.instructions``, ``part_words``,
``amendments.part_ordinals``); this module only walks the lines. Every operation keeps the
instruction's quote and span, and the quoted wording's. An instruction that cannot be read
(a quote that never closes, a wording that is missing, a unit it does not name) is a finding,
never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from shezhire.extract.lexicon import Lexicon, from_lexicon, lexicon, phrases_regex, words_regex
from shezhire.extract.models import Evidence, Finding, Operation, OperationAction

_NUMBER = r"\d+(?:-\d+)*"
_ACTIONS: Mapping[str, OperationAction] = {
    "new_wording": "new_wording", "supplemented": "insert", "deleted": "delete",
    "repealed": "repeal",
}
# A line that closes a quoted wording: the closing quote, then ";" or "." at most.
_CLOSES = re.compile(r"[\"»]\s*[;.,]?\s*$")
_OPENS = re.compile(r"^\s*[\"«]")


@dataclass(frozen=True)
class _Words:
    instruction: re.Pattern[str]
    amend_act: re.Pattern[str]
    context: re.Pattern[str]
    this: re.Pattern[str]
    according_to: re.Pattern[str]
    said: re.Pattern[str]
    parts: dict[str, re.Pattern[str]]
    part_word: re.Pattern[str]
    heading: re.Pattern[str]
    ordinals: tuple[tuple[re.Pattern[str], str], ...]


def _words(language: str) -> _Words:
    return _kk() if language == "kk" else _ru()


def _build(lx: Lexicon) -> _Words:
    groups = []
    for key, phrases in lx.labels("amendments.instructions").items():
        groups.append(f"(?P<{key}>{phrases_regex(phrases)})")
    joins = words_regex(w for key in ("and", "with") for w in lx.words(f"conjunctions.{key}"))
    listed = rf"({_NUMBER}\)?(?:\s*(?:,|{joins})\s*{_NUMBER}\)?)*)"
    number_first = lx.get("amendments.number_first") is True
    parts: dict[str, re.Pattern[str]] = {}
    for noun in lx.part_words:
        longer = [other.stem[len(noun.stem):] for other in lx.part_words
                  if other.stem != noun.stem and other.stem.startswith(noun.stem)]
        not_longer = f"(?!{words_regex(longer)})" if longer else ""
        # A language without a morphology lists its forms ("приложению"), not stems.
        stems = noun.stems_regex() if lx.morphology else words_regex({noun.stem, *noun.forms})
        word = rf"(?<!\w){stems}{not_longer}\w*"
        # "9 және 10-тармақтар" (number first) or "пункты 9 и 10" (word first).
        order = rf"{listed}\s*-?\s*{word}" if number_first else rf"{word}\s+{listed}"
        parts[noun.key] = re.compile(order, re.IGNORECASE)
    ordinals = tuple((re.compile(rf"(?<!\w){phrases_regex(words)}(?!\w)", re.IGNORECASE), n)
                     for n, words in lx.labels("amendments.part_ordinals").items())
    return _Words(
        instruction=re.compile("|".join(groups), re.IGNORECASE),
        amend_act=re.compile(lx.pattern("amendments.amend_act"), re.IGNORECASE),
        context=re.compile(rf"(?<!\w){lx.pattern('amendments.context_words')}", re.IGNORECASE),
        this=re.compile(rf"(?<!\w){lx.pattern('amendments.this')}(?!\w)", re.IGNORECASE),
        according_to=re.compile(rf"(?<!\w){lx.pattern('amendments.according_to')}(?!\w)",
                                re.IGNORECASE),
        said=re.compile(rf"^\s*{lx.pattern('amendments.said')}\s+", re.IGNORECASE),
        parts=parts, ordinals=ordinals,
        # "екінші бөлігі", "часть вторую": a part named by its ordinal, not a number.
        part_word=re.compile(rf"(?<!\w){lx.part_word('part').stems_regex()}", re.IGNORECASE),
        # "3-тараудың тақырыбы", "заголовок главы 3": a chapter's heading line.
        heading=re.compile(rf"(?<!\w){lx.pattern('amendments.heading_words')}", re.IGNORECASE),
    )


@from_lexicon
def _kk() -> _Words:
    return _build(lexicon("kk"))


@from_lexicon
def _ru() -> _Words:
    return _build(lexicon("ru"))


@dataclass
class _Line:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def record_to_operations(record: Mapping[str, Any]) -> tuple[list[Operation], list[Finding]]:
    """The operations an amending act's record gives, in the order of its text, and the
    findings of the instructions that could not be read."""
    words = _words(record.get("lang") or "kk")
    text: str = record["text"]
    provisions: list[Mapping[str, Any]] = record["provisions"]
    amends: list[Mapping[str, Any]] = record.get("amends") or []
    ops: list[Operation] = []
    findings: list[Finding] = []
    for start, end in _amending_regions(text, provisions, words):
        targets = [a for a in amends if start <= a["evidence"]["span"][0] < end]
        if not targets:
            continue
        lines = list(_lines(text, start, end))
        walker = _Walker(record, text, lines, targets, words)
        got, problems = walker.run()
        ops += got
        findings += problems
    return ops, findings


def _amending_regions(text: str, provisions: list[Mapping[str, Any]],
                      words: _Words) -> Iterator[tuple[int, int]]:
    """Spans of the operative points whose first line names a change of another act: the
    point with its subpoints, up to the next point beside it."""
    points = [p for p in provisions if p["kind"] == "point" and p.get("role") is None]
    for k, p in enumerate(points):
        start = p["span"][0]
        head = text[start: text.find("\n", start) if "\n" in text[start:] else len(text)]
        if not words.amend_act.search(head):
            continue
        later = [q["span"][0] for q in points[k + 1:] if not str(q["id"]).startswith(p["id"] + "/")]
        inside = [q["span"][1] for q in provisions if str(q["id"]).startswith(p["id"] + "/")]
        end = later[0] if later else max([p["span"][1], *inside])
        yield start, end


def _lines(text: str, start: int, end: int) -> Iterator[_Line]:
    pos = start
    for raw in text[start:end].split("\n"):
        if raw.strip():
            lead = len(raw) - len(raw.lstrip())
            yield _Line(raw.strip(), pos + lead)
        pos += len(raw) + 1


class _Walker:
    """Reads one amending point line by line: instructions, their quoted wordings, and the
    lines that name the document the next instructions speak of."""

    def __init__(self, record: Mapping[str, Any], text: str, lines: list[_Line],
                 targets: list[Mapping[str, Any]], words: _Words) -> None:
        self.record = record
        self.text = text
        self.lines = lines
        self.targets = targets
        self.words = words
        self.ops: list[Operation] = []
        self.findings: list[Finding] = []
        self.in_document = False

    def run(self) -> tuple[list[Operation], list[Finding]]:
        i = 1  # the first line names the amended act
        while i < len(self.lines):
            line = self.lines[i]
            m = self.words.instruction.search(line.text)
            if m is None:
                if line.text.endswith(":") and self.words.context.search(line.text):
                    self.in_document = True
                elif _OPENS.match(line.text):
                    self.findings.append(Finding(
                        "amendment_unreadable", "a quoted wording follows no instruction",
                        Evidence(line.text, line.start, line.end)))
                    i = self._quote_end(i)
                i += 1
                continue
            i = self._instruction(i, m)
        return self.ops, self.findings

    def _target_act(self, line: _Line) -> str:
        before = [a for a in self.targets if a["evidence"]["span"][0] <= line.start]
        chosen = before[-1] if before else self.targets[0]
        return str(chosen["act"]["id"])

    def _instruction(self, i: int, m: re.Match[str]) -> int:
        line = self.lines[i]
        key = next(k for k, v in m.groupdict().items() if v is not None)
        action = _ACTIONS[key]
        phrase = f"{line.text[:m.start()]} {line.text[m.end():]}".strip(" :;.,")
        target, source = self._split_source(phrase)
        target = self.words.said.sub("", target).strip(" :;.,")
        units = self._units(target)
        evidence = Evidence(line.text[: m.end()], line.start, line.start + m.end())
        act = self._target_act(line)
        sources = _numbers(self.words.parts["appendix"], source) if source else []
        wants_quote = line.text.rstrip().endswith(":")
        text_value: str | None = None
        text_evidence: Evidence | None = None
        nxt = i + 1
        if wants_quote:
            if nxt < len(self.lines) and _OPENS.match(self.lines[nxt].text):
                end = self._quote_end(nxt)
                if end >= len(self.lines):
                    self.findings.append(Finding(
                        "amendment_unreadable",
                        f"the wording of {target or 'the instruction'} has no closing quote: "
                        "the text ends inside it", evidence))
                    return len(self.lines)
                text_value, text_evidence = self._quote(nxt, end)
                nxt = end + 1
            else:
                self.findings.append(Finding(
                    "amendment_unreadable",
                    f"no quoted wording after the instruction on {target or 'the act'}", evidence))
                return nxt
        if action in ("new_wording", "insert") and text_value is None and not sources:
            self.findings.append(Finding(
                "amendment_unreadable",
                f"the instruction on {target or 'the act'} gives no wording", evidence))
            return nxt
        if action != "insert" and not units:
            self.findings.append(Finding(
                "amendment_unreadable", f"the instruction names no unit: {target!r}", evidence))
            return nxt
        if sources and len(sources) != len(units):
            self.findings.append(Finding(
                "amendment_unreadable",
                f"{len(units)} unit(s) worded by {len(sources)} appendices: {target!r}", evidence))
            return nxt
        # "приложения 1 и 2 … согласно приложениям 1 и 2 к настоящему постановлению": one
        # operation per appendix, each worded by its own.
        groups = [([u], s) for u, s in zip(units, sources, strict=True)] if sources \
            else [(units, None)]
        for group, source_appendix in groups:
            self.ops.append(Operation(
                amending_act=str(self.record["id"]), target_act=act, action=action,
                target=target, units=group,
                # "заголовок главы 3 Правил": the unit's own words may name the document.
                in_document=self.in_document or bool(self.words.context.search(target)),
                text=text_value,
                evidence=evidence, text_evidence=text_evidence, source_appendix=source_appendix))
        return nxt

    def _split_source(self, phrase: str) -> tuple[str, str]:
        """"1-қосымша осы бұйрыққа 1-қосымшаға сәйкес", "приложение 2 … согласно приложению 1
        к настоящему приказу": the unit, and where its wording is."""
        found = [m.start() for rx in (self.words.this, self.words.according_to)
                 if (m := rx.search(phrase)) is not None]
        if not found:
            return phrase, ""
        return phrase[: min(found)].strip(), phrase[min(found):]

    def _units(self, target: str) -> list[str]:
        parts = self.words.parts
        points = _numbers(parts["point"], target)
        subpoints = _numbers(parts["subpoint"], target)
        appendices = _numbers(parts["appendix"], target)
        articles = _numbers(parts["article"], target)
        ordinals = [n for rx, n in self.words.ordinals if rx.search(target)] \
            if self.words.part_word.search(target) else []
        chapters = _numbers(parts["chapter"], target)
        if chapters and not points and self.words.heading.search(target):
            return [f"ch-{c}/heading" for c in chapters]
        if points and ordinals:
            return [f"p-{points[-1]}/part-{n}" for n in ordinals]
        if points and subpoints:
            return [f"p-{points[-1]}/sp-{s}" for s in subpoints]
        if points:
            return [f"p-{p}" for p in points]
        if subpoints:
            return [f"sp-{s}" for s in subpoints]
        if appendices:
            return [f"app-{a}" for a in appendices]
        return [f"art-{a}" for a in articles]

    def _quote_end(self, i: int) -> int:
        """The index of the line that closes the quote opened at ``i`` (len(lines) if none)."""
        for j in range(i, len(self.lines)):
            t = self.lines[j].text
            if not _CLOSES.search(t) or (j == i and len(t.strip()) <= 1):
                continue
            after = self.lines[j + 1] if j + 1 < len(self.lines) else None
            if after is None or self.words.instruction.search(after.text) \
                    or (after.text.endswith(":") and self.words.context.search(after.text)
                        and not _OPENS.match(after.text)):
                return j
        return len(self.lines)

    def _quote(self, i: int, j: int) -> tuple[str, Evidence]:
        first, last = self.lines[i], self.lines[j]
        start = first.start + (len(first.text) - len(first.text.lstrip()[1:]))
        closing = _CLOSES.search(last.text)
        assert closing is not None
        end = last.start + closing.start()
        raw = self.text[start:end]
        wording = "\n".join(x.strip() for x in raw.split("\n") if x.strip())
        return wording, Evidence(raw, start, end)


def _numbers(pattern: re.Pattern[str], target: str) -> list[str]:
    out: list[str] = []
    for m in pattern.finditer(target):
        listed = next(g for g in m.groups() if g)
        out += [n for n in re.findall(_NUMBER, listed) if n not in out]
    return out

