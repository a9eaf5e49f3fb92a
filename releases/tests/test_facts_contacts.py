"""Phones, addresses and codes read alike from either language (releases/facts/contacts.py)."""

import pytest

from releases.facts import contacts


def values(text: str, kind: str) -> list:
    facts, _masked = contacts.find(text, 1)
    return [fact.value for fact in facts if fact.kind == kind]


@pytest.mark.parametrize(
    "text", ["2545 6128", "25456128", "+852 2545 6128", "(852) 2545 6128", "熱線2545 6128。"]
)
def test_a_phone_number_with_or_without_the_space(text):
    assert values(text, contacts.PHONE) == ["25456128"]


def test_the_hotline_of_seven_digits_is_a_phone_number():
    assert values("the 24-hour hotline 182 8080", contacts.PHONE) == ["1828080"]


def test_figures_are_not_phone_numbers():
    assert values("about 140 000 sticks worth $25,000,000", contacts.PHONE) == []


def test_email_addresses_are_read_in_one_case():
    assert values("Email AEO@customs.gov.hk.", contacts.EMAIL) == ["aeo@customs.gov.hk"]


def test_the_same_page_in_each_languages_folder_is_one_address():
    english = values("See https://www.customs.gov.hk/en/home/index.html.", contacts.URL)
    chinese = values("見https://www.customs.gov.hk/tc/home/index.html。", contacts.URL)
    other = values("See https://www.customs.gov.hk/en/other/index.html", contacts.URL)

    assert english == chinese == ["www.customs.gov.hk/*/home/index.html"]
    assert other != english


@pytest.mark.parametrize(
    ("text", "code"),
    [("case ESCC 1234/2023", "ESCC1234/2023"), ("licence TL123456", "TL123456")],
)
def test_case_and_licence_numbers(text, code):
    assert values(text, contacts.CODE) == [code]


def test_hs_codes():
    assert values("HS code 2402.20 and 8471.30.10", contacts.HS_CODE) == ["2402.20", "8471.30.10"]
