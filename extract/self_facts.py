"""What a text says of its own act when no header sentence says it.

Whole acts as other publishers print them (and copies that start at the preamble) carry no
database header; their act type and issuer are in the operative formula ("... сәйкес Есіл
ауданының әкімдігі ҚАУЛЫ ЕТЕДІ:"), and their date and number in the approval stamp of an
appendix ("... әкімдігінің 2019 жылғы 19 наурыздағы № 64 қаулысына қосымша", "... № 168
бұйрығымен бекітілген"). Each fact keeps the quote it was read from.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from typing import Any

from shezhire.extract.citations import (
    Citation,
    _issuer_before,
    find_citations,
    quoted_regions,
    record_act_type,
)
from shezhire.extract.clean import status_labels
from shezhire.extract.first_chars import finditer_from, first_char_scanner, lacks_factors
from shezhire.extract.identity import issuer_to_nominative
from shezhire.extract.kazakh.dates import find_dates
from shezhire.extract.kazakh.matchers import find_act_type_words
from shezhire.extract.lexicon import (
    Lexicon,
    agreed_word_regex,
    from_lexicon,
    lexicon,
    lexicons,
    phrases_regex,
    words_regex,
)
from shezhire.extract.models import ActType, Evidence, Provision


@from_lexicon
def _words() -> dict[str, Any]:
    """The patterns of this stage, from every language's lexicon (a Kazakh page may carry a
    Russian stamp and the other way round)."""
    every = lexicons()

    def pattern(key: str) -> str:
        return phrases_regex(w for lx in every for w in lx.words(f"self_facts.{key}"))

    # The operative formula names the type of the act that speaks ("ҚАУЛЫ ЕТЕДІ" is a decree,
    # "ШЕШІМ ҚАБЫЛДАДЫ" a maslikhat's decision...).
    formulas = [(record_act_type(kind), phrases_regex(fs)) for lx in every
                for kind, fs in lx.labels("structure.operative_formulas").items()]
    upper = "".join(dict.fromkeys(lx.upper() for lx in every))
    lower = "".join(dict.fromkeys(lx.lower() for lx in every))
    every_formula = "(?:" + "|".join(p for _k, p in formulas) + ")"
    joint_nouns = "(?-i:" + phrases_regex(n for lx in every
                                          for ns in lx.labels("self_facts.joint_formula_nouns").values()
                                          for n in ns) + ")"
    formula = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_k, p) in enumerate(formulas))
                         + r"\s*(?::|;\s*$)", re.IGNORECASE)
    joint_formula = re.compile(
        rf"(?P<f1>{every_formula}|{joint_nouns})\s+"
        rf"(?P<link>{words_regex(w for lx in every for w in lx.words('self_facts.joint_parties'))})\s+"
        rf"(?P<second>(?:[^\s:;.]+\s+){{1,8}}?)"
        rf"(?P<f2>{every_formula}|{joint_nouns}\s+(?-i:[{upper}]+))\s*[:;]", re.IGNORECASE)
    return {
        "formula_types": tuple(kind for kind, _p in formulas),
        # A colon ends the formula; an old text may type a semicolon instead, where the
        # preamble ends ("... налогового вложения, решил;").
        "formula": formula,
        # A joint act's formula: each party's own ("акимат ... ПОСТАНОВЛЯЕТ и ... маслихат
        # РЕШИЛ:"), or one verb after both nouns ("... әкімдігі ҚАУЛЫ және ... мәслихаты ШЕШІМ
        # ЕТЕДІ:"; the bare noun only in capitals, as a formula is printed).
        "joint_formula": joint_formula,
        **{f"{key}_scanner": first_char_scanner(pattern) for key, pattern in (
            ("formula", formula), ("joint_formula", joint_formula))},
        "formula_kinds": tuple((record_act_type(kind), re.compile(p, re.IGNORECASE))
                               for kind, p in formulas)
        + tuple((record_act_type(kind), re.compile(rf"(?-i:{phrases_regex(ns)})\b"))
                for lx in every for kind, ns in lx.labels("self_facts.joint_formula_nouns").items()),
        # The issuer stands between the legal basis ("... сәйкес", "... бабына") and the
        # formula: it starts after the last word or mark that ends the phrase before it.
        "issuer_cut": re.compile(rf'.*(?:[";:()–\n|,]|\d|\.(?=\s)|\b(?:{pattern("basis_ends")}))',
                                 re.DOTALL | re.IGNORECASE),
        "issuer_words": re.compile(rf"\b(?:{pattern('issuer_bodies')})", re.IGNORECASE),
        # A subject named at the sentence's start and given a short name ("Министерство ... и
        # Комитет ... (далее Госстандарт) после совместного обсуждения ... пришли к следующему
        # решению:"): the words between it and the formula are no part of it.
        "short_name": re.compile(rf"\(\s*(?:{pattern('short_name_openers')})(?!\w)",
                                 re.IGNORECASE),
        "kind_stems": tuple(n.stem.casefold() for lx in every for n in lx.issuer_kinds),
        "basis_word": re.compile(rf"(?<!\w)(?:{pattern('basis_ends')})", re.IGNORECASE),
        # A stamp stands on its own: its last word ends the line or the page's table cell
        # ("... № 168 бұйрығымен бекітілген"), where a sentence naming another act's approved
        # rules goes on.
        "stamp_tail": re.compile(rf"^\s*(?:(?:№|N)\s*\d+\s+)?(?:(?:№|N)\s*)?(?:\d+\s*-\s*)?"
                                 rf"(?:{pattern('stamp_tails')})"
                                 # "… бұйрығымен бекітілген 1-қосымша": the appendix's label
                                 # run on after the stamp.
                                 rf"(?:\s+(?:(?:№|N)\s*\d+\s+)?(?:\d+\s*-\s*)?(?:{pattern('stamp_tails')}))*"
                                 r"[\s.]*?(?:\n|$|\|)", re.IGNORECASE),
        # "Е. Саденов", or surname first: "Тауекелов Р.", "Тауекелов Р.С.".
        "name_line": re.compile(rf"^(?P<name>[{upper}]\.\s?(?:[{upper}]\.\s?)?[{upper}][{lower}]+"
                                rf"|[{upper}][{lower}]+\s[{upper}]\.(?:\s?[{upper}]\.)?)\s*$",
                                re.MULTILINE),
        "name_end": re.compile(rf"(?<!\S)[{upper}]\.\s?(?:[{upper}]\.\s?)?[{upper}][{lower}]+\s*$",
                               re.MULTILINE),
        # Russian names the body first ("аким города Астаны"), after place adjectives
        # ("Алматинский областной маслихат"): such a name starts at its last body word.
        "body_first": re.compile(rf"\b(?:{phrases_regex(w for lx in every if lx.words('self_facts.name_adjective_endings') for w in lx.words('self_facts.issuer_bodies'))})",
                                 re.IGNORECASE),
        "name_adjective": re.compile(rf"\w+(?:{words_regex(e for lx in every for e in lx.words('self_facts.name_adjective_endings'))})$",
                                     re.IGNORECASE),
        "acting_before": re.compile(rf"(?:{phrases_regex(w for lx in every if lx.words('self_facts.name_adjective_endings') for w in lx.words('acting.phrases'))})\s+$",
                                    re.IGNORECASE),
        "generic": re.compile(rf"(?:(?:{pattern('generic_name_words')})(?!\w)\s*)+", re.IGNORECASE),
        # A maslikhat's convocation and session around its name in the formula ("VІ
        # шақырылған Атырау облыстық мәслихаты кезекті XXXIІ сессиясында", "... маслихат VI
        # созыва на очередной ХХXIІ сессии") are not part of the body's name.
        "session_part": re.compile(rf"(?<!\w){pattern('session_parts')}(?!\w)", re.IGNORECASE),
        # Longest first: "әкімдіг*" (an akimat) before "әкім*" (an akim).
        "body_kinds": tuple((e.casefold(), re.compile(phrases_regex([e]) + r"\W*", re.IGNORECASE))
                            for e in sorted({e for lx in every for key in ("issuer_bodies", "signer_bodies")
                                             for e in lx.words(f"self_facts.{key}")},
                                            key=lambda e: (-len(e), e))),
        # The word between the parties of a joint act ("облыстық мәслихат пен облыс әкімдігі").
        "and_split": re.compile(rf"\s+{words_regex(w for lx in every for w in lx.words('self_facts.joint_parties'))}\s+"),
        "possessed_places": frozenset(w for lx in every for w in lx.words("self_facts.place_words")
                                      if w[-1:] in "ыі" and w[:1].islower()),
        "glued": re.compile(rf"[{lower}][{upper}]"),
        # An office whose signature makes the act its own (the President's decree) issues
        # what it signs, as the bodies do; it is no subject of a formula ("... Президенту
        # Республики ... полномочий" постановляю).
        "issuer_kinds": frozenset(e.casefold() for lx in every
                                  for key in ("issuer_bodies", "issuing_signers")
                                  for e in lx.words(f"self_facts.{key}")),
        "signer": re.compile(rf"\b(?:{pattern('signer_bodies')})", re.IGNORECASE),
        "signer_end": re.compile(rf"\b(?:{pattern('signer_ends')})(?!\w)", re.IGNORECASE),
        # "КЕЛІСІЛДІ / Облыстық мәслихаттың / 12 сәуір 2001 жылғы ... № С-7-7 шешімі": a stamp
        # of agreement names the act before the citation, a few words of its body between.
        "agreed_before": re.compile(
            rf"(?<!\w){agreed_word_regex(every)}"
            r"\W+(?:\w+\W+){0,4}$"),
        # Every match of "agreed_before" holds one of these as written (in capitals).
        "agreed_words": tuple(w for lx in every for w in lx.words("structure.agreed_words")),
        # The title's last words; where the title ran on into the preamble (a copy printed
        # in one line), they end before the preamble's capital.
        # (Or before a quoted title that opens the preamble: '… толықтыруларды бекiту туралы
        # "Салық және бюджетке … туралы" … Жарлығының 54-бабына сәйкес'.)
        "amending_title": re.compile(rf"(?:{pattern('amending_title')})(?=\s*$|\s+[\"«]?(?-i:[{upper}]))",
                                     re.IGNORECASE),
        "repealing_title": re.compile(rf"(?:{pattern('repealing_title')})(?=\s*$|\s+[\"«]?(?-i:[{upper}]))",
                                      re.IGNORECASE),
        "nominative_types": {n.nominative.lower(): record_act_type(n.key)
                             for lx in every for n in lx.act_types if not n.before},
        # The bare type word that opens the database's short header line ("Қаулы 05.02.2013
        # № 86, ...", "Бұйрық Қазақстан Республикасы Әділет министрлігі 1999 жылғы ...").
        "sole_types": tuple((record_act_type(kind), re.compile(rf"^(?:{phrases_regex(ps)})$",
                                                                re.IGNORECASE))
                            for lx in every
                            for kind, ps in lx.labels("self_facts.sole_act_types").items()),
        "bare_types": {n.stem.lower(): record_act_type(n.key)
                       for lx in every for n in lx.act_types if not n.before},
        "local_body": re.compile(rf"^(?:{pattern('local_bodies')})$", re.IGNORECASE),
        # "... N 17/6-3 бірлескен шешімінің 2-тармағы күшін жойды деп тану туралы": a title
        # that repeals a numbered part of the act it names, not the act.
        "part_next": re.compile(
            r"\s+\d+(?:\.\d+)*\s*-?\s*(?:"
            + "|".join(n.stems_regex() for lx in every for n in lx.part_words
                       if n.key not in ("chapter", "section")) + r")\w*", re.IGNORECASE),
        "place_word": re.compile(rf"^(?:{pattern('place_words')})(?:ның|нің)?$", re.IGNORECASE),
        "surname": re.compile(rf"(?:{words_regex(w for lx in every for w in lx.words('self_facts.surname_endings'))})$"),
        "year_words": words_regex(w for lx in every for w in lx.words("dates.year_words")),
    }


# A Russian body's name in the genitive ("акима", "акимата", "маслихата", "Правительства"):
# not the subject of the formula after it.
_GENITIVE_BODY = re.compile(r"\w+а(?!\w)")

# A body's word in an oblique case, Russian ("Правительства", "Министерству", "Советом") or
# Kazakh ("министрлігінің", "министрлігімен", "кеңесіне", "комитетінде"): no subject.
_OBLIQUE_BODY = re.compile(r"(?:а|у|ом|ым|ой|ның|нің|дың|дің|тың|тің|мен|бен|пен|ға|ге|қа|ке|на|не"
                           r"|да|де|та|те|нан|нен|дан|ден|тан|тен)$")


@dataclass(frozen=True)
class FormulaFacts:
    act_type: ActType
    issuer: str | None
    evidence: Evidence
    # Two bodies speak, each its own formula ("акимат ... ПОСТАНОВЛЯЕТ и маслихат ... РЕШИЛ"):
    # a stamp names only one party's act, the formula names the joint act.
    joint: bool = False


def _search(words: dict[str, Any], key: str, text: str) -> re.Match[str] | None:
    """``words[key].search(text)``, the pattern tried only at the characters its matches
    begin with (``first_chars.first_char_scanner``): the formulas begin with a
    case-insensitive alternation of words, which the regex engine tries at every character."""
    return next(finditer_from(words[key], words[f"{key}_scanner"], text), None)


def formula_to_facts(text: str, provisions: list[Provision]) -> FormulaFacts | None:
    """Act type and issuer from the operative formula of the preamble, if there is one."""
    for p in provisions:
        if p.role != "preamble" and p.kind != "paragraph":
            continue
        words = _words()
        joint = _search(words, "joint_formula", p.text)
        m = _search(words, "formula", p.text)
        if joint is not None and (m is None or joint.start() <= m.start()):
            kinds = {_formula_kind(joint.group("f1")), _formula_kind(joint.group("f2"))}
            kind = kinds.pop() if len(kinds) == 1 else "other"
            formula_start, formula_end = joint.start(), joint.end("f2")
        elif m is not None:
            joint = None
            kind = next(t for i, t in enumerate(words["formula_types"]) if m.group(f"t{i}"))
            formula_start, formula_end = m.start(), m.end()
        else:
            continue
        # ("... мәслихаты, ШЕШТІ": a comma may stand before the formula.)
        before = p.text[:formula_start].rstrip(" ,")
        cut = words["issuer_cut"].match(before)
        issuer_text = (before[cut.end():] if cut else before).strip(" ,")
        # (A body word in a quoted title before the subject is not it: '... "О временном
        # делегировании Президенту Республики Казахстан ... полномочий" постановляю'.)
        after_quotes = max(before.rfind(q) for q in '"»”') + 1
        leading = list(words["body_first"].finditer(before, after_quotes))
        if leading:
            first = leading[-1]
            if len(leading) > 1 and _parties_between(words["session_part"].sub(
                    " ", before[leading[-2].end():first.start()])):
                # "областной маслихат и акимат области РЕШИЛИ", "Аким Акмолинской области и
                # Административный совет Акмолинской СЭЗ РЕШИЛИ": a joint act of two bodies.
                first = leading[-2]
            issuer_text = _with_adjectives(before, first.start())
            if _GENITIVE_BODY.match(before, first.start()) \
                    and not words["acting_before"].search(before[:first.start()]):
                # "... от ... религиозных конфессий, областного маслихата решил;": a body in
                # the genitive belongs to the phrase before; the formula names no subject
                # (but "исполняющий обязанности акима ... РЕШИЛ" does).
                issuer_text = ""
        said = " ".join(words["session_part"].sub(" ", issuer_text).split())
        issuer: str | None = None
        if words["issuer_words"].search(said) and len(said.split()) <= 12:
            issuer = issuer_to_nominative(said)
        if joint is not None:
            second = " ".join(words["session_part"].sub(" ", joint.group("second")).split())
            if issuer is not None and words["issuer_words"].search(second):
                # (Each party is its own name: "... белгілеу мен өзгерту үшін аудандық
                # мәслихат" is trimmed to its body before the second party joins it, and the
                # quote starts where the body's name does.)
                first = trim_issuer(issuer) or issuer
                kept = len(first.split())
                if kept < len(issuer_text.split()):
                    tail = re.search(rf"(?:\S+\s+){{{kept - 1}}}\S+\s*$", before)
                    issuer_text = before[tail.start():] if tail else issuer_text
                issuer = f"{first} {joint.group('link')} {issuer_to_nominative(second)}"
        named = _named_first(p.text[:formula_start]) if issuer is None else None
        if named is not None:
            # (A sentence's subject: in the nominative already.)
            issuer = " ".join(named[1].split())
            start = p.start + named[0]
        else:
            start = p.start + (len(before) - len(issuer_text) if issuer else formula_start)
        start = max(start, p.start)
        end = p.start + formula_end
        return FormulaFacts(kind, issuer, Evidence(text[start:end], start, end),
                            joint=joint is not None)
    return None


def _parties_between(between: str) -> bool:
    """Whether the words between two bodies' words of a formula part two parties: the word
    that joins parties alone, or after the first body's place ("Аким Акмолинской области и
    Административный совет …": place words in capitals or generic place words before it,
    the second body's adjectives after it)."""
    words = _words()
    if words["and_split"].fullmatch(between):
        return True
    parts = words["and_split"].split(between, maxsplit=1)
    if len(parts) != 2 or not parts[0].split():
        return False
    place = all(w[:1].isupper() or words["generic"].fullmatch(w) for w in parts[0].split())
    return place and all(words["name_adjective"].match(w) for w in parts[1].split())


