"""Operators register endpoints, copy the secret, see every try and resume a paused endpoint."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from media.webhooks import Attempt, Delivery, Endpoint, Event, EventType
from testing.factories import publish_release, signed_in, staff_member

ENDPOINTS = "/admin/media/endpoint/"


@pytest.fixture
def operator(db):
    user = staff_member("olive", "Publishers")
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="media", codename__contains="endpoint"),
        Permission.objects.get(codename="view_delivery"),
    )
    return user


@pytest.fixture
def operator_client(client, operator):
    return signed_in(client, operator)


def add(client, url: str, events=("release.published",)):
    return client.post(
        f"{ENDPOINTS}add/",
        {"url": url, "description": "Wire service", "events": list(events), "active": "on"},
        follow=True,
    )


def test_an_operator_registers_an_endpoint_and_is_shown_its_secret(operator_client):
    page = add(operator_client, "https://hooks.example.org/press").content.decode()

    endpoint = Endpoint.objects.get()
    assert endpoint.secret.startswith("whsec_") and len(endpoint.secret) == 50
    assert endpoint.events == ["release.published"]
    assert f"Copy its signing secret into the receiver: {endpoint.secret}" in page

    change = operator_client.get(f"{ENDPOINTS}{endpoint.pk}/change/").content.decode()
    assert f'readonly value="{endpoint.secret}"' in change
    assert "Give this secret to the receiver" in change


def test_each_endpoint_gets_a_secret_of_its_own(operator_client):
    add(operator_client, "https://one.example.org/")
    add(operator_client, "https://two.example.org/")

    assert len(set(Endpoint.objects.values_list("secret", flat=True))) == 2


@pytest.mark.parametrize(
    ("language", "url", "error"),
    [
        ("en", "http://hooks.example.org/", "Use an https address"),
        ("zh-hant", "http://hooks.example.org/", "請使用 https 地址"),
        ("en", "https://hooks.example.org/", None),
    ],
)
def test_plain_http_is_refused_except_to_this_machine_in_tests(
    operator_client, language, url, error
):
    operator_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    response = add(operator_client, url)

    if error:
        assert error in response.content.decode()
        assert not Endpoint.objects.exists()
    else:
        assert Endpoint.objects.count() == 1
    add(operator_client, "http://127.0.0.1:9/hook")
    assert Endpoint.objects.filter(url="http://127.0.0.1:9/hook").exists()


def test_a_private_address_is_refused_in_production(operator_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    for url in ("http://127.0.0.1:9/hook", "https://127.0.0.1/hook", "https://10.1.2.3/"):
        add(operator_client, url)
    page = add(operator_client, "https://192.168.1.1/").content.decode()

    assert "This address is on a private network" in page
    assert not Endpoint.objects.exists()


def test_the_list_says_which_endpoint_is_paused_and_resumes_it(operator_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    now = timezone.now()
    paused = Endpoint.objects.create(
        url="https://down.example.org/", paused_at=now, failing_since=now - timedelta(days=1)
    )
    Endpoint.objects.create(url="https://up.example.org/")

    page = operator_client.get(ENDPOINTS).content.decode()
    assert "Paused since" in page and "Working" in page

    operator_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    assert "暫停" in operator_client.get(ENDPOINTS).content.decode()

    response = operator_client.post(
        ENDPOINTS, {"action": "resume_selected", "_selected_action": [paused.pk]}, follow=True
    )
    assert "已恢復1個端點" in response.content.decode()
    paused.refresh_from_db()
    assert paused.paused_at is None and paused.failing_since is None


def test_a_delivery_shows_every_try_and_cannot_be_changed(operator_client):
    release = publish_release()
    endpoint = Endpoint.objects.create(url="https://hooks.example.org/")
    event = Event.objects.create(
        release=release, type=EventType.PUBLISHED, occurred_at=timezone.now(), payload="{}"
    )
    delivery = Delivery.objects.create(endpoint=endpoint, event=event, attempts=2)
    Attempt.objects.create(
        delivery=delivery,
        attempted_at=timezone.now(),
        status_code=500,
        succeeded=False,
        error="HTTP 500 Internal Server Error",
        duration_ms=31,
    )
    Attempt.objects.create(
        delivery=delivery,
        attempted_at=timezone.now(),
        succeeded=False,
        error="timed out",
        duration_ms=10000,
    )

    page = operator_client.get(f"/admin/media/delivery/{delivery.pk}/change/").content.decode()

    assert "HTTP 500 Internal Server Error" in page and "timed out" in page
    assert event.webhook_id in page
    assert 'name="_save"' not in page
    assert operator_client.get("/admin/media/delivery/add/").status_code == 403


def test_staff_without_the_permission_cannot_see_endpoints(publisher_client):
    assert publisher_client.get(ENDPOINTS).status_code == 403
