"""Anonymous readers get cached pages that any change to content, or the clock, makes fresh."""

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError, connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from redis.exceptions import RedisError
from reversion.models import Version

from pagecache import middleware
from pagecache import versions as page_cache
from releases import publishing
from releases.models import Release, Topic

pytestmark = pytest.mark.django_db

HOME = "/en/"


@contextmanager
def time_is(moment: datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def queries_of(client, url: str) -> tuple[int, str]:
    """Fetch a page; return how many queries it ran and its text."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_anonymous_page_is_served_from_the_cache_the_second_time(client, demo_release):
    first_queries, first = queries_of(client, HOME)
    second_queries, second = queries_of(client, HOME)

    assert first_queries > 0
    assert second_queries == 0
    assert second == first


def test_each_language_and_address_is_cached_apart(client, demo_release):
    chinese = client.get("/zh-hant/").content.decode()
    english = client.get("/en/").content.decode()

    assert 'lang="zh-Hant-HK"' in chinese.split(">")[1]
    assert 'lang="en"' in english.split(">")[1]
    assert queries_of(client, "/en/releases/?year=2023")[0] > 0


def test_admin_is_never_cached(admin_client):
    admin_client.get("/admin/")

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert len(queries) > 0
    assert "public" not in response.get("Cache-Control", "")


# Each change a site can undergo, with a text the English pages show only before it
# (`gone`) or only after it (`shown`); None where the pages do not show what changed.
# Releases change through their entry points, as every route does.
def save(release: Release, write_related=None) -> None:
    step = publishing.Step(release.status)
    publishing.save(release, step, user=None, now=timezone.now(), write_related=write_related)


def edit_translation(release: Release, other: Release, topic: Topic) -> None:
    release.set_current_language("en")
    release.title = "Corrected English title"
    save(release)


def move_publish_date(release: Release, other: Release, topic: Topic) -> None:
    release.publish_at = datetime(2020, 2, 3, 4, tzinfo=UTC)
    save(release)


def publish_draft(release: Release, other: Release, topic: Topic) -> None:
    publishing.publish(other, user=None, now=timezone.now())


def withdraw(release: Release, other: Release, topic: Topic) -> None:
    reasons = {"zh-hant": "資料有誤。", "en": "The figures were wrong."}
    publishing.withdraw(release, reasons, user=None, now=timezone.now())


def delete(release: Release, other: Release, topic: Topic) -> None:
    publishing.delete(release, user=None)


def edit_contact(release: Release, other: Release, topic: Topic) -> None:
    release.contact.set_current_language("en")
    release.contact.office = "Renamed Office"
    release.contact.save()


def rename_topic(release: Release, other: Release, topic: Topic) -> None:
    topic.set_current_language("en")
    topic.name = "Renamed topic"
    topic.save()


def add_topic(release: Release, other: Release, topic: Topic) -> None:
    save(release, lambda: release.topics.add(topic))


def remove_topic(release: Release, other: Release, topic: Topic) -> None:
    save(release, release.topics.clear)


CHANGES = [
    pytest.param(edit_translation, "Corrected English title", None, id="translation-edit"),
    pytest.param(move_publish_date, "3 February 2020", None, id="release-save"),
    pytest.param(publish_draft, "Draft becomes public", None, id="publish"),
    pytest.param(withdraw, None, "AEO Expert Mission", id="withdraw"),
    pytest.param(delete, None, "AEO Expert Mission", id="delete"),
    pytest.param(edit_contact, "Renamed Office", None, id="contact-edit"),
    pytest.param(rename_topic, None, None, id="topic-edit"),
    pytest.param(add_topic, None, None, id="m2m-topic-add"),
    pytest.param(remove_topic, None, None, id="m2m-topic-remove"),
]


@pytest.fixture
def cached_pages(client, demo_release, release_factory) -> Callable[[], list[str]]:
    """Cache the English home and release pages; return a function that reads them again."""
    draft = release_factory(title_en="Draft becomes public", status=Release.Status.DRAFT)
    topic = Topic.objects.create(slug="aeo")
    demo_release.topics.add(topic)
    urls = [HOME, demo_release.get_absolute_url().replace("/zh-hant/", "/en/")]
    for url in urls:
        client.get(url)
        assert queries_of(client, url)[0] == 0, "the page should now be cached"

    def read_again() -> list[tuple[int, str]]:
        with CaptureQueriesContext(connection) as queries:
            texts = [client.get(url).content.decode() for url in urls]
        return len(queries), texts

    read_again.objects = (demo_release, draft, topic)
    return read_again


@pytest.mark.parametrize(("change", "shown", "gone"), CHANGES)
def test_every_kind_of_change_makes_cached_pages_fresh_at_once(
    cached_pages, change, shown, gone, django_capture_on_commit_callbacks
):
    release, draft, topic = (
        Release.objects.get(pk=obj.pk) if isinstance(obj, Release) else obj
        for obj in cached_pages.objects
    )
    _, before = cached_pages()

    with django_capture_on_commit_callbacks(execute=True):
        change(release, draft, topic)
    queries, after = cached_pages()

    assert queries > 0, "the pages were rendered again, not served from the cache"
    if shown:
        assert shown not in " ".join(before)
        assert shown in " ".join(after)
    if gone:
        assert gone in before[0]
        assert gone not in after[0]


def test_changes_outside_the_content_keep_the_cache(cached_pages):
    User.objects.create_user("reader")

    queries, _ = cached_pages()

    assert queries == 0


def test_a_change_committed_later_is_announced_again_on_commit(
    cached_pages, django_capture_on_commit_callbacks
):
    topic = cached_pages.objects[2]
    with django_capture_on_commit_callbacks() as callbacks:
        topic.save()
    generation = cache.get(page_cache.GENERATION_KEY)

    for callback in callbacks:
        callback()

    assert callbacks
    assert cache.get(page_cache.GENERATION_KEY)["id"] != generation["id"]


def test_scheduled_release_appears_when_due_without_any_save(
    client, demo_release, release_factory
):
    now = timezone.now()
    due = now + timedelta(hours=1)
    release_factory(title_en="Scheduled for ten", publish_at=due)

    with time_is(now):
        assert "Scheduled for ten" not in queries_of(client, HOME)[1]
    with time_is(due - timedelta(seconds=30)):
        queries, text = queries_of(client, HOME)
        assert queries == 0, "still cached a moment before the release comes due"
        assert "Scheduled for ten" not in text
    with time_is(due + timedelta(seconds=1)):
        queries, text = queries_of(client, HOME)

    assert queries > 0
    assert "Scheduled for ten" in text


def kept_for(spy: mock.MagicMock) -> int:
    """Return the timeout the page was kept with (not the URL's last page, kept longer)."""
    [timeout] = [
        timeout
        for (key, _page, timeout), _ in spy.set.call_args_list
        if key.startswith("pressroom:page:")
    ]
    return timeout


def test_nothing_is_kept_past_the_next_scheduled_release(client, demo_release, release_factory):
    now = timezone.now()
    release_factory(publish_at=now + timedelta(minutes=5))

    with time_is(now), mock.patch.object(middleware, "cache", wraps=cache) as spy:
        response = client.get(HOME)

    assert 0 < kept_for(spy) <= 300
    assert "max-age=60" in response["Cache-Control"]
    with time_is(now + timedelta(minutes=4, seconds=50)):
        assert "max-age=10" in client.get(HOME)["Cache-Control"]


def test_with_nothing_scheduled_pages_keep_for_the_full_time(client, demo_release):
    with mock.patch.object(middleware, "cache", wraps=cache) as spy:
        client.get(HOME)

    assert kept_for(spy) == page_cache.PAGE_CACHE_SECONDS


def test_staff_see_fresh_pages_marked_never_cache(client, admin_user, demo_release):
    client.get(HOME)
    client.force_login(admin_user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)

    assert len(queries) > 2, "rendered, after the session and user look-ups"
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "ETag" not in response


def test_a_staff_visit_leaves_nothing_in_the_cache(client, admin_user, demo_release):
    client.force_login(admin_user)
    client.get(HOME)
    client.logout()

    assert queries_of(client, HOME)[0] > 0


def test_a_page_its_view_marks_never_cache_is_rendered_every_time(client, settings):
    settings.ROOT_URLCONF = "testing.never_cache_urls"

    first = client.get("/en/preview/")
    second = client.get("/en/preview/")

    assert (first.content, second.content) == (b"preview 1", b"preview 2")
    assert "no-cache" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]
    assert "ETag" not in second


def test_restoring_an_earlier_version_makes_cached_pages_fresh(
    client, demo_release, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        save(demo_release)
        demo_release.publish_at = datetime(2020, 2, 3, 4, tzinfo=UTC)
        save(demo_release)
    assert "3 February 2020" in client.get(HOME).content.decode()

    # As the desk restores: the version's rows brought back, then saved through publishing.
    first = Version.objects.get_for_object(demo_release).last()
    with django_capture_on_commit_callbacks(execute=True):
        first.revision.revert()
        restored = Release.objects.get(pk=demo_release.pk)
        step = publishing.Step(restored.status, restored=first.field_dict["version"])
        publishing.save(restored, step, user=None, now=timezone.now())

    text = client.get(HOME).content.decode()
    assert "30 November 2023" in text
    assert "3 February 2020" not in text


def test_signed_in_reader_who_is_not_staff_gets_the_cached_page(client, demo_release):
    cached = client.get(HOME).content
    client.force_login(User.objects.create_user("reader"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME)

    assert response.content == cached
    assert len(queries) == 2, "only the session and the user"


def test_cached_page_is_served_while_the_database_is_unreachable(client, demo_release):
    url = demo_release.get_absolute_url()
    cached = client.get(url).content
    down = OperationalError("connection refused")

    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch.object(connection, "ensure_connection", side_effect=down),
        mock.patch.object(connection, "cursor", side_effect=down),
    ):
        response = client.get(url)
        uncached = client.get(url.replace("/zh-hant/", "/en/"))

    assert response.status_code == 200
    assert response.content == cached
    assert len(queries) == 0
    assert uncached.status_code == 503


def never_cached(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    return response


def test_pages_are_rendered_while_the_cache_is_down(client, demo_release, caplog):
    down = RedisError("connection refused")

    with (
        mock.patch.object(LocMemCache, "get", side_effect=down),
        mock.patch.object(LocMemCache, "set", side_effect=down),
    ):
        response = client.get(HOME)

    assert response.status_code == 200
    assert b"AEO Expert Mission" in response.content
    assert "Page cache unavailable" in caplog.text


def test_saving_content_while_the_cache_is_down_succeeds_and_says_so(
    demo_release, caplog, django_capture_on_commit_callbacks
):
    demo_release.set_current_language("en")
    demo_release.title = "Saved without a cache"

    # Only the page cache's own writes fail here: parler caches translations too.
    with (
        mock.patch.object(page_cache, "cache") as unreachable,
        django_capture_on_commit_callbacks(execute=True),
    ):
        unreachable.set.side_effect = RedisError("connection refused")
        save(demo_release)

    assert Release.objects.get().safe_translation_getter("title", language_code="en") == (
        "Saved without a cache"
    )
    assert "The page cache missed a change" in caplog.text


@pytest.mark.parametrize(
    ("response", "storable"),
    [
        pytest.param(HttpResponse("page"), True, id="plain-page"),
        pytest.param(HttpResponse("gone", status=404), False, id="not-found"),
        pytest.param(HttpResponse(status=301), False, id="redirect"),
        pytest.param(StreamingHttpResponse(["x"]), False, id="streaming"),
        pytest.param(never_cached(HttpResponse("preview")), False, id="never-cache"),
        pytest.param(HttpResponse("p", headers={"Cache-Control": "private"}), False, id="private"),
    ],
)
def test_only_complete_pages_for_everyone_are_stored(response, storable):
    assert middleware.is_storable(response) is storable


def test_a_page_that_sets_a_cookie_is_not_stored():
    response = HttpResponse("page")
    response.set_cookie("csrftoken", "secret")

    assert not middleware.is_storable(response)


@pytest.mark.parametrize(
    ("path", "public"),
    [
        ("/zh-hant/", True),
        ("/en/releases/1/slug/", True),
        ("/en/feed/", True),
        ("/sitemap.xml", True),
        ("/admin/", False),
        ("/static/css/site.css", False),
        ("/", False),
        ("/english/", False),
    ],
)
def test_public_pages_are_those_under_a_language_prefix_and_the_sitemap(path, public):
    assert bool(middleware.public_path_pattern().match(path)) is public


@pytest.fixture
def shared_redis(settings):
    """Use a Redis cache as app servers in production do; skip where no Redis runs."""
    url = os.environ.get("PRESSROOM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"test-{uuid.uuid4().hex}"
    location = {"LOCATION": url, "KEY_PREFIX": prefix}
    other_server = RedisCache(url, {"KEY_PREFIX": prefix})
    try:
        other_server.get("ping")
    except Exception:
        pytest.skip(f"no Redis at {url}")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **location}
    }
    yield other_server
    client = other_server._cache.get_client()
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_change_through_one_app_server_reaches_every_other_through_redis(
    client, demo_release, shared_redis, django_capture_on_commit_callbacks
):
    client.get(HOME)
    seen_elsewhere = shared_redis.get(page_cache.GENERATION_KEY)

    with django_capture_on_commit_callbacks(execute=True):
        save(demo_release)

    assert seen_elsewhere is not None
    assert shared_redis.get(page_cache.GENERATION_KEY)["id"] != seen_elsewhere["id"]
    assert queries_of(client, HOME)[0] > 0


# Another process on the same machine, with its own database, saves a change.
ANNOUNCE_A_CHANGE = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); "
    "from pagecache.versions import content_changed; content_changed()"
)


def test_without_redis_a_change_in_one_process_reaches_the_others(settings, tmp_path):
    # The default cache with no REDIS_URL: what `make serve`'s workers and a
    # management command run beside them share.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    before = page_cache._generation()["id"]

    subprocess.run(
        [sys.executable, "-c", ANNOUNCE_A_CHANGE],
        env={
            **os.environ,
            "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'other.sqlite3'}",
            "DJANGO_DEBUG": "1",
        },
        check=True,
    )

    assert page_cache._generation()["id"] != before
