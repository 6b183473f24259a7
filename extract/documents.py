"""Document lists: what an applicant must give, and what the office must get itself.

Kazakh service rules state document lists in a few fixed shapes, and these are read:

    "... қажетті құжаттардың тізбесі:"       a header (a list cue, then a colon); below it
    "1) Мемлекеттік корпорацияға:"            a channel group: where the list is handed in
    "халықтың ... жататын алушылар ... кезде:" a condition group: the items below apply to them
    "жеке басын куәландыратын құжат;"         an item: a paragraph ending with ";" (the last
                                              with "."), or a numbered "N) ...;" line
    "... анықтамасын қосымша ұсынады."         a sentence: someone provides documents
    "... мәліметтері ... ақпараттық жүйелерден ... беріледі / алады."
                                              documents the office obtains itself
    "... талап етуге жол берілмейді."         documents that may not be asked for

Service standards laid out as a table put the row label ("... талап етілетін құжаттар мен
мәліметтердің тізбесі") among the items once the table is flattened to text; a numbered run
holding such a label is read as a list and the label is cut out of the item it fell into.

Every item keeps its own condition ("жалғыз тұрғын үйі авариялық жағдайда деп танылса, ...")
and the condition of the group above it. A list recognised by its cue whose items cannot be
told apart becomes a finding (``unread_document_list``), never a silent gap. Evidence is
exact: ``quote == text[span[0]:span[1]]``; labels and conditions are whitespace-normalised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from shezhire.extract.first_chars import lacks_factors
from shezhire.extract.lexicon import from_lexicon, lexicon, phrases_regex, words_regex
from shezhire.extract.models import (
    Channel,
    DocumentItem,
    DocumentList,
    DocumentListKind,
    Evidence,
    Finding,
    Provision,
)
from shezhire.extract.structure import POINT_LABEL, SUBPOINT_LABEL

_QUOTES = "\"'«»“”„"
_SKIP_ROLES = ("title", "status", "header", "note", "preamble", "stamp", "signature")


# -- text with its origin ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Seg:
    """A piece of the cleaned text, possibly joined from several, with each char's offset."""

    text: str
    # A range for a piece read as it stands (slicing a range makes no list of offsets), a
    # tuple once pieces are joined.
    origin: Sequence[int]

    @staticmethod
    def of(text: str, start: int, end: int) -> _Seg:
        return _Seg(text[start:end], range(start, end))

    @staticmethod
    def join(parts: list[_Seg]) -> _Seg:
        text, origin = "", list[int]()
        for p in parts:
            if not p.text:
                continue
            if text:
                text += " "
                origin.append(origin[-1])
            text += p.text
            origin += p.origin
        return _Seg(text, tuple(origin))

    def sub(self, i: int, j: int | None = None) -> _Seg:
        j = len(self.text) if j is None else j
        if i == 0 and j == len(self.text):
            return self  # the whole piece (a joined one's offsets are not copied again)
        return _Seg(self.text[i:j], self.origin[i:j])

    def strip(self, chars: str = "") -> _Seg:
        drop = " \t\n" + chars
        # (str.strip's own scans: where every character is dropped, both ends meet at 0.)
        i = len(self.text) - len(self.text.lstrip(drop))
        return self.sub(i, max(i, len(self.text.rstrip(drop))))

    def cut(self, i: int, j: int) -> _Seg:
        return _Seg.join([self.sub(0, i).strip(), self.sub(j).strip()])

    def clean(self) -> str:
        return " ".join(self.text.split())

    def evidence(self, text: str) -> Evidence:
        start, end = self.origin[0], self.origin[-1] + 1
        return Evidence(text[start:end], start, end)


_PAREN = re.compile(r"[()]")


def _outside_parens(s: str) -> list[bool]:
    """Whether each character of ``s`` stands outside brackets (a bracket itself is inside),
    filled from bracket to bracket rather than a Python step per character."""
    depth, out, pos = 0, list[bool](), 0
    for paren in _PAREN.finditer(s):
        at = paren.start()
        out += [depth == 0] * (at - pos)
        if s[at] == "(":
            depth += 1
        out.append(depth == 0)
        if s[at] == ")" and depth:
            depth -= 1
        pos = at + 1
    out += [depth == 0] * (len(s) - pos)
    return out


def _split_top(seg: _Seg, sep: re.Pattern[str]) -> list[_Seg]:
    """Split at separators outside parentheses and quotes."""
    mask = _outside_parens(seg.text)
    quoted = False
    parts, last = [], 0
    for m in sep.finditer(seg.text):
        inside = seg.text[last:m.start()].count('"') % 2 == 1
        quoted = quoted != inside
        if mask[m.start()] and not quoted:
            parts.append(seg.sub(last, m.start()))
            last = m.end()
    parts.append(seg.sub(last))
    return [p.strip(",") for p in parts if p.strip(",").text]


# -- the legal phrasing, from the lexicon --------------------------------------------------


