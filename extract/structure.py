"""Structure: cleaned paragraphs to provisions, by a grammar of line prefixes.

Each paragraph is classified by what it starts or ends with (slaw's habit):

    "Ескерту."               a note of the database          role note
    "ҚАУЛЫ ЕТЕДІ:" … at end   end of the preamble             role preamble
    "3-тарау." / "1. Жалпы ережелер" (no full stop)            chapter
    "11-1. …"                a point                         point
    "9-2) …"                 a subpoint                      subpoint
    "… бекітілген/бекітілді" an approval stamp; the next paragraphs title an approved document
    "… 1-қосымша"            an appendix                     appendix
    a row with tabs          a table row                     table

Ids are built from the numbering the text gives ("reglament/p-11-1/sp-3"), so the same point
keeps its id when the act is re-extracted. Text quoted by an amending instruction ("5-тармақ
мынадай редакцияда жазылсын: "5. …"") belongs to the instruction, never to this act's points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shezhire.extract.clean import status_labels
from shezhire.extract.first_chars import search_at_end
from shezhire.extract.lexicon import (
    Lexicon,
    agreed_word_regex,
    from_lexicon,
    lexicon,
    lexicons,
    phrases_regex,
    words_regex,
)
from shezhire.extract.models import Provision, ProvisionKind, ProvisionRole

# A point's and a subpoint's label: "11-1. …", "9-2) …" (document lists read them too).
POINT_LABEL = re.compile(r"^(\d+(?:-\d+)*)\.\s+(?=\S)")
SUBPOINT_LABEL = re.compile(r"^(\d+(?:-\d+)*)\)\s*(?=\S)")


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The grammar's words, from the lexicon: the operative formula, part words, stamps."""
    lx = lexicon("kk")
    every = lexicons()
    dative = words_regex(lx.endings("dative", possessed=True))
    acts = words_regex(s for n in lx.act_types for s in n.stems)
    documents = words_regex(s for n in lx.document_kinds for s in n.stems)
    headings = [lx.part_word(key) for key in ("chapter", "section", "paragraph")]
    appendix = re.escape(lx.part_word("appendix").stem)
    upper, lower = lx.upper(), lx.lower()
    return {
        "operative": re.compile(
            phrases_regex(f for x in every
                          for fs in x.labels("structure.operative_formulas").values() for f in fs)
            + r"\s*[:;]?\s*$"),
        # "12-бап. Heading": an article of a law or code; its points restart from 1.
        "article": re.compile(rf"^(\d+(?:-\d+)*)-{re.escape(lx.part_word('article').stem)}\.\s*(.*)$"),
        # The word ends there: "3-тараудың тақырыбы … жазылсын:" is an instruction, not a chapter.
        "chapter": re.compile(rf"^(\d+(?:-\d+)*)[- ]({words_regex(n.stem for n in headings)})(?!\w)"
                              r"\.?\s*(.*)$", re.IGNORECASE),
        "chapter_word": re.compile(words_regex(lx.part_word("chapter").forms), re.IGNORECASE),
        "stamp_end": re.compile(
            words_regex(w for x in every for w in x.words("structure.stamp_words")) + r"\s*$",
            re.IGNORECASE),
        "appendix_end": re.compile(rf"(\d+)\s*[- ]?\s*{appendix}\s*$|{appendix}\s*(\d+)?\s*$",
                                   re.IGNORECASE),
        "appendix_label": re.compile(rf"(\d+)\s*-?\s*{appendix}"),
        "document_dative": re.compile(rf"(?:{documents}|{acts})\w*{dative}$"),
        "act_dative": re.compile(rf"{acts}\w*{dative}\b"),
        "form": re.compile(
            "^" + words_regex(w for x in every for w in x.words("structure.form_words")) + "$",
            re.IGNORECASE),
        "quote_openers": re.compile(
            phrases_regex(lx.words("amendments.quote_openers")) + r"\s*:\s*$"),
        "header_words": re.compile(
            words_regex(n.nominative for n in lx.act_types) + r"\b"
            + "|" + phrases_regex(lx.words("registration.registered")), re.IGNORECASE),
        "registered": re.compile(phrases_regex(lx.words("registration.registered"))),
        # A sentence's end before a capital ("… № 34 Бұйрығы. Қазақстан …"); "2012 ж. 28
        # ақпанда" goes on.
        "sentence_end": re.compile(rf"[.;:!?]\s+[{upper}]"),
        # A signer's name: "Аким области Б. Сапарбаев", "И.О. Акима области", "Е.Тургумбаев".
        # An initial is no signer where a sentence or a list goes on after the name: "Т. Г.
        # Шевченко, по согласованию" (a point's "им. …" wrapped), "Ү. Организация и порядок
        # …" (a Roman numeral printed as a letter), "Т.Рысқұлов – 2" (a district and its count).
        "signature": re.compile(rf"\b[{upper}]\.\s?[{upper}][{lower}]+"
                                rf"(?!\w|\s*[–—-]\s*\d|,?\s+[{lower}]+\s+[{lower}])"),
        "note_opener": re.compile(
            words_regex(w for x in every for w in x.words("structure.note_openers"))),
        # An older copy may print the database's note of a point's deletion or repeal under
        # it without "Сноска."/"Ескерту.": "Исключен решением акима ... от 04.09.1998 № 223.",
        # "Алынып тасталды- ... 04.09.1998 № 223 шешімімен." It opens its own paragraph with
        # a capital and names the act, with its number, in that sentence.
        "bare_note": re.compile(
            rf"(?=[{upper}])(?:{phrases_regex(w for x in every for k in ('deleted', 'repealed') for w in x.words(f'note_actions.{k}'))})"
            r"\s*[-–—]?\s+[^;\n]{0,200}?(?:№|N)\s*\d", re.IGNORECASE),
        # A note of the Institute goes on in the paragraphs after it.
        "long_note_opener": re.compile(
            words_regex(w for x in every for w in x.words("structure.long_note_openers"))),
        "agreed": re.compile(agreed_word_regex(every)),
        "doc_ending": re.compile(words_regex(
            e for n in lx.document_kinds for nominative in _nominatives(lx, n.stem)
            for e in (nominative, nominative[:1].upper() + nominative[1:])) + "$"),
    }


