"""Subscribers and the alerts' pending work survive a move (export_releases / import_releases).

The task queue stays behind, so these tests empty it as a new site's is empty,
and check that what it held is queued again from the alerts' own tables.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError
from django_tasks_db.models import DBTaskResult

from alerts.delivery import lease
from alerts.models import ContentChange, Email, Subscriber
from testing.alerts_factories import subscriber
from testing.factories import make_topic, publish_release
from testing.mailbox import run_worker
from testing.moving import empty_kept_tables, export, import_

pytestmark = pytest.mark.django_db(transaction=True)
HKT = ZoneInfo("Asia/Hong_Kong")
MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=HKT)


def move_to_a_new_site(path) -> str:
    """Export, then leave only what a new site has after migrate and the import."""
    export(path)
    empty_kept_tables()
    DBTaskResult.objects.all().delete()
    return import_(path)


def test_subscribers_keep_their_consent_and_choices_through_a_move(tmp_path):
    seizures = make_topic("seizures", "檢獲", "Seizures")
    with time_machine.travel(MORNING, tick=False):
        subscriber("reader@example.org", topics=[seizures])
    with time_machine.travel(MORNING + timedelta(days=3), tick=False):
        subscriber("pending@example.org", confirmed=False)
        before = list(
            Subscriber.objects.order_by("pk").values_list(
                "pk", "email", "created_at", "confirmed_at", "subscription__languages"
            )
        )

        move_to_a_new_site(tmp_path / "a.zip")

    assert (
        list(
            Subscriber.objects.order_by("pk").values_list(
                "pk", "email", "created_at", "confirmed_at", "subscription__languages"
            )
        )
        == before
    )
    reader = Subscriber.objects.get(email="reader@example.org")
    assert reader.confirmed_at == MORNING
    assert list(reader.subscription.topics.all()) == [seizures]
    assert Subscriber.objects.get(email="pending@example.org").confirmed_at is None


def test_a_release_scheduled_before_a_move_is_announced_after_it_and_nothing_twice(
    mailbox, tmp_path
):
    subscriber("reader@example.org")
    with time_machine.travel(MORNING, tick=False):
        publish_release(title_en="Out before the move", publish_at=MORNING)
        publish_release(title_en="Due after the move", publish_at=MORNING + timedelta(hours=2))
        run_worker()
        assert len(mailbox.messages) == 1

        report = move_to_a_new_site(tmp_path / "a.zip")
        run_worker()

    assert "Email alerts queued again: 1 scheduled announcements" in report
    assert len(mailbox.messages) == 1
    with time_machine.travel(MORNING + timedelta(hours=2), tick=False):
        run_worker()
    assert len(mailbox.messages) == 2
    assert "Due after the move" in mailbox.messages[1]["Subject"]
    assert Email.objects.filter(status=Email.Status.SENT).count() == 2


def test_an_address_never_confirmed_is_still_forgotten_after_a_move(tmp_path):
    with time_machine.travel(MORNING, tick=False):
        Subscriber.objects.create(email="pending@example.org", reminded_at=MORNING)
        subscriber("reader@example.org")
        report = move_to_a_new_site(tmp_path / "a.zip")
    with time_machine.travel(MORNING + timedelta(days=7), tick=False):
        run_worker()
        assert Subscriber.objects.filter(email="pending@example.org").exists()
    with time_machine.travel(MORNING + timedelta(days=7, minutes=2), tick=False):
        run_worker()

    assert "1 unconfirmed addresses to forget" in report
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["reader@example.org"]


def test_emails_a_stopped_sender_held_at_the_move_are_sent_once_its_hold_lapses(mailbox, tmp_path):
    reader = subscriber("reader@example.org")
    lapse = MORNING + lease()
    with time_machine.travel(MORNING, tick=False):
        release = publish_release(title_en="Held by a sender", publish_at=MORNING)
        DBTaskResult.objects.all().delete()
        # A sender of the old site took the email and booked a wake-up, then was stopped.
        change = ContentChange.objects.create(
            release=release,
            kind=ContentChange.Kind.PUBLISHED,
            fanned_out_at=MORNING,
            wake_at=lapse + timedelta(seconds=1),
        )
        Email.objects.create(
            subscriber=reader,
            content_change=change,
            languages="both",
            claim="old",
            claimed_until=lapse,
        )

        report = move_to_a_new_site(tmp_path / "a.zip")
        run_worker()
        assert mailbox.messages == []
    with time_machine.travel(lapse + timedelta(seconds=2), tick=False):
        run_worker()

    assert "1 sendings" in report
    assert [m["X-Envelope-To"] for m in mailbox.messages] == ["reader@example.org"]


def test_an_import_refuses_a_site_with_other_subscribers_and_leaves_them(tmp_path):
    subscriber("reader@example.org")
    export(tmp_path / "a.zip")
    Subscriber.objects.all().delete()
    subscriber("stranger@example.org")

    with pytest.raises(CommandError, match=r"already holds alerts\.Subscriber records"):
        import_(tmp_path / "a.zip")

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["stranger@example.org"]
