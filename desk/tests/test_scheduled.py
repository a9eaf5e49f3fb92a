"""A scheduled release is its own state on the desk: list, filter, message, change page, home."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from releases.models import Release
from testing.admin_forms import release_form
from testing.factories import committed, make_release, publish_release, signed_in

pytestmark = pytest.mark.django_db

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
FIVE_DECEMBER = datetime(2026, 12, 5, 11, 0, tzinfo=HONG_KONG)
IN_WORDS_EN = "Scheduled for 5 December 2026, 11:00 HKT"
IN_WORDS_ZH = "已排定於2026年12月5日上午11時發出"


def schedule_through_the_desk(client: Client) -> tuple:
    data = release_form(
        None,
        "en",
        title_zh_hant="海關檢獲私煙",
        body_zh_hant="海關檢獲私煙。",
        title_en="Customs seizes cigarettes",
        body_en="Customs seized cigarettes.",
        status=Release.Status.PUBLISHED,
        publish_at_0="2026-12-05",
        publish_at_1="11:00",
    )
    with committed():
        response = client.post("/admin/releases/release/add/", data, follow=True)
    return response, Release.objects.get()


def test_saving_a_scheduled_release_says_when_it_goes_out(publisher_client):
    response, release = schedule_through_the_desk(publisher_client)

    assert release.publish_at == FIVE_DECEMBER
    page = response.content.decode()
    assert IN_WORDS_EN in page
    assert "was added successfully" in page


def test_saving_a_release_published_now_says_nothing_of_a_schedule(publisher_client):
    draft = make_release(status=Release.Status.DRAFT)
    data = release_form(draft, "en", status=Release.Status.PUBLISHED)

    response = publisher_client.post(
        f"/admin/releases/release/{draft.pk}/change/", data, follow=True
    )

    assert "was changed successfully" in response.content.decode()
    assert "Scheduled for" not in response.content.decode()


def test_the_message_is_written_in_chinese_for_a_chinese_desk(publisher_client):
    publisher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"

    response, _release = schedule_through_the_desk(publisher_client)

    assert IN_WORDS_ZH in response.content.decode()


def test_the_list_shows_scheduled_apart_from_published_with_its_time(publisher_client):
    scheduled = publish_release(publish_at=FIVE_DECEMBER, title_en="Tonight at eleven")
    public = make_release(title_en="Out already")

    page = publisher_client.get("/admin/releases/release/").content.decode()

    row_of_scheduled = page[page.index("Tonight at eleven") :].split("</tr>")[0]
    assert 'Scheduled<span class="desk-when">5 December 2026, 11:00 HKT</span>' in row_of_scheduled
    row_of_public = page[page.index("Out already") :].split("</tr>")[0]
    assert "Published" in row_of_public and "Scheduled" not in row_of_public
    assert scheduled.pk != public.pk


@pytest.mark.parametrize(
    ("state", "shown", "hidden"),
    [
        ("scheduled", "Tonight at eleven", "Out already"),
        ("published", "Out already", "Tonight at eleven"),
    ],
)
def test_the_status_filter_offers_scheduled(publisher_client, state, shown, hidden):
    publish_release(publish_at=FIVE_DECEMBER, title_en="Tonight at eleven")
    make_release(title_en="Out already")

    listing = publisher_client.get("/admin/releases/release/").content.decode()
    page = publisher_client.get(f"/admin/releases/release/?state={state}").content.decode()

    assert "?state=scheduled" in listing
    assert shown in page
    assert hidden not in page


def test_the_change_page_says_when_it_goes_out_and_offers_no_public_link(publisher_client):
    release = publish_release(publish_at=FIVE_DECEMBER)

    page = publisher_client.get(f"/admin/releases/release/{release.pk}/change/").content.decode()

    assert IN_WORDS_EN in page
    assert "View on site" not in page
    assert "Preview (English interface)" in page


def test_view_on_site_is_offered_once_the_release_is_public(publisher_client):
    release = make_release()

    page = publisher_client.get(f"/admin/releases/release/{release.pk}/change/").content.decode()

    assert "View on site" in page
    assert "Scheduled for" not in page


def test_the_admin_home_lists_what_goes_out_next(publisher_client):
    publish_release(publish_at=FIVE_DECEMBER, title_en="Tonight at eleven")
    make_release(title_en="Out already")
    publisher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    zh = publisher_client.get("/admin/").content.decode()
    publisher_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    page = publisher_client.get("/admin/").content.decode()

    assert "Next to go out" in page
    assert "5 December 2026, 11:00 HKT" in page
    assert "測試公報" in zh and "2026年12月5日上午11時" in zh


def test_the_admin_home_says_when_nothing_is_scheduled(publisher_client):
    make_release(title_en="Out already")

    page = publisher_client.get("/admin/").content.decode()

    assert "No release is scheduled." in page


def test_the_history_records_the_schedule_and_the_release_coming_due(
    publisher_client, publisher, clock
):
    _response, release = schedule_through_the_desk(publisher_client)
    history = f"/admin/releases/release/{release.pk}/history/"
    before = publisher_client.get(history).content.decode()

    clock.move_to(FIVE_DECEMBER + timedelta(minutes=5))
    signed_in(publisher_client, publisher)  # The session of June has expired by December.
    after = publisher_client.get(history).content.decode()

    assert "Scheduled by pat for" in before
    assert "Went out as scheduled" not in before
    assert "Went out as scheduled, at 5 December 2026, 11:00 HKT." in after
    assert timezone.now() > release.publish_at


def test_a_release_published_at_once_has_no_coming_due_line(publisher_client):
    draft = make_release(status=Release.Status.DRAFT)
    with committed():
        publisher_client.post(
            f"/admin/releases/release/{draft.pk}/change/",
            release_form(draft, "en", status=Release.Status.PUBLISHED),
        )

    page = publisher_client.get(f"/admin/releases/release/{draft.pk}/history/").content.decode()

    assert "Published by pat." in page
    assert "Went out as scheduled" not in page


def test_a_chinese_desk_reads_the_coming_due_in_chinese(publisher, clock):
    client = signed_in(Client(), publisher)
    _response, release = schedule_through_the_desk(client)
    clock.move_to(FIVE_DECEMBER + timedelta(minutes=5))
    signed_in(client, publisher)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"

    page = client.get(f"/admin/releases/release/{release.pk}/history/").content.decode()

    assert "按排定時間於2026年12月5日上午11時發出。" in page
