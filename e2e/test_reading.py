"""A reader opens the site, follows the demo release, and switches language."""

import pytest
from playwright.sync_api import Page, expect

from e2e.accessibility import violations
from releases.models import Release

EN_TITLE = "AEO Expert Mission and Symposium for ASEAN and Hong Kong, China"
ZH_TITLE = "海關舉辦「東盟及中國香港AEO專家交流會及論壇」"

pytestmark = pytest.mark.django_db(transaction=True)


def columns(page: Page):
    return page.locator(".release__column")


def test_reader_follows_the_release_and_switches_language(site, page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_extra_http_headers({"Accept-Language": "zh-HK,zh;q=0.9"})

    page.goto(site.url + "/")
    expect(page).to_have_url(site.url + "/zh-hant/")
    page.get_by_role("link", name=ZH_TITLE).click()

    expect(page.locator("h1")).to_have_text(ZH_TITLE)
    chinese, english = columns(page).nth(0), columns(page).nth(1)
    expect(chinese).to_have_attribute("lang", "zh-Hant-HK")
    expect(english).to_have_attribute("lang", "en")
    # Titles, not sections: paired paragraphs lay the sections' contents out in one grid.
    left = chinese.locator(".release__title").bounding_box()
    right = english.locator(".release__title").bounding_box()
    assert left["x"] + left["width"] <= right["x"]
    assert abs(left["y"] - right["y"]) < 1

    page.get_by_role("link", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(EN_TITLE)
    expect(columns(page).nth(0)).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Contact us")).to_be_visible()


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_columns_stack_on_a_phone_interface_language_first(site, page: Page, language):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/{language}/")
    page.locator(".release-card__title a").first.click()

    first, second = columns(page).nth(0), columns(page).nth(1)
    expect(first).to_have_attribute("lang", "zh-Hant-HK" if language == "zh-hant" else "en")
    top, bottom = first.bounding_box(), second.bounding_box()
    assert top["y"] + top["height"] <= bottom["y"]
    assert abs(top["x"] - bottom["x"]) < 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


# Every kind of public page under each language prefix; {release} is the demo release's page.
PUBLIC_PAGES = [
    "",
    "releases/",
    "releases/?q=論壇",
    "releases/?topic=nope&year=abc",
    "{release}",
    "{release}parallel/",
    "no-such-page/",
]


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_wcag_2_2_aa_violations(site, page: Page, language, path):
    release = Release.objects.get()
    page.goto(
        f"{site.url}/{language}/{path.format(release=f'releases/{release.pk}/{release.slug}/')}"
    )

    assert violations(page) == []


def test_the_bilingual_404_has_no_wcag_2_2_aa_violations(site, page: Page):
    page.goto(f"{site.url}/no-such-page/")

    assert violations(page) == []