def _named_first(before: str) -> tuple[int, str] | None:
    """The body a preamble names and gives a short name before its formula, when the formula
    names none: where it starts and its words. The phrase starts at a capital whose words
    soon hold a body's word in the nominative ("Министерство ...", "Ауыл шаруашылығы
    министрлігі ..."), wherever the lines broke (a title may run into it); a body in an
    oblique case ("... постановлением Правительства ... (далее Правительство)") or a phrase
    with a legal basis in it names no speaker."""
    words = _words()
    opener = words["short_name"].search(before)
    if opener is None:
        return None
    stretch = before[:opener.start()]
    if "(" in stretch or ")" in stretch:
        return None
    capitals = [m for m in re.finditer(r"(?<!\w)\w+", stretch) if m.group()[0].isupper()]
    # A name that opens with its body's word ("... учета Министерство финансов ...") before
    # one whose body's word comes after its modifiers ("Ауыл шаруашылығы министрлігі").
    for within in (1, 5):
        for capital in capitals:
            subject = stretch[capital.start():].strip()
            heads = [w.casefold() for w in re.findall(r"\w+", subject)[:within]]
            kind = next((w for w in heads if w.startswith(words["kind_stems"])), None)
            if kind is None or _OBLIQUE_BODY.search(kind) \
                    or words["basis_word"].search(subject) or len(subject.split()) > 24:
                continue
            return capital.start(), subject
    return None


