"""Term matching, numbers and URL normalisation: English and Russian forms."""

from __future__ import annotations

import re

import pytest

from newsmon.crawlers.extract.urls import normalize_url
from newsmon.dedupe.numbers import extract_numbers, number_relation
from newsmon.dedupe.signals import entity_overlap, extract_signals
from newsmon.core.terms import TermMatcher


def test_russian_case_endings_and_whole_words():
    m = TermMatcher({"kz": ["Казахстан", "Kazakhstan"], "tok": ["Токаев"], "rogun": ["Рогунская ГЭС"]})
    assert m.counts("Президент Казахстана Токаеву доложили о Рогунской ГЭС") == {"kz": 1, "tok": 1, "rogun": 1}
    assert m.counts("Kazakhstanis") == {}  # whole words only
    assert m.counts("в Казахстане и Kazakhstan's") == {"kz": 2}


def test_nested_names_count_both():
    m = TermMatcher({"nbk": ["National Bank of Kazakhstan"], "kz": ["Kazakhstan"]})
    assert m.counts("the National Bank of Kazakhstan") == {"nbk": 1, "kz": 1}


@pytest.mark.parametrize("text,expected", [
    ("3 trillion yen (about $19 billion)", {"3e+12 JPY", "1.9e+10 USD"}),
    ("3 трлн иен (около $19 млрд)", {"3e+12 JPY", "1.9e+10 USD"}),
    ("¥3tn", {"3e+12 JPY"}),
    ("базовая ставка 16,5%", {"16.5 %"}),
    ("rate of 16.5 percent", {"16.5 %"}),
    ("350 млн долларов", {"3.5e+08 USD"}),
    ("$350 million", {"3.5e+08 USD"}),
    ("1,2 трлн тенге", {"1.2e+12 KZT"}),
    ("1 200 000 человек", {"1.2e+06 ppl"}),
    ("in 2026 five leaders met", set()),  # years and small counts identify nothing
    # Kyrgyz: a price in сом and тыйын is the decimal Russian writes; case endings on the unit.
    ("баасы 1 сом 37 тыйындан 1 сом 62 тыйынга чейин көтөрүлөт", {"1.37 KGS", "1.62 KGS"}),
    ("тариф вырастет с 1,37 до 1,62 сома", {"1.62 KGS"}),
    ("наркынын болгону 68 пайызын жабат", {"68 %"}),
    # Kazakh instrumental ("with") on the unit
    ("зауыт қуатының 60 пайызымен ғана жұмыс істейді", {"60 %"}),
    ("жоба 5 млрд теңгемен қаржыландырылады", {"5e+09 KZT"}),
])
def test_numbers_normalised_across_languages(text, expected):
    assert extract_numbers(text) == expected


def test_number_conflict_and_agreement():
    assert number_relation({"16.5 %"}, {"16 %"}) == (0.0, True, False)
    agree, conflict, disjoint = number_relation({"3e+12 JPY", "1.9e+10 USD"}, {"3e+12 JPY", "1.9e+10 USD"})
    assert agree == 1.0 and not conflict and not disjoint
    # A follow-up repeating the original's figures among its own agrees only partly.
    agree, _, _ = number_relation({"3e+12 JPY", "1.9e+10 USD"}, {"3e+12 JPY", "1.9e+10 USD", "1.2e+09 USD", "4.3e+08 USD"})
    assert agree == pytest.approx(2 / 3)
    assert number_relation({"153 km", "1e+10 USD"}, {"4e+10 n", "9e+10 n"})[2]


def test_gazetteer_links_english_and_russian_entities():
    en = extract_signals("Tokayev visits Rogun", "Kazakhstan's President Kassym-Jomart Tokayev toured the Rogun dam in Tajikistan.")
    ru = extract_signals("Токаев посетил Рогунскую ГЭС", "Президент Казахстана Касым-Жомарт Токаев осмотрел Рогунскую ГЭС в Таджикистане.")
    assert {"person:tokayev", "country:kz", "country:tj"} <= set(en.entities) & set(ru.entities)
    assert entity_overlap(en.entities, ru.entities) > 0.8


@pytest.mark.parametrize("url,expected", [
    ("HTTP://Example.COM:80/a/b?utm_source=rss&id=3#top", "http://example.com/a/b?id=3"),
    ("https://example.com/news/?fbclid=x", "https://example.com/news/"),
    ("https://example.com", "https://example.com/"),
])
def test_url_normalisation(url, expected):
    assert normalize_url(url) == expected


