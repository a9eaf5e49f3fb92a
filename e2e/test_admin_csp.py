"""The admin keeps working under the Content-Security-Policy: no violation, its scripts run."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple"

# Init scripts run before the page's own and are not subject to its policy.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def watched_page(page: Page):
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    yield page, console


def violations(page: Page, console: list[str]) -> list[str]:
    reported = page.evaluate("window.__cspViolations")
    return reported + [text for text in console if "Content Security Policy" in text]


def test_staff_sign_in_and_edit_a_release_without_csp_violations(
    site, watched_page, django_user_model, settings
):
    settings.AXES_ENABLED = True  # sign in through the rate-limited login, as in production
    page, console = watched_page
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    page.set_extra_http_headers({"Accept-Language": "en"})

    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert violations(page, console) == []

    page.goto(site.url + "/admin/releases/release/")
    expect(page.locator("#result_list")).to_contain_text("AEO Expert Mission")
    assert violations(page, console) == []

    page.goto(site.url + "/admin/releases/release/1/change/")
    # The two-list topic chooser is built by the admin's JavaScript: scripts ran.
    expect(page.locator("#id_topics_from")).to_be_attached()
    expect(page.locator("#id_title_zh_hant")).not_to_be_empty()
    expect(page.locator("#id_title_en")).not_to_be_empty()
    assert violations(page, console) == []


@pytest.mark.parametrize("path", ["/zh-hant/", "/en/releases/1/", "/api/v1/docs"])
def test_public_pages_show_without_csp_violations(site, watched_page, path):
    page, console = watched_page

    page.goto(site.url + path)

    expect(page.locator("h1")).to_be_visible()
    assert violations(page, console) == []
