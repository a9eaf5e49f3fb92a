"""Sending the emails of a content change or digest run: claimed in batches, once each.

Senders (the `deliver_emails` task; several may run on several workers) take
the next queued emails of a change by *claiming* them: one UPDATE that marks
them theirs until a lease runs out. A sender sends its batch over one SMTP
connection and records each email as sent the moment the server accepts it,
so a sender killed half-way leaves every accepted email recorded and the
others claimable once its lease lapses. Each sender first books a wake-up
just after that lapse (one per change, whoever books first), so a killed
sender's emails are picked up again without anyone's help.

A refused address (5xx) fails its email at once and counts as a hard failure
of the subscriber, who is suspended after a few; a temporary error (4xx, the
server unreachable) is tried again with back-off until the attempts run out.
"""

import logging
import smtplib
import uuid
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.db import models, transaction
from django.utils import timezone

from alerts import messages
from alerts.models import ContentChange, DeliveryAttempt, DigestRun, Email, Subscriber

logger = logging.getLogger(__name__)

BATCH_SIZE = 200
# Tries of one email wait 1, 2, 4, 8 … minutes, at most an hour.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
ERROR_LENGTH = 500

Target = ContentChange | DigestRun
TARGETS = {"change": ContentChange, "digest": DigestRun}


def load_target(name: str, target_id: int) -> Target | None:
    return TARGETS[name].objects.filter(pk=target_id).first()


def target_name(target: Target) -> str:
    return "change" if isinstance(target, ContentChange) else "digest"


def emails_of(target: Target) -> models.QuerySet:
    field = "content_change" if isinstance(target, ContentChange) else "digest_run"
    return Email.objects.filter(**{field: target})


def claimable(target: Target, now: datetime) -> models.QuerySet:
    return emails_of(target).filter(
        models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now),
        models.Q(retry_at__isnull=True) | models.Q(retry_at__lte=now),
        status=Email.Status.QUEUED,
    )


def lease() -> timedelta:
    return timedelta(seconds=settings.ALERTS_CLAIM_SECONDS)


def start(target: Target) -> None:
    """Set senders going on a change's emails, as many as may usefully run side by side."""
    from alerts import tasks

    for _ in range(settings.ALERTS_SENDERS):
        tasks.enqueue_after_commit(tasks.deliver_emails, target_name(target), target.pk)


def wake_at(target: Target, moment: datetime) -> None:
    """Book a sender for this change at `moment`, unless one is booked at or before it."""
    from alerts import tasks

    now = timezone.now()
    booked = (
        type(target)
        .objects.filter(pk=target.pk)
        .filter(
            models.Q(wake_at__isnull=True)
            | models.Q(wake_at__gt=moment)
            | models.Q(wake_at__lt=now)
        )
        .update(wake_at=moment)
    )
    if booked:
        tasks.enqueue_after_commit(
            tasks.deliver_emails, target_name(target), target.pk, run_after=moment
        )


