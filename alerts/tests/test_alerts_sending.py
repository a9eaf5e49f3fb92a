"""Release alerts go out through a real SMTP server, once each, when a release becomes public."""

import email
from datetime import datetime, timedelta
from email import policy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from alerts.models import Email, Frequency, Languages, Subscriber
from releases import publishing
from releases.models import Release
from testing.alerts_factories import subscriber
from testing.factories import make_release, make_topic, publish_release
from testing.mailbox import header, html_of, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)
HKT = ZoneInfo("Asia/Hong_Kong")
MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=HKT)


def publish_now(**fields) -> Release:
    texts = {
        "title_zh": "海關檢獲大批懷疑冒牌貨物",
        "title_en": "Customs seizes suspected counterfeit goods",
        "body_zh": "香港海關今日（三月二日）檢獲約一千件懷疑冒牌貨物。\n\n調查仍在進行。",
        "body_en": "Hong Kong Customs today (March 2) seized about 1,000 suspected counterfeit "
        "goods.\n\nInvestigation is ongoing.",
    }
    return publish_release(**{**texts, "publish_at": timezone.now(), **fields})


@time_machine.travel(MORNING, tick=False)
def test_a_published_release_reaches_each_matching_subscriber_once_with_both_parts(mailbox):
    subscriber("both@example.org", Languages.BOTH)
    subscriber("en@example.org", Languages.ENGLISH)
    subscriber("zh@example.org", Languages.CHINESE)
    subscriber("unconfirmed@example.org", confirmed=False)
    publish_now()

    run_worker()
    run_worker()

    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "both@example.org",
        "en@example.org",
        "zh@example.org",
    ]
    both = mailbox.to("both@example.org")[0]
    assert header(both, "Subject") == (
        "海關檢獲大批懷疑冒牌貨物 | Customs seizes suspected counterfeit goods"
    )
    assert header(both, "Content-Language") == "zh-Hant-HK, en"
    assert header(both, "Message-ID").startswith("<alert-") and header(both, "Date")
    assert header(both, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert header(both, "List-Unsubscribe").startswith(
        "<https://press.example.org/zh-hant/alerts/unsubscribe/"
    )
    text, html = text_of(both), html_of(both)
    for part in (text, html):
        assert "香港海關今日（三月二日）檢獲約一千件懷疑冒牌貨物。" in part
        assert "Hong Kong Customs today (March 2) seized" in part
        assert "香港時間10時00分發出" in part
        assert "Issued at HKT 10:00" in part
    assert '<td class="email-column" lang="zh-Hant-HK"' in html
    assert '<td class="email-column" lang="en"' in html

    english = mailbox.to("en@example.org")[0]
    assert header(english, "Subject") == "Customs seizes suspected counterfeit goods"
    assert header(english, "Content-Language") == "en"
    assert "Issued at HKT 10:00" in text_of(english)
    assert "海關" not in text_of(english)
    assert "/en/alerts/manage/" in text_of(english)

    chinese = mailbox.to("zh@example.org")[0]
    assert header(chinese, "Content-Language") == "zh-Hant-HK"
    assert "Customs seizes" not in text_of(chinese)
    assert "香港時間10時00分發出" in text_of(chinese)
    assert Email.objects.filter(status=Email.Status.SENT).count() == 3


@time_machine.travel(MORNING, tick=False)
def test_only_followers_of_one_of_its_topics_or_of_every_topic_get_a_release(mailbox):
    seizures = make_topic("seizures", "檢獲", "Seizures")
    trade = make_topic("trade", "貿易", "Trade")
    subscriber("seizures@example.org", topics=[seizures])
    subscriber("trade@example.org", topics=[trade])
    subscriber("everything@example.org")
    release = publish_now()
    release.topics.set([seizures])

    run_worker()

    assert sorted(m["X-Envelope-To"] for m in mailbox.messages) == [
        "everything@example.org",
        "seizures@example.org",
    ]


def test_a_scheduled_release_is_sent_at_its_time_and_not_before(mailbox):
    subscriber("reader@example.org")
    with time_machine.travel(MORNING, tick=False):
        publish_release(publish_at=MORNING + timedelta(hours=2))
        run_worker()
        assert mailbox.messages == []
    with time_machine.travel(MORNING + timedelta(hours=1, minutes=59), tick=False):
        run_worker()
        assert mailbox.messages == []
    with time_machine.travel(MORNING + timedelta(hours=2), tick=False):
        run_worker()
    assert [m["X-Envelope-To"] for m in mailbox.messages] == ["reader@example.org"]
    assert "Issued at HKT 12:00" in text_of(mailbox.messages[0])


def test_a_release_rescheduled_later_is_sent_only_at_its_new_time(mailbox):
    subscriber("reader@example.org")
    with time_machine.travel(MORNING, tick=False):
        release = publish_release(publish_at=MORNING + timedelta(hours=1))
        release.publish_at = MORNING + timedelta(hours=5)
        publishing.save(release, publishing.Step(release.status), user=None, now=MORNING)
    with time_machine.travel(MORNING + timedelta(hours=1), tick=False):
        run_worker()
        assert mailbox.messages == []
    with time_machine.travel(MORNING + timedelta(hours=5), tick=False):
        run_worker()
    assert len(mailbox.messages) == 1


def test_editing_the_time_of_a_release_already_public_sends_nothing(mailbox):
    # As a release public before alerts existed (never announced), whose time an editor
    # corrects (a form also drops the microseconds of a time).
    release = make_release(publish_at=MORNING)
    DBTaskResult.objects.all().delete()
    subscriber("reader@example.org")
    with time_machine.travel(MORNING + timedelta(days=1), tick=False):
        Release.objects.filter(pk=release.pk).update(publish_at=MORNING + timedelta(seconds=1))
        release.refresh_from_db()
        release.publish_at = MORNING.replace(microsecond=0)
        publishing.save(release, publishing.Step(release.status), user=None, now=timezone.now())
        run_worker()
    assert mailbox.messages == []


def test_a_release_withdrawn_before_its_time_sends_nothing(mailbox):
    subscriber("reader@example.org")
    with time_machine.travel(MORNING, tick=False):
        release = publish_release(publish_at=MORNING + timedelta(hours=1))
        reasons = {"zh-hant": "錯誤。", "en": "Issued in error."}
        publishing.withdraw(release, reasons, user=None, now=MORNING)
    with time_machine.travel(MORNING + timedelta(hours=2), tick=False):
        run_worker()
    assert mailbox.messages == []
    assert not Email.objects.exists()


@time_machine.travel(MORNING, tick=False)
def test_a_withdrawal_sends_its_reason_to_those_who_got_the_release(mailbox):
    subscriber("reader@example.org", Languages.ENGLISH)
    release = publish_now()
    run_worker()
    subscriber("later@example.org", Languages.ENGLISH)

    reasons = {"zh-hant": "資料有誤。", "en": "The figures were wrong."}
    publishing.withdraw(release, reasons, user=None, now=timezone.now())
    run_worker()

    notices = mailbox.to("reader@example.org")
    assert len(notices) == 2
    assert header(notices[1], "Subject") == (
        "Withdrawn: Customs seizes suspected counterfeit goods"
    )
    assert "The figures were wrong." in text_of(notices[1])
    assert mailbox.to("later@example.org") == []


@time_machine.travel(MORNING, tick=False)
def test_the_worker_sends_nothing_twice_when_an_announcement_runs_again(mailbox):
    subscriber("reader@example.org")
    release = publish_now()
    run_worker()
    # Saving again (a minor edit at the same time) enqueues nothing new; a new time would.
    publishing.save(release, publishing.Step(release.status), user=None, now=timezone.now())
    from alerts.tasks import announce_release

    announce_release.enqueue(release.pk)
    run_worker()
    assert len(mailbox.messages) == 1


def correct_in_admin(client, release: Release, notify: bool):
    from testing.admin_forms import release_form

    fields = {
        "change_note_zh_hant": "更正檢獲數量。",
        "change_note_en": "The number seized is corrected.",
    }
    if notify:
        fields["notify_subscribers"] = "on"
    return client.post(
        f"/admin/releases/release/{release.pk}/change/?language=zh-hant",
        release_form(release, **fields),
    )


@time_machine.travel(MORNING, tick=False)
def test_a_correction_is_emailed_only_when_the_publisher_ticks_notify(mailbox, publisher_client):
    subscriber("reader@example.org", Languages.ENGLISH)
    release = publish_now()
    run_worker()

    response = correct_in_admin(publisher_client, release, notify=False)
    assert response.status_code == 302
    run_worker()
    assert len(mailbox.messages) == 1

    response = correct_in_admin(publisher_client, release, notify=True)
    assert response.status_code == 302
    run_worker()
    assert len(mailbox.messages) == 2
    update = mailbox.messages[1]
    assert header(update, "Subject") == "Updated: Customs seizes suspected counterfeit goods"
    assert "What changed: The number seized is corrected." in text_of(update)


@time_machine.travel(MORNING, tick=False)
def test_notify_without_a_change_note_is_refused_with_a_message(mailbox, publisher_client):
    release = publish_now()
    from testing.admin_forms import release_form

    response = publisher_client.post(
        f"/admin/releases/release/{release.pk}/change/?language=zh-hant",
        release_form(release, notify_subscribers="on"),
    )
    assert response.status_code == 200
    assert "Subscribers are notified of a correction with its note." in response.content.decode()


def test_the_daily_digest_lists_the_day_s_releases_at_18_00_and_nothing_on_a_quiet_day(mailbox):
    trade = make_topic("trade", "貿易", "Trade")
    subscriber("daily@example.org", Languages.ENGLISH, Frequency.DAILY)
    subscriber("daily-trade@example.org", Languages.CHINESE, Frequency.DAILY, topics=[trade])
    subscriber("now@example.org", Languages.ENGLISH)
    with time_machine.travel(MORNING, tick=False):
        publish_release(title_en="Morning release", publish_at=MORNING)
        run_worker()
    with time_machine.travel(MORNING + timedelta(hours=3), tick=False):
        publish_release(title_en="Noon release", publish_at=MORNING + timedelta(hours=3))
        run_worker()
    assert len(mailbox.to("now@example.org")) == 2
    with time_machine.travel(MORNING + timedelta(hours=7, minutes=59), tick=False):
        run_worker()
    assert mailbox.to("daily@example.org") == []
    with time_machine.travel(MORNING + timedelta(hours=8), tick=False):
        run_worker()
    digest = mailbox.to("daily@example.org")
    assert len(digest) == 1
    assert header(digest[0], "Subject") == "Press releases of 2 March 2026"
    text = text_of(digest[0])
    assert text.index("Morning release") < text.index("Noon release")
    # Neither release is about trade.
    assert mailbox.to("daily-trade@example.org") == []
    # The next day has no release: no digest.
    with time_machine.travel(MORNING + timedelta(days=1, hours=9), tick=False):
        run_worker()
    assert len(mailbox.to("daily@example.org")) == 1


def test_smtp_down_then_up_is_retried_with_back_off(mailbox):
    subscriber("reader@example.org")
    mailbox.stop()
    with time_machine.travel(MORNING, tick=False):
        publish_now()
        run_worker()
    email = Email.objects.get()
    assert (email.status, email.attempts) == (Email.Status.QUEUED, 1)
    assert email.delivery_attempts.get().succeeded is False
    mailbox.start()
    with time_machine.travel(MORNING + timedelta(seconds=30), tick=False):
        run_worker()
    assert mailbox.messages == []
    with time_machine.travel(MORNING + timedelta(minutes=1), tick=False):
        run_worker()
    assert len(mailbox.messages) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.SENT, 2)


