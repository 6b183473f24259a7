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
from dataclasses import dataclass, field

from shezhire.extract.models import (
    Channel,
    DocumentItem,
    DocumentList,
    DocumentListKind,
    Evidence,
    Finding,
    Provision,
)

# -- the legal phrasing ----------------------------------------------------------------------

# A header announcing what the applicant gives: "құжаттардың тізбесі", "мынадай құжаттарды
# ұсынады", "құжаттар ұсынылады", "... қоса беріледі".
_APPLICANT_CUE = re.compile(
    r"құжат\w*\s+(?:мен\s+мәліметтер\w*\s+|және\s+мәліметтер\w*\s+)?тізбе"
    r"|мынадай\s+(?:құжат|мәлімет)\w*"
    r"|құжаттар\w*\s+(?:қосымша\s+)?(?:ұсынылады|тапсырылады|қоса\s+беріледі)"
    r"|(?:ұсынады|ұсынылады|тапсырады|тапсырылады|қоса\s+беріледі)\s*:",
    re.IGNORECASE,
)
# Information systems ("ақпараттық жүйелерден", the newer "цифрлық жүйелер", the e-government
# gateway) as the source of documents.
_SYSTEM = re.compile(
    r"(?:тиісті\s+)?(?:мемлекеттік\s+)?(?:ақпараттық|цифрлық)\s+(?:\"[^\"]{1,60}\"\s+)?"
    r"(?:жүйе|сервис|шлюз|дерекқор)\w*"
    r"|\"?электрондық\s+үкімет\"?\s+шлюз\w*",
    re.IGNORECASE,
)
_FORBIDDEN = re.compile(
    r"талап\s+етуге\s+(?:жол\s+берілмейді|тыйым\s+салынады|болмайды)", re.IGNORECASE
)
_PROVIDE_VERB = re.compile(
    r"(?:\s+қосымша)?\s+(?:ұсынады|ұсынылады|тапсырады|тапсырылады|қоса\s+беріледі|"
    r"жолдайды|жібереді)$",
    re.IGNORECASE,
)
# A passive "... ұсынылады" needs no subject; an active verb needs the applicant as one.
_PASSIVE = re.compile(r"(?:ұсынылады|тапсырылады|қоса\s+беріледі)$", re.IGNORECASE)
_OBTAIN_VERB = re.compile(
    r"(?:\s+(?:автоматты\s+түрде|электрондық\s+(?:құжаттар\s+)?нысанында))?"
    r"\s+(?:алады|алынады|беріледі|сұратады|сұратылады)$",
    re.IGNORECASE,
)
_ANY_VERB = re.compile(
    r"(?:\s+қосымша)?\s+(?:ұсынады|ұсынылады|тапсырады|тапсырылады|қоса\s+беріледі|"
    r"жолдайды|жібереді|алады|алынады|беріледі|сұратады|сұратылады)$",
    re.IGNORECASE,
)
# Words that name a document (stems): a sentence without one gives no list.
_DOCUMENT_WORD = re.compile(
    r"(?:құжат|анықтама|өтініш|куәлі|мәлімет|шешім|көшірме|қорытынды|паспорт|шот|сұрау|"
    r"сұрату|сенімхат|түбіртек|шарт|дерек|хабарлама|келісім|акт|выписка|үзінді)\w*",
    re.IGNORECASE,
)
_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
_OBLIQUE = re.compile(r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|да|де|та|те|дан|ден|тан|тен|нан|нен)$")
_ACCUSATIVE = re.compile(r"(?:ды|ді|ты|ті|ны|ні|сын|сін|ын|ін)$")
# A piece of an enumeration that needs the next one's noun: "некеге тұру туралы, қайтыс болу
# туралы, балалардың тууы туралы куәліктері" names one kind of document, certificates.
_ELLIPTIC = re.compile(r"(?:туралы|ға|ге|қа|ке|на|не)$")
# The applicant as the subject (nominative: not "алушының", "берушіге", "азаматтарды").
_SUBJECT = re.compile(
    r"(?:(?:көрсетілетін|мемлекеттік)\s+қызметті\s+алушы(?:лар)?|қызмет\s+алушы(?:лар)?"
    r"|өтініш\s+беруші(?:лер)?|азаматтар|тұтынушы(?:лар)?|адамдар|тұлғалар)"
    r"(?=[\s,(:]|$)",
    re.IGNORECASE,
)
# Whoever acts, in the nominative: the applicant (see _SUBJECT) or an office and its staff.
_ACTOR = re.compile(
    _SUBJECT.pattern[:-len(r"(?=[\s,(:]|$)")].rstrip(")") +
    r"|(?:көрсетілетін\s+)?қызмет(?:ті)?\s+беруші|корпорация|қызметкер(?:і)?|оператор(?:ы)?"
    r"|орган(?:ы)?|адам|мекемелер|кәсіпорындар)(?=[\s,(:]|$)",
    re.IGNORECASE,
)
# The end of a subordinate clause that precedes the main one.
_CLAUSE_END = re.compile(
    r"(?:жағдай(?:лар)?да|кез(?:ін)?де|болса)\b\s*[,:]?|\w{2,}(?:са|се)\s*,", re.IGNORECASE
)
# A clause that sets a condition: "... жағдайда", "... кезде", "... болса", "... танылса".
_CONDITION_END = re.compile(
    r"(?:жағдай(?:лар)?да|кез(?:ін)?де|болса|\w+(?:са|се)|үшін)\s*[,:]?$", re.IGNORECASE
)
_CONDITION_MARK = re.compile(
    r"(?:жағдай(?:лар)?да|кезде|болса|\w{2,}(?:са|се))\s*[,:]", re.IGNORECASE
)
# "мынадай жағдайларда:" introduces cases, it is no case itself.
_GENERIC_INTRO = re.compile(r"^(?:мынадай|келесі)\s+(?:жағдай|санат)\w*\s*:?\s*", re.IGNORECASE)
_WHEN_APPLYING = re.compile(
    r"\s+(?:өтініш\s+(?:жасаған|берген)|жүгінген)\s+кез(?:ін)?де$", re.IGNORECASE
)
# "... алу үшін" / "... тағайындау үшін": the purpose of the whole service, not a condition.
_PURPOSE = re.compile(
    r"^(?:\S+\s+){0,5}?(?:алу|тағайындау|көрсету)\s+үшін(?:\s+|$)", re.IGNORECASE
)
_ORIGINAL = re.compile(r"түпнұсқа", re.IGNORECASE)

