"""The page of an act known only because the corpus names it: what the citing texts say of it
and which acts cite it, how, with their words."""

from __future__ import annotations

from typing import Any

from shezhire.guide import labels
from shezhire.guide.context import Guide, act_href, act_link, date_kk
from shezhire.guide.diagram import act_to_svg
from shezhire.guide.escape import h, md, one_line
from shezhire.guide.i18n import t
from shezhire.guide.urls import act_url

_HOW = {
    ("repeals", True): "бұл актінің күшін жойды",
    ("repeals", False): "күшін бұл акт жойды",
    ("amends", True): "бұл актіге өзгерістер енгізді",
    ("amends", False): "бұл акт оған өзгерістер енгізді",
    ("cites", True): "бұл актіге сілтеме жасайды",
    ("cites", False): "бұл акт оған сілтеме жасайды",
}


def _evidence_items(guide: Guide, url: str, evidence: list[dict[str, Any]]) -> str:
    items = []
    for ev in evidence:
        teller = ev.get("record")
        if not isinstance(teller, str) or teller not in guide.records:
            teller = None
        where = guide.provision_at(teller, ev["span"][0], ev.get("lang")) \
            if teller is not None else None
        link = ""
        if teller is not None:
            link = (f' <a href="{h(act_href(url, teller, where["id"] if where else None))}">'
                    f"{t('мәтіндегі орны')}</a>")
        items.append(f'<li><q class="quote">{h(one_line(ev["quote"], 400))}</q>{link}</li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""


def stub_to_page(guide: Guide, act: str) -> str:
    """The Markdown of a referenced-only act's page (``acts/<id>/``)."""
    url = act_url(act)
    d = guide.g.nodes[act]
    rows = [
        (t("Түрі"), labels.act_type(d.get("act_type"))),
        (t("Шығарған орган"), d.get("issuer") or labels.NO),
        (t("Қабылданған күні"), date_kk(d.get("adopted"))),
        (t("Нөмірі"), f"№ {d['number']}" if d.get("number") else labels.NO),
        (t("Тіркеу нөмірі"), f"№ {d['registration_number']}" if d.get("registration_number")
         else labels.NO),
    ]
    card = '<dl class="act-card">' + "".join(
        f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in rows) + "</dl>"
    titles = d.get("titles_seen") or []
    issuers = [i for i in d.get("issuers_seen") or [] if i != d.get("issuer")]
    parts = [
        f"# {md(guide.name(act))}\n",
        f'<p class="act-lead"><span class="status-badge status-unknown">{t("Тек сілтеме")}</span> '
        + t("Бұл актінің мәтіні анықтамалықта жоқ: төменде оны атаған актілер не дейтіні "
            "жинақталған.") + "</p>\n",
        card + "\n",
    ]
    if titles:
        parts.append(f"## {t('Кездескен атаулары')}\n\n<ul>" + "".join(
            f"<li>{h(one_line(t))}</li>" for t in titles) + "</ul>\n")
    if issuers:
        parts.append(f"## {t('Органның басқа атаулары')}\n\n<ul>" + "".join(
            f"<li>{h(i)}</li>" for i in issuers) + "</ul>\n")
    cited = []
    edges = [(u, v, dd, True) for u, v, dd in guide.g.in_edges(act, data=True)] + \
        [(u, v, dd, False) for u, v, dd in guide.g.out_edges(act, data=True)]
    for u, v, dd, incoming in sorted(edges, key=lambda e: (e[0], e[1], str(e[2].get("relation")))):
        other = u if incoming else v
        how = t(_HOW[(dd["relation"], incoming)]) if (dd["relation"], incoming) in _HOW \
            else dd["relation"]
        detail = ""
        if dd.get("affected_part"):
            detail = f" ({h(dd['affected_part'])}: " \
                f"{h(labels.ACTION.get(dd.get('action') or '', dd.get('action') or ''))})"
        date = f", {h(date_kk(dd['date']))}" if dd.get("date") else ""
        cited.append(f"<li>{act_link(guide, url, other)} — {h(how)}{detail}{date}"
                     f"{_evidence_items(guide, url, dd.get('evidence') or [])}</li>")
    parts.append(f"## {t('Қай актілер атайды')}\n\n" + (
        f'<ul class="relation-list">{"".join(cited)}</ul>\n' if cited else t("Жоқ.") + "\n"))
    parts.append(f"## {t('Сабақтастық сызбасы')}\n\n" + act_to_svg(guide, act, url) + "\n")
    return "\n".join(parts)
