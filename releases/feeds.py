"""RSS 2.0 and Atom feeds of the newest public releases, for the site and for each topic.

A feed speaks its URL's language: titles and summaries in that language (Chinese
for /zh-hans/, converted on the way out like every page there).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from releases.languages import html_lang
from releases.models import Release, ReleaseQuerySet, ReleaseTranslation, Topic

FEED_SIZE = 20


class LatestReleasesFeed(Feed):
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

    def releases(self) -> ReleaseQuerySet:
        return Release.objects.public()

    def items(self) -> ReleaseQuerySet:
        return self.releases().with_translations()[:FEED_SIZE]

    def text(self, release: Release) -> ReleaseTranslation:
        return release.translations_in_interface_order[0]

    def item_title(self, release: Release) -> str:
        return self.text(release).title

    def item_description(self, release: Release) -> str:
        return self.text(release).lead

    def item_pubdate(self, release: Release):
        return release.publish_at

    def item_updateddate(self, release: Release):
        return release.updated_at


class LatestReleasesAtomFeed(LatestReleasesFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()

    def feed_url(self) -> str:
        return reverse("releases:feed-atom")


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
    feed_type = Atom1Feed

    def subtitle(self, topic: Topic) -> str:
        return self.description(topic)

    def feed_url(self, topic: Topic) -> str:
        return reverse("releases:topic-feed-atom", kwargs={"slug": topic.slug})
