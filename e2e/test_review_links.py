"""Review links in a browser: copied from the desk, and a review that never leads out."""

import pytest
from playwright.sync_api import Browser, expect

from e2e.accessibility import violations
from releases.models import Release
from review.models import ReviewLink
from testing.factories import add_review_link, make_release, staff_member

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-password"


@pytest.fixture
def draft(live_server) -> Release:
    staff_member("eddie", "Editors", PASSWORD)
    return make_release(title_zh="海關草稿", title_en="Customs draft", status="draft")


def desk_page(browser: Browser, url: str, release: Release, **context):
    page = browser.new_context(extra_http_headers={"Accept-Language": "en"}, **context).new_page()
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{url}/admin/releases/release/{release.pk}/change/#review-links")
    return page


def test_the_copy_button_puts_the_address_on_the_clipboard(live_server, draft, browser):
    link = add_review_link(draft)
    page = desk_page(
        browser, live_server.url, draft, permissions=["clipboard-read", "clipboard-write"]
    )

    page.get_by_role("button", name="Copy the link in English").click()

    statuses = page.locator(".desk-copy-status")
    expect(statuses.nth(2)).to_have_text("The link in English was copied.")
    expect(statuses.nth(0)).to_have_text("")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{live_server.url}/en/review/{link.token}/"


def test_without_javascript_the_addresses_are_text_and_no_button_shows(
    live_server, draft, browser
):
    link = add_review_link(draft)
    page = desk_page(browser, live_server.url, draft, java_script_enabled=False)

    addresses = page.locator("code.desk-review-link")
    expect(addresses).to_have_count(3)
    expect(addresses.nth(2)).to_have_text(f"{live_server.url}/en/review/{link.token}/")
    expect(page.locator("button.desk-copy").first).to_be_hidden()


def test_a_reviewer_compares_paragraphs_without_leaving_the_link(live_server, draft, browser):
    link: ReviewLink = add_review_link(draft)
    reviewer = browser.new_page()
    reviewer.goto(f"{live_server.url}/zh-hant/review/{link.token}/")

    reviewer.get_by_role("link", name="逐段對照").click()

    expect(reviewer).to_have_url(f"{live_server.url}/zh-hant/review/{link.token}/parallel/")
    expect(reviewer.locator(".parallel__cell[lang='en']").first).to_contain_text("Customs draft")
    expect(reviewer.locator(".notice--review [lang='zh-Hant-HK']")).to_contain_text("審閱稿")
    assert violations(reviewer) == []
    reviewer.get_by_role("link", name="English", exact=True).click()
    expect(reviewer).to_have_url(f"{live_server.url}/en/review/{link.token}/parallel/")
    reviewer.get_by_role("link", name="Back to the press release").click()
    expect(reviewer).to_have_url(f"{live_server.url}/en/review/{link.token}/")
    assert violations(reviewer) == []
