"""Dates, times and weekdays read from each language (releases/facts/dates.py)."""

import pytest

from releases.facts import dates


def values(reader, text: str, kind: str, year: int | None = 2023) -> list:
    facts, _masked = reader(text, 1, year)
    return [fact.value for fact in facts if fact.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on August 14", [(None, 8, 14)]),
        ("on 20 February 2027", [(2027, 2, 20)]),
        ("on November 29, 2023", [(2023, 11, 29)]),
        ("from 29 to 30 November 2023", [(2023, 11, 29), (2023, 11, 30)]),
        ("from 29 November to 1 December 2023", [(2023, 11, 29), (2023, 12, 1)]),
    ],
)
def test_english_dates(text, expected):
    assert values(dates.english, text, dates.DATE) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("八月十四日", [(None, 8, 14)]),
        ("8月14日", [(None, 8, 14)]),
        ("2027年2月20日", [(2027, 2, 20)]),
        ("於本年11月29至30日", [(None, 11, 29), (None, 11, 30)]),
        ("今年十一月二十九日", [(None, 11, 29)]),
        ("去年3月1日", [(2022, 3, 1)]),
    ],
)
def test_chinese_dates_with_this_years_words(text, expected):
    assert values(dates.chinese, text, dates.DATE) == expected


@pytest.mark.parametrize(
    ("reader", "text", "expected"),
    [
        (dates.english, "at 10.30am", (10, 30)),
        (dates.english, "at 5pm", (17, 0)),
        (dates.english, "at 5 p.m.", (17, 0)),
        (dates.english, "at noon", (12, 0)),
        (dates.english, "the 12 midnight deadline", (0, 0)),
        (dates.chinese, "上午10時30分", (10, 30)),
        (dates.chinese, "下午5時", (17, 0)),
        (dates.chinese, "晚上八時半", (20, 30)),
    ],
)
def test_times(reader, text, expected):
    assert values(reader, text, dates.TIME) == [expected]


def test_noon_alone_is_a_word_not_a_time():
    assert values(dates.english, "Noon release", dates.TIME) == []


def test_a_weekday_beside_its_date_is_checked_against_the_calendar():
    right = values(dates.english, "on Monday (August 14)", dates.WRONG_WEEKDAY)
    wrong = values(dates.english, "on Tuesday (August 14)", dates.WRONG_WEEKDAY)
    wrong_zh = values(dates.chinese, "8月14日（星期二）", dates.WRONG_WEEKDAY)

    assert right == []
    assert wrong == [(1, 0)]  # written Tuesday; 14 August 2023 was a Monday
    assert wrong_zh == [(1, 0)]
    assert values(dates.chinese, "8月14日（星期一）", dates.WEEKDAY) == [0]
