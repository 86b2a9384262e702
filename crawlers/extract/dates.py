"""Publication dates: parse machine-readable and visible dates, keep the minute, store UTC.

A date known only to the day is kept as that day at 00:00 UTC with precision "day";
no time of day is ever invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

MINUTE, DAY = "minute", "day"

RU_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}
EN_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
# Uzbek (Latin) and Kazakh month names, as Kun.uz / Gazeta.uz / Kazakh-language pages print them.
UZ_MONTHS = {m: i + 1 for i, m in enumerate(
    ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avgust", "sentabr", "oktabr", "noyabr", "dekabr"])}
KK_MONTHS = {m: i + 1 for i, m in enumerate(
    ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"])}

TLD_ZONES = {
    "kz": "Asia/Almaty", "kg": "Asia/Bishkek", "uz": "Asia/Tashkent", "tj": "Asia/Dushanbe",
    "tm": "Asia/Ashgabat", "ru": "Europe/Moscow", "az": "Asia/Baku",
}


@dataclass(frozen=True)
class FoundDate:
    value: datetime  # UTC, tz-aware
    precision: str   # "minute" | "day"
    method: str      # where it came from: jsonld, meta, time-tag, feed, visible-text, url, htmldate

    def iso(self) -> str:
        return self.value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def zone_for(url: str | None, configured: str | None) -> tzinfo:
    """Zone for offset-less dates: the source's configured zone, else a guess from the TLD, else UTC."""
    if configured:
        return ZoneInfo(configured)
    if url:
        from newsmon.crawlers.extract.urls import host_of

        tld = host_of(url).rsplit(".", 1)[-1]
        if tld in TLD_ZONES:
            return ZoneInfo(TLD_ZONES[tld])
    return UTC


_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)


def _offset(tz: str) -> timezone:
    if tz == "Z":
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4])))


def parse_machine_date(value: str, zone: tzinfo, method: str) -> FoundDate | None:
    """ISO 8601 (JSON-LD, meta, <time datetime>) or RFC 822 (RSS pubDate)."""
    value = (value or "").strip()
    if not value:
        return None
    m = _ISO.search(value)
    if m:
        try:
            d = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        if m["H"] is None:
            return FoundDate(datetime.combine(d, time(), UTC), DAY, method)
        tz = _offset(m["tz"]) if m["tz"] else zone
        local = datetime.combine(d, time(int(m["H"]), int(m["M"]), int(m["S"] or 0)), tz)
        return FoundDate(local.astimezone(UTC), MINUTE, method)
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
    return FoundDate(dt.astimezone(UTC), MINUTE, method)


# A year word after the year: «г.», «года», Uzbek "yil"/«йил», Kazakh «ж.»/«жыл», Kyrgyz «жыл»/«-жылы»,
# Tajik «сол» — hyphenated or not ("2026-yil", «2026-жыл»).
_YEAR_WORD = r"(?:г\.|года|год|-?yil\w*|y\.|-?йил\w*|ж\.|-?жыл\w*|-?сол\w*)"
_TIME = (r"(?:\s*" + _YEAR_WORD + r"?\s*[,|•·–—-]?\s*(?:(?:в|at|soat|соат|сағат|саат)\s+)?(?P<H>\d{1,2})[:.](?P<M>\d{2})"
         r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?(?:\s*\(?(?:GMT|UTC)\s*(?P<off>[+-]\d{1,2})(?::?(?P<offm>\d{2}))?\)?)?)?")
