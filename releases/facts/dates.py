"""Dates, times and weekdays as each language writes them.

A date is (year or None, month, day): 八月十四日, 8月14日, 2027年2月20日,
本年11月29至30日 against August 14, 20 February 2027, from 29 to 30 November
2023. A year stated in one language only is no disagreement (None matches any
year), nor is 本年/今年 against the year the other language states; 去年 and
明年 count from the release's own year. A time is (hour, minute,
half of the day or None): 上午10時30分, 下午5時 against 10.30am, 5pm. A weekday
written beside a date must be that date's.
"""

import re
from datetime import date

from releases.facts.figures import chinese_number
from releases.facts.text import Fact, extract

DATE, TIME, WEEKDAY, WRONG_WEEKDAY = "date", "time", "weekday", "wrong-weekday"
TWELVE_HOUR = "12-hour"
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ZH_WEEKDAYS = "一二三四五六日"

_MONTH = r"(?P<{}month>" + "|".join(m.capitalize() for m in MONTHS) + r")"
_DAY_RANGE = r"(?P<{0}day>\d{{1,2}})(?:st|nd|rd|th)?(?: ?(?:to|and|-) ?(?P<{0}to>\d{{1,2}}))?"
_YEAR = r"(?:,? (?P<year>(?:19|20)\d{2}))?"
_EN_WEEKDAY = r"(?:(?P<weekday>" + "|".join(w.capitalize() for w in WEEKDAYS) + r"),? (?:\()?)?"
_EN_DATE = re.compile(
    rf"{_EN_WEEKDAY}(?:{_DAY_RANGE.format('')} {_MONTH.format('')}"
    rf"|{_MONTH.format('m_')} {_DAY_RANGE.format('m_')})\b"
    rf"{_YEAR}(?P<after>\)? ?\(?(?P<weekday_after>"
    + "|".join(w.capitalize() for w in WEEKDAYS)
    + r")\)?)?"
)
_EN_WEEKDAY_ALONE = re.compile(r"\b(" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b")
_EN_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))? ?(?P<half>am|pm|a\.m\.|p\.m\.)"
    # "at noon", "12 noon": a time; noon alone may be a word of a title ("Noon release").
    r"|\b(?:at|12) (?P<word>noon|midday|midnight)\b",
    re.IGNORECASE,
)

_EN_DATE_HINT = re.compile("|".join(m.capitalize() for m in MONTHS))
_EN_TIME_HINT = re.compile(r"\d ?[ap]\.?m|noon|midday|midnight", re.IGNORECASE)
_EN_WEEKDAY_HINT = re.compile("day")
_CN = "〇零一二三四五六七八九十"
_ZH_NUMBER = rf"\d{{1,2}}|[{_CN}]{{1,3}}"
_ZH_DATE = re.compile(
    rf"(?:(?P<year>\d{{4}}|[{_CN}]{{4}})年|(?P<relative>本年|今年|去年|明年))?"
    rf"(?P<month>{_ZH_NUMBER})月(?P<day>{_ZH_NUMBER})(?:日|號)?"
    rf"(?: ?(?:至|到|及|和|、|-) ?(?P<to>{_ZH_NUMBER}))?(?:日|號)"
    rf"(?P<after> ?[（(]?(?:星期|週|周)(?P<weekday_after>[{_ZH_WEEKDAYS}天])[）)]?)?"
)
_ZH_WEEKDAY_ALONE = re.compile(rf"(?:星期|週|周)([{_ZH_WEEKDAYS}天])")
_ZH_TIME = re.compile(
    rf"(?P<half>上午|下午|晚上|早上|凌晨|中午|正午|傍晚|晚)? ?(?P<hour>{_ZH_NUMBER})[時时點]"
    rf"(?:(?P<minute>{_ZH_NUMBER})分|(?P<half_hour>半))?"
)
_ZH_DATE_HINT = re.compile("月")
_ZH_TIME_HINT = re.compile("[時时點]")
_ZH_WEEKDAY_HINT = re.compile("[星週周]")
_AFTERNOON = {"下午", "晚上", "傍晚", "晚"}
_MORNING = {"上午", "早上", "凌晨"}


def english(text: str, paragraph: int, year: int | None) -> tuple[list[Fact], str]:
    """Every date, weekday and time of an English paragraph; the text with them masked."""
    facts, masked = extract(
        _EN_DATE, text, lambda m: _english_date(m, paragraph, year), _EN_DATE_HINT
    )
    times, masked = extract(_EN_TIME, masked, lambda m: _english_time(m, paragraph), _EN_TIME_HINT)
    weekdays, masked = extract(
        _EN_WEEKDAY_ALONE,
        masked,
        lambda m: Fact(WEEKDAY, WEEKDAYS.index(m[1].lower()), m[0], paragraph),
        _EN_WEEKDAY_HINT,
    )
    return _with_range_years(facts) + times + weekdays, masked


