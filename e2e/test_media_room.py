"""The media room in a browser at 375 px: signed in by the emailed link, axe clean.

With PRESSROOM_MEDIA_SCREENSHOTS=1 the test also photographs the room and an
embargoed copy in both languages at 375 and 1280 px for docs/editors.md
(docs/images/media-*.png).
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from e2e.accessibility import violations
from media import links
from media.models import SignInLink
from testing.factories import add_image, make_embargoed, make_release
from testing.media_factories import journalist

pytestmark = pytest.mark.django_db(transaction=True)

HOUR = timedelta(hours=1)
IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
SCREENSHOTS = os.environ.get("PRESSROOM_MEDIA_SCREENSHOTS") == "1"


@pytest.fixture
def scene(live_server, clock):
    now = timezone.now()
    release = make_embargoed(
        media_at=now + HOUR,
        publish_at=now + 3 * HOUR,
        title_zh="海關在葵涌貨櫃碼頭檢獲懷疑私煙",
        title_en="Customs seizes suspected illicit cigarettes at Kwai Chung",
        body_zh="香港海關今日在葵涌貨櫃碼頭檢獲一批懷疑私煙。\n\n案件仍在調查中。",
        body_en=(
            "Hong Kong Customs today seized a batch of suspected illicit cigarettes at the "
            "Kwai Chung Container Terminals.\n\nThe investigation continues."
        ),
    )
    add_image(release)
    make_release(
        title_zh="海關公布執法數字",
        title_en="Customs announces enforcement figures",
        publish_at=now - timedelta(days=3),
    )
    person = journalist("ada@example.news", "Ada Lam", "Harbour Daily")
    clock.move_to(now + HOUR + timedelta(minutes=1))
    return release, person


def signed_in_page(browser: Browser, url: str, person, language: str, width: int):
    height = 800 if width < 600 else 900
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    link = SignInLink.objects.create(journalist=person)
    page.goto(f"{url}/{language}/media/sign-in/{links.sign_in_token(link)}/")
    page.get_by_role("button", name="Sign in" if language == "en" else "登入").click()
    page.wait_for_url(f"**/{language}/media/room/")
    return page


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_media_room_at_375_px_is_accessible(live_server, scene, browser, language):
    release, person = scene
    page = signed_in_page(browser, live_server.url, person, language, 375)
    banner = (
        "EMBARGOED UNTIL 15:00 HKT, 15 June 2026"
        if language == "en"
        else "禁止發布，直至2026年6月15日下午3時"
    )
    expect(page.locator(".media-banner").first).to_have_text(banner)
    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if SCREENSHOTS:
        page.screenshot(path=IMAGES / f"media-room-{language}-375.png", full_page=True)

    page.get_by_role(
        "link", name=release.safe_translation_getter("title", language_code=language)
    ).click()
    expect(page.locator(".media-copy-for")).to_contain_text("Ada Lam")
    assert violations(page) == []
    # In print too, the copy names its reader under the banner.
    page.emulate_media(media="print")
    expect(page.locator(".media-copy-for")).to_be_visible()
    expect(page.locator(".media-banner")).to_be_visible()
    page.emulate_media(media="screen")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    if SCREENSHOTS:
        page.screenshot(path=IMAGES / f"media-release-{language}-375.png", full_page=True)


@pytest.mark.skipif(not SCREENSHOTS, reason="photographs for the docs only when asked")
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_photograph_the_media_room_at_1280_px(live_server, scene, browser, language):
    release, person = scene
    page = signed_in_page(browser, live_server.url, person, language, 1280)
    page.screenshot(path=IMAGES / f"media-room-{language}-1280.png", full_page=True)
    page.goto(f"{live_server.url}/{language}/media/room/releases/{release.pk}/")
    page.screenshot(path=IMAGES / f"media-release-{language}-1280.png", full_page=True)
