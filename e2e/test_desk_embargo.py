"""The embargo on the desk, in a browser: set with the schedule, lifted after the media time."""

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, expect

from e2e.accessibility import violations
from e2e.test_desk import DJANGO_ADMIN_RULES, PASSWORD, signed_in
from releases.models import Embargo, Release
from testing.clock import TEST_START
from testing.factories import make_embargoed, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

MEDIA_AT = TEST_START + timedelta(hours=1)
PUBLISH_AT = TEST_START + timedelta(hours=3)


@pytest.fixture
def desk(live_server):
    staff_member("pat", "Publishers", PASSWORD)
    return live_server


def own_violations(page) -> list[str]:
    return [v for v in violations(page) if v.split(":")[0] not in DJANGO_ADMIN_RULES]


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_a_publisher_schedules_a_release_under_embargo(desk, browser: Browser, language):
    page = signed_in(browser, desk.url, "pat", language)
    page.goto(f"{desk.url}/admin/releases/release/add/")
    page.fill("#id_title_zh_hant", "海關檢獲穿山甲鱗片")
    page.fill("#id_body_zh_hant", "海關今日檢獲穿山甲鱗片。")
    page.fill("#id_title_en", "Customs seizes pangolin scales")
    page.fill("#id_body_en", "Customs today seized pangolin scales.")
    page.select_option("#id_status", "published")
    page.fill("#id_publish_at_0", "2026-06-15" if language == "en" else "2026/06/15")
    page.fill("#id_publish_at_1", "15:00")
    page.fill("#id_embargo_media_at_0", "2026-06-15" if language == "en" else "2026/06/15")
    page.fill("#id_embargo_media_at_1", "13:00")
    page.check("input[name=embargo_audience][value=beats]")
    page.click("input[name=_continue]")

    note = (
        "Embargo: accredited media receive it at" if language == "en" else "禁止發布：認可傳媒於"
    )
    expect(page.locator(".desk-embargo-note")).to_contain_text(note)
    assert Embargo.objects.get().audience == "beats"
    assert own_violations(page) == []


def test_the_lift_page_asks_before_the_release_goes_public(desk, browser: Browser, clock):
    release = make_embargoed(MEDIA_AT, PUBLISH_AT)
    clock.move_to(MEDIA_AT + timedelta(minutes=30))
    page = signed_in(browser, desk.url, "pat")
    page.goto(f"{desk.url}/admin/releases/release/{release.pk}/change/")
    assert own_violations(page) == []

    page.click("text=Lift embargo now")
    expect(page.locator("#content-main")).to_contain_text("Lifting the embargo makes it public")
    assert own_violations(page) == []
    page.click("input[type=submit][value='Lift embargo now']")

    expect(page.locator(".messagelist")).to_contain_text("The embargo was lifted")
    assert release in Release.objects.public()
