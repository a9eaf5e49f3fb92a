"""The API's reference page reads in a browser with no script, and axe finds no fault in it."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("language", "heading"), [("zh-hant", "開放數據"), ("en", "Open data")])
def test_api_reference_has_no_accessibility_violations(site, page: Page, language, heading):
    page.set_extra_http_headers({"Accept-Language": language})
    page.goto(f"{site.url}/api/v1/docs")

    expect(page.locator("h1")).to_contain_text(heading)
    expect(page.locator("#api_releases_list_releases")).to_be_visible()
    results = Axe().run(page)

    violations = [
        f"{v['id']}: {[node['target'] for node in v['nodes']]}"
        for v in results.response["violations"]
    ]
    assert violations == []


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_api_reference_fits_a_phone_with_no_sideways_scroll(site, page: Page, language):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{site.url}/api/v1/docs?lang={language}")

    expect(page.locator("#terms")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # The example answer scrolls inside its own box, reachable by keyboard.
    example = page.locator("pre[tabindex='0']").last
    assert example.evaluate("element => element.scrollWidth > element.clientWidth")
    assert Axe().run(page).response["violations"] == []


def test_api_reference_switches_language_by_its_switcher(site, page: Page):
    page.goto(f"{site.url}/api/v1/docs?lang=en")

    page.get_by_role("link", name="繁體中文").click()

    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-HK")
    expect(page.locator("#terms")).to_have_text("使用條款")
