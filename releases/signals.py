"""Keep storage in step with the database: a deleted release leaves no files."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from releases.models import Release
from releases.uploads import delete_release_files


@receiver(post_delete, sender=Release)
def delete_files_of_deleted_release(sender, instance: Release, **kwargs) -> None:
    # Only once the deletion is committed: a rolled-back delete keeps its files.
    release_id = instance.pk
    transaction.on_commit(lambda: delete_release_files(release_id))
