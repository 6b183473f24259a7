"""One act, two languages: the Kazakh and the Russian text of one act become one record.

The record stays the record of its first text (its ``lang``; every ``span`` without a
``lang`` points into its ``text``). The other text joins it as ``translations[lang]`` (its
source, title and cleaned text); each provision the two texts share, by its numbering path
(``p-5`` is point 5 in both), gets the other text's wording in ``translations[lang]``; a
relation both texts tell is one item with the other text's evidence (marked with its
``lang``) in ``more_evidence``; a relation only the other text tells is added with its own
evidence. Where the texts disagree (a fact, a relation told by one only, a provision only one
has), the record gets a finding: never a refusal, never a silent choice.

Which reading of an identifying fact is kept where the texts differ: the one a referee
(the folder's metadata) agrees with, else the first text's.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from shezhire.extract.authorities import looks_russian, russian_to_kazakh
from shezhire.extract.identity import act_id, issuer_key
from shezhire.extract.models import JSON

#: Finding kinds of a bilingual record.
TEXTS_DISAGREE = "texts_disagree"
FROM_TRANSLATION = "fact_from_translation"
ONE_TEXT_ONLY = "told_by_one_text"
UNALIGNED = "unaligned_provision"

_IDENTITY = ("act_type", "issuer", "adopted", "number")
_RELATIONS = ("repealed_by", "repeals", "amended_by", "amends", "references")
# A reference told by one text only is common (a text names a law its translation leaves
# implicit) and no part of the lineage: it is kept without a finding.
_QUIET = ("references",)


def merge_translation(record: JSON, other: JSON, referee: Mapping[str, str] | None = None) -> JSON:
    """``record`` with ``other`` (the same act's text in another language) merged into it.

    ``referee`` gives identifying facts from a third source (``act_type``, ``issuer``,
    ``adopted``, ``number``) that decide which text's reading is kept where they differ.
    The id is made again from the kept facts. Returns ``record`` (changed in place).
    """
    lang = other["lang"]
    other = copy.deepcopy(other)
    _mark_language(other, lang)
    record.setdefault("translations", {})[lang] = {
        "source": other["source"], "title": other["title"],
        "status_label": other["status_label"], "header_evidence": other["header_evidence"],
        "text": other["text"],
    }
    theirs = {s["path"] for s in other["sources"]}
    known = {s["path"] for s in record["sources"]}
    # New objects: ``source`` is the first of ``sources`` and has no ``lang``.
    record["sources"] = [{**s, "lang": s.get("lang", lang if s["path"] in theirs
                                              else record["lang"])}
                         for s in [*record["sources"],
                                   *(s for s in other["sources"] if s["path"] not in known)]]
    _merge_facts(record, other, referee or {})
    for field in _RELATIONS:
        _merge_relations(record, other, field)
    _align_provisions(record, other)
    # The other text's own findings, said to be its own.
    record["findings"] += [{**f, "message": f"[{lang} text] {f['message']}"}
                           for f in other["findings"]]
    if (record["adopted"] and record["number"]) \
            or not record["id"].startswith(act_id(None, None, None, None) + "_"):
        record["id"] = act_id(record["act_type"], record["issuer"], record["adopted"],
                              record["number"])
    return record


def _mark_language(record: JSON, lang: str) -> None:
    """Every evidence of ``record`` says which text its span points into."""
    def mark(node: Any) -> None:
        if isinstance(node, dict):
            if set(node) >= {"quote", "span"} and "lang" not in node:
                node["lang"] = lang
            for value in node.values():
                mark(value)
        elif isinstance(node, list):
            for value in node:
                mark(value)

    for key, value in record.items():
        if key not in ("text", "provisions", "source", "sources"):
            mark(value)


def _same(field: str, a: Any, b: Any) -> bool:
    if field == "issuer":
        return issuer_key(a) == issuer_key(b)
    return bool(a == b)


def _quote(record: JSON) -> str:
    evidence = record.get("header_evidence")
    return f" ({evidence['quote'][:200]!r})" if evidence else ""


def _merge_facts(record: JSON, other: JSON, referee: Mapping[str, str]) -> None:
    lang, mine = other["lang"], record["lang"]
    for field in _IDENTITY:
        a, b = record[field], other[field]
        if b is None or (field == "act_type" and b == "other") or _same(field, a, b):
            continue
        if a is None or (field == "act_type" and a == "other"):
            record[field] = _issuer_in(b, mine) if field == "issuer" else b
            _take_evidence(record, other, field)
            _finding(record, FROM_TRANSLATION,
                     f"{field} {b} is read from the {lang} text only{_quote(other)}")
            continue
        judge = referee.get(field)
        keep_other = judge is not None and _same(field, b, judge) and not _same(field, a, judge)
        if keep_other:
            record[field] = _issuer_in(b, mine) if field == "issuer" else b
            _take_evidence(record, other, field)
        _finding(record, TEXTS_DISAGREE,
                 f"the {mine} text gives {field} {a}, the {lang} text {b}; "
                 f"{'the metadata agrees with the ' + lang + ' text, which is kept' if keep_other else 'the ' + mine + ' reading is kept'}"
                 f"{_quote(other)}")
    for field in ("registration", "in_force_from"):
        a, b = record[field], other[field]
        a_key, b_key = (_registration_key(a), _registration_key(b)) if field == "registration" \
            else (a, b)
        if b is None or a_key == b_key:
            continue
        if a is None:
            record[field] = b
            _finding(record, FROM_TRANSLATION, f"{field} {_shown(b_key)} is read from the "
                                               f"{lang} text only")
        else:
            _finding(record, TEXTS_DISAGREE,
                     f"the {mine} text gives {field} {_shown(a_key)}, the {lang} text "
                     f"{_shown(b_key)}; the {mine} reading is kept")


def _take_evidence(record: JSON, other: JSON, field: str) -> None:
    """A fact taken from the other text keeps that text's sources (marked with its `lang`)."""
    evidence = record.setdefault("fact_evidence", {})
    evidence.pop(field, None)
    if other.get("fact_evidence", {}).get(field):
        evidence[field] = other["fact_evidence"][field]


def _registration_key(registration: JSON | None) -> Any:
    return (registration or {}).get("number"), (registration or {}).get("date")


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value if v)
    return str(value)


