"""Public pages carry validators and caching headers, answer 304s, and are compressed."""

import gzip
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from releases import publishing
from releases.models import Release
from testing.factories import committed, make_release

pytestmark = pytest.mark.django_db

HOME = "/en/"


def test_public_page_carries_etag_last_modified_and_short_public_caching(client, demo_release):
    response = client.get(HOME)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert parse_http_date(response["Last-Modified"]) <= timezone.now().timestamp()
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}


def test_cached_and_fresh_answers_carry_the_same_validators(client, demo_release):
    fresh = client.get(HOME)
    cached = client.get(HOME)

    assert cached["ETag"] == fresh["ETag"]
    assert cached["Last-Modified"] == fresh["Last-Modified"]


@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_conditional_request_for_a_cached_page_answers_304_without_the_view(
    client, demo_release, validator
):
    page = client.get(HOME)
    headers = (
        {"if-none-match": page["ETag"]}
        if validator == "etag"
        else {"if-modified-since": page["Last-Modified"]}
    )

    with (
        mock.patch("website.views.render", side_effect=AssertionError("the view ran")),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(HOME, headers=headers)

    assert response.status_code == 304
    assert response.content == b""
    assert response.templates == []
    assert len(queries) == 0
    assert response["ETag"] == page["ETag"]


def test_conditional_request_answers_304_when_the_page_was_not_cached(client, demo_release):
    etag = client.get(HOME)["ETag"]
    cache.clear()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME, headers={"if-none-match": etag})

    assert len(queries) > 0, "rendered again"
    assert response.status_code == 304
    assert response.content == b""


def test_after_a_change_the_old_validators_get_the_new_page(client, demo_release):
    page = client.get(HOME)
    later = timezone.now() + timedelta(seconds=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        demo_release.set_current_language("en")
        demo_release.title = "A corrected title"
        with committed():
            publishing.save(
                demo_release, publishing.Step(demo_release.status), user=None, now=later
            )

        by_etag = client.get(HOME, headers={"if-none-match": page["ETag"]})
        by_date = client.get(HOME, headers={"if-modified-since": page["Last-Modified"]})

    assert by_etag.status_code == by_date.status_code == 200
    assert "A corrected title" in by_etag.content.decode()
    assert by_etag["ETag"] != page["ETag"]
    assert parse_http_date(by_date["Last-Modified"]) > parse_http_date(page["Last-Modified"])


def test_a_stale_date_gets_the_whole_page(client, demo_release):
    client.get(HOME)
    a_day_ago = http_date(timezone.now().timestamp() - 86400)

    response = client.get(HOME, headers={"if-modified-since": a_day_ago})

    assert response.status_code == 200
    assert b"AEO Expert Mission" in response.content


def test_pages_are_gzipped_for_clients_that_accept_it(client, demo_release):
    plain = client.get(HOME)
    response = client.get(HOME, headers={"accept-encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain.content
    # Django pads each response with up to 100 random bytes against BREACH.
    assert len(response.content) < len(plain.content) * 0.6
    assert "Accept-Encoding" in response["Vary"]


def test_a_gzipped_page_revalidates_with_its_weak_etag(client, demo_release):
    gzip_headers = {"accept-encoding": "gzip"}
    etag = client.get(HOME, headers=gzip_headers)["ETag"]

    response = client.get(HOME, headers={**gzip_headers, "if-none-match": etag})

    assert etag.startswith('W/"')
    assert response.status_code == 304


def test_not_found_pages_are_not_marked_public(client, db):
    response = client.get("/en/releases/999/missing/")

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
    assert "ETag" not in response


LISTS = ["/en/", "/zh-hant/", "/en/feed/", "/api/v1/releases", "/sitemap.xml"]


def save_a_draft_two_seconds_later():
    later = timezone.now() + timedelta(seconds=2)
    with mock.patch("django.utils.timezone.now", return_value=later), committed():
        draft = make_release(title_en="Budget 2027, not yet out", status=Release.Status.DRAFT)
        publishing.save(draft, publishing.Step(Release.Status.DRAFT), user=None, now=later)
    return later


@pytest.mark.parametrize("url", LISTS)
def test_a_draft_saved_leaves_a_public_list_s_date_and_validators_alone(client, demo_release, url):
    before = client.get(url)
    later = save_a_draft_two_seconds_later()

    with mock.patch("django.utils.timezone.now", return_value=later):
        after = client.get(url)
        again = client.get(url, headers={"if-modified-since": before["Last-Modified"]})

    assert after.status_code == 200
    assert after["Last-Modified"] == before["Last-Modified"]
    assert after["ETag"] == before["ETag"]
    assert "Budget 2027" not in after.content.decode()
    assert again.status_code == 304


@pytest.mark.parametrize("url", LISTS)
def test_a_release_published_moves_a_public_list_s_date(client, demo_release, url):
    before = client.get(url)
    later = timezone.now() + timedelta(seconds=2)

    with mock.patch("django.utils.timezone.now", return_value=later):
        with committed():
            release = make_release(title_en="Budget 2027", status=Release.Status.DRAFT)
            publishing.publish(release, user=None, now=later)
        after = client.get(url, headers={"if-modified-since": before["Last-Modified"]})

    assert after.status_code == 200
    assert parse_http_date(after["Last-Modified"]) == int(later.timestamp())
