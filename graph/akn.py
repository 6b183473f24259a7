"""Akoma Ntoso 3.0: every act of the corpus as OASIS LegalDocML XML.

One URI scheme (``docs/akoma-ntoso.md``):

    work            /akn/kz/act/<act_type>/<adopted>/<number>      /akn/kz/act/decree/2018-07-12/193
    expression      <work>/<lang>@                                the text as found ("kaz@", "rus@")
                    <work>/<lang>@<day>                           the consolidated text on <day>
    manifestation   <expression>/!main.xml

``<number>`` is the act's number with "/" written "-" ("2/516" → "2-516"); an act without a
date or number uses its record id as the number. Files: ``<record id>/<lang>@.xml`` and
``<record id>/<lang>@<day>.xml``, one per day the text changed (:func:`version_days`).

Every chapter, point, subpoint, appendix and approved document has an ``eId`` built from its
provision id ("rules/p-11-1/sp-3" → "hcontainer_rules__point_11-1__subpoint_3"), unique
because provision ids are. The lifecycle and the passive modifications come from the lineage
graph (the effects table): who amended or repealed the act, which provision, on which day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import networkx as nx
from lxml import etree

from shezhire.extract.consolidate import consolidate, version_days
from shezhire.extract.models import VersionProvision, WordingSource
from shezhire.graph.queries import Effect, effects

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_LANG = {"kk": "kaz", "ru": "rus"}
_MOD_TYPE = {"new_wording": "substitution", "amended": "substitution", "supplemented": "insertion",
             "deleted": "repeal", "repealed": "repeal"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SEGMENTS = (("app-", "appendix_"), ("sp-", "subpoint_"), ("p-", "point_"), ("ch-", "chp_"),
             ("sec-", "sec_"), ("art-", "art_"), ("para-", "para_"), ("table-", "table_"),
             ("note-", "note_"))
_CONTAINERS = {"chapter": "chapter", "section": "section", "point": "point", "subpoint": "point"}


def work_uri(node: Mapping[str, Any]) -> str:
    """The FRBR work URI of an act (a record, or a node of the lineage graph)."""
    act_type = node.get("act_type") or "act"
    adopted, number = node.get("adopted"), node.get("number")
    if not adopted or not number:
        return f"/akn/kz/act/{act_type}/{adopted or 'undated'}/{_slug(str(node['id']))}"
    return f"/akn/kz/act/{act_type}/{adopted}/{_slug(str(number))}"


def expression_uri(record: Mapping[str, Any], day: str | None = None) -> str:
    return f"{work_uri(record)}/{_LANG.get(record.get('lang') or 'kk', 'kaz')}@{day or ''}"


def file_name(record: Mapping[str, Any], day: str | None = None) -> str:
    lang = _LANG.get(record.get("lang") or "kk", "kaz")
    return f"{record['id']}/{lang}@{day or ''}.xml"


def e_id(provision_id: str) -> str:
    """"rules/p-11-1/sp-3" → "hcontainer_rules__point_11-1__subpoint_3"; unique per id."""
    parts = []
    for segment in provision_id.replace("~", "-dup").split("/"):
        for prefix, name in _SEGMENTS:
            if segment.startswith(prefix) and segment[len(prefix):][:1].isdigit():
                parts.append(name + segment[len(prefix):])
                break
        else:
            parts.append(_slug(segment))
    return "hcontainer_" + "__".join(parts)


def corpus_to_akn(records: Sequence[Mapping[str, Any]], g: nx.MultiDiGraph) -> dict[str, bytes]:
    """File name → XML for every act of ``records``: the text as found and a consolidated
    expression per day its text changed."""
    return dict(iter_corpus_akn(records, g))


# The records an act's versions are made from: the corpus, or only those that amend it.
Related = Callable[[Any], Sequence[Mapping[str, Any]]]


def iter_corpus_akn(records: Iterable[Mapping[str, Any]], g: nx.MultiDiGraph,
                    related: Related | None = None) -> Iterator[tuple[str, bytes]]:
    """:func:`corpus_to_akn` one file at a time, as made (``records`` read once). Without
    ``related``, ``records`` must be a sequence: each act's versions read all of it."""
    for record in records:
        others = related(record) if related is not None else records
        assert isinstance(others, Sequence)
        mods = [e for e in effects(g, str(record["id"])) if e.affected_act == record["id"]]
        found = [_as_found(p) for p in record["provisions"]]
        yield file_name(record), _document(record, g, mods, found, None)
        for day in version_days(record, others):
            version = consolidate(record, others, day)
            yield file_name(record, day), _document(record, g, mods, version.provisions, day,
                                                    complete=version.complete)


