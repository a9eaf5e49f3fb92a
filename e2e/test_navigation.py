"""Finding one's way on a phone: the header's links, reached by keyboard, with no script."""

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page, expect

from e2e.accessibility import violations
from releases.models import Release
from testing.factories import make_release, make_topic

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
NAV = {
    "zh-hant": ["新聞公報", "今日新聞公報", "主題", "電郵通知"],
    "en": ["Press releases", "Today's press releases", "Topics", "Email alerts"],
}
FOOTER = {
    "zh-hant": ["資訊源（RSS、Atom、JSON）", "開放數據應用程式介面"],
    "en": ["Feeds (RSS, Atom, JSON)", "Open data API"],
}


@pytest.fixture
def newsroom(site):
    """The demo release filed under a topic, and a release issued this morning."""
    topic = make_topic("aeo", "認可經濟營運商", "Authorized economic operators")
    Release.objects.get().topics.add(topic)
    make_release(
        title_zh="海關檢獲懷疑可卡因", title_en="Customs seize suspected cocaine"
    ).topics.add(topic)
    return site


def focused_link(page: Page) -> dict:
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const box = element.getBoundingClientRect();
            return {text: element.innerText.trim(), href: element.getAttribute("href"),
                    left: box.left, right: box.right, width: box.width};
        }"""
    )


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_every_header_and_footer_link_is_reached_by_keyboard_on_a_phone_without_script(
    newsroom, browser: Browser, language
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{newsroom.url}/{language}/")

    reached = []
    for _ in range(80):
        page.keyboard.press("Tab")
        link = focused_link(page)
        reached.append(link["text"])
        if link["text"] in NAV[language] + FOOTER[language]:
            # Whole on the screen, never cut by its edge.
            assert link["left"] >= 0 and link["right"] <= PHONE["width"], link
        if link["text"] == FOOTER[language][-1]:
            break

    for label in NAV[language] + FOOTER[language]:
        assert label in reached, (label, reached)
    assert reached.index(NAV[language][0]) < reached.index(NAV[language][-1])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_header_takes_a_calm_part_of_a_phone_screen(newsroom, page: Page, language):
    page.set_viewport_size(PHONE)
    page.goto(f"{newsroom.url}/{language}/")

    header = page.locator(".site-header").bounding_box()
    links = [page.get_by_role("link", name=label, exact=True) for label in NAV[language]]
    for link in links:
        expect(link.first).to_be_visible()
    # The four links wrap onto at most two rows, and the header leaves most of the screen.
    rows = {round(link.first.bounding_box()["y"]) for link in links}
    assert len(rows) <= 2, rows
    assert header["height"] < PHONE["height"] / 2, header


def test_reader_goes_from_the_header_to_today_and_to_a_topic(newsroom, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(f"{newsroom.url}/en/")

    page.get_by_role("link", name="Today's press releases").click()
    today = timezone.localdate()
    expect(page).to_have_url(f"{newsroom.url}/en/releases/{today:%Y/%m/%d}/")
    expect(page.locator("h1")).to_contain_text("Today's press releases")
    expect(page.get_by_role("link", name="Customs seize suspected cocaine")).to_be_visible()

    page.get_by_role("link", name="Topics", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Topics")
    page.get_by_role("link", name="Follow by email").click()
    expect(page).to_have_url(f"{newsroom.url}/en/alerts/?topic=aeo")


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hant/",
        "/en/topics/",
        "/zh-hant/topics/",
        "/en/feeds/",
        "/zh-hant/releases/today/",
        "/en/releases/2023/11/30/",
        "/en/releases/?topic=aeo&page=1",
    ],
)
def test_navigation_pages_on_a_phone_have_no_accessibility_violations(newsroom, page: Page, path):
    page.set_viewport_size(PHONE)
    page.goto(newsroom.url + path)
    expect(page.locator("h1")).to_be_visible()

    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_compare_link_is_kept_whole_on_a_phone(newsroom, page: Page):
    page.set_viewport_size(PHONE)
    with translation.override("zh-hant"):
        path = Release.objects.order_by("pk").first().get_absolute_url()
    page.goto(newsroom.url + path)

    link = page.get_by_role("link", name="逐段對照")
    expect(link).to_be_visible()
    assert link.evaluate("element => element.getClientRects().length") == 1
