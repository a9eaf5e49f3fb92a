"""Which releases under embargo are meant for which journalists (the embargo's audience).

An embargo for "all" goes to every accredited journalist; one for "beats" to
those whose beats include one of the release's topics. A journalist who chose
no beats covers every topic, as an alerts subscriber with no topic does.
"""

from datetime import datetime

from django.db import models

from media.models import Journalist
from releases.embargoes import under_embargo
from releases.models import Release

ALL = "all"
BEATS = "beats"


def releases_for(journalist: Journalist, now: datetime) -> models.QuerySet:
    """The releases under embargo at `now` meant for this journalist."""
    releases = under_embargo(now)
    beats = Journalist.beats.through.objects.filter(journalist=journalist).values("topic_id")
    on_a_beat = Release.topics.through.objects.filter(
        release=models.OuterRef("pk"), topic_id__in=beats
    )
    return releases.filter(
        models.Q(embargo__audience=ALL) | ~models.Exists(beats) | models.Exists(on_a_beat)
    )


def journalists_for(release: Release, now: datetime) -> models.QuerySet:
    """The journalists accredited at `now` an embargoed release is meant for."""
    journalists = Journalist.objects.accredited(now)
    if release.embargo.audience == ALL:
        return journalists
    chosen = Journalist.beats.through.objects.filter(journalist=models.OuterRef("pk"))
    topics = list(release.topics.values_list("pk", flat=True))
    return journalists.filter(
        ~models.Exists(chosen) | models.Exists(chosen.filter(topic_id__in=topics))
    )
