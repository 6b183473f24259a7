"""The look-ups that stand in for spaCy Matchers and slow regexes find what those find.

Each fast path replaces a pattern kept in the code as its definition: the act-type words
read off the LOWER array (the act-type Matcher), the number matcher run from the signs
only (the same matcher over the whole Doc), the mixed Cyrillic-Latin words found from
their Latin letters (``_MIXED_WORD``), the deadline words (their one-word patterns), the
Russian citation pattern tried only at its first letters (its ``finditer``), patterns
skipped on a text without their first characters or without the words their matches hold,
the status labels tried on their lines, the date stretches told from the whole text's
places, a whole act's dates read in stretches whatever its length, the letter-spaced runs
read on the lines that may hold one, the blank stamps looked for only where a "_" is,
patterns rewritten to begin with their digit (the patterns as written), the dated stamps
read only in a text holding a stamp's words (Kazakh and Russian), the operative formulas
tried at their first characters (``search``), the Markdown parser's plain inline texts
(markdown-it's inline rules); and the
readers' one-pass fills: inserted characters' origins (the step-by-step rule), the PDF
twin look-up (twins within 1pt by their definition). The texts are the seeds' own, real-world
texts and short made-up strings (marked so).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.matcher import Matcher
from spacy.util import filter_spans

from shezhire.extract import clean, deadlines
from shezhire.extract.kazakh import doc_lowers, kazakh_doc, kazakh_nlp, match_from
from shezhire.extract.kazakh import matchers as m
from shezhire.extract.lexicon import lexicon
from shezhire.extract.readers import read_source

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("corpus").iterdir())


def _pieces() -> list[str]:
    """The seeds' texts whole, line by line and sentence by sentence."""
    out: list[str] = []
    for path in SEEDS:
        text = clean.clean_text(read_source(path).text).text.text
        out += [text, *text.split("\n"), *text.split(". ")]
    # Made up: a normative decree's words parted by spaces and a line end, a glued "N".
    out += ["нормативтік  \n қаулысымен N12 және №  ҚР ДСМ-175/2020 бұйрығы",
            "Нормативтік қаулы, нормативтік, қаулы N 5/1 N"]
    return out


def _spans(spans: list) -> list[tuple[int, int, str]]:  # type: ignore[type-arg]
    return [(s.start, s.end, s.label_) for s in filter_spans(spans)]


def test_act_type_words_are_the_matchers() -> None:
    assert not m._type_words().ambiguous
    found = 0
    for piece in _pieces():
        doc = kazakh_doc(piece)
        expected = _spans(m._act_type_matcher()(doc, as_spans=True))
        assert _spans(m._act_type_spans(doc)) == expected, piece[:80]
        found += len(expected)
    assert found > 100


def test_normative_decree_spans_its_word_before() -> None:
    doc = kazakh_doc("нормативтік  \n қаулысымен")  # made up
    (mention,) = m.doc_to_act_type_words(doc)
    assert (mention.text, mention.act_type) == ("нормативтік  \n қаулысымен", "normative_decree")


def test_numbers_read_from_their_signs_are_the_whole_docs() -> None:
    found = 0
    for piece in _pieces():
        doc = kazakh_doc(piece)
        whole = _spans(m._number_matcher()(doc, as_spans=True))
        signs = (x.start() for x in re.finditer("[№N]", piece))
        assert _spans(match_from(m._number_matcher(), doc, signs, 3)) == whole, piece[:80]
        found += len(whole)
    assert found > 50


def test_deadline_words_are_their_patterns() -> None:
    matcher = Matcher(kazakh_nlp().vocab)
    for unit, forms in deadlines._units().items():
        matcher.add(unit, [[{"LOWER": {"IN": list(forms)}}]])
    lx = lexicon("kk")
    matcher.add("TIMES", [[{"LOWER": {"IN": list(lx.words("deadlines.times"))}}]])
    matcher.add("EVERY", [[{"LOWER": {"IN": list(lx.words("deadlines.every"))}}]])
    table = deadlines._word_labels()
    found = 0
    for piece in _pieces():
        doc = kazakh_doc(piece)
        expected = {s: doc.vocab.strings[key] for key, s, _ in matcher(doc)}
        assert {i: table[h] for i, h in enumerate(doc_lowers(doc)) if h in table} == expected
        found += len(expected)
    assert found > 100


@pytest.mark.parametrize("seed", range(4))
def test_mixed_words_are_the_patterns(seed: int) -> None:
    rng = random.Random(seed)
    letters = "aZ_ б1 .\n҂ЖӘ-xІі"  # made-up strings of these characters
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 16)))
        assert clean._mixed_words(text) == [x.span() for x in clean._MIXED_WORD.finditer(text)], text


def test_mixed_words_of_the_seeds() -> None:
    for path in SEEDS:
        text = read_source(path).text.text
        assert clean._mixed_words(text) == [x.span() for x in clean._MIXED_WORD.finditer(text)]


