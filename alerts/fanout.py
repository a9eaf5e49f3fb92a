"""Who gets which email: one email row per subscriber and content change or digest run.

A fan-out writes every email row of a change in bulk, skipping rows that
already exist (the unique constraints), so a fan-out interrupted half-way and
run again completes without a second email for anyone. Sending is then
alerts.delivery's job.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from alerts import delivery
from alerts.models import (
    ContentChange,
    DigestRun,
    Email,
    Frequency,
    Subscriber,
    Subscription,
)
from releases.models import ChangeNote, Release

DIGEST_TIME = time(18, 0)
BULK_SIZE = 2000


def matching(subscribers: models.QuerySet, topic_ids: Iterable[int]) -> models.QuerySet:
    """Narrow subscribers to those who follow every topic or one of these topics."""
    chosen = Subscription.topics.through.objects.filter(
        subscription=models.OuterRef("subscription")
    )
    return subscribers.filter(
        ~models.Exists(chosen) | models.Exists(chosen.filter(topic_id__in=list(topic_ids)))
    )


def _change(release_id: int, kind: str, **fields) -> ContentChange:
    try:
        with transaction.atomic():
            return ContentChange.objects.get_or_create(release_id=release_id, kind=kind, **fields)[
                0
            ]
    except IntegrityError:  # another worker created it at the same moment
        return ContentChange.objects.get(release_id=release_id, kind=kind)


def create_emails(
    target: ContentChange | DigestRun, rows: Iterable[tuple[int, str, list]]
) -> None:
    """Write the emails of a change or digest in bulk: (subscriber id, languages, releases)."""
    field = "content_change" if isinstance(target, ContentChange) else "digest_run"
    batch = []
    for subscriber_id, languages, releases in rows:
        batch.append(
            Email(
                subscriber_id=subscriber_id,
                languages=languages,
                digest_releases=releases,
                **{field: target},
            )
        )
        if len(batch) == BULK_SIZE:
            Email.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Email.objects.bulk_create(batch, ignore_conflicts=True)
    type(target).objects.filter(pk=target.pk).update(fanned_out_at=timezone.now())


def announce_release(release_id: int) -> None:
    """Email immediate subscribers of a release that is public now, once."""
    release = Release.objects.public().filter(pk=release_id).first()
    if release is None:  # rescheduled, withdrawn or deleted since it was enqueued
        return
    change = _change(release_id, ContentChange.Kind.PUBLISHED)
    if change.fanned_out_at is None:
        subscribers = matching(
            Subscriber.objects.receiving().filter(subscription__frequency=Frequency.IMMEDIATELY),
            release.topics.values_list("pk", flat=True),
        )
        create_emails(
            change,
            (
                (pk, languages, [])
                # A list, not a cursor left open: on SQLite an open read blocks other workers.
                for pk, languages in list(subscribers.values_list("pk", "subscription__languages"))
            ),
        )
    schedule_digest(release.publish_at)
    delivery.start(change)


def recipients_of(release_id: int) -> list[tuple[int, str]]:
    """Return (subscriber id, languages) of everyone who was sent this release."""
    receiving = Subscriber.objects.receiving().values("pk")
    sent = Email.objects.filter(status=Email.Status.SENT, subscriber__in=receiving)
    got = list(
        sent.filter(
            content_change__release_id=release_id,
            content_change__kind=ContentChange.Kind.PUBLISHED,
        ).values_list("subscriber_id", "languages")
    )
    for subscriber_id, languages, releases in (
        sent.filter(digest_run__isnull=False)
        .filter(digest_run__date=digest_date(Release.objects.get(pk=release_id).publish_at))
        .values_list("subscriber_id", "languages", "digest_releases")
    ):
        if release_id in releases:
            got.append((subscriber_id, languages))
    return got


def _notify_recipients(change: ContentChange) -> None:
    if change.fanned_out_at is None:
        create_emails(
            change,
            ((pk, languages, []) for pk, languages in recipients_of(change.release_id)),
        )
    delivery.start(change)


def announce_correction(change_note_id: int) -> None:
    """Send an "Updated:" email with the change note to those who got the release."""
    note = ChangeNote.objects.filter(pk=change_note_id).first()
    if note is None or not Release.objects.public().filter(pk=note.release_id).exists():
        return
    try:
        with transaction.atomic():
            change, _ = ContentChange.objects.get_or_create(
                change_note=note,
                defaults={"release_id": note.release_id, "kind": ContentChange.Kind.CORRECTED},
            )
    except IntegrityError:
        change = ContentChange.objects.get(change_note=note)
    _notify_recipients(change)


def announce_withdrawal(release_id: int) -> None:
    """Send a short notice with the reason to those who got a now withdrawn release."""
    if not Release.objects.filter(pk=release_id, status=Release.Status.WITHDRAWN).exists():
        return
    _notify_recipients(_change(release_id, ContentChange.Kind.WITHDRAWN))


def digest_date(moment: datetime) -> date:
    """Return the day whose 18:00 digest lists a release public at this moment."""
    local = timezone.localtime(moment)
    return local.date() if local.time() <= DIGEST_TIME else local.date() + timedelta(days=1)


def digest_window(day: date) -> tuple[datetime, datetime]:
    end = timezone.make_aware(datetime.combine(day, DIGEST_TIME))
    return end - timedelta(days=1), end


def schedule_digest(moment: datetime) -> None:
    """Make sure the digest of the day of this release is due at its 18:00, once."""
    from alerts import tasks

    day = digest_date(moment)
    try:
        with transaction.atomic():
            _, created = DigestRun.objects.get_or_create(date=day)
    except IntegrityError:
        created = False
    if created:
        tasks.enqueue_after_commit(
            tasks.send_digest, day.isoformat(), run_after=digest_window(day)[1]
        )


def send_digest(day: date) -> None:
    """Email each daily subscriber the day's public releases they follow; none if none."""
    run = DigestRun.objects.filter(date=day).first()
    if run is None:
        return
    if run.fanned_out_at is None:
        start, end = digest_window(day)
        releases = list(
            Release.objects.public()
            .filter(publish_at__gt=start, publish_at__lte=end)
            .order_by("publish_at", "pk")
            .prefetch_related("topics")
        )
        topics_of = {
            release.pk: {topic.pk for topic in release.topics.all()} for release in releases
        }
        subscribers = Subscriber.objects.receiving().filter(
            subscription__frequency=Frequency.DAILY
        )
        chosen: dict[int, set[int]] = {}
        for subscriber_id, topic_id in Subscription.topics.through.objects.filter(
            subscription__subscriber__in=subscribers
        ).values_list("subscription__subscriber_id", "topic_id"):
            chosen.setdefault(subscriber_id, set()).add(topic_id)

        def rows():
            for pk, languages in subscribers.values_list("pk", "subscription__languages"):
                wanted = chosen.get(pk)
                listed = [
                    release.pk
                    for release in releases
                    if wanted is None or topics_of[release.pk] & wanted
                ]
                if listed:
                    yield pk, languages, listed

        create_emails(run, rows())
    delivery.start(run)