@from_lexicon
def _words() -> dict[str, re.Pattern[str]]:
    """The phrasing of document lists, from the lexicon (``documents`` and ``bodies``)."""
    lx = lexicon("kk")
    endings = lx.endings
    verbs = lx.labels("documents.provide_verbs")
    handed = phrases_regex([*verbs["active"], *verbs["passive"]])
    provide = phrases_regex([*verbs["active"], *verbs["passive"], *verbs["sending"]])
    obtain = lx.pattern("documents.obtain_verbs")
    additionally = lx.pattern("documents.additionally")
    system = lx.labels("documents.system")
    system_re = (rf'{phrases_regex(system["named"])}\s+(?:"[^"]{{1,60}}"\s+)?'
                 rf'{phrases_regex(system["kinds"])}'
                 rf'|"?{phrases_regex(system["gateway"])}"?\s+{phrases_regex(system["gateway_kinds"])}')
    # The applicant as the subject (nominative: not "алушының", "берушіге", "азаматтарды").
    subject = phrases_regex(p for body in lx.get("bodies") for p in body.get("subject", []))
    nominative_end = r"(?=[\s,(:]|$)"
    condition = lx.pattern("documents.condition_words")
    conditional = words_regex(endings("conditional"))
    upper = lx.upper()
    accusative = [*endings("accusative", possessed=False),
                  *(p + a for p in endings("possessive")
                    for a in endings("accusative", possessed=True))]
    not_sentence_end = "".join(rf"(?<!{re.escape(a)})"
                               for a in lx.words("documents.abbreviations"))
    also = lx.pattern("documents.also")
    # Channels in the order of the table: the first that matches at a place is taken.
    channels: dict[str, list[str]] = {}
    for body in lx.get("bodies"):
        if body.get("channel"):
            channels.setdefault(body["channel"], []).extend(body["channel_names"])
    channel_parts = []
    for key, names in channels.items():
        part = phrases_regex(names)
        if key == "portal":  # "www.egov.kz", a portal's quoted name, its address in brackets
            part = rf'(?:www\.\S+\s+)?(?:"[^"]{{1,40}}"\s+)?{part}(?:\s*\([^)]{{0,40}}\))?'
        channel_parts.append(f"(?P<{key}>{part})")
    list_label = lx.pattern("documents.list_label")
    return {
        # A header announcing what the applicant gives: "құжаттардың тізбесі", "мынадай
        # құжаттарды ұсынады", "құжаттар ұсынылады", "... қоса беріледі".
        "applicant_cue": re.compile(rf"{lx.pattern('documents.list_cue')}|{handed}\s*:", re.IGNORECASE),
        # Information systems ("ақпараттық жүйелерден", the newer "цифрлық жүйелер", the
        # e-government gateway) as the source of documents.
        "system": re.compile(system_re, re.IGNORECASE),
        "forbidden": re.compile(lx.pattern("documents.forbidden"), re.IGNORECASE),
        "provide_verb": re.compile(rf"(?:\s+{additionally})?\s+{provide}$", re.IGNORECASE),
        # A passive "... ұсынылады" needs no subject; an active verb needs the applicant.
        "passive": re.compile(rf"{phrases_regex(verbs['passive'])}$", re.IGNORECASE),
        "obtain_verb": re.compile(rf"(?:\s+{lx.pattern('documents.obtain_manner')})?\s+{obtain}$",
                                  re.IGNORECASE),
        "any_verb": re.compile(rf"(?:\s+{additionally})?\s+(?:{provide}|{obtain})$", re.IGNORECASE),
        # Words that name a document (stems): a sentence without one gives no list.
        "document_word": re.compile(lx.pattern("documents.document_words"), re.IGNORECASE),
        "genitive": re.compile(words_regex(endings("genitive")) + "$"),
        "oblique": re.compile(
            words_regex(endings("genitive", "dative", "locative", "ablative")) + "$"),
        "accusative": re.compile(words_regex(accusative) + "$"),
        # A piece of an enumeration that needs the next one's noun: "некеге тұру туралы,
        # қайтыс болу туралы, балалардың тууы туралы куәліктері" names one kind of document.
        "elliptic": re.compile(
            rf"(?:{lx.pattern('documents.about')}|{words_regex(endings('dative'))})$"),
        "subject": re.compile(subject + nominative_end, re.IGNORECASE),
        # Whoever acts, in the nominative: the applicant or an office and its staff.
        "actor": re.compile(rf"(?:{subject}|{lx.pattern('documents.actors')}){nominative_end}",
                            re.IGNORECASE),
        # The end of a subordinate clause that precedes the main one.
        "clause_end": re.compile(rf"{condition}\b\s*[,:]?|\w{{2,}}{conditional}\s*,", re.IGNORECASE),
        # A clause that sets a condition: "... жағдайда", "... кезде", "... болса", "... танылса".
        "condition_end": re.compile(
            rf"(?:{condition}|\w+{conditional}|{lx.pattern('documents.for')})\s*[,:]?$",
            re.IGNORECASE),
        "condition_mark": re.compile(
            rf"(?:{lx.pattern('documents.condition_marks')}|\w{{2,}}{conditional})\s*[,:]",
            re.IGNORECASE),
        # "мынадай жағдайларда:" introduces cases, it is no case itself.
        "generic_intro": re.compile(rf"^{lx.pattern('documents.generic_intro')}\s*:?\s*",
                                    re.IGNORECASE),
        "when_applying": re.compile(rf"\s+{lx.pattern('documents.when_applying')}$", re.IGNORECASE),
        # "... алу үшін" / "... тағайындау үшін": the purpose of the whole service.
        "purpose": re.compile(rf"^{lx.pattern('documents.purpose')}(?:\s+|$)", re.IGNORECASE),
        "original": re.compile(lx.pattern("documents.original"), re.IGNORECASE),
        "channel_re": re.compile("|".join(channel_parts), re.IGNORECASE),
        # A channel is named in the dative or locative ("корпорацияға", "порталда"), or
        # with "арқылы".
        "channel_case": re.compile(words_regex(endings("dative", "locative")) + "$"),
        "via": re.compile(rf"\s+{lx.pattern('documents.via')}\b"),
        "join": re.compile(rf"\s+{words_regex(w for key in ('or', 'and') for w in lx.words(f'conjunctions.{key}'))}\s+",
                           re.IGNORECASE),
        # A table row label that flattening put among the items (see the module docstring).
        "laid_out_label": re.compile(
            rf"(?:^|\s)(?:\d+\s+)?[{upper}A-Z][^;:]*?{list_label}"
            rf"(?:\s+{lx.pattern('documents.list_label_repeat')})*(?=\s|$)"),
        "sentence_end": re.compile(rf"{not_sentence_end}(?<=[.;])\s+(?=[\"«]?[{upper}A-Z0-9])"),
        "lead_word": re.compile(rf"{lx.pattern('documents.lead_words')}\s+", re.IGNORECASE),
        "asked_of": re.compile(lx.pattern("documents.asked_of")),
        "ablative_word": re.compile(rf"\w+{words_regex(endings('ablative'))}\s+"),
        "when": re.compile(rf"^.*?\s+{lx.pattern('documents.when')}\s+"),
        "provider_or_system": re.compile(rf"{lx.pattern('documents.to_provider')}|{system_re}",
                                         re.IGNORECASE),
        # "A, B, сондай-ақ C": one item each; "A, не B" stays one (an alternative).
        "enumeration": re.compile(
            rf",\s*(?:{also}\s+)?(?!{lx.pattern('documents.not_split_after')}\s)|\s+{also}\s+"),
    }