def akn_index(records: Iterable[Mapping[str, Any]], files: Iterable[str]) -> dict[str, Any]:
    """What the published ``akn/`` folder holds: per act, its work URI and each expression's
    URI and file (relative to the folder); ``files`` are the files' names."""
    by_act: dict[str, list[str]] = {}
    for name in files:
        by_act.setdefault(name.rsplit("/", 1)[0], []).append(name)
    acts = []
    for record in records:
        prefix = f"{record['id']}/"
        expressions = []
        for name in sorted(n for n in by_act.get(str(record["id"]), ()) if n.startswith(prefix)):
            day = name[len(prefix):].split("@", 1)[1].removesuffix(".xml") or None
            expressions.append({"uri": expression_uri(record, day), "day": day, "file": name})
        acts.append({"act": record["id"], "work": work_uri(record), "expressions": expressions})
    return {"scheme": "docs/consolidation.md#akoma-ntoso-30", "acts": acts}


def _as_found(p: Mapping[str, Any]) -> VersionProvision:
    return VersionProvision(p["id"], p["kind"], p.get("label"), p.get("parent"), p["text"],
                            WordingSource("", None, None, "original"), role=p.get("role"))


def _issuer_slug(record: Mapping[str, Any]) -> str:
    """The issuer as the record id spells it in Latin letters ("qostanai-oblysy-maslihaty")."""
    parts = str(record["id"]).split("_", 3)
    return _slug(parts[3]) if len(parts) == 4 else "unknown"


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "-", text).strip("-") or "x"


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})


def _document(record: Mapping[str, Any], g: nx.MultiDiGraph, mods: list[Effect],
              provisions: Sequence[VersionProvision], day: str | None,
              complete: bool = True) -> bytes:
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    act = _el(root, "act", name=str(record.get("act_type") or "act"))
    ids = {p.id for p in provisions}
    _meta(act, record, g, mods, ids, day, complete)
    top = [p for p in provisions if p.role in ("title", "header")]
    if top:
        preface = _el(act, "preface")
        for p in top:
            _paragraphs(preface, p.text, cls=p.role)
    preamble = [p for p in provisions if p.role == "preamble"]
    if preamble:
        _paragraphs(_el(act, "preamble"), preamble[0].text)
    body = _el(act, "body")
    children: dict[str | None, list[VersionProvision]] = {}
    for p in provisions:
        if p.role in ("title", "header", "preamble", "status"):
            continue
        parent = p.parent if p.parent in ids else None
        children.setdefault(parent, []).append(p)
    for p in children.get(None, []):
        _unit(body, p, children)
    if len(body) == 0:
        _paragraphs(_el(_el(body, "hcontainer", name="empty", eId="hcontainer_empty"), "content"),
                    None)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def _unit(parent: etree._Element, p: VersionProvision,
          children: Mapping[str | None, list[VersionProvision]]) -> None:
    tag = _CONTAINERS.get(p.kind, "hcontainer")
    attrs = {"eId": e_id(p.id)}
    if tag == "hcontainer":
        attrs["name"] = p.role or p.kind
    if p.removed:
        attrs["status"] = "removed"
    elif p.unknown:
        attrs["status"] = "incomplete"
    el = _el(parent, tag, **attrs)
    if p.label:
        _el(el, "num").text = _clean(p.label)
    kids = children.get(p.id, [])
    if p.kind in ("chapter", "section") or p.role in ("appendix", "approved_document"):
        heading = p.text if p.kind != "chapter" else _heading(p.text, p.label)
        if heading:
            _el(el, "heading").text = _clean(" ".join(heading.split()))
        if not kids:
            _paragraphs(_el(el, "content"), None)
        for k in kids:
            _unit(el, k, children)
        return
    if kids:
        _paragraphs(_el(el, "intro"), p.text)
        for k in kids:
            _unit(el, k, children)
    else:
        _paragraphs(_el(el, "content"), p.text)