def _formula_kind(formula: str) -> ActType:
    """The act type one party's formula names ("ПОСТАНОВЛЯЕТ", "ШЕШІМ ЕТТІ", the bare
    "ҚАУЛЫ" before a shared verb)."""
    return next((kind for kind, rx in _words()["formula_kinds"] if rx.match(formula)), "other")


def signature_to_issuer(text: str, provisions: list[Provision]) -> tuple[str, Evidence] | None:
    """Who signs the act: the position above the first signer's name ("Қазақстан
    Республикасы Ішкі істер министрі / Е. Тургумбаев"). An order speaks in its signer's first
    person ("БҰЙЫРАМЫН", "ПРИКАЗЫВАЮ"), so the signer is its issuer. Ranks after the position
    ("... министрі полиция генерал-лейтенанты") are not part of it."""
    words = _words()
    # The signer's name: a signature paragraph, or a line that is only a name ("Е. Саденов")
    # where the layout ran the signature into an appendix's stamp.
    first_point = next((p.start for p in provisions if p.kind == "point"), 0)
    names = [m.start("name") for m in words["name_line"].finditer(text, first_point)]
    for p in provisions:
        if p.role == "signature":
            # "округінің әкімі С. Даданбеков": the position may share the name's line.
            inline = words["name_end"].search(text, p.start, p.end)
            names.append(inline.start() if inline else p.start)
    if not names:
        # "... вступает в силу со дня опубликования. / Президент Республики Казахстан": a
        # signature without the signer's name ends the text, a few words after the last
        # sentence (on a line of its own, or run on where a copy joined the lines).
        body = text.rstrip()
        tail = body[max(body.rfind(". "), body.rfind(".\n")) + 1:].split()
        signer = words["signer"].search(" ".join(tail[:3]))
        if 0 < len(tail) <= 6 and signer is not None:
            names.append(len(body) + 1)
    if not names:
        return None
    at = min(names)
    window_start = max(0, at - 400)
    lines = text[window_start:at].split("\n")
    kept: list[str] = []
    for line in reversed(lines):
        if not line.strip():
            if kept:
                break
            continue
        if line.rstrip().endswith((".", ":", ";", "!", "?")) or len(kept) == 4:
            break
        kept.insert(0, line)
    if not kept:
        return None
    joined = " ".join(kept)
    # A wrapped copy may run the last point's sentence into the position's line.
    cut = max((m.end() for m in re.finditer(r"[.;:!?|]\s+", joined)), default=0)
    position = " ".join(joined[cut:].replace("|", " ").split())
    if words["signer"].search(position) is None or len(position.split()) > 16:
        return None
    ends = list(words["signer_end"].finditer(position))
    if ends:
        position = position[:ends[-1].end()]
    quoted = list(re.finditer(r"[\s|]+".join(map(re.escape, position.split())),
                              text[window_start:at]))
    if not quoted:
        return None
    start, end = window_start + quoted[-1].start(), window_start + quoted[-1].end()
    return position, Evidence(text[start:end], start, end)


