"""Kazakh words the guide shows for the record's codes (status, act type, relation, event)."""

from __future__ import annotations

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
        "week": "апта"}

DOCLIST_KIND = {
    "applicant_provides": "Өтініш беруші ұсынатын құжаттар",
}

NO = "—"


def act_type(code: str | None) -> str:
    return ACT_TYPE.get(code or "", "Акт")


def status(code: str | None) -> str:
    return STATUS.get(code or "unknown", STATUS["unknown"])