def test_repeated_failures_mark_the_email_failed_for_staff_to_see(mailbox, settings):
    settings.ALERTS_MAX_ATTEMPTS = 2
    subscriber("reader@example.org")
    mailbox.stop()
    with time_machine.travel(MORNING, tick=False):
        publish_now()
        run_worker()
    with time_machine.travel(MORNING + timedelta(minutes=1), tick=False):
        run_worker()
    email = Email.objects.get()
    assert (email.status, email.attempts) == (Email.Status.FAILED, 2)


@time_machine.travel(MORNING, tick=False)
def test_a_subscriber_is_suspended_after_hard_failures(mailbox, settings):
    settings.ALERTS_SUSPEND_AFTER_HARD_FAILURES = 2
    person = subscriber("gone@example.org")
    subscriber("fine@example.org")
    mailbox.refused.add("gone@example.org")
    publish_now(title_en="First")
    run_worker()
    person.refresh_from_db()
    assert (person.hard_failures, person.suspended_at) == (1, None)
    publish_now(title_en="Second")
    run_worker()
    person.refresh_from_db()
    assert person.hard_failures == 2 and person.suspended_at is not None
    publish_now(title_en="Third")
    run_worker()
    assert len(mailbox.to("fine@example.org")) == 3
    assert Email.objects.filter(subscriber=person, status=Email.Status.FAILED).count() == 2
    assert not Email.objects.filter(subscriber=person, content_change__release__slug="third")