_STAMP_LINE = 70  # a stamp's lines are short: "Алматы облыстық", "мәслихатының 2017 жылғы"


def join_short_lines(text: str, *, over_blank_lines: bool = False) -> str:
    """``text`` with each short line joined to the next by a space: a stamp set over
    several lines ("Приложение 1 / к решению маслихата / города Астаны / от 23 сентября 2015
    года / № 410/57-V") reads as the sentence it is. Same length, so spans stay valid.
    ``over_blank_lines``: one blank line between two short lines joins them too."""
    chars = list(text)
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        short = 0 < len(line.strip()) <= _STAMP_LINE and not line.rstrip().endswith((".", ";", ":"))
        if short and nxt.strip():
            chars[pos] = " "
        elif short and over_blank_lines and i + 2 < len(lines) and not nxt.strip() \
                and 0 < len(lines[i + 2].strip()) <= _STAMP_LINE:
            chars[pos] = " "
            chars[pos + 1 + len(nxt)] = " "
        pos += 1
    return "".join(chars)


def _with_adjectives(before: str, body: int) -> str:
    """The name that starts at the body word at ``body``, with the place adjectives before
    it ("Алматинский областной маслихат")."""
    words = _words()
    start = body
    for m in reversed(list(re.finditer(r"[\w-]+", before[:body]))):
        if before[m.end():start].strip() or not words["name_adjective"].search(m.group(0)):
            break
        start = m.start()
    acting = words["acting_before"].search(before[:start])
    if acting is not None:
        start = acting.start()
    return before[start:].strip(" ,")