def chinese(text: str, paragraph: int, year: int | None) -> tuple[list[Fact], str]:
    """Every date, weekday and time of a Chinese paragraph; the text with them masked."""
    facts, masked = extract(
        _ZH_DATE, text, lambda m: _chinese_date(m, paragraph, year), _ZH_DATE_HINT
    )
    times, masked = extract(_ZH_TIME, masked, lambda m: _chinese_time(m, paragraph), _ZH_TIME_HINT)
    weekdays, masked = extract(
        _ZH_WEEKDAY_ALONE,
        masked,
        lambda m: Fact(WEEKDAY, _zh_weekday(m[1]), m[0], paragraph),
        _ZH_WEEKDAY_HINT,
    )
    return facts + times + weekdays, masked


def _number(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    value = chinese_number(written)
    return int(value) if value is not None else None


def _days(
    text: str, paragraph: int, year: int | None, month: int, days: list[int | None]
) -> list[Fact]:
    facts = []
    for day in days:
        if day is None or not 1 <= month <= 12 or not 1 <= day <= 31:
            continue
        facts.append(Fact(DATE, (year, month, day), text, paragraph))
    return facts


def _weekday_check(
    facts: list[Fact], weekday: int | None, written: str, paragraph: int, year: int | None
) -> list[Fact]:
    """The weekday written beside a date, and a finding of its own when the calendar differs."""
    if weekday is None or not facts:
        return facts
    stated_year, month, day = facts[0].value
    found = [*facts, Fact(WEEKDAY, weekday, written, paragraph)]
    try:
        actual = date(stated_year or year, month, day).weekday() if (stated_year or year) else None
    except ValueError:
        actual = None
    if actual is not None and actual != weekday:
        found.append(Fact(WRONG_WEEKDAY, (weekday, actual), facts[0].text, paragraph))
    return found


def _english_date(match: re.Match, paragraph: int, year: int | None) -> list[Fact]:
    month = MONTHS.index((match["month"] or match["m_month"]).lower()) + 1
    day, to = (match["day"], match["to"]) if match["day"] else (match["m_day"], match["m_to"])
    stated_year = int(match["year"]) if match["year"] else None
    days = [int(day), int(to) if to else None]
    written_date = match[0].strip(" (")
    if written_date.count("(") > written_date.count(")"):
        written_date += ")"  # "Monday (August 14)": the bracket closed as written
    facts = _days(written_date, paragraph, stated_year, month, days)
    written = match["weekday"] or match["weekday_after"]
    weekday = WEEKDAYS.index(written.lower()) if written else None
    return _weekday_check(facts, weekday, written or "", paragraph, year)


def _with_range_years(facts: list[Fact]) -> list[Fact]:
    """ "29 November to 1 December 2023": the year written once at the end is the start's too."""
    result = list(facts)
    for index, fact in enumerate(result[:-1]):
        after = result[index + 1]
        later = (after.value[1:] > fact.value[1:]) if after.kind == DATE else False
        if fact.kind == DATE == after.kind and fact.value[0] is None and after.value[0] and later:
            result[index] = Fact(
                DATE, (after.value[0], *fact.value[1:]), fact.text, fact.paragraph
            )
    return result


def _chinese_date(match: re.Match, paragraph: int, year: int | None) -> list[Fact]:
    # 本年 and 今年 match any year the other language states: the release's own, as written.
    relative = {"去年": -1, "明年": 1}.get(match["relative"] or "")
    stated_year = _number(match["year"]) if match["year"] else None
    if relative is not None and year is not None:
        stated_year = year + relative
    month = _number(match["month"]) or 0
    days = [_number(match["day"]), _number(match["to"]) if match["to"] else None]
    facts = _days(match[0], paragraph, stated_year, month, days)
    written = match["weekday_after"]
    weekday = _zh_weekday(written) if written else None
    return _weekday_check(facts, weekday, match["after"] or "", paragraph, year)


def _zh_weekday(character: str) -> int:
    return 6 if character == "天" else _ZH_WEEKDAYS.index(character)


def _english_time(match: re.Match, paragraph: int) -> Fact | None:
    if match["word"]:
        hour = 0 if match["word"].lower() == "midnight" else 12
        return Fact(TIME, (hour, 0), match[0], paragraph)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if not 1 <= hour <= 12 or minute > 59:
        return None
    afternoon = match["half"].lower().startswith("p")
    return Fact(TIME, (hour % 12 + (12 if afternoon else 0), minute), match[0], paragraph)


def _chinese_time(match: re.Match, paragraph: int) -> Fact | None:
    hour = _number(match["hour"])
    minute = 30 if match["half_hour"] else _number(match["minute"]) if match["minute"] else 0
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    half = match["half"] or ""
    if half in _AFTERNOON and hour < 12:
        hour += 12
    elif half in _MORNING and hour == 12:
        hour = 0
    # Without 上午 or 下午 the hour is either half of the day: compared on a 12-hour clock.
    return Fact(TIME, (hour % 24, minute), match[0], paragraph, None if half else TWELVE_HOUR)
