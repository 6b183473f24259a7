"""Lists across the corpus: acts by status, by issuer and by year; every dated event; the
effects table.

Each list is an index and a page a group (a year, a status, an issuer), a group of more than
500 rows cut into parts (:mod:`shezhire.guide.list_pages`), so that no page grows with the
corpus; each page is made in pieces (a row of its tables at a time), which the guide writes
as they come."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

from shezhire.extract.identity import slug
from shezhire.graph.queries import Effect, effects
from shezhire.graph.timeline import act_events
from shezhire.guide import labels
from shezhire.guide.act_page import badge, event_row, events_head
from shezhire.guide.context import Guide, act_href, act_link, date_kk
from shezhire.guide.escape import h, one_line
from shezhire.guide.i18n import t
from shezhire.guide.list_pages import PagedList, list_pages, year_of

_STATUS_ORDER = ("in_force", "not_yet_in_force", "repealed", "unknown")


_ACTS_HEAD = ("Акт", "Шығарған орган", "Атауы", "Күйі")


def _act_row(guide: Guide, url: str, a: str) -> str:
    d = guide.g.nodes[a]
    state = badge(guide.status(a)) if d.get("in_corpus") else \
        f'<span class="status-badge status-unknown">{t("Тек сілтеме")}</span>'
    title = h(one_line(guide.title(a) or "", 200))
    return (f"<tr><td>{act_link(guide, url, a, text=guide.short_name(a))}</td>"
            f"<td>{h(d.get('issuer') or labels.NO)}</td><td>{title}</td>"
            f"<td>{state}</td></tr>")


def _grouped(guide: Guide, spec: PagedList, key: Callable[[str], str],
             order: Callable[[str], str], size: int | None
             ) -> Iterator[tuple[str, Iterator[str]]]:
    """A list of every act in groups (``key``; the groups in the order of ``order`` of their
    key), each group's acts by adoption date: an index of the groups and a page a group (or
    a part of a group), :mod:`shezhire.guide.list_pages`."""
    groups: dict[str, list[str]] = {}
    for a in guide.g.nodes:
        groups.setdefault(key(a), []).append(a)
    acts = [a for k in sorted(groups, key=lambda k: (order(k), k))
            for a in sorted(groups[k], key=lambda a: (guide.g.nodes[a].get("adopted") or "", a))]
    of = {a: k for k, members in groups.items() for a in members}
    yield from list_pages(spec, acts, of.__getitem__,
                          lambda a, url: _act_row(guide, url, a), size)


def _acts_head() -> str:
    return "".join(f"<th>{t(w)}</th>" for w in _ACTS_HEAD)


def status_index(guide: Guide, size: int | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """Every act by its status on the guide's day: a page a status."""
    def key(a: str) -> str:
        status = guide.status(a) if guide.in_corpus(a) else "referenced"
        order = _STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER)
        return f"{order}:{status}"

    def title(k: str) -> str:
        status = k.split(":", 1)[1]
        return t("Тек сілтеме арқылы белгілі актілер") if status == "referenced" \
            else labels.status(status)

    spec = PagedList(
        "index/status", t("Актілер күйі бойынша"),
        t("Анықтамалықтағы актілер {date} күнгі күйі бойынша.").format(
            date=date_kk(guide.as_of.isoformat())),
        _acts_head(), t("Акт жоқ."), group_head="Күйі", every_group="Барлық күйлер",
        split="Тізім күйі бойынша беттерге бөлінген; {size} актіден көп күйдің актілері "
              "бірнеше бетке бөлінеді.",
        count_head="Актілер саны", group_title=title,
        slug=lambda k: k.split(":", 1)[1].replace("_", "-"))
    yield from _grouped(guide, spec, key, lambda k: k, size)