# -- lines -------------------------------------------------------------------------------------


@dataclass
class _Line:
    seg: _Seg
    provision: Provision
    block: str  # the point (or container) the line belongs to: lists never leave it


def _lines(text: str, provisions: list[Provision]) -> list[_Line]:
    out: list[_Line] = []
    seen: set[int] = set()
    for p in sorted(provisions, key=lambda p: p.start):
        if p.role in _SKIP_ROLES or p.kind in ("table", "form", "chapter", "section", "appendix"):
            continue
        block = p.parent if p.kind == "subpoint" and p.parent else p.id
        pos = p.start
        for raw in text[p.start:p.end].split("\n"):
            start, end = pos, pos + len(raw)
            pos = end + 1
            if not raw.strip() or start in seen:
                continue
            seen.add(start)
            out.append(_Line(_Seg.of(text, start, end).strip(), p, block))
    return out


def _core(seg: _Seg) -> _Seg:
    """A line without the quote marks that open or close quoted new wording.

    A quote mark that pairs with one inside the line ("...туралы" Заңы) belongs to the text.
    """
    seg = seg.strip()
    while seg.text and seg.text[0] in _QUOTES and seg.text.count(seg.text[0]) % 2 == 1:
        seg = seg.sub(1).strip()
    while seg.text and seg.text[-1] in _QUOTES + ";." and (
            seg.text[-1] in ";." or seg.text.count(seg.text[-1]) % 2 == 1):
        if seg.text[-1] in ";.":
            # "...алады.";": look past the closing mark for a lone quote.
            inner = seg.sub(0, len(seg.text) - 1).strip()
            if inner.text and inner.text[-1] in _QUOTES and inner.text.count(inner.text[-1]) % 2 == 1:
                seg = _Seg(inner.text[:-1] + seg.text[-1],
                           (*inner.origin[:-1], seg.origin[-1]))
                continue
            break
        seg = seg.sub(0, len(seg.text) - 1).strip()
    return seg


def _ends(seg: _Seg) -> str:
    """The closing mark of a line: ";", ".", ":" or "" (none: a broken line)."""
    t = _core(seg).text
    return t[-1] if t and t[-1] in ";.:" else ""


