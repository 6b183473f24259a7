"""The page of an act whose text is in the corpus: badge, card, relations, lineage diagram,
timeline, deadlines, document lists, findings and the full text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shezhire.graph.timeline import Event, act_events
from shezhire.guide import labels
from shezhire.guide.context import Guide, Record, act_href, act_link, data_href, date_kk
from shezhire.guide.diagram import act_to_svg
from shezhire.guide.escape import h, md, one_line
from shezhire.guide.fulltext import amendment_provisions, record_to_fulltext
from shezhire.guide.i18n import lang, t
from shezhire.guide.page_text import evidence_language, page_text, text_language
from shezhire.guide.urls import act_url, provision_anchor
from shezhire.guide.versions import versions_section


def _q(text: str, text_lang: str) -> str:
    """A quote of an act's text, marked with the text's language on a page of another."""
    return f'<q class="quote"{_lang_attr(text_lang)}>{h(text)}</q>'


def _lang_attr(text_lang: str) -> str:
    return f' lang="{h(text_lang)}"' if text_lang != lang() else ""


def badge(status: str | None) -> str:
    css = labels.STATUS_CLASS.get(status or "unknown", "unknown")
    return f'<span class="status-badge status-{css}">{h(labels.status(status))}</span>'


# The card's rows a reader searches by ("№ 168", "№ 33835"): weighted up in the search index,
# so the act itself comes before the pages that only cite its number.
_SEARCH_WEIGHTED = ("Нөмірі", "Тіркелуі")


def _dl(rows: list[tuple[str, str]]) -> str:
    return '<dl class="act-card">' + "".join(
        f"<dt>{h(k)}</dt>"
        + ('<dd data-pagefind-weight="10">' if k in _SEARCH_WEIGHTED else "<dd>")
        + f"{v}</dd>" for k, v in rows) + "</dl>"


def _card(guide: Guide, record: Record, url: str) -> str:
    reg = record.get("registration") or {}
    registration = labels.NO
    if reg:
        registration = h(", ".join(filter(None, [
            f"№ {reg['number']}" if reg.get("number") else None,
            date_kk(reg.get("date")) if reg.get("date") else None,
            reg.get("by")])))
    in_force = h(date_kk(record["in_force_from"])) if record["in_force_from"] else labels.NO
    if record.get("in_force_rule"):
        in_force += "<br>" + _q(one_line(record["in_force_rule"]), text_language(record))
    status = badge(guide.status(record["id"])) + " " + \
        h(t("{date} күнгі жағдай").format(date=date_kk(guide.as_of.isoformat())))
    if record.get("status_label"):
        status += f'<br>{h(t("Дереккөзде"))}: ' + _q(record["status_label"], text_language(record))
    source = record["source"]
    rows = [
        (t("Түрі"), h(labels.act_type(record["act_type"]))),
        (t("Шығарған орган"), h(record["issuer"] or labels.NO)),
        (t("Қабылданған күні"), h(date_kk(record["adopted"]))),
        (t("Нөмірі"), h(f"№ {record['number']}" if record["number"] else labels.NO)),
        (t("Тіркелуі"), registration),
        (t("Күшіне енуі"), in_force),
        (t("Күйі"), status),
        (t("Дереккөз"), "<br>".join(
            f"<code>{h(s['path'])}</code> ({h(s['format'])}"
            + (f", {h(t(_LANGUAGE.get(s['lang'], s['lang'])))}" if s.get("lang") else "") + ")"
            for s in record.get("sources") or [source])),
        (t("Деректер"), f'<a href="{h(data_href(url, "records/" + record["id"] + ".json"))}">'
                        f"{h(t('JSON жазбасы'))}</a>"),
    ]
    return _dl(rows)


def _ref_item(guide: Guide, url: str, act: str, quote: str | None, extra: str = "",
              quote_lang: str = "kk") -> str:
    item = act_link(guide, url, act)
    title = guide.title(act)
    if title:
        item += f'<br><span class="act-title">{h(one_line(title, 300))}</span>'
    if extra:
        item += "<br>" + extra
    if quote:
        item += "<br>" + _q(one_line(quote, 400), quote_lang)
    return f"<li>{item}</li>"


def _list(title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f"### {md(title)}\n\n<ul class=\"relation-list\">{''.join(items)}</ul>\n"


def _amendment_extra(guide: Guide, url: str, am: Record, target_act: str, own: bool) -> str:
    action = labels.ACTION.get(am["action"], am["action"])
    part = h(am.get("target") or t("акт тұтас"))
    ids = amendment_provisions(guide, am, target_act)
    if ids:
        part = ", ".join(
            f'<a href="{h("#" + provision_anchor(i) if own else act_href(url, target_act, i))}">'
            f"{h(am.get('target') or i) if n == 0 else h(i)}</a>" for n, i in enumerate(ids))
    return f"{part}: {h(action)}"


def _relations(guide: Guide, record: Record, url: str) -> str:
    me = record["id"]

    def said_in(item: Record) -> str:
        return evidence_language(record, item["evidence"])

    parts = [
        _list(t("Кім күшін жойды"), [_ref_item(guide, url, r["id"], r["evidence"]["quote"],
                                            quote_lang=said_in(r))
                                  for r in record["repealed_by"]]),
        _list(t("Күшін жояды"), [_ref_item(guide, url, r["id"], r["evidence"]["quote"],
                                         quote_lang=said_in(r))
                              for r in record["repeals"]]),
        _list(t("Өзгерістер енгізген актілер"), [
            _ref_item(guide, url, a["act"]["id"], a["evidence"]["quote"],
                      _amendment_extra(guide, url, a, me, own=True), said_in(a))
            for a in record["amended_by"]]),
        _list(t("Өзгерістер енгізеді"), [
            _ref_item(guide, url, a["act"]["id"], a["evidence"]["quote"],
                      _amendment_extra(guide, url, a, a["act"]["id"], own=False), said_in(a))
            for a in record["amends"]]),
        _list(t("Сілтеме жасайды"), [_ref_item(guide, url, r["id"], r["evidence"]["quote"],
                                            quote_lang=said_in(r))
                                  for r in record["references"]]),
        _list(t("Осы актіге сілтеме жасаған актілер"), [
            _ref_item(guide, url, u, (d.get("evidence") or [{}])[0].get("quote"),
                      quote_lang=evidence_language(guide.records.get(u) or {},
                                                   (d.get("evidence") or [{}])[0]))
            for u, _v, d in sorted(guide.g.in_edges(me, data=True), key=lambda e: e[0])
            if d["relation"] == "cites"]),
    ]
    body = "\n".join(p for p in parts if p)
    return f"## {t('Байланыстар')}\n\n" + (body or t("Басқа актілермен байланысы белгісіз.") + "\n")


def _event_detail(kind: str, detail: str | None) -> str:
    """The graph's "9-тармақ (new_wording)" with the action in Kazakh; numbers with "№"."""
    if not detail:
        return ""
    if kind in ("adopted", "registered"):
        return f"№ {detail}"
    match = re.fullmatch(r"(.*)\((\w+)\)", detail)
    if match and match[2] in labels.ACTION:
        return f"{match[1].strip()} — {labels.ACTION[match[2]]}".strip(" —")
    return detail


