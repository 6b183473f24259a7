"""Words the guide shows for the record's codes (status, act type, relation, event), in Kazakh
and Russian: each table is :class:`~shezhire.guide.i18n.Localized`, read in the language the
guide is being written in.

The pages written in Python and the scripts of the site read the same tables: the build writes
them, with the guide's URL scheme, into ``assets/labels.json`` (:func:`site_labels`), which
``checklist.js`` and ``graph.js`` load, so a word is changed here once.
"""

from __future__ import annotations

import re
from typing import Any

from shezhire.guide.i18n import Localized, t
from shezhire.guide.urls import url_scheme

STATUS = Localized({
    "in_force": "Қолданыстағы",
    "repealed": "Күшін жойған",
    "not_yet_in_force": "Әлі күшіне енбеген",
    "unknown": "Күйі белгісіз",
}, {
    "in_force": "Действующий",
    "repealed": "Утративший силу",
    "not_yet_in_force": "Ещё не вступивший в силу",
    "unknown": "Статус неизвестен",
})

# CSS modifier per status (guide.css colours the badge).
STATUS_CLASS = {
    "in_force": "in-force",
    "repealed": "repealed",
    "not_yet_in_force": "pending",
    "unknown": "unknown",
}

ACT_TYPE = Localized({
    "decree": "Қаулы",
    "order": "Бұйрық",
    "decision": "Шешім",
    "law": "Заң",
    "code": "Кодекс",
    "normative_decree": "Нормативтік қаулы",
    "other": "Басқа акт",
}, {
    "decree": "Постановление",
    "order": "Приказ",
    "decision": "Решение",
    "law": "Закон",
    "code": "Кодекс",
    "normative_decree": "Нормативное постановление",
    "other": "Другой акт",
})
ACT_TYPE_UNKNOWN = "Акт"  # no type known (the same word in both languages)

ACTION = Localized({
    "new_wording": "жаңа редакцияда жазылды",
    "supplemented": "толықтырылды",
    "deleted": "алып тасталды",
    "amended": "өзгертілді",
    "repealed": "күші жойылды",
}, {
    "new_wording": "изложен в новой редакции",
    "supplemented": "дополнен",
    "deleted": "исключён",
    "amended": "изменён",
    "repealed": "утратил силу",
})

EVENT = Localized({
    "adopted": "Қабылданды",
    "registered": "Тіркелді",
    "in_force": "Күшіне енді",
    "amended": "Өзгертілді",
    "amends": "Басқа актіні өзгертті",
    "repeals": "Басқа актінің күшін жойды",
    "repealed": "Күші жойылды",
}, {
    "adopted": "Принят",
    "registered": "Зарегистрирован",
    "in_force": "Вступил в силу",
    "amended": "Изменён",
    "amends": "Изменил другой акт",
    "repeals": "Признал утратившим силу другой акт",
    "repealed": "Утратил силу",
})

RELATION = Localized({
    "repeals": "күшін жояды",
    "amends": "өзгертеді",
    "cites": "сілтеме жасайды",
}, {
    "repeals": "признаёт утратившим силу",
    "amends": "изменяет",
    "cites": "ссылается",
})

DATE_BASIS = Localized({
    "stated": "мәтінде көрсетілген",
    "in_force_from": "актінің күшіне енген күні",
    "adopted": "қабылданған күні (шамамен)",
}, {
    "stated": "указана в тексте",
    "in_force_from": "дата вступления акта в силу",
    "adopted": "дата принятия (приблизительно)",
})

DAY_KIND: Localized[str | None] = Localized(
    {"calendar": "күнтізбелік", "working": "жұмыс", None: ""},
    {"calendar": "календарных", "working": "рабочих", None: ""})
UNIT = Localized({"day": "күн", "month": "ай", "year": "жыл", "hour": "сағат", "minute": "минут",
                  "week": "апта", "quarter": "тоқсан"},
                 {"day": "дн.", "month": "мес.", "year": "г.", "hour": "ч", "minute": "мин",
                  "week": "нед.", "quarter": "кв."})
# A number of days of one kind, as a deadline says it ("15 жұмыс күні").
DAYS_OF_KIND = Localized({"working": "жұмыс күні", "calendar": "күнтізбелік күн"},
                         {"working": "рабочих дней", "calendar": "календарных дней"})

# How a deadline's relation reads after (or, for at_least, before) the period.
DEADLINE_RELATION = Localized({
    "within": "ішінде", "not_later_than": "кешіктірмей", "at_least": "кемінде",
    "before": "бұрын", "after": "өткен соң",
}, {
    "within": "в течение", "not_later_than": "не позднее", "at_least": "не менее чем за",
    "before": "до", "after": "по истечении",
})

# Where an applicant hands a document list in (the record's channel codes).
CHANNEL = Localized({
    "portal": "«Электрондық үкімет» веб-порталы",
    "state_corporation": "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы",
    "service_centre": "Халыққа қызмет көрсету орталығы",
    "employer": "Жұмыс беруші",
}, {
    "portal": "Веб-портал «электронного правительства»",
    "state_corporation": "Государственная корпорация «Правительство для граждан»",
    "service_centre": "Центр обслуживания населения",
    "employer": "Работодатель",
})

# The parts of a provision id ("rules/p-11/sp-3") as a lawyer names them; {n} is the number,
# written with "." where the id has "-" ("11-1" is point 11.1) and "–" where it has "~".
PROVISION_PART = Localized({
    "p": "{n}-тармақ", "sp": "{n}) тармақша", "app": "{n}-қосымша", "ch": "{n}-тарау",
    "sec": "{n}-бөлім", "art": "{n}-бап",
}, {
    "p": "пункт {n}", "sp": "подпункт {n})", "app": "приложение {n}", "ch": "глава {n}",
    "sec": "раздел {n}", "art": "статья {n}",
})

DOCLIST_KIND = Localized({
    "applicant_provides": "Өтініш беруші ұсынатын құжаттар",
}, {
    "applicant_provides": "Документы, представляемые заявителем",
})

NO = "—"


def act_type(code: str | None) -> str:
    return ACT_TYPE.get(code or "", t(ACT_TYPE_UNKNOWN))


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
        "status": dict(STATUS), "status_class": STATUS_CLASS, "act_type": dict(ACT_TYPE),
        "act_type_unknown": t(ACT_TYPE_UNKNOWN), "action": dict(ACTION), "event": dict(EVENT),
        "relation": dict(RELATION), "date_basis": dict(DATE_BASIS),
        "day_kind": {k: v for k, v in DAY_KIND.items() if k}, "days_of_kind": dict(DAYS_OF_KIND),
        "unit": dict(UNIT), "deadline_relation": dict(DEADLINE_RELATION),
        "channel": dict(CHANNEL), "doclist_kind": dict(DOCLIST_KIND),
        "provision_part": dict(PROVISION_PART), "none": NO, "urls": url_scheme(),
    }