def _unnumbered(seg: _Seg) -> tuple[str | None, _Seg]:
    core = _core(seg)
    m = SUBPOINT_LABEL.match(core.text)
    return (m.group(1), core.sub(m.end())) if m else (None, core)


# -- channels ----------------------------------------------------------------------------------


@dataclass
class _Channels:
    kinds: list[Channel] = field(default_factory=list)
    seg: _Seg | None = None

    def main(self) -> Channel | None:
        named = [k for k in self.kinds if k != "provider"] or self.kinds
        return named[0] if len(set(named)) == 1 else None

    def all(self) -> list[Channel]:
        named = [k for k in self.kinds if k != "provider"] or self.kinds
        return list(dict.fromkeys(named))


def _channel_at(seg: _Seg, pos: int) -> tuple[list[Channel], int] | None:
    """Channels named at ``pos`` ("X-ға", "X-да", "X немесе Y арқылы"): kinds and end."""
    kinds: list[Channel] = []
    i = pos
    while True:
        m = _words()["channel_re"].match(seg.text, i)
        if not m or not m.lastgroup:
            break
        kinds.append(m.lastgroup)  # type: ignore[arg-type]  # group names are Channel values
        i = m.end()
        j = _words()["join"].match(seg.text, i)
        if j and _words()["channel_re"].match(seg.text, j.end()):
            i = j.end()
            continue
        break
    if not kinds:
        return None
    via = _words()["via"].match(seg.text, i)
    if via:
        return kinds, via.end()
    last_word = seg.text[:i].split()[-1] if seg.text[:i].split() else ""
    return (kinds, i) if _words()["channel_case"].search(last_word.rstrip(")")) else None


def _header_channel(seg: _Seg) -> _Channels | None:
    """A short group header that is only a channel: "1) Мемлекеттік корпорацияға:"."""
    core = seg.strip(":")
    if not core.text or len(core.text.split()) > 6:
        return None
    found = _channel_at(core, 0)
    if found is None:
        return None
    kinds, end = found
    if core.text[end:].strip(" :"):
        return None
    return _Channels(kinds, core)


# -- reading one item or sentence --------------------------------------------------------------


@dataclass
class _Reading:
    condition: _Seg | None
    channels: _Channels
    rest: _Seg


def _read_clause(seg: _Seg) -> _Reading:
    """Split "[condition,] [applicant] [channel] documents [verb]" into its parts."""
    s = _core(seg).strip(";.,")
    s = _strip_prefix_number(s)
    m = _words()["any_verb"].search(s.text)
    if m:
        s = s.sub(0, m.start()).strip()
    mask = _outside_parens(s.text)
    condition: _Seg | None = None
    rest = s
    subject = next((m for m in _words()["subject"].finditer(s.text) if mask[m.start()]), None)
    if subject is not None:
        before = s.sub(0, subject.start()).strip(",: ")
        if before.text:
            condition = before if _words()["condition_end"].search(before.text) else s.sub(0, subject.end())
        rest = s.sub(subject.end())
        # "өтініш беруші мүгедектігі бар адам болса, ...": the applicant opens the condition.
        marks = [m for m in _words()["condition_mark"].finditer(s.text, subject.end()) if mask[m.start()]]
        if condition is None and marks:
            condition = s.sub(0, marks[-1].end()).strip(",: ")
            rest = s.sub(marks[-1].end())
    else:
        marks = [m for m in _words()["condition_mark"].finditer(s.text) if mask[m.start()]]
        if marks:
            condition = s.sub(0, marks[-1].end()).strip(",: ")
            rest = s.sub(marks[-1].end())
    channels = _Channels()
    rest = rest.strip(",: ")
    while True:
        unchanged = rest.text
        word = _words()["lead_word"].match(rest.text)
        if word:
            rest = rest.sub(word.end()).strip()
        purpose = _words()["purpose"].match(rest.text)
        if purpose:
            rest = rest.sub(purpose.end()).strip()
        found = _channel_at(rest, 0)
        if found:
            kinds, end = found
            channels.kinds += kinds
            channels.seg = rest.sub(0, end) if channels.seg is None else \
                _Seg.join([channels.seg, rest.sub(0, end)])
            rest = rest.sub(end).strip(", ")
        if rest.text == unchanged:
            break
    return _Reading(_condition(condition), channels, rest.strip(",: "))


def _strip_prefix_number(s: _Seg) -> _Seg:
    m = SUBPOINT_LABEL.match(s.text) or POINT_LABEL.match(s.text)
    return _core(s.sub(m.end())) if m else s


