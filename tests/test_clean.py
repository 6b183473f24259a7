"""Every cleaning rule, on the real damage found in the seeds and on text that must stay."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from golden_facts import SEEDS

from shezhire.extract.clean import clean_text, normalise_characters
from shezhire.extract.mapped import MappedText
from shezhire.extract.readers import read_source


def clean(text: str) -> str:
    return clean_text(MappedText.identity(text)).text.text


WRAPPED = "x" * 70 + " \n"  # lines of a fixed width, as PDF text is wrapped


@pytest.mark.parametrize(("damaged", "clean_form"), [
    # letter-spaced words, word gaps kept by double spaces (almaty seed)
    ("Е .  Ш о р м а н о в қ а  ж ү к т е л с і н .", "Е. Шормановқа жүктелсін."),
    ("      2 )  1  ж ә н е  2  т о п т а ғ ы  м ү г е д е к т е р ;",
     "2) 1 және 2 топтағы мүгедектер;"),
    # a letter-spaced word with no gaps, cut by the words of the same document (wko seed)
    ("Облыс әкімінің орынбасары.\nО б л ы с ә к і м і н і ң", "Облыс әкімінің орынбасары.\nОблыс әкімінің"),
    # quotes, dashes, number signs, look-alike letters, odd spaces
    ("«Тұрғын үй қатынастары туралы» Заңы", '"Тұрғын үй қатынастары туралы" Заңы'),
    ("Күші жойылды - X", "Күші жойылды – X"),
    ("N 2/516 қаулысы", "№ 2/516 қаулысы"),
    ("№24 қаулысы", "№ 24 қаулысы"),
    # a stray space at a number's slash (astana-maslikhat-2016-11-09-69-11 stamp)
    ("9 қарашадағы № 69 /11-VI шешіміне қосымша", "9 қарашадағы № 69/11-VI шешіміне қосымша"),
    ("жергiлiктi атқарушы", "жергілікті атқарушы"),
    ("1\u00a0000 теңге", "1 000 теңге"),
    ("Қазақстан Республикасы Yкiметiнiң қаулысы", "Қазақстан Республикасы Үкіметінің қаулысы"),
    # a status label glued to the header sentence (database pages of Government decrees)
    ("Күшін жойғанАстана қаласы мәслихатының шешімі.", "Күшін жойған\nАстана қаласы мәслихатының шешімі."),
    ("ЖаңаҚазақстан Республикасы Үкіметінің қаулысы.", "Жаңа\nҚазақстан Республикасы Үкіметінің қаулысы."),
    # ... its words set apart by a tab (a copy with tabs in the header)
    ("Күшін\tжойғанАстана қаласы мәслихатының шешімі.", "Күшін жойған\nАстана қаласы мәслихатының шешімі."),
])
def test_rule_repairs_real_damage(damaged: str, clean_form: str) -> None:
    assert clean(damaged) == clean_form


@pytest.mark.parametrize("kept", [
    "А. Б. Бадашевқа жүктелсін.",        # initials are not letter spacing
    "1) 2) 3) тармақшалары",              # list markers
    "II топтағы мүгедектер",              # Roman numerals are Latin on purpose
    "www.egov.kz веб-порталы",            # a Latin word stays Latin
    "1 және 2 топтағы",                   # real one-character tokens
    "1 / 2 бөлігі",                       # a fraction not after a number sign
    "Жаңаөзен қаласы",                    # a word that starts like a label
    "«бұдан әрі – Стандарт»".replace("«", '"').replace("»", '"'),
])
def test_text_that_must_stay(kept: str) -> None:
    assert clean(kept) == kept


def test_displaced_link_word_goes_back_into_its_hole() -> None:
    # nko seed, preamble: "2-тармағына" printed at the line's end, a " ," hole left behind.
    damaged = (
        WRAPPED
        + 'Заңының 27-бабының , "Мемлекеттік көрсетілетін қызметтер туралы2-тармағына\n'
        + '" Қазақстан Республикасының Заңына сәйкес ҚАУЛЫ ЕТЕДІ:\n'
    ) + WRAPPED * 8
    out = clean(damaged)
    assert ('Заңының 27-бабының 2-тармағына, "Мемлекеттік көрсетілетін қызметтер туралы" '
            "Қазақстан Республикасының Заңына сәйкес ҚАУЛЫ ЕТЕДІ:") in out


def test_displaced_word_after_a_page_gap_completes_the_dangling_reference() -> None:
    # nko seed: "… 16-бабы 3-" then a gap, the linked "тармағына" glued after "ЕТЕДІ:".
    damaged = WRAPPED * 8 + (
        "Қазақстан Республикасының Заңының 16-бабы 3-\n\n"
        " сәйкес Солтүстік Қазақстан облысының әкімдігі ҚАУЛЫ ЕТЕДІ:тармағына\n"
    )
    assert "16-бабы 3-тармағына сәйкес Солтүстік Қазақстан облысының әкімдігі ҚАУЛЫ ЕТЕДІ:" in clean(damaged)


def test_double_space_hole_takes_the_act_type_word() -> None:
    # mic-order-2023 seed: "№ 441  (Нормативтік … бұйрығы"
    damaged = WRAPPED * 8 + (
        "      1) министрінің 2021 жылғы 13 тамыздағы № 441  (Нормативтік құқықтық актілерді бұйрығы\n"
        "мемлекеттік тіркеу тізілімінде № 24039 болып тіркелді);\n"
    )
    assert "№ 441 бұйрығы (Нормативтік құқықтық актілерді мемлекеттік тіркеу" in clean(damaged)


def test_unclear_displacement_is_reported_not_guessed() -> None:
    damaged = WRAPPED * 8 + "Заңының , , , ,  және бабының баптарына\n"
    result = clean_text(MappedText.identity(damaged))
    assert "Заңының , , , ,  және" not in result.text.text or result.findings
    assert [f.kind for f in result.findings] == ["displaced_link_text"]


def test_wrapped_lines_and_page_gaps_are_rejoined() -> None:
    text = (
        "      3. Солтүстік Қазақстан облысы әкімдігінің энергетика және тұрғын үй \n"
        "басқармасы коммуналдық мемлекеттік мекемесі мыналарды Қазақстан Республикасы \n\n\n\n"
        "заңнамасында белгіленген тәртіпте қамтамасыз етсін:\n"
        "      1) осы қаулыны мемлекеттік тіркеуді;\n"
    ) + WRAPPED * 6
    lines = clean(text).split("\n")
    assert lines[0].startswith("3. Солтүстік") and lines[0].endswith("қамтамасыз етсін:")
    assert lines[1] == "1) осы қаулыны мемлекеттік тіркеуді;"


def test_compound_word_broken_at_a_line_end_keeps_its_hyphen() -> None:
    text = WRAPPED * 8 + "      5. Жергілікті атқарушы органның тұрғын үй-\nкоммуналдық шаруашылық бөлімі.\n"
    assert "тұрғын үй-коммуналдық шаруашылық бөлімі." in clean(text)


# The header line of a database page (sozak-masl-2016-07-19-29, page.kk.txt), as a wrap at
# 200 characters cuts it: too few lines for a wrap width to show.
_SOZAK_HEADER = ("Оңтүстік Қазақстан облысы Созақ аудандық мәслихатының 2016 жылғы 19 шілдедегі № 29 "
                 "шешімі. Оңтүстік Қазақстан облысының Әділет департаментінде 2016 жылғы 25 шілдеде "
                 "№ 3811 болып тіркелді. Күші жойылды - Түркістан облысы Созақ аудандық мәслихатының "
                 "2020 жылғы 6 наурыздағы № 306 шешімімен")


# (At 120 the cut falls before "Әділет": a capital after a line with no full stop is also how
# a page's header line meets the next one, so that cut stays; see the next tests.)
@pytest.mark.parametrize("width", [150, 200])
def test_a_long_line_cut_mid_sentence_in_a_short_text_goes_on_below(width: int) -> None:
    title = "Аудандық мәслихаттың регламентін бекіту туралы"
    text = f"{title}\n" + textwrap.fill(_SOZAK_HEADER, width) + "\n"
    assert clean(text).split("\n") == [title, _SOZAK_HEADER.replace(" - ", " – ")]


def test_a_cut_line_goes_on_below_whatever_word_opens_it_where_blank_lines_part_paragraphs() -> None:
    # gov-2016-02-18-86, kaz.md: the preamble wrapped at 200 cuts "Қазақстан / Республикасының".
    preamble = ('"Этил спирті мен алкоголь өнімінің өндірілуін және айналымын мемлекеттік реттеу '
                'туралы" 1999 жылғы 16 шілдедегі Қазақстан Республикасының Заңы 3-1-бабының 5-1) '
                "тармақшасына сәйкес Қазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ:")
    point = "2. Осы қаулы алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі."
    text = "\n\n".join([textwrap.fill(preamble, 200), point, "Қазақстан Республикасының Премьер-Министрі"])
    assert clean(text).split("\n") == [preamble, point, "Қазақстан Республикасының Премьер-Министрі"]


def test_a_title_wrapped_at_80_in_a_page_of_short_lines_is_one_line() -> None:
    # gov-2004-02-10-158, page.kk.txt, wrapped at 80: four lines, too few for a width.
    title = "Қазақстан Республикасы Үкіметінің 2003 жылғы 22 тамыздағы № 848 қаулысына өзгеріс енгізу туралы"
    header = ("Қазақстан Республикасы Үкіметінің 2004 жылғы 10 ақпандағы № 158 қаулысы. Күші жойылды "
              "– ҚР Үкіметінің 2007.01.29. № 64 қаулысымен.")
    text = textwrap.fill(title, 80) + "\n" + textwrap.fill(header, 80) + "\n"
    assert clean(text).split("\n") == [title, header]


@pytest.mark.parametrize(("point", "goes_on"), [
    # shymkent-maslikhat-2018-05-29-28-238, kaz.md
    ("1. Шымкент қалалық мәслихатының 2014 жылғы 24 маусымындағы №37/257-5с шешімімен бекітілген "
     "(Нормативтік құқықтық актілердің мемлекеттік тіркеу тізілімінде 2736 нөмірімен тіркелген) "
     "Шымкент қаласының жерді аймақтарға бөлу схемасы негізінде жоғарылатылсын.",
     "шешімімен бекітілген (Нормативтік"),
    # almobl-akim-2000-11-24-11-342, kaz.md
    ("Құрылыс істері жөніндегі комитеттің 2000 жылғы 17 сәуірдегі N 99 бұйрығымен бекітілген "
     '"Республиканың тұрғын үй ғимараттарын қайта жаңартуға рұқсат беру процедурасын жүргізу '
     'ережелері" туралы республикалық бұйрыққа сәйкес шешім қабылдады:',
     'бұйрығымен бекітілген "Республиканың'),
])
def test_a_stamp_word_wrapped_to_a_line_end_inside_a_sentence_goes_on(point: str, goes_on: str
                                                                      ) -> None:
    assert goes_on in clean(WRAPPED * 8 + textwrap.fill(point, 30))


def test_short_lines_of_a_page_with_one_paragraph_a_line_stay_apart() -> None:
    # A page's header with no full stop, the link line under it, a table's row: no line is cut.
    lines = [_SOZAK_HEADER, "Құжаттан сілтемелер", "1 | Шешім | 2016 жылғы 19 шілдедегі № 29",
             "(қаулының атауы)"]
    assert clean("\n".join(lines)).split("\n")[1:] == lines[1:]


def test_a_stamp_wrapped_narrow_ends_before_the_title_it_approves() -> None:
    # mvd-2000-01-04-2, kaz.md, wrapped at 30: the stamp's last line is nearly full, and the
    # title under it opens with a capital.
    body = textwrap.fill("Бұйрық Қазақстан республикасы Ішкіісминінің \"Күзет\" РМК мен оның еншілес "
                         "кәсіпорындарының басшы құрамына жариялансын.", 30)
    stamp = ["Қазақстан Республикасы", "Ішкіісминінің", "2000 жылғы 4 қаңтардағы",
             "N 2 бұйрығына N 1 қосымша"]
    title = ["Қазақстан Республикасы", 'Ішкіісминінің "Күзет" РМК-ның', "арнайы әскериленген күзет"]
    lines = clean("\n".join([body, *stamp, *title, body])).split("\n")
    assert any(line.endswith("№ 2 бұйрығына № 1 қосымша") for line in lines)
    assert any(line.startswith('Қазақстан Республикасы Ішкіісминінің "Күзет" РМК-ның арнайы')
               for line in lines)


def test_status_label_keeps_its_own_line() -> None:
    text = "Азаматтарын есепке қою қағидаларын бекіту туралы " + "ж" * 30 + "\nКүшін жойған\n" + WRAPPED * 8
    assert "\nКүшін жойған\n" in clean(text)


_TESTS = Path(__file__).resolve().parent
# Every seed and every real text of the development set, as the pipeline reads them.
_READ_TEXTS = [*SEEDS, *sorted((_TESTS / "realworld").glob("adilet-pages/*/page.*.txt")),
               *sorted((_TESTS / "realworld").glob("kazakhstan-law-*/*/*.md"))]


@pytest.mark.parametrize("path", _READ_TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cleaning_twice_changes_nothing(path: Path) -> None:
    # Read as the pipeline reads the file (a Markdown act through its reader), cleaned, and
    # cleaned again: the cleaned text is one the cleaning leaves as it is.
    once = clean_text(read_source(path).text).text.text
    assert clean(once) == once


def test_lines_of_one_paragraph_each_near_one_length_are_not_a_wrap() -> None:
    # gov-1995-03-15-267 (kazakhstan-law), its Kazakh text as cleaned once: the title, the
    # header and three other lines come near the longest line's length, but each ends its
    # paragraph (a full stop, a colon, a title above a capital), so no wrap width joins them.
    once = "\n".join([
        "Қазақстан Республикасының министрліктері мен ведомстволарына министрлердің "
        "орынбасарлары мен комитеттер төрағаларының қосымша санын енгізу туралы",
        "Қазақстан Республикасы Министрлер Кабинетінің Қаулысы 1995 жылғы 15 наурыздағы № 267",
        "Қазақстан Республикасының министрліктері мен ведомстволарына министрлердің "
        "орынбасарлары мен комитеттер төрағаларының қосымша санын енгізу туралы",
        "Қазақстан Республикасының Министрлер Кабинеті қаулы етеді:",
        "Қазақстан Республикасының мына министрліктері мен ведомстволарына министр "
        "орынбасарының, төрағаның бір-бір лауазымы және бір-бірден жеңіл автомобиль лимиті "
        "қосымша енгізілсін:",
        "Қазақстан Республикасының Ауыл шаруашылығы министрлігі",
        "Қазақстан Республикасының Экология және биоресурстар министрлігі",
        "Қазақстан Республикасының Министрлер Кабинеті жанындағы",
        "Қорғаныс өнеркәсібі жөніндегі комитет",
        "Қазақстан Республикасының Министрлер Кабинеті жанындағы",
        "Су ресурстары жөніндегі комитет",
        "Қазақстан Республикасының Министрлер Кабинеті жанындағы Ұлттық аэроғарыш агенттігі",
        "Қазақстан Республикасының Геология және жер қойнауын қорғау министрлігі",
        "Қазақстан Республикасының Өнеркәсіп және сауда министрлігі",
        "Қазақстан Республикасының Премьер-министрі",
    ])
    assert clean(once) == once


def test_a_stray_blank_line_in_a_sentence_parts_nothing() -> None:
    # almobl-akim-2002-07-18-subsoil (kazakhstan-law), Kazakh text after the Markdown reader:
    # one blank line cuts a cited title ("Қазақстан / Республикасында …") in a text whose
    # paragraphs are not parted by blank lines; the title is joined as it would be without it.
    read = (
        "Жер қойнауын пайдалану құқығын беру конкурсына қатысу үшін жарна мөлшерін бекіту туралы\n\n"
        "Қазақстан Республикасы Президентінің 1996 жылғы 27 қаңтардағы Заң күші бар \"Жер "
        "қойнауын пайдалану туралы\" U962828_ N 2828 Жарлығына, 1999 жылғы тамыздың 11-гі "
        "өзгертулері және толықтыруларымен, Қазақстан Республикасы Үкіметінің 2000 жылғы "
        "21 қаңтардағы \"Қазақстан\n\n"
        "Республикасында жер қойнауын пайдалану құқығын беру Ережесін бекіту\n"
        "туралы\"\n"
        "P000108_\n"
        "N 108 Қаулысына сәйкес облыс Әкімі ШЕШІМ қабылдады:\n"
        "1. Жер қойнауын пайдалану құқығын беру жөнінде ашық конкурсқа\n"
        "қатысуға жарнасы 8 айлық есеп айыратын көрсеткіш мөлшерінде бекітілсін.\n"
    )
    once = clean(read)
    assert ('21 қаңтардағы "Қазақстан Республикасында жер қойнауын пайдалану құқығын беру '
            'Ережесін бекіту туралы"') in once
    assert clean(once) == once


def test_a_quote_that_closes_the_paragraph_above_stays_apart_from_its_word() -> None:
    # gov-2018-03-12-118 (kazakhstan-law): a table cited in guillemets, then "»" on its own,
    # then "деген жол …". Cleaned, the closing quote is straight; cleaned again it still
    # closes (its own paragraph pairs no other quote), so it is not glued to "деген".
    read = "<td>2385</td>\n\n»\n\nдеген жол мынадай редакцияда жазылсын:\n"
    once = clean(read)
    assert once.endswith('" деген жол мынадай редакцияда жазылсын:')
    assert clean(once) == once
    # A quote that opens a title closed further in its own paragraph is still attached.
    assert clean('" Тұрғын үй қатынастары туралы" Заңы') == '"Тұрғын үй қатынастары туралы" Заңы'


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_kept_character_maps_back_to_the_same_source_character(seed) -> None:  # type: ignore[no-untyped-def]
    source = seed.read_text("utf-8")
    result = clean_text(MappedText.identity(source)).text
    same = sum(1 for ch, o in zip(result.text, result.origin, strict=True) if source[o] == ch)
    assert same / len(result.text) > 0.97


# --- look-alike letters and OCR damage of real texts (issue 10, point 3) -------------------

_REALWORLD = Path(__file__).resolve().parent / "realworld"
_DAMAGE = json.loads((Path(__file__).resolve().parent / "fixtures" / "real_damage.json")
                     .read_text("utf-8"))


def _characters(text: str) -> str:
    return normalise_characters(MappedText.identity(text)).text


@pytest.mark.parametrize("case", _DAMAGE["repaired"], ids=lambda c: c["damaged"][:30])
def test_real_look_alike_damage_is_repaired(case: dict[str, str]) -> None:
    assert case["damaged"] in (_REALWORLD / case["file"]).read_text("utf-8")
    assert _characters(case["damaged"]) == case["clean"]
    assert clean(case["damaged"]) == case["clean"]


@pytest.mark.parametrize("case", _DAMAGE["kept"], ids=lambda c: c["text"][:30])
def test_real_latin_on_purpose_stays(case: dict[str, str]) -> None:
    assert case["text"] in (_REALWORLD / case["file"]).read_text("utf-8")
    assert _characters(case["text"]) == case["text"].replace("N ", "№ ")


@pytest.mark.parametrize(("typed", "read"), [
    # made up, after the example: "VI" in "284-VІ" is Latin, its І a look-alike
    ("№ 284-VІ Заңы", "№ 284-VI Заңы"),
    ("№ 284-VI Заңы", "№ 284-VI Заңы"),
    ("ІІ топтағы", "ІІ топтағы"),  # Cyrillic only: nothing says it is no word
])
def test_a_roman_numeral_is_latin_however_typed(typed: str, read: str) -> None:
    assert _characters(typed) == read


def test_a_look_alike_number_names_the_same_act_in_both_languages() -> None:
    kk = _characters("Мәслихатының 2008.03.28 N 65/10-ІV")
    ru = _characters("маслихата города Астаны от 28.03.2008 года N 65/10-IV")
    assert kk.split("№ ")[1] == ru.split("№ ")[1] == "65/10-IV"


def test_a_page_top_run_into_one_line_gets_its_label_line_back_and_loses_the_footer() -> None:
    # A real page's first lines (title, glued label and header, the error-report line), as a
    # copy that joined its lines gives them.
    page = (_REALWORLD / "adilet-pages/gov-2003-12-31-1387/page.kk.txt").read_text("utf-8")
    title, header, footer = page.split("\n")[:3]
    result = clean_text(MappedText.identity(" ".join([title, header, footer])))
    lines = result.text.text.split("\n")
    assert lines[0] == clean(title)
    assert lines[1] == "Күшін жойған"
    assert lines[2].startswith("Қазақстан Республикасы Үкіметінің 2003 жылғы 31 желтоқсандағы")
    assert "Ctrl+Enter" not in result.text.text
    assert [f.kind for f in result.findings] == ["page_furniture_dropped"]


def test_a_label_word_inside_a_sentence_stays() -> None:
    kept = "Осы қаулы күшін жойған деп танылсын. Жаңа Қазақстан"
    assert clean(kept) == kept


def test_items_marked_by_a_glued_dash_stay_apart_however_long() -> None:
    # Mangystau akim's decision of 29 October 1998 № 278 (kazakhstan-law-heldout3, rus.md):
    # the tasks of the Small Assembly, each opened by a dash glued to its first word, one a
    # paragraph. Cleaned once, the blank lines are gone; cleaned again, the long item above
    # (no closing mark) must not run on into its sibling.
    path = (_TESTS / "realworld" / "kazakhstan-law-heldout3" / "mang-akim-1998-10-29-278"
            / "rus.md")
    once = clean_text(read_source(path).text).text.text
    items = [line for line in once.split("\n") if line.startswith("-")]
    assert any(line.startswith("-содействие духовно-культурному") for line in items)
    assert any(line.startswith("-поиски компромиссов") for line in items)
    assert clean(once) == once
