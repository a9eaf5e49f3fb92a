"""The page cache answers before sessions, language, CSRF and the header middleware run.

A cached page must then reach readers exactly as it was first sent: every
header the middleware further in gave it, a CSP nonce matching its body, and
nothing personal (cookies) kept.
"""

import secrets

import pytest
from django.conf import settings
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from pagecache.middleware import PageCacheMiddleware
from testing.pages import detail_path

pytestmark = pytest.mark.django_db

# What the middleware further in adds; the security middleware, outside, adds its own anew.
KEPT_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Content-Language",
    "Content-Type",
    "ETag",
    "Last-Modified",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cache-Control",
)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_cached_page_carries_every_header_its_first_answer_did(client, demo_release, language):
    path = detail_path(demo_release, language)
    first = client.get(path)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)

    assert len(queries) == 0
    assert again.content == first.content
    for name in KEPT_HEADERS:
        assert again.get(name) == first.get(name), name
    assert again["Content-Language"] == language


def test_the_api_answers_cross_origin_from_the_cache_and_with_304(client, demo_release):
    first = client.get("/api/v1/releases/1")
    again = client.get("/api/v1/releases/1")
    unchanged = client.get("/api/v1/releases/1", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content
    assert unchanged.status_code == 304
    for response in (first, again, unchanged):
        assert response["Access-Control-Allow-Origin"] == "*"


def with_a_nonce(request) -> HttpResponse:
    """A page as CSPMiddleware and a template using its nonce would make it: a new one each."""
    nonce = secrets.token_urlsafe(16)
    response = HttpResponse(f'<script nonce="{nonce}" src="/static/x.js"></script>')
    response["Content-Security-Policy"] = f"script-src 'self' 'nonce-{nonce}'"
    return response


def test_a_cached_page_keeps_the_nonce_its_policy_names(demo_release):
    middleware = PageCacheMiddleware(with_a_nonce)
    first = middleware(RequestFactory().get("/en/"))
    again = middleware(RequestFactory().get("/en/"))

    assert again.content == first.content
    nonce = again["Content-Security-Policy"].split("'nonce-")[1].rstrip("'")
    assert f'nonce="{nonce}"' in again.content.decode()


def setting_a_cookie(request) -> HttpResponse:
    response = HttpResponse("<p>Hello</p>")
    response.set_cookie("csrftoken", secrets.token_urlsafe(16))
    return response


def test_a_page_that_sets_a_cookie_further_in_is_rendered_for_each_reader(demo_release):
    middleware = PageCacheMiddleware(setting_a_cookie)
    first = middleware(RequestFactory().get("/en/"))
    again = middleware(RequestFactory().get("/en/"))

    assert first.cookies["csrftoken"].value != again.cookies["csrftoken"].value


def test_a_session_cookie_that_is_not_staffs_still_gets_the_cached_page(client, demo_release):
    path = detail_path(demo_release, "en")
    cached = client.get(path).content
    client.cookies[settings.SESSION_COOKIE_NAME] = "no-such-session"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)

    assert response.content == cached
    assert len(queries) == 1, "only the session"