def events_table(guide: Guide, act: str | None, url: str, *, newest_first: bool = False,
                 limit: int | None = None, until: str | None = None) -> str:
    """Dated events (of one act, or of all; up to the day ``until``) as an HTML table."""
    return "".join(iter_events_table(guide, act, url, newest_first=newest_first, limit=limit,
                                     until=until))


def iter_events_table(guide: Guide, act: str | None, url: str, *, newest_first: bool = False,
                      limit: int | None = None, until: str | None = None) -> Iterator[str]:
    """:func:`events_table`'s text in pieces, a row at a time (the timeline of every act
    is written as it is made, not held)."""
    events = [e for e in act_events(guide.g, act) if until is None or e.date <= until]
    if newest_first:
        events = list(reversed(events))
    if limit is not None:
        events = events[:limit]
    if not events:
        yield f"<p>{t('Күні белгілі оқиға жоқ.')}</p>\n"
        return
    yield f'<table><thead><tr>{events_head(act is None)}</tr></thead><tbody>'
    for e in events:
        yield event_row(guide, e, url, act is None)
    yield "</tbody></table>\n"


def events_head(with_act: bool) -> str:
    """The ``<th>`` cells of an events table (with the act's column when it lists all acts)."""
    return f"<th>{t('Күні')}</th>" + (f"<th>{t('Акт')}</th>" if with_act else "") + \
        "".join(f"<th>{t(w)}</th>" for w in ("Оқиға", "Басқа акт", "Толығырақ", "Күннің негізі"))