def names_no_place(issuer: str) -> bool:
    """"облыс әкімі", "аким области", "городской маслихат": a local body named without its
    place (the act's own words for its issuer); the signer's position may name it in full."""
    return _words()["generic"].fullmatch(issuer.strip()) is not None


def same_body(short: str, full: str) -> bool:
    """Whether the position ``full`` is the body ``short`` names: its first body or office
    word is of the same kind ("облыс әкімі" / "Алматы облысының Әкімі"), where a session
    chair ("Председатель сессии городского маслихата") or an akim signing for an akimat is
    another kind."""
    a, b = _body_kind(short), _body_kind(full)
    return a is not None and a == b


def is_issuing_body(name: str) -> bool:
    """Whether a signer's position is itself an issuing body (an akim...), not an office
    signing for one (a session chair)."""
    kind = _body_kind(name)
    return kind is not None and kind in _words()["issuer_kinds"]


def _body_kind(name: str) -> str | None:
    """The lexicon entry ("әкімдіг*", "аким*", "Председател*") of the head of ``name``: its
    last body or office word in Kazakh, which ends a name with its head, its first in
    Russian."""
    kinds: list[str] = [entry for token in name.split()
                        for entry, pattern in _words()["body_kinds"] if pattern.fullmatch(token)]
    if not kinds:
        return None
    return kinds[-1] if _KAZAKH_LETTERS.search(name) else kinds[0]


_KAZAKH_LETTERS = re.compile(r"[ӘәҒғҚқҢңӨөҰұҮүҺһІі]")


def stamps_to_citations(text: str) -> list[Citation]:
    """Every act an approval or appendix stamp names, outside quoted text (a quoted stamp
    belongs to an amended act's new wording, not to this act)."""
    # (A quoted day, «"6" желтоқсан 2005 жылғы», is not quoted text.)
    quoted = [(qs, qe) for qs, qe in quoted_regions(text)
              if not text[qs:qe + 1].strip("\"«»“”„' ").isdigit()]
    joined = join_short_lines(text)
    dated = _dated_stamps(text, joined, quoted) if may_hold_dated_stamp(text) else []
    return dated or [c for c in _blank_stamps(text, joined)
                     if not any(qs <= c.start < qe for qs, qe in quoted)]


def _dated_stamps(text: str, joined: str, quoted: list[tuple[int, int]]) -> list[Citation]:
    """The citations of ``joined`` (``text`` with its short lines joined) with a date that a
    stamp's tail word follows or an agreement word precedes, outside ``quoted``."""
    tail = _words()["stamp_tail"]
    agreed = _words()["agreed_before"]
    found = [c for c in find_citations(joined) if c.adopted]
    # A joint stamp names each party's act, joined by the word that joins the parties ("…
    # әкімдігінің … № а-7/243 қаулысы мен … мәслихатының … № 3С-28-6 шешіміне қосымша"):
    # the joint act goes by its first party's date and number, as a joint citation does.
    first_party = {id(after): c for c, after in itertools.pairwise(found)
                   if is_party_link(joined[c.end:after.start])}
    dated = []
    for c in found:
        if (tail.search(text[c.end:c.end + 40])
                or agreed.search(text, max(0, c.start - 80), c.start)) \
                and not any(qs <= c.start < qe for qs, qe in quoted):
            while id(c) in first_party:
                c = first_party[id(c)]
            dated.append(_untyped_first_party(joined, c) or c)
    return dated


