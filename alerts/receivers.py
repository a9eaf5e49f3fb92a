"""Enqueue the sending when releases.publishing announces that a release is out, or gone.

Publishing or scheduling a release (or moving a scheduled time) enqueues an
announcement due at its publish time; when it runs it checks the release is
still public then, so a release rescheduled or withdrawn before its time sends
nothing, and an announcement that finds its emails already made sends nothing
twice. A withdrawal and a correction the publisher asked to notify are sent
at once. The events are sent after the change commits, so the tasks are too.
"""

from datetime import datetime

from django.dispatch import receiver

from alerts import tasks
from releases import events


@receiver(events.release_published, dispatch_uid="alerts-release-published")
@receiver(events.release_scheduled, dispatch_uid="alerts-release-scheduled")
def announce_release(sender, release_id: int, publish_at: datetime, **kwargs) -> None:
    tasks.announce_release.using(run_after=publish_at).enqueue(release_id)


@receiver(events.release_withdrawn, dispatch_uid="alerts-release-withdrawn")
def announce_withdrawal(sender, release_id: int, **kwargs) -> None:
    tasks.announce_withdrawal.enqueue(release_id)


@receiver(events.release_corrected, dispatch_uid="alerts-release-corrected")
def announce_correction(sender, change_note_id: int, notify: bool, **kwargs) -> None:
    if notify:
        tasks.announce_correction.enqueue(change_note_id)
