"""A reader searches in Chinese, opens the result, and reads pages that axe finds no fault in."""

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import violations
from releases.models import Release

ZH_TITLE = "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"
HANS_TITLE = "海关举办「东盟及中国香港AEO专家交流会及论坛」"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("language", "label", "query", "title"),
    [
        ("zh-hant", "搜尋新聞公報", "論壇", ZH_TITLE),
        ("zh-hans", "搜索新闻公报", "海关", HANS_TITLE),
    ],
)
def test_reader_searches_in_chinese_and_opens_the_result(
    site, page: Page, language, label, query, title
):
    page.goto(f"{site.url}/{language}/")

    page.get_by_label(label).fill(query)
    page.get_by_label(label).press("Enter")

    result = page.get_by_role("link", name=title)
    expect(result.locator("mark").first).to_have_text(query)
    result.click()
    expect(page.locator("h1")).to_have_text(title)


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hant/releases/",
        "/en/releases/?q=customs&year=2023",
        "/zh-hant/releases/?q=論壇",
        "/zh-hant/releases/?year=99999",
        "/zh-hans/",
        "/zh-hans/releases/?q=海关",
        "/zh-hans/releases/{pk}/",
    ],
)
def test_finding_pages_have_no_accessibility_violations(site, page: Page, path):
    page.goto(site.url + path.format(pk=Release.objects.get().pk))
    expect(page.locator("h1")).to_be_visible()

    assert violations(page) == []
