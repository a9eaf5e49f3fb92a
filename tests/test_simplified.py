"""/zh-hans/: every public page in Simplified Chinese, converted as served, never stored."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from releases import simplified
from releases.management.commands.simplify_messages import simplify_catalogue
from releases.models import ReleaseTranslation
from tests.pages import detail_path

pytestmark = pytest.mark.django_db

CANONICAL = "aeo-expert-mission-and-symposium-for-asean-and-hong-kong-china/"
SIMPLIFIED_TITLE = "海关举办「东盟及中国香港AEO专家交流会及论坛」"
EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"


def test_release_page_shows_the_chinese_text_in_simplified_and_english_as_is(client, demo_release):
    page = client.get(detail_path(demo_release, "zh-hans")).content.decode()

    assert '<html lang="zh-Hans">' in page
    assert f'<h1 class="release__title" id="title-zh-hant">{SIMPLIFIED_TITLE}</h1>' in page
    assert '<section class="release__column" lang="zh-Hans"' in page
    assert '<section class="release__column" lang="en"' in page
    assert EN_TITLE in page
    assert "香港海关贸易关系及公共传讯科" in page
    assert "2023年11月30日" in page
    assert "海關" not in page
    assert "聯絡我們" not in page
    assert "联络我们" in page


@pytest.mark.parametrize("path", ["", "releases/", "releases/?q=海关", "no-such-page/"])
def test_every_page_has_a_simplified_interface(client, demo_release, path):
    page = client.get(f"/zh-hans/{path}").content.decode()

    assert '<html lang="zh-Hans">' in page
    assert "新闻公报" in page
    assert "新聞公報" not in page
    assert "Press releases" not in page


def test_simplified_interface_is_fully_translated_by_its_own_catalogue(client, demo_release):
    page = client.get("/zh-hans/").content.decode()

    assert "最新新闻公报" in page
    assert "跳到主要内容" in page
    assert "搜寻新闻公报" in page


def test_nothing_simplified_is_ever_stored(client, demo_release):
    client.get(detail_path(demo_release, "zh-hans"))
    client.get("/zh-hans/releases/?q=论坛")

    assert set(ReleaseTranslation.objects.values_list("language_code", flat=True)) == {
        "zh-hant",
        "en",
    }
    parler_codes = {lang["code"] for lang in settings.PARLER_LANGUAGES[None]}
    assert parler_codes == {"zh-hant", "en"}


def test_release_without_slug_redirects_to_the_canonical_simplified_url(client, demo_release):
    for wrong in (f"releases/{demo_release.pk}/", f"releases/{demo_release.pk}/old-title/"):
        response = client.get(f"/zh-hans/{wrong}")

        assert response.status_code == 301
        assert response["Location"] == f"/zh-hans/releases/{demo_release.pk}/{CANONICAL}"


def test_switcher_offers_traditional_simplified_and_english_marking_the_current(
    client, demo_release
):
    page = client.get("/zh-hans/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', page, re.S).group()

    links = re.findall(r"<a [^>]*>[^<]*</a>", switcher)
    assert links == [
        '<a href="/zh-hant/" hreflang="zh-Hant" lang="zh-Hant" aria-label="繁体中文">繁</a>',
        '<a href="/zh-hans/" hreflang="zh-Hans" lang="zh-Hans" aria-label="简体中文" '
        'aria-current="page">简</a>',
        '<a href="/en/" hreflang="en" lang="en" aria-label="English">EN</a>',
    ]


def test_a_page_is_converted_once_then_served_converted_from_the_cache(
    client, demo_release, monkeypatch
):
    conversions = []

    class CountingConverter:
        def convert(self, text: str) -> str:
            conversions.append(text)
            return converter.convert(text)

    converter = simplified._converter
    monkeypatch.setattr(simplified, "_converter", CountingConverter())

    first = client.get(detail_path(demo_release, "zh-hans"))
    again = client.get(detail_path(demo_release, "zh-hans"))

    assert len(conversions) == 1
    assert again.content == first.content
    assert "海关举办" in again.content.decode()


def test_other_languages_and_the_admin_are_not_converted(client, demo_release, admin_client):
    assert "海關" in client.get(detail_path(demo_release, "zh-hant")).content.decode()
    assert "海關" in client.get(detail_path(demo_release, "en")).content.decode()
    admin = admin_client.get(
        f"/admin/releases/release/{demo_release.pk}/change/",
        headers={"accept-language": "zh-CN"},
    ).content.decode()
    assert "海關舉辦" in admin


def test_admin_shows_only_the_two_stored_languages(admin_client, demo_release):
    page = admin_client.get(
        f"/admin/releases/release/{demo_release.pk}/change/",
        headers={"accept-language": "zh-CN"},
    ).content.decode()
    columns = re.findall(r'<fieldset class="module desk-column[^"]*" lang="([^"]+)"', page)

    assert columns == ["zh-Hant", "en"]
    assert "zh-Hans" not in page
    # The first column holds the Traditional text as stored.
    assert re.search(r'name="title_zh_hant" value="海關舉辦', page)


def test_simplified_catalogue_is_complete_and_in_step_with_the_traditional_one():
    locale = Path(settings.LOCALE_PATHS[0])
    traditional = (locale / "zh_Hant/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    simplified = (locale / "zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")

    assert simplified == simplify_catalogue(traditional)
    catalogue = polib.pofile(str(locale / "zh_Hans/LC_MESSAGES/django.po"))
    assert catalogue.percent_translated() == 100
    assert not catalogue.fuzzy_entries()
    assert catalogue.find("Search").msgstr == "搜寻"
    assert (locale / "zh_Hans/LC_MESSAGES/django.mo").exists()
