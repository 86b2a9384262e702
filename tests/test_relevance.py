"""Relevance from gazetteer entities (issue 11): the labelled set, look-alikes, passing mentions,
Russian morphology, and the config's [relevance] section."""

from __future__ import annotations

import importlib.util

import pytest

from newsmon.core.config import Relevance, load_config
from newsmon.core.relevance import RelevanceFilter
from newsmon.core.terms import TermMatcher
from tests.conftest import REPO

_spec = importlib.util.spec_from_file_location("bench_relevance", REPO / "bench" / "relevance.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def cfg() -> Relevance:
    return load_config(REPO / "newsmon.toml").relevance


@pytest.fixture(scope="module")
def rel(cfg) -> RelevanceFilter:
    return RelevanceFilter(cfg)


# ----------------------------------------------------------------------------- the labelled sets
# The figures reached with the final rule (tuned on the dev splits only). relevance/test: 35/36 relevant
# kept when first scored, 36/36 after a later gazetteer pass. relevance2 (written blind by another
# author) test: 33/36 when first scored, 34/36 after the gazetteer pass; its dev reached 36/36 with
# this round's relevance3-dev changes (the Caspian coast, declined two-word names). relevance3 (a
# third blind author; Kazakh/Uzbek and lesser-known entities) test, scored once: 1 false positive,
# 2 misses; 1 miss after the next round's dev-only changes. relevance4 (a fourth blind author, split
# dev/test by two authors) test, scored once after tuning on its dev: 3 false positives (look-alikes),
# no miss. relevance5 (two more authors; sport, culture and business figures abroad) test, scored once
# before and once after its dev changes: 4 false positives, 2 misses both times. relevance6 (two more
# authors; 100 articles a split, Kyrgyz and Tajik too) test, scored first: 4 false positives, 4 misses;
# after this round's dev-only changes (clubs in match reports, places abroad by a genitive or "in central
# Turkey", towns by their Russian adjectives, transfers, Sarazm/Ulba/Saryarka): 4 and 3; relevance3/test
# went to 1 and 0, relevance4/test to 2 and 0, relevance5/test to 3 and 1. relevance8 (two more authors;
# entity-only coverage of lesser-known names, diaspora and shared-sea look-alikes) test, scored first:
# 9 false positives, no miss; 8 after its dev changes (a people abroad in one sense per article, "ethnic
# Tajiks", a nation's district abroad, Kazakh/Uzbek locatives of a foreign place, the Caspian's and the
# Pamirs' foreign shores, examples of a larger set: "14 routes, including Almaty and Tashkent"), which
# also took relevance4/test to 1, relevance5/test to 0 and relevance7/test to 2 false positives; then a
# generic name (Uzbek «Марказий банк») in a story about another country: relevance8/test 7, relevance7/test 1.
# relevance9 (two more authors, the same brief) test, scored first: 6 false positives, 5 misses; after its
# dev changes (a model or comparison, a foreign region or town qualifying a name, an autonomous county,
# more entities): 5 and 4, relevance8/test 6; then names in hyphenated compounds ("Russia-Kazakhstan
# summit", found by a probe): 6 and 3. The old terms-only rule: P 0.70–1.00, R 0.35–0.58.
REACHED = {("relevance", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance", "test"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance2", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance2", "test"): {"fp": 0, "fn": 2, "precision": 1.0, "recall": 34 / 36},
           ("relevance3", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance3", "test"): {"fp": 1, "fn": 0, "precision": 36 / 37, "recall": 1.0},
           ("relevance4", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance4", "test"): {"fp": 1, "fn": 0, "precision": 46 / 47, "recall": 1.0},
           ("relevance5", "dev"): {"fp": 1, "fn": 1, "precision": 45 / 46, "recall": 45 / 46},
           ("relevance5", "test"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance6", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance6", "test"): {"fp": 2, "fn": 2, "precision": 48 / 50, "recall": 48 / 50},
           ("relevance7", "dev"): {"fp": 0, "fn": 1, "precision": 1.0, "recall": 50 / 51},
           ("relevance7", "test"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance8", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance8", "test"): {"fp": 2, "fn": 0, "precision": 50 / 52, "recall": 1.0},
           ("relevance9", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance9", "test"): {"fp": 2, "fn": 2, "precision": 48 / 50, "recall": 48 / 50},
           ("relevance10", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance10", "test"): {"fp": 3, "fn": 1, "precision": 49 / 52, "recall": 49 / 50},
           ("relevance11", "dev"): {"fp": 0, "fn": 1, "precision": 1.0, "recall": 49 / 50},
           ("relevance11", "test"): {"fp": 4, "fn": 2, "precision": 48 / 52, "recall": 48 / 50},
           ("relevance12", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance12", "test"): {"fp": 3, "fn": 1, "precision": 49 / 52, "recall": 49 / 50},
           ("relevance13", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance13", "test"): {"fp": 0, "fn": 1, "precision": 1.0, "recall": 49 / 50},
           ("relevance14", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance14", "test"): {"fp": 1, "fn": 3, "precision": 47 / 48, "recall": 47 / 50},
           ("relevance15", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance15", "test"): {"fp": 3, "fn": 0, "precision": 50 / 53, "recall": 1.0},
           ("relevance16", "dev"): {"fp": 2, "fn": 0, "precision": 50 / 52, "recall": 1.0},
           ("relevance16", "test"): {"fp": 4, "fn": 1, "precision": 49 / 53, "recall": 49 / 50},
           ("relevance17", "dev"): {"fp": 1, "fn": 2, "precision": 48 / 49, "recall": 48 / 50},
           ("relevance17", "test"): {"fp": 1, "fn": 1, "precision": 49 / 50, "recall": 49 / 50},
           ("relevance18", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance18", "test"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance19", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance19", "test"): {"fp": 2, "fn": 3, "precision": 47 / 49, "recall": 47 / 50},
           ("relevance20", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance20", "test"): {"fp": 2, "fn": 2, "precision": 48 / 50, "recall": 48 / 50},
           ("relevance21", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance21", "test"): {"fp": 2, "fn": 0, "precision": 50 / 52, "recall": 1.0},
           ("relevance22", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance22", "test"): {"fp": 0, "fn": 3, "precision": 1.0, "recall": 47 / 50},
           ("relevance23", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance23", "test"): {"fp": 1, "fn": 1, "precision": 49 / 50, "recall": 49 / 50},
           ("relevance24", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance24", "test"): {"fp": 1, "fn": 2, "precision": 48 / 49, "recall": 48 / 50},
           ("relevance25", "dev"): {"fp": 0, "fn": 1, "precision": 1.0, "recall": 49 / 50},
           ("relevance25", "test"): {"fp": 3, "fn": 4, "precision": 46 / 49, "recall": 46 / 50},
           ("relevance26", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance26", "test"): {"fp": 0, "fn": 4, "precision": 1.0, "recall": 46 / 50},
           ("relevance27", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance27", "test"): {"fp": 1, "fn": 2, "precision": 48 / 49, "recall": 48 / 50},
           ("relevance28", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance28", "test"): {"fp": 2, "fn": 3, "precision": 47 / 49, "recall": 47 / 50},
           ("relevance29", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance29", "test"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance30", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance30", "test"): {"fp": 0, "fn": 1, "precision": 1.0, "recall": 49 / 50},
           ("relevance31", "dev"): {"fp": 0, "fn": 1, "precision": 1.0, "recall": 49 / 50},
           ("relevance31", "test"): {"fp": 2, "fn": 0, "precision": 50 / 52, "recall": 1.0},
           ("relevance32", "dev"): {"fp": 1, "fn": 0, "precision": 50 / 51, "recall": 1.0},
           ("relevance32", "test"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance33", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance33", "test"): {"fp": 2, "fn": 0, "precision": 50 / 52, "recall": 1.0},
           ("relevance34", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance34", "test"): {"fp": 0, "fn": 3, "precision": 1.0, "recall": 47 / 50},
           ("relevance35", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance35", "test"): {"fp": 2, "fn": 0, "precision": 50 / 52, "recall": 1.0},
           ("relevance36", "dev"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0},
           ("relevance36", "test"): {"fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0}}


@pytest.mark.parametrize("name, split", list(REACHED))
def test_labelled_set_precision_and_recall(cfg, name, split):
    res = bench.evaluate(REPO / "tests" / "data" / name, split, cfg)
    new, old, want = res["new"], res["old"], REACHED[name, split]
    wrong = [(r["id"], r["kind"], v.reason) for r, v in zip(res["rows"], res["verdicts"]) if v.relevant != r["relevant"]]
    assert new["fp"] <= want["fp"] and new["fn"] <= want["fn"], wrong
    assert new["precision"] >= want["precision"] - 1e-9 and new["recall"] >= want["recall"] - 1e-9, wrong
    assert new["f1"] > old["f1"] and new["fn"] < old["fn"]  # (the terms-only rule keeps too little to err much)


def test_per_kind_accuracy_on_test(cfg):
    per_kind = bench.evaluate(REPO / "tests" / "data" / "relevance", "test", cfg)["new"]["per_kind"]
    reached = {"direct": 15, "entity-only": 14, "regional": 6, "passing": 12, "lookalike": 12, "other": 10}
    assert {k: ok for k, (ok, _) in per_kind.items()}.keys() == reached.keys()
    assert all(per_kind[k][0] >= n for k, n in reached.items()), per_kind


def test_bench_prints_both_rules_for_both_splits(capsys):
    assert bench.main([]) == 0
    out = capsys.readouterr().out
    for text in ("== relevance/dev", "== relevance/test", "== relevance2/dev", "== relevance2/test", "== relevance3/dev",
                 "== relevance3/test", "old (terms)", "new (entities)", "precision", "recall", "f1", "entity-only",
                 "lookalike", "passing"):
        assert text in out


# ----------------------------------------------------------------------------- entity-only coverage
def test_entity_only_title_is_relevant(rel):
    v = rel.judge("Kazatomprom trims production guidance on acid shortage",
                  "The company expects lower output next year.\n\nIts shares fell in London.")
    assert v.relevant and "company:kazatomprom" in v.evidence


def test_entity_only_body_with_russian_case_endings(rel):
    v = rel.judge("Городские власти запретили въезд грузовиков в центр",
                  "Акимат Шымкента с 1 сентября запрещает въезд грузовиков в центр города.\n\n"
                  "Штраф для перевозчиков составит 200 тысяч тенге.")
    assert v.relevant
    assert {"org:akimat", "city:shymkent", "currency:kzt"} <= set(v.evidence)


@pytest.mark.parametrize("title, text, entity", [
    ("«Узбекнефтегаз» разместил еврооблигации", "Средства пойдут на модернизацию. Спрос на бумаги «Узбекнефтегаза» "
     "превысил предложение.", "company:uzbekneftegaz"),
    ("Добыча на Кашагане выросла", "Консорциум НКОК увеличил добычу на месторождении Кашаган.", "project:kashagan"),
    ("Мажилис одобрил поправки", "Депутаты Мажилиса одобрили поправки в первом чтении. Законопроект направлен в Сенат.",
     "org:mazhilis"),
    ("В Бишкеке вышли на линию электробусы", "В Бишкеке на маршруты вышли 50 новых электробусов, сообщили в мэрии.",
     "capital:bishkek"),
])
def test_russian_morphology(rel, title, text, entity):
    v = rel.judge(title, text)
    assert v.relevant and entity in v.evidence, v


@pytest.mark.parametrize("title, text, entities", [
    ("Samarqandda yangi aeroport terminali ochildi",
     "Samarqandning xalqaro aeroportida yangi terminal foydalanishga topshirildi. Terminal yiliga ikki "
     "million yoʻlovchiga xizmat koʻrsatadi. Loyihaga Toshkentdan kelgan mutaxassislar jalb qilingan.",
     {"city:samarkand", "capital:tashkent"}),
    ("Шымкентте жаңа зауыт ашылды",
     "Шымкенттің индустриялық аймағында цемент зауыты іске қосылды. Зауыт жылына бір миллион тонна "
     "өнім шығарады. Жобаға Қарағандыдан мамандар тартылды.", {"city:shymkent", "city:karaganda"}),
])
def test_kazakh_and_uzbek_case_endings(rel, title, text, entities):
    """Names with Kazakh/Uzbek endings ("Samarqandda", "Шымкенттің") are evidence: both articles
    were judged irrelevant, and so never stored, before the matcher knew the endings."""
    v = rel.judge(title, text)
    assert v.relevant and entities <= set(v.evidence), v
    # the extractor's language, when given, decides without detecting it again
    lang = "uz" if "Samarqand" in title else "kk"
    assert rel.judge(title, text, lang).evidence == v.evidence
    assert not entities <= set(rel.judge(title, text, "tr").evidence)  # no Kazakh/Uzbek endings cut


@pytest.mark.parametrize("title, text, entity", [
    # a one-word city is taken as the place when its case ending or the next word says so
    ("«Қайрат» Алматыда «Ференцварошты» қабылдайды",
     "Алматылық «Қайрат» Еуропа лигасының іріктеу кезеңінде венгриялық «Ференцварошты» Орталық стадионда "
     "қабылдайды. Ойын сейсенбі күні өтеді.", "city:almaty"),
    ("Bishkek bans coal boilers in new housing districts",
     "The Bishkek city council has voted to ban coal-fired boilers in residential buildings completed after next "
     "July, to reduce the winter smog.", "capital:bishkek"),
    ("Navoiy EIZga 12 ta yangi loyiha joylashtiriladi",
     "Navoiy erkin iqtisodiy zonasida 12 ta yangi investitsiya loyihasi amalga oshiriladi. Bu haqda zona "
     "direksiyasi maʼlum qildi.", "city:navoi"),
    # Kyrgyz and Tajik: "Osh city", «шаҳри Хуҷанд» (the city of Khujand), «дар Душанбе» (in Dushanbe)
    ("Ош шаарында жаңы мектеп ачылды",
     "Ош шаарынын мэриясы Келечек кичи районунда 1200 орундуу жаңы мектеп курулуп бүткөнүн билдирди.", "city:osh"),
    ("Хуҷанд: бозори нави кишоварзӣ кушода шуд",
     "Дар шаҳри Хуҷанд бозори нави кишоварзӣ ба истифода дода шуд. Раиси шаҳр дар маросим иштирок кард.", "city:khujand"),
    ("Дар Душанбе барф борид", "Дар Душанбе барфи аввалин борид. Ҳарорат то минуси 5 дараҷа паст мешавад.",
     "capital:dushanbe"),
    # named crossings and clubs of the region
    ("На границе с Афганистаном выросли цены на перевозку грузов через мост Хайратон",
     "Стоимость перевозки грузов через мост Хайратон выросла на 15%, сообщили экспедиторы.", "project:termez-hairatan"),
    ("Late penalty sends Ordabasy into Conference League play-off",
     "Ordabasy scored a stoppage-time penalty to win 2-1 on aggregate and reach the play-off round.", "org:fc-ordabasy"),
])
def test_places_used_as_places_and_regional_entities(rel, title, text, entity):
    v = rel.judge(title, text)
    assert v.relevant and entity in v.evidence, v


def test_kazakh_and_uzbek_common_words_are_not_places_for_relevance(rel):
    """"qarshi" (against) is not Karshi, "hukumat" (government) not a Tajik hukumat: in lower case
    they are the words, and give no evidence."""
    v = rel.judge("Korrupsiyaga qarshi kurash kuchaytiriladi",
                  "Yangi dastur hukumat tomonidan korrupsiyaga qarshi kurashish uchun qabul qilindi. Dastur "
                  "davlat xaridlarini ochiq qilishni nazarda tutadi.", "uz")
    assert not {"city:karshi", "org:hukumat"} & set(v.evidence), v
    assert "city:karshi" in rel.judge("Qarshida yangi zavod ochildi", "Qarshi shahrida zavod ochildi.", "uz").evidence


def test_regional_framing_without_a_country(rel):
    v = rel.judge("Caspian Sea level falls to record low",
                  "The level of the Caspian Sea has fallen to its lowest point since records began.")
    assert v.relevant


# ----------------------------------------------------------------------------- passing mentions
@pytest.mark.parametrize("title, text", [
    ("Peru's mining royalty reform draws criticism",
     "Peru's congress is debating higher royalties.\n\nConsultants compared tax regimes in more than a dozen "
     "countries, as in Kazakhstan and Chile, and found Peru in the upper half."),
    ("Turkish Airlines reports record summer",
     "The airline carried 25 million passengers.\n\nIt added routes to Sydney, Tashkent and Bogotá this year."),
    ("Цены на жильё в Сочи выросли на 20%",
     "Стоимость метра выросла на 20 процентов.\n\nЗаметную долю составили покупатели из Армении, Казахстана и Беларуси."),
    ("Uranium prices jump on supply worries",
     "Uranium prices jumped 5 percent on Monday as producers such as Cameco and Kazatomprom warned of lower output."),
])
def test_passing_mention_is_not_enough(rel, title, text):
    v = rel.judge(title, text)
    assert not v.relevant, v


# ----------------------------------------------------------------------------- look-alikes
@pytest.mark.parametrize("title, text", [
    ("Georgia Senate passes bill banning phones in schools",
     "The Georgia state Senate voted 48-5 to ban phones. Supporters in Atlanta argued phones distract students."),
    ("Restaurant review: Samarkand, Fitzrovia",
     "Samarkand, the new restaurant on Charlotte Street, promises the flavours of the Silk Road.\n\n"
     "The plov is rich. Samarkand is warm but stretched. Rating: three stars."),
    ("В Казани открыли новый мост через Казанку", "В Казани открыли мост. Мэр Казани назвал его важным для города."),
    ("Museum ship Tashkent reopens after repairs",
     "The destroyer Tashkent, a museum ship in Novorossiysk, reopened to visitors.\n\n"
     "Tashkent was built in Italy in 1937. Tashkent served in the Black Sea Fleet."),
    ("Эсминец «Ташкент» снова открыт для посетителей",
     "Музей-корабль «Ташкент» в Новороссийске вновь открыт после реставрации. Экскурсии на «Ташкенте» ежедневно."),
    ("Melbourne cafe Khiva named best new breakfast spot",
     "Khiva, a small cafe on Smith Street, has been named the best new breakfast venue in Melbourne."),
    ("Bukhara lands Newmarket handicap in thrilling finish",
     "Bukhara, the 6-1 shot trained by Roger Varian, won the handicap.\n\nVarian said Bukhara had matured."),
    ("Celtic beat Astana 3-1 in Champions League qualifier",
     "Celtic beat FC Astana 3-1 on Tuesday. The Kazakh champions took the lead, but Astana's defence tired."),
    ("New OSH rules for warehouses", "OSH inspectors will check warehouses. The OSH agency said fines will rise."),
    ("Ресторан «Самарканд»: плов и самса",
     "Ресторан «Самарканд» открылся на Петроградской стороне. Здесь готовят блюда узбекской кухни."),
    ("Boulder weighs paid parking near Dushanbe Teahouse",
     "The city council will vote on parking meters on 13th Street, next to the Dushanbe Teahouse, a gift from "
     "Boulder's sister city.\n\nShop owners oppose the plan."),
    ("Antique Turkmen rugs lead London carpet auction",
     "Three antique Turkmen rugs sold for more than £80,000 each at a London auction house on Thursday, "
     "well above estimates. Collectors from Germany and the US bid by phone."),
])
def test_look_alike_names_are_not_enough(rel, title, text):
    v = rel.judge(title, text)
    assert not v.relevant, v


# ----------------------------------------------------------------------------- config and matcher
def test_terms_and_min_hits_still_work_without_the_gazetteer():
    cfg = Relevance(terms=["Zorkistan", "Kazatomprom"], min_hits=2, gazetteer=False)
    rel = RelevanceFilter(cfg)
    assert rel.judge("Zorkistan signs a deal", "Nothing else.").relevant  # a term in the title
    assert not rel.judge("A deal", "Officials in Zorkistan said so.").relevant  # once in the body
    assert rel.judge("A deal", "Zorkistan agreed. Kazatomprom will supply it.").relevant  # two names in the body
    assert not rel.judge("Mazhilis approves bill", "Deputies of the Mazhilis approved it.").relevant  # not a term
    strict = RelevanceFilter(Relevance(terms=["Zorkistan"], min_hits=5, gazetteer=False))
    assert not strict.judge("Zorkistan signs a deal", "Zorkistan agreed.").relevant


def test_config_defaults_keep_old_files_valid():
    cfg = Relevance(terms=["Kazakhstan"])
    assert cfg.min_hits == 2 and cfg.gazetteer and cfg.title_weight == 2.0 and cfg.lead_weight == 1.5


def test_matcher_find_gives_spans_in_the_original_text():
    m = TermMatcher({"bank": ["National Bank of Kazakhstan"], "kz": ["Kazakhstan"]})
    text = "The «National Bank of Kazakhstan» said; Казахстан aside, Kazakhstan's rate…"
    found = m.find(text)
    assert [(f.label, text[f.start:f.end], f.words, f.nested) for f in found] == [
        ("bank", "National Bank of Kazakhstan", 4, False), ("kz", "Kazakhstan", 1, True),
        ("kz", "Kazakhstan's", 1, False)]
    assert m.counts(text) == {"bank": 1, "kz": 2}


# ----------------------------------------------------------------------------- this round's dev cases (relevance3/dev)
def test_place_named_abroad_is_a_look_alike(rel):
    """A town abroad with a Central Asian name: qualified by a foreign country, it is not the place."""
    v = rel.judge("Талас в Турции получит трамвайную линию",
                  "Муниципалитет турецкого города Талас в провинции Кайсери начал строительство трамвая.\n\n"
                  "Мэр Таласа заявил, что линия сократит время поездки студентов.")
    assert not v.relevant and "city:talas" not in v.evidence
    assert rel.judge("В Таласе открыли новую школу", "Власти Таласской области сообщили об открытии школы в Таласе.").relevant


def test_a_people_abroad_and_a_foreign_possessive_are_not_the_country(rel):
    """"Iraqi Turkmen", «китайские казахи» are peoples abroad; "Xinjiang's Aral" is a Chinese town."""
    v = rel.judge("Iraqi Turkmen parties agree joint list for provincial vote",
                  "Iraqi Turkmen parties in Kirkuk agreed on a joint list on Sunday, party officials said.\n\n"
                  "The Turkmen Front will lead the list, which hopes to win four seats on the council.")
    assert not v.relevant, v
    assert "country:tm" not in rel.judge("Iraqi Turkmen parties agree joint list", "").evidence
    assert "country:kz" not in rel.judge("Китайские казахи отметили Наурыз в Урумчи",
                                          "Китайские казахи в Урумчи отметили праздник концертом.").evidence
    v = rel.judge("Machines pick 98% of cotton in Xinjiang's Aral",
                  "Farms around Xinjiang's Aral harvested the cotton with machines this year, officials said.")
    assert "river:aral-sea" not in v.evidence and not v.relevant, v
    # the country itself still counts, and so does a Central Asian place with its possessive
    assert rel.judge("Turkmen president opens gas plant", "The Turkmen president opened a gas plant in Mary.").relevant
    assert rel.judge("Kazakhstan's Aral sees fish return", "Fishermen in Kazakhstan's Aral reported a record catch.").relevant


def test_a_people_abroad_in_one_sense_per_article_and_shared_shores(rel):
    """Once an article names "Iraqi Turkmen", its bare "Turkmen" are the same people; "ethnic Tajiks", a
    nation's district abroad («Туркменский муниципальный округ» of Stavropol) and Kazakh/Uzbek locatives
    of a foreign place («Шыңжаңдағы Арал») are not the country either. The Caspian or the Pamirs named
    with a foreign shore's state in one sentence are that state's story."""
    v = rel.judge("Turkmen candidates top the poll in Tal Afar",
                  "Iraqi Turkmen candidates won most votes in Tal Afar on Saturday, the electoral commission said.\n\n"
                  "Turkmen leaders called the result a mandate. The Turkmen list will hold six seats.")
    assert not v.relevant and "country:tm" not in v.evidence, v
    v = rel.judge("Ethnic Tajiks celebrate spring festival in Taxkorgan",
                  "Ethnic Tajiks in Taxkorgan county, on the Chinese side of the Pamirs, held the spring festival "
                  "on Sunday.\n\nTajik dancers and musicians performed for tourists from Urumqi.")
    assert not v.relevant and "country:tj" not in v.evidence and "region:pamir" not in v.evidence, v
    v = rel.judge("В Туркменском районе Ставрополья открыли школу",
                  "В селе Туркменского муниципального округа Ставропольского края открыли новую школу.\n\n"
                  "В округе живут туркмены, ногайцы и русские.")
    assert not v.relevant and "country:tm" not in v.evidence, v
    v = rel.judge("Шыңжаңдағы Арал қаласында жаңа зауыт ашылды",
                  "Қытайдың Шыңжаңдағы Арал қаласында тоқыма зауыты іске қосылды. Зауытта 2 мың адам жұмыс істейді.", "kk")
    assert not v.relevant and "river:aral-sea" not in v.evidence, v
    v = rel.judge("Иран открыл новый порт на Каспии",
                  "Иран открыл в провинции Мазендеран новый порт на Каспии мощностью 5 млн тонн в год.")
    assert not v.relevant and "river:caspian-sea" not in v.evidence, v
    # the people at home, the state's own name, and the Caspian's Central Asian shore still count
    assert rel.judge("Ethnic Uzbeks in Osh open a new bazaar", "Traders in Osh opened the bazaar on Friday.").relevant
    assert rel.judge("Iraqi Turkmen delegation visits Turkmenistan",
                     "An Iraqi Turkmen delegation arrived in Ashgabat on Monday for talks on culture.").relevant
    assert rel.judge("Caspian Sea level falls to a record low off Aktau",
                     "The Caspian Sea off Aktau fell to its lowest level on record, Kazakh scientists said.").relevant
    assert rel.judge("Kazakhstan and Iran agree Caspian shipping line",
                     "Kazakhstan and Iran agreed a Caspian shipping line from Aktau to Amirabad.").relevant


def test_examples_of_a_larger_set_are_a_list(rel):
    """"Including Almaty and Tashkent" names two of many: each counts half, as in any list with a foreign name."""
    v = rel.judge("Gulf carrier adds 12 routes, including Almaty",
                  "The airline said its new destinations include Almaty, Baku, Nairobi and Colombo.")
    assert not v.relevant, v
    examples = rel.judge("Авиакомпания откроет 12 новых рейсов, в том числе в Алматы и Ташкент", "")
    named = rel.judge("Авиакомпания откроет новые рейсы в Алматы и Ташкент", "")
    assert examples.score == pytest.approx(named.score / 2) and not examples.relevant and named.relevant
    assert rel.judge("Air Astana adds flights to Almaty and Tashkent",
                     "Air Astana will fly from Almaty to Tashkent three times a week from May.").relevant


def test_a_generic_body_in_a_story_about_another_country_is_that_countrys(rel):
    """Uzbek «Марказий банк» / "Markaziy bank" is any central bank: in a story whose headline and first
    paragraph name Turkey and none of the five, it is Turkey's; in an Uzbek story, Uzbekistan's."""
    turkey = rel.judge("Turkiyada inflyatsiya 20 foizgacha pasaydi",
                       "Turkiya statistika instituti inflyatsiya 20 foizga tushganini maʼlum qildi.\n\n"
                       "Markaziy bank asosiy stavkani 25 foizga tushirdi. Markaziy bank yana pasaytirishi mumkin.", "uz")
    assert "org:cbu" not in turkey.evidence and not turkey.relevant, turkey
    home = rel.judge("Markaziy bank asosiy stavkani 13 foizda qoldirdi",
                     "Markaziy bank asosiy stavkani oʻzgarishsiz qoldirdi, deb xabar berdi regulyator.", "uz")
    assert "org:cbu" in home.evidence and home.relevant, home
    # a foreign country named for its money sets no story abroad: the US dollar, the Russian rouble
    for title, text, lang in [
            ("Ұлттық банк АҚШ долларының бағамына араласты",
             "Ұлттық банк АҚШ доллары қымбаттаған соң нарыққа 300 млн доллар сатты.", "kk"),
            ("Markaziy bank AQSh dollari kursiga aralashdi",
             "Markaziy bank AQSh dollari qimmatlashgach bozorga 200 mln dollar sotdi.", "uz"),
            ("Марказий банк Россия рубли курсини кузатмоқда", "Марказий банк Россия рубли арзонлашганини кузатмоқда.", "uz")]:
        v = rel.judge(title, text, lang)
        assert v.relevant, v


def test_models_pairs_and_places_abroad_by_a_foreign_town(rel):
    """A country held up as a model ("как в Казахстане", "copying … at Khorgos") counts half, one half of a
    dashed pair ("Russia–Kazakhstan summit") in full; "Talas in Kayseri" is the Turkish town; "Tajik Autonomous
    County" is a county in China; a Caspian story from Dagestan is Russia's; «Донишгоҳи давлатии Хуҷанд»
    uses the town as a place."""
    v = rel.judge("«Как в Казахстане»: в России предложили единый налоговый платёж",
                  "Минфин России предложил ввести единый платёж по образцу схемы, действующей в Казахстане.")
    assert not v.relevant, v
    # a bilateral pair is no list: the Russia–Kazakhstan summit is Kazakh news, with a hyphen too
    for pair in ("Russia–Kazakhstan", "Russia-Kazakhstan"):
        v = rel.judge(f"{pair} summit opens in Orenburg",
                      "Presidents Putin and Tokayev opened the interregional forum in Orenburg on Monday.")
        assert v.relevant and "country:kz" in v.evidence, v
    v = rel.judge("Talas in Kayseri opens a new tram line", "The municipality of Talas in Kayseri opened the line on Monday.")
    assert not v.relevant and "city:talas" not in v.evidence, v
    v = rel.judge("Herders train as ski instructors in Tashkurgan Tajik Autonomous County",
                  "Tajik herders of Tashkurgan Tajik Autonomous County in Xinjiang trained as ski instructors.")
    assert not v.relevant and "country:tj" not in v.evidence, v
    v = rel.judge("В Дагестане на берегу Каспия нашли мёртвых тюленей",
                  "На побережье Каспийского моря в Дагестане нашли 300 мёртвых тюленей.")
    assert not v.relevant and "river:caspian-sea" not in v.evidence, v
    v = rel.judge("Олимони Донишгоҳи давлатии Хуҷанд пиряхро омӯхтанд",
                  "Олимони Донишгоҳи давлатии Хуҷанд дар кӯҳҳо пиряхро омӯхтанд.", "tg")
    assert v.relevant, v


def test_a_comma_after_a_place_starts_a_list_or_a_clause_not_a_locator(rel):
    """"Talas, Turkey, …" locates the town abroad; "in Astana, Moscow watches", "Almaty, Baku and Tbilisi"
    and "lands in Astana, Russia seeks a deal" are a list or a new clause: the Central Asian place counts."""
    assert rel.judge("Summit opens in Astana, Moscow watches closely", "Leaders met in Astana on Monday.").relevant
    assert rel.judge("Almaty, Baku and Tbilisi sign transport deal", "Officials in Almaty said the deal would speed cargo.").relevant
    assert rel.judge("Putin lands in Astana, Russia seeks gas deal", "Putin arrived in Astana on Monday.").relevant
    v = rel.judge("Talas, Turkey, opens a tram line", "The municipality of Talas, Turkey, opened the line on Monday.")
    assert not v.relevant and "city:talas" not in v.evidence, v


def test_a_leaders_namesake_is_not_the_leader(rel):
    """A surname after another given name is another person ("Timur Nazarbayev", «Азамат Ташиев»), and so
    are the surname's other mentions in the article; after a title, the leader's own given name, a
    patronymic or at a sentence's start it is the leader."""
    v = rel.judge("Защитник «Шинника» Тимур Назарбаев перешёл в «Ротор»",
                  "Ярославский «Шинник» продал защитника Тимура Назарбаева в волгоградский «Ротор». "
                  "Назарбаев провёл за клуб 61 матч.")
    assert not v.relevant and "person:nazarbayev" not in v.evidence, v
    v = rel.judge("Goalkeeper Aziz Mirziyoyev joins Hull on loan", "Hull signed goalkeeper Aziz Mirziyoyev on Friday.")
    assert "person:mirziyoyev" not in v.evidence, v
    for title, text in [("Президент Назарбаев открыл форум", "Нурсултан Абишевич Назарбаев выступил на форуме."),
                        ("Former President Nazarbayev opens forum", "Nursultan Nazarbayev spoke at the forum."),
                        ("Вечером Мирзиёев вылетел в Анкару", "Шавкат Мирзиёев вылетел с визитом в Анкару.")]:
        v = rel.judge(title, text)
        assert any(k.startswith("person:") for k in v.evidence), (title, v)


def test_one_end_of_a_route_or_range_abroad_is_a_list(rel):
    """"From Lagos to Almaty", "from Tashkent to Tenerife": one end of a route or range whose other end is
    abroad counts half, like a list; a route between two Central Asian cities counts in full."""
    for title in ("From Lagos to Almaty: the cheapest cities for expatriates",
                  "Airline adds 30 winter routes, from Tashkent to Tenerife"):
        v = rel.judge(title, "The ranking and the timetable were published on Monday.")
        assert not v.relevant, v
    assert rel.judge("From Almaty to Astana in four hours: new train", "The train runs daily.").relevant


def test_peoples_of_a_shared_range_abroad_coins_and_plural_bodies(rel):
    """Kyrgyz of the Afghan Pamir are a people abroad; «теңге ілу» is a horseback game, not money; Uzbek
    "markaziy banklar" (central banks) is no one bank; a Karakol in Russia's Altai is not Issyk-Kul's."""
    v = rel.judge("Ооган Памириндеги кыргыздарга жардам жеткирилди",
                  "Ооган Памириндеги кыргыздарга кайрымдуулук уюму ун жана дары-дармек жеткирди. "
                  "Кыргыздар топоз багышат.", "ky")
    assert not v.relevant and "country:kg" not in v.evidence, v
    v = rel.judge("Ховдта бүркітшілер сайысы өтті", "Моңғолияның Ховд аймағында көкпар және теңге ілу сайыстары өтті. "
                  "Теңге ілуде 30 шабандоз бақ сынады.", "kk")
    assert "currency:kzt" not in v.evidence, v
    assert "currency:kzt" in rel.judge("Теңге бағамы нығайды", "Теңге долларға шаққанда 1 пайызға нығайды.", "kk").evidence
    v = rel.judge("Oltin narxi oshdi", "Jahon bozorida oltin narxi oshdi. Markaziy banklar oltin xaridini davom "
                  "ettirmoqda.", "uz")
    assert "org:cbu" not in v.evidence, v
    v = rel.judge("Каракол ждёт туристов", "В селе Каракол Онгудайского района Республики Алтай открыли музей. "
                  "Каракол известен курганами.")
    assert not v.relevant and "city:karakol" not in v.evidence, v


def test_bodies_of_a_foreign_town_peoples_before_a_place_abroad_and_borrowed_experience(rel):
    """A city hall in Paris is no hokimiyat of Uzbekistan («Parij shahar hokimiyati»), Tashkent's is; "Kazakhs of
    Omsk region" are a people abroad; a city "citing Almaty's switch" or studying «опыт Алматы» names Almaty
    as an example; a Pamir once placed abroad stays abroad in the article."""
    v = rel.judge("Parijda velosiped yoʻlaklari kengaytirildi",
                  "Parij shahar hokimiyati 2036-yilda 40 kilometr yangi velosiped yoʻlagi qurilganini maʼlum qildi. "
                  "Shahar hokimiyati yana 100 million yevro ajratadi.", "uz")
    assert "org:hokimiyat" not in v.evidence and not v.relevant, v
    v = rel.judge("Toshkentda velosiped yoʻlaklari kengaytirildi",
                  "Toshkent shahar hokimiyati 40 kilometr yangi velosiped yoʻlagi qurilganini maʼlum qildi.", "uz")
    assert "org:hokimiyat" in v.evidence, v
    v = rel.judge("Казахи Омской области провели айтыс", "Казахи Омской области провели айтыс в Одесском районе. "
                  "Казахи составляют около 4% жителей региона.")
    assert not v.relevant and "country:kz" not in v.evidence, v
    for title, text in [("Ulaanbaatar to switch boilers to gas, citing Almaty's experience",
                         "The city said it studied how Almaty moved its plants from coal to gas."),
                        ("Улан-Батор переводит котельные на газ",
                         "Мэрия Улан-Батора изучила опыт Алматы, где ТЭЦ перевели с угля на газ.")]:
        v = rel.judge(title, text)
        assert not v.relevant, v
    v = rel.judge("Памирден келген кыргыздар той өткөрүштү",
                  "Ооганстандын Памиринен көчүп келген кыргыздар Түркиянын Ван провинциясында той өткөрүштү. "
                  "Памирден келгендердин саны 2 миңден ашат.", "ky")
    assert "region:pamir" not in v.evidence, v


@pytest.mark.parametrize("title, text, language, entity", [
    ("Qoja Ahmet Iasaui kesenesınıñ kümbezı jañartyldy", "Restavratorlar kümbezdı jöndedı.", "kk", "other:yasawi-mausoleum"),
    ("New telescope at Assy-Turgen spots a supernova", "Astronomers said the telescope found it first.", "en",
     "other:assy-turgen"),
    ("Тўдакўлга 40 мингдан ортиқ қуш келди", "Орнитологлар қушларни санади.", "uz", "river:tudakul"),
    ("Боғи ботаникии Помир навъҳои нави себро санҷид", "Олимон дар Хоруғ навъҳоро санҷиданд.", "tg", "region:pamir"),
    # nature reserves and national parks (and a gas chemical complex): wildlife counts, park rules and fires
    # name the park, not the country
    ("В Алтын-Эмеле насчитали 12 тысяч джейранов", "Учет провели сотрудники парка с вертолета.", "ru", "other:altyn-emel"),
    ("Snow leopards caught on camera in Sarychat-Ertash", "Rangers set up 40 camera traps this winter.", "en",
     "other:sarychat-ertash"),
    ("Репетекский заповедник закрыли для туристов", "Причиной стала жара выше 48 градусов.", "ru", "other:repetek"),
    ("Шуртанский газохимический комплекс остановил установку", "Ремонт займет две недели.", "ru", "company:shurtan-gcc"),
    # Kazakh 2021 Latin and Kyrgyz spellings; hockey clubs whose bare names are no common word
    ("Burabai ūlttyq parkı jeke kölıkterge jabylady", "Park äkımşılıgı jaña tūraq saldy.", "kk", "project:burabay"),
    ("Кумтөр кени 17 тонна алтын өндүрдү", "Компания жаңы шахтаны ишке киргизди.", "ky", "company:kumtor"),
    ("«Бейбарыс» обыграл «Арлан» и повёл в финальной серии", "Хозяева забросили три шайбы за шесть минут.", "ru",
     "org:hc-beibarys"),
    ("Жогорку Кеңеш мектеп формасы тууралуу мыйзамды кабыл алды", "Мыйзам үчүнчү окууда кабыл алынды.", "ky",
     "org:jogorku-kenesh"),
    ("Golubin glacier lost 1.4 metres of ice, survey finds", "The glacier's tongue retreated by 23 metres.", "en",
     "other:golubin-glacier"),
    # a lake no longer taken for Lake Sarez, a plateau's adjective, Kazakh case forms
    ("Дар Искандаркӯл меҳмонхона сохта мешавад", "Дар Искандаркӯл сайёҳон дар тобистон зиёд мешаванд.", "tg",
     "river:iskanderkul"),
    ("На Устюртском плато начался весенний учёт джейранов", "Инспекторы работают на квадроциклах.", "ru",
     "region:ustyurt"),
    ("«Елімай» жаңа бапкер тағайындады", "Клуб келісімшартқа екі жылға қол қойды.", "kk", "org:fc-yelimay"),
    ("Семейдегі көпір жөндеуге жабылады", "Жөндеу үш айға созылады.", "kk", "city:semey"),
    # a smelter and a university named after their towns, whose bare one-word names alone are not enough
    ("Балқаш мыс балқыту зауыты жаңа пеш салады", "Зауыт жылына 20 мың тонна мыс қосады.", "kk", "company:balkhash-smelter"),
    ("Ош мамлекеттик университети жаңы факультет ачты", "Факультетте 300 студент окуйт.", "ky", "org:osh-state-university"),
    ("Сарычат-Ээрташ коругунда 20 илбирс катталды", "Ысык-Көл облусундагы Сарычат-Ээрташ коругунун инспекторлору санашты.", "ky",
     "other:sarychat-ertash"),
])
def test_sites_and_spellings_the_gazetteer_lacked(rel, title, text, language, entity):
    v = rel.judge(title, text, language)
    assert v.relevant and entity in v.evidence, v


def test_a_headline_set_abroad_sets_its_generic_bodies_there(rel):
    """"In Japan, foreign workers top 3 million" (Uzbek): its «Hukumat» is Japan's government, though the lead
    counts Uzbek citizens among the workers; an Uzbek headline's «hukumat» stays Uzbekistan's."""
    v = rel.judge("Yaponiyada chet ellik ishchilar soni 3 milliondan oshdi",
                  "Yaponiyada ishlayotgan chet el fuqarolari soni 3 milliondan oshdi, Oʻzbekiston fuqarolari soni ham "
                  "oʻsgan.\n\nHukumat viza tartibini soddalashtirishni rejalashtirmoqda.", "uz")
    assert not v.relevant and "org:hukumat" not in v.evidence, v
    v = rel.judge("Samarqandda yangi maktablar ochildi", "Viloyat hokimligi 12 maktab qurdi.\n\nHukumat yana "
                  "40 maktab qurishni rejalashtirmoqda.", "uz")
    assert v.relevant, v


def test_a_namesake_in_a_chinese_province_is_abroad(rel):
    """Aksai of Gansu (Kazakh «Gansudağy Aqsai», "in-Gansu Aksai") is China's Kazakh county, not the Kazakh town."""
    v = rel.judge("Gansudağy Aqsai audanynda malşylar qystaularğa köşe bastady",
                  "Gansudağy Aqsai audanynda malşylar köşe bastady. Audan äkımşılıgı subsidiia berdı.", "kk")
    assert not v.relevant and not v.evidence, v


@pytest.mark.parametrize("title, text, relevant", [
    ("Pakistan's cotton yields lag behind Uzbekistan's, report warns",
     "Pakistani farmers harvest half as much per hectare as growers in Uzbekistan and China, a report said. "
     "The committee blamed poor seed and heat waves in Punjab.", False),
    ("Turkmenistan among abstainers as UN adopts deep-sea mining moratorium",
     "Turkmenistan, Russia and China were among 14 countries that abstained. The resolution is not binding.", False),
    # the country once on its own in the text: coverage
    ("Turkmenistan abstains as UN adopts deep-sea mining moratorium",
     "Turkmenistan, Russia and China abstained. Turkmenistan's envoy said the text ignored landlocked states.", True),
])
def test_a_headline_country_the_text_names_only_in_lists_counts_as_listed(rel, title, text, relevant):
    assert rel.judge(title, text, "en").relevant is relevant


def test_lists_with_a_foreign_item_clubs_by_their_towns_lakes_and_autonomous_units_abroad(rel):
    """Every item of a list with a foreign item counts half (the last of «Россия, Белоруссия, Армения,
    Казахстан и Киргизия» too); «Алматинский «Кайрат»» in a match report is the club; a lake by its name is
    the place ("Kölsai kölderı"); the Kyrgyz of China's Kizilsu Kyrgyz Autonomous Prefecture are a people
    abroad («Кызылсуу-Кыргыз автономиялуу облусунда»)."""
    v = rel.judge("Страны ЕАЭС не договорились о таможенных сборах",
                  "Россия, Белоруссия, Армения, Казахстан и Киргизия не договорились о сборах на заседании в Минске.")
    assert not v.relevant, v
    assert rel.judge("Kazakhstan, Uzbekistan and Kyrgyzstan agree water schedule",
                     "The three countries agreed the summer schedule in Tashkent.").relevant
    v = rel.judge("«Кайрат» прошёл «Црвену Звезду»", "Алматинский «Кайрат» обыграл «Црвену Звезду» со счётом 2:1 "
                  "и вышел в следующий раунд.")
    assert v.relevant, v
    v = rel.judge("Kölsai kölderınde jaña soqpaq aşyldy", "Kölsai kölderı parkı turisterge jaña soqpaq aşty.", "kk")
    assert v.relevant, v
    v = rel.judge("Кызылсуу-Кыргыз автономиялуу облусунда жүзүм түшүмү мол болду",
                  "Кытайдагы Кызылсуу-Кыргыз автономиялуу облусунда кыргыз дыйкандары жүзүм жыйнашты.", "ky")
    assert not v.relevant and "country:kg" not in v.evidence, v


def test_uzbek_list_and_common_word_are_not_coverage(rel):
    """"AQSh, Yaponiya va Oʻzbekiston" is a list (va = and); "jamoat joylari" are public places, not a Tajik jamoat."""
    v = rel.judge("Yevropa Ittifoqi sunʼiy intellekt boʻyicha yangi qoidalarni kuchga kiritdi",
                  "Qonun yuzni masofadan aniqlash tizimlaridan jamoat joylarida foydalanishni cheklaydi.\n\n"
                  "Ekspertlarning fikricha, Yevropa qoidalari boshqa mamlakatlar, jumladan, AQSh, Yaponiya va Oʻzbekiston "
                  "kabi davlatlar uchun ham namuna boʻlishi mumkin.", "uz")
    assert not v.relevant and "org:hukumat" not in v.evidence


@pytest.mark.parametrize("title, text", [
    ("На осушенном дне Аральского моря высадят саксаул", "Экологи высадят саксаул на осушенном дне моря."),
    ("Hundreds of dead seals found on Caspian shore", "Researchers counted 700 dead seals on the northern shore."),
])
def test_regional_seas_in_declined_and_adjective_forms(rel, title, text):
    assert rel.judge(title, text).relevant


# ----------------------------------------------------------------------------- towns from GeoNames
@pytest.mark.parametrize("title, text, language", [
    ("Fire destroys wholesale market in Chinoz", "A fire broke out overnight at the wholesale market in Chinoz, "
     "destroying 40 stalls. Firefighters from the district worked until dawn.", "en"),
    ("Пожар на рынке в Чинозе", "Ночью в Чинозе сгорели 40 торговых мест на оптовом рынке. "
     "Пожарные работали до рассвета.", "ru"),
    ("Şortandy audanynda jol jabyldy", "Boranğa bailanysty Şortandy audanynda jol jabyldy. "
     "Jürgızuşıler Şortandy arqyly ötpeuge şaqyryldy.", "kk"),
])
def test_district_town_alone_makes_coverage(rel, title, text, language):
    """A town the hand-kept gazetteer lacks is found through towns.toml, in Russian case forms and in
    Kazakh Latin spellings made from its Cyrillic name."""
    v = rel.judge(title, text, language)
    assert v.relevant and any(label.startswith("town:") for label in v.hits), v


def test_town_list_leaves_out_common_words_surnames_and_names_of_places_elsewhere():
    from newsmon.core.gazetteer import TOWNS, gazetteer

    g = gazetteer()
    towns = {label for label in g.entities if label.startswith("town:")}
    assert len(towns) > 300 and all(g.entities[t].country in ("KZ", "KG", "TJ", "TM", "UZ") for t in towns)
    text = "Mary met Kant in Oral, then Sergeev and Ералиев flew to Aksu and Шар."
    assert not set(g.find(text)) & towns, g.find(text)
    names = [n for e in __import__("tomllib").loads(TOWNS.read_text(encoding="utf-8"))["entity"] for n in e["names"]]
    assert len(names) == len({n.casefold() for n in names})  # a spelling names one town only


def test_kazakh_island_is_not_the_aral_sea(rel):
    v = rel.judge("Мальдив аралдарына рейстер көбейеді", "Авиакомпаниялар Мальдив аралдарына қосымша рейстер "
                  "ашады. Аралдағы қонақүйлер толып тұр.", "kk")
    assert not v.relevant and v.hits.get("river:aral-sea", 0) <= 1, v  # only the capitalised "Аралдағы" may count
    assert rel.judge("Арал теңізінің солтүстік бөлігі толып келеді", "Арал теңізінің солтүстік бөлігінде су "
                     "деңгейі көтерілді.", "kk").relevant


def test_airport_named_after_its_region_is_the_place(rel):
    v = rel.judge("Аэропорт «Иссык-Куль» откроет новый терминал", "Аэропорт «Иссык-Куль» откроет новый терминал "
                  "к летнему сезону, сообщили в администрации.")
    assert v.relevant and any("issyk-kul" in label for label in v.hits), v
    assert not rel.judge("Ресторан «Иссык-Куль» открылся в Москве", "Ресторан «Иссык-Куль» открылся на "
                         "Тверской.").relevant


def test_city_hosting_is_the_city_and_central_asia_in_kazakh_and_uzbek(rel):
    v = rel.judge("Ashgabat hosts regional chess open", "More than 200 players took part in the open "
                  "tournament, the organisers said.")
    assert v.relevant, v
    assert rel.judge("Орталық Азия елдері көлік дәлізін талқылады", "Орталық Азия елдерінің министрлері "
                     "көлік дәлізін талқылады.", "kk").relevant
    assert rel.judge("Markaziy Osiyo davlatlari suv masalasini muhokama qildi", "Markaziy Osiyo davlatlari "
                     "vazirlari suv taqsimotini muhokama qildi.", "uz").relevant


# ----------------------------------------------------------------------------- figures and foreign names


def test_sport_and_culture_figures_abroad(rel):
    """A Central Asian athlete or artist in the headline is the story; in a draw preview's body, a
    passing mention (a figure weighs as a place, not as a politician)."""
    assert rel.judge("Rybakina wins Doha title after three-set final",
                     "The world number four beat her opponent 6-4 3-6 6-3 in Qatar on Saturday.", "en").relevant
    assert rel.judge("Джалолов нокаутировал американца в Лас-Вегасе",
                     "Бой продлился четыре раунда, сообщили организаторы в субботу.", "ru").relevant
    preview = rel.judge("Wimbledon draw sets up early test for champion",
                        "The defending champion faces a tricky path after Friday's draw placed two former finalists "
                        "in her quarter. The top seed opens against a qualifier on Centre Court on Tuesday.\n\n"
                        "The second quarter includes Elena Rybakina of Kazakhstan, the 2022 champion, and last year's "
                        "US Open runner-up. Rain is forecast for the opening two days.", "en")
    assert not preview.relevant, preview.reason


def test_a_name_inside_a_foreign_name_is_no_evidence(rel):
    v = rel.judge("В Казани открылась выставка о Золотой Орде времён хана Узбека",
                  "Экспозиция рассказывает о правлении хана Узбека и торговле Золотой Орды с Европой и Египтом.", "ru")
    assert not v.relevant and "country:uz" not in v.evidence, v.evidence
    assert rel.judge("Национальный банк Казахстана снизил ставку", "Регулятор снизил ставку до 16%.", "ru").relevant


@pytest.mark.parametrize("title, text", [
    # a quoted place in a match report is the place's club (a score, or two sports words)
    ("«Ақтөбе» өз алаңында «Жетісуды» 2:0 есебімен ұтты",
     "«Ақтөбе» футбол клубы Премьер-лиганың 18-турында өз алаңында «Жетісуды» 2:0 есебімен жеңді."),
    ("«Хатлон» дар майдони худ «Истаравшан»-ро мағлуб кард",
     "Дастаи «Хатлон» дар даври 15-уми Лигаи олӣ «Истаравшан»-ро бо ҳисоби 3:1 мағлуб кард."),
    # a town by its Russian adjective, capitalised as a name's first word
    ("В клинике Самаркандского медуниверситета впервые пересадили печень",
     "Хирурги клиники Самаркандского государственного медицинского университета провели первую в регионе "
     "трансплантацию печени."),
    # … and with a «й» before the suffix: «Марыйская» is Мары's
    ("Марыйская ГРЭС ввела в строй новый энергоблок",
     "Новый энергоблок Марыйской ГРЭС мощностью 400 МВт будет работать на газе, сообщили энергетики."),
])
def test_clubs_in_match_reports_and_towns_by_their_adjectives(rel, title, text):
    assert rel.judge(title, text).relevant


@pytest.mark.parametrize("title, text", [
    ("Ресторан «Ташкент» обновил меню", "Шеф ресторана «Ташкент» на Чистых прудах добавил в меню манты."),  # no match report
    ("На Ташкентской улице в Выхине начнут ремонт", "Ремонт Ташкентской улицы займёт два месяца, сообщили в управе."),
    ("Flash floods hit Talas district in central Turkey", "Flash floods swept through Talas, a district of Kayseri."),
    ("Afg‘onistonning Jalolobod shahrida sel 30 kishining hayotiga zomin bo‘ldi",
     "Afg‘onistonning sharqidagi Nangarhor viloyati markazi Jalolobod shahrida sel oqibatida 32 kishi halok bo‘ldi."),
    ("Roma sign Zenit striker in €38m deal",
     "Roma have signed a Brazilian striker from Zenit. Zenit, who bought him from Kairat Almaty for €4 million, "
     "will receive 15 percent of any future sale."),
    ("«Спартак» обыграл «Краснодар» благодаря дублю Ндиайе",
     "Оба мяча у победителей забил сенегальский нападающий, перешедший летом из «Ордабасы» за 3 млн евро."),
    ("Azerbaijan and Armenia finish border markers in Kazakh district",
     "Surveyors placed border markers near four villages in Azerbaijan's Kazakh district."),
    # a nation's name capitalised inside a Russian sentence, with a surname's ending, is a person
    ("Тренер Ильдар Узбеков возглавил молодёжный состав «Рубина»",
     "Ильдар Узбеков ранее работал в Казани с юношескими командами клуба, сообщила пресс-служба."),
    # a station named by a town's adjective, as Moscow's metro names them (an airport «Иссык-Куль» stays the place)
    ("Вестибюль станции «Ташкентская» закроют на ремонт",
     "С понедельника северный вестибюль станции «Ташкентская» будет закрыт на два месяца, сообщили в метрополитене."),
])
def test_streets_places_abroad_and_transfers_are_not_coverage(rel, title, text):
    assert not rel.judge(title, text).relevant, rel.judge(title, text)


@pytest.mark.parametrize("title, text, entity", [
    # Turkish coverage of the region (Anadolu, TRT): Turkish spellings, and case endings after an apostrophe
    ("Bişkek’te Orta Asya liderler zirvesi", "Kırgızistan’ın başkenti Bişkek’te Orta Asya liderleri bir araya geldi.",
     "capital:bishkek"),
    ("Kazakistan ile Özbekistan arasında yeni demiryolu anlaşması",
     "Kazakistan ve Özbekistan, Taşkent’te yeni bir demiryolu hattı için anlaşma imzaladı.", "country:kz"),
])
def test_turkish_coverage_of_the_region(rel, title, text, entity):
    v = rel.judge(title, text, "tr")
    assert v.relevant and entity in v.evidence, v


def test_turkish_news_about_turkey_is_not_coverage(rel):
    assert not rel.judge("Türkiye’de enflasyon yüzde 40’a geriledi",
                         "Türkiye’de yıllık enflasyon yüzde 40’a geriledi, Merkez Bankası faiz indirimine gidebilir.",
                         "tr").relevant


@pytest.mark.parametrize("title, text, lang", [
    # an apposition places the name abroad; "in southern Xinjiang" qualifies like "in Xinjiang"
    ("Aral city's cotton farms switch to robot pickers",
     "Farms around Aral, a city in southern Xinjiang, finished the cotton harvest with driverless machines.", "en"),
    # a name held up as a yardstick for somewhere else
    ("Indian start-up aims to be 'the Kaspi of South Asia'",
     "A Bengaluru fintech that wants to become 'the Kaspi of South Asia' raised 120 million dollars on Monday.", "en"),
    # an English sentence may open with a namesake's given name
    ("Nazarbayev wins Etobicoke council by-election",
     "Alex Nazarbayev, a 38-year-old software engineer, won the Etobicoke North by-election for Toronto city council.", "en"),
    # a foreign country's adjective right before a place name places it abroad
    ("В турецком Таласе открыли новый кампус университета",
     "В районе Талас турецкой провинции Кайсери открылся новый кампус университета на 12 тысяч студентов.", "ru"),
    # Kazakh lower-case «astana» is any capital; a list joined by «men» with foreign items is a list
    ("Moñğoliiada Naadam merekesı bastaldy",
     "Moñğoliianyñ astanasy Ūlan-Batorda dästürlı Naadam merekesı bastaldy. Küreske Japoniia, Resei men "
     "Qazaqstannan kelgen qonaq baluandar qatysady.", "kk"),
    # a story set abroad that names the region in one later sentence only
    ("Black Sea wheat quotes ease as harvest advances",
     "Export wheat prices in the Black Sea region eased as harvesting advanced in southern Russia and Ukraine, "
     "traders said.\n\nUkrainian wheat fell to 226 dollars at Odesa, while Kazakh wheat at the Caspian port of "
     "Aktau rose one dollar to 218.\n\nIn Paris, Euronext September wheat closed at 219 euros.", "en"),
    # a nation named as a people in the plural, in a story set abroad, is a community there
    ("Вандагы Улупамир айылынын кыргыздары жаңы мектеп ачышты",
     "Түркиянын Ван облусуна караштуу Улупамир айылында жашаган кыргыздар жаңы мектепти ачышты.", "ky"),
    ("В монгольском Баян-Улгии прошёл фестиваль беркутчи",
     "В аймаке Баян-Улгий на западе Монголии прошёл фестиваль охотников с беркутами.\n\n"
     "Большинство жителей аймака — казахи. Победителем стал охотник из сомона Сагсай.", "ru"),
    ("Turkmens in Istanbul open a cultural centre",
     "Turkmens living in Istanbul opened a cultural centre in the Fatih district, the city council said.", "en"),
    # an apposition with more words before the foreign place
    ("Cotton harvest begins early in Aral as Xinjiang farms mechanise",
     "Cotton picking began in Aral, a city on the Tarim river in China's Xinjiang region, ten days early.", "en"),
])
def test_places_abroad_yardsticks_namesakes_and_peoples_abroad_are_not_coverage(rel, title, text, lang):
    assert not rel.judge(title, text, lang).relevant, rel.judge(title, text, lang)


@pytest.mark.parametrize("title, text", [
    ("Cotton harvest ends early in the Fergana Valley of Uzbekistan",
     "Farmers in the Fergana Valley of Uzbekistan finished the cotton harvest on Monday, officials in Andijan said."),
    ("Meanwhile Tokayev met Putin", "Meanwhile Tokayev met Putin in Astana on Monday, the Akorda said."),
    ("Yesterday Mirziyoyev opened the Tashkent forum", "Yesterday Mirziyoyev opened the Tashkent investment forum."),
])
def test_the_region_after_of_and_leaders_after_a_sentence_opener_still_count(rel, title, text):
    assert rel.judge(title, text, "en").relevant, rel.judge(title, text, "en")


def test_the_capital_and_a_story_abroad_led_by_the_region_still_count(rel):
    assert rel.judge("Astanada jaña metro stansasy aşyldy", "Astanada jaña metro stansasy aşyldy, dep habarlady äkımdık.",
                     "kk").relevant
    assert rel.judge("Kazakh wheat leads Black Sea export gains",
                     "Kazakh wheat shipped through the Caspian port of Aktau rose to 218 dollars a tonne, traders said.\n\n"
                     "Russian and Ukrainian wheat eased at Novorossiysk and Odesa.", "en").relevant


def test_kyrgyz_wolves_are_not_karshi_and_a_reserve_is_the_place(rel):
    v = rel.judge("Сары-Челек коругунда аюу менен карышкырлардын саны көбөйдү",
                  "Сары-Челек коругунда аюу менен карышкырлардын саны көбөйдү, деп билдирди Жалал-Абад облусунун "
                  "айлана-чөйрө башкармалыгы.", "ky")
    assert v.relevant and "city:karshi" not in v.evidence and "other:sary-chelek" in v.evidence, v
    # Kazakhs named as the country's people in a story at home still count
    assert rel.judge("Kazakhs vote in parliamentary election", "Kazakhs voted on Sunday in Astana and across the "
                     "country in the parliamentary election, the election commission said.", "en").relevant


def test_a_list_item_after_the_and_a_kyrgyz_autonomous_unit_abroad(rel):
    """"India, Uzbekistan and the Philippines" is a list (its last item after "the"); «Кыргыз автоном облусу»
    (China's Kizilsu Kyrgyz Autonomous Prefecture, in Kyrgyz) holds a people abroad, not the country."""
    v = rel.judge("Polish haulers hire drivers from India, Uzbekistan and the Philippines",
                  "Polish road haulage firms hired drivers from India, Uzbekistan and the Philippines this year, "
                  "the labour ministry in Warsaw said.")
    assert not v.relevant and v.evidence["country:uz"] < 2, v
    assert rel.judge("Uzbekistan hires drivers for Polish haulers",
                     "Uzbekistan's labour ministry opened a centre in Tashkent to train drivers.").relevant
    v = rel.judge("Артушта жүзүм майрамы өттү", "Кытайдын Шинжаң аймагындагы Кызылсуу Кыргыз автоном облусунун "
                  "борбору Артушта жүзүм майрамы өттү. Облуста 200 миңге жакын кыргыз жашайт.", "ky")
    assert not v.relevant and "country:kg" not in v.evidence, v


def test_russias_border_regions_and_a_bashkir_village_named_kirgiz_are_abroad(rel):
    """Kirgiz-Miyaki is a village of Bashkortostan, no Kyrgyz place; Orenburg's and Bashkortostan's stories are
    set abroad."""
    v = rel.judge("В селе Киргиз-Мияки открыли школу на 800 мест",
                  "В селе Киргиз-Мияки Миякинского района Башкирии открылась новая школа, сообщила администрация района.")
    assert not v.relevant and "country:kg" not in v.evidence, v
    assert rel.judge("Kyrgyz school opens in Bishkek", "A new Kyrgyz-language school opened in Bishkek.").relevant


@pytest.mark.parametrize("title, text, language", [
    ("Indoneziya parlamenti yangi poytaxtga koʻchib oʻtdi",
     "Indoneziya parlamenti birinchi majlisini oʻtkazdi. Hukumat vazirliklarining aksariyati koʻchib oʻtgan.", "uz"),
    ("В Каспийске выпустили в море миллион мальков осетра",
     "Рыбоводный завод в дагестанском Каспийске выпустил в Каспийское море миллион мальков осетра.", "ru"),
    ("Казахи Кош-Агача отметили Наурыз", "В селе Кош-Агач в Республике Алтай прошел праздник Наурыз, который "
     "местная казахская община отмечает вместе с алтайцами.", "ru"),
])
def test_more_foreign_states_and_places_set_a_story_abroad(rel, title, text, language):
    """A generic body in Uzbek ("hukumat") in a story about Indonesia is Indonesia's; a Dagestani town's Caspian
    is the Russian shore; the Kazakhs of Kosh-Agach in Russia's Altai are a community there."""
    assert not rel.judge(title, text, language).relevant


def test_a_shared_sea_a_language_and_a_district_abroad_are_the_foreign_story(rel):
    """A lead set in Russia (Astrakhan's hatchery, the Volga) puts the Caspian on Russia's shore; the Kyrgyz
    language taught to the Pamir Kyrgyz of a Turkish village is theirs; "the Talas district of Kayseri in
    central Turkey" is Turkey's; Xinjiang in Kazakh 2021 Latin qualifies its Aral. The Caspian from Aktau stays."""
    v = rel.judge("Волжские рыбоводы выпустили осетров",
                  "Астраханский завод выпустил в Волгу 800 тысяч мальков, которые уйдут в Каспийское море.\n\n"
                  "Численность осетра на Каспии растёт, сообщили учёные.", "ru")
    assert not v.relevant and "river:caspian-sea" not in v.evidence, v
    v = rel.judge("В Актау подсчитали каспийских тюленей", "Учёные насчитали на побережье Каспийского моря 4 тысячи "
                  "тюленей.\n\nЧисленность каспийского тюленя снижается, сообщили в Актау.", "ru")
    assert v.relevant and "river:caspian-sea" in v.evidence, v
    v = rel.judge("Эрджиштеги айылда китепкана ачылды",
                  "Түркиянын Ван облусундагы айылда Ооганстандын Памиринен келген кыргыздар жашайт.\n\n"
                  "Китепканада кыргыз тили боюнча 300 китеп бар.", "ky")
    assert not v.relevant and "country:kg" not in v.evidence, v
    v = rel.judge("Talas gets a new bus terminal", "The Talas district of Kayseri in central Turkey opened a bus terminal "
                  "on Monday.\n\nTalas has 170,000 residents.", "en")
    assert not v.relevant and "city:talas" not in v.evidence, v
    v = rel.judge("Şyñjañdağy Aral qalasynda jaña zauyt aşyldy", "Zauyt jylyna 50 myñ tonna maqta öñdeidı.", "kk")
    assert not v.relevant and not v.evidence, v


def test_a_town_beside_the_place_that_holds_its_namesake_abroad_is_the_namesake(rel):
    """Talas next to Kayseri (a district of it) and Karakol next to the Altai Republic (a village there) are
    the namesakes, in every mention; flights "from Novosibirsk" to Karakol, or a Turkish contractor in
    Talas, leave them Kyrgyz towns: only the place that holds the namesake moves them."""
    v = rel.judge("Kayseri tram line to reach Talas university campus", "The Turkish city of Kayseri will extend its "
                  "tram line by 7.2 kilometres to the Talas district and its university campus.\n\nTalas has about "
                  "190,000 residents, many of them students.", "en")
    assert not v.relevant and "city:talas" not in v.evidence, v
    v = rel.judge("Под Караколом открыли этнопарк", "У села Каракол в Онгудайском районе Республики Алтай открылся "
                  "этнопарк.\n\nВ Каракол в первый месяц ждут 20 тысяч туристов.", "ru")
    assert not v.relevant and "city:karakol" not in v.evidence, v
    v = rel.judge("Winter flights to Karakol", "Airlines announced winter flights from Novosibirsk to Karakol for the "
                  "ski season.\n\nKarakol's ski base expects 30,000 visitors.", "en")
    assert "city:karakol" in v.evidence, v
    v = rel.judge("Turkish contractor to rebuild Talas airport", "A Turkish contractor will rebuild the airport in "
                  "Talas by 2054.\n\nTalas airport now takes two flights a week.", "en")
    assert "city:talas" in v.evidence, v


def test_a_river_downstream_abroad_is_the_foreign_story_and_upstream_water_is_ours(rel):
    """The Irtysh at Omsk is Russia's river in a story set there; a Chinese canal taking its water
    before it reaches Kazakhstan, and its floods at Semey or Pavlodar, are Central Asian stories."""
    v = rel.judge("Omsk braces for Irtysh flood crest", "Water in the Irtysh at Omsk rose 40 centimetres "
                  "overnight, the regional emergencies department said.\n\nThe Irtysh is expected to peak on Friday.", "en")
    assert not v.relevant and "river:irtysh" not in v.evidence, v
    v = rel.judge("Иртыш у Семея поднялся на метр", "Уровень воды в Иртыше у Семея за сутки вырос на метр.\n\n"
                  "Жителей прибрежных сёл на Иртыше попросили быть готовыми к эвакуации.", "ru")
    assert v.relevant and "river:irtysh" in v.evidence, v


def test_a_kyrgyz_locative_a_site_s_own_museum_and_a_people_abroad(rel):
    """Kyrgyz «Токмоктогу» puts the town in space; «музей-заповедник «Ичан-Кала»» is the site's own museum, not
    a borrowed name; "Jalalabad, the capital of Afghanistan's Nangarhar province" is Afghan; «бухарские евреи» of
    Queens are a people abroad; Uzbek "Madaniyat" (culture) is no town; a Kyrgyz festival in a Turkish village
    where Kyrgyz from the Afghan Pamir live is that community's."""
    v = rel.judge("Токмоктогу айнек заводу жаңы цехти ишке киргизди",
                  "Токмоктогу айнек заводу жылына 40 миң тонна бөтөлкө чыгара турган цехти ишке киргизди. "
                  "Заводдо 600 киши иштейт.", "ky")
    assert v.relevant and "city:tokmok" in v.evidence, v
    v = rel.judge("В Ичан-Кале открыли отреставрированное медресе",
                  "Сотрудники музея-заповедника «Ичан-Кала» открыли для посетителей медресе Мухаммад Амин-хана "
                  "после трёх лет реставрации.", "ru")
    assert v.relevant and "other:itchan-kala" in v.evidence, v
    v = rel.judge("Jalalabad opens a new bus station", "Jalalabad, the capital of Afghanistan's Nangarhar province, "
                  "opened a bus station for 40 coaches on Monday, the provincial governor said.", "en")
    assert not v.relevant and "city:jalal-abad" not in v.evidence, v
    v = rel.judge("Бухарские евреи Бруклина открыли культурный центр",
                  "Община бухарских евреев в Бруклине открыла культурный центр с залом на 300 мест.", "ru")
    assert not v.relevant and "city:bukhara" not in v.evidence, v
    v = rel.judge("Turkiyada madaniyat festivali boshlandi", "Turkiya Madaniyat va turizm vazirligi Istanbulda "
                  "xalqaro madaniyat festivali boshlanganini maʼlum qildi.", "uz")
    assert not v.evidence, v
    v = rel.judge("Ван облусунда кыргыз тойу өттү", "Түркиянын Ван облусундагы айылда кыргыз тойу өттү. Айылда "
                  "Ооганстандын Памиринен көчүп келген кыргыздар жашайт.", "ky")
    assert not v.relevant and "country:kg" not in v.evidence, v


def test_a_surname_is_no_currency_and_a_brand_in_apposition_is_no_place(rel):
    """«тренер Игорь Сомов» is a man, not the Kyrgyz som; "Aral, Germany's largest filling-station chain" is a
    brand (an apposition with a possessive names it, as "Samarkand, the new restaurant" does). Money stays money."""
    v = rel.judge("«Динамо» выиграло пятый матч подряд", "Московское «Динамо» обыграло «Спартак» со счётом 3:2. "
                  "«Мы играли смело», — сказал главный тренер Олег Сомов.", "ru")
    assert "currency:kgs" not in v.evidence, v
    assert "currency:kgs" in rel.judge("Цены на хлеб выросли", "Буханка хлеба подорожала до 45 сомов.", "ru").evidence
    v = rel.judge("Aral opens 50 fast chargers", "Aral, Germany's largest filling-station chain, opened 50 fast "
                  "chargers for electric cars on Monday, the Bochum-based company said.", "en")
    assert not v.relevant and "river:aral-sea" not in v.evidence, v


def test_petropavlovsk_kamchatsky_is_no_petropavl(rel):
    v = rel.judge("Рейсы в Петропавловск-Камчатский задерживаются из-за пепла",
                  "Аэропорт Петропавловска-Камчатского закрыт второй день, сообщили авиакомпании.", "ru")
    assert not v.relevant and "city:petropavl" not in v.evidence, v
    assert rel.judge("В Петропавловске открыли новый мост", "Мост через Ишим построили за два года.", "ru").relevant


def test_a_list_item_of_two_words_makes_a_list(rel):
    """«Минеральные Воды» in a list of an airline's routes from Kazan: Osh is one destination of many."""
    v = rel.judge("Авиакомпания из Казани откроет рейсы в Ош, Баку и Ереван",
                  "С мая самолёты полетят из Казани в Ош, Баку, Ереван, Минеральные Воды и Калининград.\n\n"
                  "Билеты уже в продаже.", "ru")
    assert not v.relevant, v


def test_an_election_commission_in_a_story_abroad_is_that_countrys(rel):
    """Uzbek «Марказий сайлов комиссияси» (and Kazakh «Орталық сайлау комиссиясы») is any country's central
    election commission: in a story about South Korea it is Korea's; at home it is still the commission."""
    v = rel.judge("Жанубий Кореяда парламент сайловлари бўлиб ўтди",
                  "Марказий сайлов комиссияси маълумотига кўра, сайловда сайловчиларнинг 68 фоизи иштирок этди.", "uz")
    assert not v.relevant and "org:uz-cec" not in v.evidence, v
    v = rel.judge("Марказий сайлов комиссияси президент сайлови натижаларини эълон қилди",
                  "Марказий сайлов комиссияси Тошкентда натижаларни эълон қилди.", "uz")
    assert v.relevant and "org:uz-cec" in v.evidence, v


@pytest.mark.parametrize("title, text, lang", [
    ("Рабочий из Таджикистана пострадал при обрушении лесов на стройке в Москве",
     "Рабочий из Таджикистана получил травмы при обрушении строительных лесов в Москве, сообщили в МЧС.", "ru"),
    ("Forklift driver from Uzbekistan among 14 hurt in warehouse fire",
     "A forklift driver from Uzbekistan was among 14 people injured when fire swept through a warehouse near "
     "Poznań, Polish firefighters said.", "en"),
    ("Уроженец Кыргызстана задержан в Екатеринбурге", "Уроженец Кыргызстана задержан полицией по делу о краже.", "ru"),
])
def test_a_persons_origin_is_not_coverage(rel, title, text, lang):
    """A migrant's or a player's origin, in the headline too ("a driver from Uzbekistan"), is no news from there."""
    v = rel.judge(title, text, lang)
    assert not v.relevant, v


def test_a_visitor_from_abroad_in_the_region_and_the_country_itself_still_count(rel):
    v = rel.judge("Tourist from Kazakhstan robbed in Tashkent", "A tourist from Kazakhstan was robbed near Chorsu "
                  "bazaar in Tashkent on Sunday, Tashkent city police said.", "en")
    assert v.relevant and "capital:tashkent" in v.evidence, v
    v = rel.judge("Tajikistan raises the minimum wage", "Tajikistan will raise the minimum wage from May, the "
                  "government of Tajikistan said.", "en")
    assert v.relevant, v


def test_a_tajik_izafet_after_a_town_places_it_abroad(rel):
    """«шаҳри Ҳисори Ҳиндустон»: the town of Hisar of India (Hisar, Haryana), not Tajikistan's Hisor."""
    v = rel.judge("Дар шаҳри Ҳисори Ҳиндустон фурудгоҳи нав ба кор даромад",
                  "Дар шаҳри Ҳисори Ҳиндустон фурудгоҳи нав ба кор даромад, хабар дод вазорати ҳавопаймоӣ.", "tg")
    assert not v.relevant and "city:hisor" not in v.evidence, v
    v = rel.judge("Дар шаҳри Ҳисор фурудгоҳи нав ба кор даромад", "Дар шаҳри Ҳисор фурудгоҳи нав сохта шуд.", "tg")
    assert "city:hisor" in v.evidence, v


def test_a_nations_community_abroad_is_a_people(rel):
    """"Kazakh herders in China's Altay prefecture": the Kazakh community of Xinjiang, not Kazakhstan."""
    v = rel.judge("Kazakh herders in China's Altay prefecture move flocks to winter pastures",
                  "Kazakh herding families in Altay prefecture, in the north of China's Xinjiang region, began moving "
                  "their flocks to winter pastures.", "en")
    assert not v.relevant, v
    assert rel.judge("Kazakh herders move flocks to winter pastures near Taraz",
                     "Kazakh herding families near Taraz began moving their flocks to winter pastures.", "en").relevant


@pytest.mark.parametrize("title, text, lang, entity", [
    ("Ala-Too International University opens master's programme in AI",
     "Ala-Too International University will admit 40 students to its new programme this autumn.", "en", "org:ala-too-university"),
    ("Ekıbastūz GRES-1 segızınşı energoblogyn jöndep bıtırdı",
     "Ekıbastūz GRES-1 stansasynda segızınşı energoblok jöndeuden keiın ıske qosyldy.", "kk", "project:ekibastuz-gres"),
    ("Achik-Tash base camp opens early as Peak Lenin season begins",
     "The Achik-Tash base camp below Peak Lenin opened ten days early this year, guides said.", "en", "other:lenin-peak"),
    ("Бухоро давлат университети олимлари Қизилқумда калтакесакнинг янги турини топди",
     "Бухоро давлат университети олимлари Қизилқум чўлида янги тур топди.", "uz", "org:bukhara-state-university"),
])
def test_more_entities_of_the_region(rel, title, text, lang, entity):
    v = rel.judge(title, text, lang)
    assert v.relevant and entity in v.evidence, v


def test_a_town_before_its_plant_a_reserve_and_historic_titles(rel):
    """Kazakh, Uzbek and Kyrgyz name a town's plant by the town before it ("Pavlodar mūnai-himiia zauyty"): the
    town is a place there. A reserve or canyon by its name («Сары-Челек коругунда», "Şaryn şatqalyna") is a
    place. The Emir of Bukhara's palace in a Russian spa town and the Yenisei Kyrgyz of Khakassia name no
    Central Asian place."""
    v = rel.judge("Pavlodar mūnai-himiia zauyty jöndeuden keiın jūmysyn qaita bastady",
                  "Zauyt jylyna 5 mln tonna mūnai öñdeidı. Jöndeu jūmystary 40 künge sozyldy.", "kk")
    assert v.relevant and "city:pavlodar" in v.evidence, v
    v = rel.judge("Сары-Челек коругунда аюулардын саны өстү", "Коруктун кызматкерлери быйыл 40 аюуну санашты.", "ky")
    assert v.relevant and "other:sary-chelek" in v.evidence, v
    v = rel.judge("Şaryn şatqalyna keluşıler sany 400 myñnan asty", "Bīyl şatqalğa 400 myñnan astam turist keldı.", "kk")
    assert v.relevant and "other:charyn" in v.evidence, v
    v = rel.judge("В Железноводске открыли после реставрации дворец эмира Бухарского",
                  "Дворец эмира Бухарского построили в 1912 году. Реставрация заняла три года.", "ru")
    assert not v.relevant and "city:bukhara" not in v.evidence, v
    v = rel.judge("В Абакане показали находки из могил енисейских кыргызов",
                  "Музей Хакасии показал 300 находок из могил енисейских кыргызов IX века.", "ru")
    assert not v.relevant and "country:kg" not in v.evidence, v
    v = rel.judge("Almaty teatry jaña maýsymdy aşty", "Almaty qalasyndağy teatr jaña maýsymdy aşty.", "kk")
    assert "city:almaty" in v.evidence, v
