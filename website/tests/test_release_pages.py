"""A release page's text and relations are kept per version of the release: never stale.

Each test reads the page with the page cache off, as a page is rendered after
every publish, so what it shows comes from the release kept per version
(website.release_pages) and its article kept per version and language.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from releases import publishing
from testing.factories import make_release, make_topic
from testing.pages import detail_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rendered_afresh(settings):
    settings.PAGE_CACHE = False


def page(client, release, language: str) -> str:
    response = client.get(detail_path(release, language))
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_a_release_rendered_again_runs_one_query_and_shows_the_same(client, demo_release):
    path = detail_path(demo_release, "en")
    first = client.get(path).content

    assert queries_of(client, path) == 1
    assert client.get(path).content == first


def test_a_correction_shows_at_once_in_both_languages(client, demo_release, publisher):
    before = {language: page(client, demo_release, language) for language in ("zh-hant", "en")}
    titles = {"en": "Symposium title, corrected", "zh-hant": "論壇標題（更正）"}
    for language, title in titles.items():
        demo_release.set_current_language(language)
        demo_release.title = title
    notes = {"zh-hant": "更正標題。", "en": "The title was corrected."}

    publishing.correct(demo_release, notes, user=publisher, now=timezone.now())

    english, chinese = page(client, demo_release, "en"), page(client, demo_release, "zh-hant")
    assert "corrected" not in before["en"]
    for shown in (english, chinese):
        assert all(title in shown for title in titles.values())
    assert "The title was corrected." in english
    assert "Updated" in english
    assert "更正標題。" in chinese
    assert 'class="release__updated"' in chinese
    assert 'class="release__updated"' not in before["zh-hant"]


def test_a_renamed_topic_shows_on_the_release_page(client, demo_release):
    topic = make_topic("aeo", "認可經濟營運商", "Authorized economic operators")
    demo_release.topics.add(topic)
    demo_release.save()
    assert "Authorized economic operators" in page(client, demo_release, "en")

    topic.set_current_language("en")
    topic.name = "Trusted traders"
    topic.save()

    english = page(client, demo_release, "en")
    assert "Trusted traders" in english
    assert "Authorized economic operators" not in english


def test_publishing_another_release_keeps_this_one(client, demo_release, publisher):
    path = detail_path(demo_release, "zh-hant")
    client.get(path)
    other = make_release(title_en="Another release", status="draft")

    publishing.publish(other, user=publisher, now=timezone.now())

    assert queries_of(client, path) == 1
    assert queries_of(client, detail_path(other, "zh-hant")) == 6


def test_a_preview_is_never_answered_with_the_public_article(
    publisher_client, demo_release, publisher
):
    public = page(publisher_client, demo_release, "en")
    preview = publisher_client.get(f"/en/releases/preview/{demo_release.pk}/")

    assert preview.status_code == 200
    assert preview.content.decode() != public
    assert "no-cache" in preview["Cache-Control"]