def _heading(text: str | None, label: str | None) -> str | None:
    if not text:
        return None
    return re.sub(rf"^\s*{re.escape(label or '')}\S*\s*", "", text) or text


def _paragraphs(parent: etree._Element, text: str | None, cls: str | None = None) -> None:
    lines = [x for x in (text or "").split("\n") if x.strip()] or [""]
    for line in lines:
        p = _el(parent, "p", class_=cls) if cls else _el(parent, "p")
        p.text = _clean(line.replace("\t", " | "))


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def _meta(act: etree._Element, record: Mapping[str, Any], g: nx.MultiDiGraph,
          mods: list[Effect], ids: set[str], day: str | None, complete: bool) -> None:
    meta = _el(act, "meta")
    work, expression = work_uri(record), expression_uri(record, day)
    adopted = str(record.get("adopted") or "1900-01-01")
    ident = _el(meta, "identification", source="#shezhire")
    frbr = _el(ident, "FRBRWork")
    _el(frbr, "FRBRthis", value=f"{work}/!main")
    _el(frbr, "FRBRuri", value=work)
    _el(frbr, "FRBRdate", date=adopted, name="adoption")
    _el(frbr, "FRBRauthor", href="#issuer")
    _el(frbr, "FRBRcountry", value="kz")
    if record.get("number"):
        _el(frbr, "FRBRnumber", value=str(record["number"]))
    expr = _el(ident, "FRBRExpression")
    _el(expr, "FRBRthis", value=f"{expression}/!main")
    _el(expr, "FRBRuri", value=expression)
    _el(expr, "FRBRdate", date=day or adopted, name="consolidation" if day else "as found")
    _el(expr, "FRBRauthor", href="#issuer")
    _el(expr, "FRBRlanguage", language=_LANG.get(record.get("lang") or "kk", "kaz"))
    man = _el(ident, "FRBRManifestation")
    _el(man, "FRBRthis", value=f"{expression}/!main.xml")
    _el(man, "FRBRuri", value=f"{expression}.akn")
    _el(man, "FRBRdate", date=day or adopted, name="transformation")
    _el(man, "FRBRauthor", href="#shezhire")
    refs: list[tuple[str, str, str]] = []  # (tag, eId, href) of passive references
    events: list[tuple[str, str, str]] = [(adopted, "original", "generation")]
    for n, e in enumerate(sorted(mods, key=lambda e: (e.date or "", e.affecting_act)), 1):
        ref = f"ref_{n}"
        refs.append(("passiveRef", ref, work_uri({"id": e.affecting_act,
                                                   **g.nodes.get(e.affecting_act, {})})))
        if e.date:
            events.append((e.date, ref, "repeal" if e.type == "repealed" else "amendment"))
    lifecycle = _el(meta, "lifecycle", source="#shezhire")
    for k, (when, source, kind) in enumerate(sorted(events), 1):
        _el(lifecycle, "eventRef", eId=f"e_{k}", date=when, source=f"#{source}", type=kind)
    textual = [(n, e) for n, e in enumerate(sorted(mods, key=lambda e: (e.date or "",
                                                                       e.affecting_act)), 1)
               if e.type in _MOD_TYPE]
    if textual:
        analysis = _el(meta, "analysis", source="#shezhire")
        passive = _el(analysis, "passiveModifications")
        for k, (n, e) in enumerate(textual, 1):
            mod = _el(passive, "textualMod", type=_MOD_TYPE[e.type], eId=f"pmod_{k}")
            _el(mod, "source", href=f"#ref_{n}")
            targets = [f"#{e_id(t)}" for t in e.affected_provisions if t in ids] or [work]
            for href in targets:
                _el(mod, "destination", href=href)
    references = _el(meta, "references", source="#shezhire")
    _el(references, "original", eId="original", href=expression_uri(record),
        showAs=_clean(" ".join(str(record.get("title") or record["id"]).split())))
    for tag, ref, href in refs:
        _el(references, tag, eId=ref, href=href, showAs=href)
    _el(references, "TLCOrganization", eId="shezhire", href="/ontology/organization/shezhire",
        showAs="Shezhire")
    _el(references, "TLCOrganization", eId="issuer",
        href=f"/ontology/organization/kz/{_issuer_slug(record)}",
        showAs=_clean(str(record.get("issuer") or "unknown")))

