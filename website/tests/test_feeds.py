"""RSS and Atom feeds, read back as a feed reader would."""

import json
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from releases.models import Release, Topic
from testing.factories import make_topic

pytestmark = pytest.mark.django_db

ZH_TITLE = "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"
EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"


def read(client, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200
    return feedparser.parse(response.content)


@pytest.fixture
def newest(release_factory):
    now = timezone.now()
    return [
        release_factory(
            title_en=f"Release {i:02d}",
            title_zh=f"公報{i:02d}",
            body_en=f"Lead of release {i}.\n\nMore.",
            body_zh=f"公報{i}的導言。\n\n更多。",
            publish_at=now - timedelta(hours=i + 1),
        )
        for i in range(25)
    ]


@pytest.mark.parametrize("path", ["/en/feed/", "/en/feed/atom/"])
def test_feed_lists_the_newest_twenty_public_releases_in_english(client, newest, path):
    Release.objects.create(status=Release.Status.DRAFT)
    feed = read(client, path)

    assert not feed.bozo
    assert feed.feed.title == "Press releases | Customs and Excise Department"
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == [f"Release {i:02d}" for i in range(20)]
    first = feed.entries[0]
    assert first.summary == "Lead of release 0."
    assert first.link == f"http://testserver/en/releases/{newest[0].pk}/{newest[0].slug}/"
    assert first.published_parsed[:4] == newest[0].publish_at.utctimetuple()[:4]
    if path.endswith("atom/"):  # RSS 2.0 has no update date for an item
        assert first.updated_parsed[:4] == newest[0].publish_at.utctimetuple()[:4]


@pytest.mark.parametrize(
    ("language", "feed_language", "title", "summary"),
    [
        ("zh-hant", "zh-Hant-HK", "公報00", "公報0的導言。"),
        ("zh-hans", "zh-Hans", "公报00", "公报0的导言。"),
    ],
)
def test_chinese_feeds_speak_their_language(
    client, newest, language, feed_language, title, summary
):
    for path in (f"/{language}/feed/", f"/{language}/feed/atom/"):
        feed = read(client, path)

        assert feed.feed.language == feed_language
        assert feed.entries[0].title == title
        assert feed.entries[0].summary == summary
        assert feed.entries[0].link.startswith(f"http://testserver/{language}/releases/")
    assert read(client, f"/{language}/feed/").feed.title.startswith(
        "新聞公報" if language == "zh-hant" else "新闻公报"
    )


def test_feeds_leave_out_drafts_scheduled_and_withdrawn_releases(client, release_factory):
    release_factory(title_en="Public one")
    release_factory(title_en="Draft one", status=Release.Status.DRAFT)
    release_factory(title_en="Withdrawn one", status=Release.Status.WITHDRAWN)
    release_factory(title_en="Future one", publish_at=timezone.now() + timedelta(days=1))

    assert [e.title for e in read(client, "/en/feed/").entries] == ["Public one"]


def test_topic_feeds_list_only_that_topic(client, release_factory):
    topic = Topic(slug="aeo")
    topic.set_current_language("zh-hant")
    topic.name = "認可經濟營運商"
    topic.set_current_language("en")
    topic.name = "Authorised Economic Operator"
    topic.save()
    release_factory(title_en="On topic").topics.add(topic)
    release_factory(title_en="Off topic")

    rss = read(client, "/en/topics/aeo/feed/")
    atom = read(client, "/zh-hant/topics/aeo/feed/atom/")

    assert (
        rss.feed.title
        == "Authorised Economic Operator: press releases | Customs and Excise Department"
    )
    assert [e.title for e in rss.entries] == ["On topic"]
    assert atom.feed.title.startswith("認可經濟營運商：新聞公報")
    assert [e.title for e in atom.entries] == ["測試公報"]
    assert client.get("/en/topics/nope/feed/").status_code == 404


@pytest.mark.parametrize("path", ["", "releases/", "releases/1/x/"])
def test_every_page_links_its_feeds(client, demo_release, path):
    page = client.get(f"/en/{path}", follow=True).content.decode()

    assert 'type="application/rss+xml" title="Press releases (RSS)" href="/en/feed/">' in page
    assert (
        'type="application/atom+xml" title="Press releases (Atom)" href="/en/feed/atom/">' in page
    )


def test_archive_of_a_topic_links_its_feed(client, release_factory):
    make_topic("aeo", "認可經濟營運商", "AEO")
    page = client.get("/en/releases/?topic=aeo").content.decode()

    assert (
        'type="application/rss+xml" title="AEO: press releases (RSS)" href="/en/topics/aeo/feed/"'
        in page
    )


def read_json_feed(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/feed+json; charset=utf-8"
    return json.loads(response.content)


def test_json_feed_lists_the_newest_twenty_public_releases_with_their_text(client, newest):
    Release.objects.create(status=Release.Status.DRAFT)
    feed = read_json_feed(client, "/en/feed/json/")

    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Press releases | Customs and Excise Department"
    assert feed["language"] == "en"
    assert feed["home_page_url"] == "http://testserver/en/"
    assert feed["feed_url"] == "http://testserver/en/feed/json/"
    assert feed["authors"] == [{"name": "Customs and Excise Department"}]
    assert [item["title"] for item in feed["items"]] == [f"Release {i:02d}" for i in range(20)]
    first = feed["items"][0]
    assert first["url"] == f"http://testserver/en/releases/{newest[0].pk}/{newest[0].slug}/"
    assert first["summary"] == "Lead of release 0."
    assert first["content_html"] == "<p>Lead of release 0.</p>\n<p>More.</p>\n"
    published = timezone.localtime(newest[0].publish_at).isoformat()
    assert first["date_published"] == first["date_modified"] == published


@pytest.mark.parametrize(("language", "title"), [("zh-hant", "公報00"), ("zh-hans", "公报00")])
def test_chinese_json_feeds_speak_their_language(client, newest, language, title):
    feed = read_json_feed(client, f"/{language}/feed/json/")

    assert feed["title"].startswith("新聞公報" if language == "zh-hant" else "新闻公报")
    assert feed["items"][0]["title"] == title


def test_json_feed_of_a_topic_lists_only_that_topic(client, release_factory):
    make_topic("aeo", "認可經濟營運商", "AEO")
    release_factory(title_en="On topic").topics.add(Topic.objects.get())
    release_factory(title_en="Off topic")
    release_factory(title_en="Withdrawn", status=Release.Status.WITHDRAWN).topics.add(
        Topic.objects.get()
    )

    feed = read_json_feed(client, "/en/topics/aeo/feed/json/")

    assert feed["title"] == "AEO: press releases | Customs and Excise Department"
    assert [item["title"] for item in feed["items"]] == ["On topic"]
    assert client.get("/en/topics/nope/feed/json/").status_code == 404


def test_pages_advertise_the_json_feed(client, release_factory):
    make_topic("aeo", "認可經濟營運商", "AEO")
    home = client.get("/zh-hant/").content.decode()
    topic = client.get("/en/releases/?topic=aeo").content.decode()

    assert (
        '<link rel="alternate" type="application/feed+json" title="新聞公報（JSON Feed）" '
        'href="/zh-hant/feed/json/">'
    ) in home
    assert (
        'type="application/feed+json" title="AEO: press releases (JSON Feed)" '
        'href="/en/topics/aeo/feed/json/"'
    ) in topic