def test_a_sentence_with_a_deadline_word_is_never_skipped() -> None:
    table = deadlines._word_labels()
    with_words = 0
    for piece in _pieces():
        if any(h in table for h in doc_lowers(kazakh_doc(piece))):
            with_words += 1
            assert deadlines._word_pieces().search(piece.lower()), piece[:80]
    assert with_words > 100
    # Made up: a word that merely holds "күн" is read (and found to be none of the words).
    assert deadlines._word_pieces().search("күнделікті")


def test_a_text_with_an_act_type_word_is_never_skipped() -> None:
    with_words = 0
    for piece in _pieces():
        if m.doc_to_act_type_words(kazakh_doc(piece)):
            with_words += 1
            assert m._type_pieces().search(piece.lower()), piece[:80]
    assert with_words > 50
    assert m.find_act_type_words("ҚАУЛЫСЫМЕН")  # made up: capitals are read too


def test_dates_read_in_stretches_are_the_whole_docs(monkeypatch: pytest.MonkeyPatch) -> None:
    from shezhire.extract.kazakh import dates

    monkeypatch.setattr(dates, "_LONG", 0)  # every text in stretches
    # Made up: dates that run over a line end, a day-first one, and one six words on.
    made_up = ("Шешім 2005 жылғы\n12 мамырдағы № 5.\n\"6\" желтоқсан\n2005 жылғы N 24. "
               "Бір екі үш төрт бес алты 2001\nжылғы\n20 қарашада\nқабылданды.\n")
    texts = [made_up, *(clean.clean_text(read_source(p).text).text.text for p in SEEDS)]
    found = 0
    for text in texts:
        whole = dates.doc_to_dates(kazakh_doc(text))
        assert dates._dates_in(text) == whole
        found += len(whole)
    assert len(dates.doc_to_dates(kazakh_doc(made_up))) == 3
    assert len(dates._date_stretches(texts[1])) > 10
    assert found > 50


def test_a_character_matching_a_small_cyrillic_letter_without_case_folds_to_it() -> None:
    """What the document stems' quick scan rests on (documents._document_stems)."""
    letters = [chr(i) for i in range(0x400, 0x500) if chr(i).islower()]
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i <= 0xDFFF)
    matched = 0
    for hit in re.finditer("[" + "".join(letters) + "]", every, re.IGNORECASE):
        for letter in letters:
            if re.fullmatch(re.escape(letter), hit.group(), re.IGNORECASE):
                matched += 1
                assert hit.group().casefold() == letter, (hex(ord(hit.group())), letter)
    assert matched > 2 * len(letters)  # each small letter, its capital, and a few more


def test_document_stems_scan_finds_every_document_word() -> None:
    from shezhire.extract import documents

    stems = documents._document_stems()
    assert stems is not None
    word = documents._words()["document_word"]
    for piece in _pieces():
        for line in piece.split("\n"):
            if word.search(line):
                assert stems.search(line.casefold()), line[:80]
    assert stems.search("ҚҰЖАТТАРДЫ".casefold())  # made up


def _filled_one_by_one(origins: list[int | None], tail: int) -> list[int]:
    """The readers' rule as it was written, a step per character from the end."""
    out: list[int] = []
    following = tail
    for origin in reversed(origins):
        following = origin if origin is not None else following
        out.append(following)
    return out[::-1]


@pytest.mark.parametrize("seed", range(40))
def test_fill_back_is_the_step_by_step_rule(seed: int) -> None:
    """Inserted characters (None) take the next known origin, or the tail after the last."""
    from shezhire.extract.mapped import fill_back

    rng = random.Random(seed)
    origins: list[int | None] = [rng.choice([None, rng.randrange(0, 2**31 - 1)])
                                 for _ in range(rng.randrange(0, 60))]
    tail = rng.choice([-1, 0, 7])
    assert list(fill_back(origins, tail)) == _filled_one_by_one(origins, tail)


def test_fill_back_edges() -> None:
    from shezhire.extract.mapped import fill_back

    assert list(fill_back([], 3)) == []
    assert list(fill_back([None, None], 3)) == [3, 3]
    assert list(fill_back([None, 5, None, None, 9, None], -1)) == [5, 5, 9, 9, 9, -1]


def _deduped_nine_cells(chars: list[dict[str, object]]) -> list[dict[str, object]]:
    """The twin rule by its definition: a char within 1pt (both ways) of a kept one of the
    same text is dropped."""
    kept: list[dict[str, object]] = []
    for char in chars:
        if not any(k["text"] == char["text"]
                   and abs(float(k["x0"]) - float(char["x0"])) <= 1  # type: ignore[arg-type]
                   and abs(float(k["top"]) - float(char["top"])) <= 1  # type: ignore[arg-type]
                   for k in kept):
            kept.append(char)
    return kept


@pytest.mark.parametrize("seed", range(30))
def test_pdf_dedupe_finds_every_twin(seed: int) -> None:
    """Made up: chars on a coarse grid of places near cell borders (whole and odd points,
    0.5 and 1.0 apart), so twins fall in neighbouring 2pt cells."""
    from shezhire.extract.readers.pdf import _dedupe

    rng = random.Random(seed)
    chars: list[dict[str, object]] = [
        {"text": rng.choice("ab"), "x0": rng.choice([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 3.5]),
         "top": rng.choice([0.0, 0.99, 1.0, 2.0, 2.01, 3.0])} for _ in range(rng.randrange(1, 25))]
    assert _dedupe(chars) == _deduped_nine_cells(chars)


