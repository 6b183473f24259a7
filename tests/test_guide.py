"""The public guide as a reader and a developer meet it: every page there, every link
resolving, nothing loaded from outside, Kazakh, exports published, act text shown as text."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from golden_facts import GOLDEN_DAY, SEEDS
from jsonschema import Draft202012Validator
from site_links import link_target

from shezhire.extract.pipeline import extract_record, link_records
from shezhire.guide.build import build_site

FIXTURES = Path(__file__).parent / "fixtures" / "guide"


class Page(HTMLParser):
    """Links, ids, the <html lang>, scripts and event-handler attributes of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: set[str] = set()
        self.lang: str | None = None
        self.handlers: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "xlink:href"):
                self.links.append((tag, name, value))
            if name in ("id", "name"):
                self.ids.add(value)
            if name.startswith("on"):
                self.handlers.append((tag, name))
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    return page


def build(corpus: list[Path], out: Path) -> tuple[Path, list[dict[str, Any]]]:
    records = link_records([extract_record(p, GOLDEN_DAY) for p in corpus])
    site = build_site(records, out / "public", as_of=GOLDEN_DAY)
    return site, records


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    return build(list(SEEDS), tmp_path_factory.mktemp("guide"))


@pytest.fixture(scope="module")
def site(built: tuple[Path, list[dict[str, Any]]]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    """Every HTML page, keyed by its site path ("acts/x/index.html")."""
    return {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}


def _referenced_ids(record: dict[str, Any]) -> set[str]:
    refs = {r["id"] for key in ("repealed_by", "repeals", "references") for r in record[key]}
    refs |= {a["act"]["id"] for key in ("amended_by", "amends") for a in record[key]}
    return refs


def test_every_corpus_act_and_every_referenced_act_has_its_page(
        built: tuple[Path, list[dict[str, Any]]]) -> None:
    site, records = built
    assert len(records) == len(SEEDS)
    wanted = {r["id"] for r in records} | set().union(*map(_referenced_ids, records))
    assert len(wanted) > len(records)
    missing = [a for a in sorted(wanted) if not (site / "acts" / a / "index.html").is_file()]
    assert missing == []
    graph = json.loads((site / "graph.json").read_text("utf-8"))
    assert {n["id"] for n in graph["nodes"]} <= {p.name for p in (site / "acts").iterdir()}


def test_the_fixed_pages_are_at_their_urls(site: Path) -> None:
    for url in ("", "checklist/", "graph/", "effects/", "timeline/", "downloads/",
                "index/status/", "index/issuer/", "index/year/"):
        assert (site / url / "index.html").is_file(), url


def test_checklist_and_graph_pages_hold_exactly_the_containers_the_scripts_mount_on(
        site: Path) -> None:
    checklist = (site / "checklist" / "index.html").read_text("utf-8")
    graph = (site / "graph" / "index.html").read_text("utf-8")
    assert checklist.count('<div id="checklist" data-rules="../rules.json"></div>') == 1
    assert graph.count('<div id="lineage-graph" data-graph="../graph.json"></div>') == 1
    assert "<noscript>" in checklist and "<noscript>" in graph
    for page in (checklist, graph):
        for script in ("assets/checklist.js", "assets/graph.js"):
            assert f'src="../{script}"' in page


def test_every_internal_link_resolves_to_a_file_and_anchor_of_the_build(
        site: Path, pages: dict[str, Page]) -> None:
    broken = []
    checked = 0
    for page_path, page in pages.items():
        for tag, _attr, link in page.links:
            if link.startswith(("http:", "https:", "//", "mailto:", "data:")):
                continue  # outside links are another test's business
            path, fragment = link_target(page_path, link)
            checked += 1
            target = site / path
            if not target.is_file():
                broken.append(f"{page_path}: <{tag}> {link} (no {path})")
            elif fragment and path.endswith(".html") and fragment not in pages[path].ids:
                broken.append(f"{page_path}: <{tag}> {link} (no #{fragment} in {path})")
    assert checked > 1000
    assert broken == []


def test_provisions_named_in_amendment_notes_link_to_their_anchors(
        site: Path, pages: dict[str, Page], built: tuple[Path, list[dict[str, Any]]]) -> None:
    record = next(r for r in built[1] if r["amended_by"] and
                  any(a["target_provisions"] for a in r["amended_by"]))
    page = pages[f"acts/{record['id']}/index.html"]
    hrefs = {link for _t, _a, link in page.links}
    for am in record["amended_by"]:
        for provision in am["target_provisions"]:
            anchor = "p-" + provision.replace("/", "--")
            assert anchor in page.ids
            assert "#" + anchor in hrefs


def test_acts_named_in_the_text_link_to_their_pages(
        pages: dict[str, Page], built: tuple[Path, list[dict[str, Any]]]) -> None:
    for record in built[1]:
        page = pages[f"acts/{record['id']}/index.html"]
        targets = {link_target(f"acts/{record['id']}/index.html", link)[0]
                   for _t, _a, link in page.links}
        for act in _referenced_ids(record) - {record["id"]}:
            assert f"acts/{act}/index.html" in targets, (record["id"], act)


def test_no_page_loads_or_links_anything_from_outside(pages: dict[str, Page]) -> None:
    outside = [(path, tag, link) for path, page in pages.items() for tag, _a, link in page.links
               if link.startswith(("http:", "https:", "//"))]
    assert outside == []


def test_every_page_is_in_kazakh(pages: dict[str, Page]) -> None:
    """The root's pages are Kazakh; the Russian tree (ru/, tests/test_guide_russian.py) Russian."""
    assert {path for path, page in pages.items()
            if page.lang != ("ru" if path.startswith("ru/") else "kk")} == set()
    home = " ".join(pages["index.html"].text)
    assert "Іздеу" in (Path(__file__).parent.parent / "site/overrides/partials/languages/custom.html"
                       ).read_text("utf-8")
    assert "анықтамалық" in home and "Соңғы өзгерістер" in home


def test_the_kazakh_translation_covers_every_ui_string_of_the_theme() -> None:
    from importlib.resources import files

    english = files("material").joinpath("templates/partials/languages/en.html").read_text("utf-8")
    ours = (Path(__file__).parent.parent / "site/overrides/partials/languages/custom.html"
            ).read_text("utf-8")
    keys = re.compile(r'^\s*"([\w.]+)":', re.MULTILINE)
    assert set(keys.findall(english)) <= set(keys.findall(ours))
    assert '"language": "kk"' in ours


def _schema(site: Path, name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((site / "schema" / name).read_text("utf-8")))


def test_exports_are_published_and_valid_against_their_published_schemas(
        built: tuple[Path, list[dict[str, Any]]]) -> None:
    site, records = built
    record_schema = _schema(site, "act_record.schema.json")
    files = sorted((site / "records").glob("*.json"))
    assert [f.stem for f in files] == sorted(r["id"] for r in records)
    for f in files:
        record_schema.validate(json.loads(f.read_text("utf-8")))
    lines = (site / "records.jsonl").read_text("utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == [f.stem for f in files]
    _schema(site, "graph.schema.json").validate(json.loads((site / "graph.json").read_text("utf-8")))
    _schema(site, "rules.schema.json").validate(json.loads((site / "rules.json").read_text("utf-8")))
    assert (site / "graph.graphml").read_text("utf-8").startswith("<?xml")


def test_the_scripts_read_the_labels_and_statuses_of_the_python_side(site: Path) -> None:
    """assets/labels.json is guide/labels.py's tables; graph.json's validity spans and the
    published records give each act the status the pages show on the build day."""
    from shezhire.extract.validity import Span, span_status
    from shezhire.guide.labels import STATUS, site_labels

    assert json.loads((site / "assets" / "labels.json").read_text("utf-8")) == site_labels()
    day = GOLDEN_DAY.isoformat()
    nodes = {n["id"]: n for n in json.loads((site / "graph.json").read_text("utf-8"))["nodes"]}
    home = (site / "index.html").read_text("utf-8")
    listed = re.search(r'<ul class="act-list"[^>]*>(.*?)</ul>', home, re.S)
    assert listed is not None
    for line in (site / "records.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        spans = [Span(s["status"], s["from"], s["until"]) for s in nodes[record["id"]]["validity"]]
        assert record["status"] == span_status(spans, day)
        page = (site / "acts" / record["id"] / "index.html").read_text("utf-8")
        assert STATUS[record["status"]] in page
        assert (f'href="acts/{record["id"]}/"' in listed[1]) == (record["status"] == "in_force")


def search_fragments(site: Path) -> list[dict[str, Any]]:
    """The pages Pagefind indexed, as its fragment files hold them (gzip, a signature, JSON):
    url, content (the text searched and quoted in results) and meta (title)."""
    out = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        out.append(json.loads(data[len(b"pagefind_dcd"):]))
    return out


def test_search_index_holds_the_act_pages_and_their_kazakh_text(
        built: tuple[Path, list[dict[str, Any]]]) -> None:
    site, records = built
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    # One index per page language: the Kazakh tree's pages and the Russian tree's (ru/).
    assert list(entry["languages"]) == ["kk", "ru"]
    every = search_fragments(site)
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(every)
    fragments = [f for f in every if not f["url"].startswith("/ru/")]
    assert entry["languages"]["kk"]["page_count"] == len(fragments)
    assert {f"/ru/acts/{r['id']}/" for r in records} <= {f["url"] for f in every}
    urls = {f["url"] for f in fragments}
    assert {f"/acts/{r['id']}/" for r in records} <= urls
    housing = [f for f in fragments if "тұрғын" in f["content"].lower()]
    assert any(f["url"].startswith("/acts/") for f in housing)
    # The act's card is searched by its numbers: "№ 168" and "№ 33835" are in its text.
    act = next(f for f in fragments if f["url"] == "/acts/" + next(
        r["id"] for r in records if r["registration"]["number"] == "33835") + "/")
    assert "№ 168" in act["content"] and "№ 33835" in act["content"]
    assert "№ 168" in act["meta"]["name"]  # shown under the title in the results
    # The Russian page of a Kazakh-only act shows the Kazakh text under a note, but only the
    # Kazakh index holds that text; the Russian one the page's own parts (card, relations,
    # quotes), so it is shorter by most of the act's text.
    ru_act = next(f for f in every if f["url"] == "/ru" + act["url"])
    text = next(r["text"] for r in records if r["registration"]["number"] == "33835")
    assert "№ 33835" in ru_act["content"]
    assert len(act["content"]) - len(ru_act["content"]) > 0.5 * len(" ".join(text.split()))
    # The lists of every act are not searched (they only repeat the act pages), nor is the
    # theme's header, navigation or table of contents indexed with each page.
    # Each is an index and a page a group (a year, a status, an issuer): none is searched.
    assert {"timeline/2026/index.html", "effects/2026/index.html",
            "index/status/repealed/index.html"} <= {
        p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert not [u for u in urls if u.startswith(("/timeline/", "/effects/", "/index/"))]
    assert not any("Мазмұнға өту" in f["content"] for f in fragments)


def test_the_build_is_deterministic(tmp_path: Path, site: Path) -> None:
    again, _ = build(list(SEEDS), tmp_path)
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted(root.rglob("*")) if p.is_file()}
    first, second = files(site), files(again)
    assert sorted(first) == sorted(second)
    assert [k for k in first if first[k] != second[k]] == []


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("injection")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("markup-injection-order.txt", "title-breakout-order.txt"):
        shutil.copy(FIXTURES / name, corpus)
    return build(sorted(corpus.iterdir()), root)


def test_act_text_with_markup_is_shown_as_text_and_runs_nothing(
        injected: tuple[Path, list[dict[str, Any]]]) -> None:
    site, records = injected
    assert len(records) == 2
    assert any("<script>alert(1)</script>" in r["title"] for r in records)  # kept by extraction
    for path in sorted(site.rglob("*.html")):
        page = parse(path)  # Python's parser reads tags even inside <title>: stricter than browsers
        where = path.relative_to(site).as_posix()
        assert not [s for s in page.scripts if "alert" in s], where
        assert page.handlers == [], where
        assert not [link for _t, _a, link in page.links
                    if link.replace(" ", "").lower().startswith("javascript:")], where
        html = path.read_text("utf-8")
        assert re.search(r"<title>[^<]*</title>", html), where
        assert "<img src=x" not in html and "<iframe" not in html and "<b onmouseover" not in html
        assert "<strong>bold</strong>" not in html, where
    evil = next(r for r in records if r["number"] == "7")
    text = "".join(parse(site / "acts" / evil["id"] / "index.html").text)
    for literal in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                    "**bold** [link](javascript:alert(1))", "{#evil}", "&amp;",
                    "<iframe src=javascript:alert(1)></iframe>"):
        assert literal in text, literal
    breakout = next(r for r in records if r["number"] == "8")
    title = re.search(r"<title>([^<]*)</title>",
                      (site / "acts" / breakout["id"] / "index.html").read_text("utf-8"))
    assert title and "&lt;/title&gt;&lt;script&gt;alert(2)" in title[1]


def test_shezhire_build_makes_the_guide_and_still_fails_on_an_unreadable_file(
        tmp_path: Path) -> None:
    from click.testing import CliRunner

    from shezhire.cli import cli

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS[0], corpus)
    (corpus / "broken.pdf").write_bytes(b"not a pdf")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out",
                                      str(tmp_path / "public"), "--as-of", "2026-11-22"])
    assert result.exit_code == 1
    assert "broken.pdf" in result.stderr
    record = json.loads(next((tmp_path / "public" / "records").glob("*.json")).read_text("utf-8"))
    assert (tmp_path / "public" / "acts" / record["id"] / "index.html").is_file()
    assert not (tmp_path / "docs").exists(), "docs are generated in a temporary folder"


