"""The media room: what a journalist sees, their settings, and a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from media.models import Journalist
from testing.factories import add_image, make_embargoed, make_release, make_topic
from testing.media_factories import journalist, sign_in

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"


def embargoed_releases(count: int):
    now = timezone.now()
    return [
        make_embargoed(
            media_at=now + HOUR, publish_at=now + (3 + n) * HOUR, title_en=f"Release {letter}"
        )
        for n, letter in enumerate("ABCDEFG"[:count])
    ]


@pytest.mark.parametrize("count", [1, 4])
def test_the_room_takes_the_same_queries_however_many_releases(
    client, clock, django_assert_num_queries, count
):
    topic = make_topic("seizures", "檢獲", "Seizures")
    embargoed_releases(count)
    for n in range(count):
        make_release(title_en=f"Public {n}", publish_at=timezone.now() - timedelta(days=n + 1))
    person = journalist(beats=[topic], language="en")
    clock.move_to(timezone.now() + HOUR + timedelta(minutes=1))
    sign_in(client, person)
    # The session, the journalist, the embargoed releases and their translations, the public
    # releases and theirs, the beats and theirs: the release that came due is no query.
    with django_assert_num_queries(8):
        page = client.get("/en/media/room/").content.decode()
    assert page.count("EMBARGOED UNTIL") == count
    assert "Public 0" in page and "Seizures" in page


@pytest.mark.parametrize("images", [0, 3])
def test_an_embargoed_copy_takes_the_same_queries_however_many_photos(
    client, clock, django_assert_num_queries, images
):
    [release] = embargoed_releases(1)
    for _ in range(images):
        add_image(release)
    person = journalist(language="en")
    clock.move_to(timezone.now() + HOUR + timedelta(minutes=1))
    sign_in(client, person)
    path = f"/en/media/room/releases/{release.pk}/"
    client.get(path)
    with django_assert_num_queries(11):
        client.get(path, HTTP_USER_AGENT=BROWSER)


def test_a_journalist_changes_languages_beats_and_pauses_emails(client):
    topic = make_topic("seizures", "檢獲", "Seizures")
    person = journalist(language="en")
    sign_in(client, person)
    page = client.get("/en/media/room/settings/").content.decode()
    assert "Pause embargo emails" in page
    response = client.post(
        "/en/media/room/settings/",
        {"languages": "en", "beats": [topic.pk], "emails_paused": "on"},
    )
    assert response.status_code == 200
    assert "Your settings are saved." in response.content.decode()
    person = Journalist.objects.get()
    assert (person.languages, person.emails_paused) == ("en", True)
    assert list(person.beats.all()) == [topic]
    room = client.get("/en/media/room/").content.decode()
    assert "Paused: releases under embargo are only in the media room" in room


def test_bad_settings_are_refused_with_a_clear_message_in_each_language(client):
    person = journalist(language="en")
    sign_in(client, person)
    response = client.post("/en/media/room/settings/", {"languages": "klingon"})
    assert response.status_code == 400
    assert "Choose the languages you work in" in response.content.decode()
    response = client.post("/zh-hant/media/room/settings/", {"languages": ""})
    assert "請選擇你的工作語言" in response.content.decode()


def test_the_room_speaks_the_interface_language(client):
    sign_in(client, journalist(), "zh-hant")
    page = client.get("/zh-hant/media/room/").content.decode()
    assert '<h1 class="page-title">傳媒資料室</h1>' in page
    assert "Media room" not in page