def _issuer_in(issuer: str, lang: str) -> str:
    if lang == "kk" and looks_russian(issuer):
        return russian_to_kazakh(issuer) or issuer
    return issuer


def _act(item: JSON) -> JSON:
    return item.get("act", item)  # type: ignore[no-any-return]


def _near_key(item: JSON) -> tuple[Any, ...]:
    """What names the same act when the two texts give it other numbers (or other dates)."""
    act = _act(item)
    return (act.get("act_type"), issuer_key(act.get("issuer")), item.get("action"))


def _merge_relations(record: JSON, other: JSON, field: str) -> None:
    lang, mine = other["lang"], record["lang"]
    mine_items: list[JSON] = record[field]
    unmatched = list(range(len(mine_items)))
    leftovers: list[JSON] = []
    for item in other[field]:
        # The same act; best, the same change (action, and the provisions changed).
        same = [i for i in unmatched if _act(mine_items[i])["id"] == _act(item)["id"]]
        match = min(same, key=lambda i: (
            mine_items[i].get("action") != item.get("action"),
            mine_items[i].get("target_provisions") != item.get("target_provisions"), i),
            default=None)
        if match is None:
            leftovers.append(item)
            continue
        unmatched.remove(match)
        _add_evidence(mine_items[match], item)
    still: list[JSON] = []
    for item in leftovers:
        fitting = [i for i in unmatched if _compatible(_act(mine_items[i]), _act(item))]
        if len(fitting) != 1:
            still.append(item)
            continue
        # One act, one text saying less of it ("№ 6-188 шешімі" without its issuer): one
        # relation, the missing facts from the other text.
        unmatched.remove(fitting[0])
        _complete(record, mine_items[fitting[0]], item, field, lang)
        _add_evidence(mine_items[fitting[0]], item)
    for item in still:
        near = [i for i in unmatched if _near_key(mine_items[i]) == _near_key(item)
                and _act(item).get("act_type") is not None]
        if field not in _QUIET and len(near) == 1:
            # One act, named with another number or date: one relation, and a finding.
            mine_act, their_act = _act(mine_items[near[0]]), _act(item)
            unmatched.remove(near[0])
            _add_evidence(mine_items[near[0]], item)
            _finding(record, TEXTS_DISAGREE,
                     f"{field}: the {mine} text names {_named(mine_act)}, the {lang} text "
                     f"{_named(their_act)}; the {mine} reading is kept",
                     item.get("evidence"))
            continue
        mine_items.append(item)
        if field not in _QUIET:
            _finding(record, ONE_TEXT_ONLY,
                     f"{field}: {_described(item)} is told by the {lang} text only",
                     item.get("evidence"))
    if field not in _QUIET:
        for i in unmatched:
            _finding(record, ONE_TEXT_ONLY,
                     f"{field}: {_described(mine_items[i])} is told by the {mine} text only",
                     mine_items[i].get("evidence"))