class _Attributes(HTMLParser):
    """Every attribute of every element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name.lower(), value or "") for name, value in attrs]


_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                   "background", "srcdoc"}


def _dangerous(html: str) -> list[tuple[str, str, str]]:
    """Inline event handlers (on*=) and script URLs (javascript:, vbscript:, data:text/html)."""
    parser = _Attributes()
    parser.feed(html)
    out = []
    for tag, name, value in parser.attributes:
        squashed = re.sub(r"[\x00-\x20]+", "", value).lower()
        if name.startswith("on") or (name in _URL_ATTRIBUTES and squashed.startswith(
                ("javascript:", "vbscript:", "data:text/html"))):
            out.append((tag, name, value[:60]))
    return out


def test_no_page_of_the_built_site_has_an_event_handler_or_script_url(
        injected: tuple[Path, list[dict[str, Any]]]) -> None:
    """Whatever markup the acts' text carries: every page stays free of on*= and javascript:
    URLs. (The search index holds text, which the search box shows as text: checked in
    tests/browser/test_hostile_text.py.)"""
    site, records = injected
    assert any("onerror" in r["text"] and "javascript:" in r["text"] for r in records)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        assert _dangerous(path.read_text("utf-8")) == [], path.relative_to(site).as_posix()
    # The search index holds the pages' text as text (the search box sets it as text, and
    # as HTML only the excerpt's <mark>s): the markup of act text is in it, word for word.
    fragments = search_fragments(site)
    assert any("onerror" in f["content"] for f in fragments)