def _condition(seg: _Seg | None) -> _Seg | None:
    """A condition as the text says it, without "мынадай жағдайларда:" or "өтініш жасаған кезде"."""
    if seg is None:
        return None
    seg = seg.strip(",:; " + _QUOTES)
    m = _words()["generic_intro"].match(seg.text)
    if m:
        seg = seg.sub(m.end()).strip(",: ")
    m = _words()["when_applying"].search(seg.text)
    if m and m.start() > 0:
        seg = seg.sub(0, m.start()).strip(", ")
    # "... мүмкін болмаған жағдайда көрсетілетін қызметті алушы": the applicant adds nothing.
    subject = next((m for m in _words()["subject"].finditer(seg.text) if m.end() == len(seg.text)), None)
    if subject is not None and _words()["condition_end"].search(seg.text[:subject.start()].rstrip()):
        seg = seg.sub(0, subject.start()).strip(", ")
    if _words()["purpose"].fullmatch(seg.text + " ") or not seg.text:
        return None
    return seg


def _join_conditions(parts: list[_Seg | None]) -> str | None:
    texts = [p.clean() for p in parts if p is not None and p.text]
    return "; ".join(dict.fromkeys(texts)) or None


def _names_document(text: str) -> bool:
    """Whether a document is named as a thing (not "деректерге сәйкес", "өтініште")."""
    return any(not _words()["oblique"].search(m.group(0)) for m in _words()["document_word"].finditer(text))


def _last_document_word(seg: _Seg) -> _Seg:
    """Cut what follows the document an enumeration ends with.

    The object of "... ұсынады" stands in the accusative ("құжаттарды"); where none does, the
    last document word not in the genitive ends it.
    """
    mask = _outside_parens(seg.text)
    words = [m for m in _words()["document_word"].finditer(seg.text)
             if mask[m.start()] and not _words()["genitive"].search(m.group(0))]
    accusative = [m for m in words if _words()["accusative"].search(m.group(0))]
    if not words:
        return seg
    best = (accusative or words)[-1]
    end = best.end()
    tail = re.match(r"\s*\([^)]*\)", seg.text[end:])
    if tail:
        end += tail.end()
    return seg.sub(0, end)


# -- the lists under construction -------------------------------------------------------------


@dataclass
class _RawItem:
    seg: _Seg
    provision: Provision
    group_condition: _Seg | None = None
    read: bool = False  # already split into condition and document by a sentence reading


@dataclass
class _Group:
    channels: _Channels
    start: _Seg | None
    provision: Provision | None
    items: list[_RawItem] = field(default_factory=list)


@dataclass
class _RawList:
    kind: DocumentListKind
    header: _Seg | None
    provision: Provision
    groups: list[_Group]
    condition: _Seg | None = None
    channels: _Channels = field(default_factory=_Channels)
    laid_out_label: _Seg | None = None
    split_items: bool = False  # an enumeration in one sentence: split it at its commas
    sentence: _Seg | None = None  # the sentence a list was read from, where it is one


def _parse_body(lines: list[_Line], i: int, block: str, first: _Seg | None) -> tuple[list[_Group], int]:
    """The groups and items of a list whose body starts at line ``i``; returns the end too.

    ``first`` is text after the header's colon on the header line, if any.
    """
    groups: list[_Group] = [_Group(_Channels(), None, None)]
    pending: list[_Seg] = []
    pending_at: Provision | None = None
    condition: _Seg | None = None
    numbered_condition = False
    top: list[int] = []

    def flush() -> None:
        nonlocal pending, pending_at
        if pending and pending_at is not None:
            groups[-1].items.append(_RawItem(_Seg.join(pending), pending_at, condition))
        pending, pending_at = [], None

    def feed(seg: _Seg, at: Provision) -> str:
        """Take item text; say whether it closed with ";", "." or not at all."""
        nonlocal pending_at
        if not seg.text:
            return ";"
        pending.append(seg)
        pending_at = pending_at or at
        mark = _ends(seg)
        if mark in (";", "."):
            flush()
        return mark

    if first is not None and first.text:
        for piece in _split_top(first, re.compile(r";\s*|\s(?=\d+\)\s)")):
            groups[-1].items.append(_RawItem(_strip_prefix_number(piece), lines[i - 1].provision))
        return groups, i
    j = i
    while j < len(lines):
        line = lines[j]
        if line.block != block:
            break
        number, body = _unnumbered(line.seg)
        if number is not None:
            if (groups[-1].items or any(g.items for g in groups)) and number == "1" and top:
                break
            flush()
            head = int(number.split("-")[0])
            top.append(head)
            if numbered_condition:
                condition, numbered_condition = None, False
        colon = body.text.find(":")
        header_part = body.sub(0, colon) if colon >= 0 else None
        channel = _header_channel(header_part) if header_part is not None else None
        if channel is not None and header_part is not None:
            flush()
            if groups[-1].items or groups[-1].start is not None:
                groups.append(_Group(channel, header_part, line.provision))
            else:
                groups[-1] = _Group(channel, header_part, line.provision)
            condition = None
            body = body.sub(colon + 1).strip()
        elif header_part is not None and not pending and ";" not in header_part.text \
                and (_ends(body) == ":" or len(header_part.text.split()) <= 12):
            flush()
            condition = header_part
            numbered_condition = number is not None
            body = body.sub(colon + 1).strip()
        mark = feed(body, line.provision) if body.text else ":"
        j += 1
        if mark == ".":
            nxt = lines[j] if j < len(lines) else None
            n2, _ = _unnumbered(nxt.seg) if nxt is not None else (None, None)
            if nxt is None or nxt.block != block or n2 is None or not top \
                    or int(n2.split("-")[0]) != top[-1] + 1:
                break
    flush()
    return [g for g in groups if g.items or g.start is not None], j


