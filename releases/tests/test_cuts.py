"""Leads and descriptions are cut by visual width, where a reader expects a cut."""

import re

import pytest

from releases.cuts import cut_to_width, visual_width
from testing.pages import detail_path

ZH_DESCRIPTION = (
    "香港海關於本年11月29至30日舉行「東盟及中國香港AEO專家交流會及論壇」。"
    "首日的「AEO專家交流會」有約50名來自東盟成員國、內地、香港和澳門海關組織的AEO專家出席。"
)
EN_DESCRIPTION = (
    'Hong Kong Customs held "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China" '
    "from 29 to 30 November 2023. About 50 AEO experts from Customs…"
)


def test_a_chinese_character_takes_the_room_of_two_latin_letters():
    assert visual_width("海關 AEO") == 8


def test_text_that_fits_is_left_whole():
    assert cut_to_width("  Short   lead. ", 20) == "Short lead."


def test_english_is_cut_between_words_never_inside_one():
    assert cut_to_width("Hong Kong Customs held the AEO Expert Mission", 30) == (
        "Hong Kong Customs held the…"
    )


def test_english_ends_on_a_full_sentence_when_one_ends_near_the_limit():
    text = "Customs seized goods worth two million dollars at the airport. More follows here."

    assert cut_to_width(text, 70) == (
        "Customs seized goods worth two million dollars at the airport."
    )


def test_chinese_is_cut_after_a_punctuation_mark_near_the_limit():
    text = "海關今日在機場檢獲一批懷疑私煙，市值約二百萬元，案件仍在調查中。"

    assert cut_to_width(text, 50) == "海關今日在機場檢獲一批懷疑私煙，市值約二百萬元……"


def test_chinese_without_punctuation_near_is_never_cut_inside_a_number_or_latin_word():
    assert cut_to_width("香港海關於本年11月29至30日舉行", 18) == "香港海關於本……"
    assert cut_to_width("東盟及中國香港AEO專家交流會", 18) == "東盟及中國香港……"


def test_a_cut_never_separates_a_closing_quotation_mark_from_its_words():
    assert cut_to_width("他說「海關人員到場」然後離開了大樓", 22) == "他說「海關人員到場」……"


def test_a_single_long_word_is_cut_where_the_room_ends():
    assert cut_to_width("a" * 40, 12) == "a" * 10 + "…"


@pytest.mark.parametrize(
    ("language", "description"), [("zh-hant", ZH_DESCRIPTION), ("en", EN_DESCRIPTION)]
)
def test_release_description_is_cut_near_160_english_or_80_chinese_characters(
    client, demo_release, language, description
):
    page = client.get(detail_path(demo_release, language)).content.decode()

    assert f'<meta name="description" content="{description}">' in page.replace("&quot;", '"')
    assert f'<meta property="og:description" content="{description}">' in page.replace(
        "&quot;", '"'
    )
    assert f'"description": "{description.replace(chr(34), chr(92) + chr(34))}"' in page


@pytest.mark.parametrize(
    ("language", "ending", "width"),
    [
        ("zh-hant", "次日的「AEO論壇」亦有約200名來自東盟成員國、內地……", 220),
        (
            "en",
            "from Customs administrations of ASEAN Member States, Mainland China, Hong Kong…",
            220,
        ),
    ],
)
def test_card_leads_are_cut_by_visual_width_on_a_natural_boundary(
    client, demo_release, language, ending, width
):
    page = client.get(f"/{language}/").content.decode()

    lead = re.search(r'<p class="release-card__lead">(.*?)</p>', page, re.S).group(1)
    lead = lead.replace("&quot;", '"')
    assert lead.endswith(ending)
    assert visual_width(lead) <= width
