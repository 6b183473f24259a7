"""Document lists read from the seeds, checked against the acts' text, and from texts never seen.

Every expectation on a seed was read in the act by a person: the list's channel, a few of its
documents and the condition each is asked under. Synthetic texts in the database's style for
other services (a maslikhat's social aid) show the reading rests on the legal phrasing.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from shezhire.extract.documents import provisions_to_document_lists
from shezhire.extract.models import DocumentItem, DocumentList, Finding, Provision
from shezhire.extract.structure import paragraphs_to_provisions, text_to_paragraphs

NKO = "nko-akimat-decree-2018-193-reglament"
MIC_2023 = "mic-order-2023-168-rules"
ALMATY = "almaty-akimat-decree-2012-2-516-reglament"
WKO = "wko-akimat-decree-2014-111-reglament"
MIC_2026 = "mic-order-2026-130-amendments"


def _provisions(record: dict[str, Any]) -> list[Provision]:
    return [Provision(p["id"], p["kind"], p["label"], p["heading"], p["text"], p["parent"],
                      p["span"][0], p["span"][1], p["role"]) for p in record["provisions"]]


def _read(record: dict[str, Any]) -> tuple[list[DocumentList], list[Finding]]:
    return provisions_to_document_lists(record["text"], _provisions(record))


def _read_text(text: str) -> tuple[list[DocumentList], list[Finding]]:
    return provisions_to_document_lists(text, paragraphs_to_provisions(text_to_paragraphs(text)))


def _item(lst: DocumentList, label_part: str) -> DocumentItem:
    found = [i for i in lst.items if label_part in i.label]
    assert len(found) == 1, (label_part, [i.label for i in lst.items])
    return found[0]


def _by(lists: list[DocumentList], provision: str) -> list[DocumentList]:
    return [lst for lst in lists if lst.provision == provision]


@pytest.fixture(scope="module")
def seed_lists(seed_records: dict[str, dict[str, Any]]) -> dict[str, list[DocumentList]]:
    return {stem: _read(record)[0] for stem, record in seed_records.items()}


# -- every seed: evidence, ids, findings --------------------------------------------------------


def test_every_quote_stands_at_its_span(seed_records: dict[str, dict[str, Any]]) -> None:
    for stem, record in seed_records.items():
        text = record["text"]
        lists, findings = _read(record)
        assert lists, stem
        for lst in lists:
            evidences = [lst.evidence, *([lst.header] if lst.header else []),
                         *(i.evidence for i in lst.items)]
            for ev in evidences:
                assert text[ev.start:ev.end] == ev.quote, (stem, lst.id)
            for item in lst.items:
                # An item lies inside its list and cites the provision it stands in.
                assert lst.evidence.start <= item.evidence.start <= item.evidence.end \
                    <= lst.evidence.end, (stem, item.id)
                provision = next(p for p in record["provisions"] if p["id"] == item.provision)
                assert provision["span"][0] <= item.evidence.start < provision["span"][1], item.id
        for f in findings:
            assert f.evidence is None or text[f.evidence.start:f.evidence.end] == f.evidence.quote


def test_ids_are_readable_unique_and_stable(seed_records: dict[str, dict[str, Any]]) -> None:
    for stem, record in seed_records.items():
        first, _ = _read(record)
        again, _ = _read(record)
        assert [lst.to_json() for lst in first] == [lst.to_json() for lst in again]
        ids = [lst.id for lst in first] + [i.id for lst in first for i in lst.items]
        assert len(ids) == len(set(ids)), stem
        for lst in first:
            assert lst.id.startswith(lst.provision + "/doclist-")
            for item in lst.items:
                assert re.fullmatch(re.escape(item.provision) + r"/doc-\d+", item.id)


def test_seed_lists_are_all_read(seed_records: dict[str, dict[str, Any]]) -> None:
    """Each list the seeds state is read to its items: none is left as a finding."""
    for stem, record in seed_records.items():
        _, findings = _read(record)
        assert [f.kind for f in findings] == [], stem


def test_json_shape(seed_lists: dict[str, list[DocumentList]]) -> None:
    lst = seed_lists[NKO][0].to_json()
    assert set(lst) == {"id", "kind", "channel", "channels", "channel_text", "condition", "items",
                        "provision", "header", "evidence"}
    assert set(lst["items"][0]) == {"id", "label", "condition", "original_required", "provision",
                                    "evidence"}
    assert set(lst["evidence"]) == {"quote", "span"}


# -- nko: point 7, by channel, with conditions; what the office gets itself ---------------------


def test_nko_lists_by_channel(seed_lists: dict[str, list[DocumentList]]) -> None:
    lists = seed_lists[NKO]
    assert [(lst.provision, lst.kind, lst.channel) for lst in lists] == [
        ("reglament/p-7/sp-1", "applicant_provides", "state_corporation"),
        ("reglament/p-7/sp-2", "applicant_provides", "portal"),
        ("reglament/p-7/sp-2", "obtained_by_provider", None),
    ]
    state, portal, _ = lists
    assert state.channel_text == "Мемлекеттік корпорацияға"
    assert portal.channel_text == "порталда"
    assert state.header is not None and state.header.quote.endswith("қажетті құжаттардың тізбесі")
    assert len(state.items) == 8 and len(portal.items) == 7


def test_nko_state_corporation_items(seed_lists: dict[str, list[DocumentList]]) -> None:
    state = seed_lists[NKO][0]
    application = state.items[0]
    assert application.label.endswith("тұрғын үйге мұқтаж азаматтарды есепке алу туралы өтініш")
    assert application.condition is None and not application.original_required
    identity = _item(state, "жеке басын куәландыратын құжат")
    assert identity.original_required and identity.condition is None
    unsafe = _item(state, "жергілікті атқарушы органның анықтамасын")
    assert unsafe.condition == "жалғыз тұрғын үйі авариялық жағдайда деп танылса"
    assert unsafe.evidence.quote.startswith("жалғыз тұрғын үйі авариялық")
    income = _item(state, "табысы туралы мәліметтер")
    assert "соңғы он екі ай ішінде" in income.label
    assert income.condition is not None and income.condition.startswith(
        "халықтың әлеуметтік жағынан осал топтарына жататын көрсетілетін қызметті алушылар")
    assert "жетім балаларды" in income.condition  # the exemption stays with the category
    workplace = _item(state, "жұмыс орнынан (қызметтен) анықтаманы")
    assert workplace.condition is not None and workplace.condition.startswith(
        "мемлекеттік қызметшілер, бюджеттік ұйымдардың қызметкерлері")
    cosmonauts = _item(state, "мәртебесін растайтын құжаттарды")
    assert cosmonauts.condition == "ғарышкерлікке кандидаттар, ғарышкерлер"
    housing = _item(state, "тиісті уәкілетті органның анықтамасын")
    assert housing.condition is not None and housing.condition.startswith(
        "отбасы тұратын тұрғын үй белгіленген санитариялық")
    assert housing.condition.endswith("мүмкін болмаған жағдайда")


def test_nko_portal_and_information_systems(seed_lists: dict[str, list[DocumentList]]) -> None:
    _, portal, obtained = seed_lists[NKO]
    assert "ЭЦҚ-сымен куәландырылған электрондық құжат нысанындағы сұрату" in portal.items[0].label
    # The condition is read out of the item: the label names the document only.
    assert not any("авариялық" in i.label for i in portal.items)
    unsafe = _item(portal, "жергілікті атқарушы органның анықтамасының электрондық көшермесі")
    assert unsafe.condition == "жалғыз тұрғын үйі авариялық жағдайда деп танылса"
    assert obtained.channel_text == "тиісті мемлекеттік ақпараттық жүйелерден"
    labels = [i.label for i in obtained.items]
    assert labels[0] == "Жеке басын куәландыратын құжаттардың"
    assert "мекенжай анықтамаларының" in labels
    assert obtained.evidence.quote.endswith("электрондық құжаттар нысанында беріледі")


# -- mic-order-2023-168: the rules and their list of basic requirements -------------------------


def test_mic_2023_rules_text(seed_lists: dict[str, list[DocumentList]]) -> None:
    lists = seed_lists[MIC_2023]
    p9 = _by(lists, "rules/p-9")
    assert [(lst.kind, lst.channel) for lst in p9] == [
        ("applicant_provides", "portal"), ("obtained_by_provider", None),
        ("applicant_provides", None), ("obtained_by_provider", None)]
    update = p9[0]
    assert update.condition == "Мәліметтерді жаңарту, өзгерту немесе толықтыру үшін"
    assert [i.label for i in update.items] == [
        "осы Қағидаларға 3-қосымшаға сәйкес өтінішті", "Тізбенің 8-тармағында көзделген құжаттарды"]
    at_work = p9[2]
    assert at_work.condition is not None and at_work.condition.startswith(
        "Жұмыс орны бойынша есепке қою үшін")
    gateway = p9[1]
    assert "отбасының барлық мүшелеріне салық салынатын кірістер туралы мәліметтер" in [
        i.label for i in gateway.items]
    forbidden = _by(lists, "rules/p-10/sp-2")
    assert len(forbidden) == 1 and forbidden[0].kind == "obtained_by_provider"
    assert forbidden[0].items[0].label == \
        "ақпараттық жүйелерден алынуы мүмкін құжаттарды және мәліметтерді"
    assert "талап етуге жол берілмейді" in forbidden[0].evidence.quote


def test_mic_2023_list_of_basic_requirements(seed_lists: dict[str, list[DocumentList]]) -> None:
    lists = [lst for lst in seed_lists[MIC_2023] if lst.provision.startswith("rules/app-4")]
    assert [lst.kind for lst in lists] == ["applicant_provides", "obtained_by_provider"]
    given, obtained = lists
    # The table's row label, flattened into the list, announces it and leaves the items.
    assert given.header is not None and given.header.quote.startswith("Мемлекеттік қызмет көрсету")
    assert not any("тізбесі" in i.label for i in given.items)
    assert given.items[0].label == "өтініш"
    military = _item(given, "жұмыс орнынан анықтама")
    assert military.condition is not None and military.condition.startswith("әскери қызметшілер")
    expert = _item(given, "аттестатталған сарапшының техникалық қорытындысының")
    assert expert.condition == \
        "отбасы тұрып жатқан тұрғын үй белгіленген техникалық талаптарға жауап бермейтін болса"
    assert expert.label.startswith("сәулет, қала құрылысы")
    vulnerable = _item(given, "соңғы он екі ай ішінде табысы туралы мәліметтерді")
    assert vulnerable.condition is not None and vulnerable.condition.startswith(
        "Ақпараттық жүйеде деректер болмаған жағдайда")
    court = _item(given, "сот шешімінің көшірмелері")
    assert court.condition == "Басқа адамдарды өтініш берушінің отбасы мүшелері деп таныған жағдайда"
    assert obtained.items[0].label == \
        "Көрсетілетін қызметті алушының жеке басын куәландыратын құжаттардың"
    assert obtained.evidence.quote.endswith("ақпараттық жүйелерден алады")


# -- almaty, wko, and the amending order's new wording ------------------------------------------


def test_almaty_point_13(seed_lists: dict[str, list[DocumentList]]) -> None:
    (lst,) = seed_lists[ALMATY]
    assert lst.provision == "reglament/p-13" and lst.channel is None
    assert len(lst.items) == 6
    register = _item(lst, "азаматтарды тіркеу кітабының көшірмесін")
    assert register.original_required
    needed = [i for i in lst.items if i.condition == "Қажет болған кезде"]
    assert [i.provision for i in needed] == ["reglament/p-13/sp-4"] * 2
    assert "мемлекеттік денсаулық сақтау мекемесінің анықтамасын" in needed[1].label


def test_wko_refers_to_the_standard(seed_lists: dict[str, list[DocumentList]]) -> None:
    (lst,) = seed_lists[WKO]
    assert lst.channel == "service_centre" and lst.channel_text == "ХҚО операторына"
    assert lst.items[0].label.startswith("Стандарттың 9-тармағында көрсетілген құжаттарды")


def test_mic_2026_new_wording(seed_lists: dict[str, list[DocumentList]]) -> None:
    lists = seed_lists[MIC_2026]
    (application,) = [lst for lst in _by(lists, "p-1") if lst.kind == "applicant_provides"]
    assert application.channel is None and application.channels == ["portal", "state_corporation"]
    p2 = _by(lists, "p-2")
    # Points 4 and 8 of the amended rules get the same two paragraphs.
    assert [lst.kind for lst in p2] == ["obtained_by_provider"] * 4
    assert [len(lst.items) for lst in p2] == [3, 1, 3, 1]
    assert p2[0].channel_text == "цифрлық жүйелер"
    assert all(i.label.endswith("мәліметтерді") for i in p2[0].items)
    assert "соңғы бес жыл ішінде" in p2[0].items[1].label
    table = [lst for lst in lists if lst.provision.startswith("app-2")]
    assert [(lst.channel, len(lst.items)) for lst in table] == [
        ("state_corporation", 10), ("portal", 9)]
    assert not any("тізбесі" in i.label for lst in table for i in lst.items)
    assert "банктік шоты" in [i.label for i in table[0].items]
    assert table[1].channel_text == '"цифрлық үкіметтің" веб-порталға'


# -- texts never seen: a maslikhat's social aid ------------------------------------------------

MASLIKHAT_SOCIAL_AID = """\
Қостанай облысы Арқалық қалалық мәслихатының 2021 жылғы 15 наурыздағы № 45 шешімі
Әлеуметтік көмек көрсетудің қағидаларын бекіту туралы
Арқалық қалалық мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:
1. Қоса беріліп отырған Әлеуметтік көмек көрсету қағидалары бекітілсін.
Арқалық қалалық мәслихатының 2021 жылғы 15 наурыздағы № 45 шешімімен бекітілген
Әлеуметтік көмек көрсету қағидалары
1. Жалпы ережелер
7. Әлеуметтік көмекті тағайындау үшін қажетті құжаттардың тізбесі:
1) халыққа қызмет көрсету орталығына:
өтініш;
жеке басын куәландыратын құжат (сәйкестендіру үшін түпнұсқасы талап етіледі);
өтініш беруші мүгедектігі бар адам болса, оңалтудың жеке бағдарламасының көшірмесі;
көпбалалы отбасылар өтініш берген кезде:
балалардың тууы туралы куәліктердің көшірмелері қосымша ұсынылады.
2) жұмыс берушіге:
жұмыс орнынан анықтама;
еңбек шартының көшірмесі.
Отбасының табысы туралы мәліметтерді, тұрғылықты жері бойынша тіркеу туралы мәліметтерді уәкілетті орган тиісті ақпараттық жүйелерден алады.
8. Өтініш берушілерден ақпараттық жүйелерден алынатын мәліметтерді талап етуге жол берілмейді.
9. Зейнетақы алатын азаматтар зейнетақы төлемдері туралы анықтаманы қосымша ұсынады.
10. Учаскелік комиссия өтініш берушінің тұрғын үй жағдайын тексереді және 5 жұмыс күні ішінде қорытынды жасайды.
11. ХҚО операторы құжаттарды қабылдайды және көрсетілетін қызметті берушіге жібереді.
12. Егер өтініш беруші құжаттарды алуға жүгінбеген жағдайда, ХҚО оларды уәкілетті органға жібереді.
13. Әлеуметтік көмек тоқсанына бір рет беріледі.
"""


def test_maslikhat_social_aid() -> None:
    lists, findings = _read_text(MASLIKHAT_SOCIAL_AID)
    assert findings == []
    assert [(lst.provision, lst.kind, lst.channel) for lst in lists] == [
        ("rules/p-7/sp-1", "applicant_provides", "service_centre"),
        ("rules/p-7/sp-2", "applicant_provides", "employer"),
        ("rules/p-7/sp-2", "obtained_by_provider", None),
        ("rules/p-8", "obtained_by_provider", None),
        ("rules/p-9", "applicant_provides", None),
    ]
    centre, employer, obtained, forbidden, pensioners = lists
    assert [(i.label, i.condition, i.original_required) for i in centre.items] == [
        ("өтініш", None, False),
        ("жеке басын куәландыратын құжат (сәйкестендіру үшін түпнұсқасы талап етіледі)", None, True),
        ("оңалтудың жеке бағдарламасының көшірмесі", "өтініш беруші мүгедектігі бар адам болса",
         False),
        ("балалардың тууы туралы куәліктердің көшірмелері", "көпбалалы отбасылар", False),
    ]
    assert [i.id for i in centre.items] == [f"rules/p-7/sp-1/doc-{n}" for n in range(1, 5)]
    assert [i.label for i in employer.items] == ["жұмыс орнынан анықтама", "еңбек шартының көшірмесі"]
    assert [i.label for i in obtained.items] == [
        "Отбасының табысы туралы мәліметтерді", "тұрғылықты жері бойынша тіркеу туралы мәліметтерді"]
    assert forbidden.items[0].label == "ақпараттық жүйелерден алынатын мәліметтерді"
    assert pensioners.condition == "Зейнетақы алатын азаматтар"
    assert [i.label for i in pensioners.items] == ["зейнетақы төлемдері туралы анықтаманы"]


def test_one_line_list_and_passive_sentence() -> None:
    text = ("Тұрғын үй көмегін тағайындау қағидалары\n"
            "3. Өтінішке мынадай құжаттар қоса беріледі: жеке куәліктің көшірмесі; "
            "табыс туралы анықтама.\n"
            "4. Көп балалы отбасы деп танылған жағдайда, балалардың тууы туралы куәліктердің "
            "көшірмелері, сондай-ақ отбасы құрамы туралы анықтама ұсынылады.\n")
    lists, findings = _read_text(text)
    assert findings == []
    one_line, passive = lists
    assert [i.label for i in one_line.items] == ["жеке куәліктің көшірмесі", "табыс туралы анықтама"]
    assert passive.condition == "Көп балалы отбасы деп танылған жағдайда"
    assert [i.label for i in passive.items] == [
        "балалардың тууы туралы куәліктердің көшірмелері", "отбасы құрамы туралы анықтама"]
    for lst in lists:
        for item in lst.items:
            assert text[item.evidence.start:item.evidence.end] == item.evidence.quote


def test_lists_that_cannot_be_read_are_findings() -> None:
    text = ("Әлеуметтік көмек көрсету қағидалары\n"
            "4. Көрсетілетін қызметті алушы мынадай құжаттарды ұсынады:\n"
            "Құжат\tНысаны\n"
            "Өтініш\tеркін\n"
            "5. Құжаттардың тізбесі:\n"
            "1) Мемлекеттік корпорацияға:\n"
            "өтініш;\n"
            "2) порталға:\n"
            "6. Көмек тоқсанына бір рет тағайындалады.\n")
    lists, findings = _read_text(text)
    assert [(lst.channel, [i.label for i in lst.items]) for lst in lists] == [
        ("state_corporation", ["өтініш"])]
    assert [f.kind for f in findings] == ["unread_document_list"] * 2
    quotes = [f.evidence.quote for f in findings if f.evidence is not None]
    assert quotes[0].endswith("мынадай құжаттарды ұсынады")
    assert quotes[1] == "порталға"
    for f in findings:
        assert f.evidence is not None
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote


def test_procedure_steps_are_no_lists() -> None:
    """Offices passing documents on, or a condition about the applicant, give no list."""
    text = ("Регламент\n"
            "5. ХҚО операторы құжаттарды қабылдайды және көрсетілетін қызметті берушіге жібереді.\n"
            "6. Егер өтініш беруші құжаттарды алуға жүгінбеген жағдайда, ХҚО оларды уәкілетті "
            "органға жібереді.\n"
            "7. Бір ай өткен соң көрсетілетін қызметті алушы өтініш жасаған кезде көрсетілетін "
            "қызметті беруші дайын құжаттарды Мемлекеттік корпорацияға жібереді.\n"
            "8. Мемлекеттік қызмет көрсету процесіне қатысатын қызметкерлердің тізбесі:\n"
            "1) кеңсе қызметкері;\n"
            "2) басшы.\n")
    lists, findings = _read_text(text)
    assert lists == [] and findings == []
