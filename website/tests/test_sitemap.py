"""/sitemap.xml and /robots.txt, read as a search engine would."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from releases.models import Release

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def entries(client) -> dict[str, dict]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", NS)
                if link.get("rel") == "alternate"
            },
        }
        for url in root.findall("s:url", NS)
    }


def test_sitemap_lists_every_public_release_in_every_language_with_alternates(
    client, release_factory
):
    release = release_factory()
    path = f"releases/{release.pk}/{release.slug}/"

    urls = entries(client)

    expected = {
        "zh-Hant-HK": f"http://testserver/zh-hant/{path}",
        "en": f"http://testserver/en/{path}",
        "zh-Hans": f"http://testserver/zh-hans/{path}",
        "x-default": f"http://testserver/{path}",
    }
    for language in ("zh-hant", "en", "zh-hans"):
        entry = urls[f"http://testserver/{language}/{path}"]
        assert entry["alternates"] == expected
        assert (
            entry["lastmod"]
            == release.publish_at.astimezone(timezone.get_current_timezone())
            .isoformat(timespec="seconds")
            .replace("+08:00", "+08:00")[: len(entry["lastmod"])]
        )
    assert "http://testserver/en/releases/" in urls
    assert urls["http://testserver/en/"]["alternates"]["x-default"] == "http://testserver/"


def test_sitemap_leaves_out_releases_the_public_cannot_see(client, release_factory):
    hidden = [
        release_factory(status=Release.Status.DRAFT),
        release_factory(status=Release.Status.WITHDRAWN),
        release_factory(publish_at=timezone.now() + timedelta(days=1)),
    ]
    visible = release_factory()

    locations = " ".join(entries(client))

    assert f"/releases/{visible.pk}/" in locations
    for release in hidden:
        assert f"/releases/{release.pk}/" not in locations


def test_x_default_redirects_by_the_readers_language(client, demo_release):
    path = f"/releases/{demo_release.pk}/{demo_release.slug}/"

    response = client.get(path, headers={"accept-language": "en"})

    assert response.status_code == 302
    assert response["Location"] == f"/en{path}"


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