def may_hold_dated_stamp(text: str) -> bool:
    """False when no citation in ``text`` can be a dated stamp's: a stamp's citation has
    its tail word after it or an agreement word before it, and ``text`` holds neither. Every
    match of the tail pattern holds one of its literal words (``first_chars.literal_factors``,
    in the case-folded text), every match of the agreement pattern one of the agreement
    words as written, so a text without any of them is not read for citations here."""
    words = _words()
    return not lacks_factors(words["stamp_tail"], text) \
        or any(map(text.__contains__, words["agreed_words"]))


def is_party_link(between: str) -> bool:
    """Whether ``between`` is the word that joins a joint act's parties, spaces around it."""
    return _words()["and_split"].fullmatch(between) is not None


def _untyped_first_party(joined: str, stamp: Citation) -> Citation | None:
    """The first party's act of a joint stamp whose type word both parties share: "облыстық
    мәслихатының 2004 жылғы 20 ақпандағы N 6-12 мен облыс әкімдiгінің 2004 жылғы 13
    ақпандағы N 38 бірлескен шешімімен бекітілген" names one joint decision, by its first
    party's date and number (as a joint citation does). The first party's words, read with
    the shared type word after them, are a citation of their own."""
    before = joined[max(0, stamp.start - _FIRST_PARTY_REACH):stamp.start]
    link = _first_party_regex().search(before)
    if link is None or not stamp.type_word:
        return None
    offset = stamp.start - len(before)
    end = offset + link.start("link")
    piece = joined[offset:end].rstrip()
    cited = [c for c in find_citations(f"{piece} {stamp.type_word}") if c.adopted and c.number
             and c.end >= len(piece)]
    if not cited:
        return None
    first = cited[-1]
    return dataclasses.replace(first, start=offset + first.start, end=offset + len(piece),
                               type_start=stamp.type_start)


# How far before a stamp's citation its first party may start.
_FIRST_PARTY_REACH = 160


@from_lexicon
def _first_party_regex() -> re.Pattern[str]:
    link = words_regex(w for lx in lexicons() for w in lx.words("self_facts.joint_parties"))
    # A number, the joining word, and the second party's name (its own words, up to its date).
    return re.compile(rf"(?:№|N)\s*\S*\d\S*\s+(?P<link>{link})\s+(?:\S+\s+){{1,5}}$")


# "2025 жылғы «___» _______ № ____": a date and number the copy left blank (the draft's).
_BLANK_REQUISITES = re.compile(r"\d{4}\s*\S*\s*[\"«]\s*_+\s*[\"»]\s*_+\s*(?:№|N)\s*_+\s*")


def _blank_stamps(text: str, joined: str) -> list[Citation]:
    """A stamp whose date and number are blanks still names the act's issuer and type:
    "Қазақстан Республикасы Денсаулық сақтау министрінің 2025 жылғы «___» _______ № ____
    бұйрығына қосымша". ``joined`` is ``text`` with its short lines joined (same length);
    the stamp's tail ends its line in ``text``."""
    tail = _words()["stamp_tail"]
    out = []
    for m in _BLANK_REQUISITES.finditer(joined) if "_" in joined else ():  # blanks are "_"
        words = find_act_type_words(joined[m.end():m.end() + 60])
        if not words or words[0].start != 0:
            continue
        type_end = m.end() + words[0].end
        if not tail.search(text[type_end:type_end + 40]):
            continue
        issuer, issuer_start = _issuer_before(joined, m.start())
        if issuer is None:
            continue
        out.append(Citation(act_type=record_act_type(words[0].act_type),
                            issuer=issuer_to_nominative(issuer), adopted=None,
                            number=None, registration_number=None, title=None,
                            start=issuer_start, end=type_end,
                            type_word=joined[m.end():type_end], type_start=m.end()))
    return out


def title_to_amended(text: str, title: Provision | None) -> list[Citation]:
    """The acts an amending act's title says it changes ("... № 115 қаулысына өзгерістер
    енгізу туралы"); the changes themselves are in the points."""
    return _title_acts(text, title, _words()["amending_title"])


def title_to_repealed(text: str, title: Provision | None) -> list[Citation]:
    """The acts a repealing act's title says it repeals ("... № 881 қаулысының күші
    жойылды деп тану туралы")."""
    part_next = _words()["part_next"]
    return [c for c in _title_acts(text, title, _words()["repealing_title"])
            if not part_next.match(text, c.end)]


def _title_acts(text: str, title: Provision | None, kind: re.Pattern[str]) -> list[Citation]:
    said = kind.search(title.text) if title is not None else None
    if title is None or said is None:
        return []
    return [c for c in find_citations(text, title.start, title.start + said.end())
            if c.adopted or c.number]


@from_lexicon
def _self_named() -> tuple[re.Pattern[str], tuple[ActType, ...]]:
    """The pattern of "this" and a type word, and the type each of its groups ``tN`` names."""
    # "Настоящий Закон вступает в силу ...", "... статей 1-3 настоящего Закона", "Осы Заң
    # жарияланған күннен бастап күшiне енедi", "прилагаемые к настоящему приказу": the word
    # "this" and a type word (any form) name the act's own type. (The type that needs a word
    # before it, "нормативтік қаулы", is left to the header.) A plural names other acts
    # ("осы заңдарға қайшы келмесе": these laws).
    def singular(lx: Lexicon) -> str:
        plural = lx.endings("plural")
        return rf"(?!{words_regex(plural)})" if plural else ""

    # A sentence may open with the bare type word as the subject of its entry into force:
    # "II. Закон вступает в силу с момента опубликования."
    alternatives = [(record_act_type(n.key), rf"(?:{phrases_regex(lx.words('in_force.this'))})"
                     rf"\s+(?:{n.stems_regex()}){singular(lx)}\w*"
                     rf"|(?:(?<=^)|(?<=\n)|(?<=[.:]\s))(?-i:{words_regex({n.nominative.capitalize(), n.stem.capitalize()})})"
                     rf"\s+{phrases_regex(lx.words('in_force.takes_effect'))}")
                    for lx in lexicons() for n in lx.act_types if not n.before]
    pattern = "|".join(f"(?P<t{i}>{p})" for i, (_kind, p) in enumerate(alternatives))
    return (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE),
            tuple(kind for kind, _p in alternatives))


