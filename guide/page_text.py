"""Which text of an act a page of the guide shows: the text in the page's language where the
record holds one, else the record's own text (marked with its language under a note).

A record may hold its act's text in another language beside its own (``translations``:
``{"ru": {"text", "title", …}}``, its provisions each with ``translations.ru`` giving their
``text`` and ``span`` there, and evidences quoting it marked ``"lang": "ru"``; see
docs/act-record.md). :func:`page_text` gives the record as the page reads it: for such a
translation, the record with that text, the provisions it aligns and only the evidences that
quote it, so every span the full text lays a link over points into the text shown.
"""

from __future__ import annotations

from typing import Any

from shezhire.guide.i18n import lang

Record = dict[str, Any]

_REFERENCE_KEYS = ("repealed_by", "repeals", "references")
_AMENDMENT_KEYS = ("amended_by", "amends")


def text_language(record: Record) -> str:
    """The language of the record's own text (Kazakh when the record does not say)."""
    return str(record.get("lang") or "kk")


def evidence_language(record: Record, evidence: Record) -> str:
    """The language of the text an evidence of ``record`` quotes (its own text unless the
    evidence says ``lang``)."""
    return str(evidence.get("lang") or text_language(record))


def page_text(record: Record) -> tuple[Record, str]:
    """The record as a page of the current language shows its text, and that text's language."""
    own = text_language(record)
    page = lang()
    other = (record.get("translations") or {}).get(page) or {}
    if own == page or not other.get("text"):
        return record, own
    provisions = [{**p, "text": p["translations"][page]["text"],
                   "span": p["translations"][page]["span"]}
                  for p in record["provisions"] if page in (p.get("translations") or {})]
    view = {**record, "lang": page, "text": other["text"],
            "title": other.get("title") or record["title"],
            "provisions": provisions}
    for key in _REFERENCE_KEYS:
        view[key] = [item for item in (_quoting(r, page) for r in record.get(key) or []) if item]
    for key in _AMENDMENT_KEYS:
        view[key] = [item for item in (_quoting(a, page) for a in record.get(key) or []) if item]
    return view, page


def _quoting(item: Record, page: str) -> Record | None:
    """``item`` with only the evidences that quote the ``page`` text (None: it quotes none)."""
    evidence = [e for e in [item["evidence"], *item.get("more_evidence", [])]
                if e.get("lang") == page]
    if not evidence:
        return None
    return {**item, "evidence": evidence[0], "more_evidence": evidence[1:]}
