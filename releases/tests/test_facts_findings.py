"""Both languages compared: each kind of finding, naming both sides (releases.facts.findings)."""

import pytest
from django.utils import translation

from releases.facts import Entry, Glossary, Texts, check

GLOSSARY = Glossary(
    [
        Entry("文錦渡管制站", "Man Kam To Control Point"),
        Entry("海關關長", "Commissioner of Customs and Excise"),
        Entry("海關副關長", "Deputy Commissioner of Customs and Excise"),
        Entry(
            "認可經濟營運商", "Authorized Economic Operator", (), ("Authorised Economic Operator",)
        ),
        Entry("進出口條例", "Import and Export Ordinance", ("進口及出口條例",)),
    ]
)
ZH = "海關於八月十四日在文錦渡管制站檢獲約900萬支懷疑私煙，估計市值約2,500萬元。"
EN = (
    "Customs seized about 9 million suspected illicit cigarettes with an estimated market "
    "value of about $25 million at Man Kam To Control Point on August 14."
)


def messages(body_zh: str, body_en: str, title_zh="標題", title_en="Title") -> list[str]:
    with translation.override("en"):
        found = check(Texts(title_zh, body_zh, title_en, body_en), year=2023, glossary=GLOSSARY)
        return [finding.message() for finding in found]


def test_a_consistent_pair_has_no_finding():
    assert messages(ZH, EN) == []


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (ZH.replace("2,500萬", "250萬"), EN, "English: about $25 million · 中文：約250萬元"),
        (ZH, EN.replace("9 million", "8 million"), "English: about 8 million · 中文：約900萬"),
        (ZH.replace("八月十四日", "八月十五日"), EN, "English: August 14 · 中文：八月十五日"),
    ],
)
def test_a_changed_figure_or_date_names_both_values(zh, en, expected):
    (message,) = messages(zh, en)

    assert expected in message


def test_a_changed_phone_number_names_both():
    (message,) = messages(ZH + "熱線2545 6128。", EN + " Hotline: 2545 6182.")

    assert message == "Phone numbers differ. English: 2545 6182 · 中文：2545 6128"


def test_a_time_a_weekday_an_email_a_url_a_code_and_an_hs_code_each_differ():
    zh = (
        "會議於下午5時舉行。電郵aeo@customs.gov.hk，網址https://www.customs.gov.hk/tc/。"
        "案件ESCC 1234/2023，協調制度編碼2402.20。星期一"
    )
    en = (
        "The meeting is at 6pm. Email aeo2@customs.gov.hk, see https://www.customs.gov.hk/en/"
        "about/. Case ESCC 1234/2024, HS code 2402.90. Tuesday"
    )

    found = messages(zh, en)

    assert [message.split(" differ")[0] for message in found] == [
        "Times",
        "Weekdays",
        "Email addresses",
        "Web addresses",
        "Case or licence numbers",
        "HS codes",
    ]


def test_the_same_address_in_each_languages_folder_is_no_finding():
    zh = "詳情見https://www.customs.gov.hk/tc/home/index.html。"
    en = "See https://www.customs.gov.hk/en/home/index.html."

    assert messages(zh, en) == []


def test_a_year_said_as_this_year_or_left_unsaid_is_no_finding():
    zh = "香港海關於本年11月29至30日舉行交流會。"
    en = "Hong Kong Customs held the mission from 29 to 30 November 2023."

    assert messages(zh, en) == []
    assert messages(zh.replace("本年", "2022年"), en) != []


def test_a_weekday_the_calendar_contradicts():
    assert messages("八月十四日（星期一）", "Monday (August 14)") == []
    assert messages("八月十四日（星期二）", "Tuesday (August 14)") == [
        "Tuesday (August 14): that day is a Monday.",
        "八月十四日（星期二）: that day is a Monday.",
    ]


def test_a_glossary_term_in_one_language_needs_its_counterpart():
    (message,) = messages(ZH, EN.replace("Man Kam To Control Point", "the border"))

    assert "文錦渡管制站 is “Man Kam To Control Point” in English" in message
    assert "English: not stated · 中文：文錦渡管制站" in message


def test_a_longer_term_is_not_read_as_the_shorter_within_it():
    zh = "海關副關長出席。"
    en = "The Deputy Commissioner of Customs and Excise attended."

    assert messages(zh, en) == []


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        (
            "違反《進口及出口條例》。",
            "in breach of the Import and Export Ordinance.",
            "“進口及出口條例” is not to be used; write “進出口條例”",
        ),
        (
            "認可經濟營運商",
            "Authorized Economic Operator and Authorised Economic Operator",
            "“Authorised Economic Operator” is not to be used; write “Authorized",
        ),
    ],
)
def test_a_form_not_to_be_used_is_named_with_the_one_to_use(zh, en, expected):
    assert any(expected in message for message in messages(zh, en))


def test_a_paragraph_missing_in_one_language_is_named_once():
    extra = "The two men, aged 35 and 42, were arrested. Hotline: 2545 6128."
    found = messages(ZH, EN + "\n\n" + extra)

    assert len(found) == 1
    assert "A paragraph is in one language only" in found[0]
    assert "2545 6128" in found[0]


def test_number_words_are_held_only_against_a_differing_figure():
    assert messages("首日有專家出席。", "On the first day experts attended.") == []
    assert messages("兩名男子被捕。", "Two men were arrested.") == []
    (message,) = messages("兩名男子被捕。", "Three men were arrested.")
    assert message == "Figures differ. English: Three · 中文：兩名"
    # A figure changed elsewhere does not bring "first" with it.
    (message,) = messages("首日有約60名專家出席。", "On the first day about 50 experts attended.")
    assert message == "Figures differ. English: about 50 · 中文：約60"


def test_a_findings_key_changes_with_the_text():
    texts = Texts("標題", ZH.replace("2,500萬", "250萬"), "Title", EN)
    edited = Texts("標題", ZH.replace("2,500萬", "250萬") + "另", "Title", EN)

    (first,) = check(texts, year=2023)
    (again,) = check(texts, year=2023)
    (after_edit,) = check(edited, year=2023)

    assert first.key == again.key
    assert after_edit.key != first.key
