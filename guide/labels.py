"""Kazakh words the guide shows for the record's codes (status, act type, relation, event).

The pages written in Python and the scripts of the site read the same tables: the build writes
them, with the guide's URL scheme, into ``assets/labels.json`` (:func:`site_labels`), which
``checklist.js`` and ``graph.js`` load, so a word is changed here once.
"""

from __future__ import annotations

import re
from typing import Any

from shezhire.guide.urls import url_scheme

STATUS = {
    "in_force": "Қолданыстағы",
    "repealed": "Күшін жойған",
    "not_yet_in_force": "Әлі күшіне енбеген",
    "unknown": "Күйі белгісіз",
}

# CSS modifier per status (guide.css colours the badge).
STATUS_CLASS = {
    "in_force": "in-force",
    "repealed": "repealed",
    "not_yet_in_force": "pending",
    "unknown": "unknown",
}

ACT_TYPE = {
    "decree": "Қаулы",
    "order": "Бұйрық",
    "decision": "Шешім",
    "law": "Заң",
    "code": "Кодекс",
    "normative_decree": "Нормативтік қаулы",
    "other": "Басқа акт",
}
ACT_TYPE_UNKNOWN = "Акт"  # no type known

ACTION = {
    "new_wording": "жаңа редакцияда жазылды",
    "supplemented": "толықтырылды",
    "deleted": "алып тасталды",
    "amended": "өзгертілді",
    "repealed": "күші жойылды",
}

EVENT = {
    "adopted": "Қабылданды",
    "registered": "Тіркелді",
    "in_force": "Күшіне енді",
    "amended": "Өзгертілді",
    "amends": "Басқа актіні өзгертті",
    "repeals": "Басқа актінің күшін жойды",
    "repealed": "Күші жойылды",
}

RELATION = {
    "repeals": "күшін жояды",
    "amends": "өзгертеді",
    "cites": "сілтеме жасайды",
}

DATE_BASIS = {
    "stated": "мәтінде көрсетілген",
    "in_force_from": "актінің күшіне енген күні",
    "adopted": "қабылданған күні (шамамен)",
}

DAY_KIND = {"calendar": "күнтізбелік", "working": "жұмыс", None: ""}
UNIT = {"day": "күн", "month": "ай", "year": "жыл", "hour": "сағат", "minute": "минут",
        "week": "апта", "quarter": "тоқсан"}
# A number of days of one kind, as a deadline says it ("15 жұмыс күні").
DAYS_OF_KIND = {"working": "жұмыс күні", "calendar": "күнтізбелік күн"}

# How a deadline's relation reads after (or, for at_least, before) the period.
DEADLINE_RELATION = {
    "within": "ішінде", "not_later_than": "кешіктірмей", "at_least": "кемінде",
    "before": "бұрын", "after": "өткен соң",
}

# Where an applicant hands a document list in (the record's channel codes).
CHANNEL = {
    "portal": "«Электрондық үкімет» веб-порталы",
    "state_corporation": "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы",
    "service_centre": "Халыққа қызмет көрсету орталығы",
    "employer": "Жұмыс беруші",
}

# The parts of a provision id ("rules/p-11/sp-3") as a lawyer names them; {n} is the number,
# written with "." where the id has "-" ("11-1" is point 11.1) and "–" where it has "~".
PROVISION_PART = {
    "p": "{n}-тармақ", "sp": "{n}) тармақша", "app": "{n}-қосымша", "ch": "{n}-тарау",
    "sec": "{n}-бөлім", "art": "{n}-бап",
}

DOCLIST_KIND = {
    "applicant_provides": "Өтініш беруші ұсынатын құжаттар",
}

NO = "—"


def act_type(code: str | None) -> str:
    return ACT_TYPE.get(code or "", ACT_TYPE_UNKNOWN)


def status(code: str | None) -> str:
    return STATUS.get(code or "unknown", STATUS["unknown"])


_PART = re.compile(r"^(?P<kind>[a-z]+)-(?P<n>.+)$")


def provision_label(provision: str) -> str:
    """"rules/p-11/sp-3" → "11-тармақ, 3) тармақша"; parts of other kinds are left out, and
    an id with no known part is shown as it is."""
    words = []
    for part in provision.split("/"):
        m = _PART.match(part)
        if m and m["kind"] in PROVISION_PART:
            number = m["n"].replace("~", "–").replace("-", ".")
            words.append(PROVISION_PART[m["kind"]].replace("{n}", number))
    return ", ".join(words) if words else provision


def site_labels() -> dict[str, Any]:
    """The tables the site's scripts read (``assets/labels.json``): the words for the codes
    of the records, graph and rules, and the URL scheme of act pages and provision anchors."""
    return {
        "status": STATUS, "status_class": STATUS_CLASS, "act_type": ACT_TYPE,
        "act_type_unknown": ACT_TYPE_UNKNOWN, "action": ACTION, "event": EVENT,
        "relation": RELATION, "date_basis": DATE_BASIS,
        "day_kind": {k: v for k, v in DAY_KIND.items() if k}, "days_of_kind": DAYS_OF_KIND,
        "unit": UNIT, "deadline_relation": DEADLINE_RELATION, "channel": CHANNEL,
        "doclist_kind": DOCLIST_KIND, "provision_part": PROVISION_PART, "none": NO,
        "urls": url_scheme(),
    }