_CHANNELS: tuple[tuple[Channel, str], ...] = (
    ("state_corporation",
     r"(?:\"Азаматтарға\s+арналған\s+үкімет\"\s+)?мемлекеттік\s+корпорация\w*"),
    ("portal", r"(?:www\.\S+\s+)?(?:\"[^\"]{1,40}\"\s+)?(?:веб-)?портал\w*(?:\s*\([^)]{0,40}\))?"),
    ("service_centre",
     r"(?:ХҚКО|ХҚО|халыққа\s+қызмет\s+көрсету\s+орталы\w+)(?:-\w+)?(?:\s+оператор\w*)?"),
    ("employer", r"жұмыс\s+беруші\w*"),
    ("provider",
     r"(?:көрсетілетін\s+)?қызмет(?:ті)?\s+беруші\w*|уәкілетті\s+орган\w*"
     r"|жергілікті\s+атқарушы\s+орган\w*|әкімдік\w*|мәслихат\w*"),
)
_CHANNEL_RE = re.compile("|".join(f"(?P<{k}>{p})" for k, p in _CHANNELS), re.IGNORECASE)
# A channel is named in the dative or locative ("корпорацияға", "порталда"), or with "арқылы".
_CHANNEL_CASE = re.compile(r"(?:ға|ге|қа|ке|на|не|а|е|да|де|та|те)$")
_VIA = re.compile(r"\s+арқылы\b")
_JOIN = re.compile(r"\s+(?:немесе|не|және)\s+", re.IGNORECASE)

