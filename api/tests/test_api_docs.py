"""The API's reference page: its links within the page lead somewhere."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_every_link_within_the_reference_leads_to_a_part_of_it(client, language):
    page = client.get("/api/v1/docs", headers={"accept-language": language}).content.decode()

    fragments = set(re.findall(r'href="#([^"]*)"', page))
    ids = set(re.findall(r'id="([^"]*)"', page))

    assert {"schema-topic", "schema-contact", "schema-release", "schema-error"} <= fragments
    assert fragments <= ids


def docs(client, lang: str) -> str:
    response = client.get(f"/api/v1/docs?lang={lang}", headers={"accept-language": "en"})
    assert response.status_code == 200
    return response.content.decode()


def test_reference_in_chinese_is_wholly_chinese(client, db):
    page = docs(client, "zh-hant")

    assert '<html lang="zh-Hant-HK">' in page
    assert 'aria-current="page">繁</a>' in page
    assert "列出新聞公報" in page
    assert "每頁新聞公報數目。" in page
    assert "主題的代稱（見/topics）。" in page
    assert "見<code>updated_at</code>" in page
    for english in ("List releases", "Releases per page.", "Terms of use", "list of", "OK"):
        assert english not in page, english
    assert "專題" not in page
    assert "`" not in page


def test_reference_in_english_is_wholly_english(client, db):
    page = docs(client, "en")

    assert '<html lang="en">' in page
    assert 'aria-current="page">EN</a>' in page
    assert "(see <code>updated_at</code>)" in page
    assert "`" not in page
    for chinese in ("參數", "列出新聞公報", "使用條款"):
        assert chinese not in page


def test_reference_in_simplified_chinese(client, db):
    page = docs(client, "zh-hans")

    assert '<html lang="zh-Hans">' in page
    assert "列出新闻公报" in page
    assert "列出新聞公報" not in page


def test_reference_switches_language_on_the_same_page(client, db):
    page = docs(client, "en")

    for code, label in [("zh-hant", "繁"), ("zh-hans", "简"), ("en", "EN")]:
        assert f'href="/api/v1/docs?lang={code}"' in page
        assert f">{label}</a>" in page


def test_reference_shows_an_example_terms_and_caching(client, db):
    page = docs(client, "en")

    assert "curl -s 'http://testserver/api/v1/releases?limit=1&amp;lang=en'" in page
    assert "&quot;published_at&quot;: &quot;2023-11-30T10:00:00+08:00&quot;" in page
    assert "http://testserver/en/releases/1/" in page
    assert '<h2 id="terms">Terms of use</h2>' in page
    assert "Source: Customs and Excise Department" in page
    assert "If-None-Match" in page
    assert "max-age=60" in page


def test_reference_without_a_language_asked_follows_the_browser(client, db):
    page = client.get("/api/v1/docs", headers={"accept-language": "zh-HK"}).content.decode()

    assert '<html lang="zh-Hant-HK">' in page
    assert "使用條款" in page
