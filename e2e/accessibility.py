"""Check a page with axe-core against every WCAG A and AA rule up to WCAG 2.2."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def violations(page: Page) -> list[str]:
    """Return each violation on the page as its rule id and the elements that break it.

    Read once the page has loaded with its stylesheet: a page just navigated to
    (its address already changed) may still be laid out unstyled, with links too
    small to tap.
    """
    page.wait_for_load_state("load")
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = _axe.run(page, options=options)
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]
