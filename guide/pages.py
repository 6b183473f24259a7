"""The fixed pages: home, the checklist and graph containers, and downloads for developers."""

from __future__ import annotations

import json
from typing import Any

from shezhire.guide import labels
from shezhire.guide.act_page import events_table
from shezhire.guide.context import Guide, act_link, data_href, date_kk
from shezhire.guide.escape import h
from shezhire.guide.i18n import data_root, t

# The containers the checklist and graph scripts mount into (site/assets/*.js): exactly these
# on the Kazakh tree.
CHECKLIST_DIV = '<div id="checklist" data-rules="../rules.json"></div>'
GRAPH_DIV = '<div id="lineage-graph" data-graph="../graph.json"></div>'


def _mount(div: str, data_file: str) -> str:
    """The container as the current language's tree needs it: on the Russian tree the data
    file is at the site root ("../../rules.json") and ``data-pages`` says where that tree's
    act pages are (the scripts link the data file's neighbours otherwise)."""
    if not data_root():
        return div
    return div.replace(f'"../{data_file}"', f'"{h(data_href("x/", data_file))}" data-pages="../"')


def home_page(guide: Guide) -> str:
    corpus = sorted(guide.records, key=lambda a: (guide.records[a]["adopted"] or "", a))
    in_force = [a for a in corpus if guide.status(a) == "in_force"]
    listed = "".join(f"<li>{act_link(guide, '', a)}</li>" for a in in_force) or \
        f"<li>{t('Қолданыстағы акт жоқ.')}</li>"
    sections = [("index/status/", "Актілер күйі бойынша"),
                ("index/issuer/", "Актілер шығарған орган бойынша"),
                ("index/year/", "Актілер жылы бойынша"), ("timeline/", "Хронология"),
                ("effects/", "Өзгерістер кестесі"),
                ("downloads/", "Әзірлеушілерге: деректерді жүктеу")]
    return "\n".join([
        f"# {t('Шежіре: нормативтік актілер анықтамалығы')}\n",
        t("Бұл анықтамалық тұрғын үй кезегіне қою сияқты мемлекеттік қызметтерді реттейтін "
          "нормативтік құқықтық актілерді бір жерге жинайды. Әр актінің қазір күшінде ме, "
          "оны қай акт өзгерткені не күшін жойғаны, қандай құжаттар мен мерзімдер талап "
          "етілетіні көрсетіледі. Әр дерек акт мәтініндегі нақты сөздерге сілтеме арқылы "
          "тексеріледі.") + "\n",
        f'<div class="home-cta"><p><strong>{t("Өзіңізге қызмет көрсетілетінін тексеріңіз.")}'
        "</strong> "
        + t("Бірнеше сұраққа жауап беріңіз: қай акт қолданылатыны, қандай құжаттар керек және "
            "мерзімдер көрсетіледі. Жауаптарыңыз ешқайда жіберілмейді.") + "</p>"
        f'<p><a class="md-button md-button--primary" href="checklist/">{t("Құқықты тексеру")}</a> '
        f'<a class="md-button" href="graph/">{t("Сабақтастық графы")}</a></p></div>\n',
        f"## {t('Қолданыстағы актілер')} ({h(date_kk(guide.as_of.isoformat()))})\n",
        # Not searched: it grows with the corpus and only repeats the act pages' names.
        f'<ul class="act-list" data-pagefind-ignore>{listed}</ul>\n',
        f"## {t('Соңғы өзгерістер')}\n",
        events_table(guide, None, "", newest_first=True, limit=10, until=guide.as_of.isoformat()),
        f"## {t('Анықтамалық бөлімдері')}\n",
        "<ul>" + "".join(f'<li><a href="{href}">{t(text)}</a></li>' for href, text in sections)
        + "</ul>\n",
        "<p>" + t("Анықтамалықта {texts} актінің мәтіні және олар атаған {cited} акт бар.").format(
            texts=len(guide.records), cited=guide.g.number_of_nodes() - len(guide.records))
        + "</p>\n",
    ])


def checklist_page() -> str:
    rules = f'<a href="{h(data_href("checklist/", "rules.json"))}">rules.json</a>'
    return "\n".join([
        f"# {t('Құқықты тексеру')}\n",
        t("Сұрақтарға жауап беріңіз: бет сізге қай акт қолданылатынын, қандай құжаттар "
          "әкелу керегін және мерзімдерді көрсетеді. Әр жауаптың негізі — акт тармағы, "
          "оған сілтеме беріледі. Барлық есеп сіздің браузеріңізде жүреді, ешқандай дерек "
          "жіберілмейді.") + "\n",
        _mount(CHECKLIST_DIV, "rules.json") + "\n",
        "<noscript><p>" + t("Тексеру парағы JavaScript арқылы жұмыс істейді. Оны қосыңыз немесе "
                            "ережелерді {file} файлынан қараңыз.").format(file=rules)
        + "</p></noscript>\n",
    ])


