"""Where a happening took place (dedupe/places.py): localities read next to a locality word in five
languages and both scripts, matched across spellings, and what they do to the pair decision."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsmon.dedupe.cluster import cluster_all
from newsmon.dedupe.decide import Params, combine, pair_score, pair_signals
from newsmon.dedupe.places import Place, find_places, places_match, place_keys, skeleton
from tests.handmade_docs import handmade_doc, unit_vector


@pytest.mark.parametrize("text, level, name", [
    ("Степной пожар в Наурзумском районе Костанайской области", "district", "Naurzum"),
    ("The fire broke out near the village of Dokuchaevka", "settlement", "Докучаевка"),
    ("A dam gave way upstream of Akay in Karmakshy district", "district", "Кармакшинский"),
    ("Qarmaqşy audanyndağy Aqai auyly mañynda böget būzyldy", "district", "Karmakshy"),
    ("Chust tumanida sel kelib, 40 ta uy suv ostida qoldi", "district", "Чуст"),
    ("Заминларза дар ноҳияи Рашт хонаҳоро осеб расонд", "district", "Раштском"),
    ("В селе Аккум талые воды подтопили 35 домов", "settlement", "Aqqūm"),
    ("Шолпан-Ата кентінде саммит өтті", "settlement", "Cholpon-Ata"),
    # mountain passes and tunnels, where avalanches block a road: Kyrgyz, Uzbek, Tajik, English
    ("Ала-Бел ашуусунда кар көчкү жүрүп, 40 унаа тосулуп калды", "settlement", "Ala-Bel"),
    ("An avalanche hit the road near the northern portal of the Too-Ashuu tunnel", "settlement", "Төө-Ашуу"),
    ("Qamchiq dovonida qor ko‘chkisi yo‘lni to‘sib qo‘ydi", "settlement", "Камчик"),
    ("Тарма дар ағбаи Анзоб роҳро баст", "settlement", "Anzob"),
    # gorges, where mudflows come down: Russian, Kyrgyz, Tajik, Uzbek, English
    ("Сель в Аламединском ущелье: подтоплены 12 домов", "settlement", "Alamedin"),
    ("Жети-Өгүз капчыгайына жол ачылды", "settlement", "Jeti-Oguz"),
    ("Сел дар дараи Ромит омад", "settlement", "Ромитском"),
    ("Chimyon darasida sel keldi", "settlement", "Чимён"),
    ("A mudflow hit the Varzob gorge overnight", "settlement", "Варзоб"),
])
def test_a_locality_is_read_next_to_its_locality_word_in_any_language(text, level, name):
    """The place is found at its level, and matches its spelling in another language or script."""
    found = [p for p in find_places(text) if p.level == level]
    want = skeleton(name[:-4] if name.endswith("ском") else name)
    assert any(places_match(place_keys(p.key), frozenset({want})) for p in found), (found, want)


@pytest.mark.parametrize("text", ["Жети-Өгүз жана Ак-Суу райондорунда сел жүрдү",
                                  "Mudflows hit the Jeti-Oguz and Ak-Suu districts overnight",
                                  "Jeti-Oğyz jäne Aq-Suu audandaryndağy 14 auylğa gaz qaita berıldı"])
def test_coordinated_names_before_a_plural_locality_word_are_both_read(text):
    found = {p.key for p in find_places(text) if p.level == "district"}
    assert {skeleton("Jeti-Oguz"), skeleton("Ak-Suu")} <= found


def test_determiners_and_gazetteer_places_never_decide():
    """"The district" names no district; a capital or a dateline ("ALMATY (Reuters)") says where the
    reporter sat: gazetteer places are only matched against, at their own level."""
    places = find_places("ALMATY, April 6 (Reuters) - The district akim said the Kazakh capital Astana was calm.")
    assert all(p.level == "named" for p in places), places
    assert Place("named", "id:city:almaty") in places


def test_the_region_after_a_districts_of_is_no_district():
    """"Kyzylzhar district of North Kazakhstan region" names the district Kyzylzhar; "North" is the
    start of the region's name, not a district (it made two floods in two districts share one)."""
    found = {p.key for p in find_places("Water entered three villages in Kyzylzhar district of North Kazakhstan region.")
             if p.level == "district"}
    assert found == {skeleton("Kyzylzhar")}
    assert {p.key for p in find_places("Floods hit the district of Kyzylzhar overnight.")} >= {skeleton("Kyzylzhar")}


