"""Keep what derives from a release in step with it: its search document and its files.

The search document holds only the translations' text, so it is rewritten when
a translation is saved or deleted; publishing and withdrawing change no text
(lists filter through Release.objects.public()), so they need no re-index. Deleting a
release takes its search document with it (a cascade, which on SQLite also
empties the FTS5 row) and, once committed, its files.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from releases import search
from releases.models import Release, ReleaseTranslation
from releases.uploads import delete_release_files


@receiver(post_save, sender=ReleaseTranslation, dispatch_uid="search-translation-saved")
def index_saved_translation(
    sender, instance: ReleaseTranslation, raw: bool = False, **kwargs
) -> None:
    if not raw:  # fixtures load rows as they are; rebuild_search_index afterwards
        search.index_releases([instance.master_id])


@receiver(post_delete, sender=ReleaseTranslation, dispatch_uid="search-translation-deleted")
def index_after_translation_deleted(
    sender, instance: ReleaseTranslation, origin=None, **kwargs
) -> None:
    # When the whole release is being deleted, its document goes with it.
    if isinstance(origin, ReleaseTranslation):
        search.index_releases([instance.master_id])


@receiver(post_delete, sender=Release)
def delete_files_of_deleted_release(sender, instance: Release, **kwargs) -> None:
    # Only once the deletion is committed: a rolled-back delete keeps its files.
    release_id = instance.pk
    transaction.on_commit(lambda: delete_release_files(release_id))