# -- sentences ---------------------------------------------------------------------------------


def _sentences(seg: _Seg) -> list[_Seg]:
    core = _strip_prefix_number(_core(seg))
    out, last = [], 0
    for m in _words()["sentence_end"].finditer(core.text):
        out.append(core.sub(last, m.start()))
        last = m.end()
    out.append(core.sub(last))
    return [s.strip() for s in out if s.strip().text]


# Small Cyrillic letters: a character that ``re.IGNORECASE`` matches with one of them
# case-folds to it (tests/test_fast_paths.py checks every code point).
_SMALL_CYRILLIC = re.compile(r"[\u0400-\u04FF]+")


@from_lexicon
def _document_stems() -> re.Pattern[str] | None:
    """The document words' stems, to look for in a case-folded sentence: a sentence whose
    case-folded text holds none has no document word (``document_word`` compares without
    case, every character of a stem with the characters that fold to it). None where a
    stem is more than small Cyrillic letters."""
    stems = [w.removesuffix("*") for w in lexicon("kk").words("documents.document_words")]
    if not all(_SMALL_CYRILLIC.fullmatch(s) and s.islower() for s in stems):
        return None
    return re.compile("|".join(re.escape(s) for s in stems))


def _may_name_document(text: str) -> bool:
    """False where ``text`` cannot hold a document word: its case-folded text holds no
    stem (a quick scan; True where the stems cannot be scanned for). A piece of ``text``
    holds none either (case folding goes character by character)."""
    stems = _document_stems()
    return stems is None or stems.search(text.casefold()) is not None


def _search(name: str, text: str) -> re.Match[str] | None:
    """``_words()[name].search(text)``, not run on a text that holds none of the words
    every match of the pattern holds (a pattern that begins with a space or a common letter
    is tried all along the text)."""
    pattern = _words()[name]
    return None if lacks_factors(pattern, text) else pattern.search(text)


def _sentence_kind(s: _Seg) -> DocumentListKind | None:
    if not _may_name_document(s.text):
        return None  # no stem in the sentence, so none in its core, and no document word
    body = _core(s).strip(";.,").text
    if not _may_name_document(body):
        return None  # a quick scan: no stem, so no document word
    if not _words()["document_word"].search(body):
        return None
    if _words()["forbidden"].search(body):
        return "obtained_by_provider"
    if _search("system", body) and _search("obtain_verb", body):
        return "obtained_by_provider"
    verb = _search("provide_verb", body)
    if verb:
        if _words()["passive"].search(body):
            return "applicant_provides"
        # An active verb gives a list only where the applicant acts: the first one named in
        # the nominative after any condition clause ("... жағдайларда, ХҚО ... жібереді").
        head = body[:verb.start()]
        mask = _outside_parens(head)
        clauses = [m.end() for m in _words()["clause_end"].finditer(head) if mask[m.start()]]
        start = clauses[-1] if clauses else 0
        actors = [m for m in _words()["actor"].finditer(head, start)
                  if mask[m.start()] and head[:m.start()].count('"') % 2 == 0]
        if actors and _words()["subject"].fullmatch(actors[0].group(0)):
            return "applicant_provides"
    return None


def _sentence_list(s: _Seg, line: _Line, kind: DocumentListKind) -> _RawList:
    body = _core(s).strip(";.,")
    if kind == "obtained_by_provider":
        return _obtained_sentence(body, line)
    reading = _read_clause(body)
    group = _Group(reading.channels, None, line.provision, [_RawItem(reading.rest, line.provision)])
    return _RawList(kind, None, line.provision, [group], reading.condition, reading.channels,
                    split_items=True, sentence=body)


