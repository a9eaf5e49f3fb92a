"""/zh-hans/: every public page in Simplified Chinese, converted as served, never stored."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from pressroom import simplified
from pressroom.management.commands.simplify_messages import simplify_catalogue
from releases.models import ReleaseTranslation
from testing.pages import detail_path

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
    assert "联系我们" in page


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
    assert "搜索新闻公报" in page


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
        '<a href="/zh-hant/" hreflang="zh-Hant-HK" lang="zh-Hant-HK" aria-label="繁体中文">繁</a>',
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

    assert columns == ["zh-Hant-HK", "en"]
    assert "zh-Hans" not in page
    # The first column holds the Traditional text as stored.
    assert re.search(r'<textarea name="title_zh_hant"[^>]*>\s*海關舉辦', page)


def test_simplified_catalogue_is_complete_and_in_step_with_the_traditional_one():
    locale = Path(settings.LOCALE_PATHS[0])
    traditional = (locale / "zh_Hant/LC_MESSAGES/django.po").read_text(encoding="utf-8")
    simplified = (locale / "zh_Hans/LC_MESSAGES/django.po").read_text(encoding="utf-8")

    assert simplified == simplify_catalogue(traditional)
    catalogue = polib.pofile(str(locale / "zh_Hans/LC_MESSAGES/django.po"))
    assert catalogue.percent_translated() == 100
    assert not catalogue.fuzzy_entries()
    assert catalogue.find("Search").msgstr == "搜索"
    assert (locale / "zh_Hans/LC_MESSAGES/django.mo").exists()


# Words a Mainland reader would not write, each with the Mainland word beside it.
HONG_KONG_ONLY = {
    "搜寻": "搜索",
    "联络": "联系",
    "电邮": "电子邮件",
    "网页可能已经移走": "网页可能已被移动",
    "帐户": "账户",
    "档案": "文件",
    "预设": "默认",
    "介面": "界面",
    "位元组": "字节",
    "登入": "登录",
    "使用者": "用户",
    "储存": "保存",
    "载入": "加载",
    "快取": "缓存",
    "资料": "信息",
    "上载": "上传",
    "阔度": "宽度",
    "毋须": "无须",
    "介乎": "介于",
    "职员": "工作人员",
    "未有": "未",
    "建立者": "创建者",
}


def test_the_simplified_interface_uses_no_hong_kong_only_word():
    locale = Path(settings.LOCALE_PATHS[0])
    catalogue = polib.pofile(str(locale / "zh_Hans/LC_MESSAGES/django.po"))
    texts = [text for entry in catalogue for text in [entry.msgstr, *entry.msgstr_plural.values()]]

    found = {word: [text for text in texts if word in text] for word in HONG_KONG_ONLY}
    assert {word: texts for word, texts in found.items() if texts} == {}


@pytest.mark.parametrize(
    ("msgid", "mainland"),
    [
        ("Search", "搜索"),
        ("Contact us", "联系我们"),
        ("Email", "电子邮件"),
        ("Clear search and filters", "清除搜索及筛选"),
        ("default contact", "默认联系信息"),
        ("Media room", "媒体中心"),
        ("Sign out", "退出登录"),
        ("You are signed out of the media room.", "你已退出媒体中心。"),
    ],
)
def test_the_simplified_interface_is_in_mainland_wording(msgid, mainland):
    locale = Path(settings.LOCALE_PATHS[0])
    catalogue = polib.pofile(str(locale / "zh_Hans/LC_MESSAGES/django.po"))

    assert catalogue.find(msgid).msgstr == mainland


def test_release_text_keeps_its_wording_and_changes_only_its_characters(client, release_factory):
    release = release_factory(body_zh="市民可搜尋海關電郵及聯絡資料。")

    page = client.get(detail_path(release, "zh-hans")).content.decode()

    assert "市民可搜寻海关电邮及联络资料。" in page
    assert "搜索新闻公报" in page