def test_wire_copy_is_recognised_by_source_or_byline():
    from newsmon.dedupe.features import is_wire

    wires = ["afp", "reuters", "tass"]
    assert is_wire("afp", [], wires) and is_wire("reuters-en", [], wires)
    assert is_wire("asiawire", ["AFP"], wires)          # an outlet running the AFP copy
    assert not is_wire("glr", ["Aziz Rakhimov"], wires)
    assert not is_wire("tassweek", [], wires)


def test_entity_overlap_is_exact_whatever_the_order_of_the_entities():
    """A snapshot dedupe reloads entities from DuckDB in another order than the in-lock run
    computed them; the score must not differ in its last bit (a plain ``sum`` does here)."""
    ents = ["city:jalal-abad", "company:cnpc", "region:aralkum", "project:kalamkas",
            "capital:moscow", "region:balkan", "city:turkistan", "org:eec"]
    other = {"city:jalal-abad": 1, "org:eec": 1, "country:kg": 1}
    forward = entity_overlap(dict.fromkeys(ents, 1), other)
    backward = entity_overlap(dict.fromkeys(reversed(ents), 1), other)
    assert forward == backward and 0 < forward < 1


def test_kazakh_and_uzbek_endings_match_only_in_kazakh_or_uzbek_text():
    m = TermMatcher({"summit": ["summit", "саммит", "sammit"], "tokayev": ["Тоқаев", "Tokayev"],
                     "tashkent": ["Toshkent"], "central-asia": ["Markaziy Osiyo"]})
    uz = "Toshkentda Markaziy Osiyoning sammitida"
    assert m.labels(uz) == set()
    assert m.labels(uz, turkic=True) == {"tashkent", "central-asia", "summit"}
    assert m.labels("Тоқаевтың саммитінде сөйлеген сөзі", turkic=True) == {"tokayev", "summit"}
    # spans stay on the original words
    assert [(x.label, uz[x.start:x.end]) for x in m.find(uz, turkic=True)] == [
        ("tashkent", "Toshkentda"), ("central-asia", "Markaziy Osiyoning"), ("summit", "sammitida")]
    # only name words are cut back: a word that merely ends like a case ending stays itself
    assert m.labels("sammitlarda bo'lgan summitry Tokayevmen", turkic=True) == {"summit", "tokayev"}
    assert m.labels("summitry", turkic=True) == set()


def test_alert_rule_fires_on_kazakh_and_uzbek_coverage():
    from newsmon.alerts.rules import EventView, RuleMatcher
    from newsmon.core.config import load_config
    from tests.conftest import REPO

    rule = next(r for r in load_config(REPO / "newsmon.toml").alerts if r.name == "summit")
    matcher = RuleMatcher(rule)
    uz = EventView(1, "Toshkentda Markaziy Osiyo davlatlari rahbarlarining sammitida yoʻl xaritasi qabul qilindi",
                   "Sammitda besh davlat rahbari ishtirok etdi.", ["UZ"], ("uz",))
    kk = EventView(2, "Астанадағы саммитінде бес мемлекет басшысы кездесті",
                   "Қазақстан Президенті Қасым-Жомарт Тоқаев саммиттің қорытындысын жариялады.", ["KZ"], ("kk",))
    other = EventView(3, "Toshkentda yangi metro bekati ochildi", "Bekat yiliga million yoʻlovchiga xizmat qiladi.",
                      ["UZ"], ("uz",))
    assert matcher.matches(uz) and matcher.matches(kk) and not matcher.matches(other)


def test_one_place_decides_kazakh_uzbek_from_known_languages_then_text():
    from newsmon.core.turkic import is_turkic

    kk_text = "Астанадағы саммитінде бес мемлекет басшысы кездесті. Қазақстан Президенті Қасым-Жомарт Тоқаев саммиттің қорытындысын жариялады."
    assert is_turkic("Summit in Astana", ["en", "kk"])        # a Kazakh member is enough
    assert not is_turkic(kk_text, ["en", "ru"])                # every language known, none Kazakh/Uzbek
    assert is_turkic(kk_text, []) and is_turkic(kk_text, ["en", None])  # unknown: the text decides
    assert not is_turkic("Tokayev opened the summit in Astana on Tuesday.", [None])


