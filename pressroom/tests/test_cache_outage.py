"""Without Redis the site serves from the database, logs the outage once, and never fails."""

import logging
import os
import socket

import pytest
from django.core.cache import cache

from pressroom import cache as resilient

pytestmark = pytest.mark.django_db

EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "pressroom.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "pressroom-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture(autouse=True)
def fresh_outage_state():
    resilient._down_until.clear()
    yield
    resilient._down_until.clear()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{closed_port()}/0")


@pytest.fixture
def redis_up(settings):
    url = os.environ.get("PRESSROOM_TEST_REDIS_URL")
    if not url:
        pytest.skip("PRESSROOM_TEST_REDIS_URL is not set (make test sets it)")
    settings.CACHES = redis_cache(url)
    cache.clear()
    yield
    cache.clear()


def test_pages_are_served_from_the_database_while_redis_is_down(
    client, demo_release, redis_down, caplog
):
    detail = f"/en/releases/{demo_release.pk}/{demo_release.slug}/"
    with caplog.at_level(logging.WARNING, logger="pressroom.cache"):
        pages = [client.get(path) for path in ["/en/", "/zh-hant/", detail, detail]]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert EN_TITLE in pages[0].content.decode()
    outage_logs = [r for r in caplog.records if "Redis cache unreachable" in r.getMessage()]
    assert len(outage_logs) == 1
    assert outage_logs[0].levelno == logging.ERROR
    assert "127.0.0.1" not in outage_logs[0].getMessage()


def test_healthz_names_the_cache_when_redis_is_down(client, redis_down, db):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unavailable"}


def test_while_redis_rests_it_is_not_asked_and_after_the_pause_it_is_tried_again(
    redis_down, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(resilient, "monotonic", lambda: clock[0])
    attempts = []
    original = resilient.RedisCache.get
    monkeypatch.setattr(
        resilient.ResilientRedisCache,
        "get",
        resilient._tolerant(resilient._default)(
            lambda self, *args, **kwargs: attempts.append(1) or original(self, *args, **kwargs)
        ),
    )

    assert cache.get("a", "missed") == "missed"
    assert cache.get("b", "missed") == "missed"
    clock[0] += resilient.RETRY_AFTER_SECONDS + 1
    assert cache.get("c", "missed") == "missed"

    assert len(attempts) == 2


def test_every_cache_call_survives_an_outage(redis_down):
    assert cache.set("key", "value") is None
    assert cache.add("key", "value") is False
    assert cache.get_many(["key"]) == {}
    assert cache.set_many({"key": "value"}) == ["key"]
    assert cache.has_key("key") is False
    assert cache.touch("key") is False
    assert cache.delete("key") is False
    assert cache.delete_many(["key"]) is None
    assert cache.get_or_set("key", "computed") == "computed"
    with pytest.raises(ValueError, match="not found"):
        cache.incr("key")


def test_pages_and_health_with_a_live_redis(client, redis_up, demo_release, caplog):
    first = client.get("/en/")
    second = client.get("/en/")
    health = client.get("/healthz")

    assert first.status_code == second.status_code == 200
    assert EN_TITLE in second.content.decode()
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "Redis cache unreachable" not in caplog.text


def test_recovery_is_logged_when_redis_answers_again(settings, redis_up, caplog):
    location = settings.CACHES["default"]["LOCATION"]
    resilient._down_until[location] = 0.0

    with caplog.at_level(logging.WARNING, logger="pressroom.cache"):
        cache.set("key", "value")

    assert cache.get("key") == "value"
    assert "Redis cache answers again." in caplog.text
