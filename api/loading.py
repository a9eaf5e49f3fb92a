"""Load everything the API tells of a list of releases, in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable

from releases.models import (
    ContactTranslation,
    Release,
    ReleaseTranslation,
    Topic,
)
from releases.prefetch import cache_prefetched, with_their_translations

# Each of these, with its translations, in one joined query (see releases.prefetch).
TRANSLATED_RELATIONS = ("images", "attachments", "change_notes")


def _grouped(records: Iterable, key: str) -> dict[int, list]:
    groups = defaultdict(list)
    for record in records:
        groups[getattr(record, key)].append(record)
    return groups


def load_related(releases: list[Release]) -> None:
    """Give each release its translations, topics, contact, images, attachments and notes.

    Seven queries for any number of releases (none for none): translations;
    topic links; the topics with their names; the contacts with theirs; the
    images, attachments and change notes with theirs. Each is cached where
    `release.<relation>.all()` reads it.
    """
    if not releases:
        return
    ids = [release.pk for release in releases]
    translations = _grouped(ReleaseTranslation.objects.filter(master_id__in=ids), "master_id")

    links = Release.topics.through.objects.filter(release_id__in=ids).values_list(
        "release_id", "topic_id"
    )
    topic_ids = defaultdict(list)
    for release_id, topic_id in links:
        topic_ids[release_id].append(topic_id)
    all_topic_ids = {pk for pks in topic_ids.values() for pk in pks}
    topics = {topic.pk: topic for topic in Topic.with_names(pk__in=all_topic_ids)}

    contact_ids = {release.contact_id for release in releases if release.contact_id}
    contacts = {
        contact.pk: contact
        for contact in with_their_translations(
            ContactTranslation.objects.filter(master_id__in=contact_ids)
        )
    }

    related = {}
    for name in TRANSLATED_RELATIONS:
        model = Release._meta.get_field(name).related_model
        rows = model._parler_meta.root_model.objects.filter(master__release_id__in=ids)
        related[name] = _grouped(
            with_their_translations(rows, *model._meta.ordering), "release_id"
        )

    for release in releases:
        cache_prefetched(release, "translations", translations[release.pk])
        ordered_topics = sorted(
            (topics[pk] for pk in topic_ids[release.pk] if pk in topics),
            key=lambda topic: topic.slug,
        )
        cache_prefetched(release, "topics", ordered_topics)
        release.contact = contacts.get(release.contact_id)
        for name in TRANSLATED_RELATIONS:
            cache_prefetched(release, name, related[name][release.pk])
