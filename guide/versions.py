"""The versions of an act on its page: a control per day its text changed, the text on that
day with each provision's source, the changes against the version before, each provision's
history, and a banner when an act that changed it is not in the corpus (no script: every
day is a ``<details>`` block, so the page works without JavaScript and offline)."""

from __future__ import annotations

from shezhire.extract.consolidate import consolidate, diff_versions, version_days
from shezhire.extract.models import ConsolidatedVersion, WordingSource
from shezhire.guide.context import Guide, Record, act_link, date_kk
from shezhire.guide.escape import h, one_line
from shezhire.guide.i18n import lang, t

_CHANGE = {"changed": "өзгертілді", "added": "қосылды", "removed": "алып тасталды",
           "unknown": "мәтіні белгісіз"}


def _source(guide: Guide, url: str, source: WordingSource | None) -> str:
    if source is None:
        return ""
    when = date_kk(source.day) + (t(" немесе кейін") if source.basis == "adopted" else "")
    return f"{act_link(guide, url, source.act)}, {h(when)}"


def _text(guide: Guide, url: str, version: ConsolidatedVersion, record: Record,
          sources: dict[WordingSource, str]) -> str:
    """The version's provisions; ``sources`` keeps each source's words as made for this page
    (a source is named on every provision of every version: thousands of times a page)."""
    rows = []
    for p in version.provisions:
        if p.removed:
            body = f"<em>{t('алып тасталды')}</em>"
        elif p.unknown:
            body = f"<em>{t('бұл күнгі мәтіні корпуста жоқ')}</em>"
        else:
            # The wording is the act text's: marked with its language on a page of another.
            text_lang = str(record.get("lang") or "kk")
            attr = f' lang="{h(text_lang)}"' if text_lang != lang() else ""
            body = f"<span{attr}>{h(one_line(p.text or ''))}</span>" if attr \
                else h(one_line(p.text or ""))
        source = sources.get(p.source) if p.source is not None else ""
        if source is None:
            source = sources[p.source] = _source(guide, url, p.source)
        rows.append(f'<li><code>{h(p.id)}</code> {body}<br><small>{source}</small></li>')
    return '<ol class="version-text">' + "".join(rows) + "</ol>"


def _changes(guide: Guide, url: str, old: ConsolidatedVersion | None,
             new: ConsolidatedVersion) -> str:
    if old is None:
        return f"<p>{t('Алғашқы нұсқа.')}</p>"
    changes = diff_versions(old, new)
    if not changes:
        return f"<p>{t('Алдыңғы нұсқадан айырмасы жоқ.')}</p>"
    items = "".join(
        f'<li><code>{h(c.id)}</code> {h(t(_CHANGE[c.change]))} — {_source(guide, url, c.source)}</li>'
        for c in changes)
    return f'<ul class="version-changes">{items}</ul>'


def versions_section(guide: Guide, record: Record, url: str) -> str:
    """The "Нұсқалары" section of an act's page (empty string when the text never changed)."""
    records = guide.related(record)
    days = version_days(record, records)
    if len(days) < 2:
        return ""
    versions = [consolidate(record, records, day) for day in days]
    outside = sorted({p.source.act for v in versions for p in v.provisions
                      if p.source.act != record["id"] and p.source.act not in guide.records})
    parts = [f"## {t('Нұсқалары')}\n"]
    if outside:
        names = ", ".join(act_link(guide, url, a) for a in outside)
        parts.append('<p class="banner version-banner">'
                     + t("Бұл актіні мәтіні корпуста жоқ акт өзгерткен: {names}. Бұрынғы "
                         "редакциялары белгісіз.").format(names=names) + "</p>\n")
    previous: ConsolidatedVersion | None = None
    sources: dict[WordingSource, str] = {}
    for version in versions:
        state = "" if version.complete else t(" (толық емес)")
        parts.append(
            '<details class="version"><summary>'
            + h(t("{date} күнгі мәтін").format(date=date_kk(version.day)))
            + f"{h(state)}</summary>\n<h4>{t('Өзгерістер')}</h4>"
            f"{_changes(guide, url, previous, version)}"
            f"<h4>{t('Мәтін')}</h4>{_text(guide, url, version, record, sources)}</details>\n")
        previous = version
    parts.append(_history(guide, url, versions))
    return "\n".join(parts)


def _history(guide: Guide, url: str, versions: list[ConsolidatedVersion]) -> str:
    """Each provision whose wording changed: its versions, from when, by which act."""
    seen: dict[str, list[tuple[str, WordingSource]]] = {}
    for v in versions:
        for p in v.provisions:
            steps = seen.setdefault(p.id, [])
            if not steps or steps[-1][1] != p.source:
                steps.append((v.day, p.source))
    rows = [(pid, steps) for pid, steps in seen.items() if len(steps) > 1
            or steps[0][1].action != "original"]
    if not rows:
        return ""
    body = "".join(
        f"<tr><td><code>{h(pid)}</code></td><td>"
        + "<br>".join(f"{h(date_kk(day))}: {_source(guide, url, s)} ({h(s.action)})"
                      for day, s in steps)
        + "</td></tr>" for pid, steps in rows)
    return (f'<h3>{t("Тармақтардың тарихы")}</h3>\n<table class="provision-history"><thead><tr>'
            f"<th>{t('Тармақ')}</th><th>{t('Нұсқалары')}</th></tr></thead><tbody>" + body
            + "</tbody></table>\n")
