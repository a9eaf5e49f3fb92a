"""Queue the embargo emails when releases.publishing announces an embargo event.

The events are sent after the change commits. Each task checks, when it runs,
that the embargo is still as the event described it, so a task made stale by a
later change (cancelled, re-timed, lifted) sends nothing; the later event has
queued what is due now.
"""

from datetime import datetime

from django.dispatch import receiver
from django.utils import timezone

from media import tasks
from media.models import EmbargoDelivery
from releases import events


@receiver(events.embargo_set, dispatch_uid="media-embargo-set")
def plan_sending(sender, release_id: int, media_at: datetime, **kwargs) -> None:
    tasks.send_embargo.using(run_after=media_at).enqueue(release_id, media_at.isoformat())


@receiver(events.embargo_changed, dispatch_uid="media-embargo-changed")
def plan_update(
    sender, release_id: int, media_at: datetime, revision: int, what: str, **kwargs
) -> None:
    if media_at > timezone.now():
        # Nothing went out yet: the sending is planned again for the (new) time.
        plan_sending(sender, release_id=release_id, media_at=media_at)
    else:
        tasks.send_embargo_update.enqueue(release_id, revision, what)


@receiver(events.embargo_lifted, dispatch_uid="media-embargo-lifted")
def tell_lifted(sender, release_id: int, **kwargs) -> None:
    tasks.send_embargo_notice.enqueue(release_id, EmbargoDelivery.Kind.LIFTED.value)


@receiver(events.release_withdrawn, dispatch_uid="media-release-withdrawn")
def tell_withdrawn(sender, release_id: int, was_public: bool = True, **kwargs) -> None:
    # Withdrawn under embargo: only those who received it are told (media.sending.receivers);
    # once public, readers are told by the public alerts.
    if not was_public and EmbargoDelivery.objects.filter(release_id=release_id).exists():
        tasks.send_embargo_notice.enqueue(release_id, EmbargoDelivery.Kind.WITHDRAWN.value)
