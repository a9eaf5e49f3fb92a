"""A reader subscribes on /en/alerts/, confirms from the email, gets the next release, leaves."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from alerts.models import Subscriber
from testing.factories import publish_release
from testing.mailbox import html_of, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)


def link_in(message, fragment: str) -> str:
    for line in text_of(message).splitlines():
        if fragment in line:
            return line.split(": ", 1)[1].strip()
    raise AssertionError(f"no {fragment} link in the email")


def assert_accessible(page: Page) -> None:
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_the_subscribe_page_is_accessible(live_server, page: Page, language):
    page.goto(f"{live_server.url}/{language}/alerts/")
    assert_accessible(page)


def test_subscribe_confirm_receive_and_unsubscribe_in_one_click(
    live_server, mailbox, settings, page: Page
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Email alerts").click()
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_role("radio", name="English").check()
    page.get_by_role("radio", name="Each release as it is issued").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()

    run_worker()
    [confirmation] = mailbox.messages
    page.goto(link_in(confirmation, "/alerts/confirm/"))
    page.get_by_role("button", name="Confirm your subscription").click()
    expect(page.get_by_role("heading", name="Your email alerts")).to_be_visible()
    assert_accessible(page)

    publish_release(title_en="Customs seizes illicit cigarettes", title_zh="海關檢獲私煙")
    run_worker()
    alert = mailbox.messages[1]
    assert "Customs seizes illicit cigarettes" in html_of(alert)
    assert "海關檢獲私煙" not in html_of(alert)

    page.goto(link_in(alert, "/alerts/unsubscribe/"))
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert not Subscriber.objects.exists()