def issuer_index(guide: Guide, size: int | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """Every act by its issuer: a page an issuer (named by its transliterated name)."""
    unknown = t("Органы белгісіз")
    # An issuer is named in the language of the texts it was read from (Kazakh when no
    # record of the corpus says otherwise).
    text_lang = guide.issuer_languages()
    issuers = sorted({str(guide.g.nodes[a].get("issuer") or "") for a in guide.g.nodes})
    spec = PagedList(
        "index/issuer", t("Актілер шығарған орган бойынша"),
        t("Әр органның анықтамалықтағы және сілтеме арқылы белгілі актілері."),
        _acts_head(), t("Акт жоқ."), group_head="Шығарған орган", every_group="Барлық органдар",
        split="Тізім органдар бойынша беттерге бөлінген; {size} актіден көп органның "
              "актілері бірнеше бетке бөлінеді.",
        count_head="Актілер саны", group_title=lambda k: k or unknown,
        slug=issuer_slugs(issuers).__getitem__,
        title_lang=lambda k: text_lang.get(k, "kk") if k else None)
    yield from _grouped(guide, spec, lambda a: str(guide.g.nodes[a].get("issuer") or ""),
                        lambda k: k or unknown, size)


def issuer_slugs(issuers: list[str]) -> dict[str, str]:
    """The names of the issuers' pages: each name transliterated (cut at 60 characters),
    with a short hash of the name where two would share one or it was cut; "unknown" for
    the acts of no known issuer."""
    plain = {i: slug(i) for i in issuers if i}
    taken: dict[str, int] = {"unknown": 1}
    for name in plain.values():
        taken[name] = taken.get(name, 0) + 1
    out = {"": "unknown"}
    for issuer, name in plain.items():
        if taken[name] > 1 or len(name) > 60 or name == "x":
            digest = hashlib.sha256(issuer.encode("utf-8")).hexdigest()[:8]
            name = f"{name[:60].rstrip('-')}-{digest}"
        out[issuer] = name
    return out


def year_index(guide: Guide, size: int | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """Every act by the year of its adoption: a page a year."""
    spec = PagedList(
        "index/year", t("Актілер қабылданған жылы бойынша"),
        t("Актілер қабылданған жылы бойынша, жыл ішінде күні бойынша."),
        _acts_head(), t("Акт жоқ."),
        split="Тізім жылдар бойынша беттерге бөлінген; {size} актіден көп жылдың актілері "
              "бірнеше бетке бөлінеді.",
        count_head="Актілер саны")
    yield from _grouped(guide, spec, lambda a: year_of(guide.g.nodes[a].get("adopted")),
                        lambda k: k, size)


def timeline_pages(guide: Guide, size: int | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """The timeline of every act: an index by year and a page a year (or a part of a year),
    :mod:`shezhire.guide.list_pages`."""
    spec = PagedList("timeline", t("Хронология"),
                     t("Барлық актілердің қабылдануы, тіркелуі, күшіне енуі, өзгертілуі "
                       "және күшінің жойылуы, күні бойынша."),
                     events_head(True), t("Күні белгілі оқиға жоқ."))
    yield from list_pages(spec, act_events(guide.g), lambda e: year_of(e.date),
                          lambda e, url: event_row(guide, e, url, True), size)


def effects_pages(guide: Guide, size: int | None = None) -> Iterator[tuple[str, Iterator[str]]]:
    """The effects table: an index by year (of the change's date) and a page a year (or a
    part of a year), :mod:`shezhire.guide.list_pages`."""
    head = "".join(f"<th>{t(w)}</th>" for w in ("Өзгертілген акт", "Бөлігі", "Өзгеріс",
                                                "Өзгерткен акт", "Күшіне енген күні", "Мәтіннен"))
    spec = PagedList("effects", t("Өзгерістер кестесі"),
                     t("Қай акт қай актінің қай бөлігін қашан өзгерткені немесе "
                       "күшін жойғаны; әр жолда мәтіннен үзінді бар."),
                     head, t("Өзгеріс жоқ."))
    yield from list_pages(spec, effects(guide.g), lambda e: year_of(e.date),
                          lambda e, url: _effect_row(guide, e, url), size)


def _effect_row(guide: Guide, e: Effect, url: str) -> str:
    affected_target = e.affected_provisions[0] if e.affected_provisions and \
        guide.in_corpus(e.affected_act) else None
    part = h(e.affected_part or t("акт тұтас"))
    if affected_target:
        part = f'<a href="{h(act_href(url, e.affected_act, affected_target))}">{part}</a>'
    affecting = act_link(guide, url, e.affecting_act)
    if e.affecting_provisions and guide.in_corpus(e.affecting_act):
        p = e.affecting_provisions[0]
        affecting += f' (<a href="{h(act_href(url, e.affecting_act, p))}">{h(p)}</a>)'
    quote = f'<q class="quote">{h(one_line(e.evidence[0]["quote"], 300))}</q>' \
        if e.evidence else ""
    basis = h(labels.DATE_BASIS.get(e.date_basis or "", "")) if e.date_basis else ""
    return (f"<tr><td>{act_link(guide, url, e.affected_act)}</td><td>{part}</td>"
            f"<td>{h(labels.ACTION.get(e.type, e.type))}</td><td>{affecting}</td>"
            f"<td>{h(date_kk(e.date))}<br><small>{basis}</small></td><td>{quote}</td></tr>")
