"""A withdrawal on the record: who will be told, and the history's line with who and why."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

from alerts.models import ContentChange, Email
from releases.models import Release
from testing.alerts_factories import subscriber
from testing.factories import committed, make_release, signed_in, staff_member

pytestmark = pytest.mark.django_db

REASONS = {"reason_zh_hant": "數字有誤", "reason_en": "the figures were wrong"}


@pytest.fixture
def chan_mei_ling() -> User:
    user = staff_member("mlchan", "Publishers")
    user.first_name, user.last_name = "美玲", "陳"
    user.save()
    return user


def sent_to(release: Release, count: int) -> None:
    """Record the release as sent to `count` subscribers, as the alerts would."""
    change = ContentChange.objects.create(release=release, kind=ContentChange.Kind.PUBLISHED)
    for n in range(count):
        person = subscriber(f"reader{n}@example.org")
        Email.objects.create(
            subscriber=person, content_change=change, languages="both", status=Email.Status.SENT
        )


def confirmation(client: Client, release: Release) -> str:
    selected = {"action": "withdraw_selected", "_selected_action": [str(release.pk)]}
    return client.post("/admin/releases/release/", selected).content.decode()


def test_the_confirmation_says_how_many_subscribers_will_be_told(publisher_client):
    release = make_release()
    sent_to(release, 3)
    quiet = make_release(title_en="Never sent")

    page = confirmation(publisher_client, release)
    nobody = confirmation(publisher_client, quiet)

    assert (
        "A withdrawal notice with the reason will be emailed to the 3 subscribers "
        "who were sent this release." in page
    )
    assert "No subscriber was sent this release, so nobody is emailed." in nobody


def test_the_confirmation_counts_in_chinese(publisher_client):
    release = make_release()
    sent_to(release, 2)
    publisher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"

    page = confirmation(publisher_client, release)

    assert "撤回通知連同理由會以電郵發給曾收到此公報的2位訂閱者。" in page


def test_the_history_says_who_withdrew_it_and_why_in_both_languages(chan_mei_ling):
    client = signed_in(Client(), chan_mei_ling)
    release = make_release()
    selected = {
        "action": "withdraw_selected",
        "_selected_action": [str(release.pk)],
        "confirm": "yes",
        **REASONS,
    }
    with committed():
        client.post("/admin/releases/release/", selected)
    history = f"/admin/releases/release/{release.pk}/history/"

    english = client.get(history).content.decode()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    chinese = client.get(history).content.decode()

    assert Release.objects.get(pk=release.pk).status == Release.Status.WITHDRAWN
    assert "Withdrawn by 陳美玲: the figures were wrong" in english
    assert "由陳美玲撤回：數字有誤" in chinese
    assert "<td>陳美玲</td>" in chinese


def test_a_withdrawal_without_reasons_is_asked_again_and_writes_nothing(publisher_client):
    release = make_release()
    selected = {
        "action": "withdraw_selected",
        "_selected_action": [str(release.pk)],
        "confirm": "yes",
        "reason_zh_hant": "",
        "reason_en": "",
    }

    page = publisher_client.post("/admin/releases/release/", selected).content.decode()

    assert "This field is required." in page
    assert Release.objects.get(pk=release.pk).status == Release.Status.PUBLISHED
