"""An act's full structured text as HTML: a permalink anchor on every provision, headings
for chapters, sections and appendices, and links wherever the record says the text names an
act (the evidence spans of its relations) or a provision of one (an amendment's target).

Every character of the text is escaped; links are laid over the escaped text by span, never
found by pattern in the HTML, so the act's own characters can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from shezhire.extract.targets import target_to_provision_ids
from shezhire.guide.context import Guide, Record, act_href
from shezhire.guide.escape import h, md
from shezhire.guide.i18n import t
from shezhire.guide.urls import provision_anchor

# Provision kinds shown as headings, with their Markdown level (the page's "Толық мәтіні"
# is level 2).
_HEADING_LEVEL = {"section": 3, "appendix": 3, "chapter": 4}


@dataclass(frozen=True)
class Link:
    """A link over ``text[start:end]`` of the record."""

    start: int
    end: int
    href: str
    title: str


def record_to_links(guide: Guide, record: Record, page_url: str) -> list[Link]:
    """Every link the record's facts put on its own text."""
    links: list[Link] = []

    def to_act(act: str, evidence: Record) -> None:
        if not _own(record, evidence):
            return  # a quote from the act's text in another language: not in this text
        if guide.known(act) and act != record["id"]:
            start, end = evidence["span"]
            links.append(Link(start, end, act_href(page_url, act), guide.name(act)))

    for key in ("repealed_by", "repeals", "references"):
        for ref in record[key]:
            for evidence in [ref["evidence"], *ref.get("more_evidence", [])]:
                to_act(ref["id"], evidence)
    for key in ("amended_by", "amends"):
        for am in record[key]:
            to_act(am["act"]["id"], am["evidence"])
            target_act = record["id"] if key == "amended_by" else am["act"]["id"]
            if _own(record, am["evidence"]):
                links += _target_links(guide, page_url, am, target_act,
                                       own=key == "amended_by")
    return links


def _own(record: Record, evidence: Record) -> bool:
    """Whether ``evidence`` quotes the record's own text (not its text in another language)."""
    return evidence.get("lang") in (None, record["lang"])


def amendment_provisions(guide: Guide, am: Record, target_act: str) -> list[str]:
    """Provision ids of ``target_act`` an amendment changes (from the record, else resolved
    here against the act's provisions when its text is in the corpus)."""
    ids = list(am.get("target_provisions") or [])
    if not ids and guide.in_corpus(target_act):
        ids = target_to_provision_ids(am.get("target"), guide.provision_ids(target_act))
    return ids


def _target_links(guide: Guide, page_url: str, am: Record, target_act: str, *,
                  own: bool) -> list[Link]:
    """A link over the words naming the changed part ("9-тармақ") to that provision."""
    ids = amendment_provisions(guide, am, target_act)
    target = am.get("target")
    if not ids or not target:
        return []
    at = am["evidence"]["quote"].find(target)
    if at < 0:
        return []
    start = am["evidence"]["span"][0] + at
    href = "#" + provision_anchor(ids[0]) if own else act_href(page_url, target_act, ids[0])
    return [Link(start, start + len(target), href, target)]


def _paint(text_len: int, links: list[Link]) -> list[int]:
    """For each character, the index of the innermost link covering it (-1: none), so that
    overlapping spans (a note naming both an act and a point) give adjacent, never nested,
    links."""
    owner = [-1] * text_len
    order = sorted(range(len(links)), key=lambda i: -(links[i].end - links[i].start))
    for i in order:  # widest first, narrower ones overwrite
        link = links[i]
        for pos in range(max(0, link.start), min(text_len, link.end)):
            owner[pos] = i
    return owner


def span_to_html(text: str, start: int, end: int, links: list[Link], owner: list[int]) -> str:
    """``text[start:end]`` escaped, with the painted links; newlines kept as character
    references (the block has no raw line breaks for Markdown to act on)."""
    if max(owner[start:end], default=-1) < 0:
        # No link over any of it (most provisions): one piece, without walking each
        # character (the same text the walk below gives).
        return h(text[start:end]).replace("\r", "").replace("\n", "&#10;")
    out: list[str] = []
    pos = start
    while pos < end:
        who = owner[pos] if pos < len(owner) else -1
        stop = pos
        while stop < end and (owner[stop] if stop < len(owner) else -1) == who:
            stop += 1
        chunk = h(text[pos:stop]).replace("\r", "").replace("\n", "&#10;")
        if who >= 0:
            link = links[who]
            chunk = f'<a href="{h(link.href)}" title="{h(link.title)}">{chunk}</a>'
        out.append(chunk)
        pos = stop
    return "".join(out)


def record_to_fulltext(guide: Guide, record: Record, page_url: str, *,
                       lang: str | None = None) -> str:
    """The "full text" part of the act page, as Markdown with HTML blocks; ``lang`` marks
    every block with the text's language (when it is not the page's). Such a text is not
    searched from this page: the tree of its own language indexes it, so the index of this
    page's language holds only its own language's words (and is not doubled)."""
    lang_attr = f' lang="{h(lang)}" data-pagefind-ignore="all"' if lang else ""
    text = record["text"]
    links = record_to_links(guide, record, page_url)
    owner = _paint(len(text), links)
    blocks: list[str] = []
    permalink = h(t("Тұрақты сілтеме"))
    for p in record["provisions"]:
        anchor = provision_anchor(p["id"])
        start, end = p["span"]
        level = _HEADING_LEVEL.get(p["kind"])
        if level is not None:
            attrs = f"#{anchor}" + (f" lang={lang} data-pagefind-ignore=all" if lang else "")
            blocks.append(f"{'#' * level} {md(text[start:end]) or md(p['id'])} {{{attrs}}}")
            continue
        role = p.get("role") or p["kind"]
        body = span_to_html(text, start, end, links, owner)
        blocks.append(
            f'<div class="provision provision-{h(p["kind"])} role-{h(role)}" id="{h(anchor)}">'
            f'<a class="provision-permalink" href="#{h(anchor)}" '
            f'aria-label="{permalink}: {h(p["id"])}">§</a>'
            f'<div class="provision-text"{lang_attr}>{body}</div></div>')
    return "\n\n".join(blocks) + "\n"
