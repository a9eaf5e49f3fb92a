"""Modified dates tell of changes readers saw; feed items keep one identifier for good."""

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import feedparser
import pytest
import time_machine
from django.core.management import call_command
from django.utils.http import http_date

from releases.publishing import withdraw
from testing.factories import add_change_note, committed
from testing.pages import detail_path

pytestmark = pytest.mark.django_db

ISSUED = "2023-11-30T10:00:00+08:00"
LATER = datetime(2026, 6, 1, 7, 30, tzinfo=UTC)  # 15:30 in Hong Kong
LATER_HKT = "2026-06-01T15:30:00+08:00"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def modified_dates(client, release) -> dict[str, str]:
    """Read every place that says when a release last changed."""
    response = client.get(detail_path(release, "en"))
    page = response.content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page).group(1))
    atom = feedparser.parse(client.get("/en/feed/atom/").content).entries[0]
    urls = ET.fromstring(client.get("/sitemap.xml").content).findall("s:url", SITEMAP)
    lastmod = {
        url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
        for url in urls
    }
    return {
        "article:modified_time": re.search(
            r'<meta property="article:modified_time" content="([^"]+)">', page
        ).group(1),
        "dateModified": data["dateModified"],
        "atom updated": atom.updated,
        "sitemap lastmod": lastmod[f"http://testserver{detail_path(release, 'en')}"],
        "Last-Modified": response["Last-Modified"],
    }


def test_a_save_that_changes_nothing_public_moves_no_modified_date(client, demo_release):
    with time_machine.travel(LATER, tick=False):
        call_command("load_demo", stdout=io.StringIO())

    assert modified_dates(client, demo_release) == {
        "article:modified_time": ISSUED,
        "dateModified": ISSUED,
        "atom updated": ISSUED,
        "sitemap lastmod": ISSUED,
        "Last-Modified": "Thu, 30 Nov 2023 02:00:00 GMT",
    }


def test_a_change_note_moves_every_modified_date_to_its_time(client, demo_release):
    with time_machine.travel(LATER, tick=False):
        add_change_note(demo_release)

    assert modified_dates(client, demo_release) == {
        "article:modified_time": LATER_HKT,
        "dateModified": LATER_HKT,
        "atom updated": LATER_HKT,
        "sitemap lastmod": LATER_HKT,
        "Last-Modified": http_date(LATER.timestamp()),
    }


def test_a_withdrawal_dates_the_release_page(client, demo_release):
    with time_machine.travel(LATER, tick=False):
        with committed():
            withdraw(demo_release, {"zh-hant": "撤回。", "en": "Withdrawn."}, user=None, now=LATER)

        response = client.get(detail_path(demo_release, "en"))

    assert response["Last-Modified"] == http_date(LATER.timestamp())


GUID = "tag:customs.gov.hk,2023:press-release:1"


@pytest.mark.parametrize("language", ["zh-hant", "en", "zh-hans"])
def test_feed_items_keep_their_identifier_when_the_slug_changes(client, demo_release, language):
    demo_release.slug = "a-new-slug"
    demo_release.save()

    rss = client.get(f"/{language}/feed/").content.decode()
    atom = feedparser.parse(client.get(f"/{language}/feed/atom/").content)
    json_feed = json.loads(client.get(f"/{language}/feed/json/").content)

    assert f'<guid isPermaLink="false">{GUID}</guid>' in rss
    assert "a-new-slug" in rss  # the link follows the slug; the identifier does not
    assert atom.entries[0].id == GUID
    assert json_feed["items"][0]["id"] == GUID
    assert json_feed["items"][0]["url"].endswith("/releases/1/a-new-slug/")
