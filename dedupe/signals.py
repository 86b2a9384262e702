"""Language-independent signals of one article: gazetteer entities, numbers, counted quantities,
dates mentioned, normalised title.

- **Entities** through the gazetteer. Kazakh and Uzbek glue case endings to names
  ("Тоқаевтың", "Toshkentda", "Qazaqstannyñ"), which the matcher does not strip, so a
  Kazakh or Uzbek text is matched a second time with each word cut back to a gazetteer name
  word when what is cut off is a chain of endings.
- **Numbers** and **counted quantities** (dead, injured, evacuated, houses, megawatts…): numbers.py.
- **A cause explained**: the headline or lead says what caused something ("the cause was a burst
  pipe", «причиной аварии назвали коррозию», "apattyñ sebebı", «сабаб бўлган»): a report on an earlier
  happening, not a new one (decide.py's later-day rule).
- **A new action**: the kinds of action a headline reports (an arrest, charges, a dismissal, a
  suspension, compensation): a later headline with a kind the earlier lacks is a follow-up (decide.py).
- **Dates mentioned**: the days the text says things happened ("on Tuesday", "21 November",
  "21 ноября", "21-noyabr", "наурыздың 12-сі", "yesterday"), apart for the title and lead
  paragraph. The article's own publication date is not known here: weekdays and dates without a
  year are stored as written and resolved against it when the decision Doc is built (features.py).

Counted quantities and dates travel with the numbers (``Signals.numbers``) as tagged strings
("count:dead 7 ppl", "date:lead wd2"), so they are stored and reloaded with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsmon.core.gazetteer import gazetteer
from newsmon.core.terms import fold
from newsmon.core.turkic import is_turkic
from newsmon.dedupe.numbers import WORD_NUMBERS, extract_numbers, extract_quantities
from newsmon.dedupe.places import place_tags

COUNT_TAG, DATE_TAG, LEAD_COUNT_TAG, CAUSE_TAG = "count:", "date:", "leadcount:", "lead:cause"
RISE_TAG = "lead:rise"  # the headline or lead says a count rose (reports_rise)
MINUTE_TAG = "lead:minute "  # + a minute past the hour the headline or lead names (clock_minutes)
SCORE_TAG = "lead:score "  # + a match score the headline or lead names, low-high ("1-2"; match_scores)
TERM_TAG = "lead:term "  # + a prison term the headline or lead states ("5y", "6.5y", "18m"; prison_terms)
PERSON_TAG = "lead:person "  # + the country of a person of the gazetteer the headline or lead names
ORG_TAG = "lead:org "  # + the country of a national body (a central bank, a parliament…) the headline or lead names
AMOUNT_TAG = "lead:amount "  # + a sum (10^5 or more) the headline or lead states
OTHER_AMOUNT_TAG = "other:amount "  # + a sum a sentence states as another deal's ("a separate $7.4 billion project")
LEVEL_TAG = "head:level "  # + who meets or signs, as the headline says: "ministers" or "leaders" (meeting_levels)
POST_TAG = "head:post "  # + a post the headline says someone was appointed to or removed from (appointed_posts)
# bare: the headline was read; "head:acts arrest": one kind found. (Renamed from "head:action", then from
# "head:act", when the kinds grew: articles stored with an older, shorter list read as not read, and raise
# no action cost.)
ACTION_TAG = "head:acts"


@dataclass
class Signals:
    entities: dict[str, int] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)


def title_key(title: str) -> str:
    return " ".join(re.findall(r"\w+", fold(title)))


# ----------------------------------------------------------------------------- Kazakh / Uzbek names

def find_entities(text: str, language: str | None = None, turkic: bool | None = None) -> dict[str, int]:
    """Gazetteer entities and how often the text names them; Kazakh/Uzbek words (language kk/uz,
    or judged from the text when unknown; ``turkic`` when the caller has judged it) are matched
    with their case endings cut off (TermMatcher's turkic mode, as for relevance and alert rules)."""
    return gazetteer().find(text, is_turkic(text, [language]) if turkic is None else turkic)


# ----------------------------------------------------------------------------- a cause explained

# Words that name a cause or ask why, in en/ru/kk/uz/ky/tg (matched on lower case). Left out: "causing"
# ("causing no injuries"), «причинённый» (damage caused), and the conjunctions "because of"
# (Uzbek "sababli", Kazakh "sebebınen"): a first report says those as often as a later one.
_CAUSE = re.compile(r"\b(?:caused by|the cause|causes? of|blamed?\b|blames\b|why\b|почему\b|причин(?![её]н)"
                    r"|себеб(?!інен)|sebeb(?!ınen|inen)|неге\b|nege\b|сабаб(?!ли)|sabab(?!li)|себеп|sebep|чаро\b)")


def explains_cause(title: str, text: str) -> bool:
    """Does the headline or lead say what caused something (or ask why)?"""
    return bool(_CAUSE.search(headline_and_lead(title, text).lower()))


# Verbs that say a figure rose, in en/ru/kk/uz/ky/tg (lower case): "toll rises to 6, driver detained"
# updates its story although its headline also reports an action; "detains director after blast that
# killed 10" states the final toll of what it follows.
_RISE = re.compile(r"\b(?:rises|rose|risen|climbs|climbed|jumps|jumped|mounts|mounted)\b|\bup to \d"
                   r"|возрос|вырос|увеличил|достигл|\bдостиг\b|артты|өсті|жетті|көбейді|\bartt[yı]|\böst[iı]|\bjett[iı]"
                   r"|köbeid|oshdi|ko.paydi|\byetdi|ошди|кўпайди|\bетди|өстү|жетти|көбөйдү|расид|афзуд")


# A time of day ("03:17", "3:17 a.m.", «в 14:08»): the minute past the hour is the same in every time
# zone of the region's readers (UTC+3 … +8), so a quake at 04:12 Bishkek time is the 03:12 Tashkent one.
# Minutes on a multiple of five are a schedule ("at 10:00", "from 14:30"), not a happening's moment.
_CLOCK = re.compile(r"(?<![\d.,:])(?:[01]?\d|2[0-3]):([0-5]\d)(?![\d:])")


def clock_minutes(title: str, text: str) -> set[int]:
    """The minutes past the hour of the exact times of day the headline or lead names."""
    return {int(m[1]) for m in _CLOCK.finditer(headline_and_lead(title, text)) if int(m[1]) % 5}


# A match score: "2:1", «— 0:1», "2:1 эсебинде" (a colon and one digit after it: "9:05" is a time), or
# with a hyphen after a result word ("won 2-1", "lost 1-0 at home", "a 3-0 win"), not a range ("10-15 %").
_SCORE_COLON = re.compile(r"(?<![\d:])(?<!\d[.,])(\d{1,2}):(\d)(?![\d:]|[.,]\d)")
_SCORE_WORD = re.compile(r"\b(?:won|wins?|winning|beat|beats|beaten|beating|lost|loses?|lose|losing|drew|draws?|drawing|"
                         r"victory|defeat|thrash\w*|edged?|routed?|held)\b\D{0,40}?(?<![\d.,])(\d{1,2})[-–](\d{1,2})(?![\d%]|[.,]\d)"
                         r"|(?<![\d.,-])(\d{1,2})[-–](\d{1,2})\s+(?:win|victory|defeat|loss|draw|home win|away win)\b", re.I)


def match_scores(title: str, text: str) -> set[str]:
    """The match's score, as "low-high" (a 2:1 win is the 1:2 defeat): the first the headline and lead
    name; a later one is background ("lost 1-0 at home, four days after beating Altyn Asyr 2-1")."""
    lead = headline_and_lead(title, text)
    found = [(m.start(), m[1], m[2]) for m in _SCORE_COLON.finditer(lead)]
    found += [(m.start(), *((m[1], m[2]) if m[1] is not None else (m[3], m[4]))) for m in _SCORE_WORD.finditer(lead)]
    if not found:
        return set()
    _, x, y = min(found)
    return {"-".join(sorted((str(int(x)), str(int(y))), key=int))}


# A prison term: a number (digits or a number word, any case ending; "and a half") and a year or month word,
# with a sentencing word within 60 characters; not a maximum ("faces up to ten years", «грозит до 10 лет»).
_NUMBER_WORDS = "|".join(sorted(map(re.escape, WORD_NUMBERS), key=len, reverse=True))
_TERM = re.compile(r"(?<![\w.,])(?P<n>\d{1,2}(?:[.,]5)?|" + _NUMBER_WORDS + r")[\w'ʻ]*?"
                   r"(?P<half>[\s-]+(?:and a half|с половиной))?[\s-]+"
                   r"(?P<u>years?|months?|год\w*|лет\b|месяц\w*|жыл\w*|jyl\w*|jıl\w*|yil\w*|йил\w*|ай(?!ып)\w*|oy\w*|"
                   r"ой\w*|сол(?:а|и|ҳо)?\b|моҳ\w*)", re.I)  # (Kazakh «айыппұл» is a fine; Tajik «сол» a year)
_SENTENCING = re.compile(r"sentenc|jail|prison|imprison|convict|verdict|behind bars|penal colony|"
                         r"приговор|осужд|лишени\w* свобод|колони|заключени|срок|получил|"
                         r"сотта|үкім|кесил|жаза|бас бостандығ|bas bostandyğ|sottal|ükım|"
                         r"qamoq|қамоқ|ozodlikdan|озодликдан|hukm|ҳукм|абак|түрмө|zindon|зиндон|ҳабс|маҳрум|"
                         r"соттол|эркин\w* ажыра|өкүм", re.I)  # Kyrgyz: convicted, deprived of liberty, verdict
_MAXIMUM = re.compile(r"\b(?:up to|вплоть до|maximum|faces?|facing|грози\w*|предусматрива\w*|карается|"
                      r"жазаланады|jazalanady|jazolanadi|жазоланади|жазаланат)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[.;!?](?:\s|$)|\n")
_NOT_TERM_AFTER = re.compile(r"\s*(?:ago|old|назад|ранее|бұрын|oldin|мурун)\b", re.I)


def prison_terms(title: str, text: str) -> set[str]:
    """The prison terms the headline and lead state ("5y", "6.5y", "18m"): two verdicts of one court
    are two events, and one verdict's outlets state one term (an appeal's "cut from ten to eight years"
    states both)."""
    lead = headline_and_lead(title, text)
    out = set()
    for m in _TERM.finditer(lead):
        # the sentencing word within 60 characters, in the term's own clause
        before = _CLAUSE_BREAK.split(lead[max(0, m.start() - 60):m.start()])[-1]
        after = _CLAUSE_BREAK.split(lead[m.end():m.end() + 60])[0]
        if not _SENTENCING.search(f"{before}{m[0]}{after}") \
                or _MAXIMUM.search(lead[max(0, m.start() - 40):m.start()]) or _NOT_TERM_AFTER.match(lead, m.end()):
            continue
        n = m["n"].lower()
        value = float(n.replace(",", ".")) if n[0].isdigit() else WORD_NUMBERS[n]
        value += 0.5 if m["half"] else 0.0
        unit = "m" if m["u"].lower()[:2] in ("mo", "ме", "ай", "oy", "ой", "мо") else "y"
        out.add(f"{value:g}{unit}")
    return out


def body_countries(lead_entities: dict[str, int], types: frozenset[str] = frozenset({"org"})) -> set[str]:
    """The countries of the national bodies (gazetteer type org: a central bank, a parliament, an election
    commission) among a headline and lead's entities (``find_entities``): two countries' rate decisions on
    consecutive days are two. With ``types`` {"person"}: the countries of the people they name (one
    president's two hosts)."""
    return set(gazetteer().countries(lead_entities, types))


def reports_rise(title: str, text: str) -> bool:
    """Does the headline or lead say a figure rose (a developing story's update)?"""
    return bool(_RISE.search(headline_and_lead(title, text).lower()))


# ----------------------------------------------------------------------------- a follow-up's action

# What a headline says was done about a happening, by kind, in en/ru/kk/uz/ky/tg (lower case): a
# later headline with a kind the earlier one lacks reports a new happening of the storyline (an
# arrest after a blast, a fleet grounded after an emergency landing, a director dismissed after a
# blackout, a parliament ratifying what a visit signed, a bank's shares trading after its IPO was
# priced), not another version of the first. Headlines only: a lead mentions an arrest in passing.
_ACTIONS = {
    "arrest": r"\barrest|\bdetain|\bdetention\b|\bin custody\b|\bremanded\b|задерж|арестова|\bарест\w*|под страж"
              r"|ұстал|қамауға|тұтқында|\bqamau|ūstal|hibsga|qamoqqa|ushlandi|qo.lga olin|ҳибсга|қамоққа|ушланди"
              r"|қўлга олин|кармал|камакка|боздошт|\bҳабс",
    "charge": r"\bcharged\b|\bcharges\b|\bindicted\b|\bsentenced\b|\bjailed\b|\bconvicted\b|\bon trial\b"
              r"|обвинени|предъяв\w+ обвин|приговор|осужд|\bсуд(?:а|е|у|ом|ы)?\b|\bсот(?:қа|та|ы|у)?\b|айыпта"
              r"|\bsud(?:i|ga|da)?\b|ayblov|\bhukm|айблов|\bҳукм|айбдор",
    "dismissal": r"\bdismiss|\bsacked\b|\bfired\b|\bresign|\bsteps down\b|\brelieved of\b|removed from (?:his |her )?post"
                 r"|уволен|уволил|увольн|от должност|отставк|с должност|қызмет\w* босат|орнынан алын|qyzmet\w* bosat"
                 r"|lavozimidan|iste.fo|лавозимидан|истеъфо|кызмат\w* бошот|аз вазифа",
    "suspension": r"\bgrounded\b|(?<!the )\bgrounds\b(?! (?:for|of|that|to|and)\b)|\bsuspend|\brevok|\blicen[cs]e\b|\bfined\b|приостанов|отозва\w* лиценз"
                  r"|лишил\w* лиценз|штраф|\bhalt(?:s|ed)?\b|остановлен|остановил(?!ся|ась|ось|ись)|тыйым сал|тоқтат[ты]"
                  r"|айыппұл|to.xtat|тўхтат|jarima|жарима|токтот[ту]|ҷарима",
    # a federation's or league's penalty for what happened at a match (a stopped match is no sanction yet)
    "sanction": r"\bdisciplinary\b|\bwithout spectators\b|\bbehind closed doors\b|\bpoints? deduct|\bdeduct\w* \w+ points?|\bdocked \w+ points?"
                r"|без зрител|\bкдк\b|дисциплинар|дисквалифи|сня\w* \w* ?очк|көрерменсіз|körermensız|körermensiz"
                r"|tomoshabinsiz|томошабинсиз|көрүүчүсүз|тамошобинсиз|jazalad|жазалад",
    "compensation": r"\bcompensation\b|\bpayouts?\b|компенсац|выплат|өтемақы|kompensatsiya|tovon|товон|компенсация|ҷуброн",
    "ratification": r"\bratif|ратифи|ratifikats|ratifitsir|ratıfıkats",
    "appeal": r"\bappeal(?:s|ed)? (?:court|ruling|verdict|sentence|against)|\bappeals court|\bon appeal\b|апелляц|обжал"
              r"|apellyats|apelliats",
    "inauguration": r"\binaugurat|\bsworn in\b|\btakes (?:the )?oath\b|инаугурац|присяг|ант бер|ant ber|qasamyod|қасамёд",
    "debut": r"\btrading debut\b|\bdebut on\b|\bon (?:its |their |market |stock[- ]market |trading )*debut\b"
             r"|\bfirst day of trading\b|\bbegins? trading\b|торг\w* начал|начал\w* торг|первы\w* д\w* торгов"
             r"|дебют\w* на бирж|saudanyñ alğaşqy|саудасының алғашқы|savdoning birinchi|савдонинг биринчи"
             r"|алғашқы сауда күн|alğaşqy sauda kün|birinchi savdo kun|биринчи савдо кун",
    "protest": r"\bprotest|протест|митинг|забастов|наразылық|narazylyq|norozilik"
               r"|норозилик|нааразылык|эътироз",
}
_ACTION_RX = {kind: re.compile(rx, re.I) for kind, rx in _ACTIONS.items()}


def headline_actions(title: str) -> set[str]:
    """The kinds of action (arrest, charge, dismissal, suspension, a sports body's sanction, compensation,
    ratification, appeal, inauguration, a listing's debut, a protest) a headline reports."""
    low = title.lower()
    return {kind for kind, rx in _ACTION_RX.items() if rx.search(low)}


def action_tags(title: str) -> set[str]:
    """The headline's actions as stored tags, with the bare tag that says it was read."""
    return {ACTION_TAG} | {f"{ACTION_TAG} {kind}" for kind in headline_actions(title)}


# ----------------------------------------------------------------------------- an appointment's post

# A headline that appoints or removes someone, and the post: two such headlines of one day that name
# different posts (the foreign minister, the energy minister, a city's mayor) report two decrees, though
# each article recaps the other. Portfolios count only beside a word for minister; lower case, six languages.
_APPOINTS = re.compile(
    r"\bappoint|\bnam(?:es|ed)\b|\bnominat|\bnew\b|\bsucceed|\breplac|\bdismiss|\bfire[sd]\b|\bsacked\b|\bresign"
    r"|назнач|\bнов(?:ым|ый)\b|\bстал\b|\bсменил|освобожд|отставк|уволен|\bжаңа\b|тағайында|tağaiynd|\bjaña\b"
    r"|босатыл|bosatyl|tayinla|тайинла|\byangi\b|\bянги\b|ozod et|озод эт|дайындал|бошотул|таъйин|\bнави\b|сайланды|saylandi")
_MINISTER = re.compile(r"minister|министр|ministr|вазир|vazir|\bмид\b|\bмвд\b|\bмчс\b")  # a head of МИД is a minister
_PORTFOLIOS = {
    "energy": r"energy|энергетик|energetik",
    "foreign": r"foreign|иностранных дел|\bмид\b|сыртқы істер|syrtqy ister|sırtqy ıster|tashqi ishlar|ташқи ишлар|тышкы иштер|корҳои хориҷ",
    "finance": r"financ|финанс|қаржы|qarjy|moliya|молия",
    "economy": r"econom|эконом|iqtisod|иқтисод",
    "health": r"health|здравоохран|денсаулық|densaulyq|sog.liqni|соғлиқни|саламаттык|тандуруст",
    "education": r"education|образован|просвещ|білім|bilim|bılım|ta.lim|таълим",
    "agriculture": r"agricultur|сельск\w* хоз|ауыл шаруашылығ|auyl şaruaşylyğ|qishloq xo|қишлоқ хўж|айыл чарба|кишоварз",
    "defence": r"defen[cs]e|оборон|қорғаныс|qorğanys|mudofaa|мудофаа|коргоо",
    "interior": r"interior|внутренних дел|\bмвд\b|ішкі істер|ichki ishlar|ички ишлар|ички иштер|корҳои дохил",
    "justice": r"justice|юстици|әділет|ädılet|adliya|адлия",
    "transport": r"transport|транспорт",
    "culture": r"cultur|культур|мәдениет|mädeniet|madaniyat|маданият|фарҳанг",
    "emergencies": r"emergenc|чрезвычайн|\bмчс\b|төтенше|tötenşe|favqulodda|фавқулодда|өзгөчө кырдаал",
    "ecology": r"ecolog|environment|эколог|природн",
    "labour": r"labou?r|\bтруда\b|еңбек|eñbek|mehnat|меҳнат|эмгек",
    "industry": r"industr|промышлен|индустри|өнеркәсіп|sanoat|саноат",
    "trade": r"\btrade\b|торговл|сауда|savdo|савдо|соода",
    "digital": r"digital|цифров|цифрлық|raqamli|рақамли|санариптик",
    "sport": r"\bsports?\b|\bспорт",
}
_PORTFOLIO_RX = {k: re.compile(rx) for k, rx in _PORTFOLIOS.items()}
_LOCAL_HEAD = re.compile(r"\bmayor|\bмэр|\bаким|әкім|äkım|\bakim|hokim|хоким|ҳоким|governor|губернатор")
# The head of a national agency: "Elmira Sadykova to head tax service", «Налоговую службу возглавила …»,
# «Салык кызматын … жетектейт». Heading verbs count as an appointment only beside an agency.
_HEADS = re.compile(r"\bto head\b|\bwill head\b|\bheads\b|возглав|жетекте|басқар|basqar|boshqar|бошқар|раҳбарӣ")
_AGENCIES = {
    "tax": r"\btax|налог|салық|salyq|soliq|солиқ|салык|андоз",
    "customs": r"customs|таможен|таможн|кеден|keden|bojxona|божхона|бажы|гумрук",
    "central bank": r"central bank|national bank|нацбанк|национальн\w* банк|центробанк|ұлттық банк|ulttyq bank|"
                    r"markaziy bank|марказий банк|улуттук банк|бонки миллӣ",
    "prosecutor": r"prosecutor|прокурат|прокурор|prokuror|prokuratura",
    "security": r"security service|security committee|\bгкнб\b|\bкнб\b|\bұқк\b|\bdxx\b|\bсгб\b|национальной безопасности",
    "statistics": r"statistic|статисти",
    "anticorruption": r"anti-?corruption|антикорруп|сыбайлас жемқорлық|korrupsiya",
    "election commission": r"election commission|\bцик\b|избирком|сайлау комиссия|saylov komissiya|шайлоо комиссия",
    "audit": r"\baudit|счетн\w* палат|есеп комитет|hisob palata",
    "competition": r"antimonopoly|competition agency|антимонопол|конкуренци|raqobat",
}
_AGENCY_RX = {k: re.compile(rx) for k, rx in _AGENCIES.items()}


def appointed_posts(title: str) -> set[str]:
    """The posts a headline appoints someone to or removes someone from ("minister energy", "head tax" — a
    national agency's head, "mayor place:shymkent" — a mayor's, akim's, hokim's or governor's post with the
    place the headline names, or a bare "mayor" where it names none); empty when it reports no appointment."""
    low = title.lower()
    agencies = set() if _MINISTER.search(low) else {f"head {k}" for k, rx in _AGENCY_RX.items() if rx.search(low)}
    if not (_APPOINTS.search(low) or agencies and _HEADS.search(low)):
        return set()
    posts = {f"minister {k}" for k, rx in _PORTFOLIO_RX.items() if rx.search(low)} if _MINISTER.search(low) else agencies
    if _LOCAL_HEAD.search(low):
        g = gazetteer()
        places = {_place_key(e) for e in find_entities(title)
                  if e in g.entities and g.entities[e].type in ("capital", "city", "region", "town")}
        posts |= {f"mayor {p}" for p in places} or {"mayor"}
    return posts


# Who meets or signs, as a headline names them: ministers (a ministerial meeting, often the eve of a summit) or heads
# of state (the summit). Not a prime minister, who leads a government.
_MINISTERS = re.compile(r"(?<!prime )\bministers\b|\bминистры\b|\bминистров\b|министрлер|ministrler|ministrlar|министрлар"
                        r"|вазирон|vazirlar|вазирлар", re.I)
_LEADERS = re.compile(r"\bleaders\b|\bpresidents\b|\bheads of state\b|глав\w* (?:пяти |трёх |трех |двух |четырёх )?"
                      r"государств|\bпрезиденты\b|\bлидеры\b|мемлекет басшылары|memleket basşylary|davlat rahbarlari"
                      r"|давлат раҳбарлари|мамлекет башчылары|сарони (?:\w+ )?давлат|президенттер|prezidentlar|президентлар", re.I)


def meeting_levels(title: str) -> set[str]:
    """Who the headline says meets or signs: "ministers", "leaders", both or neither."""
    return {name for name, rx in (("ministers", _MINISTERS), ("leaders", _LEADERS)) if rx.search(title)}


def posts_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two headlines' appointments to posts none of which can be one: a bare "mayor" (no place named) fits
    any mayor's post."""
    def fits(p: str, q: str) -> bool:
        return p == q or p.startswith("mayor") and q.startswith("mayor") and "mayor" in (p, q)
    return bool(a and b) and not any(fits(p, q) for p in a for q in b)


def stored_actions(numbers: set[str]) -> frozenset[str] | None:
    """The kinds of action from stored tags; None for an article stored before headlines were read for them."""
    if ACTION_TAG not in numbers:
        return None
    return frozenset(n[len(ACTION_TAG) + 1:] for n in numbers if n.startswith(ACTION_TAG + " "))


# ----------------------------------------------------------------------------- dates mentioned

_MONTHS: dict[str, int] = {}
_EN_MONTH_NAMES: dict[str, int] = {}  # the full English names: the first word of each line
for _m, _stems in enumerate([
    "january jan январ yanvar қаңтар qañtar qańtar",
    "february feb феврал fevral ақпан aqpan",
    "march mar март mart наурыз nauryz naýryz",
    "april apr апрел aprel сәуір säuır sáýir",
    "may мая май mamyr мамыр",
    "june jun июн iyun маусым mausym maýsym",
    "july jul июл iyul шілде şılde shilde",
    "august aug август avgust тамыз tamyz",
    "september sept sep сентябр sentabr sentyabr қыркүйек qyrküiek qyrkúiek",
    "october oct октябр oktabr oktyabr қазан qazan",
    "november nov ноябр noyabr қараша qaraşa qarasha",
    "december dec декабр dekabr желтоқсан jeltoqsan",
], 1):
    for _s in _stems.split():
        _MONTHS[_s] = _m
    _EN_MONTH_NAMES[_stems.split()[0]] = _m
_EN_MONTH_WORDS = set(_EN_MONTH_NAMES) | {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                                          "dec"}
_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің", "nyñ", "nıñ", "dyñ", "dıñ", "tyñ", "tıñ", "nyń", "niń",
             "ning", "нинг")
