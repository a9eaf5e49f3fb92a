"""The embargo on the desk: set with the schedule, changed, cancelled, lifted, listed.

Every step goes through releases.publishing; these tests read what a publisher
sees on the change page and the list, in English and in Chinese.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from desk.tests.test_change_page_queries import ADMIN_CHANGE_QUERIES
from desk.tests.test_chinese_typography import VisibleText, faults
from releases import publishing
from releases.models import Embargo, Release
from testing.admin_forms import release_form
from testing.factories import (
    committed,
    make_embargoed,
    make_release,
    publish_release,
    signed_in,
)

pytestmark = pytest.mark.django_db

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
# The day after the tests' start: a signed-in session is still valid when the clock gets there.
MEDIA_AT = datetime(2026, 6, 16, 9, 0, tzinfo=HONG_KONG)
PUBLISH_AT = datetime(2026, 6, 16, 11, 0, tzinfo=HONG_KONG)


def visible(response) -> str:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(parser.parts)


def change_url(release: Release) -> str:
    return f"/admin/releases/release/{release.pk}/change/"


def embargo_fields(media_at: datetime | None = MEDIA_AT, audience: str = "all", **more) -> dict:
    local = media_at and timezone.localtime(media_at)
    return {
        "embargo_media_at_0": local.strftime("%Y-%m-%d") if local else "",
        "embargo_media_at_1": local.strftime("%H:%M") if local else "",
        "embargo_audience": audience,
        **more,
    }


def post_change(client, release: Release, **fields):
    data = release_form(release, "en", **fields)
    with committed():
        return client.post(change_url(release), data, follow=True)


@pytest.fixture
def scheduled():
    with committed():
        return publish_release(publish_at=PUBLISH_AT)


def test_a_publisher_schedules_a_release_under_embargo_in_one_save(publisher_client):
    data = release_form(
        None,
        "en",
        title_zh_hant="海關檢獲私煙",
        body_zh_hant="海關檢獲私煙。",
        title_en="Customs seizes cigarettes",
        body_en="Customs seized cigarettes.",
        status=Release.Status.PUBLISHED,
        publish_at_0="2026-06-16",
        publish_at_1="11:00",
        **embargo_fields(audience="beats"),
    )
    with committed():
        response = publisher_client.post("/admin/releases/release/add/", data, follow=True)

    embargo = Embargo.objects.get()
    assert (embargo.media_at, embargo.audience) == (MEDIA_AT, "beats")
    assert embargo.release.publish_at == PUBLISH_AT
    assert "was added successfully" in response.content.decode()


def test_the_embargo_block_shows_the_media_time_like_the_publish_time(publisher_client, scheduled):
    page = publisher_client.get(change_url(scheduled)).content.decode()

    assert "<h2>Embargo</h2>" in page or ">Embargo<" in page
    assert 'name="embargo_media_at_0"' in page
    assert 'aria-label="Media time (Hong Kong time)"' in page
    assert "All accredited media" in page
    assert "Media whose beats match its topics" in page


def test_an_editor_has_no_embargo_block(editor_client):
    draft = make_release(status=Release.Status.DRAFT, publish_at=PUBLISH_AT)
    page = editor_client.get(change_url(draft)).content.decode()

    assert 'name="embargo_media_at_0"' not in page


def test_a_publisher_sets_and_changes_the_embargo_of_a_scheduled_release(
    publisher_client, scheduled
):
    post_change(publisher_client, scheduled, **embargo_fields())
    post_change(publisher_client, scheduled, **embargo_fields(MEDIA_AT + timedelta(hours=1)))

    embargo = Embargo.objects.get(release=scheduled)
    assert (embargo.media_at, embargo.audience, embargo.revision) == (
        MEDIA_AT + timedelta(hours=1),
        "all",
        1,
    )
    page = publisher_client.get(change_url(scheduled)).content.decode()
    assert "Embargo: accredited media receive it at 16 June 2026, 10:00 HKT" in page


def test_a_media_time_after_the_publish_time_is_refused_beside_its_field(
    publisher_client, scheduled
):
    response = post_change(
        publisher_client, scheduled, **embargo_fields(PUBLISH_AT + timedelta(hours=1))
    )

    page = response.content.decode()
    assert "The media time must be before the publish time" in page
    assert not Embargo.objects.exists()


def test_the_refusal_is_in_chinese_on_a_chinese_desk(client, publisher, scheduled):
    signed_in(client, publisher).defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    response = post_change(client, scheduled, **embargo_fields(PUBLISH_AT + timedelta(hours=1)))

    page = response.content.decode()
    assert "傳媒接收時間必須早於發布時間" in page
    assert "The media time must" not in page


def test_a_publisher_cancels_an_embargo_before_its_media_time(publisher_client):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    response = post_change(publisher_client, release, **embargo_fields(cancel_embargo="on"))

    assert not Embargo.objects.exists()
    release.refresh_from_db()
    assert (release.status, release.publish_at) == ("published", PUBLISH_AT)
    assert "The embargo was cancelled; the release stays scheduled." in response.content.decode()


def test_once_journalists_have_it_the_media_time_is_fixed_and_the_embargo_can_be_lifted(
    publisher_client, clock
):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))

    page = publisher_client.get(change_url(release)).content.decode()
    assert "Under embargo: accredited media have had it since 16 June 2026, 09:00 HKT" in page
    assert 'name="embargo_media_at_0"' in page and "disabled" in page
    assert 'name="cancel_embargo"' not in page
    lift = f"/admin/releases/release/{release.pk}/lift-embargo/"
    assert f'href="{lift}"' in page

    confirmation = publisher_client.get(lift).content.decode()
    assert "Lifting the embargo makes it public now" in confirmation
    assert release.get_absolute_url() not in confirmation

    with committed():
        response = publisher_client.post(lift, follow=True)
    release.refresh_from_db()
    lifted = MEDIA_AT + timedelta(minutes=30)
    assert lifted <= release.publish_at < lifted + timedelta(minutes=1)
    assert release in Release.objects.public()
    assert "The embargo was lifted: the release is public now." in response.content.decode()


def test_lifting_before_the_media_time_is_refused_with_the_reason(publisher_client):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    lift = f"/admin/releases/release/{release.pk}/lift-embargo/"

    page = publisher_client.get(lift).content.decode()
    response = publisher_client.post(lift, follow=True)

    assert "cancel the embargo instead" in page
    assert "cancel the embargo instead" in response.content.decode()
    assert release not in Release.objects.public()


def test_an_editor_cannot_lift_an_embargo(editor_client, clock):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))

    response = editor_client.post(f"/admin/releases/release/{release.pk}/lift-embargo/")

    assert response.status_code == 403
    assert release not in Release.objects.public()


def test_the_list_says_under_embargo_until_the_publish_time_and_filters_by_it(
    client, publisher, clock
):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    other = publish_release(publish_at=PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))
    signed_in(client, publisher)

    english = client.get("/admin/releases/release/").content.decode()
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    chinese = client.get("/admin/releases/release/").content.decode()
    filtered = client.get("/admin/releases/release/?embargo=now").content.decode()

    assert "Under embargo until 16 June 2026, 11:00 HKT" in english
    assert "禁止發布，直至2026年6月16日上午11時" in chinese
    assert f"/admin/releases/release/{release.pk}/change/" in filtered
    assert f"/admin/releases/release/{other.pk}/change/" not in filtered


def test_an_embargo_to_come_shows_its_media_time_in_the_list(publisher_client):
    make_embargoed(MEDIA_AT, PUBLISH_AT)

    page = publisher_client.get("/admin/releases/release/?embargo=planned").content.decode()

    assert "To the media at 16 June 2026, 09:00 HKT" in page


def test_the_change_page_of_an_embargoed_release_runs_no_more_queries(
    publisher_client, django_assert_max_num_queries, clock
):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))
    publisher_client.get(change_url(release))  # Warms Django's content-type cache.

    with django_assert_max_num_queries(ADMIN_CHANGE_QUERIES):
        response = publisher_client.get(change_url(release))

    assert "Lift embargo now" in response.content.decode()


def test_the_chinese_embargo_pages_are_written_as_a_hong_kong_press_officer_writes(
    client, publisher, clock
):
    planned = make_embargoed(MEDIA_AT + timedelta(hours=1), PUBLISH_AT)
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))
    signed_in(client, publisher).defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    base = f"/admin/releases/release/{release.pk}"

    pages = {
        # Unfiltered: Django's count of a filtered list, "1 個結果 (共 2 個)", is its own.
        "list": client.get("/admin/releases/release/"),
        "change": client.get(f"{base}/change/"),
        "to come": client.get(f"/admin/releases/release/{planned.pk}/change/"),
        "lift": client.get(f"{base}/lift-embargo/"),
    }

    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    assert "禁止發布中：認可傳媒已於2026年6月16日上午9時收到" in pages["change"].content.decode()
    assert "禁止發布，直至2026年6月16日上午11時" in pages["list"].content.decode()
    assert "於2026年6月16日上午10時發給傳媒" in pages["list"].content.decode()
    assert "立即解除禁止發布" in pages["lift"].content.decode()
    assert "取消禁止發布" in pages["to come"].content.decode()
    found = {name: faults(page.content.decode()) for name, page in pages.items()}
    assert found == {name: [] for name in pages}
    english = {
        name: re.findall(r"(?i)embargo|media time", visible(page)) for name, page in pages.items()
    }
    assert english == {name: [] for name in pages}


def test_a_publish_time_moved_before_the_media_time_is_refused_beside_it(publisher_client):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)

    response = post_change(
        publisher_client, release, publish_at_0="2026-06-16", publish_at_1="08:00"
    )

    assert response.status_code == 200
    assert "Under embargo, the publish time must be after the media time" in (
        response.content.decode()
    )
    release.refresh_from_db()
    assert release.publish_at == PUBLISH_AT


def test_a_text_corrected_through_the_desk_under_embargo_is_a_new_revision(
    publisher_client, clock
):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT, audience="beats")
    clock.move_to(MEDIA_AT + timedelta(minutes=30))

    response = post_change(
        publisher_client,
        release,
        body_en="First paragraph, corrected.\n\nSecond paragraph.",
        checked_zh_hant="on",
        embargo_audience="beats",
    )

    assert "was changed successfully" in response.content.decode()
    embargo = Embargo.objects.get(release=release)
    assert (embargo.revision, embargo.audience, embargo.media_at) == (2, "beats", MEDIA_AT)


def test_the_history_of_a_lifted_embargo_says_so_and_not_that_it_went_out_as_scheduled(
    publisher_client, publisher, clock
):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))
    with committed():
        publishing.lift_embargo(release, user=publisher, now=timezone.now())

    page = publisher_client.get(f"/admin/releases/release/{release.pk}/history/").content
    text = page.decode()

    assert "Embargo lifted by pat: public at once." in text
    assert "Embargo set by the system: all accredited media receive it at" in text
    assert "Went out as scheduled" not in text
