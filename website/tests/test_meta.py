"""What search engines, link previews and printers read from every page."""

import json
import re
from unittest import mock

import pytest
from django.urls import URLResolver, get_resolver

from testing.pages import detail_path

pytestmark = pytest.mark.django_db

EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"
ZH_TITLE = "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"


def json_ld(page: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_release_page_names_its_canonical_address_and_its_other_languages(client, demo_release):
    page = client.get(detail_path(demo_release, "en") + "?utm_source=x").content.decode()
    path = f"releases/{demo_release.pk}/{demo_release.slug}/"

    assert f'<link rel="canonical" href="http://testserver/en/{path}">' in page
    for hreflang, prefix in [("zh-Hant-HK", "zh-hant/"), ("en", "en/"), ("zh-Hans", "zh-hans/")]:
        assert (
            f'<link rel="alternate" hreflang="{hreflang}" href="http://testserver/{prefix}{path}">'
            in page
        )
    assert f'<link rel="alternate" hreflang="x-default" href="http://testserver/{path}">' in page


def test_archive_canonical_keeps_its_filters_and_page_but_not_other_parameters(
    client, release_factory
):
    page = client.get("/en/releases/?topic=&year=2024&q=x&utm=1").content.decode()

    assert '<link rel="canonical" href="http://testserver/en/releases/?year=2024">' in page


@pytest.mark.parametrize(
    ("language", "title", "description", "locale"),
    [
        ("en", EN_TITLE, "Hong Kong Customs held", "en_GB"),
        ("zh-hant", ZH_TITLE, "香港海關於本年11月29至30日舉行", "zh_HK"),
    ],
)
def test_release_page_has_a_description_and_sharing_cards_in_its_language(
    client, demo_release, language, title, description, locale
):
    page = client.get(detail_path(demo_release, language)).content.decode()

    assert re.search(rf'<meta name="description" content="{re.escape(description)}', page)
    assert f'<meta property="og:title" content="{title}">' in page
    assert re.search(rf'<meta property="og:description" content="{re.escape(description)}', page)
    assert '<meta property="og:type" content="article">' in page
    url = f"http://testserver{detail_path(demo_release, language)}"
    assert f'<meta property="og:url" content="{url}">' in page
    assert f'<meta property="og:locale" content="{locale}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert f'<meta name="twitter:title" content="{title}">' in page
    assert f"<title>{title} | " in page


def test_description_comes_from_the_summary_when_there_is_one(client, release_factory):
    release = release_factory()
    release.set_current_language("en")
    release.summary = "A short summary for previews."
    release.save()

    page = client.get(detail_path(release, "en")).content.decode()

    assert '<meta name="description" content="A short summary for previews.">' in page


@pytest.mark.parametrize(
    ("path", "title"), [("", "Press releases"), ("releases/", "All press releases")]
)
def test_list_pages_have_sharing_cards_too(client, demo_release, path, title):
    page = client.get(f"/en/{path}").content.decode()

    assert '<meta property="og:type" content="website">' in page
    assert f'<meta property="og:title" content="{title}">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<link rel="canonical" href="http://testserver/en/' in page


@pytest.mark.parametrize(
    ("language", "headline", "in_language"),
    [("en", EN_TITLE, "en"), ("zh-hant", ZH_TITLE, "zh-Hant-HK"), ("zh-hans", None, "zh-Hans")],
)
def test_release_page_describes_itself_as_a_news_article(
    client, demo_release, language, headline, in_language
):
    data = json_ld(client.get(detail_path(demo_release, language)).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == (headline or "海关举办「东盟及中国香港AEO专家交流会及论坛」")
    assert data["inLanguage"] == in_language
    # Hong Kong time; the demo release was never corrected, so it changed when it was issued.
    assert data["datePublished"] == "2023-11-30T10:00:00+08:00"
    assert data["dateModified"] == "2023-11-30T10:00:00+08:00"
    assert data["url"] == f"http://testserver{detail_path(demo_release, language)}"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"]


def test_structured_data_cannot_be_broken_out_of_by_a_title(client, release_factory):
    release = release_factory(title_en="</script><script>alert(1)</script> & <!--")

    page = client.get(detail_path(release, "en")).content.decode()

    assert "<script>alert(1)" not in page
    assert json_ld(page)["headline"] == "</script><script>alert(1)</script> & <!--"


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
@pytest.mark.parametrize("path", ["", "releases/", "releases/?q=海關", "release"])
def test_pages_carry_no_inline_script_or_style_but_the_data_block(
    client, demo_release, language, path
):
    path = detail_path(demo_release, language)[1:] if path == "release" else f"{language}/{path}"

    page = client.get(f"/{path}").content.decode()

    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts in ([], ['<script type="application/ld+json">'])
    assert " style=" not in page
    assert "<style" not in page


@pytest.mark.parametrize(
    ("language", "chinese_prefix", "order"),
    [("zh-hant", "zh-hant", "zh-en"), ("zh-hans", "zh-hans", "zh-en"), ("en", "zh-hant", "en-zh")],
)
def test_release_page_prints_its_address_in_both_languages_each_labelled_in_its_own(
    client, demo_release, language, chinese_prefix, order
):
    page = client.get(detail_path(demo_release, language)).content.decode()
    path = detail_path(demo_release, "en").removeprefix("/en")
    chinese_url = f"http://testserver/{chinese_prefix}{path}"
    english_url = f"http://testserver/en{path}"
    chinese_label = "网址" if language == "zh-hans" else "網址"
    chinese_lang = "zh-Hans" if language == "zh-hans" else "zh-Hant-HK"

    address = re.search(r'<div class="release__address">(.*?)</div>', page, re.S).group(1)
    chinese = (
        f'<p lang="{chinese_lang}">{chinese_label}：<a href="{chinese_url}">{chinese_url}</a></p>'
    )
    english = f'<p lang="en">Web address: <a href="{english_url}">{english_url}</a></p>'
    assert chinese in address
    assert english in address
    assert (address.index(chinese) < address.index(english)) == (order == "zh-en")
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in page


def test_a_page_links_its_languages_without_resolving_its_address_again(client, demo_release):
    resolver = get_resolver()
    with mock.patch.object(
        URLResolver, "resolve", autospec=True, side_effect=URLResolver.resolve
    ) as resolve:
        page = client.get(detail_path(demo_release, "en")).content.decode()

    assert f'href="{detail_path(demo_release, "zh-hans")}"' in page
    # Once, to find the view: an address without a query string leaves the page cache no
    # parameter to read.
    assert sum(call.args[0] is resolver for call in resolve.call_args_list) == 1