def test_a_plural_locality_word_after_one_name_names_no_locality():
    """"Bukhara districts" are districts of Bukhara region, none named Bukhara; two names before the
    plural are two districts."""
    assert not [p for p in find_places("Gas supply restored in Bukhara districts after pipeline blast") if p.level != "named"]
    assert {p.key for p in find_places("Mudflows hit the Jeti-Oguz and Ak-Suu districts")} >= {skeleton("Jeti-Oguz"), skeleton("Ak-Suu")}


def test_different_spellings_of_other_places_do_not_match():
    assert not places_match(frozenset({skeleton("Наурзумском"[:-4])}), frozenset({skeleton("Amangeldi")}))
    assert not places_match(frozenset({skeleton("Akay")}), frozenset({skeleton("Akkum")}))
    assert places_match(frozenset({skeleton("Кармакшин")}), frozenset({skeleton("Qarmaqşy")}))


_vec, _doc = unit_vector, handmade_doc


FIRE = _vec(21)


def test_two_fires_in_two_districts_one_week_are_two_events():
    """Same kind, region, week and a figure that looks revised (1,500 → 1,100 ha): without the districts
    the later one reads as an update of the first; the districts tell them apart."""
    naurzum = _doc(1, datetime(2026, 8, 17, 9, 0), "Степной пожар в Наурзумском районе: огонь охватил 1,5 тыс. гектаров",
                   "В Наурзумском районе Костанайской области в понедельник вспыхнул степной пожар, площадь "
                   "составляет около 1,5 тыс. гектаров, сообщили в ДЧС.", FIRE)
    amangeldi = _doc(2, datetime(2026, 8, 20, 8, 0), "В Амангельдинском районе потушили степной пожар на 1,1 тыс. гектаров",
                     "В Амангельдинском районе Костанайской области в четверг ликвидирован степной пожар площадью "
                     "около 1,1 тыс. гектаров, сообщили в ДЧС.", _vec(22, FIRE, 0.96))
    s = pair_signals(naurzum, amangeldi, Params())
    assert s.places_apart and not s.same_place and not s.update
    unplaced = pair_signals(naurzum, amangeldi, Params())
    unplaced.places_apart = False
    assert unplaced.counts_revised and unplaced.update  # what the districts overrule
    assert len(set(cluster_all([naurzum, amangeldi], Params(), window_days=7).values())) == 2


def test_a_district_named_like_its_region_is_not_the_region():
    """Kostanay district (Zatobolsk) floods; days later a dam breaks in Auliekol district of Kostanay
    region. The second lead names the region, whose name the first district shares: that is no
    shared place, so the two leads stay apart (before, "Костанайский" matched "Костанайской")."""
    flood = _doc(1, datetime(2026, 4, 5, 2, 0), "В Затобольске подтоплены более 300 домов",
                 "Более 300 жилых домов подтоплены в селе Затобольск Костанайского района после того, как вода в "
                 "Тоболе перелилась через дамбу, сообщили в департаменте по ЧС Костанайской области.", FIRE)
    dam = _doc(2, datetime(2026, 4, 9, 3, 0), "В Аулиекольском районе прорвало плотину пруда",
               "Прорвало земляную плотину пруда вблизи поселка Кушмурун Аулиекольского района, подтоплены 46 домов, "
               "сообщили в департаменте по ЧС Костанайской области.", _vec(24, FIRE, 0.95))
    assert pair_signals(flood, dam, Params()).places_apart
    update = _doc(3, datetime(2026, 4, 6, 8, 0), "Число эвакуированных из Затобольска выросло до 2 310",
                  "Из села Затобольск Костанайского района эвакуированы 2 310 человек, сообщили в ДЧС Костанайской "
                  "области.", _vec(25, FIRE, 0.95))
    assert not pair_signals(flood, update, Params()).places_apart