@from_lexicon
def _doc_kinds() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(stems, id slug) of the documents an act approves: "регламент" → "reglament"."""
    return tuple((tuple(s.lower() for s in n.stems), n.key) for n in lexicon("kk").document_kinds)


def _nominatives(lx: Lexicon, stem: str) -> tuple[str, ...]:
    """A document's name ends with its kind possessed: "регламенті", "қағидалары"."""
    if lx.morphology is None:
        return (stem,)
    return (lx.morphology.possessive(stem), lx.morphology.possessive(lx.morphology.plural(stem)))


_TERMINAL = (".", ":", ";", "!", "?")


@dataclass
class Paragraph:
    text: str
    start: int
    end: int


def text_to_paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(line, pos, pos + len(line)))
        pos += len(line) + 1
    return out


def paragraphs_to_provisions(paragraphs: list[Paragraph]) -> list[Provision]:
    """The act's provisions in reading order (see the module docstring for the grammar)."""
    return _Builder(paragraphs).build()


class _Builder:
    def __init__(self, paragraphs: list[Paragraph]) -> None:
        self.paras = paragraphs
        self.out: list[Provision] = []
        self.ids: set[str] = set()
        self.container: str | None = None  # approved document or appendix id
        self.chapter: str | None = None
        self.article: str | None = None
        self.point: str | None = None
        self.subpoint: str | None = None
        self.counters: dict[str, int] = {}
        self.quoting = False

    def build(self) -> list[Provision]:
        i = self._header()
        while i < len(self.paras):
            i = self._body(i)
        return self.out

    # -- header zone: title, status label, header sentence, notes, preamble ------------------

    def _header(self) -> int:
        paras = self.paras
        words = _words()
        marker = next((k for k, p in enumerate(paras) if words["operative"].search(p.text)), None)
        # The paragraphs before ``zone_end`` may be title, label, header, notes or preamble.
        if marker is None:
            # No operative formula: everything is the header until the first point (all of
            # it in a copy of a page's top, which has neither).
            marker = next((k - 1 for k, p in enumerate(paras) if POINT_LABEL.match(p.text)),
                          len(paras) - 1)
            zone_end = marker + 1
        else:
            zone_end = marker  # the formula's own paragraph ends the preamble
        label_at = next((k for k, p in enumerate(paras[: marker + 1])
                         if p.text.startswith(status_labels())), None)
        notes_seen = 0
        preamble_started = False
        for k, p in enumerate(paras[: marker + 1]):
            if words["note_opener"].match(p.text) or words["long_note_opener"].match(p.text):
                notes_seen += 1
                self._add(f"note-{notes_seen}", "paragraph", None, None, p, None, role="note")
            elif notes_seen and words["long_note_opener"].match(paras[k - 1].text) \
                    and not preamble_started and k < zone_end:
                self._extend(p)
            elif self.out and self.out[-1].role == "header" and k < zone_end \
                    and _opens_with_registration(p.text):
                # "… № 34 Бұйрығы. / Қазақстан Республикасы Әділет министрлігінде … № 7449
                # тіркелді. Күші жойылды – …": the registration and the database's note
                # after it go on with the header sentence, on a line of their own where a
                # wrap ended the header's line at its full stop.
                self._extend(p, "header")
            elif (label_at is not None and k < label_at) or (label_at is None and k == 0
                                                             and k < zone_end
                                                             and not _is_registered_header(p.text)):
                self._add("title" if "title" not in self.ids else f"title-{k}", "paragraph",
                          None, None, p, None, role="title")
            elif k == label_at and p.text.strip() in status_labels():
                self._add("status", "paragraph", None, None, p, None, role="status")
            elif k == label_at or (not preamble_started and "header" not in self.ids
                                   and k < zone_end and not words["operative"].search(p.text)
                                   and _looks_like_header(p.text)):
                self._add("header", "paragraph", None, None, p, None, role="header")
            else:
                preamble_started = True
                if "preamble" in self.ids:
                    self._extend(p, "preamble")
                else:
                    self._add("preamble", "paragraph", None, None, p, None, role="preamble")
        return marker + 1

    # -- body ----------------------------------------------------------------------------------

    def _next_listed_act(self, text: str) -> bool:
        """Whether ``text`` is the item after the current point of a list of changes: the
        next number, an act named with its date and number, and a colon before its changes."""
        from shezhire.extract.citations import find_citations

        m = POINT_LABEL.match(text)
        current = self.point.rsplit("p-", 1)[-1] if self.point else ""
        if m is None or not current.isdigit() or not m.group(1).isdigit():
            return False
        if int(m.group(1)) != int(current) + 1 or not text.rstrip().endswith(":"):
            return False
        return any(c.adopted and c.number for c in find_citations(text))

    def _body(self, i: int) -> int:
        p = self.paras[i]
        text = p.text
        words = _words()
        if self.quoting and self._next_listed_act(text):
            # A quote left unclosed ('"21-186. "... қоғамы.') ends where the list's next
            # item names the next act it changes ("2. ... № 659 қаулысында:").
            self.quoting = False
        if self.quoting:
            self._extend(p, self.subpoint or self.point)
            if re.search(r'"\s*[;.]?\s*$', text) and not words["quote_openers"].search(text):
                self.quoting = False
            return i + 1
        block_end = self._short_block_end(i)
        if block_end is not None:
            return self._stamp_or_appendix(i, block_end)
        if words["note_opener"].match(text) or (words["bare_note"].match(text)
                                                and self.point is not None):
            # A note of the database sits under the provision it speaks of.
            owner = self.subpoint or self.point or self.article or self.container
            n = self.counters.get(f"note:{owner}", 0) + 1
            self.counters[f"note:{owner}"] = n
            self._add(f"{owner}/note-{n}" if owner else f"note-{n}", "paragraph", None, None, p,
                      owner, role="note")
            return i + 1
        if "\t" in text:
            return self._table(i)
        m = words["chapter"].match(text)
        if m or self._numbered_heading(text):
            return self._chapter(i, m)
        m = words["article"].match(text)
        if m:
            prefix = f"{self.container}/" if self.container else ""
            self.article = self._add(f"{prefix}art-{m.group(1)}", "section", m.group(1),
                                     m.group(2).strip() or None, p, self.chapter or self.container,
                                     role="article")
            self.point = self.subpoint = None
            return i + 1
        m = POINT_LABEL.match(text)
        if m:
            owner = self.article or self.container
            prefix = f"{owner}/" if owner else ""
            self.point = self._add(f"{prefix}p-{m.group(1)}", "point", m.group(1), None, p,
                                   self.article or self.chapter or self.container)
            self.subpoint = None
            self.quoting = bool(words["quote_openers"].search(text))
            return i + 1
        m = SUBPOINT_LABEL.match(text)
        if m and (self.point or self.container):
            parent = self.point or self.container
            self.subpoint = self._add(f"{parent}/sp-{m.group(1)}", "subpoint", m.group(1), None, p,
                                      parent)
            self.quoting = bool(words["quote_openers"].search(text))
            return i + 1
        if words["form"].match(text.strip()) and self.container:
            self._add(f"{self.container}/form", "form", None, text, p, self.container)
            return i + 1
        owner = self.subpoint or self.point
        if owner and self.out[-1].id.startswith(owner) and not _is_signature(text):
            self._extend(p, owner)
            if text.startswith('"') and words["quote_openers"].search(self.paras[i - 1].text):
                self.quoting = not re.search(r'"\s*[;.]?\s*$', text)
            elif words["quote_openers"].search(text):
                self.quoting = True
            return i + 1
        parent = self.container
        n = self.counters.get(f"para:{parent}", 0) + 1
        self.counters[f"para:{parent}"] = n
        prefix = f"{parent}/" if parent else ""
        role: ProvisionRole | None = "signature" if _is_signature(text) else None
        self._add(f"{prefix}para-{n}", "paragraph", None, None, p, parent, role=role)
        return i + 1

    def _numbered_heading(self, text: str) -> bool:
        """"1. Жалпы ережелер": a numbered line with no closing mark, inside a document."""
        m = POINT_LABEL.match(text)
        if not m or not self.container or text.rstrip().endswith(_TERMINAL):
            return False
        return len(text.split()) <= 25

    def _chapter(self, i: int, m: re.Match[str] | None) -> int:
        p = self.paras[i]
        if m:
            number, word, heading = m.group(1), m.group(2).lower(), m.group(3)
            kind: ProvisionKind = "chapter" if _words()["chapter_word"].fullmatch(word) else "section"
            short = "ch" if kind == "chapter" else "sec"
        else:
            pm = POINT_LABEL.match(p.text)
            assert pm is not None
            number, heading, kind, short = pm.group(1), p.text[pm.end():], "chapter", "ch"
        prefix = f"{self.container}/" if self.container else ""
        self.chapter = self._add(f"{prefix}{short}-{number}", kind, number, heading.strip() or None,
                                 p, self.container)
        self.point = self.subpoint = self.article = None
        return i + 1

    def _short_block_end(self, i: int) -> int | None:
        """A stamp or appendix header: short lines ending in "бекітілген" or "N-қосымша"."""
        words = _words()
        for j in range(i, min(i + 14, len(self.paras))):
            t = self.paras[j].text
            # (Both end at the line's end: a line ending otherwise is not searched through.)
            if search_at_end(words["stamp_end"], t) or search_at_end(words["appendix_end"], t):
                if j == i and len(t.split()) > 40:
                    return None
                # "… бұйрығына 1-қосымша / … қағидаларына 1-қосымша": one appendix, labelled
                # for the amending act and for the document it replaces; "нысан" opens its form.
                return self._second_label_end(j)
            # The first line may name the document at length ("… регламентіне").
            names_document = j == i and words["document_dative"].search(t)
            if (len(t.split()) > 8 and not names_document) or t.rstrip().endswith((".", ";", ":")) \
                    or POINT_LABEL.match(t) or SUBPOINT_LABEL.match(t) or "__" in t:  # "__": a form's blank
                return None
        return None

    def _second_label_end(self, j: int) -> int:
        words = _words()
        first = words["appendix_end"].search(self.paras[j].text)
        if not first:
            return j
        for k in range(j + 1, min(j + 4, len(self.paras))):
            t = self.paras[k].text
            second = words["appendix_end"].search(t)
            if second:
                # The same appendix under its second name carries the same number.
                return k if second.groups() == first.groups() else j
            if len(t.split()) > 8 or t.rstrip().endswith((".", ";", ":")) or words["form"].match(t.strip()):
                break
        return j

    def _stamp_or_appendix(self, i: int, j: int) -> int:
        block = self.paras[i : j + 1]
        joined = " ".join(p.text for p in block)
        first, last = block[0], block[-1]
        merged = Paragraph(joined, first.start, last.end)
        words = _words()
        appendix = [m for m in words["appendix_end"].finditer(joined)] or \
            [m for m in words["appendix_label"].finditer(joined)] if words["appendix_end"].search(last.text) else []
        if appendix:
            number = appendix[-1].group(1) or appendix[-1].group(2) or "1"
            owner = self._document_for(joined)
            prefix = f"{owner}/" if owner else ""
            self.container = self._add(f"{prefix}app-{number}", "appendix", number, None, merged,
                                       owner, role="appendix")
            self.chapter = self.point = self.subpoint = None
            self._text_of(self.container, merged)
            return j + 1
        self._add(self._fresh("stamp"), "paragraph", None, None, merged, None, role="stamp")
        # The approved document's title: paragraphs up to its first heading or point.
        k = j + 1
        title_parts: list[Paragraph] = []
        while k < len(self.paras) and not (POINT_LABEL.match(self.paras[k].text)
                                           or words["chapter"].match(self.paras[k].text)):
            title_parts.append(self.paras[k])
            k += 1
            if len(title_parts) >= 4 or words["doc_ending"].search(self.paras[k - 1].text.rstrip()):
                break
        title = " ".join(p.text for p in title_parts)
        ending = _last_words(title)
        kind_slug = next((slug for stems, slug in _doc_kinds()
                          if any(w in ending for w in stems)), "document")
        doc_id = self._fresh(kind_slug)
        span = Paragraph(title, title_parts[0].start, title_parts[-1].end) if title_parts else merged
        self.container = self._add(doc_id, "section", None, title or None, span, None,
                                   role="approved_document")
        self.chapter = self.point = self.subpoint = None
        return k

    def _document_for(self, block: str) -> str | None:
        docs = [p for p in self.out if p.role == "approved_document"]
        words = _words()
        for doc in reversed(docs):
            kind = doc.id.split("-")[0]
            stems = next((stems for stems, slug in _doc_kinds() if slug == kind), ())
            if any(stem in block.lower() for stem in stems):
                return doc.id
        # An appendix label that names no act of its own ("… қызметіне 2-қосымша") belongs to
        # the document it follows.
        if docs and not words["act_dative"].search(block):
            return docs[-1].id
        return None

    def _table(self, i: int) -> int:
        j = i
        while j < len(self.paras) and "\t" in self.paras[j].text:
            j += 1
        rows = self.paras[i:j]
        parent = self.container
        n = self.counters.get(f"table:{parent}", 0) + 1
        self.counters[f"table:{parent}"] = n
        prefix = f"{parent}/" if parent else ""
        merged = Paragraph("\n".join(r.text for r in rows), rows[0].start, rows[-1].end)
        self._add(f"{prefix}table-{n}", "table", str(n), None, merged, parent)
        return j

    # -- helpers -------------------------------------------------------------------------------

    def _fresh(self, base: str) -> str:
        if base not in self.ids:
            return base
        n = 2
        while f"{base}-{n}" in self.ids:
            n += 1
        return f"{base}-{n}"

    def _add(self, pid: str, kind: ProvisionKind, label: str | None, heading: str | None,
             p: Paragraph, parent: str | None, role: ProvisionRole | None = None) -> str:
        if pid in self.ids:
            # The same number twice (a renumbering slip in the source): keep both, apart.
            n = 2
            while f"{pid}~{n}" in self.ids:
                n += 1
            pid = f"{pid}~{n}"
        self.ids.add(pid)
        self.out.append(Provision(pid, kind, label, heading, p.text, parent, p.start, p.end, role))
        return pid

    def _text_of(self, pid: str, p: Paragraph) -> None:
        for prov in reversed(self.out):
            if prov.id == pid:
                prov.text = p.text
                return

    def _extend(self, p: Paragraph, pid: str | None = None) -> None:
        target = next((x for x in reversed(self.out) if pid is None or x.id == pid), None)
        if target is None:
            return
        target.text = f"{target.text}\n{p.text}"
        target.end = p.end


def _last_words(title: str) -> str:
    return " ".join(title.lower().split()[-3:])


def _looks_like_header(text: str) -> bool:
    return bool(_words()["header_words"].search(text))


def _opens_with_registration(text: str) -> bool:
    """Whether ``text``'s first sentence says where and when the act was registered
    ("Қазақстан Республикасы Әділет министрлігінде 2012 жылы 28 ақпанда № 7449 тіркелді.")."""
    words = _words()
    m = words["registered"].search(text)
    return m is not None and words["sentence_end"].search(text, 0, m.start()) is None


def _is_registered_header(text: str) -> bool:
    """A copy that starts at the header sentence ("... № 40 шешімі. ... № 5582 болып
    тіркелді."): no title says the act was registered."""
    words = _words()
    return bool(words["registered"].search(text)) and _looks_like_header(text)


def _is_signature(text: str) -> bool:
    if text.rstrip().endswith(_TERMINAL) or len(text.split()) > 12:
        return False
    words = _words()
    return bool(words["signature"].search(text) or words["agreed"].fullmatch(text.strip('" ')))
