"""/sitemap.xml: the home page, the archive and every public release, in every language.

Each address lists its versions in the other languages (hreflang alternates) and
an x-default: the same path without a language prefix, which redirects by the
reader's Accept-Language.
"""

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from releases.models import Release, ReleaseQuerySet


class MultilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(MultilingualSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["releases:home", "releases:archive"]

    def location(self, name: str) -> str:
        return reverse(name)


class ReleaseSitemap(MultilingualSitemap):
    def items(self) -> ReleaseQuerySet:
        return Release.objects.public().with_last_public_change().order_by("-publish_at", "-pk")

    def lastmod(self, release: Release) -> datetime:
        return release.last_public_change_at.replace(microsecond=0)


SITEMAPS = {"pages": PageSitemap, "releases": ReleaseSitemap}