_REF_FACTS = ("act_type", "issuer", "adopted", "number")


def _compatible(mine: JSON, theirs: JSON) -> bool:
    """One number, and no fact that the two texts both give and give differently."""
    if not mine.get("number") or mine.get("number") != theirs.get("number"):
        return False
    for key in ("act_type", "issuer", "adopted"):
        a, b = mine.get(key), theirs.get(key)
        if a and b and not _same(key, a, b):
            return False
    return True


def _complete(record: JSON, item: JSON, theirs: JSON, field: str, lang: str) -> None:
    act, other = _act(item), _act(theirs)
    filled = [key for key in _REF_FACTS if not act.get(key) and other.get(key)]
    if not filled:
        return
    for key in filled:
        act[key] = _issuer_in(other[key], record["lang"]) if key == "issuer" else other[key]
    act["id"] = act_id(act["act_type"], act["issuer"], act["adopted"], act["number"])
    _finding(record, FROM_TRANSLATION,
             f"{field}: {', '.join(filled)} of {act['id']} read from the {lang} text",
             theirs.get("evidence"))


def _described(item: JSON) -> str:
    target = f" ({item['target']}, {item['action']})" if item.get("target") else ""
    return str(_act(item)["id"]) + target


def _named(act: JSON) -> str:
    return " ".join(str(x) for x in (act.get("adopted"), act.get("number") and
                                     "№ " + str(act["number"])) if x) or str(act["id"])


def _add_evidence(item: JSON, theirs: JSON) -> None:
    more = item.setdefault("more_evidence", [])
    for evidence in [theirs["evidence"], *theirs.get("more_evidence", [])]:
        if evidence not in more:
            more.append(evidence)


# Provisions with a numbering path (``ch-2/p-5``): these align across the texts; paragraphs
# (notes, stamps, unnumbered text) are numbered by position and are not aligned, except the
# title.
_NUMBERED = frozenset({"chapter", "section", "point", "subpoint", "appendix"})


def _alignable(provision: JSON) -> bool:
    return provision["kind"] in _NUMBERED or provision["id"] == "title"


def _align_provisions(record: JSON, other: JSON) -> None:
    """Provisions with one numbering path (their id) are one provision with two texts."""
    lang, mine = other["lang"], record["lang"]
    theirs = {p["id"]: p for p in other["provisions"] if _alignable(p)}
    own = {p["id"]: p for p in record["provisions"] if _alignable(p)}
    for provision in own.values():
        twin = theirs.get(provision["id"])
        if twin is None:
            continue
        if twin["kind"] != provision["kind"]:
            _finding(record, UNALIGNED, f"{provision['id']} is a {provision['kind']} in the "
                                        f"{mine} text, a {twin['kind']} in the {lang} text")
            continue
        provision.setdefault("translations", {})[lang] = {
            "label": twin["label"], "heading": twin["heading"], "text": twin["text"],
            "span": twin["span"]}
    _one_side(record, [p for p in own.values() if p["id"] not in theirs], mine)
    _one_side(record, [p for p in theirs.values() if p["id"] not in own], lang)


def _one_side(record: JSON, provisions: list[JSON], lang: str) -> None:
    """One finding per outermost provision only one text has (an appendix the other text's
    structure did not find, with all its points, is one finding)."""
    ids = {p["id"] for p in provisions}
    for provision in provisions:
        if provision["parent"] in ids:
            continue
        inner = sum(1 for p in provisions if p["id"].startswith(provision["id"] + "/"))
        within = f" with {inner} provisions within" if inner else ""
        _finding(record, UNALIGNED, f"{provision['id']} ({provision['kind']}){within} is in the "
                                    f"{lang} text only")


def _finding(record: JSON, kind: str, message: str, evidence: JSON | None = None) -> None:
    finding = {"kind": kind, "message": message, "evidence": evidence}
    if finding not in record["findings"]:
        record["findings"].append(finding)