_MONTH_ALT = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_LETTERS = r"[^\W\d_]"
_MONTH_FIRST = "".join(sorted({c for m in _MONTHS for c in (m[0], m[0].upper())}))
_MONTH = rf"(?=[{_MONTH_FIRST}])(?P<mon>{_MONTH_ALT}){_LETTERS}*"  # the lookahead only saves time
_DAY_SUFFIX = rf"(?:-?(?:st|nd|rd|th|го|е|{_LETTERS}{{1,5}}))?"
_YEAR_AFTER = r"(?:,?\s+(?P<y2>(?:19|20)\d{2})(?!\d))?"
_YEAR_BEFORE = r"(?:(?P<y1>(?:19|20)\d{2})[\s-]*(?:yil\w*|йил\w*|жыл\w*|jyl\w*|г\.|года?)?,?\s+)?"
_DAY_MONTH = re.compile(r"(?<![\d.,])(?=\d)" + _YEAR_BEFORE + rf"(?P<d>[0-3]?\d){_DAY_SUFFIX}[\s-]*{_MONTH}" + _YEAR_AFTER, re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}[\s-]+(?P<d>[0-3]?\d)(?![\d.,]\d){_DAY_SUFFIX}(?![\d]){_YEAR_AFTER}", re.I)

_WEEKDAYS: dict[str, int] = {}
for _d, _names in enumerate([
    # English, Russian, Kazakh (Cyrillic, two Latin alphabets), Uzbek, Kyrgyz, Tajik (Tajik Monday,
    # душанбе, is also the capital: left out)
    "monday понедельник дүйсенбі düisenbı dúısenbi dushanba душанба дүйшөмбү",
    "tuesday вторник сейсенбі seisenbı seısenbi seshanba сешанба шейшемби сешанбе",
    "wednesday среду сәрсенбі särsenbı sársenbi chorshanba чоршанба шаршемби чоршанбе",
    "thursday четверг бейсенбі beisenbı beısenbi payshanba пайшанба бейшемби панҷшанбе",
    "friday пятниц",
    "saturday суббот сенбі senbı senbi shanba шанба ишемби шанбе",
    "sunday воскресень жексенбі jeksenbı jeksenbi yakshanba якшанба жекшемби якшанбе",
]):
    for _n in _names.split():
        _WEEKDAYS[_n] = _d
