"""Lists across the corpus: acts by status, by issuer and by year; every dated event; the
effects table.

Each page is made in pieces (a row of its tables at a time), which the guide writes as they
come: the pages list every act or every event, so made whole each was a text (and its
rows, and the copies joining them) that grew with the corpus, several MiB at 10,000 acts."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from shezhire.graph.queries import Effect, effects
from shezhire.graph.timeline import act_events
from shezhire.guide import labels
from shezhire.guide.act_page import badge, event_row, events_head
from shezhire.guide.context import Guide, act_href, act_link, date_kk
from shezhire.guide.escape import h, md, one_line
from shezhire.guide.i18n import lang, t
from shezhire.guide.list_pages import NOT_SEARCHED, PagedList, list_pages, year_of

_STATUS_ORDER = ("in_force", "not_yet_in_force", "repealed", "unknown")


def _acts_table(guide: Guide, url: str, acts: list[str]) -> Iterator[str]:
    head = "".join(f"<th>{t(w)}</th>" for w in ("Акт", "Шығарған орган", "Атауы", "Күйі"))
    yield f"<table><thead><tr>{head}</tr></thead><tbody>"
    for a in acts:
        d = guide.g.nodes[a]
        state = badge(guide.status(a)) if d.get("in_corpus") else \
            f'<span class="status-badge status-unknown">{t("Тек сілтеме")}</span>'
        title = h(one_line(guide.title(a) or "", 200))
        yield (f"<tr><td>{act_link(guide, url, a, text=guide.short_name(a))}</td>"
               f"<td>{h(d.get('issuer') or labels.NO)}</td><td>{title}</td>"
               f"<td>{state}</td></tr>")
    yield "</tbody></table>\n"


def _by_date(guide: Guide, acts: list[str]) -> list[str]:
    return sorted(acts, key=lambda a: (guide.g.nodes[a].get("adopted") or "", a))


def _grouped(guide: Guide, url: str, title: str, intro: str,
             key: Callable[[str], str], group_title: Callable[[str], str],
             title_lang: Callable[[str], str | None] = lambda _k: None) -> Iterator[str]:
    groups: dict[str, list[str]] = {}
    for a in guide.g.nodes:
        groups.setdefault(key(a), []).append(a)
    yield f"{NOT_SEARCHED}# {md(title)}\n"
    yield f"\n{md(intro)}\n"
    for k in sorted(groups):
        marked = title_lang(k)
        attr = f" {{ lang={marked} }}" if marked and marked != lang() else ""
        yield f"\n## {md(group_title(k))}{attr}\n\n"
        yield from _acts_table(guide, url, _by_date(guide, groups[k]))


def status_index(guide: Guide) -> Iterator[str]:
    def key(a: str) -> str:
        status = guide.status(a) if guide.in_corpus(a) else "referenced"
        order = _STATUS_ORDER.index(status) if status in _STATUS_ORDER else len(_STATUS_ORDER)
        return f"{order}:{status}"

    def title(k: str) -> str:
        status = k.split(":", 1)[1]
        return t("Тек сілтеме арқылы белгілі актілер") if status == "referenced" \
            else labels.status(status)

    yield from _grouped(guide, "index/status/", t("Актілер күйі бойынша"),
                    t("Анықтамалықтағы актілер {date} күнгі күйі бойынша.").format(
                        date=date_kk(guide.as_of.isoformat())),
                    key, title)


def issuer_index(guide: Guide) -> Iterator[str]:
    unknown = t("Органы белгісіз")
    # An issuer is named in the language of the texts it was read from (Kazakh when no
    # record of the corpus says otherwise).
    text_lang = guide.issuer_languages()
    yield from _grouped(guide, "index/issuer/", t("Актілер шығарған орган бойынша"),
                    t("Әр органның анықтамалықтағы және сілтеме арқылы белгілі актілері."),
                    lambda a: str(guide.g.nodes[a].get("issuer") or unknown),
                    lambda k: k, lambda k: None if k == unknown else text_lang.get(k, "kk"))


def year_index(guide: Guide) -> Iterator[str]:
    yield from _grouped(guide, "index/year/", t("Актілер қабылданған жылы бойынша"),
                    t("Актілер қабылданған жылы бойынша, жыл ішінде күні бойынша."),
                    lambda a: str(guide.g.nodes[a].get("adopted") or "----")[:4],
                    lambda k: t("{year} жыл").format(year=k) if k != "----"
                    else t("Жылы белгісіз"))


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
