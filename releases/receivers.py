"""Delete a release's files once its deletion is committed."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from releases.files import delete_release_files
from releases.models import Release


@receiver(post_delete, sender=Release)
def delete_files_of_deleted_release(sender, instance: Release, **kwargs) -> None:
    # Only once the deletion is committed: a rolled-back delete keeps its files.
    release_id = instance.pk
    transaction.on_commit(lambda: delete_release_files(release_id))
