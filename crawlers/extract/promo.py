"""Promotional and navigational paragraphs inside article bodies, as a class.

"Follow us on <messenger>", newsletter and app prompts, "read also" lines, donation asks,
photo credits, advertising labels and "report a typo" lines, in English, Russian, Kazakh and
Uzbek (Latin and Cyrillic). A paragraph is judged on its wording *and* its structure:

* wording: who speaks to whom (an imperative or a "you" addressed to the reader, the outlet
  saying "our"/"us"), what about (a network or messenger, a channel or bot, a newsletter, an
  app or store, a donation), or a label that opens the line ("Photo:", "Реклама.", "See also:");
* structure: links to social networks, app stores or donation pages, a line that is mostly
  links, the whole paragraph wrapped in <em>/<strong>, a short paragraph, its position at the
  start or the end of the body.

Reported speech ("…, the ministry said", "according to its Telegram channel", "— заявил") is
news about such things, not a prompt: a prompt needs the outlet or the reader in it.

`promo_kind` works on text alone (what an extractor returns) and takes the structural signals
when the caller has the DOM; `element_promo_kind` reads them from an lxml element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

_APOS = re.compile(r"[ʻʼ’‘`´']")


def _norm(text: str) -> str:
    return " ".join(_APOS.sub("'", text.replace("\u00a0", " ")).split())


def _rx(*parts: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


# --- vocabulary ------------------------------------------------------------------------------

PLATFORM = _rx(
    r"telegram\w*", r"телеграм\w*", r"телеграмм\w*", r"\bтелег[аеиуой]\b", r"\btg\b", r"whats\s?app", r"ватсап\w*", r"вотсап\w*",
    r"viber", r"вайбер\w*", r"instagram\w*", r"инстаграм\w*", r"youtube\w*", r"ютуб\w*", r"facebook\w*",
    r"фейсбук\w*", r"tik\s?tok\w*", r"тикток\w*", r"twitter\w*", r"твиттер\w*", r"\bvk\b", r"\bвк\b",
    r"вконтакте", r"дзен\w*", r"\bdzen\b", r"одноклассник\w*", r"rutube", r"рутуб\w*", r"threads", r"linkedin",
    r"bluesky", r"discord\w*", r"дискорд\w*", r"google (news|новост\w*)", r"яндекс[.\s]?новост\w*",
    r"(?<=\bon )X\b", r"(?<=\bв )X\b", r"\bX\s*\(twitter\)", r"(?<![\w.])@[A-Za-z0-9_]{3,}\b",
)
CHANNEL = _rx(r"\bchannel\b", r"\bbot\b", r"\bcommunity\b", r"канал\w*", r"\bбот\w*", r"сообществ\w*",
              r"арна\w*", r"kanal\w*", r"каналимиз\w*", r"\bpage\b", r"страниц\w*", r"sahifa\w*", r"саҳифа\w*",
              r"network", r"соцсет\w*", r"социальных сет\w*", r"желі\w*", r"tarmoq\w*")
NEWSLETTER = _rx(r"newsletter", r"\bdigest\b", r"\binbox\b", r"\bbriefing\b", r"\bunsubscribe\b", r"\bno spam\b",
                 r"отписаться", r"без спама",
                 r"\b(our |\w+'s )?(weekly|daily|monthly|fortnightly|biweekly|free|sunday|morning|evening) (letter|email|e-mail)\b",
                 r"\bfirst sent to (readers|subscribers)\b", r"рассылк\w*", r"дайджест\w*",
                 r"электронн\w* почт\w*", r"на (вашу )?почту", r"\be-?mail\b", r"электрондық пошта\w*",
                 r"elektron pochta\w*", r"\bpochta\w*", r"\bdayjest\w*", r"\bдайжест\w*",
                 r"elektrondy poşta\w*", r"\be-?poşta\w*", r"\bэ-?пошта\w*", r"\btaratylym\w*", r"таратылым\w*")
APP = _rx(r"\bapps?\b", r"\bapplication\b", r"\b(turn on|enable|switch on|allow) .{0,30}\balerts\b",
          r"приложени\w*", r"ilova\w*", r"илова\w*", r"қосымша\w*", r"qosymşa\w*",
          r"app ?store", r"google play", r"rustore", r"\bios\b", r"\bandroid\b", r"\bpush[- ]?(notifications?|alerts?)\b", r"уведомлени\w*", r"билдиришнома\w*",
          r"notifications?", r"bildirishnoma\w*", r"хабарландыру\w*")
DONATE = _rx(r"\bdonat\w*", r"\bmembership\b", r"becom\w* a (paying )?(member|supporter|patron|subscriber)", r"patreon",
             r"boosty", r"пожертв\w*", r"донат\w*", r"поддержите", r"поддерж\w* (нас|редакци\w*|издани\w*|проект\w*|"
             r"независим\w*|журналист\w*|«)", r"support (us|our|independent|the newsroom|journalism|local journalism|"
             r"quality journalism|this (site|website|work|reporting))", r"\bcontribut(e|ion)\b", r"\bhelp (us|keep)\b",
             r"помо(гите|чь) (нам|редакции|изданию|проекту|«)", r"\bchip in\b",
             r"қолда\w* келсе", r"станьте (нашим )?(патрон\w*|подписчик\w*|спонсор\w*|другом)",
             r"оформите (подписку|донат)", r"\bsubscribe (to support|today|now)\b", r"\btip jar\b",
             r"qo'llab-quvvatla\w*", r"қўллаб-қувватла\w*", r"қолдаңыз", r"қолдау көрсет\w*", r"\behson\w*",
             r"\bқайырымдылық\b", r"\bxayriya\w*", r"\bхайрия\w*",
             r"\bqolda[ñń]yz\b", r"\bqoldau kórset\w*", r"\bqoldau körset\w*",
             # a gift asked for ("Back Pamir Post with a monthly gift from $3", «ежемесячный взнос от 500 тенге»)
             r"\b(monthly|one-off|one-time|regular|recurring|small) (gift|contribution)s?\b", r"\bjournalism\b[^.]{0,40}\bcosts? money\b",
             r"(ежемесячн\w*|разов\w*|регулярн\w*) (взнос|пожертвовани|подарок)\w*", r"журналистика стоит денег")
# The reader addressed: imperatives, "you", questions put to the reader.
CTA = _rx(
    # en
    # (a verb after "<word> to" is an infinitive in a sentence: "…excited to be able to donate these supplies")
    r"(?<!\w to )\bsubscribe\b", r"(?<!\w to )\bfollow\b", r"(?<!\w to )\bjoin\b", r"\bsign up\b",
    r"(?<!\w to )\bdownload\b", r"(?<!\w to )\binstall\b",
    r"\bread (us|this|more|it)\b", r"(?<!\w to )\bwatch\b", r"(?<!\w to )\blisten\b",
    r"\bstay (informed|tuned|up to date|connected)\b", r"\blike\b", r"(?<!\w to )\bshare\b", r"\bturn on\b",
    r"\benable\b", r"(?<!\w to )\bsupport\b", r"(?<!\w to )\bdonate\b", r"\bconsider\b",
    r"\bsend us\b", r"\bwrite to\b", r"\btell us\b", r"\blet us know\b", r"\bcontact us\b", r"\btry it\b",
    r"\bget (the|our|push|alerts|breaking|news|it)\b", r"\bclick\b", r"\btap\b", r"\bfind us\b",
    r"\byou\b", r"\byour\b", r"\bwant more\b", r"\bswitch on\b", r"\b(never|don'?t) miss\b", r"\bbe the first\b",
    r"\bchip in\b", r"\bcatch us\b", r"\bstay with us\b", r"^allow\b",
    # ru
    r"подпис\w*(?:вайтесь|итесь|аться|ывайся)", r"читайте", r"следите", r"присоединяйтесь", r"смотрите",
    r"слушайте", r"скачайте", r"скачивайте", r"установите", r"включите", r"поддержите",
    r"присылайте", r"пришлите", r"пишите", r"напишите", r"сообщите", r"узнавайте", r"переходите", r"оставайтесь",
    r"будьте в курсе", r"жмите", r"нажмите", r"добавляйтесь", r"вступайте", r"получать", r"получайте", r"разрешите",
    r"\bвы\b", r"\bвас\b", r"\bваш\w*", r"есть что сказать", r"заметили", r"стали очевидцем",
    # kk
    r"жазылыңыз", r"оқыңыз", r"қосылыңыз", r"қолдаңыз", r"жүктеп алыңыз", r"көріңіз", r"жіберіңіз",
    r"байқадыңыз", r"тіркеліңіз", r"бақылаңыз", r"оқи отырыңыз",
    # kk Latin (2021 and 2018 letters)
    r"\bjazyl[yı][ñń][yı]z\b", r"\boq[yı][ñń][yı]z\b", r"\bqosyl[yı][ñń][yı]z\b", r"\bqolda[ñń][yı]z\b",
    r"\bjükte[pb] al[yı][ñń][yı]z\b", r"\bjiber[ıi][ñń][ıi]z\b",
    r"\bal[yı][ñń][yı]z\b", r"\bалыңыз\b",  # "receive (it)", as Uzbek «oling»: "…poştañyzğa alyñyz"
    # uz
    r"obuna bo'l\w*", r"kuzating", r"yuklab oling", r"yoqing", r"ёқинг", r"қосыңыз", r"o'qing", r"qo'llab-quvvatlang", r"yuboring", r"yozing",
    r"қўллаб-қувватланг", r"\bbosing\b", r"\bбосинг\b", r"фиристед", r"обуна шавед", r"пайгирӣ кунед",
    r"xabardor bo'l\w*", r"обуна бўл\w*", r"кузатинг", r"юклаб олинг", r"ўқинг", r"юборинг", r"ёзинг",
    r"\boling\b", r"\bолинг\b",
    # tg
    r"кӯмак кунед", r"дастгирӣ кунед", r"\bхонед\b", r"боргирӣ кунед", r"насб кунед",
    # ky
    r"колдоңуз", r"колдоп бериңиз", r"жүктөп алыңыз", r"окуңуз", r"кошулуңуз", r"жөнөтүңүз", r"жазылып алыңыз",
)
# The outlet speaking of itself.
SELF = _rx(r"\bour\b", r"\bus\b", r"\bwe\b", r"\bнаш(?!л)\w*", r"\bнас\b", r"\bнам\b", r"\bмы\b", r"\bбіз\w*", r"\bbiz\w*",
           r"\bбиз\w*")
# Kazakh/Uzbek "our" is a suffix: арна-мыз-дан, kanal-imiz-ga, ilova-miz-ni, канал-имиз-да.
_OUR_SUFFIX = re.compile(r"\w{2,}(?:мыз|міз|миз|miz)(?:ға|ге|қа|ке|да|де|та|те|дан|ден|тан|тен|нан|нен|ды|ді|ны|ні|дың|дің|"
                         r"ның|нің|ға|га|ни|нинг|ga|da|dan|ni|ning)?\b", re.I)


def _says_our(text: str) -> bool:
    return bool(SELF.search(text) or _OUR_SUFFIX.search(text))
# Reported speech: news about a channel, an app, a donation, not a prompt.
ATTRIBUTION = _rx(
    r"\b(said|say|says|told|wrote|writes|posted|reported|according to|announced|confirmed|warned|urged|added|noted|"
    r"notes|stated|explained|believe|believes|expects?|estimated?|proposed|suggested)\b", r"\banalysts?\b",
    r"предлож(ил|ила|или|ит|ат)\b",
    r"сообщ(ил|ают|ает|али|ила)\w*", r"заяв(ил|ля)\w*", r"поясн(ил|яют|яет)\w*", r"написал\w*", r"пиш(ет|ут)\b",
    r"отмет(ил|ила|или)\w*", r"отмеча\w*", r"рассказал\w*", r"призвал\w*", r"счита(ет|ют)\b", r"полага(ет|ют)\b",
    r"говор(ит|ят|ится)\b", r"как сообщ\w*", r"по данным", r"по словам", r"подтверд\w*",
    # analysts (not «аналитика», the outlet's analysis on offer: «аналитика рынков каждый понедельник»)
    r"аналитик(и|ов|ам|ами|ом)?\b",
    r"эксперт\w*",
    r"жазғандай", r"мәлім\w*", r"хабарла(ды|йды|ған|ма)\w*", r"деді", r"yozishicha", r"ma'lum qildi", r"xabar berdi",
    r"маълум қилди", r"ёзишича", r"билдирди", r"chaqir(di|moqda)\b", r"чақир(ди|моқда)\b", r"ta'kidla(di|gan)\b",
    r"таъкидла(ди|ган)\b", r"\bdedi\b", r"\bдеди\b", r"шақырды", r"мәлімдеді", r"айтты",
    # kk Latin, as the Cyrillic above; and "advised" («кеңес берді»)
    r"habarla(dy|idy|ğan|ma)\w*", r"\bdedı\b", r"\baitty\b", r"mälımdedı", r"şaqyrdy", r"кеңес берді", r"keñes berdı",
)


def reported_speech(text: str) -> bool:
    """Does the paragraph report what someone said or did ("…, the ministry said", «— сообщил аким»)?
    Such a paragraph is news about a channel or an app, never a prompt."""
    return ATTRIBUTION.search(_norm(text)) is not None


_LANGS = r"(english|russian|kazakh|uzbek|kyrgyz|tajik|turkmen|karakalpak)\b"
_LANGS_RU = r"(английском|русском|казахском|узбекском|кыргызском|киргизском|таджикском|туркменском|каракалпакском)\b"
# Labels that open a line.
RELATED_LABEL = _rx(
    # en
    r"^(read|see) also\b", r"^also (read|see)\b", r"^(read|see|watch) (more|next)\s*([:—–|-]|$)",
    r"^related( stories| news| articles?| story| reading| coverage| content| links?| topics?)?\s*([:—–|→►▶-]|$)",
    r"^more (on|about) (this|the) (topic|story|subject|issue)\b", r"^more (stories|news|coverage)\s*([:—–|-]|$)",
    r"^further reading\b", r"^recommended( for you| reading| stories)?\s*([:—–|-]|$)", r"^don'?t miss\s*([:—–|-]|$)",
    r"^must read\s*([:—–|-]|$)", r"^you (may|might) (also )?(like|be interested|have missed)\b", r"^also on\b",
    r"^(top|latest|trending|popular|most read) (stories|news|now)\s*([:—–|-]|$)", r"^in (other|related) news\s*[:—–-]",
    r"^(tags?|topics?|filed under)\s*:",
    # ru
    r"^(читайте|читать) (также|еще|ещё|по теме|тоже)\b", r"^также (читайте|смотрите)\b",
    r"^(ещё|еще|больше) (по теме|на тему|материалов|новостей)\b", r"^материал\w* по теме\b", r"^ссылки по теме\b",
    r"^други\w* (материалы|новости|публикации|статьи) (сюжета|по теме|на тему|рубрики|спецпроекта)\b",
    r"^(также|тоже) по теме\s*([:—–|-]|$)", r"^по теме\s*([:—.–|-]|$)", r"^в тему\s*[:—–-]", r"^смотрите (также|еще|ещё)\b", r"^см\. также\b",
    r"^рекомендуем\b", r"^тема дня\b", r"^ранее\s*[:—–-]", r"^(не пропустите|вам может быть интересно|"
    r"самое (читаемое|популярное|важное)|популярное|актуально|главное за (день|неделю)|хронология)\s*([:—–!.-]|$)",
    r"^(теги|метки|темы)\s*:", r"^(тегтер|teglar|теглар)\s*:",
    # kk / uz
    r"^shuningdek,? o'qing\b", r"^(yana|ham) o'qing\b", r"^mavzuga oid\b", r"^o'xshash (yangiliklar|maqolalar)\b",
    r"^мавзуга оид\b", r"^шунингдек,? ўқинг\b", r"^(яна|ҳам) ўқинг\b", r"^ўхшаш янгиликлар\b",
    r"^оқи отырыңыз\b", r"^тақырыпқа (қатысты|орай)\b", r"^тақырып бойынша\b", r"^сондай-ақ оқыңыз\b",
    r"^тағы оқыңыз\b", r"^ұқсас (жаңалықтар|материалдар)\b",
    # "other articles on this topic" (ky, kk, tg, uz)
    r"^((бул|ушул|осы|shu|ushbu|ин) )?(темадагы|тақырыптағы|mavzudagi|мавзудаги|мавзӯъ) (башка|басқа|boshqa|бошқа|дигар) "
    r"(макала|материал|жаңылык|жаңалық|maqola|мақола|xabar|хабар|мавод)\w*\s*([:—–|-]|$)",
    # de / fr / es / it (real pages from other CMSs carry them too)
    r"^(lesen sie|lies) (auch|mehr)\b", r"^(das|dies) könnte (sie|dich) auch interessieren\b", r"^auch interessant\s*([:—–|-]|$)",
    r"^mehr zum thema\b", r"^weiterlesen\s*([:—–|.-]|$)", r"^siehe auch\b", r"^zum weiterlesen\b",
    r"^(à )?lire aussi\b", r"^voir aussi\b", r"^sur le même (sujet|thème)\b", r"^(à )?lire (également|encore)\b",
    r"^(lee|lea) (también|más)\b", r"^leer más\s*([:—–|.-]|$)", r"^(también )?te (puede|podría) interesar\b",
    r"^(noticias |artículos )?relacionad[oa]s?\s*([:—–|-]|$)", r"^leggi anche\b", r"^potrebbe interessarti\b",
    # the same story in another language ("This article is also available in Kazakh", «Читайте на казахском»)
    r"^(this|the) (article|story|piece|report|text) is (also )?(available|published) in " + _LANGS,
    r"^(read|available) (this |the )?(article|story|piece)? ?(also )?in " + _LANGS,
    r"^(эт(а|от|у)|данн\w+) (статья|статью|материал|новость|текст) (также |тоже )?((доступ\w+|можно прочитать|есть|"
    r"опубликован\w*|читайте) )?на " + _LANGS_RU,
    r"^(читайте|читать|прочитать) (эт\w+ (статью|материал|новость|текст) )?(также |тоже )?на " + _LANGS_RU,
    r"\b(тілінде|tilida|тилида|tılınde|tilinde) (оқыңыз|оқи отырыңыз|o'qing|ўқинг|oqyñyz|oqyngyz)",
)
_AGENCY = (r"(reuters|afp|ap|ap photo|epa|getty( images)?|shutterstock|depositphotos|freepik|unsplash|pixabay|imago|dpa|"
           r"тасс|риа новости|риа|sputnik|интерфакс|ria novosti|anadolu|xinhua|istock|alamy|pexels|kazinform|"
           r"казинформ|kun\.uz|gazeta\.uz|24\.kg|akipress|tengrinews|zakon\.kz)")
CREDIT_LABEL = _rx(
    r"^(photos?|photograph|photography|фото(графия|графии)?|foto|surat|сурет(тер)?|image|images|picture|pictures|"
    r"video|видео|снимок|снимки|фотоснимок|illustration|иллюстрация|коллаж|collage|скриншот|screenshot|инфографика|infographic|графика|"
    r"graphics?|cover|обложка|кадр|rasm|фотосурет|манба|manba|source|источник|credit|credits|courtesy|"
    r"pictured|above|top|main image|header image|lead image|фотограф|photographer|автор фото|фото автора|"
    r"бейне|видеосурет|карта|map|chart|график)"
    r"\s*(:|©|/|\||—|–|-|by\b|\(|$)",
    r"^\(?(©|\(c\)|copyright\b)",
    # an edit stamp ("Updated 14:35, 12 March: adds comment from the ministry"), not the news it adds
    r"^(updated|update|обновлено|дополнено|жаңартылды)\b.{0,40}?\b(adds?|added|with|includes?|добавлен\w*|"
    r"дополнен\w*)\b( an?)? (comment|details|reaction|statement|quote|information|комментари\w*|подробност\w*|"
    r"реакци\w*|заявлени\w*)", r"^(maqola|material|xabar)\b.{0,20}\byangilandi\b", r"^(photo|image|picture|video) (credit|courtesy)", r"^(courtesy|credit)\s*:",
    r"^\((photo|фото|image|foto|surat|сурет)\s*:", r"^(photo|image|picture)s? (by|from|via)\b",
    # "Cover photo by …", "Featured image: …", «Фото на обложке …» is below
    r"^(cover|header|lead|main|top|featured|hero)\s+(photo|image|picture|illustration)s?\s*(:|©|/|\||—|–|-|by\b|\()",
    r"^(suratda|rasmda|суретте)\b",
    r"^(фото|photo|image|picture|изображение|сурет|surat) (на обложке|on the cover|в анонсе|in the header|обложки)\s*(:|©|—|–|-)",
    r"^(pictured|на снимке|на фото|на фотографии|суретте|rasmda|suratda)( above| below| here| left| right| слева| справа)?\s*:",
)
_MONTHS_STAMP = (r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
                 r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[йяе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|"
                 r"декабр\w*|yanvar\w*|fevral\w*|aprel\w*|iyun\w*|iyul\w*|avgust\w*|sentabr\w*|oktabr\w*|noyabr\w*|"
                 r"dekabr\w*|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|шілде\w*|тамыз\w*|қыркүйек\w*|"
                 r"қазан\w*|қараша\w*|желтоқсан\w*|"
                 r"mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|понедельник|вторник|сред[аы]|четверг|пятниц[аы]|"
                 r"суббот[аы]|воскресень[ея]")
# An edit stamp and nothing else ("Updated 22 May, 14:35 (GMT+5)", «Материал обновлён 12.06 в 17:40»,
# "Maqola yangilandi: 3 iyun"): the update word, then only a date, a time and a zone.
UPDATE_STAMP = re.compile(
    r"^(?:last\s+)?(?:updated?|edited|обновлено|обновл[её]н[оа]?|дополнено|(?:материал|статья|новость|текст|maqola|xabar)"
    r"\s+(?:обновл|дополн|yangilan)\w*|дата обновления|жаңартылды|yangilandi|янгиланди|жаңыртылды)\s*:?"
    r"(?:[\s\d:.,/()+\-–—|]|\b(?:at|on|в|г|года?|yil|utc|gmt|msk|мск|am|pm|local|time|ago|назад|hours?|minutes?|"
    r"час\w*|минут\w*|today|yesterday|сегодня|вчера|по (?:местному|астанинскому|ташкентскому|бишкекскому|московскому)"
    r"(?: времени)?|(?:astana|almaty|tashkent|bishkek|dushanbe|ashgabat|moscow) time|" + _MONTHS_STAMP + r")\b)*$", re.I)
# A pointer to the outlet's collection of stories ("All our coverage of the floods is here", «Все материалы о
# паводках собраны в нашем спецпроекте»): navigation when it points (a link, an arrow, "our", "here").
RELATED_ALL = _rx(r"^all (of )?(our |the )?(coverage|stories|articles|reports|news|materials|updates|reporting) (on|about|of|from)\b",
                  r"^все (наши )?(материалы|новости|публикации|статьи|тексты|сюжеты) (о|об|по|на тему|про)\b",
                  r"^barcha (materiallar|maqolalar|yangiliklar)\b", r"^барлық (материалдар|жаңалықтар)\w*")
_POINTS = re.compile(r"\b(here|in one place|collected|gathered)\b|здесь|тут\b|в одном месте|собран\w*|shu yerda|осында", re.I)
# A sentence's opening, after an emoji or a bullet too ("🔔 Turn on push notifications"), not a quote's.
_OPENS = r"(^[^\w«»\"“”„'‘’(]*|[:.!?—–]\s+)"
# An order to get an app, opening a sentence or after a colon ("…in one place: download the free Borderline app").
APP_ORDER = _rx(_OPENS + r"(download|install|get|update) (the |our )?([\w-]+ ){0,3}(app|application|for (ios|iphone|android))\b",
                _OPENS + r"(скачайте|установите|загрузите|обновите) (наше |бесплатное |новое |официальное )?приложени\w*",
                _OPENS + r"(yuklab oling|o'rnating) ", _OPENS + r"(жүктеп алыңыз|орнатыңыз) ",
                # an order to read or follow the news in the outlet's app ("Read faster in the Courier app")
                _OPENS + r"(read|follow|watch|listen|stay)\b[^.!?]{0,30}\b(in|on|with|via) (the |our )([\w-]+ ){0,3}app\b",
                # an order to turn on notifications ("Разрешите push-уведомления, чтобы первыми узнавать …")
                _OPENS + r"(включите|разрешите|подключите|активируйте) (push-?|пуш-?)?уведомлени",
                _OPENS + r"(turn on|enable|allow|switch on) (push |our |browser )?(notifications|alerts)\b",
                _OPENS + r"(bildirishnoma\w*|билдиришнома\w*) (yoqing|ёқинг)", r"хабарландыру\w* қосыңыз")
# A caption that ends with its credit, in brackets or after the sentence: "… on Tuesday. (Photo: Maria
# Kelso / Riverside Gazette)", "Herders near Naryn in May. Photo: Aibek Toktogulov for Ledger".
CREDIT_TAIL = re.compile(r"\((photo|photos|image|фото|foto|surat|сурет|rasm)\s*:[^()]{2,80}\)\s*$"
                         r"|[.!?]\s+(photo|photos|image|фото|foto|surat|сурет|rasm)\s*:\s*[^.:!?]{2,60}$", re.I)
# The author's bio, closing the piece or set in italics ("Dilnoza Yusupova is a Tashkent-based reporter…").
# A lead that says the same of a journalist in the news ("… is a Kyrgyz journalist sentenced on Thursday")
# opens the body in plain type: it stays.
AUTHOR_BIO = re.compile(r"^(\w+[\s.'-]+){1,3}(is|was) (an?|the) ([\w-]+ ){0,5}(reporter|journalist|correspondent|editor|"
                        r"writer|columnist|contributor|photographer|photojournalist|author)\b", re.I)
# Notes about the piece rather than the story: who wrote it, where it was printed, the help of AI.
ABOUT_PIECE = _rx(
    r"^(об авторе|автор|author|about the author|муаллиф|автор туралы)\s*[:—–-]",
    r"\b(appeared|appears|was published|was first published|ran) in (the |our )?(print|printed|weekend|sunday) "
    r"(edition|issue|version|magazine)\b",
    r"(опубликован\w*|вышел|вышла|вышло|напечатан\w*) в (печатной|бумажной|журнальной) (версии|номере|выпуске|версия)",
    r"\b(drafted|written|generated|prepared|produced|translated|summari[sz]ed|created|edited)( from \w+)? "
    r"(with the help of|with|using|by) (an? )?(ai|artificial intelligence|ai tool|ai model|language model)\b",
    r"(подготовлен\w*|создан\w*|написан\w*|переведен\w*|переведён\w*) (с помощью|с использованием|при помощи) "
    r"(ии|нейросет\w*|искусственного интеллекта)",
    r"(sun'iy intellekt|сунъий интеллект|жасанды интеллект)\w* (yordamida|ёрдамида|көмегімен)",
)
# Legal footnotes and markers Russian-language outlets must print, and age labels.
LEGAL_NOTE = _rx(
    r"^\*+\s*.{0,200}(иностранн\w* агент\w*|иноагент\w*|экстремистск\w*|террористическ\w*|нежелательн\w*|запрещен\w*|"
    r"foreign agents?|extremist|terrorist|undesirable|banned in (russia|kazakhstan|uzbekistan|kyrgyzstan|tajikistan|turkmenistan)|"
    # Kazakh, Uzbek and Kyrgyz: "recognised as extremist", "banned", "foreign agent"
    r"экстремист(ік|ик|тик)|террорист(ік|ик|тик)|ekstremist(ık|ik)|terrorist(ık|ik)|тыйым салын|тыюу салын|tyiym salyn|"
    r"taqiqlan|тақиқлан|шетелдік агент|xorijiy agent)",
    r"\bgambling can be addictive\b", r"\bplay responsibly\b",
    r"^(данное |этот )?(сообщение|материал) (создан|распространен|распространён)\w* (иностранн\w* агент\w*|"
    r"средством массовой информации,? выполняющим функции)",
)
# An age label alone or leading a short line ("18+", "16+ | Реклама"); a sentence that starts with one
# ("18+ — такой ценз получил фильм …") is news.
AGE_LABEL = re.compile(r"^\d{1,2}\+\s*([|.:—–-]|$)")
# The outlet's audio version of the piece, the label alone or with its length: "Listen to this article · 7 min",
# «Слушать статью (5 мин)».
_AUDIO_END = r"\s*([:·|•—–(-]|\d|$)"
AUDIO = _rx(r"^(listen to|hear) (this|the) (article|story|piece)" + _AUDIO_END,
            r"^(прослушать|слушать|послушать) (эту )?(статью|материал|новость|текст)" + _AUDIO_END,
            r"^(аудиоверси\w*|audio version)\b",
            # Kazakh (both scripts), Uzbek, Kyrgyz: "listen to the article"
            r"^(maqolani|мақаланы|мақоланы|материалды|maqalany|materialdy|макаланы) "
            r"(tinglang|tinglash|тингланг|тинглаш|тыңдаңыз|тыңдау|tyñdañyz|tyñdau|tyndau|угуу|уккула|угуңуз)")
# A link whose whole text is the outlet's call to action: "Get it free", "Start your $1 trial", «Подписаться».
CTA_ANCHOR = re.compile(
    r"^(get it( free| now)?|sign up( free| now| here| today)?|subscribe( now| here| free| today)?|"
    r"start (your|a) (free )?(\$?\d+ )?trial|join( us| now| free| today)?|download( the app| now| it)?|register( now| here)?|"
    r"try it (free|now)|log in|sign in|become a (member|supporter|patron|paying subscriber)|support us|donate( now| today)?|"
    r"поддержать( нас| редакцию)?|поддержите нас|"
    r"подписаться|подпишитесь|оформить подписку|оформите подписку|скачать( приложение)?|зарегистрироваться|"
    r"obuna bo'lish|obuna bo'ling|yuklab olish|жазылу|жазылыңыз|обуна бўлинг|обуна бўлиш)[.!]?$", re.I)
# Credit phrases without a colon ("Illustrative image", "Фото из открытых источников"): only as a short line.
CREDIT_PHRASE = _rx(
    r"^(illustrative|иллюстративн\w*|архивн\w*|archive|file|stock|representative|generic) (image|photo|picture|фото|"
    r"изображение|снимок|кадр)", r"^фото (из|с сайта|со страницы|предоставлено|пресс|носит)\w*",
    r"^(фото|видео|кадр|скриншот)\s+(из|с|со|предоставлен\w*|пресс-служб\w*|автора|архив\w*|открыт\w*|соцсет\w*)",
    r"^(источник|source) (фото|изображения|photo|image|video|видео)",
    r"^(photo|image|фото) (courtesy|provided|предоставлен\w*)", r"^(cover |main |header |lead |top )?(photo|image|picture)s? courtesy\b",
    r"^(cover|main|header|lead|top) (photo|image|picture)\s*(:|©|/|\||—|–|by\b|from\b|via\b)",
    r"^(суретті|фотоны|суретке|surettı|suretti|fotony|suretke) (түсірген|түсірді|алған|tüsırgen|tüsirgen|tüsırdı|tüsirdi|alğan)", r"^(суратга|suratga|фотони|fotoni) (олган|olgan|туширган|tushirgan)",
    r"^(photo|image|picture) (is )?(for )?illustrat\w*", r"^фото (носит )?иллюстративн\w*",
    r"^(photo|image|фото|сурет|surat)\s*:?\s*" + _AGENCY + r"\b", r"^" + _AGENCY + r"\s*(/|\||photo|фото)",
    r"^(ai|ии)[- ](generated|сгенерирован\w*) (image|изображение|фото)", r"^(изображение|image) (сгенерировано|generated)",
    r"^(top |main |header |lead |cover )?(image|photo|picture|illustration|изображение|иллюстрация)s? (was |is )?"
    r"(generated|created|made|сгенерирован\w*|создан\w*) (with|by|using|при помощи|с помощью|нейросет\w*)",
    r"^(коллаж|collage|иллюстрация|illustration|инфографика|infographic) (редакции|by|of the|автора)",
    r"^(суреттер|сурет|фото|фотографии|photos?|rasmlar|suratlar) (автордың|автора|from the author|муаллиф\w*|"
    r"из (личного )?архива|жеке мұрағат\w*)",
)
_QUOTED = re.compile(r"\"[^\"]{3,}\"|“[^”]{3,}”|«[^»]{3,}»|„[^“”]{3,}[“”]")
_OPEN_QUOTE = re.compile(r"^\s*(?:[\"“«„]|[—–]\s)")  # a quote, or a dialogue dash: direct speech
AD_LABEL = _rx(
    r"^(реклама|рекламный материал|advertisement|advertising|advert|ad|ads|sponsored( content| by| post| story)?|"
    r"partner (material|content|project|post)|партн[её]рск\w* (материал|проект|публикаци\w*|контент)|на правах рекламы|"
    r"reklama( huquqi asosida)?|реклама ҳуқуқи асосида|маводи таблиғотӣ|таблиғот|жарнама( құқығында| укугунда)?|jarnama( quqyğynda)?|paid (content|post|partnership|promotion)|promot(ed|ion)( content)?|"
    r"brand(ed)? content|спецпроект|special project|коммерческ\w* (материал|публикаци\w*)|erid|"
    r"при поддержке|presented by|in association with|content by|спонсор\w*|sponsor)\s*([.:;,—–|·•-]|$|(with|by|from)\s+[^,;.]{2,60}$)",
    r"^(материал|статья|публикация) (подготовлен\w*|опубликован\w*|размещ[её]н\w*) (на правах|при поддержке|"
    r"совместно|партн[её]р)", r"^(this|the) (article|content|story|post) (is|was) (sponsored|paid|produced|presented)",
    r"^рекламодатель\s*:",
    r"^(конкурс|розыгрыш|giveaway|contest|competition|tanlov|танлов|байқау|ұтыс( ойыны)?|utys( oiyny)?|"
    r"sovrinli o'yin|совринли ўйин)\s*!",
    r"^(ҳамкорлик|hamkorlik) (асосида|asosida)", r"^(серіктестік|seriktestik) (негізінде|negızınde)",
    # "Published as advertising" (Russian, Tajik, Kazakh in both scripts, Kyrgyz, Uzbek in both scripts)
    r"^(публикуется|опубликовано|размещено|распространяется) на правах рекламы",
    r"^(ҳамчун|дар асоси|ба ҳуқуқи) реклама\b", r"^(жарнама|jarnama) (ретінде|retınde|retinde|катары|құқығында|quqyğynda)\b",
    r"^(reklama|реклама) (sifatida|сифатида|huquqida|ҳуқуқида|huquqi asosida|ҳуқуқи асосида)\b",
)
# A promo code on offer ("Use promo code STEPPE15 for 15% off", «Промокод VESTNIK10 даёт скидку 10%»): the
# word and a code of capitals and digits. A story about a code ("…, the regulator said") is reported speech.
PROMO_CODE = re.compile(r"\b(promo|discount|coupon|voucher) ?code\b|промо-?код\w*|\bpromo-?kod\w*|промо-?коду\w*", re.I)
_CODE = re.compile(r"\b(?=[A-Z0-9]{4,20}\b)(?=[A-Z]*\d)[A-Z]+\d[A-Z0-9]*\b")
TIP = _rx(
    r"ctrl\s*\+?\s*enter", r"\b(spotted|found|notice|noticed|see|find) (a|an|any) (mistake|error|typo|inaccuracy)",
    r"заметили (ошибку|опечатку|неточность)", r"нашли (ошибку|опечатку|неточность)", r"ошибка в тексте",
    r"xato topdingizmi", r"xatoni? (topdingiz|ko'rdingiz)", r"хато топдингизми",
    r"қате (тапсаңыз|байқасаңыз|таптыңыз|байқадыңыз)",
    r"\bhave (a|any) (story|tip|news tip|news)\b", r"\bgot a (story|tip)\b", r"\bsend us (your|a|news|tips)\b",
    r"\bshare your (story|news|photos|videos)\b", r"\bcontact (our|the) newsroom\b", r"\bwrite to (us|our)\b",
    r"\blet us know at\b", r"\bcorrections?@", r"\btips?@", r"\bnews@", r"стали (очевидцем|свидетелем)",
    r"есть (новость|тема|история|что рассказать)\b", r"если вы (стали|были) (очевидцем|свидетелем)",
    r"присылайте (фото|видео|новости|информацию|свои)", r"(пишите|напишите) (нам|в наш|в редакцию)",
    r"сообщите (нам|о)\b", r"предложить (новость|тему)", r"сообщить новость", r"\bnews tip",
    r"видели (что-то|происшествие)", r"xabar yuboring", r"хабар юборинг", r"бізге (жазыңыз|жіберіңіз)",
    r"шоҳиди\b.{0,30}\bбошед", r"(навор|акс|видео|хабар)\w*\b.{0,30}\bфиристед", r"(guvohi|гувоҳи) bo'lsangiz|гувоҳи бўлсангиз",
    r"bizga (yozing|yuboring)", r"\bdrop (us|our newsroom|the newsroom|our reporters) a line\b",
    r"\b(seen|know|noticed) something we should\b",
    r"^(correction|clarification|исправление|уточнение)\s*:",
    r"^(report|flag) (an? )?(error|mistake|typo|inaccuracy)\s*[.!→»>]?$", r"^сообщить об (ошибке|опечатке|неточности)\s*[.!→»>]?$",
    r"^(xato|хато) haqida xabar (bering|berish)\s*[.!]?$", r"^қате туралы хабарла(у|ңыз)\s*[.!]?$",
    r"\ban earlier version of this (article|story|report)\b", r"\bthis (article|story) has been (corrected|updated) to\b",
    r"в (первоначальной|предыдущей) версии (материала|статьи|новости)",
    r"\bcomments? (are|is) (pre-?)?moderated\b", r"комментари\w* (проход\w*|подлеж\w*) (пре)?модераци\w*",
    r"(izohlar|изоҳлар|пікірлер) (moderatsiya|модерация)\w*",
    # Kazakh "let (us) know: WhatsApp …" — an order followed by the outlet's contact, not a quoted appeal
    r"(хабарлаңыз|habarlañyz|хабарласыңыз|habarlasyñyz)\s*:\s*(whatsapp|telegram|\+?\d)",
    # Kazakh "write to the newsroom('s WhatsApp number)", «редакцияның … нөміріне жазыңыз»
    r"(редакция\w*|redaksiia\w*)\b.{0,40}?(жазыңыз|жіберіңіз|jazyñyz|jıberıñız)",
)
# A paywall's ask, and a podcast's: worded as the outlet's own offer, never as news.
PAYWALL = _rx(r"\b(reached|used up|hit) (your|the) (limit|quota|allowance) of free (articles|stories|reads)\b",
              r"\bfree (articles|stories) (left|remaining) this month\b",
              r"\byou(('ve| have) read|r) \d+ (of|out of) (your )?\d+ free (articles|stories|reads)\b",
              r"вы прочитали \d+ из \d+ бесплатных (материалов|статей)", r"лимит бесплатных (материалов|статей|публикаций)",
              r"(subscribe|подпишитесь|оформите подписку)\b.{0,40}\b(to keep reading|to continue reading|чтобы (продолжить|читать))",
              r"чтобы (прочитать|читать|дочитать|продолжить чтение)\b.{0,40}\b(оформите подписку|подпишитесь)",
              r"(дочитать|прочитать|читать) (этот |весь )?(материал|статью|текст)\w* (полностью )?можно (только )?"
              r"(по подписке|подписчикам|после подписки|с подпиской)",
              r"\b(finish|keep|continue) reading\b.{0,40}\b(with a|by) subscri",
              r"\b(this|the rest of this|the full) (story|article|piece) is (only )?(for|available to|reserved for) (paying )?"
              r"(subscribers|members)\b", r"\b(subscribers|members)[- ]only\b", r"\b(log|sign) in to (keep|continue) reading\b",
              r"\bstart (your|a) (free )?(\$?\d+ )?trial\b",
              r"\bto (view|read|see|access|unlock) (the|this) (full|whole|entire|rest of the) (story|article)\b[^.]{0,30}\b"
              r"(subscribe|log in|sign in)\b",
              r"\b(subscribe|log in|sign in) to (view|read|see|access|unlock) (the|this) (full|whole|entire) (story|article)\b",
              r"(продолжение|полная версия|полный текст|остальная часть) (материала |статьи |текста )?(доступ\w* )?"
              r"(только )?(для подписчиков|подписчикам|по (платной )?подписке)",
              r"\bthe (full|complete) (version|text) of (this|the) (article|story) is (only )?available (by|with a|to) "
              r"(paid )?subscri", r"(материал|статья) (доступ\w* )?только (для )?подписчик\w*",
              r"(davomi|to'liq matni?|давоми|тўлиқ матни?) (faqat )?(obunachilar|обуначилар)",
              r"(жалғасы|толық нұсқасы) (тек )?жазылушылар\w*")
PODCAST = _rx(r"\bwherever you (listen|get your podcasts)\b", r"\b(listen|subscribe) to (our|the) [^.]{0,40}podcast\b",
              r"\bpodcast\b[^.]{0,40}\bnew episodes\b", r"(слушайте|подписывайтесь на) (наш |этот )?подкаст",
              r"подкаст\w*[^.]{0,40}нов\w* (выпуск|эпизод)\w*")
_SOCIAL_URL = re.compile(r"^(https?://)?(www\.)?(t\.me|telegram\.me|vk\.com|ok\.ru|dzen\.ru|x\.com|twitter\.com|"
                         r"instagram\.com|youtube\.com|youtu\.be|tiktok\.com|facebook\.com|wa\.me|rutube\.ru)/\S+$", re.I)
# A section label ("Рубрика: Экономика / Банки"). A CMS's details line starts so too and carries the date
# ("Категория: Регион | Просмотров: 318 | Дата: 12.11.2026"): only a line with no digits is navigation.
CATEGORY_LABEL = _rx(r"^(categor(y|ies)|section|рубрик[аи]|раздел|категори[яи]|bo'lim|бўлим|kategoriya|санат|айдар)\s*:")
# Openers that are prose as often as navigation ("Read more about the reform in …"): only before a link.
RELATED_SOFT = _rx(r"^(read|see|watch) more\b", r"^more (on|about|from)\b", r"^подробнее\b", r"^batafsil\b")
# The outlet pointing back at its own story ("Earlier, we reported that <a>…</a>"): with any link it is navigation.
RELATED_WE = _rx(r"^(as|like) we (reported|wrote|told you)( earlier| before| previously)?\b",
                   r"^(earlier|previously),? we (reported|wrote|told you)\b", r"^(ранее|как) мы (писали|сообщали)\b",
                   r"^(как )?(ранее )?сообщал(ось|и мы)\b", r"^(ранее )?мы (уже |ранее )?(писали|сообщали|рассказывали)\b",
                   r"^we (have )?(earlier |previously |already )?(reported|wrote)( earlier| before| previously)?\b",
                   # Kazakh, Uzbek, Kyrgyz "earlier we … had reported" («Бұған дейін біз … хабарлаған едік»)
                   # or with the verb's own ending («Буга чейин биз <a>…</a> жазганбыз»)
                   r"^(бұған дейін|бұрын|ертерек|buğan deiın|avvalroq|аввалроқ|буга чейин),? (біз|bız|biz|биз)\b.{0,150}"
                   r"\b((хабарлаған|жазған|habarlağan|jazğan|xabar bergan|хабар берган|yozgan|ёзган|кабарлаган|жазган) "
                   r"(едік|edık|edik|эдик|элек|болатынбыз)|жазганбыз|кабарлаганбыз|жазғанбыз|хабарлағанбыз|jazğanbyz|"
                   r"habarlağanbyz|yozganmiz|ёзганмиз)\b",
                   r"^(avvalroq|аввалроқ|avval|аввал),? (xabar berganimizdek|хабар берганимиздек|"
                   r"yozganimizdek|ёзганимиздек)", r"^(бұған дейін|ertede|бұрын),? (хабарлағанымыздай|habarlağanymyzdai|"
                   r"жазғанымыздай|jazğanymyzdai)", r"^(xabar berganimizdek|хабар берганимиздек|хабарлағанымыздай)")
BARE_LABEL = re.compile(r"^(?:(?P<social_follow>share( this( article| story)?)?|поделиться|ulashish|улашиш|бөлісу|бөлісіңіз|"
                        r"бөлүшүү|поделитесь)|(?P<newsletter>newsletters?|рассылка|дайджест|axborotnoma))$", re.I)
ARROW = re.compile(r"^\s*(→|►|▶|»|>>(?!>)|⇒|➡|👉|\+\+\+)\s*")  # ">>>" is an interpreter prompt
EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u23F0-\u23FF\uFE0F]")

SOCIAL_HOSTS = ("t.me", "telegram.me", "telegram.org", "vk.com", "vk.ru", "dzen.ru", "zen.yandex.ru", "ok.ru",
                "x.com", "twitter.com", "whatsapp.com", "wa.me", "instagram.com", "youtube.com", "youtu.be",
                "tiktok.com", "facebook.com", "fb.com", "rutube.ru", "viber.com", "threads.net", "threads.com",
                "linkedin.com", "max.ru", "bsky.app", "discord.gg", "discord.com", "news.google.com", "signal.me",
                "signal.group")
STORE_HOSTS = ("apps.apple.com", "itunes.apple.com", "play.google.com", "rustore.ru", "appgallery.huawei.com")
DONATE_HOSTS = ("patreon.com", "boosty.to", "buymeacoffee.com", "ko-fi.com", "paypal.me", "donorbox.org")
# Payment details in the line: a card number or an account to send money to.
PAYMENT = re.compile(r"\b(kaspi|каспи|card|karta|карт[аеуы]|iban|счёт|счет|hisob|шот)\b[^.]{0,40}(\d{4}[ -]?){3}\d{4}|"
                     r"\biban\b:?\s*[a-z]{2}\d{2}", re.I)
_DONATE_PATH = re.compile(r"/(donat\w*|support|podderzh\w*|qoldau|membership|subscribe|rassylka|newsletter|patron\w*|"
                          r"sponsor\w*)\b", re.I)
_CREDIT_CLASSES = {"caption", "credit", "credits", "copyright", "photo-credit", "source", "byline-photo"}


@dataclass(frozen=True)
class Signals:
    """Structure around the text: links (href, text), the whole paragraph wrapped in em/strong, classes,
    and the element's tag (a <p> sits in running text; an <li> or <div> may be one item of a menu)."""

    links: tuple[tuple[str, str], ...] = ()
    wrapped: bool = False
    classes: frozenset[str] = frozenset()
    tag: str = ""