_NUMBER = re.compile(r"^(\d+(?:-\d+)*)\)\s*")
_POINT_NUMBER = re.compile(r"^\d+(?:-\d+)*\.\s+")
_QUOTES = "\"'«»“”„"
_SKIP_ROLES = ("title", "status", "header", "note", "preamble", "stamp", "signature")
# A table row label that flattening put among the items (see the module docstring).
_LAID_OUT_LABEL = re.compile(
    r"(?:^|\s)(?:\d+\s+)?[А-ЯӘІҢҒҮҰҚӨҺA-Z][^;:]*?құжат\w*\s+(?:мен\s+мәліметтер\w*\s+)?тізбесі"
    r"(?:\s+құжат\w*\s+тізбесі)*(?=\s|$)"
)
_SENTENCE_END = re.compile(r"(?<!ж\.)(?<!т\.б\.)(?<=[.;])\s+(?=[\"«]?[А-ЯӘІҢҒҮҰҚӨҺA-Z0-9])")


# -- text with its origin ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Seg:
    """A piece of the cleaned text, possibly joined from several, with each char's offset."""

    text: str
    origin: tuple[int, ...]

    @staticmethod
    def of(text: str, start: int, end: int) -> _Seg:
        return _Seg(text[start:end], tuple(range(start, end)))

    @staticmethod
    def join(parts: list[_Seg]) -> _Seg:
        text, origin = "", tuple[int, ...]()
        for p in parts:
            if not p.text:
                continue
            if text:
                text += " "
                origin += (origin[-1],)
            text += p.text
            origin += p.origin
        return _Seg(text, origin)

    def sub(self, i: int, j: int | None = None) -> _Seg:
        j = len(self.text) if j is None else j
        return _Seg(self.text[i:j], self.origin[i:j])

    def strip(self, chars: str = "") -> _Seg:
        drop = " \t\n" + chars
        i, j = 0, len(self.text)
        while i < j and self.text[i] in drop:
            i += 1
        while j > i and self.text[j - 1] in drop:
            j -= 1
        return self.sub(i, j)

    def cut(self, i: int, j: int) -> _Seg:
        return _Seg.join([self.sub(0, i).strip(), self.sub(j).strip()])

    def clean(self) -> str:
        return " ".join(self.text.split())

    def evidence(self, text: str) -> Evidence:
        start, end = self.origin[0], self.origin[-1] + 1
        return Evidence(text[start:end], start, end)


def _outside_parens(s: str) -> list[bool]:
    depth, out = 0, []
    for ch in s:
        if ch == "(":
            depth += 1
        out.append(depth == 0)
        if ch == ")" and depth:
            depth -= 1
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
                seg = _Seg(inner.text[:-1] + seg.text[-1], inner.origin[:-1] + seg.origin[-1:])
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
    m = _NUMBER.match(core.text)
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
        m = _CHANNEL_RE.match(seg.text, i)
        if not m or not m.lastgroup:
            break
        kinds.append(m.lastgroup)  # type: ignore[arg-type]  # group names are Channel values
        i = m.end()
        j = _JOIN.match(seg.text, i)
        if j and _CHANNEL_RE.match(seg.text, j.end()):
            i = j.end()
            continue
        break
    if not kinds:
        return None
    via = _VIA.match(seg.text, i)
    if via:
        return kinds, via.end()
    last_word = seg.text[:i].split()[-1] if seg.text[:i].split() else ""
    return (kinds, i) if _CHANNEL_CASE.search(last_word.rstrip(")")) else None


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
    m = _ANY_VERB.search(s.text)
    if m:
        s = s.sub(0, m.start()).strip()
    mask = _outside_parens(s.text)
    condition: _Seg | None = None
    rest = s
    subject = next((m for m in _SUBJECT.finditer(s.text) if mask[m.start()]), None)
    if subject is not None:
        before = s.sub(0, subject.start()).strip(",: ")
        if before.text:
            condition = before if _CONDITION_END.search(before.text) else s.sub(0, subject.end())
        rest = s.sub(subject.end())
        # "өтініш беруші мүгедектігі бар адам болса, ...": the applicant opens the condition.
        marks = [m for m in _CONDITION_MARK.finditer(s.text, subject.end()) if mask[m.start()]]
        if condition is None and marks:
            condition = s.sub(0, marks[-1].end()).strip(",: ")
            rest = s.sub(marks[-1].end())
    else:
        marks = [m for m in _CONDITION_MARK.finditer(s.text) if mask[m.start()]]
        if marks:
            condition = s.sub(0, marks[-1].end()).strip(",: ")
            rest = s.sub(marks[-1].end())
    channels = _Channels()
    rest = rest.strip(",: ")
    while True:
        unchanged = rest.text
        word = re.match(r"(?:қосымша|өзі|сондай-ақ)\s+", rest.text, re.IGNORECASE)
        if word:
            rest = rest.sub(word.end()).strip()
        purpose = _PURPOSE.match(rest.text)
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
    m = _NUMBER.match(s.text) or _POINT_NUMBER.match(s.text)
    return _core(s.sub(m.end())) if m else s