def test_a_visit_to_the_same_district_days_later_pays_no_later_day_cost():
    """The president visits the quake district the next day: its lead names a later day (Tuesday) but
    the same district, within days; that is the same happening, so no later-day cost. In another
    district the cost stands."""
    quake = _doc(1, datetime(2029, 1, 22, 3, 0), "Ат-Башы районунда жер титирөө: 86 үй жабыркады",
                 "Нарын облусунун Ат-Башы районунда дүйшөмбү күнү болгон жер титирөөдөн 86 үй жабыркады.", FIRE)
    visit = _doc(2, datetime(2029, 1, 23, 6, 0), "Жапаров Ат-Башы районуна барды",
                 "Президент шейшемби күнү жер титирөөдөн жабыркаган Ат-Башы районуна барып, үйлөрдү калыбына келтирүүнү тапшырды.",
                 _vec(26, FIRE, 0.9))
    other = _doc(3, datetime(2029, 1, 23, 6, 0), "Жапаров Кочкор районуна барды",
                 "Президент шейшемби күнү жер титирөөдөн жабыркаган Кочкор районуна барып, үйлөрдү калыбына келтирүүнү тапшырды.",
                 _vec(26, FIRE, 0.9))
    p = Params()
    s = pair_signals(quake, visit, p)
    assert s.later_day and s.same_place and s.same_place_soon
    assert combine(s, p) == pytest.approx(combine(s, Params(later_day_penalty=0.0)))
    t = pair_signals(quake, other, p)
    assert t.later_day and not t.same_place_soon
    assert combine(t, p) < combine(t, Params(later_day_penalty=0.0))


def test_one_fire_named_in_two_languages_shares_its_district_and_stays_one():
    ru = _doc(1, datetime(2026, 8, 17, 9, 0), "Степной пожар в Наурзумском районе",
              "В Наурзумском районе Костанайской области в понедельник вспыхнул степной пожар у села Докучаевка.", FIRE)
    kk = _doc(2, datetime(2026, 8, 18, 4, 0), "Nauryzym audanyndağy dala örtı oqşaulandy",
              "Qostanai oblysy Nauryzym audanyndağy dala örtı seisenbıge qarağan tünı oqşaulandy.",
              _vec(23, FIRE, 0.93), language="kk")
    s = pair_signals(ru, kk, Params())
    assert s.same_place and not s.places_apart
    with_place = pair_score(ru, kk, Params()).score
    assert with_place - pair_score(ru, kk, Params(w_same_place=0.0)).score == pytest.approx(Params().w_same_place)


def test_a_background_recap_of_the_other_village_does_not_join_them():
    """Only the leads are read: the meltwater article recalls the dam breach's village further down."""
    dam = _doc(1, datetime(2027, 4, 6, 5, 0), "Прорыв дамбы в Кармакшинском районе",
               "В Кармакшинском районе прорвало дамбу на Сырдарье, вода зашла в село Акай, подтоплены 140 домов.", FIRE)
    melt = _doc(2, datetime(2027, 4, 9, 6, 0), "В Жалагашском районе талые воды подтопили 35 домов",
                "В селе Аккум Жалагашского района талые воды подтопили 35 домов.\n\nНа прошлой неделе в "
                "Кармакшинском районе прорвало дамбу у села Акай.", _vec(24, FIRE, 0.95))
    assert pair_signals(dam, melt, Params()).places_apart


