"""The hour of the day in Chinese, as the desk's schedule and the embargo's banner write it."""

from datetime import datetime

import pytest

from pressroom.hours import chinese_hour


@pytest.mark.parametrize(
    ("hour", "minute", "words"),
    [
        (0, 15, "上午12時15分"),
        (9, 0, "上午9時"),
        (11, 30, "上午11時30分"),
        (12, 0, "中午12時"),
        (12, 45, "中午12時45分"),
        (13, 0, "下午1時"),
        (17, 59, "下午5時59分"),
        (18, 0, "晚上6時"),
        (23, 5, "晚上11時5分"),
    ],
)
def test_the_half_of_the_day_in_words_then_the_hour_then_its_minutes(hour, minute, words):
    assert chinese_hour(datetime(2026, 12, 5, hour, minute)) == words
