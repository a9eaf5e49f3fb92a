"""Keep each release's search document in step with its text and its topics' names.

The document holds the translations' text and the topics' names, so it is
rewritten when a translation is saved or deleted, and its topic names when the
release's topics change or a topic is renamed; publishing and withdrawing
change no text (lists filter through Release.objects.public()), so they need no
re-index. Deleting a release takes its document with it (a cascade, which on
SQLite also empties the FTS5 row).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from releases.events import releases_loaded
from releases.models import Release, ReleaseTranslation, Topic
from search.index import index_releases, index_topics

TopicTranslation = Topic._parler_meta.root_model


@receiver(post_save, sender=ReleaseTranslation, dispatch_uid="search-translation-saved")
def index_saved_translation(
    sender, instance: ReleaseTranslation, raw: bool = False, **kwargs
) -> None:
    if not raw:  # fixtures load rows as they are; rebuild_search_index afterwards
        index_releases([instance.master_id])


@receiver(post_delete, sender=ReleaseTranslation, dispatch_uid="search-translation-deleted")
def index_after_translation_deleted(
    sender, instance: ReleaseTranslation, origin=None, **kwargs
) -> None:
    # When the whole release is being deleted, its document goes with it.
    if isinstance(origin, ReleaseTranslation):
        index_releases([instance.master_id])


@receiver(m2m_changed, sender=Release.topics.through, dispatch_uid="search-topics-changed")
def index_changed_topics(
    sender, instance, action: str, reverse: bool, pk_set: set | None, **kwargs
) -> None:
    if not reverse:
        if action.startswith("post_"):
            index_topics([instance.pk])
    elif action == "pre_clear":
        # After the clear the topic no longer says which releases it had.
        instance._releases_before_clear = list(instance.release_set.values_list("pk", flat=True))
    elif action == "post_clear":
        index_topics(instance._releases_before_clear)
    elif action.startswith("post_"):
        index_topics(pk_set or ())


def _releases_of(topic_id: int) -> list[int]:
    return list(
        Release.topics.through.objects.filter(topic_id=topic_id).values_list(
            "release_id", flat=True
        )
    )


@receiver(post_save, sender=TopicTranslation, dispatch_uid="search-topic-renamed")
@receiver(post_delete, sender=TopicTranslation, dispatch_uid="search-topic-name-deleted")
def index_renamed_topic(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        index_topics(_releases_of(instance.master_id))


@receiver(pre_delete, sender=Topic, dispatch_uid="search-topic-deleting")
def remember_releases_of_deleted_topic(sender, instance: Topic, **kwargs) -> None:
    instance._releases_before_delete = _releases_of(instance.pk)


@receiver(post_delete, sender=Topic, dispatch_uid="search-topic-deleted")
def index_after_topic_deleted(sender, instance: Topic, **kwargs) -> None:
    index_topics(instance._releases_before_delete)


@receiver(releases_loaded, dispatch_uid="search-releases-loaded")
def index_loaded_releases(sender, release_ids: list[int], **kwargs) -> None:
    # Written in bulk, without the signals above: index the batch in one pass.
    index_releases(release_ids)