def test_a_town_in_one_headline_and_another_village_in_the_other_lead_are_apart():
    """A guesthouse poisoning "in Karakol" (a gazetteer city, no locality word) and a camp outbreak
    in the village of Tamchy: two places, so two happenings. The headline town counts only to tell
    places apart: two headlines naming one town are not "the same place" (a fog and a burst tyre at
    Almaty airport), a capital is where the reporter sat, and "near Karakol" is not Karakol."""
    camp = _doc(1, datetime(2031, 7, 6, 8, 0), "Отравление в детском лагере на Иссык-Куле",
                "В селе Тамчы Иссык-Кульской области 23 ребенка с признаками отравления доставлены в больницу.", FIRE)
    guesthouse = _doc(2, datetime(2031, 7, 9, 13, 0), "В Караколе отравились девять туристов из Казахстана",
                      "Девять туристов из Алматы обратились к врачам после ужина в гостевом доме.", _vec(24, FIRE, 0.95))
    assert pair_signals(camp, guesthouse, Params()).places_apart
    near = _doc(3, datetime(2031, 7, 7, 6, 0), "Children fall ill at a camp near Karakol",
                "Twenty-three children fell ill at a summer camp in Tamchy village.", _vec(25, FIRE, 0.95))
    assert not pair_signals(camp, near, Params()).places_apart
    capital = _doc(4, datetime(2031, 7, 7, 6, 0), "В Бишкеке обсудили отравление детей в лагере",
                   "Минздрав сообщил о 23 детях с признаками отравления.", _vec(25, FIRE, 0.95))
    assert not pair_signals(camp, capital, Params()).places_apart
    again = _doc(5, datetime(2031, 7, 9, 16, 0), "Каракол: туристы из Алматы отравились в гостевом доме",
                 "Девять туристов обратились к врачам.", _vec(26, FIRE, 0.95))
    s = pair_signals(guesthouse, again, Params())
    assert not s.places_apart and not s.same_place


def test_a_capital_the_headline_writes_as_a_place_is_apart_from_another_headline_town():
    """A power cut across Bishkek and a substation fire in Osh two days later (dedupe_blind24/dev): the capital,
    written as a place («Электроснабжение Бишкека», "Large parts of Bishkek"), and Osh are two places. A
    capital opening the headline names the government ("Bishkek protests…"), and a capital against a village
    named only in a lead is the capital's word on it (above)."""
    from newsmon.dedupe.places import titled_places

    assert titled_places("Электроснабжение Бишкека восстановлено спустя четыре часа")
    assert titled_places("Large parts of Bishkek lose power after substation fault")
    assert titled_places("Yangi metro bekati Toshkentda ochildi", turkic=True)
    assert not titled_places("Bishkek protests Tashkent's new border fees")
    assert not titled_places("Astana hosts Central Asian leaders")  # opening the headline: the government as often
    bishkek = _doc(1, datetime(2042, 5, 26, 12, 40), "Электроснабжение Бишкека восстановлено спустя четыре часа",
                   "Авария на подстанции «Ала-Арча» оставила без света около 60% столицы на четыре часа.", FIRE)
    osh = _doc(2, datetime(2042, 5, 28, 16, 30), "Пожар на подстанции оставил без света 70 тысяч абонентов в Оше",
               "В четверг на подстанции «Кызыл-Кыштак» в Оше загорелся трансформатор.", _vec(24, FIRE, 0.95))
    again = _doc(3, datetime(2042, 5, 26, 13, 30), "Large parts of Bishkek lose power after substation fault",
                 "About 60 percent of Bishkek lost electricity after a fault at the Ala-Archa substation.", _vec(24, FIRE, 0.97))
    assert pair_signals(bishkek, osh, Params()).places_apart
    assert not pair_signals(bishkek, again, Params()).places_apart


@pytest.mark.parametrize("title", ["Children fall ill at a camp near Karakol", "Каракол маңында лагерьде балалар уланды",
                                   "Дар наздикии Каракол кӯдакон заҳролуд шуданд", "Под Каракол отравились дети"])
def test_a_town_the_headline_places_the_happening_near_is_not_its_place(title):
    from newsmon.dedupe.places import titled_places
    assert not titled_places(title)
    assert titled_places(title.replace("near ", "in ").replace(" маңында", "да").replace("Под ", "В ")
                         .replace("Дар наздикии ", "Дар ")), title



