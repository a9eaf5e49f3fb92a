"""WebSub: the hubs the feeds name, and telling them that a release changed the feeds.

The hubs are the setting WEBSUB_HUBS; with none, feeds name no hub and
nothing is pinged. A change to a release changes every language's RSS, Atom
and JSON Feed, and the feeds of each of its topics: each hub is told of each
(`hub.mode=publish`, `hub.url=` the feed's address), and a ping that fails is
tried again later, a few times.
"""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from media import outbound
from releases.models import Topic

logger = logging.getLogger(__name__)

FEEDS = ("releases:feed", "releases:feed-atom", "releases:feed-json")
TOPIC_FEEDS = ("releases:topic-feed", "releases:topic-feed-atom", "releases:topic-feed-json")
RETRY_AFTER = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)]


def feed_urls(release_id: int) -> list[str]:
    """Return the absolute address of every feed a change to this release changes."""
    slugs = list(Topic.objects.filter(release=release_id).values_list("slug", flat=True))
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls += [settings.SITE_URL + reverse(name) for name in FEEDS]
            for slug in slugs:
                urls += [settings.SITE_URL + reverse(name, args=[slug]) for name in TOPIC_FEEDS]
    return urls


def ping(hub: str, feed_url: str) -> outbound.Answer:
    """Tell a hub that a feed changed, once."""
    body = urlencode({"hub.mode": "publish", "hub.url": feed_url}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    return outbound.post(hub, body, headers)


def ping_until_told(hub: str, feed_url: str, tries: int = 0) -> None:
    """Ping a hub; if it fails, queue another try after the next wait, or give up and log."""
    from media import push_tasks

    answer = ping(hub, feed_url)
    if answer.succeeded:
        return
    if tries < len(RETRY_AFTER):
        later = timezone.now() + RETRY_AFTER[tries]
        push_tasks.enqueue_after_commit(
            push_tasks.ping_hub, hub, feed_url, tries + 1, run_after=later
        )
    else:
        logger.warning("WebSub hub %s was not told of %s: %s", hub, feed_url, answer.error)