def _condition(seg: _Seg | None) -> _Seg | None:
    """A condition as the text says it, without "мынадай жағдайларда:" or "өтініш жасаған кезде"."""
    if seg is None:
        return None
    seg = seg.strip(",:; " + _QUOTES)
    m = _GENERIC_INTRO.match(seg.text)
    if m:
        seg = seg.sub(m.end()).strip(",: ")
    m = _WHEN_APPLYING.search(seg.text)
    if m and m.start() > 0:
        seg = seg.sub(0, m.start()).strip(", ")
    # "... мүмкін болмаған жағдайда көрсетілетін қызметті алушы": the applicant adds nothing.
    subject = next((m for m in _SUBJECT.finditer(seg.text) if m.end() == len(seg.text)), None)
    if subject is not None and _CONDITION_END.search(seg.text[:subject.start()].rstrip()):
        seg = seg.sub(0, subject.start()).strip(", ")
    if _PURPOSE.fullmatch(seg.text + " ") or not seg.text:
        return None
    return seg


def _join_conditions(parts: list[_Seg | None]) -> str | None:
    texts = [p.clean() for p in parts if p is not None and p.text]
    return "; ".join(dict.fromkeys(texts)) or None


def _names_document(text: str) -> bool:
    """Whether a document is named as a thing (not "деректерге сәйкес", "өтініште")."""
    return any(not _OBLIQUE.search(m.group(0)) for m in _DOCUMENT_WORD.finditer(text))


def _last_document_word(seg: _Seg) -> _Seg:
    """Cut what follows the document an enumeration ends with.

    The object of "... ұсынады" stands in the accusative ("құжаттарды"); where none does, the
    last document word not in the genitive ends it.
    """
    mask = _outside_parens(seg.text)
    words = [m for m in _DOCUMENT_WORD.finditer(seg.text)
             if mask[m.start()] and not _GENITIVE.search(m.group(0))]
    accusative = [m for m in words if _ACCUSATIVE.search(m.group(0))]
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
    for m in _SENTENCE_END.finditer(core.text):
        out.append(core.sub(last, m.start()))
        last = m.end()
    out.append(core.sub(last))
    return [s.strip() for s in out if s.strip().text]