def event_row(guide: Guide, e: Event, url: str, with_act: bool) -> str:
    """One event's ``<tr>`` on the page at ``url``."""
    other = act_link(guide, url, e.other, text=guide.short_name(e.other)) if e.other else ""
    detail = h(_event_detail(e.kind, e.detail))
    if e.quote:
        detail += f'<br><q class="quote">{h(one_line(e.quote, 300))}</q>'
    basis = h(labels.DATE_BASIS.get(e.basis or "", "")) if e.basis else ""
    return (f"<tr><td>{h(date_kk(e.date))}</td>"
            + (f"<td>{act_link(guide, url, e.act, text=guide.short_name(e.act))}</td>"
               if with_act else "")
            + f"<td>{h(labels.EVENT.get(e.kind, e.kind))}</td><td>{other}</td>"
            f"<td>{detail}</td><td>{basis}</td></tr>")


def _provision_link(record: Record, provision: str | None) -> str:
    if not provision:
        return labels.NO
    ids = {p["id"] for p in record["provisions"]}
    if provision not in ids:
        return h(provision)
    return f'<a href="#{h(provision_anchor(provision))}">{h(provision)}</a>'


def _deadlines(record: Record) -> str:
    deadlines = record.get("deadlines") or []
    if not deadlines:
        return f"## {t('Мерзімдер')}\n\n{t('Мәтінде мерзім табылмады.')}\n"
    term = record.get("service_term")
    rows = []
    for d in deadlines:
        amount = " ".join(filter(None, [str(d.get("value") or ""),
                                        labels.DAY_KIND.get(d.get("day_kind"), ""),
                                        labels.UNIT.get(d.get("unit") or "", d.get("unit") or "")]))
        mark = ' class="service-term"' if term and d.get("evidence") == term.get("evidence") else ""
        own = _lang_attr(text_language(record))
        rows.append(f"<tr{mark}><td>{h(amount)}</td>"
                    f"<td{own}>{h(one_line(d.get('action') or ''))}</td>"
                    f"<td{own}>{h(one_line(d.get('trigger') or ''))}</td>"
                    f"<td>{_provision_link(record, d.get('provision'))}</td>"
                    f"<td>{_q(one_line(d['evidence']['quote']), evidence_language(record, d['evidence']))}"
                    "</td></tr>")
    intro = ""
    if term:
        intro = (f"<p>{t('Қызмет көрсету мерзімі')}: <strong>"
                 + h(" ".join(filter(None, [str(term.get("value") or ""),
                                            labels.DAY_KIND.get(term.get("day_kind"), ""),
                                            labels.UNIT.get(term.get("unit") or "", "")])))
                 + f"</strong> ({t('кестеде белгіленген')}).</p>\n\n")
    head = "".join(f"<th>{t(w)}</th>" for w in
                   ("Мерзім", "Не істеледі", "Қашаннан бастап", "Тармақ", "Мәтіннен"))
    return (f"## {t('Мерзімдер')}\n\n" + intro + f'<table><thead><tr>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n")


def _document_lists(record: Record) -> str:
    lists = record.get("document_lists") or []
    if not lists:
        return f"## {t('Құжаттар тізбесі')}\n\n{t('Мәтінде құжаттар тізбесі табылмады.')}\n"
    out = [f"## {t('Құжаттар тізбесі')}\n"]
    for dl in lists:
        head = labels.DOCLIST_KIND.get(dl.get("kind") or "", t("Құжаттар"))
        if dl.get("channel_text"):
            head += f" — {one_line(dl['channel_text'])}"
        items = "".join(
            f"<li>{h(one_line(i['label']))}"
            + (f' <em>({h(one_line(i["condition"]))})</em>' if i.get("condition") else "")
            + (f" — {t('түпнұсқасы қажет')}" if i.get("original_required") else "")
            + f" <small>{_provision_link(record, i.get('provision'))}</small></li>"
            for i in dl.get("items", []))
        cond = f'<p class="doclist-condition">{h(one_line(dl["condition"]))}</p>' \
            if dl.get("condition") else ""
        out.append(f'<div class="doclist" id="{h(provision_anchor(dl["id"]))}">'
                   f'<p class="doclist-title"><strong>{h(head)}</strong></p>{cond}'
                   f"<ol{_lang_attr(text_language(record))}>{items}</ol></div>\n")
    return "\n".join(out)


def _findings(record: Record) -> str:
    findings = record.get("findings") or []
    if not findings:
        return f"## {t('Ақаулар')}\n\n{t('Дереккөзде ақау байқалмады.')}\n"
    items = "".join(
        f"<li><code>{h(f['kind'])}</code> {h(f['message'])}"
        + ("<br>" + _q(one_line(f["evidence"]["quote"], 400),
                       evidence_language(record, f["evidence"]))
           if f.get("evidence") else "") + "</li>"
        for f in findings)
    return (f"## {t('Ақаулар')}\n\n{t('Дереккөз мәтініндегі адам тексеруі керек сәйкессіздіктер:')}\n\n"
            f'<ul class="findings">{items}</ul>\n')


# On a page of one language, the note over an act text of the other (the corpus holds only it).
_OTHER_TEXT = {
    "ru": "Текста этого акта на русском языке в корпусе нет: ниже приведён текст на казахском "
          "языке.",
    "kk": "Бұл актінің қазақ тіліндегі мәтіні корпуста жоқ: төменде орыс тіліндегі мәтіні "
          "берілген.",
}
_LANGUAGE = {"kk": "Қазақша", "ru": "Орысша"}


def _side_by_side(record: Record) -> str:
    """The act's texts in two languages, provision by provision, in a ``<details>`` that a
    reader opens on request (no script): the provisions of one numbering path side by side."""
    others = sorted(record.get("translations") or {})
    if not others:
        return ""
    langs = [record["lang"], *others]
    head = "".join(f'<th scope="col">{h(t(_LANGUAGE[x]) if x in _LANGUAGE else x)}</th>'
                   for x in langs)
    rows = []
    for p in record["provisions"]:
        texts = [p["text"], *((p.get("translations") or {}).get(x, {}).get("text")
                              for x in others)]
        # Line breaks as character references: a blank line would end Markdown's HTML block.
        shown = "".join(
            f'<td lang="{h(x)}">{h(s).replace(chr(13), "").replace(chr(10), "&#10;") if s else "—"}'
            "</td>" for x, s in zip(langs, texts, strict=True))
        rows.append(f'<tr><th scope="row"><a href="#{h(provision_anchor(p["id"]))}">'
                    f"{h(p['id'])}</a></th>{shown}</tr>")
    return (f"## {t('Екі тілдегі мәтіні')}\n\n"
            # Not searched: each text is indexed on the page of its own language.
            f'<details class="bilingual-text" data-pagefind-ignore="all"><summary>{t("Қазақша және орысша мәтінін қатар көрсету")}'
            "</summary>\n"
            f'<table class="bilingual"><caption>{t("Бір нөмірлі тармақтар қатар")}</caption>'
            f'<thead><tr><th scope="col">{t("Бөлік")}</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>\n</details>\n")


def record_to_page(guide: Guide, record: Record) -> str:
    """The Markdown of the act's page (``acts/<id>/``). The full text is the one in the page's
    language where the record holds it (:func:`page_text`); the act's own words (title, full
    text) are marked with their language, and on a page of another language a note says so."""
    url = act_url(record["id"])
    shown, text_lang = page_text(record)
    other = text_lang != lang()
    title = md(shown["title"] or guide.name(record["id"]))
    note = f'<p class="text-language-note">{h(_OTHER_TEXT[lang()])}</p>\n\n' if other else ""
    parts = [
        f"# {title}" + (f" {{ lang={text_lang} }}" if other and shown["title"] else "") + "\n",
        # The lead (status, date, number, kind) is also the act's name in search results.
        f'<p class="act-lead" data-pagefind-meta="name">{badge(guide.status(record["id"]))} '
        f'{h(guide.name(record["id"]))}</p>\n',
        _card(guide, record, url) + "\n",
        _relations(guide, record, url),
        f"## {t('Сабақтастық сызбасы')}\n\n" + act_to_svg(guide, record["id"], url) + "\n",
        f"## {t('Хронология')}\n\n" + events_table(guide, record["id"], url),
        _deadlines(record),
        _document_lists(record),
        _findings(record),
        versions_section(guide, record, url),
        f"## {t('Толық мәтіні')}\n\n" + note
        + record_to_fulltext(guide, shown, url, lang=text_lang if other else None),
        _side_by_side(record),
    ]
    return "\n".join(parts)
