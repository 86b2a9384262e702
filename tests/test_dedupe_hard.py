"""Dedupe on the hard cases (issue 16): developing stories join their event, follow-ups and
near-misses stay apart, events do not chain, Kazakh and Uzbek in both scripts, and the
evaluation's per-class report.

Decision tests use hand-made Docs (no model); the class tests on real text use the blind
``dev`` splits only (tests/data/dedupe_blind{,2,3}/dev.jsonl) — the
``test`` splits are scored by ``newsmon eval-dedupe`` and never tuned on.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from newsmon.core.language import detect_language
from newsmon.dedupe.cluster import Clusterer, cluster_all
from newsmon.dedupe.decide import Doc, Params, combine, pair_score, pair_signals
from newsmon.dedupe.features import resolve_date
from newsmon.dedupe.numbers import currency_countries, extract_numbers, extract_quantities, number_relation, quantity_relation
from newsmon.dedupe.signals import (CAUSE_TAG, clock_minutes, date_mentions, entity_overlap, explains_cause, extract_signals, match_scores, prison_terms, reports_rise,
                                    headline_actions)
from tests.conftest import REPO
from tests.handmade_docs import handmade_doc, unit_vector

BLIND = REPO / "tests" / "data" / "dedupe_blind"


# ----------------------------------------------------------------------------- language identification

@pytest.mark.parametrize("lang,text", [
    ("kk", "Қазақстан Ұлттық банкі базалық мөлшерлемені 16,5 пайыздан 16 пайызға дейін төмендетті. "
           "Бұл туралы банктің баспасөз қызметі хабарлады."),
    ("kk", "Qazaqstan Ūlttyq banki bazalyq mölşerlemenı 16,5 paiyzdan 16 paiyzğa deiın tömendettı. "
           "Būl turaly banktıñ baspasöz qyzmetı habarlady."),                       # 2021 Latin
    ("kk", "Almaty oblysynda sel júrip, 5 adam qaza tapty, 20 adam evakýatsıalandy. Tótenshe jaǵdaılar "
           "mınıstrligi izdestirý jumystary jalǵasyp jatqanyn habarlady."),         # 2018 acute Latin
    ("uz", "Oʻzbekiston Markaziy banki asosiy stavkani 14 foiz darajasida saqlab qoldi. Bu haqda regulyator "
           "matbuot xizmati xabar berdi."),
    ("uz", "Наманган вилоятида сел оқибатида 12 киши ҳалок бўлди, 30 дан ортиқ киши жароҳатланди."),
    ("ru", "Президент Казахстана Касым-Жомарт Токаев (Қасым-Жомарт Тоқаев) провёл встречу в Акорде с делегацией."),
    ("tr", "Türkiye Merkez Bankası politika faizini yüzde 40'ta sabit tuttu. Banka açıklamasında enflasyon "
           "beklentilerine dikkat çekti."),
    ("ky", "Кыргызстандын Улуттук банкы эсептик ченди 9 пайызга чейин төмөндөттү. Бул тууралуу банктын басма "
           "сөз кызматы билдирди."),
])
def test_language_identification_returns_kazakh_and_uzbek_in_both_scripts(lang, text):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text, lang", [
    ("Хокимият Ташкента объявил о возвращении трамвая", "ru"),   # a dev headline py3langid reads as Bulgarian
    ("Фото с сайта акимата Алматинской области", "ru"),
    ("Министърът на енергетиката каза, че България ще внася газ.", "bg"),  # Bulgarian keeps its own ъ
])
def test_a_short_russian_line_is_not_another_slavic_language(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text, lang", [
    ("Президент Казахстану Касим-Жомарт Токаєв у вівторок провів переговори з президентом Узбекистану. "
     "Сторони обговорили розвиток торгівлі, енергетики та транспорту.", "uk"),
    ("Прэзідэнт Казахстана Касым-Жамарт Такаеў у аўторак правёў перамовы з прэзідэнтам Узбекістана. "
     "Бакі абмеркавалі развіццё гандлю і энергетыкі.", "be"),
])
def test_ukrainian_and_belarusian_are_not_kazakh_for_their_letter_i(text, lang):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text, lang", [
    ("Ankara'da Türkiye Cumhurbaşkanı yabancı yatırımcılarla bir araya geldi. Toplantıda ulaştırma ve lojistik "
     "alanındaki projeler ele alındı.", "tr"),
    ("Türk Devletleri Teşkilatı zirvesi yarın Astana'da yapılacak. Liderler ulaştırma koridorları ve enerji "
     "işbirliğini görüşecek.", "tr"),
    ("Bakıda Azərbaycan Prezidenti İlham Əliyev Qazaxıstan Prezidenti ilə görüşüb. Görüşdə nəqliyyat və enerji "
     "sahəsində əməkdaşlıq müzakirə olunub.", "az"),
    ("Almatyda jol apatynan üş adam qaza taptı. Polisiia oqiğa ornynda tergeu jürgızude.", "kk"),
    # no q, but a word-final ñ (a genitive): the identifier alone answers Crimean Tatar
    ("Oblystyk teatrdıñ jaña mausymy eki premieramen aşıldı, biletter bir aptada satılıp bıttı.", "kk"),
    ("Barselonadağı España meydanında bir konser düzenlendi ve binlerce kişi katıldı.", "tr"),
    # no ı and no Kazakh word, but y as a vowel after consonants ("qory", "jinady"): the identifier alone
    # answers Crimean Tatar or Turkmen
    ("Jastar qory Tarazdağy örtten zardap şekken otbasylarğa 8 million teñge jinady.", "kk"),
    ("Sportşylar qory Tarazdağy jarysqa 40 jasty tartty.", "kk"),
])
def test_turkish_and_azerbaijani_are_not_kazakh_for_their_dotless_i(text, lang):
    """Kazakh 2021 Latin writes ı, and so do Turkish and Azerbaijani: ı is Kazakh evidence only in a
    text that writes q or a word-final ñ or ū (Turkish never does; Spanish ñ stands inside a word)
    and no ə (Azerbaijani does); so is a y between consonants where q is written (Crimean Tatar and
    Uzbek y is a consonant)."""
    assert detect_language(text) == lang


def test_tatar_is_not_kazakh_for_its_letter_schwa_and_a_name_heavy_english_line_is_not_uzbek():
    """ә is Tatar, Bashkir and Uyghur too (Kazakh's own Cyrillic letters are ұ and і); and a line of
    Central Asian names with English function words is English, not the identifier's guess of Uzbek."""
    tatar = ("Казанда Татарстан Рәисе Рөстәм Миңнеханов чит ил инвесторлары белән очрашты. Очрашуда транспорт "
             "һәм логистика өлкәсендәге проектлар каралды.")
    assert detect_language(tatar) not in ("kk", "uz")
    assert detect_language("Kassym-Jomart Tokayev met Shavkat Mirziyoyev in Astana on Tuesday, Akorda said.") == "en"
    assert detect_language("Шымкентте нөсер жаңбырдан 3 адам қаза тапты. Төтенше жағдайлар министрлігі хабарлады.") == "kk"


def test_blind_dev_languages_are_identified():
    recs = [json.loads(l) for l in (BLIND / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    wrong = [(r["id"], r["language"], detect_language(f"{r['title']}\n{r['text']}")) for r in recs
             if detect_language(f"{r['title']}\n{r['text']}") != r["language"]]
    assert not wrong


def _promo_prose(split_files: list[str]) -> list[dict]:
    data = REPO / "tests" / "data"
    rows = [json.loads(line) for pattern in split_files for f in sorted(data.glob(pattern))
            for line in f.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["label"] == "prose" and len(r["text"]) >= 60]


def test_a_russian_paragraph_quoting_one_kazakh_name_stays_russian():
    """Three Kazakh letters in one word (a gallery «Арт-Кеңістік») are a quoted name; Kazakh prose has them in many."""
    ru = ("Фотограф провела в горах три месяца. Её снимки покажут в алматинской галерее «Арт-Кеңістік» "
          "с 5 по 20 октября; вход свободный.")
    assert detect_language(ru) == "ru"
    assert detect_language("Фотограф таудағы үш айын суретке түсірді. Көрме Алматыдағы галереяда қазанның "
                           "бесінен бастап ашық болады.") == "kk"


def test_languages_of_paragraphs_written_blind_in_six_languages():
    """The prose paragraphs of the blind promo sets, written in en, ru, kk and uz (both scripts), ky
    and tg by authors who never saw this code: every test-split paragraph gets its author's language,
    and all but two of the dev and training-only ones (one-sentence Kazakh 2021-Latin lines)."""
    test = _promo_prose(["promo*/test.jsonl"])
    dev = _promo_prose(["promo*/dev.jsonl", "promo_train/*.jsonl"])
    assert len(test) >= 200 and {r["language"] for r in test} >= {"en", "ru", "kk", "uz", "ky", "tg"}
    assert [(r["id"], r["language"]) for r in test if detect_language(r["text"]) != r["language"]] == []
    wrong = [(r["id"], r["language"], detect_language(r["text"])) for r in dev if detect_language(r["text"]) != r["language"]]
    assert len(dev) >= 390 and len(wrong) <= 2, wrong


# ----------------------------------------------------------------------------- gazetteer spellings

@pytest.mark.parametrize("text,expected", [
    ("Қазақстан Президенті Қасым-Жомарт Тоқаевтың Ташкентке сапары", {"country:kz", "person:tokayev", "capital:tashkent"}),
    ("Qazaqstan Prezidentı Qasym-Jomart Toqaevtyñ Taşkentke sapary basqa elderdıñ nazaryn audardy",
     {"country:kz", "person:tokayev", "capital:tashkent"}),
    ("Oʻzbekiston Prezidenti Shavkat Mirziyoyev Toshkentda Qirgʻiziston delegatsiyasini qabul qildi",
     {"country:uz", "person:mirziyoyev", "capital:tashkent", "country:kg"}),
    ("Ўзбекистон Марказий банки асосий ставкани ўзгаришсиз қолдирди, деб хабар берди Тошкентдаги манбалар",
     {"org:cbu", "capital:tashkent"}),
    ("Қарағанды облысындағы шахтада жарылыс болды", {"region:karaganda"}),
    ("Qirgʻiziston Joʻgorku Kengashi Qambarota GES-1 boʻyicha bitimni ratifikatsiya qildi",
     {"country:kg", "org:jogorku-kenesh", "project:kambarata-1"}),
    # the neighbours' names in Kyrgyz and Tajik
    ("Казакстандын Президенти Токаев Тажикстанга жана Түркмөнстанга 60 куткаруучу жөнөттү",
     {"country:kz", "country:tj", "country:tm"}),
    ("Президенти Ӯзбекистон ва Қазоқистон ба Тоҷикистон кӯмак фиристоданд", {"country:uz", "country:kz", "country:tj"}),
    ("Эмомалӣ Раҳмон дар Чолпон-Ато бо Садир Ҷапаров вохӯрд", {"person:rahmon", "city:cholpon-ata", "person:s-japarov"}),
    ("Çolpon-Atada Ortalyq Aziia memleketterı basşylarynyñ kezdesuı ötti", {"city:cholpon-ata"}),
    # Kyrgyz amounts in som; the election commissions by their own names
    ("Тариф 1,37 сомдон 1,53 сомго чейин көтөрүлөт", {"currency:kgs"}),
    ("Борбордук шайлоо комиссиясы шайлоонун жыйынтыгын жарыялады", {"org:kg-cec"}),
    ("Markaziy saylov komissiyasi saylov natijalarini eʼlon qildi", {"org:uz-cec"}),
])
def test_gazetteer_knows_kazakh_and_uzbek_spellings_with_case_endings(text, expected):
    assert expected <= set(extract_signals("", text).entities)


@pytest.mark.parametrize("text, language, absent", [
    ("Энергетика министрлигинин маалыматына караганда, тариф 12 пайызга көтөрүлөт", "ky", "city:karaganda"),
    ("Компенсация миқдори ҳам ошади, тарифлар оширилади", "uz", "city:osh"),
])
def test_common_words_are_no_cities_but_the_cities_still_are(text, language, absent):
    """Kyrgyz «караганда» is "according to", Uzbek «ошади» "rises": lower case, no Karaganda or Osh;
    written with a capital, with or without a case ending, the cities are still found."""
    assert absent not in extract_signals("", text, language).entities
    assert {"city:karaganda", "city:osh"} <= set(extract_signals("", "Карагандада жана Ошто жер титиреди.", "ky").entities)


def test_a_town_in_kazakh_latin_with_a_case_ending():
    assert "city:stepnogorsk" in extract_signals("", "Energetika ministrı Stepnogorğa keldı", "kk").entities


def test_a_region_its_city_and_its_lake_of_one_name_are_one_place():
    """«Ысык-Көл облусу» (the region) and a bare "Issyk-Kul" (the lake) name one place; Naryn is not Osh."""
    assert entity_overlap({"region:issyk-kul": 1}, {"river:issyk-kul": 1}) == 1.0
    assert entity_overlap({"region:naryn": 1, "country:kg": 1}, {"city:naryn": 1, "country:kg": 1}) == 1.0
    assert entity_overlap({"region:naryn": 1}, {"city:osh": 1}) == 0.0


@pytest.mark.parametrize("text, expected", [
    ("Нарын облусунун Ат-Башы районунда жер титирөө болду", {"region:naryn"}),   # the region, not the town
    ("Жапаровдун Ташкентке сапары", {"person:s-japarov", "capital:tashkent"}),
    ("Президент шейшемби күнү Бишкекке кайтты", {"capital:bishkek"}),
])
def test_kyrgyz_names_with_their_case_endings(text, expected):
    entities = set(extract_signals("", text, "ky").entities)
    assert expected <= entities and (expected != {"region:naryn"} or "city:naryn" not in entities), entities


def test_kazakh_and_uzbek_common_words_are_not_places():
    kk = extract_signals("", "Sonymen qatar 1 qyrküiekke deiın qalanyñ tūrğyn audandarynda üş beket ornatylady. "
                             "Būl turaly ministrlık habarlady, Qazaqstan ükımetı şeşım qabyldady.")
    uz = extract_signals("", "Hujjat uchun 84 deputat ovoz berdi, ikki nafari qarshi chiqdi. Oʻzbekiston va "
                             "Qirgʻiziston oʻrtasidagi bitim hukumat koʻrib chiqishiga yuborildi.")
    assert "country:qa" not in kk.entities and "country:kz" in kk.entities
    assert "city:karshi" not in uz.entities and "country:uz" in uz.entities
    assert "country:qa" in extract_signals("", "Qatar's emir met Tokayev in Doha.").entities


# ----------------------------------------------------------------------------- numbers, counts, dates

@pytest.mark.parametrize("text,expected", [
    ("qiymati qariyb 6,5 mlrd dollar etib belgilangan", {"6.5e+09 USD"}),
    ("20 mlrd dollarga yetkazishga kelishib oldi", {"2e+10 USD"}),
    ("6,5 миллиард доллар", {"6.5e+09 USD"}),
    ("10 миллион теңгеден өтемақы", {"1e+07 KZT"}),
    ("köşırılgender sany 2 650-ge jettı", {"2650 n"}),
    ("tanqislik 1200 megavattga yetdi", {"1200 MW"}),
    ("16,5 пайыздан 16 пайызға дейін", {"16.5 %", "16 %"}),
    ("14 foiz darajasida", {"14 %"}),
    ("cut by 50 basis points", {"0.5 pp"}),
    ("Aqtauda 80 myñnan astam tūrğyn susyz otyr", {"8e+04 n"}),  # a scale word with its endings glued on
    ("80 мыңнан астам тұрғын сусыз отыр", {"8e+04 n"}),
    ("3 миң үй жабыркады", {"3000 homes"}),            # Kyrgyz thousand
    ("80 миңден ашык тургун", {"8e+04 n"}),
    ("3 ҳазор хона осеб дид", {"3000 n"}),             # Tajik thousand
    ("prices rose 3 by 2027", set()),  # a one-letter scale ("b") never takes an ending
    # a Cyrillic text's comma is a decimal point: "5,875 фоиз" is 5.875 %, not 5,875 %
    ("даромадлилиги 5,875 фоизни ташкил этди", {"5.875 %"}),
    ("доходность 7,125%", {"7.125 %"}),
    ("a yield of 7,125 basis points", {"71.25 pp"}),          # in Latin text the comma groups thousands
    ("600 миллион долларлик евробондлар", {"6e+08 USD"}),     # Uzbek "worth of dollars"
    ("3 триллион сўмлик транш", {"3e+12 UZS"}),
    # an English "som" is Uzbek money in a text about Uzbekistan, Kyrgyz otherwise
    ("Uzbekistan sold a tranche of 3 trillion som", {"3e+12 UZS"}),
    ("Kyrgyzstan raised 3 trillion som", {"3e+12 KGS"}),
    ("The tariff rises to 1.53 som", {"1.53 KGS"}),
])
def test_numbers_in_kazakh_and_uzbek(text, expected):
    assert extract_numbers(text) == expected


@pytest.mark.parametrize("text,kind,value", [
    ("Three miners were killed and 19 others remained trapped", "dead", 3),
    ("Three miners were killed and 19 others remained trapped", "missing", 19),
    ("the death toll from the blast rose to 12", "dead", 12),
    ("число погибших выросло до семи", "dead", 7),
    ("из-за паводка эвакуированы 300 человек", "evacuated", 300),
    ("қаза тапқандар саны тоғызға жетті", "dead", 9),
    ("300 adam köşırıldı", "evacuated", 300),
    ("sel oqibatida 12 kishi halok boʻldi", "dead", 12),
    ("жер титирөөдөн 12 адам каза болуп", "dead", 12),     # Kyrgyz
    ("evacuations climb to 2,100", "evacuated", 2100),
    ("the grid lost 400 MW", "power", 400),
    ("Tokayev won 81.3% of the votes", "share", 81.3),
    ("Bus collides with truck, killing at least 11", "dead", 11),
    ("Forest fire grows to 4,600 hectares", "area", 4600),
    ("пожар локализован на площади 11,2 тыс. га", "area", 11200),
    ("orman örtı 7800 gektarğa jaiyldy", "area", 7800),
    # disruptions a developing story revises: vehicles, queues, spills, flights, livestock
    ("About 2,100 trucks were stuck at the crossing.", "vehicles", 2100),
    ("У пункта пропуска скопились около 2,9 тыс. грузовиков.", "vehicles", 2900),  # not 2900.0000000000005
    ("The queue stretched for 25 kilometres by the afternoon.", "queue", 25),
    ("Объем разлившейся кислоты уточнен до 210 тонн.", "spilled", 210),
    ("Airlines cancelled 36 flights on Monday.", "flights", 36),
    ("Өртте 520 бас мал қырылды.", "livestock", 520),
    # people affected (a weak kind), hospital and Tajik count words
    ("Более 40 тысяч жителей Актау остались без воды.", "residents", 40000),
    ("1,200 residents were evacuated from the village.", "evacuated", 1200),  # a weak kind yields to a near one
    ("19 kishi shifoxonada davolanmoqda.", "injured", 19),
    ("Заминларза: 240 хона осеб дид.", "houses", 240),
    ("Authorities said 82 apartment blocks had lost heating, up from 76 reported on Tuesday", "houses", 82),
    # "the number of X – N": the dash says "is"
    ("Число погибших — 12, ещё 7 человек ранены.", "dead", 12),
    ("Gaz mülde berılmegen abonentter sany – 9,8 myñ.", "consumers", 9800),
    ("Halok boʻlganlar soni — 5 nafar.", "dead", 5),
    # an outbreak counts the sick
    ("Jalal-Abad closes schools as intestinal infection cases climb to 173", "sick", 173),
    ("Число госпитализированных с кишечной инфекцией в Джалал-Абаде выросло до 64", "sick", 64),
    ("Жалал-Абадда ичеги инфекциясы менен 27 адам ооруканага түштү", "sick", 27),
    ("Toʻydan keyin 34 kishi zaharlandi", "sick", 34),
    # Tajik and Kyrgyz number words
    ("Ярч дар шоҳроҳи Душанбе – Чанак: се нафар ҳалок шуданд", "dead", 3),
    ("Кырсыктан эки киши каза болду, үч адам жаракат алды", "dead", 2),
    ("Кырсыктан эки киши каза болду, үч адам жаракат алды", "injured", 3),
    # turnout: a time of day between the word and the figure is no count; Kyrgyz «катышуу»
    ("Явка на выборах в мажилис к 14:00 составила 41,7%", "turnout", 41.7),
    ("Election turnout at 15:30 stood at 28.4%, the commission said", "turnout", 28.4),
    ("Шайлоого катышуу 44,5 пайызды түздү", "turnout", 44.5),
    # … far before the figure in its clause; a share of the voters, whatever verb follows
    ("Явка на первых прямых выборах акима Алматы к 14:00 составила 24,7%", "turnout", 24.7),
    ("Қалалық комиссия мәліметінше, сайлаушылардың 44,8 пайызы дауыс берген", "turnout", 44.8),
    ("В голосовании приняли участие, по данным комиссии, 61,2% избирателей", "turnout", 61.2),
    ("About 44.8% of voters cast ballots, the commission said", "turnout", 44.8),
    # a number word with its scale word; a die-off's dead, counted as carcasses; a share "of the vote"
    ("На побережье нашли более двух тысяч мёртвых тюленей", "dead", 2000),
    ("Three thousand people were evacuated from the valley", "evacuated", 3000),
    ("Жағалауда екі мыңнан астам итбалық өлі табылды", "dead", 2000),
    ("Öli itbalyqtardyñ sany 3 400-ge jettı", "dead", 3400),
    ("She won 52.8% of the vote in the first direct mayoral election", "share", 52.8),
])
def test_counted_quantities(text, kind, value):
    assert (kind, value) in {(k, v) for k, v, _ in extract_quantities(text)}


@pytest.mark.parametrize("text", ["Inflation slowed to 8.5% as voters worried about prices",
                                  "Prices rose 12% in Astana, voters said", "Кандидат набрал 57,9% голосов",
                                  "Kazakhstanis approved the plant in a referendum, with 71% of voters in favour",
                                  "За реформу проголосовали 71% избирателей"])
def test_a_percentage_near_voters_is_not_always_the_turnout(text):
    assert all(k != "turnout" for k, _, _ in extract_quantities(text))


@pytest.mark.parametrize("text", ["A wildfire in the same region in June 2023 killed 14 people",
                                  "2023 жылы өрттен 14 адам қаза тапты", "В мае 2024 погибли 3 человека",
                                  "В среду 21 ноября на шахте погибли 12 горняков", "On November 21, 12 miners died",
                                  "2028–2030 жылдарға арналған жол картасы; 14 адам қаза тапты",
                                  "the 2026-2030 plan; 3 people were killed",
                                  "The body of a 7-year-old boy was found; 3 people were killed",
                                  "Погиб 7-летний мальчик, еще 3 человека погибли",
                                  "Тошқин қурбони бўлган 7 ёшли бола; 3 киши ҳалок бўлди",
                                  "Toshqin qurboni boʻlgan 7 yoshli bola; 3 kishi halok boʻldi",
                                  "Өрттен 7 жасар бала мен 3 адам қаза тапты"])
def test_a_year_a_day_or_an_age_is_never_a_count(text):
    assert {round(v) for _, v, _ in extract_quantities(text)} <= {14, 3, 12}
    assert ("dead", 12.0) in {(k, v) for k, v, _ in extract_quantities("as many as 12 may have died")}


@pytest.mark.parametrize("text, counts", [
    ("Partiialyq tızım boiynşa 5-ın Qazaqstan Halyq partiiasy aldy", set()),  # «Қазақстан» is not «қаза», death
    ("Қазақстандағы 12 облыстың бірінде 3 адам қаза тапты", {("dead", 3)}),
    ("Two bodies were recovered at kilometre 112 of the highway", {("dead", 2)}),  # a label, not a count
    ("Тела погибших нашли у дома № 17", set()),
    ("Пожар в доме номер 9: эвакуированы 40 жильцов", {("evacuated", 40)}),
])
def test_words_and_labels_that_only_look_like_counts(text, counts):
    assert {(k, v) for k, v, _ in extract_quantities(text)} == counts


@pytest.mark.parametrize("text, mark", [
    ("Rescuers recovered two bodies at kilometre 112 of the Dushanbe–Chanak road", "112 km-mark"),
    ("the 112th kilometre of the highway", "112 km-mark"),
    ("Во вторник на 112-м километре автодороги Душанбе – Чанак сошел оползень", "112 km-mark"),
    ("Ярч дар километри 112-уми шоҳроҳи Душанбе – Чанак", "112 km-mark"),
    ("Көшкін 132-шақырымда жолды жауып тастады", "132 km-mark"),
    ("a 1,200-kilometre border", None), ("в 112 километрах от Душанбе", None), ("112 km of new road", None),
])
def test_a_roads_kilometre_mark_is_one_identifying_number_in_every_language(text, mark):
    """A kilometre mark names a place (the same landslide in three languages shares it); a distance is no mark."""
    marks = {n for n in extract_numbers(text) if n.endswith("km-mark")}
    assert marks == ({mark} if mark else set())


def test_head_counts_raise_no_number_conflict():
    # 300 evacuated, then 2,100: a revision, not a different story; a rate of 16.5 % vs 16 % is a conflict
    assert number_relation({"300 ppl", "120 homes"}, {"2100 ppl", "640 homes"})[1:] == (False, False)
    assert number_relation({"16.5 %"}, {"16 %"})[1]
    assert number_relation({"7 %"}, {"71 %"})[1]  # shares are on one scale whatever their size


@pytest.mark.parametrize("text,spec", [
    ("early on Wednesday, the ministry said", "wd2"),
    ("сообщили вечером в среду", "wd2"),
    ("on July 11 the level", "m7d11"),
    ("21 ноября 2026 года", "y2026m11d21"),
    ("22-yanvar kuni kechqurun", "m1d22"),
    ("2026-yil 21-noyabr kuni", "y2026m11d21"),
    ("Бұл туралы наурыздың 12-сі күні хабарлады", "m3d12"),
    ("Жарылыс 11 наурыз күні болды", "m3d11"),
    ("şıldenıñ 20-sy künı habarlady", "m7d20"),
    ("Senbı künı keşke qarai", "wd5"),
    ("seshanba kuni", "wd1"),
    ("вчера вечером", "rel-1"),
    # Kyrgyz and Tajik
    ("Бүгүн Чолпон-Атада министрлердин кеңешмеси өттү", "rel0"),
    ("Президент шейшемби күнү Ат-Башы районуна барды", "wd1"),
    ("кечээ кечинде жер титиреди", "rel-1"),
    ("Рӯзи панҷшанбе дар дараи Ромит сел омад", "wd3"),
    ("Рӯзи ҷумъа вохӯрӣ баргузор шуд", "wd4"),
    ("дирӯз бегоҳ", "rel-1"),
    # June and July: the Russian stems июн-/июл- are three letters, like the English abbreviations
    # that must be whole words ("mar" in "marked"); they were dropped, and with them every Russian
    # date in June or July, and Uzbek Cyrillic «17 июнь»
    ("Сенат на заседании 19 июня одобрил кодекс", "m6d19"),
    ("рынок, на котором 9 июля обрушилась кровля", "m7d9"),
    ("Кармана туманида 17 июнь куни газ портлади", "m6d17"),
    ("3 июл", "m7d3"),
])
def test_dates_mentioned_in_four_languages(text, spec):
    assert any(m.endswith(" " + spec) for m in date_mentions("", text)), date_mentions("", text)


@pytest.mark.parametrize("text", ["Since Sunday 27 people have been taken to hospital",
                                  "С воскресенья госпитализированы 27 человек",
                                  "Жалал-Абад шаарында жекшембиден бери 27 адам ооруканага жаткырылды",
                                  "Yakshanbadan beri 27 kishi kasalxonaga yotqizildi"])
def test_since_a_weekday_is_when_a_count_began_not_the_day_reported(text):
    """"27 ill since Sunday" in Monday's first report and "64 by Monday evening" are one outbreak: the
    day a count began is no day of the happening (it made the two leads name two days)."""
    assert not date_mentions("", text)
    assert date_mentions("", text.replace("Since Sunday", "On Sunday").replace("С воскресенья", "В воскресенье")
                         .replace("жекшембиден бери", "жекшемби күнү").replace("Yakshanbadan beri", "Yakshanba kuni"))


def test_dates_mentioned_skip_verbs_environment_and_month_names_alone():
    assert not date_mentions("", "as many as 21 may have died; окружающая среда; в марте 12 человек; March 2026")
    assert not date_mentions("", "12 marked cases; 5 майоров")


def test_dates_resolve_against_publication_and_drop_scheduled_days():
    published = datetime(2026, 3, 13, 9, 30)                 # a Friday
    assert resolve_date("wd2", published) == date(2026, 3, 11)   # "on Wednesday": this week's
    assert resolve_date("wd4", published) == date(2026, 3, 13)   # "on Friday": today
    assert resolve_date("rel-1", published) == date(2026, 3, 12)
    assert resolve_date("m3d11", published) == date(2026, 3, 11)
    assert resolve_date("y2027m1d15", published) is None        # "next decision on 15 January 2027"


# ----------------------------------------------------------------------------- the decision on hand-made docs

_vec, _doc = unit_vector, handmade_doc


BLAST = _vec(1)


def _update_pair(first: Doc, later: Doc):
    """The pair's signals, once checked to be an update (a count revised) that reaches the threshold."""
    s = pair_signals(first, later, Params())
    assert s.counts_revised and s.update
    assert pair_score(first, later, Params()).score >= Params().threshold
    return s


def _follow_up_pair(first: Doc, later: Doc):
    """The pair's signals, once checked to be a follow-up: a new headline action, no count revised, no
    update, and below the threshold."""
    s = pair_signals(first, later, Params())
    assert s.new_action and not s.counts_revised and not s.update
    assert pair_score(first, later, Params()).score < Params().threshold
    return s


def test_revised_toll_days_later_is_an_update_not_a_conflict():
    first = _doc(1, datetime(2026, 3, 11, 1, 50), "На шахте в Шахтинске погибли трое горняков",
                 "Три горняка погибли, 19 остаются под землёй после взрыва метана на шахте в Шахтинске "
                 "Карагандинской области в среду, сообщили в МЧС.", BLAST)
    later = _doc(2, datetime(2026, 3, 13, 9, 30), "Число погибших на шахте в Шахтинске выросло до 12",
                 "Спасатели в пятницу подняли тела последних горняков: число погибших при взрыве метана на шахте "
                 "в Шахтинске Карагандинской области выросло до 12. Взрыв произошёл в среду.", _vec(2, BLAST, 0.95))
    assert not _update_pair(first, later).days_apart
    assert pair_score(first, later, Params()).reason == "update"


def test_a_final_count_that_restates_the_preliminary_one_is_an_update_across_its_days():
    """Sunday night's preliminary 52.8 %, then Monday's final 51.9 % with "the preliminary data said 52.8 %":
    the two leads name two days (the vote's, the count's), and the later one restates the earlier figure, so
    it is the count revised, not a later happening. A share that names no earlier figure stays a new day."""
    vote = _vec(31)
    first = _doc(1, datetime(2051, 4, 3, 0, 30), "Bekmukhambetova leads Almaty's first mayoral vote with 52.8%",
                 "Asel Bekmukhambetova won 52.8% of the vote in Almaty's first direct mayoral election on Sunday, "
                 "according to preliminary results.", vote, language="en")
    final = _doc(2, datetime(2051, 4, 3, 10, 0), "Итоги выборов: Бекмухамбетова победила с 51,9% голосов",
                 "Городская избирательная комиссия в понедельник объявила окончательные итоги: Бекмухамбетова "
                 "набрала 51,9% голосов.\n\nПо предварительным данным, опубликованным ночью, у неё было 52,8%.",
                 _vec(32, vote, 0.93))
    s = _update_pair(first, final)
    assert s.days_apart and s.restated
    silent = _doc(3, datetime(2051, 4, 3, 10, 0), "Итоги выборов: Бекмухамбетова победила с 51,9% голосов",
                  "Городская избирательная комиссия в понедельник объявила окончательные итоги: Бекмухамбетова "
                  "набрала 51,9% голосов.", _vec(32, vote, 0.93))
    s = pair_signals(first, silent, Params())
    assert s.days_apart and not s.restated and not s.update


def test_a_fire_growing_from_day_to_day_is_an_update():
    """Hectares burnt are revised like a toll: 1,500 ha, then 4,600 ha the next day, is one fire."""
    fire = _vec(7)
    first = _doc(1, datetime(2026, 7, 8, 10, 40), "В Абайской области горит лес в резервате «Семей орманы»",
                 "Лесной пожар в резервате «Семей орманы» Абайской области охватил 1 500 га, сообщили в МЧС в "
                 "среду. Жителей села Бегень готовят к эвакуации.", fire)
    later = _doc(2, datetime(2026, 7, 9, 6, 45), "Пожар в «Семей орманы» разросся до 4600 га",
                 "Площадь лесного пожара в резервате «Семей орманы» Абайской области в четверг выросла до 4 600 га, "
                 "в Бегене сгорели 18 домов.", _vec(8, fire, 0.93))
    assert not _update_pair(first, later).conflict


def test_the_missing_found_dead_is_an_update():
    """A toll changes kind as the missing are found: "six missing" one day, "four bodies found" the next."""
    slide = _vec(9)
    first = _doc(1, datetime(2026, 5, 14, 8, 10), "Six missing after mudflow hits village in Sughd",
                 "Six people are missing after a mudflow struck a village in Panjakent district on Thursday, the "
                 "emergencies committee said. Rescuers are searching the riverbed.", slide, language="en")
    later = _doc(2, datetime(2026, 5, 15, 14, 50), "Mudflow in Panjakent: death toll reaches four",
                 "Rescuers have recovered the bodies of four people killed by the mudflow in Panjakent district, "
                 "the emergencies committee said on Friday.", _vec(10, slide, 0.93), language="en")
    _update_pair(first, later)


def test_a_neighbour_recapping_the_toll_in_its_background_is_no_update():
    """Counts alike say "one happening" only from the headlines and leads: a dust storm's article that
    recalls a windstorm's toll in its background shares the figures, not the happening."""
    storm = _vec(13)
    lebap = _doc(1, datetime(2027, 6, 8, 9, 0), "Windstorm kills three, damages 900 homes in Lebap",
                 "A windstorm killed three people and damaged 900 homes in Turkmenistan's Lebap province on Monday, "
                 "the emergencies service said.\n\nRoofs were torn off in Turkmenabat.", storm, language="en")
    mary = _doc(2, datetime(2027, 6, 10, 14, 0), "Dust storm hits Mary, damaging roofs of 40 homes",
                "A dust storm damaged the roofs of 40 homes in Mary on Wednesday, officials said.\n\nIt came days after "
                "a windstorm killed three people and damaged 900 homes in neighbouring Lebap.", _vec(14, storm, 0.9),
                language="en")
    s = pair_signals(lebap, mary, Params())
    assert s.counts_alike == 0 and not s.update
    again = _doc(3, datetime(2027, 6, 8, 11, 0), "Lebap windstorm: three dead, 900 homes damaged",
                 "Three people died and 900 homes were damaged when a windstorm hit Lebap on Monday, the ministry said.",
                 _vec(15, storm, 0.95), language="en")
    assert pair_signals(lebap, again, Params()).counts_alike >= 1


RATE = _vec(3)


def test_one_bank_two_decisions_stay_apart():
    oct_ = _doc(1, datetime(2026, 10, 9, 7, 0), "Нацбанк Казахстана сохранил базовую ставку на уровне 16,5%",
                "Национальный банк Казахстана 9 октября сохранил базовую ставку на уровне 16,5%. Инфляция в "
                "сентябре составила 11,9%. Следующее решение 20 ноября.", RATE)
    nov = _doc(2, datetime(2026, 11, 20, 7, 0), "Нацбанк Казахстана снизил базовую ставку до 16%",
               "Национальный банк Казахстана 20 ноября снизил базовую ставку до 16%. Инфляция в октябре "
               "составила 11,4%. Следующее решение 15 января.", _vec(4, RATE, 0.97))
    s = pair_signals(oct_, nov, Params())
    assert s.conflict and not s.update and not s.same_day
    assert pair_score(oct_, nov, Params()).score < Params().threshold
    assert len(set(cluster_all([oct_, nov], Params(), window_days=60).values())) == 2


def test_two_neighbours_tariffs_in_their_own_currencies_stay_apart():
    """One week, one kind of decision, near-identical wording: a Kyrgyz tariff in som and an Uzbek one in
    so'm are two countries' decisions, though the Uzbek text names Kyrgyzstan's rise in passing. A
    Kyrgyz rewrite in som of the first stays with it."""
    tariff = _vec(21)
    kg = _doc(1, datetime(2031, 6, 23, 8, 0), "С 1 июля электричество для населения подорожает на 12%",
              "Кабинет министров утвердил повышение тарифов на электроэнергию с 1 июля: цена вырастет с 1,37 до "
              "1,53 сома за киловатт-час.", tariff)
    uz = _doc(2, datetime(2031, 6, 25, 7, 0), "1 iyuldan elektr energiyasi narxi oshadi",
              "Energetika vazirligi 1 iyuldan bir kilovatt-soat narxi 800 soʻmdan 880 soʻmga oshishini maʼlum qildi. "
              "Qoʻshni Qirgʻizistonda ham 1 iyuldan elektr energiyasi 12 foizga qimmatlashadi.", _vec(22, tariff, 0.99),
              language="uz")
    assert kg.currency_countries == currency_countries(kg.numbers) == {"KG"} and uz.currency_countries == {"UZ"}
    assert pair_signals(kg, uz, Params()).places_apart
    assert pair_score(kg, uz, Params()).score < Params().threshold
    kg2 = _doc(3, datetime(2031, 6, 23, 10, 0), "1-июлдан электр энергиясынын тарифи 12 пайызга көтөрүлөт",
               "Бир киловатт-сааттын баасы 1,37 сомдон 1,53 сомго чейин кымбаттайт.", _vec(23, tariff, 0.99),
               language="ky")
    assert not pair_signals(kg, kg2, Params()).places_apart


def test_one_summit_reported_through_different_deals_is_one_event():
    """Outlets lead with different deals signed at one summit: amounts in one currency that share no
    value are different facts of one happening, not a conflict that outweighs the rest."""
    summit = _vec(11)
    power = _doc(1, datetime(2027, 9, 16, 9, 40), "Central Asian leaders agree common power market at Tashkent summit",
                 "Leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan agreed in Tashkent on "
                 "Tuesday to create a common electricity market with an exchange in Tashkent, backed by $1.2 billion "
                 "of grid investment.", summit, language="en")
    water = _doc(2, datetime(2027, 9, 16, 11, 5), "Central Asian leaders pledge water cooperation at Tashkent summit",
                 "Leaders of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan meeting in Tashkent on "
                 "Tuesday set up a $300 million fund for glacier monitoring and irrigation.", _vec(12, summit, 0.88),
                 language="en")
    s = pair_signals(power, water, Params())
    assert s.conflict and s.same_day
    assert pair_score(power, water, Params()).score >= Params().threshold


PROTEST = _vec(5)


def test_a_response_days_later_opens_its_own_event():
    rally = _doc(1, datetime(2026, 7, 14, 10, 30), "Жители Аксу вышли к акимату против выбросов завода",
                 "Около 400 жителей Аксу Павлодарской области во вторник собрались у акимата и потребовали "
                 "остановить выбросы ферросплавного завода.", PROTEST)
    halt = _doc(2, datetime(2026, 7, 20, 9, 30), "Минэкологии остановило печь завода в Аксу",
                "Министерство экологии в понедельник приостановило печь ферросплавного завода в Аксу Павлодарской "
                "области на 30 дней после того, как 14 июля жители собрались у акимата.", _vec(6, PROTEST, 0.96))
    s = pair_signals(rally, halt, Params())
    assert s.later_day and not s.update
    assert pair_score(rally, halt, Params()).score < Params().threshold


@pytest.mark.parametrize("title, kinds", [
    ("Buxorodagi portlash: gaz xizmati ustasi qamoqqa olindi", {"arrest"}),
    ("По делу о взрыве газа в Бухаре арестован мастер газовой службы", {"arrest"}),
    ("Суд арестовал владельца рынка, где обрушилась крыша", {"arrest", "charge"}),
    ("Глава «Шымкент Энергожели» уволен после блэкаута", {"dismissal"}),
    ("Аудандық әкім қызметінен босатылды", {"dismissal"}),
    ("Regulator grounds its A321neo fleet after engine failure", {"suspension"}),
    ("Families of blast victims to get compensation", {"compensation"}),
    ("Дар Душанбе ронанда боздошт шуд", {"arrest"}),
    ("Kyrgyzstan halts Chatkal gold mine after tests find cyanide", {"suspension"}),
    ("Рудник «Чаткал Алтын» остановлен на месяц", {"suspension"}),
    ("Министрлер кабинети «Чаткал Алтын» кенинин ишин 30 күнгө токтотту", {"suspension"}),
    ("Dala Air әуе компаниясының ұшақтарына ұшуға тыйым салынды", {"suspension"}),
    ("Kazakhstan grounds Dala Air's E195 fleet after Shymkent overrun", {"suspension"}),
    # later acts of a storyline: a ratification, an appeal, an inauguration, a listing's first trading day
    ("Mazhilis ratifies gas deal signed during Mirziyoyev's visit", {"ratification"}),
    ("Жогорку Кенеш ратифицировал соглашение о границе", {"ratification"}),
    ("Former mine director loses appeal against six-year sentence", {"appeal"}),
    ("Red Crescent appeals for aid after Batken mudflow", set()),  # an appeal for aid is no court
    ("Адвокаты обжаловали приговор экс-главе «Кармета»", {"appeal", "charge"}),
    ("Japarov sworn in for a second term", {"inauguration"}),
    ("Qazaq Digital Bank jumps 13.9% on trading debut", {"debut"}),
    ("Qazaq Digital Bank aksiialary saudanyñ alğaşqy künınde qymbattady", {"debut"}),
    ("Акции QTL в первый день торгов подорожали на 13%", {"debut"}),
    ("QTL jumps 13% on debut, giving Kazakh IPO market a lift", {"debut"}),
    ("QTL aksiialary alğaşqy sauda künınde 13 paiyzğa qymbattady", {"debut"}),
    ("QTL IPO priced at 2,390 tenge, raising $412 mln", set()),
    # a protest against what an earlier headline announced
    ("У акимата в Актау водители протестовали против подорожания автогаза", {"protest"}),
    ("Aqtauda jürgızuşıler avtogaz bağasyna narazylyq bıldırdı", {"protest"}),
    ("Kazakh stocks rally as oil climbs", set()),
    # a football federation's sanction after a match stopped by crowd trouble (the stopped match is a suspension)
    ("КДК КФФ: «Ордабасы» проведёт два матча без зрителей", {"sanction"}),
    ("QFF «Ordabasyğa» ekı oiyndy körermensız ötkızudı mındettedı", {"sanction"}),
    ("Federation hands Dordoi two games behind closed doors after pitch invasion", {"sanction"}),
    ("Pakhtakor docked three points for fan violence", {"sanction"}),
    ("Cargo ship docked at Aktau after storm", set()),
    # no action: the happening itself, and words that only look like one
    ("Метро остановилось из-за пожара в тоннеле", set()),
    ("Protest on the grounds of the ministry", {"protest"}),  # a protest, and "grounds" no grounding
    ("Kazakh forest fire spreads to 2,050 hectares, 460 evacuated", set()),
    ("Судно село на мель у Актау", set()),
    ("Ground broken on Kambarata-1 tunnel", set()),
    ("Court of Appeal building opens in Astana", set()),
])
def test_headline_actions(title, kinds):
    assert headline_actions(title) == kinds


BLAST = _vec(21)


def test_an_arrest_days_later_is_its_own_event_though_it_restates_the_blast():
    """Four days after a gas blast, the arrest of a gas-service foreman: its lead restates the blast's
    day, town and toll (a common day, the same counts); only its headline says what is new."""
    blast = _doc(1, datetime(2033, 6, 13, 8, 30), "Взрыв газа в Бухаре: погибли пять человек",
                 "В Бухаре 12 июня в многоэтажном доме взорвался газ. Погибли пять человек, 13 пострадали.", BLAST)
    arrest = _doc(2, datetime(2033, 6, 17, 7, 0), "По делу о взрыве газа в Бухаре арестован мастер газовой службы",
                  "Мастер газовой службы арестован по делу о взрыве в Бухаре 12 июня, в котором погибли пять "
                  "человек и 13 пострадали.", _vec(22, BLAST, 0.97))
    assert _follow_up_pair(blast, arrest).same_day
    assert pair_score(blast, arrest, Params(new_action_penalty=0.0)).score >= Params().threshold  # what it used to do


def test_a_follow_up_that_restates_the_final_toll_in_its_body_is_no_update():
    """Two days after a mine blast first reported with 3 dead, the director is detained; the story's
    body recalls the final toll of 10. After a new headline action no count is revised (the headline
    and lead do not say a figure rose): the body's toll is background, so the pair is no update and
    pays the later-day and action costs."""
    blast = _doc(1, datetime(2034, 3, 9, 23, 55), "На шахте «Тентек» произошёл взрыв метана, трое погибших",
                 "На шахте «Тентек» под Шахтинском в ночь на 10 марта произошёл взрыв метана. Погибли три горняка.",
                 BLAST)
    arrest = _doc(2, datetime(2034, 3, 12, 9, 0), "Задержан директор шахты «Тентек»",
                  "Следователи в воскресенье задержали директора шахты «Тентек».\n\n"
                  "Напомним, в результате взрыва 10 марта погибли 10 горняков.", _vec(24, BLAST, 0.97))
    _follow_up_pair(blast, arrest)


def test_a_follow_up_whose_lead_restates_a_higher_toll_is_no_update():
    """Three days after a landslide first reported with 2 dead, a quarry operator's licence is
    suspended; its headline and lead state the final toll of 5 ("the landslide that killed five").
    After a new action only a headline or lead that says a figure rose revises a count."""
    slide = _doc(1, datetime(2034, 9, 2, 6, 0), "Landslide buries road near Angren quarry, 2 dead",
                 "A landslide near a quarry outside Angren buried a section of road early on Saturday, killing 2 "
                 "people, the emergencies ministry said.", BLAST, language="en")
    suspended = _doc(2, datetime(2034, 9, 5, 10, 0), "Uzbekistan suspends quarry licence after landslide that killed 5",
                     "Uzbekistan suspended the licence of the company running the Angren quarry where Saturday's "
                     "landslide killed 5 people, the mining inspectorate said on Tuesday.", _vec(26, BLAST, 0.97),
                     language="en")
    _follow_up_pair(slide, suspended)
    assert not suspended.rises


def test_one_moment_named_in_two_leads_is_one_happening_in_two_towns():
    """A quake at 03:17 Almaty time is the 04:17 Bishkek one; the Talgar district's report of it names
    another locality than the Almaty flash, but the same minute: no "two localities" cost."""
    assert clock_minutes("Quake shakes Almaty", "It struck at 3:17 a.m. local time (2217 GMT).") == {17}
    assert clock_minutes("Сессия откроется в 10:00", "Заседание начнётся в 14:30.") == set()  # a schedule
    assert clock_minutes("Курс на 5.17", "Индекс 12,45 пункта.") == set()  # decimals, not times
    flash = _doc(1, datetime(2035, 9, 10, 22, 40), "Землетрясение ощутили в Алматы",
                 "Землетрясение произошло в Алматы в 03:17 по местному времени.", BLAST)
    talgar = _doc(2, datetime(2035, 9, 11, 9, 50), "В Талгарском районе закрыли три школы после землетрясения",
                  "В селе Талгарского района после землетрясения в 03:17 закрыли три школы.", _vec(27, BLAST, 0.97))
    s = pair_signals(flash, talgar, Params())
    assert s.same_minute and not s.places_apart
    other = _doc(3, datetime(2035, 9, 11, 9, 50), "В Талгарском районе закрыли три школы после землетрясения",
                 "В селе Талгарского района после землетрясения в 04:18 закрыли три школы.", _vec(27, BLAST, 0.97))
    assert not pair_signals(flash, other, Params()).same_minute and pair_signals(flash, other, Params()).places_apart


def test_two_matches_of_one_club_are_two_events_by_their_scores():
    """A club's cup win on Wednesday and its league defeat on Sunday: the Sunday reports recall the
    Wednesday match and its scorer, the vectors are alike; the leads' first scores (2:1, 0:1) are not."""
    assert match_scores("«Дордой» обыграл «Алтын Асыр»", "«Дордой» победил «Алтын Асыр» со счётом 2:1.") == {"1-2"}
    assert match_scores("Dordoi stumble against Alga", "Dordoi lost 1-0 at home to Alga, four days after beating "
                        "Altyn Asyr 2-1.") == {"0-1"}  # the first score is the match's; a later one is background
    assert match_scores("Quake at 3:14 a.m.", "Prices rose 10-15% as a 4-3 vote passed at 09:05.") == set()
    cup = _doc(1, datetime(2038, 3, 10, 16, 0), "«Дордой» обыграл «Алтын Асыр» в Лиге вызова АФК",
               "Бишкекский «Дордой» в среду победил «Алтын Асыр» со счётом 2:1 на стадионе имени Омурзакова.", BLAST)
    league = _doc(2, datetime(2038, 3, 14, 13, 0), "«Дордой» проиграл «Алге» в первом туре",
                  "Через четыре дня после победы над «Алтын Асыром» «Дордой» уступил «Алге» — 0:1.", _vec(28, BLAST, 0.98))
    recap = _doc(3, datetime(2038, 3, 10, 18, 0), "Dordoi beat Altyn Asyr 2-1 in AFC Challenge League",
                 "Dordoi beat Turkmenistan's Altyn Asyr 2-1 in Bishkek on Wednesday.", _vec(28, BLAST, 0.98))
    assert pair_signals(cup, league, Params()).places_apart
    assert not pair_signals(cup, recap, Params()).places_apart


def test_two_verdicts_of_one_court_are_two_events_by_their_prison_terms():
    """Two sentences passed by one Bishkek court two days apart (dedupe_blind35/dev): the leads' prison
    terms (nine years, five years) share none; two reports of one verdict state one term, an appeal that
    cuts a term states both, and a maximum ("faces up to ten years") is no term."""
    assert prison_terms("Экс-замминистра приговорили к девяти годам колонии", "Суд огласил приговор.") == {"9y"}
    assert prison_terms("Мурдагы директор беш жылга кесилди", "") == {"5y"}
    # Kyrgyz "convicted", "deprived of liberty" (blind40/dev): a range states both ends
    assert prison_terms("Бажы кызматкерлери соттолду", "Сот алардын үчөөнү алты жылдан тогуз жылга чейин эркинен ажыратты.") == {"6y", "9y"}
    assert prison_terms("Appeal court cuts ex-CEO's sentence to six and a half years", "The court reduced the term "
                        "from eight years in prison.") == {"6.5y", "8y"}
    assert prison_terms("Горсуд сократил срок экс-главе «Ала-Тоо Майнинг» до восьми лет", "") == {"8y"}
    assert prison_terms("Ex-mayor charged with fraud", "He faces up to ten years in prison; he worked there "
                        "for five years.") == set()
    minister = _doc(1, datetime(2052, 2, 20, 9, 0), "Экс-замминистра энергетики приговорили к девяти годам колонии",
                    "Первомайский райсуд Бишкека приговорил бывшего замминистра энергетики к девяти годам лишения "
                    "свободы за хищение при закупке топлива.", BLAST)
    director = _doc(2, datetime(2052, 2, 22, 8, 30), "Бывший директор «Бишкек Транзит» получил пять лет за махинации с топливом",
                    "Первомайский райсуд Бишкека приговорил бывшего директора «Бишкек Транзит» к пяти годам "
                    "лишения свободы по делу о хищении топлива.", _vec(30, BLAST, 0.98))
    recap = _doc(3, datetime(2052, 2, 20, 11, 0), "Former Kyrgyz deputy energy minister jailed for nine years",
                 "A Bishkek court sentenced a former deputy energy minister to nine years in prison.", _vec(30, BLAST, 0.98))
    assert pair_signals(minister, director, Params()).places_apart
    assert not pair_signals(minister, recap, Params()).places_apart
    # … and cost more than two places do: one court, one city and one day share many entities (blind40, 42 dev)
    assert pair_signals(minister, director, Params()).terms_apart and not pair_signals(minister, recap, Params()).terms_apart
    assert combine(pair_signals(minister, director, Params()), Params()) < \
        combine(pair_signals(minister, director, Params()), Params(terms_apart_penalty=0.0))


def test_an_outbreak_revised_over_a_week_is_one_developing_event():
    """Measles in Khatlon: 46 cases on Monday, 83 on Thursday, 127 the next Monday (dedupe_blind37/dev). A case
    tally that rises runs for longer than a toll (outbreak_days, not update_days); a tally that falls, or a
    casualty toll four days on, keeps the three-day window."""
    monday = _doc(1, datetime(2053, 4, 7, 6, 0), "В Хатлоне выявили 46 случаев кори",
                  "В Хатлонской области корью заболели 46 человек, сообщил минздрав.", BLAST)
    thursday = _doc(2, datetime(2053, 4, 10, 8, 0), "Число случаев кори в Хатлоне выросло до 83",
                    "Число заболевших корью в Хатлонской области выросло до 83.", _vec(31, BLAST, 0.97))
    next_week = _doc(3, datetime(2053, 4, 14, 7, 0), "Число случаев кори в Хатлоне выросло до 127",
                     "Число заболевших корью в Хатлонской области выросло до 127.", _vec(31, BLAST, 0.97))
    s = pair_signals(thursday, next_week, Params())
    assert s.counts_revised and s.update and s.update_days == Params().outbreak_days
    assert pair_signals(monday, next_week, Params()).update
    floods = [_doc(4, datetime(2053, 4, 7, 6, 0), "Паводок в Хатлоне: погибли двое", "В Хатлоне при паводке погибли двое.", BLAST),
              _doc(5, datetime(2053, 4, 11, 8, 0), "Паводок в Хатлоне: погибли пятеро", "В Хатлоне при паводке погибли пятеро.",
                   _vec(31, BLAST, 0.97))]
    assert not pair_signals(*floods, Params()).update  # a toll four days on: no longer an update


def test_a_ministers_meeting_and_the_summit_the_next_day_are_two_events():
    """Energy ministers clear a treaty's text in Turkestan, and the next morning the five heads of state sign it
    (dedupe_blind38/dev): one headline's ministers, the other's leaders, so two events however alike; a prime
    minister is no ministers' meeting, and a headline naming both levels tells nothing apart."""
    from newsmon.dedupe.signals import meeting_levels

    assert meeting_levels("Министры энергетики Центральной Азии согласовали текст договора") == {"ministers"}
    assert meeting_levels("Главы пяти государств Центральной Азии подписали договор") == {"leaders"}
    assert meeting_levels("Сарони панҷ давлат дар Туркистон шартномаро имзо карданд") == {"leaders"}
    assert meeting_levels("Prime minister opens the Turkestan forum") == set()
    ministers = _doc(1, datetime(2053, 9, 24, 12, 0), "Central Asian energy ministers clear power market treaty text",
                     "Energy ministers of the five Central Asian states agreed the text of a power market treaty in Turkestan.", BLAST)
    leaders = _doc(2, datetime(2053, 9, 25, 8, 0), "Central Asian leaders sign treaty creating common electricity market",
                   "The leaders of the five Central Asian states signed a treaty on a common power market in Turkestan.",
                   _vec(32, BLAST, 0.98))
    leaders2 = _doc(3, datetime(2053, 9, 25, 9, 0), "Главы пяти государств подписали договор об общем энергорынке",
                    "Главы пяти государств Центральной Азии подписали в Туркестане договор об общем энергорынке.",
                    _vec(32, BLAST, 0.98))
    _kept_apart_by(ministers, leaders, "levels_apart")
    assert not pair_signals(leaders, leaders2, Params()).levels_apart


def _kept_apart_by(a, b, flag: str) -> None:
    """The pair raises ``flag`` (a PairSignals field), and its penalty (``<flag>_penalty``) lowers the pair's
    score by more than 0.3."""
    assert getattr(pair_signals(a, b, Params()), flag)
    without = Params(**{f"{flag}_penalty": 0.0})
    assert pair_score(a, b, Params()).score < pair_score(a, b, without).score - 0.3


def test_two_central_banks_decisions_are_two_events_by_the_bodies_their_leads_name():
    """The Kyrgyz central bank's hike on Tuesday, the Tajik one's on Wednesday "after the Kyrgyz": their leads
    name national bodies of two countries and none of one, so they are two events however alike; two reports
    of the Kyrgyz decision name one bank."""
    from newsmon.dedupe.signals import body_countries, find_entities

    assert body_countries(find_entities("Бонки миллии Тоҷикистон меъёри бозтамвилро баланд кард", turkic=False)) == {"TJ"}
    kg = _doc(1, datetime(2042, 3, 24, 9, 0), "Нацбанк Кыргызстана поднял учётную ставку до 10,5%",
              "Национальный банк Кыргызской Республики во вторник повысил учётную ставку с 9 до 10,5 процента.", BLAST)
    tj = _doc(2, datetime(2042, 3, 25, 10, 0), "Нацбанк Таджикистана вслед за киргизским повысил ставку",
              "Национальный банк Таджикистана в среду повысил ставку с 8,5 до 9,25 процента, на день позже "
              "киргизского, который во вторник поднял её до 10,5 процента.", _vec(29, BLAST, 0.98))
    kg2 = _doc(3, datetime(2042, 3, 24, 11, 0), "Kyrgyz central bank raises key rate to 10.5%",
               "The National Bank of the Kyrgyz Republic raised its policy rate to 10.5 percent on Tuesday.", _vec(29, BLAST, 0.98))
    _kept_apart_by(kg, tj, "bodies_apart")
    assert not pair_signals(kg, kg2, Params()).bodies_apart


def test_one_presidents_two_visits_are_two_events_by_the_hosts_their_leads_name():
    """Turkmenistan's president in Astana on Tuesday, in Bishkek on Thursday: each lead names a host of a country
    the other lead's people do not include (Tokayev, Japarov), a day or more apart, so they are two events however
    alike the texts (dedupe_blind27/dev). Two reports of the Astana visit, one naming only the guest, are one."""
    astana = _doc(1, datetime(2045, 3, 28, 9, 0), "Бердымухамедов прибыл в Астану с ответным визитом",
                  "Президент Туркменистана Сердар Бердымухамедов провёл во вторник переговоры с Касым-Жомартом "
                  "Токаевым в Акорде. Подписаны девять документов.", BLAST)
    bishkek = _doc(2, datetime(2045, 3, 30, 9, 0), "Жапаров и Бердымухамедов подписали семь документов",
                   "Президенты Кыргызстана и Туркменистана Садыр Жапаров и Сердар Бердымухамедов в четверг подписали "
                   "в госрезиденции «Ала-Арча» семь документов.", _vec(29, BLAST, 0.98))
    guest = _doc(3, datetime(2045, 3, 28, 12, 0), "Berdimuhamedov arrives in Kazakhstan on return visit",
                 "Turkmen President Serdar Berdimuhamedov arrived in Kazakhstan on Tuesday for a return state visit.",
                 _vec(29, BLAST, 0.98))
    _kept_apart_by(astana, bishkek, "leaders_apart")
    assert not pair_signals(astana, guest, Params()).leaders_apart
    assert not pair_signals(guest, bishkek, Params()).leaders_apart  # the guest alone: no host to tell apart


def test_two_appointments_of_one_day_are_two_events_by_the_posts_their_headlines_name():
    """The foreign minister and the energy minister named on one morning, each article recapping the other's
    decree (dedupe_blind25/dev): both headlines appoint, to posts they do not share, so two events however alike.
    Two reports of the one appointment share the post; a headline that appoints nobody names no post."""
    from newsmon.dedupe.signals import appointed_posts

    assert appointed_posts("Токаев назначил Даурена Мухтарова министром иностранных дел") == {"minister foreign"}
    assert appointed_posts("Samat Qūrmanğaliev energetika ministrı bolyp tağaiyndaldy") == {"minister energy"}
    assert appointed_posts("Равшан Олимов Тошкент шаҳар ҳокими этиб тайинланди") == {"mayor capital:tashkent"}
    assert appointed_posts("Назначен новый аким") == {"mayor"}
    assert appointed_posts("Министры транспорта трёх стран утвердили тариф для новой железной дороги") == set()
    assert appointed_posts("Energy minister visits flooded Kyzylorda villages") == set()
    foreign = _doc(1, datetime(2043, 10, 12, 6, 30), "Токаев назначил Даурена Мухтарова министром иностранных дел",
                   "Указом президента Даурен Мухтаров назначен министром иностранных дел. Тем же утром новым "
                   "министром энергетики стал Самат Курмангалиев.", BLAST)
    energy = _doc(2, datetime(2043, 10, 12, 8, 45), "Новым министром энергетики стал Самат Курмангалиев",
                  "Самат Курмангалиев назначен министром энергетики, сообщила Акорда. Ранее утром министром "
                  "иностранных дел назначен Даурен Мухтаров.", _vec(29, BLAST, 0.98))
    foreign2 = _doc(3, datetime(2043, 10, 12, 7, 15), "Kazakhstan names ambassador to China as foreign minister",
                    "Kazakhstan's president appointed Dauren Mukhtarov foreign minister on Monday.", _vec(29, BLAST, 0.98))
    _kept_apart_by(foreign, energy, "posts_apart")
    assert not pair_signals(foreign, foreign2, Params()).posts_apart


def test_an_agency_head_and_a_minister_named_on_one_day_are_two_events():
    """A new tax-service head and a new foreign minister, one morning in Bishkek (dedupe_blind36/dev): a heading
    verb beside a national agency («Салык кызматын … жетектейт», «Налоговую службу возглавила …») appoints to
    that agency's head; the head of МИД is the foreign minister; a chief who only speaks is appointed to nothing."""
    from newsmon.dedupe.signals import appointed_posts, posts_apart

    tax = appointed_posts("Салык кызматын Эльмира Садыкова жетектейт")
    assert tax == appointed_posts("Налоговую службу Кыргызстана возглавила Эльмира Садыкова") == {"head tax"}
    assert appointed_posts("Новым главой МИД Кыргызстана стал Нурбек Исмаилов") == {"minister foreign"}
    assert appointed_posts("New customs chief appointed in Uzbekistan") == {"head customs"}
    assert appointed_posts("Central bank chief warns of faster inflation") == set()
    assert posts_apart(frozenset(tax), frozenset(appointed_posts("Тышкы иштер министри болуп Нурбек Исмаилов дайындалды")))


def test_two_akims_named_on_one_day_are_two_events_by_the_places_of_their_posts():
    """Shymkent's new akim and the Turkistan region's, appointed the same Monday (dedupe_blind31/dev): a mayor's
    post is the place's; a headline that names no place fits any mayor's post."""
    from newsmon.dedupe.signals import appointed_posts, posts_apart

    city = frozenset(appointed_posts("Новым акимом Шымкента назначен Бахытжан Нурмаганбетов"))
    city_kk = frozenset(appointed_posts("Шымкент қаласының әкімі болып Бақытжан Нұрмағанбетов тағайындалды"))
    region = frozenset(appointed_posts("Türkıstan oblysyna jaña äkım tağaiyndaldy"))
    bare = frozenset(appointed_posts("Назначен новый аким"))
    assert city == city_kk == {"mayor place:shymkent"} and region == {"mayor place:turkistan"}
    assert posts_apart(city, region) and not posts_apart(city, city_kk)
    assert not posts_apart(city, bare) and not posts_apart(region, bare)
    assert not posts_apart(city, frozenset())


def test_two_deals_of_one_forum_are_two_events_when_one_names_the_other_as_another_deal():
    """A hydrogen deal ($7.4bn) and a power line deal ($2.1bn) signed at one energy week: the line's report
    says it came "hours after … agreed a separate $7.4 billion green hydrogen project" (dedupe_blind30/dev).
    Their leads state different sums and one sets the other's apart: two events. Two reports of one deal share
    their lead sum, and a sum revised through the day ("$1bn", then "$1.25bn") is set apart by no one."""
    from newsmon.dedupe.signals import other_sums

    assert other_sums("The deal was signed hours after Hanse Wasserstoff and QazHydrogen agreed a separate $7.4 billion "
                      "green hydrogen project in Mangystau.") == {"7.4e+09"}
    assert other_sums("Būl kelısım sol künı jasalğan Mañğystaudağy 7,4 mlrd dollarlyq jasyl sutegı jobasynan bölek.") == {"7.4e+09"}
    assert other_sums("The plant will cost $7.4 billion, the ministry said.") == set()
    hydrogen = _doc(1, datetime(2048, 9, 30, 7, 50), "German-Kazakh group signs $7.4 bln green hydrogen deal at Energy Week",
                    "Hanse Wasserstoff and QazHydrogen signed a $7.4 billion agreement on Wednesday to build a green "
                    "hydrogen plant in Mangystau region.", BLAST)
    line = _doc(2, datetime(2048, 9, 30, 13, 40), "KEGOC and Tabrik Power sign $2.1 bln north-south HVDC line deal",
                "KEGOC and Tabrik Power signed a $2.1 billion agreement at Energy Week on Wednesday to build a line from "
                "Ekibastuz to Shymkent.\n\nThe deal was signed hours after Hanse Wasserstoff and QazHydrogen agreed a "
                "separate $7.4 billion green hydrogen project in Mangystau.", _vec(29, BLAST, 0.98))
    hydrogen2 = _doc(3, datetime(2048, 9, 30, 9, 0), "Hanse Wasserstoff, QazHydrogen agree $7.4 bln Mangystau project",
                     "The $7.4 billion deal is the largest at Energy Week.", _vec(29, BLAST, 0.98))
    _kept_apart_by(hydrogen, line, "sums_apart")
    assert not pair_signals(hydrogen, hydrogen2, Params()).sums_apart
    bond = _doc(4, datetime(2048, 9, 30, 8, 0), "Kazakhstan sells $1 bln Eurobond", "Kazakhstan sold a $1 billion Eurobond.", BLAST)
    bond2 = _doc(5, datetime(2048, 9, 30, 15, 0), "Kazakhstan raises Eurobond to $1.25 bln on demand",
                 "Kazakhstan raised its Eurobond to $1.25 billion after orders topped $4 billion.", _vec(29, BLAST, 0.98))
    assert not pair_signals(bond, bond2, Params()).sums_apart


def test_a_short_place_and_its_russian_adjective_are_one_place():
    """Кува → «Кувинском районе»: the adjective of a name ending in a vowel adds "-ин-"."""
    from newsmon.dedupe.places import skeleton, skeletons_match

    assert skeletons_match(skeleton("Кува"), skeleton("Кувин"))
    assert not skeletons_match(skeleton("Кува"), skeleton("Кувасай"))


@pytest.mark.parametrize("title, lead, rises", [
    ("Osh bus crash toll rises to 6, driver detained", "", True),
    ("Число погибших при взрыве в Бухаре возросло до семи", "", True),
    ("Tentek shakhtasyndağy qaza tapqandar sany 9-ğa jettı", "", True),
    ("Qulagan koʻprik: halok boʻlganlar soni 6 nafarga yetdi", "", True),
    ("Шахтадагы жарылуудан каза болгондордун саны 8ге жетти", "", True),
    ("Police detain mine director after blast that killed 10", "The director was detained on Monday.", False),
    ("Задержан директор шахты, где погибли 10 горняков", "Следователи задержали директора в воскресенье.", False),
])
def test_a_headline_or_lead_that_says_a_figure_rose(title, lead, rises):
    assert reports_rise(title, lead) is rises


def test_an_article_stored_before_actions_were_read_raises_no_action_cost():
    """Signals stored before headline actions were read carry no marker: their actions are unknown,
    so a new article's arrest headline is no "new action" against them (a rewrite of the same arrest)."""
    from newsmon.dedupe.features import make_doc
    from newsmon.dedupe.signals import ACTION_TAG

    title = "Police arrest bus driver after Osh crash"
    old_signals = extract_signals(title, "Police in Osh arrested the driver on Tuesday.", "en")
    old_signals.numbers = {n for n in old_signals.numbers if not n.startswith(ACTION_TAG)}
    stored = make_doc(1, "a", "en", datetime(2034, 3, 1, 9), title, "h1", old_signals, None, BLAST)
    new = _doc(2, datetime(2034, 3, 2, 12), "Osh bus driver arrested", "The driver was arrested in Osh on Tuesday.",
               _vec(25, BLAST, 0.97), language="en")
    assert stored.actions is None and new.actions == {"arrest"}
    assert not pair_signals(stored, new, Params()).new_action


def test_a_revised_toll_that_also_names_an_arrest_stays_an_update():
    """The next day's report raises the toll and mentions a detention in its headline: the count
    revised says the story is developing, so the new action costs nothing."""
    crash = _doc(1, datetime(2033, 6, 13, 8, 30), "Bus overturns near Osh, 4 dead",
                 "A bus overturned near Osh on Monday, killing 4 people and injuring 17.", BLAST, language="en")
    later = _doc(2, datetime(2033, 6, 14, 12, 0), "Osh bus crash toll rises to 6, driver detained",
                 "The toll of Monday's bus crash near Osh rose to 6 dead; the driver was detained.",
                 _vec(23, BLAST, 0.97), language="en")
    assert _update_pair(crash, later).new_action and later.rises


@pytest.mark.parametrize("title, text, explains", [
    ("Aktau pipeline: minister names the cause", "A burst trunk pipeline caused the outage, he said.", True),
    ("Water back in Aktau", "Supplies resumed after a two-day outage caused by a burst trunk pipeline.", True),
    ("Corroded pipe blamed for Samarkand gas outage", "Supplies were restored on Friday.", True),
    ("В Экибастузе тепло вернули в 262 дома, причиной аварии назвали коррозию", "Подача тепла…", True),
    ("Апаттың себебі – рельстің сынуы", "Вице-министр оқиға орнында.", True),
    ("Aqaidağy böget nege būzyldy: komissiia qorytyndysyn aitty", "Komissiia jūmysyn aiaqtady.", True),
    ("ФВВ вазири: тошқинга канал дамбасининг ювилиши сабаб бўлган", "Вазир жойга борди.", True),
    ("Кырсыктын себеби аныкталды", "Комиссия иштеп жатат.", True),
    # a first report says these as often as a later one
    ("Quake cracks walls in 31 houses", "The quake struck on Tuesday, causing no injuries.", False),
    ("Претензия на 412 млн тенге", "Ущерб, причиненный окружающей среде разливом дизельного топлива.", False),
    ("Sherobodda 120 xonadonni suv bosdi", "Kuchli yomgʻir sababli 120 xonadonni suv bosdi.", False),
    ("Flights cancelled because of fog", "Twelve flights were cancelled on Monday.", False),
])
def test_a_lead_that_explains_a_cause(title, text, explains):
    assert explains_cause(title, text) is explains
    assert (CAUSE_TAG in extract_signals(title, text).numbers) is explains


def test_the_cause_named_the_next_day_is_no_new_happening():
    """The minister on site names the cause the next day: a report on the accident, not a later
    happening; the same lead without the cause is read as one (a response, a visit)."""
    crash = _vec(15)
    first = _doc(1, datetime(2028, 9, 23, 1, 10), "Грузовой поезд сошел с рельсов под Экибастузом",
                 "23 сентября под Экибастузом сошли с рельсов 18 вагонов грузового поезда с углем.", crash)
    title = "Вице-министр транспорта прибыл к месту схода поезда под Экибастузом"
    cause = _doc(2, datetime(2028, 9, 24, 7, 30), title, "24 сентября вице-министр прибыл на место. Причиной "
                 "схода вагонов стала трещина в рельсе.", _vec(16, crash, 0.88))
    visit = _doc(3, datetime(2028, 9, 24, 7, 30), title, "24 сентября вице-министр прибыл на место и поручил "
                 "восстановить движение.", _vec(16, crash, 0.88))
    assert cause.explains and not visit.explains
    assert pair_signals(first, visit, Params()).later_day
    assert not pair_signals(first, cause, Params()).later_day
    assert pair_score(first, cause, Params()).score >= Params().threshold > pair_score(first, visit, Params()).score


def _plain(key: int, when: datetime, vec: np.ndarray, source: str = "outlet") -> Doc:
    return Doc(key=key, source=source, language="ru", time=when, title_key=f"title {key}", content_hash=f"h{key}",
               entities={"city:osh": 1, "org:gknb": 1}, numbers=set(), multi=vec)


def test_events_do_not_chain_through_their_closest_member():
    """B is close to A, C is as close to B but drifted away from A: C's best match (B) is not enough."""
    t = datetime(2026, 5, 1, 8, 0)
    e1, e2 = _vec(10), _vec(11)
    e2 = e2 - (e2 @ e1) * e1
    e2 /= np.linalg.norm(e2)
    theta = np.arccos(0.95)
    a, b, c = (np.cos(k * theta) * e1 + np.sin(k * theta) * e2 for k in (0, 1, 2))
    p = Params()
    docs = [_plain(1, t, a), _plain(2, t + timedelta(hours=1), b), _plain(3, t + timedelta(hours=2), c)]
    assert pair_score(docs[1], docs[0], p).score >= p.threshold
    assert pair_score(docs[2], docs[1], p).score >= p.threshold
    # C and A share their names (the same city, the same agency) but their texts are unalike
    assert pair_score(docs[2], docs[0], p).similarity == 0
    cl = Clusterer(p, 7)
    cl.add_member(docs[0], 1)
    joined = cl.decide(docs[1])
    assert joined.event == 1 and joined.reason.startswith("matched: best") and "canonical" in joined.reason
    cl.add_member(docs[1], 1)
    opened = cl.decide(docs[2])
    assert opened.event is None and "event 1 refused" in opened.reason and "canonical" in opened.reason
    # without the whole-event rule it would have chained
    class Loose(Clusterer):
        def _agrees(self, ps):
            return True

    loose = Loose(p, 7)
    loose.add_member(docs[0], 1)
    loose.add_member(docs[1], 1)
    assert loose.decide(docs[2]).event == 1


@pytest.mark.parametrize("close, far, joins", [(8, 0, True), (3, 0, False), (4, 4, False), (6, 2, True)])
def test_a_big_event_vouches_for_an_article_its_canonical_refuses(close, far, joins):
    """A summit's canonical leads with one deal; an article leading with another is refused by it but
    agrees with most members. Eight members in the window (the canonical counts) and 55 % agreeing
    outvote the canonical; a small event, or a split one, does not."""
    t = datetime(2026, 5, 1, 8, 0)
    new = unit_vector(40)
    p = Params()
    cl = Clusterer(p, 7)
    cl.add_member(_plain(1, t, unit_vector(41)), 1)  # the canonical: unlike the new article
    for i in range(close):
        cl.add_member(_plain(2 + i, t + timedelta(hours=1 + i), unit_vector(50 + i, near=new, cos=0.93)), 1)
    for i in range(far):
        cl.add_member(_plain(20 + i, t + timedelta(hours=1 + i), unit_vector(70 + i)), 1)
    a = cl.decide(_plain(99, t + timedelta(hours=12), new))
    assert (a.event == 1) is joins, a.reason
    assert ("canonical" in a.reason and "(incompatible)" in a.reason)


def test_an_update_of_the_latest_figure_joins_when_the_first_report_is_days_old():
    """A flood's evacuations run longer than the update window: the fourth day's corrected count revises
    the event's latest figure, so the first report (over three days old) does not refuse it — the article
    updates the event, not just its closest member. (An outbreak's case tally has a longer window of its
    own: test_an_outbreak_revised_over_a_week_is_one_developing_event.) A count that falls to a fraction
    is no correction."""
    t = datetime(2026, 11, 2, 3, 30)  # a Monday
    flu = _vec(60)
    docs = [
        _doc(1, t, "В Джалал-Абаде из-за паводка эвакуировали 27 человек",
             "В Джалал-Абаде из-за паводка эвакуировали 27 человек, сообщили в МЧС в понедельник.", _vec(64, flu, 0.90)),
        _doc(2, t + timedelta(hours=9), "Число эвакуированных из-за паводка в Джалал-Абаде выросло до 64",
             "Число эвакуированных из-за паводка в Джалал-Абаде выросло до 64, сообщили в "
             "МЧС в понедельник.", _vec(61, flu, 0.95)),
        _doc(3, t + timedelta(days=1, hours=5), "В Джалал-Абаде закрыли школы: эвакуированы уже 173",
             "Число эвакуированных из-за паводка в Джалал-Абаде во вторник выросло до 173, в городе "
             "закрыли школы.", _vec(62, flu, 0.97)),
    ]
    later = _doc(4, t + timedelta(days=3, hours=3), "МЧС уточнило число эвакуированных в Джалал-Абаде – 158",
                 "МЧС уточнило в четверг: число эвакуированных из-за паводка в Джалал-Абаде составило 158, "
                 "а не 173.", _vec(63, flu, 0.97))
    p = Params()
    assert pair_score(later, docs[2], p).update  # within three days of the latest figure
    alone = pair_score(later, docs[0], p)        # the first report alone: days old, a later day named
    assert not alone.update and alone.score < p.support_threshold
    assert pair_score(later, docs[0], p, of_update=True).score >= p.support_threshold
    cl = Clusterer(p, 7)
    for d in docs:
        cl.add_member(d, 1)
    a = cl.decide(later)
    assert a.event == 1 and "(incompatible)" not in a.reason, a.reason
    # a count that falls to a fraction is another happening's (a camp's 37 poisoned after a city's 173)
    assert quantity_relation({"sick": frozenset({173.0})}, {"sick": frozenset({158.0})}) == (0, 1)
    assert quantity_relation({"sick": frozenset({173.0})}, {"sick": frozenset({37.0})}) == (0, 0)
    # … and so does one of half: a 500 MW solar auction two days after a 1 GW wind auction (dedupe_blind26/dev)
    assert quantity_relation({"power": frozenset({1000.0})}, {"power": frozenset({500.0})}) == (0, 0)
    assert quantity_relation({"power": frozenset({1000.0})}, {"power": frozenset({600.0})}) == (0, 1)


def test_the_first_report_of_the_same_district_stands_in_for_a_wire_canonical_that_refuses(monkeypatch):
    """A local report opens the event and an English wire copy becomes its canonical; the president's
    visit to the district the next day is told like the local report, not like the wire copy. The
    first report, whose lead names the same district, stands in for the refusing canonical; without a
    shared district the canonical's refusal stands."""
    from newsmon.dedupe import cluster

    t = datetime(2029, 3, 18, 9, 0)
    local = _vec(80)
    first = _doc(1, t, "Сель в Ховалингском районе затопил 60 домов",
                 "В Ховалингском районе сель затопил около 60 домов, сообщил комитет по чрезвычайным ситуациям в среду.", local)
    wire = _doc(2, t + timedelta(hours=6), "Mudflows kill two in Tajikistan",
                "Mudflows killed two people and flooded homes in central Tajikistan on Wednesday, officials said.",
                _vec(81), source="AFP", language="en")
    visit = _doc(3, t + timedelta(days=1, hours=2), "Президент прибыл в Ховалингский район",
                 "Президент прибыл в Ховалингский район, где сель затопил дома, и поручил восстановить их до зимы.",
                 _vec(82, local, 0.95))
    elsewhere = _doc(4, t + timedelta(days=1, hours=2), "Президент прибыл в Муминабадский район",
                     "Президент прибыл в Муминабадский район, где сель затопил дома, и поручил восстановить их до зимы.",
                     _vec(82, local, 0.95))
    p = Params()
    assert pair_score(visit, wire, p).similarity == 0  # the canonical refuses it
    cl = Clusterer(p, 7, wire_sources=("afp",))
    cl.add_member(first, 1)
    cl.add_member(wire, 1)
    assert cl._docs[cl._canon[1]].key == 2
    joined = cl.decide(visit)
    assert joined.event == 1 and "the first report, of the same place, agrees" in joined.reason, joined.reason
    opened = cl.decide(elsewhere)
    assert opened.event is None, opened.reason  # another district: places apart
    monkeypatch.setattr(cluster, "places_shared", lambda a, b: False)
    assert cl.decide(visit).event is None


def test_canonical_is_the_earliest_wire_copy():
    t = datetime(2026, 5, 1, 8, 0)
    v = _vec(20)
    cl = Clusterer(Params(), 7, wire_sources=("afp",))
    cl.add_member(_plain(1, t, v, "local"), 1)
    cl.add_member(_plain(2, t + timedelta(hours=1), v, "AFP"), 1)
    cl.add_member(_plain(3, t + timedelta(hours=2), v, "reuters"), 1)
    assert cl._docs[cl._canon[1]].key == 2


# ----------------------------------------------------------------------------- the evaluation report

class _FakeEmbedder:
    name = "fake"

    def encode(self, texts):
        # the title's first word, a number (no script conversion touches it), names the story
        return np.stack([_vec(abs(hash(t.split()[0])) % 10_000) for t in texts])


def _write_split(folder: Path, name: str, recs: list[dict], groups: str) -> None:
    (folder / f"{name}.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    (folder / f"{name}_groups.toml").write_text(groups, encoding="utf-8")


def test_eval_reports_each_split_and_the_classes(tmp_path, default_cfg, monkeypatch):
    import newsmon.dedupe.evaluate as ev
    from newsmon.dedupe.assign import Embedders

    monkeypatch.setattr(ev, "make_embedders", lambda cfg: Embedders(None, _FakeEmbedder()))

    def rec(i, event, lang, script, title, when, role="rewrite"):
        return {"id": f"x{i}", "event": event, "source": f"s{i}", "language": lang, "script": script,
                "published_at": when, "title": title, "text": title + " text " * 30, "role": role}
    recs = [rec(1, "flood", "en", "latn", "101 Flood evacuations in Aktobe", "2026-04-03T07:00:00Z", "original"),
            rec(2, "flood", "kk", "cyrl", "101 Ақтөбеде су тасқыны", "2026-04-03T09:00:00Z", "translation"),
            rec(3, "flood", "kk", "latn", "101 Aqtöbede su tasqyny", "2026-04-04T09:00:00Z", "update"),
            rec(4, "halt", "en", "latn", "102 Halt of the smelter furnace", "2026-04-20T09:00:00Z", "follow-up"),
            rec(5, "other", "uz", "latn", "103 Other story in Toshkent", "2026-04-21T09:00:00Z", "near-miss")]
    groups = ('[near_miss]\ng = ["flood", "other"]\n[follow_ups]\np = ["flood", "halt"]\n'
              '[developing]\nevents = ["flood"]\n[big]\nevents = ["flood"]\n')
    _write_split(tmp_path, "dev", recs, groups)
    _write_split(tmp_path, "test", recs, groups)
    out = ev.evaluate_files([tmp_path], default_cfg, baseline=False)
    assert f"== {tmp_path.name}/dev: 5 articles, 3 events" in out and f"== {tmp_path.name}/test" in out
    for line in ("developing stories whole 1 of 1; updates joined to their lead 1 of 1",
                 "follow-up pairs kept apart 1 of 1 (0 article pairs merged)",
                 "near-miss event pairs kept apart 1 of 1", "big events whole 1 of 1", "per-language recall",
                 "kk-latn", "kk-cyrl", "uz-latn", "multilingual vector alone"):
        assert line in out, line
    only_dev = ev.evaluate_files([tmp_path], default_cfg, baseline=False, splits=["dev"])
    assert "/dev:" in only_dev and "/test" not in only_dev
    with pytest.raises(ValueError):
        ev.evaluate_files([tmp_path], default_cfg, baseline=False, splits=["nope"])


# ----------------------------------------------------------------------------- the classes on the blind dev split

@pytest.fixture(scope="module", params=["dedupe_blind", "dedupe_blind2", "dedupe_blind3"])
def blind_dev(request, embedders, default_cfg):
    """The dev split of each blind set (two authors each, none of them saw the decision code)."""
    import newsmon.dedupe.evaluate as ev

    spec = next(s for s in ev.discover([BLIND.parent / request.param / "dev.jsonl"]))
    es = ev.build_set(spec.files, default_cfg, spec.groups, embedders, spec.name)
    return es, ev.predict(es, default_cfg)


def _clusters(es, pred, event):
    return {pred[k] for k, label in es.gold.items() if label == event}


def test_blind_dev_developing_stories_stay_whole(blind_dev):
    es, pred = blind_dev
    assert es.groups.developing
    for event in es.groups.developing:
        assert len(_clusters(es, pred, event)) == 1, event


def test_blind_dev_follow_ups_and_near_misses_stay_apart(blind_dev):
    es, pred = blind_dev
    pairs = list(es.groups.follow_ups) + [(a, b) for g in es.groups.near_miss for a in g for b in g if a < b]
    assert len(pairs) >= 10
    for a, b in pairs:
        assert not _clusters(es, pred, a) & _clusters(es, pred, b), (a, b)


def test_blind_dev_big_event_is_one_event_across_four_languages(blind_dev):
    es, pred = blind_dev
    for event in es.groups.big:
        assert len(_clusters(es, pred, event)) == 1
        assert {es.records[k]["language"] for k, l in es.gold.items() if l == event} >= {"en", "ru", "kk", "uz"}


def test_blind_dev_kazakh_and_uzbek_versions_join_their_events(blind_dev):
    es, pred = blind_dev
    turkic = [k for k, r in enumerate(es.records) if r["language"] in ("kk", "uz")]
    joined = [k for k in turkic
              if any(pred[k] == pred[m] for m, r in enumerate(es.records) if m != k and es.gold[m] == es.gold[k]
                     and r["language"] in ("en", "ru"))]
    assert len(turkic) >= 15 and len(joined) >= len(turkic) - 1


# ----------------------------------------------------------------------------- more kinds of revised counts

def test_tonnes_and_kilometres_count_only_as_spills_and_queues():
    kinds = {k for k, _, _ in extract_quantities("The pipeline, 1,200 kilometres long, carries 25,000 tonnes a day.")}
    assert not kinds & {"spilled", "queue"}


def test_a_recap_with_a_new_figure_is_a_revision_a_passing_older_figure_is_not():
    first, later = {"area": frozenset({1500.0, 6800.0})}, {"area": frozenset({1500.0, 6800.0, 8500.0})}
    assert quantity_relation(first, later) == (1, 1)  # recaps 6,800 and gives 8,500: revised
    other_fire = {"area": frozenset({1100.0, 9000.0})}  # another fire that names the first one's 9,000
    assert quantity_relation({"area": frozenset({9000.0, 9200.0})}, other_fire) == (1, 0)


def test_amounts_of_different_magnitude_are_no_conflict():
    """"$5bn" of trade and "$1.2m" of losses are two amounts, not two versions of one; 16.5 % and
    16 % are two versions of one rate."""
    assert not number_relation({"5e+09 USD", "2100 n"}, {"1.2e+06 USD", "2900 n"})[1]
    assert number_relation({"16.5 %"}, {"16 %"})[1]
    assert number_relation({"7 %"}, {"71 %"})[1]  # shares are on one scale whatever their size
    assert number_relation({"1.2e+09 USD"}, {"3e+08 USD"})[1]  # within a factor of ten: two deals


def test_a_revised_magnitude_is_no_conflict():
    """Surveys revise a quake's magnitude and differ from each other (5.1, then 5.4): no evidence of
    two quakes, as the reading itself shows."""
    assert extract_numbers("A magnitude 5.1 earthquake struck") == {"5.1 mag"}
    assert extract_numbers("землетрясение магнитудой 5,4") == {"5.4 mag"}
    assert not number_relation({"5.1 mag", "18 km"}, {"5.4 mag"})[1]


# ----------------------------------------------------------------------------- every blind split, as reported

# B-cubed F1 per split as the README reports it, rounded down: dev tuned on, test never (floors, not
# targets: the targets are missed on blind5/test, blind6/test and blind8/test).
BLIND_FLOORS = {"dedupe_blind/dev": 1.0, "dedupe_blind/test": 1.0, "dedupe_blind2/dev": 1.0, "dedupe_blind2/test": 0.99,
                "dedupe_blind3/dev": 1.0, "dedupe_blind3/test": 1.0, "dedupe_blind4/dev": 1.0,
                "dedupe_blind4/test": 0.97, "dedupe_blind5/dev": 1.0, "dedupe_blind5/test": 0.97,
                "dedupe_blind6/dev": 0.98, "dedupe_blind6/test": 0.96,
                "dedupe_blind7/dev": 0.99, "dedupe_blind7/test": 0.99,
                "dedupe_blind8/dev": 0.97, "dedupe_blind8/test": 0.93, "dedupe_blind9/dev": 0.99,
                "dedupe_blind9/test": 0.98, "dedupe_blind10/dev": 0.98, "dedupe_blind10/test": 0.98,
                "dedupe_blind11/dev": 0.92, "dedupe_blind11/test": 0.93, "dedupe_blind12/dev": 0.97,
                "dedupe_blind12/test": 0.94, "dedupe_blind13/dev": 0.98, "dedupe_blind13/test": 0.94,
                "dedupe_blind14/dev": 0.96, "dedupe_blind14/test": 0.94,
                "dedupe_blind15/dev": 0.99, "dedupe_blind15/test": 0.98,
                "dedupe_blind16/dev": 1.0, "dedupe_blind16/test": 0.98,
                "dedupe_blind17/dev": 0.99, "dedupe_blind17/test": 0.99,
                "dedupe_blind18/dev": 1.0, "dedupe_blind18/test": 0.99,
                "dedupe_blind19/dev": 0.99, "dedupe_blind19/test": 1.0,
                "dedupe_blind20/dev": 1.0, "dedupe_blind20/test": 0.97,
                "dedupe_blind21/dev": 1.0, "dedupe_blind21/test": 0.97,
                "dedupe_blind22/dev": 1.0, "dedupe_blind22/test": 0.99,
                "dedupe_blind23/dev": 0.99, "dedupe_blind23/test": 0.97,
                "dedupe_blind24/dev": 0.98, "dedupe_blind24/test": 0.97,
                "dedupe_blind25/dev": 0.97, "dedupe_blind25/test": 0.97,
                "dedupe_blind26/dev": 0.99, "dedupe_blind26/test": 0.99,
                "dedupe_blind27/dev": 0.98, "dedupe_blind27/test": 0.99,
                "dedupe_blind28/dev": 1.0, "dedupe_blind28/test": 0.98,
                "dedupe_blind29/dev": 0.97, "dedupe_blind29/test": 1.0,
                "dedupe_blind30/dev": 0.99, "dedupe_blind30/test": 0.99,
                "dedupe_blind31/dev": 0.99, "dedupe_blind31/test": 0.99,
                "dedupe_blind32/dev": 0.99, "dedupe_blind32/test": 0.99,
                "dedupe_blind33/dev": 1.0, "dedupe_blind33/test": 0.97,
                "dedupe_blind34/dev": 0.99, "dedupe_blind34/test": 0.96,
                "dedupe_blind35/dev": 0.98, "dedupe_blind35/test": 0.99,
                "dedupe_blind36/dev": 0.99, "dedupe_blind36/test": 0.97,
                "dedupe_blind37/dev": 0.97, "dedupe_blind37/test": 0.98,
                "dedupe_blind38/dev": 0.99, "dedupe_blind38/test": 0.97,
                "dedupe_blind39/dev": 0.95, "dedupe_blind39/test": 0.96,
                "dedupe_blind40/dev": 0.99, "dedupe_blind40/test": 0.99,
                "dedupe_blind41/dev": 0.94, "dedupe_blind41/test": 0.96,
                "dedupe_blind42/dev": 0.96, "dedupe_blind42/test": 0.99}


@pytest.mark.slow
@pytest.mark.timeout(2400)  # 42 blind sets, 84 splits: 5-24 minutes on 2 cores
def test_eval_dedupe_on_every_blind_split_keeps_its_figures():
    import re
    import subprocess
    import sys

    dirs = [str(REPO / "tests" / "data" / d) for d in sorted({k.split("/")[0] for k in BLIND_FLOORS})]
    proc = subprocess.run([sys.executable, "-m", "newsmon.cli", "eval-dedupe", "--no-baseline", *dirs],
                          capture_output=True, text=True, timeout=2300, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    f1 = dict(re.findall(r"^== (\S+): .*?\n(?:.*\n)*?  B-cubed +P=\S+ R=\S+ F1=([0-9.]+)", proc.stdout, re.M))
    assert f1.keys() == BLIND_FLOORS.keys(), proc.stdout
    low = {k: float(v) for k, v in f1.items() if float(v) < BLIND_FLOORS[k] - 1e-9}
    assert not low, low


def test_two_agencies_measure_one_quake_differently():
    """China's network gives magnitude 5.3 at 10 km, Tajikistan's institute 5.6 at 12 km («бузургии
    заминларза 5,6»): between two quake reports neither magnitude nor kilometres conflict; between
    two road stories 10 km and 12 km still do."""
    assert extract_numbers("бузургии заминларза 5,6 буда, маркази он дар умқи 12 километр") == {"5.6 mag", "12 km"}
    assert not number_relation({"5.3 mag", "10 km"}, {"5.6 mag", "12 km"})[1]
    assert number_relation({"10 km"}, {"12 km"})[1]


def test_a_headline_count_after_a_colon_is_read():
    """«Минздрав уточнил число заболевших корью в Оше: 52», "Death toll: 12": a count phrase, a colon, the figure
    (dedupe_blind38/dev, where the corrected measles count was not read and the correction split off); a label
    before a colon that is no count phrase counts nothing."""
    from newsmon.dedupe.numbers import extract_quantities

    assert extract_quantities("Минздрав Киргизии уточнил число заболевших корью в Оше: 52") == {("sick", 52.0, "")}
    assert extract_quantities("Death toll: 12") == {("dead", 12.0, "")}
    assert extract_quantities("Итоги дня: 12 матчей") == set()


def test_a_count_phrase_further_back_names_its_kind():
    """"Dead seal count on Kazakhstan's Caspian coast nearly doubles to 310", "the number of dead Caspian seals
    found on the Mangystau coast has risen to 310" (dedupe_blind41/dev, where the revised count was not read and
    the update split off): the kind stands beside the count noun, more than eight words before the figure; a
    clause end still stops the search."""
    from newsmon.dedupe.numbers import extract_quantities

    assert extract_quantities("Dead seal count on Kazakhstan's Caspian coast nearly doubles to 310") == {("dead", 310.0, "")}
    assert extract_quantities("The number of dead Caspian seals found on Kazakhstan's Mangystau coast has risen to 310, "
                              "the ministry said.") == {("dead", 310.0, "")}
    assert extract_quantities("The number of dead seals is unknown. Volunteers from the port walked the coast with 310 bags") == set()


def test_a_slicks_area_in_square_kilometres_is_a_revised_count_and_a_blocks_is_not():
    """An oil slick off Aktau: 3 km² on Tuesday, 11 on Wednesday, 8.5 "clarified" on Thursday (dedupe_blind38/dev).
    Square kilometres near a spill, fire or flood are the area a developing story revises (as hectares are);
    a licence block's square kilometres identify the block and count nothing."""
    from newsmon.dedupe.numbers import extract_quantities

    assert extract_quantities("Aqtau mūnai dağy: alañ 8,5 şarşy şaqyrym dep naqtylandy") == {("area", 850.0, "8.5 km2")}
    assert extract_quantities("Площадь нефтяного пятна оценивается в 3 кв. км") == {("area", 300.0, "3 km2")}
    assert extract_quantities("Block 19 covers 1,200 sq km of the Turkmen shelf") == set()
    assert "1200 km2" in extract_numbers("Block 19 covers 1,200 sq km of the Turkmen shelf")