def _obtained_sentence(body: _Seg, line: _Line) -> _RawList:
    system = _words()["system"].search(body.text)
    channels = _Channels(seg=body.sub(system.start(), system.end()) if system else None)
    forbidden = _words()["forbidden"].search(body.text)
    if forbidden:
        # "... алушылардан <documents> талап етуге жол берілмейді": the documents sit
        # between the ones they may not be asked of and the prohibition.
        upto = body.sub(0, forbidden.start())
        words = _words()
        source = [m for m in words["ablative_word"].finditer(upto.text)
                  if words["subject"].match(upto.text, m.start()) or words["asked_of"].match(m.group(0))]
        lead = words["when"].match(upto.text)
        start = source[-1].end() if source else (lead.end() if lead else 0)
        items = upto.sub(start).strip()
    else:
        verb = _words()["obtain_verb"].search(body.text)
        upto = body.sub(0, verb.start()) if verb else body
        # The documents come first; the predicate starts at the office, the system or the
        # gateway they come through.
        stops = [m.start() for m in _words()["provider_or_system"].finditer(upto.text)]
        items = upto.sub(0, min(stops)) if stops else upto
        # The office that obtains them, where named: before the documents it starts them,
        # after them it ends them.
        mask = _outside_parens(items.text)
        for actor in _words()["actor"].finditer(items.text):
            if not mask[actor.start()] or items.text[:actor.start()].count('"') % 2:
                continue
            if _names_document(items.text[:actor.start()]):
                items = _last_document_word(items.sub(0, actor.start()).strip())
                break
            items = items.sub(actor.end()).strip()
            mask = _outside_parens(items.text)
            break
        items = _read_clause(items).rest
    group = _Group(_Channels(), None, line.provision, [_RawItem(items, line.provision)])
    return _RawList("obtained_by_provider", None, line.provision, [group], None, channels,
                    split_items=True, sentence=body)


# -- the entry ---------------------------------------------------------------------------------


def provisions_to_document_lists(
    text: str, provisions: list[Provision]
) -> tuple[list[DocumentList], list[Finding]]:
    """The document lists of an act, in reading order, and the lists it could not read.

    ``text`` is the record's cleaned text and ``provisions`` its structure; every list and
    item cites the provision it stands in and the exact characters it was read from.
    """
    lines = _lines(text, provisions)
    raw: list[_RawList] = []
    findings: list[Finding] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        found = _list_at(lines, i, findings, text)
        if found is not None:
            lst, i = found
            raw.append(lst)
            i = _trailing_sentences(lines, i, lst)
            continue
        # A sentence broken over lines (text from PDFs) is read whole.
        seg, k = line.seg, i
        while not _ends(seg) and k + 1 < len(lines) and k - i < 3 \
                and lines[k + 1].block == line.block and _ends(lines[k + 1].seg) != ":" \
                and _unnumbered(lines[k + 1].seg)[0] is None:
            k += 1
            seg = _Seg.join([seg, lines[k].seg])
        # Each sentence is a piece of ``seg``: where ``seg`` holds no document stem, none
        # of them does, and it is not split (the quick scan of ``_sentence_kind``, once).
        for s in _sentences(seg) if _may_name_document(seg.text) else ():
            kind = _sentence_kind(s)
            if kind is not None:
                raw.append(_sentence_list(s, line, kind))
        i = k + 1
    return _finish(text, raw, findings)


def _list_at(lines: list[_Line], i: int, findings: list[Finding],
             text: str) -> tuple[_RawList, int] | None:
    line = lines[i]
    number, body = _unnumbered(line.seg)
    colon = body.text.rfind(":")
    before = body.text[:colon + 1]
    # A header closes its line with a colon; a short list may follow it on the same line.
    announces = colon >= 0 and (
        (_ends(body) == ":" and bool(_search("applicant_cue", before) or _search("system", before)))
        or (bool(_search("applicant_cue", before)) and ";" in body.text[colon:]))
    if announces:
        header = body.sub(0, colon)
        after = body.sub(colon + 1).strip()
        obtained = bool(_search("system", header.text)) and not _words()["applicant_cue"].search(
            header.text + ":")
        kind: DocumentListKind = "obtained_by_provider" if obtained else "applicant_provides"
        groups, end = _parse_body(lines, i + 1, line.block, after if after.text else None)
        if not any(g.items for g in groups):
            findings.append(Finding(
                "unread_document_list",
                "a header announces a document list, but no items follow it that can be told apart",
                header.evidence(text)))
            return _RawList(kind, header, line.provision, []), max(end, i + 1)
        reading = _read_clause(header)
        condition = reading.condition if kind == "applicant_provides" else None
        lst = _RawList(kind, header, line.provision, groups, condition, reading.channels)
        if obtained:
            system = _words()["system"].search(header.text)
            lst.channels = _Channels(seg=header.sub(system.start(), system.end()) if system else None)
        return lst, end
    if number == "1":
        # A numbered run with the row label of a flattened table among its items.
        groups, end = _parse_body(lines, i, line.block, None)
        for k in range(i, end):
            m = _words()["laid_out_label"].search(lines[k].seg.text)
            if m and _words()["applicant_cue"].search(m.group(0)) and any(g.items for g in groups):
                label = lines[k].seg.sub(m.start(), m.end()).strip()
                return _RawList("applicant_provides", None, line.provision, groups,
                                laid_out_label=label), end
    return None