_RU_TEXT = re.compile(r"(?<!\d)(?P<d>\d{1,2})[\s-]+(?P<mon>[а-яёәғқңөұүһіўҳ]+)[\s,]+(?:соли\s+)?(?P<y>\d{4})" + _TIME, re.I)
_EN_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[\s-]+(?P<mon>[A-Za-z']{3,9})\.?,?\s+(?P<y>\d{4})" + _TIME)
_EN_MDY = re.compile(r"\b(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME)
# "21.11.2026", and DataLife Engine's "5-12-2026, 10:15" (day first, one separator throughout; "/" is left
# out: "12/05/2026" is month first on English pages).
_NUMERIC = re.compile(r"(?<![\d.-])(?P<d>\d{1,2})(?P<sep>[.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d-])" + _TIME)
_ISO_VISIBLE = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T](?P<H>\d{2}):(?P<M>\d{2}))?(?![\d:])")
# Year first, as Kazakh, Uzbek and Kyrgyz pages print it: «2026 жылғы 5 желтоқсан», "2026-yil 5-dekabr",
# «2026-жылдын 5-декабры».
_YEAR_FIRST = re.compile(r"(?<!\d)(?P<y>\d{4})\s*" + _YEAR_WORD + r"\s*,?\s*(?P<d>\d{1,2})[\s-]+"
                         r"(?P<mon>[A-Za-zа-яёәғқңөұүһіўҳ'ʻ’]{3,})" + _TIME, re.I)
_TIME_FIRST = re.compile(
    r"(?<![\d:])(?P<H>\d{1,2}):(?P<M>\d{2})\s*[,|•·]?\s*(?P<d>\d{1,2})[.\s](?P<m>\d{1,2}|[а-яёA-Za-z]+)[.\s](?P<y>\d{4})", re.I)


def _month(name: str) -> int | None:
    n = name.lower()
    for stem, num in RU_MONTHS.items():
        if n.startswith(stem) and (stem != "ма" or n in ("мая", "май")):
            return num
    for table in (KK_MONTHS, UZ_MONTHS):
        for stem, num in table.items():
            if n.startswith(stem):
                return num
    return EN_MONTHS.get(n[:3]) if n[:3] in EN_MONTHS and n.isascii() else None


def _build(m: re.Match[str], month: int | None, zone: tzinfo) -> FoundDate | None:
    if month is None:
        return None
    try:
        d = date(int(m["y"]), month, int(m["d"]))
    except ValueError:
        return None
    if not (1990 <= d.year <= 2100):
        return None
    if m["H"] is None:
        return FoundDate(datetime.combine(d, time(), UTC), DAY, "visible-text")
    hour, minute = int(m["H"]), int(m["M"])
    ampm = (m.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    off = m.groupdict().get("off")
    if off:  # "14:05 GMT+5": the page states its own offset
        sign = -1 if off.startswith("-") else 1
        zone = timezone(sign * timedelta(hours=abs(int(off)), minutes=int(m.groupdict().get("offm") or 0)))
    local = datetime.combine(d, time(hour, minute), zone)
    return FoundDate(local.astimezone(UTC), MINUTE, "visible-text")


def parse_visible_date(text: str, zone: tzinfo) -> FoundDate | None:
    """First absolute date in a short text ("21 ноября 2026, 14:05", "Nov 21, 2026 2:05 PM", "21.11.2026 14:05",
    «2026 жылғы 5 желтоқсан, 14:30»)."""
    found: list[tuple[int, FoundDate]] = []
    for rx in (_RU_TEXT, _EN_DMY, _EN_MDY, _YEAR_FIRST):
        for m in rx.finditer(text):
            fd = _build(m, _month(m["mon"]), zone)
            if fd:
                found.append((m.start(), fd))
                break
    for m in _NUMERIC.finditer(text):
        fd = _build(m, int(m["m"]) if 1 <= int(m["m"]) <= 12 else None, zone)
        if fd:
            found.append((m.start(), fd))
            break
    for m in _ISO_VISIBLE.finditer(text):
        fd = _build(m, int(m["m"]) if 1 <= int(m["m"]) <= 12 else None, zone)
        if fd:
            found.append((m.start(), fd))
            break
    for m in _TIME_FIRST.finditer(text):
        mon = m["m"]
        fd = _build(m, int(mon) if mon.isdigit() else _month(mon), zone)
        if fd:
            found.append((m.start(), fd))
            break
    if not found:
        return None
    # A stamp with a time of day is the publication line far more often than a bare date in
    # the prose ("on 12 November"): earliest minute-precise match first, then earliest day.
    found.sort(key=lambda p: (p[1].precision != MINUTE, p[0]))
    return found[0][1]


_URL_DATE = re.compile(r"/(?P<y>20\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)")


def date_from_url(url: str) -> FoundDate | None:
    m = _URL_DATE.search(url)
    if not m:
        return None
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return FoundDate(datetime.combine(d, time(), UTC), DAY, "url")
