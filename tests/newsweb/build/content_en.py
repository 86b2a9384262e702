"""English-language articles of the fixture news web.

Every article is a dict; build_site.py renders it with its outlet's template and
derives expected.json from the same data, so the truth and the HTML cannot drift.

body: paragraphs separated by a blank line.  A paragraph starting with "## " is a
crosshead (rendered as <h2>, kept in the expected body without the "## ").
Inline links are written [text](href) and appear as plain text in the body.
published: ISO 8601 with the outlet's local offset, or None.
"""
from pathlib import Path

_SEEDS = Path(__file__).resolve().parent / "seeds"


def _seed(name: str) -> list[str]:
    lines = (_SEEDS / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip()]


_afp = _seed("afp_japan_central_asia_summit.txt")
_glr = _seed("rewrite_japan_central_asia_summit.txt")
assert _glr[0] == "GLR"

AFP_BODY = "\n\n".join(("## " + p) if p == "Multiple business topics" else p for p in _afp[2:])

ARTICLES_EN = [
    # ------------------------------------------------------------------ asiawire
    dict(
        key="aw-japan-summit",
        outlet="asiawire",
        path="/2026/11/21/japan-sets-five-year-19-billion-business-push-into-central-asia/",
        wp_id=48112,
        title=_afp[0],
        lead=_afp[1],
        published="2026-11-21T09:14:00+00:00",
        authors=["AFP"],
        section="Asia-Pacific",
        event="japan-ca-summit-2026",
        caption=("Japan's Prime Minister Sanae Takaichi (C) poses with the leaders of Kazakhstan, "
                 "Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan before the summit in Tokyo",
                 "Photo by POOL / AFP"),
        body=AFP_BODY,
    ),
    dict(
        key="aw-china-ca-astana",
        outlet="asiawire",
        path="/2026/11/19/china-central-asian-states-pledge-to-double-trade-at-astana-meeting/",
        wp_id=48077,
        title="China and Central Asian states pledge to double trade at Astana meeting",
        published="2026-11-19T13:52:00+00:00",
        authors=["Daniyar Sarsenov"],
        section="Asia-Pacific",
        event="china-ca-astana-hog-summit-2026-11",
        body="""ASTANA — China and the five former Soviet republics of Central Asia agreed on Thursday to double their trade within five years, as Chinese Premier Li Qiang met the region's heads of government in the Kazakh capital for the first China–Central Asia heads of government summit.

Li and the prime ministers of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan signed a declaration setting a target of $150 billion in annual trade by 2031, up from about $95 billion last year, according to a text published by the Kazakh government.

The meeting in Astana was the first held at the level of heads of government, separate from the leaders' summits that Chinese President Xi Jinping has held with his Central Asian counterparts since 2023.

"Our goal is to turn the geographic proximity of our countries into an engine of growth for all six of us," Kazakh Prime Minister Olzhas Bektenov said at the opening session.

The declaration lists 42 projects, among them a second railway line between China and Kazakhstan at the Bakhty border crossing, new logistics hubs in Uzbekistan and a long-delayed gas pipeline branch through Tajikistan and Kyrgyzstan.

Chinese state banks pledged $8 billion in credit lines for the projects, the declaration said, without giving a timetable.

China is already the largest trading partner of Kazakhstan, Kyrgyzstan and Turkmenistan, and its companies dominate road and power-plant construction across the region. Beijing has also become the main buyer of Turkmen gas.

Officials in Astana said the six governments also agreed to simplify veterinary and phytosanitary checks on farm exports to China, a long-standing request of Kazakh and Uzbek producers who complain of weeks-long waits at the border.

The next heads of government meeting is scheduled to take place in the Chinese city of Xi'an in 2027.""",
    ),
    dict(
        key="aw-rogun",
        outlet="asiawire",
        path="/2026/11/20/tajikistans-rogun-dam-brings-third-turbine-online/",
        wp_id=48093,
        title="Tajikistan's Rogun dam brings third turbine online",
        published="2026-11-20T11:40:00+00:00",
        feed_published="2026-11-20T15:05:00+00:00",
        authors=["Farrukh Nazarov"],
        section="Energy",
        event="rogun-third-unit-2026-11",
        caption=("The Rogun hydropower plant on the Vakhsh river in central Tajikistan", "Photo: Asia Wire"),
        body="""DUSHANBE — Tajikistan on Friday switched on the third turbine at the Rogun hydropower plant, taking one of the world's most ambitious dam projects a step closer to completion after more than four decades of on-and-off construction.

The 600-megawatt unit was launched at a ceremony attended by President Emomali Rahmon, state television showed. It brings Rogun's installed capacity to 1,800 megawatts, almost half of the planned 3,780 megawatts.

The first two turbines were commissioned in 2018 and 2019, working at reduced pressure because the dam on the Vakhsh river is still being built. When finished, it is designed to stand 335 metres high, which would make it the tallest dam in the world.

Tajikistan, the poorest of the former Soviet republics, suffers chronic winter power shortages, and officials have said the new unit will allow authorities to ease rationing in rural areas this winter.

The government also hopes to earn hard currency by selling summer surplus electricity to Afghanistan and Pakistan through the CASA-1000 transmission line, which is expected to begin commercial operation next year.

The project, first designed in Soviet times, has long been a source of tension with downstream Uzbekistan, which feared it would reduce water for its cotton fields. Relations have improved markedly since 2016, and Uzbek officials now say they are interested in buying power from Rogun.

The World Bank and several Gulf and Asian development lenders have pledged more than $1 billion in financing for the next stages of construction, which Tajik officials say should be completed in the early 2030s.""",
    ),
    dict(
        key="aw-kazatomprom",
        outlet="asiawire",
        path="/2026/11/20/kazatomprom-trims-2027-uranium-production-plan/",
        wp_id=48090,
        title="Kazatomprom trims 2027 uranium production plan",
        published="2026-11-20T06:30:00+00:00",
        authors=["Marat Yessenov"],
        section="Markets",
        event="kazatomprom-2027-guidance",
        body="""ALMATY — Kazatomprom, the world's largest uranium producer, said on Friday it would cut its planned output for 2027 by about 8 percent, citing shortages of sulphuric acid and delays in developing new deposits.

The Kazakh state-controlled company now expects to produce between 25,000 and 26,500 tonnes of uranium on a 100-percent basis next year, down from earlier guidance of 27,500 to 29,000 tonnes, it said in a statement to the London and Astana stock exchanges.

Kazatomprom mines uranium by in-situ leaching, a method that pumps sulphuric acid solution into underground deposits, and has struggled with acid supply since 2023. A new acid plant in the Turkestan region is not due to reach full capacity until 2028.

"We prefer to prioritise value over volume and to keep our commitments to long-term customers," chief executive Meirzhan Yussupov said in the statement.

Spot uranium prices rose about 3 percent after the announcement, traders said, as the market had already been tight because of growing demand from new reactors in China and India and from utilities replacing Russian supplies.

Kazakhstan accounts for about 40 percent of global uranium supply, and any change to its output plans is closely watched by nuclear utilities in Europe, the United States and Asia.

Kazatomprom's shares fell 2.1 percent in London by midday.""",
    ),
    dict(
        key="aw-football",
        outlet="asiawire",
        path="/2026/11/20/valencia-agree-january-deal-for-uruguayan-midfielder-ferreyra/",
        wp_id=48101,
        title="Valencia agree January deal for Uruguayan midfielder Ferreyra",
        published="2026-11-20T18:25:00+00:00",
        authors=["Carlos Medina"],
        section="Sport",
        event="valencia-ferreyra-transfer",
        relevant=False,
        body="""MADRID — Valencia have agreed a deal to sign Uruguayan midfielder Santiago Ferreyra from Nacional when the transfer window opens in January, the Spanish club said on Friday.

The 21-year-old will sign a contract until June 2031, Valencia said in a statement, without disclosing the fee. Spanish sports daily Marca reported that the La Liga side would pay around 14 million euros, with a further 4 million in add-ons.

Ferreyra, who made his debut for Uruguay in September, scored seven goals in 31 league games for Nacional this season and had also attracted interest from clubs in Portugal and Italy.

"He is a player with great vision and character, exactly the profile the coach asked for," Valencia sporting director Miguel Ángel Corona told the club's television channel.

Valencia sit 14th in La Liga after 13 rounds and have struggled for goals from midfield since the departure of several first-team players in the summer.

The club has been under pressure from supporters to invest in the squad, with fans staging protests against the owners outside Mestalla before recent home games.

Ferreyra is expected to travel to Spain in late December to undergo a medical and could make his debut in the Copa del Rey in early January.""",
    ),
    dict(
        key="aw-coffee",
        outlet="asiawire",
        path="/2026/11/19/brazil-wraps-up-coffee-harvest-with-bigger-arabica-crop/",
        wp_id=48069,
        title="Brazil wraps up coffee harvest with bigger arabica crop",
        published="2026-11-19T15:10:00+00:00",
        authors=["Ana Ribeiro"],
        section="Markets",
        event="brazil-coffee-harvest-2026",
        relevant=False,
        body="""SAO PAULO — Brazil has finished harvesting its 2026 coffee crop with a larger arabica output than expected, government agency Conab said on Thursday, easing some concerns about supply after two years of record prices.

Conab estimated the world's largest coffee producer harvested 66.2 million 60-kilogram bags this year, up 7 percent from 2025. Arabica production rose 12 percent to 45.1 million bags thanks to good rains during flowering in Minas Gerais, the main growing state, while robusta output fell slightly to 21.1 million bags.

"The recovery in arabica is clear, but stocks are still very low and the market will remain sensitive to weather in the coming months," said Marcela Duarte, an analyst at consultancy Safras & Mercado.

Arabica futures in New York fell more than 2 percent after the report, extending losses this month as traders priced in larger Brazilian exports in the first quarter of next year.

Farmers in Espirito Santo, the largest robusta-growing state, reported lower yields after a hot and dry spell in September, Conab said.

Brazil exported a record 50 million bags in the 12 months to October, according to exporters' association Cecafe, with Germany and the United States the largest buyers.

The next crop, which will be harvested from May 2027, is flowering well so far, agronomists say, although the weather in December and January will be decisive.""",
    ),
    # ------------------------------------------------------------------ glr
    dict(
        key="glr-japan-summit",
        outlet="glr",
        path="/en/economy/japan-unveils-3-trillion-yen-business-plan-for-central-asia",
        title="Japan unveils 3 trillion yen business plan for Central Asia",
        published="2026-11-21T19:30:00+05:00",
        authors=["Aziz Rakhimov"],
        section="Economy",
        event="japan-ca-summit-2026",
        body="\n\n".join(_glr[1:]),
        # clutter inserted by the GLR template, positions are paragraph indexes
        read_also=[(2, "glr-korday"), (5, "glr-tapi")],
        caption=("Leaders of Japan and five Central Asian countries at the first Central Asia–Japan "
                 "summit in Tokyo on Saturday", "Photo: Kyodo/AFP"),
    ),
    dict(
        key="glr-uzbek-deals",
        outlet="glr",
        path="/en/business/japanese-firms-sign-uzbek-deals-a-day-after-tokyo-summit",
        title="Japanese firms sign $1.2 billion in Uzbek deals a day after Tokyo summit",
        published="2026-11-22T16:45:00+05:00",
        authors=["Aziz Rakhimov"],
        section="Business",
        event="japan-uzbekistan-deals-2026-11-22",
        read_also=[(3, "glr-japan-summit")],
        caption=("Uzbek and Japanese officials exchange documents at the business forum in Tokyo",
                 "Photo: Uzbek Ministry of Investment/AFP"),
        body="""Japanese companies signed agreements worth about $1.2 billion with Uzbek partners on Sunday, the first concrete deals since Tokyo set out a five-year target for business projects in Central Asia at a summit the day before.

The eleven agreements were signed at a Japan–Uzbekistan business forum in Tokyo attended by Uzbekistan's Minister of Investment, Industry and Trade Laziz Kudratov and about 300 company executives, the ministry said in a statement.

The largest deal, worth $430 million, covers the construction of a combined-cycle gas power plant in the Syrdarya region by a consortium led by Japanese engineering group Hokuto Engineering with Uzbek state utility Thermal Power Plants.

A Japanese trading house, Kiyomizu Trading, agreed with the Almalyk mining and metallurgical complex to study a plant for processing copper concentrate and recovering rare metals such as rhenium and molybdenum, a project valued at $280 million in its first phase.

Other agreements cover a joint venture to assemble hybrid buses in Samarkand, a cold-storage network for fruit and vegetable exports, and hospital equipment for Tashkent, the ministry said.

Japan's state-backed lender JBIC signed a memorandum to provide up to $300 million in loans to Uzbek commercial banks for on-lending to small and medium-sized companies.

The deals are part of the follow-up to Saturday's summit, where Japan announced it aimed to generate business projects worth 3 trillion yen, or about $19 billion, in the five Central Asian countries over five years. Officials said Uzbekistan, the most populous country in the region, hoped to secure a third of that amount.

Japanese investment in Uzbekistan has so far been modest compared with that of China, Russia and Turkey, and Japanese executives have cited currency convertibility and logistics costs as obstacles.""",
    ),
    dict(
        key="glr-korday",
        outlet="glr",
        path="/en/region/kazakhstan-and-kyrgyzstan-reopen-upgraded-korday-crossing",
        title="Kazakhstan and Kyrgyzstan reopen upgraded Korday crossing",
        published="2026-11-20T10:15:00+05:00",
        authors=["Aigerim Tulegenova"],
        section="Region",
        event="korday-crossing-2026-11",
        read_also=[(2, "glr-tapi")],
        caption=("Trucks queue at the Korday checkpoint on the Kazakh–Kyrgyz border", "Photo: GLR"),
        body="""Kazakhstan and Kyrgyzstan on Friday reopened the Korday–Ak-Jol border crossing after a year-long reconstruction that officials say will cut waiting times for trucks from days to hours.

The crossing, the busiest on the 1,200-kilometre border between the two countries, now has 24 lanes for cars and 16 for lorries, up from eight and six, as well as scanners that allow customs officers to inspect cargo without unloading it, Kazakhstan's State Revenue Committee said.

The upgrade cost about 18 billion tenge ($35 million) on the Kazakh side and was partly financed by the Asian Development Bank.

Queues of several kilometres at Korday have been a recurring problem, particularly in autumn when Kyrgyz fruit and vegetables head north to Kazakhstan and Russia. In 2019 Kazakhstan tightened border controls for months during a political dispute, leaving hundreds of trucks stranded.

Drivers will now be able to book a time slot online, and the two countries plan to introduce joint inspections next year, so that goods are checked only once, Kyrgyzstan's customs service said.

Kyrgyzstan, a member of the Eurasian Economic Union along with Kazakhstan, relies heavily on its northern neighbour for transit. Trade between the two countries reached $2.3 billion last year.

Business groups in both countries welcomed the reopening but said the real test would come next autumn, when the flow of agricultural produce peaks. "Infrastructure was only half of the problem; the other half is paperwork," said Temirlan Seitkali of the Kazakh freight forwarders' association.""",
    ),
    dict(
        key="glr-tapi",
        outlet="glr",
        path="/en/energy/turkmenistan-says-tapi-pipeline-has-reached-herat",
        title="Turkmenistan says TAPI pipeline has reached Herat",
        published="2026-11-19T21:05:00+05:00",
        authors=["Aigerim Tulegenova"],
        section="Energy",
        event="tapi-herat-2026-11",
        read_also=[(1, ("Turkmenistan raises gas exports to China by a fifth", "/en/energy/turkmenistan-raises-gas-exports-to-china-by-a-fifth"))],
        body="""Turkmenistan said on Thursday that construction of the TAPI gas pipeline has reached the western Afghan city of Herat, a milestone for a project that has been discussed for three decades.

State news agency TDH said welders had joined the section running 153 kilometres from the Serhetabat border crossing to Herat, and that compressor equipment would be installed by the end of next year.

The Turkmenistan–Afghanistan–Pakistan–India pipeline is designed to carry 33 billion cubic metres of gas a year from Turkmenistan's giant Galkynysh field to South Asia. Its Turkmen section was completed in 2018, but work in Afghanistan stalled for years because of security concerns and financing problems.

Afghanistan's Taliban authorities, who are not recognised by most of the world, have backed the project, which would earn them transit fees and give them access to gas for power generation.

Analysts remain sceptical that the pipeline will be extended to Pakistan and India soon, given tensions between the two countries and the cost of building through southern Afghanistan.

Turkmenistan, which holds some of the world's largest gas reserves, currently sells most of its exports to China and has been seeking to diversify its customers.

Officials in Ashgabat said the next section, from Herat towards Kandahar, would be financed partly by the Islamic Development Bank, but did not say when construction would begin or how much it would cost.

The pipeline's price tag was estimated at about $10 billion when the project was launched in 2015.""",
    ),
    # ------------------------------------------------------------------ qazaq-times
    dict(
        key="qt-japan-summit",
        outlet="qazaq-times",
        path="/news/politics/tokayev-takaichi-discuss-critical-minerals-at-first-central-asia-japan-summit",
        title="Tokayev, Takaichi discuss critical minerals at first Central Asia–Japan summit",
        published="2026-11-21T16:20:00+05:00",
        authors=["Saule Abenova"],
        section="Politics",
        event="japan-ca-summit-2026",
        lead="President Kassym-Jomart Tokayev took part in the first summit of the Central Asia plus Japan dialogue in Tokyo on Saturday.",
        caption=("President Tokayev at the Central Asia–Japan summit in Tokyo", "Photo: Akorda"),
        body="""Addressing the leaders, the Kazakh President said the summit opened a new stage in relations between Japan and the region, which he described as a bridge between Europe and Asia.

Tokayev proposed setting up a joint working group on critical minerals and rare earth metals, noting that Kazakhstan had explored deposits of more than 70 elements of the periodic table and was ready to offer Japanese companies projects covering the whole chain, from geological exploration to processing.

The President also called for wider use of the Trans-Caspian International Transport Route, which runs through Kazakhstan and the Caspian Sea towards the South Caucasus, Türkiye and Europe, saying cargo volumes on the corridor had grown fivefold since 2022.

At the end of the summit, the leaders of Japan, Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan adopted a joint statement. Japan set a target of business projects worth 3 trillion yen, or about $19 billion, in the region over the next five years.

The statement also covers cooperation in decarbonisation, the development of artificial intelligence, and the training of engineers and medical staff.

Before the summit, Tokayev met Prime Minister Sanae Takaichi for bilateral talks. The two leaders discussed Japanese participation in the modernisation of Kazakhstan's power grid and in projects to produce synthetic fuels.

Trade between Kazakhstan and Japan amounted to $2.1 billion last year. More than 60 companies with Japanese capital operate in Kazakhstan.""",
    ),
    dict(
        key="qt-nbk-nov",
        outlet="qazaq-times",
        path="/news/economy/national-bank-of-kazakhstan-cuts-base-rate-to-16",
        title="National Bank of Kazakhstan cuts base rate to 16%",
        published="2026-11-20T12:10:00+05:00",
        authors=["Yerlan Dzhaksybekov"],
        section="Economy",
        event="nbk-base-rate-2026-11-20",
        lead="The National Bank of Kazakhstan lowered its base rate by 50 basis points to 16% on Friday, its first cut since early 2025.",
        body="""The regulator said annual inflation slowed to 10.9% in October from 11.6% in September as the effect of higher utility tariffs and fuel prices faded and food prices stabilised.

"The balance of risks has shifted towards disinflation, which makes it possible to begin a cautious easing of monetary policy," the National Bank said in a statement.

The decision was in line with the forecasts of most analysts polled by Qazaq Times, although some had expected the regulator to wait until January.

The National Bank kept the rate at 16.5% at its previous meeting in October, when it warned that inflation expectations of households remained high.

The regulator now expects inflation to slow to 9-11% by the end of 2026 and to 6.5-8.5% in 2027. It said further cuts were possible in 2027 if inflation continued to slow, but warned that fiscal stimulus and strong consumer lending remained risks.

The tenge was little changed after the announcement, trading at around 512 per dollar on the Kazakhstan Stock Exchange.

The next decision on the base rate is scheduled for January 16, 2027.""",
    ),
    dict(
        key="qt-nbk-oct",
        outlet="qazaq-times",
        path="/news/economy/national-bank-keeps-base-rate-at-16-5",
        title="National Bank keeps base rate at 16.5%",
        published="2026-10-09T12:05:00+05:00",
        authors=["Yerlan Dzhaksybekov"],
        section="Economy",
        event="nbk-base-rate-2026-10-09",
        lead="The National Bank of Kazakhstan left its base rate unchanged at 16.5% on Friday, saying inflation remained well above its target.",
        body="""Annual inflation stood at 11.6% in September, slowing only slightly from 11.9% in August, as higher utility tariffs and fuel prices continued to feed through to consumer prices, the regulator said in a statement.

"Inflationary pressure remains elevated, and households' inflation expectations have not yet declined," the National Bank said, adding that it saw no room to ease policy at this meeting.

All analysts polled by Qazaq Times had expected the rate to stay on hold.

The National Bank raised the rate to 16.5% in March and has kept it there since, one of the highest levels in the region. Business associations have complained that expensive credit is holding back investment, while the government has been expanding subsidised lending programmes.

The regulator said it could consider lowering the rate before the end of the year if inflation slowed in line with its forecast and the budget deficit did not widen further.

The tenge weakened slightly after the announcement, to around 515 per dollar.

The next base rate decision is due on November 20.

Economists said the regulator was likely to wait for October inflation data before changing course. "The tone of the statement was less hawkish than in the summer, which opens the door to a cut in November," said Aidos Nurlanov, chief economist at a brokerage in Almaty.""",
    ),
    dict(
        key="qt-grain",
        outlet="qazaq-times",
        path="/news/economy/kazakhstans-grain-harvest-tops-25-million-tonnes",
        title="Kazakhstan's grain harvest tops 25 million tonnes",
        published="2026-11-19T09:40:00+05:00",
        authors=["Saule Abenova"],
        section="Economy",
        event="kz-grain-harvest-2026",
        caption=("Harvest in the Kostanay region", "Photo: Ministry of Agriculture"),
        body="""Kazakhstan has harvested 25.4 million tonnes of grain and legumes in bunker weight this year, the second-largest crop in its history after last year's record, the Ministry of Agriculture said on Thursday.

Wheat accounts for 18.9 million tonnes of the total, with the three northern regions of Kostanay, Akmola and North Kazakhstan producing more than two-thirds of the crop, the ministry said.

Average yields reached 1.5 tonnes per hectare, helped by good spring moisture, although heavy rains in September delayed the harvest in parts of the north and reduced the quality of some of the grain.

Officials said about 40% of the wheat met the requirements of the third class, the main grade for milling and export, compared with more than half last year.

The government expects exports of grain and flour to reach 11 million tonnes in the current marketing year, which runs until June. Central Asian neighbours and Afghanistan remain the main buyers of Kazakh flour, while China, Iran and Türkiye are the largest markets for wheat.

Farmers have asked the authorities to increase purchases for the state reserve and to subsidise rail transport to distant ports, saying prices on the domestic market have fallen below production costs in some regions.

Deputy Prime Minister Serik Zhumangarin said the state Food Contract Corporation would buy an additional 1 million tonnes of wheat at fixed prices.""",
    ),
    # ------------------------------------------------------------------ silkroad-review
    dict(
        key="sr-xi-june",
        outlet="silkroad-review",
        path="/analysis/2026/06/what-xi-jinpings-state-visit-to-astana-delivered",
        title="What Xi Jinping's state visit to Astana delivered",
        published="2026-06-19T08:00:00+05:00",
        authors=["Nodira Yusupova"],
        section="Analysis",
        event="xi-astana-state-visit-2026-06",
        body="""Chinese President Xi Jinping left Astana on Thursday after a two-day state visit that produced 34 agreements, a pledge to raise bilateral trade to $50 billion and a new joint venture to process Kazakh rare earths in China's Inner Mongolia.

It was Xi's sixth trip to Kazakhstan, the country where he first announced the Belt and Road Initiative in 2013, and his first foreign visit since the spring. President Kassym-Jomart Tokayev received him with a full state ceremony at the Akorda palace.

The headline numbers are large, but most of the documents are framework agreements. The rare earths venture, between Kazakhstan's Tau-Ken Samruk and a Chinese state company, is the exception: it has a site, a budget of $1.1 billion and a start date of 2028.

For Astana, the visit was also about transport. The two sides agreed to complete a third cross-border railway line and to expand the dry port at Khorgos, through which most container trains between China and Europe pass. Kazakh officials want more of that traffic to stay in Kazakhstan as processing and assembly work.

Beijing, for its part, secured a long-term supply contract for natural uranium and a commitment to expand wheat exports to China, a request of Kazakh farmers who have struggled to find markets.

What the visit did not produce is also telling. There was no agreement on a new gas pipeline through Kazakhstan, and no mention of a Chinese role in Kazakhstan's first nuclear power plant, which Russia's Rosatom is set to lead.

Tokayev's balancing act between Moscow, Beijing and Western partners remains intact. Kazakhstan hosted the EU and US leaders this year as well, and its officials are keen to point out that Chinese companies account for only a tenth of foreign direct investment in the country, far behind the Netherlands and the United States.""",
    ),
    dict(
        key="sr-smr",
        outlet="silkroad-review",
        path="/news/2026/11/uzbekistan-pours-first-concrete-for-small-nuclear-plant-in-jizzakh",
        title="Uzbekistan pours first concrete for small nuclear plant in Jizzakh",
        published="2026-11-20T14:30:00+05:00",
        authors=["Bekzod Ergashev"],
        section="News",
        event="uz-smr-first-concrete-2026-11",
        body="""Uzbekistan on Friday poured the first concrete for the reactor building of its first nuclear power plant in the Jizzakh region, formally starting the main construction phase of a project built by Russia's state nuclear company Rosatom.

The plant on the shore of Lake Tuzkan will initially consist of two RITM-200N small modular reactors with a combined capacity of 110 megawatts, according to Uzatom, the Uzbek nuclear energy agency. It will be the first land-based plant of this type built outside Russia.

Uzatom director Azim Akhmedkhadjaev said the first unit should be connected to the grid in 2030 and that the two countries were still negotiating two larger VVER-1000 units at the same site.

Uzbekistan's electricity demand has been growing by about 7% a year as the population expands and industry develops, and the country suffered a major blackout in January 2022. The government plans to add solar, wind and gas-fired capacity alongside nuclear power.

Environmental groups have questioned the choice of a site in an arid region, where water for cooling is scarce. Uzatom says the small reactors need significantly less water than conventional units and that the lake can supply the plant.

The project is financed by a Russian state loan. Moscow has been building nuclear plants in several countries of the former Soviet Union and the Middle East despite Western sanctions on the Russian economy.""",
    ),
    dict(
        key="sr-middle-corridor",
        outlet="silkroad-review",
        path="/news/2026/11/middle-corridor-container-traffic-on-track-for-record-year",
        title="Middle Corridor container traffic on track for record year",
        published="2026-11-19T11:00:00+05:00",
        authors=["Nodira Yusupova"],
        section="News",
        event="middle-corridor-volumes-2026",
        body="""Container traffic on the Trans-Caspian International Transport Route is on track for a record year, with volumes in the first ten months of 2026 up 38% from a year earlier, the route's international association said on Thursday.

The corridor, which links China with Europe through Kazakhstan, the Caspian Sea, Azerbaijan, Georgia and Türkiye, carried 92,000 twenty-foot equivalent units between January and October, the association said in a statement released in Aktau.

Freight has been shifting to the route, also known as the Middle Corridor, since 2022 as shippers seek to avoid Russia. But its capacity remains limited by the small number of ferries on the Caspian and by congestion at ports and border crossings.

Kazakhstan is expanding the container hub at the port of Aktau with help from Chinese and Emirati investors, while Azerbaijan is enlarging its port at Alat. New railway lines are being built in Kazakhstan to bypass bottlenecks in the west of the country.

The association said average transit time from the Chinese border to Georgia's Black Sea ports had fallen to 15 days from 23 days last year, thanks to a single digital platform for shipping documents.

Uzbekistan, Turkmenistan and Kyrgyzstan are also seeking to connect to the corridor, and the European Union has pledged 10 billion euros for transport links in Central Asia under its Global Gateway programme.""",
    ),
    # Entity-only coverage (issue 11): these name Central Asian companies, sites, cities, regions and a
    # currency, but no country, capital, leader or demonym, so only the gazetteer makes them relevant.
    dict(
        key="sr-qarmet-temirtau",
        outlet="silkroad-review",
        path="/news/2026/11/qarmet-commits-1-5-billion-to-rebuild-temirtau-blast-furnaces",
        title="Qarmet commits $1.5 billion to rebuild Temirtau blast furnaces",
        published="2026-11-18T10:20:00+05:00",
        authors=["Dana Abenova"],
        section="Business",
        event="qarmet-temirtau-investment-2026-11",
        body="""Qarmet, the steelmaker that took over the former ArcelorMittal Temirtau works in 2023, said on Wednesday it would spend $1.5 billion over five years rebuilding two of its blast furnaces and the coke ovens that feed them.

The programme is the largest investment at the Temirtau plant since it was built in the Soviet era. The company said it would raise annual steel output to 5.5 million tonnes by 2031 from about 3.6 million tonnes this year, and cut dust and sulphur emissions by a third.

Qarmet also runs eight coal mines in the Karaganda region, including shafts in Shakhtinsk, which supply coking coal to the furnaces. After a series of deadly accidents under the previous owner, the company has promised to install automatic gas monitoring in every mine by the end of next year.

"We are rebuilding a plant that many people had written off," chief executive Azamat Zhangulov told reporters at the works. "The furnaces are the heart of this city, and for years they have been beating irregularly."

About a third of the money will come from the state development holding Baiterek, which said its share would be lent in tenge at a subsidised rate. The rest is to be raised from export credit agencies and from the company's own cash flow.

Residents of Temirtau have long complained about air pollution from the plant, which sits on the edge of the city. The regional akimat said it would monitor emissions through a new network of sensors and publish the readings online every hour.

Steel analysts said the plan was realistic if coal supply from the mines could be stabilised. Output fell in the first half of the year after a methane outburst closed one of the deepest shafts for six weeks.""",
    ),
    dict(
        key="sr-nmmc-muruntau",
        outlet="silkroad-review",
        path="/news/2026/11/navoi-mining-lifts-gold-output-as-muruntau-pit-goes-deeper",
        title="Navoi Mining lifts gold output as Muruntau pit goes deeper",
        published="2026-11-21T12:15:00+05:00",
        authors=["Bekzod Ergashev"],
        section="Business",
        event="nmmc-gold-output-2026-11",
        body="""Navoi Mining and Metallurgical Company, one of the world's largest gold producers, said on Saturday its output rose 4 percent in the first ten months of the year as it pushed the Muruntau open pit deeper into the Kyzylkum desert.

The state-owned company, known as NMMC, produced 2.6 million troy ounces of gold between January and October. Most of it came from Muruntau, which at more than 600 metres deep is among the largest open-pit gold mines in the world and has been worked since the 1960s.

The company is spending about $2 billion on the fifth stage of the pit and on a processing plant near Zarafshan city that will treat low-grade ore from old stockpiles. Managers said the plant would start up in the second half of 2027.

NMMC has been preparing for a share listing in London for several years. Company officials said accounts audited under international standards had now been published for a third year in a row, a condition for a listing, but they gave no date.

Gold accounts for roughly a quarter of the country's exports, and the central bank buys most of the metal that is mined. The company said record prices had lifted its revenue to the equivalent of 95 trillion soums, helping to pay for wage increases of 15 percent for its 40,000 workers across the Navoi region.

Environmental groups have raised concerns about water use at the mines in one of the driest parts of the desert, where the company brings water from distant rivers through a long pipeline. NMMC said a new recycling system would cut its fresh water consumption by a fifth by 2029.""",
    ),
    # ------------------------------------------------------------------ steppe-daily
    dict(
        key="sd-china-ca-astana",
        outlet="steppe-daily",
        path="/news/politics/4468-astana-hosts-first-china-central-asia-heads-of-government-summit",
        mobile_alias="/m/4468",
        sd_id=4468,
        title="Astana hosts first China–Central Asia heads of government summit",
        published="2026-11-19T18:40:00+05:00",
        authors=["Ruslan Omarov"],
        section="Politics",
        event="china-ca-astana-hog-summit-2026-11",
        body="""Chinese Premier Li Qiang and the prime ministers of the five Central Asian states met in Astana on Thursday for the first China–Central Asia heads of government summit, agreeing to double trade between China and the region by 2031.

The meeting at the Palace of Independence was chaired by Kazakh Prime Minister Olzhas Bektenov. The heads of government of Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan also attended.

In a joint declaration, the six countries set a goal of raising annual trade to $150 billion. Trade between China and Central Asia reached about $95 billion last year, according to Chinese customs statistics.

The declaration includes a list of 42 joint projects in transport, energy, agriculture and industry. Among them are a second railway crossing at Bakhty in the East Kazakhstan region, logistics hubs in Uzbekistan and Kyrgyzstan, and a new line of the Central Asia–China gas pipeline.

Li Qiang said Chinese banks would open credit lines worth $8 billion for the projects. He also invited Central Asian companies to take part in an import expo in Shanghai next year.

Bektenov said Kazakhstan was particularly interested in easier access for its agricultural products to the Chinese market. The parties agreed to speed up veterinary and phytosanitary controls at the border.

Separately, the Kazakh and Chinese governments signed agreements on a wind farm in the Zhetysu region and a plant to produce polyethylene in Atyrau.

The next meeting of the heads of government will be held in Xi'an in 2027.""",
    ),
    dict(
        key="sd-almaty-metro",
        outlet="steppe-daily",
        path="/news/almaty/4471-almaty-metro-extension-to-kalkaman-opens",
        sd_id=4471,
        tracking_alias="?utm_source=rss&utm_medium=feed&utm_campaign=main",
        title="Almaty metro extension to Kalkaman opens",
        published="2026-11-21T11:00:00+05:00",
        authors=["Dana Kassymova"],
        section="Almaty",
        event="almaty-metro-extension-2026-11",
        body="""Almaty opened two new metro stations on Saturday, extending the city's single line westwards to the Kalkaman residential area and bringing the network to 13 stations.

The 4.2-kilometre extension from Boraldai to Kalkaman took five years to build and cost about 150 billion tenge, the city administration said. Trains began carrying passengers at 6 a.m., and travel was free for the first day.

Mayor Yerbolat Dossayev said the new section would serve about 120,000 residents of the western districts, many of whom currently spend more than an hour commuting to the city centre by bus.

Almaty's metro opened in 2011 after more than two decades of construction and carries about 80,000 passengers a day, far fewer than the city's buses. City officials hope the extension will help reduce traffic jams and winter smog, which is among the worst in the region.

Construction of a second metro line, running north from the city centre, is scheduled to begin in 2027, the administration said. The city is also building a light rail line to the airport.

Some residents complained on social media that the new stations lacked parking and bus connections. The administration said new bus routes to the stations would be launched in December.""",
    ),
    dict(
        key="sd-npp",
        outlet="steppe-daily",
        path="/news/energy/4470-kazakhstan-issues-site-permit-for-first-nuclear-power-plant",
        sd_id=4470,
        redirect_alias="/go/4470",
        title="Kazakhstan issues site permit for first nuclear power plant",
        published="2026-11-20T15:25:00+05:00",
        authors=["Ruslan Omarov"],
        section="Energy",
        event="kz-npp-site-permit-2026-11",
        body="""Kazakhstan's nuclear regulator has issued a site permit for the country's first nuclear power plant near the village of Ulken on Lake Balkhash, the Ministry of Energy said on Friday, clearing the way for preparatory construction work.

The plant is to be built by Russia's state nuclear corporation Rosatom and will consist of two VVER-1200 reactors with a total capacity of 2.4 gigawatts. The first unit is due to start operating in 2035, the ministry said.

The permit was issued after two years of engineering surveys and seismic studies at the site, which officials said had confirmed that it was suitable for a nuclear facility.

Kazakhstanis approved the construction of a nuclear plant in a referendum in October 2024, with 71% of voters in favour. The government argues that nuclear power is needed to replace ageing coal-fired plants, which generate most of the country's electricity.

Critics have raised concerns about the environmental impact on Lake Balkhash and about dependence on Russian technology. The government has also said it plans to build a second and third nuclear plant with Chinese partners.

Almaz Nurpeisov, head of the Kazakhstan Nuclear Power Plants company, said preparatory work, including roads, a power line and a construction workers' camp, would begin in the spring.

Kazakhstan is the world's largest producer of uranium but has had no nuclear power generation since the closure of a Soviet-era fast breeder reactor in Aktau in 1999.""",
    ),
    dict(
        key="sd-winter-explainer",
        outlet="steppe-daily",
        path="/explainers/4402-winter-tyres-chains-and-fines-what-drivers-in-kazakhstan-need-to-know",
        sd_id=4402,
        title="Winter tyres, chains and fines: what drivers in Kazakhstan need to know",
        published=None,
        authors=[],
        section="Explainers",
        event="kz-winter-driving-explainer",
        body="""Winter arrives early on Kazakhstan's roads, and every year traffic police report a sharp rise in accidents after the first snowfall. Here is what the rules say about tyres, speed and fines.

## Are winter tyres compulsory?

Kazakhstan's technical regulations require winter tyres on passenger cars and light trucks from November 1 to March 31 in most regions. Tyres must carry the snowflake or M+S marking, and the tread depth must be at least 4 millimetres. Studded tyres are allowed throughout the winter period.

## What is the fine?

Driving on summer tyres during the winter period is punishable by a fine of 10 monthly calculation indices, which comes to about 43,000 tenge in 2026. Repeat offences within a year are fined at 20 indices.

## Do I need chains?

Chains are not compulsory, but they are recommended for mountain roads, including the road to the Shymbulak ski resort and passes on the Almaty–Bishkek and Taraz–Shymkent routes. Police may close some mountain roads to vehicles without chains during snowfalls.

## Which roads close in winter?

The Kazakhstan Highways company publishes closures on its website and mobile application. In strong winds and snowstorms, sections of the Astana–Karaganda, Astana–Pavlodar and Kostanay highways are often closed, and drivers are directed to heating points along the route.

## What should be in the car?

Police recommend carrying a shovel, a tow rope, warm clothes, water and a charged phone, and keeping the fuel tank at least half full on long trips across the steppe.""",
    ),
    dict(
        key="sd-sponsored",
        outlet="steppe-daily",
        path="/sponsored/4469-partner-content-why-investors-are-looking-at-kazakh-real-estate",
        sd_id=4469,
        fault="robots_disallowed",
        title="Partner content: why investors are looking at Kazakh real estate",
        published="2026-11-20T09:00:00+05:00",
        authors=["Partner content"],
        section="Sponsored",
        event="sponsored-real-estate",
        body="""Residential property prices in Astana and Almaty have risen steadily over the past three years, attracting buyers from Russia, China and the Gulf as well as local investors, according to a market review prepared by our partner, a regional real estate developer.

The developer says demand for business-class apartments in Astana's Left Bank district outstrips supply, with new projects selling out before construction is completed and rental yields reaching 8-9% a year.

Mortgage lending remains expensive because of high interest rates, but state programmes offer subsidised loans to first-time buyers and public sector employees, the review notes.

Buyers are advised to check the developer's licence and the escrow arrangements that protect customers' payments under the law on shared construction.

This material was prepared with the support of our partner and is published as advertising.""",
    ),
    # ------------------------------------------------------------------ oasis-news
    dict(
        key="on-ferry",
        outlet="oasis-news",
        path="/news/2026/11/20/turkmenbashi-alat-ferry-line-adds-two-new-vessels",
        transient="http_429",
        title="Turkmenbashi–Alat ferry line adds two new vessels",
        published="2026-11-20T10:00:00+05:00",
        authors=["Maral Atayeva"],
        section="Transport",
        event="turkmenbashi-ferries-2026-11",
        body="""Turkmenistan's state maritime company has added two new ro-ro ferries to the line between the Caspian port of Turkmenbashi and Azerbaijan's Alat port, raising the number of weekly sailings from four to seven.

The ferries Berkarar and Ynanch, built at the Balkan shipyard in Turkmenbashi, can each carry 56 rail wagons or up to 60 trucks, the Ministry of Transport and Communications said on Friday.

The ministry said the new vessels would reduce waiting times for trucks at the port, which had reached several days in recent months as more cargo from Uzbekistan, Afghanistan and Tajikistan moved towards Türkiye and Europe through the Caspian.

Turkmenistan has been promoting the Turkmenbashi port, rebuilt in 2018 at a cost of about $1.5 billion, as an alternative gateway for Central Asian trade. Its container terminal handled 18% more cargo in the first ten months of the year than in the same period of 2025.

Azerbaijan is expanding its own fleet on the Caspian, and the two countries signed an agreement last year on joint tariffs for transit cargo.

The ministry said it planned to order two more ferries next year and to open a passenger line to the Kazakh port of Aktau in 2027.""",
    ),
    dict(
        key="on-galkynysh",
        outlet="oasis-news",
        path="/news/2026/11/21/galkynysh-turkmenistan-signs-drilling-contract-for-fourth-phase",
        transient="http_503",
        title="Galkynysh: Turkmenistan signs drilling contract for fourth phase",
        published="2026-11-21T09:30:00+05:00",
        authors=["Maral Atayeva"],
        section="Energy",
        event="galkynysh-phase4-2026-11",
        body="""Turkmenistan's state gas company Turkmengaz has signed a contract with a consortium of Chinese and Turkish companies to drill 90 wells in the fourth phase of development of the giant Galkynysh gas field, state media reported on Saturday.

The contract, signed in Ashgabat, also includes the construction of a gas treatment plant with a capacity of 10 billion cubic metres a year, according to the report. Its value was not disclosed.

Galkynysh, in the south-east of the country, is considered one of the largest gas fields in the world. The first three phases of its development supply gas to China through the Central Asia–China pipeline, which passes through Uzbekistan and Kazakhstan.

The fourth phase is intended to increase deliveries to China and to fill the TAPI pipeline towards Afghanistan, Pakistan and India once it is completed, officials said.

Turkmenistan exported about 40 billion cubic metres of gas to China last year. The two countries have discussed a fourth line of the pipeline, known as Line D, for more than a decade, but construction has not yet started.

President Serdar Berdimuhamedov said at a government meeting this week that the country aimed to raise gas production to 90 billion cubic metres a year by 2030.""",
    ),
]