def _trailing_sentences(lines: list[_Line], i: int, lst: _RawList) -> int:
    """Sentences right after a list that give further documents belong to it."""
    if lst.kind != "applicant_provides" or not lst.groups:
        return i
    block = lines[i - 1].block
    extra = _Group(_Channels(), None, None)
    while i < len(lines) and lines[i].block == block:
        sentences = _sentences(lines[i].seg)
        if not sentences or any(_sentence_kind(s) != "applicant_provides" for s in sentences):
            break
        for s in sentences:
            r = _read_clause(s)
            for piece in _split_enumeration(r.rest):
                extra.items.append(_RawItem(piece, lines[i].provision, r.condition, read=True))
        i += 1
    if extra.items:
        if len(lst.groups) == 1 and not lst.groups[0].channels.kinds:
            lst.groups[0].items += extra.items
        else:
            extra.provision = extra.items[0].provision
            lst.groups.append(extra)
    return i


def _split_enumeration(seg: _Seg) -> list[_Seg]:
    """"A, B, сондай-ақ C": one item each; "A, не B" stays one (an alternative)."""
    split = _split_top(seg, _words()["enumeration"])
    parts: list[_Seg] = []
    carry: _Seg | None = None
    for part in split:
        if carry is not None:
            part = seg.sub(seg.origin.index(carry.origin[0]), seg.origin.index(part.origin[-1]) + 1)
            carry = None
        bare = re.sub(r"\s*\([^)]*\)$", "", part.text)
        if _words()["elliptic"].search(bare) and part is not split[-1]:
            carry = part
            continue
        parts.append(part)
    if carry is not None:
        parts.append(carry)
    if parts:
        parts[-1] = _last_document_word(parts[-1])
    return [p for p in parts if p.text]


def _finish(text: str, raw: list[_RawList],
            findings: list[Finding]) -> tuple[list[DocumentList], list[Finding]]:
    out: list[DocumentList] = []
    item_counts: dict[str, int] = {}
    list_counts: dict[str, int] = {}
    for lst in raw:
        for group in lst.groups:
            items: list[DocumentItem] = []
            for raw_item in group.items:
                items += _items_of(text, lst, raw_item, item_counts, findings)
            at = group.provision or lst.provision
            if not items:
                where = group.start or lst.header or (group.items[0].seg if group.items else None)
                findings.append(Finding(
                    "unread_document_list",
                    "a document list was recognised, but its documents cannot be told apart",
                    where.evidence(text) if where is not None else None))
                continue
            channels = group.channels if group.channels.kinds else lst.channels
            first = [s for s in (group.start, lst.sentence, lst.header if len(lst.groups) == 1 or
                                 group is lst.groups[0] else None) if s is not None]
            start = min([*(s.origin[0] for s in first), items[0].evidence.start])
            end = max([i.evidence.end for i in items] +
                      ([lst.sentence.origin[-1] + 1] if lst.sentence is not None else []))
            n = list_counts.get(at.id, 0) + 1
            list_counts[at.id] = n
            announced = lst.header or lst.laid_out_label
            out.append(DocumentList(
                id=f"{at.id}/doclist-{n}", kind=lst.kind,
                channel=channels.main() if lst.kind == "applicant_provides" else None,
                channels=channels.all() if lst.kind == "applicant_provides" else [],
                channel_text=channels.seg.clean() if channels.seg is not None else None,
                condition=_join_conditions([lst.condition]), items=items, provision=at.id,
                evidence=Evidence(text[start:end], start, end),
                header=announced.evidence(text) if announced is not None else None))
    return out, findings


def _items_of(text: str, lst: _RawList, raw_item: _RawItem, counts: dict[str, int],
              findings: list[Finding]) -> list[DocumentItem]:
    seg = _strip_prefix_number(_core(raw_item.seg).strip(";.,"))
    if lst.laid_out_label is not None:
        m = _words()["laid_out_label"].search(seg.text)
        if m:
            seg = seg.cut(m.start(), m.end())
    if not seg.text:
        return []
    if lst.split_items or raw_item.read:
        reading = _Reading(None, _Channels(), seg)
    else:
        reading = _read_clause(seg)
    pieces = _split_enumeration(reading.rest) if lst.split_items else [reading.rest]
    out: list[DocumentItem] = []
    for piece in pieces:
        piece = piece.strip(" ,;:")
        if lst.split_items:
            verb = _words()["any_verb"].search(piece.text)
            if verb:
                piece = piece.sub(0, verb.start()).strip()
        if not piece.text or not re.search(r"\w", piece.text):
            continue
        evidence_seg = piece if lst.split_items else seg
        n = counts.get(raw_item.provision.id, 0) + 1
        counts[raw_item.provision.id] = n
        out.append(DocumentItem(
            id=f"{raw_item.provision.id}/doc-{n}",
            label=piece.clean(),
            condition=_join_conditions([_condition(raw_item.group_condition), reading.condition]),
            original_required=bool(_words()["original"].search(seg.text)),
            provision=raw_item.provision.id,
            evidence=evidence_seg.evidence(text)))
    if not out:
        findings.append(Finding("unread_document_list",
                                "an item of a document list names no document that can be read",
                                seg.evidence(text)))
    return out
