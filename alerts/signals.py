"""Enqueue the sending when a release becomes public or is withdrawn.

The releases app knows nothing of alerts: these receivers compare a release
with what was saved before. Publishing, scheduling or moving a scheduled time
enqueues an announcement due at the publish time (editing a release that is
public and stays public does not); when it runs it checks the
release is still public then, so a release rescheduled or withdrawn before
its time sends nothing, and an announcement that finds its emails already
made sends nothing twice.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from alerts import tasks
from releases.models import Release


@receiver(pre_save, sender=Release, dispatch_uid="alerts-release-before-save")
def remember_saved_state(sender, instance: Release, raw: bool = False, **kwargs) -> None:
    instance._alerts_saved_state = (
        None
        if raw or instance._state.adding
        else Release.objects.filter(pk=instance.pk).values_list("status", "publish_at").first()
    )


@receiver(post_save, sender=Release, dispatch_uid="alerts-release-saved")
def enqueue_announcements(sender, instance: Release, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    old_status, old_publish_at = getattr(instance, "_alerts_saved_state", None) or (None, None)
    now = timezone.now()
    # An edit of a release that was public and stays public is not news, even when its
    # time is corrected (or loses its microseconds in a form): readers have had it.
    stays_public = (
        old_status == Release.Status.PUBLISHED and max(old_publish_at, instance.publish_at) <= now
    )
    if (
        instance.status == Release.Status.PUBLISHED
        and not stays_public
        and (old_status != Release.Status.PUBLISHED or old_publish_at != instance.publish_at)
    ):
        tasks.enqueue_after_commit(
            tasks.announce_release, instance.pk, run_after=instance.publish_at
        )
    elif instance.status == Release.Status.WITHDRAWN and old_status == Release.Status.PUBLISHED:
        tasks.enqueue_after_commit(tasks.announce_withdrawal, instance.pk)
