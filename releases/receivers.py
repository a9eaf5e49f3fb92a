"""Keep a release's files in step with it: deleted with it, public when it is.

Both run once the change is committed: a rolled-back delete keeps its files,
and access follows the release as the change left it.
"""

from datetime import datetime

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from releases import events
from releases.file_access import keep_file_access, keeps_access_per_file, open_files_when_due
from releases.files import delete_release_files
from releases.models import Release


@receiver(post_delete, sender=Release)
def delete_files_of_deleted_release(sender, instance: Release, **kwargs) -> None:
    release_id = instance.pk
    transaction.on_commit(lambda: delete_release_files(release_id))


@receiver(events.release_created, dispatch_uid="releases-files-created")
@receiver(events.release_edited, dispatch_uid="releases-files-edited")
@receiver(events.release_published, dispatch_uid="releases-files-published")
@receiver(events.release_withdrawn, dispatch_uid="releases-files-withdrawn")
@receiver(events.release_restored, dispatch_uid="releases-files-restored")
def give_files_their_access(sender, release_id: int, **kwargs) -> None:
    # Every save may add files (written private) or change who may see the release.
    keep_file_access(release_id)


@receiver(events.release_scheduled, dispatch_uid="releases-files-scheduled")
def open_files_of_scheduled_release_when_due(
    sender, release_id: int, publish_at: datetime, **kwargs
) -> None:
    # It comes due with no save, so nothing else would announce it.
    open_files_when_due(release_id, publish_at)


@receiver(events.releases_loaded, dispatch_uid="releases-files-loaded")
def give_loaded_files_their_access(sender, release_ids: list[int], **kwargs) -> None:
    # Sent inside the command's transaction, before its files may be written.
    def keep() -> None:
        now = timezone.now()
        for release_id in release_ids:
            keep_file_access(release_id, now)
        scheduled = Release.objects.filter(
            pk__in=release_ids, status=Release.Status.PUBLISHED, publish_at__gt=now
        )
        for release_id, publish_at in scheduled.values_list("pk", "publish_at"):
            open_files_when_due(release_id, publish_at)

    if keeps_access_per_file():
        transaction.on_commit(keep)
