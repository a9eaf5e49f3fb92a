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