def _sentence_kind(s: _Seg) -> DocumentListKind | None:
    body = _core(s).strip(";.,").text
    if not _DOCUMENT_WORD.search(body):
        return None
    if _FORBIDDEN.search(body):
        return "obtained_by_provider"
    if _SYSTEM.search(body) and _OBTAIN_VERB.search(body):
        return "obtained_by_provider"
    verb = _PROVIDE_VERB.search(body)
    if verb:
        if _PASSIVE.search(body):
            return "applicant_provides"
        # An active verb gives a list only where the applicant acts: the first one named in
        # the nominative after any condition clause ("... жағдайларда, ХҚО ... жібереді").
        head = body[:verb.start()]
        mask = _outside_parens(head)
        clauses = [m.end() for m in _CLAUSE_END.finditer(head) if mask[m.start()]]
        start = clauses[-1] if clauses else 0
        actors = [m for m in _ACTOR.finditer(head, start)
                  if mask[m.start()] and head[:m.start()].count('"') % 2 == 0]
        if actors and _SUBJECT.fullmatch(actors[0].group(0)):
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
    system = _SYSTEM.search(body.text)
    channels = _Channels(seg=body.sub(system.start(), system.end()) if system else None)
    forbidden = _FORBIDDEN.search(body.text)
    if forbidden:
        # "... алушылардан <documents> талап етуге жол берілмейді": the documents sit
        # between the ones they may not be asked of and the prohibition.
        upto = body.sub(0, forbidden.start())
        source = [m for m in re.finditer(r"\w+(?:дан|ден|тан|тен)\s+", upto.text)
                  if _SUBJECT.match(upto.text, m.start()) or re.match(
                      r"(?:алушы|беруші|азамат|тұтынушы|өтініш\s+беруші)", m.group(0))]
        lead = re.match(r"^.*?\s+кез(?:ін)?де\s+", upto.text)
        start = source[-1].end() if source else (lead.end() if lead else 0)
        items = upto.sub(start).strip()
    else:
        verb = _OBTAIN_VERB.search(body.text)
        upto = body.sub(0, verb.start()) if verb else body
        # The documents come first; the predicate starts at the office, the system or the
        # gateway they come through.
        stops = [m.start() for m in re.finditer(
            r"(?:көрсетілетін\s+)?қызмет(?:ті)?\s+берушіге|" + _SYSTEM.pattern, upto.text,
            re.IGNORECASE)]
        items = upto.sub(0, min(stops)) if stops else upto
        # The office that obtains them, where named: before the documents it starts them,
        # after them it ends them.
        mask = _outside_parens(items.text)
        for actor in _ACTOR.finditer(items.text):
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
        for s in _sentences(seg):
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
        (_ends(body) == ":" and bool(_APPLICANT_CUE.search(before) or _SYSTEM.search(before)))
        or (bool(_APPLICANT_CUE.search(before)) and ";" in body.text[colon:]))
    if announces:
        header = body.sub(0, colon)
        after = body.sub(colon + 1).strip()
        obtained = bool(_SYSTEM.search(header.text)) and not _APPLICANT_CUE.search(
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
            system = _SYSTEM.search(header.text)
            lst.channels = _Channels(seg=header.sub(system.start(), system.end()) if system else None)
        return lst, end
    if number == "1":
        # A numbered run with the row label of a flattened table among its items.
        groups, end = _parse_body(lines, i, line.block, None)
        for k in range(i, end):
            m = _LAID_OUT_LABEL.search(lines[k].seg.text)
            if m and _APPLICANT_CUE.search(m.group(0)) and any(g.items for g in groups):
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
    split = _split_top(seg, re.compile(r",\s*(?:сондай-ақ\s+)?(?!не\s|немесе\s|яғни\s|оның\s)"
                                       r"|\s+сондай-ақ\s+"))
    parts: list[_Seg] = []
    carry: _Seg | None = None
    for part in split:
        if carry is not None:
            part = seg.sub(seg.origin.index(carry.origin[0]), seg.origin.index(part.origin[-1]) + 1)
            carry = None
        bare = re.sub(r"\s*\([^)]*\)$", "", part.text)
        if _ELLIPTIC.search(bare) and part is not split[-1]:
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
        m = _LAID_OUT_LABEL.search(seg.text)
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
            verb = _ANY_VERB.search(piece.text)
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
            original_required=bool(_ORIGINAL.search(seg.text)),
            provision=raw_item.provision.id,
            evidence=evidence_seg.evidence(text)))
    if not out:
        findings.append(Finding("unread_document_list",
                                "an item of a document list names no document that can be read",
                                seg.evidence(text)))
    return out
