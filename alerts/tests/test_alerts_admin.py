"""Staff see counts and delivery status, never an easy list of addresses; they export and erase."""

import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command

from alerts.models import DeliveryAttempt, Email, Frequency, Languages, Subscriber
from testing.alerts_factories import subscriber
from testing.factories import make_release, make_topic, publish_release
from testing.mailbox import run_worker

MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Hong_Kong"))
CHANGELIST = "/admin/alerts/subscriber/"


@pytest.fixture
def subscribers(db):
    seizures = make_topic("seizures", "檢獲", "Seizures")
    subscriber("zh@example.org", Languages.CHINESE, topics=[seizures])
    subscriber("en@example.org", Languages.ENGLISH, Frequency.DAILY)
    subscriber("both@example.org", Languages.BOTH)
    subscriber("new@example.org", confirmed=False)


def test_the_subscriber_list_shows_counts_and_no_address_until_one_is_searched(
    publisher_client, subscribers
):
    page = publisher_client.get(CHANGELIST).content.decode()
    assert "3 receiving alerts; 1 not yet confirmed; 0 suspended" in page
    assert '<th scope="row">English</th><td>1</td>' in page
    assert '<th scope="row">Each release as it is issued</th><td>2</td>' in page
    assert '<th scope="row">Seizures</th><td>1</td>' in page
    assert '<th scope="row">Every topic</th><td>2</td>' in page
    assert "@example.org" not in page

    found = publisher_client.get(CHANGELIST, {"q": "EN@example.org"}).content.decode()
    assert "en@example.org" in found
    assert "both@example.org" not in found
    # A fragment finds no one: the list cannot be paged through by searching "@".
    assert "@example.org" not in publisher_client.get(CHANGELIST, {"q": "@"}).content.decode()


def test_an_editor_without_the_view_permission_cannot_see_subscribers(editor_client, subscribers):
    assert editor_client.get(CHANGELIST).status_code == 403


@pytest.fixture
def admin_client(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def test_the_export_action_gives_everything_held_about_the_subscriber(admin_client, subscribers):
    person = Subscriber.objects.get(email="zh@example.org")
    response = admin_client.post(
        CHANGELIST + "?q=zh@example.org",
        {"action": "export_selected", "_selected_action": [person.pk]},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="subscriber-data.json"'
    [data] = json.loads(response.content)
    assert data["email"] == "zh@example.org"
    assert data["language"] == "zh-hant"
    assert data["subscription"] == {
        "languages": "zh-hant",
        "frequency": "immediately",
        "topics": ["seizures"],
    }


@pytest.mark.django_db(transaction=True)
def test_erasing_keeps_delivery_counts_but_no_address(admin_client, mailbox):
    person = subscriber("gone@example.org", Languages.ENGLISH)
    mailbox.refused.add("gone@example.org")
    with time_machine.travel(MORNING, tick=False):
        release = publish_release(publish_at=MORNING)
        run_worker()
    assert "gone@example.org" in DeliveryAttempt.objects.get().error

    response = admin_client.post(
        CHANGELIST + "?q=gone@example.org",
        {"action": "erase_selected", "_selected_action": [person.pk]},
        follow=True,
    )
    assert "1 subscriber erased; their delivery counts are kept." in response.content.decode()
    assert not Subscriber.objects.exists()
    email = Email.objects.get()
    assert (email.subscriber, email.status) == (None, Email.Status.FAILED)
    assert DeliveryAttempt.objects.get().error == ""
    page = admin_client.get(f"/admin/releases/release/{release.pk}/change/").content.decode()
    assert "Issued: Queued: 0, Sent: 0, Failed: 1" in page


def test_the_commands_export_and_erase_one_subscriber(subscribers):
    output = io.StringIO()
    call_command("export_subscriber", "both@example.org", stdout=output)
    assert json.loads(output.getvalue())[0]["subscription"]["languages"] == "both"
    call_command("erase_subscriber", "both@example.org", stdout=io.StringIO())
    assert not Subscriber.objects.filter(email="both@example.org").exists()
    with pytest.raises(CommandError, match="No subscriber has the address"):
        call_command("erase_subscriber", "both@example.org")
    with pytest.raises(CommandError, match="No subscriber has the address"):
        call_command("export_subscriber", "nobody@example.org")


@pytest.mark.django_db(transaction=True)
def test_a_publisher_resends_failed_emails_and_they_arrive(publisher_client, mailbox, settings):
    settings.ALERTS_MAX_ATTEMPTS = 1
    subscriber("reader@example.org")
    mailbox.stop()
    with time_machine.travel(MORNING, tick=False):
        release = publish_release(publish_at=MORNING)
        run_worker()
    assert Email.objects.get().status == Email.Status.FAILED
    change = release.content_changes.get()
    listing = publisher_client.get("/admin/alerts/contentchange/").content.decode()
    assert '<td class="field-failed">1</td>' in listing

    mailbox.start()
    response = publisher_client.post(
        "/admin/alerts/contentchange/",
        {"action": "resend_failed", "_selected_action": [change.pk]},
        follow=True,
    )
    assert "1 failed email queued again." in response.content.decode()
    with time_machine.travel(MORNING, tick=False):
        run_worker()
    assert len(mailbox.messages) == 1
    assert Email.objects.get().status == Email.Status.SENT


def test_an_editor_cannot_resend_failed_emails(editor_client, db):
    make_release()
    response = editor_client.get("/admin/alerts/contentchange/")
    assert response.status_code == 403