_WEEKDAY_FIRST = "".join(sorted({c for w in _WEEKDAYS for c in (w[0], w[0].upper())}))
_WEEKDAY = re.compile(r"(?<![\w-])(?=[" + _WEEKDAY_FIRST + r"])(?P<wd>" + "|".join(sorted(map(re.escape, _WEEKDAYS), key=len, reverse=True))
                      + r")" + _LETTERS + r"*", re.I)
# Friday in Kazakh, Kyrgyz and Uzbek (жұма/жума/juma) is also a common word or a name: only with "day"
# after it (Tajik: "day" before it, «рӯзи ҷумъа»).
_FRIDAY_TURKIC = re.compile(r"(?<![\w-])(?:(?:жұма|jūma|juma|жума)\s+(?:күн|kün|kun|кун)|рӯзи\s+ҷумъа)", re.I)
_RELATIVE = {
    "yesterday": -1, "вчера": -1, "накануне": -1, "кеше": -1, "keşe": -1, "keshe": -1, "kecha": -1, "кеча": -1,
    "кечээ": -1, "дирӯз": -1,  # Kyrgyz, Tajik
    "today": 0, "сегодня": 0, "бүгін": 0, "bügın": 0, "búgin": 0, "bugun": 0, "бугун": 0, "бүгүн": 0, "имрӯз": 0,
}
_REL = re.compile(r"(?<![\w-])(?P<rel>" + "|".join(map(re.escape, _RELATIVE)) + r")(?![\w])", re.I)


