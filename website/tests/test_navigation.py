"""Finding one's way: the header's navigation, the footer's links, the topics and feeds pages."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from testing.factories import make_release, make_topic

pytestmark = pytest.mark.django_db


def nav_of(page: str) -> str:
    return re.search(r'<nav class="site-nav".*?</nav>', page, re.S).group(0)


def footer_of(page: str) -> str:
    return re.search(r"<footer class=\"site-footer\">.*?</footer>", page, re.S).group(0)


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hant", ["新聞公報", "今日新聞公報", "主題", "電郵通知"]),
        ("zh-hans", ["新闻公报", "今日新闻公报", "主题"]),
        ("en", ["Press releases", "Today's press releases", "Topics", "Email alerts"]),
    ],
)
def test_header_leads_to_releases_today_topics_and_alerts_in_the_page_language(
    client, demo_release, language, labels
):
    nav = nav_of(client.get(f"/{language}/").content.decode())

    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs == [
        f"/{language}/releases/",
        f"/{language}/releases/today/",
        f"/{language}/topics/",
        f"/{language}/alerts/",
    ]
    for label in labels:
        assert f">{label}</a>" in nav
    if language != "en":
        assert "Topics" not in nav
        assert "Email alerts" not in nav


def test_header_marks_the_page_the_reader_is_on(client, demo_release):
    nav = nav_of(client.get("/en/topics/").content.decode())

    assert '<a href="/en/topics/" aria-current="page">Topics</a>' in nav
    assert '<a href="/en/releases/">Press releases</a>' in nav


def test_the_header_rendered_once_per_process_still_follows_each_page(client, demo_release):
    # The navigation is rendered once per process for each language and page it marks.
    pages = ["/en/topics/", "/en/releases/", "/zh-hant/releases/", "/en/topics/"]
    navs = [nav_of(client.get(path).content.decode()) for path in pages]
    today = nav_of(client.get("/en/releases/today/", follow=True).content.decode())
    issued = timezone.localtime(demo_release.publish_at)
    earlier_day = nav_of(client.get(f"/en/releases/{issued:%Y/%m/%d}/").content.decode())

    assert 'aria-current="page">Topics</a>' in navs[0]
    assert 'aria-current="page">Press releases</a>' in navs[1]
    assert 'aria-current="page">新聞公報</a>' in navs[2]
    assert navs[3] == navs[0]
    assert 'aria-current="page">Today\'s press releases</a>' in today
    assert "aria-current" not in earlier_day, "a day other than today marks nothing"


@pytest.mark.parametrize(
    ("language", "feeds", "api"),
    [
        ("zh-hant", "資訊源（RSS、Atom、JSON）", "開放數據應用程式介面"),
        ("en", "Feeds (RSS, Atom, JSON)", "Open data API"),
    ],
)
def test_footer_links_the_feeds_page_and_the_api(client, demo_release, language, feeds, api):
    footer = footer_of(client.get(f"/{language}/").content.decode())

    assert f'<a href="/{language}/feeds/">{feeds}</a>' in footer
    assert f'<a href="/api/v1/docs">{api}</a>' in footer
    # The feeds page explains them; no raw XML is linked from the footer.
    assert "/feed/" not in footer


def test_bare_api_address_leads_to_the_api_reference(client):
    response = client.get("/api/")

    assert response.status_code == 302
    assert response["Location"] == "/api/v1/docs"
    assert client.get(response["Location"]).status_code == 200


@pytest.fixture
def topics(demo_release):
    drugs = make_topic("drug-enforcement", "緝毒", "Drug enforcement")
    make_topic("empty-topic", "空主題", "Empty topic")
    now = timezone.now()
    for number in range(5):
        release = make_release(
            title_zh=f"緝毒公報{number}",
            title_en=f"Drug seizure {number}",
            publish_at=now - timedelta(days=number + 1),
        )
        release.topics.add(drugs)
    hidden = make_release(
        title_zh="未來公報", title_en="Future seizure", publish_at=now + timedelta(days=1)
    )
    hidden.topics.add(drugs)
    return drugs


def test_topics_page_lists_each_topic_with_its_newest_releases_feed_and_email(client, topics):
    response = client.get("/en/topics/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Topics | Customs and Excise Department</title>" in page
    assert '<h1 class="page-title">Topics</h1>' in page
    assert '<a href="/en/releases/?topic=drug-enforcement">Drug enforcement</a>' in page
    # The three newest, newest first; older ones are in the archive, scheduled ones nowhere.
    assert (
        page.index("Drug seizure 0") < page.index("Drug seizure 1") < page.index("Drug seizure 2")
    )
    assert "Drug seizure 3" not in page
    assert "Future seizure" not in page
    assert '<a href="/en/feeds/#feed-drug-enforcement">Follow by feed</a>' in page
    assert '<a href="/en/alerts/?topic=drug-enforcement">Follow by email</a>' in page
    assert "Empty topic" in page
    assert "No press releases on this topic yet." in page


def test_chinese_topics_page_speaks_chinese(client, topics):
    page = client.get("/zh-hant/topics/").content.decode()

    assert '<h1 class="page-title">主題</h1>' in page
    assert ">緝毒</a>" in page
    assert "緝毒公報0" in page
    assert "以電郵訂閱" in page
    for english in ("Topics", "Follow by email", "Follow by feed", "Drug enforcement"):
        assert english not in page


def test_topics_page_with_no_topics_says_so(client, db):
    page = client.get("/en/topics/").content.decode()

    assert "There are no topics yet." in page


@pytest.mark.parametrize(
    ("language", "texts", "absent"),
    [
        (
            "en",
            [
                '<h1 class="page-title">Feeds</h1>',
                "feed reader",
                "/en/feed/atom/",
                "/zh-hant/feed/",
                "/en/topics/drug-enforcement/feed/json/",
            ],
            "資訊源閱讀器",
        ),
        (
            "zh-hant",
            [
                '<h1 class="page-title">資訊源</h1>',
                "資訊源閱讀器",
                "/zh-hant/feed/json/",
                "/en/feed/",
                "/zh-hant/topics/drug-enforcement/feed/",
            ],
            "feed reader",
        ),
    ],
)
def test_feeds_page_explains_each_feed_in_the_reader_language(
    client, topics, language, texts, absent
):
    response = client.get(f"/{language}/feeds/")

    page = response.content.decode()
    assert response.status_code == 200
    for text in texts:
        assert text in page
    assert absent not in page


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/en/releases/?topic=drug-enforcement", "Follow Drug enforcement in a feed reader"),
        ("/zh-hant/releases/?topic=drug-enforcement", "以資訊源訂閱「緝毒」"),
        ("/en/topics/", "Follow by feed"),
    ],
)
def test_reader_pages_link_the_feeds_page_not_raw_xml(client, topics, path, label):
    page = client.get(path).content.decode()
    body = page[page.index("<body>") :]

    assert f'<a href="/{path.split("/")[1]}/feeds/#feed-drug-enforcement">{label}</a>' in body
    assert 'href="/en/topics/drug-enforcement/feed/"' not in body
    assert 'href="/zh-hant/topics/drug-enforcement/feed/"' not in body
    feeds = client.get(f"/{path.split('/')[1]}/feeds/").content.decode()
    assert '<tr id="feed-drug-enforcement">' in feeds
