"""What a reader sees of the columns, the comparison, print, focus and Hong Kong glyphs."""

from itertools import pairwise

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from releases.models import Release

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def release(site) -> str:
    """The demo release's path after the language prefix (its id differs from test to test)."""
    with translation.override("en"):
        return Release.objects.get().get_absolute_url().removeprefix("/en")


# The paragraph spacing of the stylesheet, and some room for rounding.
PARAGRAPH_GAP = 40


def gaps_between(page: Page, selector: str) -> list[float]:
    """Return the vertical white space between consecutive elements matching `selector`."""
    boxes = [element.bounding_box() for element in page.locator(selector).all()]
    return [below["y"] - (above["y"] + above["height"]) for above, below in pairwise(boxes)]


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_each_column_flows_on_its_own_with_no_holes(site, release, page: Page, language):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/{language}{release}")

    for lang in ["zh-Hant-HK", "en"]:
        column = f'.release__column[lang="{lang}"]'
        gaps = gaps_between(page, f"{column} .release__title, {column} .release__body > *")
        assert max(gaps) < PARAGRAPH_GAP, (lang, gaps)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_release_links_to_the_paragraph_by_paragraph_view(site, release, page: Page, language):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/{language}{release}")

    link = "逐段對照" if language == "zh-hant" else "Compare paragraph by paragraph"
    page.get_by_role("link", name=link).click()

    expect(page).to_have_url(f"{site.url}/{language}{release}parallel/")
    rows = page.locator(".parallel__row")
    # The titles, then each of the demo release's two paragraphs.
    assert rows.count() == 3
    for index in range(rows.count()):
        first, second = (cell.bounding_box() for cell in rows.nth(index).locator("> *").all())
        assert abs(first["y"] - second["y"]) < 1
        assert first["x"] + first["width"] <= second["x"]


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_the_paragraph_by_paragraph_view_stacks_each_pair_on_a_phone(
    site, release, page: Page, language
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/{language}{release}parallel/")

    row = page.locator(".parallel__row").nth(1)
    first, second = (cell.bounding_box() for cell in row.locator("> *").all())
    assert first["y"] + first["height"] <= second["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_print_starts_with_the_department_and_prints_links_and_addresses_as_text(
    site, release, page: Page
):
    page.goto(f"{site.url}/zh-hant{release}")
    page.emulate_media(media="print")

    department = page.locator(".site-name__department")
    expect(department).to_be_visible()
    expect(department).to_have_text("香港海關")
    assert department.bounding_box()["y"] < page.locator(".release__meta").bounding_box()["y"]
    expect(page.locator(".language-switcher")).to_be_hidden()
    expect(page.locator(".site-search")).to_be_hidden()
    expect(page.locator(".release__compare")).to_be_hidden()
    mail = page.locator('a[href^="mailto:"]')
    ink = page.evaluate("getComputedStyle(document.body).color")
    assert mail.evaluate("a => getComputedStyle(a).color") == ink
    assert mail.evaluate("a => getComputedStyle(a).textDecorationLine") == "none"
    addresses = page.locator(".release__address")
    expect(addresses).to_be_visible()
    expect(addresses).to_contain_text(f"網址：{site.url}/zh-hant{release}")
    expect(addresses).to_contain_text(f"Web address: {site.url}/en{release}")
    chinese, english = page.locator(".release__column").all()
    assert (
        chinese.bounding_box()["x"] + chinese.bounding_box()["width"]
        <= (english.bounding_box()["x"])
    )


# The contrast of two colours as WCAG defines it, and the background an element sits on.
FOCUS_CONTRAST = """() => {
  const channels = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  };
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const opaque = colour => { const c = channels(colour); return c.length === 3 || c[3] > 0; };
  const element = document.activeElement;
  let behind = element.parentElement, background = [255, 255, 255];
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (opaque(colour)) { background = channels(colour).slice(0, 3); break; }
    behind = behind.parentElement;
  }
  const style = getComputedStyle(element);
  const colours = [];
  if (style.outlineStyle !== "none") colours.push(style.outlineColor);
  if (opaque(style.backgroundColor)) colours.push(style.backgroundColor);
  for (const shadow of style.boxShadow.match(/rgba?\\([^)]*\\)/g) || []) colours.push(shadow);
  const best = Math.max(0, ...colours.filter(opaque).map(c => contrast(channels(c), background)));
  return {element: element.outerHTML.slice(0, 80), best};
}"""


@pytest.mark.parametrize("path", ["/zh-hant/", "/en/releases/?topic=nope"])
def test_every_focus_indicator_stands_out_three_to_one_on_its_background(site, page: Page, path):
    page.goto(site.url + path)

    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_CONTRAST)
        if focused["element"].startswith("<body"):
            continue
        if focused["element"] in seen:
            break
        seen.append(focused["element"])
        assert focused["best"] >= 3, focused
    assert len(seen) > 8


def glyph_image(page: Page, lang: str | None) -> bytes:
    """Screenshot Chinese text whose glyphs differ between Hong Kong and Taiwan forms."""
    sample = page.locator(".release__column[lang='zh-Hant-HK'] .release__body p").first
    if lang:
        sample.evaluate("(paragraph, lang) => { paragraph.lang = lang; }", lang)
    sample.evaluate("paragraph => { paragraph.textContent = '骨返香及流會說總'; }")
    return sample.screenshot()


def test_traditional_text_uses_hong_kong_glyph_forms(site, release, page: Page):
    page.goto(f"{site.url}/zh-hant{release}")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant-HK")

    # The fonts pick each region's forms by the lang they are given (OpenType locl).
    shown = glyph_image(page, None)
    hong_kong = glyph_image(page, "zh-HK")
    taiwan = glyph_image(page, "zh-Hant")

    assert shown == hong_kong
    assert shown != taiwan
