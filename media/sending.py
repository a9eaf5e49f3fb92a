"""The embargo emails: who gets which, written once per journalist and revision, then sent.

A sending first writes its rows (EmbargoDelivery) in bulk, skipping those that
exist (the unique constraint), so a sending run twice, or interrupted and run
again, sends nothing twice; then it sends the queued rows one by one, each
claimed for a lease first, as alerts.delivery claims its emails, and marked
sent the moment the server accepts it. Each task checks first that the embargo
is still as it was when the task was queued: not lifted, cancelled, withdrawn
or re-timed since (a newer task then does the work).
"""

import logging
import smtplib
from datetime import datetime

from django.conf import settings
from django.core.mail import get_connection
from django.db import models
from django.utils import timezone

from alerts.delivery import lease, retry_delay
from alerts.tasks import enqueue_after_commit
from media import audience, mail
from media.models import EmbargoDelivery, Journalist
from releases.embargoes import under_embargo
from releases.models import Embargo, Release

logger = logging.getLogger(__name__)

Kind = EmbargoDelivery.Kind
State = EmbargoDelivery.State


def embargo_in_force(release_id: int, now: datetime) -> Embargo | None:
    """The release's embargo if the release is under embargo at `now`, else None."""
    if not under_embargo(now).filter(pk=release_id).exists():
        return None
    return Embargo.objects.select_related("release").get(release_id=release_id)


def receivers(release_id: int) -> models.QuerySet:
    """The journalists who were sent a release under embargo (any revision)."""
    sent = EmbargoDelivery.objects.filter(
        release_id=release_id, kind=Kind.EMBARGOED, state=State.SENT
    )
    return Journalist.objects.filter(pk__in=sent.values("journalist_id"))


def _write(release_id: int, kind: str, revision: int, rows) -> None:
    EmbargoDelivery.objects.bulk_create(
        [
            EmbargoDelivery(
                journalist_id=journalist_id,
                release_id=release_id,
                kind=kind,
                revision=revision,
                what=what,
            )
            for journalist_id, what in rows
        ],
        ignore_conflicts=True,
    )


def send_embargo(release_id: int, media_at: datetime) -> None:
    """At media_at: email the release to each journalist in its audience, once per revision."""
    now = timezone.now()
    embargo = embargo_in_force(release_id, now)
    if embargo is None or embargo.media_at != media_at:
        return  # lifted, cancelled, withdrawn or re-timed since this task was queued
    journalists = audience.journalists_for(embargo.release, now).filter(emails_paused=False)
    _write(
        release_id,
        Kind.EMBARGOED,
        embargo.revision,
        ((pk, "") for pk in journalists.values_list("pk", flat=True)),
    )
    deliver(release_id)


def send_update(release_id: int, revision: int, what: str) -> None:
    """After media_at: send the new revision to those who had it; new audience gets the first."""
    now = timezone.now()
    embargo = embargo_in_force(release_id, now)
    if embargo is None or embargo.revision != revision:
        return  # gone, or changed again: the newer task sends the newer revision
    had_it = set(receivers(release_id).values_list("pk", flat=True))
    meant_for = audience.journalists_for(embargo.release, now).filter(emails_paused=False)
    rows = [(pk, what) for pk in had_it]
    rows += [(pk, "") for pk in meant_for.values_list("pk", flat=True) if pk not in had_it]
    _write(release_id, Kind.EMBARGOED, revision, rows)
    deliver(release_id)


def send_notice(release_id: int, kind: str) -> None:
    """Tell those who had a release under embargo that it is public now, or withdrawn."""
    release = Release.objects.filter(pk=release_id).first()
    if release is None:
        return
    if kind == Kind.WITHDRAWN and release.status != Release.Status.WITHDRAWN:
        return
    if kind == Kind.LIFTED and not Release.objects.public().filter(pk=release_id).exists():
        return
    # One notice of each kind per journalist and release: the revision is fixed at 0.
    _write(
        release_id,
        kind,
        0,
        ((pk, "") for pk in receivers(release_id).values_list("pk", flat=True)),
    )
    deliver(release_id)


def claimable(release_id: int, now: datetime) -> models.QuerySet:
    return EmbargoDelivery.objects.filter(
        models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now),
        release_id=release_id,
        state=State.QUEUED,
    )


def deliver(release_id: int) -> None:
    """Send the release's queued emails over one connection, each claimed before it is sent."""
    from media import tasks

    release = Release.objects.all().get_for_page(release_id)
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Embargo emails of release %s not sent: %s", release_id, error)
        retry = timezone.now() + retry_delay(1)
        enqueue_after_commit(tasks.deliver_embargo_emails, release_id, run_after=retry)
        return
    try:
        for pk in list(
            claimable(release_id, timezone.now()).order_by("pk").values_list("pk", flat=True)
        ):
            now = timezone.now()
            if not claimable(release_id, now).filter(pk=pk).update(claimed_until=now + lease()):
                continue  # another sender took it
            delivery = EmbargoDelivery.objects.select_related("journalist").get(pk=pk)
            try:
                mail.send(
                    delivery.journalist,
                    mail.embargo_email(delivery, release),
                    f"media-embargo-{delivery.pk}",
                    connection=connection,
                )
            except (smtplib.SMTPException, OSError) as error:
                attempts = delivery.attempts + 1
                gives_up = attempts >= settings.ALERTS_MAX_ATTEMPTS
                logger.warning("Embargo email %s not sent (try %s): %s", pk, attempts, error)
                EmbargoDelivery.objects.filter(pk=pk).update(
                    attempts=attempts,
                    claimed_until=None,
                    state=State.FAILED if gives_up else State.QUEUED,
                )
                if not gives_up:
                    enqueue_after_commit(
                        tasks.deliver_embargo_emails,
                        release_id,
                        run_after=now + retry_delay(attempts),
                    )
                break
            EmbargoDelivery.objects.filter(pk=pk).update(
                state=State.SENT,
                sent_at=timezone.now(),
                attempts=models.F("attempts") + 1,
                claimed_until=None,
            )
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            logger.info("SMTP connection closed uncleanly", exc_info=True)
