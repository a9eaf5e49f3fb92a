"""A cached page costs one read of the shared cache, and scheduled releases need no other.

Each read of Redis is a round trip: a worker answers a page it answered
already for this content version from its own copy, after reading the
content's generation, and the generation carries the times of the next
scheduled releases, so the pages' keys move when one comes due without a
read or a query of their own.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pagecache import middleware
from pagecache import versions as page_cache
from pagecache.memory import RecentPages
from releases import publishing
from releases.models import Release

pytestmark = pytest.mark.django_db

HOME = "/en/"


def reads_of(client, url: str) -> tuple[int, int, str]:
    """Fetch a page; return the cache reads and the queries it took, and its text."""
    with (
        mock.patch.object(middleware, "cache", wraps=cache) as spy,
        mock.patch.object(page_cache, "cache", wraps=cache) as versions_spy,
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(url)
    assert response.status_code == 200
    reads = [
        call
        for watched in (spy, versions_spy)
        for call in watched.method_calls
        if call[0] in ("get", "get_many")
    ]
    return len(reads), len(queries), response.content.decode()


def test_a_cached_page_is_one_read_of_the_cache_and_no_query(client, demo_release):
    client.get(HOME)

    reads, queries, text = reads_of(client, HOME)

    assert (reads, queries) == (1, 0)
    assert demo_release.title in text


def test_after_a_change_the_page_is_read_again_under_its_new_key(
    client, demo_release, django_capture_on_commit_callbacks
):
    client.get(HOME)
    with django_capture_on_commit_callbacks(execute=True):
        demo_release.set_current_language("en")
        demo_release.title = "A corrected title"
        step = publishing.Step(demo_release.status)
        publishing.save(demo_release, step, user=None, now=timezone.now())

    first_reads, _queries, text = reads_of(client, HOME)
    again_reads, again_queries, _text = reads_of(client, HOME)

    assert "A corrected title" in text
    assert first_reads > 1, "the generation, then the page under the key it gives"
    assert (again_reads, again_queries) == (1, 0)


def test_more_scheduled_releases_than_a_generation_keeps_each_appear_when_due(
    client, demo_release, release_factory, monkeypatch
):
    monkeypatch.setattr(page_cache, "UPCOMING_KEPT", 2)
    now = timezone.now()
    due = [now + timedelta(hours=hour) for hour in (1, 2, 3, 4, 5)]
    for number, moment in enumerate(due, start=1):
        release_factory(title_en=f"Scheduled number {number}", publish_at=moment)
    cache.clear()  # the generation worked out afresh, with the five releases scheduled

    with mock.patch("django.utils.timezone.now", return_value=now):
        assert "Scheduled number" not in client.get(HOME).content.decode()
    for number, moment in enumerate(due, start=1):
        with mock.patch("django.utils.timezone.now", return_value=moment + timedelta(seconds=1)):
            text = client.get(HOME).content.decode()
        assert f"Scheduled number {number}" in text
        assert f"Scheduled number {number + 1}" not in text


def test_the_release_times_are_one_query(demo_release, release_factory):
    now = timezone.now()
    release_factory(publish_at=now + timedelta(hours=1))

    with CaptureQueriesContext(connection) as queries:
        times = page_cache._release_times(now)

    assert len(queries) == 1
    assert times["last_due"] == Release.objects.get(pk=demo_release.pk).publish_at.timestamp()
    assert times["coming"] == [(now + timedelta(hours=1)).timestamp()]
    assert times["more"] is False


def test_a_worker_keeps_the_pages_it_answered_last_within_its_budget():
    recent = RecentPages(budget_bytes=10)
    first, second, third = (middleware.CachedPage(200, [], b"x" * 4) for _ in range(3))
    recent.keep("first", first)
    recent.keep("second", second)
    recent.get("first")  # answered again: now the most recent
    recent.keep("third", third)
    recent.keep("too big", middleware.CachedPage(200, [], b"x" * 11))

    assert recent.get("first") is first
    assert recent.get("second") is None, "the least recently answered goes first"
    assert recent.get("third") is third
    assert recent.get("too big") is None


def test_a_host_the_site_refuses_gets_no_cached_page(client, demo_release, settings):
    settings.ALLOWED_HOSTS = ["press.example.org"]
    kept = client.get(HOME, HTTP_HOST="press.example.org")

    refused = client.get(HOME, HTTP_HOST="elsewhere.example.com")
    again = client.get(HOME, HTTP_HOST="elsewhere.example.com")

    assert kept.status_code == 200
    assert (refused.status_code, again.status_code) == (400, 400)
    assert demo_release.title not in again.content.decode()


def test_a_generation_left_by_an_earlier_version_of_the_site_is_replaced(client, demo_release):
    # Before it carried the release times, a generation held its id and time alone.
    cache.set(page_cache.GENERATION_KEY, {"id": "earlier", "changed_at": 1.0}, timeout=None)

    response = client.get(HOME)

    assert response.status_code == 200
    assert demo_release.title in response.content.decode()
    generation = cache.get(page_cache.GENERATION_KEY)
    assert generation["id"] != "earlier"
    assert generation["last_due"] == demo_release.publish_at.timestamp()
