"""RSS 2.0, Atom and JSON Feed of the newest public releases, for the site and each topic.

A feed speaks its URL's language: titles and summaries in that language (Chinese
for /zh-hans/, converted on the way out like every page there). Each names its own
address and the WebSub hubs of the setting WEBSUB_HUBS, which are told when it changes.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pressroom.languages import html_lang
from pressroom.machine_time import to_the_second
from releases.models import Release, ReleaseQuerySet, ReleaseTranslation, Topic
from website.jsonfeed import JSONFeed

FEED_SIZE = 20
# Tag URIs (RFC 4151) name an item for good: a release's slug, and so its address,
# may still be edited after publishing, and a changed id shows readers the item again.
GUID_AUTHORITY = "customs.gov.hk,2023"


def release_guid(release: Release) -> str:
    """Return the identifier a release keeps in every feed, whatever its address becomes."""
    return f"tag:{GUID_AUTHORITY}:press-release:{release.pk}"


class RssFeed(Rss201rev2Feed):
    """RSS naming its WebSub hubs with atom:link, beside the rel="self" Django writes."""

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        for hub in self.feed.get("hubs", ()):
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": hub})


class AtomFeed(Atom1Feed):
    """Atom naming its WebSub hubs, whose feed-level time is to the second even when now."""

    def add_root_elements(self, handler) -> None:
        super().add_root_elements(handler)
        for hub in self.feed.get("hubs", ()):
            handler.addQuickElement("link", "", {"rel": "hub", "href": hub})

    def latest_post_date(self) -> datetime:
        return to_the_second(super().latest_post_date())


class LatestReleasesFeed(Feed):
    feed_type = RssFeed

    def title(self) -> str:
        return _("Press releases | Customs and Excise Department")

    def description(self) -> str:
        return _("The newest press releases of the Customs and Excise Department.")

    def link(self) -> str:
        return reverse("releases:home")

    def feed_url(self) -> str:
        return reverse("releases:feed")

    @property
    def language(self) -> str:
        return html_lang(get_language())

    def author_name(self) -> str:
        return _("Customs and Excise Department")

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # Django dates a feed by its newest item, which a withdrawn item leaving it does not
        # move; the page cache dates it by the content's last change instead.
        del response["Last-Modified"]
        return response

    def feed_extra_kwargs(self, obj) -> dict:
        return {"hubs": settings.WEBSUB_HUBS}

    def releases(self) -> ReleaseQuerySet:
        return Release.objects.public().with_last_public_change()

    def items(self) -> ReleaseQuerySet:
        return self.releases().with_translations()[:FEED_SIZE]

    def text(self, release: Release) -> ReleaseTranslation:
        return release.translations_in_interface_order[0]

    def item_title(self, release: Release) -> str:
        return self.text(release).title

    def item_description(self, release: Release) -> str:
        return self.text(release).lead

    def item_guid(self, release: Release) -> str:
        return release_guid(release)

    def item_guid_is_permalink(self, release: Release) -> bool:
        return False

    # Hong Kong time to the second, as the release page's issuing record and the API give it.
    def item_pubdate(self, release: Release) -> datetime:
        return to_the_second(release.publish_at)

    def item_updateddate(self, release: Release) -> datetime:
        return to_the_second(release.last_public_change_at)


class LatestReleasesAtomFeed(LatestReleasesFeed):
    feed_type = AtomFeed

    def subtitle(self) -> str:
        return self.description()

    def feed_url(self) -> str:
        return reverse("releases:feed-atom")


class JSONFeedMixin:
    """Write a feed as JSON Feed, each item with its body's HTML in the feed's language."""

    feed_type = JSONFeed

    def item_extra_kwargs(self, release: Release) -> dict:
        return {"content_html": self.text(release).body_html}


class LatestReleasesJSONFeed(JSONFeedMixin, LatestReleasesFeed):
    def feed_url(self) -> str:
        return reverse("releases:feed-json")


class TopicFeed(LatestReleasesFeed):
    """The newest public releases on one topic."""

    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        topics = Topic.with_names(slug=slug)
        if not topics:
            raise Http404
        return topics[0]

    def title(self, topic: Topic) -> str:
        return _("%(topic)s: press releases | Customs and Excise Department") % {
            "topic": topic.name_in_interface
        }

    def description(self, topic: Topic) -> str:
        return _("The newest press releases on %(topic)s.") % {"topic": topic.name_in_interface}

    def link(self, topic: Topic) -> str:
        return f"{reverse('releases:archive')}?topic={topic.slug}"

    def feed_url(self, topic: Topic) -> str:
        return reverse("releases:topic-feed", kwargs={"slug": topic.slug})

    def items(self, topic: Topic) -> ReleaseQuerySet:
        return self.releases().filter(topics=topic).with_translations()[:FEED_SIZE]


class TopicAtomFeed(TopicFeed):
    feed_type = AtomFeed

    def subtitle(self, topic: Topic) -> str:
        return self.description(topic)

    def feed_url(self, topic: Topic) -> str:
        return reverse("releases:topic-feed-atom", kwargs={"slug": topic.slug})


class TopicJSONFeed(JSONFeedMixin, TopicFeed):
    def feed_url(self, topic: Topic) -> str:
        return reverse("releases:topic-feed-json", kwargs={"slug": topic.slug})