def graph_page() -> str:
    graph = f'<a href="{h(data_href("graph/", "graph.json"))}">graph.json</a>'
    by_status = f'<a href="../index/status/">{t("күйі бойынша")}</a>'
    return "\n".join([
        f"# {t('Сабақтастық графы')}\n",
        t("Актілер және олардың байланыстары: қай акт қайсысының күшін жойды, өзгертті "
          "немесе оған сілтеме жасады. Актіні ашу үшін оны басыңыз; байланыс түрі бойынша "
          "сүзгілеуге және таңдалған күні қай актілер күшінде болғанын көруге болады.") + "\n",
        _mount(GRAPH_DIV, "graph.json") + "\n",
        "<noscript><p>" + t("Интерактивті граф JavaScript арқылы жұмыс істейді. Актілер тізімін "
                            "{by_status} көріңіз немесе графты {file} файлынан жүктеңіз.").format(
                                by_status=by_status, file=graph)
        + "</p></noscript>\n",
    ])


_FILES = [
    ("records.jsonl", "Барлық актілердің жазбалары, бір жолда бір JSON жазба.",
     "schema/act_record.schema.json"),
    ("graph.json", "Сабақтастық графы (networkx node-link пішімі).", "schema/graph.schema.json"),
    ("graph.graphml", "Сол граф GraphML пішімінде (Gephi, Cytoscape үшін).", None),
    ("rules.json", "Құқықты тексеру ережелері: сұрақтар, елді мекендер және әр актінің "
     "ережелері (тексеру парағы осы файлды оқиды).", "schema/rules.schema.json"),
]


def _file_link(path: str) -> str:
    return f'<a href="{h(data_href("downloads/", path))}"><code>{h(path)}</code></a>'


def downloads_page(guide: Guide) -> str:
    url = "downloads/"
    rows = "".join(
        f"<tr><td>{_file_link(f)}</td><td>{h(t(what))}</td>"
        f"<td>{_file_link(s) if s else labels.NO}</td></tr>"
        for f, what, s in _FILES)
    records = "".join(
        f'<li><a href="{h(data_href(url, "records/" + a + ".json"))}">'
        f'<code>records/{h(a)}.json</code></a> — '
        f"{act_link(guide, url, a)}</li>" for a in sorted(guide.records))
    example: dict[str, Any] = {}
    if guide.records:
        first = guide.records[sorted(guide.records)[0]]
        example = {k: first[k] for k in ("schema_version", "id", "title", "status", "act_type",
                                         "issuer", "adopted", "number") if k in first}
        example["repealed_by"] = [{k: r.get(k) for k in ("id", "adopted", "number")}
                                  for r in first["repealed_by"][:1]]
        example["provisions"] = ["…"]
    sample = h(json.dumps(example, ensure_ascii=False, indent=2))
    python = h('import json\n\nwith open("records.jsonl", encoding="utf-8") as f:\n'
               '    for line in f:\n        act = json.loads(line)\n'
               '        print(act["id"], act["status"], len(act["provisions"]))\n')
    jq = h('jq -r \'select(.status == "in_force") | .id\' records.jsonl')
    return "\n".join([
        f"# {t('Әзірлеушілерге')}\n",
        t("Анықтамалықтың барлық деректері ашық: төмендегі файлдарды жүктеп, өз "
          "бағдарламаңызда пайдалана аласыз. Әр файлдың JSON Schema (draft 2020-12) сұлбасы бар; "
          "`schema_version` семантикалық нұсқалауға сай өзгереді.") + "\n",
        "<table><thead><tr>" + "".join(f"<th>{t(w)}</th>" for w in ("Файл", "Мазмұны", "Сұлбасы"))
        + f"</tr></thead><tbody>{rows}</tbody></table>\n",
        f"## {t('Әр актінің жазбасы')}\n",
        f"<ul>{records}</ul>\n",
        f"## {t('Жазба пішімі')}\n",
        t("Жазбада актінің идентификаторы (`id`: органы, түрі, күні және нөмірі бойынша), "
          "атауы, күйі, түрі, шығарған органы, қабылданған күні, нөмірі, тіркелуі, "
          "байланыстары (`repealed_by`, `repeals`, `amended_by`, `amends`, `references`), "
          "мерзімдері (`deadlines`), құжаттар тізбелері (`document_lists`), құрылымы "
          "(`provisions`) және ақаулары (`findings`) бар. Әр дерек `evidence` өрісінде мәтіннен "
          "дәйексөз (`quote`) және оның орны (`span`) арқылы тексеріледі.") + "\n",
        f"{t('Мысал (қысқартылған):')}\n",
        f'<pre><code class="language-json">{sample}</code></pre>\n',
        f"## {t('Мысалдар')}\n",
        "Python:\n",
        f'<pre><code class="language-python">{python}</code></pre>\n',
        "jq:\n",
        f'<pre><code class="language-shell">{jq}</code></pre>\n',
    ])
