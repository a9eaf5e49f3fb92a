"""A failing endpoint is tried again on Standard Webhooks' schedule, and paused after a day."""

import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission

from media import webhook_sending
from media.webhooks import Attempt, Delivery, Endpoint
from testing.factories import publish_release, staff_member
from testing.mailbox import header, run_worker, text_of
from testing.receiver import HANG, Receiver

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def start_receiver():
    started = []

    def start(answers) -> Receiver:
        started.append(Receiver(answers).start())
        return started[-1]

    yield start
    for server in started:
        server.stop()


def test_a_500_is_tried_again_after_5_seconds_with_the_same_webhook_id(start_receiver, clock):
    receiver = start_receiver([500, 204])
    endpoint = Endpoint.objects.create(url=receiver.url)
    publish_release()
    run_worker()

    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    tried = Attempt.objects.get()
    assert delivery.next_attempt_at == tried.attempted_at + timedelta(seconds=5)
    assert Endpoint.objects.get().failing_since is not None
    run_worker()
    assert len(receiver.posts) == 1  # not due yet

    clock.shift(5)
    run_worker()

    ids = {post.headers["webhook-id"] for post in receiver.posts}
    assert len(receiver.posts) == 2 and len(ids) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert list(Attempt.objects.values_list("status_code", "succeeded")) == [
        (500, False),
        (204, True),
    ]
    assert Attempt.objects.first().error == "HTTP 500 Internal Server Error"
    assert Endpoint.objects.get(pk=endpoint.pk).failing_since is None


def test_a_timeout_is_recorded_and_tried_again(start_receiver, clock, settings):
    settings.PUSH_TIMEOUT_SECONDS = 0.5
    receiver = start_receiver([HANG, 204])
    Endpoint.objects.create(url=receiver.url)
    publish_release()
    run_worker()

    first = Attempt.objects.get()
    assert (first.status_code, first.succeeded) == (None, False)
    assert "timed out" in first.error
    clock.shift(5)
    run_worker()

    assert Delivery.objects.get().status == Delivery.Status.SUCCEEDED
    assert len(receiver.posts) == 1


def test_a_refused_connection_is_recorded_and_tried_again_later(clock):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    Endpoint.objects.create(url=f"http://127.0.0.1:{port}/hook")
    publish_release()
    run_worker()

    attempt = Attempt.objects.get()
    assert "refused" in attempt.error.lower()
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING and delivery.next_attempt_at is not None


def test_a_private_address_is_refused_in_production_before_anything_is_sent(
    start_receiver, settings
):
    receiver = start_receiver([204])
    Endpoint.objects.create(url=receiver.url.replace("http://", "https://"))
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    publish_release()
    run_worker()

    attempt = Attempt.objects.get()
    assert (attempt.status_code, attempt.error) == (None, "the host is on a private network")
    assert receiver.posts == []


def test_a_redirect_is_not_followed(start_receiver):
    receiver = start_receiver([301])
    Endpoint.objects.create(url=receiver.url)
    publish_release()
    run_worker()

    attempt = Attempt.objects.get()
    assert (attempt.status_code, attempt.succeeded) == (301, False)


def test_an_endpoint_failing_for_a_day_is_paused_and_its_managers_are_emailed(
    start_receiver, clock, mailbox
):
    manager = staff_member("mo", "Publishers")
    manager.user_permissions.add(Permission.objects.get(codename="change_endpoint"))
    staff_member("eddie", "Editors")  # may not manage webhooks: not told
    receiver = start_receiver([500])
    endpoint = Endpoint.objects.create(url=receiver.url)
    publish_release()
    run_worker()

    for wait in webhook_sending.RETRY_AFTER[:6]:  # 17 h 35 min of failures: still trying
        clock.shift(wait)
        run_worker()
    endpoint.refresh_from_db()
    assert endpoint.paused_at is None and mailbox.messages == []

    clock.shift(webhook_sending.RETRY_AFTER[6])  # past a day since the first failure
    run_worker()

    endpoint.refresh_from_db()
    assert endpoint.paused_at is not None
    assert Attempt.objects.count() == 8
    [message] = mailbox.messages
    assert message["X-Envelope-To"] == "mo@example.org"
    assert header(message, "Subject") == (
        f"網絡鈎子端點已暫停：{receiver.url} | Webhook endpoint paused: {receiver.url}"
    )
    assert f"/admin/media/endpoint/{endpoint.pk}/change/" in text_of(message)
    assert "Pressroom stopped sending webhooks" in text_of(message)

    # Paused, it is sent nothing, until resumed.
    publish_release(title_en="Another")
    run_worker()
    assert Attempt.objects.count() == 8
    receiver.answers = [204]
    webhook_sending.resume(Endpoint.objects.all())
    run_worker()
    assert Delivery.objects.filter(status=Delivery.Status.SUCCEEDED).count() == 2
    endpoint.refresh_from_db()
    assert endpoint.paused_at is None and endpoint.failing_since is None