@from_lexicon
def _subject_types() -> tuple[str, tuple[tuple[ActType, str], ...]]:
    """The genitive endings a Kazakh subject takes before the act it names, and each act
    type's stems (the types that need no word before them)."""
    lx = lexicon("kk")
    return (words_regex(lx.endings("genitive")),
            tuple((record_act_type(n.key), n.stems_regex()) for n in lx.act_types
                  if not n.before))


def subject_named_type(text: str, formula_start: int) -> tuple[ActType, Evidence] | None:
    """The act's type as the text names it after the subject of a formula that names no
    body: "… мақсатында алқа қаулы етедi: … 2.1. Алқаның шешiмiн басшылыққа алсын" (a
    collegium "resolves", and its act is the collegium's decision). The subject is the word
    just before the formula; the first place the text names it (in the genitive or not)
    before a type word gives the type."""
    subject = re.search(r"(\w+)\W*$", text[max(0, formula_start - 60):formula_start])
    if subject is None or len(subject.group(1)) < 3 or subject.group(1)[:1].isdigit():
        return None
    genitive, types = _subject_types()
    alternatives = "|".join(f"(?P<t{i}>{stems})" for i, (_kind, stems) in enumerate(types))
    named = re.compile(rf"(?<!\w){re.escape(subject.group(1))}(?:{genitive})?\s+"
                       rf"(?:{alternatives})\w*", re.IGNORECASE)
    for m in named.finditer(text, formula_start):
        kind = next(t for i, (t, _s) in enumerate(types) if m.group(f"t{i}"))
        return kind, Evidence(m.group(0), m.start(), m.end())
    return None


def self_named_type(text: str) -> tuple[ActType, Evidence] | None:
    """The act's type as its own words name it ("настоящего Закона", "осы бұйрыққа"), outside
    quoted text (a quoted new wording speaks of the act it is written into)."""
    found, kinds = _self_named()
    quoted = quoted_regions(text)
    for m in found.finditer(text):
        if any(qs <= m.start() < qe for qs, qe in quoted):
            continue
        kind = next(k for i, k in enumerate(kinds) if m.group(f"t{i}"))
        return kind, Evidence(m.group(0), m.start(), m.end())
    return None


@from_lexicon
def _header_line() -> tuple[re.Pattern[str], ...]:
    """:func:`type_first_header`'s patterns, built once (per act they were built and
    compiled again: ``re``'s cache of compiled patterns is too small to keep them)."""
    words = _words()
    types = words["nominative_types"]
    bare = words["bare_types"]
    # ("... Үкіметінің Қаулысы. 2003 жылғы 14 қаңтар N 6": a period may close the type word.)
    type_before = re.compile(rf"(?P<type>{words_regex(types)})\.?\s+$", re.IGNORECASE)
    line_type = re.compile(rf"(?:^|\n)[ \t]*(?P<type>{words_regex(bare)})[ \t]+$", re.IGNORECASE)
    number_after = re.compile(rf"^\s*(?:{words['year_words']}\s*)?№\s*(?P<number>[^\s,;]+?)"
                              r"\.?(?=[\s,;]|$)")
    line_named = re.compile(rf"[ \t]*(?P<type>{words_regex(bare)})[ \t]+"
                            r'(?P<issuer>[^\W\d][^\d\n.,;:()"«»]*?)\s*$', re.IGNORECASE)
    issuer_after = re.compile(r"\s*,\s*(?P<issuer>[^(.;,\n]{3,200}?)\s*(?=[(.;\n]|$)")
    return type_before, line_type, number_after, line_named, issuer_after


