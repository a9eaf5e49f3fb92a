"""Queue the webhooks and WebSub pings when releases.publishing announces a change readers see.

Publishing or scheduling queues the work for the release's publish time, when
it checks the release is public then (no request makes a scheduled release
public). A correction, and the withdrawal of a release readers had seen, are
pushed at once; the tasks check again when they run.
"""

from datetime import datetime

from django.conf import settings
from django.dispatch import receiver

from media import push_tasks
from media.webhooks import EventType
from releases import events


def _push(kind: str, release_id: int, *args, run_after: datetime | None = None) -> None:
    push_tasks.record_event.using(run_after=run_after).enqueue(kind, release_id, *args)
    if settings.WEBSUB_HUBS:
        push_tasks.ping_hubs.using(run_after=run_after).enqueue(kind, release_id, *args)


@receiver(events.release_published, dispatch_uid="media-push-published")
@receiver(events.release_scheduled, dispatch_uid="media-push-scheduled")
def push_publication(sender, release_id: int, publish_at: datetime, **kwargs) -> None:
    _push(EventType.PUBLISHED, release_id, run_after=publish_at)


@receiver(events.release_corrected, dispatch_uid="media-push-corrected")
def push_correction(sender, release_id: int, change_note_id: int, **kwargs) -> None:
    _push(EventType.CORRECTED, release_id, change_note_id)


@receiver(events.release_withdrawn, dispatch_uid="media-push-withdrawn")
def push_withdrawal(sender, release_id: int, was_public: bool, **kwargs) -> None:
    if was_public:
        _push(EventType.WITHDRAWN, release_id)