def claim(target: Target) -> list[Email]:
    """Take the next batch of this change's queued emails for this sender, or none left."""
    while True:
        now = timezone.now()
        candidates = list(
            claimable(target, now).order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not candidates:
            return []
        token = uuid.uuid4().hex
        # Only rows still unclaimed are taken: another sender may have got there first.
        taken = (
            claimable(target, now)
            .filter(pk__in=candidates)
            .update(claim=token, claimed_until=now + lease())
        )
        if taken:
            return list(
                Email.objects.filter(pk__in=candidates, claim=token)
                .select_related("subscriber")
                .order_by("pk")
            )


def deliver(target: Target | None) -> None:
    """Send the queued emails of a change or digest that are due, batch by batch."""
    if target is None:
        return
    now = timezone.now()
    if claimable(target, now).exists():
        # If this sender dies, another takes over once its claims have lapsed.
        wake_at(target, now + lease() + timedelta(seconds=1))
        renderer = Renderer(target)
        while batch := claim(target):
            if not send_batch(batch, renderer):
                break
    book_next(target)


def book_next(target: Target) -> None:
    """Book a sender for the change's next due email: a retry, or another sender's lapse."""
    now = timezone.now()
    queued = emails_of(target).filter(status=Email.Status.QUEUED)
    times = queued.aggregate(
        retry=models.Min("retry_at", filter=models.Q(retry_at__gt=now)),
        lapse=models.Min("claimed_until", filter=models.Q(claimed_until__gt=now)),
    )
    due = [
        moment
        for moment in (times["retry"], times["lapse"] and times["lapse"] + timedelta(seconds=1))
        if moment
    ]
    if due:
        wake_at(target, min(due))


class Renderer:
    """Render each language set, interface language (and digest's list) of a change once."""

    def __init__(self, target: Target):
        self.target = target
        self.rendered: dict[tuple, messages.Rendered] = {}
        self.releases: dict[int, object] = {}

    def release(self, release_id: int):
        if release_id not in self.releases:
            self.releases[release_id] = messages.load_release(release_id)
        return self.releases[release_id]

    def __call__(self, email: Email) -> messages.Rendered:
        interface = email.subscriber.language
        key = (email.languages, interface, tuple(email.digest_releases))
        if key not in self.rendered:
            if isinstance(self.target, ContentChange):
                sections = messages.change_sections(
                    self.target, self.release(self.target.release_id), email.languages, interface
                )
            else:
                releases = [self.release(pk) for pk in email.digest_releases]
                sections = messages.digest_sections(
                    self.target.date, releases, email.languages, interface
                )
            self.rendered[key] = messages.render(sections, link_language=interface)
        return self.rendered[key]


def send_batch(batch: list[Email], renderer: Renderer) -> bool:
    """Send a claimed batch over one connection; False when the server cannot be reached."""
    connection = get_connection()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        record_failure(batch[0], error, hard=False)
        release(batch[1:], retry_at=batch[0].retry_at)
        return False
    successes: list[DeliveryAttempt] = []
    try:
        for index, email in enumerate(batch):
            subscriber = email.subscriber
            if subscriber is None or subscriber.suspended_at or not subscriber.confirmed_at:
                # Erased, suspended or unsubscribed meanwhile: nothing to send.
                Email.objects.filter(pk=email.pk).update(status=Email.Status.FAILED, claim="")
                continue
            try:
                send(connection, renderer(email), subscriber, f"alert-{email.pk}")
            except smtplib.SMTPRecipientsRefused as error:
                codes = [code for code, _ in error.recipients.values()]
                record_failure(email, error, hard=any(code >= 500 for code in codes))
            except smtplib.SMTPSenderRefused as error:
                # The server refuses our sender, not the subscriber: try again later.
                record_failure(email, error, hard=False)
            except smtplib.SMTPResponseException as error:
                record_failure(email, error, hard=error.smtp_code >= 500)
            except (smtplib.SMTPException, OSError) as error:
                record_failure(email, error, hard=False)
                release(batch[index + 1 :], retry_at=email.retry_at)
                return False
            else:
                successes.append(record_success(email))
    finally:
        # The log of successful tries, in one write; each email's sent mark was written at once.
        DeliveryAttempt.objects.bulk_create(successes)
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            logger.info("SMTP connection closed uncleanly", exc_info=True)
    return True


def send(connection, rendered: messages.Rendered, subscriber: Subscriber, key: str) -> None:
    """Send one subscriber's email over an open connection.

    Over SMTP, the bytes encoded once for the whole change are sent with this
    subscriber's details put in; other backends (files in development) get the
    message built in full.
    """
    smtp = getattr(connection, "connection", None)
    wire = rendered.wire(subscriber.pk, subscriber.email, key) if smtp else None
    if wire is None:
        connection.send_messages([rendered.personalised(subscriber.pk, subscriber.email, key)])
    else:
        smtp.sendmail(parseaddr(settings.DEFAULT_FROM_EMAIL)[1], [subscriber.email], wire)


def record_success(email: Email) -> DeliveryAttempt:
    """Mark an email sent the moment the server accepted it; return the try to log."""
    now = timezone.now()
    Email.objects.filter(pk=email.pk).update(
        status=Email.Status.SENT,
        sent_at=now,
        attempts=models.F("attempts") + 1,
        claim="",
        claimed_until=None,
    )
    return DeliveryAttempt(email=email, created_at=now, succeeded=True)


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def record_failure(email: Email, error: Exception, hard: bool) -> None:
    """Record a failed try; fail the email when trying again is no use or tries ran out."""
    now = timezone.now()
    email.attempts += 1
    gives_up = hard or email.attempts >= settings.ALERTS_MAX_ATTEMPTS
    email.retry_at = None if gives_up else now + retry_delay(email.attempts)
    logger.warning("Alert email %s not sent (try %s): %s", email.pk, email.attempts, error)
    with transaction.atomic():
        Email.objects.filter(pk=email.pk).update(
            status=Email.Status.FAILED if gives_up else Email.Status.QUEUED,
            attempts=email.attempts,
            retry_at=email.retry_at,
            claim="",
            claimed_until=None,
        )
        DeliveryAttempt.objects.create(
            email=email,
            created_at=now,
            succeeded=False,
            hard_failure=hard,
            error=str(error)[:ERROR_LENGTH],
        )
        if hard and email.subscriber_id:
            subscribers = Subscriber.objects.filter(pk=email.subscriber_id)
            subscribers.update(hard_failures=models.F("hard_failures") + 1)
            subscribers.filter(
                hard_failures__gte=settings.ALERTS_SUSPEND_AFTER_HARD_FAILURES,
                suspended_at__isnull=True,
            ).update(suspended_at=now)


def release(emails: list[Email], retry_at: datetime | None) -> None:
    """Give back claimed emails untried, to be taken again no sooner than `retry_at`."""
    Email.objects.filter(pk__in=[email.pk for email in emails]).update(
        claim="", claimed_until=None, retry_at=retry_at
    )


def resend_failed(target: Target) -> int:
    """Queue a change's failed emails again (to subscribers still receiving); say how many."""
    count = (
        emails_of(target)
        .filter(status=Email.Status.FAILED, subscriber__in=Subscriber.objects.receiving())
        .update(
            status=Email.Status.QUEUED, attempts=0, retry_at=None, claim="", claimed_until=None
        )
    )
    if count:
        start(target)
    return count
