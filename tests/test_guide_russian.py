"""The Russian guide (``ru/``) as a reader meets it: the same pages as the Kazakh root, a
language switch on every page leading to the same page in the other language, ``lang`` right
on every page and on the act text it shows, the guide's own words in Russian, and the data
files published once at the root."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from golden_facts import GOLDEN_DAY, SEEDS
from site_links import link_target

from shezhire.extract.pipeline import extract_record, link_records
from shezhire.guide.build import build_site

# Letters Kazakh has and Russian does not.
KAZAKH_LETTERS = set("ӘәҒғҚқҢңӨөҰұҮүҺһІі")
# Elements whose text is the guide's own words (not act titles, names or quotes).
UI_TAGS = {"h2", "th", "dt", "label", "legend", "button", "figcaption"}


class LangPage(HTMLParser):
    """Each piece of text with the language in force where it stands and its element; the
    language switch's links; the <html lang>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None, str]] = []  # (tag, lang, text)
        self.switch: dict[str, str] = {}  # hreflang -> href of the language switch
        self.switch_attrs: list[dict[str, str | None]] = []
        self.blocks_lang: dict[str, str | None] = {}  # provision-text id -> lang
        self.h1_lang: str | None = None

    _VOID: ClassVar[set[str]] = {"meta", "link", "br", "img", "input", "hr", "source", "wbr",
                                 "path", "line", "rect"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        parent = self.stack[-1][1] if self.stack else self.lang
        if tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switch[str(a.get("hreflang"))] = str(a.get("href"))
            self.switch_attrs.append(a)
        if tag == "h1":
            self.h1_lang = a.get("lang") or parent
        if tag not in self._VOID:
            self.stack.append((tag, a.get("lang") or parent))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack:
            tag, lang = self.stack[-1]
            self.texts.append((tag, lang, data.strip()))


def parse(path: Path) -> LangPage:
    page = LangPage()
    page.feed(path.read_text("utf-8"))
    return page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    records = link_records([extract_record(p, GOLDEN_DAY) for p in SEEDS])
    site = build_site(records, tmp_path_factory.mktemp("guide-ru") / "public", as_of=GOLDEN_DAY)
    return site, records


@pytest.fixture(scope="module")
def site(built: tuple[Path, list[dict[str, Any]]]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, LangPage]:
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def test_the_russian_tree_holds_every_page_of_the_kazakh_one_and_no_other(
        pages: dict[str, LangPage]) -> None:
    kazakh = {p for p in pages if not p.startswith("ru/")}
    russian = {p.removeprefix("ru/") for p in pages if p.startswith("ru/")}
    assert len(kazakh) > 20
    assert russian == kazakh


def test_lang_is_right_on_every_page(pages: dict[str, LangPage]) -> None:
    wrong = [(p, page.lang) for p, page in pages.items()
             if page.lang != ("ru" if p.startswith("ru/") else "kk")]
    assert wrong == []


def test_the_language_switch_on_every_page_leads_to_the_same_page_in_each_language(
        pages: dict[str, LangPage]) -> None:
    for path, page in pages.items():
        if path.endswith("404.html"):
            # Served at any address: it links to each tree's root by absolute path.
            assert page.switch == {"kk": "/", "ru": "/ru/"}, path
            continue
        twin = path.removeprefix("ru/")
        assert link_target(path, page.switch["kk"])[0] == twin, path
        assert link_target(path, page.switch["ru"])[0] == "ru/" + twin, path
        own = "ru" if path.startswith("ru/") else "kk"
        for a in page.switch_attrs:
            assert a.get("lang") == a.get("hreflang")  # "Русский" is read as Russian
            assert ("aria-current" in a) == (a.get("hreflang") == own), path


def test_the_guides_own_words_on_the_russian_pages_are_russian(
        pages: dict[str, LangPage]) -> None:
    """Headings, table heads, card terms, labels, buttons and captions of every Russian page
    (outside the act text marked Kazakh) hold no Kazakh word; the same elements of the
    Kazakh pages do, so the check can tell."""
    def kazakh_ui(page: LangPage, page_lang: str) -> list[str]:
        return [text for tag, lang, text in page.texts
                if tag in UI_TAGS and lang == page_lang and KAZAKH_LETTERS & set(text)]

    leaks = {p: kazakh_ui(page, "ru") for p, page in pages.items() if p.startswith("ru/")}
    assert {p: w for p, w in leaks.items() if w} == {}
    assert kazakh_ui(pages["acts/2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi/"
                           "index.html"], "kk")


def test_home_and_act_pages_speak_russian(pages: dict[str, LangPage],
                                          built: tuple[Path, list[dict[str, Any]]]) -> None:
    home = " ".join(t for _tag, _lang, t in pages["ru/index.html"].texts)
    for words in ("Шежире: справочник нормативных правовых актов", "Проверка права",
                  "Граф преемственности", "Действующие акты", "Последние изменения"):
        assert words in home
    record = next(r for r in built[1] if r["id"].startswith("2018-07-12_decree_193"))
    act = " ".join(t for _tag, _lang, t in pages[f"ru/acts/{record['id']}/index.html"].texts)
    for words in ("Связи", "Схема преемственности", "Хронология", "Сроки", "Полный текст",
                  "постановление от 12 июля 2018 года № 193", "Издавший орган"):
        assert words in act, words


def test_a_kazakh_act_text_on_the_russian_page_is_marked_kazakh_with_a_note_in_russian(
        site: Path, pages: dict[str, LangPage], built: tuple[Path, list[dict[str, Any]]]) -> None:
    for record in built[1]:
        assert record["lang"] == "kk"  # the seeds: Kazakh texts only
        ru = pages[f"ru/acts/{record['id']}/index.html"]
        kk = pages[f"acts/{record['id']}/index.html"]
        assert ru.h1_lang == "kk" and kk.h1_lang == "kk"
        notes = [t for tag, lang, t in ru.texts if lang == "ru" and "на казахском языке" in t]
        assert notes == ["Текста этого акта на русском языке в корпусе нет: ниже приведён текст "
                         "на казахском языке."]
        assert not [t for _tag, _lang, t in kk.texts if "на казахском языке" in t]
        # Every provision's text on the Russian page is in an element marked Kazakh.
        point = next(p for p in record["provisions"] if p["kind"] == "point")
        first_words = " ".join(point["text"].split()[:3])
        shown = [(lang, t) for _tag, lang, t in ru.texts if t.startswith(first_words[:12])]
        assert shown and all(lang == "kk" for lang, _t in shown), shown
        html = (site / "ru" / "acts" / record["id"] / "index.html").read_text("utf-8")
        assert html.count('class="provision-text" lang="kk"') == html.count('class="provision-text"')
        # The quotes of its own text (card, relations, deadlines, findings) too; none is
        # marked on the Kazakh page.
        own = len(record["repealed_by"]) + len(record["repeals"]) + len(record["amended_by"]) \
            + len(record["amends"]) + len(record["references"]) + len(record["deadlines"]) \
            + sum(1 for f in record["findings"] if f.get("evidence"))
        assert html.count('<q class="quote" lang="kk">') >= own > 0
        kk_html = (site / "acts" / record["id"] / "index.html").read_text("utf-8")
        assert '<q class="quote" lang=' not in kk_html


def test_the_data_files_are_published_once_and_the_russian_pages_link_to_them(
        site: Path) -> None:
    for name in ("records.jsonl", "rules.json", "graph.json", "records", "schema"):
        assert (site / name).exists() and not (site / "ru" / name).exists(), name
    checklist = (site / "ru" / "checklist" / "index.html").read_text("utf-8")
    assert checklist.count(
        '<div id="checklist" data-rules="../../rules.json" data-pages="../"></div>') == 1
    graph = (site / "ru" / "graph" / "index.html").read_text("utf-8")
    assert graph.count(
        '<div id="lineage-graph" data-graph="../../graph.json" data-pages="../"></div>') == 1


def test_the_russian_trees_labels_are_russian_with_the_same_codes(site: Path) -> None:
    kk = json.loads((site / "assets" / "labels.json").read_text("utf-8"))
    ru = json.loads((site / "ru" / "assets" / "labels.json").read_text("utf-8"))
    assert kk.keys() == ru.keys() and kk["urls"] == ru["urls"]
    for table in ("status", "act_type", "action", "event", "relation", "provision_part"):
        assert kk[table].keys() == ru[table].keys(), table
        for code, word in ru[table].items():
            same_word = word == kk[table][code] and word in ("Кодекс",)
            assert same_word or (not KAZAKH_LETTERS & set(word) and word != kk[table][code]), \
                (table, code, word)
    assert ru["status"]["repealed"] == "Утративший силу"
    assert ru["provision_part"]["p"] == "пункт {n}"


RUSSIAN_ONLY = (Path(__file__).parent / "realworld" / "adilet-pages" / "abay-masl-2023-12-26-15-147"
                / "page.ru.txt")


def test_a_russian_act_text_on_the_kazakh_page_is_marked_russian_with_a_note_in_kazakh(
        tmp_path: Path) -> None:
    """The other way round: an act the corpus holds only in Russian (a real page of the
    database) is shown in Russian on both trees; the Kazakh page says so in Kazakh."""
    records = link_records([extract_record(p, GOLDEN_DAY) for p in (SEEDS[0], RUSSIAN_ONLY)])
    russian = next(r for r in records if r["lang"] == "ru")
    site = build_site(records, tmp_path / "public", as_of=GOLDEN_DAY)
    kk_html = (site / "acts" / russian["id"] / "index.html").read_text("utf-8")
    ru_html = (site / "ru" / "acts" / russian["id"] / "index.html").read_text("utf-8")
    note = "Бұл актінің қазақ тіліндегі мәтіні корпуста жоқ: төменде орыс тіліндегі мәтіні берілген."
    assert kk_html.count(note) == 1 and note not in ru_html
    assert "на казахском языке" not in ru_html
    blocks = kk_html.count('class="provision-text"')
    assert blocks > 3 and kk_html.count('class="provision-text" lang="ru"') == blocks
    assert 'class="provision-text" lang=' not in ru_html
    # Its words on the Kazakh page are in elements marked Russian.
    point = next(p for p in russian["provisions"] if p["kind"] == "point")
    first_words = " ".join(point["text"].split()[:3])
    page = parse(site / "acts" / russian["id"] / "index.html")
    shown = [(lang, t) for _tag, lang, t in page.texts if t.startswith(first_words[:12])]
    assert shown and all(lang == "ru" for lang, _t in shown), shown


def test_every_kazakh_phrase_of_the_page_generators_has_its_russian_and_no_more() -> None:
    """Each literal phrase the guide's modules hand to t() is in guide/ru.py, and each entry
    there is a phrase some module writes (the build stops on a phrase without its Russian)."""
    import ast

    from shezhire.guide import ru

    guide = Path(ru.__file__).resolve().parent
    literals: set[str] = set()  # handed to t() as they stand
    strings: set[str] = set()  # every string the modules write, t() reads some by a variable
    for module in sorted(guide.glob("*.py")):
        if module.name == "ru.py":
            continue
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "t" and isinstance(node.args[0], ast.Constant):
                literals.add(str(node.args[0].value))
    assert len(literals) > 50
    assert literals - ru.RU.keys() == set()
    assert [k for k in ru.RU if k not in strings] == []


def _with_made_up_russian_text(record: dict[str, Any]) -> dict[str, Any]:
    """The record with a Russian text beside its own, in the form docs/act-record.md gives
    (``translations``, provisions' ``translations``, evidences marked ``lang``). MADE UP for
    this test: every Russian line says it is not the act's text."""
    lines, provisions = [], []
    at = 0
    link = "ВЫМЫШЛЕННАЯ ссылка на отменивший акт"
    told: dict[str, Any] = {}
    for p in record["provisions"]:
        line = f"ВЫМЫШЛЕННЫЙ текст {p['id']} (для теста, не текст акта)"
        if not told and p["kind"] == "point":  # the first point names the repealing act
            line += ": " + link
            told = {"quote": link, "span": [at + len(line) - len(link), at + len(line)],
                    "lang": "ru"}
        provisions.append({**p, "translations": {"ru": {"text": line,
                                                        "span": [at, at + len(line)]}}})
        lines.append(line)
        at += len(line) + 1
    text = "\n".join(lines) + "\n"
    assert text[told["span"][0]:told["span"][1]] == link
    repeal = record["repealed_by"][0]
    return {**record, "provisions": provisions,
            "translations": {"ru": {"text": text, "title": "ВЫМЫШЛЕННОЕ название (для теста)"}},
            "repealed_by": [{**repeal, "more_evidence": [*repeal.get("more_evidence", []), told]},
                            *record["repealed_by"][1:]]}


def test_a_page_shows_the_act_text_in_its_own_language_where_the_record_holds_it(
        tmp_path: Path) -> None:
    records = link_records([extract_record(p, GOLDEN_DAY) for p in SEEDS])
    act = "2018-07-12_decree_193_soltustik-qazaqstan-oblysy-akimdigi"
    records = [_with_made_up_russian_text(r) if r["id"] == act else r for r in records]
    record = next(r for r in records if r["id"] == act)
    site = build_site(records, tmp_path / "public", as_of=GOLDEN_DAY)
    ru_html = (site / "ru" / "acts" / act / "index.html").read_text("utf-8")
    kk_html = (site / "acts" / act / "index.html").read_text("utf-8")
    ru = parse(site / "ru" / "acts" / act / "index.html")
    # The Russian page: the Russian text, provision by provision at the same anchors, no
    # note, nothing marked Kazakh in it; its title; the links its evidences lay over it.
    assert "на казахском языке" not in ru_html and 'class="provision-text" lang=' not in ru_html
    for p in record["provisions"]:
        if p["kind"] not in ("chapter", "section", "appendix"):
            anchor = "p-" + p["id"].replace("/", "--")
            assert f'id="{anchor}"' in ru_html
            assert f"ВЫМЫШЛЕННЫЙ текст {p['id']} (для теста, не текст акта)" in ru_html
    assert ru.h1_lang == "ru"
    assert "ВЫМЫШЛЕННОЕ название (для теста)" in " ".join(t for _g, _l, t in ru.texts)
    repealer = record["repealed_by"][0]["id"]
    linked = re.findall(r'<div class="provision-text">[^<]*<a href="([^"]+)"[^>]*>'
                        r"ВЫМЫШЛЕННАЯ ссылка на отменивший акт</a>", ru_html)
    assert linked == [f"../../acts/{repealer}/"]  # its page in the Russian tree
    # The Kazakh page: its full text is the Kazakh one (the Russian stands only in the two
    # texts' side-by-side table).
    kk_blocks = re.findall(r'<div class="provision-text"[^>]*>(.*?)</div>', kk_html)
    assert kk_blocks and not [b for b in kk_blocks if "ВЫМЫШЛЕННЫЙ" in b]
    point = next(p for p in record["provisions"] if p["kind"] == "point")
    assert " ".join(point["text"].split()[:2]) in kk_html
