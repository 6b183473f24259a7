"""The fixed pages: home, the checklist and graph containers, and downloads for developers."""

from __future__ import annotations

import json
from typing import Any

from shezhire.guide import labels
from shezhire.guide.act_page import events_table
from shezhire.guide.context import Guide, act_link, date_kk
from shezhire.guide.escape import h

# The containers the checklist and graph scripts mount into (site/assets/*.js): exactly these.
CHECKLIST_DIV = '<div id="checklist" data-rules="../rules.json"></div>'
GRAPH_DIV = '<div id="lineage-graph" data-graph="../graph.json"></div>'


def home_page(guide: Guide) -> str:
    corpus = sorted(guide.records, key=lambda a: (guide.records[a]["adopted"] or "", a))
    in_force = [a for a in corpus if guide.status(a) == "in_force"]
    listed = "".join(f"<li>{act_link(guide, '', a)}</li>" for a in in_force) or \
        "<li>Қолданыстағы акт жоқ.</li>"
    return "\n".join([
        "# Шежіре: нормативтік актілер анықтамалығы\n",
        "Бұл анықтамалық тұрғын үй кезегіне қою сияқты мемлекеттік қызметтерді реттейтін "
        "нормативтік құқықтық актілерді бір жерге жинайды. Әр актінің қазір күшінде ме, "
        "оны қай акт өзгерткені не күшін жойғаны, қандай құжаттар мен мерзімдер талап "
        "етілетіні көрсетіледі. Әр дерек акт мәтініндегі нақты сөздерге сілтеме арқылы "
        "тексеріледі.\n",
        '<div class="home-cta"><p><strong>Өзіңізге қызмет көрсетілетінін тексеріңіз.</strong> '
        "Бірнеше сұраққа жауап беріңіз: қай акт қолданылатыны, қандай құжаттар керек және "
        "мерзімдер көрсетіледі. Жауаптарыңыз ешқайда жіберілмейді.</p>"
        '<p><a class="md-button md-button--primary" href="checklist/">Құқықты тексеру</a> '
        '<a class="md-button" href="graph/">Сабақтастық графы</a></p></div>\n',
        f"## Қолданыстағы актілер ({h(date_kk(guide.as_of.isoformat()))})\n",
        # Not searched: it grows with the corpus and only repeats the act pages' names.
        f'<ul class="act-list" data-pagefind-ignore>{listed}</ul>\n',
        "## Соңғы өзгерістер\n",
        events_table(guide, None, "", newest_first=True, limit=10, until=guide.as_of.isoformat()),
        "## Анықтамалық бөлімдері\n",
        '<ul><li><a href="index/status/">Актілер күйі бойынша</a></li>'
        '<li><a href="index/issuer/">Актілер шығарған орган бойынша</a></li>'
        '<li><a href="index/year/">Актілер жылы бойынша</a></li>'
        '<li><a href="timeline/">Хронология</a></li>'
        '<li><a href="effects/">Өзгерістер кестесі</a></li>'
        '<li><a href="downloads/">Әзірлеушілерге: деректерді жүктеу</a></li></ul>\n',
        f"<p>Анықтамалықта {len(guide.records)} актінің мәтіні және олар атаған "
        f"{guide.g.number_of_nodes() - len(guide.records)} акт бар.</p>\n",
    ])


def checklist_page() -> str:
    return "\n".join([
        "# Құқықты тексеру\n",
        "Сұрақтарға жауап беріңіз: бет сізге қай акт қолданылатынын, қандай құжаттар "
        "әкелу керегін және мерзімдерді көрсетеді. Әр жауаптың негізі — акт тармағы, "
        "оған сілтеме беріледі. Барлық есеп сіздің браузеріңізде жүреді, ешқандай дерек "
        "жіберілмейді.\n",
        CHECKLIST_DIV + "\n",
        "<noscript><p>Тексеру парағы JavaScript арқылы жұмыс істейді. Оны қосыңыз немесе "
        'ережелерді <a href="../rules.json">rules.json</a> файлынан қараңыз.</p></noscript>\n',
    ])


def graph_page() -> str:
    return "\n".join([
        "# Сабақтастық графы\n",
        "Актілер және олардың байланыстары: қай акт қайсысының күшін жойды, өзгертті "
        "немесе оған сілтеме жасады. Актіні ашу үшін оны басыңыз; байланыс түрі бойынша "
        "сүзгілеуге және таңдалған күні қай актілер күшінде болғанын көруге болады.\n",
        GRAPH_DIV + "\n",
        "<noscript><p>Интерактивті граф JavaScript арқылы жұмыс істейді. Актілер тізімін "
        '<a href="../index/status/">күйі бойынша</a> көріңіз немесе графты '
        '<a href="../graph.json">graph.json</a> файлынан жүктеңіз.</p></noscript>\n',
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
    return f'<a href="../{h(path)}"><code>{h(path)}</code></a>'


def downloads_page(guide: Guide) -> str:
    url = "downloads/"
    rows = "".join(
        f"<tr><td>{_file_link(f)}</td><td>{h(what)}</td>"
        f"<td>{_file_link(s) if s else labels.NO}</td></tr>"
        for f, what, s in _FILES)
    records = "".join(
        f'<li><a href="../records/{h(a)}.json"><code>records/{h(a)}.json</code></a> — '
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
        "# Әзірлеушілерге\n",
        "Анықтамалықтың барлық деректері ашық: төмендегі файлдарды жүктеп, өз "
        "бағдарламаңызда пайдалана аласыз. Әр файлдың JSON Schema (draft 2020-12) сұлбасы бар; "
        "`schema_version` семантикалық нұсқалауға сай өзгереді.\n",
        '<table><thead><tr><th>Файл</th><th>Мазмұны</th><th>Сұлбасы</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>\n",
        "## Әр актінің жазбасы\n",
        f"<ul>{records}</ul>\n",
        "## Жазба пішімі\n",
        "Жазбада актінің идентификаторы (`id`: органы, түрі, күні және нөмірі бойынша), "
        "атауы, күйі, түрі, шығарған органы, қабылданған күні, нөмірі, тіркелуі, "
        "байланыстары (`repealed_by`, `repeals`, `amended_by`, `amends`, `references`), "
        "мерзімдері (`deadlines`), құжаттар тізбелері (`document_lists`), құрылымы "
        "(`provisions`) және ақаулары (`findings`) бар. Әр дерек `evidence` өрісінде мәтіннен "
        "дәйексөз (`quote`) және оның орны (`span`) арқылы тексеріледі.\n",
        "Мысал (қысқартылған):\n",
        f'<pre><code class="language-json">{sample}</code></pre>\n',
        "## Мысалдар\n",
        "Python:\n",
        f'<pre><code class="language-python">{python}</code></pre>\n',
        "jq:\n",
        f'<pre><code class="language-shell">{jq}</code></pre>\n',
    ])
