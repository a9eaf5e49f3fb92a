"""Release alerts go out through a real SMTP server, once each, when a release becomes public."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from alerts.models import Email, Languages
from releases import publishing
from releases.models import Release
from tests.alerts_factories import subscriber
from tests.factories import make_release, make_topic
from tests.mailbox import header, html_of, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)
HKT = ZoneInfo("Asia/Hong_Kong")
MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=HKT)


def publish_now(**fields) -> Release:
    return make_release(
        title_zh="海關檢獲大批懷疑冒牌貨物",
        title_en="Customs seizes suspected counterfeit goods",
        body_zh="香港海關今日（三月二日）檢獲約一千件懷疑冒牌貨物。\n\n調查仍在進行。",
        body_en="Hong Kong Customs today (March 2) seized about 1,000 suspected counterfeit "
        "goods.\n\nInvestigation is ongoing.",
        publish_at=timezone.now(),
        **fields,
    )


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
    assert header(both, "Subject") == "海關檢獲大批懷疑冒牌貨物 | Customs seizes suspected counterfeit goods"
    assert header(both, "Content-Language") == "zh-Hant, en"
    assert header(both, "Message-ID").startswith("<alert-") and header(both, "Date")
    assert header(both, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert header(both, "List-Unsubscribe").startswith("<https://press.example.org/zh-hant/alerts/unsubscribe/")
    text, html = text_of(both), html_of(both)
    for part in (text, html):
        assert "香港海關今日（三月二日）檢獲約一千件懷疑冒牌貨物。" in part
        assert "Hong Kong Customs today (March 2) seized" in part
        assert "香港時間10時00分發出" in part
        assert "Issued at HKT 10:00" in part
    assert '<td lang="zh-Hant"' in html and '<td lang="en"' in html

    english = mailbox.to("en@example.org")[0]
    assert header(english, "Subject") == "Customs seizes suspected counterfeit goods"
    assert header(english, "Content-Language") == "en"
    assert "Issued at HKT 10:00" in text_of(english)
    assert "海關" not in text_of(english)
    assert "/en/alerts/manage/" in text_of(english)

    chinese = mailbox.to("zh@example.org")[0]
    assert header(chinese, "Content-Language") == "zh-Hant"
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
        make_release(publish_at=MORNING + timedelta(hours=2))
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
        release = make_release(publish_at=MORNING + timedelta(hours=1))
        release.publish_at = MORNING + timedelta(hours=5)
        release.save()
    with time_machine.travel(MORNING + timedelta(hours=1), tick=False):
        run_worker()
        assert mailbox.messages == []
    with time_machine.travel(MORNING + timedelta(hours=5), tick=False):
        run_worker()
    assert len(mailbox.messages) == 1


def test_a_release_withdrawn_before_its_time_sends_nothing(mailbox):
    subscriber("reader@example.org")
    with time_machine.travel(MORNING, tick=False):
        release = make_release(publish_at=MORNING + timedelta(hours=1))
        publishing.withdraw(release, {"zh-hant": "錯誤。", "en": "Issued in error."}, MORNING)
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

    publishing.withdraw(
        release, {"zh-hant": "資料有誤。", "en": "The figures were wrong."}, timezone.now()
    )
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
    release.save()
    from alerts.tasks import announce_release

    announce_release.enqueue(release.pk)
    run_worker()
    assert len(mailbox.messages) == 1
