"""The webhooks' part of the archive a site moves with (media/archive.py names it).

Endpoints travel with their signing secrets: receivers verify every webhook
with the secret they were given, so a site that moved without them would
fail every receiver's check until each was registered again by hand. The
archive already holds subscribers' addresses and must be kept as carefully
as the database itself. Events, deliveries and tries travel too: they are
what makes each event reach an endpoint once, so nothing delivered on the
old site is delivered again.

The task queue stays behind (see alerts.archive); `restored()` queues again
the scheduled events and the deliveries still owed.
"""

from media import push_tasks
from media.webhooks import Delivery, EventType
from releases.backup_parts import Restore
from releases.models import Release


def restored(restore: Restore) -> list[str]:
    """Queue again what the old site's task queue held for webhooks."""
    due = Release.objects.filter(
        status=Release.Status.PUBLISHED, publish_at__gt=restore.written_at
    )
    for release_id, publish_at in due.values_list("pk", "publish_at"):
        push_tasks.enqueue_after_commit(
            push_tasks.record_event, EventType.PUBLISHED, release_id, run_after=publish_at
        )
    owed = Delivery.objects.filter(status=Delivery.Status.PENDING)
    owed.update(claimed_until=None)
    for delivery_id, next_attempt_at in owed.values_list("pk", "next_attempt_at"):
        push_tasks.enqueue_after_commit(
            push_tasks.deliver_webhook, delivery_id, run_after=next_attempt_at
        )
    return [
        f"Webhooks queued again: {due.count()} scheduled events, "
        f"{owed.count()} deliveries still owed."
    ]
