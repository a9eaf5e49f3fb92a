"""A reader subscribes on /en/ to both languages: every link of every email opens in English.

Also the form's errors as a keyboard and screen-reader user meets them, the size and
focus of its radio buttons, and the both-languages email at a phone's width and a
desktop's.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from alerts import messages
from alerts.models import ContentChange, Languages, Subscriber
from e2e.accessibility import violations
from testing.factories import publish_release
from testing.mailbox import html_of, run_worker, text_of

pytestmark = pytest.mark.django_db(transaction=True)
URL = re.compile(r"https?://[^\s\"'<>]+")


def site_links(message, site: str) -> list[str]:
    found = URL.findall(text_of(message)) + URL.findall(html_of(message))
    found += URL.findall(str(message["List-Unsubscribe"] or ""))
    return sorted({url for url in found if url.startswith(site)})


def assert_every_link_opens_in_english(page: Page, urls: list[str]) -> None:
    assert urls
    for url in urls:
        assert "/en/" in url, url
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("html").get_attribute("lang") == "en", url


def test_both_languages_from_the_english_site_every_link_in_english(
    live_server, mailbox, settings, page: Page
):
    settings.SITE_URL = live_server.url
    page.goto(f"{live_server.url}/en/alerts/")
    expect(page.get_by_role("radio", name="English")).to_be_checked()
    page.get_by_label("Email address").fill("reader@example.org")
    page.get_by_role("radio", name="Both languages in one email, side by side").check()
    page.get_by_role("radio", name="Each release as it is issued").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_text("we have sent an email to reader@example.org")).to_be_visible()
    assert violations(page) == []

    run_worker()
    [confirmation] = mailbox.messages
    confirm_links = site_links(confirmation, live_server.url)
    assert_every_link_opens_in_english(page, confirm_links)
    page.get_by_role("button", name="Confirm your subscription").click()
    expect(page.get_by_role("status")).to_have_text("You are subscribed to every press release.")
    expect(page.get_by_role("heading", name="Your email alerts")).to_be_visible()
    assert violations(page) == []

    publish_release(title_en="Customs seizes illicit cigarettes", title_zh="海關檢獲私煙")
    run_worker()
    alert = mailbox.messages[1]
    assert "Customs seizes illicit cigarettes" in html_of(alert)
    assert "海關檢獲私煙" in html_of(alert)
    alert_links = site_links(alert, live_server.url)
    assert any("/alerts/unsubscribe/" in url for url in alert_links)
    assert any("/releases/" in url for url in alert_links)
    assert_every_link_opens_in_english(page, alert_links)
    assert Subscriber.objects.get().language == "en"


def test_errors_are_summarised_focused_and_linked_to_their_fields(live_server, page: Page):
    page.goto(f"{live_server.url}/en/alerts/")
    page.get_by_role("button", name="Subscribe").click()

    expect(page).to_have_title(re.compile(r"^Error: Email alerts"))
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter your email address", "Choose how often to get emails"]
    )
    assert violations(page) == []

    summary.get_by_role("link", name="Choose how often to get emails").click()
    expect(page.locator("#id_frequency_0")).to_be_in_viewport()
    # Keyboard users go on from the field: the next stop is the button.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Subscribe")).to_be_focused()


def test_radio_buttons_are_24_px_targets_with_the_links_two_colour_focus(live_server, page: Page):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/en/alerts/")
    radio = page.locator("#id_frequency_0")
    box = radio.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    page.locator("#id_languages_2").focus()
    page.keyboard.press("Tab")
    expect(radio).to_be_focused()
    style = radio.evaluate(
        "element => { const s = getComputedStyle(element); "
        "return [s.outlineColor, s.outlineWidth, s.boxShadow]; }"
    )
    assert style[0] == "rgb(11, 12, 12)" and style[1] == "3px"
    assert "rgb(255, 221, 0)" in style[2]


@pytest.mark.parametrize("width", [375, 800])
def test_the_both_languages_email_fits_a_phone_and_sits_side_by_side_on_a_desktop(
    demo_release, page: Page, width
):
    change = ContentChange(release=demo_release, kind=ContentChange.Kind.PUBLISHED)
    release = messages.load_release(demo_release.pk)
    sections = messages.change_sections(change, release, Languages.BOTH, "en")
    html = messages.render(sections, link_language="en").html
    page.set_viewport_size({"width": width, "height": 800})
    page.set_content(html)

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    english, chinese = (cell.bounding_box() for cell in page.locator(".email-column").all())
    if width == 375:
        assert chinese["y"] >= english["y"] + english["height"]
        assert english["width"] > 300
    else:
        assert chinese["y"] == english["y"] and chinese["x"] > english["x"]
