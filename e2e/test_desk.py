"""The bilingual desk in a browser: a correction held for review, a reviewer's comment."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from releases.models import Release
from testing.factories import add_attachment, add_image, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password"
# Django's admin itself, not Pressroom's templates: the breadcrumbs' links are told
# apart by colour only, and the topics' filter widget (SelectFilter2.js) puts aria-label
# on a plain span.
DJANGO_ADMIN_RULES = {"link-in-text-block", "aria-prohibited-attr"}


@pytest.fixture
def desk(live_server):
    for username, group in [("eddie", "Editors"), ("pat", "Publishers")]:
        staff_member(username, group, PASSWORD)
    return live_server


def signed_in(browser: Browser, url: str, username: str, language: str = "en") -> Page:
    page = browser.new_context(extra_http_headers={"Accept-Language": language}).new_page()
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)
    return page


def publish_through_the_admin(page: Page, url: str) -> Release:
    page.goto(f"{url}/admin/releases/release/add/")
    page.fill("#id_title_zh_hant", "海關檢獲冒牌貨品")
    page.fill("#id_body_zh_hant", "海關今日檢獲冒牌貨品。\n\n案件仍在調查中。")
    page.fill("#id_title_en", "Customs seizes counterfeit goods")
    page.fill(
        "#id_body_en",
        "Customs today seized counterfeit goods.\n\nThe case is under investigation.",
    )
    page.select_option("#id_status", "published")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    return Release.objects.get()


def test_a_correction_of_the_chinese_waits_until_the_english_is_checked(desk, browser: Browser):
    publisher = signed_in(browser, desk.url, "pat")
    release = publish_through_the_admin(publisher, desk.url)

    publisher.fill("#id_body_zh_hant", "海關今日檢獲冒牌貨品。\n\n案件已交律政司。")
    publisher.click("input[name=_continue]")

    expect(publisher.locator(".errornote")).to_be_visible()
    expect(publisher.locator(".errorlist.nonfield")).to_contain_text(
        "English needs review: the Traditional Chinese body changed on"
    )
    review = publisher.locator(".desk-column--review[lang='en'] .desk-review")
    expect(review.locator("ins")).to_have_text("案件已交律政司。")
    reader = browser.new_page()
    reader.goto(f"{desk.url}/zh-hant/releases/{release.pk}/")
    expect(reader.get_by_text("案件已交律政司。")).to_have_count(0)

    publisher.check("#id_checked_en")
    publisher.click("input[name=_continue]")

    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")
    # A new reader: the first one's browser may reuse its copy for a minute.
    reader = browser.new_page()
    reader.goto(f"{desk.url}/zh-hant/releases/{release.pk}/")
    expect(reader.get_by_text("案件已交律政司。")).to_be_visible()


def test_a_reviewer_without_an_account_comments_and_the_editor_sees_it(desk, browser: Browser):
    editor = signed_in(browser, desk.url, "eddie")
    editor.goto(f"{desk.url}/admin/releases/release/add/")
    editor.fill("#id_title_zh_hant", "海關草稿")
    editor.fill("#id_body_zh_hant", "草稿正文。")
    editor.fill("#id_title_en", "Customs draft")
    editor.fill("#id_body_en", "Draft text.")
    editor.click("input[name=_continue]")
    editor.get_by_role("button", name="Create review link").click()
    link = editor.locator("code.desk-review-link", has_text="/en/review/").inner_text()

    reviewer = browser.new_context().new_page()
    reviewer.goto(link)
    expect(reviewer.locator(".notice--review [lang='en']")).to_contain_text(
        "Draft for review: not published"
    )
    expect(reviewer.locator(".notice--review [lang='zh-Hant-HK']")).to_contain_text(
        "審閱稿：尚未發布"
    )
    expect(reviewer.get_by_role("heading", name="海關草稿")).to_be_visible()
    reviewer.fill("#id_name", "Commissioner's office")
    reviewer.fill("#id_text", "Please add the date of the seizure.")
    reviewer.get_by_role("button", name="Send comment").click()
    expect(reviewer.get_by_role("status").last).to_contain_text("Thank you")

    editor.reload()
    comments = editor.locator(".desk-review-comments")
    expect(comments).to_contain_text("Commissioner's office")
    expect(comments).to_contain_text("Please add the date of the seizure.")
    expect(editor.locator("#review-links")).to_contain_text("eddie")


@pytest.mark.parametrize("language", ["en", "zh-HK"])
def test_the_change_page_has_no_accessibility_violations_of_its_own(
    desk, browser: Browser, language
):
    editor = signed_in(browser, desk.url, "pat", language)
    release = publish_through_the_admin(editor, desk.url)
    add_image(release)
    add_attachment(release)
    editor.goto(f"{desk.url}/admin/releases/release/{release.pk}/change/")
    editor.get_by_role(
        "button", name="Create review link" if language == "en" else "建立審閱連結"
    ).click()
    # The change page again, with the new link: checked before it loads, axe sees a blank page.
    expect(editor.locator(".messagelist .success")).to_be_visible()

    violations = [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in Axe().run(editor).response["violations"]
        if v["id"] not in DJANGO_ADMIN_RULES
    ]
    assert violations == []


def test_the_columns_stack_on_a_narrow_window(desk, browser: Browser):
    editor = signed_in(browser, desk.url, "eddie")
    editor.set_viewport_size({"width": 375, "height": 800})
    editor.goto(f"{desk.url}/admin/releases/release/add/")

    chinese = editor.locator("#id_title_zh_hant").bounding_box()
    english = editor.locator("#id_title_en").bounding_box()
    assert english["y"] > chinese["y"] + chinese["height"]
    assert abs(english["x"] - chinese["x"]) < 2


def test_publish_times_bring_no_warning_about_the_browsers_time_zone(desk, browser: Browser):
    page = browser.new_context(timezone_id="UTC").new_page()
    page.goto(f"{desk.url}/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{desk.url}/admin/releases/release/add/")

    # Django's script adds "You are 8 hours behind server time"; the field says HKT instead.
    expect(page.locator(".timezonewarning").first).to_be_attached()
    expect(page.locator(".timezonewarning").first).to_be_hidden()
    expect(page.locator(".field-publish_at")).to_contain_text("Hong Kong time (HKT, UTC+8).")