def _every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_first_char_scanner_admits_every_case_form() -> None:
    """A case-insensitive pattern's first letter matches some characters besides its two
    cases (Cyrillic "в" also matches U+1C80): the scanner admits each of them."""
    from shezhire.extract.first_chars import first_char_scanner

    everything = _every_character()
    for first in "взкнпрсиsk":
        pattern = re.compile(rf"(?:{first}ab|\bq)", re.IGNORECASE)
        scanner = first_char_scanner(pattern)
        assert scanner is not None
        starts = set(re.findall(first, everything, re.IGNORECASE))
        assert starts <= set(scanner.findall(everything))


def test_first_char_scanner_declines_what_it_cannot_list() -> None:
    from shezhire.extract.first_chars import first_char_scanner

    for pattern in (r"\w+ab", r"(?:ab)?", r"[^a]b", r".b", r"a|\sb", r"(?:x)*y?", r"(?i:a)?"):
        assert first_char_scanner(re.compile(pattern)) is None
    scanner = first_char_scanner(re.compile(r"(?:(?:joint)\s+)?(?=p)(?:pr|[A-C])?\bzz"))
    assert scanner is not None and set(scanner.pattern[1:-1]) == set("jpABCz")
    assert not scanner.flags & re.IGNORECASE


def test_first_char_scanner_takes_digits_and_case_insensitive_groups() -> None:
    """A number before a case-insensitive word ("2 ҚОСЫМША", "қосымша"): the scanner holds
    the digits and folds case, so it admits every character a match begins with."""
    from shezhire.extract.first_chars import finditer_from, first_char_scanner

    pattern = re.compile(r"(?:\d+\s*-?\s*)?(?i:қосымша|бекітілген)(?!\w)")
    scanner = first_char_scanner(pattern)
    assert scanner is not None and scanner.flags & re.IGNORECASE
    everything = _every_character()
    admitted = set(scanner.findall(everything))
    assert set(re.findall(r"\d", everything)) <= admitted
    assert set(re.findall("[қб]", everything, re.IGNORECASE)) <= admitted
    text = "1-ҚОСЫМША Бекітілген 12 қосымша, қосымшасы; ٣ қосымша"  # made up
    assert [m.span() for m in finditer_from(pattern, scanner, text)] == \
        [m.span() for m in pattern.finditer(text)]
    assert len(pattern.findall(text)) == 4
    assert first_char_scanner(re.compile(r"a|\db")) is not None


