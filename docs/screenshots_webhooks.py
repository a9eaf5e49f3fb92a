"""Photograph the webhook admin for docs/operations.md: docs/images/admin-webhooks-*.png.

`make screenshots` runs this after the others, on its own throwaway demo site
(see `demo_site()` in docs/screenshots.py) with two endpoints: one working,
one paused after a day of failures, whose delivery shows its tries. In both
languages at 1280 px: the endpoint list, an endpoint's page with its secret,
and a delivery with its tries.
"""

import sys

from playwright.sync_api import sync_playwright
from screenshots import CHROMIUM, CHROMIUM_ARGS, IMAGES, LANGUAGES, demo_site, save
from screenshots_desk import signed_in

SCENE = """
from datetime import timedelta
from django.utils import timezone
from media.webhook_events import payload
from media.webhooks import Attempt, Delivery, Endpoint, Event, EventType
from releases.models import Release

now = timezone.now()
demo = Release.objects.get(pk=1)
Endpoint.objects.create(url="https://wire.example.org/pressroom", description="Wire service")
down = Endpoint.objects.create(
    url="https://aggregator.example.net/hooks/customs",
    description="News aggregator",
    events=[EventType.PUBLISHED, EventType.WITHDRAWN],
    failing_since=now - timedelta(hours=27, minutes=35),
    paused_at=now,
)
event = Event.objects.create(
    release=demo,
    type=EventType.PUBLISHED,
    occurred_at=demo.publish_at,
    payload=payload(EventType.PUBLISHED, demo, demo.publish_at),
)
delivery = Delivery.objects.create(endpoint=down, event=event, attempts=3)
for minutes, code, error, took in (
    (-27 * 60 - 35, 500, "HTTP 500 Internal Server Error", 48),
    (-27 * 60 - 35 + 1, None, "timed out", 10000),
    (-27 * 60 - 30, 502, "HTTP 502 Bad Gateway", 61),
):
    Attempt.objects.create(
        delivery=delivery,
        attempted_at=now + timedelta(minutes=minutes),
        status_code=code,
        succeeded=False,
        error=error,
        duration_ms=took,
    )
"""


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    with demo_site(prepare=SCENE) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language, locale in LANGUAGES.items():
            context = signed_in(browser, url, locale, "docs")
            page = context.pages[0]
            page.goto(f"{url}/admin/media/endpoint/")
            save(page, f"admin-webhooks-{language}-1280")
            page.goto(f"{url}/admin/media/endpoint/1/change/")
            save(page, f"admin-webhooks-endpoint-{language}-1280")
            page.goto(f"{url}/admin/media/delivery/1/change/")
            save(page, f"admin-webhooks-delivery-{language}-1280")
            context.close()
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
