"""While PostgreSQL is unreachable, readers get an honest bilingual 503, and the site recovers.

These tests point the site at a closed port, or end this test's own session
with pg_terminate_backend; the shared server keeps running for everyone else.
"""

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from wsgiref.util import setup_testing_defaults

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the outage tests run on PostgreSQL"
    ),
]

EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_unreachable() -> Iterator[None]:
    """Make every new connection fail, as when the database server has gone away."""
    connection.close()
    port = connection.settings_dict["PORT"]
    # Every thread's connection reads this one settings dict.
    connection.settings_dict["PORT"] = str(closed_port())
    try:
        yield
    finally:
        connection.settings_dict["PORT"] = port


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_pages_answer_503_while_the_database_is_down_and_recover_on_their_own(
    live_server, demo_release
):
    home = live_server.url + "/en/"
    assert get(home)[0] == 200

    with database_unreachable():
        # Pages the page cache has not kept: /en/ itself is served from it (tested below).
        paths = ["/en/feed/", "/zh-hant/", f"/en/releases/{demo_release.pk}/"]
        outage = [get(live_server.url + path) for path in paths]
        health = get(live_server.url + "/healthz")

    recovered = get(home)
    for status, headers, page in outage:
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "no-store" in headers["Cache-Control"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert '<section lang="zh-Hant-HK">' in page
        assert '<section lang="en">' in page
        assert "網站暫時未能提供服務" in page
        assert "The site is briefly unavailable" in page
    assert health[0] == 503
    assert '"database": "unavailable"' in health[2]
    assert recovered[0] == 200
    assert EN_TITLE in recovered[2]


def serve(path: str) -> tuple[str, str]:
    """Run one request through Django's WSGI handler, as gunicorn does, with its signals."""
    environ: dict = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    started: list[str] = []
    response = WSGIHandler()(environ, lambda status, headers: started.append(status))
    try:
        return started[0], b"".join(response).decode()
    finally:
        response.close()


def test_a_kept_connection_the_server_dropped_is_replaced_without_an_error(demo_release):
    assert serve("/en/")[0] == "200 OK"
    backend_pid = connection.connection.info.backend_pid

    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    # Another address, so the page cache does not answer it without the database.
    status, page = serve("/zh-hant/")

    assert status == "200 OK"
    assert EN_TITLE in page
    assert connection.connection.info.backend_pid != backend_pid


def test_cached_pages_keep_being_served_during_the_outage(client, demo_release):
    assert client.get("/en/").status_code == 200

    with database_unreachable():
        cached = client.get("/en/")
        uncached = client.get("/zh-hant/")

    assert cached.status_code == 200
    assert EN_TITLE in cached.content.decode()
    assert uncached.status_code == 503