def test_turkmen_etraps_are_districts():
    """Turkmenistan's districts are etraps: two wheat-field fires in Tejen and Babadayhan etraps two
    days apart are two fires."""
    assert {p.key for p in find_places("В Тедженском этрапе сгорело около 120 гектаров пшеницы") if p.level == "district"} \
        == {skeleton("Теджен")}
    assert any(p.level == "district" for p in find_places("Babadaýhan etrabynda bugdaý meýdany ýandy"))
    tejen = _doc(1, datetime(2032, 6, 20, 5, 0), "В Тедженском этрапе сгорело около 120 гектаров пшеницы",
                 "В Тедженском этрапе Ахалского велаята сгорело около 120 гектаров пшеницы.", FIRE)
    baba = _doc(2, datetime(2032, 6, 22, 5, 0), "Пожар на пшеничном поле в Бабадайханском этрапе: сгорели 140 гектаров",
                "В Бабадайханском этрапе Ахалского велаята сгорели 140 гектаров пшеницы.", _vec(24, FIRE, 0.97))
    assert pair_signals(tejen, baba, Params()).places_apart


def test_headline_towns_with_turkic_case_endings_are_read():
    """Uzbek "Qarshida" (in Karshi), Kazakh «Тараздағы», Kyrgyz «Токмоктогу»: a town with its case ending
    is still the town, in the headline as in the lead, once the text is Kazakh, Uzbek or Kyrgyz."""
    from newsmon.dedupe.places import titled_places

    assert titled_places("Qarshida bozor tomi qulab tushdi", turkic=True) == {Place("titled", "id:city:karshi")}
    assert not titled_places("Qarshida bozor tomi qulab tushdi")  # read as English, the ending hides it
    assert titled_places("Тараздағы зауытта аммиак шықты", turkic=True) == {Place("titled", "id:city:taraz")}
    tokmok = _doc(1, datetime(2032, 8, 7, 9, 30), "Токмоктогу кафеде газ баллону жарылып, бир адам каза болду",
                  "Токмок шаарындагы кафеде газ баллону жарылып, ашпозчу каза болду.", FIRE, language="ky")
    kara_balta = _doc(2, datetime(2032, 8, 9, 5, 40), "Кара-Балтадагы наабайканада жарылуу: бир адам каза болду",
                      "Кара-Балтадагы наабайканада газ жарылып, бир адам каза болду.", _vec(24, FIRE, 0.97),
                      language="ky")
    assert pair_signals(tokmok, kara_balta, Params()).places_apart


def test_towns_of_two_countries_are_two_places_unless_a_text_names_the_other_country():
    """An ammonia leak at a plant in Taraz (Kazakhstan) and children poisoned at a camp by Issyk-Kul
    (Kyrgyzstan) the same day share neither town nor country. But an Uzbek aid story that names its
    own Yangikurgan and "neighbouring Kyrgyzstan" may be the Kyrgyz quake's: it names that country."""
    leak = _doc(1, datetime(2032, 6, 28, 11, 30), "В Таразе на заводе удобрений произошла утечка аммиака",
                "На заводе минеральных удобрений в Таразе произошла утечка аммиака, 22 рабочих госпитализированы.", FIRE)
    camp = _doc(2, datetime(2032, 6, 29, 2, 30), "В лагере на Иссык-Куле отравились 14 детей",
                "В детском лагере Иссык-Кульской области 14 детей госпитализированы с признаками отравления.",
                _vec(24, FIRE, 0.9))
    assert pair_signals(leak, camp, Params()).places_apart
    quake = _doc(3, datetime(2031, 5, 17, 6, 0), "В Джалал-Абадской области произошло землетрясение",
                 "Землетрясение магнитудой 6,1 произошло в Джалал-Абадской области Кыргызстана.", FIRE)
    aid = _doc(4, datetime(2031, 5, 18, 12, 0), "Янгикурганцам и соседнему Кыргызстану окажут помощь",
               "Жителям Янгикургана и соседнего Кыргызстана, пострадавшим от землетрясения, окажут помощь.",
               _vec(25, FIRE, 0.9), language="ru")
    assert not pair_signals(quake, aid, Params()).places_apart
