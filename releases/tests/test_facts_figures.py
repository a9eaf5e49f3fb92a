"""Figures read from each language to one value and unit (releases/facts/figures.py)."""

from decimal import Decimal

import pytest

from releases.facts import figures


def read(reader, text: str) -> list[tuple[Decimal, str | None]]:
    facts, _masked = reader(text, 1)
    return [(fact.value, fact.unit) for fact in facts]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("about 9 million cigarettes", 9_000_000, None),
        ("about $25 million", 25_000_000, figures.MONEY),
        ("HK$1.38 billion", 1_380_000_000, figures.MONEY),
        ("about 140 000 sticks", 140_000, None),
        ("about 140,000 sticks", 140_000, None),
        ("12.5 per cent", Decimal("12.5"), figures.PERCENT),
        ("12.5%", Decimal("12.5"), figures.PERCENT),
        ("the 39th meeting", 39, figures.ORDINAL),
        ("a 63-year-old man", 63, figures.AGE),
        ("a man aged 63", 63, figures.AGE),
        ("120 kilograms", 120, figures.KG),
        ("3 tonnes", 3, figures.TONNE),
        ("US$2 million", 2_000_000, figures.US_MONEY),
    ],
)
def test_english_figures_are_read_with_their_scale_and_unit(text, value, unit):
    assert read(figures.english, text) == [(Decimal(value), unit)]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("約900萬支", 9_000_000, None),
        ("市值約2,500萬元", 25_000_000, figures.MONEY),
        ("13.8億港元", 1_380_000_000, figures.MONEY),
        ("約14萬", 140_000, None),
        ("百分之十二", 12, figures.PERCENT),
        ("12.5%", Decimal("12.5"), figures.PERCENT),
        ("第三十九屆", 39, figures.ORDINAL),
        ("63歲", 63, figures.AGE),
        ("120公斤", 120, figures.KG),
        ("３公噸", 3, figures.TONNE),
        ("二十三名", 23, None),
        ("一百零五宗", 105, None),
        ("港幣3,000元", 3000, figures.MONEY),
    ],
)
def test_chinese_figures_are_read_with_their_scale_and_unit(text, value, unit):
    assert read(figures.chinese, text) == [(Decimal(value), unit)]


def test_number_words_count_but_are_weak():
    facts, _masked = figures.english("two men and the first day; one million sticks", 1)

    assert [(f.text, f.value, f.weak) for f in facts] == [
        ("two", 2, True),
        ("first", 1, True),
        ("one million", 1_000_000, False),
    ]


def test_chinese_numerals_count_only_before_a_measure_word():
    facts, _masked = figures.chinese("兩名男子十分合作，一般而言統一處理", 1)

    assert [(f.text, f.value, f.weak) for f in facts] == [("兩名", 2, True)]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("七", 7), ("二十三", 23), ("兩", 2), ("〇", 0), ("九百萬", 9_000_000), ("二〇二三", 2023)],
)
def test_chinese_numerals_are_read_by_cn2an(numeral, value):
    assert figures.chinese_number(numeral) == value


def test_a_numeral_cn2an_cannot_read_is_no_figure():
    assert figures.chinese_number("十三點八億") is None
