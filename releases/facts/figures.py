"""Figures as each language writes them, read to one value and unit so the two can be compared.

English: 9 million, $25 million, HK$1.38 billion, 140 000 (Hong Kong's space
between thousands), 12.5 per cent, 39th, 63-year-old, 120 kilograms, and
number words (two, seven) where they count something. Chinese: 900萬, 2,500萬元,
13.8億港元, 百分之十二, 第三十九屆, 63歲, 120公斤, and Chinese numerals (七,
二十三, 兩, 〇) before a measure word, read by cn2an.
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from releases.facts.text import Fact, extract

KIND = "figure"
MONEY, US_MONEY, RMB, PERCENT, ORDINAL, AGE = "HK$", "US$", "RMB", "%", "ordinal", "age"
KG, TONNE, GRAM, LITRE = "kg", "tonne", "g", "litre"

# A figure with commas or (in English) spaces between thousands, and decimals. Each pattern
# begins with its digit, so the search skips ahead to the next digit; what may come before
# a figure (about, HK$, 約, 第) is read after, looking back (_BEFORE_EN, _BEFORE_ZH).
_EN_NUMBER = (
    r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d{0,2}(?:[ \u00a0]\d{3})+(?![\d,])|\d*(?:\.\d+)?)"
)
_ZH_NUMBER = r"\d(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)"
_BEFORE_EN = re.compile(
    r"(?:(?:about|around|some|approximately|over|more than|nearly|almost) )?(?P<aged>aged )?"
    r"(?P<currency>HK\$|US\$|RMB ?|\$)?$",
    re.IGNORECASE,
)
_BEFORE_ZH = re.compile(r"(?:大約|約|逾|超過|近)?(?P<pre>第|百分之|港幣|HK\$|US\$|\$|人民幣)?$")
# How far back a figure's prefix may begin.
_LOOK_BACK = 16

_EN_SCALES = {"thousand": 1000, "million": 10**6, "m": 10**6, "billion": 10**9, "bn": 10**9}
_EN_UNITS = {
    "%": PERCENT,
    "per cent": PERCENT,
    "percent": PERCENT,
    "kilogram": KG,
    "kilogramme": KG,
    "kg": KG,
    "tonne": TONNE,
    "ton": TONNE,
    "gram": GRAM,
    "g": GRAM,
    "litre": LITRE,
    "year-old": AGE,
    "years old": AGE,
    "st": ORDINAL,
    "nd": ORDINAL,
    "rd": ORDINAL,
    "th": ORDINAL,
}
_EN_CURRENCIES = {"$": MONEY, "HK$": MONEY, "US$": US_MONEY, "RMB": RMB}
_EN_FIGURE = re.compile(
    r"(?P<number>" + _EN_NUMBER + r")"
    r"(?: ?(?P<scale>thousand|million|billion|bn|m)\b)?"
    r"(?P<unit>%| ?per ?cent\b| ?percent\b|(?:st|nd|rd|th)\b|-year-old\b| years old\b"
    r"| ?(?:kilogram(?:me)?|tonne|ton|gram|litre)s?\b| ?kg\b| ?g\b)?",
    re.IGNORECASE,
)
_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
_LATIN_WORD = re.compile(r"[a-z]+")
_NUMBER_WORDS = {*_WORDS, *_ORDINAL_WORDS}

_ZH_SCALES = {"萬億": 10**12, "億": 10**8, "萬": 10**4, "千": 1000}
_ZH_UNITS = {
    "%": PERCENT,
    "港元": MONEY,
    "港幣": MONEY,
    "元": MONEY,
    "美元": US_MONEY,
    "人民幣": RMB,
    "歲": AGE,
    "公斤": KG,
    "千克": KG,
    "公噸": TONNE,
    "噸": TONNE,
    "克": GRAM,
    "公升": LITRE,
}
# Measure words: a Chinese numeral before one counts something (一名, 兩宗, 七支).
_MEASURES = (
    "名|人|個|宗|支|件|艘|輛|架|間|次|項|天|年|星期|周|週|小時|分鐘|位|包|箱|盒|部|份|條|款|批|"
    "隻|瓶|粒|枝|張|頁|倍|家|所|類|種|段|章|期|輪|層|樽|罐|卷|套|對|座|屆|場|宗|口|道|節|組|區"
)
_ZH_UNIT = "%|港元|港幣|美元|人民幣|元|歲|公斤|千克|公噸|噸|克|公升"
_ZH_FIGURE = re.compile(rf"(?P<number>{_ZH_NUMBER})(?P<scale>萬億|億|萬|千)?(?P<unit>{_ZH_UNIT})?")
_NUMERALS = "〇零一二兩三四五六七八九十百千萬億"
_ZH_NUMERAL = re.compile(
    rf"(?P<numeral>[{_NUMERALS}]+)(?P<unit>{_ZH_UNIT})?(?P<measure>{_MEASURES})?"
)
_DIGIT_BY_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")
# The largest count still written as a word as often as a figure ("the first day", 一名).
_WEAK_UP_TO = 10


def english(text: str, paragraph: int) -> tuple[list[Fact], str]:
    """Every figure of an English paragraph; the text with them masked."""
    facts, masked = extract(_EN_FIGURE, text, lambda m: _english_figure(m, paragraph))
    words, masked = extract(_number_words(masked), masked, lambda m: _english_word(m, paragraph))
    return facts + words, masked


def chinese(text: str, paragraph: int) -> tuple[list[Fact], str]:
    """Every figure of a Chinese paragraph; the text with them masked."""
    facts, masked = extract(_ZH_FIGURE, text, lambda m: _chinese_figure(m, paragraph))
    numerals, masked = extract(_ZH_NUMERAL, masked, lambda m: _chinese_numeral(m, paragraph))
    return facts + numerals, masked


def _number_words(text: str) -> re.Pattern:
    """A pattern of the number words this text holds (re keeps the few there are compiled).

    Quicker than one pattern of every number word, which is tried at each letter.
    """
    found = sorted(set(_LATIN_WORD.findall(text.lower())) & _NUMBER_WORDS) or ["(?!)"]
    return re.compile(
        r"\b(?P<word>" + "|".join(found) + r")\b(?P<age>-year-old\b)?"
        r"(?: (?P<scale>thousand|million|billion)\b)?",
        re.IGNORECASE,
    )


def _decimal(number: str) -> Decimal | None:
    try:
        return Decimal(re.sub(r"[,\s\u00a0]", "", number))
    except InvalidOperation:
        return None


def _before(pattern: re.Pattern, match: re.Match) -> re.Match:
    """What comes just before a figure: about, aged, HK$; 約, 第, 百分之 (perhaps nothing)."""
    return pattern.search(match.string, max(0, match.start() - _LOOK_BACK), match.start())


def _english_figure(match: re.Match, paragraph: int) -> Fact | None:
    value = _decimal(match["number"])
    if value is None:
        return None
    if match["scale"]:
        value *= _EN_SCALES[match["scale"].lower()]
    before = _before(_BEFORE_EN, match)
    unit = None
    if before["currency"]:
        unit = _EN_CURRENCIES[before["currency"].strip().upper()]
    elif before["aged"]:
        unit = AGE
    elif match["unit"]:
        key = match["unit"].strip(" -").lower()
        unit = _EN_UNITS.get(key) or _EN_UNITS[key.removesuffix("s")]
    return Fact(KIND, value.normalize(), (before[0] + match[0]).strip(), paragraph, unit)


def _english_word(match: re.Match, paragraph: int) -> Fact:
    word = match["word"].lower()
    if word in _ORDINAL_WORDS:
        return Fact(
            KIND, Decimal(_ORDINAL_WORDS.index(word) + 1), match[0], paragraph, ORDINAL, True
        )
    value = Decimal(_WORDS.index(word))
    if match["scale"]:
        value *= _EN_SCALES[match["scale"].lower()]
    unit = AGE if match["age"] else None
    return Fact(KIND, value, match[0], paragraph, unit, not match["scale"])


def _chinese_figure(match: re.Match, paragraph: int) -> Fact | None:
    value = _decimal(match["number"])
    if value is None:
        return None
    if match["scale"]:
        value *= _ZH_SCALES[match["scale"]]
    before = _before(_BEFORE_ZH, match)
    unit = _chinese_unit(match, before["pre"] or "")
    return Fact(KIND, value.normalize(), before[0] + match[0], paragraph, unit)


def _chinese_unit(match: re.Match, pre: str) -> str | None:
    if pre == "第":
        return ORDINAL
    if pre == "百分之":
        return PERCENT
    if pre in ("港幣", "HK$", "$"):
        return MONEY
    if pre:
        return {"US$": US_MONEY, "人民幣": RMB}[pre]
    return _ZH_UNITS.get(match["unit"] or "")


def _chinese_numeral(match: re.Match, paragraph: int) -> Fact | None:
    before = _before(_BEFORE_ZH, match)
    pre = before["pre"] or ""
    if pre not in ("", "第", "百分之"):
        pre = ""
    if not (pre or match["unit"] or match["measure"]):
        return None  # 一般, 十分, 萬一: words, not counts
    value = chinese_number(match["numeral"])
    if value is None:
        return None
    weak = value <= _WEAK_UP_TO and not match["unit"] and pre != "百分之"
    unit = _chinese_unit(match, pre)
    return Fact(KIND, value, before[0] + match[0], paragraph, unit, weak)


@lru_cache(maxsize=4096)
def chinese_number(numeral: str) -> Decimal | None:
    """The value of a Chinese numeral: 二十三, 兩, 九百萬, 〇; 二〇二三 read digit by digit."""
    if not any(char in "十百千萬億" for char in numeral) and len(numeral) > 1:
        digits = numeral.replace("兩", "二").translate(_DIGIT_BY_DIGIT)
        return Decimal(digits) if digits.isdigit() else None
    try:
        return Decimal(str(cn2an.cn2an(numeral, "smart")))
    except (ValueError, KeyError, InvalidOperation):
        return None
