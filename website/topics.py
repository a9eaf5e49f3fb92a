"""The topics page: every topic with its newest releases, its feed and its email alerts."""

from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from releases.models import Release, ReleaseTranslation, Topic
from releases.prefetch import with_their_translations

# Enough to tell what a topic is about and whether it is alive; the archive has the rest.
NEWEST_PER_TOPIC = 3


@dataclass
class TopicEntry:
    topic: Topic
    releases: list[Release]


def newest_by_topic(topics: list[Topic], now) -> list[TopicEntry]:
    """Each topic with its newest public releases, in two queries however many topics.

    One window query ranks every topic's public releases and keeps the first few;
    one more reads those releases with their translations.
    """
    links = Release.topics.through.objects.filter(
        release__in=Release.objects.public(now)
    ).annotate(
        rank=Window(
            RowNumber(),
            partition_by=F("topic_id"),
            order_by=[F("release__publish_at").desc(), F("release_id").desc()],
        )
    )
    newest = list(links.filter(rank__lte=NEWEST_PER_TOPIC).values_list("topic_id", "release_id"))
    releases = {
        release.pk: release
        for release in with_their_translations(
            ReleaseTranslation.objects.filter(master_id__in={pk for _t, pk in newest})
        )
    }
    found: dict[int, list[Release]] = {}
    for topic_id, release_id in newest:
        found.setdefault(topic_id, []).append(releases[release_id])
    for listed in found.values():
        listed.sort(key=lambda release: (release.publish_at, release.pk), reverse=True)
    return [TopicEntry(topic, found.get(topic.pk, [])) for topic in topics]


def topics(request: HttpRequest) -> HttpResponse:
    named = sorted(Topic.with_names(), key=lambda topic: topic.name_in_interface)
    context = {
        "entries": newest_by_topic(named, timezone.now()),
        "page_title": _("Topics"),
        "page_description": _(
            "Press releases by topic: the newest of each, and how to follow a topic "
            "by feed or email."
        ),
    }
    return render(request, "releases/topics.html", context)