# "since Sunday", «с воскресенья», «жекшембиден бери», "yakshanbadan beri": when a count began, not
# the day it reports (a Kyrgyz first report "27 ill since Sunday" and Monday evening's "64" are one outbreak).
_SINCE_BEFORE = re.compile(r"(?:\bsince|(?<![\w-])(?:с|со))\s+$", re.I)
_SINCE_AFTER = re.compile(r"^\s+(?:бери|бері|beri|berı)(?![\w])", re.I)


def _since(text: str, start: int, end: int) -> bool:
    return bool(_SINCE_BEFORE.search(text[max(0, start - 8):start]) or _SINCE_AFTER.match(text[end:end + 8]))


def _date_specs(text: str) -> list[tuple[int, str]]:
    """(position, spec) of every date mentioned: "y2026m3d11", "m3d11", "wd2", "rel-1"."""
    out: list[tuple[int, str]] = []
    spans: list[tuple[int, int]] = []
    for rx in (_DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in spans):
                continue
            mon_word = m["mon"]
            whole = re.match(r"[\w']+", text[m.start("mon"):]).group().lower()
            if mon_word.lower() == "may" and not mon_word[0].isupper() and text[m.start("mon") - 1] != "-":
                continue  # the English verb ("21 may have"); Uzbek writes "21-may"
            if len(mon_word) == 3 and whole != mon_word.lower() and mon_word.lower() not in ("июн", "июл"):
                continue  # "mar" inside another word ("marked"), «майор»; июн-/июл- only begin a month («июня», «июль»)
            if rx is _MONTH_DAY and not (whole in _EN_MONTH_WORDS or whole.endswith(_GENITIVE)):
                continue  # month before day: English ("March 12") or a Kazakh genitive ("наурыздың 12-сі")
            day = int(m["d"])
            if not 1 <= day <= 31:
                continue
            year = m.groupdict().get("y1") or m.groupdict().get("y2")
            month = _MONTHS[mon_word.lower()]
            spec = f"y{year}m{month}d{day}" if year else f"m{month}d{day}"
            out.append((m.start(), spec))
            spans.append((m.start(), m.end()))
    for m in _WEEKDAY.finditer(text):
        if not any(s <= m.start() < e for s, e in spans) and not _since(text, m.start(), m.end()):
            out.append((m.start(), f"wd{_WEEKDAYS[m['wd'].lower()]}"))
    for m in _FRIDAY_TURKIC.finditer(text):
        out.append((m.start(), "wd4"))
    for m in _REL.finditer(text):
        out.append((m.start(), f"rel{_RELATIVE[m['rel'].lower()]}"))
    return out


