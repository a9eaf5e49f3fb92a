"""An embargoed release: nothing to anyone before its media time, journalists only until its
publish time (email and media room), everyone after; changed, lifted and withdrawn on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from media.models import EmbargoDelivery, Opening
from releases import publishing
from releases.models import Release
from releases.steps import Step
from testing.factories import add_attachment, add_image, committed, make_embargoed, make_topic
from testing.mailbox import header, html_of, run_worker, text_of
from testing.media_factories import journalist, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = timedelta(hours=1)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
# TEST_START is 12:00 HKT on 15 June 2026: media at 13:00, readers at 15:00.
BANNER_EN = "EMBARGOED UNTIL 15:00 HKT, 15 June 2026"
BANNER_ZH = "禁止發布，直至2026年6月15日下午3時"


@pytest.fixture
def embargoed(db):
    now = timezone.now()
    return make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR)


@pytest.fixture
def people(db):
    return {
        "ada": journalist("ada@example.news", "Ada Lam", language="en"),
        "wing": journalist("wing@example.news", "陳詠詩", "星島日報", languages="zh-hant"),
        "paused": journalist("paused@example.news", "Pat Paused", emails_paused=True),
        "applicant": journalist("new@example.news", "Nia New", accredited=False),
    }


def test_before_the_media_time_nothing_goes_to_anyone(embargoed, people, mailbox, client):
    run_worker()
    assert mailbox.messages == []
    assert client.get(f"/en/releases/{embargoed.pk}/").status_code == 404
    sign_in(client, people["ada"])
    assert "There is no press release under embargo for you now." in (
        client.get("/en/media/room/").content.decode()
    )
    assert client.get(f"/en/media/room/releases/{embargoed.pk}/").status_code == 404


def test_at_the_media_time_each_accredited_journalist_gets_it_once_in_their_languages(
    embargoed, people, mailbox, clock
):
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    run_worker()
    assert sorted(header(m, "To") for m in mailbox.messages) == [
        "ada@example.news",
        "wing@example.news",
    ]
    [english] = mailbox.to("ada@example.news")
    assert header(english, "Subject").startswith(f"{BANNER_EN} – Test release | ")
    text = text_of(english)
    assert text.startswith(BANNER_EN)
    assert "First paragraph." in text and "第一段。" in text
    assert f"/en/media/room/releases/{embargoed.pk}/" in text
    assert "Sent to Ada Lam, Harbour Daily" in text
    [chinese] = mailbox.to("wing@example.news")
    assert header(chinese, "Subject") == f"{BANNER_ZH} – 測試公報"
    assert text_of(chinese).startswith(BANNER_ZH)
    assert "First paragraph." not in html_of(chinese)
    deliveries = EmbargoDelivery.objects.filter(state="sent")
    assert deliveries.count() == 2
    assert {d.revision for d in deliveries} == {1}


def test_between_the_times_the_release_is_the_journalists_only(embargoed, people, client, clock):
    add_image(embargoed)
    add_attachment(embargoed)
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    assert client.get(f"/en/releases/{embargoed.pk}/").status_code == 404
    sign_in(client, people["ada"])
    room = client.get("/en/media/room/").content.decode()
    assert BANNER_EN in room and "Test release" in room
    page = client.get(f"/en/media/room/releases/{embargoed.pk}/", HTTP_USER_AGENT=BROWSER)
    body = page.content.decode()
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert BANNER_EN in body
    assert "Copy for Ada Lam, Harbour Daily (ada@example.news)." in body
    assert 'lang="zh-Hant-HK"' in body and "第一段。" in body and "First paragraph." in body
    # Openings by a person count; a link checker's HEAD and a bot's GET do not.
    client.head(f"/en/media/room/releases/{embargoed.pk}/", HTTP_USER_AGENT=BROWSER)
    client.get(f"/en/media/room/releases/{embargoed.pk}/", HTTP_USER_AGENT="Slackbot 1.0")
    assert Opening.objects.count() == 1
    delivery = EmbargoDelivery.objects.get(journalist=people["ada"])
    assert (delivery.open_count, delivery.opened_at is not None) == (1, True)

    # The files go to the journalist at their plain address, and to no one else.
    name = embargoed.images.get().image.name
    assert client.get(f"/media/{name}").status_code == 200
    anonymous = client.__class__()
    assert anonymous.get(f"/media/{name}").status_code == 404
    other = sign_in(client.__class__(), people["wing"], "zh-hant")
    assert other.get(f"/media/{name}").status_code == 200


def test_each_copy_names_its_journalist_and_is_never_kept_by_the_page_cache(
    embargoed, people, client, clock, settings
):
    settings.PAGE_CACHE = True
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    ada = sign_in(client, people["ada"])
    wing = sign_in(client.__class__(), people["wing"], "zh-hant")
    path = f"/en/media/room/releases/{embargoed.pk}/"
    assert "Copy for Ada Lam" in ada.get(path).content.decode()
    page = wing.get(path).content.decode()
    assert "Copy for 陳詠詩" in page and "Ada Lam" not in page
    chinese = wing.get(f"/zh-hant/media/room/releases/{embargoed.pk}/").content.decode()
    assert BANNER_ZH in chinese


def test_after_the_publish_time_it_is_public_and_the_room_sends_readers_there(
    embargoed, people, client, clock
):
    clock.move_to(embargoed.publish_at + timedelta(minutes=1))
    assert client.get(f"/en/releases/{embargoed.pk}/").status_code in (200, 301)
    sign_in(client, people["ada"])
    response = client.get(f"/en/media/room/releases/{embargoed.pk}/")
    assert response.status_code == 302
    assert response["Location"] == embargoed.get_absolute_url().replace("/zh-hant/", "/en/")


def test_a_journalist_without_the_beat_gets_nothing_of_a_beats_embargo(mailbox, clock, client):
    seizures = make_topic("seizures", "檢獲", "Seizures")
    other = make_topic("trade", "貿易", "Trade")
    covering = journalist("a@example.news", "Ada", beats=[seizures], language="en")
    elsewhere = journalist("b@example.news", "Ben", beats=[other], language="en")
    every = journalist("c@example.news", "Cat", language="en")
    now = timezone.now()
    with committed():
        release = publishing_release_with_topic(seizures, now)
    clock.move_to(now + HOUR + timedelta(minutes=1))
    run_worker()
    assert sorted(header(m, "To") for m in mailbox.messages) == [covering.email, every.email]
    sign_in(client, elsewhere)
    assert client.get(f"/en/media/room/releases/{release.pk}/").status_code == 404


def clock_now():
    return timezone.now()


def publishing_release_with_topic(topic, now):
    release = make_embargoed(media_at=now + HOUR, publish_at=now + 3 * HOUR, audience="beats")
    release.topics.add(topic)
    return release


def test_a_changed_publish_time_sends_an_update_to_those_who_had_it(
    embargoed, people, mailbox, clock, publisher
):
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    mailbox.messages.clear()
    release = Release.objects.get(pk=embargoed.pk)
    release.publish_at += 2 * HOUR
    with committed():
        publishing.save(
            release, Step(Release.Status.PUBLISHED), user=publisher, now=timezone.now()
        )
    run_worker()
    [update] = mailbox.to("ada@example.news")
    assert header(update, "Subject").startswith(
        "EMBARGOED UNTIL 17:00 HKT, 15 June 2026 – Updated: Test release"
    )
    assert "Update: the embargo time or the time of issue has changed." in text_of(update)
    assert len(mailbox.messages) == 2
    assert EmbargoDelivery.objects.filter(revision=2, what="time").count() == 2


def test_a_corrected_text_is_sent_again_and_a_new_audience_member_gets_the_first_email(
    embargoed, people, mailbox, clock, publisher
):
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    mailbox.messages.clear()
    journalist("late@example.news", "Lee Late", language="en")
    release = Release.objects.get(pk=embargoed.pk)
    release.set_current_language("en")
    release.body = "First paragraph, corrected.\n\nSecond paragraph."
    with committed():
        publishing.save(
            release, Step(Release.Status.PUBLISHED), user=publisher, now=timezone.now()
        )
    run_worker()
    [update] = mailbox.to("ada@example.news")
    assert "Update: the text has been corrected." in text_of(update)
    assert "First paragraph, corrected." in text_of(update)
    [first] = mailbox.to("late@example.news")
    assert "Update:" not in text_of(first)
    assert header(first, "Subject").startswith(f"{BANNER_EN} – Test release")


def test_a_lifted_embargo_tells_those_who_had_it_it_is_public_now(
    embargoed, people, mailbox, clock, publisher
):
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    mailbox.messages.clear()
    with committed():
        publishing.lift_embargo(embargoed, user=publisher, now=timezone.now())
    run_worker()
    [notice] = mailbox.to("ada@example.news")
    assert header(notice, "Subject").startswith("Embargo lifted: Test release")
    assert "The embargo is lifted: the press release is public now." in text_of(notice)
    assert len(mailbox.messages) == 2


def test_a_release_withdrawn_under_embargo_is_to_be_discarded(
    embargoed, people, mailbox, clock, publisher
):
    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    mailbox.messages.clear()
    reasons = {"zh-hant": "資料有誤。", "en": "The figures were wrong."}
    with committed():
        publishing.withdraw(embargoed, reasons, user=publisher, now=timezone.now())
    run_worker()
    [notice] = mailbox.to("ada@example.news")
    assert header(notice, "Subject").startswith("Withdrawn, discard it: Test release")
    assert "Do not publish or broadcast it" in text_of(notice)
    [chinese] = mailbox.to("wing@example.news")
    assert header(chinese, "Subject").startswith("已撤回，請棄用：測試公報")


def test_an_embargo_cancelled_before_its_media_time_sends_nothing(
    embargoed, people, mailbox, clock, publisher
):
    with committed():
        publishing.cancel_embargo(embargoed, user=publisher, now=timezone.now())
    clock.move_to(embargoed.publish_at - HOUR)
    run_worker()
    assert mailbox.messages == []
    assert not EmbargoDelivery.objects.exists()


def test_a_re_timed_embargo_goes_out_at_its_new_time_only(
    embargoed, people, mailbox, clock, publisher
):
    now = timezone.now()
    with committed():
        publishing.embargo(
            embargoed, media_at=now + 2 * HOUR, audience="all", user=publisher, now=now
        )
    clock.move_to(now + HOUR + timedelta(minutes=1))
    run_worker()
    assert mailbox.messages == []
    clock.move_to(now + 2 * HOUR + timedelta(minutes=1))
    run_worker()
    assert len(mailbox.messages) == 2


def test_a_sending_run_twice_sends_each_email_once(embargoed, people, mailbox, clock):
    from media import sending

    clock.move_to(embargoed.embargo.media_at + timedelta(minutes=1))
    run_worker()
    sending.send_embargo(embargoed.pk, embargoed.embargo.media_at)
    sending.send_embargo(embargoed.pk, embargoed.embargo.media_at)
    assert len(mailbox.messages) == 2
    assert EmbargoDelivery.objects.count() == 2
