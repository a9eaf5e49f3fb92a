"""Webhooks reach a real local HTTP server, signed, once each, when readers can see the change."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from media import push_tasks, webhook_archive
from media.webhooks import Attempt, Delivery, Endpoint, Event, EventType
from releases import publishing
from releases.backup_parts import Restore
from releases.models import Release
from testing.factories import make_release, publish_release
from testing.mailbox import run_worker
from testing.receiver import Receiver

pytestmark = pytest.mark.django_db(transaction=True)
HKT = ZoneInfo("Asia/Hong_Kong")
MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=HKT)


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def endpoint(receiver) -> Endpoint:
    return Endpoint.objects.create(url=receiver.url)


def verified(endpoint: Endpoint, post) -> dict:
    """Check a post's signature as any Standard Webhooks receiver would; return its body."""
    return Webhook(endpoint.secret).verify(post.body, post.headers)


@time_machine.travel(MORNING, tick=False)
def test_a_published_release_is_posted_once_signed_with_its_absolute_addresses(receiver, endpoint):
    release = publish_release(title_en="Customs seizes counterfeit goods")

    run_worker()
    run_worker()

    assert len(receiver.posts) == 1
    post = receiver.posts[0]
    body = verified(endpoint, post)
    assert body == {
        "type": "release.published",
        "timestamp": "2026-03-02T10:00:00+08:00",
        "data": {
            "id": release.pk,
            "urls": {
                "zh-hant": f"http://127.0.0.1:8000/zh-hant/releases/{release.pk}/"
                "customs-seizes-counterfeit-goods/",
                "en": f"http://127.0.0.1:8000/en/releases/{release.pk}/"
                "customs-seizes-counterfeit-goods/",
                "zh-hans": f"http://127.0.0.1:8000/zh-hans/releases/{release.pk}/"
                "customs-seizes-counterfeit-goods/",
            },
            "api": f"http://127.0.0.1:8000/api/v1/releases/{release.pk}",
            "published_at": "2026-03-02T10:00:00+08:00",
        },
    }
    assert post.headers["content-type"] == "application/json"
    assert post.headers["webhook-id"].startswith("msg_")
    assert post.headers["webhook-timestamp"] == str(int(MORNING.timestamp()))
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.SUCCEEDED
    assert delivery.delivered_at == MORNING
    assert list(Attempt.objects.values_list("status_code", "succeeded")) == [(204, True)]


def test_a_forged_signature_fails_verification(receiver, endpoint):
    publish_release()
    run_worker()

    post = receiver.posts[0]
    forged = {**post.headers, "webhook-signature": "v1,AAAA"}
    with pytest.raises(Exception, match="No matching signature"):
        Webhook(endpoint.secret).verify(post.body, forged)
    assert verified(endpoint, post)["type"] == "release.published"


def test_nothing_is_posted_for_a_draft(receiver, endpoint):
    make_release(status=Release.Status.DRAFT)
    publish_release(title_en="Issued")  # a presence beside the absence
    run_worker()

    assert [json.loads(post.body)["type"] for post in receiver.posts] == ["release.published"]
    assert Delivery.objects.count() == 1


def test_a_scheduled_release_is_posted_at_its_time_and_not_before(receiver, endpoint, clock):
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    release = publish_release(publish_at=at)

    run_worker()
    clock.move_to(at - timedelta(minutes=1))
    run_worker()
    assert receiver.posts == []

    clock.move_to(at)
    run_worker()
    assert len(receiver.posts) == 1
    body = verified(endpoint, receiver.posts[0])
    assert body["data"]["id"] == release.pk
    assert body["data"]["published_at"] == at.astimezone(HKT).isoformat()


def test_a_scheduled_release_withdrawn_before_its_time_is_never_posted(receiver, endpoint, clock):
    at = timezone.now() + timedelta(hours=2)
    release = publish_release(publish_at=at)
    reasons = {"zh-hant": "撤回。", "en": "Withdrawn."}
    publishing.withdraw(release, reasons, user=None, now=timezone.now())

    clock.move_to(at + timedelta(minutes=1))
    run_worker()

    assert receiver.posts == []
    assert Delivery.objects.count() == 0


def test_a_correction_and_a_withdrawal_of_a_public_release_are_posted_at_once(receiver, endpoint):
    release = publish_release()
    run_worker()
    note = {"zh-hant": "更正日期。", "en": "Date corrected."}
    publishing.correct(release, note, user=None, now=timezone.now())
    run_worker()
    publishing.withdraw(
        release, {"zh-hant": "撤回。", "en": "Withdrawn."}, user=None, now=timezone.now()
    )
    run_worker()

    bodies = [verified(endpoint, post) for post in receiver.posts]
    assert [body["type"] for body in bodies] == [
        "release.published",
        "release.corrected",
        "release.withdrawn",
    ]
    assert "corrected_at" in bodies[1]["data"]
    assert "withdrawn_at" in bodies[2]["data"]
    assert len({post.headers["webhook-id"] for post in receiver.posts}) == 3


def test_an_endpoint_gets_only_the_events_it_chose(receiver):
    Endpoint.objects.create(url=receiver.url, events=["release.withdrawn"])
    release = publish_release()
    run_worker()
    assert receiver.posts == []

    publishing.withdraw(
        release, {"zh-hant": "撤回。", "en": "Withdrawn."}, user=None, now=timezone.now()
    )
    run_worker()
    assert [json.loads(post.body)["type"] for post in receiver.posts] == ["release.withdrawn"]


def test_an_inactive_endpoint_gets_nothing(receiver):
    Endpoint.objects.create(url=receiver.url, active=False)
    publish_release()
    run_worker()

    assert receiver.posts == []


def test_an_event_queued_again_is_not_delivered_twice(receiver, endpoint):
    release = publish_release()
    run_worker()
    delivery = Delivery.objects.get()

    push_tasks.record_event.enqueue(EventType.PUBLISHED, release.pk)
    push_tasks.deliver_webhook.enqueue(delivery.pk)
    run_worker()

    assert len(receiver.posts) == 1
    assert Attempt.objects.count() == 1


def test_a_moved_site_sends_what_it_still_owed(receiver, endpoint):
    release = publish_release()
    event = Event.objects.create(
        release=release, type=EventType.CORRECTED, occurred_at=timezone.now(), payload="{}"
    )
    Delivery.objects.create(endpoint=endpoint, event=event, attempts=2)
    run_worker()
    assert len(receiver.posts) == 1  # the publication; the correction's task stayed behind

    report = webhook_archive.restored(Restore(written_at=timezone.now()))
    run_worker()

    assert report == ["Webhooks queued again: 0 scheduled events, 1 deliveries still owed."]
    assert sorted(json.loads(post.body).get("type", "") for post in receiver.posts) == [
        "",
        "release.published",
    ]
    assert Delivery.objects.filter(status=Delivery.Status.SUCCEEDED).count() == 2