@time_machine.travel(MORNING, tick=False)
def test_the_one_click_unsubscribe_post_of_the_email_works_without_a_csrf_token(mailbox, client):
    client.handler.enforce_csrf_checks = True
    subscriber("reader@example.org", Languages.ENGLISH)
    publish_now()
    run_worker()
    target = header(mailbox.messages[0], "List-Unsubscribe").strip("<>")
    path = target.removeprefix("https://press.example.org")

    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert "You are unsubscribed" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert Email.objects.get().status == Email.Status.SENT
    publish_now(title_en="Next")
    run_worker()
    assert len(mailbox.messages) == 1


@time_machine.travel(MORNING, tick=False)
def test_without_email_settings_each_email_is_a_file_a_newcomer_can_open(settings, tmp_path):
    settings.EMAIL_BACKEND = "alerts.mail_backends.FilePerEmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    subscriber("one@example.org", Languages.ENGLISH)
    subscriber("two@example.org", Languages.CHINESE)
    publish_now()
    run_worker()
    files = sorted((tmp_path / "mail").iterdir())
    assert len(files) == 2
    parsed = [email.message_from_bytes(file.read_bytes(), policy=policy.default) for file in files]
    assert sorted(header(message, "To") for message in parsed) == [
        "one@example.org",
        "two@example.org",
    ]
    assert any("香港時間10時00分發出" in text_of(message) for message in parsed)