def type_first_header(text: str, limit: int = 1500) -> Citation | None:
    """This act named type word first ("Қазақстан Республикасы Үкiметiнiң қаулысы 1997 жылғы
    25 ақпандағы N 264."), as older texts and some copies write the header, in the text's
    first ``limit`` characters.

    The database's short header line opens with the bare type word, the issuer named before
    the date ("Бұйрық Қазақстан Республикасы Әділет министрлігі 1999 жылғы 8 қараша N 87.")
    or after the number ("Қаулы 05.02.2013 № 86, Қазақстан Республикасының Үкіметі (...)").
    """
    words = _words()
    types = words["nominative_types"]
    bare = words["bare_types"]
    type_before, line_type, number_after, line_named, issuer_after = _header_line()
    head = text[:limit]
    quoted = quoted_regions(head)
    for date in find_dates(head):
        if not date.iso or any(qs <= date.start < qe for qs, qe in quoted):
            continue
        # (The number is read past ``limit``: a stamp at the limit keeps its whole number.)
        number = number_after.match(text[date.end:date.end + 200])
        if number is None:
            continue
        end = date.end + number.end()
        window = max(0, date.start - 30)
        kind = type_before.search(head[window:date.start])
        lead = line_type.search(head[window:date.start]) if kind is None else None
        if kind is not None or lead is not None:
            found = kind or lead
            assert found is not None
            type_word = found.group("type")
            type_start = window + found.start("type")
            issuer, issuer_start = _issuer_before(head, type_start)
            if issuer is None and lead is not None:
                after = issuer_after.match(head, end)
                if after is None or not words["issuer_words"].search(after.group("issuer")):
                    continue
                issuer, issuer_start, end = after.group("issuer"), type_start, after.end("issuer")
        else:
            line_start = head.rfind("\n", 0, date.start) + 1
            line = line_named.match(head, line_start, date.start)
            if line is None:
                # "Қазақстан Республикасы Үкiметiнiң 1998 жылғы 1 шiлдедегi N 621.": a header
                # line without its type word, of a body that adopts acts of one type only.
                sole = _sole_type_header(text, date.start, end)
                if sole is None:
                    continue
                issuer, issuer_start, sole_type = sole
                return Citation(act_type=sole_type,
                                issuer=issuer_to_nominative(" ".join(issuer.split())),
                                adopted=date.iso, number=number.group("number"),
                                registration_number=None, title=None, start=issuer_start,
                                end=end, type_word="", type_start=issuer_start)
            if not line.group("issuer")[:1].isupper() or len(line.group("issuer").split()) > 14:
                continue
            type_word, type_start = line.group("type"), line.start("type")
            issuer, issuer_start = line.group("issuer"), type_start
        if issuer is None:
            continue
        kind_key = type_word.lower()
        return Citation(act_type=types.get(kind_key) or bare[kind_key],
                        issuer=issuer_to_nominative(issuer), adopted=date.iso,
                        number=number.group("number"), registration_number=None, title=None,
                        start=issuer_start, end=end, type_word=type_word, type_start=type_start)
    return None


def _sole_type_header(head: str, at: int, end: int) -> tuple[str, int, ActType] | None:
    """The issuer, its start and the act type of a header line that names its act without
    the type word: the issuer opens the line (a glued status label aside), the number ends
    the sentence, and the issuer adopts acts of one type only."""
    issuer, issuer_start = _issuer_before(head, at)
    if issuer is None:
        return None
    # The line the issuer starts on (a wrapped copy may break the name itself).
    lead = head[head.rfind("\n", 0, issuer_start) + 1:issuer_start].strip()
    if lead and lead not in status_labels():
        return None  # "Күшін жойғанҚазақстан ...": only a glued status label may stand before
    if not (head[end - 1] == "." or re.match(r"[ \t]*(?:\n|$)", head[end:])):
        return None
    kind = issuer.split()[-1]
    return next(((issuer, issuer_start, act_type) for act_type, body in _words()["sole_types"]
                 if body.match(kind)), None)


_INITIAL = re.compile(r"[^\W\d_]\.")


def trim_issuer(name: str | None) -> str | None:
    """A local body's own name at the end of ``name``: the last akimat, akim or maslikhat word
    and the place words before it, never a signature or sentence words a copy runs into it
    ("Құлмаханов облыс әкімі", "... байланысты облыс әкімі"). Other names are kept: a
    ministry's has common nouns of its own, and Russian puts the body first."""
    if not name:
        return name
    words = _words()
    joint = [piece for piece in words["and_split"].split(name) if piece.strip()]
    if len(joint) > 1 and any(words["local_body"].match(w) for w in joint[0].split()) \
            and all(any(words["local_body"].match(w) for w in piece.split())
                    or words["issuer_words"].search(piece) for piece in joint[1:]):
        # A joint act's parties ("... әкімдігі және ... мәслихаты"), each trimmed, joined by
        # the text's own words ("мен", "және"); a party after the first may be a body with no
        # local body's word ("Ақмола облысының Әкімі мен Ақмола АЭА Әкімшілік кеңесі").
        links = [f" {m.group(0).strip()} " for m in words["and_split"].finditer(name)]
        joined: str = trim_issuer(joint[0].strip()) or joint[0]
        for link, piece in zip(links, joint[1:], strict=False):
            joined += link + (trim_issuer(piece.strip()) or piece)
        return joined
    parts = name.split()
    last_body = max((i for i, w in enumerate(parts) if words["local_body"].match(w)),
                    default=None)
    if last_body is None:
        return name
    start = last_body
    while start > 0:
        word = parts[start - 1]
        if words["local_body"].match(word) or _INITIAL.fullmatch(word):
            break
        capital = word[:1].isupper() and word[:1].isalpha()
        # A possessed place word ("ауданы", "қаласы") has its place's name before it, even
        # one that ends like a surname ("Алтынсарин ауданы", "Лисаков қаласы").
        glued = list(words["glued"].finditer(word))
        if glued:
            # "Күшін жойғанҚостанай": a status label glued to the name's first word.
            parts[start - 1] = word[glued[-1].start() + 1:]
            start -= 1
            break
        named = parts[start] in words["possessed_places"]
        surname = bool(words["surname"].search(word)) and parts[start] != "атындағы" \
            and not named
        # "Мөңке би ауылдық округі", "Райымбек батыр ауылы": a title after a person's name.
        honorific = not capital and start >= 2 and parts[start - 2][:1].isupper() \
            and not words["surname"].search(parts[start - 2])
        if words["place_word"].match(word) or honorific or (capital and not surname):
            start -= 1
            continue
        break
    return " ".join(parts[start:last_body + 1])