# A month named without a day: "the June border shooting", «после февральской аварии», "in May",
# "iyun oyida", "last month" / «в прошлом месяце». English months count capitalised only (the verb
# "may", "march"); Russian ones also as adjectives (февральской, майского).
_RU_MONTH_ADJ = {"май": 5, "мая": 5, "мае": 5, "маем": 5, "июн": 6, "июл": 7, "январск": 1, "февральск": 2, "мартовск": 3, "апрельск": 4, "майск": 5, "июньск": 6, "июльск": 7,
                 "августовск": 8, "сентябрьск": 9, "октябрьск": 10, "ноябрьск": 11, "декабрьск": 12}
_MONTH_WORD = re.compile(r"(?<![\w-])([^\W\d_]+)", re.U)
_LAST_MONTH = re.compile(r"\blast month|прошл\w+ месяц\w*|o'?tgan oy\w*|өткен ай\w*", re.I)


def month_mentions(text: str) -> set[str]:
    """Months the text names ("m6"), and "rel-month-1" for "last month"."""
    out = set()
    for m in _MONTH_WORD.finditer(text):
        w = m.group(1)
        low = w.lower()
        if low in _EN_MONTH_NAMES:
            if w[0].isupper():
                out.add(f"m{_EN_MONTH_NAMES[low]}")
            continue
        # May is a whole word only ("майор" is a major); июн-/июл- are safe prefixes.
        adj = _RU_MONTH_ADJ.get(low) or next((n for stem, n in _RU_MONTH_ADJ.items()
                                              if (len(stem) > 3 or stem in ("июн", "июл")) and low.startswith(stem)), None)
        if adj:
            out.add(f"m{adj}")
            continue
        if low.isascii() or len(low) < 3:
            stem = low if low in _MONTHS and len(low) > 3 else None  # Latin Kazakh/Uzbek month words
        else:
            stem = next((st for st in (low[:k] for k in range(len(low), 2, -1)) if st in _MONTHS and len(st) > 3), None)
        if stem and stem not in _EN_MONTH_WORDS:
            out.add(f"m{_MONTHS[stem]}")
    if _LAST_MONTH.search(text):
        out.add("rel-month-1")
    return out


