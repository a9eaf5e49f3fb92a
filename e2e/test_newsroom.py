"""An editor drafts with a photo, a publisher previews and schedules it, readers see it on time."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from e2e.accessibility import violations
from releases import publishing
from releases.models import Release
from testing.factories import (
    add_attachment,
    add_change_note,
    add_image,
    make_release,
    staff_member,
)
from testing.files import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

ZH_TITLE = "海關偵破走私案"
EN_TITLE = "Customs detects smuggling case"
PASSWORD = "a-long-password"


@pytest.fixture
def newsroom(live_server):
    """The live server with an editor and a publisher in their groups."""
    for username, group in [("eddie", "Editors"), ("pat", "Publishers")]:
        staff_member(username, group, PASSWORD)
    return live_server


def signed_in(browser: Browser, url: str, username: str) -> Page:
    page = browser.new_context(extra_http_headers={"Accept-Language": "en"}).new_page()
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page


def test_draft_with_image_previewed_scheduled_and_read_in_both_languages(
    newsroom, browser: Browser, monkeypatch
):
    url = newsroom.url

    editor = signed_in(browser, url, "eddie")
    editor.goto(f"{url}/admin/releases/release/add/")
    # Both languages on one page, saved once.
    editor.fill("#id_title_zh_hant", ZH_TITLE)
    editor.fill("#id_body_zh_hant", "海關今日在葵涌偵破一宗走私案。")
    editor.fill("#id_title_en", EN_TITLE)
    editor.fill("#id_body_en", "Customs today detected a smuggling case in Kwai Chung.")
    editor.get_by_text("Add another Image").click()
    editor.set_input_files(
        "#id_images-0-image",
        files=[{"name": "cargo.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}],
    )
    editor.fill("#id_images-0-alt_text_zh_hant", "海關人員檢查貨櫃")
    editor.fill("#id_images-0-alt_text_en", "Customs officers inspect a container")
    editor.click("input[name=_continue]")
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")
    expect(editor.locator("#id_title_zh_hant")).to_have_value(ZH_TITLE)
    expect(editor.locator("#id_title_en")).to_have_value(EN_TITLE)
    expect(editor.locator("select#id_status")).to_have_count(0)
    release = Release.objects.get()
    assert release.status == Release.Status.DRAFT

    publisher = signed_in(browser, url, "pat")
    publisher.goto(f"{url}/admin/releases/release/{release.pk}/change/")
    preview_url = publisher.get_by_role("link", name="Preview (English interface)").get_attribute(
        "href"
    )
    publisher.goto(url + preview_url)
    expect(publisher.locator(".notice--preview")).to_contain_text("Preview")
    expect(publisher.locator("h1")).to_have_text(EN_TITLE)
    expect(
        publisher.locator('[lang="en"] img[alt="Customs officers inspect a container"]')
    ).to_be_visible()
    publisher.go_back()
    at = timezone.localtime() + timedelta(hours=1)
    publisher.select_option("#id_status", "published")
    publisher.fill("#id_publish_at_0", at.strftime("%Y-%m-%d"))
    publisher.fill("#id_publish_at_1", at.strftime("%H:%M"))
    publisher.click("input[name=_save]")
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")

    reader = browser.new_page()
    reader.goto(f"{url}/en/")
    expect(reader.get_by_text(EN_TITLE)).to_have_count(0)

    # Move the live server's clock past the scheduled time; no job runs, no restart.
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    # A reader arriving then: the first one's browser may reuse its copy for a minute.
    reader = browser.new_page()

    for language, first, second in [("zh-hant", ZH_TITLE, EN_TITLE), ("en", EN_TITLE, ZH_TITLE)]:
        reader.goto(f"{url}/{language}/")
        expect(reader.get_by_role("link", name=first)).to_be_visible()
        expect(reader.get_by_text(second)).to_be_visible()
    reader.get_by_role("link", name=EN_TITLE).click()
    expect(reader.locator("h1")).to_have_text(EN_TITLE)
    # The photo is shown once, in the page language's column.
    expect(
        reader.locator('[lang="en"] img[alt="Customs officers inspect a container"]')
    ).to_be_visible()
    expect(reader.locator("img")).to_have_count(1)
    expect(reader.locator(".notice--preview")).to_have_count(0)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_a_corrected_and_withdrawn_release_with_files_has_no_accessibility_violations(
    live_server, page: Page, language
):
    release = make_release(publish_at=timezone.now() - timedelta(days=2))
    add_image(release, caption=("葵涌貨櫃碼頭", "Kwai Chung Container Terminal"))
    add_attachment(release)
    add_change_note(release)
    reasons = {"zh-hant": "錯誤發出。", "en": "Issued in error."}
    publishing.withdraw(release, reasons, user=None, now=timezone.now())

    page.goto(f"{live_server.url}/{language}/releases/{release.pk}/{release.slug}/")
    expect(page.locator(".notice--withdrawn")).to_be_visible()

    assert violations(page) == []