def test_stamp_ends_found_where_finditer_finds_them() -> None:
    """The stamp pattern of the run-on lines tried only at a digit or a stamp word's first
    letter finds what finditer does, in the real-world texts (whole, and from odd places)."""
    from shezhire.extract import paragraphs
    from shezhire.extract.first_chars import finditer_from

    pattern = paragraphs._words()["stamp_end"]
    scanner = paragraphs._stamp_end_firsts()
    assert scanner is not None
    root = Path(__file__).resolve().parent / "realworld"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))[::3]]
    found = 0
    for text in texts:
        for start in (0, 7, len(text) // 3):
            want = [m.span() for m in pattern.finditer(text, start)]
            assert [m.span() for m in finditer_from(pattern, scanner, text, start)] == want
            found += len(want)
    assert found >= 10


def test_letter_counts_are_the_letter_classes_counts() -> None:
    """``text_language`` counts letters in one numpy pass: the counts of its two classes,
    for every code point (surrogates included) and for mixed strings."""
    from shezhire.extract import russian

    every = "".join(chr(c) for c in range(0x110000))
    kazakh, cyrillic = russian._KAZAKH_LETTERS, russian._CYRILLIC
    assert russian._letter_counts(every) == (len(kazakh.findall(every)), len(cyrillic.findall(every)))
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(chr(rng.choice([rng.randrange(0x400, 0x500), rng.randrange(0, 0x110000)]))
                       for _ in range(rng.randrange(0, 40)))
        assert russian._letter_counts(text) == (len(kazakh.findall(text)), len(cyrillic.findall(text)))
    assert russian._letter_counts("Қазақстан Республикасы") == (2, 19)  # made up


def test_russian_citations_found_where_finditer_finds_them() -> None:
    """The Russian citation pattern tried only at its first letters finds what finditer
    does, in every real-world text (whole, and from odd places to odd places)."""
    from shezhire.extract import russian
    from shezhire.extract.first_chars import finditer_from

    patterns = russian._patterns()
    assert patterns.citation_firsts is not None
    root = Path(__file__).resolve().parent / "realworld"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))[::3]]
    assert texts
    for text in texts:
        for start, end in ((0, len(text)), (7, len(text) // 2), (len(text) // 3, len(text))):
            want = [(m.span(), m.groupdict()) for m in patterns.citation.finditer(text, start, end)]
            got = [(m.span(), m.groupdict())
                   for m in finditer_from(patterns.citation, patterns.citation_firsts, text,
                                          start, end)]
            assert got == want


def test_search_at_end_is_search_on_every_real_line() -> None:
    """The end-anchored patterns (stamp and appendix lines, a block's last line) skipped
    where a line's last character cannot end them find what ``search`` finds, on every line
    and paragraph of the real-world texts."""
    from shezhire.extract import clean, structure
    from shezhire.extract.first_chars import last_char_scanner, search_at_end

    patterns = [structure._words()["stamp_end"], structure._words()["appendix_end"],
                clean._words()["block_end"]]
    assert all(last_char_scanner(p) is not None for p in patterns)
    root = Path(__file__).resolve().parent / "realworld"
    lines = [line for p in sorted(root.rglob("*.md"))[::2]
             for line in p.read_text(encoding="utf-8").split("\n")]
    lines += [line + tail for line in lines[:3000] for tail in (" ", "\n", " \t\n")]
    matched = 0
    for pattern in patterns:
        for line in lines:
            want = pattern.search(line)
            got = search_at_end(pattern, line)
            assert (got and got.span()) == (want and want.span()), line
            matched += want is not None
    assert matched >= 20


def test_last_char_scanner_reads_the_last_characters() -> None:
    from shezhire.extract.first_chars import last_char_scanner, search_at_end

    def listed(pattern: str) -> str | None:
        scanner = last_char_scanner(re.compile(pattern))
        return None if scanner is None else scanner.pattern

    assert listed(r"(?:қосымша|нысан)\s*$") == "[ан]"
    assert listed(r"(\d+)\s*-?\s*қосымша\s*$|қосымша\s*(\d+)?\s*$") == r"[а\d]"
    assert listed(r"(?i:a)b\w*\s*$") == r"[b\w]"
    # Not of the shape, or a space could end the part before "\s*$": no scanner.
    for pattern in (r"ab$", r"a\s+$", r"(?m)a\s*$", r"a*\s*$", r"(?:x|y )\s*$", r"a\s*|b\s*$",
                    r"[^a]\s*$", r".\s*$"):
        assert listed(pattern) is None, pattern
    text = "1-ҚОСЫМША  \n"  # made up
    pattern = re.compile(r"(\d+)\s*-?\s*қосымша\s*$", re.IGNORECASE)
    assert search_at_end(pattern, text) is not None
    assert search_at_end(pattern, text + "x") is None


def test_bracket_walks_are_the_step_by_step_walks() -> None:
    """Bracket masks and pairs found from bracket to bracket, as a step per character found
    them (documents._outside_parens, deadlines._bracket_pairs and _depths)."""
    from shezhire.extract import deadlines, documents
    from shezhire.extract.kazakh import kazakh_doc

    def outside(s: str) -> list[bool]:
        depth, out = 0, []
        for ch in s:
            if ch == "(":
                depth += 1
            out.append(depth == 0)
            if ch == ")" and depth:
                depth -= 1
        return out

    def pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        opened: list[int] = []
        for i in range(start, end):
            if text[i] == "(":
                opened.append(i)
            elif text[i] == ")" and opened:
                found.append((opened.pop(), i))
        return found + [(o, end) for o in opened]

    rng = random.Random(11)
    for _ in range(3000):
        s = "".join(rng.choice("ab() )(") for _ in range(rng.randrange(0, 30)))
        assert documents._outside_parens(s) == outside(s), s
        start = rng.randrange(0, len(s) + 1)
        end = rng.randrange(start, len(s) + 1)
        assert deadlines._bracket_pairs(s, start, end) == pairs(s, start, end), s
    for text in ("қызметті (бұйрықпен (2) ) көрсетеді) 5 (жұмыс) күн", "(a)(b))((c"):  # made up
        doc = kazakh_doc(text)
        depth, want = 0, []
        for token in doc:
            if token.text == ")":
                depth = max(0, depth - 1)
            want.append(depth)
            if token.text == "(":
                depth += 1
        assert deadlines._depths(doc) == want


def test_glued_parts_found_where_finditer_finds_them() -> None:
    """The glued part words ("…5.тармағына") tried only after their mark find what
    ``finditer`` finds, in the real-world texts and in made-up glued runs."""
    from shezhire.extract import link_words

    pattern = link_words._patterns()["glued_part"]
    root = Path(__file__).resolve().parent / "realworld"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.md"))[::3]]
    texts.append("1.тармағы: 2.тармағына;тармақ 3;бабы .бабы x.тармақ.тармақ ")  # made up
    for text in texts:
        assert [m.span() for m in link_words._glued_parts(text)] == \
            [m.span() for m in pattern.finditer(text)]
    assert len(list(link_words._glued_parts(texts[-1]))) >= 2


def test_line_spans_are_the_lines() -> None:
    from shezhire.extract.clean import _line_spans

    for text in ("", "\n", "a", "ab\n", "\nab\n\ncd", "x\n\n\n"):  # made up
        assert [text[s:e] for s, e in _line_spans(text)] == text.split("\n")
        assert all(e == len(text) or text[e] == "\n" for _, e in _line_spans(text))


def test_note_clauses_found_where_finditer_finds_them() -> None:
    """Note clauses read stretch by stretch (relations._note_clauses) are the clauses
    ``finditer`` finds, on every line of the real-world texts and on made-up notes."""
    from shezhire.extract import relations

    pattern = relations._words()["note_clause"]
    assert relations._note_action() is not None
    root = Path(__file__).resolve().parent / "realworld"
    # The notes ("Ескерту", "Сноска") and every 25th other line of half the texts, up to
    # 400 characters: finditer's own cost grows with the square of a stretch's length.
    lines = [line for p in sorted(root.rglob("*.md"))[::2] + sorted(root.rglob("*.txt"))[::2]
             for line in p.read_text(encoding="utf-8").split("\n") if len(line) <= 400]
    lines = [line for line in lines if (
        "ескерту" in line.lower() or "сноска" in line.lower())] + lines[::25]
    lines += [  # made up
        "Ескерту. 2-тармақ жаңа редакцияда – ҚР Үкіметінің 2008.08.28 № 784 қаулысымен; "
        "3-тармақ алып тасталды - 2010.01.05 № 1 қаулысымен.",
        "Ескерту. Күші жойылды –; өзгерістер енгізілді – 2012.01.01 № 5 шешімімен",
        "–;– жаңа редакцияда", "", ";", "жаңа редакцияда –", "a" * 300 + " толықтырылды – x",
    ]
    found = 0
    for line in lines:
        want = [(m.span(), m.groupdict()) for m in pattern.finditer(line)]
        assert [(m.span(), m.groupdict()) for m in relations._note_clauses(line)] == want, line
        found += len(want)
    assert found >= 30


def _realworld_texts(step: int) -> list[str]:
    root = Path(__file__).resolve().parent / "realworld"
    paths = sorted(root.rglob("*.md")) + sorted(root.rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths[::step]]


def _cleaner_patterns() -> list[re.Pattern[str]]:
    """Every pattern of the cleaning module (its constants and its lexicon's)."""
    return [v for v in vars(clean).values() if isinstance(v, re.Pattern)] \
        + list(clean._words().values())


def test_literal_first_chars_begin_every_match() -> None:
    """A text holding none of a pattern's listed first characters has no match
    (MappedText.sub returns at once): every match of the cleaning's patterns, on the
    real-world texts and made-up strings, begins with one of them."""
    from shezhire.extract.first_chars import literal_first_chars

    listed = 0
    # Made up: each odd character the cleaning rewrites, and a glued status label.
    texts = [*_realworld_texts(7), "a\u00a0b\u200bc “d” e‐f N5 Н 5 № 1 /2 XІ \tКүшін жойғанАстана"]
    for pattern in _cleaner_patterns():
        firsts = literal_first_chars(pattern)
        if firsts is None:
            continue
        listed += 1
        for text in texts:
            for found in pattern.finditer(text):
                assert found.group(0) and found.group(0)[0] in firsts, (pattern.pattern, found)
    assert listed >= 15
    assert literal_first_chars(clean._QUOTES) == "“”„‟″"
    for declined in (r"\d+", r"[а-я]+", r"(?i)қаулы", r"x?", r"\w", r"(?i:a)b"):
        assert literal_first_chars(re.compile(declined)) is None, declined


def test_sub_within_label_lines_is_the_whole_sub() -> None:
    """The status-label patterns tried on the lines that hold a label only
    (clean._label_lines) rewrite what ``sub`` over the whole text rewrites."""
    from shezhire.extract.mapped import MappedText

    words = clean._words()
    # Made up: labels glued, spaced, alone, tab-parted, at a text's start and end.
    texts = [*_realworld_texts(3),
             "Күшін жойғанАстана қаласы\nКүшін\tжойған\nтақырып Күшін жойған Мәтін\n"
             "Жаңа\nЖаңаСөз және Утративший силу\tПостановление\nҚолданыстағы"]
    changed = 0
    for raw in texts:
        text = MappedText.identity(raw)
        for name in ("spaced_label", "lone_label", "glued_label"):
            whole = text.sub(words[name], clean._label_line)
            within = text.sub(words[name], clean._label_line, clean._label_lines(text.text))
            assert (within.text, list(within.origin)) == (whole.text, list(whole.origin))
            changed += whole is not text
            text = whole
    assert changed >= 5


def test_dated_stretches_are_the_stretches_with_a_year() -> None:
    """The stretches a date is read in, told from the whole text's places, are the
    stretches that hold four digits or a two-digit year's date, searched one by one."""
    from shezhire.extract.kazakh import dates

    short = dates._short_year_at()
    # Made up: a two-digit year at a line's start and end, years at a text's edges.
    texts = [*_realworld_texts(2), "06.05.98 ж.\nмәтін\n 1.2.03 ж.\nмәтін 2005\n2001",
             "12.01.99\nж. мәтін\n\nмәтін\n1999"]
    kept = 0
    for text in texts:
        want = [(o, s) for o, s in dates._date_stretches(text)
                if dates._FOUR_DIGITS.search(s) or short.search(s)]
        assert dates._dated_stretches(text) == want
        kept += len(want)
    assert kept > 500


def test_furniture_scan_keeps_every_furniture_line() -> None:
    """A text the furniture pre-scan passes over (clean._may_hold_furniture) has no line
    the line-by-line rules would drop, in every real-world text and its lines."""
    furniture = clean._furniture()
    held = 0
    for text in _realworld_texts(1):
        for piece in (text, *text.split("\n")[::5]):
            if clean._may_hold_furniture(piece, furniture):
                held += 1
                continue
            for line in piece.split("\n"):
                line = line.strip()
                assert clean._furniture_tail(line, furniture) is None
                assert line not in furniture.whole
                assert not any(line.startswith(s) for s, _ in furniture.starts)
    assert held >= 10


def test_segment_strip_is_the_step_by_step_strip() -> None:
    from shezhire.extract.documents import _Seg

    def stepwise(seg: _Seg, chars: str) -> _Seg:
        drop = " \t\n" + chars
        i, j = 0, len(seg.text)
        while i < j and seg.text[i] in drop:
            i += 1
        while j > i and seg.text[j - 1] in drop:
            j -= 1
        return seg.sub(i, j)

    # Made up: empty, all dropped, marks inside and at the ends.
    for text in ("", " ", " \t\n", ";.,", " a ", "\n;a; b.;\t", "a", " ;x;y; ", "..a.."):
        for chars in ("", ";.,", "."):
            seg = _Seg.of(" " + text, 1, len(text) + 1)
            got, want = seg.strip(chars), stepwise(seg, chars)
            assert (got.text, list(got.origin)) == (want.text, list(want.origin)), (text, chars)


def test_a_line_with_a_match_holds_one_of_its_factors() -> None:
    """A text ``lacks_factors`` passes over has no match: on every line of the real-world
    texts, each pattern of the document lists and the deadlines' actors that matches holds
    one of the words read off the pattern (case-folded)."""
    from shezhire.extract import documents, relations
    from shezhire.extract.first_chars import lacks_factors, literal_factors

    patterns = [p for p in documents._words().values() if literal_factors(p) is not None]
    patterns += [p for _, p in deadlines._cues().actors + deadlines._cues().before_quantity
                 if literal_factors(p) is not None]
    patterns.append(relations._words()["repeals_act"])
    assert len(patterns) >= 23 and literal_factors(patterns[-1]) is not None
    # Made up: capitals, a mixed case, and a line with none of the words.
    lines = [line for text in _realworld_texts(2) for line in text.split("\n")]
    lines += ["АҚПАРАТТЫҚ ЖҮЙЕ арқылы", "Уәкілетті Орган", "өтініш беруші ҰСЫНАДЫ", "жоқ",
              "КЕМ ДЕГЕНДЕ", "шешімі күшін жойылды деп ТАНЫЛСЫН"]
    matched = 0
    for pattern in patterns:
        for line in lines:
            if pattern.search(line):
                matched += 1
                assert not lacks_factors(pattern, line), (pattern.pattern[:60], line[:80])
    assert matched >= 500
    system = documents._words()["system"]
    assert lacks_factors(system, "жоқ") and not lacks_factors(system, "АҚПАРАТТЫҚ ЖҮЙЕ")


def test_literal_factors_read_off_the_pattern() -> None:
    from shezhire.extract.first_chars import literal_factors

    def read(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
        return literal_factors(re.compile(pattern, flags))

    assert read(r"(?:ақпараттық|цифрлық)\s+жүйе\w*", re.I) == ("ақпараттық", "цифрлық")
    assert read(r"\s+(?:тапсырады|ұсынады)$", re.I) == ("тапсырады", "ұсынады")
    assert read(r"ab\s+c", 0) == ("ab",)
    assert read(r"(?:көрсетілетін\s+)?беруші", re.I) == ("беруші",)
    # A case-sensitive part of a case-insensitive pattern: its words, case-folded.
    assert read(r"(?:утвержден\w*|(?-i:Приложение)\w*)\s*$", re.I) == ("приложение", "утвержден")
    # No word every match holds, or one a case-folded text cannot be searched for.
    for pattern, flags in ((r"(?:a|\d)x?", 0), (r"\w+", 0), (r"(?:ab)?", 0), (r"Қаулы", re.I),
                           (r"(?i:ab)", 0), (r"abc", re.I)):
        assert read(pattern, flags) is None, pattern


# The patterns as they were written, beginning with their look-behind.
_WRITTEN = {
    "label": re.compile(r"(?<=\s)(\d{1,3})((?:-\d{1,3})*)([.)])\s+(?=[\w\"«(])"),
    "pair": re.compile(r"(?<![\w.,/-])(?P<digits>\d{1,3}(?:[ \u00a0]\d{3})+|\d+)\s{0,4}"
                       r"\((?P<words>[^()\d]{1,80})\)"),
}


def test_patterns_beginning_with_their_digit_find_what_they_did() -> None:
    """The point label and the "digits (words)" pair, rewritten to begin with a digit (the
    look-behind after it), find what the patterns as written find: on every line of the
    real-world texts, whole texts, from odd places, and made-up edge cases."""
    from shezhire.extract import paragraphs
    from shezhire.extract.kazakh import numbers

    rewritten = {"label": paragraphs._words()["label"], "pair": numbers._PAIR}
    texts = _realworld_texts(1)
    pieces = [line for text in texts for line in text.split("\n")] + texts[::5]
    # Made up: labels and pairs at a text's start, after a word, a dot or a bracket.
    pieces += ["1. Жалпы", " 1. Жалпы", "а1. Жалпы", " 12-3) тармақ", "5 (бес)", "x5 (бес)",
               ".5 (бес)", "1 000 (бір мың)", "1 00 (бір)", "7(жеті)", "(3 (үш))", "\n2) «a»"]
    found = 0
    for name, pattern in rewritten.items():
        for piece in pieces:
            for start in (0, 1, len(piece) // 2):
                want = [(m.span(), m.groups()) for m in _WRITTEN[name].finditer(piece, start)]
                assert [(m.span(), m.groups()) for m in pattern.finditer(piece, start)] == want
                found += len(want)
    assert found > 1000


def test_an_acts_dates_read_in_stretches_are_its_dates() -> None:
    """The whole act's dates (the impossible-date check), read in stretches whatever the
    text's length, are the dates :func:`find_dates` reads: of every real-world text, short
    ones (one Doc) and long ones alike."""
    from shezhire.extract.kazakh import dates

    # Made up: a date run over a line end, a day-first one, a two-digit year.
    made_up = "Шешім 2005 жылғы\n12 мамырдағы № 5.\n\"6\" желтоқсан\n2005 жылғы N 24.\n06.05.98 ж. № 1"
    texts = [made_up, *_realworld_texts(2)]
    found = short = 0
    for text in texts:
        want = dates.find_dates(text)
        assert dates.find_dates_in_act(text) == want, text[:80]
        found += len(want)
        short += len(text) <= dates._LONG and bool(want)
    assert len(dates.find_dates_in_act(made_up)) == 3
    assert found > 400
    assert short > 20


def test_letter_spaced_runs_read_on_their_lines_are_the_whole_texts() -> None:
    """The runs the letter-spacing rule may take (four tokens or more), read only on the
    lines that hold two inner tokens between spaces, are the runs ``_SPACED_RUN.finditer``
    finds in the whole text: on every real-world text and made-up letter-spaced lines."""
    def runs(found: Iterator[re.Match[str]]) -> list[tuple[tuple[int, int], str]]:
        return [(m.span(), m.group(0)) for m in found if len(m.group(0).split()) >= 4]

    # Made up: runs at a text's start and end, with word gaps, after a tab, glued marks.
    made_up = ["Т ұ т ы н у ш ы", "мәтін\nҚ а з а қ с т а н  Р е с п у б л и к а с ы\nмәтін",
               "а б в г", "x\tа б в г .", "1 2 3 4 5", "а . б . в", "мәтін а  б  в  г"]
    texts = [*made_up, *_realworld_texts(1)]
    kept = 0
    for text in texts:
        want = runs(clean._SPACED_RUN.finditer(text))
        assert runs(clean._spaced_runs(text)) == want, text[:80]
        kept += len(want)
    assert kept > 10


def test_blank_stamps_hold_an_underscore() -> None:
    """A text without "_" is not scanned for a blank stamp: every match of the two
    blank-stamp patterns in the real-world texts holds one."""
    from shezhire.extract import russian, self_facts

    patterns = [russian._blank_stamp(), self_facts._BLANK_REQUISITES]
    found = 0
    for text in _realworld_texts(1):
        for pattern in patterns:
            for match in pattern.finditer(text):
                assert "_" in match.group(0)
                found += 1
    assert found > 0
    # Made up: a blank stamp found with its blanks, none without.
    stamp = "Приложение к приказу Министра здравоохранения Республики Казахстан от «____» ____ 2025 года № ____"
    assert russian._blank_stamp().search(stamp)
    assert not russian._blank_stamp().search(stamp.replace("_", "-"))


def test_plain_inline_texts_are_the_inline_parsers() -> None:
    """The Markdown reader's parser takes an inline text holding none of the characters an
    inline rule begins at as one text token, without running the inline rules: its tokens
    are markdown-it's own, on every Markdown file of the tests and the seeds and on made-up
    lines holding each of markdown-it's text terminators."""
    from shezhire.extract.readers import markdown

    fast = markdown._make_parser()
    slow = markdown._make_parser(plain_inline_shortcut=False)
    root = Path(__file__).resolve().parent
    texts = [p.read_text(encoding="utf-8").replace("\r\n", "\n")
             for p in [*sorted(root.rglob("*.md")), *SEEDS] if p.suffix == ".md"]
    # Made up: a point's line with each terminator markdown-it stops its text runs at, alone,
    # doubled and at a line's end; a heading with nothing after its hashes; a table row.
    for char in "\n!#$%&*+-:<=>@[\\]^_`{}~":
        texts += [f"1. Мәтін {char}сөз{char} мәтін {char}{char}мәтін{char}\n",
                  f"Мәтін{char}\n", f"## {char}\n"]
    texts += ["#\n\n##   \n", "| а | б |\n|---|---|\n| 1 | 2 |\n", "мәтін  \nмәтін\n"]
    plain = 0
    for text in texts:
        tokens = fast.parse(text)
        assert [t.as_dict() for t in tokens] == [t.as_dict() for t in slow.parse(text)], text[:80]
        plain += sum(t.type == "inline" and not markdown._INLINE_STARTS.search(t.content)
                     for t in tokens)
    assert plain > 1000


def _real_texts_and_seeds() -> list[Path]:
    """Every real-world text (tests/realworld) and every seed."""
    root = Path(__file__).resolve().parent / "realworld"
    return [p for p in [*sorted(root.rglob("*.md")), *sorted(root.rglob("*.txt")), *SEEDS]
            if p.name != "SOURCES.md"]


def test_a_text_without_stamp_words_has_no_dated_stamp() -> None:
    """The stamps' citations are read only in a text holding a stamp's tail word or an
    agreement word: in every real-world text (cleaned, as the record reads it) and seed that
    holds neither, the citations read anyway name no dated stamp."""
    from shezhire.extract import self_facts

    skipped = read = 0
    for path in _real_texts_and_seeds():
        text = clean.clean_text(read_source(path).text).text.text
        if self_facts.may_hold_dated_stamp(text):
            read += 1
            continue
        skipped += 1
        # No quoted text left out: no citation at all passes the stamp's test.
        assert self_facts._dated_stamps(text, self_facts.join_short_lines(text), []) == [], path
    assert skipped > 100
    assert read > 100
    # Made up: a stamp found with its tail word in either case, and with an agreement word.
    stamp = "Қазақстан Республикасы Денсаулық сақтау министрінің 2020 жылғы 5 мамырдағы № 12 бұйрығымен"
    for text in (f"{stamp} бекітілген\n", f"{stamp} БЕКІТІЛГЕН\n",
                 f"КЕЛІСІЛДІ\n{stamp.replace('бұйрығымен', 'бұйрығы')}\n"):
        assert self_facts.may_hold_dated_stamp(text)
        assert [c.number for c in self_facts.stamps_to_citations(text)] == ["12"], text
    assert not self_facts.may_hold_dated_stamp(f"Келісілді\n{stamp}\n")


def test_a_russian_text_without_stamp_words_has_no_dated_stamp() -> None:
    """A Russian text is read for its stamps' citations only when it holds one of the words
    read off the stamp's opening pattern: in every real-world text and seed (cleaned, lines
    joined as the stamp search joins them) that holds none, the citations read anyway name no
    dated stamp."""
    from shezhire.extract import russian, self_facts
    from shezhire.extract.first_chars import lacks_factors

    before = russian._stamp_before()
    skipped = read = 0
    for path in _real_texts_and_seeds():
        text = self_facts.join_short_lines(clean.clean_text(read_source(path).text).text.text,
                                           over_blank_lines=True)
        if not lacks_factors(before, text):
            read += 1
            continue
        skipped += 1
        assert not [c for c in russian.russian_citations(text)
                    if c.adopted and before.search(text[max(0, c.start - 40):c.start])], path
    assert skipped > 100
    assert read > 50
    # Made up: the stamp's words as they open a stamp, found; "приложение" in a sentence is no
    # capitalised stamp word, yet the text is read (it holds the word).
    stamp = "решением маслихата города Астаны от 23 сентября 2015 года № 410/57-V"
    for text in (f"Утвержден\n{stamp}\n", f"Приложение 1\nк {stamp}\n", f"УТВЕРЖДЕНО {stamp}\n"):
        assert not lacks_factors(before, text)
        assert [c.number for c in russian.russian_stamps(text)] == ["410/57-V"], text
    assert lacks_factors(before, f"Принято {stamp}\n")


def test_operative_formulas_found_where_search_finds_them() -> None:
    """The operative formulas (one act's and a joint act's), tried only at the characters
    their matches begin with, are what ``search`` finds: on every line and whole text of
    the real-world texts, and on made-up formulas in either case."""
    from shezhire.extract import self_facts

    words = self_facts._words()
    assert words["formula_scanner"] is not None and words["joint_formula_scanner"] is not None
    texts = _realworld_texts(1)
    pieces = [line for text in texts for line in text.split("\n")] + texts[::4]
    # Made up: formulas in capitals, in small letters, glued to a comma, a joint one.
    pieces += ["Облыстық мәслихат ШЕШІМ ҚАБЫЛДАДЫ:", "мәслихат шешім қабылдады :",
               "аудан әкімдігі ҚАУЛЫ ЕТЕДІ және аудандық мәслихат ШЕШІМ ЕТЕДІ:",
               "акимат ПОСТАНОВЛЯЕТ и маслихат РЕШИЛ:", "решил;", "ПриКаЗыВаЮ:", ""]
    found = 0
    for key in ("formula", "joint_formula"):
        pattern = words[key]
        for piece in pieces:
            want = pattern.search(piece)
            got = self_facts._search(words, key, piece)
            assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), piece[:80]
            found += want is not None
    assert found > 150