def lead_length(title: str, text: str) -> int:
    """Characters of ``title\\ntext`` that make the headline and lead paragraph."""
    first = text.split("\n\n", 1)[0]
    if len(first) > 600:
        first = first[:600]
    return len(title) + 1 + len(first)


def headline_and_lead(title: str, text: str) -> str:
    """The headline and lead paragraph: the first ``lead_length`` characters of ``title\\ntext``."""
    return f"{title}\n{text}"[:lead_length(title, text)]


def date_mentions(title: str, text: str) -> set[str]:
    """Tagged date mentions: "date:lead <spec>" in the headline or lead paragraph, else "date:body <spec>"."""
    body = f"{title}\n{text}"
    lead_end = lead_length(title, text)
    out = set()
    for pos, spec in _date_specs(body):
        out.add(f"{DATE_TAG}{'lead' if pos < lead_end else 'body'} {spec}")
    return out


# ----------------------------------------------------------------------------- another deal's sum

# A sentence that sets a sum apart as another deal's: "hours after … agreed a separate $7.4 billion project",
# «Крупнейшим стало соглашение КТЖ … на 600 млн долларов», Kazakh «… 7,4 mlrd dollarlyq jobasynan bölek».
_OTHER_CUE = re.compile(
    r"\bseparate(?:ly)?\b|\banother\b|\blargest\b|\bbiggest\b|отдельн|\bдруго[ейм]\b|\bещ[её] одн|крупнейш|"
    r"бөлек|басқа|ең ірі|bölek|basqa|eñ ırı|eñ iri|alohida|алоҳида|boshqa|бошқа|eng yirik|энг йирик|өзүнчө|эң ири|\bдигар\b|бузургтарин", re.I)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+")
