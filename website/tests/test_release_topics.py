"""A release page names its topics, linked, and offers more on them and a way to follow them."""

import pytest

from testing.factories import make_topic
from testing.pages import detail_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(demo_release):
    demo_release.topics.add(
        make_topic("trade-facilitation", "貿易便利", "Trade facilitation"),
        make_topic("aeo", "認可經濟營運商", "Authorized economic operators"),
    )
    return demo_release


def test_release_page_names_its_topics_linked_to_their_releases(client, filed):
    page = client.get(detail_path(filed, "en")).content.decode()

    assert (
        '<p class="release__topics">Topics: '
        '<a href="/en/releases/?topic=aeo">Authorized economic operators</a>, '
        '<a href="/en/releases/?topic=trade-facilitation">Trade facilitation</a></p>'
    ) in page
    assert "More on these topics" in page
    assert (
        '<a href="/en/releases/?topic=aeo">'
        "More press releases on Authorized economic operators</a>"
    ) in page
    assert (
        '<a href="/en/alerts/?topic=aeo">Follow Authorized economic operators by email</a>' in page
    )


def test_chinese_release_page_names_its_topics_in_chinese(client, filed):
    page = client.get(detail_path(filed, "zh-hant")).content.decode()

    assert (
        '主題：<a href="/zh-hant/releases/?topic=aeo">認可經濟營運商</a>、'
        '<a href="/zh-hant/releases/?topic=trade-facilitation">貿易便利</a>'
    ) in page
    assert "相關主題" in page
    assert "以電郵訂閱「貿易便利」" in page
    assert "Topics" not in page
    assert "Trade facilitation" not in page


def test_release_without_topics_shows_no_topic_line(client, demo_release):
    page = client.get(detail_path(demo_release, "en")).content.decode()

    assert 'class="release__topics"' not in page
    assert "More on this topic" not in page
    assert "Contact us" in page
