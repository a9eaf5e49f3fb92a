"""The alerts app's part of the archive a site moves with (read by releases.backup_parts).

Every model of the app travels: subscribers with the times they subscribed
and confirmed (consent that cannot be rebuilt), their subscriptions and
topics, and the record of every content change, digest, email and delivery
attempt. That record is what sends each email once: a release announced on
the old site is not announced again on the new one.

The task queue stays behind: its rows are work named by ids and times that
these tables already hold, so `restored()` queues that work again from them.
Every task decides afresh when it runs, so work queued twice sends nothing twice.
"""

from datetime import timedelta

from alerts import delivery, tasks
from alerts.fanout import digest_window
from alerts.links import CONFIRM_FOR
from alerts.models import ContentChange, DigestRun, Email, Subscriber
from releases.backup_parts import Restore
from releases.models import Release

LEFT_OUT = {
    "django_tasks_database.DBTaskResult": (
        "the task queue and its results; email alerts queue their pending work again "
        "from their own tables"
    ),
}


def restored(restore: Restore) -> list[str]:
    """Queue again what the old site's task queue held."""
    # Due after the archive was written: its announcement may never have run there.
    due = Release.objects.filter(
        status=Release.Status.PUBLISHED, publish_at__gt=restore.written_at
    )
    for release_id, publish_at in due.values_list("pk", "publish_at"):
        tasks.enqueue_after_commit(tasks.announce_release, release_id, run_after=publish_at)
    changes = list(ContentChange.objects.filter(fanned_out_at__isnull=True))
    for change in changes:
        if change.kind == ContentChange.Kind.CORRECTED:
            tasks.enqueue_after_commit(tasks.announce_correction, change.change_note_id)
        elif change.kind == ContentChange.Kind.WITHDRAWN:
            tasks.enqueue_after_commit(tasks.announce_withdrawal, change.release_id)
        else:
            tasks.enqueue_after_commit(tasks.announce_release, change.release_id)
    digests = list(DigestRun.objects.filter(fanned_out_at__isnull=True))
    for run in digests:
        tasks.enqueue_after_commit(
            tasks.send_digest, run.date.isoformat(), run_after=digest_window(run.date)[1]
        )
    # The wake-ups these record as booked were tasks of the old queue: book them afresh.
    ContentChange.objects.update(wake_at=None)
    DigestRun.objects.update(wake_at=None)
    queued = {"fanned_out_at__isnull": False, "emails__status": Email.Status.QUEUED}
    sending = [
        *ContentChange.objects.filter(**queued).distinct(),
        *DigestRun.objects.filter(**queued).distinct(),
    ]
    for target in sending:
        delivery.start(target)
    unconfirmed = Subscriber.objects.filter(confirmed_at__isnull=True)
    for subscriber_id, reminded_at, created_at in unconfirmed.values_list(
        "pk", "reminded_at", "created_at"
    ):
        tasks.enqueue_after_commit(
            tasks.forget_unconfirmed,
            subscriber_id,
            run_after=(reminded_at or created_at) + CONFIRM_FOR + timedelta(minutes=1),
        )
    return [
        f"Email alerts queued again: {due.count()} scheduled announcements, "
        f"{len(changes) + len(digests)} unfinished announcements and digests, "
        f"{len(sending)} sendings, {unconfirmed.count()} unconfirmed addresses to forget."
    ]