_MIN_SUM = 1e5


def _sums(text: str) -> set[str]:
    """The sums of 10^5 or more a text states, as values ("7.4e+09"): outlets write the unit differently.
    (``extract_numbers`` writes every value as a float, "value unit".)"""
    return {v for n in extract_numbers(text) if float(v := n.split(" ", 1)[0]) >= _MIN_SUM}


def other_sums(text: str) -> set[str]:
    """Sums stated in sentences that set them apart as another deal's or project's."""
    return {v for sent in _SENTENCE_SPLIT.split(text or "") if _OTHER_CUE.search(sent) for v in _sums(sent)}


def extract_signals(title: str, text: str, language: str | None = None) -> Signals:
    """Entities, numbers, counts and dates mentioned; language: the article's, when known."""
    body = f"{title}\n{text}"
    lead = headline_and_lead(title, text)
    numbers = extract_numbers(body)
    numbers |= {f"{COUNT_TAG}{kind} {value:g} {num}".rstrip() for kind, value, num in extract_quantities(body)}
    # The counts of the headline and lead, and a bare tag saying they were looked for (even if none).
    numbers |= {LEAD_COUNT_TAG} | {f"{LEAD_COUNT_TAG}{kind} {value:g}"
                                   for kind, value, _ in extract_quantities(lead)}
    numbers |= date_mentions(title, text)
    turkic = is_turkic(body, [language])  # judged once: entities and places read the same way
    numbers |= place_tags(title, text, len(lead), turkic)
    if explains_cause(title, text):
        numbers.add(CAUSE_TAG)
    if reports_rise(title, text):
        numbers.add(RISE_TAG)
    numbers |= {f"{MINUTE_TAG}{m}" for m in clock_minutes(title, text)}
    numbers |= {f"{SCORE_TAG}{m}" for m in match_scores(title, text)}
    numbers |= {f"{TERM_TAG}{t}" for t in prison_terms(title, text)}
    lead_entities = find_entities(lead, turkic=turkic)  # matched once for both tags
    numbers |= {f"{ORG_TAG}{c}" for c in body_countries(lead_entities)}
    numbers |= {f"{PERSON_TAG}{c}" for c in body_countries(lead_entities, frozenset({"person"}))}
    numbers |= action_tags(title)
    numbers |= {f"{POST_TAG}{post}" for post in appointed_posts(title)}
    numbers |= {f"{LEVEL_TAG}{level}" for level in meeting_levels(title)}
    numbers |= {f"{AMOUNT_TAG}{v}" for v in _sums(lead)} | {f"{OTHER_AMOUNT_TAG}{v}" for v in other_sums(text)}
    return Signals(entities=find_entities(body, language, turkic), numbers=numbers)