@pytest.mark.parametrize("text", ["İstanbul'da Tokayev «Астана» — O‘zbekiston's", "ÉCOLE ёлка 'quoted' -dash- Ташкенте."])
def test_match_spans_point_at_the_original_words_even_when_folding_changes_length(text):
    m = TermMatcher({"ist": ["istanbul"], "tok": ["Tokayev"], "ast": ["Астана"], "uz": ["O'zbekiston"],
                     "tash": ["Ташкент"], "tree": ["ёлка"]})
    found = {x.label: text[x.start:x.end] for x in m.find(text)}
    expected = {"tok": "Tokayev", "ast": "Астана", "uz": "O‘zbekiston's"} if "İ" in text else {"tash": "Ташкенте", "tree": "ёлка"}
    assert {k: v for k, v in found.items() if k != "ist"} == expected


def test_generated_town_names_count_only_capitalised():
    """Towns come from GeoNames, not by hand: "Issiq" the town is a name, Uzbek "issiq" (hot) is not."""
    from newsmon.core.gazetteer import gazetteer

    g = gazetteer()
    assert not [e for e in g.find("Jazirama issiq: poytaxtda 130 ming xonadon elektrsiz qoldi") if e.startswith("town:")]
    assert any(e.startswith("town:kz-esik") for e in g.find("Issiq shahrida bozor yondi"))
    assert "country:kz" in g.find("казахстанский экспорт")  # hand-kept names stay case-insensitive


def test_monday_is_not_dushanbe():
    """Tajik «рӯзи душанбе» and Uzbek «душанба куни» say Monday; only a capital makes the city."""
    from newsmon.core.gazetteer import gazetteer

    g = gazetteer()
    assert "capital:dushanbe" not in g.find("Вазир душанба куни Шеробод туманига келди")
    assert "capital:dushanbe" not in g.find("Вазир рӯзи душанбе ба ноҳияи Рашт рафт")
    assert "capital:dushanbe" not in g.find("Душанба куни вазир Шерободга келди")  # a sentence's start
    assert g.find("Делегация Душанбеда бўлди") == {"capital:dushanbe": 1}
    assert g.find("Рӯзи душанбе дар Душанбе ҷаласа баргузор шуд") == {"capital:dushanbe": 1}


def test_kazakh_and_kyrgyz_common_words_are_no_countries_or_towns():
    """Kazakh «ақша» (money) read as АҚШ (the USA) with an ending, Kyrgyz «катар» (a row) as Qatar,
    «дубал» (a wall) as Dubai: in Kazakh/Kyrgyz text they are the words; the names still count."""
    from newsmon.dedupe.signals import find_entities

    assert "country:us" not in find_entities("Салымшылар ақшаларын қашан алатындарын сұрап жатыр. Ақша таратылды.", "kk")
    assert "country:qa" not in find_entities("Базардын кийим-кече катарында өрт чыкты", "ky")
    assert "city:dubai" not in find_entities("Бир нече турак үйдүн дубалдары жаракаланган", "ky")
    assert "country:us" in find_entities("АҚШ президенті Астанаға келді", "kk")
    assert "country:qa" in find_entities("Катар менен келишим түзүлдү", "ky")


def test_rasht_valley_is_tajik_and_iran_rasht_is_not():
    from newsmon.dedupe.signals import find_entities

    for text, lang in [("Earthquake in Rasht valley kills three", "en"), ("Землетрясение в Раштской долине", "ru"),
                       ("Rasht vodiysidagi zilzila", "uz")]:
        assert "region:rasht" in find_entities(text, lang), text
    assert "region:rasht" not in find_entities("A quake shook the Iranian city of Rasht", "en")


def test_no_two_gazetteer_entities_share_a_spelling():
    """One place, one entity: 'Awaza' and 'Avaza' (two Latin spellings of one resort) were two ids,
    so a Tajik and an English report of one summit shared no place entity."""
    import tomllib
    from collections import defaultdict

    from newsmon.core.gazetteer import GAZETTEER
    from newsmon.core.text import translit

    ids = defaultdict(set)
    for e in tomllib.loads(GAZETTEER.read_text(encoding="utf-8"))["entity"]:
        for name in e.get("names", []):
            key = re.sub(r"['’ʻ`-]", "", translit(name.lower())).replace("w", "v")
            ids[key].add(e["id"])
    shared = {k: sorted(v) for k, v in ids.items() if len(v) > 1}
    assert not shared, shared


def test_no_gazetteer_id_is_declared_twice():
    """A second entry with one id silently replaced the first's names (company:ulba was twice)."""
    import tomllib
    from collections import Counter

    from newsmon.core.gazetteer import GAZETTEER, TOWNS

    ids = Counter(e["id"] for path in (GAZETTEER, TOWNS) for e in tomllib.loads(path.read_text(encoding="utf-8"))["entity"])
    assert [i for i, n in ids.items() if n > 1] == []
