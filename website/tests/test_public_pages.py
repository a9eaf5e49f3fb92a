"""What a reader sees on the home and release pages, in each interface language."""

from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import Release
from testing.pages import detail_path

ZH_TITLE = "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"
EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"
EN_BODY_START = "Hong Kong Customs held"
ZH_BODY_START = "香港海關於本年11月29至30日舉行"
CANONICAL = "releases/1/aeo-expert-mission-and-symposium-for-asean-and-hong-kong-china/"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("zh-HK,zh;q=0.9", "/zh-hant/"),
        ("zh-TW", "/zh-hant/"),
        ("zh-CN", "/zh-hans/"),
        ("zh-Hans", "/zh-hans/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fr-FR", "/zh-hant/"),
        ("", "/zh-hant/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_home_lists_the_demo_release_in_both_languages(client, demo_release, language):
    response = client.get(f"/{language}/")

    page = response.content.decode()
    assert response.status_code == 200
    lead, other = (ZH_TITLE, EN_TITLE) if language == "zh-hant" else (EN_TITLE, ZH_TITLE)
    assert f'<a href="/{language}/{CANONICAL}">{lead}</a></h3>' in page
    assert f'<p class="release-card__other-title">{other}</p>' in page


def test_chinese_home_uses_chinese_dates_and_labels(client, demo_release):
    page = client.get("/zh-hant/").content.decode()

    assert '<html lang="zh-Hant-HK">' in page
    assert "2023年11月30日" in page
    assert "最新新聞公報" in page
    assert "30 November 2023" not in page
    assert "Latest press releases" not in page


def test_english_home_uses_english_dates_and_labels(client, demo_release):
    page = client.get("/en/").content.decode()

    assert '<html lang="en">' in page
    assert "30 November 2023" in page
    assert "Latest press releases" in page
    assert "2023年11月30日" not in page
    assert "最新新聞公報" not in page


def test_chinese_release_page_shows_both_translations_chinese_first(client, demo_release):
    page = client.get(detail_path(demo_release, "zh-hant")).content.decode()

    assert page.index('lang="zh-Hant-HK" aria-labelledby') < page.index(
        'lang="en" aria-labelledby'
    )
    assert page.index(ZH_BODY_START) < page.index(EN_BODY_START)
    assert f'<h1 class="release__title" id="title-zh-hant">{ZH_TITLE}</h1>' in page
    assert "聯絡我們" in page
    assert "Contact us" not in page
    assert "2023年11月30日" in page


def test_english_release_page_shows_both_translations_english_first(client, demo_release):
    page = client.get(detail_path(demo_release, "en")).content.decode()

    assert page.index('lang="en" aria-labelledby') < page.index(
        'lang="zh-Hant-HK" aria-labelledby'
    )
    assert page.index(EN_BODY_START) < page.index(ZH_BODY_START)
    assert f'<h1 class="release__title" id="title-en">{EN_TITLE}</h1>' in page
    assert '<h2 class="contact__heading" id="contact-heading">Contact us</h2>' in page
    assert "Contact Us" not in page
    assert "聯絡我們" not in page
    assert "30 November 2023" in page


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_release_page_shows_the_contact_block_in_both_languages(client, demo_release, language):
    page = client.get(detail_path(demo_release, language)).content.decode()

    assert '<a href="mailto:aeo@customs.gov.hk">aeo@customs.gov.hk</a>' in page
    assert '<p class="contact__office" lang="zh-Hant-HK">香港海關貿易關係及公共傳訊科</p>' in page
    assert (
        '<p class="contact__office" lang="en">Office of Trade Relations and Public Communication'
        "<br>Customs and Excise Department</p>"
    ) in page


def test_release_body_keeps_its_paragraphs(client, demo_release):
    page = client.get(detail_path(demo_release, "en")).content.decode()

    assert "<p>Hong Kong Customs held" in page
    assert "<p>The two-day AEO Expert Mission" in page
    assert "<p>為期兩天的AEO專家交流會" in page


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, demo_release):
    chinese = client.get(detail_path(demo_release, "zh-hant")).content.decode()
    english = client.get(detail_path(demo_release, "en")).content.decode()

    assert f'<a href="/en/{CANONICAL}" hreflang="en" lang="en" aria-label="English">EN</a>' in (
        chinese
    )
    assert (
        f'<a href="/zh-hant/{CANONICAL}" hreflang="zh-Hant-HK" lang="zh-Hant-HK" '
        'aria-label="繁體中文">繁</a>'
    ) in english


@pytest.mark.parametrize("wrong_path", ["releases/1/old-title/", "releases/1/"])
def test_wrong_or_missing_slug_redirects_permanently(client, demo_release, wrong_path):
    response = client.get(f"/en/{wrong_path}")

    assert response.status_code == 301
    assert response["Location"] == f"/en/{CANONICAL}"


def test_unknown_release_is_404_in_the_interface_language(client, db):
    chinese = client.get("/zh-hant/releases/999/nothing/")
    english = client.get("/en/releases/999/nothing/")

    assert chinese.status_code == english.status_code == 404
    assert "找不到網頁" in chinese.content.decode()
    assert 'href="/zh-hant/"' in chinese.content.decode()
    assert "Page not found" in english.content.decode()
    assert "找不到網頁" not in english.content.decode()


@pytest.mark.parametrize(
    "path", ["/en/no-such-page/", "/en/releases/99999999999999999999999/", "/en/releases/x/"]
)
def test_bad_paths_are_404_not_errors(client, db, path):
    assert client.get(path).status_code == 404


def test_draft_is_not_public(client, release_factory):
    draft = release_factory(status=Release.Status.DRAFT)
    release_factory(title_en="A public release")

    home = client.get("/en/").content.decode()

    assert client.get(detail_path(draft, "en")).status_code == 404
    assert "A public release" in home
    assert "Test release" not in home


def test_scheduled_release_is_not_public_until_its_time(client, release_factory):
    scheduled = release_factory(publish_at=timezone.now() + timedelta(hours=1))
    release_factory(title_en="A public release")

    home = client.get("/en/").content.decode()

    assert client.get(detail_path(scheduled, "en")).status_code == 404
    assert "A public release" in home
    assert "Test release" not in home


def test_home_lists_newest_first(client, release_factory):
    now = timezone.now()
    release_factory(title_en="Older release", publish_at=now - timedelta(days=2))
    release_factory(title_en="Newer release", publish_at=now - timedelta(days=1))

    page = client.get("/en/").content.decode()

    assert page.index("Newer release") < page.index("Older release")


def test_release_body_markup_is_sanitised(client, release_factory):
    release = release_factory(body_en="Hello <script>alert(1)</script> **bold**")

    page = client.get(detail_path(release, "en")).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "<strong>bold</strong>" in page
