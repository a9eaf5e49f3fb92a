"""Admin sign-in is rate-limited per user name and address, and per address."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.test import RequestFactory
from django.utils import timezone

from pressroom.client_ip import client_ip

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def login_limit_on(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, username, password, address="10.0.0.1", language="en"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers={"accept-language": language},
    )


def fail_five_times(client, username="editor", address="10.0.0.1"):
    statuses = [sign_in(client, username, "wrong", address).status_code for _ in range(5)]
    # The form says "wrong password" four times; the fifth failure locks the door.
    assert statuses == [200, 200, 200, 200, 429]


def test_a_correct_password_signs_in(client, editor):
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_five_failures_lock_the_user_out_from_that_address_even_with_the_right_password(
    client, editor
):
    fail_five_times(client)

    response = sign_in(client, "editor", PASSWORD)

    page = response.content.decode()
    assert response.status_code == 429
    assert "Too many failed sign-in attempts from your address." in page
    assert "Sign-in is locked for 15 minutes." in page
    assert "_auth_user_id" not in client.session


def test_the_lock_out_message_is_in_chinese_for_a_chinese_interface(client, editor):
    fail_five_times(client)

    page = sign_in(client, "editor", PASSWORD, language="zh-HK").content.decode()

    assert "登入已鎖定15分鐘" in page
    assert "Too many failed" not in page


def test_the_same_user_from_another_address_can_still_sign_in(client, editor):
    fail_five_times(client)

    assert sign_in(client, "editor", PASSWORD, address="10.0.0.2").status_code == 302


def test_another_user_from_the_same_address_can_still_sign_in(client, editor, django_user_model):
    django_user_model.objects.create_user("publisher", password=PASSWORD, is_staff=True)
    fail_five_times(client)

    assert sign_in(client, "publisher", PASSWORD).status_code == 302


def test_one_address_trying_many_user_names_is_locked_out_at_twenty_failures(client, editor):
    statuses = [sign_in(client, f"guess{number}", "wrong").status_code for number in range(20)]

    # No user name failed five times; the address did, twenty times, across names.
    assert statuses == [200] * 19 + [429]
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="10.0.0.2").status_code == 302


def test_an_address_under_its_limit_still_signs_in(client, editor):
    for number in range(19):
        sign_in(client, f"guess{number}", "wrong")

    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_the_lock_lifts_after_fifteen_minutes(client, editor):
    fail_five_times(client)
    later = timezone.now() + timedelta(minutes=16)

    with mock.patch("axes.handlers.proxy.now", return_value=later):
        response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302


def test_failed_sign_ins_are_logged_with_user_and_address(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        sign_in(client, "editor", "wrong")

    assert "AXES: New login failure by" in caplog.text
    assert 'username: "editor"' in caplog.text
    assert 'ip_address: "10.0.0.1"' in caplog.text


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.1"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "10.0.0.1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(
    settings, proxies, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == expected
