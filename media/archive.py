"""The media desk's part of the archive a site moves with (read by releases.backup_parts).

Journalists travel with the times they applied, confirmed their address and
were accredited (consent and approval that cannot be rebuilt), every staff
decision, and the record of each embargo email and opening: that record is
what sends each email once, so a release already sent under embargo on the old
site is not sent again on the new one.

Sign-in links stay behind: they last fifteen minutes, and a journalist asks
for another. The task queue stays behind too (alerts.archive says so for the
site); `restored()` queues the media desk's pending work again from its tables.
The webhooks' part is media.webhook_archive's, called from here.
"""

from django.db.models import F
from django.utils import timezone

from alerts.tasks import enqueue_after_commit
from media import tasks, webhook_archive
from media.accreditation import REMIND_BEFORE
from media.models import EmbargoDelivery, Journalist
from releases.backup_parts import Restore
from releases.models import Embargo

LEFT_OUT = {
    "media.SignInLink": "one-use sign-in links, valid 15 minutes; journalists ask again",
}


def restored(restore: Restore) -> list[str]:
    """Queue again the reminders, embargo sendings and unsent emails of the old queue."""
    now = timezone.now()
    due = Journalist.objects.accredited(now).exclude(reminded_for=F("accredited_until"))
    for journalist_id, until in due.values_list("pk", "accredited_until"):
        enqueue_after_commit(
            tasks.remind_of_lapse,
            journalist_id,
            until.isoformat(),
            run_after=max(now, until - REMIND_BEFORE),
        )
    # Every embargo not yet over: its sending checks when it runs and sends nothing twice.
    embargoes = Embargo.objects.filter(
        lifted_at__isnull=True, release__publish_at__gt=now, release__first_public_at__isnull=True
    )
    for release_id, media_at in embargoes.values_list("release_id", "media_at"):
        enqueue_after_commit(
            tasks.send_embargo, release_id, media_at.isoformat(), run_after=media_at
        )
    unsent = list(
        EmbargoDelivery.objects.filter(state=EmbargoDelivery.State.QUEUED)
        .values_list("release_id", flat=True)
        .distinct()
    )
    EmbargoDelivery.objects.update(claimed_until=None)
    for release_id in unsent:
        enqueue_after_commit(tasks.deliver_embargo_emails, release_id)
    return [
        *webhook_archive.restored(restore),
        f"Media desk queued again: {due.count()} lapse reminders, {embargoes.count()} embargo "
        f"sendings, {len(unsent)} releases with unsent embargo emails.",
    ]