_UNITS = 20  # entity weights are multiples of 1/20


@lru_cache(maxsize=1)
def _weight_units() -> tuple[dict[str, int], int]:
    """Gazetteer weights as whole twentieths, so sums are integers: exact whatever the order of a
    set (a snapshot dedupe reloads entities in another order than the in-lock run computed them)."""
    g = gazetteer()
    units = {e: round(g.weight(e) * _UNITS) for e in g.entities}
    unknown = round(g.weight("") * _UNITS)
    if any(abs(u / _UNITS - g.weight(e)) > 1e-9 for e, u in units.items()):
        raise ValueError(f"gazetteer entity weights must be multiples of 1/{_UNITS}")
    return units, unknown


# A region, its city and its lake share a name ("Naryn", «Ысык-Көл облусу» and "Lake Issyk-Kul"); an
# article that names the region and one that names the city or lake by the bare name share the place.
_SAME_NAME_TYPES = ("region", "city", "river")


def _place_key(e: str) -> str:
    kind, _, slug = e.partition(":")
    return "place:" + slug if kind in _SAME_NAME_TYPES else e


def entity_overlap(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted Dice overlap of two entity sets (1 = the same entities, 0 = none shared); a region, a city
    and a lake of one name count as one place."""
    if not a or not b:
        return 0.0
    units, unknown = _weight_units()

    def weights(x: dict[str, int]) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in x:
            k = _place_key(e)
            out[k] = max(out.get(k, 0), units.get(e, unknown))
        return out

    wa, wb = weights(a), weights(b)
    shared = sum(min(wa[k], wb[k]) for k in wa.keys() & wb.keys())
    total = sum(wa.values()) + sum(wb.values())
    return 2 * shared / total if total else 0.0