def _host(href: str) -> str:
    try:
        host = urlsplit(href.strip()).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.").removeprefix("m.")


def _host_in(host: str, hosts: tuple[str, ...]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


# Cheap substring gates: a pattern group is only run when one of its stems is in the lower-cased text.
_STEMS = {
    "platform": ("telegram", "телеграм", "телег", "tg", "whats", "ватсап", "вотсап", "viber", "вайбер", "instagram", "инстаграм",
                 "youtube", "ютуб", "facebook", "фейсбук", "tik", "тикток", "twitter", "твиттер", "vk", "вк", "дзен",
                 "dzen", "одноклассник", "rutube", "рутуб", "threads", "linkedin", "on x", "в x", "x (", "@", "bluesky",
                 "discord", "дискорд", "google", "яндекс"),
    "channel": ("channel", "bot", "community", "канал", "бот", "сообществ", "арна", "kanal", "page", "страниц",
                "sahifa", "саҳифа", "network", "соцсет", "социальн", "желі", "tarmoq"),
    "newsletter": ("letter", "first sent", "newsletter", "digest", "inbox", "briefing", "рассылк", "дайджест", "почт", "dayjest", "дайжест",
                   "mail", "пошта", "pochta", "unsubscribe", "spam", "отпис", "спам", "poşta", "taratylym", "таратылым"),
    "app": ("app", "application", "download", "скача", "загруз", "приложени", "ilova", "илова", "қосымша", "qosymşa", "google play",
            "rustore", "ios", "android",
            "push", "alerts", "уведомлени", "notification", "bildirishnoma", "билдиришнома", "хабарландыру"),
    "tip": ("drop", "something we should", "moderat", "модерац", "ctrl", "mistake", "error", "typo", "inaccura",
            "ошибк", "опечатк", "неточн", "xato", "хато", "қате",
            "story", "tip", "send us", "share your", "newsroom", "write to", "let us know", "correction", "@", "очевид",
            "свидетел", "есть", "присылайте", "пишите", "напишите", "сообщите", "предложить", "сообщить", "видели",
            "yuboring", "юборинг", "бізге", "bizga", "clarification", "editor", "исправлен", "уточнен", "от редакции",
            "earlier version", "has been", "версии", "шоҳид", "фиристед", "guvoh", "гувоҳ",
            "хабарлаңыз", "habarlañyz", "хабарласыңыз", "habarlasyñyz", "жазыңыз", "jazyñyz", "жіберіңіз", "jıberıñız"),
    "paywall": ("free articles", "free stories", "free reads", "бесплатных", "reading", "читать", "subscriber", "members",
                "trial", "подписчик", "obunachi", "обуначи", "жазылушы", "full story", "full article",
                "whole story", "whole article", "entire story", "entire article", "rest of the story", "rest of the article",
                "по подписке", "по платной подписке", "full version", "full text", "complete version", "complete text"),
    "podcast": ("podcast", "подкаст"),
    "ad_any": ("partnership", "editorial", "бин", "иин", "инн", "erid", "giveaway", "contest", "competition",
               "prize draw", "конкурс", "розыгрыш", "this post", "our post", "friend", "лайк", "репост", "друз", "layk"),
}
_AD_ANY = _rx(r"\bin partnership with\b.*\b(does not|editorial)", r"\bdoes not reflect the editorial\b",
              r"\benter our (reader |readers' )?(giveaway|contest|competition|prize draw)\b",
              r"\b(giveaway|contest|competition|prize draw)\b.{0,80}\bterms and conditions apply\b",
              r"(правила|условия) (конкурса|розыгрыша)\s*[—–-]",
              # a giveaway's orders to the reader ("Like this post, tag two friends…", «Поставьте лайк и отметьте друга»)
              r"(^|[.!?:]\s+|[^\w\s.,;]\s*)(like|share|repost) (this|our) post\b", r"\btag (two|three|\d|a|your) friends?\b",
              r"(^|[.!?:]\s+|[^\w\s.,;]\s*)(поставьте лайк|сделайте репост|отметьте (\w+ )?друз|лайк басыңыз|layk bosing|лайк босинг)",
              r"\b(бин|иин|инн)\s*\d{6,}", r"\berid\s*:")


class _Para:
    """One paragraph's text, with its pattern tests run on demand (most paragraphs need few)."""

    def __init__(self, s: str):
        self.s, self.low = s, s.lower()
        own = _QUOTED.sub(" ", s)  # what the outlet says itself, not what it quotes
        # An opening quote never closed (the quote runs on into the next paragraph), or a paragraph of
        # direct speech opened by a dash ("— Мы запустили бот, — сообщил аким").
        self.own = "" if _OPEN_QUOTE.match(own) else own
        self._memo: dict[str, bool] = {}

    def has(self, name: str, rx: re.Pattern, text: str | None = None) -> bool:
        if name not in self._memo:
            stems = _STEMS.get(name)
            gate = stems is None or any(st in self.low for st in stems)
            self._memo[name] = gate and rx.search(self.s if text is None else text) is not None
        return self._memo[name]


def promo_kind(text: str, signals: Signals | None = None, position: str | None = None) -> str | None:
    """The kind of promo/navigation line this paragraph is, or None for prose.

    position is "start", "middle", "end" (of the article body) or None when unknown.
    """
    return _promo_kind(text, signals, position if position in ("start", "end") else None)


_TAG = re.compile(r"^[#@][\w.]{2,}[.,;:!]?$")
_SEPARATORS = " .:;,!?—–-|/→►▶»>⇒➡👉()[]"


def _label_only(rest: str) -> bool:
    """What a link row says besides its links: nothing, or a short label ("Background:", "Контекст →",
    "ICYMI —", "Важно:"), not a sentence."""
    words = rest.strip(_SEPARATORS).split()
    return len(words) <= 3 and not re.search(r"[.!?]\s+\S", rest)


@lru_cache(maxsize=4096)
def _promo_kind(text: str, signals: Signals | None, position: str | None) -> str | None:
    s = _norm(text)
    if not s:
        return None
    t = _Para(s)
    known = signals is not None  # text alone: no links or wrapper to go by
    sig = signals or Signals()
    n = len(s)
    link_texts = [_norm(x) for _, x in sig.links]
    link_text = sum(map(len, link_texts))
    link_share = link_text / n if n else 0.0
    hosts = [_host(h) for h, _ in sig.links]
    social = any(_host_in(h, SOCIAL_HOSTS) for h in hosts)
    store = any(_host_in(h, STORE_HOSTS) for h in hosts)
    donate_link = any(_host_in(h, DONATE_HOSTS) for h in hosts) or any(_DONATE_PATH.search(h) for h, _ in sig.links)
    short = n <= 160
    # A paragraph of running text (several sentences) at the body's edge is the lead or the close of
    # the story: its place there is no sign of a prompt, only its wording is.
    edge = position is not None and n <= 300
    bare = ARROW.sub("", EMOJI.sub("", s)).strip(" .!:—–-|")
    # What the line says outside its links ("Background: <a>headline</a>" → "Background:").
    rest = s
    for x in filter(None, link_texts):
        rest = rest.replace(x, " ", 1)

    def said() -> bool:
        return t.has("said", ATTRIBUTION)

    def cta() -> bool:
        return t.has("cta", CTA, t.own)

    def self_ref() -> bool:
        if "self" not in t._memo:
            t._memo["self"] = _says_our(t.own)
        return t._memo["self"]

    # Labels that open a line; a sentence that merely starts with the word runs on without a break.
    if n <= 140 and CREDIT_LABEL.search(bare) and not said() or n <= 70 and CREDIT_PHRASE.search(bare) \
            or n <= 90 and UPDATE_STAMP.match(bare):
        return "credit"
    if sig.classes & _CREDIT_CLASSES and n <= 200:
        return "credit"
    if (n <= 200 or sig.wrapped) and (AD_LABEL.search(bare) or t.has("ad_any", _AD_ANY)):
        return "ad"
    if n <= 240 and PROMO_CODE.search(s) and _CODE.search(s) and not said():
        return "ad"
    if (n <= 220 or link_share >= 0.3) and RELATED_LABEL.search(bare):
        return "related"
    if n <= 120 and CATEGORY_LABEL.search(bare) and not any(c.isdigit() for c in s):
        return "related"
    if RELATED_SOFT.search(bare) and (link_share >= 0.5 or n <= 25) or RELATED_WE.search(bare) and (sig.links and n <= 220
                                                                                                  or n <= 25):
        return "related"
    if n <= 200 and RELATED_ALL.search(bare) and (sig.links or ARROW.match(s) or self_ref() or _POINTS.search(s)) \
            and not said():
        return "related"
    if n <= 240 and t.has("app", APP) and APP_ORDER.search(s) and not said():
        return "app"
    if n <= 40 and (label := BARE_LABEL.match(bare)):  # a widget's label left alone ("Поделиться:", "✉️ Newsletter")
        return label.lastgroup.replace("_", "-")
    if (short or sig.wrapped or edge) and t.has("tip", TIP) and not (said() and not self_ref()):
        return "tip"
    if n <= 200 and CREDIT_TAIL.search(s) and not said():
        return "credit"
    if (short or sig.wrapped or edge) and ABOUT_PIECE.search(bare) and not said():
        return "credit"
    if (sig.wrapped or edge and position == "end") and AUTHOR_BIO.search(bare) and not said():
        return "credit"
    if n <= 300 and LEGAL_NOTE.search(bare) or n <= 60 and AGE_LABEL.search(bare):
        return "ad"
    if n <= 120 and AUDIO.search(bare):
        return "social-follow"
    # The outlet's offer with a call-to-action link ("The Caspian Brief lands every Tuesday … Get it free").
    if ((short or sig.wrapped or edge) and n <= 240 and any(CTA_ANCHOR.match(x.strip(" →»>")) for x in link_texts)
            and not said()):
        return ("newsletter" if t.has("newsletter", NEWSLETTER) else
                "donate" if t.has("paywall", PAYWALL) or t.has("donate", DONATE) else "social-follow")
    if n <= 220 and not said() and (t.has("paywall", PAYWALL) or t.has("podcast", PODCAST)):
        return "donate" if t.has("paywall", PAYWALL) else "social-follow"
    if short and self_ref() and not said() and any(h.lower().startswith("mailto:") for h, _ in sig.links):
        return "tip"  # "Seen something? Drop our newsroom a line at desk@…"

    if _SOCIAL_URL.match(bare):
        return "social-follow"
    # A row of hashtags and handles ("#water #Almaty #utilities", "#FollowUs on X @handle #News").
    tokens = s.split()
    if len(tokens) >= 2 and sum(bool(_TAG.match(w)) for w in tokens) * 2 >= len(tokens) and not said():
        return "social-follow" if social or t.has("platform", PLATFORM) else "related"
    # Links to two or more networks in a short line: a follow row, whatever its verbs ("Мы есть в Телеге, ВК…").
    if short and len({h for h in hosts if _host_in(h, SOCIAL_HOSTS)}) >= 2 and not said():
        return "social-follow"
    # A breadcrumb in the running text: section links and nothing but separators between them
    # ("Главная › Общество › Образование"). (Teaser blocks of linked titles are the block rules' business.)
    if (sig.tag == "p" and len(set(filter(None, link_texts))) >= 2 and n <= 120 and any(c in rest for c in "›»>/|→·•")
            and not rest.strip(_SEPARATORS + "›‹·•") and all(len(x.split()) <= 3 for x in link_texts)
            and not social and not store):
        return "related"
    # Another story's headline as a link, alone or after a short label, in a paragraph of the running
    # text: navigation, not the story. A headline is a phrase of four words or more; a product or a
    # name after a label is not one. (Teasers in menus and carousels are the block rules' business:
    # taking them out one by one leaves their headings behind as text.)
    if (sig.tag == "p" and not social and not store and n <= 200 and link_share >= 0.6 and _label_only(rest)
            and max(len(x.split()) for x in link_texts) >= 4 and not said()):
        return "related"
    topical = [name for name, rx in (("newsletter", NEWSLETTER), ("app", APP), ("donate", DONATE),
                                     ("platform", PLATFORM), ("channel", CHANNEL)) if t.has(name, rx)]
    if not topical and not social and not store:
        return "related" if bare and ARROW.match(s) and (link_share >= 0.6 or not known and n <= 160) else None
    if not (social or store) and said() and not self_ref():
        return None  # news about a channel, an app, a fund

    if t.has("newsletter", NEWSLETTER) and (cta() and (self_ref() or short or donate_link) or self_ref() and short
                                              or link_share >= 0.6 and short):
        return "newsletter"
    if t.has("app", APP) and (store or (short or sig.wrapped) and (self_ref() or cta() and edge or
                                                                    sig.wrapped and cta())):
        return "app"
    if t.has("donate", DONATE) and (donate_link or PAYMENT.search(s) or cta() and (self_ref() or sig.wrapped or edge) and not said()
                                    or self_ref() and short and edge):
        return "donate"
    platform = social or t.has("platform", PLATFORM)
    if platform or t.has("channel", CHANNEL):
        # "Follow us on X", "Наш Instagram: @…", "Жаңалықтарды Telegram-арнамыздан оқыңыз", a row of network links.
        if social and link_share >= 0.6 and short:
            return "social-follow"
        if platform and (cta() and (self_ref() or short or edge) or self_ref() and (short or sig.wrapped or edge)):
            return "social-follow"
        if t.has("channel", CHANNEL) and self_ref() and cta() and (short or sig.wrapped) and not said():
            return "social-follow"
    if bare and ARROW.match(s) and (link_share >= 0.6 or not known and n <= 160):
        return "related"
    if social and link_share >= 0.9:
        return "social-follow"
    return None


def signals_of(el) -> Signals:
    """Links, em/strong wrapper and classes of an lxml element."""
    # Anchors without an href (<a name="…">) are targets, not links.
    links = tuple((a.get("href"), a.text_content()) for a in el.iter("a") if (a.get("href") or "").strip())
    wrapped = False
    kids = [k for k in el if isinstance(k.tag, str)]
    if len(kids) == 1 and not (el.text or "").strip() and not (kids[0].tail or "").strip(" .!\n\t"):
        wrapped = kids[0].tag in ("em", "i", "strong", "b", "small")
    classes = set()
    for node in (el, *el.iter("span", "small", "em", "i")):
        classes |= set(re.split(r"[\s_]+", (node.get("class") or "").lower())) - {""}
    return Signals(links=links, wrapped=wrapped, classes=frozenset(classes), tag=el.tag if isinstance(el.tag, str) else "")


def element_promo_kind(el, position: str | None = None) -> str | None:
    return promo_kind(el.text_content(), signals_of(el), position)
