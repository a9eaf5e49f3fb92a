"""Feeds name their WebSub hubs, and a real local hub is told when a release changes them."""

from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from media import websub
from releases import publishing
from testing.factories import make_topic, publish_release
from testing.mailbox import run_worker
from testing.receiver import Receiver

HUB = "https://hub.example.org/"
FEEDS = ("feed/", "feed/atom/", "feed/json/")


@pytest.fixture
def hub(settings):
    server = Receiver().start()
    settings.WEBSUB_HUBS = [server.url]
    yield server
    server.stop()


def pinged(hub: Receiver) -> list[str]:
    """The feed addresses a hub was told of, each checked as a publish ping."""
    urls = []
    for post in hub.posts:
        form = parse_qs(post.body.decode())
        assert form["hub.mode"] == ["publish"]
        assert post.headers["content-type"] == "application/x-www-form-urlencoded"
        urls += form["hub.url"]
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
def test_each_feed_names_the_hubs_and_itself(client, settings, language):
    settings.WEBSUB_HUBS = [HUB, "https://second.example.org/hub"]
    base = f"http://testserver/{language}/"

    rss = client.get(f"/{language}/feed/").content.decode()
    atom = client.get(f"/{language}/feed/atom/").content.decode()
    json_feed = client.get(f"/{language}/feed/json/").json()

    assert f'<atom:link href="{HUB}" rel="hub"/>' in rss
    assert '<atom:link href="https://second.example.org/hub" rel="hub"/>' in rss
    assert f'<atom:link href="{base}feed/" rel="self"' in rss
    assert f'<link href="{HUB}" rel="hub"/>' in atom
    assert f'<link href="{base}feed/atom/" rel="self"' in atom
    assert json_feed["hubs"][0] == {"type": "WebSub", "url": HUB}
    assert json_feed["feed_url"] == f"{base}feed/json/"


@pytest.mark.django_db
def test_a_feed_names_no_hub_when_none_is_configured(client, settings):
    settings.WEBSUB_HUBS = []

    assert 'rel="hub"' not in client.get("/en/feed/").content.decode()
    assert 'rel="hub"' not in client.get("/en/feed/atom/").content.decode()
    assert "hubs" not in client.get("/en/feed/json/").json()


@pytest.mark.django_db(transaction=True)
def test_a_scheduled_release_pings_the_hub_at_its_time_for_every_feed_it_changes(hub, clock):
    topic = make_topic("seizures", "檢獲", "Seizures")
    at = timezone.now() + timedelta(hours=2)
    release = publish_release(publish_at=at)
    release.topics.add(topic)

    run_worker()
    assert hub.posts == []

    clock.move_to(at)
    run_worker()

    languages = [f"http://127.0.0.1:8000/{code}/" for code in ("zh-hant", "en", "zh-hans")]
    assert sorted(pinged(hub)) == sorted(
        [f"{base}{feed}" for base in languages for feed in FEEDS]
        + [f"{base}topics/seizures/{feed}" for base in languages for feed in FEEDS]
    )


@pytest.mark.django_db(transaction=True)
def test_a_correction_and_a_withdrawal_ping_at_once(hub):
    release = publish_release()
    run_worker()
    hub.posts.clear()

    note = {"zh-hant": "更正日期。", "en": "Date corrected."}
    publishing.correct(release, note, user=None, now=timezone.now())
    run_worker()
    assert len(pinged(hub)) == 9

    reasons = {"zh-hant": "撤回。", "en": "Withdrawn."}
    publishing.withdraw(release, reasons, user=None, now=timezone.now())
    run_worker()
    assert len(pinged(hub)) == 18


@pytest.mark.django_db(transaction=True)
def test_nothing_is_pinged_without_hubs(settings):
    settings.WEBSUB_HUBS = []
    publish_release()
    run_worker()

    assert not DBTaskResult.objects.filter(task_path__contains="ping").exists()


@pytest.mark.django_db(transaction=True)
def test_a_hub_that_fails_is_told_again_a_minute_later(settings, clock):
    server = Receiver([500, 204]).start()
    try:
        settings.WEBSUB_HUBS = [server.url]
        websub.ping_until_told(server.url, "http://127.0.0.1:8000/en/feed/")
        assert server.posts[0].body  # answered 500
        run_worker()
        assert len(server.posts) == 1  # not yet

        clock.shift(timedelta(minutes=1))
        run_worker()
        assert len(server.posts) == 2
    finally:
        server.stop()
